"""Entities: a profile by name or id, and the most mentioned ones by name prefix."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from newsledger.ledger import schema as t
from newsledger.ledger.queries.claims import claim_rows, claim_select
from newsledger.ledger.queries.filters import entity_ids, escape_like
from newsledger.ledger.queries.paging import check_limit, is_int64
from newsledger.ledger.queries.rows import EntityProfile, QuoteRow, event_row, event_select
from newsledger.ledger.store import Ledger, name_key


def entity_profile(
    ledger: Ledger, name: str, *, type: str | None = None, latest: int = 20
) -> EntityProfile | None:
    """Everything the ledger knows about the entity called ``name`` (or with that alias)."""
    latest = check_limit(latest)
    en, ev = t.entities, t.events
    with ledger.connect() as conn:
        ids = entity_ids(conn, name, type)
        if not ids:
            return None
        # The best match: exact canonical name first, then the most mentioned.
        key = name_key(name)
        mention_counts = dict(
            conn.execute(
                select(t.article_entities.c.entity_id, func.sum(t.article_entities.c.mention_count))
                .where(t.article_entities.c.entity_id.in_(ids))
                .group_by(t.article_entities.c.entity_id)
            ).all()
        )
        rows = {r.id: r for r in conn.execute(select(en).where(en.c.id.in_(ids)))}
        best = max(ids, key=lambda i: (rows[i].name_key == key, mention_counts.get(i, 0) or 0, -i))
        ent = rows[best]
        aliases = [
            a
            for (a,) in conn.execute(
                select(t.entity_aliases.c.alias)
                .where(t.entity_aliases.c.entity_id == best)
                .order_by(t.entity_aliases.c.alias)
            )
        ]
        article_count = conn.execute(
            select(func.count())
            .select_from(t.article_entities)
            .where(t.article_entities.c.entity_id == best)
        ).scalar_one()
        evidence = ev.c.is_evidence.is_(True)
        event_count = conn.execute(
            select(func.count()).where(ev.c.actor_entity_id == best, evidence)
        ).scalar_one()
        target_count = conn.execute(
            select(func.count()).where(ev.c.target_entity_id == best, evidence)
        ).scalar_one()
        event_types: dict[str, int] = dict(
            conn.execute(
                select(ev.c.type, func.count())
                .where(or_(ev.c.actor_entity_id == best, ev.c.target_entity_id == best), evidence)
                .group_by(ev.c.type)
                .order_by(func.count().desc())
            ).all()
        )
        latest_rows = [
            event_row(r)
            for r in conn.execute(
                event_select()
                .where(or_(ev.c.actor_entity_id == best, ev.c.target_entity_id == best), evidence)
                .order_by(ev.c.sort_date.desc(), ev.c.id.desc())
                .limit(latest)
            )
        ]
        c, ar = t.claims, t.articles
        said_raw = conn.execute(
            claim_select()
            .where(
                c.c.id.in_(
                    select(t.claim_sources.c.claim_id).where(t.claim_sources.c.entity_id == best)
                ),
                ar.c.near_duplicate_of.is_(None),
            )
            .order_by(c.c.published.desc(), c.c.id.desc())
            .limit(latest)
        ).all()
        about_raw = conn.execute(
            claim_select()
            .where(
                c.c.id.in_(
                    select(t.claim_entities.c.claim_id).where(t.claim_entities.c.entity_id == best)
                ),
                c.c.id.not_in(
                    select(t.claim_sources.c.claim_id).where(t.claim_sources.c.entity_id == best)
                ),
                ar.c.near_duplicate_of.is_(None),
            )
            .order_by(c.c.published.desc(), c.c.id.desc())
            .limit(latest)
        ).all()
        said = claim_rows(conn, said_raw)
        said_about = claim_rows(conn, about_raw)
        q = t.quotes
        quote_rows = [
            QuoteRow(r.article_id, r.text, r.speaker, r.outlet, r.published)
            for r in conn.execute(
                select(q.c.article_id, q.c.text, q.c.speaker, ar.c.outlet, ar.c.published)
                .join(ar, ar.c.id == q.c.article_id)
                .where(q.c.speaker_entity_id == best, ar.c.near_duplicate_of.is_(None))
                .order_by(ar.c.published.desc(), q.c.id.desc())
                .limit(latest)
            )
        ]
    others = [{"id": i, "name": rows[i].name, "type": rows[i].type} for i in ids if i != best]
    return EntityProfile(
        id=best,
        name=ent.name,
        type=ent.type,
        weapon_class=ent.weapon_class,
        aliases=aliases,
        article_count=article_count,
        mention_count=int(mention_counts.get(best, 0) or 0),
        event_count=event_count,
        target_count=target_count,
        event_types=event_types,
        latest_events=latest_rows,
        said=said,
        said_about=said_about,
        quotes=quote_rows,
        other_matches=others,
    )


def entities(
    ledger: Ledger, *, prefix: str | None = None, type: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Entities by number of articles that mention them (for lists and autocompletion)."""
    limit = check_limit(limit)
    en, ae = t.entities, t.article_entities
    n = func.count(ae.c.article_id)
    query = (
        select(en.c.id, en.c.name, en.c.type, n.label("articles"))
        .join(ae, ae.c.entity_id == en.c.id)
        .group_by(en.c.id, en.c.name, en.c.type)
        .order_by(n.desc(), en.c.name)
        .limit(limit)
    )
    if prefix:
        query = query.where(en.c.name_key.like(f"{escape_like(name_key(prefix))}%", escape="\\"))
    if type:
        query = query.where(en.c.type == type)
    with ledger.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def entity_profile_by_id(
    ledger: Ledger, entity_id: int, *, latest: int = 20
) -> EntityProfile | None:
    """The profile of the entity with this id (profiles are looked up by name)."""
    if not is_int64(entity_id):
        return None
    en = t.entities
    with ledger.connect() as conn:
        row = conn.execute(select(en.c.name, en.c.type).where(en.c.id == entity_id)).first()
    if row is None:
        return None
    # (name, type) is unique and an exact canonical name wins over aliases in the matching,
    # so this finds the same entity; check rather than assume.
    profile = entity_profile(ledger, row.name, type=row.type, latest=latest)
    if profile is None or profile.id != entity_id:
        return None
    return profile
