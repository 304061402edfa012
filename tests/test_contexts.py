"""Where you know people from (issue 14): the third, optional tag, stored as events like the scales.

Contexts are set with one click (toggle), in bulk, undone, exported to CSV and read back, moved
with a person to a newer export, and a store made before contexts existed (a file written by the
code of the commit before them, tests/data/tag-store-schema-1.sqlite) opens with every event kept.
"""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import helpers
from conftest import connections_bytes, person
from helpers.tags.contexts import CONTEXTS, clean_context, contexts_value, parse_contexts, toggled
from helpers.workbook.privacy import pseudonymise

OLD_STORE = Path(__file__).parent / "data" / "tag-store-schema-1.sqlite"
# what that file holds (it was written by the pre-contexts code: see the report of issue 14)
OLD_EVENTS = 18
OLD_TAGS = {"jurgen-hughes": (3, 0, "Neighbour, kids in the same kindergarten"), "ycosta": (2, 3, None),
            "giulia-şahin-b40126cc": (1, None, None), "Old Friend|2015-03-02": (2, 0, None)}


@pytest.fixture
def store(tmp_path):
    return helpers.TagStore(tmp_path / "tags.sqlite")


def tags_of(store, contact_id):
    got = store.get(contact_id)
    return (got["relationship"], got["business"], got["note"])


# -- the contexts themselves ------------------------------------------------------------------------
def test_contexts_are_kept_in_a_fixed_order_with_own_words_last():
    assert contexts_value(["club or community", " Neighbour ", "sailing  club", "neighbour"]) == \
        "neighbour; club or community; sailing club"
    assert parse_contexts("school or kids;neighbour; ; my old band") == ["neighbour", "school or kids", "my old band"]
    assert parse_contexts(None) == parse_contexts(float("nan")) == parse_contexts(pd.NA) == []
    assert contexts_value([]) is None
    assert toggled("neighbour; client", "client") == "neighbour"
    assert toggled(None, "event") == "event"


@pytest.mark.parametrize("bad", ["", "   ", ";", "x" * 41, 3, None])
def test_a_context_must_be_a_few_words(bad):
    with pytest.raises(ValueError, match="context"):
        clean_context(bad)


# -- events, toggle, bulk, undo ---------------------------------------------------------------------
def test_one_click_adds_a_context_and_a_second_takes_it_back(store):
    assert store.toggle_context("ana", "neighbour") == ["neighbour"]
    assert store.toggle_context("ana", "School or kids") == ["neighbour", "school or kids"]
    assert store.toggle_context("ana", "neighbour") == ["school or kids"]
    assert store.contexts("ana") == ["school or kids"]
    assert store.current().at["ana", "contexts"] == "school or kids"
    assert store.get("ana")["contexts"] == "school or kids"
    history = store.history()
    assert list(history["field"]) == ["contexts"] * 3
    assert list(history["value"]) == ["neighbour", "neighbour; school or kids", "school or kids"]
    # contexts alone do not make someone rated on the scales
    assert store.counts() == {"tagged": 0, "johns": 0}


def test_undo_takes_back_the_last_context_click_then_the_one_before(store):
    store.tag("ana", relationship=3, business=0)
    store.toggle_context("ana", "neighbour")
    store.toggle_context("ana", "friend or family")
    assert store.undo() == 1
    assert store.contexts("ana") == ["neighbour"]
    assert store.undo() == 1
    assert store.contexts("ana") == []
    assert tags_of(store, "ana") == (3, 0, None)  # the ratings were not touched


def test_bulk_adds_a_context_to_everyone_keeping_theirs_as_one_undo_step(store):
    store.set_contexts("ana", ["client"])
    store.set_contexts("bob", ["neighbour"])
    assert store.add_context_many(["ana", "bob", "cy", "bob"], "neighbour") == 2  # bob had it already
    assert [store.contexts(c) for c in ("ana", "bob", "cy")] == [["neighbour", "client"], ["neighbour"], ["neighbour"]]
    assert store.history()["source"].iloc[-1] == "bulk"
    assert store.undo() == 2
    assert [store.contexts(c) for c in ("ana", "bob", "cy")] == [["client"], ["neighbour"], []]


def test_set_contexts_replaces_and_clears(store):
    store.set_contexts("ana", ["neighbour", "my choir"])
    assert store.contexts("ana") == ["neighbour", "my choir"]
    store.set_contexts("ana", [])
    assert store.contexts("ana") == []
    with pytest.raises(ValueError, match="context"):
        store.set_contexts("ana", ["x" * 60])
    assert len(store.history()) == 2  # the bad call wrote nothing


def test_two_stores_toggling_the_same_person_both_count(tmp_path):
    first, second = helpers.TagStore(tmp_path / "t.sqlite"), helpers.TagStore(tmp_path / "t.sqlite")
    first.toggle_context("ana", "neighbour")
    second.toggle_context("ana", "client")  # reads the first one's click inside its own transaction
    assert first.contexts("ana") == ["neighbour", "client"]


