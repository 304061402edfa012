"""Bring your export in from the browser: check it, then (only then) make it the one the workbook opens.

    uploader = helpers.export_uploader()          # notebook 00; the app passes on_loaded to reload itself

The uploaded zip is read with `load_export` while it is still in the hidden `.uploading/` folder.
Unreadable (or no contacts): the page shows the reader's message and nothing in the data folder
changes. Readable: earlier exports in the data folder move to `previous-exports/` (kept, never
deleted), the new zip moves in atomically (`os.replace`, same disk), and the tag store syncs with it
so your tags follow the people; what the sync did is said in plain words.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..base.wording import plural
from ..export.errors import ExportError
from ..export.network import Network, load_export
from ..tags.tag_store import TagStore
from .data_folder import PREVIOUS_EXPORTS, ExportChoice, default_store_path, newest_private_export, private_folder
from .upload import ChunkedUpload

PREVIOUS = PREVIOUS_EXPORTS  # earlier exports, kept; the export lookup does not look inside it


@dataclass
class Installed:
    """A new export in place: where it is, the network read from it, and the banner for it."""

    path: Path
    network: Network
    choice: ExportChoice
    moved_aside: list[Path]


def install_export(part: Path, name: str, folder: Path) -> Installed:
    """Read `part`; if it is a usable export, move it to `folder/name` and set earlier exports aside.

    Raises ExportError (nothing changed) when it cannot be read or has no contacts.
    """
    network = load_export(part)
    if network.connections.empty:
        raise ExportError(name, "a LinkedIn export with your connections",
                          "a Connections.csv with no contacts in it",
                          "Check you chose the export zip LinkedIn sent you; your previous export is still in use.")
    folder.mkdir(parents=True, exist_ok=True)
    moved = set_aside_earlier_exports(folder)
    target = folder / name
    os.replace(part, target)
    choice = ExportChoice(target, False, f"Using YOUR export {name} (brought in just now).")
    return Installed(target, network, choice, moved)


def set_aside_earlier_exports(folder: Path) -> list[Path]:
    """Move every export the lookup would pick (zips, Connections.csv, export folders) into previous-exports/."""
    moved = []
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    while (earlier := newest_private_export(folder)) is not None:
        aside = folder / PREVIOUS / f"{stamp}-{earlier.name}"
        aside.parent.mkdir(exist_ok=True)
        os.replace(earlier, aside)
        moved.append(aside)
    return moved


def sync_in_plain_words(report, store, network) -> str:
    """What `TagStore.sync` did, in words a person can read (counts only: no ids, no names).

    `store` is the real TagStore (it keeps tags under real ids, also in screen-share mode)."""
    tags = store.current()
    rated = tags[tags["relationship"].notna() | tags["business"].notna()]
    if rated.empty:
        return "You have no ratings yet, so there was nothing to carry over."
    here = int(rated.index.isin(set(getattr(network, "real", network).connections["contact_id"])).sum())
    lines = [f"Your ratings came with you: {plural(here, 'person')} you had rated "
             f"{'is' if here == 1 else 'are'} in this export."]
    if report.migrated:
        moved = len(report.migrated)
        lines.append(f"{moved:,} of them had a new LinkedIn link and {'was' if moved == 1 else 'were'} "
                     "found again by name and connection date.")
    if report.ambiguous:
        lines.append(f"{plural(len(report.ambiguous), 'rated person')} share a name and connection date with "
                     "someone else here, so those ratings were left as they were.")
    if report.missing:
        lines.append(f"{plural(len(report.missing), 'rated person')} {'is' if len(report.missing) == 1 else 'are'} "
                     "not in this export (a removed connection?): those ratings are kept.")
    return " ".join(lines)


class ExportUploader:
    """The "Choose your LinkedIn zip" control with what happened, in words, beneath it.

    `on_loaded(installed)` runs after a good export is in place (the app reloads onto it and returns
    the sync report's words); without it, the message says to run the notebook again.
    """

    def __init__(self, folder: Path | None = None, on_loaded=None, store_path: Path | None = None):
        self.folder = Path(folder) if folder is not None else None
        self.store_path = store_path
        self.on_loaded = on_loaded
        self.upload = ChunkedUpload(self._folder, self.receive)
        self.message = widgets.HTML()
        self.message.add_class("reconnect-upload-message")
        self.widget = widgets.VBox([self.upload, self.message])
        self.installed: Installed | None = None

    def _folder(self) -> Path:
        return self.folder or private_folder()

    def receive(self, part: Path, name: str) -> str:
        """A complete file from the browser: check it, move it in, reload; the words for the page."""
        self.message.value = f"Checking {escape(name)}…"
        try:
            installed = install_export(part, name, self._folder())
        except ExportError as error:
            self.message.value = _box(f"<b>{escape(name)} could not be used, so nothing changed</b>: your previous "
                                      f"export is still the one in use.<br>{escape(str(error))}", "#f8d7da")
            return f"{name} could not be used: see below."
        self.installed = installed
        if self.on_loaded is not None:
            done = self.on_loaded(installed)
        else:
            done = self._sync_alone(installed) + " Now run this notebook's cells again (Run → Run All Cells)."
        aside = (f" Your earlier export{'s' if len(installed.moved_aside) > 1 else ''} moved to "
                 f"<code>{PREVIOUS}/</code>." if installed.moved_aside else "")
        self.message.value = _box(f"<b>{escape(name)} is in</b>: {len(installed.network.connections):,} contacts, "
                                  f"a {escape(installed.network.kind)} export.{aside}<br>{escape(done)}", "#d1e7dd")
        return f"{name} is in."

    def _sync_alone(self, installed: Installed) -> str:
        store = TagStore(self.store_path or (self._folder() / default_store_path().name))
        try:
            return sync_in_plain_words(store.sync(installed.network), store, installed.network)
        finally:
            store.close()

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)


def _box(html: str, colour: str) -> str:
    return f'<div style="background:{colour};color:#111;padding:8px 12px;border-radius:6px;margin-top:6px">{html}</div>'


def export_uploader(folder: Path | None = None, on_loaded=None) -> ExportUploader:
    """The upload control for notebook 00 (and the app, which passes `on_loaded`)."""
    return ExportUploader(folder, on_loaded)
