"""The gap table, the grid, the ranking with reasons, the reconnect list and the coffee-chat log."""
import pandas as pd
import pytest

import helpers
from helpers.base.wording import duration, time_ago

TODAY = pd.Timestamp("2026-11-27")
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
# slug, first, last, company, connected on
PEOPLE = [
    ("ana", "Ana", "Lee", "Harborline Holdings", "07 Mar 2008"),
    ("bo", "Bo", "Ng", "Bluewater Partners", "07 Mar 2016"),
    ("cy", "Cy", "Old", "", "07 Mar 2016"),
    ("di", "Di", "Ray", "Ray Dentistry", "07 Mar 2020"),
    ("ed", "Ed", "Sun", "Acme", "07 Mar 2024"),
    ("fay", "Fay", "Twin", "Twin Co", "07 Mar 2016"),
    ("gus", "Gus", "Twin", "Twin Co", "07 Mar 2016"),
]
MESSAGES_HEADER = ('"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS",'
                   '"DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"\n')
ME = "https://www.linkedin.com/in/me"


@pytest.fixture
def network(tmp_path):
    rows = "".join(f"{first},{last},https://www.linkedin.com/in/{slug},,{company},Partner,{on}\n"
                   for slug, first, last, company, on in PEOPLE)
    (tmp_path / "Connections.csv").write_text(PREAMBLE + HEADER + rows)
    message = ('"c1","","Ana Lee","https://www.linkedin.com/in/ana","Me Myself","{me}","2023-11-27 10:00:00 UTC",'
               '"","hi","INBOX",""\n').format(me=ME)
    (tmp_path / "messages.csv").write_text(MESSAGES_HEADER + message)
    return helpers.load_export(tmp_path)


@pytest.fixture
def store(tmp_path):
    return helpers.TagStore(tmp_path / "tags.sqlite")


def test_gap_table_has_every_contact_and_untagged_is_unknown(network, store):
    store.tag("ana", 3, 0)
    gap = helpers.gap_table(network, store, today=TODAY)
    assert list(gap.index) == [p[0] for p in PEOPLE]
    assert gap.loc["ana", "is_john"] and gap.loc["ana", "tagged"]
    assert pd.isna(gap.loc["bo", "relationship"]) and not gap.loc["bo", "tagged"] and not gap.loc["bo", "is_john"]
    assert gap.loc["ana", "quadrant"] == "Trust · No idea"
    assert pd.isna(gap.loc["bo", "quadrant"])
    assert gap.loc["ana", "years_connected"] == pytest.approx((TODAY - pd.Timestamp("2008-03-07")).days / 365.25)


def test_last_contact_and_next_step_by_tier(network, store):
    store.tag("ana", 3, 0)
    store.tag("bo", 1, 0)
    gap = helpers.gap_table(network, store, today=TODAY)
    assert gap.loc["ana", "last_contact"] == pd.Timestamp("2023-11-27")
    assert gap.loc["ana", "last_contact_source"] == "message"
    assert gap.loc["ana", "next_step_due"] == pd.Timestamp("2024-02-27")  # trust: every 3 months
    assert pd.isna(gap.loc["bo", "next_step_due"])  # never in touch: no date to count from
    custom = helpers.gap_table(network, store, today=TODAY, cadence={3: 1, 2: 2, 1: 3})
    assert custom.loc["ana", "next_step_due"] == pd.Timestamp("2023-12-27")


def test_grid_counts_only_contacts_rated_on_both_scales(network, store):
    store.tag("ana", 3, 0)
    store.tag("bo", 2, 1)
    store.tag("cy", 2, 1)
    store.tag("di", relationship=1)  # only one scale: not on the grid
    grid = helpers.grid_counts(helpers.gap_table(network, store, today=TODAY))
    assert list(grid.index) == [3, 2, 1, 0] and list(grid.columns) == [0, 1, 2, 3]
    assert grid.loc[3, 0] == 1 and grid.loc[2, 1] == 2
    assert grid.to_numpy().sum() == 3


