"""The two rating scales at the heart of the workbook, and who counts as a John."""
import pandas as pd

RELATIONSHIP = {0: "Don't really know them", 1: "Know", 2: "Like", 3: "Trust"}
BUSINESS = {0: "No idea", 1: "Company or title only", 2: "What they do", 3: "How we can help each other"}
SCALES = {"relationship": RELATIONSHIP, "business": BUSINESS}


def is_john(relationship, business):
    """Like or trust them (≥ 2) but can't say what they do (≤ 1). Unknown is never a John.

    Works on scalars (returns bool) and on Series (returns a boolean Series).
    """
    if isinstance(relationship, pd.Series) or isinstance(business, pd.Series):
        rel = pd.Series(relationship).astype("Int64")
        bus = pd.Series(business).astype("Int64")
        return ((rel >= 2) & (bus <= 1)).fillna(False).astype(bool)
    if relationship is None or business is None or pd.isna(relationship) or pd.isna(business):
        return False
    return int(relationship) >= 2 and int(business) <= 1


def label(scale: str, value) -> str:
    """`label("relationship", 2)` -> "2 · Like"; unknown -> "not yet rated"."""
    if value is None or pd.isna(value):
        return "not yet rated"
    return f"{int(value)} · {SCALES[scale][int(value)]}"
