"""Which entity a mention stands for: names, pronouns and role nouns ("the agency").

Public API (quotes, claims and events use it to name speakers, sources and actors)::

    resolve_mention(doc, start_char, end_char, entities) -> Entity | None
    mention_class(text) -> "named" | "person" | "thing" | "plural" | "role" | None
    source_for_token(doc, token, entities, outlet=None) -> SourceName | None

The rules are data: ``data/attribution/coref.toml`` lists the pronouns, the role nouns and the
entity types each may refer to. Resolution is deliberately short-sighted: an antecedent is
looked for only a few sentences back, and ``None`` is returned rather than a guess.
"""

from __future__ import annotations

import re
import tomllib
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast

from spacy.tokens import Doc, Span, Token

from newsledger.extract.entity_index import EntityIndex
from newsledger.records import Entity

__all__ = [
    "doc_text",
    "is_speaker_noun",
    "MentionClass",
    "SourceName",
    "mention_class",
    "refers_to_unnamed",
    "resolve_mention",
    "source_for_token",
]

MentionClass = Literal["named", "person", "thing", "plural", "role"]

_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
_SENTS_KEY = "newsledger.coref.sentence_starts"


@dataclass(frozen=True, slots=True)
class _Role:
    types: frozenset[str]
    prefer: tuple[str, ...]
    strict: bool = False
    needs_title: bool = False
    # any preferred word fits, whatever the head: "the paper" is the Rodong Sinmun
    any_preferred: bool = False


@dataclass(frozen=True, slots=True)
class _Lexicon:
    window: int
    plural_window: int
    titled_window: int  # reach of a role noun that only a person with its title can fill
    pronouns: dict[str, str]  # pronoun -> class (person / thing / plural)
    pronoun_types: dict[str, frozenset[str]]
    roles: dict[str, _Role]  # head word or phrase -> role
    outlet_possessives: frozenset[str]  # "our" correspondent -> the outlet's correspondent
    speaker_heads: frozenset[str]  # nouns that can head an unnamed source
    person_heads: frozenset[str]  # those of them that are one person ("he"/"she")
    media_heads: frozenset[str]  # statements and media: their issuer is the source
    people_suffixes: tuple[str, ...]  # "growers", "traders": plural nouns naming people
    suffix_exceptions: frozenset[str]
    expletive_verbs: frozenset[str]  # "it is unclear whether": dummy "it" with these verbs
    reporting_verbs: frozenset[str]  # "..., the ministry said": its subject speaks
    ordinals: frozenset[str]  # "it was the first launch": a ranked event, not a referent
    non_speakers: frozenset[str]  # events, places, times, weapons: never a source
    non_speaker_types: frozenset[str]  # DATE, CARDINAL, ...: never a source
    issuer_words: frozenset[str]  # "a military statement": the military
    author_verbs: frozenset[str]  # "published a report": the subject wrote it
    documents: frozenset[str]  # "a note" ... "the report": one written text
    other_documents: frozenset[str]  # "a similar document": not the text spoken of
    statement_nouns: frozenset[str]  # "the statement said": what a body that spoke put out
    text_verbs: frozenset[str]  # "the statement reads": a document saying what it holds
    agreement_texts: frozenset[str]  # "the treaty": a text parties agreed, no one's voice
    genders: dict[str, str]  # pronoun, honorific or noun -> "male" / "female"
    honorifics: dict[str, str]  # "mr" -> "male": the gender of the name after it
    speaking_for: frozenset[str]  # "an official from the foreign ministry" speaks for it


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    folder = resources.files("newsledger.extract").joinpath("data/attribution")
    raw = tomllib.loads(folder.joinpath("coref.toml").read_text(encoding="utf-8"))
    sources = tomllib.loads(folder.joinpath("sources.toml").read_text(encoding="utf-8"))
    pronouns = {word: cls for cls, words in raw["pronouns"].items() for word in words}
    pronoun_types = {cls: frozenset(types) for cls, types in raw["pronoun_types"].items()}
    roles: dict[str, _Role] = {}
    for entry in raw["role"]:
        role = _Role(
            frozenset(entry["types"]),
            tuple(entry.get("prefer", ())),
            bool(entry.get("strict", False)),
            bool(entry.get("needs_title", False)),
            bool(entry.get("any_preferred", False)),
        )
        for head in entry["heads"]:
            roles.setdefault(head, role)
    settings = raw["settings"]
    return _Lexicon(
        int(settings["window_sentences"]),
        int(settings["plural_window_sentences"]),
        int(settings["titled_window_sentences"]),
        pronouns,
        pronoun_types,
        roles,
        frozenset(sources["outlet_possessive"]["words"]),
        frozenset(
            [
                *(
                    w
                    for words in sources["speaker_heads"].values()
                    if isinstance(words, list)
                    for w in words
                ),
                *(h.split()[-1] for h in roles),
            ]
        ),
        frozenset(
            [
                *sources["speaker_heads"]["people"],
                *(h.split()[-1] for h, r in roles.items() if "PERSON" in r.types),
            ]
        ),
        frozenset(sources["speaker_heads"]["media"]),
        tuple(sources["speaker_suffixes"]["suffixes"]),
        frozenset(sources["speaker_suffixes"]["except"]),
        frozenset(raw["expletive"]["verbs"]),
        frozenset(raw["reporting"]["verbs"]),
        frozenset(raw["expletive"]["ordinals"]),
        frozenset(
            w
            for key, words in sources["non_speakers"].items()
            if isinstance(words, list) and key != "entity_types"
            for w in words
        ),
        frozenset(sources["non_speakers"]["entity_types"]),
        frozenset(sources["issuer_words"]["words"]),
        frozenset(sources["author_verbs"]["verbs"]),
        frozenset(sources["documents"]["words"]),
        frozenset(sources["documents"]["other_documents"]),
        frozenset(sources["documents"]["statements"]),
        frozenset(sources["documents"]["text_verbs"]),
        frozenset(sources["documents"]["agreements"]),
        {
            word: sex
            for sex in ("male", "female")
            for kind in ("pronouns", "nouns")
            for word in raw["gender"][f"{sex}_{kind}"]
        },
        {word: sex for sex in ("male", "female") for word in raw["gender"][f"{sex}_honorifics"]},
        frozenset(raw["speaking_for"]["roles"]),
    )


def _words(text: str) -> list[str]:
    text = text.strip().lower().replace("\u2019", "'")
    if text.endswith("'s"):
        text = text[:-2]
    return text.replace("-", " ").split()


def _role_of(words: list[str]) -> _Role | None:
    """The role of a definite description: "the (North Korean) leader", "the prime minister"."""
    title = _title_of(words)
    return _lexicon().roles[title] if title else None


def _title_of(words: list[str]) -> str | None:
    """The role word of a definite description ("the prime minister" -> "prime minister")."""
    if len(words) < 2 or words[0] not in _DETERMINERS:
        return None
    roles = _lexicon().roles
    if len(words) >= 3:
        two = f"{words[-2]} {words[-1]}"
        if two in roles:
            return two
    return words[-1] if words[-1] in roles else None


_STATE = frozenset({"GPE"})


def _is_noun_mention(doc: Doc, start: int, end: int) -> bool:
    if not doc.has_annotation("POS"):
        return True  # no tagger: every mention counts
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].pos_ in ("PROPN", "NOUN")


def _titled(doc: Doc, entity: Entity, title: str) -> bool:
    """Whether the text introduces ``entity`` with ``title``: "General Guven Ergenc", "leader
    Kim Jong Un", "the defence minister, Ana Duarte", "Marlin Fitzwater, the White House
    spokesman", or a name that holds it."""
    if any(title in alias.lower().split() for alias in [entity.name, *entity.aliases]):
        return True
    text = doc_text(doc)
    # "General Ana Duarte", "the defence minister, Ana Duarte,"
    before = re.compile(rf"\b{re.escape(title)}\s*,?\s*$")
    after = re.compile(rf"^\s*,\s*(?:the|a|an)?\s*(?:[\w.'-]+\s+){{0,3}}{re.escape(title)}\b")
    for s, e in entity.mentions[:20]:
        if before.search(text[max(0, s - 40) : s].lower()):
            return True
        found = after.match(text[e : e + 60].lower())
        if found is not None and not _verb_at(doc, e + found.end()):
            return True
    return False


