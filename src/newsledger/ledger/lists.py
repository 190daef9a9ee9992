"""``column IN (a list given at execution)``, for statements built once per dialect.

SQLite gets SQLAlchemy's expanding IN (one placeholder per value, rendered per execution).
PostgreSQL gets ``column = ANY(:list)`` with the list as one array parameter: the statement's
text is then the same whatever the list's length, so psycopg prepares it once and the server
plans it once, where ``IN ($1, $2, ...)`` is a new statement to parse and plan for each
length. Strings are compared as ``text[]``, never cast to the column's ``varchar(n)``, which
would cut a longer value short and could let it equal a stored one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Integer, String, Text, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY

__all__ = ["in_values"]


def in_values(column: Any, name: str, dialect: str) -> ColumnElement[bool]:
    """``column`` is one of the values bound to ``name`` when the statement runs."""
    if dialect != "postgresql":
        return column.in_(bindparam(name, expanding=True))
    return column == any_(bindparam(name, type_=ARRAY(_element_type(column))))


def _element_type(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, BigInteger):
        return BigInteger()
    if isinstance(kind, Integer):
        return Integer()
    if isinstance(kind, String):
        return Text()
    raise TypeError(f"in_values: no array type for {column} ({kind})")
