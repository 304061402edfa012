"""What the browser tests check on any page: a browser to run in, no error shown, every plot drawn."""
import os

import pytest

from tools import browser

MIN_INK = 0.01  # a drawn plot covers well over 1% of its box (a one-sentence message figure: ~3%)


def require_browser() -> None:
    """Skip when Chromium or Playwright is missing; fail instead when REQUIRE_BROWSER=1 (as in CI)."""
    reason = browser.missing_browser()
    if reason is None:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1, but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


def assert_no_errors(page, where: str) -> None:
    errors = browser.error_texts(page)
    assert not errors, f"{where} shows an error:\n" + "\n---\n".join(text[-2000:] for text in errors)


def assert_plots_drawn(page, where: str, container: str = "body") -> int:
    """Every plotly figure under `container` has drawn and is not blank; returns how many there are."""
    plots = browser.wait_for_plots(page, container)
    for number, plot in enumerate(plots, 1):
        share = browser.ink(plot.screenshot())
        assert share >= MIN_INK, f"{where}: plot {number} of {len(plots)} looks blank ({share:.2%} drawn)"
    return len(plots)
