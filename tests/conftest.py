"""Fixture builders for the reader's tests.

Everything here writes LinkedIn-export files byte by byte, following
/work/shared/LINKEDIN_FORMATS.md (header eras, preamble, Excel re-saves, encodings).
The builders never look at the reader: expected values in the tests come from the
rows written here.

Test modules import the builders directly (``from conftest import ...``); pytest puts
this directory on ``sys.path`` (default "prepend" import mode).
"""
from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd
import pytest

# ---------------------------------------------------------------------------
# Connections.csv
# ---------------------------------------------------------------------------

PREAMBLE_NOTE = (
    "When exporting your connection data, you may notice that some of the email "
    "addresses are missing. You will only see email addresses for connections who have "
    "allowed their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    "https://www.linkedin.com/help/linkedin/answer/261"
)

HEADER_OLD = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
HEADER_URL = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
HEADER_OLD_SAMPLE = [
    "First Name", "Last Name", "Address", "Email Address", "Company", "Position",
    "Connected On", "Websites", "Instant Messengers",
]

# column name (case-insensitive) -> key in a row dict
COLUMN_KEYS = {
    "first name": "first",
    "last name": "last",
    "url": "url",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
    "address": "address",
    "websites": "websites",
    "instant messengers": "instant_messengers",
}

EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ES_MONTHS = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]


