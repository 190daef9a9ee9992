"""The fusion algorithms as one object the pipeline hands the ledger when it stores articles.

The ledger keeps the SQL (``newsledger.ledger.linking``, ``newsledger.ledger.neardup``) and
asks this object the questions that are algorithms: an article's near-duplicate signature and
its LSH bands, how similar two signatures are, whether two event mentions are one event,
which claims deny which. Nothing here touches storage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsledger.fuse import corroboration, near_duplicates, same_event
from newsledger.fuse.corroboration import DAY_WINDOW, ClaimLike
from newsledger.fuse.same_event import NO_REF, EventKey

__all__ = ["FUSION", "Fusion"]


@dataclass(frozen=True, slots=True)
class Fusion:
    day_window: int = DAY_WINDOW

    # -- near-duplicates ---------------------------------------------------------------

    def signature(self, text: str) -> bytes:
        return near_duplicates.signature(text)

    def band_keys(self, sig: bytes) -> list[tuple[int, int]]:
        return near_duplicates.band_keys(sig)

    def similarity(self, a: bytes, b: bytes) -> float | None:
        """Estimated Jaccard similarity; None when the two cannot be compared (other version)."""
        try:
            return near_duplicates.estimated_jaccard(a, b)
        except near_duplicates.SignatureError:
            return None

    # -- the same event ----------------------------------------------------------------

    def event_key(self, row: Mapping[str, Any]) -> EventKey:
        """The key of an event row about to be stored (canonical entities, else names)."""
        return EventKey(
            row["type"],
            same_event.ref(row.get("actor_entity_id"), row.get("actor_key")),
            same_event.ref(row.get("target_entity_id"), row.get("target")),
            row["sort_date"],
        )

    def stored_key(self, type: str, actor: str, target: str, day: str) -> EventKey:
        return EventKey(type, actor, target, day)

    def fusable(self, key: EventKey) -> bool:
        return same_event.fusable(key)

    def names_target(self, key: EventKey) -> bool:
        return key.target != NO_REF

    def same_event(self, key: EventKey, candidates: Sequence[tuple[int, EventKey]]) -> int | None:
        return same_event.best_match(key, candidates, self.day_window)

    def sharpened(self, known: EventKey, key: EventKey) -> EventKey | None:
        """A fused event known without a target takes the first target a report gives it, so
        that it does not go on to absorb reports of other targets (a peak, then positions)."""
        if known.target != NO_REF or key.target == NO_REF:
            return None
        return replace(known, target=key.target)

    # -- denials -----------------------------------------------------------------------

    def denial_window_days(self) -> int:
        return corroboration.denial_rules().window_days

    def denial_candidate_limit(self) -> int:
        return corroboration.denial_rules().candidate_limit

    def denials(
        self,
        text: str,
        published: str,
        about: set[int],
        options: Sequence[ClaimLike],
        other_about: dict[int, set[int]],
        *,
        denying: bool,
    ) -> list[tuple[float, int]]:
        return corroboration.best_denials(
            corroboration.denial_rules(),
            text,
            published,
            about,
            options,
            other_about,
            denying=denying,
        )


FUSION = Fusion()
