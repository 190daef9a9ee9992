"""Score article records against gold files in the evaluation format of ``OUTPUT.md``.

Gold files use text, not offsets. Matching rules (one-to-one, greedy, best pair first):

- entities: a predicted entity matches a gold one when its name or an alias equals the gold
  name or an alias (case, a leading "the", a possessive 's and curly apostrophes ignored);
  ``entities.typed`` also requires the same type.
- times: the texts overlap (one contains the other, or they share a content token);
  ``times.value`` also requires the same TIMEX3 value.
- quotes and claims: token F1 of the texts >= 0.5; ``quotes.speaker`` also requires the
  speaker to match (through the gold entities' aliases); ``claims.source`` requires the
  innermost source (the one who says it) to match; ``claims.chain`` the whole chain.
- events: same type and same actor (through aliases; both null counts as the same);
  ``events.modality`` and ``events.date`` also require those to agree.
- metadata: headline, outlet, dateline place, dateline date, published; each gold field that is
  not null is one item; ``boilerplate`` strings that remain in the text count as misses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

_TOKEN = re.compile(r"\w+", re.UNICODE)
_STOP = frozenset(
    "a an the of in on at to for and or by with from as is was were be been this that these those "
    "its his her their it he she they".split()
)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


PARTS = (
    "metadata",
    "entities",
    "entities.typed",
    "times",
    "times.value",
    "quotes",
    "quotes.speaker",
    "claims",
    "claims.source",
    "claims.chain",
    "claims.polarity",
    "events",
    "events.modality",
    "events.date",
)


@dataclass(slots=True)
class DocScore:
    doc: str
    parts: dict[str, Counts] = field(default_factory=lambda: {p: Counts() for p in PARTS})
    errors: list[str] = field(default_factory=list)  # readable notes on misses, for --verbose


@dataclass(slots=True)
class Report:
    docs: list[DocScore]
    missing_predictions: list[str]
    unmatched_predictions: list[str]

    def totals(self) -> dict[str, Counts]:
        total = {p: Counts() for p in PARTS}
        for doc in self.docs:
            for part, counts in doc.parts.items():
                total[part].add(counts)
        return total


# ---------------------------------------------------------------------------------------------
# normalisation and similarity


def normalize_name(name: str | None) -> str:
    if not name:
        return ""
    key = name.strip().replace("\u2019", "'").replace("\u2018", "'").lower()
    key = re.sub(r"'s$|'$", "", key)
    key = re.sub(r"^(the)\s+", "", key)
    return re.sub(r"\s+", " ", key).strip(" .,")


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace("\u2019", "'"))]


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common: dict[str, int] = {}
    for t in ta:
        common[t] = common.get(t, 0) + 1
    overlap = 0
    for t in tb:
        if common.get(t, 0) > 0:
            overlap += 1
            common[t] -= 1
    if not overlap:
        return 0.0
    p, r = overlap / len(ta), overlap / len(tb)
    return 2 * p * r / (p + r)


def texts_overlap(a: str, b: str) -> bool:
    la, lb = a.lower(), b.lower()
    if la in lb or lb in la:
        return True
    sa = {t for t in tokens(a) if t not in _STOP}
    sb = {t for t in tokens(b) if t not in _STOP}
    return bool(sa & sb)


class NameResolver:
    """Maps names and aliases to the gold entity's canonical name."""

    def __init__(self, gold_entities: Iterable[dict[str, Any]]) -> None:
        self._canon: dict[str, str] = {}
        for entity in gold_entities:
            name = entity.get("name", "")
            for alias in [name, *entity.get("aliases", [])]:
                self._canon.setdefault(normalize_name(alias), normalize_name(name))

    def canonical(self, name: str | None) -> str:
        key = normalize_name(name)
        return self._canon.get(key, key)

    def same(self, a: str | None, b: str | None) -> bool:
        if not a and not b:
            return True
        if not a or not b:
            return False
        ca, cb = self.canonical(a), self.canonical(b)
        if ca == cb:
            return True
        # unnamed sources ("military analysts", "our correspondent in Seoul") are phrases
        return token_f1(ca, cb) >= 0.5 and not (
            ca in self._canon.values() and cb in self._canon.values()
        )


