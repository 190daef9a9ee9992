"""The ledger commands, through click's runner: exit codes, messages, formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))

from ledger_factory import article, denial_story, entity, event, missile_story  # noqa: E402

from newsledger.cli import cli  # noqa: E402
from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger  # noqa: E402
from newsledger.settings import Settings  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        ledger.add(missile_story())
        ledger.add(denial_story())
        ledger.add_failure("broken.bin", "looks like binary data, not text")
    return url


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_ledger_cmd_events_table_json_csv(db: str) -> None:
    code, out = run("events", "--db", db)
    assert code == 0 and "MISSILE_LAUNCH" in out and "ORDER" in out
    code, out = run("events", "--db", db, "--actor", "Kim", "--format", "json")
    data = json.loads(out)
    assert [r["type"] for r in data["rows"]] == ["ORDER"]
    code, out = run("events", "--db", db, "--format", "csv", "--type", "MISSILE_LAUNCH")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["location"] for r in rows] == ["Wonsan"] and rows[0]["sources"] == "South Korea"


def test_ledger_cmd_events_bad_date_is_usage_error(db: str) -> None:
    code, out = run("events", "--db", db, "--since", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in out


def test_ledger_cmd_timeline_groups_by_day(db: str) -> None:
    code, out = run("timeline", "--db", db)
    assert code == 0
    assert "Fri 26 Dec 2025" in out
    assert "[actual]" in out and "Wire" in out
    assert out.index("ORDER") < out.rindex("event(s) on")
    code, out = run("timeline", "--db", db, "--actor", "Atlantis")
    # not "the timeline is empty": the ledger has events, none by Atlantis
    assert code == 0 and "no events match --actor Atlantis (2 event(s) in the ledger" in out


def test_ledger_cmd_timeline_heads_coarse_dates_by_their_period(tmp_path: Path) -> None:
    from newsledger.records import EventTime

    url = f"sqlite:///{tmp_path / 'coarse.db'}"
    rec = article("Ruritania tested a rocket in 2024. It tested another in March 2025.")
    entity(rec, "Ruritania", "GPE")
    event(rec, "WEAPONS_TEST", "tested", actor="Ruritania").time = EventTime(
        "2024", "2024-01-01", "2024-12-31", "in 2024"
    )
    event(rec, "WEAPONS_TEST", "tested another", actor="Ruritania").time = EventTime(
        "2025-03", "2025-03-01", "2025-03-31", "in March 2025"
    )
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        ledger.add(rec)
    code, out = run("timeline", "--db", url)
    assert code == 0
    assert "2024 (no month or day given)" in out
    assert "March 2025 (no day given)" in out
    assert "Mon 01 Jan 2024" not in out and "Sat 01 Mar 2025" not in out


def test_ledger_cmd_claims_and_denials(db: str) -> None:
    code, out = run("claims", "--db", db, "--about", "North Korea")
    assert code == 0 and "Wonsan" in out and "denied" in out
    code, out = run("claims", "--db", db, "--denials")
    assert code == 0 and "DENIAL" in out and "denies" in out
    code, out = run("claims", "--db", db)
    assert code == 2 and "--about" in out


def test_ledger_cmd_entity(db: str) -> None:
    code, out = run("entity", "--db", db, "pyongyang")
    assert code == 0 and "North Korea" in out and "aliases" in out and "MISSILE_LAUNCH" in out
    code, out = run("entity", "--db", db, "Atlantis")
    assert code == 1 and "no entity called 'Atlantis'" in out


def test_ledger_cmd_show_highlights(db: str) -> None:
    rec = missile_story()
    code, out = run("show", "--db", db, rec.id)
    assert code == 0 and rec.headline in out and "legend" in out and "ORDER" in out
    code, out = run("show", "--db", db, rec.id, "--format", "json")
    assert json.loads(out)["record"]["id"] == rec.id
    code, out = run("show", "--db", db, "nope")
    assert code == 1 and "no article 'nope'" in out


def test_ledger_cmd_show_highlight_styles_spans() -> None:
    from newsledger.cli.render import highlight_record

    rec = missile_story()
    body = highlight_record(rec)
    styled = {(s.start, s.end): str(s.style) for s in body.spans}
    kim = rec.entities[0].mentions[0]
    assert "magenta" in styled[kim]
    assert "underline" in styled[rec.times[0].span]
    assert "red" in styled[rec.events[0].span]


def test_ledger_cmd_search_and_failures(db: str) -> None:
    code, out = run("search", "--db", db, "ballistic", "missiles")
    assert code == 0 and missile_story().id in out
    code, out = run("search", "--db", db, "zeppelin")
    assert code == 0 and "no article matches" in out
    code, out = run("failures", "--db", db)
    assert code == 0 and "broken.bin" in out and "binary" in out


def test_ledger_cmd_export_formats(db: str, tmp_path: Path) -> None:
    code, out = run("export", "--db", db, "--format", "csv")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 2
    code, out = run("export", "--db", db, "--format", "jsonl", "--since", "2025-12-28")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [denial_story().id]
    target = tmp_path / "events.parquet"
    code, out = run("export", "--db", db, "--format", "parquet", "--output", str(target))
    assert code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(target)
    assert table.num_rows == 2 and "actor" in table.column_names
    code, out = run("export", "--db", db, "--format", "parquet")
    assert code == 2 and "--output" in out


def test_ledger_cmd_bad_db_url_is_clear(tmp_path: Path) -> None:
    code, out = run("events", "--db", f"sqlite:///{tmp_path}/missing/x.db")
    assert code == 1 and "does not exist" in out


def test_ledger_cmd_ingest_end_to_end(tmp_path: Path) -> None:
    """Real extraction on tiny files: new, duplicate, failures, and the exit code."""
    src = tmp_path / "in"
    src.mkdir()
    story = (
        "SEOUL, March 3 (Wire) - South Korea's navy said on Tuesday it seized a cargo ship "
        "suspected of carrying coal from North Korea in violation of sanctions.\n"
    )
    (src / "a.txt").write_text(story, encoding="utf-8")
    (src / "b.txt").write_text(story, encoding="utf-8")  # same article again
    (src / "c.txt").write_text(
        "TOKYO, March 4 (Wire) - Japan's cabinet approved a record defence budget on Wednesday, "
        "officials said, citing missile threats from the region.\n",
        encoding="utf-8",
    )
    (src / "d.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (src / "e.txt").write_text("   \n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'ingest.db'}"
    result = CliRunner().invoke(
        cli, ["ingest", str(src), "--db", url, "--reference-date", "2026-03-05", "-q"]
    )
    assert result.exit_code == 1, result.output
    assert "2 new, 1 duplicate, 0 near-duplicate, 2 failed" in result.output
    assert "d.txt" in result.output and "binary" in result.output
    again = CliRunner().invoke(
        cli, ["ingest", str(src / "a.txt"), str(src / "c.txt"), "--db", url, "-q"]
    )
    assert again.exit_code == 0
    assert "0 new, 2 duplicate" in again.output
    code, out = run("failures", "--db", url)
    assert "d.txt" in out and "e.txt" in out
