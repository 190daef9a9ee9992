"""No invented dates: an undated article stays undated, with a warning; ingest never re-dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from newsledger.cli import cli
from newsledger.fuse import FUSION
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.settings import Settings

# Written for this test: a dateline with a month and day but no year, and no metadata.
UNDATED = (
    "VALMORA, March 3 (Wire) - North Korea fired two ballistic missiles into the sea on Tuesday, "
    "the coastguard said.\n"
)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_ingest_cmd_undated_article_is_not_dated_today(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'undated.db'}"
    code, out = _run("ingest", str(path), "--db", url, "-q")
    assert code == 0, out
    assert "1 new" in out and "1 warning(s)" in out
    assert "no publication date" in out and "reextract --reference-date" in out
    today = datetime.now(UTC).date().isoformat()
    with (
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger,
        ledger.connect() as conn,
    ):
        (published,) = conn.execute(select(t.articles.c.published)).one()
        days = set(conn.execute(select(t.events.c.sort_date)).scalars())
        claim_days = set(conn.execute(select(t.claims.c.published)).scalars())
        stages = list(conn.execute(select(t.ingest_failures.c.stage)).scalars())
    assert published is None
    assert days == {""} and today not in claim_days
    assert stages == ["warning"]


def test_ingest_cmd_stored_article_with_other_options_points_to_reextract(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'again.db'}"
    assert _run("ingest", str(path), "--db", url, "-q")[0] == 0
    code, out = _run("ingest", str(path), "--db", url, "-q", "--reference-date", "2024-03-05")
    assert code == 0 and "1 duplicate" in out
    assert "already stored with other extraction options" in out
    assert "reference date none (this run: 2024-03-05)" in out and "newsledger reextract" in out
    # ingest changed nothing; reextract with the date does
    code, out = _run("reextract", "--db", url, "-q", "--reference-date", "2024-03-05")
    assert code == 0 and "re-extracted 1 article(s)" in out
    with (
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger,
        ledger.connect() as conn,
    ):
        (published,) = conn.execute(select(t.articles.c.published)).one()
        days = set(conn.execute(select(t.events.c.sort_date)).scalars())
    assert published is not None and published.startswith("2024-03-")  # dated now
    assert "" not in days and days
