"""Reads stay inside the input folders (issue 12, item 16): a manifest's ``file`` column with
``..`` or an absolute path, and a symlink in an input folder that leads out of it, are
refused with a reason unless ``allow_outside`` (``--allow-outside``) is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli import make_parser
from geo.ingest.articles import Article, Skipped, iter_articles

SECRET = "Le Pérou déploie 300 soldats secrets à Tacna, à la frontière avec le Chili."
NEWS = "Le Honduras envoie 500 militaires à la frontière avec le Nicaragua ce lundi."


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """``inputs/`` (the input folder) and ``private/secret.txt`` beside it."""
    inputs, private = tmp_path / "inputs", tmp_path / "private"
    inputs.mkdir()
    private.mkdir()
    (private / "secret.txt").write_text(SECRET, encoding="utf-8")
    (inputs / "news.txt").write_text(NEWS, encoding="utf-8")
    return inputs, private / "secret.txt"


def _split(items) -> tuple[list[Article], list[Skipped]]:
    items = list(items)
    articles = [i for i in items if isinstance(i, Article)]
    return articles, [i for i in items if isinstance(i, Skipped)]


@pytest.mark.parametrize("how", ["dotdot", "absolute"])
def test_a_manifest_file_outside_the_input_folder_is_refused(layout, how):
    inputs, secret = layout
    file = "../private/secret.txt" if how == "dotdot" else str(secret)
    (inputs / "list.csv").write_text(f"id,file\nsecret,{file}\n", encoding="utf-8")
    articles, skipped = _split(iter_articles([inputs]))
    assert [a.article_id for a in articles] == ["news"]
    [refused] = skipped
    assert refused.article_id == "secret" and "outside the input folder" in refused.reason
    assert all("soldats secrets" not in a.text for a in articles)
    # the same when the manifest itself is the input
    articles, skipped = _split(iter_articles([inputs / "list.csv"]))
    assert not articles and "outside the input folder" in skipped[0].reason


def test_a_manifest_file_inside_the_folder_is_read(layout):
    inputs, _secret = layout
    (inputs / "sub").mkdir()
    (inputs / "sub" / "inner.txt").write_text(SECRET, encoding="utf-8")
    (inputs / "sub" / "list.csv").write_text("id,file\ninner,../sub/inner.txt\n", "utf-8")
    articles, skipped = _split(iter_articles([inputs]))
    assert sorted(a.article_id for a in articles) == ["inner", "news"] and not skipped


def test_a_symlink_leading_out_of_the_input_folder_is_refused(layout):
    inputs, secret = layout
    (inputs / "link.txt").symlink_to(secret)
    articles, skipped = _split(iter_articles([inputs]))
    assert [a.article_id for a in articles] == ["news"]
    [refused] = skipped
    assert refused.article_id == "link" and "outside the input folder" in refused.reason


def test_a_symlinked_folder_leading_out_is_refused(layout):
    inputs, secret = layout
    (inputs / "more").symlink_to(secret.parent, target_is_directory=True)
    articles, _skipped = _split(iter_articles([inputs]))
    assert [a.article_id for a in articles] == ["news"]


def test_allow_outside_reads_them(layout, tmp_path):
    inputs, secret = layout
    (inputs / "link.txt").symlink_to(secret)
    articles, skipped = _split(iter_articles([inputs], allow_outside=True))
    assert sorted(a.article_id for a in articles) == ["link", "news"] and not skipped
    other = tmp_path / "other"
    other.mkdir()
    (other / "list.csv").write_text("id,file\nviadotdot,../private/secret.txt\n", "utf-8")
    articles, skipped = _split(iter_articles([other], allow_outside=True))
    assert [a.article_id for a in articles] == ["viadotdot"] and not skipped


def test_the_command_line_option():
    args = make_parser().parse_args(["build", "in", "--allow-outside"])
    assert args.allow_outside is True
    assert make_parser().parse_args(["build", "in"]).allow_outside is False
