"""The notes shown instead of empty tables: a Basic export, nobody rated, nobody due."""
import zipfile

import pandas as pd
import pytest

import helpers
from helpers import guidance
from helpers.workbook import data_folder as workbook


@pytest.fixture(scope="module")
def complete():
    return helpers.load_export(workbook.SAMPLE)


@pytest.fixture(scope="module")
def basic(tmp_path_factory):
    """The sample's Connections.csv alone: what a Basic export holds."""
    folder = tmp_path_factory.mktemp("basic")
    with zipfile.ZipFile(workbook.SAMPLE) as sample:
        (folder / "Connections.csv").write_bytes(sample.read("Connections.csv"))
    return helpers.load_export(folder / "Connections.csv")


@pytest.fixture
def store(tmp_path):
    return helpers.TagStore(tmp_path / "tags.sqlite")


def test_a_note_reads_as_text_and_as_a_box():
    note = guidance.Note("Nobody <yet> & nothing\nnext line")
    assert str(note) == repr(note) == "Nobody <yet> & nothing\nnext line"
    assert "&lt;yet&gt; &amp; nothing<br>next line" in note._repr_html_()


def test_table_or_note():
    table = pd.DataFrame({"a": [1]})
    assert guidance.table_or_note(table, "empty") is table
    assert str(guidance.table_or_note(table.iloc[:0], "Nothing here: do this.")) == "Nothing here: do this."


def test_suggestions_depend_on_messages(complete, basic):
    assert guidance.has_messages(complete) and not guidance.has_messages(basic)
    assert "suggests a relationship" in str(guidance.about_suggestions(complete))
    text = str(guidance.about_suggestions(basic))
    assert "a Basic export has none" in text and "rate from memory" in text and "Complete export" in text


def test_nobody_due_with_nobody_rated_says_to_rate_first(complete, basic, store):
    text = guidance.nobody_due(complete, helpers.gap_table(complete, store))
    assert text.startswith("Nobody is due yet.") and "rate some in notebook 02" in text
    assert "Basic" not in text
    both = guidance.nobody_due(basic, helpers.gap_table(basic, store))
    assert "rate some in notebook 02" in both and "a Basic export has none" in both


def test_nobody_due_on_a_basic_export_waits_for_the_first_chat(basic, store):
    store.tag(basic.connections["contact_id"].iloc[0], relationship=3, business=0)
    text = guidance.nobody_due(basic, helpers.gap_table(basic, store))
    assert "first coffee chat" in text and "rate some" not in text


def test_nobody_due_when_the_rated_have_no_messages(complete, store):
    quiet = complete.signals.index[(complete.signals["messages_sent"] + complete.signals["messages_received"]) == 0]
    store.tag(quiet[0], relationship=2, business=1)
    assert "no clock has started" in guidance.nobody_due(complete, helpers.gap_table(complete, store))


def test_nobody_due_when_everyone_is_recent(complete, store):
    store.tag(complete.connections["contact_id"].iloc[0], relationship=3, business=1)
    store.log_chat(complete.connections["contact_id"].iloc[0], on=pd.Timestamp.now().normalize())
    gap = helpers.gap_table(complete, store)
    assert helpers.due_for_reach_out(gap).empty
    assert "recently enough" in guidance.nobody_due(complete, gap)
