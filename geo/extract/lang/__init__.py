"""Word lists per language, apart from the rules that use them (as ``spacy/lang/<code>/``).

``fr.py``, ``es.py`` and ``en.py`` define the same names, one per field of :class:`LangWords`
(upper case there: ``MONTHS`` is ``LangWords.months``); ``common.py`` holds the few patterns
that mix languages in one phrase. The extraction modules build their regexes from these lists.

* :func:`words` gives one language's lists.
* :func:`languages` gives the lists a rule uses for a language code: that language alone when
  it is one of :data:`LANGS`, otherwise (``None``, ``"de"``, ``"fr-FR"``...) every language,
  French first. That is the fallback the extractors have always had: an article of unknown
  language is read with the words of all three.

Fields marked *regex* hold regular-expression fragments (matched case-insensitively, as
alternatives, in the order given: order matters where one alternative is a prefix of
another); the others hold plain words, escaped by the rules (a space matches any whitespace).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from types import ModuleType

from geo.extract.lang import en, es, fr

LANGS: tuple[str, ...] = ("fr", "es", "en")
"""Languages with word lists, in the order rules try them."""


@dataclass(frozen=True)
class LangWords:
    """The word lists of one language."""

    code: str
    # numbers
    number_units: dict[str, int]
    """Number words below a hundred (and Spanish hundreds) -> value: "cinq", "veinte"."""
    number_hundreds: tuple[str, ...]
    """Words that multiply by a hundred: "cent", "cien", "hundred"."""
    number_thousands: tuple[str, ...]
    """Words that multiply by a thousand: "mille", "mil", "thousand"."""
    number_millions: tuple[str, ...]
    """Words that multiply by a million."""
    digit_scales: tuple[str, ...]
    """Scale words that may follow digits in a troop count: "5 mille", "2 millones"."""
    and_words: tuple[str, ...]
    """The word "and": joins number words ("vingt et un"), coordinates forces."""
    singular_words: tuple[str, ...]
    """Number words that are also the indefinite article: "un soldat" is not a count."""
    # troop counts
    qualifiers: dict[str, str]
    """Phrase before a count -> qualifier (at_least, about, at_most): "environ", "hasta"."""
    force_nouns: tuple[str, ...]
    """*regex* Troop nouns after a count: "soldats"; ``{force_of}`` stands for "de la police"
    (:attr:`force_of` + :attr:`force_names` of every language)."""
    force_noun_modifiers: tuple[str, ...]
    """*regex* Up to three words before a troop noun: "U.S.", "active-duty" (English)."""
    force_of: tuple[str, ...]
    """Links between a head noun and a force name: "de la", "del"."""
    force_names: tuple[str, ...]
    """Forces named after a head noun: "membres de la *garde nationale*"."""
    weak_force_nouns: tuple[str, ...]
    """Troop nouns that count only near a military or police word: "hommes"."""
    force_context: tuple[str, ...]
    """*regex* Word starts that make a weak troop noun count: "militaire", "despleg"."""
    elided_of: tuple[str, ...]
    """"of them" between a count and its verb: "2 000 d'entre eux ont été déployés"."""
    elided_auxiliaries: tuple[str, ...]
    """Auxiliaries of a deployment verb after a count without noun: "ont", "fueron"."""
    elided_particles: tuple[str, ...]
    """Words between auxiliary and participle: "été", "sido", "been"."""
    elided_participles: tuple[str, ...]
    """Starts of deployment participles: "déployé", "desplegad", "deployed"."""
    not_count_before: tuple[str, ...]
    """*regex* Words before a number that make it no count: "loi", "article", "km"."""
    collectives: dict[str, int]
    """Collective nouns -> value, read as "about": "une centaine de soldats"."""
    vague_counts: dict[str, tuple[int, str]]
    """*regex* Counts without a number, before "of"/"de" and a troop noun -> (value,
    qualifier): "*hundreds of* troops" (at least 200), "*une vingtaine de* soldats" (about
    20). The value is the least the words say."""
    # dates
    months: dict[str, int]
    """Month names -> month number."""
    month_abbreviations: dict[str, int]
    """Abbreviated month names (may take a period) -> month number."""
    weekdays: dict[str, int]
    """Weekday names -> weekday number (Monday 0)."""
    duration_units: dict[str, int]
    """Duration units -> days: "semaines" 7."""
    future_words: tuple[str, ...]
    """Words after a weekday that mean the next one: "prochain", "next"."""
    past_words: tuple[str, ...]
    """Words after a weekday that mean the last one: "dernier", "last"."""
    # sentences and articles
    abbreviations: tuple[str, ...]
    """Words that end with a period without ending the sentence: "M.", "Sra.", "Gov."."""
    common_words: tuple[str, ...]
    """Most frequent function words, counted to guess an article's language."""
    boilerplate: tuple[str, ...]
    """*regex* Page furniture: newsletters, donations, cookies, "lire aussi"."""
    # actors and deployment types
    forces: list[tuple[str, str]]
    """*regex* Armed and security forces -> normalised force ("army"), longest first."""
    nationality_stems: tuple[str, ...]
    """*regex* Nationality adjectives without their ending: "américain", "peruano"."""
    nationality_ending: str
    """*regex* Gender/number ending of :attr:`nationality_stems`: "(?:ne|e)?s?"; may be ""."""
    actor_modifiers: tuple[str, ...]
    """*regex* Words between a force and its nationality: "armées", "nacionales"."""
    not_country: tuple[str, ...]
    """Capitalised words after "de"/"of" that are no country: "Défense", "Interior"."""
    negation_words: tuple[str, ...]
    """*regex* Negations shortly before a trigger: "pas", "nunca", "not"."""
    hypothetical_words: tuple[str, ...]
    """*regex* Words shortly before a trigger that make it hypothetical: "pourrai\\w*"."""
    triggers: list[tuple[str, str, float, bool]]
    """*regex* (event type, trigger, weight, needs an armed force); ``{nationality}`` stands
    for this language's nationality adjectives."""
    entry_nouns: tuple[str, ...]
    """Nouns of arrival before a force (foreign troops): "l'entrée de", "presencia de"."""
    entry_of: tuple[str, ...]
    """"of" after :attr:`entry_nouns`."""
    entry_to: tuple[str, ...]
    """"to" before :attr:`entry_verbs`: "autorisés à entrer"."""
    entry_verbs: tuple[str, ...]
    """*regex* Entry or presence after a force: "entrer", "estacionados", "stationed"."""
    soil_words: tuple[str, ...]
    """*regex* "on the soil of" before a nationality adjective: "sur le sol (péruvien)"."""
    # place mentions
    border_words: tuple[str, ...]
    """*regex* The noun "border" and its adjectives: "frontière", "fronterizos"."""
    directions: tuple[str, ...]
    """Compass words around a border noun: "sud-ouest", "southern"."""
    determiners: tuple[str, ...]
    """Determiners before a border noun: "la", "notre", "the"."""
    with_words: tuple[str, ...]
    """"with" before the neighbour of a border: "avec", "con"."""
    articles: tuple[str, ...]
    """Articles between :attr:`with_words` and the neighbour: "avec *le* Chili"."""
    territory_words: tuple[str, ...]
    """*regex* Nouns of a country's territory before its adjective: "sol", "espacio aéreo"."""
    leading_junk: tuple[str, ...]
    """Words stripped from the start of a NER place: "provinces *de* Lima"; order matters."""
    place_of_words: tuple[str, ...]
    """"of" between a place the gazetteer lacks and the place it is in: "aeropuerto *de*
    Santander", "Museum *of* Lima"."""
    facility_nouns: tuple[str, ...]
    """Buildings and sites named after the town they are in: "*aeropuerto* de Santander",
    "*Estadio* Nacional de Lima" (the town is the place when the gazetteer lacks the site)."""
    crossing_nouns: tuple[str, ...]
    """Border crossings named after their town, before its name: "*Paso* Colchane", "*paso*
    Visviri" (the town is the place when the gazetteer lacks the crossing)."""
    town_nouns: tuple[str, ...]
    """Nouns that announce towns by name: "the *cities* of Cozumel and Rio Hondo", "la
    *ciudad* de Tecate" (a name after one is a town, whatever label the model gave it)."""
    name_articles: tuple[str, ...]
    """Articles (and contractions) that a town's name never takes: before one, the name is
    something named after the town or a common noun ("*el* Valencia" its club, "*la*
    Constitución", "*del* Torreón"); regions and countries may take them ("el Perú", "el
    Cusco", "del Cauca")."""
    day_words: tuple[str, ...]
    """Relative day words ("hier", "ayer", "yesterday"): never a place, though a gazetteer may
    hold them as another town's alternate name."""
    title_words: tuple[str, ...]
    """Titles and ranks written before a name ("General", "Governor", "ministre"): never a
    place themselves, and the capitalised name after one is a person ("Governor Quirino")."""
    speech_verbs: tuple[str, ...]
    """Verbs of saying as news writes them after or before a speaker ("Cabrera *dijo*",
    "*agregó* Barrena") and "according to" ("*según* León"): the name they hold is a person
    or a body speaking, not a place (countries and regions aside: "Venezuela afirmó")."""
    # events
    circumstance: tuple[str, ...]
    """*regex* Phrases before migration words that make them a circumstance: "face à"."""
    anaphora_determiners: tuple[str, ...]
    """Demonstratives of a sentence that goes on about the events before: "ces"."""
    continuation_words: tuple[str, ...]
    """*regex* Sentence-initial links that go on about what came before: "Igualmente",
    "Asimismo", "In addition", "De même"."""
    anaphora_nouns: tuple[str, ...]
    """*regex* Nouns after :attr:`anaphora_determiners`: "mesures", "despliegues"."""
    latter_places: tuple[str, ...]
    """*regex* Phrases that refer to the places the sentence before named, not to all the
    event's: "en *estas últimas jurisdicciones*", "dans *ces dernières provinces*", "in *the
    latter*": what such a sentence says (its date) is theirs alone."""
    other_event_words: tuple[str, ...]
    """*regex* Other happenings whose dates are not the event's: "élections"."""
    owner_words: tuple[str, ...]
    """*regex* Prepositions that make the country after them an owner, origin or agent:
    "represalias *de* Estados Unidos", "troops *from* Kenya", "led *by* Kenya"."""
    place_part_words: tuple[str, ...]
    """Nouns before :attr:`owner_words` that keep the country a place: "el *sur* de México"."""
    departure_words: tuple[str, ...]
    """*regex* Stems of leaving: "partis du Honduras", "salieron de", "had left Kenya"."""
    locator_nouns: tuple[str, ...]
    """*regex* Region nouns that only locate places: "région de (Tacna)"."""
    adjoining_words: tuple[str, ...]
    """*regex* Stems of "bordering" before "with": the places after "limítrofe con (los
    estados venezolanos de Zulia, Táchira y Apure)" are the neighbours, not the event's."""
    reference_words: tuple[str, ...]
    """*regex* What comes just before a town named only to say where another place lies: a
    distance or a relative direction ("a 50 km *de* (Quito)", "*à l'ouest de* (Guatemala City)",
    "*50 miles north of* (Tijuana)")."""
    moving_from: tuple[str, ...]
    """*regex* A force moving from somewhere, up to "from": "se *déplacer de* (la capitale et
    Tolémaida) vers", "se *trasladaron desde*", "*moved from*"."""
    toward_words: tuple[str, ...]
    """*regex* "Towards" after the places a force moves from: "vers", "hacia", "towards"."""
    crossing_words: tuple[str, ...]
    """*regex* Nouns of a border crossing before its name: "el *paso* Visviri", "le *poste-
    frontière* de", "the *border crossing* at"."""
    in_words: tuple[str, ...]
    """"in" before a region that locates the places around it: "*En* Carchi, los patrullajes
    cubren ...", "Kimbiri, Pichari y Vilcabamba, *en* Cusco"."""
    list_joiners: tuple[str, ...]
    """Words that join the last items of a list of places: "y", "e", "et", "and"."""
    admin_kinds: dict[str, str]
    """Nouns of an administrative division before a name or a list of names -> kind
    ("province", "department", "state", "region"): "las *provincias* de Carchi, Imbabura y
    Esmeraldas". Which level a kind is depends on the country (:mod:`geo.extract.resolve`)."""
    admin_kinds_after: dict[str, str]
    """The same nouns where the language writes them after the name or list -> kind:
    "Washington *state*", "the Sonora and Chihuahua *states*" (English only)."""
    area_nouns: tuple[str, ...]
    """*regex* Nouns of a named area, with the "of" that links them to its name, between a
    count's preposition and its place: "5.000 soldados en la región *del* (Catatumbo)",
    "17 000 soldats dans l'*État frontalier de* (Táchira)", "in the *state of* (Sonora)"."""
    place_object_verbs: tuple[str, ...]
    """*regex* Verbs whose object is the place troops hold, right after a count and its troop
    noun: "310 agentes *reforzaron* Aguas Blancas", "500 soldiers *patrolled* Laredo"."""
    per_place: tuple[str, ...]
    """*regex* "For each place" after a count: "350 elementos *por cada localidad*", "200 troops
    *in each city*": the count is every listed place's."""
    document_words: tuple[str, ...]
    """*regex* Legal documents cited with a number and a year ("Resolución 830/2025", "DS
    138-2025-PCM"): an undated article dates its yearless days by that year."""
    report_words: tuple[str, ...]
    """*regex* Stems of reporting verbs: a date just after one ("según comunicó *este sábado*",
    "said *on Thursday*") is when it was told, the event's only when nothing else dates it."""
    enabling_words: tuple[str, ...]
    """*regex* Verbs that make the deployment after them something a measure allows, not an
    event of its own: "(l'état d'urgence) *permet* le déploiement de l'armée"."""


