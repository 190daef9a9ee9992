"""extract_claims: one test per cue class, hedges, denials and chains, on sentences written here."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from newsledger.extract.claims import extract_claims
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.quotes import extract_quotes
from newsledger.records import Claim, Entity


def index_for(text: str, spec: list[tuple[str, str, list[str]]]) -> EntityIndex:
    entities = []
    for n, (name, etype, forms) in enumerate(spec, 1):
        mentions = []
        for form in forms:
            start = text.find(form)
            while start != -1:
                mentions.append((start, start + len(form)))
                start = text.find(form, start + 1)
        entities.append(Entity(f"e{n}", name, etype, aliases=forms, mentions=sorted(mentions)))
    return EntityIndex(entities)


def claims_of(nlp, text: str, spec: list[tuple[str, str, list[str]]] | None = None) -> list[Claim]:
    doc = nlp(text)
    index = index_for(text, spec or [])
    return extract_claims(doc, index, extract_quotes(doc, index))


def chain(claim: Claim) -> list[str]:
    return [s.name for s in claim.sources]


ROSS = ("Elena Ross", "PERSON", ["Elena Ross", "Ross"])
IRAN = ("Iran", "GPE", ["Iran"])


def test_claims_assert_class_gives_a_plain_positive_claim(nlp) -> None:
    [c] = claims_of(nlp, "Elena Ross said the bridge would reopen in May.", [ROSS])
    assert (c.text, chain(c), c.polarity, c.hedged) == (
        "the bridge would reopen in May",
        ["Elena Ross"],
        "positive",
        False,
    )
    assert c.sources[0].entity == "e1" and c.cue == "said"


def test_claims_report_class_names_the_medium(nlp) -> None:
    [c] = claims_of(nlp, "State television reported that the dam had burst overnight.")
    assert c.text == "the dam had burst overnight" and chain(c) == ["state television"]


def test_claims_belief_class_is_hedged(nlp) -> None:
    [c] = claims_of(nlp, "Military analysts believe the test was a rehearsal for a larger launch.")
    assert chain(c) == ["military analysts"] and c.hedged


def test_claims_allege_class_with_accused_of(nlp) -> None:
    text = "Rights groups accused the army of burning villages in the north."
    [c] = claims_of(nlp, text)
    assert "burning villages in the north" in c.text and chain(c) == ["rights groups"]
    assert c.polarity == "positive"


def test_claims_deny_class_is_negative(nlp) -> None:
    [c] = claims_of(nlp, "Iran denied that its navy had fired on the tanker.", [IRAN])
    assert (c.text, chain(c), c.polarity) == (
        "its navy had fired on the tanker",
        ["Iran"],
        "negative",
    )


def test_claims_denial_of_such_claims_points_back_at_the_allegation(nlp) -> None:
    text = (
        "Rights groups accused the army of burning villages in the north. "
        "The army has denied such claims."
    )
    spec = [("National Army", "ORG", ["The army", "the army"])]
    claims = claims_of(nlp, text, spec)
    allegation, denial = claims
    assert denial.polarity == "negative" and denial.denies == 0
    assert denial.text == allegation.text
    assert chain(denial) == ["National Army"]


def test_claims_warn_and_instruct_classes(nlp) -> None:
    warn, order = claims_of(
        nlp,
        "The agency warned that the river could flood the old town. "
        "The governor instructed that all schools stay closed on Monday.",
    )
    assert warn.text == "the river could flood the old town" and warn.hedged
    assert order.text == "all schools stay closed on Monday" and not order.hedged


def test_claims_according_to_attributes_the_rest_of_the_sentence(nlp) -> None:
    for text in (
        "According to the weather office, the storm will reach the coast tonight.",
        "The storm will reach the coast tonight, according to the weather office.",
    ):
        [c] = claims_of(nlp, text)
        assert c.text.lower() == "the storm will reach the coast tonight"
        assert chain(c) == ["the weather office"]


def test_claims_as_reported_by(nlp) -> None:
    spec = [("Evening Post", "ORG", ["Evening Post"])]
    [c] = claims_of(nlp, "As reported by the Evening Post, fares will rise in January.", spec)
    assert c.text == "fares will rise in January" and chain(c) == ["Evening Post"]


def test_claims_nested_attribution_is_a_chain_outermost_first(nlp) -> None:
    text = "According to our correspondent, state media reported that the leader left the capital."
    [c] = claims_of(nlp, text)
    assert c.text == "the leader left the capital"
    assert chain(c) == ["our correspondent", "state media"]


def test_claims_citing_puts_the_citer_first(nlp) -> None:
    spec = [("The Daily Star", "ORG", ["the Daily Star"])]
    text = "Citing a military source, the Daily Star reported that the shooting lasted an hour."
    [c] = claims_of(nlp, text, spec)
    assert chain(c) == ["The Daily Star", "a military source"]


def test_claims_impersonal_report_has_an_empty_chain(nlp) -> None:
    [c] = claims_of(nlp, "It was reported that the company had spent twelve million.")
    assert c.text == "the company had spent twelve million" and c.sources == []


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Officials said the ship may have sunk.", True),
        ("Officials said the ship could be repaired.", True),
        ("Officials said the ship had reportedly sunk.", True),
        ("Officials said the captain is thought to be alive.", True),
        ("Officials said the ship had sunk.", False),
        ("Officials said the ship, which could carry 300 people, had sunk.", False),
    ],
)
def test_claims_hedges_govern_the_content_head(nlp, sentence: str, hedged: bool) -> None:
    [c] = claims_of(nlp, sentence)
    assert c.hedged is hedged


def test_claims_pronoun_source_resolves_to_the_last_group(nlp) -> None:
    text = "Some traders suggest a quieter explanation. They think speculators bought futures."
    [c] = claims_of(nlp, text)
    assert chain(c) == ["some traders"] and c.hedged


def test_claims_quote_with_speaker_is_a_claim(nlp) -> None:
    text = '"We have waited three years for a fair offer," Elena Ross told reporters.'
    [c] = claims_of(nlp, text, [ROSS])
    assert c.text == "We have waited three years for a fair offer" and chain(c) == ["Elena Ross"]


def test_claims_narrator_inference_is_not_a_claim(nlp) -> None:
    assert claims_of(nlp, "The order suggests the factory expects sustained demand.") == []
    assert claims_of(nlp, "The storm closed three roads on Monday.") == []


def test_claims_bad_input_never_raises(nlp) -> None:
    for text in ["", "said said said that that", "According to", '"' * 200, "He denied."]:
        claims = claims_of(nlp, text)
        assert isinstance(claims, list)
        for claim in claims:  # whatever is found lies inside the text
            assert 0 <= claim.span[0] < claim.span[1] <= len(text)
            assert text[claim.span[0] : claim.span[1]] == claim.text


def test_claims_lexicon_classes_all_carry_a_note() -> None:
    folder = resources.files("newsledger.extract").joinpath("data/attribution")
    cues = tomllib.loads(folder.joinpath("cues.toml").read_text(encoding="utf-8"))
    names = {c["name"] for c in cues["class"]}
    assert {"assert", "belief", "allege", "deny", "instruct", "warn", "report"} <= names
    for entry in [*cues["class"], *cues["noun"], *cues["preposition"]]:
        assert entry.get("note"), entry
    for name in ("coref.toml", "hedges.toml", "quotes.toml", "sources.toml"):
        data = tomllib.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        assert data


def test_claims_statement_before_a_closing_cue(nlp) -> None:
    text = (
        "Talks on a ceasefire in the border war stalled on Tuesday after the two delegations "
        "failed to agree on a monitoring force, mediators said."
    )
    [c] = claims_of(nlp, text)
    assert c.text.lower().startswith("talks on a ceasefire") and chain(c) == ["mediators"]


def test_claims_said_in_a_statement_that(nlp) -> None:
    text = "The interior ministry said in a statement that the detained had attacked officers."
    [c] = claims_of(nlp, text)
    assert c.text == "the detained had attacked officers"


def test_claims_partial_quote_outside_reported_speech_is_not_a_claim(nlp) -> None:
    text = 'He instructed officials to "thoroughly modernise every production process".'
    assert claims_of(nlp, text, [("Kim Jong Un", "PERSON", ["Kim Jong Un"])]) == []


def test_claims_denial_of_an_account(nlp) -> None:
    text = (
        "The ministry said that the detained had attacked police officers. "
        "Rights lawyers dispute that account."
    )
    claims = claims_of(nlp, text)
    assert claims[-1].polarity == "negative" and claims[-1].denies == 0
    assert chain(claims[-1]) == ["rights lawyers"]


def test_claims_our_correspondent_is_the_outlets(nlp) -> None:
    text = "According to our correspondent in Lima, the president signed three decrees."
    doc = nlp(text)
    index = index_for(text, [])
    [c] = extract_claims(doc, index, extract_quotes(doc, index), outlet="WNS")
    assert chain(c) == ["WNS correspondent in Lima"]


def test_claims_condemned_as_is_an_allegation(nlp) -> None:
    text = "The navy staged live-fire manoeuvres, which Beijing condemns as provocations."
    [c] = claims_of(nlp, text, [("China", "GPE", ["Beijing"])])
    assert c.text == "live-fire manoeuvres are provocations"
    assert chain(c) == ["China"]
