"""Types from a name's own words, from a noun beside it, and from relatives' surnames."""

from __future__ import annotations

import pytest

from newsledger.extract.entities import extract_entities
from newsledger.extract.entities_syntax import name_type


def types(nlp, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(nlp(text))}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kestrel Air", "ORG"),
        ("Bank Lumina", None),  # "Bank" first is no head word; a descriptor or the NER decides
        ("Tamsin Regional Airport", "FAC"),
        ("Oakridge Medical Center", "FAC"),
        ("Pellow City", "GPE"),
        ("Kibbutz Orvim", "GPE"),
        ("Mount Tarrak", "LOC"),
        ("Harvest Festival Week", "EVENT"),
        ("Operation Quiet Harbour", "EVENT"),
        ("Tarrak Forest", "LOC"),
        ("Pellow Shoal", "LOC"),
        ("Air", None),  # a single word is no name of that kind
        ("Jane Doe", None),
    ],
)
def test_entities_name_type_from_head_words(name, expected):
    assert name_type(name.split()) == expected


def test_entities_airline_name_is_an_organisation(nlp):
    found = types(nlp, "Passengers of Kestrel Air were stranded in Lisbon for two days.")
    assert found.get("Kestrel Air") == "ORG"


def test_entities_airport_name_is_a_facility(nlp):
    found = types(nlp, "The plane landed at Tamsin Regional Airport late on Sunday.")
    assert found.get("Tamsin Regional Airport") == "FAC"


def test_entities_role_noun_makes_a_person(nlp):
    found = types(nlp, "The claim was rejected by government spokeswoman Talia Brennick.")
    assert found.get("Talia Brennick") == "PERSON"


def test_entities_outlet_noun_makes_an_organisation(nlp):
    found = types(nlp, "The Danish news outlet Vindrose reported the arrests on Monday.")
    assert found.get("Vindrose") == "ORG"


def test_entities_warship_noun_makes_a_named_vessel(nlp):
    found = types(nlp, "The destroyer Harold Penwick sailed into the strait on Tuesday.")
    assert found.get("Harold Penwick") == "WEAPON"


def test_entities_group_noun_after_a_name_makes_an_organisation(nlp):
    found = types(nlp, "Police arrested members of the banned Ostrava group on Monday.")
    assert found.get("Ostrava") == "ORG"


def test_entities_relatives_share_the_person_type(nlp):
    text = (
        "The victims were Omar Haddadin and his sister Leila Haddadin, who had travelled from "
        "the coast."
    )
    found = types(nlp, text)
    assert found.get("Omar Haddadin") == "PERSON"
    assert found.get("Leila Haddadin") == "PERSON"


def test_entities_surname_with_particle_joins_the_person(nlp):
    text = "Rebel commander Yusuf al-Kareem fled north. Forces loyal to al-Kareem regrouped."
    found = [e for e in extract_entities(nlp(text)) if "Kareem" in e.name]
    assert [e.name for e in found] == ["Yusuf al-Kareem"]


def test_entities_the_line_of_control_is_a_region(nlp):
    found = types(nlp, "Troops traded fire across the Line of Control on Monday.")
    assert found.get("Line of Control") == "LOC", found
