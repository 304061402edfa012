"""Who should meet whom: pairs of people you know well where one's need matches the other's offer.

From the coffee-chat log, each person has
    needs   what they are looking for, and how you said you could help them;
    offers  what they do, and how they can help (you, and so others).
Needs are compared with offers by TF-IDF (scikit-learn) over words folded to a simple stem, so
"warehouse" meets "warehousing" and "planner" meets "planning". A pair's score is the cosine
similarity of one's needs and the other's offers; its reason is the words they share, the most
telling first. Only people you like or trust (relationship >= 2) are ever paired: you are vouching
for both. Everything runs on this machine.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

import numpy as np
import pandas as pd

NEED_COLUMNS = ("looking_for", "how_i_can_help")
OFFER_COLUMNS = ("what_they_do", "how_they_can_help")
MIN_RELATIONSHIP = 2
MIN_SCORE = 0.2  # below this, shared words are usually chance (see benchmarks/introductions_quality.py)
REASON_WORDS = 3
PER_PERSON = 3  # each person's best three: a long list of weak matches helps nobody
MATCH_COLUMNS = ["need_id", "offer_id", "score", "words", "mutual"]

# words every chat note uses, that say nothing about what a person needs or offers
NOTE_WORDS = {
    "help", "helps", "helped", "helping", "looking", "look", "need", "needs", "needed", "want", "wants", "wanted",
    "someone", "somebody", "find", "finding", "intro", "intros", "introduce", "introduction", "introductions",
    "send", "tell", "recommend", "mention", "good", "great", "new", "way", "ways", "people", "person", "company",
    "companies", "firm", "firms", "client", "clients", "customer", "customers", "business", "businesses", "know",
    "knows", "knew", "like", "really", "just", "maybe", "particular", "lot", "lots", "many", "free", "time", "year",
    "years", "thing", "things", "work", "works", "working", "job", "run", "runs", "running", "owns", "own",
    "mostly", "sell", "sells", "selling", "end", "got", "gave", "make", "makes", "best", "day", "days", "every",
    "kind", "sort", "bit", "better", "right", "now", "lent", "once", "put",
}
WORD = re.compile(r"[^\W\d_][\w'’]*[^\W_]|[^\W\d_]", re.UNICODE)  # "cold-storage" is two words
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ers", "er", "ors", "or", "ed", "es", "s", "y")


def stem(word: str) -> str:
    """A light fold of English endings: "warehousing" and "warehouses" -> "warehous"; "planner" -> "plan";
    "investor" -> "invest"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # "planner" -> "plann" -> "plan"
        word = word[:-1]
    return word.rstrip("e") if len(word) > 3 else word


