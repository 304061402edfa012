"""What other projects' LinkedIn fixtures showed the reader getting wrong (issue 10), each in a file of our own.

Every file is written here byte for byte; every check goes through `helpers.load_export`.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

import helpers

OWNER = "https://www.linkedin.com/in/me-owner"
JOHN = "https://www.linkedin.com/in/john-thompson"
ANA = "https://www.linkedin.com/in/ana-lee"

CONNECTIONS = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
               f"John,Thompson,{JOHN},,Acme,CEO,07 Mar 2022\n"
               f"Ana,Lee,{ANA},,Beta,CTO,08 Mar 2022\n")
MESSAGES_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
                   "DATE,SUBJECT,CONTENT,FOLDER\n")


def _message(conversation, sender, sender_url, to, to_url, date, content):
    return f"{conversation},,{sender},{sender_url},{to},{to_url},{date},,{content},INBOX\n"


def _load(tmp_path, **files):
    folder = tmp_path / "export"
    folder.mkdir()
    for name, text in {"Connections.csv": CONNECTIONS, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may reach a notebook as a printed warning
        return helpers.load_export(folder)


def test_a_message_date_without_seconds_is_read_without_a_warning(tmp_path):
    messages = MESSAGES_HEADER + "".join([
        _message("c1", "John Thompson", JOHN, "Me Owner", OWNER, "2024-06-01 12:00 UTC", "Hello"),
        _message("c1", "Me Owner", OWNER, "John Thompson", JOHN, "2024-06-02 09:30 UTC", "Hi John"),
        _message("c2", "Ana Lee", ANA, "Me Owner", OWNER, "2024-05-01 08:15 UTC", "Hi"),
    ])
    network = _load(tmp_path, **{"messages.csv": messages})
    assert list(network.messages["sent_at"]) == [pd.Timestamp("2024-06-01 12:00"), pd.Timestamp("2024-06-02 09:30"),
                                                 pd.Timestamp("2024-05-01 08:15")]
    last = network.signals["last_message_at"]
    assert last["john-thompson"] == pd.Timestamp("2024-06-02 09:30")
    assert last["ana-lee"] == pd.Timestamp("2024-05-01 08:15")


def test_a_file_mixing_dates_with_and_without_seconds_reads_both(tmp_path):
    messages = MESSAGES_HEADER + "".join([
        _message("c1", "John Thompson", JOHN, "Me Owner", OWNER, "2024-06-01 12:00:05 UTC", "Hello"),
        _message("c1", "Me Owner", OWNER, "John Thompson", JOHN, "2024-06-02 09:30 UTC", "Hi John"),
    ])
    network = _load(tmp_path, **{"messages.csv": messages})
    assert list(network.messages["sent_at"]) == [pd.Timestamp("2024-06-01 12:00:05"), pd.Timestamp("2024-06-02 09:30")]


def test_a_stray_line_after_the_last_message_is_skipped_and_counted(tmp_path):
    messages = MESSAGES_HEADER + "".join([
        _message("c1", "John Thompson", JOHN, "Me Owner", OWNER, "2024-06-01 12:00:00 UTC", "Hello"),
        _message("c2", "Ana Lee", ANA, "Me Owner", OWNER, "2024-05-01 08:15:00 UTC", "Hi"),
    ]) + "BADROW\n"
    network = _load(tmp_path, **{"messages.csv": messages})
    assert len(network.messages) == 2
    assert "BADROW" not in set(network.messages["conversation_id"])
    assert network.messages["sent_at"].notna().all()
    assert any("1 line with a single value" in warning and "not a row" in warning
               for warning in network.report.warnings), network.report.warnings
    assert "not a row" in str(network.report)


def test_a_stray_line_in_a_zipped_export_is_skipped_too(tmp_path):
    """In a zip, messages.csv is read as a stream: the check goes back to the member's bytes."""
    import zipfile
    messages = MESSAGES_HEADER + _message("c1", "John Thompson", JOHN, "Me Owner", OWNER,
                                          "2024-06-01 12:00:00 UTC", "Hello") + "BADROW\r\n"
    path = tmp_path / "Complete_LinkedInDataExport_06-02-2024.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", messages)
    network = helpers.load_export(path)
    assert list(network.messages["content"]) == ["Hello"]
    assert any("not a row" in warning for warning in network.report.warnings)


def test_a_stray_line_in_endorsements_is_skipped_and_counted(tmp_path):
    endorsements = ("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
                    "Endorsement Status\n"
                    "2024/01/01 10:00:00 UTC,Python,John,Thompson,www.linkedin.com/in/john-thompson,ACCEPTED\n"
                    "BADROW\n")
    network = _load(tmp_path, **{"Endorsement_Received_Info.csv": endorsements})
    assert len(network.endorsements_received) == 1
    assert network.signals.loc["john-thompson", "endorsements_received"] == 1
    assert any(warning.startswith("Endorsement_Received_Info.csv") and "not a row" in warning
               for warning in network.report.warnings), network.report.warnings


def test_a_stray_line_in_invitations_is_skipped_and_counted(tmp_path):
    invitations = ("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                   f"Me Owner,John Thompson,\"3/7/22, 9:05 AM\",Hi John,OUTGOING,{OWNER},{JOHN}\n"
                   "BADROW\n")
    network = _load(tmp_path, **{"Invitations.csv": invitations})
    assert list(network.invitations["to_name"]) == ["John Thompson"]
    assert bool(network.signals.loc["john-thompson", "invitation_note"])
    assert any(warning.startswith("Invitations.csv") and "not a row" in warning
               for warning in network.report.warnings), network.report.warnings


