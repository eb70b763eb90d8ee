"""OfflineGeocoder: geopy interface, context ranking, the seed names and traps, border phrases."""

from __future__ import annotations

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.exc import GeocoderQueryError
from geo.geocoders import OfflineGeocoder

RAW_KEYS = {
    "geonameid", "feature", "feature_code", "country_code", "admin1", "population",
    "location_id", "geometry_wkt", "score", "source", "name",
}  # fmt: skip


@pytest.fixture(scope="module")
def geo() -> OfflineGeocoder:
    return OfflineGeocoder()


def at(loc: Location, lat: float, lon: float, tol: float = 0.15) -> bool:
    return abs(loc.latitude - lat) <= tol and abs(loc.longitude - lon) <= tol


def test_is_a_geopy_geocoder(geo):
    assert isinstance(geo, Geocoder)
    loc = geo.geocode("Lima", country_codes=["PE"])
    assert isinstance(loc, Location)
    assert set(loc.raw) >= RAW_KEYS
    assert loc.address == "Lima, Municipalidad Metropolitana de Lima, Peru"


# Seed 002 lists these with Peru in context; (name, feature, country, lat, lon, tolerance).
SEED_PE = [
    ("Lima", "city", -12.05, -77.04, 0.1),
    ("Callao", "city", -12.05, -77.13, 0.1),
    ("Loreto", "admin1", -4.0, -75.2, 1.0),
    ("San Martín", "admin1", -6.4, -76.9, 1.0),
    ("Huánuco", "city", -9.93, -76.24, 0.1),
    ("Ucayali", "admin1", -9.0, -73.5, 1.0),
    ("Pasco", "admin1", -10.7, -76.2, 1.0),
    ("Junín", "admin1", -11.2, -76.0, 1.0),
    ("Huancavelica", "admin1", -12.8, -75.0, 1.0),
    ("Cusco", "city", -13.53, -71.97, 0.1),
    ("Ayacucho", "city", -13.16, -74.22, 0.1),
    ("Apurímac", "admin1", -14.0, -73.0, 1.0),
    ("Puerto Maldonado", "city", -12.59, -69.2, 0.1),
    ("Iquitos", "city", -3.75, -73.25, 0.1),
    ("Pucusana", "city", -12.48, -76.8, 0.1),
    ("Tacna", "city", -18.01, -70.25, 0.1),
    ("La Yarada–Los Palos", "city", -18.22, -70.48, 0.15),
    ("La Yarada-Los Palos", "city", -18.22, -70.48, 0.15),
]


@pytest.mark.parametrize(("name", "feature", "lat", "lon", "tol"), SEED_PE)
def test_seed_places_in_peru(geo, name, feature, lat, lon, tol):
    loc = geo.geocode(name, country_codes=["PE"])
    assert loc is not None
    assert loc.raw["country_code"] == "PE"
    assert loc.raw["feature"] == feature
    assert at(loc, lat, lon, tol)


@pytest.mark.parametrize(
    ("name", "code"),
    [("Chili", "CL"), ("Pérou", "PE"), ("Équateur", "EC"), ("Argentine", "AR"),
     ("Venezuela", "VE"), ("Honduras", "HN"), ("Etats-Unis", "US"), ("États-Unis", "US"),
     ("Mexique", "MX"), ("EE.UU.", "US")],
)  # fmt: skip
@pytest.mark.parametrize("context", [None, ["PE"], ["PE", "US"], ["US"]])
def test_country_names_are_countries(geo, name, code, context):
    loc = geo.geocode(name, context=context)
    assert loc.raw["feature"] == "country"
    assert loc.raw["country_code"] == code
    assert loc.raw["feature_code"] == "PCLI"
    assert loc.raw["location_id"].startswith("gn:")


