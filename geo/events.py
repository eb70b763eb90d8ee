"""Stage 3: assemble events from sentences: type, dates, counts, actors and places.

An article holds several events. Each sentence with a deployment trigger proposes one event per
type it expresses; a following sentence without a trigger ("Selon le journal, ces mesures
resteront en vigueur pendant 60 jours dans les zones de Palca...") continues the events before
it. Proposals of the same type, actor and compatible dates then merge into one event whose
places are the union of theirs. Each event keeps the sentences it comes from.

Functions here take plain data from the earlier stages (:mod:`geo.sentences`,
:mod:`geo.event_types`, :mod:`geo.dates`, :mod:`geo.counts`, :mod:`geo.resolve`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.counts import find_force_sizes
from geo.dates import find_dates
from geo.event_types import classify_sentence, find_actors
from geo.resolve import ResolvedPlace

# Which side deploys for each type: "own" forces at home, or "foreign" forces in a host.
_FOREIGN_TYPES = {"foreign_troops"}
_STATE_TYPES = {"troop_deployment", "state_of_emergency", "border_control", "military_exercise"}


@dataclass
class EventPlace:
    """A place of an event, with the sentence that ties it to the event."""

    place: ResolvedPlace
    evidence: tuple[int, int]


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

    @property
    def start(self) -> int:
        return self.sentences[0][0]


def _dates_compatible(a: Event, b: Event) -> bool:
    if not a.date_from_text or not b.date_from_text:
        return True
    if a.date_start is None or b.date_start is None:
        return True
    a_end = a.date_end or a.date_start
    b_end = b.date_end or b.date_start
    return a.date_start <= b_end and b.date_start <= a_end


def _merge_into(target: Event, other: Event) -> None:
    target.sentences += [s for s in other.sentences if s not in target.sentences]
    target.score = max(target.score, other.score)
    if not target.date_from_text and other.date_from_text:
        target.date_start, target.date_end = other.date_start, other.date_end
        target.date_precision, target.date_from_text = other.date_precision, True
    target.duration_days = target.duration_days or other.duration_days
    if other.force_size is not None and (target.force_size or 0) < other.force_size:
        target.force_size, target.force_size_qualifier = (
            other.force_size,
            other.force_size_qualifier,
        )
    target.actor = target.actor or other.actor
    target.actor_country = target.actor_country or other.actor_country
    known = {p.place.location_id for p in target.places}
    target.places += [p for p in other.places if p.place.location_id not in known]


def _actor(sentence: str, lang: str, index) -> tuple[str | None, str | None]:
    actors = find_actors(sentence, lang)
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


def _first_date(sentence: str, offset: int, anchor, lang: str, trigger_at: int):
    """The date mention closest to the trigger, and the stated duration, if any."""
    mentions = find_dates(sentence, anchor=anchor, lang=lang)
    duration = next((m.duration_days for m in mentions if m.kind == "duration"), None)
    dated = [m for m in mentions if m.kind != "duration" and m.date_start is not None]
    if not dated:
        return None, duration
    best = min(dated, key=lambda m: abs(m.start - trigger_at))
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
    publication date (:class:`geo.dates.PartialDate`) that relative dates hang on.
    """
    proposals: list[Event] = []
    previous: list[Event] = []
    for i, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        in_sentence = [p for p in places if s_start <= p.start < s_end]
        hits = classify_sentence(sentence, lang)
        if not hits:
            # A sentence without trigger right after event sentences continues them.
            adjacent = previous and _same_paragraph(text, sentences[i - 1][1], s_start)
            if adjacent and in_sentence:
                _, duration = _first_date(sentence, s_start, anchor, lang, 0)
                for event in previous:
                    event.sentences.append((s_start, s_end))
                    event.duration_days = event.duration_days or duration
                    known = {p.place.location_id for p in event.places}
                    for place in in_sentence:
                        if place.location_id not in known:
                            event.places.append(EventPlace(place, (s_start, s_end)))
                            known.add(place.location_id)
                continue
            previous = []
            continue
        counts = find_force_sizes(sentence, lang)
        actor, actor_country = _actor(sentence, lang, index)
        current: list[Event] = []
        seen_types: set[str] = set()
        for hit in sorted(hits, key=lambda h: -h.score):
            if hit.event_type in seen_types:
                continue
            seen_types.add(hit.event_type)
            date, duration = _first_date(sentence, s_start, anchor, lang, hit.start)
            event = Event(
                event_type=hit.event_type,
                trigger=hit.trigger,
                sentences=[(s_start, s_end)],
                score=float(hit.score),
                duration_days=duration,
                actor=actor if hit.event_type != "migration" else None,
                actor_country=actor_country if hit.event_type != "migration" else None,
                places=[EventPlace(p, (s_start, s_end)) for p in _unique(in_sentence)],
            )
            if date is not None:
                event.date_start, event.date_end = date.date_start, date.date_end
                event.date_precision, event.date_from_text = date.precision, True
            if counts and hit.event_type in _STATE_TYPES | _FOREIGN_TYPES:
                event.force_size = counts[0].value
                event.force_size_qualifier = counts[0].qualifier
            current.append(event)
        proposals += current
        previous = current
    events = _merge(proposals)
    for event in events:
        _finish(event, text, sentences, places, anchor, focus_country)
    return [e for e in events if e.places]


def _same_paragraph(text: str, end_previous: int, start: int) -> bool:
    return "\n" not in text[end_previous:start]


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


def _finish(
    event: Event,
    text: str,
    sentences: Sequence[tuple[int, int]],
    places: Sequence[ResolvedPlace],
    anchor,
    focus_country: str | None,
) -> None:
    """Fill what the sentences left open: places, host country, dates from the anchor."""
    if not event.places:
        # The nearest place before the event in the same paragraph, else the focus country.
        before = [p for p in places if p.end <= event.start and p.kind != "territory"]
        if before and _same_paragraph(text, before[-1].end, event.start):
            event.places.append(EventPlace(before[-1], event.sentences[0]))
    event.places = _prune(event.places)
    countries = Counter(p.place.country_code for p in event.places if p.place.feature != "border")
    borders = [p.place for p in event.places if p.place.feature == "border"]
    if countries:
        event.host_country = countries.most_common(1)[0][0]
    elif borders:
        event.host_country = event.actor_country or focus_country
    if event.event_type in _STATE_TYPES and not event.actor_country:
        event.actor_country = event.host_country or focus_country
    if not event.date_from_text and anchor is not None:
        event.date_start, event.date_end = anchor.start, anchor.end
        event.date_precision = anchor.precision


def _prune(places: list[EventPlace]) -> list[EventPlace]:
    """Drop a country or region when a place inside it is also named for the same event."""
    kept = []
    for item in places:
        place = item.place
        if place.feature == "country" and any(
            o.place.country_code == place.country_code
            and o.place.feature in ("admin1", "city", "admin2")
            for o in places
        ):
            continue
        if place.feature == "admin1" and any(
            o is not item
            and o.place.feature in ("city", "admin2")
            and o.place.country_code == place.country_code
            and (o.place.admin1 or "").casefold() == place.resolved_name.casefold()
            for o in places
        ):
            continue
        kept.append(item)
    return kept
