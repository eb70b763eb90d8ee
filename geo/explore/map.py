"""The map: events -> folium.Map, drawn from local assets and fast at 100,000 events.

Design (see the dashboard issue):

* :func:`base_map` is the part that never changes during a session: Leaflet from local files,
  the shipped country polygons in a pane under the (optional) tiles, a legend (collapsible,
  collapsed on a phone). Because its script is constant, streamlit-folium keeps the same
  component and the user's view.
* :func:`place_layer` is the data: the places of :meth:`.store.EventStore.filter_places` and
  their latest events (:meth:`.store.EventStore.latest_per_place`), each place sent once,
  with precomputed, escaped popup and tooltip HTML in one compact JSON payload. Towns are
  markers of their type's colour *and shape* (:data:`TYPE_SHAPES`) in a marker cluster whose
  bubbles count events (not places) and show the types inside as a ring of colours; admin1
  regions are dashed circles of the region's approximate size (an area, not a false exact
  point: :func:`region_km`), whole-country events are the country's outline, borders are
  lines. Areas lie in panes under the markers, so a town inside a country or a region stays
  clickable; markers, areas and clusters are focusable, named (``aria-label``:
  :func:`place_name`) and open with Enter. The dashboard sends it through
  ``st_folium(feature_group_to_add=...)``.
* :func:`build_map` composes both: the pure ``events -> folium.Map`` used by tests and benches.

All article text is escaped with :func:`esc` (HTML, quotes and backticks) before it enters the
payload, and the payload is JSON with ``</`` and ``<script`` escaped, so it is safe both as
HTML and inside the ``<script>`` folium writes.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from typing import Literal

import folium
import pandas as pd
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template
from shapely.errors import GEOSException

from geo.explore.assets import (
    DETAIL_ZOOM,
    Assets,
    country_outlines,
    file_assets,
    load_basemap,
    region_radii,
)
from geo.explore.detail import MAX_SELECTED
from geo.explore.filters import Filters
from geo.explore.store import POPUP_EVENTS, TYPE_COUNT_PREFIX, EventStore
from geo.explore.views import safe_urls
from geo.gazetteer.borders import line_parts
from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES
from geo.text import name_key

TYPE_COLORS: dict[str, str] = {
    "troop_deployment": "#C8102E",  # red
    "foreign_troops": "#332288",  # indigo (Paul Tol)
    "state_of_emergency": "#D55E00",  # vermillion (Okabe-Ito)
    "border_control": "#2166AC",  # blue
    "military_exercise": "#117733",  # green (Paul Tol)
    "security_agreement": "#117A8B",  # teal
    "migration": "#CC3D8F",  # magenta
    "other": "#5F5F5F",  # grey
}
"""One colour per deployment type (map, legend, timeline). Every colour has at least 3:1
contrast against white, the basemap's land and its sea (WCAG non-text contrast), and the
colours stay apart for protanopes and deuteranopes (checked in ``tests/test_mapping.py``);
each type also has its own marker shape (:data:`TYPE_SHAPES`), so colour is never the only cue.
"""

TYPE_SHAPES: dict[str, str] = {
    "troop_deployment": "M10 2a8 8 0 1 1 0 16a8 8 0 1 1 0-16z",  # circle
    "foreign_troops": "M3 3h14v14H3z",  # square
    "state_of_emergency": "M10 1.5l8.5 16h-17z",  # triangle
    "border_control": "M10 1l9 9-9 9-9-9z",  # diamond
    "military_exercise": "M1.5 2.5h17L10 18.5z",  # triangle pointing down
    "security_agreement": "M5.5 2.2h9L19 10l-4.5 7.8h-9L1 10z",  # hexagon
    "migration": "M10 1l2.6 5.9 6.4.6-4.8 4.3 1.4 6.3L10 14.8l-5.6 3.3 1.4-6.3L1 7.5l6.4-.6z",
    "other": "M7 2h6v5h5v6h-5v5H7v-5H2V7h5z",  # plus
}
"""One marker shape per deployment type (SVG path in a 20 x 20 box): the second cue of type."""


def type_symbol(event_type: str, size: int = 12) -> str:
    """The inline SVG of a type's shape and colour (legend, popups), hidden from screen
    readers (the type's name is always written beside it)."""
    shape = TYPE_SHAPES.get(event_type, TYPE_SHAPES["other"])
    color = TYPE_COLORS.get(event_type, TYPE_COLORS["other"])
    return (
        f'<svg class="dm-sym" width="{size}" height="{size}" viewBox="0 0 20 20" '
        f'aria-hidden="true" focusable="false"><path d="{shape}" fill="{color}" '
        f'stroke="#fff" stroke-width="1.2"/></svg>'
    )


PRECISION_LABELS: dict[str, str] = {
    "point": "place",
    "admin1": "region (approximate area)",
    "country": "whole country",
    "border": "border line",
}
_KIND = {"point": 0, "admin1": 1, "country": 2, "border": 3}
REGION_DEFAULT_KM = 60.0
"""Radius of a region the shipped extents do not know (``static/basemap/regions.csv``)."""
DEFAULT_CENTER: tuple[float, float] = (8.0, -80.0)
DEFAULT_ZOOM = 3
MAX_ZOOM = 18
MAP_HEIGHT = 620
EVIDENCE_CHARS = 150
_TOKEN = re.compile(r"\u27e6([^\u27e7]{1,200})\u27e7")


def esc(text: object) -> str:
    """HTML-escape article text: ``& < > " '`` and backticks; ``None``/NA become ``""``."""
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return ""
    return html.escape(str(text), quote=True).replace("`", "&#96;")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_TEMPLATE_OPENERS = re.compile(r"\{(?=[{%#])")
_SCRIPT_OPENER = re.compile(r"<(?=[sS][cC][rR][iI][pP][tT])")


def js_payload(obj: object) -> str:
    """JSON safe to paste inside a ``<script>`` that folium renders through Jinja.

    ``</``, ``<script`` and ``<!--`` cannot end the script or change how it is parsed;
    ``{{``, ``{%`` and ``{#`` (which folium's templates would evaluate) are written
    ``\\u007b{``; U+2028/9 are escaped for old parsers.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    text = _TEMPLATE_OPENERS.sub(r"\\u007b", text)
    text = _SCRIPT_OPENER.sub(r"\\u003c", text)
    return (
        text.replace("</", "<\\/")
        .replace("<!--", "\\u003c!--")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def tooltip_html(place: Mapping) -> str:
    """Short hover text of a place; ends with a hidden ``⟦location_id⟧`` token for clicks."""
    n = int(place["n_events"])
    label = esc(place["label"])
    kind = PRECISION_LABELS.get(str(place["geo_precision"]), "")
    extra = f" · {kind}" if place["geo_precision"] != "point" else ""
    main = EVENT_TYPE_LABELS.get(str(place.get("main_type")))
    main = f" · {esc(main.lower())}" if main else ""
    token = esc(place["location_id"])
    return (
        f"<b>{label}</b> · {n} event{'s' if n != 1 else ''}{main}{extra}"
        f'<span style="display:none">\u27e6{token}\u27e7</span>'
    )


def location_from_tooltip(text: object) -> str | None:
    """The ``location_id`` hidden in a clicked tooltip's text (``last_object_clicked_tooltip``)."""
    if not isinstance(text, str):
        return None
    match = _TOKEN.search(text)
    return html.unescape(match.group(1)) if match else None


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as plain dicts with ``None`` for missing values (much faster than ``to_dict``)."""
    lists = []
    for name in columns:
        col = df[name]
        lists.append(col.astype(object).where(col.notna(), None).tolist())
    return [dict(zip(columns, values, strict=True)) for values in zip(*lists, strict=True)]


_EVENT_COLUMNS = ["event_type", "date_start", "date_end", "date_precision", "force_size",
                  "actor", "url", "source", "evidence"]  # fmt: skip
_PLACE_COLUMNS = ["location_id", "label", "latitude", "longitude", "geo_precision",
                  "geometry_wkt", "country_code", "n_events", "main_type"]  # fmt: skip
_EXTRA_COLUMNS = ["admin1", *(TYPE_COUNT_PREFIX + t for t in EVENT_TYPES)]


def esc_series(values: pd.Series) -> pd.Series:
    """:func:`esc` over a column (vectorised); missing values become ``""``."""
    text = values.astype("string").fillna("")
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                        ("'", "&#x27;"), ("`", "&#96;")):  # fmt: skip
        text = text.str.replace(raw, entity, regex=False)
    return text


def _dates_series(df: pd.DataFrame) -> pd.Series:
    start, end = df["date_start"], df["date_end"].fillna(df["date_start"])
    precision = df["date_precision"].astype("string").fillna("day")
    out = pd.Series("date unknown", index=df.index, dtype="string")
    for prec, fmt in (("day", "%Y-%m-%d"), ("month", "%Y-%m"), ("year", "%Y")):
        rows = start.notna() & (precision == prec if prec != "day" else ~precision.isin(
            ["month", "year"]))  # fmt: skip
        if not rows.any():
            continue
        first = start[rows].dt.strftime(fmt).astype("string")
        last = end[rows].dt.strftime(fmt).astype("string")
        out[rows] = first.where(first == last, first + " → " + last)
    return out


def event_snippets(events: pd.DataFrame) -> pd.Series:
    """:func:`event_html` for every row (vectorised; same index as *events*)."""
    if events.empty:
        return pd.Series([], dtype="string", index=events.index)
    heads = {
        t: f'<div class="dm-ev"><i class="dm-s{i}"></i><b>{esc(EVENT_TYPE_LABELS[t])}</b> · '
        for i, t in enumerate(EVENT_TYPES)
    }
    head = events["event_type"].astype("string").map(heads).fillna('<div class="dm-ev">')
    text = head.astype("string") + _dates_series(events)
    force = events["force_size"]
    has_force = force.notna()
    force_text = pd.Series("", index=events.index, dtype="string")
    if has_force.any():
        force_text[has_force] = [f" · {int(v):,} troops" for v in force[has_force]]
    text = text + force_text
    actor = esc_series(events["actor"])
    text = text + actor.where(actor == "", " · " + actor)
    evidence = events["evidence"].astype("string").fillna("")
    evidence = evidence.str.replace(r"\s+", " ", regex=True).str.strip()
    long = evidence.str.len() > EVIDENCE_CHARS
    evidence = evidence.where(~long, evidence.str.slice(0, EVIDENCE_CHARS - 1).str.rstrip() + "…")
    text = text + '<div class="dm-q">“' + esc_series(evidence) + "”"
    urls = safe_urls(events["url"])
    source = esc_series(events["source"])
    label = source.where(source != "", "source")
    # target/rel are set on popup open (keeps the payload small); links are http(s) only
    link = ' <a href="' + esc_series(urls) + '">'
    link = (link + label + "</a>").where(urls.notna(), "")
    plain = (" <span class='dm-src'>" + source + "</span>").where(source != "", "")
    text = text + link.where(urls.notna(), plain) + "</div></div>"
    return text.astype(str)


def event_html(event: Mapping) -> str:
    """One event inside a popup: type, dates, force, actor, evidence, source link."""
    row = {name: [event.get(name)] for name in _EVENT_COLUMNS}
    frame = pd.DataFrame(row)
    for name in ("date_start", "date_end"):
        frame[name] = pd.to_datetime(frame[name])
    frame["force_size"] = pd.array(frame["force_size"].astype(object).where(
        frame["force_size"].notna(), None), dtype="Int64")  # fmt: skip
    return str(event_snippets(frame).iloc[0])


def _popup(place: Mapping, body: str, shown: int) -> str:
    total = int(place["n_events"])
    kind = PRECISION_LABELS.get(str(place["geo_precision"]), "")
    country = esc(place["country_code"]) if isinstance(place.get("country_code"), str) else ""
    sub = " · ".join(x for x in (kind, country) if x)
    more = total - shown
    hint = (
        f'<div class="dm-more">+ {more} more: click the place to list them all beside the map</div>'
        if more > 0
        else ""
    )
    return (
        f'<div class="dm-pop"><div class="dm-h">{esc(place["label"])}</div>'
        f'<div class="dm-sub">{total} event{"s" if total != 1 else ""} · {sub}</div>'
        f"{body}{hint}</div>"
    )


def popup_html(place: Mapping, events: pd.DataFrame) -> str:
    """The popup of a place (a row of ``filter_places``) listing *events* (its latest)."""
    body = "".join(event_snippets(events).tolist())
    return _popup(place, body, len(events))


def _line_coords(wkt_text: object) -> list | None:
    """``[[lat, lon], ...]`` (or a list of those) from a LineString/MultiLineString WKT."""
    if not isinstance(wkt_text, str):
        return None
    out = [[[round(lat, 4), round(lon, 4)] for lat, lon in part] for part in line_parts(wkt_text)]
    if not out:  # empty or malformed: draw the point instead
        return None
    return out[0] if len(out) == 1 else out


def map_data(events: pd.DataFrame, per_place: int = POPUP_EVENTS) -> tuple[pd.DataFrame, ...]:
    """``(places, latest)`` of an events table in memory, as the store gives them."""
    store = EventStore.from_frame(events)
    try:
        return store.filter_places(Filters()), store.latest_per_place(Filters(), per_place)
    finally:
        store.close()


def region_km(place: Mapping) -> float:
    """The approximate radius (km) a first-level region is drawn with: its extent from the
    gazetteer's towns (:func:`.assets.region_radii`) by ISO 3166-2 code (``adm1:PE-LOR``) or
    by country and name, else :data:`REGION_DEFAULT_KM`."""
    radii = region_radii()
    loc = str(place.get("location_id") or "")
    if loc.startswith("adm1:") and loc[5:] in radii:
        return radii[loc[5:]]
    cc = place.get("country_code")
    cc = cc if isinstance(cc, str) else ""
    for name in (place.get("admin1"), place.get("label")):
        if isinstance(name, str) and name:
            km = radii.get(f"{cc}|{name_key(name)}")
            if km is not None:
                return km
    return REGION_DEFAULT_KM


def _type_counts(place: Mapping) -> list[int]:
    counts = [place.get(TYPE_COUNT_PREFIX + t) for t in EVENT_TYPES]
    if any(c is None for c in counts):  # no per-type columns: everything is the main type
        counts = [0] * len(EVENT_TYPES)
        main = place.get("main_type")
        counts[EVENT_TYPES.index(main) if main in EVENT_TYPES else -1] = int(place["n_events"])
    return [int(c) for c in counts]


def place_name(place: Mapping, counts: list[int] | None = None) -> str:
    """The accessible name of a place on the map (plain text, for ``aria-label``): name,
    number of events, events per type, how it is drawn."""
    counts = counts if counts is not None else _type_counts(place)
    n = int(place["n_events"])
    types = ", ".join(
        f"{c} {EVENT_TYPE_LABELS[t].lower()}" for t, c in zip(EVENT_TYPES, counts, strict=True) if c
    )
    kind = PRECISION_LABELS.get(str(place["geo_precision"]), "place")
    label = " ".join(str(place["label"] or "").split())
    return f"{label}, {kind}: {n} event{'s' if n != 1 else ''} ({types})"


def layer_payload(
    places: pd.DataFrame, latest: pd.DataFrame, *, per_place: int = POPUP_EVENTS
) -> dict:
    """The data layer as plain data: places, their tooltips, popups and names (escaped: the
    map composes each accessible name as :func:`place_name` does), geometries, bounds.

    *places* as :meth:`.store.EventStore.filter_places` gives them, *latest* as
    :meth:`.store.EventStore.latest_per_place` (the events each popup lists). A place is
    ``[lat, lon, main type, events, kind, geometry, region radius in m, per-type counts]``
    (the counts only when it has events of several types, else 0).
    """
    style = {"colors": [TYPE_COLORS[t] for t in EVENT_TYPES],
             "shapes": [TYPE_SHAPES[t] for t in EVENT_TYPES],
             "typeNames": [EVENT_TYPE_LABELS[t].lower() for t in EVENT_TYPES],
             "kindNames": [PRECISION_LABELS[k] for k in _KIND]}  # fmt: skip
    if places.empty:
        return {"places": [], "tips": [], "pops": [], "names": [], "geoms": [], "fit": None,
                **style}  # fmt: skip
    by_place: dict[str, str] = {}
    for loc, snippet in zip(latest["location_id"].tolist(), event_snippets(latest).tolist(),
                            strict=True):  # fmt: skip
        by_place[loc] = by_place.get(loc, "") + snippet
    outlines = country_outlines()
    type_index = {t: i for i, t in enumerate(EVENT_TYPES)}
    columns = _PLACE_COLUMNS + [c for c in _EXTRA_COLUMNS if c in places.columns]
    rows, tips, pops, names, geoms = [], [], [], [], []
    lats, lons = [], []
    for place in _records(places, columns):
        kind = _KIND.get(str(place["geo_precision"]), 0)
        geom_index = -1
        radius = 0
        if kind == 3:
            line = _line_coords(place["geometry_wkt"])
            if line is not None:
                geoms.append(line)
                geom_index = len(geoms) - 1
                flat = line if isinstance(line[0][0], float) else [p for part in line for p in part]
                lats += [p[0] for p in flat]
                lons += [p[1] for p in flat]
        elif kind == 2:
            code = str(place["country_code"] or "")
            outline = outlines.get(code)
            if outline is not None:
                geoms.append({**outline, "iso": code})  # iso: swapped for the finer outline
                geom_index = len(geoms) - 1
        elif kind == 1:
            radius = int(region_km(place) * 1000)
        lat, lon = round(float(place["latitude"]), 5), round(float(place["longitude"]), 5)
        lats.append(lat)
        lons.append(lon)
        n = int(place["n_events"])
        counts = _type_counts(place)
        mixed = counts if sum(1 for c in counts if c) > 1 else 0
        rows.append([lat, lon, type_index.get(place["main_type"], len(EVENT_TYPES) - 1), n,
                     kind, geom_index, radius, mixed])  # fmt: skip
        tips.append(tooltip_html(place))
        pops.append(_popup(place, by_place.get(place["location_id"], ""), min(n, per_place)))
        names.append(esc(" ".join(str(place["label"] or "").split())))
    fit = [[min(lats), min(lons)], [max(lats), max(lons)]]
    return {"places": rows, "tips": tips, "pops": pops, "names": names, "geoms": geoms,
            "fit": fit, **style}  # fmt: skip


_LAYER_JS = """
{% macro script(this, kwargs) %}
(function () {
  var fg = {{ this._parent.get_name() }};
  var map = {{ this._parent._parent.get_name() }};
  var D = {{ this.payload }};
  var t0 = (window.performance && performance.now()) || 0;
  var points = [], shapes = [], layers = [], regions = [];
  var P = D.places, ENTER = {Enter: 1, ' ': 1, Spacebar: 1};
  // Areas lie in panes below the markers (markerPane, 600): countries, then regions, then
  // border lines; their SVG roots let the mouse through, so a town inside a country or a
  // region inside a country stays clickable, and the country where nothing else is drawn.
  function pane(name, z) {
    var el = map.getPane(name) || map.createPane(name);
    el.style.zIndex = z;
    return name;
  }
  var PANES = {2: pane('dmCountries', 350), 1: pane('dmRegions', 370), 3: pane('dmLines', 390)};
  var ENT = {'&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#96;': '`', '&amp;': '&'};
  function plain(text) {  // the names are sent escaped (esc); attributes take plain text
    return text.replace(/&(?:lt|gt|quot|#x27|#96|amp);/g, function (m) { return ENT[m]; });
  }
  function nameOf(i) {  // as place_name() in Python: name, kind, events, events per type
    var p = P[i], parts = [];
    var counts = p[7] || D.colors.map(function (c, t) { return t === p[2] ? p[3] : 0; });
    for (var t = 0; t < counts.length; t++) {
      if (counts[t]) { parts.push(counts[t] + ' ' + D.typeNames[t]); }
    }
    return plain(D.names[i]) + ', ' + D.kindNames[p[4]] + ': ' + p[3] + ' event'
      + (p[3] === 1 ? '' : 's') + ' (' + parts.join(', ') + ')';
  }
  function labelled(layer, i) {  // an area: focusable, with its accessible name
    layer.on('add', function () {
      var el = layer.getElement && layer.getElement();
      if (!el) { return; }
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', nameOf(i));
    });
  }
  var Mk = L.Marker.extend({
    _initIcon: function () {
      L.Marker.prototype._initIcon.call(this);
      this._icon.setAttribute('aria-label', nameOf(this.options.dmIndex));
    }
  });
  var icons = {};
  function icon(t, n) {
    var d = Math.round(2 * Math.min(10, 6 + Math.log(n) / Math.LN2)), key = t + ':' + d;
    if (!icons[key]) {
      icons[key] = L.divIcon({className: 'dm-mk dm-t' + t, iconSize: [d, d],
        html: '<svg width="' + d + '" height="' + d + '" viewBox="0 0 20 20" aria-hidden="true"'
          + ' focusable="false"><path d="' + D.shapes[t] + '" fill="' + D.colors[t]
          + '" stroke="#fff" stroke-width="1.6"/></svg>'});
    }
    return icons[key];
  }
  function outlineLatLngs(g) {
    return L.GeoJSON.coordsToLatLngs(g.coordinates, g.type === 'MultiPolygon' ? 2 : 1);
  }
  for (var i = 0; i < P.length; i++) {
    var p = P[i], color = D.colors[p[2]] || '#5f5f5f', layer = null;
    var g = p[5] >= 0 ? D.geoms[p[5]] : null;
    var isPoint = p[4] === 0;
    if (isPoint) {
      layer = new Mk([p[0], p[1]], {icon: icon(p[2], p[3]), keyboard: true, riseOnHover: true});
      points.push(layer);
    } else if (p[4] === 3 && g) {
      layer = L.polyline(g, {pane: PANES[3], color: color, weight: 4, opacity: 0.9,
        lineCap: 'round'});
      shapes.push(layer);
    } else if (p[4] === 2 && g) {
      var fine = window.__deploymapBasemap && window.__deploymapBasemap.geoms[g.iso];
      layer = L.polygon(outlineLatLngs(fine || g), {pane: PANES[2],
        color: color, weight: 1.5, dashArray: '4 4', fillColor: color, fillOpacity: 0.08});
      layer.options.dmIso = g.iso;
      shapes.push(layer);
    } else {  // a region: a circle of its approximate size, dashed (an area, not a point)
      layer = L.circle([p[0], p[1]], {pane: PANES[p[4] === 2 ? 2 : 1],
        radius: p[6] || (p[4] === 2 ? 250000 : 60000), color: color, weight: 2,
        dashArray: '6 5', fillColor: color, fillOpacity: 0.1});
      shapes.push(layer);
      regions.push(layer);
    }
    layer.options.dmIndex = i;
    layers.push(layer);
    if (!isPoint) { labelled(layer, i); }
    layer.bindTooltip(D.tips[i], {direction: 'top', opacity: 0.95});
  }
  // A country's area takes the finer outline once the basemap has it (zoomed in), so that
  // its border lines lie on its edge.
  function fineOutline(e) {
    for (var k = 0; k < layers.length; k++) {
      if (layers[k].options.dmIso === e.iso) { layers[k].setLatLngs(outlineLatLngs(e.geometry)); }
    }
  }
  if (window.__deploymapFine) { map.off('dmdetail', window.__deploymapFine); }
  window.__deploymapFine = fineOutline;
  map.on('dmdetail', fineOutline);
  // A region too small on screen for a dashed ring (a "c" at zoom 3) is drawn solid.
  function restyle() {
    var z = map.getZoom();
    for (var q = 0; q < regions.length; q++) {
      var c = regions[q], lat = c.getLatLng().lat * Math.PI / 180;
      var px = c.getRadius() * Math.pow(2, z + 8) / (40075016.686 * Math.cos(lat));
      c.setStyle(px < 14 ? {dashArray: null, fillOpacity: 0.3} : {dashArray: '6 5',
        fillOpacity: 0.1});
    }
  }
  if (window.__deploymapRestyle) { map.off('zoomend', window.__deploymapRestyle); }
  window.__deploymapRestyle = restyle;
  map.on('zoomend', restyle);
  restyle();
  for (var j = 0; j < shapes.length; j++) { fg.addLayer(shapes[j]); }
  function done() {
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      var c = map.getContainer();
      c.setAttribute('data-dm-places', String(P.length));
      c.setAttribute('data-dm-drawn', String(Math.round(performance.now() - t0)));
      window.__deploymap = {places: P.length, points: points.length, shapes: shapes.length,
                            drawnAt: performance.now(), data: D, layers: layers};
    }); });
  }
  // Clusters count events (not places) and show the types inside as a ring of colours.
  function tokenOf(i) {  // the hidden ⟦location_id⟧ of a place's tooltip (escaped)
    var m = /\u27e6[^\u27e7]*\u27e7/.exec(D.tips[i]);
    return m ? m[0] : '';
  }
  function short(n) {
    return n < 1000 ? String(n) : n < 10000 ? (n / 1000).toFixed(1) + 'k'
      : Math.round(n / 1000) + 'k';
  }
  function clusterIcon(cluster) {
    var ms = cluster.getAllChildMarkers(), counts = D.colors.map(function () { return 0; });
    var total = 0, k, t;
    for (k = 0; k < ms.length; k++) {
      var q = P[ms[k].options.dmIndex];
      if (q[7]) { for (t = 0; t < counts.length; t++) { counts[t] += q[7][t]; } }
      else { counts[q[2]] += q[3]; }
      total += q[3];
    }
    var stops = [], parts = [], acc = 0;
    for (t = 0; t < counts.length; t++) {
      if (!counts[t]) { continue; }
      var a = (100 * acc / total).toFixed(2), b = (100 * (acc + counts[t]) / total).toFixed(2);
      stops.push(D.colors[t] + ' ' + a + '% ' + b + '%');
      parts.push(counts[t] + ' ' + D.typeNames[t]);
      acc += counts[t];
    }
    var d = Math.round(Math.min(54, 30 + 8 * Math.log(total) / Math.LN10));
    cluster._dmLabel = 'Group of ' + ms.length + ' places: ' + total + ' event'
      + (total === 1 ? '' : 's') + ' (' + parts.join(', ') + '). Enter zooms in.';
    // its places' hidden id tokens (those with most events first): a click selects them all
    var inside = ms.map(function (m) { return m.options.dmIndex; }).sort(function (x, y) {
      return P[y][3] - P[x][3] || x - y; }).slice(0, {{ this.max_group }});
    cluster._dmTip = '<b>' + total + ' event' + (total === 1 ? '' : 's') + '</b> at '
      + ms.length + ' places<br>' + parts.join('<br>')  // numbers and type names only
      + '<span style="display:none">' + inside.map(tokenOf).join('') + '</span>';
    cluster._dmSize = d;
    // bound now (not on hover): a tap with no hover still reports the group's places
    cluster.options.tooltipAnchor = [0, -d / 2];
    if (cluster.getTooltip()) { cluster.setTooltipContent(cluster._dmTip); }
    else { cluster.bindTooltip(cluster._dmTip, {direction: 'top', opacity: 0.95}); }
    return L.divIcon({className: 'dm-cluster', iconSize: [d, d],
      html: '<div style="background:conic-gradient(' + stops.join(',') + ')"><span>'
        + short(total) + '</span></div>'});
  }
  if (L.MarkerCluster && !L.MarkerCluster.prototype.__dmLabelled) {
    var initIcon = L.MarkerCluster.prototype._initIcon;
    L.MarkerCluster.include({__dmLabelled: true, _initIcon: function () {
      initIcon.call(this);
      if (this._dmLabel) { this._icon.setAttribute('aria-label', this._dmLabel); }
    }});
  }
  if (L.markerClusterGroup) {
    var cluster = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 40,
      showCoverageOnHover: false, disableClusteringAtZoom: 10, spiderfyOnMaxZoom: false,
      iconCreateFunction: clusterIcon,
      chunkProgress: function (n, total) { if (n >= total) { done(); } }});
    cluster.on('clusterkeypress', function (e) {
      var key = e.originalEvent && e.originalEvent.key;
      if (!ENTER[key]) { return; }
      L.DomEvent.preventDefault(e.originalEvent);
      e.layer.zoomToBounds();
      map.getContainer().focus();  // the group's icon goes away: Tab goes on from the map
    });
    fg.addLayer(cluster);
    cluster.addLayers(points);
    if (!points.length) { done(); }
    window.__deploymapCluster = cluster;
  } else {
    for (var k = 0; k < points.length; k++) { fg.addLayer(points[k]); }
    done();
  }
  fg.on('click', function (e) {
    var l = e.sourceTarget || e.layer;
    if (!l || !l.options || l.options.dmIndex === undefined) { return; }
    var at = (l instanceof L.Marker) ? l.getLatLng() : e.latlng;
    var popup = L.popup({maxWidth: 380, minWidth: 240, autoPanPadding: [30, 30]})
      .setLatLng(at).setContent(D.pops[l.options.dmIndex]).openOn(map);
    var links = popup.getElement().querySelectorAll('a[href]');
    for (var a = 0; a < links.length; a++) {
      links[a].target = '_blank'; links[a].rel = 'noopener noreferrer';
    }
  });
  // Enter (or Space) on a focused place opens it as a click does (popup and selection).
  fg.on('keypress', function (e) {
    var l = e.sourceTarget || e.layer, key = e.originalEvent && e.originalEvent.key;
    if (!ENTER[key] || !l || !l.options || l.options.dmIndex === undefined) { return; }
    L.DomEvent.preventDefault(e.originalEvent);
    var p = P[l.options.dmIndex];
    var at = l.getLatLng ? l.getLatLng() : L.latLng(p[0], p[1]);
    l.fire('click', {latlng: at, originalEvent: e.originalEvent}, true);
  });
  {% if this.fit %}
  if (D.fit) {
    var b = L.latLngBounds(D.fit);
    if (b.getNorth() - b.getSouth() < 0.5 && b.getEast() - b.getWest() < 0.5) {
      map.setView(b.getCenter(), 8);
    } else {
      map.fitBounds(b, {padding: [30, 30], maxZoom: 8});
    }
  }
  {% endif %}
})();
{% endmacro %}
"""


class _RawScript(Element):
    """Already-rendered JavaScript: added to the page as is, never reparsed as a template."""

    _template = Template("{{ this.code }}")

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code


class _RawScriptMixin(MacroElement):
    """Render the ``script`` macro once: folium would reparse its output as a Jinja template,
    which costs ~0.3 s on a 4 MB payload and would evaluate ``{{ }}`` found in the data."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        for name, url in getattr(self, "default_js", []):
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in getattr(self, "default_css", []):
            figure.header.add_child(CssLink(url), name=name)
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_RawScript(script(self, kwargs)), name=self.get_name())