MAY_BE_EMPTY: frozenset[str] = frozenset(
    {
        "force_noun_modifiers",
        "force_of",
        "force_names",
        "collectives",
        "nationality_ending",
        "actor_modifiers",
        "soil_words",
        "leading_junk",
        "crossing_nouns",
        "name_articles",
        "admin_kinds_after",
    }
)
"""Fields a language may leave empty when it has no such construction (English names its
forces inline, "members of the National Guard", and says "on Peruvian soil"; only English
puts modifiers before troop nouns; English names a crossing after its town, "the Colchane
crossing"; only English puts a kind noun after a name, "Washington state")."""


def _load(module: ModuleType) -> LangWords:
    values = {
        f.name: getattr(module, f.name.upper()) for f in fields(LangWords) if f.name != "code"
    }
    return LangWords(code=module.__name__.rsplit(".", 1)[-1], **values)


_MODULES: dict[str, ModuleType] = {"fr": fr, "es": es, "en": en}


def words(lang: str) -> LangWords:
    """The word lists of *lang* ("fr", "es", "en"), read from its module at each call (a test
    may patch ``fr.MONTHS``); ``KeyError`` for another code."""
    return _load(_MODULES[lang])


def languages(lang: str | None) -> tuple[LangWords, ...]:
    """The word lists a rule uses for *lang*: its own, or every language for another code."""
    if lang in _MODULES:
        return (words(lang),)
    return every_language()


def every_language() -> tuple[LangWords, ...]:
    """The word lists of every language, French first (for rules that ignore the language)."""
    return tuple(words(code) for code in LANGS)
