"""Typed records passed between pipeline stages.

Every record is plain data with character offsets into the cleaned article text
(Python string indices, end exclusive). JSON appears only at the boundaries, through
``to_dict`` / ``from_dict``; the field names follow ``shared/spec/OUTPUT.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_ID = "newsledger.article/1"

Span = tuple[int, int]
Modality = Literal["actual", "planned", "hypothetical", "negated"]
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
