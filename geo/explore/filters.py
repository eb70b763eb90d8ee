"""The dashboard's pure data side: filters, their URL form, aggregation per place, table views.

Everything here works on the events table (:mod:`geo.table.schema`) with pandas and nothing else, so
the Streamlit page only wires widgets to these functions and tests need no browser.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES
from geo.text import fold

SEARCH_COLUMN = "_search"
"""Extra column holding the folded text that ``q`` searches (added by the loader)."""

PARAM_NAMES: tuple[str, ...] = (
    "type", "from", "to", "country", "actor", "min_force", "q", "undated",
    "lat", "lon", "zoom", "basemap",
)  # fmt: skip
BASEMAPS: tuple[str, ...] = ("tiles", "plain")
"""``tiles``: online light tiles over the country polygons; ``plain``: country polygons only."""
MAX_QUERY_LENGTH = 200
_TRUE = {"1", "true", "yes", "on", "y"}
_FALSE = {"0", "false", "no", "off", "n"}
_ISO2 = re.compile(r"^[A-Za-z]{2}$")


@dataclass(frozen=True)
class Filters:
    """What the user filters on, plus the map view; every field has a URL parameter.

    ``types=None`` means every type; an empty tuple means none. ``countries`` and ``actors``
    empty mean all. ``undated`` keeps events without a known date. ``lat``/``lon``/``zoom``
    are the map view (``None``: fit the filtered events).
    """

    types: tuple[str, ...] | None = None
    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_force: int | None = None
    q: str = ""
    undated: bool = True
    lat: float | None = None
    lon: float | None = None
    zoom: int | None = None
    basemap: str = "tiles"

    @property
    def view(self) -> tuple[float, float, int] | None:
        """``(lat, lon, zoom)`` when the URL fixed the map view, else ``None``."""
        if self.lat is None or self.lon is None or self.zoom is None:
            return None
        return (self.lat, self.lon, self.zoom)

    def without_view(self) -> Filters:
        """The same filters with no map view (the key the data layer is cached on)."""
        return replace(self, lat=None, lon=None, zoom=None)


@dataclass(frozen=True)
class FilterOptions:
    """The values a table offers: what the widgets list and what URL values are checked on."""

    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    date_min: date | None = None
    date_max: date | None = None
    force_max: int = 0
    types: tuple[str, ...] = field(default=EVENT_TYPES)


def filter_options(df: pd.DataFrame) -> FilterOptions:
    """The countries, actors, date bounds and largest force size found in *df*."""
    starts = df["date_start"].dropna()
    ends = pd.concat([df["date_end"].dropna(), starts])
    force = df["force_size"].dropna()
    return FilterOptions(
        countries=tuple(sorted(df["country_code"].dropna().astype(str).unique())),
        actors=tuple(sorted(df["actor"].dropna().astype(str).unique(), key=str.casefold)),
        date_min=starts.min().date() if len(starts) else None,
        date_max=ends.max().date() if len(ends) else None,
        force_max=int(force.max()) if len(force) else 0,
    )


# ---------------------------------------------------------------- URL <-> Filters


def _values(params: Mapping[str, object], name: str) -> list[str]:
    """Every value of *name*: repeated keys and comma-separated lists both work."""
    raw = params.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)  # type: ignore[arg-type]
    return [str(item) for item in items]


def _last(params: Mapping[str, object], name: str) -> str | None:
    values = _values(params, name)
    return values[-1].strip() if values else None


def _split(values: list[str], known: Sequence[str] | None) -> list[str]:
    """Split comma lists, keeping a whole value that is itself a known name with a comma."""
    out: list[str] = []
    known_set = set(known or ())
    for value in values:
        if value in known_set:
            out.append(value)
        else:
            out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def filters_from_query_params(
    params: Mapping[str, object], options: FilterOptions | None = None
) -> tuple[Filters, list[str]]:
    """Read :class:`Filters` from URL query parameters; never raises.

    *params* maps a name to a string or a list of strings (repeated keys). Invalid values and
    unknown names are dropped, each with a readable notice in the returned list. With
    *options*, countries and actors must be among the table's values (case-insensitive).
    """
    notices: list[str] = []
    kwargs: dict[str, object] = {}

    for name in params:
        if name not in PARAM_NAMES:
            notices.append(f"unknown parameter `{_short(str(name))}` ignored")

    if "type" in params:
        raw = _split(_values(params, "type"), None)
        by_label = {EVENT_TYPE_LABELS[t].casefold(): t for t in EVENT_TYPES}
        types: list[str] = []
        for value in raw:
            key = value.strip().casefold().replace(" ", "_")
            hit = key if key in EVENT_TYPES else by_label.get(value.strip().casefold())
            if hit is None:
                notices.append(f"`type={_short(value)}` is not a deployment type; ignored")
            elif hit not in types:
                types.append(hit)
        if types or not raw:  # type= (empty) selects no type at all
            kwargs["types"] = tuple(t for t in EVENT_TYPES if t in types)
        else:
            notices.append("no valid `type` given: showing every type")

    for name, attr in (("from", "date_from"), ("to", "date_to")):
        value = _last(params, name)
        if value:
            try:
                kwargs[attr] = date.fromisoformat(value)
            except ValueError:
                notices.append(f"`{name}={_short(value)}` is not an ISO date (YYYY-MM-DD); ignored")
    if (
        kwargs.get("date_from")
        and kwargs.get("date_to")
        and kwargs["date_from"] > kwargs["date_to"]
    ):
        notices.append("`from` is after `to`; the date range was ignored")
        kwargs.pop("date_from")
        kwargs.pop("date_to")

    known_countries = {c.upper(): c for c in (options.countries if options else ())}
    countries: list[str] = []
    for value in _split(_values(params, "country"), None):
        code = value.upper()
        if not _ISO2.match(value) or (options is not None and code not in known_countries):
            notices.append(f"`country={_short(value)}` is not a country of this table; ignored")
        elif code not in countries:
            countries.append(code)
    if countries:
        kwargs["countries"] = tuple(countries)

    known_actors = {a.casefold(): a for a in (options.actors if options else ())}
    actors: list[str] = []
    for value in _split(_values(params, "actor"), options.actors if options else None):
        hit = known_actors.get(value.casefold()) if options is not None else value
        if hit is None:
            notices.append(f"`actor={_short(value)}` is not an actor of this table; ignored")
        elif hit not in actors:
            actors.append(hit)
    if actors:
        kwargs["actors"] = tuple(actors)

    value = _last(params, "min_force")
    if value:
        try:
            number = int(value)
            if number < 0:
                raise ValueError(value)
            kwargs["min_force"] = number
        except ValueError:
            notices.append(f"`min_force={_short(value)}` is not a whole number ≥ 0; ignored")

    value = _last(params, "q")
    if value:
        if len(value) > MAX_QUERY_LENGTH:
            notices.append(f"`q` was cut to {MAX_QUERY_LENGTH} characters")
        kwargs["q"] = value[:MAX_QUERY_LENGTH]

    value = _last(params, "undated")
    if value:
        if value.casefold() in _TRUE:
            kwargs["undated"] = True
        elif value.casefold() in _FALSE:
            kwargs["undated"] = False
        else:
            notices.append(f"`undated={_short(value)}` is not true/false; ignored")

    value = _last(params, "basemap")
    if value:
        if value in BASEMAPS:
            kwargs["basemap"] = value
        else:
            notices.append(f"`basemap={_short(value)}` is not one of {', '.join(BASEMAPS)}")

    view: dict[str, float | int] = {}
    for name, low, high, cast in (("lat", -90, 90, float), ("lon", -180, 180, float),
                                  ("zoom", 1, 18, int)):  # fmt: skip
        value = _last(params, name)
        if not value:
            continue
        try:
            number = cast(value)
            if not (low <= number <= high) or (cast is float and not math.isfinite(number)):
                raise ValueError(value)
            view[name] = number
        except ValueError:
            notices.append(f"`{name}={_short(value)}` is out of range or not a number; ignored")
    if view:
        if "lat" in view and "lon" in view:
            kwargs.update(lat=view["lat"], lon=view["lon"], zoom=int(view.get("zoom", 5)))
        else:
            notices.append("`lat` and `lon` go together; the map view was ignored")

    return Filters(**kwargs), notices  # type: ignore[arg-type]


def format_number(value: float) -> str:
    """A coordinate for the URL: at most 4 decimals, no trailing zeros."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def filters_to_query_params(filters: Filters) -> dict[str, str]:
    """The readable URL form of *filters*, leaving out whatever is at its default."""
    out: dict[str, str] = {}
    if filters.types is not None:
        out["type"] = ",".join(filters.types)
    if filters.date_from:
        out["from"] = filters.date_from.isoformat()
    if filters.date_to:
        out["to"] = filters.date_to.isoformat()
    if filters.countries:
        out["country"] = ",".join(filters.countries)
    if filters.actors:
        # a comma inside an actor's name stays unambiguous: readers keep known whole names
        out["actor"] = ",".join(filters.actors)
    if filters.min_force:
        out["min_force"] = str(filters.min_force)
    if filters.q:
        out["q"] = filters.q
    if not filters.undated:
        out["undated"] = "0"
    if filters.basemap != "tiles":
        out["basemap"] = filters.basemap
    if filters.view is not None:
        out["lat"] = format_number(filters.lat)  # type: ignore[arg-type]
        out["lon"] = format_number(filters.lon)  # type: ignore[arg-type]
        out["zoom"] = str(filters.zoom)
    return out


