"""Shared helpers for the scorers in ``bench/score_*.py`` (issue 13): distances, overlap
matching of spans, precision/recall/F1, and small printing helpers.

Not a script: imported by ``bench/score_ucdp.py``, ``bench/score_toponyms.py`` and
``bench/score_ner.py`` (run from the repository root or from ``bench/``).
"""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088  # mean radius, as geopy.distance.great_circle uses
ACC_KM = 161.0  # "acc@161km": 100 miles, the usual geoparsing threshold
NEAR_KM = 25.0

Span = tuple[int, int]


def add_repo_to_path() -> None:
    """Make ``import geo`` work when a script is run as ``python bench/score_x.py``."""
    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.insert(0, root)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km between two (latitude, longitude) points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def overlaps(a: Span, b: Span) -> bool:
    """True when half-open character spans *a* and *b* share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def match_overlapping(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one overlap matching: ``(gold index, pred index)`` pairs.

    Exact matches are paired first, then the remaining pairs by decreasing overlap length, so
    one long predicted span cannot count for several gold spans (nor the reverse).
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if overlaps(g, p):
                shared = min(g[1], p[1]) - max(g[0], p[0])
                candidates.append((g != p, -shared, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


@dataclass
class PRF:
    """Counts for span detection; ``add`` one document at a time."""

    true_pos: int = 0
    n_gold: int = 0
    n_pred: int = 0

    def add(self, gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
        pairs = match_overlapping(gold, pred)
        self.true_pos += len(pairs)
        self.n_gold += len(gold)
        self.n_pred += len(pred)
        return pairs

    @property
    def precision(self) -> float:
        return self.true_pos / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"P {self.precision:6.1%}  R {self.recall:6.1%}  F1 {self.f1:6.1%}"
            f"  (tp {self.true_pos}, gold {self.n_gold}, predicted {self.n_pred})"
        )


def share(count: int, total: int) -> str:
    """``"12.3% (45/366)"``, or ``"n/a (0/0)"``."""
    return f"{count / total:6.1%} ({count}/{total})" if total else "   n/a (0/0)"


def error_summary(errors_km: Iterable[float]) -> str:
    """Mean and median of distance errors in km (errors of resolved items only)."""
    errors = list(errors_km)
    if not errors:
        return "mean n/a, median n/a"
    return f"mean {statistics.fmean(errors):,.0f} km, median {statistics.median(errors):,.1f} km"


def fmt_point(lat: float | None, lon: float | None) -> str:
    if lat is None or lon is None:
        return "-"
    return f"({lat:.3f}, {lon:.3f})"


def wait_until_healthy(base: str, tries: int = 300, pause: float = 0.3) -> bool:
    """Poll a Streamlit server's ``/_stcore/health`` until it answers; whether it did."""
    import time
    import urllib.request

    for _ in range(tries):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return True
        except OSError:
            time.sleep(pause)
    return False
