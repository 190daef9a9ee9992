"""Direct quotations with their speakers.

Two passes, both linear in the text:

1. ``find_quotations(text)`` pairs quote marks (curly, straight, guillemets, single quotes)
   paragraph by paragraph. A quote left open at a paragraph's end continues when the next
   paragraph opens with a mark (the multi-paragraph convention); otherwise it ends with its
   paragraph. Quotes are bounded in length and paragraphs, so a stray mark never swallows
   the rest of an article.
2. ``extract_quotes(doc, entities)`` keeps the quotations that are speech (not titles such as
   "Meet the Press" or the narrator's scare quotes), finds the cue verb before or after each
   one in its sentence ("said", "was quoted as saying", "what KCNA described as") and names
   the speaker through the cue's subject and ``coref.source_for_token``.

Marks, bounds and naming words live in ``data/attribution/quotes.toml``; cue verbs in
``data/attribution/cues.toml``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import islice
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsledger.extract.coref import (
    doc_text,
    document_says,
    is_written_text,
    may_be_called,
    may_speak,
    source_for_token,
)
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events_args import RELATIVE_PRONOUNS, relative_antecedent
from newsledger.records import Claim, Quote

__all__ = [
    "AttributionLexicon",
    "QuoteSpan",
    "attribution_lexicon",
    "extract_quotes",
    "find_quotations",
]

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n[ \t]+")
_SPACE = re.compile(r"\s+")
# characters that may stand before an opening straight mark
_OPEN_BEFORE = set(" \t\n\r([{\u2014\u2013-/:;")
_SMALL_WORDS = frozenset({"the", "of", "a", "an", "and", "in", "on", "for", "to", "at", "by"})


def _read_toml(name: str) -> dict[str, Any]:
    text = (
        resources.files("newsledger.extract")
        .joinpath(f"data/attribution/{name}")
        .read_text(encoding="utf-8")
    )
    return tomllib.loads(text)


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    """Everything the quote and claim rules read from ``data/attribution/``."""

    verb_class: dict[
        str, str
    ]  # lemma -> assert / report / belief / allege / deny / warn / instruct
    noun_class: dict[str, str]
    # "according to" -> (("according", "to"), "outer"); "citing" -> (("citing",), "inner")
    prepositions: tuple[tuple[tuple[str, ...], str], ...]
    hedge_words: frozenset[str]
    hedge_adjectives: frozenset[str]  # "alleged ties", "towns likely to be targets"
    hedge_phrases: tuple[tuple[str, ...], ...]
    openers: dict[str, str]  # opening mark -> closing marks
    max_chars: int
    max_paragraphs: int
    naming_before: frozenset[str]
    naming_after: frozenset[str]
    speech_phrases: tuple[tuple[str, ...], ...]
    outlet_possessives: frozenset[str]
    anaphoric_determiners: frozenset[str]
    anaphoric_nouns: frozenset[str]
    expletives: frozenset[str]
    denial_predicates: frozenset[str]  # "reports that ... were baseless"
    conditionals: frozenset[str]  # "if", "unless": the content is hypothetical
    quote_only: frozenset[str]  # cue classes that name a quote's speaker but make no claim
    needs_speaker: frozenset[str]  # cue classes whose subject must be able to speak
    addressee_verbs: frozenset[str]  # "was told that": the passive subject is the hearer
    speaker_passive_verbs: frozenset[str]  # "was quoted saying": the passive subject speaks
    object_verbs: frozenset[str]  # "announced a new plan": the object is the content
    object_preps: frozenset[tuple[str, str]]  # "warned of X": the prepositional object is
    object_min_tokens: int
    hearsay: frozenset[str]  # "allegedly", "reportedly": a claim with no named source
    passive_hearsay: frozenset[str]  # "is thought to", "were said to": a claim, no source
    backshift: frozenset[str]  # "would": reported speech going on into the next sentence
    narrator_participles: frozenset[str]  # cue classes whose "..., indicating" is the narrator
    adverbial_marks: frozenset[str]  # "after", "while": an adverbial clause, not content
    # "claimed responsibility for the bombing": (verbs, nouns taken, acts claimed)
    responsibility: tuple[frozenset[str], frozenset[str], frozenset[str]]
    small_clause_verbs: frozenset[str]  # "considers Taiwan part of China": a judgement
    continuation_verbs: frozenset[str]  # "he added": who goes on is who just spoke
    contrast_words: frozenset[str]  # "..., while Moscow said": another speaker's clause opens


@lru_cache(maxsize=1)
def attribution_lexicon() -> AttributionLexicon:
    cues = _read_toml("cues.toml")
    hedges = _read_toml("hedges.toml")
    quotes = _read_toml("quotes.toml")
    sources = _read_toml("sources.toml")
    verb_class: dict[str, str] = {}
    for cls in cues["class"]:
        for verb in cls["verbs"]:
            verb_class.setdefault(verb, cls["name"])
    noun_class = {noun: entry["class"] for entry in cues["noun"] for noun in entry["nouns"]}
    prepositions = tuple(
        (tuple(phrase.split()), entry.get("order", "outer"))
        for entry in cues["preposition"]
        for phrase in entry["phrases"]
    )
    hedge_words = frozenset([*hedges["modal"]["words"], *hedges["adverb"]["words"]])
    hedge_phrases = tuple(tuple(p.split()) for p in hedges["phrase"]["patterns"])
    openers: dict[str, str] = {}
    for opening, closing in quotes["marks"]["pairs"]:
        openers.setdefault(opening, closing)
    return AttributionLexicon(
        verb_class=verb_class,
        noun_class=noun_class,
        prepositions=prepositions,
        hedge_words=hedge_words,
        hedge_adjectives=frozenset(hedges["adjective"]["words"]),
        hedge_phrases=hedge_phrases,
        openers=openers,
        max_chars=int(quotes["limits"]["max_chars"]),
        max_paragraphs=int(quotes["limits"]["max_paragraphs"]),
        naming_before=frozenset(quotes["naming"]["before"]),
        naming_after=frozenset(quotes["naming"]["after"]),
        speech_phrases=tuple(tuple(p.split()) for p in quotes["speech"]["phrases"]),
        outlet_possessives=frozenset(sources["outlet_possessive"]["words"]),
        anaphoric_determiners=frozenset(sources["anaphoric_objects"]["determiners"]),
        anaphoric_nouns=frozenset(sources["anaphoric_objects"]["nouns"]),
        expletives=frozenset(sources["expletive"]["subjects"]),
        denial_predicates=frozenset(cues["denial_predicate"]["words"]),
        conditionals=frozenset(hedges["conditional"]["words"]),
        quote_only=frozenset(c["name"] for c in cues["class"] if c.get("quote_only", False)),
        needs_speaker=frozenset(c["name"] for c in cues["class"] if c.get("needs_speaker", False)),
        addressee_verbs=frozenset(cues["addressee"]["verbs"]),
        speaker_passive_verbs=frozenset(cues["speaker_passive"]["verbs"]),
        object_verbs=frozenset(cues["object_content"]["verbs"]),
        object_preps=frozenset(
            (pair.split()[0], pair.split()[1]) for pair in cues["object_content"]["prep_pairs"]
        ),
        object_min_tokens=int(cues["object_content"]["min_tokens"]),
        hearsay=frozenset(hedges["hearsay"]["words"]),
        passive_hearsay=frozenset(hedges["passive_hearsay"]["verbs"]),
        backshift=frozenset(hedges["backshift"]["words"]),
        narrator_participles=frozenset(
            c["name"] for c in cues["class"] if c.get("participle_is_narrator", False)
        ),
        adverbial_marks=frozenset(cues["adverbial_marks"]["words"]),
        responsibility=(
            frozenset(cues["responsibility"]["verbs"]),
            frozenset(cues["responsibility"]["nouns"]),
            frozenset(cues["responsibility"]["acts"]),
        ),
        small_clause_verbs=frozenset(cues["small_clause"]["verbs"]),
        continuation_verbs=frozenset(cues["continuation"]["verbs"]),
        contrast_words=frozenset(cues["contrast"]["words"]),
    )


@dataclass(slots=True)
class QuoteSpan:
    """A run of quoted text: the marks' positions and the inner text, one part per paragraph."""

    open_pos: int  # offset of the opening mark
    close_pos: int  # offset just after the closing mark (or the end of the last part)
    parts: list[tuple[int, int]] = field(default_factory=list)  # inner spans, marks excluded
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.parts[0][0], self.parts[-1][1]


