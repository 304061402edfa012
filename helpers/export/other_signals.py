"""Endorsements, recommendations and invitations: each row tied to the contact it concerns."""
from pathlib import Path

import pandas as pd

from .contact_matching import ContactMatcher, full_names
from .csv_text import read_table
from .dates import parse_dates

# file (lower case) -> (columns that identify it, date column, name columns, URL columns)
ENDORSEMENTS_RECEIVED = ("endorsement_received_info.csv", {"endorser first name", "endorser last name"},
                         "endorsement date", ("endorser first name", "endorser last name"), "endorser public url")
ENDORSEMENTS_GIVEN = ("endorsement_given_info.csv", {"endorsee first name", "endorsee last name"},
                      "endorsement date", ("endorsee first name", "endorsee last name"), "endorsee public url")
RECOMMENDATIONS_RECEIVED = ("recommendations_received.csv", {"first name", "last name"},
                            "creation date", ("first name", "last name"), None)
RECOMMENDATIONS_GIVEN = ("recommendations_given.csv", {"first name", "last name"},
                         "creation date", ("first name", "last name"), None)
SIGNAL_FILES = {
    "endorsements_received": ENDORSEMENTS_RECEIVED, "endorsements_given": ENDORSEMENTS_GIVEN,
    "recommendations_received": RECOMMENDATIONS_RECEIVED, "recommendations_given": RECOMMENDATIONS_GIVEN,
}


def read_person_rows(data: "bytes | Path", file: str, spec, matcher: ContactMatcher) -> pd.DataFrame | None:
    """Endorsement or recommendation rows with `name`, `date`, `contact_id` (URL first, else unique name)."""
    _, required, date_column, (first, last), url_column = spec
    table = read_table(data, file, required)
    if table is None:
        return None
    source = table.frame
    frame = pd.DataFrame({"name": full_names(source[first], source[last])})
    frame["date"], _ = parse_dates(source[date_column]) if date_column in source else (pd.NaT, None)
    for extra in ("skill name", "text", "status", "endorsement status", "company", "job title"):
        if extra in source:
            frame[extra.replace(" ", "_")] = source[extra]
    urls = source[url_column] if url_column and url_column in source else None
    frame["contact_id"] = matcher.match(urls, frame["name"])
    frame.attrs["notes"] = table.notes  # for the load report (lines skipped, encoding)
    return frame


def read_invitations(data: "bytes | Path", file: str, matcher: ContactMatcher) -> pd.DataFrame | None:
    """Invitations.csv: who invited whom, and whether a personal note came with it."""
    table = read_table(data, file, {"from", "to", "sent at"})
    if table is None:
        return None
    source = table.frame
    outgoing = source.get("direction", pd.Series(None, index=source.index, dtype="str")).str.upper() == "OUTGOING"
    frame = pd.DataFrame({"from_name": source["from"], "to_name": source["to"], "direction": source.get("direction")})
    frame["sent_at"], _ = parse_dates(source["sent at"])
    frame["message"] = source.get("message")
    frame["has_note"] = frame["message"].notna()
    other_url = _column(source, "inviteeprofileurl").where(outgoing, _column(source, "inviterprofileurl"))
    other_name = frame["to_name"].where(outgoing, frame["from_name"])
    frame["contact_id"] = matcher.match(other_url, other_name)
    frame.attrs["notes"] = table.notes  # for the load report, as for endorsements and recommendations
    return frame


def read_owner_name(data: "bytes | Path", file: str) -> str | None:
    """Profile.csv names the export owner (first row)."""
    table = read_table(data, file, {"first name", "last name"})
    if table is None or table.frame.empty:
        return None
    name = full_names(table.frame["first name"], table.frame["last name"]).iloc[0]
    return name or None


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(None, index=frame.index, dtype="str")
