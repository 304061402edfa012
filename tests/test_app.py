"""The app view (helpers/app.py), driven by clicks as a person would: tag, refresh the chart, save the list.

The bundled sample network, a TagStore and the data folder all live in tmp_path. The same app in a
real browser (Voilà, headless Chromium) is tests/browser/test_voila_app.py.
"""
import json
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.workbook.app import LIST_NAME, NOBODY_RATED, NOBODY_TO_RANK, build_app, screen_share_banner
from helpers.workbook.data_folder import SAMPLE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def network():
    return helpers.load_export(SAMPLE)


@pytest.fixture
def store(tmp_path):
    return helpers.TagStore(tmp_path / "tags.sqlite")


@pytest.fixture
def app(network, store, tmp_path):
    return build_app(network, store, folder=tmp_path / "data")


def click_tags(app, relationship: int, business: int) -> str:
    """Click one relationship and one business button on the card; return who was on it."""
    contact_id = app.tagger.current_contact_id
    app.tagger.relationship_buttons[relationship].click()
    app.tagger.business_buttons[business].click()
    return contact_id


def cells_total(figure) -> int:
    return int(sum(sum(row) for row in figure.data[0].z))


def test_sections_carry_the_classes_the_browser_tests_look_for(app):
    classes = [section._dom_classes for section in app.widget.children]
    assert classes == [("reconnect-tagger",), ("reconnect-gap",), ("reconnect-save",),
                       ("reconnect-introductions-section",)]
    assert app.refresh_button.description == "Refresh the chart"
    assert app.save_button.description == "Save my reconnect list"


def test_before_any_rating_the_chart_says_what_to_do(app):
    assert not app.figure.data, "no empty axes: a message figure instead"
    assert "Nobody is rated" in app.figure.layout.annotations[0].text
    assert "Refresh the chart" in app.figure.layout.annotations[0].text, "the app's words, not a notebook's"


def test_refresh_draws_the_tags_just_clicked(app, store):
    contact_id = click_tags(app, relationship=3, business=0)
    assert store.get(contact_id)["relationship"] == 3 and store.get(contact_id)["business"] == 0
    app.refresh_button.click()
    assert app.figure.data[0].type == "heatmap"
    assert cells_total(app.figure) == 1
    assert app.figure.layout.title.subtitle.text.startswith("1 rated on both scales")


def test_the_chart_only_changes_on_refresh(app):
    before = app.figure
    click_tags(app, relationship=2, business=1)
    assert app.figure is before
    app.refresh_button.click()
    assert app.figure is not before


def test_save_writes_the_ranked_list_and_says_where(app, tmp_path):
    john = click_tags(app, relationship=3, business=0)
    click_tags(app, relationship=0, business=0)  # someone you don't know: not on the list
    app.save_button.click()
    path = tmp_path / "data" / LIST_NAME
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back["contact_id"]) == [john]
    assert list(back.columns) == list(helpers.reconnect_list(app.network, app.store).columns)
    assert str(path) in app.save_message.value and "Saved 1 person" in app.save_message.value


def test_save_with_nobody_rated_writes_nothing_and_says_why(app, tmp_path):
    app.save_button.click()
    assert not (tmp_path / "data" / LIST_NAME).exists()
    assert "Nobody is rated yet" in app.save_message.value
    assert app.save() is None


def test_save_with_only_strangers_rated_says_who_the_list_is_for(app, tmp_path):
    click_tags(app, relationship=0, business=3)
    app.save_button.click()
    assert not (tmp_path / "data" / LIST_NAME).exists()
    assert app.save_message.value.startswith("No one to put on the list yet")


def test_messages_are_plain_sentences():
    for text in (NOBODY_RATED, NOBODY_TO_RANK):
        assert text.endswith(".") and "helpers" not in text and "()" not in text


def test_the_list_goes_to_your_data_folder_by_default(network, store, tmp_path, monkeypatch):
    monkeypatch.setenv("RECONNECT_DATA_DIR", str(tmp_path / "elsewhere"))
    app = build_app(network, store)
    click_tags(app, relationship=2, business=0)
    assert app.save() == tmp_path / "elsewhere" / LIST_NAME


def test_the_app_notebook_is_committed_without_outputs():
    notebook = json.loads((ROOT / "app" / "reconnect-app.ipynb").read_text())
    assert all(not cell.get("outputs") and not cell.get("execution_count") for cell in notebook["cells"]), \
        "run `nbstripout app/reconnect-app.ipynb` before committing"
    assert "widgets" not in notebook.get("metadata", {}), "the app notebook carries widget state"


def test_the_banner_says_whether_names_are_hidden(monkeypatch):
    monkeypatch.setattr(helpers.workbook.privacy, "_settings", {"private": None})
    monkeypatch.setenv("RECONNECT_PRIVATE", "1")
    assert "Screen-share mode is ON" in screen_share_banner().data
    monkeypatch.delenv("RECONNECT_PRIVATE")
    assert "RECONNECT_PRIVATE=1 make app" in screen_share_banner().data
