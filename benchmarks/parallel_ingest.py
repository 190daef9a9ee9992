"""Parallel ingest into PostgreSQL against the machine's own ceiling, same stories, same run.

    python benchmarks/parallel_ingest.py [--limit 600] [--sides jobs1,jobs2,cluster]

The first LIMIT Reuters-21578 stories with a body of 100+ words (bodies only), written as text
files to one folder, are ingested into a fresh PostgreSQL database (a throwaway server, or
databases on $NEWSLEDGER_BENCH_POSTGRES_URL's server) four ways:

- ``--jobs 1``: this process parses and stores;
- ``--jobs 2``: two worker processes parse (newsledger.parallel), this process stores;
- ``--cluster local:2``: a Dask LocalCluster of two workers reads, parses and stores;
- the ceiling: two plain Python processes, each parsing half the bodies with bare spaCy.

Every side is timed from warm workers (models loaded) to the last article stored; start-up is
printed apart. The ceiling is measured before and after the others and averaged, since the
machine's load drifts. Goals: ``--jobs 2`` >= 0.9 x ceiling, LocalCluster >= 0.85 x ceiling.
Peak resident memory of each worker process is sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_common import iter_reuters, reuters_available  # noqa: E402
from newsledger.fuse import FUSION
from pg_throwaway import throwaway_postgres  # noqa: E402

REFERENCE_DATE = date(1987, 3, 1)
MB = 1024 * 1024


# -- memory ----------------------------------------------------------------------------------


class PeakMemory:
    """Peak RSS of each of a set of processes, sampled in a thread."""

    def __init__(self, pids: Callable[[], list[int]]) -> None:
        self._pids = pids
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for pid in self._pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def describe(self) -> str:
        values = sorted(self.peak.values())
        return ", ".join(f"{v / MB:.0f}" for v in values) + " MB" if values else "n/a"


def cpu_seconds(pids: list[int], with_children: bool = False) -> float:
    """User + system CPU time of these processes (and of their children, live or ended)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            times = proc.cpu_times()
            total += times.user + times.system
            if with_children:
                total += times.children_user + times.children_system
                for child in proc.children(recursive=True):
                    try:
                        child_times = child.cpu_times()
                    except psutil.Error:
                        continue
                    total += child_times.user + child_times.system
        except psutil.Error:
            continue
    return total


def postmaster_pid(url: str) -> int | None:
    """The local PostgreSQL server's main process, to count the CPU its backends spend."""
    import psutil
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            backend = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        return psutil.Process(backend).ppid()
    except psutil.Error:
        return None  # a server on another machine
    finally:
        engine.dispose()


class CpuMeter:
    """CPU seconds spent by the given processes and the database server between enter and exit.

    ``here`` is this process's share (the writer, or the Dask client and scheduler).
    """

    def __init__(self, pids: Callable[[], list[int]], url: str) -> None:
        self._pids = pids
        self._server = postmaster_pid(url)
        self.ours = self.here = self.database = 0.0

    def _read(self) -> tuple[float, float, float]:
        server = cpu_seconds([self._server], with_children=True) if self._server else 0.0
        here = cpu_seconds([os.getpid()])
        others = cpu_seconds([pid for pid in self._pids() if pid != os.getpid()])
        return others + here, here, server

    def __enter__(self) -> CpuMeter:
        self._start = self._read()
        return self

    def __exit__(self, *exc: object) -> None:
        end = self._read()
        self.ours, self.here, self.database = (e - s for e, s in zip(end, self._start, strict=True))


# -- the ceiling: bare spaCy in two plain processes ------------------------------------------


def _parse_half(texts: list[str], ready: Any, start: Any, out: Any) -> None:
    import psutil

    from newsledger.extract.nlp import load_base_pipeline

    nlp = load_base_pipeline()
    list(nlp.pipe(texts[:3]))  # warm, like the workers of the other sides
    ready.put(os.getpid())
    start.wait()
    t0, c0 = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    done = (time.perf_counter() - t0, time.process_time() - c0)
    out.put((*done, psutil.Process().memory_info().rss))


