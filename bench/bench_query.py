"""A dashboard filter change at 1k, 100k and 1M events: the one engine against the old paths.

Run: .venv/bin/python bench/bench_query.py [--sizes 1000,100000,1000000] [--old /tmp/old]

``--old`` is a checkout of f535129, before the reorganisation (``git worktree add /tmp/old
f535129``). For each size, synthetic events (``synthetic_events`` at up to 100k, repeated with
shifted ids beyond) are written once as a Parquet file and a month-partitioned dataset; then,
each in its own process (peak memory is per process):

* ``old pandas``: the old dashboard's in-memory path (geo.filters over the whole frame);
* ``new memory``: :class:`geo.explore.store.EventStore` over the frame (DuckDB on Arrow);
* ``old disk`` / ``new disk``: the DuckDB store over the Parquet dataset (old geo.query, new
  geo.explore.store), at the largest size only.

Per filter set (6 of them, median and max): ``map`` is filter -> map payload (places, popups,
layer JSON); ``change`` is everything a filter change asks (map payload + count + a 5,000-row
page + headline + type counts + timeline). Ratios old/new > 1 mean the new code is faster.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = 100_000
CHUNK = 1_000_000
PAGE = 5000


def _filters(Filters):  # noqa: N803 - the old or the new class
    return [
        Filters(types=("troop_deployment", "border_control")),
        Filters(date_from=date(2021, 1, 1), date_to=date(2022, 12, 31), undated=False),
        Filters(countries=("PE", "MX"), min_force=100),
        Filters(q="frontiere"),
        Filters(actors=("US Army",), types=("foreign_troops", "troop_deployment")),
        Filters(),
    ]


def make_tables(root: Path, n: int) -> tuple[Path, Path]:
    """*n* synthetic events as ``events.parquet`` (one file) and ``dataset/`` (by month)."""
    import pandas as pd

    from geo.synthetic.events import synthetic_events
    from geo.table.dataset import month_of
    from geo.table.search import add_search_column

    base = synthetic_events(min(n, BASE), seed=0)
    parts = []
    for rep in range((n + BASE - 1) // BASE):
        part = base.iloc[: min(BASE, n - rep * BASE)].copy()
        if rep:
            for col in ("event_id", "event_key", "article_id"):
                part[col] = part[col] + f"~{rep}"
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    single = root / "events.parquet"
    table.to_parquet(single, index=False)
    dataset = root / "dataset"
    # as EventDataset writes them: schema columns + the folded search text
    searchable = add_search_column(table)
    for start in range(0, n, CHUNK):
        chunk = searchable.iloc[start : start + CHUNK]
        for month, group in chunk.groupby(month_of(chunk)):
            folder = dataset / f"month={month}"
            folder.mkdir(parents=True, exist_ok=True)
            group.to_parquet(folder / f"part-{start // CHUNK:04d}.parquet", index=False)
    return single, dataset


def _peak_mib() -> float:
    """Peak resident memory of this process, MiB (VmHWM)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- one process per variant


def _old_pandas(path: str):
    """The old dashboard's in-memory path (f535129 dashboard.py, pandas branch)."""
    import pandas as pd

    from geo import filters as flt
    from geo.mapping import layer_payload

    table = flt.add_search_column(pd.read_parquet(path))

    def map_data(f):
        events = flt.apply_filters(table, f)
        places = flt.aggregate_places(events)
        return events, layer_payload(events, places=places)

    def change(f):
        events, payload = map_data(f)
        numbers = {**flt.headline(events), "rows": len(events),
                   "undated": int(events["date_start"].isna().sum())}  # fmt: skip
        flt.type_counts(events)
        flt.monthly_timeline(events)
        events.sort_values("date_start", ascending=False, na_position="last").head(PAGE)
        return numbers

    return flt.Filters, (lambda f: map_data(f)[1]), change


def _store_calls(store, layer_payload, new_api: bool):
    def map_data(f):
        places = store.filter_places(f)
        latest = store.latest_per_place(f)
        if new_api:
            return layer_payload(places, latest)
        return layer_payload(latest, places=places)

    def change(f):
        payload = map_data(f)
        store.count(f)
        store.page(f, 0, PAGE)
        numbers = store.headline(f)
        store.type_counts(f)
        store.monthly(f)
        return payload and numbers

    return map_data, change


def _new_memory(path: str):
    import pandas as pd

    from geo.explore.filters import Filters
    from geo.explore.map import layer_payload
    from geo.explore.store import EventStore

    store = EventStore.from_frame(pd.read_parquet(path))
    return (Filters, *_store_calls(store, layer_payload, True))


def _old_disk(path: str):
    from geo.filters import Filters
    from geo.mapping import layer_payload
    from geo.query import EventStore

    store = EventStore.open(path, backend="duckdb")
    return (Filters, *_store_calls(store, layer_payload, False))


