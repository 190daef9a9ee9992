"""Timelines over a ledger holding dates of year 1 and 9999 (stored before dates were checked).

No such date can be stored any more, but a ledger written before may hold them: the pages and
the API must still answer, quickly and small.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from newsledger.fuse import FUSION
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.serve.app import ServeConfig, create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))
from ledger_factory import denial_story, missile_story  # noqa: E402

MAX_BUCKETS = 2000  # far below the 3.6 million days between year 1 and 9999


@pytest.fixture
def old_ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Ledger.open(f"sqlite:///{tmp_path / 'old.db'}", fusion=FUSION) as ledger:
        ledger.add(missile_story())
        ledger.add(denial_story())
        ledger.add(missile_story(outlet="Mirror", published="2025-12-20", extra="Third copy."))
        ev = t.events
        with ledger.engine.begin() as conn:
            ids = conn.execute(select(ev.c.id).order_by(ev.c.id)).scalars().all()
            for event_id, day in zip(ids, ("9999-12-31", "0001-01-01"), strict=False):
                conn.execute(
                    update(ev)
                    .where(ev.c.id == event_id)
                    .values(sort_date=day, date_value=day, date_start=day, date_end=day)
                )
        yield ledger


@pytest.fixture
def client(old_ledger: Ledger) -> Iterator[TestClient]:
    with TestClient(create_app(old_ledger, ServeConfig()), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_timeline_hostile_api_buckets_stay_few(client: TestClient, bucket: str) -> None:
    response = client.get("/api/timeline", params={"bucket": bucket})
    assert response.status_code == 200, response.text[:300]
    buckets = response.json()["buckets"]
    assert 2 <= len(buckets) <= MAX_BUCKETS
    assert len(response.content) < 1_000_000
    assert buckets[0]["since"].startswith("0001") and buckets[-1]["until"].startswith("9999")
    assert sum(b["total"] for b in buckets) == sum(
        e["total"]
        for e in client.get("/api/timeline", params={"bucket": "month"}).json()["buckets"]
    )


@pytest.mark.parametrize("url", ["/", "/?bucket=day", "/?bucket=week", "/?bucket=month"])
def test_timeline_hostile_pages_answer(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == 200, response.text[:300]
    assert len(response.content) < 2_000_000


def test_timeline_hostile_entity_pages_answer(client: TestClient) -> None:
    entities = client.get("/api/entities").json()["items"]
    assert entities
    for item in entities:
        assert client.get(f"/entities/{item['id']}").status_code == 200
        assert client.get(f"/api/entities/{item['id']}").status_code == 200
        assert client.get(f"/api/entities/{item['id']}/events").status_code == 200


def test_timeline_hostile_undated_events_stay_off_the_charts(tmp_path: Path) -> None:
    # An article without any date stores its events undated (sort_date ""), found by the fuzz test.
    from ledger_factory import article, entity, event

    from newsledger.ledger import queries

    rec = article("Estra fired rockets at Brennick, officials said.", published="")
    rec.published, rec.dateline = None, None
    entity(rec, "Estra", "GPE")
    event(rec, "ATTACK", "fired", actor="Estra", obj="rockets")
    with Ledger.open(f"sqlite:///{tmp_path / 'undated.db'}", fusion=FUSION) as ledger:
        ledger.add(rec)
        assert queries.timeline_buckets(ledger) == ("day", [])
        with TestClient(create_app(ledger, ServeConfig()), raise_server_exceptions=False) as c:
            (item,) = c.get("/api/entities").json()["items"]
            assert c.get(f"/entities/{item['id']}").status_code == 200
            assert c.get("/api/timeline").status_code == 200
