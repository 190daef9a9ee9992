"""The last step of every ingestion path: what no raw article may carry into extraction.

NUL characters are stripped (PostgreSQL refuses them and they mean nothing in an article) and a
publication date outside the ledger's range is dropped (it would anchor every relative date of
the article in year 9999 or 0001). Each change is a warning on the article.
"""

from __future__ import annotations

from datetime import date

from newsledger.records import NUL, RawArticle, date_out_of_range, date_range_text, strip_nul

_TEXT_FIELDS = ("text", "title", "outlet", "published", "url", "uri")


def checked(raw: RawArticle, today: date | None = None) -> RawArticle:
    """``raw`` with NUL stripped from its text and metadata and its date range-checked."""
    stripped = [name for name in _TEXT_FIELDS if NUL in (getattr(raw, name) or "")]
    for name in stripped:
        setattr(raw, name, strip_nul(getattr(raw, name)) or None)
    if stripped:
        count = ", ".join(stripped)
        raw.warnings.append(f"NUL characters (U+0000) removed from {count}")
    if raw.text is None:
        raw.text = ""
    if date_out_of_range(raw.published, today):
        raw.warnings.append(f"published {raw.published} ignored: outside {date_range_text(today)}")
        raw.published = None
    return raw
