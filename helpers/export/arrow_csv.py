"""The fast path for a CSV that LinkedIn wrote as it always does: pyarrow's multi-threaded reader.

It takes only what it reads exactly as the pandas path would (`csv_text._parse`): UTF-8 text,
every row with as many cells as the header, distinct column names. Anything else (a row cut
short or too long, a stray line, bytes that are not UTF-8) returns None and the pandas path,
which knows how to forgive those, reads the file instead. Cells are strings, "" is missing.
"""
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv


def read_regular_csv(source, start: int, delimiter: str, names: list[str], strip: bool) -> pd.DataFrame | None:
    """Parse `source` (bytes, a Path, or anything with `read_bytes`) from byte `start`, its header line.

    `names`: the header's column names as the caller will use them; `strip`: trim every cell (a
    cell of only spaces is missing). Returns None where the file is not regular (see above)."""
    if len(set(names)) != len(names) or "" in names:
        return None
    try:
        data = _buffer(source)[start:]
        table = pa_csv.read_csv(
            data,
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True,
                null_values=[""], quoted_strings_can_be_null=True),
        )
    except pa.ArrowException:  # a row of another length, not UTF-8: the pandas path pads, skips and says so
        return None
    if strip:
        table = pa.table([_stripped(column) for column in table.columns], names=names)
    return table.to_pandas()  # pandas' own string dtype over the same arrow memory


def _stripped(column: pa.ChunkedArray) -> pa.ChunkedArray:
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def _buffer(source) -> pa.Buffer:
    return pa.py_buffer(source if isinstance(source, bytes) else source.read_bytes())
