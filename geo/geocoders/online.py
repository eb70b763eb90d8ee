"""Optional online fallback: offline gazetteer first, then Nominatim, with a persistent cache.

Never on by default. Turn it on with two environment variables::

    DEPLOYMAP_ONLINE_GEOCODER=nominatim
    DEPLOYMAP_USER_AGENT="deploymap/0.1 (you@example.org)"   # required by Nominatim's policy

and build the geocoder with :func:`geocoder_from_env` (which returns the plain
:class:`~geo.geocoders.offline.OfflineGeocoder` when the variable is unset), or construct
:class:`ChainGeocoder` yourself with any geopy geocoder as ``online``.

How a query goes:

1. the offline geocoder; if it places the name, that answer is returned (no network);
2. the persistent cache, SQLite in WAL mode (default ``data/cache/geocode_cache.sqlite``, or
   ``$DEPLOYMAP_CACHE/geocode_cache.sqlite``): a hit, positive or negative, is returned;
3. the online geocoder, called through geopy's ``RateLimiter`` (``min_delay_seconds=1``: public
   Nominatim allows one request per second), retried with exponential back-off on
   ``GeocoderTimedOut`` / ``GeocoderServiceError`` / ``GeocoderRateLimited`` (HTTP 429). An
   answer (including "nothing found") is written to the cache in one transaction, so no query
   is sent twice, even by Dask workers sharing the cache. When every retry fails, or the
   answer is malformed, the chain logs a warning, counts it in :attr:`ChainGeocoder.stats`
   and returns None (nothing cached, so a later run retries).

A shared public app must not call public Nominatim live: build the cache offline, ship it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo import config
from geo.geocoders.offline import OfflineGeocoder
from geo.io import sweep_temp_files
from geo.text import name_key

__all__ = ["ChainGeocoder", "GeocodeCache", "geocoder_from_env", "default_cache_path"]

log = logging.getLogger(__name__)
CACHE_VERSION = 1
_RETRYABLE = (GeocoderTimedOut, GeocoderRateLimited, GeocoderServiceError)


def default_cache_path() -> Path:
    """``<cache root>/geocode_cache.sqlite`` (``data/cache`` or ``$DEPLOYMAP_CACHE``)."""
    return config.geocode_cache_path()


_SQLITE_MAGIC = b"SQLite format 3\x00"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
"""
BUSY_SECONDS = 60.0
"""How long a writer waits for another one (Dask workers share the cache) before failing."""


class GeocodeCache:
    """A persistent cache of online answers in SQLite (WAL mode); ``None`` values are
    negative answers.

    Made for many writers: each :meth:`put` is one small transaction (no rewrite of the whole
    store), and processes and threads that share the file (Dask workers) never lose each
    other's entries. Read back defensively: a damaged entry is dropped with a warning (asked
    again when needed), an unreadable database is set aside (``<name>.corrupt``) and a new one
    started. A JSON cache of deploymap 0.x (at *path*, or ``geocode_cache.json`` beside it) is
    imported once, its damaged entries dropped.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        sweep_temp_files(self.path.parent, self.path.name)  # left by killed writers
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # opening (creating, importing, setting aside) is done by one process at a time
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._open()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _open(self) -> None:
        legacy = self._legacy_entries()
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as error:
            corrupt = self.path.with_name(self.path.name + ".corrupt")
            log.warning("%s: unreadable geocode cache (%s), set aside as %s; starting anew",
                        self.path, error, corrupt.name)  # fmt: skip
            os.replace(self.path, corrupt)
            for suffix in ("-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self._db = self._connect()
        if legacy:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR IGNORE INTO answers (key, value) VALUES (?, ?)",
                [(k, None if v is None else json.dumps(v)) for k, v in legacy.items()],
            )
            self._db.execute("COMMIT")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
        )
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            db.execute(
                "INSERT OR IGNORE INTO meta (name, value) VALUES ('version', ?)",
                (str(CACHE_VERSION),),
            )
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _legacy_entries(self) -> dict[str, dict | None]:
        """Entries of a JSON cache to import: *path* itself when it holds JSON (then it is
        replaced by the database), else ``<stem>.json`` beside it (renamed ``.imported``)."""
        source = None
        if self.path.is_file():
            with open(self.path, "rb") as handle:
                if handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC:
                    return {}
            source = self.path
        elif self.path.suffix != ".json" and self.path.with_suffix(".json").is_file():
            source = self.path.with_suffix(".json")
        if source is None:
            return {}
        entries: dict[str, dict | None] = {}
        try:
            doc = json.loads(source.read_text(encoding="utf-8"))
            if doc.get("version") == CACHE_VERSION and isinstance(doc.get("entries"), dict):
                entries = {k: v for k, v in doc["entries"].items() if v is None or _valid_entry(v)}
                if len(entries) < len(doc["entries"]):
                    log.warning(
                        "%s: %d damaged cache entries dropped (asked again when needed)",
                        source,
                        len(doc["entries"]) - len(entries),
                    )
            elif source == self.path or doc:
                log.warning("%s: unknown cache format, starting a new cache", source)
        except (OSError, ValueError, AttributeError) as error:
            log.warning("%s: unreadable geocode cache (%s), starting anew", source, error)
        if source == self.path:
            self.path.unlink()  # the database takes its place
        else:
            source.rename(source.with_name(source.name + ".imported"))
        return entries

    @staticmethod
    def key(query: str, country_codes: tuple[str, ...] = ()) -> str:
        """The cache key: the name key of the query plus the country restriction."""
        return f"{name_key(query)}|{','.join(country_codes)}"

    def lookup(self, key: str) -> tuple[bool, dict | None]:
        """``(found, answer)``: *answer* is None for a cached negative answer. A damaged
        entry is dropped (with a warning) and reads as not found."""
        with self._lock:
            row = self._db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
        if row is None:
            return False, None
        if row[0] is None:
            return True, None
        try:
            value = json.loads(row[0])
        except ValueError:
            value = None
        if _valid_entry(value):
            return True, value
        log.warning("%s: damaged cache entry %r dropped (asked again when needed)",
                    self.path, key)  # fmt: skip
        with self._lock:
            self._db.execute("DELETE FROM answers WHERE key = ?", (key,))
        return False, None

    def __contains__(self, key: str) -> bool:
        return self.lookup(key)[0]

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def get(self, key: str) -> dict | None:
        """The cached answer (None for a cached negative answer; check ``in`` first)."""
        return self.lookup(key)[1]

    def put(self, key: str, value: dict | None) -> None:
        """Store an answer (one transaction: other writers' entries are never lost)."""
        text = None if value is None else json.dumps(value, ensure_ascii=False)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers (key, value) VALUES (?, ?)", (key, text)
            )

    def close(self) -> None:
        """Close the database (it is also closed when the cache is garbage-collected)."""
        with self._lock:
            self._db.close()


