"""The analyst's panels of the page through AppTest (issue 10): read-only mode (the variable
and secrets.toml) keeps the preview and shows no write control; pasted text is previewed and
added; a row is corrected and undone; the source filter. Every file is a tmp copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import config
from geo.synthetic.events import synthetic_events
from geo.table.corrections import read_corrections
from geo.table.formats import read_events, write_events

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
TEXT = "El Gobierno del Perú desplegó 300 soldados en Palca el 20 de octubre de 2025."
WRITE_BUTTONS = {"add_commit", "review_save", "import_go"}
WRITE_LABELS = {"Add to the table", "Save the correction", "Import", "Undo"}


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """A tmp table, corrections file, corpus and cache (the gazetteer index linked in)."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "gazetteer").symlink_to(config.gazetteer_dir().resolve())
    table = synthetic_events(120, seed=3)
    sources = ["news", "acled", "ucdp"]
    table["source_dataset"] = [sources[i % 3] for i in range(len(table))]
    write_events(table, tmp_path / "events.csv")
    monkeypatch.setenv("DEPLOYMAP_EVENTS", str(tmp_path / "events.csv"))
    monkeypatch.setenv("DEPLOYMAP_CORRECTIONS", str(tmp_path / "corrections.csv"))
    monkeypatch.setenv("DEPLOYMAP_ARTICLES", str(tmp_path / "articles"))
    monkeypatch.setenv("DEPLOYMAP_CACHE", str(cache))
    monkeypatch.delenv("DEPLOYMAP_READ_ONLY", raising=False)
    return tmp_path


