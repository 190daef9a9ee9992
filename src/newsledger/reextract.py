"""Re-extraction: stored articles brought up to the current extractor, one at a time, atomically.

``select_stale`` reads, in batches of ids, the stored articles whose current extraction was
not made by this extractor with these options, and rebuilds each one's input from what the
ledger keeps (its text, headline, dateline and metadata date). ``reextract_articles`` runs a
per-article extract function over any iterable of them and replaces each article's extraction
in its own transaction (``Ledger.replace_extraction``), keeping the previous one readable.

A run killed at any moment leaves every article either at its old version or at the new one;
the next run selects only those still stale, so each article reaches the new version exactly
once. Another process may share the work: an article it replaced first is skipped here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sqlalchemy import ColumnElement, and_, func, or_, select

from newsledger.errors import LedgerError
from newsledger.extract.pipeline import ExtractionFailure
from newsledger.extract.version import extractor_version
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.pipeline import ExtractOptions, extract_one, fusion
from newsledger.records import ArticleRecord, RawArticle
from newsledger.settings import resolve_model_name

__all__ = [
    "ReextractEvent",
    "ReextractSummary",
    "Selection",
    "StoredArticle",
    "count_stale",
    "extract_stored",
    "parse_where",
    "reextract",
    "reextract_articles",
    "select_stale",
]

ExtractFn = Callable[["StoredArticle"], ArticleRecord | ExtractionFailure]

# --where FIELD=VALUE: the article columns a selection may name, and how VALUE compares.
WHERE_FIELDS = {
    "id": "id prefix",
    "outlet": "outlet, exactly",
    "source": "source path or URL; * matches any characters",
    "format": "text, html, feed or json",
    "extractor": "extractor version ('none': made before versions were recorded)",
    "published": "publication day YYYY-MM-DD ('none': undated)",
}
_WHERE = re.compile(r"^\s*([a-z_]+)\s*=(.*)$")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which stored articles to re-extract: every ``--where`` clause and ``--since`` must hold."""

    where: tuple[tuple[str, str], ...] = ()
    since: date | None = None  # published on or after


def parse_where(clauses: Sequence[str], *, since: date | None = None) -> Selection:
    """``["outlet=Reuters", "source=*.sgm*"]`` -> a Selection; a bad clause says what is known."""
    parsed: list[tuple[str, str]] = []
    for clause in clauses:
        match = _WHERE.match(clause)
        if match is None or match.group(1) not in WHERE_FIELDS:
            known = ", ".join(f"{k} ({v})" for k, v in WHERE_FIELDS.items())
            raise LedgerError(f"--where {clause!r}: want FIELD=VALUE with FIELD one of: {known}")
        parsed.append((match.group(1), match.group(2).strip()))
    return Selection(tuple(parsed), since)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A stored article as re-extraction needs it; plain data, so it travels to a worker."""

    id: str
    version: int  # the extraction version it is at: the replacement expects to find it there
    raw: RawArticle  # rebuilt from the stored text, headline, dateline and metadata date
    options: ExtractOptions  # reference date and model to extract with


@dataclass(frozen=True, slots=True)
class ReextractEvent:
    outcome: Literal["reextracted", "skipped", "failed"]
    article_id: str
    version: int | None = None
    reason: str | None = None


@dataclass(slots=True)
class ReextractSummary:
    reextracted: int = 0
    skipped: int = 0  # replaced by another run first
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.reextracted + self.skipped + self.failed


def _conditions(selection: Selection) -> list[ColumnElement[bool]]:
    a = t.articles
    out: list[ColumnElement[bool]] = []
    for name, value in selection.where:
        if name == "id":
            out.append(a.c.id.startswith(value, autoescape=True))
        elif name == "outlet":
            out.append(a.c.outlet == value)
        elif name == "source":
            pattern = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            out.append(a.c.source_uri.like(pattern.replace("*", "%"), escape="\\"))
        elif name == "format":
            out.append(a.c.format == value)
        elif name == "extractor":
            none = value.lower() in ("none", "")
            out.append(a.c.extractor_version.is_(None) if none else a.c.extractor_version == value)
        elif name == "published":
            none = value.lower() in ("none", "")
            out.append(a.c.published.is_(None) if none else a.c.published == value)
    if selection.since is not None:
        out.append(a.c.published >= selection.since.isoformat())
    return out


def _stale(version: str, model: str, reference_date: date | None) -> ColumnElement[bool]:
    """True for an article whose current extraction this run would make differently."""
    a, x = t.articles, t.extractions
    terms: list[ColumnElement[bool]] = [
        a.c.extractor_version.is_(None),
        a.c.extractor_version != version,
        x.c.model.is_(None),
        x.c.model != model,
    ]
    if reference_date is not None:
        terms += [x.c.reference_date.is_(None), x.c.reference_date != reference_date.isoformat()]
    return or_(*terms)


def _base(selection: Selection, options: ExtractOptions, version: str, model: str) -> list:
    return [*_conditions(selection), _stale(version, model, options.reference_date)]


def _target(options: ExtractOptions) -> tuple[str, str]:
    return extractor_version(), resolve_model_name(options.model)


def count_stale(ledger: Ledger, selection: Selection, options: ExtractOptions) -> int:
    """How many selected articles ``select_stale`` would yield now (for a progress total)."""
    a, x = t.articles, t.extractions
    version, model = _target(options)
    with ledger.connect() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(a.join(x, _current_join()))
                .where(*_base(selection, options, version, model))
            ).scalar_one()
        )


def _current_join() -> ColumnElement[bool]:
    a, x = t.articles, t.extractions
    return and_(x.c.article_id == a.c.id, x.c.version == a.c.extraction_version)


def select_stale(
    ledger: Ledger, selection: Selection, options: ExtractOptions, *, batch_size: int = 64
) -> Iterator[StoredArticle]:
    """Selected articles not yet extracted by this extractor with these options, by id.

    Read ``batch_size`` at a time with a short read each, so that the writes between batches
    never wait on this reader; a rerun after a kill starts again and finds only what is left.
    Without ``options.reference_date`` each article keeps the reference date it had.
    """
    a, x = t.articles, t.extractions
    version, model = _target(options)
    columns = (
        a.c.id,
        a.c.extraction_version,
        a.c.text,
        a.c.headline,
        a.c.dateline_text,
        a.c.published,
        a.c.published_basis,
        a.c.outlet,
        a.c.source_uri,
        a.c.format,
        x.c.reference_date,
    )
    after = ""
    while True:
        with ledger.connect() as conn:
            rows = conn.execute(
                select(*columns)
                .select_from(a.join(x, _current_join()))
                .where(a.c.id > after, *_base(selection, options, version, model))
                .order_by(a.c.id)
                .limit(batch_size)
            ).all()
        if not rows:
            return
        for row in rows:
            after = row.id
            reference = options.reference_date or (
                date.fromisoformat(row.reference_date) if row.reference_date else None
            )
            yield StoredArticle(
                id=row.id,
                version=row.extraction_version,
                raw=_rebuilt_input(row),
                options=ExtractOptions(
                    reference_date=reference, model=model, batch_size=options.batch_size
                ),
            )


def _rebuilt_input(row: object) -> RawArticle:
    """The article's input as the article stage first read it, from what the ledger kept."""
    text: str = row.text  # type: ignore[attr-defined]
    dateline: str | None = row.dateline_text  # type: ignore[attr-defined]
    if dateline:
        # the dateline was cut from the start of the body: put it back for the stage to read
        text = f"{dateline} {text}"
    basis = row.published_basis  # type: ignore[attr-defined]
    return RawArticle(
        text=text,
        uri=row.source_uri,  # type: ignore[attr-defined]
        format=row.format,  # type: ignore[attr-defined]
        title=row.headline,  # type: ignore[attr-defined]
        outlet=row.outlet,  # type: ignore[attr-defined]
        # only a date that came with the input is an input; the others are re-decided
        published=row.published if basis == "metadata" else None,  # type: ignore[attr-defined]
    )


