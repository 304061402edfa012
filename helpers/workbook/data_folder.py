"""Where the notebooks keep your data: which export they open (yours from data/private/, a path you name,
or the sample) and which tag store they write.

The layers below take paths; deciding those paths from folders and settings happens only here."""
import html
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..export.errors import ExportError
from ..export.export_files import EXPORT_NAME, date_from_name
from ..export.network import Network, load_export
from ..tags.tag_store import STORE_NAME, TagStore
from .privacy import PrivateTagStore, is_private, pseudonymise

ROOT = Path(__file__).resolve().parents[2]
PRIVATE = ROOT / "data" / "private"
SAMPLE = ROOT / "data" / "sample" / "Complete_LinkedInDataExport_11-20-2026.zip"
ENV_VARIABLE = "RECONNECT_EXPORT"
DATA_DIR_VARIABLE = "RECONNECT_DATA_DIR"  # where your export, tags and exports live; tests point it elsewhere
PREVIOUS_EXPORTS = "previous-exports"  # exports set aside when a newer one is brought in (bring_export.py)


def private_folder() -> Path:
    """data/private/ (or $RECONNECT_DATA_DIR): your export, your tag store, the lists you export."""
    return Path(os.environ.get(DATA_DIR_VARIABLE) or PRIVATE).expanduser()


def default_store_path() -> Path:
    """data/private/tags.sqlite (or in $RECONNECT_DATA_DIR)."""
    return private_folder() / STORE_NAME


@dataclass
class ExportChoice:
    path: Path
    is_sample: bool
    why: str

    def __str__(self) -> str:
        return self.why

    def _repr_html_(self) -> str:
        """A banner in the notebook: amber for the sample, green for your own export."""
        colour = "#fff3cd" if self.is_sample else "#d1e7dd"
        text = html.escape(self.why).replace("\n", "<br>")
        return f'<div style="background:{colour};color:#111;padding:10px 14px;border-radius:6px">{text}</div>'


def choose_export(path=None, private_dir: Path | None = None) -> ExportChoice:
    """An explicit path, else $RECONNECT_EXPORT, else the newest export in data/private/, else the sample."""
    if path or os.environ.get(ENV_VARIABLE):
        chosen = Path(path or os.environ[ENV_VARIABLE]).expanduser()
        how = "the path you gave" if path else f"${ENV_VARIABLE}"
        return ExportChoice(chosen, False, f"Using YOUR export {chosen.name} ({how}).")
    newest = newest_private_export(private_dir or private_folder())
    if newest is not None:
        return ExportChoice(newest, False, f"Using YOUR export {newest.name} (the newest in data/private/).")
    return ExportChoice(SAMPLE, True, "No export of yours in data/private/ yet, so this is the SAMPLE network: "
                                      "an invented person with invented contacts. Put your zip in data/private/ "
                                      "and run it again (or reload the app) to see your own.")


def newest_private_export(private_dir: Path) -> Path | None:
    """The newest LinkedIn zip (by the date in its name), else a Connections.csv or export folder."""
    if not private_dir.is_dir():
        return None
    entries = [p for p in private_dir.iterdir()
               if not p.name.startswith(".") and p.name not in {"README.md", PREVIOUS_EXPORTS}]
    zips = [p for p in entries if p.suffix.lower() == ".zip" and EXPORT_NAME.search(p.name)]
    if zips:
        return max(zips, key=lambda p: (date_from_name(p.name) or date.min, p.stat().st_mtime))
    csvs = [p for p in entries if p.name.lower() == "connections.csv"]
    folders = [p for p in entries if p.is_dir() and any(f.name.lower() == "connections.csv" for f in p.rglob("*"))]
    candidates = csvs + folders + [p for p in entries if p.suffix.lower() == ".zip"]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def open_network(path=None, private_dir: Path | None = None) -> tuple[Network, ExportChoice]:
    """Load the chosen export and say which it is; an unreadable export of yours falls back to the sample.

    In screen-share mode (`helpers.setup(private=True)`) the network comes back pseudonymised."""
    choice = choose_export(path, private_dir)
    try:
        network = load_export(choice.path)
    except ExportError as error:
        if choice.is_sample:
            raise
        network, choice = _sample_instead("read", str(error))
    else:
        if network.connections.empty and not choice.is_sample:
            network, choice = _sample_instead("used", "its Connections.csv has no contacts")
    return (pseudonymise(network) if is_private() else network), choice


def _sample_instead(failed: str, why: str) -> tuple[Network, ExportChoice]:
    choice = ExportChoice(SAMPLE, True, f"Your export could not be {failed}, so this is the SAMPLE network "
                                        f"for now.\nWhat went wrong: {why}")
    return load_export(SAMPLE), choice


def open_store(network, path=None):
    """Your tag store, synced with this network (and seen through pseudonyms in screen-share mode)."""
    store = TagStore(path or default_store_path())
    report = store.sync(getattr(network, "real", network))
    if report.migrated or report.ambiguous:
        print(report if not hasattr(network, "real") else "Tags followed people to this newer export.")
    return PrivateTagStore(store, network) if hasattr(network, "real") else store
