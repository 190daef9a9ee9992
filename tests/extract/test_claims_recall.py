"""extract_claims: attributed statements beyond "X said that Y" (conditions, signals, labels,
participles, passives, parentheticals, objects). Sentences written for these tests."""

from __future__ import annotations

from tests.extract.test_claims_classes import chain, claims_of

HALE = ("Tom Hale", "PERSON", ["Tom Hale", "Hale"])


def _texts(claims) -> list[str]:
    return [c.text for c in claims]


def test_claims_content_opening_with_a_condition_is_a_hedged_claim(nlp) -> None:
    [c] = claims_of(
        nlp, "The mayor said if the river keeps rising, the town should evacuate the low streets."
    )
    assert c.text.startswith("if the river keeps rising") and c.hedged
    assert chain(c) == ["the mayor"]


def test_claims_asked_whether_is_still_a_question(nlp) -> None:
    assert claims_of(nlp, "The mayor asked whether the town should evacuate the low streets.") == []


def test_claims_signal_verb_needs_someone_who_speaks(nlp) -> None:
    [c] = claims_of(nlp, "A ministry spokesman indicated the talks had failed.")
    assert c.text == "the talks had failed" and not c.hedged
    assert claims_of(nlp, "The figures indicate that exports fell in May.") == []


def test_claims_participle_of_a_signal_verb_is_the_narrators(nlp) -> None:
    text = "Hale ordered two new pumps, indicating that the old ones no longer cope."
    assert claims_of(nlp, text, [HALE]) == []


def test_claims_characterised_as_says_the_thing_is_so(nlp) -> None:
    [c] = claims_of(nlp, "The ministry characterised the strike as a breach of the truce.")
    assert c.text == "the strike is a breach of the truce" and chain(c) == ["the ministry"]


def test_claims_described_as_with_the_as_phrase_on_the_object(nlp) -> None:
    # the parser hangs "as ..." on the object here, not on the verb
    [c] = claims_of(nlp, "The police described the protest as a riot.")
    assert c.text == "the protest is a riot" and chain(c) == ["the police"]


def test_claims_noun_with_a_participle_of_saying_is_the_speaker(nlp) -> None:
    claims = claims_of(
        nlp, "The port closed on Friday, with officials saying the cranes were unsafe."
    )
    assert [(c.text, chain(c)) for c in claims] == [("the cranes were unsafe", ["officials"])]


def test_claims_passive_hearer_is_not_the_source(nlp) -> None:
    [c] = claims_of(nlp, "The families were told that the mine would stay shut.")
    assert c.text == "the mine would stay shut" and chain(c) == []
    [c] = claims_of(nlp, "The families were told by the company that the mine would stay shut.")
    assert chain(c) == ["the company"]


def test_claims_parenthetical_cue_reports_its_host_clause(nlp) -> None:
    text = "Tom Hale runs the roads agency. Many of the bridges, he says, are older than the town."
    claims = claims_of(nlp, text, [HALE])
    assert [(c.text, chain(c)) for c in claims] == [
        ("Many of the bridges are older than the town", ["Tom Hale"])
    ]


def test_claims_adverbial_clause_after_the_cue_is_not_content(nlp) -> None:
    text = (
        "The navy fired two flares over the bay, the coastguard said, hours after the ferry sank."
    )
    assert _texts(claims_of(nlp, text)) == ["The navy fired two flares over the bay"]


def test_claims_object_of_a_verb_of_stressing_is_the_content(nlp) -> None:
    [c] = claims_of(nlp, "Hale stressed the need to rebuild the dyke before winter.", [HALE])
    assert c.text == "the need to rebuild the dyke before winter" and chain(c) == ["Tom Hale"]


def test_claims_object_content_needs_a_speaker_and_is_not_a_source(nlp) -> None:
    assert claims_of(nlp, "The drought underlines the risk of fires in the delta.") == []
    text = "Citing a police source, the paper reported that the bridge had cracked."
    assert _texts(claims_of(nlp, text)) == ["the bridge had cracked"]


def test_claims_informed_that_is_reported_speech(nlp) -> None:
    [c] = claims_of(nlp, "The coach informed the board that the striker was injured.")
    assert c.text == "the striker was injured" and chain(c) == ["the coach"]


def test_claims_warned_of_or_complained_about_a_thing_says_it(nlp) -> None:
    [c] = claims_of(
        nlp, "The harbour authority has warned of rising costs for the ferry operators."
    )
    assert c.text == "rising costs for the ferry operators"
    assert chain(c) == ["the harbour authority"]
    [c] = claims_of(nlp, "Residents complained about the noise of the night flights.")
    assert c.text == "the noise of the night flights"


def test_claims_a_short_warning_object_is_no_claim(nlp) -> None:
    assert claims_of(nlp, "He warned of a war.") == []


