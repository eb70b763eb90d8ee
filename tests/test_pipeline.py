"""The batch build: incremental runs, stable ids, bad articles skipped, formats, the CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.batch.build import build
from geo.cli import main
from geo.table.formats import read_events

ARTICLE = """---
source: Test Wire
lang: fr
published: 2024-03-15
url: https://example.org/a
---
Le gouvernement péruvien a décrété l'état d'urgence à Tacna et a annoncé le déploiement \
de 300 soldats à la frontière avec le Chili le 12 mars.
"""
OTHER = """---
source: Test Wire
lang: fr
published: 2024-05-02
---
Le Honduras a déployé 1.200 militaires à la frontière avec le Nicaragua.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "peru.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def _build(corpus: Path, tmp_path: Path, **kwargs):
    return build(
        [corpus], out=tmp_path / "events.csv", progress=False, cache=tmp_path / "cache", **kwargs
    )


def test_build_extracts_the_article(corpus, tmp_path):
    report = _build(corpus, tmp_path)
    table = read_events(tmp_path / "events.csv")
    assert report.processed == 1 and report.skipped == []
    deployment = table[table.event_type == "troop_deployment"]
    assert set(deployment.place_resolved) >= {"Tacna", "Peru–Chile border"}
    assert (deployment.force_size == 300).all()
    assert (deployment.date_start == pd.Timestamp("2024-03-12")).all()
    assert (table.source == "Test Wire").all() and (table.url == "https://example.org/a").all()
    assert report.rows == len(table) and report.events == table.event_key.nunique()


def test_rebuild_is_incremental_and_stable(corpus, tmp_path):
    _build(corpus, tmp_path)
    first = read_events(tmp_path / "events.csv")
    again = _build(corpus, tmp_path)
    assert (again.processed, again.cached) == (0, 1)
    pd.testing.assert_frame_equal(read_events(tmp_path / "events.csv"), first)

    (corpus / "honduras.txt").write_text(OTHER, encoding="utf-8")
    grown = _build(corpus, tmp_path)
    assert (grown.processed, grown.cached) == (1, 1)
    table = read_events(tmp_path / "events.csv")
    assert set(first.event_id) <= set(table.event_id)  # old rows keep their ids
    assert "HN" in set(table.actor_country)

    (corpus / "peru.txt").write_text(ARTICLE.replace("300", "400"), encoding="utf-8")
    changed = _build(corpus, tmp_path)
    assert (changed.processed, changed.cached) == (1, 1)
    assert 400 in set(read_events(tmp_path / "events.csv").force_size.dropna())


def test_bad_articles_are_reported_and_skipped(corpus, tmp_path):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"%PDF-1.7\x00\x00\x01binary")
    report = _build(corpus, tmp_path)
    skipped = dict(report.skipped)
    assert set(skipped) == {"empty", "binary"}
    assert all(reason for reason in skipped.values())
    assert report.processed == 1  # the good article still went through
    assert "skipped empty" in report.summary()


def test_an_article_that_crashes_extraction_is_skipped_not_fatal(corpus, tmp_path, caplog):
    from geo.extract.document import Extractor

    class Flaky(Extractor):
        def rows(self, article, analysis=None):
            if article.article_id == "boom":
                raise RuntimeError("model exploded")
            return super().rows(article, analysis)

    (corpus / "boom.txt").write_text(OTHER, encoding="utf-8")
    report = _build(corpus, tmp_path, extractor=Flaky())
    assert report.skipped == [("boom", "RuntimeError: model exploded")]
    assert report.processed == 1
    # the traceback is logged, so the bug can be found (the report keeps the one-line reason)
    logged = [r for r in caplog.records if r.name == "geo.batch" and "boom" in r.getMessage()]
    assert logged and logged[0].exc_info and logged[0].exc_info[0] is RuntimeError


def test_a_failed_build_keeps_the_previous_table(corpus, tmp_path, monkeypatch):
    _build(corpus, tmp_path)
    before = (tmp_path / "events.csv").read_bytes()
    import geo.batch.build

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(geo.batch.build, "write_events", broken)
    with pytest.raises(OSError):
        _build(corpus, tmp_path, force=True)
    assert (tmp_path / "events.csv").read_bytes() == before


@pytest.mark.parametrize("suffix", [".parquet", ".geojson"])
def test_output_format_follows_extension(corpus, tmp_path, suffix):
    build([corpus], out=tmp_path / f"events{suffix}", progress=False, cache=tmp_path / "c")
    table = read_events(tmp_path / f"events{suffix}")
    assert len(table) and table.event_id.is_unique


def test_cli_build_exit_codes(corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DEPLOYMAP_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "events.csv"
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert "1 processed" in capsys.readouterr().err
    (corpus / "empty.md").write_text("   ", encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(out), "--quiet"]) == 3
    assert main(["build", str(tmp_path / "missing"), "--out", str(out), "--quiet"]) == 3


