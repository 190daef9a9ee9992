"""Entity stage: gazetteer, merging rules and canonical names, on sentences written for the tests."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc, Span

from newsledger.extract.entities import add_entity_components, extract_entities
from newsledger.extract.entities_gazetteer import COMPONENT
from newsledger.records import Entity


def entities(nlp, text: str) -> list[Entity]:
    return extract_entities(nlp(text))


def only(found: list[Entity], name: str) -> Entity:
    matches = [e for e in found if e.name == name]
    assert len(matches) == 1, f"expected one {name!r}, got {[(e.name, e.type) for e in found]}"
    return matches[0]


def mention_texts(text: str, entity: Entity) -> list[str]:
    return [text[s:e] for s, e in entity.mentions]


def test_entities_component_runs_after_ner(nlp):
    names = nlp.pipe_names
    assert COMPONENT in names
    assert names.index(COMPONENT) == names.index("ner") + 1


def test_entities_add_components_is_idempotent(nlp):
    before = list(nlp.pipe_names)
    add_entity_components(nlp)
    assert nlp.pipe_names == before


def test_entities_name_fragment_joins_full_name(nlp):
    text = (
        "Finance Minister Grant Robertson said on Monday that the budget was sound. "
        "Robertson added that taxes would not rise."
    )
    person = only(entities(nlp, text), "Grant Robertson")
    assert person.type == "PERSON"
    assert mention_texts(text, person) == ["Grant Robertson", "Robertson"]
    # the title is not part of the name but the titled form is an alias
    assert "Finance Minister Grant Robertson" in person.aliases


def test_entities_title_over_line_break_is_an_alias_not_an_organisation(nlp):
    text = (
        "He spoke after Secretary of State\nGeorge Shultz and Defense Secretary Caspar Weinberger."
    )
    found = entities(nlp, text)
    assert "Secretary of State George Shultz" in only(found, "George Shultz").aliases
    assert "Defense Secretary Caspar Weinberger" in only(found, "Caspar Weinberger").aliases
    assert not [e for e in found if e.name in {"State", "Defense"}]


def test_entities_possessive_with_either_apostrophe(nlp):
    text = "Japan\u2019s defence ministry said the launch failed. Japan's coast guard issued a warning."
    japan = only(entities(nlp, text), "Japan")
    assert japan.type == "GPE"
    assert mention_texts(text, japan) == ["Japan", "Japan"]
    assert {"Japan\u2019s", "Japan's"} <= set(japan.aliases)


def test_entities_capital_as_government_is_the_state(nlp):
    text = "Tehran denied the report on Sunday. Our reporter in Tehran saw crowds near the embassy."
    found = entities(nlp, text)
    iran, city = only(found, "Iran"), only(found, "Tehran")
    assert iran.mentions == [(0, 6)]
    assert mention_texts(text, city) == ["Tehran"] and city.mentions[0][0] > 6
    assert city.type == iran.type == "GPE"


def test_entities_capital_possessive_and_prepositions(nlp):
    text = (
        "Analysts studied Pyongyang\u2019s intent. A facility near Pyongyang was expanded. "
        "The message from Pyongyang was clear."
    )
    found = entities(nlp, text)
    state = only(found, "North Korea")
    city = only(found, "Pyongyang")
    assert len(state.mentions) == 2 and len(city.mentions) == 1
    assert text[city.mentions[0][0] - 5 : city.mentions[0][0]] == "near "


def test_entities_capital_picks_the_state_the_article_names(nlp):
    text = "Moscow rejected the proposal, while Soviet diplomats in Moscow stayed silent."
    found = entities(nlp, text)
    soviet = only(found, "Soviet Union")
    assert {"Moscow", "Soviet"} <= set(soviet.aliases)
    assert only(found, "Moscow").mentions == [(56, 62)]
    assert not [e for e in found if e.name == "Russia"]


def test_entities_demonym_of_state_is_the_state(nlp):
    text = "Iranian officials met Turkish diplomats and North Korean envoys in Geneva."
    found = entities(nlp, text)
    assert only(found, "Iran").aliases == ["Iranian"]
    assert only(found, "Turkey").aliases == ["Turkish"]
    assert only(found, "North Korea").aliases == ["North Korean"]
    assert not [e for e in found if e.type == "NORP"]


def test_entities_norp_only_for_groups_without_a_state(nlp):
    text = "Kurdish fighters clashed with militias, and Republicans in Congress demanded answers."
    found = entities(nlp, text)
    assert only(found, "Kurds").type == "NORP"
    assert only(found, "Republicans").type == "NORP"


def test_entities_abbreviation_resolves_to_long_form(nlp):
    text = (
        "The Korean Central News Agency (KCNA) said the test succeeded. KCNA later "
        "published photographs."
    )
    agency = only(entities(nlp, text), "Korean Central News Agency")
    assert agency.type == "ORG"
    assert "KCNA" in agency.aliases and len(agency.mentions) == 3


def test_entities_abbreviation_introduced_in_parentheses(nlp):
    text = "The National Liberation Front (NLF) claimed the attack. The NLF said more would follow."
    front = only(entities(nlp, text), "National Liberation Front")
    assert "NLF" in front.aliases


def test_entities_weapon_systems_map_to_their_class(nlp):
    text = "Russia fired Iskander missiles and Kalibr cruise missiles at the port."
    found = entities(nlp, text)
    assert only(found, "Iskander").weapon_class == "short-range ballistic missile"
    assert only(found, "Kalibr").weapon_class == "cruise missile"
    cruise = only(found, "cruise missile")
    assert cruise.type == "WEAPON" and cruise.aliases == ["cruise missiles"]


def test_entities_weapon_spelling_variants_merge(nlp):
    text = "The Hwasongpho-19 is the same missile as the Hwasong-19, an ICBM."
    found = entities(nlp, text)
    system = only(found, "Hwasong-19")
    assert len(system.mentions) == 2
    assert system.weapon_class == "intercontinental ballistic missile"
    assert only(found, "intercontinental ballistic missile").aliases == ["ICBM"]


def test_entities_weapon_class_keeps_its_modifiers(nlp):
    text = "The army tested new long-range, high-precision surface-to-air missiles on Tuesday."
    weapon = only(entities(nlp, text), "anti-air missile")
    assert len(weapon.mentions) == 1
    assert mention_texts(text, weapon)[0].endswith(
        "long-range, high-precision surface-to-air missiles"
    )


def test_entities_ambiguous_system_name_needs_a_weapon_word(nlp):
    found = entities(nlp, "Germany sent Patriot missiles. A Patriot fan sang the anthem.")
    weapons = [e for e in found if e.type == "WEAPON"]
    assert [(e.name, e.mentions) for e in weapons] == [("Patriot", [(13, 20)])]


def test_entities_name_split_by_a_line_break_still_matches(nlp):
    text = "The United\nStates said on Friday it would act."
    usa = only(entities(nlp, text), "United States")
    assert usa.mentions == [(4, 17)]
    assert "United States" in usa.aliases


def test_entities_longer_ner_name_keeps_its_words(nlp):
    text = "The governor of New Mexico spoke. The U.S. Central Intelligence Agency declined to comment."
    found = entities(nlp, text)
    assert only(found, "New Mexico").type == "GPE"
    assert not [e for e in found if e.name == "Mexico"]
    assert only(found, "Central Intelligence Agency").type == "ORG"


def test_entities_dates_and_numbers_are_not_entities(nlp):
    found = entities(nlp, "On March 3, 1987, about 300 people, or 40 percent, paid $5 each.")
    assert found == []


def test_entities_ids_follow_first_mention_and_are_deterministic(nlp):
    text = "Seoul has repeatedly warned Pyongyang. Kim Jong Un met Xi Jinping in Beijing."
    first, second = entities(nlp, text), entities(nlp, text)
    assert first == second
    assert [e.id for e in first] == [f"e{i}" for i in range(1, len(first) + 1)]
    starts = [min(s for s, _ in e.mentions) for e in first]
    assert starts == sorted(starts)


def test_entities_without_gazetteer_component_still_work(nlp):
    from newsledger.extract.nlp import load_base_pipeline

    base = load_base_pipeline()
    text = "Kim Jong Un inspected a factory. Kim said output must grow."
    doc: Doc = base(text)
    kim = only(extract_entities(doc), "Kim Jong Un")
    assert len(kim.mentions) == 2


@pytest.mark.parametrize("sentence", ["", "   ", "\n\n", "12345", "!!!"])
def test_entities_degenerate_text_gives_no_entities(nlp, sentence):
    assert extract_entities(nlp(sentence)) == []


def test_entities_every_kim_in_the_seed_is_kim_jong_un(seed_record):
    people = [e for e in seed_record.entities if e.type == "PERSON"]
    kim = only(people, "Kim Jong Un")
    text = seed_record.text
    starts = {s for s, _ in kim.mentions}
    for match in re.finditer(r"\bKim\b", text):
        assert match.start() in starts, text[match.start() - 30 : match.end() + 30]


def test_entities_named_warship_is_a_weapon(nlp):
    text = "The destroyer USS Carney shot down drones. HMS Diamond joined USS Carney later."
    found = entities(nlp, text)
    carney = only(found, "USS Carney")
    assert carney.type == "WEAPON" and carney.weapon_class == "warship"
    assert len(carney.mentions) == 2
    assert only(found, "HMS Diamond").type == "WEAPON"


def test_entities_second_reference_of_a_listed_leader(nlp):
    found = entities(nlp, "Xi told the summit that China wanted stability.")
    assert only(found, "Xi Jinping").aliases == ["Xi"]


def test_entities_demonym_before_organisation_is_part_of_its_name(nlp):
    text = "Brazilian Foreign Ministry spokeswoman Lucia Prado said talks would resume."
    found = entities(nlp, text)
    assert only(found, "Brazilian Foreign Ministry").type == "ORG"
    assert (
        "Brazilian Foreign Ministry spokeswoman Lucia Prado" in only(found, "Lucia Prado").aliases
    )


def test_entities_place_noun_types_an_unknown_name(nlp):
    text = "Fighting reached the Ethiopian village of Dalanta and the Tekeze waterway."
    found = entities(nlp, text)
    assert only(found, "Dalanta").type == "GPE"
    assert only(found, "Tekeze").type == "LOC"


def test_entities_treaty_is_a_law_not_a_weapon_class(nlp):
    text = "Negotiators presented a draft INF treaty in Geneva."
    found = entities(nlp, text)
    assert only(found, "INF Treaty").type == "LAW"
    assert not [e for e in found if e.type == "WEAPON"]


def test_entities_paired_states_before_war_name_an_event(nlp):
    text = "The Iran-Iraq war has lasted six years, and Iran says it will go on."
    found = entities(nlp, text)
    war = only(found, "Iran-Iraq war")
    assert war.type == "EVENT"
    assert len(only(found, "Iran").mentions) == 2
    assert only(found, "Iraq").type == "GPE"


def test_entities_company_short_name_joins_the_company(nlp):
    text = "Opto Mechanik Inc said it won contracts. Opto Mechanik said more would follow."
    company = only(entities(nlp, text), "Opto Mechanik Inc")
    assert company.type == "ORG" and len(company.mentions) == 2


def test_entities_organisation_head_joins_the_full_name(nlp):
    text = "The U.S. Navy sent ships to the Gulf. The Navy said escorts would begin soon."
    navy = only(entities(nlp, text), "United States Navy")
    assert len(navy.mentions) == 2


def test_entities_organisation_head_needs_a_state_qualifier(nlp):
    text = "Wright told the White House that the House would vote. The Iranian Foreign Ministry said the Foreign Ministry was calm."
    found = entities(nlp, text)
    assert only(found, "White House").mentions == [(16, 27)]
    assert len(only(found, "Iranian Foreign Ministry").mentions) == 2


def test_entities_foreign_kb_ids_are_read_as_plain_ner(nlp):
    doc = nlp("Acme Widgets opened a plant in Ohio.")
    doc.ents = [Span(doc, e.start, e.end, label=e.label_, kb_id="Q12345") for e in doc.ents]
    names = {e.name for e in extract_entities(doc)}
    assert "Ohio" in names


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials in Pyongyang said the test succeeded.", "Pyongyang"),
        ("Washington's allies met on Monday.", "United States"),
        ("Talks between Washington and Tehran stalled.", "United States"),
        ("Beijing-based analysts doubted the claim.", "Beijing"),
        ("Moscow-backed separatists shelled the town.", "Russia"),
        ("He flew to Moscow on Friday.", "Moscow"),
        ("He spoke before his departure for Washington.", "Washington"),
        ("Support for Washington is falling.", "United States"),
        ("Tehran is a city of nine million people.", "Tehran"),
        ("Residents of Kyiv sheltered in metro stations.", "Kyiv"),
        ("Seoul and Tokyo agreed to share intelligence.", "South Korea"),
        ("The message from Pyongyang was clear.", "North Korea"),
    ],
)
def test_entities_capital_role_from_the_parse(nlp, sentence, expected):
    first = entities(nlp, sentence)[0]
    assert first.name == expected and first.type == "GPE"


def test_entities_state_name_read_as_a_person_stays_a_person(nlp):
    found = entities(nlp, "Chad Smith said the deal was done. Chad and Niger closed the border.")
    assert only(found, "Chad Smith").type == "PERSON"
    assert only(found, "Chad").type == "GPE"


def test_entities_regional_adjective_is_not_the_united_states(nlp):
    found = entities(nlp, "Latin American and North American leaders met in Central America.")
    assert not [e for e in found if e.name == "United States"]
    assert only(found, "Central America").type == "LOC"


def test_entities_named_war_spelling_variants_meet(nlp):
    text = "Veterans of the Second World War met. World War Two ended in 1945."
    war = only(entities(nlp, text), "World War Two")
    assert war.type == "EVENT" and len(war.mentions) == 2
