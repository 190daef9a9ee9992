"""Which claims deny which: scored by the entities they share and the overlap of their words.

Pure functions over claim texts, days and entity ids; the ledger finds the candidates and
stores the links (``newsledger.ledger.linking``). The rules are data: ``fuse/data/denials.toml``.
Which event mentions are one event is :mod:`newsledger.fuse.same_event`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

# Two mentions of one event are at most this many days apart (newsledger.fuse.same_event).
DAY_WINDOW = 1
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class ClaimLike(Protocol):
    """A stored claim as the ledger hands it over."""

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def published(self) -> str: ...


@dataclass(frozen=True, slots=True)
class DenialRules:
    min_overlap: float
    min_entity_overlap: float
    min_word_overlap: float
    vague_score: float
    window_days: int
    max_links: int
    candidate_limit: int
    referring_nouns: frozenset[str]
    stop_words: frozenset[str]


@lru_cache(maxsize=1)
def denial_rules() -> DenialRules:
    path = resources.files("newsledger.fuse").joinpath("data/denials.toml")
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return DenialRules(
        min_overlap=float(data["min_overlap"]),
        min_entity_overlap=float(data["min_entity_overlap"]),
        min_word_overlap=float(data["min_word_overlap"]),
        vague_score=float(data["vague_score"]),
        window_days=int(data["window_days"]),
        max_links=int(data["max_links"]),
        candidate_limit=int(data["candidate_limit"]),
        referring_nouns=frozenset(data["referring_nouns"]),
        stop_words=frozenset(data["stop_words"]),
    )


def content_words(text: str, rules: DenialRules | None = None) -> set[str]:
    rules = rules or denial_rules()
    words = {w.casefold() for w in _WORD.findall(text)}
    return {w for w in words if w not in rules.stop_words and len(w) > 1}


def is_vague(text: str, rules: DenialRules | None = None) -> bool:
    """A denial that points back ("denied the reports") rather than restating what it denies."""
    rules = rules or denial_rules()
    words = content_words(text, rules)
    return not (words - rules.referring_nouns) or (
        bool(words & rules.referring_nouns) and len(words - rules.referring_nouns) <= 1
    )


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def overlap(a: str, b: str, rules: DenialRules | None = None) -> float:
    rules = rules or denial_rules()
    wa = content_words(a, rules) - rules.referring_nouns
    wb = content_words(b, rules) - rules.referring_nouns
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def best_denials(
    rules: DenialRules,
    text: str,
    published: str,
    about: set[int],
    options: Sequence[ClaimLike],
    other_about: dict[int, set[int]],
    *,
    denying: bool,
) -> list[tuple[float, int]]:
    """The claims among ``options`` that ``text`` denies (``denying``) or that deny it, best
    first, with their scores. ``about`` and ``other_about`` are the canonical entities the
    claims mention."""
    scored: list[tuple[float, int]] = []
    for other in options:
        denial_text, denial_day, alleg_day = (
            (text, published, other.published)
            if denying
            else (other.text, other.published, published)
        )
        words = overlap(text, other.text, rules)
        things = _jaccard(about, other_about.get(other.id, set()))
        if words >= rules.min_overlap:
            scored.append((words, other.id))
        elif things >= rules.min_entity_overlap and words >= rules.min_word_overlap:
            # the same entities in other words ("Moscow ... from Pyongyang" against
            # "North Korea supplied ... to Russia"), with some wording in common
            scored.append(((words + things) / 2, other.id))
        elif is_vague(denial_text, rules) and alleg_day <= denial_day:
            scored.append((rules.vague_score, other.id))
    scored.sort(key=lambda item: -item[0])
    chosen: list[tuple[float, int]] = []
    vague_taken = False
    for score, other_id in scored[: rules.max_links]:
        if score == rules.vague_score and score < rules.min_overlap:
            if vague_taken:
                continue  # a pointing-back denial answers the latest allegation only
            vague_taken = True
        chosen.append((score, other_id))
    return chosen
