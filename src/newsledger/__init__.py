"""NewsLedger: a sourced ledger of events and claims from news articles.

The extraction functions import spaCy on first call, so that commands which only query the
ledger start fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

# Imported first so that the package attribute `extract` below stays the function: importing a
# submodule of `newsledger.extract` later sets attributes on that subpackage, not on this one.
import newsledger.extract as _extract_package  # noqa: F401
from newsledger.__about__ import __version__ as __version__
from newsledger.errors import InputError, NewsLedgerError
from newsledger.records import ArticleRecord, RawArticle

if TYPE_CHECKING:
    from newsledger.extract.pipeline import ExtractionFailure

__all__ = [
    "ArticleRecord",
    "InputError",
    "NewsLedgerError",
    "RawArticle",
    "extract",
    "extract_many",
    "extract_raw",
]


def extract(
    text: str,
    *,
    uri: str | None = None,
    reference_date: date | str | None = None,
    model: str | None = None,
) -> ArticleRecord:
    """Extract the article record of one plain-text article."""
    from newsledger.extract import pipeline  # deferred on purpose: spaCy loads on first call

    return pipeline.extract(text, uri=uri, reference_date=reference_date, model=model)


def extract_raw(
    raw: RawArticle, *, reference_date: date | str | None = None, model: str | None = None
) -> ArticleRecord:
    """Extract the article record of one article that came with metadata."""
    from newsledger.extract import pipeline  # deferred on purpose: spaCy loads on first call

    return pipeline.extract_raw(raw, reference_date=reference_date, model=model)


def extract_many(
    raws: Iterable[RawArticle],
    *,
    reference_date: date | str | None = None,
    model: str | None = None,
    batch_size: int = 16,
) -> Iterator[ArticleRecord | ExtractionFailure]:
    """Extract many articles, streaming; a bad article yields a failure and the rest go on."""
    from newsledger.extract import pipeline  # deferred on purpose: spaCy loads on first call

    return pipeline.extract_many(
        raws, reference_date=reference_date, model=model, batch_size=batch_size
    )
