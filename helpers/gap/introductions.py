"""The introductions your network can make.

    can_you_introduce(gap, "Acme", chats)    # what you can honestly say about them, and who is there
    suggest_introductions(gap, chats)        # who should meet whom, each with a reason and two draft notes

"Can you introduce me to John?" deserves an honest answer: how well you know him, whether you
could say what he does, when you were last in touch, and the next step ("you trust him but can't
say what he does: have the coffee chat first"). Introductions are double opt-in: a note to each
person asking whether they'd like it, before any joint message.
"""
from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from ..base.places import place
from ..base.wording import plural, time_ago
from ..tags.contexts import parse_contexts
from ..tags.scales import label
from .grid import _today
from .matchmaking import MIN_SCORE, stem, suggest_pairs

STALE_YEARS = 2  # longer than this since you were in touch: reconnect before asking a favour
SUGGESTION_COLUMNS = ["who_needs", "who_offers", "reason", "score", "both_ways", "note_to_who_needs",
                      "note_to_who_offers", "needs_id", "offers_id"]
THERE_COLUMNS = ["full_name", "company", "position", "relationship", "business", "where_from", "last_contact", "found_in"]
THERE_HEADINGS = {"full_name": "name", "where_from": "where from", "last_contact": "last in touch",
                  "found_in": "found in"}
SEARCHED = {"company": "company", "position": "position", "what_they_do": "what they do (your chats)",
            "note": "your note"}


UNDECOMPOSED = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th", "ı": "i"})


def _fold(text) -> str:
    """Lower case without accents, for matching what a person types against what strangers wrote."""
    if not isinstance(text, str):
        return ""
    if text.isascii():  # most names and companies: nothing to decompose
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(UNDECOMPOSED))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _fold_column(texts: pd.Series) -> pd.Series:
    """`_fold` of every cell, each distinct text folded once (companies and titles repeat a lot)."""
    return texts.map({text: _fold(text) for text in texts.dropna().unique()}).astype(object).fillna("")


def _first_name(row) -> str:
    """`row`: a contact as a Series or a dict; its first name, else the first word of its name."""
    first, name = row.get("first_name"), row.get("full_name")
    if isinstance(first, str) and first.strip():
        return first.strip()
    return name.split()[0] if isinstance(name, str) and name.split() else "them"


# -- "Can you introduce me to ...?" ---------------------------------------------------------------
@dataclass
class Standing:
    """What you can honestly say about one person, and the next step."""

    contact_id: str
    name: str
    company: str | None
    relationship: str
    business: str
    where_from: list[str]
    last_in_touch: str
    next_step: str

    def __str__(self) -> str:
        work = f" ({self.company})" if self.company else ""
        where = f"; you know them from: {', '.join(self.where_from)}" if self.where_from else ""
        return (f"{self.name}{work}: how well you know them: {self.relationship}; their business: {self.business}"
                f"{where}; last in touch: {self.last_in_touch}.\n  Next step: {self.next_step}")


def standing(gap: pd.DataFrame, contact_id: str, today=None) -> Standing:
    """How well you know one contact of `gap` (a `gap_table`), and what to do before introducing them."""
    row = gap.loc[contact_id]
    today = _today(today)
    ago = time_ago(row["last_contact"], today)
    kind = "a coffee chat" if row.get("last_contact_source") == "coffee chat" else "a message"
    last = f"{kind} {ago}" if ago else "no message or chat on record"
    company = row["company"] if isinstance(row["company"], str) and row["company"].strip() else None
    return Standing(contact_id, str(row["full_name"]), company, label("relationship", row["relationship"]),
                    label("business", row["business"]), parse_contexts(row.get("contexts")), last,
                    next_step(row, today))


def next_step(row, today) -> str:
    """The honest next step before introducing this person, in plain words."""
    first = _first_name(row)
    relationship, business = row["relationship"], row["business"]
    if pd.isna(relationship):
        return (f"You haven't rated {first} yet: decide how well you know them ({place('rate')}) before you "
                "promise an introduction.")
    relationship = int(relationship)
    if relationship == 0:
        return f"You don't really know {first}: say so. You could pass a note on, but don't vouch for them."
    if relationship == 1:
        step = f"You know {first}, but not well: offer to pass a message on rather than vouch."
    elif pd.isna(business) or int(business) <= 1:
        step = (f"You {'trust' if relationship == 3 else 'like'} {first} but can't say what they do: "
                "have the coffee chat first, then introduce.")
    elif int(business) == 2:
        step = f"You can say what {first} does: ask {first} whether they'd welcome the introduction, then make it."
    else:
        step = (f"You know what a good introduction is for {first}: ask them first (double opt-in), "
                "then introduce.")
    years = (today - row["last_contact"]).days / 365.25 if pd.notna(row["last_contact"]) else None
    if years is None or years > STALE_YEARS:
        since = f"It's been {time_ago(row['last_contact'], today).removesuffix(' ago')}" if years else \
            "There's no recent contact on record"
        step += f" {since}: reconnect before you ask a favour."
    return step


