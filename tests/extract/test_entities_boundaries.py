"""Name boundaries: coordinated names, hyphenated modifiers, office portfolios, stems."""

from __future__ import annotations

from newsledger.extract.entities import extract_entities


def names(nlp, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(nlp(text))}


def test_entities_hyphenated_modifier_is_not_part_of_the_name(nlp):
    text = "The sanctions name the Iranian-backed Crescent Shipping Company and two others."
    found = names(nlp, text)
    assert found.get("Crescent Shipping Company") == "ORG"
    assert not [n for n in found if "backed" in n]


def test_entities_office_portfolio_is_no_organisation(nlp):
    text = "The letter was signed by Marta Quell, Secretary of Agriculture, on Friday."
    found = names(nlp, text)
    assert "Agriculture" not in found
    assert found.get("Marta Quell") == "PERSON"


def test_entities_regional_adjective_is_the_region(nlp):
    text = "European diplomats met in Geneva. The talks covered Europe and Middle Eastern security."
    found = extract_entities(nlp(text))
    europe = [e for e in found if e.name == "Europe"]
    assert len(europe) == 1 and "European" in europe[0].aliases
    assert [e.type for e in found if e.name == "Middle East"] == ["LOC"]


def test_entities_religion_name_is_its_adherents(nlp):
    text = "Pilgrims who converted to Islam said Muslims from many countries joined them."
    found = [e for e in extract_entities(nlp(text)) if e.name == "Muslims"]
    assert len(found) == 1 and "Islam" in found[0].aliases


def test_entities_small_arms_and_bombs_are_weapons(nlp):
    text = (
        "The gunman carried an AK-47 and a sniper rifle, and a roadside bomb hit the convoy "
        "before a precision-guided bomb struck the depot."
    )
    found = names(nlp, text)
    for name in ("AK-47", "sniper rifle", "roadside bomb", "precision-guided bomb"):
        assert found.get(name) == "WEAPON", found


def test_entities_airline_stem_joins_the_airline(nlp):
    text = (
        "Regulators grounded Kestrel Air on Monday. Kestrel's chief executive said the "
        "airline would appeal."
    )
    found = [e for e in extract_entities(nlp(text)) if "Kestrel" in e.name]
    assert [e.name for e in found] == ["Kestrel Air"]


def test_entities_occupation_and_short_honorific_are_not_part_of_the_name(nlp):
    text = "Teacher Mirela Stan met the parents. Dr Tobias Kemp closed the clinic on Sunday."
    found = names(nlp, text)
    assert found.get("Mirela Stan") == "PERSON"
    assert found.get("Tobias Kemp") == "PERSON"
    assert not [n for n in found if n.startswith(("Teacher", "Dr"))]


def test_entities_given_name_between_title_and_tagged_surname(nlp):
    found = extract_entities(nlp("Curator Ana Ribeiro found the cases empty on Monday."))
    people = [e for e in found if e.type == "PERSON"]
    assert [e.name for e in people] == ["Ana Ribeiro"]


def test_entities_name_read_as_a_product_takes_the_type_of_the_noun_beside_it(nlp):
    # the NER labels the name WORK_OF_ART
    assert names(nlp, "The aid group Clean Water Now sent two lorries.") == {
        "Clean Water Now": "ORG"
    }


def test_entities_plural_possessor_with_a_bare_apostrophe_is_part_of_the_name(nlp):
    text = "Their union, the Bakers' Guild, said the ovens were unsafe."
    found = names(nlp, text)
    assert "Bakers' Guild" in found and "Guild" not in found


def test_entities_a_bracketed_mixed_case_abbreviation_joins_its_name():
    from newsledger import extract

    text = (
        "Shelling resumed along the Line of Control (LoC) on Sunday. Firing on the LoC "
        "continued overnight, and the Bank of England (BoE) kept rates."
    )
    names = {e.name: set(e.aliases) for e in extract(text).entities}
    assert "LoC" in names.get("Line of Control", set()), names
    assert "BoE" in names.get("Bank of England", set()), names
    assert not any("(" in name for name in names), names


def test_entities_a_time_zone_is_nobody():
    from newsledger import extract

    record = extract("The ship was hit at 1415 GMT, the military said.")
    assert [e.name for e in record.entities if e.name in {"GMT", "UTC"}] == []
