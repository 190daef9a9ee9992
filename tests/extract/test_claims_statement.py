"""Statements published under a name: a press statement's byline or a printed statement
introduced by "X issued the following statement:". Sentences written for these tests."""

from __future__ import annotations

import pytest

from newsledger.extract.claims import extract_claims
from newsledger.extract.claims_statement import parse_statement_byline
from newsledger.extract.quotes import extract_quotes
from tests.extract.test_claims_classes import chain, claims_of, index_for

MARA = ("Mara Lindqvist", "PERSON", ["Mara Lindqvist"])
OSKAR = ("Oskar Venn", "PERSON", ["Oskar Venn"])


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Mara Lindqvist, Secretary of State", "Mara Lindqvist"),
        ("Oskar T. Venn, Department Spokesperson", "Oskar T. Venn"),
        ("Oskar Venn, Staff Reporter", None),  # a journalist's byline: the narrator
        ("By Oskar Venn", None),
        ("Mara Lindqvist, Secretary of State, said the port would close.", None),
        ("Tuesday, March 4, 2014", None),
    ],
)
def test_parse_statement_byline_takes_an_office_not_a_newsroom(line: str, name: str | None) -> None:
    assert parse_statement_byline(line) == name


def test_claims_statement_byline_makes_each_sentence_the_authors_claim(nlp) -> None:
    text = (
        "Mara Lindqvist, Secretary of State\n\n"
        "The republic's shelling of the border villages breaks the ceasefire it signed in May. "
        "We are suspending the grain credits until the shelling stops.\n\n"
        "For more details, see the Treasury's notice."
    )
    claims = claims_of(nlp, text, [MARA])
    assert [c.text for c in claims] == [
        "The republic's shelling of the border villages breaks the ceasefire it signed in May",
        "We are suspending the grain credits until the shelling stops",
    ]
    assert all(chain(c) == ["Mara Lindqvist"] for c in claims)


def test_claims_newsroom_byline_leaves_the_narrator_alone(nlp) -> None:
    text = (
        "Oskar Venn, Staff Reporter\n\n"
        "The republic shelled the border villages on Monday. The grain credits were suspended."
    )
    assert claims_of(nlp, text, [OSKAR]) == []


def test_claims_statement_byline_set_apart_by_the_article_layer(nlp) -> None:
    text = "The republic's shelling of the border villages breaks the ceasefire it signed in May."
    doc = nlp(text)
    index = index_for(text, [])
    claims = extract_claims(
        doc, index, extract_quotes(doc, index), byline="Mara Lindqvist, Secretary of State"
    )
    assert [chain(c) for c in claims] == [["Mara Lindqvist"]]


def test_claims_introduced_statement_belongs_to_its_issuer(nlp) -> None:
    text = (
        "The port authority said on Friday that the quay was closed.\n\n"
        "Oskar Venn, the harbour master, on Friday released the following statement:\n\n"
        "The storm damaged two cranes at the eastern quay. Repairs will take three weeks, "
        "the insurers told us.\n\n"
        "Ships bound for the port should anchor in the outer roads. -0-"
    )
    claims = claims_of(nlp, text, [OSKAR])
    by_text = {c.text: chain(c) for c in claims}
    assert by_text["the quay was closed"] == ["the port authority"]
    assert by_text["The storm damaged two cranes at the eastern quay"] == ["Oskar Venn"]
    # a claim the statement attributes to someone else keeps its source as the inner link
    assert by_text["Repairs will take three weeks"] == ["Oskar Venn", "the insurers"]
    assert by_text["Ships bound for the port should anchor in the outer roads"] == ["Oskar Venn"]


def test_claims_statement_title_quote_is_the_issuers(nlp) -> None:
    text = (
        'Oskar Venn, the harbour master, issued a statement titled "The eastern quay will '
        'reopen when the cranes are safe" on Friday.'
    )
    doc = nlp(text)
    [q] = extract_quotes(doc, index_for(text, [OSKAR]))
    assert q.speaker == "Oskar Venn"


def test_claims_statement_a_title_naming_its_issuer_makes_the_text_theirs() -> None:
    from newsledger import extract

    record = extract(
        "Information of Valmora Defense Ministry\n\nOn September 4, at 11:20, the positions of "
        "the Valmora Army units near Tarvo were subjected to fire from small arms.\n\n"
        "The Valmora Army units took retaliatory measures in the direction.\n",
        reference_date="2031-09-04",
    )
    sources = {c.sources[-1].name for c in record.claims if c.sources}
    assert sources == {"Valmora Defense Ministry"}, sources
    assert len(record.claims) == 2


def test_claims_statement_a_title_that_names_no_issuer_makes_no_statement() -> None:
    from newsledger.extract.claims_statement import titled_statement_issuer

    assert titled_statement_issuer("Information of the public is key") is None
    assert titled_statement_issuer("Statement of intent on trade") is None
    assert titled_statement_issuer("Press Statement by Vice-Minister of Defence") == (
        "Vice-Minister of Defence"
    )


def test_claims_statement_a_titled_commentary_names_its_issuer_after_its_topic() -> None:
    from newsledger.extract.claims_statement import titled_statement_issuer

    title = "The Commentary on the Border Incident of May 3, by the Spokesperson of the Ministry of Defence"
    assert titled_statement_issuer(title) == "Ministry of Defence"
    assert titled_statement_issuer("Statement on the talks, by the way") is None
    # an unnamed spokesperson of a body in the title is the body
    assert titled_statement_issuer("Statement by the Spokesperson of the Foreign Ministry") == (
        "Foreign Ministry"
    )
