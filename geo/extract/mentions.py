"""Stage 2a: find place mentions in an article, with character offsets.

spaCy's NER proposes LOC entities; the gazetteer checks them and completes them with the place
names NER missed (outside person, organisation and misc entities). Rules add what neither
sees as a place: border phrases ("la frontière sud avec le Chili", "US-Mexico border") and a
country's territory named by its adjective ("sur le sol péruvien"). Names that are not event
places (media, institutions, buildings) are listed in ``data/not_places.csv``.

Offsets index the text as given; the text is normalised with
:func:`geo.text.normalize_text`, which keeps lengths, so offsets stay valid.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from geo import config
from geo.extract.lang import every_language, languages
from geo.extract.lang.common import NEWS_AGENCIES
from geo.extract.ner import NOT_PLACE_LABELS, PLACE_LABELS
from geo.gazetteer.borders import haversine_km
from geo.gazetteer.index import name_abbreviations
from geo.text import name_key, normalize_text

NOT_PLACES_CSV = config.NOT_PLACES_CSV

# Mention kinds: a named place, a border phrase, a country named by its adjective.
PLACE, BORDER, TERRITORY = "place", "border", "territory"


class NameIndex(Protocol):
    """What mention finding needs from the gazetteer (:class:`~geo.gazetteer.index.Gazetteer`)."""

    def has_name(self, name: str) -> bool: ...

    def candidates(self, name: str) -> list: ...

    def country_from_word(self, word: str) -> str | None: ...


@dataclass(frozen=True)
class Mention:
    """A place mention: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str
    kind: str = PLACE
    source: str = "ner"  # "ner" | "gazetteer" | "rule"
    country_codes: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def not_places(path: Path = NOT_PLACES_CSV) -> frozenset[str]:
    """Name keys of names that are never event places (media, institutions, buildings)."""
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(name_key(row["name"]) for row in csv.DictReader(handle) if row["name"])


# Border and territory words are read in every language (an article quotes "la frontera").
_LANGS = every_language()


def _phrases(field: str) -> str:
    r"""A regex group of the phrases of a word-list field in every language, longest first,
    a space matching any whitespace: ``(?:provincias\s+de|de|...)``."""
    words = {w for x in _LANGS for w in getattr(x, field)}
    return (
        "(?:"
        + "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
        )
        + ")"
    )


def _lookup(index: NameIndex, name: str) -> list[tuple[object, bool]]:
    """Every place named *name*, each with "it is the place's main name" (an index without
    ``lookup`` gives its candidates, each as a main name)."""
    lookup = getattr(index, "lookup", None)
    return lookup(name) if lookup else [(p, True) for p in index.candidates(name)]


_BORDER_WORD_RE = re.compile(
    r"\b(?:" + "|".join(w for x in _LANGS for w in x.border_words) + r")\b", re.IGNORECASE
)
_DIRECTIONS = frozenset(w for x in _LANGS for w in x.directions)
_DETERMINERS = frozenset(w for x in _LANGS for w in x.determiners)
_WITH = frozenset(w for x in _LANGS for w in x.with_words)
_ARTICLES = frozenset(w for x in _LANGS for w in x.articles)
_TOKEN_RE = re.compile(r"[\wÀ-ÿ]+(?:-[\wÀ-ÿ]+)*")
_EN_BORDER_RE = re.compile(r"\b(?:the\s+)?([A-Z][A-Za-z.]+)\s*-\s*([A-Z][A-Za-z.]+)\s+border\b")
_TERRITORY_RE = re.compile(
    r"\b(?:" + "|".join(w for x in _LANGS for w in x.territory_words) + r")\s+([a-zà-ÿ]+)",
    re.IGNORECASE,
)
_ABBREVIATED = "|".join(
    sorted((a.capitalize() for a in name_abbreviations()), key=len, reverse=True)
)
# A name word, after an abbreviated one when there is ("Cd. Juárez", "Pto. Maldonado").
_WORD = (
    rf"(?:(?:{_ABBREVIATED})\.[ \t]+(?=[A-ZÀ-Ý]))?" if _ABBREVIATED else ""
) + r"[A-ZÀ-Ý][\wÀ-ÿ]*"
# Capitalised n-grams: words joined by spaces, hyphens or lower-case name particles.
_CAPITALISED_RE = re.compile(
    rf"{_WORD}(?:(?:[ \t]+|-)(?:(?:de|del|de la|la|las|los|el|do|da|dos|das|a)[ \t]+"
    rf"|(?:au|aux|de|du|la|le|les|en|sur|sous|lès)-)?{_WORD}){{0,4}}"
)
"""Capitalised n-grams; hyphenated names keep their particles ("Port-au-Prince"), spaced ones
theirs ("Gracias a Dios")."""


def _longest_name(
    text: str, start: int, end: int, is_name: Callable[[str], bool]
) -> tuple[int, int]:
    """The longest run of words of the capitalised chunk around ``text[start:end]`` that
    covers it and is a name (``is_name``), or ``(start, end)`` itself: "Sánchez" ->
    "Sánchez Carrión", "Frontera" -> "Frontera Hidalgo"."""
    lo = max(0, start - 80)
    for chunk in _CAPITALISED_RE.finditer(text, lo, min(len(text), end + 80)):
        if chunk.start() <= start and end <= chunk.end():
            words = list(re.finditer(r"[\wÀ-ÿ]+", chunk.group(0)))
            base = chunk.start()
            spans = [
                (base + words[i].start(), base + words[j].end())
                for i in range(len(words))
                for j in range(len(words) - 1, i - 1, -1)
            ]
            spans = [
                (s, e)
                for s, e in spans
                if s <= start and end <= e and (s, e) != (start, end) and not text[s].islower()
            ]  # a name opens with a capital: "Estados Unidos" is no "de Estados Unidos"
            for s, e in sorted(spans, key=lambda se: se[0] - se[1]):
                if is_name(text[s:e]):
                    return s, e
            break
    return start, end


