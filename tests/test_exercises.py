"""The notebooks' exercises: right, wrong and unanswered answers, checks that never raise, and solutions that work."""
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import exercises
from helpers.workbook import privacy
from helpers.workbook import data_folder as workbook

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "notebooks" / "solutions"
UNANSWERED_START = "Not answered yet — hint: "


@pytest.fixture(scope="module")
def sample():
    return helpers.load_export(workbook.SAMPLE)


@pytest.fixture
def store(tmp_path):
    return helpers.TagStore(tmp_path / "tags.sqlite")


def _rate_some(network, store):
    """Three Johns at one company, one John with no company, the 8 oldest (know, what they do),
    8 of the newest (trusted Johns, each elsewhere) and one person rated on one scale only."""
    people = network.connections
    sizes = people["company"].value_counts()
    company = sizes[sizes >= 3].index[0]
    at_company = people.loc[people["company"] == company, "contact_id"].head(3)
    store.tag_many(at_company, relationship=3, business=0)
    no_company = people.loc[people["company"].isna() & people["connected_on"].notna(), "contact_id"].head(1)
    store.tag_many(no_company, relationship=2, business=1)
    others = people[people["company"].notna() & (people["company"] != company)].dropna(subset=["connected_on"])
    others = others.sort_values("connected_on")
    store.tag_many(others["contact_id"].head(8), relationship=1, business=2)
    newest = others.tail(40).drop_duplicates("company").tail(8)
    store.tag_many(newest["contact_id"], relationship=3, business=1)
    store.tag(others["contact_id"].iloc[100], relationship=2)
    return store


@pytest.fixture
def rated_store(sample, store):
    return _rate_some(sample, store)


def _gap(network, store):
    return helpers.gap_table(network, store)


# -- the shape every check shares ------------------------------------------------------------------
CHECKS = [
    (exercises.check_contact_count, lambda net, st: (net,)),
    (exercises.check_connected_before, lambda net, st: (net,)),
    (exercises.check_rated_count, lambda net, st: (net, st)),
    (exercises.check_johns_at_one_company, lambda net, st: (_gap(net, st),)),
    (exercises.check_tenure_weights, lambda net, st: (net, st)),
    (exercises.check_next_reach_out, lambda net, st: ()),
]
ODD_ANSWERS = [None, "", "abc", "12", -3, 2.5, float("nan"), float("inf"), True, [1, 2], {"a": 1}, object(),
               helpers.PriorityWeights(tenure="lots"), pd.NaT]


@pytest.mark.parametrize("check, context", CHECKS, ids=lambda value: getattr(value, "__name__", ""))
def test_checks_print_and_never_raise(check, context, sample, store, capsys):
    for answer in ODD_ANSWERS:
        assert check(answer, *context(sample, store)) is None
        printed = capsys.readouterr().out.strip()
        assert printed and "Traceback" not in printed, (answer, printed)
        assert printed.startswith(("Right!", "Not quite:", UNANSWERED_START)), (answer, printed)


@pytest.mark.parametrize("check, context", CHECKS, ids=lambda value: getattr(value, "__name__", ""))
def test_an_untouched_your_turn_cell_gets_a_hint(check, context, sample, store, capsys):
    check(None, *context(sample, store))
    printed = capsys.readouterr().out
    assert printed.startswith(UNANSWERED_START) and len(printed) > len(UNANSWERED_START) + 20


def test_verdicts_say_what_they_are():
    verdict = exercises.judge_next_reach_out("2026-06-10")
    assert verdict.right and verdict.status == exercises.RIGHT and str(verdict) == verdict.message
    assert exercises.judge_next_reach_out(None).status == exercises.UNANSWERED
    assert exercises.judge_next_reach_out("2026-06-11").status == exercises.WRONG


# -- 00 ---------------------------------------------------------------------------------------------
def test_contact_count(sample):
    total = len(sample.connections)
    assert exercises.judge_contact_count(total, sample).right
    assert exercises.judge_contact_count(f"{total:,}", sample).right  # "792" or "1,204" typed as text
    assert exercises.judge_contact_count(float(total), sample).right
    wrong = exercises.judge_contact_count(total + 8, sample)
    assert wrong.status == exercises.WRONG and "len(network.connections)" in wrong.message


