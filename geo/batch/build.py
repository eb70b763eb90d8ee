"""The batch build: articles -> mentions -> resolved places -> events -> the events table.

Two outputs, one loop (:func:`geo.batch.engine.run_batches`, in this process or on Dask):

- :func:`build` writes one table file (``.csv``, ``.parquet``, ``.geojson``) afresh from every
  article under *inputs*, atomically. Each article's text stages come from the per-article
  cache (:mod:`geo.batch.cache`) when its text and the extraction code are unchanged; its
  identity and publication date are read from the input each time.
- :func:`build_dataset` grows a month-partitioned Parquet dataset
  (:class:`geo.table.dataset.EventDataset`) in atomic commits, extracting only the articles
  whose rows changed since the last commit; a killed run loses at most the uncommitted
  batches and a rerun finishes the job.

Both stream the articles from the inputs to the batches: only the batches in flight hold
article texts, never the whole corpus. A bad article is reported and skipped; the rest of the
batch goes on. Only one build at a
time may write a given output: each holds an exclusive lock on ``<out>.lock``
(:func:`geo.io.output_lock`) and a second one is refused at once with
:class:`~geo.exc.BuildLocked` (exit code 2 on the command line). ``python -m geo build`` is
the command line of both.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geo import config
from geo.batch.cache import rows_key
from geo.batch.engine import ExtractorFactory, default_factory, run_batches
from geo.exc import SchemaError, TableReadError
from geo.io import output_lock, sweep_temp_files
from geo.table.corrections import apply_corrections, read_corrections
from geo.table.dataset import EventDataset, check_dataset_folder
from geo.table.formats import read_events, write_events
from geo.table.schema import COLUMNS, empty_events, validate_events

SORT_KEYS = ["article_id", "evidence_start", "place_start"]


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
    corrected: int = 0  # corrections applied
    orphans: list[str] = field(default_factory=list)  # corrections whose row is gone
    imported: int = 0  # rows of imported datasets (ACLED, UCDP, GDELT) kept from the old table

    def summary(self) -> str:
        """A human summary for the end of a run."""
        lines = [
            f"read {self.articles} article(s): {self.processed} processed, "
            f"{self.cached} unchanged (cached), {len(self.skipped)} skipped",
            f"wrote {self.rows} row(s): {self.events} event(s) at {self.places} place(s) "
            f"-> {self.out} in {self.seconds:.1f} s",
        ]
        lines += [f"  skipped {name}: {reason}" for name, reason in self.skipped]
        if self.imported:
            lines.append(f"kept {self.imported} imported row(s) (python -m geo import)")
        if self.corrected or self.orphans:
            lines.append(f"applied {self.corrected} correction(s)")
        lines += [f"  correction {item} matches no row (kept in the file)" for item in self.orphans]
        return "\n".join(lines)


def imported_rows(out: Path) -> pd.DataFrame:
    """The rows of *out* that came from an imported dataset (``source_dataset`` other than
    ``news``): a build remakes the news rows from the articles and keeps these. Empty when
    *out* does not exist yet.

    Raises :class:`~geo.exc.TableReadError` (before any article is read) when *out* exists
    but cannot be read: writing over it could lose imported rows that no build can remake.
    """
    if not out.is_file():
        return empty_events()
    try:
        table = read_events(out)
    except SchemaError as error:
        raise TableReadError(
            f"{out} exists but cannot be read ({error}); a build would replace it and lose "
            "any imported rows: repair it, or move it away to build a new table"
        ) from error
    return table[table["source_dataset"].fillna("news") != "news"].reset_index(drop=True)


def check_configuration(default_extractor: bool = True) -> None:
    """Check the settings a build reads before it reads any article, so that a bad setting
    stops the build at once (exit 2) and the previous table stays: the article size limit,
    and, for the default extractor, the online geocoder's backend and user agent.

    Raises :class:`~geo.exc.ConfigurationError`.
    """
    config.max_article_bytes()
    config.article_seconds()
    if default_extractor:
        config.online_geocoder()


def _stream_inputs(
    inputs: Sequence[Path], report: BuildReport, allow_outside: bool = False
) -> Iterator[Any]:
    """The articles under *inputs*, one at a time (never all texts in memory at once);
    what cannot be read goes to *report* as skipped, and ``report.articles`` counts them."""
    from geo.ingest.articles import Article, iter_articles

    for item in iter_articles(list(inputs), allow_outside=allow_outside):
        if isinstance(item, Article):
            report.articles += 1
            yield item
        else:
            report.skipped.append((str(item.name), item.reason))


def _counted(items: Iterable[Any], report: BuildReport) -> Iterator[Any]:
    for item in items:
        report.articles += 1
        yield item


def _factory_of(extractor: Any, factory: ExtractorFactory | None) -> ExtractorFactory:
    if extractor is not None:
        return lambda: extractor  # an instance made by the caller: this process only
    return factory or default_factory


def _progress(progress: bool):
    from tqdm import tqdm

    # articles are streamed: their number is known only at the end
    return tqdm(desc="articles", unit="art", file=sys.stderr, disable=not progress)


def build(
    inputs: Sequence[Path],
    *,
    out: Path,
    force: bool = False,
    progress: bool = True,
    extractor: Any = None,
    extractor_factory: ExtractorFactory | None = None,
    cache: Path | None = None,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    allow_outside: bool = False,
    corrections: Path | None = None,
) -> BuildReport:
    """Build the events table from *inputs* (files and folders) into the file *out*.

    Every article's rows are made afresh; its text stages come from the per-article cache
    (under *cache*, default :func:`geo.config.article_cache_dir`) unless *force*, which
    recomputes them (and stores the fresh results). The table
    is written atomically (the previous one stays intact if anything fails). Raises
    :class:`~geo.exc.BuildLocked` if another build is writing *out*. Files outside the input
    folders (symlinks, manifest ``file`` paths) are skipped unless *allow_outside*. The
    analysts' *corrections* (default :func:`geo.config.corrections_path`) are applied to the
    table; those whose row is gone are listed in the report's ``orphans``.
    """
    started = time.perf_counter()
    out = Path(out)
    check_configuration(extractor is None and extractor_factory is None)
    report = BuildReport(out=out)
    cache_dir = Path(cache) if cache is not None else config.article_cache_dir()
    sweep_temp_files(cache_dir)  # left by killed builds
    with output_lock(out):
        imported = imported_rows(out)  # before any article: an unreadable table stops here
        report.imported = len(imported)
        articles = _stream_inputs(inputs, report, allow_outside)
        rows: list[dict] = []
        bar = _progress(progress)
        with run_batches(
            articles, factory=_factory_of(extractor, extractor_factory), engine=engine,
            cache=cache_dir, refresh=force, workers=workers, scheduler=scheduler,
        ) as results:  # fmt: skip
            for result in results:
                bar.update(len(result.done) + len(result.skipped))
                report.skipped += result.skipped
                report.cached += result.cached
                report.processed += len(result.done) - result.cached
                rows += result.rows
        bar.close()
        table = _frame(rows)
        if len(imported):
            table = pd.concat([table, imported], ignore_index=True)
        table = table.sort_values(SORT_KEYS, kind="stable")
        fixes = read_corrections(corrections or config.corrections_path())
        applied = apply_corrections(table, fixes)
        report.corrected = len(applied.applied)
        report.orphans = [f"{c.id} ({c.field} of {c.key})" for c in applied.orphans]
        table = validate_events(applied.table)
        write_events(table, out)
    report.rows = len(table)
    report.events = table["event_key"].nunique()
    report.places = table["location_id"].nunique()
    report.seconds = time.perf_counter() - started
    return report


def build_dataset(
    inputs: Sequence[Path] | None = None,
    *,
    out: Path,
    engine: str = "dask",
    scheduler: str | None = None,
    workers: int | None = None,
    items: Iterable[Any] | None = None,
    extractor_factory: ExtractorFactory | None = None,
    force: bool = False,
    progress: bool = True,
    commit_every: float = 30.0,
    batch_size: int | None = None,
    client: Any = None,
    cache: Path | None = None,
    allow_outside: bool = False,
) -> BuildReport:
    """Extract the articles under *inputs* (or the article objects *items*) into the Parquet
    dataset *out*, processing only articles that are new or changed since the last commit.

    *engine* is ``"dask"`` (a cluster: *client*, else *scheduler*, else a ``LocalCluster`` of
    *workers* processes) or ``"local"`` (this process). *extractor_factory* (picklable, called
    once per worker) defaults to :class:`geo.extract.document.Extractor`. *force* reprocesses
    every article. Rows are committed every *commit_every* seconds. *allow_outside*: as in
    :func:`build`. Returns a
    :class:`BuildReport` (rows, events and places of the whole dataset).
    """
    started = time.perf_counter()
    out = Path(out)
    check_dataset_folder(out)
    check_configuration(extractor_factory is None)
    report = BuildReport(out=out)
    cache_dir = Path(cache) if cache is not None else config.article_cache_dir()
    sweep_temp_files(cache_dir)  # left by killed builds
    with output_lock(out):
        dataset = EventDataset(out)
        dataset.recover()
        if items is None:
            articles = _stream_inputs(list(inputs or []), report, allow_outside)
        else:
            articles = _counted(items, report)
        keys: dict[str, str] = {}  # computed here: workers need not hold the fingerprint
        seen: set[str] = set()

        def changed() -> Iterator[Any]:  # the articles to extract, streamed
            for article in articles:
                key = rows_key(article)
                seen.add(article.article_id)
                if not force and dataset.key_of(article.article_id) == key:
                    report.cached += 1
                else:
                    keys[article.article_id] = key
                    yield article

        todo = changed()
        bar = _progress(progress)
        rows: list[dict] = []
        done: dict[str, str] = {}
        last_commit = time.monotonic()
        with run_batches(
            todo, factory=extractor_factory or default_factory, engine=engine,
            cache=cache_dir, refresh=force, client=client, scheduler=scheduler,
            workers=workers, size=batch_size,
        ) as results:  # fmt: skip
            for result in results:
                bar.update(len(result.done) + len(result.skipped))
                report.skipped += result.skipped
                report.processed += len(result.done)
                rows += result.rows
                done.update((aid, keys[aid]) for aid in result.done)
                if done and time.monotonic() - last_commit >= commit_every:
                    dataset.commit(_frame(rows), done)
                    rows, done = [], {}
                    last_commit = time.monotonic()
        # A renamed article: its content under a new id, its old id absent from the inputs.
        # Other missing articles keep their rows (the dataset grows with an archive).
        new_keys = {
            key for aid, key in keys.items() if done.get(aid) == key or dataset.key_of(aid) == key
        }
        renamed = [
            aid
            for aid, key in dataset.manifest.articles.items()
            if aid not in seen and key in new_keys
        ]
        dataset.commit(_frame(rows), done, removed=renamed)
        bar.close()
        report.rows, report.events, report.places = dataset.stats()
    report.seconds = time.perf_counter() - started
    return report


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(COLUMNS)) if rows else empty_events()
