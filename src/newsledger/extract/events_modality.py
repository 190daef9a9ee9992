"""Whether an event happened (modality) and when (its own time, not the report's).

Modality: the nearest cue on the way from the trigger up through its governors decides
(``data/events/modality.toml``): a negation on the trigger, a modal or future auxiliary, a
governing verb or noun (ordered -> planned, allegations of -> hypothetical, denied ->
negated), a conditional subordinator, or a failure predicate the event is the subject of
("talks ... made little progress", "remain stalled").

Time: the TIMEX3 expression nearest the trigger in the parse tree within its sentence; else,
when the sentence gives none, FUTURE_REF for a planned event and PRESENT_REF for an event told in
the present tense; else null (no basis in the text).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from spacy.tokens import Span, Token

from newsledger.extract.events_args import RELATIVE_PRONOUNS, object_gap
from newsledger.extract.events_lexicon import EventLexicon, load_lexicon
from newsledger.records import EventTime, Modality, TimeExpression

MAX_HOPS = 10
# edges that leave the trigger's own clause: a cue beyond them governs something else
# ("denied the charges, saying they were a pretext for attacks": the attacks are not denied)
CLAUSE_EXITS = frozenset(
    {"advcl", "relcl", "parataxis", "conj", "attr", "appos", "npadvmod", "acomp"}
)
NOMINAL_DEPS = frozenset({"det", "amod", "advmod"})
SUBORDINATE = frozenset({"ccomp", "xcomp", "advcl", "relcl"})


# clauses that tell background to the clause they hang on
BACKGROUND_CLAUSES = frozenset({"relcl", "acl", "advcl"})
# subordinators of an adverbial clause that happens at its governing clause's time ("were
# injured on Saturday when rebels attacked"); "after", "before", "since" name another time
SIMULTANEOUS_MARKS = frozenset({"when", "while", "whilst", "as"})
# a denial governing a statement ("denied Botha's charges") denies its content, not the speaking
DENIALS = frozenset({"deny", "denial"})


def _cast(value: str) -> Modality:
    if value == "planned":
        return "planned"
    if value == "hypothetical":
        return "hypothetical"
    if value == "negated":
        return "negated"
    return "actual"


def neither_nor(verb: Token) -> bool:
    """Whether a verb is one of "neither X nor Y" ("has neither confirmed nor denied")."""
    first = verb.head if verb.dep_ == "conj" else verb
    return any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children) or (
        verb.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "nor" for c in first.children)
    )


def _own_cue(node: Token, lex: EventLexicon, is_trigger: bool) -> Modality | None:
    """A cue attached to ``node`` itself (negation, auxiliary, mark, hedge modifier).

    Several cues combine: a negation beats a future ("will not negotiate" is negated), a
    possibility beats a negation ("may not attack" is hypothetical).
    """
    found: set[Modality] = set()
    if neither_nor(node):
        found.add("negated")  # "has neither confirmed nor denied"
    for child in node.children:
        dep = child.dep_
        low = child.lower_
        if dep == "neg" or (dep == "det" and low == "no"):
            found.add("negated")
        elif (
            is_trigger
            and node.pos_ == "VERB"
            and dep in {"dobj", "obj"}
            and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
        ):
            found.add("negated")  # "provides no lethal assistance", "sent no troops"
        elif (
            dep in {"amod", "advmod"}
            and low == "more"
            and any(g.lower_ in {"no", "not"} for g in child.children)
        ):
            found.add("negated")  # "no more transfers"
        elif dep in {"aux", "auxpass"} and low in lex.aux:
            found.add(_cast(lex.aux[low]))
        elif dep == "mark" and low in lex.marks:
            found.add(_cast(lex.marks[low]))
        elif dep in NOMINAL_DEPS and lex.governors.get(low) == "hypothetical":
            found.add("hypothetical")
        elif (
            dep == "amod"
            and node.pos_ == "NOUN"
            and child.tag_ == "VBN"
            and child.lemma_.lower() in lex.words("plan_participles")
        ):
            found.add("planned")  # "Nakasone's scheduled visit", "the proposed talks"
    order: tuple[Modality, ...] = ("hypothetical", "negated", "planned")
    for value in order:
        if value in found:
            return value
    return None


def _predicate_cue(node: Token, lex: EventLexicon) -> Modality | None:
    """``node`` is the subject of a failure predicate: "talks stalled", "made little progress"."""
    if node.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    head = node.head
    transitive = any(c.dep_ in {"dobj", "obj"} for c in head.children)
    if (head.lemma_.lower() in lex.predicates or head.lower_ in lex.predicates) and not transitive:
        # ("talks broke down", "the offensive stalled"; "our advances have broken the back of
        # the enemy" is no failure: the verb acts on an object)
        return _cast(lex.predicates.get(head.lemma_.lower()) or lex.predicates[head.lower_])
    for child in head.children:
        low = child.lower_
        if child.dep_ in {"acomp", "attr", "oprd", "xcomp"} and (
            low in lex.predicates or child.lemma_.lower() in lex.predicates
        ):
            return "negated"
        if (
            child.dep_ in {"dobj", "obj"}
            and child.lemma_.lower() in lex.weak_objects
            and any(g.lower_ in lex.weak_quantifiers for g in child.children)
        ):
            return "negated"
    return None


def _calls_for(call: Token) -> bool:
    """ "called for talks", "called on X to stop", "a call to withdraw": asking that something
    be done, not naming it ("called the strikes a crime")."""
    return any(
        (c.dep_ == "prep" and c.lower_ in {"for", "on", "upon"}) or c.dep_ in {"xcomp", "ccomp"}
        for c in call.children
    )


def modality_of(token: Token, lex: EventLexicon, *, speech_act: bool = False) -> Modality:
    """The modality of the event ``token`` triggers.

    ``speech_act``: the event is itself a statement (an accusation, a threat); a denial that
    governs it ("denied Botha's charges") denies the content, not that the statement was made.
    """
    node = token
    cue = _own_cue(node, lex, True) or _predicate_cue(node, lex)
    if cue is not None:
        return cue
    for _ in range(MAX_HOPS):
        head = node.head
        if _blocked_purpose(node, head, lex):
            return "negated"
        if head.i == node.i or node.dep_ in CLAUSE_EXITS:
            break
        if node.dep_ == "prep" and node.lower_ in lex.words("adjunct_prepositions"):
            # "cancelled the visit after the air strike": the strike is not cancelled, nor is
            # "the bombing" refused in "during the bombing, France refused ..."; a modal still
            # reaches it ("would retaliate after an attack": not yet)
            return _adjunct_modality(head, lex)
        lemma = head.lemma_.lower()
        marks = [c.lower_ for c in head.children if c.dep_ == "mark" and c.lower_ in lex.marks]
        if marks:
            # "if he fails in talks": the condition governs before the verb's own meaning
            return _cast(lex.marks[marks[0]])
        value = lex.governors.get(lemma) or lex.governors.get(head.lower_)
        if lemma == "claim" and node.dep_ in {"dobj", "nsubjpass"} and node.pos_ == "NOUN":
            value = None  # "the attack was claimed by X": responsibility, not an allegation
        if lemma == "call" and not _calls_for(head):
            value = None  # "called the attacks a crime" names them; "called for talks" asks
        ruled_out = lemma != "rule" or any(c.lower_ == "out" for c in head.children)
        denial = lemma in DENIALS or value == "negated"
        if value is not None and ruled_out and not (speech_act and denial):
            negated_over = head.pos_ == "NOUN" and any(c.dep_ == "neg" for c in head.head.children)
            if value == "planned" and (negated_over or any(c.dep_ == "neg" for c in head.children)):
                # ("had not announced any plans to remove the troops": no plan, no removal)
                # "said it had not planned to strike": a plan denied is an event that did not happen
                return "negated"
            if value == "planned" and any(
                c.dep_ in NOMINAL_DEPS and lex.governors.get(c.lower_) == "hypothetical"
                for c in head.children
            ):
                # "alleged plans for an attack": a plan only alleged is not known to exist
                return "hypothetical"
            return _cast(value)
        if _spoken_of(node, head, lex):
            # "would not comment on the strikes": the negation is the speaker's silence
            node = head
            continue
        # a negation on a noun up the path ("no basis to the Iranian accusation") is not ours
        cue = _own_cue(head, lex, False) if head.pos_ in {"VERB", "AUX"} else None
        cue = cue or _predicate_cue(head, lex)
        if cue is not None:
            return cue
        node = head
    return "actual"


def reacted_to(token: Token, lex: EventLexicon) -> bool:
    """An event noun that another act reacts to or speaks of: "condemned the drill",
    "protested over the drills", "commented on the launch"."""
    if token.pos_ != "NOUN":
        return False
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "prep":
        # "commented on", "protested against": not "spoke at a conference", nor "responded to
        # a missile strike on Friday" (a response in arms as often as in words)
        topics = lex.words("topic_speech_verbs.modifiers")
        if verb.lower_ not in topics and verb.lower_ != "against":
            return False
        verb = verb.head
    elif token.dep_ not in {"dobj", "obj"}:
        return False
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return lemma in lex.words("reaction_verbs") or lemma in lex.words("comment_verbs")


def _blocked_purpose(node: Token, head: Token, lex: EventLexicon) -> bool:
    """ "vetoed a resolution to impose sanctions": the parser hangs the object's infinitive on
    the verb that stops it; what the vetoed or blocked plan or text was for did not happen
    (unlike a purpose of the stopping itself: "cancelled the visit to protest the test")."""
    plans = lex.words("idea_nouns") | lex.words("frame_nouns")
    return (
        node.dep_ == "advcl"
        and node.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        and head.pos_ == "VERB"
        and head.lemma_.lower() in lex.words("stopping_verbs")
        and any(c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in plans for c in head.children)
    )


def _adjunct_modality(clause: Token, lex: EventLexicon) -> Modality:
    """The modality an event set beside ``clause`` as its time takes from it: only a modal
    or future auxiliary of the clause, not its negation or its governing verb."""
    node = clause
    for _ in range(MAX_HOPS):
        if node.pos_ in {"VERB", "AUX"}:
            cue = _own_cue(node, lex, False)
            if cue in ("planned", "hypothetical"):
                return cue
        # up the clause's chain of verbs ("would force the administration to consult ... and
        # seek approval during the negotiations"), not out of it
        if node.head.i == node.i or node.dep_ not in {"conj", "xcomp", "ROOT"}:
            break
        node = node.head
    return "actual"


def _spoken_of(node: Token, head: Token, lex: EventLexicon) -> bool:
    """``node`` is the topic ``head`` speaks of: "did not speak about X", "has not said anything
    about X"."""
    lemma = head.lemma_.lower()
    if lemma not in lex.words("topic_speech_verbs") and lemma not in lex.words("comment_verbs"):
        return False
    topics = lex.words("topic_speech_verbs.modifiers")
    if node.dep_ == "prep":
        return node.lower_ in topics
    # "said anything about", "said little on": an empty object carries the topic
    return node.dep_ in {"dobj", "obj"} and any(
        c.dep_ == "prep" and c.lower_ in topics for c in node.children
    )