def _paragraph_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _PARAGRAPH.finditer(text))]


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _curly_from_backticks(text: str) -> str:
    """Archive wire copy quotes ``like this'' (or ``like this″): the same text with those
    two-character marks read as curly ones, offsets unchanged."""
    if "``" not in text:
        return text
    return text.replace("``", " \u201c").replace("''", "\u201d ").replace("\u2033", "\u201d")


def find_quotations(text: str) -> list[QuoteSpan]:
    """Pair the quote marks of ``text``; linear, bounded, never raises on unbalanced marks."""
    text = _curly_from_backticks(text)
    lex = attribution_lexicon()
    closers_of = lex.openers
    marks = set(closers_of) | set("".join(closers_of.values()))
    mark_re = re.compile("[" + re.escape("".join(sorted(marks))) + "]")
    para_starts = _paragraph_starts(text)
    n = len(text)
    found: list[QuoteSpan] = []

    def para_of(pos: int) -> int:
        return bisect_right(para_starts, pos) - 1

    def para_end(p: int) -> int:
        end = para_starts[p + 1] if p + 1 < len(para_starts) else n
        while end > 0 and text[end - 1].isspace():
            end -= 1
        return end

    current: QuoteSpan | None = None
    opener = ""
    nested = False  # a straight pair opened inside a curly quote
    part_start = 0
    part_para = 0

    def end_open_quote(end: int) -> None:
        """End the open quote without a closing mark, at ``end`` or within the bounds."""
        nonlocal current
        assert current is not None
        end = max(part_start, min(end, part_start + lex.max_chars))
        current.parts.append((part_start, end))
        current.close_pos = end
        current.closed = False
        found.append(current)
        current = None

    for m in mark_re.finditer(text):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in "\u2018\u2019'" and prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word: don't, Korea's
        if current is not None:
            p = para_of(i)
            if p != part_para:
                continues = (
                    (ch == opener or (ch == '"' and '"' in closers_of[opener]))
                    and p == part_para + 1
                    and text[para_starts[p] : i].strip() == ""
                    and len(current.parts) + 1 < lex.max_paragraphs
                    and i - current.open_pos < lex.max_chars
                )
                if continues:  # the next paragraph re-opens the same quote
                    current.parts.append((part_start, para_end(part_para)))
                    part_start, part_para = i + 1, p
                    continue
                end_open_quote(para_end(part_para))
            elif ch == '"' and ch != opener and i == part_start:
                continue  # “"We are ...: a doubled opening mark
            elif ch == '"' and ch != opener and (prev.isspace() or nested):
                # “the so-called "peace plan" is a trap”: a straight pair inside a curly quote
                nested = not nested
                continue
            elif ch in closers_of[opener]:
                if ch == "\u2019" and nxt.isalnum():
                    continue  # the apostrophe of a possessive at the end of a quoted word
                if i - part_start > lex.max_chars:
                    end_open_quote(i)  # longer than any speech: a stray pair of marks
                    continue
                current.parts.append((part_start, i))
                current.close_pos = i + 1
                found.append(current)
                current = None
                continue
            elif ch == opener:
                # the same opening mark again in one paragraph: the first was never closed
                end_open_quote(i)
            else:
                continue  # a nested quote of another kind stays inside the open one
        if ch not in closers_of:
            continue  # a closing mark with nothing open
        if ch in "'\"\u2018\u201d" and not (prev in _OPEN_BEFORE or prev in marks):
            continue  # a straight mark after a word closes something we never opened
        if ch == "'" and not nxt.isalpha():
            continue  # '90s, or a stray apostrophe
        current = QuoteSpan(open_pos=i, close_pos=i + 1)
        opener = ch
        nested = False
        part_start, part_para = i + 1, para_of(i)
    if current is not None:
        end_open_quote(para_end(part_para))
    return found


