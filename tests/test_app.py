"""The app view (helpers/workbook/app.py) and its parts, driven as a person would: keys, ticks, clicks.

The bundled sample network, a TagStore and the data folder all live in tmp_path. The same app in a
real browser (Voilà, headless Chromium) is tests/browser/test_voila_app.py.
"""
import json
import re
from pathlib import Path

import icalendar
import pandas as pd
import pytest

import helpers
from helpers.workbook import downloads
from helpers.workbook.app import SECTIONS, build_app, screen_share_banner
from helpers.workbook.bring_export import install_export
from helpers.workbook.data_folder import SAMPLE
from helpers.workbook.leave_room import COPY_VARIABLE
from helpers.workbook.keyboard import ALL_KEYS, press
from helpers.workbook.plan_chats import NOBODY_TO_PLAN, choose_to_plan, row_html
from helpers.workbook.privacy import pseudonymise
from helpers.workbook.upload import CHUNK_BYTES, INCOMING

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


def keys(app, text: str) -> None:
    for key in text:
        press(app.tagger, key)


def cells_total(figure) -> int:
    return int(sum(sum(row) for row in figure.data[0].z))


def test_sections_in_order_with_the_classes_the_browser_tests_look_for(app):
    classes = [box._dom_classes for box in app.widget.children[1:]]
    assert classes == [("reconnect-upload",), ("reconnect-tagger",), ("reconnect-gap",), ("reconnect-list",),
                       ("reconnect-downloads",), ("reconnect-habit",), ("reconnect-introductions-section",)]
    assert len(SECTIONS) == len(classes)
    assert "SAMPLE network" in app.widget.children[0].value


def test_the_list_section_says_what_its_order_means(app):
    list_box = app.widget.children[1 + [build.__name__ for build in SECTIONS].index("list_section")]
    text = " ".join(getattr(child, "value", "") for child in list_box.children[1].children)
    assert "Johns come first" in text and "everyone else" in text


def test_two_keys_per_contact_and_the_card_moves_on(app, store):
    first = app.tagger.current_contact_id
    keys(app, "3a")
    second = app.tagger.current_contact_id
    assert second != first and store.get(first)["relationship"] == 3 and store.get(first)["business"] == 0
    keys(app, "1")
    assert app.tagger.current_contact_id == second, "one key alone does not move on"
    keys(app, "f")
    assert (store.get(second)["relationship"], store.get(second)["business"]) == (1, 3)
    assert app.tagger.progress()[0] == 2


def test_skip_back_and_undo_keys(app, store):
    first = app.tagger.current_contact_id
    press(app.tagger, " ")
    assert app.tagger.current_contact_id != first and store.get(first) is None
    press(app.tagger, "ArrowLeft")
    assert app.tagger.current_contact_id == first
    keys(app, "2s")
    press(app.tagger, "u")
    assert store.get(first)["business"] is None and store.get(first)["relationship"] == 2
    assert app.tagger.current_contact_id == first, "undo shows the card it touched"
    assert press(app.tagger, "x") is False and "x" not in ALL_KEYS


def test_enter_accepts_the_suggestion(app, store):
    contact_id = app.tagger.current_contact_id
    suggestion = app.tagger._suggestion(app.tagger._row_of[contact_id])
    press(app.tagger, "Enter")
    assert store.get(contact_id)["relationship"] == suggestion.relationship


def test_refresh_draws_the_tags_just_typed(app):
    assert not app.figure.data and "Refresh the chart" in app.figure.layout.annotations[0].text
    keys(app, "3a")
    assert not app.figure.data, "the chart changes only on Refresh"
    app.refresh_button.click()
    assert app.figure.data[0].type == "heatmap" and cells_total(app.figure) == 1


def test_the_list_shows_why_and_opener_and_plans_the_first_three(app, store, network):
    keys(app, "3a2s1d3s2a")
    app.refresh()
    expected = helpers.reconnect_list(network, store, top=10)
    assert list(app.plan.rows["contact_id"]) == list(expected["contact_id"])
    html = row_html(next(app.plan.rows.itertuples()))
    assert expected["why"][0] in html.replace("&#x27;", "'") and "Hi " in html
    app.plan.plan_button.click()
    planned = store.current()["status"].dropna()
    assert sorted(planned.index) == sorted(expected["contact_id"][:3]) and set(planned) == {"planned"}
    assert app.plan.message.value.startswith("Planned: ")
    assert "planned" in app.plan.rows_box.children[0].children[1].value, "the row now says planned"


def test_ticked_people_are_planned_instead(app, store):
    keys(app, "3a2s1d3s2a")
    app.refresh()
    ticked = list(app.plan.ticks)[3:5]
    for contact_id in ticked:
        app.plan.ticks[contact_id].value = True
    assert app.plan.plan_button.description == "Plan the 2 I ticked"
    assert sorted(app.plan.plan()) == sorted(ticked)