def _new_disk(path: str):
    from geo.explore.filters import Filters
    from geo.explore.map import layer_payload
    from geo.explore.store import EventStore

    store = EventStore.open(path, backend="duckdb")
    return (Filters, *_store_calls(store, layer_payload, True))


VARIANTS = {"old pandas": _old_pandas, "new memory": _new_memory,
            "old disk": _old_disk, "new disk": _new_disk}  # fmt: skip


def run_variant(variant: str, path: str, repeats: int) -> dict:
    """Load *path* with *variant*, time filter changes (runs in a fresh process)."""
    t0 = time.perf_counter()
    Filters, map_data, change = VARIANTS[variant](path)  # noqa: N806
    opened = time.perf_counter() - t0
    filters = _filters(Filters)
    change(filters[-1])  # warm: imports, templates, file metadata
    maps, changes, numbers = [], [], []
    for f in filters:
        best_map = best_change = float("inf")
        for _ in range(repeats):
            # a fresh filter each time: nothing answered from the store's last-query cache
            fresh = Filters(**{**vars(f), "q": f.q + " " * _})
            t = time.perf_counter()
            map_data(fresh)
            best_map = min(best_map, time.perf_counter() - t)
            fresh = Filters(**{**vars(f), "q": f.q + " " * (repeats + _)})
            t = time.perf_counter()
            numbers.append(change(fresh))
            best_change = min(best_change, time.perf_counter() - t)
        maps.append(best_map)
        changes.append(best_change)
    return {
        "open": opened,
        "map_median": statistics.median(maps),
        "map_max": max(maps),
        "change_median": statistics.median(changes),
        "change_max": max(changes),
        "peak_mib": _peak_mib(),
        "events": [n["events"] for n in numbers[::repeats]],
    }


def _spawn(variant: str, path: Path, old: Path, repeats: int) -> dict:
    root = old if variant.startswith("old") else ROOT
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, __file__, "--run", variant, str(path), "--repeats", str(repeats)],
        check=True, capture_output=True, text=True, env=env, cwd=root,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--old", default="/tmp/old", help="a checkout of f535129")
    parser.add_argument("--repeats", type=int, default=2, help="runs per filter set (best)")
    parser.add_argument("--disk-min", type=int, default=1_000_000,
                        help="smallest size the on-disk stores are run at")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate the variants' processes this many times; keep the "
                             "fastest of each (a shared machine's load)")  # fmt: skip
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help="comma-separated subset of: " + ", ".join(VARIANTS))  # fmt: skip
    parser.add_argument("--run", nargs=2, metavar=("VARIANT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_variant(args.run[0], args.run[1], args.repeats)))
        return
    sys.path.insert(0, str(ROOT))
    old = Path(args.old)
    if not (old / "geo" / "query.py").exists():
        print(f"{old}: no checkout of f535129 (git worktree add {old} f535129): "
              "timing the new store only")  # fmt: skip
        args.variants = ",".join(v for v in args.variants.split(",") if v.startswith("new"))

    print(f"machine: {os.cpu_count()} cpus; 6 filter sets, best of {args.repeats} each")
    print(f"{'events':>9} {'variant':>10} {'open s':>7} {'map med':>8} {'map max':>8} "
          f"{'change med':>10} {'change max':>10} {'peak MiB':>8}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            root = Path(tmp) / str(n)
            root.mkdir()
            single, dataset = make_tables(root, n)
            results: dict[str, dict] = {}
            chosen = [v for v in VARIANTS if v in args.variants.split(",")]
            chosen = [v for v in chosen if not v.endswith("disk") or n >= args.disk_min]
            for _ in range(args.rounds):
                for variant in chosen:
                    on_disk = variant.endswith("disk")
                    got = _spawn(variant, dataset if on_disk else single, old, args.repeats)
                    best = results.get(variant)
                    if best is None or got["change_median"] < best["change_median"]:
                        results[variant] = got
            for variant, r in results.items():
                print(f"{n:>9} {variant:>10} {r['open']:>7.2f} {r['map_median']:>8.3f} "
                      f"{r['map_max']:>8.3f} {r['change_median']:>10.3f} "
                      f"{r['change_max']:>10.3f} {r['peak_mib']:>8.0f}")  # fmt: skip
            counts = {tuple(r["events"]) for r in results.values()}
            assert len(counts) == 1, f"the variants disagree on the event counts: {counts}"
            for a, b in (("old pandas", "new memory"), ("old disk", "new disk")):
                if a in results and b in results:
                    p, d = results[a], results[b]
                    print(f"{n:>9}   {a} / {b}: map {p['map_median'] / d['map_median']:.2f}x, "
                          f"change {p['change_median'] / d['change_median']:.2f}x, "
                          f"memory {p['peak_mib'] / d['peak_mib']:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