def _best_known_first(people: pd.DataFrame) -> pd.DataFrame:
    return people.sort_values(["relationship", "business", "last_contact", "full_name"],
                              ascending=[False, False, False, True], na_position="last", kind="stable")


def name_matches(gap: pd.DataFrame, query: str) -> pd.Index:
    """Contacts whose name has every word of `query` as the start of one of its words ("jo sm" finds John Smith)."""
    words = _fold(query).split()
    if not words:
        return gap.index[:0]
    names = _fold_column(gap["full_name"]).str.split()
    hits = names.map(lambda parts: all(any(p.startswith(w) for p in parts) for w in words))
    return gap.index[hits.to_numpy(dtype=bool)]


def who_is_there(gap: pd.DataFrame, word: str, chats: pd.DataFrame | None = None) -> pd.DataFrame:
    """People at a company or in a line of work ("Acme", "logistics"), best-known first.

    Searched: company, position, your note and, from your coffee chats, what they do. Words match by their stem ("warehousing" finds "warehouse"), accents ignored.
    """
    stems = [stem(w) for w in _fold(word).split()]
    if not stems:
        return pd.DataFrame(columns=THERE_COLUMNS)
    texts = _searchable(gap, chats)
    found = pd.Series([[] for _ in range(len(gap))], index=gap.index, dtype=object)
    for column, text in texts.items():
        hits = text.map(lambda t: all(s in t for s in stems)).to_numpy(dtype=bool)
        for contact_id in gap.index[hits]:
            found[contact_id].append(SEARCHED[column])
    people = gap[found.map(bool).to_numpy(dtype=bool)].copy()
    people["found_in"] = found[people.index].map(", ".join)
    people["where_from"] = people["contexts"].map(lambda v: ", ".join(parse_contexts(v)))
    people = _best_known_first(people)
    people["relationship"] = people["relationship"].map(lambda v: label("relationship", v))
    people["business"] = people["business"].map(lambda v: label("business", v))
    return people[THERE_COLUMNS]


def _searchable(gap: pd.DataFrame, chats: pd.DataFrame | None) -> dict[str, pd.Series]:
    texts = {column: _fold_column(gap[column]) for column in ("company", "position", "note")}
    if chats is not None and len(chats) and "what_they_do" in chats:  # what they do, not what they look for
        joined = chats.groupby("contact_id")["what_they_do"].agg(lambda s: " ".join(s.dropna().astype(str)))
        texts["what_they_do"] = _fold_column(joined.reindex(gap.index))
    return texts


