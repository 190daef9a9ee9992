"""What storing one extracted article costs: ``Ledger.add`` into SQLite and into PostgreSQL.

    python benchmarks/store_cost.py [--count 200] [--backends sqlite,postgresql]
                                    [--profile [--sort tottime]] [--dump OUT.json]
                                    [--records CACHE.pickle]

The first COUNT Reuters-21578 stories with a body of 100+ words are extracted once (in this
process, reference date 1987-03-01); then the same records are stored one ``Ledger.add`` each,
in input order, into a fresh SQLite file and a fresh database on a throwaway PostgreSQL server
(or on $NEWSLEDGER_BENCH_POSTGRES_URL's server). Printed per backend: wall and CPU milliseconds
per article in this process, the PostgreSQL server's CPU per article, and the statements sent
per article (an ``executemany`` counts once: it is one statement the driver sends in one go;
on PostgreSQL counted at psycopg's cursor, where the ledger sends most of them itself).

``--profile`` prints the functions with the most cumulative CPU time (cProfile, timed with
``time.process_time``, so that waiting for the server does not count; ``--sort tottime`` for
the most time spent in each function itself) of the PostgreSQL run. Profiled, the writer
spends about three times its unprofiled CPU: compare shares, not milliseconds.

``--dump`` writes every row the ledger holds after each run (timestamps left out, rows
sorted) as JSON, one file per backend (OUT.sqlite.json, OUT.postgresql.json): two commits
that must store the same thing are compared with ``cmp`` of their dumps.
``--records`` keeps the extracted records in a pickle, so that two commits store the very
same records even if extraction changes between them. ``--alerts`` saves three alerts before
storing (so that alert matching runs and its deliveries are dumped too); ``--reextract K``
stores the records of the first K new articles again as their second extraction, after the
timed part (so that replacing an extraction is dumped too).

Comparing what two commits store:

    python benchmarks/store_cost.py --records /tmp/r.pickle --alerts --reextract 40 --dump /tmp/new
    git archive OLD src | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src python benchmarks/store_cost.py --records /tmp/r.pickle \
        --alerts --reextract 40 --dump /tmp/old
    cmp /tmp/old.postgresql.json /tmp/new.postgresql.json; cmp /tmp/old.sqlite.json ...
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pickle
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_common import iter_reuters, reuters_available  # noqa: E402
from parallel_ingest import contextmanager_server, cpu_seconds, load, machine, postmaster_pid  # noqa: E402

REFERENCE_DATE = date(1987, 3, 1)
# Columns whose value is the moment of the run, not what was stored.
_MOMENTS = {"ingested_at", "created_at", "occurred_at", "next_attempt_at"}


def extracted(count: int, cache: Path | None) -> tuple[list[tuple[Any, Any]], Any]:
    """(raw, record) pairs of the first ``count`` Reuters stories and the extraction stamp
    they were made with, from ``cache`` if given (the stamp too: a dump then shows what the
    store changed, not which extractor version the code at hand would name)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            pairs, stamp = pickle.load(f)
        if len(pairs) >= count:
            return pairs[:count], stamp
    from newsledger.pipeline import ExtractOptions, extract_pairs
    from newsledger.records import RawArticle

    options = ExtractOptions(reference_date=REFERENCE_DATE)
    stories = [raw.text for raw in islice(iter_reuters(min_words=100), count)]  # type: ignore[attr-defined]
    raws = [RawArticle(text=t, uri=f"story-{i:04d}.txt") for i, t in enumerate(stories)]
    pairs = list(extract_pairs(raws, options))
    if cache is not None:
        with cache.open("wb") as f:
            pickle.dump((pairs, options.stamp()), f)
    return pairs, options.stamp()


