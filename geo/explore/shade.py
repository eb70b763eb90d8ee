"""The shaded view of the map: countries coloured by their number of events (a choropleth).

Beside the points (a place per marker), the map can show each country of the filtered events
shaded by how many events it has, drawn from the shipped country outlines
(``static/basemap/countries.geojson``, :func:`.assets.country_outlines`), offline. The view is
in the URL as ``shade=countries`` (:func:`parse_shade`, :func:`shade_params`). The counts are
those of :meth:`.store.EventStore.country_summary` (a border event counts for both of its
countries). Pure: the map layer is :func:`.map.shade_layer`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

SHADE_PARAM = "shade"
SHADES: tuple[str, ...] = ("points", "countries")
"""The map's views: places as points (the default), or countries shaded by events."""
SHADE_LABELS = {"points": "Places", "countries": "Countries shaded by events"}
SHADE_COLORS: tuple[str, ...] = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
"""A sequential single-hue scale (ColorBrewer Blues): light to dark is few to many events,
readable with every colour vision; the outlines are dark so the lightest class stays visible
on the basemap's land."""


def parse_shade(values: Iterable[str]) -> tuple[str, list[str]]:
    """The view a URL's ``shade=`` values ask for (the last one), with a notice for an unknown
    value; never raises."""
    values = [str(v) for v in values]
    if not values:
        return "points", []
    value = values[-1].strip().lower()
    if value in SHADES:
        return value, []
    shown = "".join(ch if ch.isprintable() else "?" for ch in values[-1])[:40]
    return "points", [f"`shade={shown}` is not a map view (points or countries); ignored"]


def shade_params(shade: str | None) -> dict[str, str]:
    """The URL form of the view: nothing for the default (points)."""
    return {SHADE_PARAM: shade} if shade in SHADES and shade != "points" else {}


def class_breaks(counts: Iterable[int], classes: int = len(SHADE_COLORS)) -> list[int]:
    """The lowest count of each colour class (ascending, first 1): quantiles of the counts,
    so each class holds about as many countries; fewer classes when counts repeat."""
    values = np.asarray([int(c) for c in counts if int(c) > 0])
    if values.size == 0:
        return [1]
    cuts = np.quantile(values, np.linspace(0, 1, classes + 1)[1:-1], method="lower")
    top = int(values.max())
    return sorted({1, *(int(c) + 1 for c in cuts if int(c) + 1 <= top)})


def class_of(count: int, breaks: list[int]) -> int:
    """The colour class of *count* (the last break it reaches)."""
    return max(i for i, low in enumerate(breaks) if count >= low) if count >= 1 else 0


def legend_rows(breaks: list[int], top: int) -> list[str]:
    """The legend's ranges of each class: ``"1–4"``, ``"5–12"``, ..., ``"40–108"``."""
    rows = []
    for i, low in enumerate(breaks):
        high = breaks[i + 1] - 1 if i + 1 < len(breaks) else top
        rows.append(f"{low:,}" if high <= low else f"{low:,}–{high:,}")
    return rows


def shade_payload(
    countries: pd.DataFrame,
    outlines: Mapping[str, dict],
    names: Mapping[str, str],
    *,
    fit: list | None = None,
) -> dict:
    """The shaded view as plain data: one area per country of *countries* (``country_code``,
    ``events``, as :meth:`.store.EventStore.country_summary` gives them) that has an outline:
    ``[iso, escaped name, events, class, geometry]``; the colours, the legend's ranges and
    the bounds to fit (*fit*, e.g. the places' bounds: a country's outline may span the
    globe). A country without an outline is listed in ``missing``."""
    counts = {
        str(c): int(n)
        for c, n in zip(countries["country_code"], countries["events"], strict=True)
        if int(n) > 0
    }
    breaks = class_breaks(counts.values())
    areas, missing = [], []
    for iso, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        geom = outlines.get(iso)
        if geom is None:
            missing.append(iso)
            continue
        name = html.escape(str(names.get(iso, iso)), quote=True)
        areas.append([iso, name, n, class_of(n, breaks), geom])
    top = max(counts.values(), default=1)
    return {"areas": areas, "colors": list(SHADE_COLORS[-len(breaks) :]),
            "legend": legend_rows(breaks, top), "missing": missing, "fit": fit}  # fmt: skip
