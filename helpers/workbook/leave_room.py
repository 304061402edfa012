"""Leaving the room: take your tags with you, then delete everything of yours on the server.

    leave = leave_room(network, store)   # the app shows `leave.widget` as its last section
    leave                                # (on a room server: `on_a_room_server()`)

Two steps, in this order on screen:
1. "Download my tags (CSV)": a link the browser saves (`download` attribute, a data: URL), made from the
   store as it is at the moment of the click; it opens in any spreadsheet and `TagStore.import_csv` reads it.
2. "Delete everything of mine on this server": lists what will go, then asks once more; only "Yes, delete"
   deletes. What goes is your data folder (export, tags, lists) and, on a room server, your copy of the
   workbook (`$RECONNECT_WORKBOOK_COPY`, where notebooks you ran keep their outputs). Your account and
   the server's own records go when the facilitator runs `make hub-clean` after the workshop.
"""
from __future__ import annotations

import base64
import os
import shutil
from html import escape
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from ..base.wording import plural
from .data_folder import private_folder
from .downloads import written_bytes
from .privacy import is_private

COPY_VARIABLE = "RECONNECT_WORKBOOK_COPY"  # set by the room's hub: the participant's copy of the workbook
TAGS_FILE = "reconnect-tags.csv"
KEEP = {"README.md"}  # the data folder's own explanation stays on a laptop


def on_a_room_server() -> bool:
    """True in a server started by the room's hub (hub/) or the z2jh image: they set $RECONNECT_WORKBOOK_COPY."""
    return bool(os.environ.get(COPY_VARIABLE))


def leave_room(network, store, folder: Path | None = None) -> "LeaveRoom":
    return LeaveRoom(network, store, folder)


def tags_csv_bytes(network, store) -> bytes:
    """Your tags as the CSV `TagStore.export_csv` writes, with real names (it is your own file: in
    screen-share mode `PrivateTagStore.export_csv` writes the names behind the pseudonyms)."""
    return written_bytes(lambda path: store.export_csv(path, network))


def download_link(data: bytes, filename: str, text: str) -> str:
    """An <a download> the browser saves as `filename` (nothing is written on the server)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="reconnect-download" download="{escape(filename)}" '
            f'href="data:text/csv;charset=utf-8;base64,{encoded}">{escape(text)}</a>')


def what_to_delete(folder: Path | None = None) -> list[Path]:
    """The paths `delete_my_files` removes: the workbook copy on a room server, else the data folder's files."""
    copy = os.environ.get(COPY_VARIABLE)
    if copy and Path(copy).exists():
        return [Path(copy)]
    folder = Path(folder) if folder is not None else private_folder()
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.name not in KEEP)


def shown_path(path: Path) -> str:
    """`path` as the page shows it; in screen-share mode your home folder is "~" (its name is often yours)."""
    if is_private() and path.is_relative_to(Path.home()):
        return str(Path("~") / path.relative_to(Path.home()))
    return str(path)


def count_files(paths: list[Path]) -> int:
    return sum(1 if path.is_file() else sum(1 for p in path.rglob("*") if p.is_file()) for path in paths)


def delete_my_files(paths: list[Path]) -> int:
    """Delete these files and folders; how many files went."""
    count = count_files(paths)
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    return count


class LeaveRoom:
    """See the module docstring. Buttons and messages are attributes so tests can click them."""

    def __init__(self, network, store, folder: Path | None = None):
        self.network, self.store = network, store
        self.folder = Path(folder) if folder is not None else private_folder()
        self.download_button = widgets.Button(description="Download my tags (CSV)", button_style="info",
                                              layout=widgets.Layout(width="max-content"))
        self.download_area = widgets.HTML()
        self.delete_button = widgets.Button(description="Delete everything of mine on this server",
                                            button_style="danger", layout=widgets.Layout(width="max-content"))
        self.question = widgets.HTML()
        self.confirm_button = widgets.Button(description="Yes, delete", button_style="danger")
        self.cancel_button = widgets.Button(description="Cancel")
        self.confirm_row = widgets.HBox([self.confirm_button, self.cancel_button],
                                        layout=widgets.Layout(display="none"))
        self.message = widgets.HTML()
        self.download_button.on_click(lambda _: self.prepare_download())
        self.delete_button.on_click(lambda _: self.ask())
        self.confirm_button.on_click(lambda _: self.delete())
        self.cancel_button.on_click(lambda _: self.cancel())
        self.widget = widgets.VBox([
            widgets.HTML("First take your tags with you; then you can delete everything of yours here."),
            widgets.HBox([self.download_button, self.download_area]),
            self.delete_button, self.question, self.confirm_row, self.message])
        self.widget.add_class("reconnect-leave")

    def _ipython_display_(self):
        display(self.widget)

    def prepare_download(self) -> bytes:
        data = tags_csv_bytes(self.network, self.store)
        self.download_area.value = download_link(data, TAGS_FILE, f"Save {TAGS_FILE}")
        return data

    def ask(self) -> list[Path]:
        paths = what_to_delete(self.folder)
        if not paths:
            self.message.value = "There is nothing of yours to delete here."
            return paths
        files = plural(count_files(paths), "file")
        self.question.value = (f"This deletes {files} for good: your export, your tags and your lists, in "
                               + ", ".join(f"<code>{escape(shown_path(p))}</code>" for p in paths)
                               + ". Downloaded your tags first? Then click Yes, delete.")
        self.confirm_row.layout.display = "flex"
        return paths

    def cancel(self) -> None:
        self.question.value, self.message.value = "", "Nothing was deleted."
        self.confirm_row.layout.display = "none"

    def delete(self) -> int:
        getattr(self.store, "store", self.store).close()  # no write may recreate the store after this
        count = delete_my_files(what_to_delete(self.folder))
        self.question.value = ""
        self.confirm_row.layout.display = "none"
        for button in (self.download_button, self.delete_button):
            button.disabled = True
        self.message.value = (f"Deleted {plural(count, 'file')}. Nothing of yours is left in the workbook on this "
                              "server; you can close this tab.")
        return count
