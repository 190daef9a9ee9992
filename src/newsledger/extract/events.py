"""Events: typed, attributed, dated, with modality (ONTOLOGY.md, OUTPUT.md ``events``).

One pass over the tokens: a lemma look-up in the trigger lexicon (``data/events/``), a
context check of the candidate rules (``events_rules``), then arguments from the parse
(``events_args``), modality and time (``events_modality``) and the claim the event sits in.

Choices worth knowing:

- ``span`` is the trigger's span (the smallest text that names the event; the sentence is in
  ``sentence_span``), so two events in one sentence never share a span.
- A definite nominal that only re-mentions an event already extracted ("the visit",
  "Kim's factory inspections" after "inspections of key munitions factories") is not a new event.
- An event needs an actor ("missile production will grow" is a topic, not an event); only an
  attack on a named target is kept without one ("a bomb killed two policemen").
- An act a leader orders, with no actor of its own ("ordered the construction of factories"),
  is done by the state the leader is named as leading ("North Korean leader Kim Jong Un").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsledger.extract.claims_statement import StatementScope
from newsledger.extract.coref import doc_text, source_for_token
from newsledger.extract.entities_gazetteer import load_gazetteer, state_called
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events_args import (
    ACTOR_TYPES,
    OBJECT_IS_TARGET,
    RELATIVE_PRONOUNS,
    SYMMETRIC,
    TARGET_PREPS,
    Argument,
    Sentences,
    argument,
    children,
    direct_object,
    entity_of,
    first_entity_in,
    is_passive,
    location_of,
    object_gap,
    passive_agent,
    phrase_span,
    prep_objects,
    subject_of,
    verb_lemmas,
)
from newsledger.extract.events_confidence import Evidence, confidence
from newsledger.extract.events_lexicon import EVENT_TYPES, EventLexicon, TriggerRule, load_lexicon
from newsledger.extract.events_modality import (
    event_time,
    going_on,
    modality_of,
    reacted_to,
    simultaneous_clause,
)
from newsledger.extract.events_rules import (
    COMPLEMENT_PREPS,
    FORCE,
    QUANTITY_NOUNS,
    Context,
    condemned,
    holds,
    is_warship,
    owned_deed_judged,
    owners_named,
    parties_beside,
    state_named_first,
    state_served,
    states_struck_into,
)
from newsledger.records import Claim, Entity, Event, EventTime, SourceRef, TimeExpression

__all__ = ["extract_events"]

TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
# events that are statements: quoted again and again, and not undone by a denial of their content
SPEECH_ACTS = frozenset({"ACCUSE", "THREATEN", "DENY", "ORDER"})
# where talks are held, not who holds them ("talks in Geneva"; "talks over X's programme" name X)
VENUE_PREPS = frozenset({"in", "at", "near", "inside", "outside"})
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "such"})
# "Kim issued the directive during inspections of ...": the subject of the verb a
# prepositional event phrase hangs on does that event too
CLAUSE_PREPS = frozenset({"during", "in", "of", "with", "for", "on", "to", "at", "through"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
NARRATOR_PRONOUNS = frozenset({"we", "us", "our"})
# the tense's reference when the text names no time: a later, named source of time beats it
VAGUE_TIMES = frozenset({"PRESENT_REF", "FUTURE_REF"})
# clauses under a verb that tell something other than its own parties
OTHER_CLAUSES = frozenset({"ccomp", "advcl", "csubj"})
# entities whose names may hold an event word without telling an event
NAMED_BODY_TYPES = frozenset({"ORG", "FAC", "LAW"})
# role nouns that stand for a state ("the country's missile production")
STATE_NOUNS = frozenset({"country", "nation", "state", "regime", "government"})
# acts ONTOLOGY.md attributes to a state: a ministry, command or armed service doing them acts for
# its state ("Russia's Defense Ministry said its forces struck", "the Treasury imposed sanctions")
STATE_ACTS = frozenset(
    {
        "WEAPONS_TEST",
        "WEAPONS_DEVELOPMENT",
        "MILITARY_PRODUCTION",
        "CONSTRUCTION",
        "DEPLOYMENT",
        "MILITARY_EXERCISE",
        "ARMS_TRANSFER",
        "ATTACK",
        "SANCTION",
    }
)
# state acts a named official carries out for the state the text names them as serving
# ("British Foreign Secretary Liz Truss pledged more artillery" -> the United Kingdom): arms,
# troops, strikes, drills and sanctions are the state's; tests and inspections a leader oversees
# stay his ("Kim oversaw the test launch", ONTOLOGY.md)
OFFICIALS_ACT_FOR_STATE = frozenset(
    {"ARMS_TRANSFER", "DEPLOYMENT", "ATTACK", "MILITARY_EXERCISE", "SANCTION"}
)
# "the two sides agreed", "the ministers signed": the parties of the meeting just reported
PARTY_NOUNS = frozenset(
    {"side", "minister", "leader", "delegation", "president", "party", "country"}
)
PARTY_EVENTS = frozenset({"TALKS", "AGREEMENT", "COOPERATION"})
# a time or a number in a target slot ("killed on Sunday", "killed 23 people") is no party
NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"})


# speech acts: their actor is whoever speaks, as a claim's source is
SPEECH_ACTS = frozenset({"ACCUSE", "DENY", "THREATEN"})


def extract_events(
    doc: Doc,
    entities: EntityIndex,
    times: list[TimeExpression],
    claims: list[Claim],
    anchor: date | None,
    *,
    headline: str | None = None,
    statements: list[StatementScope] | None = None,
) -> list[Event]:
    """The events of one parsed article, in text order (none when the Doc carries no parse).

    ``anchor`` is the article's date; relative expressions ("earlier this week") arrive in
    ``times`` already resolved on it; an event that happened is never dated after it.
    ``headline`` (not part of ``doc``) marks the events it tells (``Event.headline_span``) and
    names the party a press statement's "we" speaks for; ``statements`` are the parts of the
    text published under a name (``claims_statement.statement_scopes``, as the claims stage
    read them): a signed press statement accuses in its state's voice.
    """
    if not len(doc) or not doc.has_annotation("DEP"):
        # arguments come from the dependency parse; a pipeline without a parser yields none
        return []
    lex = load_lexicon()
    ctx = Context(lex, entities, Sentences(doc))
    return _Extractor(doc, ctx, times, claims, anchor, headline, statements).run()


class _Extractor:
    """The state of one article's pass: events so far and what later mentions refer back to."""

    def __init__(
        self,
        doc: Doc,
        ctx: Context,
        times: list[TimeExpression],
        claims: list[Claim],
        anchor: date | None,
        headline: str | None = None,
        statements: list[StatementScope] | None = None,
    ) -> None:
        self.doc = doc
        self.statements = statements or []  # parts of the text published under a name
        self.headline = headline or ""
        self.text = doc_text(doc)  # Doc.text joins every token on each access
        self.ctx = ctx
        self.lex: EventLexicon = ctx.lex
        self.entities = ctx.entities
        self.times = sorted(
            (t for t in times if t.type in {"DATE", "TIME"} and t.value), key=lambda t: t.span
        )
        self.claims = claims
        self.anchor = anchor  # the article date: an actual event is not dated after it
        self.events: list[Event] = []
        self._affiliations: dict[str, Entity | None] = {}
        # a harm told in the passive -> the attack word it happened in, when that gave its
        # actor ("were killed when troops shelled ..."); and, for attacks not yet reached,
        # the attack word's index -> the harm words
        self._harm_causes: dict[int, Token] = {}
        self._harm_mentions: dict[int, list[Token]] = {}
        self._state_list: list[Entity] | None = None
        self._phrases: dict[str, str] = {}  # event id -> trigger phrase, for denials
        self._by_token: dict[int, Event] = {}  # trigger token index -> its event
        # (sentence start, lemma, types the word can signal, its time) of dated event words
        self._time_marks: list[tuple[int, str, frozenset[str], EventTime]] = []
        self._lead_start: int | None = None  # token index of the lead sentence (-1: none)
        self._evidence: dict[str, Evidence] = {}  # event id at emission -> what was seen
        self._topic: Entity | Literal[False] | None = None  # the state the article names most

    def run(self) -> list[Event]:
        triggers = self.lex.triggers
        for token in self.doc:
            if token.pos_ not in TRIGGER_POS:
                continue
            lemma = token.lemma_.lower()
            rules = triggers.get(lemma) or triggers.get(token.lower_)
            if not rules:
                continue
            if token.pos_ == "ADJ" and not any("ADJ" in rule.pos for rule in rules):
                continue  # only evaluative adjectives ("illegal", "reckless") are triggers
            if token.dep_ == "compound" and token.head.lemma_.lower() in triggers:
                # "summit meeting", "arms sales": the head noun carries the event
                continue
            if self._inside_a_name(token):
                continue
            self._mark_time(token, rules)
            rule = self._rule_for(token, rules)
            if rule is not None:
                self._add(token, rule)
        return self._merged()

    def _inside_a_name(self, token: Token) -> bool:
        """ "the Organisation for Economic Cooperation and Development", "the Gulf Cooperation
        Council": a word inside a body's or a place's name tells no event. A name that ends
        on the event word is no name but the event ("the U.S. Attack on Iran", as wire copy
        once capitalised it)."""
        if token.pos_ != "PROPN" and not token.is_title:
            return False
        end = token.idx + len(token)
        for start, stop, entity in self.entities.within(token.idx - 200, end + 200):
            if start <= token.idx and end <= stop and entity.type in NAMED_BODY_TYPES:
                return stop > end or not self._state_and_act(start, token)
        return False

    def _state_and_act(self, start: int, token: Token) -> bool:
        """ "U.S. Attack": a name that is only a state's name, short form or adjective (as the
        text or the gazetteer knows it) and the event word after it."""
        words = self.text[start : token.idx].strip()
        if not words:
            return False
        found = self.entities.by_name(words)
        if found is not None and found.type in {"GPE", "NORP"}:
            return True
        return state_called(words.removeprefix("the ").removeprefix("The ")) is not None

    # -- times carried over from an earlier mention ------------------------------------------

    def _mark_time(self, token: Token, rules: tuple[TriggerRule, ...]) -> None:
        """Remember a dated mention of an event word ("another visit earlier this week"), even one
        that is no event of its own, so a later elaboration can take its date."""
        if not self.times or _in_since_clause(token):
            # "the heaviest since the two sides fought a war in 2006": a point of comparison,
            # not the event the next sentence goes on to tell
            return
        sent = self.ctx.sentences.of(token)
        own = event_time(token, sent, "actual", self.times, max_distance=2)
        if own is not None:
            types = frozenset(rule.type for rule in rules)
            self._time_marks.append((sent.start, token.lemma_.lower(), types, own))

    def _inherited_time(self, token: Token, etype: str) -> EventTime | None:
        """No time in the sentence: "During that visit, ..." takes the visit's date; an event
        told right after a dated mention of its kind ("followed another visit earlier this week.
        ... he toured a facility") takes that date."""
        if not self._time_marks and not self._by_token:
            return None
        clause = token if token.pos_ == "VERB" else token.head
        for prep in clause.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"during", "after", "at", "on"}:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or not any(
                    c.lower_ in ANAPHORIC_DETS for c in pobj.children
                ):
                    continue
                rules = self.lex.triggers.get(pobj.lemma_.lower(), ())
                types = {rule.type for rule in rules}
                # "After the talks, the two sides signed": the dated event already found
                for i, event in reversed(list(self._by_token.items())):
                    same = self.doc[i].lemma_.lower() == pobj.lemma_.lower() or event.type in types
                    if same and i < token.i and event.time is not None and event.time.value:
                        return event.time
                for _start, lemma, marked, time in reversed(self._time_marks):
                    if lemma == pobj.lemma_.lower() or marked & types:
                        return time
        sent = self.ctx.sentences.of(token)
        previous = sent.start - 1
        if previous < 0:
            return None
        prev_start = self.ctx.sentences.of(self.doc[previous]).start
        for start, _lemma, marked, time in reversed(self._time_marks):
            if start < prev_start:
                break
            if start == prev_start and etype in marked:
                return time
        return None

    def _merged(self) -> list[Event]:
        """One event per happening: a later mention with the same type, parties, modality and a
        compatible time is the same event told again (leads are often repeated further down)."""
        kept: list[Event] = []
        for event in self.events:
            value = event.time.value if event.time else None
            duplicate = False
            anaphoric = self._anaphoric_nominal(event)
            for other in kept:
                other_value = other.time.value if other.time else None
                if (
                    other.type == event.type
                    and _same_parties(other, event)
                    and (
                        anaphoric
                        or (
                            other.modality == event.modality
                            and (value is None or other_value is None or value == other_value)
                        )
                    )
                    and _same_happening(other, event)
                    and not self._different_weapons(other, event)
                ):
                    if other.time is None and event.time is not None:
                        other.time = event.time
                    if other.target_entity is None and event.target_entity is not None:
                        other.target, other.target_entity = event.target, event.target_entity
                    for mention in event.mentions:
                        _add_mention(other, mention)
                    duplicate = True
                    break
            if not duplicate:
                kept.append(event)
        self._mark_headline(kept)
        for number, event in enumerate(kept, start=1):
            evidence = self._in_article(event, self._evidence[event.id], len(kept))
            event.confidence = confidence(event, evidence)
            event.id = f"v{number}"
        return kept

    def _stated_intent_party(self, verb: Token) -> Argument | None:
        """The named party whose own future counter-action a statement's content tells."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = subject_of(clause)
            found = self._arg(subject) if subject is not None else None
            if found is not None and found.entity is not None:
                return found
        return None

    def _different_weapons(self, a: Event, b: Event) -> bool:
        """ "test-fires of a ballistic missile" and "a test-fire of a strategic cruise missile":
        the same word for acts on two different weapon systems tells two events."""
        if not a.object or not b.object:
            return False
        weapons = [e for e in self.entities.entities if e.type == "WEAPON"]

        def named(text: str) -> set[str]:
            low = text.lower()
            return {
                w.id for w in weapons if any(n and n.lower() in low for n in (w.name, *w.aliases))
            }

        first, second = named(a.object), named(b.object)
        return bool(first) and bool(second) and not first & second

    def _in_article(self, event: Event, evidence: Evidence, count: int) -> Evidence:
        """The event's evidence with what the article around it says."""
        actor = self.entities.get(event.actor_entity) if event.actor_entity else None
        headline = self.headline.lower()
        named = actor is not None and any(
            len(name) > 2 and name.lower() in headline for name in (actor.name, *actor.aliases)
        )
        topic = self._topic_state()
        first_break = self.text.find("\n\n")
        lead_end = first_break if first_break >= 0 else len(self.text)
        return replace(
            evidence,
            actor_kind=actor.type if actor is not None else None,
            actor_in_headline=named,
            actor_is_topic=actor is not None and topic is not None and actor.id == topic.id,
            in_lead=event.span[0] < lead_end,
            article_events=count,
        )

    def _anaphoric_nominal(self, event: Event) -> bool:
        """ "the NATO attacks", "this week's strikes": a definite noun for an act already told,
        whatever modality or date its own sentence suggests."""
        span = self.doc.char_span(event.span[0], event.span[1], alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        token = span.root
        return token.pos_ == "NOUN" and any(
            (c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS) or c.dep_ == "poss"
            for c in token.children
        )

    def _mark_headline(self, events: list[Event]) -> None:
        """The headline tells an event when it has a word of the trigger's stem and names its
        actor ("Germany bans Mahan Air" over "Germany on Monday banned ..."); the first such
        event in the body takes the headline span."""
        if not self.headline:
            return
        lowered = self.headline.lower()
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(self.headline)]
        taken: set[int] = set()
        for event in events:
            stem = _stem(event.trigger.split()[-1])
            actor = self.entities.get(event.actor_entity)
            names = [actor.name, *actor.aliases] if actor is not None else [event.actor or ""]
            state = self._state_in_name(actor) if actor is not None else None
            if state is not None:
                # "US announces restrictions" over "the U.S. Department of Transportation announced"
                names.extend([state.name, *state.aliases])
            if event.actor and not any(n and n.lower() in lowered for n in names):
                continue
            for start, end, word in words:
                if start not in taken and _stem(word) == stem:
                    event.headline_span = (start, end)
                    taken.add(start)
                    break

    def _headline_party(self) -> Entity | None:
        """The state or body a headline names first ("United States Imposes Sanctions ...")."""
        if not self.headline:
            return None
        lowered = self.headline.lower()
        best: tuple[int, Entity] | None = None
        for entity in self._states() + [e for e in self.entities.entities if e.type == "ORG"]:
            for name in (entity.name, *entity.aliases):
                at = lowered.find(name.lower()) if len(name) > 2 else -1
                if at >= 0 and (best is None or at < best[0]):
                    best = (at, entity)
        return best[1] if best is not None else None

    def _rule_for(self, token: Token, rules: tuple[TriggerRule, ...]) -> TriggerRule | None:
        pos = "NOUN" if token.pos_ == "PROPN" else token.pos_
        for rule in rules:
            if pos not in rule.pos:
                continue
            first = rule.first_word
            if first and not any(c.lower_.startswith(first) for c in token.lefts):
                continue
            if holds(rule, token, self.ctx):
                return rule
        return None

    # -- one event -------------------------------------------------------------------------

    def _add(self, token: Token, rule: TriggerRule) -> None:
        etype = rule.type
        if rule.requires in {"condemning_predicate", "condemning_predicate_of_deed"}:
            self._add_condemnation(token, rule)
            return
        if etype == "WEAPONS_TEST" and self._fired_to_strike(token):
            return
        sides = self._sides(token)
        if sides is not None:
            (actor, target), via_order = sides, False
            if etype in STATE_ACTS:
                # "the two sides agreed to hold a joint exercise": the ministers' states drill
                actor, target = self._state_of(actor), self._state_of(target)
        else:
            actor, via_order = self._actor(token, etype)
            if etype in STATE_ACTS:
                actor = self._as_state(actor, etype)
            if rule.requires == "threat_content" and (actor is None or actor.entity is None):
                # "Iran will retaliate, the spokesman said": the unnamed voice speaks for Iran
                actor = self._stated_intent_party(token) or actor
            target = self._target(token, etype, actor)
        if (
            etype in SPEECH_ACTS
            and actor is not None
            and target is not None
            and target.entity is not None
            and actor.entity is not None
            and actor.entity.type == "PERSON"
            and self._affiliation(actor.entity) is target.entity
        ):
            target = None  # "Iran will take countermeasures, its spokesman said": not at Iran
        if actor is not None and not _can_do(actor.entity, etype):
            actor = None  # a news agency reports a test, it does not carry one out
        joint = etype == "MILITARY_EXERCISE" and token.pos_ == "NOUN"
        if actor is None and (
            etype in SYMMETRIC or rule.reciprocal or (joint and parties_beside(token, self.ctx))
        ):
            # "talks between India and Pakistan": the first party acts, the next is the target
            actor = self._participant(token, None)
            if actor is not None and target is not None and target.name == actor.name:
                target = self._participant(token, target)
        if actor is not None and target is None and etype in SYMMETRIC and token.pos_ == "VERB":
            # "Indian and Pakistani ministers met": the other party the subject names
            subject = subject_of(token)
            other = next(
                (
                    e
                    for e in (owners_named(subject, self.ctx) if subject is not None else [])
                    if e.name != actor.name
                ),
                None,
            )
            if other is not None:
                target = Argument(other.name, other, None)
        if actor is None and etype in PARTY_EVENTS:
            # "The agreement is scheduled to be signed on Monday": the parties of the talks
            # about that agreement, told just before
            actor, target = self._parties_of_earlier(token, actor, target)
        if actor is None and target is not None and target.entity is not None:
            # "the plans to attack Iran" after "a U.S. attack on Iran": the same act told again
            earlier = next(
                (
                    e
                    for e in reversed(self.events)
                    if e.type == etype and e.target_entity == target.entity.id and e.actor
                ),
                None,
            )
            if earlier is not None:
                _add_mention(earlier, self._trigger_span(token))
                return
        if actor is None and not self._agentless_attack(token, etype, target):
            # who did it is the core of an event; only an attack on a named target is worth
            # keeping without it ("a bomb exploded at the parade, killing a policeman")
            return
        if etype == "ATTACK" and self._told_by_cause(token):
            return
        earlier = self._re_mention(token, etype, actor) or self._participle_of_same(
            token, etype, actor
        )
        if earlier is not None:
            _add_mention(earlier, self._trigger_span(token))
            return
        if etype == "ATTACK" and self._threatened(token):
            return
        actors = [actor]
        joint = any(c.lower_ in {"joint", "combined", "bilateral"} for c in token.children)
        if actor is not None and etype not in SYMMETRIC and not rule.reciprocal:
            others = self._coordinated(actor) or self._co_parties(actor)
            # two states' exercise is a joint one ("Chilean and Peruvian warships held drills")
            joint = joint or etype == "MILITARY_EXERCISE"
            if joint and others and target is None:
                # "Japan and Australia held joint exercises": one event, the partner as target
                target = others[0]
            else:
                actors.extend(others)
        for one_actor in actors:
            self._emit(token, rule, one_actor, target, via_order=via_order)

    def _add_condemnation(self, token: Token, rule: TriggerRule) -> None:
        """ "The ministry said the strike was a violation of ...", "Ankara called the raids a
        crime": whoever says it accuses whoever did the thing condemned."""
        found = condemned(token, self.lex) or self._owned_deed_judged(token)
        if found is None:
            return
        verb, thing = found
        if verb is not None:
            subject = subject_of(verb)
            actor = self._speaking(subject) if subject is not None else None
        else:
            actor = self._statement_voice(token, self._speaker_of(token))
        if actor is None or self._authorless_text(actor):
            return  # an evaluation nobody is said to make is the article's, not an accusation
        target = self._condemned_party(token, thing)
        if target is not None and target.name == actor.name:
            return  # "it was a mistake," the ministry said of its own strike: an admission
        sentence = self.ctx.sentences.of(token)
        for earlier in reversed(self.events):
            # "condemned the drills as a reckless provocation", or the speaker's judgement told
            # again with no other party: one accusation
            if earlier.type != rule.type or earlier.actor != actor.name:
                continue
            same_sentence = earlier.sentence_span == (sentence.start_char, sentence.end_char)
            if same_sentence or target is None or earlier.target == target.name:
                _add_mention(earlier, self._trigger_span(token))
                if earlier.target is None and target is not None:
                    earlier.target = target.name
                    earlier.target_entity = target.entity.id if target.entity else None
                return
        self._emit(token, rule, actor, target, via_order=False)

    def _authorless_text(self, speaker: Argument) -> bool:
        """ "Reports claimed ...", "a statement said ...": a text with no author named."""
        if speaker.entity is not None:
            return False
        words = speaker.name.lower().split()
        last = words[-1] if words else ""
        documents = self.lex.words("document_nouns")
        return len(words) <= 2 and (last in documents or last.removesuffix("s") in documents)

    def _speaking(self, subject: Token) -> Argument | None:
        """Whoever can speak, named or described ("the minister"), as a claim's source is."""
        found = self._owner_if_unnamed(self._arg(subject), subject)
        if found is not None or subject.pos_ == "PRON":
            return found
        source = source_for_token(self.doc, subject, self.entities)
        if source is None:
            return None
        entity = self.entities.get(source.entity) if source.entity else None
        document = subject.lemma_.lower() in self.lex.words("document_nouns")
        if entity is None and document and source.name.lower().endswith(subject.lower_):
            return None  # "a statement denounced ...": the text, whose author is not named
        return Argument(source.name, entity, phrase_span(subject))

    def _owned_deed_judged(self, token: Token) -> tuple[None, Token] | None:
        """The owned deed an evaluative adjective judges (``owned_deed_judged``), when an
        attributed statement says it: the narrator's own adjectives judge nobody."""
        deed = owned_deed_judged(token, self.ctx)
        if deed is None:
            return None
        _index, claim = self._claim_of(token)
        if claim is None or not claim.sources:
            return None
        return None, deed

    def _condemned_party(self, word: Token, thing: Token | None) -> Argument | None:
        """Who did what is condemned: the doer of the act ("Seoul's drills", "the raids by
        the army", "North Korea fired ... in violation of"), the party itself, or a by-phrase
        on the predicate ("a provocation by Seoul")."""
        predicate = word.head if word.dep_ in {"amod", "compound"} else word
        by_predicate = self._named_by(predicate)
        if by_predicate is not None or thing is None:
            return by_predicate
        act = thing.pos_ in {"VERB", "AUX"}
        if act:
            subject = subject_of(thing)
            if subject is None:
                return None
            thing = subject  # "North Korea fired ... in violation of": who fired
        found = self._arg(thing)
        if found is not None and (found.entity is not None or act):
            return found
        for child in thing.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                entity = entity_of(child, self.entities)
                if entity is not None and entity.type in ACTOR_TYPES:
                    return Argument(entity.name, entity, phrase_span(child))
        return self._named_by(thing)

    def _named_by(self, node: Token) -> Argument | None:
        """The named party of a by-phrase on ``node`` ("a provocation by Seoul")."""
        for agent in prep_objects(node, frozenset({"by"})):
            found = self._arg(agent)
            if found is not None and found.entity is not None:
                return found
        return None

    def _parties_of_earlier(
        self, token: Token, actor: Argument | None, target: Argument | None
    ) -> tuple[Argument | None, Argument | None]:
        """A definite agreement noun ("the agreement", "the deal") as the trigger's argument
        refers to the one the parties of the latest talks or agreement worked on."""
        nouns = self.lex.words("agreement_nouns")
        held = [token] if token.pos_ != "VERB" else [direct_object(token)]
        if token.dep_ == "xcomp":
            # "the agreement is scheduled to be signed": the raised subject
            held.extend(c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"})
        definite = any(
            noun is not None
            and noun.lemma_.lower() in nouns
            and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in noun.children)
            for noun in held
        )
        if not definite:
            return actor, target
        for event in reversed(self.events):
            if event.type in PARTY_EVENTS and event.actor_entity is not None:
                first = self.entities.get(event.actor_entity)
                second = self.entities.get(event.target_entity)
                if first is None:
                    continue
                return (
                    Argument(first.name, first, None),
                    Argument(second.name, second, None) if second is not None else target,
                )
        return actor, target

    def _threatened(self, token: Token) -> bool:
        """ "threatened to strike its nuclear facilities", "vowed to continue attacks": the
        attack is what the threat says, told by the THREATEN event, not an event of its own."""
        node = token
        for _ in range(3):
            if node.dep_ not in {"xcomp", "ccomp", "dobj", "obj"} or node.head.i == node.i:
                return False
            node = node.head
            event = self._by_token.get(node.i)
            if event is not None and event.type == "THREATEN":
                return True
        return False

    def _participle_of_same(self, token: Token, etype: str, actor: Argument | None) -> Event | None:
        """ "carried out hundreds of strikes, hitting army depots": a participle that continues
        an event of the same type and actor in its sentence tells that event again."""
        if token.dep_ != "advcl" or token.tag_ != "VBG" or subject_of(token) is not None:
            return None
        sent = self.ctx.sentences.of(token)
        name = actor.name if actor else None
        return next(
            (
                e
                for e in self.events
                if e.type == etype
                and e.actor == name
                and e.sentence_span == (sent.start_char, sent.end_char)
            ),
            None,
        )

    def _agentless_attack(self, token: Token, etype: str, target: Argument | None) -> bool:
        """An attack told without its author is kept when it hits a named party or place
        ("shells fell on Kharkiv") or, as the clause's own verb, people ("a roadside bomb
        killed a Dutch soldier"); a bare passive with no one hit named ("the ship was hit")
        is background more often than an event a reader can track."""
        if etype != "ATTACK" or target is None:
            return False
        if target.entity is not None:
            return True
        people = self.lex.words("individual_nouns") | self.lex.words("people_nouns")
        return token.pos_ == "VERB" and target.text.split()[-1].lower().rstrip("s") in people

    def _owner_if_unnamed(self, found: Argument | None, noun: Token) -> Argument | None:
        """ "Ukraine's air force", "its navy": an unnamed agent acts for its named owner."""
        if found is not None and found.entity is not None:
            return found
        for child in noun.children:
            if child.dep_ in {"compound", "amod"}:
                # "Yemen's Houthi rebels": the group the modifier names, not the state;
                # "Iraq's Kurdish fighters" stay the fighters the phrase describes
                named = entity_of(child, self.entities, coref=False)
                if named is not None and named.type == "ORG":
                    return Argument(named.name, named, phrase_span(noun))
                if named is not None and named.type == "NORP":
                    return found
        # "Ostland's opposition", "Iran's proxies": not the state itself
        non_state = noun.lemma_.lower() in self.lex.words("non_state_agents")
        for child in noun.children:
            if child.dep_ == "poss" and non_state:
                continue
            if child.dep_ == "poss" and child.lower_ == "whose":
                # "the Third Army Corps, whose troops fought off the rebels": the troops are
                # the corps' own, so they act for whoever the corps act for
                antecedent = _relative_antecedent(child)
                if antecedent is not None:
                    owner = self._owner_if_unnamed(self._arg(antecedent), antecedent)
                    return owner if owner is not None else found
            elif child.dep_ == "poss":
                owner = self._arg(child)
                if owner is not None and owner.entity is not None:
                    return owner
        for pobj in prep_objects(noun, frozenset({"of", "from"})):
            # "the commander of the Revolutionary Guard's navy", "warplanes from the army"
            owner = self._owner_if_unnamed(self._arg(pobj, agents_only=False), pobj)
            if owner is not None and owner.entity is not None and owner.entity.type in ACTOR_TYPES:
                return owner
        return found

    def _sides(self, token: Token) -> tuple[Argument | None, Argument | None] | None:
        """ "The two sides agreed", "the ministers also signed": the actor and partner of the
        meeting reported last (the parse alone cannot say who "the two sides" are)."""
        node = token
        if token.pos_ != "VERB":
            if token.dep_ not in {"dobj", "obj"} or token.head.pos_ != "VERB":
                return None
            node = token.head  # "the ministers also signed an agreement"
        while node.dep_ == "xcomp" and node.head.i != node.i:
            node = node.head  # "the ministers are expected to meet"
        subject = subject_of(node) or next(
            (c for c in node.children if c.dep_ == "nsubjpass"), None
        )
        if subject is None or subject.lemma_.lower() not in PARTY_NOUNS:
            return None
        plural = subject.tag_ in {"NNS", "NNPS"} or any(
            c.lower_ in {"two", "both"} for c in subject.children
        )
        if not plural or entity_of(subject, self.entities) is not None:
            return None
        states_only = subject.lemma_.lower() == "country"
        for event in reversed(self.events):
            if event.type in PARTY_EVENTS and event.actor_entity and event.target_entity:
                actor, target = (
                    self.entities.get(event.actor_entity),
                    self.entities.get(event.target_entity),
                )
                if actor is None or target is None:
                    continue
                if states_only and not (actor.type == "GPE" and target.type == "GPE"):
                    continue
                return Argument(actor.name, actor, None), Argument(target.name, target, None)
        return None

    def _state_of(self, party: Argument | None) -> Argument | None:
        if party is None or party.entity is None or party.entity.type != "PERSON":
            return party
        state = self._affiliation(party.entity)
        return Argument(state.name, state, party.span) if state is not None else party

    def _as_state(self, actor: Argument | None, etype: str) -> Argument | None:
        """An organ of a state ("Russia's Defense Ministry", "U.S. Treasury Department") as the
        state it acts for; organisations that are no state's organ stay as they are."""
        if actor is None or actor.entity is None:
            return actor
        if actor.entity.type == "PERSON" and etype in OFFICIALS_ACT_FOR_STATE:
            return self._state_of(actor)
        if actor.entity.type != "ORG":
            return actor
        entry = load_gazetteer().entries.get(f"ORG/{actor.entity.name}")
        if entry is not None and entry.kind == "armed_group":
            return actor  # "Lebanon's Hezbollah fired": an armed group acts for no state
        if self._described_as(actor.entity, self.lex.words("commercial_nouns")):
            return actor  # "Iranian airline Mahan Air": a company is no organ of its state
        state = self._affiliation(actor.entity)
        if state is not None and etype != "SANCTION" and _names_state(actor.entity, state):
            # "the Missile Administration of the DPRK test-fired": a named organ whose own name
            # holds the state acts under its name (like "the Pentagon moved 18 warships")
            return actor
        if state is None and etype == "SANCTION":
            # sanctions are a state's legal act whichever office announces them; other acts
            # keep a named office as actor ("the Pentagon moved 18 warships")
            state = self._state_in_name(actor.entity)
        return Argument(state.name, state, actor.span) if state is not None else actor

    def _state_in_name(self, org: Entity) -> Entity | None:
        """The state a name starts with ("U.S. Treasury Department", "Chinese coast guard",
        "United States Department of the Treasury")."""
        words = org.name.split()
        if len(words) < 2:
            return None
        first = re.sub(r"['\u2019]s$", "", words[0].lower())
        letters = first.replace(".", "")
        if not first:
            return None
        # "United States Department of the Treasury": the gazetteer's name or adjective of a
        # state at the start of the name
        named = state_named_first(org.name)
        found = self.entities.by_name(named) if named is not None else None
        if found is not None and found.type == "GPE":
            return found
        for entity in self._states():
            names = {entity.name.lower(), *(a.lower() for a in entity.aliases)}
            # "U.S." / "UK": the initials of the state's name
            initials = "".join(w[0] for w in entity.name.lower().split())
            if first in names or (len(letters) >= 2 and letters == initials):
                return entity
        return None

    def _states(self) -> list[Entity]:
        if self._state_list is None:
            self._state_list = [e for e in self.entities.entities if e.type == "GPE"]
        return self._state_list

    def _co_parties(self, actor: Argument) -> list[Argument]:
        """ "Chilean and Peruvian warships", "US and British forces": every state named inside
        the actor's phrase takes part (joint acts have all parties)."""
        if actor.span is None or actor.entity is None or actor.entity.type != "GPE":
            return []
        out: list[Argument] = []
        for _s, _e, entity in self.entities.within(actor.span[0], actor.span[1]):
            fresh = all(o.name != entity.name for o in out)
            if entity.type == "GPE" and entity.id != actor.entity.id and fresh:
                out.append(Argument(entity.name, entity, actor.span))
        return out

    def _coordinated(self, actor: Argument) -> list[Argument]:
        """ "Zambia, Mozambique and Botswana denied": every conjunct acts."""
        if actor.span is None:
            return []
        span = self.doc.char_span(actor.span[0], actor.span[1], alignment_mode="expand")
        if span is None:
            return []
        out: list[Argument] = []
        stack = [c for c in span.root.children if c.dep_ == "conj"]
        while stack:
            conj = stack.pop(0)
            stack.extend(c for c in conj.children if c.dep_ == "conj")
            entity = entity_of(conj, self.entities)
            if entity is not None and entity.type in ACTOR_TYPES and entity.name != actor.name:
                out.append(Argument(entity.name, entity, phrase_span(conj)))
        return out

    def _coordinated_twin(self, token: Token, etype: str, actor: Argument | None) -> Event | None:
        """ "attacked and destroyed the platform": a verb coordinated with a trigger of the same
        type and actor names the same event."""
        if token.dep_ != "conj" or token.pos_ != "VERB":
            return None
        twin = self._by_token.get(token.head.i)
        if twin is None or twin.type != etype or twin.actor != (actor.name if actor else None):
            return None
        return twin

    def _object_twin(
        self, token: Token, etype: str, actor: Argument | None, target: Argument | None
    ) -> Event | None:
        """ "signed an agreement with Haiti", "held talks with Peru": a noun of the same event
        as the object of its verb is the verb's own event (the noun may add the partner); "to
        fight Russia's assault" is the other side's act, an event of its own."""
        if token.pos_ != "NOUN" or token.dep_ not in {"dobj", "obj"}:
            return None
        host = self._by_token.get(token.head.i)
        if host is None or host.type != etype:
            return None
        if actor is not None and actor.name != host.actor:
            return None
        if (
            target is not None
            and target.entity is not None
            and host.target_entity is not None
            and target.name != host.target
        ):
            return None
        return host

    def _framing_twin(self, token: Token, etype: str, actor: Argument | None) -> Event | None:
        """ "killed 15 militants in a raid", "during the assault, troops seized the bridge": the
        act an 'in'/'during' phrase names on a verb of the same type is the verb's own event."""
        host: Event | None = None
        if token.pos_ in {"NOUN", "PROPN"} and token.tag_ != "NNS":
            # ("hit two ships in attacks overnight": acts in the plural may be several events)
            prep = token.head
            if token.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in _FRAMING_PREPS:
                host = self._by_token.get(prep.head.i)
        elif token.pos_ == "VERB":
            host = next(
                (
                    self._by_token[o.i]
                    for p in token.children
                    if p.dep_ == "prep" and p.lower_ in _FRAMING_PREPS
                    for o in p.children
                    if o.dep_ == "pobj" and o.tag_ != "NNS" and o.i in self._by_token
                ),
                None,
            )
        if host is None or host.type != etype:
            return None
        if actor is not None and host.actor is not None and host.actor != actor.name:
            return None
        return host

    def _emit(
        self,
        token: Token,
        rule: TriggerRule,
        actor: Argument | None,
        target: Argument | None,
        *,
        via_order: bool,
    ) -> None:
        etype = rule.type
        twin = (
            self._coordinated_twin(token, etype, actor)
            or self._framing_twin(token, etype, actor)
            or self._object_twin(token, etype, actor, target)
        )
        if twin is not None:
            _add_mention(twin, self._trigger_span(token))
            if twin.actor is None and actor is not None:
                twin.actor = actor.name
                twin.actor_entity = actor.entity.id if actor.entity else None
            if twin.time is None:
                # "During the raid, troops killed six": the verb's clause may carry the date
                twin.time = self._time(token, self.ctx.sentences.of(token), etype, twin.modality)
            if twin.target is None and target is not None:
                twin.target, twin.target_entity = (
                    target.name,
                    target.entity.id if target.entity else None,
                )
            return
        modality = modality_of(token, self.lex, speech_act=etype in SPEECH_ACTS)
        claim_index, claim = self._claim_of(token)
        if modality == "actual" and claim is not None and claim.hedged:
            modality = "hypothetical"
        if (via_order or rule.promised) and modality == "actual":
            modality = "planned"
        if etype == "THREATEN" and modality == "planned":
            # a threat of future action is itself made now ("warned it would retaliate")
            modality = "actual"
        obj = self._object(token, etype)
        location = location_of(token, self.entities)
        sent = self.ctx.sentences.of(token)
        trigger_start, end = self._trigger_span(token)
        event_id = f"v{len(self.events) + 1}"
        self._phrases[event_id] = self._phrase(token)
        self.events.append(
            event := Event(
                id=event_id,
                type=etype,
                trigger=self.text[trigger_start:end],
                span=(trigger_start, end),
                actor=actor.name if actor else None,
                actor_entity=actor.entity.id if actor and actor.entity else None,
                target=target.name if target else None,
                target_entity=target.entity.id if target and target.entity else None,
                object=obj,
                location=location.name if location else None,
                time=self._time(token, sent, etype, modality),
                modality=modality,
                sources=[SourceRef(s.name, s.entity, s.cue) for s in claim.sources]
                if claim
                else [],
                claim=claim_index,
                plover=self._plover(etype, token, target),
                sentence_span=(sent.start_char, sent.end_char),
                mentions=[(trigger_start, end)],
            )
        )
        self._by_token.setdefault(token.i, event)
        for harm in self._harm_mentions.pop(token.i, []):
            self._fold_harm(event, harm)
        self._evidence[event_id] = Evidence(
            verb_trigger=token.pos_ == "VERB",
            bare_trigger=rule.requires is None,
            background_clause=_in_background_clause(token),
        )

    def _time(self, token: Token, sent: Span, etype: str, modality: str) -> EventTime | None:
        """The time expression in the event's clause, else its governing clause's (both in
        ``event_time``), else an earlier mention's, else the article's day for the lead's main
        event, else the tense's vague reference (or none)."""
        reaction = reacted_to(token, self.lex)
        found = event_time(
            token,
            sent,
            modality,  # type: ignore[arg-type]  # one of MODALITIES
            self.times,
            anchor=self.anchor,
            own_phrase=reaction,
        )
        if found is not None and found.value not in VAGUE_TIMES:
            return found
        inherited = self._inherited_time(token, etype)
        if inherited is not None:
            return inherited
        if not reaction and self._lead_main_event(token, sent, modality):
            day = self.anchor.isoformat() if self.anchor else None
            return EventTime(value=day, start=day, end=day)
        return found or _perfect_time(token, modality)

    def _lead_main_event(self, token: Token, sent: Span, modality: str) -> bool:
        """The lead (the first sentence that tells something) reports its main event on the
        day of the article: "The United States is designating five entities for sanctions"."""
        if self.anchor is None or modality != "actual":
            return False
        if self._lead_start is None:
            self._lead_start = next(
                (
                    s.start
                    for s in self.ctx.sentences.spans
                    if s.root.pos_ in {"VERB", "AUX"} and subject_of(s.root) is not None
                ),
                -1,
            )
        if sent.start != self._lead_start:
            return False
        clause = token if token.pos_ in {"VERB", "AUX"} else token.head
        if token.pos_ not in {"VERB", "AUX"} and token.dep_ not in {"dobj", "obj", "nsubj"}:
            return False
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        reported = (
            clause.dep_ == "ccomp"
            and clause.head.i == sent.root.i
            and sent.root.lemma_.lower() in self.lex.words("report_verbs")
        )
        if clause.i != sent.root.i and not reported:
            # ("New Zealand has imposed sanctions, the prime minister said": the content is the
            # lead's news)
            return False
        # told as happening or just done ("has imposed sanctions" in a lead is today's news)
        if clause.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN"}:
            return False
        # not as background ("had long developed", "has been developing for years")
        return not any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children) and not any(
            c.dep_ in {"npadvmod", "advmod"} and c.lower_ in {"long", "always", "ever"}
            for c in clause.children
        )

    def _trigger_span(self, token: Token) -> tuple[int, int]:
        return self._trigger_start(token), token.idx + len(token)

    def _trigger_start(self, token: Token) -> int:
        doc = token.doc
        # "test-fired" and "test launch" read as one trigger
        if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "test":
            return doc[token.i - 2].idx
        if (
            token.i >= 1
            and doc[token.i - 1].lower_ == "test"
            and doc[token.i - 1].head.i == token.i
        ):
            return doc[token.i - 1].idx
        first = self._first_word(token)
        return first.idx if first is not None else token.idx

    def _first_word(self, token: Token) -> Token | None:
        """The first word of a two-word trigger ("war games", "port call") before its head."""
        firsts = {
            r.first_word for r in self.lex.triggers.get(token.lemma_.lower(), ()) if r.first_word
        }
        return next((c for c in token.lefts if c.dep_ == "compound" and c.lower_ in firsts), None)

    def _plover(self, etype: str, token: Token, partner: Argument | None) -> str | None:
        entry = self.lex.plover.get(etype, {})
        joint = partner is not None or any(c.lower_ == "joint" for c in token.children)
        if etype == "MILITARY_EXERCISE" and joint:
            # an exercise with a partner state is cooperation (ONTOLOGY.md: COOPERATE (joint))
            return entry.get("plover_joint") or entry.get("plover")
        return entry.get("plover") or None

    # -- actor -----------------------------------------------------------------------------

    def _arg(self, token: Token, *, agents_only: bool = True) -> Argument | None:
        if token.lower_ in FIRST_PERSON and token.pos_ == "PRON":  # "the US" is no "us"
            speaker = self._speaker_of(token)
            plural = token.lower_ in NARRATOR_PRONOUNS
            if (
                speaker is not None
                and plural
                and speaker.entity is not None
                and speaker.entity.type == "PERSON"
                and not self._in_quote(token)
            ):
                # the "we" of a statement issued under an official's name (not quoted from
                # them) is the body they speak for: their state, else the party the article
                # has had act most; a quoted "we" stays the speaker
                state = self._affiliation(speaker.entity)
                if state is not None:
                    return Argument(state.name, state, None)
                return self._narrator(token, in_claim=True) or speaker
            if speaker is not None:
                return speaker
            if plural:
                return self._narrator(token)
        found = argument(token, self.entities, self.lex, agents_only=agents_only)
        if found is not None and found.entity is None and token.pos_ == "NOUN":
            return self._earlier_owner(token) or self._topic_organ(token, found) or found
        if found is None and token.pos_ == "NOUN":
            # "the airline" after "Iranian airline Mahan Air": a body's kind names it again
            return self._earlier_described(token)
        return found

    def _topic_organ(self, token: Token, found: Argument) -> Argument | None:
        """ "security forces", "the authorities" with no owner named: the organs of the state
        the article is about (the state it names most)."""
        organs = self.lex.words("domestic_organs")
        named = token.lemma_.lower() in organs or any(
            c.dep_ == "compound" and c.lemma_.lower() in organs for c in token.children
        )  # "the police", "security forces"
        if not named:
            return None
        non_state = self.lex.words("non_state_agents")
        if any(
            c.dep_ in {"poss", "amod", "compound"}
            and (c.pos_ != "NOUN" or c.lemma_.lower() in non_state)
            for c in token.children
        ):
            # "rebel police", "rebel forces", "Kurdish security forces": not the state's
            return None
        state = self._topic_state()
        if state is None or _is_city(state):
            return None  # a story about Fallujah: its troops are not the city's
        return Argument(state.name, state, found.span)

    def _topic_state(self) -> Entity | None:
        if self._topic is None:
            states: list[Entity] = self._states()
            self._topic = False
            if states:
                topic: Entity = max(states, key=_prominence)
                self._topic = topic
        return self._topic or None

    def _earlier_owner(self, noun: Token) -> Argument | None:
        """ "the ministry" after "Taiwan's defense ministry said ...": a definite agent noun is
        the owned one named earlier, and acts for its owner."""
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in noun.children):
            return None
        lemma = noun.lemma_.lower()
        for i in range(noun.i - 1, max(-1, noun.i - 400), -1):
            earlier = self.doc[i]
            if earlier.lemma_.lower() != lemma:
                continue
            for child in earlier.children:
                if child.dep_ == "poss":
                    owner = entity_of(child, self.entities)
                    if owner is not None and owner.type in {"GPE", "ORG"}:
                        return Argument(owner.name, owner, phrase_span(noun))
            return self._earlier_described(noun)
        return None

    def _earlier_described(self, noun: Token) -> Argument | None:
        """ "the airline" after "Iranian airline Mahan Air": a definite noun for a kind of body
        is the named body the same noun described last."""
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in noun.children):
            return None
        lemma = noun.lemma_.lower()
        for i in range(noun.i - 1, max(-1, noun.i - 400), -1):
            earlier = self.doc[i]
            if earlier.lemma_.lower() == lemma:
                named = self._named_beside(earlier)
                if named is not None:
                    return Argument(named.name, named, phrase_span(noun))
        return None

    def _named_beside(self, noun: Token) -> Entity | None:
        """The organisation a common noun describes beside its name: "airline Mahan Air",
        "Mahan Air, an Iranian airline"."""
        names = [noun.head] if noun.dep_ in {"compound", "nmod", "appos"} else []
        names += [c for c in noun.children if c.dep_ == "appos"]
        for name in names:
            entity = entity_of(name, self.entities) if name.pos_ == "PROPN" else None
            if entity is not None and entity.type == "ORG":
                return entity
        return None

    def _described_as(self, entity: Entity, nouns: frozenset[str]) -> bool:
        """Whether a mention of ``entity`` stands beside one of ``nouns`` ("airline Mahan Air",
        "Mahan Air, a private airline")."""
        for start, end in entity.mentions:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            beside = [*root.children, root.head] if root.dep_ == "appos" else [*root.children]
            if any(
                t.lemma_.lower() in nouns for t in beside if t.i not in range(span.start, span.end)
            ):
                return True
            if any(t.lemma_.lower() in nouns for t in span):
                return True
        return False

    def _in_quote(self, token: Token) -> bool:
        """Inside quotation marks opened earlier in its paragraph."""
        start = self.text.rfind("\n\n", 0, token.idx) + 1
        before = self.text[start : token.idx]
        return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")

    def _narrator(self, token: Token, *, in_claim: bool = False) -> Argument | None:
        """ "We are taking these actions" in no one's quote: the article is the voice of a state
        or body (a press statement); 'we' is the party its narration has had act most so far."""
        _index, claim = self._claim_of(token)
        if claim is not None and not in_claim:
            return None  # a claim with no named source: 'we' is not the narrator's
        named = self._headline_party()
        if named is not None:
            return Argument(named.name, named, None)
        counts: dict[str, int] = {}
        for event in self.events:
            entity = self.entities.get(event.actor_entity)
            if entity is not None and entity.type in {"GPE", "ORG"}:
                counts[entity.id] = counts.get(entity.id, 0) + 1
        if not counts:
            return None
        best = max(counts, key=lambda k: counts[k])
        entity = self.entities.get(best)
        return Argument(entity.name, entity, None) if entity is not None else None

    def _statement_voice(self, token: Token, speaker: Argument | None) -> Argument | None:
        """ "Antony J. Blinken, Secretary of State" over a press statement that says "... are
        in blatant violation of ...": the official signs, the statement speaks for the state
        (the one his title names, else the party its narration has act most). A statement an
        official is reported to have issued ("X issued the following statement:") stays his."""
        if speaker is None or speaker.entity is None or speaker.entity.type != "PERSON":
            return speaker
        if self._in_quote(token) or not any(
            scope.signed
            and scope.start <= token.idx < scope.end
            and scope.source.entity == speaker.entity.id
            for scope in self.statements
        ):
            return speaker
        state = self._affiliation(speaker.entity)
        if state is not None:
            return Argument(state.name, state, None)
        return self._narrator(token, in_claim=True) or speaker

    def _speaker_of(self, token: Token) -> Argument | None:
        """ "We categorically deny ...," the spokeswoman said: 'we' is whoever the claim is from."""
        _index, claim = self._claim_of(token)
        if claim is None or not claim.sources:
            return None
        source = claim.sources[-1]
        entity = self.entities.get(source.entity)
        if entity is not None:
            return Argument(entity.name, entity, None)
        return Argument(source.name, None, None)

    def _actor(self, token: Token, etype: str) -> tuple[Argument | None, bool]:
        """The actor, and whether it was inherited from a leader's order."""
        accused = self._accused_party(token)
        if accused is not None:
            return accused, False
        if token.pos_ == "VERB":
            # ("claims that it had supplied": a perfect with its own subject is no reduced passive)
            reduced = token.dep_ == "acl" and token.tag_ == "VBN" and subject_of(token) is None
            if is_passive(token) or reduced:
                # ("rifles developed by the academy": a reduced passive names its agent too)
                agent = _passive_doer(token)
                if agent is not None:
                    return self._arg(agent), False
                if etype == "DEPLOYMENT":
                    # "Russian forces are stationed in Azerbaijan": forces moved or kept
                    # somewhere with no mover named are their own state's deployment
                    moved = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
                    owner = self._arg(moved) if moved is not None else None
                    if (
                        owner is not None
                        and owner.entity is not None
                        and owner.entity.type == "GPE"
                    ):
                        return owner, False
                if etype == "ATTACK":
                    cause = self._harm_cause(token)
                    if cause is not None:
                        self._harm_causes[token.i] = cause[1]
                        return cause[0], False
            else:
                subject = subject_of(token)
                navy = self._ship_owner(subject) if subject is not None else None
                if navy is not None:
                    # "the aircraft carrier Ronald Reagan arrived": the ship's state moved it
                    return navy, False
                launcher = self._launcher(subject) if subject is not None else None
                if launcher is not None:
                    # "a missile fired by Hezbollah hit a town": whoever fired it struck
                    return launcher, False
                if subject is not None:
                    found = self._owner_if_unnamed(self._arg(subject), subject)
                    governor = self._content_governor(token)
                    if governor is None and subject.head.i != token.i:
                        # "Pakistan said it was ready to test": the subject's own clause
                        governor = self._content_governor(subject.head)
                    if (found is None or found.entity is None) and governor is not None:
                        # "the ministry said its forces had shot down": 'its' is the speaker's
                        found = self._speakers_own(subject, governor) or found
                    if found is None and subject.pos_ == "PRON" and governor is not None:
                        # "Ukraine's air force said it shot down 48 drones", "Iran rejected
                        # claims that it had supplied missiles": 'it' is the speaker
                        speaker = subject_of(governor)
                        if speaker is not None and speaker.pos_ != "PRON":
                            found = self._owner_if_unnamed(self._arg(speaker), speaker)
                    if found is not None:
                        return found, False
                    if etype in SPEECH_ACTS and subject.pos_ != "PRON":
                        # "the rights group accused ...", "the judge denied ...": whoever can
                        # speak accuses or denies
                        return self._speaking(subject), False
        else:
            for ship in prep_objects(token, frozenset({"of"})) + children(token, {"poss"}):
                navy = self._ship_owner(ship)
                if navy is not None:
                    # "the transit of two Australian warships", "the USS Nimitz's port call"
                    return navy, False
            owners = list(token.children)
            quantity = (
                token.head.head
                if token.dep_ == "pobj"
                and token.head.lower_ == "of"
                and token.head.head.lemma_.lower() in QUANTITY_NOUNS
                else None
            )
            if quantity is not None:
                # "the DPRK's series of missile launches": the series' owner launched them
                owners.extend(quantity.children)
            for child in owners:
                if child.dep_ == "poss":
                    governor = token.head
                    if token.dep_ == "pobj" and governor.lower_ in {"for", "in", "during", "at"}:
                        # "met in Hanoi for their second summit"; "arrested two men after their
                        # attack" is someone else's
                        governor = governor.head
                    if (
                        child.pos_ == "PRON"
                        and token.dep_ in {"dobj", "obj", "pobj"}
                        and (governor.pos_ in {"VERB", "AUX"})
                    ):
                        # "the troops continued their advance": the possessor is the subject
                        subject = subject_of(governor)
                        if subject is not None and subject.pos_ != "PRON":
                            found = self._arg(subject)
                            if found is not None:
                                return found, False
                    found = self._arg(child) or self._leaders_state(child)
                    if found is not None:
                        return found, False
            if etype == "DEPLOYMENT":
                # "the deployment of Russian troops to Belarus", "the withdrawal of Ostland's
                # forces": forces are moved by the state they belong to,
                # not by the place they leave ("from Angola")
                for moved in prep_objects(token, frozenset({"of"})):
                    if self.ctx.has_class(moved, FORCE):
                        found = self._owner_if_unnamed(self._arg(moved), moved)
                        if found is not None and found.entity is not None:
                            return found, False
            agents = prep_objects(token, frozenset({"by", "from"}))
            by_participle = _reduced_passive_agent(token)  # "the sanctions imposed by Japan"
            if by_participle is not None:
                agents.append(by_participle)
            relative = _relative_doer(token, self.lex)  # "the sanctions Washington imposed"
            if relative is not None:
                agents.append(relative)
            for complement in prep_objects(token, frozenset({"of"})):
                # "threats of military response by X": the by-phrase often hangs on the complement
                agents.extend(prep_objects(complement, frozenset({"by"})))
            for pobj in agents:
                found = self._arg(pobj)
                if found is not None:
                    return found, False
            modifiers = owners
            if token.i >= 2 and self.doc[token.i - 1].text == "-":
                # "Iraqi counter-attacks" is split counter / - / attacks: share the modifiers
                modifiers.extend(self.doc[token.i - 2].children)
            for child in modifiers:
                if child.dep_ in {"compound", "amod", "nmod"}:
                    # "the U.S.-South Korea exercises": the first state of a hyphened pair
                    pair = [t for t in child.subtree if t.i < child.i and t.pos_ == "PROPN"]
                    for named in [*pair, child]:
                        entity = entity_of(named, self.entities)
                        if etype == "MILITARY_EXERCISE" and _unlisted_name(entity):
                            continue  # "the Ulji Freedom Guardian exercise": its own name
                        if entity is not None and entity.type in ACTOR_TYPES:
                            return Argument(entity.name, entity, phrase_span(child)), False
        return self._climb(token)

    def _ship_owner(self, ship: Token) -> Argument | None:
        """The state whose warship a subject names: by its prefix ("USS") or its modifiers
        ("Chinese warships", "the U.S. aircraft carrier Ronald Reagan")."""
        if not is_warship(ship, self.ctx):
            return None
        # the phrase with its apposed name ("the aircraft carrier USS Nimitz"), not its clauses
        clauses = {"prep", "relcl", "acl"}
        words = [t for t in ship.subtree if not _under(t, ship, lambda n: n.dep_ in clauses)]
        prefixes = load_gazetteer().ship_states
        for word in words:
            if word.text in prefixes:
                name = prefixes[word.text]
                return Argument(name, self.entities.by_name(name), None)
        for word in words:
            if word.i == ship.i or word.dep_ not in {"compound", "amod", "nmod", "poss"}:
                continue
            owner = entity_of(word, self.entities, coref=False)
            if owner is not None and owner.type in {"GPE", "NORP"}:
                return Argument(owner.name, owner, phrase_span(word))
        return None

    def _harm_cause(self, verb: Token) -> tuple[Argument, Token] | None:
        """ "five soldiers were killed in an attack by ELN guerrillas", "... killed in Israel's
        offensive", "... were killed when rebels attacked the town": a harm told in the passive
        with no agent is done by whoever made the attack it happened in (returned with the
        attack's word)."""
        for noun in prep_objects(verb, frozenset({"in", "during", "amid"})):
            if not self._attack_word(noun):
                continue
            found: Argument | None = None
            for child in noun.children:
                if child.dep_ == "poss":
                    found = self._owner_if_unnamed(self._arg(child), child)
            for doer in prep_objects(noun, frozenset({"by"})):
                found = found or self._owner_if_unnamed(self._arg(doer), doer)
            for child in noun.children:
                named = (
                    entity_of(child, self.entities) if child.dep_ in {"amod", "compound"} else None
                )
                if found is None and named is not None and named.type in ACTOR_TYPES:
                    found = Argument(named.name, named, phrase_span(child))
            if found is not None:
                return found, noun
        for clause in children(verb, {"advcl"}):
            if not simultaneous_clause(clause) or not self._attack_word(clause):
                continue
            attacker = passive_agent(clause) if is_passive(clause) else subject_of(clause)
            if attacker is not None and attacker.pos_ != "PRON":
                owner = self._owner_if_unnamed(self._arg(attacker), attacker)
                if owner is not None:
                    return owner, clause
        return None

    def _told_by_cause(self, token: Token) -> bool:
        """ "Nine people were killed when troops shelled the market": the killing and the
        shelling are one attack; the harm's words become a mention of the cause's event (made
        now, or when the cause's own word is reached)."""
        cause = self._harm_causes.get(token.i)
        if cause is None:
            return False
        rule = self._rule_for(cause, self.lex.triggers.get(cause.lemma_.lower(), ()))
        if rule is None or rule.type != "ATTACK":
            return False
        if cause.i in self._by_token:
            self._fold_harm(self._by_token[cause.i], token)
        else:
            self._harm_mentions.setdefault(cause.i, []).append(token)
        return True

    def _fold_harm(self, event: Event, harm: Token) -> None:
        _add_mention(event, self._trigger_span(harm))
        if event.time is None:
            # "were killed on Sunday when rebels attacked": the harm's time is the attack's
            sent = self.ctx.sentences.of(harm)
            event.time = self._time(harm, sent, event.type, event.modality)

    def _attack_word(self, token: Token) -> bool:
        pos = {"VERB", "AUX"} if token.pos_ in {"VERB", "AUX"} else {"NOUN", "PROPN"}
        return any(
            rule.type == "ATTACK" and rule.pos & pos
            for rule in self.lex.triggers.get(token.lemma_.lower(), ())
        )

    def _launcher(self, weapon: Token) -> Argument | None:
        """Who fired the weapon a clause's subject names ("a missile fired by Hezbollah")."""
        if not self._is_weapon(weapon) and self.ctx.word_class(weapon) != "weapon":
            return None
        agent = _reduced_passive_agent(weapon)
        return self._arg(agent) if agent is not None else None

    def _fired_to_strike(self, token: Token) -> bool:
        """ "a missile fired by X hit a town": the firing is the strike the clause reports."""
        weapon = token.head
        if token.dep_ != "acl" or weapon.dep_ not in {"nsubj", "nsubjpass"}:
            return False
        rules = self.lex.triggers.get(weapon.head.lemma_.lower(), ())
        return any(rule.type == "ATTACK" for rule in rules)

    def _accused_party(self, token: Token) -> Argument | None:
        """ "accused Myanmar's army of burning villages", "blamed the rebels for the attack":
        the party accused is who is said to have done the act in the of/for phrase."""
        if token.dep_ not in {"pcomp", "pobj"} or token.head.lower_ not in {"of", "for"}:
            return None
        verb = token.head.head
        accused: Token | None = None
        if verb.dep_ in {"dobj", "obj"} and verb.pos_ in {"NOUN", "PROPN"}:
            # the parser often hangs the of-phrase on the object: "accused [X's army of ...]"
            verb, accused = verb.head, verb
        if verb.pos_ != "VERB" or not verb_lemmas(verb) & self.lex.words("accusation_verbs"):
            return None
        accused = accused or direct_object(verb)
        if accused is None:
            return None
        found = self._arg(accused)
        return found if found is not None and found.entity is not None else None

    def _speakers_own(self, subject: Token, governor: Token) -> Argument | None:
        if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children):
            return None
        speaker = subject_of(governor)
        if speaker is None or speaker.pos_ == "PRON":
            return None
        owner = self._owner_if_unnamed(self._arg(speaker), speaker)
        return owner if owner is not None and owner.entity is not None else None

    def _judged(self, verb: Token) -> bool:
        """A verb of naming with its object's predicate ("called the raids a crime", "described
        the drills as a rehearsal"): the subject judges the act, it does not do it."""
        if verb.lemma_.lower() not in self.lex.words("naming_verbs"):
            return False
        objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        return (
            any(c.dep_ == "oprd" for c in verb.children)
            or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
            or len(objects) > 1
        )

    def _content_governor(self, clause: Token) -> Token | None:
        """The verb whose content ``clause`` is: 'said [it fired]', 'rejected claims [that it had]'."""
        if clause.dep_ == "ccomp":
            return clause.head
        noun = clause.head
        if (
            clause.dep_ == "acl"
            and noun.lemma_.lower() in self.lex.words("claim_nouns")
            and noun.dep_ in {"dobj", "obj"}
        ):
            return noun.head
        return None

    def _climb(self, token: Token) -> tuple[Argument | None, bool]:
        """Follow the governors of an event with no subject of its own to whoever does it."""
        support = self.lex.words("support_verbs")
        control = self.lex.words("control_verbs")
        frames = self.lex.words("frame_nouns")
        node = token
        for _ in range(6):
            dep, head = node.dep_, node.head
            if head.i == node.i:
                return None, False
            if dep in {"dobj", "obj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
                lemmas = verb_lemmas(head)
                stressed = node.lemma_.lower() in frames and bool(
                    lemmas & self.lex.words("emphasis_verbs")
                )
                if stressed:
                    # "Kim stressed the need to mass-produce shells": the one who stresses
                    # the need is set on the act, as a leader setting a task
                    return self._governor_subject(head, ordered=True)
                if not lemmas & support and not lemmas & control:
                    return None, False
                if lemmas & self.lex.words("permission_verbs") and not lemmas & support:
                    return None, False  # "allowed the firing of missiles": not who fires
                if self._judged(head):
                    return None, False  # "Ankara called the raids a violation": not Ankara's raids
                return self._governor_subject(head, ordered=bool(lemmas & control))
            if dep == "compound" and head.pos_ in {"NOUN", "PROPN"}:
                # "a mediation effort", "missile tests": the compound's head carries the phrase
                node = head
                continue
            if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in QUANTITY_NOUNS:
                # "carried out hundreds of air strikes": the quantity stands in for the strikes
                node = head.head
                continue
            if dep == "advcl" and node.tag_ == "VBG" and subject_of(node) is None:
                # "..., hitting army depots": the participle shares its governor's subject
                return self._governor_subject(head, ordered=False)
            if dep in {"pobj", "pcomp"}:
                prep = head
                holder = prep.head
                if holder.pos_ in {"NOUN", "PROPN"} and holder.lemma_.lower() in frames:
                    found = self._noun_holder(holder)
                    if found is not None:
                        return found, False
                    node = holder
                    continue
                if holder.pos_ in {"VERB", "AUX"}:
                    if (
                        holder.lemma_.lower() in self.lex.words("participation_verbs")
                        and is_passive(holder)
                        and passive_agent(holder) is None
                    ):
                        # "Serb forces were engaged in ethnic cleansing": the engaged do it
                        raised = [c for c in holder.children if c.dep_ == "nsubjpass"]
                        if raised:
                            return self._arg(raised[0]), False
                    if holder.lemma_.lower() in self.lex.words("credit_verbs") and prep.lower_ in {
                        "for",
                        "of",
                    }:
                        # "accused Iran of supplying", "commended the UK for agreeing to send":
                        # the one praised or blamed is who did it
                        obj = direct_object(holder)
                        if obj is not None:
                            return self._arg(obj), False
                    if holder.lemma_.lower() in self.lex.words("comment_verbs") and (
                        prep.lower_ != "at"
                    ):
                        # "commenting on the arms sales": not who sells; "spoke at a joint news
                        # conference" is the speaker's own appearance
                        return None, False
                    if prep.lower_ in CLAUSE_PREPS:
                        found_pair = self._governor_subject(holder, ordered=False)
                        if found_pair[0] is not None:
                            return found_pair
                        node = holder
                        continue
                return None, False
            if dep == "xcomp" and head.pos_ in {"VERB", "AUX", "ADJ"}:
                raised = [c for c in head.children if c.dep_ == "nsubjpass"]
                raising = head.lemma_.lower() in self.lex.words("raising_verbs")
                if raised and raising and passive_agent(head) is None:
                    # "a Senate team was scheduled to meet": the raised subject acts
                    return self._arg(raised[0]), False
                if head.lemma_.lower() in control:
                    obj = direct_object(head)
                    if obj is not None:
                        return self._arg(obj), False
                found_pair = self._governor_subject(head, ordered=False)
                if found_pair[0] is not None:
                    return found_pair
                node = head
                continue
            if dep == "acl" and head.lemma_.lower() in frames:
                found = self._noun_holder(head)
                if found is not None:
                    return found, False
                node = head
                continue
            if dep == "acl" and node.tag_ == "VBG" and head.pos_ in {"NOUN", "PROPN"}:
                # "the AU force guarding the port and fighting the militants": an active
                # participle on a noun is done by what the noun names, if it can act
                found = self._owner_if_unnamed(self._arg(head), head)
                return found, False
            if dep == "conj":
                node = head
                if head.pos_ in {"VERB", "AUX"}:
                    return self._governor_subject(head, ordered=False)
                continue
            return None, False
        return None, False

    def _noun_holder(self, noun: Token) -> Argument | None:
        for child in noun.children:
            if child.dep_ == "poss":
                return self._arg(child)
        return None

    def _governor_subject(self, verb: Token, *, ordered: bool) -> tuple[Argument | None, bool]:
        if is_passive(verb):
            agent = passive_agent(verb)
            return (self._arg(agent), False) if agent is not None else (None, False)
        subject = subject_of(verb)
        if subject is None and verb.pos_ == "ADJ" and verb.dep_ == "acomp":
            # "China is ready to work with Brazil": the adjective's copula has the subject
            subject = subject_of(verb.head)
        if subject is None:
            if verb.dep_ in {"xcomp", "acl", "pcomp", "conj"}:
                return self._climb(verb)
            if verb.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
            ):
                # "the bombers flew over the peninsula to stage a drill": a purpose infinitive
                # is done by the subject of the clause it serves
                return self._governor_subject(verb.head, ordered=False)
            return None, False
        # "officials from Sudan's army resumed talks": an unnamed agent acts for its owner
        found = self._owner_if_unnamed(self._arg(subject), subject)
        if (
            found is not None
            and ordered
            and found.entity is not None
            and found.entity.type == "PERSON"
        ):
            state = self._affiliation(found.entity)
            if state is not None:
                return Argument(state.name, state, found.span), True
            return found, True
        return found, ordered

    def _leaders_state(self, noun: Token) -> Argument | None:
        """ "North Korean leader Kim Jong Un ordered ... of the country's production": with no
        antecedent found, "the country" is the state of the leader the clause is about."""
        if noun.lemma_.lower() not in STATE_NOUNS or noun.left_edge.lower_ not in ANAPHORIC_DETS:
            return None
        node = noun
        for _ in range(8):
            if node.pos_ in {"VERB", "AUX"}:
                subject = subject_of(node)
                if subject is not None:
                    person = entity_of(subject, self.entities)
                    if person is not None and person.type == "PERSON":
                        state = self._affiliation(person)
                        if state is not None:
                            return Argument(state.name, state, phrase_span(noun))
                    return None
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def _affiliation(self, person: Entity) -> Entity | None:
        """The state a person is named as serving ("North Korean leader Kim Jong Un")."""
        if person.id not in self._affiliations:
            self._affiliations[person.id] = state_served(person, self.doc, self.entities)
        return self._affiliations[person.id]

    def _participant(self, token: Token, target: Argument | None) -> Argument | None:
        """Talks, agreements, cooperation: the first party named in the phrase ("talks over North Korea's ...")."""
        skip = target.entity.id if target is not None and target.entity is not None else None
        for tok in token.subtree:
            if tok.i == token.i or tok.pos_ not in {"PROPN", "NOUN", "ADJ", "PRON"}:
                continue
            if self._under_place_prep(tok, token):
                continue  # "talks in London": the place, not a party
            if _under(
                tok, token, lambda node: node.dep_ == "pobj" and node.head.lower_ in TOPIC_PREPS
            ):
                continue  # "a call with Moon about North Korea": the topic, not a party
            if token.pos_ == "VERB" and _under(
                tok, token, lambda node: node.dep_ in OTHER_CLAUSES and node.head.i == token.i
            ):
                continue  # "analysts agreed that the strike was a bid by Washington": what is said
            entity = entity_of(tok, self.entities) if tok.pos_ != "NOUN" else None
            if entity is not None and entity.id != skip and not _is_city(entity):
                return Argument(entity.name, entity, phrase_span(tok))
        return None

    @staticmethod
    def _under_place_prep(tok: Token, top: Token) -> bool:
        return _under(
            tok, top, lambda node: node.dep_ == "pobj" and node.head.lower_ in VENUE_PREPS
        )

    # -- target, object ------------------------------------------------------------------------

    def _target(self, token: Token, etype: str, actor: Argument | None) -> Argument | None:
        if etype in {"ACCUSE", "THREATEN"} and token.pos_ == "VERB":
            criticised = self._criticised_event(token)
            if (
                criticised is not None
                and criticised.actor
                and criticised.actor != (actor.name if actor else None)
            ):
                # "exercises, which Pyongyang condemns": the target is who holds the exercises
                entity = self.entities.get(criticised.actor_entity)
                return Argument(criticised.actor, entity, None)
        candidates: list[Token] = []
        preps = TARGET_PREPS.get(etype, frozenset())
        candidates.extend(prep_objects(token, preps))
        if token.pos_ != "VERB" and token.head.pos_ == "VERB" and token.dep_ in {"dobj", "obj"}:
            candidates.extend(prep_objects(token.head, preps))
        if etype == "AGREEMENT" and token.pos_ == "VERB":
            # "agreed to a ceasefire with Azerbaijan": the partner hangs on what was agreed
            for agreed in prep_objects(token, frozenset({"to", "on"})):
                candidates.extend(prep_objects(agreed, preps))
        if etype == "ATTACK" and token.pos_ == "VERB":
            candidates.extend(states_struck_into(token, self.entities))  # "deep into Russia"
        if token.pos_ == "VERB":
            if etype in OBJECT_IS_TARGET or etype == "ORDER":
                obj = direct_object(token)
                aimed = etype == "ATTACK" and bool(prep_objects(token, frozenset({"at"})))
                if aimed and obj is not None and obj.dep_ != "nsubjpass":
                    # "fired 1,000 rounds at the rig": what is fired at something is no target
                    obj = None
                if obj is not None and (obj.dep_ != "nsubjpass" or etype in OBJECT_IS_TARGET):
                    candidates.insert(0, obj)
            candidates.extend(children(token, {"dative"}))
        if etype in SYMMETRIC and actor is not None and actor.span is not None:
            head = self.doc.char_span(actor.span[0], actor.span[1], alignment_mode="expand")
            if head is not None:
                candidates.extend(c for c in head.root.children if c.dep_ == "conj")
        for cand in candidates:
            if cand.lower_ == "what" or cand.ent_type_ in NOT_PARTIES:
                continue
            if etype == "ATTACK" and self._is_weapon(cand):
                continue  # "firing artillery": a weapon is what is used, never who is hit
            found = argument(
                cand, self.entities, self.lex, agents_only=etype not in {"ATTACK", "ORDER"}
            )
            if found is None:
                continue
            if (
                etype == "ORDER"
                and found.entity is None
                and found.text.split()[-1].lower() not in self.lex.words("person_nouns")
            ):
                continue
            if actor is not None and found.name == actor.name:
                continue
            return found
        if etype in {"THREATEN", "ACCUSE"}:
            for clause in children(token, {"ccomp", "xcomp"}):
                subtree = list(clause.subtree)
                entity = first_entity_in(
                    subtree[0].idx,
                    subtree[-1].idx + len(subtree[-1]),
                    self.entities,
                    actor.entity if actor else None,
                )
                if entity is not None:
                    return Argument(entity.name, entity, None)
        return None

    def _is_weapon(self, token: Token) -> bool:
        named = self.entities.at(token.idx, token.idx + len(token))
        if named is not None:
            return named.type == "WEAPON"
        return self.ctx.word_class(token) == "weapon"

    def _denied_claim(self, token: Token) -> str | None:
        """The content of the negative claim this denial voices (the claims stage's reading)."""
        best: tuple[int, Claim] | None = None
        for claim in self.claims:
            if claim.polarity != "negative" or (claim.cue or "").lower() != token.lower_:
                continue
            distance = min(abs(claim.span[0] - token.idx), abs(claim.span[1] - token.idx))
            if distance < 300 and (best is None or distance < best[0]):
                best = (distance, claim)
        return best[1].text if best is not None else None

    def _criticised_event(self, token: Token) -> Event | None:
        """The event an accusation is about, when its object is that event ("condemned the
        tests", "exercises, which X condemns")."""
        obj = direct_object(token)
        if obj is None:
            return None
        if obj.lower_ in {"which", "that"} and token.dep_ == "relcl":
            obj = token.head
        return self._by_token.get(obj.i)

    def _object(self, token: Token, etype: str) -> str | None:
        if etype == "DENY" and token.pos_ == "VERB":
            denied = self._denied_claim(token)
            if denied:
                return denied
        heads: list[Token] = []
        if token.pos_ == "VERB":
            if etype in {"DENY", "ACCUSE", "THREATEN", "ORDER"}:
                heads.extend(children(token, {"ccomp", "xcomp"}))
            obj = direct_object(token)
            if obj is not None and (
                etype not in OBJECT_IS_TARGET or (etype == "ATTACK" and self._is_weapon(obj))
            ):
                heads.append(obj)
        else:
            # "a conversation on Tuesday": a time is when, not what about
            # ("an aid package for Kyiv", "deliveries to Kyiv": the recipient is the target)
            preps = (
                COMPLEMENT_PREPS - TARGET_PREPS["ARMS_TRANSFER"]
                if etype == "ARMS_TRANSFER"
                else COMPLEMENT_PREPS
            )
            heads.extend(o for o in prep_objects(token, preps) if o.ent_type_ not in NOT_PARTIES)
            # "missile launch", "nuclear-weapons test": a noun modifier names the object; an
            # adjective ("fresh sanctions", "joint drills", "seventh launch") never does
            first = self._first_word(token)  # "war games": part of the trigger, no object
            heads.extend(
                c
                for c in token.children
                if c.dep_ in {"compound", "amod", "nmod"} and c.pos_ in {"NOUN", "X"} and c != first
            )
        for head in heads:
            if etype == "DENY" and head.pos_ == "NOUN":
                alleged = self._denied_allegation(head)
                if alleged is not None:
                    return alleged
            if head.pos_ in {"VERB", "AUX"}:
                subtree = list(head.subtree)
                return self.text[subtree[0].idx : subtree[-1].idx + len(subtree[-1])]
            start, end = phrase_span(head)
            for _s, _e, entity in self.entities.within(start, end):
                if entity.type == "WEAPON":
                    return entity.name
            if head.pos_ == "PRON" and head.lower_ not in {"what"}:
                continue
            return self.text[start:end]
        return None

    def _denied_allegation(self, noun: Token) -> str | None:
        """ "denied such claims": the allegation denied is the last hypothetical event before it."""
        if noun.lemma_.lower() not in self.lex.words("claim_nouns"):
            return None
        if not any(
            c.lower_ in ANAPHORIC_DETS for c in noun.children if c.dep_ in {"det", "amod", "predet"}
        ):
            return None
        for earlier in reversed(self.events):
            phrase = self._phrases.get(earlier.id)
            if earlier.modality == "hypothetical" and phrase:
                return f"allegation of {phrase}"
        return None

    def _phrase(self, token: Token) -> str:
        """The trigger with what follows it in its phrase ("supplying arms to Russia")."""
        right = token.right_edge
        while right.i > token.i and (right.is_punct or right.dep_ in {"cc", "advmod"}):
            right = self.doc[right.i - 1]
        return self.text[token.idx : right.idx + len(right)]

    # -- repeated mentions, claims --------------------------------------------------------------

    def _re_mention(self, token: Token, etype: str, actor: Argument | None) -> Event | None:
        """A definite nominal with no complement of its own that names an event already seen:
        in a phrase ("during the visit"), opening a sentence ("Kim's inspections followed"), or
        the object of a verb of watching it ("Kim guided the test-fires" after the test-fires
        were reported: whoever watches is not whoever fires)."""
        if token.pos_ == "VERB":
            return None
        definite = any(
            (c.dep_ in {"det", "amod", "predet"} and c.lower_ in ANAPHORIC_DETS) or c.dep_ == "poss"
            for c in token.children
        )
        if not definite or prep_objects(token, frozenset({"of", "into", "to"})):
            return None
        lemma = token.lemma_.lower()
        if token.dep_ in {"dobj", "obj"}:
            # "Iran launched the new offensive" reports the event; "oversaw the launch" watches it
            if token.head.lemma_.lower() not in self.lex.words("witness_verbs"):
                return None
            for i, earlier in reversed(self._by_token.items()):
                if i < token.i and earlier.type == etype and self.doc[i].lemma_.lower() == lemma:
                    return earlier
            return None
        if token.dep_ not in {"pobj", "nsubj", "nsubjpass"}:
            return None
        for earlier in reversed(self.events):
            if earlier.type != etype:
                continue
            if actor is None or actor.name == earlier.actor:
                return earlier
        return None

    def _claim_of(self, token: Token) -> tuple[int | None, Claim | None]:
        best: tuple[int, int, Claim] | None = None
        start = token.idx
        for index, claim in enumerate(self.claims):
            s, e = claim.span
            if s <= start < e and (best is None or e - s < best[0]):
                best = (e - s, index, claim)
        if best is None:
            return None, None
        return best[1], best[2]


