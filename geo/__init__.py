"""deploymap's geoparsing package: articles -> place mentions -> resolved events -> table.

Stages, one module each: ``articles`` (reading), ``mentions`` (place names with offsets),
``dates``, ``counts``, ``event_types``, ``events`` (segmentation), ``gazetteer`` and
``geocoders`` (resolution), ``schema`` and ``storage`` (the events table), ``pipeline``
(the batch build), ``mapping`` and ``filters`` (the dashboard's pure parts).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["geoparse", "__version__"]


def __getattr__(name: str) -> Any:
    # geoparse pulls in spaCy: import it only when asked for.
    if name == "geoparse":
        from geo.extract.geoparse import geoparse

        return geoparse
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
