"""``OfflineGeocoder``: a geopy geocoder over the offline gazetteer (no network, ever).

Ranking (higher score wins; ``Location.raw["score"]``):

- feature: a country scores ``1.5 + 0.8·log10(population)`` (so "Chili" is Chile, while a tiny
  island nation does not beat a town of the context country), a macro-region 7, an admin1 3.5,
  a city 1 (+1.5 national capital, +0.5 ≥ 100k people, +2 when it is the big eponymous city of
  a same-named region: "Tacna", "Cusco"), so country > admin1 > city for equal names;
- context: +5 when the place is in a country of ``country_codes`` or ``context`` (+2 for a
  country bordering one), +2 for a city inside a region named in the context ("Palca" with
  "Tacna"), up to +1 for closeness to places named in the context, up to +2 for closeness to
  ``near=(lat, lon)``;
- +0.3 when the query is the place's main name, +4 when the query says which kind of place it
  is ("région de Tacna", "ville de Tacna") or ``featuretype`` asks for it; population breaks ties.

Border phrases ("la frontière sud avec le Chili", "frontière américano-mexicaine", "US–Mexico
border", "frontera con Chile", "la frontière sud-ouest") resolve to the shared border of two
countries (:meth:`geo.gazetteer.index.Gazetteer.border`, feature ``border``). A border phrase that
names no neighbour and no direction ("frontières" alone) gives None rather than a guess, unless
the context country has a single neighbour. A border phrase never falls back to a place name.

Macro-regions ("Amérique latine", "Caraïbes") come from ``data/supplement.csv`` with feature
``region``: their point is only a label point, callers should treat them as imprecise.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.exc import GeocoderQueryError
from geo.gazetteer.borders import DIRECTION_WORDS, direction_from_tokens, haversine_km
from geo.gazetteer.index import Gazetteer, Place, load_gazetteer, name_abbreviations
from geo.geocoders.query import ParsedQuery, parse_query
from geo.text import name_key

__all__ = ["OfflineGeocoder", "BORDER_WORDS", "location_from_place"]

MAX_QUERY_LENGTH = 300
BORDER_WORDS = frozenset(
    "frontiere frontieres frontalier frontaliere frontaliers frontalieres frontera fronteras "
    "fronterizo fronteriza fronterizos fronterizas border borders frontier frontiers borderland "
    "borderlands".split()
)
_STOP = frozenset(
    "la le les l d de du des a au aux avec entre et sa son sur leur notre nos "
    "el los las del con y e en su nuestra nuestro "
    "the of with between and its our along on to".split()
)
_ARTICLES = frozenset("la le les l el los las the".split())
_HINTS = {
    "admin1": "region regions departement departements departamento departamentos province "
    "provinces provincia provincias estado estados etat state region".split(),
    "city": "ville villes ciudad city town pueblo localite localidad district distrito "
    "commune municipio".split(),
}
_HINT_WORDS = {w: f for f, ws in _HINTS.items() for w in ws}
_HINT_LINK = frozenset("de du d del of la".split())

WEIGHTS_JSON = Path(__file__).with_name("weights.json")
"""The ranking weights (fitted by ``bench/fit_geocoder.py``)."""
BIG_CITY = 100_000
SCAN_MIN_POPULATION = 5_000
"""A town found by scanning a description must be this big (small ones are mostly words)."""
_SCAN_SKIP = frozenset(
    "centro zona norte sur oriente poniente este oeste reforma independencia hidalgo juarez "
    "morelos guerrero victoria libertad progreso esperanza paraiso pemex imss the".split()
)
"""Keys a scan never takes for a place: common words and heroes' names of streets."""
NEAR_KM = 100.0
"""How far "X near Y" may lie from Y."""
NEIGHBOURHOOD_KM = 40.0
"""How far a place may lie from the town named as its container ("X, Tijuana")."""


