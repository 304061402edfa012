"""Endorsements, recommendations, invitations -> signals; the signals frame itself."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import helpers
from conftest import (
    OWNER_NAME,
    PEOPLE,
    WORLD_ENDORSEMENTS_EXPECTED,
    WORLD_ENDORSEMENTS_GIVEN,
    WORLD_ENDORSEMENTS_RECEIVED,
    WORLD_INVITATION_NOTE,
    WORLD_MESSAGE_EXPECTED,
    WORLD_RECOMMENDATIONS_EXPECTED,
    connections_bytes,
    contact_id_of,
    endorsement_url,
    endorsements_bytes,
    invitations_bytes,
    person,
    profile_bytes,
    raw_url,
    table_bytes,
    world_connection_rows,
    world_export_files,
    write_folder,
    write_zip,
    zip_name,
)

COUNT_COLUMNS = ["messages_sent", "messages_received", "endorsements_received",
                 "endorsements_given", "recommendations_received", "recommendations_given"]


@pytest.fixture
def world(tmp_path):
    return helpers.load_export(write_zip(tmp_path / zip_name("Complete"),
                                         world_export_files("2025")))


def test_signals_index_is_connections_contact_ids(world):
    s = world.signals
    assert s.index.is_unique
    assert sorted(s.index) == sorted(world.connections["contact_id"])
    assert len(s) == len(PEOPLE)  # ghost row is no contact


def test_signals_columns_and_types(world):
    s = world.signals
    for col in COUNT_COLUMNS:
        assert pd.api.types.is_integer_dtype(s[col]), (col, s[col].dtype)
        assert (s[col] >= 0).all(), col
    assert pd.api.types.is_bool_dtype(s["invitation_note"]), s["invitation_note"].dtype
    assert pd.api.types.is_datetime64_any_dtype(s["last_message_at"])


@pytest.mark.parametrize("direction", ["received", "given"])
def test_endorsements_with_schemeless_unicode_urls_join(world, direction):
    """Endorsements carry www.linkedin.com/in/<raw slug>; Connections a percent-encoded URL."""
    expected = WORLD_ENDORSEMENTS_EXPECTED[direction]
    col = f"endorsements_{direction}"
    for key in PEOPLE:
        got = world.signals.loc[contact_id_of(world, key), col]
        assert got == expected.get(key, 0), (key, got)


def test_endorsement_joins_by_url_not_by_name(world):
    """Two John Smiths: the endorsement is from john-smith-2 only."""
    s = world.signals
    assert s.loc[contact_id_of(world, "john2"), "endorsements_received"] == 1
    assert s.loc[contact_id_of(world, "john1"), "endorsements_received"] == 0


def test_every_endorsee_among_connections_is_found(tmp_path):
    """The doc's 80 -> 92 of 92 point: all endorsees that are connections get matched."""
    keys = list(PEOPLE)
    given = [(dt.datetime(2024, 6, 1, 12, i), f"Skill {i}", PEOPLE[k]["first"], PEOPLE[k]["last"],
              endorsement_url(k)) for i, k in enumerate(keys)]
    files = {
        "Connections.csv": connections_bytes(world_connection_rows(), "2024"),
        "Endorsement_Given_Info.csv": endorsements_bytes(given, given=True),
    }
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    e = net.endorsements_given
    assert e is not None and len(e) == len(keys)
    assert e["contact_id"].notna().all()
    assert set(e["contact_id"]) == set(net.connections["contact_id"])
    assert (net.signals["endorsements_given"] == 1).all()


def test_endorsements_frames_have_contact_id_missing_for_strangers(world):
    r = world.endorsements_received
    assert r is not None
    assert len(r) == len(WORLD_ENDORSEMENTS_RECEIVED)
    assert r["contact_id"].isna().sum() == 1  # Zed Stranger
    g = world.endorsements_given
    assert len(g) == len(WORLD_ENDORSEMENTS_GIVEN)
    assert g["contact_id"].notna().all()


