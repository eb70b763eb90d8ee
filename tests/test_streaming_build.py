"""Builds stream their articles (issue 12, item 13): both engines start extracting before
the inputs are read to the end, so only the batches in flight hold article texts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import geo.ingest.articles
from geo.batch.build import build, build_dataset
from geo.batch.engine import STREAM_BATCH, batches, run_batches

N = 120
READ: list[int] = []  # articles read so far (this process)
SEEN_AT_FIRST_ANALYSE: list[int] = []


class Recorder:
    """Notes how many articles had been read when the first one is analysed."""

    def analyse(self, text: str, lang: str | None = None) -> dict:
        if not SEEN_AT_FIRST_ANALYSE:
            SEEN_AT_FIRST_ANALYSE.append(len(READ))
        return {}

    def rows(self, article, analysis=None) -> list[dict]:
        if analysis is None:
            self.analyse(article.text)
        return []


def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(N):
        (folder / f"a{i:03d}.txt").write_text(
            f"Le Pérou déploie {i + 10} soldats à Tacna, article numéro {i}.", encoding="utf-8"
        )
    real = geo.ingest.articles.make_article

    def counting(*args, **kwargs):
        READ.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(geo.ingest.articles, "make_article", counting)
    READ.clear()
    SEEN_AT_FIRST_ANALYSE.clear()
    return folder


def test_the_local_build_extracts_while_it_reads(tmp_path, corpus):
    report = build(
        [corpus], out=tmp_path / "events.csv", progress=False, cache=None, extractor=Recorder()
    )
    assert report.articles == N and report.processed == N
    assert SEEN_AT_FIRST_ANALYSE[0] <= STREAM_BATCH  # one batch read, not the corpus


def test_the_dataset_build_on_dask_extracts_while_it_reads(tmp_path, corpus):
    from distributed import Client

    with Client(processes=False, n_workers=1, threads_per_worker=1,
                dashboard_address=None) as client:  # fmt: skip
        report = build_dataset(
            [corpus], out=tmp_path / "events.parquet", client=client, progress=False,
            extractor_factory=recorder, cache=tmp_path / "cache",
        )  # fmt: skip
    assert report.articles == N and report.processed == N
    # at most the batches of the window (3 per worker) and the next one had been read
    assert SEEN_AT_FIRST_ANALYSE[0] <= 5 * STREAM_BATCH < N


def test_run_batches_consumes_a_stream_lazily():
    pulled: list[int] = []

    def stream():
        for i in range(100):
            pulled.append(i)
            yield SimpleNamespace(article_id=f"a{i}", text="x", lang="fr", content_hash="h")

    with run_batches(stream(), factory=recorder, engine="local", size=10) as results:
        first = next(results)
        assert len(first.done) == 10 and len(pulled) <= 11
    assert list(batches(iter(range(5)), 2)) == [[0, 1], [2, 3], [4]]
