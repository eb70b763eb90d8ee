"""The analyst's loop in headless Chromium (issue 10, "Done when"): paste an article, see its
preview on the map, add it, see it in the table after the rebuild; correct a place, reload,
the correction holds; rebuild from scratch, it still holds; read-only mode shows no write
control. The server runs on a tmp corpus, table, corrections file and cache."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, serve_dashboard
from test_dashboard_browser import TIMEOUT, Page

from geo import config
from geo.table.formats import read_events

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEED = """---
lang: es
published: 2025-09-02
---
El Ejército del Perú desplegó 500 soldados en Tacna el 1 de septiembre de 2025.
"""
PASTED = (
    "El Gobierno del Perú desplegó 300 soldados en Palca el 20 de octubre de 2025. "
    "Las Fuerzas Armadas apoyarán a la Policía Nacional en la zona."
)
WRITE_LABELS = ("Add to the table", "Save the correction", "Import", "Undo")


def _env(work: Path) -> dict[str, str]:
    return {
        "DEPLOYMAP_CACHE": str(work / "cache"),
        "DEPLOYMAP_CORRECTIONS": str(work / "corrections.csv"),
        "DEPLOYMAP_ARTICLES": str(work / "articles"),
    }


def _build(work: Path, *extra: str) -> None:
    """``python -m geo build`` of the tmp corpus (what a user runs)."""
    env = {**os.environ, **_env(work)}
    done = subprocess.run(
        [sys.executable, "-m", "geo", "build", str(work / "articles"), "--out",
         str(work / "events.csv"), "--quiet", *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A tmp corpus of one article, its table, and a cache with the gazetteer index linked."""
    work = tmp_path_factory.mktemp("loop")
    (work / "cache").mkdir()
    (work / "cache" / "gazetteer").symlink_to(config.gazetteer_dir().resolve())
    (work / "articles").mkdir()
    (work / "articles" / "tacna.txt").write_text(SEED, encoding="utf-8")
    _build(work)
    return work


@pytest.fixture(scope="module")
def loop_url(work, tmp_path_factory) -> Iterator[str]:
    yield from serve_dashboard(work / "events.csv", tmp_path_factory, **_env(work),
                               DEPLOYMAP_READ_ONLY="0")  # fmt: skip


@pytest.fixture(scope="module")
def read_only_url(work, tmp_path_factory) -> Iterator[str]:
    yield from serve_dashboard(work / "events.csv", tmp_path_factory, **_env(work),
                               DEPLOYMAP_READ_ONLY="1")  # fmt: skip


def _map_frames(app: Page, at_least: int = 1) -> list:
    """The map iframes (the page's, then the preview's), once *at_least* are loaded."""
    for _ in range(200):
        frames = [f for f in app.page.frames if "st_folium" in f.url]
        if len(frames) >= at_least:
            return frames
        app.page.wait_for_timeout(300)
    raise AssertionError(f"fewer than {at_least} map frames")


def _names(frame) -> list[str]:
    frame.wait_for_function("window.__deploymap !== undefined", timeout=TIMEOUT)
    return frame.evaluate("window.__deploymap.data.names")


def _expand(app: Page, label: str) -> None:
    summary = app.page.locator("[data-testid='stExpander'] summary", has_text=label)
    summary.scroll_into_view_if_needed()
    summary.click()


def _type(app: Page, label: str, text: str) -> None:
    """Type into the text input or area labelled *label* and commit it (Enter or Ctrl+Enter)."""
    field = app.page.get_by_label(label, exact=True)
    field.scroll_into_view_if_needed()
    field.fill(text)
    tag = field.evaluate("e => e.tagName")
    field.press("Control+Enter" if tag == "TEXTAREA" else "Enter")


def _button(app: Page, label: str):
    return app.page.get_by_role("button", name=label, exact=True)


def _preview(app: Page) -> None:
    _expand(app, "Add articles")
    _type(app, "Article text", PASTED)
    app.page.wait_for_timeout(500)  # the text's rerun
    _button(app, "Preview").click()
    app.page.locator("mark.dm-place", has_text="Palca").first.wait_for(timeout=TIMEOUT * 2)
    app.page.wait_for_function(
        "Array.from(document.querySelectorAll('iframe')).filter("
        "f => (f.src || '').includes('st_folium')).length >= 2",
        timeout=TIMEOUT,
    )


