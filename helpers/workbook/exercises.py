"""The notebooks' exercises: each check says what is right, or what to try next, and never raises.

A notebook exercise is three cells: a prompt, a "your turn" cell (`answer = None  # your turn`)
and a check cell:

    exercises.check_connected_before(before_2015, network)

An untouched "your turn" cell gets "Not answered yet — hint: …"; a wrong answer gets what to
try; a right one says so and what it means for your network. `judge_*` return a `Verdict`
(what the tests use); `check_*` print it (what the notebooks use). Solutions live in
notebooks/solutions/ (`%load solutions/01_before_2015.py`).
"""
import math
import numbers
from dataclasses import asdict, dataclass, fields

import pandas as pd

from ..gap.grid import PriorityWeights, gap_table, prioritise, rated
from ..tags.scales import RELATIONSHIP
from ..tags.tag_store import CADENCE_MONTHS, next_reach_out
from ..base.wording import plural

RIGHT, WRONG, UNANSWERED = "right", "wrong", "unanswered"


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check: right, wrong or unanswered, and the words for the person."""

    status: str
    message: str

    @property
    def right(self) -> bool:
        return self.status == RIGHT

    def __str__(self) -> str:
        return self.message


def _right(message: str) -> Verdict:
    return Verdict(RIGHT, "Right! " + message)


def _wrong(message: str) -> Verdict:
    return Verdict(WRONG, "Not quite: " + message)


def _unanswered(hint: str) -> Verdict:
    return Verdict(UNANSWERED, "Not answered yet — hint: " + hint)


def _printed(judge):
    """A check_* function: print the judge's verdict; any surprise becomes advice, not a traceback."""
    def check(*args, **kwargs) -> None:
        try:
            verdict = judge(*args, **kwargs)
        except Exception as error:  # a check cell must never show a newcomer a traceback
            verdict = _wrong(f"that answer could not be checked ({type(error).__name__}: {error}). "
                             "Look at the hint in the cell above, or at the solution.")
        print(verdict)
    check.__name__ = check.__qualname__ = judge.__name__.replace("judge_", "check_")
    check.__doc__ = f"Print whether the answer is right, or what to try (see `{judge.__name__}`)."
    return check


def _whole_number(answer) -> int | None:
    """An int from 12, 12.0, numpy ints or "12"; None when it is not a whole number."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, str):
        answer = answer.strip().replace(",", "")
        return int(answer) if answer.isdigit() else None
    if isinstance(answer, numbers.Number) and math.isfinite(float(answer)) and float(answer).is_integer():
        return int(answer)
    return None


def _number(value) -> float | None:
    """A finite float from an int or float (not a bool, text or NaN); else None."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        return None
    return float(value)


def _not_a_number(answer) -> Verdict:
    return _wrong(f"the answer should be one whole number, such as 42; got {answer!r} "
                  f"({type(answer).__name__}).")


# -- 00 · how many contacts ------------------------------------------------------------------------
def judge_contact_count(answer, network) -> Verdict:
    """00: how many contacts were loaded? (`len(network.connections)`)."""
    if answer is None:
        return _unanswered("`len(network.connections)` counts the rows of the contacts table, one per contact.")
    number = _whole_number(answer)
    if number is None:
        return _not_a_number(answer)
    total = len(network.connections)
    if number == total:
        return _right(f"{total:,} contacts: that is your first degree, the people who already know you.")
    return _wrong(f"{number:,} is not the number of rows in `network.connections`. "
                  "Try `len(network.connections)`.")


# -- 01 · connected before 2015 --------------------------------------------------------------------
def connected_before(network, year: int = 2015) -> int:
    """How many contacts you connected with before 1 January of `year`."""
    return int((network.connections["connected_on"] < pd.Timestamp(year=year, month=1, day=1)).sum())


def judge_connected_before(answer, network, year: int = 2015) -> Verdict:
    """01: how many contacts did you connect with before `year`?"""
    if answer is None:
        return _unanswered(f'`network.connections["connected_on"] < "{year}-01-01"` is True for each contact '
                           "connected before then; add up the Trues with `.sum()`.")
    number = _whole_number(answer)
    if number is None:
        return _not_a_number(answer)
    right = connected_before(network, year)
    if number == right:
        share = right / len(network.connections) if len(network.connections) else 0
        return _right(f"{plural(right, 'contact')} ({share:.0%}) go back before {year}: people who have "
                      "known you for years. Reconnecting with them costs a coffee, not months.")
    if number == connected_before(network, year + 1):
        return _wrong(f"that count includes {year} itself. Use `<` with 1 January {year}.")
    if number == len(network.connections):
        return _wrong("that is every contact. Keep only those whose `connected_on` is before "
                      f"1 January {year}.")
    return _wrong(f"count the contacts whose `connected_on` is before 1 January {year}; "
                  "the tenure chart above shows the long bands to compare with.")


