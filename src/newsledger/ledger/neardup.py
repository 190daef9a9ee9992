"""Near-duplicate lookup kept in the database: MinHash LSH bands as indexed rows.

The signatures are E's (``newsledger.fuse.near_duplicates.signature``); this module only
decides where the LSH buckets live. Holding them in ``minhash_bands`` instead of an in-memory
index keeps the ingest process's memory flat however large the ledger grows, needs no
rebuild when a ledger is opened, and lets two ingest processes see each other's articles.

Banding is fixed (the LSH parameters datasketch picks for Jaccard 0.3 at NUM_PERM
permutations, the default threshold, whose precision and recall benchmarks/near_duplicates.py
measures) so that stored rows stay valid when the near-duplicate threshold setting changes:
the bands only gather candidates, and every candidate is then scored with
``estimated_jaccard`` against the configured threshold. Thresholds below 0.3 lose recall.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from sqlalchemy import Connection, insert, select

from newsledger.fuse.near_duplicates import NUM_PERM, SignatureError, estimated_jaccard
from newsledger.ledger import schema as t

BANDING_THRESHOLD = 0.3


@lru_cache(maxsize=1)
def band_ranges() -> tuple[tuple[int, int], ...]:
    from datasketch import MinHashLSH  # deferred on purpose: numpy and scipy, once per process

    lsh = MinHashLSH(threshold=BANDING_THRESHOLD, num_perm=NUM_PERM)
    return tuple((int(start), int(end)) for start, end in lsh.hashranges)


def band_keys(sig: bytes) -> list[tuple[int, int]]:
    """(band number, 63-bit hash of the band's values) for each band of a signature.

    Raises SignatureError for bytes that are not a signature of this version.
    """
    estimated_jaccard(sig, sig)  # validates the header and the length
    body = sig[len(sig) - 4 * NUM_PERM :]  # the values follow the header, 4 bytes each
    keys = []
    for band, (start, end) in enumerate(band_ranges()):
        digest = hashlib.blake2b(body[4 * start : 4 * end], digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "big") >> 1))  # fits a signed BIGINT
    return keys


def best_match(conn: Connection, sig: bytes, threshold: float) -> tuple[str, float] | None:
    """The stored original most similar to ``sig`` with estimated Jaccard >= threshold."""
    keys = band_keys(sig)
    b, ar = t.minhash_bands, t.articles
    wanted = set(keys)
    # Two statements on purpose: joined to articles, SQLite may walk the near_duplicate_of
    # index ("IS NULL" matches nearly every article) instead of the few matching bands.
    rows = conn.execute(
        select(b.c.band, b.c.hash, b.c.article_id).where(b.c.hash.in_(sorted({h for _, h in keys})))
    ).all()
    candidates = {article_id for band, h, article_id in rows if (band, h) in wanted}
    if not candidates:
        return None
    best: tuple[str, float] | None = None
    for article_id, stored in conn.execute(
        select(ar.c.id, ar.c.minhash).where(
            ar.c.id.in_(sorted(candidates)), ar.c.near_duplicate_of.is_(None)
        )
    ):
        try:
            score = estimated_jaccard(sig, bytes(stored))
        except SignatureError:
            continue  # made by another version: cannot be compared
        if score < threshold:
            continue
        if best is None or score > best[1] or (score == best[1] and article_id < best[0]):
            best = (article_id, score)
    return best


_INSERT_BANDS = insert(t.minhash_bands)


def add_bands(conn: Connection, article_id: str, sig: bytes) -> None:
    conn.execute(
        _INSERT_BANDS,
        [{"band": band, "hash": h, "article_id": article_id} for band, h in band_keys(sig)],
    )
