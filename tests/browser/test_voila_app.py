"""The app view (app/reconnect-app.ipynb) in Voilà, in headless Chromium, used as a person would.

Voilà serves the app as `make app` does, with RECONNECT_DATA_DIR a throw-away folder. The journey:
the page opens on the sample (amber banner), no code, no error; the person uploads the sample zip
through the file chooser (it lands in the data folder, the banner turns to "YOUR export"); tags 50
contacts with the keyboard (two keys each); refreshes the chart (the heatmap appears); plans the
first three of the ranked list (rows show why and opener); downloads reconnect.csv and
coffee-chats.ics (parsed: same people as the helpers' list, three events); logs one chat and sees
the progress chart move. A second test: a 100 MB zip goes through the same button in slices, and
an unreadable file is refused with the reader's message while the previous export stays. A third:
the introductions section (the sample's demo until you log chats), a question answered, and a click
on the tagger's "where from" row saved.
Screenshots: build/screenshots/voila-*.png.
"""
import hashlib
import re

import icalendar
import pandas as pd
import pytest

import helpers
from helpers.export.sample import write_padded_export
from browser_checks import MIN_INK, assert_no_errors, assert_plots_drawn, require_browser
from tools import browser

pytestmark = pytest.mark.browser
APP = browser.ROOT / "app" / "reconnect-app.ipynb"
SAMPLE = helpers.workbook.data_folder.SAMPLE
SCREENSHOTS = browser.ROOT / "build" / "screenshots"
SCROLLER = "#rendered_cells"  # Voilà's scrolling panel
RATINGS = [("3", "a"), ("2", "s"), ("1", "d"), ("0", "f"), ("2", "a")]  # key pairs, round robin: some Johns


@pytest.fixture
def voila(tmp_path):
    """(server, data folder): Voilà serving the app on a fresh data folder."""
    require_browser()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with browser.voila_server(APP, data_dir, tmp_path) as server:
        yield server, data_dir


@pytest.fixture
def page(voila):
    server, _ = voila
    with browser.chromium() as context:
        page = browser.open_app_page(context, server.url)
        page.wait_for_selector(".reconnect-habit .widget-button")
        yield page


def click(page, section: str, name: str) -> None:
    page.locator(f".reconnect-{section}").get_by_role("button", name=name, exact=True).click()


def wait_for_text(page, selector: str, pattern: str, timeout_s: float = browser.WAIT_S) -> str:
    found = page.locator(selector, has_text=re.compile(pattern)).first
    found.wait_for(timeout=timeout_s * 1000)
    return found.inner_text()


def upload(page, path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".reconnect-upload-button").click()
    chooser.value.set_files(str(path))


def open_store(data_dir):
    return helpers.TagStore(data_dir / "tags.sqlite")


