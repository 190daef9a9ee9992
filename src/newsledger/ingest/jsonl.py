"""JSON Lines files -> raw articles: one object per line with ``text`` and optional metadata.

A line that is not a usable article is a failure named ``file:line``; the other lines go on.
The size limit applies per line (per article), so a batch file may be larger than it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from newsledger.errors import InputError
from newsledger.ingest.failure import IngestFailure
from newsledger.records import RawArticle

OPTIONAL_FIELDS = ("title", "url", "published", "outlet")
# The same fields under the names other tools write them (scrapers, news datasets, CMS
# exports); the first one an object has is read.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "published": (
        "published",
        "date",
        "date_publish",
        "publish_date",
        "published_at",
        "date_published",
        "pubdate",
    ),
    "outlet": ("outlet", "publisher", "site_name", "sitename", "source_name"),
}


def normalize_date(value: str) -> str | None:
    """An ISO date from the date forms feeds and exports use, or None when it is not a date."""
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _a(noun: str) -> str:
    return f"{'an' if noun[0].lower() in 'aeio' else 'a'} {noun}"


def _article(obj: Any, source: str, warnings: list[str]) -> RawArticle:
    if not isinstance(obj, dict):
        raise InputError(
            source, f"line is a JSON {type(obj).__name__}, not an object with a 'text' field"
        )
    text = obj.get("text")
    if not isinstance(text, str):
        got = "missing" if text is None else _a(type(text).__name__)
        raise InputError(source, f"'text' is {got}; each line needs a 'text' string")
    if not text.strip():
        raise InputError(source, "'text' is empty")
    meta = metadata_fields(obj, warnings)
    return RawArticle(
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        uri=source,
        format="json",
        title=meta["title"],
        outlet=meta["outlet"],
        published=meta["published"],
        url=meta["url"],
        warnings=warnings,
    )


def metadata_fields(obj: dict[str, Any], warnings: list[str]) -> dict[str, str | None]:
    """The optional metadata of an article object (``title``, ``url``, ``published`` as an ISO
    day, ``outlet``, each also under the other names of ``FIELD_NAMES``); a field of the wrong
    kind is left out with a warning."""
    meta: dict[str, str | None] = {}
    keys: dict[str, str] = {}
    for name in OPTIONAL_FIELDS:
        key = keys[name] = next((k for k in FIELD_NAMES[name] if obj.get(k) is not None), name)
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            warnings.append(f"'{key}' ignored: {_a(type(value).__name__)}, not a string")
            value = None
        meta[name] = (value.strip() or None) if isinstance(value, str) else None
    published = meta["published"]
    if published is not None:
        iso = normalize_date(published)
        if iso is None:
            warnings.append(f"'{keys['published']}' ignored: {published!r} is not a date")
        meta["published"] = iso
    return meta


def iter_jsonl(path: Path, *, max_bytes: int) -> Iterator[RawArticle | IngestFailure]:
    try:
        stream = path.open("rb")
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror or e})") from e
    seen_any = False
    with stream:
        number = 0
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                break
            number += 1
            source = f"{path}:{number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                # Skip the rest of the oversized line without holding it in memory.
                while True:
                    rest = stream.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
                seen_any = True
                yield IngestFailure(source, f"line is larger than the {max_bytes:,}-byte limit")
                continue
            if not line.strip():
                continue
            seen_any = True
            warnings: list[str] = []
            try:
                decoded = line.decode("utf-8")
            except UnicodeDecodeError as e:
                decoded = line.decode("utf-8", errors="replace")
                warnings.append(f"invalid UTF-8 repaired at byte {e.start} of the line")
            try:
                obj = json.loads(decoded)
            except json.JSONDecodeError as e:
                yield IngestFailure(source, f"not valid JSON ({e.msg} at column {e.colno})")
                continue
            try:
                yield _article(obj, source, warnings)
            except InputError as e:
                yield IngestFailure(source, e.reason)
    if not seen_any:
        raise InputError(str(path), "is empty (no JSON lines)")
