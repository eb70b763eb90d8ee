"""Build the events table into a month-partitioned Parquet dataset, in-process or on Dask.

``build_dataset(inputs, out=..., engine="dask")`` reads the articles on the driver, keeps the
ones whose content key (content hash + ``PIPELINE_VERSION``, as the per-article cache) the
dataset does not hold yet, and runs the extraction over batches of them: on a Dask cluster
(``distributed.LocalCluster`` of *workers* single-threaded processes, or the scheduler at
*scheduler*) or in this process (``engine="local"``). Each worker process builds its extractor
once and keeps it for every later batch (:func:`worker_extractor`). The driver commits the
rows every *commit_every* seconds through :class:`geo.table.dataset.EventDataset` (atomic part
files, then the manifest), so a killed run loses at most the uncommitted batches and a rerun
finishes the job. Rows are exactly those :func:`geo.batch.build.build` writes for the same input.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from geo.batch.build import BuildReport, _cache_key
from geo.exc import ConfigurationError, DeploymapError
from geo.io import output_lock
from geo.table.dataset import EventDataset
from geo.table.schema import COLUMNS, empty_events, validate_events

ENGINES = ("local", "dask")
ExtractorFactory = Callable[[], Any]
"""A picklable callable that returns an object with ``.rows(article) -> list[dict]``."""

_WORKER_EXTRACTORS: dict[str, Any] = {}
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
"""Dask settings for the LocalCluster workers (see the README for a remote cluster)."""


def _default_factory():
    from geo.batch.build import Extractor

    return Extractor()


def _factory_token(factory: ExtractorFactory) -> str:
    try:
        return hashlib.sha1(pickle.dumps(factory)).hexdigest()
    except (pickle.PicklingError, AttributeError, TypeError):  # a local lambda: this process
        return f"id:{id(factory)}"


def worker_extractor(factory: ExtractorFactory) -> Any:
    """The extractor *factory* makes, built once per process (per worker) and then reused."""
    token = _factory_token(factory)
    extractor = _WORKER_EXTRACTORS.get(token)
    if extractor is None:
        extractor = _WORKER_EXTRACTORS[token] = factory()
    return extractor


def warm_worker(factory: ExtractorFactory, samples: Sequence[Any] = ()) -> int:
    """Load the extractor on this worker ahead of the first batch, and run it once over
    *samples* (one article per language loads the lazily loaded models); returns the pid."""
    extractor = worker_extractor(factory)
    for article in samples:
        with contextlib.suppress(Exception):  # a bad sample is reported when its batch runs
            extractor.rows(article)
    return os.getpid()


def warm_samples(articles: Sequence[Any]) -> list[Any]:
    """The first article of each language in *articles*."""
    seen: dict[str, Any] = {}
    for article in articles:
        seen.setdefault((article.lang or "").lower()[:2], article)
    return list(seen.values())


def extract_batch(
    factory: ExtractorFactory, articles: Sequence[Any]
) -> tuple[pd.DataFrame, dict[str, str], list[tuple[str, str]]]:
    """Run the extraction over *articles*: (validated rows, done ``id -> content hash``,
    skipped).

    An article whose extraction raises is reported in *skipped* and not marked done, so the
    next run tries it again (as :func:`geo.batch.build.build` does not cache failures).
    """
    extractor = worker_extractor(factory)
    rows: list[dict] = []
    done: dict[str, str] = {}
    skipped: list[tuple[str, str]] = []
    for article in articles:
        try:
            rows += extractor.rows(article)
        except DeploymapError as error:
            skipped.append((article.article_id, str(error)))
            continue
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the batch
            skipped.append((article.article_id, f"{type(error).__name__}: {error}"))
            continue
        done[article.article_id] = article.content_hash  # the driver maps it to its key
    table = validate_events(pd.DataFrame(rows, columns=list(COLUMNS))) if rows else empty_events()
    return table, done, skipped


def _batches(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _batch_size(n: int, workers: int) -> int:
    # ~8 batches per worker balances the load; 1..64 articles per task
    return max(1, min(64, -(-n // max(1, workers * 8))))


def _run_local(
    factory: ExtractorFactory, batches: Iterable[list[Any]]
) -> Iterator[tuple[pd.DataFrame, dict[str, str], list[tuple[str, str]]]]:
    for batch in batches:
        yield extract_batch(factory, batch)


def _run_dask(
    client: Any, factory: ExtractorFactory, batches: Iterable[list[Any]], window: int
) -> Iterator[tuple[pd.DataFrame, dict[str, str], list[tuple[str, str]]]]:
    """Submit batches with at most *window* in flight; yield results as they complete."""
    from distributed import as_completed

    pending = iter(batches)
    running = as_completed()
    for batch in pending:
        running.add(client.submit(extract_batch, factory, batch, pure=False))
        if running.count() >= window:
            break
    for future in running:
        result = future.result()
        future.release()
        yield result
        nxt = next(pending, None)
        if nxt is not None:
            running.add(client.submit(extract_batch, factory, nxt, pure=False))


def make_client(scheduler: str | None = None, workers: int | None = None) -> tuple[Any, Any]:
    """A ``distributed.Client`` for *scheduler*, or on a new ``LocalCluster`` of *workers*
    single-threaded worker processes. Returns ``(client, cluster_or_None)``; close both."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    n = workers or os.cpu_count() or 1
    # the workers' statistical profiler samples the stack every 10 ms under the GIL: a
    # measurable tax on pure-Python extraction, and nobody looks at it here
    with dask.config.set(WORKER_CONFIG):
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        )
    return Client(cluster), cluster