def _country_codes(word: str, index: NameIndex) -> list[str]:
    code = index.country_from_word(word)
    if code:
        return [code]
    if "-" in word:  # "américano-mexicaine"
        parts = [index.country_from_word(part) for part in word.split("-")]
        if all(parts):
            return [p for p in parts if p]
    return []


_LISTED = re.compile(
    r"\s*(?:,|\b(?:y|e|et|and|ou|o|or)\b)\s*(?:(?:el|la|le|the|l')\s+)?"
    r"(?P<name>[A-ZÀ-Ý][\wÀ-ÿ]+(?:\s+[A-ZÀ-Ý][\wÀ-ÿ]+)?)"
)


def _listed_neighbours(text: str, end: int, index: NameIndex) -> list[Mention]:
    """The other neighbours of a listed border: "fronteras con Chile, Perú, Argentina y Brasil"
    gives one border mention per country after the first (source ``rule-list``)."""
    out = []
    while (m := _LISTED.match(text, end)) is not None:
        name_start, name = m.start("name"), m.group("name")
        code = index.country_from_word(name)
        if code is None and " " in name:
            name = name.split()[0]
            code = index.country_from_word(name)
        if code is None:
            break
        end = name_start + len(name)
        out.append(Mention(name_start, end, text[name_start:end], BORDER, "rule-list", (code,)))
    return out


_GAP_WORDS = 4
"""Lower-case words a border phrase may skip before "con/with <country>"."""


def _with_ahead(text: str, after: list, i: int) -> int | None:
    """Index of a "with" word at most :data:`_GAP_WORDS` lower-case words after ``after[i]``
    with no punctuation between ("fronterizos *que tiene el país* con Chile"), or None."""
    for k in range(i, min(len(after) - 1, i + _GAP_WORDS + 1)):
        if k > i and text[after[k - 1].end() : after[k].start()].strip():
            return None
        word = after[k].group(0)
        if word.lower() in _WITH:
            return k if k > i else None
        if not word.islower():
            return None
    return None


def border_mentions(text: str, index: NameIndex) -> list[Mention]:
    """Border phrases, extended word by word from the border noun.

    Left: a direction and a determiner ("la frontière", "the southern border"). Right: a
    direction ("sud-ouest"), a country adjective ("mexicaine"), and "avec/con/with <country>".
    """
    found: list[Mention] = []
    for match in _BORDER_WORD_RE.finditer(text):
        start, end = match.span()
        if text[start].isupper() and _longest_name(text, start, end, index.has_name) != (
            start,
            end,
        ):
            continue  # "Frontera Comalapa", "Amatenango de la Frontera": a town's name
        codes: list[str] = []
        listed: list[Mention] = []
        before = list(_TOKEN_RE.finditer(text[max(0, start - 40) : start]))
        base = max(0, start - 40)
        for token in reversed(before):
            word = token.group(0).lower()
            gap = text[base + token.end() : start]
            if gap.strip() or not (word in _DIRECTIONS or word in _DETERMINERS):
                break
            start = base + token.start()
        after = list(_TOKEN_RE.finditer(text, end, min(len(text), end + 60)))
        expect = "direction"
        i = 0
        while i < len(after):
            token = after[i]
            if text[end : token.start()].strip():  # punctuation ends the phrase
                break
            word = token.group(0)
            lower = word.lower()
            if expect == "direction" and lower in _DIRECTIONS:
                end, expect = token.end(), "adjective"
            elif expect in ("direction", "adjective") and _country_codes(word, index):
                codes += _country_codes(word, index)
                end, expect = token.end(), "with"
            elif (
                lower in _WITH
                and i + 1 < len(after)
                or (not codes and (skip := _with_ahead(text, after, i)) is not None)
            ):
                if lower not in _WITH:  # "los puntos fronterizos que tiene el país con Chile"
                    i = skip
                j = i + 1
                if after[j].group(0).lower() in _ARTICLES and j + 1 < len(after):
                    j += 1
                named = _country_codes(after[j].group(0), index)
                if not named:
                    break
                codes += named
                end = after[j].end()
                listed = _listed_neighbours(text, end, index)
                break
            else:
                break
            i += 1
        unique = tuple(dict.fromkeys(codes))
        found.append(Mention(start, end, text[start:end], BORDER, "rule", unique))
        found += listed
    for match in _EN_BORDER_RE.finditer(text):
        codes = [index.country_from_word(g) for g in match.groups()]
        if all(codes):
            start, end = match.span()
            found = [m for m in found if not (m.start < end and start < m.end)]
            found.append(Mention(start, end, text[start:end], BORDER, "rule", tuple(codes)))
    return found


def territory_mentions(text: str, index: NameIndex) -> list[Mention]:
    """A country's territory named by its adjective: "sur le sol péruvien", "US soil"."""
    found = []
    for match in _TERRITORY_RE.finditer(text):
        code = index.country_from_word(match.group(1))
        if code:
            start, end = match.span()
            found.append(Mention(start, end, text[start:end], TERRITORY, "rule", (code,)))
    return found


_NOT_NAMES = frozenset(
    name_key(w)
    for x in _LANGS
    for w in (*x.title_words, *x.months, *x.weekdays, *x.directions, *x.day_words)
)
"""Words that are no place on the gazetteer's word alone: titles ("Secretary"), months
("August"), weekdays, compass words ("Southern", "Norte"), day words ("Hier")."""
_DAY_WORDS = frozenset(name_key(w) for x in _LANGS for w in x.day_words)
_AFTER_TITLE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for x in _LANGS for w in x.title_words) + r")\s+$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-ZÀ-Ý][\wÀ-ÿ'.-]*[ \t]+){0,3}[A-ZÀ-Ý][\wÀ-ÿ'.-]*"
    r"(?:,[ \t]*[\wÀ-ÿ. ]{2,30})?[ \t]*(?:\([\w .-]{2,20}\))?[ \t]*[.,]?[ \t]*(?:[-–—]{1,2}|\.-)",
    re.MULTILINE,
)
"""A dateline at the start of a paragraph: "LA PAZ.-", "Lima, 3 mar (EFE) -", "CARACAS —"."""