def _ampm(hour: int, minute: int) -> str:
    h12 = hour % 12 or 12
    return f"{h12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def fmt_date(value, style: str, *, index: int = 0) -> str:
    """Format a date/datetime the way a given file/era/spreadsheet writes it.

    A ``str`` is written as is (to test specific spellings)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    d = value
    if style == "mdy_time":  # 2018: "7/3/17, 9:05 AM"
        if isinstance(d, dt.datetime):
            hh, mm = d.hour, d.minute
        else:  # a connection date: some time of day, varied per row
            hh, mm = [(9, 5), (23, 47), (12, 0), (0, 30)][index % 4]
        return f"{d.month}/{d.day}/{d.year % 100:02d}, {_ampm(hh, mm)}"
    if style == "dd_mon_yyyy":  # 2021+: "07 Mar 2022"
        return f"{d.day:02d} {EN_MONTHS[d.month - 1]} {d.year}"
    if style == "excel_en":  # English Excel: "7-Mar-25"
        return f"{d.day}-{EN_MONTHS[d.month - 1]}-{d.year % 100:02d}"
    if style == "excel_es":  # Spanish Excel: "05-oct-21"
        return f"{d.day:02d}-{ES_MONTHS[d.month - 1]}-{d.year % 100:02d}"
    if style == "excel_dk":  # Danish Excel: "05.10.2021"
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso_t":  # messages ~2019-20: "2019-11-06T02:08:20"
        return d.strftime("%Y-%m-%dT%H:%M:%S")
    if style == "utc":  # messages 2021+: "2025-04-05 17:45:00 UTC"
        return d.strftime("%Y-%m-%d %H:%M:%S UTC")
    if style == "slash_utc":  # endorsements: "2024/03/15 10:30:00 UTC"
        if not isinstance(d, dt.datetime):
            d = dt.datetime(d.year, d.month, d.day, 10, 30)
        return d.strftime("%Y/%m/%d %H:%M:%S UTC")
    if style == "mm_dd_yy_time":  # recommendations: "03/15/24, 10:30 AM"
        if not isinstance(d, dt.datetime):
            d = dt.datetime(d.year, d.month, d.day, 10, 30)
        return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}, {_ampm(d.hour, d.minute)}"
    raise ValueError(style)


def csv_line(fields: Iterable, sep: str = ",", quote_all: bool = False) -> str:
    """RFC-4180 minimal quoting (or every field quoted)."""
    out = []
    for f in fields:
        s = "" if f is None else str(f)
        if quote_all or any(ch in s for ch in (sep, '"', "\n", "\r")):
            s = '"' + s.replace('"', '""') + '"'
        out.append(s)
    return sep.join(out)


def encode_text(text: str, encoding: str) -> bytes:
    """encoding: utf-8, utf-8-sig (BOM), cp1252, utf-16 (LE with BOM)."""
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


def csv_bytes(
    lines: list[str], *, eol: str = "\n", trailing_newline: bool = False, encoding: str = "utf-8"
) -> bytes:
    text = eol.join(lines) + (eol if trailing_newline else "")
    return encode_text(text, encoding)


# Each variant: the doc's era table + "Re-saved by a spreadsheet".
CONNECTION_VARIANTS: dict[str, dict] = {
    # <=2018/19: no preamble, no URL column, "7/3/17, 9:05 AM"
    "2018": dict(preamble=None, header=HEADER_OLD, date="mdy_time"),
    # rare old sample with Address / Websites / Instant Messengers
    "2018_old_sample": dict(preamble=None, header=HEADER_OLD_SAMPLE, date="mdy_time"),
    # 2021 -> 2023: preamble, no URL, "07 Mar 2022"
    "2021": dict(preamble="linkedin", header=HEADER_OLD, date="dd_mon_yyyy"),
    # 2024 -> 2026: preamble, URL
    "2024": dict(preamble="linkedin", header=HEADER_URL, date="dd_mon_yyyy"),
    "2024_trailing_newline": dict(
        preamble="linkedin", header=HEADER_URL, date="dd_mon_yyyy", trailing_newline=True
    ),
    # English Excel: padded preamble, 7-Mar-25, CRLF
    "excel_en": dict(
        preamble="excel", header=HEADER_URL, date="excel_en", eol="\r\n", trailing_newline=True
    ),
    # ... saved as "CSV UTF-8" (BOM)
    "excel_en_bom": dict(
        preamble="excel", header=HEADER_URL, date="excel_en", eol="\r\n",
        trailing_newline=True, encoding="utf-8-sig",
    ),
    # ... with the preamble deleted entirely
    "excel_en_no_preamble": dict(
        preamble=None, header=HEADER_URL, date="excel_en", eol="\r\n", trailing_newline=True
    ),
    # Spanish Excel: ';' separator, 05-oct-21 (saved as CSV UTF-8)
    "excel_es": dict(
        preamble="excel", header=HEADER_URL, date="excel_es", sep=";", eol="\r\n",
        trailing_newline=True, encoding="utf-8-sig",
    ),
    # Spanish Excel, plain "CSV" (ANSI = cp1252)
    "excel_es_cp1252": dict(
        preamble="excel", header=HEADER_URL, date="excel_es", sep=";", eol="\r\n",
        trailing_newline=True, encoding="cp1252",
    ),
    # Danish Excel: ';', DD.MM.YYYY, cp1252, CRLF
    "excel_dk": dict(
        preamble="excel", header=HEADER_URL, date="excel_dk", sep=";", eol="\r\n",
        trailing_newline=True, encoding="cp1252",
    ),
    # "sniff encoding (BOM, UTF-8, UTF-16, ...)": Excel "Unicode Text" (UTF-16LE BOM, tabs)
    "excel_utf16_tab": dict(
        preamble="excel", header=HEADER_URL, date="excel_en", sep="\t", eol="\r\n",
        trailing_newline=True, encoding="utf-16",
    ),
}

# variants whose header carries a URL column
URL_VARIANTS = {k for k, v in CONNECTION_VARIANTS.items() if "URL" in v["header"]}
CP1252_VARIANTS = {k for k, v in CONNECTION_VARIANTS.items() if v.get("encoding") == "cp1252"}


def connections_bytes(
    rows: list[Mapping],
    variant: str = "2024",
    *,
    header: list[str] | None = None,
    preamble: str | None | type(...) = ...,
    date: str | None = None,
    sep: str | None = None,
    eol: str | None = None,
    trailing_newline: bool | None = None,
    encoding: str | None = None,
    quote_all: bool = False,
) -> bytes:
    """Bytes of a Connections.csv in a given variant (see CONNECTION_VARIANTS).

    Row dicts use the keys of COLUMN_KEYS (first, last, url, email, company, position,
    connected_on, ...); a column whose lower-cased name is not in COLUMN_KEYS is looked
    up in the row by its exact name. ``connected_on`` is a date (formatted per variant)
    or a str written verbatim. Any keyword overrides the variant's setting."""
    spec = dict(CONNECTION_VARIANTS[variant])
    header = header if header is not None else spec["header"]
    preamble = spec.get("preamble") if preamble is ... else preamble
    date = date or spec["date"]
    sep = sep if sep is not None else spec.get("sep", ",")
    eol = eol if eol is not None else spec.get("eol", "\n")
    trailing_newline = (
        trailing_newline if trailing_newline is not None else spec.get("trailing_newline", False)
    )
    encoding = encoding or spec.get("encoding", "utf-8")

    lines: list[str] = []
    if preamble == "linkedin":
        lines += ["Notes:", csv_line([PREAMBLE_NOTE], sep=","), ""]
    elif preamble == "excel":
        pad = sep * (len(header) - 1)
        lines += [
            "Notes:" + pad,
            csv_line([PREAMBLE_NOTE], sep=sep) + pad,
            pad,
        ]
    elif preamble is not None:
        raise ValueError(preamble)
    lines.append(csv_line(header, sep=sep, quote_all=quote_all))
    for i, row in enumerate(rows):
        fields = []
        for col in header:
            key = COLUMN_KEYS.get(col.strip().lower(), col)
            value = row.get(key, "")
            if key == "connected_on":
                value = fmt_date(value, date, index=i)
            fields.append(value)
        lines.append(csv_line(fields, sep=sep, quote_all=quote_all))
    return csv_bytes(lines, eol=eol, trailing_newline=trailing_newline, encoding=encoding)


