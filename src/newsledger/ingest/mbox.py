"""mbox-style concatenations (``.mbox``, or text that opens with a ``From `` line) -> articles.

Mail archives and some wire dumps put many stories in one file, each opened by a line
``From <sender> <date>`` followed by RFC 5322 headers. Each message becomes its own article:
``Subject`` is its headline and ``Date`` its publication date. A body line that itself starts
with ``From `` is escaped as ``>From `` in this format, so only a ``From `` line at the start of
the file or after a blank line opens a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_string, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from newsledger.errors import EmptyInputError
from newsledger.ingest.failure import IngestFailure
from newsledger.records import RawArticle

__all__ = ["iter_mbox", "looks_like_mbox"]

# "From " + something + a header line right after it: what opens a message.
_OPENING = re.compile(r"From \S.*\n[A-Za-z][A-Za-z0-9-]*:[ \t]")
_SEPARATOR = re.compile(r"(?:^|(?<=\n\n))From \S[^\n]*\n(?=[A-Za-z][A-Za-z0-9-]*:[ \t])")


def looks_like_mbox(text: str) -> bool:
    return _OPENING.match(text.lstrip("\ufeff")) is not None


def iter_mbox(text: str, source: str) -> Iterator[RawArticle | IngestFailure]:
    """Every message as an article named ``SOURCE#message-n``."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    starts = [m.end() for m in _SEPARATOR.finditer(text)]
    ends = [m.start() for m in _SEPARATOR.finditer(text)][1:] + [len(text)]
    if not starts:
        raise EmptyInputError(source, "has no message opened by a 'From ' line")
    for index, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        yield _message_article(text[start:end], f"{source}#message-{index}")


def _message_article(raw: str, uri: str) -> RawArticle | IngestFailure:
    message = message_from_string(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return IngestFailure(uri, "message has no text/plain body")
    body = part.get_content() if isinstance(part, EmailMessage) else str(part.get_payload())
    # Un-escape the quoting mbox writers apply to body lines that begin with "From ".
    body = re.sub(r"(?m)^>(>*From )", r"\1", body)
    if not body.strip():
        return IngestFailure(uri, "message body is empty")
    warnings: list[str] = []
    published = None
    if message["Date"]:
        try:
            published = parsedate_to_datetime(str(message["Date"])).date().isoformat()
        except (TypeError, ValueError):
            warnings.append(f"unreadable Date header {str(message['Date'])[:40]!r}")
    subject = " ".join(str(message["Subject"] or "").split()) or None
    return RawArticle(
        text=body, uri=uri, format="text", title=subject, published=published, warnings=warnings
    )
