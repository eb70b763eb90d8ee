"""Geocoding score on UCDP GED Mexico (issue 13): the offline geocoder on ``where_description``.

Run::

    .venv/bin/python bench/score_ucdp.py /work/shared/dev-data/ucdp_ged_mexico_dev.csv \
        [--limit N] [--misses K] [--seed S]

For every row with ``where_prec == 1`` and a non-empty ``where_description``, the first line of
the description is geocoded with ``OfflineGeocoder().geocode(q, exactly_one=True,
country_codes=["mx"])`` and the answer compared with the gold ``latitude, longitude``
(great-circle distance). Prints: acc@161km and acc@25km, share with no answer, median error,
queries/s; the same per query shape ("X, Y", "... neighborhood", " in "/" near ", single
name, ...); an "oracle-ish" ceiling (share where the full query or ANY comma-separated part,
geocoded alone, lands within 161 km); and with ``--misses K``, K sampled misses (query, gold,
answer, distance) with UCDP's own geocoded name (``where_coordinates``).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import (  # noqa: E402
    ACC_KM,
    NEAR_KM,
    add_repo_to_path,
    error_summary,
    fmt_point,
    great_circle_km,
    share,
)

add_repo_to_path()

# One shape per query, first match wins (most specific first).
SHAPES: list[tuple[str, re.Pattern[str]]] = [
    (
        "street / road / venue",
        re.compile(
            r"\b(street|st\.|calle|avenue|avenida|av\.|boulevard|blvd|highway|road|carretera"
            r"|km|kilometer|bar|hospital|prison|market|plaza|restaurant|hotel)\b",
            re.I,
        ),
    ),
    (
        "neighborhood / colonia",
        re.compile(r"\b(neighbou?rhoods?|colonia|col\.|fraccionamiento|barrio|sector)\b", re.I),
    ),
    (
        "with town/municipality/state word",
        re.compile(
            r"\b(municipality|municipio|town|city|village|community|ranch|rancho|ejido|state"
            r"|district|area)\b",
            re.I,
        ),
    ),
    ("' in ' / ' near ' phrase", re.compile(r"\b(in|near|outside|between|of)\b", re.I)),
    ("'X, Y' (comma)", re.compile(r",")),
]
SINGLE = "single name"


def shape_of(query: str) -> str:
    for name, pattern in SHAPES:
        if pattern.search(query):
            return name
    return SINGLE


def load_queries(path: Path, limit: int | None) -> tuple[list[dict], int]:
    """Rows with ``where_prec == 1``: query (first line), gold point; and the number skipped
    because the description is empty."""
    rows, empty = [], 0
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                if float(row["where_prec"]) != 1.0:
                    continue
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (TypeError, ValueError):
                continue
            lines = (row["where_description"] or "").strip().splitlines()
            query = lines[0].strip() if lines else ""
            if not query:
                empty += 1
                continue
            rows.append(
                {"query": query, "lat": lat, "lon": lon, "ucdp": row.get("where_coordinates", "")}
            )
            if limit is not None and len(rows) >= limit:
                break
    return rows, empty


def first_point(geocoder, query: str):
    """(lat, lon, raw) of the first answer, or None (errors count as no answer)."""
    try:
        location = geocoder.geocode(query, exactly_one=True, country_codes=["mx"])
    except Exception as exc:  # noqa: BLE001 - a benchmark must not stop on one bad query
        return {"error": f"{type(exc).__name__}: {exc}"}
    if location is None:
        return None
    return {"lat": location.latitude, "lon": location.longitude, "raw": location.raw or {}}


def describe(answer) -> str:
    if answer is None:
        return "None"
    if "error" in answer:
        return answer["error"]
    raw = answer["raw"]
    name = raw.get("name") or raw.get("resolved_name") or ""
    bits = [str(b) for b in (raw.get("feature"), raw.get("admin1")) if b]
    return f"{name} [{', '.join(bits)}] {fmt_point(answer['lat'], answer['lon'])}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="ucdp_ged_mexico_dev.csv")
    parser.add_argument("--limit", type=int, default=None, help="only the first N queries")
    parser.add_argument("--misses", type=int, default=0, help="print K sampled misses")
    parser.add_argument("--seed", type=int, default=13, help="seed for the sampled misses")
    args = parser.parse_args(argv)

    rows, empty = load_queries(args.path, args.limit)
    from geo.geocoders import OfflineGeocoder

    t0 = time.perf_counter()
    geocoder = OfflineGeocoder()
    geocoder.geocode("Culiacán", exactly_one=True, country_codes=["mx"])  # load the index
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for row in rows:
        row["answer"] = first_point(geocoder, row["query"])
    elapsed = time.perf_counter() - t0

    by_shape: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for row in rows:
        answer = row["answer"]
        row["shape"] = shape_of(row["query"])
        row["km"] = None
        if answer is not None and "error" not in answer:
            row["km"] = great_circle_km(row["lat"], row["lon"], answer["lat"], answer["lon"])
            errors.append(row["km"])
        km = row["km"]
        for key in (row["shape"], "ALL"):
            c = by_shape[key]
            c["n"] += 1
            c["none"] += km is None
            c["error"] += bool(answer) and "error" in answer
            c["161"] += km is not None and km <= ACC_KM
            c["25"] += km is not None and km <= NEAR_KM

    total = by_shape["ALL"]
    n = total["n"]
    print(f"UCDP GED Mexico geocoding: {args.path}")
    print(f"  queries (where_prec == 1, non-empty first line): {n}; empty skipped: {empty}")
    print(f"  acc@161km         {share(total['161'], n)}")
    print(f"  acc@25km          {share(total['25'], n)}")
    print(f"  no answer         {share(total['none'], n)}  (of which errors: {total['error']})")
    print(f"  error (answered)  {error_summary(errors)}")
    foreign = Counter(
        str(r["answer"]["raw"].get("country_code") or "?").upper()
        for r in rows
        if r["km"] is not None and str(r["answer"]["raw"].get("country_code")).lower() != "mx"
    )
    top = ", ".join(f"{cc} {k}" for cc, k in foreign.most_common(5))
    print(
        f"  answers outside MX (country_codes ignored) {sum(foreign.values())}"
        + (f": {top}" if top else "")
    )
    rate = n / elapsed if elapsed else float("inf")
    print(f"  speed             {rate:,.0f} queries/s ({elapsed:.2f} s; index load {load_s:.2f} s)")

    print("\nBy query shape (first matching rule):")
    print(f"  {'shape':36} {'n':>5} {'acc@161':>8} {'acc@25':>8} {'none':>7}")
    for name in [s for s, _ in SHAPES] + [SINGLE]:
        c = by_shape.get(name)
        if not c:
            continue
        print(
            f"  {name:36} {c['n']:5} {c['161'] / c['n']:8.1%} {c['25'] / c['n']:8.1%}"
            f" {c['none'] / c['n']:7.1%}"
        )
    comma = [r for r in rows if "," in r["query"]]
    hits = sum(r["km"] is not None and r["km"] <= ACC_KM for r in comma)
    print(f"  (any query with a comma: acc@161 {share(hits, len(comma))})")

    # Oracle-ish ceiling: the full query or any comma-separated part, geocoded alone.
    cache: dict[str, float | None] = {}

    def part_km(part: str, row: dict) -> float | None:
        answer = cache.get(part, "unset")
        if answer == "unset":
            answer = first_point(geocoder, part)
            cache[part] = answer
        if answer is None or "error" in answer:
            return None
        return great_circle_km(row["lat"], row["lon"], answer["lat"], answer["lon"])

    any_part = full_or_part = 0
    for row in rows:
        parts = [p.strip(" .;") for p in row["query"].split(",")]
        parts = [p for p in parts if p]
        ok = any((km := part_km(p, row)) is not None and km <= ACC_KM for p in parts)
        any_part += ok
        full_or_part += ok or (row["km"] is not None and row["km"] <= ACC_KM)
    print("\nOracle-ish string-only ceiling (comma-separated parts geocoded alone):")
    print(f"  any part within 161 km            {share(any_part, n)}")
    print(f"  full query or any part within 161 {share(full_or_part, n)}")

    if args.misses:
        misses = [r for r in rows if r["km"] is None or r["km"] > ACC_KM]
        wrong = [r for r in misses if r["km"] is not None]
        unanswered = [r for r in misses if r["km"] is None]
        rng = random.Random(args.seed)
        # Half wrong answers, half no answer (the rest from the other kind when one runs out).
        k_wrong = min(len(wrong), max(args.misses - len(unanswered), (args.misses + 1) // 2))
        sample = rng.sample(wrong, k_wrong)
        sample += rng.sample(unanswered, min(args.misses - k_wrong, len(unanswered)))
        print(
            f"\n{len(sample)} sampled misses of {len(misses)} ({len(wrong)} wrong answers,"
            f" {len(unanswered)} without answer; seed {args.seed}):"
        )
        for r in sample:
            km = "no answer" if r["km"] is None else f"{r['km']:,.0f} km"
            print(f"  - {r['query']!r}  [{r['shape']}]")
            print(f"      gold {fmt_point(r['lat'], r['lon'])} UCDP: {r['ucdp']!r}")
            print(f"      answer {describe(r['answer'])}  -> {km}")
        far = [r["km"] for r in misses if r["km"] is not None]
        if far:
            print(f"  wrong answers' distance: median {statistics.median(far):,.0f} km")
    return 0


if __name__ == "__main__":
    sys.exit(main())
