"""Typed records passed between pipeline stages.

Every record is plain data with character offsets into the cleaned article text
(Python string indices, end exclusive). JSON appears only at the boundaries, through
``to_dict`` / ``from_dict``; the field names follow ``shared/spec/OUTPUT.md``.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal, get_args

SCHEMA_ID = "newsledger.article/1"

Span = tuple[int, int]
Modality = Literal["actual", "planned", "hypothetical", "negated"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)
Polarity = Literal["positive", "negative"]
PublishedBasis = Literal["metadata", "dateline", "inferred", "reference"]
SourceFormat = Literal["text", "html", "feed", "json"]


@dataclass(slots=True)
class RawArticle:
    """An article as ingestion hands it to extraction: text plus whatever metadata came with it."""

    text: str
    uri: str | None = None
    format: SourceFormat = "text"
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date from metadata (HTML, feed, JSON Lines)
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    # What tells this input apart from another with the same text: a feed item's link and
    # title (two items may share a summary and still be two stories). None for a plain text.
    identity: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractionStamp:
    """Which extractor made an extraction and the options it ran with (kept by the ledger)."""

    extractor_version: str | None  # None: not known (a record made outside the extractor)
    reference_date: str | None = None  # ISO day
    model: str | None = None


@dataclass(slots=True)
class Source:
    uri: str | None
    format: SourceFormat = "text"
    outlet: str | None = None


@dataclass(slots=True)
class Dateline:
    text: str
    place: str | None
    date: str | None  # ISO date, year resolved
    span: Span | None = None  # offsets into the *raw* text the dateline was read from
    outlet: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    # WEAPON entities: the class a named system belongs to ("Hwasong-18" -> ICBM)
    weapon_class: str | None = None


@dataclass(slots=True)
class TimeExpression:
    text: str
    span: Span
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class SourceRef:
    name: str
    entity: str | None = None
    cue: str | None = None


@dataclass(slots=True)
class Quote:
    text: str
    span: Span
    speaker: str | None
    speaker_entity: str | None = None
    cue: str | None = None


@dataclass(slots=True)
class Claim:
    text: str
    span: Span
    sources: list[SourceRef] = field(default_factory=list)
    polarity: Polarity = "positive"
    hedged: bool = False
    # index of the claim this one denies, when polarity is negative and it refers back
    denies: int | None = None
    cue: str | None = None


@dataclass(slots=True)
class EventTime:
    value: str | None
    start: str | None = None
    end: str | None = None
    text: str | None = None


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: str
    span: Span
    actor: str | None = None
    actor_entity: str | None = None
    target: str | None = None
    target_entity: str | None = None
    object: str | None = None
    location: str | None = None
    time: EventTime | None = None
    modality: Modality = "actual"
    sources: list[SourceRef] = field(default_factory=list)
    claim: int | None = None
    plover: str | None = None
    sentence_span: Span | None = None
    # how likely the event is right, in [0, 1], from its evidence (``events_confidence``);
    # None on records written before confidence existed
    confidence: float | None = None
    # every span in ``text`` that tells this event (the first is ``span``): lead, recap, quote
    mentions: list[Span] = field(default_factory=list)
    # the event's words in the headline (offsets into ``headline``), when the headline tells it
    headline_span: Span | None = None


@dataclass(slots=True)
class ArticleRecord:
    id: str
    source: Source
    headline: str | None
    dateline: Dateline | None
    published: str | None
    published_basis: PublishedBasis | None
    text: str
    language: str = "en"
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of ``shared/spec/OUTPUT.md`` (spans as lists)."""
        data = asdict(self)
        data = _tuples_to_lists(data)
        if self.dateline is not None:
            data["dateline"] = {
                "text": self.dateline.text,
                "place": self.dateline.place,
                "date": self.dateline.date,
            }
        return {"schema": SCHEMA_ID, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:
        dateline = data.get("dateline")
        return cls(
            id=data["id"],
            source=Source(**data["source"]),
            headline=data.get("headline"),
            dateline=Dateline(dateline["text"], dateline.get("place"), dateline.get("date"))
            if dateline
            else None,
            published=data.get("published"),
            published_basis=data.get("published_basis"),
            text=data["text"],
            language=data.get("language", "en"),
            entities=[
                Entity(**{**e, "mentions": [tuple(m) for m in e.get("mentions", [])]})
                for e in data.get("entities", [])
            ],
            times=[
                TimeExpression(**{**t, "span": tuple(t["span"])}) for t in data.get("times", [])
            ],
            quotes=[Quote(**{**q, "span": tuple(q["span"])}) for q in data.get("quotes", [])],
            claims=[
                Claim(
                    **{
                        **c,
                        "span": tuple(c["span"]),
                        "sources": [SourceRef(**s) for s in c.get("sources", [])],
                    }
                )
                for c in data.get("claims", [])
            ],
            events=[_event_from_dict(v) for v in data.get("events", [])],
            warnings=list(data.get("warnings", [])),
        )


def _event_from_dict(data: dict[str, Any]) -> Event:
    time = data.get("time")
    sentence_span = data.get("sentence_span")
    headline_span = data.get("headline_span")
    return Event(
        **{
            **data,
            "span": tuple(data["span"]),
            "mentions": [tuple(m) for m in data.get("mentions", [])],
            "headline_span": tuple(headline_span) if headline_span else None,
            "time": EventTime(**time) if time else None,
            "sources": [SourceRef(**s) for s in data.get("sources", [])],
            "sentence_span": tuple(sentence_span) if sentence_span else None,
        }
    )


def _tuples_to_lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tuples_to_lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tuples_to_lists(v) for v in value]
    return value


