"""Troop counts ("force sizes") in French, Spanish and English news text.

``find_force_sizes(text)`` finds a number (digits with ``.``/``,``/space thousands separators,
or number words: "cinq mille", "deux cents", "mil", "five thousand") that counts armed or
security personnel: the number is followed by a troop noun ("soldats", "militaires", "membres
de la Garde nationale", "efectivos", "troops"...), or the noun is elided and a deployment verb
follows ("Environ 2.100 ont été déployés"). Other numbers ("1.743 demandes", "2 414
kilomètres", "loi 4.766", "7.000 personnes", years, article numbers) are never counts.

An optional qualifier just before the number sets ``qualifier``: "plus de" -> at_least,
"quelque"/"environ" -> about, "un maximum de"/"jusqu'à" -> at_most, otherwise exact.
Offsets are character offsets into the text given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from geo.extract.lang import LangWords, every_language, languages

# --- numbers ---------------------------------------------------------------------------------
# Number words are read in every language: "dos mil" in a French article still is 2000.


def _phrase(words: str) -> str:
    """Regex of a plain phrase: escaped, a space matches any whitespace."""
    return re.escape(words).replace(r"\ ", r"\s+")


def _alt(items: Iterable[str]) -> str:
    return "|".join(items)


_LANGS = every_language()
_UNITS: dict[str, int] = {k: v for x in _LANGS for k, v in x.number_units.items()}
_HUNDREDS = {w for x in _LANGS for w in x.number_hundreds}
_THOUSANDS = {w for x in _LANGS for w in x.number_thousands}
_MILLIONS = {w for x in _LANGS for w in x.number_millions}
_JOINERS = {w for x in _LANGS for w in x.and_words}
_SINGULAR = {w for x in _LANGS for w in x.singular_words}

_NUMBER_WORDS = sorted(set(_UNITS) | _HUNDREDS | _THOUSANDS | _MILLIONS, key=len, reverse=True)
_WORD = "(?:" + "|".join(map(re.escape, _NUMBER_WORDS)) + ")"
_AND = _alt(re.escape(w) for x in _LANGS for w in x.and_words)
WORD_NUMBER = rf"\b{_WORD}(?:(?:[\s-]+(?:(?:{_AND})[\s-]+)?){_WORD})*\b"
"""Regex source of a number written in words (FR/ES/EN)."""

DIGIT_NUMBER = (
    r"(?<![\w.,])\d{1,3}(?:(?:[.,]|[ \u00a0\u202f])\d{3})+(?![\d])|(?<![\w.,])\d+(?![\d])"
)
"""Regex source of a number in digits: "5.200", "5,200", "5 200", "5200"."""

_SCALES = _alt(
    re.escape(w) for w in sorted({w for x in _LANGS for w in x.digit_scales}, key=len, reverse=True)
)
_THOUSAND_WORDS = _alt(re.escape(w) for w in sorted(_THOUSANDS, key=len, reverse=True))
_MIXED = (
    rf"(?:(?:(?<![\w.,])\d{{1,3}}|{WORD_NUMBER})[\s\u00a0]+)?\b(?:{_THOUSAND_WORDS})[\s\u00a0]+"
    rf"\d{{1,3}}(?![\d.,]\d)"
    rf"|(?<![\w.,])\d{{1,3}}[.,]\d{{1,2}}[\s\u00a0]+(?:{_SCALES})\b"
    rf"|(?:{DIGIT_NUMBER})(?:[\s\u00a0]+(?:{_SCALES}))?"
)
"""Digits with a scale word ("5 mille", "2,5 millones", "1.5 million") or Mexican press
style thousands, "6 mil 310" (6,310), "siete mil 600" (7,600) and "mil 949" (1,949)."""


def parse_number(text: str) -> int | None:
    """Parse "5.200", "5 200", "5,200", "cinq mille", "deux cents", "dos mil", "5 mille"."""
    s = text.strip().casefold().replace("\u00a0", " ").replace("\u202f", " ")
    if not s:
        return None
    m = re.fullmatch(r"(?:(.+?)\s+)?(\w+)\s+(\d{1,3})", s)
    if m and m.group(2) in _THOUSANDS:  # "6 mil 310", "siete mil 600", "mil 949"
        thousands = parse_number(m.group(1)) if m.group(1) else 1
        return None if thousands is None else thousands * 1000 + int(m.group(3))
    m = re.fullmatch(r"(\d{1,3})[.,](\d{1,2})\s+(\w+)", s)
    if m and (m.group(3) in _THOUSANDS or m.group(3) in _MILLIONS):  # "1.5 million"
        scale = 1000 if m.group(3) in _THOUSANDS else 1_000_000
        return round(float(f"{m.group(1)}.{m.group(2)}") * scale)
    m = re.fullmatch(r"(\d{1,3}(?:[., ]\d{3})+|\d+)(?:\s+(\w+))?", s)
    if m:
        value = int(re.sub(r"\D", "", m.group(1)))
        scale = m.group(2)
        if scale is None:
            return value
        if scale in _THOUSANDS:
            return value * 1000
        if scale in _MILLIONS:
            return value * 1_000_000
        return None
    tokens = [t for t in re.split(r"[\s-]+", s) if t]
    if not tokens:
        return None
    total = current = 0
    seen = False
    for i, token in enumerate(tokens):
        if token in _JOINERS:
            continue
        if token in _UNITS:
            value = _UNITS[token]
            # French "quatre-vingt(s)": 4 x 20
            if value == 20 and current % 100 == 4 and i > 0 and tokens[i - 1] == "quatre":
                current += 76
            else:
                current += value
        elif token in _HUNDREDS:
            current = max(current, 1) * 100
        elif token in _THOUSANDS:
            total += max(current, 1) * 1000
            current = 0
        elif token in _MILLIONS:
            total += max(current, 1) * 1_000_000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# --- force sizes -----------------------------------------------------------------------------
# Troop nouns follow the article's language (every language when unknown); the other lists
# (qualifiers, elided verbs, blockers, context words) are read in every language.

QUALIFIERS: dict[str, str] = {k: v for x in _LANGS for k, v in x.qualifiers.items()}
"""Phrase before a count -> qualifier, every language."""

# "hommes de la Guardia Nacional": a head noun may name a force in another language.
_FORCE_OF = (
    "(?:"
    + _alt(_phrase(w) for x in _LANGS for w in x.force_of)
    + r")\s+(?:"
    + _alt(_phrase(w) for x in _LANGS for w in x.force_names)
    + ")"
)


def _nouns(lang: LangWords) -> str:
    nouns = "(?:" + _alt(n.replace("{force_of}", _FORCE_OF) for n in lang.force_nouns) + ")"
    if lang.force_noun_modifiers:
        nouns = "(?:(?:" + _alt(lang.force_noun_modifiers) + r")\s+){0,3}" + nouns
    return "(?:" + nouns + ")" if lang.force_noun_modifiers else nouns


def _noun_pattern(lang: str) -> str:
    return "|".join(_nouns(x) for x in languages(lang))


_ELIDED = (
    r"(?:(?:"
    + _alt(_phrase(w) for x in _LANGS for w in x.elided_of)
    + r")\s+)?(?:"
    + _alt(_phrase(w) for x in _LANGS for w in x.elided_auxiliaries)
    + r")(?:\s+(?:"
    + _alt(_phrase(w) for x in _LANGS for w in x.elided_particles)
    + r"))*\s+(?:"
    + _alt(_phrase(w) for x in _LANGS for w in x.elided_participles)
    + ")"
)
_BLOCKERS = re.compile(
    r"(?:\b(?:" + _alt(w for x in _LANGS for w in x.not_count_before) + r")\.?\s*$)",
    re.IGNORECASE,
)
_WEAK_NOUNS = {w for x in _LANGS for w in x.weak_force_nouns}
"""Nouns that count troops only near a military/police word ("2.000 hommes" deployed)."""
_CONTEXT = re.compile(
    r"\b(?:" + _alt(w for x in _LANGS for w in x.force_context) + ")", re.IGNORECASE
)


@dataclass(frozen=True)
class ForceSize:
    """A troop count: ``value`` personnel, ``qualifier`` one of ``FORCE_QUALIFIERS``.

    ``start``/``end`` cover qualifier, number and noun; ``unit_text`` is the troop noun as
    written ("soldats", "membres de la Garde nationale"), empty when elided.
    """

    start: int
    end: int
    value: int
    qualifier: str
    unit_text: str
    text: str


@lru_cache(maxsize=8)
def _pattern(lang: str) -> re.Pattern[str]:
    nouns = _noun_pattern(lang)
    quals = "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)
    )
    number = rf"(?:{_MIXED}|{WORD_NUMBER})"
    source = (
        rf"(?P<qual>\b(?:{quals})\s+)?(?P<num>{number})\s+"
        rf"(?:(?P<noun>{nouns})\b|(?P<elided>{_ELIDED})\w*)"
    )
    return re.compile(source, re.IGNORECASE)


def find_force_sizes(text: str, lang: str = "fr") -> list[ForceSize]:
    """Every troop count in *text*, in order; offsets are into *text*."""
    found: list[ForceSize] = []
    for m in _pattern(lang).finditer(text):
        number = m.group("num")
        value = parse_number(number)
        if value is None or value < 1:
            continue
        if number.strip().casefold() in _SINGULAR:
            continue
        if not m.group("qual") and _BLOCKERS.search(text, max(0, m.start() - 20), m.start()):
            continue
        if m.group("elided") and re.fullmatch(r"(?:19|20)\d\d", number):
            continue  # a bare year before "ont été déployés": too ambiguous
        qualifier = "exact"
        if m.group("qual"):
            key = re.sub(r"\s+", " ", m.group("qual").strip().casefold())
            qualifier = QUALIFIERS.get(key, "exact")
        elif re.search(r"\b(?:une|un)\s+(?:centaine|millier|dizaine)\s+de\s*$", text[: m.start()]):
            qualifier = "about"
        noun = m.group("noun") or ""
        if noun.casefold() in _WEAK_NOUNS and not _CONTEXT.search(
            text, max(0, m.start() - 150), min(len(text), m.end() + 150)
        ):
            continue
        end = m.end("noun") if m.group("noun") else m.end("num")
        start = m.start("qual") if m.group("qual") else m.start("num")
        found.append(ForceSize(start, end, value, qualifier, noun, text[start:end]))
    found.extend(_approximate_collectives(text, lang, found))
    vague = _vague_counts(text, lang)
    found = [f for f in found if not any(v.start < f.end and f.start < v.end for v in vague)]
    found.extend(vague)
    found.sort(key=lambda f: f.start)
    return found


_COLLECTIVE = {k: v for x in _LANGS for k, v in x.collectives.items()}


def _approximate_collectives(text: str, lang: str, taken: list[ForceSize]) -> list[ForceSize]:
    """'une centaine de soldats' (about 100), 'un millier de militaires' (about 1000)."""
    nouns = _noun_pattern(lang)
    collective = _alt(map(re.escape, _COLLECTIVE))
    pattern = re.compile(
        rf"\b(?:une|un)\s+(?P<coll>{collective})\s+(?:de|d')\s*"
        rf"(?P<noun>{nouns})\b",
        re.IGNORECASE,
    )
    out = []
    for m in pattern.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in taken):
            continue
        value = _COLLECTIVE[m.group("coll").casefold()]
        out.append(ForceSize(m.start(), m.end(), value, "about", m.group("noun"), m.group(0)))
    return out


@lru_cache(maxsize=8)
def _vague_pattern(lang: str) -> tuple[re.Pattern[str], list[tuple[int, str]]]:
    phrases = [(k, v) for x in languages(lang) for k, v in x.vague_counts.items()]
    alternatives = "|".join(f"(?P<v{i}>{k})" for i, (k, _v) in enumerate(phrases))
    pattern = re.compile(
        rf"\b(?:{alternatives})\s*(?:of\s+)?(?P<noun>{_noun_pattern(lang)})\b", re.IGNORECASE
    )
    return pattern, [v for _k, v in phrases]


def _vague_counts(text: str, lang: str) -> list[ForceSize]:
    """Counts without a number: "hundreds of troops" (at least 200), "une vingtaine de
    soldats" (about 20), "several hundred troops" (at least 200, not "hundred": 100)."""
    pattern, values = _vague_pattern(lang)
    out = []
    for m in pattern.finditer(text):
        index = next(int(k[1:]) for k, v in m.groupdict().items() if k != "noun" and v)
        value, qualifier = values[index]
        out.append(ForceSize(m.start(), m.end(), value, qualifier, m.group("noun"), m.group(0)))
    return out


