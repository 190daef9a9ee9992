"""`newsledger eval`: precision, recall and F1 per part against gold files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsledger.errors import NewsLedgerError
from newsledger.evaluation.gold import load_gold, load_predictions, predict
from newsledger.evaluation.scoring import PARTS, score_corpus


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("predictions", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--docs",
    "docs_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Where the gold documents' texts are, when PREDICTIONS is not given (default: beside the gold files).",
)
@click.option(
    "--save",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the predictions made for the gold documents to this JSON Lines file.",
)
@click.option("--model", help="spaCy pipeline to use when making predictions.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--per-doc", is_flag=True, help="Also print scores per document.")
@click.option("-v", "--verbose", is_flag=True, help="List every miss and spurious item.")
def eval_command(
    gold: Path,
    predictions: Path | None,
    docs_dirs: tuple[Path, ...],
    save: Path | None,
    model: str | None,
    as_json: bool,
    per_doc: bool,
    verbose: bool,
) -> None:
    """Score PREDICTIONS (article records, JSON Lines) against GOLD (a *.gold.json file or a folder).

    Without PREDICTIONS, the extractor runs on each gold file's document (found beside the
    gold file or under --docs) with the gold file's reference date.

    \b
    Example:
      newsledger eval ../shared/data/reuters21578/dev
      newsledger eval ../shared/spec/examples --docs ../shared/seed
      newsledger extract a.txt --format jsonl > pred.jsonl && newsledger eval gold/ pred.jsonl
    """
    try:
        golds = load_gold(gold)
        if predictions is not None:
            preds = list(load_predictions(predictions))
        else:
            preds = predict(golds, list(docs_dirs), model=model)
            if save:
                save.write_text(
                    "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds),
                    encoding="utf-8",
                )
    except NewsLedgerError as e:
        raise click.ClickException(str(e)) from e
    report = score_corpus(golds, preds)
    totals = report.totals()
    if as_json:
        out = {
            "documents": len(report.docs),
            "missing_predictions": report.missing_predictions,
            "totals": {p: totals[p].as_dict() for p in PARTS},
        }
        if per_doc:
            out["per_doc"] = {
                d.doc: {p: c.as_dict() for p, c in d.parts.items()} for d in report.docs
            }
        click.echo(json.dumps(out, indent=2))
        return
    click.echo(f"{len(report.docs)} gold document(s), {len(preds)} prediction(s)")
    if report.missing_predictions:
        click.echo(f"no prediction for: {', '.join(report.missing_predictions)}")
    click.echo(f"{'part':<17}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for part in PARTS:
        c = totals[part]
        if c.tp + c.fp + c.fn == 0:
            continue
        click.echo(
            f"{part:<17}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
        )
    if per_doc:
        for doc in report.docs:
            summary = "  ".join(
                f"{p}={doc.parts[p].f1:.2f}"
                for p in ("metadata", "entities", "times", "quotes", "claims", "events")
            )
            click.echo(f"{doc.doc:<28} {summary}")
    if verbose:
        for doc in report.docs:
            for error in doc.errors:
                click.echo(f"{doc.doc}: {error}")
