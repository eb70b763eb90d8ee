"""The events table in its file formats: CSV, Parquet, GeoJSON (written atomically).

**CSV cells are neutralised against formula injection** (OWASP's rule): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (or their full-width forms)
gets a leading ``'``, so a spreadsheet shows it as text instead of running it. The rule is
reversible: a cell whose text after its leading quotes starts with one of those characters
always carries one quote more, and :func:`read_events` removes it, so a table read back is
the table written. A carriage return inside a text cell is written as a newline (the CSV
writer would leave it unquoted, and every reader would end the row there).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from geo.exc import SchemaError, TableReadError
from geo.io import atomic_open, atomic_write_text
from geo.table.schema import validate_events

TABLE_FORMATS = (".csv", ".parquet", ".geojson")


def events_to_geojson(df: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection of the rows: border rows as lines, the others as points."""
    from shapely import wkt
    from shapely.errors import ShapelyError
    from shapely.geometry import mapping

    features = []
    for row in df.itertuples(index=False):
        record = row._asdict()
        geometry_wkt = record.get("geometry_wkt")
        if isinstance(geometry_wkt, str) and geometry_wkt:
            try:
                geometry = mapping(wkt.loads(geometry_wkt))
            except (ShapelyError, ValueError, TypeError) as error:
                raise SchemaError(
                    f"event {record.get('event_id')!r}: geometry_wkt is not valid WKT ({error})"
                ) from None
        else:
            geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
        properties = {}
        for key, value in record.items():
            if key == "geometry_wkt":
                continue
            if value is pd.NA or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
                value = None
            elif isinstance(value, pd.Timestamp):
                value = value.date().isoformat()
            elif hasattr(value, "item"):
                value = value.item()
            properties[key] = value
        features.append({"type": "Feature", "geometry": _plain(geometry), "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _plain(obj):
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    return obj


FORMULA_TRIGGERS = (
    "=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20",
)  # fmt: skip
"""What a spreadsheet may read as the start of a formula (OWASP's list, CSV injection, plus
the full-width forms and a newline)."""


def neutralise_cell(value: object) -> object:
    """*value* made safe for a CSV cell: carriage returns made newlines, then a text whose
    first character after any leading ``'`` is one of :data:`FORMULA_TRIGGERS` gets one
    ``'`` more; anything else is unchanged."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _needs_neutralising(value: object) -> bool:
    if not isinstance(value, str) or not value:
        return False
    first = value[0]
    if first in FORMULA_TRIGGERS or "\r" in value:
        return True
    return first == "'" and value.lstrip("'").startswith(FORMULA_TRIGGERS)


def _risky_cells(column: pd.Series) -> pd.Series:
    """Which cells of a text column :func:`neutralise_cell` changes (vectorised for the
    table's string columns, cell by cell for plain object columns)."""
    if pd.api.types.is_string_dtype(column) and not pd.api.types.is_object_dtype(column):
        first = column.str.slice(0, 1)
        candidates = first.isin((*FORMULA_TRIGGERS, "'")) | column.str.contains("\r", regex=False)
        candidates = candidates.fillna(False).astype(bool)
        risky = pd.Series(False, index=column.index)
        if candidates.any():
            risky[candidates] = [_needs_neutralising(v) for v in column[candidates]]
        return risky
    return pd.Series([_needs_neutralising(v) for v in column], index=column.index, dtype=bool)


def restore_cell(value: object) -> object:
    """The inverse of :func:`neutralise_cell` (for cells read back from a CSV)."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value.lstrip("'").startswith(FORMULA_TRIGGERS)
    ):
        return value[1:]
    return value


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """*df* as it goes into a CSV file: dates as ``YYYY-MM-DD``, every text cell neutralised
    (:func:`neutralise_cell`). Used by every CSV deploymap writes (tables and downloads)."""
    out = df.copy()
    for name in out.columns:
        column = out[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            risky = _risky_cells(column)
            if risky.any():  # only those cells are rewritten
                out[name] = column.astype(object)
                out.loc[risky, name] = column[risky].map(neutralise_cell)
    return out


def write_events(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Validate *df* and write it atomically; the format follows the extension."""
    target = Path(path)
    table = validate_events(df)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        with atomic_open(target, "w", encoding="utf-8", newline="") as handle:
            csv_frame(table).to_csv(handle, index=False)
    elif suffix == ".parquet":
        with atomic_open(target, "wb") as handle:
            table.to_parquet(handle, index=False)
    elif suffix == ".geojson":
        text = json.dumps(events_to_geojson(table), ensure_ascii=False)
        atomic_write_text(target, text)
    else:
        raise SchemaError(f"unknown table format {suffix!r}; use one of {TABLE_FORMATS}")
    return target


def read_events(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate an events table (.csv, .parquet file or dataset folder, .geojson).

    A folder is read as a Parquet dataset (:func:`geo.table.dataset.read_dataset`): only the
    parts its manifest commits, with the schema's columns and none of the helper columns.

    Raises :class:`~geo.exc.TableReadError` if the file cannot be parsed and
    :class:`~geo.exc.SchemaError` if it parses but is not an events table.
    """
    source = Path(path)
    if not source.exists():
        raise TableReadError(f"{source}: no such events table")
    suffix = source.suffix.lower()
    try:
        if suffix == ".csv":
            df = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""])
            for name in df.columns:  # only the quoted cells go through Python
                quoted = df[name].str.startswith("'", na=False)
                if quoted.any():
                    df.loc[quoted, name] = df.loc[quoted, name].map(restore_cell)
        elif source.is_dir():
            # a Parquet dataset: committed parts only, schema columns only (the helper
            # columns ``_search`` and the ``month`` partition are dropped)
            from geo.table.dataset import read_dataset

            return read_dataset(source)
        elif suffix == ".parquet":
            df = pd.read_parquet(source)
        elif suffix == ".geojson":
            data = json.loads(source.read_text(encoding="utf-8"))
            rows = []
            for feature in data["features"]:
                props = dict(feature["properties"])
                geometry = feature.get("geometry") or {}
                if geometry.get("type") not in (None, "Point"):
                    from shapely.geometry import shape

                    props["geometry_wkt"] = shape(geometry).wkt
                else:
                    props.setdefault("geometry_wkt", None)
                rows.append(props)
            df = pd.DataFrame(rows)
        else:
            raise TableReadError(f"{source}: unknown table format {suffix!r}")
    except (TableReadError, SchemaError):
        raise
    except Exception as error:  # parse errors of every reader: say which file, keep the cause
        raise TableReadError(f"{source}: cannot read events table: {error}") from error
    try:
        return validate_events(df)
    except SchemaError as error:
        raise SchemaError(f"{source}: {error}") from error
