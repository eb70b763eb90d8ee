"""Server memory over 20 distinct filter views of a 100k-event table (issue 11).

Run: .venv/bin/python bench/bench_memory.py [--events 100000] [--views 20] [--csv PATH]

A synthetic table (:func:`geo.synthetic.events.synthetic_events`) is written once as a CSV (the
in-memory path the issue measured: 558 MiB -> 2.2 GiB after 12 views). Then, in a fresh
process (the server's), the page ``dashboard.py`` runs through Streamlit's ``AppTest`` once per
view, each as a new session opened from a shared link (its own URL filters), one after the
other, with the server's caches shared between them as in ``streamlit run``. The resident set
size (RSS) is printed after the table is opened and after every view, then the growth ratio
(last / after the first view) and the peak. The issue's aim: under 800 MiB after 20 views.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import wait_until_healthy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


def views(n: int) -> list[dict[str, str]]:
    """*n* distinct shared links: types, dates, countries, force, search and their mixes."""
    types = ["troop_deployment", "border_control", "migration", "foreign_troops",
             "state_of_emergency", "military_exercise", "security_agreement", "other"]  # fmt: skip
    countries = ["PE", "MX", "US", "CL", "CO", "VE", "EC", "BO", "BR", "AR"]
    words = ["Tacna", "frontiere", "armee", "Lima", "garde", "Tijuana", "nationale"]
    out: list[dict[str, str]] = []
    for i in range(n):
        params: dict[str, str] = {}
        if i % 2 == 0:
            params["type"] = ",".join(types[j % len(types)] for j in (i, i + 3))
        if i % 3 == 0:
            params["country"] = countries[i % len(countries)]
        if i % 4 == 1:
            year = 2019 + i % 6
            params["from"], params["to"] = f"{year}-01-01", f"{year}-12-31"
        if i % 5 == 2:
            params["min_force"] = str(100 * (i + 1))
        if i % 3 == 1:
            params["q"] = words[i % len(words)]
        if not params or i % 7 == 6:
            params["undated"] = "0"
        out.append(params)
    assert len({json.dumps(v, sort_keys=True) for v in out}) == n, "views must be distinct"
    return out


def rss_mib() -> float:
    import psutil

    return psutil.Process().memory_info().rss / MIB


def child(csv: Path, n_views: int) -> None:
    """The server's side: open the table, then every view as a new session; print JSON."""
    from streamlit.testing.v1 import AppTest

    os.environ["DEPLOYMAP_EVENTS"] = str(csv)
    app = str(ROOT / "dashboard.py")
    start = rss_mib()
    samples = []
    for i, params in enumerate(views(n_views)):
        t0 = time.perf_counter()
        at = AppTest.from_file(app, default_timeout=600)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if at.exception:
            raise SystemExit(f"view {i} {params}: {at.exception[0].message}")
        seconds = time.perf_counter() - t0
        del at
        gc.collect()
        samples.append({"view": i, "params": params, "rss": rss_mib(), "seconds": seconds})
    print(json.dumps({"start": start, "samples": samples}))


def browser_run(csv: Path, n_views: int, settle: float = 0.0) -> dict:
    """The real server (``streamlit run``) and headless Chromium: each view opened in a new
    tab until the map is drawn, then closed; the server's RSS after each."""
    import socket
    from urllib.parse import urlencode

    import psutil
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DEPLOYMAP_EVENTS": str(csv)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
           "--server.port", str(port), "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]  # fmt: skip
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        proc = psutil.Process(server.pid)
        start = proc.memory_info().rss / MIB
        samples = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
            for i, params in enumerate(views(n_views)):
                t0 = time.perf_counter()
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(f"{base}/?{urlencode(params)}")
                page.wait_for_selector("iframe[title*='st_folium']", timeout=600_000)
                frame = next(f for f in page.frames if "st_folium" in f.url)
                frame.wait_for_function("window.__deploymap !== undefined", timeout=600_000)
                page.wait_for_timeout(1000)
                seconds = time.perf_counter() - t0
                page.close()
                samples.append({"view": i, "params": params, "seconds": seconds,
                                "rss": proc.memory_info().rss / MIB})  # fmt: skip
            browser.close()
        settled = None
        if settle:
            time.sleep(settle)  # the closed tabs' sessions expire (disconnectedSessionTTL)
            settled = proc.memory_info().rss / MIB
        return {"start": start, "samples": samples, "settled": settled, "settle": settle}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--views", type=int, default=20)
    parser.add_argument("--csv", type=Path, help="an events table to use instead")
    parser.add_argument(
        "--browser",
        action="store_true",
        help="measure `streamlit run` driven by headless Chromium instead",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=0.0,
        help="--browser: then wait this long and measure again (seconds)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.csv, args.views)
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv = args.csv
        if csv is None:
            from geo.synthetic.events import synthetic_events
            from geo.table.formats import write_events

            csv = Path(tmp) / "events.csv"
            write_events(synthetic_events(args.events, seed=0), csv)
        if args.browser:
            result = browser_run(csv, args.views, args.settle)
        else:
            cmd = [sys.executable, __file__, "--child", "--csv", str(csv),
                   "--views", str(args.views)]  # fmt: skip
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
            if done.returncode:
                sys.exit(done.stderr[-4000:] or done.stdout[-4000:])
            result = json.loads(done.stdout.strip().splitlines()[-1])
    samples = result["samples"]
    print("server: streamlit run + Chromium" if args.browser else "server: AppTest sessions")
    print(f"table: {csv.name if args.csv else f'{args.events:,} synthetic events (CSV)'}")
    print(f"process before the first view: {result['start']:8.1f} MiB")
    for s in samples:
        print(f"view {s['view'] + 1:2d}: RSS {s['rss']:8.1f} MiB  ({s['seconds']:5.2f} s)  "
              f"{s['params']}")  # fmt: skip
    first, last = samples[0]["rss"], samples[-1]["rss"]
    peak = max(s["rss"] for s in samples)
    print(f"after view 1: {first:.1f} MiB; after view {len(samples)}: {last:.1f} MiB; "
          f"peak {peak:.1f} MiB")  # fmt: skip
    print(f"growth ratio (last / first view): {last / first:.2f}")
    if result.get("settled"):
        print(f"{result['settle']:.0f} s later (closed tabs' sessions expired): "
              f"{result['settled']:.1f} MiB")  # fmt: skip
    print(f"aim: under 800 MiB after {len(samples)} views: {'met' if last < 800 else 'MISSED'}")


if __name__ == "__main__":
    main()
