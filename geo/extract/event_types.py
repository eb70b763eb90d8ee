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

from geo.extract.counts import find_force_sizes
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

# (regex, normalised force), longest first within a language
_FORCES: dict[str, list[tuple[str, str]]] = {
    "fr": [
        (r"armée\s+de\s+l'air", "air force"),
        (r"forces?\s+aériennes?", "air force"),
        (r"armée\s+de\s+terre", "army"),
        (r"infanterie\s+de\s+marine|marines", "marines"),
        (r"marine\s+(?:nationale|de\s+guerre)|forces\s+navales", "navy"),
        (r"forces\s+armées|force\s+armée", "armed forces"),
        (r"forces\s+spéciales", "special forces"),
        (r"forces\s+de\s+(?:sécurité|l'ordre)", "security forces"),
        (r"gardes?\s+nationa(?:le|ux)", "national guard"),
        (r"gardes?[- ]frontières|patrouille\s+frontalière|police\s+des\s+frontières",
         "border police"),
        (r"garde[- ]côtes?", "coast guard"),
        (r"gendarmerie|gendarmes?", "gendarmerie"),
        (r"police(?:\s+nationale)?|policiers?", "police"),
        (r"armées?", "army"),
        (r"militaires|militaire(?=\s+(?:américain|étranger|armé))|soldats?|troupes"
         r"|casques\s+bleus|parachutistes", "military"),
    ],
    "es": [
        (r"fuerza\s+aérea", "air force"),
        (r"infantes\s+de\s+marina|marines", "marines"),
        (r"armada|marina\s+de\s+guerra", "navy"),
        (r"fuerzas\s+armadas|ff\.\s?aa\.", "armed forces"),
        (r"fuerzas\s+especiales", "special forces"),
        (r"fuerzas\s+de\s+seguridad|fuerzas\s+del\s+orden", "security forces"),
        (r"guardia\s+nacional|guardias\s+nacionales", "national guard"),
        (r"patrulla\s+fronteriza", "border police"),
        (r"guardia\s+costera|guardacostas", "coast guard"),
        (r"gendarmería", "gendarmerie"),
        (r"carabineros|policía(?:\s+nacional)?|policías", "police"),
        (r"ejército", "army"),
        (r"militares|soldados|tropas|efectivos\s+militares", "military"),
    ],
    "en": [
        (r"air\s+force", "air force"),
        (r"marine\s+corps|marines", "marines"),
        (r"navy", "navy"),
        (r"armed\s+forces", "armed forces"),
        (r"special\s+forces", "special forces"),
        (r"security\s+forces", "security forces"),
        (r"national\s+guard(?:smen)?|guardsmen", "national guard"),
        (r"border\s+patrol", "border police"),
        (r"coast\s+guard", "coast guard"),
        (r"police(?:\s+officers)?", "police"),
        (r"army", "army"),
        (r"troops|soldiers|military\s+personnel|service\s*members|the\s+military", "military"),
    ],
}  # fmt: skip

_NAT_ADJ = {
    "fr": r"(?:américain|étasunien|états-unien|nord-américain|péruvien|mexicain|chilien"
    r"|colombien|vénézuélien|equatorien|équatorien|brésilien|argentin|bolivien|hondurien"
    r"|guatémaltèque|salvadorien|nicaraguayen|cubain|haïtien|dominicain|canadien|français"
    r"|espagnol|britannique|chinois|russe|panaméen|costaricien|uruguayen|paraguayen|étranger"
    r"|israélien|allemand|italien|guyanien|surinamais|jamaïcain|bélizien)(?:ne|e)?s?",
    "es": r"(?:estadounidenses?|norteamericano|peruano|mexicano|chileno|colombiano|venezolano"
    r"|ecuatoriano|brasileño|argentino|boliviano|hondureño|guatemalteco|salvadoreño"
    r"|cubano|haitiano|dominicano|panameño|costarricense|uruguayo|paraguayo|extranjero"
    r"|ruso|chino|británico|francés|española?|canadiense|nicaragüense)(?:a|o)?s?",
    "en": r"(?:U\.S\.|US|American|Peruvian|Mexican|Chilean|Colombian|Venezuelan|Ecuadorian"
    r"|Brazilian|Argentine|Argentinian|Bolivian|Honduran|Guatemalan|Salvadoran|Nicaraguan"
    r"|Cuban|Haitian|Dominican|Canadian|French|Spanish|British|Chinese|Russian|Panamanian"
    r"|foreign)",
}
_MODIFIERS = (
    r"(?:\s+(?:armée?s?|armados?|armadas?|nationale?s?|nacional(?:es)?|spéciales?|d'élite"
    r"|supplémentaires|additionnels|déployée?s|desplegados|fédéra(?:le|ux|les)|federales?"
    r"|en\s+service\s+actif|régulières?))*"
)
_OF_COUNTRY = (
    r"(?:des|du|de\s+la|de\s+l'|de|d'|del|de\s+los|of\s+the|of)\s*"
    r"(?P<of>(?:États-Unis|Etats-Unis|Estados\s+Unidos|EE\.\s?UU\.|United\s+States"
    r"|[A-ZÉÈÎ][\w'-]+(?:\s+[A-ZÉ][\w'-]+)?))"
)


