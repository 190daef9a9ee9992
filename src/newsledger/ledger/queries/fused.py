"""One fused event: every report of it, with its outlet, attribution and telling sentence,
and the denial links between the reporting articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from newsledger.ledger import schema as t
from newsledger.ledger.queries.paging import is_int64
from newsledger.ledger.queries.rows import EventRow, event_row, event_select
from newsledger.ledger.store import Ledger


@dataclass(slots=True)
class FusedReport:
    event: EventRow
    evidence: str  # the sentence of the article that tells the event

    def to_dict(self) -> dict[str, Any]:
        return {**self.event.to_dict(), "evidence": self.evidence}


@dataclass(slots=True)
class FusedEvent:
    id: int
    type: str
    date: str | None
    article_count: int
    outlet_count: int
    reports: list[FusedReport]
    # (denying article, its claim, denied article, the denied claim) between reporting articles
    denials: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def actor(self) -> str | None:
        return next((r.event.actor for r in self.reports if r.event.actor), None)

    @property
    def target(self) -> str | None:
        return next((r.event.target for r in self.reports if r.event.target), None)

    @property
    def outlets(self) -> list[str]:
        return sorted({r.event.outlet for r in self.reports if r.event.outlet})


def fused_event(ledger: Ledger, fused_id: int) -> FusedEvent | None:
    """The fused event ``fused_id`` with every report (near-duplicates included, flagged by
    ``is_evidence``), oldest first; None when there is no such fused event."""
    if not is_int64(fused_id):
        return None
    fe, ev, ar, c, d = t.fused_events, t.events, t.articles, t.claims, t.denials
    with ledger.connect() as conn:
        head = conn.execute(select(fe).where(fe.c.id == fused_id)).mappings().first()
        if head is None:
            return None
        rows = conn.execute(
            event_select()
            .add_columns(ev.c.sentence_start, ev.c.sentence_end)
            .where(ev.c.fused_event_id == fused_id)
            .order_by(ev.c.sort_date, ev.c.id)
        ).all()
        article_ids = sorted({r.article_id for r in rows})
        texts = dict(conn.execute(select(ar.c.id, ar.c.text).where(ar.c.id.in_(article_ids))).all())
        denying, denied = c.alias("denying"), c.alias("denied")
        links = conn.execute(
            select(denying.c.article_id, denying.c.text, denied.c.article_id, denied.c.text)
            .select_from(
                d.join(denying, denying.c.id == d.c.denial_claim_id).join(
                    denied, denied.c.id == d.c.denied_claim_id
                )
            )
            .where(denying.c.article_id.in_(article_ids), denied.c.article_id.in_(article_ids))
            .order_by(denying.c.id)
        ).all()
    reports = []
    for r in rows:
        text = texts.get(r.article_id, "")
        start = r.sentence_start if r.sentence_start is not None else r.span_start
        end = r.sentence_end if r.sentence_end is not None else r.span_end
        reports.append(FusedReport(event_row(r), " ".join(text[start:end].split())))
    return FusedEvent(
        id=head["id"],
        type=head["type"],
        date=head["date"],
        article_count=head["article_count"],
        outlet_count=head["outlet_count"],
        reports=reports,
        denials=[(a, b, c, d) for a, b, c, d in links],
    )
