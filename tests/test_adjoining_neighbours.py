"""The country a region is said to border is its neighbour, not a place of the event (issue
14): "la región del Catatumbo, fronteriza con Venezuela"; a town listed after the
neighbour ("los municipios fronterizos con Guatemala, como Suchiate") stays."""

from __future__ import annotations


def _places(doc) -> set[str]:
    return {item.place.name for event in doc.events for item in event.places}


def test_the_country_a_region_borders_is_its_neighbour(extractor):
    text = (
        "El Ejército anunció el despliegue de 5.000 soldados en la región del Catatumbo, "
        "fronteriza con Venezuela, para combatir el narcotráfico."
    )
    assert "Venezuela" not in _places(extractor(text, lang="es", published="2024-03-15"))


def test_a_town_after_the_neighbour_stays(extractor):
    text = (
        "La Guardia Nacional desplegó 2 mil elementos en los municipios fronterizos con "
        "Guatemala, como Suchiate y Metapa."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert {"Suchiate", "Metapa"} <= places and "Guatemala" not in places
