"""A file chooser that sends big files to the kernel in slices: a 100 MB export arrives through any server.

    upload = ChunkedUpload(folder, on_file=lambda path, name: ...)   # a button: "Choose your LinkedIn zip"

Why not ipywidgets' FileUpload: it sends the whole file in one websocket message, and Jupyter
Server, Voilà and a JupyterHub user server all drop messages over 10 MiB (Tornado's default)
without a word. Here the browser reads the chosen file in slices of `CHUNK_BYTES` (2 MiB) and
sends each as a binary buffer; the next slice goes only once the kernel has written the last one
(so progress is real and memory stays small). No server setting matters.

The kernel side (`ChunkAssembler`) writes the slices into a hidden folder inside the data folder
(`.uploading/`, same disk, so the finished file can be moved in atomically), checks every slice's
offset and the announced size, and refuses a file larger than `MAX_BYTES` before any byte is written.
What happens to the finished file (checking it, moving it in) is the caller's `on_file(path, name)`.
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import anywidget
import traitlets

CHUNK_BYTES = 2 * 1024 * 1024     # a slice: far under the 10 MiB websocket limit, even base64-encoded
MAX_BYTES = 1024 * 1024 * 1024    # 1 GiB: a Complete export of a long-time member is tens of MB
SPARE_BYTES = 50 * 1024 * 1024    # leave this much free on the disk
INCOMING = ".uploading"           # hidden: the data folder's export lookup skips dot-names
STALE_SECONDS = 24 * 3600         # parts of uploads interrupted more than a day ago are removed


class UploadError(ValueError):
    """An upload that cannot be accepted: the message says why and what to do."""


def safe_file_name(name: str) -> str:
    """The browser's file name, reduced to a plain name in this folder (no path, no odd characters)."""
    base = re.split(r"[\\/]", str(name))[-1].strip()
    base = re.sub(r"[^\w.\- ()]+", "_", base).lstrip(".")
    return base[:150] or "export.zip"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


class ChunkAssembler:
    """One upload, slice by slice, into `<folder>/.uploading/<name>`: checks offsets, size and space."""

    def __init__(self, folder: Path, name: str, size: int, max_bytes: int = MAX_BYTES):
        self.name, self.size, self.received = safe_file_name(name), int(size), 0
        if self.size < 0:
            raise UploadError(f"{self.name}: the browser announced a size of {size} bytes. Choose the file again.")
        if self.size > max_bytes:
            raise UploadError(f"{self.name} is {megabytes(self.size)}; the limit is {megabytes(max_bytes)}. "
                              "Check it is the zip LinkedIn sent you (not a folder of other files zipped up).")
        incoming = Path(folder) / INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(incoming)
        free = shutil.disk_usage(incoming).free
        if self.size + SPARE_BYTES > free:
            raise UploadError(f"{self.name} is {megabytes(self.size)} but the disk has only {megabytes(free)} "
                              "free. Free some space (or ask your host) and try again.")
        self.path = incoming / self.name
        self._file = self.path.open("wb")

    def add(self, offset: int, data: bytes) -> int:
        """Write one slice; it must start where the last one ended. Returns the bytes received so far."""
        if offset != self.received:
            self.abort()
            raise UploadError(f"{self.name}: a slice arrived out of order (at byte {offset:,}, expected "
                              f"{self.received:,}). Nothing was changed; choose the file again.")
        if self.received + len(data) > self.size:
            self.abort()
            raise UploadError(f"{self.name}: more bytes arrived than the {self.size:,} announced (did the file "
                              "change while it was sent?). Nothing was changed; choose the file again.")
        self._file.write(data)
        self.received += len(data)
        return self.received

    def finish(self) -> Path:
        """All slices in: the complete file, on disk (flushed), ready to be checked."""
        if self.received != self.size:
            self.abort()
            raise UploadError(f"{self.name}: only {self.received:,} of {self.size:,} bytes arrived (the "
                              "connection dropped?). Nothing was changed; choose the file again.")
        self._file.flush()
        self._file.close()
        return self.path

    def abort(self) -> None:
        """Stop and remove the part written so far."""
        if not self._file.closed:
            self._file.close()
        self.path.unlink(missing_ok=True)


