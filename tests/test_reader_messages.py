"""messages.csv: every header era -> per-contact message signals."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import helpers
from conftest import (
    MESSAGE_ERAS,
    MULTILINE,
    OLD_MESSAGE_ERAS,
    OWNER_NAME,
    OWNER_URL,
    PEOPLE,
    STRANGER_NAME,
    WORLD_MESSAGE_EXPECTED,
    connections_bytes,
    contact_id_of,
    full_name,
    messages_bytes,
    msg,
    profile_bytes,
    raw_url,
    world_connection_rows,
    world_export_files,
    world_messages,
    write_folder,
    write_zip,
    zip_name,
)

ERAS = sorted(MESSAGE_ERAS)
NEW_ERAS = [e for e in ERAS if e not in OLD_MESSAGE_ERAS]


def _real(m) -> bool:
    """Which world messages are real messages (not sponsored, spam or draft)."""
    return (m["from_name"] != "LinkedIn Member" and m["folder"] != "SPAM"
            and not m["draft"] and m["folder"] != "")


def _close(got, expected: dt.datetime, *, exact: bool):
    got = pd.Timestamp(got)
    assert not pd.isna(got), expected
    assert got.tzinfo is None
    if exact:
        assert got == pd.Timestamp(expected)
    else:  # no time zone in the file: allow a time-zone shift, not a wrong message
        assert abs(got - pd.Timestamp(expected)) <= pd.Timedelta(hours=14), (got, expected)


def _load_world(tmp_path, era, **kw):
    files = world_export_files(era)
    files.update(kw.pop("extra", {}))
    for name in kw.pop("drop", ()):
        files.pop(name)
    folder = write_folder(tmp_path / "Complete_LinkedInDataExport_05-10-2025", files)
    return helpers.load_export(folder)


@pytest.fixture(params=ERAS)
def era(request):
    return request.param


@pytest.fixture
def world(tmp_path, era):
    return _load_world(tmp_path, era)


def test_signals_per_contact(world, era):
    s = world.signals
    for key in PEOPLE:
        cid = contact_id_of(world, key)
        sent, received, last = WORLD_MESSAGE_EXPECTED.get(key, (0, 0, None))
        row = s.loc[cid]
        assert row["messages_sent"] == sent, (era, key)
        assert row["messages_received"] == received, (era, key)
        if last is None:
            assert pd.isna(row["last_message_at"]), (era, key)
        else:
            _close(row["last_message_at"], last, exact=era not in OLD_MESSAGE_ERAS)


def test_messages_frame_has_only_real_messages(world, era):
    expected = [m for m in world_messages(era) if _real(m)]
    got = world.messages
    assert got is not None
    assert len(got) == len(expected)
    assert not (got["from_name"] == "LinkedIn Member").any()
    assert "Buy now" not in set(got["content"])
    assert "Draft to Bob" not in set(got["content"])
    assert not got["content"].astype(str).str.contains("%FIRSTNAME%").any()


def test_messages_frame_columns(world, era):
    m = world.messages
    for col in ("conversation_id", "conversation_title", "sent_at", "from_name", "to_name",
                "subject", "content", "folder", "direction", "contact_id"):
        assert col in m.columns, col
    assert pd.api.types.is_datetime64_any_dtype(m["sent_at"])
    assert getattr(m["sent_at"].dt, "tz", None) is None
    assert set(m["direction"]) == {"sent", "received"}


def test_direction_and_contact_of_each_message(world, era):
    m = world.messages
    by_key = {}
    for w in world_messages(era):
        if not _real(w):
            continue
        hit = m[(m["content"] == w["content"])]
        if len(hit) > 1:  # same text twice ("Hi" ...): narrow by date
            hit = hit[(hit["sent_at"] - pd.Timestamp(w["at"])).abs() <= pd.Timedelta(hours=14)]
        assert len(hit) == 1, (era, w["content"])
        row = hit.iloc[0]
        assert row["direction"] == w["direction"], (era, w["content"])
        by_key[w["content"]] = row
    ana, lee, bob = (contact_id_of(world, k) for k in ("ana", "lee", "bob"))
    assert by_key["Hi Ana, coffee?"]["contact_id"] == ana
    assert by_key[MULTILINE]["contact_id"] == ana
    assert by_key["Thanks, Lee!"]["contact_id"] == lee     # TO "Lee Ng, PhD" not split
    assert by_key["Congrats on the launch"]["contact_id"] == lee
    assert by_key["Ping"]["contact_id"] == bob
    assert pd.isna(by_key["Hi Zed"]["contact_id"])          # not a connection
    if era not in OLD_MESSAGE_ERAS:
        for text in ("Kick-off", "Agenda?", "Attached"):    # group chat
            assert pd.isna(by_key[text]["contact_id"]), (era, text)


def test_multiline_and_html_content_kept(world, era):
    contents = set(world.messages["content"])
    assert MULTILINE in contents
    assert "<p>Tuesday works</p>" in contents


@pytest.mark.parametrize("era", NEW_ERAS)
def test_sent_at_is_utc_naive(tmp_path, era):
    net = _load_world(tmp_path, era)
    m = net.messages
    row = m[m["content"] == "Thanks, Lee!"].iloc[0]
    assert pd.Timestamp(row["sent_at"]) == pd.Timestamp(2025, 2, 11, 13, 15)


def test_owner_name_from_profile(world):
    assert world.owner_name == OWNER_NAME


def test_coach_and_guide_messages_ignored(world, era):
    assert "coach says hi" not in set(world.messages["content"])
    ana = contact_id_of(world, "ana")
    assert world.signals.loc[ana, "messages_received"] == WORLD_MESSAGE_EXPECTED["ana"][1]


def test_capitalised_2018_file_is_found(tmp_path):
    files = world_export_files("2018")
    assert "Messages.csv" in files and "messages.csv" not in files
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    assert net.messages is not None
    assert len(net.messages) == len(world_messages("2018"))


def test_draft_flag_alone_excludes_message(tmp_path):
    """A draft inside an existing conversation: FOLDER filled, IS MESSAGE DRAFT = Yes."""
    for era in ("2024", "2025"):
        msgs = world_messages(era) + [
            msg("sent", full_name("lee"), raw_url("lee"), dt.datetime(2025, 6, 1, 9, 0),
                "Unsent reply to Lee", conv="2-bGVlbGVl", folder="INBOX", draft=True),
        ]
        files = world_export_files(era)
        files["messages.csv"] = messages_bytes(msgs, era)
        net = helpers.load_export(write_folder(tmp_path / era, files))
        lee = contact_id_of(net, "lee")
        assert net.signals.loc[lee, "messages_sent"] == WORLD_MESSAGE_EXPECTED["lee"][0], era
        assert pd.Timestamp(net.signals.loc[lee, "last_message_at"]) == pd.Timestamp(
            WORLD_MESSAGE_EXPECTED["lee"][2]), era
        assert "Unsent reply to Lee" not in set(net.messages["content"]), era


@pytest.mark.parametrize("era", ["2023", "2025", "2026"])
def test_owner_found_without_profile(tmp_path, era):
    """No Profile.csv: 'me' is the URL present in (nearly) every conversation."""
    net = _load_world(tmp_path, era, drop=["Profile.csv"])
    for key, (sent, received, _) in WORLD_MESSAGE_EXPECTED.items():
        row = net.signals.loc[contact_id_of(net, key)]
        assert (row["messages_sent"], row["messages_received"]) == (sent, received), key


@pytest.mark.parametrize("era", ["2023", "2026"])
def test_owner_found_by_url_when_name_changed(tmp_path, era):
    """Profile.csv has the owner's new name; messages carry the old one. The URL decides."""
    net = _load_world(tmp_path, era, extra={"Profile.csv": profile_bytes("Olivia", "Owner-Berg")})
    for key, (sent, received, _) in WORLD_MESSAGE_EXPECTED.items():
        row = net.signals.loc[contact_id_of(net, key)]
        assert (row["messages_sent"], row["messages_received"]) == (sent, received), key