_CONTENT = re.compile(r"[a-z]{3,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
_SUFFIX = re.compile(r"(ing|ed|es|s)$")


def _stem(word: str) -> str:
    """A crude stem for matching a headline word to a trigger ("bans" / "banned" -> "ban")."""
    low = _SUFFIX.sub("", word.lower().split("-")[-1])
    if len(low) > 3 and low[-1] == low[-2]:
        low = low[:-1]  # "banned" -> "bann" -> "ban"
    return low[:5]


def _in_since_clause(token: Token) -> bool:
    """Told in a clause opened by "since" ("the worst fighting since they fought a war in 2006")."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _in_background_clause(token: Token) -> bool:
    """Told in a relative or adverbial clause ("..., which it launched last year")."""
    node = token
    for _ in range(8):
        if node.dep_ in {"relcl", "advcl", "acl"}:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _names_state(org: Entity, state: Entity) -> bool:
    name = f" {org.name.lower()} "
    return any(f" {alias.lower()} " in name for alias in (state.name, *state.aliases) if alias)


def _add_mention(event: Event, span: tuple[int, int]) -> None:
    if span not in event.mentions:
        event.mentions.append(span)


def _perfect_time(token: Token, modality: str) -> EventTime | None:
    """No time in the text, but the perfect ("has carried out strikes", "had deployed its own
    ships", "has previously condemned") puts the event before the report."""
    if modality != "actual":
        return None
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    if going_on(verb, verb.head):
        verb = verb.head  # "has increased its presence, deploying more troops"
    conjunct = verb.dep_ == "conj" and verb.tag_ in {"VBN", "VBD"}
    if verb.pos_ not in {"VERB", "AUX"} or (verb.tag_ != "VBN" and not conjunct):
        return None
    # "has condemned ... and vowed to respond": a conjunct shares the first verb's auxiliary
    holders = [verb, verb.head] if conjunct else [verb]
    for holder in holders:
        if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in holder.children):
            return EventTime(value="PAST_REF")
    return None


# what a kind of organisation in the gazetteer never does: a news outlet only reports acts
# and speaks; an international body does not test, develop, produce or build weapons
_NOT_DONE_BY = {
    "news_outlet": frozenset(EVENT_TYPES) - {"ACCUSE", "DENY", "THREATEN"},
    "international": frozenset(
        {"WEAPONS_TEST", "WEAPONS_DEVELOPMENT", "MILITARY_PRODUCTION", "CONSTRUCTION"}
    ),
}


def _can_do(entity: Entity | None, etype: str) -> bool:
    if entity is None:
        return True
    if entity.type == "GPE":
        return not _is_city(entity)
    if entity.type != "ORG":
        return True
    entry = load_gazetteer().entries.get(f"ORG/{entity.name}")
    return entry is None or etype not in _NOT_DONE_BY.get(entry.kind, frozenset())


def _passive_doer(verb: Token) -> Token | None:
    """The agent of a passive verb: its by-phrase, one the parser hung on an as-phrase
    ("listed as a terrorist group by Turkey"), or the one a joined passive names ("were killed
    and their bodies mutilated by Pakistani troops")."""
    agent = passive_agent(verb)
    if agent is not None:
        return agent
    for as_obj in prep_objects(verb, frozenset({"as"})):
        for by_obj in prep_objects(as_obj, frozenset({"by"})):
            return by_obj
    for conj in children(verb, {"conj"}):
        if is_passive(conj) and (shared := passive_agent(conj)) is not None:
            return shared
    return None


def _relative_doer(noun: Token, lex: EventLexicon) -> Token | None:
    """ "the sanctions (that) Washington imposed last month": the subject of a relative clause
    whose verb does the noun's act to it (a support verb with the noun as its object gap)."""
    support = lex.words("support_verbs")
    for clause in noun.children:
        if not object_gap(clause) or not verb_lemmas(clause) & support:
            continue
        subject = subject_of(clause)
        if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
            return subject
    return None


def _reduced_passive_agent(noun: Token) -> Token | None:
    """ "the sanctions imposed by Japan", "a missile fired by Hezbollah": the agent of a
    participle on the noun ("code-named KN23 by U.S. intelligence" names the thing, no doer)."""
    for participle in noun.children:
        naming = any(c.dep_ == "oprd" for c in participle.children)
        if participle.dep_ == "acl" and participle.tag_ == "VBN" and not naming:
            agent = passive_agent(participle)
            if agent is not None:
                return agent
    return None


def _unlisted_name(entity: Entity | None) -> bool:
    """A name the tagger found as an organisation or a person that no list knows and that
    names no state: before "exercise" it is the exercise's own name ("Vigilant Ace")."""
    if entity is None or entity.type not in {"ORG", "PERSON"}:
        return False
    gazetteer = load_gazetteer()
    return f"{entity.type}/{entity.name}" not in gazetteer.entries


def _is_city(entity: Entity | None) -> bool:
    """A city named as a place ("the Geneva talks", "a meeting in Berlin"): a capital that
    stands for its government was already resolved to the state, so what is left is the venue,
    which takes part in nothing."""
    if entity is None or entity.type != "GPE":
        return False
    gazetteer = load_gazetteer()
    entry = gazetteer.entries.get(f"GPE/{entity.name}")
    return (entry is not None and entry.kind == "city") or (
        entry is None and entity.name in gazetteer.capital_of
    )


# "killed ten people in an attack", "during the raid": the phrase names the verb's own act
_FRAMING_PREPS = frozenset({"in", "during"})


def _same_parties(a: Event, b: Event) -> bool:
    """Same actor and a compatible target; talks between the same two parties in either order."""
    if a.type in SYMMETRIC and a.target and b.target and {a.actor, a.target} == {b.actor, b.target}:
        return True
    if a.actor != b.actor:
        return False
    if a.target == b.target:
        return True
    loose = a.type in SPEECH_ACTS or _same_word(a, b)
    # an unnamed target, or a thing rather than a party ("the platform"), does not tell two apart
    unnamed = (
        a.target is None or b.target is None or a.target_entity is None or b.target_entity is None
    )
    return loose and unnamed


# prepositions that name what talks are about, never who takes part
TOPIC_PREPS = frozenset({"about", "regarding", "concerning"})


def _same_word(a: Event, b: Event) -> bool:
    x, y = a.trigger.split()[-1].lower(), b.trigger.split()[-1].lower()
    # "airstrike" and "the strike", "test-fires" and "test-fire"
    return x[:5] == y[:5] or (min(len(x), len(y)) >= 5 and (x in y or y in x))


def _same_happening(a: Event, b: Event) -> bool:
    """Two mentions describe one happening when the trigger word repeats or the objects agree,
    and they are not placed in two different places ("fighting in Sadr City" is not "the
    offensive in Basra")."""
    if a.location and b.location and a.location != b.location:
        return False
    if _same_word(a, b):
        return True
    if a.object is None or b.object is None:
        # two different words and nothing to compare them by ("the offensive" and "fighting
        # in Sadr City"): a speech act retold is one, two acts of force need more evidence
        return a.type in SPEECH_ACTS or a.object is not b.object
    return bool(set(_CONTENT.findall(a.object.lower())) & set(_CONTENT.findall(b.object.lower())))


def _prominence(entity: Entity) -> tuple[int, int]:
    """Most mentioned first, then the earliest named."""
    return (len(entity.mentions), -min(entity.mentions or [(0, 0)])[0])


def _relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative clause opened by ``pronoun`` ("whose", "which") describes."""
    node = pronoun
    for _ in range(6):
        if node.dep_ == "relcl":
            return node.head
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _under(token: Token, top: Token, hangs: Callable[[Token], bool]) -> bool:
    """Whether ``token`` hangs below ``top`` through a node for which ``hangs`` holds."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if hangs(node):
            return True
        node = node.head
    return False
