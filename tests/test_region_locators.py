"""A region written after a list of its towns only locates them (issue 14): "las provincias
de Putumayo y Maynas, del departamento peruano de Loreto", "los distritos Kimbiri, Pichari y
Echarate, en Cusco" (the region's namesake town stands for the region there)."""

from __future__ import annotations


def _places(doc) -> set[str]:
    return {item.place.name for event in doc.events for item in event.places}


def test_a_department_after_a_list_of_its_provinces_only_locates_them(extractor):
    text = (
        "El Gobierno decretó el estado de emergencia en las provincias de Putumayo y Maynas, "
        "del departamento peruano de Loreto, durante 60 días."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert "Putumayo" in places and "Loreto" not in places


def test_a_region_named_like_its_capital_after_its_towns_only_locates_them(extractor):
    text = (
        "El Gobierno prorrogó el estado de emergencia en los distritos de Kimbiri, Pichari y "
        "Echarate, en Cusco, durante 60 días."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert {"Kimbiri", "Pichari"} <= places and "Cusco" not in places


def test_a_capital_named_with_towns_of_its_region_stays(extractor):
    text = "El Gobierno decretó el estado de emergencia en Cusco, Pichari y Kimbiri."
    assert "Cusco" in _places(extractor(text, lang="es", published="2024-03-15"))


def test_a_capital_listed_among_towns_of_its_region_stays(extractor):
    text = "El Gobierno decretó el estado de emergencia en Pichari, Cusco y Kimbiri."
    assert "Cusco" in _places(extractor(text, lang="es", published="2024-03-15"))
