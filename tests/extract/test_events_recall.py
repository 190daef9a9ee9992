"""Events told as nouns, passives and background: rules of issue 11, on sentences written here."""

from __future__ import annotations

import pytest

from newsledger import extract
from newsledger.extract.entities import extract_entities
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events import extract_events
from tests.extract.test_events import ANCHOR, of_type, one, run


def test_events_recall_test_fires_noun_is_a_weapons_test(nlp):
    events = run(nlp, "The Rocket Force of Ruritania conducted two test-fires of a cruise missile.")
    test = one(events, "WEAPONS_TEST")
    assert test.trigger == "test-fires"
    assert not of_type(events, "ATTACK")


def test_events_recall_opening_fire_is_an_attack(nlp):
    events = run(nlp, "A gunman opened fire in a crowded market in Lagos on Friday.")
    assert one(events, "ATTACK").actor == "gunman"


def test_events_recall_owner_of_a_series_is_the_actor(nlp):
    events = run(nlp, "Iran's series of ballistic missile launches alarmed its neighbours.")
    assert one(events, "WEAPONS_TEST").actor == "Iran"


def test_events_recall_designating_for_sanctions_is_a_sanction(nlp):
    events = run(nlp, "Canada is designating three shipping firms for sanctions over the trade.")
    assert one(events, "SANCTION").actor == "Canada"


def test_events_recall_designating_a_park_is_no_sanction(nlp):
    events = run(nlp, "Canada is designating three lakes as a national park.")
    assert not of_type(events, "SANCTION")


def test_events_recall_announced_restrictions_are_a_sanction(nlp):
    events = run(nlp, "Japan announced new restrictions on exports to Russia.")
    assert one(events, "SANCTION").actor == "Japan"


def test_events_recall_calling_on_people_to_act_is_an_order(nlp):
    events = run(nlp, "Rebel leader Kofi Mensah called on his fighters to lay down their arms.")
    assert of_type(events, "ORDER")
    events = run(nlp, "The minister called on Monday for calm.")
    assert not [e for e in of_type(events, "ORDER") if e.trigger == "called"]


def test_events_recall_withdrawing_troops_is_a_deployment(nlp):
    events = run(nlp, "Britain withdrew its troops from the border region.")
    assert one(events, "DEPLOYMENT").actor in {"United Kingdom", "Britain"}


def test_events_recall_voting_on_a_resolution_is_an_order(nlp):
    events = run(nlp, "The Senate of Ruritania voted on a resolution to close the foreign base.")
    assert of_type(events, "ORDER")


def test_events_recall_threats_of_response_by_named_states(nlp):
    events = run(
        nlp, "There have been repeated threats of military retaliation by both Chile and Peru."
    )
    actors = {e.actor for e in of_type(events, "THREATEN")}
    assert {"Chile", "Peru"} <= actors


def test_events_recall_a_threat_nobody_makes_is_no_event(nlp):
    events = run(nlp, "The threat of war hangs over the valley.")
    assert not of_type(events, "THREATEN")


def test_events_recall_named_killing_is_an_attack(nlp):
    events = run(nlp, "Turkey's killing of the militant leader angered his followers.")
    assert one(events, "ATTACK").actor == "Turkey"


def test_events_recall_proxies_are_not_the_state(nlp):
    events = run(nlp, "Syrian proxies launched rocket attacks against Israeli towns.")
    attack = one(events, "ATTACK")
    assert attack.actor == "Syrian proxies"
    assert attack.actor_entity is None


def test_events_recall_watching_the_test_is_not_another_test(nlp):
    text = (
        "The navy of Ruritania conducted a test-fire of a new torpedo. "
        "President Adamo watched the test-fire from a ship."
    )
    tests = of_type(run(nlp, text), "WEAPONS_TEST")
    assert len(tests) == 1
    assert len(tests[0].mentions) == 2


def test_events_recall_overseeing_weapons_is_an_inspection(nlp):
    events = run(nlp, "President Adamo oversaw several kinds of new rifles at the arsenal.")
    assert one(events, "INSPECTION").actor == "Adamo"


