"""The optional online chain, with a fake geocoder: no test touches the network."""

from __future__ import annotations

import pytest
from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut
from geopy.geocoders import Nominatim
from geopy.location import Location
from geopy.point import Point

from geo.exc import ConfigurationError
from geo.geocoders import OfflineGeocoder
from geo.geocoders.online import ChainGeocoder, GeocodeCache, geocoder_from_env


class FakeOnline:
    """Stands in for Nominatim: records calls, answers from a table or raises."""

    def __init__(self, answers=None, errors=()):
        self.answers = answers or {}
        self.errors = list(errors)
        self.calls: list[tuple[str, dict]] = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        if self.errors:
            raise self.errors.pop(0)
        return self.answers.get(query)


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def nominatim_like(name, lat, lon):
    raw = {"osm_type": "node", "osm_id": 123, "addresstype": "village", "type": "village",
           "address": {"country_code": "pe", "state": "Tacna"}}  # fmt: skip
    return Location(f"{name}, Tacna, Perú", Point(lat, lon), raw)


@pytest.fixture(scope="module")
def offline():
    return OfflineGeocoder()


def chain(offline, fake, tmp_path, clock=None, **kw):
    clock = clock or FakeClock()
    return ChainGeocoder(
        offline, fake, cache_path=tmp_path / "cache.json", sleep=clock.sleep, clock=clock.clock,
        **kw,
    )  # fmt: skip


def test_offline_answer_is_preferred(offline, tmp_path):
    fake = FakeOnline({"Tacna": nominatim_like("Tacna", 0, 0)})
    g = chain(offline, fake, tmp_path)
    loc = g.geocode("Tacna", country_codes=["PE"])
    assert loc.raw["source"] == "geonames"
    assert fake.calls == []
    assert g.stats["offline"] == 1


def test_unknown_name_goes_online_once_then_cache(offline, tmp_path):
    fake = FakeOnline({"Villa Inventada": nominatim_like("Villa Inventada", -17.9, -70.2)})
    g = chain(offline, fake, tmp_path)
    loc = g.geocode("Villa Inventada", country_codes=["PE"])
    assert loc.latitude == pytest.approx(-17.9)
    assert loc.raw["source"] == "nominatim" and loc.raw["location_id"] == "osm:node:123"
    assert loc.raw["country_code"] == "PE" and loc.raw["admin1"] == "Tacna"
    assert fake.calls == [("Villa Inventada", {"exactly_one": True, "country_codes": ["PE"]})]
    again = g.geocode("villa inventada", country_codes=["pe"])  # same key
    assert again.raw == loc.raw
    assert len(fake.calls) == 1 and g.stats["cache"] == 1
    as_list = g.geocode("Villa Inventada", exactly_one=False, country_codes=["PE"])
    assert [x.raw["location_id"] for x in as_list] == ["osm:node:123"]


def test_cache_persists_across_instances(offline, tmp_path):
    fake = FakeOnline({"Villa Inventada": nominatim_like("Villa Inventada", -17.9, -70.2)})
    chain(offline, fake, tmp_path).geocode("Villa Inventada")
    assert "villa inventada|" in GeocodeCache(tmp_path / "cache.json")  # on disk
    fake2 = FakeOnline()
    loc = chain(offline, fake2, tmp_path).geocode("Villa Inventada")
    assert loc is not None and loc.latitude == pytest.approx(-17.9)
    assert fake2.calls == []


def test_negative_answers_are_cached(offline, tmp_path):
    fake = FakeOnline({})
    g = chain(offline, fake, tmp_path)
    assert g.geocode("Nowhere Xqzzy") is None
    assert g.geocode("Nowhere Xqzzy") is None
    assert len(fake.calls) == 1
    fake2 = FakeOnline()
    assert chain(offline, fake2, tmp_path).geocode("Nowhere Xqzzy") is None
    assert fake2.calls == []


def test_rate_limiter_spaces_calls(offline, tmp_path):
    clock = FakeClock()
    fake = FakeOnline({})
    g = chain(offline, fake, tmp_path, clock=clock)
    for name in ("Aaa Xqzzy", "Bbb Xqzzy", "Ccc Xqzzy"):
        g.geocode(name)
    assert len(fake.calls) == 3
    # geopy's RateLimiter waited ~1 s before the 2nd and 3rd calls (fake clock, no real sleep).
    assert len(clock.sleeps) == 2
    assert all(s == pytest.approx(1.0) for s in clock.sleeps)


def test_retries_with_backoff_then_succeeds(offline, tmp_path):
    clock = FakeClock()
    fake = FakeOnline(
        {"Villa Inventada": nominatim_like("Villa Inventada", -17.9, -70.2)},
        errors=[GeocoderTimedOut("slow"), GeocoderRateLimited("429", retry_after=7)],
    )
    g = chain(offline, fake, tmp_path, clock=clock, backoff_seconds=2.0)
    loc = g.geocode("Villa Inventada")
    assert loc is not None and len(fake.calls) == 3
    assert 2.0 in clock.sleeps and 7.0 in clock.sleeps  # back-off, then Retry-After


