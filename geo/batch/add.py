"""Add articles to a corpus folder and rebuild its table (``geo add``, the dashboard's panel).

:func:`preview_rows` shows what an article would add (the same extraction as the build, no
write); :func:`save_article` writes it into the corpus folder as a ``.txt`` with front matter
(atomically; the same article saved twice is one file); :func:`add_articles` saves and runs
the incremental build (:func:`geo.batch.build.build`), so the table is never half-written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.exc import ArticleError
from geo.ingest.articles import Article
from geo.io import atomic_write_text

_META_KEYS = ("title", "source", "url", "published", "lang")
_UNSAFE = re.compile(r"[^\w.-]+")


def preview_rows(article: Article, extractor: Any = None) -> list[dict]:
    """The table rows *article* would give, without writing anything."""
    if extractor is None:
        from geo.extract.document import Extractor

        extractor = Extractor()
    return extractor.rows(article)


def article_file_text(article: Article) -> str:
    """The article as a corpus file: a front-matter block, then its text."""
    lines = ["---"]
    for key in _META_KEYS:
        value = getattr(article, key, None)
        if value:
            flat = " ".join(str(value).split())
            lines.append(f"{key}: {flat}")
    lines.append("---")
    return "\n".join(lines) + "\n" + article.text.rstrip() + "\n"


def save_article(article: Article, corpus: str | Path) -> Path:
    """Write *article* into the folder *corpus* as ``<id>.txt`` (atomically) and return the
    path. The same article saved again rewrites the same file; another article with the same
    id is refused (:class:`~geo.exc.ArticleError`), never overwritten."""
    folder = Path(corpus)
    folder.mkdir(parents=True, exist_ok=True)
    name = _UNSAFE.sub("-", article.article_id).strip("-.") or "article"
    path = folder / f"{name[:80]}.txt"
    body = article_file_text(article)
    if path.exists() and path.read_text(encoding="utf-8") != body:
        raise ArticleError(f"{path}: another article has the id {article.article_id!r}")
    atomic_write_text(path, body)
    return path


def add_articles(
    articles: Iterable[Article], corpus: str | Path, out: str | Path, **build_options: Any
):
    """Save *articles* into *corpus* and rebuild the table *out* from it (incrementally, with
    the per-article cache). Returns the build's :class:`~geo.batch.build.BuildReport`."""
    from geo.batch.build import build

    for article in articles:
        save_article(article, corpus)
    return build([Path(corpus)], out=Path(out), **build_options)
