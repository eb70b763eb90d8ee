"""The one build loop: batches of articles through an extractor, here or on a Dask cluster.

:func:`extract_batch` is the unit of work of every build: for each article it takes the text
stages' result from the per-article cache (or runs them and stores it), runs the dated stages
and returns the rows. A bad article is skipped with its reason (its traceback goes to the
``geo.batch`` log) and the rest of the batch goes on. :func:`run_batches` runs batches in
this process (``engine="local"``) or on a ``distributed`` cluster (``engine="dask"``), where
each worker process builds its extractor once and keeps it for every later batch.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from typing import Any

from geo import config
from geo.batch.cache import ArticleCache, analysis_key, extraction_fingerprint, extractor_tag
from geo.budget import article_budget
from geo.exc import ConfigurationError, DeploymapError
from geo.table.schema import check_rows

log = logging.getLogger("geo.batch")

ENGINES = ("local", "dask")
ExtractorFactory = Callable[[], Any]
"""A picklable callable returning an extractor: ``.analyse(text, lang) -> dict`` (the text
stages, cacheable JSON data) and ``.rows(article, analysis) -> list[dict]`` (table rows)."""
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
"""Dask settings for the LocalCluster workers (see the README for a remote cluster)."""

# token -> (factory, extractor): the factory is held so that an ``id:`` token (a local
# lambda) cannot be reused by another object once the first is garbage-collected
_WORKER_EXTRACTORS: dict[str, tuple[Any, Any]] = {}
_NOTHING = object()
STREAM_BATCH = 16
"""Articles per batch when their number is not known in advance (a stream)."""


def default_factory() -> Any:
    """The real extractor (:class:`geo.extract.document.Extractor`)."""
    from geo.extract.document import Extractor

    return Extractor()


def _factory_token(factory: ExtractorFactory) -> str:
    try:
        return hashlib.sha1(pickle.dumps(factory)).hexdigest()
    except (pickle.PicklingError, AttributeError, TypeError):  # a local lambda: this process
        return f"id:{id(factory)}"


def worker_extractor(factory: ExtractorFactory) -> Any:
    """The extractor *factory* makes, built once per process (per worker) and then reused
    while the extraction's code and data (:func:`extraction_fingerprint`) stay the same."""
    token = f"{_factory_token(factory)}:{extraction_fingerprint()}"
    held = _WORKER_EXTRACTORS.get(token)
    if held is None:
        _WORKER_EXTRACTORS.clear()  # models of older code or data: let them go
        held = _WORKER_EXTRACTORS[token] = (factory, factory())
    return held[1]


def warm_worker(factory: ExtractorFactory, samples: Sequence[Any] = ()) -> int:
    """Load the extractor on this worker ahead of the first batch, and run it once over
    *samples* (one article per language loads the lazily loaded models); returns the pid."""
    extractor = worker_extractor(factory)
    for article in samples:
        with contextlib.suppress(Exception):  # a bad sample is reported when its batch runs
            extractor.rows(article, extractor.analyse(article.text, article.lang))
    return os.getpid()


def warm_samples(articles: Sequence[Any]) -> list[Any]:
    """The first article of each language in *articles*."""
    seen: dict[str, Any] = {}
    for article in articles:
        seen.setdefault((article.lang or "").lower()[:2], article)
    return list(seen.values())


@dataclass
class BatchResult:
    """What one batch gave: its table rows (plain dicts, validated where they are written),
    the articles done (``id -> content hash``), the articles skipped with their reasons, and
    how many took their analysis from the cache."""

    rows: list[dict] = field(default_factory=list)
    done: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cached: int = 0


def _article_rows(
    extractor: Any,
    article: Any,
    cache: ArticleCache | None,
    refresh: bool,
    tag: str,
    fingerprint: str,
) -> tuple[list, bool]:
    """The rows of *article* and whether its analysis came from *cache* (never, if
    *refresh*: then the entry is recomputed and stored again). *tag* and *fingerprint* are
    the extractor's :func:`~geo.batch.cache.extractor_tag` and the extraction fingerprint."""
    key = analysis_key(article.text, article.lang, tag, fingerprint) if cache else None
    analysis = cache.get(key) if cache is not None and not refresh else None
    if analysis is not None:
        try:
            rows = extractor.rows(article, analysis)
            check_rows(rows)  # a cached value is checked as a written row is
            return rows, True
        except (ValueError, KeyError, TypeError) as error:  # another layout, a bad value
            log.warning("article cache entry for %s unusable (%s): dropped and recomputed",
                        article.article_id, error)  # fmt: skip
    failed_before = _network_failures(extractor)
    analysis = extractor.analyse(article.text, article.lang)
    rows = extractor.rows(article, analysis)
    check_rows(rows)  # SchemaError: this article is skipped with the reason, not the table
    if cache is not None and _network_failures(extractor) == failed_before:
        cache.put(key, analysis)  # an analysis made while the network failed is asked again
    return rows, False


