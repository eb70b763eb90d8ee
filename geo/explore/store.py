"""Read the events table at any size: what the map and the table show, for a set of filters.

:meth:`EventStore.open` takes a single table file (.csv, .parquet, .geojson) or a Parquet
dataset folder (:mod:`geo.table.dataset`). Small tables are loaded into pandas and filtered
with :func:`.filters.apply_filters`; Parquet above *threshold_bytes* on disk stays on disk
and every call runs as DuckDB SQL over the Parquet files, the filters pushed down (partition
pruning by month, row-group statistics, column projection), so only the aggregated places and
one page of rows reach pandas. Both back ends answer the same question the same way.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from geo import config
from geo.exc import ConfigurationError, TableReadError
from geo.explore.filters import (
    SEARCH_COLUMN,
    FilterOptions,
    Filters,
    add_search_column,
    apply_filters,
    headline,
    monthly_timeline,
    type_counts,
)
from geo.table.dataset import UNKNOWN_MONTH, dataset_files
from geo.table.schema import COLUMNS, EVENT_TYPES, empty_events
from geo.text import fold

DEFAULT_THRESHOLD_BYTES = 64 * 1024 * 1024
"""Parquet above this size on disk (about 400k events) is queried with DuckDB."""

TYPE_COUNT_PREFIX = "n_"
PLACE_COLUMNS: tuple[str, ...] = (
    "location_id", "label", "latitude", "longitude", "geo_precision", "geometry_wkt",
    "country_code", "admin1", "n_events", "main_type", "n_types", "date_first", "date_last",
    "force_total", *(TYPE_COUNT_PREFIX + t for t in EVENT_TYPES),
)  # fmt: skip
"""Columns of :meth:`EventStore.filter_places`: one row per place, most events first."""

HEADLINE_KEYS: tuple[str, ...] = ("events", "places", "countries", "troops", "rows", "undated")
"""Keys of :meth:`EventStore.headline`: :func:`.filters.headline`'s, plus the rows (event x
place) and the undated rows passing the filters."""
POPUP_COLUMNS: tuple[str, ...] = (
    "location_id", "event_id", "event_type", "date_start", "date_end", "date_precision",
    "force_size", "actor", "url", "source", "evidence",
)  # fmt: skip
"""Columns of :meth:`EventStore.latest_per_place` (what a map popup lists)."""
POPUP_EVENTS = 2
"""Events a popup lists per place (the same as :data:`geo.explore.map.POPUP_EVENTS`)."""

_SEARCH_FIELDS = ("place", "place_resolved", "admin1", "actor", "evidence", "title")
_FIRST_FIELDS = ("label", "latitude", "longitude", "geo_precision", "geometry_wkt",
                 "country_code", "admin1")  # fmt: skip


@dataclass(frozen=True)
class Bounds:
    """The bounding box of the events: south, west, north, east (degrees)."""

    south: float
    west: float
    north: float
    east: float


def _table_files(path: Path) -> list[Path]:
    if path.is_dir():
        return dataset_files(path)
    return [path]


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
    """The dashboard's back end for *path*: ``"duckdb"`` for a Parquet dataset folder or a
    Parquet file above *threshold_bytes*, else ``"pandas"``. ``$DEPLOYMAP_BACKEND`` (in
    *environ*) forces either; DuckDB is never chosen for a file that is not Parquet."""
    source = Path(path)
    forced = config.forced_backend(environ)
    if not _is_parquet(source):
        return "pandas"
    if forced:
        return forced
    if source.is_dir():
        return "duckdb"
    return "duckdb" if _disk_size([source]) > threshold_bytes else "pandas"


class EventStore:
    """Filtered views of an events table; :meth:`open` picks the back end by size."""

    backend: str = "pandas"

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        backend: str = "auto",
        threshold_bytes: int = DEFAULT_THRESHOLD_BYTES,
    ) -> EventStore:
        """Open *path* with ``backend`` ``"pandas"``, ``"duckdb"`` (Parquet only) or ``"auto"``
        (DuckDB for Parquet files/datasets larger than *threshold_bytes*)."""
        source = Path(path)
        if not source.exists():
            raise TableReadError(f"{source}: no such events table")
        is_parquet = source.is_dir() or source.suffix.lower() == ".parquet"
        if backend == "auto":
            big = is_parquet and _disk_size(_table_files(source)) > threshold_bytes
            backend = "duckdb" if big else "pandas"
        if backend == "duckdb":
            if not is_parquet:
                raise ConfigurationError(f"{source}: the DuckDB back end reads Parquet only")
            return DuckDBStore(source)
        if backend == "pandas":
            return PandasStore(source)
        raise ConfigurationError(f"unknown back end {backend!r}; use auto, pandas or duckdb")

    def filter_places(self, filters: Filters) -> pd.DataFrame:
        """One row per place passing *filters* (:data:`PLACE_COLUMNS`), most events first."""
        raise NotImplementedError

    def page(
        self,
        filters: Filters,
        offset: int = 0,
        limit: int = 50,
        *,
        sort: str = "date_start",
        descending: bool = True,
        location: str | None = None,
    ) -> pd.DataFrame:
        """Rows *offset*..*offset+limit* of the filtered table ordered by *sort* (empty values
        last, ties by ``event_id``), with every schema column; only the place *location*'s
        rows if given."""
        raise NotImplementedError

    def count(self, filters: Filters, *, location: str | None = None) -> int:
        """How many rows pass *filters* (at the place *location*, if given)."""
        raise NotImplementedError

    def headline(self, filters: Filters) -> dict[str, int]:
        """:func:`.filters.headline` of the filtered rows, plus ``rows`` and ``undated``
        (rows without a start date); see :data:`HEADLINE_KEYS`."""
        raise NotImplementedError

    def type_counts(self, filters: Filters) -> dict[str, int]:
        """:func:`.filters.type_counts` of the filtered rows: events per type."""
        raise NotImplementedError

    def monthly(self, filters: Filters) -> pd.DataFrame:
        """:func:`.filters.monthly_timeline` of the filtered rows (month, type, events)."""
        raise NotImplementedError

    def latest_per_place(self, filters: Filters, per_place: int = POPUP_EVENTS) -> pd.DataFrame:
        """The *per_place* latest filtered rows of every place (:data:`POPUP_COLUMNS`), ordered
        by place, then newest first (undated last, ties by ``event_id``): the map's popups."""
        raise NotImplementedError

    def bounds(self, filters: Filters | None = None) -> Bounds | None:
        """Bounding box of the (filtered) events, ``None`` when there is none."""
        raise NotImplementedError

    def options(self) -> FilterOptions:
        """What the filter widgets offer: countries, actors, date bounds, largest force."""
        raise NotImplementedError

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (the DuckDB connection)."""


def _check_sort(sort: str) -> str:
    if sort not in COLUMNS:
        raise ConfigurationError(f"cannot sort on {sort!r}: not a column")
    return sort


def _finish_places(places: pd.DataFrame) -> pd.DataFrame:
    """Main type (most events, ties in EVENT_TYPES order), order and dtypes of both back ends."""
    counts = places[[TYPE_COUNT_PREFIX + t for t in EVENT_TYPES]].to_numpy()
    places["main_type"] = (
        [EVENT_TYPES[i] for i in counts.argmax(axis=1)] if len(places) else pd.Series(dtype=str)
    )
    places = places.sort_values(["n_events", "location_id"], ascending=[False, True])
    out = places.reset_index(drop=True)[list(PLACE_COLUMNS)]
    for name in ("label", "geo_precision", "geometry_wkt", "country_code", "admin1",
                 "main_type", "location_id"):  # fmt: skip
        out[name] = out[name].astype("string")
    for name in (
        "n_events",
        "n_types",
        "force_total",
        *(TYPE_COUNT_PREFIX + t for t in EVENT_TYPES),
    ):
        out[name] = out[name].astype("int64")
    for name in ("latitude", "longitude"):
        out[name] = out[name].astype("float64")
    for name in ("date_first", "date_last"):
        out[name] = pd.to_datetime(out[name]).astype("datetime64[ns]")
    return out


def _finish_monthly(out: pd.DataFrame) -> pd.DataFrame:
    """The dtypes and order of :func:`.filters.monthly_timeline`."""
    if out.empty:
        return monthly_timeline(empty_events())
    from geo.table.schema import EVENT_TYPE_LABELS

    out = out.sort_values(["month", "event_type"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "month": pd.to_datetime(out["month"]).astype("datetime64[us]"),
            "type": out["event_type"].map(EVENT_TYPE_LABELS).astype(str),
            "events": out["events"].astype("int64"),
        }
    )


class PandasStore(EventStore):
    """The whole table in memory, filtered with :func:`.filters.apply_filters`."""

    backend = "pandas"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        from geo.table.dataset import read_dataset
        from geo.table.formats import read_events

        table = read_dataset(path) if path.is_dir() else read_events(path)
        self.df = add_search_column(table)
        self._last: tuple[Filters, pd.DataFrame] | None = None

    def _filtered(self, filters: Filters, location: str | None = None) -> pd.DataFrame:
        key = filters.without_view()
        last = self._last  # one filter change asks several questions of the same rows
        if last is None or last[0] != key:
            last = self._last = (key, apply_filters(self.df, filters))
        df = last[1]
        return df if location is None else df[df["location_id"] == location]

    def filter_places(self, filters: Filters) -> pd.DataFrame:
        """One row per place passing *filters* (:data:`PLACE_COLUMNS`), most events first."""
        df = self._filtered(filters)
        if df.empty:
            return _finish_places(pd.DataFrame({c: [] for c in PLACE_COLUMNS}))
        work = df.assign(label=df["place_resolved"].fillna(df["place"]))
        grouped = work.groupby("location_id", sort=False)
        places = grouped[list(_FIRST_FIELDS)].min()
        places["n_events"] = grouped.size()
        places["n_types"] = grouped["event_type"].nunique()
        places["date_first"] = grouped["date_start"].min()
        places["date_last"] = grouped["date_end"].max().fillna(places["date_first"])
        places["force_total"] = grouped["force_size"].sum().fillna(0)
        per_type = pd.crosstab(work["location_id"], work["event_type"])
        for name in EVENT_TYPES:
            places[TYPE_COUNT_PREFIX + name] = per_type.get(name, 0)
        places[[TYPE_COUNT_PREFIX + t for t in EVENT_TYPES]] = places[
            [TYPE_COUNT_PREFIX + t for t in EVENT_TYPES]
        ].fillna(0)
        return _finish_places(places.reset_index())

    def page(
        self,
        filters: Filters,
        offset: int = 0,
        limit: int = 50,
        *,
        sort: str = "date_start",
        descending: bool = True,
        location: str | None = None,
    ) -> pd.DataFrame:
        """Rows *offset*..*offset+limit* of the filtered table ordered by *sort* (empty values
        last, ties by ``event_id``), with every schema column; only *location*'s if given."""
        df = self._filtered(filters, location)
        ordered = df.sort_values(
            [_check_sort(sort), "event_id"],
            ascending=[not descending, True],
            na_position="last",
            kind="stable",
        )
        return ordered.iloc[offset : offset + limit][list(COLUMNS)].reset_index(drop=True)

    def count(self, filters: Filters, *, location: str | None = None) -> int:
        """How many rows pass *filters* (at the place *location*, if given)."""
        return len(self._filtered(filters, location))

    def headline(self, filters: Filters) -> dict[str, int]:
        """:func:`.filters.headline` plus ``rows`` and ``undated`` (:data:`HEADLINE_KEYS`)."""
        df = self._filtered(filters)
        out = headline(df)
        return {**out, "rows": len(df), "undated": int(df["date_start"].isna().sum())}

    def type_counts(self, filters: Filters) -> dict[str, int]:
        """:func:`.filters.type_counts` of the filtered rows: events per type."""
        return type_counts(self._filtered(filters))

    def monthly(self, filters: Filters) -> pd.DataFrame:
        """:func:`.filters.monthly_timeline` of the filtered rows (month, type, events)."""
        return monthly_timeline(self._filtered(filters))

    def latest_per_place(self, filters: Filters, per_place: int = POPUP_EVENTS) -> pd.DataFrame:
        """The *per_place* latest filtered rows of every place (:data:`POPUP_COLUMNS`)."""
        df = self._filtered(filters)
        order = df[["location_id", "date_start", "event_id"]].sort_values(
            ["location_id", "date_start", "event_id"], ascending=[True, False, True],
            na_position="last", kind="stable",
        )  # fmt: skip
        head = order.groupby("location_id", sort=False).head(per_place).index
        return df.loc[head, list(POPUP_COLUMNS)].reset_index(drop=True)

    def bounds(self, filters: Filters | None = None) -> Bounds | None:
        """Bounding box of the (filtered) events, ``None`` when there is none."""
        df = self._filtered(filters) if filters is not None else self.df
        if df.empty:
            return None
        return Bounds(
            float(df["latitude"].min()), float(df["longitude"].min()),
            float(df["latitude"].max()), float(df["longitude"].max()),
        )  # fmt: skip

    def options(self) -> FilterOptions:
        """What the filter widgets offer: countries, actors, date bounds, largest force."""
        from geo.explore.filters import filter_options

        return filter_options(self.df)


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