_MONTH_WORDS = sorted(
    {w for x in _LANGS for w in (*x.months, *x.month_abbreviations)}, key=len, reverse=True
)
_DATED_NAME_RE = re.compile(
    r"(?P<name>[A-ZÀ-Ý][\wÀ-ÿ'-]*(?:[ \t]+(?:de[ \t]+)?[A-ZÀ-Ý][\wÀ-ÿ'-]*){0,2})"
    r"[ \t]*(?:\([^()\n]{2,30}\)[ \t]*)?"
    r"(?:,[ \t]*\d{1,2}[ \t]+(?:" + "|".join(_MONTH_WORDS) + r")\b\.?"
    r"|\([ \t]*(?:" + "|".join(re.escape(w) for w in NEWS_AGENCIES) + r")[ \t]*\))",
    re.IGNORECASE,
)
"""A town before the day and agency of a dateline, anywhere in a line ("... EN IBIZA Madrid,
23 may (EFE)", "Córdoba (AFP)"): where the reporter is, a place all the same."""


def _dateline_names(norm: str) -> list[tuple[int, int]]:
    spans = []
    for match in _DATED_NAME_RE.finditer(norm):
        start, end = match.span("name")
        if norm[start:end].isupper() and len(norm[start:end]) > 3 and " " in norm[start:end]:
            continue  # a headline's words in capitals
        spans.append((start, end))
    return spans


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the datelines of *text*: where the reporter is, not where events happen (a
    place all the same: mentions keep it, events leave it out)."""
    return [m.span() for m in _DATELINE.finditer(text)]


_BIG_CITY = 100_000
_MILLION = 1_000_000
"""A city this big overrules the model's person ("Guayaquil")."""
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\n]\s*|[«\"]\s*)$")
_CAPITAL_ARTICLE = re.compile(r"(?:El|La|Los|Las|Le|Les|The|L')")
"""A capitalised article opens a name the gazetteer may lack ("Las Manos", "La Mar"): kept."""
_LEADING_JUNK = re.compile(r"^(?:" + _phrases("leading_junk") + r"(?:\b|(?<=')|\s)\s*)+", re.I)
"""Words stripped from the start of a model's place ("distrito de Echarate", "provinces de
Lima"), whole words only, longest first."""


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """French, Spanish and English function words ("Selon", "Des", "Les" start sentences).

    They are never taken as places on the gazetteer's word alone (NER may still say so:
    "Pará" is a Brazilian state and a Spanish word).
    """
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.es.stop_words import STOP_WORDS as ES
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    return frozenset(name_key(w) for w in FR | ES | EN)


_HEADLINE_RE = re.compile(
    r"(?:[A-ZÀ-Ý]{2,}[ \t]+){2,}(?=[A-ZÀ-Ý][a-zà-ÿ])|[A-ZÀ-Ý]{4,}[ \t]+(?=[A-ZÀ-Ý][a-zà-ÿ])"
)
"""Words in capitals (two, or one of four letters) before a name in mixed case: a headline
the model ran into the name after it ("RECURSOS Palma", "GOLPISTA Asunción"; not "FC
Barcelona", "EFE Baleares")."""
_BROKEN_ENTITY = re.compile(r"[a-zà-ÿ]{3}[.!?;]\s+[A-ZÀ-Ý]")
"""A sentence end inside an entity ("Fuerzas Armadas en Tacna. Unos"; not "EE. UU.", "Gen.")."""


def _is_place_name(name: str, index: NameIndex, blocked: frozenset[str]) -> bool:
    key = name_key(name)
    if len(key) < 3 or key in blocked:
        return False
    return bool(index.country_from_word(name)) or index.has_name(name)


_PARTICLES = frozenset(
    "de del la las los el y e do da dos das d l of the and et du des le les sur upon on au aux"
    " sous lès".split()
)


def _name_shaped(name: str) -> bool:
    """Whether every word of *name* is capitalised but its particles ("Marqués de
    Comillas", "Trinidad and Tobago"): "La misión" is a common noun the model took."""
    words = re.findall(r"[\wÀ-ÿ]+", name)
    return bool(words) and all(
        w[:1].isupper() or w[:1].isdigit() or w.casefold() in _PARTICLES for w in words
    )


_COORDINATION = re.compile(r"\s*(?:,|\b(?:and|y|e|et)\b)\s*")


