"""The map builder is pure: events -> folium.Map, checked on its rendered HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from geo.explore.assets import (
    STREAMLIT_ASSETS,
    file_assets,
    load_basemap,
    region_extent_km,
    region_radii,
    vendor_files,
)
from geo.explore.map import (
    LEGEND_COLLAPSE_BELOW,
    TYPE_COLORS,
    TYPE_SHAPES,
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
    place_name,
    popup_html,
    region_km,
    symbol_css,
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
    assert "<script>alert" not in html and "<img src=x" not in html  # names are escaped too
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in payload["names"]
    for fragment in payload["pops"] + payload["tips"] + payload["names"]:
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
    assert legend_html().count('class="dm-sym"') == len(EVENT_TYPES)


def test_file_assets_point_at_the_static_folder() -> None:
    assets = file_assets()
    assert assets.map_js[0][1].endswith("static/vendor/leaflet/leaflet.js")


# -- issue 11: what the map's users judge --------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
}  # fmt: skip
LAND, SEA = "#f6f4ef", "#dce8f2"  # the offline basemap's fill and the map's background


def _linear(hex_color: str) -> list[float]:
    out = []
    for i in (1, 3, 5):
        c = int(hex_color[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def _luminance(rgb: list[float]) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    la, lb = sorted((_luminance(_linear(a)), _luminance(_linear(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _seen(hex_color: str, vision: str) -> tuple[float, float, float]:
    rgb = _linear(hex_color)
    if vision in CVD:
        m = CVD[vision]
        rgb = [min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)]
    return _lab(rgb)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#ff7f0e", "#ffffff") == pytest.approx(2.54, abs=0.01)  # the old orange


def test_every_type_colour_has_3_to_1_contrast_on_white_land_and_sea() -> None:
    ratios = {t: round(contrast(TYPE_COLORS[t], "#ffffff"), 2) for t in EVENT_TYPES}
    assert min(ratios.values()) >= 3.0, ratios  # WCAG 1.4.11 non-text contrast
    for background in (LAND, SEA):
        assert min(contrast(c, background) for c in TYPE_COLORS.values()) >= 3.0, background
    assert len(set(TYPE_COLORS.values())) == len(EVENT_TYPES)


def test_type_colours_stay_apart_for_red_green_colour_blind_viewers() -> None:
    import itertools
    import math

    worst = min(
        (math.dist(_seen(TYPE_COLORS[a], v), _seen(TYPE_COLORS[b], v)), v, a, b)
        for a, b in itertools.combinations(EVENT_TYPES, 2)
        for v in ("normal", "protanopia", "deuteranopia")
    )
    assert worst[0] >= 12.0, worst  # CIE76 delta E: clearly different marks
    # the pair the issue names
    for vision in ("protanopia", "deuteranopia"):
        pair = (_seen(TYPE_COLORS["foreign_troops"], vision),
                _seen(TYPE_COLORS["border_control"], vision))  # fmt: skip
        assert math.dist(*pair) >= 12.0


def test_each_type_has_its_own_shape_in_markers_and_legend(events) -> None:
    assert set(TYPE_SHAPES) == set(EVENT_TYPES)
    assert len(set(TYPE_SHAPES.values())) == len(EVENT_TYPES)
    payload = _payload_of(build_map(events).get_root().render())
    assert payload["shapes"] == [TYPE_SHAPES[t] for t in EVENT_TYPES]
    legend = legend_html()
    for t in EVENT_TYPES:
        assert f'<path d="{TYPE_SHAPES[t]}" fill="{TYPE_COLORS[t]}"' in legend


def test_legend_is_collapsible_and_starts_collapsed_on_a_phone() -> None:
    html = base_map(assets=STREAMLIT_ASSETS, basemap="none").get_root().render()
    assert legend_html().startswith('<details class="dm-legend" open><summary>Legend</summary>')
    assert f"if (width < {LEGEND_COLLAPSE_BELOW}) {{ div.firstChild.open = false; }}" in html
    assert 390 < LEGEND_COLLAPSE_BELOW <= 768  # a phone is narrow, a laptop is not


def test_areas_lie_under_the_markers_and_let_the_mouse_through(events) -> None:
    """A town inside a whole-country event must stay clickable (issue 11): areas and lines
    are in panes under Leaflet's marker pane (600), points are DOM markers in it."""
    html = build_map(events).get_root().render()
    panes = dict(re.findall(r"pane\('(dm\w+)', (\d+)\)", html))
    assert panes == {"dmCountries": "350", "dmRegions": "370", "dmLines": "390"}
    assert "L.canvas(" not in html.split("var D = ")[1]  # no canvas above the areas
    assert "new Mk([p[0], p[1]]" in html and "pane: PANES[2]" in html
    for name in panes:
        assert f".leaflet-{name}-pane > svg" in html  # the pane's SVG root: pointer-events none


