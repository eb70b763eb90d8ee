"""Never lose data (issue 6): killed builds, concurrent builds, damaged caches.

Real ``python -m geo build`` subprocesses are SIGKILLed at several moments: while starting,
after a few articles, after most of them, and while the table's temporary file is written
(a wrapper pauses the build inside the ``fsync`` of the table, so that moment is hit every time,
with no timing guess). The previous table must stay byte-identical, and the next run must end
with the table of a clean run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.batch.build import build
from geo.exc import BuildLocked
from geo.io import output_lock
from geo.synthetic.articles import synthetic_articles, write_corpus
from geo.table.formats import read_events

ROOT = Path(__file__).resolve().parent.parent
N_ARTICLES = 30
N_PREVIOUS = 6
PAUSE_ENV = "DEPLOYMAP_TEST_PAUSE_MARKER"
# Runs the real CLI; with $DEPLOYMAP_TEST_PAUSE_MARKER set, the fsync of the events table's
# temporary file touches that marker and sleeps, so the test can kill the build mid-write.
RUNNER = f"""
import os, sys, time
marker = os.environ.get({PAUSE_ENV!r})
if marker:
    real_fsync = os.fsync
    def fsync(fd):
        real_fsync(fd)
        if os.path.basename(os.readlink(f"/proc/self/fd/{{fd}}")).startswith(".events.csv."):
            open(marker, "w").close()
            time.sleep(120)
    os.fsync = fsync
from geo.cli import main
sys.exit(main(sys.argv[1:]))
"""
TIMEOUT = 120  # seconds: only to detect a hang


def _env(pause: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DEPLOYMAP_CACHE", PAUSE_ENV)}
    if pause is not None:
        env[PAUSE_ENV] = str(pause)
    return env


def _start(corpus: Path, out: Path, cache: Path, pause: Path | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-c", RUNNER, "build", str(corpus), "--out", str(out),
           "--cache", str(cache), "--quiet"]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=ROOT, env=_env(pause), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_until(condition, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"build ended (rc {proc.returncode}) before {what}: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=TIMEOUT)
    assert proc.returncode == -signal.SIGKILL
    proc.stdout.close()
    proc.stderr.close()


def _entries(cache: Path) -> int:
    return len(list(cache.glob("*.json"))) if cache.exists() else 0


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small "previous" corpus, the full corpus, and the full corpus' clean-run table."""
    root = tmp_path_factory.mktemp("crash")
    articles = synthetic_articles(N_ARTICLES, seed=6)
    write_corpus(root / "previous", articles[:N_PREVIOUS])
    write_corpus(root / "full", articles)
    clean = root / "clean" / "events.csv"
    build([root / "full"], out=clean, progress=False, cache=root / "clean_cache")
    return {"root": root, "previous": root / "previous", "full": root / "full", "clean": clean}


@pytest.mark.slow
def test_sigkill_at_any_moment_keeps_the_previous_table(corpora, tmp_path) -> None:
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    build([corpora["previous"]], out=out, progress=False, cache=cache)
    previous = out.read_bytes()
    assert len(read_events(out)) > 0
    moments = [
        ("while starting", lambda: True),
        ("after a few articles", lambda: _entries(cache) >= N_PREVIOUS + 3),
        ("after most articles", lambda: _entries(cache) >= N_ARTICLES - 6),
    ]
    for what, condition in moments:
        pause = tmp_path / "paused"
        proc = _start(corpora["full"], out, cache, pause)
        _wait_until(condition, proc, what)
        _kill(proc)
        assert out.read_bytes() == previous, what
    # killed mid-write: the temporary file is complete, the rename has not happened yet
    pause = tmp_path / "paused"
    proc = _start(corpora["full"], out, cache, pause)
    _wait_until(pause.exists, proc, "the table write")
    temps = list(tmp_path.glob(".events.csv.*.tmp"))
    assert len(temps) == 1 and temps[0].stat().st_size > len(previous)
    _kill(proc)
    assert out.read_bytes() == previous
    assert read_events(out).equals(read_events(out))  # still a valid table
    # the next run resumes from the cache, sweeps the stale temporary file, matches a clean run
    proc = _start(corpora["full"], out, cache)
    _, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err
    assert "0 skipped" in err
    assert out.read_bytes() == corpora["clean"].read_bytes()
    assert not list(tmp_path.glob(".events.csv.*.tmp"))


