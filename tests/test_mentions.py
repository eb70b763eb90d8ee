"""Place mention finding, with a small fake gazetteer (no index, no model needed)."""

from dataclasses import dataclass

import pytest

from geo.extract.mentions import BORDER, PLACE, TERRITORY, find_mentions


@dataclass(frozen=True)
class FakePlace:
    name: str
    feature: str
    population: int = 0
    source: str = "geonames"


class FakeIndex:
    places = {
        "palca": FakePlace("Palca", "city", 189),
        "tacna": FakePlace("Tacna", "city", 280000),
        "la yarada los palos": FakePlace("La Yarada-Los Palos", "admin2", 0, "supplement"),
        "lima": FakePlace("Lima", "city", 7700000),
        "le": FakePlace("Le", "city", 600),  # a French article that is also a village
        "pentagone": FakePlace("Pentagone", "city", 9000),
        "honduras": FakePlace("Honduras", "country"),
        "santa lucia": FakePlace("Santa Lucía", "city", 12000),
    }
    words = {
        "chili": "CL",
        "chilien": "CL",
        "perou": "PE",
        "peruvien": "PE",
        "mexicaine": "MX",
        "mexicain": "MX",
        "americano": "US",
        "etats unis": "US",
        "honduras": "HN",
        "mexico": "MX",
        "us": "US",
    }

    def _key(self, name):
        from geo.text import name_key

        return name_key(name)

    def has_name(self, name):
        return self._key(name) in self.places

    def candidates(self, name):
        place = self.places.get(self._key(name))
        return [place] if place else []

    def country_from_word(self, word):
        return self.words.get(self._key(word))


class _Ent:
    """A spaCy entity as find_mentions reads it (label and character offsets)."""

    def __init__(self, text, label, start):
        self.label_, self.start_char, self.end_char = label, start, start + len(text)


class _Doc:
    def __init__(self, ents):
        self.ents = ents


def spans(text, **kwargs):
    return [(m.text, m.kind) for m in find_mentions(text, FakeIndex(), nlp=None, **kwargs)]


@pytest.mark.parametrize(
    "text, border, codes",
    [
        (
            "l'état d'urgence le long de la frontière sud avec le Chili et",
            "la frontière sud avec le Chili",
            ("CL",),
        ),
        ("déployés à la frontière mexicaine pour", "la frontière mexicaine", ("MX",)),
        (
            "nécessaires à la frontière américano-mexicaine, se",
            "la frontière américano-mexicaine",
            ("US", "MX"),
        ),
        ("plus de 5.200 soldats à la frontière sud-ouest", "la frontière sud-ouest", ()),
        ("dans les zones frontalières avec le Chili.", "frontalières avec le Chili", ("CL",)),
        ("troops to the US-Mexico border today", "the US-Mexico border", ("US", "MX")),
        ("arrivés à la frontière à pied", "la frontière", ()),
    ],
)
def test_border_phrases(text, border, codes):
    found = find_mentions(text, FakeIndex(), nlp=None)
    borders = [m for m in found if m.kind == BORDER]
    assert [m.text for m in borders] == [border]
    assert borders[0].country_codes == codes
    assert text[borders[0].start : borders[0].end] == border


