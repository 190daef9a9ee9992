"""Claims. FIRST CUT, to be replaced by the claims work (issue 3)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsledger.extract.entity_index import EntityIndex
from newsledger.records import Claim, Quote


def extract_claims(doc: Doc, entities: EntityIndex, quotes: list[Quote]) -> list[Claim]:
    return []