@cache
def stop_words() -> frozenset:
    """scikit-learn's English stop words and the words every chat note uses.

    scikit-learn is imported here, on first use, not with `helpers`: it takes seconds to import, and
    only the introductions need it."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    return frozenset(ENGLISH_STOP_WORDS) | NOTE_WORDS


class _Words:
    """The tokenizer the vectorizer uses; it also remembers which written word each stem came from most."""

    def __init__(self):
        self.seen: dict[str, Counter] = defaultdict(Counter)
        self.stop = stop_words()

    def __call__(self, text: str) -> list[str]:
        """Stems, and pairs of stems written side by side ("speech therapist"); a dropped word breaks a pair."""
        terms, previous = [], None
        for word in WORD.findall(text.casefold().replace("’", "'")):
            word = word.removesuffix("'s")
            key = stem(word) if word not in self.stop and len(word) >= 2 else None
            if key is None or key in self.stop:
                previous = None
                continue
            self.seen[key][word] += 1
            terms.append(key)
            if previous is not None:
                terms.append(f"{previous} {key}")
            previous = key
        return terms

    def written(self, key: str) -> str:
        """The stem as people wrote it ("warehous" -> "warehouse"); for bigrams, each half."""
        return " ".join(self.seen[part].most_common(1)[0][0] if self.seen[part] else part for part in key.split())


def _joined(frame: pd.DataFrame, columns) -> pd.Series:
    present = [c for c in columns if c in frame]
    if not present:
        return pd.Series("", index=frame.index)
    return frame[present].fillna("").astype(str).agg(" ".join, axis=1).str.strip()


def profiles_from_chats(chats: pd.DataFrame) -> pd.DataFrame:
    """One row per person chatted with (index contact_id): `needs` and `offers`, all their chats joined."""
    if chats.empty:
        return pd.DataFrame({"needs": pd.Series(dtype=str), "offers": pd.Series(dtype=str)})
    texts = pd.DataFrame({"contact_id": chats["contact_id"], "needs": _joined(chats, NEED_COLUMNS),
                          "offers": _joined(chats, OFFER_COLUMNS)})
    profiles = texts.groupby("contact_id", sort=False).agg(" ".join)
    profiles.index.name = "contact_id"
    return profiles


def match_profiles(profiles: pd.DataFrame, min_score: float = MIN_SCORE) -> pd.DataFrame:
    """Pairs whose needs meet the other's offers, best first.

    `profiles`: index = person, columns `needs` and `offers` (text). One row per pair of people:
    `need_id` (whose need), `offer_id` (who meets it), `score` (0-1), `words` (the shared words, most
    telling first), `mutual` (each meets a need of the other, both at `min_score` or more).
    """
    if len(profiles) < 2:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    from sklearn.feature_extraction.text import TfidfVectorizer  # on first use: see stop_words()
    words = _Words()
    vectorizer = TfidfVectorizer(tokenizer=words, token_pattern=None, lowercase=False, sublinear_tf=True,
                                 min_df=1)
    needs_text, offers_text = profiles["needs"].fillna("").tolist(), profiles["offers"].fillna("").tolist()
    try:
        vectorizer.fit(needs_text + offers_text)
    except ValueError:  # no word at all (every note empty, or only stop words)
        return pd.DataFrame(columns=MATCH_COLUMNS)
    needs, offers = vectorizer.transform(needs_text), vectorizer.transform(offers_text)
    scores = (needs @ offers.T).toarray()
    np.fill_diagonal(scores, 0.0)
    return _pairs(profiles.index.to_numpy(), scores, needs, offers, vectorizer, words, min_score)


def _pairs(ids, scores, needs, offers, vectorizer, words: _Words, min_score: float) -> pd.DataFrame:
    """One row per kept pair, its direction the stronger one; reasons computed for kept pairs only."""
    best = np.maximum(scores, scores.T)
    first, second = _kept(best, min_score)
    if not len(first):
        return pd.DataFrame(columns=MATCH_COLUMNS)
    forward = scores[first, second] >= scores[second, first]
    need, offer = np.where(forward, first, second), np.where(forward, second, first)
    shared = needs[need].multiply(offers[offer]).tocsr()  # one row per pair: the weight of each shared term
    terms = vectorizer.get_feature_names_out()
    reasons = []
    for row in range(len(need)):
        start, end = shared.indptr[row], shared.indptr[row + 1]
        order = shared.indices[start:end][np.argsort(-shared.data[start:end], kind="stable")]
        reasons.append(_reason_words(order, terms, words))
    frame = pd.DataFrame({"need_id": ids[need], "offer_id": ids[offer], "score": scores[need, offer],
                          "words": reasons, "mutual": np.minimum(scores[first, second], scores[second, first]) >= min_score})
    return frame.sort_values(["score", "need_id", "offer_id"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def _kept(best: np.ndarray, min_score: float, per_person: int = PER_PERSON) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) at `min_score` or more that are among the best `per_person` of i or of j."""
    strong = best >= min_score
    rank = np.argsort(-best, axis=1, kind="stable")[:, :per_person]
    top = np.zeros_like(strong)
    np.put_along_axis(top, rank, True, axis=1)
    keep = strong & (top | top.T)
    return np.nonzero(np.triu(keep, k=1))


def _reason_words(columns, terms, words: _Words, candidates: int = 10) -> list[str]:
    """The shared terms as written, most telling first; a phrase takes the place of its own words."""
    chosen: dict[str, int] = {}  # text -> rank
    for rank, column in enumerate(columns[:candidates]):
        text = words.written(terms[column])
        if any(text in c.split() for c in chosen):
            continue
        inside = [c for c in chosen if c in text.split()]
        chosen[text] = min([rank] + [chosen.pop(c) for c in inside])
    return sorted(chosen, key=chosen.get)[:REASON_WORDS]


def suggest_pairs(chats: pd.DataFrame, relationship: pd.Series, min_score: float = MIN_SCORE,
                  min_relationship: int = MIN_RELATIONSHIP) -> pd.DataFrame:
    """Matches among the people you chatted with and like or trust (`relationship`: contact_id -> 0-3)."""
    known_well = relationship[(relationship >= min_relationship).fillna(False).to_numpy(dtype=bool)].index
    chats = chats[chats["contact_id"].isin(known_well)]
    return match_profiles(profiles_from_chats(chats), min_score)
