"""Claims with their source chains, and the denials linked to them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select, tuple_

from newsledger.ledger import schema as t
from newsledger.ledger.queries.filters import day_range, entity_ids, escape_like
from newsledger.ledger.queries.paging import check_limit, decode_cursor, encode_cursor
from newsledger.ledger.queries.rows import ClaimPage, ClaimRef, ClaimRow
from newsledger.ledger.store import Ledger, name_key


def claim_rows(conn: Connection, raw_rows: Sequence[Any]) -> list[ClaimRow]:
    if not raw_rows:
        return []
    ids = [r.id for r in raw_rows]
    sources: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for r in conn.execute(
        select(t.claim_sources)
        .where(t.claim_sources.c.claim_id.in_(ids))
        .order_by(t.claim_sources.c.claim_id, t.claim_sources.c.position)
    ):
        sources[r.claim_id].append({"name": r.name, "entity_id": r.entity_id, "cue": r.cue})
    about: dict[int, list[str]] = {i: [] for i in ids}
    for claim_id, name in conn.execute(
        select(t.claim_entities.c.claim_id, t.entities.c.name)
        .join(t.entities, t.entities.c.id == t.claim_entities.c.entity_id)
        .where(t.claim_entities.c.claim_id.in_(ids))
        .order_by(t.entities.c.name)
    ):
        about[claim_id].append(name)
    denies: dict[int, list[ClaimRef]] = {i: [] for i in ids}
    denied_by: dict[int, list[ClaimRef]] = {i: [] for i in ids}
    c, d = t.claims, t.denials
    for col_self, col_other, target in (
        (d.c.denial_claim_id, d.c.denied_claim_id, denies),
        (d.c.denied_claim_id, d.c.denial_claim_id, denied_by),
    ):
        for r in conn.execute(
            select(
                col_self.label("me"),
                c.c.id,
                c.c.article_id,
                c.c.text,
                c.c.polarity,
                c.c.outlet,
                c.c.published,
                d.c.basis,
                d.c.score,
            )
            .select_from(d.join(c, c.c.id == col_other))
            .where(col_self.in_(ids))
            .order_by(c.c.published, c.c.id)
        ):
            target[r.me].append(
                ClaimRef(
                    r.id, r.article_id, r.text, r.polarity, r.outlet, r.published, r.basis, r.score
                )
            )
    return [
        ClaimRow(
            id=r.id,
            article_id=r.article_id,
            position=r.position,
            text=r.text,
            polarity=r.polarity,
            hedged=bool(r.hedged),
            cue=r.cue,
            sources=sources[r.id],
            about=about[r.id],
            outlet=r.outlet,
            published=r.published,
            headline=r.headline,
            span=(r.span_start, r.span_end),
            denies=denies[r.id],
            denied_by=denied_by[r.id],
        )
        for r in raw_rows
    ]


def claim_select() -> Select[Any]:
    c, ar = t.claims, t.articles
    return select(
        c.c.id,
        c.c.article_id,
        c.c.position,
        c.c.text,
        c.c.polarity,
        c.c.hedged,
        c.c.cue,
        c.c.outlet,
        c.c.published,
        ar.c.headline,
        c.c.span_start,
        c.c.span_end,
    ).select_from(c.join(ar, ar.c.id == c.c.article_id))


def claims(
    ledger: Ledger,
    *,
    about: str | None = None,
    source: str | None = None,
    polarity: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = 50,
    cursor: str | None = None,
    include_near_duplicates: bool = False,
) -> ClaimPage:
    """Claims about an entity (mentioned in the claim) and/or attributed to a source, newest first.

    ``source`` matches any link of the attribution chain, by canonical entity or by name.
    Each row carries the denials linked to it (``denied_by``) and, for a denial, what it denies.
    """
    limit = check_limit(limit)
    c, ar = t.claims, t.articles
    where: list[Any] = []
    with ledger.connect() as conn:
        if about:
            ids = entity_ids(conn, about)
            where.append(
                c.c.id.in_(
                    select(t.claim_entities.c.claim_id).where(t.claim_entities.c.entity_id.in_(ids))
                )
                if ids
                else c.c.id.in_(
                    select(c.c.id).where(
                        func.lower(c.c.text).like(f"%{escape_like(about.casefold())}%", escape="\\")
                    )
                )
            )
        if source:
            ids = entity_ids(conn, source)
            cs = t.claim_sources
            cond = cs.c.name_key == name_key(source)
            if ids:
                cond = or_(cond, cs.c.entity_id.in_(ids))
            where.append(c.c.id.in_(select(cs.c.claim_id).where(cond)))
        if polarity:
            where.append(c.c.polarity == polarity)
        where.extend(day_range(c.c.published, since, until))
        if not include_near_duplicates:
            where.append(ar.c.near_duplicate_of.is_(None))
        if cursor:
            day, last_id = decode_cursor(cursor, (str, int))
            where.append(tuple_(c.c.published, c.c.id) < tuple_(day, last_id))
        raw_rows = conn.execute(
            claim_select()
            .where(*where)
            .order_by(c.c.published.desc(), c.c.id.desc())
            .limit(limit + 1)
        ).all()
        rows = claim_rows(conn, raw_rows[:limit])
    more = len(raw_rows) > limit
    next_cursor = encode_cursor(rows[-1].published, rows[-1].id) if more and rows else None
    return ClaimPage(rows, next_cursor)


def denials(ledger: Ledger, *, about: str | None = None, limit: int = 50) -> list[ClaimRow]:
    """Denials (negative claims), each with the allegations it is linked to, newest first."""
    return claims(ledger, about=about, polarity="negative", limit=limit).rows


# -- entities --------------------------------------------------------------------------
