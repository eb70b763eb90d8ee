"""Cached values are checked as written rows are (issue 12, item 3): a bad value in a
per-article cache entry or a poisoned geocode-cache entry is dropped and recomputed with a
warning, an article whose rows still break the schema is skipped with a reason naming it
(never the whole table), and a bad border WKT is refused before the GeoJSON writer."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from geo.batch.build import build
from geo.exc import SchemaError
from geo.geocoders.online import GeocodeCache
from geo.synthetic.events import synthetic_events
from geo.table.formats import events_to_geojson, read_events
from geo.table.schema import check_rows

PERU = (
    "Le gouvernement péruvien a décrété l'état d'urgence à Tacna et a annoncé mardi le "
    "déploiement de 300 soldats à Zorritos, près de la frontière avec l'Équateur."
)


def _row() -> dict:
    return synthetic_events(1, seed=2).to_dict("records")[0]


class FromAnalysis:
    """Rows made from the analysis' ``place`` (what the real extractor's places are to it)."""

    def __init__(self, place: dict | None = None) -> None:
        self.place = place or {}

    def analyse(self, text: str, lang: str | None = None) -> dict:
        return {"place": {"location_id": "gn:1", "latitude": -12.0, **self.place}}

    def rows(self, article, analysis=None) -> list[dict]:
        analysis = analysis if analysis is not None else self.analyse(article.text)
        return [{**_row(), "article_id": article.article_id, "event_id": article.article_id,
                 **analysis["place"]}]  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PERU, encoding="utf-8")
    (folder / "b.txt").write_text(PERU.replace("Tacna", "Puno"), encoding="utf-8")
    return folder


def _poison(cache: Path, **values) -> None:
    for entry in cache.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["place"].update(values)
        entry.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "bad",
    [{"latitude": "north"}, {"latitude": 500.0}, {"location_id": None},
     {"geometry_wkt": "LINESTRING (1 2, 3"}],
    ids=["text-latitude", "latitude-out-of-range", "no-location-id", "bad-wkt"],
)  # fmt: skip
def test_a_bad_cached_value_is_dropped_and_recomputed(tmp_path, corpus, caplog, bad):
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    build([corpus], out=out, progress=False, cache=cache, extractor=FromAnalysis())
    _poison(cache, **bad)
    with caplog.at_level(logging.WARNING, logger="geo.batch"):
        report = build([corpus], out=out, progress=False, cache=cache, extractor=FromAnalysis())
    assert report.cached == 0 and report.processed == 2 and not report.skipped
    assert "dropped and recomputed" in caplog.text
    assert set(read_events(out)["latitude"]) == {-12.0}
    again = build([corpus], out=out, progress=False, cache=cache, extractor=FromAnalysis())
    assert again.cached == 2  # the recomputed entries replaced the bad ones


def test_rows_that_break_the_schema_skip_their_article_not_the_table(tmp_path, corpus):
    class OneBad(FromAnalysis):
        def rows(self, article, analysis=None):
            rows = super().rows(article, analysis)
            if article.article_id == "b":
                rows[0]["location_id"] = None
            return rows

    out = tmp_path / "events.geojson"
    report = build([corpus], out=out, progress=False, cache=tmp_path / "c", extractor=OneBad())
    assert report.processed == 1
    [(name, reason)] = report.skipped
    assert name == "b" and "location_id" in reason and "empty" in reason
    assert list(read_events(out)["article_id"]) == ["a"]


def test_a_bad_border_wkt_is_an_article_skip_not_a_geos_traceback(tmp_path, corpus):
    extractor = FromAnalysis({"geometry_wkt": "LINESTRING (-70 -17, -69"})
    out = tmp_path / "events.geojson"
    report = build([corpus], out=out, progress=False, cache=tmp_path / "c", extractor=extractor)
    assert report.processed == 0 and all("not valid WKT" in r for _, r in report.skipped)
    assert out.exists()


def test_the_geojson_writer_names_the_event_of_a_bad_wkt():
    table = synthetic_events(3, seed=2)
    table.loc[1, "geometry_wkt"] = "POLYGON ((1 2"
    with pytest.raises(SchemaError, match="not valid WKT"):
        events_to_geojson(table)


def test_check_rows_is_the_table_check_for_plain_rows():
    table = synthetic_events(50, seed=4)
    check_rows(table.to_dict("records"))  # a valid table's rows pass
    for column, value in (
        ("event_type", "coup"),
        ("confidence", 1.5),
        ("date_start", "hier"),
        ("force_size", 2.5),
        ("evidence", None),
        ("latitude", float("nan")),
    ):
        row = {**_row(), column: value}
        with pytest.raises(SchemaError, match=column):
            check_rows([row])
        with pytest.raises(SchemaError):  # the table check agrees
            from geo.table.schema import validate_events

            validate_events(pd.DataFrame([row]))


def test_a_poisoned_geocode_cache_entry_is_dropped_and_asked_again(tmp_path, caplog):
    good = {
        "name": "Lima",
        "address": "Lima, Peru",
        "latitude": -12.05,
        "longitude": -77.04,
        "location_id": "osm:relation:1",
        "feature": "city",
        "country_code": "PE",
    }
    path = tmp_path / "geocode_cache.json"
    path.write_text(json.dumps({"version": 1, "entries": {
        "lima|": good, "cusco|": {**good, "location_id": None}, "puno|": None,
    }}), encoding="utf-8")  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="geo.geocoders.online"):
        cache = GeocodeCache(path)
    assert "lima|" in cache and "puno|" in cache and "cusco|" not in cache
    assert "1 damaged cache entries dropped" in caplog.text
