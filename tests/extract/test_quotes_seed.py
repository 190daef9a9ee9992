"""The seed article: all four quotes with the right speaker, claim sources F1 >= 0.8."""

from __future__ import annotations

import json

from newsledger.evaluation.scoring import score_document
from tests.conftest import SPEC, require_shared

SEED_GOLD = SPEC / "examples" / "000_5fbd16e163100449.gold.json"


def _gold() -> dict:
    return json.loads(require_shared(SEED_GOLD).read_text(encoding="utf-8"))


def test_quotes_seed_all_quotes_with_their_speakers(seed_record) -> None:
    score = score_document(_gold(), seed_record.to_dict())
    speakers = score.parts["quotes.speaker"]
    assert speakers.tp == 4 and speakers.fn == 0, score.errors


def test_quotes_seed_claim_source_f1(seed_record) -> None:
    score = score_document(_gold(), seed_record.to_dict())
    assert score.parts["claims.source"].f1 >= 0.8, score.errors


def test_quotes_seed_denial_is_negative_and_unnamed_sources_keep_their_phrase(seed_record) -> None:
    negative = [c for c in seed_record.claims if c.polarity == "negative"]
    assert any("arms to Russia" in c.text for c in negative)
    names = {s.name.lower() for c in seed_record.claims for s in c.sources}
    assert {"military analysts", "some analysts", "state-run media"} <= names