class EventsLayer(_RawScriptMixin, JSCSSMixin):
    """The events of a table, one feature per place, added to its parent FeatureGroup."""

    _template = Template(_LAYER_JS)

    def __init__(self, payload: dict, *, assets: Assets, fit: bool = True) -> None:
        super().__init__()
        self._name = "EventsLayer"
        self.payload = js_payload(payload)
        self.fit = fit
        self.max_group = MAX_SELECTED
        self.n_places = len(payload["places"])
        self.default_js = assets.cluster_js
        self.default_css = assets.cluster_css


def place_layer(
    payload: dict, *, assets: Assets | None = None, fit: bool = True
) -> folium.FeatureGroup:
    """The data layer for ``st_folium(feature_group_to_add=...)``: one feature per place of
    *payload* (:func:`layer_payload`). With *fit*, the map fits the events' bounds when the
    layer is (re)drawn."""
    assets = assets or file_assets()
    group = folium.FeatureGroup(name="Events", control=False)
    group.add_child(EventsLayer(payload, assets=assets, fit=fit))
    return group


_SHADE_JS = """
{% macro script(this, kwargs) %}
(function () {
  var fg = {{ this._parent.get_name() }};
  var map = {{ this._parent._parent.get_name() }};
  var D = {{ this.payload }};
  var pane = map.getPane('dmShade') || map.createPane('dmShade');
  pane.style.zIndex = 360;
  var ENT = {'&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#96;': '`', '&amp;': '&'};
  function plain(text) {  // names are sent escaped; attributes take plain text
    return text.replace(/&(?:lt|gt|quot|#x27|#96|amp);/g, function (m) { return ENT[m]; });
  }
  var drawn = 0;
  D.areas.forEach(function (a) {
    var g = a[4], levels = g.type === 'MultiPolygon' ? 2 : 1;
    var words = a[2] + ' event' + (a[2] === 1 ? '' : 's');
    var layer = L.polygon(L.GeoJSON.coordsToLatLngs(g.coordinates, levels), {pane: 'dmShade',
      color: '#2b2b2b', weight: 1, fillColor: D.colors[a[3]], fillOpacity: 0.85});
    layer.bindTooltip('<b>' + a[1] + '</b> · ' + words, {sticky: true, opacity: 0.95});
    layer.on('add', function () {
      var el = layer.getElement && layer.getElement();
      if (el) { el.setAttribute('role', 'img'); el.setAttribute('aria-label',
        plain(a[1]) + ': ' + words); }
    });
    fg.addLayer(layer);
    drawn++;
  });
  var legend = L.control({position: 'bottomleft'});
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'dm-legend dm-shade-legend');
    var rows = D.legend.map(function (text, i) {
      return '<div class="dm-row"><i style="display:inline-block;width:14px;height:10px;'
        + 'margin-right:6px;border:1px solid #2b2b2b;background:' + D.colors[i] + '"></i>'
        + text + '</div>';
    });
    div.innerHTML = '<div class="dm-lt">Events per country</div>' + rows.join('');
    return div;
  };
  if (window.__deploymapShadeLegend) { window.__deploymapShadeLegend.remove(); }
  legend.addTo(map);
  window.__deploymapShadeLegend = legend;
  // the type legend describes the points: hidden while the countries are shaded
  var types = map.getContainer().querySelector('.dm-legend-box');
  if (types) { types.style.display = 'none'; }
  fg.on('remove', function () {
    legend.remove();
    if (types) { types.style.display = ''; }
  });
  // the points' layer is not drawn in this view: say so to the page's tests and benches
  if (window.__deploymapCluster) { window.__deploymapCluster = undefined; }
  window.__deploymap = undefined;
  window.__deploymapShade = {areas: D.areas.length, drawn: drawn, data: D};
  map.getContainer().setAttribute('data-dm-shade', String(drawn));
  {% if this.fit %}
  if (D.fit) {
    map.fitBounds(L.latLngBounds(D.fit), {padding: [30, 30], maxZoom: 6});
  }
  {% endif %}
})();
{% endmacro %}
"""


