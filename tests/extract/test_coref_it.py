"""resolve_mention on "it"/"its" in parsed news sentences: expletives, same-sentence
possessors and subjects, and giving up when nothing fits."""

from __future__ import annotations

import pytest

from newsledger.extract.coref import resolve_mention
from tests.extract.test_coref_chain import index_for

# (text, entities as (name, type, surface forms), the pronoun, which occurrence, expected name)
CASES = [
    (
        "The Coast Guard Command said a patrol boat had been seized. It was the South's "
        "second seizure since it signed a maritime pact with its neighbour in March.",
        [("Coast Guard Command", "ORG", ["Coast Guard Command"]), ("South", "GPE", ["South"])],
        "it signed",
        0,
        "South",
    ),
    (
        "The Harbour Authority reported a fall in traffic. It was Norway's steepest decline "
        "since it joined the shipping union in 1994.",
        [("Harbour Authority", "ORG", ["Harbour Authority"]), ("Norway", "GPE", ["Norway"])],
        "it joined",
        0,
        "Norway",
    ),
    (
        "The Mining Council published its annual report. It was the first time in a decade "
        "that output had fallen.",
        [("Mining Council", "ORG", ["Mining Council"])],
        "It was",
        0,
        None,
    ),
    (
        "The Red Cross sent two convoys on Monday. It is unclear whether more aid will follow.",
        [("Red Cross", "ORG", ["Red Cross"])],
        "It is",
        0,
        None,
    ),
    (
        "The Space Command said a rocket had been seen. It was the East's first launch "
        "since it tested a booster in June.",
        [("Space Command", "ORG", ["Space Command"]), ("East", "LOC", ["East"])],
        "it tested",
        0,
        "East",
    ),
    (
        "The Fisheries Board met on Monday. It was reported that two trawlers had sunk.",
        [("Fisheries Board", "ORG", ["Fisheries Board"])],
        "It was",
        0,
        None,
    ),
    (
        "Estonia adopted the euro in 2011. It was the first country in the region to do so.",
        [("Estonia", "GPE", ["Estonia"])],
        "It was",
        0,
        "Estonia",
    ),
    (
        "The Finance Ministry released new figures. Portugal's deficit widened as its exports "
        "fell for a third month.",
        [("Finance Ministry", "ORG", ["Finance Ministry"]), ("Portugal", "GPE", ["Portugal"])],
        "its exports",
        0,
        "Portugal",
    ),
    (
        "The United Nations issued a warning on Monday. Peru said it would appeal the ruling.",
        [("United Nations", "ORG", ["United Nations"]), ("Peru", "GPE", ["Peru"])],
        "it would",
        0,
        "Peru",
    ),
    (
        "Acme Holdings reported a higher profit on Tuesday. It said sales rose in Asia.",
        [("Acme Holdings", "ORG", ["Acme Holdings"]), ("Asia", "LOC", ["Asia"])],
        "It said",
        0,
        "Acme Holdings",
    ),
    (
        "The weather agency said Chile's rivers were rising, and it urged residents to leave.",
        [("weather agency", "ORG", ["weather agency"]), ("Chile", "GPE", ["Chile"])],
        "it urged",
        0,
        "weather agency",
    ),
    (
        "Maria Lopez spoke to reporters on Tuesday. She said it would rain.",
        [("Maria Lopez", "PERSON", ["Maria Lopez"])],
        "it would",
        0,
        None,
    ),
    (
        "The Port Authority closed two docks. Anna Weber said on Friday that it had run out "
        "of money.",
        [("Port Authority", "ORG", ["Port Authority"]), ("Anna Weber", "PERSON", ["Anna Weber"])],
        "it had",
        0,
        "Port Authority",
    ),
]


@pytest.mark.parametrize(("text", "spec", "needle", "nth", "expected"), CASES)
def test_coref_it_resolves_by_sentence_and_clause(nlp, text, spec, needle, nth, expected) -> None:
    doc = nlp(text)
    start = -1
    for _ in range(nth + 1):
        start = text.find(needle, start + 1)
    assert start != -1, needle
    end = start + (3 if needle.lower().startswith("its") else 2)
    entity = resolve_mention(doc, start, end, index_for(text, spec))
    assert (entity.name if entity else None) == expected
