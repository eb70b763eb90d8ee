"""Write errors (issue 12, item 17): a full disk or a read-only output folder ends the build
with the documented clear error (exit 2, the previous table unchanged), never a traceback; an
article cache that cannot be written only costs a warning: the build goes on without it."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

import geo.io
from geo.batch.build import build
from geo.cli import main
from geo.exc import OutputError
from geo.synthetic.events import synthetic_events
from geo.table.formats import write_events

NEWS = "Le Pérou déploie 300 soldats à Tacna, à la frontière avec le Chili."


class NoEvents:
    """An extractor without models: every article is processed, none has rows."""

    def analyse(self, text: str, lang: str | None = None) -> dict:
        return {"n": len(text)}

    def rows(self, article, analysis=None) -> list[dict]:
        return []


def _fail(code: int, text: str):
    def fail(*args, **kwargs):
        raise OSError(code, text)

    return fail


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"{NEWS} Numéro {i}.", encoding="utf-8")
    return folder


def test_a_full_disk_is_a_clear_error_and_the_old_table_stays(tmp_path, corpus, monkeypatch):
    out = tmp_path / "events.csv"
    write_events(synthetic_events(3, seed=1), out)
    previous = out.read_bytes()
    monkeypatch.setattr(geo.io.os, "fsync", _fail(errno.ENOSPC, "No space left on device"))
    with pytest.raises(OutputError, match="the disk is full"):
        build([corpus], out=out, progress=False, cache=None, extractor=NoEvents())
    assert out.read_bytes() == previous
    assert not list(tmp_path.glob(".events.csv.*.tmp"))


@pytest.mark.parametrize(
    ("target", "code", "text", "said"),
    [
        ("fsync", errno.ENOSPC, "No space left on device", "the disk is full"),
        ("mkstemp", errno.EROFS, "Read-only file system", "read-only file system"),
        ("mkstemp", errno.EACCES, "Permission denied", "no permission"),
    ],
)
def test_the_command_line_exits_2_with_the_reason(
    tmp_path, monkeypatch, capsys, target, code, text, said
):
    empty = tmp_path / "empty"
    empty.mkdir()  # no article: no extractor is loaded, only the table is written
    if target == "fsync":
        monkeypatch.setattr(geo.io.os, "fsync", _fail(code, text))
    else:
        monkeypatch.setattr(geo.io.tempfile, "mkstemp", _fail(code, text))
    out = tmp_path / "events.csv"
    assert main(["build", str(empty), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "deploymap: error: cannot write" in err and said in err
    assert "Traceback" not in err and not out.exists()


def test_an_output_folder_that_cannot_hold_the_lock_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")  # a file where the output's folder should be
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", str(empty), "--out", str(blocker / "events.csv"), "--quiet"]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_an_unwritable_article_cache_is_warned_about_and_skipped(tmp_path, corpus, caplog):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="geo.batch.cache"):
        report = build(
            [corpus], out=tmp_path / "events.csv", progress=False, cache=not_a_folder,
            extractor=NoEvents(),
        )  # fmt: skip
    assert report.processed == 3 and not report.skipped
    warnings = [r for r in caplog.records if "cannot be written" in r.getMessage()]
    assert len(warnings) == 1  # once, not once per article
    assert (tmp_path / "events.csv").exists()


def test_a_full_article_cache_is_warned_about_and_skipped(tmp_path, corpus, monkeypatch, caplog):
    import geo.batch.cache

    monkeypatch.setattr(
        geo.batch.cache, "atomic_write_text", _fail(errno.ENOSPC, "No space left on device")
    )
    with caplog.at_level(logging.WARNING, logger="geo.batch.cache"):
        report = build(
            [corpus], out=tmp_path / "events.csv", progress=False, cache=tmp_path / "cache",
            extractor=NoEvents(),
        )  # fmt: skip
    assert report.processed == 3 and not report.skipped
    assert "No space left" in caplog.text


def no_events() -> NoEvents:
    return NoEvents()


def test_a_dataset_build_on_a_full_disk_is_a_clear_error(tmp_path, corpus, monkeypatch):
    from geo.batch.build import build_dataset

    out = tmp_path / "events.parquet"
    monkeypatch.setattr(geo.io.os, "fsync", _fail(errno.ENOSPC, "No space left on device"))
    with pytest.raises(OutputError, match="the disk is full"):
        build_dataset([corpus], out=out, engine="local", extractor_factory=no_events,
                      progress=False, cache=tmp_path / "cache")  # fmt: skip
    assert not (out / "_manifest.json").exists()
