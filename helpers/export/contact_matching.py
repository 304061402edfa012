"""Match people named in other export files to contacts: by profile URL, else by unique name.

Matching works on positions (row numbers in Connections.csv, -1 for no contact), looked up
once per distinct key or name: 300,000 messages name a few thousand people.
"""
from functools import cached_property

import numpy as np
import pandas as pd

from .profile_urls import profile_keys

NO_CONTACT = -1


def name_key(names: pd.Series) -> pd.Series:
    """Case- and space-insensitive form of a display name, for matching by name."""
    codes, distinct = pd.factorize(names)
    keys = np.array([" ".join(str(name).casefold().split()) for name in distinct.tolist()] + [""], dtype=object)
    return pd.Series(keys[codes], index=names.index, dtype=object)  # missing names: ""


def spread(per_value, codes: np.ndarray, missing, dtype=object) -> np.ndarray:
    """Values computed once per distinct value, back on every row (code -1: `missing`)."""
    table = np.empty(len(per_value) + 1, dtype=dtype)
    table[:-1] = per_value
    table[-1] = missing
    return table[codes]


class ContactMatcher:
    """Finds the contact for a profile URL or a name; a name shared by two contacts is never guessed."""

    def __init__(self, connections: pd.DataFrame):
        self.connections = connections
        self.index = pd.Index(connections["contact_id"])  # unique: repeats got #2, #3
        self.ids = set(connections["contact_id"].tolist())  # tolist: one conversion, not 30,000 lookups
        # Exports before 2024 have no URLs in Connections.csv: such contacts can only be found by name.
        self.without_url = np.append(connections["profile_url"].isna().to_numpy(), False)  # [-1]: no contact

    @cached_property
    def unique_names(self) -> dict[str, int]:
        """Name key -> position, for names only one contact has (built when first needed)."""
        keys = name_key(self.connections["full_name"])
        counts = keys.value_counts()
        unique = (keys.map(counts) == 1).to_numpy()
        return dict(zip(keys[unique], np.flatnonzero(unique).tolist()))

    def positions(self, keys) -> np.ndarray:
        """Profile keys (None allowed) -> positions of the contacts they are (-1: not a connection)."""
        codes, distinct = pd.factorize(np.asarray(keys, dtype=object))
        return spread(self.index.get_indexer(distinct), codes, NO_CONTACT, np.int64)

    def contact_ids(self, positions: np.ndarray, index=None) -> pd.Series:
        """The contact_id at each position; missing for -1."""
        ids = pd.Series(self.connections["contact_id"]).array.take(positions, allow_fill=True)
        return pd.Series(ids, index=index)

    def by_names(self, names: pd.Series) -> np.ndarray:
        lookup = self.unique_names
        codes, distinct = pd.factorize(name_key(names))
        return spread([lookup.get(key, NO_CONTACT) for key in distinct], codes, NO_CONTACT, np.int64)

    def fill_by_name(self, positions: np.ndarray, has_key: np.ndarray, names: pd.Series,
                     other_names: pd.Series, use_names: np.ndarray) -> np.ndarray:
        """Rows no key found: the contact with that unique name (`names` where `use_names`, else `other_names`).

        A row whose key matched no one is someone else, unless a contact has no URL to compare."""
        unmatched = positions < 0
        if not self.without_url.any():  # every contact has a URL: a key that matched no one is not a contact
            unmatched &= ~has_key
        if unmatched.any():
            rows = np.flatnonzero(unmatched)
            wanted = names.iloc[rows].where(use_names[rows], other_names.iloc[rows])
            found = self.by_names(wanted)
            # a URL that is not among your connections' URLs is someone else, unless the contact has no URL
            someone_else = has_key[rows] & ~self.without_url[found] & (found >= 0)
            positions = positions.copy()
            positions[rows] = np.where(someone_else, NO_CONTACT, found)
        return positions

    def match_keys(self, keys: pd.Series, names: pd.Series) -> pd.Series:
        """Profile keys where known; else the unique name (to a URL-less contact, where there is a key)."""
        has_key = keys.notna().to_numpy()
        positions = self.positions(keys.to_numpy(dtype=object))
        positions = self.fill_by_name(positions, has_key, names, names, np.ones(len(keys), dtype=bool))
        return self.contact_ids(positions, keys.index)

    def match(self, urls: pd.Series | None, names: pd.Series) -> pd.Series:
        """URL first (exact person); the name only where the file has no URL for that row."""
        if urls is None:
            return self.contact_ids(self.by_names(names), names.index)
        return self.match_keys(profile_keys(urls), names)


def full_names(first: pd.Series, last: pd.Series) -> pd.Series:
    return (first.fillna("") + " " + last.fillna("")).str.strip()
