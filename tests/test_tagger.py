"""The tagger widget, driven as a person would (button clicks, typing), checked against the real TagStore.

A tiny handmade export (five people, a few messages) is written to tmp_path and read with
helpers.load_export; every store lives in tmp_path. The pure functions behind the widget are
tested in test_suggest.py. No wall-clock limits here: speed is benchmarks/bench_tagger.py's job.
"""
import datetime as dt

import pytest

import helpers
from conftest import msg, profile_bytes, person, write_connections, write_messages
from helpers.tags.tag_store import TagStore
from helpers.workbook.tagger import Tagger, tagger

AS_OF = "2026-11-20"
EXPORT = "Complete_LinkedInDataExport_11-20-2026"
SCRIPT_NAME = "<script>alert(1)</script>"

PEOPLE = {  # contact_id (the slug): a Connections.csv row
    "ana-talker": person("Ana", "Talker", "ana-talker", on=dt.date(2015, 3, 1),
                         company="Acme Analytics", position="Data Lead"),
    "bob-oldtimer": person("Bob", "Oldtimer", "bob-oldtimer", on=dt.date(2009, 1, 5),
                           company="Zeta Partners", position="Engineer"),
    "cai-newbie": person("Cai", "Newbie", "cai-newbie", on=dt.date(2026, 10, 1),
                         company="Beta Bakery", position="Baker"),
    "dee-recruiter": person("Dee", "Recruiter", "dee-recruiter", on=dt.date(2020, 5, 5),
                            company="Talent Search Partners", position="Technical Recruiter"),
    "evil": person(SCRIPT_NAME, "Évil", "evil", on=dt.date(2018, 2, 2),
                   company="Evil & Co <b>bold</b>", position="<img src=x onerror=alert(2)>"),
}
ORDERS = {
    "probably-know": ["ana-talker", "bob-oldtimer", "evil", "dee-recruiter", "cai-newbie"],
    "longest": ["bob-oldtimer", "ana-talker", "evil", "dee-recruiter", "cai-newbie"],
    "company": ["ana-talker", "cai-newbie", "evil", "dee-recruiter", "bob-oldtimer"],
    "newest": ["cai-newbie", "dee-recruiter", "evil", "ana-talker", "bob-oldtimer"],
}


def conversation() -> list[dict]:
    """Ana: 30 messages both ways, the last in June 2025. Dee: two pitches, never answered."""
    ana_url = PEOPLE["ana-talker"]["url"]
    talk = [msg("sent" if i % 2 else "received", "Ana Talker", ana_url, dt.datetime(2025, 6, 1, 9, i),
                conv="conv-ana") for i in range(30)]
    pitches = [msg("received", "Dee Recruiter", PEOPLE["dee-recruiter"]["url"], dt.datetime(2026, 11, day, 10),
                   conv="conv-dee") for day in (3, 10)]
    return talk + pitches


@pytest.fixture
def network(tmp_path):
    folder = tmp_path / EXPORT
    write_connections(folder, list(PEOPLE.values()))
    write_messages(folder, conversation(), "2025")
    (folder / "Profile.csv").write_bytes(profile_bytes())
    return helpers.load_export(folder)


@pytest.fixture
def store(tmp_path):
    store = TagStore(tmp_path / "tags.sqlite")
    yield store
    store.close()


@pytest.fixture
def app(network, store):
    return tagger(network, store, as_of=AS_OF)


def saved(store, contact_id):
    return store.get(contact_id) or {"relationship": None, "business": None}


def test_the_handmade_network_reads_as_intended(network):
    assert sorted(network.connections["contact_id"]) == sorted(PEOPLE)
    assert network.signals.loc["ana-talker", ["messages_sent", "messages_received"]].tolist() == [15, 15]
    assert network.signals.loc["dee-recruiter", "messages_received"] == 2


# -- tagging one card -------------------------------------------------------------------------------

def test_relationship_then_business_saves_both_and_moves_on(app, store):
    assert app.current_contact_id == "ana-talker"
    app.relationship_buttons[2].click()
    assert saved(store, "ana-talker")["relationship"] == 2
    assert app.current_contact_id == "ana-talker", "one answer of two: the card stays"
    app.business_buttons[0].click()
    assert (saved(store, "ana-talker")["relationship"], saved(store, "ana-talker")["business"]) == (2, 0)
    assert app.current_contact_id == "bob-oldtimer"


def test_business_first_then_relationship_also_moves_on(app, store):
    app.business_buttons[3].click()
    app.relationship_buttons[1].click()
    assert saved(store, "ana-talker")["business"] == 3
    assert saved(store, "ana-talker")["relationship"] == 1
    assert app.current_contact_id == "bob-oldtimer"


