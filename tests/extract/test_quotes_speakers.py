"""extract_quotes: speech or not, and who said it (parsed with the project's spaCy model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.quotes import extract_quotes, speaker_token
from newsledger.records import Entity


def index_for(text: str, spec: list[tuple[str, str, list[str]]]) -> EntityIndex:
    """Entities from (name, type, surface forms); every occurrence of a form is a mention."""
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


KIM = ("Kim Jong Un", "PERSON", ["Kim Jong Un", "Kim"])
KCNA = ("Korean Central News Agency", "ORG", ["Korean Central News Agency", "KCNA"])


def _quotes(nlp, text: str, spec: list[tuple[str, str, list[str]]]) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    return [(q.text, q.speaker) for q in extract_quotes(doc, index_for(text, spec))]


def test_quotes_speaker_after_the_quote(nlp) -> None:
    text = (
        "Kim visited a shipyard on Monday. \u201cThe navy comes first in our plans this year,"
        "\u201d Kim was quoted as saying."
    )
    assert _quotes(nlp, text, [KIM]) == [
        ("The navy comes first in our plans this year", "Kim Jong Un")
    ]


def test_quotes_speaker_before_the_quote_through_a_pronoun(nlp) -> None:
    text = 'Kim Jong Un toured the shipyard. He said: "We will build more submarines."'
    assert _quotes(nlp, text, [KIM]) == [("We will build more submarines", "Kim Jong Un")]


def test_quotes_partial_quote_in_reported_speech(nlp) -> None:
    text = "Kim said the navy must \u201cdouble the number of patrol boats\u201d by spring."
    assert _quotes(nlp, text, [KIM]) == [("double the number of patrol boats", "Kim Jong Un")]


def test_quotes_scare_quote_attributed_by_described_as(nlp) -> None:
    text = (
        "Kim inspected stocks of what KCNA described as \u201chigh-precision guided rockets.\u201d"
    )
    assert _quotes(nlp, text, [KIM, KCNA]) == [
        ("high-precision guided rockets", "Korean Central News Agency")
    ]


def test_quotes_titles_and_narrator_labels_are_not_quotes(nlp) -> None:
    text = (
        'The senator spoke on the radio\'s "Evening Desk" program on Sunday. The so-called "loyal '
        'wingman" drones fly beside jets. Officials said the Moscow-backed "Blue Flag" rebels '
        "were armed."
    )
    assert _quotes(nlp, text, []) == []


def test_quotes_unnamed_speaker_keeps_its_phrase(nlp) -> None:
    text = '"It was not a routine transit," a Norwegian defence official said.'
    assert _quotes(nlp, text, []) == [
        ("It was not a routine transit", "a Norwegian defence official")
    ]


def test_quotes_later_mention_of_unnamed_speaker_is_the_same_source(nlp) -> None:
    text = (
        "U.S. defense officials said the navy was ready. "
        '"We told them we would help," one of the officials said.'
    )
    [(quote, speaker)] = _quotes(nlp, text, [])
    assert quote == "We told them we would help" and speaker == "U.S. defense officials"


def test_quotes_speaker_is_null_when_the_text_does_not_say(nlp) -> None:
    text = 'The storm passed. "Everything is gone and nobody came to help us."'
    assert _quotes(nlp, text, []) == [("Everything is gone and nobody came to help us", None)]


def test_quotes_transcript_label_names_the_speaker(nlp) -> None:
    text = 'Health minister Wanjiru Kamau: "Every county will receive its doses by Friday."'
    spec = [("Wanjiru Kamau", "PERSON", ["Wanjiru Kamau"])]
    assert _quotes(nlp, text, spec) == [
        ("Every county will receive its doses by Friday", "Wanjiru Kamau")
    ]


def test_quotes_apposed_name_after_the_quote(nlp) -> None:
    text = "'The design is wrong,' the council's planning chair, Priya Shah, said."
    spec = [("Priya Shah", "PERSON", ["Priya Shah"])]
    assert _quotes(nlp, text, spec) == [("The design is wrong", "Priya Shah")]


def test_quotes_cue_ids_and_offsets(nlp) -> None:
    text = '"Prices will fall," Ingrid Solberg said.'
    doc = nlp(text)
    [q] = extract_quotes(doc, index_for(text, [("Ingrid Solberg", "PERSON", ["Ingrid Solberg"])]))
    assert q.speaker_entity == "e1" and q.cue == "said"
    assert text[q.span[0] : q.span[1]] == "Prices will fall"


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        '""""""""',
        "\u201c" * 300,
        '"' + "no end " * 2000,
        "\u201cA\u201d \u201cB\u201d " * 200,
        "\u00bb reversed \u00ab marks \u203a and \u2039",
    ],
)
def test_quotes_bad_marks_never_raise(nlp, text: str) -> None:
    doc = nlp(text)
    quotes = extract_quotes(doc, index_for(text, []))
    assert all(len(q.text) <= 2600 for q in quotes)


def test_quotes_unnamed_speaker_quoted_as_saying_is_only_the_noun_phrase(nlp) -> None:
    # the parser hangs "as saying" on the noun; the speaker is "a witness", not the sentence
    text = 'The paper quoted a witness as saying: "They fired first from the ridge."'
    assert _quotes(nlp, text, []) == [("They fired first from the ridge", "a witness")]


def test_quotes_the_paper_after_a_statement_is_the_newspaper(nlp) -> None:
    text = (
        "The Ministry of Ports issued a statement on Monday. The Haedo Sinmun, in a commentary "
        'on Tuesday, called the plan reckless. "Peace cannot be begged for," the paper said.'
    )
    spec = [
        ("Ministry of Ports", "ORG", ["Ministry of Ports"]),
        ("Haedo Sinmun", "ORG", ["Haedo Sinmun"]),
    ]
    assert _quotes(nlp, text, spec) == [("Peace cannot be begged for", "Haedo Sinmun")]


def test_quotes_a_cue_after_a_contrasting_conjunction_belongs_to_its_own_clause(nlp) -> None:
    text = (
        'Lima has described its claim as "indisputable", while Quito insists the 1998 treaty '
        'is "final and binding".'
    )
    spec = [("Peru", "GPE", ["Lima"]), ("Ecuador", "GPE", ["Quito"])]
    assert _quotes(nlp, text, spec) == [
        ("indisputable", "Peru"),
        ("final and binding", "Ecuador"),
    ]


def test_quotes_he_added_goes_on_from_a_speaker_named_in_a_label(nlp) -> None:
    # the label names Moreau without making her a subject; "He added" is still Moreau going
    # on, not the last person the text made a subject
    text = (
        "President Okafor was touring the north. Defence minister Paul Moreau: \u201cThis "
        "incursion is completely unacceptable.\u201d\n\nHe added in a radio interview: "
        "\u201cOur patience has limits.\u201d"
    )
    spec = [("Chidi Okafor", "PERSON", ["Okafor"]), ("Paul Moreau", "PERSON", ["Paul Moreau"])]
    assert [s for _, s in _quotes(nlp, text, spec)] == ["Paul Moreau", "Paul Moreau"]


def test_quotes_where_the_speakers_said_it_is_not_part_of_who_they_are(nlp) -> None:
    text = 'The four foreign ministers in their statement said they "call for an end to shelling".'
    assert _quotes(nlp, text, []) == [("call for an end to shelling", "the four foreign ministers")]


def test_quotes_footage_speaks_for_whoever_released_it(nlp) -> None:
    text = (
        'The army has since released footage claiming to show smugglers loading the "ghost boats".'
    )
    assert _quotes(nlp, text, []) == [("ghost boats", "the army")]


def test_quotes_a_treaty_told_in_someones_words_is_that_persons_quote(nlp) -> None:
    text = (
        "Prime Minister Aino Virta said the agreement stressed the need for unity "
        '"between our peoples and countries."'
    )
    spec = [("Aino Virta", "PERSON", ["Aino Virta"])]
    assert _quotes(nlp, text, spec) == [("between our peoples and countries", "Aino Virta")]


def test_quotes_he_added_after_another_person_is_named_is_that_person(nlp) -> None:
    # a person named between the two quotes is who "he" goes on from, not the last speaker
    text = (
        "\u201cWe will fight to the end,\u201d said Tomas Varga.\n\nPaul Moreau answered in a "
        "radio address on Monday. He added: \u201cWe will win this war.\u201d"
    )
    spec = [("Tomas Varga", "PERSON", ["Tomas Varga"]), ("Paul Moreau", "PERSON", ["Paul Moreau"])]
    assert [s for _, s in _quotes(nlp, text, spec)] == ["Tomas Varga", "Paul Moreau"]


BERG = ("Jan Berg", "PERSON", ["Jan Berg", "Berg"])
OSTMARK = ("Ostmark Securities", "ORG", ["Ostmark Securities", "Ostmark"])


@pytest.mark.parametrize(
    "text",
    [
        '"The field looks shallow and wide," Jan Berg of stockbroker Ostmark Securities said.',
        'In a statement, Jan Berg, Ostmark chairman said the sale "marks a turning point in our '
        'plan."',
        '"We have the rigs to drill the field," Jan Berg, Ostmark\'s Vice-President for '
        "Exploration said.",
        'Ostmark vice-president of sales Jan Berg said the talks had been "going on for a long '
        'time."',
    ],
    ids=["name_of_firm", "name_comma_title", "name_comma_long_title", "title_then_name"],
)
def test_quotes_a_speaker_split_into_two_subjects_is_the_name(nlp, text) -> None:
    # the parser can give "said" both the name and its description as subjects
    assert [s for _, s in _quotes(nlp, text, [BERG, OSTMARK])] == ["Jan Berg"]


def test_quotes_a_title_that_is_the_next_clauses_subject_is_no_title(nlp) -> None:
    # "Pavel Ruud, a Trade Ministry spokesman said": the spokesman says it; Ruud is no spokesman
    text = (
        "Exports fell in March, hurting the firm run by Pavel Ruud, a Trade Ministry spokesman "
        "said. The spokesman, who asked not to be named, said the drop was temporary. Ruud has "
        "denied any wrongdoing. Shares in the firm fell on Monday. Analysts were cautious. "
        "Buyers stayed away. Prices were steady. Asked whether the plant would close, the Trade "
        'Ministry spokesman replied: "I would think so."'
    )
    spec = [
        ("Pavel Ruud", "PERSON", ["Pavel Ruud", "Ruud"]),
        ("Trade Ministry", "ORG", ["Trade Ministry"]),
    ]
    assert [s for _, s in _quotes(nlp, text, spec)] != ["Pavel Ruud"]


def test_quotes_he_after_a_quote_is_not_whom_the_quote_talks_about(nlp) -> None:
    text = (
        "President Jan Weber is willing to talk, budget chief Pavel Ruud said on Monday. Ruud "
        'would not say which taxes the president might accept. "The president is not going to '
        'take a sucker punch. He is not going to sign a blank cheque," he emphasized.'
    )
    spec = [
        ("Jan Weber", "PERSON", ["Jan Weber"]),
        ("Pavel Ruud", "PERSON", ["Pavel Ruud", "Ruud"]),
    ]
    assert [s for _, s in _quotes(nlp, text, spec)] == ["Pavel Ruud"]


def test_quotes_a_time_read_as_a_second_subject_is_not_the_speaker(nlp) -> None:
    text = (
        "A parliamentary motion, signed by 98 MPs, today urged the government to "
        '"coordinate action with its allies."'
    )
    assert _quotes(nlp, text, []) == [
        ("coordinate action with its allies", "a parliamentary motion")
    ]


# parses the model gives some sentences, with the speaker's phrase split into two subjects of
# "said": (word, head, dependency, part of speech, tag)
SPLIT_SUBJECTS = {
    # "Ostmark AG <OSTG.F> said talks stalled.": the phrase's first name speaks
    "ticker": (
        [
            ("Ostmark", 1, "compound", "PROPN", "NNP"),
            ("AG", 5, "nsubj", "PROPN", "NNP"),
            ("<", 5, "punct", "PUNCT", "XX"),
            ("OSTG.F", 5, "nsubj", "PROPN", "NNP"),
            (">", 3, "punct", "PUNCT", "-RRB-"),
            ("said", 5, "ROOT", "VERB", "VBD"),
            ("talks", 7, "nsubj", "NOUN", "NNS"),
            ("stalled", 5, "ccomp", "VERB", "VBD"),
        ],
        "AG",
    ),
    # "A survey released after trading said prices rose.": the survey speaks, not "trading"
    "participle": (
        [
            ("A", 1, "det", "DET", "DT"),
            ("survey", 5, "nsubj", "NOUN", "NN"),
            ("released", 1, "acl", "VERB", "VBN"),
            ("after", 5, "mark", "SCONJ", "IN"),
            ("trading", 5, "nsubj", "NOUN", "NN"),
            ("said", 5, "ROOT", "VERB", "VBD"),
            ("prices", 7, "nsubj", "NOUN", "NNS"),
            ("rose", 5, "ccomp", "VERB", "VBD"),
        ],
        "survey",
    ),
    # "One official working with the government told reporters prices rose."
    "postmodified": (
        [
            ("One", 1, "nummod", "NUM", "CD"),
            ("official", 6, "nsubj", "NOUN", "NN"),
            ("working", 1, "acl", "VERB", "VBG"),
            ("with", 2, "prep", "ADP", "IN"),
            ("the", 5, "det", "DET", "DT"),
            ("government", 6, "nsubj", "NOUN", "NN"),
            ("told", 6, "ROOT", "VERB", "VBD"),
            ("reporters", 6, "dobj", "NOUN", "NNS"),
        ],
        "official",
    ),
    # "Ostmark analyst Will Berg said prices rose.": the title's name speaks
    "title_then_name": (
        [
            ("Ostmark", 1, "compound", "PROPN", "NNP"),
            ("analyst", 4, "nsubj", "NOUN", "NN"),
            ("Will", 4, "aux", "AUX", "NNP"),
            ("Berg", 4, "nsubj", "PROPN", "NNP"),
            ("said", 4, "ROOT", "VERB", "VBD"),
            ("prices", 6, "nsubj", "NOUN", "NNS"),
            ("rose", 4, "ccomp", "VERB", "VBD"),
        ],
        "Berg",
    ),
}


@pytest.mark.parametrize("case", sorted(SPLIT_SUBJECTS))
def test_quotes_the_speaker_of_a_phrase_split_into_two_subjects(nlp, case) -> None:
    rows, expected = SPLIT_SUBJECTS[case]
    words, heads, deps, pos, tags = (list(column) for column in zip(*rows, strict=True))
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    assert speaker_token(verb).text == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Jan Berg said Ostland needed the firms to keep exploring. "
            '"This need in itself is some sort of guarantee that we will extend the contracts."',
            "Jan Berg",
        ),
        # the main verb says who speaks, not a verb inside what is said
        (
            "Jan Berg said the reforms failed because the loans carry low interest. "
            '"So some efficient firms have not been able to get money from banks."',
            "Jan Berg",
        ),
        # no sentence of saying before it: the text does not say who
        (
            'Prices rose on Monday. "This is a tightly woven market. It is stronger than ever."',
            None,
        ),
    ],
)
def test_quotes_a_sentence_that_is_only_a_quote_goes_on_from_the_one_before(
    nlp, text, speaker
) -> None:
    assert [s for _, s in _quotes(nlp, text, [BERG])] == [speaker]