def test_with_everyone_shown_further_along_the_plan_button_says_to_tick(app, store):
    keys(app, "3a2s")
    app.refresh()
    for contact_id in app.plan.ticks:
        store.set_status(contact_id, "met")
    app.refresh()
    assert app.plan.plan() == []
    assert app.plan.message.value == NOBODY_TO_PLAN and "Tick" in NOBODY_TO_PLAN
    assert set(store.current()["status"].dropna()) == {"met"}, "nobody was planned"


def test_choose_to_plan_skips_people_already_further_along():
    rows = pd.DataFrame({"contact_id": list("abcde"), "status": [None, "met", "planned", None, None]})
    assert choose_to_plan(rows, []) == ["a", "c", "d"]
    assert choose_to_plan(rows, ["e"]) == ["e"]


def test_a_row_escapes_what_strangers_wrote():
    row = pd.DataFrame([{"rank": 1, "contact_id": "x", "full_name": "<img src=x onerror=alert(1)>",
                         "company": "<b>Co</b>", "why": "<script>", "opener": "Hi <i>", "status": None}])
    html = row_html(next(row.itertuples()))
    assert "<img" not in html and "<script>" not in html and "<b>Co" not in html and "&lt;img" in html


# -- downloads: the same bytes as the helpers write ----------------------------------------------------
def test_the_list_download_is_what_write_reconnect_csv_writes(app, store, network, tmp_path):
    keys(app, "3a2s1d")
    written = helpers.write_reconnect_csv(helpers.reconnect_list(network, store), tmp_path / "r.csv")
    assert downloads.reconnect_csv_bytes(network, store) == written.read_bytes()
    [(content, [payload])] = app.downloads[0].messages()
    assert content == {"kind": "part", "last": True} and payload == written.read_bytes()


