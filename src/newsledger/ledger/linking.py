"""The SQL that links a newly stored article to what the ledger already holds.

* The same event reported by several articles (or outlets) gets one ``fused_events`` row,
  which counts the articles and outlets that report it; events of near-duplicate articles
  are linked but not counted (they are not new evidence).
* A denial is linked to the allegations in other articles it denies, and an allegation to
  earlier denials of it.

Which mentions are one event and which claims deny which are decided by a :class:`Fusion`,
the algorithms the pipeline hands the ledger (``newsledger.fuse``); this module only finds
candidates and writes links. Runs inside the caller's transaction, so an article and its links
commit together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Connection, and_, bindparam, func, insert, or_, select, update

from newsledger.ledger import driver
from newsledger.ledger import schema as t
from newsledger.ledger.bulk import insert_rows
from newsledger.ledger.lists import in_values


class Fusion(Protocol):
    """What the ledger asks of the fusion algorithms while it stores an article.

    Event keys are the fusion's own values; the ledger reads their ``type``, ``actor``,
    ``target`` and ``day`` to find candidates and to store a fused event.
    """

    @property
    def day_window(self) -> int: ...

    def signature(self, text: str) -> bytes: ...

    def band_keys(self, sig: bytes) -> list[tuple[int, int]]: ...

    def similarity(self, a: bytes, b: bytes) -> float | None: ...

    def event_key(self, row: Mapping[str, Any]) -> Any: ...

    def stored_key(self, type: str, actor: str, target: str, day: str) -> Any: ...

    def fusable(self, key: Any) -> bool: ...

    def names_target(self, key: Any) -> bool: ...

    def same_event(self, key: Any, candidates: Sequence[tuple[int, Any]]) -> int | None: ...

    def sharpened(self, known: Any, key: Any) -> Any | None: ...

    def denial_window_days(self) -> int: ...

    def denial_candidate_limit(self) -> int: ...

    def denials(
        self,
        text: str,
        published: str,
        about: set[int],
        options: Sequence[Any],
        other_about: dict[int, set[int]],
        *,
        denying: bool,
    ) -> list[tuple[float, int]]: ...


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    """A claim just stored, with the canonical entities it mentions and its sources' entities."""

    id: int
    text: str
    polarity: str
    published: str  # '' when the article is undated: the claim then links to nothing
    about: frozenset[int]
    sources: frozenset[int]


def link_article(
    conn: Connection,
    article_id: str,
    claims: list[ClaimInfo],
    *,
    fused_ids: set[int],
    fusion: Fusion,
    near_duplicate: bool = False,
) -> None:
    """After the article's rows are in: refresh the counts of its fused events, link denials."""
    refresh_counts(conn, fused_ids)
    # A near-duplicate's claims are its original's: the original carries the links. An
    # undated claim has no window to look for its denial in.
    dated = [c for c in claims if c.published]
    if dated and not near_duplicate:
        link_denials(conn, article_id, dated, fusion)


# -- the same event from several articles ----------------------------------------------


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except OverflowError:  # within `days` of year 1 or 9999: the calendar's end is the bound
        return (date.max if days > 0 else date.min).isoformat()


def assign_fused_events(conn: Connection, rows: list[dict[str, Any]], fusion: Fusion) -> set[int]:
    """Set ``fused_event_id`` on event rows about to be inserted, creating fused events.

    Returns the fused events these rows belong to. Which mentions are one event is the
    fusion's decision (``fusion.same_event``); mentions it cannot tell apart from others of
    their type (``fusion.fusable``) are never merged.
    """
    fe = t.fused_events
    keyed = [(row, fusion.event_key(row)) for row in rows]
    keyed = [(row, key) for row, key in keyed if fusion.fusable(key) and row["sort_date"]]
    # (an undated event: nothing says when, so nothing says it is the same event)
    if not keyed:
        return set()
    # One statement, one index range per (type, actor): a frequent actor has fused events on
    # every day, and only nearby ones matter.
    spans: dict[tuple[str, str], list[str]] = {}
    for _, key in keyed:
        spans.setdefault((key.type, key.actor), []).append(key.day)
    terms = [
        and_(
            fe.c.type == etype,
            fe.c.actor_ref == actor,
            fe.c.date.between(
                _shift(min(days), -fusion.day_window), _shift(max(days), fusion.day_window)
            ),
        )
        for (etype, actor), days in spans.items()
    ]
    pool: dict[tuple[str, str], list[tuple[int, Any]]] = {}
    for fid, ftype, actor_ref, target_ref, day in conn.execute(
        select(fe.c.id, fe.c.type, fe.c.actor_ref, fe.c.target_ref, fe.c.date)
        .where(or_(*terms))
        .order_by(fe.c.id)
    ):
        pool.setdefault((ftype, actor_ref), []).append(
            (fid, fusion.stored_key(ftype, actor_ref, target_ref, day))
        )
    # Mentions that name their target go first; a mention without one (a recap: "the attack")
    # then joins what this article's own mentions of the type and actor joined, if anything.
    keyed.sort(key=lambda item: not fusion.names_target(item[1]))
    own: dict[tuple[str, str], list[tuple[int, Any]]] = {}
    for row, key in keyed:
        candidates = pool.setdefault((key.type, key.actor), [])
        match = None
        if not fusion.names_target(key):
            match = fusion.same_event(key, own.get((key.type, key.actor), []))
        if match is None:
            match = fusion.same_event(key, candidates)
        if match is None:
            # A new fused event; the article's later mentions of it (lead after headline) join it.
            match = conn.execute(
                _INSERT_FUSED,
                [
                    {
                        "type": key.type,
                        "actor_ref": key.actor,
                        "target_ref": key.target,
                        "actor_entity_id": row.get("actor_entity_id"),
                        "target_entity_id": row.get("target_entity_id"),
                        "date": key.day,
                        "article_count": 0,
                        "outlet_count": 0,
                        "first_seen": key.day,
                    }
                ],
            ).scalar_one()
            candidates.append((match, key))
        else:
            _sharpen(conn, candidates, match, key, row, fusion)
        own.setdefault((key.type, key.actor), []).append((match, key))
        row["fused_event_id"] = match
    return {row["fused_event_id"] for row, _ in keyed}


