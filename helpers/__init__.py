"""Helpers for the Reconnect workbook: read your LinkedIn export, rate your contacts, find your Johns.

Start with `load_export(path)`; see docs/reader-contract.md for what it returns.
"""
from .errors import ExportError
from .network import LoadReport, Network, load_export
from .profile_urls import normalise_profile_url, profile_key

__all__ = ["ExportError", "LoadReport", "Network", "load_export", "normalise_profile_url", "profile_key"]
