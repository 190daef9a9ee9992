"""GET /api/articles/{id}?version=N: an earlier extraction stays readable over the API."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.records import ExtractionStamp
from newsledger.settings import Settings
from tests.serve.conftest import _article_kim


@pytest.fixture
def versioned(tmp_path: Path) -> Iterator[tuple[object, str]]:
    from fastapi.testclient import TestClient

    from newsledger.serve.app import ServeConfig, create_app

    url = f"sqlite:///{tmp_path / 'versions.db'}"
    ledger = Ledger.open(url, settings=Settings(db=url), fusion=FUSION)
    first = _article_kim()
    article_id = ledger.add(first, stamp=ExtractionStamp("0.0.9+rules.old")).article_id
    # the next extractor finds one event fewer
    second = dataclasses.replace(first, events=first.events[1:])
    assert (
        ledger.replace_extraction(
            article_id, second, stamp=ExtractionStamp("0.1.0+rules.new"), expected_version=1
        )
        == 2
    )
    with TestClient(create_app(ledger, ServeConfig()), raise_server_exceptions=False) as client:
        yield client, article_id
    ledger.close()


def test_api_versions_current_and_earlier_extractions(versioned) -> None:
    client, article_id = versioned
    now = client.get(f"/api/articles/{article_id}").json()
    old = client.get(f"/api/articles/{article_id}?version=1").json()
    assert len(old["record"]["events"]) == len(now["record"]["events"]) + 1
    assert old["record"]["text"] == now["record"]["text"]
    assert now["extraction"]["version"] == 2 and now["extraction"]["current"] is True
    assert old["extraction"] == {**old["extraction"], "version": 1, "current": False}
    assert [v["extractor_version"] for v in now["extraction"]["versions"]] == [
        "0.0.9+rules.old",
        "0.1.0+rules.new",
    ]
    assert old["entity_ids"] == {} and now["entity_ids"]


def test_api_versions_unknown_version_is_404_with_the_error_shape(versioned) -> None:
    client, article_id = versioned
    response = client.get(f"/api/articles/{article_id}?version=7")
    assert response.status_code == 404
    assert "has no extraction version 7 (it has 1, 2)" in response.json()["error"]["message"]
    assert client.get(f"/api/articles/{article_id}?version=0").status_code == 422
