"""An article's rows of one table in one statement.

SQLite runs in this process, so an ``executemany`` of the rows costs little. PostgreSQL does
not: psycopg's ``executemany`` sends one Bind and Execute per row, each parsed, dispatched and
executed by the server apart (an article has about a hundred rows). On PostgreSQL the rows of
a table go instead as one array per column in a single ``INSERT ... SELECT FROM unnest(...)``,
whose text is the same for every article of a run, so psycopg prepares it once.

The arrays are cast to the columns' base types (``text[]``, not ``varchar(300)[]``): an
explicit cast to ``varchar(n)`` would cut a longer value short, while the INSERT's own
assignment to the column still refuses it, as a row-by-row insert does.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    String,
    Table,
    insert,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

__all__ = ["insert_rows"]

# Checked in order: BigInteger is an Integer, Text a String.
_ARRAY_TYPES: tuple[tuple[type, str], ...] = (
    (BigInteger, "bigint"),
    (Integer, "integer"),
    (Boolean, "boolean"),
    (Float, "double precision"),
    (DateTime, "timestamptz"),
    (LargeBinary, "bytea"),
    (String, "text"),
)


def insert_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    ignore_conflicts: bool = False,
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """Insert ``rows`` (dicts with the same keys, in the same order) into ``table``.

    ``ignore_conflicts`` skips a row that breaks a unique constraint. ``returning`` names
    columns to give back, one tuple per inserted row in the order of ``rows`` (PostgreSQL's
    sequence values are taken in that order, as with a row-by-row insert); SQLite gives back
    nothing, since it returns no ordered values from one multi-row INSERT.
    """
    if not rows:
        return []
    if conn.dialect.name != "postgresql":
        if returning:
            raise ValueError("insert_rows: RETURNING is available on PostgreSQL only")
        conn.execute(_insert(conn.dialect.name, table, ignore_conflicts), list(rows))
        return []
    columns = tuple(rows[0])
    statement = _unnest_insert(table, columns, ignore_conflicts, tuple(returning))
    params = {f"c{i}": [row[name] for row in rows] for i, name in enumerate(columns)}
    result = conn.exec_driver_sql(statement, params)
    return [tuple(r) for r in result] if returning else []


@cache
def _insert(dialect: str, table: Table, ignore_conflicts: bool) -> Any:
    if not ignore_conflicts:
        return insert(table)
    if dialect == "postgresql":
        return pg_insert(table).on_conflict_do_nothing()
    return sqlite_insert(table).on_conflict_do_nothing()


@cache
def _unnest_insert(
    table: Table, columns: tuple[str, ...], ignore_conflicts: bool, returning: tuple[str, ...]
) -> str:
    arrays = ", ".join(f"%(c{i})s::{_array_type(table, name)}[]" for i, name in enumerate(columns))
    # WITH ORDINALITY and ORDER BY: the rows reach the INSERT, and take their sequence
    # values, in the order they were given.
    names = ", ".join(f'"{name}"' for name in columns)
    aliases = ", ".join(f"c{i}" for i in range(len(columns)))
    sql = (
        f'INSERT INTO "{table.name}" ({names}) SELECT {aliases} '
        f"FROM unnest({arrays}) WITH ORDINALITY AS u({aliases}, n) ORDER BY n"
    )
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        sql += " RETURNING " + ", ".join(f'"{name}"' for name in returning)
    return sql


def _array_type(table: Table, name: str) -> str:
    column_type = table.c[name].type
    for kind, sql_name in _ARRAY_TYPES:
        if isinstance(column_type, kind):
            return sql_name
    raise TypeError(f"insert_rows: no array type for {table.name}.{name} ({column_type})")
