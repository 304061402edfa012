"""The person's tags: an append-only event log in SQLite that never loses work.

Every change (a tag, a bulk tag, an import, an undo, a migration) is a batch of events; the
current tags are the latest event per contact and field. So history is complete (for progress
charts), undo is just more events, and two kernels can write at once (WAL, busy timeout).
A process killed mid-tagging loses nothing that `tag` had returned from (synchronous=FULL).
"""
import shutil
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from .scales import SCALES, is_john
from ..base.spreadsheet import spreadsheet_safe
from .contexts import added, contexts_value, parse_contexts, toggled
from .tag_csv import read_tag_csv
from .tag_migration import SyncReport, migrate_tags, remember_people
from .transaction import Transaction

STORE_NAME = "tags.sqlite"
FIELDS = ("relationship", "business", "note", "status", "contexts")
STATUSES = ("planned", "invited", "met", "helped each other")
CADENCE_MONTHS = {3: 3, 2: 6, 1: 12}  # trust: every 3 months, like: 6, know: 12
SCHEMA_VERSION = "2"  # 2: the contexts field (where you know them from) and the chats' looking_for
EVENTS_TABLE = """
CREATE TABLE IF NOT EXISTS {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    contact_id TEXT NOT NULL,
    field TEXT NOT NULL CHECK (field IN ('relationship', 'business', 'note', 'status', 'contexts')),
    value,                         -- 0-3 for the scales, text for notes and contexts; NULL = unknown / none
    at TEXT NOT NULL
);"""
EVENTS_INDEXES = """
CREATE INDEX IF NOT EXISTS events_by_contact ON events (contact_id, field, id);
CREATE INDEX IF NOT EXISTS events_by_batch ON events (batch_id);"""
SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    source TEXT NOT NULL,          -- tagger, bulk, import, undo, migration, chat, ...
    session TEXT NOT NULL,         -- which TagStore object wrote it (undo takes back its own first)
    undoes INTEGER REFERENCES batches(id)
);
""" + EVENTS_TABLE.format(name="events") + EVENTS_INDEXES + """
CREATE TABLE IF NOT EXISTS people (  -- who was in the exports synced so far, to follow them across exports
    contact_id TEXT PRIMARY KEY,
    full_name TEXT,
    name_key TEXT,
    connected_on TEXT,
    company TEXT,
    position TEXT
);
CREATE TABLE IF NOT EXISTS chats (  -- the coffee-chat log
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id TEXT NOT NULL,
    "on" TEXT NOT NULL,
    what_they_do TEXT,
    how_i_can_help TEXT,
    how_they_can_help TEXT,
    next_step TEXT,
    logged_at TEXT NOT NULL,
    looking_for TEXT               -- what they are looking for right now (schema 2)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
INSERT OR IGNORE INTO meta VALUES ('schema', '2');
"""


class TagStoreError(ValueError):
    """The tag store file cannot be used; the message says what to do, and a backup was kept."""


def _needs_upgrade(db: sqlite3.Connection) -> bool:
    events = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone()[0]
    chats = {row[1] for row in db.execute("PRAGMA table_info(chats)")}
    return "'contexts'" not in events or "looking_for" not in chats


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def validate_scale(name: str, value) -> int | None:
    """An integer 0–3 for a scale, or None (leave unchanged); anything else is a ValueError."""
    if value is None:
        return None
    allowed = ", ".join(f"{k} ({v})" for k, v in SCALES[name].items())
    integral = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    if not integral or not 0 <= int(value) <= 3:
        raise ValueError(f"{name} must be one of {allowed}, or None to leave it unchanged; got {value!r}")
    return int(value)


def next_reach_out(last_contact, relationship, cadence: dict = CADENCE_MONTHS):
    """When to reach out again: the last contact plus the tier's cadence (None when not rated or 0)."""
    months = cadence.get(int(relationship)) if relationship is not None and not pd.isna(relationship) else None
    if months is None or last_contact is None or pd.isna(last_contact):
        return None
    return (pd.Timestamp(last_contact) + pd.DateOffset(months=months)).date()


def validate_note(note) -> str | None:
    if note is None or isinstance(note, str):
        return note
    raise ValueError(f"note must be text (or None to leave it unchanged; \"\" clears it); got {note!r}")


class TagStore:
    """Your ratings of your contacts, saved the moment you make them (see docs/tag-store-contract.md)."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.session = uuid.uuid4().hex
        self._db = self._open()
        self._state: dict[str, dict[str, tuple]] = {}  # contact_id -> field -> (value, at)
        self._last_event = 0

    # -- opening ------------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout = 30000")
            if existed:
                self._check(db)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.executescript(SCHEMA)
            self._upgrade(db)
            return db
        except sqlite3.DatabaseError as error:
            raise self._unusable(error) from None

    def _check(self, db: sqlite3.Connection) -> None:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(result)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"batches", "events"} <= tables:
            raise sqlite3.DatabaseError("it is an SQLite file, but not a tag store")

    def _upgrade(self, db: sqlite3.Connection) -> None:
        """A store from before contexts (schema 1) gains them, keeping every event and its id.

        SQLite cannot change a CHECK constraint in place, so the events table is copied into a new one
        and swapped, in one transaction (all or nothing), after a backup copy of the whole file.
        """
        if not _needs_upgrade(db):
            return
        backup = self.path.with_name(f"{self.path.name}.schema-1.bak")
        if not backup.exists():
            with sqlite3.connect(backup) as copy:
                db.backup(copy)
            copy.close()
        with Transaction(db):
            if not _needs_upgrade(db):  # another notebook upgraded it while we waited for the lock
                return
            before = db.execute("SELECT count(*), coalesce(max(id), 0) FROM events").fetchone()
            db.execute(EVENTS_TABLE.format(name="events_v2"))
            db.execute("INSERT INTO events_v2 (id, batch_id, contact_id, field, value, at) "
                       "SELECT id, batch_id, contact_id, field, value, at FROM events ORDER BY id")
            after = db.execute("SELECT count(*), coalesce(max(id), 0) FROM events_v2").fetchone()
            if after != before:
                raise sqlite3.DatabaseError(f"the upgrade copied {after[0]} of {before[0]} events")
            db.execute("DROP TABLE events")
            db.execute("ALTER TABLE events_v2 RENAME TO events")
            for statement in EVENTS_INDEXES.strip().splitlines():
                db.execute(statement)
            if "looking_for" not in {row[1] for row in db.execute("PRAGMA table_info(chats)")}:
                db.execute("ALTER TABLE chats ADD COLUMN looking_for TEXT")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    def _unusable(self, error: Exception) -> TagStoreError:
        backup = self.path.with_name(f"{self.path.name}.unreadable-{datetime.now():%Y%m%d-%H%M%S}.bak")
        shutil.copy2(self.path, backup)
        return TagStoreError(
            f"{self.path}: expected your tag store (an SQLite file), but it could not be read ({error}). "
            f"Nothing was changed and a copy was kept at {backup}. To start a new store, move {self.path.name} "
            "away; to recover your tags, import a CSV you exported earlier with TagStore.import_csv.")

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        counts = self.counts()
        return f"<TagStore {self.path}: {counts['tagged']:,} tagged, {counts['johns']:,} Johns>"

    # -- reading ------------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Take in events written since the last look (by this or another process)."""
        rows = self._db.execute("SELECT id, contact_id, field, value, at FROM events WHERE id > ? ORDER BY id",
                                (self._last_event,)).fetchall()
        for event_id, contact_id, name, value, at in rows:
            self._state.setdefault(contact_id, {})[name] = (value, at)
            self._last_event = event_id

    def get(self, contact_id: str) -> dict | None:
        self._refresh()
        fields = self._state.get(contact_id)
        if not fields or all(value is None for value, _ in fields.values()):
            return None
        return {**{name: fields.get(name, (None, None))[0] for name in FIELDS},
                "tagged_at": pd.Timestamp(max(at for value, at in fields.values() if value is not None))}

    def current(self) -> pd.DataFrame:
        """Tagged contacts only: relationship, business (Int64, NA = unknown), note, tagged_at."""
        rows = self._tagged()
        frame = pd.DataFrame({
            name: pd.Series([f.get(name, (None, None))[0] for f in rows.values()], index=list(rows), dtype=object)
            for name in FIELDS})
        frame["relationship"] = frame["relationship"].astype("Int64")
        frame["business"] = frame["business"].astype("Int64")
        for text in ("note", "status", "contexts"):
            frame[text] = frame[text].astype("str").where(frame[text].notna())
        latest = [max(at for v, at in f.values() if v is not None) for f in rows.values()]
        frame["tagged_at"] = pd.to_datetime(pd.Series(latest, index=list(rows), dtype=object)).astype("datetime64[ns]")
        frame.index.name = "contact_id"
        return frame

    def tagged_ids(self) -> set:
        """The contact_ids with any tag, note or status (cheaper than `current()` when that is all you need)."""
        return set(self._tagged())

    def _tagged(self) -> dict[str, dict[str, tuple]]:
        """contact_id -> field -> (value, at), for contacts with any value set (undo can unset all)."""
        self._refresh()
        return {cid: fields for cid, fields in self._state.items() if any(v is not None for v, _ in fields.values())}

    def _stored(self, contact_id: str, name: str):
        """The value last stored for one field (None when never set or cleared); call `_refresh` first."""
        return self._state.get(contact_id, {}).get(name, (None,))[0]

    def counts(self) -> dict:
        """How many contacts are tagged, and how many of them are Johns."""
        self._refresh()
        tagged = johns = 0
        for fields in self._state.values():
            relationship = fields.get("relationship", (None,))[0]
            business = fields.get("business", (None,))[0]
            if relationship is not None or business is not None:
                tagged += 1
                johns += is_john(relationship, business)
        return {"tagged": tagged, "johns": johns}

    def history(self) -> pd.DataFrame:
        """Every change ever made, oldest first."""
        return pd.read_sql_query(
            "SELECT e.id AS event_id, e.batch_id, e.contact_id, e.field, e.value, e.at, b.source "
            "FROM events e JOIN batches b ON b.id = e.batch_id ORDER BY e.id", self._db, parse_dates=["at"])

    # -- writing ------------------------------------------------------------------------------
    def tag(self, contact_id: str, relationship=None, business=None, note=None, source: str = "tagger") -> int:
        """Rate one contact; saved at once. Returns how many fields changed."""
        values = {"relationship": validate_scale("relationship", relationship),
                  "business": validate_scale("business", business), "note": validate_note(note)}
        changes = [(contact_id, name, (value if value != "" else None)) for name, value in values.items()
                   if value is not None]
        return self._write(changes, source)

    def tag_many(self, contact_ids, relationship=None, business=None, source: str = "bulk") -> int:
        """Rate many contacts at once (one transaction, one undo step). Returns how many changed."""
        values = {"relationship": validate_scale("relationship", relationship),
                  "business": validate_scale("business", business)}
        ids = list(dict.fromkeys(str(cid) for cid in contact_ids))
        changes = [(cid, name, value) for cid in ids for name, value in values.items() if value is not None]
        return self._write(changes, source, count="contacts")

    def clear(self, contact_id: str) -> int:
        """Back to unknown on both scales (the note stays)."""
        return self._write([(contact_id, name, None) for name in ("relationship", "business")], "clear")

    # -- where you know them from (contexts) --------------------------------------------------------
    def contexts(self, contact_id: str) -> list[str]:
        """Where you know this person from, e.g. ["neighbour", "school or kids"]; [] when not said."""
        self._refresh()
        return parse_contexts(self._stored(contact_id, "contexts"))

    def set_contexts(self, contact_id: str, contexts, source: str = "tagger") -> int:
        """Replace a person's contexts (the listed ones or your own words; [] clears them). One undo step."""
        return self._write([(contact_id, "contexts", contexts_value(contexts))], source)

    def toggle_context(self, contact_id: str, context: str, source: str = "tagger") -> list[str]:
        """Add the context, or take it away when it is there (one click on the tagger). Returns the new list."""
        _, after = self._update_contexts([contact_id], lambda value: toggled(value, context), source)
        return parse_contexts(after[contact_id])

    def add_context_many(self, contact_ids, context: str, source: str = "bulk") -> int:
        """Add one context to many people at once (one undo step). Returns how many changed."""
        ids = list(dict.fromkeys(str(cid) for cid in contact_ids))
        before, after = self._update_contexts(ids, lambda value: added(value, context), source)
        return sum(before[cid] != after[cid] for cid in ids)

    def _update_contexts(self, ids: list[str], change, source: str) -> tuple[dict, dict]:
        """Stored values before and after `change`; read and written in one transaction, so two
        notebooks clicking at once both count."""
        change(None)  # a bad context raises here, before the lock is taken
        with self._transaction():
            self._refresh()
            before = {cid: self._stored(cid, "contexts") for cid in ids}
            after = {cid: change(value) for cid, value in before.items()}
            self._append([(cid, "contexts", value) for cid, value in after.items()], source)
        self._refresh()
        return before, after

    def _changed(self, changes: list[tuple]) -> list[tuple]:
        self._refresh()
        return [(cid, name, value) for cid, name, value in changes
                if self._stored(cid, name) != value]

    def _write(self, changes: list[tuple], source: str, count: str = "fields") -> int:
        """Append the changes that differ from the current tags as one batch; returns the count."""
        with self._transaction():
            changed = self._append(changes, source)
        self._refresh()
        return len({cid for cid, _, _ in changed}) if count == "contacts" else len(changed)

    def _append(self, changes: list[tuple], source: str, undoes: int | None = None) -> list[tuple]:
        """Inside a transaction: one batch of events for the changes that differ from the current tags."""
        changed = self._changed(changes) if source != "undo" else changes
        if not changed:
            return []
        at = _now()
        batch = self._db.execute("INSERT INTO batches (at, source, session, undoes) VALUES (?, ?, ?, ?)",
                                 (at, source, self.session, undoes)).lastrowid
        self._db.executemany("INSERT INTO events (batch_id, contact_id, field, value, at) VALUES (?, ?, ?, ?, ?)",
                             [(batch, cid, name, value, at) for cid, name, value in changed])
        return changed

    def _transaction(self):
        return Transaction(self._db)

    def undo(self) -> int:
        """Take back the last change (this session's, else the store's). Returns fields restored."""
        with self._transaction():
            batch = self._last_undoable()
            if batch is None:
                return 0
            restore = self._db.execute(
                "SELECT e.contact_id, e.field, (SELECT p.value FROM events p WHERE p.contact_id = e.contact_id "
                "AND p.field = e.field AND p.id < e.id ORDER BY p.id DESC LIMIT 1) FROM events e WHERE e.batch_id = ?",
                (batch,)).fetchall()
            self._append(restore, "undo", undoes=batch)
        self._refresh()
        return len(restore)

    def _last_undoable(self) -> int | None:
        # the person's own changes; following people to a newer export is not something to take back
        query = ("SELECT id FROM batches b WHERE source NOT IN ('undo', 'migration') {mine} AND NOT EXISTS "
                 "(SELECT 1 FROM batches u WHERE u.undoes = b.id) ORDER BY id DESC LIMIT 1")
        row = self._db.execute(query.format(mine="AND session = ?"), (self.session,)).fetchone()
        row = row or self._db.execute(query.format(mine="")).fetchone()
        return row[0] if row else None

    # -- coffee chats and the pipeline ------------------------------------------------------------
    def set_status(self, contact_id: str, status: str) -> int:
        """Where a coffee chat stands: planned, invited, met, helped each other."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}; got {status!r}")
        return self._write([(contact_id, "status", status)], "status")

    def log_chat(self, contact_id: str, on=None, what_they_do: str = "", how_i_can_help: str = "",
                 how_they_can_help: str = "", next_step: str = "", business=None,
                 cadence: dict = CADENCE_MONTHS, looking_for: str = "") -> dict:
        """Record a coffee chat; business knowledge goes up, status and next reach-out follow."""
        day = pd.Timestamp(on or datetime.now().date()).normalize()
        texts = [validate_note(t) or "" for t in (what_they_do, how_i_can_help, how_they_can_help, next_step,
                                                   looking_for)]
        helped = bool(texts[1].strip() and texts[2].strip())
        before = self.get(contact_id) or {}
        known = before.get("business")
        business = validate_scale("business", business)
        if business is None:
            business = max(known if known is not None else 0, 3 if helped else 2)
        status = "helped each other" if helped else "met"
        with self._transaction():
            self._db.execute('INSERT INTO chats (contact_id, "on", what_they_do, how_i_can_help, how_they_can_help, '
                             'next_step, looking_for, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                             (contact_id, day.strftime("%Y-%m-%d"), *texts, _now()))
            self._append([(contact_id, "business", business), (contact_id, "status", status)], "chat")
        self._refresh()
        return {"business": business, "status": status,
                "next_reach_out": next_reach_out(day, before.get("relationship"), cadence)}

    def chats(self) -> pd.DataFrame:
        """Every coffee chat logged, oldest first."""
        frame = pd.read_sql_query('SELECT contact_id, "on", what_they_do, how_i_can_help, how_they_can_help, '
                                  "looking_for, next_step, logged_at FROM chats ORDER BY id", self._db)
        frame["on"] = pd.to_datetime(frame["on"]).astype("datetime64[ns]")
        frame["logged_at"] = pd.to_datetime(frame["logged_at"]).astype("datetime64[ns]")
        return frame

    # -- CSV ----------------------------------------------------------------------------------
    def export_csv(self, path, network=None) -> Path:
        """Your tags as a spreadsheet-safe CSV (UTF-8 with BOM): every contact when `network` is given."""
        tags = self.current()
        people = self._people(network)
        frame = people.join(tags, how="outer") if network is not None else tags.join(people, how="left")
        frame = frame.reindex(columns=["full_name", "company", "position", "relationship", "business", "contexts",
                                       "note", "tagged_at"])
        frame["tagged_at"] = frame["tagged_at"].dt.strftime("%Y-%m-%d %H:%M")
        frame = frame.reset_index().rename(columns={"index": "contact_id"})
        for column in ("contact_id", "full_name", "company", "position", "contexts", "note"):
            frame[column] = frame[column].map(spreadsheet_safe)
        path = Path(path)
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        return path

    def _people(self, network) -> pd.DataFrame:
        if network is not None:
            people = network.connections.set_index("contact_id")[["full_name", "company", "position"]]
        else:
            people = pd.read_sql_query("SELECT contact_id, full_name, company, position FROM people",
                                       self._db, index_col="contact_id")
        people.index.name = "contact_id"
        return people

    def import_csv(self, path):
        """Bring back tags edited in a spreadsheet; all rows are checked before anything is saved."""
        rows, notes = read_tag_csv(path)
        changes = [(cid, name, value) for cid, values in rows.items() for name, value in values.items()]
        changed = self._changed(changes)
        self._write(changed, "import")  # one undo step for the whole file
        known = self._known_ids()
        return ImportResult(changed=len(changed), unchanged=len(changes) - len(changed),
                            unknown_contacts=sorted(cid for cid in rows if known and cid not in known), notes=notes)

    def _known_ids(self) -> set:
        return {row[0] for row in self._db.execute("SELECT contact_id FROM people")}

    # -- following people across exports ----------------------------------------------------------
    def sync(self, network) -> SyncReport:
        """Record who is in this export and move tags of people whose contact_id changed."""
        remember_people(self._db, network.connections)
        return self.follow(network)

    def follow(self, network) -> SyncReport:
        """Move tags of people whose contact_id changed in this export; `sync` without recording who is in it.

        What `gap_table` and `reconnect_list` call on every use: when every tagged id is in the
        network it only compares two sets of ids, and it writes only when a tag moves."""
        return migrate_tags(self, network.connections)


@dataclass
class ImportResult:
    changed: int
    unchanged: int
    unknown_contacts: list
    notes: list = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.changed:,} ratings or notes changed, {self.unchanged:,} already as in the file."
        if self.unknown_contacts:
            text += (f" {len(self.unknown_contacts):,} rows are for contacts not in your synced exports "
                     "(kept anyway).")
        return text
