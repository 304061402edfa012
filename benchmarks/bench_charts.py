"""Figure sizes and build times of every chart at 30,000 contacts with 5,000 rated (issue 4: ≤ 300 KB each).

Builds the synthetic export, rates 5,000 contacts in eight bulk steps (a realistic mix with Johns),
plans coffee chats for 400, then for each chart prints the figure JSON size (`len(fig.to_json())`,
what a notebook stores, before indentation) and the best-of-R build time. Also replays a year of
tag history (50,000 events over 365 days) to time the progress chart's replay on its own.

Usage: python benchmarks/bench_charts.py [--connections N] [--tagged T] [--repeat R]
"""
import argparse
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

import helpers
from helpers import charts
from helpers.export.sample import write_export_zip

from common import best_of, rate_mix

TARGET_KB = 300


def rated_store(folder: Path, contact_ids: list, count: int):
    store = helpers.TagStore(folder / "tags.sqlite")
    chosen = rate_mix(store, contact_ids, count)
    for contact, status in zip(chosen[:400], helpers.STATUSES * 100):
        store.set_status(contact, status)
    return store


def year_of_history(contacts: int = 5_000, events: int = 50_000) -> pd.DataFrame:
    """Synthetic tag events over 365 days, as `TagStore.history()` returns them."""
    rng = np.random.default_rng(7)
    days = pd.Timestamp("2026-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 365, events)), unit="D")
    return pd.DataFrame({"event_id": np.arange(1, events + 1), "contact_id": rng.integers(0, contacts, events).astype(str),
                         "field": rng.choice(["relationship", "business"], events),
                         "value": rng.integers(0, 4, events), "at": days})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--tagged", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        network = helpers.load_export(write_export_zip(folder / "export.zip", connections=args.connections,
                                                       messages=args.connections))
        store = rated_store(folder, network.connections["contact_id"].tolist(), args.tagged)
        gap = helpers.gap_table(network, store)
        builders = {
            "gap_heatmap": lambda: charts.gap_heatmap(gap),
            "cell_table (3 · Trust × 1)": lambda: charts.cell_table(gap, 3, 1),
            "connections_over_time": lambda: charts.connections_over_time(network),
            "top_companies": lambda: charts.top_companies(network),
            "tenure_bands": lambda: charts.tenure_bands(network),
            "reach (with Johns)": lambda: charts.reach(network, gap=gap),
            "johns_by_company": lambda: charts.johns_by_company(gap),
            "johns_by_tenure": lambda: charts.johns_by_tenure(gap),
            "progress": lambda: charts.progress(store),
            "chat_pipeline": lambda: charts.chat_pipeline(store),
        }
        rows = []
        for name, build in builders.items():
            seconds, fig = best_of(args.repeat, build)
            rows.append((name, len(fig.to_json()) / 1000, seconds * 1000))
        replay, table = best_of(args.repeat, lambda: charts.tag_progress(year_of_history()))
    print(f"{len(network.connections):,} contacts, {int(gap['tagged'].sum()):,} rated, "
          f"{int(gap['is_john'].sum()):,} Johns; best of {args.repeat}")
    print(f"{'chart':<28} {'JSON KB':>8} {'target':>8} {'build ms':>9}")
    for name, kb, ms in rows:
        verdict = "ok" if kb <= TARGET_KB else "OVER"
        print(f"{name:<28} {kb:8.1f} {'≤ ' + str(TARGET_KB):>8} {ms:9.0f}  {verdict}")
    print(f"largest figure: {max(kb for _, kb, _ in rows):.1f} KB (target ≤ {TARGET_KB} KB)")
    print(f"tag_progress replay of 50,000 events over {len(table)} days: {replay * 1000:.0f} ms")


if __name__ == "__main__":
    main()
