"""Adversarial quote-mark input: every case must finish in bounded time and give a record.

    python benchmarks/quotes_bounded.py [--mb 1.0]

Cases (generated here; the seed article is used as filler text when ../shared is present):
hundreds of quote marks, no sentence breaks, nothing but quote marks, one quote spanning the
whole text, an unclosed mark at the start, and a text of about --mb megabytes. For each case
it times the mark pairing alone, the quote and claim stages on the parsed Doc, and the whole
`extract` call, and says whether a record came out (or the clear error the pipeline raised).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_5fbd16e163100449.txt"

FILLER = (
    "Officials said the talks would resume next week. The minister told reporters that the "
    "plan was on track, according to state media. Analysts believe the deal could collapse.\n\n"
)


def filler() -> str:
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    return FILLER * 20


def cases(megabytes: float) -> dict[str, str]:
    base = filler()
    words = base.replace("\n", " ").split()
    return {
        "hundreds_of_marks": ' "a" "b' * 400 + '"' + base,
        "curly_marks_unbalanced": "\u201c" * 300 + base + "\u201d" * 150,
        "no_sentence_breaks": " ".join(
            w.strip(".") + (' said "we' if i % 50 == 0 else "") for i, w in enumerate(words * 6)
        ),
        "only_quote_marks": '"' * 5000,
        "one_quote_spans_text": "\u201c" + base + "\u201d he said.",
        "unclosed_first_mark": "\u201c" + base,
        "megabyte": (base * (int(megabytes * 1_000_000) // len(base) + 1))[
            : int(megabytes * 1_000_000) - 1000
        ],
    }


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=1.0, help="size of the large case")
    args = parser.parse_args()

    from newsledger import extract
    from newsledger.extract.claims import extract_claims
    from newsledger.extract.entities import extract_entities
    from newsledger.extract.entity_index import EntityIndex
    from newsledger.extract.nlp import load_pipeline
    from newsledger.extract.quotes import extract_quotes, find_quotations

    nlp = load_pipeline()
    if not SEED.exists():
        print(f"note: {SEED} is absent; generated filler text is used instead")
    print(
        f"{'case':24} {'chars':>9} {'marks s':>8} {'parse s':>8} {'q+c s':>7} "
        f"{'extract s':>9} {'quotes':>6} {'claims':>6}  result"
    )
    worst = 0.0
    for name, text in cases(args.mb).items():
        t_marks, _ = timed(lambda text=text: find_quotations(text))
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        start = time.perf_counter()
        doc = nlp(text)
        t_parse = time.perf_counter() - start
        index = EntityIndex(extract_entities(doc))
        start = time.perf_counter()
        quotes = extract_quotes(doc, index)
        claims = extract_claims(doc, index, quotes)
        t_stages = time.perf_counter() - start
        start = time.perf_counter()
        try:
            record = extract(text, uri=f"<{name}>")
            outcome = f"record ({len(record.quotes)} quotes, {len(record.claims)} claims)"
        except Exception as e:  # the contract is a record; show what happened instead
            outcome = f"EXCEPTION {type(e).__name__}: {e}"
            traceback.print_exc(limit=2)
        t_extract = time.perf_counter() - start
        worst = max(worst, t_stages)
        print(
            f"{name:24} {len(text):9d} {t_marks:8.3f} {t_parse:8.2f} {t_stages:7.3f} "
            f"{t_extract:9.2f} {len(quotes):6d} {len(claims):6d}  {outcome}"
        )
        sys.stdout.flush()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"slowest quote+claim stages: {worst:.3f} s; peak RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
