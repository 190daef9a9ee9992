"""Sources -> raw articles -> records -> ledger: the one place where the stages meet.

Ingestion reads sources, extraction turns a raw article into a record, the ledger stores
records; none of them knows the others. This module puts them together for every caller: the
``ingest``, ``extract`` and ``eval`` commands, the web "add", and anything that runs extraction
elsewhere (worker processes, a cluster) and stores what comes back.

The pieces, for callers that split the work:

- :func:`read_sources` / :func:`read_text_paths`: inputs -> raw articles or read failures;
- :func:`extract_pairs` / :func:`extract_one`: raw articles -> records or extraction failures,
  given :class:`ExtractOptions` (plain data, so it travels to another process);
- :func:`store_results`: (raw, record-or-failure) pairs -> the ledger, one transaction per
  article, each input counted once in an :class:`IngestSummary` and reported to ``on_event``.

Every input ends as exactly one outcome: new, duplicate, near-duplicate, or failed with a
one-line reason (also recorded in the ledger's failures). A bad article never ends a batch.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, Literal

from newsledger.errors import LedgerError, NewsLedgerError
from newsledger.extract.version import extractor_version
from newsledger.fuse.contradictions import Contradiction, Report, find_contradictions
from newsledger.ingest.checks import checked
from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.textfile import iter_text_inputs
from newsledger.records import ArticleRecord, ExtractionStamp, RawArticle
from newsledger.settings import Settings, resolve_model_name

if TYPE_CHECKING:
    from newsledger.extract.pipeline import ExtractionFailure
    from newsledger.fuse import Fusion
    from newsledger.ledger import queries as lq
    from newsledger.ledger.export import ExportFormat
    from newsledger.ledger.store import Ledger

__all__ = [
    "count_inputs",
    "ExtractOptions",
    "IngestEvent",
    "IngestFailure",
    "IngestSummary",
    "Outcome",
    "add_raw",
    "export",
    "extract_one",
    "extract_pairs",
    "fusion",
    "ingest",
    "ingest_raw",
    "ontology_event_types",
    "plover_records",
    "read_sources",
    "read_text_paths",
    "record_failure",
    "store_results",
]

Outcome = Literal["new", "duplicate", "near_duplicate", "failed"]
Stage = Literal["ingest", "extract", "store", "warning"]
# Inputs looked up at once in a ledger that is not empty (one statement for all, instead of
# two round trips each): few enough that a run over slow sources (URLs) starts soon.
STORED_LOOKAHEAD = 16


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """How to extract: the same for every article of a run, and picklable for workers."""

    reference_date: date | None = None
    model: str | None = None
    batch_size: int = 16

    @classmethod
    def from_settings(
        cls, settings: Settings, *, reference_date: date | None = None
    ) -> ExtractOptions:
        return cls(reference_date=reference_date, model=settings.model)

    def stamp(self) -> ExtractionStamp:
        """What the ledger records about an extraction made with these options."""
        return ExtractionStamp(
            extractor_version(),
            self.reference_date.isoformat() if self.reference_date else None,
            resolve_model_name(self.model),
        )


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """What happened to one input (for progress reporting)."""

    outcome: Outcome
    source: str
    article_id: str | None = None
    duplicate_of: str | None = None
    reason: str | None = None
    # a stored article with a problem to fix (no publication date), or a duplicate stored
    # with other options than this run's (``reextract`` changes a stored article, not ingest)
    warning: str | None = None


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # (article id, stored options) of duplicates stored with other extraction options
    other_options: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.new + self.duplicate + self.near_duplicate + self.failed

    def count(self, event: IngestEvent) -> None:
        if event.outcome == "failed":
            self.failures.append((event.source, event.reason or "unknown failure"))
            return
        setattr(self, event.outcome, getattr(self, event.outcome) + 1)
        if event.warning is None:
            return
        if event.outcome == "duplicate" and event.article_id is not None:
            self.other_options.append((event.article_id, event.warning))
        else:
            self.warnings.append((event.source, event.warning))


OnEvent = Callable[[IngestEvent], None]
# raw articles -> (raw, record or failure) pairs: extract_pairs here, or worker processes
# (newsledger.parallel.extract_parallel) that yield in order of arrival.
Extractor = Callable[
    [Iterable[RawArticle], "ExtractOptions"],
    Iterator[tuple[RawArticle, "ArticleRecord | ExtractionFailure"]],
]


# -- reading ---------------------------------------------------------------------------


def read_sources(
    sources: Sequence[str], *, settings: Settings, allow_private: bool = False
) -> Iterator[RawArticle | IngestFailure]:
    """Files, directories, feeds, URLs and ``-`` -> raw articles, or a failure per bad input."""
    # Deferred on purpose: trafilatura and httpx load only when sources are read.
    from newsledger.ingest.sources import iter_sources

    return iter_sources(sources, settings=settings, allow_private=allow_private)


def count_inputs(sources: Sequence[str], *, settings: Settings) -> int | None:
    """About how many items ``read_sources`` will yield (None: a URL or stdin), for a total."""
    from newsledger.ingest.sources import count_items

    return count_items(sources, settings=settings)


def read_text_paths(
    paths: Sequence[str], *, max_bytes: int
) -> Iterator[RawArticle | IngestFailure]:
    """Plain-text files, directories of ``*.txt`` and ``-`` (stdin) -> raw articles or failures."""
    return iter_text_inputs(paths, max_bytes=max_bytes)


# -- extracting ------------------------------------------------------------------------


def extract_pairs(
    raws: Iterable[RawArticle], options: ExtractOptions
) -> Iterator[tuple[RawArticle, ArticleRecord | ExtractionFailure]]:
    """Each raw article with its record or failure, in input order, streaming.

    Raises only when extraction cannot start at all (the model is missing); a bad article
    yields a failure and the rest go on.
    """
    # Deferred on purpose: spaCy and its model load only when something is extracted.
    from newsledger.extract.pipeline import extract_many

    pending: deque[RawArticle] = deque()

    def feed() -> Iterator[RawArticle]:
        for raw in raws:
            pending.append(raw)
            yield raw

    for result in extract_many(
        feed(),
        reference_date=options.reference_date,
        model=options.model,
        batch_size=options.batch_size,
    ):
        yield pending.popleft(), result


def extract_one(raw: RawArticle, options: ExtractOptions) -> ArticleRecord | ExtractionFailure:
    """The record of one raw article, or why there is none."""
    for _raw, result in extract_pairs([raw], options):
        return result
    raise AssertionError("extraction yields one result per input")


# -- storing ---------------------------------------------------------------------------


def fusion() -> Fusion:
    """The fusion algorithms the ledger runs while it stores an article."""
    # Deferred on purpose: numpy and datasketch load only when something is stored.
    from newsledger.fuse import FUSION

    return FUSION


def record_failure(
    ledger: Ledger, source: str, reason: str, stage: Stage, *, strict: bool = True
) -> IngestEvent:
    """Note a failed input in the ledger and return its event.

    ``strict=False`` still returns the event when the ledger cannot record it (one article
    added through the web); a batch stops instead, since its ledger is failing.
    """
    if strict:
        ledger.add_failure(source, reason, stage=stage)
    else:
        with contextlib.suppress(NewsLedgerError):
            ledger.add_failure(source, reason, stage=stage)
    return IngestEvent("failed", source, reason=reason)


def store_result(
    ledger: Ledger,
    raw: RawArticle,
    result: ArticleRecord | ExtractionFailure,
    source: str,
    *,
    strict: bool = True,
    stamp: ExtractionStamp | None = None,
) -> IngestEvent:
    """Store one extraction result; a failure (of extraction or of storing) is recorded.

    A new article without a publication date is stored undated (never "today") and noted as
    a warning in the ledger's failures (``newsledger failures --warnings``).
    """
    if not isinstance(result, ArticleRecord):
        return record_failure(ledger, result.uri or source, result.reason, "extract", strict=strict)
    try:
        added = ledger.add(result, raw, stamp=stamp, fusion=fusion())
    except (LedgerError, NewsLedgerError) as e:
        record_failure(ledger, source, str(e), "store", strict=strict)
        return IngestEvent("failed", source, article_id=result.id, reason=str(e))
    warning = None
    if added.status != "duplicate" and not result.published:
        warning = (
            f"no publication date: article {added.article_id} and its events are undated; give "
            f"the date with `newsledger reextract --reference-date YYYY-MM-DD --where "
            f"id={added.article_id}`"
        )
        with contextlib.suppress(NewsLedgerError):
            ledger.add_failure(source, warning, stage="warning")
    return IngestEvent(added.status, source, added.article_id, added.duplicate_of, warning=warning)


def store_results(
    ledger: Ledger,
    pairs: Iterable[tuple[RawArticle, ArticleRecord | ExtractionFailure]],
    *,
    summary: IngestSummary | None = None,
    on_event: OnEvent | None = None,
    stamp: ExtractionStamp | None = None,
) -> IngestSummary:
    """Store extraction results as they come, one transaction per article.

    ``stamp`` records the extractor and options that made the records.
    """
    summary = summary if summary is not None else IngestSummary()
    for raw, result in pairs:
        event = store_result(ledger, raw, result, source_name(raw), stamp=stamp)
        _report(summary, event, on_event)
    return summary


def source_name(raw: RawArticle) -> str:
    return raw.uri or "<input>"


def _report(summary: IngestSummary, event: IngestEvent, on_event: OnEvent | None) -> None:
    summary.count(event)
    if on_event is not None:
        on_event(event)


# -- the whole way ---------------------------------------------------------------------


def ingest_raw(
    ledger: Ledger,
    items: Iterable[RawArticle | IngestFailure],
    *,
    options: ExtractOptions,
    on_event: OnEvent | None = None,
    extract: Extractor | None = None,
) -> IngestSummary:
    """Extract and store every raw article; failures are recorded and the batch goes on.

    A raw text that is already stored is skipped before extraction, so re-running a command
    after a crash only pays for what is left. ``extract`` defaults to :func:`extract_pairs`
    (this process); results are stored in the order it yields them.
    Ingest never changes a stored article: one stored with other options (reference date,
    model) is reported, for ``reextract``.
    """
    summary = IngestSummary()
    stamp = options.stamp()
    # Skipping already-stored inputs before extraction only saves time (``add`` is idempotent
    # by itself), and an empty ledger has nothing to skip: spare the lookups there. Elsewhere
    # inputs are looked up STORED_LOOKAHEAD at a time, in one statement.
    check_stored = ledger.has_articles()

    def to_extract() -> Iterator[RawArticle]:
        for batch in batched(items, STORED_LOOKAHEAD if check_stored else 1):
            raws = [item for item in batch if isinstance(item, RawArticle)]
            found = iter(ledger.stored_raws(raws) if check_stored and raws else [None] * len(raws))
            for item in batch:
                if isinstance(item, IngestFailure):
                    event = record_failure(ledger, item.source, item.reason, "ingest")
                    _report(summary, event, on_event)
                    continue
                stored = next(found)
                if stored is not None:
                    article_id, stored_stamp = stored
                    note = _other_options(stored_stamp, stamp)
                    event = IngestEvent(
                        "duplicate", source_name(item), article_id, article_id, warning=note
                    )
                    _report(summary, event, on_event)
                    continue
                yield item

    pairs = (extract or extract_pairs)(to_extract(), options)
    return store_results(ledger, pairs, summary=summary, on_event=on_event, stamp=stamp)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` consecutive items (the last one shorter), read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _other_options(stored: ExtractionStamp | None, wanted: ExtractionStamp) -> str | None:
    """How the stored extraction's options differ from this run's, if they do."""
    if stored is None:
        return None
    differences = []
    if stored.reference_date != wanted.reference_date:
        differences.append(
            f"reference date {stored.reference_date or 'none'} (this run: "
            f"{wanted.reference_date or 'none'})"
        )
    if stored.model is not None and stored.model != wanted.model:
        differences.append(f"model {stored.model} (this run: {wanted.model})")
    return "stored with " + ", ".join(differences) if differences else None


def ingest(
    ledger: Ledger,
    sources: Sequence[str],
    *,
    settings: Settings,
    allow_private: bool = False,
    reference_date: date | None = None,
    on_event: OnEvent | None = None,
    extract: Extractor | None = None,
) -> IngestSummary:
    """Ingest files, directories, feeds and URLs into ``ledger``."""
    items = read_sources(sources, settings=settings, allow_private=allow_private)
    options = ExtractOptions.from_settings(settings, reference_date=reference_date)
    return ingest_raw(ledger, items, options=options, on_event=on_event, extract=extract)


def add_raw(ledger: Ledger, raw: RawArticle, *, settings: Settings, source: str) -> IngestEvent:
    """Extract one article with the configured model and store it (the web "add").

    ``raw`` gets the checks every read source gets (NUL stripped, date range-checked).
    """
    raw = checked(raw)
    try:
        result = extract_one(raw, ExtractOptions.from_settings(settings))
    except NewsLedgerError as e:  # the model could not be loaded: this article fails
        return record_failure(ledger, source, getattr(e, "reason", str(e)), "extract", strict=False)
    if not isinstance(result, ArticleRecord):
        return record_failure(ledger, source, result.reason, "extract", strict=False)
    stamp = ExtractOptions.from_settings(settings).stamp()
    return store_result(ledger, raw, result, source, strict=False, stamp=stamp)


# -- out of the ledger -----------------------------------------------------------------


@dataclass(slots=True)
class FusedEventView:
    """A fused event as a reader sees it: every report, and where the reports disagree."""

    event: lq.FusedEvent
    contradictions: list[Contradiction]

    def to_dict(self) -> dict[str, Any]:
        e = self.event
        return {
            "id": e.id,
            "type": e.type,
            "actor": e.actor,
            "target": e.target,
            "date": e.date,
            "article_count": e.article_count,
            "outlet_count": e.outlet_count,
            "outlets": e.outlets,
            "reports": [r.to_dict() for r in e.reports],
            "contradictions": [c.to_dict() for c in self.contradictions],
        }


def fused_event(ledger: Ledger, fused_id: int) -> FusedEventView | None:
    """The same event from every article that reports it, with their disagreements."""
    # Deferred on purpose: `newsledger extract` uses this module without the database stack.
    from newsledger.ledger.queries import fused_event as read_fused_event

    event = read_fused_event(ledger, fused_id)
    if event is None:
        return None
    reports = [
        Report(r.event.article_id, r.event.outlet, r.event.modality, r.evidence)
        for r in event.reports
        if r.event.is_evidence
    ]
    return FusedEventView(event, find_contradictions(reports, event.denials))


def min_confidence(settings: Settings) -> float:
    """The confidence below which events are hidden by default: the setting if given, else the
    extractor's calibrated default (precision >= 0.85 on real articles, BENCHMARKS.md)."""
    if settings.min_confidence is not None:
        return settings.min_confidence
    # Deferred on purpose: reading commands get the number without loading the extractor.
    from newsledger.extract.events_confidence import default_threshold

    return default_threshold()


def ontology_event_types() -> tuple[str, ...]:
    """The event types of the ontology (extraction's lexicon), for checking a user's filter."""
    # Deferred on purpose: the event lexicon loads only when a type is checked.
    from newsledger.extract.events_lexicon import EVENT_TYPES

    return tuple(EVENT_TYPES)


def plover_records(record: ArticleRecord) -> list[dict[str, Any]]:
    """The record's events in PLOVER form (extraction's mapping of our event types)."""
    # Deferred on purpose: the event lexicon loads only for PLOVER output.
    from newsledger.extract.plover import plover_records as to_plover

    return to_plover(record)


def export(
    ledger: Ledger,
    fmt: ExportFormat,
    out: IO[str] | IO[bytes] | str,
    *,
    since: date | None = None,
    until: date | None = None,
    min_confidence: float | None = None,
) -> int:
    """Export the ledger (``ledger.export``), with PLOVER events mapped by extraction."""
    # Deferred on purpose: `newsledger extract` uses this module without the database stack.
    from newsledger.ledger.export import export as write

    return write(
        ledger,
        fmt,
        out,
        since=since,
        until=until,
        plover=plover_records,
        min_confidence=min_confidence,
    )
