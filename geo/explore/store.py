"""Every question the dashboard asks of the events table, answered by one engine: DuckDB SQL.

:class:`EventStore` holds one table, wherever its rows live:

* **in memory** (:meth:`EventStore.from_frame`, or :meth:`EventStore.open` on a CSV, GeoJSON
  or small Parquet table): the pandas frame is registered with DuckDB as an Arrow table with a
  row number ``_row``; queries that return rows return row numbers, and the rows are taken from
  the frame (schema dtypes, nothing converted);
* **on disk** (a Parquet dataset folder, or a Parquet file above *threshold_bytes*): DuckDB
  reads the Parquet files, the filters pushed down (month partitions pruned, row-group
  statistics, column projection), and only a page of rows or the aggregates reach pandas.

Each filter rule is written once (:func:`where_clause`), and so is each aggregate: places for
the map, headline numbers, events per type and month, the latest events of each place for the
popups, a sorted page. ``bench/bench_query.py`` measured this one engine against the former
pandas path at 1k, 100k and 1M events before the pandas path was removed.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geo import config
from geo.exc import ConfigurationError, SchemaError, TableReadError
from geo.explore.filters import FilterOptions, Filters, filter_options, source_order
from geo.table.dataset import UNKNOWN_MONTH, dataset_files
from geo.table.schema import (
    COLUMNS,
    EVENT_TYPE_LABELS,
    EVENT_TYPES,
    REQUIRED,
    empty_events,
    validate_events,
)
from geo.table.search import SEARCH_COLUMN, SEARCH_FIELDS, add_search_column
from geo.text import fold

DEFAULT_THRESHOLD_BYTES = 64 * 1024 * 1024
"""Parquet above this size on disk (about 400k events) is queried where it lies."""

TYPE_COUNT_PREFIX = "n_"
PLACE_COLUMNS: tuple[str, ...] = (
    "location_id", "label", "latitude", "longitude", "geo_precision", "geometry_wkt",
    "country_code", "admin1", "n_events", "main_type", "n_types", "date_first", "date_last",
    "force_total", *(TYPE_COUNT_PREFIX + t for t in EVENT_TYPES),
)  # fmt: skip
"""Columns of :meth:`EventStore.filter_places`: one row per place, most events first."""

HEADLINE_KEYS: tuple[str, ...] = ("events", "places", "countries", "troops", "rows", "undated")
"""Keys of :meth:`EventStore.headline`: events (not rows: an event at three places is one),
places, countries (a border counts for both sides), troops (each stated force once), rows
(event x place) and undated events passing the filters."""
COUNTRY_COLUMNS: tuple[str, ...] = (
    "country_code", "events", "places", "rows", "troops", "monthly", "trend",
)  # fmt: skip
"""Columns of :meth:`EventStore.country_summary`."""
REGION_COLUMNS: tuple[str, ...] = (
    "country_code", "admin1", "events", "places", "locations", "monthly", "trend",
)  # fmt: skip
"""Columns of :meth:`EventStore.region_summary`."""

FORCE_COLUMNS = "event_key, article_id, evidence_start, force_size, place_force_size"
"""The columns :data:`STATED_FORCES_SQL` reads from the filtered rows ``f``."""
STATED_FORCES_SQL = """
    per_event AS (
        SELECT min(article_id) AS article_id, min(evidence_start) AS sentence,
               coalesce(min(force_size), sum(place_force_size)) AS force,
               max(CASE WHEN date_start IS NULL THEN 0 ELSE 1 END) AS dated
        FROM f WHERE event_key IS NOT NULL GROUP BY event_key
        UNION ALL
        SELECT article_id, evidence_start, coalesce(force_size, place_force_size),
               CASE WHEN date_start IS NULL THEN 0 ELSE 1 END
        FROM f WHERE event_key IS NULL
    ), stated AS (
        SELECT DISTINCT article_id, sentence, force FROM per_event WHERE force IS NOT NULL
    )"""
"""SQL CTEs over the filtered rows ``f``: ``per_event`` (one row per event: its article, first
sentence, force and whether it is dated) and ``stated`` (one row per stated force: the same
count in the same sentence of an article is one force, however many events share it)."""
POPUP_COLUMNS: tuple[str, ...] = (
    "location_id", "event_id", "event_type", "date_start", "date_end", "date_precision",
    "force_size", "actor", "url", "source", "evidence",
)  # fmt: skip
"""Columns of :meth:`EventStore.latest_per_place` (what a map popup lists)."""
POPUP_EVENTS = 2
"""Events a popup lists per place."""

MEMORY_VIEW = "events"
"""The name an in-memory table is registered under in its DuckDB connection."""
ROW = "_row"
"""Row number of an in-memory table (its position in :attr:`EventStore.frame`)."""

_NO_DATE_KEY = 2**63 - 1
"""Sort key of an undated row in :meth:`EventStore.latest_per_place`: after every date."""
_NEWEST_FIRST = "date_start DESC NULLS LAST, event_id"


@dataclass(frozen=True)
class Bounds:
    """The bounding box of the events: south, west, north, east (degrees)."""

    south: float
    west: float
    north: float
    east: float


# ---------------------------------------------------------------- which storage


def _table_files(path: Path) -> list[Path]:
    return dataset_files(path) if path.is_dir() else [path]


def _disk_size(files: list[Path]) -> int:
    return sum(f.stat().st_size for f in files if f.exists())


def _is_parquet(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() == ".parquet"


def choose_backend(
    path: str | os.PathLike[str],
    environ: Mapping[str, str] | None = None,
    *,
    threshold_bytes: int = DEFAULT_THRESHOLD_BYTES,
) -> str:
    """Where the dashboard keeps *path*'s rows: ``"duckdb"`` (on disk) for a Parquet dataset
    folder or a Parquet file above *threshold_bytes*, else ``"pandas"`` (read into memory).
    ``$DEPLOYMAP_BACKEND`` (in *environ*) forces either; only Parquet stays on disk. DuckDB
    answers the queries either way."""
    source = Path(path)
    if not _is_parquet(source):
        return "pandas"
    forced = config.forced_backend(environ)
    if forced:
        return forced
    if source.is_dir():
        return "duckdb"
    return "duckdb" if _disk_size([source]) > threshold_bytes else "pandas"


# ---------------------------------------------------------------- a table with bad rows


def _raw_rows(source: Path) -> pd.DataFrame:
    """The cells of a CSV or Parquet events table as read, before the schema's checks."""
    from geo.table.formats import restore_cell

    suffix = source.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(source)
    if suffix != ".csv":
        raise SchemaError(f"{source}: bad rows can be skipped in CSV and Parquet tables only")
    df = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""])
    for name in df.columns:
        quoted = df[name].str.startswith("'", na=False)
        if quoted.any():
            df.loc[quoted, name] = df.loc[quoted, name].map(restore_cell)
    return df