def _greedy_match(
    gold: Sequence[Any], pred: Sequence[Any], score: Callable[[Any, Any], float], threshold: float
) -> list[tuple[int, int]]:
    pairs = []
    for gi, gold_item in enumerate(gold):
        for pi, pred_item in enumerate(pred):
            s = score(gold_item, pred_item)
            if s >= threshold:
                pairs.append((s, -gi, -pi, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _, _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gi, pi))
    return matched


def _note_unmatched(
    out: DocScore,
    matched: list[tuple[int, int]],
    items: Sequence[dict[str, Any]],
    side: int,
    describe: Callable[[dict[str, Any]], str],
) -> None:
    """Record a readable note for each gold (side 0) or predicted (side 1) item left unmatched."""
    paired = {pair[side] for pair in matched}
    out.errors.extend(describe(item) for i, item in enumerate(items) if i not in paired)


def _count(matched: int, n_gold: int, n_pred: int) -> Counts:
    return Counts(tp=matched, fp=n_pred - matched, fn=n_gold - matched)


# ---------------------------------------------------------------------------------------------
# parts


def score_document(gold: dict[str, Any], pred: dict[str, Any]) -> DocScore:
    result = DocScore(doc=gold.get("doc", "?"))
    names = NameResolver(gold.get("entities", []))
    _score_metadata(gold, pred, result)
    if "entities" in gold:
        _score_entities(gold["entities"], pred.get("entities", []), result)
    if "times" in gold:
        _score_times(gold["times"], pred.get("times", []), result)
    if "quotes" in gold:
        _score_quotes(gold["quotes"], pred.get("quotes", []), names, result)
    if "claims" in gold:
        _score_claims(gold["claims"], pred.get("claims", []), names, result)
    if "events" in gold:
        _score_events(gold["events"], pred.get("events", []), names, result)
    return result


def _score_metadata(gold: dict[str, Any], pred: dict[str, Any], out: DocScore) -> None:
    counts = out.parts["metadata"]
    pred_dateline = pred.get("dateline") or {}
    gold_dateline = gold.get("dateline") or {}
    fields = [
        ("headline", gold.get("headline"), pred.get("headline"), _same_text),
        ("outlet", gold.get("outlet"), (pred.get("source") or {}).get("outlet"), _same_name),
        ("dateline.place", gold_dateline.get("place"), pred_dateline.get("place"), _same_name),
        ("dateline.date", gold_dateline.get("date"), pred_dateline.get("date"), _same_value),
        ("published", gold.get("published"), pred.get("published"), _same_value),
    ]
    for name, want, got, same in fields:
        if name.split(".")[0] not in gold:
            continue
        if want is None:
            if got is not None:
                counts.fp += 1
                out.errors.append(f"metadata {name}: predicted {got!r}, gold has none")
            continue
        if got is not None and same(want, got):
            counts.tp += 1
        else:
            counts.fn += 1
            if got is not None:
                counts.fp += 1
            out.errors.append(f"metadata {name}: predicted {got!r}, gold {want!r}")
    text = pred.get("text") or ""
    for residue in gold.get("boilerplate", []):
        if residue in text:
            counts.fn += 1
            out.errors.append(f"boilerplate left in text: {residue!r}")
        else:
            counts.tp += 1


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).lower() == " ".join(b.split()).lower()


def _same_name(a: str, b: str) -> bool:
    return normalize_name(a) == normalize_name(b)


def _same_value(a: str, b: str) -> bool:
    return a == b


def _entity_keys(entity: dict[str, Any]) -> set[str]:
    return {normalize_name(n) for n in [entity.get("name", ""), *entity.get("aliases", [])] if n}


