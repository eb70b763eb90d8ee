"""Read at scale: a dataset folder read as a table, and the store's aggregates on it, in memory
and on disk, equal to the pandas reference (headline, types, timeline, popups, pages)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from test_pandas_reference import (
    reference_headline,
    reference_latest,
    reference_monthly,
    reference_rows,
    reference_type_counts,
)

from geo.explore.filters import Filters
from geo.explore.map import layer_payload
from geo.explore.store import HEADLINE_KEYS, EventStore, choose_backend
from geo.synthetic.events import synthetic_events
from geo.table.dataset import EventDataset, read_dataset
from geo.table.formats import read_events, write_events
from geo.table.schema import COLUMNS
from geo.table.search import add_search_column

FILTERS = [
    Filters(),
    Filters(types=()),
    Filters(
        types=("troop_deployment", "border_control"),
        date_from=date(2021, 1, 1),
        date_to=date(2023, 6, 30),
        undated=False,
    ),  # fmt: skip
    Filters(date_to=date(2020, 12, 31)),
    Filters(q="frontiere", min_force=100),
    Filters(countries=("PE", "MX"), q="lima"),
    Filters(actors=("US Army",), undated=False),
]


def multi_place_events(n: int, seed: int = 5) -> pd.DataFrame:
    """Synthetic rows where every second row is a second place of the event before it."""
    table = synthetic_events(n, seed=seed)
    shared = ["event_key", "event_type", "date_start", "date_end", "date_precision", "force_size"]
    odd = table.index[1::2]
    for name in shared:
        table.loc[odd, name] = table.loc[odd - 1, name].to_numpy()
    return table


def commit_dataset(table: pd.DataFrame, path: Path) -> Path:
    """*table* as a committed Parquet dataset folder at *path*."""
    EventDataset(path).commit(table, {a: "k" for a in table["article_id"].unique()})
    return path


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return multi_place_events(4000)


@pytest.fixture(scope="module")
def stores(table, tmp_path_factory):
    root = commit_dataset(table, tmp_path_factory.mktemp("scale") / "events.parquet")
    opened = {
        "pandas": EventStore.open(root, backend="pandas"),
        "duckdb": EventStore.open(root, backend="duckdb"),
    }
    yield opened
    for store in opened.values():
        store.close()


def test_a_folder_reads_as_its_committed_dataset(table, tmp_path) -> None:
    root = commit_dataset(table, tmp_path / "events.parquet")
    orphan = root / "month=2021-01" / "part-orphan.parquet"  # left by a killed run
    orphan.parent.mkdir(exist_ok=True)
    table.head(50).assign(event_id=lambda d: d["event_id"] + "x").to_parquet(orphan)
    got = read_events(root)
    assert list(got.columns) == list(COLUMNS)  # no _search, no month partition column
    assert len(got) == len(table)
    pd.testing.assert_frame_equal(got, read_dataset(root))
    expected = table.sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(got.sort_values("event_id").reset_index(drop=True), expected)


def test_choose_backend(tmp_path, table) -> None:
    small = write_events(table.head(100), tmp_path / "t.parquet")
    csv = write_events(table.head(100), tmp_path / "t.csv")
    root = commit_dataset(table.head(100), tmp_path / "d.parquet")
    assert choose_backend(small, {}) == "pandas"
    assert choose_backend(small, {}, threshold_bytes=10) == "duckdb"
    assert choose_backend(csv, {}, threshold_bytes=10) == "pandas"  # DuckDB reads Parquet only
    assert choose_backend(root, {}) == "duckdb"  # a dataset folder
    assert choose_backend(root, {"DEPLOYMAP_BACKEND": "pandas"}) == "pandas"
    assert choose_backend(small, {"DEPLOYMAP_BACKEND": "duckdb"}) == "duckdb"
    assert choose_backend(csv, {"DEPLOYMAP_BACKEND": "duckdb"}) == "pandas"


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_aggregates_agree_with_pandas(stores, table, filters) -> None:
    rows = reference_rows(add_search_column(table), filters)
    reference = reference_headline(rows)
    if filters == Filters():
        assert reference["events"] < reference["rows"]  # events are counted, not rows
    for name, store in stores.items():
        assert store.headline(filters) == reference, name
        assert set(store.headline(filters)) == set(HEADLINE_KEYS)
        assert store.type_counts(filters) == reference_type_counts(rows), name
        pd.testing.assert_frame_equal(store.monthly(filters), reference_monthly(rows),
                                      obj=name, check_dtype=False)  # fmt: skip


@pytest.mark.parametrize("filters", FILTERS[::2], ids=range(len(FILTERS[::2])))
def test_popups_from_the_latest_rows_per_place(stores, table, filters) -> None:
    rows = reference_rows(add_search_column(table), filters)
    places = stores["duckdb"].filter_places(filters)
    expected = layer_payload(places, reference_latest(rows))
    latest = {}
    for name, store in stores.items():
        latest[name] = store.latest_per_place(filters)
        assert (latest[name].groupby("location_id").size() <= 2).all()
        assert layer_payload(places, latest[name]) == expected, name
    pd.testing.assert_frame_equal(latest["duckdb"], latest["pandas"])


def test_pages_and_counts_at_one_place(stores) -> None:
    filters = Filters(countries=("PE",))
    loc = stores["pandas"].filter_places(filters)["location_id"].iloc[0]
    pages = {name: store.page(filters, 0, 40, location=loc) for name, store in stores.items()}
    pd.testing.assert_frame_equal(pages["duckdb"], pages["pandas"])
    assert set(pages["duckdb"]["location_id"]) == {loc}
    counts = {name: store.count(filters, location=loc) for name, store in stores.items()}
    assert counts["duckdb"] == counts["pandas"] > 0
    fresh = EventStore.open(stores["duckdb"].path, backend="duckdb")
    assert fresh.count(filters, location=loc) == counts["pandas"]  # SQL, no cached places
    fresh.close()
