"""One key per LinkedIn profile, however a file of the export writes the URL.

Connections.csv percent-encodes non-ASCII slugs, messages and invitations use raw Unicode,
endorsements drop the scheme: normalise all of them before joining files.
"""
import codecs
import re
import unicodedata
from urllib.parse import unquote

import numpy as np
import pandas as pd

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_SLUG_END = re.compile(r"[/?#\s]")
_SUBDOMAIN = re.compile(r"^(?:www\.|[a-z]{2}\.)(?=linkedin\.com)")
_LONE_PERCENT = re.compile(r"%(?![0-9a-fA-F]{2})")  # unquote leaves it as it is
_PROFILE_PATH = "linkedin.com/in/"


def normalise_profile_url(url) -> str | None:
    """`https://www.linkedin.com/in/ana-p%C3%A9rez-1a2b/` -> `linkedin.com/in/ana-pérez-1a2b`."""
    if not isinstance(url, str):
        return None
    text = unicodedata.normalize("NFC", unquote(url.strip())).lower()
    text = _SCHEME.sub("", text)
    text = re.split(r"[?#]", text, maxsplit=1)[0]
    text = _SUBDOMAIN.sub("", text).rstrip("/").strip()
    return text or None


def profile_key(url) -> str | None:
    """The profile's slug (`ana-pérez-1a2b`): the contact_id of anyone with a URL."""
    if not isinstance(url, str):
        return None
    text = unquote(url.strip()) if "%" in url else url.strip()
    text = (text if text.isascii() else unicodedata.normalize("NFC", text)).lower()
    return _slug(text, url)


def profile_keys(urls: pd.Series) -> pd.Series:
    """Vectorised `profile_key`: each distinct URL is keyed once, most of them at C speed."""
    codes, distinct = pd.factorize(urls, use_na_sentinel=True)
    keys = np.append(distinct_profile_keys(distinct), None)
    return pd.Series(keys[codes], index=urls.index, dtype=object)


def distinct_profile_keys(urls) -> np.ndarray:
    """`profile_key` of each of `urls` (distinct strings), as an object array, at C speed.

    The URLs are joined by newlines and decoded, normalised, lower-cased and searched as one
    string: none of those steps crosses a newline, so each line gets what `profile_key` gives
    its URL. Where the join could change a URL (a newline or backslash in it, a % that
    unquote would leave), each goes through `profile_key` on its own."""
    urls = list(urls)
    lines = _keyed_lines(urls) if all(isinstance(url, str) for url in urls) else None
    keys = [profile_key(url) for url in urls] if lines is None else [
        _slug(line, url) for line, url in zip(lines.split("\n"), urls)]
    result = np.empty(len(keys), dtype=object)
    result[:] = keys
    return result


def _slug(text: str, url: str) -> str | None:
    """The end of `profile_key`, on `text` (its URL decoded, normalised, lower-cased)."""
    start = text.find(_PROFILE_PATH)
    if start < 0:  # not a /in/ profile URL (old /pub/ forms, other sites): the whole normalised URL
        return normalise_profile_url(url)
    rest = text[start + len(_PROFILE_PATH):]
    end = _SLUG_END.search(rest)
    return (rest[:end.start()] if end else rest) or None


def _keyed_lines(urls: list[str]) -> str | None:
    """The URLs, one per line, percent-decoded, NFC-normalised and lower-cased; None where unsafe."""
    joined = "\n".join(urls)
    if "\\" in joined or "\r" in joined or joined.count("\n") != len(urls) - 1 or _LONE_PERCENT.search(joined):
        return None
    escaped = joined.replace("%", "\\x").encode("utf-8")  # %C3%A9 -> \xC3\xA9: decoded by C code
    text = codecs.escape_decode(escaped)[0].decode("utf-8", errors="replace")
    if text.count("\n") != len(urls) - 1:  # a %0A
        return None
    return unicodedata.normalize("NFC", text).lower()
