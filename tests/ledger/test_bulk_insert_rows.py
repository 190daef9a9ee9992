"""insert_rows: a table's rows in one statement store what a row-by-row insert stores."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ledger_factory import postgres_url
from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import DBAPIError

from newsledger.fuse import FUSION
from newsledger.ledger import schema as t
from newsledger.ledger.bulk import insert_rows
from newsledger.ledger.store import Ledger
from newsledger.settings import Settings

_NAMES = ["Port Alder", "Ms. Vey", None, "the \u00e9tang council", "O'Brien \\ co"]


def _article(conn: Connection, article_id: str = "a1") -> None:
    conn.execute(
        insert(t.articles),
        {
            "id": article_id,
            "source_uri": f"{article_id}.txt",
            "format": "text",
            "content_hash": article_id * 8,
            "raw_hash": article_id * 8,
            "text": "Some words.",
            "record": "{}",
            "minhash": b"\x00\x01",
            "ingested_at": datetime(2025, 1, 1, tzinfo=UTC),
        },
    )


def _entity_rows() -> list[dict[str, Any]]:
    return [
        {"name": name or "x", "name_key": (name or "x").lower(), "type": "ORG", "weapon_class": w}
        for name, w in zip(_NAMES, [None, "rifle", None, None, None], strict=True)
    ]


def test_bulk_insert_rows_stores_every_value_in_order(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        _article(conn)
        insert_rows(conn, t.entities, _entity_rows())
        entity_ids = list(conn.execute(select(t.entities.c.id).order_by(t.entities.c.id)).scalars())
        rows = [
            {
                "article_id": "a1",
                "position": i,
                "text": text_,
                "polarity": polarity,
                "hedged": hedged,
                "cue": None,
                "denies_position": denies,
                "span_start": i * 10,
                "span_end": i * 10 + 5,
                "published": "2025-01-0" + str(i + 1),
                "outlet": None if i else "Wire",
            }
            for i, (text_, polarity, hedged, denies) in enumerate(
                [("It rained.", "positive", False, None), ("It did not.", "negative", True, 0)]
            )
        ]
        insert_rows(conn, t.claims, rows)
        stored = conn.execute(
            select(*[t.claims.c[k] for k in rows[0]]).order_by(t.claims.c.id)
        ).all()
        names = conn.execute(
            select(t.entities.c.name, t.entities.c.weapon_class).order_by(t.entities.c.id)
        ).all()
    assert [tuple(r.values()) for r in rows] == [tuple(s) for s in stored]
    assert entity_ids == sorted(entity_ids) and len(entity_ids) == len(_NAMES)
    assert [n for n, _ in names] == [name or "x" for name in _NAMES]
    assert [w for _, w in names] == [None, "rifle", None, None, None]


def test_bulk_insert_rows_ignores_conflicts_when_asked(ledger: Ledger) -> None:
    rows = _entity_rows()
    with ledger.engine.begin() as conn:
        insert_rows(conn, t.entities, rows[:2])
        # the same keys again, and one key twice in the same call
        insert_rows(conn, t.entities, [*rows, rows[4]], ignore_conflicts=True)
        keys = list(conn.execute(select(t.entities.c.name_key).order_by(t.entities.c.id)).scalars())
    assert keys == [r["name_key"] for r in rows]


def test_bulk_insert_rows_without_ignoring_refuses_a_conflict(ledger: Ledger) -> None:
    rows = _entity_rows()
    with pytest.raises(DBAPIError), ledger.engine.begin() as conn:
        insert_rows(conn, t.entities, [rows[0], rows[0]])


@pytest.mark.postgres
def test_bulk_insert_rows_returns_values_in_row_order() -> None:
    with postgres_url() as url, Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        with led.engine.begin() as conn:
            got = insert_rows(conn, t.entities, _entity_rows(), returning=("name_key", "id"))
        assert [k for k, _ in got] == [r["name_key"] for r in _entity_rows()]
        assert [i for _, i in got] == sorted(i for _, i in got)


def test_bulk_insert_rows_refuses_a_value_too_long_for_its_column(ledger: Ledger) -> None:
    # An array cast to varchar(n)[] would cut it short; the column's own check must refuse it
    # (SQLite does not enforce lengths, so it only stores it whole there).
    row = {"name": "n" * 301, "name_key": "k", "type": "ORG", "weapon_class": None}
    if ledger.dialect == "postgresql":
        with pytest.raises(DBAPIError), ledger.engine.begin() as conn:
            insert_rows(conn, t.entities, [row])
    else:
        with ledger.engine.begin() as conn:
            insert_rows(conn, t.entities, [row])
            assert conn.execute(select(t.entities.c.name)).scalar() == "n" * 301


def test_bulk_insert_rows_returning_is_refused_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    with Ledger.open(url, settings=Settings(db=url)) as led, led.engine.begin() as conn:
        with pytest.raises(ValueError, match="PostgreSQL only"):
            insert_rows(conn, t.entities, _entity_rows(), returning=("id",))
        assert insert_rows(conn, t.entities, []) == []
