"""`make pictures` (tools/make_pictures.py) still produces the README's two pictures, and neither is blank."""
import subprocess
import sys

import pytest

from browser_checks import MIN_INK, require_browser
from tools import browser

pytestmark = pytest.mark.browser


def test_make_pictures_writes_the_gap_chart_and_the_tagger(tmp_path):
    require_browser()
    script = browser.ROOT / "tools" / "make_pictures.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], capture_output=True, text=True,
                          timeout=browser.WAIT_S * 2)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("gap-chart.png", "tagger.png"):
        share = browser.ink((tmp_path / name).read_bytes())
        assert share >= MIN_INK, f"{name} looks blank ({share:.2%} drawn)"
