"""Names and companies are written by strangers: HTML or script in them must never run.

An export whose contacts are called `<script>alert(1)</script>` and `<img src=x onerror=...>` is
loaded by every notebook (executed for real) with those people rated, so they appear in cards,
tables, charts and lists. Everything that a browser renders as HTML — `text/html` outputs, HTML
widgets, plotly text — must carry them escaped; plain-text places (button labels, dropdown
options, `text/plain`) show them as text, which is harmless.
"""
import json
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import helpers
from helpers.export.sample import STORY_SLUGS, build_export_files

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb")) + sorted((ROOT / "app").glob("*.ipynb"))
PAYLOADS = {"Zoë": "<script>alert(1)</script>", "Tomasz": "<img src=x onerror=alert(2)>",
            "Larkspur & Co.": "<b onmouseover=alert(3)>Larkspur</b>"}
RAW = ["<script>alert(1)", "<img src=x onerror", "<b onmouseover"]


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    files = build_export_files()
    text = files["Connections.csv"].decode("utf-8")
    for real, payload in PAYLOADS.items():
        text = text.replace(f"\n{real},", f"\n{payload},").replace(f",{real},", f",{payload},")
    files["Connections.csv"] = text.encode("utf-8")
    path = folder / "Complete_LinkedInDataExport_11-20-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    network = helpers.load_export(path)
    assert set(PAYLOADS.values()) <= set(network.connections["first_name"]) | set(network.connections["company"])
    store = helpers.TagStore(folder / "tags.sqlite")
    for i, slug in enumerate(STORY_SLUGS):
        store.tag(slug, relationship=2 + i % 2, business=i % 2)
    store.set_status(STORY_SLUGS[0], "planned")
    store.close()
    return path, folder


def _rendered_as_html(notebook) -> list[str]:
    """Strings a browser renders as HTML: text/html outputs, HTML widget values, plotly texts."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            found.append(str(data.get("text/html", "")))
            if "application/vnd.plotly.v1+json" in data:
                found.append(json.dumps(data["application/vnd.plotly.v1+json"], ensure_ascii=False))
    states = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for model in states.get("state", {}).values():
        if model.get("model_name") in {"HTMLModel", "HTMLMathModel"}:
            found.append(str(model.get("state", {}).get("value", "")))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_html_in_names_is_escaped_everywhere_it_is_rendered(path, hostile_export, monkeypatch):
    export, data_dir = hostile_export
    monkeypatch.setenv("RECONNECT_EXPORT", str(export))
    monkeypatch.setenv("RECONNECT_DATA_DIR", str(data_dir))
    monkeypatch.delenv("RECONNECT_PRIVATE", raising=False)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    rendered = "\n".join(_rendered_as_html(notebook))
    unescaped = [raw for raw in RAW if raw in rendered]
    assert not unescaped, f"{path.name} renders stranger-written HTML unescaped: {unescaped}"


def test_the_hostile_export_is_really_shown_escaped(hostile_export):
    """The check above must be able to fail: the escaped names do reach the HTML."""
    export, data_dir = hostile_export
    network = helpers.load_export(export)
    store = helpers.TagStore(data_dir / "tags.sqlite")
    gap = helpers.gap_table(network, store)
    heatmap = json.dumps(json.loads(helpers.charts.gap_heatmap(gap).to_json()), ensure_ascii=False)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in heatmap and "<script>alert(1)" not in heatmap
    card = helpers.tagger(network, store)
    card.search_box.value = "alert(1)"
    assert "&lt;script&gt;" in card.card.value and "<script>" not in card.card.value


def test_styled_tables_escape_html_once_helpers_is_imported():
    import pandas as pd
    html = pd.DataFrame({"name": ["<script>alert(1)</script>"]}).style.to_html()
    assert "&lt;script&gt;" in html and "<script>alert" not in html
