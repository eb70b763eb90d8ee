"""deploymap: news articles -> place mentions -> resolved events -> a geocoded events table.

The public API, imported lazily (spaCy, pandas and DuckDB load only when first used)::

    geo.geoparse(text)                  every resolved place of a text, with offsets
    geo.build(inputs, out=PATH)         articles -> events table file
    geo.build_dataset(inputs, out=DIR)  articles -> month-partitioned Parquet dataset
    geo.read_events(PATH)               read and validate an events table
    geo.EventStore.open(PATH)           query a table: filters, per-place totals, pages
    geo.Filters(...)                    what the dashboard filters on
    geo.exc                             the exceptions (one hierarchy, also builtins)

Subpackages, in the order data flows through them: ``ingest``, ``extract``, ``gazetteer``
and ``geocoders``, ``table``, ``batch``, ``explore``; ``config`` holds every setting.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "geoparse": "geo.extract.geoparse",
    "build": "geo.batch.build",
    "build_dataset": "geo.batch.build",
    "read_events": "geo.table.formats",
    "EventStore": "geo.explore.store",
    "Filters": "geo.explore.filters",
}
__all__ = [*_LAZY, "exc", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "exc":
        return import_module("geo.exc")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
