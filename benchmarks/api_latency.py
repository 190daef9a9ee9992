"""API latency of `newsledger serve` on a ledger of 100,000 events, while an ingest runs.

    python benchmarks/api_latency.py [--events 100000] [--requests 200] [--ingest 400]
                                     [--out benchmarks/results/api.md]

1. Builds a SQLite ledger (temporary folder) through the ledger's own migrations, then fills
   it with synthetic articles and events by bulk insert: EVENTS events over EVENTS/10 articles,
   300 canonical actors with a skewed (Zipf-like) share of events, 17 types, 25 outlets,
   three years of dates. Bulk insert keeps set-up to seconds; the rows are what
   ``Ledger.add`` writes for the columns the measured queries read.
2. Starts `newsledger serve` on a free loopback port in a subprocess.
3. Starts `newsledger ingest` of real Reuters-21578 stories (../shared/data/reuters21578) into
   the same ledger in another subprocess (synthetic wire-style texts when that folder is
   absent, said plainly in the output), and waits until it has stored its first article.
4. With a bounded httpx loop (one client, sequential requests, no keep-alive reuse between
   endpoints' rounds), requests each endpoint REQUESTS times round-robin after a warm-up and
   reports median and p95 latency: `/api/events?actor=<the most frequent actor>`, the same
   for a rare actor, the timeline page `/` filtered by that actor, and `/` unfiltered.

Prints a Markdown table and writes it to --out.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from newsledger.extract.events_lexicon import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578"
TYPES = list(EVENT_TYPES)
MODALITIES = ["actual"] * 7 + ["planned"] * 2 + ["hypothetical", "negated"]
CLI = [sys.executable, "-c", "from newsledger.cli import main; main()"]


def build_ledger(url: str, n_events: int, seed: int = 7) -> tuple[str, str]:
    """Fill the ledger; returns (most frequent actor, a rare actor)."""
    from sqlalchemy import insert

    from newsledger.ledger import schema as t
    from newsledger.ledger.store import Ledger, name_key
    from newsledger.records import ArticleRecord, Source

    rng = random.Random(seed)
    ledger = Ledger.open(url)
    actors = [f"Synthetic Actor {i:03d}" for i in range(300)]
    weights = [1 / (i + 1) for i in range(len(actors))]
    outlets = [f"Outlet {i:02d}" for i in range(25)]
    start = date(2023, 1, 1)
    n_articles = max(1, n_events // 10)
    now = datetime.now(UTC)
    with ledger.engine.begin() as conn:
        conn.execute(
            insert(t.entities),
            [
                {
                    "id": i + 1,
                    "name": a,
                    "name_key": name_key(a),
                    "type": "GPE",
                    "weapon_class": None,
                }
                for i, a in enumerate(actors)
            ],
        )
        conn.execute(
            insert(t.entity_aliases),
            [
                {"entity_id": i + 1, "alias_key": name_key(a), "alias": a}
                for i, a in enumerate(actors)
            ],
        )
        articles, events, links = [], [], []
        for n in range(n_articles):
            published = (start + timedelta(days=rng.randrange(3 * 365))).isoformat()
            outlet = rng.choice(outlets)
            text = f"Synthetic article {n} published {published} by {outlet}."
            record = ArticleRecord(
                id=f"syn{n:013d}",
                source=Source(None, "text", outlet),
                headline=f"Synthetic {n}",
                dateline=None,
                published=published,
                published_basis="metadata",
                text=text,
            )
            data = record.to_dict()
            data.pop("text")
            articles.append(
                {
                    "id": record.id,
                    "source_uri": None,
                    "format": "text",
                    "outlet": outlet,
                    "headline": record.headline,
                    "published": published,
                    "published_basis": "metadata",
                    "language": "en",
                    "content_hash": f"{n:064x}",
                    "raw_hash": f"{n:064x}",
                    "raw_ref": None,
                    "ingested_at": now,
                    "text": text,
                    "record": json.dumps(data),
                }
            )
            for k in range(10):
                if len(events) >= n_events:
                    break
                a = rng.choices(range(len(actors)), weights)[0]
                day = (date.fromisoformat(published) - timedelta(days=rng.randrange(5))).isoformat()
                events.append(
                    {
                        "article_id": record.id,
                        "local_id": f"v{k + 1}",
                        "type": rng.choice(TYPES),
                        "trigger": "did",
                        "actor": actors[a],
                        "actor_key": name_key(actors[a]),
                        "actor_entity_id": a + 1,
                        "object": f"object {rng.randrange(1000)}",
                        "date_value": day,
                        "date_start": day,
                        "date_end": day,
                        "sort_date": day,
                        "modality": rng.choice(MODALITIES),
                        "sources": "[]",
                        "outlet": outlet,
                        "span_start": 0,
                        "span_end": 3,
                        "is_evidence": True,
                    }
                )
                links.append((record.id, a + 1))
        conn.execute(insert(t.articles), articles)
        conn.execute(insert(t.events), events)
        conn.execute(
            insert(t.article_entities),
            [
                {"article_id": art, "local_id": f"e{eid}", "entity_id": eid, "mention_count": 1}
                for art, eid in sorted(set(links))
            ],
        )
    ledger.close()
    return actors[0], actors[250]


def ingest_sources(folder: Path, n: int) -> str:
    """Write N article files for the concurrent ingest; says which kind it used."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    if REUTERS.is_dir():
        story = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
        body_re = re.compile(r"<BODY>(.*?)</BODY>", re.S)
        for sgm in sorted(REUTERS.glob("reut2-*.sgm")):
            for block in story.findall(sgm.read_text(encoding="latin-1")):
                body = body_re.search(block)
                if not body:
                    continue
                text = (
                    html.unescape(re.sub(r"&#\d+;", "", body.group(1)))
                    .replace("Reuter\n", "")
                    .strip()
                )
                if len(text.split()) < 80:
                    continue
                (folder / f"r{written:05d}.txt").write_text(text, encoding="utf-8")
                written += 1
                if written >= n:
                    return f"{n} Reuters-21578 stories"
    print(
        f"note: {REUTERS} is absent or short; the concurrent ingest uses synthetic texts",
        file=sys.stderr,
    )
    rng = random.Random(3)
    places = ["Geneva", "Seoul", "Nairobi", "Lima", "Oslo", "Hanoi"]
    while written < n:
        place = rng.choice(places)
        text = (
            f"{place.upper()}, March {rng.randrange(1, 28)} - Officials in {place} said on Tuesday that "
            f"talks on trade resumed after {rng.randrange(2, 9)} weeks, and ministers agreed to meet again "
            f'next month. "We expect progress," a spokesman said. Article number {written}.'
        )
        (folder / f"s{written:05d}.txt").write_text(text, encoding="utf-8")
        written += 1
    return f"{n} synthetic wire-style texts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early with code {proc.returncode}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not come up")