def _score_entities(gold: list[dict[str, Any]], pred: list[dict[str, Any]], out: DocScore) -> None:
    gold_keys = [_entity_keys(g) for g in gold]
    pred_keys = [_entity_keys(p) for p in pred]

    def by_name(gi: int, pi: int) -> float:
        shared = gold_keys[gi] & pred_keys[pi]
        if not shared:
            return 0.0
        bonus = 0.5 if normalize_name(gold[gi]["name"]) == normalize_name(pred[pi]["name"]) else 0.0
        return 1.0 + bonus + (0.25 if gold[gi].get("type") == pred[pi].get("type") else 0.0)

    idx_g, idx_p = list(range(len(gold))), list(range(len(pred)))
    matched = _greedy_match(idx_g, idx_p, by_name, 1.0)
    out.parts["entities"].add(_count(len(matched), len(gold), len(pred)))
    typed = [(g, p) for g, p in matched if gold[g].get("type") == pred[p].get("type")]
    out.parts["entities.typed"].add(_count(len(typed), len(gold), len(pred)))
    _note_unmatched(
        out,
        matched,
        gold,
        0,
        lambda item: f"entity missed: {item.get('name')} ({item.get('type')})",
    )
    for g, p in matched:
        if gold[g].get("type") != pred[p].get("type"):
            out.errors.append(
                f"entity type: {gold[g]['name']} gold {gold[g].get('type')} predicted {pred[p].get('type')}"
            )
    _note_unmatched(
        out,
        matched,
        pred,
        1,
        lambda item: f"entity spurious: {item.get('name')} ({item.get('type')})",
    )


def _score_times(gold: list[dict[str, Any]], pred: list[dict[str, Any]], out: DocScore) -> None:
    def score(g: dict[str, Any], p: dict[str, Any]) -> float:
        if not texts_overlap(g["text"], p["text"]):
            return 0.0
        exact = 1.0 if g["text"].lower() == p["text"].lower() else 0.0
        return 1.0 + exact + (0.5 if g.get("value") == p.get("value") else 0.0)

    matched = _greedy_match(gold, pred, score, 1.0)
    out.parts["times"].add(_count(len(matched), len(gold), len(pred)))
    valued = [(g, p) for g, p in matched if gold[g].get("value") == pred[p].get("value")]
    out.parts["times.value"].add(_count(len(valued), len(gold), len(pred)))
    _note_unmatched(
        out, matched, gold, 0, lambda item: f"time missed: {item['text']!r} = {item.get('value')}"
    )
    for g, p in matched:
        if gold[g].get("value") != pred[p].get("value"):
            out.errors.append(
                f"time value: {gold[g]['text']!r} gold {gold[g].get('value')} predicted {pred[p].get('value')}"
            )
    _note_unmatched(
        out, matched, pred, 1, lambda item: f"time spurious: {item['text']!r} = {item.get('value')}"
    )


def _score_quotes(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], names: NameResolver, out: DocScore
) -> None:
    matched = _greedy_match(gold, pred, lambda g, p: token_f1(g["text"], p["text"]), 0.5)
    out.parts["quotes"].add(_count(len(matched), len(gold), len(pred)))
    right = [
        (g, p) for g, p in matched if names.same(gold[g].get("speaker"), pred[p].get("speaker"))
    ]
    out.parts["quotes.speaker"].add(_count(len(right), len(gold), len(pred)))
    _note_unmatched(
        out,
        matched,
        gold,
        0,
        lambda item: f"quote missed: {item['text'][:60]!r} ({item.get('speaker')})",
    )
    for g, p in matched:
        if (g, p) not in right:
            out.errors.append(
                f"quote speaker: {gold[g]['text'][:40]!r} gold {gold[g].get('speaker')} predicted {pred[p].get('speaker')}"
            )


def _source_names(claim: dict[str, Any]) -> list[str]:
    names = []
    for source in claim.get("sources", []):
        names.append(source["name"] if isinstance(source, dict) else str(source))
    return names


