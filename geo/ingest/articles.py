"""Reading articles: text files with front matter, HTML pages and CSV/JSONL manifests.

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
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo import config
from geo.exc import ArticleError
from geo.extract.dates import parse_published
from geo.extract.lang import every_language
from geo.extract.lang.common import BOILERPLATE_MIXED
from geo.extract.sentences import split_sentences
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


MAX_TEXT_CHARS = 1_000_000
"""Longest article body, in characters (spaCy refuses longer texts by default)."""


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


# --- decoding --------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP/Office file"),
    (b"\x1f\x8b", "a gzip file"),
    (b"RIFF", "a RIFF (WebP/WAV) file"),
    (b"\x7fELF", "an executable"),
)


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252, else latin-1.

    Raises :class:`ArticleError` for binary content (NUL bytes, PDF/image/archive magic).
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"{name}: binary content ({what}), not an article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ArticleError(f"{name}: invalid UTF-16 text") from error
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name}: binary content (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _read_bytes(path: Path, limit: int | None = None) -> bytes:
    try:
        if limit is not None and (size := path.stat().st_size) > limit:
            raise ArticleError(
                f"{path}: too large ({size:,} bytes > DEPLOYMAP_MAX_ARTICLE_BYTES={limit:,})"
            )
        return path.read_bytes()
    except FileNotFoundError as error:
        raise ArticleError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise ArticleError(f"{path}: is a folder, not a file") from error
    except OSError as error:
        raise ArticleError(f"{path}: unreadable ({error.strerror or error})") from error


# --- front matter ----------------------------------------------------------------------------

_FRONT_OPEN = re.compile(r"\A\ufeff?[ \t]*(?:\r?\n)*---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split an optional ``---``-delimited ``key: value`` block from *text*.

    Returns ``(metadata, body)``; keys are lower-cased, values unquoted. Without a complete
    block (opening and closing ``---``), the metadata is empty and the body is *text*.
    """
    opening = _FRONT_OPEN.match(text)
    if not opening:
        return {}, text
    closing = _FRONT_CLOSE.search(text, opening.end())
    if not closing or text.count("\n", opening.end(), closing.start()) > 100:
        return {}, text
    meta: dict[str, str] = {}
    last: str | None = None
    for line in text[opening.end() : closing.start()].split("\n"):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z_][\w -]*", key.strip()) and not line[0].isspace():
            last = key.strip().casefold().replace(" ", "_").replace("-", "_")
            meta[last] = _unquote(value.strip())
        elif last is not None:
            meta[last] = (meta[last] + " " + line.strip()).strip()
    body = text[closing.end() :]
    return meta, body.lstrip("\r\n")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# --- HTML ------------------------------------------------------------------------------------

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "footer", "header", "form", "iframe", "aside",
    "svg", "button", "select", "textarea", "input", "template", "object", "embed", "figure",
)  # fmt: skip
_BLOCK = re.compile(
    r"<(/?)(p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|blockquote|section|article|main|pre"
    r"|dd|dt|dl|figcaption|hr)\b",
    re.IGNORECASE,
)
_BREAK = "\u2029"  # paragraph separator, used as a sentinel while extracting
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datePublished", "date", "pubdate",
    "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published",
)  # fmt: skip