def test_old_endorsement_files_without_url_join_by_name(tmp_path):
    received = [
        (dt.datetime(2019, 3, 15, 10, 30), "Python", "Ana", "Pérez", ""),
        (dt.datetime(2019, 3, 15, 10, 31), "SQL", "Ana", "Pérez", ""),
        (dt.datetime(2019, 5, 2, 8, 0), "Research", "Lee", "Ng, PhD", ""),
        (dt.datetime(2019, 5, 2, 8, 0), "Research", "Zed", "Stranger", ""),
    ]
    given = [(dt.datetime(2019, 6, 1, 12, 0), "Excel", "Bob", "Smith", "")]
    for conn_variant in ("2018", "2024"):
        files = {
            "Connections.csv": connections_bytes(world_connection_rows(), conn_variant),
            "Endorsement_Received_Info.csv": endorsements_bytes(received, given=False,
                                                                with_url=False),
            "Endorsement_Given_Info.csv": endorsements_bytes(given, given=True, with_url=False),
        }
        assert b"Public Url" not in files["Endorsement_Received_Info.csv"]
        net = helpers.load_export(write_folder(tmp_path / conn_variant, files))
        s = net.signals
        assert s.loc[contact_id_of(net, "ana"), "endorsements_received"] == 2, conn_variant
        assert s.loc[contact_id_of(net, "lee"), "endorsements_received"] == 1, conn_variant
        assert s.loc[contact_id_of(net, "bob"), "endorsements_given"] == 1, conn_variant
        assert s["endorsements_received"].sum() == 3, conn_variant


@pytest.mark.parametrize("direction", ["received", "given"])
def test_recommendations_join_by_name(world, direction):
    expected = WORLD_RECOMMENDATIONS_EXPECTED[direction]
    col = f"recommendations_{direction}"
    for key in PEOPLE:
        assert world.signals.loc[contact_id_of(world, key), col] == expected.get(key, 0), key


def test_recommendations_frames(world):
    assert len(world.recommendations_received) == 2
    assert len(world.recommendations_given) == 1
    assert world.recommendations_received["contact_id"].notna().all()


def test_invitation_note(world):
    s = world.signals
    for key in PEOPLE:
        assert bool(s.loc[contact_id_of(world, key), "invitation_note"]) == (
            key in WORLD_INVITATION_NOTE), key


def test_invitations_frame(world):
    inv = world.invitations
    assert inv is not None and len(inv) == 4
    assert inv["contact_id"].notna().sum() == 3  # the stranger's invitation matches nobody


def test_invitation_unicode_url_joins(tmp_path):
    """Invitations carry raw-Unicode https URLs; the name is spelled differently."""
    files = {
        "Connections.csv": connections_bytes(world_connection_rows(), "2024"),
        "Invitations.csv": invitations_bytes([
            ("INCOMING", "Jose Garcia", raw_url("jose"), "Hola, ¿conectamos?",
             dt.datetime(2025, 1, 14, 18, 0)),
        ]),
    }
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    assert bool(net.signals.loc[contact_id_of(net, "jose"), "invitation_note"])
    assert net.signals["invitation_note"].sum() == 1


def test_zeros_where_nothing(world):
    s = world.signals
    carol = s.loc[contact_id_of(world, "carol")]
    assert carol["messages_sent"] == 0 and carol["messages_received"] == 0
    assert carol["endorsements_received"] == 0 and carol["endorsements_given"] == 0
    assert carol["recommendations_given"] == 0
    assert carol["recommendations_received"] == 1
    assert pd.isna(carol["last_message_at"])
    john1 = s.loc[contact_id_of(world, "john1")]
    assert all(john1[c] == 0 for c in COUNT_COLUMNS)
    assert not bool(john1["invitation_note"])


def test_all_signals_together(world):
    """Sum over all contacts = what the fixture rows say."""
    s = world.signals
    assert s["messages_sent"].sum() == sum(v[0] for v in WORLD_MESSAGE_EXPECTED.values())
    assert s["messages_received"].sum() == sum(v[1] for v in WORLD_MESSAGE_EXPECTED.values())
    assert s["endorsements_received"].sum() == sum(WORLD_ENDORSEMENTS_EXPECTED["received"].values())
    assert s["endorsements_given"].sum() == sum(WORLD_ENDORSEMENTS_EXPECTED["given"].values())
    assert s["recommendations_received"].sum() == 2
    assert s["recommendations_given"].sum() == 1
    assert s["invitation_note"].sum() == len(WORLD_INVITATION_NOTE)


