"""What the user filters on (:class:`Filters`), what a table offers, and the URL form of both.

A filter is a value here; :mod:`geo.explore.store` turns it into SQL (the only place the
filter rules are written). :func:`filters_from_query_params` reads a shared link with one
small parser per URL parameter (:data:`PARSERS`), then checks across parameters
(:data:`CHECKS`); every invalid value is dropped with a readable notice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES, SOURCE_DATASETS

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
    empty mean all. ``undated`` keeps events without a known date. ``month`` (its first day)
    is the timeline playback's month: only the dated events of that month (within
    ``date_from``..``date_to``). ``sources`` are the rows' ``source_dataset`` values (``news``
    for extracted rows, ``acled``, ``ucdp``, ``gdelt`` for imported ones; empty: all).
    ``lat``/``lon``/``zoom`` are the map view (``None``: fit the filtered events).
    """

    types: tuple[str, ...] | None = None
    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_force: int | None = None
    q: str = ""
    undated: bool = True
    month: date | None = None
    sources: tuple[str, ...] = ()
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
        """The same filters with no map view."""
        return replace(self, lat=None, lon=None, zoom=None)

    def data_key(self) -> tuple:
        """A small hashable key of what selects rows (no map view, no background): what the
        dashboard caches its answers on."""
        return tuple(
            (name, value) for name, value in sorted(vars(self).items()) if name not in VIEW_FIELDS
        )

    @classmethod
    def from_key(cls, key: tuple) -> Filters:
        """The filters of a :meth:`data_key`."""
        return cls(**dict(key))


VIEW_FIELDS: frozenset[str] = frozenset({"lat", "lon", "zoom", "basemap"})
"""The fields of :class:`Filters` that change how the page looks, not which rows it shows."""


@dataclass(frozen=True)
class FilterOptions:
    """The values a table offers: what the widgets list and what URL values are checked on."""

    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    date_min: date | None = None
    date_max: date | None = None
    force_max: int = 0
    types: tuple[str, ...] = field(default=EVENT_TYPES)
    sources: tuple[str, ...] = ()
    """The ``source_dataset`` values of the table (``news`` for rows that have none)."""


def filter_options(df: pd.DataFrame) -> FilterOptions:
    """The countries, actors, date bounds and largest force size found in *df*."""
    starts = df["date_start"].dropna()
    ends = pd.concat([df["date_end"].dropna(), starts])
    force = df["force_size"].dropna()
    if "source_dataset" in df.columns:
        sources = tuple(source_order(df["source_dataset"].fillna("news").astype(str).unique()))
    else:
        sources = ()
    return FilterOptions(
        countries=tuple(sorted(df["country_code"].dropna().astype(str).unique())),
        actors=tuple(sorted(df["actor"].dropna().astype(str).unique(), key=str.casefold)),
        date_min=starts.min().date() if len(starts) else None,
        date_max=ends.max().date() if len(ends) else None,
        force_max=int(force.max()) if len(force) else 0,
        sources=sources,
    )


def source_order(sources: object) -> list[str]:
    """Source datasets in :data:`~geo.table.schema.SOURCE_DATASETS` order (others last)."""
    known = list(SOURCE_DATASETS)
    return sorted(set(sources), key=lambda s: (known.index(s) if s in known else len(known), s))


# ---------------------------------------------------------------- URL -> Filters

Fields = dict[str, object]
"""Keyword arguments of :class:`Filters` read from the URL so far."""
Parser = Callable[[list[str], "FilterOptions | None"], tuple[Fields, list[str]]]
"""One URL parameter's parser: its raw values (and the table's options, if known) to the
:class:`Filters` fields it sets and its notices."""


def _values(params: Mapping[str, object], name: str) -> list[str]:
    """Every value of *name*: repeated keys and comma-separated lists both work."""
    raw = params.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)  # type: ignore[arg-type]
    return [str(item) for item in items]


def _last(values: list[str]) -> str:
    """The last value, stripped (a repeated single-valued parameter: the last one wins)."""
    return values[-1].strip() if values else ""


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


def parse_type(values: list[str], options: FilterOptions | None = None) -> tuple[Fields, list[str]]:
    """``type``: deployment types by key or label (``type=`` alone selects no type)."""
    raw = _split(values, None)
    by_label = {EVENT_TYPE_LABELS[t].casefold(): t for t in EVENT_TYPES}
    types: list[str] = []
    notices: list[str] = []
    for value in raw:
        key = value.strip().casefold().replace(" ", "_")
        hit = key if key in EVENT_TYPES else by_label.get(value.strip().casefold())
        if hit is None:
            notices.append(f"`type={_short(value)}` is not a deployment type; ignored")
        elif hit not in types:
            types.append(hit)
    if types or not raw:
        return {"types": tuple(t for t in EVENT_TYPES if t in types)}, notices
    return {}, [*notices, "no valid `type` given: showing every type"]


