"""Two capitals of two countries joined by "and" are two governments (issue 14): "tensions
between Caracas and Bogota" beside a deployment in Norte de Santander is no row for either
capital; capitals that are the event's only places stay."""

from __future__ import annotations


def _places(doc) -> set[str]:
    return {item.place.name for event in doc.events for item in event.places}


def test_two_joined_capitals_beside_the_event_are_governments(extractor):
    text = (
        "The army deployed 5,000 troops to Cucuta amid rising tensions between Caracas and Bogota."
    )
    places = _places(extractor(text, lang="en", published="2024-03-15"))
    assert "Cucuta" in places and not {"Caracas", "Bogota"} & places


def test_joined_capitals_that_are_the_event_places_stay(extractor):
    text = "The army deployed 5,000 troops to Caracas and Bogota."
    places = _places(extractor(text, lang="en", published="2024-03-15"))
    assert {"Caracas", "Bogota"} & places
