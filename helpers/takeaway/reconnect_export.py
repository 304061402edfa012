"""The reconnect list, taken away: a CSV for spreadsheets and CRMs, a calendar of coffee chats.

CSV: UTF-8 with a BOM (so Excel reads accents and emoji), CRLF line ends, fields quoted when
they hold a comma, a quote or a line break (the opener has line breaks). Every text cell goes
through `spreadsheet_safe`: names and companies are written by other LinkedIn members, so a
cell such as `=HYPERLINK(...)` gets a leading apostrophe instead of running (OWASP "CSV
injection"). Read it back with `pandas.read_csv(path, encoding="utf-8-sig")` and
`from_spreadsheet_safe` on each text cell.

Calendar: RFC 5545, written with `icalendar` (escaping, line folding, alarms). Times are *floating* local times
(no TZID, no "Z"): "10:00 on Tuesday" means 10:00 wherever the person's calendar is, and the
file needs no VTIMEZONE block. How the chats are spread over the weeks: see `chat_dates`.
"""
import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

import icalendar
import pandas as pd

from ..base.places import place
from ..base.spreadsheet import spreadsheet_safe

PRODID = "-//Reconnect workbook//Coffee chats//EN"
REMINDER_MINUTES = 15      # the VALARM: a nudge a quarter of an hour before each chat
BREAK_MINUTES = 30         # between two chats on the same day (when per_week > number of weekdays)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in TEXT values (tab is)


# -- CSV --------------------------------------------------------------------------------------

def write_reconnect_csv(df: pd.DataFrame, path) -> Path:
    """Write the list as a CSV that opens cleanly in Excel, LibreOffice and Google Sheets."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([spreadsheet_safe(str(name)) for name in df.columns])
        for row in df.itertuples(index=False, name=None):
            writer.writerow([csv_cell(value) for value in row])
    return path


def csv_cell(value):
    """One cell as a spreadsheet should see it: empty for missing, ISO dates, safe text."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value  # numbers (and bools) as they are


# -- calendar ---------------------------------------------------------------------------------

def write_reconnect_ics(df: pd.DataFrame, path, start=None, per_week: int = 3, weekdays=(1, 2, 3),
                        at="10:00", duration_minutes: int = 30, owner: str | None = None) -> Path:
    """One calendar event per row of `df` (in its order, skipping nothing), `per_week` a week.

    `weekdays` count from Monday = 0 (as `datetime.date.weekday()`), so the default (1, 2, 3) is
    Tuesday to Thursday. `start` (a date or "YYYY-MM-DD"; default: next Monday) is the first day
    a chat may fall on. `at` is the local start time ("HH:MM"). `owner` names the calendar.
    """
    if len(df) == 0:
        raise ValueError("The reconnect list is empty, so there is no coffee chat to put in a calendar "
                         f"(RFC 5545 calendars need at least one event). Rate people first ({place('rate')}).")
    first_day = _as_date(start) if start is not None else next_monday()
    starts = chat_dates(len(df), first_day, per_week, weekdays, _as_time(at), duration_minutes)
    stamp = dt.datetime.now(dt.timezone.utc)
    calendar = new_calendar(owner)
    for row, begins in zip(df.to_dict("records"), starts):
        calendar.add_component(chat_event(row, begins, duration_minutes, stamp))
    path = Path(path)
    path.write_bytes(calendar.to_ical())
    return path