def _split_good(raw: pd.DataFrame, start: int, bad: list[tuple[int, str]]) -> list[pd.DataFrame]:
    """The valid parts of *raw* (rows *start*..), halving around each bad row; the bad rows'
    numbers and reasons go to *bad*."""
    try:
        return [validate_events(raw)]
    except SchemaError as error:
        if len(raw) == 1:
            bad.append((start, str(error)))
            return []
    half = len(raw) // 2
    return [*_split_good(raw.iloc[:half], start, bad),
            *_split_good(raw.iloc[half:], start + half, bad)]  # fmt: skip


def read_good_rows(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, list[str]]:
    """The rows of a CSV or Parquet events table that pass the schema, and one reason per row
    left out (``row N (line L of the CSV): ...``; a repeated ``event_id`` keeps the first).

    Raises :class:`~geo.exc.SchemaError` when a required column is missing (no row can be
    read) and :class:`~geo.exc.TableReadError` when the file cannot be parsed."""
    source = Path(path)
    try:
        raw = _raw_rows(source)
    except SchemaError:
        raise
    except Exception as error:
        raise TableReadError(f"{source}: cannot read events table: {error}") from error
    missing = [name for name in REQUIRED if name not in raw.columns]
    if missing:
        raise SchemaError(f"{source}: events table lacks column(s): {', '.join(missing)}")
    raw = raw.reset_index(drop=True)
    bad: list[tuple[int, str]] = []
    parts = _split_good(raw, 0, bad) if len(raw) else []
    table = pd.concat(parts, ignore_index=True) if parts else empty_events()
    good_rows = [i for i in range(len(raw)) if i not in {b for b, _ in bad}]
    duplicated = table["event_id"].duplicated().to_numpy()
    for position in np.flatnonzero(duplicated):
        ident = table["event_id"].iloc[position]
        bad.append((good_rows[position], f"duplicate event_id {ident!r}"))
    table = validate_events(table.loc[~duplicated].reset_index(drop=True))
    csv = source.suffix.lower() == ".csv"
    reasons = []
    for row, why in sorted(bad):
        why = re.sub(r"^row \d+: |in row \d+", "", why).strip()
        ident = raw["event_id"].iloc[row] if "event_id" in raw.columns else None
        line = f" (line {row + 2} of the CSV)" if csv else ""
        name = f", event_id {ident!r}" if isinstance(ident, str) and ident else ""
        reasons.append(f"row {row + 1}{line}{name}: {why}")
    return table, reasons


# ---------------------------------------------------------------- checked tables, cached


CACHED_TABLES = 4
"""Checked tables kept in a cache folder (the most recent)."""


