"""The one engine against a plain pandas reference: the former in-memory path, kept as an oracle.

The dashboard answers every question with :class:`geo.explore.store.EventStore` (DuckDB SQL).
The functions below are the pandas code the in-memory path used before (commit f535129,
``geo/filters.py`` and ``geo/query.py``), kept here only as an independent reference for the
tests: the store, on a table in memory or on disk, must give the same rows and numbers.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.explore.filters import Filters
from geo.explore.store import POPUP_COLUMNS, EventStore
from geo.synthetic.events import synthetic_events
from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES
from geo.table.search import SEARCH_COLUMN, add_search_column
from geo.text import fold

# ---------------------------------------------------------------- the reference


def reference_rows(df: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of *df* that pass *filters* (pandas ``apply_filters`` of f535129)."""
    keep = pd.Series(True, index=df.index)
    if filters.types is not None:
        keep &= df["event_type"].isin(filters.types).fillna(False).astype(bool)
    start = df["date_start"]
    end = df["date_end"].fillna(start)
    dated = start.notna()
    in_range = dated.copy()
    if filters.date_from is not None:
        in_range &= (end >= pd.Timestamp(filters.date_from)).fillna(False).astype(bool)
    if filters.date_to is not None:
        in_range &= (start <= pd.Timestamp(filters.date_to)).fillna(False).astype(bool)
    keep &= in_range | (~dated & filters.undated)
    if filters.countries:
        keep &= row_countries(df).map(lambda cs: bool(cs & set(filters.countries)))
    if filters.actors:
        keep &= df["actor"].isin(filters.actors).fillna(False).astype(bool)
    if filters.min_force:
        keep &= (df["force_size"] >= filters.min_force).fillna(False).astype(bool)
    if filters.sources:
        keep &= df["source_dataset"].fillna("news").isin(filters.sources).astype(bool)
    words = fold(filters.q).split()
    if words:
        text = df[SEARCH_COLUMN] if SEARCH_COLUMN in df else add_search_column(df)[SEARCH_COLUMN]
        for word in words:  # whole words only
            pattern = rf"(?:^|[^\w])(?:{re.escape(word)})(?:$|[^\w])"
            keep &= text.str.contains(pattern, regex=True).fillna(False).astype(bool)
    return df.loc[keep]


def row_countries(df: pd.DataFrame) -> pd.Series:
    """The countries of each row: its country_code, and both sides of a border."""

    def countries(code: object, location: object) -> set[str]:
        out = {code} if isinstance(code, str) and code else set()
        if isinstance(location, str) and location.startswith("border:"):
            out |= {c for c in location.removeprefix("border:").split("-") if c}
        return out

    return pd.Series(
        [countries(c, loc) for c, loc in zip(df["country_code"], df["location_id"], strict=True)],
        index=df.index,
        dtype=object,
    )


def one_row_per_event(df: pd.DataFrame) -> pd.DataFrame:
    """The first row of each event (rows of one event share its ``event_key``)."""
    keyed = df["event_key"].notna()
    return pd.concat([df[keyed].drop_duplicates("event_key"), df[~keyed]]).sort_index()


def reference_headline(rows: pd.DataFrame) -> dict[str, int]:
    """Events, places, countries (both sides of a border), troops (once per stated force: the
    same count in the same sentence of an article is one), rows, undated events."""
    events = one_row_per_event(rows)
    stated = events.dropna(subset=["force_size"]).drop_duplicates(
        ["article_id", "evidence_start", "force_size"]
    )
    countries = set().union(*row_countries(rows)) if len(rows) else set()
    return {
        "events": len(events),
        "places": int(rows["location_id"].nunique()),
        "countries": len(countries),
        "troops": int(stated["force_size"].sum()) if len(stated) else 0,
        "rows": len(rows),
        "undated": int(events["date_start"].isna().sum()),
    }


def reference_type_counts(rows: pd.DataFrame) -> dict[str, int]:
    """Events per type, every type present."""
    counts = one_row_per_event(rows)["event_type"].value_counts()
    return {t: int(counts.get(t, 0)) for t in EVENT_TYPES}


def reference_monthly(rows: pd.DataFrame) -> pd.DataFrame:
    """Dated events per month and type: month, type (label), events."""
    events = one_row_per_event(rows)
    dated = events.loc[events["date_start"].notna(), ["date_start", "event_type"]]
    if dated.empty:
        return pd.DataFrame({"month": pd.Series([], dtype="datetime64[ns]"),
                             "type": pd.Series([], dtype=str),
                             "events": pd.Series([], dtype=int)})  # fmt: skip
    month = dated["date_start"].dt.to_period("M").dt.to_timestamp()
    out = (
        dated.assign(month=month)
        .groupby(["month", "event_type"], observed=True)
        .size()
        .reset_index(name="events")
    )
    out["type"] = out["event_type"].map(EVENT_TYPE_LABELS)
    return out[["month", "type", "events"]]


