"""The app view for people who don't code: the whole journey, in sections, with buttons and keys.

    app = open_app()        # app/reconnect-app.ipynb, served by Voilà (`make app`)

Sections, top to bottom (each a `Section` with a CSS class the browser tests look for):
    Bring your export       reconnect-upload     "Choose your LinkedIn zip" (bring_export.py)
    Rate the people …       reconnect-tagger     the tagger, keys anywhere on the page (keyboard.py)
    See your gap            reconnect-gap        the gap chart, redrawn on Refresh
    Who to call and why     reconnect-list       the ranked list with why and opener; plan three (plan_chats.py)
    Take it with you        reconnect-downloads  reconnect.csv, coffee-chats.ics, tags backup (downloads.py)
    Keep the habit          reconnect-habit      log a chat, who is due, progress (habit.py)
    Introductions …         reconnect-introductions-section  who can meet whom, from your chats (introductions_view.py)
    Leave the room          reconnect-leave-section  on a room server only: take your tags, delete yours (leave_room.py)

To add a section: write `def build(app) -> Section` and put it in `SECTIONS` where it belongs.
A section reads the network and store in use through `app.network_and_store()` (they change when
a new export is brought in), and its `refresh(gap)` runs whenever the app refreshes (Refresh buttons,
planning, a logged chat) with the gap table the app computed once for that refresh.
Above the sections: whether names are hidden, and which export is open.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display

from ..base.places import use_places
from ..gap.grid import gap_table
from ..takeaway import charts
from .bring_export import ExportUploader, Installed, sync_in_plain_words
from .data_folder import ExportChoice, choose_export, open_network, open_store, private_folder
from .downloads import download_buttons
from .habit import Habit
from .introductions_view import IntroductionsView
from .leave_room import LeaveRoom, on_a_room_server
from .plan_chats import PlanChats
from .privacy import PrivateTagStore, is_private, pseudonymise
from .tagger import tagger

TAGGER_TITLE, LIST_TITLE, HABIT_TITLE = "Rate the people you know", "Who to call and why", "Keep the habit"
LIST_ORDER = ("Your Johns come first (people you like or trust but whose business you can't describe), "
              "then everyone else you know with something left to learn.")
SCREEN_SHARE_ON = "Screen-share mode is ON: names are replaced by pseudonyms everywhere."
SCREEN_SHARE_OFF = ("Names are shown. Sharing your screen in a workshop? Start the app with "
                    "<code>RECONNECT_PRIVATE=1 make app</code> to replace them with pseudonyms.")
SCREEN_SHARE_OFF_IN_A_ROOM = ("Names are shown. About to share your screen? Ask your facilitator to turn on "
                              "screen-share mode for the room, which replaces names with pseudonyms.")


def screen_share_banner() -> HTML:
    """One muted line: are names hidden (screen-share mode), and how to hide them when they are not."""
    if is_private():
        text = SCREEN_SHARE_ON
    else:
        text = SCREEN_SHARE_OFF_IN_A_ROOM if on_a_room_server() else SCREEN_SHARE_OFF
    return HTML(f'<div style="color:#555;font-size:0.9em">{text}</div>')


@dataclass
class Section:
    title: str
    css_class: str
    widget: widgets.Widget
    refresh: Callable[[pd.DataFrame], None] | None = None  # given this refresh's gap table


def open_app(folder: Path | None = None) -> "ReconnectApp":
    """The app on the export the workbook would open (yours, or the sample with its banner)."""
    network, choice = open_network(private_dir=folder)
    store = open_store(network, (folder or private_folder()) / "tags.sqlite")
    return ReconnectApp(network, store, folder, choice)


def build_app(network, store, folder: Path | None = None, choice: ExportChoice | None = None) -> "ReconnectApp":
    """The whole app for `network`, saving tags into `store`; uploads land in `folder` (your data folder)."""
    return ReconnectApp(network, store, folder, choice)


# -- the sections ------------------------------------------------------------------------------------
def upload_section(app: "ReconnectApp") -> Section:
    return Section("Bring your export", "reconnect-upload", app.uploader.widget)


def tagger_section(app: "ReconnectApp") -> Section:
    app.tagger = tagger(app.network, app.store, keys="page")
    return Section(TAGGER_TITLE, "reconnect-tagger", app.tagger.widget)


def gap_section(app: "ReconnectApp") -> Section:
    app.refresh_button = _button("Refresh the chart", "Redraw the chart (and the list) with the ratings you just made")
    app.refresh_button.on_click(lambda _: app.refresh())
    app.chart = widgets.Output()
    return Section("See your gap", "reconnect-gap", widgets.VBox([app.refresh_button, app.chart]), app.draw_chart)


def list_section(app: "ReconnectApp") -> Section:
    app.plan = PlanChats(app.network_and_store, on_planned=app.refresh)
    again = _button("Refresh the list", "Rank again with the ratings you just made")
    again.on_click(lambda _: app.refresh())
    # reconnect_list ranks from its own gap table: this section does not use the shared one
    return Section(LIST_TITLE, "reconnect-list", widgets.VBox([widgets.HTML(LIST_ORDER), again, app.plan.widget]),
                   lambda _gap: app.plan.refresh())


def downloads_section(app: "ReconnectApp") -> Section:
    app.downloads = download_buttons(app.network_and_store)
    note = widgets.HTML('<div style="color:#555">Each file is made when you click, from your ratings as they are now: '
                        "the list opens in any spreadsheet, the calendar in any calendar app; keep the tags "
                        "backup somewhere safe.</div>")
    return Section("Take it with you", "reconnect-downloads", widgets.VBox([note, *app.downloads]))


def habit_section(app: "ReconnectApp") -> Section:
    app.habit = Habit(app.network_and_store, on_logged=app.refresh)
    return Section(HABIT_TITLE, "reconnect-habit", app.habit.widget, app.habit.refresh)


def introductions_section(app: "ReconnectApp") -> Section:
    # computed on its own buttons only (matching loads scikit-learn): no refresh with the others
    app.introductions = IntroductionsView(app.network, app.store, app.choice.is_sample)
    return Section("Introductions your network can make", "reconnect-introductions-section", app.introductions.widget)


def leave_section(app: "ReconnectApp") -> Section:
    app.leave = LeaveRoom(app.network, app.store, app.folder)
    return Section("Leave the room", "reconnect-leave-section", app.leave.widget)


SECTIONS = [upload_section, tagger_section, gap_section, list_section, downloads_section, habit_section,
            introductions_section]
ROOM_SECTIONS = [leave_section]  # added at the end on a room server (hub/ or z2jh/), where people share a machine


def sections_here() -> list:
    return SECTIONS + (ROOM_SECTIONS if on_a_room_server() else [])


def speak_for_the_app() -> None:
    """Messages from every layer point at this app's sections, not at notebooks a person cannot see."""
    number = {build: n for n, build in enumerate(sections_here(), 1)}
    use_places(rate=f"section {number[tagger_section]} ({TAGGER_TITLE})",
               plan=f"section {number[list_section]} ({LIST_TITLE})",
               log_chats=f"section {number[habit_section]} ({HABIT_TITLE})", again="click Refresh the chart")


