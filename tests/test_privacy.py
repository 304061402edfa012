"""Screen-share mode hides every real name, and the workbook makes no network calls.

The notebooks are executed for real (nbclient) in screen-share mode on the sample network with
a tag store full of ratings, a coffee chat and a pipeline, so names would appear in every table,
chart, hover and widget if anything leaked. Every output and the saved widget state are searched
for the real names, profile slugs and e-mails of the sample's contacts.
"""
import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import helpers
from helpers.workbook.privacy import pseudonym_id, pseudonym_name, pseudonymise
from helpers.export.sample import STORY_SLUGS
from offline import run_offline

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb")) + sorted((ROOT / "app").glob("*.ipynb"))


@pytest.fixture(scope="module")
def sample():
    return helpers.load_export(helpers.workbook.data_folder.SAMPLE)


@pytest.fixture(scope="module")
def busy_data_dir(tmp_path_factory, sample):
    """A data folder whose tag store rates the story's Johns and 80 others, with a chat and a pipeline."""
    folder = tmp_path_factory.mktemp("private-data")
    store = helpers.TagStore(folder / "tags.sqlite")
    store.sync(sample)
    for i, slug in enumerate(STORY_SLUGS):
        store.tag(slug, relationship=2 + i % 2, business=i % 2)
    others = [cid for cid in sample.connections["contact_id"] if cid not in STORY_SLUGS][:80]
    for i, contact_id in enumerate(others):
        store.tag(contact_id, relationship=i % 4, business=(i // 4) % 4)
    store.set_status(STORY_SLUGS[0], "planned")
    store.set_status(STORY_SLUGS[1], "invited")
    store.log_chat(STORY_SLUGS[2], on="2026-11-02", what_they_do="Port logistics software")
    store.close()
    return folder


def _secrets(network) -> set[str]:
    people = network.connections
    secrets = set(people["full_name"].dropna()) | set(people["contact_id"]) | set(people["email"].dropna())
    secrets |= {url.rstrip("/").rsplit("/", 1)[-1] for url in people["profile_url"].dropna()}
    secrets.add(network.owner_name)
    return {s for s in secrets if isinstance(s, str) and len(s) >= 5}


def _all_text(notebook) -> str:
    """Everything a person could see: outputs of every kind, and the widget state (tagger cards, tables)."""
    parts = [json.dumps(cell.get("outputs", []), ensure_ascii=False) for cell in notebook.cells]
    parts.append(json.dumps(notebook.metadata.get("widgets", {}), ensure_ascii=False))
    return json.loads(json.dumps("\n".join(parts)))  # unescape nothing: JSON text as stored


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_screen_share_mode_leaks_no_real_name(path, busy_data_dir, sample, monkeypatch):
    monkeypatch.setenv("RECONNECT_DATA_DIR", str(busy_data_dir))
    monkeypatch.setenv("RECONNECT_PRIVATE", "1")
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    text = _all_text(notebook)
    assert "Screen-share mode is ON" in text
    leaked = sorted(secret for secret in _secrets(sample) if secret in text)
    assert not leaked, f"{path.name} shows real names or ids: {leaked[:10]}"
    pseudonyms = {" ".join(pseudonym_name(cid)) for cid in sample.connections["contact_id"]}
    assert path.name.startswith(("00", "01")) or any(name in text for name in pseudonyms), \
        "the pseudonyms should be on screen where names would be"


def test_screen_share_mode_hides_names_in_the_introductions_demo(tmp_path, sample, monkeypatch):
    """Notebook 06 with no chats of your own shows the sample's demo: its suggestions, drafts and lookups too."""
    monkeypatch.setenv("RECONNECT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RECONNECT_PRIVATE", "1")
    path = ROOT / "notebooks" / "06-introductions.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    text = _all_text(notebook)
    assert "SAMPLE network's demo" in text and "matching words" in text and "both say yes" in text
    leaked = sorted(secret for secret in _secrets(sample) if secret in text)
    assert not leaked, f"the introductions demo shows real names or ids: {leaked[:10]}"
    first_names = {n for n in sample.connections["first_name"].dropna() if len(n) >= 4}
    assert not {f"Hi {name}," for name in first_names if f"Hi {name}," in text}, "a draft greets a real name"


def test_pseudonyms_are_consistent_and_reveal_nothing(sample):
    hidden = pseudonymise(sample)
    again = pseudonymise(sample)
    assert list(hidden.connections["full_name"]) == list(again.connections["full_name"])
    assert hidden.connections["contact_id"].is_unique
    assert hidden.connections["profile_url"].isna().all() and hidden.connections["email"].isna().all()
    assert hidden.owner_name == "you" and sample.owner_name not in str(hidden.report)
    assert not set(hidden.connections["full_name"]) & set(sample.connections["full_name"])
    assert set(hidden.signals.index) == set(hidden.connections["contact_id"])
    assert (hidden.messages["content"] == "(hidden)").all()
    real = sample.connections["contact_id"].iloc[0]
    assert hidden.connections["contact_id"].iloc[0] == pseudonym_id(real)


def test_tags_made_in_screen_share_mode_land_under_real_ids(sample, tmp_path):
    hidden = pseudonymise(sample)
    store = helpers.open_store(hidden, tmp_path / "tags.sqlite")
    shown_id = hidden.connections["contact_id"].iloc[3]
    store.tag(shown_id, relationship=3, business=0)
    store.tag_many(hidden.connections["contact_id"].iloc[4:6], relationship=1)
    real = helpers.TagStore(tmp_path / "tags.sqlite")
    real_ids = list(sample.connections["contact_id"].iloc[3:6])
    assert real.get(real_ids[0])["relationship"] == 3
    assert set(real.current().index) == set(real_ids)
    assert set(store.current().index) == set(hidden.connections["contact_id"].iloc[3:6])
    gap = helpers.gap_table(hidden, store)
    assert gap.loc[shown_id, "is_john"]


def test_setup_switches_mode_and_says_so(capsys, monkeypatch):
    monkeypatch.delenv("RECONNECT_PRIVATE", raising=False)
    try:
        helpers.setup(private=True)
        assert helpers.is_private() and "ON" in capsys.readouterr().out
        helpers.setup(private=False)
        assert not helpers.is_private() and "setup(private=True)" in capsys.readouterr().out
    finally:
        helpers.workbook.privacy._settings["private"] = None


def test_the_workbook_runs_with_sockets_disabled(tmp_path):
    """Load, tag, rank, chart and export with every socket refused: no network calls anywhere."""
    import socket
    script = f"""
import helpers
network = helpers.load_export(helpers.workbook.data_folder.SAMPLE)
store = helpers.TagStore({str(tmp_path / 'tags.sqlite')!r})
store.sync(network)
store.tag_many(network.connections['contact_id'][:50], relationship=2, business=1)
gap = helpers.gap_table(network, store)
for figure in (helpers.charts.gap_heatmap(gap), helpers.charts.reach(network, gap=gap), helpers.charts.progress(store)):
    figure.to_json()
listing = helpers.reconnect_list(network, store)
helpers.write_reconnect_csv(listing, {str(tmp_path / 'r.csv')!r})
helpers.write_reconnect_ics(listing.head(5), {str(tmp_path / 'r.ics')!r})
helpers.tagger(network, store)
print("ok", len(listing))
"""
    result = run_offline(script, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok 50")
    assert socket.socket is not None  # this process is untouched
