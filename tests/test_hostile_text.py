"""Hostile text (issue 6): article text reaches the page as text, never as code.

A table whose evidence, place, actor, source, title and URL carry ``<script>``, ``<img
onerror>``, ``<svg onload>``, ``javascript:`` URLs, quotes, French apostrophes, backticks and
``</script>`` is rendered by :func:`geo.explore.map.build_map`: no payload survives unescaped, links
are http(s) only, and every inline script still parses (``node --check``). Then the real
dashboard is opened on that table in Chromium: no dialog, no ``window.__xss``, text shown
literally, the map drawn.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import serve_dashboard

from geo.explore.map import build_map
from geo.synthetic.events import synthetic_events
from geo.table.formats import read_events, write_events

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload="window.__xss=2">',
    "javascript:alert(1)",
    "l'armée d’entrer « ici » \"quoted\" 'single'",
    "`${window.__xss=3}` ${alert(1)}",
    "</script><script>window.__xss=4</script>",
    "<iframe src=javascript:alert(1)></iframe>{{ 7*7 }}",
    "</textarea></style><b onmouseover=alert(1)>x</b>",
]
URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:window.__xss=5",
    "data:text/html,<script>alert(1)</script>",
    'https://ok.example/a?b="><script>alert(1)</script>',
    "http://ok.example/l'armée",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https://ok.example/`x`",
    "java\tscript:alert(1)",
    "https://ok.example/plain",
]
EVIL = re.compile(
    r"<script>alert|<img[^>]*onerror|<svg[^>]*onload|<iframe src=javascript|<b onmouseover",
    re.IGNORECASE,
)


def hostile_table(n: int = 40) -> pd.DataFrame:
    """A schema-valid events table whose text columns all carry payloads."""
    table = synthetic_events(n, seed=11).reset_index(drop=True)
    for offset, column in enumerate(("evidence", "place", "actor", "source", "title")):
        table[column] = [
            f"{PAYLOADS[(i + offset) % len(PAYLOADS)]} Tacna" for i in range(len(table))
        ]
    table["place_resolved"] = [PAYLOADS[i % len(PAYLOADS)] for i in range(len(table))]
    table["url"] = [URLS[i % len(URLS)] for i in range(len(table))]
    return table


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "events.csv"
    write_events(hostile_table(), path)
    return path


class _Document(HTMLParser):
    """Collects tags, attributes and inline scripts of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        self._in_script = tag == "script" and not dict(attrs).get("src")
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _payload(html: str) -> dict:
    match = re.search(r"var D = (\{.*?\});\n", html, re.S)
    assert match, "no data payload in the map"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def map_html(hostile_csv: Path) -> str:
    return build_map(read_events(hostile_csv), tiles=False).get_root().render()


def test_table_round_trips_the_payloads(hostile_csv: Path) -> None:
    table = read_events(hostile_csv)
    assert set(table.place_resolved) == set(PAYLOADS)
    assert set(table.url) == set(URLS)


def test_no_payload_survives_unescaped_in_the_map(map_html: str) -> None:
    assert not EVIL.search(map_html), EVIL.search(map_html)
    assert "window.__xss" not in map_html.replace("window.__xss=", "")  # only inside strings
    doc = _Document()
    doc.feed(map_html)
    assert not [(k, v) for k, v in doc.attrs if k.startswith("on")]
    hrefs = [v for k, v in doc.attrs if k in ("href", "src")]
    assert all(h.startswith(("file://", "http://", "https://", "#")) or h == "" for h in hrefs)
    assert "iframe" not in doc.tags and "svg" not in doc.tags and "img" not in doc.tags


