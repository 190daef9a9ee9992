"""A ledger made by the previous release migrates (Alembic) and re-extracts, keeping its past."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from newsledger.cli import cli
from newsledger.extract.version import extractor_version
from newsledger.fuse import FUSION
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.ledger.versions import article_versions, extractor_counts, record_at
from newsledger.settings import Settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "release_0_1_0.db.gz"


@pytest.fixture
def old_ledger(tmp_path: Path) -> str:
    path = tmp_path / "old.db"
    with gzip.open(FIXTURE, "rb") as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return f"sqlite:///{path}"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_versions_previous_release_migrates_and_reports_unrecorded(old_ledger: str) -> None:
    with Ledger.open(old_ledger, settings=Settings(db=old_ledger), fusion=FUSION) as ledger:
        with ledger.connect() as conn:
            head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            n = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
        assert head == "0005" and n == 8
        assert extractor_counts(ledger) == [(None, 8)]
        some = ledger_ids(ledger)[0]
        assert [v.version for v in article_versions(ledger, some)] == [1]
    code, out = _run("status", "--db", old_ledger)
    assert code == 0
    assert "8  unrecorded (stored before extractor versions were kept)" in out
    assert "8 article(s) made by another extractor version" in out


def ledger_ids(ledger: Ledger) -> list[str]:
    with ledger.connect() as conn:
        return list(conn.execute(select(t.articles.c.id).order_by(t.articles.c.id)).scalars())


@pytest.mark.slow
def test_versions_previous_release_reextracts_and_keeps_version_one(old_ledger: str) -> None:
    with Ledger.open(old_ledger, settings=Settings(db=old_ledger), fusion=FUSION) as ledger:
        ids = ledger_ids(ledger)
        before = {i: record_at(ledger, i) for i in ids}
    code, out = _run("reextract", "--db", old_ledger, "--quiet")
    assert code == 0, out
    assert "re-extracted 8 article(s)" in out
    with Ledger.open(old_ledger, settings=Settings(db=old_ledger), fusion=FUSION) as ledger:
        assert extractor_counts(ledger) == [(extractor_version(), 8)]
        for article_id in ids:
            versions = article_versions(ledger, article_id)
            assert [(v.version, v.current) for v in versions] == [(1, False), (2, True)]
            assert versions[0].extractor_version is None
            # version 1 reads back exactly as the previous release stored it
            old = record_at(ledger, article_id, 1)
            assert old.to_dict() == before[article_id].to_dict()
            new = record_at(ledger, article_id)
            assert new.text == old.text  # re-extracted from the stored text
        with ledger.connect() as conn:
            stored_events = conn.execute(select(func.count()).select_from(t.events)).scalar_one()
            fts = conn.execute(text("SELECT count(*) FROM articles_fts")).scalar_one()
        current_events = sum(len(record_at(ledger, i).events) for i in ids)
        assert stored_events == current_events and fts == 8
    code, out = _run("reextract", "--db", old_ledger)
    assert code == 0 and "nothing to re-extract" in out
    code, out = _run("diff", ids[0][:8], "--db", old_ledger, "--format", "json")
    assert code == 0
    assert (json.loads(out)["from"], json.loads(out)["to"]) == (1, 2)
