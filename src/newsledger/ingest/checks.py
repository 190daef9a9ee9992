"""The last step of every ingestion path: what no raw article may carry into extraction.

NUL characters are stripped (PostgreSQL refuses them and they mean nothing in an article) and a
publication date outside the ledger's range is dropped (it would anchor every relative date of
the article in year 9999 or 0001). Each change is a warning on the article.
"""

from __future__ import annotations

from datetime import date

from newsledger.records import (
    RawArticle,
    date_out_of_range,
    date_range_text,
    replace_surrogates,
    strip_nul,
)

_TEXT_FIELDS = ("text", "title", "outlet", "published", "url", "uri", "identity")


def checked(raw: RawArticle, today: date | None = None) -> RawArticle:
    """``raw`` with NUL stripped from its text and metadata and its date range-checked.

    Lone surrogates (which a JSON "\\ud800" escape yields and no encoder writes) become U+FFFD.
    """
    stripped, repaired = [], []
    for name in _TEXT_FIELDS:
        value = getattr(raw, name)
        if not value:
            continue
        without_nul = strip_nul(value)
        clean = replace_surrogates(without_nul)
        if without_nul != value:
            stripped.append(name)
        if clean != without_nul:
            repaired.append(name)
        if clean != value:
            setattr(raw, name, clean if name == "text" else clean or None)
    if stripped:
        raw.warnings.append(f"NUL characters (U+0000) removed from {', '.join(stripped)}")
    if repaired:
        raw.warnings.append(f"lone surrogates replaced by U+FFFD in {', '.join(repaired)}")
    if date_out_of_range(raw.published, today):
        raw.warnings.append(f"published {raw.published} ignored: outside {date_range_text(today)}")
        raw.published = None
    return raw
