"""Benchmark the map at 1k / 10k / 100k synthetic events.

Prints, per size: server time from a filter change to the map's HTML (the store's places and
popups + payload + the data layer rendered as streamlit-folium sends it), the size of that HTML/JS,
and the time until the markers are drawn in headless Chromium (standalone page with local
assets, offline). Aims at 100k: < 1 s server, < 2 s browser.

Run: ``.venv/bin/python bench/bench_map.py [sizes...]``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit_folium import _get_feature_group_string, _get_map_string  # noqa: E402

from geo.explore.assets import STREAMLIT_ASSETS, country_outlines, file_assets  # noqa: E402
from geo.explore.filters import Filters  # noqa: E402
from geo.explore.map import base_map, build_map, layer_payload, map_data, place_layer  # noqa: E402
from geo.explore.store import EventStore  # noqa: E402
from geo.synthetic.events import synthetic_events  # noqa: E402

AIM_SERVER_S = 1.0
AIM_BROWSER_S = 2.0
CHROMIUM = "/usr/bin/chromium"


def server_time(store: EventStore, filters: Filters) -> tuple[float, int, int]:
    """Seconds from a filter change to the data layer's JS as st_folium sends it; size; places."""
    start = time.perf_counter()
    payload = layer_payload(store.filter_places(filters), store.latest_per_place(filters))
    fmap = base_map(assets=STREAMLIT_ASSETS, basemap="fetch")
    fmap.get_root().render()
    _get_map_string(fmap)
    layer = place_layer(payload, assets=STREAMLIT_ASSETS)
    script = _get_feature_group_string(layer, fmap)
    return time.perf_counter() - start, len(script.encode()), len(payload["places"])


def browser_time(table, page) -> tuple[float, int]:
    """Seconds from navigation to markers drawn, on a standalone page; HTML size."""
    html = build_map(table, tiles=False, assets=file_assets(), basemap="inline")
    text = html.get_root().render()
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    start = time.perf_counter()
    page.goto(Path(path).as_uri())
    page.wait_for_function("window.__deploymap !== undefined", timeout=120_000)
    elapsed = time.perf_counter() - start
    Path(path).unlink()
    return elapsed, len(text.encode())


def main(sizes: list[int]) -> None:
    country_outlines()
    layer_payload(*map_data(synthetic_events(50)))  # warm imports and templates
    browser = page = playwright = None
    if Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route(
            "**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_()
        )
    print(f"{'events':>8} {'places':>7} {'server s':>9} {'vs aim':>7} {'layer MB':>9} "
          f"{'page MB':>8} {'browser s':>10} {'vs aim':>7}")  # fmt: skip
    for n in sizes:
        table = synthetic_events(n)
        store = EventStore.from_frame(table)
        # distinct filters each run (the store keeps its last places)
        runs = [server_time(store, f) for f in (Filters(), Filters(undated=False), Filters(q=" "))]
        server = statistics.median(r[0] for r in runs)
        size, places = runs[0][1], runs[0][2]
        if page is not None:
            draw, page_size = browser_time(table, page)
            browser_cols = f"{page_size / 1e6:8.2f} {draw:10.2f} {draw / AIM_BROWSER_S:7.2f}"
        else:
            browser_cols = f"{'-':>8} {'no chromium':>10} {'-':>7}"
        print(f"{n:8d} {places:7d} {server:9.3f} {server / AIM_SERVER_S:7.2f} "
              f"{size / 1e6:9.2f} {browser_cols}")  # fmt: skip
    print(
        f"aims: server < {AIM_SERVER_S} s, browser < {AIM_BROWSER_S} s at 100k "
        "(ratio < 1 meets the aim)"
    )
    if browser is not None:
        browser.close()
        playwright.stop()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
