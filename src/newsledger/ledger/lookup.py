"""Names a user types, resolved against the ledger: event types and entities.

A command should say what went wrong in the user's terms: an event type that does not exist
is refused with the list of those that do; an entity is found by its name, any alias or a
unique prefix of either, and a miss comes with the nearest names ("did you mean").
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.keys import name_key
from newsledger.ledger.store import Ledger

__all__ = ["EntityMatch", "event_count", "event_types", "check_event_type", "resolve_entity"]

_SUGGESTIONS = 5
# Names read to find "did you mean" candidates: those sharing the first letter, at most this many.
_SUGGESTION_POOL = 20_000


def event_types(ledger: Ledger, ontology: Iterable[str] = ()) -> list[str]:
    """The ontology's event types (extraction's; the caller gives them, e.g.
    ``newsledger.pipeline.ontology_event_types()``) and any other type stored here, sorted."""
    with ledger.connect() as conn:
        stored = set(conn.execute(select(t.events.c.type).distinct()).scalars())
    return sorted(set(ontology) | stored)


def check_event_type(ledger: Ledger, value: str, ontology: Iterable[str] = ()) -> str:
    """``value`` as a known event type (case does not matter), or an error listing them."""
    known = event_types(ledger, ontology)
    wanted = value.strip().upper().replace("-", "_").replace(" ", "_")
    if wanted in known:
        return wanted
    close = difflib.get_close_matches(wanted, known, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise LedgerError(f"unknown event type {value!r}; {hint}known types: {', '.join(known)}")


def event_count(ledger: Ledger) -> int:
    with ledger.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.events)).scalar_one())


@dataclass(frozen=True, slots=True)
class EntityMatch:
    name: str  # the canonical name
    type: str
    matched: str  # what the given text matched: the name, an alias, or a prefix of one


def resolve_entity(ledger: Ledger, given: str, *, type: str | None = None) -> EntityMatch:
    """The one entity ``given`` names: exactly (name or alias), else as a unique prefix.

    Raises LedgerError naming the candidates when several entities fit, and the nearest
    names when none does.
    """
    key = name_key(given)
    if not key:
        raise LedgerError("an entity name is empty")
    e, al = t.entities, t.entity_aliases
    typed = [e.c.type == type.upper()] if type else []
    with ledger.connect() as conn:
        exact = conn.execute(
            select(e.c.name, e.c.type, e.c.name_key, al.c.alias, al.c.alias_key)
            .select_from(e.join(al, al.c.entity_id == e.c.id, isouter=True))
            .where(or_(e.c.name_key == key, al.c.alias_key == key), *typed)
            .order_by(e.c.id)
        ).all()
        if exact:
            return _one(given, _matches(exact, lambda k: k == key))
        pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        prefixed = conn.execute(
            select(e.c.name, e.c.type, e.c.name_key, al.c.alias, al.c.alias_key)
            .select_from(e.join(al, al.c.entity_id == e.c.id, isouter=True))
            .where(
                or_(
                    e.c.name_key.like(pattern, escape="\\"),
                    al.c.alias_key.like(pattern, escape="\\"),
                    # a word of the name: "Kim" finds "Kim Jong Un", "Jong Un" too
                    e.c.name_key.like("% " + pattern, escape="\\"),
                ),
                *typed,
            )
            .order_by(e.c.id)
            .limit(50)
        ).all()
        if prefixed:
            return _one(given, _matches(prefixed, lambda k: k.startswith(key) or f" {key}" in k))
        pool = list(
            conn.execute(
                select(e.c.name)
                .where(e.c.name_key.like(key[:1] + "%"), *typed)
                .limit(_SUGGESTION_POOL)
            ).scalars()
        )
    close = difflib.get_close_matches(given, pool, n=_SUGGESTIONS, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise LedgerError(f"no entity called {given!r} in the ledger{hint}")


def _matches(rows: Sequence[Any], fits: Callable[[str], bool]) -> dict[tuple[str, str], str]:
    """(name, type) -> what matched: the name when it fits, else the alias that does."""
    found: dict[tuple[str, str], str] = {}
    for r in rows:
        if fits(r.name_key):
            found[(r.name, r.type)] = r.name
        elif r.alias_key is not None and fits(r.alias_key):
            found.setdefault((r.name, r.type), r.alias)
    return found


def _one(given: str, found: dict[tuple[str, str], str]) -> EntityMatch:
    if len(found) == 1:
        (name, etype), matched = next(iter(found.items()))
        return EntityMatch(name, etype, matched)
    listed = [f"{name} ({etype})" for name, etype in list(found)[:_SUGGESTIONS]]
    more = ", ..." if len(found) > _SUGGESTIONS else ""
    raise LedgerError(
        f"{given!r} fits {len(found)} entities: did you mean {', '.join(listed)}{more}? "
        "give more of the name, or --type"
    )