def test_clusters_count_events_and_show_their_types(events) -> None:
    html = build_map(events).get_root().render()
    assert "iconCreateFunction: clusterIcon" in html
    assert "total += q[3]" in html  # the events of each place, not the number of places
    assert "conic-gradient(" in html and "D.colors[t]" in html
    payload = _payload_of(html)
    places = map_data(events)[0]
    by_id = places.set_index("location_id")
    for row, (_, place) in zip(payload["places"], places.iterrows(), strict=True):
        counts = [int(place["n_" + t]) for t in EVENT_TYPES]
        assert row[3] == place["n_events"] == sum(counts)
        if sum(1 for c in counts if c) > 1:
            assert row[7] == counts
        else:
            assert row[7] == 0 and counts[row[2]] == row[3]
    assert len(by_id) == len(payload["places"])


def test_markers_areas_and_clusters_have_accessible_names(events) -> None:
    html = build_map(events).get_root().render()
    payload = _payload_of(html)
    places = map_data(events)[0]
    assert len(payload["names"]) == len(places)
    place = places.iloc[0].to_dict()
    name = place_name(place)
    assert name.startswith(f"{place['label']}, ") and f"{place['n_events']} event" in name
    assert payload["names"][0] == esc(place["label"])  # the map composes the rest
    assert payload["kindNames"] == ["place", "region (approximate area)", "whole country",
                                    "border line"]  # fmt: skip
    assert "setAttribute('aria-label', nameOf(" in html  # markers and areas
    assert "this._icon.setAttribute('aria-label', this._dmLabel)" in html  # clusters
    assert "el.setAttribute('tabindex', '0')" in html  # areas (markers: keyboard: true)
    assert "fg.on('keypress'" in html and "cluster.on('clusterkeypress'" in html
    mixed = {
        "label": "Tacna",
        "n_events": 3,
        "geo_precision": "admin1",
        "main_type": "other",
        **{f"n_{t}": 0 for t in EVENT_TYPES},
        "n_troop_deployment": 2,
        "n_migration": 1,
    }
    assert place_name(mixed) == (
        "Tacna, region (approximate area): 3 events (2 troop deployment, 1 migration)"
    )


def test_regions_are_drawn_at_their_size_from_the_gazetteer(events) -> None:
    radii = region_radii()
    assert radii, "static/basemap/regions.csv is missing"
    # known areas (km2 -> equal-area radius): Loreto 368,852 -> 343, Tacna 16,076 -> 72,
    # Texas 695,662 -> 470, Rhode Island 3,144 -> 32
    for code, true_km in (("PE-LOR", 343), ("PE-TAC", 72), ("US-TX", 470), ("US-RI", 32)):
        assert 0.75 * true_km <= radii[code] <= 1.3 * true_km, (code, radii[code])
    assert region_km({"location_id": "adm1:PE-LOR"}) == radii["PE-LOR"]
    assert (
        region_km({"location_id": "gn:1", "country_code": "PE", "admin1": "Loreto"})
        == (radii["PE-LOR"])
    )  # the synthetic tables name regions, not codes
    assert region_km({"location_id": "x", "country_code": "ZZ", "label": "Nowhere"}) == 60.0
    payload = _payload_of(build_map(events).get_root().render())
    sizes = {row[6] for row in payload["places"] if row[4] == 1}
    assert len(sizes) > 1 and max(sizes) > 250_000 and min(sizes) < 120_000  # not all 60 km
    assert all(row[6] == 0 for row in payload["places"] if row[4] != 1)
    # small on screen: solid, never a dashed "c"
    assert "px < 14 ? {dashArray: null" in build_map(events).get_root().render()


def test_region_extent_from_towns() -> None:
    assert region_extent_km(0.0, 0.0, []) is None
    # towns spread over a disc of radius 1 degree (~111 km)
    import math

    towns = [(r * math.sin(a), r * math.cos(a)) for r in (0.25, 0.5, 0.75, 1.0)
             for a in [k * math.pi / 12 for k in range(24)]]  # fmt: skip
    assert 85 <= region_extent_km(0.0, 0.0, towns) <= 115
    assert region_extent_km(0.0, 0.0, [(0.0, 0.0)]) == 8.0  # a single town: the minimum


def test_popups_show_each_type_with_its_marker_shape_and_colour(events) -> None:
    css = symbol_css()
    for i, t in enumerate(EVENT_TYPES):
        assert f".dm-s{i} {{ background: {TYPE_COLORS[t]}; clip-path: " in css
    assert len(set(re.findall(r"clip-path: ([^;]+);", css))) == len(EVENT_TYPES)
    one = event_html(events.iloc[0].to_dict())
    index = EVENT_TYPES.index(events.iloc[0]["event_type"])
    assert one.startswith(f'<div class="dm-ev"><i class="dm-s{index}"></i>')
    assert css in build_map(events).get_root().render()