def normalize_filters(filters: Filters, options: FilterOptions) -> Filters:
    """Drop filters that select everything anyway (all types, the table's full date span)."""
    types = filters.types
    if types is not None and set(types) >= set(options.types):
        types = None
    date_from = filters.date_from
    if date_from and options.date_min and date_from <= options.date_min:
        date_from = None
    date_to = filters.date_to
    if date_to and options.date_max and date_to >= options.date_max:
        date_to = None
    min_force = filters.min_force or None
    return replace(
        filters, types=types, date_from=date_from, date_to=date_to, min_force=min_force,
        q=filters.q.strip()[:MAX_QUERY_LENGTH],
    )  # fmt: skip


# ---------------------------------------------------------------- filtering


def add_search_column(df: pd.DataFrame) -> pd.DataFrame:
    """Add the folded (accent- and case-free) text the ``q`` filter searches."""
    parts = [df[c].fillna("").astype(str) for c in
             ("place", "place_resolved", "admin1", "actor", "evidence", "title")]  # fmt: skip
    joined = parts[0].str.cat(parts[1:], sep=" ")
    out = df.copy()
    out[SEARCH_COLUMN] = [fold(text) for text in joined]
    return out


def apply_filters(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of *df* that pass *filters* (the map view is not a filter)."""
    keep = pd.Series(True, index=df.index)
    if filters.types is not None:
        keep &= df["event_type"].isin(filters.types).fillna(False).astype(bool)
    start = df["date_start"]
    end = df["date_end"].fillna(start)
    dated = start.notna()
    in_range = dated.copy()
    if filters.date_from is not None:
        in_range &= (end >= pd.Timestamp(filters.date_from)).fillna(False).astype(bool)
    if filters.date_to is not None:
        in_range &= (start <= pd.Timestamp(filters.date_to)).fillna(False).astype(bool)
    keep &= in_range | (~dated & filters.undated)
    if filters.countries:
        keep &= df["country_code"].isin(filters.countries).fillna(False).astype(bool)
    if filters.actors:
        keep &= df["actor"].isin(filters.actors).fillna(False).astype(bool)
    if filters.min_force:
        keep &= (df["force_size"] >= filters.min_force).fillna(False).astype(bool)
    words = fold(filters.q).split()
    if words:
        text = df[SEARCH_COLUMN] if SEARCH_COLUMN in df else add_search_column(df)[SEARCH_COLUMN]
        for word in words:
            keep &= text.str.contains(word, regex=False).fillna(False).astype(bool)
    return df.loc[keep]


# ---------------------------------------------------------------- aggregation and views


def place_label(df: pd.DataFrame) -> pd.Series:
    """The name shown for a row's place: the gazetteer name, else the name as written."""
    return df["place_resolved"].fillna(df["place"])


def aggregate_places(df: pd.DataFrame) -> pd.DataFrame:
    """One row per ``location_id``: where, how placed, how many events, the main type.

    Columns: location_id, label, latitude, longitude, geo_precision, geometry_wkt,
    country_code, admin1, n_events, main_type, n_types, date_first, date_last, force_total.
    Sorted by n_events, largest first.
    """
    if df.empty:
        cols = ["location_id", "label", "latitude", "longitude", "geo_precision", "geometry_wkt",
                "country_code", "admin1", "n_events", "main_type", "n_types", "date_first",
                "date_last", "force_total"]  # fmt: skip
        return pd.DataFrame({c: [] for c in cols})
    work = df.assign(label=place_label(df))
    grouped = work.groupby("location_id", sort=False)
    places = grouped.agg(
        label=("label", "first"),
        latitude=("latitude", "first"),
        longitude=("longitude", "first"),
        geo_precision=("geo_precision", "first"),
        geometry_wkt=("geometry_wkt", "first"),
        country_code=("country_code", "first"),
        admin1=("admin1", "first"),
        n_events=("event_id", "size"),
        n_types=("event_type", "nunique"),
        date_first=("date_start", "min"),
        date_last=("date_end", "max"),
        force_total=("force_size", "sum"),
    )
    counts = work.groupby(["location_id", "event_type"], sort=False).size().reset_index(name="n")
    counts["order"] = counts["event_type"].map({t: i for i, t in enumerate(EVENT_TYPES)})
    counts = counts.sort_values(["location_id", "n", "order"], ascending=[True, False, True])
    main = counts.drop_duplicates("location_id").set_index("location_id")["event_type"]
    places["main_type"] = main.reindex(places.index)
    places["date_last"] = places["date_last"].fillna(places["date_first"])
    places = places.reset_index().sort_values("n_events", ascending=False, kind="stable")
    return places.reset_index(drop=True)


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
            "source": df["source"],
            "link": safe_urls(df["url"]),
            "event_id": df["event_id"],
        }
    )
    return out.reset_index(drop=True)


