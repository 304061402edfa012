"""How fast does `load_export` read a whole export, next to a bare `pandas.read_csv` of its two big files?

Issue 11's goal: at most 1.0x at 30,000 connections. For each size (a synthetic Complete export zip,
10 messages per connection: 300,000 at LinkedIn's cap) it times, in one process, interleaved
(floor, reader, floor, reader, ...) so a busy moment hits both alike, best of R:
  floor  = pandas.read_csv of Connections.csv (its preamble skipped) and messages.csv, streamed from
           the zip: the way a notebook reads an export and does nothing with it
  reader = helpers.load_export(zip): every file, the contact of each message, every signal, the report
Usage: python benchmarks/bench_reader.py [--sizes 1000 10000 30000] [--repeat 5]
"""
import argparse
import tempfile
import time
import zipfile
from pathlib import Path

import pandas as pd

import helpers

from common import synthetic_export

FLOOR_FILES = {"Connections.csv": 3, "messages.csv": 0}  # file -> preamble lines a bare read_csv must skip


def bare_read_csv(zip_path: Path) -> int:
    """The floor: the two big files as DataFrames, straight from the zip."""
    rows = 0
    with zipfile.ZipFile(zip_path) as archive:
        for name, preamble in FLOOR_FILES.items():
            with archive.open(name) as member:
                rows += len(pd.read_csv(member, skiprows=preamble))
    return rows


def best_interleaved(repeat: int, works: dict) -> dict:
    """Fastest seconds of each work, the works taking turns `repeat` times."""
    best = dict.fromkeys(works, float("inf"))
    for _ in range(repeat):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def measure(size: int, repeat: int, folder: Path) -> dict:
    (folder / str(size)).mkdir()
    zip_path = synthetic_export(folder / str(size), size)
    network = helpers.load_export(zip_path)
    times = best_interleaved(repeat, {"floor": lambda: bare_read_csv(zip_path),
                                      "reader": lambda: helpers.load_export(zip_path)})
    with zipfile.ZipFile(zip_path) as archive:
        megabytes = archive.getinfo("messages.csv").file_size / 1e6
    return {"size": size, "messages": len(network.messages), "messages MB": megabytes, **times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 30_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"best of {args.repeat}, interleaved; pandas {pd.__version__}, "
          f"pyarrow {_version('pyarrow')}, load_export reads the zip")
    print("| connections | messages (messages.csv) | bare read_csv | load_export | ratio |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            row = measure(size, args.repeat, Path(tmp))
            print(f"| {size:,} | {row['messages']:,} ({row['messages MB']:.0f} MB) | {row['floor'] * 1e3:,.0f} ms "
                  f"| {row['reader'] * 1e3:,.0f} ms | {row['reader'] / row['floor']:.2f}x |", flush=True)


def _version(module: str) -> str:
    try:
        return __import__(module).__version__
    except ImportError:
        return "not installed"


if __name__ == "__main__":
    main()
