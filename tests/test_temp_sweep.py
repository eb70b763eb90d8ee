"""Temporary files of killed writes (issue 12, item 18) are swept from the article cache (at
the start of a build) and beside the geocode cache (when it is opened), as the output
folder's are; a temporary file young enough to belong to a live writer is kept."""

from __future__ import annotations

import os
import time
from pathlib import Path

from geo.batch.build import build
from geo.geocoders.online import GeocodeCache
from geo.io import STALE_TEMP_SECONDS, sweep_temp_files


class NoEvents:
    def analyse(self, text: str, lang: str | None = None) -> dict:
        return {}

    def rows(self, article, analysis=None) -> list[dict]:
        return []


def _temp(folder: Path, name: str, age: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("half a file", encoding="utf-8")
    old = time.time() - age
    os.utime(path, (old, old))
    return path


def test_a_build_sweeps_the_article_cache(tmp_path):
    cache = tmp_path / "cache"
    stale = _temp(cache, ".0123abcd.json.k2j3h4.tmp", STALE_TEMP_SECONDS + 60)
    fresh = _temp(cache, ".4567ef.json.a1b2c3.tmp", 1)  # a live writer's
    entry = _temp(cache, "89ab.json", STALE_TEMP_SECONDS + 60)  # an entry, not a temp file
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le Pérou déploie des soldats à Tacna.", encoding="utf-8")
    build([corpus], out=tmp_path / "events.csv", progress=False, cache=cache,
          extractor=NoEvents())  # fmt: skip
    assert not stale.exists() and fresh.exists() and entry.exists()


def test_opening_the_geocode_cache_sweeps_beside_it(tmp_path):
    path = tmp_path / "geocode_cache.json"
    stale = _temp(tmp_path, ".geocode_cache.json.x8y9z0.tmp", STALE_TEMP_SECONDS + 60)
    fresh = _temp(tmp_path, ".geocode_cache.json.q1w2e3.tmp", 1)
    other = _temp(tmp_path, ".events.csv.abc.tmp", STALE_TEMP_SECONDS + 60)  # not ours
    cache = GeocodeCache(path)
    cache.put("lima|", None)
    assert not stale.exists() and fresh.exists() and other.exists()


def test_sweeping_a_missing_folder_does_nothing(tmp_path):
    assert sweep_temp_files(tmp_path / "nope") == 0