@lru_cache(maxsize=8)
def _actor_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    langs = [lang] if lang in _FORCES else list(_FORCES)
    alts = [f"(?P<f{i}>{src})" for i, (src, _) in enumerate(_force_list(tuple(langs)))]
    force = re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)
    nat = "|".join(_NAT_ADJ[x] for x in langs)
    after = re.compile(
        _MODIFIERS + r"(?P<coord>\s+et\s+(?:la|le|les|l')\s*\S+(?:\s+nationale?s?)?)?"
        r"\s+(?:(?P<adj>\b(?:" + nat + r"))\b|" + _OF_COUNTRY + r")",
        re.IGNORECASE,
    )
    before = re.compile(r"(?P<adj>\b(?:" + nat + r"))\s+(?:\w+\s+)?$", re.IGNORECASE)
    return force, after, before


@lru_cache(maxsize=8)
def _force_list(langs: tuple[str, ...]) -> list[tuple[str, str]]:
    return [item for x in langs for item in _FORCES[x]]


_NOT_COUNTRY = re.compile(
    r"^(?:Défense|Defensa|Defense|Intérieur|Interior|Lima|Nord|Sud|Congrès|Congreso"
    r"|Conseil|Garde|Guardia|Estado|État)$",
    re.IGNORECASE,
)


_COORD = re.compile(r"\s+(?:et|y|and)\s+(?:la|le|les|l'|el|the)?\s*", re.IGNORECASE)


def find_actors(sentence: str, lang: str = "fr") -> list[ActorMention]:
    """Armed/security forces named in *sentence*, with their nationality word when attached."""
    lang = (lang or "any").casefold()[:2]
    force_re, after_re, before_re = _actor_patterns(lang)
    forces = _force_list(tuple([lang] if lang in _FORCES else list(_FORCES)))
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

