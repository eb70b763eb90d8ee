"""Extraction throughput vs a bare spaCy pass over the same texts, per language (one process).

Run::

    .venv/bin/python bench/bench_extract.py [--repeat N] [--texts DIR]

Without ``--texts``: the seed corpus (French) repeated N times. With ``--texts DIR``: every
``DIR/<lang>-*.txt`` (e.g. the real-news dev texts, ``fr-001.txt``, ``es-004.txt``), grouped by
language. For each language prints articles/s and words/s of the full extraction (mentions,
resolution, dates, counts, types, events), of a bare pass of the language's spaCy model
(full pipeline, as ``spacy.load`` gives it) and of a bare tok2vec+ner pass (what the
extraction runs of spaCy), and the ratio full/bare. Aim (issues 3 and 14): at most 1.5x.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _corpora(args) -> dict[str, list]:
    from geo.ingest.articles import Article, iter_articles

    if args.texts is None:
        seeds = [a for a in iter_articles([ROOT / "data" / "articles"]) if isinstance(a, Article)]
        return {"fr": seeds * args.repeat}
    out: dict[str, list] = {}
    for path in sorted(args.texts.glob("*.txt")):
        lang = path.stem.split("-", 1)[0]
        if len(lang) != 2:
            continue
        text = path.read_text(encoding="utf-8")
        article = Article(article_id=path.stem, text=text, lang=lang)
        out.setdefault(lang, []).append(article)
    return {lang: items * args.repeat for lang, items in out.items()}


def _pipe_seconds(nlp, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None, help="copies of the corpus")
    parser.add_argument("--texts", type=Path, help="folder of <lang>-*.txt articles")
    args = parser.parse_args()
    args.repeat = args.repeat or (30 if args.texts is None else 3)

    import spacy

    from geo.extract.document import Extractor
    from geo.extract.ner import MODELS, load_ner

    extractor = Extractor()
    for lang, articles in sorted(_corpora(args).items()):
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        full_model = spacy.load(MODELS[lang])
        full_model("warm up")
        bare = _pipe_seconds(full_model, texts)
        ner_only = _pipe_seconds(load_ner(lang), texts)
        extractor.rows(articles[0])  # models and gazetteer loaded outside the timing
        t0 = time.perf_counter()
        rows = [len(extractor.rows(a)) for a in articles]
        full = time.perf_counter() - t0
        n = len(texts)
        print(f"[{lang}] {n} articles, {words} words, {sum(rows)} rows")
        print(
            f"  bare {MODELS[lang]} pass : {n / bare:7.1f} articles/s {words / bare:9.0f} words/s"
        )
        print(f"  bare tok2vec+ner pass   : {n / ner_only:7.1f} articles/s "
              f"{words / ner_only:9.0f} words/s  (the components extraction runs)")  # fmt: skip
        print(f"  full extraction         : {n / full:7.1f} articles/s {words / full:9.0f} words/s")
        print(f"  our stages on top of NER: {(full - ner_only) / full:7.0%} of extraction time")
        print(f"  ratio full/bare time    : {full / bare:7.2f}x   (aim <= 1.5x)")


if __name__ == "__main__":
    main()
