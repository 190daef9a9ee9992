"""Watched sources: the feeds and pages `newsledger watch` polls, with their health and schedule.

The state (validators for conditional GET, errors, the next poll) lives in the ledger, so every
process and the web UI see the same thing, and a watcher killed at any moment resumes from it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select, update

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger


@dataclass(frozen=True, slots=True)
class WatchedSource:
    id: int
    url: str
    every_seconds: int
    fetch_articles: bool
    allow_private: bool
    etag: str | None
    last_modified: str | None
    added_at: datetime
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    consecutive_errors: int
    items_seen: int
    articles_added: int
    next_poll_at: datetime


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def item_key(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes for timezone-aware columns: they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _source(row: object) -> WatchedSource:
    values = dict(row._mapping)  # type: ignore[attr-defined]
    values.pop("url_key", None)
    for name in ("added_at", "last_polled_at", "last_success_at", "last_error_at", "next_poll_at"):
        values[name] = _aware(values[name])
    return WatchedSource(**values)


def add_source(
    ledger: Ledger,
    url: str,
    *,
    every_seconds: int,
    fetch_articles: bool = False,
    allow_private: bool = False,
) -> WatchedSource:
    """Start watching ``url``; due at once. Refuses a URL already watched."""
    if every_seconds < 60:
        raise LedgerError(f"--every {every_seconds}s: poll at most once a minute")
    now = datetime.now(UTC)
    with ledger.engine.begin() as conn:
        if conn.execute(select(t.sources.c.id).where(t.sources.c.url_key == url_key(url))).first():
            raise LedgerError(f"{url}: already watched (sources list)")
        conn.execute(
            insert(t.sources).values(
                url=url,
                url_key=url_key(url),
                every_seconds=every_seconds,
                fetch_articles=fetch_articles,
                allow_private=allow_private,
                added_at=now,
                consecutive_errors=0,
                items_seen=0,
                articles_added=0,
                next_poll_at=now,
            )
        )
        row = conn.execute(select(t.sources).where(t.sources.c.url_key == url_key(url))).one()
    return _source(row)


def find_source(ledger: Ledger, ref: str) -> WatchedSource | None:
    """A source by its id (as text) or its exact URL."""
    with ledger.connect() as conn:
        if ref.isdigit() and len(ref) < 19:
            row = conn.execute(select(t.sources).where(t.sources.c.id == int(ref))).first()
        else:
            row = conn.execute(select(t.sources).where(t.sources.c.url_key == url_key(ref))).first()
    return _source(row) if row else None


def remove_source(ledger: Ledger, ref: str) -> WatchedSource | None:
    source = find_source(ledger, ref)
    if source is None:
        return None
    with ledger.engine.begin() as conn:
        conn.execute(delete(t.source_items).where(t.source_items.c.source_id == source.id))
        conn.execute(delete(t.sources).where(t.sources.c.id == source.id))
    return source


def list_sources(ledger: Ledger) -> list[WatchedSource]:
    with ledger.connect() as conn:
        rows = conn.execute(select(t.sources).order_by(t.sources.c.id)).all()
    return [_source(r) for r in rows]


def due_sources(ledger: Ledger, now: datetime) -> list[WatchedSource]:
    with ledger.connect() as conn:
        rows = conn.execute(
            select(t.sources)
            .where(t.sources.c.next_poll_at <= now)
            .order_by(t.sources.c.next_poll_at)
        ).all()
    return [_source(r) for r in rows]


def record_success(
    ledger: Ledger,
    source_id: int,
    *,
    now: datetime,
    next_poll_at: datetime,
    etag: str | None,
    last_modified: str | None,
    items_seen: int,
    articles_added: int,
) -> None:
    s = t.sources
    with ledger.engine.begin() as conn:
        conn.execute(
            update(s)
            .where(s.c.id == source_id)
            .values(
                last_polled_at=now,
                last_success_at=now,
                consecutive_errors=0,
                etag=etag,
                last_modified=last_modified,
                items_seen=s.c.items_seen + items_seen,
                articles_added=s.c.articles_added + articles_added,
                next_poll_at=next_poll_at,
            )
        )


def record_error(
    ledger: Ledger, source_id: int, *, now: datetime, error: str, next_poll_at: datetime
) -> None:
    s = t.sources
    with ledger.engine.begin() as conn:
        conn.execute(
            update(s)
            .where(s.c.id == source_id)
            .values(
                last_polled_at=now,
                last_error=error[:500],
                last_error_at=now,
                consecutive_errors=s.c.consecutive_errors + 1,
                next_poll_at=next_poll_at,
            )
        )


def seen_items(ledger: Ledger, source_id: int, keys: list[str]) -> set[str]:
    """Which of these item keys the source has handled already."""
    if not keys:
        return set()
    si = t.source_items
    found: set[str] = set()
    with ledger.connect() as conn:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            found.update(
                k
                for (k,) in conn.execute(
                    select(si.c.item_key).where(
                        si.c.source_id == source_id, si.c.item_key.in_(chunk)
                    )
                )
            )
    return found


def mark_item(ledger: Ledger, source_id: int, key: str, article_id: str | None) -> None:
    """Remember an item as handled (after its article is stored, or after it failed for good)."""
    si = t.source_items
    with ledger.engine.begin() as conn:
        if conn.execute(
            select(si.c.item_key).where(si.c.source_id == source_id, si.c.item_key == key)
        ).first():
            return
        conn.execute(
            insert(si).values(
                source_id=source_id, item_key=key, article_id=article_id, seen_at=datetime.now(UTC)
            )
        )


def backoff(every_seconds: int, consecutive_errors: int, cap_seconds: int = 6 * 3600) -> timedelta:
    """Delay before the next poll after ``consecutive_errors`` failures in a row: the interval
    doubled per failure, capped (the cap never below the interval itself)."""
    delay = every_seconds * 2 ** max(0, consecutive_errors)
    return timedelta(seconds=min(delay, max(cap_seconds, every_seconds)))
