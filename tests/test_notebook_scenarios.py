"""Every notebook, run as a newcomer would meet it: no traceback, and a friendly next step.

Three data folders (RECONNECT_DATA_DIR, read by the kernel), each with a fresh, empty tag store:
  empty    no export yet: the sample network, with a banner saying so
  basic    a Basic export (Connections.csv only, so no messages)
  garbage  a file named like an export that is not a zip: the sample, and why

Each notebook runs in its own kernel (the venv's `python3`) with notebooks/ as the working
directory, as in JupyterLab. About 40 seconds for the 18 runs.
"""
import re
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.workbook import data_folder as workbook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BASIC_NAME = "Basic_LinkedInDataExport_03-07-2026.zip"
GARBAGE_NAME = "Complete_LinkedInDataExport_03-07-2026.zip"

# What each notebook must say, per scenario (any output, any format, case-insensitive).
EXPECTED = {
    "empty": {
        "00-start-here": ["SAMPLE network", "Not answered yet"],
        "01-your-network": ["SAMPLE network", "Not answered yet"],
        "02-tag-know-like-trust": ["Nothing tagged yet", "Not answered yet"],
        "03-the-gap": ["rate the people you know best", "Not answered yet"],
        "04-reconnect-list": ["Nobody to rank yet", "Not answered yet"],
        "05-coffee-chats": ["No coffee chats planned yet", "Nobody is due yet", "Not answered yet"],
    },
    "basic": {
        "00-start-here": ["Using YOUR export " + BASIC_NAME, "a Basic export has none"],
        "01-your-network": ["Using YOUR export"],
        "02-tag-know-like-trust": ["Nothing tagged yet", "no messages (a Basic export has none)", "rate from memory"],
        "03-the-gap": ["rate the people you know best"],
        "04-reconnect-list": ["Nobody to rank yet"],
        "05-coffee-chats": ["No coffee chats planned yet", "no messages (a Basic export has none)"],
    },
    "garbage": {
        "00-start-here": ["could not be read", GARBAGE_NAME, "SAMPLE network"],
        "01-your-network": ["could not be read"],
        "02-tag-know-like-trust": ["could not be read", "Nothing tagged yet"],
        "03-the-gap": ["could not be read", "rate the people you know best"],
        "04-reconnect-list": ["could not be read", "Nobody to rank yet"],
        "05-coffee-chats": ["could not be read", "No coffee chats planned yet"],
    },
}


def _basic_export(folder: Path) -> None:
    """A Basic export: the sample's Connections.csv alone, zipped under LinkedIn's name."""
    with zipfile.ZipFile(workbook.SAMPLE) as sample:
        connections = sample.read("Connections.csv")
    with zipfile.ZipFile(folder / BASIC_NAME, "w") as basic:
        basic.writestr("Connections.csv", connections)


def _garbage_export(folder: Path) -> None:
    (folder / GARBAGE_NAME).write_bytes(b"This is not a zip: the download was cut short.\n")


PREPARE = {"empty": lambda folder: None, "basic": _basic_export, "garbage": _garbage_export}


def _texts(cell) -> list[str]:
    """Everything a cell showed: printed text, rich reprs, and the text inside plotly figures."""
    texts = []
    for output in cell.get("outputs", []):
        texts.append(output.get("text", ""))
        for value in output.get("data", {}).values():
            texts.append(value if isinstance(value, str) else str(value))
    return texts


def _drawn(trace: dict) -> bool:
    """Does a plotly trace hold any points (plain lists, or plotly's typed arrays)?"""
    for key in ("x", "y", "z", "values"):
        value = trace.get(key)
        if isinstance(value, dict) and value.get("bdata"):
            return True
        if isinstance(value, (list, tuple)) and len(value):
            return True
    return bool(trace.get("cells", {}).get("values"))


def _empty_displays(cell) -> list[str]:
    """Charts with nothing drawn and no message, and tables without a row."""
    empty = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        figure = data.get("application/vnd.plotly.v1+json")
        if figure is not None:
            has_message = any(note.get("text") for note in figure.get("layout", {}).get("annotations", []))
            if not has_message and not any(_drawn(trace) for trace in figure.get("data", [])):
                empty.append("an empty chart")
        if re.search(r"<tbody>\s*</tbody>", data.get("text/html", "")) or \
                str(data.get("text/plain", "")).startswith("Empty DataFrame"):
            empty.append("an empty table")
    return empty


def _run(name: str, data_dir: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=120, allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute(cwd=str(NOTEBOOKS))
    return notebook


@pytest.mark.parametrize("scenario", list(EXPECTED))
@pytest.mark.parametrize("name", sorted(EXPECTED["empty"]))
def test_notebook_guides_a_newcomer(name, scenario, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    PREPARE[scenario](data_dir)
    monkeypatch.setenv(workbook.DATA_DIR_VARIABLE, str(data_dir))
    for variable in (workbook.ENV_VARIABLE, "RECONNECT_PRIVATE"):
        monkeypatch.delenv(variable, raising=False)

    notebook = _run(name, data_dir)

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    errors = [(cell.get("id"), output.get("ename"), output.get("evalue")) for cell in code_cells
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors, f"{name} ({scenario}) showed a traceback: {errors}"
    empty = [(cell.get("id"), what) for cell in code_cells for what in _empty_displays(cell)]
    assert not empty, f"{name} ({scenario}) showed {empty}"
    warned = [text for cell in code_cells for output in cell.get("outputs", [])
              if output.get("output_type") == "stream" and output.get("name") == "stderr"
              for text in [output.get("text", "")] if "Warning" in text]
    assert not warned, f"{name} ({scenario}) showed a warning: {warned}"
    shown = "\n".join(text for cell in code_cells for text in _texts(cell)).lower()
    missing = [phrase for phrase in EXPECTED[scenario][name] if phrase.lower() not in shown]
    assert not missing, f"{name} ({scenario}) never said: {missing}"
