"""Word lists per language (geo.extract.lang): shape, cleanliness, and that the rules use them."""

from __future__ import annotations

import dataclasses
import re

import pytest

from geo.extract import counts, dates, event_types
from geo.extract.lang import LANGS, MAY_BE_EMPTY, LangWords, en, es, fr, languages, words

MODULES = {"fr": fr, "es": es, "en": en}
FIELDS = [f.name for f in dataclasses.fields(LangWords) if f.name != "code"]


def _public(module) -> set[str]:
    return {n for n in vars(module) if n.isupper() and not n.startswith("_")}


def test_every_language_module_defines_the_same_lists():
    expected = {name.upper() for name in FIELDS}
    for code, module in MODULES.items():
        assert _public(module) == expected, code
    assert LANGS == ("fr", "es", "en")


def _entries(name: str, value) -> list[str]:
    """The words of a list; for (regex, ...) tuples, the regex."""
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, str):
        return [value] if value else []
    if name == "triggers":
        return [source for _etype, source, _weight, _needs in value]
    if name == "forces":
        return [source for source, _force in value]
    return list(value)


@pytest.mark.parametrize("code", LANGS)
@pytest.mark.parametrize("name", FIELDS)
def test_lists_are_clean(code: str, name: str):
    value = getattr(words(code), name)
    if name not in MAY_BE_EMPTY:
        assert value, f"{code}.{name.upper()} is empty"
    entries = _entries(name, value)
    assert all(isinstance(e, str) and e for e in entries)
    assert all(e == e.strip() for e in entries), f"{code}.{name.upper()}: stray spaces"
    assert len(entries) == len(set(entries)), f"{code}.{name.upper()}: duplicates"


@pytest.mark.parametrize("name", sorted(MAY_BE_EMPTY))
def test_optional_lists_exist_in_some_language(name: str):
    assert any(getattr(words(code), name) for code in LANGS)


@pytest.mark.parametrize("code", LANGS)
def test_regex_lists_compile(code: str):
    w = words(code)
    for name in ("force_nouns", "force_context", "not_count_before", "boilerplate",
                 "border_words", "territory_words", "anaphora_nouns", "locator_nouns"):  # fmt: skip
        for entry in getattr(w, name):
            re.compile(entry.replace("{force_of}", "x"))
    for _etype, source, weight, needs in w.triggers:
        re.compile(source.replace("{nationality}", "x"))
        assert 0 < weight <= 1 and isinstance(needs, bool)
    for source, force in w.forces:
        re.compile(source)
        assert force == force.strip().lower()


def test_values_are_consistent():
    for code in LANGS:
        w = words(code)
        assert set(w.months.values()) == set(range(1, 13)), code
        assert set(w.weekdays.values()) == set(range(7)), code
        assert not set(w.months) & set(w.month_abbreviations), code
        assert set(w.qualifiers.values()) <= {"at_least", "about", "at_most"}, code
        assert all(word == word.casefold() for word in w.months), code


def test_unknown_language_uses_every_language_french_first():
    assert [x.code for x in languages("fr")] == ["fr"]
    assert [x.code for x in languages("es")] == ["es"]
    for code in (None, "de", "fr-FR", ""):
        assert [x.code for x in languages(code)] == ["fr", "es", "en"]
    with pytest.raises(KeyError):
        words("de")


def test_unknown_language_reads_every_language():
    # German text: French, Spanish and English month names and troop nouns all count.
    assert dates.find_dates("el 3 de marzo de 2020", lang="de")[0].date_start.month == 3
    assert dates.find_dates("3 October 2020", lang="de")[0].date_start.month == 10
    assert [f.value for f in counts.find_force_sizes("500 soldados y 300 soldats", "de")] == [
        500,
        300,
    ]
    assert counts.find_force_sizes("500 soldados", "fr") == []


def test_a_new_month_name_is_picked_up(monkeypatch):
    assert dates.find_dates("le 13 brumaire 2018", lang="fr") == []
    monkeypatch.setattr(fr, "MONTHS", {**fr.MONTHS, "brumaire": 11})
    dates._patterns.cache_clear()
    try:
        found = dates.find_dates("le 13 brumaire 2018", lang="fr")
        assert [(d.date_start.month, d.date_start.day) for d in found] == [(11, 13)]
    finally:
        monkeypatch.undo()
        dates._patterns.cache_clear()
    assert dates.find_dates("le 13 brumaire 2018", lang="fr") == []


def test_a_new_trigger_is_picked_up(monkeypatch):
    sentence = "Le gouvernement a ordonné le quadrillage de Tacna."
    assert event_types.classify_sentence(sentence, "fr") == []
    trigger = ("troop_deployment", r"quadrillage", 1.0, False)
    monkeypatch.setattr(fr, "TRIGGERS", [*fr.TRIGGERS, trigger])
    event_types._trigger_patterns.cache_clear()
    try:
        hits = event_types.classify_sentence(sentence, "fr")
        assert [(h.event_type, h.trigger) for h in hits] == [("troop_deployment", "quadrillage")]
    finally:
        monkeypatch.undo()
        event_types._trigger_patterns.cache_clear()


def test_a_new_troop_noun_is_picked_up(monkeypatch):
    text = "Environ 300 zouaves ont été envoyés."
    assert counts.find_force_sizes(text, "fr") == []
    monkeypatch.setattr(fr, "FORCE_NOUNS", (r"zouaves?", *fr.FORCE_NOUNS))
    counts._pattern.cache_clear()
    try:
        found = counts.find_force_sizes(text, "fr")
        assert [(f.value, f.qualifier, f.unit_text) for f in found] == [(300, "about", "zouaves")]
    finally:
        monkeypatch.undo()
        counts._pattern.cache_clear()


AREA = ["counts", "dates", "event_types", "events", "sentences", "mentions", "geoparse", "ner"]


def test_extractors_import_no_private_names():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "geo"
    paths = [root / "extract" / f"{name}.py" for name in AREA]
    paths += [*(root / "extract" / "lang").glob("*.py"), root / "ingest" / "articles.py"]
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("geo"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.name} imports {private}"
        assert not re.search(r"\b(?:m|mentions|counts|dates|event_types)\._[a-z]", source)
