"""Sentence spans: quotes, abbreviations, numbers, paragraphs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geo.extract.sentences import sentence_at, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_basic_split_and_trim() -> None:
    assert _texts("  Une phrase. Une autre !  Et une question ? ") == [
        "Une phrase.",
        "Une autre !",
        "Et une question ?",
    ]


def test_abbreviations_do_not_split() -> None:
    text = "M. Dupont est arrivé à St. Louis avec le Dr. Martin. Il repart demain."
    assert _texts(text) == [
        "M. Dupont est arrivé à St. Louis avec le Dr. Martin.",
        "Il repart demain.",
    ]


def test_initials_do_not_split() -> None:
    assert len(_texts("The U.S. Army sent J. Smith to Lima. He left.")) == 2


def test_numbers_with_dots_do_not_split() -> None:
    text = "Plus de 5.200 soldats. La loi 4.766 du Congrès a été votée."
    assert _texts(text) == ["Plus de 5.200 soldats.", "La loi 4.766 du Congrès a été votée."]


def test_quotes_and_guillemets() -> None:
    text = (
        '"Nous allons déployer des soldats", a dit le général. « Renforcer la défense ». '
        "Fin de l'article."
    )
    assert _texts(text) == [
        '"Nous allons déployer des soldats", a dit le général.',
        "« Renforcer la défense ».",
        "Fin de l'article.",
    ]
    assert _texts('Il a dit "stop." Puis il est parti.') == [
        'Il a dit "stop."',
        "Puis il est parti.",
    ]


def test_newlines_are_paragraph_breaks() -> None:
    assert _texts("Titre sans point\nPremière phrase. Deuxième.\n\n  Troisième") == [
        "Titre sans point",
        "Première phrase.",
        "Deuxième.",
        "Troisième",
    ]


def test_a_hard_wrapped_sentence_is_one_sentence() -> None:
    # pasted mail, PDF or wrapped text: one break inside a sentence, the next line in lower case
    text = "El gobierno desplegó 300 soldados en Tacna para reforzar\r\n  la frontera con Chile.\n"
    assert _texts(text) == [
        "El gobierno desplegó 300 soldados en Tacna para reforzar\r\n  la frontera con Chile."
    ]
    assert _texts("Troops were sent\nto the border. Then\nmore came.") == [
        "Troops were sent\nto the border.",
        "Then\nmore came.",
    ]


def test_a_line_break_still_ends_a_line_that_is_no_wrap() -> None:
    assert _texts("Titre\nla suite") == ["Titre\nla suite"]  # lower case: a wrap
    assert _texts("Fin.\nla suite") == ["Fin.", "la suite"]  # the line ended a sentence
    assert _texts("Les villes :\nlima, cusco") == ["Les villes :", "lima, cusco"]
    assert _texts("Titre\nLa suite") == ["Titre", "La suite"]  # capital: a new line
    assert _texts("envoyés\n\nà la frontière") == ["envoyés", "à la frontière"]  # blank line
    assert _texts("envoyés\n   \nà la frontière") == ["envoyés", "à la frontière"]


def test_lowercase_after_period_does_not_split() -> None:
    assert len(_texts("Vous êtes abonné.e à notre liste. Merci.")) == 2


def test_sentence_at() -> None:
    spans = split_sentences("Un. Deux.")
    assert sentence_at(spans, 5) == (4, 9)
    assert sentence_at(spans, 3) is None


@given(st.text())
def test_spans_are_in_bounds_sorted_and_trimmed(text: str) -> None:
    spans = split_sentences(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous = end
