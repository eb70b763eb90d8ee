"""The standalone HTML export and the copy-link box (issue 11), without a browser."""

from __future__ import annotations

import json
import re

from geo.explore.export import (
    COPY_LINK_HTML,
    standalone_html,
    standalone_html_from_payload,
    view_caption,
)
from geo.explore.map import layer_payload, map_data
from geo.synthetic.events import synthetic_events

_RESOURCE = re.compile(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", re.IGNORECASE)


def test_the_export_inlines_leaflet_and_the_basemap_and_links_no_resource():
    events = synthetic_events(80, seed=2)
    page = standalone_html(events, title="deploymap", caption="80 events")
    assert page.startswith("<!DOCTYPE html>")
    head = page.split("var D =", 1)[0]  # before the data: the page's own code and styles
    assert _RESOURCE.search(head) is None  # no <script src>, <link href>, <img src>
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)  # no remote CSS resource
    assert "dm-inline" not in page and "cdn" not in head.lower()
    assert "L.Map" in page and "MarkerClusterGroup" in page  # Leaflet and the plugin inlined
    assert ".leaflet-pane" in page  # Leaflet's CSS
    assert '"type":"FeatureCollection"' in page  # the country basemap, inlined
    assert "tile.openstreetmap.org" not in page  # no tile layer
    places, _ = map_data(events)
    payload = re.search(r"var D = (\{.*?\});\n", page).group(1)
    assert payload.count("\u27e6") == len(places)  # every place of the table is on the map


def test_article_text_and_the_caption_stay_text():
    events = synthetic_events(300, seed=3)
    hostile = "{{ 7*7 }} {% if 1 %}x{% endif %} <img src=x onerror=alert(1)> l'armée"
    page = standalone_html(events, title="t </script>", caption=hostile)
    assert "<img src=x" not in page and "<script>alert" not in page
    shown = json.loads(re.search(r"div.innerHTML = (\"[^\n]*\");", page).group(1))
    assert shown == (
        "<b>t &lt;/script&gt;</b><br>{{ 7*7 }} {% if 1 %}x{% endif %} "
        "&lt;img src=x onerror=alert(1)&gt; l&#x27;armée"
    )  # escaped, and never evaluated as a template
    assert "<title>t &lt;/script&gt;</title>" in page


def test_a_view_opens_the_export_there_instead_of_fitting():
    payload = layer_payload(*map_data(synthetic_events(40, seed=1)))
    fitted = standalone_html_from_payload(payload)
    at = standalone_html_from_payload(payload, view=(-12.05, -77.05, 9))
    assert "-12.05" in at and "if (D.fit)" in fitted and "if (D.fit)" not in at


def test_the_caption_names_the_filters_but_not_the_map_view():
    params = {"type": "border_control", "q": "Tacna", "lat": "1", "lon": "2", "zoom": "3"}
    assert view_caption(1, params, "2026-01-02") == (
        "1 event · type=border_control; q=Tacna · exported 2026-01-02"
    )
    assert view_caption(5, {}, "x") == "5 events · no filter · exported x"


def test_the_copy_link_box_loads_nothing_and_reads_the_page_address():
    assert _RESOURCE.search(COPY_LINK_HTML) is None and "http" not in COPY_LINK_HTML
    assert "window.parent.location.href" in COPY_LINK_HTML
    assert "navigator.clipboard.writeText" in COPY_LINK_HTML and "readonly" in COPY_LINK_HTML
