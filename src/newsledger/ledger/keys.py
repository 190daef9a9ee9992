"""How the ledger compares names: the key every table that keys on names uses, and the
canonical entities a name means."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, or_, select

from newsledger.ledger import schema as t


def name_key(name: str) -> str:
    """The comparison form of a name: casefolded, inner whitespace collapsed."""
    return " ".join(name.casefold().split())


def entity_ids_query(name: str, type_: str | None = None) -> Select[Any]:
    """The query for :func:`entity_ids`, to use as a subquery (no round trip of its own)."""
    key = name_key(name)
    query = (
        select(t.entities.c.id)
        .where(
            or_(
                t.entities.c.name_key == key,
                t.entities.c.id.in_(
                    select(t.entity_aliases.c.entity_id).where(t.entity_aliases.c.alias_key == key)
                ),
            )
        )
        .order_by(t.entities.c.id)
    )
    if type_:
        query = query.where(t.entities.c.type == type_)
    return query


def entity_ids(conn: Connection, name: str, type_: str | None = None) -> list[int]:
    """Canonical entities whose name or an alias is ``name`` (case-insensitive)."""
    return list(conn.execute(entity_ids_query(name, type_)).scalars())
