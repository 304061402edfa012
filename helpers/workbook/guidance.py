"""Friendly notes for the notebooks: what is missing, why, and the next step, instead of an empty table.

    guidance.table_or_note(helpers.pipeline_people(gap), "No coffee chats planned yet: ...")
    guidance.about_suggestions(network)     # what the tagger can go on: messages, or memory alone
    guidance.nobody_due(network, gap)       # why the losing-touch list is empty

A `Note` shows as a shaded box in the notebook and as plain text anywhere else.
"""
import html
from dataclasses import dataclass

import pandas as pd

from ..base.places import place

BASIC_EXPORT = "This export has no messages (a Basic export has none)"


@dataclass(frozen=True)
class Note:
    """A short message shown in place of a table or chart."""

    text: str

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        text = html.escape(self.text).replace("\n", "<br>")
        return f'<div style="background:#e7f1fb;color:#111;padding:10px 14px;border-radius:6px">{text}</div>'


def table_or_note(frame: pd.DataFrame, when_empty: str):
    """The table when it has rows, else a Note saying why it is empty and what to do."""
    return frame if len(frame) else Note(when_empty)


def has_messages(network) -> bool:
    """Does the export hold messages (a Complete export), or not (a Basic one)?"""
    return network.messages is not None


def about_suggestions(network) -> Note:
    """What the tagger's order and suggestions can go on in this export."""
    if has_messages(network):
        return Note("Your export has messages: the cards start with the people you have written to most, "
                    "and each card suggests a relationship. The call is always yours.")
    return Note(f"{BASIC_EXPORT}, so the cards start with the people you have been connected with longest, "
                "with no suggestions: rate from memory. The Complete export (it can take a day) adds "
                "messages and suggestions; put it in data/private/ when it arrives.")


def nobody_due(network, gap: pd.DataFrame) -> str:
    """Why nobody is on the losing-touch list yet, and what starts the clock."""
    rated = gap["relationship"].notna().to_numpy(dtype=bool)
    reasons = []
    if not rated.any():
        reasons.append(f"The clock runs only for people you rated on relationship: rate some in {place('rate')} first.")
    if not has_messages(network):
        reasons.append(f"{BASIC_EXPORT}, so each person's clock starts with the first coffee chat you log above.")
    elif rated.any() and not gap.loc[rated, "last_contact"].notna().any():
        reasons.append("None of the people you rated has a message or a logged chat yet, so no clock has "
                       "started: log your first coffee chat above.")
    if not reasons:
        reasons.append("Everyone you rated has been in touch recently enough. Log each coffee chat above "
                       "and come back next week.")
    return "Nobody is due yet. " + " ".join(reasons)
