"""One exception hierarchy for deploymap, in geopy's style.

Every class derives from :class:`DeploymapError` and, where it fits, from a builtin too, so
callers can catch either ``geo.exc.ArticleError`` or plain ``ValueError``.
"""

from __future__ import annotations


class DeploymapError(Exception):
    """Base class of every error deploymap raises on purpose."""


class ConfigurationError(DeploymapError, ValueError):
    """A setting, flag or argument is invalid."""


class GazetteerError(DeploymapError):
    """The offline gazetteer index is missing, stale or unreadable."""


class GazetteerNotBuilt(GazetteerError, FileNotFoundError):
    """The gazetteer index has not been built yet (run ``python -m geo index``)."""


class GeocoderError(DeploymapError):
    """A geocoder failed (mirrors ``geopy.exc.GeopyError``)."""


class GeocoderQueryError(GeocoderError, ValueError):
    """The query cannot be geocoded as given (empty, too long, wrong type)."""


class GeocoderServiceError(GeocoderError, ConnectionError):
    """An online geocoder could not be reached or answered badly."""


class ArticleError(DeploymapError, ValueError):
    """An article cannot be read or parsed; the batch reports it and goes on."""


class ArticleTimeout(ArticleError):
    """An article took longer than the per-article time budget; the batch skips it."""


class SchemaError(DeploymapError, ValueError):
    """A table does not follow the events schema (missing columns, bad values)."""


class TableReadError(SchemaError):
    """An events table file is unreadable (truncated, wrong format)."""


class DatasetImportError(DeploymapError, ValueError):
    """A dataset export (ACLED, UCDP GED, GDELT) cannot be read at all: missing, not text, not
    that dataset's layout (exit 2). A bad row is not this error: the importer reports it with
    its line number and keeps the other rows."""


class FetchError(ArticleError, ConnectionError):
    """A web page cannot be fetched as an article: a bad URL, a timeout, too big, not HTML or
    text, an HTTP error, or no network."""


class OutputError(DeploymapError, OSError):
    """An output cannot be written: disk full, read-only folder, no permission (exit 2)."""


class BuildLocked(DeploymapError, RuntimeError):
    """Another build is writing the same output right now (its ``<out>.lock`` is held)."""
