"""Mutated real-format exports: damage to any optional file is reported, never fatal; huge fields load.

Built from the sample generator's real 2025-26 bytes, then truncated, overwritten, re-encoded,
stripped of columns or padded with huge fields, one file at a time.
"""
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers.export.sample import build_export_files

FILES = build_export_files(connections=120, messages=600)
OPTIONAL = sorted(name for name in FILES if name != "Connections.csv" and name.endswith(".csv"))
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _load(tmp_path, files: dict[str, bytes]):
    path = tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"
    path.write_bytes(_zip(files))
    return helpers.load_export(path)


def _mutations():
    cut = st.integers(min_value=0, max_value=4000).map(lambda n: lambda data: data[:n])
    noise = st.tuples(st.integers(min_value=0, max_value=4000), st.binary(min_size=1, max_size=40)).map(
        lambda pair: lambda data: data[:pair[0]] + pair[1] + data[pair[0]:])
    reencode = st.sampled_from(["utf-16", "cp1252", "latin-1"]).map(
        lambda enc: lambda data: data.decode("utf-8").encode(enc, errors="replace"))
    drop_header = st.just(lambda data: data.split(b"\n", 1)[-1])
    semicolons = st.just(lambda data: data.replace(b",", b";"))
    return st.one_of(cut, noise, reencode, drop_header, semicolons)


@FUZZ
@given(st.sampled_from(OPTIONAL), _mutations())
def test_damaged_optional_file_never_stops_the_load(tmp_path_factory, name, mutate):
    files = dict(FILES)
    files[name] = mutate(files[name])
    try:
        network = _load(tmp_path_factory.mktemp("export"), files)
    except helpers.ExportError as error:
        pytest.fail(f"damage to {name} stopped the whole load: {error}")
    assert network.connections["contact_id"].is_unique
    assert list(network.signals.index) == list(network.connections["contact_id"])
    assert (network.signals[["messages_sent", "messages_received"]] >= 0).all().all()


@FUZZ
@given(_mutations())
def test_damaged_connections_gives_export_error_or_contacts(tmp_path_factory, mutate):
    files = dict(FILES)
    files["Connections.csv"] = mutate(files["Connections.csv"])
    try:
        network = _load(tmp_path_factory.mktemp("export"), files)
    except helpers.ExportError as error:
        assert "Connections.csv" in str(error)
        return
    assert network.connections["contact_id"].is_unique


def test_unreadable_messages_are_reported_in_plain_words(tmp_path):
    files = dict(FILES)
    files["messages.csv"] = b"\x00\x01garbage that is not a CSV at all"
    network = _load(tmp_path, files)
    assert network.messages is None
    assert any("messages.csv was skipped" in warning for warning in network.report.warnings)
    assert len(network.connections) > 100


def test_huge_fields_load_without_trouble(tmp_path):
    """A 20 MB company name and a 30 MB message: read and kept whole."""
    files = dict(FILES)
    lines = files["Connections.csv"].decode("utf-8").split("\n")
    row = lines[4].split(",")  # the first contact after the preamble and header
    row[4] = "X" * 20_000_000
    lines[4] = ",".join(row)
    files["Connections.csv"] = "\n".join(lines).encode("utf-8")
    files["messages.csv"] = files["messages.csv"].replace(b'"Hi', b'"' + b"Y" * 30_000_000 + b" Hi", 1)
    network = _load(tmp_path, files)
    assert network.connections["company"].str.len().max() == 20_000_000
    assert network.messages["content"].str.len().max() > 30_000_000
    assert len(network.connections) == len(lines) - 4 - network.report.ghost_rows
