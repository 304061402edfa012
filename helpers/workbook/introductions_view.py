"""The app view's introductions section: "Can you introduce me to ...?", who should meet whom, and
where you know your Johns from, all with buttons.

    section = IntroductionsView(network, store)    # helpers/workbook/app.py adds section.widget
    section.ask("logistics"); section.refresh()     # what the buttons do (tests call them too); nothing
                                                    # is computed before the first click

Suggestions come from your coffee chats; before you have logged any, the sample network's demo
(invented chats in a throw-away store) shows how it works, and a note says so.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from ..gap.grid import gap_table
from ..gap.introductions import IntroductionAnswer, can_you_introduce, suggest_introductions
from ..takeaway import charts
from .demo import chats_or_demo

CSS_CLASS = "reconnect-introductions"
NO_SUGGESTIONS = ("No introductions to suggest yet: none of the needs in your coffee chats matches what another "
                  "person you like or trust does. Log more chats (and what each person is looking for), "
                  "then click again.")
SHOWN = 10
CLICK_FIRST = ("Click Suggest introductions to see who in your network should meet whom, from your coffee "
               "chats (or the sample's demo, until you have logged some).")


def suggestions_html(suggestions: pd.DataFrame, limit: int = SHOWN) -> str:
    """Each suggested pair, its reason, and the two double opt-in drafts (folded away), escaped."""
    if suggestions.empty:
        return f"<p>{escape(NO_SUGGESTIONS)}</p>"
    items = []
    for row in suggestions.head(limit).itertuples():
        both = " · they can help each other" if row.both_ways else ""
        items.append(
            f"<li><b>{escape(str(row.who_needs))}</b> ↔ <b>{escape(str(row.who_offers))}</b>: "
            f"{escape(row.reason)}{both}"
            "<details><summary>Draft notes: ask each first (double opt-in)</summary>"
            f"<p><i>To {escape(str(row.who_needs))}:</i> {escape(row.note_to_who_needs)}</p>"
            f"<p><i>To {escape(str(row.who_offers))}:</i> {escape(row.note_to_who_offers)}</p></details></li>")
    more = f"<p>and {len(suggestions) - limit:,} more.</p>" if len(suggestions) > limit else ""
    return f"<ol>{''.join(items)}</ol>{more}"


class IntroductionsView:
    """See the module docstring. Widgets are public attributes so tests can type and click."""

    def __init__(self, network, store, is_sample: bool | None = None):
        self.network, self.store, self.is_sample = network, store, is_sample
        self._data = None
        self.note = widgets.HTML()
        self.query = widgets.Text(placeholder="a name, a company or a word: Acme, logistics",
                                  layout=widgets.Layout(width="28em"))
        self.ask_button = widgets.Button(description="Can you introduce me?", button_style="primary",
                                         layout=widgets.Layout(width="max-content"))
        self.answer = widgets.HTML()
        self.suggest_button = widgets.Button(description="Suggest introductions", button_style="primary",
                                             tooltip="Who should meet whom, from your coffee chats",
                                             layout=widgets.Layout(width="max-content"))
        self.suggestions = widgets.HTML()
        self.chart = widgets.Output()
        self.ask_button.on_click(lambda _: self.ask())
        self.suggest_button.on_click(lambda _: self.refresh())
        self.widget = widgets.VBox([
            self.note,
            widgets.HTML("<b>Can you introduce me to …?</b> What you can honestly say, and who is there."),
            widgets.HBox([self.query, self.ask_button]), self.answer,
            widgets.HTML("<b>Who should meet whom</b>: people you like or trust, one's need meeting the other's offer."),
            self.suggest_button, self.suggestions, self.chart])
        self.widget.add_class(CSS_CLASS)
        # nothing computed until a click: the app opens as fast as before (matching loads scikit-learn)
        self.note.value = f'<div style="color:#555">{escape(CLICK_FIRST)}</div>'

    def _ipython_display_(self):
        display(self.widget)

    def data(self):
        """Your network and store once you have logged a chat; the sample's demo until then."""
        if self._data is None or (self._data.is_demo and len(self.store.chats())):
            self._data = chats_or_demo(self.network, self.store, self.is_sample)
            self.note.value = f'<div style="color:#555">{escape(str(self._data.note))}</div>'
        return self._data

    def ask(self, query: str | None = None) -> IntroductionAnswer | None:
        """Answer the question in the box (or `query`); a blank box gets a hint, not an error."""
        query = self.query.value if query is None else query
        if not query.strip():
            self.answer.value = "Type a name, a company or a word first, such as <i>logistics</i>."
            return None
        data = self.data()
        answer = can_you_introduce(gap_table(data.network, data.store), query, data.store.chats())
        self.answer.value = answer._repr_html_()
        return answer

    def refresh(self) -> pd.DataFrame:
        """Suggest introductions again, and redraw where your Johns are from (from the same data: yours or the demo)."""
        data = self.data()
        gap = gap_table(data.network, data.store)
        suggestions = suggest_introductions(gap, data.store.chats())
        self.suggestions.value = suggestions_html(suggestions)
        self.chart.clear_output(wait=True)
        with self.chart:
            display(charts.johns_by_context(gap))
        return suggestions