# -- CSV round trip ------------------------------------------------------------------------------------
def test_contexts_go_out_to_csv_and_come_back_edited(store, tmp_path):
    store.tag("ana", relationship=3, business=0)
    store.set_contexts("ana", ["neighbour", "school or kids"])
    store.set_contexts("bob", ["=cmd sailing"])  # own words that a spreadsheet would run as a formula
    path = store.export_csv(tmp_path / "tags.csv")
    exported = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False).set_index("contact_id")
    assert exported.at["ana", "contexts"] == "neighbour; school or kids"
    assert not exported.at["bob", "contexts"].startswith("=")
    exported.at["ana", "contexts"] = "client;  Neighbour"  # edited by hand
    exported.to_csv(path, encoding="utf-8-sig")
    result = store.import_csv(path)
    assert store.contexts("ana") == ["neighbour", "client"]
    assert store.contexts("bob") == ["=cmd sailing"]  # the spreadsheet-safe prefix is taken off again
    assert result.changed == 1
    assert store.undo() == 1 and store.contexts("ana") == ["neighbour", "school or kids"]


def test_a_csv_with_an_overlong_context_is_refused_whole(store, tmp_path):
    path = tmp_path / "tags.csv"
    path.write_text("contact_id,relationship,contexts\nana,2,neighbour\nbob,1," + "y" * 50 + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 3: contexts") as refused:
        store.import_csv(path)
    assert "contexts are a few words each (at most 40 characters), separated by ';'" in str(refused.value)
    assert store.current().empty


# -- following people to a newer export ------------------------------------------------------------------
def test_contexts_follow_a_person_to_a_newer_export(tmp_path):
    old = tmp_path / "2021" / "Connections.csv"
    new = tmp_path / "2026" / "Connections.csv"
    for path in (old, new):
        path.parent.mkdir()
    on = dt.date(2019, 5, 1)
    old.write_bytes(connections_bytes([person("Ana", "Lee", None, on=on)], "2021"))
    new.write_bytes(connections_bytes([person("Ana", "Lee", "ana-lee-1", on=on)], "2024"))
    net_old, net_new = helpers.load_export(old), helpers.load_export(new)
    store = helpers.TagStore(tmp_path / "tags.sqlite")
    store.sync(net_old)
    old_id = net_old.connections["contact_id"].iloc[0]
    store.tag(old_id, relationship=3, business=0)
    store.set_contexts(old_id, ["neighbour", "school or kids"])
    report = store.sync(net_new)
    new_id = net_new.connections["contact_id"].iloc[0]
    assert dict(report.migrated) == {old_id: new_id}
    assert store.contexts(new_id) == ["neighbour", "school or kids"] and store.contexts(old_id) == []
    assert tags_of(store, new_id) == (3, 0, None)


# -- a store from before contexts -----------------------------------------------------------------------
def old_store_copy(tmp_path) -> Path:
    path = tmp_path / "tags.sqlite"
    shutil.copy(OLD_STORE, path)
    return path


def test_the_committed_old_store_really_is_schema_1(tmp_path):
    with sqlite3.connect(old_store_copy(tmp_path)) as db:
        events_sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
        chat_columns = {row[1] for row in db.execute("PRAGMA table_info(chats)")}
        assert "'contexts'" not in events_sql and "looking_for" not in chat_columns
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == OLD_EVENTS
        with pytest.raises(sqlite3.IntegrityError):  # the old CHECK refuses the new field
            db.execute("INSERT INTO events (batch_id, contact_id, field, value, at) VALUES (1, 'x', 'contexts', 'a', 'b')")


def test_an_old_store_opens_keeps_every_event_and_gains_contexts(tmp_path):
    path = old_store_copy(tmp_path)
    with sqlite3.connect(path) as db:
        before = db.execute("SELECT id, batch_id, contact_id, field, value, at FROM events ORDER BY id").fetchall()
        chats_before = db.execute("SELECT * FROM chats").fetchall()
    store = helpers.TagStore(path)
    history = store.history()
    assert [tuple(r) for r in history[["event_id", "batch_id", "contact_id", "field"]].itertuples(index=False)] == \
        [(i, b, c, f) for i, b, c, f, _, _ in before]
    for contact_id, expected in OLD_TAGS.items():
        assert tags_of(store, contact_id) == expected, contact_id
    assert store.counts() == {"tagged": 9, "johns": 2}
    chats = store.chats()
    assert len(chats) == len(chats_before) == 1 and chats["looking_for"].isna().all()
    assert chats.at[0, "what_they_do"] == "Runs cold-chain warehouses"
    # new things work, and new events come after the old ones
    store.toggle_context("jurgen-hughes", "neighbour")
    store.log_chat("ycosta", on="2026-11-01", looking_for="a second warehouse")
    assert store.history()["event_id"].iloc[-1] > before[-1][0]
    assert store.chats()["looking_for"].iloc[-1] == "a second warehouse"
    # and undo still reaches back into the old history after the upgrade
    assert store.undo() == 1 and store.get("ycosta")["status"] == "helped each other"  # the chat's status
    assert store.undo() == 1 and store.contexts("jurgen-hughes") == []
    assert store.undo() == 2 and store.get("Old Friend|2015-03-02") is None  # the last old tag


def test_the_upgrade_keeps_a_backup_and_runs_once(tmp_path):
    path = old_store_copy(tmp_path)
    helpers.TagStore(path).close()
    backup = path.with_name("tags.sqlite.schema-1.bak")
    assert backup.exists()
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == OLD_EVENTS
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "2"
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "events_v2" not in tables
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"events_by_contact", "events_by_batch"} <= indexes
    backup.unlink()
    again = helpers.TagStore(path)  # already upgraded: no second backup, nothing rewritten
    assert not backup.exists() and len(again.history()) == OLD_EVENTS


