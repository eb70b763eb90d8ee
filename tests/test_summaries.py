"""The per-region summary (issue 11): every first-level region of the filtered rows, its
events counted once, its places, the monthly events and the trend, on both backends."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.explore.filters import Filters
from geo.explore.store import REGION_COLUMNS, EventStore
from geo.synthetic.events import synthetic_events


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return synthetic_events(800, seed=11)


def _store(table: pd.DataFrame, backend: str, tmp_path) -> EventStore:
    if backend == "pandas":
        return EventStore.from_frame(table)
    path = tmp_path / "events.parquet"
    table.to_parquet(path)
    return EventStore.open(path, backend="duckdb")


@pytest.mark.parametrize("backend", ["pandas", "duckdb"])
def test_regions_count_events_once_and_list_their_places(table, backend, tmp_path):
    store = _store(table, backend, tmp_path)
    wanted = Filters(types=("border_control", "troop_deployment", "migration"))
    got = store.region_summary(wanted)
    assert tuple(got.columns) == REGION_COLUMNS
    rows = table[table["event_type"].isin(wanted.types) & table["admin1"].notna()]
    rows = rows.assign(event=rows["event_key"].fillna("#" + rows["event_id"]))
    expected = rows.groupby(["country_code", "admin1"]).agg(
        events=("event", "nunique"), places=("location_id", "nunique")
    )
    assert len(got) == len(expected) > 5
    for row in got.itertuples():
        want = expected.loc[(row.country_code, row.admin1)]
        assert (row.events, row.places) == (want["events"], want["places"])
        at = rows[(rows["country_code"] == row.country_code) & (rows["admin1"] == row.admin1)]
        assert row.locations == sorted(at["location_id"].unique())
        assert sum(row.monthly) == at[at["date_start"].notna()]["event"].nunique()
    assert list(got["events"]) == sorted(got["events"], reverse=True)
    # the sparklines of every region span the same months (the filtered span)
    assert len({len(m) for m in got["monthly"]}) == 1


def test_the_trend_compares_the_last_twelve_months_with_the_twelve_before():
    base = synthetic_events(1, seed=1).iloc[0].to_dict()
    months = ["2020-01-05"] * 2 + ["2021-03-05"] * 3  # 2 in the earlier year, 3 in the last
    rows = pd.DataFrame([{**base, "event_id": f"e{i}", "event_key": f"a#{i}",
                          "admin1": "Loreto", "country_code": "PE", "date_start": d,
                          "date_end": d, "date_precision": "day"}
                         for i, d in enumerate([*months, "2021-12-01"])])  # fmt: skip
    rows["date_start"] = pd.to_datetime(rows["date_start"])
    rows["date_end"] = pd.to_datetime(rows["date_end"])
    got = EventStore.from_frame(rows).region_summary(Filters()).iloc[0]
    assert got["events"] == 6 and got["trend"] == pytest.approx((4 - 2) / 2)


def test_no_region_without_rows_that_name_one(table):
    store = EventStore.from_frame(table)
    out = store.region_summary(Filters(types=()))
    assert out.empty and tuple(out.columns) == REGION_COLUMNS
    country_only = table[table["admin1"].isna()]
    assert EventStore.from_frame(country_only).region_summary(Filters()).empty
