"""The countries an agreement names are its parties, not places of it (issue 14): "acuerdo
entre México y Colombia" maps nothing at country level; the places where it applies stay."""

from __future__ import annotations


def _places(doc, event_type: str) -> set[str]:
    return {
        item.place.name
        for event in doc.events
        if event.event_type == event_type
        for item in event.places
    }


def test_the_countries_of_an_agreement_are_its_parties(extractor):
    text = (
        "Panamá y Colombia firmaron un acuerdo de cooperación en seguridad para combatir el "
        "narcotráfico."
    )
    doc = extractor(text, lang="es", published="2024-03-15")
    assert not {"Panamá", "Colombia"} & _places(doc, "security_agreement")


def test_the_places_where_an_agreement_applies_stay(extractor):
    text = (
        "Panamá y Colombia firmaron un acuerdo de cooperación en seguridad para patrullar el "
        "Darién y Guna Yala."
    )
    doc = extractor(text, lang="es", published="2024-03-15")
    places = _places(doc, "security_agreement")
    assert "Darién" in places and "Colombia" not in places