def test_paste_preview_add_correct_reload_rebuild(chromium, loop_url, work, screenshot_dir):
    app = Page(chromium, loop_url)
    try:
        app.open()
        assert "Palca" not in _names(_map_frames(app)[0])
        _preview(app)
        preview = _map_frames(app, 2)[1]
        assert "Palca" in _names(preview)  # the preview's own map
        assert not list((work / "articles").glob("pasted-*"))  # a preview writes nothing
        app.page.screenshot(path=screenshot_dir / "loop_preview.png", full_page=True)

        _button(app, "Add to the table").click()
        app.page.get_by_text("Added 1 article(s)").wait_for(timeout=TIMEOUT * 2)
        app.wait_drawn()
        assert "Palca" in _names(_map_frames(app)[0])  # the rebuilt table, on the main map
        table = read_events(work / "events.csv")
        assert "Palca" in set(table["place_resolved"])
        events = table["event_key"].nunique()
        app.page.wait_for_function(
            f"document.body.innerText.includes('{events:,} of {events:,} events match')",
            timeout=TIMEOUT,
        )

        # correct the place of the first row to Arica (Chile)
        _expand(app, "Review and correct")
        field = app.page.get_by_role("combobox", name="Field", exact=True)
        assert field.input_value() == "place"  # the first field: nothing to choose
        _type(app, "Search the gazetteer", "Arica")
        place = app.page.get_by_role("combobox", name="Place", exact=True)
        place.wait_for(timeout=TIMEOUT)
        app.page.wait_for_function(  # the search's best match is chosen
            "() => Array.from(document.querySelectorAll('input[role=combobox]')).some("
            "i => i.getAttribute('aria-label') === 'Place' && i.value.includes('gn:3899361'))"
            " || document.body.innerText.includes('Chile (city, gn:3899361)')",
            timeout=TIMEOUT,
        )
        _button(app, "Save the correction").click()
        app.page.get_by_text("Saved correction").wait_for(timeout=TIMEOUT)
        fixed = read_events(work / "events.csv")
        hit = fixed[fixed["corrected"] == "place"]
        assert len(hit) == 1 and hit["place_resolved"].iloc[0] == "Arica"

        app.open()  # a new session on the same address: a reload
        assert "Arica" in _names(_map_frames(app)[0])  # the correction holds on reload
        app.page.screenshot(path=screenshot_dir / "loop_corrected.png", full_page=True)

        _build(work, "--force")  # rebuild from scratch: every article extracted again
        rebuilt = read_events(work / "events.csv")
        again = rebuilt[rebuilt["corrected"] == "place"]
        assert len(again) == 1 and again["place_resolved"].iloc[0] == "Arica"
        app.open()  # a new session on the same address: a reload
        assert "Arica" in _names(_map_frames(app)[0])
        assert app.errors == []
    finally:
        app.close()


def test_read_only_shows_no_write_control_but_previews(chromium, read_only_url):
    app = Page(chromium, read_only_url)
    try:
        app.open()
        app.page.get_by_text("Nothing can be written here (read-only mode)").wait_for(
            timeout=TIMEOUT
        )
        for label in WRITE_LABELS:
            assert _button(app, label).count() == 0, label
        summaries = app.page.locator("[data-testid='stExpander'] summary").all_inner_texts()
        assert [s.strip() for s in summaries] == ["post_add\nAdd articles"] or all(
            "Review" not in s and "Import" not in s for s in summaries
        )
        _preview(app)
        assert "Palca" in _names(_map_frames(app, 2)[1])
        for label in WRITE_LABELS:
            assert _button(app, label).count() == 0, label
        assert app.errors == []
    finally:
        app.close()


def test_an_import_joins_the_map_and_the_source_filter(chromium, loop_url, work, tmp_path):
    from test_importers import GED_COLUMNS, GED_ROWS, csv_text

    export = tmp_path / "GEDEvent_v25_1.csv"
    export.write_text(csv_text(GED_COLUMNS, GED_ROWS), encoding="utf-8")
    app = Page(chromium, loop_url)
    try:
        app.open()
        _expand(app, "Import ACLED, UCDP or GDELT")
        dataset = app.page.get_by_role("combobox", name="Dataset", exact=True)
        dataset.click()
        dataset.press_sequentially("UCDP")
        dataset.press("Enter")
        uploader = app.page.locator("[data-testid='stFileUploader']", has_text="Export file")
        uploader.locator("input[type=file]").set_input_files(str(export))
        app.page.get_by_text("GEDEvent_v25_1.csv").wait_for(timeout=TIMEOUT)
        app.wait_idle()  # the upload's rerun
        _button(app, "Import").click()
        app.page.get_by_text("rows added").wait_for(timeout=TIMEOUT)
        assert "line 5" in app.page.inner_text("body")  # the broken record, by its line
        table = read_events(work / "events.csv")
        assert (table["source_dataset"] == "ucdp").sum() == len(GED_ROWS) - 1
        app.wait_drawn()
        assert "Teloloapan" in _names(_map_frames(app)[0])
        sidebar = app.page.locator("[data-testid='stSidebar']")
        assert "Source" in sidebar.inner_text()  # news and UCDP: the filter appears
        app.open("?source=ucdp")
        events = table[table["source_dataset"] == "ucdp"]["event_key"].nunique()
        app.page.wait_for_function(
            f"document.body.innerText.includes('{events:,} of {table['event_key'].nunique():,}"
            " events match')",
            timeout=TIMEOUT,
        )
        assert app.errors == []
    finally:
        app.close()
