"""Event confidence: evidence raises it, hedging and missing actors lower it, always in [0, 1]."""

from __future__ import annotations

from newsledger.extract.events_confidence import (
    Evidence,
    confidence,
    default_threshold,
    raw_score,
)
from newsledger.records import Event, EventTime
from tests.extract.test_events import one, run

STRONG = Evidence(verb_trigger=True, bare_trigger=True, background_clause=False)
WEAK = Evidence(verb_trigger=False, bare_trigger=False, background_clause=True)


def _event(**kw) -> Event:
    return Event("v1", "ATTACK", "attacked", (0, 8), **kw)


def test_events_confidence_named_repeated_dated_beats_agentless_hedged():
    good = _event(
        actor="Chile",
        actor_entity="e1",
        mentions=[(0, 8), (40, 48)],
        time=EventTime("2025-12-26"),
    )
    poor = _event(actor=None, modality="hypothetical")
    assert raw_score(good, STRONG) > raw_score(poor, WEAK)
    assert confidence(good, STRONG) >= default_threshold() > confidence(poor, WEAK)


def test_events_confidence_is_a_probability():
    for event in (_event(), _event(actor="Chile", actor_entity="e1")):
        for evidence in (STRONG, WEAK):
            assert 0.0 <= confidence(event, evidence) <= 1.0


def test_events_confidence_every_extracted_event_has_one(nlp):
    events = run(nlp, "Peru shelled rebel positions near the border. Peru denied the report.")
    assert all(e.confidence is not None for e in events)
    assert one(events, "ATTACK").confidence is not None
