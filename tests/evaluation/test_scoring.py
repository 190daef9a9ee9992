from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.evaluation.scoring import score_corpus, score_document, token_f1

GOLD_DIR = Path(__file__).parent / "gold"


def _gold() -> dict:
    return json.loads((GOLD_DIR / "border.gold.json").read_text())


def _perfect_prediction() -> dict:
    return {
        "source": {"uri": "/data/border.txt", "format": "text", "outlet": "Reuters"},
        "headline": "Ruritania denies moving artillery to the border",
        "dateline": {
            "text": "STRELSAU, May 14 (Reuters) -",
            "place": "Strelsau",
            "date": "2024-05-14",
        },
        "published": "2024-05-14",
        "text": "Ruritania on Tuesday denied ...",
        "entities": [
            {
                "id": "e1",
                "name": "Ruritania",
                "type": "GPE",
                "aliases": ["Ruritanian"],
                "mentions": [],
            },
            {
                "id": "e2",
                "name": "Rudolf Rassendyll",
                "type": "PERSON",
                "aliases": ["Rassendyll"],
                "mentions": [],
            },
            {
                "id": "e3",
                "name": "howitzer",
                "type": "WEAPON",
                "aliases": ["howitzers"],
                "mentions": [],
            },
        ],
        "times": [
            {"text": "on Tuesday", "span": [0, 1], "type": "DATE", "value": "2024-05-14"},
            {"text": "last week", "span": [0, 1], "type": "DATE", "value": "2024-W19"},
        ],
        "quotes": [
            {"text": "Not a single gun has moved,", "span": [0, 1], "speaker": "Rassendyll"}
        ],
        "claims": [
            {
                "text": "it moved howitzers to the border last week",
                "span": [0, 1],
                "sources": [{"name": "Strelsau"}],
                "polarity": "negative",
                "hedged": False,
            },
            {
                "text": "the guns were visible from the river",
                "span": [0, 1],
                "sources": [{"name": "residents"}],
                "polarity": "positive",
                "hedged": True,
            },
        ],
        "events": [
            {
                "type": "DENY",
                "actor": "Ruritanian",
                "modality": "actual",
                "time": {"value": "2024-05-14"},
            },
            {
                "type": "DEPLOYMENT",
                "actor": "Ruritania",
                "object": "howitzers",
                "modality": "hypothetical",
                "time": {"value": "2024-W19"},
            },
        ],
    }


def test_scoring_perfect_prediction_scores_one_everywhere():
    score = score_document(_gold(), _perfect_prediction())
    for part, counts in score.parts.items():
        assert counts.fp == 0 and counts.fn == 0, (part, counts, score.errors)


def test_scoring_counts_misses_and_spurious_items():
    pred = _perfect_prediction()
    pred["text"] = "Share this article"
    pred["dateline"]["place"] = "Zenda"
    pred["entities"].append(
        {"id": "e4", "name": "Zenda", "type": "GPE", "aliases": [], "mentions": []}
    )
    pred["quotes"][0]["speaker"] = None
    pred["claims"].pop()
    pred["events"][1]["modality"] = "actual"
    pred["times"][1]["value"] = "2024-W20"
    score = score_document(_gold(), pred)
    assert score.parts["metadata"].fn == 2  # wrong place and boilerplate left in
    assert score.parts["entities"].fp == 1
    assert score.parts["quotes"].tp == 1 and score.parts["quotes.speaker"].tp == 0
    assert score.parts["claims"].fn == 1
    assert score.parts["events"].tp == 2 and score.parts["events.modality"].tp == 1
    assert score.parts["times"].tp == 2 and score.parts["times.value"].tp == 1


def test_scoring_event_actor_must_match_through_aliases():
    pred = _perfect_prediction()
    pred["events"][0]["actor"] = "Rudolf Rassendyll"
    score = score_document(_gold(), pred)
    assert score.parts["events"].tp == 1 and score.parts["events"].fn == 1


def test_scoring_token_f1():
    assert token_f1("a b c d", "a b c d") == 1.0
    assert token_f1("one two", "three four") == 0.0
    assert 0.5 < token_f1("the guns were visible", "guns were visible from the river") < 1.0


def test_scoring_corpus_reports_missing_predictions():
    report = score_corpus([_gold()], [])
    assert report.missing_predictions == ["border.txt"]
    assert report.totals()["entities"].fn == 3


def test_eval_cli_prints_parts(tmp_path):
    preds = tmp_path / "pred.jsonl"
    preds.write_text(json.dumps(_perfect_prediction()) + "\n")
    result = CliRunner().invoke(cli, ["eval", str(GOLD_DIR), str(preds)])
    assert result.exit_code == 0, result.output
    assert "entities" in result.output and "1.000" in result.output
    result = CliRunner().invoke(cli, ["eval", str(GOLD_DIR), str(preds), "--json"])
    assert json.loads(result.output)["totals"]["events"]["f1"] == 1.0


def test_eval_cli_rejects_bad_predictions_file(tmp_path):
    preds = tmp_path / "pred.jsonl"
    preds.write_text("{not json\n")
    result = CliRunner().invoke(cli, ["eval", str(GOLD_DIR), str(preds)])
    assert result.exit_code != 0
    assert "pred.jsonl:1" in result.output
