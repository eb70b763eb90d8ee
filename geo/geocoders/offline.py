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

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.exc import GeocoderQueryError
from geo.gazetteer.borders import direction_from_tokens, haversine_km
from geo.gazetteer.index import Gazetteer, Place, load_gazetteer
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

W_CONTEXT_COUNTRY = 5.0
W_NEIGHBOUR = 2.0
W_ADMIN1 = 2.0
W_CONTEXT_NEAR = 1.0
W_NEAR = 2.0
W_PRIMARY = 0.3
W_HINT = 4.0
BIG_CITY = 100_000


def location_from_place(place: Place, score: float | None = None) -> Location:
    """A geopy ``Location`` for a place; ``raw`` holds every field of :class:`Place`."""
    raw = {
        "geonameid": place.geonameid,
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "feature": place.feature,
        "feature_code": place.feature_code,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin1_code": place.admin1_code,
        "population": place.population,
        "location_id": place.location_id,
        "geometry_wkt": place.geometry_wkt,
        "source": place.source,
        "score": None if score is None else round(score, 3),
    }
    return Location(_address(place), Point(place.latitude, place.longitude), raw)


def _address(place: Place) -> str:
    parts = [place.name]
    if place.feature in ("city", "admin2") and place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.feature not in ("country", "border", "region") and place.country_code:
        parts.append(_country_names.get(place.country_code, place.country_code))
    return ", ".join(parts)


_country_names: dict[str, str] = {}


class _Context:
    __slots__ = ("countries", "order", "admin1", "points", "neighbours", "keys")

    def __init__(self) -> None:
        self.countries: set[str] = set()
        self.order: list[str] = []
        self.admin1: set[str] = set()
        self.points: list[tuple[float, float, str]] = []
        self.neighbours: set[str] = set()
        self.keys: set[str] = set()

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
    ) -> None:
        super().__init__(user_agent=user_agent or "deploymap-offline", timeout=timeout)
        self._gazetteer = gazetteer
        self._context_cache = lru_cache(maxsize=512)(self._build_context)

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
        if not _country_names:
            gaz = self.gazetteer
            _country_names.update({c: gaz.country_name(c) for c in gaz.country_codes})
        if exactly_one:
            place, score = ranked[0]
            return location_from_place(place, score)
        if limit is not None:
            ranked = ranked[: max(0, int(limit))]
        return [location_from_place(p, s) for p, s in ranked]

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = None):
        """Not supported offline (raises NotImplementedError, as geopy's base class does)."""
        raise NotImplementedError("OfflineGeocoder does not reverse-geocode")

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
        if featuretype is not None and featuretype not in (
            "country",
            "admin1",
            "admin2",
            "city",
            "region",
            "border",
        ):
            raise GeocoderQueryError(f"unknown featuretype {featuretype!r}")
        codes = _codes_tuple(country_codes)
        ctx_items = _context_tuple(context)
        near_pt = _near_point(near)
        key = fast_key(query)
        if not key:
            return []
        tokens = key.split()
        ctx = self._context(codes, ctx_items, key)
        if any(t in BORDER_WORDS for t in tokens):
            place = self._border(tokens, ctx)
            return [(place, 10.0)] if place is not None else []
        return self._rank_name(key, tokens, ctx, near_pt, featuretype, limit)

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
            admin1_here = {
                p.admin1_code: p for p, _prim in found if p.feature == "admin1" and p.admin1_code
            }
        scored = [(self._score(p, prim, ctx, near_pt, hint, admin1_here), p) for p, prim in found]
        scored.sort(key=lambda sp: (-sp[0], -sp[1].population, sp[1].row))
        if limit is not None:
            scored = scored[:limit]
        return [(gaz.place_of(p), s) for s, p in scored]

    def _score(self, p: Any, prim: bool, ctx: _Context, near_pt, hint, admin1_here) -> float:
        """Score of a candidate (a Place or a gazetteer Stub: the same field names)."""
        feature = p.feature
        cc = p.country_code
        if feature == "country":
            s = 1.5 + 0.8 * math.log10(max(p.population, 10))
            if cc in ctx.countries:
                s += W_CONTEXT_COUNTRY
            elif cc in ctx.neighbours:
                s += W_NEIGHBOUR
        elif feature == "region":
            s = 7.0
        else:
            if feature == "admin1":
                s = 3.5
            elif feature == "admin2":
                s = 2.0
            else:
                s = 1.0 + 0.1 * math.log10(p.population + 1)
                if p.feature_code == "PPLC":
                    s += 1.5
                if p.population >= BIG_CITY:
                    s += 0.5
                    if admin1_here and self._eponymous(p, admin1_here):
                        s += 2.0
                if p.admin1_code and p.admin1_code in ctx.admin1:
                    s += W_ADMIN1
            if cc in ctx.countries:
                s += W_CONTEXT_COUNTRY
            if ctx.points:
                best = 0.0
                for lat, lon, pcc in ctx.points:
                    if pcc == cc:
                        d = haversine_km(p.latitude, p.longitude, lat, lon)
                        best = max(best, math.exp(-d / 100.0))
                s += W_CONTEXT_NEAR * best
        if near_pt is not None:
            d = haversine_km(p.latitude, p.longitude, near_pt[0], near_pt[1])
            s += W_NEAR * math.exp(-d / 100.0)
        if prim:
            s += W_PRIMARY
        if hint is not None and hint == feature:
            s += W_HINT
        return s

    @staticmethod
    def _eponymous(city: Any, admin1_here: dict[str, Any]) -> bool:
        if city.admin1_code in admin1_here:
            return True
        for region in admin1_here.values():
            if region.country_code == city.country_code:
                d = haversine_km(city.latitude, city.longitude, region.latitude, region.longitude)
                if d < 150.0:
                    return True
        return False

    def _context(self, codes: tuple[str, ...], items: tuple[str, ...], key: str) -> _Context:
        """The context, leaving out the name being resolved (cached per document)."""
        if not items:
            return self._context_cache(codes, (), "")
        base = self._context_cache(codes, items, "")
        if key not in base.keys:
            key = _strip_hint(key.split())[0]
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
        names: list[str] = []
        for item in items:
            if len(item) == 2 and item.isalpha() and item.upper() in known and item.isupper():
                ctx.add_country(item.upper())
            elif (code := gaz.country_from_word(item)) is not None:
                ctx.add_country(code)
            else:
                names.append(item)
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


_KEY_JUNK = re.compile(r"[^0-9a-z]+")


def fast_key(text: str) -> str:
    """:func:`geo.text.name_key` with a fast path for ASCII text (same result)."""
    if text.isascii():
        return _KEY_JUNK.sub(" ", text.lower()).strip()
    return name_key(text)


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
