"""Date forms a spreadsheet can leave behind, beyond LinkedIn's own (those are in test_reader_connections)."""
import pandas as pd

import helpers
from helpers.export.dates import parse_dates


def test_excel_serial_days_when_a_spreadsheet_dropped_the_date_format():
    parsed, form = parse_dates(pd.Series(["45000", "40000", None]))
    assert form == "Excel serial day"
    assert list(parsed[:2]) == [pd.Timestamp("2023-03-15"), pd.Timestamp("2009-07-06")]
    assert pd.isna(parsed[2])


def test_a_connections_file_with_serial_dates_loads(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,Company,Connected On\nAna,Lee,Acme,45000\nBo,Ng,,40000\n")
    network = helpers.load_export(path)
    assert list(network.connections["connected_on"]) == [pd.Timestamp("2023-03-15"), pd.Timestamp("2009-07-06")]


def test_mixed_forms_in_one_column_each_get_a_second_chance():
    parsed, _ = parse_dates(pd.Series(["07 Mar 2022", "2022-03-08", "9-Mar-22"]))
    assert list(parsed) == [pd.Timestamp("2022-03-07"), pd.Timestamp("2022-03-08"), pd.Timestamp("2022-03-09")]


def test_nothing_readable_is_missing_not_an_error():
    parsed, form = parse_dates(pd.Series(["soon", "never"]))
    assert form is None and parsed.isna().all()
