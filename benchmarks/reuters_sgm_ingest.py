"""Ingest the Reuters-21578 .sgm files as files: every story with a body its own dated article.

    python benchmarks/reuters_sgm_ingest.py [--files 22] [--db PATH] [--reference-date D]

Runs the whole `newsledger ingest` path (``newsledger.pipeline.ingest``) on the first
``--files`` of ../shared/data/reuters21578/reut2-*.sgm, one file at a time, into a fresh
SQLite ledger, and checks the result against the files themselves, read here independently of
the splitter: which stories have a ``<BODY>`` and each one's ``<DATE>``. Prints per file the
stories with a body, articles stored (new + near-duplicate + duplicate), failures, time and
peak RSS, then the totals and:

- articles: stories with a body that became an article (found by ``#NEWID=n`` in the source);
- published = <DATE>: the stored publication day is the story's wire day;
- dateline day = <DATE>: the day resolved from the printed dateline ("Feb 26", no year) is
  the wire day, over stories whose dateline the article stage read a day from;
- events on the ingest day: events whose sort date is the day of the run (the old failure).
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578"
_STORY = re.compile(rb"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(rb'NEWID="(\d+)"')
_DATE = re.compile(rb"<DATE>\s*(\d{1,2}-[A-Za-z]{3}-\d{4})")


def expected(path: Path) -> dict[str, str]:
    """NEWID -> wire day, for the stories of ``path`` that have a <BODY>."""
    out: dict[str, str] = {}
    for attrs, story in _STORY.findall(path.read_bytes()):
        if b"<BODY>" not in story:
            continue
        newid = _NEWID.search(attrs)
        stamp = _DATE.search(story)
        if newid and stamp:
            day = datetime.strptime(stamp.group(1).decode("ascii").title(), "%d-%b-%Y").date()
            out[newid.group(1).decode("ascii")] = day.isoformat()
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=22)
    parser.add_argument("--db", help="SQLite file (default: a temporary one)")
    parser.add_argument("--reference-date", type=date.fromisoformat)
    parser.add_argument(
        "--score-only",
        action="store_true",
        help="Ingest nothing: score the ledger at --db against the first --files files "
        "(for a run stopped part-way: give the files it finished)",
    )
    args = parser.parse_args()
    if args.score_only and not args.db:
        sys.exit("--score-only needs --db")

    from newsledger.ledger import schema as t
    from newsledger.ledger.store import Ledger
    from newsledger.pipeline import ingest
    from newsledger.settings import load_settings

    files = sorted(REUTERS.glob("reut2-*.sgm"))[: args.files]
    if not files:
        sys.exit(f"no reut2-*.sgm under {REUTERS}")
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "reuters.db"
    url = f"sqlite:///{db}"
    settings = load_settings(db=url)
    truth: dict[str, str] = {}
    started = time.perf_counter()
    print("file            bodies  stored  failed  seconds  peak_rss_mb", flush=True)
    with Ledger.open(url, settings=settings) as ledger:
        for path in files:
            want = expected(path)
            truth.update({f"{path}#NEWID={k}": v for k, v in want.items()})
            if args.score_only:
                continue
            t0 = time.perf_counter()
            summary = ingest(
                ledger, [str(path)], settings=settings, reference_date=args.reference_date
            )
            stored = summary.new + summary.near_duplicate + summary.duplicate
            print(
                f"{path.name:<15} {len(want):>6}  {stored:>6}  {summary.failed:>6}  "
                f"{time.perf_counter() - t0:>7.1f}  {peak_mb():>11.0f}",
                flush=True,
            )
        a, ev = t.articles, t.events
        names = {str(f) for f in files}
        today = datetime.now(UTC).date().isoformat()
        with ledger.connect() as conn:
            rows = [
                r
                for r in conn.execute(
                    select(a.c.id, a.c.source_uri, a.c.published, a.c.dateline_date)
                )
                if (r.source_uri or "").split("#")[0] in names
            ]
            ids = {r.id for r in rows}
            days = [
                day
                for article_id, day in conn.execute(select(ev.c.article_id, ev.c.sort_date))
                if article_id in ids
            ]
    elapsed = time.perf_counter() - started
    found = {r.source_uri: r for r in rows if r.source_uri in truth}
    published_ok = sum(1 for uri, r in found.items() if r.published == truth[uri])
    with_dateline = [(uri, r) for uri, r in found.items() if r.dateline_date]
    dateline_ok = sum(1 for uri, r in with_dateline if r.dateline_date == truth[uri])
    print()
    print(f"files: {len(files)}; stories with a body: {len(truth)}")
    print(
        f"articles stored: {len(rows)} (each story with a body its own article, except "
        f"{len(truth) - len(found)} whose body repeats an earlier story's word for word: "
        "stored once, counted as duplicates)"
    )
    print(
        f"published = <DATE>: {published_ok}/{len(found)} ({published_ok / max(len(found), 1):.1%})"
    )
    print(
        f"dateline day = <DATE>: {dateline_ok}/{len(with_dateline)} "
        f"({dateline_ok / max(len(with_dateline), 1):.1%})"
    )
    print(f"events: {len(days)}; on the ingest day ({today}): {days.count(today)}")
    if not args.score_only:
        rate = len(rows) / elapsed
        print(f"time: {elapsed:.0f} s ({rate:.1f} articles/s); peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
