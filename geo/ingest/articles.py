"""Reading articles: text files with front matter, HTML pages and CSV/JSONL manifests.

The steps live beside this module: :mod:`~geo.ingest.decode` (bytes to text),
:mod:`~geo.ingest.front_matter`, :mod:`~geo.ingest.html`, :mod:`~geo.ingest.boilerplate`
and :mod:`~geo.ingest.language`; this one finds the files, builds the :class:`Article`s and
reads manifests.

**Offsets convention.** :attr:`Article.text` is the *cleaned* text: typographic apostrophes and
dashes made ASCII (:func:`geo.text.normalize_text`), non-breaking spaces made plain, the
"date 2018-10 (Belga)" dateline and page boilerplate (liveblog banners, newsletter forms,
donation appeals, "lire aussi"...) removed, whitespace tidied. Every character offset produced
downstream (sentences, dates, counts, places, evidence) refers to ``Article.text``.
:attr:`Article.raw_text` keeps the body as read (after front matter / HTML extraction), for
display and debugging only.

``article_id`` is the file's stem for a file and the ``id`` column for a manifest row.
``content_hash`` is the sha256 of the raw body and the metadata: an unchanged hash means the
article need not be processed again.

**Limits.** A file larger than ``DEPLOYMAP_MAX_ARTICLE_BYTES`` (default 5 MB) is skipped unread,
and a body longer than :data:`MAX_TEXT_CHARS` (spaCy's own limit) is skipped, both with a reason.
**Duplicates.** A second article with an id already seen, or with the same ``content_hash`` as
an earlier one (the same file copied under two names), is skipped with a reason: its events
would otherwise be counted twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo import config
from geo.budget import article_budget, check_budget
from geo.exc import ArticleError, ArticleTimeout
from geo.extract.dates import parse_published
from geo.ingest.boilerplate import clean_text
from geo.ingest.decode import decode_bytes, read_bytes
from geo.ingest.front_matter import parse_front_matter
from geo.ingest.html import extract_html
from geo.ingest.language import guess_lang
from geo.text import normalize_text

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
MANIFEST_SUFFIXES = (".csv", ".jsonl")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
METADATA_KEYS = ("title", "source", "url", "published", "lang")
_KEY_ALIASES = {
    "date": "published", "published_at": "published", "pubdate": "published",
    "publication_date": "published", "language": "lang", "link": "url", "publisher": "source",
    "headline": "title",
}  # fmt: skip


log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000
"""Longest article body, in characters (spaCy refuses longer texts by default)."""
CSV_FIELD_LIMIT = 2**31 - 1
"""The CSV reader's field size limit for manifests (the csv module's default of 131,072
characters would drop the rest of a manifest at the first long text): no limit of its own,
so a text is refused only by :data:`MAX_TEXT_CHARS`, as in every other input."""


def _csv_reader_limit() -> None:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)


@dataclass
class Article:
    """One news article; ``text`` is the cleaned text every offset refers to."""

    article_id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    lang: str | None = None
    path: str | None = None
    content_hash: str = ""
    raw_text: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Skipped:
    """An input that produced no article, and why."""

    path: str
    reason: str
    article_id: str | None = None

    @property
    def name(self) -> str:
        """The article id when known, else the path (for reports)."""
        return self.article_id or self.path


# --- building articles -----------------------------------------------------------------------


def _hash(raw: str, meta: dict[str, str | None]) -> str:
    payload = json.dumps({"text": raw, "meta": meta}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """*text* safe to print and to encode as UTF-8: a file name's undecodable bytes as
    ``\\xNN``, a lone surrogate as ``\\udNNN``."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def unicode_problem(value: object) -> str | None:
    """Why *value* (a string) is not valid Unicode text (a lone surrogate), else None."""
    if isinstance(value, str) and (found := _SURROGATE.search(value)):
        return f"a lone surrogate (U+{ord(found.group()):04X}) at character {found.start()}"
    return None


