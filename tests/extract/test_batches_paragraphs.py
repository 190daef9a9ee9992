"""Long texts parsed in paragraph batches: same text, same offsets, bounded pieces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsledger.extract.batches import paragraph_batches, parse_long

# Paragraphs written for this test.
PARAGRAPHS = [
    "The harbour master of Lindqvist said on Monday that the northern pier would close.",
    "Repairs to the sea wall are expected to last until the end of March, officials said.",
    "Fishing crews will moor at the southern basin while the work goes on.",
]


@given(st.text(alphabet=st.sampled_from("ab .\n\t?"), max_size=400), st.integers(5, 60))
def test_batches_join_back_to_the_text(text: str, max_chars: int) -> None:
    pieces = paragraph_batches(text, max_chars)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= max_chars for p in pieces)


def test_batches_cut_after_paragraph_breaks() -> None:
    text = "\n\n".join(PARAGRAPHS)
    pieces = paragraph_batches(text, 120)
    assert pieces == [PARAGRAPHS[0] + "\n\n", PARAGRAPHS[1] + "\n\n", PARAGRAPHS[2]]


def test_batches_cut_a_long_paragraph_after_a_sentence() -> None:
    text = " ".join(PARAGRAPHS)
    pieces = paragraph_batches(text, 120)
    assert pieces[0] == PARAGRAPHS[0] + " "


def test_parse_long_keeps_offsets_and_entities(nlp) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    whole = nlp(text)
    joined = parse_long(nlp, text, max_chars=200)
    assert joined.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in joined.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    ]
    # no sentence runs across a batch cut
    starts = {s.start_char for s in joined.sents}
    offset = 0
    for piece in paragraph_batches(text, 200):
        assert offset in starts
        offset += len(piece)


def test_extract_of_a_long_text_goes_through_batches(monkeypatch) -> None:
    import importlib

    from newsledger import extract

    # (``newsledger.extract`` the attribute is the function; import the modules by name)
    pipeline = importlib.import_module("newsledger.extract.pipeline")

    text = "Harbour works begin\n\n" + "\n\n".join(PARAGRAPHS)
    whole = extract(text, reference_date="2026-02-02")
    calls: list[int] = []

    def spy(nlp, body, max_chars=0):
        calls.append(len(body))
        return parse_long(nlp, body, max_chars=90)

    monkeypatch.setattr(pipeline, "LONG_TEXT_CHARS", 50)
    monkeypatch.setattr(pipeline, "parse_long", spy)
    batched = extract(text, reference_date="2026-02-02")
    assert calls == [len(whole.text)]
    assert batched.to_dict() == whole.to_dict()
