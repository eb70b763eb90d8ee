"""Geocoders over deploymap's gazetteer, with geopy's interface.

- :class:`OfflineGeocoder` (``geo.geocoders.offline``): the default, never touches the network.
- :class:`ChainGeocoder` (``geo.geocoders.online``): optional; offline first, then an online
  geopy geocoder (Nominatim) behind a rate limiter and a persistent cache. Off unless asked for.
"""

from __future__ import annotations

from typing import Any

from geo.geocoders.offline import OfflineGeocoder, location_from_place

__all__ = ["OfflineGeocoder", "ChainGeocoder", "location_from_place", "geocoder_from_env"]


def __getattr__(name: str) -> Any:
    if name in ("ChainGeocoder", "geocoder_from_env"):
        from geo.geocoders import online

        return getattr(online, name)
    raise AttributeError(f"module 'geo.geocoders' has no attribute {name!r}")
