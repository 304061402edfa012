"""Shared by the benchmark scripts: best-of-N timing, a realistic set of ratings, a synthetic export."""
import random
import time
from pathlib import Path

from helpers.export.sample import write_export_zip

MIX = [(0, 0), (1, 1), (1, 2), (2, 0), (2, 1), (3, 1), (2, 2), (3, 3)]  # (relationship, business) per group


def best_of(repeat: int, work):
    """(fastest wall-clock seconds over `repeat` runs, the last result)."""
    times, result = [], None
    for _ in range(repeat):
        result = None  # let the last run's result go first: peak memory is one run's, not two
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def rate_mix(store, contact_ids, count: int, seed: int = 7) -> list:
    """Rate `count` contacts in eight bulk steps, a mix that includes Johns; returns who was rated."""
    chosen = random.Random(seed).sample(list(contact_ids), count)
    for i, (relationship, business) in enumerate(MIX):
        store.tag_many(chosen[i::len(MIX)], relationship=relationship, business=business)
    return chosen


def synthetic_export(folder: Path, connections: int) -> Path:
    """A synthetic Complete export zip in `folder`, 10 messages per connection (300,000 at LinkedIn's cap)."""
    return write_export_zip(Path(folder) / "Complete_LinkedInDataExport_11-20-2026.zip",
                            connections=connections, messages=connections * 10)
