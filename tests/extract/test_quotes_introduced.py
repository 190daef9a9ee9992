"""Quotes whose speaker is named by the clause that introduces them, not by a cue beside them.
Sentences written for these tests."""

from __future__ import annotations

from tests.extract.test_quotes_speakers import _quotes

KEMP = ("Rosa Kemp", "PERSON", ["Rosa Kemp"])
MARSH = ("Ivo Marsh", "PERSON", ["Ivo Marsh"])
COUNCIL = ("City Council", "ORG", ["City Council", "the council"])


def test_quotes_colon_after_a_clause_names_its_subject(nlp) -> None:
    text = (
        "The council voted for the cuts on Monday. Rosa Kemp, the union's chair, answered the "
        "critics on local radio: \u201cWe will not sign a deal that cuts pensions.\u201d"
    )
    assert _quotes(nlp, text, [KEMP]) == [
        ("We will not sign a deal that cuts pensions", "Rosa Kemp")
    ]


def test_quotes_participle_after_a_reported_clause_speaks_for_the_reporter(nlp) -> None:
    text = (
        "Former envoy Ivo Marsh urged that the council give the town a new budget, as it "
        "apparently has done for the port, stating, \u201cBudgets alone do not rebuild a town.\u201d"
    )
    assert _quotes(nlp, text, [MARSH, COUNCIL]) == [
        ("Budgets alone do not rebuild a town", "Ivo Marsh")
    ]


def test_quotes_passive_release_names_no_speaker(nlp) -> None:
    text = (
        "Under the plan, enough permits would be released so that \u201cprices stay at a fair "
        "level for farmers\u201d through June."
    )
    assert all(speaker is None for _, speaker in _quotes(nlp, text, []))


def test_quotes_labelled_phrase_is_a_name(nlp) -> None:
    text = 'The study looked at a case labelled "high water year" in its tables.'
    assert _quotes(nlp, text, []) == []
