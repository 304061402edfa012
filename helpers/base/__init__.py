"""The base layer: small pieces every other layer uses (plain-words counts and time spans, spreadsheet-safe
cells). Imports nothing from the rest of `helpers`."""
