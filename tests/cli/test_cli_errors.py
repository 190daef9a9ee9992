"""Errors every command shares: one line on stderr and exit code 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli

COMMANDS = (
    ["events"],
    ["timeline"],
    ["claims", "--denials"],
    ["failures"],
    ["search", "kim"],
    ["show", "abc"],
    ["export", "--format", "csv"],
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_cli_errors_corrupt_database_is_one_line(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "ledger.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    result = CliRunner().invoke(cli, [*command, "--db", f"sqlite:///{path}"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].endswith("not a NewsLedger database (file is not a database)")


@pytest.mark.parametrize("command", [["events"], ["extract", "-"]], ids=lambda c: c[0])
def test_cli_errors_negative_max_input_bytes_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("NEWSLEDGER_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("NEWSLEDGER_MAX_INPUT_BYTES", "-5")
    result = CliRunner().invoke(
        cli,
        [*command, *(["--db", f"sqlite:///{tmp_path / 'x.db'}"] if command[0] == "events" else [])],
        input="The council met on Monday.",
    )
    assert result.exit_code == 1
    assert "max_input_bytes must be at least 1" in result.output
    assert "Traceback" not in result.output
