"""Fit the event-confidence model on pooled gold sets and test it on sets it was not fitted on.

    python benchmarks/events_confidence_fit.py GOLD_DIR[:DOCS_DIR] ... [--write]

Every gold set runs through the extractor; each predicted event becomes one row of evidence
features (those ``newsledger.extract.events_confidence.features`` reads: named or missing actor,
verb trigger, bare trigger word, repeated mention, modality, attribution, date, background
clause, and the event type) and one label: whether it matches a gold event the way
``newsledger eval`` matches them (type and actor). A logistic regression with an L2 penalty
maps the features to the probability that the event is right.

Printed: for each set, the model fitted on the *other* sets scored on it (leave one set out):
events kept and their precision at thresholds 0.5 to 0.9, and the log-loss against a constant
model; then the model fitted on all sets. ``--write`` stores that model's weights and the
threshold (the lowest whose held-out pooled precision reaches 0.85) in
``src/newsledger/extract/data/events/confidence.toml``.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.evaluation.gold import load_gold, predict
from newsledger.evaluation.scoring import NameResolver, _greedy_match
from newsledger.extract.events_confidence import FEATURES, features

REPO = Path(__file__).resolve().parents[1]
TOML = REPO / "src/newsledger/extract/data/events/confidence.toml"
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.775, 0.8, 0.825, 0.85, 0.875, 0.9)
L2 = 5.0  # the penalty chosen by the held-out log-loss (--l2 to try others)


def _rows(gold_dir: Path, docs_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and right/wrong labels of every event predicted on one gold set."""
    from newsledger.extract import events as events_stage

    seen: list[list[float]] = []

    def record(event: Any, evidence: Any) -> float:
        seen.append(features(event, evidence))
        return float(len(seen) - 1)  # the row number travels in the confidence field

    original = events_stage.confidence
    events_stage.confidence = record  # type: ignore[assignment]
    try:
        golds = load_gold(gold_dir)
        preds = predict(golds, [gold_dir, docs_dir])
    finally:
        events_stage.confidence = original  # type: ignore[assignment]
    xs, ys = [], []
    for gold, pred in zip(golds, preds, strict=True):
        names = NameResolver(gold.get("entities", []))
        gold_events, pred_events = gold.get("events", []), pred.get("events", [])

        def same(g: dict[str, Any], p: dict[str, Any], names: NameResolver = names) -> float:
            right = g.get("type") == p.get("type") and names.same(g.get("actor"), p.get("actor"))
            return 1.0 if right else 0.0

        matched = {p for _, p in _greedy_match(gold_events, pred_events, same, 1.0)}
        for i, event in enumerate(pred_events):
            xs.append(seen[int(event["confidence"])])
            ys.append(1.0 if i in matched else 0.0)
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def _fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights (bias first) of an L2-penalised logistic regression, by Newton's method."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0  # the bias is not penalised
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        grad = design.T @ (p - y) + penalty @ w
        hess = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def _prob(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def _log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def _kept(p: np.ndarray, y: np.ndarray, t: float) -> str:
    keep = p >= t
    n = int(keep.sum())
    return f"{n} / {int(y[keep].sum())} right" if n else "0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", help="GOLD_DIR or GOLD_DIR:DOCS_DIR")
    parser.add_argument("--write", action="store_true", help="store the pooled model")
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty on the weights")
    parser.add_argument(
        "--threshold",
        type=float,
        help="store this default threshold instead of the automatic choice (say why in "
        "BENCHMARKS.md)",
    )
    args = parser.parse_args(argv)
    data = {}
    for spec in args.sets:
        gold, _, docs = spec.partition(":")
        data[gold] = _rows(Path(gold), Path(docs or gold))
        x, y = data[gold]
        print(f"{gold}: {len(y)} predicted events, {int(y.sum())} right ({y.mean():.3f})")
    print("\nleave one set out (fitted on the others, scored on this one):")
    print(
        "| set | log-loss (model / constant) | " + " | ".join(f">= {t}" for t in THRESHOLDS) + " |"
    )
    print("|---|---|" + "---|" * len(THRESHOLDS))
    pooled_p, pooled_y = [], []
    for held in data:
        xs = np.vstack([data[k][0] for k in data if k != held])
        ys = np.concatenate([data[k][1] for k in data if k != held])
        w = _fit(xs, ys, args.l2)
        x, y = data[held]
        p = _prob(w, x)
        const = np.full_like(y, ys.mean())
        pooled_p.append(p)
        pooled_y.append(y)
        cells = " | ".join(_kept(p, y, t) for t in THRESHOLDS)
        print(f"| {held} | {_log_loss(p, y):.3f} / {_log_loss(const, y):.3f} | {cells} |")
    p_all, y_all = np.concatenate(pooled_p), np.concatenate(pooled_y)
    cells = " | ".join(_kept(p_all, y_all, t) for t in THRESHOLDS)
    print(f"| all, held out | {_log_loss(p_all, y_all):.3f} / - | {cells} |")
    threshold = next(
        (t for t in THRESHOLDS if (p_all >= t).sum() and y_all[p_all >= t].mean() >= 0.85),
        THRESHOLDS[-1],
    )
    x_all = np.vstack([d[0] for d in data.values()])
    y_fit = np.concatenate([d[1] for d in data.values()])
    w = _fit(x_all, y_fit, args.l2)
    print(f"\npooled model ({len(y_fit)} events): bias {w[0]:+.3f}")
    for name, weight in zip(FEATURES, w[1:], strict=True):
        print(f"  {name:28s} {weight:+.3f}")
    print(f"lowest threshold with held-out pooled precision >= 0.85: {threshold}")
    if args.threshold is not None:
        print(f"threshold stored as given: {args.threshold}")
        threshold = args.threshold
    if args.write:
        _write(w, threshold, [str(k) for k in data], len(y_fit))
        print(f"written: {TOML.relative_to(REPO)}")
    return 0


def _write(w: np.ndarray, threshold: float, sets: list[str], n: int) -> None:
    tomllib.loads(TOML.read_text(encoding="utf-8"))  # the old file must at least parse
    lines = [
        "# Event confidence (issue 11): a logistic model of whether an extracted event is right.",
        "#",
        "# confidence = 1 / (1 + exp(-(bias + the weights of the features the event has)));",
        "# features are read by ``events_confidence.features``. Written by",
        f"# `python benchmarks/events_confidence_fit.py ... --write` from {n} predicted events",
        "# of these gold sets (a match = type and actor, as `newsledger eval` scores):",
        *(f"#   {s}" for s in sets),
        "# Held-out figures (each set scored by a model fitted on the others) are in",
        "# BENCHMARKS.md.",
        "",
        "[model]",
        f"bias = {w[0]:.4f}",
        "",
        "[weights]",
        *(f"{name} = {weight:.4f}" for name, weight in zip(FEATURES, w[1:], strict=True)),
        "",
        "[threshold]",
        'note = "the default minimum confidence: the lowest whose events, scored by models '
        'fitted on the other sets, were right at least 0.85 of the time"',
        f"default = {threshold}",
        "",
    ]
    TOML.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
