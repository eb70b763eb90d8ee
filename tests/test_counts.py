"""Troop counts: numbers, qualifiers, troop nouns, and numbers that are not troops."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.extract.counts import find_force_sizes, parse_number
from geo.ingest.articles import read_article_file

SEEDS = Path(__file__).resolve().parent.parent / "data" / "articles"


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("nous allons déployer plus de 5.200 soldats", 5200, "at_least", "soldats"),
        ("Plus de 5.000 militaires américains vont", 5000, "at_least", "militaires"),
        (
            "aux quelque 2.000 membres de la Garde nationale déjà",
            2000,
            "about",
            "membres de la Garde nationale",
        ),
        (
            "l'envoi d'un maximum de 4.000 membres de la Garde nationale.",
            4000,
            "at_most",
            "membres de la Garde nationale",
        ),
        ("Environ 2.100 ont été déployés.", 2100, "about", ""),
        ("Un groupe de 55 militaires doit", 55, "exact", "militaires"),
        (
            "l'entrée de 600 membres des forces armées américaines",
            600,
            "exact",
            "membres des forces armées",
        ),
        ("1.500 soldats américains seraient déployés", 1500, "exact", "soldats"),
        ("5 200 soldats", 5200, "exact", "soldats"),
        ("5,200 soldats", 5200, "exact", "soldats"),
        ("5200 soldats", 5200, "exact", "soldats"),
        ("5\u00a0200 soldats", 5200, "exact", "soldats"),
        ("cinq mille soldats", 5000, "exact", "soldats"),
        ("deux cents militaires", 200, "exact", "militaires"),
        ("trois cents gendarmes", 300, "exact", "gendarmes"),
        ("près de deux mille policiers", 2000, "about", "policiers"),
        ("au moins 300 gardes nationaux", 300, "at_least", "gardes nationaux"),
        ("jusqu'à 700 soldats", 700, "at_most", "soldats"),
        ("une centaine de soldats", 100, "about", "soldats"),
        ("l'armée a déployé 2.000 hommes", 2000, "exact", "hommes"),
    ],
)
def test_french_counts(text: str, value: int, qualifier: str, unit: str) -> None:
    found = find_force_sizes(text)
    assert [(f.value, f.qualifier, f.unit_text) for f in found] == [(value, qualifier, unit)]
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    ("text", "lang", "value", "qualifier"),
    [
        ("más de 5.200 soldados", "es", 5200, "at_least"),
        ("unos 2.000 efectivos", "es", 2000, "about"),
        ("dos mil soldados", "es", 2000, "exact"),
        ("mil militares", "es", 1000, "exact"),
        ("hasta 4.000 miembros de la Guardia Nacional", "es", 4000, "at_most"),
        ("5,200 troops", "en", 5200, "exact"),
        ("up to 4,000 National Guard members", "en", 4000, "at_most"),
        ("more than 5,200 active-duty troops", "en", 5200, "at_least"),
        ("some 2,000 U.S. soldiers", "en", 2000, "about"),
        ("five thousand troops", "en", 5000, "exact"),
    ],
)
def test_spanish_and_english_counts(text: str, lang: str, value: int, qualifier: str) -> None:
    found = find_force_sizes(text, lang=lang)
    assert [(f.value, f.qualifier) for f in found] == [(value, qualifier)]


@pytest.mark.parametrize(
    "text",
    [
        "Les autorités ont reçu 1.743 demandes d'asile.",
        "un littoral Pacifique total de 2 414 kilomètres",
        "Depuis la loi 4.766 du Congrès",
        "cette caravane de 7.000 personnes, pour la plupart honduriennes",
        "l'article 102, paragraphe 8 de la Constitution",
        "le 13 octobre 2018, en 2021",
        "des dizaines de migrants",
        "un soldat",
        "la loi 4.766 militaires",
        "2018 ont été déployés",
        "une caravane de 7.000 hommes, femmes et enfants",
    ],
)
def test_numbers_that_are_not_troops(text: str) -> None:
    assert find_force_sizes(text) == []


def test_parse_number() -> None:
    assert parse_number("5.200") == 5200
    assert parse_number("5 200") == 5200
    assert parse_number("5,200") == 5200
    assert parse_number("cinq mille") == 5000
    assert parse_number("deux cents") == 200
    assert parse_number("quatre-vingt-dix") == 90
    assert parse_number("vingt et un") == 21
    assert parse_number("dos mil quinientos") == 2500
    assert parse_number("two thousand five hundred") == 2500
    assert parse_number("5 mille") == 5000
    assert parse_number("soldats") is None
    assert parse_number("") is None


def _seed(prefix: str) -> str:
    return read_article_file(next(SEEDS.glob(prefix + "_*.txt"))).text


def test_seed_troop_numbers() -> None:
    found = {p: find_force_sizes(_seed(p)) for p in ("000", "001", "002")}
    assert found["000"] == []
    assert [(f.value, f.qualifier) for f in found["001"]] == [
        (5000, "at_least"),
        (5200, "at_least"),
        (2000, "about"),
        (4000, "at_most"),
        (2100, "about"),
    ]
    assert [(f.value, f.qualifier) for f in found["002"]] == [
        (55, "exact"),
        (600, "exact"),
        (1500, "exact"),
    ]


@given(st.text(), st.sampled_from(["fr", "es", "en", "xx"]))
def test_never_raises_and_offsets_in_bounds(text: str, lang: str) -> None:
    for found in find_force_sizes(text, lang=lang):
        assert 0 <= found.start < found.end <= len(text)
        assert found.value >= 1


@given(
    st.from_regex(
        r"(plus de |environ )?[1-9][0-9]{0,2}([. ][0-9]{3})? (soldats|demandes)", fullmatch=True
    )
)
def test_generated_counts(text: str) -> None:
    found = find_force_sizes(text)
    assert len(found) == (1 if text.endswith("soldats") else 0)


@pytest.mark.parametrize(
    "text, value",
    [
        ("con 6 mil 300 agentes de la Guardia Nacional", 6300),
        ("Baja California tiene 3 mil 10 elementos desplegados", 3010),
        ("fueron desplegados mil 949 miembros de la Guardia Nacional", 1949),
        ("llegaron 2 mil soldados", 2000),
        ("Estados Unidos suma siete mil 600 soldados en la frontera", 7600),  # words, then digits
        ("con veinte mil 300 efectivos", 20300),
    ],
)
def test_mexican_press_thousands(text, value):
    """ "6 mil 310" is how the Mexican press writes 6,310 (issue 14)."""
    assert [f.value for f in find_force_sizes(text, "es")] == [value]


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("Russia has massed 1.5 million troops", "en", 1_500_000),
        ("some 2.5 thousand troops crossed", "en", 2500),
        ("un contingent de 1,5 million soldats", "fr", 1_500_000),
        ("the 5,200 troops", "en", 5200),  # three digits after the comma: thousands
    ],
)
def test_a_decimal_with_a_scale_word(text, lang, value):
    """ "1.5 million troops" is one and a half million, not a million."""
    assert [f.value for f in find_force_sizes(text, lang)] == [value]


@pytest.mark.parametrize(
    "text, lang, value, qualifier",
    [
        ("several hundred troops were sent to the border", "en", 200, "at_least"),
        ("thousands of National Guard troops", "en", 2000, "at_least"),
        ("a dozen soldiers", "en", 12, "about"),
        ("llegaron cientos de militares", "es", 200, "at_least"),
        ("una veintena de militares", "es", 20, "about"),
        ("des centaines de soldats", "fr", 200, "at_least"),
        ("une vingtaine de gendarmes", "fr", 20, "about"),
    ],
)
def test_counts_without_a_number_are_the_least_they_say(text, lang, value, qualifier):
    """ "several hundred troops" is at least 200 (it read "hundred": exactly 100)."""
    [found] = find_force_sizes(text, lang)
    assert (found.value, found.qualifier) == (value, qualifier)
    assert find_force_sizes("hundreds of migrants crossed", "en") == []


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("Arizona Gov. Doug Ducey said about 150 Guard members will go", "en", 150),
        ("250 National Guardsmen arrived", "en", 250),
        ("60 CBP officers were deployed", "en", 60),
        ("2,500 UN peacekeepers", "en", 2500),
        ("1 500 légionnaires", "fr", 1500),
    ],
)
def test_more_troop_nouns(text, lang, value):
    assert [f.value for f in find_force_sizes(text, lang)] == [value]


def _bound(sentence: str, names: list[str]) -> dict[str, int]:
    from geo.extract.counts import counts_by_place

    spans = [(sentence.index(n), sentence.index(n) + len(n)) for n in names]
    return {names[k]: v for k, v in counts_by_place(sentence, spans).items()}


@pytest.mark.parametrize(
    "sentence, names, expected",
    [
        ("distribuidos en Nogales (564), Sonoyta (500) y Agua Prieta (373).",
         ["Nogales", "Sonoyta", "Agua Prieta"],
         {"Nogales": 564, "Sonoyta": 500, "Agua Prieta": 373}),
        ("la ciudad con más elementos; en Mexicali 561 y en Tecate 500.", ["Mexicali", "Tecate"],
         {"Mexicali": 561, "Tecate": 500}),
        ("Además, 300 efectivos arribarán a Santa Fe, 50 a Rafaela y 50 a Reconquista.",
         ["Santa Fe", "Rafaela", "Reconquista"], {"Santa Fe": 300, "Rafaela": 50,
                                                  "Reconquista": 50}),
        ("es Chihuahua con 2 mil 620, en Ciudad Juárez, Puerto Palomas y Ojinaga con mil 650, "
         "500 y 470, respectivamente.", ["Chihuahua", "Ciudad Juárez", "Puerto Palomas",
                                         "Ojinaga"],
         {"Chihuahua": 2620, "Ciudad Juárez": 1650, "Puerto Palomas": 500, "Ojinaga": 470}),
        ("About 2,100 troops are in Texas, 1,500 in Arizona and 1,300 in California.",
         ["Texas", "Arizona", "California"], {"Texas": 2100, "Arizona": 1500,
                                              "California": 1300}),
    ],
)  # fmt: skip
def test_counts_stated_for_one_place_each(sentence, names, expected):
    assert _bound(sentence, names) == expected


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("Unos 300 soldados llegaron a Palca y a La Yarada el 20 de octubre.",
         ["Palca", "La Yarada"]),  # a total for both places is no place's own
        ("The Pentagon will send 5,200 troops to Texas, Arizona and California.",
         ["Texas", "Arizona", "California"]),
        ("Tacna 2025: el estado de emergencia rige en Palca 60 días.", ["Tacna", "Palca"]),
    ],
)  # fmt: skip
def test_shared_totals_years_and_durations_are_no_place_counts(sentence, names):
    assert _bound(sentence, names) == {}


def test_a_count_for_each_listed_place_is_every_place_s():
    sentence = (
        "Los operativos cubren Tecún Umán, Malacatán y Ayutla, con 120 agentes por cada municipio."
    )
    assert _bound(sentence, ["Tecún Umán", "Malacatán", "Ayutla"]) == {
        "Tecún Umán": 120,
        "Malacatán": 120,
        "Ayutla": 120,
    }
    english = "Guards patrol Laredo and Eagle Pass, with 80 soldiers in each city."
    assert _bound(english, ["Laredo", "Eagle Pass"]) == {"Laredo": 80, "Eagle Pass": 80}


def test_a_place_that_opens_its_clause_takes_the_count_after_it():
    sentence = (
        "A Zacatecas llegaron 1.200 efectivos; mientras que en Durango desplegaron 800 soldados."
    )
    assert _bound(sentence, ["Zacatecas", "Durango"]) == {"Zacatecas": 1200, "Durango": 800}
    # a place inside a clause is no subject of the count
    assert _bound("El ministro de Sonora anunció 500 soldados.", ["Sonora"]) == {}


@pytest.mark.parametrize(
    "sentence, names, expected",
    [
        ("anunció el despliegue de cerca de 5.000 soldados en la convulsa región del Catatumbo.",
         ["Catatumbo"], {"Catatumbo": 5000}),
        ("Nuevo León, con 623 enviados únicamente en el municipio de Colombia.",
         ["Nuevo León", "Colombia"], {"Nuevo León": 623, "Colombia": 623}),
        ("Ils ont déployé environ 17 000 soldats dans l'État frontalier de Táchira.",
         ["Táchira"], {"Táchira": 17000}),
        ("The army sent 800 troops to the state of Guerrero.", ["Guerrero"], {"Guerrero": 800}),
    ],
)  # fmt: skip
def test_a_count_before_an_area_noun_is_its_place_s(sentence, names, expected):
    """ "N soldiers in the region of PLACE": the area noun is no obstacle (issue 14)."""
    assert _bound(sentence, names) == expected


def test_an_apposition_is_no_list_but_a_list_shares_its_count():
    apposition = "Desplegaron 900 soldados en Táchira, en la frontera con Colombia, el lunes."
    assert _bound(apposition, ["Táchira", "la frontera con Colombia"]) == {"Táchira": 900}
    listed = "The army sent 800 troops to the state of Guerrero and the city of Acapulco."
    assert _bound(listed, ["Guerrero", "Acapulco"]) == {}
    commas = "Llegaron 300 soldados a Palca, a Tarata y a Candarave."
    assert _bound(commas, ["Palca", "Tarata", "Candarave"]) == {}


@pytest.mark.parametrize(
    "sentence, names, expected",
    [
        ("L'Arizona a envoyé lundi 225 soldats à la frontière.", ["Arizona"], {"Arizona": 225}),
        ("En Tijuana, Baja California, fueron desplegados con mil 949 miembros de la Guardia "
         "Nacional; en Mexicali 561.",
         ["Tijuana", "Baja California", "Mexicali"], {"Tijuana": 1949, "Mexicali": 561}),
        ("En Tijuana, Tecate y Rosarito fueron desplegados 900 soldados.",
         ["Tijuana", "Tecate", "Rosarito"], {}),  # a list: a total
        ("Mexico will deploy 10,000 members of the National Guard to Sonora.", ["Sonora"],
         {"Sonora": 10000}),
        ("Le Mexique va déployer 10 000 soldats de la Garde nationale à la frontière nord.",
         ["la frontière nord"], {"la frontière nord": 10000}),
    ],
)  # fmt: skip
def test_subject_and_destination_counts_past_appositions_and_force_names(sentence, names, expected):
    """A clause's subject place takes the count a few words on, past "Tijuana, Baja
    California," and "L'"; a force name after the troop noun is no obstacle (issue 14)."""
    assert _bound(sentence, names) == expected
    # two places in a row between commas are a list, no apposition
    listed = _bound("En Tijuana, Tecate, Rosarito fueron desplegados 900 soldados.",
                    ["Tijuana", "Tecate", "Rosarito"])  # fmt: skip
    assert "Tijuana" not in listed


def test_troops_that_hold_the_place_after_their_verb_are_its_count():
    """ "310 agentes reforzaron Aguas Blancas": the place is the verb's object (issue 14)."""
    sentence = (
        "310 agentes reforzaron Aguas Blancas, mientras 1.900 tropas llegaron a Orán y Tartagal."
    )
    assert _bound(sentence, ["Aguas Blancas", "Orán", "Tartagal"]) == {"Aguas Blancas": 310}
    assert _bound("Quelque 300 gendarmes quadrillent Cayenne.", ["Cayenne"]) == {"Cayenne": 300}
    # a list the troops hold shares the count
    assert (
        _bound("About 500 soldiers patrolled Laredo and Eagle Pass.", ["Laredo", "Eagle Pass"])
        == {}
    )