class ShadeLayer(_RawScriptMixin):
    """Countries shaded by their events (:func:`.shade.shade_payload`), in the parent group."""

    _template = Template(_SHADE_JS)

    def __init__(self, payload: dict, *, fit: bool = True) -> None:
        super().__init__()
        self._name = "ShadeLayer"
        self.payload = js_payload(payload)
        self.fit = fit
        self.n_areas = len(payload["areas"])


def shade_layer(payload: dict, *, fit: bool = True) -> folium.FeatureGroup:
    """The shaded view's layer for ``st_folium(feature_group_to_add=...)``: every country of
    *payload* (:func:`.shade.shade_payload`) filled by its class, with a legend."""
    group = folium.FeatureGroup(name="Events per country", control=False)
    group.add_child(ShadeLayer(payload, fit=fit))
    return group


_BASEMAP_JS = """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var pane = map.getPane('dmBasemap') || map.createPane('dmBasemap');
  pane.style.zIndex = 150;
  pane.style.pointerEvents = 'none';
  var style = {color: '#a9b4c0', weight: 0.7, fillColor: '#f6f4ef', fillOpacity: 1};
  var renderer = L.canvas({pane: 'dmBasemap', padding: 0.3});
  var opts = {pane: 'dmBasemap', interactive: false, style: function () { return style; },
              renderer: renderer};
  {% if this.inline %}
  L.geoJSON({{ this.inline }}, opts).addTo(map);
  {% else %}
  if (!window.fetch) { return; }
  // zoomed in (>= detail_zoom), the countries in view are redrawn from finer outlines,
  // fetched once each; their coarse shape steps aside
  var detailUrl = {{ this.detail_url }}, detailZoom = {{ this.detail_zoom }};
  var coarse = null, index = null, loaded = {}, asked = {}, geoms = {};
  var detail = L.geoJSON(null, opts);
  var hidden = {stroke: false, fill: false};
  window.__deploymapBasemap = {loaded: loaded, detail: detail, geoms: geoms};
  function coarseStyle(f) {
    return map.getZoom() >= detailZoom && loaded[f.properties.iso] ? hidden : style;
  }
  function fetchDetail(iso) {
    asked[iso] = true;
    fetch(detailUrl + '/' + iso + '.geojson')
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (g) {
        if (!g) { return; }
        detail.addData(g);
        loaded[iso] = true;
        geoms[iso] = g.features[0].geometry;
        if (coarse) { coarse.setStyle(coarseStyle); }
        map.fire('dmdetail', {iso: iso, geometry: geoms[iso]});  // country areas follow
      }).catch(function () {});
  }
  function refresh() {
    var zoomed = map.getZoom() >= detailZoom;
    if (zoomed && index) {
      var view = map.getBounds();
      Object.keys(index).forEach(function (iso) {
        var b = index[iso];
        if (!asked[iso] && view.intersects(L.latLngBounds([b[0], b[1]], [b[2], b[3]]))) {
          fetchDetail(iso);
        }
      });
    }
    if (zoomed && !map.hasLayer(detail)) { detail.addTo(map); }
    if (!zoomed && map.hasLayer(detail)) { map.removeLayer(detail); }
    if (coarse) { coarse.setStyle(coarseStyle); }
  }
  fetch({{ this.url }}).then(function (r) { return r.ok ? r.json() : null; })
    .then(function (g) {
      if (g) { coarse = L.geoJSON(g, {pane: 'dmBasemap', interactive: false,
                                     style: coarseStyle, renderer: renderer}).addTo(map); }
    }).catch(function () {});
  if (detailUrl) {
    fetch(detailUrl + '/index.json').then(function (r) { return r.ok ? r.json() : null; })
      .then(function (i) { if (i) { index = i; refresh(); } }).catch(function () {});
    map.on('zoomend moveend', refresh);
  }
  {% endif %}
})();
{% endmacro %}
"""


