"""Bad input: always helpers.ExportError (a ValueError) with a message a person can act on."""
from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import pytest

import helpers
from conftest import (
    bomb_member,
    connections_bytes,
    deflate_member,
    messages_bytes,
    person,
    profile_bytes,
    raw_zip_bytes,
    world_connection_rows,
    world_export_files,
    world_messages,
    write_folder,
    write_zip,
    zip_name,
)

VALID = connections_bytes(world_connection_rows(), "2024")


def load_error(source) -> str:
    with pytest.raises(helpers.ExportError) as info:
        helpers.load_export(source)
    assert isinstance(info.value, ValueError)
    msg = str(info.value)
    assert len(msg) > 40, msg  # says more than the file name
    return msg


def test_export_error_is_a_value_error():
    assert issubclass(helpers.ExportError, ValueError)


def test_missing_path(tmp_path):
    path = tmp_path / "Downloads" / "Connections.csv"
    msg = load_error(path)
    assert "Connections.csv" in msg


def test_missing_zip(tmp_path):
    path = tmp_path / zip_name("Basic")
    msg = load_error(path)
    assert path.name in msg


def test_empty_file(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"")
    msg = load_error(path)
    assert "Connections.csv" in msg


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\r\n\r\n   \n")
    assert "Connections.csv" in load_error(path)


