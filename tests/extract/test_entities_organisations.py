"""Organisations the NER cuts short or misses: armed forces, bodies "of" their owner."""

from __future__ import annotations

import pytest

from newsledger.extract.entities import extract_entities


def test_entities_state_military_is_an_organisation(nlp):
    text = (
        "The Brazilian military has not commented. Analysts said the Brazilian military "
        "forces were stretched, and Brazil denied it."
    )
    found = extract_entities(nlp(text))
    forces = [e for e in found if e.type == "ORG" and "military" in e.name]
    assert len(forces) == 1, [(e.name, e.type) for e in found]
    assert {"Brazilian military", "Brazilian military forces"} <= set(forces[0].aliases)
    assert [e.name for e in found if e.type == "GPE"] == ["Brazil"]


def test_entities_military_as_a_modifier_is_no_organisation(nlp):
    found = extract_entities(nlp("Brazilian military officials met the press in Recife."))
    assert not [e for e in found if "military" in e.name]


def test_entities_body_runs_on_to_its_known_owner(nlp):
    text = "The Political Bureau of the Communist Party of Vietnam met on Tuesday."
    names = [e.name for e in extract_entities(nlp(text))]
    assert "Political Bureau of the Communist Party of Vietnam" in names, names


def test_entities_bare_body_joins_its_state_form(nlp):
    text = "The Parliament of Kenya voted on Monday. Parliament will meet again in June."
    found = [e for e in extract_entities(nlp(text)) if "Parliament" in e.name]
    assert [e.name for e in found] == ["Parliament of Kenya"]


def test_entities_apposed_name_after_a_role_noun_is_a_person(nlp):
    text = "A foreign ministry spokesperson, Ilse Varnhagen, declined to comment."
    found = {e.name: e.type for e in extract_entities(nlp(text))}
    assert found.get("Ilse Varnhagen") == "PERSON"


def test_entities_houthis_are_the_movement(nlp):
    found = extract_entities(nlp("The Houthis fired at a tanker. A Houthi official denied it."))
    houthis = [e for e in found if "Houthi" in e.name]
    assert [(e.name, e.type) for e in houthis] == [("Houthi movement", "ORG")]


def test_entities_paired_conflict_with_en_dash(nlp):
    text = "Veterans of the Iran\u2013Iraq War gathered in Tehran."
    found = {e.name: e.type for e in extract_entities(nlp(text))}
    assert found.get("Iran\u2013Iraq War") == "EVENT", found


def test_entities_no_organisation_form_names_two_entries():
    from newsledger.extract.entities_gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for form, refs in gaz.exact.items():
        orgs = {key for role, key in refs if role == "name" and key.startswith("ORG/")}
        assert len(orgs) <= 1, (form, orgs)


def test_entities_outlets_agencies_and_services_from_the_data_are_organisations(nlp):
    text = (
        "Deutsche Welle and Jiji Press reported that the Syrian Arab Red Crescent and the "
        "Security Service of Ukraine had both written to the OPCW."
    )
    found = {e.name: e.type for e in extract_entities(nlp(text))}
    for name in (
        "Deutsche Welle",
        "Jiji Press",
        "Syrian Arab Red Crescent",
        "Security Service of Ukraine",
        "Organisation for the Prohibition of Chemical Weapons",
    ):
        assert found.get(name) == "ORG", (name, found)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The Government of the Republic of Korea condemned the launch.", "South Korea"),
        ("The ROK Government will respond firmly.", "South Korea"),
        ("The Government of Japan lodged a protest.", "Japan"),
    ],
)
def test_entities_a_states_government_named_by_the_state_is_the_state(text, state):
    from newsledger import extract

    found = {(e.name, e.type) for e in extract(text).entities}
    assert (state, "GPE") in found, found


def test_entities_a_government_named_for_no_state_stays_an_organisation():
    from newsledger import extract

    found = {
        (e.name, e.type)
        for e in extract("The Government of National Unity met in Tripoli.").entities
    }
    assert ("Government of National Unity", "ORG") in found, found
