"""Connections.csv -> one row per contact, with a contact_id that stays the same across exports."""
import pandas as pd

from .contact_matching import full_names
from .csv_text import CsvTable, first_lines, read_table
from .dates import parse_dates
from .errors import ExportError
from .profile_urls import profile_keys

# Column names across every era (lower case) -> our names. Unknown columns are ignored.
COLUMNS = {
    "first name": "first_name", "last name": "last_name",
    "url": "profile_url", "profile url": "profile_url", "public profile url": "profile_url",
    "email address": "email", "e-mail address": "email", "email": "email",
    "company": "company", "position": "position", "connected on": "connected_on",
}
OUTPUT = ["contact_id", "first_name", "last_name", "full_name", "profile_url", "email",
          "company", "position", "connected_on"]
REQUIRED = {"first name", "last name"}

# What other export files start with, to say what was passed instead of Connections.csv.
OTHER_FILES = {
    "messages.csv": {"from", "to", "content"},
    "Invitations.csv": {"from", "to", "sent at"},
    "Endorsement_Received_Info.csv": {"endorsement date", "skill name"},
    "Recommendations_Received.csv": {"text", "creation date"},
    "Profile.csv": {"headline", "summary"},
    "Positions.csv": {"company name", "title", "started on"},
}


def read_connections(data: bytes, file: str) -> tuple[pd.DataFrame, int, list[str]]:
    """Return (connections, ghost rows skipped, notes about the file)."""
    table = read_table(data, file, REQUIRED)
    if table is None:
        raise _not_connections(data, file)
    frame = _rename(table)
    ghosts = frame[["first_name", "last_name", "profile_url"]].isna().all(axis=1)
    frame = frame.loc[~ghosts].reset_index(drop=True)
    frame["connected_on"], form = parse_dates(frame["connected_on"])
    frame["connected_on"] = frame["connected_on"].dt.normalize()
    notes = table.notes + _date_notes(frame, form)
    names = full_names(frame["first_name"], frame["last_name"])
    frame["full_name"] = names.where(names != "")
    frame["contact_id"], id_notes = _contact_ids(frame)
    return frame[OUTPUT], int(ghosts.sum()), notes + id_notes


def _rename(table: CsvTable) -> pd.DataFrame:
    source = table.frame
    frame = pd.DataFrame(index=source.index)
    for raw, ours in COLUMNS.items():
        if raw in source.columns and ours not in frame.columns:
            frame[ours] = source[raw]
    for ours in set(COLUMNS.values()) - set(frame.columns):
        frame[ours] = pd.Series(None, index=source.index, dtype="str")
    return frame


def _contact_ids(frame: pd.DataFrame) -> tuple[pd.Series, list[str]]:
    """The profile slug where there is a URL; else `name|connected date` (exports before 2024)."""
    ids = profile_keys(frame["profile_url"])
    no_url = ids.isna()
    if no_url.any():
        rows = frame.loc[no_url]
        ids[no_url] = (rows["full_name"].fillna("").str.casefold() + "|"
                       + rows["connected_on"].dt.strftime("%Y-%m-%d").fillna("unknown date"))
    notes = []
    if ids.duplicated().any():
        codes, _ = pd.factorize(ids)
        repeat = pd.Series(codes, index=ids.index).groupby(codes).cumcount()  # on codes: no string sorting
        notes.append(f"{int((repeat > 0).sum()):,} rows repeat a profile already listed (kept apart with #2, #3...)")
        ids = ids.where(repeat == 0, ids + "#" + (repeat + 1).astype(str))
    return ids.astype(str), notes


def _date_notes(frame: pd.DataFrame, form: str | None) -> list[str]:
    missing = int(frame["connected_on"].isna().sum())
    if not missing:
        return []
    return [f"{missing:,} 'Connected On' dates could not be read (left empty)"]


def _not_connections(data: bytes, file: str) -> ExportError:
    if not data.strip():
        return ExportError(file, "Connections.csv with a header row (First Name, Last Name, ...)", "an empty file",
                           "Take Connections.csv again from the zip LinkedIn sent you.")
    for name, columns in OTHER_FILES.items():
        if read_table(data[:65536], file, columns) is not None:
            return ExportError(file, "Connections.csv (First Name, Last Name, ... Connected On)",
                               f"a file that looks like {name}",
                               "The workbook needs Connections.csv from the zip LinkedIn sent you "
                               "(or pass the whole zip or folder).")
    return ExportError(file, "Connections.csv with a header row naming 'First Name' and 'Last Name'",
                       f"no such header near the top; it starts {first_lines(data)}",
                       "Use Connections.csv from the zip LinkedIn sent you, or pass the whole zip.")
