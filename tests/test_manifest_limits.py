"""CSV manifests with long texts (issue 12, item 11): a field over the csv module's default
limit (131,072 characters) is read like any article up to ``MAX_TEXT_CHARS``, and never
drops the rows after it."""

from __future__ import annotations

import csv

from geo.ingest.articles import MAX_TEXT_CHARS, Article, Skipped, iter_articles

SENTENCE = "Le Pérou déploie 300 soldats à Tacna, à la frontière avec le Chili. "


def _write(path, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows(rows)


def test_a_long_field_is_read_and_the_rows_after_it_too(tmp_path):
    long_text = SENTENCE * (200_000 // len(SENTENCE))  # ~200,000 characters
    assert 131_072 < len(long_text) < MAX_TEXT_CHARS
    path = tmp_path / "list.csv"
    _write(path, [["long", long_text], ["after", "Le Honduras envoie 500 militaires."]])
    items = list(iter_articles([path]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["long", "after"]
    assert not [i for i in items if isinstance(i, Skipped)]


def test_a_field_over_the_article_limit_skips_that_row_only(tmp_path):
    path = tmp_path / "list.csv"
    too_long = "x" * (MAX_TEXT_CHARS + 10)
    _write(path, [["huge", too_long], ["after", "Le Honduras envoie 500 militaires."]])
    items = list(iter_articles([path]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["after"]
    [skipped] = [i for i in items if isinstance(i, Skipped)]
    assert skipped.article_id == "huge" and "too long" in skipped.reason