def write_connections(
    where: Path, rows: list[Mapping], variant: str = "2024", *, name: str = "Connections.csv", **kw
) -> Path:
    """Write a Connections.csv into directory ``where`` (created) and return its path."""
    where = Path(where)
    where.mkdir(parents=True, exist_ok=True)
    path = where / name
    path.write_bytes(connections_bytes(rows, variant, **kw))
    return path


def person(
    first: str,
    last: str,
    slug: str | None = None,
    *,
    on: dt.date | str,
    company: str = "",
    position: str = "",
    email: str = "",
    **extra,
) -> dict:
    """A Connections.csv row. ``slug`` is written after https://www.linkedin.com/in/ as is
    (so percent-encoded or raw, as the test wants)."""
    row = dict(
        first=first,
        last=last,
        url=f"https://www.linkedin.com/in/{slug}" if slug else "",
        email=email,
        company=company,
        position=position,
        connected_on=on,
    )
    row.update(extra)
    return row


def ghost(on: dt.date | str) -> dict:
    """A hidden/closed account: every field empty except Connected On."""
    return dict(first="", last="", url="", email="", company="", position="", connected_on=on)


def is_ghost(row: Mapping) -> bool:
    return not any(
        str(row.get(k, "") or "").strip()
        for k in ("first", "last", "url", "email", "company", "position")
    )


def as_ts(d) -> pd.Timestamp:
    return pd.Timestamp(dt.datetime(d.year, d.month, d.day))


def missing(value) -> bool:
    """True for a missing value (None / NaN / NA / NaT); never for a string."""
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------
# The world used by the export-level tests
# ---------------------------------------------------------------------------

OWNER_FIRST, OWNER_LAST = "Olivia", "Owner"
OWNER_NAME = "Olivia Owner"
OWNER_URL = "https://www.linkedin.com/in/olivia-owner-9z"

# Connections (2024+ era, URLs percent-encoded like the real file). Keys are test handles.
PEOPLE: dict[str, dict] = {
    "ana": person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=dt.date(2025, 3, 7),
                  company="Acme, Inc.", position="Data Lead"),
    "lee": person("Lee", "Ng, PhD", "lee-ng-phd-5c", on=dt.date(2024, 12, 25),
                  company="Ng Labs", position="Founder", email="lee@example.org"),
    "bob": person("Bob", "Smith", "bob-smith-77", on=dt.date(2023, 8, 7), company="Globex"),
    "jose": person("José", "García", "jos%C3%A9-garc%C3%ADa", on=dt.date(2022, 1, 15),
                   position="Engineer"),
    "john1": person("John", "Smith", "john-smith-1", on=dt.date(2021, 10, 5),
                    company="Initech", position="Analyst"),
    "john2": person("John", "Smith", "john-smith-2", on=dt.date(2020, 6, 30),
                    company="Umbrella", position="CTO"),
    "carol": person("Carol", "Diaz", "carol-diaz", on=dt.date(2019, 2, 14), company="Hooli"),
}
GHOSTS = [ghost(dt.date(2019, 2, 2))]

# raw-Unicode forms used by messages / invitations (https) and endorsements (no scheme)
RAW_SLUG = {
    "ana": "ana-pérez-1a2b",
    "lee": "lee-ng-phd-5c",
    "bob": "bob-smith-77",
    "jose": "josé-garcía",
    "john1": "john-smith-1",
    "john2": "john-smith-2",
    "carol": "carol-diaz",
}
STRANGER_NAME = "Zed Stranger"
STRANGER_URL = "https://www.linkedin.com/in/zed-stranger-0"


def raw_url(key: str) -> str:
    return f"https://www.linkedin.com/in/{RAW_SLUG[key]}"


def endorsement_url(key: str) -> str:
    return f"www.linkedin.com/in/{RAW_SLUG[key]}"


def full_name(key: str) -> str:
    p = PEOPLE[key]
    return f"{p['first']} {p['last']}"


