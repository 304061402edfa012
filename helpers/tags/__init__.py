"""The tags layer: the two scales, where you know people from (`contexts`), the person's ratings in an
append-only SQLite store (`tag_store.TagStore`),
their CSV round trip, and following tagged people into a newer export (`tag_migration`).

May import: `base`, `export`. The store takes its path; which folder it lives in is decided by the workbook layer."""
