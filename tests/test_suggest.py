"""The pure functions behind the tagger: "years ago", the closeness score, the suggestion, the card, the list."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from helpers.workbook.suggest import Suggestion, closeness_scores, default_as_of, suggest_relationship
from helpers.base.wording import time_ago
from helpers.workbook.tag_card import card_html, signal_lines
from helpers.workbook.tag_queue import fold_text, ordered_rows, search_mask

AS_OF = pd.Timestamp("2026-11-20")
QUIET = dict(messages_sent=0, messages_received=0, last_message_at=pd.NaT, endorsements_received=0,
             endorsements_given=0, recommendations_received=0, recommendations_given=0, invitation_note=False)


def signals(**changes) -> dict:
    return {**QUIET, **changes}


# -- "18 years ago" ------------------------------------------------------------------------------------

@pytest.mark.parametrize("then, expected", [
    ("2026-11-20", "today"),
    ("2026-11-19", "yesterday"),
    ("2026-11-17", "3 days ago"),
    ("2026-11-07", "13 days ago"),
    ("2026-11-06", "2 weeks ago"),
    ("2026-09-25", "8 weeks ago"),
    ("2026-09-20", "2 months ago"),
    ("2025-11-21", "11 months ago"),
    ("2025-11-20", "1 year ago"),
    ("2024-11-21", "1 year ago"),
    ("2008-11-20", "18 years ago"),
    ("2008-11-21", "17 years ago"),
    ("2027-01-01", "today"),            # after as_of (a clock off by a bit): never "in -3 days"
])
def test_time_ago(then, expected):
    assert time_ago(pd.Timestamp(then), AS_OF) == expected


def test_time_ago_of_an_unknown_date_is_none():
    assert time_ago(pd.NaT, AS_OF) is None
    assert time_ago(None, AS_OF) is None


def test_time_ago_accepts_dates_and_times_of_day():
    assert time_ago(dt.date(2023, 4, 21), dt.date(2026, 11, 20)) == "3 years ago"
    assert time_ago(pd.Timestamp("2026-11-19 23:59"), pd.Timestamp("2026-11-20 00:01")) == "yesterday"


def test_default_as_of_is_today_or_the_later_export_date():
    today = pd.Timestamp.today().normalize()
    assert default_as_of(None) == today
    assert default_as_of(dt.date(2001, 1, 1)) == today
    assert default_as_of((today + pd.Timedelta(days=30)).date()) == today + pd.Timedelta(days=30)


# -- the closeness score ---------------------------------------------------------------------------------

def scores(rows: dict, connected: dict | None = None) -> pd.Series:
    frame = pd.DataFrame([signals(**row) for row in rows.values()], index=list(rows))
    frame["last_message_at"] = pd.to_datetime(frame["last_message_at"])
    connected_on = pd.Series(pd.to_datetime([(connected or {}).get(key) for key in rows]), index=list(rows))
    return closeness_scores(frame, connected_on, AS_OF)


def test_a_conversation_outranks_silence_and_an_unanswered_pitch_counts_for_nothing():
    result = scores({
        "talked": dict(messages_sent=10, messages_received=10, last_message_at="2025-01-01"),
        "pitched": dict(messages_received=3, last_message_at="2026-11-19"),
        "silent": {},
    })
    assert result["talked"] > result["pitched"] == result["silent"] == 0


def test_each_signal_adds_to_the_score():
    baseline = scores({"x": {}})["x"]
    for change in (dict(messages_sent=1, messages_received=1, last_message_at="2020-01-01"),
                   dict(endorsements_received=1), dict(endorsements_given=1),
                   dict(recommendations_received=1), dict(recommendations_given=1), dict(invitation_note=True)):
        assert scores({"x": change})["x"] > baseline, change


def test_recent_conversations_outrank_old_ones_and_tenure_breaks_ties():
    talk = dict(messages_sent=5, messages_received=5)
    result = scores({"recent": dict(talk, last_message_at="2026-06-01"),
                     "old": dict(talk, last_message_at="2012-06-01"), "long": {}, "new": {}, "undated": {}},
                    connected={"long": "2008-01-01", "new": "2026-01-01"})
    assert result["recent"] > result["old"]
    assert result["long"] > result["new"] > result["undated"] == 0


def test_the_score_is_vectorised_and_keeps_the_index():
    result = scores({f"p{i}": dict(messages_sent=i, messages_received=i) for i in range(5)})
    assert list(result.index) == [f"p{i}" for i in range(5)]
    assert result.is_monotonic_increasing and result.dtype == float


# -- the suggestion ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("change, value, reason", [
    (dict(messages_sent=70, messages_received=70, last_message_at=pd.Timestamp("2023-09-02")),
     2, "you exchanged 140 messages, last in 2023"),
    (dict(messages_sent=3, messages_received=2, last_message_at=pd.Timestamp("2021-05-01")),
     1, "you exchanged 5 messages, last in 2021"),
    (dict(messages_sent=70, messages_received=70, last_message_at=pd.Timestamp("2012-01-01")),
     1, "you exchanged 140 messages, but the last was in 2012"),
    (dict(recommendations_received=1, messages_sent=9, messages_received=9), 3, "they wrote you a recommendation"),
    (dict(recommendations_given=1), 3, "you wrote them a recommendation"),
    (dict(recommendations_given=1, recommendations_received=2), 3, "you recommended each other"),
    (dict(endorsements_received=2), 1, "they endorsed you twice"),
    (dict(endorsements_given=1), 1, "you endorsed them once"),
    (dict(endorsements_given=1, endorsements_received=4), 1, "you endorsed each other"),
    (dict(invitation_note=True), 1, "the invitation between you carried a personal note"),
    (dict(messages_received=3), 0, "3 messages from them, none from you"),
    (dict(messages_sent=1), 0, "1 message from you, none back"),
    ({}, 0, "no messages, endorsements or recommendations in your export"),
])
def test_suggest_relationship(change, value, reason):
    assert suggest_relationship(signals(**change), AS_OF) == Suggestion(value, reason)


def test_the_suggestion_reads_as_a_hint():
    suggestion = suggest_relationship(signals(messages_sent=70, messages_received=70,
                                              last_message_at=pd.Timestamp("2023-09-02")), AS_OF)
    assert str(suggestion) == "Suggested: 2 · Like — you exchanged 140 messages, last in 2023"


def test_a_basic_export_gives_no_suggestion_from_silence():
    assert suggest_relationship(signals(), AS_OF, has_messages=False) is None
    assert suggest_relationship(signals(endorsements_given=1), AS_OF, has_messages=False).relationship == 1


def test_suggest_accepts_a_row_of_network_signals():
    row = pd.DataFrame([signals(messages_sent=1, messages_received=1)]).iloc[0]
    assert suggest_relationship(row, AS_OF).relationship == 1


# -- the card ------------------------------------------------------------------------------------------------

PERSON = dict(full_name="<script>alert(1)</script>", company="A & B <i>Co</i>", position="CEO",
              connected_on=pd.Timestamp("2008-05-16"), **signals(messages_sent=2, messages_received=1,
                                                                 last_message_at=pd.Timestamp("2023-04-21")))


def test_the_card_escapes_what_strangers_wrote():
    html = card_html(PERSON, {}, AS_OF)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A &amp; B &lt;i&gt;Co&lt;/i&gt;" in html


def test_the_card_says_how_long_and_what_the_export_knows():
    html = card_html(PERSON, {"relationship": 2}, AS_OF)
    assert "Connected 18 years ago (May 2008)" in html
    assert "3 messages: 2 from you, 1 from them · last 3 years ago (Apr 2023)" in html
    assert "relationship 2 · Like" in html and "business knowledge not yet rated" in html


def test_recall_first_hides_work_until_business_is_known():
    assert "CEO" not in card_html(PERSON, {"relationship": 3}, AS_OF, recall_first=True)
    assert "CEO" in card_html(PERSON, {"business": 0}, AS_OF, recall_first=True)


def test_signal_lines():
    person = dict(PERSON, endorsements_received=3, endorsements_given=1, recommendations_given=1,
                  invitation_note=True, connected_on=pd.NaT)
    assert signal_lines(person, AS_OF)[1:] == [
        "They endorsed you 3 times · you endorsed them once", "You wrote them a recommendation",
        "The invitation between you carried a personal note"]
    assert signal_lines(dict(person, messages_sent=0, messages_received=0), AS_OF)[0] == "No messages between you"
    assert signal_lines(dict(person, endorsements_received=0, recommendations_received=1), AS_OF)[1:3] == [
        "You endorsed them once", "You recommended each other"]
    assert signal_lines(person, AS_OF, has_messages=False)[0].startswith("No messages in this export")
    assert "Connection date unknown" in card_html(person, {}, AS_OF)


# -- the list --------------------------------------------------------------------------------------------------

def test_fold_text_ignores_case_and_accents():
    assert fold_text("Søren NÚÑEZ Zoë") == "søren nunez zoe"


def test_search_mask():
    table = pd.DataFrame({"search_key": ["ana perez\nacme\nceo", "bob\nzeta\nrecruiter", pd.NA]})
    assert search_mask(table, "PÉREZ").tolist() == [True, False, False]
    assert search_mask(table, "").tolist() == [True, True, True]
    assert search_mask(table, "a.*").tolist() == [False, False, False], "plain text, not a pattern"


def test_ordered_rows_rejects_an_unknown_order():
    with pytest.raises(ValueError, match="longest"):
        ordered_rows(pd.DataFrame(), "alphabetical")


def test_ordered_rows_puts_missing_values_last_and_breaks_ties_by_name():
    table = pd.DataFrame({
        "contact_id": ["a", "b", "c", "d"], "name_key": ["zed", "amy", "bo", "cy"],
        "company_key": [None, "acme", "acme", "beta"], "closeness": [1.0, 1.0, 2.0, 0.0],
        "connected_on": pd.to_datetime(["2010-01-01", None, "2010-01-01", "2020-01-01"]),
    })
    assert table["contact_id"].to_numpy()[ordered_rows(table, "company")].tolist() == ["b", "c", "d", "a"]
    assert table["contact_id"].to_numpy()[ordered_rows(table, "longest")].tolist() == ["c", "a", "d", "b"]
    assert table["contact_id"].to_numpy()[ordered_rows(table, "newest")].tolist() == ["d", "c", "a", "b"]
    assert table["contact_id"].to_numpy()[ordered_rows(table, "probably-know")].tolist() == ["c", "a", "b", "d"]
    assert isinstance(ordered_rows(table, "newest"), np.ndarray)