def world_connection_rows(with_ghosts: bool = True) -> list[dict]:
    # newest first, like the real file
    rows = sorted(PEOPLE.values(), key=lambda r: r["connected_on"], reverse=True)
    rows = [dict(r) for r in rows]
    if with_ghosts:
        rows += [dict(g) for g in GHOSTS]
    return rows


# ---------------------------------------------------------------------------
# messages.csv
# ---------------------------------------------------------------------------

_MSG_2021 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
             "DATE", "SUBJECT", "CONTENT", "FOLDER"]
_MSG_2023 = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
             "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]

MESSAGE_ERAS: dict[str, dict] = {
    "2018": dict(header=["From", "To", "Date", "Subject", "Content", "Direction", "Folder"],
                 date="mdy_time", file="Messages.csv"),
    "2019": dict(header=["FROM", "TO", "DATE", "SUBJECT", "CONTENT", "DIRECTION", "FOLDER"],
                 date="iso_t", file="messages.csv"),
    "2021": dict(header=_MSG_2021, date="utc", file="messages.csv"),
    "2023": dict(header=_MSG_2023, date="utc", file="messages.csv"),
    "2024": dict(header=_MSG_2023 + ["IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"],
                 date="utc", file="messages.csv"),
    "2025": dict(header=_MSG_2023 + ["ATTACHMENTS", "IS MESSAGE DRAFT"],
                 date="utc", file="messages.csv"),
    "2026": dict(header=_MSG_2023 + ["ATTACHMENTS"], date="utc", file="messages.csv",
                 quote_all=True),
}
OLD_MESSAGE_ERAS = ("2018", "2019")  # no conversation id / URLs; Direction column


def msg(
    direction: str,
    other_name: str,
    other_url: str,
    at: dt.datetime,
    content: str = "hello",
    *,
    conv: str,
    title: str = "",
    folder: str = "INBOX",
    subject: str = "",
    to_name: str | None = None,
    to_urls: list[str] | None = None,
    from_name: str | None = None,
    from_url: str | None = None,
    draft: bool = False,
    conv_draft: bool = False,
    attachments: str = "",
) -> dict:
    """One message as the owner sees it. direction 'sent' = owner -> other."""
    if direction == "sent":
        fn, fu = OWNER_NAME, OWNER_URL
        tn, tu = other_name, [other_url] if other_url else []
    else:
        fn, fu = other_name, other_url
        tn, tu = OWNER_NAME, [OWNER_URL]
    return dict(
        direction=direction,
        conv=conv,
        title=title,
        from_name=from_name if from_name is not None else fn,
        from_url=from_url if from_url is not None else fu,
        to_name=to_name if to_name is not None else tn,
        to_urls=to_urls if to_urls is not None else tu,
        at=at,
        subject=subject,
        content=content,
        folder=folder,
        draft=draft,
        conv_draft=conv_draft,
        attachments=attachments,
    )


def _message_fields(m: Mapping, era: str) -> dict:
    spec = MESSAGE_ERAS[era]
    if era in OLD_MESSAGE_ERAS:
        folder = {"INBOX": "INBOX", "ARCHIVE": "ARCHIVED"}.get(m["folder"], m["folder"])
        if m["direction"] == "sent" and m["folder"] in ("INBOX", ""):
            folder = "SENT"
        direction = "OUTGOING" if m["direction"] == "sent" else "INCOMING"
    else:
        folder, direction = m["folder"], ""
    yn = lambda b: "Yes" if b else "No"  # noqa: E731
    values = {
        "conversation id": m["conv"],
        "conversation title": m["title"],
        "from": m["from_name"],
        "sender profile url": m["from_url"],
        "to": m["to_name"],
        "recipient profile urls": ",".join(m["to_urls"]),
        "date": fmt_date(m["at"], spec["date"]),
        "subject": m["subject"],
        "content": m["content"],
        "folder": folder,
        "direction": direction,
        "is message draft": yn(m["draft"]),
        "is conversation draft": yn(m["conv_draft"]),
        "attachments": m["attachments"],
    }
    return values


def messages_bytes(msgs: list[Mapping], era: str, *, trailing_newline: bool = False) -> bytes:
    spec = MESSAGE_ERAS[era]
    quote_all = spec.get("quote_all", False)
    lines = [csv_line(spec["header"], quote_all=quote_all)]
    for m in msgs:
        values = _message_fields(m, era)
        lines.append(csv_line([values[c.lower()] for c in spec["header"]], quote_all=quote_all))
    return csv_bytes(lines, trailing_newline=trailing_newline)


