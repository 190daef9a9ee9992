"""Events: types, arguments, modality, time and claim links on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.entities import extract_entities
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events import extract_events
from newsledger.records import Claim, Event, SourceRef, TimeExpression

ANCHOR = date(2025, 12, 27)


def run(
    nlp, text: str, times: list[TimeExpression] | None = None, claims: list[Claim] | None = None
) -> list[Event]:
    doc = nlp(text)
    index = EntityIndex(extract_entities(doc))
    return extract_events(doc, index, times or [], claims or [], ANCHOR)


def timex(
    text: str, phrase: str, value: str, start: str | None = None, end: str | None = None
) -> TimeExpression:
    s = text.index(phrase)
    return TimeExpression(
        text=phrase, span=(s, s + len(phrase)), type="DATE", value=value, start=start, end=end
    )


def of_type(events: list[Event], etype: str) -> list[Event]:
    return [e for e in events if e.type == etype]


def one(events: list[Event], etype: str) -> Event:
    found = of_type(events, etype)
    assert found, f"no {etype} in {[(e.type, e.trigger, e.actor) for e in events]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "etype", "actor"),
    [
        (
            "India launched a nuclear-capable ballistic missile from an island off its east coast.",
            "WEAPONS_TEST",
            "India",
        ),
        (
            "Iran has unveiled a new hypersonic missile at a ceremony in Tehran.",
            "WEAPONS_DEVELOPMENT",
            "Iran",
        ),
        (
            "Russia will mass-produce the new drones at a plant in Tatarstan.",
            "MILITARY_PRODUCTION",
            "Russia",
        ),
        ("China is building a naval base in Cambodia.", "CONSTRUCTION", "China"),
        ("Germany deployed two frigates to the Red Sea.", "DEPLOYMENT", "Germany"),
        (
            "Japan and Australia held joint military exercises in the Coral Sea.",
            "MILITARY_EXERCISE",
            "Japan",
        ),
        ("President Macron inspected the new barracks in Toulon.", "INSPECTION", "Macron"),
        ("President Macron ordered the army to leave the capital.", "ORDER", "Macron"),
        ("Belarus supplied arms to Sudan last year.", "ARMS_TRANSFER", "Belarus"),
        ("Rebels attacked a police station in the north on Friday.", "ATTACK", "Rebels"),
        ("Venezuela threatened Guyana over the disputed region.", "THREATEN", "Venezuela"),
        ("Egypt condemned the raid on the refugee camp.", "ACCUSE", "Egypt"),
        ("Chile denied the report.", "DENY", "Chile"),
        ("The European Union imposed sanctions on Belarus.", "SANCTION", "European Union"),
        ("Brazil held talks with Argentina on trade.", "TALKS", "Brazil"),
        ("Peru and Bolivia signed a border treaty.", "AGREEMENT", "Peru"),
        ("Norway will cooperate with Sweden on air defence.", "COOPERATION", "Norway"),
    ],
)
def test_events_each_type_with_its_actor(nlp, text, etype, actor):
    event = one(run(nlp, text), etype)
    assert event.actor is not None and actor.lower() in event.actor.lower()
    assert text[event.span[0] : event.span[1]] == event.trigger


def test_events_launch_of_a_campaign_is_not_a_weapons_test(nlp):
    events = run(nlp, "Nigeria launched a campaign against corruption in Lagos.")
    assert not of_type(events, "WEAPONS_TEST")


def test_events_missile_launch_is_a_weapons_test_with_the_weapon_as_object(nlp):
    event = one(run(nlp, "Pakistan launched a cruise missile on Tuesday."), "WEAPONS_TEST")
    assert event.object is not None and "missile" in event.object
    assert event.plover == "MOBILIZE"


def test_events_nominal_test_takes_the_actor_of_the_governing_verb(nlp):
    event = one(
        run(nlp, "President Erdogan oversaw the test launch of a new anti-ship missile."),
        "WEAPONS_TEST",
    )
    assert event.actor is not None and "Erdogan" in event.actor
    assert event.trigger == "test launch"


def test_events_passive_agent_is_the_actor_and_subject_the_target(nlp):
    event = one(run(nlp, "The convoy was attacked by rebels near Goma."), "ATTACK")
    assert event.actor == "rebels"
    assert event.target is not None and "convoy" in event.target
    assert event.location == "Goma"


def test_events_arms_recipient_is_the_target(nlp):
    event = one(run(nlp, "Belarus supplied arms to Sudan."), "ARMS_TRANSFER")
    assert event.target == "Sudan"
    assert event.object == "arms"


def test_events_sanction_target_from_the_light_verb_phrase(nlp):
    event = one(run(nlp, "Canada imposed new sanctions on Iran on Monday."), "SANCTION")
    assert event.actor == "Canada" and event.target == "Iran"


def test_events_talks_partner_is_the_target(nlp):
    event = one(run(nlp, "Brazil held talks with Argentina on trade."), "TALKS")
    assert event.target == "Argentina"


def test_events_order_is_actual_and_the_ordered_construction_planned(nlp):
    text = "Indonesian President Prabowo ordered the construction of two new naval bases."
    events = run(nlp, text)
    order, build = one(events, "ORDER"), one(events, "CONSTRUCTION")
    assert order.modality == "actual"
    assert build.modality == "planned"
    # the ordered act is the state's, named through the leader's title
    assert build.actor == "Indonesia"


def test_events_may_makes_a_test_hypothetical(nlp):
    event = one(
        run(nlp, "Analysts said Iran may be testing new missiles in the desert."), "WEAPONS_TEST"
    )
    assert event.modality == "hypothetical"


def test_events_did_not_negates(nlp):
    event = one(run(nlp, "Russia did not attack the convoy."), "ATTACK")
    assert event.modality == "negated"


def test_events_talks_that_made_little_progress_are_negated(nlp):
    event = one(run(nlp, "Talks between India and Pakistan have made little progress."), "TALKS")
    assert event.modality == "negated"
    assert (event.actor, event.target) == ("India", "Pakistan")


def test_events_future_tense_is_planned(nlp):
    event = one(run(nlp, "Norway will deploy troops to Lithuania."), "DEPLOYMENT")
    assert event.modality == "planned"
    assert event.time is not None and event.time.value == "FUTURE_REF"


def test_events_allegation_and_denial_are_two_events(nlp):
    text = "Iran has faced allegations of supplying drones to Russia. Iran has denied such claims."
    events = run(nlp, text)
    transfer, denial = one(events, "ARMS_TRANSFER"), one(events, "DENY")
    assert (
        transfer.modality == "hypothetical"
        and transfer.actor == "Iran"
        and transfer.target == "Russia"
    )
    assert denial.modality == "actual" and denial.actor == "Iran"
    # the denial's object is the allegation it answers
    assert denial.object is not None and "supplying drones to Russia" in denial.object


def test_events_topic_noun_without_actor_is_no_event(nlp):
    # a topic noun with no one doing it is not an event
    assert not run(nlp, "Missile production will grow.")


def test_events_time_is_the_expression_in_the_clause(nlp):
    text = "Pakistan launched a cruise missile on Tuesday, the army said on Thursday."
    times = [
        timex(text, "Tuesday", "2025-12-23", "2025-12-23", "2025-12-23"),
        timex(text, "Thursday", "2025-12-25", "2025-12-25", "2025-12-25"),
    ]
    event = one(run(nlp, text, times), "WEAPONS_TEST")
    assert event.time is not None and event.time.value == "2025-12-23"
    assert event.time.text == "Tuesday"


def test_events_background_in_recent_years_is_past_ref(nlp):
    text = "Iran has sharply increased missile testing in recent years."
    event = one(run(nlp, text, [timex(text, "recent years", "PAST_REF")]), "WEAPONS_TEST")
    assert event.time is not None and event.time.value == "PAST_REF"


def test_events_no_time_basis_gives_null(nlp):
    # past the lead (whose main event is dated on the article's day, issue 11) nothing dates it
    event = one(run(nlp, "The talks went on. Chile denied the report."), "DENY")
    assert event.time is None


def test_events_inside_a_claim_carry_its_sources_and_index(nlp):
    text = "State media said Pakistan launched a cruise missile."
    start = text.index("Pakistan")
    claim = Claim(
        text=text[start:-1],
        span=(start, len(text) - 1),
        sources=[SourceRef("state media", None, "said")],
    )
    event = one(run(nlp, text, claims=[claim]), "WEAPONS_TEST")
    assert event.claim == 0
    assert [s.name for s in event.sources] == ["state media"]


def test_events_hedged_claim_is_not_reported_as_actual(nlp):
    text = "Experts believe Iran supplied missiles to the Houthis."
    start = text.index("Iran")
    claim = Claim(
        text=text[start:-1],
        span=(start, len(text) - 1),
        sources=[SourceRef("experts")],
        hedged=True,
    )
    event = one(run(nlp, text, claims=[claim]), "ARMS_TRANSFER")
    assert event.modality == "hypothetical"


def test_events_a_re_mention_is_not_a_new_event(nlp):
    text = "President Macron inspected the barracks in Toulon. During the inspection, he praised the troops."
    assert len(of_type(run(nlp, text), "INSPECTION")) == 1


def test_events_empty_document_has_no_events(nlp):
    assert run(nlp, "") == []


def test_events_stated_future_counter_action_is_an_actual_threat(nlp):
    text = "Greece said on Thursday that it would defend its rights in the Aegean."
    event = one(run(nlp, text), "THREATEN")
    assert event.actor == "Greece"
    assert event.modality == "actual"


def test_events_warning_about_others_is_an_accusation(nlp):
    text = "Japan warned that China's missile build-up threatens regional stability."
    events = run(nlp, text)
    assert one(events, "ACCUSE").actor == "Japan"
    assert not [e for e in of_type(events, "THREATEN") if e.actor == "Japan"]


def test_events_each_coordinated_subject_is_an_actor(nlp):
    text = "Zambia, Mozambique and Botswana denied the charges."
    actors = {e.actor for e in of_type(run(nlp, text), "DENY")}
    assert {"Zambia", "Mozambique", "Botswana"} <= actors


def test_events_a_retold_event_is_merged(nlp):
    text = "Brazil held talks with Argentina. Brazil held talks with Argentina, officials said."
    assert len(of_type(run(nlp, text), "TALKS")) == 1


def test_events_visiting_a_state_is_talks_and_a_shipyard_an_inspection(nlp):
    assert one(run(nlp, "President Macron visited Poland."), "TALKS").target == "Poland"
    assert one(run(nlp, "President Macron visited a shipyard in Brest."), "INSPECTION")


def test_events_talks_with_no_partner_named_are_not_talks(nlp):
    assert not of_type(run(nlp, "The oil company discussed plans for a refinery."), "TALKS")


def test_events_doc_without_a_parse_has_no_events():
    import spacy

    doc = spacy.blank("en")("Pakistan launched a cruise missile.")
    assert extract_events(doc, EntityIndex([]), [], [], ANCHOR) == []


def test_events_elaboration_takes_the_date_of_the_mention_before(nlp):
    text = (
        "President Macron made another visit to the navy earlier this week. "
        "He toured a shipyard in Brest. During that visit, Macron warned he would retaliate against Russia."
    )
    week = timex(text, "earlier this week", "2025-W52", "2025-12-22", "2025-12-27")
    events = run(nlp, text, [week])
    tour = one(events, "INSPECTION")
    assert tour.time is not None and tour.time.value == "2025-W52"
    threat = one(events, "THREATEN")
    assert threat.time is not None and threat.time.value == "2025-W52"


def test_events_named_party_charge_is_an_accusation_that_a_denial_does_not_undo(nlp):
    events = run(nlp, "Kuwait rejected Iran's charge that its fishing boats were spying.")
    accuse = one(events, "ACCUSE")
    assert accuse.actor == "Iran" and accuse.modality == "actual"
    assert one(events, "DENY").actor == "Kuwait"


def test_events_coordinated_verbs_are_one_event_with_the_shared_target(nlp):
    events = of_type(
        run(nlp, "Indian jets attacked and destroyed a Pakistani radar station."), "ATTACK"
    )
    assert len(events) == 1


def test_events_act_named_in_an_in_phrase_is_the_verbs_own_event(nlp):
    # "killed ... in a raid": the raid is the killing, told by its kind; both words are mentions
    text = "Marines killed six pirates in a raid on Friday."
    [event] = of_type(run(nlp, text), "ATTACK")
    assert event.trigger == "killed" and len(event.mentions) == 2
    # the act named first, the verb after it
    text = "During the raid, French troops killed six pirates."
    assert len(of_type(run(nlp, text), "ATTACK")) == 1


def test_events_talks_told_from_either_side_merge(nlp):
    text = "Blinken met Wang Yi in Beijing on Monday. Wang Yi met Blinken again, officials said."
    assert len(of_type(run(nlp, text), "TALKS")) == 1


def test_events_passive_instrument_is_not_the_actor(nlp):
    text = "The island has been used to launch attacks on shipping."
    for event in of_type(run(nlp, text), "ATTACK"):
        assert event.actor is None or "island" not in event.actor.lower()


def test_events_will_not_is_negated_and_may_not_hypothetical(nlp):
    assert one(run(nlp, "Greece will not negotiate with Turkey."), "TALKS").modality == "negated"
    assert one(run(nlp, "Russia may not attack the convoy."), "ATTACK").modality == "hypothetical"


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        # the negation is the speaker's silence about the act, not the act's
        ("The minister did not speak about the army's shelling of the town.", "ATTACK", "actual"),
        ("Officials would not speculate on Russia's missile test.", "WEAPONS_TEST", "actual"),
        ("Russia has not said anything about its missile test.", "WEAPONS_TEST", "actual"),
        # a negation on the act's own verb still negates it
        ("The army did not carry out the shelling of the town.", "ATTACK", "negated"),
    ],
)
def test_events_not_speaking_of_an_act_does_not_negate_it(nlp, text, etype, modality):
    assert one(run(nlp, text), etype).modality == modality


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # a refusal or a cancellation beside the act does not undo it
        (
            "During the Ostland bombing of rebel camps, Norway refused to let the jets land.",
            "actual",
        ),
        ("Egypt cancelled the visit after the Israeli air strike on Gaza.", "actual"),
        # a modal of the clause still reaches it
        ("Iran said it would retaliate after any American attack on its soil.", "planned"),
    ],
)
def test_events_an_act_beside_a_clause_keeps_its_own_modality(nlp, text, modality):
    assert one(run(nlp, text), "ATTACK").modality == modality


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Brokers expect a rate cut after President Ruiz's scheduled visit to Chile.", "planned"),
        (
            "Ruiz patched over the rift at a hastily-called meeting with Chilean officials.",
            "actual",
        ),
        ("Ostland announced plans to cut tariffs shortly before talks with Chile.", "planned"),
    ],
)
def test_events_talks_beside_a_clause_by_their_own_cues(nlp, text, modality):
    assert one(run(nlp, text), "TALKS").modality == modality


def test_events_a_failure_verb_acting_on_an_object_is_no_failure(nlp):
    text = "Ostland's advances have broken the back of the rebel forces."
    assert one(run(nlp, text), "ATTACK").modality == "actual"
    assert one(run(nlp, "The Ostland offensive stalled."), "ATTACK").modality == "negated"


def test_events_an_act_whose_object_is_none_is_negated(nlp):
    assert (
        one(run(nlp, "Ostland sent no troops to the border."), "DEPLOYMENT").modality == "negated"
    )
    assert one(run(nlp, "Ostland sent troops to the border."), "DEPLOYMENT").modality == "actual"


def test_events_what_a_vetoed_resolution_was_for_did_not_happen(nlp):
    text = "Russia and China vetoed a council resolution to impose sanctions on Ostland."
    for event in of_type(run(nlp, text), "SANCTION"):
        assert event.modality == "negated"
    assert of_type(run(nlp, text), "SANCTION")


@pytest.mark.parametrize(
    "text",
    [
        "The senator will attack unfair farm subsidy practices in his speech.",
        "The minister attacked the budget and the proposal to cut fuel prices.",
    ],
)
def test_events_attacking_an_idea_is_no_armed_attack(nlp, text):
    assert not of_type(run(nlp, text), "ATTACK")


def test_events_refusing_a_request_is_not_a_denial(nlp):
    assert not of_type(run(nlp, "Germany denied a request by Poland for more tanks."), "DENY")


def test_events_a_board_meeting_is_not_talks(nlp):
    assert not of_type(
        run(nlp, "The decision was made at a meeting of the Siemens board."), "TALKS"
    )


def test_events_asking_a_state_is_not_an_order_but_asking_an_official_is(nlp):
    assert not of_type(run(nlp, "Kuwait asked Britain to lend it some tankers."), "ORDER")
    order = one(run(nlp, "President Macron asked the ambassador to return to Paris."), "ORDER")
    assert order.actor is not None and "Macron" in order.actor


def test_events_quantified_object_is_read_through_its_of_phrase(nlp):
    assert not of_type(
        run(nlp, "Kuwait wants to transfer some of its oil tankers to a U.S. registry."),
        "ARMS_TRANSFER",
    )
    assert (
        one(run(nlp, "Iran sold some of its old missiles to Syria."), "ARMS_TRANSFER").target
        == "Syria"
    )


def test_events_condition_beats_failure(nlp):
    event = one(
        run(
            nlp,
            "He said that if Japan fails in talks with the United States, sanctions will follow.",
        ),
        "TALKS",
    )
    assert event.modality == "hypothetical"


def test_events_dock_strike_is_not_an_attack_even_near_the_navy(nlp):
    text = (
        "The Bangladesh Dockworkers Union staged a strike at the port as the navy unloaded grain."
    )
    assert not of_type(run(nlp, text), "ATTACK")


def test_events_denial_object_is_the_negative_claim_it_voices(nlp):
    text = "Serbia has denied that it sold weapons to Ukraine."
    start = text.index("it sold")
    claim = Claim(
        text=text[start:-1],
        span=(start, len(text) - 1),
        sources=[SourceRef("Serbia")],
        polarity="negative",
        cue="denied",
    )
    denial = one(run(nlp, text, claims=[claim]), "DENY")
    assert denial.object == "it sold weapons to Ukraine"


def test_events_banning_arms_shipments_is_a_sanction(nlp):
    event = one(run(nlp, "President Biden banned arms shipments to Myanmar."), "SANCTION")
    assert event.actor is not None and "Biden" in event.actor


def test_events_military_equipment_counts_as_weapons(nlp):
    text = "Moscow said there would be no more Russian transfers of military equipment to Syria."
    event = one(run(nlp, text), "ARMS_TRANSFER")
    assert event.modality == "negated"


def test_events_first_person_in_a_claim_is_its_source(nlp):
    text = '"We deny that Serbia sells weapons to Ukraine," the spokeswoman Ana Brnabic said.'
    start = text.index("We")
    claim = Claim(
        text=text[start : text.index(",")],
        span=(start, text.index(",")),
        sources=[SourceRef("Ana Brnabic")],
    )
    denial = one(run(nlp, text, claims=[claim]), "DENY")
    assert denial.actor is not None and "Brnabic" in denial.actor


def test_events_the_country_of_a_leader(nlp):
    text = "Polish President Duda ordered a sharp expansion of the country's artillery production."
    production = one(run(nlp, text), "MILITARY_PRODUCTION")
    assert production.actor == "Poland"
    assert production.modality == "planned"


def test_events_an_actual_order_is_not_dated_by_its_future_deadline(nlp):
    text = "President Duda ordered an expansion of artillery production ahead of 2026."
    year = timex(text, "2026", "2026", "2026-01-01", "2026-12-31")
    events = run(nlp, text, [year])
    order = one(events, "ORDER")
    assert order.time is None or order.time.value != "2026"
    assert one(events, "MILITARY_PRODUCTION").time.value == "2026"


def test_events_field_guidance_is_an_inspection(nlp):
    event = one(
        run(nlp, "President Macron gave field guidance at a munitions factory in Bourges."),
        "INSPECTION",
    )
    assert event.actor is not None and "Macron" in event.actor
    assert not of_type(run(nlp, "The ministry gave guidance to schools on exams."), "INSPECTION")


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine repelled the Russian invasion of the Kharkiv region.",
        "Rebels kidnapped six aid workers near Goma.",
        "Fierce fighting between Sudanese army troops and RSF fighters killed dozens.",
        "Ethiopian troops captured part of a rebel stronghold near the border.",
    ],
)
def test_events_more_ways_to_tell_an_attack(nlp, text):
    assert of_type(run(nlp, text), "ATTACK")


def test_events_seizing_assets_or_fighting_corruption_is_no_attack(nlp):
    assert not of_type(run(nlp, "Britain seized the assets of two Russian banks."), "ATTACK")
    assert not of_type(run(nlp, "Kenya vowed to fight corruption in the ministry."), "ATTACK")


def test_events_an_accident_that_kills_is_no_attack_but_troops_that_kill_are(nlp):
    assert not of_type(
        run(nlp, "The crash near El Centro killed two pilots, the Pentagon said."), "ATTACK"
    )
    assert (
        one(run(nlp, "Iraqi troops killed 20 Iranian soldiers near Basra."), "ATTACK").actor
        == "Iraq"
    )


def test_events_maintenance_inspections_are_not_inspections(nlp):
    assert not of_type(run(nlp, "The Navy grounded its jets for wing inspections."), "INSPECTION")


def test_events_condemned_event_gives_the_target(nlp):
    text = (
        "Japan and Australia held joint military exercises, which China condemns as provocations."
    )
    accuse = one(run(nlp, text), "ACCUSE")
    assert accuse.actor == "China" and accuse.target == "Japan"


def test_events_a_verb_and_its_object_telling_one_act_are_one_event(nlp):
    # "signed an agreement with Peru": the verb gives the actor, the noun the partner
    [deal] = of_type(run(nlp, "Chile later signed an agreement with Peru."), "AGREEMENT")
    assert (deal.actor, deal.target) == ("Chile", "Peru")
    assert len(deal.mentions) == 2


def test_events_the_other_sides_act_as_an_object_stays_its_own_event(nlp):
    # "to fight Russia's assault": the assault is Russia's, not the fighters' act told again
    text = "Poland sent tanks to Ukraine to fight Russia's assault on the Donbas."
    attacks = of_type(run(nlp, text), "ATTACK")
    assert all(e.target != e.actor for e in attacks)
    assert "Russia" in [e.actor for e in attacks]


def test_events_what_talks_are_about_is_no_party(nlp):
    talks = one(run(nlp, "Talks with Peru about Bolivia were held on Monday."), "TALKS")
    assert "Bolivia" not in (talks.actor, talks.target)


def test_events_agreeing_to_a_ceasefire_is_one_agreement_with_its_partner(nlp):
    [deal] = of_type(run(nlp, "Chile agreed to a ceasefire with Peru."), "AGREEMENT")
    assert (deal.actor, deal.target) == ("Chile", "Peru")


def test_events_agreeing_to_extend_sanctions_is_the_sanction_only(nlp):
    events = run(nlp, "The EU agreed to extend its economic sanctions against Russia.")
    assert [e.type for e in events] == ["SANCTION"]


def test_events_neither_confirmed_nor_denied_is_a_denial_not_made(nlp):
    [deny] = of_type(run(nlp, "Chile has neither confirmed nor denied the report."), "DENY")
    assert deny.modality == "negated"