# -- what every stored record keeps to ---------------------------------------------------

# The ledger's date range. Nothing in a news archive predates 1800, and an article cannot
# report events more than a year after it is ingested; a date outside the range is a typo, a
# parsing accident or hostile input, and it would make date arithmetic (chart buckets, week
# numbers) overflow. Such a date is dropped; the text that expressed it stays.
EARLIEST_DATE = date(1800, 1, 1)
# TimeML's vague values, as a reader says them: no display prints the raw value.
TIME_LABELS = {"PAST_REF": "earlier", "PRESENT_REF": "now", "FUTURE_REF": "coming"}


def time_label(value: str | None) -> str | None:
    """A TIMEX3 value for display: "earlier", "now", "coming" for the vague references, the
    value itself (a day, week, month, year or period) otherwise."""
    if value is None:
        return None
    return TIME_LABELS.get(value, value)


LATEST_AHEAD = timedelta(days=366)
_CALENDAR_VALUE = re.compile(r"([+-]?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?")


def latest_date(today: date | None = None) -> date:
    """The last day a stored date may name: one year after ``today`` (ingest time)."""
    today = today or date.today()
    return today + LATEST_AHEAD if today <= date.max - LATEST_AHEAD else date.max


def date_out_of_range(value: str | None, today: date | None = None) -> bool:
    """Whether ``value`` names a year, month or day outside the ledger's range.

    Only calendar values are judged ("2025", "2025-12", "2025-12-27", "2025-W52", "0001-01-01");
    anything else (a duration, "XXXX-12-25", free text) is not a date and is left alone.
    """
    return _beyond(value, latest_date(today))


def _beyond(value: str | None, last: date) -> bool:
    """:func:`date_out_of_range` with the last storable day worked out by the caller."""
    if not value:
        return False
    match = _CALENDAR_VALUE.match(value.strip())
    if match is None:
        return False
    year = int(match.group(1))
    if not EARLIEST_DATE.year <= year <= last.year:
        return True
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and day is not None:
        try:
            return not EARLIEST_DATE <= date(year, month, day) <= last
        except ValueError:
            return False  # not a calendar day ("2025-13-45"): other checks refuse it
    return month is not None and (year, month) > (last.year, last.month)


def date_range_text(today: date | None = None) -> str:
    return f"{EARLIEST_DATE.isoformat()} to {latest_date(today).isoformat()}"


