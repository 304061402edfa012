"""The reconnect list taken away: CSV (injection, Excel-style round trip), calendar (RFC 5545), CLI."""
import csv
import datetime as dt
import os
import subprocess
import sys

import icalendar
import pandas as pd
import pytest

import helpers
from helpers.takeaway.reconnect_export import chat_dates, next_monday, write_reconnect_csv, write_reconnect_ics
from helpers.base.spreadsheet import from_spreadsheet_safe
from helpers.workbook.data_folder import SAMPLE

BOM = b"\xef\xbb\xbf"
MONDAY = dt.date(2026, 3, 2)

# value a LinkedIn member could have typed -> the cell as a spreadsheet must receive it
INJECTION = [
    ("=1+1", "'=1+1"),
    ("+SUM(A1)", "'+SUM(A1)"),
    ("-2+3", "'-2+3"),            # a formula, not a number
    ("@cmd", "'@cmd"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("-", "-"),                   # a plain dash stays a dash
    ("-5", "-5"),                 # a negative number stays a number
    ("Acme, Inc.", "Acme, Inc."),
    ('Ana "gets things done"', 'Ana "gets things done"'),
    ("line one\nline two", "line one\nline two"),
    ("Coffee ☕ 🎉", "Coffee ☕ 🎉"),
    ("Zoë", "Zoë"),
]


def listing(names, **columns) -> pd.DataFrame:
    """A small reconnect list with the columns `reconnect_list` returns."""
    n = len(names)
    frame = pd.DataFrame({
        "rank": range(1, n + 1),
        "contact_id": [f"linkedin.com/in/person-{i}" for i in range(n)],
        "full_name": names,
        "company": ["Harborline Holdings"] * n,
        "profile_url": [f"https://www.linkedin.com/in/person-{i}" for i in range(n)],
        "relationship": ["3 · Trust"] * n,
        "business": ["0 · No idea"] * n,
        "connected_on": [dt.date(2008, 3, 7)] * n,
        "years_connected": pd.array([18] * n, dtype="Int64"),
        "last_contact": [None] * n,
        "why": ["Trust · connected 18 years · you can't say what Harborline Holdings does"] * n,
        "opener": ["Hi, it's been too long!\n1. What do you do?\n2. Who is a good intro?\n3. How can I help?"] * n,
        "status": [pd.NA] * n,
    })
    for name, values in columns.items():
        frame[name] = values
    return frame


def raw_rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


# -- CSV: formula injection --------------------------------------------------------------------

@pytest.mark.parametrize("typed, cell", INJECTION, ids=[repr(value) for value, _ in INJECTION])
def test_csv_neutralises_formulas_and_leaves_plain_values(tmp_path, typed, cell):
    path = write_reconnect_csv(listing([typed], company=[typed]), tmp_path / "list.csv")
    header, row = raw_rows(path)
    assert row[header.index("full_name")] == cell
    assert row[header.index("company")] == cell


def test_no_cell_reaches_a_spreadsheet_as_a_formula(tmp_path):
    names = [typed for typed, _ in INJECTION]
    path = write_reconnect_csv(listing(names, company=names[::-1], why=names), tmp_path / "list.csv")
    for row in raw_rows(path)[1:]:
        for cell in row:
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                assert cell == "-" or cell.lstrip("+-").replace(".", "").isdigit(), repr(cell)


# -- CSV: opens in Excel and LibreOffice, reads back in pandas ------------------------------------

def test_csv_has_one_bom_and_crlf_record_ends(tmp_path):
    path = write_reconnect_csv(listing(["Zoë", "line one\nline two"]), tmp_path / "list.csv")
    data = path.read_bytes()
    assert data.startswith(BOM) and not data[len(BOM):].startswith(BOM)
    assert data.endswith(b"\r\n")
    assert record_ends_outside_quotes(data.decode("utf-8-sig")) == {"\r\n"}


def record_ends_outside_quotes(text: str) -> set[str]:
    """The line ends between records (line breaks inside quoted fields are part of a value)."""
    ends, quoted = set(), False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            ends.add(text[i - 1:i + 1] if text[i - 1] == "\r" else "\n")
    return ends


def test_csv_round_trips_through_pandas_as_text(tmp_path):
    names = [typed for typed, _ in INJECTION]
    frame = listing(names, company=names[::-1])
    path = write_reconnect_csv(frame, tmp_path / "list.csv")
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(frame.columns)
    for column in ("full_name", "company", "why", "opener", "contact_id"):
        assert back[column].map(from_spreadsheet_safe).tolist() == frame[column].tolist(), column


def test_csv_round_trips_through_pandas_with_types(tmp_path):
    frame = listing(["Ana", "Bo"], last_contact=[dt.date(2023, 11, 27), None])
    back = pd.read_csv(write_reconnect_csv(frame, tmp_path / "list.csv"), encoding="utf-8-sig")
    assert back["rank"].tolist() == [1, 2]
    assert back["years_connected"].tolist() == [18, 18]
    assert back["connected_on"].tolist() == ["2008-03-07", "2008-03-07"]
    assert back["last_contact"].iloc[0] == "2023-11-27" and pd.isna(back["last_contact"].iloc[1])
    assert back["status"].isna().all()  # missing values are empty cells, never "nan" or "<NA>"


def test_csv_round_trips_through_the_csv_module(tmp_path):
    names = [typed for typed, _ in INJECTION]
    path = write_reconnect_csv(listing(names), tmp_path / "list.csv")
    header, *rows = raw_rows(path)
    assert [from_spreadsheet_safe(row[header.index("full_name")]) for row in rows] == names
    assert {len(row) for row in rows} == {len(header)}


def test_empty_list_writes_just_the_headings(tmp_path):
    frame = listing([]).iloc[0:0]
    path = write_reconnect_csv(frame, tmp_path / "list.csv")
    assert path.read_bytes() == BOM + (",".join(frame.columns) + "\r\n").encode()


def test_real_reconnect_list_round_trips(tmp_path, ranked):
    path = write_reconnect_csv(ranked, tmp_path / "list.csv")
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False).map(from_spreadsheet_safe)
    assert back["full_name"].tolist() == ranked["full_name"].tolist()
    assert back["opener"].tolist() == ranked["opener"].tolist()
    assert back["rank"].tolist() == [str(rank) for rank in ranked["rank"]]


