"""Tags rated on an older export show on a newer one, through the public API and the CLI, with no sync call (issue 10)."""
from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers.__main__ import main

TODAY = pd.Timestamp("2026-11-27")
OLD_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On\n"  # 2022: no URL column
NEW_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PEOPLE = [("John", "Thompson", "Harborline", "07 Mar 2009"), ("Ana", "Lee", "Beta", "08 Mar 2016"),
          ("Bob", "Ray", "Gamma", "09 Mar 2018")]


def _write(folder, header, rows):
    folder.mkdir()
    (folder / "Connections.csv").write_text(header + rows, encoding="utf-8")
    return folder


@pytest.fixture
def old_network(tmp_path):
    rows = "".join(f"{first},{last},,{company},Partner,{on}\n" for first, last, company, on in PEOPLE)
    return helpers.load_export(_write(tmp_path / "2022", OLD_HEADER, rows))


def _new_export(tmp_path, people=PEOPLE):
    rows = "".join(f"{first},{last},https://www.linkedin.com/in/{first.lower()}-{last.lower()},,{company},Partner,{on}\n"
                   for first, last, company, on in people)
    return _write(tmp_path / "2025", NEW_HEADER, rows)


def _id(network, first):
    people = network.connections
    return people.loc[people["first_name"] == first, "contact_id"].iloc[0]


@pytest.fixture
def store(tmp_path, old_network):
    """John rated on the 2022 export with a plain TagStore: no open_store, no sync."""
    store = helpers.TagStore(tmp_path / "tags.sqlite")
    store.tag(_id(old_network, "John"), relationship=3, business=0)
    store.tag(_id(old_network, "Bob"), relationship=1, business=2)
    return store


def test_the_2022_id_is_not_the_2025_id(old_network, tmp_path):
    """What makes the tags look lost: without a URL the id is name|date, with one it is the profile slug."""
    new = helpers.load_export(_new_export(tmp_path))
    assert _id(old_network, "John") == "john thompson|2009-03-07"
    assert _id(new, "John") == "john-thompson"


def test_reconnect_list_finds_john_on_a_newer_export_without_a_sync(store, tmp_path):
    new = helpers.load_export(_new_export(tmp_path))
    listing = helpers.reconnect_list(new, store, today=TODAY)
    assert list(listing["full_name"]) == ["John Thompson", "Bob Ray"]
    assert listing.iloc[0]["rank"] == 1 and listing.iloc[0]["contact_id"] == "john-thompson"
    assert listing.attrs["tags_not_found"] == 0 and listing.attrs["tags_note"] is None


def test_gap_table_shows_the_ratings_of_the_older_export(store, tmp_path):
    new = helpers.load_export(_new_export(tmp_path))
    gap = helpers.gap_table(new, store, today=TODAY)
    assert gap.loc["john-thompson", "relationship"] == 3 and gap.loc["john-thompson", "is_john"]
    assert int(gap["tagged"].sum()) == 2
    assert helpers.grid_counts(gap).loc[3, 0] == 1
    assert store.get("john-thompson")["relationship"] == 3  # moved for good, as a migration in the history
    assert "migration" in set(store.history()["source"])


def test_tagged_people_not_in_the_export_are_counted_with_what_to_do(store, tmp_path):
    """Bob left the network: his tags are kept, and the result says one tagged person is not shown."""
    new = helpers.load_export(_new_export(tmp_path, PEOPLE[:2]))
    listing = helpers.reconnect_list(new, store, today=TODAY)
    assert list(listing["full_name"]) == ["John Thompson"]
    assert listing.attrs["tags_not_found"] == 1
    assert "1 tagged person" in listing.attrs["tags_note"] and "store.sync(network)" in listing.attrs["tags_note"]
    gap = helpers.gap_table(new, store, today=TODAY)
    assert gap.attrs["tags_not_found"] == 1
    assert store.counts()["tagged"] == 2  # nothing was lost


def test_the_cli_says_when_tagged_people_are_not_in_the_export(store, tmp_path, capsys):
    out = tmp_path / "list.csv"
    code = main(["reconnect", str(_new_export(tmp_path, PEOPLE[:2])), "--tags", str(store.path), "--out", str(out)])
    assert code == 0
    assert "1 tagged person not in this export" in capsys.readouterr().err


def test_charts_from_the_gap_see_the_followed_tags(store, tmp_path):
    new = helpers.load_export(_new_export(tmp_path))
    gap = helpers.gap_table(new, store, today=TODAY)
    assert helpers.charts.has_ratings(gap)


def test_the_cli_ranks_john_first_on_the_newer_export(store, tmp_path, capsys):
    out = tmp_path / "list.csv"
    code = main(["reconnect", str(_new_export(tmp_path)), "--tags", str(store.path), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    written = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert list(written["full_name"]) == ["John Thompson", "Bob Ray"]
    assert written.loc[0, "rank"] == "1"


def test_the_tagger_shows_the_older_exports_ratings_on_the_newer_one(store, tmp_path):
    new = helpers.load_export(_new_export(tmp_path))
    helpers.tagger(new, store)
    assert store.get("john-thompson")["relationship"] == 3