def test_missing_signal_files_give_none_and_zeros(tmp_path):
    files = {"Connections.csv": connections_bytes(world_connection_rows(), "2024")}
    net = helpers.load_export(write_zip(tmp_path / zip_name("Complete"), files))
    for attr in ("endorsements_received", "endorsements_given", "recommendations_received",
                 "recommendations_given", "invitations", "messages"):
        assert getattr(net, attr) is None, attr
    assert net.owner_name is None
    for col in COUNT_COLUMNS:
        assert (net.signals[col] == 0).all(), col
        assert pd.api.types.is_integer_dtype(net.signals[col]), col


def test_signals_for_url_less_connections(tmp_path):
    """Old Connections (no URL) + recommendations by name still join."""
    files = world_export_files("2018")
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    s = net.signals
    assert sorted(s.index) == sorted(net.connections["contact_id"])
    assert s.loc[contact_id_of(net, "lee"), "recommendations_received"] == 1
    assert s.loc[contact_id_of(net, "ana"), "recommendations_given"] == 1


# ---------------------------------------------------------------------------
# normalise_profile_url (the join key)
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://www.linkedin.com/in/ana-p%C3%A9rez-1a2b/",
    "https://www.linkedin.com/in/ana-p%C3%A9rez-1a2b",
    "https://www.linkedin.com/in/ana-pérez-1a2b",
    "www.linkedin.com/in/ana-pérez-1a2b",
    "http://linkedin.com/in/Ana-P%C3%A9rez-1a2b",
    "https://uk.linkedin.com/in/ana-p%C3%A9rez-1a2b?trk=public_profile#about",
    "https://www.linkedin.com/in/ana-pe\u0301rez-1a2b",
    "  https://www.linkedin.com/in/ana-p%c3%a9rez-1a2b/  ",
])
def test_normalise_profile_url(url):
    assert helpers.normalise_profile_url(url) == "linkedin.com/in/ana-pérez-1a2b"


@pytest.mark.parametrize("url", ["", None])
def test_normalise_profile_url_empty(url):
    assert helpers.normalise_profile_url(url) is None


def test_normalise_keeps_different_people_apart():
    a = helpers.normalise_profile_url("https://www.linkedin.com/in/john-smith-1")
    b = helpers.normalise_profile_url("https://www.linkedin.com/in/john-smith-2")
    assert a != b


def test_signal_for_person_connected_by_url_with_trailing_slash(tmp_path):
    rows = [person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b/", on=dt.date(2025, 3, 7))]
    files = {
        "Connections.csv": connections_bytes(rows, "2024"),
        "Endorsement_Received_Info.csv": endorsements_bytes(
            [(dt.datetime(2024, 3, 15, 10, 30), "Python", "Ana", "Pérez",
              endorsement_url("ana"))], given=False),
    }
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    assert net.signals["endorsements_received"].tolist() == [1]


def test_old_invitations_without_url_columns_join_by_name(tmp_path):
    """2018 Invitations.csv: only From,To,Sent At,Message,Direction."""
    header = ["From", "To", "Sent At", "Message", "Direction"]
    rows = [
        ["Lee Ng, PhD", OWNER_NAME, "3/6/18, 9:05 AM", "Great talk yesterday!", "INCOMING"],
        [OWNER_NAME, "Bob Smith", "3/7/18, 10:00 AM", "", "OUTGOING"],
        [OWNER_NAME, "Zed Stranger", "3/8/18, 10:00 AM", "Hi Zed", "OUTGOING"],
    ]
    files = {
        "Connections.csv": connections_bytes(world_connection_rows(), "2018"),
        "Invitations.csv": table_bytes(header, rows),
        "Profile.csv": profile_bytes(),
    }
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    s = net.signals
    assert bool(s.loc[contact_id_of(net, "lee"), "invitation_note"])
    assert not bool(s.loc[contact_id_of(net, "bob"), "invitation_note"])
    assert s["invitation_note"].sum() == 1
