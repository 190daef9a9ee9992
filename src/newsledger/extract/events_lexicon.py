"""The event rule vocabulary, read once from ``data/events/`` (triggers, object classes, cues).

The data files carry a note on every entry; this module only parses them into look-up tables
keyed by lemma, so the extractor does one dict look-up per token.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsledger.errors import NewsLedgerError

DATA_PACKAGE = "newsledger.extract"
DATA_DIR = ("data", "events")

EVENT_TYPES: tuple[str, ...] = (
    "WEAPONS_TEST",
    "WEAPONS_DEVELOPMENT",
    "MILITARY_PRODUCTION",
    "CONSTRUCTION",
    "DEPLOYMENT",
    "MILITARY_EXERCISE",
    "INSPECTION",
    "ORDER",
    "ARMS_TRANSFER",
    "ATTACK",
    "THREATEN",
    "ACCUSE",
    "DENY",
    "SANCTION",
    "TALKS",
    "AGREEMENT",
    "COOPERATION",
)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon entry: a lemma of a part of speech that signals ``type`` when ``requires`` holds."""

    lemma: str
    pos: frozenset[str]
    type: str
    requires: str | None = None
    light_verbs: frozenset[str] = frozenset()
    # both parties act ("fighting between X and Y"): parties come from the phrase like talks
    reciprocal: bool = False
    # a two-word trigger ("war game", "port call") is keyed by its head; this is the word
    # that must stand before the head for this rule (other rules of the head do not need it)
    first_word: str | None = None
    # the word itself says the act is only promised ("pledged tanks to Kyiv"): planned
    promised: bool = False


@dataclass(frozen=True, slots=True)
class EventLexicon:
    # lemma -> rules in file order (the first rule whose condition holds wins)
    triggers: dict[str, tuple[TriggerRule, ...]]
    objects: dict[str, str]  # lemma -> weapon | facility | force | unit
    lists: dict[str, frozenset[str]]
    aux: dict[str, str]
    governors: dict[str, str]
    marks: dict[str, str]
    predicates: dict[str, str]
    weak_objects: frozenset[str]
    weak_quantifiers: frozenset[str]
    plover: dict[str, dict[str, str]] = field(default_factory=dict)
    trigger_modes: dict[str, str] = field(default_factory=dict)
    object_modes: dict[str, str] = field(default_factory=dict)
    object_contexts: dict[str, str] = field(default_factory=dict)

    def words(self, name: str) -> frozenset[str]:
        return self.lists.get(name, frozenset())


class EventDataError(NewsLedgerError):
    """A file under ``data/events/`` is malformed (a packaging or editing mistake)."""


def _read_text(name: str) -> str:
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, name)
    return path.read_text(encoding="utf-8")


def _jsonl(name: str) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(_read_text(name).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise EventDataError(f"data/events/{name} line {number}: {e.msg}") from e
    return rows


def _toml(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(name))
    except tomllib.TOMLDecodeError as e:
        raise EventDataError(f"data/events/{name}: {e}") from e


def _no_note(table: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in table.items() if k != "note"}


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """Parse the packaged event data (cached: one parse per process)."""
    triggers: dict[str, list[TriggerRule]] = {}
    for row in _jsonl("triggers.jsonl"):
        if row.get("type") not in EVENT_TYPES:
            raise EventDataError(f"data/events/triggers.jsonl: unknown type {row.get('type')!r}")
        lemma = str(row["lemma"]).lower()
        first: str | None = None
        if " " in lemma:
            first, lemma = lemma.rsplit(" ", 1)
        rule = TriggerRule(
            lemma=lemma,
            pos=frozenset(row.get("pos", ["VERB", "NOUN"])),
            type=row["type"],
            requires=row.get("requires"),
            light_verbs=frozenset(row.get("light_verbs", [])),
            reciprocal=bool(row.get("reciprocal", False)),
            first_word=first,
            promised=bool(row.get("promised", False)),
        )
        triggers.setdefault(lemma, []).append(rule)
    objects = {str(r["lemma"]).lower(): str(r["class"]) for r in _jsonl("objects.jsonl")}
    cues = _toml("cues.toml")
    lists = {name: frozenset(w.lower() for w in table["words"]) for name, table in cues.items()}
    for name, table in cues.items():
        for extra in ("modifiers", "phrases"):
            if extra in table:
                lists[f"{name}.{extra}"] = frozenset(w.lower() for w in table[extra])
    modality = _toml("modality.toml")
    plover = _toml("plover.toml")
    return EventLexicon(
        triggers={k: tuple(v) for k, v in triggers.items()},
        objects=objects,
        lists=lists,
        aux=_no_note(modality["aux"]),
        governors=_no_note(modality["governors"]),
        marks=_no_note(modality["marks"]),
        predicates=_no_note(modality["predicates"]),
        weak_objects=frozenset(modality["weak_objects"]["objects"]),
        weak_quantifiers=frozenset(modality["weak_objects"]["quantifiers"]),
        plover={k: _no_note(v) for k, v in plover["types"].items()},
        trigger_modes=_no_note(plover["trigger_modes"]),
        object_modes=_no_note(plover["object_modes"]),
        object_contexts=_no_note(plover["object_contexts"]),
    )
