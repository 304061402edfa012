"""Turn the bytes of one export CSV into a DataFrame of strings, whatever happened to the file.

LinkedIn writes UTF-8 with a preamble before the header; spreadsheets re-save it with a BOM,
CRLF, `;`, cp1252 or UTF-16 and pad the preamble with commas. So: sniff the encoding, find the
header row by its content (never a fixed skip), sniff the delimiter from that row, and name
columns case-insensitively.
"""
import codecs
import csv
import io
import re
import warnings
from dataclasses import dataclass, field

import pandas as pd

from .errors import ExportError

HEAD_BYTES = 64 * 1024  # the header is always near the top; never scan a huge file for it
HEAD_LINES = 60
DELIMITERS = (",", ";", "\t")
NUL = b"\x00"


@dataclass
class CsvTable:
    """A parsed CSV: columns renamed to lower-case names, every cell a string or missing."""

    frame: pd.DataFrame
    encoding: str
    delimiter: str
    notes: list[str] = field(default_factory=list)


def column_name(raw) -> str:
    """`' "First Name" '` -> `first name`: how columns are compared across eras and re-saves."""
    text = str(raw).replace("\ufeff", "").strip().strip('"').strip()
    return re.sub(r"\s+", " ", text).lower()


def decode_head(data: bytes) -> tuple[bytes, str, list[str]]:
    """Return (bytes to parse, their encoding, notes). UTF-16 is re-encoded as UTF-8."""
    notes = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:], "utf-8", notes
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data[:4096]):
        text = _decode_utf16(data)
        return text.encode("utf-8"), "utf-8", ["saved as UTF-16 (converted)"]
    if NUL in data:
        notes.append(f"{data.count(NUL):,} NUL bytes were removed")
        data = data.replace(NUL, b"")
    if _is_utf8(data):
        return data, "utf-8", notes
    # Danish/Western Excel saves "CSV" as cp1252: bytes that are not valid UTF-8.
    return data, "cp1252", notes + ["not UTF-8: read as Windows-1252 (a spreadsheet re-save)"]


def _is_utf8(data: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:HEAD_BYTES])  # a cut character at the end is fine
        return True
    except UnicodeDecodeError:
        return False


def _looks_utf16(head: bytes) -> bool:
    even, odd = head[0::2], head[1::2]
    return len(head) >= 4 and (odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even))


def _decode_utf16(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace")
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", errors="replace")
    big_endian = data[:4096][0::2].count(0) > data[:4096][1::2].count(0)
    return data.decode("utf-16-be" if big_endian else "utf-16-le", errors="replace")


def find_header(head_text: str, required: set[str]) -> tuple[int, str, list[str]] | None:
    """Find the first line holding every `required` column name: (char offset, delimiter, names)."""
    offset = 0
    for line in head_text.splitlines(keepends=True)[:HEAD_LINES]:
        for delimiter in DELIMITERS:
            if delimiter not in line and len(required) > 1:
                continue
            names = [column_name(cell) for cell in _split_line(line, delimiter)]
            if required <= set(names):
                return offset, delimiter, names
        offset += len(line)
    return None


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line.strip("\r\n")], delimiter=delimiter), [])
    except csv.Error:
        return line.strip("\r\n").split(delimiter)


def first_lines(data: bytes, count: int = 3) -> str:
    """A short, printable glimpse of a file for error messages."""
    text = data[:400].decode("utf-8", errors="replace").replace("\x00", "")
    lines = [line.strip()[:80] for line in text.splitlines() if line.strip()][:count]
    return " / ".join(repr(line) for line in lines) or "no text at all"


def read_table(data: bytes, file: str, required: set[str], strip: bool = True,
               as_object: bool = False) -> CsvTable | None:
    """Parse `data` as a CSV whose header has the `required` columns; None if no such header."""
    data, encoding, notes = decode_head(data)
    head_text = data[:HEAD_BYTES].decode(encoding, errors="replace")
    found = find_header(head_text, required)
    if found is None:
        return None
    char_offset, delimiter, _ = found
    byte_offset = len(head_text[:char_offset].encode(encoding, errors="replace"))
    dtype = object if as_object else str
    try:
        frame, skipped = _parse(data, byte_offset, file, encoding, delimiter, dtype)
    except UnicodeDecodeError:  # UTF-8 at the top, not further down: a re-saved file
        encoding, notes = "cp1252", notes + ["not UTF-8 throughout: read as Windows-1252 (a spreadsheet re-save)"]
        frame, skipped = _parse(data, byte_offset, file, encoding, delimiter, dtype)
    if strip:
        frame = _strip_cells(frame)
    if skipped:
        notes.append(f"{skipped:,} malformed lines (too many fields) were skipped")
    frame.columns = [column_name(c) for c in frame.columns]
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return CsvTable(frame, encoding, delimiter, notes)


def _parse(data: bytes, start: int, file: str, encoding: str, delimiter: str, dtype) -> tuple[pd.DataFrame, int]:
    stream = io.BytesIO(data)  # shares the bytes (no copy of a 100 MB file); parsing starts at the header
    stream.seek(start)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                stream, sep=delimiter, dtype=dtype, encoding=encoding,
                encoding_errors="strict" if encoding == "utf-8" else "replace", keep_default_na=False, na_values=[""],
                on_bad_lines="warn", engine="c", skip_blank_lines=True,
            )
        except UnicodeDecodeError:
            raise
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError, ValueError,
                OverflowError, MemoryError) as error:
            raise ExportError(file, "a CSV file LinkedIn wrote", f"text that is not valid CSV ({error})",
                              "Take a fresh copy from the zip LinkedIn sent you; do not re-save it.") from None
    skipped = sum(str(w.message).count("Skipping line") for w in caught)
    return frame, skipped


def _strip_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Trim every cell; a cell of only spaces is missing."""
    for name in frame.columns:
        column = frame[name].str.strip()
        frame[name] = column.where(column != "")
    return frame
