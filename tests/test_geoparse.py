"""geo.geoparse: every resolved place with offsets, and user-given spans."""

from __future__ import annotations

import json

import pytest

import geo
from geo.cli import main
from geo.exc import GeocoderQueryError

TEXT = (
    "Le Pérou a décrété l'état d'urgence le long de la frontière sud avec le Chili, "
    "à Palca, Tacna et La Yarada–Los Palos. Les migrants venaient du Venezuela."
)


def test_geoparse_finds_and_resolves_places_with_offsets():
    places = geo.geoparse(TEXT, lang="fr")
    by_name = {p["name"]: p for p in places}
    for place in places:
        assert TEXT[place["start"] : place["end"]] == place["name"]
        for key in ("latitude", "longitude", "geonameid", "feature", "country_code", "score"):
            assert key in place
    palca = by_name["Palca"]
    assert palca["country_code"] == "PE"
    assert abs(palca["latitude"] + 17.78) < 0.1 and abs(palca["longitude"] + 69.96) < 0.1
    border = by_name["la frontière sud avec le Chili"]
    assert border["feature"] == "border" and border["location_id"] == "border:CL-PE"
    assert by_name["La Yarada–Los Palos"]["admin1"] == "Tacna"
    assert by_name["Venezuela"]["feature"] == "country"


def test_geoparse_resolves_exactly_the_given_spans_in_context():
    start = TEXT.index("Palca")
    places = geo.geoparse(TEXT, spans=[(start, start + 5)])
    assert [(p["start"], p["name"]) for p in places] == [(start, "Palca")]
    # Context from the rest of the text (Pérou, Tacna) picks Tacna's Palca, not Puno's.
    assert abs(places[0]["latitude"] + 17.78) < 0.1


def test_geoparse_span_of_a_border_phrase():
    start = TEXT.index("la frontière")
    end = TEXT.index(", \nà") if ", \nà" in TEXT else TEXT.index(",", start)
    (place,) = geo.geoparse(TEXT, spans=[(start, end)])
    assert place["feature"] == "border" and place["kind"] == "border"


@pytest.mark.parametrize("spans", [[(5, 2)], [(-1, 3)], [(0, 10_000)]])
def test_geoparse_rejects_spans_outside_the_text(spans):
    with pytest.raises(GeocoderQueryError):
        geo.geoparse(TEXT, spans=spans)


def test_geoparse_rejects_non_text():
    with pytest.raises(GeocoderQueryError):
        geo.geoparse(b"bytes")  # type: ignore[arg-type]


def test_geoparse_text_without_places():
    assert geo.geoparse("Rien à signaler aujourd'hui.") == []