# --- counts bound to places ------------------------------------------------------------------

_BOUND_NUMBER = rf"(?P<num>{_MIXED})"
_MONTH_WORDS = _alt(re.escape(w) for x in _LANGS for w in x.months)
_DURATION_WORDS = _alt(re.escape(w) for x in _LANGS for w in x.duration_units)
_NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:%|por\s+ciento|pour\s+cent|percent|km\b|kil[oó]m|miles?\b|millas|years?\b"
    rf"|(?:de\s+|of\s+)?(?:{_MONTH_WORDS})\b|(?:{_DURATION_WORDS})\b|[:h]\d)",
    re.IGNORECASE,
)
"""What makes a number no troop count: a share, a distance, a day of a month ("20 de
octubre"), a duration ("60 días"), a time ("10:30", "21h00")."""
_AFTER_PLACE = (
    re.compile(rf"\s*\(\s*{_BOUND_NUMBER}\s*(?:[\wÀ-ÿ]+\s*)?\)"),  # "Nogales (564)"
    re.compile(rf",?\s+(?:con|with|avec)\s+{_BOUND_NUMBER}(?![\d.,]\d)"),  # "Chihuahua con 620"
    re.compile(rf"\s+{_BOUND_NUMBER}(?=\s*(?:[,;.]|\s+(?:y|et|and|e)\b|$))"),  # "Mexicali 561"
)
_PLACE_PREPOSITIONS = r"(?:a|al|en|hacia|para|in|into|to|at|à|au|aux|dans|vers|en)"
_AREA = r"(?:[\wÀ-ÿ]+\s+)?(?:" + _alt(w for x in _LANGS for w in x.area_nouns) + r")(?:\s+|(?<='))"
_BEFORE_PLACE = re.compile(
    rf"{_BOUND_NUMBER}(?:\s+(?:{_noun_pattern('any')}|{_FORCE_OF}|[\wÀ-ÿ.]+)){{0,4}}?"
    rf"\s+{_PLACE_PREPOSITIONS}\s+"
    rf"(?:(?:la|el|los|las|le|les|the)\s+|l')?(?:{_AREA})?$",
    re.IGNORECASE,
)
"""A count right before its place: "300 efectivos arribarán a Santa Fe", "50 a Rafaela",
"5.000 soldados en la convulsa región del Catatumbo", "17 000 soldats dans l'État de
Táchira", "10 000 soldats de la Garde nationale à la frontière" (a troop noun or a force
name is one word)."""
_HOLDS_PLACE = re.compile(
    rf"{_BOUND_NUMBER}\s+(?:{_noun_pattern('any')})\s+(?:"
    + _alt(w for x in _LANGS for w in x.place_object_verbs)
    + r")\s+(?:(?:la|el|los|las|le|les|the)\s+|l')?$",
    re.IGNORECASE,
)
"""A count whose troops hold the place that follows: "310 agentes reforzaron Aguas Blancas"."""
_COORDINATED = re.compile(
    rf"\s*(?:,|\b(?:y|e|et|and)\b)\s*(?:{_PLACE_PREPOSITIONS}\s+)?"
    rf"(?:(?:la|el|los|las|le|les|the)\s+|l')?(?:{_AREA})?",
    re.IGNORECASE,
)
_PER_PLACE = re.compile(
    rf"{_BOUND_NUMBER}(?:\s+[\wÀ-ÿ.]+){{0,3}}?\s+"
    + "(?:"
    + _alt(w for x in _LANGS for w in x.per_place)
    + r")(?![\wÀ-ÿ])",
    re.IGNORECASE,
)
"""A count for each of the places listed: "un promedio de 350 elementos por cada localidad"."""
_SUBJECT_COUNT = re.compile(
    rf"\s+(?:[\wÀ-ÿ]+\s+){{1,3}}?{_BOUND_NUMBER}\s+(?:{_noun_pattern('any')})\b",
    re.IGNORECASE,
)
"""A place that opens its clause with its count a word or two on: "A Sonora llegaron mil 987
elementos", "Baja California tiene actualmente 3 mil 10 elementos"."""
_RESPECTIVELY = re.compile(r"respectiv|respectivamente|respectively|respectivement", re.I)