def _verb_at(doc: Doc, char: int) -> bool:
    """Whether the next word from ``char`` on is a verb: in "the firm run by Pavel Ruud, a
    ministry spokesman said" the title is the subject of "said", not an apposition to Ruud."""
    text = doc_text(doc)
    while char < len(text) and text[char].isspace():
        char += 1
    token = _token_at(doc, char) if char < len(text) else None
    return token is not None and token.pos_ in ("VERB", "AUX")


def mention_class(text: str) -> MentionClass | None:
    """How a mention refers: a pronoun class, a role noun, or ``None`` for anything else.

    ``"named"`` is never returned from the text alone; ``resolve_mention`` decides that from
    the entity index.
    """
    words = _words(text)
    if len(words) == 1:
        cls = _lexicon().pronouns.get(words[0])
        if cls in ("person", "thing", "plural"):
            return cls  # type: ignore[return-value]
    if _role_of(words) is not None:
        return "role"
    return None


_TEXT_KEY = "newsledger.coref.text"
# per-Doc caches (text, sentence starts, subject chain), kept beside the Doc rather than in
# doc.user_data so that serialising a Doc never meets these objects; they go with the Doc
_CACHES: weakref.WeakKeyDictionary[Doc, dict[str, Any]] = weakref.WeakKeyDictionary()


def _cache(doc: Doc) -> dict[str, Any]:
    found = _CACHES.get(doc)
    if found is None:
        found = _CACHES[doc] = {}
    return found


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access)."""
    cached = _cache(doc).get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.text
        _cache(doc)[_TEXT_KEY] = cached
    return cached


def _sentence_starts(doc: Doc) -> list[int]:
    cached = _cache(doc).get(_SENTS_KEY)
    if cached is None:
        try:
            cached = [sent.start_char for sent in doc.sents]
        except ValueError:  # a Doc without sentence boundaries: one sentence
            cached = [0]
        _cache(doc)[_SENTS_KEY] = cached
    return cast(list[int], cached)


_QUOTED_KEY = "newsledger.coref.quoted_sentences"


def _quoted_sentences(doc: Doc) -> list[bool]:
    """Per sentence: whether it lies inside quotation marks (the speaker's words, not the
    narrator's). A quote of several sentences or paragraphs does not push its speaker out of
    reach of the "he said" after it."""
    cached = _cache(doc).get(_QUOTED_KEY)
    if cached is not None:
        return cast(list[bool], cached)
    text = doc_text(doc)
    breaks = [m.start() for m in re.finditer(r"\n\n", text)] + [len(text)]
    quoted: list[bool] = []
    para, current, pos = 0, -1, 0
    straight = opened = closed = 0
    running_on = False
    for start in _sentence_starts(doc):  # in text order: each character is counted once
        while para + 1 < len(breaks) and start >= breaks[para]:
            para += 1
        if para != current:
            current = para
            pos = breaks[para - 1] + 1 if para else 0
            paragraph = text[pos : breaks[para]]
            # a paragraph that opens a quote and never closes it runs on into the next one
            running_on = paragraph.lstrip()[:1] in ('"', "\u201c") and paragraph.count('"') % 2 == 1
            straight = opened = closed = 0
        piece = text[pos:start]
        straight += piece.count('"')
        opened += piece.count("\u201c")
        closed += piece.count("\u201d")
        pos = max(pos, start)
        quoted.append(straight % 2 == 1 or opened > closed or running_on)
    _cache(doc)[_QUOTED_KEY] = quoted
    return quoted


def _window_start(doc: Doc, start_char: int, sentences_back: int) -> int:
    starts = _sentence_starts(doc)
    if not starts:
        return 0
    i = max(0, bisect_right(starts, start_char) - 1)
    if sentences_back <= 0:
        return starts[i]
    quoted = _quoted_sentences(doc)
    j, counted = i, 0
    while j > 0 and counted < sentences_back:
        j -= 1
        if not quoted[j]:
            counted += 1  # only the narrator's sentences count towards the reach
    return starts[j]


def resolve_mention(
    doc: Doc, start_char: int, end_char: int, entities: EntityIndex
) -> Entity | None:
    """The entity that the mention ``doc.text[start_char:end_char]`` refers to, or ``None``.

    - A named mention ("Kim", "KCNA", "North Korean leader Kim Jong Un") is the entity whose
      mention overlaps the span (``EntityIndex.at``); the mention's last word is tried first,
      so "North Korean leader Kim Jong Un" is Kim Jong Un, not North Korea.
    - A pronoun refers to the nearest preceding entity of a compatible type: he/she/his/her ->
      PERSON; it/its -> ORG, GPE or NORP; they/them/their -> ORG, GPE or NORP, and only within
      the previous sentence (plural pronouns usually point at unnamed groups such as
      "analysts", which are not entities).
    - A role noun in a definite description ("the leader", "the official", "the spokesman",
      "the president" -> PERSON; "the agency", "the ministry" -> ORG; "the regime",
      "the country", "the government" -> GPE) refers to the nearest preceding entity of the
      role's types, preferring one whose canonical name contains a word typical of the role
      ("the agency" -> "Korean Central News Agency" over a nearer organisation).

    Antecedents are searched for only in the mention's sentence and a few sentences before it
    (``data/attribution/coref.toml``); mentions overlapping the span itself are skipped.
    Returns ``None`` when the text does not say who, rather than guessing.
    """
    full = doc_text(doc)
    if not 0 <= start_char < end_char <= len(full):
        return None
    text = full[start_char:end_char]
    words = _words(text)
    if not words:
        return None
    lex = _lexicon()
    cls = lex.pronouns.get(words[0]) if len(words) == 1 else None
    if cls is None:
        named = _named(doc, start_char, end_char, entities)
        if named is not None:
            return named
        role = _role_of(words)
        if role is None:
            return None
        own = _own_name(entities, start_char, end_char, role)
        if own is not None:
            return own  # "the Saudi government" is Saudi Arabia, whoever was named before
        ant = _chain(doc, entities).resolved.get(start_char)
        found = (
            ant.entity
            if ant is not None
            else _role_antecedent(doc, start_char, entities, role, words)
        )
        token = _token_at(doc, end_char - 1)
        if (
            found is not None
            and token is not None
            and _owned_elsewhere(doc, token, found, entities)
        ):
            return None  # "the Philippine coast guard" after "China's Coast Guard": another body
        return found
    if cls == "thing" and _is_expletive(_token_at(doc, start_char)):
        return None  # "It is unclear whether ...": no one is referred to
    ant = _chain(doc, entities).antecedent_of(doc, start_char, cls, lex.genders.get(words[0]))
    if ant is not None:
        return ant.entity
    window = lex.plural_window if cls == "plural" else lex.window
    return _antecedent(doc, start_char, entities, lex.pronoun_types[cls], (), window)


_OWNERS = frozenset({"GPE", "NORP"})


def _owned_elsewhere(doc: Doc, token: Token, entity: Entity, entities: EntityIndex) -> bool:
    """A description that names its own state ("the Philippine coast guard") is not a body the
    text named as another state's."""
    start, _end = _np_bounds(token)
    span = doc[start : token.i + 1]
    owners = [e for _, _, e in entities.within(span.start_char, span.end_char) if e.type in _OWNERS]
    return bool(owners) and not any(_owned_by(entity, o) for o in owners)


def _owned_by(entity: Entity, owner: Entity) -> bool:
    """Whether an entity's name says it belongs to ``owner`` ("China's Coast Guard" to China),
    or it is the owner itself."""
    if entity.id == owner.id:
        return True
    names = [entity.name.lower(), *(a.lower() for a in entity.aliases)]
    forms = [owner.name.lower(), *(a.lower() for a in owner.aliases)]
    return any(re.search(rf"\b{re.escape(f)}\b", n) for f in forms for n in names)


def _own_name(entities: EntityIndex, start: int, end: int, role: _Role) -> Entity | None:
    """The entity a role description names in its own words ("the Saudi government", "the
    Georgian parliament"), when that entity is of a type the role can refer to."""
    for _, _, entity in reversed(entities.within(start, end)):
        if entity.type in role.types:
            return entity
    return None


def _role_antecedent(
    doc: Doc, start_char: int, entities: EntityIndex, role: _Role, words: list[str]
) -> Entity | None:
    """The entity a role-noun description ("the minister", "the agency") at ``start_char``
    refers to, by the role's types and preferences."""
    title = _title_of(words) if role.needs_title else None
    lex = _lexicon()
    return _antecedent(
        doc,
        start_char,
        entities,
        role.types,
        role.prefer,
        # "the minister" can only be the person introduced as a minister, "the ministry" only
        # a body named as one, however far back; "the former defence minister" is news about
        # someone just named, not a title given
        lex.titled_window
        if (title is not None or role.strict) and "former" not in words
        else lex.window,
        role.strict,
        title,
        nouns_only=role.types == _STATE,
        title_word=_bound_word(role, words),
    )


def _bound_word(role: _Role, words: list[str]) -> str | None:
    """The head word a strict role's entity must contain in its name ("the commission" is
    not the Supreme Court); none for a role whose preferred words fit any of its heads, when
    the head is no preferred word itself ("the paper" is the Rodong Sinmun)."""
    word = _title_of(words)
    if role.any_preferred and word not in role.prefer:
        return None
    return word


def _named(doc: Doc, start_char: int, end_char: int, entities: EntityIndex) -> Entity | None:
    text = doc_text(doc)[start_char:end_char].rstrip()
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]
    end = start_char + len(text)
    # the last word names the head of the phrase: "leader Kim Jong Un" -> the person
    last = text.rfind(" ") + 1
    head = entities.at(start_char + last, end)
    if (
        head is not None
        or not text[last : last + 1].isupper()
        or text[last:].lower() in _lexicon().media_heads
    ):
        # a common-noun head is not a name: "a White House spokesman" is not the White House,
        # "Iran's state TV" is not Iran
        return head
    return entities.at(start_char, end) or _by_surname(doc, text[last:], entities)