# -- 02 · how many you have rated ------------------------------------------------------------------
def rated_both_counts(network, store) -> set[int]:
    """Accepted answers: people rated on both scales in this network, or in the whole store."""
    tags = store.current()
    both = tags["relationship"].notna() & tags["business"].notna()
    here = both & tags.index.isin(network.connections["contact_id"])
    return {int(here.sum()), int(both.sum())}


def judge_rated_count(answer, network, store, goal: int = 5) -> Verdict:
    """02: rate at least `goal` people, then count how many you rated on both scales."""
    if answer is None:
        return _unanswered("`store.current()` has one row per person you rated; count the rows where both "
                           '`["relationship"]` and `["business"]` are filled in (`.notna()`).')
    number = _whole_number(answer)
    if number is None:
        return _not_a_number(answer)
    accepted = rated_both_counts(network, store)
    if number not in accepted:
        tagged = len(store.current())
        tip = (" That counts people with at least one rating: count only those with both."
               if number == tagged else "")
        return _wrong(f"you have rated {max(accepted):,} on both scales, not {number:,}.{tip} "
                      "Tagged more since you counted? Run your count again.")
    if number < goal:
        return _right(f"{number:,} so far. Rate {plural(goal - number, 'more person')} with the tagger above "
                      f"(both scales each), then run your count and this check again.")
    return _right(f"{number:,} people rated on both scales. Each honest business rating shows you where "
                  "a John might be hiding.")


# -- 03 · Johns at one company ---------------------------------------------------------------------
def johns_at_top_company(gap: pd.DataFrame) -> int:
    """The most Johns at any one (listed) company; 0 when you have no Johns yet."""
    johns = gap[gap["is_john"].to_numpy(dtype=bool)]
    per_company = johns["company"].dropna().value_counts()
    return int(per_company.iloc[0]) if len(per_company) else 0


def judge_johns_at_one_company(answer, gap: pd.DataFrame) -> Verdict:
    """03: how many Johns work at the company with the most of them?"""
    if answer is None:
        return _unanswered('`gap[gap["is_john"]]["company"].value_counts()` counts Johns per company, '
                           "largest first (or read the first bar of the chart above).")
    number = _whole_number(answer)
    if number is None:
        return _not_a_number(answer)
    right = johns_at_top_company(gap)
    johns = int(gap["is_john"].sum())
    if number == right:
        if not johns:
            return _right("0: no Johns yet" + ("" if len(rated(gap)) else ", because nobody is rated yet")
                          + ". Rate the people you like or trust in 02-tag-know-like-trust.ipynb, then "
                          "come back.")
        if right == 1:
            return _right("1: your Johns are spread out, one per company, so every coffee chat teaches you "
                          "a new business.")
        return _right(f"{right:,} Johns at one company. Learn what that company does in one coffee chat, "
                      "and you understand all of them at once.")
    if number == johns:
        return _wrong(f"{number:,} is all your Johns. Count only those at the company with the most of them.")
    no_company = int(gap.loc[gap["is_john"].to_numpy(dtype=bool), "company"].isna().sum())
    if no_company and number == no_company:
        return _wrong("those Johns list no company at all. Count the Johns at a company that is named.")
    return _wrong("look at the first bar of the Johns-by-company chart above, or count with "
                  '`gap[gap["is_john"]]["company"].value_counts()`.')


# -- 04 · tenure first -----------------------------------------------------------------------------
def judge_tenure_weights(answer, network, store) -> Verdict:
    """04: PriorityWeights in which tenure counts most; says who moves up your list."""
    if answer is None:
        return _unanswered("`helpers.PriorityWeights(tenure=...)` with tenure larger than the other three "
                           f"weights ({_weights_text(PriorityWeights())}).")
    if not isinstance(answer, PriorityWeights):
        return _wrong(f"the answer should be `helpers.PriorityWeights(...)`; got {type(answer).__name__}.")
    weights = asdict(answer)
    not_numbers = [name for name, value in weights.items() if _number(value) is None]
    if not_numbers:
        return _wrong(f"every weight should be a number, such as 5.0; look at `{not_numbers[0]}`.")
    rivals = {name: value for name, value in weights.items() if name != "tenure" and value >= answer.tenure}
    if rivals:
        name, value = max(rivals.items(), key=lambda item: item[1])
        return _wrong(f"`{name}` still counts as much or more ({value:g} against tenure's {answer.tenure:g}). "
                      "Raise tenure above every other weight.")
    return _right("tenure counts most now. " + who_moves_up(gap_table(network, store), answer))