def write_messages(where: Path, msgs: list[Mapping], era: str, *, name: str | None = None) -> Path:
    where = Path(where)
    where.mkdir(parents=True, exist_ok=True)
    path = where / (name or MESSAGE_ERAS[era]["file"])
    path.write_bytes(messages_bytes(msgs, era))
    return path


def _t(*a) -> dt.datetime:
    return dt.datetime(*a)


SPONSORED_HTML = (
    '<p>Hi %FIRSTNAME%,</p><p>Grow your career with <a href="https://example.com">'
    "our program</a>, %FIRSTNAME%!</p>"
)
MULTILINE = 'Great to see you!\nLet\'s talk about "the plan", next week.\n\n— Ana'


def world_messages(era: str) -> list[dict]:
    """The conversations of the export owner. Expected counts: WORLD_MESSAGE_EXPECTED."""
    ana_url, lee_url, bob_url = raw_url("ana"), raw_url("lee"), raw_url("bob")
    ana_n, lee_n, bob_n = full_name("ana"), full_name("lee"), full_name("bob")
    old = era in OLD_MESSAGE_ERAS
    m = []
    # 1:1 with Ana: 2 sent, 3 received, last 2025-04-05 17:45 (multi-line content)
    c = "2-YWFhYWFh"
    m += [
        msg("sent", ana_n, ana_url, _t(2025, 4, 1, 10, 0), "Hi Ana, coffee?", conv=c),
        msg("received", ana_n, ana_url, _t(2025, 4, 1, 11, 0), "Sure, when?", conv=c),
        msg("received", ana_n, ana_url, _t(2025, 4, 2, 9, 30), "<p>Tuesday works</p>", conv=c),
        msg("sent", ana_n, ana_url, _t(2025, 4, 3, 8, 0), "Tuesday, 10am", conv=c),
        msg("received", ana_n, ana_url, _t(2025, 4, 5, 17, 45), MULTILINE, conv=c),
    ]
    # 1:1 with Lee (name has a comma): 1 received, 1 sent, last 2025-02-11 13:15
    c = "2-bGVlbGVl"
    m += [
        msg("received", lee_n, lee_url, _t(2025, 2, 10, 12, 0), "Congrats on the launch", conv=c),
        msg("sent", lee_n, lee_url, _t(2025, 2, 11, 13, 15), "Thanks, Lee!", conv=c),
    ]
    # Bob writes twice (one archived), never answered: 0 sent, 2 received, last 2024-11-20 10:00
    c = "2-Ym9iYm9i"
    m += [
        msg("received", bob_n, bob_url, _t(2024, 11, 1, 9, 0), "Hi", conv=c),
        msg("received", bob_n, bob_url, _t(2024, 11, 20, 10, 0), "Ping", conv=c,
            folder="ARCHIVE"),
    ]
    # someone not in the connections
    c = "2-emVkemVk"
    m += [
        msg("received", STRANGER_NAME, STRANGER_URL, _t(2025, 3, 1, 8, 0), "Hello", conv=c),
        msg("sent", STRANGER_NAME, STRANGER_URL, _t(2025, 3, 2, 8, 0), "Hi Zed", conv=c),
    ]
    if old:
        return m
    # group chat owner + Ana + Bob (dated before everybody's last 1:1 message)
    c, title = "2-Z3JvdXBncm91cA", "Project X"
    m += [
        msg("sent", f"{ana_n}, {bob_n}", "", _t(2024, 10, 1, 9, 0), "Kick-off", conv=c,
            title=title, to_urls=[ana_url, bob_url]),
        msg("received", bob_n, bob_url, _t(2024, 10, 2, 9, 0), "Agenda?", conv=c, title=title,
            to_name=f"{OWNER_NAME}, {ana_n}", to_urls=[OWNER_URL, ana_url]),
        msg("received", ana_n, ana_url, _t(2024, 10, 3, 9, 0), "Attached", conv=c,
            title=title, to_name=f"{OWNER_NAME}, {bob_n}", to_urls=[OWNER_URL, bob_url]),
    ]
    # sponsored mail (latest message in the file)
    m.append(msg("received", "LinkedIn Member", "", _t(2025, 5, 1, 7, 0), SPONSORED_HTML,
                 conv="2-c3BvbnNvcg", title="Sponsored Conversation",
                 subject="An exclusive offer"))
    # spam from Bob
    m.append(msg("received", bob_n, bob_url, _t(2025, 5, 2, 7, 0), "Buy now", conv="2-c3BhbQ",
                 folder="SPAM"))
    # a draft to Bob: empty FOLDER and CONVERSATION ID, draft flags Yes
    m.append(msg("sent", bob_n, bob_url, _t(2025, 5, 3, 7, 0), "Draft to Bob", conv="",
                 folder="", draft=True, conv_draft=True))
    return m


