"""Dates as each era and each spreadsheet wrote them, recognised per file.

One file uses one form (LinkedIn's own, or the spreadsheet's that re-saved it), so the form is
chosen on a sample of the column and then applied to all of it at C speed; values it misses get
a second chance with the other forms (a half-converted spreadsheet).
"""
import re
import warnings

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
    present = values.dropna()
    if present.empty:
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"), None
    text = present.astype(str)
    form = _best_format(text.iloc[:SAMPLE])
    if form is None or _to_datetime(text.iloc[:SAMPLE], form).isna().any():
        text = _clean(text)  # trimmed, local month names in English: only when needed (it costs)
        form = _best_format(text.iloc[:SAMPLE])
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


def _best_format(sample: pd.Series) -> str | None:
    """The form that reads most of the sample; the first that reads all of it wins at once."""
    best, best_count = None, 0
    for form in FORMATS:
        count = _to_datetime(sample, form).notna().sum()
        if count == len(sample):
            return form
        if count > best_count:
            best, best_count = form, count
    return best


def _to_datetime(text: pd.Series, form: str) -> pd.Series:
    if form == "%Y-%m-%d %H:%M:%S UTC":  # messages.csv 2021-2026: numpy reads the ISO part directly
        try:
            with warnings.catch_warnings():  # numpy only warns on a time zone (`12:00 UT`): not this form
                warnings.simplefilter("error", UserWarning)
                stamps = np.array([value[:19] for value in text.to_numpy(dtype=object)], dtype="datetime64[s]")
            if all(value.endswith(" UTC") for value in text.iloc[:SAMPLE]):
                return pd.Series(stamps.astype("datetime64[ns]"), index=text.index)
        except (ValueError, TypeError, UserWarning):
            pass  # some value is not in this form: the general path below marks it missing
    if form.endswith(" UTC"):  # without the suffix an ISO form parses at C speed (300,000 messages)
        text, form = text.str.removesuffix(" UTC"), form.removesuffix(" UTC")
    parsed = pd.to_datetime(text, format=form, errors="coerce")
    return parsed.astype("datetime64[ns]")


def _parse_leftovers(text: pd.Series) -> pd.Series:
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for form in FORMATS:
        todo = result.isna()
        if not todo.any():
            break
        result[todo] = _to_datetime(text[todo], form)
    return result
