"""The administrative level a text gives its places (issue 14): a kind noun before a list, a
list of regions, "Town, Region"."""

from __future__ import annotations

from geo.extract.resolve import kind_level


def _features(doc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for place in doc.places:
        out.setdefault(place.name, set()).add(place.feature)
    return out


def test_a_kind_noun_gives_its_list_the_level_it_names(extractor):
    text = (
        "Unidades militares ecuatorianas operan desde el viernes en las provincias de Carchi, "
        "Imbabura y Esmeraldas."
    )
    features = _features(extractor(text, lang="es", published="2025-04-12"))
    assert features["Esmeraldas"] == {"admin1"}  # the province, not its capital


def test_a_list_with_a_region_is_a_list_of_regions(extractor):
    text = (
        "The Argentine Army deployed 4,500 soldiers to the north. They will operate in Jujuy, "
        "Salta, Formosa, Corrientes and Misiones, officials said."
    )
    features = _features(extractor(text, lang="en", published="2013-11-06"))
    assert all(features[n] == {"admin1"} for n in ("Salta", "Formosa", "Corrientes"))


def test_a_peruvian_province_is_the_second_level(extractor):
    text = (
        "El gobierno peruano declaró el estado de emergencia en la provincia de Putumayo, en la "
        "frontera con Colombia, y en la selva de Loreto."
    )
    places = {p.name: p for p in extractor(text, lang="es", published="2024-02-02").places}
    assert (places["Putumayo"].country_code, places["Putumayo"].feature) == ("PE", "admin2")


def test_kind_levels_follow_each_country():
    assert kind_level("province", "PE") == "admin2"
    assert kind_level("province", "EC") == "admin1"
    assert kind_level("department", "CO") == "admin1"
    assert kind_level("department", "AR") == "admin2"
    assert kind_level("state", "MX") == "admin1"


def test_town_comma_region_of_the_same_name_is_the_town(extractor):
    text = "Fueron instalados puestos de mando en Arauca, Arauca, y en Maicao, La Guajira."
    places = [p for p in extractor(text, lang="es", published="2026-01-05").places]
    first = next(p for p in places if p.name == "Arauca")
    assert first.feature == "city"


def test_regions_and_towns_loosely_called_provinces_stay(extractor):
    text = (
        "L'armée américaine sera présente dans les provinces de Lima, Loreto et Cusco, au "
        "Pérou, pendant toute l'année."
    )
    places = {p.name: p for p in extractor(text, lang="fr", published="2025-01-01").places}
    assert places["Loreto"].feature == "admin1"
    assert places["Cusco"].feature == "city"


def test_chilean_provinces_named_like_their_region_are_provinces(extractor):
    text = (
        "Rige el estado de excepción en las provincias de Biobío y Arauco, en el sur de Chile, "
        "con militares a cargo del orden público."
    )
    places = {p.name: p for p in extractor(text, lang="es", published="2021-10-13").places}
    assert places["Biobío"].feature == "admin2"  # Arauco is no region: these are provinces
