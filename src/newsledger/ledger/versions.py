"""Reading an article's extraction versions, and what changed between two of them.

Every article has extractions numbered from 1 (table ``extractions``); the current one is in
``articles.record`` and the extraction tables, earlier ones as record JSON. ``record_at``
reads any of them as an ``ArticleRecord``; ``diff_events`` says which events a newer version
added, removed or changed; ``extractor_counts`` is what ``newsledger status`` prints.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord, Event, _tuples_to_lists

__all__ = [
    "EventChange",
    "EventDiff",
    "VersionInfo",
    "article_versions",
    "diff_events",
    "extractor_counts",
    "record_at",
    "resolve_article_id",
]

# The event fields a reader sees; a difference in any of them is a change.
_COMPARED = ("trigger", "actor", "target", "object", "location", "time", "modality", "sources")


@dataclass(frozen=True, slots=True)
class VersionInfo:
    version: int
    extractor_version: str | None  # None: made before versions were recorded
    reference_date: str | None
    model: str | None
    created_at: str
    current: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "extractor_version": self.extractor_version,
            "reference_date": self.reference_date,
            "model": self.model,
            "created_at": self.created_at,
            "current": self.current,
        }


def resolve_article_id(ledger: Ledger, given: str) -> str:
    """The stored article id ``given`` names: the id itself or a unique prefix of one."""
    a = t.articles
    given = given.strip()
    if not given:
        raise LedgerError("an article id is empty; list articles with `newsledger events`")
    with ledger.connect() as conn:
        if conn.execute(select(a.c.id).where(a.c.id == given)).scalar() is not None:
            return given
        escaped = given.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found = list(
            conn.execute(
                select(a.c.id)
                .where(a.c.id.like(escaped + "%", escape="\\"))
                .order_by(a.c.id)
                .limit(6)
            ).scalars()
        )
    if len(found) == 1:
        return found[0]
    if not found:
        raise LedgerError(
            f"no article {given!r} in the ledger; find ids with `newsledger search` or "
            "`newsledger events`"
        )
    shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
    raise LedgerError(f"article id prefix {given!r} is ambiguous ({shown}); give more characters")


def article_versions(ledger: Ledger, article_id: str) -> list[VersionInfo]:
    """The article's extractions, oldest first (empty when there is no such article)."""
    a, x = t.articles, t.extractions
    with ledger.connect() as conn:
        rows = conn.execute(
            select(
                x.c.version,
                x.c.extractor_version,
                x.c.reference_date,
                x.c.model,
                x.c.created_at,
                a.c.extraction_version,
            )
            .join(a, a.c.id == x.c.article_id)
            .where(x.c.article_id == article_id)
            .order_by(x.c.version)
        ).all()
    return [
        VersionInfo(
            r.version,
            r.extractor_version,
            r.reference_date,
            r.model,
            r.created_at.isoformat() if hasattr(r.created_at, "isoformat") else str(r.created_at),
            r.version == r.extraction_version,
        )
        for r in rows
    ]


def record_at(ledger: Ledger, article_id: str, version: int | None = None) -> ArticleRecord:
    """The article's record at ``version`` (default: the current one)."""
    a, x = t.articles, t.extractions
    with ledger.connect() as conn:
        article = conn.execute(
            select(a.c.record, a.c.text, a.c.extraction_version).where(a.c.id == article_id)
        ).first()
        if article is None:
            raise LedgerError(f"no article {article_id!r} in the ledger")
        if version is None or version == article.extraction_version:
            return _record(article.record, article.text)
        stored = conn.execute(
            select(x.c.record).where(x.c.article_id == article_id, x.c.version == version)
        ).first()
    if stored is None or stored.record is None:
        known = ", ".join(str(v.version) for v in article_versions(ledger, article_id))
        raise LedgerError(
            f"article {article_id} has no extraction version {version} (it has {known})"
        )
    return _record(stored.record, article.text)


def _record(record_json: str, text: str) -> ArticleRecord:
    data = json.loads(record_json)
    data.setdefault("text", text)  # a superseded record carries its own text only if it differed
    return ArticleRecord.from_dict(data)


def extractor_counts(ledger: Ledger) -> list[tuple[str | None, int]]:
    """(extractor version, articles whose current extraction it made), most articles first."""
    a = t.articles
    with ledger.connect() as conn:
        rows = conn.execute(
            select(a.c.extractor_version, func.count())
            .group_by(a.c.extractor_version)
            .order_by(func.count().desc(), a.c.extractor_version)
        ).all()
    return [(version, count) for version, count in rows]


@dataclass(frozen=True, slots=True)
class EventChange:
    old: Event
    new: Event
    fields: tuple[str, ...]


@dataclass(slots=True)
class EventDiff:
    added: list[Event] = field(default_factory=list)
    removed: list[Event] = field(default_factory=list)
    changed: list[EventChange] = field(default_factory=list)
    unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        def plain(event: Event) -> Any:
            return _tuples_to_lists(asdict(event))

        return {
            "added": [plain(e) for e in self.added],
            "removed": [plain(e) for e in self.removed],
            "changed": [
                {"old": plain(c.old), "new": plain(c.new), "fields": list(c.fields)}
                for c in self.changed
            ],
            "unchanged": self.unchanged,
        }


def _field(event: Event, name: str) -> Any:
    value = getattr(event, name)
    if name == "time":
        return None if value is None else (value.value, value.start, value.end)
    if name == "sources":
        return tuple(s.name for s in value)
    return value


def _overlap(a: Event, b: Event) -> int:
    return min(a.span[1], b.span[1]) - max(a.span[0], b.span[0])


def diff_events(old: Sequence[Event], new: Sequence[Event]) -> EventDiff:
    """Events ``new`` added, removed and changed relative to ``old``.

    Two events are the same event when their types agree and their trigger spans overlap
    (the best overlap wins, each event pairs at most once); a pair that differs in what a
    reader sees (trigger, actor, target, object, place, time, modality, sources) is changed.
    """
    diff = EventDiff()
    unmatched = list(old)
    for event in new:
        candidates = [o for o in unmatched if o.type == event.type and _overlap(o, event) > 0]
        if not candidates:
            diff.added.append(event)
            continue
        match = max(candidates, key=lambda o: (_overlap(o, event), -abs(o.span[0] - event.span[0])))
        unmatched.remove(match)
        fields = tuple(n for n in _COMPARED if _field(match, n) != _field(event, n))
        if fields:
            diff.changed.append(EventChange(match, event, fields))
        else:
            diff.unchanged += 1
    diff.removed = unmatched
    return diff