def _antecedent(
    doc: Doc,
    start_char: int,
    entities: EntityIndex,
    types: frozenset[str],
    prefer: tuple[str, ...],
    window: int,
    strict: bool = False,
    title: str | None = None,
    nouns_only: bool = False,
    title_word: str | None = None,
) -> Entity | None:
    lo = max(_window_start(doc, start_char, window), start_char - _MAX_LOOKBACK_CHARS)
    candidates = [
        entity for s, e, entity in reversed(entities.within(lo, start_char)) if entity.type in types
    ]
    if title is not None:
        candidates = [entity for entity in candidates if _titled(doc, entity, title)]
    if nouns_only:
        # "the government" is a state named as a noun ("Iran", "North Korea's"), not one
        # that only appeared as an adjective ("a Qatari official")
        nouns = {
            id(entity)
            for s, e, entity in entities.within(lo, start_char)
            if entity.type == "GPE" and _is_noun_mention(doc, s, e)
        }
        candidates = [
            entity for entity in candidates if entity.type != "GPE" or id(entity) in nouns
        ]
    if not candidates:
        return None
    if prefer:
        for entity in candidates:
            name = entity.name.lower()
            if any(word in name for word in prefer):
                if strict and title_word and title_word not in name:
                    continue  # "the commission" is not the Supreme Court
                return entity
        if strict:
            return None
    return candidates[0]


# ---------------------------------------------------------------------------------------------
# Sources: who a subject token names, for quotes and claims


@dataclass(frozen=True, slots=True)
class SourceName:
    """A speaker or claim source: an entity's canonical name and id, or an unnamed phrase."""

    name: str
    entity: str | None = None


# dependents that belong to a source's noun phrase ("military analysts in Seoul");
# relative clauses, appositions and parentheticals do not
_NP_DEPS = frozenset(
    {
        "det",
        "amod",
        "compound",
        "nmod",
        "poss",
        "nummod",
        "prep",
        "conj",
        "cc",
        "case",
        "quantmod",
        "advmod",
        "npadvmod",
        "predet",
        "nn",
        "punct",
    }
)
_MAX_SOURCE_TOKENS = 12


_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "appos"})


def _right_edge_without_clauses(token: Token) -> int:
    """The last token of ``token``'s subtree, stopping before a clause or apposition that hangs
    inside it: "a spokeswoman for the port authority, who declined to be named" ends at
    "authority"."""
    cut = next(
        (t for t in token.subtree if t.i > token.i and t.dep_ in _CLAUSE_DEPS and t.head.i != t.i),
        None,
    )
    if cut is None:
        return token.right_edge.i
    end = cut.left_edge.i - 1
    doc = token.doc
    while end > token.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return max(end, token.i)


def _np_bounds(token: Token) -> tuple[int, int]:
    """Token indices [start, end) of the noun phrase headed by ``token``, without clauses."""
    start = end = token.i
    for child in token.children:
        if child.dep_ not in _NP_DEPS:
            continue
        if child.dep_ == "punct" and child.text not in ("-", "'", "\u2019"):
            continue
        if child.dep_ == "prep" and any(
            g.dep_ == "pcomp" and g.pos_ == "VERB" for g in child.children
        ):
            continue  # "quoted a witness as saying ...": the as-phrase is the verb's, not a name
        if child.dep_ == "prep" and child.lower_ == "in" and _names_a_text(child):
            continue  # "the four ministers in their statement said": where, not who
        # a subtree is contiguous in a projective parse: its edges are enough
        start = min(start, child.left_edge.i)
        end = max(end, _right_edge_without_clauses(child))
    end += 1
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > token.i and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"
    ):
        # "from the space consortium\nand the maker": the parser may leave a coordinator
        # inside the first conjunct's phrase and hang the second elsewhere
        end -= 1
    if end - start > _MAX_SOURCE_TOKENS:
        start = max(start, token.i - 4)
        end = token.i + 1
    return start, end


def speaks_for_a_body(token: Token) -> bool:
    """Whether a noun names one unnamed person who speaks for a body by office ("a spokesman",
    "an official"; not "officials")."""
    return token.lemma_.lower() in _lexicon().speaking_for and token.tag_ not in ("NNS", "NNPS")


def _all_members_of(token: Token, entities: EntityIndex) -> Entity | None:
    """ "The members of the Security Council" speak as the council; "some members", "two
    members" or "members" with no article are some of them, not the body."""
    if token.lemma_.lower() != "member" or token.tag_ != "NNS":
        return None
    if [c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "amod")] != ["the"]:
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    body = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if body is None:
        return None
    found = entities.at(body.idx, body.idx + len(body.text))
    return found if found is not None and found.type == "ORG" else None


@lru_cache(maxsize=1)
def _text_nouns() -> frozenset[str]:
    """Nouns for a text or a medium someone speaks in ("statement", "post", "television")."""
    lex = _lexicon()
    return lex.documents | lex.statement_nouns | lex.media_heads


@lru_cache(maxsize=1)
def _written_nouns() -> frozenset[str]:
    """Nouns for a text with no voice of its own ("the report", "the treaty")."""
    lex = _lexicon()
    return lex.documents | lex.agreement_texts


def _names_a_text(prep: Token) -> bool:
    """Whether a preposition's object is a text or medium ("in their statement", "in a post")."""
    texts = _text_nouns()
    return any(c.dep_ == "pobj" and c.lemma_.lower() in texts for c in prep.children)