def load_weights(path: str | Path = WEIGHTS_JSON) -> dict[str, float]:
    """The ranking weights in *path* (keys starting with ``_`` are comments)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data.items() if not k.startswith("_")}


def location_from_place(place: Place, score: float | None = None) -> Location:
    """A geopy ``Location`` for a place; ``raw`` holds every field of :class:`Place`.

    Built without geopy's argument parsing when the coordinates need no normalising (finite,
    in range): the same object as ``Location(address, Point(lat, lon), raw)``."""
    if type(place) is Place:  # its fields in their order, in a dataclass's __dict__
        raw = place.__dict__.copy()
        del raw["alt_names"]
    else:
        raw = {name: getattr(place, name) for name in _RAW_FIELDS}
    raw["score"] = None if score is None else round(score, 3)
    name, feature, cc = place.name, place.feature, place.country_code
    address = name
    if feature in ("city", "admin2") and place.admin1 and place.admin1 != name:
        address += ", " + place.admin1
    if cc and feature not in ("country", "border", "region"):
        address += ", " + _country_names.get(cc, cc)
    latitude, longitude = place.latitude, place.longitude
    lat, lon = float(latitude or 0.0), float(longitude or 0.0)  # as Point() converts them
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):  # also false for NaN
        return Location(address, Point(latitude, longitude), raw)
    point = _new_object(Point)
    point.latitude, point.longitude, point.altitude = lat, lon, 0.0
    location = _new_object(Location)
    location._address, location._point, location._raw = address, point, raw
    location._tuple = (address, (lat, lon))
    return location


_RAW_FIELDS = tuple(f.name for f in fields(Place) if f.name != "alt_names")
_new_object = object.__new__


_country_names: dict[str, str] = {}


class _Context:
    __slots__ = (
        "countries",
        "given",
        "order",
        "admin1",
        "points",
        "neighbours",
        "keys",
        "country_term",
        "coded",
        "named",
    )

    def __init__(self) -> None:
        self.countries: set[str] = set()
        self.given: set[str] = set()  # the caller's country_codes (the rest: named in context)
        self.order: list[str] = []
        self.admin1: set[str] = set()
        self.points: list[tuple[float, float, str]] = []
        self.neighbours: set[str] = set()
        self.keys: set[str] = set()
        # the weight a place of each country gets: context_country, focus_country, neighbour
        self.country_term: dict[str, str] = {}
        # countries given as ISO codes in the context: the document's focus, as
        # geo.extract.resolve passes it (names of countries are only mentioned)
        self.coded: set[str] = set()
        # countries the context names by a word ("Egypt, Bulgaria, and Nicaragua")
        self.named: set[str] = set()

    def add_country(self, code: str) -> None:
        if code not in self.countries:
            self.countries.add(code)
            self.order.append(code)


class OfflineGeocoder(Geocoder):
    """Geocode place names, region names, country names and border phrases offline.

    ``OfflineGeocoder().geocode("Palca", country_codes=["PE"], context=["Tacna"])``
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        user_agent: str | None = None,
        timeout: Any = DEFAULT_SENTINEL,
        weights: dict[str, float] | None = None,
    ) -> None:
        super().__init__(user_agent=user_agent or "deploymap-offline", timeout=timeout)
        self.weights = dict(_default_weights()) if weights is None else dict(weights)
        missing = set(_default_weights()) - set(self.weights)
        if missing:
            raise GeocoderQueryError(f"weights lack {sorted(missing)}")
        self._gazetteer = gazetteer
        self._context_cache = lru_cache(maxsize=512)(self._build_context)
        self.approximate: dict[str, str] = {}  # location_id -> the smaller place asked for

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer queried (the process-wide one unless one was given)."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    # -- public API --------------------------------------------------------------------------

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        near: Any = None,
        context: Iterable[str] | None = None,
        featuretype: str | None = None,
        limit: int | None = None,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """Resolve *query*; the best ``Location``, or all (best first) when not *exactly_one*.

        *country_codes*: ISO2 codes of the document's countries (a preference, not a filter).
        *context*: other place names and/or ISO2 codes named in the same document. *near*:
        a ``(lat, lon)`` or geopy ``Point`` the place is probably close to. *featuretype*: a
        preferred feature ("country", "admin1", "city", "region"). Returns None when nothing
        matches. Raises :class:`~geo.exc.GeocoderQueryError` for an empty or non-string query.
        """
        self.approximate.clear()
        ranked = self.resolve(
            query,
            country_codes=country_codes,
            near=near,
            context=context,
            featuretype=featuretype,
            limit=1 if exactly_one else (None if limit is None else max(0, int(limit))),
        )
        if not ranked:
            return None
        self._fill_country_names()
        if exactly_one:
            return self._location(*ranked[0])
        if limit is not None:
            ranked = ranked[: max(0, int(limit))]
        return [self._location(p, s) for p, s in ranked]

    def _fill_country_names(self) -> None:
        """The country names addresses end with (filled once, from the gazetteer)."""
        if not _country_names:
            gaz = self.gazetteer
            _country_names.update({c: gaz.country_name(c) for c in gaz.country_codes})

    def _location(self, place: Place, score: float) -> Location:
        location = location_from_place(place, score)
        asked = self.approximate.get(place.location_id)
        location.raw["approximate"] = asked is not None
        if asked is not None:
            location.raw["asked"] = asked  # the query named this, inside the answer
        return location

    def reverse(
        self, query: Any, *, exactly_one: bool = True, limit: int | None = None, timeout: Any = None
    ) -> Location | list[Location] | None:
        """The populated place nearest to *query* (``(lat, lon)``, ``"lat, lon"`` or a geopy
        ``Point``), with its region and country in the address, as geopy's ``reverse`` does;
        ``raw["distance_km"]`` says how far it is. All *limit* nearest (nearest first) when not
        *exactly_one*. Raises :class:`~geo.exc.GeocoderQueryError` for a bad point."""
        if isinstance(query, str):
            try:
                query = [float(x) for x in query.split(",")]
            except ValueError as error:
                raise GeocoderQueryError(f"not a point: {query!r}") from error
        point = _near_point(query)
        if point is None:
            raise GeocoderQueryError("reverse needs a point (lat, lon)")
        lat, lon = point
        self._fill_country_names()
        n = 1 if exactly_one else max(1, int(limit or 10))
        found = self.gazetteer.nearest_towns(lat, lon, n)
        out = []
        for place, km in found:
            location = location_from_place(place)
            location.raw["distance_km"] = round(km, 3)
            out.append(location)
        if exactly_one:
            return out[0] if out else None
        return out

    def resolve(
        self,
        query: str,
        *,
        country_codes: str | Sequence[str] | None = None,
        near: Any = None,
        context: Iterable[str] | None = None,
        featuretype: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[Place, float]]:
        """Like :meth:`geocode` without geopy objects: ``[(Place, score)]``, best first."""
        if not isinstance(query, str):
            raise GeocoderQueryError(f"query must be a string, not {type(query).__name__}")
        if not query.strip():
            raise GeocoderQueryError("empty query")
        if len(query) > MAX_QUERY_LENGTH:
            raise GeocoderQueryError(f"query longer than {MAX_QUERY_LENGTH} characters")
        if featuretype is not None and featuretype not in _FEATURETYPES:
            raise GeocoderQueryError(f"unknown featuretype {featuretype!r}")
        codes = () if country_codes is None else _codes_tuple(country_codes)
        ctx_items = () if context is None else _context_tuple(context)
        near_pt = None if near is None else _near_point(near)
        key = fast_key(query)
        if not key:
            return []
        tokens = key.split()
        ctx = self._context(codes, ctx_items, key, tokens)
        # "Frontera Comalapa" is a town: a border word inside a known name is the name's
        border = not BORDER_WORDS.isdisjoint(tokens) and not self._town_named_border(tokens)
        if _PUNCTUATION.search(query) or (len(tokens) > 1 and not self.gazetteer.has_key(key)):
            parsed = parse_query(query)
            if parsed.structured and not (border and not parsed.parents and not parsed.kind):
                return self._rank_structured(parsed, ctx, near_pt, featuretype, limit)
            if not border and parsed.name and fast_key(parsed.name) != key:
                return self._rank_structured(parsed, ctx, near_pt, featuretype, limit)
        if border:
            place = self._border(tokens, ctx)
            return [(place, 10.0)] if place is not None else []
        ranked = self._rank_name(key, tokens, ctx, near_pt, featuretype, limit)
        if not ranked:
            ranked = self._part_of(query, ctx, near_pt, featuretype, limit)
        if not ranked and len(tokens) >= 3:  # a description: the place it names, if any
            found = self._scan(query, ctx, near_pt)
            if found is not None:
                self.approximate[found.location_id] = query
                return [(found, 4.0)]
        return ranked

    # -- structured queries ------------------------------------------------------------------

    def _rank_structured(
        self, parsed: ParsedQuery, ctx: _Context, near_pt, featuretype, limit
    ) -> list[tuple[Place, float]]:
        """ "X, Y, Z": the containers' candidates widest first, each inside the wider ones; then
        the best X inside one candidate of every container (a container's name may be a
        region or its eponymous town: "Ciudad Juárez, Chihuahua", "Tetlán, Guadalajara").
        When X is unknown or lies in none of them, the narrowest container answers
        (``raw["approximate"]``: the query named something smaller)."""
        if parsed.kind == "capital" and parsed.name:  # "the capital of Chihuahua"
            capitals = [self._capital_of(p) for p, _s in
                        self._rank_part(parsed.name, None, ctx, near_pt)]  # fmt: skip
            capitals = [c for c in capitals if c is not None]
            return [(capitals[0], 6.0)] if capitals else []
        levels: list[list[Place]] = []  # widest first; each level's candidates, best first
        for part, kind in reversed(list(zip(parsed.parents, parsed.parent_kinds, strict=True))):
            hint = _KIND_FEATURE.get(kind or "")
            found = self._rank_part(part, hint, ctx, near_pt)
            options = [p for p, _s in found if all(_inside_any(p, lv) for lv in levels)]
            options = _container_order(options, ctx)[:MAX_CONTAINER_OPTIONS]
            if kind == "capital":
                options = [c for c in map(self._capital_of, options) if c is not None][:1]
            if options:
                levels.append(options)
        ranked: list[tuple[Place, float]] = []
        if parsed.name and parsed.kind != "street":
            hint = featuretype or _KIND_FEATURE.get(parsed.kind or "")
            ranked = self._rank_part(parsed.name, hint, ctx, near_pt)
            if not levels and ctx.countries and parsed.kind in ("neighbourhood", "street"):
                # a neighbourhood abroad is not what the document means
                ranked = [(p, s) for p, s in ranked if p.country_code in ctx.countries]
            if levels and parsed.near:
                ranked = _near(ranked, levels[-1])
            elif levels:
                ranked = [(p, s) for p, s in ranked if all(_inside_any(p, lv) for lv in levels)]
                # inside the container's best reading first: "Guadalupe, Zacatecas" is the
                # city of Zacatecas state, not Guadalupe (Nuevo León) beside a hamlet Zacatecas
                ranked.sort(key=lambda item: _first_inside(item[0], levels[-1]))
        if ranked:
            return ranked if limit is None else ranked[:limit]
        if not levels:
            found = self._scan(" ".join((parsed.name, *parsed.parents)), ctx, near_pt)
            if found is not None:
                self.approximate[found.location_id] = parsed.name
                return [(found, 4.0)]
            return []
        inner = levels[-1][0]
        if parsed.name:
            self.approximate[inner.location_id] = parsed.name
        return [(inner, 5.0)]

    def _scan(self, text: str, ctx: _Context, near_pt) -> Place | None:
        """Last resort for a description ("a bar on Posadas Ocampo Boulevard near the Pemex
        refinery of Salamanca"): the last proper name in it that the gazetteer knows as a
        region or a town of :data:`SCAN_MIN_POPULATION` people or more."""
        words = re.findall(r"[^\W\d_][\w'’.-]*", text)
        if len(words) < 2:
            return None
        gaz = self.gazetteer
        for end in range(len(words), 0, -1):
            for start in range(max(0, end - 4), end):
                if not words[start][:1].isupper():
                    continue
                before = words[start - 1] if start else ""
                if before[:1].isupper():
                    continue  # inside a longer name: "Mariano Matamoros street"
                key = fast_key(" ".join(words[start:end]))
                if not key or key in _SCAN_SKIP or not gaz.has_key(key):
                    continue
                if key in name_abbreviations() and end < len(words) and words[end][:1].isupper():
                    continue  # the first word of a name ("Mt St Helens"), not Montana's code
                ranked = self._rank_name(key, key.split(), ctx, near_pt, None, 3)
                for place, _score in ranked:
                    if ctx.countries and place.country_code not in ctx.countries:
                        continue  # a description of a place in the document's country
                    if place.feature in ("admin1", "country") or (
                        place.feature == "city" and place.population >= SCAN_MIN_POPULATION
                    ):
                        return place
        return None

    def _capital_of(self, area: Place) -> Place | None:
        """The capital of a country (its PPLC) or of a region: the town named like the region
        inside it ("Chihuahua", "Zacatecas"), else its largest town."""
        if area.feature in ("city", "admin2"):
            return area
        if area.feature not in ("country", "admin1"):
            return None
        gaz = self.gazetteer
        if area.feature == "country":
            towns = [p for p in gaz.places_in(area.country_code) if p.feature_code == "PPLC"]
            return towns[0] if towns else None
        towns = gaz.places_in(area.country_code, area.admin1_code)
        if not towns:
            return None
        key = fast_key(area.name)
        named = [p for p in towns if fast_key(p.name) == key or key.startswith(fast_key(p.name))]
        return max(named or towns, key=lambda p: p.population)

    def _rank_part(self, text: str, hint, ctx: _Context, near_pt) -> list[tuple[Place, float]]:
        """Every candidate for one part of a query (a border phrase, or a name), best first."""
        key = fast_key(text)
        if not key:
            return []
        tokens = key.split()
        if any(t in BORDER_WORDS for t in tokens) and not self._town_named_border(tokens):
            place = self._border(tokens, ctx)
            return [(place, 10.0)] if place is not None else []
        return self._rank_name(key, tokens, ctx, near_pt, hint, None) or self._part_of(
            text, ctx, near_pt, hint, None
        )

    def _part_of(self, text: str, ctx: _Context, near_pt, featuretype, limit):
        """A part of a place that a lower-case direction describes ("south Texas", "northern
        Mexico", "el norte de Sonora"): the place, flagged approximate, if it is a country, a
        world region, a region by its own name or a big city. A capitalised direction begins a
        name the gazetteer lacks ("West Midlands", "Northern Triangle"): nothing."""
        words = text.split()
        if words and fast_key(words[0]) in _ARTICLES:
            words = words[1:]
        if len(words) < 2 or not words[0].islower():
            return []
        part = _without_direction(fast_key(" ".join(words)).split())
        if part is None:
            return []
        ranked = [
            (p, s)
            for p, s in self._rank_name(part, part.split(), ctx, near_pt, featuretype)
            if p.feature in ("country", "region")
            or (p.feature == "admin1" and fast_key(p.name) == part)
            or (p.feature == "city" and p.population >= BIG_CITY)
        ][:limit]
        for place, _score in ranked:
            self.approximate.setdefault(place.location_id, text.strip())
        return ranked

    def _town_named_border(self, tokens: list[str]) -> bool:
        """Whether a border word is part of a town's name ("Frontera Comalapa", "Amatenango de
        la Frontera"), not a border phrase ("frontera", "la frontera sur")."""
        return (
            len(tokens) > 1
            and tokens[0] not in _BORDER_ARTICLES
            and self.gazetteer.has_key(" ".join(tokens))
        )

    # -- names -------------------------------------------------------------------------------

    def _rank_name(
        self, key, tokens, ctx, near_pt, featuretype, limit=None
    ) -> list[tuple[Place, float]]:
        gaz = self.gazetteer
        found = gaz.stubs_key(key)
        hint = featuretype
        if not found and len(tokens) > 1:
            stripped, word_hint = _strip_hint(tokens)
            hint = hint or word_hint
            if stripped != key:
                key = stripped
                found = gaz.stubs_key(key)
        if not found:
            code = gaz.country_from_word(key)
            if code is None:
                return []
            country = gaz.country(code)
            return [(country, self._score(country, True, ctx, near_pt, hint, None))]
        admin1_here = None
        if len(found) > 1:
            # a region named like a big town of it ("Tacna", "Callao"): the name is the town's
            # (the region steps back), unless a country bears it too ("Mexico")
            regions = towns = None
            for p, _prim in found:
                if p.feature == "admin1" and p.admin1_code:
                    regions = regions or {}
                    regions[p.admin1_code] = p
                elif p.feature == "city" and p.population >= BIG_CITY:
                    towns = towns or []
                    towns.append(p)
                elif p.feature == "country":
                    regions = towns = None
                    break
            if regions and towns:
                admin1_here = {
                    code: region
                    for code, region in regions.items()
                    if any(self._eponymous(town, {code: region}) for town in towns)
                }
        if len(found) == 1 and (limit is None or limit > 0):  # one candidate: nothing to rank
            p, prim = found[0]
            return [(gaz.place_of(p), self._score(p, prim, ctx, near_pt, hint, None))]
        score = self._score
        # best first: score, population, index row; k keeps equal ones in order (a stable sort)
        order = [
            (-score(p, prim, ctx, near_pt, hint, admin1_here), -p.population, p.row, k, p)
            for k, (p, prim) in enumerate(found)
        ]
        order.sort()
        if ctx.countries and hint is None and near_pt is None:
            _prominent_first(order, ctx, [prim for _p, prim in found])
        if limit is not None:
            order = order[:limit]
        return [(gaz.place_of(p), -neg) for neg, _pop, _row, _k, p in order]

    def _score(self, p: Any, prim: bool, ctx: _Context, near_pt, hint, admin1_here) -> float:
        """Score of a candidate (a Place or a gazetteer Stub: the same field names); the
        weights are :attr:`weights` (``weights.json``)."""
        w = self.weights
        feature = p.feature
        cc = p.country_code
        if feature == "country":
            s = w["country_base"] + w["country_pop"] * math.log10(max(p.population, 10))
            term = ctx.country_term.get(cc)
            if term is not None:
                s += w[term]
            if len(ctx.named) - (cc in ctx.named) >= 2:  # among others: "Bulgaria ... Lebanon"
                s += w["country_peers"]
        elif feature == "region":
            s = w["region_base"]
        else:
            if feature == "admin1":
                s = w["admin1_base"] + w["admin1_pop"] * math.log10(p.population + 1)
                if admin1_here and p.admin1_code in admin1_here:
                    s -= w["eponymous"]  # "Tacna", "Callao": the town, not its region
            elif feature == "admin2":
                s = w["admin2_base"]
            else:
                s = w["city_base"] + w["city_pop"] * math.log10(p.population + 1)
                if p.feature_code == "PPLC":
                    s += w["capital"]
                if p.population >= BIG_CITY:
                    s += w["big_city"]
                if p.admin1_code and p.admin1_code in ctx.admin1:
                    s += w["context_admin1"]
            term = ctx.country_term.get(cc)  # neighbour: border news, Texas in a Mexican story
            if term is not None:
                s += w[term]
            if ctx.points:
                best = 0.0
                for lat, lon, pcc in ctx.points:
                    if pcc == cc:
                        d = haversine_km(p.latitude, p.longitude, lat, lon)
                        best = max(best, math.exp(-d / 100.0))
                s += w["context_near"] * best
        if near_pt is not None:
            d = haversine_km(p.latitude, p.longitude, near_pt[0], near_pt[1])
            s += w["near"] * math.exp(-d / 100.0)
        if prim:
            s += w["primary"]
        if hint is not None and hint == feature:
            s += w["hint"]
        return s

    @staticmethod
    def _eponymous(city: Any, admin1_here: dict[str, Any]) -> bool:
        if city.admin1_code in admin1_here:
            return True
        for region in admin1_here.values():
            if region.country_code == city.country_code:
                if city.feature_code == "PPLC":  # "Buenos Aires": the capital, not the province
                    return True
                d = haversine_km(city.latitude, city.longitude, region.latitude, region.longitude)
                if d < 150.0:
                    return True
        return False

    def _context(
        self,
        codes: tuple[str, ...],
        items: tuple[str, ...],
        key: str,
        tokens: list[str] | None = None,
    ) -> _Context:
        """The context, leaving out the name being resolved (cached per document); *tokens*:
        ``key.split()``, when the caller has them."""
        if not items:
            return self._context_cache(codes, (), "")
        base = self._context_cache(codes, items, "")
        if key not in base.keys:
            if tokens is None:
                tokens = key.split()
            if tokens[0] not in _ARTICLES and tokens[0] not in _HINT_WORDS:
                return base  # _strip_hint would give the key back
            key = _strip_hint(tokens)[0]
            if key not in base.keys:
                return base
        return self._context_cache(codes, items, key)

    def _effective_key(self, key: str) -> str:
        """The key itself if it is a name, else without its article and kind word."""
        if self.gazetteer.has_key(key):
            return key
        return _strip_hint(key.split())[0]

    # -- context -----------------------------------------------------------------------------

    def _build_context(
        self, codes: tuple[str, ...], items: tuple[str, ...], exclude: str = ""
    ) -> _Context:
        gaz = self.gazetteer
        ctx = _Context()
        known = set(gaz.country_codes)
        for code in codes:
            ctx.add_country(code)
            ctx.given.add(code)
        names: list[str] = []
        words: list[tuple[str, str]] = []
        for item in items:
            if len(item) == 2 and item.isalpha() and item.upper() in known and item.isupper():
                ctx.add_country(item.upper())
                ctx.coded.add(item.upper())
            elif (code := gaz.country_from_word(item)) is not None:
                words.append((item, code))
            else:
                names.append(item)
        for item, code in words:
            # "Georgia" beside "US": the state, when its country is not already in context
            if code not in ctx.countries and any(gaz.admin1(c, item) for c in ctx.order):
                names.append(item)
            else:
                ctx.add_country(code)
                ctx.named.add(code)
        for item in names:
            key = self._effective_key(name_key(item))
            if key == exclude:
                continue  # the name being resolved is no evidence for itself
            ctx.keys.add(key)
            found = gaz.lookup_key(key)
            if not found:
                continue
            primary = [p for p, prim in found if prim] or [p for p, _ in found]
            local = [p for p in primary if p.country_code in ctx.countries]
            if not local:
                local = [max(primary, key=_static_rank)]
            if len({p.admin1_code for p in local}) > 1:
                # Ambiguous ("Palca": four regions): only a region of that name is evidence.
                local = [p for p in local if p.feature == "admin1"]
                if len(local) != 1:
                    continue
            for p in local:
                if p.feature in ("admin1", "city", "admin2") and p.admin1_code:
                    ctx.admin1.add(p.admin1_code)
                if p.feature in ("admin1", "city", "admin2"):
                    ctx.points.append((p.latitude, p.longitude, p.country_code))
        for code in ctx.order:
            ctx.neighbours.update(gaz.neighbours(code))
        # the first of given > countries > neighbours that holds, as _score tested them
        for group, term in ((ctx.neighbours, "neighbour"), (ctx.countries, "focus_country"),
                            (ctx.given, "context_country")):  # fmt: skip
            ctx.country_term.update(dict.fromkeys(group, term))
        return ctx

    # -- borders -----------------------------------------------------------------------------

    def _border(self, tokens: list[str], ctx: _Context) -> Place | None:
        gaz = self.gazetteer
        bearing, used = direction_from_tokens(tokens)
        rest = [t if i not in used else "" for i, t in enumerate(tokens)]
        named = [code for code, _span in gaz.countries_in_tokens(rest)]
        if len(named) >= 2:
            a, b = named[0], named[1]
            if b in ctx.countries and a not in ctx.countries:
                a, b = b, a
            return _try_border(gaz, a, b)
        if len(named) == 1:
            other = named[0]
            homes = [c for c in ctx.order if c != other and other in gaz.neighbours(c)]
            if homes:
                return _try_border(gaz, homes[0], other)
            if bearing is not None:
                return gaz.border_in_direction(other, bearing)
            return None
        if not ctx.order:
            return None
        home = ctx.order[0]
        if bearing is not None:
            return gaz.border_in_direction(home, bearing)
        neighbours = gaz.neighbours(home)
        if len(neighbours) == 1:
            return gaz.border(home, neighbours[0])
        return None