# (event_type, regex, weight, needs_force)
_TRIGGERS: dict[str, list[tuple[str, str, float, bool]]] = {
    "fr": [
        ("troop_deployment", r"(?:re)?d[ée]ploi(?:e|ement|ements|ent|era|eront|erait)?"
         r"|(?:re)?d[ée]ploy\w*", 1.0, True),
        ("troop_deployment", r"envo(?:i|ie|yer|yé|yée|yés|yées|iera|ieront)\b", 0.8, True),
        ("troop_deployment", r"intervention\s+de\s+l'armée|intervention\s+militaire", 1.0, False),
        ("troop_deployment", r"mobilis\w+|dépêch\w+|militaris\w+", 0.7, True),
        ("troop_deployment", r"troupes\s+supplémentaires|renforts?\s+militaires", 0.9, False),
        # Troops as the subject of an arrival: "300 soldats sont arrivés à Palca".
        ("troop_deployment", r"(?:soldats|militaires|troupes|gardes\s+nationaux)\s+"
         r"(?:[\w']+\s+){0,2}(?:sont\s+|ont\s+été\s+)?arriv\w+", 0.8, False),
        ("troop_deployment", r"appui\s+(?:accru\s+)?(?:des|de\s+l')\s*(?:forces\s+armées|armée)",
         0.7, False),
        ("foreign_troops", r"troupes\s+étrangères|militaires\s+étrangers|forces\s+étrangères"
         r"|base\s+militaire\s+(?:américaine|étrangère)", 1.0, False),
        ("foreign_troops", r"présence\s+(?:militaire\s+)?sur\s+le\s+(?:territoire|sol)\s+"
         + _NAT_ADJ["fr"], 0.8, False),
        ("state_of_emergency", r"état\s+d'(?:urgence|exception)|état\s+de\s+siège"
         r"|loi\s+martiale|urgence\s+nationale", 1.0, False),
        ("border_control", r"contrôles?\s+(?:douaniers|frontaliers|aux\s+frontières"
         r"|à\s+la\s+frontière|migratoires)", 1.0, False),
        ("border_control", r"ferm(?:eture|é|ée|er|e|ent)\b[^.;]{0,30}?"
         r"(?:frontière|autoroute|route|poste\s+frontalier|pont|passage)", 1.0, False),
        ("border_control", r"interdi\w*\s+l'accès|bloqu\w+\s+(?:à\s+la\s+frontière|le\s+passage)"
         r"|refoul\w+", 0.9, False),
        ("border_control", r"surveillance\s+(?:et\s+(?:la\s+)?protection\s+)?des\s+frontières"
         r"|protection\s+des\s+frontières|sécuris\w+\s+(?:la|les)\s+frontières?", 0.6, False),
        ("military_exercise", r"exercices?\s+(?:militaires?|conjoints?|navals?|combinés?)"
         r"|manœuvres?|manoeuvres?|entraînement|entrainement|entraîn\w+", 1.0, False),
        ("military_exercise", r"formation", 0.7, True),
        ("security_agreement", r"convenu\s+de\s+coopérer|coopér\w+|coopération"
         r"|accords?\s+(?:de\s+)?(?:sécurité|coopération|défense)|protocole\s+d'accord"
         r"|mémorandum", 1.0, False),
        ("security_agreement", r"accords?|convention|en\s+coordination\s+avec", 0.5, False),
        ("security_agreement", r"réunion|rencontr\w+|sommet", 0.5, False),
        ("migration", r"caravanes?(?:\s+de\s+migrants)?|migrants?|demandes?\s+d'asile"
         r"|demandeurs?\s+d'asile|réfugiés?|exilés|crise\s+migratoire|afflux", 1.0, False),
        ("migration", r"migratoires?|immigration|immigrés?", 0.5, False),
    ],
    "es": [
        ("troop_deployment", r"despl(?:ieg|eg)\w+", 1.0, True),
        ("troop_deployment", r"env(?:ío|io|iar|ió|iará|iarán|iado|iados)\b", 0.8, True),
        ("troop_deployment", r"moviliz\w+|militariz\w+", 0.7, True),
        ("troop_deployment", r"intervención\s+(?:militar|del\s+ejército)", 1.0, False),
        ("troop_deployment", r"(?:soldados|militares|tropas|efectivos|uniformados)\s+"
         r"(?:\w+\s+){0,2}lleg\w+", 0.8, False),
        ("foreign_troops", r"tropas\s+(?:estadounidenses|extranjeras|norteamericanas)"
         r"|militares\s+(?:estadounidenses|extranjeros)|base\s+militar\s+"
         r"(?:estadounidense|extranjera)", 1.0, False),
        ("foreign_troops", r"presencia\s+(?:militar\s+)?en\s+(?:territorio|suelo)\s+"
         + _NAT_ADJ["es"], 0.8, False),
        ("state_of_emergency", r"estado\s+de\s+(?:emergencia|excepción|sitio)"
         r"|emergencia\s+nacional|ley\s+marcial", 1.0, False),
        ("border_control", r"cierre\s+(?:de\s+)?(?:la\s+)?frontera|cerr\w+\s+(?:la\s+)?frontera"
         r"|controles?\s+(?:fronterizos?|migratorios?|aduaneros?)|blind\w+\s+(?:la\s+)?frontera",
         1.0, False),
        ("military_exercise", r"ejercicios?\s+(?:militar(?:es)?|conjuntos?|combinados?"
         r"|naval(?:es)?)|maniobras?|entrenamiento", 1.0, False),
        ("military_exercise", r"capacitación|formación", 0.7, True),
        ("security_agreement", r"convenios?|acuerdos?|cooperación|coopera\w+|memorando", 1.0,
         False),
        ("security_agreement", r"reunión|cumbre|se\s+reuni\w+", 0.5, False),
        ("migration", r"caravanas?|migrantes?|solicitudes\s+de\s+asilo|asilo|refugiados?"
         r"|crisis\s+migratoria", 1.0, False),
    ],
    "en": [
        ("troop_deployment", r"(?:re)?deploy\w*", 1.0, True),
        ("troop_deployment", r"sen(?:d|ds|t|ding)\b", 0.7, True),
        ("troop_deployment", r"mobili[sz]\w+|dispatch\w*|militari[sz]\w+", 0.7, True),
        ("troop_deployment", r"troop\s+surge|additional\s+troops", 0.9, False),
        ("troop_deployment", r"(?:troops|soldiers|service\s+members|guardsmen)\s+"
         r"(?:\w+\s+){0,2}(?:have\s+|has\s+)?arriv\w+", 0.8, False),
        ("foreign_troops", r"foreign\s+troops|U\.S\.\s+troops\s+in|presence\s+of\s+(?:U\.S\."
         r"|US|American|foreign)\s+(?:troops|forces|military)", 1.0, False),
        ("state_of_emergency", r"state\s+of\s+(?:emergency|exception|siege)|national\s+emergency"
         r"|martial\s+law", 1.0, False),
        ("border_control", r"border\s+closure|closure\s+of\s+(?:the|its)\s+border"
         r"|clos\w+\s+(?:the|its)\s+border|border\s+(?:controls?"
         r"|checks?)|sealed\s+(?:the|its)\s+border", 1.0, False),
        ("military_exercise", r"(?:joint|military|naval)\s+(?:exercises?|drills?|training)"
         r"|exercises?|drills?|maneuvers?|manoeuvres?|training", 0.9, False),
        ("security_agreement", r"agreements?|cooperat\w+|memorandum|pact|accord", 1.0, False),
        ("security_agreement", r"meeting|summit|met\s+with", 0.5, False),
        ("migration", r"caravans?|migrants?|asylum|refugees?|migration\s+crisis", 1.0, False),
    ],
}  # fmt: skip

