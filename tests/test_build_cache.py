"""The per-article cache never serves stale rows: renames, new dates and a new supplement.

Each case rebuilds incrementally (reusing the cache) after a change to the input or to the
curated data, and compares the table with a clean build of the same input on an empty cache.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo import config
from geo.batch.build import build
from geo.batch.cache import ArticleCache, analysis_key, extraction_fingerprint, extractor_tag
from geo.extract.document import STAGES, TEXT_STAGES, Document, Extractor
from geo.table.formats import read_events

PERU = """---
source: Test Wire
lang: fr
published: 2024-03-15
url: https://example.org/peru
---
Le gouvernement péruvien a décrété l'état d'urgence à Tacna et a annoncé mardi le déploiement \
de 300 soldats à Zorritos, près de la frontière avec l'Équateur.
"""
HONDURAS = """---
source: Other Wire
lang: fr
published: 2024-05-02
---
Le Honduras a déployé 1.200 militaires à la frontière avec le Nicaragua le 3 mai.
"""
# A made-up place name no gazetteer has: it appears only once the supplement names it.
INVENTED = "Villaquemada del Sur"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "peru.txt").write_text(PERU, encoding="utf-8")
    (folder / "honduras.txt").write_text(HONDURAS, encoding="utf-8")
    return folder


def _build(corpus: Path, out: Path, cache: Path) -> tuple:
    report = build([corpus], out=out, progress=False, cache=cache)
    return report, read_events(out)


def _clean(corpus: Path, tmp_path: Path, name: str) -> pd.DataFrame:
    """A build of *corpus* on an empty cache."""
    work = tmp_path / f"clean-{name}"
    _, table = _build(corpus, work / "events.csv", work / "cache")
    return table


def test_renamed_files_get_their_new_ids_and_equal_a_clean_build(corpus, tmp_path):
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    _, before = _build(corpus, out, cache)
    assert set(before.article_id) == {"peru", "honduras"}

    (corpus / "peru.txt").rename(corpus / "peru-2024-03-15.txt")
    report, table = _build(corpus, out, cache)
    assert report.cached == 2 and report.processed == 0  # the text stages came from the cache
    assert set(table.article_id) == {"peru-2024-03-15", "honduras"}
    pd.testing.assert_frame_equal(table, _clean(corpus, tmp_path, "rename"))


def test_a_new_published_date_redates_relative_dates_like_a_clean_build(corpus, tmp_path):
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    _, before = _build(corpus, out, cache)
    peru = before[before.article_id == "peru"]
    assert pd.Timestamp("2024-03-12") in set(peru.date_start)  # "mardi" before 2024-03-15

    text = PERU.replace("published: 2024-03-15", "published: 2024-06-14")
    (corpus / "peru.txt").write_text(text, encoding="utf-8")
    report, table = _build(corpus, out, cache)
    assert report.cached == 2  # only the dated stages ran again
    peru = table[table.article_id == "peru"]
    assert set(peru.published) == {"2024-06-14"}
    assert pd.Timestamp("2024-06-11") in set(peru.date_start)  # "mardi" before 2024-06-14
    assert pd.Timestamp("2024-03-12") not in set(peru.date_start)
    pd.testing.assert_frame_equal(table, _clean(corpus, tmp_path, "published"))


def test_an_edited_supplement_reresolves_every_article_like_a_clean_build(
    corpus, tmp_path, monkeypatch
):
    supplement = tmp_path / "supplement.csv"
    shutil.copy(config.SUPPLEMENT_CSV, supplement)
    monkeypatch.setattr(config, "SUPPLEMENT_CSV", supplement)
    (corpus / "peru.txt").write_text(PERU.replace("Zorritos", INVENTED), encoding="utf-8")
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    before_key = extraction_fingerprint()
    _, before = _build(corpus, out, cache)
    assert INVENTED not in set(before.place)

    with supplement.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    row = dict.fromkeys(header, "")
    row.update(id="test-invented", name=INVENTED, latitude="-3.70", longitude="-80.60")
    row.update(feature="city", feature_code="PPL", country_code="PE", admin1="Tumbes")
    row.update(population="50000")  # gazetteer-only matches need 5,000+
    text = supplement.read_text(encoding="utf-8")
    with supplement.open("a", encoding="utf-8", newline="") as handle:
        handle.write("" if text.endswith("\n") else "\n")
        csv.DictWriter(handle, fieldnames=header).writerow(row)

    assert extraction_fingerprint() != before_key  # the supplement is part of the key
    report, table = _build(corpus, out, cache)
    assert report.cached == 0 and report.processed == 2
    assert INVENTED in set(table.place)
    pd.testing.assert_frame_equal(table, _clean(corpus, tmp_path, "supplement"))


def test_the_cache_holds_the_text_stages_only(corpus, tmp_path):
    cache = tmp_path / "cache"
    build([corpus], out=tmp_path / "events.csv", progress=False, cache=cache)
    entries = list(cache.glob("*.json"))
    assert len(entries) == 2
    for entry in entries:
        text = entry.read_text(encoding="utf-8")
        for identity in ("peru", "honduras", "Test Wire", "example.org", "2024-03-15"):
            assert identity not in text, f"{identity!r} cached in {entry.name}"


def test_a_damaged_or_foreign_cache_entry_is_recomputed(corpus, tmp_path):
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    _, clean = _build(corpus, out, cache)
    first, second = sorted(cache.glob("*.json"))
    first.write_text('{"format": 1, "places": [{"start": "x"}]}', encoding="utf-8")
    second.write_text("[1, 2", encoding="utf-8")
    report, table = _build(corpus, out, cache)
    assert not report.skipped and report.cached == 0
    pd.testing.assert_frame_equal(table, clean)


def test_the_key_changes_with_text_language_and_extractor(corpus):
    extractor = Extractor()
    tag = extractor_tag(extractor)
    key = analysis_key("Tacna", "fr", tag)
    assert key == analysis_key("Tacna", "fr", tag)
    assert len({key, analysis_key("Tacna ", "fr", tag), analysis_key("Tacna", "es", tag),
                analysis_key("Tacna", "fr", "other:0")}) == 4  # fmt: skip
    assert ArticleCache(corpus / "none").get(key) is None


def test_the_stages_run_once_each_in_order():
    extractor = Extractor()
    doc = extractor("Le Pérou envoie l'armée à Tacna le 3 mars.", lang="fr", published="2024-03-10")
    assert doc.done == list(STAGES)
    restored = Document.from_analysis(doc.text, doc.analysis(), lang="fr", published="2024-03-10")
    assert restored.done == list(TEXT_STAGES)
    assert restored.places == doc.places and restored.sentences == doc.sentences
    again = extractor.finish(doc.text, doc.analysis(), lang="fr", published="2024-03-10")
    assert again.events == doc.events


# -- issue 12, item 4: what the key misses ------------------------------------------------


class _FailingChain:
    """An online chain whose every lookup fails (the network is down); offline answers."""

    def __init__(self) -> None:
        from geo.geocoders import OfflineGeocoder

        self.offline = OfflineGeocoder()
        self.stats = {"failed": 0}

    def geocode(self, query, **kwargs):
        self.stats["failed"] += 1
        return self.offline.geocode(query, **kwargs)


def _failing_extractor():
    return Extractor(geocoder=_FailingChain())


def test_the_key_changes_with_the_geocoder(corpus):
    assert extractor_tag(Extractor()) != extractor_tag(_failing_extractor())
    assert len({extraction_fingerprint(), extraction_fingerprint()}) == 1


def test_an_article_analysed_while_the_network_failed_is_asked_again(corpus, tmp_path):
    cache = tmp_path / "cache"
    report = build([corpus], out=tmp_path / "events.csv", progress=False, cache=cache,
                   extractor_factory=_failing_extractor)  # fmt: skip
    assert not report.skipped and report.processed == 2
    assert list(cache.glob("*.json")) == []  # nothing cached: the next build asks again
    report = build([corpus], out=tmp_path / "events.csv", progress=False, cache=cache)
    assert report.cached == 0 and report.processed == 2


def test_a_renamed_article_replaces_its_old_id_in_a_dataset(corpus, tmp_path):
    from geo.batch.build import build_dataset

    out, cache = tmp_path / "events.parquet", tmp_path / "cache"
    build_dataset([corpus], out=out, engine="local", progress=False, cache=cache)
    before = read_events(out)
    (corpus / "peru.txt").rename(corpus / "peru-2024-03-15.txt")
    build_dataset([corpus], out=out, engine="local", progress=False, cache=cache)
    after = read_events(out)
    assert set(after.article_id) == {"peru-2024-03-15", "honduras"}
    assert len(after) == len(before)
    (corpus / "honduras.txt").unlink()  # a missing article keeps its rows (an archive grows)
    build_dataset([corpus], out=out, engine="local", progress=False, cache=cache)
    assert set(read_events(out).article_id) == {"peru-2024-03-15", "honduras"}