def _button(description: str, tooltip: str) -> widgets.Button:
    return widgets.Button(description=description, button_style="primary", tooltip=tooltip,
                          layout=widgets.Layout(width="max-content"))


def _section_box(number: int, section: Section) -> widgets.VBox:
    box = widgets.VBox([widgets.HTML(f"<h2>{number}. {escape(section.title)}</h2>"), section.widget],
                       layout=widgets.Layout(margin="0 0 24px 0"))
    box.add_class(section.css_class)
    return box


class ReconnectApp:
    """See the module docstring. Widgets are public attributes so tests can click them."""

    def __init__(self, network, store, folder: Path | None = None, choice: ExportChoice | None = None):
        self.network, self.store = network, store
        self.folder = Path(folder) if folder is not None else private_folder()
        self.choice = choice or choose_export(private_dir=self.folder)
        self.figure = None  # the gap figure last drawn
        self.banner = widgets.HTML()
        self.uploader = ExportUploader(self.folder, on_loaded=self.switch_export)
        self.widget = widgets.VBox()
        self._build()

    def network_and_store(self):
        return self.network, self.store

    def _build(self) -> None:
        speak_for_the_app()
        if hasattr(self, "tagger"):
            self.tagger.keypad.close()  # its page-wide key listener must not outlive the old tagger
        self.banner.value = self.choice._repr_html_()
        self.sections = [build(self) for build in sections_here()]
        self.widget.children = [self.banner, *(_section_box(number, section)
                                               for number, section in enumerate(self.sections, 1))]
        self.draw_chart()

    def _ipython_display_(self):
        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        """Every section redraws from the store as it is now (one gap table for all of them)."""
        gap = gap_table(self.network, self.store)
        for section in self.sections:
            if section.refresh is not None:
                section.refresh(gap)

    def draw_chart(self, gap: pd.DataFrame | None = None) -> None:
        """The gap heatmap from `gap` (default: the store as it is now); before any rating: what to do."""
        gap = gap_table(self.network, self.store) if gap is None else gap
        self.figure = charts.gap_heatmap(gap)  # before any rating: what to do, in this app's words (places)
        self.chart.clear_output(wait=True)
        with self.chart:
            display(self.figure)

    def switch_export(self, installed: Installed) -> str:
        """A new export is in place: sync the tags to it, rebuild every section on it; the sync in words."""
        tag_store = self.store.store if isinstance(self.store, PrivateTagStore) else self.store
        report = tag_store.sync(installed.network)
        words = sync_in_plain_words(report, tag_store, installed.network)
        self.network = pseudonymise(installed.network) if is_private() else installed.network
        self.store = PrivateTagStore(tag_store, self.network) if is_private() else tag_store
        self.choice = installed.choice
        self._build()
        return words
