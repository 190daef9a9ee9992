"""An article's rows of one table in one statement; on PostgreSQL, of all its tables in one.

SQLite runs in this process, so an ``executemany`` of the rows costs little. PostgreSQL does
not: psycopg's ``executemany`` sends one Bind and Execute per row, each parsed, dispatched and
executed by the server apart (an article has about a hundred rows). On PostgreSQL the rows of
a table go instead as one array per column in a single ``INSERT ... SELECT FROM unnest(...)``,
whose text is the same for every article of a run, so psycopg prepares it once.

:class:`RowBatch` goes one step further on PostgreSQL: the rows an article adds to a dozen
tables (the article, its mentions, times, quotes, claims, events ...) wait until the
transaction next reads what they hold, then go as one JSON document in one statement (an
array per table, of rows as arrays of values), each table's rows inserted by a data-modifying
``WITH`` part of it (``jsonb_array_elements``). The server parses and plans one statement
instead of a dozen, and the writer encodes one document with the standard library's C encoder
instead of a dozen sets of parameters.

The arrays are cast to the columns' base types (``text[]``, not ``varchar(300)[]``): an
explicit cast to ``varchar(n)`` would cut a longer value short, while the INSERT's own
assignment to the column still refuses it, as a row-by-row insert does.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from datetime import date, datetime
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

from newsledger.ledger.driver import driver_rows

__all__ = ["RowBatch", "insert_rows"]

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
    columns, defaults = _columns(table, tuple(rows[0]))
    statement = _unnest_insert(table, columns, ignore_conflicts, tuple(returning))
    params = {
        f"c{i}": [row[name] for row in rows]
        if name not in defaults
        else [defaults[name]] * len(rows)
        for i, name in enumerate(columns)
    }
    found = driver_rows(conn, statement, params)
    return found if returning else []


@cache
def _columns(table: Table, given: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The columns to insert: those given, then those left out that have a default set in
    Python (``Column(default=...)``), which SQLAlchemy's INSERT would have filled in."""
    defaults: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None:
            continue
        if not getattr(default, "is_scalar", False):
            raise TypeError(
                f"insert_rows: {table.name}.{column.name} has a computed default; give it a value"
            )
        defaults[column.name] = default.arg  # type: ignore[attr-defined]
    return given + tuple(defaults), defaults


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