def test_palca_follows_the_region_named_in_the_text(geo):
    loc = geo.geocode("Palca", country_codes=["PE"], context=["Tacna"])
    assert loc.raw["admin1"] == "Tacna"
    assert at(loc, -17.78, -69.96, 0.05)
    # The same with the country given as a context code, or with the phrase "région de Tacna".
    loc = geo.geocode("Palca", context=["Tacna", "PE"])
    assert at(loc, -17.78, -69.96, 0.05)
    loc = geo.geocode("Palca", country_codes=["PE"], context=["région de Tacna"])
    assert loc.raw["admin1"] == "Tacna"


def test_palca_without_region_goes_to_the_biggest(geo):
    loc = geo.geocode("Palca", country_codes=["PE"])
    assert loc.raw["admin1"] == "Puno"  # the trap: population alone picks Puno's Palca


def test_palca_near_point_decides(geo):
    loc = geo.geocode("Palca", country_codes=["PE"], near=(-18.0, -70.2))
    assert loc.raw["admin1"] == "Tacna"
    loc = geo.geocode("Palca", near=Point(-11.3, -75.5))
    assert loc.raw["admin1"] == "Junín"


def test_region_phrase_prefers_the_region(geo):
    loc = geo.geocode("région de Tacna", country_codes=["PE"])
    assert loc.raw["feature"] == "admin1" and loc.raw["admin1_code"] == "PE-TAC"
    loc = geo.geocode("la región de Cusco")
    assert loc.raw["feature"] == "admin1" and loc.raw["country_code"] == "PE"
    loc = geo.geocode("Tacna", featuretype="admin1")
    assert loc.raw["feature"] == "admin1"


@pytest.mark.parametrize("name", ["Loreto", "Pasco", "San Martín"])
def test_trap_regions_with_peru_context(geo, name):
    loc = geo.geocode(name, country_codes=["PE"])
    assert loc.raw["country_code"] == "PE" and loc.raw["feature"] == "admin1"
    loc = geo.geocode(name, context=["Lima", "Callao", "PE"])
    assert loc.raw["country_code"] == "PE"


def test_santa_lucia_has_many_candidates_but_peru_wins(geo):
    everything = geo.geocode("Santa Lucía", exactly_one=False)
    assert len({loc.raw["country_code"] for loc in everything}) >= 15
    assert len(everything) >= 50
    loc = geo.geocode("Santa Lucía", country_codes=["PE"])
    assert loc.raw["country_code"] == "PE" and loc.raw["feature"] == "city"
    # Without context the Spanish name of Saint Lucia wins.
    assert geo.geocode("Santa Lucía").raw["country_code"] == "LC"


def test_lima_without_context_is_the_capital(geo):
    loc = geo.geocode("Lima")
    assert loc.raw["country_code"] == "PE" and loc.raw["feature_code"] == "PPLC"
    assert at(loc, -12.05, -77.04, 0.1)
    ohio = geo.geocode("Lima", country_codes=["US"])
    assert ohio.raw["country_code"] == "US"


def test_chili_is_not_a_town_in_new_mexico(geo):
    assert geo.geocode("Chili").raw["country_code"] == "CL"
    assert geo.geocode("Chili", country_codes=["US"]).raw["feature"] == "country"


def test_country_beats_admin1_beats_city_for_equal_names(geo):
    assert geo.geocode("Mexico").raw["feature"] == "country"
    assert geo.geocode("Panama").raw["feature"] == "country"
    assert geo.geocode("Loreto").raw["feature"] == "admin1"
    # ... unless the context says otherwise.
    assert geo.geocode("Georgia", country_codes=["US"]).raw["feature"] == "admin1"
    assert geo.geocode("Georgia").raw["feature"] == "country"


def test_amerique_latine_is_a_region(geo):
    loc = geo.geocode("Amérique latine", country_codes=["PE"])
    assert loc.raw["feature"] == "region" and loc.raw["source"] == "supplement"
    assert geo.geocode("América Latina").raw["location_id"] == loc.raw["location_id"]