def make_article(
    article_id: str,
    raw_text: str,
    metadata: dict[str, str] | None = None,
    *,
    path: str | None = None,
) -> Article:
    """Build an :class:`Article` from a raw body and metadata (clean, date, hash).

    Raises :class:`ArticleError` when no text is left after cleaning, or when the id, the
    text or a metadata value is not valid Unicode (a lone surrogate).
    """
    for what, value in (("id", article_id), ("text", raw_text), *(metadata or {}).items()):
        if problem := unicode_problem(value):
            label = printable(path or article_id)
            raise ArticleError(f"{label}: {printable(what)} is not valid Unicode ({problem})")
    meta: dict[str, str] = {}
    for key, value in (metadata or {}).items():
        if value is None:
            continue
        key = _KEY_ALIASES.get(key.strip().casefold(), key.strip().casefold())
        value = str(value).strip()
        if value and key not in meta:
            meta[key] = value
    if "\x00" in raw_text:
        raise ArticleError(f"{path or article_id}: binary content (NUL bytes), not an article")
    if len(raw_text) > MAX_TEXT_CHARS:
        raise ArticleError(
            f"{path or article_id}: text too long ({len(raw_text):,} characters, "
            f"limit {MAX_TEXT_CHARS:,})"
        )
    try:
        with article_budget():
            text, found = clean_text(raw_text)
    except ArticleTimeout as error:
        raise ArticleTimeout(f"{path or article_id}: {error}") from None
    if not text.strip():
        raise ArticleError(f"{path or article_id}: empty text")
    for key, value in found.items():
        meta.setdefault(key, value)
    extra = {k: v for k, v in meta.items() if k not in METADATA_KEYS}
    published = None
    if meta.get("published"):
        parsed = parse_published(meta["published"])
        if parsed is not None:
            published = parsed.iso()
        else:
            extra["published_raw"] = meta["published"]
    lang = meta.get("lang")
    if lang:
        lang = lang.strip().casefold().replace("_", "-").split("-")[0] or None
    else:
        lang = guess_lang(text)
        if lang:
            extra["lang_guessed"] = "true"
    known: dict[str, str | None] = {k: meta.get(k) for k in METADATA_KEYS}
    return Article(
        article_id=article_id,
        text=text,
        title=normalize_text(meta["title"]) if meta.get("title") else None,
        source=meta.get("source"),
        url=meta.get("url"),
        published=published,
        lang=lang,
        path=path,
        content_hash=_hash(raw_text, {**known, **extra}),
        raw_text=raw_text,
        extra=extra,
    )


def read_article_file(path: Path) -> Article:
    """Read one ``.txt``/``.md`` (optional front matter) or ``.html``/``.htm`` article.

    ``article_id`` is the file's stem. Raises :class:`ArticleError` if the file is missing,
    unreadable, binary, of another type or empty.
    """
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleError(f"{path}: not an article file (expected .txt, .md, .html, .htm)")
    data = read_bytes(path, config.max_article_bytes())
    if not data.strip():
        raise ArticleError(f"{path}: empty file")
    with article_budget():
        text = decode_bytes(data, name=str(path))
        if suffix in HTML_SUFFIXES:
            body, meta = extract_html(text)
            try:
                check_budget("reading the HTML")
            except ArticleTimeout as error:
                raise ArticleTimeout(f"{path}: {error}") from None
        else:
            meta, body = parse_front_matter(text)
        return make_article(path.stem, body, meta, path=str(path))


# --- manifests and batches -------------------------------------------------------------------


def _manifest_rows(path: Path) -> Iterator[tuple[str, dict[str, str] | None, str | None]]:
    """Yield ``(row label, row or None, error)`` for a CSV or JSONL manifest."""
    text = decode_bytes(read_bytes(path), name=str(path))
    if path.suffix.casefold() == ".jsonl":
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield f"line {lineno}", None, f"invalid JSON ({error.msg})"
                continue
            if not isinstance(row, dict):
                yield f"line {lineno}", None, "not a JSON object"
                continue
            yield f"line {lineno}", {str(k).strip().casefold(): row[k] for k in row}, None
        return
    try:
        _csv_reader_limit()
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for index, row in enumerate(reader, 2):
            if None in row:
                yield f"line {index}", None, "more values than columns"
                continue
            yield f"line {index}", {k.strip().casefold(): v for k, v in row.items() if k}, None
    except csv.Error as error:
        yield "csv", None, f"invalid CSV ({error})"


