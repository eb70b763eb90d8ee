"""The main text and metadata of an HTML page (scripts, navigation and boilerplate dropped)."""

from __future__ import annotations

import re

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