def test_list_results_are_ranked_with_scores(geo):
    found = geo.geocode("Tacna", exactly_one=False, country_codes=["PE"])
    scores = [loc.raw["score"] for loc in found]
    assert scores == sorted(scores, reverse=True)
    assert len({loc.raw["location_id"] for loc in found}) == len(found)
    assert found[0].raw["feature"] == "city"
    assert any(loc.raw["feature"] == "admin1" for loc in found)
    assert len(geo.geocode("Santa Lucía", exactly_one=False, limit=3)) == 3


def test_nothing_found(geo):
    assert geo.geocode("Xqzzyville") is None
    assert geo.geocode("Xqzzyville", exactly_one=False) is None
    assert geo.geocode("!!!") is None


@pytest.mark.parametrize("bad", ["", "   ", None, 42, b"Lima", "x" * 400])
def test_bad_queries_raise(geo, bad):
    with pytest.raises(GeocoderQueryError):
        geo.geocode(bad)


def test_bad_arguments_raise(geo):
    with pytest.raises(GeocoderQueryError):
        geo.geocode("Lima", country_codes=["PER"])
    with pytest.raises(GeocoderQueryError):
        geo.geocode("Lima", near=(200, 0))
    with pytest.raises(GeocoderQueryError):
        geo.geocode("Lima", near="here")
    with pytest.raises(GeocoderQueryError):
        geo.geocode("Lima", context=[1, 2])
    with pytest.raises(GeocoderQueryError):
        geo.geocode("Lima", featuretype="planet")
    with pytest.raises(GeocoderQueryError):
        geo.reverse("-12; -77")  # reverse is tested in test_geocoder_queries.py


def test_country_codes_as_a_string(geo):
    loc = geo.geocode("Santa Lucía", country_codes="pe")
    assert loc.raw["country_code"] == "PE"


# -- border phrases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kwargs", "pair"),
    [
        ("la frontière sud avec le Chili", {"country_codes": ["PE"]}, "CL-PE"),
        ("frontière sud", {"country_codes": ["PE"]}, "CL-PE"),
        ("la frontière sud", {"context": ["PE"]}, "CL-PE"),
        ("zones frontalières avec le Chili", {"country_codes": ["PE"]}, "CL-PE"),
        ("frontera con Chile", {"country_codes": ["PE"]}, "CL-PE"),
        ("la frontière mexicaine", {"country_codes": ["US"]}, "MX-US"),
        ("frontière mexicaine", {"context": ["Etats-Unis"]}, "MX-US"),
        ("frontière mexicaine", {"country_codes": ["PE", "US"]}, "MX-US"),
        ("la frontière américano-mexicaine", {}, "MX-US"),
        ("la frontière sud-ouest", {"country_codes": ["US"]}, "MX-US"),
        ("notre frontière sud", {"country_codes": ["US"]}, "MX-US"),
        ("US–Mexico border", {}, "MX-US"),
        ("the southern border", {"country_codes": ["US"]}, "MX-US"),
        ("la frontière nord du Mexique", {}, "MX-US"),
        ("la frontera entre Perú y Chile", {}, "CL-PE"),
        ("la frontière nord", {"country_codes": ["US"]}, "CA-US"),
        ("frontière", {"country_codes": ["HT"]}, "DO-HT"),  # a single neighbour
    ],
)
def test_border_phrases(geo, query, kwargs, pair):
    loc = geo.geocode(query, **kwargs)
    assert loc is not None, query
    assert loc.raw["feature"] == "border"
    assert loc.raw["location_id"] == f"border:{pair}"
    assert loc.raw["geometry_wkt"].startswith(("LINESTRING", "MULTILINESTRING"))
    assert loc.raw["source"] == "naturalearth"


def test_border_context_country_first(geo):
    loc = geo.geocode("la frontière sud avec le Chili", country_codes=["PE"])
    assert loc.raw["country_code"] == "PE"
    assert loc.address == "Peru–Chile border"
    assert -18.5 < loc.latitude < -17.2


