"""Bringing an export in from the browser: slices put together, checked, then (only then) moved in.

The widget's kernel side (`ChunkedUpload.handle`) is driven with the same messages the page sends
(start, chunk with a binary buffer, end); the page itself is tests/browser/test_voila_app.py and
test_lab_upload.py. Everything lives in tmp_path; the sample zip is the committed one.
"""
import hashlib
import os
import zipfile

import pytest

import helpers
from helpers.workbook import upload
from helpers.workbook.bring_export import PREVIOUS, ExportUploader, install_export, sync_in_plain_words
from helpers.workbook.data_folder import SAMPLE, choose_export
from helpers.workbook.upload import INCOMING, ChunkAssembler, ChunkedUpload, UploadError, safe_file_name

NAME = SAMPLE.name


def send_file(widget: ChunkedUpload, data: bytes, name: str = NAME, step: int = 1000) -> list[dict]:
    """What the page does: start, the slices in order, end; returns every reply."""
    replies = [widget.handle({"kind": "start", "name": name, "size": len(data)})]
    for offset in range(0, len(data), step):
        replies.append(widget.handle({"kind": "chunk", "offset": offset}, [memoryview(data[offset:offset + step])]))
    replies.append(widget.handle({"kind": "end"}))
    return replies


def test_slices_are_put_together_byte_for_byte(tmp_path):
    data = os.urandom(10_000)
    received = {}
    widget = ChunkedUpload(tmp_path, lambda path, name: received.update(name=name, bytes=path.read_bytes()) or "ok")
    replies = send_file(widget, data, name="x.zip", step=999)
    assert [r["received"] for r in replies[1:-1]] == [min(n * 999, 10_000) for n in range(1, 12)]
    assert replies[-1] == {"kind": "done", "text": "ok"}
    assert received == {"name": "x.zip", "bytes": data}
    assert not list((tmp_path / INCOMING).iterdir()), "the part file is never left behind"


def test_a_slice_out_of_order_stops_the_upload_and_leaves_nothing(tmp_path):
    widget = ChunkedUpload(tmp_path, lambda path, name: pytest.fail("an incomplete file was passed on"))
    widget.handle({"kind": "start", "name": "x.zip", "size": 3000})
    widget.handle({"kind": "chunk", "offset": 0}, [b"a" * 1000])
    reply = widget.handle({"kind": "chunk", "offset": 2000}, [b"b" * 1000])
    assert reply["kind"] == "error" and "out of order" in reply["text"] and "choose the file again" in reply["text"]
    assert not list((tmp_path / INCOMING).iterdir())
    assert widget.handle({"kind": "end"})["kind"] == "error"


def test_too_few_or_too_many_bytes_are_refused(tmp_path):
    short = ChunkAssembler(tmp_path, "x.zip", 100)
    short.add(0, b"a" * 60)
    with pytest.raises(UploadError, match="only 60 of 100 bytes"):
        short.finish()
    long = ChunkAssembler(tmp_path, "x.zip", 100)
    with pytest.raises(UploadError, match="more bytes arrived"):
        long.add(0, b"a" * 101)
    assert not list((tmp_path / INCOMING).iterdir())


def test_a_file_over_the_limit_is_refused_before_any_byte(tmp_path):
    widget = ChunkedUpload(tmp_path, lambda path, name: "ok", max_bytes=1_000_000)
    reply = widget.handle({"kind": "start", "name": "big.zip", "size": 5_000_000})
    assert reply["kind"] == "error" and "5.0 MB" in reply["text"] and "limit is 1.0 MB" in reply["text"]
    assert not (tmp_path / INCOMING).exists() or not list((tmp_path / INCOMING).iterdir())


def test_the_slice_size_stays_far_under_the_websocket_limit():
    assert upload.CHUNK_BYTES * 4 / 3 < 10 * 1024 * 1024 / 2  # even base64-encoded, under half of 10 MiB
    assert ChunkedUpload(".", lambda p, n: "").chunk_bytes == upload.CHUNK_BYTES


@pytest.mark.parametrize("name, safe", [("../../etc/passwd", "passwd"), ("C:\\Users\\me\\Basic.zip", "Basic.zip"),
                                        (".hidden.zip", "hidden.zip"), ("", "export.zip"),
                                        ("Complete <x>.zip", "Complete _x_.zip")])
