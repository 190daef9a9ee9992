"""Gazetteer data files and the gazetteer component's matching rules (no statistical model)."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Span

from newsledger.extract.entities_gazetteer import (
    DATA_PATH,
    FILES,
    GazetteerComponent,
    demonym_plural,
    load_gazetteer,
    merge_with_ner,
    normalise,
    pluralise,
)


def rows(name: str) -> list[dict]:
    text = (DATA_PATH / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", [*FILES, "titles.jsonl"])
def test_entities_gazetteer_every_entry_has_a_note(name):
    for row in rows(name):
        assert row.get("note"), row


def test_entities_gazetteer_lists_every_un_member_state_with_a_capital():
    members = [r for r in rows("states.jsonl") if r["status"] == "un_member"]
    assert len(members) == 193
    assert len({r["name"] for r in members}) == 193
    # the few without a listed capital share their name with it (Singapore, Monaco ...)
    without = {r["name"] for r in members if not r["capitals"]}
    assert without <= {"Singapore", "Monaco", "San Marino", "Seychelles", "Maldives"}


def test_entities_gazetteer_every_system_names_a_known_class():
    weapons = [r for r in rows("weapons.jsonl") if r.get("kind") in {"class", "system"}]
    classes = {r["name"] for r in weapons if r["kind"] == "class"}
    for row in weapons:
        if row["kind"] == "system":
            assert row["class"] in classes, row["name"]


def test_entities_gazetteer_keys_are_unique():
    gaz = load_gazetteer()
    names = [
        (r["type"], r["name"])
        for f in FILES
        for r in rows(f)
        if r.get("kind") not in {"context_words", "ship_prefixes"}
    ]
    assert len(names) == len(set(names))
    assert len(gaz.entries) == len(names)


def test_entities_gazetteer_pluralise_heads():
    assert pluralise("cruise missile") == "cruise missiles"
    assert pluralise("ICBM") == "ICBMs"
    assert pluralise("torpedo") == "torpedoes"
    assert pluralise("anti-aircraft battery") == "anti-aircraft batteries"


def test_entities_gazetteer_demonym_plurals():
    assert demonym_plural("Iraqi") == "Iraqis"
    assert demonym_plural("North Korean") == "North Koreans"
    assert demonym_plural("Chinese") is None
    assert demonym_plural("British") is None
    assert demonym_plural("Swiss") is None


def test_entities_gazetteer_normalise_meets_spelling_variants():
    assert normalise("Kim Jong-un") == normalise("Kim Jong Un")
    assert normalise("North Korea\u2019s") == normalise("North Korea's") == "north korea"
    assert normalise("the U.S.") == normalise("US")


def test_entities_gazetteer_forms_refer_to_the_right_entries():
    gaz = load_gazetteer()
    assert gaz.exact["KCNA"] == [("name", "ORG/Korean Central News Agency")]
    assert gaz.exact["North Korean"] == [("demonym", "GPE/North Korea")]
    assert gaz.exact["Pyongyang"] == [("capital", "GPE/Pyongyang")]
    assert gaz.capital_of["Pyongyang"] == ["GPE/North Korea"]
    assert gaz.lower["intercontinental ballistic missiles"] == [
        ("name", "WEAPON/intercontinental ballistic missile")
    ]
    assert gaz.entries["WEAPON/Hwasong-18"].weapon_class == "intercontinental ballistic missile"
    assert gaz.surnames["Reagan"] == "PERSON/Ronald Reagan"
    assert "Bush" not in gaz.surnames  # two listed presidents share it


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    return nlp, GazetteerComponent(nlp)


def test_entities_gazetteer_matches_on_a_blank_pipeline(blank):
    nlp, component = blank
    doc = component(
        nlp("KCNA said North Korean units fired Hwasong-18 ICBMs toward the Sea of Japan.")
    )
    found = [(e.text, e.label_) for e in doc.ents]
    assert found == [
        ("KCNA", "ORG"),
        ("North Korean", "NORP"),
        ("Hwasong-18", "WEAPON"),
        ("ICBMs", "WEAPON"),
        ("Sea of Japan", "LOC"),
    ]
    assert doc.ents[1].kb_id_ == "demonym:GPE/North Korea"


def test_entities_gazetteer_class_phrases_match_any_case(blank):
    nlp, component = blank
    doc = component(nlp("Cruise Missiles and cruise missiles"))
    assert [e.text for e in doc.ents] == ["Cruise Missiles", "cruise missiles"]


def test_entities_gazetteer_ambiguous_system_needs_context(blank):
    nlp, component = blank
    assert [e.text for e in component(nlp("a Patriot battery")).ents] == ["Patriot"]
    assert list(component(nlp("a Patriot fan")).ents) == []


def test_entities_gazetteer_ner_name_around_a_match_is_kept(blank):
    nlp, component = blank
    doc = nlp("The Washington Post and the U.S. Central Intelligence Agency said so.")
    post = Span(doc, 1, 3, label="ORG")
    cia = Span(doc, 6, 10, label="ORG")
    merged = merge_with_ner([post, cia], component.match(doc))
    assert [(e.text, e.label_) for e in merged] == [
        ("Washington Post", "ORG"),
        ("U.S.", "GPE"),
        ("Central Intelligence Agency", "ORG"),
    ]


def test_entities_gazetteer_match_replaces_ner_span_with_article_or_possessive(blank):
    nlp, component = blank
    doc = nlp("North Korea's army")
    ner = Span(doc, 0, 3, label="GPE")
    merged = merge_with_ner([ner], component.match(doc))
    assert [(e.text, e.kb_id_) for e in merged] == [("North Korea", "name:GPE/North Korea")]


def test_entities_gazetteer_matches_across_a_line_break(blank):
    nlp, component = blank
    doc = component(nlp("the United\n   States"))
    assert [e.text for e in doc.ents] == ["United\n   States"]


def test_entities_gazetteer_extraction_without_parser_or_ner():
    from newsledger.extract.entities import add_entity_components, extract_entities

    nlp = spacy.blank("en")
    add_entity_components(nlp)
    doc = nlp("North Korea fired Hwasong-18 ICBMs, KCNA said. Pyongyang\u2019s leader watched.")
    found = {e.name: e for e in extract_entities(doc)}
    assert set(found) == {
        "North Korea",
        "Hwasong-18",
        "intercontinental ballistic missile",
        "Korean Central News Agency",
    }
    assert "Pyongyang\u2019s" in found["North Korea"].aliases
    assert found["Hwasong-18"].weapon_class == "intercontinental ballistic missile"


def test_entities_gazetteer_system_designations_have_a_plural(blank):
    nlp, component = blank
    doc = component(nlp("Four F-16s and two B-1Bs flew over the sea."))
    found = {e.text: e.label_ for e in doc.ents}
    assert found.get("F-16s") == "WEAPON" and found.get("B-1Bs") == "WEAPON"


def test_entities_gazetteer_region_names_split_a_ner_span_joined_by_and(blank):
    nlp, component = blank
    doc = nlp("Trade between the Levant and the Maghreb grew.")
    joined = Span(doc, 3, 7, label="LOC")  # "Levant and the Maghreb" as one NER span
    merged = merge_with_ner([joined], component.match(doc))
    assert [(e.text, e.label_) for e in merged] == [("Levant", "LOC"), ("Maghreb", "LOC")]
