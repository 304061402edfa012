"""Cells that are safe to open in Excel, LibreOffice or Google Sheets.

Names and companies are written by other LinkedIn members: a cell that starts with `=`, `+`,
`-`, `@`, a tab or a carriage return can run as a formula (OWASP "CSV injection"). Such cells
get a leading apostrophe, which spreadsheets show as plain text; reading our own files back
removes it again. A lone "-" and plain numbers are left alone.
"""
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def spreadsheet_safe(value):
    """Neutralise a cell that a spreadsheet would run as a formula; other values pass through."""
    if not isinstance(value, str) or not value.startswith(TRIGGERS):
        return value
    if value == "-" or _NUMBER.match(value):
        return value
    return "'" + value


def from_spreadsheet_safe(value):
    """Undo `spreadsheet_safe` for a cell read back from one of our files."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value