def quote_text(text: str, q: QuoteSpan) -> tuple[str, tuple[int, int]]:
    """The quoted words without marks, whitespace normalised, and without the comma or full
    stop that sits inside the closing mark; with the span they occupy."""
    start, end = q.inner
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",."):
        if text[end - 1] == "." and text[end - 3 : end] == "...":
            break
        end -= 1
    pieces = []
    for s, e in q.parts:
        s, e = max(s, start), min(e, end)
        if s < e:
            pieces.append(text[s:e])
    return _SPACE.sub(" ", " ".join(pieces)).strip(), (start, end)


# ---------------------------------------------------------------------------------------------
# Speech or title, and who said it


# how many tokens either side of a quote are searched for its cue: a cue sits next to its
# quote, and the bound keeps an article with no sentence breaks linear
_CONTEXT_TOKENS = 60


@dataclass(slots=True)
class _Tokens:
    """Character -> token and token -> sentence look-ups over one Doc, built once."""

    doc: Doc
    starts: list[int]
    sent_starts: list[int]  # token index of each sentence's first token

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        try:
            sent_starts = [sent.start for sent in doc.sents]
        except ValueError:  # no sentence boundaries were set: one sentence
            sent_starts = [0]
        return cls(doc, [t.idx for t in doc], sent_starts or [0])

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range [start, end) of the sentence holding token ``i``."""
        k = max(0, bisect_right(self.sent_starts, i) - 1)
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
        return self.sent_starts[k], end

    def at(self, char: int) -> int:
        """Index of the token containing ``char`` (or the one just before it)."""
        return max(0, bisect_right(self.starts, char) - 1)

    def first_from(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)


def _is_title(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return 2 <= len(words) <= 6 and bool(content) and all(w[:1].isupper() for w in content)


def cue_class(token: Token) -> str | None:
    """The cue class of a verb token (``data/attribution/cues.toml``), or ``None``."""
    # the tagger sometimes reads "estimate", "claim" or "report" as a noun where it heads a
    # clause with a subject and a complement: it is a verb there
    if not token.tag_.startswith("VB") and not (
        token.pos_ == "NOUN"
        and any(c.dep_ == "nsubj" for c in token.children)
        and any(c.dep_ == "ccomp" for c in token.children)
    ):
        return None
    if document_says(token):
        return "assert"
    return attribution_lexicon().verb_class.get(token.lemma_.lower())


def _inverted_speaker(verb: Token) -> Token | None:
    """'"...," commented one diplomat', 'Commented another analyst: "..."': after an inverted
    or fronted verb of saying with no subject, the parser takes the speaker for its object.
    Verbs of telling keep their object as the one told ("told reporters")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle ("adding", "as saying") has its subject elsewhere
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    if cue_class(verb) is None or verb.lemma_.lower() in attribution_lexicon().addressee_verbs:
        return None
    if not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    speaker = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    return speaker if speaker is not None and may_speak(speaker) else None


