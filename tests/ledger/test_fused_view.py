"""One fused event from every article that reports it: library, API, page and command."""

from __future__ import annotations

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
from newsledger.ledger.store import Ledger  # noqa: E402
from newsledger.pipeline import fused_event  # noqa: E402
from newsledger.settings import Settings  # noqa: E402


def _report(outlet: str, text: str, trigger: str, modality: str = "actual"):
    rec = article(text, outlet=outlet, published="2026-06-02")
    entity(rec, "Ostrava", "GPE", "Ostravan")
    entity(rec, "Valdoria", "GPE")
    ev = event(
        rec, "ATTACK", trigger, actor="Ostrava", target="Valdoria", when="2026-06-01",
        modality=modality,
    )  # fmt: skip
    ev.sentence_span = (0, len(text))  # each test article is one sentence
    return rec


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'fused.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        ledger.add(
            _report("Wire", "Ostravan drones struck Valdoria, killing four soldiers.", "struck")
        )
        ledger.add(
            _report("Post", "Ostrava shelled Valdoria overnight; six soldiers died.", "shelled")
        )
        ledger.add(
            _report(
                "Daily", "Ostrava said it never attacked Valdoria this week.", "attacked", "negated"
            )
        )
        rows = queries.events(ledger, type="ATTACK").rows
        fused_ids = {r.fused_event_id for r in rows}
    assert len(fused_ids) == 1
    return url, fused_ids.pop()


def test_fused_event_lists_every_report_and_the_disagreements(db) -> None:
    url, fid = db
    with Ledger.open(url, fusion=FUSION) as ledger:
        view = fused_event(ledger, fid)
        assert fused_event(ledger, fid + 1000) is None
    assert view is not None
    data = view.to_dict()
    assert data["outlets"] == ["Daily", "Post", "Wire"] and data["article_count"] == 3
    assert [r["outlet"] for r in data["reports"]] == ["Wire", "Post", "Daily"]
    assert data["reports"][0]["evidence"].startswith("Ostravan drones struck Valdoria")
    kinds = {c["kind"]: c["detail"] for c in data["contradictions"]}
    assert kinds["count"] == "soldier: 4 (Wire), 6 (Post)"
    assert "negated in Daily" in kinds["modality"]


def test_fused_event_api_page_and_command(db) -> None:
    from fastapi.testclient import TestClient

    from newsledger.serve.app import ServeConfig, create_app

    url, fid = db
    with (
        Ledger.open(url, fusion=FUSION) as ledger,
        TestClient(create_app(ledger, ServeConfig(settings=Settings(db=url)))) as client,
    ):
        api = client.get(f"/api/fused/{fid}")
        assert api.status_code == 200 and len(api.json()["reports"]) == 3
        assert client.get("/api/fused/99999").status_code == 404
        assert client.get("/api/fused/99999999999999999999999").status_code in (404, 422)
        page = client.get(f"/fused/{fid}")
        assert page.status_code == 200
        assert "Where the reports disagree" in page.text and "soldier: 4 (Wire)" in page.text
        timeline = client.get("/", params={"min_confidence": "0"})
        assert f"/fused/{fid}" in timeline.text  # the outlet count links to the fused view
    runner = CliRunner()
    pretty = runner.invoke(cli, ["fused", str(fid), "--db", url])
    assert pretty.exit_code == 0, pretty.output
    assert "reported by 3 article(s)" in pretty.output
    assert "disagreement (count): soldier: 4 (Wire), 6 (Post)" in pretty.output
    as_json = runner.invoke(cli, ["fused", str(fid), "--format", "json", "--db", url])
    assert json.loads(as_json.output)["id"] == fid
    missing = runner.invoke(cli, ["fused", "4242", "--db", url])
    assert missing.exit_code == 1 and "no fused event 4242" in missing.output