def bound_record_dates(record: ArticleRecord, today: date | None = None) -> ArticleRecord:
    """``record``, or a copy with every out-of-range date dropped and a warning for each.

    Dropped: the publication date, the dateline's date, time expressions' values and event
    times' values (their text stays, so a reader still sees what the article said).
    """
    if not _has_date_out_of_range(record, today):
        return record
    out = copy.deepcopy(record)
    where = date_range_text(today)
    if date_out_of_range(out.published, today):
        out.warnings.append(f"publication date {out.published} dropped: outside {where}")
        out.published = None
        out.published_basis = None
    if out.dateline is not None and date_out_of_range(out.dateline.date, today):
        out.warnings.append(f"dateline date {out.dateline.date} dropped: outside {where}")
        out.dateline.date = None
    for tx in out.times:
        if any(date_out_of_range(v, today) for v in (tx.value, tx.start, tx.end)):
            out.warnings.append(f"time {tx.text!r} ({tx.value}) kept as text: outside {where}")
            tx.value = tx.start = tx.end = None
    for ev in out.events:
        time = ev.time
        if time and any(date_out_of_range(v, today) for v in (time.value, time.start, time.end)):
            out.warnings.append(
                f"event {ev.id} time {time.text or time.value!r} kept as text: outside {where}"
            )
            time.value = time.start = time.end = None
    return out


def _has_date_out_of_range(record: ArticleRecord, today: date | None) -> bool:
    values: list[str | None] = [record.published]
    if record.dateline is not None:
        values.append(record.dateline.date)
    for tx in record.times:
        values += (tx.value, tx.start, tx.end)
    for ev in record.events:
        if ev.time is not None:
            values += (ev.time.value, ev.time.start, ev.time.end)
    last = latest_date(today)  # once per record, not once per value
    return any(_beyond(v, last) for v in values if v)


# U+0000 ends a C string: PostgreSQL refuses it in text columns and terminals and files
# truncate at it. It never carries meaning in an article.
NUL = "\x00"
# A lone surrogate (U+D800 to U+DFFF, e.g. "\ud800" in JSON) is not a character: no UTF-8
# encoder writes it, so neither database can store it.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def strip_nul(value: str) -> str:
    return value.replace(NUL, "") if NUL in value else value


def replace_surrogates(value: str) -> str:
    """Lone surrogates replaced by U+FFFD (the string keeps its length)."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def replace_unstorable(record: ArticleRecord) -> ArticleRecord:
    """``record``, or a copy with NUL and lone surrogates replaced by U+FFFD, and a warning.

    Spans stay valid: each replaced character is one character. Ingestion removes both before
    extraction; this is the last guard, for records built elsewhere.
    """
    if not _holds_unstorable(record):
        return record
    out: ArticleRecord = _storable(record)
    out.warnings.append("NUL characters or lone surrogates replaced by U+FFFD")
    return out


def _holds_unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if value is None or isinstance(value, int | float):
        return False
    if isinstance(value, tuple):  # spans: numbers only
        return any(isinstance(v, str) and _holds_unstorable(v) for v in value)
    if isinstance(value, list):
        return any(_holds_unstorable(v) for v in value)
    names = _field_names(type(value))  # type: ignore[arg-type]  # a dataclass type is hashable
    return any(_holds_unstorable(getattr(value, name)) for name in names)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names (``fields()`` per call costs more than the walk itself)."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else ()


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_storable(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _storable(getattr(value, f.name)) for f in fields(value)})
    return value


HighlightKind = Literal["entity", "quote", "claim", "event", "time"]


@dataclass(frozen=True, slots=True)
class Highlight:
    """One highlightable stretch of a record's text and what it is."""

    kind: HighlightKind
    start: int
    end: int
    key: str  # the entity's or event's id; the index of a quote, claim or time
    label: str | None = None  # an entity's type


def highlights(record: ArticleRecord) -> list[Highlight]:
    """Every highlightable span of a record: entity mentions, quotes, claims, events, times."""
    found: list[Highlight] = []
    for entity in record.entities:
        for start, end in entity.mentions:
            found.append(Highlight("entity", start, end, entity.id, entity.type))
    for i, quote in enumerate(record.quotes):
        found.append(Highlight("quote", quote.span[0], quote.span[1], str(i)))
    for i, claim in enumerate(record.claims):
        found.append(Highlight("claim", claim.span[0], claim.span[1], str(i)))
    for event in record.events:
        found.append(Highlight("event", event.span[0], event.span[1], event.id))
    for i, time in enumerate(record.times):
        found.append(Highlight("time", time.span[0], time.span[1], str(i)))
    return found