def _list_items(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of ``norm[start:end]`` split at commas and "y"/"and"/"et": "Malleco y
    Cautín" -> the spans of "Malleco" and "Cautín" (the whole span when there is no list)."""
    parts, at = [], start
    for sep in [*_COORDINATION.finditer(norm, start, end), None]:
        part_end = sep.start() if sep else end
        if part_end > at:
            parts.append((at, part_end))
        if sep:
            at = sep.end()
    return parts


def _strong_place(
    name: str,
    index: NameIndex,
    min_population: int,
    regions: bool = True,
    exonyms: bool = False,
) -> bool:
    """A name the gazetteer is sure of: a country, a region (unless not *regions*) or a town
    of *min_population* under that name (nationality words are not names: "Honduran"). With
    *exonyms*, a one-word other name of a country counts too ("España", "Japón")."""
    key = name_key(name)
    if not name[:1].isupper() or len(key) < 3 or key in not_places():
        return False
    pairs = _lookup(index, name)
    for place, main_name in pairs:
        feature = getattr(place, "feature", "")
        if not main_name and not (exonyms and feature == "country" and " " not in name.strip()):
            continue  # an alternate name is too weak to overrule the model
        if feature == "country" or (regions and feature in ("admin1", "region")):
            return True
        if feature != "admin1" and (getattr(place, "population", 0) or 0) >= min_population:
            return True
    return False


def _mislabelled_places(
    norm: str,
    start: int,
    end: int,
    label: str,
    index: NameIndex,
    person_words: Collection[str] = (),
) -> list[tuple[int, int]]:
    """The places in an entity the model gave another label, when the whole span is made of
    names the gazetteer is sure of ("Culiacán and Mazatlán" as ORG, "Guayas" as PRODUCT,
    "Esmeraldas" as NORP: the English model on Spanish names). A longer name stays the
    organisation's ("Sinaloa Cartel"); a person needs a region or a city of a million
    ("Guayaquil"), and a country when the text gave the name to a person before
    (*person_words*): "Cienfuegos" (a Cuban province) after "Salvador Cienfuegos" is the man."""
    person = label in ("PER", "PERSON")
    floor = _MILLION if person else _BIG_CITY
    parts = _list_items(norm, start, end)
    if parts and all(
        _strong_place(
            norm[s:e],
            index,
            floor,
            regions=not (person and name_key(norm[s:e]) in person_words),
            exonyms=label != "NORP",  # "Argentine" (French for the country) as a nationality
        )
        for s, e in parts
    ):
        return parts
    return []


_FACILITIES = frozenset(w.casefold() for x in _LANGS for w in x.facility_nouns)
_OF_RE = re.compile(r"\b" + _phrases("place_of_words") + r"(?:\s+|(?<='))", re.IGNORECASE)


_DESTINATION_RE = re.compile(
    r"(?:^|[\s,;(])(?:a|en|hacia|desde|in|to|at|from|à|dans|vers|depuis)\s+$", re.IGNORECASE
)


def _destination_town(
    norm: str, start: int, end: int, index: NameIndex, countries: Collection[str]
) -> bool:
    """Whether a name the model gave another label is a town all the same: one name, right
    after a place preposition without an article ("50 a Reconquista": the model's MISC, the
    Reconquista), that names a town of the article's countries by its main name."""
    name = norm[start:end]
    if not countries or not _DESTINATION_RE.search(norm, max(0, start - 12), start):
        return False
    if not name[:1].isupper() or " " in name.strip() or name_key(name) in not_places():
        return False
    pairs = _lookup(index, name)
    return any(
        main and getattr(p, "feature", "") == "city" and getattr(p, "country_code", "") in countries
        for p, main in pairs
    )


def _implied_countries(norm: str, spans: Sequence[tuple[int, int]], index: NameIndex) -> list[str]:
    """The country of an article that names none, from the model's places: the country of
    the most populous place of each name, when one country holds most of them and at least
    two ("Rosario", "Santa Fe", "Rafaela": Argentina). Empty when the places disagree."""
    votes: Counter = Counter()
    for start, end in spans:
        best = max(
            (p for p, main in _lookup(index, norm[start:end]) if main),
            key=lambda p: getattr(p, "population", 0) or 0,
            default=None,
        )
        if best is not None and getattr(best, "country_code", None):
            votes[best.country_code] += 1
    if not votes:
        return []
    country, n = votes.most_common(1)[0]
    return [country] if n >= 2 and 2 * n > sum(votes.values()) else []


def _person_words(name: str) -> set[str]:
    """The keys of a person's capitalised words of three letters or more ("Daniel Noboa"):
    each is that person wherever the text names it alone."""
    return {name_key(w) for w in re.findall(r"[\wÀ-ÿ]{3,}", name) if w[:1].isupper()}


def _past_function_words(norm: str, start: int, end: int) -> int:
    """Where the name starts in a capitalised chunk that opens with function words ("En",
    "Se", "Que"): after the last of them."""
    while (word := _TOKEN_RE.match(norm, start, end)) and name_key(word.group(0)) in (
        _stop_words()
    ):
        start = word.end() + 1
    return start


def _clause_places(norm: str, start: int, end: int, index: NameIndex) -> list[tuple[int, int]]:
    """The capitalised names inside *norm[start:end]* that the gazetteer is sure of (a
    country, a region, a city of 100,000 people)."""
    out = []
    for match in _CAPITALISED_RE.finditer(norm, start, end):
        s, e = match.span()
        s = _past_function_words(norm, s, e)  # "Se calcula que en Colombia": "Colombia"
        if s < e and _strong_place(norm[s:e], index, _BIG_CITY, exonyms=True):
            out.append((s, e))
    return out


def _gaps(start: int, end: int, inner: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """*start:end* less the spans *inner* (sorted, inside it)."""
    out, at = [], start
    for s, e in inner:
        if s > at:
            out.append((at, s))
        at = e
    if at < end:
        out.append((at, end))
    return out


def _listed_places(
    norm: str, start: int, end: int, index: NameIndex, blocked: frozenset[str]
) -> list[tuple[int, int]]:
    """The places of one model entity that lists several ("Malleco y Cautín"): each part,
    when the whole is no name the gazetteer knows ("Trinidad y Tobago" stays whole) and every
    part is one; else nothing."""
    if _is_place_name(norm[start:end], index, blocked):
        return []
    parts = _list_items(norm, start, end)
    if len(parts) < 2 or not all(
        _name_shaped(norm[a:b]) and _is_place_name(norm[a:b], index, blocked) for a, b in parts
    ):
        return []
    return parts


_CROSSINGS = frozenset(w.casefold() for x in _LANGS for w in x.crossing_nouns)
_CROSSING_RE = re.compile(_phrases("crossing_nouns") + r"(?:\s+|(?<='))", re.IGNORECASE)


def _crossing_town(
    norm: str, start: int, end: int, index: NameIndex, notable: Callable[[str], bool]
) -> tuple[int, int] | None:
    """The town a border crossing of the model's is named after, when the gazetteer lacks the
    crossing: "Paso Colchane" -> Colchane; None otherwise."""
    if not _CROSSINGS:
        return None
    head = _CROSSING_RE.match(norm, start, end)
    if head is None or head.end() >= end:
        return None
    name = norm[head.end() : end]
    if not name[:1].isupper() or not _name_shaped(name) or index.has_name(norm[start:end]):
        return None
    if index.has_name(name) and notable(name):
        return head.end(), end
    return None


_KIND_RE = re.compile(r"\b" + _phrases("admin_kinds") + r"\s+(?:de\s+|del\s+|of\s+|d')?", re.I)
_LIST_GLUE = frozenset("y e and et , de del la las los el d' of the".split())


_TOWN_NOUN_RE = re.compile(r"\b" + _phrases("town_nouns") + r"\s+(?:de\s+|del\s+|of\s+|d')", re.I)
_DIVISIONS = ("admin1", "admin2")


def _listed_division(norm: str, start: int, end: int, index: NameIndex) -> bool:
    """Whether a name the model gave another label is one of a list of divisions or towns
    that a kind noun announces, and the gazetteer has one of that kind and name: "las
    provincias de Putumayo y Mariscal Ramón Castilla" (the model's person), "the cities of
    Cozumel and Rio Hondo" (its organisation)."""
    window = norm[max(0, start - 120) : start]
    nouns = [(m, _DIVISIONS) for m in _KIND_RE.finditer(window)]
    nouns += [(m, ("city",)) for m in _TOWN_NOUN_RE.finditer(window)]
    if not nouns:
        return False
    noun, features = max(nouns, key=lambda pair: pair[0].end())
    between = window[noun.end() :]
    if between.strip() and (
        re.search(r"[.;:()\n]", between) or not re.search(r"(?:,|\b(?:y|e|and|et))\s*$", between)
    ):
        return False  # only the names of the list and their commas and "y" since the noun
    for token in re.findall(r"[\wÀ-ÿ'.-]+|,", between):
        if token[:1].isupper() or token.casefold() in _LIST_GLUE:
            continue
        return False
    return any(
        getattr(p, "feature", "") in features for p, _main in _lookup(index, norm[start:end])
    )


def _place_of(
    norm: str,
    start: int,
    end: int,
    index: NameIndex,
    blocked: frozenset[str],
    notable: Callable[[str], bool],
) -> tuple[int, int] | None:
    """The town a building or site of the model's is in, when the gazetteer lacks the whole:
    "aeropuerto de Santander", "Estadio Nacional de Lima", "Palacio de Gobierno de La Paz"
    -> the name after the last "de"/"of" that the gazetteer takes on its own (a country, a
    region, a notable town), or None. Only after a facility noun ("Ejército de Nicaragua",
    "Corte de Apelaciones de Santiago" are institutions) and not after an article ("Palacio
    de la Magdalena", "estadio del Milenio" are named after something)."""
    head = _TOKEN_RE.match(norm, start)
    if head is None or head.group(0).casefold() not in _FACILITIES:
        return None
    ofs = [of for of in _OF_RE.finditer(norm, start, end) if of.start() > start]
    if not ofs:
        return None
    at = ofs[-1].end()
    tail = norm[at:end]  # "de La Paz" is in a town; "de la Magdalena" is a dedication
    if (
        _name_shaped(tail)
        and tail[:1].isupper()
        and _is_place_name(tail, index, blocked)
        and notable(tail)
    ):
        return at, end
    return None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def find_mentions(
    text: str,
    index: NameIndex,
    *,
    lang: str | None = "fr",
    nlp=None,
    min_population: int = 5000,
    keep_unknown: bool = False,
    countries: Collection[str] = (),
) -> list[Mention]:
    """Every place mention in *text*, sorted by offset, without overlaps.

    *index* is the gazetteer; *nlp* a spaCy pipeline with an ``ner`` (``None``: gazetteer and
    rules only, as for languages without a model). Gazetteer-only matches must be a country,
    a first-level region or a place of at least *min_population* people. With
    *keep_unknown*, NER places the gazetteer lacks are kept too (source ``"ner-unknown"``),
    for an online geocoder to try. A town of any size counts when it lies in one of
    *countries* (those the article names): "Palca" (189 people) in an article about Peru.
    """
    norm = normalize_text(text)
    blocked = not_places()

    def notable(name: str) -> bool:
        return _notable(name, index, min_population, countries)

    mentions = border_mentions(norm, index) + territory_mentions(norm, index)
    taken = [(m.start, m.end) for m in mentions]
    for start, end in _dateline_names(norm):
        # the longest name that ends the town's words: "Por Juan Núñez Madrid, 23 may"
        for at in [m.start() for m in re.finditer(r"[\wÀ-ÿ'-]+", norm[start:end])]:
            name = norm[start + at : end]
            if (
                name[:1].isupper()
                and name_key(name) not in _stop_words()
                and not _overlaps(start + at, end, taken)
                and _is_place_name(name, index, blocked)
                and notable(name)
            ):
                mentions.append(Mention(start + at, end, text[start + at : end], PLACE, "rule"))
                taken.append((start + at, end))
                break
    not_place_spans: list[tuple[int, int]] = (
        _acronym_spans(norm) + _article_spans(norm, index, lang) + _roster_spans(norm, index)
    )
    person_words: set[str] = set()
    chunks = list(_CAPITALISED_RE.finditer(norm))
    for start, end in _speaker_spans(norm, chunks, index, lang):
        not_place_spans.append((start, end))  # "Cabrera dijo": a person speaking
        person_words.update(_person_words(norm[start:end]))
    if nlp is not None:
        spans: list[tuple[int, int]] = []
        pending: list[tuple[int, int]] = []  # MISC/ORG names, in an article naming no country
        for ent in nlp(norm).ents:
            if _BROKEN_ENTITY.search(norm, ent.start_char, ent.end_char):
                continue  # a span across a sentence end is a model error, not evidence
            headline = _HEADLINE_RE.match(norm, ent.start_char, ent.end_char)
            if headline:  # "SOLDADOS ISRAELIES Beirut": a headline ran into the dateline
                if ent.label_ in PLACE_LABELS:
                    spans.append((headline.end(), ent.end_char))
                continue
            if ent.label_ in PLACE_LABELS:
                parts = _listed_places(norm, ent.start_char, ent.end_char, index, blocked)
                town = _crossing_town(norm, ent.start_char, ent.end_char, index, notable)
                spans += parts or ([town] if town else [(ent.start_char, ent.end_char)])
            elif ent.label_ in NOT_PLACE_LABELS:
                parts = _mislabelled_places(
                    norm, ent.start_char, ent.end_char, ent.label_, index, person_words
                )
                if parts:
                    spans += parts
                    continue
                if _listed_division(norm, ent.start_char, ent.end_char, index):
                    spans.append((ent.start_char, ent.end_char))
                    continue
                if ent.label_ in ("MISC", "PER", "ORG") and not _name_shaped(
                    norm[ent.start_char : ent.end_char]
                ):
                    # a clause the model took for a name ("Se calcula que en Colombia"): the
                    # countries, regions and cities in it stay places
                    inner = _clause_places(norm, ent.start_char, ent.end_char, index)
                    spans += inner
                    not_place_spans += _gaps(ent.start_char, ent.end_char, inner)
                    continue
                if ent.label_ in ("MISC", "ORG") and not countries:
                    pending.append((ent.start_char, ent.end_char))
                    continue  # decided once the model's places say the article's country
                if ent.label_ in ("MISC", "ORG") and _destination_town(
                    norm, ent.start_char, ent.end_char, index, countries
                ):
                    spans.append((ent.start_char, ent.end_char))
                    continue
                not_place_spans.append((ent.start_char, ent.end_char))
                if ent.label_ in ("PER", "PERSON"):
                    bracket = _BRACKET_AFTER_RE.match(norm, ent.end_char)
                    if bracket and not index.country_from_word(bracket.group(1)):
                        # "Suárez (Toledo)": the person's team, party or seat; a country
                        # is their nationality ("Moser (Italie)")
                        not_place_spans.append(bracket.span(1))
                    person_words.update(_person_words(norm[ent.start_char : ent.end_char]))
        implied = _implied_countries(norm, spans, index) if pending else []
        for start, end in pending:
            if _destination_town(norm, start, end, index, implied):
                spans.append((start, end))
            else:
                not_place_spans.append((start, end))
        for start, end in sorted(spans):
            if name_key(norm[start:end]) in blocked:  # "du Nord" before "Nord" is stripped
                not_place_spans.append((start, end))
                continue
            junk = _LEADING_JUNK.match(norm[start:end])
            if (
                junk
                and not _CAPITAL_ARTICLE.fullmatch(junk.group(0).strip())
                and (
                    norm[start].islower()
                    or not (
                        _is_place_name(norm[start:end], index, blocked)
                        and _name_shaped(norm[start:end])
                    )
                )
            ):
                # "provinces de Lima" -> "Lima"; "La Yarada" stays whole; "provincia de
                # Cáceres" (an alternate name of the province) -> "Cáceres"; "de Estados
                # Unidos" -> "Estados Unidos"
                start += junk.end()
            key = name_key(norm[start:end])
            if key in _stop_words() or key in _DAY_WORDS:
                not_place_spans.append((start, end))  # "Hier", "Pero": a word, not a place
                continue
            if start >= end or _overlaps(start, end, taken + not_place_spans):
                continue
            # the model cut a longer name: "Sánchez" of "Sánchez Carrión", "Marqués" of
            # "Marqués de Comillas"
            wide = _longest_name(norm, start, end, lambda n: _is_place_name(n, index, blocked))
            if wide != (start, end) and not _overlaps(*wide, taken):
                start, end = wide
            if _AFTER_TITLE.search(norm, max(0, start - 20), start):
                not_place_spans.append((start, end))  # "Governor Quirino": a person
                continue
            name = norm[start:end]
            if not _name_shaped(name) or not _is_place_name(name, index, blocked):
                # "aeropuerto de Santander", "Estadio Nacional de Lima": the place the
                # unknown one is of
                tail = _place_of(norm, start, end, index, blocked, notable)
                if tail is not None:
                    mentions.append(Mention(*tail, text[slice(*tail)], PLACE, "ner"))
                    taken.append(tail)
            if not _name_shaped(name):
                not_place_spans.append((start, end))  # "La misión": a common noun
                continue
            if name_key(name) in person_words and not _strong_place(name, index, _BIG_CITY):
                not_place_spans.append((start, end))  # "Noboa" after "Daniel Noboa"
                continue
            if _is_place_name(name, index, blocked):
                mentions.append(Mention(start, end, text[start:end], PLACE, "ner"))
                taken.append((start, end))
            elif keep_unknown and name_key(name) not in blocked and len(name_key(name)) >= 3:
                mentions.append(Mention(start, end, text[start:end], PLACE, "ner-unknown"))
                taken.append((start, end))
            else:
                not_place_spans.append((start, end))
    for match in chunks:
        _complete_from_gazetteer(
            text,
            norm,
            match.start(),
            match.group(0),
            index,
            blocked,
            notable,
            taken,
            mentions,
            person_words,
            not_place_spans,
        )
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _complete_from_gazetteer(
    text: str,
    norm: str,
    offset: int,
    chunk: str,
    index: NameIndex,
    blocked: frozenset[str],
    notable: Callable[[str], bool],
    taken: list[tuple[int, int]],
    out: list[Mention],
    person_words: Collection[str] = (),
    vetoed: Sequence[tuple[int, int]] = (),
) -> None:
    """Add the longest gazetteer names inside a capitalised chunk (left to right).

    The model's other entities (*vetoed*) block the names they overlap, unless the model
    split a region's name between two of them ("Gracias" PERSON, "Dios" ORG: "Gracias a
    Dios", a department of Honduras)."""
    words = list(re.finditer(r"[\wÀ-ÿ]+", chunk))
    i = 0
    while i < len(words):
        for j in range(len(words) - 1, i - 1, -1):
            start = offset + words[i].start()
            end = offset + words[j].end()
            name = norm[start:end]
            if not name[:1].isupper() or _overlaps(start, end, taken):
                continue
            if _overlaps(start, end, vetoed) and not _split_region(start, end, vetoed, name, index):
                continue
            if name_key(name) in _stop_words():  # NER did not call it a place: a function word
                continue
            if name.isupper() and len(name) > 3:
                continue  # a headline in capitals ("PRESIDA REUNION"): the model decides
            if i == j and name_key(name) in _NOT_NAMES:
                continue  # "August", "Secretary", "Southern" on the gazetteer's word alone
            if i == j and name_key(name) in person_words:
                continue  # "Bernal" after "Juan Bernal": a person the text names
            if _AFTER_TITLE.search(norm, max(0, start - 20), start):
                continue  # "Governor Quirino", "general Sánchez": a person
            if (
                i == j
                and _SENTENCE_START_RE.search(norm[max(0, start - 3) : start])
                and not _whole_line(norm, start, end)
            ):
                continue  # one capitalised word opening a sentence says nothing on its own
            if _is_place_name(name, index, blocked):
                if notable(name):
                    out.append(Mention(start, end, text[start:end], PLACE, "gazetteer"))
                    taken.append((start, end))
                if i < j or notable(name):
                    i = j  # a small "San Ysidro" is no "San" (a town of Mali)
                    break
        i += 1


_ROSTER_BRACKET_RE = re.compile(r"\(\s*([A-ZÀ-Ý][\wÀ-ÿ.'-]*(?:[ \t]+[\wÀ-ÿ.'-]+){0,3}?)\s*\)")
_ROSTER_GAP_RE = re.compile(
    r"[ \t]*(?:[,;][ \t]*)?(?:(?:y|e|et|and|a)[ \t]+)?"
    r"(?:(?:[A-ZÀ-Ý][\wÀ-ÿ.'-]*|de|del|la|las|los|da|do|dos)[ \t]*"
    r"(?:,[ \t]*|(?:y|e|et|and)[ \t]+)?){1,8}"
)
"""What may lie between two brackets of a roster: names, their particles, commas and "y"."""
_ROSTER_MIN = 3
_CONTAINED_KM = 150.0


def _roster_spans(norm: str, index: NameIndex) -> list[tuple[int, int]]:
    """A run of three or more "Name (Name)" items in one sentence where the names do not lie
    in their brackets' places is a roster of people and their teams, parties or seats:
    "Unai (Mérida), Fede Marín (Toledo), Méndez (Recreativo) y Goio (Eibar)". None of its
    names is a place but a country (a nationality: "Tarango (USA)"). A list of places with
    their regions ("Palca (Tacna), Ite (Jorge Basadre) y Tarata (Tarata)") is no roster:
    most of its names lie within 150 km of their bracket's place."""
    brackets = list(_ROSTER_BRACKET_RE.finditer(norm))
    runs: list[list[re.Match]] = []
    for match in brackets:
        if runs and _ROSTER_GAP_RE.fullmatch(norm, runs[-1][-1].end(), match.start()):
            runs[-1].append(match)
        else:
            runs.append([match])
    spans: list[tuple[int, int]] = []
    for run in runs:
        if len(run) < _ROSTER_MIN:
            continue
        start = run[0].start()
        before = list(_CAPITALISED_RE.finditer(norm, max(0, start - 60), start))
        if before and not norm[before[-1].end() : start].strip():
            start = before[-1].start()  # the first item's name
        pairs = 0
        contained = 0
        for prev_end, match in zip([start] + [m.end() for m in run[:-1]], run, strict=True):
            names = list(_CAPITALISED_RE.finditer(norm, prev_end, match.start()))
            if not names:
                continue
            pairs += 1
            if _lies_in(names[-1].group(0), match.group(1), index):
                contained += 1
        if pairs < _ROSTER_MIN or 2 * contained >= pairs:
            continue
        for name in _CAPITALISED_RE.finditer(norm, start, run[-1].end()):
            if not index.country_from_word(name.group(0)):
                spans.append(name.span())
    return spans


def _lies_in(name: str, container: str, index: NameIndex) -> bool:
    """Whether a place called *name* lies in (or near) one called *container*, or
    *container* is a country."""
    if index.country_from_word(container):
        return True
    outer = [_point(p) for p, _m in _lookup(index, container)]
    for place, _main in _lookup(index, name):
        here = _point(place)
        for there in outer:
            if here[0] == there[0] and haversine_km(*here[1:], *there[1:]) <= _CONTAINED_KM:
                return True
    return False


def _point(place: object) -> tuple[str | None, float, float]:
    return (
        getattr(place, "country_code", None),
        getattr(place, "latitude", 0.0),
        getattr(place, "longitude", 0.0),
    )


_BRACKET_AFTER_RE = re.compile(r"\s*\(\s*([A-ZÀ-Ý][^()\n]{0,40}?)\s*\)")
"""A bracketed name right after another: what a person's bracket holds is theirs."""
_BRACKETED_RE = re.compile(r"\(([A-ZÀ-Ý][\wÀ-ÿ.]{1,11})\)")
_WORDS_BEFORE_RE = re.compile(r"[\wÀ-ÿ]+")


def _acronym_spans(norm: str) -> list[tuple[int, int]]:
    """Bracketed acronyms of the name before them: "Unidades de Reacción Rápida (Urra)",
    "Servicio Bolivariano de Inteligencia Nacional (Sebin)": no place, whatever a village is
    called. The initials of the capitalised words before the bracket, read in order, must
    start the acronym and make up all but two of its letters at most."""
    spans = []
    for match in _BRACKETED_RE.finditer(norm):
        letters = name_key(match.group(1)).replace(".", "").replace(" ", "")
        words = _WORDS_BEFORE_RE.findall(norm[max(0, match.start() - 120) : match.start()])
        initials = ""
        for word in reversed(words):
            if word[:1].isupper():
                initials = name_key(word)[:1] + initials
            elif len(word) > 3:
                break  # the name ended: a lowercase word that is no "de", "of", "la"
            if len(initials) >= len(letters):
                break
        while len(initials) >= 2:
            if _starts_subsequence(initials, letters) and len(letters) <= len(initials) + 2:
                spans.append(match.span(1))
                break
            initials = initials[1:]  # "El ministro ... de la Fuerza Armada (FANB)"
    return spans


@lru_cache(maxsize=8)
def _name_article_re(lang: str | None) -> re.Pattern | None:
    words = sorted({w for x in languages(lang) for w in x.name_articles}, key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(map(re.escape, words))
    return re.compile(rf"(?<![\wÀ-ÿ])(?:{alt})[ \t]+(?=[A-ZÀ-Ý])")


def _article_spans(norm: str, index: NameIndex, lang: str | None) -> list[tuple[int, int]]:
    """Town names after an article a town never takes: "el Valencia" (the club), "la
    Constitución", "del Torreón". Not a name that may take it (a country, a region: "el Perú",
    "el Cusco", "del Cauca"), nor one whose article is its own ("El Paso", "del Cairo": a
    place named with the article as big as any named without it), nor
    inside a longer name ("Santillana del Mar": the article is lower case after a capital) or
    a site's ("la plaza del Pradillo")."""
    pattern = _name_article_re(lang)
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(norm):
        window = norm[max(0, match.start() - 40) : match.start()]
        head = re.search(r"(?:([\wÀ-ÿ]+)[ \t]+)?([\wÀ-ÿ]+)[ \t]*$", window)
        if head and (
            (head.group(2)[:1].isupper() and not _SENTENCE_START_RE.search(window[: head.start(2)]))
            or head.group(2).casefold() in _FACILITIES
            or (head.group(2) in _PARTICLES and (head.group(1) or "")[:1].isupper())
        ):
            continue  # "Santillana del Mar", "Región del Biobío", "la plaza del Pradillo",
            # "Jerez de la Frontera"
        name = _CAPITALISED_RE.match(norm, match.end())
        if name is None or " " in name.group(0):
            continue
        article = match.group(0).strip()
        own = "El" if article in ("del", "al") else article.capitalize()
        every = _lookup(index, name.group(0))
        pairs = [p for p, main in every if main]
        if not pairs or any(
            getattr(p, "feature", "") in ("country", "admin1", "region") for p, _m in every
        ):
            continue  # no town, or a name that may take an article: "el Perú", "del Líbano"
        with_article = _lookup(index, f"{own} {name.group(0)}")
        if with_article and _most_people(p for p, _m in with_article) >= _most_people(pairs):
            continue  # "El Paso", "del Cairo" (El Cairo); not the hamlet "La Constitución"
        spans.append(name.span())
    return spans


def _most_people(places: Iterable[object]) -> int:
    return max((getattr(p, "population", 0) or 0 for p in places), default=0)


_OF_BEFORE_RE = re.compile(r"(?<![\wÀ-ÿ])" + _phrases("place_of_words") + r"\s+$", re.I)


@lru_cache(maxsize=8)
def _speech_res(lang: str | None) -> tuple[re.Pattern, re.Pattern, re.Pattern] | None:
    verbs = sorted({w for x in languages(lang) for w in x.speech_verbs}, key=len, reverse=True)
    if not verbs:
        return None
    alt = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in verbs)
    aside = r"(?:,\s*[a-zà-ÿ][^,.;:\n]{0,28},)?"  # ", por su parte,"; never a name
    after = re.compile(rf"\s*{aside}\s+(?:{alt})(?![\wÀ-ÿ])", re.IGNORECASE)
    before = re.compile(rf"(?<![\wÀ-ÿ])(?:{alt})\s+$", re.IGNORECASE)
    leading = re.compile(rf"(?:{alt})\s+", re.IGNORECASE)  # "Según León": one chunk
    return after, before, leading


def _speaker_spans(
    norm: str, chunks: Sequence[re.Match], index: NameIndex, lang: str | None
) -> list[tuple[int, int]]:
    """Names that speak: right before a verb of saying ("Cabrera dijo", "León, por su parte,
    afirmó") or right after one ("agregó Barrena", "según León"). A person or a body, not a
    place, unless the name is a country, a region or a city of a million, which speak for
    their governments ("Venezuela afirmó"). *chunks*: the text's capitalised chunks."""
    res = _speech_res(lang)
    if res is None:
        return []
    after, before, leading = res
    spans = []
    for match in chunks:
        start, end = match.span()
        lead = leading.match(norm, start, end)
        if lead:
            start = lead.end()
        spoke = after.match(norm, end) and not _OF_BEFORE_RE.search(norm, max(0, start - 8), start)
        if not (lead or spoke or before.search(norm, max(0, start - 30), start)):
            continue  # "la bolsa de Fráncfort aseguró": the town of a body that speaks
        start = _past_function_words(norm, start, end)  # "En Tacna dijo": "Tacna"
        if start < end and not _strong_place(norm[start:end], index, _MILLION, exonyms=True):
            spans.append((start, end))
    return spans


def _starts_subsequence(initials: str, letters: str) -> bool:
    if not letters.startswith(initials[:1]):
        return False
    rest = iter(letters)
    return all(ch in rest for ch in initials)


def _split_region(
    start: int, end: int, vetoed: Sequence[tuple[int, int]], name: str, index: NameIndex
) -> bool:
    """Whether two or more of the model's entities lie inside a region's whole name."""
    inside = [(s, e) for s, e in vetoed if s < end and start < e]
    return (
        len(inside) >= 2
        and all(start <= s and e <= end for s, e in inside)
        and _strong_place(name, index, _MILLION)
    )


def _whole_line(norm: str, start: int, end: int) -> bool:
    """Whether a name is a line of its own (an item of a list, one name a line)."""
    before = norm.rfind("\n", 0, start)
    after = norm.find("\n", end)
    after = len(norm) if after < 0 else after
    return not norm[before + 1 : start].strip(" \t-•*·") and not norm[end:after].strip(" \t.,;")


def _notable(
    name: str, index: NameIndex, min_population: int, countries: Collection[str] = ()
) -> bool:
    """Whether a name found by the gazetteer alone is worth taking as a place.

    Countries, regions and supplement places are; a town must bear the name as its main name
    and have *min_population* people, or be a city of 100,000 under another of its names
    ("Rien" is a German alternate name of Riehen, 20,000 people: not enough).
    """
    if index.country_from_word(name):
        return True
    pairs = _lookup(index, name)
    for place, main_name in pairs:
        feature = getattr(place, "feature", "")
        if feature in ("country", "admin1", "border") or getattr(place, "source", "") == (
            "supplement"
        ):
            return True
        population = getattr(place, "population", 0) or 0
        if population >= (min_population if main_name else _BIG_CITY):
            return True
        if main_name and getattr(place, "country_code", None) in countries:
            return True
    return False
