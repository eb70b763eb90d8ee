"""The Dask build engine: same rows as the single-process build, incremental, restartable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from geo.batch.build import build, build_dataset
from geo.cli import make_parser
from geo.synthetic.articles import KeywordExtractor, synthetic_articles, write_corpus
from geo.table.dataset import MANIFEST, read_dataset
from geo.table.formats import read_events

ROOT = Path(__file__).resolve().parent.parent


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("event_id").reset_index(drop=True)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """Keep the per-article cache of build() out of data/cache (fake extractors write it)."""
    monkeypatch.setenv("DEPLOYMAP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.slow
def test_dask_engine_gives_the_same_rows_as_the_single_process_build(tmp_path, cache):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, synthetic_articles(300, seed=3))
    local = build(
        [corpus], out=tmp_path / "local.parquet", progress=False, extractor=KeywordExtractor()
    )
    report = build_dataset(
        [corpus],
        out=tmp_path / "events.parquet",
        engine="dask",
        workers=2,
        extractor_factory=KeywordExtractor,
        progress=False,
        batch_size=10,
    )
    assert report.processed == local.processed > 290
    assert sorted(report.skipped) == sorted(local.skipped)  # e.g. all-boilerplate articles
    expected = _sorted(read_events(tmp_path / "local.parquet"))
    got = _sorted(read_dataset(tmp_path / "events.parquet"))
    assert len(got) == local.rows > 300
    pd.testing.assert_frame_equal(got, expected)
    assert (report.rows, report.events, report.places) == (local.rows, local.events, local.places)


def _real_extractor():
    try:
        from geo.extract.document import Extractor

        return Extractor()
    except Exception as error:  # noqa: BLE001 - gazetteer/geocoder not built or not landed
        pytest.skip(f"real extractor unavailable: {type(error).__name__}: {error}")


@pytest.mark.slow
def test_dask_engine_matches_build_with_the_real_extractor(tmp_path, cache):
    extractor = _real_extractor()
    corpus = tmp_path / "corpus"
    write_corpus(corpus, synthetic_articles(24, seed=11))
    for seed in (ROOT / "data" / "articles").glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    local = build([corpus], out=tmp_path / "local.parquet", progress=False, extractor=extractor)
    report = build_dataset(
        [corpus], out=tmp_path / "events.parquet", engine="dask", workers=2, progress=False
    )
    assert report.processed == local.processed + local.cached
    assert local.rows > 0
    pd.testing.assert_frame_equal(
        _sorted(read_dataset(tmp_path / "events.parquet")),
        _sorted(read_events(tmp_path / "local.parquet")),
    )


def test_second_run_processes_only_new_and_changed_articles(tmp_path):
    out = tmp_path / "events.parquet"
    first = synthetic_articles(100)
    report = build_dataset(
        items=first, out=out, engine="local", extractor_factory=KeywordExtractor, progress=False
    )
    assert (report.processed, report.cached) == (100, 0)
    changed = synthetic_articles(5, seed=99, start=10)  # new text under ids syn10..syn14
    grown = first[:10] + changed + first[15:] + synthetic_articles(50, start=100)
    report = build_dataset(
        items=grown, out=out, engine="local", extractor_factory=KeywordExtractor, progress=False
    )
    assert (report.processed, report.cached) == (55, 95)
    fresh = tmp_path / "fresh.parquet"
    build_dataset(
        items=grown, out=fresh, engine="local", extractor_factory=KeywordExtractor, progress=False
    )
    pd.testing.assert_frame_equal(_sorted(read_dataset(out)), _sorted(read_dataset(fresh)))
    again = build_dataset(
        items=grown, out=out, engine="local", extractor_factory=KeywordExtractor, progress=False
    )
    assert (again.processed, again.cached) == (0, 150)


_KILLED_RUN = textwrap.dedent(
    """
    import functools, sys
    from geo.batch.build import build_dataset
    from geo.synthetic.articles import KeywordExtractor

    if __name__ == "__main__":
        build_dataset([sys.argv[1]], out=sys.argv[2], engine=sys.argv[3], workers=2,
                      extractor_factory=functools.partial(KeywordExtractor, delay=0.03),
                      progress=False, commit_every=0.2, batch_size=8)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_killed_run_restarts_and_ends_with_the_same_table(tmp_path, engine):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, synthetic_articles(400, seed=5))
    out = tmp_path / "events.parquet"
    script = tmp_path / "run.py"
    script.write_text(_KILLED_RUN)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEPLOYMAP_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(out), engine],
        env=env,
        start_new_session=True,
        stderr=subprocess.DEVNULL,
    )
    committed = 0
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            manifest = out / MANIFEST
            if manifest.exists():
                committed = len(json.loads(manifest.read_text())["articles"])
                if committed >= 40:
                    break
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the driver and its worker processes, mid-run
        proc.wait()
    assert 40 <= committed < 400, "the run was not caught mid-way"

    report = build_dataset(
        [corpus], out=out, engine="local", extractor_factory=KeywordExtractor, progress=False
    )
    assert committed <= report.cached < report.articles, "the run was not caught mid-way"
    assert report.processed == report.articles - report.cached
    whole = tmp_path / "whole.parquet"
    build_dataset(
        [corpus], out=whole, engine="local", extractor_factory=KeywordExtractor, progress=False
    )
    pd.testing.assert_frame_equal(_sorted(read_dataset(out)), _sorted(read_dataset(whole)))
    leftovers = [p for p in out.rglob("*") if p.is_file() and p.name.endswith(".tmp")]
    assert not leftovers


def test_cli_build_accepts_engine_options():
    args = make_parser().parse_args(
        ["build", "in", "--engine", "dask", "--scheduler", "tcp://h:8786", "--workers", "3"]
    )
    assert (args.engine, args.scheduler, args.workers, args.out) == (
        "dask",
        "tcp://h:8786",
        3,
        None,
    )
    assert make_parser().parse_args(["build"]).engine == "local"


def test_an_instance_passed_by_the_caller_is_never_swapped_for_an_earlier_one():
    # build(extractor=...) wraps the instance in a local lambda, whose token is its id; an
    # id freed by garbage collection must not hand the next build the previous extractor
    from geo.batch.engine import worker_extractor

    for number in range(50):
        instance = type(f"Extractor{number}", (), {})()
        assert worker_extractor(lambda instance=instance: instance) is instance
