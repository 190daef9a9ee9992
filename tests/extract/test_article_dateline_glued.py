"""Datelines glued to the lead with no separator, and all-capitals sentence subjects."""

from __future__ import annotations

import pytest

from newsledger.extract.article import parse_dateline, read_article
from newsledger.extract.article.dateline import parse_glued_dateline
from newsledger.records import RawArticle


@pytest.mark.parametrize(
    ("line", "place", "region", "lead"),
    [
        ("TRIPOLI Libyan coastguards stopped two boats overnight.", "Tripoli", None, "Libyan"),
        ("NAIROBI, Kenya A court freed the activist on bail.", "Nairobi", "Kenya", "A court"),
        ("SAN JOSE, Costa Rica The assembly met late.", "San Jose", "Costa Rica", "The"),
        ("ANKARA/ATHENS Both governments named envoys.", "Ankara/Athens", None, "Both"),
        ("NEAR KHERSON Shelling went on through the night.", "Near Kherson", None, "Shelling"),
        ("LAGOS A tanker caught fire at the jetty.", "Lagos", None, "A tanker"),
        ("PARIS EU envoys met farmers' unions.", "Paris", None, "EU envoys"),
        ("HOMS Residents queued for bread.", "Homs", None, "Residents"),
        ("DENVER, Colo. Snow closed the airport.", "Denver", "Colo.", "Snow"),
    ],
)
def test_article_glued_dateline_read(line, place, region, lead):
    parsed = parse_glued_dateline(line)
    assert parsed is not None
    assert (parsed.place, parsed.region) == (place, region)
    assert line[parsed.end :].startswith(lead)


@pytest.mark.parametrize(
    "line",
    [
        "NATO Secretary General Ines Varga said the alliance would answer.",
        "US troops crossed the bridge on Friday.",
        "UN Secretary-General Lopes called for calm.",
        "IAEA inspectors arrived at the plant.",
        "BREAKING Police closed the bridge.",
        "WATCH The moment the dam gave way.",
        "OPEC Ministers meet in two weeks.",
        "The minister said so.",
        "ZUR Ministers met.",  # four letters or fewer, unknown: an acronym more likely than a place
    ],
)
def test_article_glued_dateline_refuses_sentence_subjects(line):
    assert parse_glued_dateline(line) is None


def test_article_glued_dateline_in_a_story_keeps_acronym_lead():
    text = "Fishing quotas stall\nOSLO EU ministers met their Norwegian counterpart on Friday.\n"
    result = read_article(RawArticle(text=text, uri="t.txt"))
    assert result.dateline is not None and result.dateline.place == "Oslo"
    assert result.text.startswith("EU ministers met")


def test_article_mixed_case_dateline_needs_known_place_and_dash():
    assert parse_dateline("Kigali, Rwanda — The vote went ahead.", after_headline=True) is not None
    # Not a known place, or no dash: a sentence, not a dateline.
    assert parse_dateline("Grandma Rose — The story begins.", after_headline=True) is None
    assert parse_dateline("Kigali: The vote went ahead.", after_headline=True) is None


def test_article_caps_subject_lead_warns_no_dateline():
    text = "Talks resume\nOPEC Ministers meet in two weeks to set output.\n"
    result = read_article(RawArticle(text=text, uri="t.txt"))
    assert result.dateline is None
    assert any("no dateline" in w and "OPEC" in w for w in result.warnings)


def test_article_glued_dateline_refuses_a_known_name_in_tabloid_capitals():
    # Tabloids set the lead's first word in capitals; a known person's name is no place.
    assert parse_glued_dateline("DONALD Trump has attacked the plan again.") is None


def test_article_glued_dateline_after_a_deck():
    text = (
        "Dam deal signed\n"
        "Officials hail a breakthrough after years of talks\n"
        "LAGOS Nigerian officials signed the accord on Monday.\n"
    )
    result = read_article(RawArticle(text=text, uri="t.txt"))
    assert result.headline == "Dam deal signed"
    assert result.dateline is not None and result.dateline.place == "Lagos"
    assert "LAGOS" not in result.text


def test_article_first_line_with_place_label_is_a_headline():
    text = (
        "HOMS: Bakeries reopen after a week\nResidents queued for bread on Monday, a baker said.\n"
    )
    result = read_article(RawArticle(text=text, uri="t.txt"))
    assert result.headline == "HOMS: Bakeries reopen after a week"
    assert result.dateline is None
    # A lead that opens with its dateline is still a lead.
    lead = "HOMS — Residents queued for bread on Monday, a baker said.\nThe queues were long.\n"
    result = read_article(RawArticle(text=lead, uri="t.txt"))
    assert result.headline is None
    assert result.dateline is not None and result.dateline.place == "Homs"
