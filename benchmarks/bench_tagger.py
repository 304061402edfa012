"""How fast is the tagger with a big network? (issue 3: next card <= 50 ms, bulk tag of 10,000 <= 1 s)

Builds a Complete export with 30,000 connections (the synthetic sample generator) and a TagStore,
both in a temporary folder, then times, best of N, in one process (as in a kernel, without a browser):
  next card  = a Skip click until the next card's HTML, suggestion, buttons and progress are set
  tag + next = a relationship click and a business click on a card (two saves, then the next card)
  search     = typing one more letter in the search box until the list and first card are redrawn
  bulk tag   = "Tag all 10,000 in this list": the confirm click (one store.tag_many) and the redraw
  next card again, once the store holds 20,000 tags
Usage: python benchmarks/bench_tagger.py [--connections N] [--messages M] [--bulk B] [--repeat R] [--in-kernel]
--in-kernel runs the same inside a Jupyter kernel, where every widget change is also sent as a comm message.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

import helpers
from helpers.export.sample import write_export_zip
from helpers.tags.tag_store import TagStore
from helpers.workbook.tagger import tagger

NEXT_CARD_GOAL, BULK_GOAL = 0.050, 1.0


def best_of(repeat: int, prepare, work) -> float:
    """Fastest of `repeat` runs of `work`, each after an untimed `prepare`."""
    times = []
    for _ in range(repeat):
        prepare()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def time_next_card(app, repeat: int) -> float:
    return best_of(repeat, lambda: None, app.skip_button.click)


def time_tag_and_next(app, repeat: int) -> float:
    def tag_both():
        app.relationship_buttons[1].click()
        app.business_buttons[1].click()
    return best_of(repeat, lambda: None, tag_both)


def time_search(app, repeat: int) -> float:
    texts = iter(["a", "an"] * repeat)
    return best_of(repeat * 2, lambda: None, lambda: setattr(app.search_box, "value", next(texts)))


def time_bulk(app, store, size: int, repeat: int) -> float:
    """Each run tags a fresh slice of `size` untagged people, so every run really writes."""
    app.order_dropdown.value = "newest"
    app.untagged_only.value = True

    repeat = max(1, min(repeat, len(app.bulk_targets()) // size))  # enough untagged people for each run

    def ask():
        app._list = app._list[:size]  # "this list" = exactly `size` people (no search gives a round number)
        app.bulk_button.click()
        assert app.bulk_confirm_button.description == f"Yes, tag {size:,}"
    return best_of(repeat, ask, app.bulk_confirm_button.click)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--bulk", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--in-kernel", action="store_true")
    args = parser.parse_args()
    if args.in_kernel:
        return run_in_kernel([arg for arg in sys.argv[1:] if arg != "--in-kernel"])
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = write_export_zip(Path(tmp) / "Complete_LinkedInDataExport_11-20-2026.zip",
                                    connections=args.connections, messages=args.messages)
        network = helpers.load_export(zip_path)
        store = TagStore(Path(tmp) / "tags.sqlite")
        start = time.perf_counter()
        app = tagger(network, store)
        opened = time.perf_counter() - start
        next_card = time_next_card(app, args.repeat * 10)
        tag_and_next = time_tag_and_next(app, args.repeat * 10)
        search = time_search(app, args.repeat)
        app.search_box.value = ""
        bulk = time_bulk(app, store, args.bulk, args.repeat)
        app.untagged_only.value = False
        next_card_full = time_next_card(app, args.repeat * 10)
        counts = store.counts()
        store.close()
    print(f"network: {len(network.connections):,} contacts, "
          f"{0 if network.messages is None else len(network.messages):,} messages")
    report("open the tagger (build tables, first card)", opened)
    report("next card (Skip click -> card rendered)", next_card, NEXT_CARD_GOAL)
    report("tag both scales -> next card (two saves)", tag_and_next)
    report("search (one more letter -> list and card)", search)
    report(f"bulk tag of {args.bulk:,} (confirm click -> redrawn)", bulk, BULK_GOAL)
    report(f"next card, {counts['tagged']:,} tags in the store", next_card_full, NEXT_CARD_GOAL)


def run_in_kernel(argv: list[str]) -> None:
    """Run this benchmark in a fresh ipykernel and print what it prints."""
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        code = f"import sys, runpy; sys.argv = {[__file__] + argv!r}; runpy.run_path({__file__!r}, run_name='__main__')"
        client.execute_interactive(code, timeout=600, output_hook=_print_output)
    finally:
        client.stop_channels()
        manager.shutdown_kernel()


def _print_output(message: dict) -> None:
    if message["msg_type"] == "stream":
        print(message["content"]["text"], end="")
    elif message["msg_type"] == "error":
        print("\n".join(message["content"]["traceback"]))


def report(what: str, seconds: float, goal: float | None = None) -> None:
    verdict = "" if goal is None else f"  (goal <= {goal * 1000:,.0f} ms)  {'OK' if seconds <= goal else 'TOO SLOW'}"
    print(f"{what:<50} {seconds * 1000:8.1f} ms{verdict}")

if __name__ == "__main__":
    main()
