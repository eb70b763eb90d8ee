"""Fetch a news page by URL as an article (the dashboard's "add an article", ``geo add``).

Only ``http`` and ``https``; a timeout and the article size limit
(:func:`geo.config.max_article_bytes`) bound every fetch; HTML goes through the project's own
main-text extraction (:func:`geo.ingest.html.extract_html`, with the HTML limits), plain text
is kept as it is. Every failure is a :class:`~geo.exc.FetchError` with the reason. Nothing
here runs unless asked: the build never fetches.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from geo import config
from geo.exc import ArticleError, FetchError
from geo.ingest.articles import Article, make_article
from geo.ingest.decode import decode_bytes
from geo.ingest.html import extract_html

DEFAULT_TIMEOUT = 15.0
USER_AGENT = "deploymap/0.1 (+https://github.com/; article fetch)"
_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def fetch_article(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int | None = None
) -> Article:
    """The article at *url*: its main text, title, source and published date where the page
    gives them, and the URL. Raises :class:`~geo.exc.FetchError`."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{url!r}: only http:// and https:// addresses can be fetched")
    limit = max_bytes or config.max_article_bytes()
    request = urllib.request.Request(url.strip(), headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            kind = (response.headers.get_content_type() or "").lower()
            if kind not in _TYPES:
                raise FetchError(f"{url}: {kind or 'no content type'}, not an HTML page or text")
            data = response.read(limit + 1)
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from error
    except TimeoutError as error:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"{url}: cannot fetch ({reason})") from error
    if len(data) > limit:
        raise FetchError(f"{url}: over the article size limit ({limit:,} bytes)")
    try:
        text = decode_bytes(data, name=url)
        if kind == "text/plain":
            body, meta = text, {}
        else:
            body, meta = extract_html(text)
        meta = {**meta, "url": meta.get("url") or url.strip()}
        article_id = "web-" + hashlib.sha1(url.strip().encode("utf-8")).hexdigest()[:12]
        return make_article(article_id, body, meta)
    except ArticleError as error:
        raise FetchError(f"{url}: {error}") from error