def _bound_value(number: str, after: str) -> int | None:
    if _NOT_A_COUNT_AFTER.match(after):
        return None
    value = parse_number(number)
    if value is None or value < 2:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", number.strip()):
        return None  # a year
    return value


def counts_by_place(sentence: str, places: list[tuple[int, int]]) -> dict[int, int]:
    """Troop counts the sentence states for one place each: ``{index of the place: count}``.

    *places* are ``(start, end)`` offsets into *sentence*. Read: "Nogales (564)", "Chihuahua
    con 2 mil 620", "en Mexicali 561 y en Tecate 500", "300 efectivos arribarán a Santa Fe, 50
    a Rafaela", and lists closed by "respectively" ("Ciudad Juárez, Puerto Palomas y Ojinaga
    con mil 650, 500 y 470, respectivamente"). A place with no count of its own is left out:
    a total for several places is the event's, not theirs.
    """
    out: dict[int, int] = {}
    order = sorted(range(len(places)), key=lambda k: places[k][0])
    if _RESPECTIVELY.search(sentence) and len(order) >= 2:
        out.update(_respectively(sentence, places, order))
    each = _PER_PLACE.search(sentence, places[order[-1]][1]) if order else None
    if each:  # "A, B y C, en las que operan 350 elementos por cada localidad"
        value = _bound_value(each.group("num"), sentence[each.end("num") :])
        if value is not None:
            return {k: out.get(k, value) for k in order}
    for n, k in enumerate(order):
        if k in out:
            continue
        start, end = places[k]
        limit = places[order[n + 1]][0] if n + 1 < len(order) else len(sentence)
        for pattern in _AFTER_PLACE:
            m = pattern.match(sentence, end, limit)
            if m:
                value = _bound_value(m.group("num"), sentence[m.end("num") :])
                if value is not None:
                    out[k] = value
                    break
        if k in out:
            continue
        clause_end, clause_limit = _past_apposition(sentence, places, order, n)
        m = _SUBJECT_COUNT.match(sentence, clause_end, clause_limit)
        if m and _clause_start(sentence[:start]):
            value = _bound_value(m.group("num"), sentence[m.end("num") :])
            if value is not None:
                out[k] = value
                continue
        floor = places[order[n - 1]][1] if n else 0
        m = _BEFORE_PLACE.search(sentence, max(floor, start - 80), start) or _HOLDS_PLACE.search(
            sentence, max(floor, start - 80), start
        )
        if m and not _in_list(sentence, places, order, n):
            # "300 soldados llegaron a Palca y a La Yarada": the 300 are for both
            value = _bound_value(m.group("num"), sentence[m.end("num") :])
            if value is not None:
                out[k] = value
    return out


