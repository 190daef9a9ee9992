"""resolve_mention: names, pronouns and role nouns, with hand-built entity indexes."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsledger.extract.coref import mention_class, resolve_mention
from newsledger.extract.entity_index import EntityIndex
from newsledger.records import Entity


def _doc(text: str) -> Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def _index(text: str, spec: list[tuple[str, str, str, list[str]]]) -> EntityIndex:
    """Entities from (id, name, type, surface forms); every occurrence is a mention."""
    entities = []
    for eid, name, etype, forms in spec:
        mentions = []
        for form in forms:
            start = text.find(form)
            while start != -1:
                mentions.append((start, start + len(form)))
                start = text.find(form, start + 1)
        entities.append(Entity(eid, name, etype, aliases=forms, mentions=sorted(mentions)))
    return EntityIndex(entities)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.find(needle, start + 1)
    assert start != -1, needle
    return start, start + len(needle)


TEXT = (
    "Foreign Minister Ana Ruiz met the envoy of Norland on Monday. "
    "The Valdran Press Agency said she had asked for talks. "
    "The agency gave no details. Norland said it would reply. "
    "The regime has not commented."
)
SPEC = [
    ("e1", "Ana Ruiz", "PERSON", ["Ana Ruiz"]),
    ("e2", "Norland", "GPE", ["Norland"]),
    ("e3", "Valdran Press Agency", "ORG", ["Valdran Press Agency"]),
]


def test_coref_resolves_named_mention_to_its_entity() -> None:
    doc, index = _doc(TEXT), _index(TEXT, SPEC)
    entity = resolve_mention(doc, *_span(TEXT, "Foreign Minister Ana Ruiz"), index)
    assert entity is not None and entity.id == "e1"


def test_coref_resolves_person_pronoun_to_nearest_person() -> None:
    doc, index = _doc(TEXT), _index(TEXT, SPEC)
    entity = resolve_mention(doc, *_span(TEXT, "she"), index)
    assert entity is not None and entity.name == "Ana Ruiz"


def test_coref_resolves_it_to_state_or_organisation() -> None:
    doc, index = _doc(TEXT), _index(TEXT, SPEC)
    start = TEXT.find("it would")
    entity = resolve_mention(doc, start, start + 2, index)
    assert entity is not None and entity.name == "Norland"


def test_coref_resolves_role_nouns_by_type() -> None:
    doc, index = _doc(TEXT), _index(TEXT, SPEC)
    agency = resolve_mention(doc, *_span(TEXT, "The agency"), index)
    regime = resolve_mention(doc, *_span(TEXT, "The regime"), index)
    assert agency is not None and agency.name == "Valdran Press Agency"
    assert regime is not None and regime.name == "Norland"


def test_coref_role_noun_prefers_entity_whose_name_fits_the_role() -> None:
    text = "The Interior Ministry spoke to Reuters on Friday. The ministry said the road was shut."
    spec = [
        ("e1", "Interior Ministry", "ORG", ["Interior Ministry"]),
        ("e2", "Reuters", "ORG", ["Reuters"]),
    ]
    entity = resolve_mention(_doc(text), *_span(text, "The ministry"), _index(text, spec))
    assert entity is not None and entity.name == "Interior Ministry"


def test_coref_returns_none_without_compatible_antecedent() -> None:
    text = "The storm hit the coast on Monday. He said the damage was severe."
    index = _index(text, [("e1", "Monday Coast", "LOC", ["coast"])])
    assert resolve_mention(_doc(text), *_span(text, "He"), index) is None


def test_coref_returns_none_beyond_the_window() -> None:
    text = "Ana Ruiz spoke. It rained. It rained. It rained. It rained. It rained. He left."
    index = _index(text, [("e1", "Ana Ruiz", "PERSON", ["Ana Ruiz"])])
    assert resolve_mention(_doc(text), *_span(text, "He"), index) is None


def test_coref_mention_class_reads_the_lexicon() -> None:
    assert mention_class("He") == "person"
    assert mention_class("its") == "thing"
    assert mention_class("They") == "plural"
    assert mention_class("the North Korean leader") == "role"
    assert mention_class("the prime minister") == "role"
    assert mention_class("analysts") is None
    assert mention_class("leader") is None  # a bare noun is not a definite description


def test_coref_never_fails_on_bad_offsets() -> None:
    doc, index = _doc(TEXT), _index(TEXT, SPEC)
    assert resolve_mention(doc, 5, 2, index) is None
    assert resolve_mention(doc, 0, 10**6, index) is None


def test_coref_common_noun_head_is_not_the_organisation_it_names() -> None:
    text = "A White House spokesman declined to comment."
    index = _index(text, [("e1", "White House", "ORG", ["White House"])])
    assert resolve_mention(_doc(text), *_span(text, "A White House spokesman"), index) is None


def test_coref_titled_role_reaches_past_the_usual_window() -> None:
    # "the minister" can only be the person introduced as a minister, even five sentences on
    text = (
        "The Portuguese defence minister, Carla Moreira, spoke on Tuesday. Lars Eide replied. "
        "Eide spoke again. It rained. Eide left. The minister called the offer premature."
    )
    spec = [
        ("e1", "Carla Moreira", "PERSON", ["Carla Moreira"]),
        ("e2", "Lars Eide", "PERSON", ["Lars Eide", "Eide"]),
    ]
    entity = resolve_mention(_doc(text), *_span(text, "The minister"), _index(text, spec))
    assert entity is not None and entity.name == "Carla Moreira"


def test_coref_former_office_does_not_reach_back_to_the_holder() -> None:
    # "the former defence minister" is news about someone just named, not the minister in office
    text = (
        "Defence Minister Rui Alves spoke on Monday. It rained. It rained. It rained. "
        "Opposition leader Ana Mota spoke. The former defence minister told reporters more."
    )
    spec = [
        ("e1", "Rui Alves", "PERSON", ["Rui Alves"]),
        ("e2", "Ana Mota", "PERSON", ["Ana Mota"]),
    ]
    index = _index(text, spec)
    entity = resolve_mention(_doc(text), *_span(text, "The former defence minister"), index)
    assert entity is None or entity.name != "Rui Alves"


def test_coref_strict_body_role_reaches_past_the_usual_window() -> None:
    text = (
        "The Interior Ministry of Norland issued a statement. Valdran replied. It rained. "
        "It rained. It rained. The ministry warned of countermeasures."
    )
    spec = [
        ("e1", "Interior Ministry of Norland", "ORG", ["Interior Ministry of Norland"]),
        ("e2", "Valdran", "GPE", ["Valdran"]),
    ]
    entity = resolve_mention(_doc(text), *_span(text, "The ministry"), _index(text, spec))
    assert entity is not None and entity.name == "Interior Ministry of Norland"


def test_coref_the_paper_is_a_newspaper_named_in_its_own_language() -> None:
    # "Sinmun" is Korean for newspaper: the name fits "the paper" though no English word does
    text = "The Haedo Sinmun ran a commentary on Tuesday. The paper said the drills must stop."
    spec = [
        ("e1", "Haedo Sinmun", "ORG", ["Haedo Sinmun"]),
        ("e2", "Interior Ministry", "ORG", []),
    ]
    entity = resolve_mention(_doc(text), *_span(text, "The paper"), _index(text, spec))
    assert entity is not None and entity.name == "Haedo Sinmun"


def test_coref_the_commission_still_needs_its_own_word() -> None:
    text = "The Supreme Court ruled on Monday. The commission said it would appeal."
    spec = [("e1", "Supreme Court", "ORG", ["Supreme Court"])]
    assert resolve_mention(_doc(text), *_span(text, "The commission"), _index(text, spec)) is None


def test_coref_the_army_is_only_a_body_named_as_armed_forces() -> None:
    text = "The Sovereign Council met on Monday. The army said it had retaken the bridge."
    spec = [("e1", "Sovereign Council", "ORG", ["Sovereign Council"])]
    assert resolve_mention(_doc(text), *_span(text, "The army"), _index(text, spec)) is None
    text = "The Pakistan Army shelled the post. The Sovereign Council met. The army said so."
    spec = [
        ("e1", "Pakistan Army", "ORG", ["Pakistan Army"]),
        ("e2", "Sovereign Council", "ORG", ["Sovereign Council"]),
    ]
    entity = resolve_mention(_doc(text), *_span(text, "The army"), _index(text, spec))
    assert entity is not None and entity.name == "Pakistan Army"


def test_coref_a_body_role_keeps_its_own_word_outside_the_outlet_role() -> None:
    # "the mission" is not the ministry named before it, nor "the agency" a newspaper
    text = "The Interior Ministry issued a statement. The mission said the road was shut."
    spec = [("e1", "Interior Ministry", "ORG", ["Interior Ministry"])]
    assert resolve_mention(_doc(text), *_span(text, "The mission"), _index(text, spec)) is None
    text = "The Valdran Times reported the deal. The agency said the road was shut."
    spec = [("e1", "Valdran Times", "ORG", ["Valdran Times"])]
    assert resolve_mention(_doc(text), *_span(text, "The agency"), _index(text, spec)) is None
