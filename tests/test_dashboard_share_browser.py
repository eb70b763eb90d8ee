"""Sharing in headless Chromium (issue 11): the copy-link box holds the page's address and
copies it to the clipboard; the offline HTML export, downloaded from the page, opens from
disk with every network request refused and draws the filtered events' places."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dashboard_browser import TIMEOUT, Page
from test_pandas_reference import reference_rows

from geo.explore.export import standalone_html
from geo.explore.filters import Filters
from geo.table.formats import read_events
from geo.table.search import add_search_column

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def table(dashboard_events_csv):
    return add_search_column(read_events(dashboard_events_csv))


def _open_offline(browser, path: Path) -> dict:
    """Open *path* from disk, every non-file request aborted; what the map drew."""
    context = browser.new_context(viewport={"width": 1200, "height": 800}, offline=True)
    requested: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            requested.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.__deploymap !== undefined", timeout=TIMEOUT)
        page.wait_for_timeout(300)
        info = page.evaluate(
            "({places: window.__deploymap.places,"
            " drawn: document.querySelectorAll('.dm-mk, .dm-cluster').length,"
            " shapes: window.__deploymap.shapes,"
            " basemap: document.querySelectorAll('.leaflet-dmBasemap-pane canvas').length,"
            " caption: (document.querySelector('.dm-export-cap') || {}).innerText || ''})"
        )
        return {**info, "requested": requested, "errors": errors}
    finally:
        context.close()


def test_the_exported_file_opens_offline_and_draws_the_markers(
    chromium, table, tmp_path, screenshot_dir
):
    path = tmp_path / "map.html"
    path.write_text(standalone_html(table, caption="the test table"), encoding="utf-8")
    info = _open_offline(chromium, path)
    assert info["places"] == table["location_id"].nunique()
    assert info["drawn"] > 0 and info["shapes"] > 0 and info["basemap"] == 1
    assert info["caption"].endswith("the test table")
    assert info["requested"] == [] and info["errors"] == []


def test_copy_link_and_the_offline_map_download(chromium, dashboard_url, table, tmp_path):
    app = Page(chromium, dashboard_url, permissions=["clipboard-read", "clipboard-write"],
               accept_downloads=True)  # fmt: skip
    try:
        app.open("?type=border_control,migration&undated=0")
        app.page.locator("iframe[srcdoc*='Copy link']").wait_for(timeout=TIMEOUT)
        box = next(
            f for f in app.page.frames
            if f is not app.page.main_frame and "Copy link" in (f.content() or "")
        )  # fmt: skip
        field = box.locator("#link")
        app.page.wait_for_function(
            "new URLSearchParams(location.search).get('type') === 'border_control,migration'",
            timeout=TIMEOUT,
        )
        # the field follows the page's address (which may still gain the map view: compare
        # with the address as it is now, not as it was a moment ago)
        box.wait_for_function(
            "() => document.getElementById('link').value === window.parent.location.href",
            timeout=TIMEOUT,
        )
        app.settle_url()
        box.get_by_role("button", name="Copy link").click()
        box.get_by_text("Link copied.").wait_for(timeout=TIMEOUT)
        assert app.page.evaluate("navigator.clipboard.readText()") == app.page.url
        assert field.input_value() == app.page.url
        assert field.get_attribute("readonly") is not None
        # the map of this view as one offline file
        with app.page.expect_download(timeout=TIMEOUT) as download:
            app.page.get_by_role("button", name="Map (offline HTML)").click()
        path = tmp_path / "download.html"
        download.value.save_as(path)
        assert download.value.suggested_filename.endswith(".html")
        info = _open_offline(chromium, path)
        wanted = Filters(types=("border_control", "migration"), undated=False)
        expected = reference_rows(table, wanted)
        assert info["places"] == expected["location_id"].nunique() == app.layer_info()["places"]
        assert "type=border_control,migration" in info["caption"]
        assert info["requested"] == [] and info["errors"] == []
        assert app.errors == []
    finally:
        app.close()