def _in_list(sentence: str, places: list[tuple[int, int]], order: list[int], n: int) -> bool:
    """Whether the place ``order[n]`` is coordinated with the next: "a Palca y a La Yarada",
    "Palca, Tarata y Candarave". A comma alone makes a list only when one follows that ends
    with "y"/"and": "Táchira, à la frontière avec la Colombie" is an apposition."""
    for k in range(n, len(order) - 1):
        end, limit = places[order[k]][1], places[order[k + 1]][0]
        link = _COORDINATED.fullmatch(sentence, end, limit)
        if link is None:
            return False
        if "," not in link.group(0) or re.search(r"\b(?:y|e|et|and)\b", link.group(0), re.I):
            return True
    return False


def _past_apposition(
    sentence: str, places: list[tuple[int, int]], order: list[int], n: int
) -> tuple[int, int]:
    """Where the clause of ``order[n]`` goes on, and up to where: past a place set between
    commas after it ("En Tijuana, Baja California, fueron desplegados..."), else right after it.
    Two places in a row between commas are a list, no apposition ("Tijuana, Tecate, Rosarito")."""
    end = places[order[n]][1]
    limit = places[order[n + 1]][0] if n + 1 < len(order) else len(sentence)
    if n + 1 >= len(order) or not re.fullmatch(r",\s*", sentence[end:limit]):
        return end, limit
    after = re.match(r"\s*,", sentence[places[order[n + 1]][1] :])
    if after is None:
        return end, limit
    resume = places[order[n + 1]][1] + after.end()
    following = places[order[n + 2]][0] if n + 2 < len(order) else len(sentence)
    if re.fullmatch(r"\s*", sentence[resume:following]):
        return end, limit  # "Tijuana, Tecate, Rosarito"
    return resume, following


def _clause_start(before: str) -> bool:
    """Whether a place opens its clause: only a preposition or an article (or nothing) since
    the sentence start or the last comma or semicolon ("A Sonora", "; mientras que en X")."""
    tail = re.split(r"[,;:]", before)[-1]
    return bool(
        re.fullmatch(
            r"\s*(?:(?:mientras\s+que|while|tandis\s+que|y|and|et)\s+)?"
            r"(?:(?:a|al|en|in|to|à|au|dans)\s+)?(?:(?:la|el|le|the)\s+|l')?",
            tail,
            re.IGNORECASE,
        )
    )


def _respectively(sentence: str, places: list[tuple[int, int]], order: list[int]) -> dict:
    """ "A, B y C con 1.650, 500 y 470, respectivamente": counts zipped to the places."""
    last = places[order[-1]][1]
    numbers = []
    for m in re.finditer(_BOUND_NUMBER, sentence[last:]):
        value = _bound_value(m.group("num"), sentence[last + m.end("num") :])
        if value is not None:
            numbers.append(value)
    if len(numbers) < 2:
        return {}
    numbers = numbers[-len(order) :]
    return dict(zip(order[-len(numbers) :], numbers, strict=True))
