"""The dashboard's "Add articles" panel without Streamlit: read the user's input into articles,
preview their rows (with the evidence and its place highlighted, escaped), then add them with
the same back end as ``python -m geo add`` (:func:`geo.batch.add.add_articles`).

Pasted text, uploaded files (``.txt``, ``.md``, ``.html``, ``.htm``, and ``.csv``/``.jsonl``
manifests with a ``text`` column) and URLs (:func:`geo.ingest.fetch.fetch_article`, with its
timeout and size limit) all become :class:`~geo.ingest.articles.Article` objects; whatever
cannot is a :class:`Problem` worded as the command line words it.
"""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geo.exc import DeploymapError
from geo.ingest.articles import Article, Skipped, iter_articles, make_article

UPLOAD_TYPES: tuple[str, ...] = ("txt", "md", "html", "htm", "csv", "jsonl")
"""File types the panel's uploader takes (articles and manifests)."""
_SAFE_NAME = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Problem:
    """An input that gave no article, and why (shown as plain text)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Batch:
    """The articles read from the user's input, and the inputs that gave none."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _with(article: Article, lang: str | None, published: str | None) -> Article:
    article.lang = lang or article.lang
    article.published = published or article.published
    return article


def pasted_article(text: str, *, title: str | None = None) -> Article:
    """Pasted text as an article, its id ``pasted-<hash>`` as ``geo add -`` names it.
    Raises :class:`~geo.exc.ArticleError` when no text is left."""
    digest = hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:12]
    return make_article(f"pasted-{digest}", text, {"title": title} if title else None)


def uploaded_articles(name: str, data: bytes) -> tuple[list[Article], list[Problem]]:
    """The articles of one uploaded file (an article, or a manifest of several), read with the
    build's own readers and limits from a private temporary folder."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in UPLOAD_TYPES:
        return [], [Problem(name, f"not an article or manifest file ({', '.join(UPLOAD_TYPES)})")]
    stem = _SAFE_NAME.sub("-", Path(name).stem).strip("-.")[:80] or "upload"
    articles: list[Article] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="deploymap-upload-") as tmp:
        path = Path(tmp) / f"{stem}.{suffix}"
        path.write_bytes(data)
        for item in iter_articles([path]):
            if isinstance(item, Skipped):
                problems.append(Problem(name, item.reason.replace(str(path), name)))
            else:
                item.path = None  # the temporary file is gone once read
                articles.append(item)
    return articles, problems


def read_inputs(
    *,
    text: str = "",
    title: str | None = None,
    uploads: Iterable[tuple[str, bytes]] = (),
    urls: Sequence[str] = (),
    lang: str | None = None,
    published: str | None = None,
    timeout: float = 15.0,
    fetch: Any = None,
) -> Batch:
    """Every article of the panel's inputs: the pasted *text*, the *uploads* (name, bytes) and
    the *urls* (one per item; *fetch* defaults to :func:`geo.ingest.fetch.fetch_article`).
    *lang* and *published* fill what an article does not say, as ``geo add --lang
    --published`` do."""
    batch = Batch()
    if text.strip():
        try:
            batch.articles.append(pasted_article(text, title=title))
        except DeploymapError as error:
            batch.problems.append(Problem("pasted text", str(error)))
    for name, data in uploads:
        articles, problems = uploaded_articles(name, data)
        batch.articles += articles
        batch.problems += problems
    if urls:
        from geo.ingest.fetch import fetch_article

        for url in (u.strip() for u in urls):
            if not url:
                continue
            try:
                batch.articles.append((fetch or fetch_article)(url, timeout=timeout))
            except DeploymapError as error:
                batch.problems.append(Problem(url, str(error)))
    batch.articles = [_with(a, lang, published) for a in batch.articles]
    return batch


def parse_urls(text: str) -> list[str]:
    """The URLs of a text box: one per line (blank lines and spaces ignored)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def preview_table(
    articles: Sequence[Article], extractor: Any
) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows *articles* would add (valid events-table rows, ``source_dataset`` news), and
    the articles whose extraction failed. Writes nothing."""
    from geo.batch.add import preview_rows
    from geo.table.schema import COLUMNS, empty_events, validate_events

    rows: list[dict] = []
    problems: list[Problem] = []
    for article in articles:
        try:
            rows += preview_rows(article, extractor)
        except DeploymapError as error:
            problems.append(Problem(article.article_id, str(error)))
    if not rows:
        return empty_events(), problems
    frame = pd.DataFrame(rows).reindex(columns=list(COLUMNS))
    frame["source_dataset"] = frame["source_dataset"].fillna("news")
    return validate_events(frame), problems


def place_in_evidence(row: Any) -> tuple[int, int] | None:
    """Where the row's place is in its evidence (start, end), from the offsets when they
    agree with the text, else the first case-free match of the name; None if absent."""
    evidence = str(row.get("evidence") or "")
    place = str(row.get("place") or "")
    if not evidence or not place:
        return None
    try:
        start = int(row.get("place_start")) - int(row.get("evidence_start"))
        end = int(row.get("place_end")) - int(row.get("evidence_start"))
    except (TypeError, ValueError):
        start = end = -1
    if 0 <= start < end <= len(evidence) and evidence[start:end].casefold() == place.casefold():
        return start, end
    found = evidence.casefold().find(place.casefold())
    return (found, found + len(place)) if found >= 0 else None


def evidence_html(row: Any) -> str:
    """The row's evidence as escaped HTML with its place in ``<mark>``."""
    evidence = str(row.get("evidence") or "")
    where = place_in_evidence(row)
    if where is None:
        return html.escape(evidence)
    start, end = where
    return (
        html.escape(evidence[:start])
        + f'<mark class="dm-place">{html.escape(evidence[start:end])}</mark>'
        + html.escape(evidence[end:])
    )