def test_the_whole_journey(page, voila):
    _, data_dir = voila
    assert page.locator(".cm-editor, .jp-InputArea-editor").count() == 0, "the app shows code"
    assert_no_errors(page, "the app")
    assert "SAMPLE network" in page.inner_text("body")
    assert page.locator(".reconnect-gap .heatmaplayer image").count() == 0, "a heatmap before any rating"
    browser.screenshot_whole(page, SCREENSHOTS / "voila-1-opened.png", SCROLLER)

    # 1. Bring the export: the sample zip, through the file chooser.
    upload(page, SAMPLE)
    wait_for_text(page, ".reconnect-upload-message", f"{SAMPLE.name} is in")
    assert (data_dir / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    assert "Using YOUR export" in page.inner_text("body")
    assert "You have no ratings yet" in page.inner_text(".reconnect-upload-message")

    # 2. Tag 50 contacts by keyboard: two keys each, the card moves on by itself.
    page.wait_for_selector(".reconnect-keypad")
    assert "0 1 2 3" in page.inner_text(".reconnect-keypad"), "the page says which keys"
    first_card = page.locator(".reconnect-tagger .widget-html").nth(1).inner_text()
    for number in range(50):
        for key in RATINGS[number % len(RATINGS)]:
            page.keyboard.press(key.upper() if key.isalpha() else key)
    wait_for_text(page, ".reconnect-tagger .widget-label", r"^Tagged 50 of ")
    store = open_store(data_dir)
    tags = store.current()
    assert len(tags) == 50 and tags["relationship"].notna().all() and tags["business"].notna().all()
    assert len(store.history()) == 100, "one saved change per key press (no listener left from before the upload)"
    assert_no_errors(page, "the app after 100 key presses")
    assert page.locator(".reconnect-tagger .widget-html").nth(1).inner_text() != first_card

    # 3. The chart changes on Refresh.
    click(page, "gap", "Refresh the chart")
    page.wait_for_selector(".reconnect-gap .heatmaplayer image")
    # the Output widget's box, not the plot node: plotly may replace its node while the page settles
    drawn = browser.ink(page.locator(".reconnect-gap .widget-output").first.screenshot())
    assert drawn >= MIN_INK, f"the refreshed chart looks blank ({drawn:.2%} drawn)"

    # 4. The ranked list with why and opener (and what its order means); plan the first three.
    wait_for_text(page, ".reconnect-list", "Johns come first")
    rows = page.locator(".reconnect-list .reconnect-row")
    rows.first.wait_for()
    assert rows.count() == 10 and "Hi " in rows.first.inner_text() and "connected" in rows.first.inner_text()
    click(page, "list", "Plan the first three")
    wait_for_text(page, ".reconnect-list .widget-html", r"^Planned: ")
    planned = [cid for cid, status in store.current()["status"].items() if status == "planned"]
    assert len(planned) == 3

    # 5. Downloads: the same content as the helpers write.
    network = helpers.load_export(data_dir / SAMPLE.name)
    expected = helpers.reconnect_list(network, store)
    with page.expect_download() as download:
        click(page, "downloads", "Download reconnect.csv")
    assert download.value.suggested_filename == "reconnect.csv"
    back = pd.read_csv(download.value.path(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(expected.columns)
    assert list(back["contact_id"]) == list(expected["contact_id"])
    with page.expect_download() as download:
        click(page, "downloads", "Download coffee-chats.ics")
    assert download.value.suggested_filename == "coffee-chats.ics"
    calendar = icalendar.Calendar.from_ical(open(download.value.path(), "rb").read())
    events = [event for event in calendar.walk("VEVENT")]
    names = set(expected.set_index("contact_id").loc[planned, "full_name"])
    assert len(events) == 3 and all(any(name in str(e["SUMMARY"]) for name in names) for e in events)
    browser.screenshot_whole(page, SCREENSHOTS / "voila-2-planned.png", SCROLLER)

    # 6. Keep the habit: log one chat, the progress chart moves.
    habit = page.locator(".reconnect-habit")
    before = progress_words(page)
    assert "you know what 0 of 50 people do" not in before and "of 50 people do" in before
    habit.locator("textarea").first.fill("They run the logistics side of a food wholesaler.")
    click(page, "habit", "Save this chat")
    wait_for_text(page, ".reconnect-habit .widget-html", r"^Saved\. You now know")
    page.wait_for_function(f"() => ({PROGRESS_WORDS}) !== {before!r}", polling=250)
    assert len(store.chats()) == 1
    known = lambda words: int(re.search(r"you know what (\d+) of 50 people do", words).group(1))
    assert known(progress_words(page)) == known(before) + 1, "the chat raised one person's business knowledge"
    assert_no_errors(page, "the app at the end")
    store.close()
    browser.screenshot_whole(page, SCREENSHOTS / "voila-3-habit.png", SCROLLER)


PROGRESS_WORDS = "[...document.querySelectorAll('.reconnect-progress svg text')].map(n => n.textContent).join(' | ')"


def progress_words(page) -> str:
    """Every word drawn in the progress chart (its subtitle says how many people you know what they do)."""
    page.wait_for_selector(".reconnect-progress svg text")
    return page.evaluate(f"() => {PROGRESS_WORDS}")


def big_export(tmp_path, megabytes: int = 100):
    """The sample, padded with an incompressible media file to `megabytes`: big, and still a readable export."""
    return write_padded_export(tmp_path / "Complete_LinkedInDataExport_12-01-2026.zip", megabytes)


def test_a_100_mb_zip_goes_through_and_a_bad_file_changes_nothing(page, voila, tmp_path):
    _, data_dir = voila
    big = big_export(tmp_path)
    assert big.stat().st_size > 100_000_000
    upload(page, big)
    wait_for_text(page, ".reconnect-upload-message", f"{big.name} is in")
    kept = data_dir / big.name
    assert hashlib.sha256(kept.read_bytes()).digest() == hashlib.sha256(big.read_bytes()).digest()

    bad = tmp_path / "Complete_LinkedInDataExport_12-02-2026.zip"
    bad.write_bytes(b"PK but not really a zip" * 1000)
    upload(page, bad)
    message = wait_for_text(page, ".reconnect-upload-message", "could not be used")
    assert "nothing changed" in message and "not a zip" in message
    assert not (data_dir / bad.name).exists() and kept.exists()
    assert f"Using YOUR export {big.name}" in page.inner_text("body")
    assert_no_errors(page, "the app after a bad upload")


def test_a_person_asks_for_an_introduction_and_marks_where_from(page, voila):
    """The introductions section (the sample's demo until you log chats) and the tagger's "where from" row."""
    _, data_dir = voila
    click(page, "introductions", "Suggest introductions")
    suggestions = wait_for_text(page, ".reconnect-introductions", "matching words")
    assert "John Whitaker" in suggestions and "Emre Patel" in suggestions
    section = page.locator(".reconnect-introductions")
    section.locator("summary").first.click()
    assert section.get_by_text("only connect you if you both say yes").first.is_visible()
    section.locator("input[type=text]").fill("cold storage")
    click(page, "introductions", "Can you introduce me?")
    answer = wait_for_text(page, ".reconnect-introductions", "Can you introduce me to “cold storage”")
    assert "John Whitaker" in answer and "Harborline Holdings" in answer
    assert_plots_drawn(page, "Johns by context", ".reconnect-introductions")

    click(page, "tagger", "neighbour")
    wait_for_text(page, ".reconnect-tagger", r"where from: neighbour")
    store = open_store(data_dir)
    try:
        placed = store.current()["contexts"].dropna()
    finally:
        store.close()
    assert list(placed) == ["neighbour"]
    assert_no_errors(page, "the app")
    browser.screenshot_whole(page, SCREENSHOTS / "voila-4-introductions.png", SCROLLER)