def _score_claims(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], names: NameResolver, out: DocScore
) -> None:
    matched = _greedy_match(gold, pred, lambda g, p: token_f1(g["text"], p["text"]), 0.5)
    out.parts["claims"].add(_count(len(matched), len(gold), len(pred)))
    sourced, chained, polar = [], [], []
    for g, p in matched:
        gs, ps = _source_names(gold[g]), _source_names(pred[p])
        if gs and ps and names.same(gs[-1], ps[-1]) or (not gs and not ps):
            sourced.append((g, p))
        else:
            out.errors.append(f"claim source: {gold[g]['text'][:40]!r} gold {gs} predicted {ps}")
        if len(gs) == len(ps) and all(names.same(a, b) for a, b in zip(gs, ps, strict=True)):
            chained.append((g, p))
        if gold[g].get("polarity", "positive") == pred[p].get("polarity", "positive") and bool(
            gold[g].get("hedged", False)
        ) == bool(pred[p].get("hedged", False)):
            polar.append((g, p))
    out.parts["claims.source"].add(_count(len(sourced), len(gold), len(pred)))
    out.parts["claims.chain"].add(_count(len(chained), len(gold), len(pred)))
    out.parts["claims.polarity"].add(_count(len(polar), len(gold), len(pred)))
    _note_unmatched(
        out,
        matched,
        gold,
        0,
        lambda item: f"claim missed: {item['text'][:60]!r} {_source_names(item)}",
    )


def _event_date(event: dict[str, Any]) -> str | None:
    if "date" in event:
        return event.get("date")
    time = event.get("time") or {}
    return time.get("value") if isinstance(time, dict) else None


def _score_events(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], names: NameResolver, out: DocScore
) -> None:
    def score(g: dict[str, Any], p: dict[str, Any]) -> float:
        if g.get("type") != p.get("type") or not names.same(g.get("actor"), p.get("actor")):
            return 0.0
        s = 1.0
        s += 0.3 if g.get("modality") == p.get("modality") else 0.0
        s += 0.2 if _event_date(g) == _event_date(p) else 0.0
        if g.get("object") and p.get("object"):
            s += 0.2 * token_f1(g["object"], p["object"])
        if names.same(g.get("target"), p.get("target")):
            s += 0.1
        return s

    matched = _greedy_match(gold, pred, score, 1.0)
    out.parts["events"].add(_count(len(matched), len(gold), len(pred)))
    modal = [(g, p) for g, p in matched if gold[g].get("modality") == pred[p].get("modality")]
    out.parts["events.modality"].add(_count(len(modal), len(gold), len(pred)))
    dated = [(g, p) for g, p in matched if _event_date(gold[g]) == _event_date(pred[p])]
    out.parts["events.date"].add(_count(len(dated), len(gold), len(pred)))
    _note_unmatched(
        out,
        matched,
        gold,
        0,
        lambda item: (
            f"event missed: {item.get('type')} actor={item.get('actor')} object={item.get('object')}"
        ),
    )
    for g, p in matched:
        if gold[g].get("modality") != pred[p].get("modality"):
            out.errors.append(
                f"event modality: {gold[g]['type']} {gold[g].get('actor')} gold {gold[g].get('modality')} "
                f"predicted {pred[p].get('modality')}"
            )
    _note_unmatched(
        out,
        matched,
        pred,
        1,
        lambda item: (
            f"event spurious: {item.get('type')} actor={item.get('actor')} trigger={item.get('trigger')!r}"
        ),
    )


# ---------------------------------------------------------------------------------------------
# corpus


def doc_name(prediction: dict[str, Any]) -> str | None:
    uri = (prediction.get("source") or {}).get("uri")
    if not uri:
        return None
    return re.split(r"[\\/]", uri.rstrip("/\\"))[-1]


def score_corpus(golds: Sequence[dict[str, Any]], predictions: Iterable[dict[str, Any]]) -> Report:
    by_doc: dict[str, dict[str, Any]] = {}
    unmatched: list[str] = []
    gold_docs = {g["doc"] for g in golds}
    for prediction in predictions:
        name = doc_name(prediction)
        if name is not None and name in gold_docs and name not in by_doc:
            by_doc[name] = prediction
        else:
            unmatched.append(name or "<no source.uri>")
    docs: list[DocScore] = []
    missing: list[str] = []
    for gold in golds:
        if gold["doc"] not in by_doc:
            missing.append(gold["doc"])
        docs.append(score_document(gold, by_doc.get(gold["doc"], {})))
    return Report(docs=docs, missing_predictions=missing, unmatched_predictions=unmatched)
