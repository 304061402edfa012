"""The tagger card's "where from" row: one click adds a context (neighbour, client, ...), a second takes it back.

Kept apart from the tagger so the card stays one row taller, not one module longer. The row only
shows and reports clicks; the tagger saves them through the store.
"""
from __future__ import annotations

import ipywidgets as widgets

from ..tags.contexts import CONTEXTS

ROW_LABEL = "<b>Where from</b> (optional):"
OWN_WORDS = "your own words, then Enter"


class ContextRow:
    """Toggle buttons for the listed contexts and a box for your own words; `on_toggle(context)` on each."""

    def __init__(self, on_toggle):
        self._on_toggle = on_toggle
        self.buttons = {context: widgets.Button(description=context, tooltip=f"I know them from: {context}",
                                                layout=widgets.Layout(width="auto", height="28px"))
                        for context in CONTEXTS}
        self.own_words = widgets.Text(placeholder=OWN_WORDS, continuous_update=False,
                                      layout=widgets.Layout(width="14em"),
                                      tooltip="e.g. sailing club; type it again to take it away")
        for context, button in self.buttons.items():
            button.on_click(lambda _, context=context: self._on_toggle(context))
        self.own_words.observe(self._typed, names="value")
        self.widget = widgets.HBox([widgets.HTML(ROW_LABEL), *self.buttons.values(), self.own_words],
                                   layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.widget.add_class("reconnect-contexts")

    def _typed(self, change) -> None:
        text = change["new"].strip()
        if text:
            self.own_words.value = ""  # fires again with "": ignored above
            self._on_toggle(text)

    def show(self, contexts: list[str], enabled: bool = True) -> None:
        """Highlight the person's contexts; disabled past the end of the list."""
        for context, button in self.buttons.items():
            button.button_style = "info" if context in contexts else ""
            button.disabled = not enabled
        self.own_words.disabled = not enabled
