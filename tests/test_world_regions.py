"""A world region named beside the event's own places is context (issue 14): "17 000 soldats
dans l'État de Táchira ... face au renforcement de la marine dans les Caraïbes" maps Táchira,
not the Caribbean; a world region the event names alone stays its place."""

from __future__ import annotations


def _places(doc) -> set[str]:
    return {item.place.name for event in doc.events for item in event.places}


def test_a_world_region_beside_places_of_a_country_is_context(extractor):
    text = (
        "L'armée vénézuélienne a déployé 17 000 soldats dans l'État de Zulia pour des "
        "exercices militaires, après le renforcement de la marine américaine dans les Caraïbes."
    )
    places = _places(extractor(text, lang="fr", published="2025-09-15"))
    assert "Zulia" in places and "Caraïbes" not in places


def test_a_world_region_named_alone_stays(extractor):
    text = "L’armée américaine a déployé 4 000 soldats dans les Caraïbes."
    assert "Caraïbes" in _places(extractor(text, lang="fr", published="2025-09-15"))


def test_a_world_region_an_event_names_alone_yields_to_the_article_s_places(extractor):
    text = (
        "More than 1,800 troops from 22 nations took part in the Tradewinds exercise, which is "
        "designed to plan and execute operations throughout the Caribbean and Central America."
        "\n\nTraining events were held in Belize City."
    )
    places = _places(extractor(text, lang="en", published="2022-05-20"))
    assert "Belize City" in places
    assert not places & {"Caribbean", "the Caribbean", "Central America"}
