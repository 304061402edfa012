"""The take-away layer: what a person leaves with: the reconnect list as a spreadsheet-safe CSV and an
iCalendar file (`reconnect_export`), and every chart (`charts`, plotly).

May import: `base`, `export`, `tags`, `gap`."""
