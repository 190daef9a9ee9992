"""Readers work while an ingest writes (SQLite WAL): in-process queries and `newsledger events`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.fuse import FUSION
from newsledger.ledger import queries
from newsledger.ledger.store import Ledger
from newsledger.settings import Settings

HERE = Path(__file__).resolve().parent


@pytest.mark.slow
def test_concurrency_reader_while_writer_runs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION):
        pass  # migrate first, so the reader never races the schema creation
    writer = subprocess.Popen(
        [sys.executable, str(HERE / "crash_writer.py"), url, "100000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as reader:
            deadline = time.monotonic() + 60
            while queries.stats(reader).articles < 5 and time.monotonic() < deadline:
                assert writer.poll() is None, writer.stderr.read().decode() if writer.stderr else ""
                time.sleep(0.05)
            seen = []
            for _ in range(20):
                seen.append(queries.stats(reader).articles)
                assert queries.events(reader, limit=20).rows
                time.sleep(0.02)
            assert seen == sorted(seen) and seen[-1] > seen[0]  # the writer kept going meanwhile
        cli = subprocess.run(
            [
                sys.executable,
                "-c",
                "from newsledger.cli import main; main()",
                "events",
                "--db",
                url,
                "--format",
                "json",
                "--limit",
                "5",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "COLUMNS": "120"},
        )
        assert writer.poll() is None, "the writer must still be running during the CLI read"
        assert cli.returncode == 0, cli.stderr
        assert len(json.loads(cli.stdout)["rows"]) == 5
    finally:
        if writer.poll() is None:
            os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
