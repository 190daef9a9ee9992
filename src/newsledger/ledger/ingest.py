"""Sources -> raw articles -> records -> ledger, streaming, one transaction per article.

Used by ``newsledger ingest`` and by anything else that feeds the ledger. Every input ends
as exactly one outcome: new, duplicate, near-duplicate, or failed with a one-line reason
(also recorded in the ledger's failures). A raw text that is already stored is skipped before
extraction, so re-running a command after a crash only pays for what is left.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from newsledger.errors import LedgerError, NewsLedgerError
from newsledger.ledger.store import Ledger
from newsledger.records import RawArticle
from newsledger.settings import Settings

Outcome = Literal["new", "duplicate", "near_duplicate", "failed"]


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """What happened to one input (for progress reporting)."""

    outcome: Outcome
    source: str
    article_id: str | None = None
    duplicate_of: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.new + self.duplicate + self.near_duplicate + self.failed

    def count(self, event: IngestEvent) -> None:
        if event.outcome == "failed":
            self.failures.append((event.source, event.reason or "unknown failure"))
        else:
            setattr(self, event.outcome, getattr(self, event.outcome) + 1)


def iter_raw(
    sources: Sequence[str], *, settings: Settings, allow_private: bool = False
) -> Iterator[RawArticle | tuple[str, str]]:
    """Raw articles, or (source, reason) for inputs that could not be read."""
    from newsledger.ingest.sources import iter_sources

    for item in iter_sources(sources, settings=settings, allow_private=allow_private):
        if isinstance(item, RawArticle):
            yield item
        else:
            yield (item.source, item.reason)


def ingest_raw(
    ledger: Ledger,
    items: Iterable[RawArticle | tuple[str, str]],
    *,
    reference_date: date | None = None,
    model: str | None = None,
    on_event: Callable[[IngestEvent], None] | None = None,
) -> IngestSummary:
    """Extract and store every raw article; failures are recorded and the batch goes on."""
    from newsledger.extract.pipeline import ExtractionFailure, extract_many

    summary = IngestSummary()

    def report(event: IngestEvent) -> None:
        summary.count(event)
        if event.outcome == "failed":
            ledger.add_failure(
                event.source,
                event.reason or "unknown failure",
                stage="extract" if event.article_id is None else "store",
            )
        if on_event is not None:
            on_event(event)

    # Skipping already-stored inputs before extraction only saves time (``add`` is idempotent
    # by itself), and an empty ledger has nothing to skip: spare the lookup per input there.
    check_stored = ledger.has_articles()

    # Raw articles handed to extraction, in order: extract_many yields one result per input.
    pending: deque[RawArticle] = deque()

    def to_extract() -> Iterator[RawArticle]:
        for item in items:
            if isinstance(item, tuple):
                source, reason = item
                summary.count(IngestEvent("failed", source, reason=reason))
                ledger.add_failure(source, reason, stage="ingest")
                if on_event is not None:
                    on_event(IngestEvent("failed", source, reason=reason))
                continue
            stored = ledger.stored_raw(item) if check_stored else None
            if stored is not None:
                event = IngestEvent("duplicate", item.uri or "<input>", stored, stored)
                summary.count(event)
                if on_event is not None:
                    on_event(event)
                continue
            pending.append(item)
            yield item

    for result in extract_many(to_extract(), reference_date=reference_date, model=model):
        raw = pending.popleft()
        source = raw.uri or "<input>"
        if isinstance(result, ExtractionFailure):
            report(IngestEvent("failed", result.uri or source, reason=result.reason))
            continue
        try:
            added = ledger.add(result, raw)
        except (LedgerError, NewsLedgerError) as e:
            report(IngestEvent("failed", source, article_id=result.id, reason=str(e)))
            continue
        event = IngestEvent(added.status, source, added.article_id, added.duplicate_of)
        summary.count(event)
        if on_event is not None:
            on_event(event)
    return summary


def ingest(
    ledger: Ledger,
    sources: Sequence[str],
    *,
    settings: Settings,
    allow_private: bool = False,
    reference_date: date | None = None,
    on_event: Callable[[IngestEvent], None] | None = None,
) -> IngestSummary:
    """Ingest files, directories, feeds and URLs into ``ledger``."""
    items = iter_raw(sources, settings=settings, allow_private=allow_private)
    return ingest_raw(
        ledger, items, reference_date=reference_date, model=settings.model, on_event=on_event
    )
