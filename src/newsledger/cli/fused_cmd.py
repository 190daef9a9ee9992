"""`newsledger fused ID`: one event as every article reports it, and where they disagree."""

from __future__ import annotations

import click

from newsledger.cli import render
from newsledger.cli.ledger_cmd import _ledger
from newsledger.cli.options import db_option
from newsledger.cli.terminal import inline
from newsledger.pipeline import fused_event


@click.command()
@click.argument("fused_id", type=click.IntRange(min=1))
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def fused(fused_id: int, fmt: str, db: str | None) -> None:
    """The event FUSED_ID (an event's fused_event_id) from every article that reports it:
    outlet, attribution, modality, confidence and the sentence that tells it, then where the
    reports disagree (how it happened, denials, different counts).

    \b
    Example:
      newsledger events --format json | jq '.rows[0].fused_event_id'
      newsledger fused 12
    """
    with _ledger(db) as ledger:
        view = fused_event(ledger, fused_id)
    if view is None:
        raise click.ClickException(f"no fused event {fused_id}; event lists show fused_event_id")
    if fmt == "json":
        render.echo_json(view.to_dict())
        return
    e = view.event
    who = e.actor or "unknown actor"
    if e.target:
        who += f" -> {e.target}"
    click.echo(inline(f"{e.type} {who}, {e.date or 'undated'}"))
    click.echo(
        f"reported by {e.article_count} article(s), {e.outlet_count} outlet(s)"
        + (f": {inline(', '.join(e.outlets))}" if e.outlets else "")
    )
    for r in e.reports:
        ev = r.event
        flags = [ev.modality]
        if ev.confidence is not None:
            flags.append(f"confidence {ev.confidence:.2f}")
        if not ev.is_evidence:
            flags.append("near-duplicate")
        via = render.chain(ev.sources) or "narrator"
        click.echo(
            f"\n  {inline(ev.outlet or 'unknown outlet')} ({ev.published or 'undated'}), "
            f"via {inline(via)}"
        )
        click.echo(f"    [{', '.join(flags)}] {inline(render.clip(r.evidence, 200))}")
    click.echo("")
    if not view.contradictions:
        click.echo("the reports agree on how it happened and on the numbers they give")
    for c in view.contradictions:
        click.echo(f"disagreement ({c.kind}): {inline(c.detail)}")
