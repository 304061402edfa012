"""Dates as each era and each spreadsheet wrote them, recognised per file.

One file uses one form (LinkedIn's own, or the spreadsheet's that re-saved it), so the form is
chosen on a sample of the column and then applied to all of it at C speed; values it misses get
a second chance with the other forms (a half-converted spreadsheet).
"""
import re
from datetime import datetime

import numpy as np
import pandas as pd

# Tried in this order; on a tie the earlier wins (month-first before day-first: LinkedIn is US-made).
FORMATS = (
    "%d %b %Y",                 # 07 Mar 2022 (Connections.csv since 2021)
    "%m/%d/%y, %I:%M %p",       # 7/3/17, 9:05 AM (2018 exports, invitations, recommendations)
    "%Y-%m-%d %H:%M:%S UTC",    # messages.csv 2021-2026
    "%Y-%m-%d %H:%M UTC",       # messages.csv re-saved by a spreadsheet (no seconds)
    "%Y/%m/%d %H:%M:%S UTC",    # endorsements
    "%Y-%m-%dT%H:%M:%S",        # messages.csv 2019-20
    "%d-%b-%y",                 # 7-Mar-25 (English Excel), 05-oct-21 (Spanish Excel)
    "%d-%b-%Y",
    "%d.%m.%Y",                 # 07.03.2022 (Danish / German Excel)
    "%d.%m.%y",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %Y",                    # Positions.csv
    "%Y",
)
SAMPLE = 400
_LITERALS = {form: set(re.sub("%.", "", form)) for form in FORMATS}  # what a value in that form must hold
NOT_A_TIME = np.datetime64("NaT", "ns")
# in seconds: numpy compares in the finer unit, and seconds never overflow where nanoseconds would
_NS_RANGE = (np.datetime64(pd.Timestamp.min.ceil("s"), "s"), np.datetime64(pd.Timestamp.max.floor("s"), "s"))
ISO_UTC = "%Y-%m-%d %H:%M:%S UTC"  # messages.csv 2021-2026
ISO_EXAMPLE = "2024-06-01 12:00:00 UTC"
_ISO_DIGITS = [i for i, char in enumerate(ISO_EXAMPLE) if char.isdigit()]
_ISO_FIXED = [i for i, char in enumerate(ISO_EXAMPLE) if not char.isdigit()]
_ISO_FIXED_BYTES = np.frombuffer(ISO_EXAMPLE.encode(), dtype=np.uint8)[_ISO_FIXED]
_ISO_FIELDS = [(0, 4), (4, 2), (6, 2), (8, 2), (10, 2), (12, 2)]  # year ... second, in _ISO_DIGITS

# Month abbreviations of the spreadsheet locales seen in re-saved exports, to English.
_MONTHS = {
    "ene": "jan", "abr": "apr", "ago": "aug", "dic": "dec", "sept": "sep", "set": "sep",  # es, it, pt
    "janv": "jan", "févr": "feb", "fevr": "feb", "mars": "mar", "avr": "apr", "mai": "may",
    "juin": "jun", "juil": "jul", "août": "aug", "aout": "aug", "déc": "dec",  # fr
    "mär": "mar", "mrz": "mar", "okt": "oct", "dez": "dec", "maj": "may", "mei": "may",  # de, da, nl
    "fev": "feb", "abri": "apr", "out": "oct",  # pt
}
_MONTH_WORD = re.compile(r"(?<=[\s\-./])([^\W\d_]{3,5})\.?(?=[\s\-./]|$)")


def _english_months(text: str) -> str:
    return _MONTH_WORD.sub(lambda m: _MONTHS.get(m.group(1).lower(), m.group(1)), text.strip())


def _clean(text: pd.Series) -> pd.Series:
    return text.map({value: _english_months(value) for value in text.unique()})


def parse_dates(values: pd.Series) -> tuple[pd.Series, str | None]:
    """Parse a column of date strings; return (datetime64 series with NaT, the form used)."""
    if values.isna().all():
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"), None
    stamps = _iso_utc(values)  # messages.csv 2021-2026: at once, with no sampling
    if stamps is not None:
        return stamps, ISO_UTC
    text = values.dropna().astype(str)
    form, reads_all = _best_format(text.iloc[:SAMPLE])
    if not reads_all:
        text = _clean(text)  # trimmed, local month names in English: only when needed (it costs)
        form, _ = _best_format(text.iloc[:SAMPLE])
    if form is None and text.str.fullmatch(r"\d{5}(\.\d+)?").all():
        return _excel_serial_days(text).reindex(values.index), "Excel serial day"
    parsed = _to_datetime(text, form) if form else pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    missed = parsed.isna()
    if missed.any():
        parsed[missed] = _parse_leftovers(text[missed])
    return parsed.reindex(values.index), form


