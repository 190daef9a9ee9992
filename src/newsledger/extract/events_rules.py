"""Trigger conditions: when a lexicon lemma really signals its event type in context.

Each condition named in ``data/events/triggers.jsonl`` (``requires``) is a function of the
trigger token; ``name:arg1|arg2`` passes word alternatives. Checks read the dependency parse
only around the trigger (children, head, its sentence), so they cost a few look-ups each.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from newsledger.extract.coref import speaks_for_a_body
from newsledger.extract.entities_gazetteer import load_gazetteer, state_called
from newsledger.extract.entities_syntax import rules
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events_args import (
    ACTOR_TYPES,
    Sentences,
    children,
    direct_object,
    entity_of,
    object_gap,
    prep_objects,
    subject_of,
    verb_lemmas,
)
from newsledger.extract.events_lexicon import EventLexicon, TriggerRule, load_lexicon
from newsledger.records import Entity

MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
COMPLEMENT_PREPS = frozenset({"of", "into", "on", "for", "to"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
ANAPHORS = frozenset({"them", "it", "these", "those", "they"})
OF = frozenset({"of"})
SELF_PRONOUNS = frozenset({"he", "she", "it", "we", "they", "i"})
BUILDABLE_WEAPONS = frozenset(
    {"submarine", "warship", "destroyer", "frigate", "carrier", "reactor"}
)


class Context:
    """What a condition may look at besides the token: the lexicon and the article's entities."""

    __slots__ = ("lex", "entities", "sentences", "_sentence_classes")

    def __init__(self, lex: EventLexicon, entities: EntityIndex, sentences: Sentences) -> None:
        self.lex = lex
        self.entities = entities
        self.sentences = sentences
        self._sentence_classes: dict[int, frozenset[str]] = {}

    def word_class(self, token: Token) -> str | None:
        """weapon / facility / force / unit for an object noun, WEAPON entities included."""
        objects = self.lex.objects
        cls = objects.get(token.lower_) or (
            objects.get(token.lemma_.lower()) if token.lower_ != "arm" else None
        )
        if cls is None and (
            token.pos_ == "PROPN" or token.ent_type_ not in {"", "DATE", "TIME", "CARDINAL"}
        ):
            entity = self.entities.at(token.idx, token.idx + len(token))
            if entity is not None and entity.type == "WEAPON":
                return "weapon"
        if cls is None and "-" in token.lower_:
            # "weapons-related", "anti-ship": classify by any hyphen part
            for part in token.lower_.split("-"):
                cls = objects.get(part) or objects.get(part.rstrip("s"))
                if cls:
                    break
        return cls

    def has_class(self, token: Token, classes: frozenset[str], depth: int = 2) -> bool:
        """The noun, a modifier of it, or a conjunct is of one of ``classes``."""
        if self.word_class(token) in classes:
            return True
        if "weapon" in classes and token.lemma_.lower() in self.lex.words("military_goods"):
            military = self.lex.words("military_goods.modifiers")
            if any(c.lower_ in military for c in token.children if c.dep_ in MODIFIER_DEPS):
                return True  # "military equipment", "defence hardware"
        if token.lemma_.lower() in BUILDABLE_WEAPONS and "facility" in classes:
            return True
        if depth == 0:
            return False
        for child in token.children:
            if (child.dep_ in MODIFIER_DEPS or child.dep_ == "conj") and self.has_class(
                child, classes, depth - 1
            ):
                return True
        return False

    def sentence_classes(self, token: Token) -> frozenset[str]:
        sent = self.sentences.of(token)
        cached = self._sentence_classes.get(sent.start)
        if cached is None:
            found = set()
            military = self.lex.words("military_modifiers")
            for t in sent:
                cls = self.word_class(t)
                if cls:
                    found.add(cls)
                if t.lemma_.lower() in military:
                    found.add("military")
                if t.lemma_.lower() in self.lex.words("labour_words"):
                    found.add("labour")
                if t.lemma_.lower() in self.lex.words("combat_nouns"):
                    found.add("combat")
                elif t.pos_ == "VERB" and any(
                    f"{t.lemma_.lower()} {c.lower_}" in self.lex.words("combat_phrasal_verbs")
                    for c in t.children
                    if c.dep_ == "prt"
                ):
                    found.add("combat")  # "of which 24 were shot down"
            cached = frozenset(found)
            self._sentence_classes[sent.start] = cached
        return cached


WEAPON = frozenset({"weapon"})
FACILITY = frozenset({"facility"})
FORCE = frozenset({"force", "weapon", "unit"})


QUANTITY_NOUNS = frozenset(
    {"part", "some", "most", "all", "rest", "half", "much", "many", "dozens", "scores", "hundreds"}
    | {"thousands", "thousand", "tens", "millions", "hundred", "dozen"}
    # "a barrage of missiles and drones": a volley stands for what it is made of
    | {"barrage", "salvo", "volley", "wave", "swarm", "round", "series"}
    # "delivered a battery of interceptors", "a shipment of shells": a lot stands for its goods
    | {"battery", "shipment", "consignment", "cargo", "stock", "stockpile"}
    # "signed a number of agreements", "approve a package of sanctions": a collective of events
    | {"number", "package", "set", "raft", "batch", "string", "range"}
    # "oversaw several kinds of small arms": a sort stands for its members
    | {"kind", "type", "sort", "variety"}
    # "launched ten days of war games": a span of time stands for what fills it
    | {"day", "days", "week", "weeks", "month", "months", "hours"}
)
# a place the weapon lands in, not a party hit ("fired missiles into the sea on Thursday")
NON_TARGET_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})


def _objects(token: Token) -> list[Token]:
    """Direct objects (and their conjuncts) of a verb, or the passive subject; a quantity
    ("part of a stronghold") stands for its of-phrase too."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"dobj", "obj", "nsubjpass", "dative"}:
            if (
                child.lower_ in {"that", "which"}
                and child.dep_ in {"dobj", "obj"}
                and token.dep_ in {"relcl", "acl"}
            ):
                child = token.head  # "the accord that Turkey signed": the accord is signed
            out.append(child)
            # "artillery, mortar, and rocket fire": every conjunct down the chain
            stack = [c for c in child.children if c.dep_ == "conj"]
            while stack:
                conj = stack.pop()
                out.append(conj)
                stack.extend(c for c in conj.children if c.dep_ == "conj")
            if child.lower_ in QUANTITY_NOUNS or child.lemma_.lower() in QUANTITY_NOUNS:
                out.extend(prep_objects(child, frozenset({"of"})))
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in {"NOUN", "PROPN"}:
        # "rifles developed by the academy": the noun a reduced passive describes
        out.append(token.head)
    if not out and token.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in token.children):
        # "the treaty is expected to be signed": the raised subject is what is signed
        out.extend(c for c in token.head.children if c.dep_ in {"nsubjpass", "nsubj"})
    return out


def _complements(token: Token) -> list[Token]:
    """Modifiers and prepositional complements of a nominal trigger ("missile test", "launch of X")."""
    out = [c for c in token.children if c.dep_ in MODIFIER_DEPS]
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS]
    if token.dep_ in {"dobj", "obj"}:
        # PP attachment often goes to the verb: "reviewed research into new weapons"
        preps.extend(
            c for c in token.head.children if c.dep_ == "prep" and c.lower_ in {"into", "on"}
        )
    for prep in preps:
        for child in prep.children:
            if child.dep_ == "pobj":
                out.append(child)
                if child.lower_ == "what":
                    out.extend(t for t in child.head.subtree if t.pos_ == "NOUN")
            elif child.dep_ == "pcomp":
                # "into what KCNA described as new weapons": a free relative
                out.extend(t for t in child.subtree if t.pos_ == "NOUN")
    return out


def weapon_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    if token.pos_ == "NOUN":
        return weapon_modifier(token, ctx, rule)
    objects = _objects(token)
    # "some of its missiles": a quantifier stands for its of-phrase
    quantified = [
        p for o in objects if o.pos_ in {"PRON", "NUM", "DET"} for p in prep_objects(o, OF)
    ]
    objects.extend(quantified)
    if any(o.lemma_.lower() in ctx.lex.words("attack_nouns") for o in objects):
        return False  # "launched a drone attack": the attack is the event, not a weapons test
    if any(ctx.has_class(o, WEAPON) for o in objects):
        # "troops joined the fighting, firing artillery": weapons fired in combat are no test
        return rule.type != "WEAPONS_TEST" or "combat" not in ctx.sentence_classes(token)
    # "before exporting them": an anaphoric pronoun object in a sentence about weapons
    anaphoric = any(o.lower_ in ANAPHORS for o in objects)
    return anaphoric and "weapon" in ctx.sentence_classes(token)


def combat_fire(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "joined the fighting, firing artillery": weapons fired in a sentence about combat."""
    return "combat" in ctx.sentence_classes(token) and any(
        ctx.has_class(o, WEAPON) for o in _objects(token)
    )


