"""The tagger: an ipywidgets app for rating hundreds of contacts on the two scales, quickly.

    app = helpers.tagger(network, store)
    app                                   # shows it in the notebook

A card per contact, two rows of buttons (relationship, business knowledge); every click is saved
through the TagStore at once, and the card moves on when both are set. The list (order, search,
"untagged only") is computed once per change of those controls; a click only touches the one
contact, so the next card is ready in milliseconds even with 30,000 contacts. The tagger keeps
its own copy of the tags of this network's contacts (filled from `store.current()` once, kept
in step with every write), so filters and progress never re-read the whole store.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import numpy as np
import pandas as pd
from IPython.display import display

from ..tags.contexts import CONTEXTS, parse_contexts
from ..tags.scales import BUSINESS, RELATIONSHIP, is_john, label
from .context_row import ContextRow
from .keyboard import keypad_for
from .suggest import default_as_of, suggest_relationship
from .tag_card import card_html, suggestion_html
from .tag_queue import ORDERS, contact_table, ordered_rows, search_mask

UNKNOWN = -1  # in the tag arrays: not yet rated
FIRST_GOAL = 50  # the notebook's aim for a first session
SCALES = {"relationship": RELATIONSHIP, "business": BUSINESS}
HIDDEN, SHOWN = "none", None


def _auto_width() -> widgets.Layout:
    return widgets.Layout(width="auto")


def tagger(network, store, order: str = "probably-know", recall_first: bool = False, as_of=None,
           keys: str = "self") -> "Tagger":
    """The tagging app for `network`, saving into `store` (a `helpers.TagStore`).

    `keys`: where the keyboard shortcuts listen (keyboard.py): "self" (the keys bar, once clicked;
    notebooks) or "page" (anywhere but a text box; the app)."""
    return Tagger(network, store, order=order, recall_first=recall_first, as_of=as_of, keys=keys)


class Tagger:
    """See the module docstring. Widgets are public attributes so tests (and curious users) can drive them."""

    def __init__(self, network, store, order: str = "probably-know", recall_first: bool = False, as_of=None,
                 keys: str = "self"):
        if order not in ORDERS.values():
            raise ValueError(f"order must be one of {', '.join(map(repr, ORDERS.values()))}; got {order!r}")
        self.store = store
        store.follow(network)  # tags rated on an older export show on this one's cards
        self.as_of = pd.Timestamp(as_of) if as_of is not None else default_as_of(network.export_date)
        self.has_messages = network.messages is not None
        self.table = contact_table(network, self.as_of)
        self._ids = self.table["contact_id"].to_numpy()
        self._row_of = {contact_id: row for row, contact_id in enumerate(self._ids)}
        self._tags = {name: np.full(len(self.table), UNKNOWN, dtype=np.int8) for name in SCALES}
        self._contexts = np.full(len(self.table), None, dtype=object)  # stored value: "neighbour; client"
        self._load_tags()
        self._orderings: dict[str, np.ndarray] = {}
        self._list = np.empty(0, dtype=np.int64)  # row positions, in order, of the current list
        self._position = 0
        self._pending_bulk: list[str] = []
        self._build_widgets(order, recall_first)
        self.keypad = keypad_for(self, scope=keys)  # the keyboard: two keys per contact
        below_card = self.widget.children.index(self.card) + 1
        self.widget.children = (*self.widget.children[:below_card], self.keypad, *self.widget.children[below_card:])
        self._rebuild_list()

    # -- what the tests and the notebook use ------------------------------------------------------
    @property
    def current_contact_id(self) -> str | None:
        """The contact on the card, or None past the end of the list (or when nothing matches)."""
        return self._ids[self._list[self._position]] if self._position < len(self._list) else None

    @property
    def list_contact_ids(self) -> list[str]:
        """The contacts of the current list (order, search, "untagged only"), in order."""
        return list(self._ids[self._list])

    def _ipython_display_(self):
        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # -- building ---------------------------------------------------------------------------------
    def _build_widgets(self, order: str, recall_first: bool) -> None:
        self.order_dropdown = widgets.Dropdown(options=list(ORDERS.items()), value=order, description="Order",
                                               layout=widgets.Layout(width="25em"))
        self.search_box = widgets.Text(placeholder="name, company or position", description="Search",
                                       layout=widgets.Layout(width="24em"))
        self.untagged_only = widgets.Checkbox(value=False, description="Untagged only", indent=False,
                                              layout=_auto_width())
        self.recall_checkbox = widgets.Checkbox(value=recall_first, indent=False, layout=_auto_width(),
                                                description="Recall first (hide company and position until "
                                                            "I answer business knowledge)")
        self.list_label = widgets.HTML()
        self.card = widgets.HTML()
        self.card.add_class("reconnect-card")  # the browser tests and benchmarks find the card by it
        self.suggestion_label = widgets.HTML()
        self.accept_button = widgets.Button(description="Accept suggestion", layout=_auto_width(),
                                            tooltip="Save the suggested relationship as your tag")
        self.relationship_buttons = self._scale_buttons("relationship")
        self.business_buttons = self._scale_buttons("business")
        self.context_row = ContextRow(self.toggle_context)
        self.back_button = widgets.Button(description="Back", tooltip="The previous card")
        self.skip_button = widgets.Button(description="Skip", tooltip="Next card, no tag")
        self.undo_button = widgets.Button(description="Undo", tooltip="Take back the last change")
        self.status_label = widgets.HTML()
        self.progress_label = widgets.Label()
        self._build_bulk_widgets()
        self._wire()
        self.widget = widgets.VBox([
            widgets.HBox([self.order_dropdown, self.search_box]),
            widgets.HBox([self.untagged_only, self.recall_checkbox]),
            self.list_label, self.card,
            widgets.HBox([self.suggestion_label, self.accept_button], layout=widgets.Layout(align_items="center")),
            widgets.HTML("<b>Relationship</b>: do I know, like, trust them?"),
            widgets.HBox(self.relationship_buttons, layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HTML("<b>Business knowledge</b>: do I know what they do?"),
            widgets.HBox(self.business_buttons, layout=widgets.Layout(flex_flow="row wrap")),
            self.context_row.widget,
            widgets.HBox([self.back_button, self.skip_button, self.undo_button]),
            self.status_label, self.progress_label,
            widgets.HTML("<b>Everyone in this list at once</b>"),
            widgets.HBox([self.bulk_field, self.bulk_value, self.bulk_button]),
            self.bulk_confirm_box,
        ])

    def _scale_buttons(self, scale: str) -> list[widgets.Button]:
        return [widgets.Button(description=label(scale, value), tooltip=f"{scale}: {text}",
                               layout=_auto_width())
                for value, text in SCALES[scale].items()]

    def _build_bulk_widgets(self) -> None:
        self.bulk_field = widgets.Dropdown(options=[("Relationship", "relationship"),
                                                    ("Business knowledge", "business"),
                                                    ("Where from (adds it)", "contexts")],
                                           value="relationship", layout=widgets.Layout(width="12em"))
        self.bulk_value = widgets.Dropdown(options=self._bulk_options("relationship"),
                                           layout=widgets.Layout(width="18em"))
        self.bulk_button = widgets.Button(layout=_auto_width())
        self.bulk_question = widgets.Label()
        self.bulk_confirm_button = widgets.Button(button_style="warning", layout=_auto_width())
        self.bulk_cancel_button = widgets.Button(description="Cancel")
        self.bulk_confirm_box = widgets.HBox([self.bulk_question, self.bulk_confirm_button, self.bulk_cancel_button],
                                             layout=widgets.Layout(display=HIDDEN, align_items="center"))

    @staticmethod
    def _bulk_options(scale: str) -> list[tuple[str, int | str]]:
        if scale == "contexts":
            return [(context, context) for context in CONTEXTS]
        return [(label(scale, value), value) for value in SCALES[scale]]

    @staticmethod
    def _value_label(field: str, value) -> str:
        return f"where from: {value}" if field == "contexts" else label(field, value)

    def _wire(self) -> None:
        for scale, buttons in (("relationship", self.relationship_buttons), ("business", self.business_buttons)):
            for value, button in enumerate(buttons):
                button.on_click(lambda _, scale=scale, value=value: self.set_tag(scale, value))
        self.accept_button.on_click(lambda _: self.accept_suggestion())
        self.skip_button.on_click(lambda _: self.skip())
        self.back_button.on_click(lambda _: self.back())
        self.undo_button.on_click(lambda _: self.undo())
        for control in (self.order_dropdown, self.search_box):
            control.observe(lambda _: self._rebuild_list(), names="value")
        self.untagged_only.observe(lambda _: self._rebuild_list(reload_tags=True), names="value")
        self.recall_checkbox.observe(lambda _: self._show(), names="value")
        self.bulk_field.observe(self._on_bulk_field, names="value")
        self.bulk_button.on_click(lambda _: self.ask_bulk())
        self.bulk_confirm_button.on_click(lambda _: self.confirm_bulk())
        self.bulk_cancel_button.on_click(lambda _: self.cancel_bulk())

    # -- tags kept in step with the store ---------------------------------------------------------
    def _load_tags(self) -> None:
        """All of this network's tags, once (and again after an undo, which may touch anyone)."""
        current = self.store.current().reindex(self._ids)
        for scale, values in self._tags.items():
            values[:] = current[scale].fillna(UNKNOWN).to_numpy(dtype=np.int8)
        self._contexts[:] = current["contexts"].astype(object).where(current["contexts"].notna(), None).to_numpy()

    def _tags_of(self, row: int) -> dict:
        return {scale: (None if values[row] == UNKNOWN else int(values[row])) for scale, values in self._tags.items()}

    def _reload_one(self, row: int) -> dict:
        """One contact's tags from the store (it may have been tagged in another notebook)."""
        saved = self.store.get(self._ids[row]) or {}
        for scale, values in self._tags.items():
            value = saved.get(scale)
            values[row] = UNKNOWN if value is None or pd.isna(value) else int(value)
        self._contexts[row] = saved.get("contexts")
        return self._tags_of(row)

    def _untagged_rows(self) -> np.ndarray:
        return (self._tags["relationship"] == UNKNOWN) & (self._tags["business"] == UNKNOWN)

    # -- the list -----------------------------------------------------------------------------------
    def _rebuild_list(self, reload_tags: bool = False) -> None:
        """Order, search and "untagged only" -> the list; stay on the same contact where possible.

        `reload_tags` when "untagged only" is switched: people may have been tagged in another notebook.
        """
        if reload_tags:
            self._load_tags()
        keep = self.current_contact_id
        order = self.order_dropdown.value
        if order not in self._orderings:
            self._orderings[order] = ordered_rows(self.table, order)
        rows = self._orderings[order]
        keep_mask = search_mask(self.table, self.search_box.value)
        if self.untagged_only.value:
            keep_mask &= self._untagged_rows()
        self._list = rows[keep_mask[rows]]
        self._position = self._index_in_list(keep) if keep is not None else 0
        self._hide_bulk_question()
        self._show()

    def _index_in_list(self, contact_id: str) -> int:
        hits = np.flatnonzero(self._list == self._row_of[contact_id])
        return int(hits[0]) if len(hits) else 0

    def go_to(self, position: int) -> None:
        """Show the card at `position` of the list (clamped; len(list) is the "end of list" card)."""
        self._position = max(0, min(position, len(self._list)))
        self._show()

    def skip(self) -> None:
        """The next card, no tag (the Skip button, Space or →)."""
        self.go_to(self._position + 1)

    def back(self) -> None:
        """The previous card (the Back button, ←)."""
        self.go_to(self._position - 1)

    # -- tagging ------------------------------------------------------------------------------------
    def set_tag(self, scale: str, value: int) -> None:
        """Save one answer for the contact on the card; move on once both scales are set."""
        contact_id = self.current_contact_id
        if contact_id is None:
            return
        self.store.tag(contact_id, **{scale: value})
        row = self._row_of[contact_id]
        tags = self._reload_one(row)  # the other scale may have been set in another notebook
        if tags["relationship"] is not None and tags["business"] is not None:
            self._say_saved(row, tags)
            self.go_to(self._position + 1)
        else:
            self.status_label.value = f"Saved: {escape(self._name(row))}, {scale} {escape(label(scale, value))}."
            self._show()

    def toggle_context(self, context: str) -> None:
        """One click on the "where from" row: add that context to the person on the card, or take it back."""
        contact_id = self.current_contact_id
        if contact_id is None:
            return
        try:
            now = self.store.toggle_context(contact_id, context)
        except ValueError as error:  # your own words too long: say so, keep the card
            self.status_label.value = escape(str(error))
            return
        row = self._row_of[contact_id]
        self._reload_one(row)
        what = ", ".join(now) if now else "nothing (taken back)"
        self.status_label.value = f"Saved: {escape(self._name(row))}, where from: {escape(what)}."
        self._show()

    def accept_suggestion(self) -> None:
        contact_id = self.current_contact_id
        suggestion = self._suggestion(self._row_of[contact_id]) if contact_id is not None else None
        if suggestion is not None:
            self.set_tag("relationship", suggestion.relationship)

    def _say_saved(self, row: int, tags: dict) -> None:
        """After the card moves on: what was saved, with the company and position (recall-first's reveal)."""
        person = self.table.iloc[row]
        work = " · ".join(escape(person[key]) for key in ("position", "company") if isinstance(person[key], str))
        self.status_label.value = (f"Saved <b>{escape(self._name(row))}</b>"
                                   + (f" ({work})" if work else "")
                                   + f": {escape(label('relationship', tags['relationship']))}, "
                                     f"{escape(label('business', tags['business']))}.")

    def undo(self) -> None:
        """Take back the last change in the store, then show the card it touched."""
        before = {scale: values.copy() for scale, values in self._tags.items()}
        contexts_before = self._contexts.copy()
        if not self.store.undo():
            self.status_label.value = "Nothing to undo."
            return
        self._load_tags()
        changed = [before[s] != self._tags[s] for s in self._tags] + [contexts_before != self._contexts]
        touched = np.flatnonzero(np.logical_or.reduce(changed))
        if len(touched) == 1:
            row = int(touched[0])
            self.status_label.value = f"Undone: the last change to {escape(self._name(row))}."
            in_list = np.flatnonzero(self._list == row)
            if len(in_list):
                self.go_to(int(in_list[0]))
                return
        elif len(touched):
            self.status_label.value = f"Undone: the last change ({len(touched):,} people)."
        else:
            self.status_label.value = "Undone: the last change (to people not in this network)."
        if self.untagged_only.value:
            self._rebuild_list()
        else:
            self._show()

    # -- bulk ---------------------------------------------------------------------------------------
    def bulk_targets(self) -> list[str]:
        """Who "Tag all N in this list" would tag: the list, minus anyone tagged since if "untagged only"."""
        rows = self._list
        if self.untagged_only.value:
            rows = rows[self._untagged_rows()[rows]]
        return list(self._ids[rows])

    def _bulk_count(self) -> int:
        if not self.untagged_only.value:
            return len(self._list)
        return int(self._untagged_rows()[self._list].sum())

    def _on_bulk_field(self, change) -> None:
        self.bulk_value.options = self._bulk_options(change["new"])
        self._hide_bulk_question()

    def ask_bulk(self) -> None:
        """First click: ask, saying how many people and which value."""
        self._pending_bulk = self.bulk_targets()
        count = len(self._pending_bulk)
        if not count:
            return
        value_label = self._value_label(self.bulk_field.value, self.bulk_value.value)
        self.bulk_question.value = f"Tag {count:,} {'person' if count == 1 else 'people'} as {value_label}?"
        self.bulk_confirm_button.description = f"Yes, tag {count:,}"
        self.bulk_confirm_box.layout.display = SHOWN

    def confirm_bulk(self) -> None:
        """Second click: one `tag_many` (one undo step) for exactly the people asked about."""
        targets, scale, value = self._pending_bulk, self.bulk_field.value, self.bulk_value.value
        self._hide_bulk_question()
        if not targets:
            return
        rows = [self._row_of[contact_id] for contact_id in targets]
        if scale == "contexts":
            self.store.add_context_many(targets, value)
            for row in rows:
                self._reload_one(row)
        else:
            self.store.tag_many(targets, **{scale: value})
            self._tags[scale][rows] = value
        what = f"where from: {value}" if scale == "contexts" else f"{scale} {label(scale, value)}"
        self.status_label.value = f"Tagged {len(targets):,} people, {escape(what)}. Undo takes it back."
        if self.untagged_only.value:
            self._rebuild_list()
        else:
            self._show()

    def cancel_bulk(self) -> None:
        self._hide_bulk_question()
        self.status_label.value = "Nothing was tagged."

    def _hide_bulk_question(self) -> None:
        self._pending_bulk = []
        self.bulk_confirm_box.layout.display = HIDDEN

    # -- showing ------------------------------------------------------------------------------------
    def _show(self) -> None:
        """Render the card at the current position, the buttons' state, the list size and progress."""
        contact_id = self.current_contact_id
        if contact_id is None:
            self._show_end_of_list()
        else:
            self._show_card(self._row_of[contact_id])
        count = self._bulk_count()
        self.bulk_button.description = f"Tag all {count:,} in this list…"
        self.bulk_button.disabled = count == 0
        self.back_button.disabled = self._position == 0
        self.progress_label.value = self.progress_text()

    def _show_card(self, row: int) -> None:
        tags = self._reload_one(row)
        person = self.table.iloc[row]
        contexts = parse_contexts(self._contexts[row])
        self.card.value = card_html(person, {**tags, "contexts": contexts}, self.as_of, self.has_messages,
                                    self.recall_checkbox.value)
        self.context_row.show(contexts)
        suggestion = self._suggestion(row)
        self.suggestion_label.value = suggestion_html(suggestion, self.has_messages)
        self.accept_button.disabled = suggestion is None or suggestion.relationship == tags["relationship"]
        for scale, buttons in (("relationship", self.relationship_buttons), ("business", self.business_buttons)):
            for value, button in enumerate(buttons):
                button.disabled = False
                button.button_style = "info" if tags[scale] == value else ""
        self.list_label.value = f"Card {self._position + 1:,} of {len(self._list):,} in this list"

    def _show_end_of_list(self) -> None:
        untagged = self.untagged_only.value
        if len(self._list):
            text = "That's everyone in this list. " + (
                "Untick and tick <i>Untagged only</i> again to see who is still untagged." if untagged
                else "Tick <i>Untagged only</i> to see who is left, or change the search.")
        else:
            text = "No one in this list: clear the search" + (", or untick <i>Untagged only</i>." if untagged else ".")
        self.card.value = f'<div style="padding:12px 16px;border:1px dashed #ccc;border-radius:8px">{text}</div>'
        self.suggestion_label.value = ""
        self.accept_button.disabled = True
        for button in self.relationship_buttons + self.business_buttons:
            button.disabled, button.button_style = True, ""
        self.context_row.show([], enabled=False)
        self.list_label.value = f"{len(self._list):,} in this list"

    def _suggestion(self, row: int):
        return suggest_relationship(self.table.iloc[row], self.as_of, self.has_messages)

    def _name(self, row: int) -> str:
        name = self.table.at[row, "full_name"]
        return name if isinstance(name, str) and name.strip() else "(no name)"

    def progress(self) -> tuple[int, int, int]:
        """(tagged, Johns, contacts) for this network's contacts only (the store may hold other exports')."""
        relationship, business = self._tags["relationship"], self._tags["business"]
        tagged = int(((relationship != UNKNOWN) | (business != UNKNOWN)).sum())
        johns = int(is_john(pd.Series(relationship, dtype="Int64").mask(relationship == UNKNOWN),
                            pd.Series(business, dtype="Int64").mask(business == UNKNOWN)).sum())
        return tagged, johns, len(self._ids)

    def progress_text(self) -> str:
        return progress_text(*self.progress())

    def check(self) -> None:
        """For the notebook's check cell: how far you are, and what to do next."""
        print(progress_advice(*self.progress()))


def progress_text(tagged: int, johns: int, contacts: int) -> str:
    """"Tagged 37 of 1,204 · 9 Johns so far"."""
    return f"Tagged {tagged:,} of {contacts:,} · {johns:,} John{'' if johns == 1 else 's'} so far"


def progress_advice(tagged: int, johns: int, contacts: int, goal: int = FIRST_GOAL) -> str:
    """The progress line plus the next step: start, keep going, or move on to the gap."""
    goal = min(goal, contacts)
    if tagged == 0:
        return (f"Nothing tagged yet (0 of {contacts:,}). Scroll up to the tagger and, on the first card, click "
                "one Relationship button and one Business knowledge button. Aim for your first "
                f"{goal:,}.")
    line = progress_text(tagged, johns, contacts) + "."
    if tagged < goal:
        return f"{line} Keep going: {goal - tagged:,} more to reach your first {goal:,}."
    if not johns:
        return (f"{line} No Johns yet: for each person you like or trust, ask yourself honestly whether you "
                "could explain what they sell, and to whom. Then open 03-the-gap.ipynb.")
    return f"{line} Well done: open 03-the-gap.ipynb to see your Johns."
