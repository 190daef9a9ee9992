"""Ledger.add and Ledger.open on hostile records and files, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
from ledger_factory import event, missile_story, time_
from sqlalchemy import select
from sqlalchemy.exc import DataError

from newsledger.errors import LedgerError
from newsledger.fuse import FUSION
from newsledger.ledger import queries
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger, _db_reason
from newsledger.records import latest_date


def test_store_hostile_dates_outside_the_range_are_kept_as_text(ledger: Ledger) -> None:
    rec = missile_story(published="9999-12-31")
    rec.text += " The pact lapses on December 31, 9999, and began on January 1, 0001."
    time_(rec, "December 31, 9999", "9999-12-31")
    event(rec, "AGREE", "lapses", when="0001-01-01")
    before = copy.deepcopy(rec)
    ledger.add(rec)
    assert rec == before  # the caller's record is not changed
    view = queries.article(ledger, rec.id)
    assert view is not None
    stored = view.record
    assert stored.published is None and stored.dateline is not None
    assert stored.dateline.date is None
    far = next(tx for tx in stored.times if tx.text == "December 31, 9999")
    assert far.value is None and far.span == before.times[-1].span  # the words stay
    lapse = stored.events[-1]
    assert lapse.time is not None and lapse.time.value is None and lapse.time.text
    assert sum("outside 1800-01-01" in w for w in stored.warnings) == 4
    # what is stored sorts and buckets inside the range
    with ledger.connect() as conn:
        days = conn.execute(select(t.events.c.sort_date)).scalars().all()
    # ('' is an undated event: the article's date was out of range, and no day is invented)
    assert days and all(d == "" or "1800-01-01" <= d <= latest_date().isoformat() for d in days)
    assert sorted(r.sort_date for r in queries.events(ledger).rows) == sorted(days)


def test_store_hostile_dates_inside_the_range_are_kept(ledger: Ledger) -> None:
    rec = missile_story(published="1800-01-01")
    ledger.add(rec)
    view = queries.article(ledger, rec.id)
    assert view is not None and view.record.published == "1800-01-01"
    assert not any("outside" in w for w in view.record.warnings)
    assert view.record.events[0].time is not None
    assert view.record.events[0].time.value == "2025-12-26"


def test_store_hostile_nul_is_replaced_on_every_backend(ledger: Ledger) -> None:
    rec = missile_story()
    rec.text = rec.text.replace("Wonsan", "Won\x00san")
    rec.headline = "Missiles\x00 fired"
    rec.entities[0].aliases.append("Kim\x00")
    result = ledger.add(rec)
    view = queries.article(ledger, result.article_id)
    assert view is not None
    stored = view.record
    assert "\x00" not in stored.text and "Won\ufffdsan" in stored.text
    assert len(stored.text) == len(rec.text)  # spans still point at the same characters
    assert stored.headline == "Missiles\ufffd fired"
    assert any("NUL" in w for w in stored.warnings)


@pytest.mark.parametrize("bad", ["\x00", "\udc80"], ids=["nul", "lone-surrogate"])
def test_store_hostile_unstorable_outside_the_text_is_replaced(ledger: Ledger, bad: str) -> None:
    # The text is clean: only a field stored in the record's JSON holds what cannot be stored.
    rec = missile_story()
    rec.entities[1].aliases.append(f"Pyong{bad}yang")
    result = ledger.add(rec)
    view = queries.article(ledger, result.article_id)
    assert view is not None
    stored = view.record
    assert stored.entities[1].aliases[-1] == "Pyong\ufffdyang"
    assert stored.text == rec.text
    assert any("NUL" in w for w in stored.warnings)


def test_store_hostile_spelled_out_escape_is_stored_as_written(ledger: Ledger) -> None:
    rec = missile_story(extra="The file ended in a literal \\u0000 sequence.")
    rec.headline = "Six characters: \\u0000"
    result = ledger.add(rec)
    view = queries.article(ledger, result.article_id)
    assert view is not None
    assert view.record.text == rec.text and view.record.headline == rec.headline
    assert not any("NUL" in w for w in view.record.warnings)


def test_store_hostile_failure_with_nul_is_recorded_on_every_backend(ledger: Ledger) -> None:
    ledger.add_failure("feed\x00.xml", "bad\x00 byte", stage="ingest")
    (row,) = queries.failures(ledger)
    assert row.source == "feed\\x00.xml" and row.reason == "bad\\x00 byte"


def test_store_hostile_error_reason_leaves_out_the_statement() -> None:
    statement = "INSERT INTO articles (text) VALUES (%(text)s)"
    error = DataError(statement, {"text": "secret article " * 200}, ValueError("value too long"))
    reason = _db_reason(error)
    assert reason == "value too long"


@pytest.mark.parametrize(
    "content",
    [b"\x00" * 10, b"SQLite format 3\x00" + b"\xff" * 5000, b"a ledger? no.\n" * 500],
)
def test_store_hostile_corrupt_database_file_is_named(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "ledger.db"
    path.write_bytes(content)
    with pytest.raises(LedgerError) as caught:
        Ledger.open(f"sqlite:///{path}", fusion=FUSION)
    message = str(caught.value)
    assert message.endswith("not a NewsLedger database (file is not a database)"), message
    assert "\n" not in message


def test_store_hostile_latest_date_is_a_year_after_today() -> None:
    assert latest_date(date(2026, 12, 7)) == date(2027, 12, 8)
    assert latest_date(date.max) == date.max
