"""The month-partitioned Parquet dataset: commits, replaced articles, orphans, readers."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.synthetic.articles import KeywordExtractor, synthetic_articles
from geo.table.dataset import MANIFEST, EventDataset, dataset_files, month_of, read_dataset
from geo.table.schema import validate_events


@pytest.fixture(scope="module")
def extractor() -> KeywordExtractor:
    return KeywordExtractor()


def _rows(extractor, articles) -> pd.DataFrame:
    return validate_events(pd.DataFrame([r for a in articles for r in extractor.rows(a)]))


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("event_id").reset_index(drop=True)


def test_commit_writes_month_partitions_and_reads_back(tmp_path, extractor):
    articles = synthetic_articles(40)
    rows = _rows(extractor, articles)
    dataset = EventDataset(tmp_path / "events.parquet")
    dataset.commit(rows, {a.article_id: a.content_hash for a in articles})
    folders = {p.name for p in (tmp_path / "events.parquet").glob("month=*")}
    assert "month=unknown" in folders
    assert {f"month={m}" for m in month_of(rows)} == folders
    back = read_dataset(tmp_path / "events.parquet")
    pd.testing.assert_frame_equal(_sorted(back), _sorted(rows))
    # reopened from disk, the manifest knows every article
    again = EventDataset(tmp_path / "events.parquet")
    assert again.key_of(articles[3].article_id) == articles[3].content_hash
    assert len(again.files()) == len(folders)


def test_commit_replaces_rows_of_a_changed_article(tmp_path, extractor):
    articles = synthetic_articles(20)
    dataset = EventDataset(tmp_path / "ds")
    dataset.commit(_rows(extractor, articles), {a.article_id: "v1" for a in articles})
    changed = synthetic_articles(1, seed=7, start=5)[0]  # same id syn0000005, other text
    assert changed.article_id == articles[5].article_id
    dataset.commit(_rows(extractor, [changed]), {changed.article_id: "v2"})
    expected = _rows(extractor, articles[:5] + [changed] + articles[6:])
    pd.testing.assert_frame_equal(_sorted(read_dataset(tmp_path / "ds")), _sorted(expected))
    assert EventDataset(tmp_path / "ds").key_of(changed.article_id) == "v2"


def test_recover_deletes_uncommitted_parts_and_temp_files(tmp_path, extractor):
    articles = synthetic_articles(10)
    dataset = EventDataset(tmp_path / "ds")
    dataset.commit(_rows(extractor, articles), {a.article_id: "k" for a in articles})
    committed = sorted(dataset.files())
    orphan = tmp_path / "ds" / "month=2030-01" / "part-dead.parquet"
    orphan.parent.mkdir()
    _rows(extractor, synthetic_articles(2, start=50)).to_parquet(orphan)
    temp = tmp_path / "ds" / "month=unknown" / ".part-x.parquet.abc.tmp"
    temp.parent.mkdir(exist_ok=True)
    temp.write_bytes(b"half")
    removed = EventDataset(tmp_path / "ds").recover()
    assert set(removed) == {orphan, temp}
    assert not orphan.parent.exists()
    assert sorted(dataset_files(tmp_path / "ds")) == committed


def test_reader_ignores_parts_the_manifest_does_not_name(tmp_path, extractor):
    articles = synthetic_articles(10)
    EventDataset(tmp_path / "ds").commit(
        _rows(extractor, articles), {a.article_id: "k" for a in articles}
    )
    stray = tmp_path / "ds" / "month=unknown" / "part-stray.parquet"
    stray.parent.mkdir(exist_ok=True)
    _rows(extractor, synthetic_articles(3, start=90)).to_parquet(stray)
    assert stray not in dataset_files(tmp_path / "ds")
    assert read_dataset(tmp_path / "ds")["article_id"].isin([a.article_id for a in articles]).all()
    assert (tmp_path / "ds" / MANIFEST).exists()


def test_articles_without_rows_are_remembered(tmp_path):
    dataset = EventDataset(tmp_path / "ds")
    dataset.commit(pd.DataFrame(), {"empty-article": "k1"})
    assert EventDataset(tmp_path / "ds").key_of("empty-article") == "k1"
    assert read_dataset(tmp_path / "ds").empty


def test_a_table_written_before_newer_columns_is_queried_on_disk(tmp_path, extractor):
    """A Parquet file of an older version lacks the optional columns added since
    (place_force_size, source_dataset, corrected...): on disk they read as empty, as they do
    in memory."""
    from geo.explore.filters import Filters
    from geo.explore.store import EventStore

    table = _rows(extractor, synthetic_articles(20))
    newer = ["place_force_size", "source_dataset", "source_id", "corrected"]
    path = tmp_path / "old.parquet"
    table.drop(columns=[c for c in newer if c in table.columns]).to_parquet(path, index=False)
    on_disk = EventStore.open(path, backend="duckdb")
    in_memory = EventStore.open(path, backend="pandas")
    assert on_disk.headline(Filters()) == in_memory.headline(Filters())
    assert len(on_disk.page(Filters())) == len(in_memory.page(Filters()))
    assert len(on_disk.filter_places(Filters())) == len(in_memory.filter_places(Filters()))
