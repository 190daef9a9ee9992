"""Names that tell no party or no event: a word of a body's name, a state named in what is said."""

from __future__ import annotations

import pytest

from tests.extract.test_events import of_type, run


@pytest.mark.parametrize(
    "text",
    [
        "The argument has been raised in the past by the Organisation for Economic Cooperation "
        "and Development.",
        "Ministers of the Shanghai Cooperation Organisation met in Astana.",
    ],
)
def test_events_names_a_word_of_a_bodys_name_tells_no_event(nlp, text) -> None:
    assert of_type(run(nlp, text), "COOPERATION") == []


def test_events_names_the_same_word_outside_the_name_still_tells_one(nlp) -> None:
    text = "Chile and Peru pledged to deepen their military cooperation."
    assert of_type(run(nlp, text), "COOPERATION") != []


def test_events_names_a_state_in_what_is_agreed_is_no_party(nlp) -> None:
    # analysts agreeing in their view sign nothing, and Washington is in what they say
    text = "Analysts agreed that the strike reflected a careful bid by Washington."
    assert of_type(run(nlp, text), "AGREEMENT") == []
    text = "Chile agreed to a ceasefire with Peru."
    assert [(e.actor, e.target) for e in of_type(run(nlp, text), "AGREEMENT")] == [
        ("Chile", "Peru")
    ]


@pytest.mark.parametrize(
    ("text", "accord"),
    [
        ("Experts from the Lindqvist Institute agreed the strike was restrained.", False),
        ("Chile and Peru agreed that the talks would resume.", True),
    ],
)
def test_events_names_agreeing_on_a_view_is_no_accord(nlp, text, accord) -> None:
    assert bool(of_type(run(nlp, text), "AGREEMENT")) is accord
