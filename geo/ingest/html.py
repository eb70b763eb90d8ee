"""The main text and metadata of an HTML page (scripts, navigation and boilerplate dropped).

**Limits.** The HTML parser's work grows with the square of the nesting depth and of the
attributes of one tag, so a page is scanned first (linear time, :func:`check_html_limits`)
and refused with :class:`~geo.exc.ArticleError` when it is nested deeper than
:data:`MAX_HTML_DEPTH`, has more than :data:`MAX_HTML_TAGS` tags, or a tag with more than
:data:`MAX_HTML_ATTRIBUTES` attributes.
"""

from __future__ import annotations

import re

from geo.exc import ArticleError

MAX_HTML_DEPTH = 1_000
"""Deepest element nesting read (browsers stop nesting at 512; news pages stay under 100)."""
MAX_HTML_TAGS = 250_000
"""Most tags in one page (a long news page has a few thousand)."""
MAX_HTML_ATTRIBUTES = 256
"""Most attributes on one tag."""

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


_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/>]*+))")
_ATTRIBUTE = re.compile(r"""[\s/]*+[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>]*+))?""")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    # closed by the next of their kind or by their parent: never nest in practice
    "p li dt dd option optgroup tr td th thead tbody tfoot caption colgroup rb rt rp".split()
)
_RAW_TEXT = {name: re.compile(f"</{name}", re.IGNORECASE) for name in (
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
)}  # fmt: skip


def check_html_limits(html: str) -> None:
    """Raise :class:`~geo.exc.ArticleError` when *html* is nested deeper than
    :data:`MAX_HTML_DEPTH`, has more than :data:`MAX_HTML_TAGS` tags, or a tag with more than
    :data:`MAX_HTML_ATTRIBUTES` attributes. One pass, linear in the length: comments and the
    text of ``<script>``/``<style>``... are skipped, and a tag's attributes are read only up
    to the next tag."""
    depth = max_depth = tags = 0
    match = _TAG.search(html)
    while match is not None:
        if match.group(1):  # a comment: up to its end (an unclosed one runs to the end)
            end = html.find("-->", match.end())
            if end < 0:
                break
            match = _TAG.search(html, end + 3)
            continue
        tags += 1
        if tags > MAX_HTML_TAGS:
            raise ArticleError(f"HTML with more than {MAX_HTML_TAGS:,} tags: not read")
        name = match.group(3).casefold()
        following = _TAG.search(html, match.end())
        if match.group(2):  # a closing tag
            if name not in _VOID and depth:
                depth -= 1
            match = following
            continue
        stop = following.start() if following is not None else len(html)
        pos, attributes = match.end(), 0
        while attribute := _ATTRIBUTE.match(html, pos, stop):
            if attribute.end() == pos:
                break
            attributes += 1
            if attributes > MAX_HTML_ATTRIBUTES:
                raise ArticleError(
                    f"HTML tag <{name[:20]}> with more than {MAX_HTML_ATTRIBUTES} attributes: "
                    "not read"
                )
            pos = attribute.end()
        if name not in _VOID:
            depth += 1
            if depth > max_depth:
                max_depth = depth
                if depth > MAX_HTML_DEPTH:
                    raise ArticleError(
                        f"HTML nested more than {MAX_HTML_DEPTH:,} elements deep: not read"
                    )
        if name in _RAW_TEXT:  # its text is not HTML: jump to its closing tag
            closing = _RAW_TEXT[name].search(html, match.end())
            if closing is None:
                break
            following = _TAG.search(html, closing.start())
        match = following


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
    """Main text (paragraphs separated by newlines) and metadata of an HTML page.

    Raises :class:`~geo.exc.ArticleError` for a page over the limits (:func:`check_html_limits`).
    """
    from selectolax.lexbor import LexborHTMLParser

    check_html_limits(html)
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
