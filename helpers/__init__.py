"""Helpers for the Reconnect workbook: read your LinkedIn export, rate your contacts, find your Johns.

The folders follow the data, bottom to top; a layer imports only the layers below it
(tests/test_layers.py checks):

    base/       plain-words counts, spreadsheet-safe cells (used by every layer)
    export/     reading LinkedIn's files into a `Network` (`load_export`), and the synthetic sample
    tags/       the two scales, the tag store, its CSV round trip, following people to newer exports
    gap/        the grid of the two scales, the Johns, priority with reasons, the reconnect list
    takeaway/   what you leave with: the list as CSV and calendar, the charts
    workbook/   the notebooks' and the app's layer: tagger, forms, app view, exercises, privacy, data folder

Start with `load_export(path)`; see docs/reader-contract.md for what it returns. Everything a
notebook or script needs is importable from here as `helpers.X`.
"""
from .base.spreadsheet import spreadsheet_safe
from .export import sample
from .export.errors import ExportError
from .export.network import LoadReport, Network, load_export
from .export.profile_urls import normalise_profile_url, profile_key
from .tags.contexts import CONTEXTS
from .tags.scales import BUSINESS, RELATIONSHIP, is_john
from .tags.tag_store import CADENCE_MONTHS, STATUSES, TagStore, TagStoreError, next_reach_out
from .gap.grid import (PriorityWeights, cell_people, due_for_reach_out, gap_table, grid_counts, pipeline_people,
                       prioritise)
from .gap.introductions import can_you_introduce, draft_notes, suggest_introductions, who_is_there
from .gap.reconnect import reconnect_list
from .takeaway import charts
from .takeaway.reconnect_export import next_monday, write_reconnect_csv, write_reconnect_ics
from .workbook import exercises, guidance
from .workbook.bring_export import export_uploader
from .workbook.chat_form import ChatForm, chat_form
from .workbook.demo import chats_or_demo
from .workbook.data_folder import (ExportChoice, choose_export, default_store_path, open_network, open_store,
                                   private_folder)
from .workbook.display import protect_tables
from .workbook.overview import check_install, network_summary
from .workbook.privacy import is_private, setup
from .workbook.tagger import Tagger, tagger

__all__ = ["charts", "exercises", "guidance", "sample", "ExportError", "LoadReport", "Network", "load_export",
           "normalise_profile_url", "profile_key",
           "ExportChoice", "choose_export", "default_store_path", "open_network", "private_folder",
           "check_install", "network_summary",
           "BUSINESS", "RELATIONSHIP", "is_john", "spreadsheet_safe", "TagStore", "TagStoreError",
           "CADENCE_MONTHS", "STATUSES", "next_reach_out",
           "PriorityWeights", "cell_people", "gap_table", "grid_counts", "prioritise", "reconnect_list",
           "next_monday", "write_reconnect_csv", "write_reconnect_ics", "Tagger", "tagger",
           "ChatForm", "chat_form", "export_uploader", "due_for_reach_out", "pipeline_people",
           "is_private", "open_store", "setup",
           "CONTEXTS", "can_you_introduce", "draft_notes", "suggest_introductions", "who_is_there", "chats_or_demo"]

protect_tables()  # names are written by strangers: never render them as HTML