def _cache_name(source: Path) -> str:
    import hashlib

    stat = source.stat()
    key = f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{sorted(COLUMNS)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _cached_table(source: Path, cache_dir: str | os.PathLike[str]) -> tuple | None:
    """The checked frame (with ``_search``) and skipped reasons cached for *source*, if any."""
    import json

    base = Path(cache_dir) / _cache_name(source)
    try:
        frame = pd.read_parquet(base.with_suffix(".parquet"))
        skipped = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    except Exception:  # a damaged cache file: read the table again
        return None
    if SEARCH_COLUMN not in frame.columns or not isinstance(skipped, list):
        return None
    return frame, [str(reason) for reason in skipped]


def _cache_table(source: Path, cache_dir: str | os.PathLike[str], store: EventStore) -> None:
    """Keep *store*'s checked frame for the next :meth:`EventStore.open` of *source*."""
    import json

    from geo.io import atomic_open, atomic_write_text

    base = Path(cache_dir) / _cache_name(source)
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(base.with_suffix(".parquet"), "wb") as out:
            store.frame.to_parquet(out, index=False)
        atomic_write_text(base.with_suffix(".json"), json.dumps(store.skipped))
        kept = sorted(base.parent.glob("*.parquet"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-CACHED_TABLES]:  # older versions of the tables
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)
    except (OSError, ValueError, ImportError):
        pass  # only slower next time
    except Exception:  # pyarrow's own errors: the cache is an optimisation
        pass


# ---------------------------------------------------------------- the filter rules, in SQL


@lru_cache(maxsize=1)
def _letter_variants() -> dict[str, str]:
    """ASCII letter -> every Latin character that :func:`geo.text.fold` turns into it."""
    variants: dict[str, set[str]] = {}
    for start, end in ((0x41, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            char = chr(code)
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded.isalpha():
                variants.setdefault(folded, set()).add(char)
    return {k: "".join(sorted(v)) for k, v in variants.items()}


def word_pattern(word: str) -> str:
    """An RE2 pattern matching *word* (already folded) in unfolded text, like ``fold`` would:
    each letter as the class of its accented and upper-case forms, combining marks allowed."""
    variants = _letter_variants()
    out = []
    for char in word:
        if char in variants:
            out.append(f"[{re.escape(variants[char])}]\\pM*")
        else:
            out.append(re.escape(char))
    return "".join(out)


Location = str | Sequence[str] | None
"""One place's ``location_id``, several (a selection on the map), or ``None``: every place."""


def _placeholders(values: tuple) -> str:
    return ", ".join("?" for _ in values)


_NOT_WORD = r"[^\pL\pN\pM_]"
"""A character that is no part of a word (RE2): the search matches whole words only."""


def whole_word(pattern: str) -> str:
    """*pattern* as a whole word: at the start of the text or after a non-word character, and
    at the end or before one ("US" finds "US Army", never "sous-secretaire")."""
    return f"(?:^|{_NOT_WORD})(?:{pattern})(?:$|{_NOT_WORD})"


BORDER_PREFIX = "border:"
_BORDER_SIDE = "split_part(substr(location_id, {start}), '-', {side})".replace(
    "{start}", str(len(BORDER_PREFIX) + 1)
)
ROW_COUNTRIES_SQL = (
    f"CASE WHEN starts_with(location_id, '{BORDER_PREFIX}') THEN list_distinct(list_filter("
    f"[country_code, {_BORDER_SIDE.format(side=1)}, {_BORDER_SIDE.format(side=2)}], "
    "lambda c: c IS NOT NULL AND c <> '')) "
    "WHEN country_code IS NULL THEN [] ELSE [country_code] END"
)
"""The countries a row belongs to (SQL list): its ``country_code``, and for a border row
(``border:CL-PE``) both sides: a border belongs to both countries."""


def _country_condition(countries: tuple[str, ...]) -> tuple[str, list[Any]]:
    marks = _placeholders(countries)
    sides = " OR ".join(f"{_BORDER_SIDE.format(side=k)} IN ({marks})" for k in (1, 2))
    sql = (
        f"(country_code IN ({marks}) OR "
        f"(starts_with(location_id, '{BORDER_PREFIX}') AND ({sides})))"
    )
    return sql, list(countries) * 3


def month_span(month: date) -> tuple[date, date]:
    """The first and last day of *month*'s month."""
    first = month.replace(day=1)
    following = (pd.Timestamp(first) + pd.offsets.MonthBegin(1)).date()
    return first, following - pd.Timedelta(days=1)


def effective_dates(filters: Filters) -> tuple[date | None, date | None]:
    """The date range *filters* select: ``from``..``to``, narrowed to the playback month."""
    lo, hi = filters.date_from, filters.date_to
    if filters.month is not None:
        first, last = month_span(filters.month)
        lo = first if lo is None else max(lo, first)
        hi = last if hi is None else min(hi, last)
    return lo, hi


def where_clause(filters: Filters, *, search_column: bool = False) -> tuple[str, list[Any]]:
    """The SQL ``WHERE`` condition (with ``?`` parameters) of *filters*: the one place the
    filter rules are written. *search_column*: the table holds the folded ``_search`` text.

    Types (``None`` all, empty none); dates: a dated row passes when its span
    (``date_start``..``date_end``) meets ``from``..``to`` (narrowed to the playback
    ``month``, which leaves undated rows out), an undated row when ``undated``; countries (a
    border row belongs to both its countries), actors and sources (``source_dataset``, news
    when empty; empty: all); force at least
    ``min_force``; every word of ``q`` as a whole word, accent- and case-free, in the place,
    region, actor, evidence or title.
    """
    conds: list[str] = []
    params: list[Any] = []
    if filters.types is not None:
        if not filters.types:
            return "FALSE", []
        conds.append(f"event_type IN ({_placeholders(filters.types)})")
        params += list(filters.types)
    date_from, date_to = effective_dates(filters)
    dated = ["date_start IS NOT NULL"]
    if date_from is not None:
        dated.append("coalesce(date_end, date_start) >= ?")
        params.append(pd.Timestamp(date_from).to_pydatetime())
    if date_to is not None:
        dated.append("date_start <= ?")
        params.append(pd.Timestamp(date_to).to_pydatetime())
    in_range = " AND ".join(dated)
    undated = filters.undated and filters.month is None
    conds.append(f"(({in_range}) OR date_start IS NULL)" if undated else f"({in_range})")
    if filters.countries:
        sql, values = _country_condition(filters.countries)
        conds.append(sql)
        params += values
    if filters.actors:
        conds.append(f"actor IN ({_placeholders(filters.actors)})")
        params += list(filters.actors)
    if filters.sources:  # a row without a source_dataset (an older table) is news
        conds.append(f"coalesce(source_dataset, 'news') IN ({_placeholders(filters.sources)})")
        params += list(filters.sources)
    if filters.min_force:
        conds.append("force_size >= ?")
        params.append(int(filters.min_force))
    for word in fold(filters.q).split():
        if search_column:
            # contains() first: cheap, and it leaves the regex few rows to check
            conds.append(f"(contains({SEARCH_COLUMN}, ?) AND regexp_matches({SEARCH_COLUMN}, ?))")
            params += [word, whole_word(re.escape(word))]
            continue
        # per field, not on the joined text: a word has no space, so it cannot straddle two
        # fields, and one regex per field is ~30x faster than folding the joined text
        pattern = whole_word(word_pattern(word))
        conds.append("(" + " OR ".join(f"regexp_matches({c}, ?)" for c in SEARCH_FIELDS) + ")")
        params += [pattern] * len(SEARCH_FIELDS)
    return (" AND ".join(conds) or "TRUE"), params


# ---------------------------------------------------------------- result shapes


def _check_sort(sort: str) -> str:
    if sort not in COLUMNS:
        raise ConfigurationError(f"cannot sort on {sort!r}: not a column")
    return sort


def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _finish_places(places: pd.DataFrame) -> pd.DataFrame:
    """Main type (most events, ties in EVENT_TYPES order), order and dtypes of the places."""
    counts = places[[TYPE_COUNT_PREFIX + t for t in EVENT_TYPES]].to_numpy()
    places["main_type"] = (
        [EVENT_TYPES[i] for i in counts.argmax(axis=1)] if len(places) else pd.Series(dtype=str)
    )
    places = places.sort_values(["n_events", "location_id"], ascending=[False, True])
    out = places.reset_index(drop=True)[list(PLACE_COLUMNS)]
    for name in ("label", "geo_precision", "geometry_wkt", "country_code", "admin1",
                 "main_type", "location_id"):  # fmt: skip
        out[name] = out[name].astype("string")
    for name in ("n_events", "n_types", "force_total",
                 *(TYPE_COUNT_PREFIX + t for t in EVENT_TYPES)):  # fmt: skip
        out[name] = out[name].astype("int64")
    for name in ("latitude", "longitude"):
        out[name] = out[name].astype("float64")
    for name in ("date_first", "date_last"):
        out[name] = pd.to_datetime(out[name]).astype("datetime64[ns]")
    return out


def _monthly_trend(
    listed_months: pd.Series, months: list, trend_months: int
) -> tuple[list[list[int]], list[float | None]]:
    """Per row of *listed_months* (each event's month, a list): its events per month of
    *months*, and the trend (the last *trend_months* months against the ones before)."""
    index = {pd.Timestamp(m): i for i, m in enumerate(months)}
    monthly, trends = [], []
    for listed in listed_months:
        counts = [0] * len(months)
        for month in listed if isinstance(listed, list | np.ndarray) else []:
            position = index.get(pd.Timestamp(month))
            if position is not None:
                counts[position] += 1
        monthly.append(counts)
        recent = sum(counts[-trend_months:])
        before = sum(counts[-2 * trend_months : -trend_months]) if len(counts) > trend_months else 0
        trends.append((recent - before) / before if before else None)
    return monthly, trends


def _finish_regions(out: pd.DataFrame, months: list, trend_months: int) -> pd.DataFrame:
    """Monthly counts, trend and types of :meth:`EventStore.region_summary`."""
    if out.empty:
        return pd.DataFrame({
            "country_code": pd.Series([], dtype="string"), "admin1": pd.Series([], dtype="string"),
            "events": pd.Series([], dtype="int64"), "places": pd.Series([], dtype="int64"),
            "locations": pd.Series([], dtype=object), "monthly": pd.Series([], dtype=object),
            "trend": pd.Series([], dtype="float64"),
        })[list(REGION_COLUMNS)]  # fmt: skip
    monthly, trends = _monthly_trend(out["months"], months, trend_months)
    out = out.assign(monthly=monthly, trend=pd.Series(trends, dtype="float64"))
    for name in ("country_code", "admin1"):
        out[name] = out[name].astype("string")
    for name in ("events", "places"):
        out[name] = out[name].astype("int64")
    out["locations"] = [sorted(str(x) for x in v) for v in out["locations"]]
    out = out.sort_values(["events", "country_code", "admin1"], ascending=[False, True, True])
    return out.reset_index(drop=True)[list(REGION_COLUMNS)]


def _finish_countries(out: pd.DataFrame, months: list, trend_months: int) -> pd.DataFrame:
    """Monthly counts over *months* and the trend of :meth:`EventStore.country_summary`."""
    if out.empty:
        empty = {c: pd.Series([], dtype="int64") for c in COUNTRY_COLUMNS}
        empty["country_code"] = pd.Series([], dtype="string")
        empty["monthly"] = pd.Series([], dtype=object)
        empty["trend"] = pd.Series([], dtype="float64")
        return pd.DataFrame(empty)[list(COUNTRY_COLUMNS)]
    monthly, trends = _monthly_trend(out["months"], months, trend_months)
    out = out.assign(monthly=monthly, trend=pd.Series(trends, dtype="float64"))
    out["country_code"] = out["country_code"].astype("string")
    for name in ("events", "places", "rows", "troops"):
        out[name] = out[name].astype("int64")
    out = out.sort_values(["events", "country_code"], ascending=[False, True])
    return out.reset_index(drop=True)[list(COUNTRY_COLUMNS)]


def _empty_monthly() -> pd.DataFrame:
    return pd.DataFrame({"month": pd.Series([], dtype="datetime64[ns]"),
                         "type": pd.Series([], dtype=str),
                         "events": pd.Series([], dtype=int)})  # fmt: skip


def _finish_monthly(out: pd.DataFrame) -> pd.DataFrame:
    """Columns month (first day), type (its label), events; by month, then type."""
    if out.empty:
        return _empty_monthly()
    out = out.sort_values(["month", "event_type"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "month": pd.to_datetime(out["month"]).astype("datetime64[us]"),
            "type": out["event_type"].map(EVENT_TYPE_LABELS).astype(str),
            "events": out["events"].astype("int64"),
        }
    )


def _schema_dtypes(out: pd.DataFrame) -> pd.DataFrame:
    """*out*'s columns with the events schema's dtypes."""
    template = empty_events()
    for name in out.columns:
        out[name] = out[name].astype(template[name].dtype)
    return out


# ---------------------------------------------------------------- the store


class EventStore:
    """Filtered views of one events table; build it with :meth:`open` or :meth:`from_frame`.

    One DuckDB connection (thread-safe behind a lock: the dashboard's sessions share a store).
    The last places and month x type counts are kept, since one filter change asks several
    questions of the same filters.
    """

    def __init__(
        self,
        *,
        frame: pd.DataFrame | None = None,
        files: list[Path] | None = None,
        path: Path | None = None,
        memory_limit: str = "512MB",
        threads: int | None = None,
    ) -> None:
        """Prefer :meth:`open` or :meth:`from_frame`: *frame* (with ``_search``) for rows in
        memory, else the Parquet *files* of *path*."""
        import duckdb

        self.path = path
        self.frame = frame
        self.skipped: list[str] = []
        """Why rows of the table were left out (``open(..., skip_bad_rows=True)``)."""
        self.files = files or []
        self._missing: list[str] = []
        self._lock = threading.Lock()
        self._places: tuple[Filters, pd.DataFrame] | None = None
        self._counts: tuple[Filters, pd.DataFrame] | None = None
        self.con = duckdb.connect(
            config={"memory_limit": memory_limit, "preserve_insertion_order": False}
        )
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if frame is not None:
            import pyarrow as pa

            table = pa.Table.from_pandas(frame, preserve_index=False)
            table = table.append_column(ROW, pa.array(np.arange(len(frame), dtype=np.int64)))
            self.con.register(MEMORY_VIEW, table)
            self.search_column = True
            self.key = ROW
        else:
            import pyarrow.parquet as pq

            names = [set(pq.read_schema(f).names) for f in self.files]
            self.search_column = bool(names) and all(SEARCH_COLUMN in n for n in names)
            self.key = "event_id"
            # Optional columns a table written before they existed lacks: NULL, as a table
            # read into memory gets them (validate_events).
            present = set().union(*names) if names else set()
            self._missing = [name for name in COLUMNS if name not in present]

    @classmethod
    def from_frame(cls, table: pd.DataFrame, *, path: Path | None = None) -> EventStore:
        """A store over an events table held in memory (schema columns; ``_search`` is added
        when missing)."""
        frame = table if SEARCH_COLUMN in table.columns else add_search_column(table)
        return cls(frame=frame.reset_index(drop=True), path=path)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        backend: str = "auto",
        threshold_bytes: int = DEFAULT_THRESHOLD_BYTES,
        skip_bad_rows: bool = False,
        cache_dir: str | os.PathLike[str] | None = None,
    ) -> EventStore:
        """Open *path*: ``backend="pandas"`` reads it into memory, ``"duckdb"`` (Parquet only)
        keeps it on disk, ``"auto"`` keeps Parquet larger than *threshold_bytes* on disk.

        *skip_bad_rows*: a CSV or Parquet file read into memory whose rows break the schema
        keeps its other rows; the reasons (row and column) are in :attr:`skipped`. A table
        that lacks a required column still raises.

        *cache_dir*: a file read into memory is kept there once checked (Parquet with the
        search column, named by the file's path, size and modification time; the reasons of
        skipped rows beside it), and read from there next time: a restarted server skips the
        CSV parsing, the checks and the search column. A cache that cannot be written or read
        is only slower."""
        source = Path(path)
        if not source.exists():
            raise TableReadError(f"{source}: no such events table")
        if backend == "auto":
            big = _is_parquet(source) and _disk_size(_table_files(source)) > threshold_bytes
            backend = "duckdb" if big else "pandas"
        if backend == "duckdb":
            if not _is_parquet(source):
                raise ConfigurationError(f"{source}: only Parquet can be queried on disk")
            return cls(files=_table_files(source), path=source)
        if backend == "pandas":
            cached = _cached_table(source, cache_dir) if cache_dir and source.is_file() else None
            if cached is not None:
                store = cls(frame=cached[0], path=source)
                store.skipped = cached[1]
                return store
            store = cls._read_into_memory(source, skip_bad_rows)
            if cache_dir and source.is_file():
                _cache_table(source, cache_dir, store)
            return store
        raise ConfigurationError(f"unknown back end {backend!r}; use auto, pandas or duckdb")

    @classmethod
    def _read_into_memory(cls, source: Path, skip_bad_rows: bool) -> EventStore:
        from geo.table.dataset import read_dataset
        from geo.table.formats import read_events

        try:
            table = read_dataset(source) if source.is_dir() else read_events(source)
        except SchemaError:
            if not skip_bad_rows or source.is_dir():
                raise
            table, skipped = read_good_rows(source)
            store = cls.from_frame(table, path=source)
            store.skipped = skipped
            return store
        return cls.from_frame(table, path=source)

    @property
    def backend(self) -> str:
        """``"pandas"`` when the rows are in memory, ``"duckdb"`` when they stay on disk (the
        names ``$DEPLOYMAP_BACKEND`` uses); DuckDB runs the queries in both cases."""
        return "pandas" if self.frame is not None else "duckdb"

    @property
    def on_disk(self) -> bool:
        """Whether the rows stay in Parquet files on disk (nothing loaded ahead)."""
        return self.frame is None

    def close(self) -> None:
        """Close the DuckDB connection."""
        self.con.close()

    # ------------------------------------------------------------ SQL plumbing

    def _source(self, filters: Filters | None) -> str:
        """The table to select from: the in-memory view, or ``read_parquet([...])`` over the
        files the filters can match (month pruning); ``""`` when no file can match."""
        if self.frame is not None:
            return MEMORY_VIEW
        files = self.files
        if filters is not None and self.path is not None and self.path.is_dir():
            keep = []
            for file in files:
                month = file.parent.name.removeprefix("month=")
                if not file.parent.name.startswith("month="):
                    keep.append(file)
                elif month == UNKNOWN_MONTH:
                    if filters.undated:
                        keep.append(file)
                elif filters.date_to is None or month <= _month_of(filters.date_to):
                    keep.append(file)
            files = keep
        if not files:
            return ""
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        scan = f"read_parquet([{listed}], hive_partitioning = false, union_by_name = true)"
        if self._missing:
            nulls = ", ".join(f'NULL AS "{name}"' for name in self._missing)
            return f"(SELECT *, {nulls} FROM {scan})"
        return scan

    def _where(self, filters: Filters, location: Location = None) -> tuple[str, list[Any]]:
        where, params = where_clause(filters, search_column=self.search_column)
        if location is None:
            return where, params
        if isinstance(location, str):
            return f"({where}) AND location_id = ?", [*params, location]
        places = tuple(location) or ("",)
        return f"({where}) AND location_id IN ({_placeholders(places)})", [*params, *places]

    def _query(self, sql: str, params: list[Any]) -> pd.DataFrame:
        with self._lock:
            return self.con.execute(sql, params).df()

    def _one(self, sql: str, params: list[Any]) -> tuple:
        with self._lock:
            return self.con.execute(sql, params).fetchone()

    def _rows(
        self,
        keys: str,
        order: str,
        source: str,
        params: list[Any],
        columns: tuple[str, ...],
        finish: Callable[[pd.DataFrame], pd.DataFrame],
    ) -> pd.DataFrame:
        """The rows whose key the CTE *keys* selects, ordered by *order*, as *columns*.

        Narrow keys first, then the wide columns of those rows only: in memory, row numbers
        taken from the frame; on disk, the rows read from the files and passed to *finish*.
        """
        select = ROW if self.frame is not None else ", ".join(columns)
        sql = (
            f"WITH k AS ({keys}) SELECT {select} FROM {source} "
            f"WHERE {self.key} IN (SELECT {self.key} FROM k) ORDER BY {order}"
        )
        if self.frame is None:
            return finish(self._query(sql, params))
        with self._lock:
            rows = self.con.execute(sql, params).fetchnumpy()[ROW]
        taken = self.frame.take(np.asarray(rows, dtype=np.int64))
        return taken[list(columns)].reset_index(drop=True)

    # ------------------------------------------------------------ the questions

    def filter_places(self, filters: Filters) -> pd.DataFrame:
        """One row per place passing *filters* (:data:`PLACE_COLUMNS`), most events first: its
        name, position, precision, country, events (in all and per type), main type (most
        events, ties in :data:`EVENT_TYPES` order), first and last date, troops stated."""
        source = self._source(filters)
        if not source:
            return _finish_places(pd.DataFrame({c: [] for c in PLACE_COLUMNS}))
        key = filters.without_view()
        last = self._places  # one read: another session may replace it meanwhile
        if last is not None and last[0] == key:
            return last[1].copy()
        where, params = self._where(filters)
        per_type = ", ".join(
            f"count(*) FILTER (WHERE event_type = '{t}') AS {TYPE_COUNT_PREFIX}{t}"
            for t in EVENT_TYPES
        )
        sql = f"""
            SELECT location_id,
                   min(coalesce(place_resolved, place)) AS label,
                   min(latitude) AS latitude, min(longitude) AS longitude,
                   min(geo_precision) AS geo_precision, min(geometry_wkt) AS geometry_wkt,
                   min(country_code) AS country_code, min(admin1) AS admin1,
                   count(*) AS n_events, count(DISTINCT event_type) AS n_types,
                   min(date_start) AS date_first,
                   coalesce(max(date_end), min(date_start)) AS date_last,
                   coalesce(sum(coalesce(place_force_size, force_size)), 0) AS force_total,
                   '' AS main_type, {per_type}
            FROM {source} WHERE {where} GROUP BY location_id
        """
        places = _finish_places(self._query(sql, params))
        self._places = (key, places)
        return places.copy()

    def page(
        self,
        filters: Filters,
        offset: int = 0,
        limit: int = 50,
        *,
        sort: str = "date_start",
        descending: bool = True,
        location: Location = None,
    ) -> pd.DataFrame:
        """Rows *offset*..*offset+limit* of the filtered table ordered by *sort* (empty values
        last, ties by ``event_id``), with every schema column; only the rows of the place
        *location* (or of the places, a sequence of ids) if given."""
        from geo.table.schema import validate_events

        source = self._source(filters)
        if not source:
            return empty_events()
        where, params = self._where(filters, location)
        order = f"{_check_sort(sort)} {'DESC' if descending else 'ASC'} NULLS LAST, event_id"
        keys = f"SELECT {self.key} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        return self._rows(keys, order, source, [*params, int(limit), int(offset)],
                          tuple(COLUMNS), validate_events)  # fmt: skip

    def count(self, filters: Filters, *, location: Location = None) -> int:
        """How many rows pass *filters* (at the place *location*, if given); free right after
        :meth:`filter_places` on them."""
        last = self._places
        if last is not None and last[0] == filters.without_view():
            places = last[1]
            if location is not None:
                wanted = [location] if isinstance(location, str) else list(location)
                places = places[places["location_id"].isin(wanted)]
            return int(places["n_events"].sum())
        source = self._source(filters)
        if not source:
            return 0
        where, params = self._where(filters, location)
        return int(self._one(f"SELECT count(*) FROM {source} WHERE {where}", params)[0])

    def headline(self, filters: Filters) -> dict[str, int]:
        """The page's numbers for *filters* (:data:`HEADLINE_KEYS`).

        Rows are event x place and the rows of one event share its ``event_key`` (a row
        without one is an event of its own), so each event counts once; troops count once per
        stated force (:data:`STATED_FORCES_SQL`: one sentence's count shared by two events,
        a deployment and a border control, is one force); a border row counts for both its
        countries; ``undated`` counts events, not rows.
        """
        source = self._source(filters)
        if not source:
            return dict.fromkeys(HEADLINE_KEYS, 0)
        where, params = self._where(filters)
        sql = f"""
            WITH f AS (
                SELECT {FORCE_COLUMNS}, location_id, country_code, date_start
                FROM {source} WHERE {where}
            ), {STATED_FORCES_SQL}
            SELECT (SELECT count(*) FROM per_event),
                   (SELECT count(DISTINCT location_id) FROM f),
                   (SELECT count(DISTINCT c) FROM (SELECT unnest({ROW_COUNTRIES_SQL}) AS c
                                                   FROM f)),
                   (SELECT coalesce(sum(force), 0) FROM stated),
                   (SELECT count(*) FROM f),
                   (SELECT count(*) FROM per_event WHERE dated = 0)
        """
        row = self._one(sql, params)
        return dict(zip(HEADLINE_KEYS, (int(v or 0) for v in row), strict=True))

    def country_summary(self, filters: Filters, *, trend_months: int = 12) -> pd.DataFrame:
        """One row per country of the filtered rows (:data:`COUNTRY_COLUMNS`), most events
        first: events, places, rows, troops stated and the monthly events of the filtered
        span (``monthly``: one count per month from the first to the last dated month), and
        ``trend``: the events of the last *trend_months* months of that span against the
        *trend_months* before (``None`` when the earlier period has none).

        A border row belongs to both its countries. Troops: each stated force once per
        country (:data:`STATED_FORCES_SQL`); when the text gives counts per place
        (``place_force_size``) a country gets the sum of its places' counts, else the
        event's total.
        """
        source = self._source(filters)
        if not source:
            return _finish_countries(pd.DataFrame(), [], trend_months)
        where, params = self._where(filters)
        sql = f"""
            WITH rows AS (
                SELECT {FORCE_COLUMNS}, location_id, date_start, place_force_size,
                       unnest({ROW_COUNTRIES_SQL}) AS country
                FROM {source} WHERE {where}
            ), events AS (
                SELECT country, coalesce(event_key, '#' || _id) AS event,
                       min(article_id) AS article_id, min(evidence_start) AS sentence,
                       min(force_size) AS force,
                       sum(place_force_size) AS place_force,
                       min(date_trunc('month', date_start)) AS month
                FROM (SELECT *, row_number() OVER () AS _id FROM rows)
                GROUP BY country, coalesce(event_key, '#' || _id)
            ), stated AS (
                SELECT country, max(coalesce(place_force, force)) AS force FROM events
                WHERE coalesce(place_force, force) IS NOT NULL
                GROUP BY country, article_id, sentence, force
            ), places AS (
                SELECT country, count(DISTINCT location_id) AS places, count(*) AS rows
                FROM rows GROUP BY country
            ), counted AS (
                SELECT country, count(*) AS events,
                       list(month ORDER BY month) FILTER (WHERE month IS NOT NULL) AS months
                FROM events GROUP BY country
            ), troops AS (
                SELECT country, sum(force) AS troops FROM stated GROUP BY country
            )
            SELECT c.country AS country_code, c.events, p.places, p.rows,
                   coalesce(t.troops, 0) AS troops, c.months
            FROM counted c JOIN places p ON p.country = c.country
            LEFT JOIN troops t ON t.country = c.country
        """
        out = self._query(sql, params)
        months = self._span_months(source, where, params)
        return _finish_countries(out, months, trend_months)

    def _span_months(self, source: str, where: str, params: list) -> list:
        """Every month from the first to the last ``date_start`` of the filtered rows."""
        span = self._one(
            f"SELECT min(date_trunc('month', date_start)), max(date_trunc('month', "
            f"date_start)) FROM {source} WHERE {where}",
            params,
        )
        if not span or span[0] is None:
            return []
        return list(pd.date_range(span[0], span[1], freq="MS"))

    def region_summary(self, filters: Filters, *, trend_months: int = 12) -> pd.DataFrame:
        """One row per first-level region (country and ``admin1``) of the filtered rows that
        name one (:data:`REGION_COLUMNS`), most events first: events (each once), places and
        their ids (``locations``), events per month over the filtered span and the trend, as
        :meth:`country_summary` gives them. Whole-country and border rows have no region."""
        source = self._source(filters)
        if not source:
            return _finish_regions(pd.DataFrame(), [], trend_months)
        where, params = self._where(filters)
        sql = f"""
            WITH rows AS (
                SELECT country_code, admin1, location_id, date_start,
                       coalesce(event_key, '#' || event_id) AS event
                FROM {source}
                WHERE ({where}) AND admin1 IS NOT NULL AND admin1 <> ''
                      AND country_code IS NOT NULL
            ), events AS (
                SELECT country_code, admin1, event,
                       min(date_trunc('month', date_start)) AS month
                FROM rows GROUP BY country_code, admin1, event
            ), counted AS (
                SELECT country_code, admin1, count(*) AS events,
                       list(month ORDER BY month) FILTER (WHERE month IS NOT NULL) AS months
                FROM events GROUP BY country_code, admin1
            ), places AS (
                SELECT country_code, admin1, count(DISTINCT location_id) AS places,
                       list(DISTINCT location_id) AS locations
                FROM rows GROUP BY country_code, admin1
            )
            SELECT c.country_code, c.admin1, c.events, p.places, p.locations, c.months
            FROM counted c JOIN places p USING (country_code, admin1)
        """
        out = self._query(sql, params)
        months = self._span_months(source, where, params)
        return _finish_regions(out, months, trend_months)

    def _month_type(self, filters: Filters) -> pd.DataFrame:
        """Events (not rows) per (month of ``date_start``, type); month NULL when undated."""
        key = filters.without_view()
        last = self._counts
        if last is not None and last[0] == key:
            return last[1]
        source = self._source(filters)
        if not source:
            return pd.DataFrame({"month": [], "event_type": [], "events": []})
        where, params = self._where(filters)
        sql = f"""
            WITH f AS (
                SELECT event_key, event_type, date_trunc('month', date_start) AS month
                FROM {source} WHERE {where}
            ), per_event AS (
                SELECT min(event_type) AS event_type, min(month) AS month
                FROM f WHERE event_key IS NOT NULL GROUP BY event_key
                UNION ALL SELECT event_type, month FROM f WHERE event_key IS NULL
            )
            SELECT month, event_type, count(*) AS events FROM per_event
            GROUP BY month, event_type
        """
        out = self._query(sql, params)
        self._counts = (key, out)
        return out

    def type_counts(self, filters: Filters) -> dict[str, int]:
        """Events (not rows) per type passing *filters*, every type present, in
        :data:`EVENT_TYPES` order."""
        counts = self._month_type(filters).groupby("event_type")["events"].sum()
        return {t: int(counts.get(t, 0)) for t in EVENT_TYPES}

    def monthly(self, filters: Filters) -> pd.DataFrame:
        """Dated events per month of ``date_start`` and type: columns month, type (its label),
        events; the timeline's data."""
        counts = self._month_type(filters)
        return _finish_monthly(counts[counts["month"].notna()])

    def latest_per_place(self, filters: Filters, per_place: int = POPUP_EVENTS) -> pd.DataFrame:
        """The *per_place* latest filtered rows of every place (:data:`POPUP_COLUMNS`), ordered
        by place, then newest first (undated last, ties by ``event_id``): the map's popups."""
        source = self._source(filters)
        if not source:
            return empty_events()[list(POPUP_COLUMNS)]
        where, params = self._where(filters)
        # the n smallest (newest date first, undated last, then event_id) per place from three
        # narrow columns (~5x faster than a window over the wide rows)
        keys = f"""
            SELECT unnest(min_by({self.key}, struct_pack(
                d := coalesce(-epoch_us(date_start), {_NO_DATE_KEY}), e := event_id
            ), ?)) AS {self.key}
            FROM {source} WHERE {where} GROUP BY location_id
        """
        return self._rows(keys, f"location_id, {_NEWEST_FIRST}", source,
                          [int(per_place), *params], POPUP_COLUMNS, _schema_dtypes)  # fmt: skip

    def bounds(self, filters: Filters | None = None) -> Bounds | None:
        """Bounding box of the (filtered) events, ``None`` when there is none."""
        source = self._source(filters)
        if not source:
            return None
        where, params = self._where(filters) if filters is not None else ("TRUE", [])
        row = self._one(
            f"SELECT min(latitude), min(longitude), max(latitude), max(longitude) "
            f"FROM {source} WHERE {where}",
            params,
        )
        return None if row[0] is None else Bounds(*(float(v) for v in row))

    def options(self) -> FilterOptions:
        """What the filter widgets offer: countries (both sides of a border too), actors, date
        bounds, largest force, the sources of the rows."""
        source = self._source(None)
        if not source:
            return FilterOptions()
        # :func:`.filters.filter_options` of a summary: one row per (country, actor) with its
        # earliest start, latest end and largest force, and a row with the latest start
        summary = self._query(
            f"""
            SELECT country_code, actor, min(date_start) AS date_start,
                   max(date_end) AS date_end, max(force_size) AS force_size
            FROM {source} GROUP BY country_code, actor
            UNION ALL SELECT NULL, NULL, NULL, max(date_start), NULL FROM {source}
            UNION ALL SELECT DISTINCT unnest({ROW_COUNTRIES_SQL}), NULL, NULL, NULL, NULL
            FROM {source} WHERE starts_with(location_id, '{BORDER_PREFIX}')
            """,
            [],
        )
        sources = self._query(
            f"SELECT DISTINCT coalesce(source_dataset, 'news') AS source FROM {source}", []
        )
        return replace(
            filter_options(summary), sources=tuple(source_order(sources["source"].astype(str)))
        )