def source_for_token(
    doc: Doc,
    token: Token,
    entities: EntityIndex,
    *,
    outlet: str | None = None,
    any_noun: bool = False,
) -> SourceName | None:
    """The source a subject token names, for a quote's speaker or a claim's source chain.

    - An entity (named, or a pronoun / role noun resolved by ``resolve_mention``): its
      canonical name and id. "an Iranian soldier, Hamid Dehqani" names the apposed person.
    - Otherwise the noun phrase as written, lower-cased at the start unless it is a name
      ("Military analysts" -> "military analysts", "a U.S. defense official"); "our
      correspondent" becomes "<outlet> correspondent" when the outlet is known.
    - ``None`` for a pronoun that resolves to nothing ("he" with no person near, "we", "I"),
      and for a common noun that cannot speak ("the order suggests") unless ``any_noun``
      (a verb of saying makes its subject a speaker: "the opposition claims ...").
    """
    lex = _lexicon()
    lower = token.lower_
    chain = _chain(doc, entities)
    # ("one" the tagger may read as a pronoun: "one said" is one of a group, below)
    if lower in lex.pronouns or (token.pos_ == "PRON" and lower not in _ONE_OF_A_GROUP):
        cls = lex.pronouns.get(lower)
        ant = chain.antecedent_of(doc, token.idx, cls, lex.genders.get(lower)) if cls else None
        if ant is not None and ant.entity is None and ant.head in lex.media_heads:
            # '"...," the statement said. "...," it added': the statement's author speaks
            written = _subject_at(doc, ant.pos)
            author = _document_author(written, entities, outlet) if written is not None else None
            if author is not None:
                return author
        if ant is not None:
            return ant.source()
        entity = resolve_mention(doc, token.idx, token.idx + len(token.text), entities)
        return SourceName(entity.name, entity.id) if entity else None
    body = _all_members_of(token, entities)
    if body is not None:
        return SourceName(body.name, body.id)  # "the members of the Security Council said"
    ant = chain.resolved.get(token.idx)
    if ant is not None and ant.entity is None and ant.head in lex.media_heads:
        author = _document_author(token, entities, outlet)
        if author is not None:
            return author  # "the statement" again: who put it out
    if (
        ant is not None
        and ant.entity is not None
        and _owned_elsewhere(doc, token, ant.entity, entities)
    ):
        ant = None  # "the Philippine coast guard" after "China's Coast Guard": another body
    if ant is not None:
        return ant.source()  # "the official" -> "a U.S. defense official" said earlier
    if lower in _PARTITIVE:  # "one of the officials" is one official
        for apposed in (c for c in token.children if c.dep_ == "appos"):
            # "one of their leaders, Ali Musa,": the one the text names
            person = _named(
                doc,
                apposed.left_edge.idx,
                apposed.right_edge.idx + len(apposed.right_edge),
                entities,
            )
            if person is not None and person.type == "PERSON":
                return SourceName(person.name, person.id)
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is not None:
            return source_for_token(doc, obj, entities, outlet=outlet, any_noun=any_noun)
    hyphened = _hyphenated_name(token, entities)
    if hyphened is not None:
        return SourceName(hyphened.name, hyphened.id)  # "al-Maliki" parsed as "al" "-" "Maliki"
    start, end = _np_bounds(token)
    span = doc[start:end]
    # the words up to the head name it; "our correspondent in Seoul" is not Seoul
    left = doc[start : token.i + 1]
    role = lex.roles.get(token.lemma_.lower())
    if role is not None and role.types == _STATE:
        # "the government of Chad said": the state the phrase itself names, before any state
        # named earlier that "the government" alone would point back to
        governed = _issuer(token, left, entities)
        if governed is not None:
            return SourceName(governed.name, governed.id)
    entity = (
        _apposed(token, entities)
        or _titled_person(token, entities)
        or resolve_mention(doc, left.start_char, left.end_char, entities)
    )
    if entity is None:
        entity = _named(doc, token.idx, token.idx + len(token.text), entities)
    if entity is None:
        entity = _apposed(token, entities) or _issuer(token, left, entities)
    if (
        entity is not None
        and entity.type == "NORP"
        and left[0].lower_ == "the"
        and token.tag_ in ("NNP", "NN")
        and token.dep_ in ("nsubj", "nsubjpass")
    ):
        # "the California Republican said": one member of a group is a person named earlier
        ant = chain.nearest(doc, token.idx, "person")
        if ant is not None:
            return ant.source()
    if entity is None and token.lemma_.lower() in lex.media_heads:
        author = _document_author(token, entities, outlet)
        if author is not None:
            return author
    if entity is not None and entity.type == "WEAPON":
        return None  # "the carrier Theodore Roosevelt entered port to insist on ...": no speaker
    if entity is not None:
        return SourceName(entity.name, entity.id)
    if token.pos_ not in ("NOUN", "PROPN") or _never_speaks(token):
        return None
    if token.pos_ == "NOUN" and not any_noun and not _is_speaker_noun(token, lex.speaker_heads):
        return None  # "the order suggests ...": a thing, not someone who speaks
    named = _apposed_name(token)
    if named is not None:
        return SourceName(named, None)  # "the camp's doctor, Ana Brill": the name, not the role
    body = _body_spoken_for(token, span, entities)
    if body is not None:
        return SourceName(body.name, body.id)
    phrase = " ".join(span.text.split())
    first = span[0]
    if outlet and first.lower_ in lex.outlet_possessives:
        phrase = f"{outlet}{phrase[len(first.text) :]}"
    elif _capital_by_position(first):
        phrase = phrase[:1].lower() + phrase[1:]
    return SourceName(phrase, None)


def _body_spoken_for(token: Token, span: Span, entities: EntityIndex) -> Entity | None:
    """The named body an unnamed official speaks for: "an official from the North Korean
    foreign ministry", "a spokesman of the National Defence Commission". A state is no such
    body ("a Russian government spokesperson" stays as written), nor is a person."""
    if not speaks_for_a_body(token):
        return None
    inside = [m[2] for m in entities.within(span.start_char, span.end_char)]
    bodies = [entity for entity in inside if entity.type == "ORG"]
    return bodies[-1] if bodies else None


def _subject_at(doc: Doc, start_char: int) -> Token | None:
    """The head of the subject phrase that starts at ``start_char``."""
    token = _token_at(doc, start_char)
    for _ in range(4):
        if token is None or token.dep_ in _SUBJECT_DEPS:
            return token
        token = token.head
    return None


def _sole_subject(doc: Doc, pos: int) -> bool:
    """The subject at ``pos`` is one party, not the first of several ("Kova and Lind met")."""
    subject = _subject_at(doc, pos)
    return subject is not None and not any(c.dep_ == "conj" for c in subject.children)


def _never_speaks(token: Token) -> bool:
    """A time, a quantity, an event, a place, a weapon or a body part: never a source.
    "its people" / "their population" are a state's inhabitants, not a speaker either."""
    lex = _lexicon()
    if token.ent_type_ in lex.non_speaker_types:
        return True
    if token.lemma_.lower() in lex.non_speakers or token.lower_ in lex.non_speakers:
        return True
    return token.lower_ in ("people", "population") and any(
        c.dep_ == "poss" and c.lower_ in ("its", "their") for c in token.children
    )


_AUTHOR_LOOKBACK = 300  # tokens before a "the report said" searched for who wrote it


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two, the one nearer the verb: in "The ships trained on Saturday,
    the fleet said" the parser may take the fronted report's noun for a second subject."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return max(subjects, key=lambda c: c.i) if len(subjects) > 1 else next(iter(subjects), None)


def _document_author(token: Token, entities: EntityIndex, outlet: str | None) -> SourceName | None:
    """Who speaks through a statement or report: "a military statement" -> the military;
    "the report said" -> whoever the text said published it ("Amnesty released a report on
    Tuesday."), or the author named on an earlier mention ("a report by Amnesty")."""
    doc = token.doc
    lex = _lexicon()
    own = _named_author(token, entities, outlet)
    if own is not None:
        return own
    if token.dep_ == "dobj" and token.head.lemma_.lower() in lex.author_verbs:
        # "the army released footage claiming ...": who released it speaks through it
        subject = _nearest_subject(token.head)
        if subject is not None and subject.pos_ != "PRON":
            return source_for_token(doc, subject, entities, outlet=outlet, any_noun=True)
    if not _definite(token):
        return None
    lemma = token.lemma_.lower()
    documents = lex.documents if lemma in lex.documents else frozenset({lemma})
    for earlier in reversed(doc[max(0, token.i - _AUTHOR_LOOKBACK) : token.i]):
        if earlier.pos_ == "VERB" and earlier.lemma_.lower() == lemma:
            # "Iran's state TV reported that ... Thursday's report says": who reported wrote it
            subject = _nearest_subject(earlier)
            if subject is not None and subject.pos_ != "PRON":
                return source_for_token(doc, subject, entities, outlet=outlet, any_noun=True)
            continue
        if earlier.lemma_.lower() not in documents or earlier.pos_ != "NOUN":
            continue
        if any(
            c.dep_ in ("amod", "det") and c.lower_ in lex.other_documents for c in earlier.children
        ):
            continue  # "in response to a similar document issued by U.S. officials"
        author = _author_of(earlier, entities)
        if author is not None:
            return SourceName(author.name, author.id)
        verb = earlier.head
        if earlier.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ in ("VERB", "AUX"):
            # "In a statement on Sunday, the army said ...", "In their report the institutes
            # were divided": whoever speaks or is told of in it wrote it
            subject = _nearest_subject(verb.head) or next(
                (c for c in verb.head.children if c.dep_ == "nsubjpass"), None
            )
            if subject is not None and subject.i < token.i and subject.pos_ != "PRON":
                found = source_for_token(doc, subject, entities, outlet=outlet, any_noun=True)
                if found is not None:
                    return found
        if earlier.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in lex.author_verbs:
            subject = _nearest_subject(verb)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if subject is None and agent is not None:
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if subject is not None and subject.i < token.i:
                # who publishes a text is its author, whatever noun names them
                return source_for_token(doc, subject, entities, outlet=outlet, any_noun=True)
        if _definite(earlier):
            continue  # "The statement came a day after ...": the same text named again
        # "said a document issued by the party": the first mention names who put it out
        # (or no one: the nearest earlier mention names no author, do not guess)
        return _named_author(earlier, entities, outlet)
    if lemma in lex.statement_nouns:
        # "Mr. Netanyahu's office confirmed that ... "...," the statement said": a statement
        # not introduced before is the one the body that last spoke put out
        ant = _chain(doc, entities).nearest(doc, token.idx, "thing")
        if ant is not None and (ant.entity is None or ant.entity.type == "ORG"):
            return ant.source()
    return None