_BORDER_ARTICLES = frozenset("la el le les los las the l notre nuestra our".split())


PROMINENT_CITY = 1_000_000
SMALL_TOWN = 10_000
"""Below this, a town of the document's own country yields to a country or a city of a
million of that name, unless the text's regions or places nearby support it."""
LOCAL_KM = 300.0


def _prominent_first(order: list, ctx: _Context, primary: list[bool]) -> None:
    """Put a country or a city of a million first when the winner is a small town that only
    countries the document mentions carried, with nothing near it in the text: "Cairo" in an
    Iraqi story that names the United States is Egypt's capital, not Cairo, Georgia. A town of
    the caller's country_codes or of a country given as a code in the context (the document's
    focus) with :data:`SMALL_TOWN` people, or that a region of the text or a place nearby
    supports, keeps its rank
    (CLIFF's "large areas first"). *primary*: by candidate, whether the name is its main one
    (an alternate name is too weak to overrule the context)."""
    top = order[0][4]
    if top.feature != "city" or top.population >= BIG_CITY:
        return
    if (top.country_code in ctx.given or top.country_code in ctx.coded) and (
        top.population >= SMALL_TOWN
    ):
        return  # the caller's or the document's own country: "Santiago" in a Mexican story
        # (37,000 people); a village of it is no "Toronto" (Toronto, Ohio: 4,900)
    if top.admin1_code and top.admin1_code in ctx.admin1:
        return
    if any(
        cc == top.country_code and haversine_km(top.latitude, top.longitude, lat, lon) <= LOCAL_KM
        for lat, lon, cc in ctx.points
    ):
        return
    for i in range(1, len(order)):
        p = order[i][4]
        big = p.feature == "country" or (p.feature == "city" and p.population >= PROMINENT_CITY)
        if big and primary[order[i][3]]:
            order.insert(0, order.pop(i))
            return