def next_monday(today: dt.date | None = None) -> dt.date:
    """The Monday after today (a week ahead when today is a Monday)."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=7 - today.weekday())


def chat_dates(count: int, start: dt.date, per_week: int = 3, weekdays=(1, 2, 3),
               at: dt.time = dt.time(10, 0), duration_minutes: int = 30) -> list[dt.datetime]:
    """When each of `count` chats starts, in list order.

    The rule: weeks run Monday to Sunday. Each week has `per_week` slots, dealt over the chosen
    weekdays in turn (with 5 a week on Tue–Thu: Tue, Wed, Thu, Tue, Wed), so at most
    ceil(per_week / len(weekdays)) chats share a day; the later ones on a day start after the
    earlier one ends plus a break. The week holding `start` keeps only the slots on or after
    `start`, so a Thursday start gives a short first week; from then on, every week is full.
    """
    days = _check_pace(per_week, weekdays, duration_minutes)
    slots = sorted((days[i % len(days)], i // len(days)) for i in range(per_week))  # (weekday, nth that day)
    week = start - dt.timedelta(days=start.weekday())
    starts: list[dt.datetime] = []
    while len(starts) < count:
        for weekday, nth in slots:
            day = week + dt.timedelta(days=weekday)
            if day >= start and len(starts) < count:
                offset = dt.timedelta(minutes=nth * (duration_minutes + BREAK_MINUTES))
                starts.append(dt.datetime.combine(day, at) + offset)
        week += dt.timedelta(weeks=1)
    return starts


def _check_pace(per_week, weekdays, duration_minutes) -> list[int]:
    days = sorted(set(weekdays))
    if not days or not all(isinstance(d, int) and 0 <= d <= 6 for d in days):
        raise ValueError(f"weekdays must be numbers 0-6 (Monday = 0 ... Sunday = 6); got {weekdays!r}")
    if not isinstance(per_week, int) or per_week < 1:
        raise ValueError(f"per_week must be a whole number of chats, 1 or more; got {per_week!r}")
    if not isinstance(duration_minutes, int) or duration_minutes < 1:
        raise ValueError(f"duration_minutes must be a whole number of minutes, 1 or more; got {duration_minutes!r}")
    return days


def _as_date(value) -> dt.date:
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        raise ValueError(f"start must be a date such as 2026-03-02; got {value!r}") from None


def _as_time(value) -> dt.time:
    if isinstance(value, dt.time):
        return value.replace(tzinfo=None)
    try:
        return dt.datetime.strptime(str(value).strip(), "%H:%M").time()
    except ValueError:
        raise ValueError(f"at must be a time such as \"10:00\" (24-hour HH:MM); got {value!r}") from None


def new_calendar(owner: str | None) -> icalendar.Calendar:
    name = f"Coffee chats: {owner}" if owner else "Coffee chats"
    calendar = icalendar.Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH")):
        calendar.add(key, value)
    calendar.add("name", icalendar.vText(clean_text(name)))  # RFC 7986; icalendar does not know its type
    calendar.add("x-wr-calname", icalendar.vText(clean_text(name)))
    return calendar


def chat_event(row: dict, begins: dt.datetime, duration_minutes: int, stamp: dt.datetime) -> icalendar.Event:
    """The VEVENT for one person, with a display reminder."""
    name = _text(row.get("full_name")) or "someone from your list"
    summary = clean_text(f"Coffee chat: {name}")
    event = icalendar.Event()
    event.add("uid", event_uid(row, begins))
    event.add("dtstamp", stamp)
    event.add("dtstart", begins)  # naive datetime: a floating local time
    event.add("dtend", begins + dt.timedelta(minutes=duration_minutes))
    event.add("summary", summary)
    event.add("description", clean_text(event_description(row)))
    reminder = icalendar.Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", dt.timedelta(minutes=-REMINDER_MINUTES))
    reminder.add("description", summary)
    event.add_component(reminder)
    return event


def event_uid(row: dict, begins: dt.datetime) -> str:
    """Stable across re-exports of the same plan, so calendar apps update rather than duplicate."""
    who = _text(row.get("contact_id")) or _text(row.get("profile_url")) or _text(row.get("full_name"))
    digest = hashlib.sha256(f"{who}|{begins:%Y-%m-%dT%H:%M}".encode("utf-8")).hexdigest()[:32]
    return f"{digest}@reconnect-workbook"


def event_description(row: dict) -> str:
    """Why this person, what to say, and where to find them."""
    parts = [_text(row.get("why")), _text(row.get("opener")), _text(row.get("profile_url"))]
    return "\n\n".join(part for part in parts if part)


def _text(value) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value).strip()


def clean_text(text: str) -> str:
    """Line breaks as \\n, and no control characters (RFC 5545 TEXT allows neither raw)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