def _named_author(token: Token, entities: EntityIndex, outlet: str | None) -> SourceName | None:
    """The author a statement or report names in its own phrase: "a military statement", "the
    ministry's statement", "the statement, issued by the army", "a statement from the board"."""
    lex = _lexicon()
    doc = token.doc
    for child in token.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in lex.issuer_words:
            return SourceName(f"the {child.lower_}", None)
        if (
            token.lemma_.lower() in lex.documents | lex.statement_nouns
            and child.dep_ == "poss"
            and child.pos_ in ("PROPN", "NOUN")
            and child.ent_type_ not in ("DATE", "TIME")
        ):
            # "the ministry's statement read: ...": whose statement it is
            owner = source_for_token(doc, child, entities, outlet=outlet, any_noun=True)
            if owner is not None:
                if owner.entity is None:
                    # an unnamed owner is named without its possessive ending
                    name = re.sub(r"\s*['’]s?$", "", owner.name)
                    return SourceName(name or owner.name, None)
                return owner
        if child.dep_ == "acl" and child.lemma_.lower() in lex.author_verbs:
            # "the statement, issued by the army's press office": the participle's agent
            child = next((c for c in child.children if c.dep_ == "agent"), child)
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            # "a statement from the interior ministry": the issuer, named or not
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in lex.media_heads:
                issuer = source_for_token(doc, obj, entities, outlet=outlet, any_noun=True)
                if issuer is not None:
                    return issuer
    return None


def _definite(noun: Token) -> bool:
    """ "the report", "this statement", and "Thursday's report" (a day's possessive points back
    like "the")."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        or (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"))
        for c in noun.children
    )


_SPEAKING_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def document_says(verb: Token) -> bool:
    """'"...," the statement reads': a verb by which a document says what it holds, with a
    document as its subject."""
    lex = _lexicon()
    if verb.lemma_.lower() not in lex.text_verbs:
        return False
    # '"...," read a statement from X': the parser may take the inverted subject for an object
    inverted = verb.i > 0 and verb.doc[verb.i - 1].is_quote
    return any(
        (c.dep_ == "nsubj" or (inverted and c.dep_ == "dobj" and c.i == verb.i + 2))
        and c.lemma_.lower() in lex.documents | lex.media_heads
        for c in verb.children
    )


def is_written_text(token: Token) -> bool:
    """Whether a common noun names a text rather than someone ("the agreement", "the report")."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in _written_nouns()


def may_speak(token: Token) -> bool:
    """Whether a subject token can, by its own words, be someone who speaks: a person,
    organisation, group or state by the tagger's entity type, a personal pronoun, or a common
    noun for people or bodies ("officials", "the ministry"). "The talks" and "the pollution"
    cannot; the test reads the token only, with no coreference."""
    if token.ent_type_ in _SPEAKING_ENTITY_TYPES:
        return True
    if token.pos_ == "PRON":
        return token.lower_ in _lexicon().pronouns
    if token.pos_ == "PROPN":
        return not _never_speaks(token)
    return token.pos_ == "NOUN" and _is_speaker_noun(token, _lexicon().speaker_heads)


def _is_speaker_noun(token: Token, heads: frozenset[str]) -> bool:
    """Whether a common noun can name someone who speaks ("analysts", "the crew", "media")."""
    for word in (token.lemma_.lower(), token.lower_, token.lower_.rsplit("-", 1)[-1]):
        if word in heads or word.rstrip("s") in heads:
            return True
    lex = _lexicon()
    if heads is lex.speaker_heads and token.tag_ == "NNS":
        word = token.lower_
        return word.endswith(lex.people_suffixes) and word not in lex.suffix_exceptions
    return False


# ---------------------------------------------------------------------------------------------
# The subject chain: who the subjects of an article's sentences are, pronouns resolved in order


@dataclass(slots=True)
class _Antecedent:
    pos: int  # start offset of the subject that names it
    entity: Entity | None
    phrase: str | None  # an unnamed source's phrase when there is no entity
    head: str  # head noun lemma ("official")
    plural: bool
    person: bool
    main: bool = True  # the subject of a main clause, not of a subordinate one
    gender: str | None = None  # "male" / "female" when the text says, else unknown

    def source(self) -> SourceName | None:
        if self.entity is not None:
            return SourceName(self.entity.name, self.entity.id)
        return SourceName(self.phrase, None) if self.phrase else None


_CHAIN_KEY = "newsledger.coref.chain"
_MAX_LOOKBACK = 60  # subjects examined per look-up
_MAX_LOOKBACK_CHARS = 3000  # how far back an antecedent may be, whatever the sentences
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PARTITIVE = frozenset({"one", "some", "several", "two", "many", "most"})
# words that stand for one member of a group named before ("one said", "said another")
_ONE_OF_A_GROUP = frozenset({"one", "another"})


class _Chain:
    """Subjects in text order: named entities, unnamed sources ("a U.S. defense official") and
    pronouns / definite descriptions resolved to the nearest compatible subject before them.
    Subjects are preferred as antecedents: news text keeps talking about who speaks."""

    def __init__(self) -> None:
        self.records: list[_Antecedent] = []
        self.starts: list[int] = []
        self.resolved: dict[int, _Antecedent | None] = {}
        self.entities: EntityIndex | None = None
        self.genders: dict[str, str] = {}  # entity id -> gender its honorifics give

    def add(self, record: _Antecedent) -> None:
        self.records.append(record)
        self.starts.append(record.pos)

    def nearest(
        self,
        doc: Doc,
        pos: int,
        cls: str | None,
        head: str | None = None,
        local: bool = False,
        holders: bool = True,
        gender: str | None = None,
        skip: tuple[int, int] | None = None,
    ) -> _Antecedent | None:
        lex = _lexicon()
        window = lex.plural_window if cls == "plural" else lex.window
        lo = max(_window_start(doc, pos, window), pos - _MAX_LOOKBACK_CHARS)
        types = lex.pronoun_types.get(cls or "", frozenset())
        fallback: _Antecedent | None = None
        # a pronoun in a subordinate clause points at its own sentence's subject ("Iran
        # denied reports that it ..."); a main-clause pronoun ("..., it said") at the last
        # main-clause subject
        own_sentence = _window_start(doc, pos, 0) if local else pos + 1
        i = bisect_left(self.starts, pos) - 1
        stop = max(-1, i - _MAX_LOOKBACK)  # bounded even in an article with no sentence breaks
        while i > stop and self.starts[i] >= lo:
            r = self.records[i]
            i -= 1
            if skip is not None and skip[0] <= r.pos < skip[1]:
                continue
            if head is not None:
                # "the paper" is the named "newspaper" before it (a shorter form of the noun)
                if r.head == head or (r.entity is not None and r.head.endswith(head)):
                    return r
                continue
            known = r.gender or (self.genders.get(r.entity.id) if r.entity is not None else None)
            if _compatible(r, cls, types) and not (gender and known and known != gender):
                if r.main or r.pos >= own_sentence:
                    fallback = r
                    break
                fallback = fallback or r
        if cls != "thing" or head is not None or not holders or self.entities is None:
            return fallback
        # "It was the North's first launch since it test-fired ...": a state or organisation
        # named as subject or possessor earlier in the pronoun's own sentence beats a subject
        # of an earlier sentence; inside a subordinate clause it also beats a main subject
        # named before it ("The JCS said ... the North's ... since it ..."). A main clause's
        # subject pronoun ("..., it said") is left to the subject chain: the names inside
        # the reported clause are what is said, not who says it.
        sentence = _window_start(doc, pos, 0)
        if fallback is not None and fallback.pos >= sentence and not local:
            return fallback
        near_types = lex.pronoun_types.get("thing_same_sentence", types)
        near = _same_sentence_holder(doc, pos, sentence, self.entities, near_types)
        if near is not None and skip is not None and skip[0] <= near.pos < skip[1]:
            near = None
        if near is not None and (fallback is None or fallback.pos < near.pos):
            return near
        return fallback

    def learn_gender(self, entity_id: str, gender: str) -> None:
        """What the text says of a person's gender; one it contradicts is forgotten."""
        known = self.genders.get(entity_id)
        if known is None:
            self.genders[entity_id] = gender
        elif known and known != gender:
            self.genders[entity_id] = ""  # said both ways: unknown

    def antecedent_of(
        self, doc: Doc, pos: int, cls: str | None, gender: str | None = None
    ) -> _Antecedent | None:
        if pos in self.resolved:
            return self.resolved[pos]
        return self.nearest(doc, pos, cls, gender=gender)