class CountryBasemap(_RawScriptMixin):
    """The shipped country polygons under everything else: a map even with no tile server.
    Fetched from *url*, with the finer outlines of *detail_url* from *detail_zoom* on (the
    Americas, :func:`geo.explore.assets.build_detail_basemap`); or *inline* (the coarse
    outlines only: a standalone file)."""

    _template = Template(_BASEMAP_JS)

    def __init__(
        self,
        *,
        url: str | None = None,
        inline: dict | None = None,
        detail_url: str | None = None,
        detail_zoom: int = DETAIL_ZOOM,
    ) -> None:
        super().__init__()
        self._name = "CountryBasemap"
        self.url = json.dumps(url)
        self.inline = js_payload(inline) if inline is not None else ""
        self.detail_url = json.dumps(detail_url or "")
        self.detail_zoom = int(detail_zoom)


_LEGEND_JS = """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'dm-legend-box');
    div.innerHTML = {{ this.html }};
    // collapsed by default where it would cover much of the map (a phone)
    var width = map.getSize().x || window.innerWidth;
    if (width < {{ this.collapse_below }}) { div.firstChild.open = false; }
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo(map);
})();
{% endmacro %}
"""

LEGEND_COLLAPSE_BELOW = 640
"""Map width (px) under which the legend starts collapsed (one tap opens it)."""


