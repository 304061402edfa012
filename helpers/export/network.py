"""`load_export`: a LinkedIn export (zip, folder or Connections.csv) -> a `Network` and a report."""
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .connections import read_connections
from .contact_matching import ContactMatcher
from .errors import ExportError
from .export_files import ExportSource, open_export
from .messages import read_messages
from .other_signals import SIGNAL_FILES, read_invitations, read_owner_name, read_person_rows
from .signals import contact_signals
from ..base.wording import plural

IGNORED_MESSAGE_FILES = ("coach_messages.csv", "learning_coach_messages.csv", "guide_messages.csv")


@dataclass
class LoadReport:
    """What was read, in plain words for a person; `str(report)` prints it."""

    source: str
    lines: list[str] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)
    ghost_rows: int = 0
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = "\n".join(f"- {line}" for line in self.lines)
        if self.warnings:
            text += "\nWorth knowing:\n" + "\n".join(f"- {w}" for w in self.warnings)
        return text


@dataclass
class Network:
    """A person's LinkedIn network as the workbook uses it (see docs/reader-contract.md)."""

    connections: pd.DataFrame
    signals: pd.DataFrame
    report: LoadReport
    messages: pd.DataFrame | None = None
    endorsements_received: pd.DataFrame | None = None
    endorsements_given: pd.DataFrame | None = None
    recommendations_received: pd.DataFrame | None = None
    recommendations_given: pd.DataFrame | None = None
    invitations: pd.DataFrame | None = None
    owner_name: str | None = None
    export_date: date | None = None
    kind: str = "Connections.csv"

    def __repr__(self) -> str:
        return (f"<Network: {len(self.connections):,} contacts from a {self.kind} export"
                f"{' of ' + self.export_date.isoformat() if self.export_date else ''}>")


def load_export(source) -> Network:
    """Read a LinkedIn export: `Connections.csv`, an unzipped export folder, or the export zip.

    Raises `ExportError` (a ValueError) with what to do next for anything it cannot read.
    """
    export = open_export(source)
    try:
        return _load(export)
    except ExportError:
        raise
    except (MemoryError, RecursionError) as error:
        raise ExportError(export.label, "a LinkedIn export of at most 30,000 connections",
                          f"more than this computer could hold ({type(error).__name__})",
                          "Check this is your LinkedIn export; close other programs and try again.") from None
    except Exception as error:  # any bytes must end in a clear message, never a traceback
        raise ExportError(export.label, "a LinkedIn export as LinkedIn writes it",
                          f"something the reader could not handle ({type(error).__name__}: {error})",
                          "Take a fresh copy of the export; if it still fails, report this message.") from error


def _load(export: ExportSource) -> Network:
    report = LoadReport(export.label)
    if not export.has("connections.csv"):
        raise _no_connections(export)
    file = export.display_name("connections.csv")
    connections, ghosts, notes = read_connections(export.read("connections.csv"), file)
    owner_name = _optional(export, "profile.csv", report, lambda data, name: read_owner_name(data, name))
    matcher = ContactMatcher(connections)
    network = Network(connections, pd.DataFrame(), report, owner_name=owner_name, kind=export.kind,
                      export_date=export.export_date or _newest(connections))
    report.files[file], report.ghost_rows = len(connections) + ghosts, ghosts
    _describe_connections(report, export, network, file, ghosts, notes)
    _read_messages(export, network, matcher)
    for attribute, spec in SIGNAL_FILES.items():
        rows = _optional(export, spec[0], report, lambda data, name, spec=spec: read_person_rows(data, name, spec, matcher))
        setattr(network, attribute, rows)
    network.invitations = _optional(export, "invitations.csv", report, lambda data, name: read_invitations(data, name, matcher))
    _describe_signals(report, network)
    network.signals = contact_signals(
        connections["contact_id"], network.messages,
        {attribute: getattr(network, attribute) for attribute in SIGNAL_FILES}, network.invitations)
    return network


