"""The sample network's demo of introductions: invented ratings, contexts and coffee chats (SYNTHETIC).

Notebook 06 and the app need coffee chats to suggest introductions. Before you have logged any,
they show the sample network with `data/sample/demo-introductions.json` loaded into a throw-away
tag store in a temporary folder. Your own store is never written to.
"""
from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..base.wording import plural
from ..export.network import load_export
from ..tags.tag_store import TagStore
from ..base.places import place
from .data_folder import SAMPLE
from .guidance import Note
from .privacy import PrivateTagStore, is_private, pseudonymise

DEMO = SAMPLE.parent / "demo-introductions.json"
DEMO_NOTE = ("You haven't logged a coffee chat yet, so this shows the SAMPLE network's demo: invented people "
             "with invented chats, loaded into a throw-away store (yours is untouched). Log your chats in "
             "{log_chats} (with what each person is looking for) and your own introductions appear here.")
YOURS_NOTE = "Your own coffee chats: {chats} logged with {people}."


@dataclass
class IntroductionData:
    """The network and store the introductions are made from: yours, or the sample's demo."""

    network: object
    store: object
    is_demo: bool
    note: Note


def demo_store(network, folder: Path | None = None):
    """A new tag store in a temporary folder holding the demo's ratings, contexts and chats.

    `network` is the sample (pseudonymised or not); in screen-share mode the store is seen through it."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    if folder is None:  # a temporary folder, removed when the kernel ends
        folder = Path(tempfile.mkdtemp(prefix="reconnect-demo-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    folder = Path(folder)
    store = TagStore(folder / "demo-tags.sqlite")
    store.sync(getattr(network, "real", network))
    for contact_id, (relationship, business) in data["ratings"].items():
        store.tag(contact_id, relationship=relationship, business=business, source="demo")
    for contact_id, contexts in data["contexts"].items():
        store.set_contexts(contact_id, contexts, source="demo")
    for chat in data["chats"]:
        store.log_chat(**chat)
    return PrivateTagStore(store, network) if hasattr(network, "real") else store


def sample_network():
    """The sample network, pseudonymised in screen-share mode (as `open_network` would)."""
    network = load_export(SAMPLE)
    return pseudonymise(network) if is_private() else network


def chats_or_demo(network, store, is_sample: bool | None = None) -> IntroductionData:
    """Your network and store when you have logged chats; else the sample with the demo store."""
    chats = store.chats()
    if len(chats):
        note = Note(YOURS_NOTE.format(chats=plural(len(chats), "chat"),
                                      people=plural(chats["contact_id"].nunique(), "person")))
        return IntroductionData(network, store, False, note)
    sample = network if is_sample else sample_network()
    return IntroductionData(sample, demo_store(sample), True, Note(DEMO_NOTE.format(log_chats=place("log_chats"))))
