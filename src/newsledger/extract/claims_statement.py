"""Statements published under a name: where the text is someone's statement, not the narrator's.

Two layouts say so (``data/attribution/statements.toml``):

- a press statement's byline, the author's name and office on a line of their own at the top
  ("Jane Roe, Secretary of State"), either as the body's first paragraph or as the byline the
  article layer set apart;
- a sentence that introduces a statement printed after it ("The minister issued the following
  statement:" closing its paragraph).

``statement_scopes`` returns the character ranges that are such a statement, with the source
each belongs to; ``claims`` makes every assertive sentence inside one a claim of that source.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsledger.extract.coref import SourceName, doc_text, source_for_token
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.quotes import speaker_token

__all__ = [
    "StatementScope",
    "is_assertive",
    "paragraph_units",
    "parse_statement_byline",
    "statement_scopes",
]

_FIRST_PARAGRAPH = re.compile(r"\s*\n")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'\u2019.-]*|[A-Z]\.)$")


@dataclass(frozen=True, slots=True)
class StatementScope:
    """Characters [start, end) of the text that are ``source``'s statement; ``signed`` when
    a byline line names its author ("Jane Roe, Secretary of State"), the layout of a press
    statement an office publishes in its own voice."""

    start: int
    end: int
    source: SourceName
    signed: bool = False


@dataclass(frozen=True, slots=True)
class _Lexicon:
    offices: tuple[str, ...]
    newsroom: frozenset[str]
    max_tokens: int
    verbs: frozenset[str]
    nouns: frozenset[str]
    markers: frozenset[str]
    end_markers: tuple[str, ...]
    titled: frozenset[str]  # "Statement", "Press Statement", "Information": a title's first words
    issuer_roles: frozenset[str]  # "the Spokesperson of the Ministry": the ministry issues it


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = tomllib.loads(
        resources.files("newsledger.extract")
        .joinpath("data/attribution/statements.toml")
        .read_text(encoding="utf-8")
    )
    return _Lexicon(
        offices=tuple(raw["byline"]["offices"]),
        newsroom=frozenset(raw["byline"]["newsroom"]),
        max_tokens=int(raw["byline"]["max_tokens"]),
        verbs=frozenset(raw["introduced"]["verbs"]),
        nouns=frozenset(raw["introduced"]["nouns"]),
        markers=frozenset(raw["introduced"]["markers"]),
        end_markers=tuple(raw["end"]["markers"]),
        titled=frozenset(w.lower() for w in raw["titled"]["heads"]),
        issuer_roles=frozenset(w.lower() for w in raw["titled"]["issuer_roles"]),
    )


def parse_statement_byline(line: str) -> str | None:
    """The author's name when ``line`` is a statement byline ("Jane Roe, Secretary of State"):
    a name of capitalised words, a comma, and an office that issues statements; else ``None``."""
    lex = _lexicon()
    line = line.strip()
    if not line or "\n" in line or line.endswith((".", "!", "?", ":")):
        return None
    name, sep, office = line.partition(",")
    words = name.split()
    if not sep or not 2 <= len(words) <= 5 or len(line.split()) > lex.max_tokens:
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    office_words = re.findall(r"[\w-]+", office.lower())
    if not office_words or set(office_words) & lex.newsroom:
        return None
    joined = " ".join(office_words)
    if not any(re.search(rf"\b{re.escape(o)}\b", joined) for o in lex.offices):
        return None
    return " ".join(words)


def _named_source(name: str, entities: EntityIndex, start: int | None = None) -> SourceName:
    """The entity behind a byline's name: the one mentioned there, or one with that name."""
    if start is not None:
        entity = entities.at(start, start + len(name))
        if entity is not None and entity.type == "PERSON":
            return SourceName(entity.name, entity.id)
    for entity in entities.entities:
        if entity.type == "PERSON" and name in (entity.name, *entity.aliases):
            return SourceName(entity.name, entity.id)
    return SourceName(name, None)


def titled_statement_issuer(headline: str) -> str | None:
    """The issuer a statement's title names ("Press Statement by Vice-Minister of National
    Defence of DPRK" -> "Vice-Minister of National Defence of DPRK"), or None."""
    lex = _lexicon()
    words = headline.strip().split()
    if words and words[0].lower() in ("the", "a"):
        words = words[1:]  # "The Commentary on ..."
    for n in range(1, 4):
        head = " ".join(words[:n]).lower().strip(":")
        if head not in lex.titled or len(words) <= n + 1:
            continue
        if words[n].lower() in ("by", "of", "from"):
            return _named_issuer(" ".join(words[n + 1 :]))
        # "Commentary on the DPRK's Missile Launch on April 29, by the Spokesperson of the
        # Ministry of Foreign Affairs": a topic first, the issuer after the last ", by"
        rest = " ".join(words[n:])
        at = rest.rfind(", by ")
        if at >= 0:
            return _named_issuer(rest[at + len(", by ") :])
    return None


