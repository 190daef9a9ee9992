"""States named by a description: "the North" / "the South" for the one state the article names
with that word; "the Islamic Republic" for Iran.

Sentences written here; the whole pipeline runs.
"""

from __future__ import annotations

import pytest

from newsledger import extract


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "North Korea fired two missiles on Monday. The North called the drills hostile.",
            "North Korea",
        ),
        (
            "South Sudan and Sudan clashed again. The South accused Khartoum of bombing.",
            "South Sudan",
        ),
    ],
)
def test_the_compass_word_stands_for_the_one_state_named_with_it(text, state):
    entities = {e.name: e for e in extract(text).entities}
    assert state in entities, entities
    assert not any(name in ("North", "South") for name in entities), entities


def test_the_compass_word_stays_a_region_with_no_such_state_named():
    entities = {e.name for e in extract("Floods hit the South of England on Monday.").entities}
    assert "South Sudan" not in entities and "South Korea" not in entities, entities


def test_the_islamic_republic_standing_alone_is_iran():
    text = "Tehran rejected the sanctions. The Islamic Republic says the measures are illegal."
    entities = {e.name: e for e in extract(text).entities}
    assert "Iran" in entities and "Islamic Republic" not in entities, entities
    pakistan = {e.name for e in extract("The Islamic Republic of Pakistan held a vote.").entities}
    assert "Iran" not in pakistan, pakistan
