"""Shared borders from Natural Earth polygons, direction words, geodesic lengths."""

from __future__ import annotations

import pytest
from shapely import wkt
from shapely.geometry import Point, Polygon

from geo.exc import GazetteerError
from geo.gazetteer.borders import (
    angle_diff,
    bearing_deg,
    direction_from_tokens,
    direction_key,
    haversine_km,
    line_length_km,
    point_on_line,
    shared_border,
)
from geo.gazetteer.index import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_shared_border_of_two_squares():
    a = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    b = Polygon([(1, 0), (2, 0), (2, 1), (1, 1)])
    c = Polygon([(5, 5), (6, 5), (6, 6), (5, 6)])
    line = shared_border(a, b)
    assert line is not None and line.geom_type == "LineString"
    assert line.length == pytest.approx(1.0)
    assert shared_border(a, c) is None
    d = Polygon([(1, 1), (2, 1), (2, 2), (1, 2)])  # touches a at one corner only
    assert shared_border(a, d) is None
    lat, lon = point_on_line(line)
    assert lon == pytest.approx(1.0) and lat == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("a", "b", "km", "tol"),
    [("US", "MX", 2640, 0.05), ("PE", "CL", 162, 0.1), ("PE", "EC", 1500, 0.2)],
)
def test_border_lengths(gaz, a, b, km, tol):
    place = gaz.border(a, b)
    line = wkt.loads(place.geometry_wkt)
    assert line.geom_type in ("LineString", "MultiLineString")
    assert line_length_km(line) == pytest.approx(km, rel=tol)
    assert gaz.border_info(a, b)["length_km"] == pytest.approx(km, rel=tol)


def test_border_place_fields(gaz):
    p = gaz.border("PE", "CL")
    assert p.feature == "border" and p.source == "naturalearth"
    assert p.location_id == "border:CL-PE"
    assert p.country_code == "PE" and p.geonameid is None
    assert p.name == "Peru–Chile border"
    line = wkt.loads(p.geometry_wkt)
    # The point is ON the line (up to the 5-decimal rounding of the stored WKT).
    assert line.distance(Point(p.longitude, p.latitude)) < 1e-4
    assert -18.5 < p.latitude < -17.2
    q = gaz.border("CL", "PE")
    assert q.location_id == p.location_id and q.country_code == "CL"
    assert gaz.border("pe", "cl") is gaz.border("PE", "CL")  # cached


def test_us_mexico_point_is_on_the_border(gaz):
    p = gaz.border("US", "MX")
    assert p.location_id == "border:MX-US"
    assert 25 < p.latitude < 33 and -118 < p.longitude < -97


def test_no_shared_border(gaz):
    with pytest.raises(GazetteerError):
        gaz.border("PE", "US")
    with pytest.raises(GazetteerError):
        gaz.border("PE", "ZZ")


def test_neighbours(gaz):
    assert set(gaz.neighbours("PE")) == {"EC", "CO", "BR", "BO", "CL"}
    assert set(gaz.neighbours("US")) == {"CA", "MX"}
    assert gaz.neighbours("MX")[0] == "US"  # longest border first
    assert set(gaz.neighbours("MX")) == {"US", "GT", "BZ"}
    assert gaz.neighbours("CU") == []
    assert gaz.neighbours("zz") == []


# Bearings are taken from the country's label point to the centroid of each shared border: a
# rough compass, so where two neighbours lie on the same side either may be returned.
@pytest.mark.parametrize(
    ("home", "bearing", "others"),
    [("US", 225.0, "MX"), ("US", 180.0, "MX"), ("US", 0.0, "CA"), ("PE", 180.0, "CL"),
     ("PE", 0.0, "EC CO"), ("PE", 90.0, "BR BO"), ("PE", 135.0, "BO CL"), ("MX", 0.0, "US"),
     ("MX", 135.0, "GT BZ")],
)  # fmt: skip
def test_border_in_direction(gaz, home, bearing, others):
    place = gaz.border_in_direction(home, bearing)
    assert place is not None
    expected = {"border:" + "-".join(sorted((home, o))) for o in others.split()}
    assert place.location_id in expected


def test_border_in_direction_none_when_nothing_there(gaz):
    assert gaz.border_in_direction("CU", 0.0) is None


@pytest.mark.parametrize(
    ("tokens", "bearing"),
    [
        (["frontiere", "sud", "ouest"], 225.0),
        (["frontiere", "sud"], 180.0),
        (["frontera", "norte"], 0.0),
        (["southern", "border"], 180.0),
        (["south", "west", "border"], 225.0),
        (["frontera", "noroeste"], 315.0),
        (["frontiere", "orientale"], 90.0),
        (["frontiere"], None),
    ],
)
def test_direction_words(tokens, bearing):
    assert direction_from_tokens(tokens)[0] == bearing


def test_direction_key():
    assert direction_key("sud-ouest") == 225.0
    assert direction_key("Nord-Est") == 45.0
    assert direction_key("Lima") is None


def test_geometry_helpers():
    assert bearing_deg(0, 0, 1, 0) == pytest.approx(0.0, abs=1e-6)
    assert bearing_deg(0, 0, 0, 1) == pytest.approx(90.0, abs=1e-6)
    assert bearing_deg(0, 0, -1, 0) == pytest.approx(180.0, abs=1e-6)
    assert angle_diff(350, 10) == 20 and angle_diff(90, 270) == 180
    # Lima -> Tacna is about 990 km.
    assert haversine_km(-12.05, -77.04, -18.01, -70.25) == pytest.approx(990, rel=0.03)


def test_line_parts_reads_lines_and_multilines_and_refuses_the_rest():
    from geo.gazetteer.borders import line_parts

    assert line_parts("LINESTRING (-70 -18, -69.5 -17.5)") == (((-18.0, -70.0), (-17.5, -69.5)),)
    multi = line_parts("MULTILINESTRING ((0 1, 2 3), (4 5, 6 7))")
    assert multi == (((1.0, 0.0), (3.0, 2.0)), ((5.0, 4.0), (7.0, 6.0)))
    assert line_parts("") == () and line_parts("LINESTRING (oops") == ()
    assert line_parts("POINT (1 2)") == ()  # a point is no line
