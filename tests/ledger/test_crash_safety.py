"""SIGKILL an ingesting process at arbitrary moments; re-running completes with no partial rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

HERE = Path(__file__).resolve().parent
N = 80


def _count(url: str, sql: str) -> int:
    engine = create_engine(url, connect_args={"timeout": 30})
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
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()


@pytest.mark.slow
def test_crash_safety_sigkill_then_rerun_completes(tmp_path: Path) -> None:
    sys.path.insert(0, str(HERE))
    url = f"sqlite:///{tmp_path / 'crash.db'}"
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