def test_the_chosen_button_is_highlighted_and_the_card_says_the_tag(app):
    app.relationship_buttons[3].click()
    assert [button.button_style for button in app.relationship_buttons] == ["", "", "", "info"]
    assert "relationship 3 · Trust" in app.card.value
    assert "business knowledge not yet rated" in app.card.value


def test_changing_a_tag_on_a_card_already_tagged(app, store):
    store.tag("ana-talker", relationship=1, business=1)
    app.relationship_buttons[2].click()
    assert saved(store, "ana-talker")["relationship"] == 2
    assert app.current_contact_id == "bob-oldtimer", "both set: moves on"


def test_skip_and_back_move_without_tagging(app, store):
    app.skip_button.click()
    assert app.current_contact_id == "bob-oldtimer"
    app.skip_button.click()
    assert app.current_contact_id == "evil"
    app.back_button.click()
    app.back_button.click()
    assert app.current_contact_id == "ana-talker"
    assert app.back_button.disabled, "nothing before the first card"
    assert store.current().empty


def test_past_the_last_card_says_so_and_tags_nothing(app, store):
    for _ in range(len(PEOPLE) + 2):
        app.skip_button.click()
    assert app.current_contact_id is None
    assert "everyone in this list" in app.card.value
    assert all(button.disabled for button in app.relationship_buttons + app.business_buttons)
    app.relationship_buttons[0].click()
    assert store.current().empty
    app.back_button.click()
    assert app.current_contact_id == "cai-newbie"


def test_undo_restores_the_store_and_shows_that_card_again(app, store):
    app.relationship_buttons[2].click()
    app.business_buttons[1].click()
    assert app.current_contact_id == "bob-oldtimer"
    app.undo_button.click()
    assert saved(store, "ana-talker")["relationship"] == 2
    assert saved(store, "ana-talker")["business"] is None
    assert app.current_contact_id == "ana-talker"
    assert "business knowledge not yet rated" in app.card.value
    assert "Undone" in app.status_label.value
    app.undo_button.click()
    assert store.get("ana-talker") is None
    assert app.progress_label.value == "Tagged 0 of 5 · 0 Johns so far"


def test_undo_with_nothing_to_undo_says_so(app, store):
    app.undo_button.click()
    assert app.status_label.value == "Nothing to undo."
    assert app.current_contact_id == "ana-talker"


# -- recall first -------------------------------------------------------------------------------------

def test_recall_first_hides_company_and_position_until_business_is_answered(network, store):
    app = tagger(network, store, recall_first=True, as_of=AS_OF)
    assert "Acme Analytics" not in app.card.value and "Data Lead" not in app.card.value
    assert "hidden" in app.card.value
    app.relationship_buttons[2].click()
    assert "Acme Analytics" not in app.card.value, "relationship alone does not reveal it"
    app.business_buttons[1].click()
    assert app.current_contact_id == "bob-oldtimer"
    assert "Zeta Partners" not in app.card.value, "the next card is hidden again"
    assert "Acme Analytics" in app.status_label.value, "the card just answered shows what they do"


def test_recall_first_reveals_on_the_card_when_business_comes_first(network, store):
    app = tagger(network, store, recall_first=True, as_of=AS_OF)
    app.business_buttons[0].click()
    assert "Acme Analytics · Data Lead" in app.card.value or "Data Lead · Acme Analytics" in app.card.value


def test_the_recall_checkbox_switches_the_mode_on_the_current_card(app):
    assert "Acme Analytics" in app.card.value
    app.recall_checkbox.value = True
    assert "Acme Analytics" not in app.card.value
    app.recall_checkbox.value = False
    assert "Acme Analytics" in app.card.value


# -- order, search, untagged only -------------------------------------------------------------------

@pytest.mark.parametrize("order", ORDERS)
def test_each_order_puts_the_expected_people_first(app, order):
    app.order_dropdown.value = order
    assert app.list_contact_ids == ORDERS[order]
    assert app.current_contact_id == ORDERS[order][0] or order != "probably-know"


def test_the_order_dropdown_offers_the_four_orders_in_words(app):
    labels = [label for label, _ in app.order_dropdown.options]
    assert labels == ["People you probably know first", "Longest connected", "By company", "Newest first"]


def test_order_given_when_opening(network, store):
    assert tagger(network, store, order="newest", as_of=AS_OF).current_contact_id == "cai-newbie"
    with pytest.raises(ValueError, match="probably-know"):
        tagger(network, store, order="alphabetical")


def test_changing_the_order_keeps_the_card_you_are_on(app):
    app.skip_button.click()
    assert app.current_contact_id == "bob-oldtimer"
    app.order_dropdown.value = "newest"
    assert app.current_contact_id == "bob-oldtimer"
    assert "Card 5 of 5" in app.list_label.value


