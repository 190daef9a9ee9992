"""Filters as SQL conditions, with bound parameters only.

Name filters (``actor``, ``about``, an entity profile) match a canonical entity by its name or
any alias, case-insensitively, and also events whose actor was named but not resolved to an
entity. ``entity_id`` matches one canonical entity as actor or target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, false, func, or_, select

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.keys import entity_ids, name_key
from newsledger.ledger.queries.paging import is_int64


@dataclass(frozen=True, slots=True)
class EventFilters:
    """The filters of event lists, timelines and counts."""

    actor: str | None = None
    type: str | None = None
    modality: str | None = None
    outlet: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    text: str | None = None  # event lists only: the counts ignore it
    entity_id: int | None = None  # one canonical entity, as actor or target
    include_near_duplicates: bool = False
    # events the extractor is less sure of are left out; None or 0: every event. Events stored
    # before confidence existed have none and are kept.
    min_confidence: float | None = None

    def as_params(self) -> dict[str, str]:
        """The filters as query-string parameters, for links that keep them."""
        params = {
            "actor": self.actor,
            "type": self.type,
            "modality": self.modality,
            "outlet": self.outlet,
            "since": _text(self.since),
            "until": _text(self.until),
            "text": self.text,
            "min_confidence": None if self.min_confidence is None else f"{self.min_confidence:g}",
        }
        return {k: v for k, v in params.items() if v}

    def cache_key(self) -> tuple[Any, ...]:
        """What the counts depend on (text is not counted)."""
        return (
            self.actor,
            self.type,
            self.modality,
            self.outlet,
            day(self.since, "since"),
            day(self.until, "until"),
            self.entity_id,
            self.include_near_duplicates,
            self.min_confidence,
        )


def _text(value: str | date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def day(value: str | date | None, what: str) -> str | None:
    """A date filter as an ISO day; anything else is a clear error naming the filter."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as e:
        raise LedgerError(f"{what} {value!r} is not a date in YYYY-MM-DD form") from e


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_keys(conn: Connection, name: str) -> list[str]:
    """The ``events.actor_key`` values that mean ``name``: the canonical names of the entities
    it names (by name or alias) and the name itself (an actor never resolved to an entity).

    The store keys an event's actor by its entity's canonical name, so a filter on this one
    indexed column finds both kinds without an OR across two indexes.
    """
    keys = {name_key(name)}
    ids = entity_ids(conn, name)
    if ids:
        keys.update(
            k
            for (k,) in conn.execute(select(t.entities.c.name_key).where(t.entities.c.id.in_(ids)))
        )
    return sorted(keys)


def event_conditions(
    conn: Connection, filters: EventFilters, *, with_actor: bool = True, with_text: bool = True
) -> list[Any]:
    """The WHERE terms of ``filters`` over ``events``.

    ``with_actor=False`` leaves the actor out, for a caller that plans it per actor key.
    """
    ev = t.events
    where: list[Any] = []
    if filters.actor and with_actor:
        where.append(ev.c.actor_key.in_(actor_keys(conn, filters.actor)))
    if filters.entity_id is not None and not is_int64(filters.entity_id):
        where.append(false())  # no row has an id beyond 64 bits; do not send it to the database
    elif filters.entity_id is not None:
        where.append(
            or_(
                ev.c.actor_entity_id == filters.entity_id,
                ev.c.target_entity_id == filters.entity_id,
            )
        )
    if filters.type:
        where.append(ev.c.type == filters.type.upper())
    if filters.modality:
        where.append(ev.c.modality == filters.modality.lower())
    if filters.outlet:
        where.append(ev.c.outlet == filters.outlet)
    where.extend(day_range(ev.c.sort_date, filters.since, filters.until))
    if filters.text and with_text:
        like = f"%{escape_like(filters.text.casefold())}%"
        where.append(
            or_(
                *(
                    func.lower(column).like(like, escape="\\")
                    for column in (
                        ev.c.trigger,
                        ev.c.object,
                        ev.c.actor,
                        ev.c.target,
                        ev.c.location,
                    )
                )
            )
        )
    if not filters.include_near_duplicates:
        where.append(ev.c.is_evidence.is_(True))
    if filters.min_confidence:
        if not 0.0 <= filters.min_confidence <= 1.0:
            raise LedgerError(f"min_confidence {filters.min_confidence:g} is not between 0 and 1")
        where.append(or_(ev.c.confidence.is_(None), ev.c.confidence >= filters.min_confidence))
    return where


def day_range(column: Any, since: str | date | None, until: str | date | None) -> list[Any]:
    """``since <= column <= until`` for the bounds given."""
    where: list[Any] = []
    since_day, until_day = day(since, "since"), day(until, "until")
    if since_day:
        where.append(column >= since_day)
    if until_day:
        where.append(column <= until_day)
    return where
