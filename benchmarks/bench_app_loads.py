"""How often does the app's page in Voilà never finish loading? (docs/room-server.md, "Known issue")

For each of N pages: a fresh Voilà serving app/reconnect-app.ipynb (as `make app` does, on a throw-away
data folder), headless Chromium opens it and waits for the app's last section. A page that does not load
within 60 s counts as stuck; what it showed is printed, and with `py-spy` on PATH, the stacks of Voilà and
its kernel are written beside it. Prints seconds to the app for the others.

Usage: python benchmarks/bench_app_loads.py [--pages 40]
"""
import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: tools/ is the repo's

from tools import browser  # noqa: E402

APP = ROOT / "app" / "reconnect-app.ipynb"
STUCK_S = 60


def stacks(server, folder: Path) -> None:
    """py-spy dumps of Voilà and its kernels, when py-spy is installed."""
    if not shutil.which("py-spy"):
        return
    kernels = subprocess.run(["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True).stdout.split()
    dumps = [subprocess.run(["py-spy", "dump", "--pid", pid], capture_output=True, text=True).stdout
             for pid in [str(server.process.pid), *kernels]]
    (folder / "stacks.txt").write_text("\n".join(dumps))


def open_once(number: int) -> float | None:
    """Seconds to the app's last section, or None (and a note) when the page stuck."""
    folder = Path(tempfile.mkdtemp(prefix="app-load-"))
    (folder / "data").mkdir()
    with browser.voila_server(APP, folder / "data", folder) as server, browser.chromium() as context:
        page = context.new_page()
        started = time.perf_counter()
        try:
            page.goto(server.url, timeout=STUCK_S * 1000)
            page.wait_for_selector(".reconnect-habit .widget-button", timeout=STUCK_S * 1000)
        except Exception:  # playwright's TimeoutError: the page stuck
            shown = page.evaluate("() => document.body ? document.body.innerText.slice(0, 200) : ''")
            stacks(server, folder)
            print(f"page {number}: STUCK, showing {shown!r}; Voilà's log and any stacks in {folder}", flush=True)
            return None
    shutil.rmtree(folder, ignore_errors=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    missing = browser.missing_browser()
    if missing:
        sys.exit(missing)
    loaded = [seconds for seconds in (open_once(n) for n in range(1, args.pages + 1)) if seconds is not None]
    stuck = args.pages - len(loaded)
    print(f"{stuck} of {args.pages} pages stuck; the others loaded in {statistics.median(loaded):.1f} s "
          f"(median), {max(loaded):.1f} s at most" if loaded else f"all {args.pages} pages stuck")


if __name__ == "__main__":
    main()
