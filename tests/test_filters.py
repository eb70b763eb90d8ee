"""Filters, their URL form, aggregation per place and the table views."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.config import events_path
from geo.explore.filters import (
    Filters,
    add_search_column,
    aggregate_places,
    apply_filters,
    events_csv_bytes,
    events_geojson_bytes,
    events_table,
    filter_options,
    filters_from_query_params,
    filters_to_query_params,
    headline,
    monthly_timeline,
    normalize_filters,
    safe_url,
    type_counts,
)
from geo.synthetic.events import synthetic_events
from geo.table.schema import EVENT_TYPES, validate_events


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return add_search_column(synthetic_events(800, seed=1))


def test_synthetic_events_cover_every_type_and_precision() -> None:
    df = synthetic_events(60)
    assert set(df["event_type"]) == set(EVENT_TYPES)
    assert set(df["geo_precision"]) == {"point", "admin1", "country", "border"}
    borders = df[df["geo_precision"] == "border"]
    assert borders["geometry_wkt"].str.startswith(("LINESTRING", "MULTILINESTRING")).all()
    assert {"border:MX-US", "border:CL-PE"} <= set(borders["location_id"])
    assert df["date_start"].isna().any() and df["force_size"].notna().any()
    text = " ".join(df["evidence"])
    for needle in ("<script>", "onerror=", "`", "’", "l'armée", '"'):
        assert needle in text
    assert df["url"].str.startswith("javascript:").any()
    validate_events(df)  # schema-valid
    assert synthetic_events(60).equals(df)  # deterministic


def test_round_trip_through_the_url() -> None:
    filters = Filters(
        types=("troop_deployment", "border_control"),
        date_from=date(2021, 1, 1),
        date_to=date(2023, 6, 30),
        countries=("PE", "MX"),
        actors=("US Army",),
        min_force=500,
        q="l'armée « Tacna »",
        undated=False,
        lat=-12.05,
        lon=-77.0,
        zoom=6,
        basemap="plain",
    )
    params = filters_to_query_params(filters)
    assert params["type"] == "troop_deployment,border_control"
    assert params["from"] == "2021-01-01" and params["zoom"] == "6"
    back, notices = filters_from_query_params(params)
    assert notices == []
    assert back == filters


def test_defaults_leave_the_url_empty() -> None:
    assert filters_to_query_params(Filters()) == {}
    assert filters_from_query_params({}) == (Filters(), [])


def test_invalid_params_are_dropped_with_notices(events) -> None:
    options = filter_options(events)
    params = {
        "type": "tanks,migration",
        "from": "2024-13-45",
        "to": "yesterday",
        "country": ["ZZ", "pe", "123"],
        "actor": "Nobody,US Army",
        "min_force": "-5",
        "undated": "maybe",
        "lat": "91",
        "lon": "abc",
        "zoom": "99",
        "basemap": "satellite",
        "utm_source": "x",
    }
    filters, notices = filters_from_query_params(params, options)
    assert filters.types == ("migration",)
    assert filters.countries == ("PE",)
    assert filters.actors == ("US Army",)
    assert filters.date_from is None and filters.date_to is None
    assert filters.min_force is None and filters.undated is True and filters.view is None
    joined = "\n".join(notices)
    for word in ("tanks", "2024-13-45", "ZZ", "Nobody", "min_force", "undated", "lat", "zoom",
                 "satellite", "utm_source"):  # fmt: skip
        assert word in joined


def test_empty_type_means_no_type_and_reversed_dates_are_ignored() -> None:
    filters, notices = filters_from_query_params({"type": "", "from": "2024-05-01",
                                                  "to": "2024-01-01"})  # fmt: skip
    assert filters.types == ()
    assert filters.date_from is None and notices


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["type", "from", "to", "country", "actor", "min_force",
                                        "q", "undated", "lat", "lon", "zoom", "x"]),
                       st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10),
                                                                max_size=3))))  # fmt: skip
def test_any_params_never_crash(params) -> None:
    filters, notices = filters_from_query_params(params)
    assert isinstance(filters, Filters) and isinstance(notices, list)
    again, _ = filters_from_query_params(filters_to_query_params(filters))
    assert again.types == filters.types and again.view == filters.view


def test_apply_filters(events) -> None:
    assert len(apply_filters(events, Filters())) == len(events)
    only = apply_filters(events, Filters(types=("migration",)))
    assert set(only["event_type"]) == {"migration"}
    assert apply_filters(events, Filters(types=())).empty
    dated = apply_filters(events, Filters(undated=False))
    assert dated["date_start"].notna().all()
    window = apply_filters(events, Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31),
                                           undated=False))  # fmt: skip
    assert (window["date_start"] <= pd.Timestamp("2022-12-31")).all()
    assert (window["date_end"].fillna(window["date_start"]) >= pd.Timestamp("2022-01-01")).all()
    big = apply_filters(events, Filters(min_force=1000))
    assert (big["force_size"] >= 1000).all()
    pe = apply_filters(events, Filters(countries=("PE",)))
    assert set(pe["country_code"]) == {"PE"}
    # accent- and case-insensitive text search over place, actor and evidence
    assert (
        len(apply_filters(events, Filters(q="PEROU")))
        == len(apply_filters(events, Filters(q="pérou")))
        > 0
    )
    without_column = apply_filters(events.drop(columns="_search"), Filters(q="tacna"))
    assert list(without_column.index) == list(apply_filters(events, Filters(q="tacna")).index)


def test_normalize_filters(events) -> None:
    options = filter_options(events)
    full = Filters(types=EVENT_TYPES, date_from=options.date_min, date_to=options.date_max,
                   min_force=0, q="  x  ")  # fmt: skip
    assert normalize_filters(full, options) == Filters(q="x")


def test_aggregate_places_groups_by_location_id(events) -> None:
    places = aggregate_places(events)
    assert places["location_id"].is_unique
    assert places["n_events"].sum() == len(events)
    assert set(places["main_type"]) <= set(EVENT_TYPES)
    border = places[places["location_id"] == "border:MX-US"].iloc[0]
    assert border["geo_precision"] == "border" and border["geometry_wkt"].startswith("LINE")
    assert aggregate_places(events.iloc[:0]).empty


def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" HTTP://x.org ") == "HTTP://x.org"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "//x.org", "ftp://x",
                "https://x.org/\"><script>", None, 3, ""):  # fmt: skip
        assert safe_url(bad) is None


def test_table_and_downloads(events) -> None:
    table = events_table(events)
    assert len(table) == len(events)
    links = table["link"].dropna()
    assert links.str.match(r"^https?://").all()
    assert not table["link"].astype(str).str.contains("javascript").any()
    # hostile evidence is kept verbatim (st.dataframe shows text, never HTML)
    assert table["evidence"].str.contains("<script>", regex=False).any()

    csv = events_csv_bytes(events).decode("utf-8")
    back = pd.read_csv(StringIO(csv), dtype=str, keep_default_na=False, na_values=[""])
    assert "_search" not in back.columns
    validate_events(back)
    assert len(back) == len(events)

    geo = json.loads(events_geojson_bytes(events))
    assert len(geo["features"]) == len(events)
    kinds = {f["geometry"]["type"] for f in geo["features"]}
    assert {"Point", "LineString", "MultiLineString"} <= kinds


def test_headline_and_timeline(events) -> None:
    numbers = headline(events)
    assert numbers["events"] == len(events)
    assert numbers["places"] == events["location_id"].nunique()
    assert numbers["troops"] == int(events["force_size"].sum())
    timeline = monthly_timeline(events)
    assert timeline["events"].sum() == events["date_start"].notna().sum()
    assert (timeline["month"].dt.day == 1).all()
    assert monthly_timeline(events.iloc[:0]).empty


def test_headline_counts_an_event_at_several_places_once(events) -> None:
    # Rows are event x place: give the first three rows one event of 500 troops.
    table = events.iloc[:10].copy()
    table["force_size"] = pd.array([500] * 3 + [None] * 7, dtype="Int64")
    table.loc[table.index[:3], "event_key"] = "shared#0"
    table.loc[table.index[:3], "event_type"] = "troop_deployment"
    table.loc[table.index[:3], "date_start"] = pd.Timestamp("2024-05-01")
    numbers = headline(table)
    assert numbers["events"] == 8
    assert numbers["troops"] == 500
    assert numbers["places"] == table["location_id"].nunique()  # places still count each
    assert type_counts(table)["troop_deployment"] == (
        1 + (table.iloc[3:]["event_type"] == "troop_deployment").sum()
    )
    assert monthly_timeline(table)["events"].sum() == 1 + table.iloc[3:]["date_start"].notna().sum()


def test_events_path(tmp_path) -> None:
    default = tmp_path / "events.csv"
    assert events_path([], {}, default) == default
    assert events_path([], {"DEPLOYMAP_EVENTS": "/x/e.parquet"}, default).as_posix() == (
        "/x/e.parquet"
    )
    assert events_path(["--events", "a.csv"], {"DEPLOYMAP_EVENTS": "b.csv"}, default).name == (
        "a.csv"
    )
    assert events_path(["--events=c.csv"], {}, default).name == "c.csv"
