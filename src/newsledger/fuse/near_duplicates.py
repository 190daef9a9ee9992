"""Near-duplicate articles: MinHash signatures of word shingles, looked up with LSH.

The same wire story on two sites, or a re-post under a new headline, shares most of its word
sequences with the original; two different stories on the same topic share stock phrases,
and recurring templated reports (weekly money supply) share their template. ``signature`` turns an article body into a compact MinHash that the ledger
stores beside the article; ``NearDuplicateIndex`` is rebuilt from the stored signatures and
answers "which stored articles is this one a near copy of".

Signatures are stable bytes: a header (format, number of permutations, seed, permutation
scheme, shingle size) and the hash values. A signature made with other parameters is refused with a
message saying to recompute, instead of being compared and silently giving wrong scores.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

__all__ = [
    "BANDING_THRESHOLD",
    "NUM_PERM",
    "SHINGLE_WORDS",
    "NearDuplicateIndex",
    "SignatureError",
    "band_keys",
    "estimated_jaccard",
    "is_current",
    "normalize",
    "shingles",
    "signature",
]

# 128 permutations: the Jaccard estimate's standard error is at most about 0.045, small next
# to the gap between rewrites (median 0.66) and distinct same-topic stories (99.9th
# percentile 0.26) on the benchmark set (benchmarks/results/near_duplicates.md).
NUM_PERM = 128
SEED = 1
# Four-word shingles: on the benchmark set (benchmarks/near_duplicates.py) they separate
# rewrites from recurring templated reports (weekly money supply, daily market forecasts)
# better than 1-3 words, and a changed word still costs only four shingles.
SHINGLE_WORDS = 4

_MAGIC = b"NLMH"
_VERSION = 1
_HEADER = struct.Struct("<4sBHIBB")  # magic, version, num_perm, seed, scheme code, shingle words
_SCHEMES = {"legacy": 0, "affine32": 1}
_SCHEME_NAMES = {code: name for name, code in _SCHEMES.items()}
_WORD = re.compile(r"\w+")


class SignatureError(ValueError):
    """Bytes that are not a signature this module made with its current parameters."""


def _new_minhash() -> tuple[MinHash, str]:
    # datasketch 2 changed the default permutation scheme; pin it so stored signatures stay
    # comparable after an upgrade. datasketch 1.x only knows the legacy scheme.
    try:
        return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32"), "affine32"
    except TypeError:
        return MinHash(num_perm=NUM_PERM, seed=SEED), "legacy"


_EMPTY, _SCHEME = _new_minhash()


def normalize(text: str) -> list[str]:
    """The words of a text, case- and compatibility-folded, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = normalize(text)
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes:
    """A serialisable MinHash of the text's word shingles (NUM_PERM 32-bit values + header)."""
    minhash = _EMPTY.copy()
    grams = shingles(text)
    if grams:
        minhash.update_batch(list(grams))
    values = np.asarray(minhash.hashvalues, dtype=np.uint64)
    header = _HEADER.pack(_MAGIC, _VERSION, NUM_PERM, SEED, _SCHEMES[_SCHEME], SHINGLE_WORDS)
    # Affine32 and legacy values all fit in 32 bits; storing 4 bytes each halves the column.
    return header + values.astype("<u4").tobytes()


def _values(sig: bytes) -> np.ndarray:
    if len(sig) < _HEADER.size:
        raise SignatureError("not a near-duplicate signature (too short)")
    magic, version, num_perm, seed, scheme, words = _HEADER.unpack_from(sig)
    if magic != _MAGIC or version != _VERSION:
        raise SignatureError("not a near-duplicate signature (unknown format); recompute it")
    made = (num_perm, seed, _SCHEME_NAMES.get(scheme, str(scheme)), words)
    if made != (NUM_PERM, SEED, _SCHEME, SHINGLE_WORDS):
        raise SignatureError(
            "signature made with num_perm={}, seed={}, scheme={}, shingle words={}; ".format(*made)
            + f"this version uses num_perm={NUM_PERM}, seed={SEED}, scheme={_SCHEME}, "
            f"shingle words={SHINGLE_WORDS}: recompute the stored signatures"
        )
    body = sig[_HEADER.size :]
    if len(body) != 4 * num_perm:
        raise SignatureError("near-duplicate signature is truncated; recompute it")
    return np.frombuffer(body, dtype="<u4").astype(np.uint64)


