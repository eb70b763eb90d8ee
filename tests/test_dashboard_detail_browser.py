"""The event detail side panel in headless Chromium (issue 11): a real mouse click on a town
or on a cluster lists its events beside the map, the selection is in the URL and comes back
on reload, it clears cleanly, and a hostile or unknown ``place=`` gives a notice, not a crash.
The fixtures are those of test_dashboard_browser (conftest's server)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from test_dashboard_browser import TIMEOUT, Page
from test_pandas_reference import reference_rows

from geo.explore.filters import Filters
from geo.table.formats import read_events
from geo.table.search import add_search_column

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def app(chromium, dashboard_url):
    page = Page(chromium, dashboard_url)
    yield page
    page.close()


@pytest.fixture(scope="module")
def table(dashboard_events_csv):
    return add_search_column(read_events(dashboard_events_csv))


def _selected(app: Page) -> list[str]:
    value = parse_qs(urlsplit(app.page.url).query).get("place", [""])[0]
    return [v for v in value.split(",") if v]


def _events_at(table, locations) -> int:
    rows = reference_rows(table, Filters())
    return rows[rows["location_id"].isin(list(locations))]["event_key"].nunique()


def _panel(app: Page):
    panel = app.page.locator(".dm-detail")
    panel.wait_for(timeout=TIMEOUT)
    return panel


def _wait_panel(app: Page, heading: str) -> None:
    app.page.wait_for_function(
        "h => { const e = document.querySelector('.dm-detail .dm-d-head');"
        " return e && e.innerText === h; }",
        arg=heading,
        timeout=TIMEOUT,
    )


def test_a_real_click_on_a_town_lists_its_events_and_a_reload_keeps_them(
    app, table, screenshot_dir
):
    app.open("?lat=-12.05&lon=-77.05&zoom=10")
    index = app.index_of("Lima")
    lat, lon = app.frame.evaluate(f"window.__deploymap.data.places[{index}].slice(0, 2)")
    app.show(lat, lon, 10)
    tooltip, title = app.real_click(lat, lon)
    assert title == "Lima"
    app.page.wait_for_function("new URLSearchParams(location.search).has('place')", timeout=TIMEOUT)
    _wait_panel(app, "Lima")
    (loc,) = _selected(app)
    rows = table[table["location_id"] == loc]
    n = _events_at(table, [loc])
    panel = _panel(app)
    assert panel.locator("li.dm-d-ev").count() == n > 2  # every event, not two in a popup
    text = panel.inner_text()
    assert f"{n} events" in text
    for title_text in rows["title"].dropna().unique():
        assert " ".join(title_text.split()) in text
    marks = panel.locator("mark").all_inner_texts()
    assert marks and all(m.casefold() == "lima" for m in marks), marks
    hrefs = panel.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert panel.locator("script, img").count() == 0
    app.page.screenshot(path=screenshot_dir / "detail_town.png")
    # the same URL in a new page: the same selection
    again = Page(app.page.context.browser, app.base)
    try:
        again.open(app.settle_url().removeprefix(app.base + "/"))
        _wait_panel(again, "Lima")
        assert _panel(again).locator("li.dm-d-ev").count() == n
        assert again.errors == []
    finally:
        again.close()
    # cleared: no place in the URL, the panel says how to select one
    app.page.get_by_role("button", name="Clear selection").click()
    app.page.wait_for_function(
        "!new URLSearchParams(location.search).has('place')", timeout=TIMEOUT
    )
    app.page.get_by_text("Click a place or a group on the map").wait_for(timeout=TIMEOUT)
    assert app.errors == [] and app.dialogs == []


def test_a_real_click_on_a_cluster_lists_the_events_of_its_places(app, table, screenshot_dir):
    app.open("?lat=-5&lon=-75&zoom=3")
    app.page.wait_for_timeout(800)
    clusters = app.frame.evaluate(
        """(() => {
          const D = window.__deploymap.data, out = [];
          map_div.eachLayer(l => {
            if (!(l instanceof L.MarkerCluster) || !l.getElement()) { return; }
            const ids = l.getAllChildMarkers().map(m => {
              const t = /\\u27e6([^\\u27e7]*)\\u27e7/.exec(D.tips[m.options.dmIndex]);
              return t[1];
            });
            out.push({ids, lat: l.getLatLng().lat, lon: l.getLatLng().lng});
          });
          return out;
        })()"""
    )
    biggest = max(clusters, key=lambda c: len(c["ids"]))
    assert len(biggest["ids"]) > 2
    x, y = app.pixel(biggest["lat"], biggest["lon"])
    app.page.mouse.move(x - 40, y - 40)
    app.page.mouse.move(x, y, steps=4)
    app.page.mouse.click(x, y)  # a real click: the map zooms in and the panel lists the group
    _wait_panel(app, f"{len(biggest['ids'])} places")
    assert sorted(_selected(app)) == sorted(biggest["ids"])
    n = _events_at(table, biggest["ids"])
    panel = _panel(app)
    assert panel.locator("li.dm-d-ev").count() == n
    assert f"{n} events" in panel.inner_text()
    app.page.screenshot(path=screenshot_dir / "detail_cluster.png")
    # the events table follows the selection too
    app.page.get_by_text(re.compile(rf"event\(s\) at {len(biggest['ids'])} places")).wait_for(
        timeout=TIMEOUT
    )
    assert app.errors == []


@pytest.mark.parametrize(
    ("value", "notice"),
    [
        ("<script>alert(1)</script>", "is not a place id"),
        ("gn:999999999", "`place=gn:999999999` is not among the filtered places"),
    ],
)
def test_a_hostile_or_unknown_place_in_the_link_gives_a_notice(app, value, notice):
    from urllib.parse import quote

    app.open(f"?place={quote(value)}")
    app.page.get_by_text("Some link parameters were ignored").wait_for(timeout=TIMEOUT)
    app.page.get_by_text(notice, exact=False).wait_for(timeout=TIMEOUT)
    app.page.get_by_text("Click a place or a group on the map").wait_for(timeout=TIMEOUT)
    app.page.wait_for_function(
        "!new URLSearchParams(location.search).has('place')", timeout=TIMEOUT
    )
    assert app.dialogs == [] and app.errors == []


def test_a_click_on_a_region_row_lists_the_regions_events(app, table, screenshot_dir):
    from geo.explore.store import EventStore

    app.open()
    caption = app.page.get_by_text("Select rows to list the regions' events")
    caption.scroll_into_view_if_needed()
    caption.wait_for(timeout=TIMEOUT)
    grid = app.page.locator("[data-testid='stDataFrame']").nth(2)  # events, countries, regions
    grid.scroll_into_view_if_needed()
    box = app.settled_box(grid)
    app.page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's checkbox
    app.page.wait_for_function("new URLSearchParams(location.search).has('place')", timeout=TIMEOUT)
    first = EventStore.from_frame(table).region_summary(Filters()).iloc[0]
    assert sorted(_selected(app)) == first["locations"]
    n = _events_at(table, first["locations"])
    assert n == first["events"]
    app.page.wait_for_function(
        "n => document.querySelectorAll('.dm-detail li.dm-d-ev').length === n",
        arg=n,
        timeout=TIMEOUT,
    )
    app.page.screenshot(path=screenshot_dir / "detail_region_row.png")
    assert app.errors == []
