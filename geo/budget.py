"""The per-article time budget: long work checks it and gives up on the article.

A build runs each article's reading (:func:`geo.ingest.articles.make_article`) and its
extraction (:func:`geo.batch.engine.extract_batch`) inside :func:`article_budget`; the steps
whose work grows with the text (sentence splitting, boilerplate, every extraction stage) call
:func:`check_budget`, which raises :class:`~geo.exc.ArticleTimeout` once the budget is spent.
The build reports the article as skipped with that reason and goes on. The check is
cooperative (no signals, no threads): it works the same in Dask worker threads.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from geo import config
from geo.exc import ArticleTimeout

monotonic = time.monotonic
"""The clock the budget reads (tests replace it with a fake one)."""

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("deploymap_deadline", default=None)


@contextmanager
def article_budget(seconds: float | None = None) -> Iterator[None]:
    """Run the block under a time budget of *seconds* (default
    :func:`geo.config.article_seconds`; None or 0: no budget). Nested budgets keep the
    outer deadline, so reading an article and cleaning its text share one budget."""
    if _DEADLINE.get() is not None:
        yield
        return
    if seconds is None:
        seconds = config.article_seconds()
    if not seconds:
        yield
        return
    token = _DEADLINE.set((monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_budget(step: str) -> None:
    """Raise :class:`~geo.exc.ArticleTimeout` when the current article's budget is spent."""
    deadline = _DEADLINE.get()
    if deadline is not None and monotonic() > deadline[0]:
        raise ArticleTimeout(
            f"took longer than the per-article time budget ({deadline[1]:g} s, "
            f"{config.ARTICLE_SECONDS_ENV}) while {step}: skipped"
        )
