"""messages.csv (every era since 2018) -> one row per real message, with the contact it was with.

Sponsored mail, drafts and spam are not conversations with a contact and are left out. Which
side is "me" comes from the owner's profile URL (present in nearly every conversation), else
the Direction/Folder columns of older eras, else the owner's name from Profile.csv.

A large export has 300,000 messages between a few thousand people, so every per-person step
works on the distinct values of a column (pandas.factorize) and is spread back by code.
"""
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from .contact_matching import NO_CONTACT, ContactMatcher, name_key, spread
from .csv_text import read_table
from .dates import parse_dates
from .profile_urls import distinct_profile_keys

COLUMNS = {
    "conversation id": "conversation_id", "conversation title": "conversation_title",
    "from": "from_name", "sender profile url": "sender_url", "to": "to_name",
    "recipient profile urls": "recipient_urls", "date": "sent_at", "subject": "subject",
    "content": "content", "direction": "direction_raw", "folder": "folder",
    "is message draft": "message_draft", "is conversation draft": "conversation_draft",
}
REQUIRED = {"from", "to", "date"}
KEPT = ["conversation_id", "conversation_title", "sent_at", "from_name", "to_name", "subject", "content",
        "folder", "sender_url", "recipient_urls", "direction_raw"]
OUTPUT = ["conversation_id", "conversation_title", "sent_at", "from_name", "to_name", "subject",
          "content", "folder", "direction", "contact_id"]


class Coded:
    """A column as integer codes into its distinct values (-1 = missing)."""

    def __init__(self, column: pd.Series):
        self.codes, distinct = pd.factorize(column, use_na_sentinel=True)
        self.values = distinct.tolist()  # Python strings: each is looked at once, in Python

    def spread(self, per_value, missing=None, dtype=object) -> np.ndarray:
        """Values computed once per distinct value, spread back to every row."""
        return spread(per_value, self.codes, missing, dtype)

    def isin(self, wanted) -> np.ndarray:
        return np.isin(self.codes, [i for i, value in enumerate(self.values) if value in wanted])


def read_messages(data: "bytes | Path", file: str, matcher: ContactMatcher, owner_name: str | None):
    """Return (messages, counts of what was left out, notes), or None when no header is found."""
    table = read_table(data, file, REQUIRED, strip=False)
    if table is None:
        return None
    frame = _rename(table.frame)
    left_out = _left_out(frame)
    keep = ~left_out.any(axis=1).to_numpy()
    frame = frame[KEPT]  # what the rest needs: no draft flags, no attachments
    if not keep.all():
        frame = frame.loc[keep].reset_index(drop=True)
    frame["sent_at"], _ = parse_dates(frame["sent_at"])
    senders, recipients = Coded(frame["sender_url"]), Coded(frame["recipient_urls"])
    sender_keys = distinct_profile_keys(senders.values).tolist()       # per distinct sender URL
    recipient_keys = _split_all(recipients.values)                       # per distinct recipient list
    owner_key = _owner_key(frame, senders, sender_keys, recipients, recipient_keys, owner_name, matcher.ids)
    sent = _sent_by_owner(frame, senders, sender_keys, owner_key, owner_name)
    frame["direction"] = pd.Categorical.from_codes(sent.astype("int8"), ["received", "sent"])
    positions = _contacts(frame, senders, sender_keys, recipients, recipient_keys, sent, owner_key, matcher)
    frame["contact_id"] = matcher.contact_ids(positions, frame.index)
    counts = {name: int(column.sum()) for name, column in left_out.items()}
    return frame[OUTPUT], counts, table.notes


def _rename(source: pd.DataFrame) -> pd.DataFrame:
    frame = source.rename(columns=COLUMNS)  # no copy: 300,000 contents stay where they are
    for ours in COLUMNS.values():
        if ours not in frame.columns:
            frame[ours] = pd.Series(None, index=source.index, dtype="str")
    return frame


def _folded_is(column: pd.Series, *words: str, coded: Coded | None = None) -> np.ndarray:
    """Case-insensitive `column in words`, decided once per distinct value."""
    coded = coded or Coded(column)
    return coded.isin({value for value in coded.values if str(value).strip().casefold() in words})


def _left_out(frame: pd.DataFrame) -> pd.DataFrame:
    """Which rows are sponsored mail, drafts or spam (not conversations with a contact)."""
    no_sender_url = frame["sender_url"].isna().to_numpy()
    member = np.zeros(len(frame), dtype=bool)  # "LinkedIn Member" with no URL: only rows without a URL
    member[no_sender_url] = _folded_is(frame["from_name"][no_sender_url], "linkedin member")
    sponsored = _folded_is(frame["conversation_title"], "sponsored conversation") | member
    draft = np.zeros(len(frame), dtype=bool)
    for flag in ("message_draft", "conversation_draft"):  # columns of late-2024+ files only
        if frame[flag].notna().any():
            draft |= _folded_is(frame[flag], "yes", "true")
    folder = Coded(frame["folder"])
    if frame["conversation_id"].notna().any():  # eras with conversations: a draft has neither
        draft |= frame["conversation_id"].isna().to_numpy() & (folder.codes < 0)
    draft |= _folded_is(frame["folder"], "draft", "drafts", coded=folder)
    spam = _folded_is(frame["folder"], "spam", "trash", coded=folder)
    return pd.DataFrame({"sponsored message": sponsored, "draft": draft & ~sponsored,
                         "spam message": spam & ~sponsored & ~draft})


