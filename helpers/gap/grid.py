"""The gap: where each rated contact sits on the 4×4 grid, who the Johns are, and who to call first.

A John is relationship ≥ 2 (like, trust) and business knowledge ≤ 1 (no idea, company or
title only). Untagged contacts are unknown: they are counted nowhere and never ranked.
"""
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..tags.scales import BUSINESS, RELATIONSHIP, is_john
from ..tags.tag_store import CADENCE_MONTHS, STATUSES
from ..base.wording import duration, time_ago

PEOPLE_COLUMNS = ["first_name", "full_name", "company", "position", "profile_url", "email", "connected_on"]
JOHN_TIES = {3: "you trust them", 2: "you like them"}  # a John's relationship, in the words of `why`
SIGNAL_COLUMNS = ["messages_sent", "messages_received", "last_message_at", "endorsements_received",
                  "endorsements_given", "recommendations_received", "recommendations_given"]


def gap_table(network, store, today=None, cadence: dict = CADENCE_MONTHS) -> pd.DataFrame:
    """One row per contact: who they are, your ratings, the export's signals, last contact, next step.

    Tags follow people into this network first (`store.follow`: a newer export changed their id);
    `gap.attrs["tags_not_found"]` counts tagged people it still cannot show, and
    `gap.attrs["tags_note"]` says what to do about them (None when there are none)."""
    today = _today(today)
    followed = store.follow(network)
    people = network.connections.set_index("contact_id")[PEOPLE_COLUMNS]
    gap = people.join(network.signals[SIGNAL_COLUMNS])
    tags = store.current().reindex(gap.index)
    gap["years_connected"] = years_since(gap["connected_on"], today)
    gap["relationship"] = tags["relationship"].astype("Int64")
    gap["business"] = tags["business"].astype("Int64")
    gap["note"], gap["status"], gap["contexts"] = tags["note"], tags["status"], tags["contexts"]
    gap["tagged"] = (gap["relationship"].notna() | gap["business"].notna()).to_numpy(dtype=bool)
    gap["is_john"] = is_john(gap["relationship"], gap["business"]).to_numpy()
    _add_last_contact(gap, store.chats())
    gap["next_step_due"] = next_steps(gap["last_contact"], gap["relationship"], cadence)
    gap["quadrant"] = _quadrants(gap)
    gap.attrs.update(tags_not_found=followed.not_found, tags_note=followed.not_found_note())
    return gap


def _today(today) -> pd.Timestamp:
    return pd.Timestamp(today if today is not None else pd.Timestamp.now()).normalize()


def years_since(dates: pd.Series, today=None) -> pd.Series:
    """Years from each date to today (NaN where the date is unknown)."""
    return (_today(today) - dates).dt.days / 365.25


def _add_last_contact(gap: pd.DataFrame, chats: pd.DataFrame) -> None:
    last_chat = chats.groupby("contact_id")["on"].max() if len(chats) else pd.Series(dtype="datetime64[ns]")
    gap["last_chat_on"] = last_chat.reindex(gap.index).astype("datetime64[ns]")
    message, chat = gap["last_message_at"].dt.normalize(), gap["last_chat_on"]
    gap["last_contact"] = pd.concat([message, chat], axis=1).max(axis=1).astype("datetime64[ns]")
    source = np.where(chat.notna() & (chat >= message.fillna(pd.Timestamp.min)), "coffee chat",
                      np.where(message.notna(), "message", None))
    gap["last_contact_source"] = pd.Series(source, index=gap.index, dtype=object).where(gap["last_contact"].notna())


def next_steps(last_contact: pd.Series, relationship: pd.Series, cadence: dict = CADENCE_MONTHS) -> pd.Series:
    """Last contact plus the tier's cadence (trust 3 months, like 6, know 12); NaT when unknown."""
    due = pd.Series(pd.NaT, index=last_contact.index, dtype="datetime64[ns]")
    for tier, months in cadence.items():
        rows = (relationship == tier).fillna(False).to_numpy(dtype=bool) & last_contact.notna().to_numpy()
        due[rows] = last_contact[rows] + pd.DateOffset(months=months)
    return due


def _quadrants(gap: pd.DataFrame) -> pd.Series:
    rated = gap["relationship"].notna() & gap["business"].notna()
    names = [f"{RELATIONSHIP[int(r)]} · {BUSINESS[int(b)]}" for r, b in
             zip(gap.loc[rated, "relationship"], gap.loc[rated, "business"])]
    return pd.Series(names, index=gap.index[rated.to_numpy(dtype=bool)], dtype=object).reindex(gap.index)


def rated(gap: pd.DataFrame) -> pd.DataFrame:
    """Contacts rated on both scales (the only ones on the grid)."""
    return gap[(gap["relationship"].notna() & gap["business"].notna()).to_numpy(dtype=bool)]