@lru_cache(maxsize=1)
def _default_weights() -> dict[str, float]:
    return load_weights()


_KEY_JUNK = re.compile(r"[^0-9a-z]+")


def fast_key(text: str) -> str:
    """:func:`geo.text.name_key` with a fast path for ASCII text (same result)."""
    if text.isascii():
        return _KEY_JUNK.sub(" ", text.lower()).strip()
    return name_key(text)


def _without_direction(tokens: list[str]) -> str | None:
    """The key of the place a direction phrase is part of ("south texas" -> "texas", "norte
    de sonora" -> "sonora", "sud du mexique" -> "mexique"), or None."""
    if len(tokens) < 2 or tokens[0] not in DIRECTION_WORDS:
        return None
    rest = tokens[1:]
    if len(rest) > 1 and rest[0] in _HINT_LINK:  # "norte de", "sud du"
        rest = rest[1:]
        if len(rest) > 1 and rest[0] in _ARTICLES:
            rest = rest[1:]
    return " ".join(rest)


def _strip_hint(tokens: list[str]) -> tuple[str, str | None]:
    """Drop a leading article and kind word: "la region de tacna" -> ("tacna", "admin1")."""
    rest, hint = tokens, None
    if len(rest) > 1 and rest[0] in _ARTICLES:
        rest = rest[1:]
    if len(rest) > 1 and rest[0] in _HINT_WORDS:
        hint = _HINT_WORDS[rest[0]]
        rest = rest[1:]
        while len(rest) > 1 and rest[0] in _HINT_LINK:
            rest = rest[1:]
    return " ".join(rest), hint


