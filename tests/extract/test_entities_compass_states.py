"""'the North' / 'the South' stand for the one state the article names with that word.

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
