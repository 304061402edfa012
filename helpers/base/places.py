"""Where a person goes to do a step, named in the words of what they have open.

    place("rate")     # "notebook 02" in the notebooks; "section 2 (Rate the people you know)" in the app

Messages in every layer ("Nobody is rated yet: rate people in …") end with where to go next. The
notebooks are the default; the app view calls `use_places(...)` once with its own section names, so
a person who only has the app is never sent to a notebook they cannot see (the app runs in a kernel
of its own, in Voilà or on the room server).
"""
NOTEBOOK_PLACES = {
    "rate": "notebook 02",               # the tagger
    "plan": "notebook 04",               # the reconnect list, where chats are planned
    "log_chats": "notebook 05",          # the coffee-chat form
    "again": "run this notebook again",  # how to see a result change
}
_places = dict(NOTEBOOK_PLACES)


def place(step: str) -> str:
    return _places[step]


def use_places(**places: str) -> None:
    """Name the places of this kernel's steps (the keys of NOTEBOOK_PLACES)."""
    unknown = places.keys() - NOTEBOOK_PLACES.keys()
    if unknown:
        raise ValueError(f"No such step: {', '.join(sorted(unknown))}; the steps are {', '.join(NOTEBOOK_PLACES)}")
    _places.update(places)


def use_notebook_places() -> None:
    _places.clear()
    _places.update(NOTEBOOK_PLACES)