def test_popups_and_tooltips_are_inert_html(map_html: str) -> None:
    payload = _payload(map_html)
    fragments = payload["pops"] + payload["tips"]
    assert fragments
    links = []
    for fragment in fragments:
        assert not EVIL.search(fragment)
        doc = _Document()
        doc.feed(fragment)
        assert set(doc.tags) <= {"div", "i", "b", "a", "span", "br"}, doc.tags
        assert not [k for k, _ in doc.attrs if k.startswith("on")]
        links += [v for k, v in doc.attrs if k == "href"]
        # javascript: may be shown as text, never inside an attribute
        assert not [v for _, v in doc.attrs if re.search(r"(java|vb)\s*script|data:", v, re.I)]
    # only the http(s) URLs became links; the others are not links at all
    assert links and all(re.match(r"https?://ok\.example/", h) for h in links)
    text = "".join(payload["pops"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in text
    assert "l&#x27;armée d’entrer « ici » &quot;quoted&quot;" in text
    assert "&#96;${window.__xss=3}&#96;" in text


def test_every_inline_script_still_parses(map_html: str, tmp_path: Path) -> None:
    node = shutil.which("node") or "/usr/bin/node"
    if not Path(node).exists():
        pytest.skip("node is not installed")
    doc = _Document()
    doc.feed(map_html)
    scripts = [s for s in doc.scripts if s.strip()]
    assert len(scripts) >= 2
    assert map_html.count("<script") == map_html.count("</script>")
    for i, script in enumerate(scripts):
        path = tmp_path / f"script{i}.js"
        path.write_text(script, encoding="utf-8")
        result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (i, result.stderr[-2000:])


# --- the real dashboard -----------------------------------------------------------------------

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def hostile_app(hostile_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run dashboard.py -- --events <hostile table>`` on a free port."""
    yield from serve_dashboard(hostile_csv, tmp_path_factory, via_argv=True)


@pytest.mark.browser
@pytest.mark.slow
def test_dashboard_shows_hostile_text_as_text(chromium, hostile_app: str, screenshot_dir) -> None:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    dialogs: list[str] = []
    # offline: anything not served by the app is refused (tiles, payload URLs)
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(hostile_app) else r.abort()
    )
    page = context.new_page()

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        page.goto(hostile_app)
        page.wait_for_selector("iframe[title*='st_folium'], iframe[src*='st_folium']",
                               timeout=TIMEOUT)  # fmt: skip
        frame = next(f for f in page.frames if "st_folium" in f.url)
        frame.wait_for_function("window.__deploymap !== undefined", timeout=TIMEOUT)
        drawn = frame.evaluate(
            "({places: window.__deploymap.places,"
            " layers: window.__deploymap.layers.length,"
            " shapes: document.querySelectorAll('.leaflet-overlay-pane canvas,"
            "   .leaflet-overlay-pane svg path, .leaflet-marker-icon').length})"
        )
        assert drawn["places"] > 0 and drawn["layers"] > 0 and drawn["shapes"] > 0, drawn
        # open the popup of a hostile place, as a click would
        frame.evaluate(
            """(() => {
              const i = window.__deploymap.data.pops.findIndex(h => h.includes('onerror'));
              const layer = window.__deploymap.layers[i];
              const at = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
              map_div.setView(at, 9);
              layer.fire('click', {latlng: at, sourceTarget: layer}, true);
            })()"""
        )
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=TIMEOUT)
        text = popup.inner_text()
        assert "onerror" in text and "<" in text  # the payload is shown literally
        hrefs = popup.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert all(h.startswith(("http://", "https://")) for h in hrefs)
        # let the table, tooltips and everything else render, then look for any trace
        page.wait_for_timeout(1500)
        page.screenshot(path=screenshot_dir / "hostile_dashboard.png", full_page=True)
        for where in page.frames:
            assert where.evaluate("window.__xss === undefined"), where.url
            injected = where.evaluate(
                "document.querySelectorAll('img[onerror], svg[onload], [onmouseover],"
                ' iframe[src^="javascript"]\').length'
            )
            assert injected == 0, where.url
            assert where.evaluate(
                "[...document.querySelectorAll('a[href]')]"
                ".every(a => !/^\\s*(javascript|data|vbscript):/i.test(a.getAttribute('href')))"
            ), where.url
        assert dialogs == []
    finally:
        context.close()