def ceiling(texts: list[str]) -> tuple[float, float, list[int]]:
    """Seconds for two processes to parse the two halves from a common start; CPU; RSS."""
    ctx = multiprocessing.get_context("spawn")
    ready, out, start = ctx.Queue(), ctx.Queue(), ctx.Event()
    half = (len(texts) + 1) // 2
    procs = [
        ctx.Process(target=_parse_half, args=(part, ready, start, out))
        for part in (texts[:half], texts[half:])
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get()
    t0 = time.perf_counter()
    start.set()
    results = [out.get() for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    return wall, sum(cpu for _, cpu, _ in results), [rss for _, _, rss in results]


# -- the NewsLedger sides ----------------------------------------------------------------------


@contextmanager
def timed() -> Iterator[list[float]]:
    box: list[float] = []
    t0 = time.perf_counter()
    yield box
    box.append(time.perf_counter() - t0)


def run_jobs(folder: Path, url: str, jobs: int) -> dict[str, Any]:
    from newsledger.ledger.store import Ledger
    from newsledger.parallel import ExtractorPool, warm_up
    from newsledger.pipeline import ExtractOptions, ingest
    from newsledger.settings import Settings

    options = ExtractOptions(reference_date=REFERENCE_DATE)
    settings = Settings(db=url)
    with timed() as startup:
        pool = ExtractorPool(jobs, options) if jobs > 1 else None
        if pool is not None:
            pool.start()
        else:
            warm_up(options)
    try:
        with Ledger.open(url, settings=settings, fusion=FUSION) as ledger:
            pids = pool.pids if pool is not None else lambda: [os.getpid()]
            writer = (lambda: [os.getpid(), *pool.pids()]) if pool is not None else pids
            with (
                PeakMemory(pids) as memory,
                CpuMeter(writer, url) as cpu,
                timed() as elapsed,
            ):
                summary = ingest(
                    ledger,
                    [str(folder)],
                    settings=settings,
                    reference_date=REFERENCE_DATE,
                    extract=(lambda raws, _o: pool.extract(raws)) if pool is not None else None,
                )
    finally:
        if pool is not None:
            pool.close()
    return {
        "startup": startup[0],
        "elapsed": elapsed[0],
        "summary": summary,
        "memory": memory,
        "cpu": cpu,
    }


def run_cluster(folder: Path, url: str, warm_url: str, workers: int) -> dict[str, Any]:
    from newsledger import cluster
    from newsledger.pipeline import ExtractOptions
    from newsledger.settings import Settings

    options = ExtractOptions(reference_date=REFERENCE_DATE)
    with cluster.connect(f"local:{workers}", dashboard=False) as client:
        with timed() as startup:
            # a first run into another database loads the pipeline in every worker
            warm = sorted(folder.iterdir())[:workers]
            cluster.ingest_cluster(
                client,
                warm_url,
                [str(p) for p in warm],
                settings=Settings(db=warm_url),
                options=options,
            )
        pids = list(client.run(os.getpid).values())
        with (
            PeakMemory(lambda: pids) as memory,
            CpuMeter(lambda: [os.getpid(), *pids], url) as cpu,
            timed() as elapsed,
        ):
            summary = cluster.ingest_cluster(
                client, url, [str(folder)], settings=Settings(db=url), options=options
            )
    return {
        "startup": startup[0],
        "elapsed": elapsed[0],
        "summary": summary,
        "memory": memory,
        "cpu": cpu,
    }


def store_only(stories: list[str], url: str, count: int) -> float:
    """Milliseconds to store one extracted article in PostgreSQL (the writers take turns)."""
    from newsledger.ledger.store import Ledger
    from newsledger.pipeline import ExtractOptions, extract_pairs
    from newsledger.records import RawArticle
    from newsledger.settings import Settings

    raws = [RawArticle(text=t, uri=f"store-{i}") for i, t in enumerate(stories[:count])]
    pairs = list(extract_pairs(raws, ExtractOptions(reference_date=REFERENCE_DATE)))
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        t0 = time.perf_counter()
        for raw, record in pairs:
            ledger.add(record, raw)  # type: ignore[arg-type]
        return 1000 * (time.perf_counter() - t0) / len(pairs)


# -- the run -------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    ram = psutil.virtual_memory().total / 1024**3
    return f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GB RAM, Python {sys.version.split()[0]}"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument(
        "--sides", default="jobs1,jobs2,cluster", help="which of jobs1,jobs2,cluster to run"
    )
    args = parser.parse_args()
    if not reuters_available():
        print("Reuters-21578 is absent (../shared/data/reuters21578); nothing to measure.")
        return 0

    stories = [raw.text for raw in islice(iter_reuters(min_words=100), args.limit)]  # type: ignore[attr-defined]
    words = sum(len(t.split()) for t in stories)
    print(f"machine: {machine()}")
    print(f"at start: {load()}")
    print(f"corpus: {len(stories)} Reuters-21578 bodies, {words:,} words")

    with (
        tempfile.TemporaryDirectory(prefix="parallel-ingest.") as tmp,
        contextmanager_server() as server,
    ):
        folder = Path(tmp) / "stories"
        folder.mkdir()
        for i, text in enumerate(stories):
            (folder / f"story-{i:04d}.txt").write_text(text, encoding="utf-8")

        rows: list[tuple[str, float, float, str, str, str]] = []
        before, before_cpu, before_rss = ceiling(stories)
        print(f"ceiling (before): {len(stories) / before:.1f} articles/s, {load()}")

        sides = set(args.sides.split(","))
        for jobs in (j for j in (1, 2) if f"jobs{j}" in sides):
            result = run_jobs(folder, server(f"jobs{jobs}"), jobs)
            rows.append(_row(f"--jobs {jobs}", result, len(stories)))
            print(f"--jobs {jobs}: {len(stories) / result['elapsed']:.1f} articles/s, {load()}")
        if "cluster" in sides:
            result = run_cluster(folder, server("cluster"), server("cluster_warm"), 2)
            rows.append(_row("--cluster local:2", result, len(stories)))
            print(f"--cluster local:2: {len(stories) / result['elapsed']:.1f} articles/s, {load()}")

        after, after_cpu, after_rss = ceiling(stories)
        print(f"ceiling (after): {len(stories) / after:.1f} articles/s, {load()}")
        store_ms = store_only(stories, server("store"), min(60, len(stories)))

    ceiling_rate = (len(stories) / before + len(stories) / after) / 2
    ceiling_cpu = (before_cpu + after_cpu) / 2 / len(stories)
    print()
    print(f"at end: {load()}")
    print(
        f"ceiling, two bare spaCy processes: {ceiling_rate:.1f} articles/s "
        f"(before {len(stories) / before:.1f}, after {len(stories) / after:.1f}); "
        f"RSS per process {', '.join(f'{r / MB:.0f}' for r in before_rss + after_rss)} MB; "
        f"{ceiling_cpu * 1000:.1f} ms CPU per article"
    )
    print()
    print(
        "| side | articles/s | x ceiling | CPU ms/article: ours (this process) + PostgreSQL "
        "| CPU efficiency "
        "| start-up | outcome | peak RSS per worker |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, rate, startup, outcome, memory, cpu in rows:
        ours, database, here = (float(x) for x in cpu.split("+"))
        per_article = (ours + database) / len(stories)
        ms = 1000 / len(stories)
        print(
            f"| {name} | {rate:.1f} | {rate / ceiling_rate:.2f} "
            f"| {ms * ours:.1f} ({ms * here:.1f}) + {ms * database:.1f} "
            f"| {ceiling_cpu / per_article:.2f} | {startup:.1f} s | {outcome} | {memory} |"
        )
    print(
        f"storing alone, one writer: {store_ms:.1f} ms per article into PostgreSQL, so at most "
        f"{1000 / store_ms:.0f} articles/s for a cluster of any size (writers take turns)"
    )
    print(
        "CPU efficiency: the ceiling's CPU per article over ours (workers, writer or client, "
        "and the database server); what the ratio would be on two otherwise idle cores."
    )
    return 0


def _row(name: str, result: dict[str, Any], count: int) -> tuple[str, float, float, str, str, str]:
    s = result["summary"]
    outcome = f"{s.new} new, {s.duplicate} dup, {s.near_duplicate} near, {s.failed} failed"
    cpu = f"{result['cpu'].ours}+{result['cpu'].database}+{result['cpu'].here}"
    rate = count / result["elapsed"]
    return (name, rate, result["startup"], outcome, result["memory"].describe(), cpu)


@contextmanager
def contextmanager_server() -> Iterator[Callable[[str], str]]:
    """A function that makes a fresh database by name and returns its URL."""
    shared = os.environ.get("NEWSLEDGER_BENCH_POSTGRES_URL")
    if shared:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        base = make_url(shared)
        engine = create_engine(base, isolation_level="AUTOCOMMIT")

        def create(name: str) -> str:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            return base.set(database=name).render_as_string(hide_password=False)

        yield create
        engine.dispose()
        return
    with throwaway_postgres() as server:
        yield server.create_database


if __name__ == "__main__":
    sys.exit(main())