def passive_addressee(verb: Token) -> bool:
    """ "The families were told that ...": the subject of a passive verb of telling is who
    heard it, not who said it."""
    return verb.lemma_.lower() in attribution_lexicon().addressee_verbs and any(
        c.dep_ == "nsubjpass" for c in verb.children
    )


def _subject_outside_quotes(verb: Token) -> Token | None:
    """The verb's subject; of two, the one with no quotation mark between it and the verb
    ('"The three navies trained together," the statement said': the parser can give "said"
    the quote's own noun as a second subject)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:
        # "A motion, signed by 98 MPs, today urged ...": a time the parser took for a second
        # subject says when, not who
        subjects = [c for c in subjects if c.ent_type_ not in ("DATE", "TIME")] or subjects
    if len(subjects) > 1:
        doc = verb.doc
        usable = [
            s
            for s in subjects
            if not any(t.is_quote for t in doc[min(s.i, verb.i) + 1 : max(s.i, verb.i)])
        ]
        if usable:
            nearest = min(usable, key=lambda s: abs(verb.i - s.i))
            return _phrase_head(nearest, usable)
    return subjects[0] if subjects else None


# punctuation that ends a sentence or clause, so never sits inside one speaker's phrase
_CLOSING_PUNCT = frozenset({".", ";", ":", "!", "?"})


def _phrase_head(nearest: Token, subjects: list[Token]) -> Token:
    """Of the subjects the parser gave one verb, the one that names the speaker.

    A subject after a comma may follow a fronted report the parser also made a subject
    ("Talks stalled on Sunday, diplomats said": the diplomats speak). Otherwise the subjects
    are pieces of one speaker's phrase ("Jan Berg of stockbroker Ostmark Lind said", "Jan Berg,
    Ostmark chairman said", "A USDA report released after trading said", "Ostmark AG <OST.F>
    said"): the phrase's first piece speaks, or the name right after a title ("Ostmark
    vice-president of sales Jan Berg said")."""
    doc = nearest.doc
    phrase = [nearest]
    for before in sorted((s for s in subjects if s.i < nearest.i), key=lambda s: -s.i):
        gap = doc[before.right_edge.i + 1 : phrase[0].left_edge.i]
        if any(t.is_quote or t.text in _CLOSING_PUNCT for t in gap):
            break
        if any(t.text == "," for t in gap):
            # only an apposition joins across a comma: "Jan Berg, Ostmark chairman"
            verbless = not any(t.pos_ in ("VERB", "AUX") for t in before.subtree)
            if not verbless or len(gap) > 1:
                break
        phrase.insert(0, before)
    first = phrase[0]
    if len(phrase) > 1 and _title_before_name(first, phrase[1]):
        return phrase[1]
    return first


def _title_before_name(first: Token, name: Token) -> bool:
    """ "ANZ managing director Brian Weeks", "Ostmark analyst Will Berg": words before a name
    that the parser made a subject of their own are the name's title; the phrase's head is
    the name at its end. Not when the first piece has words after it ("Jan Berg of ...",
    "Jan Berg, ...", "an official working with ..."): then it is the head itself."""
    doc = first.doc
    if name.pos_ != "PROPN" or doc[name.left_edge.i - 1].text == "<":
        return False  # "Ostmark AG <OSTG.F>": a ticker, not a name
    postmodified = any(
        c.i > first.i and (c.dep_ in ("prep", "acl", "relcl") or c.text == ",")
        for c in first.children
    )
    gap = doc[first.right_edge.i + 1 : name.left_edge.i]
    # "General Motors do Brasil said": a verb between them is the parser's, not the phrase's
    verb_between = any(t.text == "," or t.tag_.startswith("VB") or t.tag_ == "MD" for t in gap)
    return not postmodified and not verb_between


def _by_agent(verb: Token) -> Token | None:
    """Who a passive verb's by-phrase names ("were told by officials"), or None."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


# verbs that relay someone's words: "Y quoted X as saying", "Y cited X as saying"
QUOTING_VERBS = frozenset({"quote", "cite"})


def _as_saying(verb: Token) -> bool:
    """ "cited a source as saying": the verb's "as" phrase holds a verb of saying."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "as"
        and any(g.lemma_.lower() == "say" for g in c.children if g.dep_ in ("pcomp", "pobj"))
        for c in verb.children
    )


