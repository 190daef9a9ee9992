from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsledger.records import (
    ArticleRecord,
    Claim,
    Dateline,
    Entity,
    Event,
    EventTime,
    Quote,
    Source,
    SourceRef,
    TimeExpression,
)


def _record(text: str) -> ArticleRecord:
    return ArticleRecord(
        id="0123456789abcdef",
        source=Source(uri="a.txt", format="text", outlet="Reuters"),
        headline="H",
        dateline=Dateline("LONDON, March 3 (Reuters) -", "London", "1987-03-03"),
        published="1987-03-03",
        published_basis="dateline",
        text=text,
        entities=[Entity("e1", "Iran", "GPE", ["Iran"], [(0, 4)])],
        times=[TimeExpression("today", (5, 10), "DATE", "1987-03-03", "1987-03-03", "1987-03-03")],
        quotes=[Quote("x", (1, 2), "Iran", "e1", "said")],
        claims=[Claim("y", (2, 3), [SourceRef("Iran", "e1", "said")], "negative", True)],
        events=[Event("v1", "DENY", "denied", (3, 9), actor="Iran", time=EventTime("1987-03-03"))],
    )


def test_records_round_trip_through_dict():
    record = _record("Iran today denied it.")
    # Equal to the record itself: a field from_dict dropped or mistyped would differ.
    assert ArticleRecord.from_dict(record.to_dict()) == record
    data = record.to_dict()
    assert data["schema"] == "newsledger.article/1"
    assert data["entities"][0]["mentions"] == [[0, 4]]
    assert data["dateline"] == {
        "text": "LONDON, March 3 (Reuters) -",
        "place": "London",
        "date": "1987-03-03",
    }


@given(st.text())
def test_records_round_trip_any_text(text):
    record = _record(text)
    assert ArticleRecord.from_dict(record.to_dict()).text == text
