"""Counts and time spans in plain words: "3 drafts", "18 years", "3 years ago", "twice"."""
import pandas as pd


def duration(years: float) -> str:
    """18.4 -> "18 years"; 0.6 -> "7 months"; 0.1 -> "5 weeks"; unknown -> "for an unknown time"."""
    if years is None or pd.isna(years):
        return "for an unknown time"
    if years >= 1.5:
        return f"{round(years)} years"
    if years >= 0.95:
        return "1 year"
    months = round(years * 12)
    if months >= 2:
        return f"{months} months"
    weeks = round(years * 52.18)
    if weeks >= 2:
        return f"{weeks} weeks"
    days = round(years * 365.25)
    return "1 day" if days == 1 else f"{days} days"


def time_ago(then, as_of) -> str | None:
    """`"18 years ago"`, `"3 months ago"`, `"2 weeks ago"`, `"yesterday"`; None when `then` is unknown."""
    if then is None or pd.isna(then):
        return None
    then, as_of = pd.Timestamp(then).normalize(), pd.Timestamp(as_of).normalize()
    days = (as_of - then).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    months = (as_of.year - then.year) * 12 + as_of.month - then.month - (as_of.day < then.day)
    if months < 12:
        return plural(months, "month") + " ago"
    return plural(months // 12, "year") + " ago"


def plural(count: int, word: str) -> str:
    """`plural(1, "draft")` -> "1 draft"; `plural(1204, "message")` -> "1,204 messages"; person -> people."""
    word = word.removesuffix("s")
    if count == 1:
        return f"{count:,} {word}"
    return f"{count:,} {word[:-6] + 'people' if word.endswith('person') else word + 's'}"


def times(count: int) -> str:
    """"once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")