def speaker_token(verb: Token) -> Token | None:
    """The token naming who speaks through ``verb``: its subject, climbing out of
    "was quoted as saying" and "declined to comment but said"; "quoted X as saying" gives X;
    "officials saying ..." gives the noun the participle describes; "were told by X" gives X
    and a passive "were told" with no agent gives ``None``."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "with officials saying ...", "a statement saying ..."
    if (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and verb.head.dep_ == "ROOT"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and verb.head.i < verb.i
    ):
        # "The developer's lawyer, Petra Vogt, called ...": a finite verb the parser hung on
        # the sentence's first noun as if it modified it; that noun is its subject
        return verb.head
    if passive_addressee(verb):
        return _by_agent(verb)
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        # "accused Seoul of trumpeting the "rules-based order"": the accused one says it
        accuser = verb.head.head
        if cue_class(accuser) == "allege":
            accused = next((c for c in accuser.children if c.dep_ == "dobj"), None)
            if accused is not None:
                return accused
    inverted = _inverted_speaker(verb)
    if inverted is not None:
        return inverted
    if document_says(verb) and not any(c.dep_ == "nsubj" for c in verb.children):
        # '"...," read a statement from the ministry': the document, parsed as an object
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    if verb.lemma_.lower() == "say":
        # "quoted an Iranian soldier, X, as saying" / "X was quoted as saying", however the
        # parser attached the "as"
        for anc in islice(verb.ancestors, 4):
            if anc.lemma_.lower() in QUOTING_VERBS:
                for child in anc.children:
                    if child.dep_ in ("dobj", "nsubjpass"):
                        return child
                break
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        # "X recommended that Y act, stating ...": a participle set off after a reported
        # clause speaks for the reporting verb's subject, not for the clause it hangs on
        for anc in islice(verb.ancestors, 4):
            if cue_class(anc) is not None and anc.lemma_.lower() != verb.lemma_.lower():
                return speaker_token(anc)
        clause = verb.head
        if (
            verb.i > 0
            and verb.doc[verb.i - 1].text == ","
            and clause.dep_ in ("acl", "ccomp")
            and any(c.dep_ == "mark" for c in clause.children)
        ):
            # "shrugged off claims that X had sent arms, saying ...": the participle goes with
            # the sentence, not with the that-clause the parser hung it on
            governor = clause.head.head if clause.head.pos_ in ("NOUN", "PROPN") else clause.head
            subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if governor.pos_ in ("VERB", "AUX") and subject is not None:
                return subject
    t = verb
    for _ in range(5):
        lemma = t.lemma_.lower()
        if lemma == "quote" or (lemma in QUOTING_VERBS and _as_saying(t)):
            # ("cited X as his motivation" names no speaker; "cited X as saying" does)
            for child in t.children:
                if child.dep_ == "dobj":
                    return child
        subject = _subject_outside_quotes(t)
        if subject is None:
            subject = _subject_of_interrupter(t)
        if (
            subject is not None
            and subject.dep_ == "nsubjpass"
            and cue_class(t) is not None
            and t.lemma_.lower() not in attribution_lexicon().speaker_passive_verbs
            and subject.lower_ not in attribution_lexicon().expletives
        ):
            # "the failure is described as so serious that ...", "the plan was criticised as
            # ...": a passive verb of saying has what is said about as its subject; the one
            # who says it is its by-phrase, if any
            return _by_agent(t)
        if subject is not None:
            if t.i != verb.i and verb.dep_ == "conj" and t.i == verb.head.i:
                outer = _reporting_verb_over(t)
                if outer is not None and (not may_speak(subject) or _other_clause(verb, t)):
                    # "X said the talks had collapsed and vowed to ...": the parser hangs the
                    # second verb of saying on the reported clause; it is X's, not the talks'
                    return speaker_token(outer)
            if subject.lower_ in RELATIVE_PRONOUNS and t.dep_ == "relcl":
                # "Japan, which called the launch "reckless"": Japan speaks
                return relative_antecedent(t)
            return subject
        if t.dep_ in ("xcomp", "advcl", "pcomp", "prep", "pobj", "conj", "acomp") and t.head != t:
            t = t.head
        else:
            break
    return None


def _other_clause(verb: Token, head: Token) -> bool:
    """ "said the ministry would file a complaint and warned ...", "said soldiers were spotted
    ... and suggested ...", "said Sudan had repelled the rebels but acknowledged ...": a plain
    past-tense verb joined to a reported clause in the conditional, the passive or the past
    perfect does not share that clause's subject; it goes on the report."""
    if verb.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
    perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children)
    return modal or passive or perfect


def _subject_of_interrupter(verb: Token) -> Token | None:
    """ "Lind, asked whether the strike would spread, said ...": the parser gives the subject
    to the participle set off between it and the verb; a subject that comes before such a
    participle, itself before the verb, is the verb's."""
    for child in verb.children:
        if (
            child.dep_ in ("advcl", "ccomp")
            and child.i < verb.i
            and child.tag_ in ("VBN", "VBD", "VBG")
            and not any(c.dep_ in ("aux", "auxpass", "mark") for c in child.children)
        ):
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.i < child.i:
                between = verb.doc[subject.i + 1 : child.i]
                if any(t.text == "," for t in between):
                    return subject
    return None


def _reporting_verb_over(clause: Token) -> Token | None:
    """The verb of saying whose reported clause ``clause`` is, if any."""
    if clause.dep_ in ("ccomp", "xcomp") and cue_class(clause.head) is not None:
        return clause.head
    return None


def _according_source(tokens: list[Token]) -> Token | None:
    """The pobj of an "according to" among ``tokens``."""
    for t in tokens:
        if t.lower_ == "according":
            for child in t.children:
                if child.lower_ == "to":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _phrase_before(tokens: list[Token], phrases: tuple[tuple[str, ...], ...]) -> bool:
    words = [t.lower_ for t in tokens]
    return any(tuple(words[-len(p) :]) == p for p in phrases if len(words) >= len(p))