def test_cell_people_longest_known_first(network, store):
    for slug in ("bo", "ana", "cy"):
        store.tag(slug, 2, 1)
    people = helpers.cell_people(helpers.gap_table(network, store, today=TODAY), 2, 1)
    assert list(people["full_name"]) == ["Ana Lee", "Bo Ng", "Cy Old"]


def test_untagged_never_ranked_and_no_gap_no_rank(network, store):
    store.tag("ana", 3, 0)
    store.tag("bo", 0, 0)   # don't really know them: nothing to reconnect
    store.tag("cy", 3, 3)   # already know how to help each other
    store.tag("di", relationship=2)  # business not rated: not ranked
    ranked = helpers.prioritise(helpers.gap_table(network, store, today=TODAY), today=TODAY)
    assert list(ranked.index) == ["ana"]


def test_ranking_weighs_relationship_gap_time_and_tenure(network, store):
    store.tag("ana", 3, 0)   # trust, no idea, 18 years, last message 3 years ago
    store.tag("di", 3, 2)    # trust, knows what they do
    store.tag("ed", 1, 1)    # know, recent
    ranked = helpers.prioritise(helpers.gap_table(network, store, today=TODAY), today=TODAY)
    assert list(ranked.index) == ["ana", "di", "ed"]
    assert ranked["score"].between(0, 1).all()
    only_tenure = helpers.PriorityWeights(relationship=0, business_gap=0, since_contact=0, tenure=1)
    by_tenure = helpers.prioritise(helpers.gap_table(network, store, today=TODAY), only_tenure, today=TODAY)
    assert list(by_tenure.index) == ["ana", "di", "ed"]
    only_gap = helpers.PriorityWeights(relationship=0, business_gap=1, since_contact=0, tenure=0)
    by_gap = helpers.prioritise(helpers.gap_table(network, store, today=TODAY), only_gap, today=TODAY)
    assert list(by_gap.index)[0] == "ana" and list(by_gap.index)[-1] == "di"


def test_ties_are_broken_stably_by_tenure_then_name(network, store):
    for slug in ("gus", "fay", "bo"):  # same tags, same connection date: name decides
        store.tag(slug, 2, 1)
    ranked = helpers.prioritise(helpers.gap_table(network, store, today=TODAY), today=TODAY)
    assert list(ranked["full_name"]) == ["Bo Ng", "Fay Twin", "Gus Twin"]
    again = helpers.prioritise(helpers.gap_table(network, store, today=TODAY), today=TODAY)
    assert list(again.index) == list(ranked.index)


def test_reasons_say_why_in_plain_words(network, store):
    store.tag("ana", 3, 0)
    store.tag("cy", 2, 1)   # no company listed
    store.tag("di", 1, 2)
    store.tag("ed", 2, 2)
    ranked = helpers.prioritise(helpers.gap_table(network, store, today=TODAY), today=TODAY)
    assert ranked.loc["ana", "why"] == ("A John: you trust them, and you can't say what Harborline Holdings does · "
                                        "connected 19 years · last message 3 years ago")
    assert ranked.loc["cy", "why"] == ("A John: you like them, and you know their title, not what they do · "
                                       "connected 11 years · no messages in your export")
    assert ranked.loc["di", "why"].startswith("Know · connected")
    assert ranked.loc["di", "why"].endswith("you know what they do, not yet how to help each other")
    assert ranked.loc["ed", "why"].startswith("Like · connected") and "John" not in ranked.loc["ed", "why"]