# adjectives that place a nominal event relative to the report (TimeML PAST_REF/PRESENT_REF)
ASPECT_MODIFIERS = {
    "recent": "PAST_REF",
    "previous": "PAST_REF",
    "earlier": "PAST_REF",
    "past": "PAST_REF",
    "former": "PAST_REF",
    "ongoing": "PRESENT_REF",
    "continuing": "PRESENT_REF",
    "current": "PRESENT_REF",
    "continued": "PRESENT_REF",
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _ahead(t: TimeExpression, anchor: date | None) -> TimeExpression:
    """A bare weekday told of what is still to come ("could approve it as early as Friday") is
    the coming one; a resolver that reads weekdays as past (the usual news sense) put it a week
    early."""
    if anchor is None or not t.value or len(t.value) != 10:
        return t
    if not any(day in t.text.lower() for day in WEEKDAYS):
        return t
    try:
        day = date.fromisoformat(t.value)
    except ValueError:
        return t
    if not (0 < (anchor - day).days < 7):
        return t
    ahead = (day + timedelta(days=7)).isoformat()
    bound = ahead if t.start or t.end else None
    return TimeExpression(t.text, t.span, t.type, ahead, bound, bound)


def _told_ahead(token: Token) -> bool:
    """The event's clause speaks of what may still come: a modal and no perfect ("could approve
    it as early as Friday", "will not attack on Monday"); "did not fire on Monday" and "was
    accused of striking on Monday" tell of days gone by."""
    node = token
    for _ in range(4):
        auxes = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.tag_ == "MD" for a in auxes):
            return not any(a.lemma_.lower() == "have" for a in auxes)
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"xcomp", "conj"}:
            return False  # the clause's own verb, with no modal
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _clause_head(token: Token) -> Token:
    node = token
    for _ in range(50):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return node
        node = node.head
    return node


