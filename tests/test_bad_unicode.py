"""Text that is not valid Unicode (issue 12, item 10): a lone surrogate in a JSONL manifest
row skips that row only, with a clear reason; a file whose name is not UTF-8 is skipped with
a clear reason; neither aborts the batch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from geo.batch.build import build
from geo.exc import ArticleError
from geo.ingest.articles import Article, Skipped, iter_articles, make_article, printable

GOOD = "Le Honduras envoie 500 militaires à la frontière avec le Nicaragua ce lundi."


class NoEvents:
    """An extractor without models: every article is processed, none has rows."""

    def analyse(self, text: str, lang: str | None = None) -> dict:
        return {}

    def rows(self, article, analysis=None) -> list[dict]:
        return []


def _manifest(tmp_path: Path) -> Path:
    rows = [
        {"id": "first", "text": GOOD},
        {"id": "bad_text", "text": "Les soldats \ud800 arrivent à Tacna."},
        {"id": "bad_title", "text": GOOD + " Encore.", "title": "Titre \udfff"},
        {"id": "bad_file", "file": "x\ud800.txt"},
        {"id": "nul_file", "file": "x\x00.txt"},
        {"id": "last", "text": GOOD + " Fin."},
    ]
    path = tmp_path / "in" / "rows.jsonl"
    path.parent.mkdir()
    # json.dumps escapes the lone surrogates as \\ud800, which json.loads gives back
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_lone_surrogate_skips_only_its_row(tmp_path):
    items = list(iter_articles([_manifest(tmp_path)]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["first", "last"]
    skipped = {i.path.rsplit(":", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert skipped == {
        "line 2": "column 'text' is not valid Unicode (a lone surrogate (U+D800) at character 12)",
        "line 3": "column 'title' is not valid Unicode (a lone surrogate (U+DFFF) at character 6)",
        "line 4": "column 'file' is not valid Unicode (a lone surrogate (U+D800) at character 1)",
        "line 5": "the 'file' column holds a NUL byte",
    }


def test_the_build_goes_on_and_writes_the_good_rows(tmp_path):
    manifest = _manifest(tmp_path)
    report = build(
        [manifest.parent], out=tmp_path / "events.csv", progress=False,
        cache=tmp_path / "cache", extractor=NoEvents(),
    )  # fmt: skip
    assert report.articles == 2 and report.processed == 2 and len(report.skipped) == 4
    report.summary().encode("utf-8")  # printable: no surrogate reaches the report


def test_make_article_refuses_a_lone_surrogate_with_an_article_error():
    with pytest.raises(ArticleError, match="text is not valid Unicode"):
        make_article("a", "Texte \ud83d seul.")
    with pytest.raises(ArticleError, match="source is not valid Unicode"):
        make_article("a", GOOD, {"source": "\udc80"})
    assert make_article("a", GOOD + " \U0001f600").text.endswith("\U0001f600")  # a real pair


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_clear_reason(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    try:
        with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
            handle.write(b"Le P\xc3\xa9rou d\xc3\xa9ploie 300 soldats \xc3\xa0 Tacna.")
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    items = list(iter_articles([folder]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["good"]
    [skipped] = [i for i in items if isinstance(i, Skipped)]
    assert skipped.path.endswith("caf\\xe9.txt") and "not valid UTF-8" in skipped.reason
    skipped.path.encode("utf-8")


def test_printable():
    assert printable("caf\udce9") == "caf\\xe9"
    assert printable("a\ud800b") == "a\\ud800b"
    assert printable("Pérou") == "Pérou"