def test_preamble_only(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(VALID.split(b"First Name")[0])
    assert "Connections.csv" in load_error(path)


@pytest.mark.parametrize("as_zip", [False, True])
def test_export_without_connections_lists_what_was_found(tmp_path, as_zip):
    files = {
        "messages.csv": messages_bytes(world_messages("2025"), "2025"),
        "Profile.csv": profile_bytes(),
    }
    if as_zip:
        source = write_zip(tmp_path / zip_name("Complete"), files)
    else:
        source = write_folder(tmp_path / "my_export", files)
    msg = load_error(source)
    assert "Connections.csv" in msg
    assert "messages.csv" in msg.lower() and "profile.csv" in msg.lower()
    assert source.name in msg


def test_empty_folder(tmp_path):
    folder = tmp_path / "empty_export"
    folder.mkdir()
    msg = load_error(folder)
    assert "Connections.csv" in msg


def test_messages_csv_given_instead_of_connections(tmp_path):
    path = tmp_path / "messages.csv"
    path.write_bytes(messages_bytes(world_messages("2025"), "2025"))
    msg = load_error(path)
    assert "messages.csv" in msg
    assert "Connections.csv" in msg


def test_messages_content_under_another_name(tmp_path):
    """A renamed file: the content is recognised, not the name."""
    path = tmp_path / "linkedin (1).csv"
    path.write_bytes(messages_bytes(world_messages("2023"), "2023"))
    msg = load_error(path)
    assert "messages" in msg.lower()
    assert "Connections.csv" in msg


def _xlsx_bytes() -> bytes:
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        zf.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    return buf.getvalue()


def test_xlsx_file(tmp_path):
    path = tmp_path / "Connections.xlsx"
    path.write_bytes(_xlsx_bytes())
    msg = load_error(path)
    assert "Connections.xlsx" in msg


def test_xlsx_renamed_to_csv(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(_xlsx_bytes())
    assert "Connections.csv" in load_error(path)


def test_random_binary(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(random.Random(0).randbytes(8192))
    assert "Connections.csv" in load_error(path)


def test_png_as_connections(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(2000))
    assert "Connections.csv" in load_error(path)


def test_all_nul_bytes(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\x00" * 4096)
    assert "Connections.csv" in load_error(path)


def test_nul_bytes_inside_a_valid_file_never_crash(tmp_path):
    """NULs sprinkled in a real file: either read or refused, never another exception."""
    data = bytearray(VALID)
    for pos in (len(data) // 2, len(data) // 3, 5):
        data[pos:pos] = b"\x00\x00"
    path = tmp_path / "Connections.csv"
    path.write_bytes(bytes(data))
    try:
        net = helpers.load_export(path)
    except helpers.ExportError as e:
        assert "Connections.csv" in str(e)
    else:
        assert net.connections["contact_id"].is_unique
        for col in ("first_name", "last_name", "company", "position"):
            assert not net.connections[col].astype(str).str.contains("\x00").any(), col


@pytest.mark.parametrize("header", [
    "Name,Company,Position,Connected On",
    "First,Last,Company,Position,Connected On",
    "Vorname,Nachname,Firma,Position,Verbunden am",
])
def test_header_without_first_and_last_name(tmp_path, header):
    path = tmp_path / "Connections.csv"
    path.write_text(header + "\nAna Pérez,Acme,Lead,07 Mar 2025\n", encoding="utf-8")
    msg = load_error(path)
    assert "Connections.csv" in msg


def test_header_without_last_name(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(connections_bytes(
        [person("Ana", "Pérez", "ana-1", on=dt.date(2025, 3, 7))], "2024",
        header=["First Name", "URL", "Email Address", "Company", "Position", "Connected On"]))
    assert "Connections.csv" in load_error(path)


def test_truncated_zip(tmp_path):
    good = write_zip(tmp_path / "good.zip", world_export_files("2025"))
    bad = tmp_path / zip_name("Complete")
    bad.write_bytes(good.read_bytes()[: good.stat().st_size * 6 // 10])
    assert bad.name in load_error(bad)


def test_zip_with_corrupted_member_data(tmp_path):
    data = bytearray(raw_zip_bytes([deflate_member("Connections.csv", VALID)]))
    # flip bytes inside the compressed data (after the 30-byte header + name)
    start = 30 + len("Connections.csv")
    for i in range(start + 10, start + 60):
        data[i] ^= 0xA5
    bad = tmp_path / zip_name("Basic")
    bad.write_bytes(bytes(data))
    assert bad.name in load_error(bad)


def test_html_page_saved_as_zip(tmp_path):
    """A failed download: the 'zip' is the sign-in page."""
    bad = tmp_path / zip_name("Basic")
    bad.write_bytes(b"<!DOCTYPE html><html><head><title>Sign In | LinkedIn</title></head>"
                    b"<body>Please sign in</body></html>")
    assert bad.name in load_error(bad)


def test_empty_zip(tmp_path):
    bad = tmp_path / zip_name("Basic")
    with zipfile.ZipFile(bad, "w"):
        pass
    msg = load_error(bad)
    assert "Connections.csv" in msg


def _snapshot(*roots: Path) -> set[str]:
    seen = set()
    for root in roots:
        if not root.exists():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            for n in dirnames + filenames:
                seen.add(os.path.join(dirpath, n))
    return seen


def _top_level(*dirs: Path) -> set[str]:
    out = set()
    for d in dirs:
        try:
            out |= {os.path.join(d, n) for n in os.listdir(d)}
        except OSError:
            pass
    return out


def test_zip_path_traversal_writes_nothing_outside(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    outside_abs = tmp_path / "outside" / "abs_evil_marker.csv"
    members = [
        deflate_member("../../Connections.csv", VALID),
        deflate_member("../evil_marker_7f3a.csv", b"First Name,Last Name\nx,y\n"),
        deflate_member(str(outside_abs), b"First Name,Last Name\nx,y\n"),
        deflate_member("..\\..\\evil_marker_win.csv", b"First Name,Last Name\nx,y\n"),
    ]
    z = work / zip_name("Complete")
    z.write_bytes(raw_zip_bytes(members))
    tmp = Path(tempfile.gettempdir())
    watch_shallow = [Path("/"), tmp, tmp.parent, Path.cwd(), Path.cwd().parent,
                     Path.home()]
    before_tree = _snapshot(tmp_path)
    before_top = _top_level(*watch_shallow)
    try:
        net = helpers.load_export(z)
    except helpers.ExportError as e:
        assert z.name in str(e)
    else:  # read in memory: fine, if it is the contacts of the member
        assert len(net.connections) == len(world_connection_rows(with_ghosts=False))
    assert _snapshot(tmp_path) == before_tree
    new_top = _top_level(*watch_shallow) - before_top
    suspicious = [p for p in new_top if "evil_marker" in p or p.endswith("Connections.csv")]
    assert not suspicious, suspicious
    assert not outside_abs.exists()


def test_zip_member_declaring_more_than_1gb(tmp_path):
    """Header says 2 GB (the data is small): refuse before inflating."""
    m = deflate_member("Connections.csv", VALID, declared_size=2_000_000_000)
    z = tmp_path / zip_name("Basic")
    z.write_bytes(raw_zip_bytes([m]))
    assert z.name in load_error(z)


def test_zip_member_declaring_small_but_inflating_big(tmp_path):
    """Header says 1 KB; the data inflates to 64 MB."""
    m = bomb_member("Connections.csv", VALID[:200], b"a", 64, b"\n")
    m["size"] = 1024
    z = tmp_path / zip_name("Basic")
    z.write_bytes(raw_zip_bytes([m]))
    assert z.name in load_error(z)


@pytest.fixture(scope="session")
def bomb_zip(tmp_path_factory) -> Path:
    """~3 MB zip whose Connections.csv inflates to ~3.1 GB: a valid start, then one
    enormous quoted field."""
    head = connections_bytes(world_connection_rows(), "2024", trailing_newline=True)
    head += b'Zed,Bomb,https://www.linkedin.com/in/zed-bomb,,"'
    m = bomb_member("Connections.csv", head, b"a", 3000, b'",CEO,07 Mar 2025\n')
    assert m["size"] > 3_000_000_000 and len(m["data"]) < 8_000_000
    path = tmp_path_factory.mktemp("bomb") / zip_name("Complete")
    path.write_bytes(raw_zip_bytes([m]))
    return path


def test_zip_bomb_is_refused_without_running_out_of_memory(bomb_zip):
    """Run in a child process with its address space capped ~1.5 GB above the baseline,
    so a reader that inflates everything fails with MemoryError instead of eating RAM."""
    script = textwrap.dedent(f"""
        import resource, sys
        import helpers, pandas, numpy
        vm = 0
        for line in open('/proc/self/status'):
            if line.startswith('VmSize:'):
                vm = int(line.split()[1]) * 1024
        limit = vm + 1_500_000_000
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            helpers.load_export({str(bomb_zip)!r})
        except helpers.ExportError as e:
            print('EXPORTERROR', {bomb_zip.name!r} in str(e))
        except BaseException as e:
            print('OTHER', type(e).__name__)
        else:
            print('LOADED')
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, cwd=str(Path(__file__).resolve().parents[1]))
    out = proc.stdout.strip().splitlines()
    assert out and out[-1] == "EXPORTERROR True", (proc.returncode, proc.stdout, proc.stderr[-2000:])


def test_lowercase_connections_and_uppercase_messages(tmp_path):
    files = world_export_files("2025")
    files["connections.csv"] = files.pop("Connections.csv")
    files["MESSAGES.CSV"] = files.pop("messages.csv")
    folder = write_folder(tmp_path / "export", files)
    net = helpers.load_export(folder)
    assert len(net.connections) == len(world_connection_rows(with_ghosts=False))
    assert net.messages is not None and len(net.messages) > 0
    z = helpers.load_export(write_zip(tmp_path / zip_name("Complete"), files))
    assert len(z.connections) == len(net.connections)
    assert z.messages is not None and len(z.messages) == len(net.messages)


def test_lowercase_bare_file(tmp_path):
    path = tmp_path / "connections.csv"
    path.write_bytes(VALID)
    net = helpers.load_export(path)
    assert len(net.connections) == len(world_connection_rows(with_ghosts=False))


def test_directory_named_like_a_csv(tmp_path):
    d = tmp_path / "Connections.csv"
    d.mkdir()
    assert "Connections.csv" in load_error(d)


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read a mode-000 file")
    path = tmp_path / "Connections.csv"
    path.write_bytes(VALID)
    path.chmod(0)
    try:
        assert "Connections.csv" in load_error(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("method,flags", [(9, 0x800), (99, 0x801), (8, 0x801)],
                         ids=["deflate64", "aes", "zipcrypto"])
def test_zip_member_unsupported_or_encrypted(tmp_path, method, flags):
    """Deflate64 (Windows) or a password: zipfile cannot read it -> ExportError."""
    m = deflate_member("Connections.csv", VALID)
    m["method"], m["flags"] = method, flags
    z = tmp_path / zip_name("Basic")
    z.write_bytes(raw_zip_bytes([m]))
    assert z.name in load_error(z)
