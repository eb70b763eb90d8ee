"""A border row that only repeats a town of the event on that border (issue 14): "efectivos
en la frontera con Colombia" then "patrullan Tulcán" is mapped at Tulcán; a border whose
own sentence gives troops ("10 mil soldados en la frontera") stays a place of its own."""

from __future__ import annotations


def _places(doc) -> dict[str, str]:
    return {item.place.name: item.place.feature for event in doc.events for item in event.places}


def test_a_border_with_a_town_of_the_event_on_it_is_no_row_of_its_own(extractor):
    text = (
        "El Ejército ecuatoriano desplegó tropas en la frontera con Colombia. "
        "El Ejército desplegó tropas en Tulcán, en la frontera con Colombia."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert "Tulcán" in places and "border" not in places.values()


def test_a_border_far_from_the_towns_of_the_event_stays(extractor):
    text = (
        "El Ejército ecuatoriano desplegó tropas en la frontera con Colombia. "
        "El Ejército desplegó tropas en Quito."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert "Quito" in places and "border" in places.values()


def test_a_border_given_troops_in_its_own_sentence_stays(extractor):
    text = (
        "El Ejército ecuatoriano desplegó 3 mil soldados en la frontera con Colombia. "
        "El Ejército desplegó tropas en Tulcán, en la frontera con Colombia."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert "Tulcán" in places and "border" in places.values()


def test_a_border_whose_crossings_are_named_is_mapped_at_them(extractor):
    text = (
        "El Ejército ecuatoriano desplegó tropas en la frontera con Colombia. "
        "Los pasos fronterizos reforzados con personal militar son Rumichaca y Tulcán."
    )
    places = _places(extractor(text, lang="es", published="2024-03-15"))
    assert "Tulcán" in places and "border" not in places.values()


def test_a_border_beside_towns_near_it_but_not_tied_to_it_stays(extractor):
    text = (
        "Le gouvernement équatorien a décrété l'état d'urgence le long de la frontière avec la "
        "Colombie. Selon le journal, ces mesures resteront en vigueur dans les zones de Tulcán "
        "et Ibarra."
    )
    places = _places(extractor(text, lang="fr", published="2024-03-15"))
    assert "Tulcán" in places and "border" in places.values()


def test_a_border_that_locates_a_region_of_the_event_is_no_row_of_its_own(extractor):
    text = (
        "Les commandants vénézuéliens ont déployé environ 17 000 soldats dans l'État de "
        "Táchira, à la frontière avec la Colombie."
    )
    places = _places(extractor(text, lang="fr", published="2025-09-15"))
    assert "Táchira" in places and "border" not in places.values()
