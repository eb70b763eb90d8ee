"""The geocoder on queries written the way news and datasets write places (issue 13).

Each class of query has its own test: short forms and abbreviations, continents and world
regions, prominence (a country or a capital beats a village of the same name), structured
queries ("X, Y", "X (Y)", "X in Y", "X near Y", kind words) with their fallback to the most
specific known part, and reverse geocoding. The query parser is tested on its own too.
"""

from __future__ import annotations

import pytest

from geo.exc import GeocoderQueryError
from geo.geocoders import OfflineGeocoder
from geo.geocoders.query import parse_query, strip_kind


@pytest.fixture(scope="module")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder()


def _where(location) -> tuple[str, str, str | None]:
    raw = location.raw
    return raw["feature"], raw["country_code"], raw["admin1"]


# -- what news calls places ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("EEUU", "US"),
        ("EE.UU.", "US"),
        ("UK", "GB"),
        ("UAE", "AE"),
        ("DRC", "CD"),
        ("RDC", "CD"),
        ("Russia", "RU"),
    ],
)
def test_short_forms_name_their_country(geocoder, query, code):
    location = geocoder.geocode(query)
    assert location is not None and location.raw["feature"] == "country"
    assert location.raw["country_code"] == code


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [
        ("Europe", 48.7, 9.1),  # GeoNames' continent points
        ("Africa", 7.2, 21.1),
        ("Amérique du Sud", -14.6, -57.7),
        ("Middle East", 29.0, 45.0),
        ("Centroamérica", 13.0, -86.0),
        ("Gulf of Mexico", 25.0, -90.0),
        ("EU", 50.0, 10.0),
        ("the Americas", 10.0, -80.0),
        ("Cono Sur", -35.0, -65.0),
        ("Afrique centrale", 2.0, 20.0),
    ],
)
def test_continents_and_world_regions(geocoder, query, lat, lon):
    location = geocoder.geocode(query)
    assert location is not None and location.raw["feature"] == "region", query
    assert abs(location.latitude - lat) < 0.2 and abs(location.longitude - lon) < 0.2


def test_continents_carry_their_geonames_id(geocoder):
    assert geocoder.geocode("Europe").raw["geonameid"] == 6255148
    assert geocoder.geocode("Afrique").raw["geonameid"] == 6255146


def test_country_points_follow_geonames_not_label_points(geocoder):
    russia = geocoder.geocode("Russia")
    assert (russia.latitude, russia.longitude) == (60.0, 100.0)  # not Natural Earth's 58N 44E
    canada = geocoder.geocode("Canada")
    assert abs(canada.latitude - 60.1) < 0.1 and abs(canada.longitude + 113.6) < 0.1


@pytest.mark.parametrize(
    ("query", "admin1_code"),
    [
        ("Calif.", "US-CA"),
        ("N.L.", "MX-NLE"),
        ("Edomex", "MX-MEX"),
        ("NSW", "AU-NSW"),
        ("B.C.", "CA-BC"),
        ("East Java", "ID-JI"),  # GeoNames names it in Indonesian only (Jawa Timur)
        # the countries of the United Kingdom are its regions, not the kingdom
        ("England", "GB-ENG"),
        ("Angleterre", "GB-ENG"),
        ("Inglaterra", "GB-ENG"),
        ("Écosse", "GB-SCT"),
        ("País de Gales", "GB-WLS"),
    ],
)
def test_region_abbreviations(geocoder, query, admin1_code):
    location = geocoder.geocode(query)
    assert location.raw["feature"] == "admin1" and location.raw["admin1_code"] == admin1_code


@pytest.mark.parametrize(
    "query, name, code",
    [
        ("Cd. Juárez", "Ciudad Juárez", "MX"),
        ("Pto. Montt", "Puerto Montt", "CL"),
        ("St. Marc", "Saint-Marc", "HT"),
        ("Ft. Bliss", "Fort Bliss", "US"),
        ("Sta. Cruz de la Sierra", "Santa Cruz de la Sierra", "BO"),
        ("Cd Juarez, Chihuahua", "Ciudad Juárez", "MX"),
    ],
)
def test_abbreviated_name_words_are_written_out(geocoder, query, name, code):
    location = geocoder.geocode(query)
    assert location is not None, query
    assert location.address.startswith(name) and location.raw["country_code"] == code


def test_an_abbreviated_word_starting_an_unknown_name_is_not_a_region_code(geocoder):
    # the gazetteer has no mountains: "Mt" must not answer Montana (MT), nor "St" anything
    assert geocoder.geocode("Mt St Helens") is None
    assert geocoder.geocode("a ranch near Mt. Hood Meadows") is None
    assert geocoder.geocode("a warehouse near the Ft Worth Stockyards").raw["country_code"] == "US"


