"""Attribution chains and sources that are documents, groups or nobody named; sentences that
go on reporting. Sentences written for these tests."""

from __future__ import annotations

from tests.extract.test_claims_classes import chain, claims_of
from tests.extract.test_quotes_speakers import _quotes

MIRROR = ("Daily Mirror", "ORG", ["Daily Mirror"])
HERALD = ("Tokyo Herald", "ORG", ["Tokyo Herald"])
SATO = ("Rina Sato", "PERSON", ["Rina Sato", "Sato"])
AMNESTY = ("Amnesty International", "ORG", ["Amnesty International", "Amnesty"])
STAR = ("Sunday Star", "ORG", ["Sunday Star"])


def test_claims_according_to_citing_is_one_chain(nlp) -> None:
    text = (
        "According to the Daily Mirror, citing a senior police officer, the suspect fled by ferry."
    )
    [c] = claims_of(nlp, text, [MIRROR])
    assert c.text == "the suspect fled by ferry"
    assert chain(c) == ["Daily Mirror", "a senior police officer"]


def test_claims_quoted_by_as_saying_is_a_chain(nlp) -> None:
    for text in (
        "Rina Sato was quoted by the Tokyo Herald as saying that the plant would close in March.",
        "The Tokyo Herald quoted Rina Sato as saying that the plant would close in March.",
    ):
        [c] = claims_of(nlp, text, [SATO, HERALD])
        assert chain(c) == ["Tokyo Herald", "Rina Sato"], text


def test_claims_statement_of_a_body_is_the_body(nlp) -> None:
    [c] = claims_of(nlp, "A military statement said two soldiers were wounded near the pass.")
    assert chain(c) == ["the military"]


def test_claims_the_report_is_its_named_author(nlp) -> None:
    text = (
        "Amnesty International released a report on prison conditions on Tuesday. "
        "The report said inmates were held without trial."
    )
    [c] = claims_of(nlp, text, [AMNESTY])
    assert c.text == "inmates were held without trial" and chain(c) == ["Amnesty International"]


def test_claims_the_paper_is_the_newspaper_named_before(nlp) -> None:
    text = (
        "The weekly newspaper Sunday Star has published a leaked memo. "
        "The paper reported that the ministry had known of the leak for a month."
    )
    claims = claims_of(nlp, text, [STAR])
    assert [chain(c) for c in claims] == [["Sunday Star"]]


def test_source_is_never_a_place_a_weapon_or_a_states_people(nlp) -> None:
    for text in (
        "The region says the harvest will be late this year.",
        "The missile said the war had begun.",
        "Its people say the harvest will be late.",
    ):
        assert claims_of(nlp, text) == [], text


def test_speaker_is_null_rather_than_a_machine(nlp) -> None:
    text = (
        "Two helicopters landed near the camp. \u201cThe wounded were flown out before dawn,"
        "\u201d they said."
    )
    assert _quotes(nlp, text, []) == [("The wounded were flown out before dawn", None)]


def test_claims_hearsay_adverb_is_a_claim_with_no_named_source(nlp) -> None:
    [c] = claims_of(nlp, "The bridge was allegedly built without permits in the 1990s.")
    assert chain(c) == [] and c.hedged
    assert claims_of(nlp, "The bridge was built without permits in the 1990s.") == []


def test_claims_backshifted_sentence_goes_on_reporting(nlp) -> None:
    text = (
        "Rina Sato said the plant would close in March. Its workers would move to the new "
        "site in Osaka.\n\nThe plant opened in 1971. It would be hard to sell."
    )
    claims = claims_of(nlp, text, [SATO])
    assert [(c.text, chain(c)) for c in claims] == [
        ("the plant would close in March", ["Rina Sato"]),
        ("Its workers would move to the new site in Osaka", ["Rina Sato"]),
    ]


def test_quote_paragraph_goes_on_from_the_speaker_before_it(nlp) -> None:
    text = (
        "Rina Sato told reporters that the plant had lost money for a decade.\n\n"
        "\u201cWe kept it open for the town, but the town has moved on.\u201d"
    )
    assert _quotes(nlp, text, [SATO]) == [
        ("We kept it open for the town, but the town has moved on", "Rina Sato")
    ]


def test_claims_chains_citing_between_the_verb_and_its_report(nlp) -> None:
    # the parser hangs "that the deal was close" on "citing"
    [c] = claims_of(nlp, "El Pais reported, citing three sources, that the deal was close.")
    assert (c.text, chain(c)) == ("the deal was close", ["El Pais", "three sources"])


def test_claims_chains_a_closing_citing_phrase_is_not_what_was_reported(nlp) -> None:
    text = "Peruvian state TV reported that the drones had hit their targets, citing the navy."
    [c] = claims_of(nlp, text)
    assert c.text == "the drones had hit their targets"
    assert chain(c)[-1] == "the navy"


def test_claims_chains_according_to_a_source_which_cited_another(nlp) -> None:
    text = "According to El Pais, which cited a government source, the frigate sailed at dawn."
    [c] = claims_of(nlp, text)
    assert chain(c) == ["El Pais", "a government source"]


def test_claims_a_states_broadcaster_is_the_source_not_the_state(nlp) -> None:
    peru = ("Peru", "GPE", ["Peru"])
    [c] = claims_of(nlp, "Peru's state TV said the navy had seized a fishing boat.", [peru])
    assert chain(c) == ["Peru's state TV"]
