"""The Streamlit page through AppTest: filters, URL state, notices, table, downloads, counts.

AppTest cannot look inside ``st_folium`` (the map is tested in test_mapping and in the browser).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_pandas_reference import reference_headline, reference_rows

from geo.explore.filters import Filters
from geo.table.formats import read_events
from geo.table.search import add_search_column

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture(scope="module")
def table(dashboard_events_csv):
    return add_search_column(read_events(dashboard_events_csv))


@pytest.fixture
def make_app(dashboard_events_csv, monkeypatch):
    monkeypatch.setenv("DEPLOYMAP_EVENTS", str(dashboard_events_csv))

    def make(**params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return make


def _matched(at: AppTest) -> int:
    caption = next(c.value for c in at.sidebar.caption if "events match" in c.value)
    return int(caption.split("**")[1].replace(",", ""))


def _metric(at: AppTest, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label).replace(",", ""))


def test_page_loads_with_counts_table_and_downloads(make_app, table) -> None:
    at = make_app()
    assert not at.exception
    assert at.title[0].value == "deploymap"
    numbers = reference_headline(table)
    assert _matched(at) == len(table)
    assert _metric(at, "Events") == numbers["events"]
    assert _metric(at, "Places") == numbers["places"]
    assert _metric(at, "Countries") == numbers["countries"]
    assert _metric(at, "Troops stated") == numbers["troops"]
    frame = at.dataframe[0].value
    assert len(frame) == len(table)
    assert frame["link"].dropna().str.match(r"^https?://").all()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["CSV", "GeoJSON", "Map (offline HTML)"]
    assert not at.warning  # no notice without bad parameters
    assert dict(at.query_params) == {}


def test_filters_change_counts_and_the_url(make_app, table) -> None:
    at = make_app()
    at.multiselect(key="f_types").set_value(["migration", "border_control"]).run()
    at.text_input(key="f_q").input("Tacna").run()
    at.number_input(key="f_min_force").set_value(100).run()
    at.toggle(key="f_undated").set_value(False).run()
    assert not at.exception
    expected = reference_rows(
        table,
        Filters(types=("border_control", "migration"), q="Tacna", min_force=100, undated=False),
    )
    assert _matched(at) == len(expected)
    assert len(at.dataframe[0].value) == len(expected)
    params = {k: at.query_params[k] for k in at.query_params}
    assert params["type"] == ["border_control,migration"] or params["type"] == (
        "border_control,migration"
    )
    flat = {k: v[0] if isinstance(v, list) else v for k, v in params.items()}
    assert flat["q"] == "Tacna" and flat["min_force"] == "100" and flat["undated"] == "0"

    at.sidebar.button[0].click().run()  # Reset filters (the only st.button in the sidebar)
    assert _matched(at) == len(table)
    assert dict(at.query_params) == {}


def test_shared_url_sets_the_widgets(make_app, table) -> None:
    at = make_app(type="troop_deployment", country="PE,MX", **{"from": "2021-01-01"},
                  to="2023-12-31", q="armée", lat="-12.05", lon="-77", zoom="7")  # fmt: skip
    assert not at.exception
    assert at.multiselect(key="f_types").value == ["troop_deployment"]
    assert at.multiselect(key="f_countries").value == ["PE", "MX"]
    assert at.text_input(key="f_q").value == "armée"
    dates = at.date_input(key="f_dates").value
    assert str(dates[0]) == "2021-01-01" and str(dates[1]) == "2023-12-31"
    from datetime import date

    expected = reference_rows(
        table,
        Filters(types=("troop_deployment",), countries=("PE", "MX"), q="armée",
                date_from=date(2021, 1, 1), date_to=date(2023, 12, 31)),
    )  # fmt: skip
    assert _matched(at) == len(expected)
    flat = {k: at.query_params[k] for k in at.query_params}
    flat = {k: v[0] if isinstance(v, list) else v for k, v in flat.items()}
    assert flat["lat"] == "-12.05" and flat["lon"] == "-77" and flat["zoom"] == "7"
    assert flat["country"] == "PE,MX"


def test_invalid_params_show_a_notice(make_app, table) -> None:
    at = make_app(type="tanks", to="2024-02-30", country="ZZ", zoom="0", min_force="lots")
    assert not at.exception
    assert at.warning, "invalid parameters must be reported"
    text = "\n".join(t.value for t in at.text)
    for word in ("tanks", "2024-02-30", "ZZ", "zoom", "min_force"):
        assert word in text
    assert _matched(at) == len(table)  # every invalid filter ignored


MARKDOWN_ATTACKS = {
    "type": "x`[Login again](https://evil.example/login)`",
    "country": "`![p](https://evil.example/pixel.png)`",
    "actor": "<img src=https://evil.example/a.png>",
    "q": "y" * 600 + "[z](https://evil.example/q)",
    "`[k](https://evil.example/key)`": "1",
}


def test_notices_show_url_values_as_plain_text_never_markdown(make_app) -> None:
    at = make_app(**MARKDOWN_ATTACKS)
    assert not at.exception
    assert at.warning, "invalid parameters must be reported"
    markdown = [*at.markdown, *at.warning, *at.info, *at.error, *at.caption, *at.sidebar.caption]
    assert not [m.value for m in markdown if "evil.example" in m.value]
    shown = "\n".join(t.value for t in at.text)
    assert "x`[Login again](https://evil.example/lo" in shown  # verbatim (cut), as text
    assert "![p](https://evil.example/pixel.png)" in shown


def test_missing_table_says_how_to_build_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DEPLOYMAP_EVENTS", str(tmp_path / "nope.csv"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "No events table" in at.warning[0].value
    assert any("geo build" in m.value for m in at.markdown)
    at.button[0].click().run()  # explore the synthetic demo instead
    assert not at.exception
    assert any("synthetic demo data" in i.value for i in at.info)
    assert _matched(at) > 0


def test_broken_table_is_reported(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("event_id,place\n1,Lima\n", encoding="utf-8")
    monkeypatch.setenv("DEPLOYMAP_EVENTS", str(broken))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "cannot be read" in at.error[0].value


# ---------------------------------------------------------------- a dataset, on the DuckDB path


@pytest.fixture
def dataset_app(dashboard_dataset, monkeypatch):
    monkeypatch.setenv("DEPLOYMAP_EVENTS", str(dashboard_dataset))

    def make(backend: str = "duckdb", **params: str) -> AppTest:
        monkeypatch.setenv("DEPLOYMAP_BACKEND", backend)
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return make


def _numbers(at: AppTest) -> dict[str, int]:
    return {
        "matched": _matched(at),
        **{label: _metric(at, label) for label in ("Events", "Places", "Countries",
                                                    "Troops stated")},
    }  # fmt: skip


def test_dataset_on_duckdb_counts_table_and_downloads(dataset_app, table) -> None:
    at = dataset_app()
    assert not at.exception
    assert any("DuckDB" in c.value for c in at.sidebar.caption)  # the on-disk path was taken
    numbers = reference_headline(table)
    assert _matched(at) == numbers["events"]
    assert _metric(at, "Events") == numbers["events"]
    assert _metric(at, "Places") == numbers["places"]
    assert _metric(at, "Countries") == numbers["countries"]
    assert _metric(at, "Troops stated") == numbers["troops"]
    frame = at.dataframe[0].value
    assert len(frame) == len(table)
    assert set(frame["event_id"]) == set(table["event_id"])
    assert frame["link"].dropna().str.match(r"^https?://").all()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["CSV", "GeoJSON", "Map (offline HTML)"]
    assert not at.warning
    assert dict(at.query_params) == {}


def test_dataset_filters_from_the_url_and_widgets(dataset_app, table) -> None:
    from datetime import date

    at = dataset_app(type="troop_deployment", country="PE,MX", **{"from": "2021-01-01"},
                     to="2023-12-31", q="armée")  # fmt: skip
    assert not at.exception
    assert at.multiselect(key="f_countries").value == ["PE", "MX"]
    expected = reference_rows(
        table,
        Filters(types=("troop_deployment",), countries=("PE", "MX"), q="armée",
                date_from=date(2021, 1, 1), date_to=date(2023, 12, 31)),
    )  # fmt: skip
    assert 0 < _matched(at) == len(expected)
    assert set(at.dataframe[0].value["event_id"]) == set(expected["event_id"])

    at.multiselect(key="f_types").set_value(["migration", "border_control"]).run()
    at.number_input(key="f_min_force").set_value(100).run()
    assert not at.exception
    expected = reference_rows(
        table,
        Filters(types=("border_control", "migration"), countries=("PE", "MX"), q="armée",
                date_from=date(2021, 1, 1), date_to=date(2023, 12, 31), min_force=100),
    )  # fmt: skip
    assert _matched(at) == len(expected)
    assert len(at.dataframe[0].value) == len(expected)
    at.sidebar.button[0].click().run()  # Reset filters
    assert _matched(at) == len(table)


@pytest.mark.parametrize(
    "params",
    [{}, {"type": "border_control,migration", "undated": "0"}, {"q": "frontiere"},
     {"country": "PE,CL", "min_force": "200", "to": "2022-06-30"}],
    ids=["all", "types", "search", "country-force-date"],
)  # fmt: skip
def test_backends_show_the_same_numbers(dataset_app, params) -> None:
    pandas_at = dataset_app("pandas", **params)
    duckdb_at = dataset_app("duckdb", **params)
    assert not pandas_at.exception and not duckdb_at.exception
    assert not any("DuckDB" in c.value for c in pandas_at.sidebar.caption)
    assert _numbers(pandas_at) == _numbers(duckdb_at)
    chips = [h.proto.body for h in pandas_at.get("html")]
    assert chips == [h.proto.body for h in duckdb_at.get("html")]  # type counts
    pandas_ids = set(pandas_at.dataframe[0].value["event_id"])
    assert pandas_ids == set(duckdb_at.dataframe[0].value["event_id"])


# ---------------------------------------------------------------- issue 11: what was wrong


def _row(i: int, **fields) -> dict:
    base = {
        "event_id": f"e{i}", "event_key": f"a#{i}", "article_id": "a", "event_type":
        "troop_deployment", "date_start": "2024-03-05", "date_end": None, "date_precision":
        "day", "place": "Lima", "location_id": f"gn:{i}", "geo_precision": "point",
        "country_code": "PE", "latitude": -12.0, "longitude": -77.0, "evidence": "x",
        "evidence_start": 0, "evidence_end": 1, "confidence": 0.9, "url": "https://e.org/a",
    }  # fmt: skip
    base.update(fields)
    return base


@pytest.fixture
def rows_app(tmp_path, monkeypatch):
    """The page on a small table of the given rows (written as CSV)."""
    import pandas as pd

    from geo.table.formats import write_events
    from geo.table.schema import validate_events

    def make(rows: list[dict], **params: str) -> AppTest:
        path = tmp_path / f"events_{len(list(tmp_path.iterdir()))}.csv"
        write_events(validate_events(pd.DataFrame(rows)), path)
        monkeypatch.setenv("DEPLOYMAP_EVENTS", str(path))
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return make


def _texts(at: AppTest) -> str:
    return "\n".join([*(t.value for t in at.text), *(c.value for c in at.caption)])


def test_undated_caption_counts_events_not_rows(rows_app) -> None:
    rows = [_row(i, event_key="a#0", location_id=f"gn:{i}", date_start=None,
                 date_precision="unknown") for i in range(3)]  # fmt: skip
    rows += [_row(7), _row(8, event_key="a#8", date_start=None, date_precision="unknown")]
    at = rows_app(rows)
    assert not at.exception
    text = _texts(at)
    assert "2 event(s) without a known date" in text, text


def test_troops_stated_count_one_sentence_once(rows_app) -> None:
    rows = [
        _row(1, event_type="foreign_troops", force_size=1500, evidence_start=3880),
        _row(2, event_type="military_exercise", force_size=1500, evidence_start=3880),
    ]
    at = rows_app(rows)
    assert _metric(at, "Events") == 2
    assert _metric(at, "Troops stated") == 1500


def test_country_filter_keeps_the_border_of_the_other_side(make_app, table) -> None:
    mx_us = set(table.loc[table["location_id"] == "border:MX-US", "event_id"])
    assert mx_us and set(table.loc[table["event_id"].isin(mx_us), "country_code"]) == {"US"}
    at = make_app(country="MX")
    assert not at.exception
    assert at.multiselect(key="f_countries").value == ["MX"]
    shown = set(at.dataframe[0].value["event_id"])
    assert mx_us <= shown
    assert _matched(at) == len(reference_rows(table, Filters(countries=("MX",))))


def test_search_matches_whole_words(rows_app) -> None:
    rows = [_row(1, evidence="Le sous-secrétaire d'État arrive à Lima."),
            _row(2, evidence="Des soldats", actor="US Army")]  # fmt: skip
    at = rows_app(rows, q="US")
    assert set(at.dataframe[0].value["event_id"]) == {"e2"}
    at.text_input(key="f_q").input("secretaire").run()
    assert set(at.dataframe[0].value["event_id"]) == {"e1"}


def test_downloads_say_they_hold_the_clicked_place_only(make_app, table) -> None:
    at = make_app()
    assert any("Downloads: the 600 filtered" in c.value for c in at.caption)
    place = table["location_id"].value_counts().index[0]
    n = int(table["location_id"].value_counts().iloc[0])
    at.session_state["selected"] = place  # what a click on the map sets
    at.run()
    assert not at.exception
    assert len(at.dataframe[0].value) == n
    said = [t.value for t in at.text if t.value.startswith("Downloads:")]
    assert said and f"only the {n:,} row(s) at " in said[0] and "Show all" in said[0]
    helps = {
        b.proto.help for b in at.get("download_button") if b.proto.label != "Map (offline HTML)"
    }
    assert helps and all(h.startswith("Only the rows at ") for h in helps)


def test_a_huge_min_force_is_clamped_and_reported(make_app, table) -> None:
    at = make_app(min_force="9" * 30)
    assert not at.exception
    largest = int(table["force_size"].max())
    assert at.number_input(key="f_min_force").value == largest
    assert _matched(at) >= 1  # the largest force's event
    assert "lowered to" in "\n".join(t.value for t in at.text)
    assert at.query_params["min_force"] in (str(largest), [str(largest)])


def test_the_bad_link_warning_clears_once_the_link_is_fixed(make_app) -> None:
    at = make_app(type="tanks")
    assert at.warning, "the bad parameter is reported"
    at.run()  # a rerun that changes nothing keeps it
    assert at.warning
    at.text_input(key="f_q").input("Lima").run()  # the page writes a fixed link
    assert not at.exception
    assert not at.warning


def test_one_bad_row_is_reported_and_the_rest_shown(tmp_path, monkeypatch, table) -> None:
    from geo.table.formats import write_events

    path = tmp_path / "events.csv"
    write_events(table.drop(columns=["_search"]), path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[5].split(",")
    cells[header.index("event_type")] = "tanks"
    lines[5] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv("DEPLOYMAP_EVENTS", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert not at.error
    assert any("1 row(s) of the events table could not be read" in w.value for w in at.warning)
    text = "\n".join(t.value for t in at.text)
    assert "row 5 (line 6 of the CSV)" in text and "tanks" in text
    assert len(at.dataframe[0].value) == len(table) - 1


# ---------------------------------------------------------------- issue 11: time and countries


def test_the_time_slider_filters_and_follows_the_url(make_app, table) -> None:
    from datetime import date

    at = make_app(**{"from": "2021-01-01"}, to="2021-12-31")
    slider = at.slider(key="f_span")
    assert tuple(str(d) for d in slider.value) == ("2021-01-01", "2021-12-31")
    slider.set_value((date(2022, 1, 1), date(2022, 6, 30))).run()
    assert not at.exception
    assert tuple(str(d) for d in at.date_input(key="f_dates").value) == (
        "2022-01-01", "2022-06-30"
    )  # fmt: skip
    flat = {k: at.query_params[k] for k in at.query_params}
    flat = {k: v[0] if isinstance(v, list) else v for k, v in flat.items()}
    assert flat["from"] == "2022-01-01" and flat["to"] == "2022-06-30"
    expected = reference_rows(table, Filters(date_from=date(2022, 1, 1),
                                             date_to=date(2022, 6, 30)))  # fmt: skip
    assert _matched(at) == len(expected.drop_duplicates("event_key"))


def test_playback_steps_month_by_month_in_the_url(make_app, table) -> None:
    from datetime import date

    at = make_app(**{"from": "2021-01-01"}, to="2021-12-31")
    at.button(key="play_next").click().run()  # no month yet: the first
    assert not at.exception
    assert at.query_params["month"] in ("2021-01", ["2021-01"])
    at.button(key="play_next").click().run()
    assert at.query_params["month"] in ("2021-02", ["2021-02"])
    expected = reference_rows(
        table, Filters(date_from=date(2021, 2, 1), date_to=date(2021, 2, 28), undated=False)
    )
    assert _matched(at) == len(expected)
    assert any("February 2021" in c.value for c in at.caption)
    at.button(key="play_all").click().run()
    assert "month" not in at.query_params
    shared = make_app(month="2021-03")  # a shared link opens on that month
    assert any("March 2021" in c.value for c in shared.caption)
    assert _matched(shared) == len(reference_rows(
        table, Filters(date_from=date(2021, 3, 1), date_to=date(2021, 3, 31), undated=False)
    ))  # fmt: skip


def test_play_starts_the_playback(make_app) -> None:
    at = make_app(**{"from": "2021-01-01"}, to="2021-03-31")
    at.button(key="play_toggle").click().run()
    assert not at.exception
    assert at.session_state["playing"] is True
    assert at.query_params["month"] in ("2021-01", ["2021-01"])
    assert at.button(key="play_toggle").label == "Pause"
    at.button(key="play_toggle").click().run()
    assert at.session_state["playing"] is False


def test_the_country_table_counts_events_per_country(make_app, table) -> None:
    at = make_app()
    frame = at.dataframe[1].value
    assert list(frame.columns) == ["country", "events", "places", "troops", "per month",
                                   "trend"]  # fmt: skip
    codes = [c.rsplit("(", 1)[1].rstrip(")") for c in frame["country"]]
    by_code = dict(zip(codes, frame["events"], strict=True))
    for code in ("PE", "MX", "CL"):
        rows = reference_rows(table, Filters(countries=(code,)))
        assert by_code[code] == len(rows.drop_duplicates("event_key")), code
    assert frame["events"].is_monotonic_decreasing
