"""The dashboard's "Review and correct" panel without Streamlit.

A correction made in the page is a row of the corrections file
(:func:`geo.table.corrections.add_correction`, append-only and atomic), then applied at once to
the table file the page shows (rewritten atomically under its build lock), so a reload shows
it; every later build applies the file again, so a rebuild from scratch keeps it. An undo is a
row too (:func:`geo.table.corrections.undo_correction`), and puts the value back: the latest
correction of that field still standing, else the value before the first one; a row taken out
as "not an event" comes back from the copy its correction keeps in ``old``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from geo.exc import BuildLocked, SchemaError
from geo.io import output_lock
from geo.table.corrections import (
    FIELDS,
    UNDO,
    Correction,
    add_correction,
    apply_corrections,
    read_corrections,
    row_key,
    undo_correction,
)

FIELD_LABELS: dict[str, str] = {
    "place": "place",
    "event_type": "type",
    "date_start": "start date",
    "date_end": "end date",
    "force_size": "count (troops)",
    "force_size_qualifier": "count qualifier",
    "actor": "actor",
    "not_event": "not an event",
}
"""What the page calls each correctable field (:data:`geo.table.corrections.FIELDS`)."""
assert set(FIELD_LABELS) == set(FIELDS)

Locate = Callable[[str], "dict | None"]


def current_value(row: Mapping[str, Any], field_name: str) -> str:
    """The row's value of *field_name* as a correction writes it (``""`` when empty)."""
    if field_name == "not_event":
        return ""
    if field_name == "place":
        return str(row.get("location_id") or "")
    value = row.get(field_name)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if field_name in ("date_start", "date_end"):
        return pd.Timestamp(value).date().isoformat()
    if field_name == "force_size":
        return str(int(value))
    return str(value)


def _row_json(row: Mapping[str, Any]) -> str:
    from geo.table.schema import COLUMNS

    plain = {}
    for name in COLUMNS:
        value = row.get(name)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            plain[name] = None
        elif isinstance(value, pd.Timestamp):
            plain[name] = value.isoformat()
        elif hasattr(value, "item"):
            plain[name] = value.item()
        else:
            plain[name] = value
    return json.dumps(plain, ensure_ascii=False, default=str)


