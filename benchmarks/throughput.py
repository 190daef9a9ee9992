"""Throughput and peak memory of `extract` against the bare spaCy pipeline, same texts, same run.

    python benchmarks/throughput.py [--limit 300] [--repeat 1]

Reads Reuters-21578 stories from ../shared/data/reuters21578 (the first LIMIT stories with a
body of 100+ words). Prints articles/s, words/s and peak RSS growth for each side and the
ratio ours / spaCy-alone (goal >= 0.8).
"""

from __future__ import annotations

import argparse
import gc
import html
import re
import resource
import sys
import time
from pathlib import Path

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578"
_STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def load_stories(limit: int) -> list[str]:
    stories: list[str] = []
    for sgm in sorted(REUTERS.glob("reut2-*.sgm")):
        raw = sgm.read_text(encoding="latin-1")
        for block in _STORY.findall(raw):
            body = _BODY.search(block)
            if not body:
                continue
            text = (
                html.unescape(re.sub(r"&#\d+;", "", body.group(1))).replace("Reuter\n", "").strip()
            )
            if len(text.split()) < 100:
                continue
            title = _TITLE.search(block)
            stories.append((html.unescape(title.group(1)) + "\n\n" if title else "") + text)
            if len(stories) >= limit:
                return stories
    return stories


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not REUTERS.is_dir():
        print(f"Reuters-21578 is absent ({REUTERS}); nothing to measure.")
        return 0

    from newsledger.extract.nlp import load_base_pipeline, load_pipeline
    from newsledger.extract.pipeline import extract_many
    from newsledger.records import RawArticle

    texts = load_stories(args.limit)
    words = sum(len(t.split()) for t in texts)
    base = load_base_pipeline()
    load_pipeline()
    # warm both up so model loading is not timed
    list(base.pipe(texts[:5]))
    list(extract_many([RawArticle(text=t) for t in texts[:5]], reference_date="1987-03-01"))
    gc.collect()

    rss0 = peak_rss_mb()
    best_base = best_ours = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in base.pipe(texts, batch_size=16):
            pass
        best_base = min(best_base, time.perf_counter() - t0)
    rss_base = peak_rss_mb()
    failures = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for result in extract_many(
            [RawArticle(text=t, uri=f"r{i}") for i, t in enumerate(texts)],
            reference_date="1987-03-01",
        ):
            failures += not hasattr(result, "entities")
        best_ours = min(best_ours, time.perf_counter() - t0)
    rss_ours = peak_rss_mb()

    print(
        f"corpus: {len(texts)} Reuters-21578 stories, {words:,} words; python {sys.version.split()[0]}"
    )
    print(
        f"spaCy alone ({base.meta['name']} {base.meta['version']}): {len(texts) / best_base:7.1f} articles/s "
        f"{words / best_base:9.0f} words/s  ({best_base:.2f} s)"
    )
    print(
        f"newsledger extract:            {len(texts) / best_ours:7.1f} articles/s "
        f"{words / best_ours:9.0f} words/s  ({best_ours:.2f} s, {failures} failures)"
    )
    print(f"ratio ours / spaCy-alone: {best_base / best_ours:.3f} (goal >= 0.8)")
    print(
        f"peak RSS: {rss0:.0f} MB after loading, {rss_base:.0f} MB after spaCy run, {rss_ours:.0f} MB after ours"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
