"""PLOVER-style export: one JSON object per event (``newsledger extract --format plover``).

Field names follow the PLOVER gold-standard records (``event``, ``mode``, ``context``,
``eventText``-like ``event_text``) with our actor and recipient names. Type, mode and context
are mapped as ``ONTOLOGY.md`` says (``data/events/plover.toml``); types PLOVER has no
equivalent for (ORDER, DENY, INSPECTION) keep ``event: null`` and their own ``newsledger_type``
so no event is silently dropped.
"""

from __future__ import annotations

import re
from typing import Any

from newsledger.extract.events_lexicon import load_lexicon
from newsledger.records import ArticleRecord, Event

__all__ = ["plover_fields", "plover_records"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _words(text: str | None) -> list[str]:
    return _WORD.findall(text.lower()) if text else []


def plover_fields(event: Event) -> tuple[str | None, str, str]:
    """PLOVER (event, mode, context) for one of our events."""
    lex = load_lexicon()
    entry = lex.plover.get(event.type, {})
    plover = event.plover if event.plover is not None else (entry.get("plover") or None)
    mode = entry.get("mode", "")
    if event.type == "ACCUSE" and event.modality == "hypothetical":
        mode = entry.get("mode_hypothetical", mode)
    trigger_words = _words(event.trigger)
    object_words = _words(event.object)
    for word in trigger_words:
        if word in lex.trigger_modes:
            mode = lex.trigger_modes[word]
    if event.type in {"ATTACK", "DEPLOYMENT"}:
        for word in object_words:
            singular = word[:-1] if word.endswith("s") else word
            found = lex.object_modes.get(word) or lex.object_modes.get(singular)
            if found:
                mode = found
                break
        if event.type == "DEPLOYMENT" and any(
            lex.objects.get(w[:-1] if w.endswith("s") else w) == "weapon" for w in object_words
        ):
            mode = "weapons"
    if plover == "COOPERATE" and event.type == "MILITARY_EXERCISE":
        mode = ""
    context = entry.get("context", "")
    for word in object_words:
        if word in lex.object_contexts:
            context = lex.object_contexts[word]
            break
    return plover, mode, context


def _date(event: Event, record: ArticleRecord) -> tuple[str | None, str]:
    time = event.time
    if time is not None:
        if time.start and _ISO_DATE.match(time.start):
            return time.start, "event"
        if time.value and _ISO_DATE.match(time.value):
            return time.value, "event"
    return record.published, "published"


def plover_records(record: ArticleRecord) -> list[dict[str, Any]]:
    """One PLOVER-style dict per event of ``record``, in text order."""
    out: list[dict[str, Any]] = []
    for event in record.events:
        plover, mode, context = plover_fields(event)
        date, basis = _date(event, record)
        sentence = None
        if event.sentence_span is not None:
            s, e = event.sentence_span
            sentence = record.text[s:e]
        out.append(
            {
                "id": f"{record.id}-{event.id}",
                "date": date,
                "date_basis": basis,
                "time": event.time.value if event.time else None,
                "actor": event.actor,
                "actor_entity": event.actor_entity,
                "recipient": event.target,
                "recipient_entity": event.target_entity,
                "event": plover,
                "mode": mode,
                "context": context,
                "newsledger_type": event.type,
                "modality": event.modality,
                "event_text": event.trigger,
                "object": event.object,
                "location": event.location,
                "text": sentence,
                "offsets": {"start": event.span[0], "end": event.span[1]},
                "sentence_offsets": list(event.sentence_span) if event.sentence_span else None,
                "sources": [s.name for s in event.sources],
                "cite": {
                    "article_id": record.id,
                    "uri": record.source.uri,
                    "outlet": record.source.outlet,
                    "headline": record.headline,
                    "published": record.published,
                },
                "language": record.language,
            }
        )
    return out