def _manifest_columns(path: Path) -> set[str] | None:
    text = decode_bytes(read_bytes(path), name=str(path))
    if path.suffix.casefold() == ".jsonl":
        columns: set[str] = set()
        for line in text.splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict):
                columns |= {str(k).strip().casefold() for k in row}
        return columns
    _csv_reader_limit()
    first = next(csv.reader(io.StringIO(text, newline="")), None)
    return {c.strip().casefold() for c in first} if first else None


def _outside(target: Path, root: Path) -> bool:
    """True when *target*, symlinks followed, lies outside the folder *root*."""
    try:
        return not target.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        return True


def iter_manifest(
    path: Path, *, root: Path | None = None, allow_outside: bool = False
) -> Iterator[Article | Skipped]:
    """Articles of a CSV/JSONL manifest: columns ``id`` and ``text`` (or ``file``, a path
    relative to the manifest) plus metadata columns. Bad rows are skipped with a reason.
    A row's metadata wins over its file's front matter; an overridden value of the file is
    kept in ``extra`` as ``<key>_file`` (and logged).

    A ``file`` that lies outside *root* (default: the manifest's folder), through ``..``, an
    absolute path or a symlink, is refused unless *allow_outside*.
    """
    root = Path(root) if root is not None else Path(path).parent
    try:
        columns = _manifest_columns(path)
    except ArticleError as error:
        yield Skipped(str(path), str(error))
        return
    if not columns or not (("id" in columns and "text" in columns) or "file" in columns):
        yield Skipped(str(path), "manifest lacks an 'id' and a 'text' column")
        return
    for label, row, error in _manifest_rows(path):
        where = f"{path}:{label}"
        if row is None:
            yield Skipped(where, error or "bad row")
            continue
        bad = next(
            ((k, p) for k, v in row.items() if (p := unicode_problem(k) or unicode_problem(v))),
            None,
        )
        if bad is not None:  # one bad row: skip it, not the whole manifest
            yield Skipped(where, f"column {printable(bad[0])!r} is not valid Unicode ({bad[1]})")
            continue
        text = row.get("text")
        file = str(row.get("file") or "").strip()
        article_id = str(row.get("id") or "").strip() or (Path(file).stem if file else "")
        if not article_id:
            yield Skipped(where, "row has no id")
            continue
        meta = {
            k: str(v) for k, v in row.items() if k not in ("id", "text", "file") and v is not None
        }
        try:
            if isinstance(text, str) and text.strip():
                yield make_article(article_id, text, meta, path=where)
            elif file and "\x00" in file:
                yield Skipped(where, "the 'file' column holds a NUL byte", article_id)
            elif file:
                target = path.parent / file
                if not allow_outside and _outside(target, root):
                    yield Skipped(
                        where,
                        f"file {file!r} is outside the input folder {root} (refused; "
                        "--allow-outside reads it)",
                        article_id,
                    )
                    continue
                article = read_article_file(target)
                merged = _manifest_over_file(meta, _article_meta(article), where)
                yield make_article(article_id, article.raw_text, merged, path=article.path)
            else:
                yield Skipped(where, "row has no text", article_id)
        except ArticleError as exc:
            yield Skipped(where, str(exc), article_id)


def _same_value(key: str, ours: str, theirs: str) -> bool:
    if key == "published":
        a, b = parse_published(ours), parse_published(theirs)
        if a is not None and b is not None:
            return a.iso() == b.iso()
    return ours.strip() == theirs.strip()


def _manifest_over_file(row: dict[str, str], found: dict[str, str], where: str) -> dict[str, str]:
    """The metadata of a manifest row whose text is a ``file``: what the row sets wins over
    the file's front matter (or HTML); a value of the file it overrides is kept in the
    article's ``extra`` as ``<key>_file`` and logged."""
    merged = dict(found)
    for key, value in row.items():
        if not str(value).strip():
            continue
        key = _KEY_ALIASES.get(key.strip().casefold(), key.strip().casefold())
        theirs = found.get(key)
        if theirs and not _same_value(key, str(value), str(theirs)):
            merged[f"{key}_file"] = theirs
            log.warning("%s: the manifest's %s=%r overrides the file's %r", where, key, value,
                        theirs)  # fmt: skip
        merged[key] = value
        if key == "published":
            merged.pop("published_raw", None)  # the file's unreadable date is not the date
    return merged


