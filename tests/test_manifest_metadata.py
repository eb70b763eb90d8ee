"""A manifest row's metadata against its file's front matter (issue 12, item 19): the row
wins, and the file's overridden value is kept (``extra['<key>_file']``) and logged."""

from __future__ import annotations

import logging

from geo.ingest.articles import Article, iter_articles

NEWS = "Le Pérou déploie 300 soldats à Tacna, à la frontière avec le Chili."


def _articles(tmp_path, manifest: str, front: str) -> list[Article]:
    (tmp_path / "a.txt").write_text(f"---\n{front}---\n{NEWS}", encoding="utf-8")
    (tmp_path / "list.csv").write_text(manifest, encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert all(isinstance(i, Article) for i in items), items
    return items  # type: ignore[return-value]


def test_the_manifest_published_wins_and_the_conflict_is_reported(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="geo.ingest.articles"):
        [article] = _articles(
            tmp_path, "id,file,published\nx,a.txt,2024-03-15\n", "published: 2019-01-02\n"
        )
    assert article.published == "2024-03-15"
    assert article.extra["published_file"] == "2019-01-02"
    assert "overrides the file's '2019-01-02'" in caplog.text and "list.csv" in caplog.text


def test_the_same_date_written_differently_is_no_conflict(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="geo.ingest.articles"):
        [article] = _articles(
            tmp_path, "id,file,published\nx,a.txt,2024-03-15T10:00:00Z\n",
            "published: 2024-03-15\n",
        )  # fmt: skip
    assert article.published == "2024-03-15" and "published_file" not in article.extra
    assert "overrides" not in caplog.text


def test_an_empty_manifest_cell_keeps_the_file_value(tmp_path):
    [article] = _articles(
        tmp_path, "id,file,published,title\nx,a.txt,,\n", "published: 2019-01-02\ntitle: T\n"
    )
    assert article.published == "2019-01-02" and article.title == "T"
    assert not any(k.endswith("_file") for k in article.extra)


def test_a_manifest_date_replaces_an_unreadable_file_date(tmp_path):
    [article] = _articles(tmp_path, "id,file,date\nx,a.txt,2024-03-15\n", "published: hier\n")
    assert article.published == "2024-03-15" and "published_raw" not in article.extra
