"""Peak memory (RSS) and time to extract one long article, whole or in paragraph batches.

    python benchmarks/long_article_memory.py [--bytes 1000000] [--whole]

The article is built from the realnews dev texts (../shared/data/realnews/dev/*.txt): their
paragraphs, in file order, repeated until the text reaches ``--bytes``. Extraction runs in a
fresh process per measurement so that the peak is this article's alone (ru_maxrss of the
child). By default the shipped path runs (texts over LONG_TEXT_CHARS are parsed in paragraph
batches); ``--whole`` forces the old single-Doc parse for comparison.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "realnews" / "dev"


def build_article(size: int) -> str:
    paragraphs: list[str] = []
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs.extend(p.strip() for p in text.split("\n\n") if len(p.strip()) > 80)
    if not paragraphs:
        raise SystemExit(f"no paragraphs under {DEV}")
    out: list[str] = ["Long article built for the memory benchmark", ""]
    total = 0
    i = 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        out.append("")
        total += len(p.encode("utf-8")) + 2
        i += 1
    return "\n".join(out)[:size]


def child(size: int, whole: bool) -> None:
    import importlib

    from newsledger.extract.nlp import load_pipeline
    from newsledger.extract.pipeline import extract

    load_pipeline()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if whole:
        # the comparison run parses in one piece (``newsledger.extract`` the attribute is the
        # function, so the module is reached by name)
        pipeline = importlib.import_module("newsledger.extract.pipeline")
        pipeline.LONG_TEXT_CHARS = 10**9
    text = build_article(size)
    started = time.perf_counter()
    record = extract(text, uri="long-article", reference_date="2026-01-01")
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "bytes": len(text.encode("utf-8")),
                "chars": len(record.text),
                "mode": "whole" if whole else "paragraph batches",
                "seconds": round(elapsed, 1),
                "peak_rss_mb": round(peak),
                "rss_after_model_load_mb": round(base),
                "entities": len(record.entities),
                "events": len(record.events),
                "claims": len(record.claims),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bytes", type=int, default=1_000_000)
    parser.add_argument("--whole", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.bytes, args.whole)
        return
    cmd = [sys.executable, __file__, "--child", "--bytes", str(args.bytes)]
    if args.whole:
        cmd.append("--whole")
    subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
