"""Decisions the entity stage reads off the dependency parse.

* Is a capital the government ("Pyongyang condemned", "Pyongyang's intent") or the city
  ("our correspondent in Seoul", "a facility near Pyongyang")?
* How far left does a mention's noun phrase reach ("mobile, solid-fuel
  ballistic missiles", "Chinese President Xi Jinping")?

The word classes come from ``data/gazetteer/syntax.toml``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from newsledger.extract.entities_gazetteer import load_gazetteer

_CLAUSE_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "CCONJ", "DET", "NUM"})


@dataclass(frozen=True, slots=True)
class SyntaxRules:
    locative_prepositions: frozenset[str]
    motion_verbs: frozenset[str]
    government_nouns: frozenset[str]
    of_place_heads: frozenset[str]
    hyphen_place_words: frozenset[str]
    actor_dependencies: frozenset[str]
    keep_dependencies: frozenset[str]
    stop_dependencies: frozenset[str]
    max_tokens: int
    place_nouns: dict[str, str]  # lower-case noun -> GPE or LOC
    event_nouns: frozenset[str]
    corporate_suffixes: frozenset[str]
    name_heads: dict[tuple[str, ...], str]  # last words of a name -> its type
    first_words: dict[str, str]  # first word of a name -> its type
    descriptors: dict[str, str]  # lower-case noun before or beside a name -> its type
    office_titles: frozenset[str]
    armed_forces: tuple[tuple[str, ...], ...]  # nouns after a state that name its forces
    state_ministries: tuple[tuple[str, ...], ...]  # "the Chilean foreign ministry": its body
    leader_government_nouns: frozenset[str]  # "the <leader> administration" is the state
    trailing_links: frozenset[str]  # words a name cannot end on ("Ministry of Defence of")
    leading_determiners: frozenset[str]  # words a name cannot start with ("all")
    generic_body_words: frozenset[str]  # "Defence Ministry", "Coast Guard": every state's
    honorifics: frozenset[str]  # "Mr", "Ms", "Dr" before a name: a person
    person_titles: frozenset[str]  # "Chancellor", "General" written before a name: a person
    time_zones: frozenset[str]  # "GMT", "UTC": capitalised, no one's name
    compass_words: frozenset[str]  # "the North": a state named by its compass word


@lru_cache(maxsize=1)
def rules() -> SyntaxRules:
    data = load_gazetteer().syntax
    capital, modifiers = data["capital"], data["modifiers"]
    return SyntaxRules(
        frozenset(capital["locative_prepositions"]),
        frozenset(capital["motion_verbs"]),
        frozenset(capital["government_nouns"]),
        frozenset(capital["of_place_heads"]),
        frozenset(capital["hyphen_place_words"]),
        frozenset(capital["actor_dependencies"]),
        frozenset(modifiers["keep_dependencies"]),
        frozenset(modifiers["stop_dependencies"]),
        int(modifiers["max_tokens"]),
        {
            **{w: "LOC" for w in data["place_nouns"]["loc"]},
            **{w: "GPE" for w in data["place_nouns"]["gpe"]},
        },
        frozenset(data["events"]["nouns"]),
        frozenset(data["organisations"]["corporate_suffixes"]),
        _name_heads(data["name_heads"]),
        {
            **{w: "GPE" for w in data["name_heads"]["gpe_first"]},
            **{w: "LOC" for w in data["name_heads"]["loc_first"]},
            **{w: "EVENT" for w in data["name_heads"]["event_first"]},
        },
        {
            noun: "WEAPON" if kind == "ship" else kind.upper()
            for kind, nouns in data["descriptors"].items()
            for noun in nouns
        },
        frozenset(data["organisations"]["office_titles"]),
        tuple(
            sorted(
                (tuple(n.split()) for n in data["organisations"]["armed_forces"]),
                key=len,
                reverse=True,
            )
        ),
        tuple(tuple(n.split()) for n in data["organisations"]["state_ministries"]),
        frozenset(data["organisations"]["leader_government_nouns"]),
        frozenset(data["name_heads"]["trailing_links"]),
        frozenset(data["determiners"]["leading"]),
        frozenset(data["organisations"]["generic_body_words"]),
        frozenset(data["honorifics"]["words"]),
        frozenset(data["honorifics"]["titles"]),
        frozenset(data["not_names"]["time_zones"]),
        frozenset(data["compass_states"]["words"]),
    )


def _name_heads(table: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    heads: dict[tuple[str, ...], str] = {}
    for kind in ("org", "fac", "gpe", "loc", "event"):
        for head in table[kind]:
            heads[tuple(head.split())] = kind.upper()
    return heads


def capital_is_government(span: Span) -> bool:
    """True when a capital's name stands for its state's government in this sentence."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].text == "-":
        # "Beijing-based analysts" is the city, "Moscow-backed separatists" the state
        return doc[end + 1].lower_ not in rules().hyphen_place_words
    return _role_of(span.root, depth=0)


