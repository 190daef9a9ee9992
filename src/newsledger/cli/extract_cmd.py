"""`newsledger extract`: article files -> article records on standard output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from newsledger.cli.options import parse_date
from newsledger.cli.pretty import pretty_record
from newsledger.cli.terminal import inline
from newsledger.errors import NewsLedgerError
from newsledger.pipeline import (
    ExtractOptions,
    IngestFailure,
    extract_pairs,
    plover_records,
    read_text_paths,
)
from newsledger.records import ArticleRecord, RawArticle
from newsledger.settings import load_settings


def render(record: ArticleRecord, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(record.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return json.dumps(record.to_dict(), ensure_ascii=False)
    if fmt == "plover":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in plover_records(record))
    return pretty_record(record)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "pretty", "plover"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--reference-date",
    callback=parse_date,
    help="Document creation date (YYYY-MM-DD) when the text gives no year.",
)
@click.option(
    "--model", help="spaCy pipeline to load (default: en_core_web_sm, else the re-upload)."
)
def extract(
    paths: tuple[str, ...], fmt: str, reference_date: date | None, model: str | None
) -> None:
    """Extract an article record from each PATH (a file, a directory of *.txt, or - for stdin).

    \b
    Example:
      newsledger extract article.txt --format json
      cat article.txt | newsledger extract - --reference-date 2025-12-27
    """
    settings = load_settings(model=model)
    failures: list[tuple[str, str]] = []
    count = 0

    def readable() -> Iterator[RawArticle]:
        for item in read_text_paths(paths, max_bytes=settings.max_input_bytes):
            if isinstance(item, IngestFailure):
                failures.append((item.source, item.reason))
            else:
                yield item

    try:
        options = ExtractOptions.from_settings(settings, reference_date=reference_date)
        results = (result for _raw, result in extract_pairs(readable(), options))
        first = True
        # one file as JSON prints one object; anything that may hold several prints an array
        single = fmt == "json" and len(paths) == 1 and Path(paths[0]).is_file()
        if fmt == "json" and not single:
            click.echo("[")
        for result in results:
            if not isinstance(result, ArticleRecord):
                failures.append((result.uri or "<input>", result.reason))
                continue
            text = render(result, fmt)
            if fmt == "json" and not single:
                text = ("" if first else ",\n") + text
                click.echo(text, nl=False)
            elif text:
                click.echo(text)
            first = False
            count += 1
        if fmt == "json" and not single:
            click.echo("\n]")
    except NewsLedgerError as e:
        raise click.ClickException(str(e)) from e
    for source, reason in failures:
        click.echo(f"error: {inline(source)}: {inline(reason)}", err=True)
    if failures:
        click.echo(f"{count} article(s) extracted, {len(failures)} failed", err=True)
        sys.exit(1)
