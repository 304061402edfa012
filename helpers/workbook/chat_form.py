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
        for contact_id, row in group.sort_values("full_name").iterrows():
            company = f" ({row['company']})" if isinstance(row["company"], str) else ""
            options.append((f"{row['full_name']}{company}", contact_id))
    return options


class ChatForm:
    """Pick a person, fill in what you learned, save: the store's `log_chat` does the rest."""

    def __init__(self, gap: pd.DataFrame, store, today=None):
        self.store = store
        self.person = widgets.Dropdown(options=chat_candidates(gap), description="Who", layout=widgets.Layout(width="60%"))
        self.day = widgets.DatePicker(description="When", value=pd.Timestamp(today or pd.Timestamp.now()).date())
        self.texts = {name: widgets.Textarea(placeholder=text, description="", layout=widgets.Layout(width="60%"))
                      for name, text in FIELDS.items()}
        self.save_button = widgets.Button(description="Save this chat", button_style="success")
        self.result = widgets.HTML()
        self.save_button.on_click(lambda _: self.save())
        labelled = [widgets.VBox([widgets.HTML(f"<b>{escape(FIELDS[name])}</b>"), box]) for name, box in self.texts.items()]
        empty = [] if self.person.options else [widgets.HTML(f"Nobody rated yet: rate people in {place('rate')} first.")]
        self.widget = widgets.VBox(empty + [self.person, self.day, *labelled, self.save_button, self.result])

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
        return outcome

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)


def chat_form(gap: pd.DataFrame, store, today=None) -> ChatForm:
    return ChatForm(gap, store, today)
