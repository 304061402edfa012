"""See who to call and why: the top of the ranked list on the page, and three of them planned with a click.

Each row: rank, name, company, the `why` and the opener (the first line to send and three questions),
with a tick box. "Plan the ones I ticked" (or, with none ticked, "Plan the first three") sets their
status to planned in the tag store; the calendar download then holds exactly them.
Names and companies are written by strangers: everything is escaped before it reaches the page.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import pandas as pd

from ..gap.reconnect import reconnect_list

SHOWN = 10  # rows on the page; the CSV download has the whole list
PLAN_COUNT = 3
NOBODY_TO_PLAN = ("Nobody left to plan: everyone shown is already invited or met. Tick the people you want to "
                  "see again, then click Plan.")
EMPTY = ("Nobody on your list yet. It holds people you know (at least \"Know\") whose business you can't fully "
         "explain: rate people above, then click Refresh.")


def list_rows(network, store, top: int = SHOWN) -> pd.DataFrame:
    """The first `top` rows of the ranked list (rank, contact_id, full_name, company, why, opener, status)."""
    return reconnect_list(network, store, top=top)[["rank", "contact_id", "full_name", "company", "why", "opener",
                                                    "status"]]


def row_html(row) -> str:
    """One person: rank and name, company, why, the opener on its own lines, and the status if any."""
    company = f' <span style="color:#555">· {escape(row.company)}</span>' if isinstance(row.company, str) else ""
    status = (f' <span style="background:#d1e7dd;border-radius:4px;padding:0 6px">{escape(row.status)}</span>'
              if isinstance(row.status, str) else "")
    return (f'<div class="reconnect-row" style="border-top:1px solid #ddd;padding:6px 0">'
            f"<b>{int(row.rank)}. {escape(row.full_name or '(no name)')}</b>{company}{status}"
            f'<div style="margin:2px 0">{escape(row.why)}</div>'
            f'<div style="white-space:pre-wrap;color:#333;font-size:0.92em;background:#f6f6f6;padding:4px 8px;'
            f'border-radius:4px">{escape(row.opener)}</div></div>')


def choose_to_plan(rows: pd.DataFrame, ticked: list[str], count: int = PLAN_COUNT) -> list[str]:
    """The ticked people, or else the first `count` not already further along than planned."""
    if ticked:
        return list(ticked)
    open_or_planned = rows["status"].isna() | (rows["status"] == "planned")
    return list(rows[open_or_planned.to_numpy(dtype=bool)]["contact_id"].head(count))


class PlanChats:
    """The list section: rows with tick boxes, and the plan button. `refresh()` re-reads the store."""

    def __init__(self, network_and_store, on_planned=None):
        self.network_and_store, self.on_planned = network_and_store, on_planned
        self.rows_box = widgets.VBox()
        self.plan_button = widgets.Button(description="Plan the first three", button_style="success",
                                          layout=widgets.Layout(width="max-content"),
                                          tooltip="Mark them planned: the calendar download will hold them")
        self.message = widgets.HTML()
        self.plan_button.on_click(lambda _: self.plan())
        self.ticks: dict[str, widgets.Checkbox] = {}
        self.rows = pd.DataFrame()
        self.widget = widgets.VBox([self.rows_box, self.plan_button, self.message])
        self.refresh()

    def refresh(self) -> None:
        network, store = self.network_and_store()
        self.rows = list_rows(network, store)
        self.ticks = {}
        children = []
        for row in self.rows.itertuples():
            tick = widgets.Checkbox(value=False, indent=False, description="", layout=widgets.Layout(width="2em"))
            tick.observe(lambda _: self._label_button(), names="value")
            self.ticks[row.contact_id] = tick
            children.append(widgets.HBox([tick, widgets.HTML(row_html(row), layout=widgets.Layout(width="100%"))]))
        self.rows_box.children = children or [widgets.HTML(escape(EMPTY))]
        self.plan_button.disabled = self.rows.empty
        self._label_button()

    def ticked(self) -> list[str]:
        return [contact_id for contact_id, tick in self.ticks.items() if tick.value]

    def _label_button(self) -> None:
        count = len(self.ticked())
        self.plan_button.description = (f"Plan the {count} I ticked" if count > 1 else "Plan the one I ticked"
                                        if count else "Plan the first three")

    def plan(self) -> list[str]:
        """Mark the chosen people planned, say who, and refresh (the app refreshes its other sections)."""
        network, store = self.network_and_store()
        chosen = choose_to_plan(self.rows, self.ticked())
        for contact_id in chosen:
            store.set_status(contact_id, "planned")
        names = self.rows.set_index("contact_id").loc[chosen, "full_name"].fillna("(no name)")
        self.message.value = (f"Planned: {escape(', '.join(names))}. Download the calendar below to put them in "
                              "your diary." if chosen else NOBODY_TO_PLAN)
        if self.on_planned is not None:
            self.on_planned()
        else:
            self.refresh()
        return chosen