def where_clause(filters: Filters, *, search_column: bool = False) -> tuple[str, list[Any]]:
    """The SQL ``WHERE`` condition (with ``?`` parameters) equivalent to
    :func:`.filters.apply_filters`; *search_column*: the files hold ``_search``."""
    conds: list[str] = []
    params: list[Any] = []
    if filters.types is not None:
        if not filters.types:
            return "FALSE", []
        conds.append(f"event_type IN ({', '.join('?' for _ in filters.types)})")
        params += list(filters.types)
    dated = ["date_start IS NOT NULL"]
    if filters.date_from is not None:
        dated.append("coalesce(date_end, date_start) >= ?")
        params.append(pd.Timestamp(filters.date_from).to_pydatetime())
    if filters.date_to is not None:
        dated.append("date_start <= ?")
        params.append(pd.Timestamp(filters.date_to).to_pydatetime())
    in_range = " AND ".join(dated)
    conds.append(f"(({in_range}) OR date_start IS NULL)" if filters.undated else f"({in_range})")
    if filters.countries:
        conds.append(f"country_code IN ({', '.join('?' for _ in filters.countries)})")
        params += list(filters.countries)
    if filters.actors:
        conds.append(f"actor IN ({', '.join('?' for _ in filters.actors)})")
        params += list(filters.actors)
    if filters.min_force:
        conds.append("force_size >= ?")
        params.append(int(filters.min_force))
    for word in fold(filters.q).split():
        if search_column:
            conds.append(f"contains({SEARCH_COLUMN}, ?)")
            params.append(word)
            continue
        # per field, not on the joined text: a word has no space, so it cannot straddle two
        # fields, and one regex per field is ~30x faster than folding the joined text
        pattern = word_pattern(word)
        conds.append("(" + " OR ".join(f"regexp_matches({c}, ?)" for c in _SEARCH_FIELDS) + ")")
        params += [pattern] * len(_SEARCH_FIELDS)
    return (" AND ".join(conds) or "TRUE"), params


