"""Subheads, list lines and paragraph ends start sentences; the text is never changed."""

from __future__ import annotations

import spacy

from newsledger.extract.article.sentences import COMPONENT, add_layout_component, layout_lines

TEXT = (
    "The pier reopened on Monday, the harbour master said.\n\n"
    "WHAT THE REPAIRS COST\n\n"
    "Harbour master Ana Ruiz said the work cost 3 million euros.\n\n"
    "The crew\n\n"
    "Tom Baird, 41 (diver)\n"
    "Ana Poe, 38 (welder)\n"
    "NEXT STEPS\n"
    "The council meets on Friday"
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(line.kind, text[line.start : line.end]) for line in layout_lines(text)]


def test_article_layout_lines_found():
    assert kinds(TEXT) == [
        ("subhead", "WHAT THE REPAIRS COST"),
        ("subhead", "The crew"),
        ("list item", "Tom Baird, 41 (diver)"),
        ("list item", "Ana Poe, 38 (welder)"),
        ("subhead", "NEXT STEPS"),
    ]


def test_article_layout_lines_leave_wrapped_wire_text_alone():
    wrapped = (
        "    A ministry official, who asked not to be\n"
        "named, told reporters the plant had\n"
        "stopped work on Monday.\n"
    )
    assert kinds(wrapped) == []


def test_article_layout_lines_no_subheads_in_a_capitals_telex():
    telex = "MINISTER SAYS TALKS GO ON\nTHE MINISTER SAID THE TALKS WOULD GO ON.\nOTHER NEWS\n"
    assert [k for k, _ in kinds(telex)] == []


def test_article_layout_component_starts_sentences_and_blocks_entities():
    nlp = spacy.blank("en")
    add_layout_component(nlp)
    assert nlp.pipe_names == [COMPONENT]
    doc = nlp(TEXT)
    assert doc.text == TEXT  # offsets into the text stay valid
    starts = {t.text for t in doc if t.is_sent_start}
    assert {"WHAT", "Harbour", "The", "Tom", "Ana", "NEXT"} <= starts
    # The token after a subhead starts a sentence, so the subhead cannot glue onto it.
    after_subhead = next(t for t in doc if t.text == "Harbour")
    assert after_subhead.is_sent_start
    # A subhead in capitals is blocked for the entity recogniser: marked, with no label.
    blocked = [t.text for t in doc if t.ent_iob_ == "B" and not t.ent_type_]
    assert blocked == ["WHAT", "THE", "REPAIRS", "COST", "NEXT", "STEPS"]


def test_article_sentence_ends_after_a_weapon_designation(nlp):
    # the full stop after "T-72B" is no initial's ("U.S."): the next sentence starts there
    doc = nlp("The army bought more T-72B. Navy officials said parliament could veto the deal.")
    assert [t.text for t in doc][:6] == ["The", "army", "bought", "more", "T-72B", "."]
    assert len(list(doc.sents)) == 2
    said = next(t for t in doc if t.text == "said")
    assert said.dep_ == "ROOT"
    assert [t.text for t in nlp("The U.S. Navy sailed.")][:2] == ["The", "U.S."]