# -- 01 ---------------------------------------------------------------------------------------------
def test_connected_before_counts_dates_strictly_before_the_year(sample):
    dates = sample.connections["connected_on"]
    right = int((dates.dt.year < 2015).sum())
    assert exercises.connected_before(sample, 2015) == right > 0
    assert exercises.judge_connected_before(right, sample).right
    assert "go back before 2015" in exercises.judge_connected_before(right, sample).message


def test_connected_before_names_the_usual_mistakes(sample):
    with_2015 = int((sample.connections["connected_on"].dt.year <= 2015).sum())
    assert "includes 2015 itself" in exercises.judge_connected_before(with_2015, sample).message
    everyone = exercises.judge_connected_before(len(sample.connections), sample)
    assert everyone.status == exercises.WRONG and "every contact" in everyone.message
    assert exercises.judge_connected_before(3, sample).status == exercises.WRONG
    assert "whole number" in exercises.judge_connected_before("many", sample).message


# -- 02 ---------------------------------------------------------------------------------------------
def test_rated_count_on_an_empty_store_is_zero_and_asks_for_five(sample, store):
    verdict = exercises.judge_rated_count(0, sample, store, goal=5)
    assert verdict.right and "Rate 5 more people" in verdict.message


def test_rated_count_counts_both_scales_only(sample, rated_store):
    both = 3 + 1 + 8 + 8
    verdict = exercises.judge_rated_count(both, sample, rated_store, goal=5)
    assert verdict.right and f"{both} people rated" in verdict.message
    either = exercises.judge_rated_count(both + 1, sample, rated_store)  # the one-scale person counted too
    assert either.status == exercises.WRONG and "at least one rating" in either.message
    assert exercises.judge_rated_count(2, sample, rated_store).status == exercises.WRONG


def test_rated_count_accepts_the_whole_store_when_it_holds_other_exports(sample, rated_store):
    rated_store.tag("someone-from-an-older-export", relationship=2, business=2)
    assert exercises.judge_rated_count(20, sample, rated_store).right   # this network
    assert exercises.judge_rated_count(21, sample, rated_store).right   # the whole store


# -- 03 ---------------------------------------------------------------------------------------------
def test_johns_at_one_company(sample, rated_store):
    gap = _gap(sample, rated_store)
    assert exercises.johns_at_top_company(gap) == 3
    assert exercises.judge_johns_at_one_company(3, gap).right
    all_johns = int(gap["is_john"].sum())
    assert "all your Johns" in exercises.judge_johns_at_one_company(all_johns, gap).message
    assert "no company" in exercises.judge_johns_at_one_company(1, gap).message
    assert exercises.judge_johns_at_one_company(7, gap).status == exercises.WRONG


def test_johns_at_one_company_with_nobody_rated_is_zero(sample, store):
    verdict = exercises.judge_johns_at_one_company(0, _gap(sample, store))
    assert verdict.right and "nobody is rated yet" in verdict.message


# -- 04 ---------------------------------------------------------------------------------------------
def test_tenure_must_count_more_than_every_other_weight(sample, store):
    tie = exercises.judge_tenure_weights(helpers.PriorityWeights(tenure=3.0), sample, store)
    assert tie.status == exercises.WRONG and "as much or more" in tie.message
    assert exercises.judge_tenure_weights(helpers.PriorityWeights(), sample, store).status == exercises.WRONG
    not_weights = exercises.judge_tenure_weights({"tenure": 9}, sample, store)
    assert "PriorityWeights" in not_weights.message
    right = exercises.judge_tenure_weights(helpers.PriorityWeights(tenure=3.5), sample, store)
    assert right.right and "Nobody is rated yet" in right.message


def test_tenure_first_says_who_moves_up(sample, rated_store):
    verdict = exercises.judge_tenure_weights(helpers.PriorityWeights(tenure=10.0), sample, rated_store)
    assert verdict.right and "Moving up your list" in verdict.message and "Johns stay first" in verdict.message
    gap = _gap(sample, rated_store)
    oldest = gap[gap["relationship"].eq(1).fillna(False).to_numpy(dtype=bool)]["full_name"]
    assert any(name in verdict.message for name in oldest)  # the longest-known climb (among the non-Johns)
    johns = set(gap.loc[gap["is_john"].to_numpy(dtype=bool), "full_name"])
    tenure_first = helpers.prioritise(gap, helpers.PriorityWeights(tenure=10.0))
    assert set(tenure_first["full_name"].head(len(johns))) == johns  # the weights never lift anyone above a John


