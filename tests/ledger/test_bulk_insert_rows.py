"""insert_rows: a table's rows in one statement store what a row-by-row insert stores."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ledger_factory import postgres_url
from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import DBAPIError

from newsledger.fuse import FUSION
from newsledger.ledger import bulk
from newsledger.ledger import schema as t
from newsledger.ledger.bulk import RowBatch, insert_rows
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


# -- RowBatch -----------------------------------------------------------------------------


def _mention_rows(entity_id: int) -> list[dict[str, Any]]:
    return [
        {"article_id": "a1", "entity_id": entity_id, "span_start": s, "span_end": s + 4, "text": w}
        for s, w in [(0, "Vey's"), (10, "tab\tand \u00e9"), (20, 'say "no"')]
    ]


def _batched_article(conn: Connection) -> RowBatch:
    batch = RowBatch(conn)
    insert_rows(conn, t.entities, _entity_rows()[:1])
    entity_id = conn.execute(select(t.entities.c.id)).scalar_one()
    now = datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
    batch.add(
        t.articles,
        [
            {
                "id": "a1",
                "source_uri": "a1.txt",
                "format": "text",
                "content_hash": "h" * 64,
                "raw_hash": "h" * 64,
                "text": "Some words.",
                "record": "{}",
                "minhash": b"\x00\x01\xfe\xff",
                "ingested_at": now,
                "near_duplicate_similarity": 0.30000000000000004,
                "published": None,
            }
        ],
    )
    # rows referring to the article, added after it, go in the same statement
    batch.add(t.mentions, _mention_rows(entity_id))
    batch.add(
        t.entity_aliases,
        [{"entity_id": entity_id, "alias_key": "k", "alias": "K"}] * 2,
        ignore_conflicts=True,
    )
    return batch


def test_bulk_row_batch_stores_what_row_by_row_inserts_store(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        batch = _batched_article(conn)
        batch.flush()
        article = conn.execute(
            select(
                t.articles.c.minhash,
                t.articles.c.ingested_at,
                t.articles.c.near_duplicate_similarity,
                t.articles.c.published,
                t.articles.c.language,
            )
        ).one()
        mentions = conn.execute(
            select(t.mentions.c.id, t.mentions.c.span_start, t.mentions.c.text).order_by(
                t.mentions.c.id
            )
        ).all()
        aliases = conn.execute(select(t.entity_aliases.c.alias)).scalars().all()
    assert bytes(article.minhash) == b"\x00\x01\xfe\xff"
    assert article.ingested_at.replace(tzinfo=UTC) == datetime(
        2025, 3, 4, 5, 6, 7, 890123, tzinfo=UTC
    )
    assert article.near_duplicate_similarity == 0.30000000000000004
    assert article.published is None
    assert article.language == "en"  # a column left out takes its default, as insert() gives
    assert [(m.id, m.span_start, m.text) for m in mentions] == [
        (1, 0, "Vey's"),
        (2, 10, "tab\tand \u00e9"),
        (3, 20, 'say "no"'),
    ]
    assert aliases == ["K"]


def test_bulk_row_batch_waits_for_flush_on_postgresql_only(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        batch = _batched_article(conn)
        before = conn.execute(select(t.mentions.c.id)).all()
        batch.flush()
        after = conn.execute(select(t.mentions.c.id)).all()
        batch.flush()  # nothing left: a no-op
        again = conn.execute(select(t.mentions.c.id)).all()
    assert batch.deferred == (ledger.dialect == "postgresql")
    assert len(before) == (0 if batch.deferred else 3)
    assert len(after) == len(again) == 3


@pytest.mark.postgres
def test_bulk_row_batch_reserves_the_ids_an_insert_would_take() -> None:
    with postgres_url() as url, Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        with led.engine.begin() as conn:
            batch = _batched_article(conn)
            reserved = batch.reserve_ids(t.mentions, 2)
            batch.flush()
            insert_rows(conn, t.mentions, _mention_rows(1)[:1])
            ids = conn.execute(select(t.mentions.c.id).order_by(t.mentions.c.id)).scalars().all()
        assert reserved == [1, 2]
        assert batch.reserve_ids(t.mentions, 0) == []
        # the three batched mentions took the next values, and a later insert the one after
        assert ids == [3, 4, 5, 6]


def test_bulk_row_batch_names_a_value_it_cannot_send(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        batch = RowBatch(conn)
        if not batch.deferred:
            with pytest.raises(ValueError, match="PostgreSQL"):
                batch.reserve_ids(t.mentions, 1)
            return
        batch.add(t.entities, [{"name": object(), "name_key": "k", "type": "ORG"}])
        batch.add(t.entities, [{"name": "n", "name_key": "k2", "type": "ORG"}])
        with pytest.raises(TypeError, match="cannot send a object"):
            batch.flush()


@pytest.mark.postgres
def test_bulk_row_batch_stores_a_float_json_cannot_hold() -> None:
    # JSON has no NaN or infinity; they still reach a double precision column as themselves.
    with postgres_url() as url, Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        with led.engine.begin() as conn:
            batch = _batched_article(conn)
            batch.add(t.denials, [])  # nothing: skipped
            claims = [
                {
                    "article_id": "a1",
                    "position": i,
                    "text": "x",
                    "polarity": "positive",
                    "hedged": False,
                    "span_start": 0,
                    "span_end": 1,
                }
                for i in range(2)
            ]
            batch.add(t.claims, claims)
            batch.flush()
            ids = conn.execute(select(t.claims.c.id).order_by(t.claims.c.id)).scalars().all()
            batch.add(
                t.denials,
                [
                    {
                        "denial_claim_id": ids[0],
                        "denied_claim_id": ids[1],
                        "basis": "b",
                        "score": float("nan"),
                    },
                    {
                        "denial_claim_id": ids[1],
                        "denied_claim_id": ids[0],
                        "basis": "b",
                        "score": float("inf"),
                    },
                ],
            )
            batch.add(t.mentions, _mention_rows(1)[:1])
            batch.flush()
            scores = (
                conn.execute(select(t.denials.c.score).order_by(t.denials.c.denial_claim_id))
                .scalars()
                .all()
            )
        assert math.isnan(scores[0]) and scores[1] == float("inf")


@pytest.mark.postgres
def test_bulk_row_batch_sends_one_statement_whatever_tables_it_fills(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each combination of filled tables would be another statement for the server to parse
    # and plan; a batch sends every table met so far, empty where it has no rows.
    sent: list[str] = []
    real = bulk.driver_rows

    def spy(conn: Connection, sql: str, params: Any, **kwargs: Any) -> list[Any]:
        sent.append(sql)
        return real(conn, sql, params, **kwargs)

    monkeypatch.setattr(bulk, "driver_rows", spy)
    times = [
        {
            "article_id": "a1",
            "position": 0,
            "text": "Monday",
            "type": "DATE",
            "span_start": 0,
            "span_end": 6,
        }
    ]
    quotes = [{"article_id": "a1", "position": 0, "text": "no", "span_start": 7, "span_end": 9}]
    with (
        postgres_url() as url,
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led,
        led.engine.begin() as conn,
    ):
        _article(conn)
        insert_rows(conn, t.entities, _entity_rows()[:1])
        entity_id = conn.execute(select(t.entities.c.id)).scalar_one()
        rows = {"mentions": _mention_rows(entity_id)[:1], "times": times, "quotes": quotes}
        sent.clear()
        for parts in [
            ("mentions", "times"),
            ("times", "quotes"),
            ("mentions", "times"),
            ("quotes", "mentions"),
            ("times", "quotes", "mentions"),
        ]:
            batch = RowBatch(conn)
            for part in parts:
                batch.add(t.metadata.tables[part], rows[part])
            batch.flush()
        counts = [
            conn.execute(select(func.count()).select_from(t.metadata.tables[name])).scalar()
            for name in ("mentions", "times", "quotes")
        ]
    # once the three tables are met (second batch), every batch sends the same statement
    assert len(sent) == 5
    assert sent[1] == sent[2] == sent[3] == sent[4]
    assert counts == [4, 4, 3]
