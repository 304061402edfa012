"""Where you know someone from: the third, optional tag (one or more contexts per person).

A person's contexts are stored as one text value, the contexts joined by "; " in a fixed order
(the listed ones first, in CONTEXTS order, then the person's own words alphabetically). One value
per person keeps contexts an ordinary tag event: history, undo, CSV and migration work as for
the scales, and "neighbour; school or kids" reads well in a spreadsheet.
"""
CONTEXTS = ("neighbour", "school or kids", "former colleague", "client", "supplier", "friend or family",
            "club or community", "event", "online only")
SOCIAL = ("neighbour", "school or kids", "friend or family", "club or community")  # people you know outside work
SEPARATOR = "; "
MAX_LENGTH = 40  # one of your own words, e.g. "sailing club", "my old band"


def clean_context(text) -> str:
    """One context as stored: lower case, single spaces, no ";" (the separator). ValueError when empty."""
    if not isinstance(text, str):
        raise ValueError(f"a context must be text, such as {CONTEXTS[0]!r} or your own words; got {text!r}")
    cleaned = " ".join(text.replace(";", " ").replace(",", " ").split()).casefold()
    if not cleaned:
        raise ValueError(f"a context needs some words, such as {', '.join(map(repr, CONTEXTS[:3]))}; got {text!r}")
    if len(cleaned) > MAX_LENGTH:
        raise ValueError(f"a context is a few words (at most {MAX_LENGTH} characters); got {len(cleaned)}: {text!r}")
    return cleaned


def contexts_value(contexts) -> str | None:
    """The stored value for a collection of contexts (None when there are none)."""
    unique = {clean_context(c) for c in contexts}
    listed = [c for c in CONTEXTS if c in unique]
    own = sorted(unique - set(CONTEXTS))
    return SEPARATOR.join(listed + own) or None


def parse_contexts(value) -> list[str]:
    """"neighbour; school or kids" (or a list) -> ["neighbour", "school or kids"]; empty, None or NA -> []."""
    if isinstance(value, str):
        parts = value.split(";")
    elif isinstance(value, (list, tuple, set)):
        parts = list(value)
    else:  # None, NaN, pd.NA: no contexts
        return []
    stored = contexts_value([p for p in parts if isinstance(p, str) and p.strip()])
    return stored.split(SEPARATOR) if stored else []


def toggled(value, context: str) -> str | None:
    """The stored value with `context` added, or removed when it was already there."""
    current = parse_contexts(value)
    context = clean_context(context)
    return contexts_value([c for c in current if c != context] if context in current else current + [context])


def added(value, context: str) -> str | None:
    """The stored value with `context` added (unchanged when it was there already)."""
    return contexts_value(parse_contexts(value) + [clean_context(context)])