def test_claims_reported_on_a_thing_says_it(nlp) -> None:
    [c] = claims_of(
        nlp, "The weekly Harbour Gazette reported on secret plans for a new naval base."
    )
    assert c.text == "secret plans for a new naval base"
    assert claims_of(nlp, "The radio reported on the floods.") == []


def test_claims_contrasting_report_by_another_speaker_is_its_own_claim(nlp) -> None:
    text = "Officials in Lima said the shell killed three people, while Santiago said it hit only army posts."
    claims = claims_of(nlp, text)
    assert [c.text for c in claims] == ["the shell killed three people", "it hit only army posts"]


def test_claims_judging_verb_with_a_verbless_clause(nlp) -> None:
    [c] = claims_of(nlp, "Lima considers the islets part of its territory.")
    assert c.text == "the islets are part of its territory" and chain(c) == ["Lima"]


def test_claims_seeing_something_as_something(nlp) -> None:
    [c] = claims_of(nlp, "Santiago sees the drills as a rehearsal for an invasion.")
    assert c.text == "the drills are a rehearsal for an invasion"
    assert claims_of(nlp, "I saw the smoke as I drove home.") == []


def test_claims_responsibility_claimed_for_an_act(nlp) -> None:
    [c] = claims_of(
        nlp, "The Red Hand front claimed responsibility for the bombing in a statement."
    )
    assert c.text == "The Red Hand front carried out the bombing"
    assert chain(c) == ["the Red Hand front"]
    [c] = claims_of(nlp, "The ambush was claimed by the Red Hand front.")
    assert c.text == "the Red Hand front carried out the ambush"


def test_claims_responsibility_not_claimed_is_no_claim(nlp) -> None:
    assert claims_of(nlp, "No group has claimed responsibility for the bombing.") == []
    assert claims_of(nlp, "The valley was claimed by both states.") == []


def test_claims_a_participle_set_off_after_the_speaker_is_not_what_was_said(nlp) -> None:
    # "X, asked about ..., said ...": the parser may read "X asked about ..." as a clause
    # fronted before "said"; only what follows the verb is said
    text = (
        "Chile's President Ana Rojas, asked about the strikes at a news conference in "
        "Santiago, said the strikes were legitimate."
    )
    assert _texts(claims_of(nlp, text)) == ["the strikes were legitimate"]


def test_claims_the_members_of_a_council_speak_as_the_council(nlp) -> None:
    council = ("Arctic Council", "ORG", ["Arctic Council"])
    [c] = claims_of(
        nlp, "The members of the Arctic Council said the spill may harm the fisheries.", [council]
    )
    assert chain(c) == ["Arctic Council"]
    [c] = claims_of(
        nlp, "Some members of the Arctic Council said the spill may harm the fisheries.", [council]
    )
    assert chain(c) == ["some members of the Arctic Council"]


def test_claims_a_release_speaks_for_the_subject_next_to_said(nlp) -> None:
    # the parser may take the fronted report's noun for a second subject of "said"
    text = (
        "The destroyers trained together on Saturday, the Chilean navy said in a news release "
        'Monday. The drill improved the "readiness of both fleets", according to the release.'
    )
    found = claims_of(nlp, text)
    assert [chain(c) for c in found if "readiness" in c.text] == [["the Chilean navy"]]


def test_claims_a_fronted_report_the_parser_read_as_a_second_subject(nlp) -> None:
    # "Talks" parsed as a subject of "said" and "stalled" as a participle on it
    [c] = claims_of(nlp, "Talks stalled on Sunday, diplomats said.")
    assert (c.text, chain(c)) == ("Talks stalled on Sunday", ["diplomats"])


def test_claims_a_fronted_report_placed_in_a_statement_after_the_cue(nlp) -> None:
    text = "The destroyers trained together on Saturday, the Chilean navy said in a news release Monday."
    [c] = claims_of(nlp, text)
    assert (c.text, chain(c)) == (
        "The destroyers trained together on Saturday",
        ["the Chilean navy"],
    )


def test_claims_commenting_on_someones_claims_relays_theirs(nlp) -> None:
    text = "Jan Berg commented on Westland's claims that Ostland had built new missile sites."
    spec = [
        ("Jan Berg", "PERSON", ["Jan Berg"]),
        ("Westland", "GPE", ["Westland"]),
        ("Ostland", "GPE", ["Ostland"]),
    ]
    found = [(c.text, chain(c)) for c in claims_of(nlp, text, spec)]
    assert found == [("Ostland had built new missile sites", ["Westland"])]


def test_claims_said_in_a_statement_that_is_the_speakers_own(nlp) -> None:
    text = "Jan Berg said in a statement that Ostland had built new missile sites."
    spec = [("Jan Berg", "PERSON", ["Jan Berg"]), ("Ostland", "GPE", ["Ostland"])]
    assert [chain(c) for c in claims_of(nlp, text, spec)] == [["Jan Berg"]]