@pytest.mark.parametrize("text, expected", [
    ("partners", ["bob-oldtimer", "dee-recruiter"]),   # company, any case
    ("TALKER", ["ana-talker"]),                        # name
    ("evil", ["evil"]),                                # "Évil": accents ignored
    ("recruiter", ["dee-recruiter"]),                  # position
    ("  ", list(ORDERS["probably-know"])),             # blank: everyone
])
def test_search_filters_the_list(app, text, expected):
    app.search_box.value = text
    assert sorted(app.list_contact_ids) == sorted(expected)
    assert app.current_contact_id in expected


def test_a_search_with_no_match_says_so_and_disables_tagging(app, store):
    app.search_box.value = "nobody like this"
    assert app.list_contact_ids == []
    assert app.current_contact_id is None
    assert "No one in this list" in app.card.value
    assert app.bulk_button.disabled
    app.relationship_buttons[1].click()
    assert store.current().empty


def test_untagged_only_leaves_out_everyone_already_tagged(app, store):
    store.tag("ana-talker", relationship=2)
    store.tag("cai-newbie", business=1)
    app.untagged_only.value = True
    assert app.list_contact_ids == ["bob-oldtimer", "evil", "dee-recruiter"]


def test_with_untagged_only_a_card_just_tagged_stays_reachable_with_back(app, store):
    app.untagged_only.value = True
    app.relationship_buttons[2].click()
    app.business_buttons[2].click()
    app.back_button.click()
    assert app.current_contact_id == "ana-talker"
    assert "relationship 2 · Like" in app.card.value


# -- suggestion ---------------------------------------------------------------------------------------

def test_the_suggestion_is_a_hint_until_accepted(app, store):
    assert "Suggested: 2 · Like — you exchanged 30 messages, last in 2025" in app.suggestion_label.value
    assert store.get("ana-talker") is None, "showing a suggestion saves nothing"
    app.skip_button.click()
    app.back_button.click()
    assert store.current().empty
    app.accept_button.click()
    assert saved(store, "ana-talker")["relationship"] == 2
    assert saved(store, "ana-talker")["business"] is None
    assert app.current_contact_id == "ana-talker", "business still to answer"
    assert app.accept_button.disabled, "already accepted"


def test_accepting_moves_on_when_business_is_already_known(app, store):
    app.business_buttons[2].click()
    app.accept_button.click()
    assert saved(store, "ana-talker")["relationship"] == 2
    assert app.current_contact_id == "bob-oldtimer"


def test_a_one_way_conversation_suggests_dont_really_know(app):
    app.search_box.value = "dee"
    hint = "Suggested: 0 · Don&#x27;t really know them — 2 messages from them, none from you"
    assert hint in app.suggestion_label.value


def test_a_basic_export_gives_no_suggestion(tmp_path, store):
    write_connections(tmp_path / "basic", list(PEOPLE.values()))
    app = tagger(helpers.load_export(tmp_path / "basic" / "Connections.csv"), store, as_of=AS_OF)
    assert "No suggestion" in app.suggestion_label.value
    assert app.accept_button.disabled
    app.accept_button.click()
    assert store.current().empty
    assert "Basic export has none" in app.card.value


# -- bulk ---------------------------------------------------------------------------------------------

def test_bulk_asks_for_confirmation_first(app, store):
    app.search_box.value = "partners"
    assert app.bulk_button.description == "Tag all 2 in this list…"
    app.bulk_value.value = 0
    app.bulk_button.click()
    assert store.current().empty, "nothing is tagged before the confirmation"
    assert app.bulk_confirm_box.layout.display != "none"
    assert app.bulk_question.value == "Tag 2 people as 0 · Don't really know them?"
    assert app.bulk_confirm_button.description == "Yes, tag 2"


def test_bulk_cancel_does_nothing(app, store):
    app.search_box.value = "partners"
    app.bulk_button.click()
    app.bulk_cancel_button.click()
    assert store.current().empty
    assert app.bulk_confirm_box.layout.display == "none"
    app.bulk_confirm_button.click()
    assert store.current().empty, "a stale Yes after Cancel tags nobody"


def test_bulk_confirm_tags_exactly_the_people_in_the_list_in_one_step(app, store):
    app.search_box.value = "partners"
    app.bulk_field.value = "business"
    app.bulk_value.value = 1
    app.bulk_button.click()
    app.bulk_confirm_button.click()
    tags = store.current()
    assert sorted(tags.index) == ["bob-oldtimer", "dee-recruiter"]
    assert tags["business"].tolist() == [1, 1]
    assert tags["relationship"].isna().all()
    history = store.history()
    assert history["batch_id"].nunique() == 1 and set(history["source"]) == {"bulk"}
    assert app.progress_label.value == "Tagged 2 of 5 · 0 Johns so far"
    app.undo_button.click()
    assert store.current().empty, "one undo takes the whole bulk tag back"


