"""Issue 11's new panels at the bundled table and at 100k events: time and size.

Run: .venv/bin/python bench/bench_share.py [--sizes 100000]

* ``detail``: a click on the place with most events -> its rows (the dashboard's page of
  5,000) -> the side panel's HTML (:func:`geo.explore.detail.detail_html`); and the same
  for a cluster of the 100 places with most events;
* ``regions``: :meth:`EventStore.region_summary` (the per-region table);
* ``shade``: :func:`geo.explore.shade.shade_payload` over the per-country counts;
* ``export``: :func:`geo.explore.export.standalone_html_from_payload` (time and file size).

Each figure is the median of 3 runs, after one warm-up run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _time(fn, runs: int = 3) -> tuple[float, object]:
    out = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def bench(name: str, table) -> None:
    from geo.explore.assets import country_names, country_outlines
    from geo.explore.detail import DETAIL_EVENTS, detail_html
    from geo.explore.export import standalone_html_from_payload
    from geo.explore.filters import Filters
    from geo.explore.map import layer_payload
    from geo.explore.shade import shade_payload
    from geo.explore.store import EventStore

    store = EventStore.from_frame(table)
    f = Filters()
    places = store.filter_places(f)

    def detail(n: int) -> str:
        chosen = places.head(n)
        rows = store.page(f, 0, 5000, location=tuple(chosen["location_id"]))
        return detail_html(chosen, rows.head(DETAIL_EVENTS * 4))

    one, html1 = _time(lambda: detail(1))
    group, html100 = _time(lambda: detail(100))
    regions, _ = _time(lambda: store.region_summary(f))
    countries = store.country_summary(f)
    shade, _ = _time(lambda: shade_payload(countries, country_outlines(), country_names()))
    payload = layer_payload(places, store.latest_per_place(f))
    export, page = _time(lambda: standalone_html_from_payload(payload), runs=1)
    print(
        f"{name:>12}: detail 1 place {one * 1000:.0f} ms ({len(html1) / 1024:.0f} KiB), "
        f"100 places {group * 1000:.0f} ms; regions {regions * 1000:.0f} ms; "
        f"shade {shade * 1000:.0f} ms; export {export:.2f} s, {len(page) / 2**20:.1f} MiB "
        f"({len(places):,} places)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000")
    args = parser.parse_args()
    from geo.synthetic.events import synthetic_events
    from geo.table.formats import read_events

    bundled = ROOT / "data" / "events.csv"
    if bundled.exists():
        bench("bundled", read_events(bundled))
    for size in (int(s) for s in args.sizes.split(",") if s):
        bench(f"{size:,}", synthetic_events(size, seed=7))


if __name__ == "__main__":
    main()
