"""diff_events: which events a newer extraction added, removed or changed; id prefixes."""

from __future__ import annotations

import pytest

from newsledger.errors import LedgerError
from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.ledger.versions import diff_events, resolve_article_id
from newsledger.records import Event, EventTime, SourceRef


def _event(type_: str, span: tuple[int, int], **fields: object) -> Event:
    return Event(id="v", type=type_, trigger="fired", span=span, **fields)  # type: ignore[arg-type]


def test_versions_diff_added_removed_changed_unchanged() -> None:
    old = [
        _event("WEAPONS_TEST", (10, 15), actor="Iran"),
        _event("MEET", (40, 44), actor="Envoys"),
        _event("ATTACK", (70, 75), actor="Rebels", time=EventTime("2024-05-01")),
    ]
    new = [
        _event("WEAPONS_TEST", (10, 15), actor="Iran"),  # unchanged
        _event("ATTACK", (70, 80), actor="Rebels", time=EventTime("2024-05-02")),  # time changed
        _event("SANCTION", (90, 99), actor="Council", sources=[SourceRef("Reuters")]),  # added
    ]
    diff = diff_events(old, new)
    assert [e.type for e in diff.added] == ["SANCTION"]
    assert [e.type for e in diff.removed] == ["MEET"]
    assert [(c.old.type, c.fields) for c in diff.changed] == [("ATTACK", ("time",))]
    assert diff.unchanged == 1
    data = diff.to_dict()
    assert data["changed"][0]["new"]["span"] == [70, 80]


def test_versions_diff_pairs_each_event_once_by_best_overlap() -> None:
    old = [_event("ATTACK", (0, 10)), _event("ATTACK", (8, 30))]
    new = [_event("ATTACK", (9, 29))]
    diff = diff_events(old, new)
    assert diff.unchanged == 1 and [e.span for e in diff.removed] == [(0, 10)]


def test_versions_article_id_by_unique_prefix(tmp_path) -> None:
    import dataclasses
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ledger_factory import denial_story, missile_story

    from newsledger.settings import Settings

    url = f"sqlite:///{tmp_path / 'ids.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        ledger.add(dataclasses.replace(missile_story(), id="abc1230000000000"))
        ledger.add(dataclasses.replace(denial_story(), id="abc4560000000000"))
        assert resolve_article_id(ledger, "abc1230000000000") == "abc1230000000000"
        assert resolve_article_id(ledger, "abc4") == "abc4560000000000"
        with pytest.raises(LedgerError, match="ambiguous.*abc1230000000000, abc4560000000000"):
            resolve_article_id(ledger, "abc")
        with pytest.raises(LedgerError, match="no article 'zz'"):
            resolve_article_id(ledger, "zz")
        with pytest.raises(LedgerError, match="no article 'a_c'"):
            resolve_article_id(ledger, "a_c")  # LIKE wildcards are literal