def test_a_row_with_only_its_first_cell_filled_is_still_a_row(tmp_path):
    """`Bob,,,,,,` has its commas: a contact with only a first name, not a stray line."""
    network = _load(tmp_path, **{"Connections.csv": CONNECTIONS + "Bob,,,,,,\n"})
    assert "Bob" in set(network.connections["first_name"])
    assert not any("not a row" in warning for warning in network.report.warnings)


def test_a_re_cased_padded_reordered_header_with_a_zero_width_space_is_read(tmp_path):
    header = "connected on,POSITION ,  Company ,url,Last  Name,Fir\u200bst Name,Email Address\n"
    rows = (f"07 Mar 2022,CEO,Acme,{JOHN},Thompson,John,\n"
            f"08 Mar 2022,CTO,Beta,{ANA},Lee,Ana,ana@example.com\n")
    network = _load(tmp_path, **{"Connections.csv": header + rows})
    people = network.connections.set_index("contact_id")
    assert list(people.index) == ["john-thompson", "ana-lee"]
    assert people.loc["john-thompson", "full_name"] == "John Thompson"
    assert people.loc["john-thompson", "company"] == "Acme"
    assert people.loc["ana-lee", "position"] == "CTO"
    assert people.loc["ana-lee", "email"] == "ana@example.com"
    assert people.loc["ana-lee", "connected_on"] == pd.Timestamp("2022-03-08")


def test_the_same_forgiving_names_hold_for_messages_and_endorsements(tmp_path):
    messages = ("content, Date ,\u200bfrom,to,Sender Profile URL,recipient  profile urls\n"
                f"Hello,2024-06-01 12:00:00 UTC,John Thompson,Me Owner,{JOHN},{OWNER}\n")
    endorsements = ("endorsement date,SKILL NAME, Endorser First Name,Endorser\u00a0Last Name,"
                    "endorser public url,Endorsement\u200b Status\n"
                    "2024/01/01 10:00:00 UTC,Python,Ana,Lee,www.linkedin.com/in/ana-lee,ACCEPTED\n")
    network = _load(tmp_path, **{"messages.csv": messages, "Endorsement_Received_Info.csv": endorsements})
    assert network.signals.loc["john-thompson", "messages_received"] == 1
    assert network.signals.loc["ana-lee", "endorsements_received"] == 1


def test_endorsements_count_accepted_rows_and_each_skill_once(tmp_path):
    endorsements = ("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,"
                    "Endorsement Status\n"
                    "2024/01/01 10:00:00 UTC,Python,John,Thompson,www.linkedin.com/in/john-thompson,ACCEPTED\n"
                    "2024/02/01 10:00:00 UTC,Python,John,Thompson,www.linkedin.com/in/john-thompson,ACCEPTED\n"
                    "2024/03/01 10:00:00 UTC,SQL,John,Thompson,www.linkedin.com/in/john-thompson,REJECTED\n"
                    "2024/03/02 10:00:00 UTC,Leadership,John,Thompson,www.linkedin.com/in/john-thompson,ACCEPTED\n"
                    "2024/03/03 10:00:00 UTC,SQL,Ana,Lee,www.linkedin.com/in/ana-lee,REJECTED\n")
    given = ("Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
             "Endorsement Status\n"
             "2024/01/01 10:00:00 UTC,Sales,Ana,Lee,www.linkedin.com/in/ana-lee,ACCEPTED\n"
             "2024/01/05 10:00:00 UTC,sales ,Ana,Lee,www.linkedin.com/in/ana-lee,ACCEPTED\n")
    network = _load(tmp_path, **{"Endorsement_Received_Info.csv": endorsements,
                                 "Endorsement_Given_Info.csv": given})
    signals = network.signals
    assert signals.loc["john-thompson", "endorsements_received"] == 2  # Python once, Leadership; SQL rejected
    assert signals.loc["ana-lee", "endorsements_received"] == 0       # only a rejected one
    assert signals.loc["ana-lee", "endorsements_given"] == 1          # one skill, given twice
    assert len(network.endorsements_received) == 5                    # the rows themselves are all kept


def test_contact_matching_raises_no_pandas_warning_for_a_message_from_no_one(tmp_path):
    """A message with neither sender URL nor name: the name lookup used to fillna('') on a float column."""
    messages = MESSAGES_HEADER + "".join([
        _message("c1", "John Thompson", JOHN, "Me Owner", OWNER, "2024-06-01 12:00:00 UTC", "Hello"),
        _message("c2", "", "", "Me Owner", OWNER, "2024-06-02 12:00:00 UTC", "Who am I?"),
    ])
    network = _load(tmp_path, **{"messages.csv": messages})
    contacts = network.messages["contact_id"]
    assert contacts.iloc[0] == "john-thompson" and pd.isna(contacts.iloc[1])


def test_the_suite_turns_a_warning_raised_in_helpers_into_an_error():
    """pyproject.toml's filterwarnings: no warning from helpers/ can pass a test unnoticed."""
    with pytest.raises(UserWarning):
        warnings.warn_explicit("a warning", UserWarning, "helpers/export/dates.py", 1, module="helpers.export.dates")
