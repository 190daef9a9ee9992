"""Near-duplicate detection: signatures, the LSH index, and what counts as a copy."""

from __future__ import annotations

import random

import pytest

from newsledger.fuse.near_duplicates import (
    NUM_PERM,
    NearDuplicateIndex,
    SignatureError,
    estimated_jaccard,
    is_current,
    normalize,
    shingles,
    signature,
)

# Written for these tests: one wire story, a re-post of it, and two other stories on the
# same topic (central-bank rate decisions) that share its vocabulary but not its text.
ORIGINAL = (
    "The central bank of Norland raised its main interest rate by a quarter of a percentage "
    "point to 4.5 percent on Thursday, its third increase this year, saying that inflation in "
    "services and rents had proved more stubborn than expected. Governor Ilse Marten told a "
    "news conference in the capital that the board was ready to act again if wage settlements "
    "in the spring pushed prices higher. Most economists polled before the meeting had "
    "expected the bank to hold rates steady after figures last week showed the economy "
    "shrinking slightly in the final quarter. The currency rose half a percent against the "
    "euro after the announcement, while government bond yields climbed to their highest level "
    "since October. Retail groups warned that higher borrowing costs would weigh on spending "
    "ahead of the holiday season, and the finance ministry said it would review its growth "
    "forecast next month."
)

REPOST = (
    "Norland surprises markets with third rate rise\n"
    "Subscribe to our newsletter for the latest business news.\n"
    + ORIGINAL.replace("Thursday", "Thursday afternoon").replace("stubborn", "persistent")
    + "\nCopyright 2024 Capital Daily. All rights reserved. Share this article."
)

SAME_TOPIC = [
    "The central bank of Sudria left its benchmark interest rate unchanged at 3 percent on "
    "Wednesday, saying inflation was falling faster than it had forecast in the autumn. The "
    "bank's deputy governor said the board saw no need to raise rates again this year and "
    "might consider a cut if unemployment kept rising. Analysts had been divided before the "
    "decision, with several expecting a small increase after a jump in food prices in March. "
    "The currency slipped against the dollar and stocks in the capital rose one percent.",
    "Inflation in Norland eased to 5.1 percent in February from 5.6 percent a month earlier, "
    "the statistics office said on Monday, as energy prices fell for a second month. Core "
    "inflation, which strips out food and fuel, held at 4.8 percent, a level the central bank "
    "has called too high. Economists said the figures made a rate increase at the bank's "
    "meeting next week likely, though some argued that the weak economy argued for a pause. "
    "Bond yields were little changed after the release.",
]


def test_near_duplicates_normalize_folds_case_and_punctuation() -> None:
    assert normalize("The BANK's rate—4.5%!") == ["the", "bank", "s", "rate", "4", "5"]
    assert normalize("ﬁnance") == ["finance"]  # compatibility ligature folded


def test_near_duplicates_shingles() -> None:
    assert shingles("a b c d e") == {b"a b c d", b"b c d e"}
    assert shingles("a b c d e", size=3) == {b"a b c", b"b c d", b"c d e"}
    assert shingles("two words") == {b"two words"}
    assert shingles("  ...  ") == set()


def test_near_duplicates_signature_is_stable_bytes() -> None:
    sig = signature(ORIGINAL)
    assert isinstance(sig, bytes)
    assert sig == signature(ORIGINAL)
    assert len(sig) == 13 + 4 * NUM_PERM
    assert estimated_jaccard(sig, sig) == 1.0


def test_near_duplicates_signature_ignores_case_and_spacing() -> None:
    assert signature(ORIGINAL) == signature("  " + ORIGINAL.upper().replace(" ", "\n  "))


def test_near_duplicates_repost_scores_high_and_same_topic_low() -> None:
    original = signature(ORIGINAL)
    assert estimated_jaccard(original, signature(REPOST)) >= 0.6
    for other in SAME_TOPIC:
        assert estimated_jaccard(original, signature(other)) < 0.1


def test_near_duplicates_index_finds_the_repost() -> None:
    index = NearDuplicateIndex(threshold=0.6)
    index.add("original", signature(ORIGINAL))
    for n, text in enumerate(SAME_TOPIC):
        index.add(f"other-{n}", signature(text))
    assert index.query(signature(REPOST)) == ["original"]
    key, score = index.best_match(signature(REPOST))
    assert key == "original" and 0.6 <= score < 1.0
    assert index.query(signature(SAME_TOPIC[0])) == ["other-0"]
    unrelated = "Heavy snow closed mountain passes and cancelled dozens of flights on Sunday."
    assert index.query(signature(unrelated)) == []
    assert index.best_match(signature(unrelated)) is None


def test_near_duplicates_best_first() -> None:
    index = NearDuplicateIndex(threshold=0.5)
    index.add("repost", signature(REPOST))
    index.add("exact", signature(ORIGINAL))
    assert index.query(signature(ORIGINAL)) == ["exact", "repost"]


def test_near_duplicates_threshold_applies_to_the_estimate() -> None:
    # LSH may propose candidates below the threshold; they are scored and dropped.
    strict = NearDuplicateIndex(threshold=0.95)
    strict.add("original", signature(ORIGINAL))
    assert strict.query(signature(REPOST)) == []
    assert strict.query(signature(ORIGINAL)) == ["original"]


def test_near_duplicates_add_again_replaces_and_remove() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    index.add("a", signature(SAME_TOPIC[0]))
    index.add("a", signature(ORIGINAL))
    assert len(index) == 1 and "a" in index
    assert index.query(signature(ORIGINAL)) == ["a"]
    assert index.query(signature(SAME_TOPIC[0])) == []
    index.remove("a")
    assert len(index) == 0 and index.query(signature(ORIGINAL)) == []
    index.remove("a")  # removing a missing key is harmless


def test_near_duplicates_add_many_matches_add() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(800)]
    texts = [" ".join(rng.choices(vocabulary, k=120)) for _ in range(300)]
    sigs = [(f"k{n}", signature(t)) for n, t in enumerate(texts)]
    bulk = NearDuplicateIndex(threshold=0.8)
    bulk.add_many(sigs)
    one_by_one = NearDuplicateIndex(threshold=0.8)
    for key, sig in sigs:
        one_by_one.add(key, sig)
    assert len(bulk) == 300
    for key, sig in sigs[::37]:
        assert bulk.query(sig) == one_by_one.query(sig) == [key]


def test_near_duplicates_bad_signatures_are_refused() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    good = signature(ORIGINAL)
    with pytest.raises(SignatureError, match="too short"):
        index.add("x", b"abc")
    with pytest.raises(SignatureError, match="unknown format"):
        index.add("x", b"XXXX" + good[4:])
    with pytest.raises(SignatureError, match="truncated"):
        index.query(good[:-4])
    other_perm = good[:5] + (64).to_bytes(2, "little") + good[7:]
    with pytest.raises(SignatureError, match="recompute the stored signatures"):
        index.add("x", other_perm)


@pytest.mark.parametrize("threshold", [0.0, -0.1, 1.5])
def test_near_duplicates_threshold_must_be_a_fraction(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold)


def test_near_duplicates_is_current() -> None:
    good = signature(ORIGINAL)
    assert is_current(good)
    assert not is_current(good[:-4])
    assert not is_current(b"")
    assert not is_current(good[:12] + bytes([3]) + good[13:])  # other shingle size
