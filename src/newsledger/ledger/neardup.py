"""Near-duplicate lookup kept in the database: MinHash LSH bands as indexed rows.

The signatures and their bands are the fusion's (``newsledger.fuse.near_duplicates``, handed
over by the pipeline); this module only decides where the LSH buckets live. Holding them in
``minhash_bands`` instead of an in-memory index keeps the ingest process's memory flat however
large the ledger grows, needs no rebuild when a ledger is opened, and lets two ingest processes
see each other's articles.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Connection, select

from newsledger.ledger import driver
from newsledger.ledger import schema as t
from newsledger.ledger.bulk import RowBatch
from newsledger.ledger.linking import Fusion
from newsledger.ledger.lists import in_values


def best_match(
    conn: Connection, sig: bytes, keys: list[tuple[int, int]], threshold: float, fusion: Fusion
) -> tuple[str, float] | None:
    """The stored original most similar to ``sig`` (whose bands are ``keys``,
    ``fusion.band_keys(sig)``) with similarity >= threshold."""
    wanted = set(keys)
    bands, originals = _queries(conn.dialect.name)
    found = driver.rows(conn, bands, {"hashes": sorted({h for _, h in keys})})
    candidates = {article_id for band, h, article_id in found if (band, h) in wanted}
    if not candidates:
        return None
    best: tuple[str, float] | None = None
    for article_id, stored in driver.rows(conn, originals, {"ids": sorted(candidates)}):
        score = fusion.similarity(sig, bytes(stored))
        if score is None or score < threshold:
            continue  # made by another version (cannot be compared), or not close enough
        if best is None or score > best[1] or (score == best[1] and article_id < best[0]):
            best = (article_id, score)
    return best


@cache
def _queries(dialect: str) -> tuple[Any, Any]:
    """The articles whose bands share a hash, and those of them that are originals.

    Two statements on purpose: joined to articles, SQLite may walk the near_duplicate_of
    index ("IS NULL" matches nearly every article) instead of the few matching bands.
    """
    b, ar = t.minhash_bands, t.articles
    bands = select(b.c.band, b.c.hash, b.c.article_id).where(in_values(b.c.hash, "hashes", dialect))
    originals = select(ar.c.id, ar.c.minhash).where(
        in_values(ar.c.id, "ids", dialect), ar.c.near_duplicate_of.is_(None)
    )
    return bands, originals


def add_bands(batch: RowBatch, article_id: str, keys: list[tuple[int, int]]) -> None:
    batch.add(
        t.minhash_bands,
        [{"band": band, "hash": h, "article_id": article_id} for band, h in keys],
    )