def test_cli_geoparse_prints_json(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("---\nlang: fr\n---\n" + TEXT, encoding="utf-8")
    assert main(["geoparse", str(path)]) == 0
    places = json.loads(capsys.readouterr().out)
    assert {"Palca", "Tacna"} <= {p["name"] for p in places}


def test_one_sense_per_discourse_a_qualified_mention_fixes_the_bare_ones():
    # "Athens, Greece" in the lead; later a bare "Athens" next to Toronto and Ontario, where
    # alone it would be Athens, Ontario. One name keeps one referent in one article.
    filler = " The tour went on for weeks and drew large crowds. " * 8
    text = (
        "The actress arrived today in Athens, Greece, for the festival."
        + filler
        + "Canada was next: before flying to Athens she had stopped in Toronto and Ottawa, "
        "in Ontario, Canada."
    )
    places = geo.geoparse(text, lang="en")
    athens = [p for p in places if p["name"] == "Athens"]
    assert len(athens) == 2
    assert {p["country_code"] for p in athens} == {"GR"}
    assert [text[p["start"] : p["end"]] for p in athens] == ["Athens", "Athens"]
    assert athens[0]["start"] != athens[1]["start"]
    second = text.index("Athens", text.index("flying"))
    alone = geo.geoparse(text[second - 30 :], lang="en")
    assert [p["country_code"] for p in alone if p["name"] == "Athens"] == ["CA"]


def test_a_name_listed_among_countries_is_the_country():
    # Niger is also a state of Nigeria; between Mali and Senegal it is the country.
    text = (
        "Cholera has hit Burkina Faso, Guinea, Liberia, Mali, Niger, and Senegal, and "
        "cases were reported in Nigeria and Cameroon."
    )
    places = {p["name"]: p for p in geo.geoparse(text, lang="en")}
    assert (places["Niger"]["feature"], places["Niger"]["country_code"]) == ("country", "NE")
    # A town listed with its region and country keeps its level.
    atlanta = geo.geoparse("He died in Atlanta, Georgia, U.S., and Wichita, Kansas.", lang="en")
    assert [(p["name"], p["feature"]) for p in atlanta][:2] == [
        ("Atlanta", "city"),
        ("Georgia", "admin1"),
    ]


def test_a_municipality_a_kind_noun_names_is_the_municipality_not_a_namesake_region():
    text = "Venezuela desplegó tropas en el estado Zulia, en los municipios Catatumbo y Sucre."
    by_name = {p["name"]: p for p in geo.geoparse(text, lang="es")}
    assert by_name["Zulia"]["feature"] == "admin1" and by_name["Zulia"]["country_code"] == "VE"
    catatumbo = by_name["Catatumbo"]  # not Colombia's Catatumbo region across the border
    assert catatumbo["feature"] == "admin2" and catatumbo["country_code"] == "VE"


@pytest.mark.parametrize(
    "text",
    [
        "A cow from a Washington state farm, born in Canada, tested positive.",
        "The first case was found in 2003 in the state of Washington; the cow came from Canada.",
        "Troops were sent to Washington state and Oregon.",
    ],
)
def test_a_kind_noun_before_or_after_a_name_makes_it_the_region(text):
    # alone, "Washington" is the capital (and a row of its country's government)
    washington = next(p for p in geo.geoparse(text, lang="en") if p["name"] == "Washington")
    assert (washington["feature"], washington["admin1"]) == ("admin1", "Washington")


def test_a_capital_in_a_list_of_regions_is_its_far_namesake_region():
    text = "Guard troops came from Arizona, Texas, Ohio and Washington."
    washington = next(p for p in geo.geoparse(text, lang="en") if p["name"] == "Washington")
    assert (washington["feature"], washington["admin1"]) == ("admin1", "Washington")


def test_a_kind_noun_after_a_list_applies_to_each_item():
    text = "Soldiers patrol the Sonora and Chihuahua states."
    places = [(p["name"], p["feature"]) for p in geo.geoparse(text, lang="en")]
    assert places == [("Sonora", "admin1"), ("Chihuahua", "admin1")]


def test_a_town_is_looked_for_inside_the_places_written_after_it():
    text = (
        "Troops were sent to Columbus, New Mexico. An outbreak began in Austin, in Scott "
        "County, Indiana; Louisville lies 35 miles south of Austin."
    )
    places = [(p["name"], p["admin1"]) for p in geo.geoparse(text, lang="en")]
    # alone, Columbus is Ohio's capital and Austin the Texan one: the locators decide, and
    # the located mention gives its sense to the article's later bare "Austin"
    assert ("Columbus", "New Mexico") in places and ("Scott County", "Indiana") in places
    assert [admin1 for name, admin1 in places if name == "Austin"] == ["Indiana", "Indiana"]


def test_a_french_locator_after_au():
    text = (
        "L'armée mexicaine a roulé le long de la frontière séparant Ciudad Juárez et El Paso, "
        "au Texas."
    )
    el_paso = next(p for p in geo.geoparse(text, lang="fr") if p["name"] == "El Paso")
    # not the hamlet El Paso of Michoacán that the article's focus (Mexico) would pick
    assert (el_paso["country_code"], el_paso["admin1"]) == ("US", "Texas")


def test_a_list_of_regions_is_no_locator():
    text = "Soldiers patrol Lima, Callao, Loreto and Cusco."
    lima = next(p for p in geo.geoparse(text, lang="en") if p["name"] == "Lima")
    assert (lima["feature_code"], lima["country_code"]) == ("PPLC", "PE")


def test_estados_unidos_keeps_its_kind_word():
    names = [p["name"] for p in geo.geoparse("Tropas de Estados Unidos llegaron.", lang="es")]
    assert names == ["Estados Unidos"]


def test_an_abbreviated_place_is_one_mention_written_out():
    text = (
        "El Ejército envió 300 soldados a Pto. Maldonado y a Cd. Juárez para reforzar la frontera."
    )
    found = {(p["name"], p["country_code"]) for p in geo.geoparse(text, lang="es")}
    # not "Maldonado" (Uruguay) and "Juárez" alone
    assert found == {("Pto. Maldonado", "PE"), ("Cd. Juárez", "MX")}
