"""The app view for people who don't code: tag, see the gap, save the list, all with buttons.

    app = build_app(network, store)      # app/reconnect-app.ipynb, served by Voilà (`make app`)
    app                                  # shows it

Four sections in one widget: the tagger, the gap chart with a "Refresh the chart" button, a
"Save my reconnect list" button that writes reconnect.csv to your data folder and says where, and
the introductions your network can make (`introductions_view.py`).
Above it, `screen_share_banner()` says whether names are hidden (RECONNECT_PRIVATE=1 hides them).
Each section carries a CSS class (`reconnect-tagger`, `reconnect-gap`, `reconnect-save`) so the
browser tests and tools/make_pictures.py can find it on the page.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML, display

from ..takeaway import charts
from ..gap.grid import gap_table
from .privacy import is_private
from ..gap.reconnect import reconnect_list
from ..takeaway.reconnect_export import write_reconnect_csv
from .introductions_view import IntroductionsView
from .tagger import tagger
from ..base.wording import plural
from .data_folder import private_folder

LIST_NAME = "reconnect.csv"
RATE_FIRST = ("Nobody is rated on both scales yet.<br>Rate a few people you know well above (both scales),"
              "<br>then click Refresh the chart.")
NOBODY_RATED = ("Nobody is rated yet, so there is no list to save. Rate a few people you know well "
                "with the buttons above (both scales), then click Save again.")
NOBODY_TO_RANK = ("No one to put on the list yet: it holds people you know (at least \"Know\") whose business "
                  "you can't fully explain. Rate more people above, then click Save again.")
SCREEN_SHARE_ON = "Screen-share mode is ON: names are replaced by pseudonyms everywhere."
SCREEN_SHARE_OFF = ("Names are shown. Sharing your screen in a workshop? Start the app with "
                    "<code>RECONNECT_PRIVATE=1 make app</code> to replace them with pseudonyms.")


def screen_share_banner() -> HTML:
    """One muted line: are names hidden (screen-share mode), and how to hide them when they are not."""
    text = SCREEN_SHARE_ON if is_private() else SCREEN_SHARE_OFF
    return HTML(f'<div style="color:#555;font-size:0.9em">{text}</div>')


def build_app(network, store, folder: Path | None = None) -> "ReconnectApp":
    """The whole app for `network`, saving tags into `store` and the list into `folder` (your data folder)."""
    return ReconnectApp(network, store, folder)


def _section(title: str, css_class: str, children: list) -> widgets.VBox:
    box = widgets.VBox([widgets.HTML(f"<h2>{escape(title)}</h2>"), *children],
                       layout=widgets.Layout(margin="0 0 24px 0"))
    box.add_class(css_class)
    return box


class ReconnectApp:
    """See the module docstring. Buttons and outputs are public attributes so tests can click them."""

    def __init__(self, network, store, folder: Path | None = None):
        self.network, self.store = network, store
        self.folder = Path(folder) if folder is not None else private_folder()
        self.tagger = tagger(network, store)
        self.refresh_button = widgets.Button(description="Refresh the chart", button_style="primary",
                                             tooltip="Redraw the chart with the ratings you just made",
                                             layout=widgets.Layout(width="max-content"))
        self.chart = widgets.Output()
        self.figure = None  # the figure last drawn in `chart`
        self.save_button = widgets.Button(description="Save my reconnect list", button_style="success",
                                          tooltip=f"Write {LIST_NAME} to your data folder",
                                          layout=widgets.Layout(width="max-content"))
        self.save_message = widgets.HTML()
        self.refresh_button.on_click(lambda _: self.refresh())
        self.save_button.on_click(lambda _: self.save())
        self.widget = widgets.VBox([
            _section("1. Rate the people you know", "reconnect-tagger", [self.tagger.widget]),
            _section("2. See your gap", "reconnect-gap", [self.refresh_button, self.chart]),
            _section("3. Save your reconnect list", "reconnect-save", [self.save_button, self.save_message]),
        ])
        self.introductions = IntroductionsView(network, store)  # its own module: helpers/workbook/introductions_view.py
        self.widget.children += (_section("4. Introductions your network can make", "reconnect-introductions-section",
                                          [self.introductions.widget]),)
        self.refresh()

    def _ipython_display_(self):
        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        """Redraw the gap heatmap from the store as it is now (before any rating: what to do, in the app's words)."""
        gap = gap_table(self.network, self.store)
        self.figure = charts.gap_heatmap(gap)
        if not charts.has_ratings(gap):
            self.figure = charts.message_figure(self.figure.layout.title.text, RATE_FIRST)
        self.chart.clear_output(wait=True)
        with self.chart:
            display(self.figure)

    def save(self) -> Path | None:
        """Write the ranked list to <data folder>/reconnect.csv and say where; None when there is nothing to save."""
        listing = reconnect_list(self.network, self.store)
        if listing.empty:
            self.save_message.value = self._nothing_to_save()
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        path = write_reconnect_csv(listing, self.folder / LIST_NAME)
        self.save_message.value = (f"Saved {plural(len(listing), 'person')} to "
                                   f"<code>{escape(str(path))}</code>. It opens in any spreadsheet.")
        return path

    def _nothing_to_save(self) -> str:
        anyone_rated = charts.has_ratings(gap_table(self.network, self.store))
        return escape(NOBODY_TO_RANK if anyone_rated else NOBODY_RATED)
