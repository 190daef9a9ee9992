"""The event data files: every entry typed, noted, and every condition known to the code."""

from __future__ import annotations

import json
from importlib import resources

from newsledger.extract.events_lexicon import EVENT_TYPES, load_lexicon
from newsledger.extract.events_rules import condition


def _rows(name: str) -> list[dict]:
    text = (
        resources.files("newsledger.extract")
        .joinpath("data", "events", name)
        .read_text(encoding="utf-8")
    )
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_events_lexicon_entries_have_types_and_notes():
    for row in _rows("triggers.jsonl"):
        assert row["type"] in EVENT_TYPES, row
        assert row.get("note"), row
    for row in _rows("objects.jsonl"):
        assert row["class"] in {"weapon", "facility", "force", "unit"} and row.get("note"), row


def test_events_lexicon_conditions_all_resolve():
    lex = load_lexicon()
    for rules in lex.triggers.values():
        for rule in rules:
            if rule.requires:
                assert callable(condition(rule.requires)), rule


def test_events_lexicon_covers_every_type_and_maps_plover():
    lex = load_lexicon()
    covered = {rule.type for rules in lex.triggers.values() for rule in rules}
    assert covered == set(EVENT_TYPES)
    assert set(lex.plover) == set(EVENT_TYPES)
    assert lex.plover["ORDER"].get("plover") is None and lex.plover["ATTACK"]["plover"] == "ASSAULT"
