"""Following tagged people from one export to the next.

Profile slugs are stable, so most people keep their contact_id. Exports before 2024 had no URL:
their ids are `name|date`. When a newer export arrives, a tagged id that is no longer present is
matched by name and connection date (±1 day: older exports stored a time of day); a unique match
moves the tags (as `migration` events, so history shows it), several matches are reported.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from ..export.contact_matching import name_key
from ..base.wording import plural
from .scales import SCALES
from .transaction import Transaction


@dataclass
class SyncReport:
    """What `TagStore.sync` did with a (newer) export."""

    contacts: int = 0
    migrated: dict = field(default_factory=dict)     # old contact_id -> new contact_id
    ambiguous: dict = field(default_factory=dict)    # old contact_id -> candidate new ids
    missing: list = field(default_factory=list)      # tagged, not in this export: tags kept

    def __str__(self) -> str:
        lines = [f"{plural(self.contacts, 'contact')} in this export are known to your tag store."]
        if self.migrated:
            lines.append(f"{plural(len(self.migrated), 'tagged person')} matched to this export by name and "
                         "connection date: their tags moved with them.")
        if self.ambiguous:
            lines.append(f"{plural(len(self.ambiguous), 'tagged person')} match more than one contact of the same "
                         "name and date, so their tags were left where they are: " + ", ".join(sorted(self.ambiguous)[:5]))
        if self.missing:
            lines.append(f"{plural(len(self.missing), 'tagged person')} not in this export (removed connections?): "
                         "their tags are kept.")
        return "\n".join(lines)

    @property
    def not_found(self) -> int:
        """Tagged people this export does not show: ambiguous or missing."""
        return len(self.ambiguous) + len(self.missing)

    def not_found_note(self) -> str | None:
        """What a result built on this export should say about tags it could not show, and what to do."""
        if not self.not_found:
            return None
        shared = f" ({len(self.ambiguous):,} share a name and connection date with someone else)" if self.ambiguous else ""
        return (f"{plural(self.not_found, 'tagged person')} could not be found in this export{shared}: their tags "
                "are kept, not shown. print(store.sync(network)) says who; rate anyone you miss again with "
                "helpers.tagger(network, store).")


def remember_people(db, connections: pd.DataFrame) -> None:
    """Upsert who is in this export (name, connection date, company) into the store."""
    rows = pd.DataFrame({
        "contact_id": connections["contact_id"], "full_name": connections["full_name"],
        "name_key": name_key(connections["full_name"]),
        "connected_on": connections["connected_on"].dt.strftime("%Y-%m-%d"),
        "company": connections["company"], "position": connections["position"]})
    records = [tuple(None if pd.isna(v) else v for v in row) for row in rows.itertuples(index=False)]
    with Transaction(db):
        db.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (contact_id) DO UPDATE SET "
                       "full_name = excluded.full_name, name_key = excluded.name_key, connected_on = "
                       "excluded.connected_on, company = excluded.company, position = excluded.position", records)


def migrate_tags(store, connections: pd.DataFrame) -> SyncReport:
    """Move the tags of ids this export no longer has to the one contact with the same name and date.

    Runs on every gap table, so the usual case (every tagged id present) only compares id sets, and
    only contacts whose name a missing id has are looked at."""
    report = SyncReport(contacts=len(connections))
    tagged = store.tagged_ids()
    present = set(connections["contact_id"])
    gone = [cid for cid in tagged if cid not in present]
    if not gone:
        return report
    identities = {old_id: _identity(store, old_id) for old_id in gone}
    candidates = _candidates_by_name_and_date(connections, tagged, {i[0] for i in identities.values() if i})
    moves = []
    for old_id in gone:
        matches = _matches(identities[old_id], candidates)
        if len(matches) == 1:
            moves.append((old_id, matches[0]))
        elif matches:
            report.ambiguous[old_id] = matches
        else:
            report.missing.append(old_id)
    if moves:
        _move(store, store.current(), moves)
    report.migrated = dict(moves)
    return report


def _candidates_by_name_and_date(connections: pd.DataFrame, tagged: set, names: set) -> dict:
    """(name key, date) -> untagged contact_ids of this export, for the name keys in `names` only."""
    keys = name_key(connections["full_name"])
    wanted = keys.isin(names).to_numpy() & ~connections["contact_id"].isin(tagged).to_numpy()
    rows = connections.loc[wanted]
    found: dict = {}
    for cid, key, day in zip(rows["contact_id"], keys[wanted], rows["connected_on"]):
        if key and not pd.isna(day):
            found.setdefault((key, day.date()), []).append(cid)
    return found


def _identity(store, contact_id: str) -> tuple[str, date] | None:
    """Name key and connection date of a tagged id: from the store's memory, else from a `name|date` id."""
    row = store._db.execute("SELECT name_key, connected_on FROM people WHERE contact_id = ?", (contact_id,)).fetchone()
    if row and row[0] and row[1]:
        return row[0], date.fromisoformat(row[1])
    name, bar, day = contact_id.split("#")[0].rpartition("|")  # "#2": a repeated name and date
    try:
        return (" ".join(name.casefold().split()), date.fromisoformat(day)) if bar else None
    except ValueError:
        return None


def _matches(identity: tuple[str, date] | None, candidates: dict) -> list[str]:
    if identity is None:
        return []
    key, day = identity
    exact = candidates.get((key, day), [])
    if exact:
        return exact
    return [cid for shift in (-1, 1) for cid in candidates.get((key, day + timedelta(days=shift)), [])]


def _move(store, tagged: pd.DataFrame, moves: list[tuple[str, str]]) -> None:
    """Copy each moved person's tags to the new id and clear the old one, in one `migration` batch."""
    changes = []
    for old_id, new_id in moves:
        for name in ("relationship", "business", "note", "contexts"):
            value = tagged.at[old_id, name]
            if not pd.isna(value):
                changes += [(new_id, name, int(value) if name in SCALES else value), (old_id, name, None)]
    if changes:
        store._write(changes, "migration")
