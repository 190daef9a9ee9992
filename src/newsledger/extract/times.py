"""Time expressions. FIRST CUT, to be replaced by the times work (issue 5)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from newsledger.records import TimeExpression


def extract_times(text: str, anchor: date | None, doc: Doc | None = None) -> list[TimeExpression]:
    return []