def test_events_recall_coordinating_with_allies_is_cooperation(nlp):
    events = run(nlp, "Poland will coordinate closely with its allies on air defence.")
    assert one(events, "COOPERATION").actor == "Poland"


def test_events_recall_a_relative_clause_on_coordinated_names_is_about_all(nlp):
    text = (
        "The plan was backed by Chancellor Anna Berg and President Tomas Lind, who met on Monday."
    )
    talks = one(run(nlp, text), "TALKS")
    assert {talks.actor, talks.target} == {"Anna Berg", "Tomas Lind"}
    assert talks.actor == "Anna Berg"


def test_events_recall_purpose_infinitive_shares_the_subject(nlp):
    text = "Chilean warships sailed north to stage a joint naval drill with Peru."
    assert one(run(nlp, text), "MILITARY_EXERCISE").actor == "Chile"


def test_events_recall_working_on_an_agreement_is_talks_and_the_deal_its_parties(nlp):
    text = (
        "Chile and Peru are working on an agreement to install radar bases on the border. "
        "The agreement is expected to be signed in May."
    )
    events = run(nlp, text)
    assert one(events, "TALKS").actor == "Chile"
    deal = one(events, "AGREEMENT")
    assert (deal.actor, deal.target, deal.modality) == ("Chile", "Peru", "planned")
    assert one(events, "DEPLOYMENT").modality == "planned"


def test_events_recall_forces_occupying_ground_are_deployed(nlp):
    events = run(nlp, "Ruritanian forces continue to occupy the northern hills.")
    deployment = one(events, "DEPLOYMENT")
    assert deployment.time is not None and deployment.time.value == "PRESENT_REF"


def test_events_recall_rejecting_a_measure_is_disapproval_not_denial(nlp):
    events = run(nlp, "The Chilean minister said: I reject the new Peruvian trade measure.")
    assert of_type(events, "ACCUSE")
    assert not of_type(events, "DENY")


def test_events_recall_calling_on_a_state_is_a_request_not_an_order(nlp):
    events = run(nlp, "Chile called on Peru to return to the talks.")
    assert not [e for e in of_type(events, "ORDER") if e.trigger == "called"]


def test_events_recall_weapons_fired_in_combat_are_an_attack_not_a_test(nlp):
    text = "Peruvian troops joined the fighting near the river, firing artillery all night."
    events = run(nlp, text)
    assert not of_type(events, "WEAPONS_TEST")
    assert one(events, "ATTACK").actor == "Peru"


def test_events_recall_a_nationality_does_not_make_one_person_the_state(nlp):
    events = run(nlp, "A Chilean soldier opened fire at a checkpoint.")
    assert one(events, "ATTACK").actor != "Chile"


def test_events_recall_an_attack_told_again_without_its_author_is_one_event(nlp):
    text = "Chile has drawn up plans for an attack on Peru. The plans to attack Peru were leaked."
    attacks = of_type(run(nlp, text), "ATTACK")
    assert len(attacks) == 1
    assert len(attacks[0].mentions) == 2


def test_events_recall_a_weapon_is_never_the_target_of_an_attack(nlp):
    events = run(nlp, "Peruvian gunners joined the battle, firing howitzers across the river.")
    attack = one(events, "ATTACK")
    assert attack.target is None or "howitzer" not in attack.target
    assert attack.object is not None


def test_events_recall_two_different_acts_of_force_stay_apart(nlp):
    text = (
        "Chilean forces began an offensive near Arica on Monday. "
        "Elsewhere, Chilean troops attacked a smugglers' camp at the port."
    )
    assert len(of_type(run(nlp, text), "ATTACK")) == 2


def test_events_recall_the_headline_marks_the_event_it_tells(nlp):
    text = "Chile on Monday banned the airline SkyNorte from its airspace."
    doc = nlp(text)
    index = EntityIndex(extract_entities(doc))
    events = extract_events(doc, index, [], [], ANCHOR, headline="Chile bans SkyNorte airline")
    sanction = one(events, "SANCTION")
    assert sanction.headline_span == (6, 10)
    assert sanction.confidence is not None


