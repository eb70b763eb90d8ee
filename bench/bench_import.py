"""Benchmark of the UCDP GED importer: rows/s and seconds for one export, read and written.

Run: ``.venv/bin/python bench/bench_import.py [UCDP.csv] [--repeat 3]`` (default
``../shared/dev-data/ucdp_ged_mexico_dev.csv``, 9,417 events; the data are not in the
repository, and the benchmark says it skipped when the file is missing).
Target (issue 10): importing the 9,417 UCDP dev rows takes under 5 s.

Prints, for the median of the runs: the read and mapping (``read_ucdp``), the write of a new
CSV table and of a Parquet table (``add_to_table``: read the table, merge, validate, write
atomically), and the whole ``python -m geo import ucdp FILE --out TABLE`` in a fresh process
(interpreter and pandas start-up included).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 5.0
DEFAULT_CSV = ROOT.parent / "shared" / "dev-data" / "ucdp_ged_mexico_dev.csv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "ucdp_csv",
        nargs="?",
        default=str(DEFAULT_CSV),
        help=f"a UCDP GED CSV export (default: {DEFAULT_CSV})",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (median)")
    args = parser.parse_args()
    if not Path(args.ucdp_csv).is_file():  # ``make bench`` runs every benchmark bare
        print(f"skipped: no UCDP GED export at {args.ucdp_csv} (give its path)")
        return 0

    from geo.importers import add_to_table, read_ucdp

    reads, writes_csv, writes_parquet = [], [], []
    result = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = read_ucdp(args.ucdp_csv)
        reads.append(time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            add_to_table(result.rows, Path(tmp) / "events.csv")
            writes_csv.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            add_to_table(result.rows, Path(tmp) / "events.parquet")
            writes_parquet.append(time.perf_counter() - t0)
    assert result is not None
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "geo", "import", "ucdp", args.ucdp_csv,
                   "--out", str(Path(tmp) / "events.csv")]  # fmt: skip
        t0 = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        cli = time.perf_counter() - t0
    read, write_csv = statistics.median(reads), statistics.median(writes_csv)
    write_parquet = statistics.median(writes_parquet)
    rows = len(result.rows)
    print(f"UCDP GED import of {args.ucdp_csv}")
    print(f"  records read          {result.records:>10,}")
    print(f"  rows imported         {rows:>10,}   refused {len(result.problems):,}")
    print(f"  read + map            {read:>10.3f} s   {rows / read:>10,.0f} rows/s")
    print(f"  + write new CSV       {read + write_csv:>10.3f} s   "
          f"{rows / (read + write_csv):>10,.0f} rows/s")  # fmt: skip
    print(f"  + write new Parquet   {read + write_parquet:>10.3f} s   "
          f"{rows / (read + write_parquet):>10,.0f} rows/s")  # fmt: skip
    print(f"  CLI, fresh process    {cli:>10.3f} s   (exit {done.returncode})")
    verdict = "OK" if cli < TARGET_S else "OVER"
    print(f"  target: whole import under {TARGET_S:.0f} s -> {verdict}")
    return 0 if done.returncode in (0, 3) else 1


if __name__ == "__main__":
    raise SystemExit(main())
