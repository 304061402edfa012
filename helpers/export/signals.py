"""Per-contact signals of a real relationship, counted from the export's files."""
import numpy as np
import pandas as pd

from .contact_matching import NO_CONTACT, spread

COUNTS = ["messages_sent", "messages_received", "endorsements_received", "endorsements_given",
          "recommendations_received", "recommendations_given"]
COLUMNS = COUNTS[:2] + ["last_message_at"] + COUNTS[2:] + ["invitation_note"]


def contact_signals(contact_ids: pd.Series, messages: pd.DataFrame | None = None,
                    person_rows: dict[str, pd.DataFrame | None] | None = None,
                    invitations: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per contact_id: messages both ways, last message, endorsements, recommendations."""
    index = pd.Index(contact_ids, name="contact_id")
    signals = pd.DataFrame(0, index=index, columns=COUNTS, dtype="int64")
    signals["last_message_at"] = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    signals["invitation_note"] = False
    if messages is not None and len(messages):
        _add_messages(signals, messages)
    for column, rows in (person_rows or {}).items():
        if rows is not None and len(rows):
            if column.startswith("endorsements"):
                rows = endorsed_skills(rows)
            signals[column] = _count_per_contact(index, rows["contact_id"])
    if invitations is not None and len(invitations):
        noted = set(invitations.loc[invitations["has_note"], "contact_id"].dropna())
        signals["invitation_note"] = index.isin(noted)
    return signals[COLUMNS]


def endorsed_skills(rows: pd.DataFrame) -> pd.DataFrame:
    """What a person actually endorsed: ACCEPTED rows only (rows without a status count), each skill once.

    The file also lists endorsements you rejected, and the same skill endorsed again."""
    status = rows["endorsement_status"] if "endorsement_status" in rows else pd.Series(None, index=rows.index)
    accepted = status.isna() | (status.astype("string").str.strip().str.upper() == "ACCEPTED")
    rows = rows.loc[accepted.to_numpy()]
    if "skill_name" not in rows:
        return rows
    skill = rows["skill_name"].astype("string").str.strip().str.casefold()
    first_time = ~pd.DataFrame({"contact": rows["contact_id"], "skill": skill}).duplicated()
    return rows.loc[(first_time | skill.isna()).to_numpy()]


def _positions(index: pd.Index, contact_ids: pd.Series) -> np.ndarray:
    """Each row's position in `index` (-1: no contact): looked up once per distinct contact."""
    codes, distinct = pd.factorize(contact_ids)
    return spread(index.get_indexer(distinct), codes, NO_CONTACT, np.int64)


def _count_per_contact(index: pd.Index, contact_ids: pd.Series) -> np.ndarray:
    return _count_positions(_positions(index, contact_ids), len(index))


def _count_positions(positions: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(positions[positions >= 0], minlength=size).astype("int64")


def _add_messages(signals: pd.DataFrame, messages: pd.DataFrame) -> None:
    positions = _positions(signals.index, messages["contact_id"])
    sent = (messages["direction"] == "sent").to_numpy()
    signals["messages_sent"] = _count_positions(positions[sent], len(signals))
    signals["messages_received"] = _count_positions(positions[~sent], len(signals))
    known = positions >= 0
    last = np.full(len(signals), np.datetime64("NaT"), dtype="datetime64[ns]")
    sent_at = messages["sent_at"].to_numpy(dtype="datetime64[ns]")[known]
    np.maximum.at(last.view("int64"), positions[known], sent_at.view("int64"))  # NaT is the smallest int64
    signals["last_message_at"] = last
