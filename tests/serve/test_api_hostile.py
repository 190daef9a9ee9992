"""Every hostile input (tests/fixtures/hostile/) ingested, then every endpoint, on both backends."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.pipeline import ingest
from newsledger.records import date_out_of_range, latest_date
from newsledger.serve.app import ServeConfig, create_app
from newsledger.settings import Settings
from tests.fixtures.hostile import ESC, NUL, hostile_tree, loop_names
from tests.serve.api_walk import assert_readable, walk

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))
from ledger_factory import postgres_url  # noqa: E402


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def hostile_ledger(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Ledger, object]]:
    folder = tmp_path_factory.mktemp("hostile-api")
    tree = hostile_tree(folder)
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{folder / 'h.db'}"
        else:
            url = stack.enter_context(postgres_url())
        settings = Settings(db=url)
        ledger = stack.enter_context(Ledger.open(url, settings=settings, fusion=FUSION))
        yield ledger, ingest(ledger, [str(tree)], settings=settings)


@pytest.fixture(scope="module")
def client(hostile_ledger: tuple[Ledger, object]) -> Iterator[TestClient]:
    ledger, _summary = hostile_ledger
    with TestClient(create_app(ledger, ServeConfig()), raise_server_exceptions=False) as c:
        yield c


def test_api_hostile_every_input_is_stored_or_a_failure(hostile_ledger) -> None:
    _ledger, summary = hostile_ledger
    failed = {Path(source).name for source, _reason in summary.failures}
    assert set(loop_names()) <= failed
    assert summary.new >= 12, summary  # the JSON lines, feed items, the page and the odd name


def test_api_hostile_every_endpoint_answers_without_a_server_error(
    client: TestClient, hostile_ledger
) -> None:
    ledger, _summary = hostile_ledger
    visited = walk(client, ledger)
    assert len(visited) > 40


def test_api_hostile_everything_stored_reads_back(client: TestClient, hostile_ledger) -> None:
    ledger, _summary = hostile_ledger
    assert_readable(client, ledger)


def test_api_hostile_no_nul_and_no_date_outside_the_range(client: TestClient) -> None:
    last = latest_date().isoformat()
    for bucket in ("day", "week", "month"):
        timeline = client.get("/api/timeline", params={"bucket": bucket}).json()
        assert all("1800-01-01" <= b["since"] <= last for b in timeline["buckets"])
    articles = client.get("/api/articles", params={"limit": 500}).json()["items"]
    for item in articles:
        record = client.get(f"/api/articles/{item['id']}").json()["record"]
        assert NUL not in str(record)
        values = [record["published"], *(tx["value"] for tx in record["times"])]
        values += [e["time"]["value"] for e in record["events"] if e["time"]]
        assert not any(date_out_of_range(v) for v in values), values


def test_api_hostile_escapes_are_stored_as_they_came(client: TestClient) -> None:
    # Stored text keeps what the article said; displays escape it (JSON here, HTML on pages).
    hits = client.get("/api/search", params={"q": "tram"}).json()["articles"]
    headlines = [h["headline"] or "" for h in hits]
    assert any(ESC in h for h in headlines), headlines