def test_online_chain_places_what_the_gazetteer_lacks(tmp_path):
    """With the opt-in online chain, a place NER finds but the gazetteer lacks is sent to the
    online geocoder (a fake here: no network), and the answer lands in the table."""
    from geopy.location import Location
    from geopy.point import Point

    from geo.extract.document import Extractor
    from geo.geocoders import OfflineGeocoder
    from geo.geocoders.online import ChainGeocoder

    class FakeNominatim:
        def __init__(self):
            self.queries = []

        def geocode(self, query, exactly_one=True, **kwargs):
            self.queries.append(query)
            if query != "Pueblo Quispirana":
                return None
            raw = {
                "osm_type": "node",
                "osm_id": 42,
                "addresstype": "village",
                "address": {"country_code": "pe", "state": "Cusco"},
            }
            return Location("Pueblo Quispirana, Cusco, Perú", Point(-13.4, -72.1), raw)

    online = FakeNominatim()
    chain = ChainGeocoder(
        OfflineGeocoder(),
        online,
        cache_path=tmp_path / "geocode.json",
        min_delay_seconds=0,
        sleep=lambda s: None,
    )
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "---\nlang: fr\npublished: 2024-06-01\n---\nLe gouvernement péruvien a déployé 200 "
        "soldats à Pueblo Quispirana, dans la région de Cusco.\n",
        encoding="utf-8",
    )
    build(
        [folder],
        out=tmp_path / "events.csv",
        progress=False,
        cache=tmp_path / "cache",
        extractor=Extractor(geocoder=chain),
    )
    table = read_events(tmp_path / "events.csv")
    row = table[table.place == "Pueblo Quispirana"].iloc[0]
    assert row.location_id == "osm:node:42" and row.country_code == "PE"
    assert abs(row.latitude + 13.4) < 1e-6
    assert "Pueblo Quispirana" in online.queries
    assert "Cusco" not in online.queries  # the offline gazetteer answered that one


def test_offline_is_the_default_geocoder(monkeypatch):
    from geo.extract.document import Extractor
    from geo.geocoders import OfflineGeocoder

    monkeypatch.delenv("DEPLOYMAP_ONLINE_GEOCODER", raising=False)
    extractor = Extractor()
    assert isinstance(extractor.geocoder, OfflineGeocoder) and not extractor.keep_unknown


SPANISH = """---
lang: es
published: 2025-10-22
---
El Gobierno de Perú declaró el estado de emergencia durante 60 días en la frontera con Chile \
y desplegó a las Fuerzas Armadas en Tacna. Unos 300 soldados llegaron a Palca y a La \
Yarada-Los Palos el 20 de octubre.
"""
ENGLISH = """---
lang: en
published: 2018-10-30
---
The Pentagon said on Monday it will deploy more than 5,200 active-duty troops to the \
US-Mexico border by the end of the week. About 2,000 National Guard members are already in \
Texas, Arizona and New Mexico. A caravan of some 7,000 migrants left San Pedro Sula, \
Honduras, on October 13.
"""


def test_spanish_and_english_articles(tmp_path):
    """Spanish and English articles through their own spaCy models, gazetteer and rules."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "es.txt").write_text(SPANISH, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    build([folder], out=tmp_path / "events.csv", progress=False, cache=tmp_path / "cache")
    table = read_events(tmp_path / "events.csv")

    es = table[table.article_id == "es"]
    emergency = es[es.event_type == "state_of_emergency"]
    assert {"Peru–Chile border", "Tacna"} <= set(emergency.place_resolved)
    assert (emergency.duration_days == 60).all()
    troops = es[(es.event_type == "troop_deployment") & (es.force_size == 300)]
    assert {"Palca", "La Yarada–Los Palos"} <= set(troops.place_resolved)
    assert (troops.date_start == pd.Timestamp("2025-10-20")).all()
    palca = troops[troops.place_resolved == "Palca"].iloc[0]
    assert abs(palca.latitude + 17.78) < 0.1  # Tacna's Palca

    en = table[table.article_id == "en"]
    deployment = en[en.event_type == "troop_deployment"]
    assert {"United States–Mexico border", "Texas", "Arizona"} <= set(deployment.place_resolved)
    assert (deployment.force_size == 5200).all()
    assert (deployment.force_size_qualifier == "at_least").all()
    assert (deployment.date_start == pd.Timestamp("2018-10-29")).all()  # "on Monday"
    caravan = en[en.event_type == "migration"]
    assert "San Pedro Sula" in set(caravan.place_resolved)
    assert (caravan.date_start == pd.Timestamp("2018-10-13")).all()
