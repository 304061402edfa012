"""Every notebook, opened fresh in JupyterLab in headless Chromium and run as a person would.

One JupyterLab server for the module serves a copy of notebooks/ (JupyterLab autosaves what it
runs); its RECONNECT_DATA_DIR is a throw-away folder, so the notebooks read the sample network and
write tags and lists there, never in data/private/. For each notebook: Run → Run All Cells, wait
until every code cell has run, then check that no error shows and every plot is drawn and not
blank. Notebook 02: clicking the tagger's buttons saves a tag in the store. Notebook 04: the CSV
export writes its file. Notebook 06: the demo's introductions show, with their drafts. A screenshot of each notebook goes to build/screenshots/lab-<name>.png.
"""
import re
import time

import pandas as pd
import pytest

import helpers
from browser_checks import assert_no_errors, assert_plots_drawn, require_browser
from tools import browser

pytestmark = pytest.mark.browser
NOTEBOOKS = sorted(path.name for path in (browser.ROOT / "notebooks").glob("*.ipynb"))
SCREENSHOTS = browser.ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """(server, data folder): JupyterLab on a fresh copy of the notebooks."""
    require_browser()
    with browser.lab_on_a_copy(tmp_path_factory.mktemp("lab")) as lab:
        yield lab


@pytest.fixture(scope="module")
def context(lab):
    with browser.chromium() as context:
        yield context


@pytest.fixture
def run_notebook(lab, context):
    """Open a notebook in a new tab, run all its cells, yield the page; end its kernel afterwards."""
    server, _ = lab
    pages = []

    def run(name: str):
        path = f"notebooks/{name}"
        browser.delete_sessions(server, path)
        page = context.new_page()
        pages.append((page, path))
        browser.open_in_lab(page, server, path)
        hide_file_browser(page)
        browser.run_all(page)
        return page

    yield run
    for page, path in pages:
        page.close()
        browser.delete_sessions(server, path)


def hide_file_browser(page) -> None:
    """Click the open left-sidebar tab so the notebook gets the screenshot's width."""
    current = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current.count():
        current.first.click()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_clean_in_jupyterlab(name, run_notebook, lab):
    started = time.time()
    page = run_notebook(name)
    assert_no_errors(page, name)
    assert_plots_drawn(page, name)
    extra_check = EXTRA_CHECKS.get(name[:2])
    if extra_check:
        extra_check(page, lab[1], started)
        assert_no_errors(page, name)
    browser.screenshot_whole(page, SCREENSHOTS / f"lab-{name.removesuffix('.ipynb')}.png",
                             ".jp-NotebookPanel .jp-WindowedPanel-outer")


def tagger_click_saves_a_tag(page, data_dir, started) -> None:
    """02: a Relationship button and a Business button on the card; the tag is then in the store."""
    page.get_by_role("button", name="3 · Trust", exact=True).first.click()
    page.get_by_role("button", name="0 · No idea", exact=True).first.click()
    status = page.locator(".widget-html", has_text=re.compile(r"Saved .*0 · No idea")).first
    status.wait_for()
    store = helpers.TagStore(data_dir / "tags.sqlite")
    try:
        tags = store.current()
    finally:
        store.close()
    johns = tags[(tags["relationship"] == 3) & (tags["business"] == 0)]
    assert len(johns) == 1, f"expected one contact tagged Trust × No idea, found:\n{tags}"
    people = helpers.load_export(helpers.workbook.data_folder.SAMPLE).connections.set_index("contact_id")
    assert people.at[johns.index[0], "full_name"] in status.inner_text()


def csv_export_writes_its_file(page, data_dir, started) -> None:
    """04: reconnect.csv is (re)written in the data folder, with the list's columns and rows."""
    path = data_dir / "reconnect.csv"
    assert path.exists() and path.stat().st_mtime >= started - 1, "notebook 04 wrote no reconnect.csv"
    network = helpers.load_export(helpers.workbook.data_folder.SAMPLE)
    store = helpers.TagStore(data_dir / "tags.sqlite")
    try:
        expected = helpers.reconnect_list(network, store, top=20)
    finally:
        store.close()
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(expected.columns)
    assert list(back["contact_id"]) == list(expected["contact_id"])


def introductions_are_suggested_with_drafts(page, data_dir, started) -> None:
    """06: no chats in the fresh store, so the sample's demo: suggestions with reasons, opt-in drafts,
    the Johns-by-context chart; and the person's own store got no chat from it."""
    body = page.locator(".jp-NotebookPanel").inner_text()
    assert "SAMPLE network's demo" in body
    assert "matching words: roofs" in body and "only connect you if you both say yes" in body
    assert "OK: 4 suggestions" in body
    store = helpers.TagStore(data_dir / "tags.sqlite")
    try:
        assert store.chats().empty, "the demo wrote chats into the person's own store"
    finally:
        store.close()


EXTRA_CHECKS = {"02": tagger_click_saves_a_tag, "04": csv_export_writes_its_file,
                "06": introductions_are_suggested_with_drafts}
