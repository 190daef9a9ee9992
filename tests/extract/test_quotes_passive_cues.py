"""A passive verb of saying: its subject is what is said about, except for "quoted" and kin.

Sentences written here; the whole pipeline runs so that coreference and claims take part.
"""

from __future__ import annotations

import pytest

from newsledger import extract


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract(text, reference_date="2025-06-10").quotes]


@pytest.mark.parametrize(
    "text",
    [
        'The delay is described as so costly that the board has "put on hold" every new route.',
        'The new levy was characterised as "a tax on the poor" in Tuesday\'s debate.',
    ],
)
def test_what_a_passive_verb_of_saying_is_about_does_not_speak(text):
    assert _speakers(text) == [None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will not retreat," Kofi Mensah was quoted saying.', "Kofi Mensah"),
        ('Kofi Mensah was quoted as saying: "We will not retreat."', "Kofi Mensah"),
    ],
)
def test_the_one_quoted_speaks(text, speaker):
    assert _speakers(text) == [speaker]


def test_a_warship_never_speaks():
    text = (
        'The nuclear carrier Theodore Roosevelt entered the port to insist on the "joint posture".'
    )
    quotes = extract(text, reference_date="2025-06-10").quotes
    assert quotes and all(q.speaker is None for q in quotes), quotes
