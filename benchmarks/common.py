"""Shared by the benchmark scripts: best-of-N timing and a realistic set of ratings."""
import random
import time

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
