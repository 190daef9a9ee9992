"""Adversarial quote marks through the whole pipeline: a record, never an exception.

Timing lives in benchmarks/quotes_bounded.py; these cases are small so the suite stays fast.
"""

from __future__ import annotations

import pytest

from newsledger.extract.quotes import attribution_lexicon

BASE = (
    "Officials said the talks would resume next week. The minister told reporters that the "
    "plan was on track, according to state media. Analysts believe the deal could collapse.\n\n"
) * 6

CASES = {
    "hundreds_of_marks": ' "a" "b' * 300 + '"' + BASE,
    "curly_unbalanced": "\u201c" * 200 + BASE + "\u201d" * 90,
    "no_sentence_breaks": " ".join(
        w.strip(".") + (' said "we' if i % 40 == 0 else "") for i, w in enumerate(BASE.split())
    ),
    "only_quote_marks": '"' * 600,
    "guillemets_and_singles": "\u00ab \u2039 ' \u2018 \u00bb \u203a ' \u2019 " * 80,
    "one_quote_spans_text": "\u201c" + BASE + "\u201d he said.",
    "unclosed_first_mark": "\u201c" + BASE,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_quotes_bounded_adversarial_input_gives_a_record(name: str) -> None:
    from newsledger import extract

    record = extract(CASES[name], uri=f"<{name}>")
    limit = attribution_lexicon().max_chars
    assert all(len(q.text) <= limit for q in record.quotes)
    assert all(c.span[0] <= c.span[1] for c in record.claims)
    record.to_dict()  # serialisable