def _date_parser(name: str, field: str) -> Parser:
    def parse(values: list[str], options: FilterOptions | None = None) -> tuple[Fields, list[str]]:
        value = _last(values)
        if not value:
            return {}, []
        try:
            return {field: date.fromisoformat(value)}, []
        except ValueError:
            return {}, [f"`{name}={_short(value)}` is not an ISO date (YYYY-MM-DD); ignored"]

    parse.__doc__ = f"``{name}``: an ISO date (YYYY-MM-DD), the {field.replace('_', ' ')}."
    return parse


parse_from = _date_parser("from", "date_from")
parse_to = _date_parser("to", "date_to")


def parse_country(
    values: list[str], options: FilterOptions | None = None
) -> tuple[Fields, list[str]]:
    """``country``: ISO 3166 alpha-2 codes (any case), among the table's if *options*."""
    known = {c.upper() for c in (options.countries if options else ())}
    countries: list[str] = []
    notices: list[str] = []
    for value in _split(values, None):
        code = value.upper()
        if not _ISO2.match(value) or (options is not None and code not in known):
            notices.append(f"`country={_short(value)}` is not a country of this table; ignored")
        elif code not in countries:
            countries.append(code)
    return ({"countries": tuple(countries)} if countries else {}), notices


def parse_actor(
    values: list[str], options: FilterOptions | None = None
) -> tuple[Fields, list[str]]:
    """``actor``: actors, among the table's (case-insensitive) if *options*; an actor whose
    name holds a comma stays whole."""
    known = {a.casefold(): a for a in (options.actors if options else ())}
    actors: list[str] = []
    notices: list[str] = []
    for value in _split(values, options.actors if options else None):
        hit = known.get(value.casefold()) if options is not None else value
        if hit is None:
            notices.append(f"`actor={_short(value)}` is not an actor of this table; ignored")
        elif hit not in actors:
            actors.append(hit)
    return ({"actors": tuple(actors)} if actors else {}), notices


MAX_FORCE = 10**9
"""The largest ``min_force`` kept (no force is larger; a browser shows integers exactly up to
2**53 only)."""


def parse_source(
    values: list[str], options: FilterOptions | None = None
) -> tuple[Fields, list[str]]:
    """``source``: where rows come from (``news``, ``acled``, ``ucdp``, ``gdelt``), among the
    table's if *options* lists them."""
    known = set(options.sources) if options is not None and options.sources else None
    sources: list[str] = []
    notices: list[str] = []
    for value in _split(values, None):
        name = value.strip().casefold()
        if name not in SOURCE_DATASETS or (known is not None and name not in known):
            notices.append(f"`source={_short(value)}` is not a source of this table; ignored")
        elif name not in sources:
            sources.append(name)
    return ({"sources": tuple(source_order(sources))} if sources else {}), notices


def parse_min_force(
    values: list[str], options: FilterOptions | None = None
) -> tuple[Fields, list[str]]:
    """``min_force``: a whole number of troops ≥ 0; above the table's largest force (or
    :data:`MAX_FORCE`) it is lowered to that force, with a notice."""
    value = _last(values)
    if not value:
        return {}, []
    try:
        number = int(value) if len(value) <= 40 else -1
    except ValueError:
        number = -1
    if number < 0:
        return {}, [f"`min_force={_short(value)}` is not a whole number ≥ 0; ignored"]
    top = options.force_max if options is not None and options.force_max > 0 else MAX_FORCE
    if number > top:
        return {"min_force": top}, [
            f"`min_force={_short(value)}` is above the largest force in this table "
            f"({top:,}); lowered to {top:,}"
        ]
    return {"min_force": number}, []


def parse_q(values: list[str], options: FilterOptions | None = None) -> tuple[Fields, list[str]]:
    """``q``: the search text, cut to :data:`MAX_QUERY_LENGTH` characters."""
    value = _last(values)
    if not value:
        return {}, []
    notices = []
    if len(value) > MAX_QUERY_LENGTH:
        notices.append(f"`q` was cut to {MAX_QUERY_LENGTH} characters")
    return {"q": value[:MAX_QUERY_LENGTH]}, notices


def parse_undated(
    values: list[str], options: FilterOptions | None = None
) -> tuple[Fields, list[str]]:
    """``undated``: true/false (1/0, yes/no, on/off, y/n), keep events without a date."""
    value = _last(values)
    if not value:
        return {}, []
    if value.casefold() in _TRUE:
        return {"undated": True}, []
    if value.casefold() in _FALSE:
        return {"undated": False}, []
    return {}, [f"`undated={_short(value)}` is not true/false; ignored"]


def parse_month(
    values: list[str], options: FilterOptions | None = None
) -> tuple[Fields, list[str]]:
    """``month``: the timeline playback's month, YYYY-MM, within the table's dates if
    *options*."""
    value = _last(values)
    if not value:
        return {}, []
    try:
        month = date.fromisoformat(value + "-01") if len(value) == 7 else None
    except ValueError:
        month = None
    if month is None:
        return {}, [f"`month={_short(value)}` is not a month (YYYY-MM); ignored"]
    lo, hi = (options.date_min, options.date_max) if options is not None else (None, None)
    if lo and hi and not lo.replace(day=1) <= month <= hi:
        return {}, [f"`month={_short(value)}` has no event in this table; ignored"]
    return {"month": month}, []


