"""Corrections an analyst makes to the events table, kept apart from the extraction.

A correction is one row of ``data/corrections.csv`` (append-only, written atomically): which
row it targets (:func:`row_key`: the article, the place's offsets and the event type, stable
across rebuilds, re-extraction and new extractor versions as long as the text is the same),
the field, the old and new values, a note and the time. The build and the dashboard both
apply them with :func:`apply_corrections`; a correction whose row no longer exists is
reported (``Applied.orphans``), never dropped silently; an ``undo`` row cancels an earlier
correction. Corrected rows list their corrected fields in the ``corrected`` column, so the
table and its downloads show them.

Fields: ``place`` (a gazetteer ``location_id`` such as ``gn:3937513``, or ``xy:LAT,LON`` for a
point picked on the map), ``event_type``, ``date_start``, ``date_end``, ``force_size``,
``force_size_qualifier``, ``actor`` and ``not_event`` (drops the row).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geo.exc import SchemaError
from geo.io import atomic_write_text
from geo.table.schema import EVENT_TYPES, FORCE_QUALIFIERS

HEADER = ("id", "key", "field", "old", "new", "note", "time")
FIELDS = (
    "place",
    "event_type",
    "date_start",
    "date_end",
    "force_size",
    "force_size_qualifier",
    "actor",
    "not_event",
)
"""What a correction may change (``not_event``: the row is no event and leaves the table)."""
UNDO = "undo"


@dataclass(frozen=True)
class Correction:
    """One line of the corrections file."""

    id: str
    key: str
    field: str
    old: str
    new: str
    note: str = ""
    time: str = ""


@dataclass
class Applied:
    """The corrected table, and the corrections that found no row (``orphans``)."""

    table: pd.DataFrame
    applied: list[Correction] = field(default_factory=list)
    orphans: list[Correction] = field(default_factory=list)


def row_key(row: Any) -> str:
    """The stable key of a table row: ``article|start-end|event_type`` (the place's offsets;
    an imported row without offsets uses its ``location_id``)."""
    start, end = row.get("place_start"), row.get("place_end")
    if start is None or pd.isna(start) or end is None or pd.isna(end):
        where = str(row.get("location_id") or "")
    else:
        where = f"{int(start)}-{int(end)}"
    return f"{row.get('article_id')}|{where}|{row.get('event_type')}"


def row_keys(table: pd.DataFrame) -> pd.Series:
    """:func:`row_key` of every row of *table*, computed column-wise."""
    start = pd.to_numeric(table["place_start"], errors="coerce").astype("Int64").astype("string")
    end = pd.to_numeric(table["place_end"], errors="coerce").astype("Int64").astype("string")
    where = (start + "-" + end).fillna(table["location_id"].astype("string").fillna(""))
    article = table["article_id"].astype("string").fillna("None")
    kind = table["event_type"].astype("string").fillna("None")
    return (article + "|" + where + "|" + kind).astype("string")


def read_corrections(path: str | os.PathLike[str]) -> list[Correction]:
    """Every correction in the file, in file order (``[]`` when the file is missing).

    Raises :class:`~geo.exc.SchemaError` naming the line of a row with an unknown field."""
    source = Path(path)
    if not source.exists():
        return []
    out = []
    with source.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            name = (row.get("field") or "").strip()
            if name not in FIELDS and name != UNDO:
                raise SchemaError(f"{source}, line {line}: unknown field {name!r}")
            out.append(Correction(**{k: (row.get(k) or "").strip() for k in HEADER}))
    return out


def add_correction(
    path: str | os.PathLike[str],
    key: str,
    field_name: str,
    new: str,
    *,
    old: str = "",
    note: str = "",
    now: Callable[[], dt.datetime] | None = None,
) -> Correction:
    """Append one correction (the file is rewritten atomically; nothing is ever removed).

    Raises :class:`~geo.exc.SchemaError` for an unknown field or an invalid new value."""
    if field_name not in FIELDS and field_name != UNDO:
        raise SchemaError(f"unknown field {field_name!r}; one of {', '.join(FIELDS)}")
    _check_value(field_name, new)
    stamp = (now or (lambda: dt.datetime.now(dt.UTC)))().isoformat(timespec="seconds")
    correction = Correction(uuid.uuid4().hex[:12], key, field_name, old, new, note, stamp)
    existing = read_corrections(path)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for item in [*existing, correction]:
        writer.writerow([getattr(item, name) for name in HEADER])
    atomic_write_text(Path(path), buffer.getvalue())
    return correction


def undo_correction(path: str | os.PathLike[str], correction_id: str, note: str = "") -> Correction:
    """Append an ``undo`` of the correction *correction_id* (raises ``SchemaError`` if there is
    none)."""
    if not any(c.id == correction_id for c in read_corrections(path)):
        raise SchemaError(f"no correction {correction_id!r} in {path}")
    return add_correction(path, "", UNDO, correction_id, note=note)


def apply_corrections(
    table: pd.DataFrame,
    corrections: Iterable[Correction],
    locate: Callable[[str], dict | None] | None = None,
) -> Applied:
    """*table* with *corrections* applied in order (undone ones skipped).

    *locate* turns a ``place`` correction's value into the place columns (``latitude``,
    ``longitude``, ``place_resolved``, ``location_id``, ``country_code``, ``admin1``,
    ``feature``, ``geo_precision``, ``geonameid``); :func:`place_columns` is the default.
    """
    items = list(corrections)
    undone = {c.new for c in items if c.field == UNDO}
    live = [c for c in items if c.field != UNDO and c.id not in undone]
    out = table.copy()
    if "corrected" not in out.columns:
        out["corrected"] = pd.NA
    out["corrected"] = out["corrected"].astype("string")
    result = Applied(out)
    if not live:
        return result  # nothing to apply: no keys to compute (every build comes here)
    keys = row_keys(out)
    drop = pd.Series(False, index=out.index)
    for correction in live:
        hit = keys == correction.key
        if not hit.any() and correction.field == "event_type":
            # a table this correction was applied to already (a built table, read again)
            moved = correction.key.rsplit("|", 1)[0] + "|" + correction.new
            done = (keys == moved) & out["corrected"].fillna("").str.contains("event_type")
            if done.any():
                result.applied.append(correction)
                continue
        if not hit.any():
            result.orphans.append(correction)
            continue
        result.applied.append(correction)
        if correction.field == "not_event":
            drop |= hit
        elif correction.field == "place":
            columns = (locate or place_columns)(correction.new)
            if columns is None:
                result.orphans.append(correction)
                continue
            for name, value in columns.items():
                if name in out.columns:
                    out.loc[hit, name] = value
        else:
            out.loc[hit, correction.field] = _typed(correction.field, correction.new)
        if correction.field in ("event_type",):
            keys = keys.where(~hit, keys[hit].str.rsplit("|", n=1).str[0] + "|" + correction.new)
        marks = out.loc[hit, "corrected"].fillna("")
        out.loc[hit, "corrected"] = [_mark(m, correction.field) for m in marks]
    result.table = out[~drop].reset_index(drop=True)
    return result


def place_columns(value: str) -> dict | None:
    """The place columns of a ``place`` correction: ``xy:LAT,LON`` (a point on the map) or a
    gazetteer ``location_id`` (``gn:<geonameid>``, ``adm1:...``, ``sup:...``)."""
    if value.startswith("xy:"):
        try:
            lat, lon = (float(v) for v in value[3:].split(","))
        except ValueError:
            return None
        return {
            "latitude": lat,
            "longitude": lon,
            "location_id": value,
            "place_resolved": f"{lat:.4f}, {lon:.4f}",
            "geo_precision": "point",
            "geonameid": pd.NA,
            "geometry_wkt": pd.NA,
        }
    from geo.gazetteer.index import load_gazetteer

    place = load_gazetteer().by_location_id(value)
    if place is None:
        return None
    precision = {"country": "country", "admin1": "admin1", "border": "border"}.get(
        place.feature, "point"
    )
    return {
        "latitude": place.latitude,
        "longitude": place.longitude,
        "location_id": place.location_id,
        "place_resolved": place.name,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "feature": place.feature,
        "geo_precision": precision,
        "geonameid": place.geonameid if place.geonameid else pd.NA,
        "geometry_wkt": place.geometry_wkt or pd.NA,
    }


def _mark(previous: str, name: str) -> str:
    fields = [f for f in previous.split(",") if f]
    return ",".join(dict.fromkeys([*fields, name]))


def _typed(name: str, value: str) -> Any:
    if name == "force_size":
        return int(value) if value else pd.NA
    if name in ("date_start", "date_end"):
        return pd.Timestamp(value) if value else pd.NaT
    return value or pd.NA


def _check_value(name: str, value: str) -> None:
    problem = None
    if name == "event_type" and value not in EVENT_TYPES:
        problem = f"event_type must be one of {', '.join(EVENT_TYPES)}"
    elif name == "force_size_qualifier" and value and value not in FORCE_QUALIFIERS:
        problem = f"force_size_qualifier must be one of {', '.join(FORCE_QUALIFIERS)}"
    elif name == "force_size" and value and not (value.isdigit() and int(value) > 0):
        problem = "force_size must be a positive whole number"
    elif name in ("date_start", "date_end") and value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            problem = f"{name} must be an ISO date (YYYY-MM-DD)"
    elif name == "place" and not value:
        problem = "place needs a location_id or xy:LAT,LON"
    if problem:
        raise SchemaError(problem)
