"""newsledger.cluster: ingest on a Dask LocalCluster into PostgreSQL, against one process.

One LocalCluster of two workers serves the whole module (each worker loads spaCy once).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.pipeline import ExtractOptions, ingest
from newsledger.settings import Settings
from tests.wire_stories import REFERENCE_DATE, STORIES, ledger_snapshot, write_stories

pytest.importorskip("distributed")

from newsledger import cluster  # noqa: E402  (needs the optional extra)
from newsledger.errors import ClusterError  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent / "ledger"))
from ledger_factory import POSTGRES_ENV, postgres_url  # noqa: E402

OPTIONS = ExtractOptions(reference_date=date.fromisoformat(REFERENCE_DATE))


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_stories(tmp_path_factory.mktemp("cluster") / "wire")


@pytest.fixture(scope="module")
def reference(stories: Path) -> tuple[Any, dict[str, list[tuple[Any, ...]]]]:
    """The summary and ledger of a one-process ingest of the stories into PostgreSQL."""
    with postgres_url() as url:
        settings = Settings(db=url)
        with Ledger.open(url, settings=settings, fusion=FUSION) as ledger:
            summary = ingest(
                ledger, [str(stories)], settings=settings, reference_date=OPTIONS.reference_date
            )
            return summary, ledger_snapshot(ledger)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    if not os.environ.get(POSTGRES_ENV):
        pytest.skip(f"{POSTGRES_ENV} is not set (scripts/run-tests.sh starts a PostgreSQL server)")
    with cluster.connect("local:2", dashboard=False) as shared:
        yield shared


def _cluster_ingest(client: Any, url: str, sources: list[str], **kwargs: Any) -> Any:
    settings = Settings(db=url)
    return cluster.ingest_cluster(
        client, url, sources, settings=settings, options=OPTIONS, **kwargs
    )


def _snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with Ledger.open(url, settings=Settings(db=url), migrate=False, fusion=FUSION) as ledger:
        return ledger_snapshot(ledger)


def _counts(summary: Any) -> tuple[int, int, int, int]:
    return (summary.new, summary.duplicate, summary.near_duplicate, summary.failed)


@pytest.mark.postgres
def test_cluster_ingest_equals_one_process_and_a_rerun_adds_nothing(
    client: Any, stories: Path, reference: Any
) -> None:
    one_summary, one_ledger = reference
    assert _counts(one_summary) == (8, 1, 0, 1) and one_ledger["events"]
    with postgres_url() as url:
        summary = _cluster_ingest(client, url, [str(stories)])
        assert _counts(summary) == _counts(one_summary)
        assert _snapshot(url) == one_ledger
        rerun = _cluster_ingest(client, url, [str(stories)])
        assert (rerun.new, rerun.near_duplicate) == (0, 0)
        assert _snapshot(url) == one_ledger


@pytest.mark.postgres
def test_cluster_worker_killed_mid_run_loses_and_duplicates_nothing(
    client: Any, stories: Path, reference: Any
) -> None:
    _, one_ledger = reference
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker(event: Any) -> None:
        if killed:
            return
        busy = [w for w, tasks in client.processing().items() if tasks and w in pids]
        victim = pids[busy[0] if busy else next(iter(pids))]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    with postgres_url() as url:
        # one file per task, so that work is still queued and running when the first ends
        _cluster_ingest(client, url, [str(stories)], files_per_task=1, on_event=kill_a_busy_worker)
        assert killed
        assert _snapshot(url) == one_ledger
    # the nanny brings the worker back, with the pipeline loaded again, for later tests
    deadline = time.monotonic() + 120
    while len(client.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)


@pytest.mark.postgres
def test_cluster_reads_a_single_file_and_reports_a_missing_one(client: Any, stories: Path) -> None:
    with postgres_url() as url:
        summary = _cluster_ingest(
            client, url, [str(stories / "harbour.txt"), str(stories / "absent.txt")]
        )
        assert summary.new == 1
        assert summary.failures == [(str(stories / "absent.txt"), "no such file or directory")]


@pytest.mark.postgres
def test_cluster_standard_input_is_read_here_and_sent_to_the_workers(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = STORIES["rescue.txt"].encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(story), encoding="utf-8"))
    with postgres_url() as url:
        summary = _cluster_ingest(client, url, ["-"])
        assert (summary.new, summary.failed) == (1, 0)
        # dated from its dateline and the run's reference year: the options reached the worker
        assert [row[3] for row in _snapshot(url)["articles"]] == ["2025-03-08"]


def _malloc_trim_threshold() -> str | None:
    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


@pytest.mark.postgres
def test_cluster_local_workers_keep_glibc_malloc_trimming(client: Any) -> None:
    # Dask's nannies would start them with MALLOC_TRIM_THRESHOLD_=65536 (heap handed back and
    # faulted in again for every parse); they get what this process has, which is nothing here
    # unless the user set it.
    seen = set(client.run(_malloc_trim_threshold).values())
    assert seen == {os.environ.get("MALLOC_TRIM_THRESHOLD_")}
    assert "65536" not in seen


@pytest.mark.postgres
def test_cluster_worker_that_cannot_load_the_model_is_a_clear_error(client: Any) -> None:
    with (
        postgres_url() as url,
        pytest.raises(ClusterError, match="could not set up.*no_such_model"),
    ):
        cluster.ingest_cluster(
            client,
            url,
            [],
            settings=Settings(db=url),
            options=ExtractOptions(model="no_such_model"),
        )


def test_cluster_refuses_a_sqlite_ledger_naming_postgresql(tmp_path: Path) -> None:
    db = tmp_path / "local.db"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsledger.cli import main; main()",
            "ingest",
            "--cluster",
            "local:2",
            "--db",
            f"sqlite:///{db}",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "PostgreSQL" in result.stderr and "SQLite" in result.stderr
    assert not db.exists()  # refused before anything was opened or started


def test_cluster_unreachable_scheduler_is_a_clear_error() -> None:
    with (
        pytest.raises(ClusterError, match="no Dask scheduler"),
        cluster.connect("tcp://127.0.0.1:9", timeout=2),
    ):
        pass


def test_cluster_local_spec_needs_a_worker_count() -> None:
    with pytest.raises(ClusterError, match="local:N"), cluster.connect("local:many"):
        pass


def test_cluster_batches_shrink_toward_the_end_and_keep_every_file_once() -> None:
    files = [(f"/in/{i:04d}.txt", 2_000) for i in range(300)]
    batches = cluster._batches(files, 32)
    sizes = [len(b) for b in batches]
    assert [p for b in batches for p in b] == [p for p, _ in files]  # in order, once each
    assert sizes[0] == 32 and max(sizes) == 32
    assert sizes == sorted(sizes, reverse=True)  # the end is cut finer than the start
    assert sizes[-2] <= cluster.TAIL_FILES  # the last tasks are small
    assert min(sizes[:-1]) >= cluster.TAIL_FILES  # but not one file each


def test_cluster_batches_respect_the_byte_budget() -> None:
    files = [("/in/big.txt", cluster.BYTES_PER_TASK), *((f"/in/{i}.txt", 10) for i in range(3))]
    assert cluster._batches(files, 32) == [["/in/big.txt"], ["/in/0.txt", "/in/1.txt", "/in/2.txt"]]
