"""find_quotations / quote_text: pairing quote marks on plain text, no model needed."""

from __future__ import annotations

from newsledger.extract.quotes import attribution_lexicon, find_quotations, quote_text


def _texts(text: str) -> list[str]:
    return [quote_text(text, q)[0] for q in find_quotations(text)]


def test_quotes_pairs_curly_straight_and_guillemets() -> None:
    assert _texts("\u201cWe will win,\u201d she said.") == ["We will win"]
    assert _texts('"We will win," she said.') == ["We will win"]
    assert _texts("\u00abNous gagnerons\u00bb, a-t-il dit.") == ["Nous gagnerons"]
    assert _texts("He called it \u2018a disgrace\u2019 on Monday.") == ["a disgrace"]


def test_quotes_pairs_british_single_straight_marks_but_not_apostrophes() -> None:
    text = "'The plan isn't dead,' the mayor's aide said of the workers' union."
    assert _texts(text) == ["The plan isn't dead"]


def test_quotes_ignores_apostrophes_and_decades() -> None:
    assert _texts("Korea\u2019s leader didn\u2019t say so in the '90s.") == []


def test_quotes_text_drops_marks_and_inner_trailing_comma_or_stop_only() -> None:
    text = '"Is it over?" he asked. "No. Not yet." "Wait..." '
    assert _texts(text) == ["Is it over?", "No. Not yet", "Wait..."]


def test_quotes_continues_over_paragraphs_opened_again() -> None:
    text = (
        '"This budget is about repair.\n\n'
        '"We cut waste and protected schools," Marsh said.\n\nThe opposition objected.'
    )
    [q] = find_quotations(text)
    assert len(q.parts) == 2 and q.closed
    assert quote_text(text, q)[0] == (
        "This budget is about repair. We cut waste and protected schools"
    )


def test_quotes_unclosed_mark_ends_with_its_paragraph() -> None:
    text = '"Rivers are still rising, a forecaster said.\n\nAid agencies said 20,000 people left.'
    [q] = find_quotations(text)
    assert not q.closed
    assert quote_text(text, q)[0] == "Rivers are still rising, a forecaster said"


def test_quotes_reuters_indented_paragraphs_are_paragraphs() -> None:
    text = '    "We are ready, he said.\n    Officials said "nothing" changed.'
    quotes = _texts(text)
    assert quotes[0] == "We are ready, he said"
    assert "nothing" in quotes


def test_quotes_length_is_bounded_for_a_mark_that_never_closes() -> None:
    limit = attribution_lexicon().max_chars
    text = "\u201c" + "word " * 100_000
    [q] = find_quotations(text)
    start, end = quote_text(text, q)[1]
    assert end - start <= limit


def test_quotes_hundreds_of_marks_stay_paired_and_bounded() -> None:
    text = ' "a" "b' * 500 + '"'
    found = find_quotations(text)
    assert found and all(
        q.close_pos - q.open_pos <= attribution_lexicon().max_chars + 2 for q in found
    )


def test_quotes_empty_and_markless_text() -> None:
    assert find_quotations("") == []
    assert find_quotations("No quotes here at all.") == []


def test_quotes_marks_a_curly_quote_closed_by_a_straight_mark() -> None:
    from newsledger import extract

    record = extract(
        'Lawmakers objected.\n\n\u201cThe recent moves are deeply troubling," said Rep. Anna '
        'Kova, D-Wash., and chairman of the committee. "The decision was made without us."\n',
        reference_date="2031-04-02",
    )
    assert [(q.text, q.speaker) for q in record.quotes] == [
        ("The recent moves are deeply troubling", "Anna Kova"),
        ("The decision was made without us", "Anna Kova"),
    ]


def test_quotes_marks_a_straight_pair_inside_a_curly_quote_stays_inside() -> None:
    from newsledger.extract.quotes import find_quotations

    text = (
        '\u201cThe so-called "peace plan" is a trap,\u201d the minister said. \u201c"We are ready."'
    )
    spans = find_quotations(text)
    assert text[spans[0].inner[0] : spans[0].inner[1]] == 'The so-called "peace plan" is a trap,'
    assert text[spans[1].inner[0] : spans[1].inner[1]].strip('"') == "We are ready."
