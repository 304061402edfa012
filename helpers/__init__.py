"""Helpers for the Reconnect workbook: read your LinkedIn export, rate your contacts, find your Johns.

Start with `load_export(path)`; see docs/reader-contract.md for what it returns.
"""
from . import charts, exercises, guidance
from .display import protect_tables
from .errors import ExportError
from .chat_form import ChatForm, chat_form
from .gap import (PriorityWeights, cell_people, due_for_reach_out, gap_table, grid_counts, pipeline_people,
                  prioritise)
from .network import LoadReport, Network, load_export
from .overview import check_install, network_summary
from .privacy import is_private, open_store, setup
from .profile_urls import normalise_profile_url, profile_key
from .reconnect import reconnect_list
from .reconnect_export import next_monday, write_reconnect_csv, write_reconnect_ics
from .scales import BUSINESS, RELATIONSHIP, is_john
from .spreadsheet import spreadsheet_safe
from .tagger import Tagger, tagger
from .tag_store import CADENCE_MONTHS, STATUSES, TagStore, TagStoreError, next_reach_out
from .workbook import ExportChoice, choose_export, open_network, private_folder

__all__ = ["charts", "exercises", "guidance", "ExportError", "LoadReport", "Network", "load_export", "normalise_profile_url", "profile_key",
           "ExportChoice", "choose_export", "open_network", "private_folder", "check_install", "network_summary",
           "BUSINESS", "RELATIONSHIP", "is_john", "spreadsheet_safe", "TagStore", "TagStoreError",
           "CADENCE_MONTHS", "STATUSES", "next_reach_out",
           "PriorityWeights", "cell_people", "gap_table", "grid_counts", "prioritise", "reconnect_list",
           "next_monday", "write_reconnect_csv", "write_reconnect_ics", "Tagger", "tagger",
           "ChatForm", "chat_form", "due_for_reach_out", "pipeline_people",
           "is_private", "open_store", "setup"]

protect_tables()  # names are written by strangers: never render them as HTML
