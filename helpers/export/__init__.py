"""The export layer: LinkedIn's files (zip, folder or a lone Connections.csv, every era and spreadsheet
re-save) read into a `Network` by `network.load_export`, plus the synthetic sample export (`sample`).

May import: `base`. Never the tags, the gap, the take-away or the workbook."""