def test_an_abbreviation_alone_is_no_place():
    from geo.gazetteer.index import expanded_keys

    assert expanded_keys("st") == [] and expanded_keys("lima peru") == []
    assert expanded_keys("cd juarez") == ["ciudad juarez"]


def test_a_bad_abbreviation_row_is_an_error_naming_its_line(tmp_path):
    from geo.exc import GazetteerError
    from geo.gazetteer.index import read_name_abbreviations

    path = tmp_path / "abbreviations.csv"
    path.write_text("abbreviation,expansions,note\ncd,ciudad,\npto,,empty\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 3"):
        read_name_abbreviations(path)


# -- prominence --------------------------------------------------------------------------------


def test_a_country_beats_a_village_of_the_same_name(geocoder):
    # "Us" is a village of Seine-et-Marne; "US" the country
    assert _where(geocoder.geocode("US"))[:2] == ("country", "US")
    villages = [loc for loc in geocoder.geocode("Us", exactly_one=False) if
                loc.raw["feature"] == "city"]  # fmt: skip
    assert villages, "the village is still a candidate"


def test_a_capital_beats_a_town_of_the_same_name(geocoder):
    lima = geocoder.geocode("Lima")
    assert (lima.raw["country_code"], lima.raw["feature_code"]) == ("PE", "PPLC")
    assert geocoder.geocode("Santiago").raw["country_code"] == "CL"


@pytest.mark.parametrize(
    ("query", "code"), [("Buenos Aires", "AR"), ("Washington", "US"), ("Santo Domingo", "DO")]
)
def test_a_capital_beats_the_region_of_the_same_name_around_it(geocoder, query, code):
    # Buenos Aires province (8 million people) holds more than the city (3 million), and its
    # point lies 330 km from it; Washington state more than the District of Columbia
    capital = geocoder.geocode(query)
    assert (capital.raw["country_code"], capital.raw["feature_code"]) == (code, "PPLC")
    regions = [loc for loc in geocoder.geocode(query, exactly_one=False) if
               loc.raw["feature"] == "admin1"]  # fmt: skip
    assert regions and regions[0].raw["country_code"] == code, "the region is still a candidate"


def test_a_big_city_beats_a_small_region_of_the_same_name(geocoder):
    guadalajara = geocoder.geocode("Guadalajara")
    assert _where(guadalajara) == ("city", "MX", "Jalisco")


# -- structured queries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code", "admin1"),
    [
        ("Teloloapan, Guerrero", "MX", "Guerrero"),
        ("Nogales, Sonora", "MX", "Sonora"),
        ("Nogales, Arizona", "US", "Arizona"),
        ("Tijuana, Baja California", "MX", "Baja California"),
        ("Tijuana, Baja California state", "MX", "Baja California"),
        ("Iquique, Chile", "CL", "Tarapacá"),
        ("Palca (Tacna)", "PE", "Tacna"),
        ("Palca, Tacna, Peru", "PE", "Tacna"),
        ("Ciudad Juarez, Chihuahua", "MX", "Chihuahua"),
        ("the town of Teloloapan in Guerrero", "MX", "Guerrero"),
        # the state, not a hamlet "Zacatecas" of Nuevo León beside the bigger Guadalupe there
        ("Guadalupe, Zacatecas", "MX", "Zacatecas"),
        ("Guadalupe, Nuevo León", "MX", "Nuevo León"),
    ],
)
def test_x_comma_y_narrows_x_to_y(geocoder, query, code, admin1):
    location = geocoder.geocode(query)
    assert location is not None, query
    assert _where(location) == ("city", code, admin1), query
    assert location.raw["approximate"] is False


def test_the_container_decides_between_same_named_towns(geocoder):
    sonora = geocoder.geocode("Nogales, Sonora")
    arizona = geocoder.geocode("Nogales, Arizona")
    assert sonora.raw["geonameid"] != arizona.raw["geonameid"]
    assert sonora.latitude < arizona.latitude  # the Mexican town is just south of the line


def test_x_in_y_and_kind_words(geocoder):
    assert _where(geocoder.geocode("Teloloapan in Guerrero"))[1:] == ("MX", "Guerrero")
    assert _where(geocoder.geocode("state of Michoacan"))[0] == "admin1"
    assert _where(geocoder.geocode("Tijuana town"))[:2] == ("city", "MX")
    assert _where(geocoder.geocode("the northern border town of Nuevo Laredo"))[:2] == (
        "city",
        "MX",
    )


def test_x_near_y_prefers_the_x_close_to_y(geocoder):
    near = geocoder.geocode("Palca near Tacna")
    assert _where(near)[1:] == ("PE", "Tacna")


