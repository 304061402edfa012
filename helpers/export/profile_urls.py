"""One key per LinkedIn profile, however a file of the export writes the URL.

Connections.csv percent-encodes non-ASCII slugs, messages and invitations use raw Unicode,
endorsements drop the scheme: normalise all of them before joining files.
"""
import re
import unicodedata
from urllib.parse import unquote

import pandas as pd

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_SLUG_END = re.compile(r"[/?#\s]")
_SUBDOMAIN = re.compile(r"^(?:www\.|[a-z]{2}\.)(?=linkedin\.com)")


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
    """Vectorised `profile_key`: each distinct URL is normalised once."""
    unique = urls.dropna().unique()
    lookup = {url: profile_key(url) for url in unique}
    return urls.map(lookup).astype(object).where(urls.notna(), None)