def grid_counts(gap: pd.DataFrame) -> pd.DataFrame:
    """4×4 counts: relationship 3→0 down the side, business 0→3 across."""
    both = rated(gap)
    counts = pd.crosstab(both["relationship"].astype(int), both["business"].astype(int))
    counts = counts.reindex(index=[3, 2, 1, 0], columns=[0, 1, 2, 3], fill_value=0).astype(int)
    counts.index.name, counts.columns.name = "relationship", "business"
    return counts


def cell_people(gap: pd.DataFrame, relationship: int, business: int) -> pd.DataFrame:
    """The people in one cell of the grid, longest known first."""
    both = rated(gap)
    cell = both[(both["relationship"] == relationship).to_numpy(dtype=bool) & (both["business"] == business).to_numpy(dtype=bool)]
    columns = ["full_name", "company", "position", "years_connected", "last_contact"]
    return cell.sort_values(["years_connected", "full_name"], ascending=[False, True], kind="stable")[columns]


@dataclass(frozen=True)
class PriorityWeights:
    """How much each reason counts when ranking who to reconnect with first."""

    relationship: float = 3.0     # trust before like before know
    business_gap: float = 3.0     # the less you know what they do, the more to learn
    since_contact: float = 2.0    # longer since you were last in touch (5+ years counts fully)
    tenure: float = 1.0           # a 20-year relationship is not "new"


def prioritise(gap: pd.DataFrame, weights: PriorityWeights = PriorityWeights(), today=None,
               johns_first: bool = True) -> pd.DataFrame:
    """Rated contacts you know (≥ 1) with something to learn (business ≤ 2), best first, each with a why.

    Your Johns come first (they already know, like and trust you: the cheapest, most valuable call);
    the weights order people within the Johns, then within everyone else. `johns_first=False`: by score alone."""
    today = _today(today)
    both = rated(gap)
    pool = both[((both["relationship"] >= 1) & (both["business"] <= 2)).to_numpy(dtype=bool)].copy()
    pool["is_john"] = is_john(pool["relationship"], pool["business"]).to_numpy(dtype=bool)
    years_since = ((today - pool["last_contact"]).dt.days / 365.25).fillna(pool["years_connected"])
    parts = {
        "relationship": pool["relationship"].astype(float) / 3,
        "business_gap": (3 - pool["business"].astype(float)) / 3,
        "since_contact": (years_since / 5).clip(0, 1),
        "tenure": (pool["years_connected"] / 20).clip(0, 1),
    }
    total = sum(asdict(weights).values()) or 1.0
    pool["score"] = sum(getattr(weights, name) * part for name, part in parts.items()) / total
    pool["why"] = [why(row, today) for row in pool.itertuples()]
    order = ["is_john"] * johns_first + ["score", "years_connected", "full_name"]
    return pool.sort_values(order, ascending=[False] * johns_first + [False, False, True], kind="stable")


def why(row, today: pd.Timestamp) -> str:
    """"Like · connected 9 years · last message 3 years ago · you know what they do, not yet how to help each other";
    a John leads with it: "A John: you trust them, and you can't say what Harborline does · connected 18 years · ..."."""
    relationship, gap = int(row.relationship), _gap_phrase(int(row.business), row.company)
    if row.is_john:
        parts = [f"A John: {JOHN_TIES[relationship]}, and {gap}"]
    else:
        parts = [RELATIONSHIP[relationship]]
    parts.append(f"connected {duration(row.years_connected)}")
    if pd.isna(row.last_contact):
        parts.append("no messages in your export")
    else:
        kind = "coffee chat" if row.last_contact_source == "coffee chat" else "last message"
        parts.append(f"{kind} {time_ago(row.last_contact, today)}")
    if not row.is_john:
        parts.append(gap)
    return " · ".join(parts)


def _gap_phrase(business: int, company) -> str:
    where = company if isinstance(company, str) and company else None
    if business == 0:
        return f"you can't say what {where} does" if where else "you don't know what they do"
    if business == 1:
        return f"you know the name {where}, not what they do" if where else "you know their title, not what they do"
    return "you know what they do, not yet how to help each other"


def due_for_reach_out(gap: pd.DataFrame, today=None) -> pd.DataFrame:
    """Your losing-touch list: people you know whose next reach-out by their tier is due, most overdue first."""
    today = _today(today)
    due = gap[(gap["next_step_due"] <= today).to_numpy(dtype=bool)]
    due = due.assign(overdue_by=[time_ago(day, today) for day in due["next_step_due"]])
    columns = ["full_name", "company", "relationship", "last_contact", "last_contact_source", "next_step_due", "overdue_by"]
    return due.sort_values(["next_step_due", "full_name"], kind="stable")[columns].reset_index(drop=True)


def pipeline_people(gap: pd.DataFrame) -> pd.DataFrame:
    """Everyone with a coffee-chat status, in pipeline order (planned first)."""
    staged = gap[gap["status"].notna().to_numpy(dtype=bool)]
    order = staged["status"].map({status: i for i, status in enumerate(STATUSES)})
    columns = ["full_name", "company", "status", "last_contact", "next_step_due"]
    return staged.assign(step=order).sort_values(["step", "full_name"], kind="stable")[columns].reset_index(drop=True)
