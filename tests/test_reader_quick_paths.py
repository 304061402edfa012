"""The reader's quick paths (profile keys and dates by the column, contacts by position, messages.csv
read before it is matched) give a person exactly what the one-by-one forms give, and damaged input
still ends in a plain message."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import helpers
from conftest import (
    PEOPLE, STRANGER_URL, connections_bytes, contact_id_of, full_name, raw_url,
    world_connection_rows, world_export_files, write_folder, write_zip, zip_name,
)
from helpers.export import csv_text
from helpers.export.connections import read_connections
from helpers.export.contact_matching import ContactMatcher
from helpers.export.dates import parse_dates
from helpers.export.profile_urls import profile_key, profile_keys

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------------------
# profile keys: the vectorised form is the per-URL form
# ---------------------------------------------------------------------------

PREFIXES = ["https://www.linkedin.com/in/", "http://linkedin.com/in/", "HTTPS://WWW.LINKEDIN.COM/IN/",
            "www.linkedin.com/in/", "  https://de.linkedin.com/in/", "\thttps://www.linkedin.com/in/",
            "https://www.linkedin.com/pub/", "https://example.com/", "https://www.linkedin.com%2Fin%2F", ""]
PARTS = ["ana", "Pérez", "jos%C3%A9", "J%C3%89", "%c3%a9", "%2F", "%2f", "%20", "%zz", "%", "%C3", "%3F",
         "%23", "%09", "e\u0301", "\u00e9", "İ", " ", "\t", "\u00a0", "\u2003", "\x0b", "-", "?trk=x",
         "#top", "/", "LEE", "linkedin.com/in/", "1a2b"]
URLS = (st.builds(lambda prefix, parts: prefix + "".join(parts),
                  st.sampled_from(PREFIXES), st.lists(st.sampled_from(PARTS), max_size=6))
        | st.text(max_size=12) | st.none())


@PROPERTY
@given(st.lists(URLS, max_size=12))
@example(["https://www.linkedin.com%2Fin%2Fana/linkedin.com/in/bob"])
def test_profile_keys_of_a_column_are_profile_key_of_each_url(values):
    """Whatever a file writes, a contact gets the same id from the column as from its one URL."""
    keys = profile_keys(pd.Series(values, dtype="str"))
    assert keys.tolist() == [profile_key(value) for value in values]


# ---------------------------------------------------------------------------
# CSV: a bare line inside a quoted cell is not a stray line
# ---------------------------------------------------------------------------

def test_a_row_with_only_its_first_cell_is_kept():
    """`Ana,,` is a contact even when another cell of the file has a line reading `Ana`."""
    data = b'First Name,Last Name,Company\nAna,,\nBo,Ng,"Acme\nAna\nLtd"\nBADROW\n'
    table = csv_text.read_table(data, "Connections.csv", {"first name", "last name"})
    assert table.frame["first name"].tolist() == ["Ana", "Bo"]
    assert any("not a row" in note for note in table.notes), table.notes  # BADROW still goes


# ---------------------------------------------------------------------------
# zip members
# ---------------------------------------------------------------------------

def damaged_zip(tmp_path, member: str, how: str):
    """The world export zipped, one entry damaged: a byte of its packed data flipped, or its central CRC."""
    good = write_zip(tmp_path / "good.zip", world_export_files("2025"))
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo(member)
    if how == "flipped byte":
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        data[start + info.compress_size // 2] ^= 0x55
    else:
        for entry in (found.start() for found in re.finditer(rb"PK\x01\x02", data)):  # central directory
            name_length = int.from_bytes(data[entry + 28:entry + 30], "little")
            if data[entry + 46:entry + 46 + name_length] == member.encode():
                data[entry + 16] ^= 0xFF  # the CRC-32 zipfile checks against
    bad = tmp_path / "bad" / zip_name("Complete")
    bad.parent.mkdir()
    bad.write_bytes(bytes(data))
    with zipfile.ZipFile(bad) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read(member)
    return bad


@pytest.mark.parametrize("how", ["flipped byte", "central CRC"])
def test_damaged_connections_entry_is_a_plain_message_naming_it(tmp_path, how):
    """A corrupt download ends in "Connections.csv in <zip>: ... a damaged entry", never a traceback."""
    bad = damaged_zip(tmp_path, "Connections.csv", how)
    with pytest.raises(helpers.ExportError) as error:
        helpers.load_export(bad)
    assert "Connections.csv" in str(error.value) and "damaged entry" in str(error.value)


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

UTC_FORM = "%Y-%m-%d %H:%M:%S UTC"


@pytest.mark.parametrize("where", [0, 137, 299])
def test_an_impossible_date_among_300_utc_stamps_is_missing_the_rest_exact(where):
    """messages.csv with one impossible date: that message has no date, every other one its exact time."""
    start = dt.datetime(2024, 1, 1, 8)
    text = [(start + dt.timedelta(hours=7 * i, seconds=i)).strftime(UTC_FORM) for i in range(300)]
    text[where] = "2024-02-31 00:00:00 UTC"
    parsed, _ = parse_dates(pd.Series(text))
    assert pd.isna(parsed[where])
    assert list(parsed.drop(where)) == [dt.datetime.strptime(t, UTC_FORM) for i, t in enumerate(text) if i != where]


def test_utc_stamps_mixed_with_bare_stamps_all_parse():
    """A spreadsheet dropped " UTC" from some rows: every row still gets its own time."""
    stamps = [dt.datetime(2023, 5, 1, 9) + dt.timedelta(days=i, minutes=13 * i) for i in range(40)]
    text = [f"{s:%Y-%m-%d %H:%M:%S}" + (" UTC" if i % 3 else "") for i, s in enumerate(stamps)]
    parsed, _ = parse_dates(pd.Series(text))
    expected = [dt.datetime.strptime(t.removesuffix(" UTC"), "%Y-%m-%d %H:%M:%S") for t in text]
    assert list(parsed) == expected


def test_a_half_converted_column_reads_ambiguous_days_in_the_form_of_most_of_it():
    """LinkedIn's form, then a Danish re-save: 01/02/2020 is 1 February (25/12/2020 says day first)."""
    text = ["07 Mar 2022", "08 Mar 2022", "09 Mar 2022"] + ["01/02/2020", "25/12/2020", "03/04/2020"] * 10
    parsed, _ = parse_dates(pd.Series(text))
    expected = [dt.datetime.strptime(t, "%d %b %Y" if " " in t else "%d/%m/%Y") for t in text]
    assert list(parsed) == expected


