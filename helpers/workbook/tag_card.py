"""What a tagger card says about one contact, as HTML.

Names, companies and positions are written by strangers: every one is escaped here, before it
reaches an HTML widget. "Recall first" hides company and position until the business-knowledge
answer is given, because the point is to find out whether you know what they do.
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape

import pandas as pd

from ..tags.scales import label
from .suggest import Suggestion
from ..base.wording import plural, time_ago, times

MUTED = "color:#555"


def card_html(person: Mapping, tags: Mapping, as_of, has_messages: bool = True,
              recall_first: bool = False) -> str:
    """The card: name, how long connected, what the export says of your contact, company and position."""
    name = escape(person["full_name"] if _present(person["full_name"]) else "(no name in the export)")
    hide_work = recall_first and tags.get("business") is None
    lines = [connected_line(person["connected_on"], as_of), *signal_lines(person, as_of, has_messages)]
    items = "".join(f"<li>{line}</li>" for line in lines)
    return (
        '<div style="border:1px solid #ccc;border-radius:8px;padding:12px 16px;max-width:46em">'
        f'<div style="font-size:1.5em;font-weight:600">{name}</div>'
        f'<div style="margin:4px 0 8px 0">{work_line(person, hidden=hide_work)}</div>'
        f'<ul style="margin:0;padding-left:1.2em">{items}</ul>'
        f'<div style="margin-top:8px;{MUTED}">{tags_line(tags)}</div>'
        "</div>")


def connected_line(connected_on, as_of) -> str:
    ago = time_ago(connected_on, as_of)
    if ago is None:
        return "Connection date unknown"
    return f"Connected {ago} ({pd.Timestamp(connected_on):%b %Y})"


def work_line(person: Mapping, hidden: bool = False) -> str:
    """"Position · Company", escaped; or a note that recall-first mode hides it."""
    if hidden:
        return (f'<i style="{MUTED}">Company and position hidden: first say, from memory, '
                "whether you know what they do.</i>")
    parts = [escape(person[key]) for key in ("position", "company") if _present(person[key])]
    return " · ".join(parts) if parts else f'<i style="{MUTED}">No company or position in the export</i>'


def signal_lines(person: Mapping, as_of, has_messages: bool = True) -> list[str]:
    """Messages both ways, last message, endorsements, recommendations, invitation note."""
    lines = [message_line(person, as_of, has_messages)]
    endorsed = endorsement_line(int(person["endorsements_received"]), int(person["endorsements_given"]))
    recommended = recommendation_line(int(person["recommendations_received"]), int(person["recommendations_given"]))
    lines += [line for line in (endorsed, recommended) if line]
    if bool(person["invitation_note"]):
        lines.append("The invitation between you carried a personal note")
    return lines


def message_line(person: Mapping, as_of, has_messages: bool = True) -> str:
    if not has_messages:
        return "No messages in this export (a Basic export has none)"
    sent, received = int(person["messages_sent"]), int(person["messages_received"])
    if not sent + received:
        return "No messages between you"
    total = plural(sent + received, "message")
    ago = time_ago(person["last_message_at"], as_of)
    last = f" · last {ago} ({pd.Timestamp(person['last_message_at']):%b %Y})" if ago else ""
    return f"{total}: {sent:,} from you, {received:,} from them{last}"


def recommendation_line(received: int, given: int) -> str | None:
    if received and given:
        return "You recommended each other"
    if received:
        return "They wrote you a recommendation"
    if given:
        return "You wrote them a recommendation"
    return None


def tags_line(tags: Mapping) -> str:
    contexts = tags.get("contexts") or []
    where = f" · from: {escape(', '.join(contexts))}" if contexts else ""
    return (f"Your tags: relationship {label('relationship', tags.get('relationship'))} · "
            f"business knowledge {label('business', tags.get('business'))}{where}")


def suggestion_html(suggestion: Suggestion | None, has_messages: bool = True) -> str:
    if suggestion is None:
        why = "a Basic export has no messages" if not has_messages else "the export says too little"
        return f'<span style="{MUTED}">No suggestion: {why}. The call is yours.</span>'
    return f'<span style="{MUTED}">{escape(str(suggestion))}</span>'


def endorsement_line(received: int, given: int) -> str | None:
    """"They endorsed you 3 times · you endorsed them once"."""
    parts = ([f"they endorsed you {times(received)}"] if received else []) + \
            ([f"you endorsed them {times(given)}"] if given else [])
    text = " · ".join(parts)
    return text[:1].upper() + text[1:] if text else None


def _present(value) -> bool:
    return isinstance(value, str) and value.strip() != ""
