"""The shipped basemap at two levels (issue 11): coarse outlines from zoom 0, and finer
outlines of the Americas' countries from DETAIL_ZOOM, on which the gazetteer's border lines
lie instead of kilometres off."""

from __future__ import annotations

import json

import pytest
from shapely import wkt
from shapely.geometry import shape

from geo.explore.assets import (
    DETAIL_DIR,
    DETAIL_ZOOM,
    STREAMLIT_ASSETS,
    build_detail_basemap,
    load_basemap,
)
from geo.explore.map import base_map
from geo.gazetteer.index import load_gazetteer

KM_PER_DEGREE = 111.0


def _detail(iso: str):
    data = json.loads((DETAIL_DIR / f"{iso}.geojson").read_text(encoding="utf-8"))
    [feature] = data["features"]
    assert feature["properties"]["iso"] == iso
    return shape(feature["geometry"])


def _coarse(iso: str):
    [feature] = [f for f in load_basemap()["features"] if f["properties"]["iso"] == iso]
    return shape(feature["geometry"])


def test_the_index_lists_the_americas_with_the_bounds_of_each_file():
    index = json.loads((DETAIL_DIR / "index.json").read_text(encoding="utf-8"))
    assert {"PE", "CL", "BO", "EC", "CO", "VE", "BR", "AR", "MX", "US", "GT", "HT"} <= set(index)
    assert not {"DE", "RU", "CN", "IN"} & set(index)  # elsewhere the coarse outline stays
    for iso in ("PE", "MX", "CL"):
        south, west, north, east = index[iso]
        w, s, e, n = _detail(iso).bounds
        assert (south, west, north, east) == pytest.approx((s, w, n, e), abs=0.001)


@pytest.mark.parametrize(("a", "b"), [("PE", "CL"), ("MX", "US"), ("CO", "VE")])
def test_a_border_line_lies_on_the_fine_outline_and_off_the_coarse_one(a, b):
    line = wkt.loads(load_gazetteer().border(a, b).geometry_wkt)
    points = [line.interpolate(f, normalized=True) for f in (i / 40 for i in range(41))]

    def worst_km(outline) -> float:
        return max(outline.boundary.distance(p) for p in points) * KM_PER_DEGREE

    assert worst_km(_detail(a)) < 0.5 and worst_km(_detail(b)) < 0.5
    assert worst_km(_coarse(a)) > 1.0  # what the map drew at zoom 8-10 before


def test_the_shipped_files_are_what_the_builder_writes(tmp_path):
    folder = build_detail_basemap(tmp_path / "detail", bbox=(-19.0, -72.0, -17.0, -69.0))
    assert {"PE", "CL"} <= set(json.loads((folder / "index.json").read_text(encoding="utf-8")))
    for iso in ("PE", "CL"):
        assert (folder / f"{iso}.geojson").read_bytes() == (
            DETAIL_DIR / f"{iso}.geojson"
        ).read_bytes()


def test_the_served_map_fetches_the_fine_outlines_from_the_detail_zoom():
    html = base_map(assets=STREAMLIT_ASSETS, basemap="fetch").get_root().render()
    assert '"../../app/static/basemap/detail"' in html
    assert f"detailZoom = {DETAIL_ZOOM}" in html