# expected (sent, received, last message) for each connection; others are 0, 0, NaT
WORLD_MESSAGE_EXPECTED = {
    "ana": (2, 3, _t(2025, 4, 5, 17, 45)),
    "lee": (1, 1, _t(2025, 2, 11, 13, 15)),
    "bob": (0, 2, _t(2024, 11, 20, 10, 0)),
}

# which Connections variant goes with which messages era (same export)
CONNECTIONS_FOR_MESSAGE_ERA = {
    "2018": "2018", "2019": "2018", "2021": "2021",
    "2023": "2024", "2024": "2024", "2025": "2024", "2026": "2024",
}


# ---------------------------------------------------------------------------
# Endorsements, recommendations, invitations, profile
# ---------------------------------------------------------------------------

ENDORSEMENT_RECEIVED_HEADER = ["Endorsement Date", "Skill Name", "Endorser First Name",
                               "Endorser Last Name", "Endorser Public Url", "Endorsement Status"]
ENDORSEMENT_GIVEN_HEADER = ["Endorsement Date", "Skill Name", "Endorsee First Name",
                            "Endorsee Last Name", "Endorsee Public Url", "Endorsement Status"]
RECOMMENDATION_HEADER = ["First Name", "Last Name", "Company", "Job Title", "Text",
                         "Creation Date", "Status"]
INVITATION_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                     "inviteeProfileUrl"]
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles",
                  "Websites", "Instant Messengers"]


def table_bytes(header: list[str], rows: list[list], *, trailing_newline: bool = False,
                eol: str = "\n", encoding: str = "utf-8") -> bytes:
    lines = [csv_line(header)] + [csv_line(r) for r in rows]
    return csv_bytes(lines, eol=eol, trailing_newline=trailing_newline, encoding=encoding)


def endorsements_bytes(entries: list[tuple], *, given: bool, with_url: bool = True) -> bytes:
    """entries: (date, skill, first, last, url) ; url is written as given (scheme-less)."""
    header = list(ENDORSEMENT_GIVEN_HEADER if given else ENDORSEMENT_RECEIVED_HEADER)
    if not with_url:
        header = [h for h in header if not h.endswith("Public Url")]
    rows = []
    for d, skill, first, last, url in entries:
        row = [fmt_date(d, "slash_utc"), skill, first, last]
        if with_url:
            row.append(url)
        row.append("ACCEPTED")
        rows.append(row)
    return table_bytes(header, rows)


def recommendations_bytes(entries: list[tuple]) -> bytes:
    """entries: (first, last, company, job title, text, date)."""
    rows = [[f, l, c, j, t, fmt_date(d, "mm_dd_yy_time"), "VISIBLE"]
            for f, l, c, j, t, d in entries]
    return table_bytes(RECOMMENDATION_HEADER, rows)


def invitations_bytes(entries: list[tuple]) -> bytes:
    """entries: (direction 'INCOMING'/'OUTGOING', other name, other url, message, datetime)."""
    rows = []
    for direction, name, url, message, at in entries:
        if direction == "INCOMING":
            rows.append([name, OWNER_NAME, fmt_date(at, "mdy_time"), message, direction,
                         url, OWNER_URL])
        else:
            rows.append([OWNER_NAME, name, fmt_date(at, "mdy_time"), message, direction,
                         OWNER_URL, url])
    return table_bytes(INVITATION_HEADER, rows)


def profile_bytes(first: str = OWNER_FIRST, last: str = OWNER_LAST) -> bytes:
    row = [first, last, "", "", "Jan 1, 1990", "Data person, writer", "I like data.",
           "Software Development", "", "Copenhagen, Capital Region, Denmark", "", "", ""]
    return table_bytes(PROFILE_HEADER, [row])