def test_the_browser_file_name_cannot_leave_the_folder(name, safe):
    assert safe_file_name(name) == safe


# -- checked, then moved in --------------------------------------------------------------------------
def part_of(tmp_path, data: bytes, name: str):
    part = tmp_path / "data" / INCOMING / name
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(data)
    return part


def test_a_good_export_moves_in_and_earlier_ones_are_kept_aside(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    earlier = folder / "Basic_LinkedInDataExport_01-02-2026.zip"
    earlier.write_bytes(SAMPLE.read_bytes())
    installed = install_export(part_of(tmp_path, SAMPLE.read_bytes(), NAME), NAME, folder)
    assert installed.path == folder / NAME and installed.path.read_bytes() == SAMPLE.read_bytes()
    assert len(installed.network.connections) == len(helpers.load_export(SAMPLE).connections)
    assert [p.parent.name for p in installed.moved_aside] == [PREVIOUS] and not earlier.exists()
    assert installed.moved_aside[0].read_bytes() == SAMPLE.read_bytes(), "the earlier export is kept, not deleted"
    assert choose_export(private_dir=folder).path == folder / NAME, "the workbook now opens the new one"


@pytest.mark.parametrize("data, says", [(b"not a zip at all", "not a zip"), (b"", "not a zip")])
def test_an_unreadable_file_changes_nothing_and_says_why(tmp_path, data, says):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / NAME).write_bytes(SAMPLE.read_bytes())
    uploader = ExportUploader(folder, on_loaded=lambda installed: pytest.fail("reloaded onto a bad file"))
    replies = send_file(uploader.upload, data, name="Complete_LinkedInDataExport_12-01-2026.zip")
    assert replies[-1]["kind"] == "done" and "could not be used" in replies[-1]["text"]
    assert "nothing changed" in uploader.message.value and says in uploader.message.value
    assert "Complete_LinkedInDataExport_12-01-2026.zip" in uploader.message.value, "the message names the file"
    assert sorted(p.name for p in folder.iterdir()) == [INCOMING, NAME]
    assert (folder / NAME).read_bytes() == SAMPLE.read_bytes()


def test_a_zip_without_contacts_is_refused(tmp_path):
    folder = tmp_path / "data"
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
    with pytest.raises(helpers.ExportError):
        install_export(part_of(tmp_path, empty.read_bytes(), "Basic_LinkedInDataExport_01-02-2026.zip"),
                       "Basic_LinkedInDataExport_01-02-2026.zip", folder)
    assert not (folder / "Basic_LinkedInDataExport_01-02-2026.zip").exists()


def test_without_the_app_the_tags_follow_and_the_notebook_says_run_again(tmp_path):
    folder = tmp_path / "data"
    network = helpers.load_export(SAMPLE)
    store = helpers.TagStore(folder / "tags.sqlite")
    first, second = network.connections["contact_id"][:2]
    store.tag(first, relationship=3, business=0)
    store.tag(second, relationship=1, business=1)
    store.close()
    uploader = ExportUploader(folder)
    send_file(uploader.upload, SAMPLE.read_bytes(), step=300_000)
    assert "is in" in uploader.message.value and "792 contacts" in uploader.message.value
    assert "2 people you had rated are in this export" in uploader.message.value
    assert "Run All" in uploader.message.value
    assert hashlib.sha256((folder / NAME).read_bytes()).digest() == hashlib.sha256(SAMPLE.read_bytes()).digest()


def test_the_sync_report_in_plain_words(tmp_path):
    network = helpers.load_export(SAMPLE)
    store = helpers.TagStore(tmp_path / "tags.sqlite")
    assert sync_in_plain_words(store.sync(network), store, network).startswith("You have no ratings yet")
    store.tag("someone-not-in-this-export", relationship=2, business=1)
    store.tag(network.connections["contact_id"][0], relationship=2)
    words = sync_in_plain_words(store.sync(network), store, network)
    assert words.startswith("Your ratings came with you: 1 person you had rated is in this export.")
    assert "1 rated person is not in this export" in words and "kept" in words
    assert "someone-not-in-this-export" not in words, "no ids on the page"
