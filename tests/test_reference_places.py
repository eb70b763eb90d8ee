"""Places named only to say where another place lies (issue 14): a town after a distance or a
relative direction ("a 50 km de Quito", "à l'ouest de Guatemala City", "north of Tijuana")
is a reference point, not a place of the event, when the event has a place of its own."""

from __future__ import annotations


def _places(doc) -> set[str]:
    return {item.place.name for event in doc.events for item in event.places}


def test_a_town_after_a_distance_is_a_reference_point(extractor):
    text = (
        "L'armée a déployé 300 soldats à Quetzaltenango, située à environ 200 kilomètres à "
        "l'ouest de Puerto Barrios."
    )
    places = _places(extractor(text, lang="fr", published="2024-03-15"))
    assert "Quetzaltenango" in places and "Puerto Barrios" not in places


def test_a_town_after_a_relative_direction_is_a_reference_point(extractor):
    text = (
        "El Ejército desplegó 200 soldados en el paso de Chungará, al este de Putre, y en "
        "Colchane, al norte de Iquique."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert "Colchane" in places and not {"Putre", "Iquique"} & places
    text = "The army deployed 400 troops to Nogales, 300 miles east of Tijuana."
    places = _places(extractor(text, lang="en", published="2024-03-15"))
    assert "Nogales" in places and "Tijuana" not in places


def test_a_reference_alone_stays_the_place_of_the_event(extractor):
    text = "El Ejército desplegó 200 soldados al norte de Iquique."
    assert "Iquique" in _places(extractor(text, lang="es", published="2024-03-15"))
