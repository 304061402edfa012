"""The tag store (docs/tag-store-contract.md, issue 3): the user's ratings never get lost.

Written from the contract and the issue, not from the implementation. Expected values come
from what each test did (the tags it wrote, the CSV cells it edited, the export rows it built).
The kill -9 and two-writer cases run real processes (tests/tag_writer.py).
No test measures wall-clock time; the time-outs below only keep a hung process from hanging
the suite.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import helpers
from conftest import connections_bytes, person
from tag_writer import expected_bulk, expected_tag

D = dt.date
WRITER = Path(__file__).with_name("tag_writer.py")
ROOT = Path(__file__).resolve().parents[1]
GUARD = 120  # seconds: only so that a hung child process cannot hang the suite
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ["contact_id", "full_name", "company", "position", "relationship", "business", "contexts", "note",
               "tagged_at"]


# ---------------------------------------------------------------------------
# small helpers (no knowledge of the implementation)
# ---------------------------------------------------------------------------

def missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return False
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def norm(v):
    """A stored value in comparable form: None for missing, int for integral numbers / digit strings."""
    if missing(v):
        return None
    if isinstance(v, (bool, np.bool_)):
        return v
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return int(v)
    if isinstance(v, str) and re.fullmatch(r"-?\d+", v.strip()):
        return int(v)
    return v


def tags(store, cid):
    """(relationship, business, note) of a contact, None for unknown; None if get() has nothing."""
    g = store.get(cid)
    if g is None:
        return None
    assert set(g) >= {"relationship", "business", "note", "tagged_at"}, g
    note = g["note"]
    return norm(g["relationship"]), norm(g["business"]), (None if missing(note) else note)


def untagged(store, cid) -> bool:
    t = tags(store, cid)
    return t is None or (t[0] is None and t[1] is None and not t[2])


def ts(x) -> pd.Timestamp:
    t = pd.Timestamp(x)
    if t.tz is not None:
        t = t.tz_convert("UTC").tz_localize(None)
    return t


def utc_now() -> pd.Timestamp:
    return pd.Timestamp.now(tz="UTC").tz_localize(None)


def n_of(x) -> int:
    """A count given as an int or as a collection."""
    if isinstance(x, (int, np.integer)):
        return int(x)
    return len(x)


def strings_in(x) -> list[str]:
    """Every string inside a report field (list, dict, DataFrame, Series, nested)."""
    out: list[str] = []
    if x is None:
        return out
    if isinstance(x, str):
        return [x]
    if isinstance(x, pd.DataFrame):
        out += [str(i) for i in x.index]
        for col in x.columns:
            out += strings_in(list(x[col]))
        return out
    if isinstance(x, pd.Series):
        return [str(i) for i in x.index] + strings_in(list(x))
    if isinstance(x, Mapping):
        for k, v in x.items():
            out += strings_in(k) + strings_in(v)
        return out
    if isinstance(x, (list, tuple, set, frozenset)):
        for v in x:
            out += strings_in(v)
        return out
    if hasattr(x, "__dict__") and not isinstance(x, type):
        return strings_in(vars(x)) + [str(x)]
    return [str(x)]


def as_mapping(x) -> dict:
    """`.migrated` (old id -> new id) as a dict, whether a dict, pairs, a Series or a 2-column frame."""
    if isinstance(x, Mapping):
        return dict(x)
    if isinstance(x, pd.Series):
        return x.to_dict()
    if isinstance(x, pd.DataFrame):
        assert x.shape[1] >= 2, x
        return dict(zip(x.iloc[:, 0], x.iloc[:, 1]))
    return dict(x)


def assert_lists_allowed_values(msg: str):
    assert (re.search(r"0\D{1,60}1\D{1,60}2\D{1,60}3", msg)
            or re.search(r"0\s*(?:–|-|to|\.\.)\s*3", msg)), f"message does not name 0-3: {msg!r}"


def history_rows(store) -> pd.DataFrame:
    h = store.history()
    for col in ("event_id", "batch_id", "contact_id", "field", "value", "at", "source"):
        assert col in h.columns, f"history() lacks {col!r}: {list(h.columns)}"
    return h


def tag_frame(store) -> pd.DataFrame:
    """relationship / business / note of current(), for comparing states."""
    cur = store.current()
    return cur[["relationship", "business", "note"]].sort_index()


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def store(tmp_path):
    return helpers.TagStore(tmp_path / "tags.sqlite")


# ---------------------------------------------------------------------------
# the scales and is_john
# ---------------------------------------------------------------------------

def test_scales_are_the_workbooks():
    assert helpers.RELATIONSHIP == {0: "Don't really know them", 1: "Know", 2: "Like", 3: "Trust"}
    assert helpers.BUSINESS == {0: "No idea", 1: "Company or title only", 2: "What they do",
                                3: "How we can help each other"}


@pytest.mark.parametrize("rel, bus, john", [
    (2, 1, True), (3, 0, True), (2, 0, True), (3, 1, True),
    (1, 1, False), (0, 0, False), (2, 2, False), (3, 3, False), (1, 3, False),
    (np.int64(2), np.int8(1), True), (np.int64(1), np.int64(0), False),
    (pd.NA, 0, False), (3, pd.NA, False), (None, 1, False), (2, None, False),
    (pd.NA, pd.NA, False), (np.nan, 0, False), (2, np.nan, False),
])
def test_is_john_scalars(rel, bus, john):
    got = helpers.is_john(rel, bus)
    try:
        assert bool(got) is john, (rel, bus, got)
    except TypeError:
        pytest.fail(f"is_john({rel!r}, {bus!r}) gave {got!r}, not True/False (unknown is never a John)")


def test_is_john_series_with_unknowns():
    idx = pd.Index(list("abcdefgh"), name="contact_id")
    rel = pd.Series([2, 3, 1, 2, pd.NA, 3, 2, pd.NA], dtype="Int64", index=idx)
    bus = pd.Series([1, 0, 1, 2, 0, pd.NA, pd.NA, pd.NA], dtype="Int64", index=idx)
    got = helpers.is_john(rel, bus)
    assert isinstance(got, pd.Series)
    assert list(got.index) == list(idx)
    assert not got.isna().any(), got
    assert [bool(x) for x in got] == [True, True, False, False, False, False, False, False]
    assert int(got.sum()) == 2


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", [0, 1, 2, 3, np.int64(2), np.int32(3), np.int8(0), np.uint8(1)])
@pytest.mark.parametrize("field", ["relationship", "business"])
def test_accepts_0_to_3_ints_and_numpy_ints(store, field, value):
    assert store.tag("c1", **{field: value}) == 1
    t = tags(store, "c1")
    got = t[0] if field == "relationship" else t[1]
    assert got == int(value)
    assert str(store.current()[field].dtype) == "Int64"
    assert store.current().loc["c1", field] == int(value)


@pytest.mark.parametrize("value", [4, -1, 2.5, 2.0, "2", "", True, False, np.True_, np.int64(4),
                                   np.float64(1.0), [2]], ids=repr)
@pytest.mark.parametrize("field", ["relationship", "business"])
def test_rejects_anything_else_and_saves_nothing(store, field, value):
    store.tag("other", relationship=1)
    before = len(history_rows(store))
    with pytest.raises(ValueError) as info:
        store.tag("c1", **{field: value}, note="should not be saved either")
    assert_lists_allowed_values(str(info.value))
    assert store.get("c1") is None
    assert "c1" not in store.current().index
    assert len(history_rows(store)) == before
    # the failed call is not an undo step: undo takes back the tag before it
    assert store.undo() == 1
    assert untagged(store, "other")


def test_invalid_value_on_a_tagged_contact_changes_nothing(store):
    store.tag("b", relationship=1, note="met at the fair")
    before = len(history_rows(store))
    with pytest.raises(ValueError):
        store.tag("b", relationship=3, business="2", note="changed")
    with pytest.raises(ValueError):
        store.tag("b", relationship=7, business=2)
    assert tags(store, "b") == (1, None, "met at the fair")
    assert len(history_rows(store)) == before
    assert store.counts() == {"tagged": 1, "johns": 0}


@pytest.mark.parametrize("note", [5, 2.5, b"bytes", ["a"], True])
def test_note_must_be_a_string(store, note):
    with pytest.raises(ValueError):
        store.tag("c1", relationship=2, note=note)
    assert store.get("c1") is None
    assert len(history_rows(store)) == 0


def test_tag_many_validates_and_saves_nothing(store):
    with pytest.raises(ValueError) as info:
        store.tag_many(["a", "b", "c"], relationship=4)
    assert_lists_allowed_values(str(info.value))
    with pytest.raises(ValueError):
        store.tag_many(["a", "b", "c"], relationship=2, business="1")
    with pytest.raises(ValueError):
        store.tag_many(["a", "b"], business=True)
    assert store.counts()["tagged"] == 0
    assert len(store.current()) == 0
    assert len(history_rows(store)) == 0
    assert store.undo() == 0


# ---------------------------------------------------------------------------
# tag, get, current, counts
# ---------------------------------------------------------------------------

def test_tag_returns_fields_changed_and_none_leaves_unchanged(store):
    assert store.tag("ana", relationship=2, business=1, note="kids in kindergarten") == 3
    assert tags(store, "ana") == (2, 1, "kids in kindergarten")
    assert store.tag("ana", relationship=2) == 0           # same value: nothing changed
    assert store.tag("ana") == 0                           # all None: nothing changed
    assert tags(store, "ana") == (2, 1, "kids in kindergarten")
    assert store.tag("ana", business=3) == 1               # relationship and note untouched
    assert tags(store, "ana") == (2, 3, "kids in kindergarten")
    assert store.tag("ana", note="coffee on Friday") == 1
    assert tags(store, "ana") == (2, 3, "coffee on Friday")
    assert store.tag("ana", note="") == 1                  # "" clears the note
    r, b, note = tags(store, "ana")
    assert (r, b) == (2, 3) and not note
    assert missing(store.current().loc["ana", "note"]) or store.current().loc["ana", "note"] == ""


def test_get_unknown_contact_is_none(store):
    assert store.get("nobody") is None
    store.tag("somebody", relationship=0)
    assert store.get("nobody") is None
    assert tags(store, "somebody") == (0, None, None)      # 0 is a real answer, not unknown


def test_a_tag_is_saved_at_once_for_other_stores_and_processes(tmp_path):
    db = tmp_path / "tags.sqlite"
    first = helpers.TagStore(db)
    second = helpers.TagStore(db)                          # e.g. another notebook, opened before
    first.tag("ana", relationship=3, business=1, note="neighbour")
    assert tags(second, "ana") == (3, 1, "neighbour")
    assert second.counts() == {"tagged": 1, "johns": 1}
    assert "ana" in second.current().index
    third = helpers.TagStore(db)
    assert tags(third, "ana") == (3, 1, "neighbour")
    # another process, while `first` is still open and never closed
    out = subprocess.run([sys.executable, str(WRITER), str(db), "get", "ana"], cwd=ROOT,
                         capture_output=True, text=True, timeout=GUARD)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert (norm(got["relationship"]), norm(got["business"]), got["note"]) == (3, 1, "neighbour")
    # and the other way round: the second store writes, the first sees it
    second.tag("bob", business=2)
    assert tags(first, "bob") == (None, 2, None)


def test_current_columns_dtypes_and_unknowns(store):
    before = utc_now().floor("s")
    store.tag("ana", relationship=3, business=1, note="trust her")
    store.tag("bob", relationship=2)                       # business unknown
    store.tag("cat", business=0)                           # relationship unknown
    store.tag("dan", relationship=0, business=0)           # zeros are answers
    after = utc_now().ceil("s") + pd.Timedelta(seconds=1)
    cur = store.current()
    assert cur.index.name == "contact_id"
    assert set(cur.index) == {"ana", "bob", "cat", "dan"}   # only tagged contacts
    assert cur.index.is_unique
    for col in ("relationship", "business", "note", "tagged_at"):
        assert col in cur.columns, list(cur.columns)
    assert str(cur["relationship"].dtype) == "Int64"
    assert str(cur["business"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_dtype(cur["tagged_at"]), cur["tagged_at"].dtype  # tz-naive
    assert cur.loc["ana", "relationship"] == 3 and cur.loc["ana", "business"] == 1
    assert cur.loc["bob", "relationship"] == 2 and cur.loc["bob", "business"] is pd.NA
    assert cur.loc["cat", "relationship"] is pd.NA and cur.loc["cat", "business"] == 0
    assert cur.loc["dan", "relationship"] == 0 and cur.loc["dan", "business"] == 0
    assert cur.loc["ana", "note"] == "trust her"
    for cid in ("bob", "cat", "dan"):
        assert missing(cur.loc[cid, "note"]), cur.loc[cid, "note"]
    for cid in cur.index:
        assert not isinstance(cur.loc[cid, "note"], float) or missing(cur.loc[cid, "note"])
        assert cur.loc[cid, "note"] != "nan"
        at = cur.loc[cid, "tagged_at"]
        assert before <= at <= after, (cid, at)
        assert before <= ts(store.get(cid)["tagged_at"]) <= after


def test_current_of_an_empty_store_has_the_columns(store):
    cur = store.current()
    assert len(cur) == 0
    assert cur.index.name == "contact_id"
    assert str(cur["relationship"].dtype) == "Int64"
    assert str(cur["business"].dtype) == "Int64"
    assert "note" in cur.columns and "tagged_at" in cur.columns
    assert store.counts() == {"tagged": 0, "johns": 0}
    assert len(history_rows(store)) == 0


def test_counts_johns_need_known_business(store):
    store.tag("j1", relationship=2, business=1)
    store.tag("j2", relationship=3, business=0)
    store.tag("n1", relationship=1, business=0)
    store.tag("n2", relationship=2, business=2)
    store.tag("u1", relationship=3)                         # business unknown: not a John
    store.tag("u2", business=0)                             # relationship unknown: not a John
    assert store.counts() == {"tagged": 6, "johns": 2}
    cur = store.current()
    assert int(helpers.is_john(cur["relationship"], cur["business"]).sum()) == 2
    store.tag("u1", business=1)                             # now known: a John
    assert store.counts() == {"tagged": 6, "johns": 3}
    store.tag("j1", business=2)                             # learned what j1 does
    assert store.counts() == {"tagged": 6, "johns": 2}


def test_clear_untags_and_is_one_undo_step(store):
    store.tag("ana", relationship=3, business=1)
    store.tag("bob", relationship=1)
    store.clear("ana")
    r, b, _ = tags(store, "ana") or (None, None, None)
    assert (r, b) == (None, None)
    assert store.counts() == {"tagged": 1, "johns": 0}
    assert store.undo() == 2
    assert tags(store, "ana") == (3, 1, None)
    assert store.counts() == {"tagged": 2, "johns": 1}


# ---------------------------------------------------------------------------
# history and undo
# ---------------------------------------------------------------------------

def test_history_keeps_every_change_in_order_with_sources(store):
    store.tag("a", relationship=1)
    store.tag("a", business=2, source="chat")
    store.tag_many(["a", "b"], relationship=3)
    store.tag("b", note="met twice")
    assert store.undo() == 1                                # takes back the note
    h = history_rows(store)
    assert h["event_id"].is_monotonic_increasing and h["event_id"].is_unique
    ats = h["at"].map(ts)
    assert ats.is_monotonic_increasing
    got = [(r.contact_id, r.field, norm(r.value), r.source, r.batch_id) for r in h.itertuples()]
    expected_groups = [
        {("a", "relationship", 1, "tagger")},
        {("a", "business", 2, "chat")},
        {("a", "relationship", 3, "bulk"), ("b", "relationship", 3, "bulk")},
        {("b", "note", "met twice", "tagger")},
        {("b", "note", None, "undo")},
    ]
    assert len(got) == sum(map(len, expected_groups)), got
    pos = 0
    batches = []
    for group in expected_groups:
        rows = got[pos:pos + len(group)]
        pos += len(group)
        assert {r[:4] for r in rows} == group, got
        assert len({r[4] for r in rows}) == 1, f"one change must be one batch: {rows}"
        batches.append(rows[0][4])
    assert len(set(batches)) == len(batches), f"each change its own batch: {batches}"


def test_undo_takes_back_changes_one_call_at_a_time(store):
    assert store.undo() == 0                                 # nothing to undo
    store.tag("a", relationship=1, business=0, note="first")
    store.tag("a", relationship=2)
    store.tag("b", relationship=3)
    assert store.undo() == 1
    assert untagged(store, "b")
    assert tags(store, "a") == (2, 0, "first")
    assert store.undo() == 1
    assert tags(store, "a") == (1, 0, "first")
    assert store.undo() == 3
    assert untagged(store, "a")
    assert store.undo() == 0
    assert store.undo() == 0
    assert store.counts() == {"tagged": 0, "johns": 0}
    h = history_rows(store)
    undo_rows = h[h["source"] == "undo"]
    assert len(undo_rows) == 5                               # 1 + 1 + 3 restored fields, as events
    assert len(h) == 5 + 5


def test_undo_after_new_tags_behaves_like_a_stack(store):
    store.tag("a", relationship=1)                           # step 1
    store.tag("a", relationship=2)                           # step 2
    assert store.undo() == 1                                 # takes back step 2
    assert tags(store, "a") == (1, None, None)
    store.tag("a", relationship=3)                           # step 3
    store.tag("b", business=2)                               # step 4
    assert store.undo() == 1                                 # step 4
    assert untagged(store, "b")
    assert tags(store, "a") == (3, None, None)
    assert store.undo() == 1                                 # step 3
    assert tags(store, "a") == (1, None, None)
    assert store.undo() == 1                                 # step 1 (step 2 is already taken back)
    assert untagged(store, "a")
    assert store.undo() == 0


def test_undo_survives_reopening_the_store(tmp_path):
    db = tmp_path / "tags.sqlite"
    s = helpers.TagStore(db)
    s.tag("a", relationship=1)
    s.tag_many(["a", "b", "c"], relationship=2)
    again = helpers.TagStore(db)                             # a kernel restart
    assert again.undo() == 3
    assert tags(again, "a") == (1, None, None)
    assert untagged(again, "b") and untagged(again, "c")


def test_a_call_that_changed_nothing_is_not_an_undo_step(store):
    """The tagger clicks the same button twice, then undo: the real change is taken back."""
    store.tag("a", relationship=1)
    store.tag("a", relationship=2)
    assert store.tag("a", relationship=2) == 0
    assert store.tag_many(["a"], relationship=2) == 0
    assert store.undo() == 1
    assert tags(store, "a") == (1, None, None)


# ---------------------------------------------------------------------------
# tag_many
# ---------------------------------------------------------------------------

def test_tag_many_is_one_step(store):
    store.tag("a", relationship=2, business=1, note="keep me")
    assert store.tag_many(["a", "b", "c"], relationship=0) == 3
    assert tags(store, "a") == (0, 1, "keep me")
    assert tags(store, "b") == (0, None, None)
    h = history_rows(store)
    bulk = h[h["source"] == "bulk"]
    assert sorted(bulk["contact_id"]) == ["a", "b", "c"]
    assert bulk["batch_id"].nunique() == 1
    assert store.tag_many(["a", "b", "c", "d"], relationship=0) == 1   # only d changed
    assert store.undo() == 1
    assert untagged(store, "d")
    assert store.undo() == 3
    assert tags(store, "a") == (2, 1, "keep me")
    assert untagged(store, "b") and untagged(store, "c")


def test_tag_many_takes_series_index_and_repeats(store):
    ids = pd.Series(["x1", "x2", "x3"], index=[10, 20, 30], name="contact_id")
    assert store.tag_many(ids, relationship=np.int64(1), business=np.int64(0)) == 3
    assert store.tag_many(pd.Index(["x2", "x4"]), business=2) == 2
    assert store.tag_many(["x5", "x5", "x5"], relationship=3) == 1
    assert tags(store, "x1") == (1, 0, None)
    assert tags(store, "x2") == (1, 2, None)
    assert tags(store, "x4") == (None, 2, None)
    assert tags(store, "x5") == (3, None, None)
    assert store.tag_many([], relationship=1) == 0


def test_tag_many_ten_thousand(store):
    ids = [f"c{i:05d}" for i in range(10_000)]
    store.tag("c00007", relationship=3, business=3, note="know well")
    assert store.tag_many(ids, relationship=0) == 10_000
    assert store.counts() == {"tagged": 10_000, "johns": 0}
    cur = store.current()
    assert len(cur) == 10_000 and set(cur.index) == set(ids)
    assert (cur["relationship"] == 0).all()
    assert cur["business"].isna().sum() == 9_999
    assert tags(store, "c00007") == (0, 3, "know well")
    assert store.tag_many(ids[:6_000], relationship=2, business=1) == 6_000
    assert store.counts() == {"tagged": 10_000, "johns": 6_000}
    h = history_rows(store)
    assert h[h["source"] == "bulk"]["batch_id"].nunique() == 2
    assert store.undo() == 2 * 6_000                           # both fields of the 6,000
    assert store.counts() == {"tagged": 10_000, "johns": 0}
    assert tags(store, "c00007") == (0, 3, "know well")
    assert store.undo() == 10_000
    assert store.counts() == {"tagged": 1, "johns": 0}
    assert tags(store, "c00007") == (3, 3, "know well")


# ---------------------------------------------------------------------------
# kill -9 and two writers: real processes
# ---------------------------------------------------------------------------

class Writer:
    """tests/tag_writer.py in its own process; its stdout lines arrive on a queue."""

    def __init__(self, db: Path, *args, log: Path):
        self.log = log
        self._err = open(log, "w")
        self.proc = subprocess.Popen([sys.executable, str(WRITER), str(db), *map(str, args)],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=self._err, text=True)
        self.lines: queue.Queue = queue.Queue()
        self._pump = threading.Thread(target=self._read, daemon=True)
        self._pump.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def stderr(self) -> str:
        if not self._err.closed:
            self._err.flush()
        return self.log.read_text()

    def next_line(self) -> str:
        try:
            line = self.lines.get(timeout=GUARD)
        except queue.Empty:
            self.proc.kill()
            pytest.fail(f"writer printed nothing for {GUARD} s; stderr:\n{self.stderr()}")
        if line is None:
            self.proc.wait()
            pytest.fail(f"writer ended early (exit {self.proc.returncode}); stderr:\n{self.stderr()}")
        return line

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=GUARD)
        self._pump.join(timeout=GUARD)
        self._err.close()
        assert self.proc.returncode == -signal.SIGKILL

    def finish(self) -> list[str]:
        try:
            self.proc.wait(timeout=GUARD)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            pytest.fail(f"writer did not finish; stderr:\n{self.stderr()}")
        self._pump.join(timeout=GUARD)
        self._err.close()
        out = []
        while True:
            line = self.lines.get_nowait()
            if line is None:
                break
            out.append(line)
        return out


@pytest.mark.parametrize("acks", [0, 1, 9, 60, 250])
def test_kill9_while_tagging_keeps_every_acknowledged_tag(tmp_path, acks):
    db = tmp_path / "tags.sqlite"
    w = Writer(db, "loop", "k", 0, 1_000_000, log=tmp_path / "writer.err")
    assert w.next_line() == "ready"
    acked = [w.next_line() for _ in range(acks)]
    w.kill9()

    store = helpers.TagStore(db)                              # it opens
    assert integrity(db) == "ok"
    for cid in acked:
        assert tags(store, cid) == expected_tag(int(cid[1:])), cid
    cur = store.current()
    assert set(acked) <= set(cur.index)
    # whatever else got in (the writer runs ahead of its acknowledgements) is whole, never half
    # a tag, and without gaps: tag k was saved only after tag k-1
    numbers = sorted(int(cid[1:]) for cid in cur.index)
    assert numbers == list(range(len(numbers))), numbers[:20]
    for cid in cur.index:
        assert tags(store, cid) == expected_tag(int(cid[1:])), cid
    # and the store works on after the crash
    assert store.tag("after-crash", relationship=2, business=1) == 2
    assert helpers.TagStore(db).counts()["tagged"] == len(cur) + 1


@pytest.mark.parametrize("batches", [1, 4])
def test_kill9_during_bulk_tagging_keeps_whole_batches(tmp_path, batches):
    db = tmp_path / "tags.sqlite"
    batch = 50
    w = Writer(db, "bulk", "b", batch, 1_000_000, log=tmp_path / "writer.err")
    assert w.next_line() == "ready"
    acked = [w.next_line() for _ in range(batches * batch)]
    w.kill9()

    store = helpers.TagStore(db)
    assert integrity(db) == "ok"
    for cid in acked:
        b = int(cid[1:].split("-")[0])
        assert tags(store, cid) == (expected_bulk(b), None, None), cid
    present = pd.Series(list(store.current().index))
    by_batch = present.str.slice(1).str.split("-").str[0].astype(int).value_counts()
    # one tag_many is one transaction: a batch is all there or not there at all
    assert (by_batch == batch).all(), by_batch[by_batch != batch]
    assert sorted(by_batch.index) == list(range(len(by_batch)))   # no gaps between batches


def test_two_writers_at_once_lose_nothing(tmp_path):
    db = tmp_path / "tags.sqlite"
    go = tmp_path / "go"
    watcher = helpers.TagStore(db)                            # a third notebook, open all along
    watcher.tag("both", relationship=1)
    n = 300
    writers = {
        "A": Writer(db, "loop", "a", 0, n, "--shared", "both", "--writer", "A", "--go", go,
                    "--pause", 0.001, log=tmp_path / "a.err"),
        "B": Writer(db, "loop", "b", 0, n, "--shared", "both", "--writer", "B", "--go", go,
                    "--pause", 0.001, log=tmp_path / "b.err"),
        "C": Writer(db, "alternate", "same", 200, "--go", go, "--pause", 0.001,
                    log=tmp_path / "c.err"),
    }
    for w in writers.values():
        assert w.next_line() == "ready"
    go.touch()                                               # all three start writing now
    acks = {}
    for name, w in writers.items():
        acks[name] = w.finish()
        err = w.stderr()
        assert w.proc.returncode == 0, f"writer {name} failed:\n{err}"
        assert "locked" not in err.lower() and "busy" not in err.lower(), err
        assert acks[name][-1] == "done"
    assert len(acks["A"]) == n + 1 and len(acks["B"]) == n + 1 and len(acks["C"]) == 201

    assert integrity(db) == "ok"
    for s in (watcher, helpers.TagStore(db)):
        for i in range(n):
            assert tags(s, f"a{i}") == expected_tag(i)
            assert tags(s, f"b{i}") == expected_tag(i)
        cur = s.current()
        assert len([c for c in cur.index if re.fullmatch(r"[ab]\d+", c)]) == 2 * n
        assert tags(s, "same") == (2, None, None)            # C's last call: 1 + 199 % 2
        assert tags(s, "both")[:2] == (1, None)
        assert tags(s, "both")[2] in {f"A-{n - 3}", f"B-{n - 3}"}
        assert s.counts()["tagged"] == 2 * n + 2
    h = history_rows(watcher)
    same = h[(h["contact_id"] == "same") & (h["field"] == "relationship")]
    assert len(same) == 200                                  # every alternate call changed it
    assert [norm(v) for v in same["value"]] == [1 + i % 2 for i in range(200)]
    both = h[(h["contact_id"] == "both") & (h["field"] == "note")]
    assert len(both) == 2 * (n // 3)                         # every shared note, from both writers
    assert sorted(both["value"]) == sorted([f"A-{i}" for i in range(0, n, 3)]
                                           + [f"B-{i}" for i in range(0, n, 3)])
    assert h["event_id"].is_unique


# ---------------------------------------------------------------------------
# CSV export / import
# ---------------------------------------------------------------------------

PEOPLE_2026 = [
    person("Ana", "Pérez", "ana-perez-1a", on=D(2022, 3, 7), company="Acme, Inc.", position="Data Lead"),
    person("Bob", "Smith", "bob-smith-77", on=D(2021, 8, 7), company="Globex", position="Sales"),
    person('Ann "Nan"', "Lee, PhD\nMBA", "ann-lee", on=D(2024, 1, 2), company="Ng Labs",
           position='Line one\nline two, "quoted"'),
    person("Eve", "Formula", "eve-formula", on=D(2023, 5, 5), company="=cmd|' /C calc'!A0",
           position="@SUM(A1)"),
    person("Carl", "Plain", "carl-plain", on=D(2020, 2, 2), company="Initech", position="Analyst"),
    person("Dora", "Dash", "dora-dash", on=D(2019, 9, 9), company="-Minus Corp", position="+Plus"),
    person("Finn", "Untagged", "finn-untagged", on=D(2018, 1, 1), company="Hooli"),
    person("Gus", "Grey", "gus-grey", on=D(2017, 6, 6), company="Umbrella", position="CTO"),
]


def load(tmp_path: Path, rows, variant: str, name: str):
    folder = tmp_path / name
    folder.mkdir()
    path = folder / "Connections.csv"
    path.write_bytes(connections_bytes(rows, variant))
    return helpers.load_export(path)


def ids_by_name(net) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in net.connections.itertuples():
        out.setdefault(f"{r.first_name} {r.last_name}|{r.connected_on.date()}", []).append(r.contact_id)
    return out


def the_id(net, first, last, on) -> str:
    ids = ids_by_name(net)[f"{first} {last}|{on}"]
    assert len(ids) == 1, ids
    return ids[0]


def read_csv_file(path: Path) -> tuple[list[str], list[dict], str]:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header, body = rows[0], rows[1:]
    return header, [dict(zip(header, r)) for r in body if any(r)], sep


def write_csv_file(path: Path, header, rows, *, sep=",", eol="\r\n", bom=True):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=sep, lineterminator=eol)
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(c, "") for c in header])
    path.write_bytes(("\ufeff" if bom else "").encode() + buf.getvalue().encode("utf-8"))


@pytest.fixture
def tagged(tmp_path):
    """A network (2026 export) and a store with some of its people tagged."""
    net = load(tmp_path, PEOPLE_2026, "2024", "export_2026")
    s = helpers.TagStore(tmp_path / "tags.sqlite")
    ids = {r["first"]: the_id(net, r["first"].strip(), r["last"].strip(), r["connected_on"])
           for r in PEOPLE_2026}
    s.tag(ids["Ana"], relationship=3, business=1, note="kids in kindergarten; neighbour, 20 years")
    s.tag(ids["Bob"], relationship=1, business=2)
    s.tag(ids['Ann "Nan"'], relationship=2, note='says "hi"\nsecond line')
    s.tag(ids["Eve"], relationship=2, business=0, note='=HYPERLINK("http://evil.example","click")')
    s.tag(ids["Carl"], relationship=0, business=0, note="+1 555 0100")
    s.tag(ids["Dora"], business=3, note="@x")
    s.tag(ids["Gus"], relationship=2, business=2, note="-2+3")
    return net, s, ids


def test_export_csv_columns_values_and_bom(tmp_path, tagged):
    net, s, ids = tagged
    out = tmp_path / "tags.csv"
    s.export_csv(out, network=net)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, rows, _ = read_csv_file(out)
    assert header == CSV_COLUMNS
    by_id = {r["contact_id"]: r for r in rows}
    assert len(by_id) == len(rows)
    conns = net.connections.set_index("contact_id")
    for first, cid in ids.items():
        if first == "Finn":
            continue                                          # untagged: may or may not be listed
        row = by_id[cid]
        r, b, note = tags(s, cid)
        assert row["relationship"] == ("" if r is None else str(r)), row
        assert row["business"] == ("" if b is None else str(b)), row
        assert row["full_name"] == conns.loc[cid, "full_name"]
        for col in ("company", "position"):
            value = conns.loc[cid, col]
            value = "" if missing(value) else value
            cell = row[col]
            assert cell == value or (value[:1] in FORMULA_START and cell[1:] == value), (col, cell)
        assert row["tagged_at"], row
    if ids["Finn"] in by_id:
        f = by_id[ids["Finn"]]
        assert f["relationship"] == "" and f["business"] == "" and f["note"] == ""
    # a name with a comma, quotes and a newline is one cell, exactly
    assert by_id[ids['Ann "Nan"']]["full_name"] == 'Ann "Nan" Lee, PhD\nMBA'
    assert by_id[ids['Ann "Nan"']]["note"] == 'says "hi"\nsecond line'


def test_export_without_network_lists_tagged_contacts(tmp_path, tagged):
    _, s, ids = tagged
    out = tmp_path / "plain.csv"
    s.export_csv(out)
    header, rows, _ = read_csv_file(out)
    assert header == CSV_COLUMNS
    assert {r["contact_id"] for r in rows} == set(s.current().index)


def test_export_is_spreadsheet_safe_and_notes_come_back_unchanged(tmp_path, tagged):
    net, s, ids = tagged
    out = tmp_path / "tags.csv"
    s.export_csv(out, network=net)
    _, rows, _ = read_csv_file(out)
    for row in rows:
        for col, cell in row.items():
            assert not cell.startswith(FORMULA_START), (row["contact_id"], col, cell)
    before = tag_frame(s)
    n_history = len(history_rows(s))
    result = s.import_csv(out)
    assert n_of(result.changed) == 0
    assert str(result)
    for first, note in [("Eve", '=HYPERLINK("http://evil.example","click")'), ("Carl", "+1 555 0100"),
                        ("Dora", "@x"), ("Gus", "-2+3")]:
        assert tags(s, ids[first])[2] == note
    pd.testing.assert_frame_equal(tag_frame(s), before)
    assert len(history_rows(s)) == n_history


@pytest.mark.parametrize("with_network", [True, False])
def test_csv_round_trip_changes_nothing(tmp_path, tagged, with_network):
    net, s, ids = tagged
    out = tmp_path / "tags.csv"
    s.export_csv(out, network=net if with_network else None)
    before = tag_frame(s)
    n_history = len(history_rows(s))
    result = s.import_csv(out)
    assert n_of(result.changed) == 0
    pd.testing.assert_frame_equal(tag_frame(s), before)
    assert len(history_rows(s)) == n_history
    assert s.undo() == 3                                     # undo still takes back the last tag
    assert untagged(s, ids["Gus"])


DIALECTS = {
    "comma_crlf": dict(sep=",", eol="\r\n", bom=False, excel_dates=False),
    "semicolon_bom_crlf_excel": dict(sep=";", eol="\r\n", bom=True, excel_dates=True),
    "comma_lf_bom": dict(sep=",", eol="\n", bom=True, excel_dates=False),
}


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_edited_csv_applies_exactly_the_changes_as_one_undo_step(tmp_path, tagged, dialect):
    net, s, ids = tagged
    d = DIALECTS[dialect]
    out = tmp_path / "tags.csv"
    s.export_csv(out, network=net)
    header, rows, _ = read_csv_file(out)
    by_id = {r["contact_id"]: r for r in rows}
    by_id[ids["Ana"]]["relationship"] = "2"                              # 3 -> 2
    by_id[ids["Bob"]]["business"] = "0"                                  # 2 -> 0
    by_id[ids["Carl"]]["note"] = "new; with, punctuation and ünïcode"    # note changed
    by_id[ids['Ann "Nan"']]["relationship"] = ""                         # empty: unchanged
    by_id[ids["Gus"]]["note"] = ""                                       # empty: unchanged
    by_id[ids["Gus"]]["business"] = ""                                   # empty: unchanged
    if d["excel_dates"]:                                                 # Excel re-formats dates
        for r in rows:
            if r["tagged_at"]:
                r["tagged_at"] = ts(r["tagged_at"]).strftime("%d.%m.%Y %H:%M")
    edited = tmp_path / "edited.csv"
    write_csv_file(edited, header, rows, sep=d["sep"], eol=d["eol"], bom=d["bom"])

    before = {cid: tags(s, cid) for cid in ids.values()}
    expected = dict(before)
    a = before[ids["Ana"]]
    expected[ids["Ana"]] = (2, a[1], a[2])
    b = before[ids["Bob"]]
    expected[ids["Bob"]] = (b[0], 0, b[2])
    c = before[ids["Carl"]]
    expected[ids["Carl"]] = (c[0], c[1], "new; with, punctuation and ünïcode")

    result = s.import_csv(edited)
    assert n_of(result.changed) == 3                          # 3 contacts, one field each
    assert str(result)
    assert {cid: tags(s, cid) for cid in ids.values()} == expected
    h = history_rows(s)
    imported = h[h["source"] == "import"]
    assert len(imported) == 3 and imported["batch_id"].nunique() == 1
    assert sorted(imported["contact_id"]) == sorted([ids["Ana"], ids["Bob"], ids["Carl"]])
    assert s.undo() == 3                                      # one undo step takes it all back
    assert {cid: tags(s, cid) for cid in ids.values()} == before


def test_invalid_csv_rows_are_named_and_nothing_is_applied(tmp_path, tagged):
    net, s, ids = tagged
    s.tag_many([f"z{i}" for i in range(10, 30)], relationship=1)
    out = tmp_path / "tags.csv"
    s.export_csv(out)                                         # tagged contacts only, no newlines in names
    header, rows, _ = read_csv_file(out)
    rows.sort(key=lambda r: r["contact_id"])
    for r in rows:                                            # keep line numbers = row numbers
        r["note"] = r["note"].replace("\n", " ")
    assert len(rows) == 27
    rows[0]["relationship"] = "0" if rows[0]["relationship"] != "0" else "1"   # a valid change
    rows[10]["relationship"] = "7"                            # data row 11, spreadsheet line 12
    rows[15]["business"] = "lots"                             # data row 16, spreadsheet line 17
    bad = tmp_path / "bad.csv"
    write_csv_file(bad, header, rows)
    before = tag_frame(s)
    n_history = len(history_rows(s))
    with pytest.raises(ValueError) as info:
        s.import_csv(bad)
    msg = str(info.value)
    assert re.search(r"\b(11|12)\b", msg), msg
    assert re.search(r"\b(16|17)\b", msg), msg
    assert "7" in msg and "lots" in msg, msg
    assert "relationship" in msg.lower() and "business" in msg.lower(), msg
    pd.testing.assert_frame_equal(tag_frame(s), before)
    assert len(history_rows(s)) == n_history


def test_import_of_a_formula_note_typed_in_a_spreadsheet(tmp_path, tagged):
    """A note typed in the spreadsheet as plain text is taken as typed."""
    net, s, ids = tagged
    out = tmp_path / "tags.csv"
    s.export_csv(out)
    header, rows, _ = read_csv_file(out)
    by_id = {r["contact_id"]: r for r in rows}
    by_id[ids["Bob"]]["note"] = "sells CRM, met at the fair"
    write_csv_file(tmp_path / "edited.csv", header, rows)
    result = s.import_csv(tmp_path / "edited.csv")
    assert n_of(result.changed) == 1
    assert tags(s, ids["Bob"]) == (1, 2, "sells CRM, met at the fair")
    assert tags(s, ids["Eve"])[2] == '=HYPERLINK("http://evil.example","click")'


# ---------------------------------------------------------------------------
# sync: a newer export keeps every tag on the same person
# ---------------------------------------------------------------------------

# (first, last, connected on, slug in the 2026 export)
PEOPLE_BOTH = [
    ("Ana", "Pérez", D(2022, 3, 7), "ana-p%C3%A9rez-1a"),
    ("Bob", "Smith", D(2021, 8, 7), "bob-smith-77"),
    ("Lee", "Ng", D(2020, 1, 1), "lee-ng-a"),           # same name as the next, other date:
    ("Lee", "Ng", D(2021, 5, 5), "lee-ng-b"),           # the date tells them apart
    ("John", "Smith", D(2020, 6, 30), "john-smith-1"),  # same name and same date:
    ("John", "Smith", D(2020, 6, 30), "john-smith-2"),  # ambiguous, never guessed
    ("Carol", "Diaz", D(2019, 2, 14), "carol-diaz"),    # gone from the 2026 export
    ("Dan", "Untagged", D(2018, 4, 4), "dan-untagged"),
]


def export_rows(era: str):
    rows = []
    for first, last, on, slug in PEOPLE_BOTH:
        if era == "2026" and first == "Carol":
            continue
        rows.append(person(first, last, slug if era == "2026" else None, on=on,
                           company=f"{last} & Co", position="Partner"))
    if era == "2026":
        rows.append(person("Zoe", "New", "zoe-new", on=D(2025, 1, 1)))
    return sorted(rows, key=lambda r: r["connected_on"], reverse=True)


@pytest.fixture
def exports(tmp_path):
    path21 = tmp_path / "export_2021" / "Connections.csv"
    path21.parent.mkdir()
    path21.write_bytes(connections_bytes(export_rows("2021"), "2021"))
    path26 = tmp_path / "export_2026" / "Connections.csv"
    path26.parent.mkdir()
    path26.write_bytes(connections_bytes(export_rows("2026"), "2024"))
    head = path21.read_text().splitlines()
    assert head[0] == "Notes:" and head[1].startswith('"') and head[2] == ""
    assert head[3] == "First Name,Last Name,Email Address,Company,Position,Connected On"
    assert head[4].endswith(",07 Mar 2022")
    net21, net26 = helpers.load_export(path21), helpers.load_export(path26)
    assert net21.connections["profile_url"].isna().all()
    assert net26.connections["profile_url"].notna().all()
    return net21, net26


def old_and_new_ids(net21, net26):
    """Per person handle: (id in the 2021 export, id in the 2026 export or None)."""
    old, new = ids_by_name(net21), ids_by_name(net26)
    out = {}
    for first, last, on, _ in PEOPLE_BOTH:
        key = f"{first} {last}|{on}"
        if len(old[key]) == 1:
            out[f"{first}{on.year}"] = (old[key][0], (new.get(key) or [None])[0])
    johns_old, johns_new = old["John Smith|2020-06-30"], new["John Smith|2020-06-30"]
    assert len(johns_old) == 2 and len(johns_new) == 2
    out["John1"], out["John2"] = (johns_old[0], None), (johns_old[1], None)
    return out, johns_new


OLD_TAGS = {  # handle -> (relationship, business, note)
    "Ana2022": (3, 1, "kids in kindergarten"),
    "Bob2021": (2, None, None),
    "Lee2020": (1, 0, None),
    "Lee2021": (3, 3, "would vouch"),
    "John1": (2, 0, "neighbour"),
    "John2": (0, None, "which John?"),
    "Carol2019": (2, 1, "moved away"),
}


def tag_old(store, ids):
    store.tag(ids["Bob2021"][0], relationship=1)              # history with two steps for Bob
    for handle, (r, b, note) in OLD_TAGS.items():
        store.tag(ids[handle][0], relationship=r, business=b, note=note)


@pytest.mark.parametrize("synced_old_export_first", [True, False])
def test_sync_moves_tags_from_a_2021_export_to_a_2026_export(tmp_path, exports,
                                                             synced_old_export_first):
    net21, net26 = exports
    ids, johns_new = old_and_new_ids(net21, net26)
    s = helpers.TagStore(tmp_path / "tags.sqlite")
    if synced_old_export_first:
        s.sync(net21)
    tag_old(s, ids)
    if synced_old_export_first:                               # loading the same export again
        n_history = len(history_rows(s))
        again = s.sync(net21)
        assert not as_mapping(again.migrated)
        assert len(history_rows(s)) == n_history
    assert s.counts() == {"tagged": 7, "johns": 3}

    report = s.sync(net26)
    assert str(report)
    moved = {h: ids[h] for h in ("Ana2022", "Bob2021", "Lee2020", "Lee2021")}
    migrated = as_mapping(report.migrated)
    for handle, (old, new) in moved.items():
        assert migrated.get(old) == new, (handle, migrated)
        assert tags(s, new) == OLD_TAGS[handle], handle
        assert untagged(s, old), handle
        assert old not in s.current().index
    for old, new in migrated.items():                         # nothing moved to the wrong person
        assert old not in (ids["John1"][0], ids["John2"][0], ids["Carol2019"][0])
        assert new not in johns_new
    # ambiguous: reported, not guessed; their tags stay where they were
    amb = " ".join(strings_in(report.ambiguous)).casefold()
    assert "john smith" in amb or "john-smith" in amb, report.ambiguous
    for handle in ("John1", "John2"):
        assert tags(s, ids[handle][0]) == OLD_TAGS[handle]
    for new in johns_new:
        assert untagged(s, new)
    # missing from the newer export: reported, tags kept
    gone = strings_in(report.missing)
    assert ids["Carol2019"][0] in gone or "carol diaz" in " ".join(gone).casefold(), report.missing
    assert not any("dan" in g.casefold() or "zoe" in g.casefold() for g in gone), gone
    assert tags(s, ids["Carol2019"][0]) == OLD_TAGS["Carol2019"]
    assert s.counts() == {"tagged": 7, "johns": 3}
    h = history_rows(s)
    mig = h[h["source"] == "migration"]
    for handle, (old, new) in moved.items():
        assert new in set(mig["contact_id"]), handle
    assert not set(mig["contact_id"]) & {ids["John1"][0], ids["John2"][0], *johns_new}

    # the same export again changes nothing and keeps every tag
    state, n_history = tag_frame(s), len(history_rows(s))
    again = s.sync(net26)
    assert not as_mapping(again.migrated)
    pd.testing.assert_frame_equal(tag_frame(s), state)
    assert len(history_rows(s)) == n_history
    # and the moved tags live on under the new id
    s.tag(ids["Ana2022"][1], business=2)
    assert tags(s, ids["Ana2022"][1]) == (3, 2, "kids in kindergarten")


def test_sync_of_a_newer_export_with_the_same_urls_changes_nothing(tmp_path):
    old_rows = [person("Ana", "Pérez", "ana-p%C3%A9rez-1a", on=D(2022, 3, 7)),
                person("Bob", "Smith", "bob-smith-77", on=D(2021, 8, 7))]
    new_rows = [person("Zoe", "New", "zoe-new", on=D(2025, 1, 1), company="Newco"),
                person("Ana", "Pérez", "ana-pérez-1a", on=D(2022, 3, 7), company="Acme"),  # raw UTF-8
                person("Bob", "Smith", "bob-smith-77/", on=D(2021, 8, 7), company="Globex")]
    net_old = load(tmp_path, old_rows, "2024", "old")
    net_new = load(tmp_path, new_rows, "2024", "new")
    s = helpers.TagStore(tmp_path / "tags.sqlite")
    s.sync(net_old)
    ana = the_id(net_old, "Ana", "Pérez", D(2022, 3, 7))
    bob = the_id(net_old, "Bob", "Smith", D(2021, 8, 7))
    s.tag(ana, relationship=3, business=1, note="x")
    s.tag(bob, relationship=2)
    state, n_history = tag_frame(s), len(history_rows(s))
    report = s.sync(net_new)
    assert not as_mapping(report.migrated)
    assert not strings_in(report.missing)
    pd.testing.assert_frame_equal(tag_frame(s), state)
    assert len(history_rows(s)) == n_history
    assert tags(s, the_id(net_new, "Ana", "Pérez", D(2022, 3, 7))) == (3, 1, "x")


# ---------------------------------------------------------------------------
# a damaged store file is never silently replaced
# ---------------------------------------------------------------------------

def backups_of(tmp_path: Path, original: Path, data: bytes) -> list[Path]:
    return [p for p in tmp_path.rglob("*")
            if p.is_file() and p != original and p.read_bytes() == data]


def assert_refused_with_backup(tmp_path: Path, path: Path, data: bytes):
    with pytest.raises(ValueError) as info:
        helpers.TagStore(path)
    msg = str(info.value)
    assert path.name in msg, msg
    backups = backups_of(tmp_path, path, data)
    assert backups, "no backup with the original bytes"
    # the message says a backup was kept: in words, or by naming the backup file
    assert "backup" in msg.lower() or any(b.name in msg for b in backups), msg


@pytest.mark.parametrize("data", [
    b"this is not a database\n" * 400,
    os.urandom(8192),
    b"contact_id,relationship\nana,3\n",
])
def test_garbage_at_the_store_path_is_kept_and_reported(tmp_path, data):
    path = tmp_path / "tags.sqlite"
    path.write_bytes(data)
    assert_refused_with_backup(tmp_path, path, data)


def make_real_store(tmp_path: Path) -> Path:
    db = tmp_path / "tags.sqlite"
    w = Writer(db, "bulk", "t", 100, 30, log=tmp_path / "writer.err")
    lines = w.finish()
    assert w.proc.returncode == 0 and lines[-1] == "done", w.stderr()
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if extra.exists() and extra.stat().st_size == 0:
            extra.unlink()
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    return db


def really_damaged(db: Path) -> bool:
    try:
        return integrity(db) != "ok"
    except sqlite3.DatabaseError:
        return True


@pytest.mark.parametrize("keep", [0.5, 0.9, 60])
def test_truncated_store_is_kept_and_reported(tmp_path, keep):
    db = make_real_store(tmp_path)
    assert helpers.TagStore(db).counts()["tagged"] == 3000
    full = db.read_bytes()
    cut = int(len(full) * keep) if isinstance(keep, float) else keep
    cut -= cut % 512 if cut > 4096 else 0
    data = full[:cut]
    db.write_bytes(data)
    assert really_damaged(db)                                 # precondition: sqlite agrees
    db.write_bytes(data)                                      # (integrity_check may touch the file)
    assert_refused_with_backup(tmp_path, db, data)
