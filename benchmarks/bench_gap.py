"""Gap + ranking + reconnect CSV for 30,000 contacts with 5,000 rated (issue 4; issue 6: gap + ranking ≤ 0.5 s).

Usage: python benchmarks/bench_gap.py [--connections N] [--tagged T] [--repeat R]
Prints best-of-R times for: gap_table, prioritise, reconnect_list (all rows), write_reconnect_csv.
"""
import argparse
import tempfile
from pathlib import Path

import helpers

from common import best_of, rate_mix, synthetic_export


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--tagged", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = synthetic_export(Path(tmp), args.connections)
        network = helpers.load_export(zip_path)
        store = helpers.TagStore(Path(tmp) / "tags.sqlite")
        rate_mix(store, network.connections["contact_id"], args.tagged)
        gap_time, gap = best_of(args.repeat, lambda: helpers.gap_table(network, store))
        rank_time, ranked = best_of(args.repeat, lambda: helpers.prioritise(gap))
        list_time, listing = best_of(args.repeat, lambda: helpers.reconnect_list(network, store))
        csv_time = None
        if hasattr(helpers, "write_reconnect_csv"):
            csv_time, _ = best_of(args.repeat, lambda: helpers.write_reconnect_csv(listing, Path(tmp) / "r.csv"))
    print(f"{len(network.connections):,} contacts, {args.tagged:,} rated, {len(ranked):,} ranked, "
          f"{int(gap['is_john'].sum()):,} Johns")
    print(f"gap_table:            {gap_time * 1000:7.0f} ms")
    print(f"prioritise:           {rank_time * 1000:7.0f} ms")
    print(f"gap + ranking:        {(gap_time + rank_time) * 1000:7.0f} ms   (target <= 500 ms)")
    print(f"reconnect_list (all): {list_time * 1000:7.0f} ms   (gap + ranking + openers)")
    if csv_time is not None:
        print(f"write_reconnect_csv:  {csv_time * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
