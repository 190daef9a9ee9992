"""Export the ledger: events as CSV or Parquet, article records as JSON Lines or PLOVER.

Everything streams from the database in chunks, so exporting a large ledger takes memory
for one chunk, not for the whole ledger.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import IO, Any, Literal

from newsledger.errors import LedgerError
from newsledger.ledger.queries.articles import iter_records
from newsledger.ledger.queries.events import iter_event_rows
from newsledger.ledger.queries.paging import CHUNK
from newsledger.ledger.queries.rows import EVENT_FIELD_NAMES, EVENT_FIELDS
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord

ExportFormat = Literal["csv", "jsonl", "parquet", "plover"]
# A CSV cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(...) turns a
# headline into a live link, =cmd|... ran commands in old Excel). OWASP's rule for CSV
# injection: prefix such a cell with a single quote, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell value that no spreadsheet reads as a formula (strings only; numbers stay)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(row: dict[str, Any]) -> dict[str, Any]:
    """Every cell of a CSV row through :func:`spreadsheet_safe`."""
    return {key: spreadsheet_safe(value) for key, value in row.items()}


def export(
    ledger: Ledger,
    fmt: ExportFormat,
    out: IO[str] | IO[bytes] | str,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    plover: Callable[[ArticleRecord], Iterable[dict[str, Any]]] | None = None,
    min_confidence: float | None = None,
) -> int:
    """Write the export to ``out`` (a text stream, or a path for parquet); returns rows written.

    ``plover`` turns a record into PLOVER events (extraction's mapping; the ledger knows none).
    ``min_confidence`` leaves out events the extractor is less sure of from the event exports
    (CSV, Parquet, PLOVER); JSON Lines carries whole article records, each event with its
    ``confidence``.
    """
    if fmt == "parquet":
        if not isinstance(out, str):
            raise LedgerError("parquet export needs an output file (--output PATH)")
        return _parquet(ledger, out, since=since, until=until, min_confidence=min_confidence)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as file:
            return export(
                ledger,
                fmt,
                file,
                since=since,
                until=until,
                plover=plover,
                min_confidence=min_confidence,
            )
    stream: IO[str] = out  # type: ignore[assignment]
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=EVENT_FIELD_NAMES)
        writer.writeheader()
        for row in iter_event_rows(ledger, since=since, until=until, min_confidence=min_confidence):
            writer.writerow(spreadsheet_row(row))
            n += 1
    elif fmt == "jsonl":
        for record in iter_records(ledger, since=since, until=until):
            stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "plover":
        if plover is None:
            raise LedgerError("PLOVER export needs the event mapping; export through the pipeline")
        for record in iter_records(ledger, since=since, until=until):
            if min_confidence:
                record.events = [
                    e
                    for e in record.events
                    if e.confidence is None or e.confidence >= min_confidence
                ]
            for item in plover(record):
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
                n += 1
    else:
        raise LedgerError(f"unknown export format {fmt!r}; use csv, jsonl, parquet or plover")
    return n


def _parquet(
    ledger: Ledger,
    path: str,
    *,
    since: str | date | None,
    until: str | date | None,
    min_confidence: float | None,
) -> int:
    # Deferred on purpose: pyarrow loads only for a Parquet export.
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {str: pa.string(), int: pa.int64(), bool: pa.bool_(), float: pa.float64()}
    schema = pa.schema([(f.name, kinds[f.kind]) for f in EVENT_FIELDS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in iter_event_rows(ledger, since=since, until=until, min_confidence=min_confidence):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n