def may_be_called(doc: Doc, entities: EntityIndex, entity_id: str, pronoun: str) -> bool:
    """Whether "he" or "she" can stand for the person: not when the text says otherwise."""
    wanted = _lexicon().genders.get(pronoun.lower())
    known = _chain(doc, entities).genders.get(entity_id)
    return not (wanted and known and known != wanted)


def _entity_genders(doc: Doc, entities: EntityIndex) -> dict[str, str]:
    """Entity id -> gender, from an honorific right before one of its mentions ("Ms. Ayotte");
    a person called both "Mr." and "Ms." in one text gets none."""
    honorifics = _lexicon().honorifics
    found: dict[str, set[str]] = {}
    for token in doc:
        sex = honorifics.get(token.lower_.rstrip("."))
        if sex is None or token.i + 1 >= len(doc):
            continue
        nxt = doc[token.i + 1]
        if nxt.text == "." and token.i + 2 < len(doc):
            nxt = doc[token.i + 2]
        entity = entities.at(nxt.idx, nxt.idx + len(nxt))
        if entity is not None and entity.type == "PERSON":
            found.setdefault(entity.id, set()).add(sex)
    return {eid: next(iter(sexes)) for eid, sexes in found.items() if len(sexes) == 1}


def _possessive_genders(doc: Doc, entities: EntityIndex, chain: _Chain) -> None:
    """ "Anna Holm met her counterpart", "Vos told his supporters": a person named as the
    subject with "her"/"his" on the verb's object is a woman / a man."""
    genders = _lexicon().genders
    for token in doc:
        sex = genders.get(token.lower_) if token.dep_ == "poss" else None
        if sex is None or token.lower_ not in ("his", "her"):
            continue
        owner = token.head
        verb = owner.head if owner.dep_ in ("dobj", "pobj") else None
        if verb is not None and verb.dep_ == "prep":
            verb = verb.head
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) != 1 or subjects[0].pos_ != "PROPN":
            continue
        subject = subjects[0]
        entity = entities.at(subject.idx, subject.idx + len(subject)) or _named(
            doc, subject.left_edge.idx, subject.idx + len(subject), entities
        )
        if entity is not None and entity.type == "PERSON":
            chain.learn_gender(entity.id, sex)


def _titled_holder(doc: Doc, description: Span, entities: EntityIndex) -> Entity | None:
    """The person introduced earlier with this title before their name ("the district
    attorney" -> "Nassau County District Attorney Kathleen Rice"), when the title has two
    words or more."""
    words = [t.lower_ for t in description if t.lower_ not in _DETERMINERS]
    if len(words) < 2:
        return None
    wanted = " ".join(words)
    for _s, _e, entity in reversed(entities.within(0, description.start_char)):
        if entity.type == "PERSON" and any(
            wanted in alias.lower() and not alias.lower().startswith(wanted + "'")
            for alias in entity.aliases
            if alias.lower() != wanted
        ):
            return entity
    return None


def _named_as_source(token: Token) -> bool:
    """ "According to two officials, ...": the sources an "according to" names are who a later
    "one of them" or "they said" refers to, like a subject; so is the agent of a passive
    ("This move was criticized by Nassar al-Rubaie. ... he said")."""
    if token.dep_ != "pobj":
        return False
    if token.head.dep_ == "agent":
        return True
    return token.head.lower_ == "to" and token.head.head.lower_ == "according"


def _quote_just_closed(token: Token) -> tuple[int, int] | None:
    """The quotation that closes right before the pronoun ('"... He will not sign," he said'):
    whoever the quotation itself talks about is not who says it."""
    doc = token.doc
    close = token.i - 1
    while close >= 0 and doc[close].is_space:
        close -= 1
    if close < 0 or not doc[close].is_quote:
        return None
    for i in range(close - 1, max(-1, close - _MAX_QUOTE_TOKENS), -1):
        if doc[i].is_quote:
            return doc[i].idx, doc[close].idx
    return None


# how far back the opening mark of a quotation is looked for
_MAX_QUOTE_TOKENS = 400


