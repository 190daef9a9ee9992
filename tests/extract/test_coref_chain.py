"""The subject chain behind resolve_mention / source_for_token, on parsed sentences."""

from __future__ import annotations

from newsledger.extract.coref import resolve_mention, source_for_token
from newsledger.extract.entity_index import EntityIndex
from newsledger.records import Entity


def index_for(text: str, spec: list[tuple[str, str, list[str]]]) -> EntityIndex:
    entities = []
    for n, (name, etype, forms) in enumerate(spec, 1):
        mentions = []
        for form in forms:
            start = text.find(form)
            while start != -1:
                mentions.append((start, start + len(form)))
                start = text.find(form, start + 1)
        entities.append(Entity(f"e{n}", name, etype, aliases=forms, mentions=sorted(mentions)))
    return EntityIndex(entities)


def _subject_source(nlp, text: str, spec, nth_subject: int) -> str | None:
    doc = nlp(text)
    index = index_for(text, spec)
    subjects = [t for t in doc if t.dep_ == "nsubj"]
    name = source_for_token(doc, subjects[nth_subject], index)
    return name.name if name else None


def test_coref_chain_prefers_main_clause_subjects(nlp) -> None:
    text = (
        "Elena Ross said the plan had been agreed with Tomas Berg, who insisted on a delay. "
        "She said the delay was short."
    )
    spec = [("Elena Ross", "PERSON", ["Elena Ross"]), ("Tomas Berg", "PERSON", ["Tomas Berg"])]
    doc = nlp(text)
    start = text.index("She")
    entity = resolve_mention(doc, start, start + 3, index_for(text, spec))
    assert entity is not None and entity.name == "Elena Ross"


def test_coref_chain_pronoun_in_subordinate_clause_takes_its_sentence_subject(nlp) -> None:
    text = "The ministry spoke on Friday. Iran denied reports that it had moved troops."
    spec = [("Iran", "GPE", ["Iran"])]
    doc = nlp(text)
    start = text.index("it had")
    entity = resolve_mention(doc, start, start + 2, index_for(text, spec))
    assert entity is not None and entity.name == "Iran"


def test_coref_chain_unnamed_source_is_referred_back_to(nlp) -> None:
    text = "A senior defence official said the ships were ready. The official said more would come."
    assert _subject_source(nlp, text, [], 2) == "a senior defence official"


def test_coref_chain_pronoun_can_point_at_an_unnamed_source(nlp) -> None:
    text = "An Iranian Foreign Ministry spokesman spoke on Sunday. He said the reports were false."
    assert _subject_source(nlp, text, [], 1) == "an Iranian Foreign Ministry spokesman"


def test_coref_chain_bare_surname_is_the_named_person(nlp) -> None:
    text = "General Guven Ergenc spoke first. Ergenc said the alert would last a week."
    spec = [("Guven Ergenc", "PERSON", ["Guven Ergenc"])]
    assert _subject_source(nlp, text, spec, 1) == "Guven Ergenc"


def test_coref_chain_statement_names_its_issuer(nlp) -> None:
    text = "A Foreign Ministry statement said the boats were fishing."
    spec = [("Foreign Ministry", "ORG", ["Foreign Ministry"])]
    assert _subject_source(nlp, text, spec, 0) == "Foreign Ministry"


def test_coref_chain_apposed_name_wins_over_role(nlp) -> None:
    text = "Helen Marsh spoke. The opposition leader, Graham Tait, said the budget was unfair."
    spec = [("Helen Marsh", "PERSON", ["Helen Marsh"]), ("Graham Tait", "PERSON", ["Graham Tait"])]
    assert _subject_source(nlp, text, spec, 1) == "Graham Tait"


def test_coref_person_role_needs_the_title_in_the_text(nlp) -> None:
    spec = [("Li Chen", "PERSON", ["Li Chen"])]
    untitled = "Li Chen warned of floods. The general ordered all units to stay on alert."
    titled = "General Li Chen warned of floods. The general ordered all units to stay on alert."
    for text, expected in ((untitled, None), (titled, "Li Chen")):
        doc = nlp(text)
        start = text.index("The general")
        entity = resolve_mention(doc, start, start + len("The general"), index_for(text, spec))
        assert (entity.name if entity else None) == expected


def test_coref_state_body_is_its_state_but_a_medium_is_not(nlp) -> None:
    spec = [("Turkey", "GPE", ["Turkish"]), ("Greece", "GPE", ["Greek"])]
    text = (
        "The Turkish government said the ship would sail. Greek newspapers said ships were ready."
    )
    assert _subject_source(nlp, text, spec, 0) == "Turkey"
    assert _subject_source(nlp, text, spec, 2) == "Greek newspapers"
