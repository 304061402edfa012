"""Take it with you: buttons that put reconnect.csv, coffee-chats.ics and a tags backup in the browser's downloads.

A file written on the server is not in the person's downloads when the app runs on a JupyterHub.
Here a click asks the kernel for the file *as it is now*; the kernel writes it with the project's
own writer (`write_reconnect_csv`, `write_reconnect_ics`, `TagStore.export_csv`) into a temporary
folder and sends the bytes back in binary slices of at most 2 MiB (under any server's websocket
limit); the page turns them into a `blob:` URL on a link with a `download` attribute and clicks it.
The link stays on the page, in case the browser asked first.

`payloads` (the bytes) is separate from the widget so tests can compare the two.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import anywidget
import traitlets

from ..gap.reconnect import reconnect_list
from ..takeaway.reconnect_export import write_reconnect_csv, write_reconnect_ics
from .upload import CHUNK_BYTES

LIST_FILE, CALENDAR_FILE, TAGS_FILE = "reconnect.csv", "coffee-chats.ics", "my-tags-backup.csv"
NOBODY_ON_LIST = ("Nobody on your list yet: rate people you know (at least \"Know\") whose business you can't "
                  "fully explain, then click again.")
NOBODY_PLANNED = "No coffee chats planned yet: pick three people in the list above and plan them, then click again."
NO_TAGS = "No ratings yet, so there is nothing to back up: rate a few people first."


class NothingToDownload(ValueError):
    """There is no file to give yet; the message says what to do first."""


def written_bytes(write) -> bytes:
    """Run `write(path)` on a temporary file and return its bytes: exactly what the writer produces."""
    with tempfile.TemporaryDirectory(prefix="reconnect-download-") as folder:
        path = Path(folder) / "file"
        write(path)
        return path.read_bytes()


def reconnect_csv_bytes(network, store) -> bytes:
    listing = reconnect_list(network, store)
    if listing.empty:
        raise NothingToDownload(NOBODY_ON_LIST)
    return written_bytes(lambda path: write_reconnect_csv(listing, path))


def planned_chats(network, store):
    listing = reconnect_list(network, store)
    return listing[listing["status"] == "planned"]


def calendar_bytes(network, store) -> bytes:
    planned = planned_chats(network, store)
    if planned.empty:
        raise NothingToDownload(NOBODY_PLANNED)
    return written_bytes(lambda path: write_reconnect_ics(planned, path, per_week=3, owner=network.owner_name))


def tags_csv_bytes(network, store) -> bytes:
    if store.current().empty:
        raise NothingToDownload(NO_TAGS)
    return written_bytes(lambda path: store.export_csv(path, network))


_ESM = r"""
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-widgets jupyter-button widget-button reconnect-download-button";
  button.textContent = model.get("description");
  button.style.width = "auto";  // the whole label, not ipywidgets' fixed width
  const link = document.createElement("a");
  link.style.marginLeft = "10px"; link.style.display = "none";
  link.className = "reconnect-download-link";
  const note = document.createElement("span");
  note.style.marginLeft = "10px";
  el.append(button, link, note);
  let parts = [];
  let url = null;
  const onMessage = (msg, buffers) => {
    if (msg.kind === "error") { note.textContent = msg.text; button.disabled = false; return; }
    if (msg.kind !== "part") return;
    parts.push(...buffers.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength).slice()));
    if (!msg.last) return;
    const blob = new Blob(parts, { type: model.get("mime") });
    parts = [];
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(blob);
    link.href = url;
    link.download = model.get("filename");
    link.textContent = "Save " + model.get("filename") + " again";
    link.style.display = "";
    note.textContent = "";
    button.disabled = false;
    link.click();
  };
  model.on("msg:custom", onMessage);
  button.addEventListener("click", () => {
    button.disabled = true; parts = []; note.textContent = "Preparing…";
    model.send({ kind: "want" });
  });
  return () => { model.off("msg:custom", onMessage); if (url) URL.revokeObjectURL(url); };
}
export default { render };
"""


class DownloadButton(anywidget.AnyWidget):
    """A button that downloads `filename`, made fresh by `make()` (bytes) at each click."""

    _esm = _ESM
    description = traitlets.Unicode().tag(sync=True)
    filename = traitlets.Unicode().tag(sync=True)
    mime = traitlets.Unicode("application/octet-stream").tag(sync=True)

    def __init__(self, description: str, filename: str, mime: str, make, **kwargs):
        super().__init__(description=description, filename=filename, mime=mime, **kwargs)
        self.make = make
        self.add_class("reconnect-download")
        self.on_msg(lambda _widget, content, _buffers: self.give() if content.get("kind") == "want" else None)

    def messages(self) -> list[tuple[dict, list[bytes]]]:
        """What one click sends back: the file in slices of at most CHUNK_BYTES, or why there is none."""
        try:
            data = self.make()
        except NothingToDownload as reason:
            return [({"kind": "error", "text": str(reason)}, [])]
        slices = [data[start:start + CHUNK_BYTES] for start in range(0, len(data), CHUNK_BYTES)] or [b""]
        return [({"kind": "part", "last": number == len(slices) - 1}, [piece]) for number, piece in enumerate(slices)]

    def give(self) -> None:
        for content, buffers in self.messages():
            self.send(content, buffers=buffers)


def download_buttons(network_and_store) -> list[DownloadButton]:
    """The three downloads; `network_and_store()` gives the (network, store) in use at the moment of the click."""
    def made(payload):
        return lambda: payload(*network_and_store())
    return [
        DownloadButton(f"Download {LIST_FILE}", LIST_FILE, "text/csv", made(reconnect_csv_bytes)),
        DownloadButton(f"Download {CALENDAR_FILE}", CALENDAR_FILE, "text/calendar", made(calendar_bytes)),
        DownloadButton("Download my tags (backup)", TAGS_FILE, "text/csv", made(tags_csv_bytes)),
    ]
