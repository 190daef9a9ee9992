"""Event types PLOVER codes that our ontology covers: calls, visits, mediation, abuse, bans,
expulsions, stated coercion, sharing; sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.test_events import of_type, one, run


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("The Chilean foreign minister telephoned Peru's president on Monday.", "TALKS"),
        ("President Ana Soto hosted the Peruvian prime minister in Santiago.", "TALKS"),
        ("Chilean President Ana Soto arrived in Lima on a surprise visit on Monday.", "TALKS"),
        ("President Soto gave a warm welcome on Friday to Peruvian leader Jorge Paz.", "TALKS"),
        (
            "The Swedish envoy launched a mediation effort on Friday between Chile and Peru.",
            "TALKS",
        ),
        ("Chilean soldiers beat up detainees at the border post.", "ATTACK"),
        ("Chilean forces were engaged in ethnic cleansing in the south.", "ATTACK"),
        ("A roadside bombing near Tacna on Monday killed one Dutch soldier.", "ATTACK"),
        ("Chile announced a suspension of air links with Peru.", "SANCTION"),
        ("Chile suspended aid deliveries to the northern provinces.", "SANCTION"),
        ("Chile will prohibit all aid to the rebels.", "SANCTION"),
        ("Peru expelled the inspectors of the mining agency.", "SANCTION"),
        ("Ethnic Kurds have sworn to fight until they gain control of the villages.", "THREATEN"),
        (
            "President Mendes announced on Sunday that he will extend the curfew in Lima.",
            "THREATEN",
        ),
        (
            "Chilean intelligence officials have shared evidence with Peru about the smugglers.",
            "COOPERATION",
        ),
        ("Chile extradited the suspect to Peru on Sunday.", "COOPERATION"),
        ("Peru complained to the United Nations over the Chilean raids.", "ACCUSE"),
        ("Peru has strengthened its forces on the border.", "DEPLOYMENT"),
        ("Chile and Peru reached a consensus on fishing rights.", "AGREEMENT"),
        ("Peru accepted a formula for ending the fisheries dispute.", "AGREEMENT"),
    ],
)
def test_events_plover_types_covered_wordings(nlp, text, etype):
    assert of_type(run(nlp, text), etype), [(e.type, e.trigger) for e in run(nlp, text)]


def test_events_plover_types_welcoming_a_statement_is_no_meeting(nlp):
    events = run(nlp, "The Chilean government welcomed the latest Peruvian policy statement.")
    assert not of_type(events, "TALKS")


def test_events_plover_types_beating_a_deadline_is_no_assault(nlp):
    assert not of_type(run(nlp, "Chilean engineers beat the deadline by a week."), "ATTACK")


def test_events_plover_types_two_states_drilling_is_one_joint_exercise(nlp):
    text = "Chilean and Peruvian warships on Monday launched ten days of war games."
    exercises = of_type(run(nlp, text), "MILITARY_EXERCISE")
    assert len(exercises) == 1
    assert (exercises[0].actor, exercises[0].target) == ("Chile", "Peru")
    assert exercises[0].plover == "COOPERATE"


def test_events_plover_types_rocket_fire_launched_is_one_attack_not_a_test(nlp):
    text = "Chilean-led forces launched artillery, mortar, and rocket fire against rebel camps."
    events = run(nlp, text)
    assert not of_type(events, "WEAPONS_TEST")
    assert one(events, "ATTACK").actor == "Chile"
