"""What the export's signals suggest about a contact: a closeness score, a suggested relationship, "3 years ago".

Pure functions, no widgets: the tagger orders its cards by `closeness_scores` and shows
`suggest_relationship` as a hint. A suggestion is never a tag: only the person decides.
Dates are measured from `as_of` (see `default_as_of`), so the phrasing is stable in tests.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..base.wording import plural, times

from ..tags.scales import label

# Weights of the closeness score. Talking both ways is the strongest sign of knowing someone;
# a recommendation is rare and deliberate; tenure only breaks ties between quiet contacts.
WEIGHT_TWO_WAY = 2.0        # x log(1 + messages in the quieter direction)
WEIGHT_SENT = 0.5           # x log(1 + messages you sent): you reached out
WEIGHT_RECENCY = 2.0        # x 1 for a conversation today, fading: 1 / (1 + years since / 2)
WEIGHT_ENDORSEMENTS = 0.7   # x log(1 + endorsements either way)
WEIGHT_RECOMMENDATION = 2.5  # once, if either of you recommended the other
WEIGHT_INVITATION_NOTE = 0.7
WEIGHT_TENURE = 0.3         # x log(1 + years connected)

LIKE_MESSAGES = 20          # this many messages, both ways, suggests "Like"
FADED_YEARS = 8             # ... unless the last one is older than this: then "Know"
DAYS_PER_YEAR = 365.25


def default_as_of(export_date: date | None) -> pd.Timestamp:
    """Today, or the export's date if that is later (the sample network is dated ahead)."""
    today = pd.Timestamp.today().normalize()
    return max(today, pd.Timestamp(export_date)) if export_date else today


def closeness_scores(signals: pd.DataFrame, connected_on: pd.Series, as_of) -> pd.Series:
    """How likely you know each contact, from the export alone (higher = more likely). Vectorised.

    `signals` is `network.signals`; `connected_on` is indexed like it (missing dates count as new).
    """
    sent, received = signals["messages_sent"], signals["messages_received"]
    two_way = np.minimum(sent, received)
    as_of = pd.Timestamp(as_of)
    years_since = (as_of - signals["last_message_at"]).dt.days.clip(lower=0) / DAYS_PER_YEAR
    # Only a conversation is recent contact: a recruiter's unanswered pitch last week is not.
    recency = (1 / (1 + years_since / 2)).fillna(0.0).where(two_way > 0, 0.0)
    tenure = ((as_of - connected_on.reindex(signals.index)).dt.days.clip(lower=0) / DAYS_PER_YEAR).fillna(0.0)
    recommended = (signals["recommendations_received"] + signals["recommendations_given"]) > 0
    score = (WEIGHT_TWO_WAY * np.log1p(two_way)
             + WEIGHT_SENT * np.log1p(sent)
             + WEIGHT_RECENCY * recency
             + WEIGHT_ENDORSEMENTS * np.log1p(signals["endorsements_received"] + signals["endorsements_given"])
             + WEIGHT_RECOMMENDATION * recommended
             + WEIGHT_INVITATION_NOTE * signals["invitation_note"].astype(bool)
             + WEIGHT_TENURE * np.log1p(tenure))
    return score.astype(float).rename("closeness")


@dataclass(frozen=True)
class Suggestion:
    """A suggested relationship (0–3) and the plain-words reason for it."""

    relationship: int
    reason: str

    def __str__(self) -> str:
        return f"Suggested: {label('relationship', self.relationship)} — {self.reason}"


def suggest_relationship(signals: Mapping, as_of, has_messages: bool = True) -> Suggestion | None:
    """A hint from one contact's signals (a row of `network.signals`); None when the export can't tell.

    A conversation counts as faded when its last message is more than FADED_YEARS before `as_of`.
    `has_messages` is False for a Basic export: no messages there means nothing, so no hint.
    """
    sent, received = int(signals["messages_sent"]), int(signals["messages_received"])
    recommendation = _recommendation_reason(int(signals["recommendations_given"]),
                                            int(signals["recommendations_received"]))
    if recommendation:
        return Suggestion(3, recommendation)
    if sent and received:
        return _suggest_from_conversation(sent + received, signals["last_message_at"], pd.Timestamp(as_of))
    endorsement = _endorsement_reason(int(signals["endorsements_given"]), int(signals["endorsements_received"]))
    if endorsement:
        return Suggestion(1, endorsement)
    if bool(signals["invitation_note"]):
        return Suggestion(1, "the invitation between you carried a personal note")
    if sent or received:
        one_way = (f"{plural(sent, 'message')} from you, none back" if sent
                   else f"{plural(received, 'message')} from them, none from you")
        return Suggestion(0, one_way)
    if has_messages:
        return Suggestion(0, "no messages, endorsements or recommendations in your export")
    return None


def _suggest_from_conversation(total: int, last_message_at, as_of: pd.Timestamp) -> Suggestion:
    last = pd.Timestamp(last_message_at) if not pd.isna(last_message_at) else None
    when = f", last in {last.year}" if last is not None else ""
    exchanged = f"you exchanged {plural(total, 'message')}{when}"
    if total < LIKE_MESSAGES:
        return Suggestion(1, exchanged)
    if last is not None and (as_of - last).days > FADED_YEARS * DAYS_PER_YEAR:
        return Suggestion(1, f"you exchanged {plural(total, 'message')}, but the last was in {last.year}")
    return Suggestion(2, exchanged)


def _recommendation_reason(given: int, received: int) -> str | None:
    if given and received:
        return "you recommended each other"
    if given:
        return "you wrote them a recommendation"
    if received:
        return "they wrote you a recommendation"
    return None


def _endorsement_reason(given: int, received: int) -> str | None:
    if given and received:
        return "you endorsed each other"
    if given:
        return f"you endorsed them {times(given)}"
    if received:
        return f"they endorsed you {times(received)}"
    return None
