"""The search column: the folded text of a row that the dashboard's ``q`` filter searches."""

from __future__ import annotations

import pandas as pd

from geo.text import fold

SEARCH_COLUMN = "_search"
"""Name of the helper column (never part of the schema; dropped when a table is read)."""
SEARCH_FIELDS = ("place", "place_resolved", "admin1", "actor", "evidence", "title")
"""The columns whose text is searched."""


def add_search_column(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of *df* with the folded (accent- and case-free) text the ``q`` filter searches."""
    parts = [df[c].fillna("").astype(str) for c in SEARCH_FIELDS]
    joined = parts[0].str.cat(parts[1:], sep=" ")
    out = df.copy()
    out[SEARCH_COLUMN] = [fold(text) for text in joined]
    return out
