"""A build never deletes or shows what is not its own (issue 12, items 1, 2 and 6)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.batch.build import build, build_dataset
from geo.cli import main
from geo.exc import ConfigurationError
from geo.synthetic.articles import KeywordExtractor, synthetic_articles
from geo.table.dataset import MANIFEST, EventDataset, check_dataset_folder, dataset_files
from geo.table.formats import read_events


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DEPLOYMAP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _build(out: Path, n: int, seed: int):
    """A dataset build of *n* synthetic articles with the gazetteer-free extractor."""
    return build_dataset(
        items=synthetic_articles(n, seed=seed),
        out=out,
        engine="local",
        extractor_factory=KeywordExtractor,
        progress=False,
    )


def _user_folder(root: Path) -> dict[Path, bytes]:
    root.mkdir(parents=True, exist_ok=True)
    files = {
        root / "survey.parquet": b"PAR1 user data",
        root / "notes.txt": b"my notes",
        root / "sub" / "old.parquet": b"PAR1 more",
        root / "sub" / "draft.tmp": b"editor swap",
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def test_a_build_into_a_folder_of_user_files_is_refused_and_deletes_nothing(tmp_path, cache):
    files = _user_folder(tmp_path / "data")
    with pytest.raises(ConfigurationError, match="not a deploymap dataset"):
        _build(tmp_path / "data", 3, 1)
    assert all(path.read_bytes() == data for path, data in files.items())
    assert main(["build", "--out", str(tmp_path / "data"), "--quiet", str(tmp_path)]) == 2
    assert all(path.read_bytes() == data for path, data in files.items())


def test_recover_deletes_only_the_datasets_own_orphans(tmp_path, cache):
    out = tmp_path / "events.parquet"
    _build(out, 20, 2)
    month = next(out.glob("month=*"))
    orphan = month / ("part-" + "0" * 32 + ".parquet")
    orphan.write_bytes(b"left by a killed commit")
    tmp = month / (".part-" + "1" * 32 + ".parquet.abc123.tmp")
    tmp.write_bytes(b"half written")
    mine = month / "my-extract.parquet"
    mine.write_bytes(b"a user's file")
    outside = out / "README.txt"
    outside.write_text("a user's note")
    removed = EventDataset(out).recover()
    assert set(removed) == {orphan, tmp}
    assert mine.exists() and outside.exists()
    assert len(read_events(out)) > 0


def test_no_manifest_means_no_committed_rows(tmp_path, cache):
    out = tmp_path / "events.parquet"
    _build(out, 10, 3)
    assert dataset_files(out) and len(read_events(out)) > 0
    (out / MANIFEST).unlink()  # as during a first commit, or after it was killed
    assert dataset_files(out) == []
    assert read_events(out).empty
    check_dataset_folder(out)  # only month=* folders: a first build may resume into it


def test_a_bad_setting_stops_the_build_before_any_article_and_keeps_the_table(
    tmp_path, cache, monkeypatch
):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le Pérou envoie 300 soldats à Tacna.", encoding="utf-8")
    out = tmp_path / "events.csv"
    build([corpus], out=out, progress=False, extractor=KeywordExtractor())
    before = out.read_bytes()
    for name, value in [("DEPLOYMAP_ONLINE_GEOCODER", "bogus"),
                        ("DEPLOYMAP_MAX_ARTICLE_BYTES", "-1")]:  # fmt: skip
        with monkeypatch.context() as m:
            m.setenv(name, value)
            with pytest.raises(ConfigurationError):
                build([corpus], out=out, progress=False)
            assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 2
        assert out.read_bytes() == before
    monkeypatch.setenv("DEPLOYMAP_ONLINE_GEOCODER", "nominatim")  # no user agent
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 2
    assert out.read_bytes() == before
    assert not pd.read_csv(out).empty