@pytest.mark.parametrize("title", ["Trio", ""])
def test_group_with_several_recipient_urls_is_nobodys_one_to_one(tmp_path, title):
    """A conversation only with the group: its messages count for nobody (group chats
    need not have a title)."""
    ana_n, bob_n = full_name("ana"), full_name("bob")
    ana_u, bob_u = raw_url("ana"), raw_url("bob")
    c = "2-b25seWdyb3Vw"
    msgs = [
        msg("sent", f"{ana_n}, {bob_n}", "", dt.datetime(2025, 1, 5, 9, 0), "Hello both",
            conv=c, title=title, to_urls=[ana_u, bob_u]),
        msg("received", ana_n, ana_u, dt.datetime(2025, 1, 6, 9, 0), "Hi!", conv=c,
            title=title, to_name=f"{OWNER_NAME}, {bob_n}", to_urls=[OWNER_URL, bob_u]),
        # a 1:1 so the owner is present in more than one conversation
        msg("sent", bob_n, bob_u, dt.datetime(2025, 1, 7, 9, 0), "Just you, Bob",
            conv="2-Ym9ib25seQ"),
    ]
    files = {
        "Connections.csv": connections_bytes(world_connection_rows(), "2024"),
        "messages.csv": messages_bytes(msgs, "2023"),
        "Profile.csv": profile_bytes(),
    }
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    ana, bob = contact_id_of(net, "ana"), contact_id_of(net, "bob")
    assert net.signals.loc[ana, "messages_sent"] == 0
    assert net.signals.loc[ana, "messages_received"] == 0
    assert pd.isna(net.signals.loc[ana, "last_message_at"])
    assert net.signals.loc[bob, "messages_sent"] == 1
    assert net.signals.loc[bob, "messages_received"] == 0