def _split_all(recipient_lists) -> list[list[str]]:
    """RECIPIENT PROFILE URLS joins several URLs with commas (URLs never contain a bare comma).

    The owner's URL is in most lists: each distinct URL is keyed once."""
    split = [str(urls).split(",") for urls in recipient_lists]
    distinct = list(dict.fromkeys(url for urls in split for url in urls))
    keys = dict(zip(distinct, distinct_profile_keys(distinct)))
    return [[keys[url] for url in urls if keys[url]] for urls in split]


def _owner_key(frame, senders: Coded, sender_keys, recipients: Coded, recipient_keys, owner_name,
               contacts: set) -> str | None:
    """The export owner's profile key: the one in (nearly) every message, as sender or recipient.

    The owner is never one of their own connections: that breaks ties in a tiny export."""
    if owner_name and not len(recipients.values):  # 2021 files: only senders have URLs; the name decides
        mine = senders.codes[(name_key(frame["from_name"]) == name_key(pd.Series([owner_name]))[0]).to_numpy()]
        keys = pd.Series([sender_keys[code] for code in mine[mine >= 0]], dtype=object).dropna()
        if not keys.empty:
            return keys.mode()[0]
    appearances = Counter()
    for keys, count in zip(sender_keys, _counts(senders)):
        if keys:
            appearances[keys] += count
    for keys, count in zip(recipient_keys, _counts(recipients)):
        for key in keys:
            appearances[key] += count
    if not appearances:
        return None
    return max(appearances, key=lambda key: (appearances[key], key not in contacts))


def _counts(coded: Coded) -> list[int]:
    return np.bincount(coded.codes[coded.codes >= 0], minlength=len(coded.values)).tolist()


def _sent_by_owner(frame: pd.DataFrame, senders: Coded, sender_keys, owner_key, owner_name) -> np.ndarray:
    if owner_key is not None:
        return senders.isin({url for url, key in zip(senders.values, sender_keys) if key == owner_key})
    if frame["direction_raw"].notna().any():
        return _folded_is(frame["direction_raw"], "outgoing")
    if _folded_is(frame["folder"], "sent").any():
        return _folded_is(frame["folder"], "sent")
    senders = name_key(frame["from_name"])
    me = name_key(pd.Series([owner_name]))[0] if owner_name else senders.mode()[0] if len(senders) else ""
    return (senders == me).to_numpy()


def _contacts(frame, senders: Coded, sender_keys, recipients: Coded, recipient_keys, sent: np.ndarray, owner_key,
              matcher: ContactMatcher) -> np.ndarray:
    """Position (in Connections.csv) of the one contact each message was with; -1 for group chats and others.

    Received: the sender. Sent: the recipient who is not the owner; 2021 files name no recipients,
    so the other person writing in the conversation. Where no profile key finds them, the name."""
    if len(recipients.values):
        others = [[key for key in keys if key != owner_key] for keys in recipient_keys]
        first = [keys[0] if keys else None for keys in others]
        has_key = np.where(sent, recipients.spread([key is not None for key in first], False, bool),
                           senders.spread([key is not None for key in sender_keys], False, bool))
        positions = np.where(sent, recipients.spread(matcher.positions(first), NO_CONTACT, np.int64),
                             senders.spread(matcher.positions(sender_keys), NO_CONTACT, np.int64))
        group = recipients.spread([len(keys) for keys in others], 0, np.int64) > sent  # anyone beyond the other
    else:
        other_key = np.where(sent, None, senders.spread(sender_keys))
        group = np.zeros(len(frame), dtype=bool)
        if frame["sender_url"].notna().any():
            partner, group = _conversation_partners(frame, other_key)
            other_key = np.where(sent, partner, other_key)
        has_key, positions = pd.notna(other_key), matcher.positions(other_key)
    positions = matcher.fill_by_name(positions, has_key, frame["to_name"], frame["from_name"], sent)
    return np.where(group, NO_CONTACT, positions)


def _conversation_partners(frame: pd.DataFrame, other_key: np.ndarray):
    """2021 files name no recipients: a conversation's partner is whoever else wrote in it."""
    conversation = frame["conversation_id"].fillna("").to_numpy(dtype=object)
    known = pd.Series(other_key).notna().to_numpy()
    partners = pd.Series(other_key[known]).groupby(conversation[known])
    first, count = partners.first(), partners.nunique()
    partner = pd.Series(conversation).map(first).to_numpy(dtype=object)
    return partner, (pd.Series(conversation).map(count).fillna(0) > 1).to_numpy()
