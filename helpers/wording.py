"""Time spans in plain words: "18 years", "3 years ago", "8 months ago"."""
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


def ago(span) -> str:
    """A Timedelta (or years as a float) -> "3 years ago", "today"."""
    if span is None or pd.isna(span):
        return "at an unknown time"
    years = span.days / 365.25 if isinstance(span, pd.Timedelta) else float(span)
    if years < 0.5 / 365.25:
        return "today"
    return f"{duration(years)} ago"
