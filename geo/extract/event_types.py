"""Deployment types and actors of a sentence, from trigger lexicons (FR first, ES, EN).

``classify_sentence(sentence)`` returns every :class:`TypeHit`: an ``event_type`` of
:data:`.EVENT_TYPES`, the trigger words as written, their offsets in the sentence and a
score (the trigger's weight, lowered when a trigger that needs an armed force finds none in the
sentence). A sentence can have several types; :func:`best_type` picks one.

``find_actors(sentence)`` returns :class:`ActorMention` s: the force as written and normalised
("armed forces", "army", "national guard", "police", "military"...) and the nationality word
attached to it ("américains", "péruviennes", "des États-Unis"), with offsets. Mapping the
nationality to an ISO code is left to the gazetteer.

Offsets are into the sentence given (add the sentence's start for article offsets). Matching
is case-insensitive and expects ASCII apostrophes (:func:`geo.text.normalize_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.extract.counts import ForceSize, find_force_sizes
from geo.extract.lang import LangWords, every_language, languages, words
from geo.table.schema import EVENT_TYPES


@dataclass(frozen=True)
class TypeHit:
    """One trigger of a deployment type in a sentence."""

    event_type: str
    trigger: str
    start: int
    end: int
    score: float
    negated: bool = False
    hypothetical: bool = False


@dataclass(frozen=True)
class ActorMention:
    """An armed or security force named in a sentence, with its nationality word if any."""

    start: int
    end: int
    text: str
    force: str
    nationality_text: str | None = None
    nationality_start: int | None = None
    nationality_end: int | None = None


# --- actors ----------------------------------------------------------------------------------

# Forces and nationalities follow the language (every language when unknown); the words
# around them (modifiers, negations...) are read in every language.


def _phrase(words: str) -> str:
    return re.escape(words).replace(r"\ ", r"\s+")


def _nationality(lang: LangWords) -> str:
    """Regex of the nationality adjectives of *lang*."""
    return "(?:" + "|".join(lang.nationality_stems) + ")" + lang.nationality_ending


_LANGS = every_language()
_MODIFIERS = r"(?:\s+(?:" + "|".join(w for x in _LANGS for w in x.actor_modifiers) + "))*"
_OF_COUNTRY = (
    r"(?:des|du|de\s+la|de\s+l'|de|d'|del|de\s+los|of\s+the|of)\s*"
    r"(?P<of>(?:États-Unis|Etats-Unis|Estados\s+Unidos|EE\.\s?UU\.|United\s+States"
    r"|[A-ZÉÈÎ][\w'-]+(?:\s+[A-ZÉ][\w'-]+)?))"
)


@lru_cache(maxsize=8)
def _actor_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    alts = [f"(?P<f{i}>{src})" for i, (src, _) in enumerate(_force_list(lang))]
    force = re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)
    nat = "|".join(_nationality(x) for x in languages(lang))
    after = re.compile(
        _MODIFIERS + r"(?P<coord>\s+et\s+(?:la|le|les|l')\s*\S+(?:\s+nationale?s?)?)?"
        r"\s+(?:(?P<adj>\b(?:" + nat + r"))\b|" + _OF_COUNTRY + r")",
        re.IGNORECASE,
    )
    before = re.compile(r"(?P<adj>\b(?:" + nat + r"))\s+(?:\w+\s+)?$", re.IGNORECASE)
    return force, after, before


@lru_cache(maxsize=8)
def _force_list(lang: str) -> list[tuple[str, str]]:
    return [item for x in languages(lang) for item in x.forces]


_NOT_COUNTRY = re.compile(
    "^(?:" + "|".join(re.escape(w) for x in _LANGS for w in x.not_country) + ")$",
    re.IGNORECASE,
)


_COORD = re.compile(r"\s+(?:et|y|and)\s+(?:la|le|les|l'|el|the)?\s*", re.IGNORECASE)


def find_actors(sentence: str, lang: str = "fr") -> list[ActorMention]:
    """Armed/security forces named in *sentence*, with their nationality word when attached."""
    lang = (lang or "any").casefold()[:2]
    force_re, after_re, before_re = _actor_patterns(lang)
    forces = _force_list(lang)
    found: list[ActorMention] = []
    for m in force_re.finditer(sentence):
        index = next(i for i, v in enumerate(m.groups()) if v is not None)
        # group order == _force_list order because every alternative is one named group
        name = forces[_group_index(m, index)][1]
        nat_text = nat_start = nat_end = None
        tail = after_re.match(sentence, m.end())
        if tail and tail.group("adj"):
            nat_text, nat_start, nat_end = tail.group("adj"), tail.start("adj"), tail.end("adj")
        elif tail and tail.group("of") and not _NOT_COUNTRY.match(tail.group("of")):
            start = tail.start("of")
            prefix = re.search(r"(?:des|du|de\s+la|de\s+l'|de|d'|del|of\s+the|of)\s*$",
                               sentence[: start])  # fmt: skip
            nat_start = prefix.start() if prefix else start
            nat_text, nat_end = sentence[nat_start : tail.end("of")], tail.end("of")
        else:
            head = before_re.search(sentence, max(0, m.start() - 30), m.start())
            if head and lang in ("en", "an"):
                nat_text, nat_start, nat_end = head.group("adj"), head.start("adj"), head.end("adj")
        found.append(
            ActorMention(m.start(), m.end(), m.group(0), name, nat_text, nat_start, nat_end)
        )
    # "les forces armées et la police nationale péruviennes": share the nationality
    for i, actor in enumerate(found):
        if actor.nationality_text is None and i + 1 < len(found):
            nxt = found[i + 1]
            between = sentence[actor.end : nxt.start]
            if nxt.nationality_text and _COORD.fullmatch(between):
                found[i] = ActorMention(actor.start, actor.end, actor.text, actor.force,
                                        nxt.nationality_text, nxt.nationality_start,
                                        nxt.nationality_end)  # fmt: skip
    return found


def _group_index(m: re.Match[str], positional: int) -> int:
    """Index of the named alternative ``f<i>`` that matched."""
    for key, value in m.groupdict().items():
        if value is not None and key.startswith("f"):
            return int(key[1:])
    return positional


# --- event types -----------------------------------------------------------------------------


def _alt(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


_ENTRY_BEFORE = re.compile(
    _alt([_phrase(w) for x in _LANGS for w in x.entry_nouns])
    + r"\s+"
    + _alt([_phrase(w) for x in _LANGS for w in x.entry_of])
    + r"(?:(?:\s+|(?<='))[^\s']+'?){0,4}\s*$",
    re.IGNORECASE,
)
_ENTRY_AFTER = re.compile(
    r"(?:\s+\S+){0,3}?\s+(?:"
    + "|".join(_phrase(w) + r"\s+" for x in _LANGS for w in x.entry_to)
    + ")?"
    + _alt([w for x in _LANGS for w in x.entry_verbs])
    + r"\b",
    re.IGNORECASE,
)
# "sur le sol péruvien", "en territorio peruano"; English puts the adjective first.
_FOREIGN_SOIL = re.compile(
    _alt([w for x in _LANGS for w in x.soil_words])
    + r"\s+(?P<host>"
    + "|".join(_nationality(x) for x in _LANGS if x.soil_words)
    + r")\b|on\s+(?P<host_en>"
    + _nationality(words("en"))
    + r")\s+soil",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b" + _alt([w for x in _LANGS for w in x.negation_words]) + r"\b[^.;,]{0,25}$",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b" + _alt([w for x in _LANGS for w in x.hypothetical_words]) + r"\b[^.;]{0,40}$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _trigger_patterns(lang: str) -> list[tuple[str, re.Pattern[str], float, bool]]:
    return [
        (etype, re.compile(r"\b(?:" + _trigger(src, x) + r")\b", re.IGNORECASE), weight, needs)
        for x in languages(lang)
        for etype, src, weight, needs in x.triggers
    ]


def _trigger(source: str, lang: LangWords) -> str:
    return source.replace("{nationality}", _nationality(lang))


def _flags(sentence: str, start: int) -> tuple[bool, bool]:
    before = sentence[max(0, start - 40) : start]
    return bool(_NEGATION.search(before)), bool(_HYPOTHETICAL.search(before))


def classify_sentence(
    sentence: str,
    lang: str = "fr",
    *,
    actors: list[ActorMention] | None = None,
    sizes: list[ForceSize] | None = None,
    force_nearby: bool = False,
) -> list[TypeHit]:
    """Every deployment-type trigger in *sentence*, sorted by offset (may be empty).

    *actors* and *sizes* are the sentence's :func:`find_actors` and
    :func:`~geo.extract.counts.find_force_sizes`, when the caller has them already.
    *force_nearby*: the sentence before named the force ("6 mil 300 agentes de la Guardia
    Nacional. El personal desplegado en..."), so triggers that need one have it.
    """
    lang = (lang or "any").casefold()[:2]
    actors = find_actors(sentence, lang) if actors is None else actors
    sizes = find_force_sizes(sentence, lang) if sizes is None else sizes
    has_force = bool(actors) or bool(sizes) or force_nearby
    hits: list[TypeHit] = []
    taken: list[tuple[int, int, str]] = []
    for etype, pattern, weight, needs_force in _trigger_patterns(lang):
        for m in pattern.finditer(sentence):
            if m.end() <= m.start():
                continue
            if any(t == etype and s < m.end() and m.start() < e for s, e, t in taken):
                continue
            score = weight if (has_force or not needs_force) else weight * 0.4
            neg, hyp = _flags(sentence, m.start())
            hits.append(TypeHit(etype, m.group(0), m.start(), m.end(), score, neg, hyp))
            taken.append((m.start(), m.end(), etype))
    hits.extend(_foreign_hits(sentence, actors, taken))
    hits.sort(key=lambda h: (h.start, -h.score))
    return hits


def _foreign_hits(
    sentence: str, actors: list[ActorMention], taken: list[tuple[int, int, str]]
) -> list[TypeHit]:
    """foreign_troops from structure: "l'entrée de <force>", "<force> ... présente", "<force
    étrangère> ... sur le sol péruvien"."""
    out: list[TypeHit] = []
    for actor in actors:
        tail_from = max(actor.end, actor.nationality_end or actor.end)
        score = 1.0 if actor.nationality_text else 0.6
        spans: list[tuple[int, int]] = []
        before = _ENTRY_BEFORE.search(sentence, max(0, actor.start - 60), actor.start)
        if before:
            word = re.match(r"\w+", sentence[before.start() :])
            spans.append((before.start(), before.start() + (word.end() if word else 0)))
        after = _ENTRY_AFTER.match(sentence, tail_from)
        if after:
            spans.append((after.end() - len(after.group(0).split()[-1]), after.end()))
        soil = _FOREIGN_SOIL.search(sentence, tail_from)
        if soil and actor.nationality_text:
            host = (soil.group("host") or soil.group("host_en")).casefold()
            if host[:5] != actor.nationality_text.casefold()[:5]:
                spans.append((soil.start(), soil.end()))
        for start, end in spans:
            if any(t == "foreign_troops" and s < end and start < e for s, e, t in taken):
                continue
            neg, hyp = _flags(sentence, start)
            out.append(TypeHit("foreign_troops", sentence[start:end], start, end, score, neg, hyp))
            taken.append((start, end, "foreign_troops"))
    return out


def best_type(hits: list[TypeHit]) -> str:
    """The type with the highest total score among non-negated hits; "other" if none."""
    totals: dict[str, float] = {}
    for hit in hits:
        if not hit.negated:
            totals[hit.event_type] = totals.get(hit.event_type, 0.0) + hit.score
    if not totals:
        return "other"
    return max(totals, key=lambda t: (totals[t], -EVENT_TYPES.index(t)))