def _article_meta(article: Article) -> dict[str, str]:
    meta = {k: getattr(article, k) for k in METADATA_KEYS}
    meta.update(article.extra)
    meta.pop("lang_guessed", None)
    if meta.get("lang") and article.extra.get("lang_guessed"):
        meta.pop("lang")
    return {k: v for k, v in meta.items() if v}


def _is_listed(path: Path) -> bool:
    name = path.name
    if name.startswith((".", "_", "~")) or name.casefold().startswith("readme"):
        return False
    return path.suffix.casefold() in ARTICLE_SUFFIXES + MANIFEST_SUFFIXES


def _expand(
    inputs: Sequence[Path], allow_outside: bool = False
) -> Iterator[tuple[Path, Path] | Skipped]:
    """``(file, its input folder)`` for every article or manifest file under *inputs*; a file
    of a folder that is a symlink to somewhere outside that folder is refused (Skipped)
    unless *allow_outside*."""
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            files = [
                p
                for p in sorted(item.rglob("*"))
                if p.is_file()
                and _is_listed(p)
                and not any(part.startswith(".") for part in p.relative_to(item).parts)
            ]
            for path in _claim_manifest_files(files):
                if not allow_outside and _outside(path, item):
                    yield Skipped(
                        str(path),
                        f"symlink to {path.resolve()}, outside the input folder {item} "
                        "(refused; --allow-outside reads it)",
                        path.stem,
                    )
                else:
                    yield path, item
        elif item.is_file():
            if item.suffix.casefold() in ARTICLE_SUFFIXES + MANIFEST_SUFFIXES:
                yield item, item.parent
            else:
                yield Skipped(str(item), "unsupported file type")
        else:
            yield Skipped(str(item), "no such file or folder")


def _claim_manifest_files(files: list[Path]) -> Iterator[Path]:
    """Drop files that a manifest of the same folder tree lists in its ``file`` column."""
    claimed: set[Path] = set()
    for path in files:
        if path.suffix.casefold() != ".csv":
            continue
        try:
            for _label, row, _error in _manifest_rows(path):
                if row and row.get("file") and not str(row.get("text") or "").strip():
                    claimed.add((path.parent / str(row["file"]).strip()).resolve())
        except ArticleError:
            continue
    for path in files:
        if path.resolve() not in claimed:
            yield path


def iter_articles(
    inputs: Sequence[Path], *, allow_outside: bool = False
) -> Iterator[Article | Skipped]:
    """Articles from files, folders (recursive, sorted) and manifests, in a stable order.

    Never raises for a bad article: it is yielded as :class:`Skipped` with the reason. The
    second article with an id already seen, or with the content (body and metadata) of an
    article already seen, is skipped as a duplicate. Nothing outside the input folders is
    read unless *allow_outside*: a symlink in a folder that leads out of it, and a manifest
    ``file`` that does (``..``, an absolute path, a symlink), are skipped with a reason.
    """
    seen: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for entry in _expand(inputs, allow_outside):
        if isinstance(entry, Skipped):
            yield entry
            continue
        item, root = entry
        if unicode_problem(str(item)):
            yield Skipped(
                printable(str(item)), "file name is not valid UTF-8: rename the file to read it"
            )
            continue
        if item.suffix.casefold() in MANIFEST_SUFFIXES:
            produced: Iterator[Article | Skipped] = iter_manifest(
                item, root=root, allow_outside=allow_outside
            )
        else:
            try:
                produced = iter([read_article_file(item)])
            except ArticleError as error:
                produced = iter([Skipped(str(item), str(error), item.stem)])
        for result in produced:
            if isinstance(result, Article):
                if result.article_id in seen:
                    yield Skipped(
                        result.path or str(item),
                        f"duplicate id {result.article_id!r} (first in {seen[result.article_id]})",
                        result.article_id,
                    )
                    continue
                if result.content_hash in hashes:
                    first = hashes[result.content_hash]
                    yield Skipped(
                        result.path or str(item),
                        f"duplicate content: same text and metadata as {first!r}",
                        result.article_id,
                    )
                    continue
                seen[result.article_id] = result.path or str(item)
                hashes[result.content_hash] = result.article_id
            yield result