def is_current(sig: bytes) -> bool:
    """Whether a stored signature was made with this version's parameters (else recompute)."""
    try:
        _values(sig)
    except SignatureError:
        return False
    return True


def estimated_jaccard(a: bytes, b: bytes) -> float:
    """The MinHash estimate of the Jaccard similarity of two texts' shingle sets."""
    return float(np.count_nonzero(_values(a) == _values(b))) / NUM_PERM


# Banding for the stored LSH index (the ledger's minhash_bands): the parameters datasketch picks
# for Jaccard 0.3 at NUM_PERM permutations, the default threshold, whose precision and recall
# benchmarks/near_duplicates.py measures. Fixed, so that stored bands stay valid when the
# near-duplicate threshold setting changes: bands only gather candidates, and every candidate is
# then scored with ``estimated_jaccard`` against the configured threshold. Thresholds below 0.3
# lose recall.
BANDING_THRESHOLD = 0.3


@lru_cache(maxsize=1)
def band_ranges() -> tuple[tuple[int, int], ...]:
    lsh = MinHashLSH(threshold=BANDING_THRESHOLD, num_perm=NUM_PERM)
    return tuple((int(start), int(end)) for start, end in lsh.hashranges)


def band_keys(sig: bytes) -> list[tuple[int, int]]:
    """(band number, 63-bit hash of the band's values) for each band of a signature.

    Raises SignatureError for bytes that are not a signature of this version.
    """
    _values(sig)  # validates the header and the length
    body = sig[len(sig) - 4 * NUM_PERM :]  # the values follow the header, 4 bytes each
    keys = []
    for band, (start, end) in enumerate(band_ranges()):
        digest = hashlib.blake2b(body[4 * start : 4 * end], digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "big") >> 1))  # fits a signed BIGINT
    return keys


class NearDuplicateIndex:
    """Keys of stored articles by signature; ``query`` finds near copies of a new one.

    ``threshold`` is the estimated Jaccard similarity at or above which two articles are
    near-duplicates (``Settings.near_duplicate_threshold``). LSH proposes candidates; each is
    then scored against its stored signature, so a key is returned only when its estimate
    reaches the threshold. Trimming a quarter of a story already takes its Jaccard with the
    original below 0.75; on the benchmark set 0.3 gives the best F1.
    """

    def __init__(self, threshold: float) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._values: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def add(self, key: str, sig: bytes) -> None:
        """Index ``key``; adding a key again replaces its signature."""
        values = _values(sig)
        if key in self._values:
            self._lsh.remove(key)
        self._lsh.insert(key, self._lean(values), check_duplication=False)
        self._values[key] = values

    def add_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Bulk build (rebuilding from the ledger): one LSH insertion session."""
        with self._lsh.insertion_session() as session:
            for key, sig in items:
                values = _values(sig)
                if key in self._values:
                    self._lsh.remove(key)
                session.insert(key, self._lean(values), check_duplication=False)
                self._values[key] = values

    def remove(self, key: str) -> None:
        if key in self._values:
            self._lsh.remove(key)
            del self._values[key]

    def query(self, sig: bytes) -> list[str]:
        """Keys of near-duplicates of ``sig``, most similar first (ties by key)."""
        return [key for key, _ in self._scored(sig)]

    def best_match(self, sig: bytes) -> tuple[str, float] | None:
        """The most similar indexed key and its estimated Jaccard, or None below threshold."""
        scored = self._scored(sig)
        return scored[0] if scored else None

    def _scored(self, sig: bytes) -> list[tuple[str, float]]:
        values = _values(sig)
        scored = []
        for key in self._lsh.query(self._lean(values)):
            score = float(np.count_nonzero(self._values[key] == values)) / NUM_PERM
            if score >= self.threshold:
                scored.append((key, score))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored

    @staticmethod
    def _lean(values: np.ndarray) -> LeanMinHash:
        if _SCHEME == "legacy":
            return LeanMinHash(seed=SEED, hashvalues=values)
        return LeanMinHash(seed=SEED, hashvalues=values, scheme=_SCHEME)
