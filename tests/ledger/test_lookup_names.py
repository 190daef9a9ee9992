"""Names a user types: entities by name, alias or unique prefix; event types with the list."""

from __future__ import annotations

import pytest
from ledger_factory import denial_story, missile_story

from newsledger.errors import LedgerError
from newsledger.extract.events_lexicon import EVENT_TYPES
from newsledger.ledger.lookup import check_event_type, resolve_entity
from newsledger.ledger.store import Ledger


@pytest.fixture
def stocked(ledger: Ledger) -> Ledger:
    ledger.add(missile_story())
    ledger.add(denial_story())
    return ledger


def test_lookup_entity_by_name_alias_and_prefix(stocked: Ledger) -> None:
    assert resolve_entity(stocked, "kim jong un").name == "Kim Jong Un"
    by_alias = resolve_entity(stocked, "Pyongyang")
    assert (by_alias.name, by_alias.matched) == ("North Korea", "Pyongyang")
    assert resolve_entity(stocked, "KCN").name == "KCNA"  # a unique prefix
    assert resolve_entity(stocked, "Jong").name == "Kim Jong Un"  # a word of the name


def test_lookup_entity_ambiguous_prefix_lists_the_candidates(stocked: Ledger) -> None:
    with pytest.raises(LedgerError, match=r"'Korea' fits 2 entities.*North Korea \(GPE\)"):
        resolve_entity(stocked, "Korea")
    assert resolve_entity(stocked, "Sou").name == "South Korea"
    assert resolve_entity(stocked, "Nor").name == "North Korea"


def test_lookup_entity_miss_suggests_near_names(stocked: Ledger) -> None:
    with pytest.raises(LedgerError, match="did you mean 'North Korea'"):
        resolve_entity(stocked, "Nrth Korea")
    with pytest.raises(LedgerError, match="^no entity called 'Atlantis' in the ledger$"):
        resolve_entity(stocked, "Atlantis")


def test_lookup_event_type_known_or_refused_with_the_list(stocked: Ledger) -> None:
    assert check_event_type(stocked, "weapons_test", EVENT_TYPES) == "WEAPONS_TEST"
    assert (
        check_event_type(stocked, "MISSILE_LAUNCH", EVENT_TYPES) == "MISSILE_LAUNCH"
    )  # stored in this ledger
    with pytest.raises(LedgerError, match="unknown event type 'BOGUS'; known types: ACCUSE, "):
        check_event_type(stocked, "BOGUS", EVENT_TYPES)
    with pytest.raises(LedgerError, match="did you mean ATTACK"):
        check_event_type(stocked, "ATTAK", EVENT_TYPES)