def weapon_modifier(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(c, WEAPON, 1) for c in _complements(token))


def designation_grounds(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "designating three entities for their role in ...", "designated two firms pursuant to
    Executive Order 13382": persons or firms designated on stated grounds are sanctioned."""
    objects = _objects(token)
    if not objects:
        return False
    grounds = ctx.lex.words("designation_grounds")
    bases = ctx.lex.words("designation_grounds.modifiers")
    holders = (token, *objects)
    if any(c.lower_ in bases for h in holders for c in h.children):
        return True  # "pursuant to Executive Order 13382"
    return any(
        o.lemma_.lower() in grounds or o.lower_ in grounds
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ == "for"
        for o in p.children
        if o.dep_ in {"pobj", "pcomp"}
    )


def military_goods_named(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "military aid", "lethal assistance": goods the noun itself names as military; as a
    modifier of another noun ("the military aid package") it is that noun's event."""
    return token.dep_ not in {"compound", "amod"} and ctx.has_class(token, WEAPON, 0)


def weapon_system_modifier(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "nuclear weapons program", "ballistic missile-related activities": a weapon system
    named in the phrase; "a nuclear program" (civil or not) or "an arms program" (whose?) do not
    say a weapon is being developed."""
    systems = ctx.lex.words("weapon_system_words")
    phrase = [t for c in _complements(token) for t in c.subtree]
    return any(t.lemma_.lower() in systems for t in phrase) or any(
        (named := ctx.entities.at(t.idx, t.idx + len(t))) is not None and named.type == "WEAPON"
        for t in phrase
    )


_TEST_WORDS = frozenset({"test", "testing", "tests"})


def weapon_test_in_article(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "a missile test" anywhere, or a bare "test" staged or carried out after one: in a story
    about weapons tests, "the United States staged one test on February 3" is one more."""
    if weapon_modifier(token, ctx, rule):
        return True
    head = token.head
    if token.dep_ not in {"dobj", "nsubjpass"} or not (
        verb_lemmas(head) & ctx.lex.words("support_verbs")
    ):
        return False  # only a test someone stages, conducts or carries out
    doc = token.doc
    return any(
        earlier.lemma_.lower() in _TEST_WORDS
        and earlier.pos_ == "NOUN"
        and weapon_modifier(earlier, ctx, rule)
        for earlier in doc[max(0, token.i - _TEST_LOOKBACK) : token.i]
    )


_TEST_LOOKBACK = 400  # tokens: the story's earlier paragraphs


def weapon_with(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "supplying Moscow with drone parts", "equipped the rebels with rockets": the goods come
    in a with-phrase and the recipient is the object."""
    return any(ctx.has_class(o, WEAPON) for o in prep_objects(token, frozenset({"with"})))


def armed_party_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "arming rebels", "armed Ukraine": the object is an armed group or a party, not "armed
    with knives" or "arming a bomb"."""
    groups = ctx.lex.words("non_state_agents") | ctx.lex.words("agent_nouns")
    for obj in _objects(token):
        if obj.dep_ == "nsubjpass":
            continue
        if obj.lemma_.lower() in groups:
            return True
        entity = entity_of(obj, ctx.entities)
        if entity is not None and entity.type in {"GPE", "ORG", "NORP"}:
            return True
    return False


_PLACE_ENTS = frozenset({"LOC", "FAC"})


def weapon_object_to(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "sent weapons to X" with X a recipient; "sending two warships to the Red Sea" moves
    forces to a place (a sea, a region, a base): a deployment, not a transfer."""
    if not weapon_object(token, ctx, rule):
        return False
    recipients = prep_objects(token, frozenset({"to"}))
    return any(not _is_place(o, ctx) for o in recipients)


def _is_place(token: Token, ctx: Context) -> bool:
    named = ctx.entities.at(token.idx, token.idx + len(token))
    if named is not None:
        return named.type in _PLACE_ENTS
    return token.ent_type_ in _PLACE_ENTS or ctx.word_class(token) == "facility"


def test_prefix(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "test":
        return True
    return any(c.lower_ == "test" and c.dep_ in MODIFIER_DEPS for c in token.children)


def attack_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Fired/launched at someone or something; "on Thursday" names a time, not a target.
    "launched rocket fire against camps": the attack noun is the event, the verb supports it."""
    attacks = ctx.lex.words("attack_nouns")
    if token.pos_ == "VERB" and any(o.lemma_.lower() in attacks for o in _objects(token)):
        return False
    found = prep_objects(token, frozenset({"at", "on", "upon", "against"}))
    # "launched a barrage of missiles at the grid": the PP often attaches to the object
    for obj in _objects(token):
        found.extend(prep_objects(obj, frozenset({"at", "against"})))
    return any(o.ent_type_ not in NON_TARGET_ENTS for o in found) or bool(
        states_struck_into(token, ctx.entities)
    )


def not_idea_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "will attack unfair trade practices", "attacked the proposal": what is attacked only in
    words is no target of force."""
    objects = [o for o in _objects(token) if o.dep_ in {"dobj", "obj", "conj"}]
    ideas = ctx.lex.words("idea_nouns")
    return not objects or not all(o.lemma_.lower() in ideas for o in objects)


def target_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "pounded Kharkiv with rockets", "battered the port": the direct object is a place, a
    party, a force or a facility; "pounded the table" and "hammered out a deal" are not."""
    places = ctx.lex.words("place_nouns")
    for obj in _objects(token):
        if obj.dep_ == "nsubjpass" and token.pos_ == "VERB":
            continue
        entity = entity_of(obj, ctx.entities)
        if entity is not None and entity.type in {"GPE", "LOC", "FAC", "ORG", "NORP"}:
            return True
        if (
            obj.lemma_.lower() in places
            or ctx.has_class(obj, FACILITY)
            or ctx.has_class(obj, FORCE)
        ):
            return True
    return attack_object(token, ctx, rule)


def states_struck_into(verb: Token, entities: EntityIndex) -> list[Token]:
    """ "fire its missiles deep into Russia": the states a verb's into-phrase names, on the verb
    or on an adverb of it; into a state is at it ("into the sea" is a test)."""
    inside = prep_objects(verb, frozenset({"into"}))
    for child in children(verb, {"advmod"}):
        inside.extend(prep_objects(child, frozenset({"into"})))
    return [t for t in inside if (e := entity_of(t, entities)) is not None and e.type == "GPE"]


def place_target(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "the strikes on Kharkiv", "a strike against the port": aimed at a named place (a state,
    city, region or facility) or a place noun, not at an employer or a wage."""
    places = ctx.lex.words("place_nouns")
    for pobj in prep_objects(token, frozenset({"on", "against", "at"})):
        entity = entity_of(pobj, ctx.entities)
        if entity is not None and entity.type in {"GPE", "LOC", "FAC"}:
            return True
        if pobj.lemma_.lower() in places or ctx.has_class(pobj, FACILITY):
            return True
    return False


def facility_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(o, FACILITY) for o in _objects(token))


def facility_modifier(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(c, FACILITY, 1) for c in _complements(token))


def force_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(o, FORCE) for o in _objects(token))


def force_modifier(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(c, FORCE, 1) for c in _complements(token))


_TIME_MARKS = frozenset({"when", "after", "before", "as", "until", "once", "while", "by"})


def forces_arrive(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "American soldiers arrived in Romania", "the destroyer docked in Colombo": forces or
    warships moved there; "when our troops arrived, they had left" only times something else."""
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS for c in token.children):
        return False
    subject = subject_of(token) if token.pos_ in {"VERB", "AUX"} else None
    if subject is not None and is_warship(subject, ctx):
        return True
    return force_object_or_subject(token, ctx, rule)


def warship_moves(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "two frigates transited the strait", "the transit of two frigates", "the carrier's port
    call": a warship, named as the verb's subject or on the noun, moved (a research ship or a
    ferry sailing is no deployment)."""
    if token.pos_ in {"VERB", "AUX"}:
        subject = subject_of(token)
        return subject is not None and is_warship(subject, ctx)
    movers = prep_objects(token, OF) + [c for c in token.children if c.dep_ == "poss"]
    return any(is_warship(m, ctx) for m in movers)


def is_warship(token: Token, ctx: Context) -> bool:
    """A named warship ("USS Nimitz"), a ship noun ("two Chinese frigates") or a name the ship
    noun before it makes a ship ("the aircraft carrier Ronald Reagan")."""
    return _is_craft(token, ctx, ctx.lex.words("ship_nouns"), frozenset({"warship"}))


def _is_craft(token: Token, ctx: Context, nouns: frozenset[str], classes: frozenset[str]) -> bool:
    """A craft of a kind: one of ``nouns`` as the word or its compound ("fighter jets"), or a
    named system whose gazetteer class is one of ``classes``."""
    if any(t.lemma_.lower() in nouns for t in [token, *children(token, {"compound"})]):
        return True
    named = ctx.entities.at(token.idx, token.idx + len(token))
    return named is not None and named.type == "WEAPON" and named.weapon_class in classes


def is_warplane(token: Token, ctx: Context) -> bool:
    """A military aircraft: a warplane noun ("two Russian bombers", "fighter jets") or a named
    system of an aircraft class ("B-1B", "F-22")."""
    return _is_craft(token, ctx, ctx.lex.words("warplane_nouns"), ctx.lex.words("warplane_classes"))


def warplane_flies(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "two B-1B bombers flew over the peninsula", "the US flew B-52s over Korea": military
    aircraft sent over or near an area, a show of force (ONTOLOGY.md DEPLOYMENT)."""
    subject = subject_of(token)
    flown = [subject] if subject is not None else []
    flown += _objects(token) + [c for c in token.children if c.dep_ == "nsubjpass"]
    return any(is_warplane(t, ctx) for t in flown)


def force_subject(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    subject = subject_of(token) if token.pos_ in {"VERB", "AUX"} else None
    if subject is None:
        return "force" in ctx.sentence_classes(token)
    return ctx.has_class(subject, FORCE) or subject.lemma_.lower() in ctx.lex.words("agent_nouns")


def armed_entry(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "Chinese vessels entered Japanese waters", "troops crossed into Pakistani territory":
    armed forces or warships moving into a place."""
    subject = subject_of(token)
    if subject is None or not (ctx.has_class(subject, FORCE) or ctx.has_class(subject, WEAPON)):
        return False
    if subject.lemma_.lower() in ctx.lex.words("non_state_agents"):
        return False  # "rebels who crossed into the country": an incursion, not a deployment
    places = ctx.lex.words("entered_places")
    reached = [o for o in _objects(token) if o.dep_ != "nsubjpass"]
    reached += prep_objects(token, frozenset({"into", "through"}))
    for place in reached:
        entity = entity_of(place, ctx.entities, frozenset({"GPE", "LOC", "FAC"}))
        if entity is not None or place.lemma_.lower() in places or place.lower_ in places:
            return True
    return False


def military_context(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    military = ctx.lex.words("military_modifiers")
    if any(c.lemma_.lower() in military for c in token.children if c.dep_ in MODIFIER_DEPS):
        return True
    labour = ctx.lex.words("labour_words")
    if any(c.lemma_.lower() in labour for c in token.children if c.dep_ in MODIFIER_DEPS):
        return False  # "a hunger strike", "a wage strike"
    if _state_pair_modifier(token, ctx):
        return True  # "the U.S.-South Korea exercises": two states' drills are military ones
    classes = ctx.sentence_classes(token)
    if "labour" in classes:
        # "a strike by dockworkers" near "the navy is unloading grain" is a labour action
        return False
    return bool(classes & {"military", "force", "weapon"})


def _state_pair_modifier(token: Token, ctx: Context) -> bool:
    """Two states joined by a hyphen before the noun ("U.S.-South Korea", "Russia-Belarus")."""
    words = [t for c in token.children if c.dep_ in MODIFIER_DEPS for t in c.subtree]
    if not any(t.text in {"-", "–"} for t in words):
        return False
    states = {
        e.id for t in words if (e := entity_of(t, ctx.entities)) is not None and e.type == "GPE"
    }
    return len(states) >= 2


def parties_beside(token: Token, ctx: Context) -> bool:
    """A noun event whose parties its own phrase names: "drills between Washington and Seoul",
    "the U.S.-South Korea drills"."""
    between = [
        o
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in {"between", "among"}
        for o in c.children
        if o.dep_ == "pobj"
    ]
    if any(entity_of(o, ctx.entities) is not None for o in between):
        return True
    return _state_pair_modifier(token, ctx)


def light_verb(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    if any(
        (c.dep_ == "acl" and c.tag_ == "VBN" and verb_lemmas(c) & rule.light_verbs)
        or (c.dep_ == "relcl" and verb_lemmas(c) & rule.light_verbs and object_gap(c))
        for c in token.children
    ):
        # "the sanctions imposed by Japan", "drills staged last week": a reduced passive on the
        # noun; "the sanctions (that) Washington imposed": a relative clause with its object gap
        return True
    node = token
    if node.dep_ == "conj":
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ in QUANTITY_NOUNS:
        node = node.head.head  # "signed a number of cooperation agreements"
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        # "voted on a resolution", "agreed on sanctions": the noun sits in the verb's phrase
        node = node.head
        return node.dep_ == "prep" and node.head.lemma_.lower() in rule.light_verbs
    return node.dep_ in {"dobj", "obj", "nsubjpass"} and bool(
        verb_lemmas(node.head) & rule.light_verbs
    )


def not_policing(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """A raid by armed forces; "police and tax inspectors raided the offices of the group" and
    "his home was raided" are searches of premises (policing), not attacks."""
    agents = ctx.lex.words("policing_agents")
    premises = ctx.lex.words("premises_nouns")
    doers: list[Token] = []
    if token.pos_ == "VERB":
        subject = subject_of(token)
        if subject is not None:
            doers.append(subject)
            doers.extend(c for c in subject.children if c.dep_ in {"conj", "compound", "amod"})
        targets = _objects(token)
    else:
        doers.extend(c for c in token.children if c.dep_ in {"compound", "amod", "poss"})
        targets = prep_objects(token, frozenset({"on", "of"}))
    doers.extend(prep_objects(token, frozenset({"by"})))
    if any(d.lemma_.lower() in agents or d.lower_ in agents for d in doers):
        return False
    return not any(t.lemma_.lower() in premises for t in targets)


def content_not_sanctions(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "The EU agreed a package of sanctions": what was agreed is the sanctions, one SANCTION
    event; agreeing to a deal, a ceasefire or to do something is the AGREEMENT."""
    sanctions = ctx.lex.words("sanction_nouns")
    agreed = _objects(token)
    relief = ctx.lex.words("sanction_relief_verbs")
    for clause in children(token, frozenset({"xcomp"})):
        # "agreed to extend its sanctions", "agreed to impose an embargo": the sanctions again;
        # "agreed to lift embargoes" is the agreement (PLOVER AGREE)
        if clause.lemma_.lower() not in relief:
            agreed.extend(_objects(clause))
    if any(_judgement(clause) for clause in children(token, frozenset({"ccomp"}))):
        return False  # "analysts agreed the reaction was measured": a shared view, no accord
    return not any(o.lemma_.lower() in sanctions for o in agreed)


def _judgement(clause: Token) -> bool:
    """A clause that only says what something is ("the reaction was measured", "it was a
    mistake"), not what someone will do."""
    auxes = [c for c in clause.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False  # "agreed that the talks would resume": an undertaking
    if clause.lemma_.lower() == "be":
        return any(c.dep_ in {"acomp", "attr"} for c in clause.children)
    # "the reaction was measured", "the strike was restrained"
    return clause.tag_ == "VBN" and any(a.dep_ == "auxpass" for a in auxes)


def body_meets(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "the ninth meeting of the Contact Group", "the Security Council held an emergency
    session", "the Security Council will meet": an international body of states meeting is a
    consultation among its members
    (PLOVER CONSULT multilateral); "a meeting of the board" is no talks."""
    gazetteer = load_gazetteer()

    def international(node: Token) -> bool:
        entity = entity_of(node, ctx.entities)
        if entity is None or entity.type != "ORG":
            return False
        entry = gazetteer.entries.get(f"ORG/{entity.name}")
        return entry is not None and entry.kind == "international"

    if token.pos_ == "VERB":
        # "the Security Council will meet on Wednesday", "NATO ministers convened"
        subject = subject_of(token)
        return subject is not None and international(subject)
    if any(international(o) for o in prep_objects(token, OF)):
        return True
    if token.dep_ in {"dobj", "obj"} and verb_lemmas(token.head) & rule.light_verbs:
        subject = subject_of(token.head)
        return subject is not None and international(subject)
    return False


def light_verb_not_agreed(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "pledged to deepen cooperation" is cooperation; "agreed to deepen cooperation" is the
    agreement's content, told once as the AGREEMENT (one happening, one row)."""
    if not light_verb(token, ctx, rule):
        return False
    verb = token.head
    agreeing = ctx.lex.words("agreement_verbs")
    return not (verb.dep_ == "xcomp" and verb_lemmas(verb.head) & agreeing)


def clausal_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return bool(children(token, CONTENT_DEPS))


def person_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    people = ctx.lex.words("person_nouns")
    for obj in _objects(token):
        if obj.lemma_.lower() in people:
            return True
        entity = entity_of(obj, ctx.entities)
        if entity is not None and entity.type in {"PERSON", "ORG"}:
            return True
    return False


def object_and_clause(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """'asked X to do': a person or body under the asker as object and a to-clause to carry out.

    Asking a state ("asked Britain to lend tankers") is a diplomatic request, not an order.
    """
    if not children(token, frozenset({"xcomp"})):
        return False
    people = ctx.lex.words("person_nouns")
    for obj in _objects(token):
        if obj.lemma_.lower() in people:
            return True
        entity = ctx.entities.at(obj.idx, obj.idx + len(obj))
        if entity is not None and entity.type == "PERSON":
            return True
    return False


def clausal_or_person_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return clausal_object(token, ctx, rule) or person_object(token, ctx, rule)


def envoy_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    envoys = ctx.lex.words("envoy_nouns")
    return any(o.lemma_.lower() in envoys for o in _objects(token))


def entity_subject(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    subject = subject_of(token)
    return subject is not None and entity_of(subject, ctx.entities) is not None


def entity_warns_of_conduct(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "warned that Iran's missile programme threatens the region": criticism of what someone
    does; "warned that Sudan faces a famine" tells a danger, no one's conduct."""
    if not entity_subject(token, ctx, rule):
        return False
    content = children(token, CONTENT_DEPS)
    if not content:
        # "warned of Iran's missile programme": someone's conduct is named; "warned of the
        # possibility of riots" names none
        about = [*_objects(token), *prep_objects(token, frozenset({"of", "about", "against"}))]
        return any(
            t.pos_ in {"PROPN", "ADJ"} and entity_of(t, ctx.entities) is not None
            for o in about
            for t in o.subtree
        )
    undergoing = ctx.lex.words("undergoing_verbs")
    return not any(c.lemma_.lower() in undergoing for c in content)


def entity_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(entity_of(o, ctx.entities) is not None for o in _objects(token))


def self_content(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """A warning that the speaker itself will act ("warned he would counter", "warned Turkey")."""
    content = children(token, CONTENT_DEPS)
    if not content:
        if _objects(token) or prep_objects(token, frozenset({"against"})):
            return True  # "warned Turkey", "warned against further flights"
        # "warned of retaliation", "of serious consequences"; "warned of the possibility of
        # riots", "of a famine" tells a danger, not what the speaker will do
        counters = ctx.lex.words("counter_nouns")
        return any(
            t.lemma_.lower() in counters
            for o in prep_objects(token, frozenset({"of"}))
            for t in o.subtree
        )
    clause = content[0]
    if clause.lemma_.lower() in ctx.lex.words("counter_verbs") or _future_counter(clause, ctx):
        return True
    if _continued_hostility(clause, ctx):
        return True
    inner = subject_of(clause)
    if inner is None:
        return clause.dep_ == "xcomp"
    if inner.lower_ in SELF_PRONOUNS:
        return True
    outer = subject_of(token)
    if outer is None:
        return False
    a, b = entity_of(inner, ctx.entities), entity_of(outer, ctx.entities)
    return a is not None and b is not None and a.id == b.id


def _future_counter(clause: Token, ctx: Context) -> bool:
    """A content clause in which someone will act against someone ("would meet a strong response")."""
    future = any(
        c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll"} for c in clause.children
    )
    if not future or any(c.dep_ == "neg" for c in clause.children):
        return False  # "would not block the package": a counter-action ruled out is no threat
    if clause.lemma_.lower() in ctx.lex.words("counter_verbs"):
        return True
    # "would meet a strong response", "will take action": the object names the counter-action
    nouns = ctx.lex.words("counter_nouns")
    return any(
        o.lemma_.lower() in nouns
        for o in _objects(clause) + prep_objects(clause, frozenset({"with"}))
    )


def counter_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    nouns = ctx.lex.words("counter_nouns")
    found = _objects(token) + prep_objects(token, frozenset({"with"}))
    return any(o.lemma_.lower() in nouns for o in found)


def not_request_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    refusals = ctx.lex.words("refusal_objects")
    return not any(o.lemma_.lower() in refusals for o in _objects(token) if o.dep_ != "nsubjpass")


def named_possessor(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """'Iran's charge': the possessor is a named party (state, organisation, person)."""
    for child in token.children:
        if (child.dep_ == "poss" and child.pos_ != "PRON") or (
            child.dep_ in {"amod", "compound"}
            and child.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"}
        ):
            # "Iran's charge", "the Iranian accusation"
            entity = entity_of(child, ctx.entities)
            if entity is not None:
                return True
    return False


def attack_object_or_light(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """'opened fire on', 'rocket fire against camps': fire aimed at someone."""
    if attack_object(token, ctx, rule):
        return True
    return token.dep_ in {"dobj", "obj"} and bool(
        prep_objects(token.head, frozenset({"at", "on", "upon", "against"}))
    )


def armed_subject(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Someone or something armed does it ("troops killed", "a bomb killed"), not "a crash killed"."""
    subject = subject_of(token)
    if subject is None or subject.pos_ in {"PROPN", "PRON"}:
        return True
    if subject.lemma_.lower() in ctx.lex.words("agent_nouns"):
        return True
    if subject.lemma_.lower() in ctx.lex.words("attack_nouns"):
        return True  # "a roadside bombing killed a soldier"
    return ctx.has_class(subject, FORCE)


def inspection_complement(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(c, FACILITY | FORCE, 1) for c in _complements(token))


def territory_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Taking ground: a named place or a position noun as object, or the noun's complement."""
    found = _objects(token) if token.pos_ == "VERB" else _complements(token)
    nouns = ctx.lex.words("territory_nouns")
    for obj in found:
        if obj.lemma_.lower() in nouns:
            return True
        entity = ctx.entities.at(obj.idx, obj.idx + len(obj))
        if entity is not None and entity.type in {"GPE", "LOC", "FAC"}:
            return True
    return False


def vessel_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Taking a ship: a vessel noun or a named ship as the object or the noun's complement."""
    found = _objects(token) if token.pos_ == "VERB" else _complements(token)
    nouns = ctx.lex.words("vessel_nouns")
    return any(obj.lemma_.lower() in nouns or is_warship(obj, ctx) for obj in found)


def force_context(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """'forces on alert': the alert is a military or police one."""
    return bool(ctx.sentence_classes(token) & {"force", "military"})


def envoy_modifier(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    envoys = ctx.lex.words("envoy_nouns")
    return any(c.lemma_.lower() in envoys for c in _complements(token))


def relations_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Aid, ties, trade, flights: named as the object or as its modifier ("aid deliveries",
    "part of a military aid program")."""
    words = ctx.lex.words("relations_nouns")
    found = _objects(token) if token.pos_ in {"VERB", "AUX"} else _complements(token)
    for obj in found:
        near = (obj, *(c for c in obj.children if c.dep_ in MODIFIER_DEPS))
        if any(w.lemma_.lower() in words or w.lower_ in words for w in near):
            return True
    return False


def named_possessor_or_by(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """A nominal act whose doer is named: "the army's torture of prisoners", "torture by police"."""
    if named_possessor(token, ctx, rule):
        return True
    for agent in prep_objects(token, frozenset({"by"})):
        if entity_of(agent, ctx.entities) is not None or ctx.has_class(agent, FORCE):
            return True
        if agent.lemma_.lower() in ctx.lex.words("agent_nouns"):
            return True
    return False


def force_modifier_or_by(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    if force_modifier(token, ctx, rule):
        return True
    return any(ctx.has_class(a, FORCE) for a in prep_objects(token, frozenset({"by"})))


def arrival_in_state(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "arrived in Amman on a visit": the visit's place is where its verb of arrival leads."""
    if token.dep_ != "pobj" or token.head.lower_ != "on":
        return False
    verb = token.head.head
    if verb.lemma_.lower() not in ctx.lex.words("arrival_verbs"):
        return False
    for place in prep_objects(verb, frozenset({"in", "at", "to"})):
        named = ctx.entities.at(place.idx, place.idx + len(place))
        if named is not None and named.type == "GPE":
            return True
    return False


def between_parties(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "launched a mediation effort between Chile and Peru", "to mediate in the dispute": the
    phrase hangs on the trigger, the noun it modifies, or the verb that governs them."""
    holders = [token]
    if token.dep_ == "compound":
        holders.append(token.head)
    if holders[-1].dep_ in {"dobj", "obj"}:
        holders.append(holders[-1].head)
    return any(
        ch.dep_ == "prep" and ch.lower_ in {"between", "among", "in"}
        for holder in holders
        for ch in holder.children
    )


def trade_or_relations_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "prohibit all aid to the rebels", "prohibits flights": a ban on trade, arms or ties."""
    return weapon_or_trade_object(token, ctx, rule) or relations_object(token, ctx, rule)


def expelled_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    people = ctx.lex.words("envoy_nouns") | ctx.lex.words("expelled_people")
    return any(o.lemma_.lower() in people for o in _objects(token))


def person_group_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """People as the object ("beat up detainees", "abused immigrants"), not things ("abused
    his power"): a group noun, a person, or a nationality."""
    people = ctx.lex.words("people_nouns")
    for obj in _objects(token):
        if obj.lemma_.lower() in people or obj.ent_type_ in {"PERSON", "NORP"}:
            return True
    return False


def sanctioned_party(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "sanctioned three firms", "Russia was sanctioned", "threatened to sanction": a party,
    people or a body is sanctioned; "to sanction an increase in the budget" approves it."""
    objects = _objects(token)
    if not objects:
        return True
    wanted = ctx.lex.words("sanctioned_nouns") | ctx.lex.words("people_nouns")
    return any(
        entity_of(o, ctx.entities) is not None
        or o.ent_type_ in {"PERSON", "NORP", "ORG", "GPE"}
        or o.lemma_.lower() in wanted
        for o in objects
    )


def combatant_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Fighters or people as the object ("neutralized four militants"), not a threat or a
    risk: a people noun, a person or nationality, or an armed force."""
    fighters = ctx.lex.words("non_state_agents")
    return person_group_object(token, ctx, rule) or any(
        obj.lemma_.lower() in fighters or ctx.has_class(obj, FORCE)
        for obj in _objects(token)
        if obj.dep_ != "nsubjpass"
    )


def entity_object_or_light(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    if token.pos_ == "VERB":
        return entity_object(token, ctx, rule)
    return any(entity_of(c, ctx.entities) is not None for c in _complements(token)) or (
        token.dep_ in {"dobj", "obj"}
        and token.head.lemma_.lower() in {"impose", "announce", "call", "declare"}
    )


def threat_content(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """A statement whose content is the speaker's own future counter-action ("said it would defend")."""
    for clause in children(token, frozenset({"ccomp"})):
        inner = subject_of(clause)
        if inner is None or not _future_counter(clause, ctx):
            continue
        if inner.lower_ in SELF_PRONOUNS:
            return True
        outer = subject_of(token)
        if outer is not None:
            a, b = entity_of(inner, ctx.entities), entity_of(outer, ctx.entities)
            if a is not None and b is not None and a.id == b.id:
                return True
            if a is not None and b is not None and _serves(b, a, token.doc, ctx):
                # "China will fight back, Chinese spokeswoman Hua said": her state's threat
                return True
            if a is not None and b is None and _unnamed_voice_of(outer, a, ctx):
                # "Iran will retaliate, the spokesman said": a spokesman no one else owns
                return True
    return False


def _unnamed_voice_of(speaker: Token, party: Entity, ctx: Context) -> bool:
    """An unnamed spokesman or official who can only be speaking for ``party``: the noun names
    one who speaks for a body (coref's list), and nothing in its phrase names another party ("a
    U.S. official")."""
    if speaker.pos_ != "NOUN" or not speaks_for_a_body(speaker):
        return False
    for word in speaker.subtree:
        other = entity_of(word, ctx.entities) if word.i != speaker.i else None
        if other is not None and other.id != party.id:
            return False
    return party.type in {"GPE", "ORG"}


def _serves(person: Entity, state: Entity, doc: Doc, ctx: Context) -> bool:
    """Whether the text names ``person`` as serving ``state``."""
    if person.type != "PERSON" or state.type != "GPE":
        return False
    served = state_served(person, doc, ctx.entities)
    return served is not None and served.id == state.id


def state_served(person: Entity, doc: Doc, entities: EntityIndex) -> Entity | None:
    """The state the text names ``person`` as serving, in one of the person's mention phrases:
    a state ("North Korean leader Kim Jong Un"), or a state body whose name starts with the
    state ("Iranian Foreign Ministry spokesman Nasser Kanaani" serves Iran)."""
    offices = load_lexicon().words("office_nouns")
    for start, end in person.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        left = min(span.root.left_edge.idx, start)
        right = end
        office = _apposed_office(span.root, offices)
        if office is not None:
            # "Japan's prime minister, Sanae Okada" / "Sanae Okada, prime minister of Japan"
            left = min(left, office.left_edge.idx)
            last = office.right_edge if office.i > span.root.i else office
            right = max(right, last.idx + len(last))
        for _s, _e, entity in entities.within(left, right):
            if entity.type == "GPE" and entity.id != person.id:
                return entity
            state = state_named_first(entity.name) if entity.type == "ORG" else None
            if state is not None and (named := entities.by_name(state)) is not None:
                return named
    return None


def _apposed_office(name: Token, offices: frozenset[str]) -> Token | None:
    """The office noun a person's name is set beside: "Japan's prime minister, Sanae Okada"
    (the name apposed to it) or "Sanae Okada, Japan's prime minister" (it apposed to the name);
    "Sanae Okada, a critic of Japan" holds no office."""
    if name.dep_ == "appos" and name.head.lemma_.lower() in offices:
        return name.head
    return next(
        (c for c in name.children if c.dep_ == "appos" and c.lemma_.lower() in offices), None
    )


def state_named_first(name: str) -> str | None:
    """The state whose name or adjective a name starts with ("Iranian Foreign Ministry" ->
    Iran), from the gazetteer."""
    words = name.split()
    for n in (3, 2, 1):  # "United States Department of State", "South Korean Navy", "Iranian"
        if len(words) > n:
            state = state_called(" ".join(words[:n]))
            if state is not None:
                return state.name
    return None


def counter_content(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    counter = ctx.lex.words("counter_verbs")
    content = children(token, CONTENT_DEPS)
    # "have sworn to fight" is often parsed as a purpose clause
    content += [
        c
        for c in children(token, frozenset({"advcl"}))
        if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    if any(c.lemma_.lower() in counter for c in content):
        return True
    if token.pos_ == "VERB" and any(
        o.lemma_.lower() in ctx.lex.words("counter_nouns") for o in _objects(token)
    ):
        return True  # "vowed retaliation", "swore revenge": the vowed act as a noun
    return any(_continued_hostility(c, ctx) for c in content)


def _continued_hostility(clause: Token, ctx: Context) -> bool:
    """ "to continue attacks on ships", "to step up its offensive": keeping up hostile acts."""
    if clause.lemma_.lower() not in ctx.lex.words("continuing_verbs"):
        return False
    hostile = ctx.lex.words("hostile_nouns")
    return any(o.lemma_.lower() in hostile for o in _objects(clause))


def counter_right(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "reserved the right to respond": the right's infinitive is a counter-action."""
    counter = ctx.lex.words("counter_verbs")
    for obj in _objects(token):
        if obj.lemma_.lower() != "right":
            continue
        if any(
            c.dep_ in {"acl", "relcl", "xcomp"} and c.lemma_.lower() in counter
            for c in obj.children
        ):
            return True
    return False


def claim_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    claims = ctx.lex.words("claim_nouns")
    # "dismissed as absurd reports that ...": the parser reads the claim into the as-phrase
    framed = [
        o for p in children(token, {"prep"}) if p.lower_ == "as" for o in children(p, {"pobj"})
    ]
    return any(o.lemma_.lower() in claims for o in [*_objects(token), *framed]) or bool(
        children(token, {"ccomp"})
    )


def condemned(token: Token, lex: EventLexicon) -> tuple[Token | None, Token | None] | None:
    """An evaluative word said of something: (the naming verb or None, the thing condemned).

    "the strike was a flagrant violation of ...", "called the raids a criminal act", "described
    the deal as illegal", "fired missiles in violation of ...": the word is the predicate of a
    copula, the second object of a verb of naming, or the manner of an act. None when the word
    is not predicated of anything ("violations were recorded"). A verb of wrongdoing said of
    its subject ("the strikes violated the truce") condemns the subject; denied, it does not."""
    if token.pos_ == "VERB":
        if any(c.dep_ in {"neg", "auxpass"} for c in token.children):
            return None  # "did not violate", "was breached by": a denial, or the act's victim
        subject = subject_of(token)
        if subject is None and token.dep_ == "xcomp" and direct_object(token.head) is None:
            subject = subject_of(token.head)  # "its launches continue to destabilize the region"
        return (None, subject) if subject is not None else None
    node = token
    while node.dep_ == "conj" and node.head.dep_ in {"acomp", "attr", "oprd"}:
        node = node.head  # "regrettable and unacceptable": the second judgement shares the first's
    if node.dep_ in {"amod", "compound"} and node.head.pos_ in {"NOUN", "PROPN"}:
        if token.pos_ == "ADJ" and node.head.lemma_.lower() not in lex.words("evaluated_nouns"):
            return None  # "no illegal sales": an adjective judges only a deed ("a criminal act")
        node = node.head  # "a flagrant violation", "a criminal act"
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        node = node.head.head  # "an act of aggression"
    head = node.head
    naming = lex.words("naming_verbs")
    if head.lower_ == "as" and node.dep_ in {"pobj", "amod", "acomp"}:
        verb = head.head  # "described the deal as illegal"
        if verb.lemma_.lower() in naming:
            return verb, direct_object(verb)
        return None
    if head.lemma_.lower() in naming and node.dep_ in {"oprd", "dobj", "attr", "xcomp"}:
        # "called the raids a criminal act", "branded the embargo an act of terrorism"
        named = [c for c in head.children if c.dep_ in {"dobj", "obj"} and c.i < node.i]
        return (head, named[0]) if named else None
    if node.dep_ in {"attr", "acomp"} and head.lemma_ == "be":
        if any(c.dep_ == "expl" for c in head.children):
            return None  # "there have been violations": a report, not a judgement
        subject = next((c for c in head.children if c.dep_ in {"nsubj", "csubj"}), None)
        content = next((c for c in head.children if c.dep_ == "ccomp"), None)
        if subject is not None and subject.lower_ == "it" and content is not None:
            # "it is regrettable that Chinese ships continue to intrude": what the that-clause says
            return None, subject_of(content) or content
        return None, subject
    if (
        node.dep_ == "pobj"
        and head.lower_ == "in"
        and node.i == token.i
        and head.head.pos_ in {"VERB", "AUX"}
    ):
        if head.head.lemma_ == "be":
            # "the launches are in blatant violation of UN resolutions": the subject is
            return None, subject_of(head.head)
        return None, head.head  # "launched missiles in violation of UN resolutions"
    return None


def condemning_predicate(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return condemned(token, ctx.lex) is not None or owned_deed_judged(token, ctx) is not None


def condemning_predicate_of_deed(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """A milder judgement ("dangerous", "troubling", "an escalation") condemns only a deed or a
    party: "the drills are dangerous" and "Seoul's moves are troubling", not "the situation is
    dangerous" or "the weather was disturbing"."""
    found = condemned(token, ctx.lex)
    if found is None:
        return owned_deed_judged(token, ctx) is not None
    _verb, thing = found
    if thing is None:
        # "... is a very dangerous action": the adjective judges the deed it modifies
        return token.dep_ == "amod" and _is_deed(token.head, ctx)
    if thing.pos_ in {"VERB", "AUX"} or entity_of(thing, ctx.entities) is not None:
        return True  # "that it keeps firing missiles is dangerous", "Iran is dangerous"
    return _is_deed(thing, ctx)


def _is_deed(noun: Token, ctx: Context) -> bool:
    """An act word ("action", "attack") or a noun the lexicon makes an event ("drills")."""
    lemma = noun.lemma_.lower()
    acts = ctx.lex.words("evaluated_nouns") | ctx.lex.words("attack_nouns")
    return lemma in acts or any("NOUN" in r.pos for r in ctx.lex.triggers.get(lemma, ()))


def owned_deed_judged(token: Token, ctx: Context) -> Token | None:
    """ "the U.S. reckless military bluff", "Seoul's provocative drills": an evaluative
    adjective on a deed (an act word, or a word the lexicon makes an event) that a named party
    owns judges that party's deed; on an unowned noun ("reckless driving") it judges nobody."""
    if token.pos_ != "ADJ" or token.dep_ != "amod" or token.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    deed = token.head
    if not _is_deed(deed, ctx):
        return None
    owners = [
        c
        for c in deed.children
        if c.dep_ in {"poss", "compound", "nmod"} or (c.dep_ == "amod" and c.i < token.i)
    ]
    if not any(entity_of(c, ctx.entities) is not None for c in owners):
        return None
    return deed


def terrorist_designation(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "listed as a terrorist organisation", "designated the group a terrorist entity": the
    listing names a terrorist body."""
    terror = ctx.lex.words("terror_words")
    bodies = ctx.lex.words("body_nouns")
    named = [
        p for c in children(token, {"prep"}) if c.lower_ == "as" for p in children(c, {"pobj"})
    ]
    named += children(token, {"oprd", "xcomp", "attr"})
    named += [o for o in _objects(token) if o.dep_ != "nsubjpass"][1:]  # "designated X a ..."
    return any(
        n.lemma_.lower() in bodies and any(t.lemma_.lower() in terror for t in n.subtree)
        for n in named
    )


def allegation_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "blasted the allegations": what is condemned is only allegations ("condemned the
    detentions and accusations" criticises acts too, and stays an accusation)."""
    allegations = ctx.lex.words("allegation_nouns")
    objects = _objects(token)
    return bool(objects) and all(o.lemma_.lower() in allegations for o in objects)


def agreement_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    nouns = ctx.lex.words("agreement_nouns")
    return any(o.lemma_.lower() in nouns for o in _objects(token))


def weapon_or_trade_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    trade = ctx.lex.words("trade_words")
    return any(
        o.lemma_.lower() in trade or o.lower_ in trade or ctx.has_class(o, WEAPON)
        for o in _objects(token)
    )


def weapon_or_trade_modifier(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    trade = ctx.lex.words("trade_words")
    for comp in _complements(token):
        if comp.lemma_.lower() in trade or comp.lower_ in trade or ctx.has_class(comp, WEAPON, 1):
            return True
    return False


def plural(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return token.tag_ in {"NNS", "NNPS"}


def _is_party(token: Token, ctx: Context) -> bool:
    """The phrase's head itself names a party (not a thing a party owns: "the regime's goals")."""
    if token.pos_ == "PRON":
        return token.lower_ not in {"it", "this", "that", "what", "which"}
    if token.lemma_.lower() in ctx.lex.words("person_nouns") | ctx.lex.words("agent_nouns"):
        return True
    entity = ctx.entities.at(token.idx, token.idx + len(token))
    if entity is not None and entity.type in ACTOR_TYPES:
        return True
    return token.pos_ == "PROPN" and entity_of(token, ctx.entities) is not None


_BODIES = frozenset({"GPE", "ORG", "NORP"})


def body_partner_with(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "work with allies", "worked with the Pentagon": cooperation between states or bodies;
    two people working together on a book or a climb are no such event."""
    partners = prep_objects(token, frozenset({"with"}))
    subject = subject_of(token) if token.pos_ in {"VERB", "AUX"} else None
    for party in [*partners, *([subject] if subject is not None else [])]:
        entity = ctx.entities.at(party.idx, party.idx + len(party))
        if entity is not None and entity.type in _BODIES:
            return bool(partners)
        if party.lemma_.lower() in ctx.lex.words("agent_nouns") or party.lower_ in _BODY_NOUNS:
            return bool(partners)
    return False


# plural nouns for states or bodies as partners: "work with allies", "with others in the region"
_BODY_NOUNS = frozenset({"allies", "partners", "others", "countries", "nations", "governments"})


def partner(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Talks need a counterpart: "met X", "with X", "X and Y discussed", "a visit to Moscow"."""
    preps = (
        frozenset({"with", "between", "among", "to", "of"})
        if token.pos_ == "NOUN"
        else frozenset({"with"})
    )
    found = prep_objects(token, preps)
    if token.pos_ == "NOUN" and token.dep_ in {"dobj", "obj"}:
        # "held a meeting with X", "gave a warm welcome to X": the phrase hangs on the verb
        found += prep_objects(token.head, frozenset({"with", "to", "between"}))
    for pobj in found:
        entity = entity_of(pobj, ctx.entities)
        if pobj.head.lower_ == "of":
            # "a tour of Gulf states" names the visited; "a meeting of the board" no counterpart
            places = ctx.lex.words("place_nouns")
            if (entity is not None and entity.type == "GPE") or pobj.lemma_.lower() in places:
                return True
            continue
        if entity is not None and entity.type in ACTOR_TYPES:
            return True
        if token.pos_ == "VERB" and (
            pobj.pos_ == "PRON"
            or pobj.lemma_.lower() in ctx.lex.words("person_nouns") | ctx.lex.words("agent_nouns")
        ):
            return True
    if token.pos_ == "VERB":
        obj = direct_object(token)
        if obj is not None and obj.dep_ != "nsubjpass" and _is_party(obj, ctx):
            return True
        subject = subject_of(token)
        if subject is None:
            return False
        return (
            any(c.dep_ == "conj" for c in subject.children) or len(owners_named(subject, ctx)) >= 2
        )
    # "Shultz-Shevardnadze talks", "the two leaders' meeting"
    named = [
        c
        for c in token.children
        if c.dep_ in {"poss", "compound", "amod"} and entity_of(c, ctx.entities)
    ]
    return len(named) >= 2 or bool(named and prep_objects(token, frozenset({"with"})))


def owners_named(noun: Token, ctx: Context) -> list[Entity]:
    """The parties a plural noun of people belongs to: "the foreign ministers of India and
    Pakistan", "officials from Serbia and Kosovo", "Indian and Pakistani officials" -> the two
    states (in the order written)."""
    if noun.tag_ not in {"NNS", "NNPS"}:
        return []
    heads = [
        *prep_objects(noun, frozenset({"of", "from"})),
        *(c for c in noun.children if c.dep_ in {"amod", "compound"}),
    ]
    found: list[Entity] = []
    for head in heads:
        stack = [head]
        while stack:
            node = stack.pop(0)
            stack.extend(c for c in node.children if c.dep_ == "conj")
            entity = entity_of(node, ctx.entities)
            if entity is not None and entity.type in ACTOR_TYPES and entity not in found:
                found.append(entity)
    return found


def named_parties(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """An agreement told as a noun with its parties beside it ("the truce between Israel and
    Hamas", "the Armenia-Azerbaijan ceasefire agreement", "Iran's deal with world powers").
    The object of a verb of agreeing ("signed a deal with Peru") is that verb's event, and a
    noun modifying another ("ceasefire talks") is the other's."""
    if token.dep_ == "compound" or token.pos_ == "PROPN":
        return False  # "ceasefire talks" are talks; "the Lancaster House Treaty" is a name
    if any(c.dep_ == "det" and c.lower_ in {"any", "no"} for c in token.children):
        return False  # "denied any arms deal with Moscow": no agreement is told
    node = token.head if token.dep_ == "conj" else token
    if node.dep_ in {"dobj", "obj", "nsubjpass"} and verb_lemmas(node.head) & rule.light_verbs:
        return False
    if (
        node.dep_ == "pobj"
        and node.head.lower_ in {"to", "on"}
        and verb_lemmas(node.head.head) & rule.light_verbs
    ):
        return False  # "agreed to a ceasefire with Azerbaijan": the verb's own agreement
    if not any(
        (e := entity_of(t, ctx.entities)) is not None and e.type in _BODIES
        for t in token.subtree
        if t.i != token.i
    ):
        return False  # "an agreement with his son": people's private deals are no treaties
    return partner(token, ctx, rule) or _state_pair_modifier(token, ctx)


def phone_partner(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "spoke by phone with X", "talked by telephone to X": a call with a named party."""
    media = ctx.lex.words("call_media")
    by_phone = any(
        o.lemma_.lower() in media for o in prep_objects(token, frozenset({"by", "over", "via"}))
    )
    if not by_phone:
        return False
    if any(_is_party(o, ctx) for o in prep_objects(token, frozenset({"with", "to"}))):
        return True
    # "Putin and Macron spoke by telephone": the two parties are the joined subjects
    subject = subject_of(token)
    if subject is None or not _is_party(subject, ctx):
        return False
    return any(c.dep_ == "conj" and _is_party(c, ctx) for c in subject.children)


def office_holder_with(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "Blinken spoke with Turkish Foreign Minister Hakan Fidan": talking with a named holder
    of an office (a title before the name) is a consultation; "spoke with reporters" or with a
    farmer is not."""
    subject = subject_of(token)
    if subject is None or not _is_party(subject, ctx):
        return False
    titles = rules().person_titles
    for partner in prep_objects(token, frozenset({"with"})):
        named = entity_of(partner, ctx.entities)
        if named is None or named.type != "PERSON":
            continue
        if any(t.lower_.rstrip(".") in titles for t in partner.subtree if t.i < partner.i):
            return True
    return False


def partner_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Visiting or touring a state, a capital or a leader (diplomacy, not an inspection)."""
    obj = direct_object(token)
    if obj is None or obj.dep_ == "nsubjpass":
        return False
    if obj.lemma_.lower() in ctx.lex.words("place_nouns") or _is_party(obj, ctx):
        return True
    entity = ctx.entities.at(obj.idx, obj.idx + len(obj))
    return entity is not None and entity.type == "LOC"


def inspection_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(o, FACILITY | FORCE) for o in _objects(token))


def _event_noun(token: Token, ctx: Context) -> bool:
    """A noun the lexicon reads as an event ("the test-fire"); "arms" is not, though "arm" is a
    verb trigger ("arming rebels")."""
    rules = ctx.lex.triggers.get(token.lemma_.lower(), ())
    return any("NOUN" in r.pos for r in rules)


def inspected_goods(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "oversaw several kinds of small arms", "oversaw a unit": weapons, forces or facilities
    viewed; an event noun as object ("oversaw the test-fire") is the support-verb reading."""
    found = _objects(token)
    if any(_event_noun(o, ctx) for o in found):
        return False
    return any(ctx.has_class(o, FACILITY | FORCE) for o in found)


def facility_or_force_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return any(ctx.has_class(o, FACILITY | FORCE) for o in _objects(token))


def agreement_prep(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "work on an agreement", "working toward a deal": the deal is being negotiated."""
    nouns = ctx.lex.words("agreement_nouns")
    found = prep_objects(token, frozenset({"on", "toward", "towards"}))
    return any(o.lemma_.lower() in nouns for o in found)


def act_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """Rejecting a measure another party took ("rejected the new blockade measure")."""
    acts = ctx.lex.words("act_nouns")
    return any(o.lemma_.lower() in acts and o.dep_ != "nsubjpass" for o in _objects(token))


def party_or_act_object(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "slammed Manila", "slammed the drills", "blasted the new sanctions": criticism of a
    party or of an act; "slammed the door" is neither."""
    if entity_object(token, ctx, rule) or act_object(token, ctx, rule):
        return True
    return any(_event_noun(o, ctx) and o.dep_ != "nsubjpass" for o in _objects(token))


def force_object_or_subject(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "withdrew its troops", "the troops withdrew": forces moved, named as object or subject."""
    if force_object(token, ctx, rule):
        return True
    subject = subject_of(token)
    return subject is not None and ctx.has_class(subject, FORCE)


def forces_join_forces(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "North Korean soldiers joined Russian forces on the front line": forces sent to fight
    beside another's; "the minister joined the troops for lunch" moves no forces."""
    subject = subject_of(token)
    if subject is not None and subject.lemma_.lower() in QUANTITY_NOUNS:
        # "thousands of soldiers joined": the quantity stands for what it counts
        subject = next(iter(prep_objects(subject, OF)), subject)
    if subject is None or not ctx.has_class(subject, FORCE):
        return False
    # "joined Japanese warships for weekend drills": joining an exercise is the exercise
    for place in prep_objects(token, frozenset({"for", "in"})):
        readings = ctx.lex.triggers.get(place.lemma_.lower(), ())
        if any(r.type == "MILITARY_EXERCISE" for r in readings):
            return False
    return any(ctx.has_class(o, FORCE) for o in _objects(token) if o.dep_ != "nsubjpass")


def threat_of_action(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "threats of military response by X", "X's threat of retaliation": a hostile act threatened
    by a named party (a threat nobody is named as making is a danger, not a THREATEN event)."""
    hostile = ctx.lex.words("counter_nouns") | ctx.lex.words("hostile_nouns")
    acts = prep_objects(token, OF)
    if not any(a.lemma_.lower() in hostile for a in acts):
        return False
    makers = prep_objects(token, frozenset({"by", "from"})) + [
        c for c in token.children if c.dep_ == "poss"
    ]
    for act in acts:
        makers.extend(prep_objects(act, frozenset({"by"})))
    return any(entity_of(m, ctx.entities) is not None for m in makers)


def participant(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    for child in token.children:
        if (
            child.dep_ in {"poss", "compound", "amod", "nmod"}
            and entity_of(child, ctx.entities) is not None
        ):
            return True
    partners = prep_objects(token, frozenset({"with", "between", "for"}))
    # "cooperation with the navies of China": the owner of a service named as partner
    partners += [o for p in partners for o in prep_objects(p, OF)]
    return any(entity_of(p, ctx.entities) is not None for p in partners)


def as_censure(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    """ "characterized the strike as a serious violation": described as a wrong."""
    words = ctx.lex.words("censure_nouns")
    for holder in (token, *_objects(token)):
        for obj in prep_objects(holder, frozenset({"as"})):
            if any(t.lemma_.lower() in words for t in obj.subtree):
                return True
    return False


def not_labour(token: Token, ctx: Context, rule: TriggerRule) -> bool:
    return "labour" not in ctx.sentence_classes(token)


def _with_words(kind: str, words: frozenset[str]) -> Callable[[Token, Context, TriggerRule], bool]:
    if kind == "modifier":
        # an adverb counts for a verb ("reacted angrily")
        deps = MODIFIER_DEPS | {"advmod"}
        return lambda t, c, r: any(
            ch.lemma_.lower() in words for ch in t.children if ch.dep_ in deps
        )
    if kind == "particle":
        wants_object = "object" in words

        def particle_check(t: Token, c: Context, r: TriggerRule) -> bool:
            if any(ch.lower_ in words for ch in t.children if ch.dep_ in {"prt", "prep"}):
                return True
            return wants_object and bool(_objects(t))

        return particle_check
    if kind == "modifier_or_object":

        def modifier_or_object(t: Token, c: Context, r: TriggerRule) -> bool:
            candidates = [ch for ch in t.children if ch.dep_ in MODIFIER_DEPS] + _objects(t)
            return any(ch.lemma_.lower() in words for ch in candidates)

        return modifier_or_object
    if kind == "prep":
        # "shared evidence with the U.S.": the phrase may hang on the object
        return lambda t, c, r: any(
            ch.lower_ in words
            for holder in (t, *(_objects(t) if t.pos_ in {"VERB", "AUX"} else ()))
            for ch in holder.children
            if ch.dep_ == "prep"
        )
    if kind == "purpose":
        # "designated five entities for sanctions": the for-phrase names what the act is for
        # ("designating for sanctions X" is parsed with "sanctions" as X's modifier)
        # (and the for-phrase often hangs on the object: "designating five entities for sanctions")
        return lambda t, c, r: any(
            w.lemma_.lower() in words
            for holder in (t, *_objects(t))
            for o in prep_objects(holder, frozenset({"for"}))
            for w in (o, *o.lefts)
        )
    if kind == "prep_and_clause":

        def prep_and_clause(t: Token, c: Context, r: TriggerRule) -> bool:
            # "called on his followers to defy": the infinitive hangs on the verb or the object
            for obj in prep_objects(t, words):
                named = c.entities.at(obj.idx, obj.idx + len(obj))
                if named is not None and named.type in {"GPE", "ORG"}:
                    continue  # "called on the DPRK to engage": asking a state is a request
                if children(t, frozenset({"xcomp"})) or children(obj, frozenset({"acl", "xcomp"})):
                    return True
            return False

        return prep_and_clause
    raise KeyError(kind)


CONDITIONS: dict[str, Callable[[Token, Context, TriggerRule], bool]] = {
    "weapon_object": weapon_object,
    "combat_fire": combat_fire,
    "weapon_modifier": weapon_modifier,
    "weapon_object_to": weapon_object_to,
    "test_prefix": test_prefix,
    "place_target": place_target,
    "weapon_with": weapon_with,
    "armed_party_object": armed_party_object,
    "light_verb_not_agreed": light_verb_not_agreed,
    "content_not_sanctions": content_not_sanctions,
    "not_policing": not_policing,
    "forces_arrive": forces_arrive,
    "vessel_object": vessel_object,
    "body_meets": body_meets,
    "warship_moves": warship_moves,
    "weapon_system_modifier": weapon_system_modifier,
    "warplane_flies": warplane_flies,
    "body_partner_with": body_partner_with,
    "weapon_test_in_article": weapon_test_in_article,
    "phone_partner": phone_partner,
    "attack_object": attack_object,
    "not_idea_object": not_idea_object,
    "facility_object": facility_object,
    "facility_modifier": facility_modifier,
    "force_object": force_object,
    "force_modifier": force_modifier,
    "force_subject": force_subject,
    "military_context": military_context,
    "light_verb": light_verb,
    "clausal_object": clausal_object,
    "person_object": person_object,
    "clausal_or_person_object": clausal_or_person_object,
    "object_and_clause": object_and_clause,
    "envoy_object": envoy_object,
    "entity_subject": entity_subject,
    "entity_object": entity_object,
    "self_content": self_content,
    "counter_content": counter_content,
    "counter_right": counter_right,
    "threat_content": threat_content,
    "counter_object": counter_object,
    "force_context": force_context,
    "territory_object": territory_object,
    "armed_subject": armed_subject,
    "inspection_complement": inspection_complement,
    "attack_object_or_light": attack_object_or_light,
    "named_possessor": named_possessor,
    "not_request_object": not_request_object,
    "envoy_modifier": envoy_modifier,
    "relations_object": relations_object,
    "entity_object_or_light": entity_object_or_light,
    "claim_object": claim_object,
    "allegation_object": allegation_object,
    "terrorist_designation": terrorist_designation,
    "armed_entry": armed_entry,
    "condemning_predicate": condemning_predicate,
    "agreement_object": agreement_object,
    "weapon_or_trade_modifier": weapon_or_trade_modifier,
    "weapon_or_trade_object": weapon_or_trade_object,
    "plural": plural,
    "designation_grounds": designation_grounds,
    "military_goods_named": military_goods_named,
    "office_holder_with": office_holder_with,
    "partner": partner,
    "partner_object": partner_object,
    "participant": participant,
    "trade_or_relations_object": trade_or_relations_object,
    "between_parties": between_parties,
    "named_parties": named_parties,
    "target_object": target_object,
    "party_or_act_object": party_or_act_object,
    "arrival_in_state": arrival_in_state,
    "named_possessor_or_by": named_possessor_or_by,
    "force_modifier_or_by": force_modifier_or_by,
    "expelled_object": expelled_object,
    "person_group_object": person_group_object,
    "sanctioned_party": sanctioned_party,
    "combatant_object": combatant_object,
    "condemning_predicate_of_deed": condemning_predicate_of_deed,
    "as_censure": as_censure,
    "inspection_object": inspection_object,
    "inspected_goods": inspected_goods,
    "force_object_or_subject": force_object_or_subject,
    "entity_warns_of_conduct": entity_warns_of_conduct,
    "forces_join_forces": forces_join_forces,
    "facility_or_force_object": facility_or_force_object,
    "agreement_prep": agreement_prep,
    "act_object": act_object,
    "threat_of_action": threat_of_action,
    "not_labour": not_labour,
}

_PARAMETRISED: dict[str, Callable[[Token, Context, TriggerRule], bool]] = {}


def condition(name: str) -> Callable[[Token, Context, TriggerRule], bool]:
    """The check a ``requires`` value names (``KeyError`` for an unknown name)."""
    if name in CONDITIONS:
        return CONDITIONS[name]
    check = _PARAMETRISED.get(name)
    if check is None:
        kind, _, args = name.partition(":")
        check = _with_words(kind, frozenset(args.split("|")))
        _PARAMETRISED[name] = check
    return check


def holds(rule: TriggerRule, token: Token, ctx: Context) -> bool:
    if rule.requires is None:
        return True
    return condition(rule.requires)(token, ctx, rule)
