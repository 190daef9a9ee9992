"""Saved pages: captions, credits and stamps between the headline and a dateline, breadcrumbs
and template labels above the headline, the archive AP dash, and ``TeX-style'' quote marks.
Every page here was written for this file."""

from __future__ import annotations

import pytest

from newsledger import extract
from newsledger.extract.article import read_article
from newsledger.records import RawArticle


def layer(text: str):
    return read_article(RawArticle(text=text, uri="page.txt"))


CAPTIONED = (
    "Ferry sinks off Valmora coast\n\n"
    "Rescue boats search the water near the harbour on Tuesday.\n"
    "Rescue boats search the water near the harbour on Tuesday. PHOTO: WIRE PICTURES\n"
    "Published\n"
    "2 hours ago\n\n"
    "VALMORA (AFP) - A passenger ferry sank off the northern coast on Tuesday, the coast "
    "guard said, and 40 people were missing.\n"
)


def test_article_saved_pages_dateline_below_captions_and_stamps() -> None:
    got = layer(CAPTIONED)
    assert got.headline == "Ferry sinks off Valmora coast"
    assert got.dateline is not None and got.dateline.place == "Valmora"
    assert got.outlet == "AFP"


def test_article_saved_pages_capitals_and_dash_under_a_byline_line() -> None:
    got = layer(
        "Storm closes ports\n\nMay 13, 1998|By Jane Roe Staff Writer\n\n"
        "LISBON — A winter storm closed every port on the coast on Tuesday and grounded "
        "the fishing fleet for a second day.\n"
    )
    assert got.dateline is not None and got.dateline.place == "Lisbon"


def test_article_saved_pages_deep_line_without_agency_or_long_lead_is_no_dateline() -> None:
    got = layer(
        "Storm closes ports\n\nA caption about the storm.\nAnother caption line here.\n\n"
        "Lisbon: a city of ports.\n\nThe storm closed every port on Tuesday.\n"
    )
    assert got.dateline is None


@pytest.mark.parametrize(
    "crumb", ["News  |  World", "Home › World › Europe", "Accessibility links"]
)
def test_article_saved_pages_breadcrumbs_and_labels_are_no_headline(crumb: str) -> None:
    got = layer(
        f"{crumb}\n\nFerry sinks off Valmora coast\n\nBy Wire | 22 January 2015 | 2:55 am\n\n"
        "A passenger ferry sank off the northern coast on Tuesday, the coast guard said.\n"
    )
    assert got.headline == "Ferry sinks off Valmora coast"


def test_article_saved_pages_archive_wire_underscore_dash() -> None:
    got = layer(
        "Ferry sinks\n\nVALMORA, Norland (AP) _ A passenger ferry sank off the northern coast "
        "on Tuesday, the coast guard said.\n"
    )
    assert got.dateline is not None and got.dateline.place == "Valmora"
    assert got.text.startswith("A passenger ferry")


def test_article_saved_pages_backtick_quotes_have_speakers() -> None:
    record = extract(
        "Ferry sinks\n\nThe coast guard said the crew had acted with ``great courage.'' "
        "Captain Ines Moreau said: ``We searched all night and we will search again.''\n",
        reference_date="1999-03-25",
    )
    quotes = {q.text: q.speaker for q in record.quotes}
    assert quotes.get("great courage") == "the coast guard"
    assert quotes.get("We searched all night and we will search again") == "Ines Moreau"


def test_article_saved_pages_captions_above_a_deep_dateline_leave_the_body() -> None:
    got = layer(CAPTIONED)
    assert got.text.startswith("A passenger ferry sank")
    assert "PHOTO" not in got.text and "Rescue boats" not in got.text


def test_article_saved_pages_a_standfirst_above_a_deep_dateline_stays() -> None:
    standfirst = (
        "The ferry was carrying more than two hundred passengers when it capsized in heavy "
        "seas, and rescuers fear the toll will rise."
    )
    got = layer(
        "Ferry sinks off Valmora coast\n\nBreaking News\n\nA caption.\n\n"
        f"{standfirst}\n\nVALMORA (AFP) - A passenger ferry sank off the northern coast on "
        "Tuesday, the coast guard said.\n"
    )
    assert got.text.startswith(standfirst)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("September 16, 1986|By Washington Post", "The Washington Post"),
        ("By AFP   |   22 January 2015   |   2:55 am", "AFP"),
        ("By Reuters", "Reuters"),
    ],
)
def test_article_saved_pages_byline_with_a_date_stamp(line: str, outlet: str) -> None:
    got = layer(f"Ferry sinks\n\n{line}\n\nA passenger ferry sank off the coast on Tuesday.\n")
    assert got.byline == line.strip() and got.outlet == outlet
    assert got.text.startswith("A passenger ferry")