def remove_stale_parts(incoming: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    for part in incoming.iterdir():
        if part.is_file() and part.stat().st_mtime < cutoff:
            part.unlink(missing_ok=True)


# The browser side: a button opens the file chooser; the file goes in slices, each awaiting the kernel's "ack".
_ESM = r"""
function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = model.get("accept");
  input.style.display = "none";
  const button = document.createElement("button");
  button.className = "jupyter-widgets jupyter-button widget-button mod-primary reconnect-upload-button";
  button.textContent = model.get("description");
  button.style.width = "auto";  // the whole label, not ipywidgets' fixed width
  const bar = document.createElement("progress");
  bar.max = 1; bar.value = 0; bar.style.display = "none"; bar.style.width = "16em"; bar.style.marginLeft = "10px";
  const status = document.createElement("span");
  status.className = "reconnect-upload-status";
  status.style.marginLeft = "10px";
  el.classList.add("reconnect-upload");
  el.append(input, button, bar, status);

  let waiting = null;  // the reply the current slice waits for
  const onMessage = (msg) => {
    if (waiting && msg.upload === waiting.id) { const w = waiting; waiting = null; w.resolve(msg); }
  };
  model.on("msg:custom", onMessage);
  const ask = (content, buffers) => new Promise((resolve) => {
    waiting = { id: content.upload, resolve };
    model.send(content, undefined, buffers || []);
  });
  const mb = (n) => (n / 1e6).toFixed(1) + " MB";

  async function send(file) {
    const id = Math.random().toString(36).slice(2);
    const size = file.size, step = model.get("chunk_bytes");
    button.disabled = true; bar.style.display = ""; bar.value = 0;
    status.textContent = "Sending " + file.name + "…";
    let reply = await ask({ kind: "start", upload: id, name: file.name, size });
    for (let offset = 0; reply.kind === "ack" && offset < size; offset += step) {
      const slice = await file.slice(offset, offset + step).arrayBuffer();
      reply = await ask({ kind: "chunk", upload: id, offset }, [slice]);
      if (reply.kind === "ack") {
        bar.value = size ? reply.received / size : 1;
        status.textContent = "Sending " + file.name + ": " + mb(reply.received) + " of " + mb(size);
      }
    }
    if (reply.kind === "ack") reply = await ask({ kind: "end", upload: id });
    status.textContent = reply.text || "";
    bar.style.display = "none";
    button.disabled = false;
  }

  button.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files[0];
    input.value = "";  // choosing the same file again fires "change" again
    if (file) send(file).catch((error) => {
      status.textContent = "The upload stopped: " + error + ". Choose the file again.";
      button.disabled = false; bar.style.display = "none";
    });
  });
  return () => model.off("msg:custom", onMessage);
}
export default { render };
"""


class ChunkedUpload(anywidget.AnyWidget):
    """See the module docstring. `on_file(path, name)` gets each complete file; what it returns is shown."""

    _esm = _ESM
    description = traitlets.Unicode("Choose your LinkedIn zip").tag(sync=True)
    accept = traitlets.Unicode(".zip").tag(sync=True)
    chunk_bytes = traitlets.Int(CHUNK_BYTES).tag(sync=True)

    def __init__(self, folder, on_file, max_bytes: int = MAX_BYTES, **kwargs):
        super().__init__(**kwargs)
        self.folder, self.on_file, self.max_bytes = folder, on_file, max_bytes
        self.assembler: ChunkAssembler | None = None
        self.on_msg(self._on_message)

    def _on_message(self, _widget, content, buffers) -> None:
        reply = self.handle(content, buffers)
        self.send({"upload": content.get("upload"), **reply})

    def handle(self, content: dict, buffers=()) -> dict:
        """One message from the browser -> the reply: {"kind": "ack", "received": n} or {"kind": "done"/"error", "text"}."""
        kind = content.get("kind")
        try:
            if kind == "start":
                if self.assembler is not None:
                    self.assembler.abort()  # a new choice replaces an interrupted upload
                folder = self.folder() if callable(self.folder) else self.folder
                self.assembler = ChunkAssembler(folder, content.get("name", ""), content.get("size", -1),
                                                self.max_bytes)
                return {"kind": "ack", "received": 0}
            if self.assembler is None:
                raise UploadError("The upload was interrupted (the page was reloaded?). Choose the file again.")
            if kind == "chunk":
                data = b"".join(bytes(buffer) for buffer in buffers)
                return {"kind": "ack", "received": self.assembler.add(int(content.get("offset", -1)), data)}
            if kind == "end":
                assembler, self.assembler = self.assembler, None
                path = assembler.finish()
                try:
                    text = self.on_file(path, assembler.name)
                finally:
                    path.unlink(missing_ok=True)  # moved in by on_file, or refused: never left behind
                return {"kind": "done", "text": text or ""}
            raise UploadError(f"Unexpected message from the page ({kind!r}). Reload the page and try again.")
        except UploadError as error:
            self.assembler = None
            return {"kind": "error", "text": str(error)}
