"""Server CPU with an idle browser, per Streamlit file watcher (issue 11).

Run: .venv/bin/python bench/bench_idle.py [--seconds 10] [--watchers config,auto,poll,none]

For each watcher, ``streamlit run dashboard.py`` starts in the project folder (``make run``'s
layout, ``.venv`` inside it) on the bundled table; headless Chromium opens the page, waits for
the map, then stays idle for *seconds*. Printed: the server's CPU seconds over the idle time
and its inotify watches (Linux). ``config`` is ``.streamlit/config.toml`` as committed (no
``--server.fileWatcherType`` on the command line).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import wait_until_healthy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def inotify_watches(pid: int) -> int:
    """The inotify watches the process holds (0 where /proc says nothing)."""
    total = 0
    fd_dir = Path(f"/proc/{pid}/fdinfo")
    for info in fd_dir.glob("*"):
        try:
            total += sum(line.startswith("inotify wd:") for line in info.read_text().splitlines())
        except OSError:
            continue
    return total


def measure(watcher: str, seconds: float, browser) -> tuple[float, int]:
    import psutil

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]  # fmt: skip
    if watcher != "config":
        cmd += ["--server.fileWatcherType", watcher]
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        page = browser.new_page()
        page.goto(base)
        page.wait_for_selector("iframe[title*='st_folium']", timeout=120_000)
        page.wait_for_timeout(3000)
        proc = psutil.Process(server.pid)
        before = proc.cpu_times()
        time.sleep(seconds)
        after = proc.cpu_times()
        watches = inotify_watches(server.pid)
        page.close()
        cpu = (after.user + after.system) - (before.user + before.system)
        return cpu, watches
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--watchers", default="config,auto,poll,none")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    os.environ.pop("DEPLOYMAP_EVENTS", None)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        for watcher in args.watchers.split(","):
            cpu, watches = measure(watcher, args.seconds, browser)
            print(f"{watcher:>7}: {cpu:5.2f} s CPU over {args.seconds:.0f} s idle, "
                  f"{watches:,} inotify watches")  # fmt: skip
        browser.close()


if __name__ == "__main__":
    main()
