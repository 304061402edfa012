"""Match people named in other export files to contacts: by profile URL, else by unique name."""
from functools import cached_property

import numpy as np
import pandas as pd

from .profile_urls import profile_keys


def name_key(names: pd.Series) -> pd.Series:
    """Case- and space-insensitive form of a display name, for matching by name."""
    lookup = {name: " ".join(str(name).casefold().split()) for name in names.dropna().unique()}
    return names.map(lookup).fillna("")


class ContactMatcher:
    """Finds the contact_id for a profile URL or a name; a name shared by two contacts is never guessed."""

    def __init__(self, connections: pd.DataFrame):
        self.connections = connections
        self.ids = set(connections["contact_id"])

    @cached_property
    def unique_names(self) -> dict[str, str]:
        """Name key -> contact_id, for names only one contact has (built when first needed)."""
        keys = name_key(self.connections["full_name"])
        counts = keys.value_counts()
        unique = keys[keys.map(counts) == 1]
        return dict(zip(unique, self.connections.loc[unique.index, "contact_id"]))

    def by_names(self, names: pd.Series) -> pd.Series:
        return name_key(names).map(self.unique_names)

    def keys_to_ids(self, keys: np.ndarray) -> np.ndarray:
        """Profile keys -> contact_ids (None for keys that are not your connections)."""
        lookup = {key: key for key in pd.unique(keys) if key in self.ids}
        return pd.Series(keys, dtype=object).map(lookup).to_numpy(dtype=object)

    def match_keys(self, keys: pd.Series, names: pd.Series) -> pd.Series:
        """Profile keys where known (a key that is not a connection stays unmatched), else names."""
        result = keys.where(keys.isin(self.ids)).astype(object)
        no_key = keys.isna()
        if no_key.any():
            result[no_key] = self.by_names(names[no_key])
        return result

    def match(self, urls: pd.Series | None, names: pd.Series) -> pd.Series:
        """URL first (exact person); the name only where the file has no URL for that row."""
        if urls is None:
            return self.by_names(names).astype(object)
        return self.match_keys(profile_keys(urls), names)


def full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    return (first.fillna("") + " " + last.fillna("")).str.strip()


