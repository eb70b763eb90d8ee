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
from dataclasses import dataclass
from functools import lru_cache

# --- numbers ---------------------------------------------------------------------------------

_UNITS: dict[str, int] = {
    # French
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
    "octante": 80, "nonante": 90,
    # Spanish
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintidós": 22,
    "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
    "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
    "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_HUNDREDS = {"cent", "cents", "cien", "ciento", "hundred", "hundreds"}
_THOUSANDS = {"mille", "mil", "thousand", "milliers"}
_MILLIONS = {"million", "millions", "millón", "millon", "millones"}
_JOINERS = {"et", "y", "and"}
_SINGULAR = {"un", "une", "uno", "una", "one", "a"}

_NUMBER_WORDS = sorted(
    set(_UNITS) | _HUNDREDS | _THOUSANDS | _MILLIONS | {"dix", "six"}, key=len, reverse=True
)
_WORD = "(?:" + "|".join(map(re.escape, _NUMBER_WORDS)) + ")"
WORD_NUMBER = rf"\b{_WORD}(?:(?:[\s-]+(?:(?:et|y|and)[\s-]+)?){_WORD})*\b"
"""Regex source of a number written in words (FR/ES/EN)."""

DIGIT_NUMBER = (
    r"(?<![\w.,])\d{1,3}(?:(?:[.,]|[ \u00a0\u202f])\d{3})+(?![\d])|(?<![\w.,])\d+(?![\d])"
)
"""Regex source of a number in digits: "5.200", "5,200", "5 200", "5200"."""

_MIXED = rf"(?:{DIGIT_NUMBER})(?:[\s\u00a0]+(?:mille|mil|thousand|millions?|millones|millón))?"


def parse_number(text: str) -> int | None:
    """Parse "5.200", "5 200", "5,200", "cinq mille", "deux cents", "dos mil", "5 mille"."""
    s = text.strip().casefold().replace("\u00a0", " ").replace("\u202f", " ")
    if not s:
        return None
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

QUALIFIERS: dict[str, str] = {
    # French
    "plus de": "at_least", "un peu plus de": "at_least", "au moins": "at_least",
    "pas moins de": "at_least", "au minimum": "at_least", "quelque": "about",
    "quelques": "about", "environ": "about", "près de": "about", "presque": "about",
    "autour de": "about", "approximativement": "about", "à peu près": "about",
    "un maximum de": "at_most", "au maximum": "at_most", "maximum": "at_most",
    "jusqu'à": "at_most", "moins de": "at_most", "pas plus de": "at_most",
    # Spanish
    "más de": "at_least", "mas de": "at_least", "al menos": "at_least",
    "por lo menos": "at_least", "como mínimo": "at_least", "unos": "about", "unas": "about",
    "alrededor de": "about", "cerca de": "about", "aproximadamente": "about",
    "casi": "about", "un máximo de": "at_most", "hasta": "at_most", "menos de": "at_most",
    # English
    "more than": "at_least", "over": "at_least", "at least": "at_least", "about": "about",
    "around": "about", "some": "about", "approximately": "about", "nearly": "about",
    "roughly": "about", "an estimated": "about", "almost": "about", "up to": "at_most",
    "as many as": "at_most", "a maximum of": "at_most", "fewer than": "at_most",
    "less than": "at_most", "no more than": "at_most",
}  # fmt: skip

_NAT_WORD = r"(?:[A-ZÉ][\w.-]*|étrangers?|étrangères?|extranjer[oa]s|foreign)"

_FORCE_COMPLEMENT = (
    r"(?:de\s+la|des|du|de\s+l'|de|del|de\s+las|de\s+los)\s+"
    r"(?:garde\s+nationale|guardia\s+nacional|forces\s+armées|fuerzas\s+armadas|armée"
    r"|ejército|police|policía|marine|armada|gendarmerie|forces\s+(?:de\s+sécurité|spéciales)"
    r"|fuerzas\s+(?:de\s+seguridad|especiales)|forces\s+de\s+l'ordre|infanterie\s+de\s+marine"
    r"|armée\s+de\s+l'air|fuerza\s+aérea|corps\s+des\s+marines|la\s+patrouille\s+frontalière"
    r"|patrouille\s+frontalière|forces|fuerzas|troupes)"
)
_FR_NOUNS = (
    r"(?:soldats?|militaires?|troupes|gendarmes?|policiers?|parachutistes?|réservistes?"
    r"|marines|commandos?|gardes?\s+nationaux|gardes?-frontières|garde-côtes|casques\s+bleus"
    r"|(?:hommes|femmes|membres|éléments|agents|effectifs|personnels?)\s+"
    + _FORCE_COMPLEMENT
    + r"|agents\s+(?:de\s+police|de\s+sécurité|fédéraux|de\s+la\s+police)"
    r"|(?:hommes|effectifs)\s+(?:armés|en\s+uniforme)|effectifs\s+militaires"
    r"|personnel\s+militaire|membres\s+du\s+personnel\s+militaire|hommes)"
)
_ES_NOUNS = (
    r"(?:soldados|militares|tropas|efectivos|uniformados|policías|agentes|marines"
    r"|infantes\s+de\s+marina|guardias\s+nacionales|guardias|carabineros|gendarmes"
    r"|(?:miembros|elementos|integrantes|efectivos|agentes|hombres)\s+"
    + _FORCE_COMPLEMENT
    + r"|elementos|personal\s+militar|hombres)"
)
_EN_NOUNS = (
    r"(?:(?:(?:U\.S\.|US|American|active[- ]duty|additional|more|new|armed|federal|foreign"
    r"|military|Army|Marine|Navy|Air\s+Force|Border\s+Patrol|regular|reserve|[A-Z][a-z]+an)"
    r"\s+){0,3}"
    r"(?:National\s+Guard(?:\s+(?:members|troops|soldiers|personnel|forces))?|Guardsmen"
    r"|guardsmen|troops|soldiers|service\s*members|servicemembers|military\s+personnel"
    r"|personnel|Marines|marines|sailors|airmen|police\s+officers|police|officers|agents"
    r"|paratroopers|members\s+of\s+the\s+(?:National\s+Guard|armed\s+forces|military)))"
)
_NOUNS = {"fr": _FR_NOUNS, "es": _ES_NOUNS, "en": _EN_NOUNS}

_ELIDED = (
    r"(?:d'entre\s+eux\s+|de\s+ellos\s+|of\s+them\s+)?"
    r"(?:ont|avaient|auront|sont|seront|étaient|ont\s+déjà|sont\s+déjà|fueron|han\s+sido"
    r"|serán|están|were|have\s+been|had\s+been|will\s+be|are\s+being|are|already)"
    r"(?:\s+(?:été|déjà|sido|been|already))*\s+"
    r"(?:déployé|envoyé|mobilisé|dépêché|stationné|desplegad|enviad|movilizad|deployed"
    r"|sent|dispatched|stationed|mobilized|mobilised)"
)
_BLOCKERS = re.compile(
    r"(?:\b(?:loi|lois|article|articles|art|n°|no|numéro|décret|paragraphe|ley|artículo"
    r"|law|section|page|km|kilomètres?|ans?|année|años?|years?)\.?\s*$)",
    re.IGNORECASE,
)


_WEAK_NOUNS = {"hommes", "hombres", "elementos", "agentes", "personnel", "officers", "agents"}
"""Nouns that count troops only near a military/police word ("2.000 hommes" deployed)."""
_CONTEXT = re.compile(
    r"\b(?:d[ée]ploy|d[ée]ploi|militaire|armée|soldat|police|policier|garde|troupe|gendarm"
    r"|despleg|despliegue|militar|ejército|policía|guardia|tropa|deploy|troop|military|army"
    r"|police|guard|soldier)",
    re.IGNORECASE,
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
    langs = [lang] if lang in _NOUNS else list(_NOUNS)
    nouns = "|".join(_NOUNS[x] for x in langs)
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
    found.sort(key=lambda f: f.start)
    return found


_COLLECTIVE = {"centaine": 100, "millier": 1000, "centenar": 100, "millar": 1000}


def _approximate_collectives(text: str, lang: str, taken: list[ForceSize]) -> list[ForceSize]:
    """'une centaine de soldats' (about 100), 'un millier de militaires' (about 1000)."""
    nouns = "|".join(_NOUNS[x] for x in ([lang] if lang in _NOUNS else list(_NOUNS)))
    pattern = re.compile(
        rf"\b(?:une|un)\s+(?P<coll>centaine|millier|centenar|millar)\s+(?:de|d')\s*"
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
