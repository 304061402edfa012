"""From a fresh Python process to the tagger's first card on the biggest export (issue 11).

Each run is a new interpreter, as a kernel just started: import helpers, read the export zip with
`load_export`, open the tagger (its tables and first card). Prints the fastest and the median run.
Usage: python benchmarks/bench_first_card.py [--connections N] [--repeat R]
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import synthetic_export

CHILD = """
import time
start = time.perf_counter()
import helpers
from helpers.tags.tag_store import TagStore
from helpers.workbook.tagger import tagger
network = helpers.load_export({zip!r})
app = tagger(network, TagStore({store!r}))
print(time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = synthetic_export(Path(tmp), args.connections)
        code = CHILD.format(zip=str(zip_path), store=str(Path(tmp) / "tags.sqlite"))
        seconds = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                        text=True).stdout.split()[-1]) for _ in range(args.repeat)]
    print(f"fresh process -> first tagger card, {args.connections:,} connections, {args.repeat} runs: "
          f"fastest {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s")


if __name__ == "__main__":
    main()
