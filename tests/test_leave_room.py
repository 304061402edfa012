"""Leaving the room (helpers/workbook/leave_room.py), clicked as a person would: download, then delete.

Everything lives in tmp_path: the data folder with an export, the tag store and a saved list.
The same on a real room server, as the participant's own user, is tests/hub/test_room_hub.py.
"""
import base64
import re
import shutil

import pandas as pd
import pytest

import helpers
from helpers.workbook import privacy
from helpers.workbook.data_folder import SAMPLE
from helpers.workbook.leave_room import COPY_VARIABLE, TAGS_FILE, leave_room, on_a_room_server
from helpers.workbook.privacy import pseudonymise


@pytest.fixture(scope="module")
def network():
    return helpers.load_export(SAMPLE)


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(COPY_VARIABLE, raising=False)
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "README.md").write_text("what this folder is for")
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "reconnect.csv").write_text("a saved list")
    return folder


@pytest.fixture
def store(data_folder, network):
    return helpers.open_store(network, data_folder / "tags.sqlite")


def saved_csv(leave) -> pd.DataFrame:
    link = leave.download_area.value
    assert f'download="{TAGS_FILE}"' in link, "a link the browser saves as a file"
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)
    path = leave.folder.parent / "downloaded.csv"
    path.write_bytes(base64.b64decode(payload))
    return pd.read_csv(path, encoding="utf-8-sig")


def test_download_holds_the_tags_as_they_are_at_the_click(network, store, data_folder):
    leave = leave_room(network, store, folder=data_folder)
    someone = network.connections.contact_id.iloc[0]
    store.tag(someone, relationship=3, business=1)
    leave.download_button.click()
    frame = saved_csv(leave)
    row = frame.set_index("contact_id").loc[someone]
    assert (row.relationship, row.business) == (3, 1)
    assert len(frame) == len(network.connections), "every contact, rated or not, as export_csv writes"


def test_downloaded_tags_come_back_into_a_new_store(network, store, data_folder, tmp_path):
    leave = leave_room(network, store, folder=data_folder)
    someone = network.connections.contact_id.iloc[5]
    store.tag(someone, relationship=2, business=0)
    leave.download_button.click()
    saved_csv(leave)
    fresh = helpers.TagStore(tmp_path / "elsewhere.sqlite")
    fresh.import_csv(leave.folder.parent / "downloaded.csv")
    assert fresh.get(someone)["relationship"] == 2


def test_delete_asks_first_and_cancel_keeps_everything(network, store, data_folder):
    leave = leave_room(network, store, folder=data_folder)
    before = sorted(p.name for p in data_folder.iterdir())
    leave.delete_button.click()
    assert "for good" in leave.question.value and leave.confirm_row.layout.display == "flex"
    assert sorted(p.name for p in data_folder.iterdir()) == before, "asking deletes nothing"
    leave.cancel_button.click()
    assert leave.message.value == "Nothing was deleted."
    assert sorted(p.name for p in data_folder.iterdir()) == before


def test_confirmed_delete_removes_export_tags_and_lists(network, store, data_folder):
    store.tag(network.connections.contact_id.iloc[0], relationship=1)
    leave = leave_room(network, store, folder=data_folder)
    leave.delete_button.click()
    leave.confirm_button.click()
    assert [p.name for p in data_folder.iterdir()] == ["README.md"], "only the folder's own README stays"
    assert leave.delete_button.disabled and "Deleted" in leave.message.value


def test_on_a_room_server_the_whole_workbook_copy_goes(network, tmp_path, monkeypatch):
    copy = tmp_path / "home" / "reconnect"
    (copy / "data" / "private").mkdir(parents=True)
    (copy / "notebooks").mkdir()
    (copy / "notebooks" / "01-your-network.ipynb").write_text("outputs with names in them")
    monkeypatch.setenv(COPY_VARIABLE, str(copy))
    store = helpers.open_store(network, copy / "data" / "private" / "tags.sqlite")
    leave = leave_room(network, store, folder=copy / "data" / "private")
    leave.delete_button.click()
    assert str(copy) in leave.question.value
    leave.confirm_button.click()
    assert not copy.exists()
    assert (tmp_path / "home").exists(), "the home itself is the account's: hub-clean removes it"


def test_nothing_to_delete_says_so(network, tmp_path, monkeypatch):
    monkeypatch.delenv(COPY_VARIABLE, raising=False)
    store = helpers.TagStore(tmp_path / "store-elsewhere.sqlite")
    leave = leave_room(network, store, folder=tmp_path / "never-made")
    leave.delete_button.click()
    assert "nothing of yours" in leave.message.value
    assert leave.confirm_row.layout.display == "none"


def test_the_app_can_tell_a_room_server_from_a_laptop(tmp_path, monkeypatch):
    monkeypatch.delenv(COPY_VARIABLE, raising=False)
    assert not on_a_room_server()
    monkeypatch.setenv(COPY_VARIABLE, str(tmp_path / "reconnect"))
    assert on_a_room_server()


def test_in_screen_share_mode_the_paths_to_delete_hide_the_home_folder_name(network, tmp_path, monkeypatch):
    home = tmp_path / "alice-smith"
    copy = home / "reconnect"
    (copy / "data" / "private").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv(COPY_VARIABLE, str(copy))
    monkeypatch.setitem(privacy._settings, "private", True)
    network = pseudonymise(network)
    store = helpers.open_store(network, copy / "data" / "private" / "tags.sqlite")
    leave = leave_room(network, store, folder=copy / "data" / "private")
    leave.delete_button.click()
    assert "~/reconnect" in leave.question.value and "alice-smith" not in leave.question.value
    leave.confirm_button.click()
    assert not copy.exists(), "the same folder is deleted"
