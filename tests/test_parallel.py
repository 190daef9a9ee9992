"""newsledger.parallel and `ingest --jobs`: worker processes parse, one process stores."""

from __future__ import annotations

import gc
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from newsledger.extract.pipeline import ExtractionFailure
from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.parallel import ExtractorPool, default_jobs, extract_parallel
from newsledger.pipeline import ExtractOptions, extract_pairs, ingest
from newsledger.records import ArticleRecord, RawArticle
from newsledger.settings import Settings
from tests.wire_stories import REFERENCE_DATE, SHARD, STORIES, ledger_snapshot, write_stories

OPTIONS = ExtractOptions(reference_date=date.fromisoformat(REFERENCE_DATE))
CLI = [sys.executable, "-c", "from newsledger.cli import main; main()"]


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractorPool]:
    # One pool (two models loaded) for the module; chunks of one article so both workers work.
    with ExtractorPool(2, OPTIONS, chunk_size=1) as shared:
        shared.start()
        yield shared


def _raws() -> list[RawArticle]:
    texts = [*STORIES.values(), *(item["text"] for item in SHARD)]
    return [RawArticle(text=text, uri=f"story-{i}") for i, text in enumerate(texts)]


def _ingest(folder: Path, url: str, extract=None):
    settings = Settings(db=url)
    with Ledger.open(url, settings=settings, fusion=FUSION) as ledger:
        summary = ingest(
            ledger,
            [str(folder)],
            settings=settings,
            reference_date=OPTIONS.reference_date,
            extract=extract,
        )
        return summary, ledger_snapshot(ledger)


def test_parallel_two_workers_store_the_same_ledger_as_one_process(
    tmp_path: Path, pool: ExtractorPool
) -> None:
    folder = write_stories(tmp_path / "wire")
    one, one_ledger = _ingest(folder, f"sqlite:///{tmp_path / 'one.db'}")
    two, two_ledger = _ingest(
        folder, f"sqlite:///{tmp_path / 'two.db'}", extract=lambda raws, _opts: pool.extract(raws)
    )
    assert (one.new, one.duplicate, one.near_duplicate, one.failed) == (8, 1, 0, 1)
    assert (two.new, two.duplicate, two.near_duplicate, two.failed) == (8, 1, 0, 1)
    assert two_ledger == one_ledger
    assert len(one_ledger["articles"]) == 8 and one_ledger["events"]


def test_parallel_yields_every_input_once_with_its_own_record(pool: ExtractorPool) -> None:
    raws = _raws()
    expected = {raw.uri: result for raw, result in extract_pairs(raws, OPTIONS)}
    got = list(pool.extract(raws))
    # the very objects passed in, each once, in whatever order the workers finished
    assert sorted(id(raw) for raw, _ in got) == sorted(id(raw) for raw in raws)
    for raw, result in got:
        assert isinstance(result, ArticleRecord)
        assert result.to_dict() == expected[raw.uri].to_dict()


def test_parallel_replaces_a_killed_worker_and_loses_no_article(pool: ExtractorPool) -> None:
    raws = _raws()
    results = pool.extract(raws)
    first = next(results)
    os.kill(pool.pids()[0], signal.SIGKILL)
    got = [first, *results]
    assert sorted(raw.uri for raw, _ in got) == sorted(raw.uri for raw in raws)
    assert not [r for _, r in got if isinstance(r, ExtractionFailure)]
    assert len(pool.pids()) == 2  # the pool is whole again for the next run


def test_parallel_workers_leave_the_loaded_pipeline_out_of_collection(
    pool: ExtractorPool,
) -> None:
    frozen = {pool._pool().submit(gc.get_freeze_count).result() for _ in range(4)}
    assert frozen and min(frozen) > 10_000  # the pipeline's objects, frozen after warm-up


def test_parallel_one_job_extracts_in_this_process_in_input_order() -> None:
    raws = _raws()[:3]
    got = list(extract_parallel(raws, OPTIONS, jobs=1))
    assert [raw for raw, _ in got] == raws
    assert default_jobs() >= 1


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


def test_parallel_cli_jobs_two_ingests_then_a_rerun_adds_nothing(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "wire")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["ingest", str(folder), "--db", url, "--jobs", "2", "--quiet"]
    first = _run(*args, "--reference-date", REFERENCE_DATE)
    assert first.returncode == 1, first.stderr  # broken.txt is binary: one input failed
    assert "8 new, 1 duplicate, 0 near-duplicate, 1 failed" in first.stderr
    assert "broken.txt" in first.stderr and "binary" in first.stderr
    again = _run(*args, "--reference-date", REFERENCE_DATE)
    assert "0 new, 9 duplicate, 0 near-duplicate, 1 failed" in again.stderr, again.stderr


def test_parallel_cli_jobs_with_cluster_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("ingest", str(tmp_path), "--jobs", "2", "--cluster", "local:2")
    assert result.returncode == 2
    assert "--jobs and --cluster" in result.stderr


def _articles(url: str) -> list[str]:
    with Ledger.open(url, settings=Settings(db=url), migrate=False, fusion=FUSION) as ledger:
        return [row[0] for row in ledger_snapshot(ledger)["articles"]]


def _stored_so_far(path: Path) -> int:
    """Articles committed so far, counted cheaply enough to poll while the run goes on."""
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the ledger is still being created
        return 0


@pytest.mark.slow
def test_parallel_cli_killed_mid_run_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    import psutil

    folder = tmp_path / "many"
    folder.mkdir()
    texts = [*STORIES.values(), *(item["text"] for item in SHARD)]
    # Distinct texts: the stories with a different closing sentence each; enough of them that
    # the run is still going when the poll below sees its first articles stored.
    count = 120
    for i in range(count):
        extra = f"\n\nThe agency filed report {i} of the week at {i % 12 + 1} o'clock."
        (folder / f"s{i:03d}.txt").write_text(texts[i % len(texts)] + extra, encoding="utf-8")
    db = tmp_path / "killed.db"
    url = f"sqlite:///{db}"
    args = ["ingest", str(folder), "--db", url, "--jobs", "2", "--quiet"]
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            if _stored_so_far(db) >= 3:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        workers = psutil.Process(proc.pid).children(recursive=True)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # the workers notice their parent is gone and end too
        _, alive = psutil.wait_procs(workers, timeout=20)
        assert not alive
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stored = _articles(url)
    assert 3 <= len(stored) < count
    rerun = _run(*args)
    assert rerun.returncode == 0, rerun.stderr
    counts = re.search(r"(\d+) new, (\d+) duplicate, (\d+) near-duplicate, 0 failed", rerun.stderr)
    assert counts, rerun.stderr
    new, duplicate, near = map(int, counts.groups())
    assert duplicate == len(stored)  # what was stored before the kill, found again
    assert new + near == count - len(stored)  # and everything else, once
    final = _articles(url)
    assert len(final) == count == len(set(final))
