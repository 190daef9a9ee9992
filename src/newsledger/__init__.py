"""NewsLedger: a sourced ledger of events and claims from news articles.

The public names load lazily, so that commands which only query the ledger do not pay for
importing spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsledger.errors import InputError, NewsLedgerError
    from newsledger.extract.pipeline import extract, extract_many, extract_raw
    from newsledger.records import ArticleRecord, RawArticle

__all__ = [
    "ArticleRecord",
    "InputError",
    "NewsLedgerError",
    "RawArticle",
    "extract",
    "extract_many",
    "extract_raw",
]
__version__ = "0.1.0"

_HOMES = {
    "ArticleRecord": "newsledger.records",
    "RawArticle": "newsledger.records",
    "InputError": "newsledger.errors",
    "NewsLedgerError": "newsledger.errors",
    "extract": "newsledger.extract.pipeline",
    "extract_many": "newsledger.extract.pipeline",
    "extract_raw": "newsledger.extract.pipeline",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsledger' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
