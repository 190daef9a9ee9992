"""Shared by the ledger benchmarks: Reuters-21578 stories as raw articles, memory readings."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578"

_BLOCK = re.compile(r"<REUTERS\b(.*?)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_TAG = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "BODY", "DATE")}
_CONTROL_REF = re.compile(r"&#\d+;")


def _clean(value: str) -> str:
    return html.unescape(_CONTROL_REF.sub("", value)).strip()


def reuters_available() -> bool:
    return REUTERS.is_dir() and any(REUTERS.glob("reut2-*.sgm"))


def iter_reuters(min_words: int = 50) -> Iterator[object]:
    """RawArticle per story with a body of at least ``min_words`` words, in file order."""
    from newsledger.records import RawArticle

    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for attrs, block in _BLOCK.findall(path.read_text(encoding="latin-1")):
            body = _TAG["BODY"].search(block)
            if body is None:
                continue
            text = _clean(body.group(1))
            if text.endswith("Reuter"):
                text = text[: -len("Reuter")].rstrip()
            if len(text.split()) < min_words:
                continue
            title = _TAG["TITLE"].search(block)
            stamp = _TAG["DATE"].search(block)
            published = None
            if stamp:
                try:
                    published = (
                        datetime.strptime(stamp.group(1).strip()[:11], "%d-%b-%Y")
                        .date()
                        .isoformat()
                    )
                except ValueError:
                    published = None
            newid = _NEWID.search(attrs)
            yield RawArticle(
                text=text,
                uri=f"reuters21578:{newid.group(1) if newid else '?'}",
                title=_clean(title.group(1)) if title else None,
                outlet="Reuters",
                published=published,
            )


def reuters_by_id(newids: list[int]) -> dict[int, dict[str, str | None]]:
    """The stories with these NEWIDs (body, title, day of <DATE>), for gold sets that cite them."""
    wanted = set(newids)
    found: dict[int, dict[str, str | None]] = {}
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for attrs, block in _BLOCK.findall(path.read_text(encoding="latin-1")):
            newid = _NEWID.search(attrs)
            if newid is None or int(newid.group(1)) not in wanted:
                continue
            body = _TAG["BODY"].search(block)
            title = _TAG["TITLE"].search(block)
            stamp = _TAG["DATE"].search(block)
            text = _clean(body.group(1)) if body else ""
            if text.endswith("Reuter"):
                text = text[: -len("Reuter")].rstrip()
            stamp_text = stamp.group(1).strip() if stamp else ""
            published = None
            moment = None
            parts = re.match(r"(\d{1,2}-[A-Z]{3}-\d{4}) (\d\d:\d\d:\d\d)", stamp_text)
            if parts:
                moment = datetime.strptime(" ".join(parts.groups()), "%d-%b-%Y %H:%M:%S")
                published = moment.date().isoformat()
            found[int(newid.group(1))] = {
                "text": text,
                "title": _clean(title.group(1)) if title else None,
                "published": published,
                "stamp": moment.isoformat() if moment else "",
                "outlet": "Reuters",
                "url": None,
                "uri": f"reuters21578:{newid.group(1)}",
            }
    return found


def rss_mb() -> tuple[float, float]:
    """(current resident set, peak resident set) of this process in MiB, from /proc."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, amount = line.split(":", 1)
                values[key] = int(amount.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)
