"""Namesakes (issue 14): a place the article gives no reason to look for abroad is another
place of the same name, not a row."""

from __future__ import annotations

from collections import Counter

from geo.extract.resolve import ResolvedPlace, without_namesakes


def _place(name: str, country: str, feature: str = "city", population: int = 800, **kw):
    data = dict(
        start=0, end=len(name), name=name, kind="place", resolved_name=name, latitude=0.0,
        longitude=0.0, geonameid=None, feature=feature, feature_code="PPL",
        country_code=country, admin1=None, location_id=f"{country}:{name}", geometry_wkt=None,
        population=population, score=5.0,
    )  # fmt: skip
    data.update(kw)
    return ResolvedPlace(**data)


def test_a_village_abroad_in_a_country_the_article_never_names_is_dropped():
    places = [_place("Carchi", "EC", "admin1", 160_000), _place("El Palmar", "PA")]
    kept = without_namesakes(places, Counter({"EC": 2, "CO": 1}))
    assert [p.name for p in kept] == ["Carchi"]


def test_a_place_abroad_stays_when_the_country_is_named_or_holds_other_places():
    named = without_namesakes([_place("El Palmar", "PA")], Counter({"PA": 1}))
    other = without_namesakes([_place("El Palmar", "PA"), _place("Chitré", "PA")], Counter())
    assert len(named) == 1 and len(other) == 2


def test_an_article_that_points_nowhere_else_keeps_its_guess():
    assert len(without_namesakes([_place("Tulcán", "EC")], Counter())) == 1


def test_a_big_city_or_a_capital_needs_no_country():
    places = [
        _place("Nairobi", "KE", population=2_750_000),
        _place("Roseau", "DM", population=16_000, feature_code="PPLC"),
    ]
    assert len(without_namesakes(places, Counter({"US": 1}))) == 2


def test_no_row_for_a_namesake_in_an_unnamed_country(extractor):
    text = (
        "El Ejército ecuatoriano desplegó 300 soldados en Tulcán y El Carmelo, en la frontera "
        "con Colombia."
    )
    doc = extractor(text, lang="es", published="2025-04-12")
    rows = {(p.place.name, p.place.country_code) for e in doc.events for p in e.places}
    assert ("Tulcán", "EC") in rows
    assert not any(name == "El Carmelo" for name, _ in rows)  # Spain's, Mexico's: not named


def test_a_town_outside_the_region_that_opens_its_sentence_is_a_namesake(extractor):
    text = (
        "El Ejército ecuatoriano desplegó 300 soldados en la frontera con Colombia. "
        "En Imbabura, los patrullajes militares cubren Otavalo y La Pintada."
    )
    doc = extractor(text, lang="es", published="2025-04-12")
    places = {(p.name, p.country_code) for p in doc.places}
    assert ("Otavalo", "EC") in places
    assert not any(name == "La Pintada" for name, _ in places)  # a Colombian town


def test_a_list_located_after_in_keeps_only_its_towns(extractor):
    from geo.extract.resolve import outside_locators

    town = _place("Vilcabamba", "PE", admin1="Junín", latitude=-11.0, longitude=-75.0)
    near = _place("Pichari", "PE", admin1="Cusco", latitude=-12.5, longitude=-73.8)
    region = _place("Cusco", "PE", "admin1", 1_300_000, admin1="Cusco")
    text = "Pichari y Vilcabamba, en Cusco"
    near = near.__class__(**{**near.as_dict(), "start": 0, "end": 7})
    town = town.__class__(**{**town.as_dict(), "start": 10, "end": 20})
    region = region.__class__(**{**region.as_dict(), "start": 25, "end": 30})
    kept = outside_locators(text, [near, town, region])
    assert [p.name for p in kept] == ["Pichari", "Cusco"]