@pytest.mark.parametrize(
    ("query", "kwargs"),
    [
        ("frontières", {"country_codes": ["PE"]}),  # several neighbours, no clue: no guess
        ("aux frontières", {"country_codes": ["US"]}),
        ("frontière mexicaine", {}),  # Mexico has three neighbours
        ("frontière", {}),
        ("la frontière avec le Japon", {"country_codes": ["PE"]}),  # no shared border
        ("la frontière sud", {"country_codes": ["CU"]}),  # an island
    ],
)
def test_border_phrases_that_stay_unresolved(geo, query, kwargs):
    assert geo.geocode(query, **kwargs) is None


def test_border_word_never_falls_back_to_a_town(geo):
    # "Frontera" is also a town in Mexico; a border phrase is not a place name.
    assert geo.geocode("frontera", country_codes=["CU"]) is None


# -- the seed articles, end to end ------------------------------------------------------------


def test_seed_000_places(geo):
    ctx = ["Palca", "Tacna", "La Yarada–Los Palos", "région de Tacna", "Chili", "Pérou"]
    for name in ("Palca", "Tacna", "La Yarada–Los Palos"):
        loc = geo.geocode(name, country_codes=["PE"], context=ctx)
        assert loc.raw["admin1"] == "Tacna", name
    assert geo.geocode("Chili", country_codes=["PE"], context=ctx).raw["country_code"] == "CL"
    border = geo.geocode("la frontière sud avec le Chili", country_codes=["PE"], context=ctx)
    assert border.raw["location_id"] == "border:CL-PE"


def test_seed_001_places(geo):
    ctx = ["Etats-Unis", "Honduras"]
    assert geo.geocode("Honduras", context=ctx).raw["country_code"] == "HN"
    assert geo.geocode("Etats-Unis", context=ctx).raw["country_code"] == "US"
    for phrase in ("frontière mexicaine", "frontière sud-ouest", "frontière américano-mexicaine"):
        assert geo.geocode(phrase, context=ctx).raw["location_id"] == "border:MX-US"


def test_articles_belong_to_names_that_have_them(geo):
    loc = geo.geocode("La Paz", country_codes=["BO"], context=["La Paz", "Cochabamba"])
    assert loc.raw["country_code"] == "BO" and loc.raw["name"] == "La Paz"
    assert geo.geocode("le Pérou").raw["country_code"] == "PE"


@pytest.mark.parametrize(
    "text",
    ["Lima", "La Yarada-Los Palos", "US-Mexico border", "EE.UU.", "  O'Higgins ", "x`y", "A_B",
     "Tacna", "Équateur", "La Yarada–Los Palos", "São Paulo", "Łódź", "123 Main"],
)  # fmt: skip
def test_fast_key_equals_name_key(text):
    from geo.geocoders.offline import fast_key
    from geo.text import name_key

    assert fast_key(text) == name_key(text)


@pytest.mark.parametrize(
    "query, context, country",
    [
        ("Cairo", ["Iraq", "United States", "IQ"], "EG"),  # a capital, not Cairo, Georgia
        ("Toronto", ["United States", "Mexico"], "CA"),
        ("Lima", ["Ohio", "Dayton", "US"], "US"),  # the story's own country keeps its town
        ("Santiago", ["Estados Unidos", "MX"], "MX"),  # Santiago, Nuevo León
        ("Lima", ["Ohio", "United States"], "US"),  # a region of the text supports the town
        ("Toronto", ["New York", "US"], "CA"),  # Toronto, Ohio (4,900) is no Toronto
        # among countries the text names, a country (not Lebanon, Tennessee, in a US story)
        ("Lebanon", ["United States", "Egypt", "Bulgaria", "Nicaragua", "US"], "LB"),
        ("Lebanon", ["US"], "US"),  # in US news alone, the town
    ],
)
def test_a_small_town_that_only_a_mentioned_country_carries_yields_to_a_capital(
    geo, query, context, country
):
    assert geo.geocode(query, context=context).raw["country_code"] == country
