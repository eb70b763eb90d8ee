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


# ---------------------------------------------------------------- the shaded view


def test_the_shade_link_parameter_round_trips_and_refuses_unknown_values():
    from geo.explore.shade import parse_shade, shade_params

    assert parse_shade([]) == ("points", [])
    assert parse_shade(["countries"]) == ("countries", [])
    assert shade_params("countries") == {"shade": "countries"}
    assert shade_params("points") == {} and shade_params(None) == {}
    mode, notices = parse_shade(["<script>x</script>\x00"])
    assert mode == "points" and "is not a map view" in notices[0] and "\x00" not in notices[0]


def test_classes_hold_about_as_many_countries_and_cover_every_count():
    from geo.explore.shade import SHADE_COLORS, class_breaks, class_of, legend_rows

    counts = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
    breaks = class_breaks(counts)
    assert breaks[0] == 1 and breaks == sorted(set(breaks)) and len(breaks) <= len(SHADE_COLORS)
    classes = [class_of(c, breaks) for c in counts]
    assert classes == sorted(classes) and classes[0] == 0 and classes[-1] == len(breaks) - 1
    assert max(classes.count(k) for k in set(classes)) <= 3  # quantiles, not equal ranges
    rows = legend_rows(breaks, max(counts))
    assert rows[0].startswith("1") and rows[-1].endswith("89")
    assert class_breaks([]) == [1] and class_breaks([7, 7, 7]) == [1]


def test_build_map_shades_each_country_by_its_events(table):
    import json
    import re

    from geo.explore.map import build_map
    from geo.explore.shade import SHADE_COLORS

    countries = EventStore.from_frame(table).country_summary(Filters())
    html = build_map(table, shade="countries", tiles=False).get_root().render()
    payload = json.loads(re.search(r"var D = (\{.*?\});\n", html).group(1))
    got = {a[0]: a[2] for a in payload["areas"]}
    want = dict(zip(countries["country_code"], countries["events"], strict=True))
    assert got == {c: n for c, n in want.items() if c not in payload["missing"]}
    assert len(got) >= 10
    assert all(a[4]["type"] in ("Polygon", "MultiPolygon") for a in payload["areas"])
    classes = [a[3] for a in sorted(payload["areas"], key=lambda a: a[2])]
    assert classes == sorted(classes)  # more events, never a lighter class
    assert set(payload["colors"]) <= set(SHADE_COLORS)
    assert "dmShade" in html and "Events per country" in html
    assert "markerClusterGroup(" not in html  # the places' layer is not drawn
    points = build_map(table, tiles=False).get_root().render()
    assert "dmShade" not in points and "markerClusterGroup(" in points


def test_country_names_are_escaped_in_the_shaded_view():
    from geo.explore.shade import shade_payload

    countries = pd.DataFrame({"country_code": ["PE", "XX"], "events": [3, 2]})
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    payload = shade_payload(countries, {"PE": square}, {"PE": "<b>Pérou</b> l'état"})
    assert payload["areas"][0][1] == "&lt;b&gt;Pérou&lt;/b&gt; l&#x27;état"
    assert payload["missing"] == ["XX"]
