"""Deployment-type triggers and actors per sentence (FR, ES, EN)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.extract.event_types import best_type, classify_sentence, find_actors
from geo.extract.sentences import split_sentences
from geo.ingest.articles import read_article_file
from geo.table.schema import EVENT_TYPES

SEEDS = Path(__file__).resolve().parent.parent / "data" / "articles"


def _types(sentence: str, lang: str = "fr") -> set[str]:
    return {h.event_type for h in classify_sentence(sentence, lang) if h.score >= 0.5}


@pytest.mark.parametrize(
    ("sentence", "lang", "event_type"),
    [
        ("a annoncé le déploiement des forces armées", "fr", "troop_deployment"),
        ("nous allons déployer plus de 5.200 soldats à la frontière", "fr", "troop_deployment"),
        ("ce qui permet l'intervention de l'armée dans la surveillance", "fr", "troop_deployment"),
        (
            "il avait ordonné l'envoi de 4.000 membres de la Garde nationale",
            "fr",
            "troop_deployment",
        ),
        ("Environ 2.100 ont été déployés.", "fr", "troop_deployment"),
        ("El gobierno anunció el despliegue de tropas", "es", "troop_deployment"),
        ("The Pentagon will deploy 5,200 troops", "en", "troop_deployment"),
        ("a autorisé l'entrée de militaires armés des États-Unis", "fr", "foreign_troops"),
        (
            "la chambre avait autorisé l'entrée de 600 membres des forces armées américaines",
            "fr",
            "foreign_troops",
        ),
        ("il a été annoncé que l'armée américaine serait présente", "fr", "foreign_troops"),
        ("1.500 soldats américains seraient déployés sur le sol péruvien", "fr", "foreign_troops"),
        (
            "En autorisant l'armée américaine à entrer sur ses propres frontières",
            "fr",
            "foreign_troops",
        ),
        ("la présence de l'armée américaine", "fr", "foreign_troops"),
        ("la llegada de tropas estadounidenses", "es", "foreign_troops"),
        ("a décrété l'état d'urgence le long de la frontière", "fr", "state_of_emergency"),
        ("declaró el estado de emergencia", "es", "state_of_emergency"),
        ("declared a state of emergency", "en", "state_of_emergency"),
        ("afin de renforcer les contrôles douaniers", "fr", "border_control"),
        (
            "provoquant la fermeture d'une partie de l'autoroute panaméricaine",
            "fr",
            "border_control",
        ),
        ("la fermeture de la frontière", "fr", "border_control"),
        ("la police leur avait interdit l'accès", "fr", "border_control"),
        ("el cierre de frontera con Chile", "es", "border_control"),
        ("a border closure was announced", "en", "border_control"),
        ("mener une formation avec les forces armées", "fr", "military_exercise"),
        ("à des fins d'entraînement, de manœuvres conjointes", "fr", "military_exercise"),
        ("un exercice militaire au large", "fr", "military_exercise"),
        ("un ejercicio militar conjunto", "es", "military_exercise"),
        ("a joint exercise with the US Navy", "en", "military_exercise"),
        ("ont convenu de coopérer sur les questions de sécurité", "fr", "security_agreement"),
        ("dans le cadre de la coopération de l'armée de l'air", "fr", "security_agreement"),
        ("un accord de sécurité a été signé", "fr", "security_agreement"),
        ("firmaron un convenio de seguridad", "es", "security_agreement"),
        ("une caravane de migrants centraméricains", "fr", "migration"),
        ("1.743 demandes d'asile", "fr", "migration"),
        ("la caravana de migrantes", "es", "migration"),
        ("asylum seekers at the border", "en", "migration"),
    ],
)
def test_triggers(sentence: str, lang: str, event_type: str) -> None:
    assert event_type in _types(sentence, lang)
    for hit in classify_sentence(sentence, lang):
        assert sentence[hit.start : hit.end] == hit.trigger
        assert hit.event_type in EVENT_TYPES


def test_us_troops_at_their_own_border_are_not_foreign() -> None:
    sentence = (
        "Plus de 5.000 militaires américains vont être déployés à la frontière mexicaine pour "
        "empêcher l'entrée sur le territoire d'une caravane de migrants"
    )
    types = _types(sentence)
    assert "foreign_troops" not in types and {"troop_deployment", "migration"} <= types


def test_neutral_sentences_have_no_type() -> None:
    assert classify_sentence("Le journal péruvien La Razón fait état de réactions.") == []
    assert best_type([]) == "other"


def test_deploy_without_force_is_weak() -> None:
    (hit,) = classify_sentence("le déploiement de la 5G dans les villes")
    assert hit.score < 0.5


def test_negated_and_hypothetical_flags() -> None:
    (hit,) = [h for h in classify_sentence("Le gouvernement n'a pas déployé de soldats.")]
    assert hit.negated
    hits = classify_sentence("il demanderait un appui accru des forces armées")
    assert any(h.hypothetical for h in hits)


def test_best_type() -> None:
    hits = classify_sentence("Le gouvernement a décrété l'état d'urgence.")
    assert best_type(hits) == "state_of_emergency"


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("Plus de 5.000 militaires américains", "fr", [("militaires", "military", "américains")]),
        (
            "l'entrée de militaires armés des États-Unis sur le territoire",
            "fr",
            [("militaires", "military", "des États-Unis")],
        ),
        (
            "une formation avec les forces armées et la police nationale péruviennes",
            "fr",
            [
                ("forces armées", "armed forces", "péruviennes"),
                ("police nationale", "police", "péruviennes"),
            ],
        ),
        (
            "4.000 membres de la Garde nationale",
            "fr",
            [("Garde nationale", "national guard", None)],
        ),
        (
            "la coopération de l'armée de l'air péruvienne avec l'armée américaine",
            "fr",
            [("armée de l'air", "air force", "péruvienne"), ("armée", "army", "américaine")],
        ),
        (
            "600 membres des forces armées américaines",
            "fr",
            [("forces armées", "armed forces", "américaines")],
        ),
        (
            "tropas estadounidenses y la Guardia Nacional",
            "es",
            [
                ("tropas", "military", "estadounidenses"),
                ("Guardia Nacional", "national guard", None),
            ],
        ),
        (
            "5,200 U.S. troops and the National Guard",
            "en",
            [("troops", "military", "U.S."), ("National Guard", "national guard", None)],
        ),
        ("le ministre de la Défense", "fr", []),
    ],
)
def test_actors(sentence: str, lang: str, expected: list[tuple[str, str, str | None]]) -> None:
    actors = find_actors(sentence, lang)
    assert [(a.text, a.force, a.nationality_text) for a in actors] == expected
    for actor in actors:
        assert sentence[actor.start : actor.end] == actor.text
        if actor.nationality_text is not None:
            assert actor.nationality_start is not None and actor.nationality_end is not None
            assert sentence[actor.nationality_start : actor.nationality_end] == (
                actor.nationality_text
            )


def _seed_types(prefix: str) -> list[str]:
    text = read_article_file(next(SEEDS.glob(prefix + "_*.txt"))).text
    return [best_type(classify_sentence(text[s:e])) for s, e in split_sentences(text)]


def test_seed_sentences() -> None:
    types_000 = _seed_types("000")
    assert "state_of_emergency" in {
        h.event_type
        for h in classify_sentence(
            "Le gouvernement péruvien a décrété l'état d'urgence le long de la frontière sud"
        )
    }
    assert {"migration", "border_control", "troop_deployment"} <= set(types_000)
    types_001 = _seed_types("001")
    assert types_001[0] == "troop_deployment"
    assert "migration" in types_001
    types_002 = _seed_types("002")
    assert types_002[1] == "foreign_troops"  # after the "Lima." dateline
    assert {"military_exercise", "security_agreement", "foreign_troops"} <= set(types_002)


@given(st.text(), st.sampled_from(["fr", "es", "en", "pt"]))
def test_never_raises_and_offsets_in_bounds(sentence: str, lang: str) -> None:
    for hit in classify_sentence(sentence, lang):
        assert 0 <= hit.start < hit.end <= len(sentence)
        assert hit.event_type in EVENT_TYPES
    for actor in find_actors(sentence, lang):
        assert 0 <= actor.start < actor.end <= len(sentence)


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("Unos 300 soldados llegaron a Palca el 20 de octubre.", "es"),
        ("Quelque 300 soldats péruviens sont arrivés à Palca.", "fr"),
        ("About 300 troops arrived in El Paso on Tuesday.", "en"),
    ],
)
def test_troops_arriving_is_a_deployment(sentence, lang):
    assert any(
        h.event_type == "troop_deployment" and h.score >= 0.8
        for h in classify_sentence(sentence, lang)
    )


def test_migrants_arriving_is_not_a_deployment():
    sentence = (
        "des dizaines de migrants étaient arrivés à la frontière à pied, mais la police "
        "leur avait interdit l'accès"
    )
    assert not [
        h
        for h in classify_sentence(sentence, "fr")
        if h.event_type == "troop_deployment" and h.score >= 0.65
    ]


@pytest.mark.parametrize(
    "sentence, lang, event_type",
    [
        ("La gendarmería nacional comenzó a patrullar las calles de Rosario.", "es",
         "troop_deployment"),
        ("Además, 300 efectivos arribarán a Santa Fe y 50 a Rafaela.", "es", "troop_deployment"),
        ("Police and soldiers on Wednesday patrolled the streets of two cities.", "en",
         "troop_deployment"),
        ("Des militaires patrouillent désormais dans les rues de Guayaquil.", "fr",
         "troop_deployment"),
        ("Rige el toque de queda en las provincias de Guayas y Los Ríos.", "es",
         "state_of_emergency"),
        ("A nightly curfew has taken effect in the provinces of Guayas and Esmeraldas.", "en",
         "state_of_emergency"),
        ("El gobierno selló 23 municipios de la frontera sur con 6 mil 300 agentes.", "es",
         "border_control"),
        ("The troops support border security in the New Mexico National Defense Area.", "en",
         "border_control"),
    ],
)  # fmt: skip
def test_everyday_words_of_deployment_news(sentence, lang, event_type):
    hits = [h for h in classify_sentence(sentence, lang) if h.score >= 0.65]
    assert event_type in {h.event_type for h in hits}


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("Los turistas llegaron a Lima el lunes.", "es"),
        ("The delegation arrived in Quito on Monday.", "en"),
        ("Les opérations de la banque ont repris.", "fr"),
    ],
)
def test_movement_words_need_a_force(sentence, lang):
    hits = classify_sentence(sentence, lang)
    assert not [h for h in hits if h.event_type == "troop_deployment" and h.score >= 0.65]


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("La Guardia Nacional desplegó 3 mil elementos para inhibir el tráfico de drogas.", "es"),
        ("The Guard sent 2,000 troops to stop the flow of migrants.", "en"),
        ("L'armée envoie 1 500 soldats pour endiguer le flux de migrants.", "fr"),
    ],
)
def test_a_force_sent_to_stop_crossings_controls_a_border(sentence, lang):
    hits = [h for h in classify_sentence(sentence, lang) if h.score >= 0.65]
    assert {"border_control", "troop_deployment"} <= {h.event_type for h in hits}


@pytest.mark.parametrize(
    "sentence, lang",
    [
        ("Fueron instalados Puestos de Mando Unificado en sectores fronterizos.", "es"),
        ("The army set up three command posts along the border.", "en"),
        ("L'armée a installé deux postes avancés près de la frontière.", "fr"),
    ],
)
def test_posts_and_bases_set_up_are_a_deployment(sentence, lang):
    hits = [h for h in classify_sentence(sentence, lang) if h.score >= 0.65]
    assert "troop_deployment" in {h.event_type for h in hits}


@pytest.mark.parametrize(
    "sentence",
    [
        "La policía fue enviada a reforzar la vigilancia en la frontera con Belice.",
        "Las autoridades publicaron la lista de los municipios cerrados por la emergencia.",
        "Los pasos fronterizos sellados quedan bajo custodia de la Armada.",
        "Los agentes instalaron módulos de inspección en el puerto de Ocotal.",
        "La Prefectura patrulla el río para frenar cruces ilícitos de mercadería.",
    ],
)
def test_spanish_control_measures_at_a_border(sentence):
    hits = classify_sentence(sentence, "es")
    assert any(h.event_type == "border_control" and h.score >= 0.65 for h in hits), hits


def test_personal_militar_is_a_force():
    assert [a.force for a in find_actors("Llegó personal militar a la zona.", "es")] == ["military"]
