"""Shared fixtures: synthetic events tables, a running dashboard, a headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DASHBOARD_EVENTS = 600


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--network",
        action="store_true",
        help="also run the tests marked network (they reach real services, e.g. Nominatim)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--network"):
        return
    skip = pytest.mark.skip(reason="touches the network: run with --network")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def extractor():
    """The real extractor (spaCy models, gazetteer), one per test module; a module may
    define its own ``extractor`` (a fake) instead."""
    from geo.extract.document import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def dashboard_events_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic events CSV (hostile text included) for the dashboard tests."""
    from geo.synthetic.events import synthetic_events
    from geo.table.formats import write_events

    path = tmp_path_factory.mktemp("dashboard") / "events.csv"
    write_events(synthetic_events(DASHBOARD_EVENTS, seed=3), path)
    return path


@pytest.fixture(scope="session")
def dashboard_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same events as :func:`dashboard_events_csv`, as a committed Parquet dataset folder
    (what ``python -m geo build --engine dask`` writes)."""
    from geo.synthetic.events import synthetic_events
    from geo.table.dataset import EventDataset

    table = synthetic_events(DASHBOARD_EVENTS, seed=3)
    path = tmp_path_factory.mktemp("dashboard_dataset") / "events.parquet"
    EventDataset(path).commit(table, {a: "k" for a in table["article_id"].unique()})
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests (apt install chromium)")
    pytest.skip(f"{CHROMIUM} not installed: browser tests skipped (apt install chromium)")


def serve_dashboard(
    events: Path,
    tmp_path_factory: pytest.TempPathFactory,
    *,
    via_argv: bool = False,
    **env_extra: str,
) -> Iterator[str]:
    """Run ``streamlit run dashboard.py`` on *events* on a free port; yield its URL once
    healthy, stop the server afterwards. The table is named by ``DEPLOYMAP_EVENTS``, or with
    *via_argv* by ``-- --events PATH`` (the two ways a user points the page at a table)."""
    _require_chromium()
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {k: v for k, v in os.environ.items() if k != "DEPLOYMAP_EVENTS"}
    env.update(env_extra)
    if not via_argv:
        env["DEPLOYMAP_EVENTS"] = str(events)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    if via_argv:
        cmd += ["--", "--events", str(events)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited early:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def dashboard_url(
    dashboard_events_csv: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The dashboard on the synthetic CSV (the in-memory pandas path)."""
    yield from serve_dashboard(dashboard_events_csv, tmp_path_factory)


@pytest.fixture(scope="session")
def dashboard_dataset_url(
    dashboard_dataset: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The dashboard on the same events as a Parquet dataset folder (the DuckDB path)."""
    yield from serve_dashboard(dashboard_dataset, tmp_path_factory, DEPLOYMAP_BACKEND="duckdb")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright (no download)."""
    _require_chromium()
    if shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        pytest.skip("chromium missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where the browser tests save screenshots (gitignored)."""
    path = ROOT / "tests" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
