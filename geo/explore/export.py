"""A standalone, offline HTML map of a view: one file to share, embed or archive.

:func:`standalone_html` renders the dashboard's map (:mod:`geo.explore.map`: the shipped
country basemap, the places with their popups, the legend) with Leaflet's and the cluster
plugin's JavaScript and CSS inlined from ``static/vendor``, no tile layer and no other
request: the file opens from disk (``file://``) with no network. Article text is escaped by
the map's payload (:func:`.map.layer_payload`); the caption is escaped here.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
from branca.element import Element
from jinja2 import Template

from geo.explore.assets import STATIC_DIR, Assets
from geo.explore.map import base_map, layer_payload, map_data, place_layer

_PLACEHOLDER = "dm-inline:"
_SCRIPT_LINK = re.compile(r'<script src="dm-inline:/([^"]+)"></script>')
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="dm-inline:/([^"]+)"/?>')
_CSS_URL = re.compile(r"url\((?!data:)[^)]*\)")

CAPTION_CSS = """
<style>
.dm-export-cap { background: rgba(255,255,255,.95); padding: 4px 10px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); font: 12px/1.35 system-ui, sans-serif; color: #222;
  max-width: 420px; }
.dm-export-cap b { font-size: 13px; }
html, body { height: 100%; margin: 0; }
</style>
"""


def _asset(relative: str, static_dir: Path) -> str:
    path = (static_dir / relative).resolve()
    if static_dir.resolve() not in path.parents:  # only files below static/
        raise ValueError(f"not a static asset: {relative}")
    return path.read_text(encoding="utf-8")


def _inline_script(match: re.Match, static_dir: Path) -> str:
    code = _asset(match.group(1), static_dir)
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE) + "</script>"


def _inline_css(match: re.Match, static_dir: Path) -> str:
    css = _CSS_URL.sub("none", _asset(match.group(1), static_dir))  # no image requests
    return "<style>" + css.replace("</", "<\\/") + "</style>"


class _Raw(Element):
    """HTML added to the page as is: never parsed as a Jinja template (the caption quotes
    the link's filters, which a user wrote)."""

    _template = Template("{{ this.code }}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


_CAPTION_JS = """<script>
document.addEventListener('DOMContentLoaded', function () {
  var maps = Object.keys(window).filter(function (k) {
    return k.indexOf('map_') === 0 && window[k] instanceof L.Map; });
  if (!maps.length) { return; }
  var control = L.control({position: 'topright'});
  control.onAdd = function () {
    var div = L.DomUtil.create('div', 'dm-export-cap');
    div.innerHTML = %s;
    return div;
  };
  control.addTo(window[maps[0]]);
});
</script>"""


def _caption_element(title: str, caption: str) -> _Raw:
    """A Leaflet control with the escaped *title* and *caption*, added once the page's
    scripts (the map's included) have run."""
    body = f"<b>{html.escape(title, quote=True)}</b>"
    if caption:
        body += f"<br>{html.escape(caption, quote=True)}"
    return _Raw(_CAPTION_JS % json.dumps(body).replace("</", "<\\/"))


def standalone_html_from_payload(
    payload: dict,
    *,
    title: str = "deploymap",
    caption: str = "",
    view: tuple[float, float, int] | None = None,
    static_dir: str | Path = STATIC_DIR,
) -> str:
    """The map of a :func:`.map.layer_payload` as one self-contained HTML page (see the
    module). With *view* (lat, lon, zoom) the map opens there, else it fits the places."""
    static = Path(static_dir)
    assets = Assets(_PLACEHOLDER)
    fmap = base_map(
        assets=assets,
        tiles=False,
        basemap="inline",
        center=(view[0], view[1]) if view else (8.0, -80.0),
        zoom=view[2] if view else 3,
    )
    place_layer(payload, assets=assets, fit=view is None).add_to(fmap)
    root = fmap.get_root()
    root.header.add_child(_Raw(CAPTION_CSS), name="dm_export_css")
    root.header.add_child(_Raw(f"<title>{html.escape(title)}</title>"), name="dm_title")
    root.html.add_child(_caption_element(title, caption), name="dm_caption")
    page = root.render()
    page = _SCRIPT_LINK.sub(lambda m: _inline_script(m, static), page)
    page = _CSS_LINK.sub(lambda m: _inline_css(m, static), page)
    if _PLACEHOLDER in page.split("var D =", 1)[0]:
        raise ValueError("an asset was left as a link")  # a new kind of link tag
    return page


def standalone_html(
    events: pd.DataFrame,
    *,
    title: str = "deploymap",
    caption: str = "",
    view: tuple[float, float, int] | None = None,
    static_dir: str | Path = STATIC_DIR,
) -> str:
    """A self-contained offline HTML map of *events* (rows of the events table)."""
    payload = layer_payload(*map_data(events))
    return standalone_html_from_payload(
        payload, title=title, caption=caption, view=view, static_dir=static_dir
    )


COPY_LINK_HTML = """<!doctype html>
<html><head><style>
body { margin: 0; font: 14px/1.4 "Source Sans 3", "Source Sans Pro", system-ui, sans-serif;
  color: #31333f; }
.row { display: flex; gap: 6px; align-items: center; }
input { flex: 1; min-width: 0; padding: 5px 6px; border: 1px solid #d0d3da;
  border-radius: 6px; background: #f6f7f9; color: #31333f; font: inherit; font-size: 12px; }
button { padding: 5px 10px; border: 1px solid #c4c7cf; border-radius: 6px; background: #fff;
  font: inherit; cursor: pointer; white-space: nowrap; }
button:hover { border-color: #ff4b4b; color: #ff4b4b; }
button:focus-visible, input:focus-visible { outline: 2px solid #1a1a1a; outline-offset: 1px; }
#status { display: block; min-height: 18px; font-size: 12px; color: #555; }
</style></head><body>
<div class="row">
  <input id="link" type="text" readonly aria-label="Link to this view">
  <button id="copy" type="button">Copy link</button>
</div>
<span id="status" role="status" aria-live="polite"></span>
<script>
(function () {
  var field = document.getElementById('link'), status = document.getElementById('status');
  function current() {  // the page's address: every filter, the selection and the map view
    try { return window.parent.location.href; } catch (e) { return ''; }
  }
  function refresh() { if (document.activeElement !== field) { field.value = current(); } }
  refresh();
  setInterval(refresh, 1000);
  field.addEventListener('focus', function () { field.select(); });
  function fallback() {
    field.focus();
    field.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    status.textContent = ok ? 'Link copied.' : 'Select the link above and copy it.';
  }
  document.getElementById('copy').addEventListener('click', function () {
    field.value = current();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = 'Link copied.';
      }, fallback);
    } else {
      fallback();
    }
  });
})();
</script></body></html>
"""
"""The "copy link" box: a read-only field with the page's current address (kept current)
and a button copying it (the clipboard API, else the selection); no user text in it."""


def view_caption(n_events: int, params: dict[str, str], when: str) -> str:
    """The export's caption (plain text): events, the link's filters, the export date."""
    shown = {k: v for k, v in params.items() if k not in ("lat", "lon", "zoom", "basemap")}
    filters = "; ".join(f"{k}={v}" for k, v in shown.items()) or "no filter"
    return f"{n_events:,} event{'s' if n_events != 1 else ''} · {filters} · exported {when}"
