"""Where a force moves from is no place of the event (issue 14): "2.000 soldats commencent à
se déplacer de la capitale et Tolémaida vers Tibú" maps Tibú; an origin named alone stays."""

from __future__ import annotations

import pytest


def _places(doc) -> set[str]:
    return {item.place.name for event in doc.events for item in event.places}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "L'armée colombienne a déployé 2 000 soldats, qui ont commencé à se déplacer de "
            "Bogota vers Cúcuta.",
        ),
        (
            "es",
            "El Ejército desplegó 2.000 soldados, que se trasladaron desde Bogotá hacia Cúcuta.",
        ),
        ("en", "The army deployed 2,000 troops, who were moved from Bogota to Cucuta."),
    ],
)
def test_where_a_force_moves_from_is_no_event_place(extractor, lang, text):
    places = {p.casefold() for p in _places(extractor(text, lang=lang, published="2024-03-15"))}
    assert places & {"cúcuta", "cucuta"} and not places & {"bogota", "bogotá"}


def test_an_origin_named_alone_stays(extractor):
    text = "El Ejército desplegó 2.000 soldados, que se trasladaron desde Bogotá hacia el norte."
    assert "Bogotá" in _places(extractor(text, lang="es", published="2024-03-15"))
