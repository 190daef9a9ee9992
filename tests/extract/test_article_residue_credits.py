"""Credit lines name the outlet only when they are its house style."""

from __future__ import annotations

from newsledger.extract.article import read_article, remove_residue
from newsledger.extract.article.residue import split_trailing_credits
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
    cut, residue = split_trailing_credits(text)
    assert cut == "The bridge held."
    assert residue is not None and residue.outlet == "Reuters"
    # A parenthesis that is part of the sentence stays.
    assert split_trailing_credits("He thanked the crew (all twelve of them)")[1] is None


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