def test_article_saved_pages_name_after_a_closing_quote_is_cut_from_the_quote() -> None:
    record = extract(
        "Army defiant\n\nThe army said the ``high morale of the units was preserved.\u2033 "
        "Milosevic congratulated the commands.\n",
        reference_date="1999-03-25",
    )
    assert [e.name for e in record.entities if e.type == "PERSON"] == ["Milosevic"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Minister Ana Ruiz - Valmora Daily News reported the visit on Monday.",
            "Ana Ruiz",
        ),
        (
            "In the purges of that era the rival Ivan Petrenko - and his allies - lost.",
            "Ivan Petrenko",
        ),
    ],
)
def test_article_saved_pages_a_spaced_dash_ends_a_name(text: str, name: str) -> None:
    record = extract(f"Purges\n\n{text}\n", reference_date="2020-01-01")
    people = [e.name for e in record.entities if e.type == "PERSON"]
    assert name in people and not any(" - " in p or p.endswith(" and") for p in people)


def test_article_saved_pages_lower_case_adjective_is_no_entity() -> None:
    record = extract(
        "Crossing\n\nThe trans-Arctic expedition of 1968 reached the pole, said Staffan de Vries.\n",
        reference_date="2020-01-01",
    )
    names = [e.name for e in record.entities]
    assert not any(n.startswith("trans-") for n in names)
    assert "Staffan de Vries" in names


def test_article_saved_pages_call_to_action_above_the_headline() -> None:
    got = layer(
        "Watch Valmora News\n\nFerry sinks off the northern coast, coast guard says\n\n"
        "Rescuers search the water 02:42\n\n"
        "Lisbon \u2014 A passenger ferry sank off the northern coast on Tuesday, the coast "
        "guard said, and forty people were missing.\n"
    )
    assert got.headline == "Ferry sinks off the northern coast, coast guard says"
    assert got.dateline is not None and got.dateline.place == "Lisbon"


def test_article_saved_pages_version_note_is_no_headline() -> None:
    got = layer(
        "\u00d7\n\nOur reporting has moved\n\nFerry sinks off the northern coast\n\nby Wire\n\n"
        "(Adds quotes and details)\n\nVALMORA, April 28 (Reuters) - A passenger ferry sank off "
        "the northern coast on Tuesday, the coast guard said.\n"
    )
    assert got.headline == "Ferry sinks off the northern coast"


def test_article_saved_pages_breadcrumb_ending_in_the_headline() -> None:
    got = layer(
        "Home /  World  /  Ferry sinks off Valmora coast\n\nFerry sinks off Valmora coast\n\n"
        "A passenger ferry sank off the northern coast on Tuesday, the coast guard said.\n"
    )
    assert got.headline == "Ferry sinks off Valmora coast"
    assert got.text.startswith("A passenger ferry")


def test_article_saved_pages_date_first_dateline() -> None:
    got = layer(
        "Ferry sinks\n\nSeptember 25, 2014 (VALMORA) \u2013 A passenger ferry sank off the "
        "northern coast, the coast guard said.\n"
    )
    assert got.dateline is not None and got.dateline.place == "Valmora"
    assert got.dateline.date == "2014-09-25"
    assert got.text.startswith("A passenger ferry")


def test_article_saved_pages_closing_marks_at_both_ends() -> None:
    record = extract(
        "Clashes\n\n\u201dHeavily armed\u201d rebels attacked the garrison near the border, the "
        "defence ministry said.\n\n\u201dThe fighting was intense and lasted all night,\u201d the "
        "ministry said in a statement.\n",
        reference_date="2006-06-27",
    )
    texts = [q.text for q in record.quotes]
    assert "The fighting was intense and lasted all night" in texts
    assert all(q.speaker for q in record.quotes)


def test_article_saved_pages_abbreviated_rank_is_no_name() -> None:
    record = extract(
        "Missiles\n\nBut Marine Brig. Gen. Ana Ruiz told reporters in Riyadh today that no "
        "missiles were fired over the city.\n",
        reference_date="1991-02-14",
    )
    names = [e.name for e in record.entities]
    assert "Ana Ruiz" in names and not any("Brig" in n for n in names)


def test_article_saved_pages_plural_of_a_one_word_weapon_name() -> None:
    record = extract(
        "Missiles\n\nIraq fired two Scuds at the city overnight. The Patriots won the game on "
        "Sunday.\n",
        reference_date="1991-02-14",
    )
    weapons = {e.name: e.aliases for e in record.entities if e.type == "WEAPON"}
    assert "Scuds" in weapons.get("Scud", [])
    assert "Patriot" not in weapons  # the team, with no weapon word beside it
