"""How fast is `load_export` next to plain `pandas.read_csv` of the same files? (issue: ≤ 2x)

Builds a Complete export with 30,000 connections and 300,000 messages (the synthetic sample
generator), unzips it, then times in the same run, best of N:
  floor  = pandas.read_csv of every CSV file the reader reads (the preamble skipped for Connections.csv)
  reader = helpers.load_export on the unzipped folder, and on the zip itself
Prints the figures and the ratio.  Usage: python benchmarks/bench_reader.py [--connections N] [--messages M] [--repeat R]
"""
import argparse
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

import helpers
from helpers.export.sample import write_export_zip

from common import best_of

READ_FILES = ["Connections.csv", "messages.csv", "Profile.csv", "Invitations.csv",
              "Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv",
              "Recommendations_Received.csv", "Recommendations_Given.csv"]


def plain_read_csv(folder: Path) -> int:
    rows = 0
    for name in READ_FILES:
        if (folder / name).exists():
            rows += len(pd.read_csv(folder / name, skiprows=_preamble(name)))
    return rows


def plain_read_csv_from_zip(zip_path: Path) -> int:
    rows = 0
    with zipfile.ZipFile(zip_path) as archive:
        for name in set(READ_FILES) & set(archive.namelist()):
            with archive.open(name) as member:
                rows += len(pd.read_csv(member, skiprows=_preamble(name)))
    return rows


def _preamble(name: str) -> int:
    return 3 if name == "Connections.csv" else 0  # the Notes preamble: plain read_csv fails on it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = write_export_zip(Path(tmp) / "Complete_LinkedInDataExport_11-20-2026.zip",
                                    connections=args.connections, messages=args.messages)
        folder = Path(tmp) / "export"
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(folder)
        sizes = {name: (folder / name).stat().st_size for name in READ_FILES if (folder / name).exists()}
        print(f"export: {args.connections:,} connections, {args.messages:,} messages requested; "
              f"CSV bytes read: {sum(sizes.values()) / 1e6:,.1f} MB (messages.csv {sizes.get('messages.csv', 0) / 1e6:,.1f} MB)")
        floor, _ = best_of(args.repeat, lambda: plain_read_csv(folder))
        zip_floor, _ = best_of(args.repeat, lambda: plain_read_csv_from_zip(zip_path))
        network = helpers.load_export(folder)
        on_folder, _ = best_of(args.repeat, lambda: helpers.load_export(folder))
        on_zip, _ = best_of(args.repeat, lambda: helpers.load_export(zip_path))
    print(f"loaded: {len(network.connections):,} contacts, {len(network.messages):,} messages")
    print(f"plain pandas.read_csv of the unzipped files:  {floor:6.2f} s")
    print(f"helpers.load_export(folder):                  {on_folder:6.2f} s  = {on_folder / floor:.2f}x that floor (goal <= 2x)")
    print(f"plain pandas.read_csv of the files in the zip: {zip_floor:6.2f} s")
    print(f"helpers.load_export(zip):                     {on_zip:6.2f} s  = {on_zip / zip_floor:.2f}x that floor (goal <= 2x)")


if __name__ == "__main__":
    main()