def test_an_unknown_part_falls_back_to_the_most_specific_known_one(geocoder):
    street = geocoder.geocode("Calle Cinco de Mayo, Tijuana, Baja California")
    assert _where(street)[:2] == ("city", "MX") and street.raw["name"] == "Tijuana"
    assert street.raw["approximate"] is True
    neighbourhood = geocoder.geocode("the Zzyzxville neighborhood of Culiacán, Sinaloa")
    assert neighbourhood.raw["name"] == "Culiacán" and neighbourhood.raw["approximate"]
    assert neighbourhood.raw["asked"] == "Zzyzxville"
    region = geocoder.geocode("Zzyzxville, Sinaloa")
    assert region.raw["feature"] == "admin1" and region.raw["approximate"]


@pytest.mark.parametrize(
    ("query", "name", "feature"),
    [
        ("south Texas", "Texas", "admin1"),
        ("northern Mexico", "Mexico", "country"),
        ("el norte de Sonora", "Sonora", "admin1"),
        ("northeast Juarez, Chihuahua", "Ciudad Juárez", "city"),
    ],
)
def test_a_part_of_a_place_answers_the_place_approximately(geocoder, query, name, feature):
    part = geocoder.geocode(query)
    assert (part.raw["name"], part.raw["feature"]) == (name, feature)
    assert part.raw["approximate"] is True


@pytest.mark.parametrize(
    "query",
    ["Northern Triangle", "Western Union", "East Coast", "West Midlands", "northern Alliance"],
)
def test_a_direction_before_a_small_town_or_a_region_s_other_name_is_no_part_of_it(geocoder, query):
    # not Triangle (Virginia, 8,000 people), Union (New Jersey), Tanzania's Coast Region,
    # Zimbabwe's Midlands (a capitalised direction begins a name the gazetteer lacks), nor a
    # lower-case direction before a small town (Alliance, Ohio)
    assert geocoder.geocode(query) is None


@pytest.mark.parametrize("query", ["North Carolina", "South Sudan", "West Java"])
def test_a_name_that_starts_with_a_direction_stays_whole(geocoder, query):
    assert geocoder.geocode(query).raw["approximate"] is False


def test_the_capital_of_a_region(geocoder):
    assert geocoder.geocode("the capital of Chihuahua").raw["name"] == "Chihuahua"
    assert geocoder.geocode("the Michoacán capital").raw["name"] == "Morelia"


def test_a_structured_query_with_nothing_known_gives_none(geocoder):
    assert geocoder.geocode("Zzyzxville, Qqqland") is None
    assert geocoder.geocode("the state capital") is None


def test_plain_names_keep_the_geopy_contract(geocoder):
    many = geocoder.geocode("Palca", exactly_one=False)
    assert isinstance(many, list) and len(many) > 1
    one = geocoder.geocode("Palca", country_codes=["PE"], context=["Tacna"])
    assert one.raw["admin1"] == "Tacna" and one.raw["approximate"] is False
    with pytest.raises(GeocoderQueryError):
        geocoder.geocode("   ")


# -- reverse geocoding -------------------------------------------------------------------------


def test_reverse_names_the_nearest_town_with_region_and_country(geocoder):
    location = geocoder.reverse((-17.78, -69.96))
    assert location.raw["name"] == "Palca" and location.raw["admin1"] == "Tacna"
    assert location.address.endswith("Peru") and location.raw["distance_km"] < 5
    assert geocoder.reverse("31.31, -110.94").raw["country_code"] == "MX"


def test_reverse_lists_the_nearest_first(geocoder):
    near = geocoder.reverse((31.32, -110.94), exactly_one=False, limit=3)
    distances = [loc.raw["distance_km"] for loc in near]
    assert len(near) == 3 and distances == sorted(distances)
    assert {loc.raw["country_code"] for loc in near} == {"MX", "US"}  # a border town


@pytest.mark.parametrize("bad", [(91, 0), (0, 181), "north", ("a", "b"), None])
def test_reverse_refuses_a_bad_point(geocoder, bad):
    with pytest.raises(GeocoderQueryError):
        geocoder.reverse(bad)


