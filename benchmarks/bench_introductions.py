"""Suggestions for 500 logged coffee chats (issue 14: <= 1 s), and the lookup "Can you introduce me to ...?".

Usage: python benchmarks/bench_introductions.py [--chats N] [--connections C] [--repeat R]

A sample network of C connections (default 2,000), N of them rated Like or Trust with one coffee chat
each. The chat notes are drawn from the labelled set's invented notes (tests/data/introductions_labelled.json),
each with a random field swapped in from another note, so there are many near-matches as in a real log.
Prints best-of-R times for: gap_table, suggest_introductions (matching + reasons + two drafts per pair),
the matching alone, and can_you_introduce for a word.
"""
import argparse
import json
import random
import tempfile
from pathlib import Path

import pandas as pd

import helpers
from helpers.export.sample import write_export_zip
from helpers.gap.matchmaking import suggest_pairs

from common import best_of

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "introductions_labelled.json"
FIELDS = ("what_they_do", "how_i_can_help", "how_they_can_help", "looking_for")


def chat_log(contact_ids, seed: int = 14) -> pd.DataFrame:
    notes = json.loads(LABELLED.read_text(encoding="utf-8"))["people"]
    rng = random.Random(seed)
    rows = []
    for contact_id in contact_ids:
        note = dict(rng.choice(notes))
        swapped = rng.choice(FIELDS)
        note[swapped] = rng.choice(notes)[swapped]
        rows.append({"contact_id": contact_id, "on": "2026-11-01", **{f: note[f] for f in FIELDS}})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--connections", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        zip_path = write_export_zip(Path(tmp) / "Complete_LinkedInDataExport_11-20-2026.zip",
                                    connections=args.connections)
        network = helpers.load_export(zip_path)
        store = helpers.TagStore(Path(tmp) / "tags.sqlite")
        chatted = list(network.connections["contact_id"].sample(args.chats, random_state=14))
        store.tag_many(chatted[::2], relationship=3, business=1)
        store.tag_many(chatted[1::2], relationship=2, business=1)
        log = chat_log(chatted)
        for row in log.itertuples(index=False):
            store.log_chat(row.contact_id, on=row.on, what_they_do=row.what_they_do, how_i_can_help=row.how_i_can_help,
                           how_they_can_help=row.how_they_can_help, looking_for=row.looking_for)
        chats = store.chats()
        gap_time, gap = best_of(args.repeat, lambda: helpers.gap_table(network, store))
        suggest_time, suggestions = best_of(args.repeat, lambda: helpers.suggest_introductions(gap, chats))
        match_time, _ = best_of(args.repeat, lambda: suggest_pairs(chats, gap["relationship"]))
        ask_time, answer = best_of(args.repeat, lambda: helpers.can_you_introduce(gap, "logistics", chats))
        store.close()
    print(f"{len(network.connections):,} contacts, {len(chats):,} coffee chats with {chats['contact_id'].nunique():,} "
          f"people you like or trust; {len(suggestions):,} introductions suggested")
    print(f"gap_table:                          {gap_time * 1000:7.0f} ms")
    print(f"suggest_introductions (all of it):  {suggest_time * 1000:7.0f} ms   (target <= 1,000 ms)")
    print(f"  of which matching (TF-IDF):       {match_time * 1000:7.0f} ms")
    print(f"can_you_introduce('logistics'):     {ask_time * 1000:7.0f} ms   ({len(answer.there):,} people found)")


if __name__ == "__main__":
    main()
