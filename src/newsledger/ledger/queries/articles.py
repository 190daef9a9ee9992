"""Articles: one stored record, the list of what was ingested, full-text search; and the
ledger's failures and counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, text

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.queries.filters import day_range
from newsledger.ledger.queries.paging import (
    CHUNK,
    MAX_LIMIT,
    check_limit,
    decode_cursor,
    encode_cursor,
)
from newsledger.ledger.queries.rows import (
    ArticlePage,
    ArticleSummary,
    ArticleView,
    FailureRow,
    LedgerStats,
    SearchHit,
    iso,
    stored_record,
)
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord


def article(ledger: Ledger, article_id: str) -> ArticleView | None:
    """The full record of one stored article, or None."""
    ar = t.articles
    with ledger.connect() as conn:
        row = conn.execute(select(ar).where(ar.c.id == article_id)).first()
        if row is None:
            return None
        copies = [
            r
            for (r,) in conn.execute(
                select(ar.c.id)
                .where(ar.c.near_duplicate_of == article_id)
                .order_by(ar.c.ingested_at)
            )
        ]
    record = stored_record(row.record, row.text)
    return ArticleView(
        record=record,
        ingested_at=iso(row.ingested_at),
        raw_ref=row.raw_ref,
        content_hash=row.content_hash,
        near_duplicate_of=row.near_duplicate_of,
        near_duplicate_similarity=row.near_duplicate_similarity,
        near_duplicates=copies,
    )


def articles(
    ledger: Ledger,
    *,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> ArticlePage:
    """Stored articles, most recently ingested first."""
    limit = check_limit(limit)
    ar, ev = t.articles, t.events
    where: list[Any] = []
    if outlet:
        where.append(ar.c.outlet == outlet)
    where.extend(day_range(ar.c.published, since, until))
    with ledger.connect() as conn:
        if cursor:
            seq, last_id = decode_cursor(cursor, (str, str))
            try:
                ingested = datetime.fromisoformat(seq)
            except ValueError as e:
                raise LedgerError(
                    "cursor is not one this ledger issued for this list; pass next_cursor unchanged"
                ) from e
            where.append(
                or_(
                    ar.c.ingested_at < ingested,
                    and_(ar.c.ingested_at == ingested, ar.c.id < last_id),
                )
            )
        n_events = select(func.count()).where(ev.c.article_id == ar.c.id).scalar_subquery()
        query = (
            select(
                ar.c.id,
                ar.c.headline,
                ar.c.outlet,
                ar.c.published,
                ar.c.source_uri,
                ar.c.near_duplicate_of,
                ar.c.ingested_at,
                n_events.label("n"),
            )
            .where(*where)
            .order_by(ar.c.ingested_at.desc(), ar.c.id.desc())
            .limit(limit + 1)
        )
        raw_rows = conn.execute(query).all()
    rows = [
        ArticleSummary(
            r.id,
            r.headline,
            r.outlet,
            r.published,
            r.source_uri,
            r.near_duplicate_of,
            iso(r.ingested_at),
            r.n,
        )
        for r in raw_rows[:limit]
    ]
    more = len(raw_rows) > limit
    last = raw_rows[limit - 1] if more else None
    next_cursor = encode_cursor(iso(last.ingested_at), last.id) if last is not None else None
    return ArticlePage(rows, next_cursor)


def article_entity_ids(ledger: Ledger, article_id: str) -> dict[str, int]:
    """The article's local entity ids ("e1") -> canonical entity ids."""
    ae = t.article_entities
    with ledger.connect() as conn:
        return dict(
            conn.execute(
                select(ae.c.local_id, ae.c.entity_id).where(ae.c.article_id == article_id)
            ).all()
        )


# -- claims ----------------------------------------------------------------------------


# -- search, failures, stats -----------------------------------------------------------

_FTS_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _fts5_query(text_: str) -> str:
    """User text -> an FTS5 query that matches all its words (no FTS syntax is interpreted)."""
    tokens = _FTS_TOKEN.findall(text_)
    return " ".join(f'"{tok}"' for tok in tokens)


