"""The finer basemap in headless Chromium (issue 11): zoomed in over the Peru-Chile border,
the map fetches the outlines of the countries in view, once each, and draws them in place of
the coarse ones; zoomed out, the coarse outlines come back."""

from __future__ import annotations

import pytest
from test_dashboard_browser import TIMEOUT, Page

from geo.explore.assets import DETAIL_ZOOM, country_outlines

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _vertices(coordinates) -> int:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return 1
    return sum(_vertices(c) for c in coordinates)


@pytest.fixture
def app(chromium, dashboard_url):
    page = Page(chromium, dashboard_url)
    yield page
    page.close()


def test_zoomed_in_the_countries_in_view_are_drawn_from_their_fine_outlines(app, screenshot_dir):
    fetched: list[str] = []
    app.page.on("request", lambda r: fetched.append(r.url) if "/basemap/detail/" in r.url else None)
    app.open(f"?lat=-18.1&lon=-70.3&zoom={DETAIL_ZOOM + 2}")
    app.frame.wait_for_function(
        "window.__deploymapBasemap && window.__deploymapBasemap.loaded.PE"
        " && window.__deploymapBasemap.loaded.CL",
        timeout=TIMEOUT,
    )
    assert app.frame.evaluate("map_div.hasLayer(window.__deploymapBasemap.detail)")
    # Peru's whole-country area now follows the fine outline too (its border lines on its edge)
    vertices = app.frame.evaluate(
        "() => { const n = a => Array.isArray(a) ? a.reduce((s, x) => s + n(x), 0) : 1;"
        " const fine = n(window.__deploymapBasemap.geoms.PE.coordinates) / 2;"
        " const areas = window.__deploymap.layers.filter(l => l.options.dmIso === 'PE')"
        "   .map(l => n(l.getLatLngs().flat(3).map(p => [p.lat, p.lng])) / 2);"
        " return [fine, areas]; }"
    )
    fine, areas = vertices  # Leaflet drops each ring's closing point: a few fewer
    coarse = _vertices(country_outlines()["PE"]["coordinates"])
    assert coarse < fine / 4 and areas and all(0.99 * fine <= a <= fine for a in areas), vertices
    app.page.wait_for_timeout(500)
    app.page.screenshot(path=screenshot_dir / "basemap_detail.png")
    names = sorted(url.rsplit("/", 1)[-1] for url in fetched)
    assert "index.json" in names and "PE.geojson" in names and "CL.geojson" in names
    assert "US.geojson" not in names and "MX.geojson" not in names  # only what is in view
    app.show(-18.2, -70.1, DETAIL_ZOOM + 3)  # moving inside the same countries: no refetch
    assert sorted(url.rsplit("/", 1)[-1] for url in fetched) == names
    app.show(-15.0, -70.0, DETAIL_ZOOM - 3)
    assert not app.frame.evaluate("map_div.hasLayer(window.__deploymapBasemap.detail)")
    assert app.errors == []
