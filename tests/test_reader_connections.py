"""Connections.csv: every era and spreadsheet re-save gives the same contacts."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

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
    write_connections,
    write_folder,
    write_zip,
    zip_name,
)

D = dt.date

# Rows every variant can carry (cp1252-encodable: no emoji). Newest first, with a ghost.
# Dates cover Spanish abbreviations ene / ago / oct / dic and days > 12 (no D/M ambiguity).
VARIANT_ROWS = [
    person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2025, 3, 7),
           company="Acme, Inc.", position="Data Lead"),
    person("Lee", "Ng, PhD", "lee-ng-phd-5c", on=D(2024, 12, 25),
           company="Ng Labs", position="Founder", email="lee@example.org"),
    ghost(D(2024, 8, 20)),
    person("  Bob ", "Smith  ", "bob-smith-77", on=D(2023, 8, 7), company="Globex"),
    person("José", "García", "jos%C3%A9-garc%C3%ADa", on=D(2022, 1, 15),
           position='Chief "Data" Officer'),
    person("Søren", "Kierkegaard", "soeren-kierkegaard", on=D(2021, 10, 5),
           company="Ørsted A/S", position="Philosopher; Writer"),
    person("François", "Müller", "francois-muller", on=D(2017, 7, 3),
           company="Café Ltd", position="Owner"),
]


def _load(path):
    return helpers.load_export(path)


def _expected(rows):
    out = []
    for r in rows:
        if is_ghost(r):
            continue
        out.append(dict(
            first_name=r["first"].strip(),
            last_name=r["last"].strip(),
            company=r["company"] or None,
            position=r["position"] or None,
            email=r["email"] or None,
            connected_on=as_ts(r["connected_on"]),
            url=r["url"],
        ))
    return sorted(out, key=lambda e: (e["first_name"], e["last_name"]))


def _actual(net):
    c = net.connections
    recs = c.to_dict("records")
    return sorted(recs, key=lambda e: (e["first_name"], e["last_name"]))


def assert_same_contacts(net, rows, *, with_url: bool):
    exp, got = _expected(rows), _actual(net)
    assert len(got) == len(exp), [(g["first_name"], g["last_name"]) for g in got]
    for e, g in zip(exp, got):
        who = f"{e['first_name']} {e['last_name']}"
        assert g["first_name"] == e["first_name"], who
        assert g["last_name"] == e["last_name"], who
        for field in ("company", "position", "email"):
            if e[field] is None:
                assert missing(g[field]), f"{who}: {field}={g[field]!r} should be missing"
            else:
                assert g[field] == e[field], f"{who}: {field}"
        assert pd.Timestamp(g["connected_on"]) == e["connected_on"], who
        if with_url:
            assert g["profile_url"] == e["url"], who


# ---------------------------------------------------------------------------
# every variant
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("variant", sorted(CONNECTION_VARIANTS))
def test_variant_gives_the_same_contacts(tmp_path, variant):
    path = write_connections(tmp_path, VARIANT_ROWS, variant)
    net = _load(path)
    assert_same_contacts(net, VARIANT_ROWS, with_url=variant in URL_VARIANTS)


@pytest.mark.parametrize("variant", sorted(CONNECTION_VARIANTS))
def test_variant_counts_ghost_rows_and_drops_them(tmp_path, variant):
    rows = VARIANT_ROWS + [ghost(D(2016, 2, 2))]
    net = _load(write_connections(tmp_path, rows, variant))
    assert net.report.ghost_rows == 2
    assert len(net.connections) == len(VARIANT_ROWS) - 1
    assert net.connections["first_name"].notna().all()
    assert (net.connections["first_name"].str.strip() != "").all()


@pytest.mark.parametrize("variant", sorted(CONNECTION_VARIANTS))
def test_variant_contact_ids_unique_strings(tmp_path, variant):
    net = _load(write_connections(tmp_path, VARIANT_ROWS, variant))
    ids = net.connections["contact_id"]
    assert ids.notna().all()
    assert all(isinstance(i, str) and i for i in ids)
    assert ids.is_unique


def test_url_variants_give_identical_contact_ids(tmp_path):
    """contact_id comes from the profile URL: however the file was re-saved, same ids."""
    seen = {}
    for variant in sorted(URL_VARIANTS):
        net = _load(write_connections(tmp_path / variant, VARIANT_ROWS, variant))
        seen[variant] = dict(zip(net.connections["profile_url"], net.connections["contact_id"]))
    first = next(iter(seen.values()))
    for variant, ids in seen.items():
        assert ids == first, variant


def test_urlless_variants_give_identical_contact_ids(tmp_path):
    """name|date ids: the 2018 (time of day) and 2021 (date only) files agree."""
    seen = {}
    for variant in sorted(set(CONNECTION_VARIANTS) - URL_VARIANTS):
        net = _load(write_connections(tmp_path / variant, VARIANT_ROWS, variant))
        c = net.connections
        seen[variant] = dict(zip(c["first_name"] + "/" + c["last_name"], c["contact_id"]))
    first = next(iter(seen.values()))
    for variant, ids in seen.items():
        assert ids == first, variant


def test_connected_on_is_datetime_at_midnight(tmp_path):
    net = _load(write_connections(tmp_path, VARIANT_ROWS, "2018"))  # has times of day
    col = net.connections["connected_on"]
    assert pd.api.types.is_datetime64_any_dtype(col)
    assert (col == col.dt.normalize()).all()


def test_strings_and_full_name(tmp_path):
    net = _load(write_connections(tmp_path, VARIANT_ROWS, "2024"))
    c = net.connections.set_index("profile_url")
    lee = c.loc["https://www.linkedin.com/in/lee-ng-phd-5c"]
    assert lee["full_name"] == "Lee Ng, PhD"
    bob = c.loc["https://www.linkedin.com/in/bob-smith-77"]
    assert bob["full_name"] == "Bob Smith"


# ---------------------------------------------------------------------------
# field facts
# ---------------------------------------------------------------------------

def test_names_are_trimmed(tmp_path):
    rows = [
        person("  Ana", "Pérez ", "ana-1", on=D(2025, 3, 7)),
        person("Bob  ", "  Smith", "bob-1", on=D(2025, 3, 6)),
        person("\tCarl\t", " Jung", "carl-1", on=D(2025, 3, 5)),
    ]
    net = _load(write_connections(tmp_path, rows, "2024"))
    got = sorted(zip(net.connections["first_name"], net.connections["last_name"]))
    assert got == [("Ana", "Pérez"), ("Bob", "Smith"), ("Carl", "Jung")]


def test_empty_fields_are_missing_never_the_string_nan(tmp_path):
    rows = [
        person("Ana", "Pérez", "ana-1", on=D(2025, 3, 7)),  # no email, company, position
        person("Bob", "Smith", "bob-1", on=D(2025, 3, 6), company="Globex"),
    ]
    net = _load(write_connections(tmp_path, rows, "2024"))
    c = net.connections.set_index("first_name")
    for field in ("email", "company", "position"):
        assert missing(c.loc["Ana", field]), field
    assert missing(c.loc["Bob", "position"])
    for col in ("first_name", "last_name", "full_name", "email", "company", "position",
                "profile_url"):
        values = {str(v).strip().lower() for v in net.connections[col] if isinstance(v, str)}
        assert not values & {"nan", "none", "<na>", "nat", ""}, (col, values)


@pytest.mark.parametrize("variant", ["2024", "excel_en", "excel_dk"])
def test_nan_like_text_is_kept_as_text(tmp_path, variant):
    rows = [
        person("Nan", "Li", "nan-li-1", on=D(2025, 3, 7), company="NA", position="None"),
        person("Null", "Nan", "null-nan-2", on=D(2025, 3, 6), company="None", position="N/A"),
        person("Ana", "NaN", "ana-nan-3", on=D(2025, 3, 5), company="null", position="nan"),
    ]
    net = _load(write_connections(tmp_path, rows, variant))
    c = net.connections.set_index("profile_url")
    for r in rows:
        got = c.loc[r["url"]]
        for col, key in (("first_name", "first"), ("last_name", "last"),
                         ("company", "company"), ("position", "position")):
            assert got[col] == r[key], (r["url"], col, got[col])


def test_credentials_in_last_name_are_kept(tmp_path):
    rows = [
        person("Lee", "Ng, PhD", "lee-ng", on=D(2025, 3, 7), company="Acme, Inc."),
        person("Mo", "Salah, MBA, CFA", "mo-s", on=D(2025, 3, 6)),
    ]
    for variant in ("2024", "excel_es", "2018"):
        net = _load(write_connections(tmp_path / variant, rows, variant))
        c = net.connections.set_index("first_name")
        assert c.loc["Lee", "last_name"] == "Ng, PhD", variant
        assert c.loc["Lee", "company"] == "Acme, Inc.", variant
        assert c.loc["Mo", "last_name"] == "Salah, MBA, CFA", variant


def test_emoji_and_non_latin_names(tmp_path):
    rows = [
        person("Zoë 🚀", "Ødegård", "zoe-1", on=D(2025, 3, 7)),
        person("美玲", "王", "meiling-wang", on=D(2025, 3, 6), company="株式会社"),
    ]
    net = _load(write_connections(tmp_path, rows, "2024"))
    c = net.connections.set_index("profile_url")
    assert c.loc[rows[0]["url"], "first_name"] == "Zoë 🚀"
    assert c.loc[rows[0]["url"], "last_name"] == "Ødegård"
    assert c.loc[rows[1]["url"], "company"] == "株式会社"


def test_duplicate_names_with_different_urls_are_two_contacts(tmp_path):
    rows = [
        person("John", "Smith", "john-smith-1", on=D(2025, 3, 7), company="Initech"),
        person("John", "Smith", "john-smith-2", on=D(2025, 3, 7), company="Umbrella"),
    ]
    net = _load(write_connections(tmp_path, rows, "2024"))
    c = net.connections
    assert len(c) == 2
    assert c["contact_id"].nunique() == 2
    assert set(c["company"]) == {"Initech", "Umbrella"}


@pytest.mark.parametrize("slug", [
    "ana-p%C3%A9rez-1a2b",   # as Connections.csv writes it
    "ana-pérez-1a2b",        # raw Unicode (other files; hand-edited files)
    "ana-p%c3%a9rez-1a2b",   # lower-case percent escapes
    "ana-p%C3%A9rez-1a2b/",  # trailing slash
    "ana-pe\u0301rez-1a2b",  # decomposed é (NFD)
])
def test_contact_id_from_normalised_url(tmp_path, slug):
    ref = _load(write_connections(tmp_path / "ref", [
        person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2025, 3, 7))], "2024"))
    net = _load(write_connections(tmp_path / "x", [
        person("Ana", "Pérez", slug, on=D(2025, 3, 7))], "2024"))
    cid = net.connections["contact_id"].iloc[0]
    assert cid == ref.connections["contact_id"].iloc[0]
    assert "ana-pérez-1a2b" in cid


def test_contact_id_stable_across_exports(tmp_path):
    """A 2024 export and a 2026 export of the same person: new job, new rows on top."""
    old_rows = [
        person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2023, 3, 7), company="Acme, Inc.",
               position="Analyst"),
        person("Bob", "Smith", "bob-smith-77", on=D(2022, 8, 7), company="Globex"),
    ]
    new_rows = [
        person("Cleo", "Ray", "cleo-ray", on=D(2026, 1, 9), company="Initech"),
        person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2023, 3, 7), company="Umbrella Corp",
               position="Head of Data"),
        person("Bob", "Smith", "bob-smith-77", on=D(2022, 8, 7), company="Globex, Europe"),
    ]
    a = _load(write_connections(tmp_path / "2024", old_rows, "2024"))
    b = _load(write_connections(tmp_path / "2026", new_rows, "2024_trailing_newline"))
    ids_a = dict(zip(a.connections["first_name"], a.connections["contact_id"]))
    ids_b = dict(zip(b.connections["first_name"], b.connections["contact_id"]))
    assert ids_a["Ana"] == ids_b["Ana"]
    assert ids_a["Bob"] == ids_b["Bob"]
    assert ids_b["Cleo"] not in ids_a.values()
    assert b.connections.set_index("first_name").loc["Ana", "company"] == "Umbrella Corp"


def test_no_preamble_keeps_first_data_row(tmp_path):
    """The skiprows=3 pitfall: without the preamble the first 3 lines are header + 2 rows."""
    rows = [
        person("First", "Row", "first-row", on=D(2025, 3, 7)),
        person("Second", "Row", "second-row", on=D(2025, 3, 6)),
        person("Third", "Row", "third-row", on=D(2025, 3, 5)),
        person("Fourth", "Row", "fourth-row", on=D(2025, 3, 4)),
    ]
    for variant in ("excel_en_no_preamble", "2018"):
        net = _load(write_connections(tmp_path / variant, rows, variant))
        assert sorted(net.connections["first_name"]) == sorted(
            ["First", "Second", "Third", "Fourth"]), variant
    # the 2024 header (URL) in an unpadded LF file whose preamble was deleted
    net = _load(write_connections(tmp_path / "plain", rows, "2024", preamble=None))
    assert sorted(net.connections["first_name"]) == sorted(["First", "Second", "Third", "Fourth"])


def test_single_contact_file(tmp_path):
    rows = [person("Only", "One", "only-one", on=D(2025, 3, 7))]
    for variant in ("2024", "excel_en_no_preamble", "2018"):
        net = _load(write_connections(tmp_path / variant, rows, variant))
        assert list(net.connections["first_name"]) == ["Only"], variant


def test_columns_reordered_extra_and_header_case(tmp_path):
    rows = [
        dict(person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2025, 3, 7),
                    company="Acme, Inc.", position="Data Lead"), Tags="vip, friend"),
        dict(person("Bob", "Smith", "bob-smith-77", on=D(2023, 8, 7)), Tags=""),
    ]
    header = ["connected on", "LAST NAME", "first name", "Tags", "Company", "url",
              "Position", "Email address"]
    net = _load(write_connections(tmp_path, rows, "2024", header=header))
    assert_same_contacts(net, rows, with_url=True)


def test_header_with_surrounding_spaces(tmp_path):
    rows = [person("Ana", "Pérez", "ana-1", on=D(2025, 3, 7), company="Acme")]
    header = [" First Name", "Last Name ", "URL", "Email Address", "Company", "Position",
              "Connected On "]
    net = _load(write_connections(tmp_path, rows, "2024", header=header))
    assert_same_contacts(net, rows, with_url=True)


def test_old_era_contact_ids_unique_and_stable(tmp_path):
    rows = [
        person("Ana", "Pérez", on=D(2018, 3, 7), company="Acme"),
        person("John", "Smith", on=D(2017, 7, 3), company="Initech"),
        person("John", "Smith", on=D(2016, 5, 1), company="Umbrella"),
    ]
    a = _load(write_connections(tmp_path / "a", rows, "2018"))
    again = _load(write_connections(tmp_path / "b", rows, "2018"))
    newer = _load(write_connections(tmp_path / "c", [
        person("Cleo", "Ray", on=D(2019, 1, 9)), *rows], "2018"))
    for net in (a, again, newer):
        assert net.connections["contact_id"].is_unique
        assert net.connections["contact_id"].notna().all()

    def ids(net):
        c = net.connections
        return dict(zip(c["company"].fillna("-"), c["contact_id"]))

    assert ids(a) == ids(again)
    for company, cid in ids(a).items():
        assert ids(newer)[company] == cid
    # "name|YYYY-MM-DD"
    assert "2017-07-03" in ids(a)["Initech"]
    assert "2016-05-01" in ids(a)["Umbrella"]


def test_old_era_same_name_same_day_still_unique(tmp_path):
    rows = [
        person("John", "Smith", on=D(2017, 7, 3), company="Initech"),
        person("John", "Smith", on=D(2017, 7, 3), company="Umbrella"),
    ]
    net = _load(write_connections(tmp_path, rows, "2021"))
    assert len(net.connections) == 2
    assert net.connections["contact_id"].is_unique


def test_profile_url_kept_as_written(tmp_path):
    rows = [person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2025, 3, 7))]
    net = _load(write_connections(tmp_path, rows, "2024"))
    assert net.connections["profile_url"].iloc[0] == rows[0]["url"]


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("variant,written,expected", [
    ("2018", "7/3/17, 9:05 AM", D(2017, 7, 3)),
    ("2018", "12/25/17, 11:47 PM", D(2017, 12, 25)),
    ("2018", "1/2/18, 12:00 AM", D(2018, 1, 2)),
    ("2021", "07 Mar 2022", D(2022, 3, 7)),
    ("2024", "25 Dec 2024", D(2024, 12, 25)),
    ("excel_en", "7-Mar-25", D(2025, 3, 7)),
    ("excel_en", "25-Dec-24", D(2024, 12, 25)),
    ("excel_es", "05-oct-21", D(2021, 10, 5)),
    ("excel_es", "15-ene-22", D(2022, 1, 15)),
    ("excel_es", "20-ago-23", D(2023, 8, 20)),
    ("excel_es", "25-dic-24", D(2024, 12, 25)),
    ("excel_es", "01-abr-20", D(2020, 4, 1)),
    ("excel_dk", "05.10.2021", D(2021, 10, 5)),
    ("excel_dk", "03.07.2017", D(2017, 7, 3)),
])
def test_connected_on_parsing(tmp_path, variant, written, expected):
    # a second row whose date is unambiguous in the same file's format
    companion = {
        "2018": "12/31/16, 8:00 AM", "2021": "31 Dec 2016", "2024": "31 Dec 2016",
        "excel_en": "31-Dec-16", "excel_es": "31-dic-16", "excel_dk": "31.12.2016",
    }[variant]
    rows = [
        person("Target", "Row", "target-row", on=written),
        person("Other", "Row", "other-row", on=companion),
    ]
    net = _load(write_connections(tmp_path, rows, variant))
    c = net.connections.set_index("first_name")
    assert pd.Timestamp(c.loc["Target", "connected_on"]) == as_ts(expected)
    assert pd.Timestamp(c.loc["Other", "connected_on"]) == pd.Timestamp(2016, 12, 31)


def test_unreadable_date_is_nat_and_row_kept(tmp_path):
    rows = [
        person("Ana", "Pérez", "ana-1", on=D(2025, 3, 7)),
        person("Bob", "Smith", "bob-1", on="sometime last year"),
        person("Cleo", "Ray", "cleo-1", on=D(2024, 1, 9)),
    ]
    net = _load(write_connections(tmp_path, rows, "2024"))
    c = net.connections.set_index("first_name")
    assert pd.isna(c.loc["Bob", "connected_on"])
    assert pd.Timestamp(c.loc["Ana", "connected_on"]) == pd.Timestamp(2025, 3, 7)
    assert pd.Timestamp(c.loc["Cleo", "connected_on"]) == pd.Timestamp(2024, 1, 9)


# ---------------------------------------------------------------------------
# how the source is given
# ---------------------------------------------------------------------------

def test_bare_file_kind_and_export_date(tmp_path):
    net = _load(write_connections(tmp_path, VARIANT_ROWS, "2024"))
    assert net.kind == "Connections.csv"
    assert net.export_date == D(2025, 3, 7)  # newest connection
    assert net.messages is None


def test_path_given_as_str(tmp_path):
    path = write_connections(tmp_path, VARIANT_ROWS, "2024")
    net = helpers.load_export(str(path))
    assert len(net.connections) == len(VARIANT_ROWS) - 1


@pytest.mark.parametrize("kind", ["Basic", "Complete"])
def test_zip_kind_and_export_date_from_name(tmp_path, kind):
    data = connections_bytes(VARIANT_ROWS, "2024")
    path = write_zip(tmp_path / zip_name(kind, D(2025, 4, 1)), {"Connections.csv": data})
    net = _load(path)
    assert net.kind == kind
    assert net.export_date == D(2025, 4, 1)
    assert_same_contacts(net, VARIANT_ROWS, with_url=True)
    assert net.report.ghost_rows == 1


def test_unzipped_folder(tmp_path):
    folder = write_folder(tmp_path / "Basic_LinkedInDataExport_03-07-2025",
                          {"Connections.csv": connections_bytes(VARIANT_ROWS, "2024")})
    net = _load(folder)
    assert_same_contacts(net, VARIANT_ROWS, with_url=True)
    assert net.export_date == D(2025, 3, 7)


def test_report_mentions_connections_file(tmp_path):
    net = _load(write_connections(tmp_path, VARIANT_ROWS, "2024"))
    assert any("connections.csv" == name.rsplit("/", 1)[-1].lower()
               for name in net.report.files)
    assert isinstance(str(net.report), str) and str(net.report).strip()
    assert all(isinstance(line, str) for line in net.report.lines)


def test_fields_read_by_column_name_not_position(tmp_path):
    """Fixed positions broke when URL was added: Email must not be read from URL column."""
    rows = [person("Ana", "Pérez", "ana-1", on=D(2025, 3, 7), email="ana@example.org",
                   company="Acme", position="Lead")]
    net = _load(write_connections(tmp_path, rows, "2024", header=HEADER_URL))
    c = net.connections.iloc[0]
    assert c["email"] == "ana@example.org"
    assert c["company"] == "Acme"
    assert c["position"] == "Lead"


def test_duplicate_url_rows_still_give_unique_ids(tmp_path):
    """Not in real files, but a hand-merged file may repeat a person: ids stay unique."""
    rows = [
        person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2025, 3, 7), company="Acme"),
        person("Bob", "Smith", "bob-smith-77", on=D(2024, 3, 7)),
        person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2025, 3, 7), company="Acme"),
    ]
    net = _load(write_connections(tmp_path, rows, "2024"))
    assert net.connections["contact_id"].is_unique
    assert net.signals.index.is_unique


def test_rezipped_folder_is_read_or_refused_clearly(tmp_path):
    """Users re-zip the unzipped folder: Connections.csv one level down."""
    inner = "Basic_LinkedInDataExport_03-07-2025/Connections.csv"
    path = write_zip(tmp_path / "my export.zip",
                     {inner: connections_bytes(VARIANT_ROWS, "2024")})
    try:
        net = _load(path)
    except helpers.ExportError as e:
        assert "my export.zip" in str(e)
    else:
        assert_same_contacts(net, VARIANT_ROWS, with_url=True)


def test_a_full_size_network(tmp_path):
    """30,000 connections (LinkedIn's cap), every 50th a ghost."""
    rows = []
    for i in range(30_000):
        day = D(2010, 1, 1) + dt.timedelta(days=i % 5000)
        if i % 50 == 0:
            rows.append(ghost(day))
        else:
            rows.append(person(f"First{i}", f"Last{i % 977}", f"slug-{i}", on=day,
                               company="Acme, Inc." if i % 3 else "", position="Engineer"))
    net = _load(write_connections(tmp_path, rows, "2024"))
    assert len(net.connections) == 30_000 - 600
    assert net.report.ghost_rows == 600
    assert net.connections["contact_id"].is_unique
    assert net.connections["company"].isna().sum() == sum(
        1 for r in rows if not is_ghost(r) and not r["company"])


def test_mac_rezipped_export_ignores_resource_forks(tmp_path):
    """A zip made by macOS Finder carries __MACOSX/._<name> AppleDouble files."""
    apple_double = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 200
    files = {
        "Connections.csv": connections_bytes(VARIANT_ROWS, "2024"),
        "__MACOSX/._Connections.csv": apple_double,
        ".DS_Store": b"\x00\x00\x00\x01Bud1" + b"\x00" * 100,
    }
    net = _load(write_zip(tmp_path / zip_name("Basic"), files))
    assert_same_contacts(net, VARIANT_ROWS, with_url=True)


def test_export_date_from_browser_renamed_zip(tmp_path):
    """A second download is saved as '... (1).zip'."""
    path = write_zip(tmp_path / "Basic_LinkedInDataExport_04-01-2025 (1).zip",
                     {"Connections.csv": connections_bytes(VARIANT_ROWS, "2024")})
    net = _load(path)
    assert net.export_date == D(2025, 4, 1)
    assert net.kind == "Basic"


def test_single_name_people_are_contacts_not_ghosts(tmp_path):
    """Mononyms: a URL and one name. Only rows empty except Connected On are ghosts."""
    rows = [
        person("Sukarno", "", "sukarno-1", on=D(2025, 3, 7), company="Acme"),
        person("", "Wang", "wang-2", on=D(2025, 3, 6)),
        ghost(D(2025, 3, 5)),
    ]
    net = _load(write_connections(tmp_path, rows, "2024"))
    c = net.connections.set_index("profile_url")
    assert len(c) == 2
    assert net.report.ghost_rows == 1
    assert c.loc[rows[0]["url"], "first_name"] == "Sukarno"
    assert missing(c.loc[rows[0]["url"], "last_name"])
    assert c.loc[rows[1]["url"], "last_name"] == "Wang"
    for name in c["full_name"]:
        assert isinstance(name, str) and "nan" not in name.lower() and name == name.strip()


@pytest.mark.parametrize("variant", ["excel_dk", "excel_es_cp1252"])
def test_cp1252_only_characters(tmp_path, variant):
    """Bytes 0x80-0x9F mean ’ – € in cp1252 (latin-1 would give control characters)."""
    rows = [
        person("Siobhán", "O’Brien", "siobhan-obrien", on=D(2025, 3, 7),
               company="Ørsted A/S", position="Director – Sales €"),
        person("Zoë", "Šimek", "zoe-simek", on=D(2024, 12, 25), position="“Chief” Officer"),
    ]
    net = _load(write_connections(tmp_path, rows, variant))
    assert_same_contacts(net, rows, with_url=True)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_first_non_ascii_character_deep_in_the_file(tmp_path, encoding):
    """An encoding sniffed from the first kilobytes only would garble later rows."""
    rows = [person(f"Person{i}", f"Plain{i}", f"plain-{i}", on=D(2020, 1, 1) + dt.timedelta(i),
                   company="Acme") for i in range(4000)]
    rows.append(person("Ana", "Pérez", "ana-p%C3%A9rez-1a2b", on=D(2015, 3, 7),
                       company="Café Ltd", position="Señora"))
    net = _load(write_connections(tmp_path, rows, "2024", encoding=encoding))
    ana = net.connections.set_index("profile_url").loc[rows[-1]["url"]]
    assert ana["last_name"] == "Pérez"
    assert ana["company"] == "Café Ltd"
    assert ana["position"] == "Señora"