def _app(**secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in secrets.items():
        at.secrets[key] = value
    return at.run()


def _keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


def _labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def _preview(at: AppTest) -> AppTest:
    at.text_area(key="add_text").input(TEXT).run()
    at.selectbox(key="add_lang").set_value("es").run()
    return at.button(key="add_preview_button").click().run()


def _previewed(at: AppTest) -> str:
    return next(h.proto.body for h in at.get("html") if "dm-preview" in h.proto.body and "<tr>"
                in h.proto.body)  # fmt: skip


def test_a_local_app_shows_every_write_control(workspace):
    at = _app()
    assert not at.exception
    assert {"review_save", "import_go"} <= _keys(at)
    assert [e.label for e in at.expander] == [
        "Add articles", "Review and correct", "Import ACLED, UCDP or GDELT"
    ]  # fmt: skip


@pytest.mark.parametrize("how", ["variable", "secret"])
def test_read_only_keeps_the_preview_and_shows_no_write_control(workspace, monkeypatch, how):
    if how == "variable":
        monkeypatch.setenv("DEPLOYMAP_READ_ONLY", "1")
        at = _app()
    else:
        at = _app(read_only=True)
    assert not at.exception
    assert not (_keys(at) & WRITE_BUTTONS) and not (_labels(at) & WRITE_LABELS)
    assert [e.label for e in at.expander] == ["Add articles"]
    assert any("read-only" in c.value for c in at.caption)
    assert "add_urls" not in {t.key for t in at.text_area}  # a public app fetches nothing
    at = _preview(at)
    assert not at.exception
    assert '<mark class="dm-place">Palca</mark>' in _previewed(at)
    assert not (_keys(at) & WRITE_BUTTONS) and not (_labels(at) & WRITE_LABELS)
    assert not (workspace / "articles").exists()


def test_the_variable_overrides_the_secret(workspace, monkeypatch):
    monkeypatch.setenv("DEPLOYMAP_READ_ONLY", "0")
    assert "review_save" in _keys(_app(read_only=True))


def test_pasted_text_is_previewed_then_added_and_the_table_rebuilt(workspace):
    at = _preview(_app())
    assert not at.exception
    html = _previewed(at)
    assert '<mark class="dm-place">Palca</mark>' in html
    assert not (workspace / "articles").exists()  # a preview writes nothing
    at.button(key="add_commit").click().run()
    assert not at.exception
    assert any("Added 1 article" in s.value for s in at.success)
    assert len(list((workspace / "articles").glob("*.txt"))) == 1
    table = read_events(workspace / "events.csv")
    assert "Palca" in set(table["place_resolved"])
    assert (table["source_dataset"] == "acled").sum() == 40  # the imported rows are kept
    assert "Palca" in set(at.dataframe[0].value["place"])  # the page shows the new table


def test_a_bad_input_gets_the_clear_report(workspace):
    at = _app()
    at.text_area(key="add_urls").input("ftp://example.org/x").run()
    at.button(key="add_preview_button").click().run()
    assert not at.exception
    assert any("gave no article" in e.value for e in at.error)
    assert any("only http:// and https://" in t.value for t in at.text)


def test_a_row_is_corrected_marked_and_undone(workspace):
    at = _app()
    first = at.selectbox(key="review_row").options[0]
    at.selectbox(key="review_field").set_value("actor").run()
    actor = next(t for t in at.text_input if t.label == "New actor")
    actor.input("Marina <script>x</script>").run()
    at.text_input(key="review_note").input("the article says the navy").run()
    at.button(key="review_save").click().run()
    assert not at.exception
    assert any("Saved correction" in s.value for s in at.success)
    [made] = read_corrections(workspace / "corrections.csv")
    assert made.field == "actor" and made.note == "the article says the navy"
    frame = at.dataframe[0].value
    hit = frame[frame["actor"] == "Marina <script>x</script>"]
    assert len(hit) == 1 and hit["corrected"].iloc[0] == "actor"
    assert at.selectbox(key="review_row").options[0] != first  # the label shows the new actor
    at.button(key=f"undo_{made.id}").click().run()
    assert not at.exception
    assert any("undone" in s.value for s in at.success)
    frame = at.dataframe[0].value
    assert "Marina <script>x</script>" not in set(frame["actor"].dropna())
    assert frame["corrected"].isna().all()


def test_an_orphan_correction_is_reported_in_the_page(workspace):
    from geo.table.corrections import add_correction

    add_correction(workspace / "corrections.csv", "gone-article|1-5|migration", "actor", "X")
    at = _app()
    assert any("match no row" in w.value for w in at.warning)
    assert any("gone-article|1-5|migration" in t.value for t in at.text)


def test_the_source_filter_joins_the_sidebar_and_the_url(workspace):
    at = _app()
    assert at.multiselect(key="f_sources").options == ["News articles", "ACLED", "UCDP GED"]
    at.multiselect(key="f_sources").set_value(["ucdp"]).run()
    assert not at.exception
    assert at.query_params["source"] == "ucdp"
    table = read_events(workspace / "events.csv")
    assert len(at.dataframe[0].value) == (table["source_dataset"] == "ucdp").sum()
    shared = AppTest.from_file(APP, default_timeout=120)
    shared.query_params["source"] = "acled,news"
    shared.run()
    assert shared.multiselect(key="f_sources").value == ["news", "acled"]
    assert len(shared.dataframe[0].value) == table["source_dataset"].isin(["news", "acled"]).sum()


def test_a_place_is_searched_in_the_gazetteer_and_corrected(workspace):
    at = _app()
    at.selectbox(key="review_field").set_value("place").run()
    at.text_input(key="review_place_q").input("Tacna").run()
    place = at.selectbox(key="review_place:Tacna")
    assert "Tacna, Peru (city, gn:3928128)" in place.options and not at.exception
    place.set_value("gn:3928128").run()
    at.button(key="review_save").click().run()
    assert not at.exception
    [made] = read_corrections(workspace / "corrections.csv")
    assert made.field == "place" and made.new == "gn:3928128"
    table = read_events(workspace / "events.csv")
    hit = table[table["corrected"] == "place"]
    assert len(hit) == 1 and hit["location_id"].iloc[0] == "gn:3928128"
    assert hit["latitude"].iloc[0] == pytest.approx(-18.01465, abs=1e-3)
