"""Display settings for tables in the notebooks.

Names and companies are written by other LinkedIn members. A pandas Styler renders cells as
raw HTML unless told otherwise, so every Styler escapes HTML from the moment helpers is imported.
"""
import pandas as pd


def protect_tables() -> None:
    """Styled tables (`df.style`) escape HTML in cells, like plain DataFrame tables do."""
    pd.set_option("styler.format.escape", "html")