_PUNCTUATION = re.compile(r"[,;()]")
_FEATURETYPES = frozenset(("country", "admin1", "admin2", "city", "region", "border"))
_KIND_FEATURE = {"city": "city", "admin2": "city", "admin1": "admin1", "neighbourhood": None}


def _inside(place: Place, container: Place) -> bool:
    """Whether *place* can lie inside *container* (same country, same region, or near a town)."""
    if container.feature == "region":
        return True
    if container.feature == "country":
        return place.country_code == container.country_code
    if place.country_code != container.country_code:
        return False
    if container.feature == "admin1":
        return place.feature != "country" and (
            place.admin1_code == container.admin1_code or place.admin1_code is None
        )
    if container.feature in ("city", "admin2"):
        if place.feature in ("country", "admin1"):
            return False
        distance = haversine_km(place.latitude, place.longitude, container.latitude,
                                container.longitude)  # fmt: skip
        return distance <= NEIGHBOURHOOD_KM
    return True


MAX_CONTAINER_OPTIONS = 4
_CONTAINER_RANK = {"country": 0, "admin1": 1, "region": 2, "city": 3, "admin2": 4}


def _container_order(options: list[Place], ctx: _Context) -> list[Place]:
    """A container's candidates: those in the document's countries first, then areas before
    towns, each group in rank order: "X, Chihuahua" is first the state, then the town (if X
    lies in neither, the state answers)."""
    return sorted(
        options,
        key=lambda p: (ctx.countries and p.country_code not in ctx.countries,
                       _CONTAINER_RANK.get(p.feature, 5)),
    )  # fmt: skip


