"""The filtered rows as the page shows and downloads them: table view, safe links, files.

Pure pandas over rows of the events table (:mod:`geo.table.schema`), e.g. a page from
:meth:`geo.explore.store.EventStore.page`.
"""

from __future__ import annotations

import json
import math
import re

import pandas as pd

from geo.table.schema import EVENT_TYPE_LABELS


def place_label(df: pd.DataFrame) -> pd.Series:
    """The name shown for a row's place: the gazetteer name, else the name as written."""
    return df["place_resolved"].fillna(df["place"])


_SAFE_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s<>\"'`\\\x00-\x1f]+[^\s<>\x00-\x1f]*$")


def safe_url(url: object) -> str | None:
    """*url* if it is an absolute http(s) URL, else ``None`` (never a ``javascript:`` link)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    return text if _SAFE_URL.match(text) else None


def safe_urls(urls: pd.Series) -> pd.Series:
    """:func:`safe_url` over a column (vectorised): unsafe or missing URLs become NA."""
    text = urls.astype("string").str.strip()
    ok = text.str.match(_SAFE_URL.pattern).fillna(False).astype(bool)
    return text.where(ok, pd.NA)


def format_dates(start: object, end: object, precision: object) -> str:
    """A short readable date or span: ``2024-03-01 → 2024-04-30``, ``2024-03``, ``date unknown``."""
    if start is None or start is pd.NaT or (isinstance(start, float) and math.isnan(start)):
        return "date unknown"
    fmt = {"month": "%Y-%m", "year": "%Y"}.get(str(precision), "%Y-%m-%d")
    first = pd.Timestamp(start).strftime(fmt)
    if end is None or end is pd.NaT or (isinstance(end, float) and math.isnan(end)):
        return first
    last = pd.Timestamp(end).strftime(fmt)
    return first if last == first else f"{first} → {last}"


def events_table(df: pd.DataFrame) -> pd.DataFrame:
    """The filtered rows as the page's table shows them: readable columns, safe links only."""
    out = pd.DataFrame(
        {
            "date": [
                format_dates(s, e, p)
                for s, e, p in zip(
                    df["date_start"], df["date_end"], df["date_precision"], strict=True
                )  # fmt: skip
            ],
            "type": df["event_type"].map(EVENT_TYPE_LABELS),
            "place": place_label(df),
            "country": df["country_code"],
            "precision": df["geo_precision"],
            "force": df["force_size"],
            "actor": df["actor"],
            "evidence": df["evidence"],
            "corrected": df["corrected"],
            "source": df["source"],
            "link": safe_urls(df["url"]),
            "event_id": df["event_id"],
        }
    )
    return out.reset_index(drop=True)


def events_csv_bytes(df: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV in the events-table format (readable by ``read_events``), every
    text cell neutralised against formula injection (:func:`geo.table.formats.csv_frame`)."""
    from geo.table.formats import csv_frame

    clean = df.drop(columns=[c for c in df.columns if c.startswith("_")])
    return csv_frame(clean).to_csv(index=False).encode("utf-8")


def events_geojson_bytes(df: pd.DataFrame) -> bytes:
    """The rows as a GeoJSON FeatureCollection (borders as lines), UTF-8."""
    from geo.table.formats import events_to_geojson

    clean = df.drop(columns=[c for c in df.columns if c.startswith("_")])
    return json.dumps(events_to_geojson(clean), ensure_ascii=False).encode("utf-8")
