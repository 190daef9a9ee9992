"""Event confidence: evidence raises it, hedging and missing actors lower it, always in [0, 1]."""

from __future__ import annotations

from newsledger.extract.events_confidence import (
    FEATURES,
    Evidence,
    confidence,
    default_threshold,
    features,
    raw_score,
)
from newsledger.records import Event, EventTime
from tests.extract.test_events import one, run

STRONG = Evidence(
    verb_trigger=True,
    bare_trigger=True,
    background_clause=False,
    actor_kind="GPE",
    actor_in_headline=True,
    actor_is_topic=True,
    in_lead=True,
    article_events=6,
)
WEAK = Evidence(verb_trigger=False, bare_trigger=False, background_clause=True)


def _event(type: str = "ATTACK", **kw) -> Event:
    return Event("v1", type, "attacked", (0, 8), **kw)


def test_events_confidence_named_repeated_dated_beats_agentless_hedged():
    # a weapons test: the model trusts attacks less (their actors are the hardest to get right),
    # so the strongest attack may still sit under the default threshold
    good = _event(
        "WEAPONS_TEST",
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


def test_events_confidence_features_follow_the_model_order():
    event = _event(actor="Chile", actor_entity="e1", type="DENY")
    row = features(event, STRONG)
    assert len(row) == len(FEATURES)
    on = {name for name, x in zip(FEATURES, row, strict=True) if x}
    assert {"named_actor", "actor_state", "actor_in_headline", "type_DENY"} <= on
    assert "no_actor" not in on and "type_ATTACK" not in on
