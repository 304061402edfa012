"""Per-contact signals of a real relationship, counted from the export's files."""
import pandas as pd

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
            counts = rows["contact_id"].dropna().value_counts()
            signals[column] = counts.reindex(index, fill_value=0).astype("int64").to_numpy()
    if invitations is not None and len(invitations):
        noted = set(invitations.loc[invitations["has_note"], "contact_id"].dropna())
        signals["invitation_note"] = index.isin(noted)
    return signals[COLUMNS]


def _add_messages(signals: pd.DataFrame, messages: pd.DataFrame) -> None:
    known = messages[messages["contact_id"].notna()]
    by_direction = known.groupby(["contact_id", "direction"]).size().unstack(fill_value=0)
    for direction, column in (("sent", "messages_sent"), ("received", "messages_received")):
        if direction in by_direction:
            signals[column] = by_direction[direction].reindex(signals.index, fill_value=0).astype("int64").to_numpy()
    last = known.groupby("contact_id")["sent_at"].max()
    signals["last_message_at"] = last.reindex(signals.index).astype("datetime64[ns]").to_numpy()
