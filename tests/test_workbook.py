"""Which export the notebooks open, the first-notebook helpers, and the project's hygiene rules."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import helpers
from helpers.workbook import data_folder as workbook

ROOT = Path(__file__).resolve().parent.parent


def _export_zip(folder: Path, name: str) -> Path:
    """A real-format export (the sample's bytes) under another name."""
    target = folder / name
    shutil.copy(workbook.SAMPLE, target)
    return target


def test_no_private_export_means_the_sample_and_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv(workbook.ENV_VARIABLE, raising=False)
    choice = helpers.choose_export(private_dir=tmp_path)
    assert choice.is_sample and choice.path == workbook.SAMPLE
    assert "SAMPLE" in str(choice) and "data/private/" in str(choice)
    assert "SAMPLE" in choice._repr_html_()


def test_newest_export_in_private_folder_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(workbook.ENV_VARIABLE, raising=False)
    _export_zip(tmp_path, "Basic_LinkedInDataExport_01-15-2025.zip")
    newer = _export_zip(tmp_path, "Complete_LinkedInDataExport_03-02-2026.zip")
    _export_zip(tmp_path, "Basic_LinkedInDataExport_12-31-2025.zip")
    choice = helpers.choose_export(private_dir=tmp_path)
    assert choice.path == newer and not choice.is_sample
    assert newer.name in str(choice)


def test_a_loose_connections_csv_in_private_is_found(tmp_path, monkeypatch):
    monkeypatch.delenv(workbook.ENV_VARIABLE, raising=False)
    (tmp_path / "Connections.csv").write_text("First Name,Last Name,Connected On\nAna,Lee,07 Mar 2022\n")
    assert helpers.choose_export(private_dir=tmp_path).path == tmp_path / "Connections.csv"


def test_explicit_path_and_environment_variable(tmp_path, monkeypatch):
    mine = _export_zip(tmp_path, "Basic_LinkedInDataExport_01-15-2025.zip")
    monkeypatch.setenv(workbook.ENV_VARIABLE, str(mine))
    assert helpers.choose_export(private_dir=tmp_path / "empty").path == mine
    other = tmp_path / "elsewhere.zip"
    assert helpers.choose_export(other, private_dir=tmp_path).path == other


def test_unreadable_private_export_falls_back_to_sample_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.delenv(workbook.ENV_VARIABLE, raising=False)
    (tmp_path / "Complete_LinkedInDataExport_03-02-2026.zip").write_bytes(b"not a zip at all")
    network, choice = helpers.open_network(private_dir=tmp_path)
    assert choice.is_sample
    assert "could not be read" in str(choice) and "Complete_LinkedInDataExport_03-02-2026.zip" in str(choice)
    assert len(network.connections) > 0


def test_summary_of_a_basic_export_says_there_are_no_messages(tmp_path):
    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name,Company,Connected On\nAna,Lee,Acme,07 Mar 2022\nBo,Ng,,01 Jan 2010\n")
    summary = helpers.network_summary(helpers.load_export(csv))
    values = summary.iloc[:, 0].to_dict()
    assert values["contacts"] == "2"
    assert values["connected between"] == "Jan 2010 and Mar 2022"
    assert values["with a company listed"] == "1"
    assert "Basic export" in values["messages"]


def test_summary_counts_contacts_messaged_on_the_sample():
    network = helpers.load_export(workbook.SAMPLE)
    values = helpers.network_summary(network).iloc[:, 0].to_dict()
    talked = ((network.signals["messages_sent"] + network.signals["messages_received"]) > 0).sum()
    assert values["contacts you have messaged with"] == f"{talked:,}"
    assert 0 < talked < len(network.connections)


def test_check_install_reports_all_set(capsys):
    helpers.check_install()
    out = capsys.readouterr().out
    assert "All set." in out and "MISSING" not in out


def test_notebooks_are_committed_without_outputs():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "no notebooks found"
    for path in notebooks:
        notebook = json.loads(path.read_text())
        with_outputs = [i for i, cell in enumerate(notebook["cells"]) if cell.get("outputs")]
        counted = [i for i, cell in enumerate(notebook["cells"]) if cell.get("execution_count")]
        assert not with_outputs and not counted, f"{path.name}: run `nbstripout {path}` before committing"
        assert "widgets" not in notebook.get("metadata", {}), f"{path.name} carries widget state"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
def test_private_data_can_never_be_committed():
    probes = ["data/private/Complete_LinkedInDataExport_03-02-2026.zip", "data/private/tags.sqlite",
              "data/private/sub/Connections.csv", "data/private/Connections.csv"]
    ignored = subprocess.run(["git", "check-ignore", *probes], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert sorted(ignored) == sorted(probes)
    readme = subprocess.run(["git", "check-ignore", "data/private/README.md"], cwd=ROOT, capture_output=True)
    assert readme.returncode == 1, "data/private/README.md should be committable"


def test_helpers_make_no_network_calls():
    """The package never imports a networking module: a person's export stays on their machine."""
    forbidden = ("socket", "urllib.request", "http.client", "requests", "httpx", "ftplib", "smtplib")
    for path in (ROOT / "helpers").glob("*.py"):
        text = path.read_text()
        for name in forbidden:
            assert f"import {name}" not in text and f"from {name} import" not in text, (path.name, name)


def test_importing_helpers_is_from_this_checkout():
    assert Path(helpers.__file__).resolve().parent == ROOT / "helpers"
    assert os.path.exists(workbook.SAMPLE)


def test_an_export_without_contacts_falls_back_to_sample_and_says_why(tmp_path, monkeypatch):
    monkeypatch.delenv(workbook.ENV_VARIABLE, raising=False)
    (tmp_path / "Connections.csv").write_text("First Name,Last Name,URL,Connected On\n,,,07 Mar 2022\n")
    network, choice = helpers.open_network(private_dir=tmp_path)
    assert choice.is_sample and "no contacts" in str(choice)
    assert len(network.connections) > 0
    empty = helpers.load_export(tmp_path / "Connections.csv")
    assert empty.connections.empty and any("no contacts" in w for w in empty.report.warnings)


def test_the_report_says_what_was_read_in_plain_words():
    network = helpers.load_export(workbook.SAMPLE)
    text = str(network.report)
    received, given = len(network.endorsements_received), len(network.endorsements_given)
    assert f"Endorsements: {received:,} received, {given:,} given" in text
    assert f"Connections.csv: {len(network.connections):,} contacts." in text
    assert f"{network.report.ghost_rows:,} rows with no name" in text
    noted = int(network.invitations["has_note"].sum())
    assert f"{noted:,} with a personal note" in text
    assert "belonging to Maren Holt" in text and "20 Nov 2026" in text