def one_row_per_event(df: pd.DataFrame) -> pd.DataFrame:
    """The first row of each event: rows are event x place, and the rows of one event share
    its ``event_key`` (a row without one is an event of its own)."""
    if "event_key" not in df.columns:
        return df
    keyed = df["event_key"].notna()
    return pd.concat([df[keyed].drop_duplicates("event_key"), df[~keyed]]).sort_index()


def headline(df: pd.DataFrame) -> dict[str, int]:
    """Headline numbers: events (not rows), places, countries, troops (sum of the force sizes
    stated per event, so an event at five places counts its troops once)."""
    events = one_row_per_event(df)
    force = events["force_size"].dropna()
    return {
        "events": len(events),
        "places": int(df["location_id"].nunique()),
        "countries": int(df["country_code"].nunique()),
        "troops": int(force.sum()) if len(force) else 0,
    }


def type_counts(df: pd.DataFrame) -> dict[str, int]:
    """Events per type, every type present (0 when absent), in :data:`EVENT_TYPES` order."""
    counts = one_row_per_event(df)["event_type"].value_counts()
    return {t: int(counts.get(t, 0)) for t in EVENT_TYPES}


def monthly_timeline(df: pd.DataFrame) -> pd.DataFrame:
    """Dated events per month (of ``date_start``) and type: columns month, type, events."""
    events = one_row_per_event(df)
    dated = events.loc[events["date_start"].notna(), ["date_start", "event_type"]]
    if dated.empty:
        return pd.DataFrame({"month": pd.Series([], dtype="datetime64[ns]"),
                             "type": pd.Series([], dtype=str),
                             "events": pd.Series([], dtype=int)})  # fmt: skip
    month = dated["date_start"].dt.to_period("M").dt.to_timestamp()
    out = (
        dated.assign(month=month)
        .groupby(["month", "event_type"], observed=True)
        .size()
        .reset_index(name="events")
    )
    out["type"] = out["event_type"].map(EVENT_TYPE_LABELS)
    return out[["month", "type", "events"]]


def _export_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.drop(columns=[c for c in df.columns if c.startswith("_")])
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d")
    return out


def events_csv_bytes(df: pd.DataFrame) -> bytes:
    """The rows as UTF-8 CSV in the events-table format (readable by ``read_events``)."""
    return _export_frame(df).to_csv(index=False).encode("utf-8")


def events_geojson_bytes(df: pd.DataFrame) -> bytes:
    """The rows as a GeoJSON FeatureCollection (borders as lines), UTF-8."""
    from geo.table.formats import events_to_geojson

    clean = df.drop(columns=[c for c in df.columns if c.startswith("_")])
    return json.dumps(events_to_geojson(clean), ensure_ascii=False).encode("utf-8")