def who_moves_up(gap: pd.DataFrame, weights: PriorityWeights, shown: int = 3) -> str:
    """"Moving up your list: Ana Lee (14 → 12), ...": the default ranking against `weights`.

    Johns stay first whatever the weights, so people climb within the Johns or within the rest:
    the whole list is compared, not just its top."""
    before = _ranks(prioritise(gap))
    if before.empty:
        return ("Nobody is rated yet, so there is no list to reorder: rate people in "
                "02-tag-know-like-trust.ipynb and run this again.")
    after = _ranks(prioritise(gap, weights))
    climb = (before.reindex(after.index) - after).sort_values(ascending=False, kind="stable")
    movers = [f"{gap.at[cid, 'full_name']} ({before[cid]} → {after[cid]})" for cid in climb.index[:shown]
              if climb[cid] > 0]
    if not movers:
        return "Everyone keeps their place: rate more people you have known for years to see a change."
    return ("Moving up your list: " + ", ".join(movers) + ". Long-standing trust, waiting to be used. "
            "(Your Johns stay first: the weights order people within the Johns and within everyone else.)")


def _ranks(ranked: pd.DataFrame) -> pd.Series:
    return pd.Series(range(1, len(ranked) + 1), index=ranked.index)


def _weights_text(weights: PriorityWeights) -> str:
    return ", ".join(f"{f.name} {getattr(weights, f.name):g}" for f in fields(weights))


# -- 05 · when is a catch-up due -------------------------------------------------------------------
def judge_next_reach_out(answer, last_chat="2026-03-10", relationship: int = 3,
                         cadence: dict = CADENCE_MONTHS) -> Verdict:
    """05: the day to reach out again after a chat on `last_chat`, for someone at `relationship`."""
    tier = RELATIONSHIP[relationship].lower()
    if answer is None:
        return _unanswered("`helpers.CADENCE_MONTHS` maps each relationship (3 trust, 2 like, 1 know) to the "
                           "months between catch-ups: count that many months on from the chat, by hand or with "
                           "`helpers.next_reach_out(day, relationship)`.")
    try:
        day = pd.Timestamp(answer)
    except (TypeError, ValueError):
        day = pd.NaT
    if pd.isna(day) or isinstance(answer, (bool, numbers.Number)):
        return _wrong(f"write the answer as a date, such as \"2026-12-01\"; got {answer!r}.")
    right = pd.Timestamp(next_reach_out(last_chat, relationship, cadence))
    day = day.normalize()
    if day == right:
        return _right(f"{right:%d %B %Y}: {cadence[relationship]} months after the chat, the {tier} tier's "
                      "cadence. Not transactional, just deliberate: the list reminds you, you do the rest.")
    for other, months in cadence.items():
        if other != relationship and day == pd.Timestamp(last_chat) + pd.DateOffset(months=months):
            return _wrong(f"that is {months} months later, the cadence for {RELATIONSHIP[other].lower()} "
                          f"({other}). This person is at {relationship}.")
    return _wrong(f"start from the chat on {pd.Timestamp(last_chat):%d %B %Y} and add the {tier} tier's months "
                  "from `helpers.CADENCE_MONTHS`.")


# -- 06 · people you can help with an introduction -------------------------------------------------
def people_in_introductions(suggestions: pd.DataFrame) -> int:
    """How many different people appear in at least one suggested introduction."""
    if suggestions.empty:
        return 0
    return len(set(suggestions["needs_id"]) | set(suggestions["offers_id"]))


def judge_people_you_can_help(answer, suggestions: pd.DataFrame) -> Verdict:
    """06: how many different people are in at least one suggested introduction?"""
    if answer is None:
        return _unanswered('each suggestion has two people, `suggestions["needs_id"]` and '
                           '`suggestions["offers_id"]`; count the different ids in both columns together '
                           "(`set(...) | set(...)`), or count the names in the table above by hand.")
    number = _whole_number(answer)
    if number is None:
        return _not_a_number(answer)
    right = people_in_introductions(suggestions)
    if number == right:
        if not right:
            return _right("0: no introductions to suggest yet. Log coffee chats in 05-coffee-chats.ipynb, with "
                          "what each person is looking for, then come back.")
        return _right(f"{plural(right, 'person')} you can help with one message each. Each of them knows a few "
                      "hundred more: this is how the network compounds.")
    if number == 2 * len(suggestions) and number != right:
        return _wrong("some people are in more than one suggestion: count each person once.")
    if number == len(suggestions):
        return _wrong("that is the number of suggestions; each has two people, and some appear twice.")
    return _wrong("count the different people in the `who_needs` and `who_offers` columns together.")


check_contact_count = _printed(judge_contact_count)
check_connected_before = _printed(judge_connected_before)
check_rated_count = _printed(judge_rated_count)
check_johns_at_one_company = _printed(judge_johns_at_one_company)
check_tenure_weights = _printed(judge_tenure_weights)
check_next_reach_out = _printed(judge_next_reach_out)
check_people_you_can_help = _printed(judge_people_you_can_help)