def _named_issuer(issuer: str) -> str | None:
    """The issuer as a name: capitalised words (with small joining words) ending in a capital;
    "the Spokesperson of the Ministry" is the ministry (an unnamed spokesperson speaks for it)."""
    issuer = issuer.strip(" .:")
    small = {"of", "the", "and", "for", "on", "in", "to"}
    words = issuer.split()
    if not words or not words[-1][:1].isupper():
        return None
    if not all(w[:1].isupper() or w.lower() in small for w in words):
        return None
    bare = [w for w in words if w.lower() != "the"]
    roles = _lexicon().issuer_roles
    if len(bare) > 2 and bare[0].lower() in roles and bare[1].lower() == "of":
        return " ".join(bare[2:])
    return issuer


def _issuing_body(issuer: str, entities: EntityIndex) -> SourceName:
    """The entity a statement's title names as its issuer, when the text names it too."""
    wanted = issuer.lower().removeprefix("the ")
    for entity in entities.entities:
        names = [entity.name.lower(), *(a.lower() for a in entity.aliases)]
        if wanted in names:
            return SourceName(entity.name, entity.id)
    return SourceName(issuer.removeprefix("the ").removeprefix("The "), None)


def _scope_end(text: str, start: int) -> int:
    """Where a printed statement ends: at an end marker, or with the text."""
    ends = [text.find(m, start) for m in _lexicon().end_markers]
    found = [e for e in ends if e != -1]
    return min(found) if found else len(text)


def statement_scopes(
    doc: Doc,
    entities: EntityIndex,
    *,
    byline: str | None = None,
    outlet: str | None = None,
    headline: str | None = None,
) -> list[StatementScope]:
    """The parts of ``doc`` that are a statement published under someone's name."""
    text = doc_text(doc)
    if not text.strip():
        return []
    scopes: list[StatementScope] = []
    if byline is not None and (name := parse_statement_byline(byline)) is not None:
        scopes.append(
            StatementScope(0, _scope_end(text, 0), _named_source(name, entities), signed=True)
        )
    else:
        lead = len(text) - len(text.lstrip())
        brk = _FIRST_PARAGRAPH.search(text, lead)
        if brk is not None:
            first = text[lead : brk.start()]
            name = parse_statement_byline(first)
            if name is not None:
                start = brk.end()
                source = _named_source(name, entities, lead)
                scopes.append(StatementScope(start, _scope_end(text, start), source, signed=True))
    if scopes:
        return scopes
    for token in doc:
        if token.text == ":" and _closes_paragraph(text, token.idx + 1):
            scope = _introduced(doc, token, entities, outlet)
            if scope is not None:
                return [scope]  # the statement runs to its end marker or the text's end
    issuer = titled_statement_issuer(headline) if headline else None
    if issuer is not None:
        # "Information of Azerbaijan Defense Ministry" over a text that introduces no one
        # else's statement: the title says the whole text is the issuer's
        return [StatementScope(0, _scope_end(text, 0), _issuing_body(issuer, entities))]
    return []


def _closes_paragraph(text: str, pos: int) -> bool:
    rest = text[pos : pos + 80]
    return "\n" in rest[: len(rest) - len(rest.lstrip())] or not rest.strip()


def _introduced(
    doc: Doc, colon: Token, entities: EntityIndex, outlet: str | None
) -> StatementScope | None:
    """ "X issued the following statement:" closing a paragraph: X's statement follows."""
    text = doc_text(doc)
    lex = _lexicon()
    for verb in doc[colon.sent.start : colon.i]:
        if verb.lemma_.lower() not in lex.verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None or not _statement_noun(obj):
            continue
        subject = speaker_token(verb)
        if subject is None:
            continue
        source = source_for_token(doc, subject, entities, outlet=outlet, any_noun=True)
        if source is None:
            continue
        start = colon.idx + 1
        return StatementScope(start, _scope_end(text, start), source)
    return None


def _statement_noun(obj: Token) -> bool:
    lex = _lexicon()
    if obj.lemma_.lower() not in lex.nouns and obj.lower_ not in lex.nouns:
        return False
    return any(c.lower_ in lex.markers for c in obj.children if c.dep_ in ("amod", "det"))


def is_assertive(sent: Span) -> bool:
    """Whether a sentence asserts something: it has a finite verb, and it is
    neither a question nor an instruction to the reader ("For more, see the release.")."""
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    if len(words) < 4 or sent.text.rstrip().endswith("?"):
        return False
    root = sent.root
    if root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return False  # an imperative
    # a finite verb: the parser's subject links may cross a paragraph break it did not see
    return any(t.tag_ in _FINITE for t in words)


def paragraph_units(sent: Span, start_char: int, end_char: int) -> list[Span]:
    """``sent`` cut at paragraph breaks (the parser may run a sentence over one) and to the
    characters [start_char, end_char)."""
    doc = sent.doc
    units: list[Span] = []
    begin = None
    for t in sent:
        inside = start_char <= t.idx < end_char
        breaks = t.is_space and "\n" in t.text
        if begin is not None and (breaks or not inside):
            units.append(doc[begin : t.i])
            begin = None
        if begin is None and inside and not t.is_space and not breaks:
            begin = t.i
    if begin is not None:
        units.append(doc[begin : sent.end])
    return [u for u in units if len(u) > 0]