@dataclass(slots=True)
class _Speaker:
    name: str | None
    entity: str | None
    cue: str | None


_PERSON_PRONOUNS = frozenset({"he", "she"})


def _cue_in(tokens: list[Token], *, last: bool) -> Token | None:
    seq = reversed(tokens) if last else iter(tokens)
    for t in seq:
        if cue_class(t) is not None:
            return t
    return None


def extract_quotes(doc: Doc, entities: EntityIndex, *, outlet: str | None = None) -> list[Quote]:
    """Every direct quotation in ``doc`` that is speech, with its speaker and cue.

    The speaker is the canonical name of the entity behind the cue verb's subject (pronouns and
    role nouns resolved through coreference), the source phrase when the subject is not an
    entity ("a U.S. defense official"), or ``None`` when the text does not say who. A quotation
    with no cue continues the speaker of a quotation in the same or the previous paragraph.
    """
    text = doc_text(doc)
    if not text or len(doc) == 0:
        return []
    lex = attribution_lexicon()
    toks = _Tokens.of(doc)
    spans = find_quotations(text)
    para_starts = _paragraph_starts(text)
    quotes: list[Quote] = []
    last_para = -10
    last_speaker: _Speaker | None = None
    for k, q in enumerate(spans):
        words_text, span = quote_text(text, q)
        if not words_text:
            continue
        words = words_text.split()
        o_tok = toks.at(q.open_pos)
        c_tok = toks.first_from(q.close_pos)
        # context outside the quote in its sentences, stopping at neighbouring quotes
        prev_close = spans[k - 1].close_pos if k else 0
        next_open = spans[k + 1].open_pos if k + 1 < len(spans) else len(text)
        so_start, _ = toks.sentence(o_tok)
        lo = max(so_start, o_tok - _CONTEXT_TOKENS, toks.first_from(prev_close))
        before = [t for t in doc[lo:o_tok] if t.idx < q.open_pos]
        if not any(not t.is_punct for t in before) and so_start > 0:
            # the parser may start a sentence at the mark: "he said "If ..."" is one sentence
            prev = doc[so_start - 1]
            if prev.text not in (".", "!", "?") and not prev.is_space:
                lo = max(toks.sentence(so_start - 1)[0], o_tok - _CONTEXT_TOKENS)
                before = [t for t in doc[lo:o_tok] if t.idx >= prev_close]
        after: list[Token] = []
        if q.closed and c_tok < len(doc):
            sc_start, sc_end = toks.sentence(c_tok)
            # a quote closing with a full stop ends its sentence unless lower-case text follows
            raw_end = text[q.inner[1] - 1 : q.inner[1]] if q.inner[1] > 0 else ""
            nxt = doc[c_tok]
            if raw_end not in ".!?" or nxt.is_lower or nxt.is_punct:
                end_tok = min(sc_end, c_tok + _CONTEXT_TOKENS)
                after = [t for t in doc[c_tok:end_tok] if t.idx < next_open]
            elif raw_end in "!?":
                # ""... the Contra terrorists?" Foulkes said.": a question or exclamation
                # is followed by its attribution in capitals; a new sentence is not
                end_tok = min(len(doc), c_tok + 4)
                near = [t for t in doc[c_tok:end_tok] if t.idx < next_open]
                if _cue_in(near, last=False) is not None:
                    after = near
        is_title = _is_title(words) and not (q.closed and text[q.inner[1] - 1 : q.inner[1]] in "!?")
        lead = _SPACE.sub(" ", text[max(0, q.open_pos - 40) : q.open_pos].lower()).rstrip()
        if len(words) <= 6 and any(
            lead.endswith(word) and (len(lead) == len(word) or not lead[-len(word) - 1].isalnum())
            for word in lex.naming_before
        ):
            continue  # so-called "loyal wingman", a group known as "the Shield": a name
        inner_end = text[q.inner[1] - 1 : q.inner[1]] if q.closed else ""
        if (
            len(words) <= 3
            and after
            and inner_end not in ",.!?:;"
            and (after[0].lower_ in lex.naming_after or after[0].pos_ == "NOUN")
        ):
            is_title = True  # used as a modifier: the "contra" rebels
        speech_phrase = _phrase_before(before, lex.speech_phrases)
        if is_title and not speech_phrase:
            continue
        speech_end = inner_end in (",", "?", "!", ".") or bool(after and after[0].text == ",")
        para = bisect_right(para_starts, q.open_pos) - 1
        # who may go on speaking here ("He added: ..."): the last speaker, in this paragraph or
        # the one before, with no other person named since
        going_on = (
            last_speaker
            if para - last_para <= 1
            and not _person_named_between(entities, quotes[-1].span[1] if quotes else 0, q.open_pos)
            else None
        )
        speaker = _find_speaker(doc, entities, before, after, outlet, speech_end, previous=going_on)
        previous = quotes[-1] if quotes else None
        if (
            speaker is None
            and previous is not None
            and previous.speaker is not None
            and spans[k - 1].open_pos <= previous.span[0] < spans[k - 1].close_pos
            and toks.sentence(toks.at(spans[k - 1].open_pos)) == toks.sentence(o_tok)
        ):
            # "called the decision "incoherent" and "unjust"": a quote with no cue of its own
            # in the sentence of a quote with a speaker is the same speaker's words
            speaker = _Speaker(previous.speaker, previous.speaker_entity, previous.cue)
        if speaker is None:
            if len(words) < 4:
                continue  # a short phrase with no one saying it: the narrator's scare quotes
            if last_speaker is not None and para - last_para <= 1:
                speaker = _Speaker(last_speaker.name, last_speaker.entity, None)
            elif para > 0 and _fills_paragraph(text, q, para_starts, para):
                # a paragraph that is only a quote goes on from who spoke just before it
                speaker = _reporter_before(
                    doc, entities, toks, para_starts[para - 1], para_starts[para], outlet
                )
            elif not any(not t.is_punct and not t.is_space for t in before) and so_start > 0:
                # 'Subroto said Indonesia needed the companies. "This need in itself is ..."':
                # a sentence that is only a quote goes on from the sentence of saying before it
                # in its paragraph
                prev_start = toks.sentence(so_start - 1)[0]
                speaker = (
                    _sentence_reporter(doc, entities, doc[prev_start:so_start], outlet)
                    if doc[prev_start].idx >= para_starts[para]
                    else _Speaker(None, None, None)
                )
            else:
                speaker = _Speaker(None, None, None)
        if speaker.name is not None:
            last_speaker = speaker
            last_para = bisect_right(para_starts, q.close_pos - 1) - 1
        if len(q.parts) == 1:
            quotes.append(Quote(words_text, span, speaker.name, speaker.entity, speaker.cue))
            continue
        # a quote running over paragraphs (each re-opened with a mark) is one quote a
        # paragraph, all in the one speaker's voice, as a reader cites them
        for part in q.parts:
            piece = QuoteSpan(q.open_pos, q.close_pos, [part], q.closed)
            piece_text, piece_span = quote_text(text, piece)
            if piece_text:
                quotes.append(
                    Quote(piece_text, piece_span, speaker.name, speaker.entity, speaker.cue)
                )
    return quotes