def _dataset_stats(files: list[Path]) -> tuple[int, int, int]:
    if not files:
        return 0, 0, 0
    import duckdb

    con = duckdb.connect()
    try:
        sql = (
            "SELECT count(*), count(DISTINCT event_key), count(DISTINCT location_id) "
            "FROM read_parquet(?)"
        )
        rows, events, places = con.execute(sql, [[str(f) for f in files]]).fetchone()
    finally:
        con.close()
    return int(rows), int(events), int(places)


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
) -> BuildReport:
    """Extract the articles under *inputs* (or the article objects *items*) into the Parquet
    dataset *out*, processing only articles that are new or changed since the last run.

    *engine* is ``"dask"`` (a cluster: *client*, else *scheduler*, else a ``LocalCluster`` of
    *workers* processes) or ``"local"`` (this process). *extractor_factory* (picklable, called
    once per worker) defaults to :class:`geo.batch.build.Extractor`. *force* reprocesses every
    article. Returns a :class:`geo.batch.build.BuildReport` (rows/events/places of the whole
    dataset).
    """

    if engine not in ENGINES:
        raise ConfigurationError(f"unknown engine {engine!r}; use one of {ENGINES}")
    started = time.perf_counter()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ConfigurationError(f"{out}: exists and is not a dataset folder")
    with output_lock(out):
        report = _build_dataset(
            inputs, out=out, engine=engine, scheduler=scheduler, workers=workers, items=items,
            extractor_factory=extractor_factory, force=force, progress=progress,
            commit_every=commit_every, batch_size=batch_size, client=client,
        )  # fmt: skip
    report.seconds = time.perf_counter() - started
    return report


def _build_dataset(
    inputs: Sequence[Path] | None,
    *,
    out: Path,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    items: Iterable[Any] | None,
    extractor_factory: ExtractorFactory | None,
    force: bool,
    progress: bool,
    commit_every: float,
    batch_size: int | None,
    client: Any,
) -> BuildReport:
    from tqdm import tqdm

    report = BuildReport(out=out)
    dataset = EventDataset(out)
    dataset.recover()
    factory = extractor_factory or _default_factory

    if items is None:
        from geo.ingest.articles import Article, iter_articles

        items = []
        for item in iter_articles(list(inputs or [])):
            if isinstance(item, Article):
                items.append(item)
            else:
                report.skipped.append((str(item.name), item.reason))
    todo = []
    keys: dict[str, str] = {}  # computed here: workers need not hold the gazetteer fingerprint
    for article in items:
        report.articles += 1
        key = _cache_key(article)
        if not force and dataset.key_of(article.article_id) == key:
            report.cached += 1
        else:
            todo.append(article)
            keys[article.article_id] = key

    own_client = own_cluster = None
    if engine == "dask" and todo and client is None:
        own_client, own_cluster = make_client(scheduler, workers)
        client = own_client
    try:
        if engine == "dask" and todo:
            n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers or 1)
            size = batch_size or _batch_size(len(todo), n_workers)
            client.run(warm_worker, factory, warm_samples(todo))
            results = _run_dask(client, factory, _batches(todo, size), window=n_workers * 3)
        else:
            results = _run_local(factory, _batches(todo, batch_size or 16))
        bar = tqdm(
            total=len(todo),
            desc="articles",
            unit="art",
            file=sys.stderr,
            disable=not progress or len(todo) < 2,
        )
        frames: list[pd.DataFrame] = []
        done: dict[str, str] = {}
        last_commit = time.monotonic()
        for table, batch_done, skipped in results:
            bar.update(len(batch_done) + len(skipped))
            report.skipped += skipped
            report.processed += len(batch_done)
            if len(table):
                frames.append(table)
            done.update((aid, keys[aid]) for aid in batch_done)
            if done and time.monotonic() - last_commit >= commit_every:
                dataset.commit(_concat(frames), done)
                frames, done = [], {}
                last_commit = time.monotonic()
        dataset.commit(_concat(frames), done)
        bar.close()
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
    report.rows, report.events, report.places = _dataset_stats(dataset.files())
    return report


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else empty_events()