def extract_stored(article: StoredArticle) -> ArticleRecord | ExtractionFailure:
    """The default per-article extract function: the shipped extractor, in this process."""
    return extract_one(article.raw, article.options)


def reextract_articles(
    ledger: Ledger,
    articles: Iterable[StoredArticle],
    extract: ExtractFn = extract_stored,
    *,
    on_event: Callable[[ReextractEvent], None] | None = None,
) -> ReextractSummary:
    """Re-extract each article with ``extract`` and replace its extraction atomically.

    ``extract`` may run anywhere (a worker pool maps it over a batch and hands the results
    back in order); a failure is recorded in the ledger's failures and the run goes on.
    """
    summary = ReextractSummary()

    def report(event: ReextractEvent) -> None:
        if event.outcome == "failed":
            summary.failures.append((event.article_id, event.reason or "unknown failure"))
        elif event.outcome == "skipped":
            summary.skipped += 1
        else:
            summary.reextracted += 1
        if on_event is not None:
            on_event(event)

    for article in articles:
        result = extract(article)
        report(store_reextracted(ledger, article, result))
    return summary


def store_reextracted(
    ledger: Ledger, article: StoredArticle, result: ArticleRecord | ExtractionFailure
) -> ReextractEvent:
    """Apply one re-extraction result (a failure is recorded and leaves the article as it was)."""
    source = article.raw.uri or article.id
    if isinstance(result, ExtractionFailure):
        reason = f"re-extraction failed, article {article.id} kept as it was: {result.reason}"
        ledger.add_failure(source, reason, stage="extract")
        return ReextractEvent("failed", article.id, reason=reason)
    try:
        version = ledger.replace_extraction(
            article.id,
            result,
            stamp=article.options.stamp(),
            expected_version=article.version,
            fusion=fusion(),
        )
    except LedgerError as e:
        ledger.add_failure(source, str(e), stage="store")
        return ReextractEvent("failed", article.id, reason=str(e))
    if version is None:
        return ReextractEvent("skipped", article.id)
    return ReextractEvent("reextracted", article.id, version)


def reextract(
    ledger: Ledger,
    selection: Selection,
    options: ExtractOptions,
    *,
    batch_size: int = 64,
    on_event: Callable[[ReextractEvent], None] | None = None,
) -> ReextractSummary:
    """Re-extract every selected stale article with the shipped extractor."""
    stale = select_stale(ledger, selection, options, batch_size=batch_size)
    return reextract_articles(ledger, stale, on_event=on_event)
