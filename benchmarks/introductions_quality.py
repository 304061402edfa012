"""How good are the suggested introductions? Measured on a labelled set of invented coffee-chat notes.

Usage: python benchmarks/introductions_quality.py [--labelled tests/data/introductions_labelled.json]
                                                  [--min-score S] [--per-person]

The set (tests/data/introductions_labelled.json) holds 65 people's chat notes and the 35 introductions a
person would make among them. Prints:
  precision@3   for each person with at least one suggestion, the share of their top 3 suggestions
                (fewer when fewer were made) that are labelled introductions; averaged over those people
  pairs found   the share of labelled introductions that are suggested at all, and in someone's top 3
  list precision the share of all suggestions that are labelled
  never paired  suggestions that include someone you only know (relationship 1): must be 0
"""
import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from helpers.gap.matchmaking import MIN_SCORE, suggest_pairs

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "introductions_labelled.json"


def load(path: Path) -> tuple[pd.DataFrame, set[frozenset]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    people = pd.DataFrame(data["people"]).set_index("id")
    pairs = {frozenset((pair["need"], pair["offer"])) for pair in data["introductions"]}
    return people, pairs


def quality(people: pd.DataFrame, labelled: set[frozenset], min_score: float = MIN_SCORE) -> dict:
    """The figures above, plus each person's top 3 (for --per-person)."""
    chats = people.rename_axis("contact_id").reset_index()
    suggested = suggest_pairs(chats, people["relationship"], min_score=min_score)
    pairs = [frozenset((row.need_id, row.offer_id)) for row in suggested.itertuples()]
    per_person = {}
    for person in people.index:
        mine = [pair for pair in pairs if person in pair][:3]  # suggestions are best first
        if mine:
            per_person[person] = [(next(iter(pair - {person})), pair in labelled) for pair in mine]
    precisions = [sum(hit for _, hit in top) / len(top) for top in per_person.values()]
    in_top3 = {frozenset((person, other)) for person, top in per_person.items() for other, hit in top}
    known_only = set(people.index[people["relationship"] < 2])
    return {
        "precision_at_3": sum(precisions) / len(precisions) if precisions else 0.0,
        "people_with_suggestions": len(per_person),
        "pairs_found": len(labelled & set(pairs)) / len(labelled),
        "pairs_found_in_top3": len(labelled & in_top3) / len(labelled),
        "list_precision": len(labelled & set(pairs)) / len(pairs) if pairs else 0.0,
        "suggestions": len(pairs),
        "labelled": len(labelled),
        "with_known_only": sum(1 for pair in pairs if pair & known_only),
        "per_person": per_person,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--min-score", type=float, default=MIN_SCORE)
    parser.add_argument("--per-person", action="store_true", help="print each person's top 3, hits marked")
    args = parser.parse_args()
    people, labelled = load(args.labelled)
    figures = quality(people, labelled, args.min_score)
    if args.per_person:
        for person, top in figures["per_person"].items():
            marks = ", ".join(f"{people.at[other, 'name']}{' ✓' if hit else ' ✗'}" for other, hit in top)
            print(f"{people.at[person, 'name']:<14} {marks}")
        print()
    print(f"{len(people)} people, {figures['labelled']} labelled introductions, min score {args.min_score}")
    print(f"precision@3 per person:   {figures['precision_at_3']:.2f}  (over {figures['people_with_suggestions']} "
          "people with a suggestion; goal >= 0.70)")
    print(f"labelled pairs found:     {figures['pairs_found']:.2f}  (in someone's top 3: "
          f"{figures['pairs_found_in_top3']:.2f})")
    print(f"precision of the list:    {figures['list_precision']:.2f}  ({figures['suggestions']} suggestions)")
    print(f"pairs with someone you only know (relationship 1): {figures['with_known_only']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
