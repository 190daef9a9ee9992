"""Plain-text articles from files and streams, with the bad-input contract.

Binary data and oversized files are refused with a reason; invalid UTF-8 is repaired
(undecodable bytes become U+FFFD) and the repair is recorded as a warning.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsledger.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    NewsLedgerError,
)
from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.sidecar import with_sidecars
from newsledger.records import RawArticle

# Bytes that never occur in text files; a few of them in the first block means binary data.
_CONTROL = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27])
_SNIFF = 8192


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes -> text, refusing binary data and repairing invalid UTF-8."""
    head = data[:_SNIFF]
    if b"\x00" in head or (
        head and sum(head.count(bytes([c])) for c in _CONTROL) / len(head) > 0.01
    ):
        raise BinaryInputError(
            source, "looks like binary data, not text; pass a text, HTML or feed file"
        )
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            f"invalid UTF-8 repaired: {bad} undecodable byte sequence(s) replaced, first at byte {e.start}"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(source, "is empty (no text to extract)")
    return text, warnings


def read_text_stream(stream: BinaryIO, source: str, *, max_bytes: int) -> RawArticle:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(
            source,
            f"is larger than the {max_bytes:,}-byte limit; split it into articles or raise "
            "max_input_bytes (NEWSLEDGER_MAX_INPUT_BYTES)",
        )
    text, warnings = decode_text(data, source)
    return RawArticle(text=text, uri=source, format="text", warnings=warnings)


def read_text_file(path: Path, *, max_bytes: int) -> RawArticle:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(
                source,
                f"is {size:,} bytes, larger than the {max_bytes:,}-byte limit; split it into "
                "articles or raise max_input_bytes (NEWSLEDGER_MAX_INPUT_BYTES)",
            )
        with path.open("rb") as stream:
            raw = read_text_stream(stream, source, max_bytes=max_bytes)
    except OSError as e:
        raise InputError(source, f"cannot be read ({e.strerror or e})") from e
    return with_sidecars(raw, path)


def iter_text_paths(path: Path, pattern: str = "*.txt") -> Iterator[Path]:
    """A file itself, or every matching file under a directory, in a stable order."""
    if path.is_dir():
        yield from sorted(p for p in path.rglob(pattern) if p.is_file())
    else:
        yield path


def iter_text_inputs(
    given: Iterable[str], *, max_bytes: int
) -> Iterator[RawArticle | IngestFailure]:
    """Each file, each ``*.txt`` under a directory, and ``-`` (stdin) as a raw article, or a
    failure naming the input, in the order given; never raises for a bad input."""
    for name in given:
        if name == "-":
            try:
                yield read_text_stream(sys.stdin.buffer, "<stdin>", max_bytes=max_bytes)
            except NewsLedgerError as e:
                yield IngestFailure("<stdin>", getattr(e, "reason", str(e)))
            continue
        path = Path(name)
        if not path.exists():
            yield IngestFailure(name, "no such file or directory")
            continue
        found = False
        for file in iter_text_paths(path):
            found = True
            try:
                yield read_text_file(file, max_bytes=max_bytes)
            except NewsLedgerError as e:
                yield IngestFailure(str(file), getattr(e, "reason", str(e)))
        if not found:
            yield IngestFailure(name, "directory holds no *.txt files")