def _chain(doc: Doc, entities: EntityIndex) -> _Chain:
    cached = _cache(doc).get(_CHAIN_KEY)
    if cached is not None and cached[0] is entities:
        return cast(_Chain, cached[1])
    chain = _Chain()
    chain.entities = entities
    _cache(doc)[_CHAIN_KEY] = (entities, chain)  # set first: lookups below may recurse
    lex = _lexicon()
    chain.genders = _entity_genders(doc, entities)
    _possessive_genders(doc, entities, chain)
    for token in doc:
        if token.dep_ not in _SUBJECT_DEPS and not _named_as_source(token):
            continue
        lower = token.lower_
        plural = token.tag_ in ("NNS", "NNPS")
        verb = token.head if token.dep_ in _SUBJECT_DEPS else token.head.head
        if verb.lower_ == "according":
            verb = verb.head
        main = (
            verb.dep_ == "ROOT"
            or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            # "North Korea fired a missile, the ministry said": the reporting clause the parser
            # hung under the reported verb is the sentence's own
            or (
                verb.lemma_.lower() in lex.reporting_verbs
                and verb.head.dep_ == "ROOT"
                and verb.i > verb.head.i
            )
        )
        cls = lex.pronouns.get(lower)
        if cls == "thing" and _is_expletive(token):
            chain.resolved[token.idx] = None  # refers to no one, and passes no one on
            continue
        if cls is not None:
            gender = lex.genders.get(lower)
            ant = chain.nearest(
                doc,
                token.idx,
                cls,
                local=not main,
                holders=not main,
                gender=gender,
                skip=_quote_just_closed(token),
            )
            chain.resolved[token.idx] = ant
            if ant is not None:
                chain.add(replace(ant, pos=token.idx, main=main, gender=ant.gender or gender))
                if ant.entity is not None and gender is not None:
                    # "Vos ... he said": the person is a man for the pronouns after
                    chain.learn_gender(ant.entity.id, gender)
            continue
        if token.pos_ not in ("NOUN", "PROPN") and lower not in _PARTITIVE | _ONE_OF_A_GROUP:
            continue
        if lower in _ONE_OF_A_GROUP and not any(c.dep_ in ("det", "prep") for c in token.children):
            # 'Diplomats said ... "...," said one.', '"...," another said': one of the group
            # that just spoke (not "no one could predict"), and who a "he" after it is
            group = chain.nearest(doc, token.idx, "plural")
            if group is not None and group.entity is None and group.person:
                phrase = f"{lower} {group.head}"
                one = _Antecedent(token.idx, None, phrase, group.head, False, True, main)
                chain.resolved[token.idx] = one
                chain.add(one)
            continue
        start, _ = _np_bounds(token)
        left = doc[start : token.i + 1]
        if left[0].lower_ == "whose":
            # "Ari Veta, whose elected government was ousted": the relative's own thing, no
            # referent for a later "the government"
            continue
        entity = (
            _named(doc, left.start_char, left.end_char, entities)
            or _apposed(token, entities)
            or _issuer(token, left, entities)
        )
        if entity is not None:
            # "a ministry spokesperson, Ana Ko": a person, whatever type the name was given
            person = entity.type == "PERSON" or (
                entity.type == "ORG" and _title_word(token) is not None and not plural
            )
            head = token.lemma_.lower()
            gender = chain.genders.get(entity.id)
            chain.add(_Antecedent(token.idx, entity, None, head, plural, person, main, gender))
            continue
        head = token.lemma_.lower()
        first = left[0].lower_
        noun = token
        if lower in _PARTITIVE:  # "one of the officials"
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if obj is None:
                continue
            noun, head, first = obj, obj.lemma_.lower(), "the"
        if first in _DETERMINERS or first == "one":
            ant = chain.nearest(doc, token.idx, None, head=head)
            titled = _titled_holder(doc, left, entities) if first in _DETERMINERS else None
            if titled is not None and (ant is None or ant.entity is not titled):
                # "the district attorney" is "District Attorney Kathleen Rice", not the nearer
                # "her attorney, Lenard Leeds": the full title names its holder
                ant = _Antecedent(token.idx, titled, None, head, plural, True, main)
            if ant is not None and not _same_group(noun, ant):
                ant = None  # "the rebel delegation" is not "the two delegations"
            if ant is not None and ant.entity is None and ant.person and not plural:
                # "Iran's foreign ministry spokesman says ... Mousavi condemned ... the
                # spokesman noted": the one person named since the unnamed role holds it
                named = [
                    r
                    for r in chain.records
                    if ant.pos < r.pos < token.idx
                    and r.entity is not None
                    and r.entity.type == "PERSON"
                ]
                alone = all(_sole_subject(doc, r.pos) for r in named)
                if alone and len({r.entity.id for r in named if r.entity is not None}) == 1:
                    ant = named[-1]
            if ant is not None:
                chain.resolved[token.idx] = ant
                chain.add(replace(ant, pos=token.idx, plural=plural, main=main))
                continue
            words = _words(left.text)
            role = _role_of(words)
            if role is not None:
                entity = _role_antecedent(doc, token.idx, entities, role, words)
                if entity is not None:
                    person = entity.type == "PERSON"
                    record = _Antecedent(token.idx, entity, None, head, plural, person, main)
                    chain.resolved[token.idx] = record
                    chain.add(record)
                    continue
        if token.dep_ not in _SUBJECT_DEPS and first in ("the", "this", "that", "these", "those"):
            # "according to the diplomat" points back at someone; unresolved, it names no one
            # new for a later pronoun
            continue
        gender = lex.genders.get(noun.lower_) if noun.pos_ == "NOUN" else None
        if gender is not None and not plural:
            # "a doorman marched toward her. The desks, he told her, ...": a person
            phrase = _phrase_of(doc, noun)
            chain.add(_Antecedent(token.idx, None, phrase, head, False, True, main, gender))
            continue
        if not _is_speaker_noun(noun, lex.speaker_heads):
            if plural and (_never_speaks(noun) or noun.lower_ in lex.suffix_exceptions):
                # "helicopters launched strikes, which they say ...": "they" are the
                # helicopters' crews, whom the text does not name; no one further back
                chain.add(_Antecedent(token.idx, None, None, head, True, False, main))
            continue
        person = _is_speaker_noun(noun, lex.person_heads)
        chain.add(_Antecedent(token.idx, None, _phrase_of(doc, noun), head, plural, person, main))
    return chain


_MAX_HOLDERS = 12  # entity mentions examined in a pronoun's sentence


def _same_sentence_holder(
    doc: Doc, pos: int, sentence: int, entities: EntityIndex, types: frozenset[str]
) -> _Antecedent | None:
    """The nearest entity of ``types`` before ``pos`` in its sentence that is a clause's
    subject or a possessor ("Peru said", "the North's first launch"); an entity in an object
    or a prepositional phrase is rarely what a later "it" points at."""
    mentions = entities.within(sentence, pos)
    for s, e, entity in reversed(mentions[-_MAX_HOLDERS:]):
        if entity.type not in types:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        after = doc[root.i + 1] if root.i + 1 < len(doc) else None
        if root.dep_ in _SUBJECT_DEPS or root.dep_ == "poss" or (after and after.tag_ == "POS"):
            return _Antecedent(s, entity, None, root.lemma_.lower(), False, False, False)
    return None


def _token_at(doc: Doc, start_char: int) -> Token | None:
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) > 0 else None


def _is_expletive(token: Token | None) -> bool:
    """Whether "it" is a dummy subject: "It is unclear whether ...", "It was reported that
    ...", "It was the first time / the North's first launch since ..."."""
    if token is None or token.lower_ != "it":
        return False
    if token.dep_ == "expl":
        return True
    if token.dep_ not in _SUBJECT_DEPS:
        return False
    verb = token.head
    lex = _lexicon()
    clausal = ("ccomp", "xcomp", "csubj")
    if token.dep_ == "nsubjpass":  # "It was reported that ..."
        return any(c.dep_ == "ccomp" for c in verb.children)
    if verb.lemma_.lower() not in lex.expletive_verbs:
        return False
    for child in verb.children:
        if child.dep_ == "acomp":  # "It is unclear whether ...", "not immediately clear how"
            if any(c.dep_ in clausal for c in (*verb.children, *child.children)):
                return True
        elif child.dep_ == "attr" and child.pos_ == "NOUN":
            if _is_speaker_noun(child, lex.speaker_heads):
                return False  # "It was the first country to ...": a referent after all
            ranked = any(
                c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in lex.ordinals)
                for c in child.children
            )
            if ranked:
                return True
    return False


def _phrase_of(doc: Doc, token: Token) -> str:
    start, end = _np_bounds(token)
    span = doc[start:end]
    phrase = " ".join(span.text.split())
    first = span[0]
    if _capital_by_position(first):
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


def _compatible(r: _Antecedent, cls: str | None, types: frozenset[str]) -> bool:
    """Whether a pronoun of class ``cls`` can point at the subject ``r``."""
    if r.entity is not None:
        if cls == "person":
            return r.entity.type == "PERSON" or r.person
        return r.entity.type in types and not r.person
    if cls == "person":
        return r.person and not r.plural
    if cls == "plural":
        return r.plural
    return cls == "thing" and not r.person and not r.plural


def _issuer(token: Token, left: Span, entities: EntityIndex) -> Entity | None:
    """Who stands behind a statement or a state body named by its head noun: "a Foreign
    Ministry statement" -> the ministry; "the Turkish government" -> Turkey. A nationality on
    a medium ("Greek newspapers") says where it is, not who speaks, so media take no GPE."""
    lemma = token.lemma_.lower()
    lex = _lexicon()
    if lemma in lex.media_heads:
        author = _author_of(token, entities)
        if author is not None:
            return author  # "a tweet by the minister", "the ministry's statement"
        types: tuple[str, ...] = ("ORG", "PERSON")
        if lemma in lex.statement_nouns:
            # "a Baghdad war communique", "an Iranian statement": a state's official text
            # speaks for the state, unlike a paper that is only published there
            types = ("ORG", "PERSON", "GPE")
    elif lex.roles.get(lemma) is not None and lex.roles[lemma].types == _STATE:
        types = ("GPE",)
    else:
        return None
    start, end = _np_bounds(token)
    span = token.doc[start:end]
    inside = [m[2] for m in entities.within(span.start_char, span.end_char)]
    for etype in types:
        for entity in reversed(inside):
            if entity.type == etype:
                return entity
    return None


def _author_of(token: Token, entities: EntityIndex) -> Entity | None:
    """Who wrote a statement or report: its possessor ("the ministry's statement") or the
    object of its "by" or "from" ("a letter from the mayor", "a post on Monday by Ana Ko")."""
    doc = token.doc
    state_run = any(
        c.dep_ in ("compound", "amod") and c.lower_ in ("state", "state-run", "state-owned")
        for c in token.children
    )
    for child in token.children:
        if child.dep_ == "poss":
            found = _named(doc, child.left_edge.idx, child.idx + len(child), entities)
            if found is not None and state_run and found.type == "GPE":
                continue  # "Iran's state TV says": the broadcaster speaks, not the state
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            found = (
                _titled_person(obj, entities)
                or _apposed(obj, entities)
                or _named(doc, obj.left_edge.idx, obj.idx + len(obj), entities)
            )
            if found is not None:
                return found
    return None


