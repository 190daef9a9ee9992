"""Confidence floors and readable dates in every read of events (issue #11, parts 3 and 4)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_factory import article, entity, event  # noqa: E402

from newsledger.cli import cli  # noqa: E402
from newsledger.fuse import FUSION
from newsledger.ledger import queries  # noqa: E402
from newsledger.ledger.export import export  # noqa: E402
from newsledger.ledger.store import Ledger  # noqa: E402
from newsledger.records import time_label  # noqa: E402
from newsledger.settings import Settings  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'conf.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        rec = article(
            "Valdoria test-fired a rocket on Monday. Officials said Valdoria had tested others "
            "before and would test more. Ostrava shelled a border post.",
            outlet="Wire",
            published="2031-04-02",
        )
        entity(rec, "Valdoria", "GPE")
        entity(rec, "Ostrava", "GPE")
        sure = event(rec, "WEAPONS_TEST", "test-fired", actor="Valdoria", when="2031-03-31")
        sure.confidence = 0.92
        earlier = event(rec, "WEAPONS_TEST", "tested", actor="Valdoria", when="PAST_REF")
        earlier.confidence = 0.55
        coming = event(rec, "WEAPONS_TEST", "test", actor="Valdoria", when="FUTURE_REF")
        coming.confidence = 0.6
        event(rec, "ATTACK", "shelled", actor="Ostrava")  # stored before confidence: None
        ledger.add(rec)
    return url


def test_time_label_says_vague_references_in_words() -> None:
    assert [time_label(v) for v in ("PAST_REF", "PRESENT_REF", "FUTURE_REF")] == [
        "earlier",
        "now",
        "coming",
    ]
    assert time_label("2031-W14") == "2031-W14" and time_label(None) is None


def test_min_confidence_hides_less_sure_events_and_keeps_unscored_ones(db: str) -> None:
    with Ledger.open(db, fusion=FUSION) as ledger:
        every = queries.events(ledger).rows
        sure = queries.events(ledger, queries.EventFilters(min_confidence=0.8)).rows
    assert len(every) == 4
    assert sorted(r.trigger for r in sure) == ["shelled", "test-fired"]
    assert {r.trigger: r.confidence for r in every}["tested"] == 0.55
    assert {r.date for r in every} >= {"earlier", "coming"}


def test_min_confidence_out_of_range_is_a_clear_error(db: str) -> None:
    from newsledger.errors import LedgerError

    with (
        Ledger.open(db, fusion=FUSION) as ledger,
        pytest.raises(LedgerError, match="between 0 and 1"),
    ):
        queries.events(ledger, queries.EventFilters(min_confidence=1.5))


def test_cli_events_and_timeline_apply_the_default_floor(db: str, monkeypatch) -> None:
    monkeypatch.setenv("NEWSLEDGER_CONFIG", "/nonexistent")
    monkeypatch.setenv("NEWSLEDGER_MIN_CONFIDENCE", "0.8")
    runner = CliRunner()
    shown = runner.invoke(cli, ["events", "--format", "json", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert sorted(r["trigger"] for r in json.loads(shown.output)["rows"]) == [
        "shelled",
        "test-fired",
    ]
    every = runner.invoke(cli, ["timeline", "--min-confidence", "0", "--db", db])
    assert every.exit_code == 0
    assert "PAST_REF" not in every.output and "FUTURE_REF" not in every.output
    assert "(when: earlier)" in every.output and "(when: coming)" in every.output
    bad = runner.invoke(cli, ["events", "--min-confidence", "2", "--db", db])
    assert bad.exit_code == 2


def test_exports_label_dates_and_take_the_floor(db: str) -> None:
    with Ledger.open(db, fusion=FUSION) as ledger:
        out = io.StringIO()
        assert export(ledger, "csv", out) == 4
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert {r["date_value"] for r in rows} >= {"earlier", "coming"}
        assert "PAST_REF" not in out.getvalue()
        assert {r["trigger"]: r["confidence"] for r in rows}["test-fired"] == "0.92"
        out = io.StringIO()
        assert export(ledger, "csv", out, min_confidence=0.8) == 2


def test_api_and_page_apply_the_floor_and_show_low_confidence_on_request(db: str) -> None:
    from fastapi.testclient import TestClient

    from newsledger.serve.app import ServeConfig, create_app

    with Ledger.open(db, fusion=FUSION) as ledger:
        app = create_app(ledger, ServeConfig(settings=Settings(db=db, min_confidence=0.8)))
        with TestClient(app) as client:
            api = client.get("/api/events").json()
            assert sorted(i["trigger"] for i in api["items"]) == ["shelled", "test-fired"]
            every = client.get("/api/events", params={"min_confidence": 0}).json()
            assert len(every["items"]) == 4
            assert "PAST_REF" not in json.dumps(every)
            assert client.get("/api/events", params={"min_confidence": 3}).status_code == 422
            page = client.get("/")
            assert "Show low-confidence events" in page.text and "are hidden" in page.text
            assert "0.92" in page.text and "0.55" not in page.text
            low = client.get("/", params={"min_confidence": "0"})
            assert "are hidden" not in low.text and "0.55" in low.text
            assert client.get("/", params={"min_confidence": "x"}).status_code == 422