def _person_named_between(entities: EntityIndex, start: int, end: int) -> bool:
    """Whether the text names a person between two quotes ("Zelensky responded in a video
    address. He added: ..." goes on from Zelensky, not from the last quote's speaker)."""
    return any(entity.type == "PERSON" for _s, _e, entity in entities.within(start, end))


def _fills_paragraph(text: str, q: QuoteSpan, para_starts: list[int], para: int) -> bool:
    """Whether the quote is its paragraph's only content (bar punctuation)."""
    end = para_starts[para + 1] if para + 1 < len(para_starts) else len(text)
    before = text[para_starts[para] : q.open_pos]
    after = text[q.close_pos : end]
    return not before.strip() and not any(ch.isalnum() for ch in after)


def _reporter_before(
    doc: Doc, entities: EntityIndex, toks: _Tokens, start: int, end: int, outlet: str | None
) -> _Speaker:
    """The speaker of the last verb of saying in the paragraph [start, end), if any."""
    for t in reversed(doc[toks.first_from(start) : toks.first_from(end)]):
        if _says(t):
            return _cue_speaker(doc, entities, t, outlet)
    return _Speaker(None, None, None)


def _sentence_reporter(
    doc: Doc, entities: EntityIndex, sentence: Span, outlet: str | None
) -> _Speaker:
    """The speaker of a sentence whose main verb is one of saying ("Subroto said Indonesia
    needed ..."), not of a verb inside what is said."""
    root = sentence.root
    return _cue_speaker(doc, entities, root, outlet) if _says(root) else _Speaker(None, None, None)


def _says(verb: Token) -> bool:
    """A verb of saying that can stand for a quotation's speaker (not a quote-only cue)."""
    cls = cue_class(verb)
    return cls is not None and cls not in attribution_lexicon().quote_only


def _cue_speaker(doc: Doc, entities: EntityIndex, verb: Token, outlet: str | None) -> _Speaker:
    """Who speaks through ``verb``, as a speaker (empty when the text does not say)."""
    subject = speaker_token(verb)
    name = (
        source_for_token(doc, subject, entities, outlet=outlet, any_noun=True)
        if subject is not None
        else None
    )
    return (
        _Speaker(name.name, name.entity, None) if name is not None else _Speaker(None, None, None)
    )


