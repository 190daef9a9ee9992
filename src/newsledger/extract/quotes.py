"""Direct quotes. FIRST CUT, to be replaced by the quotes work (issue 3)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.extract.entity_index import EntityIndex
from newsledger.records import Quote


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    return []
