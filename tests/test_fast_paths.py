"""The shortcuts of the lookup path give the same objects as the plain constructors."""

from __future__ import annotations

import dataclasses
import math
import random
from bisect import bisect_left

import pytest
from geopy.location import Location
from geopy.point import Point

from geo.gazetteer.index import Gazetteer, Place, Stub, load_gazetteer
from geo.gazetteer.layout import name_hash
from geo.geocoders.offline import _country_names, location_from_place
from geo.text import _KEY_JUNK, fold, name_key, normalize_text


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_place_is_a_real_place(gaz):
    rows = random.Random(1).sample(range(len(gaz._lat)), 200)
    for i in rows:
        p = gaz.place(i)
        fields = {f.name: getattr(p, f.name) for f in dataclasses.fields(Place)}
        plain = Place(**fields)
        assert p == plain and hash(p) == hash(plain) and repr(p) == repr(plain)
        assert list(vars(p)) == list(vars(plain))  # every field, in field order
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.name = "x"  # type: ignore[misc]


def test_stubs_match_places(gaz):
    for key in ("lima", "tacna", "san pedro", "palca", "la yarada los palos"):
        stubs = gaz.stubs_key(key)
        assert [(gaz.place_of(s), prim) for s, prim in stubs] == gaz.lookup_key(key)
        for stub, _prim in stubs:
            place = gaz.place_of(stub)
            assert isinstance(stub, Stub)
            for name in ("feature", "feature_code", "country_code", "admin1_code", "population",
                         "latitude", "longitude"):  # fmt: skip
                assert getattr(stub, name) == getattr(place, name)


def test_find_is_a_bisect_on_the_name_hash(gaz):
    """The index's lookup inlines name_hash and the bucket bisect, and remembers its last key:
    the same position as a plain bisect of the key's hash, -1 for an absent key."""
    keys = gaz._keys_mv
    rng = random.Random(2)
    probes = [name_key(gaz._name(rng.randrange(len(gaz._lat)))) for _ in range(2000)]
    probes += [f"xq {rng.getrandbits(40)}" for _ in range(2000)]
    for key in probes:
        h = name_hash(key)
        pos = bisect_left(keys, h)
        expected = pos if pos < len(keys) and keys[pos] == h else -1
        assert gaz._find(key) == expected
        assert gaz._find(key) == expected  # asked again: the remembered answer
    assert all(gaz._find(k) >= 0 for k in probes[:2000] if k)  # every name is found


@pytest.mark.parametrize(
    "lat, lon", [(0.0, -0.0), (-0.0, 0.0), (90, 180), (-90, -180), (-12.5, -77.1), (1, 190.0)]
)
def test_location_from_place_is_geopy_location(lat, lon):
    place = Place(
        geonameid=3936456, name="Lima", latitude=lat, longitude=lon, feature="city",
        feature_code="PPLC", country_code="PE", admin1="Lima", admin1_code="15",
        population=7737002, location_id="gn:3936456", alt_names=("Lima", "Lima"),
    )  # fmt: skip
    raw = {f.name: getattr(place, f.name) for f in dataclasses.fields(Place)}
    del raw["alt_names"]
    raw["score"] = 3.142
    country = _country_names.get("PE", "PE")  # filled once a geocoder has answered
    plain = Location(f"Lima, {country}", Point(lat, lon), raw)
    fast = location_from_place(place, 3.14159)
    assert type(fast) is Location and type(fast.point) is Point
    assert fast == plain and tuple(fast) == tuple(plain) and repr(fast) == repr(plain)
    assert [math.copysign(1, v) for v in fast.point] == [math.copysign(1, v) for v in plain.point]
    assert fast.raw == plain.raw and list(fast.raw) == list(plain.raw)  # the same keys, in order


def test_name_key_per_character_table():
    def plain(text: str) -> str:
        return _KEY_JUNK.sub(" ", fold(normalize_text(text))).strip()

    rng = random.Random(3)
    codes = [*range(0x20, 0x250), *range(0x300, 0x400), *range(0x1100, 0x1160)]
    codes += [*range(0xAC00, 0xAC20), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]
    codes += [*range(0xFB00, 0xFB07), 0x130, 0x3A3]
    pool = [chr(c) for c in codes]
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        assert name_key(text) == plain(text)
    for text in ("La Yarada–Los Palos", "Pérou", "États-Unis", "Côte d’Ivoire", "İstanbul"):
        assert name_key(text) == plain(text)
