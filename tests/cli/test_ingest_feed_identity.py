"""Feed items: different titles or links are different articles, even with the same summary."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from newsledger.cli import cli
from newsledger.fuse import FUSION
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.settings import Settings
from tests.ingest.conftest import rss_feed

# One summary shared by every item, as a newsletter feed does (written for this test).
SUMMARY = (
    "Here is what you need to know today. Ministers from the coastal states met in Valmora on "
    "Sunday to discuss fishing quotas, and the regional council approved a new ferry route."
)


def _ingest(path: Path, url: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", url, "--quiet"])
    return result.exit_code, result.output


def test_ingest_cmd_feed_items_with_the_same_summary_are_kept_apart(tmp_path: Path) -> None:
    items = [
        {"title": "Quotas, ferries: Your Sunday Briefing", "summary": SUMMARY},
        {"title": "Storms, elections: Your Monday Briefing", "summary": SUMMARY},
        {"title": "Budgets, bridges: Your Tuesday Briefing", "summary": SUMMARY},
        {"title": "Quotas, ferries: Your Sunday Briefing", "summary": SUMMARY},  # exact copy
    ]
    path = tmp_path / "briefings.rss"
    path.write_text(rss_feed(items), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'feed.db'}"
    code, out = _ingest(path, url)
    assert code == 0, out
    assert "1 duplicate" in out
    with (
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger,
        ledger.connect() as conn,
    ):
        headlines = conn.execute(select(t.articles.c.headline).order_by(t.articles.c.headline))
        assert [h for (h,) in headlines] == sorted({i["title"] for i in items})
    # a second run of the same feed stores nothing more
    code, out = _ingest(path, url)
    assert code == 0 and "4 duplicate" in out
    with (
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger,
        ledger.connect() as conn,
    ):
        assert conn.execute(select(func.count()).select_from(t.articles)).scalar() == 3