def test_two_notebooks_opening_an_old_store_at_once_both_work(tmp_path):
    path = old_store_copy(tmp_path)
    first = helpers.TagStore(path)
    second = helpers.TagStore(path)
    first.toggle_context("ycosta", "client")
    second.toggle_context("ycosta", "event")
    assert first.contexts("ycosta") == ["client", "event"]
    assert len(second.history()) == OLD_EVENTS + 2


# -- on screen: the tagger, the gap table, the chart, screen-share mode ----------------------------------
@pytest.fixture(scope="module")
def sample():
    return helpers.load_export(helpers.workbook.data_folder.SAMPLE)


def test_the_tagger_row_saves_a_context_and_undo_takes_it_back(sample, store):
    app = helpers.tagger(sample, store)
    contact_id = app.current_contact_id
    app.context_row.buttons["neighbour"].click()
    assert store.contexts(contact_id) == ["neighbour"]
    assert app.context_row.buttons["neighbour"].button_style == "info"
    assert "where from: neighbour" in app.status_label.value and "from: neighbour" in app.card.value
    assert app.current_contact_id == contact_id  # a context does not move the card on
    app.context_row.own_words.value = "Sailing club"
    assert store.contexts(contact_id) == ["neighbour", "sailing club"] and app.context_row.own_words.value == ""
    app.undo()
    assert store.contexts(contact_id) == ["neighbour"]
    assert "Undone" in app.status_label.value and "Undone: the last change (to people not" not in app.status_label.value


def test_the_tagger_bulk_adds_a_context_to_the_list(sample, store):
    app = helpers.tagger(sample, store)
    app.search_box.value = "Logistics"
    targets = app.bulk_targets()
    app.bulk_field.value = "contexts"
    app.bulk_value.value = "former colleague"
    app.ask_bulk()
    assert "where from: former colleague" in app.bulk_question.value
    app.confirm_bulk()
    assert all(store.contexts(c) == ["former colleague"] for c in targets) and len(targets) > 5
    store.undo()
    assert all(store.contexts(c) == [] for c in targets)


def test_contexts_reach_the_gap_table_and_the_chart(sample, store):
    ids = list(sample.connections["contact_id"][:6])
    store.tag_many(ids, relationship=3, business=0)  # six Johns
    store.set_contexts(ids[0], ["neighbour", "school or kids"])
    store.set_contexts(ids[1], ["friend or family"])
    store.set_contexts(ids[2], ["former colleague"])
    gap = helpers.gap_table(sample, store)
    assert gap.at[ids[0], "contexts"] == "neighbour; school or kids"
    figure = helpers.charts.johns_by_context(gap)
    bars = dict(zip(figure.data[0].y, figure.data[0].x))
    assert bars == {"neighbour": 1, "school or kids": 1, "former colleague": 1, "friend or family": 1,
                    "(not said yet)": 3}
    assert "most are people you know socially" in figure.layout.title.text
    assert "2 of the 3 Johns you placed (67%)" in figure.layout.title.subtitle.text


def test_the_chart_says_what_to_do_before_any_context(sample, store):
    figure = helpers.charts.johns_by_context(helpers.gap_table(sample, store))
    assert not figure.data and "notebook 02" in figure.layout.annotations[0].text
    store.tag(sample.connections["contact_id"].iloc[0], relationship=2, business=1)
    figure = helpers.charts.johns_by_context(helpers.gap_table(sample, store))
    assert not figure.data and '"where from"' in figure.layout.annotations[0].text


def test_contexts_set_in_screen_share_mode_land_under_real_ids(sample, tmp_path):
    hidden = pseudonymise(sample)
    store = helpers.open_store(hidden, tmp_path / "tags.sqlite")
    shown = hidden.connections["contact_id"].iloc[2]
    store.toggle_context(shown, "client")
    store.add_context_many(hidden.connections["contact_id"].iloc[3:5], "event")
    real = helpers.TagStore(tmp_path / "tags.sqlite")
    assert real.contexts(sample.connections["contact_id"].iloc[2]) == ["client"]
    assert real.contexts(sample.connections["contact_id"].iloc[4]) == ["event"]
    assert store.contexts(shown) == ["client"]
