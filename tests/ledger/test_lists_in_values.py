"""in_values: one statement for lists of any length; a value is compared whole."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Table, insert, select
from sqlalchemy.dialects import postgresql

from newsledger.ledger import schema as t
from newsledger.ledger.lists import in_values
from newsledger.ledger.store import Ledger


def _keys_query(dialect: str) -> Any:
    e = t.entities
    return select(e.c.name_key).where(in_values(e.c.name_key, "keys", dialect)).order_by(e.c.id)


def test_lists_in_values_finds_the_listed_values_whatever_their_number(ledger: Ledger) -> None:
    query = _keys_query(ledger.dialect)
    with ledger.engine.begin() as conn:
        conn.execute(
            insert(t.entities),
            [{"name": k, "name_key": k, "type": "ORG"} for k in ["alder", "vey", "lund"]],
        )
        one = conn.execute(query, {"keys": ["vey"]}).scalars().all()
        two = conn.execute(query, {"keys": ["lund", "alder", "none"]}).scalars().all()
        empty = conn.execute(query, {"keys": []}).scalars().all()
    assert one == ["vey"]
    assert two == ["alder", "lund"]
    assert empty == []


def test_lists_in_values_compares_a_long_value_whole(ledger: Ledger) -> None:
    # name_key is varchar(300): a 301-character value cut to the column's length would
    # equal the stored one.
    stored = "k" * 300
    query = _keys_query(ledger.dialect)
    with ledger.engine.begin() as conn:
        conn.execute(insert(t.entities), {"name": "n", "name_key": stored, "type": "ORG"})
        found = conn.execute(query, {"keys": [stored + "x"]}).scalars().all()
    assert found == []


def test_lists_in_values_is_one_array_parameter_on_postgresql() -> None:
    sql = str(_keys_query("postgresql").compile(dialect=postgresql.psycopg.dialect()))
    assert "= ANY (%(keys)s::TEXT[])" in sql


def test_lists_in_values_names_a_column_it_cannot_list() -> None:
    table: Table = t.articles
    with pytest.raises(TypeError, match="articles.minhash"):
        in_values(table.c.minhash, "x", "postgresql")
