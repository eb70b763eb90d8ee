"""The real dashboard in headless Chromium: offline assets, markers, filters, shared links.

External hosts are aborted (this machine is offline anyway): Leaflet must come from the app's
static folder. Only failed *tile* requests may log errors; every other console error fails.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from test_pandas_reference import reference_rows

from geo.explore.filters import Filters, filters_from_query_params
from geo.table.formats import read_events
from geo.table.search import add_search_column

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TILE_HOSTS = ("tile.openstreetmap.org",)
TIMEOUT = 60_000


class Page:
    """A browser page on the dashboard that records console errors and dialogs."""

    def __init__(self, browser, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1440, "height": 1100})
        self.base = base
        self.errors: list[str] = []
        self.tile_errors = 0
        self.dialogs: list[str] = []
        self.aborted: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base):
            route.continue_()
        else:
            self.aborted.append(url)
            route.abort()

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        # Tiles cannot load offline: the only errors allowed, matched on their host.
        if msg.text.startswith("Failed to load resource") and any(h in where for h in TILE_HOSTS):
            self.tile_errors += 1
            return
        self.errors.append(f"{msg.text} @ {where}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.base}/{query}")
        self.page.wait_for_selector("iframe[title*='st_folium'], iframe[src*='st_folium']",
                                    timeout=TIMEOUT)  # fmt: skip
        self.wait_drawn()

    @property
    def frame(self):
        for frame in self.page.frames:
            if "st_folium" in frame.url:
                return frame
        raise AssertionError("no map frame")

    def wait_drawn(self) -> dict:
        self.frame.wait_for_function("window.__deploymap !== undefined", timeout=TIMEOUT)
        return self.layer_info()

    def layer_info(self) -> dict:
        return self.frame.evaluate(
            "({places: window.__deploymap.places, points: window.__deploymap.points,"
            " shapes: window.__deploymap.shapes,"
            " canvases: document.querySelectorAll('.leaflet-overlay-pane canvas').length,"
            " paths: document.querySelectorAll('.leaflet-overlay-pane svg path').length,"
            " lines: window.__deploymap.layers.filter(l => l instanceof L.Polyline"
            "   && !(l instanceof L.Polygon)).length,"
            " clusters: document.querySelectorAll('.marker-cluster').length,"
            " basemap: document.querySelectorAll('.leaflet-dmBasemap-pane canvas').length,"
            " zoom: map_div.getZoom(), lat: map_div.getCenter().lat,"
            " lon: map_div.getCenter().lng})"
        )

    def match_count(self) -> int:
        text = self.page.get_by_text(re.compile(r"events match")).first.inner_text()
        return int(text.split(" of ")[0].replace(",", "").strip())

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def app(chromium, dashboard_url):
    page = Page(chromium, dashboard_url)
    yield page
    page.close()


@pytest.fixture(scope="module")
def table(dashboard_events_csv):
    return add_search_column(read_events(dashboard_events_csv))


def test_map_draws_offline_and_a_filter_changes_the_count(app, table, screenshot_dir):
    app.open()
    info = app.layer_info()
    places = table["location_id"].nunique()
    assert info["places"] == places
    assert info["points"] > 0 and info["shapes"] > 0
    assert info["lines"] >= 2  # US-MX, PE-CL (and CO-VE) drawn as lines
    assert info["paths"] >= info["shapes"]  # regions, countries, borders drawn (SVG)
    assert info["clusters"] + info["canvases"] >= 1  # points: cluster icons or canvas markers
    app.frame.wait_for_function(
        "document.querySelectorAll('.leaflet-dmBasemap-pane canvas').length > 0", timeout=TIMEOUT
    )  # the shipped country polygons, drawn with no tile server
    # Leaflet came from the app's static folder, not a CDN.
    assert not [u for u in app.aborted if "leaflet" in u or "jquery" in u or "bootstrap" in u]
    assert app.match_count() == len(table)
    app.page.wait_for_timeout(1500)  # let the view settle, then record it in the URL
    params = parse_qs(urlsplit(app.page.url).query)
    assert {"lat", "lon", "zoom"} <= set(params)
    app.page.screenshot(path=screenshot_dir / "dashboard_full.png", full_page=True)

    box = app.page.get_by_label("Search place, actor, evidence")
    box.fill("Tacna")
    box.press("Enter")
    expected = len(reference_rows(table, Filters(q="Tacna")))
    app.page.wait_for_function(
        f"document.body.innerText.includes('{expected:,} of {len(table):,} events match')",
        timeout=TIMEOUT,
    )
    app.frame.wait_for_function(
        f"window.__deploymap.places < {places}", timeout=TIMEOUT
    )  # the data layer was replaced, not the whole map
    assert parse_qs(urlsplit(app.page.url).query)["q"] == ["Tacna"]
    app.page.screenshot(path=screenshot_dir / "dashboard_filtered.png", full_page=True)
    assert app.errors == []
    assert app.dialogs == []


def test_shared_url_reopens_the_same_view(app, table, screenshot_dir):
    query = (
        "?type=border_control,troop_deployment&country=PE,MX&undated=0"
        "&lat=-14.5&lon=-74&zoom=5&basemap=plain"  # no tile layer at all
    )
    app.open(query)
    app.page.wait_for_timeout(1500)
    info = app.layer_info()
    assert info["zoom"] == 5
    assert abs(info["lat"] - -14.5) < 0.05 and abs(info["lon"] - -74) < 0.05
    params = {k: v[0] for k, v in parse_qs(urlsplit(app.page.url).query).items()}
    wanted, notices = filters_from_query_params(params)
    assert notices == []
    assert wanted.types == ("troop_deployment", "border_control")
    assert wanted.countries == ("PE", "MX") and wanted.undated is False
    expected = reference_rows(table, wanted)
    assert app.match_count() == len(expected)
    assert info["places"] == expected["location_id"].nunique()
    app.page.screenshot(path=screenshot_dir / "dashboard_shared_link.png", full_page=True)

    # Same link in a fresh browser context: the same view again.
    second = Page(app.context.browser, app.base)
    try:
        second.open(query)
        second.page.wait_for_timeout(1500)
        again = second.layer_info()
        assert (again["zoom"], again["places"]) == (5, info["places"])
        assert abs(again["lat"] - info["lat"]) < 0.05 and abs(again["lon"] - info["lon"]) < 0.05
        assert second.match_count() == len(expected)
        assert second.errors == []
    finally:
        second.close()
    assert app.errors == []


def test_invalid_link_shows_a_notice_not_a_crash(app, table):
    app.open("?type=tanks&from=2024-13-45&zoom=99&min_force=-3")
    assert "ignored" in app.page.locator("[data-testid='stAlert']").first.inner_text()
    # the values themselves are plain text beside the alert (never markdown)
    texts = app.page.locator("[data-testid='stText']").all_inner_texts()
    assert any("tanks" in t for t in texts), texts
    assert app.match_count() == len(table)
    assert app.errors == []


def test_hostile_text_stays_text_and_a_click_selects_the_place(app, table, screenshot_dir):
    app.open("?q=alert")  # only the rows carrying <script>, onerror= and `${alert(1)}`
    index = app.frame.evaluate(
        "window.__deploymap.data.pops.findIndex(h => h.includes('&lt;script&gt;'))"
    )
    assert index >= 0
    # Click the place as Leaflet would (propagating through its groups).
    app.frame.evaluate(
        f"""(() => {{
          const layer = window.__deploymap.layers[{index}];
          const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
          map_div.setView(at, 9);
          layer.fire('click', {{latlng: at, sourceTarget: layer}}, true);
        }})()"""
    )
    popup = app.frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=TIMEOUT)
    text = popup.inner_text()
    assert "<script>alert('xss')</script>" in text
    assert popup.locator("script, img, b:has-text('bold')").count() == 0
    hrefs = popup.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    # The click selected the place: the table now lists only its events.
    app.page.get_by_text(re.compile(r"Showing the \d+ event\(s\) at ")).wait_for(timeout=TIMEOUT)
    app.page.wait_for_timeout(500)
    app.page.screenshot(path=screenshot_dir / "dashboard_popup_selected.png", full_page=True)
    assert app.dialogs == []
    assert app.errors == []


def test_dataset_folder_draws_markers_on_the_duckdb_path(
    chromium, dashboard_dataset_url, table, screenshot_dir
):
    page = Page(chromium, dashboard_dataset_url)
    try:
        page.open("?type=border_control,troop_deployment,foreign_troops")
        page.page.get_by_text("queried on disk with DuckDB").wait_for(timeout=TIMEOUT)
        info = page.layer_info()
        wanted = Filters(types=("troop_deployment", "border_control", "foreign_troops"))
        expected = reference_rows(table, wanted)
        assert info["places"] == expected["location_id"].nunique() > 0
        assert info["points"] > 0
        assert info["clusters"] + info["canvases"] >= 1  # markers drawn
        assert page.match_count() == len(expected)
        pops = page.frame.evaluate("window.__deploymap.data.pops")
        assert all('class="dm-ev"' in p for p in pops)  # each popup lists its latest events
        page.page.screenshot(path=screenshot_dir / "dashboard_dataset.png", full_page=True)
        assert page.errors == []
        assert page.dialogs == []
    finally:
        page.close()