# -- the parser --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name", "parents", "kind"),
    [
        ("Teloloapan, Guerrero", "Teloloapan", ("Guerrero",), None),
        ("Palca, Tacna, Peru", "Palca", ("Tacna", "Peru"), None),
        ("Zorritos (Tumbes)", "Zorritos", ("Tumbes",), None),
        ("Tetlán neighborhood in Guadalajara", "Tetlán", ("Guadalajara",), "neighbourhood"),
        (
            "the Loma Bonita neighborhood of Culiacán",
            "Loma Bonita",
            ("Culiacán",),
            "neighbourhood",
        ),  # fmt: skip
        ("La Paz municipality, Baja California Sur", "La Paz", ("Baja California Sur",), "admin2"),
        ("municipio de La Paz", "La Paz", (), "admin2"),
        ("state of Michoacan", "Michoacan", (), "admin1"),
        ("Colonia Libertad", "Colonia Libertad", (), "neighbourhood"),
        ("Cosmopolis neighborhood, in Apodaca.", "Cosmopolis", ("Apodaca",), "neighbourhood"),
        ("Calle 5 de Mayo, Tijuana", "Calle 5 de Mayo", ("Tijuana",), "street"),
        ("the capital of Chihuahua", "Chihuahua", (), "capital"),
        ("Lima", "Lima", (), None),
        # a name whose last word is a kind word keeps it when only an article would be left
        ("La Aldea community", "La Aldea", (), "city"),
        ("the La Villa neighborhood", "La Villa", (), "neighbourhood"),
        ("Villa Juárez town", "Villa Juárez", (), "city"),
    ],
)
def test_parse_query(query, name, parents, kind):
    parsed = parse_query(query)
    assert (parsed.name, parsed.parents, parsed.kind) == (name, parents, kind)


def test_parse_query_near_and_structure_flags():
    assert parse_query("Reynosa near Matamoros").near is True
    assert parse_query("Reynosa in Tamaulipas").near is False
    assert not parse_query("Lima").structured and parse_query("Lima, Peru").structured
    assert strip_kind("Baja California state") == ("Baja California", "admin1")
    assert strip_kind("the state capital") == ("", "admin1")


def test_a_description_answers_the_last_known_place_in_it(geocoder):
    found = geocoder.geocode(
        "outside the Zzyzx bar on the main square of Salamanca", country_codes=["MX"]
    )
    assert _where(found)[:2] == ("city", "MX") and found.raw["name"] == "Salamanca"
    assert found.raw["approximate"] is True
    # a name inside a longer proper name is a street's hero, not a place
    assert geocoder.geocode("Mariano Matamoros street", country_codes=["MX"]) is None


def test_a_neighbourhood_in_parentheses_is_inside_the_town(geocoder):
    found = geocoder.geocode("Monterrey town (Zzyzx neighborhood), Nuevo Leon")
    assert found.raw["name"] == "Monterrey" and found.raw["admin1"] == "Nuevo León"


def test_a_neighbourhood_without_a_town_stays_in_the_documents_country(geocoder):
    found = geocoder.geocode("Colonia Libertad", country_codes=["MX"])
    assert found is None or found.raw["country_code"] == "MX"


def test_municipalities_and_counties_are_places(geocoder):
    clark = geocoder.geocode("Clark County")
    assert (clark.raw["feature"], clark.raw["admin1"]) == ("admin2", "Nevada")
    assert clark.raw["geonameid"] and abs(clark.latitude - 36.2) < 0.5  # Las Vegas' point
    fulton = geocoder.geocode("Fulton County, Georgia")
    assert (fulton.raw["feature"], fulton.raw["admin1"]) == ("admin2", "Georgia")


def test_kind_words_of_other_countries_name_a_region(geocoder):
    location = geocoder.geocode("Akita Prefecture")
    assert _where(location)[:2] == ("admin1", "JP")


def test_the_callers_country_weighs_more_than_a_country_named_in_context(geocoder):
    """``country_codes`` is the caller's own restriction; a country named in ``context`` is
    evidence of the document, weighted apart (``focus_country``) so it can be fitted apart."""
    weights = dict(geocoder.weights, focus_country=0.0)
    plain = OfflineGeocoder(gazetteer=geocoder.gazetteer, weights=weights)
    assert plain.geocode("Tacna", country_codes=["US"]).raw["country_code"] == "US"
    assert plain.geocode("Tacna", context=["US"]).raw["country_code"] == "PE"


def test_a_border_word_inside_a_town_name_is_the_town(geocoder):
    town = geocoder.geocode("Frontera Hidalgo", country_codes=["MX"])
    assert _where(town)[:2] == ("city", "MX")
    assert geocoder.geocode("la frontera sur", country_codes=["MX"]).raw["feature"] == "border"


def test_a_neighbour_of_the_documents_country_beats_its_hamlet(geocoder):
    """Border news: "Texas" in a Mexican story is the US state, not a Mexican hamlet."""
    location = geocoder.geocode("Texas", context=["MX"])
    assert _where(location)[:2] == ("admin1", "US")


def test_a_country_name_that_is_a_region_of_the_documents_country_is_the_region(geocoder):
    """ "Georgia" in a US story is the state (its towns gain), not the country; beside
    "Armenia" it stays the country."""
    us = geocoder.geocode("Atlanta", context=["Georgia", "Wichita", "Kansas", "US"])
    assert (us.raw["name"], us.raw["admin1"]) == ("Atlanta", "Georgia")
    assert geocoder.geocode("Batumi", context=["Georgia", "Armenia"]).raw["country_code"] == "GE"
