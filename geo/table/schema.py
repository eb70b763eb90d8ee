"""The events table schema: the one place that says which columns exist and what they hold.

One row is one event at one place (ACLED / UCDP style). The table is validated on write and on
read by :func:`validate_events`; :mod:`geo.table.formats` reads and writes it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from numbers import Integral, Real

import pandas as pd

from geo.exc import SchemaError

EVENT_TYPES: tuple[str, ...] = (
    "troop_deployment",
    "foreign_troops",
    "state_of_emergency",
    "border_control",
    "military_exercise",
    "security_agreement",
    "migration",
    "other",
)
"""Deployment types, in the order the dashboard lists them."""

EVENT_TYPE_LABELS: dict[str, str] = {
    "troop_deployment": "Troop deployment",
    "foreign_troops": "Foreign troops",
    "state_of_emergency": "State of emergency",
    "border_control": "Border control",
    "military_exercise": "Military exercise",
    "security_agreement": "Security agreement",
    "migration": "Migration",
    "other": "Other",
}

GEO_PRECISIONS: tuple[str, ...] = ("point", "admin1", "country", "border")
"""How exactly a row is placed: a town or district, a first-level region, a whole country, or
the shared border line of two countries (then ``geometry_wkt`` holds the line)."""

DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "unknown")
FORCE_QUALIFIERS: tuple[str, ...] = ("exact", "about", "at_least", "at_most")
SOURCE_DATASETS: tuple[str, ...] = ("news", "acled", "ucdp", "gdelt")
"""Where a row comes from: extracted from a news article (``news``) or imported from a dataset
of the field (:mod:`geo.importers`). An empty value (a table older than the column) is news."""


@dataclass(frozen=True)
class Column:
    """One column: its pandas dtype kind, whether a value is required, and what it means."""

    kind: str  # "str" | "int" | "float" | "date"
    required: bool
    doc: str


COLUMNS: dict[str, Column] = {
    "event_id": Column("str", True, "stable id: hash of article, event index and place"),
    "event_key": Column("str", False, "<article_id>#<n>: shared by the rows of one event"),
    "article_id": Column("str", True, "file stem, or the manifest's id"),
    "source": Column("str", False, "publisher as named in the metadata"),
    "url": Column("str", False, "link to the article (http/https only are made links)"),
    "title": Column("str", False, "article title"),
    "lang": Column("str", False, "ISO 639-1 language of the article"),
    "published": Column("str", False, "publication date as known: YYYY, YYYY-MM or YYYY-MM-DD"),
    "event_type": Column("str", True, "one of EVENT_TYPES"),
    "date_start": Column("date", False, "first day the event covers (empty when unknown)"),
    "date_end": Column("date", False, "last day the event covers (empty when unknown)"),
    "date_precision": Column("str", True, "one of DATE_PRECISIONS"),
    "duration_days": Column("int", False, "stated duration ('pendant 60 jours')"),
    "place": Column("str", True, "the place as written in the article"),
    "place_start": Column("int", False, "character offset of the place mention"),
    "place_end": Column("int", False, "end offset (exclusive) of the place mention"),
    "place_resolved": Column("str", False, "gazetteer name of the resolved place"),
    "geonameid": Column("int", False, "GeoNames id (empty for borders and supplement places)"),
    "location_id": Column("str", True, "stable place key: gn:<id>, border:<A>-<B>, sup:<id>"),
    "feature": Column("str", False, "country / admin1 / admin2 / city / border / ..."),
    "geo_precision": Column("str", True, "one of GEO_PRECISIONS"),
    "country_code": Column("str", False, "ISO 3166-1 alpha-2 of the place"),
    "admin1": Column("str", False, "first-level region name"),
    "latitude": Column("float", True, "WGS84 latitude (a point on the line for borders)"),
    "longitude": Column("float", True, "WGS84 longitude"),
    "geometry_wkt": Column("str", False, "WKT geometry when not a point (border lines)"),
    "force_size": Column("int", False, "number of troops or agents stated"),
    "force_size_qualifier": Column("str", False, "one of FORCE_QUALIFIERS"),
    "place_force_size": Column(
        "int", False, "troops stated for this place alone ('990 in Tijuana'; an event's only place)"
    ),
    "actor": Column("str", False, "deploying force, e.g. 'US Army', 'National Guard'"),
    "actor_country": Column("str", False, "ISO code of the deploying country"),
    "host_country": Column("str", False, "ISO code of the country where the force is"),
    "evidence": Column("str", True, "the sentence(s) the event comes from"),
    "evidence_start": Column("int", True, "offset of the evidence in the article text"),
    "evidence_end": Column("int", True, "end offset (exclusive) of the evidence"),
    "confidence": Column("float", True, "0..1, how sure the extraction is"),
    "source_dataset": Column(
        "str", False, "one of SOURCE_DATASETS: news (extracted) or the imported dataset"
    ),
    "source_id": Column(
        "str", False, "the row's id in its dataset (ACLED event_id_cnty, UCDP id, GDELT id)"
    ),
    "corrected": Column(
        "str", False, "fields an analyst corrected (data/corrections.csv), comma-separated"
    ),
}

REQUIRED: tuple[str, ...] = tuple(name for name, col in COLUMNS.items() if col.required)

_DTYPES = {"str": "string", "int": "Int64", "float": "float64"}


def empty_events() -> pd.DataFrame:
    """An events table with every column and no row."""
    return validate_events(pd.DataFrame({name: [] for name in COLUMNS}))


def _coerce(name: str, col: Column, values: pd.Series) -> pd.Series:
    if col.kind == "date":
        text = values.astype("string").str.strip().replace("", pd.NA)
        out = pd.to_datetime(text, format="ISO8601", errors="coerce")
        bad = text.notna() & out.isna()
        if bad.any():
            raise SchemaError(f"column {name!r}: not an ISO date: {text[bad].iloc[0]!r}")
        return out.astype("datetime64[ns]")
    if col.kind in ("int", "float"):
        numbers = pd.to_numeric(values, errors="coerce")
        bad = values.notna() & (values.astype("string").str.strip() != "") & numbers.isna()
        if bad.any():
            raise SchemaError(f"column {name!r}: not a number: {values[bad].iloc[0]!r}")
        if col.kind == "int":
            if (numbers.dropna() % 1 != 0).any():
                raise SchemaError(f"column {name!r}: not a whole number")
            return numbers.astype("Int64")
        return numbers.astype("float64")
    out = values.astype("string")
    return out.where(out.str.len() > 0, pd.NA)


def _check_allowed(df: pd.DataFrame, name: str, allowed: tuple[str, ...]) -> None:
    bad = df[name].notna() & ~df[name].isin(allowed)
    if bad.any():
        raise SchemaError(f"column {name!r}: {df.loc[bad, name].iloc[0]!r} not in {allowed}")


def _is_empty(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _number(name: str, value: object) -> float:
    if isinstance(value, bool):
        raise SchemaError(f"column {name!r}: not a number: {value!r}")
    if isinstance(value, Real):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise SchemaError(f"column {name!r}: not a number: {value!r}")


def _check_value(name: str, col: Column, value: object) -> None:
    if col.kind == "date":
        if isinstance(value, date | datetime):
            return
        try:
            datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise SchemaError(f"column {name!r}: not an ISO date: {value!r}") from None
    elif col.kind in ("int", "float"):
        number = _number(name, value)
        if col.kind == "int" and not isinstance(value, Integral) and number % 1 != 0:
            raise SchemaError(f"column {name!r}: not a whole number")
        if not math.isfinite(number):
            raise SchemaError(f"column {name!r}: not a finite number: {value!r}")
    elif isinstance(value, Mapping | list | tuple | set):
        raise SchemaError(f"column {name!r}: not a text: {value!r}")


_ALLOWED = {
    "event_type": EVENT_TYPES,
    "geo_precision": GEO_PRECISIONS,
    "date_precision": DATE_PRECISIONS,
    "force_size_qualifier": FORCE_QUALIFIERS,
    "source_dataset": SOURCE_DATASETS,
}
_RANGES = {"latitude": (-90, 90), "longitude": (-180, 180), "confidence": (0, 1)}


def check_rows(rows: Iterable[Mapping]) -> None:
    """Check plain-dict rows (one article's, before they join a table) as
    :func:`validate_events` checks a table, in plain Python (no frame per article), and also
    that ``geometry_wkt`` parses as WKT (the GeoJSON writer needs it).

    Raises :class:`~geo.exc.SchemaError` naming the row, the column and the value.
    """
    for number, row in enumerate(rows):
        try:
            for name, col in COLUMNS.items():
                value = row.get(name)
                if _is_empty(value):
                    if col.required:
                        raise SchemaError(f"column {name!r} is empty")
                    continue
                _check_value(name, col, value)
                if name in _ALLOWED and value not in _ALLOWED[name]:
                    raise SchemaError(f"column {name!r}: {value!r} not in {_ALLOWED[name]}")
                if name in _RANGES:
                    low, high = _RANGES[name]
                    if not low <= _number(name, value) <= high:
                        raise SchemaError(f"column {name!r}: {value!r} outside {low}..{high}")
            wkt = row.get("geometry_wkt")
            if not _is_empty(wkt):
                check_wkt(str(wkt))
        except SchemaError as error:
            raise SchemaError(f"row {number}: {error}") from None


def check_wkt(text: str) -> None:
    """Raise :class:`~geo.exc.SchemaError` unless *text* is a valid, non-empty WKT geometry."""
    from shapely import wkt
    from shapely.errors import ShapelyError

    try:
        geometry = wkt.loads(text)
    except (ShapelyError, ValueError, TypeError) as error:
        raise SchemaError(
            f"column 'geometry_wkt': not valid WKT ({error}): {text[:60]!r}"
        ) from None
    if geometry.is_empty:
        raise SchemaError(f"column 'geometry_wkt': an empty geometry: {text[:60]!r}")


def validate_events(df: pd.DataFrame) -> pd.DataFrame:
    """Check *df* against the schema and return a copy with canonical dtypes and column order.

    Raises :class:`~geo.exc.SchemaError` naming the first problem found: a missing required
    column (a missing optional one reads as empty), an empty required value, a value of the
    wrong type, or a label outside its vocabulary. Extra columns are kept after the schema's.
    """
    missing = [name for name in REQUIRED if name not in df.columns]
    if missing:
        raise SchemaError(f"events table lacks column(s): {', '.join(missing)}")
    out = pd.DataFrame(index=pd.RangeIndex(len(df)))
    for name, col in COLUMNS.items():
        # An optional column a table lacks (an older table) reads as empty.
        values = df[name] if name in df.columns else pd.Series([None] * len(df), dtype=object)
        out[name] = _coerce(name, col, values.reset_index(drop=True))
    for name in REQUIRED:
        if out[name].isna().any():
            row = int(out[name].isna().to_numpy().nonzero()[0][0])
            raise SchemaError(f"column {name!r} is empty in row {row}")
    _check_allowed(out, "event_type", EVENT_TYPES)
    _check_allowed(out, "geo_precision", GEO_PRECISIONS)
    _check_allowed(out, "date_precision", DATE_PRECISIONS)
    _check_allowed(out, "force_size_qualifier", FORCE_QUALIFIERS)
    _check_allowed(out, "source_dataset", SOURCE_DATASETS)
    if not out["latitude"].between(-90, 90).all() or not out["longitude"].between(-180, 180).all():
        raise SchemaError("latitude/longitude out of range")
    if not out["confidence"].between(0, 1).all():
        raise SchemaError("confidence must lie in 0..1")
    if out["event_id"].duplicated().any():
        dup = out.loc[out["event_id"].duplicated(), "event_id"].iloc[0]
        raise SchemaError(f"duplicate event_id {dup!r}")
    extra = [c for c in df.columns if c not in COLUMNS]
    for name in extra:
        out[name] = df[name].reset_index(drop=True)
    return out
