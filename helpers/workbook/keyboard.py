"""Tag at the speed of thought: one key per scale value, two keys per contact, the card moves on by itself.

    0 1 2 3      relationship (as on the buttons: 0 · Don't really know them … 3 · Trust)
    A S D F      business knowledge 0 … 3 (the home row, under the digits)
    Enter        accept the suggestion        Space or →   skip
    ←            back                         U            undo

`KeyPad` is a small anywidget: a bar that shows these keys and sends each one it catches to the
kernel, where `press(tagger, key)` does what the matching button does. Where it listens:
- scope "page" (the app in Voilà): keys anywhere on the page, except while typing in a text box;
- scope "self" (a notebook in JupyterLab): only while the bar has the focus (click it or Tab to it).
  The bar carries `data-lm-suppress-shortcuts` and stops the keys it uses, so JupyterLab's
  command-mode shortcuts (digits turn a cell into a heading, A inserts a cell…) never see them.
"""
from __future__ import annotations

import anywidget
import traitlets

RELATIONSHIP_KEYS = {"0": 0, "1": 1, "2": 2, "3": 3}
BUSINESS_KEYS = {"a": 0, "s": 1, "d": 2, "f": 3}
SKIP_KEYS, BACK_KEYS, UNDO_KEYS, ACCEPT_KEYS = (" ", "arrowright"), ("arrowleft",), ("u",), ("enter",)
ALL_KEYS = [*RELATIONSHIP_KEYS, *BUSINESS_KEYS, *SKIP_KEYS, *BACK_KEYS, *UNDO_KEYS, *ACCEPT_KEYS]
LEGEND = ("Keys: relationship 0 1 2 3 · business knowledge A S D F (0 to 3) · Enter accepts the suggestion · "
          "Space or → skips · ← goes back · U undoes")


def press(tagger, key: str) -> bool:
    """Do what `key` stands for on `tagger`; False when the key means nothing here."""
    key = key.lower()
    if key in RELATIONSHIP_KEYS:
        tagger.set_tag("relationship", RELATIONSHIP_KEYS[key])
    elif key in BUSINESS_KEYS:
        tagger.set_tag("business", BUSINESS_KEYS[key])
    elif key in SKIP_KEYS:
        tagger.skip()
    elif key in BACK_KEYS:
        tagger.back()
    elif key in UNDO_KEYS:
        tagger.undo()
    elif key in ACCEPT_KEYS:
        tagger.accept_suggestion()
    else:
        return False
    return True


_ESM = r"""
function render({ model, el }) {
  const scope = model.get("scope");
  const keys = new Set(model.get("watched_keys"));
  el.classList.add("reconnect-keypad");
  const bar = document.createElement("div");
  bar.tabIndex = 0;
  bar.setAttribute("data-lm-suppress-shortcuts", "true");  // JupyterLab: no command-mode shortcut from here
  bar.style.cssText = "padding:6px 10px;border:1px dashed #999;border-radius:6px;margin:6px 0;color:#333;" +
                      "font-size:0.92em;cursor:pointer;outline:none;max-width:46em;box-sizing:border-box;" +
                      "white-space:normal";
  el.append(bar);
  const show = () => {
    const on = scope === "page" || document.activeElement === bar;
    bar.style.borderStyle = on ? "solid" : "dashed";
    bar.style.background = on ? "#eef6ee" : "";
    bar.textContent = model.get("legend") + (on ? "" : "  (click here first to use them)");
  };
  const typing = (target) => target && target.closest &&
    target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
  const onKey = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (!keys.has(key) || (scope === "page" && typing(event.target))) return;
    if (key === "enter" && event.target.closest && event.target.closest("button, a")) return;  // Enter clicks it
    event.preventDefault();  // JupyterLab's shortcuts skip a key whose default is prevented
    event.stopPropagation();
    model.send({ key });
  };
  const where = scope === "page" ? document : bar;
  where.addEventListener("keydown", onKey);
  bar.addEventListener("focus", show);
  bar.addEventListener("blur", show);
  bar.addEventListener("click", () => bar.focus());
  show();
  return () => where.removeEventListener("keydown", onKey);
}
export default { render };
"""


class KeyPad(anywidget.AnyWidget):
    """The keys' legend, and the listener that sends them to `on_key(key)` in the kernel."""

    _esm = _ESM
    scope = traitlets.Unicode("self").tag(sync=True)
    watched_keys = traitlets.List(traitlets.Unicode(), ALL_KEYS).tag(sync=True)  # ("keys" is taken by ipywidgets)
    legend = traitlets.Unicode(LEGEND).tag(sync=True)

    def __init__(self, on_key, scope: str = "self", **kwargs):
        if scope not in ("self", "page"):
            raise ValueError(f"scope must be 'self' or 'page'; got {scope!r}")
        super().__init__(scope=scope, **kwargs)
        self.on_msg(lambda _widget, content, _buffers: on_key(str(content.get("key", ""))))


def keypad_for(tagger, scope: str = "self") -> KeyPad:
    return KeyPad(lambda key: press(tagger, key), scope=scope)