_ENTRY_BEFORE = re.compile(
    r"(?:entrée|présence|arrivée|stationnement|ingreso|entrada|presencia|llegada|entry|presence"
    r"|arrival)\s+(?:de|des|d'|del|of)(?:(?:\s+|(?<='))[^\s']+'?){0,4}\s*$",
    re.IGNORECASE,
)
_ENTRY_AFTER = re.compile(
    r"(?:\s+\S+){0,3}?\s+(?:à\s+|a\s+|to\s+)?(?:entrer|entrar|enter|présente?s?|présents"
    r"|stationnée?s?|estacionad[oa]s?|stationed|presentes?)\b",
    re.IGNORECASE,
)
_FOREIGN_SOIL = re.compile(
    r"(?:sur\s+le\s+sol|sur\s+le\s+territoire|en\s+territorio|en\s+suelo)\s+(?P<host>"
    + _NAT_ADJ["fr"]
    + "|"
    + _NAT_ADJ["es"]
    + r")\b|on\s+(?P<host_en>"
    + _NAT_ADJ["en"]
    + r")\s+soil",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:ne|n'|pas|jamais|aucun|aucune|non|no|not|never|nunca|sin|ni)\b[^.;,]{0,25}$",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:pourrai\w*|envisag\w+|menac\w+|demanderai\w*|pourront|could|would|might|may"
    r"|consider\w*|podría\w*|consider\w+|planea\w*|prévoi\w*|projet)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _trigger_patterns(lang: str) -> list[tuple[str, re.Pattern[str], float, bool]]:
    langs = [lang] if lang in _TRIGGERS else list(_TRIGGERS)
    return [
        (etype, re.compile(r"\b(?:" + src + r")\b", re.IGNORECASE), weight, needs)
        for x in langs
        for etype, src, weight, needs in _TRIGGERS[x]
    ]


def _flags(sentence: str, start: int) -> tuple[bool, bool]:
    before = sentence[max(0, start - 40) : start]
    return bool(_NEGATION.search(before)), bool(_HYPOTHETICAL.search(before))


def classify_sentence(sentence: str, lang: str = "fr") -> list[TypeHit]:
    """Every deployment-type trigger in *sentence*, sorted by offset (may be empty)."""
    lang = (lang or "any").casefold()[:2]
    actors = find_actors(sentence, lang)
    has_force = bool(actors) or bool(find_force_sizes(sentence, lang))
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
