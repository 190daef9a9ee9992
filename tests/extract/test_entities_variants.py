"""Spelling variants of one name are one entity; names that only look alike stay apart."""

from __future__ import annotations

import pytest

from newsledger.extract.entities import extract_entities
from newsledger.extract.entities_gazetteer import fold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Oleksandr Syrskyy", "Oleksandr Syrsky"),  # doubled final letter
        ("Sergiy Kyslytsiy", "Sergiy Kyslytsy"),  # -iy / -y
        ("Hugo Chávez", "Hugo Chavez"),  # diacritics
        ("Ramzan Kadyrovv", "Ramzan Kadyrov"),
        ("Lasha Talakhadzi", "Lasha Talakhadzy"),  # a final -i / -y
    ],
)
def test_entities_fold_meets_transliteration_variants(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Ali", "Aly"), ("Ivanov", "Ivanova"), ("Moran", "Morgan")])
def test_entities_fold_keeps_different_names_apart(a, b):
    assert fold(a) != fold(b)


def test_entities_surname_variant_joins_full_name(nlp):
    text = (
        "Ukrainian commander Oleksandr Syrskyi visited the front on Friday. "
        "Syrsky said the line was holding."
    )
    people = [e for e in extract_entities(nlp(text)) if e.type == "PERSON"]
    assert len(people) == 1, [(e.name, e.aliases) for e in people]
    assert {"Oleksandr Syrskyi", "Syrsky"} <= set(people[0].aliases)


def test_entities_full_name_variants_are_one_person(nlp):
    text = (
        "Venezuelan lawmaker Julio Borges spoke in Caracas. Later, Júlio Borges met reporters "
        "in Bogota and repeated his demand."
    )
    people = [e for e in extract_entities(nlp(text)) if e.type == "PERSON"]
    assert len(people) == 1, [(e.name, e.aliases) for e in people]


def test_entities_listed_person_meets_unlisted_spelling(nlp):
    text = "President Volodymyr Zelenskyyy thanked the donors. Zelenskyy spoke for an hour."
    found = [e for e in extract_entities(nlp(text)) if e.type == "PERSON"]
    assert [e.name for e in found] == ["Volodymyr Zelensky"]


def test_entities_same_surname_other_given_name_stays_apart(nlp):
    text = (
        "Separatist leader Anatoly Bibilov met Colonel Anatoly Bibilov's rival, Dmitry Bibiloff, "
        "in the town of Java."
    )
    people = {e.name for e in extract_entities(nlp(text)) if e.type == "PERSON"}
    assert {"Anatoly Bibilov", "Dmitry Bibiloff"} <= people
