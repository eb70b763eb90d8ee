"""The event detail panel: every event of the places selected on the map, as escaped HTML.

A selection is one place (a marker, region, country or border clicked on the map) or the
places of a clicked cluster; it is a tuple of ``location_id`` values, kept in the URL as
``place=<id>[,<id>...]`` (:func:`selection_params`, :func:`parse_place_param`).

The panel (:func:`detail_html`) lists each event once (the rows of one event share its
``event_key``), newest first: type, dates, title, force with its qualifier, actor, places,
the source link (http/https only) and the evidence sentence with the place highlighted,
from the stored character offsets when they point at the place, else where the place's name
is written. Every piece of article text is escaped (:func:`esc`) before it becomes HTML, and
highlights are cut from the raw text first, so a mark never splits an entity.

Pure pandas; the dashboard only asks the store for the rows and shows the HTML.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.explore.views import format_dates, safe_url
from geo.table.schema import EVENT_TYPE_LABELS, EVENT_TYPES

PLACE_PARAM = "place"
"""The URL parameter holding the selection."""
MAX_SELECTED = 100
"""At most this many places in a selection (a cluster click keeps those with most events)."""
MAX_ID_CHARS = 120
"""A longer ``place=`` value is not a location id."""
DETAIL_EVENTS = 200
"""The panel lists at most this many events (the most recent; the table below holds all)."""

_TOKEN = re.compile("\u27e6([^\u27e7]{1,200})\u27e7")
_ID_OK = re.compile(r"^[^\x00-\x1f\x7f<>\"'`\s,]+$")
QUALIFIER_WORDS = {"about": "about", "at_least": "at least", "at_most": "at most", "exact": ""}
PRECISION_WORDS = {"point": "place", "admin1": "region", "country": "whole country",
                   "border": "border"}  # fmt: skip


def esc(text: object) -> str:
    """HTML-escape article text (``& < > " '`` and backticks); ``None``/NA become ``""``."""
    if _missing(text):
        return ""
    return html.escape(str(text), quote=True).replace("`", "&#96;")


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


# ---------------------------------------------------------------- selection <-> click, URL


def selection_from_tooltip(text: object, *, limit: int = MAX_SELECTED) -> tuple[str, ...]:
    """The ``location_id`` values hidden in a clicked tooltip (``⟦id⟧`` tokens, HTML-escaped):
    one for a place, several for a cluster; ``()`` when there is none."""
    if not isinstance(text, str):
        return ()
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        loc = html.unescape(match.group(1))
        if loc not in out:
            out.append(loc)
        if len(out) >= limit:
            break
    return tuple(out)


def _short(value: str, limit: int = 40) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_place_param(values: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    """The selection a URL's ``place=`` values ask for, and notices for what is dropped
    (values that cannot be location ids, more than :data:`MAX_SELECTED`). Never raises."""
    notices: list[str] = []
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            loc = part.strip()
            if not loc:
                continue
            if len(loc) > MAX_ID_CHARS or not _ID_OK.match(loc):
                notices.append(f"`place={_short(loc)}` is not a place id; ignored")
            elif loc not in out:
                out.append(loc)
    if len(out) > MAX_SELECTED:
        notices.append(f"`place=` names {len(out):,} places; only the first {MAX_SELECTED} kept")
        out = out[:MAX_SELECTED]
    return tuple(out), notices


def selection_params(selection: Sequence[str] | None) -> dict[str, str]:
    """The URL form of a selection: ``{"place": "id1,id2"}``, or ``{}`` for none."""
    return {PLACE_PARAM: ",".join(selection)} if selection else {}


def check_selection(
    selection: Sequence[str], known: Iterable[str], *, from_url: bool
) -> tuple[tuple[str, ...], list[str]]:
    """The places of *selection* among the filtered places *known*; a notice for each one
    left out when the selection came from a link (*from_url*; a filter change drops places
    silently)."""
    known_set = set(known)
    kept = tuple(loc for loc in selection if loc in known_set)
    notices = []
    if from_url:
        notices = [f"`place={_short(loc)}` is not among the filtered places; ignored"
                   for loc in selection if loc not in known_set]  # fmt: skip
    return kept, notices


# ---------------------------------------------------------------- highlighting


def place_spans(
    evidence: str,
    place: object,
    place_start: object,
    place_end: object,
    evidence_start: object,
    *,
    names: Sequence[object] = (),
) -> list[tuple[int, int]]:
    """Where the place is in *evidence* (character spans): the stored offsets when they point
    at the place's text (``place_start - evidence_start``), else every whole-word match of
    the place as written, else of the other *names* (the gazetteer's); ``[]`` if none."""
    if not evidence:
        return []
    if not any(_missing(v) for v in (place, place_start, place_end, evidence_start)):
        start = int(place_start) - int(evidence_start)  # type: ignore[arg-type]
        end = int(place_end) - int(evidence_start)  # type: ignore[arg-type]
        if 0 <= start < end <= len(evidence) and (
            evidence[start:end].casefold() == str(place).casefold()
        ):
            return [(start, end)]
    for name in (place, *names):
        if _missing(name) or not str(name).strip():
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(str(name).strip()) + r"(?!\w)", re.IGNORECASE)
        spans = [m.span() for m in pattern.finditer(evidence)]
        if spans:
            return spans
    return []


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """*text* escaped, with the *spans* (of the raw text) in ``<mark>``: overlapping spans are
    merged and each piece is escaped on its own, so no entity is cut."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out.append(esc(text[at:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


# ---------------------------------------------------------------- events


def format_force(size: object, qualifier: object, place_size: object = None) -> str:
    """``"about 1,500 troops"``, ``"at least 200 troops (90 here)"``; ``""`` when none."""
    if _missing(size):
        return ""
    word = QUALIFIER_WORDS.get(str(qualifier), "") if not _missing(qualifier) else ""
    text = f"{word} {int(size):,} troops".strip()  # type: ignore[call-overload]
    if not _missing(place_size) and int(place_size) != int(size):  # type: ignore[call-overload]
        text += f" ({int(place_size):,} here)"  # type: ignore[call-overload]
    return text


@dataclass(frozen=True)
class DetailEvent:
    """One event of the panel: plain values (not yet escaped) and the evidence's highlights."""

    event_type: str
    dates: str
    title: str
    force: str
    actor: str
    places: tuple[str, ...]
    source: str
    url: str | None
    evidence: str
    spans: tuple[tuple[int, int], ...]
    sort_date: pd.Timestamp | None


def _text(value: object) -> str:
    return "" if _missing(value) else " ".join(str(value).split())


def detail_events(rows: pd.DataFrame) -> list[DetailEvent]:
    """The events of *rows* (event x place rows of the events table), each once, newest
    first (undated last): the rows of one event (same ``event_key``) give its places and
    the highlights of each in the evidence."""
    if rows.empty:
        return []
    keys = rows["event_key"].astype("string") if "event_key" in rows else None
    groups: dict[str, list[Mapping]] = {}
    for i, row in enumerate(rows.to_dict("records")):
        key = keys.iloc[i] if keys is not None else pd.NA
        key = str(row["event_id"]) if _missing(key) else f"k:{key}"
        groups.setdefault(key, []).append(row)
    out = []
    for group in groups.values():
        first = group[0]
        evidence = str(first.get("evidence") or "") if not _missing(first.get("evidence")) else ""
        spans: list[tuple[int, int]] = []
        places: list[str] = []
        for row in group:
            label = _text(row.get("place_resolved")) or _text(row.get("place"))
            if label and label not in places:
                places.append(label)
            if _text(row.get("evidence")) == _text(evidence):
                spans += place_spans(
                    evidence, row.get("place"), row.get("place_start"), row.get("place_end"),
                    row.get("evidence_start"), names=[row.get("place_resolved")],
                )  # fmt: skip
        start = first.get("date_start")
        out.append(
            DetailEvent(
                event_type=str(first.get("event_type") or "other"),
                dates=format_dates(start, first.get("date_end"), first.get("date_precision")),
                title=_text(first.get("title")),
                force=format_force(first.get("force_size"), first.get("force_size_qualifier"),
                                   first.get("place_force_size") if len(group) == 1 else None),
                actor=_text(first.get("actor")),
                places=tuple(places),
                source=_text(first.get("source")),
                url=safe_url(first.get("url")),
                evidence=evidence,
                spans=tuple(sorted(set(spans))),
                sort_date=None if _missing(start) else pd.Timestamp(start),
            )
        )  # fmt: skip
    dated = sorted((e for e in out if e.sort_date is not None), key=lambda e: e.sort_date,
                   reverse=True)  # fmt: skip
    return dated + [e for e in out if e.sort_date is None]


DETAIL_CSS = """
<style>
.dm-detail { font-size: 0.9rem; line-height: 1.4; color: #1a1a1a; }
.dm-detail .dm-d-head { font-weight: 700; font-size: 1.05rem; }
.dm-detail .dm-d-sub { color: #555; margin-bottom: 0.4rem; }
.dm-detail ol { list-style: none; padding: 0; margin: 0; }
.dm-detail li { border-top: 1px solid #e3e3e3; padding: 0.5rem 0; margin: 0; }
.dm-detail .dm-d-type { font-weight: 600; }
.dm-detail .dm-d-type svg { vertical-align: -1px; margin-right: 4px; }
.dm-detail .dm-d-title { margin-top: 2px; }
.dm-detail .dm-d-meta { color: #444; }
.dm-detail blockquote { margin: 4px 0; padding: 0 0 0 8px; border-left: 3px solid #bbb;
  color: #333; font-style: italic; }
.dm-detail mark { background: #ffe680; color: #111; padding: 0 1px; font-style: normal; }
.dm-detail .dm-d-more { color: #555; border-top: 1px solid #e3e3e3; padding-top: 0.4rem; }
</style>
"""


def event_item_html(event: DetailEvent, symbols: Mapping[str, str] | None = None) -> str:
    """One event of the panel as an ``<li>`` (every text escaped; links http(s) only).
    *symbols*: trusted HTML of each type's symbol (:func:`.map.type_symbol`)."""
    kind = event.event_type if event.event_type in EVENT_TYPES else "other"
    label = EVENT_TYPE_LABELS[kind]
    symbol = (symbols or {}).get(kind, "")
    parts = [f'<div class="dm-d-type">{symbol}{esc(label)} · {esc(event.dates)}</div>']
    if event.title:
        parts.append(f'<div class="dm-d-title"><b>{esc(event.title)}</b></div>')
    meta = [x for x in (event.force, event.actor) if x]
    if event.places:
        meta.append("at " + ", ".join(event.places))
    if meta:
        parts.append(f'<div class="dm-d-meta">{esc(" · ".join(meta))}</div>')
    if event.evidence:
        parts.append(f"<blockquote>“{highlight(event.evidence, event.spans)}”</blockquote>")
    name = esc(event.source) or "source"
    if event.url:
        parts.append(f'<a href="{esc(event.url)}" target="_blank" rel="noopener noreferrer">'
                     f"{name} ↗</a>")  # fmt: skip
    elif event.source:
        parts.append(f'<span class="dm-d-src">{name}</span>')
    return f'<li class="dm-d-ev">{"".join(parts)}</li>'


def selection_title(places: pd.DataFrame) -> tuple[str, str]:
    """(heading, subheading) of the panel, plain text: the place's name, or how many places
    a group holds; events, kind and country."""
    n_events = int(places["n_events"].sum()) if not places.empty else 0
    events = f"{n_events:,} event{'s' if n_events != 1 else ''}"
    if len(places) == 1:
        place = places.iloc[0]
        kind = PRECISION_WORDS.get(str(place["geo_precision"]), "place")
        country = _text(place.get("country_code"))
        return _text(place["label"]), " · ".join(x for x in (events, kind, country) if x)
    names = ", ".join(_text(label) for label in places["label"].head(3))
    more = f" and {len(places) - 3:,} more" if len(places) > 3 else ""
    return f"{len(places):,} places", f"{events} · {names}{more}"


def detail_html(
    places: pd.DataFrame,
    rows: pd.DataFrame,
    *,
    limit: int = DETAIL_EVENTS,
    symbols: Mapping[str, str] | None = None,
) -> str:
    """The panel for the selected *places* (rows of ``filter_places``) and their event rows
    (*rows*, e.g. :meth:`.store.EventStore.page` at those places): a heading, then every
    event (at most *limit*, the most recent, with a note when more are left out).
    *symbols*: trusted HTML of each type's symbol."""
    head, sub = selection_title(places)
    events = detail_events(rows)
    shown = events[:limit]
    items = "".join(event_item_html(e, symbols) for e in shown)
    more = len(events) - len(shown)
    total = int(places["n_events"].sum()) if not places.empty else 0
    note = ""
    if more > 0 or len(rows) < total:
        note = ('<div class="dm-d-more">The most recent events are listed; the events table '
                "below holds them all.</div>")  # fmt: skip
    empty = "" if shown else '<div class="dm-d-more">No event listed.</div>'
    return (
        f'{DETAIL_CSS}<section class="dm-detail" aria-label="Events at the selection">'
        f'<div class="dm-d-head">{esc(head)}</div><div class="dm-d-sub">{esc(sub)}</div>'
        f"<ol>{items}</ol>{note}{empty}</section>"
    )
