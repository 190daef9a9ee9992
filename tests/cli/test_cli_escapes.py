"""Stored control characters reach the terminal escaped (\\x1b, \\n), in every command's output."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))

from ledger_factory import article, claim, entity, event, quote  # noqa: E402

from newsledger.cli import cli  # noqa: E402
from newsledger.cli.terminal import block, block_with_offsets, inline  # noqa: E402
from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger  # noqa: E402
from newsledger.settings import Settings  # noqa: E402
from tests.fixtures.hostile import FORMULA_STARTS, HOSTILE_NAME, cases  # noqa: E402

# Anything a terminal acts on: C0 but newline, DEL, C1, bidi controls, line separators.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
TITLE = cases()["terminal_escapes"]["title"]  # sets the window title, then clears the screen
OUTLET = cases()["terminal_escapes"]["outlet"]
FORMULA = cases()["formula"]["title"]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'esc.db'}"
    body = (
        "Estra\x1b[2J forces fired rockets\x9b at a depot near Brennick on Friday, "
        "officials said.\u202e The council said \x1b]0;owned\x07 the depot was empty."
    )
    rec = article(body, outlet=OUTLET, headline=TITLE, uri="feed\x1b[31m.xml#item-1")
    entity(rec, "Estra\x1b[2J", "GPE")
    entity(rec, "Brennick", "GPE")
    quote(rec, "the depot was empty", "Brennick")
    claim(rec, "\x1b]0;owned\x07 the depot was empty", "Brennick")
    event(rec, "ATTACK", "fired", actor="Estra\x1b[2J", obj="rockets\x9b", when="2025-12-26")
    formula = article(
        "Brennick officials met on Monday to discuss the depot, the mayor said.",
        outlet="@Wire",
        headline=FORMULA,
    )
    entity(formula, "Brennick", "GPE")
    event(formula, "MEET", "met", actor="Brennick", obj="-2+3 depot", when="2025-12-22")
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        ledger.add(rec)
        ledger.add(formula)
        ledger.add_failure(f"/tmp/{HOSTILE_NAME}", "reason with \x1b[2J and\nforged: line")
    return url


def run(*args: str) -> str:
    # wide enough that rich does not fold a table cell in the middle of an escape
    result = CliRunner(env={"COLUMNS": "300"}).invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _record_id(db: str) -> str:
    return json.loads(run("events", "--db", db, "--format", "json", "--actor", "Estra\x1b[2J"))[
        "rows"
    ][0]["article_id"]


@pytest.mark.parametrize(
    "args",
    [
        ["events"],
        ["timeline"],
        ["claims", "--source", "Brennick"],
        ["entity", "Brennick"],
        ["search", "depot"],
        ["failures"],
    ],
    ids=lambda a: a[0],
)
def test_cli_escapes_no_raw_control_character_reaches_the_terminal(
    db: str, args: list[str]
) -> None:
    out = run(*args, "--db", db)
    if out.startswith("date\ttype\t"):
        # captured, `events` prints TSV: the tabs are its separators, the values are escaped
        out = out.replace("\t", " | ")
    assert not RAW_CONTROL.search(out), repr(out)
    assert "\\x1b" in out or "\\u202e" in out, out


def test_cli_escapes_show_escapes_body_and_keeps_highlights(db: str) -> None:
    out = run("show", _record_id(db), "--db", db)
    assert not RAW_CONTROL.search(out), repr(out)
    assert "\\x1b]0;pwned\\x07Council\\x1b[2J vote" in out  # the headline
    assert "Estra\\x1b[2J forces fired rockets\\x9b" in out  # the body
    assert "\\u202e" in out


def test_cli_escapes_failures_are_one_line_each(db: str) -> None:
    out = run("failures", "--db", db)
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    assert "title\\x1b]0;pwned\\x07\\nforged: line.txt" in lines[0]
    assert "\\nforged: line" in lines[0]


def test_cli_escapes_json_output_stays_exact(db: str) -> None:
    # JSON escapes control characters itself; the data must come out unchanged.
    rows = json.loads(run("events", "--db", db, "--format", "json"))["rows"]
    assert any(r["actor"] == "Estra\x1b[2J" for r in rows)


def test_cli_escapes_events_csv_cells_are_not_formulas(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv"))))
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), row
    assert any(r["headline"] == "'" + FORMULA for r in rows)
    assert any(r["object"] == "'-2+3 depot" for r in rows)


def test_cli_escapes_helpers() -> None:
    assert inline("a\x1b[2Jb\nc\td\u202e") == "a\\x1b[2Jb\\nc\\td\\u202e"
    assert block("one\ntwo\x07") == "one\ntwo\\x07"
    assert inline("plain café — 東京 👍") == "plain café — 東京 👍"
    shown, offsets = block_with_offsets("a\x1bb\nc")
    assert shown == "a\\x1bb\nc"
    assert [shown[offsets[i]] for i in (0, 2, 3, 4)] == ["a", "b", "\n", "c"]
    assert offsets[-1] == len(shown)


def test_cli_escapes_extract_pretty_and_its_errors(tmp_path: Path) -> None:
    good = tmp_path / "story.txt"
    good.write_text(
        "Estra\x1b[2J officials said on Monday that the port would reopen next week.\n\n"
        "The harbour master said ships waiting offshore would be let in first, and that the "
        "night shifts would resume once the cranes had been inspected.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty\x1b]0;pwned\x07.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(good), str(empty), "--format", "pretty"])
    assert result.exit_code == 1  # the empty file failed
    assert not RAW_CONTROL.search(result.output), repr(result.output)
    assert "Estra\\x1b[2J" in result.output and "empty\\x1b]0;pwned\\x07.txt" in result.output
