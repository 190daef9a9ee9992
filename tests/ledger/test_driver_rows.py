"""driver.rows: statements built once, run on the driver's cursor in the caller's transaction."""

from __future__ import annotations

import pytest
from ledger_factory import missile_story, postgres_url
from sqlalchemy import bindparam, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from newsledger.fuse import FUSION
from newsledger.ledger import driver
from newsledger.ledger import schema as t
from newsledger.ledger.lists import in_values
from newsledger.ledger.store import Ledger
from newsledger.settings import Settings

_NAMES = (
    select(t.entities.c.id, t.entities.c.name)
    .where(t.entities.c.type == bindparam("type"))
    .order_by(t.entities.c.id)
    .limit(2)
)


def _add_entities(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(
            insert(t.entities),
            [{"name": n, "name_key": n.lower(), "type": "ORG"} for n in ["Alder", "Vey", "Lund"]],
        )


def test_driver_rows_match_what_sqlalchemy_gives(ledger: Ledger) -> None:
    _add_entities(ledger)
    keys = select(t.entities.c.name).where(in_values(t.entities.c.name_key, "keys", ledger.dialect))
    with ledger.connect() as conn:
        expected = [tuple(r) for r in conn.execute(_NAMES, {"type": "ORG"})]
        got = driver.rows(conn, _NAMES, {"type": "ORG"})  # the LIMIT is a bound literal
        named = driver.rows(conn, _NAMES, {"type": "ORG"}, named=True)
        listed = driver.rows(conn, keys, {"keys": ["lund", "vey", "none"]})
    assert [tuple(r) for r in got] == expected and len(expected) == 2
    assert [(r.id, r.name) for r in named] == expected
    assert sorted(name for (name,) in listed) == ["Lund", "Vey"]


def test_driver_rows_run_in_the_callers_transaction(ledger: Ledger) -> None:
    _add_entities(ledger)
    rename = t.entities.update().where(t.entities.c.name == "Vey").values(name="Veyla")
    with ledger.engine.connect() as conn:
        with conn.begin():
            driver.rows(conn, rename)
            assert [n for _, n in driver.rows(conn, _NAMES, {"type": "ORG"})] == ["Alder", "Veyla"]
            conn.rollback()
        assert [n for _, n in driver.rows(conn, _NAMES, {"type": "ORG"})] == ["Alder", "Vey"]


def test_driver_rows_raise_sqlalchemys_integrity_error(ledger: Ledger) -> None:
    # Ledger.add reads an IntegrityError as a text another writer stored first.
    _add_entities(ledger)
    again = insert(t.entities).values(name="Vey", name_key="vey", type="ORG")
    with ledger.engine.connect() as conn, pytest.raises(IntegrityError), conn.begin():
        driver.rows(conn, again)


@pytest.mark.postgres
def test_driver_rows_invalidate_a_connection_the_server_dropped() -> None:
    with postgres_url() as url, Ledger.open(url, settings=Settings(db=url)) as ledger:
        with ledger.engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            conn.rollback()
            with ledger.engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            with pytest.raises(OperationalError) as raised:
                driver.rows(conn, _NAMES, {"type": "ORG"})
            assert raised.value.connection_invalidated and conn.invalidated
        with ledger.engine.connect() as conn:  # the pool hands out a working connection
            assert driver.rows(conn, _NAMES, {"type": "ORG"}) == []


@pytest.mark.postgres
def test_driver_rows_stay_prepared_across_reads_between_articles() -> None:
    # psycopg deallocates every prepared statement of a connection at a rollback; a read
    # connection must not end in one, or each read between two articles (ingest looks up
    # stored inputs) makes the server parse and plan the write statements again.
    with (
        postgres_url() as url,
        Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger,
    ):
        ledger.add(missile_story())
        assert ledger.has_articles()  # a read after an article
        with ledger.engine.connect() as conn:  # the pool's one connection, as the writer left it
            prepared = conn.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar()
    assert prepared and prepared >= 5
