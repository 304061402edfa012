"""The README's pictures: the gap chart and the tagger card, from the sample network, as the app shows them.

    python tools/make_pictures.py        # (make pictures) writes docs/images/gap-chart.png and docs/images/tagger.png

Rates a fixed set of sample contacts in a throw-away data folder (the twelve story Johns, and 60
others spread over the grid), serves the app (app/reconnect-app.ipynb) with Voilà, and screenshots
it in Debian's headless Chromium. Same ratings, same pictures. Needs /usr/bin/chromium.
"""
import argparse
import random
import sys
import tempfile
from pathlib import Path

import helpers
from helpers.export.sample import STORY_SLUGS

from browser import ROOT, chromium, missing_browser, open_app_page, voila_server, wait_for_plots

OUT = ROOT / "docs" / "images"
STORY_TAGS = [(3, 0), (3, 1), (2, 0), (2, 1)]  # the Johns, in turn
OTHERS = {  # (relationship, business): how many other contacts rated so; 60 in all
    (0, 0): 8, (0, 1): 6, (1, 0): 5, (1, 1): 9, (1, 2): 5, (1, 3): 1, (2, 0): 3,
    (2, 1): 4, (2, 2): 5, (2, 3): 2, (3, 0): 1, (3, 1): 2, (3, 2): 4, (3, 3): 5,
}
WIDTH, SCALE = 1000, 2  # CSS pixels wide, at twice the density: crisp on any screen


def rate_sample(data_dir: Path) -> None:
    """The same ratings every time: the story Johns, then a seeded sample of everyone else."""
    network = helpers.load_export(helpers.workbook.data_folder.SAMPLE)
    store = helpers.TagStore(data_dir / "tags.sqlite")
    for number, slug in enumerate(STORY_SLUGS):
        relationship, business = STORY_TAGS[number % len(STORY_TAGS)]
        store.tag(slug, relationship=relationship, business=business)
    others = sorted(set(network.connections["contact_id"]) - set(STORY_SLUGS))
    chosen = iter(random.Random(20261120).sample(others, sum(OTHERS.values())))
    for (relationship, business), count in OTHERS.items():
        for _ in range(count):
            store.tag(next(chosen), relationship=relationship, business=business)
    store.close()


def tagger_box(page) -> dict:
    """From the "Card 1 of N" line to the progress line, as wide as the card: the tagger worth a picture."""
    tagger = page.locator(".reconnect-tagger")
    first_line = tagger.locator(".widget-html", has_text="in this list").first.bounding_box()
    card = tagger.locator(".widget-html", has_text="Your tags:").locator("div[style*='border']").first.bounding_box()
    progress = tagger.locator(".widget-label", has_text="so far").first.bounding_box()
    left, top = first_line["x"] - 12, first_line["y"] - 12
    return {"x": left, "y": top, "width": card["x"] + card["width"] + 12 - left,
            "height": progress["y"] + progress["height"] + 4 - top}


def take_pictures(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="reconnect-pictures-") as home:
        home = Path(home)
        (home / "data").mkdir()
        rate_sample(home / "data")
        with voila_server(ROOT / "app" / "reconnect-app.ipynb", home / "data", home) as server, \
                chromium(width=WIDTH, height=1400, scale=SCALE) as context:
            page = open_app_page(context, server.url)
            page.wait_for_selector(".reconnect-gap .heatmaplayer image")
            [chart] = wait_for_plots(page, ".reconnect-gap")
            out.mkdir(parents=True, exist_ok=True)
            chart.screenshot(path=str(out / "gap-chart.png"))
            page.locator(".reconnect-tagger").scroll_into_view_if_needed()
            page.screenshot(path=str(out / "tagger.png"), clip=tagger_box(page))
    print(f"Wrote {out / 'gap-chart.png'} and {out / 'tagger.png'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the PNGs (default {OUT})")
    args = parser.parse_args()
    reason = missing_browser()
    if reason:
        sys.exit(f"Cannot take the pictures: {reason}")
    take_pictures(args.out)


if __name__ == "__main__":
    main()
