"""The shaded view in headless Chromium (issue 11): ``shade=countries`` draws each country of
the filtered events filled by its number of events, a hover names it with its count, the
toggle goes back to the points and the URL follows; an unknown value gives a notice."""

from __future__ import annotations

import pytest
from test_dashboard_browser import TIMEOUT, Page

from geo.explore.filters import Filters
from geo.explore.store import EventStore
from geo.table.formats import read_events

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def app(chromium, dashboard_url):
    page = Page(chromium, dashboard_url)
    yield page
    page.close()


def _map_frame(app: Page):
    return next(f for f in app.page.frames if "st_folium" in f.url)


def test_countries_shaded_by_events_and_back_to_the_points(app, dashboard_events_csv,
                                                           screenshot_dir):  # fmt: skip
    countries = EventStore.from_frame(read_events(dashboard_events_csv)).country_summary(
        Filters(types=("border_control", "migration"))
    )
    app.page.goto(f"{app.base}/?shade=countries&type=border_control,migration&basemap=plain")
    app.page.wait_for_selector("iframe[title*='st_folium']", timeout=TIMEOUT)
    frame = _map_frame(app)
    frame.wait_for_function("window.__deploymapShade !== undefined", timeout=TIMEOUT)
    shade = frame.evaluate(
        "({areas: window.__deploymapShade.data.areas.map(a => [a[0], a[2]]),"
        " paths: document.querySelectorAll('.leaflet-dmShade-pane path').length,"
        " legend: document.querySelector('.dm-shade-legend').innerText,"
        " types: getComputedStyle(document.querySelector('.dm-legend-box')).display})"
    )
    want = dict(zip(countries["country_code"], countries["events"], strict=True))
    got = dict(shade["areas"])
    assert got and all(want[c] == n for c, n in got.items())
    assert shade["paths"] == len(got) and shade["legend"].startswith("Events per country")
    assert shade["types"] == "none"  # the type legend is for the points
    # a real hover on the country with most events names it with its count
    top = max(got, key=got.get)
    lat, lon = frame.evaluate(
        "iso => { const l = []; map_div.eachLayer(x => { if (x.options && x.options.pane"
        " === 'dmShade' && x.getBounds) { l.push(x); } });"
        " const i = window.__deploymapShade.data.areas.findIndex(a => a[0] === iso);"
        " const c = l[i].getCenter(); return [c.lat, c.lng]; }",
        top,
    )
    x, y = app.pixel(lat, lon)
    app.page.mouse.move(x - 20, y - 20)
    app.page.mouse.move(x, y, steps=4)
    tip = frame.locator(".leaflet-tooltip >> visible=true").last
    tip.wait_for(timeout=5000)
    assert tip.inner_text().endswith(f"{got[top]} events")
    app.page.screenshot(path=screenshot_dir / "map_shaded_countries.png")
    app.page.get_by_role("radiogroup", name="Map view").get_by_text("Places").click()
    app.page.wait_for_function(
        "!new URLSearchParams(location.search).has('shade')", timeout=TIMEOUT
    )
    frame = _map_frame(app)
    frame.wait_for_function("window.__deploymap !== undefined", timeout=TIMEOUT)
    assert frame.evaluate("document.querySelectorAll('.dm-shade-legend').length") == 0
    assert frame.evaluate("getComputedStyle(document.querySelector('.dm-legend-box')).display")
    assert app.errors == []


def test_an_unknown_shade_in_the_link_gives_a_notice(app):
    app.open("?shade=%3Cb%3Ebold%3C%2Fb%3E")
    app.page.get_by_text("is not a map view").wait_for(timeout=TIMEOUT)
    assert app.page.locator("b:has-text('bold')").count() == 0
    assert app.errors == []
