"""EventStore: a table in memory or on disk gives the same map data, pages and counts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from test_pandas_reference import reference_rows

from geo.exc import ConfigurationError
from geo.explore.filters import Filters
from geo.explore.store import PLACE_COLUMNS, EventStore
from geo.synthetic.events import synthetic_events
from geo.table.dataset import EventDataset
from geo.table.formats import write_events

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
    Filters(q="frontiere  ", min_force=100),
    Filters(q="ÉTATS"),
    Filters(countries=("PE", "MX"), q="lima"),
    Filters(actors=("US Army",), undated=False),
]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return synthetic_events(6000, seed=4)


@pytest.fixture(scope="module")
def stores(table, tmp_path_factory):
    root = tmp_path_factory.mktemp("query")
    dataset = EventDataset(root / "events.parquet")
    dataset.commit(table, {a: "k" for a in table["article_id"].unique()})
    write_events(table, root / "events.csv")
    write_events(table, root / "one.parquet")
    opened = {
        "csv": EventStore.open(root / "events.csv"),
        "dataset-pandas": EventStore.open(root / "events.parquet", backend="pandas"),
        "dataset-duckdb": EventStore.open(root / "events.parquet", threshold_bytes=0),
        "file-duckdb": EventStore.open(root / "one.parquet", backend="duckdb"),
    }
    yield opened
    for store in opened.values():
        store.close()


def test_auto_backend_follows_the_size_threshold(stores, tmp_path, table):
    assert stores["csv"].backend == "pandas"
    assert stores["dataset-duckdb"].backend == "duckdb"
    # the dataset's parts carry the folded search text; a plain file is searched by regex
    assert stores["dataset-duckdb"].search_column and not stores["file-duckdb"].search_column
    write_events(table, tmp_path / "t.parquet")
    assert EventStore.open(tmp_path / "t.parquet").backend == "pandas"
    assert EventStore.open(tmp_path / "t.parquet", threshold_bytes=10).backend == "duckdb"
    with pytest.raises(ConfigurationError):
        EventStore.open(tmp_path / "t.parquet", backend="spark")


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_backends_agree(stores, table, filters):
    expected_count = len(reference_rows(table, filters))
    assert expected_count or filters.types == ()
    reference = stores["csv"]
    places = reference.filter_places(filters)
    page = reference.page(filters, offset=5, limit=25, sort="force_size")
    assert list(places.columns) == list(PLACE_COLUMNS)
    assert reference.count(filters) == expected_count == places["n_events"].sum()
    for name, store in stores.items():
        assert store.count(filters) == expected_count, name
        pd.testing.assert_frame_equal(store.filter_places(filters), places, obj=name)
        got = store.page(filters, offset=5, limit=25, sort="force_size")
        pd.testing.assert_frame_equal(got, page, obj=name)
        assert store.bounds(filters) == reference.bounds(filters), name


def test_places_count_types_per_place(stores, table):
    places = stores["dataset-duckdb"].filter_places(Filters())
    lima = table[table["location_id"] == places["location_id"].iloc[0]]
    row = places.iloc[0]
    assert row["n_events"] == len(lima)
    for event_type, n in lima["event_type"].value_counts().items():
        assert row[f"n_{event_type}"] == n
    assert row["main_type"] == lima["event_type"].value_counts().idxmax()


def test_pages_walk_the_whole_filtered_table(stores):
    store = stores["dataset-duckdb"]
    filters = Filters(countries=("PE",))
    ids = pd.concat([store.page(filters, offset, 500) for offset in range(0, 5000, 500)])
    assert ids["event_id"].is_unique and len(ids) == store.count(filters)


def test_options_match(stores):
    assert stores["dataset-duckdb"].options() == stores["csv"].options()
