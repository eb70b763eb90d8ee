"""HTML that would stall the parser (issue 12, item 9): nesting depth, tag count and
attributes per tag are capped by a linear scan before parsing; such a page is skipped with a
reason and the rest of the batch is read."""

from __future__ import annotations

import pytest

from geo.exc import ArticleError
from geo.ingest.articles import Article, Skipped, iter_articles
from geo.ingest.html import (
    MAX_HTML_ATTRIBUTES,
    MAX_HTML_DEPTH,
    MAX_HTML_TAGS,
    check_html_limits,
    extract_html,
)

TEXT = "<p>Le Pérou déploie 300 soldats à Tacna, à la frontière avec le Chili.</p>"


def _nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + TEXT + "</div>" * depth + "</body></html>"


def _attributes(n: int, value: str = "x") -> str:
    attrs = " ".join(f'a{i}="{value}"' for i in range(n))
    return f"<html><body><p {attrs}>Le Pérou déploie 300 soldats.</p></body></html>"


def test_deep_nesting_is_refused():
    extract_html(_nested(MAX_HTML_DEPTH - 5))  # deep, but under the cap
    with pytest.raises(ArticleError, match="nested more than 1,000 elements deep"):
        extract_html(_nested(5_000))


def test_a_tag_with_too_many_attributes_is_refused():
    extract_html(_attributes(MAX_HTML_ATTRIBUTES - 1))
    with pytest.raises(ArticleError, match="more than 256 attributes"):
        extract_html(_attributes(5_000))
    with pytest.raises(ArticleError, match="not read"):
        extract_html(_attributes(5_000, value="<b>"))  # markup inside the values
    with pytest.raises(ArticleError, match="more than 256 attributes"):
        extract_html("<p" + " a" * 5_000 + ">Texte</p>")  # bare attributes


def test_too_many_tags_are_refused():
    with pytest.raises(ArticleError, match="more than 250,000 tags"):
        check_html_limits("<br>" * (MAX_HTML_TAGS + 1))


@pytest.mark.parametrize(
    "html",
    [
        "<ul>" + "<li>point" * 5_000 + "</ul>",  # unclosed items close themselves
        "<p>un" * 5_000,
        "<script>" + "if (a<b && c<d) {x = '<div>';}" * 2_000 + "</script>" + TEXT,
        "<!--" + "<div>" * 5_000 + "-->" + TEXT,
        "<table>" + "<tr><td>1<td>2" * 3_000 + "</table>",
        '<img src="data:image/png;base64,' + "A" * 100_000 + '">' + TEXT,
    ],
    ids=["li", "p", "script", "comment", "table", "data-uri"],
)
def test_ordinary_pages_are_read(html: str):
    check_html_limits(html)
    extract_html(html)


def test_the_page_is_skipped_with_its_reason_and_the_batch_goes_on(tmp_path):
    (tmp_path / "deep.html").write_text(_nested(5_000), encoding="utf-8")
    (tmp_path / "wide.html").write_text(_attributes(5_000), encoding="utf-8")
    (tmp_path / "ok.html").write_text(f"<html><body>{TEXT}</body></html>", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["ok"]
    reasons = {i.article_id: i.reason for i in items if isinstance(i, Skipped)}
    assert "nested more than" in reasons["deep"] and "attributes" in reasons["wide"]
