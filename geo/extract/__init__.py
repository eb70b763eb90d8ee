"""The NLP stages over one document: mentions, resolution, dates, counts, types, events.

No I/O here: the gazetteer and the geocoder are passed in."""
