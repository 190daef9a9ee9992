"""Match a just-stored article's events and claims against the saved alerts.

Called by the store inside the article's write transaction (see ``newsledger.ledger.alerts``
for what an alert is and how deliveries are sent).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select

from newsledger.ledger import schema as t
from newsledger.ledger.keys import entity_ids_query, name_key


def _entities(name: str) -> Any:
    """The entities a name means, as a subquery: read in the statement that uses them, since
    the article being stored may have just made one."""
    return entity_ids_query(name).order_by(None).scalar_subquery()


def _like(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _event_conditions(alert: Any) -> list[Any]:
    ev = t.events
    where: list[Any] = [ev.c.is_evidence.is_(True)]
    if alert["type"]:
        where.append(ev.c.type == alert["type"])
    if alert["actor"]:
        keys = {name_key(alert["actor"])}
        ids = _entities(alert["actor"])
        where.append(or_(ev.c.actor_key.in_(keys), ev.c.actor_entity_id.in_(ids)))
    if alert["about"]:
        ids = _entities(alert["about"])
        like = _like(alert["about"])
        where.append(
            or_(
                ev.c.actor_entity_id.in_(ids),
                ev.c.target_entity_id.in_(ids),
                func.lower(ev.c.actor).like(like, escape="\\"),
                func.lower(ev.c.target).like(like, escape="\\"),
                func.lower(ev.c.object).like(like, escape="\\"),
            )
        )
    if alert["min_confidence"] is not None:
        where.append(ev.c.confidence >= alert["min_confidence"])
    return where


def _claim_conditions(alert: Any) -> list[Any] | None:
    """Claims match an alert without an event type; None when the alert is about events only."""
    if alert["type"] or alert["min_confidence"] is not None:
        return None
    c = t.claims
    where: list[Any] = []
    if alert["about"]:
        ids = _entities(alert["about"])
        where.append(
            or_(
                c.c.id.in_(
                    select(t.claim_entities.c.claim_id).where(t.claim_entities.c.entity_id.in_(ids))
                ),
                func.lower(c.c.text).like(_like(alert["about"]), escape="\\"),
            )
        )
    if alert["actor"]:
        ids = _entities(alert["actor"])
        cs = t.claim_sources
        where.append(
            c.c.id.in_(
                select(cs.c.claim_id).where(
                    or_(cs.c.name_key == name_key(alert["actor"]), cs.c.entity_id.in_(ids))
                )
            )
        )
    return where


def record_matches(conn: Connection, article_id: str, now: datetime) -> int:
    """Add a delivery per alert and matching event or claim of a just-stored article.

    Runs in the article's own write transaction. An event whose fused event was already
    delivered for the alert (the same event from another outlet) is not delivered again.
    Returns the number of deliveries added.
    """
    alerts = conn.execute(select(t.alerts)).mappings().all()
    if not alerts:
        return 0
    ev, d = t.events, t.alert_deliveries
    added = 0
    for alert in alerts:
        status = "pending" if alert["webhook_url"] else "recorded"
        rows: list[dict[str, Any]] = []
        delivered_events = select(ev.c.fused_event_id).where(
            ev.c.id.in_(
                select(d.c.item_id).where(d.c.alert_id == alert["id"], d.c.kind == "event")
            ),
            ev.c.fused_event_id.is_not(None),
        )
        seen_fused: set[int] = set()
        for event_id, fused_id in conn.execute(
            select(ev.c.id, ev.c.fused_event_id)
            .where(ev.c.article_id == article_id, *_event_conditions(alert))
            .where(or_(ev.c.fused_event_id.is_(None), ev.c.fused_event_id.not_in(delivered_events)))
            .order_by(ev.c.id)
        ):
            if fused_id is not None:
                if fused_id in seen_fused:
                    continue  # one article telling the same event twice (headline and lead)
                seen_fused.add(fused_id)
            rows.append({"kind": "event", "item_id": event_id})
        claim_where = _claim_conditions(alert)
        if claim_where is not None:
            for (claim_id,) in conn.execute(
                select(t.claims.c.id)
                .where(t.claims.c.article_id == article_id, *claim_where)
                .order_by(t.claims.c.id)
            ):
                rows.append({"kind": "claim", "item_id": claim_id})
        if not rows:
            continue
        # Ids of deleted events and claims can come back (SQLite reuses the highest): an item
        # delivered before under the same id is not delivered again.
        already = {
            (kind, item_id)
            for kind, item_id in conn.execute(
                select(d.c.kind, d.c.item_id).where(
                    d.c.alert_id == alert["id"],
                    d.c.item_id.in_(sorted({row["item_id"] for row in rows})),
                )
            )
        }
        new = [
            {
                "alert_id": alert["id"],
                "kind": row["kind"],
                "item_id": row["item_id"],
                "article_id": article_id,
                "created_at": now,
                "status": status,
                "attempts": 0,
                "next_attempt_at": now if status == "pending" else None,
            }
            for row in rows
            if (row["kind"], row["item_id"]) not in already
        ]
        if new:
            conn.execute(insert(d), new)
            added += len(new)
    return added
