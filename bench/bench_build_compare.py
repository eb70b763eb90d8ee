"""Build throughput of this tree against another checkout (e.g. the commit before a change).

Run: .venv/bin/python bench/bench_build_compare.py --old /tmp/old [--articles 200 --rounds 3]
(make the old tree with ``git worktree add /tmp/old <commit>``.)

Both trees build the same synthetic fr/es/en corpus with ``python -m geo build`` in a fresh
process, alternating old and new each round so both see the same machine load: a cold build
(empty per-article cache) and a warm rebuild (every article cached). Both share one gazetteer
index (same fingerprint). Prints the best time of each, articles/s and the ratio new/old.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _build(tree: Path, corpus: Path, out: Path, cache: Path, env: dict[str, str]) -> float:
    command = [sys.executable, "-m", "geo", "build", str(corpus), "--out", str(out),
               "--cache", str(cache), "--quiet"]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3):
        raise SystemExit(f"{tree}: build failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, help="the other checkout (git worktree add DIR REV)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.old is None:
        print("bench_build_compare: nothing to compare; give --old DIR (a checkout of another "
              "commit, e.g. git worktree add /tmp/old HEAD~5)")  # fmt: skip
        return

    from geo import config
    from geo.gazetteer.build import build_index
    from geo.synthetic.articles import synthetic_articles, write_corpus

    build_index()
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        corpus = work / "corpus"
        write_corpus(corpus, synthetic_articles(args.articles, seed=11))
        shared = work / "cache"
        shared.mkdir()
        os.symlink(config.gazetteer_dir(), shared / "gazetteer")
        env = {**os.environ, "DEPLOYMAP_CACHE": str(shared), "PYTHONPATH": ""}
        trees = {"old": args.old.resolve(), "new": ROOT}
        times: dict[str, dict[str, list[float]]] = {k: {"cold": [], "warm": []} for k in trees}
        outputs: dict[str, Path] = {}
        for n in range(args.rounds):
            order = list(trees) if n % 2 == 0 else list(reversed(trees))
            for name in order:
                cache = work / f"articles-{name}-{n}"
                out = work / f"events-{name}.csv"
                times[name]["cold"].append(_build(trees[name], corpus, out, cache, env))
                times[name]["warm"].append(_build(trees[name], corpus, out, cache, env))
                outputs[name] = out
                shutil.rmtree(cache)
        same = outputs["old"].read_bytes() == outputs["new"].read_bytes()
        print(f"corpus: {args.articles} synthetic articles (fr/es/en); best of {args.rounds}")
        print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        for kind in ("cold", "warm"):
            old, new = min(times["old"][kind]), min(times["new"][kind])
            print(
                f"{kind:>4} build: old {old:6.2f} s ({args.articles / old:6.1f} art/s)   "
                f"new {new:6.2f} s ({args.articles / new:6.1f} art/s)   "
                f"new/old throughput {old / new:.2f}x"
            )
        print(f"tables byte-identical: {same}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
