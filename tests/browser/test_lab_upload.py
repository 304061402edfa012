"""In JupyterLab: a 100 MB export through notebook 00's upload button, and keyboard tagging in notebook 02
that never sets off JupyterLab's own shortcuts (in command mode a digit turns a cell into a heading).

One JupyterLab server (its own settings, a throw-away RECONNECT_DATA_DIR) on a fresh copy of notebooks/.
The 100 MB zip is the sample padded with an incompressible media member, made in tmp and never committed.
"""
import hashlib
import re

import pandas as pd
import pytest

import helpers
from browser_checks import assert_no_errors, require_browser
from test_voila_app import big_export
from tools import browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    require_browser()
    with browser.lab_on_a_copy(tmp_path_factory.mktemp("lab-upload")) as (server, data_dir):
        with browser.chromium() as context:
            yield server, data_dir, context


def opened(lab, name: str):
    server, _, context = lab
    path = f"notebooks/{name}"
    browser.delete_sessions(server, path)
    page = context.new_page()
    browser.open_in_lab(page, server, path)
    browser.run_all(page)
    return page


def test_a_100_mb_zip_uploads_from_notebook_00(lab, tmp_path):
    _, data_dir, _ = lab
    big = big_export(tmp_path)
    page = opened(lab, "00-start-here.ipynb")
    assert_no_errors(page, "notebook 00")
    with page.expect_file_chooser() as chooser:
        page.locator(".reconnect-upload-button").click()
    chooser.value.set_files(str(big))
    message = page.locator(".reconnect-upload-message", has_text=re.compile(f"{big.name} is in"))
    message.wait_for(timeout=browser.WAIT_S * 1000)
    assert "Run All" in message.inner_text()
    kept = data_dir / big.name
    assert hashlib.sha256(kept.read_bytes()).digest() == hashlib.sha256(big.read_bytes()).digest()
    assert helpers.choose_export(private_dir=data_dir).path == kept
    assert_no_errors(page, "notebook 00 after the upload")
    page.close()


def cell_kinds(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell')]
        .map(cell => cell.classList.contains('jp-MarkdownCell') ? 'markdown' : 'code')""")


def test_keys_tag_in_notebook_02_and_never_change_a_cell(lab):
    _, data_dir, _ = lab
    page = opened(lab, "02-tag-know-like-trust.ipynb")
    kinds = cell_kinds(page)
    pad = page.locator(".reconnect-keypad").first
    pad.click()
    for key in ["3", "A", "1", "S", "ArrowLeft", "ArrowRight", "2"]:
        page.keyboard.press(key)
    page.locator(".widget-html", has_text=re.compile(r"Saved: .*relationship 2 · Like")).first.wait_for()
    assert cell_kinds(page) == kinds, "a key press changed a cell (JupyterLab's command-mode shortcut ran)"
    store = helpers.TagStore(data_dir / "tags.sqlite")
    try:
        tags = store.current()
    finally:
        store.close()
    got = sorted((int(r), None if pd.isna(b) else int(b)) for r, b in zip(tags["relationship"], tags["business"]))
    assert got == [(1, 1), (2, None), (3, 0)], "3 A, 1 S (two cards), back, forward, 2 (a third card, half done)"
    assert_no_errors(page, "notebook 02 after keys")
    page.close()
