"""The capital of the country that sends a force abroad is its home, not a place of the
deployment (issue 14): "des policiers kényans sont arrivés à Port-au-Prince ... après une
cérémonie à Nairobi" maps Port-au-Prince, and the event is foreign troops."""

from __future__ import annotations


def test_the_sending_country_capital_is_no_place_of_the_deployment(extractor):
    text = (
        "Un contingent de 400 policiers kényans a été déployé à Port-au-Prince mardi, après "
        "une cérémonie officielle à Nairobi."
    )
    doc = extractor(text, lang="fr", published="2024-06-26")
    places = {item.place.name for event in doc.events for item in event.places}
    assert "Port-au-Prince" in places and "Nairobi" not in places
    assert "foreign_troops" in {e.event_type for e in doc.events}


def test_the_capital_of_a_force_at_home_stays(extractor):
    text = "Un contingent de 400 policiers kényans a été déployé à Nairobi mardi."
    doc = extractor(text, lang="fr", published="2024-06-26")
    assert "Nairobi" in {item.place.name for event in doc.events for item in event.places}
