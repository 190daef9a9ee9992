"""Event arguments from the dependency parse: actor, target, object, location.

Actors are resolved through coreference (``coref.resolve_mention``: pronouns, role nouns,
capitals used for states) to canonical entities; where no entity is named, an armed or state
group noun ("troops", "police") is kept as text; anything else is no actor.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.extract.coref import resolve_mention
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events_lexicon import EventLexicon
from newsledger.records import Entity

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECTS = frozenset({"dobj", "obj"})
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "off", "outside", "inside", "across", "over", "into"}
)
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})


def object_gap(clause: Token) -> bool:
    """A relative clause whose object is the noun it describes: no object of its own but a
    relative pronoun ("the sanctions that Washington imposed", "the sanctions we imposed")."""
    return clause.dep_ == "relcl" and all(
        c.lower_ in {"that", "which"} for c in clause.children if c.dep_ in {"dobj", "obj"}
    )


# Per type: prepositions whose object is the target (ONTOLOGY.md: "target who it is done to").
TARGET_PREPS: dict[str, frozenset[str]] = {
    "ATTACK": frozenset({"on", "against", "at", "upon"}),
    "THREATEN": frozenset({"against", "on"}),
    "ACCUSE": frozenset({"against", "of", "at"}),  # "lashed out at Seoul"
    "SANCTION": frozenset({"on", "against"}),
    "ARMS_TRANSFER": frozenset({"to", "for"}),  # "an aid package for Kyiv"
    "TALKS": frozenset({"with", "between"}),
    "AGREEMENT": frozenset({"with", "between"}),
    "COOPERATION": frozenset({"with", "for", "between"}),
    "ORDER": frozenset(),
}
# Types whose direct object (verb trigger) is the target rather than the object.
OBJECT_IS_TARGET = frozenset({"ATTACK", "THREATEN", "ACCUSE", "SANCTION", "TALKS", "COOPERATION"})
SYMMETRIC = frozenset({"TALKS", "AGREEMENT", "COOPERATION"})


@dataclass(slots=True)
class Argument:
    text: str
    entity: Entity | None = None
    span: tuple[int, int] | None = None

    @property
    def name(self) -> str:
        return self.entity.name if self.entity is not None else self.text


def phrase_span(token: Token) -> tuple[int, int]:
    """Character span of the noun phrase a head token leads, without clauses and prepositions."""
    doc = token.doc
    left = token.i
    for child in token.lefts:
        if child.dep_ in {"det", "predet"} and child.lower_ in {"the", "a", "an"}:
            continue
        left = min(left, child.left_edge.i)
        break
    while left < token.i and doc[left].is_punct:
        left += 1
    if left < token.i and doc[left].lower_ in {"the", "a", "an"}:
        left += 1
    right = token.i
    for child in token.rights:
        if child.dep_ in {"compound", "flat", "appos"} and child.i == right + 1:
            right = child.right_edge.i
    return doc[left].idx, doc[right].idx + len(doc[right])


def span_text(doc: Doc, start: int, end: int) -> str:
    """Text of a character range on token boundaries (``Doc.text`` rebuilds the whole text)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.text if span is not None else ""


def entity_of(
    token: Token, entities: EntityIndex, types: frozenset[str] = ACTOR_TYPES, *, coref: bool = True
) -> Entity | None:
    """The canonical entity a noun phrase head stands for (coreference first, then any name inside)."""
    doc = token.doc
    start, end = phrase_span(token)
    if token.pos_ == "PRON":
        start, end = token.idx, token.idx + len(token)
    elif token.dep_ == "poss" or token.left_edge.lower_ in {"the", "this", "that"}:
        # coreference reads role nouns with their determiner ("the country's" -> the state)
        start = token.left_edge.idx
        end = token.idx + len(token)
    head = entities.at(token.idx, token.idx + len(token))
    if head is not None and head.type in types:
        return head
    for child in token.children:
        if child.dep_ == "appos" and child.i > token.i and child.pos_ == "PROPN":
            # "Norland's president, Adrian Kell, ordered": the apposed name is who acts, not
            # the state in the title
            named = entities.at(child.idx, child.idx + len(child))
            if named is not None and named.type in types:
                return named
    # "US and South Korean forces", "the Iranian forces": a name inside the phrase beats
    # reading the phrase as an anaphoric role noun
    # "Yemen's Houthi rebels", "Lebanon's Hezbollah fighters": a name beside the head is who
    # acts; the possessor state only places them
    owners = [(c.left_edge.idx, c.idx + len(c)) for c in token.children if c.dep_ == "poss"]
    inside = [(s, inner) for s, _e, inner in entities.within(start, end) if inner.type in types]
    for s, inner in inside:
        if not any(lo <= s < hi for lo, hi in owners):
            return inner
    if inside:
        return inside[0][1]
    if coref and (
        token.pos_ == "PRON" or token.left_edge.lower_ in {"the", "this", "that", "these", "those"}
    ):
        # only pronouns and definite descriptions can corefer; coreference is the costly step
        entity = resolve_mention(doc, start, end, entities)
        if entity is not None and entity.type in types:
            return entity
    for child in token.children:
        if child.dep_ == "poss" and child.i != token.i:
            # "its troops", "the government's forces": the possessor stands for the group
            owner = entity_of(child, entities, types, coref=coref)
            if owner is not None:
                return owner
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ == "PROPN":
            named = entities.at(child.idx, child.idx + len(child))
            if named is not None and named.type in types:
                return named
    return None


