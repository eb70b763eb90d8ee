"""Stage 3: assemble events from sentences: type, dates, counts, actors and places.

An article holds several events. Each sentence with a deployment trigger proposes one event per
type it expresses; a following sentence without a trigger ("Selon le journal, ces mesures
resteront en vigueur pendant 60 jours dans les zones de Palca...") continues the events before
it. Proposals of the same type, actor and compatible dates then merge into one event whose
places are the union of theirs. Each event keeps the sentences it comes from.

Functions here take plain data from the earlier stages (:mod:`geo.extract.sentences`,
:mod:`~geo.extract.event_types`, :mod:`~geo.extract.dates`, :mod:`~geo.extract.counts`,
:mod:`~geo.extract.resolve`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from geo.extract.counts import counts_by_place, find_force_sizes
from geo.extract.dates import cited_year, find_dates
from geo.extract.event_types import classify_sentence, find_actors
from geo.extract.lang import every_language
from geo.extract.mentions import dateline_spans
from geo.extract.resolve import ResolvedPlace
from geo.gazetteer.borders import haversine_km, line_parts
from geo.text import name_key

# Which side deploys for each type: "own" forces at home, or "foreign" forces in a host.
_FOREIGN_TYPES = {"foreign_troops"}
_STATE_TYPES = {"troop_deployment", "state_of_emergency", "border_control", "military_exercise"}
MIN_HIT_SCORE = 0.65
"""Weaker triggers ("réunion", "sommet", "protection des frontières" alone) make no event."""
# The words of these rules come from geo.extract.lang, every language at once.
_LANGS = every_language()


def _alt(items: Iterable[str]) -> str:
    return "(?:" + "|".join(items) + ")"


# "face à un afflux de migrants": migration as the circumstance of a measure, not an event.
_CIRCUMSTANCE_RE = re.compile(
    _alt(w for x in _LANGS for w in x.circumstance) + r"\s+[^.;,]{0,40}$", re.IGNORECASE
)
# "ces mesures resteront en vigueur...": a sentence that goes on about the events before it.
_ANAPHORA_RE = re.compile(
    r"\b"
    + _alt(re.escape(w) for x in _LANGS for w in x.anaphora_determiners)
    + r"\s+"
    + _alt(w for x in _LANGS for w in x.anaphora_nouns)
    + r"\b",
    re.IGNORECASE,
)
# "En estas últimas jurisdicciones...": the places the sentence before named, not all the event's.
_LATTER_RE = re.compile(
    r"\b" + _alt(w for x in _LANGS for w in x.latter_places) + r"\b", re.IGNORECASE
)
_OPENERS = " \t\n-–—•*«\"'“"
"""What may come before the first word of a sentence (list bullets, quotes)."""
_LEADING_PLACE_RE = re.compile(
    r"(?:en|in|à|a|au|dans)\s+[A-ZÁÉÍÓÚÑ][^,.;:]{0,40},\s*", re.IGNORECASE
)
"""A place that opens a sentence before its subject: "En Carchi, ", "In Sonora, "."""
_CONTINUATION_RE = re.compile(
    r"^\W*" + _alt(w for x in _LANGS for w in x.continuation_words) + r"\b", re.IGNORECASE
)
# Dates of other happenings a sentence names: "dans la perspective des élections du 6 novembre".
_OTHER_EVENT_DATE_RE = re.compile(
    _alt(w for x in _LANGS for w in x.other_event_words) + r"\b[^.]{0,45}$", re.IGNORECASE
)
# "dans la région de Tacna": a region named to locate the places just listed.
_LOCATOR_RE = re.compile(
    _alt(w for x in _LANGS for w in x.locator_nouns)
    + r"\s+(?:de\s+|du\s+|of\s+|del\s+)?(?:la\s+|l')?$",
    re.IGNORECASE,
)
# "represalias comerciales de Estados Unidos", "the government of Mexico", "troops from Kenya":
# a country named as the owner or origin of something is an actor, not where the event is
# (unless a region word comes first: "el sur de México", "the north of Chile").
_OWNER_RE = re.compile(
    r"(?:(?P<word>[\wÀ-ÿ]+)\s+)?\b"
    + _alt(w for x in _LANGS for w in x.owner_words)
    + r"(?:\s+|(?<='))(?:"
    + _alt(w for x in _LANGS for w in x.articles)
    + r"(?:\s+|'))?$",
    re.IGNORECASE,
)
_PLACE_PART_WORDS = frozenset(w for x in _LANGS for w in x.place_part_words)
# "partis du Honduras", "salieron de Honduras", "had left Kenya": where a force or a caravan
# leaves from (its home for a deployment, the event's place for a caravan).
_DEPARTURE_RE = re.compile(
    r"\b" + _alt(w for x in _LANGS for w in x.departure_words) + r"\w*\s+(?:\S+\s+)?$",
    re.IGNORECASE,
)


# "qui permet le déploiement de l'armée", "allowing the military to deploy": a deployment that a
# measure (a state of emergency, a law) allows is part of that measure, not an event of its own.
_ENABLED_RE = re.compile(
    r"\b" + _alt(w for x in _LANGS for w in x.enabling_words) + r"\b[^.;,]{0,30}$",
    re.IGNORECASE,
)


# "según comunicó este sábado", "said on Thursday": when it was told, not when it happened.
_REPORTED_RE = re.compile(
    r"\b" + _alt(w for x in _LANGS for w in x.report_words) + r"[\wÀ-ÿ]*\s+(?:[\wÀ-ÿ]+\s+){0,2}$",
    re.IGNORECASE,
)


def _reported(sentence: str, mention) -> bool:
    """Whether a date mention comes just after a reporting verb."""
    return bool(_REPORTED_RE.search(sentence[max(0, mention.start - 40) : mention.start]))


def _owner_before(before: str) -> bool:
    """Whether the text before a country makes it an owner, origin or agent."""
    m = _OWNER_RE.search(before)
    return m is not None and (m.group("word") or "").casefold() not in _PLACE_PART_WORDS


# "limítrofe con los estados venezolanos de Zulia, Táchira y": what the event borders on.
_ADJOINING_RE = re.compile(
    r"\b"
    + _alt(w for x in _LANGS for w in x.adjoining_words)
    + r"\w*\s+(?:con|with|avec|de|du|of|to)\s+(?:[^.;:\n]*?)(?:[,\s]|\b"
    + _alt(w for x in _LANGS for w in x.list_joiners)
    + r"\b)*$",
    re.IGNORECASE,
)

# "située à environ 150 kilomètres à l'ouest de", "al norte de", "50 miles east of": a town
# named only to say where another place lies.
_REFERENCE_RE = re.compile(
    r"\b" + _alt(w for x in _LANGS for w in x.reference_words) + r"\s*$", re.IGNORECASE
)

# "se déplacer de la capitale et Tolémaida vers (Catatumbo)": where a force moves from.
_MOVING_FROM_RE = re.compile(
    r"\b" + _alt(w for x in _LANGS for w in x.moving_from) + r"\b", re.IGNORECASE
)
_TOWARD_RE = re.compile(
    r"[^.;:\n]*?\b" + _alt(w for x in _LANGS for w in x.toward_words) + r"\b", re.IGNORECASE
)

# Types whose countries are the parties ("acuerdo entre México y Colombia"), not places.
_AGREEMENT_TYPES = {"security_agreement"}

# Types that a dominant border of the article places when their sentences name no place.
_BORDER_TYPES = {"troop_deployment", "border_control", "migration"}


@dataclass
class EventPlace:
    """A place of an event, with the sentence that ties it to the event."""

    place: ResolvedPlace
    evidence: tuple[int, int]
    force_size: int | None = None  # troops stated for this place alone ("990 in Tijuana")


@dataclass
class Event:
    """One event of one article, before it becomes table rows."""

    event_type: str
    trigger: str
    sentences: list[tuple[int, int]]
    score: float
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "unknown"
    duration_days: int | None = None
    force_size: int | None = None
    force_size_qualifier: str | None = None
    actor: str | None = None
    actor_country: str | None = None
    host_country: str | None = None
    places: list[EventPlace] = field(default_factory=list)
    date_from_text: bool = False
    date_unresolved: bool = False  # a date is written ("le 1er novembre") but its year unknown
    date_reported: bool = False  # the date is when it was told ("comunicó este sábado")

    @property
    def start(self) -> int:
        return self.sentences[0][0]


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.date_unresolved or b.date_unresolved:
        # A written date of unknown year is another moment than a known one.
        return not (a.date_from_text or b.date_from_text) or (
            a.date_unresolved and b.date_unresolved
        )
    if not a.date_from_text or not b.date_from_text:
        return True
    if a.date_start is None or b.date_start is None:
        return True
    a_end = a.date_end or a.date_start
    b_end = b.date_end or b.date_start
    return a.date_start <= b_end and b.date_start <= a_end


def _narrower(a: Event, b: Event) -> bool:
    """Whether *a*'s known dates lie inside *b*'s and cover less time."""
    if None in (a.date_start, a.date_end, b.date_start, b.date_end):
        return False
    inside = b.date_start <= a.date_start and a.date_end <= b.date_end
    return inside and (a.date_end - a.date_start) < (b.date_end - b.date_start)


def _merge_into(target: Event, other: Event) -> None:
    target.sentences += [s for s in other.sentences if s not in target.sentences]
    target.score = max(target.score, other.score)
    if other.date_from_text and (
        not target.date_from_text
        or _narrower(other, target)
        or (target.date_reported and not other.date_reported)
    ):  # "en octobre" then "le 13 octobre": the event gets the day
        target.date_start, target.date_end = other.date_start, other.date_end
        target.date_precision, target.date_from_text = other.date_precision, True
        target.date_unresolved, target.date_reported = False, other.date_reported
    elif not target.date_from_text:
        target.date_unresolved = target.date_unresolved or other.date_unresolved
    target.duration_days = target.duration_days or other.duration_days
    if other.force_size is not None and (target.force_size or 0) < other.force_size:
        target.force_size, target.force_size_qualifier = (
            other.force_size,
            other.force_size_qualifier,
        )
    target.actor = target.actor or other.actor
    target.actor_country = target.actor_country or other.actor_country
    known = {p.place.location_id: p for p in target.places}
    for item in other.places:
        if item.place.location_id not in known:
            target.places.append(item)
        elif known[item.place.location_id].force_size is None:
            # "Arizona and Texas prepare..." then "Texas will deploy 250 personnel": the count
            # a later sentence states for a place is that place's
            known[item.place.location_id].force_size = item.force_size


def _actor(actors: list, index) -> tuple[str | None, str | None]:
    if not actors:
        return None, None
    first = actors[0]
    code = None
    nationality = getattr(first, "nationality_text", None)
    if nationality:
        words = nationality.replace("'", " ").split()
        for word in reversed(words):
            code = index.country_from_word(word)
            if code:
                break
    force = first.force
    label = f"{code} {force}" if code else force
    return label, code


def _pick_date(sentence: str, mentions: Sequence, trigger_at: int):
    """The date mention closest to the trigger (other happenings' dates left out), and the
    stated duration, if any, from the sentence's date *mentions*."""
    duration = next((m.duration_days for m in mentions if m.kind == "duration"), None)
    dated = [
        m
        for m in mentions
        if m.kind != "duration" and not _OTHER_EVENT_DATE_RE.search(sentence[: m.start])
    ]
    if not dated:
        return None, duration
    best = min(dated, key=lambda m: (m.date_start is None, abs(m.start - trigger_at)))
    return best, duration


def extract_events(
    text: str,
    sentences: Sequence[tuple[int, int]],
    places: Sequence[ResolvedPlace],
    *,
    anchor=None,
    lang: str = "fr",
    index,
    focus_country: str | None = None,
) -> list[Event]:
    """The events of one article, in text order.

    *sentences* are spans into *text*; *places* the resolved mentions; *anchor* the
    publication date (:class:`geo.extract.dates.PartialDate`) that relative dates hang on.
    """
    # an undated article's yearless days take the year of the documents it cites
    date_anchor = anchor if anchor is not None else cited_year(text, lang)
    datelines = dateline_spans(text)
    places = [p for p in places if not any(s <= p.start < e for s, e in datelines)]
    proposals: list[Event] = []
    previous: list[Event] = []
    # What the sentence before said, for the next one in the same paragraph: its date and its
    # actor's country ("... du 1er janvier au 31 décembre 2025. Un groupe de 55 militaires
    # doit mener une formation ...": same period, same (American) soldiers).
    carried_date = carried_actor = None
    force_before = False  # the event sentence before named a force or a troop number
    for i, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        in_sentence = [p for p in places if s_start <= p.start < s_end]
        # who and how many: read once a sentence, for its type, its event and its places
        actors, sizes = find_actors(sentence, lang), find_force_sizes(sentence, lang)
        own: dict[int, int] = {}
        if in_sentence:  # a count is bound to a place of its own sentence only
            spans = [(p.start - s_start, p.end - s_start) for p in in_sentence]
            bound = counts_by_place(sentence, spans)
            own = {id(in_sentence[k]): value for k, value in bound.items()}
            if not own and len(sizes) == 1 and len(_unique(in_sentence)) == 1:
                # one place, one troop count: "Arizona Gov. Doug Ducey said about 150 Guard
                # members would deploy next week" (its event may hold other sentences' places)
                own = {id(p): sizes[0].value for p in in_sentence}
        if i and not _same_paragraph(text, sentences[i - 1][1], s_start):
            carried_date = carried_actor = None
        previous_date, previous_actor = carried_date, carried_actor
        carried_actor = None
        date_mentions = find_dates(sentence, anchor=date_anchor, lang=lang)
        written, duration = _pick_date(sentence, date_mentions, 0)
        carried_date = written if written is not None and written.date_start else None
        near = (
            force_before
            and bool(previous)
            and (
                _same_paragraph(text, sentences[i - 1][1], s_start)
                or not _section_break(text, sentences[i - 1][1], s_start)
            )
        )
        typed = classify_sentence(sentence, lang, actors=actors, sizes=sizes, force_nearby=near)
        force_before = bool(actors or sizes) or near
        hits = [h for h in typed if _counts_as_event(h, sentence)]
        if any(h.event_type == "foreign_troops" for h in hits):  # the more specific type
            hits = [h for h in hits if h.event_type != "troop_deployment"]
        adjacent = bool(previous) and (
            _same_paragraph(text, sentences[i - 1][1], s_start)
            or _continues_across_break(text, sentences[i - 1], sentence, s_start, in_sentence)
            or _force_goes_on(text, sentences[i - 1], s_start, bool(actors), hits, in_sentence)
        )
        at = len(sentence) - len(sentence.lstrip(_OPENERS))
        lead = _LEADING_PLACE_RE.match(sentence, at)
        opening = _ANAPHORA_RE.match(sentence, at) or (
            lead is not None and _ANAPHORA_RE.match(sentence, lead.end())
        )
        if adjacent and opening:
            # "The operations will be intensified in X and Y", "En Carchi, los patrullajes
            # cubren zonas como...": the noun that refers back is no trigger of a new event;
            # the sentence goes on about the events before.
            hits = [h for h in hits if not opening.start() <= h.start < opening.end()]
        if adjacent and (not hits or _ANAPHORA_RE.search(sentence)):
            # It goes on about the events before: the places it names before any trigger of
            # its own (all of them when it has none) and its duration are theirs.
            first_hit = min((h.start for h in hits), default=len(sentence))
            theirs = [p for p in in_sentence if p.start - s_start < first_hit]
            latter = carried_date is not None and bool(_LATTER_RE.search(sentence))
            if latter:
                # "En estas últimas jurisdicciones ... a partir del 2 de octubre": the date is
                # that of the places the sentence before named
                split = [_split_latter(e, sentences[i - 1], carried_date) for e in previous]
                split = [e for e in split if e is not None]
                proposals += split
                previous = previous + split
            for event in previous:
                event.sentences.append((s_start, s_end))
                event.duration_days = event.duration_days or duration
                if (
                    carried_date is not None
                    and (not event.date_from_text or event.date_reported)
                    and _ANAPHORA_RE.search(sentence)
                    and not latter
                ):  # "Las operaciones están activas desde el viernes": its date is theirs
                    event.date_start, event.date_end = (
                        carried_date.date_start,
                        carried_date.date_end,
                    )
                    event.date_precision, event.date_from_text = carried_date.precision, True
                    event.date_unresolved = event.date_reported = False
                known = {p.place.location_id for p in event.places}
                for place in theirs:
                    if place.location_id not in known:
                        event.places.append(EventPlace(place, (s_start, s_end), own.get(id(place))))
                        known.add(place.location_id)
            in_sentence = [p for p in in_sentence if p not in theirs]
            if not hits:
                continue
            continued = True
            # "Dichas regiones abarcan X e Y, en las que operan retenes de revisión": a type
            # the events before lack is said of those places too
            also = (theirs, {e.event_type for e in previous})
        else:
            continued = False
            also = ([], set())
        if not hits:
            previous = []
            continue
        counts = sizes
        actor, actor_country = _actor(actors, index)
        if actor is not None and actor_country is None and previous_actor is not None:
            actor_country = previous_actor
            actor = f"{actor_country} {actor}"
        carried_actor = actor_country
        current: list[Event] = []
        seen_types: set[str] = set()
        for hit in sorted(hits, key=lambda h: -h.score):
            if hit.event_type in seen_types:
                continue
            seen_types.add(hit.event_type)
            date, _ = _pick_date(sentence, date_mentions, hit.start)
            event = Event(
                event_type=hit.event_type,
                trigger=hit.trigger,
                sentences=[(s_start, s_end)],
                score=float(hit.score),
                duration_days=None if continued else duration,  # it went to the others
                actor=actor if hit.event_type != "migration" else None,
                actor_country=actor_country if hit.event_type != "migration" else None,
                places=[
                    EventPlace(p, (s_start, s_end), own.get(id(p)))
                    for p in _unique(
                        (also[0] if hit.event_type not in also[1] else []) + in_sentence
                    )
                ],
            )
            if date is not None and date.date_start is not None:
                event.date_start, event.date_end = date.date_start, date.date_end
                event.date_precision, event.date_from_text = date.precision, True
                event.date_reported = _reported(sentence, date)
            elif date is not None:
                event.date_unresolved = True
            elif previous_date is not None:
                # The date of the sentence before, in the same paragraph.
                event.date_start, event.date_end = (
                    previous_date.date_start,
                    previous_date.date_end,
                )
                event.date_precision, event.date_from_text = previous_date.precision, True
            if counts and hit.event_type in _STATE_TYPES | _FOREIGN_TYPES:
                event.force_size = counts[0].value
                event.force_size_qualifier = counts[0].qualifier
            current.append(event)
        proposals += current
        previous = current
    events = _merge(proposals)
    for event in events:
        _finish(event, text, places, anchor, focus_country, lang)
    _drop_containers(events, text)
    _drop_covered_countries(events)
    _drop_world_regions(events)
    return [e for e in events if e.places]


def _world_region(place: ResolvedPlace) -> bool:
    return place.feature == "region" and not place.country_code


def _drop_world_regions(events: list[Event]) -> None:
    """World regions (no country of their own), once any event of the article has places a
    map can point at: "the exercise ... provides regional security throughout the Caribbean
    and Central America" after the towns where it was held says its scope, not its place."""
    if any(
        p.place.feature not in ("country", "border", "region") for e in events for p in e.places
    ):
        for event in events:
            event.places = [p for p in event.places if not _world_region(p.place)]


def _drop_covered_countries(events: list[Event]) -> None:
    """A country that an event names alone, when another event of the same type names
    places inside it: "Troops deployed in Ecuador" above "soldiers patrolled Guayaquil" is
    reported where it happens, not once more for the whole country. Only when the two can
    be one event (same type, compatible dates and actors): 1,500 soldiers in Peru in 2023 are
    not the 55 who train in Lima in 2025."""
    for event in events:
        if not event.places or any(p.place.feature != "country" for p in event.places):
            continue
        covered = {
            item.place.country_code
            for other in events
            if other is not event
            and other.event_type == event.event_type
            and _actors_compatible(other.actor_country, event.actor_country)
            and _dates_compatible(other, event)
            for item in other.places
            if item.place.feature not in ("country", "border", "region")
        }
        event.places = [p for p in event.places if p.place.country_code not in covered]


def _counts_as_event(hit, sentence: str) -> bool:
    if hit.score < MIN_HIT_SCORE or hit.negated or hit.event_type == "other":
        return False
    if hit.event_type == "troop_deployment" and _ENABLED_RE.search(sentence[: hit.start]):
        return False
    return not (hit.event_type == "migration" and _CIRCUMSTANCE_RE.search(sentence[: hit.start]))


def _same_paragraph(text: str, end_previous: int, start: int) -> bool:
    return "\n" not in text[end_previous:start]


_NEWLINES_RE = re.compile(r"\n(?:[ \t\r]*\n)*")


@lru_cache(maxsize=8)
def _section_newlines(text: str) -> int:
    """How many newlines end a section of *text*: more than its usual paragraph break.

    Most pages break paragraphs with one empty line, so two empty lines end a section; a page
    that puts three empty lines between all its paragraphs needs more than three.
    """
    runs = Counter(m.group().count("\n") for m in _NEWLINES_RE.finditer(text))
    usual = max(runs, key=lambda n: (runs[n], -n)) if runs else 1
    return max(3, usual + 1)


def _section_break(text: str, end_previous: int, start: int) -> bool:
    """Whether the gap between two sentences ends a section (not just a paragraph)."""
    gap = text[end_previous:start]
    return any(m.group().count("\n") >= _section_newlines(text) for m in _NEWLINES_RE.finditer(gap))


_LIST_FILLER = re.compile(r"[\W\d_]*(?:\b(?:y|e|et|and|the|el|la|los|las|le|les)\b[\W\d_]*)*")


def _only_places(sentence: str, s_start: int, places: Sequence[ResolvedPlace]) -> bool:
    """Whether a sentence is a list item: place names, numbers and punctuation only."""
    if not places:
        return False
    rest, at = [], 0
    for place in sorted(places, key=lambda p: p.start):
        rest.append(sentence[at : place.start - s_start])
        at = max(at, place.end - s_start)
    rest.append(sentence[at:])
    return all(_LIST_FILLER.fullmatch(part) for part in rest)


def _continues_across_break(
    text: str,
    previous: tuple[int, int],
    sentence: str,
    s_start: int,
    places: Sequence[ResolvedPlace],
) -> bool:
    """Whether a sentence after a line break still goes on about the events before it.

    News pages often break every sentence onto its own line, so a break alone ends nothing
    that the words say goes on: an anaphora ("Dichas regiones abarcan...", "These operations
    ..."), a list announced by a colon ("Estos son los municipios cerrados:" then one name a
    line), or a line that is a list item itself (place names and numbers only).
    """
    if _section_break(text, previous[1], s_start):
        return False
    if _CONTINUATION_RE.search(sentence):
        return True  # "Igualmente están comprendidas las provincias de Huanta y La Mar"
    if (
        _ANAPHORA_RE.search(sentence)
        or _LATTER_RE.search(sentence)
        or sentence.rstrip().endswith(":")
    ):
        return True  # "Estos son los municipios cerrados:" announces a list of its places
    if text[previous[0] : previous[1]].rstrip().endswith(":"):
        return True
    return _only_places(sentence, s_start, places)


def _force_goes_on(
    text: str,
    previous: tuple[int, int],
    s_start: int,
    has_force: bool,
    hits: Sequence,
    places: Sequence[ResolvedPlace],
) -> bool:
    """Whether a new paragraph that names an armed force at places, with no trigger of its
    own, goes on about the deployment before it: "El despliegue incluye efectivos ..." then
    "Desde el viernes, unidades militares operan en las provincias de Carchi, Imbabura y
    Esmeraldas" (where the force already deployed is)."""
    return (
        has_force and not hits and bool(places) and not _section_break(text, previous[1], s_start)
    )


def _split_latter(event: Event, sentence: tuple[int, int], date) -> Event | None:
    """Date the places that *event* took from *sentence* with *date* (a :class:`DateMention`):
    the event itself when they are all its places, else a new event of them alone (returned),
    the others keeping theirs ("... a partir del 8 de octubre. Igualmente están comprendidas
    Huanta y La Mar. En estas últimas jurisdicciones ... a partir del 2 de octubre")."""
    if (event.date_start, event.date_end) == (date.date_start, date.date_end):
        return None
    latter = [p for p in event.places if p.evidence == sentence]
    if not latter:
        return None
    new = None
    if len(latter) < len(event.places):
        event.places = [p for p in event.places if p.evidence != sentence]
        event = new = Event(
            event_type=event.event_type,
            trigger=event.trigger,
            sentences=[sentence],
            score=event.score,
            actor=event.actor,
            actor_country=event.actor_country,
            places=latter,
        )
    event.date_start, event.date_end = date.date_start, date.date_end
    event.date_precision, event.date_from_text = date.precision, True
    event.date_reported = event.date_unresolved = False
    return new


def _unique(places: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    seen: set[str] = set()
    out = []
    for place in places:
        if place.location_id not in seen:
            seen.add(place.location_id)
            out.append(place)
    return out


def _actors_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _merge(proposals: list[Event]) -> list[Event]:
    merged: list[Event] = []
    for event in proposals:
        for earlier in reversed(merged):
            if (
                earlier.event_type == event.event_type
                and _actors_compatible(earlier.actor_country, event.actor_country)
                and _dates_compatible(earlier, event)
            ):
                _merge_into(earlier, event)
                break
        else:
            merged.append(event)
    return merged


def _fallback_place(
    event: Event, places: Sequence[ResolvedPlace], focus_country: str | None
) -> ResolvedPlace | None:
    """Where an event happens when its sentences name no place.

    A border the article names at least twice, for the types that happen at borders; else the
    focus country itself (country precision: honest about what is known).
    """
    borders = Counter(p.location_id for p in places if p.feature == "border")
    if event.event_type in _BORDER_TYPES and borders:
        location_id, mentions = borders.most_common(1)[0]
        if mentions >= 2:
            return next(p for p in places if p.location_id == location_id)
    host = event.host_country or focus_country
    return next(
        (p for p in places if p.feature == "country" and p.country_code == host),
        None,
    )


def _finish(
    event: Event,
    text: str,
    places: Sequence[ResolvedPlace],
    anchor,
    focus_country: str | None,
    lang: str = "fr",
) -> None:
    """Fill what the sentences left open: places, host country, dates from the anchor."""
    if event.event_type in _FOREIGN_TYPES and event.actor_country:
        # The sending country named as a whole is where troops come from, not where they are.
        event.places = [
            p
            for p in event.places
            if not (p.place.feature == "country" and p.place.country_code == event.actor_country)
        ]
    if event.actor_country and any(
        p.place.country_code not in ("", event.actor_country)
        and p.place.feature not in ("country", "border", "region")
        for p in event.places
    ):  # "une cérémonie à Nairobi, avant le départ de ces policiers" (for Port-au-Prince):
        event.places = [  # the sending country's capital is its home, not the event's place
            p
            for p in event.places
            if not (p.place.feature_code == "PPLC" and p.place.country_code == event.actor_country)
        ]
    if not event.places:
        fallback = _fallback_place(event, places, focus_country)
        if fallback is not None:
            event.places.append(EventPlace(fallback, event.sentences[0]))
    event.places = _prune(event.places, text, event.event_type, places)
    event.places = _without_border_duplicates(event.places, text, lang, places)
    countries = Counter(p.place.country_code for p in event.places if p.place.feature != "border")
    if countries:
        event.host_country = countries.most_common(1)[0][0]
    elif event.places:
        event.host_country = event.actor_country or focus_country
    if (
        event.event_type == "troop_deployment"
        and countries
        and event.actor_country
        and event.actor_country not in countries
    ):  # "le contingent de policiers kényans est arrivé à Port-au-Prince": a force of one
        event.event_type = "foreign_troops"  # country deployed in another's places
    if event.event_type in _STATE_TYPES and not event.actor_country:
        event.actor_country = event.host_country or focus_country
    if not event.date_from_text and not event.date_unresolved and anchor is not None:
        event.date_start, event.date_end = anchor.start, anchor.end
        event.date_precision = anchor.precision


def _prune(
    places: list[EventPlace],
    text: str,
    event_type: str = "",
    mentions: Sequence[ResolvedPlace] = (),
) -> list[EventPlace]:
    """Drop what only locates the event's other places.

    - countries, when the event names places below country level (a country beside towns is
      context: "le Pérou suit la tendance de l'Équateur et de l'Argentine");
    - a country named by its name whose border with a neighbour is one of the event's places
      ("la frontière mexicaine" and "entrer aux Etats-Unis": the border says where);
    - a region named as a locator ("dans la région de Tacna") of places inside it;
    - another country's capital beside places at home (its government), two capitals of
      two countries joined ("tensions between Caracas and Bogota": governments), the places
      after "limítrofe con" (what the event borders on);
    - a town named after a distance or a relative direction ("Nahualá, à 150 kilomètres à
      l'ouest de Guatemala City", "Paso Colchane, al este de Iquique"): a reference point for
      the event's other places;
    - a world region (no country of its own) beside places of a country: context;
    - where a force moves from, before "towards" ("se déplacer de la capitale et Tolémaida
      vers le centre de formation de El Catatumbo"), beside the places it moves to;
    - the countries an agreement's sentences name: its parties ("la cooperación de Estados
      Unidos y Colombia"); the places where it applies stay.
    """
    specific = any(p.place.feature not in ("country", "border", "region") for p in places)
    bordering = {
        code
        for p in places
        if p.place.feature == "border"
        for code in p.place.location_id.removeprefix("border:").split("-")
    }
    hosts = {
        p.place.country_code
        for p in places
        if p.place.feature not in ("country", "border", "region") and p.place.feature_code != "PPLC"
    }
    kept = []
    for item in places:
        place = item.place
        before = text[max(0, place.start - 40) : place.start]
        if place.feature_code == "CONT":
            continue  # "migrantes de Asia y África": a continent is no place a row can map
        if (
            event_type in _AGREEMENT_TYPES
            and place.feature == "country"
            and place.kind != "territory"
            and item.evidence[0] <= place.start < item.evidence[1]
        ):  # "los acuerdos entre México y Estados Unidos": the parties, not places (the
            continue  # country an agreement falls back on, or its "espacio aéreo", stays)
        if _world_region(place) and specific:
            continue  # "17 000 soldats dans l'État de Zulia ... dans les Caraïbes": context
        if _moved_from(item, text) and any(
            o is not item and o.place.feature != "country" for o in places
        ):
            continue  # "soldats commencent à se déplacer de ... Tolémaida vers El Catatumbo"
        if place.feature_code == "PPLC" and hosts and place.country_code not in hosts:
            # "tensiones con Managua", "Caracas a organisé un référendum": another country's
            # capital beside an event at home is that country's government
            continue
        if (
            place.feature_code == "PPLC"
            and any(
                o.place.feature not in ("country", "border", "region")
                and o.place.feature_code != "PPLC"
                for o in places
            )
            and _paired_capital(place, mentions, text)
        ):  # "tensions between Caracas and Bogota" beside the event's places: two governments
            continue
        if _ADJOINING_RE.search(text, max(0, place.start - 80), place.start):
            continue  # "la región limítrofe con los estados venezolanos de Zulia, Táchira"
        if (
            place.feature == "city"
            and _REFERENCE_RE.search(text, max(0, place.start - 60), place.start)
            and any(
                o is not item and o.place.feature not in ("country", "border", "region")
                for o in places
            )
        ):
            continue  # "à 150 kilomètres à l'ouest de Guatemala City": where the others lie
        if (
            place.feature == "country"
            and place.kind != "territory"
            and (
                (_owner_before(before) or _DEPARTURE_RE.search(before))
                and not (event_type == "migration" and _DEPARTURE_RE.search(before))
                or text.startswith("'s", place.end)
            )
        ):
            # "represalias de Estados Unidos", "troops from Kenya", "had left Kenya",
            # "Kenya's commitment": who, not where (a caravan's departure is a migration's)
            continue
        if (
            place.feature not in ("country", "border")
            and event_type != "migration"
            and _DEPARTURE_RE.search(before)
        ):  # "les 400 policiers ont quitté Nairobi": where a force leaves from
            continue
        if place.feature == "country" and (
            specific or (place.country_code in bordering and place.kind != "territory")
        ):  # "sur le sol mexicain" says the event is in Mexico: a territory stays
            continue
        if (
            place.feature == "admin1"
            and _LOCATOR_RE.search(text[: place.start])
            and any(
                o is not item
                and o.place.feature in ("city", "admin2")
                and o.place.country_code == place.country_code
                and (o.place.admin1 or "").casefold() == place.resolved_name.casefold()
                for o in places
            )
        ):
            continue
        kept.append(item)
    return kept


_ON_BORDER_KM = 25.0
"""How close to a border line a town lies to stand for the event at that border."""
_REGION_ON_BORDER_KM = 100.0
"""How close a region's point lies to a border line that locates it ("l'État frontalier de
Táchira, à la frontière avec la Colombie")."""


_CROSSING_RE = re.compile(
    r"\b" + _alt(w for x in _LANGS for w in x.crossing_words) + r"\b", re.IGNORECASE
)


def _border_points(place: ResolvedPlace) -> tuple[tuple[float, float], ...]:
    """The (lat, lon) vertices of a border's line, or its one point without a geometry."""
    return _line_points(place.geometry_wkt or "") or ((place.latitude, place.longitude),)


def _line_points(wkt: str) -> tuple[tuple[float, float], ...]:
    """The (lat, lon) vertices of a WKT line, every part's."""
    return tuple(point for part in line_parts(wkt) for point in part)


def _without_border_duplicates(
    places: list[EventPlace], text: str, lang: str, mentions: Sequence[ResolvedPlace] = ()
) -> list[EventPlace]:
    """Drop a border when the event names a town on it that the text ties to it: a town or
    region the border locates ("Nuevo Rocafuerte, en la frontera con Perú", "l'État
    frontalier de Táchira, à la frontière avec la Colombie"), or a crossing ("el despliegue
    en la frontera con Perú" then "los pasos fronterizos reforzados son el Paso Chacalluta,
    ..."). The event is mapped there; the border row only repeats it. Beside crossings, a
    border whose sentence gives troops ("déployer 10 000 soldats à la frontière") stays; so
    does one beside towns only near it ("l'état d'urgence le long de la frontière" then "dans
    les zones de Palca, Tacna et La Yarada").

    *mentions* are every resolved place of the text (a border may locate a town at another
    of its mentions than the event's)."""
    towns = [p.place for p in places if p.place.feature in ("city", "admin2", "admin1")]
    if not towns:
        return places
    kept = []
    for item in places:
        place = item.place
        if place.feature == "border" and _repeats_a_town(item, towns, text, lang, mentions):
            continue
        kept.append(item)
    return kept


def _repeats_a_town(
    item: EventPlace,
    towns: Sequence[ResolvedPlace],
    text: str,
    lang: str,
    mentions: Sequence[ResolvedPlace],
) -> bool:
    border = item.place
    pair = set(border.location_id.removeprefix("border:").split("-"))
    line = _border_points(border)
    said = [m for m in mentions if m.location_id == border.location_id] or [border]
    on_it = [
        town
        for town in towns
        if town.country_code in pair
        and min(haversine_km(town.latitude, town.longitude, a, b) for a, b in line)
        <= (_REGION_ON_BORDER_KM if town.feature == "admin1" else _ON_BORDER_KM)
    ]
    start, end = item.evidence
    locating = [m for m in said for town in on_it if _locates(m, town, text)]
    if any(start <= m.start < end for m in locating):
        return True  # its own sentence: "17 000 soldats dans l'État de Táchira, à la frontière"
    if item.force_size is not None or find_force_sizes(text[start:end], lang):
        return False  # troops of its own: "3 mil soldados en la frontera con Colombia"
    return bool(locating) or any(
        town.feature != "admin1" and _crossing(town, text) for town in on_it
    )


def _crossing(town: ResolvedPlace, text: str) -> bool:
    """Whether the text calls *town* a border crossing: "el Paso Visviri", "los pasos
    fronterizos reforzados son el Paso Chacalluta", "the border crossing at Nogales"."""
    if _CROSSING_RE.match(town.name):
        return True
    before = text[max(0, town.start - 120) : town.start]
    clause = re.split(r"[.;\n]", before)[-1]
    return bool(_CROSSING_RE.search(clause))


def _locates(border: ResolvedPlace, town: ResolvedPlace, text: str) -> bool:
    """Whether a border mention locates the town just before it, in the same clause:
    "Nuevo Rocafuerte, en la frontera con Perú", "Colchane, situé entre ... et la frontière"."""
    gap = text[town.end : border.start]
    return 0 <= border.start - town.end <= 60 and not re.search(r"[.;\n]", gap)


_JOINED_RE = re.compile(
    r"\s*(?:,|-|–|/|\b" + _alt(w for x in _LANGS for w in x.list_joiners) + r"\b)\s*",
    re.IGNORECASE,
)


def _paired_capital(place: ResolvedPlace, mentions: Sequence[ResolvedPlace], text: str) -> bool:
    """Whether a capital is joined to another country's capital: "between Caracas and
    Bogota", "entre Washington y Ciudad de México" name two governments."""
    return any(
        other.feature_code == "PPLC"
        and other.country_code != place.country_code
        and (
            _JOINED_RE.fullmatch(text, place.end, other.start)
            or _JOINED_RE.fullmatch(text, other.end, place.start)
        )
        for other in mentions
    )


def _moved_from(item: EventPlace, text: str) -> bool:
    """Whether a place is where a force moves from: after "se déplacer de", "trasladarse
    desde", "moved from" in its clause, and before "vers", "hacia", "towards"."""
    start, end = item.place.start, item.place.end
    clause = re.split(r"[.;:\n]", text[max(0, start - 100) : start])[-1]
    return bool(_MOVING_FROM_RE.search(clause)) and bool(_TOWARD_RE.match(text, end, end + 80))


_AFTER_TOWN = re.compile(r"\s*[,(]\s*")
"""Between a town and the region that locates it: "Maicao, La Guajira", "Quito (Pichincha)"."""
_NAME = r"[A-ZÀ-Ý][\wÀ-ÿ.'-]*(?:\s+(?:de\s+|del\s+|la\s+|los\s+)?[A-ZÀ-Ý][\wÀ-ÿ.'-]*){0,4}"
_AFTER_LIST = re.compile(
    r"(?:\s*(?:,|\b" + _alt(w for x in _LANGS for w in x.list_joiners) + r"\b)\s*" + _NAME + r")*"
    r"\s*,\s*(?:(?:" + _alt(w for x in _LANGS for w in x.in_words) + r"|del?|du|of)\s+)?"
    r"(?:(?:el|la|the|le|l')\s*)?(?:"
    + _alt(sorted({k for x in _LANGS for k in x.admin_kinds}, key=len, reverse=True))
    + r"\s+(?:[\wÀ-ÿ]+\s+)?(?:de|del|of|du)\s+(?:la\s+)?)?",
    re.IGNORECASE,
)
"""Between the first town of a list and the region after the list that locates it: "Putumayo
y Mariscal Ramón Castilla, del departamento peruano de (Loreto)", "Kimbiri, Pichari y
Vilcabamba, en (Cusco)"."""


def _drop_containers(events: list[Event], text: str) -> None:
    """Drop the regions that only hold or locate other places (:func:`_container`), among
    the places of the events that share a sentence with theirs (one sentence may give a
    deployment and a border control: "desplegó ... en Sonora para contener el paso")."""
    for event in events:
        own = set(event.sentences)
        related = [
            item
            for other in events
            if other is event or own.intersection(other.sentences)
            for item in other.places
        ]
        event.places = [p for p in event.places if not _container(p, related, text)]


def _container(item: EventPlace, places: list[EventPlace], text: str) -> bool:
    """Whether a region only holds or locates the event's other places.

    A region the event names with towns of its own in a later sentence ("los estados de
    Chiapas, Tabasco ..." then "los municipios de Suchiate, Metapa ...") is broken down
    into them (a list that names regions and towns at once keeps both), and one written
    just after a town of it ("Maicao, La Guajira") locates that town; neither is a place of
    the event of its own, unless the text gives the region a count of its own ("A Baja
    California llegaron 3 mil elementos"). After a list of its towns ("Kimbiri, Pichari y
    Vilcabamba, en Cusco"), the town a region is named after stands for the region.
    """
    place = item.place
    namesake = place.feature == "city" and name_key(place.admin1 or "") == name_key(place.name)
    if place.feature != "admin1" and not namesake or item.force_size is not None:
        return False
    region = (place.admin1 or place.resolved_name).casefold()
    for other in places:
        o = other.place
        if (
            other is item
            or o.feature not in ("city", "admin2")
            or o.country_code != place.country_code
            or (o.admin1 or "").casefold() != region
            or (namesake and o.location_id == place.location_id)
        ):
            continue
        if o.start >= item.evidence[1] and not namesake:
            return True  # broken down into its towns in a later sentence
        if o.end > place.start:
            continue
        gap = text[o.end : place.start]
        if namesake and not re.search(r"[\wÀ-ÿ]", gap.rsplit(",", 1)[-1]):
            continue  # "Palca, Tacna et La Yarada": the namesake town is one of the list
        if _AFTER_TOWN.fullmatch(gap) or _AFTER_LIST.fullmatch(gap):
            return True  # written just after its town, or after a list of its towns
    return False