def test_every_john_comes_before_everyone_else(network, store):
    """The issue's ratings: Bob (know, no idea) used to rank above Cy, a John."""
    store.tag("ana", 3, 0)  # John: trust, no idea
    store.tag("cy", 2, 1)   # John: like, title only
    store.tag("di", 2, 0)   # John: like, no idea
    store.tag("bo", 1, 0)   # know, no idea: not a John, still on the list
    store.tag("ed", 3, 3)   # already know how to help each other: not ranked
    store.tag("fay", 0, 0)  # don't know them: not ranked
    gap = helpers.gap_table(network, store, today=TODAY)
    ranked = helpers.prioritise(gap, today=TODAY)
    assert list(ranked.index) == ["ana", "di", "cy", "bo"]
    assert list(ranked["is_john"]) == [True, True, True, False]
    by_score = helpers.prioritise(gap, today=TODAY, johns_first=False)
    assert list(by_score.index) == ["ana", "di", "bo", "cy"]  # the weights alone put Bo above a John
    listing = helpers.reconnect_list(network, store, today=TODAY)
    assert list(listing["full_name"]) == ["Ana Lee", "Di Ray", "Cy Old", "Bo Ng"]
    assert [why.startswith("A John") for why in listing["why"]] == [True, True, True, False]


def test_weights_still_order_people_within_the_johns_and_within_the_rest(network, store):
    store.tag("ana", 2, 1)  # John connected 2008
    store.tag("di", 3, 0)   # John connected 2020
    store.tag("bo", 1, 1)   # not a John, 2016
    store.tag("ed", 1, 0)   # not a John, 2024
    gap = helpers.gap_table(network, store, today=TODAY)
    default = helpers.prioritise(gap, today=TODAY)
    assert list(default.index) == ["di", "ana", "bo", "ed"]
    only_tenure = helpers.PriorityWeights(relationship=0, business_gap=0, since_contact=0, tenure=1)
    assert list(helpers.prioritise(gap, only_tenure, today=TODAY).index) == ["ana", "di", "bo", "ed"]
    only_gap = helpers.PriorityWeights(relationship=0, business_gap=1, since_contact=0, tenure=0)
    assert list(helpers.prioritise(gap, only_gap, today=TODAY).index) == ["di", "ana", "ed", "bo"]


def test_reconnect_list_columns_ranks_and_openers(network, store):
    store.tag("ana", 3, 0)
    store.tag("bo", 2, 1)
    store.tag("ed", 1, 2)
    listing = helpers.reconnect_list(network, store, today=TODAY)
    assert list(listing.columns) == helpers.gap.reconnect.COLUMNS
    assert list(listing["rank"]) == [1, 2, 3]
    first = listing.iloc[0]
    assert first["full_name"] == "Ana Lee" and first["relationship"] == "3 · Trust" and first["business"] == "0 · No idea"
    assert first["years_connected"] == 19 and str(first["connected_on"]) == "2008-03-07"
    assert first["opener"].startswith("Hi Ana,") and "Harborline Holdings" in first["opener"]
    assert first["opener"].count("\n") == 3  # a line to send and three questions
    assert "introduction" in first["opener"] and "help" in first["opener"]
    assert len(helpers.reconnect_list(network, store, top=2, today=TODAY)) == 2


def test_reconnect_list_is_empty_not_an_error_without_tags(network, store):
    listing = helpers.reconnect_list(network, store, today=TODAY)
    assert listing.empty and list(listing.columns) == helpers.gap.reconnect.COLUMNS


def test_coffee_chat_moves_knowledge_up_and_sets_the_next_reach_out(network, store):
    store.tag("ana", 3, 0)
    result = store.log_chat("ana", on="2026-11-20", what_they_do="Freight software for ports",
                            next_step="Introduce her to Bo")
    assert result == {"business": 2, "status": "met", "next_reach_out": pd.Timestamp("2027-02-20").date()}
    history = store.history()
    assert list(history[history["source"] == "chat"]["field"]) == ["business", "status"]
    gap = helpers.gap_table(network, store, today=TODAY)
    assert gap.loc["ana", "business"] == 2 and not gap.loc["ana", "is_john"]
    assert gap.loc["ana", "last_contact"] == pd.Timestamp("2026-11-20")
    assert gap.loc["ana", "last_contact_source"] == "coffee chat"
    assert gap.loc["ana", "next_step_due"] == pd.Timestamp("2027-02-20")
    chats = store.chats()
    assert list(chats["what_they_do"]) == ["Freight software for ports"]


