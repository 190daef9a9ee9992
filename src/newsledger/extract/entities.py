"""Canonical entities. FIRST CUT, to be replaced by the entities work (issue 2, part 3)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.records import Entity


def add_entity_components(nlp: Language) -> None:
    return None


def extract_entities(doc: Doc) -> list[Entity]:
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}:
            continue
        key = (ent.text, ent.label_)
        if key not in by_key:
            by_key[key] = Entity(id=f"e{len(by_key) + 1}", name=ent.text, type=ent.label_,
                                 aliases=[ent.text])
        by_key[key].mentions.append((ent.start_char, ent.end_char))
    return list(by_key.values())
