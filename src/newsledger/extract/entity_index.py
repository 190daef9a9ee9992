"""Look-ups over an article's canonical entities, shared by quotes, claims and events."""

from __future__ import annotations

from bisect import bisect_right

from newsledger.records import Entity


class EntityIndex:
    """Find the entity behind a character span or a name."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self._by_id = {e.id: e for e in entities}
        self._by_name: dict[str, Entity] = {}
        for entity in entities:
            for alias in [entity.name, *entity.aliases]:
                self._by_name.setdefault(_key(alias), entity)
        mentions = sorted((s, e, ent) for ent in entities for s, e in ent.mentions)
        self._starts = [m[0] for m in mentions]
        self._mentions = mentions

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def by_name(self, name: str) -> Entity | None:
        return self._by_name.get(_key(name))

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with the longest mention overlapping ``[start, end)``."""
        best: tuple[int, Entity] | None = None
        i = bisect_right(self._starts, end - 1)
        for s, e, entity in reversed(self._mentions[max(0, i - 50) : i]):
            if e > start and s < end:
                length = e - s
                if best is None or length > best[0]:
                    best = (length, entity)
        return best[1] if best else None

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Every mention wholly inside ``[start, end)``, in text order."""
        i = bisect_right(self._starts, end - 1)
        j = bisect_right(self._starts, start - 1)
        return [m for m in self._mentions[j:i] if m[1] <= end]


def _key(name: str) -> str:
    key = name.strip().lower().replace("\u2019", "'")
    if key.endswith("'s"):
        key = key[:-2]
    if key.startswith("the "):
        key = key[4:]
    return key
