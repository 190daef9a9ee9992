"""Event words that tell no event or no party: a word of a name, a shared view, an approval."""

from __future__ import annotations

import pytest

from tests.extract.test_events import of_type, run


@pytest.mark.parametrize(
    "text",
    [
        "The argument has been raised in the past by the Organisation for Economic Cooperation "
        "and Development.",
        "Ministers of the Shanghai Cooperation Organisation met in Astana.",
        "The Asia-Pacific Economic Cooperation forum has agreed to set up a research center.",
    ],
)
def test_events_senses_a_word_of_a_bodys_name_tells_no_event(nlp, text) -> None:
    assert of_type(run(nlp, text), "COOPERATION") == []


def test_events_senses_a_name_ending_on_the_event_word_is_the_event(nlp) -> None:
    # wire copy once capitalised the word after "U.S.": the tagger then reads a name
    text = "The community will not issue a statement on the U.S. Attack on Iran for now."
    assert of_type(run(nlp, text), "ATTACK") != []


def test_events_senses_the_same_word_outside_the_name_still_tells_one(nlp) -> None:
    text = "Chile and Peru pledged to deepen their military cooperation."
    assert of_type(run(nlp, text), "COOPERATION") != []


def test_events_senses_a_state_in_what_is_agreed_is_no_party(nlp) -> None:
    # analysts agreeing in their view sign nothing, and Washington is in what they say
    text = "Analysts agreed that the strike reflected a careful bid by Washington."
    assert of_type(run(nlp, text), "AGREEMENT") == []
    text = "Chile agreed to a ceasefire with Peru."
    assert [(e.actor, e.target) for e in of_type(run(nlp, text), "AGREEMENT")] == [
        ("Chile", "Peru")
    ]


@pytest.mark.parametrize(
    ("text", "etype", "told"),
    [
        # agreeing that something is so is a shared view, no accord
        (
            "Experts from the Lindqvist Institute agreed the strike was restrained.",
            "AGREEMENT",
            False,
        ),
        ("Chile and Peru agreed that the talks would resume.", "AGREEMENT", True),
        # sanctioning a plan is approving it
        ("Britain will not sanction an increase in the farm budget.", "SANCTION", False),
        ("The United States sanctioned three firms on Monday.", "SANCTION", True),
    ],
)
def test_events_senses_a_word_in_its_other_sense_tells_no_event(nlp, text, etype, told) -> None:
    assert bool(of_type(run(nlp, text), etype)) is told


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Cardinal Jan Berg warned yesterday of the possibility of riots in the city.", []),
        ("Ostland warned of a threat to its diplomats in the capital.", []),
        ("Minister Jan Berg warned of a strong response.", ["THREATEN"]),
        ("Minister Jan Berg warned of Ostland's growing missile arsenal.", ["ACCUSE"]),
    ],
)
def test_events_senses_warning_of_a_danger_is_no_threat(nlp, text, types) -> None:
    found = [e.type for e in run(nlp, text) if e.trigger == "warned"]
    assert found == types
