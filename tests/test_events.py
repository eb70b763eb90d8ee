"""Events across the sentences of real news layouts (issue 14): one sentence a line, lists
announced by a colon, a force named once and referred to after."""

from __future__ import annotations

import pytest

from geo.extract.document import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _places(doc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event in doc.events:
        for item in event.places:
            out.setdefault(item.place.name, set()).add(event.event_type)
    return out


LINES = (
    "El gobierno selló 23 municipios de la frontera sur con 6 mil 300 agentes de la Guardia "
    "Nacional.\n"
    "El personal desplegado en las localidades de Chiapas y Tabasco es coordinado desde 11 "
    "regiones.\n"
    "Estos son los municipios cerrados:\n"
    "Tapachula\n"
    "Suchiate\n"
    "Palenque\n"
)


def test_a_list_announced_by_a_colon_continues_the_event(extractor):
    places = _places(extractor(LINES, lang="es", published="2019-06-20"))
    assert {"Tapachula", "Suchiate", "Palenque"} <= set(places)


def test_a_force_named_once_is_the_force_of_the_next_line(extractor):
    doc = extractor(LINES, lang="es", published="2019-06-20")
    assert {"Chiapas", "Tabasco"} <= set(_places(doc))
    assert 6300 in {e.force_size for e in doc.events}


def test_a_line_break_without_a_link_ends_the_event(extractor):
    text = (
        "El Ejército desplegó 500 soldados en Tapachula.\n"
        "Por otra parte, el turismo creció en Cancún y Mérida durante el verano.\n"
    )
    places = _places(extractor(text, lang="es", published="2019-06-20"))
    assert "Tapachula" in places and "Cancún" not in places and "Mérida" not in places
