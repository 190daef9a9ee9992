"""Golden checks for events: our own must/must-not sentences, and the seed gold with an F1 floor."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsledger.extract.entities import extract_entities
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events import extract_events
from tests.conftest import SPEC, require_shared

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "events" / "sentences.jsonl"
SEED_GOLD = SPEC / "examples" / "000_5fbd16e163100449.gold.json"
DEV = SPEC.parent / "data" / "reuters21578" / "dev"
GENERAL = GOLDEN.parent / "general"
# Pinned floors (measured 2026-11-27: seed events F1 0.889, modality F1 0.889; Reuters dev
# events F1 0.568; our 15-article general set events F1 0.746, date F1 0.540); raise them when
# the extractor improves, never lower them silently.
SEED_EVENT_F1_FLOOR = 0.80
SEED_MODALITY_F1_FLOOR = 0.80
DEV_EVENT_F1_FLOOR = 0.52
GENERAL_EVENT_F1_FLOOR = 0.68
GENERAL_DATE_F1_FLOOR = 0.45

CASES = [
    json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()
]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_events_golden_sentences(nlp, case):
    doc = nlp(case["text"])
    events = extract_events(doc, EntityIndex(extract_entities(doc)), [], [], date(2025, 12, 27))
    found = [(e.type, e.actor or "", e.modality) for e in events]
    for want in case["must"]:
        assert any(
            t == want["type"]
            and want["actor"].lower() in a.lower()
            and ("modality" not in want or m == want["modality"])
            for t, a, m in found
        ), f"missing {want} in {found}"
    for etype in case["must_not"]:
        assert all(t != etype for t, _a, _m in found), f"unexpected {etype} in {found}"


def test_events_seed_gold_f1_floor(seed_record):
    from newsledger.evaluation.scoring import score_document

    gold = json.loads(require_shared(SEED_GOLD).read_text(encoding="utf-8"))
    score = score_document(gold, seed_record.to_dict())
    events = score.parts["events"]
    assert events.f1 >= SEED_EVENT_F1_FLOOR, (
        f"event F1 {events.f1:.3f} (tp {events.tp} fp {events.fp} fn {events.fn})"
    )
    assert score.parts["events.modality"].f1 >= SEED_MODALITY_F1_FLOOR


def test_events_seed_no_speculation_reported_as_actual(seed_record):
    text = seed_record.text
    for event in seed_record.events:
        sentence = (
            text[event.sentence_span[0] : event.sentence_span[1]] if event.sentence_span else ""
        )
        if " may " in sentence or " could " in sentence:
            clause_cue = any(
                w in text[event.span[0] - 40 : event.span[1]] for w in (" may ", " could ")
            )
            if clause_cue:
                assert event.modality != "actual", (event.type, event.trigger, sentence)


def test_events_seed_record_matches_the_schema(seed_record, article_schema):
    import jsonschema

    jsonschema.validate(seed_record.to_dict(), article_schema)
    assert seed_record.events


def test_events_reuters_dev_f1_floor():
    from newsledger.evaluation.scoring import Counts, score_document
    from newsledger.extract.pipeline import extract

    total = Counts()
    for gold_path in sorted(require_shared(DEV).glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold["doc"])
        record = extract(
            text_path.read_text(encoding="utf-8"),
            uri=str(text_path),
            reference_date=gold["reference_date"],
        )
        total.add(score_document(gold, record.to_dict()).parts["events"])
    assert total.f1 >= DEV_EVENT_F1_FLOOR, (
        f"dev event F1 {total.f1:.3f} (tp {total.tp} fp {total.fp} fn {total.fn})"
    )


def test_events_general_set_f1_floor():
    """Our own articles in many outlets' styles (tests/golden/events/general): events typed,
    attributed and dated on text the rules were not first written from."""
    from newsledger.evaluation.scoring import Counts, score_document
    from newsledger.extract.pipeline import extract

    events, dated = Counts(), Counts()
    golds = sorted(GENERAL.glob("*.gold.json"))
    assert len(golds) >= 15
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold["doc"])
        record = extract(
            text_path.read_text(encoding="utf-8"),
            uri=str(text_path),
            reference_date=gold["reference_date"],
        )
        parts = score_document(gold, record.to_dict()).parts
        events.add(parts["events"])
        dated.add(parts["events.date"])
    assert events.f1 >= GENERAL_EVENT_F1_FLOOR, (
        f"general event F1 {events.f1:.3f} (tp {events.tp} fp {events.fp} fn {events.fn})"
    )
    assert dated.f1 >= GENERAL_DATE_F1_FLOOR, f"general event-date F1 {dated.f1:.3f}"