def test_a_year_pandas_cannot_hold_is_missing_never_another_date():
    """A corrupt year (1000) leaves the message undated; it never becomes a date in another century."""
    parsed, _ = parse_dates(pd.Series(["1000-01-01 00:00:00 UTC", "2024-06-01 12:00:00 UTC"]))
    assert pd.isna(parsed[0]), parsed[0]
    assert parsed[1] == dt.datetime(2024, 6, 1, 12)


# ---------------------------------------------------------------------------
# messages.csv: damaged or garbage, and read twice
# ---------------------------------------------------------------------------

def assert_contacts_and_messages_warning(network):
    assert len(network.connections) == len(PEOPLE)
    assert network.messages is None
    assert any("messages.csv" in warning for warning in network.report.warnings), network.report.warnings


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_garbage_messages_file_is_a_warning_not_a_failure(tmp_path, as_zip):
    """Binary bytes under the name messages.csv: the contacts load, the report names the file."""
    files = dict(world_export_files("2025"), **{"messages.csv": bytes(range(256)) * 40})
    where = tmp_path / zip_name("Complete")
    source = write_zip(where, files) if as_zip else write_folder(where.with_suffix(""), files)
    assert_contacts_and_messages_warning(helpers.load_export(source))


@pytest.mark.parametrize("how", ["flipped byte", "central CRC"])
def test_damaged_messages_entry_is_a_warning_not_a_failure(tmp_path, how):
    """The contacts still load; the report says messages.csv could not be unpacked."""
    assert_contacts_and_messages_warning(helpers.load_export(damaged_zip(tmp_path, "messages.csv", how)))


def test_loading_the_same_export_twice_gives_the_same_messages_and_signals(tmp_path):
    """Parsing messages beside the other files changes nothing: zip twice, and unzipped, agree."""
    files = world_export_files("2025")
    path = write_zip(tmp_path / zip_name("Complete"), files)
    folder = write_folder(tmp_path / "unzipped" / path.stem, files)
    first, again, unzipped = (helpers.load_export(source) for source in (path, path, folder))
    assert first.messages is not None and first.messages["contact_id"].notna().any()
    for other in (again, unzipped):
        pd.testing.assert_frame_equal(first.messages, other.messages)
        pd.testing.assert_frame_equal(first.signals, other.signals)


# ---------------------------------------------------------------------------
# ContactMatcher on positions
# ---------------------------------------------------------------------------

def matcher_for(rows, variant="2024"):
    connections, _, _ = read_connections(connections_bytes(rows, variant), "Connections.csv")
    return connections, ContactMatcher(connections)


def match(matcher, urls, names):
    ids = matcher.match(None if urls is None else pd.Series(urls, dtype="str"), pd.Series(names, dtype="str"))
    return [None if pd.isna(found) else found for found in ids]


@pytest.mark.parametrize("variant", ["2021", "2024"])
@pytest.mark.parametrize("urls", [None, [None, None], [STRANGER_URL, STRANGER_URL]])
def test_a_name_two_contacts_share_is_never_guessed(variant, urls):
    """Two John Smiths: a row naming John Smith (any case or spacing) is neither of them."""
    _, matcher = matcher_for(world_connection_rows(), variant)
    assert match(matcher, urls, ["John Smith", " john  SMITH "]) == [None, None]


def test_a_stranger_url_never_falls_back_to_a_contact_name():
    """Every contact has a URL: a URL that is none of theirs is someone else with the same name."""
    connections, matcher = matcher_for(world_connection_rows())
    ana, john2 = (contact_id_of(SimpleNamespace(connections=connections), key) for key in ("ana", "john2"))
    found = match(matcher, [STRANGER_URL, None, raw_url("john2")], [full_name("ana")] * 2 + ["John Smith"])
    assert found == [None, ana, john2]


def test_pre_2024_export_finds_a_url_less_contact_by_unique_name():
    """Connections.csv had no URLs before 2024: a message's URL cannot match, Ana's unique name does."""
    connections, matcher = matcher_for(world_connection_rows(), "2021")
    ana = contact_id_of(SimpleNamespace(connections=connections), "ana")
    assert match(matcher, [raw_url("ana"), STRANGER_URL], [full_name("ana"), "Nobody Known"]) == [ana, None]


def test_mixed_export_name_fallback_only_for_the_contact_without_url():
    """Bob's URL is hidden: an unknown URL named Bob is him; one named Ana (who has a URL) is not."""
    rows = [dict(row) for row in world_connection_rows()]
    for row in rows:
        if row["first"] == "Bob":
            row["url"] = ""
    connections, matcher = matcher_for(rows)
    bob = contact_id_of(SimpleNamespace(connections=connections), rows[[r["first"] for r in rows].index("Bob")])
    assert match(matcher, [STRANGER_URL, STRANGER_URL], [full_name("bob"), full_name("ana")]) == [bob, None]