def _apposed(token: Token, entities: EntityIndex) -> Entity | None:
    """The entity in apposition to a common noun: "an Iranian soldier, Hamid Dehqani",
    "the national crop agency Conab", "The opposition leader, Graham Tait"; also to a title
    written in capitals that names no entity itself ("The Deputy Speaker, Ivo Marsh")."""
    if token.pos_ == "PROPN":
        if _title_word(token) is None or entities.at(token.idx, token.idx + len(token)):
            return None
    elif token.pos_ != "NOUN":
        return None
    # "The British newspaper Sunday Star has reported": the parser may make the name a
    # second subject of the verb, starting right after the noun
    doc = token.doc
    after = token.right_edge.i + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1  # "The port's pilot, Ana Brill reportedly said"
    beside = [
        c
        for c in token.head.children
        if c.dep_ == token.dep_ and c.pos_ == "PROPN" and c.left_edge.i in (token.i + 1, after)
    ]
    apposed = [
        c
        for c in token.children
        if c.dep_ in ("appos", "npadvmod") or (c.dep_ == "compound" and c.i > token.i)
    ]
    found = [
        entity
        for child in [*apposed, *beside]
        if (entity := _named(token.doc, child.idx, child.idx + len(child.text), entities))
        is not None
    ]
    role = _lexicon().roles.get(token.lemma_.lower())
    if found and role is not None and "PERSON" in role.types:
        # "Brigade Commander, 120 Infantry Brigade, A. Sengupta said": a person's title takes
        # the person apposed to it over the unit named beside
        return next((e for e in found if e.type == "PERSON"), found[0])
    if found:
        return found[0]
    if role is None:
        return None
    # "the spokesman for the Defence Ministry, Anton Petrik": the name hangs on the body the
    # role serves, but is the role-holder's; the tagger often types such a name an
    # organisation, and one whose own words name no body is the role-holder's
    served = [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    for name in (c for pobj in served for c in pobj.children if c.dep_ == "appos"):
        entity = _named(doc, name.idx, name.idx + len(name.text), entities)
        if entity is not None and (
            entity.type == "PERSON" or (entity.type == "ORG" and not _names_a_body(entity.name))
        ):
            return entity
    return None


def _names_a_body(name: str) -> bool:
    """Whether a name's own words say it is a body ("Vostok Holdings Company", "Defence
    Ministry"): a word that heads the lexicon's roles for organisations."""
    roles = _lexicon().roles
    return any(
        (role := roles.get(word.lower())) is not None and "PERSON" not in role.types
        for word in name.split()
    )


def _title_word(token: Token) -> str | None:
    """The role word a head noun is ("ambassador", "speaker"), when it names a person's office."""
    word = token.lower_
    role = _lexicon().roles.get(word)
    if role is not None and "PERSON" in role.types:
        return word
    return word if word in _lexicon().person_heads else None


def _titled_person(token: Token, entities: EntityIndex) -> Entity | None:
    """A title heading a phrase that ends in a person's name, which the parser hung inside
    the title's own modifiers: "Ambassador to Spain Lena Ruiz", "Secretary of State Ana Ko"."""
    if _title_word(token) is None:
        return None
    doc = token.doc
    _, end = _np_bounds(token)
    if end <= token.i + 1:
        return None
    close = doc[end - 1].idx + len(doc[end - 1])
    # the name must close the phrase ("the minister of Pavel Ruud's cabinet" is not Ruud)
    # and follow the title's own words, not a bare preposition ("a mayor of Lecco" is a
    # place, whatever the tagger thought)
    for s, e, entity in reversed(entities.within(token.idx, close)):
        if entity.type != "PERSON" or e != close:
            return None
        before = doc.char_span(s, e, alignment_mode="expand")
        if before is None or before.start == 0 or doc[before.start - 1].dep_ == "prep":
            return None
        return entity
    return None


def _apposed_name(token: Token) -> str | None:
    """A proper name in apposition to a speaker noun when the entity stage missed it:
    "the camp's doctor, Ana Brill" -> "Ana Brill"."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > token.i:
            words = token.doc[child.left_edge.i : child.i + 1]
            if all(t.pos_ == "PROPN" for t in words) and 2 <= len(words) <= 4:
                return words.text
    return None


def _hyphenated_name(token: Token, entities: EntityIndex) -> Entity | None:
    """The entity behind a name the tokenizer split at its hyphens ("al-Maliki",
    "Natan-Zada"): the whole hyphenated word, looked up as a mention or a surname."""
    if token.pos_ != "PROPN":
        return None
    doc = token.doc

    def joined(left: Token, hyphen: Token) -> bool:
        return hyphen.text == "-" and not left.whitespace_ and not hyphen.whitespace_

    start = end = token.i
    while start >= 2 and joined(doc[start - 2], doc[start - 1]):
        start -= 2
    while end + 2 < len(doc) and joined(doc[end], doc[end + 1]):
        end += 2
    if start == end:
        return None
    s, e = doc[start].idx, doc[end].idx + len(doc[end])
    return entities.at(s, e) or _by_surname(doc, doc_text(doc)[s:e], entities)


_SURNAMES_KEY = "newsledger.coref.surnames"


def _by_surname(doc: Doc, word: str, entities: EntityIndex) -> Entity | None:
    """A later bare surname ("Ergenc") is the person named in full earlier ("Guven Ergenc"),
    when exactly one PERSON has that last name or one-word name; aliases the entity stage
    missed ("Goldin said ...": the tagger often tags a bare surname in one sentence and not in
    the next)."""
    # "al-Rashid", "van-Dijk": a lower-case particle joined to a capitalised name
    if not word.rsplit("-", 1)[-1][:1].isupper() or " " in word:
        return None
    cached = _cache(doc).get(_SURNAMES_KEY)
    if cached is None or cached[0] is not entities:
        table: dict[str, Entity | None] = {}
        for entity in entities.entities:
            if entity.type != "PERSON":
                continue
            # the last word of the name, and any one-word name the text gave ("Hua" for Hua
            # Chunying, "Lim" for Lim Keng Yaik)
            keys = {entity.name.split()[-1].lower()}
            keys.update(alias.lower() for alias in entity.aliases if " " not in alias.strip())
            for key in keys:
                table[key] = None if key in table and table[key] is not entity else entity
        cached = (entities, table)
        _cache(doc)[_SURNAMES_KEY] = cached
    return cast("dict[str, Entity | None]", cached[1]).get(word.lower())


_DESCRIBING_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


def _same_group(noun: Token, ant: _Antecedent) -> bool:
    """Whether "the official" can be the earlier unnamed source: every describing word of the
    later phrase ("rebel" in "the rebel delegation") must occur in the earlier one."""
    if ant.entity is not None or not ant.phrase:
        return True
    earlier = set(ant.phrase.lower().replace("-", " ").split())
    words = [c.lower_ for c in noun.children if c.dep_ in _DESCRIBING_DEPS]
    return all(word in earlier for word in words)


def _capital_by_position(first: Token) -> bool:
    """Whether a phrase's first word is capitalised only because it opens the sentence
    ("Military analysts say" -> "military analysts"), not because it is a name, a nationality
    ("Greek newspapers") or an acronym ("KCNA")."""
    if first.pos_ == "PROPN" or first.ent_type_ or (first.text.isupper() and len(first.text) > 1):
        return False
    return first.is_sent_start is not False or first.text[:1].islower()


def is_speaker_noun(token: Token) -> bool:
    """Whether a common noun names someone who can speak ("officials", "a source", "media")."""
    return _is_speaker_noun(token, _lexicon().speaker_heads)


def refers_to_unnamed(doc: Doc, token: Token, entities: EntityIndex) -> bool:
    """Whether a pronoun points at a subject that names no one who speaks ("helicopters
    launched strikes, which they say ..."): its speaker is unknown, not someone further back."""
    if token.lower_ not in _lexicon().pronouns:
        return False
    ant = _chain(doc, entities).antecedent_of(doc, token.idx, _lexicon().pronouns[token.lower_])
    return ant is not None and ant.entity is None and not ant.phrase
