"""Fit the offline geocoder's ranking weights on the dev data; write them to weights.json.

Run::

    .venv/bin/python bench/fit_geocoder.py UCDP.csv GeoVirus.xml [--passes 2] [--write] \
        [--news bench/real_news/gold_*.jsonl --texts DIR]

The objective is the mean of two acc@161km figures: UCDP GED Mexico ``where_description``
queries (``country_codes=["mx"]``, as ``score_ucdp.py``) and GeoVirus gold spans resolved in
their article's context (as ``score_toponyms.py``, with each article's mentions found once);
with ``--news``, also the share of real-news places found (as ``score_news.py``, the whole
extraction), so the document-context weights answer the project's own news too.
Coordinate search: each weight in turn is scaled by a few factors (and set to 0), the best
value is kept, for ``--passes`` rounds. Prints the figures before and after and every weight
that moved; ``--write`` saves them to ``geo/geocoders/weights.json``. Few, general weights
(feature priors, population, context): the fit cannot learn dev answers by heart.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_toponyms import load_articles  # noqa: E402
from score_ucdp import load_queries  # noqa: E402
from scoring import ACC_KM, add_repo_to_path, great_circle_km  # noqa: E402

add_repo_to_path()

FACTORS = (0.0, 0.5, 0.75, 1.25, 1.5, 2.0, 3.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ucdp", type=Path)
    parser.add_argument("geovirus", type=Path)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="save to weights.json")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="start from these values (repeatable)")  # fmt: skip
    parser.add_argument("--only", default="", help="comma-separated weights to fit (default all)")
    parser.add_argument("--news", type=Path, nargs="*", default=[], help="real-news gold files")
    parser.add_argument("--texts", type=Path, help="folder of the real-news texts")
    args = parser.parse_args(argv)

    from geo.extract.geoparse import mention_for_span
    from geo.extract.mentions import find_mentions
    from geo.extract.resolve import resolve_mentions
    from geo.gazetteer.index import load_gazetteer
    from geo.geocoders import OfflineGeocoder
    from geo.geocoders.offline import WEIGHTS_JSON, load_weights

    gaz = load_gazetteer()
    queries, _skipped = load_queries(args.ucdp, None)
    articles, _mismatched = load_articles(args.geovirus, None)
    prepared = []
    for article in articles:
        text = article["text"]
        found = find_mentions(text, gaz, lang="en", nlp=None)
        mentions = [mention_for_span(text, g["start"], g["end"], gaz) for g in article["gold"]]
        prepared.append((text, mentions, found, article["gold"]))

    def ucdp(weights: dict) -> float:
        geocoder = OfflineGeocoder(gaz, weights=weights)
        hits = 0
        for q in queries:
            loc = geocoder.geocode(q["query"], exactly_one=True, country_codes=["mx"])
            if (
                loc is not None
                and great_circle_km(loc.latitude, loc.longitude, q["lat"], q["lon"]) <= ACC_KM
            ):
                hits += 1
        return hits / len(queries)

    def geovirus(weights: dict) -> float:
        geocoder = OfflineGeocoder(gaz, weights=weights)
        hits = total = 0
        for text, mentions, found, gold in prepared:
            resolved = resolve_mentions(text, mentions, geocoder, gaz, context_mentions=found)
            by_span = {(p.start, p.end): p for p in resolved}
            for g in gold:
                total += 1
                p = by_span.get((g["start"], g["end"]))
                if (
                    p is not None
                    and great_circle_km(p.latitude, p.longitude, g["lat"], g["lon"]) <= ACC_KM
                ):
                    hits += 1
        return hits / total

    news_articles = []
    if args.news:
        from score_news import load_gold  # noqa: E402

        news_articles = load_gold(args.news, args.texts)

    def news(weights: dict) -> float:
        from score_news import score

        from geo.extract.document import Extractor

        geocoder = OfflineGeocoder(gaz, weights=weights)
        tally = score(news_articles, Extractor(gazetteer=gaz, geocoder=geocoder), 0)["all"]
        return tally.found / max(tally.gold, 1)

    def objective(weights: dict) -> tuple[float, float, float]:
        a, b = ucdp(weights), geovirus(weights)
        if news_articles:
            c = news(weights)
            print(f"    UCDP {a:.4f} GeoVirus {b:.4f} news {c:.4f}", flush=True)
            return (a + b + c) / 3, a, b
        return (a + b) / 2, a, b

    start = load_weights()
    for item in args.set:
        name, _, value = item.partition("=")
        if name not in start:
            raise SystemExit(f"unknown weight {name!r}")
        start[name] = float(value)
    best = dict(start)
    names = [n for n in args.only.split(",") if n] or sorted(best)
    t0 = time.perf_counter()
    score, a, b = objective(best)
    print(f"start: objective {score:.4f} (UCDP {a:.4f}, GeoVirus {b:.4f})")
    for n in range(args.passes):
        for name in names:
            base = best[name]
            for factor in FACTORS:
                trial = dict(best)
                trial[name] = round(base * factor, 4) if base else round(factor, 4)
                if trial[name] == best[name]:
                    continue
                s, ta, tb = objective(trial)
                if s > score + 1e-9:
                    score, a, b, best = s, ta, tb, trial
            if best[name] != base:
                print(f"  pass {n + 1}: {name} {base} -> {best[name]}  objective {score:.4f}")
    print(f"end: objective {score:.4f} (UCDP {a:.4f}, GeoVirus {b:.4f}) "
          f"in {time.perf_counter() - t0:.0f} s")  # fmt: skip
    moved = {k: (start[k], best[k]) for k in best if best[k] != start[k]}
    print("moved:", json.dumps(moved))
    if args.write:
        data = json.loads(WEIGHTS_JSON.read_text(encoding="utf-8"))
        data.update(best)
        WEIGHTS_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {WEIGHTS_JSON}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