@pytest.mark.slow
def test_a_second_build_on_the_same_output_is_refused(corpora, tmp_path) -> None:
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    build([corpora["previous"]], out=out, progress=False, cache=cache)
    previous = out.read_bytes()
    pause = tmp_path / "paused"
    first = _start(corpora["full"], out, cache, pause)
    try:
        _wait_until(pause.exists, first, "the first build to hold the lock")
        second = _start(corpora["full"], out, cache)
        _, err = second.communicate(timeout=TIMEOUT)
        assert second.returncode == 2
        assert "another build is writing this table right now" in err
        assert out.read_bytes() == previous
    finally:
        _kill(first)
    # the lock died with the first build: nothing stale blocks the next one
    third = _start(corpora["full"], out, cache)
    _, err = third.communicate(timeout=TIMEOUT)
    assert third.returncode == 0, err
    assert out.read_bytes() == corpora["clean"].read_bytes()


@pytest.mark.slow
def test_two_builds_started_at_once_do_not_corrupt_the_table(corpora, tmp_path) -> None:
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    procs = [_start(corpora["full"], out, cache) for _ in range(2)]
    results = [(p.returncode, p.communicate(timeout=TIMEOUT)[1]) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes in ([0, 0], [0, 2]), results  # both (one after the other) or one refused
    for code, err in results:
        if code == 2:
            assert "another build is writing this table right now" in err
    assert out.read_bytes() == corpora["clean"].read_bytes()


def test_output_lock_in_process(tmp_path) -> None:
    out = tmp_path / "events.csv"
    with output_lock(out) as lock:
        assert lock == tmp_path / "events.csv.lock"
        with pytest.raises(BuildLocked, match="another build"), output_lock(out):
            pass
        with pytest.raises(RuntimeError):  # BuildLocked is a RuntimeError too
            build([tmp_path], out=out, progress=False, cache=tmp_path / "c")
    with output_lock(out):  # released
        pass
    assert not out.exists()


# --- caches read back defensively -------------------------------------------------------------


def test_damaged_article_cache_entries_are_recomputed(corpora, tmp_path) -> None:
    out, cache = tmp_path / "events.csv", tmp_path / "cache"
    build([corpora["previous"]], out=out, progress=False, cache=cache)
    table = out.read_bytes()
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == N_PREVIOUS
    good = json.loads(entries[0].read_text())  # the text stages' result (a JSON object)
    assert isinstance(good, dict) and "places" in good
    damage = [
        entries[0].read_bytes()[:10],  # truncated
        b"\x00\xff garbage",  # not JSON
        b"[]",  # JSON, not an object
        json.dumps({**good, "format": 99}).encode(),  # another layout
        json.dumps({"format": good["format"]}).encode(),  # keys missing
        json.dumps({**good, "places": [{"start": 0, "unexpected": 1}]}).encode(),  # bad place
    ]
    for entry, data in zip(entries, damage, strict=True):
        entry.write_bytes(data)
    report = build([corpora["previous"]], out=out, progress=False, cache=cache)
    assert report.processed == N_PREVIOUS and report.cached == 0 and not report.skipped
    assert out.read_bytes() == table
    report = build([corpora["previous"]], out=out, progress=False, cache=cache)
    assert report.cached == N_PREVIOUS  # rewritten whole
    assert out.read_bytes() == table


def test_damaged_gazetteer_pointer_means_not_built(tmp_path) -> None:
    from geo.gazetteer.layout import current_index

    assert current_index(tmp_path) is None  # nothing there
    (tmp_path / "CURRENT").write_text("../../etc\n", encoding="utf-8")
    assert current_index(tmp_path) is None
    (tmp_path / "build1").mkdir()
    (tmp_path / "CURRENT").write_text("build1\n", encoding="utf-8")
    (tmp_path / "build1" / "meta.json").write_text('{"fingerprint": ', encoding="utf-8")
    assert current_index(tmp_path) is None
    (tmp_path / "build1" / "meta.json").write_text("[]", encoding="utf-8")
    assert current_index(tmp_path) is None
    (tmp_path / "CURRENT").write_bytes(b"\xff\xfe\x00")  # garbled: was a UnicodeDecodeError
    assert current_index(tmp_path) is None


# --- the online geocoder's cache --------------------------------------------------------------


class Clock:
    """A fake clock whose sleep advances time (the rate limiter waits on it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _cache_doc(entries: dict) -> str:
    return json.dumps({"version": 1, "entries": entries})


GOOD_ENTRY = {"name": "Villa", "address": "Villa, Tacna, Perú", "latitude": -17.9,
              "longitude": -70.2, "location_id": "osm:node:1", "country_code": "PE"}  # fmt: skip


@pytest.mark.parametrize(
    "content",
    [
        _cache_doc({"villa|": GOOD_ENTRY})[:25],  # truncated mid-write by a crash
        "",
        "[1, 2]",
        '{"version": 99, "entries": {}}',
        '{"version": 1, "entries": []}',
        "\x00\x00",
    ],
)
def test_online_cache_file_damaged_is_read_as_empty(tmp_path, caplog, content: str) -> None:
    from geo.geocoders.online import GeocodeCache

    path = tmp_path / "geocode_cache.json"
    path.write_text(content, encoding="utf-8")
    cache = GeocodeCache(path)
    assert len(cache) == 0
    assert "geocode cache" in caplog.text or "cache format" in caplog.text
    cache.put("villa|", None)
    assert "villa|" in GeocodeCache(path)  # rewritten whole


def test_online_cache_damaged_entries_are_dropped_and_asked_again(tmp_path, caplog) -> None:
    from geopy.location import Location
    from geopy.point import Point

    from geo.geocoders import OfflineGeocoder
    from geo.geocoders.online import ChainGeocoder, GeocodeCache

    path = tmp_path / "geocode_cache.json"
    entries = {
        GeocodeCache.key("Villa Buena"): GOOD_ENTRY,
        GeocodeCache.key("Villa Nada"): None,
        GeocodeCache.key("Villa Rota"): {"address": "x", "latitude": "north", "longitude": 1},
        GeocodeCache.key("Villa Lejos"): {**GOOD_ENTRY, "latitude": 700.0},
        GeocodeCache.key("Villa Texto"): "Villa",
        GeocodeCache.key("Villa Lista"): [1, 2],
    }
    path.write_text(_cache_doc(entries), encoding="utf-8")

    class Online:
        calls: list[str] = []

        def geocode(self, query, **kwargs):
            self.calls.append(query)
            return Location(f"{query}, Perú", Point(-12.0, -77.0), {"address": {}})

    online, clock = Online(), Clock()
    chain = ChainGeocoder(
        OfflineGeocoder(), online, cache_path=path, sleep=clock.sleep, clock=clock.clock
    )
    assert len(chain.cache) == 2 and "4 damaged cache entries dropped" in caplog.text
    assert chain.geocode("Villa Buena").latitude == -17.9
    assert chain.geocode("Villa Nada") is None
    for name in ("Villa Rota", "Villa Lejos", "Villa Texto", "Villa Lista"):
        assert chain.geocode(name).latitude == -12.0
    assert online.calls == ["Villa Rota", "Villa Lejos", "Villa Texto", "Villa Lista"]


def test_online_chain_survives_every_kind_of_failure(tmp_path) -> None:
    """Timeouts, 429, 5xx, unreachable and unparsable answers on every retry: None (the
    offline answer stands), nothing cached, and the build-facing call never raises."""
    from geopy.exc import (
        GeocoderParseError,
        GeocoderRateLimited,
        GeocoderServiceError,
        GeocoderTimedOut,
        GeocoderUnavailable,
    )

    from geo.geocoders import OfflineGeocoder
    from geo.geocoders.online import ChainGeocoder

    errors = [GeocoderTimedOut("t"), GeocoderRateLimited("429", retry_after=3),
              GeocoderServiceError("HTTP 502"), GeocoderUnavailable("503"),
              GeocoderParseError("bad json"), GeocoderTimedOut("t")]  # fmt: skip

    class Online:
        def geocode(self, query, **kwargs):
            raise errors.pop(0)

    clock = Clock()
    chain = ChainGeocoder(
        OfflineGeocoder(), Online(), cache_path=tmp_path / "c.json", max_retries=2,
        backoff_seconds=1.0, sleep=clock.sleep, clock=clock.clock,
    )  # fmt: skip
    assert chain.geocode("Villa Uno") is None  # timeout, 429, 502: gave up
    assert chain.geocode("Villa Dos") is None  # 503, parse error, timeout: gave up
    assert chain.stats["failed"] == 2 and 3.0 in clock.sleeps and not errors
    assert len(chain.cache) == 0  # nothing cached: a later run asks again
    assert chain.geocode("Lima").raw["country_code"] == "PE"  # offline still answers
