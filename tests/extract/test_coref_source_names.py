"""Who a speaker or claim source is: titles, appositions, statements by someone, split names.
Sentences written for these tests."""

from __future__ import annotations

from tests.extract.test_claims_classes import chain, claims_of
from tests.extract.test_quotes_speakers import _quotes

DENMARK = ("Denmark", "GPE", ["Danish", "Denmark"])
NORWAY = ("Norway", "GPE", ["Norwegian", "Norway"])
PERU = ("Peru", "GPE", ["Peru"])
LIND = ("Nora Lind", "PERSON", ["Nora Lind"])
HALE = ("Tom Hale", "PERSON", ["Tom Hale"])
RASHID = ("Samir al-Rashid", "PERSON", ["Samir al-Rashid"])


def test_source_role_description_with_its_own_name_is_that_entity(nlp) -> None:
    text = (
        "The Danish government said the ferry would keep running. "
        "The Norwegian government said the route was closed for the winter."
    )
    claims = claims_of(nlp, text, [DENMARK, NORWAY])
    assert [chain(c) for c in claims] == [["Denmark"], ["Norway"]]


def test_source_title_whose_name_the_parser_hung_inside_it(nlp) -> None:
    text = "US Ambassador to Peru Nora Lind alleged the mine had poisoned the river."
    [c] = claims_of(nlp, text, [PERU, LIND])
    assert chain(c) == ["Nora Lind"]


def test_source_title_of_a_place_is_not_a_person(nlp) -> None:
    lecco = ("Lecco", "PERSON", ["Lecco"])  # a tagger's mistake the rule must not follow
    [c] = claims_of(nlp, "A former mayor of Lecco said the permits were in order.", [lecco])
    assert chain(c) == ["a former mayor of Lecco"]


def test_source_apposed_name_the_entity_stage_missed(nlp) -> None:
    [c] = claims_of(nlp, "The camp's doctor, Ana Brill, said the water was unsafe to drink.")
    assert chain(c) == ["Ana Brill"]


def test_source_of_a_post_is_its_author(nlp) -> None:
    text = "A post on Friday by Mayor Tom Hale said the bridge would stay closed until June."
    [c] = claims_of(nlp, text, [HALE])
    assert chain(c) == ["Tom Hale"]


def test_speaker_split_at_a_hyphen_is_the_whole_name(nlp) -> None:
    text = (
        "Samir al-Rashid runs the port. \u201cThe harbour stays shut until the storm passes,"
        "\u201d al-Rashid said."
    )
    assert _quotes(nlp, text, [RASHID]) == [
        ("The harbour stays shut until the storm passes", "Samir al-Rashid")
    ]


def test_speaker_spokesperson_named_as_an_organisation_is_still_he_or_she(nlp) -> None:
    text = (
        "A ministry spokesperson, Lia Toft, said the talks had stalled. "
        "\u201cWe are waiting for an answer,\u201d she said."
    )
    toft = ("Lia Toft", "ORG", ["Lia Toft"])  # mistyped by a tagger
    assert _quotes(nlp, text, [toft]) == [("We are waiting for an answer", "Lia Toft")]


def test_source_of_a_statement_from_an_unnamed_body_is_that_body(nlp) -> None:
    text = "The dam will be drained next week, according to a statement from the water board."
    [c] = claims_of(nlp, text)
    assert chain(c) == ["the water board"]


def test_source_phrase_does_not_end_in_a_coordinator(nlp) -> None:
    # a hard-wrapped line: the parser leaves "and" inside the first issuer's phrase
    text = (
        "A joint statement from the Nordic Polaris consortium\n"
        "and the engine builder Norrfjord Motorverk Aktiebolag (NMA) said the turbine "
        "was dismantled."
    )
    [c] = claims_of(nlp, text)
    assert chain(c) == ["the Nordic Polaris consortium"]


def test_source_the_government_is_not_a_relatives_government(nlp) -> None:
    text = (
        "The government welcomed a union decision to end its boycott of Tolanu, imposed in "
        "support of Ari Veta, whose elected government was ousted in a coup in June. The first "
        "result would be a shipment of rice from the mainland, the government said."
    )
    [c] = [c for c in claims_of(nlp, text) if c.text.startswith("The first result")]
    assert chain(c) == ["the government"]


def test_source_one_of_a_group_with_a_name_is_that_person(nlp) -> None:
    musa = ("Ali Musa", "PERSON", ["Ali Musa"])
    text = "One of the rebel leaders, Ali Musa, told reporters the town had fallen."
    [c] = claims_of(nlp, text, [musa])
    assert chain(c) == ["Ali Musa"]


def test_source_a_name_the_tagger_missed_here_is_the_person_it_tagged_elsewhere(nlp) -> None:
    from newsledger.extract.claims import extract_claims
    from newsledger.extract.entity_index import EntityIndex
    from newsledger.extract.quotes import extract_quotes
    from newsledger.records import Entity

    text = (
        "Brill told reporters the fund would sell its shares. The fund holds 4.8 million "
        "shares. Its members include four pension plans. The company rejected the plan on "
        "Monday. Brill said the board had no timetable. "
        '"We are trying to move public opinion," he said.'
    )
    first = text.index("Brill")
    # the tagger found the first "Brill" only, as it often does with a bare surname
    brill = Entity("e1", "Brill", "PERSON", aliases=["Brill"], mentions=[(first, first + 5)])
    doc = nlp(text)
    index = EntityIndex([brill])
    quotes = extract_quotes(doc, index)
    assert [q.speaker for q in quotes] == ["Brill"]
    said = [c for c in extract_claims(doc, index, quotes) if c.text.startswith(("We", "the b"))]
    assert [chain(c) for c in said] == [["Brill"], ["Brill"]]
