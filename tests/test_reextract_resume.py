"""Re-extract 200 stored articles after a rule-data change, SIGKILL halfway, run again.

The "before" ledger is made by the real `newsledger ingest` running a copy of the package
whose rule data lacks one event trigger (the WEAPONS_TEST reading of "fire" with a weapon
object): a real rule-data change, so the copy has its own extractor version. The shipped
package then re-extracts with the real `newsledger reextract`, is killed partway, and is run
again to the end.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import newsledger
from newsledger.extract.version import extractor_version
from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.ledger.versions import diff_events, record_at
from newsledger.settings import Settings

N = 200
# Short texts written for this test: 10 countries x 20 days, each text distinct.
_COUNTRIES = [
    ("North Korea", "Pyongyang"),
    ("Iran", "Tehran"),
    ("Russia", "Moscow"),
    ("Pakistan", "Islamabad"),
    ("India", "New Delhi"),
    ("China", "Beijing"),
    ("Israel", "Jerusalem"),
    ("Turkey", "Ankara"),
    ("Japan", "Tokyo"),
    ("France", "Paris"),
]
_NUMBERS = ["two", "three", "four", "five"]


def _text(i: int) -> str:
    country, city = _COUNTRIES[i % len(_COUNTRIES)]
    day = 1 + i // len(_COUNTRIES)
    count = _NUMBERS[i % len(_NUMBERS)]
    return (
        f"{city.upper()}, May {day} (Wire) - {country} fired {count} ballistic missiles into "
        f"the sea on May {day}, the defence ministry said.\n"
    )


def _old_rules_package(tmp_path: Path) -> Path:
    """A copy of the package without one trigger rule: the extractor before the change."""
    root = tmp_path / "before"
    package = Path(newsledger.__file__).resolve().parent
    shutil.copytree(package, root / "newsledger", ignore=shutil.ignore_patterns("__pycache__"))
    triggers = root / "newsledger" / "extract" / "data" / "events" / "triggers.jsonl"
    lines = triggers.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [
        line
        for line in lines
        if not (
            line.strip()
            and json.loads(line).get("lemma") == "fire"
            and json.loads(line).get("type") == "WEAPONS_TEST"
            and json.loads(line).get("requires") == "weapon_object"
        )
    ]
    assert len(kept) == len(lines) - 1
    triggers.write_text("".join(kept), encoding="utf-8")
    return root


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from newsledger.cli import main; main()", *args]


def _env(pythonpath: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def _scalar(url: str, sql: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()


@pytest.mark.slow
def test_reextract_killed_halfway_then_rerun(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(N):
        (inputs / f"{i:03d}.txt").write_text(_text(i), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    before = _old_rules_package(tmp_path)

    made = subprocess.run(
        _cli("ingest", str(inputs), "--db", url, "-q", "--reference-date", "2024-05-25"),
        env=_env(before),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert made.returncode == 0, made.stderr
    old_version = _scalar(url, "SELECT DISTINCT extractor_version FROM articles")
    assert old_version != extractor_version() and str(old_version).startswith("0.")
    assert _scalar(url, "SELECT count(*) FROM articles") == N
    assert _scalar(url, "SELECT count(*) FROM events WHERE type = 'WEAPONS_TEST'") == 0

    command = _cli("reextract", "--db", url, "-q", "--batch-size", "16")
    proc = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if _scalar(url, "SELECT count(*) FROM extractions WHERE version = 2") >= N // 4:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "reextract ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = _scalar(url, "SELECT count(*) FROM articles WHERE extraction_version = 2")
    assert isinstance(done, int) and 0 < done < N
    # killed mid-way, every article is whole: at version 1 with no WEAPONS_TEST or at 2 with one
    assert _scalar(url, "SELECT count(*) FROM events WHERE type = 'WEAPONS_TEST'") == done

    again = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"re-extracted {N - done} article(s)" in again.stderr

    # every article on the new version exactly once
    assert _scalar(url, "SELECT count(*) FROM articles WHERE extraction_version = 2") == N
    assert _scalar(url, "SELECT count(DISTINCT extractor_version) FROM articles") == 1
    assert _scalar(url, "SELECT extractor_version FROM articles LIMIT 1") == extractor_version()
    assert _scalar(url, "SELECT count(*) FROM extractions") == 2 * N
    assert _scalar(url, "SELECT max(version) FROM extractions") == 2
    assert _scalar(url, "SELECT count(*) FROM events WHERE type = 'WEAPONS_TEST'") == N
    # old versions readable, and the diff is the one added event
    with (
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger,
        ledger.connect() as conn,
    ):
        ids = [r[0] for r in conn.execute(text("SELECT id FROM articles ORDER BY id"))]
        for article_id in ids:
            old = record_at(ledger, article_id, 1)
            new = record_at(ledger, article_id, 2)
            assert old.text == new.text and old.published == new.published
            diff = diff_events(old.events, new.events)
            assert [e.type for e in diff.added] == ["WEAPONS_TEST"]
            assert (diff.removed, diff.changed) == ([], [])
            assert diff.unchanged == len(old.events)
    shown = subprocess.run(
        _cli("diff", ids[0][:10], "--db", url), env=_env(), capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    assert "version 1 -> 2: 1 added, 0 removed, 0 changed" in shown.stdout
    assert "+ WEAPONS_TEST" in shown.stdout
    # a third run has nothing left to do
    third = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=300)
    assert third.returncode == 0 and "nothing to re-extract" in third.stderr
