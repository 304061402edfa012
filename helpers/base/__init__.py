"""The base layer: small pieces every other layer uses (plain-words counts and time spans, spreadsheet-safe
cells, where a message sends the person next). Imports nothing from the rest of `helpers`."""
