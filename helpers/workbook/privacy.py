"""Screen-share mode: every name, e-mail, URL and message replaced by a consistent pseudonym.

    helpers.setup(private=True)         # or RECONNECT_PRIVATE=1 in the environment

`open_network` then returns a pseudonymised copy of the network: contacts are called e.g.
"Amber Heron", always the same one for the same person, and their contact_id is a token
("p-3f2a91c0") that reveals nothing. Every table, chart, hover and the tagger are built from that
copy, so nothing real reaches the screen. `open_store` wraps your tag store so tags are still
saved under the real ids: switch the mode off and everything you did is there.
"""
import hashlib
import os
from dataclasses import replace

import pandas as pd

from ..tags.tag_store import TagStore

PRIVATE_VARIABLE = "RECONNECT_PRIVATE"
ADJECTIVES = ["Amber", "Birch", "Cedar", "Coral", "Dusky", "Ember", "Fern", "Frost", "Golden", "Hazel", "Indigo",
              "Ivory", "Jade", "Juniper", "Lunar", "Maple", "Misty", "Olive", "Pebble", "Quiet", "Rowan", "Russet",
              "Sage", "Silver", "Slate", "Sorrel", "Tawny", "Umber", "Willow", "Winter", "Zephyr", "Saffron"]
ANIMALS = ["Badger", "Bittern", "Crane", "Curlew", "Dormouse", "Egret", "Falcon", "Finch", "Gannet", "Heron",
           "Ibis", "Jackdaw", "Kestrel", "Kingfisher", "Lapwing", "Linnet", "Marten", "Merlin", "Otter", "Owl",
           "Plover", "Puffin", "Raven", "Sandpiper", "Shrike", "Siskin", "Stoat", "Swift", "Teal", "Vole",
           "Wagtail", "Wren"]
_settings = {"private": None}


def setup(private: bool | None = None) -> None:
    """The first call of every notebook: choose screen-share mode (names hidden) or not."""
    if private is not None:
        _settings["private"] = bool(private)
    print("Screen-share mode is ON: names are replaced by pseudonyms everywhere." if is_private()
          else "Names are shown. Sharing your screen? Run helpers.setup(private=True) first.")


def is_private() -> bool:
    if _settings["private"] is not None:
        return _settings["private"]
    return os.environ.get(PRIVATE_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


def _digest(text: str) -> bytes:
    return hashlib.sha256(("reconnect-pseudonym:" + text).encode("utf-8")).digest()


def pseudonym_id(contact_id: str) -> str:
    return "p-" + _digest(contact_id).hex()[:8]


def pseudonym_name(contact_id: str) -> tuple[str, str]:
    """(first, last): the same invented name for the same person, every time."""
    digest = _digest(contact_id)
    return ADJECTIVES[digest[8] % len(ADJECTIVES)], ANIMALS[digest[9] % len(ANIMALS)]


def pseudonymise(network):
    """A copy of `network` with names, e-mails, URLs, ids and message texts replaced."""
    people = network.connections.copy()
    real_ids = people["contact_id"]
    names = [pseudonym_name(cid) for cid in real_ids]
    people["first_name"] = [first for first, _ in names]
    people["last_name"] = [last for _, last in names]
    people["full_name"] = people["first_name"] + " " + people["last_name"]
    people["contact_id"] = [pseudonym_id(cid) for cid in real_ids]
    people["profile_url"] = people["email"] = None
    shown = dict(zip(real_ids, people["contact_id"]))
    hidden = replace(
        network, connections=people, signals=network.signals.rename(index=shown),
        messages=_hide_people_rows(network.messages, shown, text_columns=("from_name", "to_name", "subject", "content",
                                                                          "conversation_title", "conversation_id")),
        endorsements_received=_hide_people_rows(network.endorsements_received, shown),
        endorsements_given=_hide_people_rows(network.endorsements_given, shown),
        recommendations_received=_hide_people_rows(network.recommendations_received, shown),
        recommendations_given=_hide_people_rows(network.recommendations_given, shown),
        invitations=_hide_people_rows(network.invitations, shown, text_columns=("from_name", "to_name", "message")),
        owner_name="you", report=_hide_owner(network.report, network.owner_name))
    hidden.real = network
    hidden.real_ids = {pseudo: real for real, pseudo in shown.items()}
    return hidden


def _hide_people_rows(frame: pd.DataFrame | None, shown: dict, text_columns=("name", "text")) -> pd.DataFrame | None:
    if frame is None:
        return None
    frame = frame.copy()
    frame["contact_id"] = frame["contact_id"].map(shown)
    for column in text_columns:
        if column in frame:
            frame[column] = "(hidden)"
    return frame


def _hide_owner(report, owner_name):
    if not owner_name:
        return report
    lines = [line.replace(owner_name, "you") for line in report.lines]
    return replace(report, lines=lines, warnings=[w.replace(owner_name, "you") for w in report.warnings])


class PrivateTagStore:
    """Your TagStore seen through pseudonyms: ids in and out are tokens, tags saved under real ids."""

    def __init__(self, store: TagStore, network):
        self.store, self.network = store, network
        self._real = dict(network.real_ids)

    def _to_real(self, contact_id: str) -> str:
        return self._real.get(contact_id, contact_id)

    def _index_to_shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame.index = [pseudonym_id(cid) for cid in frame.index]
        frame.index.name = "contact_id"
        return frame

    def _column_to_shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame["contact_id"] = [pseudonym_id(cid) for cid in frame["contact_id"]]
        return frame

    def tag(self, contact_id, *args, **kwargs):
        return self.store.tag(self._to_real(contact_id), *args, **kwargs)

    def tag_many(self, contact_ids, *args, **kwargs):
        return self.store.tag_many([self._to_real(cid) for cid in contact_ids], *args, **kwargs)

    def clear(self, contact_id):
        return self.store.clear(self._to_real(contact_id))

    def set_status(self, contact_id, status):
        return self.store.set_status(self._to_real(contact_id), status)

    def log_chat(self, contact_id, *args, **kwargs):
        return self.store.log_chat(self._to_real(contact_id), *args, **kwargs)

    def contexts(self, contact_id):
        return self.store.contexts(self._to_real(contact_id))

    def set_contexts(self, contact_id, *args, **kwargs):
        return self.store.set_contexts(self._to_real(contact_id), *args, **kwargs)

    def toggle_context(self, contact_id, *args, **kwargs):
        return self.store.toggle_context(self._to_real(contact_id), *args, **kwargs)

    def add_context_many(self, contact_ids, *args, **kwargs):
        return self.store.add_context_many([self._to_real(cid) for cid in contact_ids], *args, **kwargs)

    def get(self, contact_id):
        return self.store.get(self._to_real(contact_id))

    def current(self) -> pd.DataFrame:
        return self._index_to_shown(self.store.current())

    def history(self) -> pd.DataFrame:
        return self._column_to_shown(self.store.history())

    def chats(self) -> pd.DataFrame:
        return self._column_to_shown(self.store.chats())

    def sync(self, network):
        return self.store.sync(getattr(network, "real", network))

    def follow(self, network):
        return self.store.follow(getattr(network, "real", network))

    def counts(self):
        return self.store.counts()

    def undo(self):
        return self.store.undo()

    def export_csv(self, path, network=None):
        """The file is for you, not the screen: real names."""
        return self.store.export_csv(path, getattr(network, "real", network))

    def import_csv(self, path):
        return self.store.import_csv(path)

    def __repr__(self) -> str:
        return repr(self.store)
