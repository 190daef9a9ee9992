"""The failure record ingestion yields in place of an article it could not read."""

from __future__ import annotations

from dataclasses import dataclass

_MAX_REASON = 400


@dataclass(slots=True)
class IngestFailure:
    """An input that produced no article: ``source`` names it, ``reason`` says what was wrong."""

    source: str
    reason: str

    def __post_init__(self) -> None:
        # One line, bounded: reasons go into a summary table and a database column.
        reason = " ".join(self.reason.split())
        if len(reason) > _MAX_REASON:
            reason = reason[: _MAX_REASON - 1] + "…"
        self.reason = reason or "unknown failure"
