"""The Streamlit settings the app runs with (``.streamlit/config.toml``, read from the folder
``make run`` starts in): no recursive file watcher over ``.venv`` (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
from streamlit import config
config.get_config_options(force_reparse=True)
from streamlit.watcher.path_watcher import get_default_path_watcher_class
print(config.get_option("server.fileWatcherType"))
print(config.get_option("server.enableStaticServing"))
print(get_default_path_watcher_class().__name__)
"""


def test_the_app_polls_its_sources_instead_of_watching_the_venv() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120)  # fmt: skip
    watcher, static, watcher_class = out.stdout.split()[-3:]
    assert watcher == "poll"
    assert static == "True"  # Leaflet and the basemap are served from static/
    assert watcher_class == "PollingPathWatcher"  # not watchdog's recursive inotify watch


def test_streamlit_reports_the_project_config_as_the_source() -> None:
    out = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=120)  # fmt: skip
    lines = out.stdout.splitlines()
    at = lines.index('fileWatcherType = "poll"')
    assert str(ROOT / ".streamlit" / "config.toml") in lines[at - 1]


def test_make_run_does_not_override_the_watcher() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "streamlit run dashboard.py" in run and "fileWatcherType" not in run
