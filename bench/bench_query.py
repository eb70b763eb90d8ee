"""Dashboard query latency at 100k, 1M and 5M events: pandas vs DuckDB over Parquet.

Run: .venv/bin/python bench/bench_query.py [--sizes 100000,1000000,5000000] [--pandas-max N]
For each size, writes a month-partitioned Parquet dataset of synthetic events
(``synthetic_events`` at 100k, repeated with shifted ids beyond), then, each back
end in its own process: the time to open the table, the latency of a filter change (map data
per place + count + first page of the table; median and worst of several filter sets) and the
peak resident memory of that process; then the whole dashboard filter change (numbers, type
counts, timeline, popups and a 5,000-row page besides). Aim (issue 5): < 1 s to map data at
1M, < 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASE = 100_000
CHUNK = 1_000_000


def _filters():
    from geo.explore.filters import Filters

    return [
        Filters(types=("troop_deployment", "border_control")),
        Filters(date_from=date(2021, 1, 1), date_to=date(2022, 12, 31), undated=False),
        Filters(countries=("PE", "MX"), min_force=100),
        Filters(q="frontiere"),
        Filters(actors=("US Army",), types=("foreign_troops", "troop_deployment")),
        Filters(),
    ]


def make_dataset(root: Path, n: int) -> None:
    """Write *n* synthetic events under *root* as ``month=*/part-<chunk>.parquet``."""
    import pandas as pd

    from geo.explore.filters import add_search_column
    from geo.synthetic.events import synthetic_events
    from geo.table.dataset import month_of

    # as EventDataset writes them: schema columns + the folded search text
    base = add_search_column(synthetic_events(min(n, BASE), seed=0))
    written, chunk_no = 0, 0
    while written < n:
        frames = []
        size = 0
        while size < CHUNK and written + size < n:
            rep = (written + size) // BASE
            take = min(BASE, n - written - size)
            part = base.iloc[:take].copy()
            if rep:
                for col in ("event_id", "event_key", "article_id"):
                    part[col] = part[col] + f"~{rep}"
            frames.append(part)
            size += take
        chunk = pd.concat(frames, ignore_index=True)
        for month, group in chunk.groupby(month_of(chunk)):
            folder = root / f"month={month}"
            folder.mkdir(parents=True, exist_ok=True)
            group.to_parquet(folder / f"part-{chunk_no:04d}.parquet", index=False)
        written += size
        chunk_no += 1


def _peak_mib() -> float:
    """Peak resident memory of this process image, MiB (VmHWM; ru_maxrss would count the
    parent's memory at fork time)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dashboard_change(store, filters) -> float:
    """Seconds for what the dashboard asks on a filter change (``dashboard.py``, uncached):
    places, headline numbers, type counts, timeline, popups + map payload, a 5,000-row page."""
    from geo.explore.map import layer_payload

    t0 = time.perf_counter()
    places = store.filter_places(filters)
    store.headline(filters)
    store.type_counts(filters)
    store.monthly(filters)
    layer_payload(store.latest_per_place(filters), places=places)
    store.page(filters, 0, 5000)
    return time.perf_counter() - t0


def run_backend(path: str, backend: str) -> dict:
    """Open *path* with *backend*, time filter changes; runs in a fresh process."""
    from geo.explore.store import EventStore

    t0 = time.perf_counter()
    store = EventStore.open(path, backend=backend)
    opened = time.perf_counter() - t0
    store.filter_places(_filters()[-1])  # first query (file metadata, caches)
    latencies, maps = [], []
    for filters in _filters():
        t0 = time.perf_counter()
        places = store.filter_places(filters)
        maps.append(time.perf_counter() - t0)
        store.count(filters)
        store.page(filters, 0, 50)
        latencies.append(time.perf_counter() - t0)
        assert len(places) > 0
    dash = [dashboard_change(store, filters) for filters in _filters()]
    peak = _peak_mib()
    return {
        "dash_median": statistics.median(dash),
        "dash_max": max(dash),
        "open": opened,
        "map_median": statistics.median(maps),
        "map_max": max(maps),
        "change_median": statistics.median(latencies),
        "change_max": max(latencies),
        "peak_mib": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,5000000")
    parser.add_argument("--pandas-max", type=int, default=1_000_000,
                        help="largest size the pandas back end is run at (memory)")  # fmt: skip
    parser.add_argument("--run", nargs=2, metavar=("PATH", "BACKEND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_backend(*args.run)))
        return

    import os

    print(f"machine: {os.cpu_count()} cpus; filters per run: {len(_filters())}")
    header = (
        f"{'events':>9} {'backend':>7} {'disk MB':>8} {'open s':>7} {'map med s':>9} "
        f"{'map max s':>9} {'change med':>10} {'change max':>10} {'peak MiB':>8}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            root = Path(tmp) / f"events-{n}.parquet"
            make_dataset(root, n)
            disk = sum(f.stat().st_size for f in root.rglob("*.parquet")) / 1e6
            results = {}
            for backend in ("pandas", "duckdb"):
                if backend == "pandas" and n > args.pandas_max:
                    print(f"{n:>9} {backend:>7} {disk:>8.0f}  skipped (above --pandas-max)")
                    continue
                out = subprocess.run(
                    [sys.executable, __file__, "--run", str(root), backend],
                    check=True, capture_output=True, text=True,
                )  # fmt: skip
                r = results[backend] = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"{n:>9} {backend:>7} {disk:>8.0f} {r['open']:>7.2f} "
                      f"{r['map_median']:>9.3f} {r['map_max']:>9.3f} {r['change_median']:>10.3f} "
                      f"{r['change_max']:>10.3f} {r['peak_mib']:>8.0f}")  # fmt: skip
                print(f"{'':>9} {backend:>7} dashboard filter change (map, numbers, timeline, "
                      f"popups, 5,000-row page): median {r['dash_median']:.3f} s, "
                      f"max {r['dash_max']:.3f} s")  # fmt: skip
            if len(results) == 2:
                p, d = results["pandas"], results["duckdb"]
                print(f"{n:>9}   ratio pandas/duckdb: filter change "
                      f"{p['change_median'] / d['change_median']:.1f}x, "
                      f"memory {p['peak_mib'] / d['peak_mib']:.1f}x, "
                      f"open {p['open'] / max(d['open'], 1e-6):.0f}x")  # fmt: skip


if __name__ == "__main__":
    main()
