"""The geocode cache is SQLite in WAL mode (issue 12, item 7): concurrent writers (Dask
workers are processes) keep every entry, a put is one small transaction instead of a rewrite
of the whole store, a JSON cache is imported once, and a damaged database is set aside."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from geo import config
from geo.geocoders.online import GeocodeCache

ENTRY = {"name": "Villa", "address": "Villa, Tacna, Perú", "latitude": -17.9,
         "longitude": -70.2, "location_id": "osm:node:1", "country_code": "PE"}  # fmt: skip


def _writer(path: str, prefix: str, n: int) -> None:
    cache = GeocodeCache(path)
    for i in range(n):
        cache.put(f"{prefix}{i}|", {**ENTRY, "location_id": f"osm:node:{prefix}{i}"})


def test_two_writer_processes_keep_every_entry(tmp_path):
    path = tmp_path / "geocode_cache.sqlite"
    GeocodeCache(path)  # created before the writers start
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(str(path), p, 100)) for p in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    cache = GeocodeCache(path)
    assert len(cache) == 200
    assert cache.get("a57|")["location_id"] == "osm:node:a57"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_writer_threads_keep_every_entry(tmp_path):
    import threading

    path = tmp_path / "cache.sqlite"
    threads = [threading.Thread(target=_writer, args=(str(path), p, 100)) for p in "xyz"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(GeocodeCache(path)) == 300


def test_a_put_does_not_rewrite_the_store(tmp_path, monkeypatch):
    cache = GeocodeCache(tmp_path / "cache.sqlite")
    for i in range(2_000):
        cache.put(f"k{i}|", None if i % 2 else ENTRY)
    statements: list[str] = []
    cache._db.set_trace_callback(statements.append)
    cache.put("one more|", ENTRY)
    assert len(statements) == 1 and statements[0].startswith("INSERT OR REPLACE")
    assert "one more|" in cache and cache.get("k1|") is None and "k1|" in cache


def test_a_json_cache_is_imported_once(tmp_path, caplog):
    legacy = tmp_path / "geocode_cache.json"
    legacy.write_text(json.dumps({"version": 1, "entries": {
        "villa|": ENTRY, "nada|": None, "rota|": {**ENTRY, "location_id": None},
    }}), encoding="utf-8")  # fmt: skip
    cache = GeocodeCache(tmp_path / "geocode_cache.sqlite")
    assert len(cache) == 2 and cache.get("villa|") == ENTRY and "nada|" in cache
    assert "1 damaged cache entries dropped" in caplog.text
    assert not legacy.exists() and (tmp_path / "geocode_cache.json.imported").exists()


def test_a_damaged_database_is_set_aside(tmp_path, caplog):
    path = tmp_path / "cache.sqlite"
    GeocodeCache(path).put("villa|", ENTRY)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header survives, the pages do not
    path.write_bytes(bytes(data))
    for name in ("cache.sqlite-wal", "cache.sqlite-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    cache = GeocodeCache(path)
    cache.put("otra|", None)
    assert "otra|" in GeocodeCache(path)
    assert "unreadable geocode cache" in caplog.text
    assert (tmp_path / "cache.sqlite.corrupt").exists()


def test_a_damaged_entry_is_dropped_when_read(tmp_path, caplog):
    path = tmp_path / "cache.sqlite"
    cache = GeocodeCache(path)
    cache.put("ok|", ENTRY)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO answers VALUES ('bad|', '{\"address\": 1}')")
        db.execute("INSERT INTO answers VALUES ('junk|', 'not json')")
    assert "bad|" not in cache and "junk|" not in cache and "ok|" in cache
    assert len(cache) == 1 and "damaged cache entry" in caplog.text


def test_the_default_path_is_sqlite(monkeypatch, tmp_path):
    monkeypatch.setenv(config.CACHE_ENV, str(tmp_path))
    assert config.geocode_cache_path() == Path(tmp_path) / "geocode_cache.sqlite"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.delenv(config.ONLINE_GEOCODER_ENV, raising=False)
