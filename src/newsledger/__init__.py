"""NewsLedger: a sourced ledger of events and claims from news articles."""

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
