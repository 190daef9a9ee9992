"""Event confidence: how likely an extracted event is right, in [0, 1] (issue 11, part 4).

The evidence of one event (``Evidence`` and the record's own fields) becomes a row of features
(``features``); a logistic model with the weights in ``data/events/confidence.toml`` turns them
into the probability that the event is right, as type and actor are judged against gold. The
weights are fitted on several gold sets of real articles pooled, and the default threshold is
the lowest whose events, scored by models fitted on the *other* sets, were right at least 85 %
of the time (``benchmarks/events_confidence_fit.py``; figures in BENCHMARKS.md).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsledger.extract.events_lexicon import DATA_DIR, DATA_PACKAGE, EVENT_TYPES, EventDataError
from newsledger.records import Event

__all__ = ["FEATURES", "Evidence", "confidence", "default_threshold", "features", "raw_score"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the extractor saw when it found the event (the parts its record does not keep)."""

    verb_trigger: bool
    bare_trigger: bool
    background_clause: bool
    # what the article around it says, filled in once all its events are known
    actor_kind: str | None = None  # the actor entity's type (PERSON, GPE, ORG, ...)
    actor_in_headline: bool = False
    actor_is_topic: bool = False  # the actor is the state the article names most
    in_lead: bool = False  # told in the body's first paragraph
    article_events: int = 0  # how many events the article has


# the evidence read from an event, in the order of the model's weights
EVIDENCE_FEATURES = (
    "named_actor",  # the actor is a named entity
    "no_actor",  # no actor at all (only attacks on a named target are kept so)
    "verb_trigger",  # the clause's own predicate tells it, not a passing noun
    "bare_trigger",  # the trigger word needs no context check ('attack', 'sanction')
    "repeated",  # told more than once in the article, or in the headline
    "not_actual",  # planned, hypothetical or negated
    "reported",  # under someone else's attribution, not the narrator's own
    "dated",  # the text dates it
    "background_clause",  # told in a relative or adverbial clause
    "actor_person",  # the actor is a person
    "actor_state",  # the actor is a state
    "actor_in_headline",  # the headline names the actor
    "actor_is_topic",  # the actor is the state the article names most
    "in_lead",  # told in the first paragraph
    "busy_article",  # the article tells five events or more (a story about such events)
)
FEATURES = EVIDENCE_FEATURES + tuple(f"type_{t}" for t in EVENT_TYPES)


def features(event: Event, evidence: Evidence) -> list[float]:
    """The event's feature row (1.0 where it has the evidence, else 0.0), in ``FEATURES`` order."""
    row = [
        event.actor is not None and event.actor_entity is not None,
        event.actor is None,
        evidence.verb_trigger,
        evidence.bare_trigger,
        len(event.mentions) > 1 or event.headline_span is not None,
        event.modality != "actual",
        bool(event.sources),
        event.time is not None and bool(event.time.value),
        evidence.background_clause,
        evidence.actor_kind == "PERSON",
        evidence.actor_kind == "GPE",
        evidence.actor_in_headline,
        evidence.actor_is_topic,
        evidence.in_lead,
        evidence.article_events >= 5,
    ]
    row.extend(event.type == t for t in EVENT_TYPES)
    return [1.0 if flag else 0.0 for flag in row]


@dataclass(frozen=True, slots=True)
class _Model:
    bias: float
    weights: tuple[float, ...]
    threshold: float


@lru_cache(maxsize=1)
def _model() -> _Model:
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, "confidence.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        bias = float(data["model"]["bias"])
        weights = tuple(float(data["weights"][name]) for name in FEATURES)
        threshold = float(data["threshold"]["default"])
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as e:
        raise EventDataError(f"data/events/confidence.toml: {e!r}") from e
    if not 0.0 < threshold < 1.0:
        raise EventDataError("data/events/confidence.toml: the threshold must be in (0, 1)")
    return _Model(bias, weights, threshold)


def raw_score(event: Event, evidence: Evidence) -> float:
    """The model's log-odds that the event is right."""
    model = _model()
    row = features(event, evidence)
    return model.bias + sum(w * x for w, x in zip(model.weights, row, strict=True))


def confidence(event: Event, evidence: Evidence) -> float:
    """The probability that the event is right, rounded to two places."""
    return round(1.0 / (1.0 + math.exp(-raw_score(event, evidence))), 2)


def default_threshold() -> float:
    """The minimum confidence a ledger shows by default."""
    return _model().threshold