def _meta(tree: object, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            node = tree.css_first(f'meta[{attr}="{name}"]')  # type: ignore[attr-defined]
            if node is not None:
                content = (node.attributes.get("content") or "").strip()
                if content:
                    return content
    return None


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Main text (paragraphs separated by newlines) and metadata of an HTML page."""
    from selectolax.lexbor import LexborHTMLParser

    marked = _BLOCK.sub(lambda m: _BREAK + m.group(0), html)
    tree = LexborHTMLParser(marked)
    meta: dict[str, str] = {}
    title = _meta(tree, "og:title", "twitter:title")
    if not title:
        node = tree.css_first("title")
        title = node.text(strip=True) if node is not None else None
    if title:
        meta["title"] = title.replace(_BREAK, " ").strip()
    source = _meta(tree, "og:site_name", "application-name", "publisher")
    if source:
        meta["source"] = source
    url = _meta(tree, "og:url")
    if not url:
        link = tree.css_first('link[rel="canonical"]')
        url = (link.attributes.get("href") or "") if link is not None else ""
    if url:
        meta["url"] = url.strip()
    published = _meta(tree, *_PUBLISHED_META)
    if not published:
        node = tree.css_first("time[datetime]")
        published = (node.attributes.get("datetime") or "") if node is not None else ""
    if published:
        meta["published"] = published.strip()
    html_node = tree.css_first("html")
    lang = (html_node.attributes.get("lang") or "") if html_node is not None else ""
    if lang:
        meta["lang"] = lang
    tree.strip_tags(list(_DROP_TAGS))
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    raw = root.text(deep=True, separator="") if root is not None else ""
    lines = (re.sub(r"\s+", " ", part).strip() for part in raw.split(_BREAK))
    return "\n".join(line for line in lines if line), meta


# --- boilerplate -----------------------------------------------------------------------------

_BOILERPLATE = re.compile(
    "|".join((*BOILERPLATE_MIXED, *(p for lang in every_language() for p in lang.boilerplate))),
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"\A\s*(?:date\s+)?(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*\((?P<source>[^()\n]{2,40})\)"
    r"\s*[-:]?\s*",
    re.IGNORECASE,
)
_SHORT_WORDS = 12


def is_boilerplate(sentence: str) -> bool:
    """True when *sentence* is page furniture (newsletter, donation, cookies, liveblog...)."""
    return bool(_BOILERPLATE.search(sentence))


def extract_dateline(text: str) -> tuple[str, str | None, str | None]:
    """Remove a leading "date 2018-10 (Belga)" dateline; return ``(rest, published, source)``."""
    m = _DATELINE.match(text)
    if not m:
        return text, None, None
    published = parse_published(m.group("date"))
    return text[m.end() :], published.iso() if published else None, m.group("source").strip()


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate sentences from *text* (paragraph structure kept, whitespace tidied).

    A sentence is dropped when it matches a boilerplate pattern, or when it is short (at most
    12 words) and lies between boilerplate sentences (or a boilerplate sentence and the edge
    of the text): "Gratuite, claire, sans spam.", "Nous en sommes heureux."; a short question
    right before boilerplate is a teaser and goes too ("Que se passe-t-il en Tunisie?").
    """
    spans = split_sentences(text)
    flags = [is_boilerplate(text[s:e]) for s, e in spans]
    short = [len(text[s:e].split()) <= _SHORT_WORDS for s, e in spans]
    changed = True
    while changed:
        changed = False
        for i in range(len(spans)):
            if flags[i] or not short[i]:
                continue
            before = flags[i - 1] if i > 0 else None
            after = flags[i + 1] if i + 1 < len(spans) else None
            if (before and after) or (before and after is None) or (after and before is None):
                flags[i] = changed = True
            elif after and text[spans[i][1] - 1] == "?":
                flags[i] = changed = True  # a teaser: "Que se passe-t-il en Tunisie?"
    dropped = [span for span, drop in zip(spans, flags, strict=True) if drop]
    lines: list[str] = []
    for line in re.finditer(r"[^\n]*\n?", text):
        ls, le = line.start(), line.end()
        if ls == le:
            continue
        inside = [(s, e) for s, e in dropped if ls <= s and e <= le]
        if not inside:
            lines.append(line.group(0))
            continue
        kept, cursor = [], ls
        for s, e in inside:
            kept.append(text[cursor:s])
            cursor = e
        kept.append(text[cursor:le])
        rest = "".join(kept)
        if rest.strip():
            lines.append(rest)
    return tidy_whitespace("".join(lines))


def tidy_whitespace(text: str) -> str:
    """Collapse spaces within lines, strip lines, keep at most one blank line between paragraphs."""
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.splitlines()]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def clean_text(raw: str) -> tuple[str, dict[str, str]]:
    """The cleaned article text and metadata found in it (dateline ``published``/``source``)."""
    text = normalize_text(raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate({0x00A0: " ", 0x202F: " ", 0x2009: " ", 0x200B: None, 0xFEFF: None})
    rest, published, source = extract_dateline(text)
    found: dict[str, str] = {}
    if published:
        found["published"] = published
    if source:
        found["source"] = source
    return strip_boilerplate(rest), found


# --- language --------------------------------------------------------------------------------

_STOPWORDS = {lang.code: frozenset(lang.common_words) for lang in every_language()}


def guess_lang(text: str) -> str | None:
    """ "fr", "es" or "en" by stop-word counts over the first 2,000 characters; None if unsure."""
    words = re.findall(r"[^\W\d_]+", text[:2000].casefold())
    if len(words) < 5:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    ranked = sorted(scores, key=lambda k: scores[k], reverse=True)
    best, second = ranked[0], ranked[1]
    return best if scores[best] >= 2 and scores[best] > scores[second] else None


# --- building articles -----------------------------------------------------------------------


def _hash(raw: str, meta: dict[str, str | None]) -> str:
    payload = json.dumps({"text": raw, "meta": meta}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def make_article(
    article_id: str,
    raw_text: str,
    metadata: dict[str, str] | None = None,
    *,
    path: str | None = None,
) -> Article:
    """Build an :class:`Article` from a raw body and metadata (clean, date, hash).

    Raises :class:`ArticleError` when no text is left after cleaning.
    """
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
    text, found = clean_text(raw_text)
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
    data = _read_bytes(path, config.max_article_bytes())
    if not data.strip():
        raise ArticleError(f"{path}: empty file")
    text = decode_bytes(data, name=str(path))
    if suffix in HTML_SUFFIXES:
        body, meta = extract_html(text)
    else:
        meta, body = parse_front_matter(text)
    return make_article(path.stem, body, meta, path=str(path))


# --- manifests and batches -------------------------------------------------------------------


def _manifest_rows(path: Path) -> Iterator[tuple[str, dict[str, str] | None, str | None]]:
    """Yield ``(row label, row or None, error)`` for a CSV or JSONL manifest."""
    text = decode_bytes(_read_bytes(path), name=str(path))
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
        reader = csv.DictReader(io.StringIO(text, newline=""))
        for index, row in enumerate(reader, 2):
            if None in row:
                yield f"line {index}", None, "more values than columns"
                continue
            yield f"line {index}", {k.strip().casefold(): v for k, v in row.items() if k}, None
    except csv.Error as error:
        yield "csv", None, f"invalid CSV ({error})"


def _manifest_columns(path: Path) -> set[str] | None:
    text = decode_bytes(_read_bytes(path), name=str(path))
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
    first = next(csv.reader(io.StringIO(text, newline="")), None)
    return {c.strip().casefold() for c in first} if first else None


def iter_manifest(path: Path) -> Iterator[Article | Skipped]:
    """Articles of a CSV/JSONL manifest: columns ``id`` and ``text`` (or ``file``, a path
    relative to the manifest) plus metadata columns. Bad rows are skipped with a reason."""
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
            elif file:
                article = read_article_file(path.parent / file)
                merged = {**meta, **{k: v for k, v in _article_meta(article).items() if v}}
                yield make_article(article_id, article.raw_text, merged, path=article.path)
            else:
                yield Skipped(where, "row has no text", article_id)
        except ArticleError as exc:
            yield Skipped(where, str(exc), article_id)


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


def _expand(inputs: Sequence[Path]) -> Iterator[Path | Skipped]:
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
            yield from _claim_manifest_files(files)
        elif item.is_file():
            if item.suffix.casefold() in ARTICLE_SUFFIXES + MANIFEST_SUFFIXES:
                yield item
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


def iter_articles(inputs: Sequence[Path]) -> Iterator[Article | Skipped]:
    """Articles from files, folders (recursive, sorted) and manifests, in a stable order.

    Never raises for a bad article: it is yielded as :class:`Skipped` with the reason. The
    second article with an id already seen, or with the content (body and metadata) of an
    article already seen, is skipped as a duplicate.
    """
    seen: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for item in _expand(inputs):
        if isinstance(item, Skipped):
            yield item
            continue
        if item.suffix.casefold() in MANIFEST_SUFFIXES:
            produced: Iterator[Article | Skipped] = iter_manifest(item)
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