def test_coffee_chat_where_you_helped_each_other(network, store):
    store.tag("bo", 2, 1)
    result = store.log_chat("bo", on="2026-11-01", what_they_do="M&A advice", how_i_can_help="Intro to Ana",
                            how_they_can_help="Review my pitch")
    assert result["business"] == 3 and result["status"] == "helped each other"
    assert result["next_reach_out"] == pd.Timestamp("2027-05-01").date()  # like: every 6 months
    assert store.get("bo")["status"] == "helped each other"


def test_coffee_chat_never_lowers_what_you_knew(network, store):
    store.tag("di", 2, 3)
    assert store.log_chat("di", on="2026-11-01")["business"] == 3


def test_status_must_be_a_known_step(store):
    with pytest.raises(ValueError, match="planned, invited, met, helped each other"):
        store.set_status("ana", "maybe")
    store.set_status("ana", "planned")
    assert store.get("ana")["status"] == "planned"


@pytest.mark.parametrize("years, words", [(18.4, "18 years"), (1.0, "1 year"), (0.6, "7 months"),
                                          (0.1, "5 weeks"), (2 / 365.25, "2 days")])
def test_duration_words(years, words):
    assert duration(years) == words


def test_time_ago_words():
    assert time_ago("2023-11-27", TODAY) == "3 years ago"
    assert time_ago("2026-08-20", TODAY) == "3 months ago"
    assert time_ago(TODAY, TODAY) == "today"
    assert time_ago(None, TODAY) is None


def test_losing_touch_list_is_who_is_due_by_tier(network, store):
    store.tag("ana", 3, 0)   # last message 2023-11-27, trust: due 2024-02-27
    store.tag("bo", 2, 1)    # never in touch: no date to count from, not listed
    store.log_chat("di", on="2026-11-01")  # a recent chat: not due
    store.tag("di", relationship=2)
    due = helpers.due_for_reach_out(helpers.gap_table(network, store, today=TODAY), today=TODAY)
    assert list(due["full_name"]) == ["Ana Lee"]
    assert due.loc[0, "overdue_by"] == "2 years ago"


def test_pipeline_people_in_pipeline_order(network, store):
    store.set_status("bo", "met")
    store.set_status("ana", "planned")
    store.set_status("cy", "invited")
    people = helpers.pipeline_people(helpers.gap_table(network, store, today=TODAY))
    assert list(people["status"]) == ["planned", "invited", "met"]
    assert list(people["full_name"]) == ["Ana Lee", "Cy Old", "Bo Ng"]


def test_chat_form_logs_a_chat_and_says_what_changed(network, store):
    store.tag("ana", 3, 0)
    store.tag("bo", 1, 2)
    store.set_status("cy", "planned")
    store.tag("cy", 2, 2)
    form = helpers.chat_form(helpers.gap_table(network, store, today=TODAY), store, today=TODAY)
    assert [value for _, value in form.person.options] == ["cy", "ana", "bo"]  # planned, Johns, other rated
    form.person.value = "ana"
    form.texts["what_they_do"].value = "Port logistics software"
    form.save_button.click()
    assert store.get("ana")["business"] == 2 and store.get("ana")["status"] == "met"
    assert store.chats().loc[0, "what_they_do"] == "Port logistics software"
    assert "What they do" in form.result.value and "27 Feb 2027" in form.result.value
    assert form.texts["what_they_do"].value == ""


def test_chat_form_with_nobody_rated_says_what_to_do(network, store):
    form = helpers.chat_form(helpers.gap_table(network, store, today=TODAY), store, today=TODAY)
    assert not form.person.options
    assert form.save() is None and "Choose who" in form.result.value