_NO_DATE_KEY = 2**63 - 1
"""Sort key of an undated row in :meth:`DuckDBStore.latest_per_place`: after every date."""


def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


class DuckDBStore(EventStore):
    """Queries run by DuckDB over the Parquet files; nothing is loaded ahead."""

    backend = "duckdb"

    def __init__(self, path: Path, *, memory_limit: str = "512MB", threads: int | None = None):
        super().__init__(path)
        import duckdb
        import pyarrow.parquet as pq

        self.files = _table_files(path)
        self.search_column = bool(self.files) and all(
            SEARCH_COLUMN in pq.read_schema(f).names for f in self.files
        )
        self._last: tuple[Filters, pd.DataFrame] | None = None  # the last map query
        self._counts: tuple[Filters, pd.DataFrame] | None = None  # the last month x type
        self._lock = threading.Lock()  # one connection, shared by the dashboard's sessions
        self.con = duckdb.connect(
            config={"memory_limit": memory_limit, "preserve_insertion_order": False}
        )
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")

    def close(self) -> None:
        """Close the DuckDB connection."""
        self.con.close()

    def _source(self, filters: Filters | None) -> str:
        """``read_parquet([...])`` over the files the filters can match (month pruning)."""
        files = self.files
        if filters is not None and self.path.is_dir():
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
        return f"read_parquet([{listed}], hive_partitioning = false, union_by_name = true)"

    def _where(self, filters: Filters) -> tuple[str, list[Any]]:
        return where_clause(filters, search_column=self.search_column)

    def _query(self, sql: str, params: list[Any]) -> pd.DataFrame:
        with self._lock:
            return self.con.execute(sql, params).df()

    def _one(self, sql: str, params: list[Any]) -> tuple:
        with self._lock:
            return self.con.execute(sql, params).fetchone()

    def _all(self, sql: str, params: list[Any] | None = None) -> list[tuple]:
        with self._lock:
            return self.con.execute(sql, params or []).fetchall()

    def _where_at(self, filters: Filters, location: str | None) -> tuple[str, list[Any]]:
        where, params = self._where(filters)
        if location is None:
            return where, params
        return f"({where}) AND location_id = ?", [*params, location]

    def filter_places(self, filters: Filters) -> pd.DataFrame:
        """One row per place passing *filters* (:data:`PLACE_COLUMNS`), most events first."""
        source = self._source(filters)
        if not source:
            return _finish_places(pd.DataFrame({c: [] for c in PLACE_COLUMNS}))
        key = filters.without_view()
        if self._last is not None and self._last[0] == key:
            return self._last[1].copy()
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
                   coalesce(sum(force_size), 0) AS force_total,
                   '' AS main_type, {per_type}
            FROM {source} WHERE {where} GROUP BY location_id
        """
        places = _finish_places(self._query(sql, params))
        self._last = (key, places)
        return places.copy()

    def page(
        self,
        filters: Filters,
        offset: int = 0,
        limit: int = 50,
        *,
        sort: str = "date_start",
        descending: bool = True,
        location: str | None = None,
    ) -> pd.DataFrame:
        """Rows *offset*..*offset+limit* of the filtered table ordered by *sort* (empty values
        last, ties by ``event_id``), with every schema column; only *location*'s if given."""
        from geo.table.schema import validate_events

        source = self._source(filters)
        if not source:
            return empty_events()
        where, params = self._where_at(filters, location)
        order = f"{_check_sort(sort)} {'DESC' if descending else 'ASC'} NULLS LAST, event_id"
        cols = ", ".join(COLUMNS)
        # order the narrow keys first, then read the wide columns of the page's rows only
        sql = f"""
            WITH k AS (
                SELECT event_id FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?
            )
            SELECT {cols} FROM {source} WHERE event_id IN (SELECT event_id FROM k)
            ORDER BY {order}
        """
        return validate_events(self._query(sql, [*params, int(limit), int(offset)]))

    def count(self, filters: Filters, *, location: str | None = None) -> int:
        """How many rows pass *filters* (at *location*, if given); free right after
        :meth:`filter_places` on them."""
        last = self._last
        if last is not None and last[0] == filters.without_view():
            places = last[1]
            if location is not None:
                places = places[places["location_id"] == location]
            return int(places["n_events"].sum())
        source = self._source(filters)
        if not source:
            return 0
        where, params = self._where_at(filters, location)
        return int(self._one(f"SELECT count(*) FROM {source} WHERE {where}", params)[0])

    def headline(self, filters: Filters) -> dict[str, int]:
        """:func:`.filters.headline` plus ``rows`` and ``undated`` (:data:`HEADLINE_KEYS`).

        An event's rows (one per place) share its force size, so each event counts it once.
        """
        source = self._source(filters)
        if not source:
            return dict.fromkeys(HEADLINE_KEYS, 0)
        where, params = self._where(filters)
        sql = f"""
            WITH f AS (
                SELECT event_key, force_size, location_id, country_code, date_start
                FROM {source} WHERE {where}
            ), per_event AS (
                SELECT min(force_size) AS force FROM f WHERE event_key IS NOT NULL
                GROUP BY event_key
                UNION ALL SELECT force_size FROM f WHERE event_key IS NULL
            )
            SELECT (SELECT count(*) FROM per_event),
                   (SELECT count(DISTINCT location_id) FROM f),
                   (SELECT count(DISTINCT country_code) FROM f),
                   (SELECT coalesce(sum(force), 0) FROM per_event),
                   (SELECT count(*) FROM f),
                   (SELECT count(*) FROM f WHERE date_start IS NULL)
        """
        row = self._one(sql, params)
        return dict(zip(HEADLINE_KEYS, (int(v or 0) for v in row), strict=True))

    def _month_type(self, filters: Filters) -> pd.DataFrame:
        """Events per (month of ``date_start``, type); month NULL for undated events."""
        key = filters.without_view()
        if self._counts is not None and self._counts[0] == key:
            return self._counts[1]
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
        """:func:`.filters.type_counts` of the filtered rows: events per type."""
        counts = self._month_type(filters).groupby("event_type")["events"].sum()
        return {t: int(counts.get(t, 0)) for t in EVENT_TYPES}

    def monthly(self, filters: Filters) -> pd.DataFrame:
        """:func:`.filters.monthly_timeline` of the filtered rows (month, type, events)."""
        counts = self._month_type(filters)
        return _finish_monthly(counts[counts["month"].notna()])

    def latest_per_place(self, filters: Filters, per_place: int = POPUP_EVENTS) -> pd.DataFrame:
        """The *per_place* latest filtered rows of every place (:data:`POPUP_COLUMNS`), by a
        window query: only those rows leave DuckDB."""
        source = self._source(filters)
        if not source:
            return empty_events()[list(POPUP_COLUMNS)]
        where, params = self._where(filters)
        # the n smallest (newest date first, undated last, then event_id) per place from three
        # narrow columns (~5x faster than a window over the wide rows); then those rows only
        sql = f"""
            WITH k AS (
                SELECT unnest(min_by(event_id, struct_pack(
                    d := coalesce(-epoch_us(date_start), {_NO_DATE_KEY}), e := event_id
                ), ?)) AS event_id
                FROM {source} WHERE {where} GROUP BY location_id
            )
            SELECT {", ".join(POPUP_COLUMNS)} FROM {source}
            WHERE event_id IN (SELECT event_id FROM k)
            ORDER BY location_id, date_start DESC NULLS LAST, event_id
        """
        out = self._query(sql, [int(per_place), *params])
        template = empty_events()
        for name in POPUP_COLUMNS:  # the schema's dtypes, as the pandas back end has them
            out[name] = out[name].astype(template[name].dtype)
        return out

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
        """What the filter widgets offer: countries, actors, date bounds, largest force."""
        source = self._source(None)
        if not source:
            return FilterOptions()
        countries = [r[0] for r in self._all(
            f"SELECT DISTINCT country_code FROM {source} WHERE country_code IS NOT NULL"
        )]  # fmt: skip
        actors = [r[0] for r in self._all(
            f"SELECT DISTINCT actor FROM {source} WHERE actor IS NOT NULL"
        )]  # fmt: skip
        lo, hi, force = self._one(
            f"SELECT min(date_start), greatest(max(date_end), max(date_start)), max(force_size) "
            f"FROM {source}",
            [],
        )
        return FilterOptions(
            countries=tuple(sorted(countries)),
            actors=tuple(sorted(actors, key=str.casefold)),
            date_min=lo.date() if lo is not None else None,
            date_max=hi.date() if hi is not None else None,
            force_max=int(force or 0),
        )