WORLD_ENDORSEMENTS_RECEIVED = [
    (_t(2024, 3, 15, 10, 30), "Python", "Ana", "Pérez", endorsement_url("ana")),
    (_t(2024, 3, 15, 10, 31), "SQL", "Ana", "Pérez", endorsement_url("ana")),
    (_t(2023, 5, 2, 8, 0), "SQL", "José", "García", endorsement_url("jose")),
    # same name as john1: only the URL says which John it is
    (_t(2022, 1, 9, 8, 0), "Leadership", "John", "Smith", endorsement_url("john2")),
    (_t(2022, 1, 9, 9, 0), "Python", "Zed", "Stranger", "www.linkedin.com/in/zed-stranger-0"),
]
WORLD_ENDORSEMENTS_GIVEN = [
    (_t(2024, 6, 1, 12, 0), "Excel", "Bob", "Smith", endorsement_url("bob")),
    (_t(2024, 6, 1, 12, 1), "Go", "José", "García", endorsement_url("jose")),
    (_t(2024, 6, 1, 12, 2), "Rust", "José", "García", endorsement_url("jose")),
    (_t(2024, 6, 2, 12, 0), "Research", "Lee", "Ng, PhD", endorsement_url("lee")),
]
WORLD_ENDORSEMENTS_EXPECTED = {
    "received": {"ana": 2, "jose": 1, "john2": 1},
    "given": {"bob": 1, "jose": 2, "lee": 1},
}
WORLD_RECOMMENDATIONS_RECEIVED = [
    ("Lee", "Ng, PhD", "Ng Labs", "Founder", "Olivia is a rare talent,\nhighly recommended.",
     _t(2024, 3, 15, 10, 30)),
    ("Carol", "Diaz", "Hooli", "Manager", "Great colleague.", _t(2020, 11, 2, 16, 5)),
]
WORLD_RECOMMENDATIONS_GIVEN = [
    ("Ana", "Pérez", "Acme, Inc.", "Data Lead", 'Ana "gets things done".', _t(2025, 3, 20, 9, 0)),
]
WORLD_RECOMMENDATIONS_EXPECTED = {"received": {"lee": 1, "carol": 1}, "given": {"ana": 1}}
WORLD_INVITATIONS = [
    ("INCOMING", full_name("ana"), raw_url("ana"), "Hi Olivia, great meeting you at PyCon!",
     _t(2025, 3, 6, 9, 5)),
    ("OUTGOING", full_name("jose"), raw_url("jose"), "Hola José, ¿conectamos?",
     _t(2025, 1, 14, 18, 0)),
    ("INCOMING", full_name("carol"), raw_url("carol"), "", _t(2025, 2, 1, 8, 0)),
    ("OUTGOING", STRANGER_NAME, STRANGER_URL, "Let's connect", _t(2025, 3, 3, 8, 0)),
]
WORLD_INVITATION_NOTE = {"ana", "jose"}


def world_export_files(era: str = "2025", *, basic: bool = False) -> dict[str, bytes]:
    """All files of an export of the world, keyed by their name inside the export."""
    files = {
        "Connections.csv": connections_bytes(world_connection_rows(),
                                             CONNECTIONS_FOR_MESSAGE_ERA[era]),
    }
    if basic:
        return files
    files[MESSAGE_ERAS[era]["file"]] = messages_bytes(world_messages(era), era)
    files["Profile.csv"] = profile_bytes()
    files["Endorsement_Received_Info.csv"] = endorsements_bytes(WORLD_ENDORSEMENTS_RECEIVED,
                                                                given=False)
    files["Endorsement_Given_Info.csv"] = endorsements_bytes(WORLD_ENDORSEMENTS_GIVEN, given=True)
    files["Recommendations_Received.csv"] = recommendations_bytes(WORLD_RECOMMENDATIONS_RECEIVED)
    files["Recommendations_Given.csv"] = recommendations_bytes(WORLD_RECOMMENDATIONS_GIVEN)
    files["Invitations.csv"] = invitations_bytes(WORLD_INVITATIONS)
    # siblings with the messages header that are not conversations with contacts
    coach = [msg("received", full_name("ana"), raw_url("ana"), _t(2025, 6, 1, 9, 0),
                 "coach says hi", conv="2-Y29hY2g")]
    for sibling in ("coach_messages.csv", "learning_coach_messages.csv", "guide_messages.csv"):
        files[sibling] = messages_bytes(coach * 3, era if era not in OLD_MESSAGE_ERAS else "2021")
    if era in OLD_MESSAGE_ERAS:
        # "Some 2018 files are UTF-16LE with BOM, tab-separated, every field quoted."
        files["Logins.csv"] = encode_text(
            '"Login Date"\t"IP Address"\t"User Agent"\t"Login Type"\r\n'
            '"3/1/18, 9:00 AM"\t"192.0.2.1"\t"Mozilla/5.0"\t"WEB"\r\n', "utf-16")
        files["Search Queries.csv"] = encode_text(
            '"Time"\t"Search Query"\r\n"3/1/18, 9:00 AM"\t"data, lead"\r\n', "utf-16")
    files["Jobs/Job Applications.csv"] = table_bytes(
        ["Application Date", "Contact Email", "Company Name", "Job Title"],
        [["3/1/25, 9:00 AM", "o@example.org", "Acme, Inc.", "Analyst"]])
    return files


