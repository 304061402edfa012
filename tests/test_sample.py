"""Tests for helpers.export.sample: the synthetic LinkedIn export is deterministic, real-format and tells the story.

Files are parsed with the csv module, not with the workbook's reader, so these tests stand on their own.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
import zlib
from collections import Counter
from datetime import date, datetime, timedelta
from urllib.parse import unquote

import pytest

from helpers import sample

# Copied from LINKEDIN_FORMATS.md, not from the module: the test checks the module against the doc.
PREAMBLE = (
    b'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing.'
    b" You will only see email addresses for connections who have allowed their connections to see or download"
    b" their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn"
    b' more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)
MESSAGES_HEADER = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS",'
                   '"DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"')
MEMBERS = ["Connections.csv", "Endorsement_Given_Info.csv", "Endorsement_Received_Info.csv", "Invitations.csv",
           "Jobs/Job Applications.csv", "Positions.csv", "Profile.csv", "Recommendations_Given.csv",
           "Recommendations_Received.csv", "coach_messages.csv", "messages.csv"]
EXPORT = date(2026, 11, 20)
OWNER_URL = sample.OWNER_URL


def records(data: bytes, skip: int = 1) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[skip:]


def slug_of(url: str) -> str:
    return unquote(url.rstrip("/").rsplit("/in/", 1)[1]).lower()


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return sample.build_export_files()


@pytest.fixture(scope="module")
def connections(files) -> list[list[str]]:
    return records(files["Connections.csv"], skip=4)


@pytest.fixture(scope="module")
def messages(files) -> list[list[str]]:
    return records(files["messages.csv"])


# --- determinism ---

def test_two_builds_are_byte_identical():
    assert sample.zip_bytes(sample.build_export_files(120)) == sample.zip_bytes(sample.build_export_files(120))


def test_seed_changes_the_network():
    assert sample.build_export_files(120, seed=1)["Connections.csv"] != sample.build_export_files(120)["Connections.csv"]


@pytest.mark.parametrize("hash_seed", ["0", "12345"])
def test_bytes_do_not_depend_on_string_hashing(hash_seed):
    code = "import hashlib,sys; from helpers import sample; " \
           "sys.stdout.write(hashlib.sha256(sample.zip_bytes(sample.build_export_files(120))).hexdigest())"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out == hashlib.sha256(sample.zip_bytes(sample.build_export_files(120))).hexdigest()


def test_committed_zip_equals_a_fresh_build(files):
    assert sample.DEFAULT_ZIP.exists(), "run `python -m helpers.export.sample` to create the sample"
    committed = sample.DEFAULT_ZIP.read_bytes()
    with zipfile.ZipFile(io.BytesIO(committed)) as zf:
        assert zf.namelist() == MEMBERS
        for name in MEMBERS:
            assert zf.read(name) == files[name], f"{name} differs: regenerate with `python -m helpers.export.sample`"
    if "ng" not in zlib.ZLIB_RUNTIME_VERSION:  # zlib-ng compresses to other (equally valid) bytes
        assert committed == sample.zip_bytes(files)


def test_zip_members_and_attributes(files):
    assert list(files) == MEMBERS  # includes a subfolder, as real exports do
    with zipfile.ZipFile(io.BytesIO(sample.zip_bytes(files))) as zf:
        for info in zf.infolist():
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.date_time == sample.ZIP_TIME
    assert sample.DEFAULT_ZIP.name == "Complete_LinkedInDataExport_11-20-2026.zip"


# --- bytes and formats ---

def test_every_file_is_utf8_lf_without_bom_or_final_newline(files):
    for name, data in files.items():
        data.decode("utf-8")
        assert not data.startswith(b"\xef\xbb\xbf"), name
        assert b"\r" not in data, name
        assert not data.endswith(b"\n"), name


def test_connections_preamble_and_header_are_exact(files):
    assert files["Connections.csv"].startswith(PREAMBLE)


def test_connections_dates_and_order(connections):
    assert len(connections) == 800
    assert all(re.fullmatch(r"\d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}", r[6]) for r in connections)
    days = [datetime.strptime(r[6], "%d %b %Y").date() for r in connections]
    assert days == sorted(days, reverse=True)  # newest first
    assert date(2008, 1, 1) <= days[-1] and days[0] <= EXPORT


def test_ghost_rows_are_empty_except_the_date(connections, files):
    ghosts = [r for r in connections if not r[2]]
    assert 4 <= len(ghosts) <= 24  # ~1%
    assert all(r[:6] == [""] * 6 for r in ghosts)
    assert re.search(rb"\n,,,,,,\d\d [A-Z][a-z]{2} \d{4}", files["Connections.csv"])


def test_minimal_quoting_in_connections(files):
    data = files["Connections.csv"]
    assert b'Lee,"Ng, PhD",' in data
    assert b',"Acme, Inc.",' in data
    assert b'"Studio ""Nord"" Design"' in data
    body = data.decode().split("\n", 4)[4]  # fields without comma or quote are never quoted
    assert '"Lars"' not in body and not re.search(r'(^|,)"[^",\n]*"(,|$)', body, re.M)


def test_realistic_field_quirks(connections):
    people = [r for r in connections if r[2]]
    emails = sum(bool(r[3]) for r in people)
    assert 0.01 * len(people) <= emails <= 0.035 * len(people)
    no_company = sum(not r[4] for r in people)
    assert 0.02 * len(people) <= no_company <= 0.05 * len(people)
    names = Counter((r[0], r[1]) for r in people)
    same_name = [n for n, k in names.items() if k > 1]
    assert len(same_name) >= 2
    for first, last in same_name:
        assert len({r[2] for r in people if (r[0], r[1]) == (first, last)}) == names[first, last]
    assert len({r[2] for r in people}) == len(people)  # no duplicate URLs
    assert any(r[0] != r[0].strip() or r[1] != r[1].strip() for r in people)
    assert sum(any(unicodedata.category(c) == "So" for c in r[0] + r[1]) for r in people) >= 2  # emoji
    assert any("\u4e00" <= c <= "\u9fff" for r in people for c in r[0] + r[1])  # CJK
    assert sum(any(c in r[1] for c in ("PhD", "MBA", "CPA")) for r in people) >= 3
    assert sum(sample.PROFILE in r[2] for r in people) == len(people)


def test_slugs_percent_encoded_in_connections_raw_elsewhere(connections, messages, files):
    urls = [r[2] for r in connections if r[2]]
    assert all(u.isascii() for u in urls)
    assert "https://www.linkedin.com/in/ana-p%C3%A9rez-1a2b" in urls
    assert sum("%" in u for u in urls) >= 10
    message_urls = {u for m in messages for u in [m[3], *m[5].split(",")] if u}
    assert "https://www.linkedin.com/in/ana-pérez-1a2b" in message_urls
    assert not any("%" in u for u in message_urls)
    endorsers = [r[4] for r in records(files["Endorsement_Received_Info.csv"])]
    assert all(u.startswith("www.linkedin.com/in/") for u in endorsers)
    assert "www.linkedin.com/in/ana-pérez-1a2b" in endorsers
    known = {slug_of(u) for u in urls} | {slug_of(OWNER_URL)}
    assert {slug_of("https://" + u) for u in endorsers} <= known  # normalised, every endorser is found


def test_messages_header_and_all_fields_quoted(files, messages):
    text = files["messages.csv"].decode()
    assert text.split("\n", 1)[0] == MESSAGES_HEADER
    again = io.StringIO()
    csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(records(files["messages.csv"], skip=0))
    assert again.getvalue().removesuffix("\n") == text  # quoting every field reproduces the file exactly
    assert len(messages) == 6400
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", m[6]) for m in messages)
    assert {m[9] for m in messages} == {"INBOX", "ARCHIVE", "SPAM", ""}
    assert any("\n" in m[8] for m in messages) and any(m[8].startswith("<p>") for m in messages)
    assert any(m[10] for m in messages)  # a few attachments


def test_owner_is_in_every_conversation(messages):
    assert all(OWNER_URL in (m[3], *m[5].split(",")) for m in messages)


def test_drafts_sponsored_and_groups(messages):
    drafts = [m for m in messages if m[9] == ""]
    assert drafts and all(m[0] == "" and m[3] == OWNER_URL for m in drafts)
    sponsored = [m for m in messages if m[1] == "Sponsored Conversation"]
    assert len(sponsored) >= 3
    assert all(m[2] == "LinkedIn Member" and m[3] == "" and "%FIRSTNAME%" in m[8] and "<p>" in m[8] for m in sponsored)
    groups = [m for m in messages if "," in m[5]]
    assert len({m[0] for m in groups}) >= 3
    assert all(", " not in m[5] and m[1] for m in groups)


def test_coach_messages_share_the_header_but_are_no_contact(files, connections):
    coach = files["coach_messages.csv"].decode()
    assert coach.split("\n", 1)[0] == MESSAGES_HEADER
    rows = records(files["coach_messages.csv"])
    known = {r[2] for r in connections if r[2]}
    assert rows and not any(u in known for r in rows for u in (r[3], r[5]))


def test_endorsements_recommendations_invitations_formats(files, connections):
    for name in ("Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv"):
        rows = records(files[name])
        assert rows and all(re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d UTC", r[0]) and r[5] == "ACCEPTED" for r in rows)
    for name in ("Recommendations_Received.csv", "Recommendations_Given.csv"):
        rows = records(files[name])
        assert rows and all(re.fullmatch(r"\d\d/\d\d/\d\d, \d\d:\d\d [AP]M", r[5]) and r[6] == "VISIBLE" for r in rows)
    assert files["Invitations.csv"].startswith(b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n")
    invitations = records(files["Invitations.csv"])
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M", r[2]) for r in invitations)
    assert {r[4] for r in invitations} == {"INCOMING", "OUTGOING"}
    sent = [datetime.strptime(r[2], "%m/%d/%y, %I:%M %p").date() for r in invitations]
    assert min(sent) >= EXPORT - timedelta(days=190)  # only recent months
    assert any(r[3] for r in invitations) and any(not r[3] for r in invitations)
    known = {slug_of(r[2]) for r in connections if r[2]}
    others = [r for r in invitations if slug_of(r[5 if r[4] == "INCOMING" else 6]) not in known]
    assert others, "some invitations come from people who are not (yet) connections"
    assert all(OWNER_URL in (r[5], r[6]) for r in invitations)


def test_owner_files(files):
    profile = records(files["Profile.csv"])
    assert f"{profile[0][0]} {profile[0][1]}" == sample.OWNER_NAME
    positions = records(files["Positions.csv"])
    assert positions[0][5] == "" and all(re.fullmatch(r"([A-Z][a-z]{2} )?\d{4}", r[4]) for r in positions)


# --- sizes ---

def test_message_total_is_exact_and_scales():
    small = records(sample.build_export_files(120, messages=3000)["messages.csv"])
    assert len(small) == 3000


def test_thirty_thousand_connections():
    files = sample.build_export_files(30_000, messages=20_000)
    rows = records(files["Connections.csv"], skip=4)
    assert len(rows) == 30_000  # data rows, ghost rows included
    assert 150 <= sum(not r[2] for r in rows) <= 450
    assert len(records(files["messages.csv"])) == 20_000


def test_sizes_out_of_range_are_refused(capsys):
    with pytest.raises(ValueError, match="30,000"):
        sample.build_export_files(30_001)
    with pytest.raises(ValueError, match="at least"):
        sample.build_export_files(100, messages=20)
    with pytest.raises(SystemExit) as exit_info:
        sample.main(["--connections", "40000"])
    assert exit_info.value.code == 2 and "caps a network at 30,000" in capsys.readouterr().err


def test_cli_writes_the_zip(tmp_path, capsys):
    out = tmp_path / "export.zip"
    assert sample.main(["--connections", "60", "--messages", "700", "--seed", "7", "--out", str(out)]) == 0
    assert zipfile.ZipFile(out).namelist() == MEMBERS
    assert out.read_bytes() == sample.zip_bytes(sample.build_export_files(60, 700, seed=7))


# --- the story ---

def test_story_contacts_are_old_warm_and_quiet_lately(connections, messages, files):
    assert len(sample.STORY_SLUGS) == 12 and sample.OWNER_NAME == "Maren Holt"
    by_slug = {slug_of(r[2]): r for r in connections if r[2]}
    endorsed_by = {slug_of("https://" + r[4]) for r in records(files["Endorsement_Received_Info.csv"])}
    endorsed = {slug_of("https://" + r[4]) for r in records(files["Endorsement_Given_Info.csv"])}
    for slug in sample.STORY_SLUGS:
        assert slug == slug.lower() and slug in by_slug
        connected = datetime.strptime(by_slug[slug][6], "%d %b %Y").date()
        assert connected <= EXPORT.replace(year=EXPORT.year - 10)
        url = sample.PROFILE + slug
        received = [m for m in messages if m[3] == url and m[5] == OWNER_URL]
        sent = [m for m in messages if m[3] == OWNER_URL and m[5] == url and m[9]]  # drafts are not messages
        assert len(received) >= 4 and len(sent) >= 4
        last = max(datetime.strptime(m[6], "%Y-%m-%d %H:%M:%S UTC").date() for m in received + sent)
        assert EXPORT - timedelta(days=4 * 366) <= last <= EXPORT - timedelta(days=365)
        assert slug in endorsed_by and slug in endorsed


def test_story_contacts_out_message_everyone_else(connections, messages):
    counts = Counter(slug_of(u) for m in messages if m[9] and "," not in m[5] for u in (m[3], m[5]) if u)
    counts.pop(slug_of(OWNER_URL))
    top = {slug for slug, _ in counts.most_common(30)}
    assert set(sample.STORY_SLUGS) <= top
    recommenders = {(r[0], r[1]) for r in records(sample.build_export_files()["Recommendations_Received.csv"])}
    story_names = {(r[0], r[1]) for r in connections if r[2] and slug_of(r[2]) in sample.STORY_SLUGS}
    assert len(recommenders & story_names) >= 3


def test_recruiters_write_but_never_get_an_answer(connections, messages):
    recruiters = {r[2] for r in connections if r[2] and "Recruit" in r[5]}
    recruiters = {sample.PROFILE + slug_of(u) for u in recruiters}
    inbound = [m for m in messages if m[3] in recruiters]
    assert inbound and not any(m[5] in recruiters for m in messages)


def test_reader_sees_the_story_when_it_exists():
    import helpers

    if not hasattr(helpers, "load_export"):
        pytest.skip("helpers.load_export is not written yet")
    net = helpers.load_export(sample.DEFAULT_ZIP)
    signals = net.signals
    story = [cid for cid in signals.index if cid.rsplit("/", 1)[-1] in sample.STORY_SLUGS]
    assert len(story) == 12
    total = signals["messages_sent"] + signals["messages_received"]
    threshold = total.quantile(0.95)
    for cid in story:
        row = signals.loc[cid]
        assert row["messages_sent"] > 0 and row["messages_received"] > 0 and total[cid] >= threshold
        assert row["endorsements_received"] > 0 and row["endorsements_given"] > 0
    assert net.owner_name == sample.OWNER_NAME
