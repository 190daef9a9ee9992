"""Export the ledger: events as CSV or Parquet, article records as JSON Lines or PLOVER.

Everything streams from the database in chunks, so exporting a large ledger takes memory
for one chunk, not for the whole ledger.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any, Literal

from sqlalchemy import select

from newsledger.errors import LedgerError
from newsledger.ledger import schema as t
from newsledger.ledger.queries import _day
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord

ExportFormat = Literal["csv", "jsonl", "parquet", "plover"]
CHUNK = 1000

EVENT_FIELDS = [
    "event_id",
    "article_id",
    "local_id",
    "sort_date",
    "type",
    "plover",
    "trigger",
    "actor",
    "actor_entity_id",
    "target",
    "target_entity_id",
    "object",
    "location",
    "date_value",
    "date_start",
    "date_end",
    "modality",
    "sources",
    "outlet",
    "published",
    "headline",
    "source_uri",
    "fused_event_id",
    "is_evidence",
    "span_start",
    "span_end",
]


def iter_event_rows(
    ledger: Ledger,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    include_near_duplicates: bool = False,
) -> Iterator[dict[str, Any]]:
    """Every event as a flat dict (EVENT_FIELDS), in chronological order."""
    ev, ar = t.events, t.articles
    where: list[Any] = []
    since_day, until_day = _day(since, "since"), _day(until, "until")
    if since_day:
        where.append(ev.c.sort_date >= since_day)
    if until_day:
        where.append(ev.c.sort_date <= until_day)
    if not include_near_duplicates:
        where.append(ev.c.is_evidence.is_(True))
    query = (
        select(
            ev.c.id.label("event_id"),
            ev.c.article_id,
            ev.c.local_id,
            ev.c.sort_date,
            ev.c.type,
            ev.c.plover,
            ev.c.trigger,
            ev.c.actor,
            ev.c.actor_entity_id,
            ev.c.target,
            ev.c.target_entity_id,
            ev.c.object,
            ev.c.location,
            ev.c.date_value,
            ev.c.date_start,
            ev.c.date_end,
            ev.c.modality,
            ev.c.sources,
            ev.c.outlet,
            ar.c.published,
            ar.c.headline,
            ar.c.source_uri,
            ev.c.fused_event_id,
            ev.c.is_evidence,
            ev.c.span_start,
            ev.c.span_end,
        )
        .select_from(ev.join(ar, ar.c.id == ev.c.article_id))
        .where(*where)
        .order_by(ev.c.sort_date, ev.c.id)
    )
    with ledger.connect() as conn:
        for row in conn.execution_options(yield_per=CHUNK).execute(query):
            data = dict(row._mapping)
            data["is_evidence"] = bool(data["is_evidence"])
            yield data


def iter_records(
    ledger: Ledger,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    include_near_duplicates: bool = False,
) -> Iterator[ArticleRecord]:
    """Stored article records by publication date (articles without one last)."""
    ar = t.articles
    where: list[Any] = []
    since_day, until_day = _day(since, "since"), _day(until, "until")
    if since_day:
        where.append(ar.c.published >= since_day)
    if until_day:
        where.append(ar.c.published <= until_day)
    if not include_near_duplicates:
        where.append(ar.c.near_duplicate_of.is_(None))
    query = (
        select(ar.c.record, ar.c.text)
        .where(*where)
        .order_by(ar.c.published.is_(None), ar.c.published, ar.c.ingested_at, ar.c.id)
    )
    with ledger.connect() as conn:
        for record_json, body in conn.execution_options(yield_per=CHUNK).execute(query):
            data = json.loads(record_json)
            data["text"] = body
            yield ArticleRecord.from_dict(data)


def export(
    ledger: Ledger,
    fmt: ExportFormat,
    out: IO[str] | IO[bytes] | str,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
) -> int:
    """Write the export to ``out`` (a text stream, or a path for parquet); returns rows written."""
    if fmt == "parquet":
        if not isinstance(out, str):
            raise LedgerError("parquet export needs an output file (--output PATH)")
        return _parquet(ledger, out, since=since, until=until)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as file:
            return export(ledger, fmt, file, since=since, until=until)
    stream: IO[str] = out  # type: ignore[assignment]
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=EVENT_FIELDS)
        writer.writeheader()
        for row in iter_event_rows(ledger, since=since, until=until):
            writer.writerow(row)
            n += 1
    elif fmt == "jsonl":
        for record in iter_records(ledger, since=since, until=until):
            stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "plover":
        try:
            from newsledger.extract.plover import plover_records
        except ImportError as e:
            raise LedgerError(f"PLOVER export is not available in this installation ({e})") from e
        for record in iter_records(ledger, since=since, until=until):
            for item in plover_records(record):
                stream.write(json.dumps(item, ensure_ascii=False) + "\n")
                n += 1
    else:
        raise LedgerError(f"unknown export format {fmt!r}; use csv, jsonl, parquet or plover")
    return n


def _parquet(
    ledger: Ledger, path: str, *, since: str | date | None, until: str | date | None
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    string, integer = pa.string(), pa.int64()
    types = {
        "event_id": integer,
        "actor_entity_id": integer,
        "target_entity_id": integer,
        "fused_event_id": integer,
        "span_start": integer,
        "span_end": integer,
        "is_evidence": pa.bool_(),
    }
    schema = pa.schema([(name, types.get(name, string)) for name in EVENT_FIELDS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in iter_event_rows(ledger, since=since, until=until):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n
