"""A small form to log a coffee chat without writing code (notebook 05 and the app view)."""
from html import escape

import ipywidgets as widgets
import pandas as pd

from ..tags.scales import BUSINESS
from ..tags.tag_store import STATUSES
from ..base.places import place

FIELDS = {"what_they_do": "What they actually do (and for whom)", "how_i_can_help": "How I can help them",
          "how_they_can_help": "How they can help me",
          "looking_for": "What they're looking for right now (a client, a hire, a supplier, advice...)",
          "next_step": "Next step"}



def chat_candidates(gap: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, contact_id) for the dropdown: people in the pipeline first, then Johns, then everyone rated."""
    staged = gap["status"].isin(STATUSES[:2]).to_numpy(dtype=bool)
    groups = [gap[staged], gap[gap["is_john"].to_numpy(dtype=bool) & ~staged],
              gap[gap["tagged"].to_numpy(dtype=bool) & ~gap["is_john"].to_numpy(dtype=bool) & ~staged]]
    options = []
    for group in groups:
        group = group.sort_values("full_name")  # zip, not iterrows: the app rebuilds this at each refresh
        options += [(f"{name}{f' ({company})' if isinstance(company, str) else ''}", contact_id)
                    for contact_id, name, company in zip(group.index, group["full_name"], group["company"])]
    return options


class ChatForm:
    """Pick a person, fill in what you learned, save: the store's `log_chat` does the rest."""

    def __init__(self, gap: pd.DataFrame, store, today=None, on_saved=None):
        self.store, self.on_saved = store, on_saved  # on_saved(outcome): after each chat saved (the app redraws)
        self.person = widgets.Dropdown(description="Who", layout=widgets.Layout(width="60%"))
        self.hint = widgets.HTML()
        self.day = widgets.DatePicker(description="When", value=pd.Timestamp(today or pd.Timestamp.now()).date())
        self.texts = {name: widgets.Textarea(placeholder=text, description="", layout=widgets.Layout(width="60%"))
                      for name, text in FIELDS.items()}
        self.save_button = widgets.Button(description="Save this chat", button_style="success")
        self.result = widgets.HTML()
        self.save_button.on_click(lambda _: self.save())
        labelled = [widgets.VBox([widgets.HTML(f"<b>{escape(FIELDS[name])}</b>"), box]) for name, box in self.texts.items()]
        self.widget = widgets.VBox([self.hint, self.person, self.day, *labelled, self.save_button, self.result])
        self.set_people(gap)

    def set_people(self, gap: pd.DataFrame) -> None:
        """The dropdown from `gap` again (after new ratings); the person chosen and the words typed stay."""
        chosen, options = self.person.value, chat_candidates(gap)
        self.person.options = options
        ids = [contact_id for _, contact_id in options]
        self.person.value = chosen if chosen in ids else (ids[0] if ids else None)
        self.hint.value = "" if options else escape(f"Nobody rated yet: rate people in {place('rate')} first, "
                                                    f"then {place('again')}.")

    def save(self) -> dict | None:
        if not self.person.value:
            self.result.value = "Choose who you met first."
            return None
        outcome = self.store.log_chat(self.person.value, on=self.day.value,
                                      **{name: box.value for name, box in self.texts.items()})
        name = escape(self.person.label)
        when = outcome["next_reach_out"]
        self.result.value = (f"Saved. You now know <b>{escape(BUSINESS[outcome['business']])}</b> about {name}; "
                             f"status: {escape(outcome['status'])}"
                             + (f"; reach out again by {when:%d %b %Y}." if when else "."))
        for box in self.texts.values():
            box.value = ""
        if self.on_saved is not None:
            self.on_saved(outcome)
        return outcome

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)


def chat_form(gap: pd.DataFrame, store, today=None) -> ChatForm:
    return ChatForm(gap, store, today)
