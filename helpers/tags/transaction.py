"""One SQLite write transaction, shared by the store and the migration that follows people."""
import sqlite3


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT: one writer at a time; others wait up to the busy timeout."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, error, trace):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