def _other_clause(trigger: Token, time_root: Token, *, own_only: bool = False) -> bool:
    """The time belongs to a clause that neither is the event's clause nor governs it.

    A governing clause's time does not reach into a relative or adverbial clause (background:
    "an attack on tourists that New Delhi blamed on Islamabad"), nor, with ``own_only``, into
    the content of a statement ("denied on Wednesday sending weapons": the denial's date)."""
    clause = _clause_head(time_root)
    if clause.pos_ not in {"VERB", "AUX"}:
        return False  # a verbless fragment: no clause structure to go by
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        # "launched the offensive, codenamed Karbala-7, on Tuesday night": the parser often
        # hangs the time on a coordinated verb of the same clause
        clause = clause.head
    if clause.head.i == trigger.i and (
        _telling_relative(clause, trigger) or occurrence_relative(clause, trigger)
    ):
        # "the sanctions we imposed last month", "drills that began on Monday": the event's
        # own clause
        return False
    if clause.head.i == trigger.i and going_on(clause, trigger):
        # "condemned the attack, saying on Saturday that ...": the participle goes on telling
        # the same act, so its time is the act's
        return False
    node = trigger
    crossed = False
    for _ in range(50):
        if node.i == clause.i:
            return crossed
        if node.head.i == node.i:
            return True
        if (
            node.dep_ in BACKGROUND_CLAUSES
            and not _elaborating_participle(node)
            and not simultaneous_clause(node)
        ):
            crossed = True
        elif own_only and node.pos_ in {"VERB", "AUX"} and node.dep_ != "conj":
            crossed = True  # left the event's own clause for the one reporting it
        node = node.head
    return False