@contextmanager
def counted(engine: Any) -> Iterator[Counter[str]]:
    """Statements the engine sends, by their first words (an executemany counts once).

    PostgreSQL: counted at psycopg's cursor, since the ledger runs most statements there
    directly (``ledger.driver``) and SQLAlchemy's events see only the others.
    """
    counts: Counter[str] = Counter()

    def note(statement: Any) -> None:
        words = str(statement).split()
        counts[" ".join(words[:3]) if words else "?"] += 1

    if engine.dialect.name == "postgresql":
        import psycopg

        execute, executemany = psycopg.Cursor.execute, psycopg.Cursor.executemany

        def counted_execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
            note(query)
            return execute(self, query, *args, **kwargs)

        def counted_executemany(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
            note(query)
            return executemany(self, query, *args, **kwargs)

        psycopg.Cursor.execute = counted_execute  # type: ignore[method-assign]
        psycopg.Cursor.executemany = counted_executemany  # type: ignore[method-assign]
        try:
            yield counts
        finally:
            psycopg.Cursor.execute = execute  # type: ignore[method-assign]
            psycopg.Cursor.executemany = executemany  # type: ignore[method-assign]
        return

    from sqlalchemy import event

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        note(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", before)


def store(
    url: str,
    pairs: list[tuple[Any, Any]],
    stamp: Any,
    *,
    profile: bool,
    server: int | None,
    alerts: bool = False,
    reextract: int = 0,
) -> dict[str, Any]:
    from newsledger.fuse import FUSION
    from newsledger.ledger.store import Ledger
    from newsledger.settings import Settings

    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        if alerts:
            from newsledger.ledger.alerts import add_alert

            add_alert(ledger, "talks", type="TALKS")
            add_alert(ledger, "oil", about="oil")
            add_alert(ledger, "brazil", actor="Brazil", webhook_url="http://127.0.0.1:9/hook")
        profiler = cProfile.Profile(time.process_time) if profile else None
        statuses: Counter[str] = Counter()
        with counted(ledger.engine) as statements:
            db0 = cpu_seconds([server], with_children=True) if server else 0.0
            t0, c0 = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            added = []
            for raw, record in pairs:
                result = ledger.add(record, raw, stamp=stamp)
                statuses[result.status] += 1
                if result.status == "new":
                    added.append((result.article_id, record))
            if profiler is not None:
                profiler.disable()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            db = (cpu_seconds([server], with_children=True) if server else 0.0) - db0
        for article_id, record in added[:reextract]:
            ledger.replace_extraction(article_id, record, stamp=stamp, expected_version=1)
        rows = dump(ledger)
    return {
        "wall": wall,
        "cpu": cpu,
        "db": db,
        "statements": statements,
        "statuses": statuses,
        "profiler": profiler,
        "rows": rows,
    }


def dump(ledger: Any) -> dict[str, list[list[Any]]]:
    """Every row of every ledger table, without the run's timestamps, in a stable order."""
    from sqlalchemy import select

    from newsledger.ledger import schema as t

    out: dict[str, list[list[Any]]] = {}
    with ledger.connect() as conn:
        for table in t.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in _MOMENTS]
            rows = [[_plain(v) for v in row] for row in conn.execute(select(*columns))]
            out[table.name] = sorted(rows, key=lambda r: json.dumps(r, default=str))
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, date):
        return value.isoformat()
    return value


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative, tottime")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--records", type=Path)
    parser.add_argument("--alerts", action="store_true")
    parser.add_argument("--reextract", type=int, default=0)
    args = parser.parse_args()
    if not reuters_available():
        print("Reuters-21578 is absent (../shared/data/reuters21578); nothing to measure.")
        return 0
    print(f"machine: {machine()}")
    print(f"at start: {load()}")
    import newsledger

    print(f"newsledger from {Path(newsledger.__file__).parent}")
    pairs, stamp = extracted(args.count, args.records)
    print(f"{len(pairs)} extracted Reuters stories")
    backends = args.backends.split(",")
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="store-cost.") as tmp:
        if "sqlite" in backends:
            results["sqlite"] = store(
                f"sqlite:///{tmp}/ledger.db",
                pairs,
                stamp,
                profile=False,
                server=None,
                alerts=args.alerts,
                reextract=args.reextract,
            )
        if "postgresql" in backends:
            with contextmanager_server() as server:
                url = server("store_cost")
                results["postgresql"] = store(
                    url,
                    pairs,
                    stamp,
                    profile=args.profile,
                    server=postmaster_pid(url),
                    alerts=args.alerts,
                    reextract=args.reextract,
                )
    print(f"at end: {load()}")
    print()
    print(
        "| backend | wall ms/article | CPU ms/article here | server CPU ms/article "
        "| statements/article | outcome |"
    )
    print("|---|---|---|---|---|---|")
    n = len(pairs)
    for name, r in results.items():
        outcome = ", ".join(f"{v} {k}" for k, v in sorted(r["statuses"].items()))
        db = f"{1000 * r['db'] / n:.1f}" if name == "postgresql" else ""
        print(
            f"| {name} | {1000 * r['wall'] / n:.1f} | {1000 * r['cpu'] / n:.1f} | {db} "
            f"| {sum(r['statements'].values()) / n:.1f} | {outcome} |"
        )
    for name, r in results.items():
        print(f"\n{name}: statements per article, by kind")
        for kind, count in r["statements"].most_common():
            print(f"  {count / n:6.2f}  {kind}")
        if r["profiler"] is not None:
            out = io.StringIO()
            pstats.Stats(r["profiler"], stream=out).sort_stats(args.sort).print_stats(45)
            print(out.getvalue())
        if args.dump is not None:
            path = args.dump.with_suffix(f".{name}.json")
            path.write_text(json.dumps(r["rows"], default=str, indent=0), encoding="utf-8")
            print(f"rows written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
