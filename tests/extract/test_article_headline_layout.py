"""Headline, site names after it, bylines and section labels."""

from __future__ import annotations

import pytest

from newsledger.extract.article import read_article
from newsledger.extract.article.headline import read_byline, reads_as_body, split_site_suffix
from newsledger.records import RawArticle


def layer(text: str, **kwargs):
    return read_article(RawArticle(text=text, uri="t.txt", **kwargs))


@pytest.mark.parametrize(
    ("title", "headline", "outlet"),
    [
        ("Dam repairs finish early - Reuters", "Dam repairs finish early", "Reuters"),
        ("Dam repairs finish early | AP News", "Dam repairs finish early", "AP"),
        ("Dam repairs finish early - TIME NewsFeed", "Dam repairs finish early", "TIME"),
        (
            "Dam repairs finish early | Riverside Gazette",
            "Dam repairs finish early",
            "Riverside Gazette",
        ),
        ("Dam repairs finish early – riverside.com", "Dam repairs finish early", "riverside.com"),
        ("Dam repairs finish early | Politics", "Dam repairs finish early", None),
        (
            "Dam repairs finish early | Politics | Hexley Eye",
            "Dam repairs finish early",
            "Hexley Eye",
        ),
        ("Dam repairs finish early | World | Reuters", "Dam repairs finish early", "Reuters"),
        ("Dam repairs finish early - Hexley Eye", "Dam repairs finish early - Hexley Eye", None),
        # A dash inside a headline is not a site name.
        ("Chile - Peru border talks resume", "Chile - Peru border talks resume", None),
        ("Mayor quits - and blames the council", "Mayor quits - and blames the council", None),
    ],
)
def test_article_headline_site_suffix(title, headline, outlet):
    cut, named, _ = split_site_suffix(title)
    assert (cut, named) == (headline, outlet)


def test_article_headline_site_suffix_names_outlet_in_story():
    result = layer(
        "Dam repairs finish early | AP News\nWorkers closed the last sluice on Monday.\n"
    )
    assert result.headline == "Dam repairs finish early"
    assert result.outlet == "AP"
    assert any("site name" in w for w in result.warnings)


def test_article_headline_body_on_next_line():
    result = layer(
        "Dam repairs finish early\nWorkers closed the last sluice on Monday.\nIt held.\n"
    )
    assert result.headline == "Dam repairs finish early"
    assert result.text == "Workers closed the last sluice on Monday.\nIt held."


def test_article_no_headline_when_first_line_is_a_sentence():
    result = layer("Workers closed the last sluice on Monday.\nThe dam held overnight.\n")
    assert result.headline is None
    assert any(w.startswith("no headline") for w in result.warnings)


def test_article_headline_with_initialism_period_is_a_headline():
    result = layer("Storm heads for the U.S.\nForecasters expect landfall on Sunday.\n")
    assert result.headline == "Storm heads for the U.S."


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("Workers closed the last sluice on Monday.", True),
        ("workers closed the sluice", True),
        ("Can the dam hold another winter?", False),
        ("Dam repairs finish early", False),
        (" ".join(["word"] * 40), True),
    ],
)
def test_article_reads_as_body(line, body):
    assert reads_as_body(line) is body


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("By Ana Ruiz", None),
        ("By Ana Ruiz, Reuters", "Reuters"),
        ("Ana Ruiz, Reuters", "Reuters"),
        ("Ana Ruiz and Tom Baird | AP", "AP"),
        ("Ana Ruiz / AFP", "AFP"),
        ("Reuters Staff", "Reuters"),
        ("By ANA RUIZ FOR HEXLEY ONLINE", None),
        ("By Ana Ruiz in Lima", None),
    ],
)
def test_article_byline_forms(line, outlet):
    byline = read_byline(line)
    assert byline is not None and byline.outlet == outlet


@pytest.mark.parametrize(
    "line",
    [
        "By the way, the bridge is shut",
        "By now the river has fallen.",
    ],
)
def test_article_byline_refuses_sentences_opening_with_by(line):
    assert read_byline(line) is None


@pytest.mark.parametrize(
    "line", ["Ana Ruiz, mayor", "Police said the road was shut.", "Rain, Reuters said"]
)
def test_article_byline_refuses_other_lines(line):
    assert read_byline(line) is None


def test_article_byline_names_outlet_in_story():
    result = layer(
        "Bridge reopens\nAna Ruiz, Reuters\nThe bridge reopened on Monday after repairs.\n"
    )
    assert result.byline == "Ana Ruiz, Reuters"
    assert result.outlet == "Reuters"
    assert result.text == "The bridge reopened on Monday after repairs."


def test_article_section_label_above_headline_skipped():
    result = layer("Middle East\nBridge reopens after repairs\nThe bridge reopened on Monday.\n")
    assert result.headline == "Bridge reopens after repairs"
    assert result.text == "The bridge reopened on Monday."


def test_article_date_line_under_headline_dates_article():
    text = "Bridge reopens\nFriday, October 3, 2025\nThe bridge reopened on Friday after repairs.\n"
    result = layer(text)
    assert result.published == "2025-10-03"
    assert result.text == "The bridge reopened on Friday after repairs."


def test_headline_below_a_section_label_and_over_a_byline_and_dateline() -> None:
    text = (
        "Skip to main content\nMenu\nWorld\nFerry runs aground off Madeira, ten hurt\n"
        "By Ana Costa and Rui Lima\nPublished 9:15 AM EDT, Mon May 6, 2024\n"
        "FUNCHAL, May 6 (AP) — A ferry ran aground off Madeira early Monday, injuring ten "
        "passengers, the port authority said.\nDivers inspected the hull.\n"
    )
    found = layer(text)
    assert found.headline == "Ferry runs aground off Madeira, ten hurt"
    assert found.text.startswith("A ferry ran aground")


def test_a_body_line_alone_over_the_dateline_stays_in_the_text() -> None:
    # no headline, and the one line over the dateline reads as body text: it is kept
    text = (
        "Skip to main content\nWorld\n"
        "Officials said the wounded men were taken to a clinic, where they are recovering.\n\n"
        "LIMA, May 6 (EFE) At least three soldiers were hurt in a mine blast on Sunday.\n"
    )
    found = layer(text)
    assert "the wounded men were taken to a clinic" in found.text
