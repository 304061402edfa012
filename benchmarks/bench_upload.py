"""How long a big export takes to come in through "Choose your LinkedIn zip", in Voilà and in JupyterLab.

A zip of `--megabytes` (the sample padded with an incompressible media member) is chosen in headless
Chromium (Debian's) through the app's button (Voilà) and notebook 00's (JupyterLab). Timed: from the file
chosen to the page saying "<name> is in" (sent in 2 MiB slices, each acknowledged, then read with
load_export and moved into the data folder). Each server has its default settings (websocket messages
up to 10 MiB): the slices never come near that.
Usage: python benchmarks/bench_upload.py [--megabytes 100]
"""
import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.export.sample import write_padded_export  # noqa: E402
from helpers.workbook.upload import CHUNK_BYTES  # noqa: E402
from tools import browser  # noqa: E402


def timed_upload(page, zip_path: Path) -> float:
    with page.expect_file_chooser() as chooser:
        page.locator(".reconnect-upload-button").first.click()
    started = time.perf_counter()
    chooser.value.set_files(str(zip_path))
    page.locator(".reconnect-upload-message", has_text=re.compile(f"{zip_path.name} is in")).first.wait_for(
        timeout=600_000)
    return time.perf_counter() - started


def in_voila(zip_path: Path, home: Path) -> float:
    (home / "data").mkdir()
    with browser.voila_server(ROOT / "app" / "reconnect-app.ipynb", home / "data", home) as server, \
            browser.chromium() as context:
        page = context.new_page()
        page.goto(server.url)
        page.wait_for_selector(".reconnect-upload-button", timeout=600_000)
        return timed_upload(page, zip_path)


def in_lab(zip_path: Path, home: Path) -> float:
    with browser.lab_on_a_copy(home) as (server, _), browser.chromium() as context:
        page = context.new_page()
        browser.open_in_lab(page, server, "notebooks/00-start-here.ipynb")
        browser.run_all(page)
        return timed_upload(page, zip_path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args(argv)
    reason = browser.missing_browser()
    if reason:
        print(f"cannot run: {reason}")
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-upload-") as folder:
        folder = Path(folder)
        zip_path = write_padded_export(folder / "Complete_LinkedInDataExport_12-01-2026.zip", args.megabytes)
        size = zip_path.stat().st_size
        print(f"{size / 1e6:,.1f} MB zip in slices of {CHUNK_BYTES / 2**20:.0f} MiB ({-(-size // CHUNK_BYTES)} slices):\n")
        print("| where | chosen -> \"is in\" | throughput |")
        print("|---|---|---|")
        for name, run in (("Voilà (make app)", in_voila), ("JupyterLab, notebook 00", in_lab)):
            (folder / name[:4]).mkdir()
            seconds = run(zip_path, folder / name[:4])
            print(f"| {name} | {seconds:.1f} s | {size / 1e6 / seconds:,.0f} MB/s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