class _RateLimiter(RateLimiter):
    """geopy's RateLimiter with injectable sleep and clock (tests use fakes)."""

    def __init__(self, func, *, sleep: Callable[[float], Any], clock: Callable[[], float], **kw):
        self._sleep_func = sleep
        self._clock_func = clock
        super().__init__(func, **kw)

    def _sleep(self, seconds):
        self._sleep_func(seconds)

    def _clock(self):
        return self._clock_func()


class ChainGeocoder(Geocoder):
    """Offline first; names it cannot place go to *online* (rate-limited, cached, retried)."""

    def __init__(
        self,
        offline: OfflineGeocoder | None = None,
        online: Geocoder | None = None,
        *,
        cache_path: str | os.PathLike[str] | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = 3,
        backoff_seconds: float = 2.0,
        sleep: Callable[[float], Any] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        user_agent: str | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> None:
        super().__init__(user_agent=user_agent or "deploymap-chain", timeout=timeout)
        self.offline = offline or OfflineGeocoder()
        self.online = online
        self.cache = GeocodeCache(cache_path or default_cache_path())
        self.max_retries = max(0, int(max_retries))
        self.backoff_seconds = float(backoff_seconds)
        self._sleep_func = sleep
        self.stats = {"offline": 0, "cache": 0, "online": 0, "failed": 0, "malformed": 0}
        self._limited = None
        if online is not None:
            self._limited = _RateLimiter(
                online.geocode,
                min_delay_seconds=min_delay_seconds,
                max_retries=0,
                swallow_exceptions=False,
                sleep=sleep,
                clock=clock,
            )

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | list[str] | None = None,
        near: Any = None,
        context: Any = None,
        timeout: Any = None,
        **kwargs: Any,
    ) -> Location | list[Location] | None:
        """Offline answer, else cached online answer, else a fresh (rate-limited) online one.

        An offline answer that is only the container of what was asked (``raw["approximate"]``:
        a street or a hamlet in "X, Tacna" answered by Tacna) is asked online too, and kept
        when the online service knows nothing better."""
        found = self.offline.geocode(
            query,
            exactly_one=exactly_one,
            country_codes=country_codes,
            near=near,
            context=context,
            **kwargs,
        )
        first = found if not isinstance(found, list) else (found[0] if found else None)
        approximate = first is not None and bool(first.raw.get("approximate"))
        if found and (not approximate or self._limited is None):
            self.stats["offline"] += 1
            return found
        if self._limited is None:
            return None
        online = self._online(query, exactly_one, country_codes, timeout)
        if online is None and found:
            self.stats["offline"] += 1
            return found  # the container is the best anyone knows
        return online

    def _online(
        self, query: str, exactly_one: bool, country_codes: Any, timeout: Any
    ) -> Location | list[Location] | None:
        """The cached or fresh online answer for *query* (None: none, or the service failed)."""
        codes = _codes(country_codes)
        key = GeocodeCache.key(query, codes)
        found, entry = self.cache.lookup(key)
        if found:
            self.stats["cache"] += 1
        else:
            entry = self._ask_online(query, codes, timeout)
            if entry is _FAILED:
                return None
            self.cache.put(key, entry)
        if entry is None:
            return None
        loc = _location(entry)
        return loc if exactly_one else [loc]

    def _ask_online(self, query: str, codes: tuple[str, ...], timeout: Any) -> Any:
        kwargs: dict[str, Any] = {"exactly_one": True}
        if codes:
            kwargs["country_codes"] = list(codes)
        if timeout is not None:
            kwargs["timeout"] = timeout
        delay = self.backoff_seconds
        for attempt in range(self.max_retries + 1):
            try:
                answer = self._limited(query, **kwargs)
            except _RETRYABLE as error:
                if attempt == self.max_retries:
                    self.stats["failed"] += 1
                    log.warning(
                        "online geocoder failed for %r after %d tries: %s",
                        query,
                        attempt + 1,
                        error,
                    )
                    return _FAILED
                wait = delay
                if isinstance(error, GeocoderRateLimited) and error.retry_after:
                    wait = max(wait, float(error.retry_after))
                log.info("online geocoder error for %r (%s); retrying in %.1fs", query, error, wait)
                self._sleep_func(wait)
                delay *= 2
                continue
            self.stats["online"] += 1
            if answer is None:
                return None
            if isinstance(answer, list):
                answer = answer[0] if answer else None
                if answer is None:
                    return None
            try:
                return _entry(query, answer)
            except (AttributeError, TypeError, ValueError, KeyError) as error:
                self.stats["malformed"] += 1
                log.warning("malformed online answer for %r: %r (%s)", query, answer, error)
                return _FAILED
        return _FAILED  # pragma: no cover

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = None):
        """Not supported (raises NotImplementedError)."""
        raise NotImplementedError("ChainGeocoder does not reverse-geocode")