@dataclass
class IntroductionAnswer:
    """The answer to "Can you introduce me to ...?": the people of that name, and who is there or does that."""

    query: str
    people: list[Standing] = field(default_factory=list)
    there: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=THERE_COLUMNS))

    def __str__(self) -> str:
        lines = [f"Can you introduce me to {self.query!r}?"]
        if self.people:
            lines += [str(person) for person in self.people]
        if len(self.there):
            lines.append(f"{plural(len(self.there), 'person')} in your network at or doing {self.query!r}, "
                         "best-known first:")
            lines += [f"  {row.full_name} · {row.company if isinstance(row.company, str) else '—'} · "
                      f"{row.relationship} · {row.business}" for row in self.there.head(10).itertuples()]
        if not self.people and not len(self.there):
            lines.append(f"No one in your network matches {self.query!r}: not by name, company, position, your "
                         "notes or your coffee chats. Try a shorter word, or another spelling.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        parts = [f"<p><b>Can you introduce me to “{html.escape(self.query)}”?</b></p>"]
        for person in self.people:
            text = html.escape(str(person)).replace("\n", "<br>")
            parts.append(f'<div style="background:#e7f1fb;color:#111;padding:8px 12px;border-radius:6px;'
                         f'margin:4px 0">{text}</div>')
        if len(self.there):
            parts.append(f"<p>{html.escape(plural(len(self.there), 'person'))} at or doing "
                         f"“{html.escape(self.query)}”, best-known first:</p>")
            table = self.there.head(20).rename(columns=THERE_HEADINGS)
            table["last in touch"] = table["last in touch"].map(lambda d: f"{d:%b %Y}" if pd.notna(d) else "—")
            parts.append(table.to_html(index=False, escape=True, na_rep="—"))
        if not self.people and not len(self.there):
            parts.append(f"<p>{html.escape(str(self).splitlines()[-1])}</p>")
        return "".join(parts)


def can_you_introduce(gap: pd.DataFrame, query: str, chats: pd.DataFrame | None = None,
                      today=None, limit: int = 5) -> IntroductionAnswer:
    """A name, a company or a word: what you can honestly say, and who in your network is there."""
    if not isinstance(query, str) or not query.strip():
        raise ValueError("Type a name, a company or a word, such as \"Acme\" or \"logistics\"; got nothing.")
    named = name_matches(gap, query)
    people = [standing(gap, cid, today) for cid in _best_known_first(gap.loc[named]).index[:limit]]
    there = who_is_there(gap, query, chats)
    return IntroductionAnswer(query.strip(), people, there.drop(index=named, errors="ignore"))


# -- who should meet whom -------------------------------------------------------------------------
def suggest_introductions(gap: pd.DataFrame, chats: pd.DataFrame, min_score: float = MIN_SCORE,
                          top: int | None = None) -> pd.DataFrame:
    """Pairs of people you like or trust where one's need meets the other's offer, best first.

    Each row: `who_needs`, `who_offers`, `reason` (the matching words), `score`, `both_ways`, and two
    draft notes asking each whether they'd like the introduction (double opt-in).
    """
    pairs = suggest_pairs(chats, gap["relationship"].reindex(chats["contact_id"].unique()), min_score)
    if top is not None:
        pairs = pairs.head(top)
    if pairs.empty:
        return pd.DataFrame(columns=SUGGESTION_COLUMNS)
    latest = _latest_notes(chats)
    people = gap.loc[list(set(pairs["need_id"]) | set(pairs["offer_id"])), ["full_name", "first_name"]]
    person = {cid: row for cid, row in zip(people.index, people.to_dict("records"))}
    rows = []
    for pair in pairs.itertuples():
        needs, offers = person[pair.need_id], person[pair.offer_id]
        need_text = latest.get(pair.need_id, {}).get("looking_for") or ", ".join(pair.words)
        offer_text = latest.get(pair.offer_id, {}).get("what_they_do") or ", ".join(pair.words)
        rows.append({
            "who_needs": needs["full_name"], "who_offers": offers["full_name"],
            "reason": "matching words: " + ", ".join(pair.words), "score": round(pair.score, 2),
            "both_ways": pair.mutual,
            "note_to_who_needs": note_to_who_needs(needs, offers, need_text, offer_text),
            "note_to_who_offers": note_to_who_offers(needs, offers, need_text, pair.words),
            "needs_id": pair.need_id, "offers_id": pair.offer_id})
    return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)


def _latest_notes(chats: pd.DataFrame) -> dict[str, dict]:
    """For each person, the latest non-empty `looking_for` and `what_they_do` from your chats."""
    notes: dict[str, dict] = {}
    for row in chats.sort_values("on", kind="stable").itertuples() if "on" in chats else chats.itertuples():
        for column in ("looking_for", "what_they_do"):
            value = getattr(row, column, None)
            if isinstance(value, str) and value.strip():
                notes.setdefault(row.contact_id, {})[column] = value.strip()
    return notes


def _quoted(text: str, limit: int = 160) -> str:
    """A note's own words, quoted as written (shortened at a word): no guessing at grammar or pronouns."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1].rsplit(" ", 1)[0] + "…"
    return f"“{text}”"


def note_to_who_needs(needs, offers, need_text: str, offer_text: str) -> str:
    """To the person with the need: would they like the introduction? (nothing is sent to anyone yet)."""
    return (f"Hi {_first_name(needs)}, when we talked you said you were looking for: {_quoted(need_text)} "
            f"I know {offers['full_name']} well. From our last coffee: {_quoted(offer_text)} "
            "Would an introduction be useful? If so, I'll ask "
            f"{_first_name(offers)} first, and only connect you if you both say yes.")


def note_to_who_offers(needs, offers, need_text: str, words: list[str]) -> str:
    """To the person who could help: are they open to it? Sent only once the first person said yes."""
    why = f" ({', '.join(words)})" if words else ""
    return (f"Hi {_first_name(offers)}, I recently caught up with {needs['full_name']}, who is looking for: "
            f"{_quoted(need_text)} From what you told me about your work{why}, I think you could help. "
            "Would you be open to an introduction? No pressure: I'll only connect you if you both want to.")


def draft_notes(suggestions: pd.DataFrame, top: int = 1) -> str:
    """The two double opt-in notes of the first `top` suggestions, as text to copy and edit."""
    if suggestions.empty:
        return (f"No introductions to suggest yet, so no notes to draft. Log coffee chats in {place('log_chats')}, "
                "with what each person is looking for.")
    blocks = [f"To {row.who_needs}:\n{row.note_to_who_needs}\n\nTo {row.who_offers}:\n{row.note_to_who_offers}"
              for row in suggestions.head(top).itertuples()]
    return "\n\n---\n\n".join(blocks)
