"""The tabled attribute ruler and lemmatizer give spaCy's own annotations, token for token."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler

from newsledger.extract.tagging_tables import (
    SHIPPED_NAMES,
    TabledAttributeRuler,
    table_tagging,
)
from newsledger.settings import resolve_model_name

# Sentences of our own that reach the ruler's rarer rules: contractions it re-lemmatizes over
# two tokens ("ain't", "gonna", "let's"), a dropped-g form, runs of spaces, an empty line.
SENTENCES = [
    "The ministry said on Tuesday that it ain't going to lift the ban, and let's be clear.",
    "Officials are gonna review nothin' until the convoy has crossed the border.",
    "He'd said they're  ready;   the drills, which began at 0600 GMT, ended early.\n\nQuiet.",
    "Ships were seen, reportedly, near the port of Nampo - a claim Seoul denied.",
    "I'm told we've no plans, \"none whatsoever\", to deploy more troops there.",
]
COLUMNS = [ORTH, POS, TAG, DEP, HEAD, LEMMA, MORPH]


@pytest.fixture(scope="module")
def shipped_and_tabled():
    name = resolve_model_name(None)
    shipped = spacy.load(name)
    tabled = spacy.load(name)
    assert table_tagging(tabled) == ["attribute_ruler", "lemmatizer"]
    return shipped, tabled


def test_tabled_components_take_the_shipped_names_and_switch_the_shipped_ones_off(
    shipped_and_tabled,
):
    shipped, tabled = shipped_and_tabled
    assert tabled.pipe_names == shipped.pipe_names
    assert set(SHIPPED_NAMES.values()) <= set(tabled.disabled)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tabled_annotations_equal_the_shipped_ones(shipped_and_tabled, sentence):
    shipped, tabled = shipped_and_tabled
    expected, got = shipped(sentence), tabled(sentence)
    assert (expected.to_array(COLUMNS) == got.to_array(COLUMNS)).all()
    assert [(t.lemma_, str(t.morph), t.pos_) for t in got] == [
        (t.lemma_, str(t.morph), t.pos_) for t in expected
    ]


def test_tabled_annotations_hold_when_the_table_is_warm(shipped_and_tabled):
    shipped, tabled = shipped_and_tabled
    text = " ".join(SENTENCES)
    for _ in range(2):  # the second pass reads every answer from the tables
        assert (shipped(text).to_array(COLUMNS) == tabled(text).to_array(COLUMNS)).all()


def test_the_rule_that_fires_last_wins_as_in_the_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "drill"}]], {"POS": "NOUN", "LEMMA": "drill"})
    ruler.add([[{"LOWER": {"IN": ["drill", "drills"]}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": "live"}, {"LOWER": "drill"}]], {"LEMMA": "live-fire drill"}, index=1)
    tabled = TabledAttributeRuler.from_ruler(ruler)
    assert tabled is not None
    text = "A live drill, then another drill and drills."
    doc = tabled(nlp.make_doc(text))
    assert [(t.text, t.pos_, t.lemma_) for t in doc if t.lower_.startswith("drill")] == [
        ("drill", "VERB", "live-fire drill"),
        ("drill", "VERB", "drill"),
        ("drills", "VERB", ""),
    ]
    by_ruler = ruler(nlp.make_doc(text))
    assert [(t.pos_, t.lemma_) for t in doc] == [(t.pos_, t.lemma_) for t in by_ruler]


def test_a_ruler_with_a_quantified_pattern_stays_as_shipped():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]], {"LEMMA": "big"}, index=-1)
    assert TabledAttributeRuler.from_ruler(ruler) is None
    assert table_tagging(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]


def test_patterns_over_several_tokens_set_what_the_ruler_sets():
    # tabled: a rule on a pair's last token, a rule on overlapping pairs ("drill drill drill"),
    # a pair cut off by the end of the text; by Matcher: a pair that tests the exact spelling
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "fire"}, {"LOWER": "drill"}]], {"LEMMA": "fire drill"}, index=-1)
    ruler.add([[{"LOWER": "drill"}, {"LOWER": "drill"}]], {"POS": "NOUN"}, index=0)
    ruler.add([[{"ORTH": "Fire"}, {"LOWER": "drill"}]], {"LEMMA": "Fire drill"}, index=1)
    ruler.add([[{"LOWER": "a"}, {"LOWER": "fire"}]], {"POS": "DET"}, index=0)
    tabled = TabledAttributeRuler.from_ruler(ruler)
    assert tabled is not None
    text = "Fire drill drill drill, then a fire drill and a fire"
    doc = tabled(nlp.make_doc(text))
    by_ruler = ruler(nlp.make_doc(text))
    assert [(t.pos_, t.lemma_) for t in doc] == [(t.pos_, t.lemma_) for t in by_ruler]
    assert [t.lemma_ for t in doc][:4] == ["", "Fire drill", "", ""]
    assert [t.pos_ for t in doc][:4] == ["", "NOUN", "NOUN", ""]