def test_events_recall_a_statements_we_is_the_party_its_headline_names(nlp):
    text = (
        "Peru launched two missiles on Monday. Chile is designating three firms for sanctions. "
        "We will cooperate with our partners."
    )
    doc = nlp(text)
    index = EntityIndex(extract_entities(doc))
    events = extract_events(
        doc, index, [], [], ANCHOR, headline="Chile Targets Peru's Missile Programme"
    )
    assert one(events, "COOPERATION").actor == "Chile"


def test_events_recall_reduced_passive_names_the_developer(nlp):
    text = "President Soto inspected new rifles developed by the Andean Arms Institute."
    development = one(run(nlp, text), "WEAPONS_DEVELOPMENT")
    assert development.actor == "Andean Arms Institute"


def test_events_recall_a_claimed_attack_is_actual_and_the_claimant_did_it(nlp):
    text = (
        "The border was quiet. The attack on the barracks was claimed by the Shining Path rebels."
    )
    attack = one(run(nlp, text), "ATTACK")
    assert attack.modality == "actual"
    assert attack.actor is not None and "Shining Path" in attack.actor


def test_events_recall_unowned_security_forces_are_the_topic_states(nlp):
    text = (
        "Peru is in turmoil. Lima said the talks failed. "
        "In the capital, security forces attacked protesters on Monday."
    )
    assert one(run(nlp, text), "ATTACK").actor == "Peru"


@pytest.mark.parametrize("forces", ["troops", "the army", "soldiers"])
def test_events_recall_unowned_armed_forces_are_the_topic_states(nlp, forces):
    text = (
        f"Peru is in turmoil. Lima said the talks failed. Near the border, {forces} shelled a camp."
    )
    assert one(run(nlp, text), "ATTACK").actor == "Peru"


def test_events_recall_rebel_forces_are_not_the_topic_state(nlp):
    text = "Peru is in turmoil. Lima said the talks failed. Rebel forces shelled a camp."
    assert one(run(nlp, text), "ATTACK").actor != "Peru"


def test_events_recall_someone_elses_police_are_not_the_topic_state(nlp):
    text = "Peru is in turmoil. Lima said the talks failed. Bolivian police attacked smugglers."
    assert one(run(nlp, text), "ATTACK").actor != "Peru"


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        ("Peruvian forces neutralized four militants near the river.", "neutralized", "Peru"),
        ("Rebels overran an army base near the northern border.", "overran", "Rebels"),
        ("A Chilean submarine torpedoed the frigate at dawn.", "torpedoed", "Chile"),
        ("The Greek navy sank two patrol boats off the cape.", "sank", "Greece"),
        ("A Vietnamese coast guard ship rammed a fishing boat near the reef.", "rammed", "Vietnam"),
        ("The bombardment of the port by Georgian forces went on.", "bombardment", "Georgia"),
        ("Troops stormed Fallujah at dawn on Monday.", "stormed", "Troops"),
    ],
)
def test_events_recall_acts_of_force_against_people_places_and_vessels(nlp, text, trigger, actor):
    attack = one(run(nlp, text), "ATTACK")
    assert attack.trigger == trigger
    if actor is not None:
        assert attack.actor == actor


@pytest.mark.parametrize(
    "text",
    [
        "The army neutralised the threat within hours.",
        "She stormed out of the meeting in anger.",
        "The new tariffs sank the trade deal.",
        "The court torpedoed the reform.",
        "The bill was rammed through parliament.",
    ],
)
def test_events_recall_the_same_verbs_without_force_are_no_attack(nlp, text):
    assert not of_type(run(nlp, text), "ATTACK")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Seoul called the launches an unprovoked escalation, a spokesman said.", "escalation"),
        ("The minister said the drills were dangerous and disproportionate.", "dangerous"),
        ("Senator Vale said Ankara's moves were deeply troubling.", "troubling"),
        ("Peru's coast guard faulted the Chilean trawler for the collision.", "faulted"),
        (
            '"Plotting war against our nation is preposterous and is a very dangerous action,"'
            " the general said.",
            "dangerous",
        ),
    ],
)
def test_events_recall_milder_judgements_of_a_deed_are_accusations(text, trigger):
    events = extract(text, reference_date="2025-06-10").events
    assert [e for e in events if e.type == "ACCUSE" and e.trigger == trigger], events