def preview_html(rows: pd.DataFrame) -> str:
    """The preview as an HTML table (every value escaped): type, place as written and as
    resolved, country, date, count, and the evidence with the place highlighted."""
    from geo.explore.views import format_dates
    from geo.table.schema import EVENT_TYPE_LABELS

    def cell(value: object) -> str:
        return "" if value is None or pd.isna(value) else html.escape(str(value))

    body = []
    for _, row in rows.iterrows():
        resolved = cell(row["place_resolved"]) or "<i>not found in the gazetteer</i>"
        force = "" if pd.isna(row["force_size"]) else f"{int(row['force_size']):,}"
        body.append(
            "<tr>"
            f"<td>{html.escape(EVENT_TYPE_LABELS.get(str(row['event_type']), ''))}</td>"
            f"<td>{cell(row['place'])} → {resolved}</td>"
            f"<td>{cell(row['country_code'])}</td>"
            f"<td>{html.escape(format_dates(row['date_start'], row['date_end'], row['date_precision']))}</td>"  # noqa: E501
            f"<td>{force}</td>"
            f"<td>{evidence_html(row)}</td>"
            "</tr>"
        )
    head = "".join(
        f"<th>{h}</th>" for h in ("type", "place", "country", "date", "force", "evidence")
    )
    return (
        '<table class="dm-preview"><thead><tr>' + head + "</tr></thead><tbody>"
        + "".join(body) + "</tbody></table>"
    )  # fmt: skip


def add_to_corpus(
    articles: Sequence[Article], corpus: str | Path, out: str | Path, **build_options: Any
):
    """Save *articles* into *corpus* and rebuild the table *out* with the back end of
    ``geo add`` (atomic, incremental; the rows an import added to *out* are kept by the
    build). Returns the build's :class:`~geo.batch.build.BuildReport`."""
    from geo.batch.add import add_articles

    return add_articles(articles, corpus, Path(out), progress=False, **build_options)
