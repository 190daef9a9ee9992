"""Properties of near-duplicate signatures over generated text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.fuse.near_duplicates import estimated_jaccard, signature


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_near_duplicates_estimate_is_a_symmetric_fraction(a: str, b: str) -> None:
    sa, sb = signature(a), signature(b)
    score = estimated_jaccard(sa, sb)
    assert 0.0 <= score <= 1.0
    assert score == estimated_jaccard(sb, sa)
    assert estimated_jaccard(sa, sa) == 1.0
