"""Keep the habit: log each coffee chat, see who is due, watch your progress (the app's last section).

The chat form is the notebooks' `ChatForm`; after a save, the section (and the app, through
`on_logged`) redraws, so the progress chart moves at once. A redraw keeps the form itself (only its
list of people changes), so words half typed survive planning or a refresh. Who is due is the losing-touch list
(`due_for_reach_out`), or the note that says why nobody is due yet.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from ..gap.grid import due_for_reach_out, gap_table
from ..takeaway import charts
from .chat_form import ChatForm
from .guidance import nobody_due

DUE_SHOWN = 10


def due_html(network, gap) -> str:
    """Who is due for a reach-out, most overdue first; or why nobody is (escaped: names are strangers')."""
    due = due_for_reach_out(gap).head(DUE_SHOWN)
    if due.empty:
        return f'<div style="color:#333">{escape(nobody_due(network, gap))}</div>'
    items = "".join(f"<li>{_due_line(row)}</li>" for row in due.itertuples())
    return f"<ul style='margin:0'>{items}</ul>"


def _due_line(row) -> str:
    company = f" · {escape(row.company)}" if isinstance(row.company, str) else ""
    when = f": due {escape(str(row.overdue_by))}" if row.overdue_by else ""
    return f"<b>{escape(str(row.full_name))}</b>{company}{when}"


class Habit:
    """The chat form, who is due, and the progress chart; `refresh()` rebuilds them from the store."""

    def __init__(self, network_and_store, on_logged=None):
        self.network_and_store, self.on_logged = network_and_store, on_logged
        self.form_box = widgets.VBox()
        self.due = widgets.HTML()
        self.due.add_class("reconnect-due")
        self.chart = widgets.Output()
        self.chart.add_class("reconnect-progress")
        self.figure = None
        self.form: ChatForm | None = None
        self.widget = widgets.VBox([
            widgets.HTML("<h3>Log a coffee chat</h3>"), self.form_box,
            widgets.HTML("<h3>Who is due for a reach-out</h3>"), self.due,
            widgets.HTML("<h3>Your progress</h3>"), self.chart])
        self.refresh()

    def refresh(self, gap: pd.DataFrame | None = None) -> None:
        """Redraw from `gap` (the app's, computed once per refresh), or from the store as it is now."""
        network, store = self.network_and_store()
        gap = gap_table(network, store) if gap is None else gap
        if self.form is None or self.form.store is not store:
            self.form = ChatForm(gap, store, on_saved=lambda _outcome: self._logged())
            self.form_box.children = [self.form.widget]
        else:
            self.form.set_people(gap)  # the same form: what is half typed survives planning or a refresh
        self.due.value = due_html(network, gap)
        self.figure = charts.progress(store)
        self.chart.clear_output(wait=True)
        with self.chart:
            display(self.figure)

    def _logged(self) -> None:
        if self.on_logged is not None:
            self.on_logged()
        else:
            self.refresh()