@pytest.mark.parametrize(
    "text",
    [
        "The situation is dangerous, the minister says.",
        "The weather was disturbing, the pilot said.",
    ],
)
def test_events_recall_a_mild_judgement_of_no_deed_accuses_nobody(text):
    events = extract(text, reference_date="2025-06-10").events
    assert not [e for e in events if e.type == "ACCUSE"], events


@pytest.mark.parametrize(
    "text",
    [
        "The defence ministers of Chile and Peru met in Lima on Friday.",
        "Chilean and Peruvian defence ministers met in Lima on Friday.",
        "Officials from Chile and Peru met in Lima on Friday.",
    ],
)
def test_events_recall_people_of_two_states_meeting_are_talks_between_them(nlp, text):
    talks = one(run(nlp, text), "TALKS")
    assert {talks.actor, talks.target} == {"Chile", "Peru"}


def test_events_recall_people_of_one_state_meeting_are_no_talks(nlp):
    assert not of_type(run(nlp, "Chilean defence officials met in Lima on Friday."), "TALKS")


def test_events_recall_pledged_weapons_are_a_planned_transfer(nlp):
    transfer = one(run(nlp, "Norway pledged more air defence systems to Moldova."), "ARMS_TRANSFER")
    assert (transfer.actor, transfer.target, transfer.modality) == ("Norway", "Moldova", "planned")


@pytest.mark.parametrize(
    "text",
    [
        "Norway announced a new military aid package for Moldova on Monday.",
        "Norwegian military assistance to Moldova grew last year.",
        "Norway announced a new security assistance package for Moldova.",
    ],
)
def test_events_recall_military_aid_is_an_arms_transfer(nlp, text):
    transfer = one(run(nlp, text), "ARMS_TRANSFER")
    assert (transfer.actor, transfer.target) == ("Norway", "Moldova")
    assert transfer.object != "Moldova"  # the recipient is the target, not what is given


def test_events_recall_aid_not_called_military_is_no_arms_transfer(nlp):
    assert not of_type(run(nlp, "Norway pledged humanitarian aid to Moldova."), "ARMS_TRANSFER")


def test_events_recall_tariffs_imposed_on_a_states_goods_are_a_sanction(nlp):
    sanction = one(run(nlp, "Norway imposed tariffs on Moldovan wine on Monday."), "SANCTION")
    assert (sanction.actor, sanction.target) == ("Norway", "Moldova")
    # a tariff only talked about is no sanction
    assert not of_type(run(nlp, "Tariffs on wine were a topic at the fair."), "SANCTION")


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council will meet on Friday to discuss the shelling.",
        "NATO foreign ministers convened in Oslo on Thursday.",
    ],
)
def test_events_recall_an_international_body_meeting_is_talks(nlp, text):
    assert one(run(nlp, text), "TALKS").actor in {"United Nations Security Council", "NATO"}


def test_events_recall_a_board_meeting_is_no_talks(nlp):
    assert not of_type(run(nlp, "The hospital board will meet on Friday."), "TALKS")


@pytest.mark.parametrize(
    "text",
    [
        "Today, Norway is designating four firms for their role in arming the junta.",
        "Norway designated two shipping firms pursuant to its sanctions law.",
    ],
)
def test_events_recall_designation_on_stated_grounds_is_a_sanction(nlp, text):
    assert one(run(nlp, text), "SANCTION").actor == "Norway"


def test_events_recall_designating_a_site_is_no_sanction(nlp):
    assert not of_type(run(nlp, "The city designated the old harbour a heritage site."), "SANCTION")


def test_events_recall_speaking_with_an_office_holder_is_talks(nlp):
    text = "Peru's President Ana Ruiz spoke with Chilean Foreign Minister Tomas Vidal on Monday."
    talks = one(run(nlp, text), "TALKS")
    assert talks.target == "Tomas Vidal"


def test_events_recall_speaking_with_reporters_is_no_talks(nlp):
    assert not of_type(
        run(nlp, "Peru's President Ana Ruiz spoke with reporters on Monday."), "TALKS"
    )
