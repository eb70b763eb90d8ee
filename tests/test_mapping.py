"""The map builder is pure: events -> folium.Map, checked on its rendered HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from geo.explore.assets import STREAMLIT_ASSETS, file_assets, load_basemap, vendor_files
from geo.explore.map import (
    TYPE_COLORS,
    base_map,
    build_map,
    esc,
    event_html,
    js_payload,
    layer_payload,
    legend_html,
    location_from_tooltip,
    map_data,
    place_at,
    popup_html,
    tooltip_html,
)
from geo.synthetic.events import synthetic_events
from geo.table.schema import EVENT_TYPES

HOSTILE = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "`${alert(1)}`",
    'l\'armée d’entrer « ici » "quoted"',
    "{{ 7*7 }} {% if 1 %}x{% endif %}",
    "</script><!-- \u2028",
]


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return synthetic_events(300, seed=2)


def _payload_of(html: str) -> dict:
    match = re.search(r"var D = (\{.*?\});\n", html, re.S)
    assert match, "no data payload in the map"
    return json.loads(match.group(1))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_esc_escapes_html_quotes_and_backticks() -> None:
    assert esc("<a href='x'>\"`&") == "&lt;a href=&#x27;x&#x27;&gt;&quot;&#96;&amp;"
    assert esc(None) == "" and esc(pd.NA) == "" and esc(float("nan")) == ""
    assert esc("d’entrer") == "d’entrer"


def test_build_map_renders_every_place_once(events) -> None:
    html = build_map(events).get_root().render()
    payload = _payload_of(html)
    places = map_data(events)[0]
    assert len(payload["places"]) == len(places) == len(payload["pops"]) == len(payload["tips"])
    kinds = {row[4] for row in payload["places"]}
    assert kinds == {0, 1, 2, 3}  # point, region, country, border
    assert len(payload["geoms"]) >= 2  # border lines (and country outlines)
    assert payload["colors"] == [TYPE_COLORS[t] for t in EVENT_TYPES]
    assert payload["fit"][0][0] <= payload["fit"][1][0]


def test_map_uses_local_assets_only(events) -> None:
    html = build_map(events, tiles=False).get_root().render()
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    links = re.findall(r'<link[^>]+href="([^"]+)"', html)
    assert scripts and all(s.startswith("file://") for s in scripts)
    assert all(h.startswith("file://") for h in links)
    for needle in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg"):
        assert needle not in html
    streamlit_html = build_map(events, assets=STREAMLIT_ASSETS).get_root().render()
    assert "../../app/static/vendor/leaflet/leaflet.js" in streamlit_html
    for path in vendor_files():
        assert path.exists(), path
        assert path.stat().st_size > 0


def test_basemap_is_compact_and_covers_the_americas() -> None:
    data = load_basemap()
    isos = {f["properties"]["iso"] for f in data["features"]}
    assert {"US", "MX", "PE", "CL", "BR", "HT", "CA"} <= isos
    assert vendor_files()[-1].stat().st_size < 2_000_000


def test_hostile_text_is_escaped_everywhere(events) -> None:
    rows = events.head(len(HOSTILE)).copy()
    rows["evidence"] = HOSTILE
    rows["actor"] = HOSTILE
    rows["place_resolved"] = HOSTILE
    rows["source"] = HOSTILE
    rows["url"] = ["javascript:alert(1)", "https://ok.example/a?b=\"c\"", "data:x", None,
                   "https://ok.example/l'armée", "JAVASCRIPT:x"]  # fmt: skip
    rows["location_id"] = [f"loc:{i}" for i in range(len(rows))]
    html = build_map(rows).get_root().render()
    # Jinja did not evaluate the text and the script was not closed early
    assert "49" not in re.sub(r"[\d.]+,", "", _payload_of(html)["pops"][4])
    assert html.count("</script>") == html.count("<script")
    payload = _payload_of(html)
    for fragment in payload["pops"] + payload["tips"]:
        parser = _Collector()
        parser.feed(fragment)
        assert set(parser.tags) <= {"div", "i", "b", "a", "span"}
        hrefs = [v for k, v in parser.attrs if k == "href"]
        assert all(v.startswith("https://") for v in hrefs)
        assert not any(k.startswith("on") for k, _ in parser.attrs)
        assert "javascript:" not in fragment.lower()
    joined = "".join(payload["pops"])
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in joined
    assert "&#96;${alert(1)}&#96;" in joined
    assert "l&#x27;armée d’entrer « ici » &quot;quoted&quot;" in joined


def test_js_payload_is_safe_in_a_script_and_in_jinja() -> None:
    text = js_payload({"a": HOSTILE})
    assert "</script" not in text and "<!--" not in text
    assert "{{" not in text and "{%" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": HOSTILE}


def test_popup_and_tooltip(events) -> None:
    places = map_data(events)[0]
    place = places.iloc[0].to_dict()
    mine = events[events["location_id"] == place["location_id"]].head(2)
    html = popup_html(place, mine)
    assert html.count('class="dm-ev"') == len(mine)
    if place["n_events"] > 2:
        assert "more" in html
    tip = tooltip_html(place)
    assert location_from_tooltip(re.sub(r"<[^>]+>", "", tip)) == place["location_id"]
    assert location_from_tooltip(None) is None and location_from_tooltip("x") is None
    one = event_html(mine.iloc[0].to_dict())
    assert one.startswith('<div class="dm-ev">')


def test_place_at_finds_points_and_lines(events) -> None:
    places = map_data(events)[0]
    point = places[places["geo_precision"] == "point"].iloc[0]
    assert place_at(places, point["latitude"], point["longitude"]) == point["location_id"]
    # a click anywhere on the US-Mexico line (here near El Paso)
    assert place_at(places, 31.78, -107.0, tolerance=0.05) == "border:MX-US"
    assert place_at(places, -60.0, 0.0) is None


def test_empty_table_gives_a_map_without_data(events) -> None:
    html = build_map(events.iloc[:0]).get_root().render()
    assert _payload_of(html)["places"] == []
    assert layer_payload(*map_data(events.iloc[:0]))["fit"] is None


def test_base_map_is_constant() -> None:
    """streamlit-folium keys the component on the base map's script: it must not change."""
    first = base_map(assets=STREAMLIT_ASSETS, basemap="fetch").get_root().render()
    second = base_map(assets=STREAMLIT_ASSETS, basemap="fetch").get_root().render()
    strip = lambda s: re.sub(r"_[0-9a-f]{32}", "", s)  # noqa: E731
    assert strip(first) == strip(second)
    assert '"maxZoom": 18' in first  # the cluster plugin needs it when there are no tiles
    assert legend_html().count("<i ") == len(EVENT_TYPES)


def test_file_assets_point_at_the_static_folder() -> None:
    assets = file_assets()
    assert assets.map_js[0][1].endswith("static/vendor/leaflet/leaflet.js")
