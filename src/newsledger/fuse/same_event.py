"""When two event mentions from different articles are one real-world event.

Pure functions over small keys, no storage: the ledger looks up nearby fused events and asks
:func:`best_match` which one a new mention belongs to.

Two mentions are the same event when they have the same type and the same actor, their days
are at most ``window`` apart, and their targets are compatible:

* the same target, or one report names no target ("the United States struck" / "the United
  States struck Iran");
* an entity and a description ("Iran" / "an offshore oil platform"): one report names the
  country, the other the thing hit;
* two descriptions with the same head noun ("an oil platform" / "the offshore oil platform"),
  but not two different heads ("a mountain peak" / "positions near Amarah": two attacks);
* never two different entities.

A mention without an actor is the same event only as an exact match of a named target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

NO_REF = "-"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class EventKey:
    """What fusion compares. ``actor``/``target`` are refs: ``e<entity id>`` for a canonical
    entity, ``k:<casefolded name or description>`` otherwise, ``-`` when absent."""

    type: str
    actor: str
    target: str
    day: str  # ISO YYYY-MM-DD


def ref(entity_id: int | None, name: str | None) -> str:
    if entity_id is not None:
        return f"e{entity_id}"
    key = " ".join(name.casefold().split()) if name else ""
    return f"k:{key}" if key else NO_REF


def fusable(key: EventKey) -> bool:
    """Whether the mention has anything to tell it from other events of its type."""
    return key.actor != NO_REF or key.target != NO_REF


def _head(target: str) -> str | None:
    """The head noun of a description ref: its last word, plural -s dropped."""
    words = _WORD.findall(target[2:]) if target.startswith("k:") else []
    if not words:
        return None
    word = words[-1]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def compatible_targets(a: str, b: str) -> bool:
    if a == b or NO_REF in (a, b):
        return True
    a_entity, b_entity = a.startswith("e"), b.startswith("e")
    if a_entity and b_entity:
        return False
    if a_entity != b_entity:
        return True
    head_a, head_b = _head(a), _head(b)
    return head_a is not None and head_a == head_b


def days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def same_event(a: EventKey, b: EventKey, window: int = 1) -> bool:
    if a.type != b.type or a.actor != b.actor or days_apart(a.day, b.day) > window:
        return False
    if a.actor == NO_REF:
        return a.target == b.target and a.target != NO_REF
    return compatible_targets(a.target, b.target)


def _closeness(new: EventKey, other: EventKey) -> tuple[int, int]:
    """Sort key, best first: the same target before a compatible one, then the nearest day."""
    exact = 0 if new.target == other.target else 1
    return (exact, days_apart(new.day, other.day))


def best_match(
    new: EventKey, candidates: Sequence[tuple[int, EventKey]], window: int = 1
) -> int | None:
    """The id of the candidate that ``new`` is the same event as, or None."""
    matching = [(cid, key) for cid, key in candidates if same_event(new, key, window)]
    if not matching:
        return None
    return min(matching, key=lambda item: (_closeness(new, item[1]), item[0]))[0]