def legend_html() -> str:
    """The legend, a ``<details>`` (collapsible, keyboard-operable): each type's shape and
    colour, then how precision is drawn."""
    rows = "".join(
        f'<div class="dm-row">{type_symbol(t)}{esc(EVENT_TYPE_LABELS[t])}</div>'
        for t in EVENT_TYPES
    )
    keys = (
        '<div class="dm-k"><div><span class="dm-ring"></span>region (approximate area)</div>'
        '<div><span class="dm-area"></span>whole country</div>'
        '<div><span class="dm-line"></span>border</div>'
        '<div><span class="dm-cl"></span>group: number of events</div></div>'
    )
    return (
        '<details class="dm-legend" open><summary>Legend</summary>'
        f'<div class="dm-lt">Deployment type</div>{rows}{keys}</details>'
    )


class Legend(MacroElement):
    """A Leaflet control with :func:`legend_html`."""

    _template = Template(_LEGEND_JS)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = json.dumps(legend_html())
        self.collapse_below = LEGEND_COLLAPSE_BELOW


MAP_CSS = """
<style>
.leaflet-container.leaflet-container { background: #dce8f2;
  font: 13px/1.35 "Source Sans 3", "Segoe UI",
  system-ui, sans-serif; }
.leaflet-dmCountries-pane > svg, .leaflet-dmRegions-pane > svg, .leaflet-dmLines-pane > svg {
  pointer-events: none; }
.dm-legend { background: rgba(255,255,255,.95); padding: 6px 10px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); font-size: 12px; line-height: 18px; color: #222;
  max-height: 60vh; overflow-y: auto; }
.dm-legend summary { cursor: pointer; font-weight: 600; min-height: 24px; line-height: 24px; }
.dm-legend:not([open]) { padding: 2px 10px; }
.dm-legend .dm-lt { font-weight: 600; margin: 2px 0; color: #444; }
.dm-legend .dm-sym { margin-right: 6px; vertical-align: -1px; }
.dm-legend .dm-k { margin-top: 4px; padding-top: 4px; border-top: 1px solid #ddd; color: #444; }
.dm-legend .dm-k span { display: inline-block; margin-right: 6px; vertical-align: -1px; }
.dm-legend .dm-ring { width: 10px; height: 10px; border-radius: 50%; border: 2px dashed #555; }
.dm-legend .dm-area { width: 12px; height: 9px; border: 1.5px dashed #555;
  background: rgba(85,85,85,.15); }
.dm-legend .dm-line { width: 14px; height: 0; border-top: 3px solid #555; vertical-align: 3px; }
.dm-legend .dm-cl { width: 14px; height: 14px; border-radius: 50%;
  background: conic-gradient(#C8102E 0 40%, #2166AC 40% 75%, #117733 75%); }
.dm-mk svg { display: block; overflow: visible; filter: drop-shadow(0 0 1px rgba(0,0,0,.6)); }
.dm-cluster > div { width: 100%; height: 100%; border-radius: 50%; display: flex;
  align-items: center; justify-content: center;
  box-shadow: 0 0 0 1.5px #fff, 0 1px 4px rgba(0,0,0,.5); }
.dm-cluster span { background: #fff; color: #1a1a1a; border-radius: 50%; width: 64%;
  height: 64%; display: flex; align-items: center; justify-content: center;
  font-weight: 700; font-size: 12px; }
.dm-mk:focus-visible, .dm-cluster:focus-visible, .dm-legend summary:focus-visible,
path.leaflet-interactive:focus-visible { outline: 3px solid #111; outline-offset: 2px; }
.dm-pop { max-height: 300px; overflow-y: auto; }
.dm-pop .dm-h { font-weight: 700; font-size: 14px; }
.dm-pop .dm-sub { color: #555; margin-bottom: 6px; }
.dm-pop .dm-ev { border-top: 1px solid #eee; padding: 5px 0; }
.dm-pop .dm-ev i { display: inline-block; width: 10px; height: 10px; margin-right: 5px; }
.dm-pop .dm-q { color: #333; margin-top: 2px; font-style: italic; }
.dm-pop .dm-q a, .dm-pop .dm-src { font-style: normal; margin-left: 4px; }
.dm-pop .dm-more { color: #555; border-top: 1px solid #eee; padding-top: 4px; }
</style>
"""