def test_unicode_urls_in_messages_join_percent_encoded_connections(tmp_path):
    jose_n, jose_u = full_name("jose"), raw_url("jose")  # raw "josé-garcía"
    c = "2-am9zZQ"
    msgs = [
        msg("received", jose_n, jose_u, dt.datetime(2025, 1, 5, 9, 0), "Hola", conv=c),
        msg("sent", jose_n, jose_u, dt.datetime(2025, 1, 5, 10, 0), "¡Hola José!", conv=c),
        msg("received", jose_n, jose_u, dt.datetime(2025, 1, 6, 9, 0), "¿Café?", conv=c),
        msg("sent", STRANGER_NAME, "https://www.linkedin.com/in/zed-stranger-0",
            dt.datetime(2025, 1, 7, 9, 0), "hi", conv="2-emVk"),
    ]
    # José's name in messages written differently: only the URL can join them
    for m in msgs[:3]:
        if m["direction"] == "received":
            m["from_name"] = "Jose Garcia"
        else:
            m["to_name"] = "Jose Garcia"
    files = {
        "Connections.csv": connections_bytes(world_connection_rows(), "2024"),
        "messages.csv": messages_bytes(msgs, "2023"),
    }
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    assert PEOPLE["jose"]["url"].endswith("jos%C3%A9-garc%C3%ADa")
    row = net.signals.loc[contact_id_of(net, "jose")]
    assert (row["messages_sent"], row["messages_received"]) == (1, 2)
    assert pd.Timestamp(row["last_message_at"]) == pd.Timestamp(2025, 1, 6, 9, 0)


def test_basic_export_has_no_messages(tmp_path):
    path = write_zip(tmp_path / zip_name("Basic", dt.date(2025, 3, 7)),
                     world_export_files("2025", basic=True))
    net = helpers.load_export(path)
    assert net.kind == "Basic"
    assert net.messages is None
    s = net.signals
    assert len(s) == len(net.connections)
    for col in ("messages_sent", "messages_received", "endorsements_received",
                "endorsements_given", "recommendations_received", "recommendations_given"):
        assert (s[col] == 0).all(), col
    assert s["last_message_at"].isna().all()
    assert not s["invitation_note"].any()


@pytest.mark.parametrize("era", ["2018", "2021", "2026"])
def test_complete_zip_same_as_folder(tmp_path, era):
    files = world_export_files(era)
    z = helpers.load_export(write_zip(tmp_path / zip_name("Complete"), files))
    f = helpers.load_export(write_folder(tmp_path / "folder", files))
    assert z.kind == "Complete"
    cols = ["messages_sent", "messages_received"]
    assert z.signals[cols].sort_index().equals(f.signals[cols].sort_index())
    assert len(z.messages) == len(f.messages)


def test_same_name_connections_without_urls_do_not_double_count(tmp_path):
    """2021 Connections (no URL) with two John Smiths: a message from 'John Smith' can't be
    given to both; never count it twice."""
    from conftest import person
    rows = world_connection_rows() + [
        person("John", "Smith", on=dt.date(2018, 1, 2), company="Initech"),
        person("John", "Smith", on=dt.date(2017, 1, 2), company="Umbrella"),
    ]
    rows = [r for r in rows if not (r["first"] == "John" and r.get("url"))]
    john_url = "https://www.linkedin.com/in/john-smith-9"
    msgs = [
        msg("received", "John Smith", john_url, dt.datetime(2021, 5, 1, 9, 0), "Hi", conv="2-am9obg"),
        msg("sent", "John Smith", john_url, dt.datetime(2021, 5, 1, 10, 0), "Hey", conv="2-am9obg"),
    ]
    files = {
        "Connections.csv": connections_bytes(rows, "2021"),
        "messages.csv": messages_bytes(msgs, "2021"),
        "Profile.csv": profile_bytes(),
    }
    net = helpers.load_export(write_folder(tmp_path / "export", files))
    johns = net.connections[net.connections["first_name"] == "John"]["contact_id"]
    assert len(johns) == 2
    assert net.signals.loc[johns, "messages_received"].sum() <= 1
    assert net.signals.loc[johns, "messages_sent"].sum() <= 1
