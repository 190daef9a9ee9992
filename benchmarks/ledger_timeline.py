"""`timeline --actor X` over a ledger of 1,000,000 synthetic events on SQLite (goal < 100 ms).

    python benchmarks/ledger_timeline.py [--events 1000000] [--actors 1000] [--db PATH] [--runs 20]

Builds the ledger once (migrated schema, then synthetic articles, entities and events bulk
inserted straight into the tables, with every index in place), or reuses PATH when it already
holds that many events. Then times, for a handful of actors:
  * the query alone (newsledger.ledger.queries.timeline), median and worst of RUNS;
  * the whole `timeline --actor X` command in-process (query + rich rendering to a buffer);
and reports the 2-3 s interpreter/import start-up of a fresh `newsledger` process separately.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TYPES = [
    "ATTACK",
    "MISSILE_LAUNCH",
    "WEAPONS_TEST",
    "STATEMENT",
    "MEETING",
    "SANCTION",
    "ACCUSE",
    "DENY",
    "THREATEN",
    "ARMS_TRANSFER",
    "AGREEMENT",
    "PROTEST",
    "ARREST",
    "ELECTION",
    "MILITARY_EXERCISE",
    "TALKS",
    "ORDER",
    "COOPERATION",
    "AID",
    "CEASEFIRE",
]
MODALITIES = ["actual"] * 7 + ["planned", "hypothetical", "negated"]
EVENTS_PER_ARTICLE = 50


def build(path: Path, n_events: int, n_actors: int) -> None:
    from newsledger.ledger.store import Ledger, name_key
    from newsledger.settings import Settings

    url = f"sqlite:///{path}"
    Ledger.open(url, settings=Settings(db=url)).close()  # the real schema and indexes
    rng = random.Random(7)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    names = [f"Actor {i:04d}" for i in range(n_actors)]
    con.executemany(
        "INSERT INTO entities (id, name, name_key, type) VALUES (?, ?, ?, 'ORG')",
        [(i + 1, n, name_key(n)) for i, n in enumerate(names)],
    )
    con.executemany(
        "INSERT INTO entity_aliases (entity_id, alias_key, alias) VALUES (?, ?, ?)",
        [(i + 1, name_key(n), n) for i, n in enumerate(names)],
    )
    start = date(2023, 1, 1)
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    outlets = [f"Outlet {i}" for i in range(30)]
    now = "2026-01-01 00:00:00.000000"
    event_id = 0
    for a in range(n_articles):
        aid = f"syn{a:012d}"
        published = (start + timedelta(days=rng.randrange(3 * 365))).isoformat()
        outlet = outlets[a % len(outlets)]
        con.execute(
            "INSERT INTO articles (id, format, outlet, headline, published, language, content_hash, "
            "raw_hash, ingested_at, text, record) VALUES (?, 'text', ?, ?, ?, 'en', ?, ?, ?, ?, '{}')",
            (
                aid,
                outlet,
                f"Synthetic {a}",
                published,
                f"h{a}",
                f"r{a}",
                now,
                f"synthetic article {a}",
            ),
        )
        rows = []
        for k in range(EVENTS_PER_ARTICLE):
            event_id += 1
            actor = rng.randrange(n_actors)
            day = (date.fromisoformat(published) - timedelta(days=rng.randrange(5))).isoformat()
            rows.append(
                (
                    event_id,
                    aid,
                    f"v{k}",
                    rng.choice(TYPES),
                    "did",
                    names[actor],
                    name_key(names[actor]),
                    actor + 1,
                    day,
                    day,
                    day,
                    day,
                    rng.choice(MODALITIES),
                    outlet,
                    k,
                    k + 3,
                )
            )
        con.executemany(
            "INSERT INTO events (id, article_id, local_id, type, trigger, actor, actor_key, "
            "actor_entity_id, date_value, date_start, date_end, sort_date, modality, sources, outlet, "
            "span_start, span_end, is_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, 1)",
            rows,
        )
        if a % 2000 == 0:
            con.commit()
    con.commit()
    con.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--db", type=Path, help="Keep the built ledger here (reused when it exists)."
    )
    args = parser.parse_args()

    from click.testing import CliRunner

    from newsledger.cli import cli
    from newsledger.ledger import queries
    from newsledger.ledger.store import Ledger
    from newsledger.settings import Settings

    tmp = None
    path = args.db
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "timeline.db"
    existing = 0
    if path.exists():
        con = sqlite3.connect(path)
        existing = con.execute("SELECT count(*) FROM events").fetchone()[0]
        con.close()
    if existing != args.events:
        if path.exists():
            print(f"{path} holds {existing} events, not {args.events}; pass another --db")
            return 1
        t0 = time.perf_counter()
        build(path, args.events, args.actors)
        print(
            f"built {args.events:,} events in {time.perf_counter() - t0:.0f} s "
            f"({path.stat().st_size / 2**20:.0f} MiB)"
        )
    url = f"sqlite:///{path}"
    actors = ["Actor 0007", "actor 0500", "Actor 0999", "Nobody Known"]
    with Ledger.open(url, settings=Settings(db=url)) as ledger:
        queries.timeline(ledger, actor=actors[0])  # warm the page cache once
        print(f"query: queries.timeline(actor=X), default limit 500, {args.runs} runs each")
        for actor in actors:
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                days = queries.timeline(ledger, actor=actor)
                times.append((time.perf_counter() - t0) * 1000)
            n = sum(len(d.events) for d in days)
            print(
                f"  {actor!r:>16}: {n:4d} events, median {statistics.median(times):6.1f} ms, "
                f"worst {max(times):6.1f} ms"
            )
    runner = CliRunner()
    times = []
    for _ in range(max(3, args.runs // 4)):
        t0 = time.perf_counter()
        result = runner.invoke(cli, ["timeline", "--db", url, "--actor", actors[0]])
        times.append((time.perf_counter() - t0) * 1000)
        assert result.exit_code == 0, result.output
    print(
        f"command in-process: `timeline --actor {actors[0]!r}` (open + migrate check + query + "
        f"render): median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms"
    )
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsledger.cli import main; main()",
            "timeline",
            "--db",
            url,
            "--actor",
            actors[0],
        ],
        capture_output=True,
        check=True,
    )
    print(
        f"fresh process, including interpreter and imports: {(time.perf_counter() - t0) * 1000:.0f} ms"
    )
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