# -- the calendar -------------------------------------------------------------------------------

def read_calendar(path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def event_starts(path) -> list[dt.datetime]:
    return [event["DTSTART"].dt for event in read_calendar(path).walk("VEVENT")]


def test_calendar_parses_with_one_event_per_row_in_order(tmp_path):
    names = [f"Person {i}" for i in range(7)]
    path = write_reconnect_ics(listing(names), tmp_path / "chats.ics", start=MONDAY)
    calendar = read_calendar(path)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"] and str(calendar["CALSCALE"]) == "GREGORIAN"
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [f"Coffee chat: {name}" for name in names]
    for event in events:
        assert event["DTSTAMP"].dt.tzinfo is not None  # DTSTAMP is UTC
        assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(minutes=30)
        alarm, = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY" and alarm["TRIGGER"].dt < dt.timedelta(0)


def test_three_a_week_on_tuesday_to_thursday_at_ten_local_time(tmp_path):
    path = write_reconnect_ics(listing([f"P{i}" for i in range(7)]), tmp_path / "chats.ics", start=MONDAY)
    starts = event_starts(path)
    assert [start.date() for start in starts] == [dt.date(2026, 3, day) for day in (3, 4, 5, 10, 11, 12, 17)]
    assert all(start.time() == dt.time(10, 0) and start.tzinfo is None for start in starts)  # floating time


def test_pace_weekdays_and_time_are_chosen(tmp_path):
    path = write_reconnect_ics(listing([f"P{i}" for i in range(5)]), tmp_path / "chats.ics", start="2026-03-02",
                               per_week=2, weekdays=(0, 4), at="08:30", duration_minutes=45)
    starts = event_starts(path)
    assert [start.date() for start in starts] == [dt.date(2026, 3, d) for d in (2, 6, 9, 13, 16)]
    assert {start.strftime("%a %H:%M") for start in starts} == {"Mon 08:30", "Fri 08:30"}


def test_a_mid_week_start_gives_a_short_first_week():
    starts = chat_dates(4, dt.date(2026, 3, 5))  # a Thursday
    assert [start.date() for start in starts] == [dt.date(2026, 3, d) for d in (5, 10, 11, 12)]


def test_more_a_week_than_weekdays_stacks_chats_after_a_break():
    starts = chat_dates(6, MONDAY, per_week=5)
    assert [start.strftime("%a %H:%M") for start in starts] == [
        "Tue 10:00", "Tue 11:00", "Wed 10:00", "Wed 11:00", "Thu 10:00", "Tue 10:00"]
    assert starts[-1].date() == dt.date(2026, 3, 10)


def test_never_more_than_the_pace_in_a_week():
    starts = chat_dates(40, dt.date(2026, 3, 4), per_week=3)
    weeks = pd.Series([start.isocalendar()[:2] for start in starts]).value_counts()
    assert weeks.max() == 3 and len(starts) == 40


def test_default_start_is_next_monday(tmp_path):
    before = next_monday()
    starts = event_starts(write_reconnect_ics(listing(["Ana"]), tmp_path / "chats.ics"))
    assert starts[0].date() in {before + dt.timedelta(days=1), next_monday() + dt.timedelta(days=1)}
    assert next_monday(dt.date(2026, 3, 2)) == dt.date(2026, 3, 9)  # on a Monday: the next one
    assert next_monday(dt.date(2026, 3, 8)) == dt.date(2026, 3, 9)  # on a Sunday: tomorrow


def test_text_is_escaped_and_read_back_intact(tmp_path):
    name = 'Lee; Ng, PhD\\Dr\nsecond line "quoted"'
    path = write_reconnect_ics(listing([name]), tmp_path / "chats.ics", start=MONDAY)
    unfolded = path.read_bytes().replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:Coffee chat: Lee\\; Ng\\, PhD\\\\Dr\\nsecond line \"quoted\"\r\n" in unfolded
    event, = read_calendar(path).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Coffee chat: {name}"


def test_description_has_the_why_the_opener_and_the_profile(tmp_path):
    frame = listing(["Ana"])
    event, = read_calendar(write_reconnect_ics(frame, tmp_path / "chats.ics", start=MONDAY)).walk("VEVENT")
    description = str(event["DESCRIPTION"])
    for column in ("why", "opener", "profile_url"):
        assert frame[column].iloc[0] in description


def test_long_lines_fold_at_75_octets_without_splitting_characters(tmp_path):
    why = "Zoë ☕ Ünïcödé 🎉 " * 30
    path = write_reconnect_ics(listing(["Zoë Ünïcödé 🎉" * 8], why=[why]), tmp_path / "chats.ics", start=MONDAY)
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b""  # the file ends with CRLF
    assert data.count(b"\n") == data.count(b"\r\n") and data.count(b"\r") == data.count(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")  # each physical line is valid UTF-8 on its own: no character cut in two
    event, = read_calendar(path).walk("VEVENT")
    assert why.strip() in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == "Coffee chat: " + "Zoë Ünïcödé 🎉" * 8


def test_uids_are_unique_and_stable(tmp_path):
    frame = listing([f"P{i}" for i in range(10)])
    first = [str(e["UID"]) for e in read_calendar(write_reconnect_ics(frame, tmp_path / "a.ics", start=MONDAY)).walk("VEVENT")]
    again = [str(e["UID"]) for e in read_calendar(write_reconnect_ics(frame, tmp_path / "b.ics", start=MONDAY)).walk("VEVENT")]
    later = [str(e["UID"]) for e in read_calendar(write_reconnect_ics(frame, tmp_path / "c.ics",
                                                                       start=MONDAY + dt.timedelta(weeks=1))).walk("VEVENT")]
    assert len(set(first)) == len(first) == 10
    assert first == again  # the same plan exported twice: calendar apps update, not duplicate
    assert not set(first) & set(later)


def test_control_characters_do_not_reach_the_calendar(tmp_path):
    path = write_reconnect_ics(listing(["Ana\x00\x07 Lee"]), tmp_path / "chats.ics", start=MONDAY)
    assert b"\x00" not in path.read_bytes() and b"\x07" not in path.read_bytes()
    event, = read_calendar(path).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Coffee chat: Ana Lee"


@pytest.mark.parametrize("options", [dict(weekdays=()), dict(weekdays=(7,)), dict(per_week=0),
                                     dict(at="25:00"), dict(start="not a date"), dict(duration_minutes=0)])
def test_bad_calendar_options_say_what_is_allowed(tmp_path, options):
    with pytest.raises(ValueError, match="must be"):
        write_reconnect_ics(listing(["Ana"]), tmp_path / "chats.ics", **{"start": MONDAY, **options})


def test_an_empty_list_has_no_calendar(tmp_path):
    with pytest.raises(ValueError, match="Rate people first"):
        write_reconnect_ics(listing([]).iloc[0:0], tmp_path / "chats.ics")
    assert not (tmp_path / "chats.ics").exists()


def test_real_reconnect_list_makes_a_calendar(tmp_path, ranked):
    path = write_reconnect_ics(ranked, tmp_path / "chats.ics", start=MONDAY, owner="Olivia Example")
    calendar = read_calendar(path)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [f"Coffee chat: {n}" for n in ranked["full_name"]]
    assert "Olivia Example" in str(calendar["X-WR-CALNAME"])


# -- the command line ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def network():
    return helpers.load_export(SAMPLE)


@pytest.fixture
def tag_db(tmp_path, network):
    """A tag store with six people rated: four Johns, one who knows the business, one stranger."""
    path = tmp_path / "tags.sqlite"
    store = helpers.TagStore(path)
    ids = network.connections["contact_id"].tolist()
    store.tag_many(ids[:4], relationship=3, business=0)
    store.tag(ids[4], relationship=2, business=2)
    store.tag(ids[5], relationship=0, business=0)  # not someone you know: never on the list
    store.close()
    return path


@pytest.fixture
def ranked(network, tag_db):
    return helpers.reconnect_list(network, helpers.TagStore(tag_db))


def run_cli(*args, cwd):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # "…" and names read the same on any console
    return subprocess.run([sys.executable, "-m", "helpers", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def test_cli_writes_the_list_and_the_calendar(tmp_path, tag_db):
    out, ics = tmp_path / "out" / "reconnect.csv", tmp_path / "out" / "chats.ics"
    out.parent.mkdir()
    done = run_cli("reconnect", SAMPLE, "--tags", tag_db, "--out", out, "--ics", ics, "--top", 3,
                   "--per-week", 2, "--start", "2026-03-02", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for progress in ("Reading export", "792 contacts", "Ranking… 3 people", f"Wrote {out} (3 rows)", f"Wrote {ics}"):
        assert progress in done.stderr
    listing_back = pd.read_csv(out, encoding="utf-8-sig")
    assert listing_back["rank"].tolist() == [1, 2, 3]
    starts = event_starts(ics)
    assert [start.date() for start in starts] == [dt.date(2026, 3, 3), dt.date(2026, 3, 4), dt.date(2026, 3, 10)]
    assert done.stdout == ""  # progress goes to stderr, so stdout stays free for pipes


def test_cli_lists_everyone_rated_by_default(tmp_path, tag_db):
    done = run_cli("reconnect", SAMPLE, "--tags", tag_db, "--out", tmp_path / "all.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(pd.read_csv(tmp_path / "all.csv", encoding="utf-8-sig")) == 5  # the stranger is not on it


def test_cli_help(tmp_path):
    top = run_cli("--help", cwd=tmp_path)
    assert top.returncode == 0 and "reconnect" in top.stdout
    sub = run_cli("reconnect", "--help", cwd=tmp_path)
    assert sub.returncode == 0
    for words in ("EXPORT", "--tags", "--out", "--ics", "--top", "--per-week", "--start", "Exit status"):
        assert words in sub.stdout


def test_cli_bad_export_is_one_clear_paragraph(tmp_path, tag_db):
    missing = tmp_path / "Basic_LinkedInDataExport_01-01-2026.zip"
    done = run_cli("reconnect", missing, "--tags", tag_db, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    message = done.stderr.split("Error: ", 1)[1].strip()
    assert str(missing) in message and "\n" not in message
    assert not (tmp_path / "reconnect.csv").exists()


def test_cli_missing_tag_store_is_not_created(tmp_path):
    missing = tmp_path / "typo.sqlite"
    done = run_cli("reconnect", SAMPLE, "--tags", missing, cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no such file" in done.stderr and "--tags" in done.stderr
    assert not missing.exists()


def test_cli_refuses_a_file_that_is_not_a_tag_store(tmp_path):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a database")
    done = helpers_main(["reconnect", str(SAMPLE), "--tags", str(wrong), "--out", str(tmp_path / "x.csv")])
    assert done == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # no backup copies, no output


def test_cli_with_nobody_rated_writes_headings_and_says_what_to_do(tmp_path, capsys):
    empty = tmp_path / "tags.sqlite"
    helpers.TagStore(empty).close()
    out, ics = tmp_path / "reconnect.csv", tmp_path / "chats.ics"
    code = helpers_main(["reconnect", str(SAMPLE), "--tags", str(empty), "--out", str(out), "--ics", str(ics)])
    assert code == 1
    assert pd.read_csv(out, encoding="utf-8-sig").empty
    assert not ics.exists()
    assert "Nobody is rated yet" in capsys.readouterr().err


def test_cli_with_nobody_on_the_list_says_why(tmp_path, network, capsys):
    db = tmp_path / "tags.sqlite"
    store = helpers.TagStore(db)
    store.tag(network.connections["contact_id"].iloc[0], relationship=3, business=3)  # nothing left to learn
    store.close()
    code = helpers_main(["reconnect", str(SAMPLE), "--tags", str(db), "--out", str(tmp_path / "r.csv")])
    assert code == 1
    assert "Nobody you rated is on the list" in capsys.readouterr().err


def test_cli_unwritable_output_is_a_clear_error(tmp_path, tag_db, capsys):
    code = helpers_main(["reconnect", str(SAMPLE), "--tags", str(tag_db), "--out", str(tmp_path / "no" / "such.csv")])
    assert code == 2
    assert "could not write" in capsys.readouterr().err


def helpers_main(argv) -> int:
    from helpers.__main__ import main
    return main(argv)
