"""Match people named in other export files to contacts: by profile URL, else by unique name."""
from functools import cached_property

import numpy as np
import pandas as pd

from .profile_urls import profile_keys


def name_key(names: pd.Series) -> pd.Series:
    """Case- and space-insensitive form of a display name, for matching by name."""
    lookup = {name: " ".join(str(name).casefold().split()) for name in names.dropna().unique()}
    return names.map(lookup).astype(object).fillna("")  # all-missing names map to float: cast before text


class ContactMatcher:
    """Finds the contact_id for a profile URL or a name; a name shared by two contacts is never guessed."""

    def __init__(self, connections: pd.DataFrame):
        self.connections = connections
        self.ids = set(connections["contact_id"])
        # Exports before 2024 have no URLs in Connections.csv: such contacts can only be found by name.
        self.ids_without_url = set(connections.loc[connections["profile_url"].isna(), "contact_id"])

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
        codes, values = pd.factorize(keys)
        ids = np.array([key if key in self.ids else None for key in values] + [None], dtype=object)
        return ids[codes]

    def match_keys(self, keys: pd.Series, names: pd.Series) -> pd.Series:
        """Profile keys where known; else the unique name (to a URL-less contact, where there is a key)."""
        everyone = np.ones(len(keys), dtype=bool)
        contact = self.match_arrays(keys.to_numpy(dtype=object), names, names, everyone)
        return pd.Series(contact, index=keys.index, dtype=object)

    def match_arrays(self, keys: np.ndarray, names: pd.Series, other_names: pd.Series, use_names: np.ndarray,
                     contacts: np.ndarray | None = None):
        """Per row: the contact for its profile key, else for `names` where `use_names`, else `other_names`.

        `contacts`: the key lookup already done by the caller (per distinct value, spread to rows)."""
        contact = self.keys_to_ids(keys) if contacts is None else contacts.astype(object)
        unmatched = pd.isna(contact)
        if not self.ids_without_url:  # every contact has a URL: a key that matched no one is not a contact
            unmatched &= pd.isna(keys)
        if unmatched.any():
            rows = np.flatnonzero(unmatched)
            wanted = names.iloc[rows].where(use_names[rows], other_names.iloc[rows])
            by_name = self.by_names(wanted).to_numpy(dtype=object)
            had_key = ~pd.isna(keys[rows])
            # a URL that is not among your connections' URLs is someone else, unless the contact has no URL
            by_name[had_key] = [c if c in self.ids_without_url else None for c in by_name[had_key]]
            contact[rows] = by_name
        return contact

    def match(self, urls: pd.Series | None, names: pd.Series) -> pd.Series:
        """URL first (exact person); the name only where the file has no URL for that row."""
        if urls is None:
            return self.by_names(names).astype(object)
        return self.match_keys(profile_keys(urls), names)


def full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    return (first.fillna("") + " " + last.fillna("")).str.strip()