# ---------------------------------------------------------------------------
# Folders and zips
# ---------------------------------------------------------------------------

def zip_name(kind: str = "Complete", date: dt.date = dt.date(2025, 3, 7)) -> str:
    """``Basic_LinkedInDataExport_03-07-2025.zip`` (MM-DD-YYYY)."""
    return f"{kind}_LinkedInDataExport_{date.month:02d}-{date.day:02d}-{date.year}.zip"


def write_folder(where: Path, files: Mapping[str, bytes | str]) -> Path:
    where = Path(where)
    where.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        p = where / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return where


def write_zip(path: Path, files: Mapping[str, bytes | str]) -> Path:
    """Zip a dict of {name inside the zip: content}."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2025, 3, 7, 9, 0, 0)),
                        data.encode("utf-8") if isinstance(data, str) else data,
                        compress_type=zipfile.ZIP_DEFLATED)
    return path


def raw_zip_bytes(members: list[dict]) -> bytes:
    """Hand-made zip (no zip64). Each member: name (str), data (bytes, already compressed
    when method=8), method (0 stored / 8 deflate), crc, size (declared uncompressed size).
    Lets tests declare sizes that lie and use any member name."""
    out = io.BytesIO()
    central = []
    for m in members:
        name = m["name"].encode("utf-8")
        data = m["data"]
        offset = out.tell()
        flags = m.get("flags", 0x800)  # 0x800: utf-8 names; 0x1: encrypted
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, m["method"], 0, 0x5A67,
                              m["crc"], len(data), m["size"], len(name), 0))
        out.write(name)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, m["method"],
                                   0, 0x5A67, m["crc"], len(data), m["size"], len(name), 0, 0,
                                   0, 0, 0o100644 << 16, offset) + name)
    cd_offset = out.tell()
    cd = b"".join(central)
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd),
                          cd_offset, 0))
    return out.getvalue()


def deflate_member(name: str, data: bytes, *, declared_size: int | None = None) -> dict:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    comp = c.compress(data) + c.flush()
    return dict(name=name, data=comp, method=8, crc=zlib.crc32(data),
                size=len(data) if declared_size is None else declared_size)


def bomb_member(name: str, head: bytes, filler: bytes, n_chunks: int, tail: bytes,
                chunk_size: int = 1 << 20) -> dict:
    """A member that inflates to head + filler*chunk_size*n_chunks + tail, built cheaply:
    the compressed form of one filler chunk (after a full flush) is repeated."""
    chunk = filler * (chunk_size // len(filler))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    piece = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert piece == again  # the trick relies on this
    end = c.compress(tail) + c.flush()
    comp = start + piece * n_chunks + end
    crc = zlib.crc32(head)
    for _ in range(n_chunks):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * n_chunks + len(tail)
    return dict(name=name, data=comp, method=8, crc=crc, size=size)


# ---------------------------------------------------------------------------
# Small helpers on the loaded Network
# ---------------------------------------------------------------------------

def contact_id_of(net, key_or_row) -> str:
    """contact_id of a world person (key) or a row dict, found by profile URL when the
    file had one, else by names + connection date."""
    row = PEOPLE[key_or_row] if isinstance(key_or_row, str) else key_or_row
    conns = net.connections
    if row.get("url") and "profile_url" in conns and conns["profile_url"].notna().any():
        hit = conns[conns["profile_url"] == row["url"]]
    else:
        hit = conns[(conns["first_name"] == row["first"].strip())
                    & (conns["last_name"] == row["last"].strip())]
        if len(hit) > 1 and not isinstance(row["connected_on"], str):
            hit = hit[hit["connected_on"] == as_ts(row["connected_on"])]
    assert len(hit) == 1, f"expected one contact for {row['first']} {row['last']}, got {len(hit)}"
    return hit["contact_id"].iloc[0]


@pytest.fixture
def world_dir(tmp_path):
    """A complete export (2025 era) unzipped into a folder."""
    return write_folder(tmp_path / "Complete_LinkedInDataExport_03-07-2025",
                        world_export_files("2025"))


@pytest.fixture(autouse=True)
def notebook_places():
    """Messages point at the notebooks unless a test builds the app (which names its own sections)."""
    yield
    from helpers.base.places import use_notebook_places
    use_notebook_places()