def search(
    ledger: Ledger, text: str, *, limit: int = 20, include_near_duplicates: bool = False
) -> list[SearchHit]:
    """Articles whose headline or body match all the words of ``text``, best first."""
    limit = check_limit(limit)
    if not text.strip():
        return []
    dup = "" if include_near_duplicates else "AND a.near_duplicate_of IS NULL"
    with ledger.connect() as conn:
        if conn.dialect.name == "sqlite":
            query_text = _fts5_query(text)
            if not query_text:
                return []
            sql = (
                "SELECT a.id, a.headline, a.outlet, a.published, "
                "snippet(articles_fts, 2, '[', ']', ' … ', 16) AS snippet, bm25(articles_fts) AS rank "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
                f"WHERE articles_fts MATCH :q {dup} ORDER BY rank LIMIT :n"
            )
            result = conn.execute(_sql(sql), {"q": query_text, "n": limit})
            return [
                SearchHit(r.id, r.headline, r.outlet, r.published, r.snippet, -float(r.rank))
                for r in result
            ]
        sql = (
            "SELECT a.id, a.headline, a.outlet, a.published, "
            "ts_headline('english', a.text, q, 'StartSel=[,StopSel=],MaxWords=30,MinWords=10') AS snippet, "
            "ts_rank(a.search_vector, q) AS rank "
            "FROM articles a, plainto_tsquery('english', :q) q "
            f"WHERE a.search_vector @@ q {dup} ORDER BY rank DESC LIMIT :n"
        )
        result = conn.execute(_sql(sql), {"q": text, "n": limit})
        return [
            SearchHit(r.id, r.headline, r.outlet, r.published, r.snippet, float(r.rank))
            for r in result
        ]


def search_page(
    ledger: Ledger, text: str, *, limit: int = 20, cursor: str | None = None
) -> tuple[list[SearchHit], str | None]:
    """A page of search hits; the cursor holds the offset (the database ranks, we slice)."""
    offset = decode_cursor(cursor, (int,))[0] if cursor else 0
    if offset < 0 or offset + limit >= MAX_LIMIT:
        raise LedgerError(f"search pages stop at the first {MAX_LIMIT} hits; narrow the query")
    hits = search(ledger, text, limit=offset + limit + 1)
    more = len(hits) > offset + limit
    return hits[offset : offset + limit], encode_cursor(offset + limit) if more else None


def _sql(sql: str) -> Any:
    return text(sql)


def failures(
    ledger: Ledger,
    *,
    limit: int = 100,
    since: str | datetime | None = None,
    warnings: bool = False,
) -> list[FailureRow]:
    """Recorded ingest failures, newest first; with ``warnings``, the warnings instead.

    A warning is a stored article with a problem to fix (stage ``warning``: no publication
    date), not a failed input.
    """
    limit = check_limit(limit)
    f = t.ingest_failures
    stage = f.c.stage == "warning" if warnings else f.c.stage != "warning"
    query = select(f).where(stage).order_by(f.c.occurred_at.desc(), f.c.id.desc()).limit(limit)
    if since:
        query = query.where(
            f.c.occurred_at >= (datetime.fromisoformat(since) if isinstance(since, str) else since)
        )
    with ledger.connect() as conn:
        return [
            FailureRow(r.id, r.source, r.reason, r.stage, iso(r.occurred_at))
            for r in conn.execute(query)
        ]


def stats(ledger: Ledger) -> LedgerStats:
    """Counts of what the ledger holds."""
    ar, ev = t.articles, t.events
    with ledger.connect() as conn:

        def count(table: Any, *where: Any) -> int:
            return int(
                conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
            )

        first, last = conn.execute(select(func.min(ev.c.sort_date), func.max(ev.c.sort_date))).one()
        return LedgerStats(
            articles=count(ar),
            near_duplicates=count(ar, ar.c.near_duplicate_of.is_not(None)),
            entities=count(t.entities),
            events=count(ev),
            claims=count(t.claims),
            failures=count(t.ingest_failures),
            first_date=first,
            last_date=last,
        )


def iter_records(
    ledger: Ledger,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    include_near_duplicates: bool = False,
) -> Iterator[ArticleRecord]:
    """Stored article records by publication date (articles without one last)."""
    ar = t.articles
    where = day_range(ar.c.published, since, until)
    if not include_near_duplicates:
        where.append(ar.c.near_duplicate_of.is_(None))
    query = (
        select(ar.c.record, ar.c.text)
        .where(*where)
        .order_by(ar.c.published.is_(None), ar.c.published, ar.c.ingested_at, ar.c.id)
    )
    with ledger.connect() as conn:
        for record_json, body in conn.execution_options(yield_per=CHUNK).execute(query):
            yield stored_record(record_json, body)
