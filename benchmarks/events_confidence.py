"""Event confidence: precision by confidence on a gold set, and at the default threshold.

    python benchmarks/events_confidence.py [GOLD_DIR ...] [--docs DIR ...] [--aggregate-only]

GOLD_DIR defaults to ``../shared/data/realnews/dev``. For every confidence value
(``newsledger.extract.events_confidence``, a logistic model) it prints how many predicted
events have it and how many of them match a gold event (type and actor, as ``newsledger eval``
scores), then events precision / recall / F1 and event-date F1 for all events and for those at
or above the default threshold. ``--aggregate-only`` prints only the totals (for a blind set:
no per-value or per-document figures). ``--raw`` bins by the model's log-odds instead. The
model itself is fitted by ``benchmarks/events_confidence_fit.py``.
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsledger.evaluation.gold import load_gold, predict
from newsledger.evaluation.scoring import Counts, score_document
from newsledger.extract.events_confidence import default_threshold

REPO = Path(__file__).resolve().parents[1]


def _keep(pred: dict[str, Any], test: Any) -> dict[str, Any]:
    out = copy.copy(pred)
    out["events"] = [e for e in pred.get("events", []) if test(e)]
    return out


def _score(
    golds: list[dict[str, Any]], preds: list[dict[str, Any]], test: Any
) -> dict[str, Counts]:
    total = {"events": Counts(), "events.date": Counts()}
    for gold, pred in zip(golds, preds, strict=True):
        parts = score_document(gold, _keep(pred, test)).parts
        for name in total:
            total[name].add(parts[name])
    return total


def _line(label: str, counts: dict[str, Counts]) -> str:
    ev, dt = counts["events"], counts["events.date"]
    return (
        f"| {label} | {ev.tp + ev.fp} | {ev.precision:.3f} | {ev.recall:.3f} | {ev.f1:.3f} "
        f"| {dt.f1:.3f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "gold",
        nargs="*",
        default=[str(REPO.parent / "shared/data/realnews/dev")],
        help="gold folders (several are pooled)",
    )
    parser.add_argument(
        "--docs", action="append", default=[], help="where the documents are (repeatable)"
    )
    parser.add_argument("--aggregate-only", action="store_true")
    parser.add_argument("--raw", action="store_true", help="bin by raw evidence score")
    args = parser.parse_args(argv)
    folders = [Path(g) for g in args.gold]
    if args.raw:
        # report the uncalibrated evidence score in place of the confidence (this process only)
        from newsledger.extract import events as events_stage
        from newsledger.extract.events_confidence import raw_score

        events_stage.confidence = raw_score  # type: ignore[assignment]
    golds = [gold for folder in folders for gold in load_gold(folder)]
    preds = predict(golds, [*folders, *(Path(d) for d in args.docs)])
    threshold = default_threshold()
    shown = ", ".join(str(f) for f in folders)
    print(f"gold: {shown} ({len(golds)} documents); default threshold {threshold}")
    print("| events kept | predicted | P | R | F1 | date F1 |\n|---|---|---|---|---|---|")
    print(_line("all", _score(golds, preds, lambda e: True)))
    print(
        _line(
            f"confidence >= {threshold}",
            _score(golds, preds, lambda e: (e.get("confidence") or 0) >= threshold),
        )
    )
    if args.aggregate_only:
        return 0
    values: dict[float, int] = defaultdict(int)
    for pred in preds:
        for event in pred.get("events", []):
            values[event.get("confidence") or 0.0] += 1
    print("\n| confidence | events | right | observed precision |\n|---|---|---|---|")
    for value in sorted(values):
        counts = _score(golds, preds, lambda e, v=value: (e.get("confidence") or 0.0) == v)
        ev = counts["events"]
        print(f"| {value:.2f} | {ev.tp + ev.fp} | {ev.tp} | {ev.precision:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
