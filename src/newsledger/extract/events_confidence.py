"""Event confidence: how likely an extracted event is right, in [0, 1] (issue 11, part 4).

The evidence of one event (``Evidence``) adds up to a raw score with the weights in
``data/events/confidence.toml``; the file's calibration table maps that score to the precision
events with such a score had on realnews/dev, so a confidence of 0.8 means "about four in five
events like this were right" there. ``benchmarks/events_confidence.py`` rebuilds the table.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsledger.extract.events_lexicon import DATA_DIR, DATA_PACKAGE, EventDataError
from newsledger.records import Event

__all__ = ["Evidence", "confidence", "default_threshold", "raw_score"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the extractor saw when it found the event (the parts its record does not keep)."""

    verb_trigger: bool
    bare_trigger: bool
    background_clause: bool


@dataclass(frozen=True, slots=True)
class _Table:
    weights: dict[str, float]
    bins: tuple[tuple[float, float], ...]
    threshold: float


@lru_cache(maxsize=1)
def _table() -> _Table:
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, "confidence.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        weights = {k: float(v) for k, v in data["weights"].items() if k != "note"}
        bins = tuple((float(a), float(b)) for a, b in data["calibration"]["bins"])
        threshold = float(data["threshold"]["default"])
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
        raise EventDataError(f"data/events/confidence.toml: {e}") from e
    if not bins or any(b[0] >= c[0] for b, c in zip(bins, bins[1:], strict=False)):
        raise EventDataError("data/events/confidence.toml: calibration bins must rise")
    return _Table(weights, bins, threshold)


def raw_score(event: Event, evidence: Evidence) -> float:
    """The sum of the weights of the evidence the event has."""
    w = _table().weights
    score = w["base"]
    if event.actor is None:
        score += w["no_actor"]
    elif event.actor_entity is not None:
        score += w["named_actor"]
    if evidence.verb_trigger:
        score += w["verb_trigger"]
    if evidence.bare_trigger:
        score += w["bare_trigger"]
    if len(event.mentions) > 1 or event.headline_span is not None:
        score += w["repeated"]
    if event.modality != "actual":
        score += w["not_actual"]
    if event.sources:
        score += w["reported"]
    if event.time is not None and event.time.value:
        score += w["dated"]
    if evidence.background_clause:
        score += w["background_clause"]
    return round(score, 4)


def confidence(event: Event, evidence: Evidence) -> float:
    """The calibrated confidence: the dev precision of the raw score's bin."""
    raw = raw_score(event, evidence)
    for upper, precision in _table().bins:
        if raw <= upper:
            return precision
    return _table().bins[-1][1]


def default_threshold() -> float:
    """The minimum confidence a ledger shows by default (chosen on realnews/dev)."""
    return _table().threshold