def _find_speaker(
    doc: Doc,
    entities: EntityIndex,
    before: list[Token],
    after: list[Token],
    outlet: str | None,
    speech_end: bool = True,
    previous: _Speaker | None = None,
) -> _Speaker | None:
    """The cue and speaker of a quote from the words around it, or ``None`` when there is no cue.

    A cue right after the closing mark (", he said") wins; otherwise the cue nearest before
    the opening mark ("Kim said the country must "...""); "according to X" anywhere around.
    """
    candidates: list[Token] = []
    # "... described its claims as "indisputable", while Manila insists ...": a cue in the
    # clause a contrasting conjunction opens after the quote is that clause's, not the quote's
    contrast_words = attribution_lexicon().contrast_words
    contrast = next((k for k, t in enumerate(after) if t.lower_ in contrast_words), len(after))
    after = after[:contrast]
    first_after = _cue_in(after[:6], last=False)
    last_before = _cue_in(before, last=True)
    # ""...," he said" puts the cue right after the closing mark; a cue after a quoted phrase
    # that ends without speech punctuation ("... "billions" and called for an audit") belongs
    # to the sentence, so the cue before the quote comes first then
    if first_after is not None and (speech_end or last_before is None):
        candidates.append(first_after)
    if last_before is not None:
        candidates.append(last_before)
    if first_after is not None and first_after not in candidates:
        candidates.append(first_after)
    # the next cue after that one: in ""...," the commander, who spoke on condition of
    # anonymity, told reporters" the first cue belongs to the relative clause
    later_after = next(
        (t for t in after if t is not first_after and cue_class(t) is not None), None
    )
    if later_after is not None and later_after not in candidates:
        candidates.append(later_after)
    for cue in candidates:
        if cue_class(cue) == "issue" and not any(c.dep_ == "nsubj" for c in cue.children):
            continue  # "certificates would be released": what is issued, not who issues it
        subject = speaker_token(cue)
        if subject is None and after and cue in after:
            subject = _inverted_subject(after[: after.index(cue)])
        if subject is None:
            continue
        if is_written_text(subject) and cue.dep_ == "ccomp" and cue_class(cue.head) is not None:
            # "X said the agreement stressed unity "between our peoples"": a text that has no
            # voice, told inside someone's words, is that someone putting it in his own
            outer = speaker_token(cue.head)
            if outer is not None and not is_written_text(outer):
                subject, cue = outer, cue.head
        if (
            previous is not None
            and previous.entity is not None
            and subject.lower_ in _PERSON_PRONOUNS
            and cue.lemma_.lower() in attribution_lexicon().continuation_verbs
            and may_be_called(doc, entities, previous.entity, subject.lower_)
        ):
            # 'Kofod: "..." ... He added in a post: "..."': who goes on is who just spoke
            return _Speaker(previous.name, previous.entity, cue.text)
        name = source_for_token(doc, subject, entities, outlet=outlet, any_noun=True)
        if name is None:
            continue
        return _Speaker(name.name, name.entity, cue.text)
    label = _label_speaker(doc, entities, before, outlet)
    if label is not None and not candidates:
        return label
    introduced = _colon_speaker(doc, entities, before, outlet)
    if introduced is not None and not candidates:
        return introduced
    according = _according_source(before + after)
    if according is not None:
        name = source_for_token(doc, according, entities, outlet=outlet, any_noun=True)
        if name is not None:
            return _Speaker(name.name, name.entity, "according to")
    if candidates:
        return _Speaker(None, None, candidates[0].text)
    return None


def _inverted_subject(between: list[Token]) -> Token | None:
    """ "'...,' the council's planning chair, Priya Shah, said": when the parser misses the
    subject, the noun phrase between the closing mark and the cue is the speaker."""
    words = [t for t in between if not (t.is_punct or t.is_space)]
    if not words or len(words) > 10 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    ids = {t.i for t in words}
    for t in words:
        if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN", "PRON"):
            return t
    return None


def _colon_speaker(
    doc: Doc, entities: EntityIndex, before: list[Token], outlet: str | None
) -> _Speaker | None:
    """ "The mayor answered the critics on the radio: "..."": a clause that ends in a colon
    introduces the quote, whatever its verb, and its subject speaks it."""
    words = [t for t in before if not t.is_space]
    if len(words) < 3 or words[-1].text != ":":
        return None
    ids = {t.i for t in words}
    verb = next(
        (t for t in words if t.pos_ in ("VERB", "AUX") and (t.head.i not in ids or t.head == t)),
        None,
    )
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    name = source_for_token(doc, subject, entities, outlet=outlet)
    if name is None:
        return None
    return _Speaker(name.name, name.entity, verb.text)


def _label_speaker(
    doc: Doc, entities: EntityIndex, before: list[Token], outlet: str | None
) -> _Speaker | None:
    """Transcript style: "Health minister Wanjiru Kamau: "..."": the name before a colon."""
    words = [t for t in before if not t.is_space]
    if len(words) < 2 or words[-1].text != ":" or len(words) > 8:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    name = source_for_token(doc, words[-2], entities, outlet=outlet)
    if name is None:
        return None
    return _Speaker(name.name, name.entity, None)


def speakers_from_claims(quotes: list[Quote], claims: list[Claim]) -> None:
    """A quoted phrase inside a reported statement is said by whoever makes the statement:
    'He said the next step would be sanctions that are "more broad-based"' is his. Fills in
    the speaker of quotes that have none, from the narrowest sourced claim that holds them."""
    for quote in quotes:
        if quote.speaker is not None:
            continue
        holders = [
            claim
            for claim in claims
            if claim.sources
            and claim.span[0] <= quote.span[0]
            and quote.span[1] <= claim.span[1]
            and claim.span != quote.span
        ]
        if not holders:
            continue
        source = min(holders, key=lambda c: c.span[1] - c.span[0]).sources[-1]
        quote.speaker, quote.speaker_entity = source.name, source.entity
