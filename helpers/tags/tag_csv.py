"""Reading tags back from a CSV a person edited in a spreadsheet: check every row, then apply."""
from pathlib import Path

import pandas as pd

from ..export.csv_text import read_table
from .contexts import MAX_LENGTH, contexts_value
from .scales import SCALES
from ..base.spreadsheet import from_spreadsheet_safe


def read_tag_csv(path) -> tuple[dict[str, dict], list[str]]:
    """{contact_id: {field: value}} for the non-empty cells; ValueError listing every bad row."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"{path}: expected a CSV of tags, but it could not be read ({error.strerror}).") from None
    table = read_table(data, path.name, {"contact_id"})
    if table is None:
        raise ValueError(f"{path}: expected a CSV with a 'contact_id' column (as TagStore.export_csv writes), "
                         "but found no such header. Export again, edit, and keep the header row.")
    frame = table.frame
    columns = [name for name in ("relationship", "business", "contexts", "note") if name in frame.columns]
    if not columns:
        raise ValueError(f"{path}: expected 'relationship', 'business', 'contexts' or 'note' columns; "
                         f"found {list(frame.columns)}.")
    rows, problems = {}, []
    for number, record in zip(range(2, len(frame) + 2), frame.to_dict("records")):  # row 1 is the header
        contact_id = from_spreadsheet_safe(record.get("contact_id"))
        values, errors = _row_values(record, columns)
        if pd.isna(contact_id):
            errors.append("no contact_id")
        elif contact_id in rows:
            errors.append(f"{contact_id} appears twice")
        problems += [f"row {number}: {error}" for error in errors]
        if not errors and values:
            rows[contact_id] = values
    if problems:
        raise ValueError(f"{path}: nothing was imported, because {len(problems):,} cells need fixing first: "
                         + "; ".join(problems[:10]) + (" ..." if len(problems) > 10 else "")
                         + ". Allowed ratings are 0, 1, 2, 3 (or the scale's words)"
                         + (f"; contexts are a few words each (at most {MAX_LENGTH} characters), separated by ';'"
                            if "contexts" in columns else "")
                         + "; leave a cell empty to keep a tag.")
    return rows, table.notes


def _row_values(record: dict, columns: list[str]) -> tuple[dict, list[str]]:
    values, errors = {}, []
    for name in columns:
        cell = record.get(name)
        if cell is None or pd.isna(cell) or str(cell).strip() == "":
            continue  # empty: keep the tag as it is
        if name == "note":
            values[name] = from_spreadsheet_safe(str(cell))
            continue
        if name == "contexts":  # "neighbour; school or kids": the whole set, as the export writes it
            try:
                values[name] = contexts_value([part for part in from_spreadsheet_safe(str(cell)).split(";") if part.strip()])
            except ValueError as error:
                errors.append(f"contexts: {error}")
            continue
        value = scale_value(name, str(cell))
        if value is None:
            errors.append(f"{name} {cell!r} is not 0-3")
        else:
            values[name] = value
    return values, errors


def scale_value(name: str, text: str) -> int | None:
    """'2', '2.0', '2 · Like' or 'like' -> 2; anything else -> None."""
    text = text.strip()
    words = {label.casefold(): value for value, label in SCALES[name].items()}
    if text.casefold() in words:
        return words[text.casefold()]
    head = text.split("·")[0].strip()
    try:
        number = float(head.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() and 0 <= number <= 3 else None
