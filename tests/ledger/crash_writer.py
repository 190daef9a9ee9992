"""Subprocess for test_crash_safety: add N synthetic articles to a ledger, in a fixed order.

Usage: python crash_writer.py DB_URL N
Each article carries EVENTS events, CLAIMS claims and ENTITIES entities, so that a
transaction is long enough for a kill to land inside it.
"""

from __future__ import annotations

import sys

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord, Claim, Entity, Event, Source, SourceRef
from newsledger.settings import Settings

EVENTS, CLAIMS, ENTITIES = 5, 3, 4
_WORDS = (
    "harbour convoy tariff reactor ceasefire budget drought vaccine pipeline embassy "
    "election satellite refinery glacier"
).split()


def record(i: int) -> ArticleRecord:
    # Distinct wording per article so that no two are near-duplicates of each other.
    words = [_WORDS[(i * 7 + k * 3) % len(_WORDS)] + str(i * 31 + k) for k in range(40)]
    text = " ".join(words) + "."
    ents = [
        Entity(f"e{k}", f"Actor {i % 50}-{k}", "ORG", [], [(0, len(words[0]))])
        for k in range(ENTITIES)
    ]
    claims = [
        Claim(" ".join(words[k : k + 5]), (0, 10), [SourceRef(f"Actor {i % 50}-0", "e0")])
        for k in range(CLAIMS)
    ]
    events = [
        Event(
            f"v{k}",
            "ATTACK",
            words[k],
            (0, len(words[0])),
            actor=f"Actor {i % 50}-{k % ENTITIES}",
            actor_entity=f"e{k % ENTITIES}",
        )
        for k in range(EVENTS)
    ]
    return ArticleRecord(
        id=f"crash{i:05d}",
        source=Source(f"a{i}.txt", "text", f"Outlet{i % 3}"),
        headline=words[0],
        dateline=None,
        published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        published_basis="metadata",
        text=text,
        entities=ents,
        claims=claims,
        events=events,
    )


def main() -> None:
    url, n = sys.argv[1], int(sys.argv[2])
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
        for i in range(n):
            ledger.add(record(i))


if __name__ == "__main__":
    main()
