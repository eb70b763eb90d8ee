"""The event detail panel's logic (issue 11), without a browser: selection from clicks and
links, highlights, every event listed once, all article text escaped."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.explore.detail import (
    MAX_SELECTED,
    check_selection,
    detail_events,
    detail_html,
    format_force,
    highlight,
    parse_place_param,
    place_spans,
    selection_from_tooltip,
    selection_params,
)
from geo.explore.filters import Filters
from geo.explore.map import map_data, tooltip_html
from geo.explore.store import EventStore
from geo.synthetic.events import synthetic_events
from geo.table.schema import empty_events, validate_events


def _rows(*rows: dict) -> pd.DataFrame:
    base = {c: None for c in empty_events().columns}
    return validate_events(pd.DataFrame([{**base, **r} for r in rows]))


def _row(**kw) -> dict:
    out = {"event_id": "e1", "event_key": "a#1", "article_id": "a", "event_type":
           "troop_deployment", "date_precision": "day", "place": "Lima", "location_id": "gn:1",
           "geo_precision": "point", "latitude": -12.0, "longitude": -77.0, "evidence": "x",
           "evidence_start": 0, "evidence_end": 1, "confidence": 0.9}  # fmt: skip
    out.update(kw)
    return out


# ---------------------------------------------------------------- selection


def test_a_place_tooltip_gives_its_id_and_a_cluster_tooltip_every_id():
    places, _ = map_data(synthetic_events(60, seed=1))
    place = places.iloc[0].to_dict()
    tip = re.sub(r"<[^>]+>", "", tooltip_html(place))  # as streamlit-folium reports it
    assert selection_from_tooltip(tip) == (place["location_id"],)
    ids = ("gn:1", "border:CL-PE", "sup:a&amp;b")
    group = "<b>5 events</b> at 3 places" + "".join(f"\u27e6{i}\u27e7" for i in ids)
    assert selection_from_tooltip(group) == ("gn:1", "border:CL-PE", "sup:a&b")
    assert selection_from_tooltip("\u27e6gn:1\u27e7\u27e6gn:1\u27e7") == ("gn:1",)
    many = "".join(f"\u27e6gn:{i}\u27e7" for i in range(500))
    assert len(selection_from_tooltip(many)) == MAX_SELECTED
    assert selection_from_tooltip(None) == () and selection_from_tooltip("no token") == ()


def test_the_place_link_parameter_round_trips_and_refuses_hostile_values():
    sel = ("gn:3936456", "border:CL-PE", "sup:pe-la-yarada")
    params = selection_params(sel)
    assert params == {"place": "gn:3936456,border:CL-PE,sup:pe-la-yarada"}
    assert parse_place_param([params["place"]]) == (sel, [])
    assert selection_params(None) == {} and selection_params(()) == {}
    got, notices = parse_place_param(["<script>alert(1)</script>", "gn:1", " gn:1 ", "x" * 500])
    assert got == ("gn:1",)
    assert len(notices) == 2 and all("not a place id" in n for n in notices)
    assert all(len(n) < 80 for n in notices)  # a long value is shortened in the notice
    got, notices = parse_place_param([",".join(f"gn:{i}" for i in range(MAX_SELECTED + 5))])
    assert len(got) == MAX_SELECTED and "only the first" in notices[0]
    assert parse_place_param(["gn:1\x00"])[0] == ()


def test_places_not_among_the_filtered_ones_are_dropped_with_a_notice_from_a_link_only():
    kept, notices = check_selection(("gn:1", "gn:2"), ["gn:2", "gn:3"], from_url=True)
    assert kept == ("gn:2",) and notices == [
        "`place=gn:1` is not among the filtered places; ignored"
    ]
    assert check_selection(("gn:1",), ["gn:2"], from_url=False) == ((), [])


# ---------------------------------------------------------------- highlighting


def test_the_stored_offsets_highlight_the_place_when_they_point_at_it():
    text = "Des soldats à Lima et près de Lima."
    # place_start/evidence_start are offsets in the article: Lima at 14 of this sentence
    assert place_spans(text, "Lima", 114, 118, 100) == [(14, 18)]
    # offsets that do not point at the place: every whole-word match of the name instead
    assert place_spans(text, "Lima", 5, 9, 0) == [(14, 18), (30, 34)]
    assert place_spans("Limassol et Lima", "Lima", None, None, None) == [(12, 16)]
    assert place_spans("à Ciudad de México", "CDMX", None, None, None,
                       names=["Ciudad de México"]) == [(2, 18)]  # fmt: skip
    assert place_spans("nothing here", "Lima", None, None, None) == []


def test_highlight_escapes_each_piece_and_never_cuts_an_entity():
    text = 'l\'armée <b>à</b> A&B "ici"'
    start = text.index("A&B")
    out = highlight(text, [(start, start + 3), (start + 1, start + 2)])
    assert out == ("l&#x27;armée &lt;b&gt;à&lt;/b&gt; <mark>A&amp;B</mark> &quot;ici&quot;")
    assert highlight("`x`", []) == "&#96;x&#96;"
    assert highlight("abc", [(5, 9), (-3, 1)]) == "<mark>a</mark>bc"


# ---------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("size", "qualifier", "place", "expected"),
    [
        (1500, "about", None, "about 1,500 troops"),
        (200, "at_least", 90, "at least 200 troops (90 here)"),
        (50, "at_most", None, "at most 50 troops"),
        (7, "exact", 7, "7 troops"),
        (7, None, None, "7 troops"),
        (None, "about", None, ""),
    ],
)
def test_force_is_written_with_its_qualifier(size, qualifier, place, expected):
    assert format_force(size, qualifier, place) == expected


def test_each_event_is_listed_once_newest_first_with_all_its_places_highlighted():
    evidence = "Des militaires à Lima et Callao."
    rows = _rows(
        _row(event_id="e1", event_key="a#1", evidence=evidence, place="Lima", location_id="gn:1",
             place_start=17, place_end=21, date_start="2024-03-01"),
        _row(event_id="e2", event_key="a#1", evidence=evidence, place="Callao",
             location_id="gn:2", place_start=25, place_end=31, date_start="2024-03-01"),
        _row(event_id="e3", event_key="b#1", evidence="Undated at Lima.", date_start=None,
             date_precision="unknown"),
        _row(event_id="e4", event_key=None, evidence="Later at Lima.", date_start="2025-01-02"),
    )  # fmt: skip
    events = detail_events(rows)
    assert [e.evidence for e in events] == ["Later at Lima.", evidence, "Undated at Lima."]
    both = events[1]
    assert both.places == ("Lima", "Callao")
    assert [evidence[s:e] for s, e in both.spans] == ["Lima", "Callao"]
    assert events[2].dates == "date unknown"


def test_the_panel_lists_every_field_and_escapes_all_article_text():
    rows = _rows(
        _row(event_id="e1", title="L'armée « en route » <img src=x onerror=alert(1)>",
             date_start="2024-03-01", date_end="2024-03-31", force_size=1500,
             force_size_qualifier="about", actor="Garde nationale d'Haïti", source="AFP",
             url="https://example.org/a?b=1&c=2", evidence="Envoi à Lima de <script>x</script>",
             place_start=9, place_end=13, evidence_start=0),
        _row(event_id="e2", event_key="c#1", event_type="border_control",
             url="javascript:alert(1)", source="Bad <b>src</b>", evidence="À Lima.",
             date_start="2023-01-05"),
    )  # fmt: skip
    places = pd.DataFrame([{"location_id": "gn:1", "label": "Lima <i>", "n_events": 2,
                            "geo_precision": "point", "country_code": "PE"}])  # fmt: skip
    out = detail_html(places, rows, symbols={"troop_deployment": "<svg></svg>"})
    assert "<script" not in out and "<img" not in out and "<b>src" not in out and "<i>" not in out
    assert "L&#x27;armée « en route » &lt;img src=x onerror=alert(1)&gt;" in out
    assert "Garde nationale d&#x27;Haïti" in out and "about 1,500 troops" in out
    assert "Troop deployment · 2024-03-01 → 2024-03-31" in out and "Border control" in out
    assert "Envoi à <mark>Lima</mark> de &lt;script&gt;x&lt;/script&gt;" in out
    assert "À <mark>Lima</mark>." in out
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert hrefs == ["https://example.org/a?b=1&amp;c=2"]  # the javascript: URL is no link
    assert 'target="_blank" rel="noopener noreferrer"' in out
    assert "Lima &lt;i&gt;" in out and "2 events · place · PE" in out
    assert out.count('<li class="dm-d-ev">') == 2 and "<svg></svg>" in out
    few = detail_html(places, rows, limit=1)
    assert few.count("<li") == 1 and "events table below holds them all" in few


def test_a_group_heading_names_its_places():
    places = pd.DataFrame({"location_id": ["a", "b", "c", "d"], "label": ["A", "B", "C", "D"],
                           "n_events": [3, 2, 1, 1], "geo_precision": ["point"] * 4,
                           "country_code": ["PE"] * 4})  # fmt: skip
    out = detail_html(places, empty_events())
    assert "4 places" in out and "7 events · A, B, C and 1 more" in out and "No event" in out


@pytest.mark.parametrize("backend", ["pandas", "duckdb"])
def test_the_store_gives_the_rows_of_several_places(backend, tmp_path):
    table = synthetic_events(300, seed=5)
    if backend == "pandas":
        store = EventStore.from_frame(table)
    else:
        path = tmp_path / "events.parquet"
        table.to_parquet(path)
        store = EventStore.open(path, backend="duckdb")
        assert store.on_disk
    places = store.filter_places(Filters())
    some = tuple(places["location_id"].head(3))
    rows = store.page(Filters(), 0, 10_000, location=some)
    assert set(rows["location_id"]) == set(some)
    assert (
        len(rows) == int(places["n_events"].head(3).sum()) == store.count(Filters(), location=some)
    )
    assert len(store.page(Filters(), 0, 10, location=())) == 0
    assert len(store.page(Filters(), 0, 10_000, location=some[0])) == int(
        places["n_events"].iloc[0]
    )