def _sharpen(
    conn: Connection,
    candidates: list[tuple[int, Any]],
    fused_id: int,
    key: Any,
    row: dict[str, Any],
    fusion: Fusion,
) -> None:
    """A fused event known without a target takes the first target a report gives it, so
    that it does not go on to absorb reports of other targets (a peak, then positions)."""
    index = next(i for i, (cid, _) in enumerate(candidates) if cid == fused_id)
    sharper = fusion.sharpened(candidates[index][1], key)
    if sharper is None:
        return
    candidates[index] = (fused_id, sharper)
    conn.execute(
        update(t.fused_events)
        .where(t.fused_events.c.id == fused_id)
        .values(target_ref=key.target, target_entity_id=row.get("target_entity_id"))
    )


_INSERT_FUSED = insert(t.fused_events).returning(t.fused_events.c.id, sort_by_parameter_order=True)


@cache
def _update_counts(dialect: str) -> Any:
    """One statement: each listed fused event's articles, outlets and first day, counted from
    its evidence (events of near-duplicates are not), and written in place (UPDATE ... FROM)."""
    ev, fe = t.events, t.fused_events
    counts = (
        select(
            ev.c.fused_event_id.label("fid"),
            func.count(func.distinct(ev.c.article_id)).label("n_articles"),
            func.count(func.distinct(ev.c.outlet)).label("n_outlets"),
            func.min(ev.c.sort_date).label("first"),
        )
        .where(
            in_values(ev.c.fused_event_id, "fids", dialect),
            ev.c.is_evidence.is_(True),
        )
        .group_by(ev.c.fused_event_id)
        .subquery("counts")
    )
    return (
        update(fe)
        .where(fe.c.id == counts.c.fid)
        .values(
            article_count=counts.c.n_articles,
            outlet_count=counts.c.n_outlets,
            first_seen=counts.c.first,
        )
    )


def refresh_counts(conn: Connection, fused_ids: set[int]) -> None:
    """Articles and outlets reporting each fused event (evidence only: no near-duplicates)."""
    if fused_ids:
        driver.rows(conn, _update_counts(conn.dialect.name), {"fids": sorted(fused_ids)})


# -- denials and what they deny --------------------------------------------------------


