"""Place detection score (issue 13): ``geo.geoparse`` spans against gold LOC spans.

Run::

    .venv/bin/python bench/score_ner.py /work/shared/dev-data/conll2002_esp.testa \
        [--format conll] [--limit N] [--sentences 20] [--misses K]
    .venv/bin/python bench/score_ner.py /work/shared/dev-data/hipe2022_*_dev_fr.tsv \
        [--format hipe] [--limit N] [--misses K]

- CoNLL-2002 (``--format conll``, Spanish): one ``token [pos] tag`` line per token, a blank
  line between sentences; the sentences are joined with spaces into documents of
  ``--sentences`` sentences each (one sentence per line). Gold: ``B-LOC``/``I-LOC`` spans.
- HIPE-2022 (``--format hipe``, French): documents from ``# hipe2022:document_id``; text
  rebuilt from the tokens with ``MISC`` ``NoSpaceAfter`` (no space) and ``EndOfLine``
  (newline). Gold: ``NE-COARSE-LIT`` ``B-loc``/``I-loc`` spans (any case: newseye writes
  ``B-LOC``).

The format is guessed from the file name when ``--format`` is not given, and the language
(``es``/``fr``) from the format unless ``--lang`` is. Every place ``geo.geoparse(text,
lang=...)`` returns is a predicted LOC span. Prints LOC precision, recall and F1 with
one-to-one overlap matching (and with exact boundaries), per file and over all files, with
documents/s; ``--misses K`` prints K sampled missed gold spans and K spurious predictions.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring import PRF, Span, add_repo_to_path  # noqa: E402

add_repo_to_path()


class DocBuilder:
    """Accumulates tokens into text and gold LOC spans, from IOB tags."""

    def __init__(self, doc_id: str, loc_type: str) -> None:
        self.doc_id = doc_id
        self.loc_type = loc_type
        self.parts: list[str] = []
        self.length = 0
        self.gold: list[Span] = []
        self._open: int | None = None  # start of the LOC span being read
        self._open_end = 0
        self.pending_sep = ""

    def add(self, token: str, tag: str, sep_after: str) -> None:
        if self.parts:
            self.parts.append(self.pending_sep)
            self.length += len(self.pending_sep)
        start = self.length
        self.parts.append(token)
        self.length += len(token)
        prefix, _, kind = tag.partition("-")
        is_loc = kind.casefold() == self.loc_type.casefold()  # newseye: "B-LOC"; hipe2020: "B-loc"
        if self._open is not None and not (is_loc and prefix == "I"):
            self.close()
        if is_loc and self._open is None:
            self._open = start
        if is_loc:
            self._open_end = self.length
        self.pending_sep = sep_after

    def close(self) -> None:
        if self._open is not None:
            self.gold.append((self._open, self._open_end))
        self._open = None

    def finish(self) -> dict:
        self.close()
        return {"id": self.doc_id, "text": "".join(self.parts), "gold": self.gold}


def read_conll(path: Path, per_doc: int) -> list[dict]:
    docs: list[dict] = []
    builder = DocBuilder(f"{path.name}#0", "LOC")
    n_sent, in_sentence = 0, False
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            fields = line.split()
            if not fields:
                if in_sentence:
                    builder.close()
                    builder.pending_sep = "\n"
                    n_sent += 1
                    in_sentence = False
                    if n_sent % per_doc == 0:
                        docs.append(builder.finish())
                        builder = DocBuilder(f"{path.name}#{len(docs)}", "LOC")
                continue
            if line.startswith("-DOCSTART-"):
                continue
            in_sentence = True
            builder.add(fields[0], fields[-1], " ")
    if builder.parts:
        docs.append(builder.finish())
    return docs


def read_hipe(path: Path) -> list[dict]:
    docs: list[dict] = []
    builder: DocBuilder | None = None
    columns: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if "\t" not in line:  # comments ("# hipe2022:document_id = ...")
                if line.startswith("# hipe2022:document_id"):
                    if builder is not None and builder.parts:
                        docs.append(builder.finish())
                    builder = DocBuilder(line.split("=", 1)[1].strip(), "loc")
                continue
            fields = line.split("\t")
            if fields[0] == "TOKEN":
                columns = fields
                continue
            if builder is None:
                builder = DocBuilder(path.name, "loc")
            row = dict(zip(columns, fields, strict=False))
            misc = set((row.get("MISC") or "_").split("|"))
            sep = "" if "NoSpaceAfter" in misc else "\n" if "EndOfLine" in misc else " "
            builder.add(row["TOKEN"], row.get("NE-COARSE-LIT", "O"), sep)
    if builder is not None and builder.parts:
        docs.append(builder.finish())
    return docs


def guess_format(path: Path) -> str:
    return "hipe" if path.suffix == ".tsv" or "hipe" in path.name.lower() else "conll"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", type=Path, nargs="+", help="CoNLL-2002 or HIPE-2022 file(s)")
    parser.add_argument("--format", choices=["conll", "hipe"], default=None)
    parser.add_argument("--lang", default=None, help="default: es for conll, fr for hipe")
    parser.add_argument("--limit", type=int, default=None, help="first N documents a file")
    parser.add_argument("--sentences", type=int, default=20, help="CoNLL sentences a document")
    parser.add_argument("--misses", type=int, default=0, help="print K missed and K spurious")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    import geo

    overall, overall_exact = PRF(), PRF()
    missed: list[str] = []
    spurious: list[str] = []
    for path in args.paths:
        fmt = args.format or guess_format(path)
        lang = args.lang or ("fr" if fmt == "hipe" else "es")
        docs = read_hipe(path) if fmt == "hipe" else read_conll(path, args.sentences)
        docs = docs[: args.limit] if args.limit is not None else docs
        geo.geoparse("Paris.", lang=lang)  # load spaCy and the index before timing
        prf, exact = PRF(), PRF()
        t0 = time.perf_counter()
        for doc in docs:
            text, gold = doc["text"], doc["gold"]
            pred = sorted({(p["start"], p["end"]) for p in geo.geoparse(text, lang=lang)})
            pairs = prf.add(gold, pred)
            overall.add(gold, pred)
            exact_pairs = set(gold) & set(pred)
            for acc in (exact, overall_exact):
                acc.true_pos += len(exact_pairs)
                acc.n_gold += len(gold)
                acc.n_pred += len(pred)
            hit_gold = {g for g, _ in pairs}
            hit_pred = {p for _, p in pairs}
            for gi, (s, e) in enumerate(gold):
                if gi not in hit_gold:
                    missed.append(f"{doc['id']}: {_context(text, s, e)}")
            for pi, (s, e) in enumerate(pred):
                if pi not in hit_pred:
                    spurious.append(f"{doc['id']}: {_context(text, s, e)}")
        elapsed = time.perf_counter() - t0
        n_chars = sum(len(d["text"]) for d in docs)
        print(f"{path.name} ({fmt}, lang={lang}): {len(docs)} documents, {n_chars:,} chars")
        print(f"  LOC overlap  {prf.line()}")
        print(f"  LOC exact    {exact.line()}")
        rate = len(docs) / elapsed if elapsed else float("inf")
        print(f"  {elapsed:.1f} s, {rate:.1f} documents/s")
    if len(args.paths) > 1:
        print("All files:")
        print(f"  LOC overlap  {overall.line()}")
        print(f"  LOC exact    {overall_exact.line()}")
    if args.misses:
        rng = random.Random(args.seed)
        for title, items in (("missed gold LOC", missed), ("spurious predictions", spurious)):
            sample = rng.sample(items, min(args.misses, len(items)))
            print(f"\n{len(sample)} sampled {title} of {len(items)}:")
            for item in sample:
                print(f"  - {item}")
    return 0


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"...{left}[[{text[start:end]}]]{right}..."


if __name__ == "__main__":
    sys.exit(main())
