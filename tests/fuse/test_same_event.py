"""Which event mentions of different articles are one event (newsledger.fuse.same_event)."""

from __future__ import annotations

import pytest

from newsledger.fuse.same_event import EventKey, best_match, compatible_targets, ref, same_event

STRIKE = EventKey("ATTACK", "e1", "e2", "2031-05-04")


def key(target: str = "e2", day: str = "2031-05-04", actor: str = "e1", type_: str = "ATTACK"):
    return EventKey(type_, actor, target, day)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("e2", "e2", True),  # the same state struck
        ("e2", "-", True),  # one report names no target
        ("e2", "k:an offshore gas rig", True),  # the state, or the thing of it that was hit
        ("k:the gas rig", "k:two offshore gas rigs", True),  # one head noun
        ("k:a hilltop outpost", "k:border positions", False),  # two things hit: two attacks
        ("e2", "e3", False),  # two different states
    ],
)
def test_same_event_targets(a: str, b: str, same: bool) -> None:
    assert compatible_targets(a, b) is same
    assert compatible_targets(b, a) is same


def test_same_event_needs_type_actor_and_nearby_days() -> None:
    assert same_event(STRIKE, key(day="2031-05-05"))
    assert not same_event(STRIKE, key(day="2031-05-06"))
    assert same_event(STRIKE, key(day="2031-05-06"), window=2)
    assert not same_event(STRIKE, key(actor="e9"))
    assert not same_event(STRIKE, key(type_="SANCTION"))


def test_same_event_without_actor_needs_the_same_named_target() -> None:
    assert same_event(key(actor="-"), key(actor="-"))
    assert not same_event(key(actor="-", target="-"), key(actor="-", target="-"))
    assert not same_event(key(actor="-"), key(actor="-", target="k:a convoy"))


def test_best_match_prefers_the_same_target_then_the_nearest_day() -> None:
    candidates = [
        (7, key(target="-", day="2031-05-04")),
        (8, key(target="e2", day="2031-05-05")),
        (9, key(target="e2", day="2031-05-03")),
    ]
    assert best_match(STRIKE, candidates) == 8  # exact target; 8 and 9 tie on distance: lower id
    assert best_match(key(target="k:a depot"), candidates) == 7
    assert best_match(key(target="e3"), candidates) == 7  # only the targetless one fits
    assert best_match(key(day="2031-06-01"), candidates) is None


def test_ref_casefolds_names_and_marks_absence() -> None:
    assert ref(4, "Ignored") == "e4"
    assert ref(None, "  The  Gas Rig ") == "k:the gas rig"
    assert ref(None, None) == "-" and ref(None, " ") == "-"