def _role_of(token: Token, depth: int) -> bool:
    r = rules()
    dep = token.dep_
    head = token.head
    if depth < 3 and dep in ("conj", "appos") and head is not token:
        # "Seoul and Tokyo warned", "the capital, Seoul": the first conjunct decides
        return _role_of(head, depth + 1)
    if dep == "pobj":
        prep = head.lower_
        if prep in r.locative_prepositions:
            return False
        if prep == "of" and head.head.lower_ in r.of_place_heads:
            return False  # "residents of Kyiv"
        governor = head.head
        # "flew to Tehran", "arrived from Seoul" are places; "a response from Pyongyang",
        # "pressure on Tehran", "blamed by Washington" are governments
        return not (prep in ("to", "from", "for") and governor.lemma_ in r.motion_verbs)
    if dep in ("compound", "amod", "nmod"):
        # "the Pyongyang regime" is the state; "an elegant Moscow mansion" is the city
        return head.lemma_.lower() in r.government_nouns or head.lower_ in r.government_nouns
    if dep in ("dobj", "iobj", "dative") and head.lemma_ in r.motion_verbs:
        return False  # "visited Pyongyang", "shelled Kyiv"
    if dep == "nsubj" and head.lemma_ == "be":
        # "Tehran is a city of nine million": the subject of a place description is the city
        return not any(c.dep_ == "attr" and c.lower_ in r.place_nouns for c in head.children)
    if dep in r.actor_dependencies:
        return True
    # attributes, roots and the rest: newswire uses bare capitals for governments far more
    # often than for places, and places nearly always come with a locative preposition
    return True


def extend_left(
    start: int, root: Token, blocked: Collection[int] = (), *, keep_punct_start: bool = False
) -> int:
    """Leftmost token index of the modifiers in front of ``start`` that belong to ``root``.

    Walks left while tokens stay inside the root's subtree and carry a modifier relation; stops
    at determiners, numbers, possessors and tokens in ``blocked`` (other entities' tokens).
    """
    r = rules()
    doc = root.doc
    limit = max(root.left_edge.i, start - r.max_tokens)
    new_start = start
    i = start - 1
    while i >= limit:
        tok = doc[i]
        if tok.is_space:  # wire copy breaks lines inside titles
            i -= 1
            continue
        if i in blocked or tok.dep_ in r.stop_dependencies:
            break
        if tok.dep_ not in r.keep_dependencies or tok.pos_ in _CLAUSE_POS:
            break  # "Welcoming Soviet leader Gorbachev": the verb is not part of the title
        new_start = i
        i -= 1
    while (
        not keep_punct_start
        and new_start < start
        and (
            doc[new_start].is_punct
            or doc[new_start].is_space
            or doc[new_start].dep_ in ("prep", "pobj")
        )
    ):
        new_start += 1
    return new_start


def place_type(span: Span) -> str | None:
    """GPE or LOC when a place noun governs the name or the name modifies one."""
    r = rules()
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in r.place_nouns:
        return r.place_nouns[head.head.lower_]  # "the Kurdish town of Rawandiz"
    between = range(span.end, head.i)
    if (
        root.dep_ == "compound"
        and head.i >= span.end
        and all(span.doc[k].is_space for k in between)
        and head.lower_ in r.place_nouns
    ):
        return r.place_nouns[head.lower_]  # "the Khur Abdullah waterway"
    return None


def name_type(words: list[str]) -> str | None:
    """The type a multi-word name's own words give it: "Mahan Air" is an ORG, "Sadr City" a GPE,
    "Kibbutz Re'im" a GPE. None for a single word (a bare "Bank" is no name) or no such word."""
    if len(words) < 2:
        return None
    r = rules()
    if r.first_words.get(words[0]) == "EVENT":
        return "EVENT"  # "Operation Quiet Harbour": the operation, whatever its code name ends on
    for n in (2, 1):
        type_ = r.name_heads.get(tuple(words[-n:]))
        if type_ is not None and len(words) > n:
            return type_
    return r.first_words.get(words[0])


def descriptor_type(span: Span) -> str | None:
    """The type a common noun beside a name gives it: "spokesman Steffen Seibert" (PERSON), "the
    Kurdish outlet Rudaw" (ORG), "the carrier Theodore Roosevelt" (WEAPON), "Rudaw, a Kurdish
    outlet" (ORG)."""
    r = rules()
    doc = span.doc
    if span.start > 0:
        before = doc[span.start - 1]
        if before.pos_ == "NOUN" and before.is_lower and before.lower_ in r.descriptors:
            return _described(before.lower_, span)
        title = before.lower_.rstrip(".")
        if before.is_title and title in r.honorifics:
            return "PERSON"  # "Mr Scholz", "Ms. Ortagus"
        words = [t.text for t in span]
        if before.is_title and title in r.person_titles and len(words) > 1 and not name_type(words):
            # "Chancellor Olaf Scholz"; not "General Motors" (one word after the title) nor
            # "Governor Cuomo Bridge" (a name whose own head word types it)
            return "PERSON"
    if span.end < len(doc):
        # "the Kach group": only organisation nouns; "Kremlin spokesman" is not a person
        after = doc[span.end]
        if (
            after.is_lower
            and r.descriptors.get(after.lower_) in ("ORG", "PERSON_OR_ORG")
            and span.root.dep_ == "compound"
        ):
            return "ORG"
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start and root.head.lower_ in r.descriptors:
        return _described(root.head.lower_, span)  # "a ministry spokesperson, Morgan Ortagus"
    for child in span.root.children:
        if (
            child.dep_ == "appos"
            and child.i >= span.end
            and child.pos_ in ("NOUN", "PROPN")  # "Marta Quell, Secretary of Agriculture"
            and child.lower_ in r.descriptors
        ):
            return _described(child.lower_, span)
    return None


def _described(noun: str, span: Span) -> str:
    kind = rules().descriptors[noun]
    if kind == "PERSON_OR_ORG":
        return "PERSON" if span.label_ == "PERSON" else "ORG"
    return kind