_CLIP_PATHS: dict[str, str] = {
    "troop_deployment": "circle(50%)",
    "foreign_troops": "inset(5%)",
    "state_of_emergency": "polygon(50% 0, 100% 100%, 0 100%)",
    "border_control": "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
    "military_exercise": "polygon(0 0, 100% 0, 50% 100%)",
    "security_agreement": "polygon(25% 5%, 75% 5%, 100% 50%, 75% 95%, 25% 95%, 0 50%)",
    "migration": "polygon(50% 0, 63% 35%, 100% 37%, 71% 60%, 81% 98%, 50% 76%, 19% 98%, "
    "29% 60%, 0 37%, 37% 35%)",
    "other": "polygon(35% 0, 65% 0, 65% 35%, 100% 35%, 100% 65%, 65% 65%, 65% 100%, 35% 100%, "
    "35% 65%, 0 65%, 0 35%, 35% 35%)",
}


def symbol_css() -> str:
    """CSS of the popups' type symbols (``<i class="dm-s<n>">``): each type's colour and the
    shape of its markers (:data:`TYPE_SHAPES`), as a clip path."""
    rules = "".join(
        f".dm-s{i} {{ background: {TYPE_COLORS[t]}; clip-path: {_CLIP_PATHS[t]}; }}\n"
        for i, t in enumerate(EVENT_TYPES)
    )
    return f"<style>\n{rules}</style>\n"