def test_gazetteer_completes_without_ner_and_keeps_offsets():
    text = "Les zones de Palca, Tacna et La Yarada–Los Palos, dans la région de Tacna."
    found = find_mentions(text, FakeIndex(), nlp=None, min_population=100)
    assert [(m.text, m.kind) for m in found] == [
        ("Palca", PLACE),
        ("Tacna", PLACE),
        ("La Yarada–Los Palos", PLACE),
        ("Tacna", PLACE),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_small_places_need_ner_or_context_and_common_words_are_not_places():
    # "Le" is a village of 600 people: too small to trust without NER; sentence-initial "Le".
    assert spans("Le gouvernement a parlé.") == []
    # Palca (189 people) is too small for the gazetteer alone when min_population is high...
    assert spans("vers Palca", min_population=5000) == []


def test_not_places_are_never_mentions():
    assert spans("a annoncé lundi le Pentagone.") == []


def test_territory_adjectives():
    found = find_mentions("1.500 soldats déployés sur le sol péruvien à des fins", FakeIndex())
    assert [(m.text, m.kind, m.country_codes) for m in found] == [
        ("sol péruvien", TERRITORY, ("PE",))
    ]


def test_ner_entities_are_checked_against_the_gazetteer():
    text = "Certains migrants ont déclaré à la chaîne Canal N qu'ils venaient du Honduras."
    ents = [
        _Ent("Canal N", "LOC", text.index("Canal N")),
        _Ent("Honduras", "LOC", text.index("Honduras")),
    ]
    found = find_mentions(text, FakeIndex(), nlp=lambda _: _Doc(ents))
    assert [(m.text, m.source) for m in found] == [("Honduras", "ner")]


def test_english_labels_place_and_veto_as_the_french_ones():
    """OntoNotes labels (English model): GPE and FAC are places; PERSON and NORP veto a
    gazetteer reading of their words; numbers and dates veto nothing."""

    text = "Tacna Lima said 5200 troops went to Honduras and Santa Lucia on Monday."
    ents = [
        _Ent("Tacna Lima", "PERSON", 0),  # a person named like two towns
        _Ent("5200", "CARDINAL", text.index("5200")),
        _Ent("Honduras", "GPE", text.index("Honduras")),
        _Ent("Santa Lucia on Monday", "DATE", text.index("Santa Lucia")),  # a wrong date span
    ]
    found = find_mentions(text, FakeIndex(), lang="en", nlp=lambda _: _Doc(ents))
    assert [(m.text, m.source) for m in found] == [
        ("Honduras", "ner"),
        ("Santa Lucia", "gazetteer"),
    ]


def test_an_entity_across_a_sentence_end_is_no_veto():
    """A model's span over a sentence end ("Fuerzas Armadas en Tacna. Unos", seen from the
    Spanish model) is an error: it neither names a place nor hides the places in it."""

    text = "Desplegó a las Fuerzas Armadas en Tacna. Unos soldados llegaron."
    span = "Fuerzas Armadas en Tacna. Unos"
    found = find_mentions(text, FakeIndex(), lang="es", nlp=lambda _: _Doc([_Ent(span, "ORG", 15)]))
    assert [m.text for m in found] == ["Tacna"]
    text = "Habló en la Universidad de Tacna. Unos soldados llegaron."
    whole = "Universidad de Tacna"  # a well-formed organisation still vetoes
    ent = _Ent(whole, "ORG", text.index(whole))
    found = find_mentions(text, FakeIndex(), lang="es", nlp=lambda _: _Doc([ent]))
    assert found == []


class NewsIndex(FakeIndex):
    places = {
        **FakeIndex.places,
        "quirino": FakePlace("Quirino", "admin1"),
        "august": FakePlace("August", "city", 6000),
        "southern": FakePlace("Southern", "admin1"),
        "la paz": FakePlace("La Paz", "city", 800000),
        "sanchez": FakePlace("Sánchez", "city", 25000),
        "sanchez carrion": FakePlace("Sánchez Carrión", "admin2"),
        "frontera comalapa": FakePlace("Frontera Comalapa", "city", 20000),
    }


def test_titles_months_and_compass_words_are_no_places_and_a_name_after_a_title_is_a_person():
    text = "In August, Governor Quirino said Southern troops went to Lima."
    assert [m.text for m in find_mentions(text, NewsIndex(), lang="en")] == ["Lima"]


def test_a_dateline_is_found_where_it_is():
    from geo.extract.mentions import dateline_spans

    text = "LA PAZ.- El gobierno desplegó 1.000 soldados en Tacna.\nLIMA (AFP) - Otro texto."
    assert [text[s:e].split()[0] for s, e in dateline_spans(text)] == ["LA", "LIMA"]
    assert "Tacna" in [m.text for m in find_mentions(text, NewsIndex(), lang="es")]


def test_a_name_cut_by_the_model_is_taken_whole():
    text = "en la provincia de Sánchez Carrión del departamento."
    ents = [_Ent("Sánchez", "LOC", text.index("Sánchez"))]
    found = find_mentions(text, NewsIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Sánchez Carrión"]


def test_a_border_word_inside_a_town_name_is_the_name():
    text = "Los militares llegaron a Frontera Comalapa y a la frontera sur."
    found = find_mentions(text, NewsIndex(), lang="es")
    assert [(m.text, m.kind) for m in found] == [
        ("Frontera Comalapa", PLACE),
        ("la frontera sur", BORDER),
    ]


class BigIndex(FakeIndex):
    places = {
        **FakeIndex.places,
        "guayas": FakePlace("Guayas", "admin1"),
        "culiacan": FakePlace("Culiacán", "city", 800000),
        "mazatlan": FakePlace("Mazatlán", "city", 440000),
        "sinaloa": FakePlace("Sinaloa", "admin1"),
        "noboa": FakePlace("Noboa", "city", 7000),
    }

    def lookup(self, name):
        place = self.places.get(self._key(name))
        return [(place, True)] if place else []


def test_places_the_model_mislabels_are_kept_when_the_gazetteer_is_sure():
    """The English model on Spanish names: "Culiacán and Mazatlán" as ORG, "Guayas" as
    PRODUCT. A longer organisation name ("Sinaloa Cartel") keeps its place word."""
    text = "Soldiers will focus on Culiacán and Mazatlán, in Guayas and against the Sinaloa Cartel."
    ents = [
        _Ent("Culiacán and Mazatlán", "ORG", text.index("Culiacán")),
        _Ent("Guayas", "PRODUCT", text.index("Guayas")),
        _Ent("Sinaloa Cartel", "ORG", text.index("Sinaloa")),
    ]
    found = find_mentions(text, BigIndex(), lang="en", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Culiacán", "Mazatlán", "Guayas"]


def test_a_name_the_text_gives_a_person_is_a_person_everywhere():
    text = "El presidente Daniel Noboa viajó. Noboa dijo que los militares irán a Lima."
    ents = [_Ent("Daniel Noboa", "PER", text.index("Daniel")), _Ent("Noboa", "LOC", 34)]
    found = find_mentions(text, BigIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Lima"]


def test_a_common_noun_the_model_took_for_a_place_is_left_out():
    text = "La misión es clara, dijo en Lima."
    ents = [_Ent("La misión", "LOC", 0), _Ent("Lima", "LOC", text.index("Lima"))]

    class MissionIndex(BigIndex):
        places = {**BigIndex.places, "la mision": FakePlace("La Misión", "city", 9000)}

    found = find_mentions(text, MissionIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Lima"]


def test_a_capitalised_article_stays_with_the_name_and_a_function_word_is_no_place():
    text = "Hier, las tropas llegaron a Las Manos y a La Mar."

    class WordIndex(BigIndex):
        places = {
            **BigIndex.places,
            "hier": FakePlace("Heer", "city", 9000),
            "manos": FakePlace("Manaus", "city", 2000000),
        }

    ents = [_Ent("Hier", "LOC", 0), _Ent("Las Manos", "LOC", text.index("Las Manos"))]
    found = find_mentions(text, WordIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == []


@pytest.mark.parametrize(
    "text, border",
    [
        (
            "Los soldados vigilan los pasos fronterizos que tiene el país con Chili, cerca de",
            "fronterizos que tiene el país con Chili",
        ),
        ("fueron movilizados en los límites con Chili, según", "límites con Chili"),
    ],
)
def test_a_border_phrase_may_name_its_neighbour_a_few_words_on(text, border):
    borders = [m for m in find_mentions(text, FakeIndex(), nlp=None) if m.kind == BORDER]
    assert [(m.text, m.country_codes) for m in borders] == [(border, ("CL",))]


def test_limits_without_a_neighbour_are_no_border():
    text = "Se fijaron los límites de velocidad en la ruta."
    assert not [m for m in find_mentions(text, FakeIndex(), nlp=None) if m.kind == BORDER]


def test_a_hyphenated_name_keeps_its_particles():
    from geo.extract.mentions import _name_shaped

    assert _name_shaped("Port-au-Prince") and _name_shaped("Saint-Pierre-des-Corps")
    assert not _name_shaped("La misión")


def test_a_surname_the_text_gave_a_person_is_not_a_region():
    from geo.extract.document import Extractor

    text = (
        "Troops arrived after talks with Defense Secretary Salvador Cienfuegos Zepeda. On "
        "Monday, Cienfuegos declared that the Army was ready."
    )
    doc = Extractor()(text, lang="en", published="2017-02-01")
    assert "Cienfuegos" not in {p.name for p in doc.places}


class SiteIndex(BigIndex):
    places = {
        **BigIndex.places,
        "santander": FakePlace("Santander", "admin1"),
        "tayacaja": FakePlace("Tayacaja", "admin2", 0, "supplement"),
        "provincia de tayacaja": FakePlace("Tayacaja", "admin2", 0, "supplement"),
        "magdalena": FakePlace("Magdalena", "admin1"),
        "nicaragua": FakePlace("Nicaragua", "country"),
    }


def test_a_site_the_gazetteer_lacks_gives_the_town_it_is_in():
    """A site: "aeropuerto de Santander" -> Santander; an institution ("Ejército de Nicaragua") or a
    site named after something ("Palacio de la Magdalena") gives no place."""
    text = (
        "Llegaron al aeropuerto de Santander y al Palacio de la Magdalena, dijo el Ejército "
        "de Nicaragua."
    )
    ents = [
        _Ent(name, "LOC", text.index(name))
        for name in ("aeropuerto de Santander", "Palacio de la Magdalena", "Ejército de Nicaragua")
    ]
    found = find_mentions(text, SiteIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Santander"]


def test_a_region_noun_is_stripped_though_the_gazetteer_holds_it_with_the_name():
    text = "Rige en la provincia de Tayacaja, en Huancavelica."
    ents = [_Ent("provincia de Tayacaja", "LOC", text.index("provincia"))]
    found = find_mentions(text, SiteIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Tayacaja"]


def test_a_small_town_is_not_read_as_the_big_town_its_name_starts_with():
    class SanIndex(BigIndex):
        places = {
            **BigIndex.places,
            "san": FakePlace("San", "city", 103000),
            "san ysidro": FakePlace("San Ysidro", "city", 2000),
        }

    text = "Los soldados llegaron a San Ysidro y a San."
    found = find_mentions(text, SanIndex(), lang="es", nlp=None)
    assert [m.text for m in found] == ["San"]
    assert found[0].start == text.rindex("San")


def test_a_country_by_its_name_in_the_text_language_overrules_the_model():
    """A country by another name: "España" (an alternate name of Spain) as a person is the
    country; as a nationality ("Argentine") or a two-word saint's name it stays the model's."""

    class ExonymIndex(BigIndex):
        exonyms = {
            "espana": FakePlace("Spain", "country"),
            "argentine": FakePlace("Argentina", "country"),
            "santa lucia": FakePlace("Saint Lucia", "country"),
        }

        def lookup(self, name):
            place = self.exonyms.get(self._key(name))
            return [(place, False)] if place else super().lookup(name)

        def has_name(self, name):
            return self._key(name) in self.exonyms or super().has_name(name)

    text = "Viajará a España con Santa Lucía y el Argentine."
    ents = [
        _Ent("España", "PER", text.index("España")),
        _Ent("Santa Lucía", "PER", text.index("Santa")),
        _Ent("Argentine", "NORP", text.index("Argentine")),
    ]
    found = find_mentions(text, ExonymIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["España"]


def test_a_headline_in_capitals_run_into_the_dateline_is_no_veto():
    """The model runs a headline into the dateline after it: "SOLDADOS ISRAELIES Beirut" as
    ORG, "RECURSOS Tacna" as LOC; an acronym before a name stays ("FC Lima")."""
    text = (
        "RETIRADA DE SOLDADOS Lima (EFE).- Texto.\nMAS RECURSOS Tacna (EFE).- Otro.\n"
        "Ganó el FC Tacna."
    )
    ents = [
        _Ent("SOLDADOS Lima", "ORG", text.index("SOLDADOS")),
        _Ent("RECURSOS Tacna", "LOC", text.index("RECURSOS")),
        _Ent("FC Tacna", "ORG", text.index("FC Tacna")),
    ]
    found = find_mentions(text, BigIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Lima", "Tacna"]


def test_a_dateline_town_counts_though_it_opens_a_sentence_or_follows_a_byline():
    """A dateline town, "Lima, 23 may (EFE)", after a headline or a byline: the model and the
    sentence-start rule miss it; the day and the agency after it say place."""
    text = "Fin del texto. Lima, 23 may (EFE). - Otro texto. Por Juan Pérez Tacna (AFP) - Dijo."
    ents = [
        _Ent("Lima, 23 may", "MISC", text.index("Lima")),
        _Ent("Juan Pérez Tacna", "PER", text.index("Juan")),
    ]
    found = find_mentions(text, BigIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Lima", "Tacna"]


@dataclass(frozen=True)
class FakeTown:
    name: str
    feature: str
    population: int = 0
    country_code: str = ""
    source: str = "geonames"


class ListIndex(BigIndex):
    places = {
        **BigIndex.places,
        "malleco": FakeTown("Malleco", "admin2", 180000, "CL"),
        "cautin": FakeTown("Cautín", "admin2", 700000, "CL"),
        "trinidad y tobago": FakeTown("Trinidad y Tobago", "country", 1_400_000, "TT"),
        "putumayo": FakeTown("Putumayo", "admin2", 9000, "PE"),
        "mariscal ramon castilla": FakeTown("Mariscal Ramón Castilla", "admin2", 25000, "PE"),
        "colchane": FakeTown("Colchane", "city", 1700, "CL"),
        "reconquista": FakeTown("Reconquista", "city", 90000, "AR"),
        "rafaela": FakeTown("Rafaela", "city", 90000, "AR"),
        "santa fe": FakeTown("Santa Fe", "city", 400000, "AR"),
        "ramon": FakeTown("Ramón", "city", 9000, "PE"),
        "gracias a dios": FakeTown("Gracias a Dios", "admin1", 90000, "HN"),
        "juan": FakeTown("Juan", "city", 9000, "PE"),
    }


def _found(text: str, ents: list, lang: str = "es", **kwargs) -> list[str]:
    found = find_mentions(text, ListIndex(), lang=lang, nlp=lambda _: _Doc(ents), **kwargs)
    return [m.text for m in found]


def test_one_model_place_that_lists_two_is_two_places_and_a_country_named_so_is_one():
    text = "Rige en las provincias de Malleco y Cautín y llegó a Trinidad y Tobago."
    ents = [
        _Ent("Malleco y Cautín", "LOC", text.index("Malleco")),
        _Ent("Trinidad y Tobago", "LOC", text.index("Trinidad")),
    ]
    assert _found(text, ents) == ["Malleco", "Cautín", "Trinidad y Tobago"]


def test_a_division_a_kind_noun_lists_is_a_place_whatever_the_model_calls_it():
    text = "Rige en las provincias de Putumayo y Mariscal Ramón Castilla. Ramón Castilla habló."
    ents = [
        _Ent("Putumayo", "LOC", text.index("Putumayo")),
        _Ent("Mariscal Ramón Castilla", "PER", text.index("Mariscal")),
        _Ent("Ramón Castilla", "PER", text.index("Ramón Castilla habló")),  # the man himself
    ]
    assert _found(text, ents) == ["Putumayo", "Mariscal Ramón Castilla"]


def test_a_town_a_town_noun_names_is_a_place_whatever_the_model_calls_it():
    text = "Hubo ejercicios en las ciudades de Rafaela y Reconquista. Rafaela ganó el partido."
    ents = [
        _Ent("Rafaela", "ORG", text.index("Rafaela")),
        _Ent("Reconquista", "ORG", text.index("Reconquista")),
        _Ent("Rafaela", "ORG", text.index("Rafaela ganó")),  # the club, named on its own
    ]
    assert _found(text, ents) == ["Rafaela", "Reconquista"]


def test_a_town_noun_vouches_only_for_towns():
    text = "Llegó a la ciudad de Putumayo."  # a province of that name, no town: the model says
    ents = [_Ent("Putumayo", "ORG", text.index("Putumayo"))]
    assert _found(text, ents) == []


def test_a_region_name_the_model_split_in_two_is_the_region():
    text = "Operan en El Paraíso y Gracias a Dios. Juan a Dios rezó."
    ents = [
        _Ent("Gracias", "PERSON", text.index("Gracias")),
        _Ent("Dios", "ORG", text.index("Dios")),
        _Ent("Juan", "PERSON", text.index("Juan")),  # one entity: no split name
    ]
    assert _found(text, ents, lang="en") == ["Gracias a Dios"]


def test_a_crossing_named_after_its_town_is_the_town():
    text = "Los militares vigilan el Paso Colchane, al este de Iquique."
    ents = [_Ent("Paso Colchane", "LOC", text.index("Paso"))]
    assert _found(text, ents, countries=["CL"]) == ["Colchane"]


def test_a_town_of_the_article_s_country_after_a_preposition_is_a_place_not_a_misc():
    text = "Llegarán 50 a Rafaela y 50 a Reconquista. La Reconquista fue una época."
    ents = [
        _Ent("Rafaela", "LOC", text.index("Rafaela")),
        _Ent("Reconquista", "MISC", text.index("Reconquista")),
        _Ent("Reconquista", "MISC", text.index("Reconquista fue")),
    ]
    assert _found(text, ents, countries=["AR"]) == ["Rafaela", "Reconquista"]
    assert _found(text, ents, countries=["MX"]) == ["Rafaela"]  # no town of the article's


def test_an_article_naming_no_country_takes_it_from_the_model_s_places():
    text = "Llegarán 300 a Santa Fe, 50 a Rafaela y 50 a Reconquista."
    ents = [
        _Ent("Santa Fe", "LOC", text.index("Santa Fe")),
        _Ent("Rafaela", "LOC", text.index("Rafaela")),
        _Ent("Reconquista", "MISC", text.index("Reconquista")),
    ]
    assert _found(text, ents) == ["Santa Fe", "Rafaela", "Reconquista"]
    # one place of the model's is no evidence of the article's country
    text = "Llegarán 50 a Rafaela y 50 a Reconquista."
    ents = [
        _Ent("Rafaela", "LOC", text.index("Rafaela")),
        _Ent("Reconquista", "MISC", text.index("Reconquista")),
    ]
    assert _found(text, ents) == ["Rafaela"]


def test_a_french_kind_noun_before_a_vowel_is_stripped():
    text = "Les soldats sont déployés dans l'État d'Apure et la région d'Arica."

    class VowelIndex(ListIndex):
        places = {
            **ListIndex.places,
            "apure": FakeTown("Apure", "admin1", 500000, "VE"),
            "arica": FakeTown("Arica", "city", 200000, "CL"),
        }

    ents = [
        _Ent("État d'Apure", "LOC", text.index("État")),
        _Ent("région d'Arica", "LOC", text.index("région")),
    ]
    found = find_mentions(text, VowelIndex(), lang="fr", nlp=lambda _: _Doc(ents))
    assert [m.text for m in found] == ["Apure", "Arica"]


class _VillageIndex(FakeIndex):
    places = {
        **FakeIndex.places,
        "urra": FakePlace("Urra", "city", 90000),
        "sebin": FakePlace("Sebin", "city", 90000),
    }


@pytest.mark.parametrize(
    "text",
    [
        "las Unidades de Reacción Rápida (Urra) estarán en Tacna",
        "el Servicio Bolivariano de Inteligencia Nacional (Sebin) llegó a Tacna",
    ],
)
def test_a_bracketed_acronym_of_the_name_before_it_is_no_place(text):
    found = [m.text for m in find_mentions(text, _VillageIndex(), nlp=None)]
    assert found == ["Tacna"]


def test_a_bracketed_place_that_is_no_acronym_stays():
    text = "llegaron a Lima (Urra) y a Tacna (Honduras)"
    found = [m.text for m in find_mentions(text, _VillageIndex(), nlp=None)]
    assert found == ["Lima", "Urra", "Tacna", "Honduras"]


def test_a_name_in_brackets_after_a_person_is_the_person_s_not_a_place():
    text = "Amonestación a Palca (Tacna) por juego peligroso; el partido se jugó en Lima (Tacna)."
    ents = [
        _Ent("Palca", "PER", text.index("Palca")),  # a player who shares a village's name
        _Ent("Tacna", "LOC", text.index("Tacna")),
        _Ent("Lima", "LOC", text.index("Lima")),
        _Ent("Tacna", "LOC", text.rindex("Tacna")),
    ]
    assert _found(text, ents) == ["Lima", "Tacna"]
    found = find_mentions(text, ListIndex(), lang="es", nlp=lambda _: _Doc(ents))
    assert found[-1].start == text.rindex("Tacna")
    text = "Ganó Palca (Honduras)."  # a country in a person's brackets is their nationality
    ents = [_Ent("Palca", "PER", 5), _Ent("Honduras", "LOC", text.index("Honduras"))]
    assert _found(text, ents) == ["Honduras"]


@dataclass(frozen=True)
class FakeSpot:
    name: str
    feature: str
    population: int
    country_code: str
    latitude: float
    longitude: float


class RosterIndex(ListIndex):
    places = {
        **ListIndex.places,
        "palca": FakeSpot("Palca", "city", 189, "PE", -17.78, -69.96),
        "tarata": FakeSpot("Tarata", "city", 3000, "PE", -17.47, -70.03),
        "ite": FakeSpot("Ite", "city", 2000, "PE", -17.86, -70.96),
        "tacna": FakeSpot("Tacna", "city", 280000, "PE", -18.01, -70.25),
        "lima": FakeSpot("Lima", "city", 7700000, "PE", -12.05, -77.04),
        "juan": FakeSpot("Juan", "city", 9000, "PE", -5.0, -80.0),
        "ramon": FakeSpot("Ramón", "city", 9000, "PE", -6.0, -79.0),
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # people with their teams: the names are far from their brackets' towns
        ("Sancionó a Juan (Tacna), Ramón y Palca (Lima) y Tarata (Lima).", []),
        ("Ganaron Juan (Honduras), Ramón (Tacna) y Palca (Lima).", ["Honduras"]),  # nationality
        # places with the place they are in
        (
            "Rige en Palca (Tacna), Ite (Tacna) y Tarata (Tacna).",
            ["Palca", "Tacna", "Ite", "Tacna", "Tarata", "Tacna"],
        ),
        # two items make no roster
        (
            "Vinieron Juan (Tacna) y Ramón (Lima) a Palca.",
            ["Juan", "Tacna", "Ramón", "Lima", "Palca"],
        ),
    ],
)
def test_a_roster_of_names_and_their_teams_holds_no_place(text, found):
    got = find_mentions(text, RosterIndex(), lang="es", nlp=None, countries=("PE",))
    assert [m.text for m in got] == found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Noboa dijo que la medida rige desde hoy.", "es"),
        ("Noboa, por su parte, afirmó que la medida rige.", "es"),
        ("La medida rige desde hoy, agregó Noboa.", "es"),
        ("Según Noboa, la medida rige desde hoy.", "es"),
        ("Noboa said the measure was in force.", "en"),
        ("Selon Noboa, la mesure est en vigueur.", "fr"),
    ],
)
def test_a_name_that_speaks_is_no_place(text, lang):
    ents = [_Ent("Noboa", "LOC", text.index("Noboa"))]  # a village too, in the gazetteer
    assert _found(text, ents, lang=lang) == []


def test_a_country_or_region_that_speaks_and_a_town_of_a_body_that_speaks_stay_places():
    text = "Sinaloa dijo que sí. La policía de Tacna aseguró que no. En Tacna, Palca dijo algo."
    ents = [
        _Ent("Sinaloa", "LOC", text.index("Sinaloa")),
        _Ent("Tacna", "LOC", text.index("Tacna")),
        _Ent("Tacna", "LOC", text.rindex("Tacna")),
        _Ent("Palca", "LOC", text.index("Palca")),
    ]
    # a region speaks for its government; "de Tacna" is the police's; "En Tacna, Palca dijo":
    # the aside is a name, so only Palca speaks
    assert _found(text, ents) == ["Sinaloa", "Tacna", "Tacna"]


class ArticleIndex(ListIndex):
    places = {
        **ListIndex.places,
        "valencia": FakeTown("Valencia", "city", 800000, "ES"),
        "constitucion": FakeTown("Constitución", "city", 46000, "CL"),
        "peru": FakeTown("Perú", "country", 33_000_000, "PE"),
        "el paso": FakeTown("El Paso", "city", 680000, "US"),
        "paso": FakeTown("Paso", "city", 9000, "PH"),
        "santillana del mar": FakeTown("Santillana del Mar", "city", 4000, "ES"),
        "pradillo": FakeTown("Pradillo", "city", 6000, "ES"),
        "libano": FakeTown("Líbano", "city", 20000, "CO"),
        "frontera": FakeTown("Frontera", "city", 70000, "MX"),
        "jerez de la frontera": FakeTown("Jerez de la Frontera", "city", 210000, "ES"),
    }
    alternates = {
        "libano": FakeTown("Lebanon", "country", 6_000_000, "LB"),  # Spanish "el Líbano"
        "la constitucion": FakeTown("Constitución", "city", 2700, "MX"),  # a hamlet's
    }

    def lookup(self, name):
        extra = self.alternates.get(self._key(name))
        return super().lookup(name) + ([(extra, False)] if extra else [])

    def has_name(self, name):
        return super().has_name(name) or self._key(name) in self.alternates


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ayer el Valencia ganó y la Constitución fue reformada.", []),  # a club, a law
        ("Los militares llegaron al Perú y a Valencia.", ["Perú", "Valencia"]),
        ("Llegaron desde el Paso.", ["Paso"]),  # the article may be El Paso's own
        ("Viven en Santillana del Mar.", ["Santillana del Mar"]),
        ("Hubo un acto en la plaza del Pradillo.", ["Pradillo"]),
        ("Se retiraron del Líbano.", ["Líbano"]),  # a country's other name may take one
        ("Nació en Jerez de la Frontera.", ["Jerez de la Frontera"]),  # inside a longer name
    ],
)
def test_a_town_after_an_article_towns_never_take_is_something_else(text, found):
    names = ["Valencia", "Constitución", "Perú", "Santillana del Mar", "Pradillo", "Líbano"]
    names += ["Jerez de la Frontera"]
    ents = [_Ent(n, "LOC", text.index(n)) for n in names if n in text]
    got = [m.text for m in find_mentions(text, ArticleIndex(), lang="es", nlp=lambda _: _Doc(ents))]
    assert got == found


def test_a_clause_the_model_took_for_a_name_keeps_its_countries_regions_and_cities():
    text = "Se calcula que en Honduras y en Sinaloa el plan rige. Lo dijo Palca ayer."
    ents = [
        _Ent("Se calcula que en Honduras y en Sinaloa", "MISC", 0),  # a clause, not a name
        _Ent("Lo dijo Palca", "PER", text.index("Lo dijo")),
    ]
    # a country and a region stay places; a village in such a span stays vetoed
    assert _found(text, ents) == ["Honduras", "Sinaloa"]
    text = "Ganó la Copa Honduras."
    ents = [_Ent("Copa Honduras", "MISC", text.index("Copa"))]  # a name: it keeps its veto
    assert _found(text, ents) == []
