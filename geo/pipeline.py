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

import fcntl
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.exc import BuildLocked, DeploymapError
from geo.schema import COLUMNS, validate_events
from geo.storage import atomic_write_text, write_events

PIPELINE_VERSION = "2"
"""Bump to invalidate every cached article (code changes already do, see
:func:`extraction_fingerprint`)."""

_GEO_PRECISION = {"country": "country", "admin1": "admin1", "border": "border"}


def cache_dir() -> Path:
    """Where per-article results are cached (``DEPLOYMAP_CACHE`` or ``data/cache``)."""
    root = os.environ.get("DEPLOYMAP_CACHE")
    base = Path(root) if root else Path(__file__).resolve().parent.parent / "data" / "cache"
    return base / "articles"


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
        from geo.gazetteer import load_gazetteer
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
        from geo.dates import parse_published
        from geo.events import extract_events
        from geo.mentions import find_mentions
        from geo.nlp import load_ner
        from geo.resolve import document_countries, resolve_mentions
        from geo.sentences import split_sentences
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


_EXTRACTION_FILES = (
    "articles.py",
    "counts.py",
    "dates.py",
    "event_types.py",
    "events.py",
    "mentions.py",
    "nlp.py",
    "pipeline.py",
    "resolve.py",
    "sentences.py",
    "text.py",
)


@lru_cache(maxsize=1)
def extraction_fingerprint() -> str:
    """Hash of what decides an article's rows: the extraction code, its word lists, the
    gazetteer index. Cached rows from another fingerprint are recomputed."""
    from geo.gazetteer import fingerprint

    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    package = Path(__file__).resolve().parent
    for name in _EXTRACTION_FILES:
        digest.update((package / name).read_bytes())
    not_places = package.parent / "data" / "not_places.csv"
    if not_places.exists():
        digest.update(not_places.read_bytes())
    digest.update(fingerprint().encode())
    return digest.hexdigest()[:16]


def _cache_key(article) -> str:
    text = f"{extraction_fingerprint()}\x1f{article.content_hash}"
    return hashlib.sha256(text.encode()).hexdigest()


@contextmanager
def output_lock(out: Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``<out>.lock`` (kept on disk); :class:`BuildLocked` if taken.

    The lock is released by the kernel when the process dies, so a killed build never leaves
    a stale lock behind.
    """
    lock_path = out.with_name(out.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildLocked(
                f"{out}: another build is writing this table right now (lock {lock_path}); "
                "wait for it to finish"
            ) from error
        for stale in out.parent.glob(f".{out.name}.*.tmp"):
            stale.unlink(missing_ok=True)  # left by a killed build: nobody else writes *out*
        try:
            yield lock_path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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

    Unchanged articles reuse their cached rows (under *cache*, default :func:`cache_dir`)
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

    from geo.articles import Article, iter_articles

    started = time.perf_counter()
    report = BuildReport(out=Path(out))
    cache = Path(cache) if cache is not None else cache_dir()
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
