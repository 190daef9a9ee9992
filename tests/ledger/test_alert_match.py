"""ledger.alert_match: deliveries made while an article is stored."""

from __future__ import annotations

from datetime import UTC, datetime

from ledger_factory import missile_story
from sqlalchemy import func, select

from newsledger.ledger import alert_match
from newsledger.ledger import schema as t
from newsledger.ledger.alerts import add_alert
from newsledger.ledger.store import Ledger


def _deliveries(ledger: Ledger) -> list[tuple[str, str, int]]:
    d, a = t.alert_deliveries, t.alerts
    with ledger.connect() as conn:
        rows = conn.execute(
            select(a.c.name, d.c.kind, func.count())
            .join(a, a.c.id == d.c.alert_id)
            .group_by(a.c.name, d.c.kind)
            .order_by(a.c.name, d.c.kind)
        )
        return [tuple(row) for row in rows]


def test_alert_match_names_through_aliases_and_never_delivers_an_item_twice(
    ledger: Ledger,
) -> None:
    add_alert(ledger, "pyongyang", about="Pyongyang")  # an alias of North Korea
    add_alert(ledger, "kim", actor="Kim")  # the short name of Kim Jong Un
    add_alert(ledger, "tests", type="MISSILE_LAUNCH")
    rec = missile_story()
    assert ledger.add(rec).status == "new"
    made = _deliveries(ledger)
    assert made == [
        ("kim", "event", 1),  # he orders; no claim has him as its source
        ("pyongyang", "claim", 1),  # the claim that names Pyongyang
        ("pyongyang", "event", 1),  # North Korea's launch: Pyongyang is its alias
        ("tests", "event", 1),
    ]
    # Matching the same article again (as when an id is used again) adds nothing.
    with ledger.engine.begin() as conn:
        assert alert_match.record_matches(conn, rec.id, datetime.now(UTC)) == 0
    assert _deliveries(ledger) == made