def parse_basemap(
    values: list[str], options: FilterOptions | None = None
) -> tuple[Fields, list[str]]:
    """``basemap``: one of :data:`BASEMAPS`."""
    value = _last(values)
    if not value:
        return {}, []
    if value in BASEMAPS:
        return {"basemap": value}, []
    return {}, [f"`basemap={_short(value)}` is not one of {', '.join(BASEMAPS)}"]


def _number_parser(name: str, low: float, high: float, cast: type) -> Parser:
    def parse(values: list[str], options: FilterOptions | None = None) -> tuple[Fields, list[str]]:
        value = _last(values)
        if not value:
            return {}, []
        try:
            number = cast(value)
        except ValueError:
            number = None
        if number is None or not (low <= number <= high) or not math.isfinite(number):
            return {}, [f"`{name}={_short(value)}` is out of range or not a number; ignored"]
        return {name: number}, []

    parse.__doc__ = f"``{name}``: a {cast.__name__} in {low}..{high} (the map view)."
    return parse


parse_lat = _number_parser("lat", -90, 90, float)
parse_lon = _number_parser("lon", -180, 180, float)
parse_zoom = _number_parser("zoom", 1, 18, int)

PARSERS: dict[str, Parser] = {
    "type": parse_type,
    "from": parse_from,
    "to": parse_to,
    "country": parse_country,
    "actor": parse_actor,
    "source": parse_source,
    "min_force": parse_min_force,
    "q": parse_q,
    "undated": parse_undated,
    "month": parse_month,
    "basemap": parse_basemap,
    "lat": parse_lat,
    "lon": parse_lon,
    "zoom": parse_zoom,
}
"""One parser per URL parameter, run in this order on the parameters present."""
PARAM_NAMES: tuple[str, ...] = tuple(PARSERS)


def check_date_range(fields: Fields) -> list[str]:
    """``from`` after ``to``: drop both (in place), with a notice."""
    lo, hi = fields.get("date_from"), fields.get("date_to")
    if isinstance(lo, date) and isinstance(hi, date) and lo > hi:
        del fields["date_from"], fields["date_to"]
        return ["`from` is after `to`; the date range was ignored"]
    return []


def check_view(fields: Fields) -> list[str]:
    """``lat`` and ``lon`` go together (``zoom`` defaults to 5); a partial view is dropped."""
    view = {name: fields.pop(name) for name in ("lat", "lon", "zoom") if name in fields}
    if not view:
        return []
    if "lat" in view and "lon" in view:
        fields.update(lat=view["lat"], lon=view["lon"], zoom=int(view.get("zoom", 5)))
        return []
    return ["`lat` and `lon` go together; the map view was ignored"]


CHECKS: tuple[Callable[[Fields], list[str]], ...] = (check_date_range, check_view)
"""Rules across parameters, run after the parsers on their fields (which they may edit)."""


def filters_from_query_params(
    params: Mapping[str, object], options: FilterOptions | None = None
) -> tuple[Filters, list[str]]:
    """Read :class:`Filters` from URL query parameters; never raises.

    *params* maps a name to a string or a list of strings (repeated keys). Invalid values and
    unknown names are dropped, each with a readable notice in the returned list. With
    *options*, countries and actors must be among the table's values (case-insensitive).
    """
    notices = [f"unknown parameter `{_short(str(name))}` ignored"
               for name in params if name not in PARSERS]  # fmt: skip
    fields: Fields = {}
    for name, parse in PARSERS.items():
        if name in params:
            got, said = parse(_values(params, name), options)
            fields.update(got)
            notices += said
    for check in CHECKS:
        notices += check(fields)
    return Filters(**fields), notices  # type: ignore[arg-type]


# ---------------------------------------------------------------- Filters -> URL


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
    if filters.sources:
        out["source"] = ",".join(filters.sources)
    if filters.min_force:
        out["min_force"] = str(filters.min_force)
    if filters.q:
        out["q"] = filters.q
    if not filters.undated:
        out["undated"] = "0"
    if filters.month:
        out["month"] = f"{filters.month:%Y-%m}"
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
    if min_force is not None:
        min_force = min(min_force, options.force_max if options.force_max > 0 else MAX_FORCE)
    month = filters.month.replace(day=1) if filters.month else None
    sources = filters.sources
    if options.sources and set(sources) >= set(options.sources):
        sources = ()  # every source: no filter
    return replace(
        filters, types=types, date_from=date_from, date_to=date_to, min_force=min_force,
        q=filters.q.strip()[:MAX_QUERY_LENGTH], month=month, sources=tuple(sources),
    )  # fmt: skip