_FAILED = object()


def _codes(country_codes: str | list[str] | None) -> tuple[str, ...]:
    if not country_codes:
        return ()
    if isinstance(country_codes, str):
        country_codes = country_codes.split(",")
    return tuple(sorted({c.strip().upper() for c in country_codes if c.strip()}))


_FEATURES = {
    "country": "country",
    "state": "admin1",
    "region": "admin1",
    "province": "admin1",
    "county": "admin2",
}


def _entry(query: str, answer: Any) -> dict:
    """A cache entry from a geopy Location; raises ValueError if it does not hold a point."""
    lat, lon = float(answer.latitude), float(answer.longitude)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    raw = answer.raw if isinstance(getattr(answer, "raw", None), Mapping) else {}
    address = str(answer.address or query)
    osm = f"osm:{raw.get('osm_type')}:{raw.get('osm_id')}" if raw.get("osm_id") else None
    details = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
    return {
        "name": address.split(",")[0].strip() or query,
        "address": address,
        "latitude": lat,
        "longitude": lon,
        "geonameid": None,
        "feature": _FEATURES.get(str(raw.get("addresstype") or raw.get("type") or ""), "city"),
        "feature_code": str(raw.get("type") or ""),
        "country_code": str(details.get("country_code") or "").upper(),
        "admin1": details.get("state"),
        "admin1_code": None,
        "population": 0,
        "location_id": osm or f"online:{name_key(address)}",
        "geometry_wkt": None,
        "score": None,
        "source": "nominatim" if osm else "online",
        "query": query,
        "cached_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def _valid_entry(entry: Any) -> bool:
    """True when a cached positive answer can be turned back into a Location and into table
    rows: an address, a point, a non-empty ``location_id``, text where text goes."""
    if not isinstance(entry, dict) or not isinstance(entry.get("address"), str):
        return False
    lat, lon = entry.get("latitude"), entry.get("longitude")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
        return False
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return False
    location_id = entry.get("location_id")
    if not isinstance(location_id, str) or not location_id.strip():
        return False
    for name in ("name", "feature", "country_code"):
        if not isinstance(entry.get(name, ""), str):
            return False
    for name in ("admin1", "geometry_wkt", "feature_code"):
        if entry.get(name) is not None and not isinstance(entry[name], str):
            return False
    for name in ("geonameid", "population"):
        value = entry.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return False
    return True


def _location(entry: dict) -> Location:
    return Location(entry["address"], Point(entry["latitude"], entry["longitude"]), dict(entry))


def geocoder_from_env(
    env: Mapping[str, str] | None = None, *, offline: OfflineGeocoder | None = None
) -> Geocoder:
    """The geocoder the environment asks for: offline unless it sets the online variables.

    Raises :class:`~geo.exc.ConfigurationError` for an unknown value or a missing user agent.
    """
    online = config.online_geocoder(env)
    offline = offline or OfflineGeocoder()
    if online is None:
        return offline
    _backend, agent = online
    from geopy.geocoders import Nominatim

    return ChainGeocoder(offline, Nominatim(user_agent=agent))