def argument(
    token: Token, entities: EntityIndex, lex: EventLexicon, *, agents_only: bool
) -> Argument | None:
    """An actor/target argument for the phrase headed by ``token``."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        token = token.head.head
    entity = entity_of(token, entities)
    span = phrase_span(token)
    individual = token.tag_ == "NN" and token.lemma_.lower() in lex.words("individual_nouns")
    if (
        entity is not None
        and (token.lemma_.lower() in lex.words("non_state_agents") or individual)
        and entities.at(token.idx, token.idx + len(token)) is None
    ):
        # "Iranian proxies", "Kurdish rebels": a group named by its ties, not the state itself;
        # "an Israeli private": one person, not his state
        return Argument(span_text(token.doc, *span), None, span)
    if entity is not None:
        return Argument(entity.name, entity, span)
    if token.pos_ == "PRON":
        return None
    if agents_only and token.lemma_.lower() not in lex.words("agent_nouns"):
        return None
    return Argument(span_text(token.doc, *span), None, span)


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through coordination and relative clauses."""
    seen = 0
    while seen < 6:
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if len(subjects) > 1 and any(c.dep_ == "mark" for c in verb.children):
            # "X's launch, a day after Washington announced sanctions, has revived ...": the
            # parser gives the subordinate verb the main clause's subject too; the one right
            # before the verb is its own
            subjects = [
                max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=subjects[0])
            ]
        for child in subjects:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return relative_antecedent(verb)
            return child
        if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return relative_antecedent(verb)
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
            # "it was ready to test a device", "is prepared to strike": the copula's subject
            verb = verb.head.head
            continue
        if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            head = verb.head
            if (
                head.dep_ == "ccomp"
                and head.head.pos_ == "VERB"
                and is_passive(head)
                and not is_passive(verb)
            ):
                # "Iran said people were injured and vowed retaliation": an active verb
                # joined to a passive reported clause goes with the reporting verb's subject
                verb = head.head
                continue
            verb = head
            continue
        return None
    return None


def relative_antecedent(relcl: Token) -> Token:
    """ "A and B, who met on Monday": a relative clause on the last of coordinated names is about
    all of them; the first stands for the group (its conjuncts are read from it)."""
    head = relcl.head
    start = relcl.left_edge.i
    restrictive = start > 0 and relcl.doc[start - 1].text != ","
    for _ in range(6):
        if restrictive:
            break  # "the army and rebels who crossed": the clause is about the rebels alone
        if head.dep_ != "conj" or head.head.i == head.i or head.head.pos_ not in {"NOUN", "PROPN"}:
            break
        head = head.head
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        # "The UK is the only ally that has agreed to send them": the ally is the UK
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            return subject
    return head


def passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def direct_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in OBJECTS or child.dep_ == "nsubjpass":
            return child
    return None


def location_of(token: Token, entities: EntityIndex) -> Argument | None:
    """A place in a locative phrase on the trigger or its clause ("in Soweto", "near the border")."""
    heads = [token]
    if token.pos_ in {"NOUN", "PROPN"} and token.head.pos_ in {"VERB", "AUX"}:
        heads.append(token.head)
    # "attacked by rebels near Goma": the place may hang off an argument of the trigger
    for child in list(heads[-1].children):
        if child.dep_ in {"agent", "dobj", "nsubjpass", "obj"}:
            heads.append(child)
            heads.extend(g for g in child.children if g.dep_ == "pobj")
    for head in heads:
        for pobj in prep_objects(head, LOCATIVE_PREPS):
            entity = entity_of(pobj, entities, PLACE_TYPES, coref=False)
            if entity is not None:
                return Argument(entity.name, entity, phrase_span(pobj))
    return None


class Sentences:
    """Sentence look-up by token (``Token.sent`` rescans the document on every call)."""

    __slots__ = ("_spans", "_starts")

    def __init__(self, doc: Doc) -> None:
        self._spans: list[Span] = list(doc.sents) if len(doc) else []
        self._starts = [s.start for s in self._spans]

    @property
    def spans(self) -> list[Span]:
        return self._spans

    def of(self, token: Token) -> Span:
        return self._spans[bisect_right(self._starts, token.i) - 1]


def first_entity_in(
    start: int, end: int, entities: EntityIndex, skip: Entity | None
) -> Entity | None:
    """The first party (person, organisation, state, group) named in a character range."""
    for _s, _e, entity in entities.within(start, end):
        if entity.type in ACTOR_TYPES and (skip is None or entity.id != skip.id):
            return entity
    return None


def verb_lemmas(token: Token) -> frozenset[str]:
    """The verb's lemma, and the '-e' stem spaCy's lemmatiser sometimes cuts short ("staged"
    comes back as "stag", "waged" as "wag"): the form minus its '-d' or '-s' ending."""
    lemma = token.lemma_.lower()
    form = token.lower_
    stems = {lemma}
    if form.endswith(("ed", "es")) and form[:-1].startswith(lemma):
        stems.add(form[:-1])
    return frozenset(stems)
