"""messages.csv (every era since 2018) -> one row per real message, with the contact it was with.

Sponsored mail, drafts and spam are not conversations with a contact and are left out. Which
side is "me" comes from the owner's profile URL (present in nearly every conversation), else
the Direction/Folder columns of older eras, else the owner's name from Profile.csv.
"""
import pandas as pd

from .contact_matching import ContactMatcher, name_key
from .csv_text import read_table
from .dates import parse_dates
from .profile_urls import profile_key, profile_keys

COLUMNS = {
    "conversation id": "conversation_id", "conversation title": "conversation_title",
    "from": "from_name", "sender profile url": "sender_url", "to": "to_name",
    "recipient profile urls": "recipient_urls", "date": "sent_at", "subject": "subject",
    "content": "content", "direction": "direction_raw", "folder": "folder",
    "is message draft": "message_draft", "is conversation draft": "conversation_draft",
}
REQUIRED = {"from", "to", "date"}
OUTPUT = ["conversation_id", "conversation_title", "sent_at", "from_name", "to_name", "subject",
          "content", "folder", "direction", "contact_id"]


def read_messages(data: bytes, file: str, matcher: ContactMatcher, owner_name: str | None):
    """Return (messages, counts of what was left out, notes), or None when no header is found."""
    table = read_table(data, file, REQUIRED)
    if table is None:
        return None
    frame = _rename(table.frame)
    left_out = _left_out(frame)
    frame = frame.loc[~left_out.any(axis=1)].reset_index(drop=True)
    frame["sent_at"], _ = parse_dates(frame["sent_at"])
    owner_key = _owner_key(frame, owner_name)
    sent = _sent_by_owner(frame, owner_key, owner_name)
    frame["direction"] = sent.map({True: "sent", False: "received"})
    frame["contact_id"] = _contacts(frame, sent, owner_key, matcher)
    counts = {name: int(column.sum()) for name, column in left_out.items()}
    return frame[OUTPUT], counts, table.notes


def _rename(source: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({ours: source[raw] for raw, ours in COLUMNS.items() if raw in source.columns})
    for ours in COLUMNS.values():
        if ours not in frame.columns:
            frame[ours] = pd.Series(None, index=source.index, dtype="str")
    return frame


def _left_out(frame: pd.DataFrame) -> pd.DataFrame:
    """Which rows are sponsored mail, drafts or spam (not conversations with a contact)."""
    title, sender = frame["conversation_title"], frame["from_name"]
    sponsored = (title.str.casefold() == "sponsored conversation") | (
        (sender.str.casefold() == "linkedin member") & frame["sender_url"].isna())
    yes = lambda column: column.str.casefold().isin(["yes", "true"])
    draft = yes(frame["message_draft"]) | yes(frame["conversation_draft"])
    folder = frame["folder"].str.upper()
    if frame["conversation_id"].notna().any():  # eras with conversations: a draft has neither
        draft |= frame["conversation_id"].isna() & frame["folder"].isna()
    draft |= folder.isin(["DRAFT", "DRAFTS"])
    spam = folder.isin(["SPAM", "TRASH"]) & ~sponsored & ~draft
    return pd.DataFrame({"sponsored message": sponsored.fillna(False), "draft": (draft & ~sponsored).fillna(False),
                         "spam message": spam.fillna(False)})


def _owner_key(frame: pd.DataFrame, owner_name: str | None) -> str | None:
    """The export owner's profile key: the one present in (nearly) every conversation."""
    senders = profile_keys(frame["sender_url"])
    if owner_name:
        mine = senders[name_key(frame["from_name"]) == name_key(pd.Series([owner_name]))[0]].dropna()
        if not mine.empty:
            return mine.mode()[0]
    appearances = senders.dropna().groupby(frame["conversation_id"].fillna("")).unique().explode().value_counts()
    for urls, count in frame["recipient_urls"].value_counts().items():
        for key in _split_keys(urls):
            appearances[key] = appearances.get(key, 0) + count
    return appearances.idxmax() if len(appearances) else None


def _split_keys(urls: str) -> list[str]:
    """RECIPIENT PROFILE URLS joins several URLs with commas (URLs never contain a bare comma)."""
    return [key for key in (profile_key(part) for part in str(urls).split(",")) if key]


def _sent_by_owner(frame: pd.DataFrame, owner_key: str | None, owner_name: str | None) -> pd.Series:
    if owner_key is not None:
        return (profile_keys(frame["sender_url"]) == owner_key).fillna(False).astype(bool)
    if frame["direction_raw"].notna().any():
        return (frame["direction_raw"].str.upper() == "OUTGOING").fillna(False).astype(bool)
    if frame["folder"].str.upper().eq("SENT").any():
        return (frame["folder"].str.upper() == "SENT").fillna(False).astype(bool)
    senders = name_key(frame["from_name"])
    me = name_key(pd.Series([owner_name]))[0] if owner_name else senders.mode()[0] if len(senders) else ""
    return senders == me


def _contacts(frame: pd.DataFrame, sent: pd.Series, owner_key: str | None, matcher: ContactMatcher) -> pd.Series:
    """The one contact each message was with; missing for group chats and non-contacts."""
    other_key = profile_keys(frame["sender_url"]).where(~sent)
    group = pd.Series(False, index=frame.index)
    if frame["recipient_urls"].notna().any():
        others = _recipients_besides(frame["recipient_urls"], owner_key)
        count = others.str.len().fillna(0)
        other_key = other_key.where(~sent, others.str[0])
        group = count > sent.map({True: 1, False: 0})  # anyone beyond the one other person
    elif frame["sender_url"].notna().any():
        partner, group = _conversation_partners(frame, other_key)
        other_key = other_key.where(~sent, partner)
    other_name = frame["to_name"].where(sent, frame["from_name"])
    contact = matcher.match_keys(other_key, other_name)
    return contact.where(~group, None)


def _recipients_besides(urls: pd.Series, owner_key: str | None) -> pd.Series:
    lookup = {value: [k for k in _split_keys(value) if k != owner_key] for value in urls.dropna().unique()}
    return urls.map(lookup)


def _conversation_partners(frame: pd.DataFrame, other_key: pd.Series):
    """2021 files name no recipients: a conversation's partner is whoever else wrote in it."""
    conversation = frame["conversation_id"].fillna("")
    partners = other_key.dropna().groupby(conversation[other_key.notna()])
    first, count = partners.first(), partners.nunique()
    return conversation.map(first), conversation.map(count).fillna(0) > 1