def test_the_calendar_download_holds_the_planned_chats(app, store, network, tmp_path):
    assert app.downloads[1].messages()[0][0] == {"kind": "error", "text": downloads.NOBODY_PLANNED}
    keys(app, "3a2s1d3s")
    app.refresh()  # the plan button plans the rows on the page
    app.plan.plan()
    calendar = icalendar.Calendar.from_ical(downloads.calendar_bytes(network, store))
    planned = downloads.planned_chats(network, store)
    written = helpers.write_reconnect_ics(planned, tmp_path / "c.ics", per_week=3, owner=network.owner_name)
    ours = [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in calendar.walk("VEVENT")]
    theirs = [(str(e["SUMMARY"]), e["DTSTART"].dt)
              for e in icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")]
    assert ours == theirs and len(ours) == 3


def test_the_tags_backup_is_export_csv_and_big_files_go_in_slices(app, store, network, tmp_path):
    assert app.downloads[2].messages()[0][0]["kind"] == "error"
    keys(app, "3a2s")
    expected = store.export_csv(tmp_path / "t.csv", network).read_bytes()
    assert downloads.tags_csv_bytes(network, store) == expected
    big = downloads.DownloadButton("x", "x.bin", "application/octet-stream", lambda: b"z" * (2 * CHUNK_BYTES + 5))
    messages = big.messages()
    assert [len(buffers[0]) for _, buffers in messages] == [CHUNK_BYTES, CHUNK_BYTES, 5]
    assert [content["last"] for content, _ in messages] == [False, False, True]


def test_nothing_to_download_says_what_to_do_first(app):
    for button in app.downloads:
        [(content, buffers)] = button.messages()
        assert content["kind"] == "error" and content["text"].endswith(".") and not buffers


# -- a new export: the app reloads onto it; tags follow -------------------------------------------------
def test_bringing_an_export_reloads_every_section_and_says_what_the_tags_did(app, store, tmp_path):
    keys(app, "3a2s")
    old_tagger = app.tagger
    part = tmp_path / "data" / INCOMING / SAMPLE.name
    part.parent.mkdir(parents=True)
    part.write_bytes(SAMPLE.read_bytes())
    words = app.switch_export(install_export(part, SAMPLE.name, tmp_path / "data"))
    assert words.startswith("Your ratings came with you: 2 people you had rated are in this export.")
    assert app.tagger is not old_tagger and app.tagger.progress()[0] == 2
    assert old_tagger.keypad.comm is None, "the old key listener is closed, so keys reach only the new tagger"
    assert "Using YOUR export" in app.widget.children[0].value


def test_screen_share_mode_shows_pseudonyms_and_keeps_tags_under_real_ids(network, tmp_path, monkeypatch):
    monkeypatch.setattr(helpers.workbook.privacy, "_settings", {"private": True})
    real_store = helpers.TagStore(tmp_path / "tags.sqlite")
    hidden = pseudonymise(network)
    app = build_app(hidden, helpers.workbook.privacy.PrivateTagStore(real_store, hidden), folder=tmp_path / "data")
    keys(app, "3a2s1d")
    app.refresh()
    real_names = set(network.connections["full_name"].dropna())
    shown = " ".join(row_html(row) for row in app.plan.rows.itertuples())
    assert not any(name in shown for name in real_names if len(name) > 4)
    assert set(real_store.current().index) <= set(network.connections["contact_id"])
    part = tmp_path / "data" / INCOMING / SAMPLE.name
    part.parent.mkdir(parents=True)
    part.write_bytes(SAMPLE.read_bytes())
    words = app.switch_export(install_export(part, SAMPLE.name, tmp_path / "data"))
    assert "3 people you had rated" in words
    assert hasattr(app.network, "real"), "still pseudonymised after the new export"


def test_a_logged_chat_redraws_the_app_and_the_new_form_says_what_was_saved(app, store):
    unsaved = app.habit.form
    unsaved.save_button.click()  # nobody rated yet: nobody to choose
    assert "Choose who" in unsaved.result.value and not len(store.chats())
    keys(app, "3a2s")
    app.refresh()
    form = app.habit.form
    form.person.value = form.person.options[0][1]
    form.texts["what_they_do"].value = "Runs the regional bakery"
    form.save_button.click()
    assert len(store.chats()) == 1
    assert app.habit.form.result.value.startswith("Saved.")
    assert app.habit.figure is not None and cells_total(app.figure) == 2, "the app redrew after the save"


def test_words_half_typed_in_the_chat_form_survive_planning(app, store):
    assert "Rate the people you know" in app.habit.form.hint.value, "the app's hint points into the app"
    keys(app, "3a2s1d")
    app.refresh()
    form = app.habit.form
    assert not form.hint.value
    someone = form.person.options[-1][1]
    form.person.value = someone
    form.texts["what_they_do"].value = "Runs the regional bakery"
    app.plan.plan_button.click()  # refreshes every section
    assert app.habit.form.person.value == someone
    assert app.habit.form.texts["what_they_do"].value == "Runs the regional bakery"


def test_a_basic_export_works_end_to_end(tmp_path, network):
    basic = helpers.load_export(_basic_zip(tmp_path))
    store = helpers.TagStore(tmp_path / "tags.sqlite")
    app = build_app(basic, store, folder=tmp_path / "data")
    keys(app, "3a2s")
    app.refresh()
    assert len(app.plan.rows) == 2
    assert "no messages" in app.habit.due.value or "due" in app.habit.due.value
    assert downloads.reconnect_csv_bytes(basic, store)


def _basic_zip(tmp_path):
    import zipfile
    with zipfile.ZipFile(SAMPLE) as sample:
        connections = sample.read("Connections.csv")
    path = tmp_path / "Basic_LinkedInDataExport_03-07-2026.zip"
    with zipfile.ZipFile(path, "w") as basic:
        basic.writestr("Connections.csv", connections)
    return path


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


def test_on_a_room_server_the_banner_points_to_the_facilitator(monkeypatch, tmp_path):
    monkeypatch.setattr(helpers.workbook.privacy, "_settings", {"private": None})
    monkeypatch.delenv("RECONNECT_PRIVATE", raising=False)
    monkeypatch.setenv(COPY_VARIABLE, str(tmp_path / "reconnect"))
    text = screen_share_banner().data
    assert "Ask your facilitator" in text and "make app" not in text, "no command a participant cannot run"


def test_leave_the_room_is_the_last_section_only_on_a_room_server(network, store, tmp_path, monkeypatch):
    monkeypatch.delenv(COPY_VARIABLE, raising=False)
    laptop = build_app(network, store, folder=tmp_path / "data")
    assert "reconnect-leave-section" not in [box._dom_classes[0] for box in laptop.widget.children[1:]]

    copy = tmp_path / "reconnect"
    folder = copy / "data" / "private"
    folder.mkdir(parents=True)
    (copy / "notebooks").mkdir()
    (copy / "notebooks" / "02-tag.ipynb").write_text("{}")
    monkeypatch.setenv(COPY_VARIABLE, str(copy))
    room = build_app(network, store, folder=folder)
    assert room.widget.children[-1]._dom_classes == ("reconnect-leave-section",)
    keys(room, "3a")
    room.leave.download_button.click()
    assert "reconnect-tags.csv" in room.leave.download_area.value
    room.leave.delete_button.click()
    room.leave.confirm_button.click()
    assert "Deleted" in room.leave.message.value and not copy.exists()


def texts_in(widget) -> list[str]:
    """Every text a widget tree shows: HTML and labels, and the JSON of what its Output widgets display."""
    found = [str(getattr(widget, name)) for name in ("value", "description", "placeholder")
             if isinstance(getattr(widget, name, None), str)]
    found += [json.dumps(output) for output in getattr(widget, "outputs", ())]
    for child in getattr(widget, "children", ()):
        found += texts_in(child)
    return found


def test_the_app_never_sends_a_person_to_a_notebook(app):
    """They only have the app: every 'what to do next' names one of its sections."""
    app.introductions.refresh()  # the demo's note, with where to log chats
    shown = " ".join(texts_in(app.widget))
    assert not re.search(r"notebook 0\d|\.ipynb", shown), re.findall(r".{60}(?:notebook 0\d|\.ipynb).{20}", shown)
    assert "section 2 (Rate the people you know)" in shown
    assert "section 6 (Keep the habit)" in shown
    assert "section 2 (Rate the people you know)" in helpers.charts.progress(app.store).layout.annotations[0].text


def test_the_notebooks_keep_their_own_words(store):
    assert "notebook 02" in helpers.charts.progress(store).layout.annotations[0].text
