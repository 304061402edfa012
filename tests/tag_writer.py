"""A separate process that writes to a tag store, for the multi-process tests in test_tag_store.py.

    python tests/tag_writer.py DB loop PREFIX START COUNT [--shared ID --writer NAME] [--go FILE]
        tag PREFIX<i> for i in START..START+COUNT-1 with expected_tag(i), one `tag` call each;
        with --shared, every third i also sets the note of contact ID to "NAME-<i>".
    python tests/tag_writer.py DB bulk PREFIX BATCH COUNT [--go FILE]
        tag_many batches of BATCH contacts PREFIX<i> (relationship expected_bulk(batch number)).
    python tests/tag_writer.py DB alternate ID COUNT [--go FILE]
        tag contact ID COUNT times, relationship 1, 2, 1, 2, ...
    python tests/tag_writer.py DB get ID
        print the store's get(ID) as JSON.
    --pause S sleeps S seconds after each call in loop / alternate mode, so that concurrent
    writers take turns (an active SQLite writer otherwise tends to keep the lock to itself).

Protocol: after opening the store the writer prints "ready" (flushed); with --go it then waits
until FILE exists, so several writers start writing at the same moment. After each `tag` /
`tag_many` call has *returned*, it prints the acknowledged contact id(s), one per line, flushed.
At the end it prints "done". No exception is caught: any error ends the process with a traceback
on stderr and a non-zero exit code.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def expected_tag(i: int) -> tuple[int, int, str]:
    """(relationship, business, note) that the loop mode writes for contact number i."""
    return i % 4, (i // 4) % 4, f"note {i}, \"quoted\""


def expected_bulk(batch: int) -> int:
    """Relationship the bulk mode writes for batch number `batch` (business stays unknown)."""
    return batch % 4


def _ack(*ids: str) -> None:
    sys.stdout.write("".join(f"{i}\n" for i in ids))
    sys.stdout.flush()


def _wait_for(go: str | None) -> None:
    if not go:
        return
    path = Path(go)
    deadline = time.monotonic() + 120  # a guard against a parent that died, not a timing check
    while not path.exists():
        if time.monotonic() > deadline:
            sys.exit("tag_writer: the go file never appeared")
        time.sleep(0.005)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("mode", choices=["loop", "bulk", "alternate", "get"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--shared")
    parser.add_argument("--writer", default="w")
    parser.add_argument("--go")
    parser.add_argument("--pause", type=float, default=0.0,
                        help="seconds to sleep after each call (lets concurrent writers interleave)")
    a = parser.parse_args(argv)

    import helpers

    store = helpers.TagStore(a.db)
    if a.mode == "get":
        got = store.get(a.args[0])
        print(json.dumps(got, default=str))
        return 0

    _ack("ready")
    _wait_for(a.go)

    if a.mode == "loop":
        prefix, start, count = a.args[0], int(a.args[1]), int(a.args[2])
        for i in range(start, start + count):
            rel, bus, note = expected_tag(i)
            cid = f"{prefix}{i}"
            store.tag(cid, relationship=rel, business=bus, note=note)
            _ack(cid)
            if a.shared and i % 3 == 0:
                store.tag(a.shared, note=f"{a.writer}-{i}")
            time.sleep(a.pause)
    elif a.mode == "bulk":
        prefix, batch, count = a.args[0], int(a.args[1]), int(a.args[2])
        for b in range(count):
            ids = [f"{prefix}{b}-{j}" for j in range(batch)]
            store.tag_many(ids, relationship=expected_bulk(b))
            _ack(*ids)
    elif a.mode == "alternate":
        cid, count = a.args[0], int(a.args[1])
        for i in range(count):
            store.tag(cid, relationship=1 + i % 2)
            _ack(cid)
            time.sleep(a.pause)
    _ack("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
