"""`newsledger ingest` of a multi-story file: every story its own article with its own date."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from newsledger.cli import cli
from newsledger.fuse import FUSION
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.settings import Settings

SGM = Path(__file__).resolve().parents[1] / "ingest" / "fixtures" / "three_stories.sgm"


def test_ingest_cmd_reuters_sgml_stores_each_story(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sgm.db'}"
    result = CliRunner().invoke(cli, ["ingest", str(SGM), "--db", url, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output
    with (
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger,
        ledger.connect() as conn,
    ):
        rows = conn.execute(
            select(t.articles.c.source_uri, t.articles.c.headline, t.articles.c.published).order_by(
                t.articles.c.published
            )
        ).all()
    assert [(r.source_uri.rsplit("#", 1)[1], r.published) for r in rows] == [
        ("NEWID=901", "1987-03-03"),
        ("NEWID=903", "1987-04-11"),
    ]
    assert rows[1].headline == "DOCK STRIKE HALTS SHIPPING AT PORT OF ZENDA"
