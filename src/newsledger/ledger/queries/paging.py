"""Limits and cursors: every list is bounded and pages with an opaque cursor.

A cursor is the sort key of the last row of a page, as URL-safe base64 JSON. Decoding checks
the shape the list hands out, so a forged or foreign cursor is a clear error, never SQL.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any, TypeVar

from newsledger.errors import LedgerError

MAX_LIMIT = 1000
CHUNK = 1000  # rows fetched at a time by the streaming readers (exports)
T = TypeVar("T")


def check_limit(limit: int) -> int:
    if limit < 1:
        raise LedgerError(f"limit must be at least 1, got {limit}")
    return min(limit, MAX_LIMIT)


def encode_cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, shape: Sequence[type]) -> list[Any]:
    """The sort key inside ``cursor``, checked against the ``shape`` the list hands out."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise LedgerError(_FOREIGN) from e
    if (
        not isinstance(key, list)
        or len(key) != len(shape)
        or not all(
            isinstance(v, kind)
            and not isinstance(v, bool)
            and (kind is not int or (isinstance(v, int) and is_int64(v)))
            for v, kind in zip(key, shape, strict=True)
        )
    ):
        raise LedgerError(_FOREIGN)
    return key


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def is_int64(value: int) -> bool:
    """Whether ``value`` fits a database integer column; a larger one cannot name a row."""
    return INT64_MIN <= value <= INT64_MAX


_FOREIGN = "cursor is not one this ledger issued for this list; pass next_cursor unchanged"


def page(rows: list[T], limit: int, key: Any) -> tuple[list[T], str | None]:
    """The first ``limit`` of ``limit + 1`` fetched rows, and the cursor after them (None: last).

    ``key`` gives a row's sort key, which the cursor carries.
    """
    if len(rows) <= limit:
        return rows, None
    shown = rows[:limit]
    return shown, encode_cursor(*key(shown[-1])) if shown else None