# -- 05 ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["2026-06-10", "10 June 2026", pd.Timestamp("2026-06-10 15:00"),
                                    pd.Timestamp("2026-06-10").date()])
def test_next_reach_out_accepts_any_form_of_the_right_day(answer):
    assert exercises.judge_next_reach_out(answer, last_chat="2026-03-10", relationship=3).right


def test_next_reach_out_names_the_tier_that_was_used():
    like = exercises.judge_next_reach_out("2026-09-10", last_chat="2026-03-10", relationship=3)
    assert like.status == exercises.WRONG and "like (2)" in like.message
    assert exercises.judge_next_reach_out("2027-03-10", relationship=2).message.count("know (1)") == 1
    assert "as a date" in exercises.judge_next_reach_out("soon").message


# -- the solutions ----------------------------------------------------------------------------------
SOLVED = {  # solution file -> (the variable it sets, how to judge it)
    "00_contacts.py": ("contacts", lambda answer, net, st: exercises.judge_contact_count(answer, net)),
    "01_before_2015.py": ("before_2015", lambda answer, net, st: exercises.judge_connected_before(answer, net, 2015)),
    "02_rated_count.py": ("rated_both", lambda answer, net, st: exercises.judge_rated_count(answer, net, st)),
    "03_johns_at_one_company.py": ("johns_at_one_company",
                                   lambda answer, net, st: exercises.judge_johns_at_one_company(answer, _gap(net, st))),
    "04_tenure_first.py": ("tenure_first", lambda answer, net, st: exercises.judge_tenure_weights(answer, net, st)),
    "05_next_reach_out.py": ("maria_due",
                             lambda answer, net, st: exercises.judge_next_reach_out(answer, "2026-03-10", 3)),
    "06_people_you_can_help.py": ("people_you_can_help",
                                  lambda answer, net, st: exercises.judge_people_you_can_help(
                                      answer, _suggestions(net, st))),
}


def _suggestions(network, store):
    """Notebook 06's `suggestions`: from the store's chats (none here, so none; the demo is tested elsewhere)."""
    return helpers.suggest_introductions(_gap(network, store), store.chats())


def test_every_solution_file_is_tested():
    assert sorted(p.name for p in SOLUTIONS.glob("*.py")) == sorted(SOLVED)


def _run_solution(name: str, network, store) -> dict:
    """Run a solution as `%load` would put it in a notebook cell: with the notebook's variables."""
    namespace = {"helpers": helpers, "network": network, "store": store, "gap": _gap(network, store),
                 "suggestions": _suggestions(network, store)}
    exec(compile((SOLUTIONS / name).read_text(), name, "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", sorted(SOLVED))
@pytest.mark.parametrize("tags", ["no tags yet", "some tags"])
def test_each_solution_gives_a_right_answer(name, tags, sample, store):
    if tags == "some tags":
        _rate_some(sample, store)
    variable, judge = SOLVED[name]
    namespace = _run_solution(name, sample, store)
    verdict = judge(namespace[variable], sample, store)
    assert verdict.right, verdict.message


def test_solutions_work_in_screen_share_mode_and_name_nobody_real(tmp_path, monkeypatch, sample):
    monkeypatch.setitem(privacy._settings, "private", True)
    monkeypatch.delenv(workbook.ENV_VARIABLE, raising=False)
    network, _ = helpers.open_network(private_dir=tmp_path / "nothing-here")
    store = helpers.open_store(network, tmp_path / "tags.sqlite")
    shown = network.connections.sort_values("connected_on")["contact_id"]
    store.tag_many(shown.head(5), relationship=1, business=2)
    store.tag_many(shown.tail(5), relationship=3, business=0)
    for name, (variable, judge) in SOLVED.items():
        verdict = judge(_run_solution(name, network, store)[variable], network, store)
        assert verdict.right, (name, verdict.message)
        real_names = [n for n in sample.connections["full_name"].dropna() if n in verdict.message]
        assert not real_names, (name, real_names)
