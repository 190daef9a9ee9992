"""Hedges, quoted denials and what a report of a directive is. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from tests.extract.test_claims_classes import chain, claims_of

LIND = ("Nora Lind", "PERSON", ["Nora Lind", "Lind"])
HERALD = ("Tokyo Herald", "ORG", ["Tokyo Herald"])


def test_claims_hedge_adjective_in_the_content(nlp) -> None:
    [c] = claims_of(nlp, "The paper reported the firm's alleged ties to the cartel had been cut.")
    assert c.hedged
    [c] = claims_of(nlp, "The paper reported the firm's ties to the cartel had been cut.")
    assert not c.hedged


def test_claims_possibility_phrases_hedge_but_a_possible_thing_does_not(nlp) -> None:
    [c] = claims_of(nlp, "Lind said it is possible that the dam will fail in spring.", [LIND])
    assert c.hedged
    [c] = claims_of(nlp, "Lind said floods can be deadly in the valley.", [LIND])
    assert c.hedged
    [c] = claims_of(nlp, "Lind said a compromise was still possible.", [LIND])
    assert not c.hedged


def test_claims_quoted_denial_is_a_negative_claim_of_what_it_denies(nlp) -> None:
    text = 'The ministry spokeswoman said: "We firmly deny that the army is shelling the villages."'
    [c] = claims_of(nlp, text)
    assert (c.text, c.polarity) == ("the army is shelling the villages", "negative")


def test_claims_reported_directive_is_the_reporters_claim(nlp) -> None:
    text = "The Tokyo Herald reported Nora Lind, the mayor, recommended the plant be closed."
    [c] = claims_of(nlp, text, [LIND, HERALD])
    assert chain(c) == ["Tokyo Herald"]
    assert c.text.startswith("Nora Lind")


def test_claims_lower_case_quote_split_by_the_parser_is_still_a_statement(nlp) -> None:
    text = (
        'Nora Lind also stated, "the old harbour wall has long been the weakest point in HDFs '
        '[harbour defence files] on Vigo."'
    )
    claims = claims_of(nlp, text, [LIND])
    assert [chain(c) for c in claims] == [["Nora Lind"]]


def test_speaker_name_beside_a_role_subject(nlp) -> None:
    text = (
        "The harbour master of Vigo, Nora Lind reportedly told local radio that the quay "
        "had collapsed."
    )
    [c] = claims_of(nlp, text, [LIND])
    assert chain(c) == ["Nora Lind"]


def test_source_of_a_pronoun_for_machines_is_unknown(nlp) -> None:
    text = (
        "Some residents said the storm was over. Two minesweepers reached the island, which "
        "they say was cut off for a week."
    )
    assert [chain(c) for c in claims_of(nlp, text)] == [["some residents"]]


CHILE = ("Chile", "GPE", ["Chile", "Santiago"])
PERU = ("Peru", "GPE", ["Peru", "Lima"])


def test_claims_denial_in_a_relative_clause_denies_the_claim_before_it(nlp) -> None:
    for text in (
        "Peru has accused Chile of moving troops to the border, a charge Santiago denies.",
        "Peru says Chile is moving troops to the border, which Santiago denies.",
    ):
        claims = claims_of(nlp, text, [CHILE, PERU])
        assert len(claims) == 2, [c.text for c in claims]
        said, denied = claims
        assert "which" not in said.text and "charge" not in said.text
        assert chain(said) == ["Peru"] and said.polarity == "positive"
        assert chain(denied) == ["Chile"] and denied.polarity == "negative"
        assert denied.denies == 0 and denied.text == said.text


def test_claims_relative_clause_that_denies_nothing_leaves_the_claim_whole(nlp) -> None:
    [c] = claims_of(
        nlp, "Peru says Chile shelled the depot, which lies near the border.", [CHILE, PERU]
    )
    assert c.text.endswith("which lies near the border")


def test_claims_denied_act_told_as_a_gerund(nlp) -> None:
    [c] = claims_of(nlp, "Chile denies moving troops to the border.", [CHILE])
    assert c.text == "moving troops to the border" and c.polarity == "negative"
    assert chain(c) == ["Chile"]


@pytest.mark.parametrize(
    "text",
    [
        "Chile has neither confirmed nor denied carrying out the strike.",
        "Chile did not deny carrying out the strike.",
    ],
)
def test_claims_a_denial_not_made_is_no_denial(nlp, text) -> None:
    assert [c for c in claims_of(nlp, text) if c.polarity == "negative"] == []
