"""Link a newly stored article to what the ledger already holds.

* The same event reported by several articles (or outlets) gets one ``fused_events`` row:
  same type, same actor and target (canonical entity, else the name), dates at most
  ``DAY_WINDOW`` days apart. The row counts the articles and outlets that report it; events of
  near-duplicate articles are linked but not counted (they are not new evidence).
* A denial (a claim with negative polarity) is linked to the allegations in other articles it
  denies, and an allegation to earlier denials of it, scored by the entities they share and
  the overlap of their content words (rules in ``extract/data/corroboration/denials.toml``).

Runs inside the caller's transaction, so an article and its links commit together.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, update

from newsledger.ledger import schema as t

DAY_WINDOW = 1
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class DenialRules:
    min_overlap: float
    min_entity_overlap: float
    min_word_overlap: float
    vague_score: float
    window_days: int
    max_links: int
    candidate_limit: int
    referring_nouns: frozenset[str]
    stop_words: frozenset[str]


@lru_cache(maxsize=1)
def denial_rules() -> DenialRules:
    path = resources.files("newsledger.extract").joinpath("data/corroboration/denials.toml")
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return DenialRules(
        min_overlap=float(data["min_overlap"]),
        min_entity_overlap=float(data["min_entity_overlap"]),
        min_word_overlap=float(data["min_word_overlap"]),
        vague_score=float(data["vague_score"]),
        window_days=int(data["window_days"]),
        max_links=int(data["max_links"]),
        candidate_limit=int(data["candidate_limit"]),
        referring_nouns=frozenset(data["referring_nouns"]),
        stop_words=frozenset(data["stop_words"]),
    )


def content_words(text: str, rules: DenialRules | None = None) -> set[str]:
    rules = rules or denial_rules()
    words = {w.casefold() for w in _WORD.findall(text)}
    return {w for w in words if w not in rules.stop_words and len(w) > 1}


def is_vague(text: str, rules: DenialRules | None = None) -> bool:
    """A denial that points back ("denied the reports") rather than restating what it denies."""
    rules = rules or denial_rules()
    words = content_words(text, rules)
    return not (words - rules.referring_nouns) or (
        bool(words & rules.referring_nouns) and len(words - rules.referring_nouns) <= 1
    )


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def overlap(a: str, b: str, rules: DenialRules | None = None) -> float:
    rules = rules or denial_rules()
    wa = content_words(a, rules) - rules.referring_nouns
    wb = content_words(b, rules) - rules.referring_nouns
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def link_article(
    conn: Connection, article_id: str, claim_ids: list[int], *, near_duplicate: bool = False
) -> None:
    fuse_events(conn, article_id)
    # A near-duplicate's claims are its original's: the original carries the links.
    if claim_ids and not near_duplicate:
        link_denials(conn, article_id, claim_ids)


# -- the same event from several articles ----------------------------------------------


def _ref(entity_id: int | None, key: str | None) -> str:
    if entity_id is not None:
        return f"e{entity_id}"
    return f"k:{key}" if key else "-"


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def fuse_events(conn: Connection, article_id: str) -> None:
    ev = t.events
    rows = conn.execute(
        select(
            ev.c.id,
            ev.c.type,
            ev.c.actor_entity_id,
            ev.c.actor_key,
            ev.c.target_entity_id,
            ev.c.target,
            ev.c.sort_date,
        ).where(ev.c.article_id == article_id)
    ).all()
    touched: set[int] = set()
    fe = t.fused_events
    for event_id, etype, actor_id, actor_key, target_id, target, day in rows:
        actor_ref = _ref(actor_id, actor_key)
        target_ref = _ref(target_id, " ".join(target.casefold().split()) if target else None)
        if actor_ref == "-" and target_ref == "-":
            continue  # nothing to tell two such events apart: never merge them
        fused_id = conn.execute(
            select(fe.c.id)
            .where(
                fe.c.type == etype,
                fe.c.actor_ref == actor_ref,
                fe.c.target_ref == target_ref,
                fe.c.date.between(_shift(day, -DAY_WINDOW), _shift(day, DAY_WINDOW)),
            )
            .order_by(fe.c.id)
            .limit(1)
        ).scalar()
        if fused_id is None:
            fused_id = conn.execute(
                insert(fe)
                .values(
                    type=etype,
                    actor_ref=actor_ref,
                    target_ref=target_ref,
                    actor_entity_id=actor_id,
                    target_entity_id=target_id,
                    date=day,
                    article_count=0,
                    outlet_count=0,
                    first_seen=day,
                )
                .returning(fe.c.id)
            ).scalar_one()
        conn.execute(update(ev).where(ev.c.id == event_id).values(fused_event_id=fused_id))
        touched.add(fused_id)
    for fused_id in touched:
        counts = conn.execute(
            select(
                func.count(func.distinct(ev.c.article_id)),
                func.count(func.distinct(ev.c.outlet)),
                func.min(ev.c.sort_date),
            ).where(ev.c.fused_event_id == fused_id, ev.c.is_evidence.is_(True))
        ).one()
        conn.execute(
            update(fe)
            .where(fe.c.id == fused_id)
            .values(article_count=counts[0], outlet_count=counts[1], first_seen=counts[2])
        )


# -- denials and what they deny --------------------------------------------------------


def _claim_entities(conn: Connection, claim_id: int) -> set[int]:
    about = {
        r
        for (r,) in conn.execute(
            select(t.claim_entities.c.entity_id).where(t.claim_entities.c.claim_id == claim_id)
        )
    }
    return about


def _source_entities(conn: Connection, claim_id: int) -> set[int]:
    return {
        r
        for (r,) in conn.execute(
            select(t.claim_sources.c.entity_id).where(
                t.claim_sources.c.claim_id == claim_id, t.claim_sources.c.entity_id.is_not(None)
            )
        )
    }


def link_denials(conn: Connection, article_id: str, claim_ids: list[int]) -> None:
    rules = denial_rules()
    c = t.claims
    new_claims = conn.execute(
        select(c.c.id, c.c.text, c.c.polarity, c.c.published).where(c.c.id.in_(claim_ids))
    ).all()
    links: dict[tuple[int, int], float] = {}
    for claim_id, text, polarity, published in new_claims:
        about = _claim_entities(conn, claim_id)
        entities = set(about)
        denying = polarity == "negative"
        if denying:
            # who denies counts as well: "X denied it" is about X's own alleged conduct
            entities |= _source_entities(conn, claim_id)
        if not entities:
            continue
        lo = _shift(published, -rules.window_days)
        hi = _shift(published, rules.window_days)
        wanted = sorted(entities)
        shares = c.c.id.in_(
            select(t.claim_entities.c.claim_id).where(t.claim_entities.c.entity_id.in_(wanted))
        )
        if not denying:
            # a denial is also "about" whoever issues it ("Russia denied its forces ...")
            shares = or_(
                shares,
                c.c.id.in_(
                    select(t.claim_sources.c.claim_id).where(
                        t.claim_sources.c.entity_id.in_(wanted)
                    )
                ),
            )
        candidates = conn.execute(
            select(c.c.id, c.c.text, c.c.published)
            .join(t.articles, t.articles.c.id == c.c.article_id)
            .where(
                shares,
                t.articles.c.near_duplicate_of.is_(None),
                c.c.article_id != article_id,
                c.c.polarity == ("positive" if denying else "negative"),
                c.c.published.between(lo, hi),
            )
            .order_by(c.c.published.desc(), c.c.id.desc())
            .limit(rules.candidate_limit)
        ).all()
        other_about: dict[int, set[int]] = {row[0]: set() for row in candidates}
        if other_about:
            for cid, eid in conn.execute(
                select(t.claim_entities.c.claim_id, t.claim_entities.c.entity_id).where(
                    t.claim_entities.c.claim_id.in_(sorted(other_about))
                )
            ):
                other_about[cid].add(eid)
        scored: list[tuple[float, int]] = []
        for other_id, other_text, other_published in candidates:
            denial_text, denial_day, alleg_day = (
                (text, published, other_published)
                if denying
                else (other_text, other_published, published)
            )
            words = overlap(text, other_text, rules)
            things = _jaccard(about, other_about[other_id])
            if words >= rules.min_overlap:
                scored.append((words, other_id))
            elif things >= rules.min_entity_overlap and words >= rules.min_word_overlap:
                # the same entities in other words ("Moscow ... from Pyongyang" against
                # "North Korea supplied ... to Russia"), with some wording in common
                scored.append(((words + things) / 2, other_id))
            elif is_vague(denial_text, rules) and alleg_day <= denial_day:
                scored.append((rules.vague_score, other_id))
        scored.sort(key=lambda s: -s[0])
        vague_taken = False
        for score, other_id in scored[: rules.max_links]:
            if score == rules.vague_score and score < rules.min_overlap:
                if vague_taken:
                    continue  # a pointing-back denial answers the latest allegation only
                vague_taken = True
            pair = (claim_id, other_id) if denying else (other_id, claim_id)
            links[pair] = max(score, links.get(pair, 0.0))
    if not links:
        return
    existing = {
        (a, b)
        for a, b in conn.execute(
            select(t.denials.c.denial_claim_id, t.denials.c.denied_claim_id).where(
                t.denials.c.denial_claim_id.in_(sorted({a for a, _ in links}))
            )
        )
    }
    rows = [
        {"denial_claim_id": a, "denied_claim_id": b, "basis": "cross-article", "score": round(s, 3)}
        for (a, b), s in links.items()
        if (a, b) not in existing
    ]
    if rows:
        conn.execute(insert(t.denials), rows)
