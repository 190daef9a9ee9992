"""Events. FIRST CUT, to be replaced by the events work (issue 4)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from newsledger.extract.entity_index import EntityIndex
from newsledger.records import Claim, Event, TimeExpression


def extract_events(
    doc: Doc,
    entities: EntityIndex,
    times: list[TimeExpression],
    claims: list[Claim],
    anchor: date | None,
) -> list[Event]:
    return []
