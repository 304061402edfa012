"""The reconnect list: who to call first, why, and what to say."""
import pandas as pd

from .grid import PriorityWeights, gap_table, prioritise
from ..tags.scales import label
from ..tags.tag_store import CADENCE_MONTHS

COLUMNS = ["rank", "contact_id", "full_name", "company", "position", "profile_url", "email", "relationship",
           "business", "connected_on", "years_connected", "last_contact", "why", "opener", "status", "next_step_due"]


def reconnect_list(network, store, top: int | None = None, weights: PriorityWeights | None = None,
                   today=None, cadence: dict = CADENCE_MONTHS, johns_first: bool = True) -> pd.DataFrame:
    """Ranked people to reconnect with, your Johns first (see docs/gap-contract.md); empty when nobody is rated yet.

    `listing.attrs["tags_note"]` says when tagged people could not be found in this network (see `gap_table`)."""
    gap = gap_table(network, store, today=today, cadence=cadence)
    ranked = prioritise(gap, weights or PriorityWeights(), today=today, johns_first=johns_first)
    if top is not None:
        ranked = ranked.head(top)
    listing = ranked.reset_index()
    listing["rank"] = range(1, len(listing) + 1)
    listing["opener"] = [opener(row) for row in listing.itertuples()]
    listing["relationship"] = [label("relationship", v) for v in listing["relationship"]]
    listing["business"] = [label("business", v) for v in listing["business"]]
    listing["years_connected"] = listing["years_connected"].round().astype("Int64")
    for column in ("connected_on", "last_contact", "next_step_due"):
        listing[column] = listing[column].dt.date.astype(object).where(listing[column].notna(), None)
    listing = listing.reindex(columns=COLUMNS)
    listing.attrs.update(gap.attrs)
    return listing


def opener(row) -> str:
    """A first line to send and three questions for the chat, aimed at what you don't know yet."""
    first = row.first_name if isinstance(row.first_name, str) and row.first_name else "there"
    company = row.company if isinstance(row.company, str) and row.company else None
    at = f" at {company}" if company else ""
    if int(row.business) <= 1:
        line = (f"Hi {first}, it's been too long! I realised I've never properly asked what you do{at}. "
                "Coffee or a call in the next couple of weeks?")
        first_question = f"What does {company} actually do, and for whom?" if company else "What do you actually do, and for whom?"
    else:
        line = (f"Hi {first}, it's been a while! I'd love to hear what you're working on{at} these days "
                "and how I could be useful. Coffee or a call soon?")
        first_question = "What does a great new client or project look like for you right now?"
    questions = [first_question, "Who would be a great introduction for you?", "How could I help you this year?"]
    return line + "\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
