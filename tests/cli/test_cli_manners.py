"""Command-line manners, each through the real command: messages, pipes, lookups, styling."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "ledger" / "fixtures"
SGM = Path(__file__).resolve().parents[1] / "ingest" / "fixtures" / "three_stories.sgm"
ESC = "\x1b["


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The eight examples/ articles (34 events), as the previous release stored them."""
    path = tmp_path_factory.mktemp("manners") / "ledger.db"
    with gzip.open(FIXTURES / "release_0_1_0.db.gz", "rb") as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    url = f"sqlite:///{path}"
    assert CliRunner().invoke(cli, ["status", "--db", url]).exit_code == 0  # migrate once
    return url


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def real(*args: str, env: dict[str, str] | None = None, pipe_to_head: bool = False):
    """The installed entry point in a subprocess, its stdout a real pipe."""
    command = [sys.executable, "-c", "from newsledger.cli import main; main()", *args]
    full_env = {**os.environ, **(env or {})}
    if not pipe_to_head:
        return subprocess.run(command, capture_output=True, text=True, env=full_env, timeout=120)
    producer = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env
    )
    assert producer.stdout is not None
    first = producer.stdout.readline()
    producer.stdout.close()  # what `| head -1` does
    _, err = producer.communicate(timeout=120)
    return producer.returncode, first.decode(), err.decode()


def test_cli_unknown_type_is_refused_with_the_known_types(db: str) -> None:
    for command in ("events", "timeline"):
        code, out = run(command, "--db", db, "--type", "BOGUS")
        assert code == 2
        assert "unknown event type 'BOGUS'; known types: ACCUSE, AGREEMENT," in out
        assert "WEAPONS_TEST" in out
    code, out = run("events", "--db", db, "--type", "weapons_test")
    assert code == 0 and "WEAPONS_TEST" in out


def test_cli_no_match_is_not_an_empty_ledger(db: str, tmp_path: Path) -> None:
    code, out = run("timeline", "--db", db, "--actor", "Nobody")
    assert code == 0
    assert "no events match --actor Nobody (34 event(s) in the ledger" in out
    assert "no entity called 'Nobody'" in out
    assert "ingest articles first" not in out
    code, out = run("events", "--db", db, "--type", "ATTACK", "--outlet", "Nowhere Times")
    assert "no events match --type ATTACK --outlet Nowhere Times" in out
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    code, out = run("timeline", "--db", empty, "--type", "ATTACK")
    assert code == 0 and "the ledger has no events yet; ingest articles first" in out


def test_cli_piped_events_are_tsv_and_never_cut(db: str) -> None:
    done = real("events", "--db", db, "--limit", "100")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split("\t") == [
        "date",
        "type",
        "actor",
        "target / object",
        "modality",
        "conf",
        "source",
        "outlet",
        "article",
    ]
    rows = lines[1:]
    assert rows and all(line.count("\t") == 8 for line in rows)
    assert "…" not in done.stdout and max(len(line) for line in lines) > 80


def test_cli_closed_pipe_exits_quietly_with_zero(db: str) -> None:
    for command in (["export", "--format", "jsonl"], ["timeline"], ["events", "--limit", "100"]):
        code, first, err = real(*command, "--db", db, pipe_to_head=True)
        assert code == 0, (command, err)
        assert first and err == ""


def test_cli_entity_by_alias_prefix_and_did_you_mean(db: str) -> None:
    code, out = run("entity", "Kim", "--db", db)
    assert code == 0 and out.startswith("Kim Jong Un")
    code, out = run("entity", "DPRK", "--db", db)
    assert code == 0 and out.startswith("North Korea")
    code, out = run("entity", "Korea", "--db", db)
    assert code == 1 and "did you mean North Korea (GPE), South Korea (GPE)" in out
    code, out = run("entity", "Nrth Korea", "--db", db)
    assert code == 1 and "did you mean 'North Korea'?" in out


def test_cli_show_takes_a_unique_id_prefix(db: str) -> None:
    code, out = run("events", "--db", db, "--format", "json", "--limit", "1")
    article_id = __import__("json").loads(out)["rows"][0]["article_id"]
    code, out = run("show", article_id[:6], "--db", db)
    assert code == 0 and f"{article_id}" in out
    assert "extraction version 1 of 1 (current), made by an unrecorded extractor" in out
    code, out = run("show", "", "--db", db)
    assert code == 1 and "empty" in out
    code, out = run("show", "zzzz", "--db", db)
    assert code == 1 and "no article 'zzzz'" in out


def test_cli_no_color_removes_all_styling(db: str) -> None:
    styled = real("show", "1e7792", "--db", db, env={"FORCE_COLOR": "1"})
    assert styled.returncode == 0 and ESC in styled.stdout
    plain = real("show", "1e7792", "--db", db, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.returncode == 0 and ESC not in plain.stdout + plain.stderr
    assert "North Korea" in plain.stdout


def test_cli_ingest_progress_has_a_total_and_an_eta(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'progress.db'}"
    done = real("ingest", str(SGM), "--db", url, "--jobs", "1", env={"FORCE_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    frames = done.stderr.replace("\r", "\n")
    assert "0/2" in frames and "eta" in frames


def test_cli_failures_warnings_lists_undated_articles(tmp_path: Path) -> None:
    text = tmp_path / "undated.txt"
    text.write_text(
        "VALMORA, March 3 (Wire) - North Korea fired two ballistic missiles into the sea on "
        "Tuesday, the coastguard said.\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'warn.db'}"
    assert run("ingest", str(text), "--db", url, "-q")[0] == 0
    code, out = run("failures", "--db", url)
    assert code == 0 and "no failures recorded" in out
    code, out = run("failures", "--warnings", "--db", url)
    assert code == 0 and "warning" in out and "no publication date" in out
    code, out = run("timeline", "--db", url, "--min-confidence", "0")
    assert code == 0 and "undated (the article gives no date" in out
