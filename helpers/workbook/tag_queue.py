"""Which contacts the tagger shows, and in which order: one table per network, orderings and filters.

`contact_table` joins what a card needs (names, company, position, signals, closeness score,
a search key) once; `ordered_rows` and `search_mask` are vectorised, so re-ordering or searching
30,000 contacts takes milliseconds and the widget never loops over people.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from .suggest import closeness_scores

# Dropdown label -> key; the first is the default.
ORDERS = {
    "People you probably know first": "probably-know",
    "Longest connected": "longest",
    "By company": "company",
    "Newest first": "newest",
}


def contact_table(network, as_of) -> pd.DataFrame:
    """One row per contact (positional index): what the cards show, plus sort and search keys."""
    people = network.connections.reset_index(drop=True)
    signals = network.signals.reindex(people["contact_id"]).reset_index(drop=True)
    table = pd.concat([people[["contact_id", "full_name", "company", "position", "connected_on"]], signals], axis=1)
    table["closeness"] = closeness_scores(signals, people["connected_on"], as_of).to_numpy()
    table["name_key"] = fold(people["full_name"])
    table["company_key"] = fold(people["company"])
    table["search_key"] = fold(people["full_name"].fillna("") + "\n" + people["company"].fillna("")
                               + "\n" + people["position"].fillna(""))
    return table


def fold(texts: pd.Series) -> pd.Series:
    """Case- and accent-insensitive keys: "Søren Núñez" -> "søren nunez". Missing stays missing."""
    return texts.map(fold_text, na_action="ignore")


def fold_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def ordered_rows(table: pd.DataFrame, order: str) -> np.ndarray:
    """Row positions of `table` in the chosen order; ties broken by name, then contact_id."""
    if order not in ORDERS.values():
        raise ValueError(f"order must be one of {', '.join(ORDERS.values())}; got {order!r}")
    keys = {
        "probably-know": (["closeness", "connected_on"], [False, True]),
        "longest": (["connected_on"], [True]),
        "company": (["company_key"], [True]),
        "newest": (["connected_on"], [False]),
    }[order]
    columns, ascending = keys[0] + ["name_key", "contact_id"], keys[1] + [True, True]
    return table.sort_values(columns, ascending=ascending, na_position="last", kind="stable").index.to_numpy()


def search_mask(table: pd.DataFrame, text: str) -> np.ndarray:
    """True where the name, company or position contains `text` (any case, accents ignored)."""
    needle = fold_text(text.strip())
    if not needle:
        return np.ones(len(table), dtype=bool)
    return table["search_key"].str.contains(needle, regex=False).fillna(False).to_numpy(dtype=bool)