def _network_failures(extractor: Any) -> int:
    """How many online lookups of the extractor's geocoder failed so far (0 offline)."""
    stats = getattr(getattr(extractor, "geocoder", None), "stats", None)
    return int(stats.get("failed", 0)) if isinstance(stats, dict) else 0


def extract_batch(
    factory: ExtractorFactory,
    articles: Sequence[Any],
    cache_dir: str | None = None,
    refresh: bool = False,
) -> BatchResult:
    """The rows of *articles*, through the per-article cache at *cache_dir* (None: no cache;
    *refresh*: recompute every entry and store it again).

    An article whose extraction raises, whose rows break the schema
    (:func:`geo.table.schema.check_rows`), or that takes longer than the per-article time
    budget (:func:`geo.config.article_seconds`), is reported in ``skipped`` (its traceback
    logged) and not marked done, so the next run tries it again. A cache entry whose rows
    break the schema is dropped and recomputed, with a warning.
    """
    extractor = worker_extractor(factory)
    cache = ArticleCache(cache_dir) if cache_dir is not None else None
    tag, fingerprint = extractor_tag(extractor), extraction_fingerprint()  # once a batch
    result = BatchResult()
    seconds = config.article_seconds()
    for article in articles:
        try:
            with article_budget(seconds):
                article_rows, hit = _article_rows(
                    extractor, article, cache, refresh, tag, fingerprint
                )
        except DeploymapError as error:
            log.warning("skipped %s: %s", article.article_id, error)
            result.skipped.append((article.article_id, str(error)))
            continue
        except Exception as error:  # noqa: BLE001 - one bad article must not stop the batch
            log.error("skipped %s", article.article_id, exc_info=True)
            result.skipped.append((article.article_id, f"{type(error).__name__}: {error}"))
            continue
        result.rows += article_rows
        result.cached += hit
        result.done[article.article_id] = article.content_hash
    return result


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """*items* (any iterable, consumed lazily) in lists of *size*."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def batch_size(n: int, workers: int) -> int:
    """Articles per task: about 8 batches per worker balances the load; 1..64 a batch."""
    return max(1, min(64, -(-n // max(1, workers * 8))))


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


def _run_dask(
    client: Any, factory: ExtractorFactory, work: Iterable[list[Any]], cache: str | None,
    refresh: bool, window: int,
) -> Iterator[BatchResult]:  # fmt: skip
    """Submit batches with at most *window* in flight; yield results as they complete."""
    from distributed import as_completed

    pending = iter(work)
    running = as_completed()
    for batch in pending:
        running.add(client.submit(extract_batch, factory, batch, cache, refresh, pure=False))
        if running.count() >= window:
            break
    for future in running:
        result = future.result()
        future.release()
        yield result
        nxt = next(pending, None)
        if nxt is not None:
            running.add(client.submit(extract_batch, factory, nxt, cache, refresh, pure=False))


@contextlib.contextmanager
def run_batches(
    todo: Iterable[Any],
    *,
    factory: ExtractorFactory,
    engine: str = "local",
    cache: str | os.PathLike[str] | None = None,
    refresh: bool = False,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    size: int | None = None,
) -> Iterator[Iterator[BatchResult]]:
    """The results of extracting *todo*, batch by batch, on *engine*, through the per-article
    cache at *cache* (see :func:`extract_batch`). A context manager: a cluster it starts is
    closed on exit. Batches complete in any order on Dask.

    *todo* may be any iterable: it is consumed as batches are sent, so a stream of articles
    is never held in memory whole (a sequence's length sizes the Dask batches; a stream's
    are :data:`STREAM_BATCH` articles, or *size*)."""
    if engine not in ENGINES:
        raise ConfigurationError(f"unknown engine {engine!r}; use one of {ENGINES}")
    cache_dir = str(cache) if cache is not None else None
    known = len(todo) if isinstance(todo, Sized) else None
    iterator = iter(todo)
    first = next(iterator, _NOTHING)
    if engine == "local" or first is _NOTHING:
        rest = itertools.chain([first], iterator) if first is not _NOTHING else iter(())
        work = batches(rest, size or STREAM_BATCH)
        yield (extract_batch(factory, batch, cache_dir, refresh) for batch in work)
        return
    todo = itertools.chain([first], iterator)
    own_client = own_cluster = None
    if client is None:
        own_client, own_cluster = make_client(scheduler, workers)
        client = own_client
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers or 1)
        per_batch = size or (batch_size(known, n_workers) if known else STREAM_BATCH)
        work = batches(todo, per_batch)
        head = next(work)
        client.run(warm_worker, factory, warm_samples(head))  # one per language of batch 1
        work = itertools.chain([head], work)
        yield _run_dask(client, factory, work, cache_dir, refresh, window=n_workers * 3)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()