def _entity_sets(conn: Connection, table: Any, claim_ids: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {cid: set() for cid in claim_ids}
    if claim_ids:
        for cid, eid in driver.rows(
            conn, _entity_set_query(conn.dialect.name, table), {"ids": claim_ids}
        ):
            out[cid].add(eid)
    return out


@cache
def _entity_set_query(dialect: str, table: Any) -> Any:
    return select(table.c.claim_id, table.c.entity_id).where(
        in_values(table.c.claim_id, "ids", dialect), table.c.entity_id.is_not(None)
    )


def _candidates(
    conn: Connection,
    article_id: str,
    entities: set[int],
    *,
    polarity: str,
    lo: str,
    hi: str,
    limit: int,
    by_source: bool,
) -> Sequence[Any]:
    """Claims of ``polarity`` from other (non-copy) articles in [lo, hi] sharing an entity."""
    return driver.rows(
        conn,
        _candidate_query(conn.dialect.name, by_source),
        {
            "entities": sorted(entities),
            "article_id": article_id,
            "polarity": polarity,
            "lo": lo,
            "hi": hi,
            "limit": limit,
        },
        named=True,
    )


@cache
def _candidate_query(dialect: str, by_source: bool) -> Any:
    c = t.claims
    shares: ColumnElement[bool] = c.c.id.in_(
        select(t.claim_entities.c.claim_id).where(
            in_values(t.claim_entities.c.entity_id, "entities", dialect)
        )
    )
    if by_source:
        # a denial is also "about" whoever issues it ("Russia denied its forces ...")
        shares = or_(
            shares,
            c.c.id.in_(
                select(t.claim_sources.c.claim_id).where(
                    in_values(t.claim_sources.c.entity_id, "entities", dialect)
                )
            ),
        )
    # "Not a near-duplicate's claim" as NOT EXISTS, probed by the article's key, rather than
    # a join: on tables PostgreSQL has not analysed yet (a fresh ledger's first minute) the
    # join was planned as a nested loop over every original article for each claim in the
    # window (162 ms against 26 ms per call at 600 stories; 1.3 against 1.0 ms analysed).
    copies = select(t.articles.c.id).where(
        t.articles.c.id == c.c.article_id, t.articles.c.near_duplicate_of.is_not(None)
    )
    return (
        select(c.c.id, c.c.text, c.c.published)
        .where(
            shares,
            ~copies.exists(),
            c.c.article_id != bindparam("article_id"),
            c.c.polarity == bindparam("polarity"),
            c.c.published.between(bindparam("lo"), bindparam("hi")),
        )
        .order_by(c.c.published.desc(), c.c.id.desc())
        .limit(bindparam("limit"))
    )


def link_denials(
    conn: Connection, article_id: str, claims: list[ClaimInfo], fusion: Fusion
) -> None:
    """Link this article's denials to allegations elsewhere, and its allegations to denials."""
    window, limit = fusion.denial_window_days(), fusion.denial_candidate_limit()
    new_claims = claims
    about = {info.id: set(info.about) for info in claims}
    sources = {info.id: set(info.sources) for info in claims}
    links: dict[tuple[int, int], float] = {}

    # Allegations in this article against earlier (or later-dated) denials: one query for all,
    # since denials are few and most articles have several positive claims.
    positives = [row for row in new_claims if row.polarity != "negative" and about[row.id]]
    denial_pool: Sequence[Any] = []
    if positives:
        days = [row.published for row in positives]
        denial_pool = _candidates(
            conn,
            article_id,
            set().union(*(about[row.id] for row in positives)),
            polarity="negative",
            lo=_shift(min(days), -window),
            hi=_shift(max(days), window),
            limit=limit,
            by_source=True,
        )
    pool_ids = [row.id for row in denial_pool]
    pool_about = _entity_sets(conn, t.claim_entities, pool_ids) if pool_ids else {}
    pool_sources = _entity_sets(conn, t.claim_sources, pool_ids) if pool_ids else {}
    for row in positives:
        lo, hi = _shift(row.published, -window), _shift(row.published, window)
        options = [
            d
            for d in denial_pool
            if lo <= d.published <= hi and about[row.id] & (pool_about[d.id] | pool_sources[d.id])
        ]
        for score, denial_id in fusion.denials(
            row.text, row.published, about[row.id], options, pool_about, denying=False
        ):
            links[(denial_id, row.id)] = max(score, links.get((denial_id, row.id), 0.0))

    # Denials in this article against allegations elsewhere.
    for row in new_claims:
        if row.polarity != "negative":
            continue
        entities = about[row.id] | sources[row.id]
        if not entities:
            continue
        allegations = _candidates(
            conn,
            article_id,
            entities,
            polarity="positive",
            lo=_shift(row.published, -window),
            hi=_shift(row.published, window),
            limit=limit,
            by_source=False,
        )
        other_about = _entity_sets(conn, t.claim_entities, [o.id for o in allegations])
        for score, alleg_id in fusion.denials(
            row.text, row.published, about[row.id], allegations, other_about, denying=True
        ):
            links[(row.id, alleg_id)] = max(score, links.get((row.id, alleg_id), 0.0))

    if not links:
        return
    existing = {
        (a, b)
        for a, b in driver.rows(
            conn, _existing_denials(conn.dialect.name), {"ids": sorted({a for a, _ in links})}
        )
    }
    rows = [
        {"denial_claim_id": a, "denied_claim_id": b, "basis": "cross-article", "score": round(s, 3)}
        for (a, b), s in links.items()
        if (a, b) not in existing
    ]
    insert_rows(conn, t.denials, rows)


@cache
def _existing_denials(dialect: str) -> Any:
    d = t.denials
    return select(d.c.denial_claim_id, d.c.denied_claim_id).where(
        in_values(d.c.denial_claim_id, "ids", dialect)
    )