def base_map(
    *,
    assets: Assets | None = None,
    tiles: bool = True,
    basemap: Literal["fetch", "inline", "none"] = "fetch",
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: int = DEFAULT_ZOOM,
    height: int | str = "100%",
) -> folium.Map:
    """The constant part of the map: local Leaflet, country basemap, optional tiles, legend.

    *basemap*: ``fetch`` loads ``static/basemap/countries.geojson`` from *assets* (the
    dashboard: it is not resent on every rerun), ``inline`` embeds it (standalone HTML).
    """
    assets = assets or file_assets()
    fmap = folium.Map(
        location=list(center),
        zoom_start=zoom,
        tiles=None,
        max_zoom=MAX_ZOOM,
        min_zoom=2,
        control_scale=True,
        height=height,
        world_copy_jump=True,
    )
    # maxZoom as a map option: without a tile layer the cluster plugin needs it.
    fmap.options["max_zoom"] = MAX_ZOOM
    fmap.options["min_zoom"] = 2
    # Leaflet and the cluster plugin from local files; no jQuery/Bootstrap/icon fonts needed.
    fmap.default_js = assets.map_js + assets.cluster_js
    fmap.default_css = assets.map_css + assets.cluster_css
    fmap.get_root().header.add_child(Element(MAP_CSS + symbol_css()), name="deploymap_css")
    if basemap == "inline":
        CountryBasemap(inline=load_basemap()).add_to(fmap)
    elif basemap == "fetch":
        CountryBasemap(url=assets.basemap_url, detail_url=assets.detail_url).add_to(fmap)
    if tiles:
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap", control=False, max_zoom=MAX_ZOOM
        ).add_to(fmap)
    Legend().add_to(fmap)
    return fmap