def simultaneous_clause(node: Token) -> bool:
    """ "were injured on Saturday when rebels attacked the base": an adverbial clause opened by
    "when", "while" or "as" happens at the time of the clause it hangs on."""
    return node.dep_ == "advcl" and any(
        (c.dep_ == "advmod" and c.lower_ == "when")
        or (c.dep_ == "mark" and c.lower_ in SIMULTANEOUS_MARKS)
        for c in node.children
    )


def _elaborating_participle(node: Token) -> bool:
    """ "joined the fighting on Saturday, firing artillery": a subjectless participle with no
    subordinator goes on telling its clause's happening, at its time; so does a purpose
    infinitive ("flew over the peninsula in June to stage a drill")."""
    if node.dep_ != "advcl" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
        return False
    if node.tag_ == "VBG":
        return not any(c.dep_ == "mark" for c in node.children)
    return node.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _distance(a: Token, b: Token) -> int:
    ancestors = {a.i: 0}
    node, d = a, 0
    while node.head.i != node.i and d < 50:
        node = node.head
        d += 1
        ancestors[node.i] = d
    node, d = b, 0
    while d < 50:
        if node.i in ancestors:
            return ancestors[node.i] + d
        if node.head.i == node.i:
            break
        node = node.head
        d += 1
    return 100 + abs(a.i - b.i)


