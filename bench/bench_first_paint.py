"""First paint of the dashboard: page open -> title -> map requested -> markers drawn (issue 11).

Run: .venv/bin/python bench/bench_first_paint.py [--events 0,100000] [--repeat 2]

For each table (``0``: the bundled ``data/events.csv``; N: N synthetic events as a CSV), a
fresh ``streamlit run dashboard.py`` starts; headless Chromium then opens the page *repeat*
times, one tab after the other: the first is **cold** (the server imports the page's modules
and opens the table), the others **warm**. Per load, seconds from ``goto`` to: the title
drawn, the map's iframe attached (the map requested), the markers drawn (the layer's
``window.__deploymap`` set). Then the server side alone, through ``AppTest`` in a fresh
process: the import of ``dashboard.py``'s modules and a cold and a warm script run. The
issue's aims: < 4 s warm for the bundled table, < 6 s at 100k.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import wait_until_healthy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APP_ROOT = ROOT  # --root: another checkout's dashboard.py (a before/after comparison)
TIMEOUT = 600_000

SERVER_SIDE = """
import json, os, sys, time
t0 = time.perf_counter()
from streamlit.testing.v1 import AppTest
import dashboard  # noqa: F401  (its module-level imports)
t1 = time.perf_counter()
import folium, streamlit_folium, altair  # noqa: F401,E401  (the lazily imported ones)
t2 = time.perf_counter()
at = AppTest.from_file("dashboard.py", default_timeout=600).run()
t3 = time.perf_counter()
at = AppTest.from_file("dashboard.py", default_timeout=600).run()
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "lazy_imports": t2 - t1, "cold_run": t3 - t2,
                  "warm_run": t4 - t3, "error": bool(at.exception)}))
"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_loads(csv: Path, repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    port = _port()
    env = {**os.environ, "DEPLOYMAP_EVENTS": str(csv), "PYTHONPATH": str(APP_ROOT)}
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
    server = subprocess.Popen(cmd, cwd=APP_ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    loads = []
    try:
        wait_until_healthy(base)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
            for i in range(repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t0 = time.perf_counter()
                page.goto(base)
                page.get_by_role("heading", name="deploymap").wait_for(timeout=TIMEOUT)
                title = time.perf_counter() - t0
                page.wait_for_selector("iframe[title*='st_folium']", state="attached",
                                       timeout=TIMEOUT)  # fmt: skip
                requested = time.perf_counter() - t0
                deadline = time.monotonic() + TIMEOUT / 1000
                frame = None
                while frame is None and time.monotonic() < deadline:
                    frame = next((f for f in page.frames if "st_folium" in f.url), None)
                    if frame is None:
                        page.wait_for_timeout(50)
                frame.wait_for_function("window.__deploymap !== undefined", timeout=TIMEOUT)
                drawn = time.perf_counter() - t0
                loads.append({"load": "cold" if i == 0 else "warm", "title": title,
                              "map_requested": requested, "markers_drawn": drawn})  # fmt: skip
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return loads


def server_side(csv: Path) -> dict:
    env = {**os.environ, "DEPLOYMAP_EVENTS": str(csv), "PYTHONPATH": str(APP_ROOT)}
    done = subprocess.run([sys.executable, "-c", SERVER_SIDE], cwd=APP_ROOT, env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="0,100000", help="0: the bundled table")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--root", type=Path, help="the checkout whose dashboard.py to serve")
    args = parser.parse_args()
    global APP_ROOT
    APP_ROOT = (args.root or ROOT).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.events.split(",")):
            if n == 0:
                csv, name = ROOT / "data" / "events.csv", "bundled data/events.csv"
            else:
                from geo.synthetic.events import synthetic_events
                from geo.table.formats import write_events

                csv, name = Path(tmp) / f"events_{n}.csv", f"{n:,} synthetic events"
                write_events(synthetic_events(n, seed=0), csv)
            print(f"== {name}")
            for load in browser_loads(csv, args.repeat):
                print(f"  {load['load']}: title {load['title']:5.2f} s, map requested "
                      f"{load['map_requested']:5.2f} s, markers drawn "
                      f"{load['markers_drawn']:5.2f} s")  # fmt: skip
            side = server_side(csv)
            print(f"  server: module imports {side['imports']:.2f} s (then folium/altair "
                  f"{side['lazy_imports']:.2f} s), script run cold {side['cold_run']:.2f} s, "
                  f"warm {side['warm_run']:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