def _optional(export: ExportSource, name: str, report: LoadReport, read):
    """Read an optional file; a problem with it is reported, never fatal."""
    if not export.has(name):
        return None
    file = export.display_name(name)
    try:  # parsed as a stream from disk or zip: no copy of 100 MB of messages in memory
        result = read(export.streamable(name), file)
    except ExportError as error:
        report.warnings.append(f"{file} was skipped: {error}")
        return None
    except OSError as error:
        report.warnings.append(f"{file} was skipped: it could not be read ({error.strerror or error}).")
        return None
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:  # found while reading the entry as a stream
        report.warnings.append(f"{file} was skipped: it is damaged in the zip ({error}). "
                               "Download the export again from LinkedIn to read it.")
        return None
    if result is None:
        report.warnings.append(f"{file} was skipped: its header row was not recognised.")
    elif isinstance(result, pd.DataFrame):
        report.files[file] = len(result)
        report.warnings += [f"{file}: {note}" for note in result.attrs.get("notes", [])]
    return result


def _read_messages(export: ExportSource, network: Network, matcher: ContactMatcher) -> None:
    report = network.report
    result = _optional(export, "messages.csv", report,
                       lambda data, name: read_messages(data, name, matcher, network.owner_name))
    if result is None:
        return
    messages, left_out, notes = result
    file = export.display_name("messages.csv")
    network.messages = messages
    report.files[file] = len(messages) + sum(left_out.values())
    with_contact = messages["contact_id"].dropna()
    report.lines.append(f"{file}: {len(messages):,} messages, {len(with_contact):,} of them one-to-one "
                        f"with {with_contact.nunique():,} of your contacts.")
    skipped = ", ".join(plural(count, kind) for kind, count in left_out.items() if count)
    if skipped:
        report.lines.append(f"Left out as not a conversation with a contact: {skipped}.")
    report.warnings += [f"{file}: {note}" for note in notes]
    ignored = [export.display_name(n) for n in IGNORED_MESSAGE_FILES if export.has(n)]
    if ignored:
        report.lines.append(f"Not counted (LinkedIn's coaches, not your contacts): {', '.join(ignored)}.")


def _describe_connections(report, export, network, file, ghosts, notes) -> None:
    when = f" of {network.export_date:%d %b %Y}" if network.export_date else ""
    report.lines.append(f"Read {export.label}: a {export.kind} export{when}"
                        f"{' belonging to ' + network.owner_name if network.owner_name else ''}.")
    report.lines.append(f"{file}: {len(network.connections):,} contacts.")
    if network.connections.empty:
        report.warnings.append(f"{file} holds no contacts: is it the Connections.csv of your own export?")
    if ghosts:
        report.lines.append(f"{plural(ghosts, 'row')} with no name (hidden or closed accounts) {'was' if ghosts == 1 else 'were'} skipped.")
    report.warnings += [f"{file}: {note}" for note in notes]
    if export.kind == "Basic" or not export.has("messages.csv"):
        report.lines.append("No messages.csv: a Basic export has none. Messages, endorsements and "
                            "recommendations come with the Complete export (it can take a day).")


def _describe_signals(report: LoadReport, network: Network) -> None:
    """One line per kind: "Endorsements: 111 received, 38 given (all matched to your contacts)."."""
    for kind in ("endorsements", "recommendations"):
        found = {way: getattr(network, f"{kind}_{way}") for way in ("received", "given")}
        found = {way: rows for way, rows in found.items() if rows is not None}
        if found:
            counts = ", ".join(f"{len(rows):,} {way}" for way, rows in found.items())
            total = sum(len(rows) for rows in found.values())
            matched = sum(int(rows["contact_id"].notna().sum()) for rows in found.values())
            share = "all" if matched == total else f"{matched:,} of them"
            report.lines.append(f"{kind.capitalize()}: {counts} ({share} matched to your contacts).")
    if network.invitations is not None:
        noted = int(network.invitations["has_note"].sum())
        report.lines.append(f"Invitations: {len(network.invitations):,} from the last months, "
                            f"{noted:,} with a personal note.")


def _no_connections(export: ExportSource) -> ExportError:
    found = sorted(Path(path).name for path in export.files.values())[:8]
    listing = ", ".join(found) + (" ..." if len(export.files) > 8 else "") if found else "no files at all"
    return ExportError(export.label, "Connections.csv (in the zip LinkedIn sent you)", listing,
                       "Request your data at LinkedIn: Settings & Privacy > Data privacy > Get a copy of your data, "
                       "then put the zip in data/private/.")


def _newest(connections: pd.DataFrame) -> date | None:
    newest = connections["connected_on"].max()
    return None if pd.isna(newest) else newest.date()
