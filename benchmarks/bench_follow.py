"""What following tags into the network costs gap_table (issue 10: sync on use, or follow?).

Usage: python benchmarks/bench_follow.py [--connections N] [--tagged T] [--gone G] [--repeat R]
Prints best-of-R times at 30,000 contacts with 5,000 rated for: a full `TagStore.sync` (records who is
in the export, then moves tags), `TagStore.follow` when every tagged id is in the network (the usual
case), `follow` when G tagged people are not in it (removed connections: checked on every use), and
`gap_table` in both cases (it calls `follow`).
"""
import argparse
import tempfile
from pathlib import Path

import helpers
from helpers.export.sample import write_export_zip

from common import best_of, rate_mix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--tagged", type=int, default=5_000)
    parser.add_argument("--gone", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = write_export_zip(Path(tmp) / "Complete_LinkedInDataExport_11-20-2026.zip",
                                    connections=args.connections, messages=args.connections)
        network = helpers.load_export(zip_path)
        store = helpers.TagStore(Path(tmp) / "tags.sqlite")
        rate_mix(store, network.connections["contact_id"], args.tagged)
        sync_time, _ = best_of(args.repeat, lambda: store.sync(network))
        follow_time, _ = best_of(args.repeat, lambda: store.follow(network))
        gap_time, _ = best_of(args.repeat, lambda: helpers.gap_table(network, store))
        store.tag_many([f"left-the-network-{i}" for i in range(args.gone)], relationship=2, business=1)
        gone_time, report = best_of(args.repeat, lambda: store.follow(network))
        gap_gone_time, gap = best_of(args.repeat, lambda: helpers.gap_table(network, store))
    print(f"{len(network.connections):,} contacts, {args.tagged:,} rated; then {report.not_found:,} rated "
          f"people not in the network (gap.attrs: {gap.attrs['tags_not_found']:,})")
    print(f"TagStore.sync (records everyone, moves tags): {sync_time * 1000:7.1f} ms")
    print(f"TagStore.follow, every tagged id present:      {follow_time * 1000:7.1f} ms")
    print(f"TagStore.follow, {args.gone:,} tagged ids gone:          {gone_time * 1000:7.1f} ms")
    print(f"gap_table (follows), every tagged id present: {gap_time * 1000:7.1f} ms")
    print(f"gap_table (follows), {args.gone:,} tagged ids gone:      {gap_gone_time * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
