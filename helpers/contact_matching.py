"""Match people named in other export files to contacts: by profile URL, else by unique name."""
import pandas as pd

from .profile_urls import profile_keys


def name_key(names: pd.Series) -> pd.Series:
    """Case- and space-insensitive form of a display name, for matching by name."""
    return names.fillna("").astype(str).str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


class ContactMatcher:
    """Finds the contact_id for a profile URL or a name; a name shared by two contacts is never guessed."""

    def __init__(self, connections: pd.DataFrame):
        self.ids = set(connections["contact_id"])
        keys = name_key(connections["full_name"])
        counts = keys.value_counts()
        unique = keys[keys.map(counts) == 1]
        self.by_name = dict(zip(unique, connections.loc[unique.index, "contact_id"]))
        self.ambiguous_names = set(counts[counts > 1].index) - {""}

    def by_names(self, names: pd.Series) -> pd.Series:
        return name_key(names).map(self.by_name)

    def match_keys(self, keys: pd.Series, names: pd.Series) -> pd.Series:
        """Profile keys where known (a key that is not a connection stays unmatched), else names."""
        by_key = keys.where(keys.isin(self.ids))
        return by_key.where(keys.notna(), self.by_names(names)).astype(object)

    def match(self, urls: pd.Series | None, names: pd.Series) -> pd.Series:
        """URL first (exact person); the name only where the file has no URL for that row."""
        if urls is None:
            return self.by_names(names).astype(object)
        return self.match_keys(profile_keys(urls), names)


def full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    return (first.fillna("") + " " + last.fillna("")).str.strip()


