"""Ingest throughput into SQLite against extraction alone, on the same articles in the same run.

    python benchmarks/ledger_ingest.py [--articles 300] [--repeat 1]

Reads Reuters-21578 stories from ../shared/data/reuters21578 (the first ARTICLES stories with a
body of 50+ words). Extract-only runs ``extract_many`` and drops the records; ingest runs the
whole ``newsledger ingest`` path (extraction, dedup, near-duplicate lookup, one transaction per
article) into a fresh SQLite file. Prints articles/s for both and the ratio ingest / extract-only
(goal >= 0.9). The model is loaded and warmed before timing.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_common import REUTERS, iter_reuters, reuters_available  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="Best of REPEAT runs of each side.")
    args = parser.parse_args()
    if not reuters_available():
        print(f"Reuters-21578 is absent ({REUTERS}); nothing to measure.")
        return 0

    from newsledger.extract.pipeline import extract_many
    from newsledger.ledger.ingest import ingest_raw
    from newsledger.ledger.store import Ledger
    from newsledger.settings import Settings

    raws = list(itertools.islice(iter_reuters(), args.articles))
    list(extract_many(raws[:8]))  # load and warm the model outside the timings

    best_extract = best_ingest = float("inf")
    stored = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _record in extract_many(raws):
            pass
        best_extract = min(best_extract, time.perf_counter() - t0)

        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            with Ledger.open(url, settings=Settings(db=url)) as ledger:
                t0 = time.perf_counter()
                summary = ingest_raw(ledger, raws)
                best_ingest = min(best_ingest, time.perf_counter() - t0)
                stored = summary.new + summary.near_duplicate
    n = len(raws)
    extract_rate, ingest_rate = n / best_extract, n / best_ingest
    print(f"articles: {n} (stored {stored}; the rest were duplicates or failures)")
    print(f"extract-only: {extract_rate:.2f} articles/s ({best_extract:.1f} s)")
    print(f"ingest into SQLite: {ingest_rate:.2f} articles/s ({best_ingest:.1f} s)")
    print(f"ratio ingest / extract-only: {ingest_rate / extract_rate:.3f} (goal >= 0.9)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
