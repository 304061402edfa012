"""Property tests: whatever the bytes, ExportError or a sane Network."""
from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import helpers
from conftest import (
    CONNECTION_VARIANTS,
    HEADER_URL,
    URL_VARIANTS,
    as_ts,
    connections_bytes,
    ghost,
    is_ghost,
    missing,
    person,
    world_connection_rows,
    world_export_files,
    zip_name,
)

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# loading a whole export is slower than one file: fewer examples for the zip properties
FUZZ_ZIP = settings(FUZZ, max_examples=60)

VALID = connections_bytes(world_connection_rows(), "2024")
VALID_CONTACTS = len(world_connection_rows(with_ghosts=False))


def load_bytes(data: bytes, name: str = "Connections.csv"):
    """Write data to a fresh temp dir and load it: (network or None, error or None)."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        try:
            return helpers.load_export(path), None
        except helpers.ExportError as e:
            assert isinstance(e, ValueError)
            assert str(e).strip()
            return None, e


def check_network(net):
    c = net.connections
    ids = c["contact_id"]
    assert ids.is_unique
    assert ids.notna().all()
    assert all(isinstance(i, str) and i for i in ids)
    assert pd.api.types.is_datetime64_any_dtype(c["connected_on"])
    s = net.signals
    assert sorted(s.index) == sorted(ids)
    assert net.report.ghost_rows >= 0


# ---------------------------------------------------------------------------
# arbitrary bytes
# ---------------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data):
    net, _ = load_bytes(data)
    if net is not None:
        check_network(net)


PREFIXES = [
    VALID.split(b"First Name")[0] + b"First Name,Last Name,URL,Email Address,Company,Position,"
    b"Connected On\n",
    b"First Name,Last Name,Email Address,Company,Position,Connected On\n",
    b"\xef\xbb\xbfNotes:,,,,,,\r\n,,,,,,\r\n,,,,,,\r\nFirst Name,Last Name,URL,Email Address,"
    b"Company,Position,Connected On\r\n",
]


@FUZZ
@given(st.sampled_from(PREFIXES), st.binary(max_size=2000))
def test_valid_header_then_arbitrary_bytes(prefix, tail):
    net, _ = load_bytes(prefix + tail)
    if net is not None:
        check_network(net)


@FUZZ
@given(st.sampled_from(PREFIXES),
       st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=600))
def test_valid_header_then_arbitrary_text(prefix, tail):
    net, _ = load_bytes(prefix + tail.encode("utf-8"))
    if net is not None:
        check_network(net)


# ---------------------------------------------------------------------------
# mutations of a valid file
# ---------------------------------------------------------------------------

@FUZZ
@given(st.integers(min_value=0, max_value=len(VALID)))
def test_truncated_valid_file(cut):
    net, _ = load_bytes(VALID[:cut])
    if net is not None:
        check_network(net)
        assert len(net.connections) <= VALID_CONTACTS


@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(VALID)),
                          st.binary(min_size=1, max_size=8)), min_size=1, max_size=5))
def test_random_bytes_inserted(inserts):
    data = bytearray(VALID)
    for pos, blob in sorted(inserts, reverse=True):
        data[pos:pos] = blob
    net, _ = load_bytes(bytes(data))
    if net is not None:
        check_network(net)


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=len(VALID)), min_size=1, max_size=6),
       st.integers(min_value=1, max_value=4))
def test_nuls_inserted(positions, width):
    data = bytearray(VALID)
    for pos in sorted(positions, reverse=True):
        data[pos:pos] = b"\x00" * width
    net, _ = load_bytes(bytes(data))
    if net is not None:
        check_network(net)


@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(VALID) - 1),
                          st.integers(min_value=0, max_value=255)), min_size=1, max_size=10))
def test_bytes_overwritten(changes):
    data = bytearray(VALID)
    for pos, value in changes:
        data[pos] = value
    net, _ = load_bytes(bytes(data))
    if net is not None:
        check_network(net)


# ---------------------------------------------------------------------------
# generated contacts, written in any variant: read back the same
# ---------------------------------------------------------------------------

# Non-ASCII letters all encode in cp1252 as bytes >= 0xC0, so a cp1252 file can never be
# mistaken for valid UTF-8 and the expected text is well defined in every variant.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéøüñçÅØÉÖ"
name_st = st.builds(
    lambda core, tail, lpad, rpad: lpad + core + tail + rpad,
    st.text(alphabet=LETTERS, min_size=1, max_size=10),
    st.sampled_from(["", "-Smith", " de la Cruz", ", PhD", "'o", ' "Jr"']),
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(["", " "]),
)
field_st = st.one_of(
    st.sampled_from(["", "", "Acme, Inc.", "NA", "None", "nan", "N/A", "null",
                     'The "Best" Co', "Ørsted A/S", "R&D; Ops"]),
    st.text(alphabet=LETTERS + " ,;.&'\"-", max_size=20).map(str.strip),
)
date_st = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def contact_rows(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    rows = []
    for i in range(n):
        if draw(st.integers(0, 9)) == 0:
            rows.append(ghost(draw(date_st)))
            continue
        rows.append(person(draw(name_st), draw(name_st), f"p{i}-{draw(st.integers(0, 99))}",
                           on=draw(date_st), company=draw(field_st), position=draw(field_st)))
    assume(any(not is_ghost(r) for r in rows))
    return rows


def _key(t):
    return tuple("" if v is None else str(v) for v in t)


def _same_contacts(net, rows, with_url):
    want = list(
        (r["first"].strip(), r["last"].strip(), r["company"] or None, r["position"] or None,
         as_ts(r["connected_on"]), r["url"] if with_url else None)
        for r in rows if not is_ghost(r))
    want = sorted(want, key=_key)
    c = net.connections
    got = list(
        (f, l, None if missing(co) else co, None if missing(po) else po, pd.Timestamp(on),
         u if with_url else None)
        for f, l, co, po, on, u in zip(
            c["first_name"], c["last_name"], c["company"], c["position"], c["connected_on"],
            c["profile_url"] if with_url else [None] * len(c)))
    got = sorted(got, key=_key)
    assert got == want


@FUZZ
@given(contact_rows(), st.sampled_from(sorted(CONNECTION_VARIANTS)))
def test_any_variant_round_trips(rows, variant):
    net, err = load_bytes(connections_bytes(rows, variant))
    assert err is None, f"{variant}: {err}"
    check_network(net)
    _same_contacts(net, rows, variant in URL_VARIANTS)
    assert net.report.ghost_rows == sum(is_ghost(r) for r in rows)


@FUZZ
@given(contact_rows(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       st.sampled_from(["\n", "\r\n"]), st.booleans(), st.sampled_from([",", ";", "\t"]))
def test_encoding_separator_and_line_ends_swapped(rows, encoding, eol, trailing, sep):
    data = connections_bytes(rows, "2024", encoding=encoding, eol=eol,
                             trailing_newline=trailing, sep=sep)
    net, err = load_bytes(data)
    assert err is None, f"{encoding!r} {eol!r} {sep!r}: {err}"
    _same_contacts(net, rows, True)


@FUZZ
@given(contact_rows(), st.sampled_from(HEADER_URL), st.sampled_from(["2024", "excel_en_bom"]))
def test_column_dropped(rows, dropped, variant):
    header = [h for h in HEADER_URL if h != dropped]
    net, err = load_bytes(connections_bytes(rows, variant, header=header))
    if dropped in ("First Name", "Last Name"):
        assert err is not None, f"no {dropped} column but loaded"
        return
    if dropped == "Connected On" and err is not None:  # the contract does not say
        return
    assert err is None, f"dropped {dropped}: {err}"
    check_network(net)
    c = net.connections
    got = sorted(zip(c["first_name"], c["last_name"]))
    # with Connected On dropped a ghost row is an empty line: not a contact either way
    want = sorted((r["first"].strip(), r["last"].strip()) for r in rows if not is_ghost(r))
    assert got == want


@FUZZ
@given(contact_rows(), st.sampled_from(HEADER_URL), st.integers(min_value=0, max_value=7))
def test_column_duplicated(rows, dup, where):
    header = list(HEADER_URL)
    header.insert(min(where, len(header)), dup)
    net, _ = load_bytes(connections_bytes(rows, "2024", header=header))
    if net is not None:
        check_network(net)


@FUZZ
@given(contact_rows(), st.permutations(HEADER_URL))
def test_columns_shuffled(rows, header):
    net, err = load_bytes(connections_bytes(rows, "2024", header=list(header)))
    assert err is None, err
    _same_contacts(net, rows, True)


# ---------------------------------------------------------------------------
# zips
# ---------------------------------------------------------------------------

def _zip_bytes(files) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


VALID_ZIP = _zip_bytes(world_export_files("2025"))


@FUZZ_ZIP
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(VALID_ZIP) - 1),
                          st.integers(min_value=0, max_value=255)), min_size=1, max_size=8))
def test_corrupted_zip(changes):
    data = bytearray(VALID_ZIP)
    for pos, value in changes:
        data[pos] = value
    net, _ = load_bytes(bytes(data), zip_name("Complete"))
    if net is not None:
        check_network(net)


@FUZZ_ZIP
@given(st.integers(min_value=0, max_value=len(VALID_ZIP)))
def test_truncated_zip(cut):
    net, _ = load_bytes(VALID_ZIP[:cut], zip_name("Complete"))
    if net is not None:
        check_network(net)


@FUZZ_ZIP
@given(st.dictionaries(
    st.sampled_from(["Connections.csv", "messages.csv", "Profile.csv", "Invitations.csv",
                     "Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv",
                     "Recommendations_Received.csv", "Recommendations_Given.csv"]),
    st.binary(max_size=400), min_size=1, max_size=4))
def test_zip_of_garbage_files(garbage):
    files = world_export_files("2025")
    files.update(garbage)
    net, _ = load_bytes(_zip_bytes(files), zip_name("Complete"))
    if net is not None:
        check_network(net)
