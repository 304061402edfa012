"""Turn the bytes of one export CSV into a DataFrame of strings, whatever happened to the file.

LinkedIn writes UTF-8 with a preamble before the header; spreadsheets re-save it with a BOM,
CRLF, `;`, cp1252 or UTF-16 and pad the preamble with commas. So: sniff the encoding, find the
header row by its content (never a fixed skip), sniff the delimiter from that row, and name
columns forgivingly (case, spacing and invisible characters do not count; order never did).
"""
import codecs
import csv
import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field

import pandas as pd

from .errors import ExportError
from ..base.wording import plural

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
    """`' "Fir\\u200bst  NAME " '` -> `first name`: how columns are compared across eras and re-saves.

    Spreadsheets re-case and pad names and leave invisible characters (BOM, zero-width space):
    format characters are dropped, runs of spaces become one, case is folded."""
    text = str(raw)
    if not text.isascii():  # the header search names every cell of 60 lines: keep the usual case quick
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.strip().strip('"').strip()
    return re.sub(r"\s+", " ", text).casefold()


def decode_head(source) -> tuple:
    """Return (what to parse, where the text starts, its encoding, notes).

    `source` is bytes, or a file (a Path or a zip member: anything with `open` and `read_bytes`),
    which is parsed as a stream when its start looks ordinary (most exports). UTF-16 and NUL
    bytes need the whole file in memory: UTF-16 is re-encoded as UTF-8.
    """
    if not isinstance(source, bytes):
        with source.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        if not _needs_rewrite(head):
            return source, _bom_length(head), _encoding(head), _encoding_notes(head)
        source = source.read_bytes()
    notes = []
    if _needs_rewrite(source[:HEAD_BYTES]) and not source.startswith(codecs.BOM_UTF8):
        if source.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(source[:4096]):
            return _decode_utf16(source).encode("utf-8"), 0, "utf-8", ["saved as UTF-16 (converted)"]
    if NUL in source:
        notes.append(f"{source.count(NUL):,} NUL bytes were removed")
        source = source.replace(NUL, b"")
    start = _bom_length(source[:3])
    return source, start, _encoding(source[start:start + HEAD_BYTES]), notes + _encoding_notes(source[start:start + HEAD_BYTES])


def _needs_rewrite(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head[:4096]) or NUL in head


def _bom_length(head: bytes) -> int:
    return 3 if head.startswith(codecs.BOM_UTF8) else 0


def _encoding(head: bytes) -> str:
    # Danish/Western Excel saves "CSV" as cp1252: bytes that are not valid UTF-8.
    return "utf-8" if _is_utf8(head) else "cp1252"


def _encoding_notes(head: bytes) -> list[str]:
    return [] if _is_utf8(head) else ["not UTF-8: read as Windows-1252 (a spreadsheet re-save)"]


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


def read_table(source, file: str, required: set[str], strip: bool = True) -> CsvTable | None:
    """Parse a CSV (bytes, or a file: see `decode_head`) whose header has the `required` columns; else None."""
    source, start, encoding, notes = decode_head(source)
    head_text = _head(source, start).decode(encoding, errors="replace")
    found = find_header(head_text, required)
    if found is None:
        return None
    char_offset, delimiter, _ = found
    byte_offset = start + len(head_text[:char_offset].encode(encoding, errors="replace"))
    try:
        frame, skipped = _parse(source, byte_offset, file, encoding, delimiter)
    except UnicodeDecodeError:  # UTF-8 at the top, not further down: a re-saved file
        encoding, notes = "cp1252", notes + ["not UTF-8 throughout: read as Windows-1252 (a spreadsheet re-save)"]
        frame, skipped = _parse(source, byte_offset, file, encoding, delimiter)
    stray = _stray_lines(frame, source, start, encoding, delimiter)
    if stray.any():
        frame = frame.loc[~stray].reset_index(drop=True)
        notes.append(f"{plural(int(stray.sum()), 'line')} with a single value and no {delimiter!r} "
                     "(not a row) skipped")
    if strip:
        frame = _strip_cells(frame)
    if skipped:
        notes.append(f"{skipped:,} malformed lines (too many fields) were skipped")
    frame.columns = [column_name(c) for c in frame.columns]
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return CsvTable(frame, encoding, delimiter, notes)


def _head(source, start: int) -> bytes:
    if not isinstance(source, bytes):
        with source.open("rb") as handle:
            handle.seek(start)
            return handle.read(HEAD_BYTES)
    return source[start:start + HEAD_BYTES]


def _parse(source, start: int, file: str, encoding: str, delimiter: str):
    """(frame, lines skipped) parsing from `start`: as a stream, or from the bytes without copying them."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    with stream, warnings.catch_warnings(record=True) as caught:
        stream.seek(start)
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                stream, sep=delimiter, dtype=str, encoding=encoding,
                encoding_errors="strict" if encoding == "utf-8" else "replace", keep_default_na=False, na_values=[""],
                on_bad_lines="warn", engine="c", skip_blank_lines=True,
            )
        except UnicodeDecodeError:
            raise
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError, ValueError,
                OverflowError, MemoryError, zipfile.BadZipFile, EOFError, zlib.error, OSError) as error:
            raise ExportError(file, "a CSV file LinkedIn wrote", f"text that is not valid CSV ({error})",
                              "Take a fresh copy from the zip LinkedIn sent you; do not re-save it.") from None
    skipped = sum(str(w.message).count("Skipping line") for w in caught)
    return frame, skipped


def _stray_lines(frame: pd.DataFrame, source, start: int, encoding: str, delimiter: str) -> pd.Series:
    """Rows that came from a line with no delimiter at all under a header of several columns.

    A stray line after the data (`BADROW`, a note) parses as a row with only its first cell set.
    Only such candidates (rare) are checked against the text, so a real row with empty cells
    (`John,,,,`) stays."""
    none = pd.Series(False, index=frame.index)
    if frame.shape[1] < 2 or frame.empty:
        return none
    candidate = frame.iloc[:, 1:].isna().all(axis=1) & frame.iloc[:, 0].notna()
    if not candidate.any():
        return none
    data = source if isinstance(source, bytes) else source.read_bytes()
    text = data[start:].decode(encoding, errors="replace")
    bare, quoted = set(), False
    for line in re.split(r"\r\n?|\n", text):
        if not quoted and delimiter not in line:  # a line inside a quoted cell is part of a row
            bare.add(line.strip().strip('"'))
        quoted ^= line.count('"') % 2 == 1
    stray = none.copy()
    stray[candidate] = [str(value).strip().strip('"') in bare for value in frame.iloc[:, 0][candidate]]
    return stray


def _strip_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Trim every cell; a cell of only spaces is missing."""
    for name in frame.columns:
        column = frame[name].str.strip()
        frame[name] = column.where(column != "")
    return frame
