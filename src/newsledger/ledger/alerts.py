"""Saved queries ("alerts") and their deliveries.

An alert is a saved filter over what the ledger learns: an actor, an event type, an entity the
event or claim is about, a minimum confidence. When an article is stored, :func:`record_matches`
runs inside the same transaction and adds one ``alert_deliveries`` row per alert and matching
event or claim. The table's unique key (alert, kind, item) and the rule that a fused event
already delivered for an alert is not delivered again make "exactly once per alert" hold for
every process that ingests, across restarts: the delivery row commits with the article or not
at all.

Matching is in ``alert_match`` (the store calls it); this module saves alerts and reads and
updates deliveries. Deliveries of an alert with a webhook start as ``pending`` and are sent after the commit
(``newsledger.watch.deliver_pending``); the others are ``recorded`` and only listed (CLI, Atom
feed, web page).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MAX_ATTEMPTS = 5
FIRST_RETRY_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    name: str
    actor: str | None
    type: str | None
    about: str | None
    min_confidence: float | None
    webhook_url: str | None
    has_secret: bool
    created_at: datetime
    # delivery counts by status
    counts: dict[str, int]
    last_error: str | None

    def describe(self) -> str:
        parts = [
            f"{label} {value}"
            for label, value in (
                ("actor", self.actor),
                ("type", self.type),
                ("about", self.about),
                ("confidence >=", self.min_confidence),
            )
            if value is not None
        ]
        return ", ".join(parts) or "everything"


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    alert_id: int
    kind: str
    item_id: int
    article_id: str
    status: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Match:
    """A delivered (or recorded) match of an alert, for listings and feeds."""

    delivery_id: int
    kind: str  # event | claim
    item_id: int
    article_id: str
    created_at: datetime
    status: str
    title: str  # one line: "ATTACK by United States -> Iran" or the claim's text
    evidence: str  # the supporting span of the article
    headline: str | None
    outlet: str | None
    url: str | None
    date: str | None


def _now() -> datetime:
    return datetime.now(UTC)


def add_alert(
    ledger: Ledger,
    name: str,
    *,
    actor: str | None = None,
    type: str | None = None,
    about: str | None = None,
    min_confidence: float | None = None,
    webhook_url: str | None = None,
    secret: str | None = None,
) -> int:
    """Save an alert; its name must be new. Returns its id."""
    if not NAME_PATTERN.match(name):
        raise LedgerError(
            f"alert name {name!r}: use letters, digits, '.', '_' or '-' (at most 100), "
            "starting with a letter or digit; the name is also its feed's address"
        )
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise LedgerError(f"--min-confidence {min_confidence}: must be between 0 and 1")
    if secret and not webhook_url:
        raise LedgerError("--secret signs webhook deliveries: give --webhook too")
    with ledger.engine.begin() as conn:
        taken = conn.execute(select(t.alerts.c.id).where(t.alerts.c.name == name)).first()
        if taken:
            raise LedgerError(f"an alert named {name!r} exists already (alerts remove {name})")
        result = conn.execute(
            insert(t.alerts).values(
                name=name,
                actor=actor,
                type=type.upper() if type else None,
                about=about,
                min_confidence=min_confidence,
                webhook_url=webhook_url,
                secret=secret,
                created_at=_now(),
            )
        )
        key = result.inserted_primary_key
        assert key is not None  # an INSERT of one row always has one
        return int(key[0])


def remove_alert(ledger: Ledger, name: str) -> bool:
    """Delete an alert and its deliveries; False when no alert has that name."""
    with ledger.engine.begin() as conn:
        alert_id = conn.execute(select(t.alerts.c.id).where(t.alerts.c.name == name)).scalar()
        if alert_id is None:
            return False
        conn.execute(delete(t.alert_deliveries).where(t.alert_deliveries.c.alert_id == alert_id))
        conn.execute(delete(t.alerts).where(t.alerts.c.id == alert_id))
    return True


def list_alerts(ledger: Ledger) -> list[Alert]:
    a, d = t.alerts, t.alert_deliveries
    with ledger.connect() as conn:
        counts: dict[int, dict[str, int]] = {}
        for alert_id, status, n in conn.execute(
            select(d.c.alert_id, d.c.status, func.count()).group_by(d.c.alert_id, d.c.status)
        ):
            counts.setdefault(alert_id, {})[status] = n
        errors = dict(
            conn.execute(
                select(d.c.alert_id, d.c.last_error)
                .where(d.c.last_error.is_not(None))
                .order_by(d.c.id)
            ).all()
        )
        rows = conn.execute(select(a).order_by(a.c.name)).mappings().all()
    return [
        Alert(
            id=r["id"],
            name=r["name"],
            actor=r["actor"],
            type=r["type"],
            about=r["about"],
            min_confidence=r["min_confidence"],
            webhook_url=r["webhook_url"],
            has_secret=bool(r["secret"]),
            created_at=r["created_at"],
            counts=counts.get(r["id"], {}),
            last_error=errors.get(r["id"]),
        )
        for r in rows
    ]


def get_alert(ledger: Ledger, name: str) -> Alert | None:
    return next((a for a in list_alerts(ledger) if a.name == name), None)


# -- deliveries --------------------------------------------------------------------------


def due_deliveries(ledger: Ledger, now: datetime | None = None, limit: int = 100) -> list[Delivery]:
    """Pending webhook deliveries whose next attempt is due, oldest first."""
    now = now or _now()
    d = t.alert_deliveries
    with ledger.connect() as conn:
        rows = conn.execute(
            select(d.c.id, d.c.alert_id, d.c.kind, d.c.item_id, d.c.article_id, d.c.status)
            .add_columns(d.c.attempts)
            .where(d.c.status == "pending", d.c.next_attempt_at <= now)
            .order_by(d.c.id)
            .limit(limit)
        ).all()
    return [Delivery(*r) for r in rows]


def mark_delivered(ledger: Ledger, delivery_id: int) -> None:
    d = t.alert_deliveries
    with ledger.engine.begin() as conn:
        conn.execute(
            update(d)
            .where(d.c.id == delivery_id)
            .values(
                status="delivered",
                attempts=d.c.attempts + 1,
                delivered_at=_now(),
                next_attempt_at=None,
                last_error=None,
            )
        )


def mark_attempt_failed(ledger: Ledger, delivery_id: int, error: str) -> str:
    """Count a failed attempt: retry later with exponential backoff, or give up after
    MAX_ATTEMPTS. Returns the new status."""
    d = t.alert_deliveries
    with ledger.engine.begin() as conn:
        attempts = conn.execute(select(d.c.attempts).where(d.c.id == delivery_id)).scalar() or 0
        attempts += 1
        failed = attempts >= MAX_ATTEMPTS
        conn.execute(
            update(d)
            .where(d.c.id == delivery_id)
            .values(
                status="failed" if failed else "pending",
                attempts=attempts,
                last_error=error[:500],
                next_attempt_at=None
                if failed
                else _now() + timedelta(seconds=FIRST_RETRY_SECONDS * 2 ** (attempts - 1)),
            )
        )
    return "failed" if failed else "pending"


def alert_secret(ledger: Ledger, alert_id: int) -> tuple[str | None, str | None, str]:
    """(webhook URL, secret, name) of an alert."""
    a = t.alerts
    with ledger.connect() as conn:
        row = conn.execute(
            select(a.c.webhook_url, a.c.secret, a.c.name).where(a.c.id == alert_id)
        ).one()
    return row[0], row[1], row[2]


def payload(ledger: Ledger, delivery: Delivery) -> dict[str, Any]:
    """The JSON body sent to a webhook: the alert, the event or claim, its article and evidence."""
    _, _, name = alert_secret(ledger, delivery.alert_id)
    ar = t.articles
    with ledger.connect() as conn:
        article = (
            conn.execute(
                select(
                    ar.c.id, ar.c.headline, ar.c.outlet, ar.c.published, ar.c.source_uri, ar.c.text
                ).where(ar.c.id == delivery.article_id)
            )
            .mappings()
            .one()
        )
        if delivery.kind == "event":
            item = dict(
                conn.execute(select(t.events).where(t.events.c.id == delivery.item_id))
                .mappings()
                .one()
            )
        else:
            item = dict(
                conn.execute(select(t.claims).where(t.claims.c.id == delivery.item_id))
                .mappings()
                .one()
            )
    text = article["text"]
    start, end = item["span_start"], item["span_end"]
    record = {k: v for k, v in item.items() if k not in {"article_id"}}
    if delivery.kind == "event":
        record["sources"] = _json_list(record.get("sources"))
    return {
        "alert": name,
        "kind": delivery.kind,
        "type": item.get("type") if delivery.kind == "event" else "CLAIM",
        delivery.kind: record,
        "article": {
            "id": article["id"],
            "headline": article["headline"],
            "outlet": article["outlet"],
            "published": article["published"],
            "url": article["source_uri"],
        },
        "evidence": {"start": start, "end": end, "text": text[start:end]},
    }


def _json_list(value: Any) -> Any:

    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return value


def matches(ledger: Ledger, name: str, limit: int = 50) -> list[Match]:
    """An alert's matches, newest first (for `alerts show`, its Atom feed and its web page)."""
    alert = get_alert(ledger, name)
    if alert is None:
        raise LedgerError(f"no alert named {name!r} (alerts list shows them)")
    d, ev, c, ar = t.alert_deliveries, t.events, t.claims, t.articles
    out: list[Match] = []
    with ledger.connect() as conn:
        rows = conn.execute(
            select(d.c.id, d.c.kind, d.c.item_id, d.c.article_id, d.c.created_at, d.c.status)
            .where(d.c.alert_id == alert.id)
            .order_by(d.c.id.desc())
            .limit(max(1, min(limit, 500)))
        ).all()
        for delivery_id, kind, item_id, article_id, created_at, status in rows:
            art = conn.execute(
                select(
                    ar.c.headline, ar.c.outlet, ar.c.source_uri, ar.c.published, ar.c.text
                ).where(ar.c.id == article_id)
            ).one()
            if kind == "event":
                e = conn.execute(select(ev).where(ev.c.id == item_id)).mappings().one()
                title = f"{e['type']} by {e['actor'] or 'unknown'}"
                if e["target"]:
                    title += f" -> {e['target']}"
                date = e["date_value"] if e["date_value"] else e["sort_date"]
                span = (e["sentence_start"] or e["span_start"], e["sentence_end"] or e["span_end"])
            else:
                cl = conn.execute(select(c).where(c.c.id == item_id)).mappings().one()
                title = cl["text"] if len(cl["text"]) <= 140 else cl["text"][:139] + "…"
                date = cl["published"]
                span = (cl["span_start"], cl["span_end"])
            out.append(
                Match(
                    delivery_id=delivery_id,
                    kind=kind,
                    item_id=item_id,
                    article_id=article_id,
                    created_at=created_at,
                    status=status,
                    title=title,
                    evidence=art.text[span[0] : span[1]],
                    headline=art.headline,
                    outlet=art.outlet,
                    url=art.source_uri,
                    date=date,
                )
            )
    return out