def reference_places(rows: pd.DataFrame) -> pd.DataFrame:
    """Per location_id: label, position, counts, main type, dates, troops; by location_id."""
    work = rows.assign(label=rows["place_resolved"].fillna(rows["place"]))
    grouped = work.groupby("location_id")
    places = grouped.agg(
        label=("label", "first"),
        latitude=("latitude", "first"),
        longitude=("longitude", "first"),
        geo_precision=("geo_precision", "first"),
        n_events=("event_id", "size"),
        n_types=("event_type", "nunique"),
        date_first=("date_start", "min"),
        date_last=("date_end", "max"),
        force_total=("force_size", "sum"),
    )
    counts = work.groupby(["location_id", "event_type"]).size().reset_index(name="n")
    counts["order"] = counts["event_type"].map({t: i for i, t in enumerate(EVENT_TYPES)})
    counts = counts.sort_values(["location_id", "n", "order"], ascending=[True, False, True])
    places["main_type"] = counts.drop_duplicates("location_id").set_index("location_id")[
        "event_type"
    ]
    places["date_last"] = places["date_last"].fillna(places["date_first"])
    return places.reset_index()


def reference_latest(rows: pd.DataFrame, per_place: int = 2) -> pd.DataFrame:
    """The *per_place* newest rows of each place (undated last, ties by event_id)."""
    order = rows.sort_values(
        ["location_id", "date_start", "event_id"], ascending=[True, False, True],
        na_position="last", kind="stable",
    )  # fmt: skip
    return order.groupby("location_id", sort=False).head(per_place)[list(POPUP_COLUMNS)]


# ---------------------------------------------------------------- the store agrees with it

FILTERS = [
    Filters(),
    Filters(types=()),
    Filters(types=("migration",), undated=False),
    Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31), undated=False),
    Filters(date_to=date(2020, 12, 31)),
    Filters(q="PEROU"),
    Filters(q="pérou tacna"),
    Filters(countries=("PE", "MX"), min_force=1000),
    Filters(actors=("US Army",)),
]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return add_search_column(synthetic_events(1500, seed=11))


@pytest.fixture(scope="module")
def store(table):
    opened = EventStore.from_frame(table)
    yield opened
    opened.close()


def _compare_places(got: pd.DataFrame, rows: pd.DataFrame) -> None:
    expected = reference_places(rows)
    got = got.sort_values("location_id").reset_index(drop=True)
    assert list(got["location_id"]) == list(expected["location_id"])
    for name in ("n_events", "n_types", "force_total"):
        assert got[name].tolist() == expected[name].astype("int64").tolist(), name
    for name in ("label", "geo_precision", "main_type"):
        assert got[name].tolist() == expected[name].tolist(), name
    for name in ("latitude", "longitude", "date_first", "date_last"):
        assert got[name].tolist() == expected[name].tolist(), name


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_store_in_memory_equals_the_pandas_reference(store, table, filters) -> None:
    rows = reference_rows(table, filters)
    assert store.count(filters) == len(rows)
    assert store.headline(filters) == reference_headline(rows)
    assert store.type_counts(filters) == reference_type_counts(rows)
    pd.testing.assert_frame_equal(
        store.monthly(filters), reference_monthly(rows), check_dtype=False
    )
    _compare_places(store.filter_places(filters), rows)
    latest = store.latest_per_place(filters)
    assert latest["event_id"].tolist() == reference_latest(rows)["event_id"].tolist()
    page = store.page(filters, 0, len(table))
    assert set(page["event_id"]) == set(rows["event_id"])


def test_the_reference_finds_something_for_most_filters(table) -> None:
    """The comparison above is not between two empty results."""
    sizes = [len(reference_rows(table, f)) for f in FILTERS]
    assert sizes[0] == len(table) and sizes[1] == 0
    assert sum(0 < n < len(table) for n in sizes) >= 6


@settings(max_examples=40, deadline=None)
@given(
    types=st.one_of(st.none(), st.lists(st.sampled_from(EVENT_TYPES), max_size=3).map(tuple)),
    years=st.tuples(st.integers(2018, 2025), st.integers(0, 3)),
    countries=st.lists(st.sampled_from(["PE", "MX", "CO", "US", "CL", "BR"]), max_size=2),
    min_force=st.one_of(st.none(), st.integers(0, 3000)),
    q=st.sampled_from(["", "lima", "ÉTATS", "frontiere", "armée garde", "zz"]),
    undated=st.booleans(),
)
def test_any_filters_count_like_the_reference(
    store, table, types, years, countries, min_force, q, undated
) -> None:
    filters = Filters(
        types=types, date_from=date(years[0], 1, 1), date_to=date(years[0] + years[1], 12, 31),
        countries=tuple(countries), min_force=min_force, q=q, undated=undated,
    )  # fmt: skip
    rows = reference_rows(table, filters)
    assert store.headline(filters) == reference_headline(rows)
