"""Credit lines name the outlet only when they are its house style."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger.extract.article import read_article, remove_residue
from newsledger.extract.article.residue import split_trailing_residue
from newsledger.records import RawArticle


def test_article_credits_with_editing_name_reuters():
    _, removed = remove_residue(
        "The bridge reopened on Monday after repairs.\n(Reporting by Ana Ruiz in Lima; Editing by Tom Baird)\n"
    )
    assert [(r.kind, r.outlet) for r in removed] == [("wire credits", "Reuters")]


def test_article_credits_without_editing_name_no_outlet():
    _, removed = remove_residue(
        "The bridge reopened on Monday after repairs.\n(Reporting by Ana Ruiz; Writing by Tom Baird)\n"
    )
    assert [(r.kind, r.outlet) for r in removed] == [("wire credits", None)]


def test_article_credits_run_on_at_the_end_are_cut():
    text = "The bridge held. (Reporting by Ana Ruiz; Editing by Tom Baird)"
    cut, removed = split_trailing_residue(text)
    assert cut == "The bridge held."
    assert [(r.kind, r.outlet) for r in removed] == [("wire credits", "Reuters")]
    # A parenthesis that is part of the sentence stays.
    assert split_trailing_residue("He thanked the crew (all twelve of them)")[1] == []


def test_article_trailing_end_marker_and_signature_cut():
    cut, removed = split_trailing_residue("The envoy left for home on Friday. -0-")
    assert cut == "The envoy left for home on Friday."
    assert [r.kind for r in removed] == ["wire end marker"]
    cut, removed = split_trailing_residue("Talks resume next week. — AFP")
    assert cut == "Talks resume next week."
    assert [(r.kind, r.outlet) for r in removed] == [("wire signature", "AFP")]
    # A sentence that ends with an outlet's name is no signature.
    assert split_trailing_residue("The mayor spoke. He later told Reuters.")[1] == []
    cut, removed = split_trailing_residue(
        "It held. (Reporting by Ana Ruiz; Editing by Tom Baird) (END)"
    )
    assert cut == "It held."
    assert [r.kind for r in removed] == ["wire credits", "wire end marker"]


def test_article_credits_give_outlet_in_story():
    text = (
        "Bridge reopens\n\nThe bridge reopened on Monday after repairs, the city said.\n\n"
        "(Reporting by Ana Ruiz; Editing by Tom Baird)\n"
    )
    result = read_article(RawArticle(text=text, uri="t.txt"))
    assert result.outlet == "Reuters"
    assert "Reporting by" not in result.text


def test_article_residue_date_line_below_headline_with_initialism():
    # "U.S." in the headline is no sentence end: the date line below it is still page top.
    text = "U.S. bridge reopens\n\nMonday, May 5, 2025\n\nThe bridge reopened on Monday, the city said.\n"
    kept, removed = remove_residue(text)
    assert [r.kind for r in removed] == ["page date marker"]


@pytest.mark.parametrize(
    ("line", "kind", "outlet"),
    [
        ("Our Standards: The Thomson Reuters Trust Principles.", "wire credits", "Reuters"),
        (
            "Associated Press writer Ana Ruiz in Lima contributed to this report.",
            "wire credits",
            "AP",
        ),
        ("Reporting by Ana Ruiz; Editing by Tom Baird", "wire credits", "Reuters"),
        ("Copyright 2019 The Associated Press. All rights reserved.", "wire signature", "AP"),
        ("Source: Xinhua| 2019-05-06 08:10:02|Editor: wang", "wire signature", "Xinhua"),
        ("Home > World > Asia Pacific", "page navigation", None),
    ],
)
def test_article_signature_and_credit_lines(line, kind, outlet):
    _, removed = remove_residue(
        f"{line}\nThe bridge reopened on Monday after repairs, the city said.\n"
    )
    assert [(r.kind, r.outlet) for r in removed] == [(kind, outlet)]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Sat 6 Jul 2019 09.15 BST", date(2019, 7, 6)),
        ("POSTED: 09:15 GMT, 6 July 2019 | UPDATED: 11:40 GMT, 6 July 2019", date(2019, 7, 6)),
        ("Updated 9:15 AM EDT, Sat July 6, 2019", date(2019, 7, 6)),
        ("July 6, 2019 / 9:15 AM / Updated 2 years ago", date(2019, 7, 6)),
    ],
)
def test_article_page_date_stamps_in_any_order(line, day):
    _, removed = remove_residue(
        f"{line}\nThe bridge reopened on Monday after repairs, the city said.\n"
    )
    assert [(r.kind, r.date) for r in removed] == [("page date marker", day)]


def test_article_page_date_stamp_only_at_the_edges():
    text = (
        "The bridge reopened on Monday after repairs, the city said.\n"
        "Sat 6 Jul 2019 09.15 BST\n"
        "Traffic was light on the first day, the police said.\n"
    )
    assert remove_residue(text)[1] == []


@pytest.mark.parametrize(
    "line",
    [
        "Mar 88   Feb 88   Mar 87",  # a wire table's header row: months without a whole date
        "12 months",
        "1988    1987       1988     1987",
        "Harbour Holdings Ltd>.",  # a wire company tag's end, not a breadcrumb
    ],
)
def test_article_wire_table_rows_and_tags_stay(line):
    text = f"The company said its results improved on higher prices for timber.\n{line}\n"
    assert remove_residue(text)[1] == []