def _excel_serial_days(text: pd.Series) -> pd.Series:
    """A spreadsheet that lost the date format writes days since 30 Dec 1899 (45000 = 15 Mar 2023)."""
    days = pd.to_numeric(text, errors="coerce")
    return (pd.Timestamp("1899-12-30") + pd.to_timedelta(days.where(days.between(1, 100_000)), unit="D")).astype(
        "datetime64[ns]")


def _best_format(sample: pd.Series) -> tuple[str | None, bool]:
    """(the form that reads most of the sample, whether it reads all of it); the first to read all wins."""
    for form in _plausible(sample):  # the usual file: one of these reads all of it
        if _to_datetime(sample, form).notna().all():
            return form, True
    best, best_count = None, 0
    for form in FORMATS:
        count = _to_datetime(sample, form).notna().sum()
        if count == len(sample):
            return form, True
        if count > best_count:
            best, best_count = form, count
    return best, False


def _plausible(sample: pd.Series, look_at: int = 3) -> list[str]:
    """The forms that read at least one of the first few values (Python's strptime: microseconds each).

    Trying all 26 forms on the whole sample with pandas costs milliseconds per form and file."""
    head = sample.drop_duplicates().head(look_at).tolist()
    return [form for form in FORMATS
            if any(_LITERALS[form] <= set(value) and _reads(value, form) for value in head)]


def _reads(value: str, form: str) -> bool:
    try:
        datetime.strptime(value, form)
        return True
    except ValueError:
        return False


def _to_datetime(text: pd.Series, form: str) -> pd.Series:
    codes, distinct = pd.factorize(text)  # Connections.csv: 30,000 dates, a few thousand distinct
    if form.endswith(" UTC"):  # without the suffix an ISO form parses at C speed
        distinct, form = distinct.str.removesuffix(" UTC"), form.removesuffix(" UTC")
    parsed = _nanoseconds(pd.to_datetime(distinct, format=form, errors="coerce").to_numpy())
    return pd.Series(np.append(parsed, NOT_A_TIME)[codes], index=text.index)


def _nanoseconds(stamps: np.ndarray) -> np.ndarray:
    """As datetime64[ns]; a year it cannot hold (before 1677, after 2262) is missing, never another date."""
    if stamps.dtype == "datetime64[ns]":
        return stamps
    outside = (stamps < _NS_RANGE[0]) | (stamps > _NS_RANGE[1])
    return np.where(outside, NOT_A_TIME, stamps).astype("datetime64[ns]")


def _iso_utc(text: pd.Series) -> pd.Series | None:
    """`2024-06-01 12:00:00 UTC` in every row (or missing), read as a table of characters; else None.

    messages.csv has 300,000 such stamps, nearly all distinct (pandas' strptime: 2 us each). Joined
    into one string they are rows of 23 bytes: checked and turned into numbers by array arithmetic.
    Anything else (another form, 31 February, 25 o'clock) is left to the general path."""
    present = text.notna().to_numpy()
    values = text.to_numpy(dtype=object)[present]
    try:
        if not (np.fromiter(map(len, values), dtype=np.int64, count=len(values)) == len(ISO_EXAMPLE)).all():
            return None
        chars = np.frombuffer("".join(values).encode("ascii"), dtype=np.uint8).reshape(len(values), len(ISO_EXAMPLE))
    except (TypeError, UnicodeEncodeError):  # not text, or not ASCII
        return None
    digits = chars[:, _ISO_DIGITS] - np.uint8(ord("0"))  # bytes below "0" wrap round to > 9
    if not ((chars[:, _ISO_FIXED] == _ISO_FIXED_BYTES).all() and (digits <= 9).all()):
        return None
    year, month, day, hour, minute, second = (
        digits[:, i:i + width].astype(np.int64) @ 10 ** np.arange(width - 1, -1, -1) for i, width in _ISO_FIELDS)
    if not (((month >= 1) & (month <= 12) & (day >= 1) & (hour < 24) & (minute < 60) & (second < 60)).all()):
        return None
    first_of_month = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
    days = first_of_month.astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
    if (days.astype("datetime64[M]") != first_of_month).any():  # 31 February
        return None
    stamps = days.astype("datetime64[s]") + (hour * 3600 + minute * 60 + second).astype("timedelta64[s]")
    parsed = np.full(len(text), NOT_A_TIME)
    parsed[present] = _nanoseconds(stamps)
    return pd.Series(parsed, index=text.index)


def _parse_leftovers(text: pd.Series) -> pd.Series:
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for form in FORMATS:
        todo = result.isna()
        if not todo.any():
            break
        result[todo] = _to_datetime(text[todo], form)
    return result
