"""Golden entity test for the seed article: what must and must not be extracted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "entities"
SEED_GOLDEN = json.loads((GOLDEN / "seed_000_5fbd16e163100449.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("expected", SEED_GOLDEN["must_extract"], ids=lambda e: e["name"])
def test_entities_golden_seed_must_extract(seed_record, expected):
    found = [e for e in seed_record.entities if e.name == expected["name"]]
    assert len(found) == 1, [(e.name, e.type) for e in seed_record.entities]
    entity = found[0]
    assert entity.type == expected["type"]
    missing = set(expected["aliases"]) - set(entity.aliases)
    assert not missing, f"{entity.name}: aliases {entity.aliases} lack {missing}"
    if "mentions" in expected:
        assert len(entity.mentions) == expected["mentions"]
    text = seed_record.text
    for s, e in entity.mentions:
        assert text[s:e].strip() == text[s:e] and text[s:e]
    if "every" in expected:
        starts = {s for s, _ in entity.mentions}
        for m in re.finditer(rf"\b{re.escape(expected['every'])}\b", text):
            assert m.start() in starts, text[m.start() - 30 : m.end() + 30]


@pytest.mark.parametrize("unwanted", SEED_GOLDEN["must_not_extract"], ids=lambda e: e["name"])
def test_entities_golden_seed_must_not_extract(seed_record, unwanted):
    assert unwanted["name"] not in {e.name for e in seed_record.entities}, unwanted["why"]


def test_entities_golden_seed_weapon_classes_are_classes(seed_record):
    weapons = [e for e in seed_record.entities if e.type == "WEAPON"]
    assert weapons
    assert all(e.weapon_class == e.name for e in weapons)
