"""A courtesy title (Mr, Ms, Dr) before a name makes it a person's, whatever the NER read.

Sentences written here; the whole pipeline runs.
"""

from __future__ import annotations

import pytest

from newsledger import extract


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr Scholz has come under intense pressure this week.", "Scholz"),
        ("Ms. Varga told reporters the vote would go ahead.", "Varga"),
        ("Dr Tedros warned of a new outbreak in the region.", "Tedros"),
    ],
)
def test_a_courtesy_title_makes_a_person(text, name):
    found = {(e.name, e.type) for e in extract(text).entities}
    assert (name, "PERSON") in found, found


def test_the_titled_surname_joins_the_full_name_the_ner_mistyped():
    text = (
        "Olaf Scholz's government pledged more aid. Mr Scholz has come under pressure since. "
        "He said the plan would leave Germany unable to defend itself."
    )
    record = extract(text)
    people = [e for e in record.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Olaf Scholz"], [(e.name, e.type) for e in record.entities]
    assert [s.name for c in record.claims for s in c.sources] == ["Olaf Scholz"]


def test_a_city_name_that_is_the_surname_of_a_person_named_before_is_that_person():
    text = "U.S. Defense Secretary Lloyd Austin met allies on Friday. Austin said more tanks would come."
    people = {e.name: e.aliases for e in extract(text).entities if e.type == "PERSON"}
    assert "Austin" in people.get("Lloyd Austin", []), people


def test_a_province_name_that_is_the_surname_of_a_person_named_before_is_that_person():
    # Farah is also an Afghan province (the gazetteer lists it as a region)
    text = "Interior Minister Lina Farah praised the police. Farah said more arrests would follow."
    people = {e.name: e.aliases for e in extract(text).entities if e.type == "PERSON"}
    assert "Farah" in people.get("Lina Farah", []), people


def test_the_province_stays_a_place_with_no_such_person():
    found = {(e.name, e.type) for e in extract("Fighting spread to Farah on Monday.").entities}
    assert ("Farah", "GPE") in found, found


def test_the_city_stays_a_city_with_no_such_person():
    found = {(e.name, e.type) for e in extract("Flights to Austin resumed on Monday.").entities}
    assert ("Austin", "GPE") in found, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Chancellor Olaf Scholz visited Kyiv on Monday.", "Olaf Scholz"),
        ("Chancellor Olaf Scholz visited Kyiv. He promised to send more tanks.", "Olaf Scholz"),
    ],
)
def test_an_office_title_before_a_full_name_makes_a_person(text, name):
    found = {(e.name, e.type) for e in extract(text).entities}
    assert (name, "PERSON") in found, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("General Motors said sales fell in May.", "General Motors"),
        ("Shares of General Electric rose on Friday.", "General Electric"),
    ],
)
def test_a_title_word_opening_a_company_name_leaves_the_company(text, name):
    found = {(e.name, e.type) for e in extract(text).entities}
    assert (name, "ORG") in found, found


def test_an_official_titled_by_office_acts_for_the_state_he_is_named_with():
    text = (
        "German Chancellor Olaf Scholz visited Kyiv on Monday. "
        "He promised to send more tanks to Ukraine."
    )
    found = [(e.type, e.actor) for e in extract(text, reference_date="2025-06-10").events]
    assert ("ARMS_TRANSFER", "Germany") in found, found
