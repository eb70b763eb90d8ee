"""Events of one article -> rows of the events table (one per event and place)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.extract.events import Event
    from geo.extract.resolve import ResolvedPlace

GEO_PRECISION = {"country": "country", "admin1": "admin1", "border": "border"}
"""``geo_precision`` of a row by the place's feature; every other feature is ``point``."""


def event_id(article_id: str, index: int, location_id: str) -> str:
    """The stable id of a row: the article, the event's index in it, the place."""
    digest = hashlib.sha1(f"{article_id}\x1f{index}\x1f{location_id}".encode()).hexdigest()
    return digest[:16]


def identity(article, index: int, location_id: str) -> dict:
    """The columns of a row that say which article, event and place it is (read from the
    input each build, never from a cache)."""
    return {
        "event_id": event_id(article.article_id, index, location_id),
        "event_key": f"{article.article_id}#{index}",
        "article_id": article.article_id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "lang": article.lang,
        "published": article.published,
        "source_dataset": "news",
    }


def confidence(event: Event, place: ResolvedPlace) -> float:
    """How sure the row is, 0..1: the trigger's score, the geocoder's, a known date."""
    # Geocoder scores run to about 10 for a sure match (see geo.geocoders.offline).
    value = 0.45 * min(event.score, 1.0) + 0.35 * min(place.score / 10.0, 1.0)
    value += 0.2 if event.date_precision != "unknown" else 0.0
    return round(max(0.0, min(1.0, value)), 3)


def event_rows(article, text: str, events: Sequence[Event]) -> list[dict]:
    """The table rows of *article*'s *events*: one per event and place, with the article's
    identity (id, source, url, title, published) read from *article*."""
    rows = []
    for index, event in enumerate(events):
        for item in event.places:
            place = item.place
            start, end = item.evidence
            rows.append(
                {
                    **identity(article, index, place.location_id),
                    "event_type": event.event_type,
                    "date_start": event.date_start.isoformat() if event.date_start else None,
                    "date_end": event.date_end.isoformat() if event.date_end else None,
                    "date_precision": event.date_precision,
                    "duration_days": event.duration_days,
                    "place": text[place.start : place.end],
                    "place_start": place.start,
                    "place_end": place.end,
                    "place_resolved": place.resolved_name,
                    "geonameid": place.geonameid,
                    "location_id": place.location_id,
                    "feature": place.feature,
                    "geo_precision": GEO_PRECISION.get(place.feature, "point"),
                    "country_code": place.country_code or None,
                    "admin1": place.admin1,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "geometry_wkt": place.geometry_wkt,
                    "force_size": event.force_size,
                    "force_size_qualifier": event.force_size_qualifier,
                    "place_force_size": item.force_size
                    if item.force_size is not None or len(event.places) > 1
                    else event.force_size,
                    "actor": event.actor,
                    "actor_country": event.actor_country,
                    "host_country": event.host_country,
                    "evidence": text[start:end],
                    "evidence_start": start,
                    "evidence_end": end,
                    "confidence": confidence(event, place),
                }
            )
    return rows
