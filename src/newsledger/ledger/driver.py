"""Statements built once, run on psycopg's own cursor inside the caller's transaction.

Each ``Connection.execute`` costs SQLAlchemy about 55 us of Python on top of the driver's own
25 us (an execution context, parameter and result processing, events), and an article's
write transaction on PostgreSQL sends a dozen statements, each built once per process. Here
a statement is compiled once, and each execution hands its SQL text and parameters straight
to the psycopg cursor of the connection SQLAlchemy holds, so it runs in the same transaction
(begun, committed and rolled back by SQLAlchemy as before).

Each statement is prepared on the server the first time a connection runs it, not after
psycopg's default five runs: the batched insert of an article (``ledger.bulk``) takes one of
a few dozen shapes (which tables the article has rows for), and parsing and planning one
unprepared costs the server about 1 ms, more than executing it.

What callers rely on is kept: a driver error is raised as SQLAlchemy's own exception class
(``IntegrityError`` for a unique violation, which ``Ledger.add`` reads as a duplicate stored by
another process; ``OperationalError`` ...), and a connection the error left broken is
invalidated, so the pool never hands it out again. SQLite runs in this process, where
SQLAlchemy's share is small: there the statements go through ``conn.execute`` unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement, Executable
from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["driver_rows", "rows"]

_Compiled = tuple[str, SQLCompiler, dict[str, Any]]  # SQL, compiled, bind processors
# By statement object; the statement is kept with its compiled form, so that its id cannot
# be reused by another object. Only statements built once go here (module constants and
# functools.cache'd builders): a handful per process.
_COMPILED: dict[int, tuple[Executable, _Compiled]] = {}
_MAX_COMPILED = 256


def rows(
    conn: Connection,
    statement: Executable,
    params: Mapping[str, Any] | None = None,
    *,
    named: bool = False,
) -> list[Any]:
    """The rows ``statement`` gives (none for a statement that returns no rows), as tuples,
    or as named tuples when ``named`` (column labels as attribute names).

    ``statement`` must be built once and reused (a module constant or a cached builder's).
    """
    if conn.dialect.name != "postgresql":
        result = conn.execute(statement, dict(params or {}))
        return list(result) if result.returns_rows else []
    sql, compiled, processors = _compile(conn, statement)
    values = compiled.construct_params(params or {})
    for name, process in processors.items():
        values[name] = process(values[name])
    return driver_rows(conn, sql, values, named=named)


def driver_rows(
    conn: Connection, sql: str, params: Mapping[str, Any], *, named: bool = False
) -> list[Any]:
    """PostgreSQL: ``sql`` (with ``%(name)s`` parameters) on the connection's psycopg cursor."""
    # Deferred on purpose: psycopg is only there when a PostgreSQL ledger is.
    import psycopg
    from psycopg.rows import namedtuple_row, tuple_row

    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    try:
        with driver.cursor(row_factory=namedtuple_row if named else tuple_row) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchall() if cursor.description is not None else []
    except psycopg.Error as e:
        broken = driver.broken or driver.closed
        if broken:
            conn.invalidate(e)
        raise DBAPIError.instance(
            sql, params, e, psycopg.Error, connection_invalidated=broken, dialect=conn.dialect
        ) from e


def _compile(conn: Connection, statement: Executable) -> _Compiled:
    known = _COMPILED.get(id(statement))
    if known is not None and known[0] is statement:
        return known[1]
    compiled = cast(SQLCompiler, cast(ClauseElement, statement).compile(dialect=conn.dialect))
    processors = {name: process for name, process in compiled._bind_processors.items() if process}
    made: _Compiled = (compiled.string, compiled, processors)
    if len(_COMPILED) >= _MAX_COMPILED:
        _COMPILED.clear()  # not reached by the ledger's own statements; a bound all the same
    _COMPILED[id(statement)] = (statement, made)
    return made