class RowBatch:
    """Rows to insert in the caller's transaction, in the order they are added.

    On SQLite :meth:`add` inserts at once. On PostgreSQL the rows wait for :meth:`flush`,
    which the caller runs before anything reads them (foreign keys are checked at the end
    of the one statement, so a table's rows may refer to rows of a table before them).
    Auto-increment ids come from each table's own sequence, so the ids are those a
    table-by-table insert in the same order gives.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.deferred = conn.dialect.name == "postgresql"
        self._pending: list[
            tuple[Table, tuple[str, ...], dict[str, Any], bool, Sequence[dict[str, Any]]]
        ] = []

    def add(
        self, table: Table, rows: Sequence[dict[str, Any]], *, ignore_conflicts: bool = False
    ) -> None:
        if not rows:
            return
        if not self.deferred:
            insert_rows(self.conn, table, rows, ignore_conflicts=ignore_conflicts)
            return
        columns, defaults = _columns(table, tuple(rows[0]))
        self._pending.append((table, columns, defaults, ignore_conflicts, rows))

    def reserve_ids(self, table: Table, count: int) -> list[int]:
        """PostgreSQL: the next ``count`` values of the sequence behind ``table.id``, in order
        (what inserting ``count`` rows would give them), for rows that others refer to."""
        if not self.deferred:
            raise ValueError("RowBatch.reserve_ids: sequences are PostgreSQL's")
        if count <= 0:
            return []
        return [row[0] for row in driver_rows(self.conn, _reserve(table), {"n": count})]

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        if len(pending) == 1:
            table, _, _, ignore, rows = pending[0]
            insert_rows(self.conn, table, rows, ignore_conflicts=ignore)
            return
        given = [(table, columns, ignore) for table, columns, _, ignore, _ in pending]
        shape = _layout(given)
        values: list[list[list[Any]]] = [[] for _ in shape]
        for part, (_, columns, defaults, _, rows) in zip(
            _positions(shape, tuple(given)), pending, strict=True
        ):
            values[part] = [
                [row[c] if c not in defaults else defaults[c] for c in columns] for row in rows
            ]
        try:
            document = _ENCODER.encode(values)
        except ValueError:  # NaN or an infinity, which JSON lacks: sent as float8's own text
            document = _ENCODER.encode(_finite(values))
        driver_rows(self.conn, _document_insert(shape), {"rows": document})


# Every (table, columns, ignore) a batch has sent in this process, in the order first met.
# A batch sends a part for each, empty for a table it has no rows for, so that its statement
# has one of a few shapes (one per table first met) instead of one per combination of
# tables an article happens to fill (a few dozen), each of which the server would parse and
# plan apart for every connection. Which part comes first does not matter: each table takes
# its ids from its own sequence, in the order of its own rows, and the foreign keys are
# checked at the end of the statement.
_Part = tuple[Table, tuple[str, ...], bool]
_SEEN: tuple[_Part, ...] = ()
_SEEN_LOCK = threading.Lock()


def _layout(given: list[_Part]) -> tuple[_Part, ...]:
    global _SEEN
    if len(set(given)) != len(given):
        return tuple(given)  # a table twice in one batch: its parts as given, in order
    seen = _SEEN
    if any(part not in seen for part in given):
        with _SEEN_LOCK:
            _SEEN = _SEEN + tuple(part for part in dict.fromkeys(given) if part not in _SEEN)
            seen = _SEEN
    return seen


@cache
def _positions(shape: tuple[_Part, ...], given: tuple[_Part, ...]) -> tuple[int, ...]:
    """Where each given part goes in ``shape`` (in order, when a table comes twice)."""
    if shape == given:
        return tuple(range(len(given)))
    return tuple(shape.index(part) for part in given)


def _finite(value: Any) -> Any:
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # 'nan', 'inf', '-inf': double precision reads them back
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()  # bytea's own text form
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"RowBatch: cannot send a {type(value).__name__} as JSON: {value!r}")


_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_json_value
)


@cache
def _reserve(table: Table) -> str:
    return (
        f"SELECT nextval(pg_get_serial_sequence('\"{table.name}\"', 'id')) "
        "FROM generate_series(1, %(n)s) AS g(i) ORDER BY g.i"
    )


@cache
def _document_insert(shape: tuple[_Part, ...]) -> str:
    """One statement inserting each table's rows from its element of a JSON array of
    tables, each an array of rows, each an array of values in ``columns`` order."""
    parts = []
    for index, (table, columns, ignore) in enumerate(shape):
        names = ", ".join(f'"{name}"' for name in columns)
        values = ", ".join(
            _from_json(table, name, f"r.value->>{i}") for i, name in enumerate(columns)
        )
        part = (
            f'INSERT INTO "{table.name}" ({names}) SELECT {values} '
            f"FROM doc, jsonb_array_elements(doc.j->{index}) WITH ORDINALITY AS r(value, n) "
            "ORDER BY r.n"
        )
        if ignore:
            part += " ON CONFLICT DO NOTHING"
        parts.append(part)
    steps = ", ".join(f"w{i} AS ({part})" for i, part in enumerate(parts[:-1]))
    return f"WITH doc AS MATERIALIZED (SELECT %(rows)s::jsonb AS j), {steps} {parts[-1]}"


def _from_json(table: Table, name: str, text_value: str) -> str:
    """A column's value from its JSON text (``->>`` gives text; NULL stays NULL)."""
    kind = _array_type(table, name)
    return text_value if kind == "text" else f"({text_value})::{kind}"