def test_bulk_offers_the_values_of_the_chosen_scale(app):
    assert [text for text, _ in app.bulk_value.options][0] == "0 · Don't really know them"
    app.bulk_field.value = "business"
    assert [text for text, _ in app.bulk_value.options] == [
        "0 · No idea", "1 · Company or title only", "2 · What they do", "3 · How we can help each other"]


def test_bulk_with_untagged_only_spares_people_tagged_since(app, store):
    app.untagged_only.value = True
    app.relationship_buttons[3].click()  # Ana, tagged after the list was made
    assert app.bulk_button.description == "Tag all 4 in this list…"
    app.bulk_value.value = 0
    app.bulk_button.click()
    app.bulk_confirm_button.click()
    assert saved(store, "ana-talker")["relationship"] == 3
    assert store.current()["relationship"].value_counts().to_dict() == {0: 4, 3: 1}
    assert app.list_contact_ids == [], "the list is made again: everyone in it is tagged now"


def test_changing_the_filter_withdraws_an_open_bulk_question(app, store):
    app.bulk_button.click()
    app.search_box.value = "partners"
    assert app.bulk_confirm_box.layout.display == "none"
    app.bulk_confirm_button.click()
    assert store.current().empty


# -- progress, escaping, display, speed by design --------------------------------------------------

def test_progress_counts_tagged_people_and_johns_of_this_network(network, store):
    store.tag("ana-talker", relationship=2, business=1)   # a John
    store.tag("bob-oldtimer", relationship=3, business=3)
    store.tag("someone-from-another-export", relationship=3, business=0)
    app = tagger(network, store, as_of=AS_OF)
    assert app.progress_label.value == "Tagged 2 of 5 · 1 John so far"
    app.search_box.value = "cai"
    app.relationship_buttons[2].click()
    assert app.progress_label.value == "Tagged 3 of 5 · 1 John so far"
    app.business_buttons[0].click()
    assert app.progress_label.value == "Tagged 3 of 5 · 2 Johns so far"


def test_names_companies_and_positions_are_escaped(app):
    app.search_box.value = "evil"
    html = app.card.value
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>bold</b>" not in html and "Evil &amp; Co &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<img" not in html
    app.relationship_buttons[1].click()
    app.business_buttons[1].click()
    assert "<script>" not in app.status_label.value and "&lt;script&gt;" in app.status_label.value
    assert "<img" not in app.status_label.value


def test_a_bare_app_displays_as_the_widget(app):
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == app.widget.model_id
    assert isinstance(app, Tagger)


def test_buttons_are_labelled_with_text(app):
    assert [b.description for b in app.relationship_buttons] == [
        "0 · Don't really know them", "1 · Know", "2 · Like", "3 · Trust"]
    assert [b.description for b in app.business_buttons][3] == "3 · How we can help each other"
    assert all(not b.icon for b in app.relationship_buttons + app.business_buttons
               + [app.skip_button, app.back_button, app.undo_button, app.accept_button, app.bulk_button])


def test_clicking_never_rereads_the_whole_store(network, store, monkeypatch):
    """The speed rule: store.current() once on opening (and on undo), never per click."""
    app = tagger(network, store, as_of=AS_OF)
    calls = []
    original = store.current
    monkeypatch.setattr(store, "current", lambda: calls.append(1) or original())
    for _ in range(3):
        app.relationship_buttons[1].click()
        app.business_buttons[1].click()
    app.skip_button.click()
    app.back_button.click()
    app.accept_button.click()
    app.search_box.value = "a"
    app.order_dropdown.value = "company"
    app.bulk_button.click()
    app.bulk_confirm_button.click()
    assert calls == []


def test_progress_advice_says_what_to_do_next():
    from helpers.workbook.tagger import progress_advice
    assert progress_advice(0, 0, 792).startswith("Nothing tagged yet (0 of 792). Scroll up to the tagger")
    assert progress_advice(12, 3, 792) == ("Tagged 12 of 792 · 3 Johns so far. "
                                           "Keep going: 38 more to reach your first 50.")
    assert progress_advice(50, 1, 792).endswith("Well done: open 03-the-gap.ipynb to see your Johns.")
    assert "No Johns yet" in progress_advice(60, 0, 792)
    assert progress_advice(3, 0, 5).endswith("2 more to reach your first 5."), "a tiny network: the goal is everyone"


def test_check_prints_the_advice(app, capsys):
    app.check()
    assert capsys.readouterr().out.startswith("Nothing tagged yet (0 of 5).")
