"""The dashboard's panels in headless Chromium (issue 11): the per-country table filters on a
real click, the time slider answers the keyboard, the playback plays by itself, and the pages'
numbers follow. The fixtures are those of test_dashboard_browser (conftest's server)."""

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


def _params(app: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(app.page.url).query)


def _wait_param(app: Page, name: str, value: str | None) -> None:
    """Wait until the URL's *name* is *value* (None: absent)."""
    test = (
        f"!new URLSearchParams(location.search).has('{name}')"
        if value is None
        else f"new URLSearchParams(location.search).get('{name}') === '{value}'"
    )
    app.page.wait_for_function(test, timeout=TIMEOUT)


def test_a_click_on_a_country_row_filters_on_that_country(app, table, screenshot_dir):
    app.open()
    grid = app.page.locator("[data-testid='stDataFrame']").nth(1)  # events, then countries
    grid.scroll_into_view_if_needed()
    app.page.get_by_text(re.compile(r"Select rows to filter")).wait_for(timeout=TIMEOUT)
    box = app.settled_box(grid)
    # the first row (most events) holds its row-selection checkbox at the left edge
    app.page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)
    app.page.wait_for_function(
        "new URLSearchParams(location.search).has('country')", timeout=TIMEOUT
    )
    code = _params(app)["country"][0]
    expected = reference_rows(table, Filters(countries=(code,)))
    n = len(expected.drop_duplicates("event_key"))
    app.page.wait_for_function(
        f"document.body.innerText.includes('{n:,} of {len(table):,} events match')",
        timeout=TIMEOUT,
    )
    sidebar = app.page.locator("[data-testid='stSidebar']")
    assert f"({code})" in sidebar.inner_text()
    app.page.screenshot(path=screenshot_dir / "dashboard_country_click.png", full_page=True)
    assert app.errors == []


def test_the_time_slider_moves_with_the_keyboard_and_filters(app, table):
    app.open("?from=2021-01-01&to=2021-12-31")
    thumb = app.page.get_by_role("slider").first
    thumb.scroll_into_view_if_needed()
    thumb.focus()
    thumb.press("ArrowRight")  # the start, one day later
    _wait_param(app, "from", "2021-01-02")
    from datetime import date

    expected = reference_rows(
        table, Filters(date_from=date(2021, 1, 2), date_to=date(2021, 12, 31))
    ).drop_duplicates("event_key")
    app.page.wait_for_function(
        f"document.body.innerText.includes('{len(expected):,} of {len(table):,} events match')",
        timeout=TIMEOUT,
    )
    assert app.errors == []


def test_playback_plays_month_after_month(app, table, screenshot_dir):
    app.open("?from=2021-01-01&to=2021-06-30")
    play = app.page.get_by_role("button", name=re.compile("Play"))
    play.scroll_into_view_if_needed()
    play.click()
    _wait_param(app, "month", "2021-01")
    _wait_param(app, "month", "2021-02")  # by itself, a month every PLAY_SECONDS
    app.page.get_by_text(re.compile(r"Playback: .*2021")).first.wait_for(timeout=TIMEOUT)
    app.page.get_by_role("button", name=re.compile("Pause")).click()
    app.page.get_by_role("button", name=re.compile("Play")).wait_for(timeout=TIMEOUT)
    month = _params(app)["month"][0]
    app.page.wait_for_timeout(3500)
    assert _params(app)["month"][0] == month  # paused: it stays
    app.page.screenshot(path=screenshot_dir / "dashboard_playback.png", full_page=True)
    app.page.get_by_role("button", name="All months").click()
    _wait_param(app, "month", None)
    assert app.errors == []
