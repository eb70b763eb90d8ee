"""``geo.geoparse``: every resolved place of a text, with offsets (mordecai-style)."""

from __future__ import annotations

from collections.abc import Sequence

from geo.exc import GeocoderQueryError
from geo.extract.mentions import (
    BORDER,
    PLACE,
    TERRITORY,
    Mention,
    border_mentions,
    find_mentions,
    territory_mentions,
)
from geo.extract.resolve import resolve_mentions


def _components(lang: str | None):
    from geo.extract.ner import load_ner
    from geo.gazetteer.index import load_gazetteer
    from geo.geocoders import OfflineGeocoder

    gazetteer = load_gazetteer()
    return gazetteer, OfflineGeocoder(gazetteer=gazetteer), load_ner(lang or "fr")


def mention_for_span(text: str, start: int, end: int, index) -> Mention:
    """The mention of text[start:end] as the user gave it: a border, a territory or a place."""
    span = text[start:end]
    borders = [b for b in border_mentions(span, index) if b.start == 0]
    if borders:
        return Mention(start, end, span, BORDER, "user", borders[0].country_codes)
    territory = territory_mentions(span, index)
    if territory:
        return Mention(start, end, span, TERRITORY, "user", territory[0].country_codes)
    return Mention(start, end, span, PLACE, "user")


def geoparse(
    text: str,
    *,
    lang: str | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
    geocoder=None,
    gazetteer=None,
) -> list[dict]:
    """Every resolved place in *text*: ``start, end, name, latitude, longitude, geonameid,
    feature, country_code, score`` (plus ``resolved_name, admin1, location_id, geometry_wkt,
    kind``), in text order.

    Given *spans* (``(start, end)`` pairs from your own NER), exactly those spans are resolved,
    in the context of the whole text. Raises :class:`~geo.exc.GeocoderQueryError` for a span
    outside the text.
    """
    if not isinstance(text, str):
        raise GeocoderQueryError(f"text must be a str, not {type(text).__name__}")
    index, default_geocoder, nlp = _components(lang)
    index = gazetteer or index
    geocoder = geocoder or default_geocoder
    found = find_mentions(text, index, lang=lang, nlp=nlp)
    if spans is None:
        mentions, context = found, []
    else:
        mentions = []
        for start, end in spans:
            if not (0 <= start < end <= len(text)):
                raise GeocoderQueryError(f"span ({start}, {end}) is outside the text")
            mentions.append(mention_for_span(text, start, end, index))
        context = found  # the document's own mentions give the context
    resolved = resolve_mentions(text, mentions, geocoder, index, context_mentions=context)
    return [place.as_dict() for place in resolved]
