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
import pyarrow as pa
import pyarrow.compute as pc

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_SLUG_END = re.compile(r"[/?#\s]")
_SUBDOMAIN = re.compile(r"^(?:www\.|[a-z]{2}\.)(?=linkedin\.com)")
_LONE_PERCENT = re.compile(r"%(?![0-9a-fA-F]{2})")  # unquote leaves it as it is
_AFTER_SLUG = re.compile(r"(?:[/?#]|[^\S\n])[^\n]*")  # where _SLUG_END cuts, to the end of that line
_PRINTABLE_ASCII = r"^[ -~]*$"  # nothing to normalise; a % only in a slug to decode
# The first /in/ and what follows, up to / ? # or a space; with no % before it (profile_key decodes
# first, so an escaped `linkedin.com%2Fin%2F` earlier on would be the one it finds).
_SLUG_PATTERN = r"^[^%]*?linkedin\.com/in/(?P<slug>[^/?# ]*)"


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
    start = text.find("linkedin.com/in/")
    if start < 0:  # not a /in/ profile URL (old /pub/ forms, other sites): the whole normalised URL
        return normalise_profile_url(url)
    rest = text[start + len("linkedin.com/in/"):]
    end = _SLUG_END.search(rest)
    return (rest[:end.start()] if end else rest) or None


def profile_keys(urls: pd.Series) -> pd.Series:
    """Vectorised `profile_key`: each distinct URL is keyed once, most of them at C speed."""
    codes, distinct = pd.factorize(urls, use_na_sentinel=True)
    keys = np.append(distinct_profile_keys(distinct), None)
    return pd.Series(keys[codes], index=urls.index, dtype=object)


def distinct_profile_keys(urls) -> np.ndarray:
    """`profile_key` of each of `urls` (distinct strings), as an object array.

    A printable-ASCII URL with /in/ (nearly all of them) is keyed by one regular expression over
    the whole column, its slug percent-decoded in Python only where it has a %; the rest (raw
    Unicode, other forms) by `profile_key`."""
    text = pa.array(pd.Series(urls, dtype="str"))
    slug = pc.struct_field(pc.extract_regex(pc.utf8_lower(pc.utf8_trim(text, " ")), _SLUG_PATTERN), [0])
    plain = pc.and_(pc.match_substring_regex(text, _PRINTABLE_ASCII), pc.is_valid(slug))
    keys = slug.to_numpy(zero_copy_only=False).astype(object)
    keys[keys == ""] = None
    encoded = np.flatnonzero(pc.and_(plain, pc.match_substring(slug, "%")).to_numpy(zero_copy_only=False))
    keys[encoded] = _decoded_slugs(keys[encoded].tolist())
    others = np.flatnonzero(~plain.to_numpy(zero_copy_only=False))
    keys[others] = [profile_key(url) for url in text.take(others).to_pylist()]
    return keys


def _decoded_slugs(encoded: list[str]) -> list[str | None]:
    """`_decoded_slug` of each, all at once: one C-speed decode of them joined by newlines.

    Slugs here are printable ASCII; a backslash, or a %0A that would decode to a newline, takes
    the slow road one by one."""
    joined = "\n".join(encoded)
    if "\\" not in joined and not _LONE_PERCENT.search(joined):
        escaped = joined.replace("%", "\\x").encode("ascii")
        text = codecs.escape_decode(escaped)[0].decode("utf-8", errors="replace")
        if text.count("\n") == len(encoded) - 1:
            text = unicodedata.normalize("NFC", text).lower()  # neither works across a newline
            return [slug or None for slug in _AFTER_SLUG.sub("", text).split("\n")]
    return [_decoded_slug(slug) for slug in encoded]


def _decoded_slug(encoded: str) -> str | None:
    """`sipho-lef%c3%a8vre-2f12` -> `sipho-lefèvre-2f12`, cut where `profile_key` cuts."""
    text = unquote(encoded)
    text = (text if text.isascii() else unicodedata.normalize("NFC", text)).lower()
    end = _SLUG_END.search(text)
    return (text[:end.start()] if end else text) or None