def _after(t: TimeExpression, anchor: date | None) -> bool:
    if t.value == "FUTURE_REF":
        return True
    if anchor is None or not t.start or len(t.start) < 10:
        return False
    return t.start[:10] > anchor.isoformat()


def _from_timex(t: TimeExpression) -> EventTime:
    value = t.value
    if value and len(value) > 10 and value[10] == "T" and value[:4].isdigit():
        # an event is dated by day: "Tuesday night" (1987-03-03TNI) happened on 1987-03-03
        value = value[:10]
    return EventTime(value=value, start=t.start, end=t.end, text=t.text)


def _present_tense(token: Token) -> bool:
    verb = token
    if verb.pos_ not in {"VERB", "AUX"} and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
    while verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head.pos_ in {"VERB", "AUX"}:
        # "continue to occupy", "keep working": the tense is the governing verb's
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    if verb.tag_ not in {"VBZ", "VBP", "VBG"}:
        return False
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBG":
        return any(a.lower_ in {"is", "are", "am"} for a in auxes)
    return not any(a.lemma_.lower() in {"have", "do", "will", "would"} for a in auxes)


def event_time(
    token: Token,
    sent: Span,
    modality: Modality,
    times: list[TimeExpression],
    *,
    max_distance: int | None = None,
    anchor: date | None = None,
    own_phrase: bool = False,
) -> EventTime | None:
    """The event's own time (``times`` sorted by span; ``sent`` is the trigger's sentence).

    With ``max_distance``, only a time that close in the parse counts and there is no fallback.
    With ``own_phrase``, only a time inside the trigger's own phrase counts (the event noun is
    what another act reacts to: "on Thursday condemned the drill").
    """
    lo = bisect_left(times, sent.start_char, key=lambda t: t.span[0])
    best: tuple[int, TimeExpression] | None = None
    doc = token.doc
    # a time inside the trigger's own content clause dates that content, not this event
    # ("alleged that the ANC is planning a campaign next month")
    inner = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in _content_clauses(token)
    ]
    # a participle going on with the act dates it only by a date it gives ("saying on
    # Saturday"), not by a vague "now"
    going_on_spans = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for c in token.children
        if c.dep_ in SUBORDINATE and going_on(c, token)
    ]
    # "the worst fighting since their 2020 war", "its first test since 2017": the since-phrase
    # of a ranked event names the point it is ranked against, not when it happened
    inner += _ranked_since(token)
    for t in times[lo:]:
        if t.span[0] >= sent.end_char:
            break
        if any(s <= t.span[0] < e for s, e in inner):
            continue
        if own_phrase and not (
            token.left_edge.idx <= t.span[0] < token.right_edge.idx + len(token.right_edge)
        ):
            continue
        if t.value in _REFERENCE_VALUES and any(s <= t.span[0] < e for s, e in going_on_spans):
            continue
        if modality == "planned" and t.value == "PAST_REF":
            # "has recently discussed plans to develop": the past dates the planning
            continue
        if modality == "actual" and _after(t, anchor):
            # "ordered an expansion ahead of 2026": what happened is not dated in the future
            continue
        span = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
        if span is None:
            continue
        if _other_clause(token, span.root, own_only=modality != "actual"):
            # "could approve sanctions as early as Friday, though Hungary has threatened to
            # block it": a time inside a clause that does not govern the event is not its time
            continue
        distance = _distance(token, span.root)
        if best is None or distance < best[0]:
            best = (distance, t)
    if max_distance is not None:
        return _from_timex(best[1]) if best is not None and best[0] <= max_distance else None
    if best is not None:
        if modality == "planned" or (modality != "actual" and _told_ahead(token)):
            return _from_timex(_ahead(best[1], anchor))
        return _from_timex(best[1])
    if modality == "planned":
        return EventTime(value="FUTURE_REF")
    if _present_tense(token):
        return EventTime(value="PRESENT_REF")
    return _aspect_modifier(token)


