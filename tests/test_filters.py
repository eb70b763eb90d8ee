"""Filters, their URL form (one parser per parameter), what they select, and the table views."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.config import events_path
from geo.explore import filters as flt
from geo.explore.filters import (
    PARSERS,
    Filters,
    filter_options,
    filters_from_query_params,
    filters_to_query_params,
    normalize_filters,
)
from geo.explore.store import EventStore
from geo.explore.views import events_csv_bytes, events_geojson_bytes, events_table, safe_url
from geo.synthetic.events import synthetic_events
from geo.table.schema import EVENT_TYPES, validate_events
from geo.table.search import add_search_column


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return add_search_column(synthetic_events(800, seed=1))


@pytest.fixture(scope="module")
def store(events):
    opened = EventStore.from_frame(events)
    yield opened
    opened.close()


def passing(store: EventStore, filters: Filters) -> pd.DataFrame:
    """Every row passing *filters*, from the store."""
    return store.page(filters, 0, 10**6)


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


def test_the_store_applies_every_filter(store, events) -> None:
    assert len(passing(store, Filters())) == len(events)
    only = passing(store, Filters(types=("migration",)))
    assert set(only["event_type"]) == {"migration"}
    assert passing(store, Filters(types=())).empty
    dated = passing(store, Filters(undated=False))
    assert dated["date_start"].notna().all()
    window = passing(store, Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31),
                                           undated=False))  # fmt: skip
    assert (window["date_start"] <= pd.Timestamp("2022-12-31")).all()
    assert (window["date_end"].fillna(window["date_start"]) >= pd.Timestamp("2022-01-01")).all()
    big = passing(store, Filters(min_force=1000))
    assert (big["force_size"] >= 1000).all()
    pe = passing(store, Filters(countries=("PE",)))
    assert set(pe["country_code"]) == {"PE"}
    # accent- and case-insensitive text search over place, actor and evidence
    assert len(passing(store, Filters(q="PEROU"))) == len(passing(store, Filters(q="pérou"))) > 0
    # without the folded column, the words are matched by accent-free regexes per field
    plain = EventStore.from_frame(events.drop(columns="_search"))
    plain.search_column = False
    for q in ("tacna", "PEROU", "l'armée"):
        expected = set(passing(store, Filters(q=q))["event_id"])
        assert set(passing(plain, Filters(q=q))["event_id"]) == expected and expected


def test_normalize_filters(events) -> None:
    options = filter_options(events)
    full = Filters(types=EVENT_TYPES, date_from=options.date_min, date_to=options.date_max,
                   min_force=0, q="  x  ")  # fmt: skip
    assert normalize_filters(full, options) == Filters(q="x")


def test_places_group_by_location_id(store, events) -> None:
    places = store.filter_places(Filters())
    assert places["location_id"].is_unique
    assert places["n_events"].sum() == len(events)
    assert set(places["main_type"]) <= set(EVENT_TYPES)
    border = places[places["location_id"] == "border:MX-US"].iloc[0]
    assert border["geo_precision"] == "border" and border["geometry_wkt"].startswith("LINE")
    assert store.filter_places(Filters(types=())).empty


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


def test_headline_and_timeline(store, events) -> None:
    numbers = store.headline(Filters())
    assert numbers["events"] == len(events)
    assert numbers["places"] == events["location_id"].nunique()
    assert numbers["troops"] == int(events["force_size"].sum())
    timeline = store.monthly(Filters())
    assert timeline["events"].sum() == events["date_start"].notna().sum()
    assert (timeline["month"].dt.day == 1).all()
    assert store.monthly(Filters(types=())).empty


def test_headline_counts_an_event_at_several_places_once(events) -> None:
    # Rows are event x place: give the first three rows one event of 500 troops.
    table = events.iloc[:10].copy()
    table["force_size"] = pd.array([500] * 3 + [None] * 7, dtype="Int64")
    table.loc[table.index[:3], "event_key"] = "shared#0"
    table.loc[table.index[:3], "event_type"] = "troop_deployment"
    table.loc[table.index[:3], "date_start"] = pd.Timestamp("2024-05-01")
    store = EventStore.from_frame(table)
    numbers = store.headline(Filters())
    assert numbers["events"] == 8 and numbers["rows"] == 10
    assert numbers["troops"] == 500
    assert numbers["places"] == table["location_id"].nunique()  # places still count each
    assert store.type_counts(Filters())["troop_deployment"] == (
        1 + (table.iloc[3:]["event_type"] == "troop_deployment").sum()
    )
    assert store.monthly(Filters())["events"].sum() == (
        1 + table.iloc[3:]["date_start"].notna().sum()
    )


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


# ---------------------------------------------------------------- one parser per URL parameter


def test_every_url_parameter_has_a_parser_and_round_trips() -> None:
    assert set(PARSERS) == set(flt.PARAM_NAMES)
    full = Filters(types=("migration",), date_from=date(2021, 1, 1), date_to=date(2021, 2, 1),
                   countries=("PE",), actors=("US Army",), min_force=3, q="x", undated=False,
                   month=date(2021, 1, 1), lat=1.5, lon=2.0, zoom=4,
                   basemap="plain", sources=("news", "acled"))  # fmt: skip
    assert set(filters_to_query_params(full)) == set(PARSERS)
    assert filters_from_query_params(filters_to_query_params(full))[0] == full


@pytest.mark.parametrize(
    ("name", "values", "fields", "notice"),
    [
        ("type", ["migration, Border control"], {"types": ("border_control", "migration")}, None),
        ("type", ["MIGRATION", "migration"], {"types": ("migration",)}, None),
        ("type", [""], {"types": ()}, None),
        ("type", ["tanks"], {}, "tanks"),
        ("type", ["tanks,migration"], {"types": ("migration",)}, "tanks"),
        ("from", ["2024-02-01"], {"date_from": date(2024, 2, 1)}, None),
        ("from", ["2024-02-30"], {}, "2024-02-30"),
        ("to", ["x", " 2024-03-01 "], {"date_to": date(2024, 3, 1)}, None),  # the last wins
        ("to", ["yesterday"], {}, "ISO date"),
        ("country", ["pe,MX", "pe"], {"countries": ("PE", "MX")}, None),
        ("country", ["123"], {}, "123"),
        ("actor", ["US Army,Nobody"], {"actors": ("US Army", "Nobody")}, None),
        ("source", ["UCDP,news"], {"sources": ("news", "ucdp")}, None),
        ("source", ["acled", "acled"], {"sources": ("acled",)}, None),
        ("source", ["twitter"], {}, "source=twitter"),
        ("min_force", ["250"], {"min_force": 250}, None),
        ("min_force", ["-5"], {}, "min_force=-5"),
        ("min_force", ["lots"], {}, "whole number"),
        ("min_force", ["  "], {}, None),
        ("q", [" l'armée "], {"q": "l'armée"}, None),
        ("q", ["x" * 300], {"q": "x" * flt.MAX_QUERY_LENGTH}, "cut"),
        ("undated", ["No"], {"undated": False}, None),
        ("undated", ["on"], {"undated": True}, None),
        ("undated", ["maybe"], {}, "true/false"),
        ("basemap", ["plain"], {"basemap": "plain"}, None),
        ("basemap", ["satellite"], {}, "satellite"),
        ("lat", ["-12.05"], {"lat": -12.05}, None),
        ("lat", ["91"], {}, "out of range"),
        ("lat", ["nan"], {}, "lat=nan"),
        ("lon", ["-180"], {"lon": -180.0}, None),
        ("lon", ["abc"], {}, "lon=abc"),
        ("zoom", ["7"], {"zoom": 7}, None),
        ("zoom", ["0"], {}, "zoom=0"),
        ("zoom", ["7.5"], {}, "zoom=7.5"),
    ],
)  # fmt: skip
def test_each_parser(name, values, fields, notice) -> None:
    got, notices = PARSERS[name](values, None)
    assert got == fields
    if notice is None:
        assert notices == []
    else:
        assert len(notices) >= 1 and notice in "\n".join(notices)


def test_parsers_check_countries_and_actors_against_the_table(events) -> None:
    options = filter_options(events)
    assert PARSERS["country"](["pe,zz"], options) == (
        {"countries": ("PE",)},
        ["`country=zz` is not a country of this table; ignored"],
    )
    got, notices = PARSERS["actor"](["us army,Nobody"], options)
    assert got == {"actors": ("US Army",)} and "Nobody" in notices[0]


def test_checks_across_parameters() -> None:
    fields = {"date_from": date(2024, 5, 1), "date_to": date(2024, 1, 1), "q": "x"}
    assert "after" in flt.check_date_range(fields)[0] and fields == {"q": "x"}
    fields = {"lat": 1.0, "lon": 2.0}
    assert flt.check_view(fields) == [] and fields == {"lat": 1.0, "lon": 2.0, "zoom": 5}
    fields = {"zoom": 5}
    assert "go together" in flt.check_view(fields)[0] and fields == {}
    assert filters_from_query_params({"lat": "1", "lon": "2", "zoom": "9"})[0].view == (1, 2, 9)


def test_notices_keep_their_wording() -> None:
    _, notices = filters_from_query_params(
        {"from": "2024-13-45", "min_force": "-5", "lat": "91", "lon": "2", "x": "1"}
    )
    assert notices == [
        "unknown parameter `x` ignored",
        "`from=2024-13-45` is not an ISO date (YYYY-MM-DD); ignored",
        "`min_force=-5` is not a whole number ≥ 0; ignored",
        "`lat=91` is out of range or not a number; ignored",
        "`lat` and `lon` go together; the map view was ignored",
    ]


# ---------------------------------------------------------------- issue 11: what was wrong


def _row(i: int, **fields) -> dict:
    base = {
        "event_id": f"e{i}", "event_key": f"a#{i}", "article_id": "a", "event_type":
        "troop_deployment", "date_start": "2024-03-05", "date_end": None, "date_precision":
        "day", "place": "Lima", "location_id": f"gn:{i}", "geo_precision": "point",
        "country_code": "PE", "latitude": -12.0, "longitude": -77.0, "evidence": "x",
        "evidence_start": 0, "evidence_end": 1, "confidence": 0.9,
    }  # fmt: skip
    base.update(fields)
    return base


def _store(rows: list[dict]) -> EventStore:
    return EventStore.from_frame(validate_events(pd.DataFrame(rows)))


def test_one_sentence_count_shared_by_two_events_is_one_force() -> None:
    # "1,500 soldiers" in one sentence gives a foreign_troops and a military_exercise event
    rows = [
        _row(1, event_key="a#5", event_type="foreign_troops", force_size=1500,
             evidence_start=3880),
        _row(2, event_key="a#6", event_type="military_exercise", force_size=1500,
             evidence_start=3880),
        _row(3, event_key="a#7", force_size=600, evidence_start=100),
        _row(4, event_key="b#0", article_id="b", force_size=600, evidence_start=100),
    ]  # fmt: skip
    store = _store(rows)
    numbers = store.headline(Filters())
    assert numbers["events"] == 4
    assert numbers["troops"] == 1500 + 600 + 600  # a different article's 600 is another force


def test_an_event_at_several_places_counts_its_force_once_and_place_counts_per_place() -> None:
    rows = [
        _row(1, event_key="a#0", location_id="gn:1", force_size=1554, place_force_size=990),
        _row(2, event_key="a#0", location_id="gn:2", force_size=1554, place_force_size=564,
             country_code="MX"),
    ]  # fmt: skip
    store = _store(rows)
    assert store.headline(Filters())["troops"] == 1554
    summary = store.country_summary(Filters()).set_index("country_code")
    assert summary.loc["PE", "troops"] == 990 and summary.loc["MX", "troops"] == 564
    assert summary["events"].tolist() == [1, 1]
    places = store.filter_places(Filters()).set_index("location_id")
    assert places.loc["gn:1", "force_total"] == 990


def test_undated_counts_events_not_rows() -> None:
    rows = [_row(i, event_key="a#0", location_id=f"gn:{i}", date_start=None,
                 date_precision="unknown") for i in range(3)]  # fmt: skip
    rows.append(_row(9))
    assert _store(rows).headline(Filters())["undated"] == 1


def test_a_border_belongs_to_both_countries() -> None:
    rows = [
        _row(1, location_id="border:MX-US", geo_precision="border", country_code="US"),
        _row(2, location_id="gn:2", country_code="MX"),
        _row(3, location_id="gn:3", country_code="US"),
    ]
    store = _store(rows)
    assert set(passing(store, Filters(countries=("MX",)))["event_id"]) == {"e1", "e2"}
    assert set(passing(store, Filters(countries=("US",)))["event_id"]) == {"e1", "e3"}
    assert "MX" in store.options().countries
    summary = store.country_summary(Filters()).set_index("country_code")
    assert summary.loc["MX", "events"] == 2 and summary.loc["US", "events"] == 2
    assert store.headline(Filters(countries=("MX",)))["countries"] == 2  # MX and US


def test_border_events_of_the_other_side_in_the_synthetic_table(store, events) -> None:
    mx_us = events[events["location_id"] == "border:MX-US"]
    assert len(mx_us) and set(mx_us["country_code"]) == {"US"}
    got = set(passing(store, Filters(countries=("MX",)))["event_id"])
    assert set(mx_us["event_id"]) <= got


@pytest.mark.parametrize(
    ("q", "hit"),
    [("US", False), ("us", False), ("sous", True), ("secretaire", True), ("US Army", True),
     ("arm", False), ("army", True), ("frontiere", True), ("tacna", True)],
)  # fmt: skip
def test_search_matches_whole_words(q, hit) -> None:
    rows = [_row(1, evidence="Le sous-secrétaire à la frontière de Tacna.")]
    rows.append(_row(2, evidence="Les soldats", actor="US Army") if hit and "army" in q.lower()
                else _row(2, evidence="rien"))  # fmt: skip
    store = _store(rows)
    found = passing(store, Filters(q=q))
    assert (len(found) > 0) == hit, q
    assert "e1" not in set(passing(store, Filters(q="US"))["event_id"])


def test_search_on_disk_without_the_search_column_matches_whole_words(tmp_path) -> None:
    path = tmp_path / "t.parquet"
    validate_events(pd.DataFrame([_row(1, evidence="Le sous-secrétaire arrive."),
                                  _row(2, evidence="Les U.S. et l'armée US.")])).to_parquet(
        path)  # fmt: skip
    store = EventStore.open(path, backend="duckdb")
    assert not store.search_column
    assert set(passing(store, Filters(q="US"))["event_id"]) == {"e2"}
    assert set(passing(store, Filters(q="armee"))["event_id"]) == {"e2"}
    assert set(passing(store, Filters(q="secretaire"))["event_id"]) == {"e1"}


def test_a_huge_min_force_is_lowered_to_the_largest_force_with_a_notice() -> None:
    options = flt.FilterOptions(force_max=5200)
    filters, notices = filters_from_query_params({"min_force": "9" * 30}, options)
    assert filters.min_force == 5200
    assert notices and "5,200" in notices[0]
    assert filters_from_query_params({"min_force": "100"}, options) == (Filters(min_force=100), [])
    unbounded, said = filters_from_query_params({"min_force": str(10**18)})
    assert unbounded.min_force == flt.MAX_FORCE and said
    assert normalize_filters(Filters(min_force=10**12), options).min_force == 5200


def test_month_in_the_url_and_what_it_selects(store, events) -> None:
    options = filter_options(events)
    filters, notices = filters_from_query_params({"month": "2021-03"}, options)
    assert filters.month == date(2021, 3, 1) and not notices
    assert filters_to_query_params(filters) == {"month": "2021-03"}
    for bad in ("2021-13", "March", "1900-01"):
        assert filters_from_query_params({"month": bad}, options)[1], bad
    rows = passing(store, filters)
    assert len(rows) and rows["date_start"].notna().all()
    start, end = rows["date_start"], rows["date_end"].fillna(rows["date_start"])
    assert (start <= pd.Timestamp("2021-03-31")).all() and (end >= pd.Timestamp("2021-03-01")).all()
    # within from..to: the month narrows the range
    narrow = Filters(month=date(2021, 3, 1), date_from=date(2021, 3, 10))
    assert set(passing(store, narrow)["event_id"]) <= set(rows["event_id"])


def test_country_summary_counts_and_trend(store, events) -> None:
    summary = store.country_summary(Filters())
    assert list(summary.columns) == [
        "country_code", "events", "places", "rows", "troops", "monthly", "trend"
    ]  # fmt: skip
    assert summary["events"].is_monotonic_decreasing
    pe = summary.set_index("country_code").loc["PE"]
    pe_rows = passing(store, Filters(countries=("PE",)))
    from test_pandas_reference import reference_headline, row_countries

    in_pe = pe_rows[row_countries(pe_rows).map(lambda cs: "PE" in cs)]
    assert pe["events"] == reference_headline(in_pe)["events"]
    assert sum(pe["monthly"]) == in_pe["date_start"].notna().sum()
    assert len(pe["monthly"]) == len(
        pd.period_range(events["date_start"].min(), events["date_start"].max(), freq="M")
    )


def test_one_bad_row_is_reported_and_the_rest_kept(tmp_path) -> None:
    from geo.exc import SchemaError

    table = synthetic_events(50, seed=2)
    path = tmp_path / "events.csv"
    from geo.table.formats import write_events

    write_events(table, path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[11].split(",")
    cells[header.index("date_start")] = "not-a-date"
    lines[11] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SchemaError):
        EventStore.open(path)
    store = EventStore.open(path, skip_bad_rows=True)
    assert store.count(Filters()) == 49
    assert len(store.skipped) == 1
    assert "row 11 (line 12 of the CSV)" in store.skipped[0]
    assert "date_start" in store.skipped[0] and "not-a-date" in store.skipped[0]


def test_a_checked_table_is_cached_for_the_next_open(tmp_path) -> None:
    from geo.table.formats import write_events

    path = tmp_path / "events.csv"
    write_events(synthetic_events(40, seed=4), path)
    cache = tmp_path / "cache"
    first = EventStore.open(path, cache_dir=cache)
    assert len(list(cache.glob("*.parquet"))) == 1
    again = EventStore.open(path, cache_dir=cache)
    pd.testing.assert_frame_equal(first.frame, again.frame)
    assert again.headline(Filters(q="lima")) == first.headline(Filters(q="lima"))
    # a changed table is read again, never its old cache
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = text[0].rstrip("\n").split(",")
    cells = text[3].split(",")
    cells[header.index("latitude")] = "999"
    text[3] = ",".join(cells)
    path.write_text("".join(text), encoding="utf-8")
    changed = EventStore.open(path, skip_bad_rows=True, cache_dir=cache)
    assert changed.count(Filters()) == 39 and len(changed.skipped) == 1
    cached = EventStore.open(path, skip_bad_rows=True, cache_dir=cache)
    assert cached.count(Filters()) == 39 and cached.skipped == changed.skipped
    (cache / "junk").mkdir()
    for part in cache.glob("*.parquet"):
        part.write_bytes(b"not parquet")  # a damaged cache is only slower
    assert EventStore.open(path, skip_bad_rows=True, cache_dir=cache).count(Filters()) == 39


def test_the_cache_key_holds_what_selects_rows_only() -> None:
    plain = Filters(q="Lima", basemap="plain", lat=1.0, lon=2.0, zoom=5)
    assert plain.data_key() == Filters(q="Lima").data_key()
    assert Filters.from_key(plain.data_key()) == Filters(q="Lima")
    assert Filters(q="Lima").data_key() != Filters(q="Tacna").data_key()
    assert Filters(month=date(2021, 3, 1)).data_key() != Filters().data_key()
    hash(Filters(types=("migration",), countries=("PE",)).data_key())