def build_map(
    events: pd.DataFrame,
    *,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    assets: Assets | None = None,
    tiles: bool = True,
    basemap: Literal["fetch", "inline", "none"] = "inline",
    height: int | str = "100%",
    shade: str = "points",
) -> folium.Map:
    """A complete map of *events* (pure: same table, same HTML up to folium's element ids).

    Without *center*/*zoom* the view fits the events; with them, that view is kept. *shade*
    ``"countries"`` draws the countries shaded by their events instead of the places.
    """
    fit = center is None
    fmap = base_map(
        assets=assets, tiles=tiles, basemap=basemap, height=height,
        center=center or DEFAULT_CENTER, zoom=zoom if zoom is not None else DEFAULT_ZOOM,
    )  # fmt: skip
    payload = layer_payload(*map_data(events))
    if shade == "countries":
        shade_layer(country_shading(events, fit=payload["fit"]), fit=fit).add_to(fmap)
    else:
        place_layer(payload, assets=assets, fit=fit).add_to(fmap)
    return fmap


def country_shading(events: pd.DataFrame, *, fit: list | None = None) -> dict:
    """The shaded view's payload of an events table in memory (:func:`.shade.shade_payload`
    over :meth:`.store.EventStore.country_summary`)."""
    from geo.explore.assets import country_names
    from geo.explore.shade import shade_payload

    store = EventStore.from_frame(events)
    try:
        countries = store.country_summary(Filters())
    finally:
        store.close()
    return shade_payload(countries, country_outlines(), country_names(), fit=fit)


def place_at(
    places: pd.DataFrame, lat: float, lon: float, *, tolerance: float = 1e-4
) -> str | None:
    """The ``location_id`` of the place drawn at (*lat*, *lon*), for a clicked marker.

    Points match their exact coordinates (Leaflet reports a small marker's own position);
    otherwise the nearest border line or region within *tolerance* degrees, else ``None``.
    """
    if places.empty:
        return None
    dist = (places["latitude"] - lat).abs() + (places["longitude"] - lon).abs()
    best = dist.idxmin()
    if dist[best] <= tolerance:
        return str(places.at[best, "location_id"])
    lines = places[places["geo_precision"] == "border"]
    if not lines.empty and tolerance > 0:
        from shapely import wkt
        from shapely.geometry import Point

        point = Point(lon, lat)
        for row in lines.itertuples():
            if isinstance(row.geometry_wkt, str):
                try:
                    if wkt.loads(row.geometry_wkt).distance(point) <= tolerance:
                        return str(row.location_id)
                except (GEOSException, ValueError, TypeError):  # malformed: not clickable
                    continue
    return None