# the vague values of "now", "recently", "soon"
_REFERENCE_VALUES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})


def _content_clauses(token: Token) -> list[Token]:
    """The clauses under the trigger that tell something else: its content, its background.
    A participle that goes on telling the same act ("condemned the attack, saying on Saturday
    that ...") is not one of them, but everything it governs other than its own adverbials
    is ("saying the attackers struck on Saturday", "marking the third launch this month")."""
    found: list[Token] = []
    for c in token.children:
        if (
            c.dep_ not in SUBORDINATE
            or _telling_relative(c, token)
            or occurrence_relative(c, token)
        ):
            continue
        if going_on(c, token):
            found.extend(g for g in c.children if g.dep_ not in _ADVERBIALS)
        else:
            found.append(c)
    return found


# what dates or places a clause itself, not a thing in it
_ADVERBIALS = frozenset({"prep", "npadvmod", "advmod", "punct"})


def going_on(clause: Token, trigger: Token) -> bool:
    """A subjectless participle after the trigger goes on telling the same act ("condemned
    the raids, saying ...", "shelled the town, killing ...")."""
    return clause.i > trigger.i and clause.tag_ == "VBG" and _elaborating_participle(clause)


def _telling_relative(clause: Token, noun: Token) -> bool:
    """ "the sanctions we imposed last month": a relative clause whose object is the event noun
    tells the event itself, so its time is the event's."""
    if noun.pos_ != "NOUN" or not object_gap(clause):
        return False
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in RELATIVE_PRONOUNS
        for c in clause.children
    )


def occurrence_relative(clause: Token, noun: Token) -> bool:
    """ "the drills that began on Monday", "the shelling, which took place overnight": a relative
    clause saying that the event noun took place, began or ended tells the event's own time."""
    if noun.pos_ != "NOUN" or clause.dep_ != "relcl" or clause.head.i != noun.i:
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in clause.children):
        return False  # "the attack that New Delhi blamed on Islamabad": another act
    lex = load_lexicon()
    lemma = clause.lemma_.lower()
    if lemma in lex.words("occurrence_verbs"):
        return True
    return any(
        f"{lemma} {c.lower_}" in lex.words("occurrence_verbs.phrases")
        for c in clause.children
        if c.dep_ in {"dobj", "prt", "advmod", "acomp"}
    )


def _ranked_since(token: Token) -> list[tuple[int, int]]:
    def ranked(noun: Token) -> bool:
        return noun.pos_ == "NOUN" and any(
            c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in {"first", "last"})
            for c in noun.children
        )

    if token.pos_ == "VERB":
        # "launched the heaviest shelling since 2015": the verb tells the ranked noun's event
        noun = next((c for c in token.children if c.dep_ in {"dobj", "obj"}), None)
        if noun is None or not ranked(noun):
            return []
        holders = [token, noun]
    elif not ranked(token):
        return []
    else:
        # the phrase hangs on the noun or, as the parser often has it, on the noun's verb
        holders = [token, token.head] if token.dep_ in {"dobj", "obj", "nsubj", "attr"} else [token]
    spans = []
    for holder in holders:
        for child in holder.children:
            if child.lower_ == "since" and child.dep_ == "prep":
                spans.append((child.idx, child.right_edge.idx + len(child.right_edge)))
            elif child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "since" for m in child.children
            ):
                spans.append((child.left_edge.idx, child.right_edge.idx + len(child.right_edge)))
    return spans


def _aspect_modifier(token: Token) -> EventTime | None:
    """ "its ongoing development" is now; "Iran's recent missile attack" was before."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    for child in token.children:
        if child.dep_ == "amod":
            value = ASPECT_MODIFIERS.get(child.lower_)
            if value is not None:
                return EventTime(value=value)
    return None
