"""The analyst's loop behind the dashboard (issue 10): the read-only setting, the source filter,
the "Add articles" panel's logic (pasted text, uploads, URLs from a local server, the preview
with its highlighted place) and the "Review and correct" panel's (a correction applied to the
table at once, kept by a rebuild, undone; orphans reported)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pandas as pd
import pytest
from test_pandas_reference import reference_rows

from geo import config
from geo.exc import ConfigurationError, SchemaError
from geo.explore import add_panel, review
from geo.explore.filters import Filters, filters_from_query_params
from geo.explore.store import EventStore
from geo.synthetic.events import synthetic_events
from geo.table.corrections import read_corrections, row_key
from geo.table.formats import read_events, write_events

TEXT = "El Gobierno del Perú desplegó 300 soldados en Palca el 20 de octubre de 2025."
PAGE = (
    "<html><head><title>Tropas en Palca</title></head><body><article><p>" + TEXT + "</p>"
    "</article></body></html>"
)


# ---------------------------------------------------------------- read-only


@pytest.mark.parametrize(
    ("env", "secret", "root", "expected"),
    [
        ({}, None, "/home/me/deploymap", False),  # make run on a laptop: writable
        ({}, None, "/mount/src/deploymap", True),  # Streamlit Community Cloud
        ({"HOSTNAME": "streamlit"}, None, "/app", True),
        ({}, True, "/home/me/deploymap", True),  # secrets.toml read_only = true
        ({}, "false", "/mount/src/deploymap", False),
        ({"DEPLOYMAP_READ_ONLY": "1"}, False, "/home/me", True),  # the variable wins
        ({"DEPLOYMAP_READ_ONLY": "off"}, True, "/mount/src/x", False),
        ({"DEPLOYMAP_READ_ONLY": " "}, None, "/home/me", False),
    ],
)
def test_read_only_from_the_variable_the_secret_or_the_host(env, secret, root, expected):
    assert config.read_only(env, secret, root=root) is expected


def test_a_read_only_value_that_is_not_yes_or_no_is_refused():
    with pytest.raises(ConfigurationError, match="DEPLOYMAP_READ_ONLY"):
        config.read_only({"DEPLOYMAP_READ_ONLY": "maybe"})
    with pytest.raises(ConfigurationError, match="secrets"):
        config.read_only({}, "sometimes")


def test_corrections_and_corpus_paths_are_settings(tmp_path):
    env = {"DEPLOYMAP_CORRECTIONS": str(tmp_path / "c.csv"), "DEPLOYMAP_ARTICLES": str(tmp_path)}
    assert config.corrections_path(env) == tmp_path / "c.csv"
    assert config.articles_dir(env) == tmp_path
    assert config.corrections_path({}) == config.CORRECTIONS_CSV


# ---------------------------------------------------------------- the source filter


@pytest.fixture(scope="module")
def mixed() -> pd.DataFrame:
    table = synthetic_events(300, seed=5)
    sources = ["news", "acled", "ucdp", "gdelt", None]
    table["source_dataset"] = [sources[i % 5] for i in range(len(table))]
    return table


@pytest.mark.parametrize("sources", [("news",), ("acled", "gdelt"), ("ucdp",)])
def test_the_source_filter_selects_those_sources_rows(mixed, sources):
    store = EventStore.from_frame(mixed)
    got = store.page(Filters(sources=sources), 0, 10_000)
    expected = reference_rows(mixed, Filters(sources=sources))
    assert sorted(got["event_id"]) == sorted(expected["event_id"])
    assert len(got) < len(mixed)


def test_the_table_offers_its_sources_and_the_url_checks_them(mixed):
    options = EventStore.from_frame(mixed).options()
    assert options.sources == ("news", "acled", "ucdp", "gdelt")
    only_news = EventStore.from_frame(mixed[mixed["source_dataset"] == "news"]).options()
    filters, notices = filters_from_query_params({"source": "acled,news"}, only_news)
    assert filters.sources == ("news",) and "acled" in notices[0]


# ---------------------------------------------------------------- adding articles


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        if self.path == "/missing":
            self.send_error(404)
            return
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_every_kind_of_input_becomes_an_article_or_a_clear_problem(server):
    manifest = b'{"id": "m1", "text": "Chile despliega tropas en Arica."}\n{"id": 2}\n'
    batch = add_panel.read_inputs(
        text=TEXT,
        uploads=[("nota.html", PAGE.encode()), ("lote.jsonl", manifest), ("foto.png", b"\x89P")],
        urls=add_panel.parse_urls(f"{server}/news\n\n{server}/missing\nftp://x/y"),
        lang="es",
        timeout=5,
    )
    ids = [a.article_id for a in batch.articles]
    assert ids[0].startswith("pasted-") and "nota" in ids and "m1" in ids
    assert any(a.url == f"{server}/news" and a.title == "Tropas en Palca" for a in batch.articles)
    assert all(a.lang == "es" for a in batch.articles)
    problems = [str(p) for p in batch.problems]
    assert any(p.startswith("lote.jsonl") for p in problems)  # the bad manifest row
    assert any("foto.png" in p and "not an article" in p for p in problems)
    assert any("HTTP 404" in p for p in problems) and any("only http" in p for p in problems)
    assert not any("deploymap-upload-" in p for p in problems)  # no temporary path shown
    empty = add_panel.read_inputs(text="   \n")
    assert not empty.articles and not empty.problems


def test_the_evidence_is_escaped_and_its_place_marked():
    row = {"evidence": "<b>Tropas</b> en Palca & Tacna", "place": "Palca", "evidence_start": 10,
           "place_start": 30, "place_end": 35}  # fmt: skip
    assert add_panel.place_in_evidence(row) == (17, 22)  # the offsets disagree: found by name
    html = add_panel.evidence_html(row)
    assert html == '&lt;b&gt;Tropas&lt;/b&gt; en <mark class="dm-place">Palca</mark> &amp; Tacna'
    assert add_panel.evidence_html({"evidence": "<i>x</i>", "place": "y"}) == "&lt;i&gt;x&lt;/i&gt;"


@pytest.fixture(scope="module")
def extractor():
    from geo.extract.document import Extractor

    return Extractor()


def test_the_preview_shows_rows_with_their_place_and_writes_nothing(extractor, tmp_path):
    article = add_panel.pasted_article(TEXT)
    article.lang = "es"
    rows, problems = add_panel.preview_table([article], extractor)
    assert not problems and "Palca" in set(rows["place_resolved"])
    assert (rows["source_dataset"] == "news").all()
    html = add_panel.preview_html(rows)
    assert '<mark class="dm-place">Palca</mark>' in html and "<script" not in html
    assert list(tmp_path.iterdir()) == []


def test_adding_rebuilds_the_table_and_keeps_imported_rows(extractor, tmp_path):
    corpus, out = tmp_path / "articles", tmp_path / "events.csv"
    imported = synthetic_events(5, seed=1)
    imported["source_dataset"] = "ucdp"
    imported["event_id"] = [f"ucdp-{i}" for i in range(5)]
    write_events(imported, out)
    article = add_panel.pasted_article(TEXT)
    article.lang = "es"
    report = add_panel.add_to_corpus([article], corpus, out, cache=tmp_path / "cache",
                                     extractor=extractor)  # fmt: skip
    assert report.processed == 1 and len(list(corpus.glob("*.txt"))) == 1
    table = read_events(out)
    assert "Palca" in set(table["place_resolved"])
    assert (table["source_dataset"] == "ucdp").sum() == 5


# ---------------------------------------------------------------- corrections


@pytest.fixture
def shown(tmp_path) -> tuple[Path, Path, pd.DataFrame]:
    table = tmp_path / "events.csv"
    write_events(synthetic_events(40, seed=3), table)
    return table, tmp_path / "corrections.csv", read_events(table)


def _row(table: Path, key: str) -> pd.Series:
    frame = read_events(table)
    hit = frame[[row_key(r) == key for _, r in frame.iterrows()]]
    assert len(hit) == 1, key
    return hit.iloc[0]


def test_a_correction_is_recorded_and_applied_to_the_table_at_once(shown):
    table, corrections, frame = shown
    row = frame.iloc[5].to_dict()
    made = review.correct_row(table, corrections, row, "actor", "Marina <b>X</b>", note="why")
    after = _row(table, row_key(row))
    assert after["actor"] == "Marina <b>X</b>" and after["corrected"] == "actor"
    [saved] = read_corrections(corrections)
    assert saved == made and saved.old == row["actor"] and saved.note == "why"
    with pytest.raises(SchemaError, match="already"):
        review.correct_row(table, corrections, after.to_dict(), "actor", "Marina <b>X</b>")
    with pytest.raises(SchemaError, match="ISO date"):
        review.correct_row(table, corrections, row, "date_start", "yesterday")
    assert len(read_corrections(corrections)) == 1  # refused: nothing written


@pytest.mark.parametrize(
    ("field", "new"),
    [("event_type", "migration"), ("date_start", "2020-01-02"), ("force_size", "1234"),
     ("force_size_qualifier", "about"), ("actor", "Policía"), ("place", "xy:-12.5,-70.25")],
)  # fmt: skip
def test_undo_puts_the_value_back(shown, field, new):
    table, corrections, frame = shown
    known = frame["location_id"].isin(["gn:3936456", "gn:3928128", "border:CL-PE"])
    row = frame[known & (frame["event_type"] != "migration")].iloc[0].to_dict()
    made = review.correct_row(table, corrections, row, field, new)
    done = review.undo(table, corrections, made.id)
    assert done.restored, done.message
    again = read_events(table).sort_values("event_id").reset_index(drop=True)
    before = frame.sort_values("event_id").reset_index(drop=True)
    if field == "place":  # back from the gazetteer: the place, not the synthetic admin names
        columns = ["location_id", "latitude", "longitude", "country_code", "corrected"]
        again, before = again[columns], before[columns]
    pd.testing.assert_frame_equal(again, before, check_exact=False, atol=0.05)
    with pytest.raises(SchemaError, match="already undone"):
        review.undo(table, corrections, made.id)


def test_undo_of_a_place_the_gazetteer_no_longer_knows_waits_for_the_build(shown):
    table, corrections, frame = shown
    row = frame[frame["location_id"] == "gn:9000000"].iloc[0].to_dict()  # not in the gazetteer
    made = review.correct_row(table, corrections, row, "place", "xy:1,2")
    done = review.undo(table, corrections, made.id)
    assert not done.restored and "next build" in done.message
    assert read_corrections(corrections)[-1].field == "undo"


def test_undo_of_a_second_correction_keeps_the_first(shown):
    table, corrections, frame = shown
    row = frame.iloc[7].to_dict()
    review.correct_row(table, corrections, row, "actor", "A")
    second = review.correct_row(table, corrections, _row(table, row_key(row)), "actor", "B")
    review.undo(table, corrections, second.id)
    after = _row(table, row_key(row))
    assert after["actor"] == "A" and after["corrected"] == "actor"


def test_a_type_change_then_another_field_then_undo_the_type(shown):
    table, corrections, frame = shown
    row = frame[frame["event_type"] != "migration"].iloc[0].to_dict()
    kind = review.correct_row(table, corrections, row, "event_type", "migration")
    moved = _row(table, row_key({**row, "event_type": "migration"}))
    review.correct_row(table, corrections, moved.to_dict(), "force_size", "77")
    review.undo(table, corrections, kind.id)
    back = _row(table, row_key(row))
    assert back["force_size"] == 77 and back["corrected"] == "force_size"
    assert review.orphan_corrections(read_events(table), read_corrections(corrections)) == []


def test_not_an_event_takes_the_row_out_and_undo_brings_it_back(shown):
    table, corrections, frame = shown
    row = frame.iloc[3].to_dict()
    made = review.correct_row(table, corrections, row, "not_event", "")
    assert len(read_events(table)) == len(frame) - 1
    assert review.orphan_corrections(read_events(table), read_corrections(corrections)) == []
    assert review.undo(table, corrections, made.id).restored
    again = read_events(table).sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(again, frame.sort_values("event_id").reset_index(drop=True))


def test_a_correction_whose_row_is_gone_is_an_orphan(shown):
    table, corrections, frame = shown
    row = frame.iloc[1].to_dict()
    review.correct_row(table, corrections, row, "actor", "Nadie")
    write_events(frame[frame["event_id"] != row["event_id"]], table)  # a rebuild lost the row
    [orphan] = review.orphan_corrections(read_events(table), read_corrections(corrections))
    assert orphan.key == row_key(row)


def test_an_unknown_place_is_refused(shown):
    table, corrections, frame = shown
    with pytest.raises(SchemaError, match="no place"):
        review.correct_row(table, corrections, frame.iloc[0].to_dict(), "place", "gn:0",
                           locate=lambda value: None)  # fmt: skip
    assert not corrections.exists()


def test_a_correction_during_a_build_is_recorded_for_the_next_build(shown):
    from geo.exc import BuildLocked
    from geo.io import output_lock

    table, corrections, frame = shown
    with output_lock(table), pytest.raises(BuildLocked, match="recorded in"):
        review.correct_row(table, corrections, frame.iloc[0].to_dict(), "actor", "Otro")
    assert [c.new for c in read_corrections(corrections)] == ["Otro"]
    assert "Otro" not in set(read_events(table)["actor"].dropna())  # the build will apply it