def count_articles(base: str) -> int:
    return int(httpx.get(base + "/api/stats", timeout=30).json()["articles"])


def measure(base: str, paths: dict[str, str], n: int, warmup: int = 5) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in paths}
    with httpx.Client(base_url=base, timeout=60) as client:
        for _ in range(warmup):
            for path in paths.values():
                client.get(path).raise_for_status()
        for _ in range(n):
            for name, path in paths.items():
                t0 = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - t0
                response.raise_for_status()
                timings[name].append(elapsed * 1000)
    return timings


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument(
        "--ingest", type=int, default=400, help="articles the concurrent ingest gets"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "api.md")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="nl-api-bench-"))
    url = f"sqlite:///{work / 'ledger.db'}"
    t0 = time.perf_counter()
    top, rare = build_ledger(url, args.events)
    build_s = time.perf_counter() - t0
    print(f"built {args.events:,} events in {build_s:.1f} s at {work}", file=sys.stderr)
    ingest_kind = ingest_sources(work / "incoming", args.ingest)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NEWSLEDGER_DB": url}
    server = subprocess.Popen(
        [*CLI, "serve", "--db", url, "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    ingest = None
    try:
        wait_ready(base, server)
        before = count_articles(base)
        ingest_log = (work / "ingest.log").open("wb")
        ingest = subprocess.Popen(
            [*CLI, "ingest", str(work / "incoming"), "--db", url, "-q"],
            env=env,
            stdout=ingest_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        while (
            count_articles(base) == before and time.monotonic() < deadline and ingest.poll() is None
        ):
            time.sleep(0.5)
        started_with = count_articles(base) - before
        paths = {
            f"/api/events?actor={top} (most frequent actor)": f"/api/events?actor={top}",
            f"/api/events?actor={rare} (rare actor)": f"/api/events?actor={rare}",
            f"timeline page /?actor={top}": f"/?actor={top}",
            f"timeline page / (all {args.events:,} events)": "/",
        }
        load_before = os.getloadavg()[0]
        t1 = time.perf_counter()
        timings = measure(base, paths, args.requests)
        wall = time.perf_counter() - t1
        load_after = os.getloadavg()

        ingest_running = ingest.poll() is None
        ingested = count_articles(base) - before
        if not ingest_running and ingest.returncode not in (0, 1):
            log = (work / "ingest.log").read_text(errors="replace")[-2000:]
            print(
                f"warning: the concurrent ingest exited with {ingest.returncode}:\n{log}",
                file=sys.stderr,
            )
    finally:
        for proc in (ingest, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if os.environ.get("KEEP_BENCH_DIR") is None:
            shutil.rmtree(work, ignore_errors=True)

    lines = [
        "# API latency under concurrent ingest",
        "",
        f"Command: `python benchmarks/api_latency.py --events {args.events} --requests {args.requests} "
        f"--ingest {args.ingest}`  ",
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite ledger (WAL), one uvicorn worker; the machine is shared "
        "with other engineers' jobs, so treat the numbers as an upper bound.  ",
        f"Ledger: {args.events:,} synthetic events over {args.events // 10:,} articles, 300 actors "
        f"(Zipf-like), built by bulk insert in {build_s:.1f} s.  ",
        f"Concurrent load: `newsledger ingest` of {ingest_kind} into the same ledger in another process; "
        f"it had stored {started_with} article(s) before measuring began, {ingested} by the end, and was "
        f"{'still running' if ingest_running else 'finished'} when measuring ended ({wall:.1f} s of requests).  ",
        f"Client: one httpx client on loopback, sequential requests, {args.requests} per endpoint "
        "round-robin after 5 warm-up rounds.  ",
        f"Machine load average (1 min) {load_before:.1f} when measuring began, {load_after[0]:.1f} at the end "
        f"(5 min {load_after[1]:.1f}); the ingest alone keeps one core busy.",
        "",
        "| endpoint | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|",
    ]
    for name, values in timings.items():
        lines.append(
            f"| `{name}` | {statistics.median(values):.1f} | {p95(values):.1f} | {max(values):.1f} |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
