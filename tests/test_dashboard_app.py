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
    assert labels == ["CSV", "GeoJSON"]
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

    at.button[0].click().run()  # Reset filters (the only st.button in the sidebar)
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
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "GeoJSON"]
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
    at.button[0].click().run()  # Reset filters
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