def _inside_any(place: Place, options: list[Place]) -> bool:
    return any(_inside(place, option) for option in options)


def _first_inside(place: Place, options: list[Place]) -> int:
    """The rank of the first of *options* that can hold *place* (``len(options)``: none)."""
    return next((i for i, option in enumerate(options) if _inside(place, option)), len(options))


def _near(ranked: list[tuple[Place, float]], anchors: list[Place]) -> list[tuple[Place, float]]:
    """The candidates within :data:`NEAR_KM` of one of *anchors* ("X near Y", "X, south of
    Y"); none when all are farther (then Y answers)."""

    def close(p: Place) -> bool:
        return any(
            haversine_km(p.latitude, p.longitude, a.latitude, a.longitude) <= NEAR_KM
            for a in anchors
        )

    return [item for item in ranked if close(item[0])]


def _try_border(gaz: Gazetteer, a: str, b: str) -> Place | None:
    if b not in gaz.neighbours(a):
        return None
    return gaz.border(a, b)


def _static_rank(p: Place) -> tuple[int, int]:
    order = {"country": 4, "region": 3, "admin1": 2}
    return (order.get(p.feature, 1), p.population)


_CODE = re.compile(r"^[A-Za-z]{2}$")


def _codes_tuple(country_codes: str | Sequence[str] | None) -> tuple[str, ...]:
    if country_codes is None:
        return ()
    if isinstance(country_codes, str):
        country_codes = [c for c in re.split(r"[,\s]+", country_codes) if c]
    out = []
    for code in country_codes:
        if not isinstance(code, str) or not _CODE.match(code):
            raise GeocoderQueryError(f"country code must be two letters (ISO 3166-1): {code!r}")
        if code.upper() not in out:
            out.append(code.upper())
    return tuple(out)


def _context_tuple(context: Iterable[str] | None) -> tuple[str, ...]:
    if context is None:
        return ()
    if isinstance(context, str):
        context = [context]
    elif type(context) in (list, tuple):
        for item in context:
            if type(item) is not str or not item or item != item.strip():
                break
        else:
            return tuple(context)  # already clean: the usual case, checked in one pass
    out = []
    for item in context:
        if not isinstance(item, str):
            raise GeocoderQueryError(f"context items must be strings, not {type(item).__name__}")
        if item.strip():
            out.append(item.strip())
    return tuple(out)


def _near_point(near: Any) -> tuple[float, float] | None:
    if near is None:
        return None
    try:
        if isinstance(near, Point):
            lat, lon = near.latitude, near.longitude
        else:
            lat, lon = float(near[0]), float(near[1])
    except (TypeError, ValueError, IndexError) as error:
        raise GeocoderQueryError(f"near must be (lat, lon): {near!r}") from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
        raise GeocoderQueryError(f"near is out of range: {near!r}")
    return lat, lon