def test_failures_fall_back_to_none_and_are_not_cached(offline, tmp_path, caplog):
    clock = FakeClock()
    fake = FakeOnline(errors=[GeocoderServiceError("down")] * 10)
    g = chain(offline, fake, tmp_path, clock=clock, max_retries=2)
    assert g.geocode("Villa Inventada") is None
    assert len(fake.calls) == 3 and g.stats["failed"] == 1
    assert "failed" in caplog.text
    assert len(g.cache) == 0  # nothing cached
    fake.answers = {"Villa Inventada": nominatim_like("Villa Inventada", -17.9, -70.2)}
    fake.errors = []
    assert g.geocode("Villa Inventada") is not None  # retried later, since nothing was cached


def test_malformed_answer_is_handled(offline, tmp_path, caplog):
    class Broken:
        latitude = "north"
        longitude = None
        address = "?"
        raw = None

    fake = FakeOnline({"Villa Rota": Broken()})
    g = chain(offline, fake, tmp_path)
    assert g.geocode("Villa Rota") is None
    assert g.stats["malformed"] == 1 and "malformed" in caplog.text


def test_without_online_it_is_offline_only(offline, tmp_path):
    g = ChainGeocoder(offline, None, cache_path=tmp_path / "c.json")
    assert g.geocode("Nowhere Xqzzy") is None
    assert g.geocode("Lima").raw["country_code"] == "PE"


def test_unreadable_cache_starts_anew(tmp_path, caplog):
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    cache = GeocodeCache(path)
    assert len(cache) == 0 and "unreadable" in caplog.text
    cache.put("a|", None)
    assert "a|" in GeocodeCache(path)


def test_env_switch(offline):
    assert geocoder_from_env({}, offline=offline) is offline
    assert geocoder_from_env({"DEPLOYMAP_ONLINE_GEOCODER": "off"}, offline=offline) is offline
    with pytest.raises(ConfigurationError, match="USER_AGENT"):
        geocoder_from_env({"DEPLOYMAP_ONLINE_GEOCODER": "nominatim"}, offline=offline)
    with pytest.raises(ConfigurationError):
        geocoder_from_env({"DEPLOYMAP_ONLINE_GEOCODER": "google"}, offline=offline)
    g = geocoder_from_env(
        {"DEPLOYMAP_ONLINE_GEOCODER": "nominatim", "DEPLOYMAP_USER_AGENT": "deploymap-test/0"},
        offline=offline,
    )
    assert isinstance(g, ChainGeocoder) and isinstance(g.online, Nominatim)
    assert g.online.headers["User-Agent"] == "deploymap-test/0"


@pytest.mark.network
def test_nominatim_answers_what_the_offline_gazetteer_lacks(offline, tmp_path):
    # opt-in (pytest --network, DEPLOYMAP_USER_AGENT set): the real service, once
    import os

    from geo.gazetteer.borders import haversine_km

    agent = os.environ.get("DEPLOYMAP_USER_AGENT")
    if not agent:
        pytest.skip("set DEPLOYMAP_USER_AGENT (an app name and contact) to ask Nominatim")
    name = "Complejo Fronterizo Santa Rosa"  # the Peru-Chile border post, south of Tacna
    assert offline.geocode(name) is None
    chain = ChainGeocoder(offline, Nominatim(user_agent=agent), cache_path=tmp_path / "g.sqlite")
    location = chain.geocode(name, country_codes=["pe"])
    assert location is not None and chain.stats["online"] == 1
    assert haversine_km(location.latitude, location.longitude, -18.01, -70.25) < 100


def test_an_approximate_offline_answer_is_asked_online_and_kept_if_none_better(offline, tmp_path):
    query = "Calle Inventada 12, Tacna"  # offline knows only the town it is in
    assert offline.geocode(query).raw["approximate"]
    fake = FakeOnline({query: nominatim_like("Calle Inventada 12", -18.02, -70.25)})
    g = chain(offline, fake, tmp_path)
    loc = g.geocode(query, country_codes=["PE"])
    assert loc.raw["source"] == "nominatim" and loc.latitude == pytest.approx(-18.02)
    assert len(fake.calls) == 1
    unknown = FakeOnline({})
    (tmp_path / "other").mkdir()
    g = chain(offline, unknown, tmp_path / "other")
    kept = g.geocode("Pasaje Inexistente, Tacna", country_codes=["PE"])
    assert kept.raw["approximate"] and kept.raw["name"] == "Tacna"
    assert len(unknown.calls) == 1 and g.stats["offline"] == 1
