"""Toponym resolution and end-to-end geoparsing score on GeoVirus (issue 13).

Run::

    .venv/bin/python bench/score_toponyms.py /work/shared/dev-data/GeoVirus.xml \
        [--limit N] [--misses K] [--seed S]

GeoVirus offsets are 1-based: ``start - 1, end - 1`` is the Python slice; the number of gold
spans whose slice differs from the gold name after the shift is printed (they are still
scored). Prints:

- resolution given the gold spans (``geo.geoparse(text, lang="en", spans=...)``, each article
  in its own context): acc@161km over all gold toponyms (an unresolved span is a miss), share
  unresolved, mean and median error of the resolved ones;
- end to end (``geo.geoparse(text, lang="en")``): span detection precision/recall/F1 with
  one-to-one overlap matching, and acc@161km on the matched spans;
- with ``--misses K``, K sampled resolution misses (name, gold, answer, km).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import (  # noqa: E402
    ACC_KM,
    PRF,
    add_repo_to_path,
    error_summary,
    fmt_point,
    great_circle_km,
    share,
)

add_repo_to_path()


def load_articles(path: Path, limit: int | None) -> tuple[list[dict], int]:
    """Articles with ``text`` and ``gold`` toponyms (0-based ``start, end``); and the number of
    gold spans whose shifted slice does not equal the gold name."""
    articles, mismatched = [], 0
    for element in ET.parse(path).getroot().iter("article"):
        text = element.findtext("text") or ""
        gold = []
        for loc in element.iter("location"):
            name = (loc.findtext("name") or "").strip()
            start, end = int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1
            if text[start:end] != name:
                mismatched += 1
            if not (0 <= start < end <= len(text)):
                continue
            lat, lon = float(loc.findtext("lat")), float(loc.findtext("lon"))
            gold.append({"name": name, "start": start, "end": end, "lat": lat, "lon": lon})
        gold.sort(key=lambda g: (g["start"], g["end"]))
        articles.append({"text": text, "gold": gold, "source": element.findtext("source")})
        if limit is not None and len(articles) >= limit:
            break
    return articles, mismatched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="GeoVirus.xml")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--misses", type=int, default=0, help="print K sampled misses")
    parser.add_argument("--seed", type=int, default=13, help="seed for the sampled misses")
    args = parser.parse_args(argv)

    articles, mismatched = load_articles(args.path, args.limit)
    import geo

    t0 = time.perf_counter()
    geo.geoparse("Troops were sent to Paris.", lang="en")  # load spaCy and the index
    load_s = time.perf_counter() - t0

    scored: list[dict] = []  # one per gold toponym, with the resolution given gold spans
    detect = PRF()
    e2e_hits = e2e_matched = 0
    n_dup = 0
    t_spans = t_free = 0.0
    for article in articles:
        text, gold = article["text"], article["gold"]
        spans = sorted({(g["start"], g["end"]) for g in gold})
        n_dup += len(gold) - len(spans)
        t0 = time.perf_counter()
        resolved = geo.geoparse(text, lang="en", spans=spans) if spans else []
        t_spans += time.perf_counter() - t0
        by_span = {(r["start"], r["end"]): r for r in resolved}
        for g in gold:
            r = by_span.get((g["start"], g["end"]))
            km = None
            if r is not None and r.get("latitude") is not None:
                km = great_circle_km(g["lat"], g["lon"], r["latitude"], r["longitude"])
            scored.append({**g, "answer": r, "km": km})

        t0 = time.perf_counter()
        found = geo.geoparse(text, lang="en")
        t_free += time.perf_counter() - t0
        found = [f for f in found if f.get("latitude") is not None]
        pairs = detect.add(
            [(g["start"], g["end"]) for g in gold], [(f["start"], f["end"]) for f in found]
        )
        for gi, fi in pairs:
            g, f = gold[gi], found[fi]
            e2e_matched += 1
            e2e_hits += great_circle_km(g["lat"], g["lon"], f["latitude"], f["longitude"]) <= ACC_KM

    n = len(scored)
    resolved_km = [s["km"] for s in scored if s["km"] is not None]
    hits = sum(km <= ACC_KM for km in resolved_km)
    print(f"GeoVirus: {args.path}")
    print(f"  articles {len(articles)}, gold toponyms {n} (duplicate spans {n_dup})")
    print(f"  gold name != text[start-1:end-1]: {mismatched}")
    print(f"  load {load_s:.1f} s; geoparse with spans {t_spans:.1f} s, without {t_free:.1f} s")
    print("\nResolution given the gold spans:")
    print(f"  acc@161km         {share(hits, n)}")
    print(f"  unresolved        {share(n - len(resolved_km), n)}")
    print(f"  acc@161 resolved  {share(hits, len(resolved_km))}")
    print(f"  error (resolved)  {error_summary(resolved_km)}")
    print("\nEnd to end (no spans given):")
    print(f"  detection         {detect.line()}")
    print(f"  acc@161 matched   {share(e2e_hits, e2e_matched)}")
    print(f"  acc@161 of gold   {share(e2e_hits, n)}  (found, matched and within 161 km)")

    misses = [s for s in scored if s["km"] is None or s["km"] > ACC_KM]
    wrong = [s for s in misses if s["km"] is not None]
    unresolved = [s for s in misses if s["km"] is None]
    kinds = Counter(str(s["answer"].get("feature")) for s in wrong)
    print("\nWrong answers (given spans) by the answer's feature:")
    for kind, count in kinds.most_common():
        same = sum(
            str(s["answer"].get("feature")) == kind
            and (s["answer"].get("resolved_name") or "").casefold() == s["name"].casefold()
            for s in wrong
        )
        km = statistics.median(s["km"] for s in wrong if str(s["answer"].get("feature")) == kind)
        print(f"  {kind:12} {count:5}  (same name as gold {same}; median {km:,.0f} km)")
    big = sum(
        str(s["answer"].get("feature")) in ("country", "admin1")
        and (s["answer"].get("resolved_name") or "").casefold() == s["name"].casefold()
        for s in wrong
    )
    print(
        "  acc@161 counting same-name country/admin1 answers as right (centroid choice):"
        f" {share(hits + big, n)}"
    )

    if args.misses:
        # One line per distinct (name, answer): the repeated country centroids do not crowd
        # out the rest; half wrong answers, half unresolved.
        def groups(items: list[dict]) -> list[list[dict]]:
            grouped: dict[tuple, list[dict]] = defaultdict(list)
            for s in items:
                r = s["answer"] or {}
                grouped[(s["name"], r.get("resolved_name"), r.get("latitude"))].append(s)
            return list(grouped.values())

        wrong_g, unresolved_g = groups(wrong), groups(unresolved)
        rng = random.Random(args.seed)
        k_wrong = min(len(wrong_g), max(args.misses - len(unresolved_g), (args.misses + 1) // 2))
        sample = rng.sample(wrong_g, k_wrong)
        sample += rng.sample(unresolved_g, min(args.misses - k_wrong, len(unresolved_g)))
        print(
            f"\n{len(sample)} sampled distinct misses of {len(misses)} ({len(wrong)} wrong in"
            f" {len(wrong_g)} groups, {len(unresolved)} unresolved in {len(unresolved_g)};"
            f" seed {args.seed}):"
        )
        for group in sample:
            s = group[0]
            r = s["answer"]
            if r is None:
                answer, km = "None", "unresolved"
            else:
                bits = ", ".join(
                    str(b) for b in (r.get("feature"), r.get("admin1"), r.get("country_code")) if b
                )
                point = fmt_point(r.get("latitude"), r.get("longitude"))
                answer = f"{r.get('resolved_name')} [{bits}] {point}"
                km = f"{s['km']:,.0f} km"
            times = f" x{len(group)}" if len(group) > 1 else ""
            print(f"  - {s['name']!r}{times}  gold {fmt_point(s['lat'], s['lon'])}")
            print(f"      answer {answer}  -> {km}")
        if wrong:
            far = statistics.median(s["km"] for s in wrong)
            print(f"  wrong answers' distance: median {far:,.0f} km")
    return 0


if __name__ == "__main__":
    sys.exit(main())
