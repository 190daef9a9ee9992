"""Event confidence and mention spans: carried through JSON, absent in older records."""

from __future__ import annotations

from newsledger.records import ArticleRecord, Event
from tests.test_records import _record


def test_records_event_confidence_and_mentions_round_trip():
    record = _record("Iran today denied it. Iran denied it again.")
    record.events = [
        Event(
            "v1",
            "DENY",
            "denied",
            (11, 17),
            actor="Iran",
            confidence=0.82,
            mentions=[(11, 17), (27, 33)],
            headline_span=(0, 1),
        )
    ]
    data = record.to_dict()
    assert data["events"][0]["mentions"] == [[11, 17], [27, 33]]
    back = ArticleRecord.from_dict(data)
    assert back.events[0] == record.events[0]


def test_records_event_written_before_confidence_still_loads():
    data = _record("Iran today denied it.").to_dict()
    for key in ("confidence", "mentions", "headline_span"):
        del data["events"][0][key]
    event = ArticleRecord.from_dict(data).events[0]
    assert event.confidence is None
    assert event.mentions == []
    assert event.headline_span is None