def _rewrite(table: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Read the table file, change it, write it back atomically under its build lock."""
    from geo.io import output_lock
    from geo.table.formats import read_events, write_events
    from geo.table.schema import validate_events

    with output_lock(table):
        write_events(validate_events(change(read_events(table))), table)


def correct_row(
    table: str | os.PathLike[str],
    corrections: str | os.PathLike[str],
    row: Mapping[str, Any],
    field_name: str,
    new: str,
    *,
    note: str = "",
    locate: Locate | None = None,
) -> Correction:
    """Record the correction of *row*'s *field_name* to *new* and apply it to *table*.

    Raises :class:`~geo.exc.SchemaError` for an invalid value, a value that changes nothing
    or a place the gazetteer does not know (nothing is written then)."""
    new = (new or "").strip()
    if field_name == "not_event":
        new, old = "yes", _row_json(row)
    else:
        old = current_value(row, field_name)
        if new == old:
            raise SchemaError(f"{FIELD_LABELS.get(field_name, field_name)} is already {new!r}")
    if field_name == "place" and new:
        from geo.table.corrections import place_columns

        if (locate or place_columns)(new) is None:
            raise SchemaError(f"{new!r} is no place of the gazetteer (nor xy:LAT,LON)")
    with output_lock(Path(corrections)):  # two sessions never lose each other's correction
        made = add_correction(Path(corrections), row_key(row), field_name, new, old=old,
                              note=note)  # fmt: skip
        try:
            _rewrite(Path(table), lambda t: apply_corrections(t, [made], locate).table)
        except BuildLocked as error:
            raise BuildLocked(
                f"correction {made.id} is recorded in {corrections}, but {error}; the next "
                "build applies it"
            ) from error
    return made


@dataclass(frozen=True)
class Undone:
    """What an undo did: the undo row, and whether the table was put back at once."""

    undo: Correction
    restored: bool
    message: str


def _live(items: list[Correction]) -> list[Correction]:
    undone = {c.new for c in items if c.field == UNDO}
    return [c for c in items if c.field != UNDO and c.id not in undone]


def _base(key: str) -> str:
    return key.rsplit("|", 1)[0]


def _type_of(key: str) -> str:
    return key.rsplit("|", 1)[-1]


def undo(
    table: str | os.PathLike[str],
    corrections: str | os.PathLike[str],
    correction_id: str,
    *,
    note: str = "",
    locate: Locate | None = None,
) -> Undone:
    """Cancel the correction *correction_id* (an ``undo`` row) and put the table back.

    The row is found by its article and place (its type may have been corrected too)."""
    with output_lock(Path(corrections)):
        return _undo(Path(table), Path(corrections), correction_id, note, locate)


def _undo(
    table: Path, corrections: Path, correction_id: str, note: str, locate: Locate | None
) -> Undone:
    before = read_corrections(corrections)
    target = next((c for c in before if c.id == correction_id and c.field != UNDO), None)
    if target is None:
        raise SchemaError(f"no correction {correction_id!r} in {corrections}")
    if correction_id in {c.new for c in before if c.field == UNDO}:
        raise SchemaError(f"correction {correction_id} is already undone")
    made = undo_correction(corrections, correction_id, note=note)
    if target.field == "not_event":
        return _undo_drop(Path(table), made, target)
    base = _base(target.key)
    live = _live(read_corrections(corrections))
    same = [c for c in before if c.field == target.field and _base(c.key) == base]
    standing = [c for c in live if c in same]
    value = standing[-1].new if standing else same[0].old
    types = [c for c in _live(before) if c.field == "event_type" and _base(c.key) == base]
    type_now = types[-1].new if types else _type_of(target.key)
    type_after = value if target.field == "event_type" else type_now
    if target.field == "place":
        from geo.table.corrections import place_columns

        if not value or (locate or place_columns)(value) is None:
            return Undone(made, False, "undone; the place as extracted comes back at the next "
                          "build (python -m geo build)")  # fmt: skip
    restore = Correction("restore", f"{base}|{type_now}", target.field, "", value)

    def change(frame: pd.DataFrame) -> pd.DataFrame:
        from geo.table.corrections import row_keys

        out = apply_corrections(frame, [restore], locate).table
        if not standing:  # the field is as extracted again: no longer marked
            hit = row_keys(out) == f"{base}|{type_after}"
            out["corrected"] = out["corrected"].astype("object")
            out.loc[hit, "corrected"] = [
                ",".join(f for f in str(m or "").split(",") if f and f != target.field) or None
                for m in out.loc[hit, "corrected"].fillna("")
            ]
        return out

    _rewrite(Path(table), change)
    shown = value if value else "empty"
    return Undone(made, True, f"undone: {FIELD_LABELS[target.field]} is back to {shown}")


def _undo_drop(table: Path, made: Correction, target: Correction) -> Undone:
    """Put back the row a ``not_event`` correction took out, from the copy in its ``old``."""
    try:
        row = json.loads(target.old)
    except ValueError:
        row = None
    if not isinstance(row, dict) or not row.get("event_id"):
        return Undone(made, False, "undone; the row comes back at the next build "
                      "(python -m geo build)")  # fmt: skip

    def change(frame: pd.DataFrame) -> pd.DataFrame:
        if (frame["event_id"] == row["event_id"]).any():
            return frame
        back = pd.DataFrame([row]).reindex(columns=frame.columns)
        return pd.concat([frame, back], ignore_index=True)

    _rewrite(table, change)
    return Undone(made, True, "undone: the row is back in the table")


def orphan_corrections(table: pd.DataFrame, corrections: list[Correction]) -> list[Correction]:
    """The standing corrections whose row is not in *table* (no row of their article and
    place; a table corrected already has types changed and "not an event" rows gone, so only
    the article and the place are compared, and "not an event" corrections never count)."""
    live = [c for c in _live(corrections) if c.field != "not_event"]
    if not live or table.empty:
        return live
    from geo.table.corrections import row_keys

    bases = set(row_keys(table).str.rsplit("|", n=1).str[0])
    return [c for c in live if _base(c.key) not in bases]


def standing_corrections(corrections: list[Correction]) -> list[Correction]:
    """The corrections not undone, in file order (undo rows left out)."""
    return _live(corrections)


def search_places(query: str, limit: int = 8) -> list[tuple[str, str]]:
    """Gazetteer places named *query*: ``(location_id, "Name, Country (feature)")``."""
    query = query.strip()
    if not query:
        return []
    from geo.geocoders import OfflineGeocoder

    found = OfflineGeocoder().geocode(query, exactly_one=False) or []
    out: list[tuple[str, str]] = []
    for location in found:
        raw = location.raw
        ident = raw.get("location_id")
        if ident and ident not in {i for i, _ in out}:
            kind = raw.get("feature") or "place"
            out.append((str(ident), f"{location.address} ({kind}, {ident})"))
        if len(out) >= limit:
            break
    return out
