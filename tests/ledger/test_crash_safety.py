"""SIGKILL an ingesting process at arbitrary moments; re-running completes with no partial rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ledger_factory import postgres_url
from sqlalchemy import create_engine, text

HERE = Path(__file__).resolve().parent
N = 80


def _count(url: str, sql: str) -> int:
    engine = create_engine(url, **({"connect_args": {"timeout": 30}} if "sqlite" in url else {}))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)
    except Exception:
        return 0  # not created yet
    finally:
        engine.dispose()


def _start(url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(HERE / "crash_writer.py"), url, str(N)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_after(
    proc: subprocess.Popen[bytes], url: str, at_least: int, timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if _count(url, "SELECT count(*) FROM articles") >= at_least:
            break
        time.sleep(0.02)
    assert proc.poll() is None, (
        f"writer ended early: {proc.stderr.read().decode() if proc.stderr else ''}"
    )
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _consistent(url: str) -> None:
    from crash_writer import CLAIMS, EVENTS

    assert _count(url, "SELECT count(*) FROM articles") == N
    assert _count(url, "SELECT count(DISTINCT content_hash) FROM articles") == N
    sqlite = url.startswith("sqlite")
    if sqlite:
        assert _count(url, "SELECT count(*) FROM articles_fts") == N
    # every article has all of its rows, none has more (a replay would double them)
    assert (
        _count(
            url,
            f"SELECT count(*) FROM (SELECT article_id FROM events GROUP BY article_id "
            f"HAVING count(*) <> {EVENTS})",
        )
        == 0
    )
    assert _count(url, "SELECT count(*) FROM events") == N * EVENTS
    assert _count(url, "SELECT count(*) FROM claims") == N * CLAIMS
    assert _count(url, "SELECT count(*) FROM events WHERE fused_event_id IS NULL") == 0
    assert _count(url, "SELECT count(*) FROM minhash_bands") > 0
    # each claim's one source points at that claim (ids reserved before the rows go in)
    sources_per_claim = (
        "SELECT count(*) FROM claims c JOIN claim_sources s ON s.claim_id = c.id "
        "WHERE s.position = 0"
    )
    assert _count(url, sources_per_claim) == N * CLAIMS
    if not sqlite:
        return
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()


@pytest.mark.slow
def test_crash_safety_sigkill_then_rerun_completes(tmp_path: Path) -> None:
    _kill_twice_then_finish(f"sqlite:///{tmp_path / 'crash.db'}")


@pytest.mark.slow
@pytest.mark.postgres
def test_crash_safety_sigkill_then_rerun_completes_on_postgresql() -> None:
    # There an article's rows wait in one batch and go in one statement before its links:
    # a kill before, during or after that statement still leaves all of it or none.
    with postgres_url() as url:
        _kill_twice_then_finish(url)


def _kill_twice_then_finish(url: str) -> None:
    sys.path.insert(0, str(HERE))
    for at_least in (1, 25):  # right after the first commits, then mid-run
        proc = _start(url)
        _kill_after(proc, url, at_least)
        stored = _count(url, "SELECT count(*) FROM articles")
        assert stored < N
        # whatever was stored is whole
        assert _count(url, "SELECT count(*) FROM events") == stored * 5
    final = _start(url)
    assert final.wait(timeout=120) == 0, final.stderr.read().decode() if final.stderr else ""
    _consistent(url)


_STORIES = [
    "OSLO, May 2 (Wire) - Norway's central bank raised its main interest rate by a quarter point on "
    "Thursday, citing stubborn inflation in services.",
    "NAIROBI, May 2 (Wire) - Kenyan police arrested twelve people after protests over fuel prices "
    "turned violent in the capital, officials said.",
    "LIMA, May 3 (Wire) - Peru's congress approved a new mining tax on Friday after a long debate, "
    "the speaker told reporters.",
    "HANOI, May 3 (Wire) - Vietnam signed an agreement with Japan to build a rail link between two "
    "northern provinces, the transport ministry said.",
    "WARSAW, May 4 (Wire) - Poland ordered two hundred tanks from South Korea, the defence minister "
    "announced at a news conference.",
    "CAIRO, May 4 (Wire) - Egyptian officials hosted ceasefire talks between the warring parties, "
    "diplomats said on Saturday.",
]


@pytest.mark.slow
def test_crash_safety_cli_ingest_killed_then_rerun(tmp_path: Path) -> None:
    """The real `newsledger ingest`, SIGKILLed after its first commit, then run again."""
    src = tmp_path / "in"
    src.mkdir()
    # three variants of each story: stored too (as near-duplicates), and more time to be killed in
    variants = ("", " Markets were calm.", " More details were expected on Monday.")
    files = [f"{story}{extra}\n" for extra in variants for story in _STORIES]
    for i, body in enumerate(files):
        (src / f"{i:02d}.txt").write_text(body, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli-crash.db'}"
    command = [
        sys.executable,
        "-c",
        "from newsledger.cli import main; main()",
        "ingest",
        str(src),
        "--db",
        url,
        "-q",
        "--reference-date",
        "2024-05-05",
    ]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if _count(url, "SELECT count(*) FROM articles") >= 1:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "ingest ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(url, "SELECT count(*) FROM articles")
    assert 1 <= partial < len(files)
    again = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert again.returncode == 0, again.stderr
    assert _count(url, "SELECT count(*) FROM articles") == len(files)
    assert _count(url, "SELECT count(DISTINCT content_hash) FROM articles") == len(files)
    assert _count(url, "SELECT count(*) FROM articles_fts") == len(files)
    # the re-run skips what the first run stored (reported as duplicates)
    assert f"{partial} duplicate" in again.stderr
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        orphans = conn.exec_driver_sql(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"
        ).scalar()
        assert orphans == 0
    engine.dispose()
