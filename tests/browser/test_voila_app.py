"""The app view (app/reconnect-app.ipynb) in Voilà, in headless Chromium, used as a person would.

Voilà serves the app as `make app` does, with RECONNECT_DATA_DIR a throw-away folder (so the
sample network, a fresh tag store). The story: the page shows no code and no error, the chart
says to rate people first and Save says nobody is rated yet; clicking Trust and No idea on the
tagger's card saves a tag; Refresh draws the heatmap; Save writes reconnect.csv and says where.
Then the introductions section: the demo's suggestions and drafts, a question answered, and a click
on the tagger's "where from" row saved.
Screenshots: build/screenshots/voila-1-opened.png, voila-2-saved.png, voila-3-introductions.png.
"""
import re

import pandas as pd
import pytest

import helpers
from browser_checks import assert_no_errors, assert_plots_drawn, require_browser
from tools import browser

pytestmark = pytest.mark.browser
APP = browser.ROOT / "app" / "reconnect-app.ipynb"
SCREENSHOTS = browser.ROOT / "build" / "screenshots"
SCROLLER = "#rendered_cells"  # Voilà's scrolling panel


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """(server, data folder): Voilà serving the app."""
    require_browser()
    home = tmp_path_factory.mktemp("voila")
    data_dir = home / "data"
    data_dir.mkdir()
    with browser.voila_server(APP, data_dir, home) as server:
        yield server, data_dir


@pytest.fixture
def page(voila):
    server, _ = voila
    with browser.chromium() as context:
        page = context.new_page()
        page.goto(server.url)
        page.wait_for_selector(".reconnect-save button")
        yield page


def click(page, section: str, name: str) -> None:
    page.locator(f".reconnect-{section}").get_by_role("button", name=name, exact=True).click()


def wait_for_text(page, section: str, pattern: str) -> str:
    found = page.locator(f".reconnect-{section} .widget-html", has_text=re.compile(pattern)).first
    found.wait_for()
    return found.inner_text()


def test_a_person_rates_refreshes_and_saves_the_list(page, voila):
    _, data_dir = voila
    # Opened: no code anywhere, no error, the chart says what to do first.
    assert page.locator(".cm-editor, .jp-InputArea-editor").count() == 0, "the app shows code"
    assert "import helpers" not in page.inner_text("body")
    assert_no_errors(page, "the app")
    assert "There was an error" not in page.inner_text("body")
    assert_plots_drawn(page, "the app's first chart", ".reconnect-gap")
    assert page.locator(".reconnect-gap .heatmaplayer image").count() == 0, "a heatmap before any rating"
    click(page, "save", "Save my reconnect list")
    wait_for_text(page, "save", "Nobody is rated yet")
    assert not (data_dir / "reconnect.csv").exists()
    browser.screenshot_whole(page, SCREENSHOTS / "voila-1-opened.png", SCROLLER)

    # The tagger: one click on each scale saves the tag.
    click(page, "tagger", "3 · Trust")
    click(page, "tagger", "0 · No idea")
    status = wait_for_text(page, "tagger", r"Saved .*0 · No idea")
    contact_id = the_one_john(data_dir)
    network = helpers.load_export(helpers.workbook.data_folder.SAMPLE)
    assert network.connections.set_index("contact_id").at[contact_id, "full_name"] in status

    # Refresh: the heatmap replaces the message.
    click(page, "gap", "Refresh the chart")
    page.wait_for_selector(".reconnect-gap .heatmaplayer image")
    assert_plots_drawn(page, "the refreshed chart", ".reconnect-gap")

    # Save: reconnect.csv in the data folder, and the page says where.
    click(page, "save", "Save my reconnect list")
    message = wait_for_text(page, "save", "Saved 1 person to")
    path = data_dir / "reconnect.csv"
    assert str(path) in message
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back["contact_id"]) == [contact_id]
    assert_no_errors(page, "the app")
    browser.screenshot_whole(page, SCREENSHOTS / "voila-2-saved.png", SCROLLER)


def the_one_john(data_dir) -> str:
    store = helpers.TagStore(data_dir / "tags.sqlite")
    try:
        tags = store.current()
    finally:
        store.close()
    assert len(tags) == 1 and (tags["relationship"].iloc[0], tags["business"].iloc[0]) == (3, 0), tags
    return tags.index[0]


def test_a_person_asks_for_an_introduction_and_marks_where_from(page, voila):
    """The introductions section (the sample's demo until you log chats) and the tagger's "where from" row."""
    _, data_dir = voila
    click(page, "introductions", "Suggest introductions")
    suggestions = wait_for_text(page, "introductions", "matching words")
    assert "John Whitaker" in suggestions and "Emre Patel" in suggestions
    section = page.locator(".reconnect-introductions")
    section.locator("summary").first.click()
    assert section.get_by_text("only connect you if you both say yes").first.is_visible()
    section.locator("input[type=text]").fill("cold storage")
    click(page, "introductions", "Can you introduce me?")
    answer = wait_for_text(page, "introductions", "Can you introduce me to “cold storage”")
    assert "John Whitaker" in answer and "Harborline Holdings" in answer
    assert_plots_drawn(page, "Johns by context", ".reconnect-introductions")

    click(page, "tagger", "neighbour")
    wait_for_text(page, "tagger", r"where from: neighbour")
    store = helpers.TagStore(data_dir / "tags.sqlite")
    try:
        placed = store.current()["contexts"].dropna()
    finally:
        store.close()
    assert list(placed) == ["neighbour"]
    assert_no_errors(page, "the app")
    browser.screenshot_whole(page, SCREENSHOTS / "voila-3-introductions.png", SCROLLER)
