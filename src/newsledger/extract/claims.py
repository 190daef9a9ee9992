"""Claims: statements the text attributes to a source, with the attribution chain.

One pass over the sentences. In each sentence:

- a cue verb (``data/attribution/cues.toml``) with a clausal complement is a claim whose
  content is the complement ("Kim said [the country must ...]"); "X denied [he had been
  told ...]" is a negative claim; "X denied such claims" is a negative claim whose content is
  the allegation it refers back to;
- "according to X", "as reported by X", "citing X" attribute the rest of the sentence to X;
- a cue whose complement is itself an attribution ("KCNA said [Kim said ...]", "According to
  our correspondent, [state media reported that ...]") becomes one claim with a chain,
  outermost source first;
- a nominal attribution ("Iran's charge that ...", "allegations of ...") is a claim when it
  names its source, and always an antecedent a later denial can point back at.

Quotations with a speaker that no reported-speech claim covers are claims of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from newsledger.extract.claims_statement import (
    StatementScope,
    is_assertive,
    paragraph_units,
    statement_scopes,
)
from newsledger.extract.coref import (
    SourceName,
    doc_text,
    is_speaker_noun,
    mention_class,
    refers_to_unnamed,
    source_for_token,
)
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events_modality import neither_nor
from newsledger.extract.quotes import (
    QUOTING_VERBS,
    attribution_lexicon,
    cue_class,
    passive_addressee,
    speaker_token,
)
from newsledger.records import Claim, Quote, SourceRef

__all__ = ["extract_claims"]

_QUOTE_MARKS = re.compile('[\u201c\u201d\u00ab\u00bb\u201e\u2039\u203a"]')
_SPACE = re.compile(r"\s+")
_CONTENT_DEPS = ("ccomp",)
_MIN_CONTENT_TOKENS = 3
# a reported statement longer than this is a parse gone wrong (or an article with no
# sentence breaks), not a claim; the bound also keeps such input linear
_MAX_CONTENT_TOKENS = 150
# how far back (in tokens) "denied such claims" looks for the claims it denies
_ANTECEDENT_TOKENS = 250
# a quotation shorter than this is a phrase inside someone's sentence, not a claim of its own
_MIN_QUOTE_CLAIM_WORDS = 3


@dataclass(slots=True)
class _Draft:
    start: int  # token indices of the content, end exclusive
    end: int
    sources: list[SourceRef]
    cls: str  # cue class
    cue: str | None
    head: Token  # content head, for hedging
    cue_token: Token | None = None
    negative: bool = False
    hedged: bool = False
    denies: _Draft | None = None
    text_override: str | None = None
    inner_cue: set[int] = field(default_factory=set)  # cue tokens nested in this content
    emit: bool = True


def _clean(text: str) -> str:
    text = _QUOTE_MARKS.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    if text.lower().startswith("that "):
        text = text[5:]
    return text.strip(" ,;:-\u2014").rstrip(".").strip()


def _is_inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of ``spans`` (sorted, non-overlapping)."""
    i = bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _hedged_at(head: Token, cls: str) -> bool:
    """Hedged when the cue is a belief verb or a modal/hedge adverb governs the content head."""
    lex = attribution_lexicon()
    if cls == "belief":
        return True
    if cue_class(head) == "belief":
        return True
    for child in head.children:
        if child.dep_ in ("aux", "advmod", "auxpass") and child.lower_ in lex.hedge_words:
            return True
        if child.dep_ == "mark" and child.lower_ in lex.conditionals:
            return True  # the content itself is a condition: "if the talks go well"
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in lex.conditionals for m in child.children
        ):
            return True
    first = list(islice(head.subtree, 12))
    if any(t.dep_ in ("amod", "acomp") and t.lower_ in lex.hedge_adjectives for t in first):
        return True  # "its alleged ties", "towns likely to be targets"
    words = [t.lower_ for t in first]
    by_first = _hedge_phrases_by_first_word(lex.hedge_phrases)
    for i, word in enumerate(words):
        for pattern in by_first.get(word, ()) + (by_first.get("BE", ()) if word in _BE else ()):
            window = words[i : i + len(pattern)]
            if len(window) == len(pattern) and all(
                p == w or (p == "BE" and w in _BE) for p, w in zip(pattern, window, strict=True)
            ):
                return True
    return False


@lru_cache(maxsize=4)
def _hedge_phrases_by_first_word(
    phrases: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The hedge phrases grouped by their first word, so a content is scanned once."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for pattern in phrases:
        if pattern:
            grouped.setdefault(pattern[0], []).append(pattern)
    return {word: tuple(patterns) for word, patterns in grouped.items()}


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re"})


def _content_bounds(head: Token, stop: int | None = None) -> tuple[int, int]:
    """Token range of the clause headed by ``head``, without a leading "that"."""
    left, right = head.left_edge.i, head.right_edge.i + 1
    if stop is not None:
        right = min(right, stop)
    doc = head.doc
    while left < right and (doc[left].lower_ == "that" and doc[left].dep_ == "mark"):
        left += 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right - 1].is_punct or doc[right - 1].is_space):
        right -= 1
    return left, right


def _split_conjoined(head: Token) -> list[tuple[Token, int, int]]:
    """A complement "X and that Y" is two claims; anything else is one."""
    parts: list[tuple[Token, int, int]] = []
    stops: list[int] = []
    for child in head.children:
        if child.dep_ != "conj":
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            parts.append((child, *_content_bounds(child)))
            stops.append(child.left_edge.i)
        elif cue_class(child) is not None and child.tag_ == "VBD":
            # "said the ministry would file a complaint and warned ...": the second verb of
            # saying is the speaker's next statement (a claim of its own), not this content
            stops.append(child.left_edge.i)
    for child in head.children:
        if (
            child.dep_ == "advcl"
            and child.i > head.i
            and cue_class(child) is not None
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            and any(
                c.dep_ == "mark" and c.lower_ in attribution_lexicon().contrast_words
                for c in child.children
            )
        ):
            # "said the strike killed three, while Moscow said it hit only military targets":
            # another speaker's report hung on the content is a claim of its own
            stops.append(child.left_edge.i)
    if not stops:
        return [(head, *_content_bounds(head))]
    # stop the first clause before the "and" that joins the next one
    doc = head.doc
    stop = min(stops)
    while stop > head.i and doc[stop - 1].dep_ in ("cc", "punct", "mark"):
        stop -= 1
    return [(head, *_content_bounds(head, stop)), *parts]


class _Context:
    def __init__(
        self, doc: Doc, entities: EntityIndex, quotes: list[Quote], outlet: str | None
    ) -> None:
        self.doc = doc
        self.entities = entities
        self.outlet = outlet
        self.quote_spans = sorted(q.span for q in quotes)
        self.last_sources: list[SourceRef] = []
        self.last_sent = -10
        # the latest reported speech: its sources, sentence number and end offset
        self.last_report: tuple[list[SourceRef], int, int] | None = None

    def source(
        self, token: Token | None, cue: str, sent_no: int, cls: str = "assert"
    ) -> list[SourceRef] | None:
        """The source named by a subject token; ``[]`` for "it was reported"; ``None`` when
        there is no subject at all."""
        if token is None:
            return None
        lex = attribution_lexicon()
        if token.lower_ in lex.expletives and token.dep_ in ("nsubjpass", "expl", "nsubj"):
            head = token.head
            if any(c.dep_ == "ccomp" for c in head.children) and token.dep_ != "nsubj":
                return []
        # a belief verb needs someone to hold it ("the order suggests" is the narrator's
        # inference); a verb of saying makes any noun subject a speaker
        name = source_for_token(
            self.doc,
            token,
            self.entities,
            outlet=self.outlet,
            any_noun=cls not in lex.needs_speaker,
        )
        if name is None:
            kind = mention_class(token.text)
            if refers_to_unnamed(self.doc, token, self.entities):
                return None  # "helicopters struck, which they say ...": crews never named
            # "Some economists doubt ... They argue ...": the group just cited
            if kind == "plural" and self.last_sources and sent_no - self.last_sent <= 2:
                last = self.last_sources[-1]
                return [SourceRef(last.name, last.entity, cue)]
            if kind in ("person", "thing"):
                return []  # someone speaks, but the text does not say who
            return None
        refs = [_ref(name, cue)]
        if name.entity is not None:
            # "Chile, Peru and Bolivia said": each named party made the statement, so each is
            # a source; an unnamed "senators and congressmen" stays one phrase
            for conj in token.conjuncts:
                if conj.i > token.i:
                    other = source_for_token(self.doc, conj, self.entities, outlet=self.outlet)
                    if other is not None and other.name != name.name:
                        refs.append(_ref(other, cue))
        return refs


def _ref(name: SourceName, cue: str | None) -> SourceRef:
    return SourceRef(name.name, name.entity, cue)


def extract_claims(
    doc: Doc,
    entities: EntityIndex,
    quotes: list[Quote],
    *,
    outlet: str | None = None,
    byline: str | None = None,
    headline: str | None = None,
    statements: list[StatementScope] | None = None,
) -> list[Claim]:
    """Every statement ``doc`` attributes to a source, in text order.

    ``quotes`` are this document's quotations (``extract_quotes``): reported speech inside a
    quotation is the quotation's own, and a quotation no claim covers becomes a claim.
    ``outlet`` names the publisher for "our correspondent"; ``byline`` is the byline the
    article layer set apart, which may make the whole text an official's press statement;
    ``headline`` may too ("Information of Azerbaijan Defense Ministry"). ``statements`` are
    those parts of the text (``statement_scopes``) when the caller has them already.
    """
    if len(doc) == 0:
        return []
    ctx = _Context(doc, entities, quotes, outlet)
    drafts: list[_Draft] = []
    antecedents: list[_Draft] = []  # allegations and reports a denial can point back at
    try:
        sentences = list(doc.sents)
    except ValueError:
        sentences = [doc[:]]
    for sent_no, sent in enumerate(sentences):
        made = _sentence_claims(ctx, sent, sent_no, antecedents)
        if not made:
            made = _unattributed_claims(ctx, sent, sent_no)
        for d in made:
            if d.sources:
                ctx.last_sources, ctx.last_sent = d.sources, sent_no
        reported = [d for d in made if d.emit and d.sources and d.cue_token is not None]
        if reported:
            ctx.last_report = (reported[-1].sources, sent_no, sent.end_char)
        drafts.extend(made)
    _add_quote_claims(ctx, quotes, drafts)
    if statements is None:
        statements = statement_scopes(
            doc, entities, byline=byline, outlet=outlet, headline=headline
        )
    for scope in statements:
        _statement_claims(scope, sentences, drafts)
    drafts.sort(key=lambda d: d.start)
    return _finish(doc, drafts)


def _unattributed_claims(ctx: _Context, sent: Span, sent_no: int) -> list[_Draft]:
    """A sentence with no attribution of its own that still reports: "The plans were
    allegedly made in May" (someone unnamed says so), or reported speech going on from the
    sentence before ("He said the line would reopen. It would carry freight only.")."""
    if any(sent.start_char < e and s < sent.end_char for s, e in ctx.quote_spans):
        return []  # quoted words are their speaker's claim
    lex = attribution_lexicon()
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return []
    start, end = _trimmed(sent)
    if not _MIN_CONTENT_TOKENS <= end - start <= _MAX_CONTENT_TOKENS:
        return []
    if any(c.dep_ == "advmod" and c.lower_ in lex.hearsay for c in root.children):
        return [_Draft(start, end, [], "report", None, root, hedged=True)]
    if (
        root.lemma_.lower() in lex.passive_hearsay
        and any(c.dep_ == "auxpass" for c in root.children)
        and any(c.dep_ == "xcomp" for c in root.children)
        and not any(c.dep_ == "agent" for c in root.children)
    ):
        # "Moscow is thought to be frustrated": said or thought by unnamed others
        return [_Draft(start, end, [], "report", None, root, hedged=True)]
    if ctx.last_report is None or not any(
        c.dep_ == "aux" and c.lower_ in lex.backshift for c in root.children
    ):
        return []
    sources, last_no, last_end = ctx.last_report
    text = doc_text(ctx.doc)
    if sent_no - last_no > 2 or "\n" in text[last_end : sent.start_char]:
        return []  # reported speech goes on in its own paragraph only
    refs = [SourceRef(s.name, s.entity, None) for s in sources]
    return [_Draft(start, end, refs, "assert", None, root, hedged=_hedged_at(root, "assert"))]


def _statement_claims(scope: StatementScope, sentences: list[Span], drafts: list[_Draft]) -> None:
    """Inside a statement published under a name, every assertive sentence is that source's
    claim; a claim the sentence already attributes to someone gets the author as outer link."""
    author = SourceRef(scope.source.name, scope.source.entity, None)
    for sent in sentences:
        if sent.end_char <= scope.start or sent.start_char >= scope.end:
            continue
        for unit in paragraph_units(sent, scope.start, scope.end):
            inside = [d for d in drafts if d.emit and unit.start <= d.start < unit.end]
            for d in inside:
                if not d.sources or d.sources[0].name != author.name:
                    d.sources = [author, *d.sources]
            if inside or not is_assertive(unit):
                continue
            start, end = _trimmed(unit)
            if end - start < _MIN_CONTENT_TOKENS:
                continue
            head = unit.doc[start:end].root
            draft = _Draft(start, end, [author], "assert", None, head)
            draft.hedged = _hedged_at(head, "assert")
            drafts.append(draft)


def _trimmed(span: Span) -> tuple[int, int]:
    """Token range of ``span`` without punctuation and spaces at its edges."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _sentence_claims(
    ctx: _Context, sent: Span, sent_no: int, antecedents: list[_Draft]
) -> list[_Draft]:
    lex = attribution_lexicon()
    out: list[_Draft] = []
    by_cue: dict[int, _Draft] = {}
    for tok in sent:
        if _is_inside(tok.idx, tok.idx + len(tok), ctx.quote_spans):
            continue  # attributions inside a quotation are the speaker's own words
        cls = cue_class(tok)
        if cls in lex.quote_only:
            # "what KCNA described as": names a quoted phrase, makes no claim; but "described
            # the visit as a success" says the visit was one
            out.extend(_described_as(ctx, tok, sent_no, antecedents))
            continue
        if cls is not None:
            out.extend(_verb_claims(ctx, tok, cls, sent_no, antecedents, by_cue))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.noun_class:
            _noun_antecedent(
                ctx, tok, lex.noun_class[tok.lemma_.lower()], sent_no, antecedents, out
            )
    # chains: a claim whose content is headed by another cue folds into that one
    for draft in out:
        inner = by_cue.get(draft.head.i)
        if inner is None or inner is draft or not draft.emit:
            continue
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in draft.head.children):
            # "denied he had been told that ...": the telling is part of what is denied
            inner.emit = False
            continue
        if inner.cls == "instruct":
            # "NPR reported the premier recommended that the troops leave": what is
            # reported is the recommendation, not a statement the premier made
            inner.emit = False
            continue
        inner.sources = [*draft.sources, *inner.sources]
        draft.emit = False
    # prepositional attributions apply to the whole sentence
    outer = _prepositional_source(ctx, sent, sent_no)
    if outer is not None:
        sources, removed, order = outer
        inside = [d for d in out if d.emit and not (removed[0] <= d.start < removed[1])]
        if inside:
            for d in inside:
                if (
                    d.cue_token is not None
                    and removed[0] <= d.cue_token.i < removed[1]
                    and d.cue_token.i != removed[0]
                ):
                    continue
                # "According to X, Y said" -> [X, Y]; "Citing X, Y reported" -> [Y, X];
                # "Y reported, citing X, that ..." (the parser hangs the report on "citing")
                d.sources = [*d.sources, *sources] if order == "inner" else [*sources, *d.sources]
                if d.start < removed[0] < d.end <= removed[1] + 1:
                    # "reported that the drones hit their targets, citing the Guards": the
                    # citing phrase closes the sentence and is no part of what was reported
                    d.start, d.end = _trimmed(ctx.doc[d.start : removed[0]])
        else:
            rest = _rest_of_sentence(sent, removed)
            if rest is not None:
                head, start, end = rest
                out.append(
                    _Draft(
                        start,
                        end,
                        sources,
                        "report",
                        sources[-1].cue,
                        head,
                        hedged=_hedged_at(head, "report"),
                    )
                )
    return out


def _verb_claims(
    ctx: _Context,
    verb: Token,
    cls: str,
    sent_no: int,
    antecedents: list[_Draft],
    by_cue: dict[int, _Draft],
) -> list[_Draft]:
    doc = ctx.doc
    lex = attribution_lexicon()
    if cls in lex.narrator_participles and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp"):
        return []  # "..., indicating that ...": the narrator's conclusion
    complements = [
        c
        for c in verb.children
        if c.dep_ in _CONTENT_DEPS
        and not any(m.dep_ == "mark" and m.lower_ in lex.adverbial_marks for m in c.children)
        and not _set_off_participle(c, verb)
    ]
    if verb.lower_ == "saying" and not complements:
        complements = [c for c in verb.children if c.dep_ in ("xcomp", "dobj") and c.pos_ == "VERB"]
    if not complements:
        complements = _that_clause_on_object(verb)
    fronted: _Content | None = None
    if not complements:
        found = _fronted_content(verb)
        fronted = (*found, None) if found is not None else _parenthetical_host(verb)
    subject = speaker_token(verb)
    sources = ctx.source(subject, verb.text, sent_no, cls)
    if sources is None and subject is None and passive_addressee(verb):
        sources = []  # "the families were told that ...": by someone the text does not name
    if sources is None:
        return []
    relay = _quoting_source(ctx, verb, sent_no)
    if relay is not None:
        sources = [relay, *sources]  # "X was quoted by Y as saying": Y relays X
    if not complements and fronted is None and _can_speak(subject):
        fronted = _object_content(verb)  # "the directive underlines X" says nothing
    if sources and subject is not None and mention_class(subject.text) is None:
        # "Some economists doubt the plan. They argue ...": remember who spoke
        ctx.last_sources, ctx.last_sent = sources, sent_no
    negative = cls == "deny"
    if negative and (any(c.dep_ == "neg" for c in verb.children) or neither_nor(verb)):
        return []  # "did not deny", "neither confirmed nor denied": nothing is denied
    made: list[_Draft] = []
    if negative:
        relative = _relative_denial(verb, antecedents)
        if relative is not None:
            return [_denial_of(ctx, relative, sources, verb, cls)]
    if not complements and negative:
        gerund = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
        if gerund is not None:
            # "Russia denies targeting civilians": the act denied, told as a gerund
            start, end = gerund.left_edge.i, gerund.right_edge.i + 1
            if end - start >= 2:
                return [
                    _Draft(
                        start, end, sources, cls, verb.text, gerund, cue_token=verb, negative=True
                    )
                ]
        # "denied such claims" / "rejected Iran's charge that ..." / "denied involvement in ..."
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
        if obj is None:  # "denied as baseless reports that ..."
            obj = next(
                (
                    o
                    for c in verb.children
                    if c.dep_ == "prep"
                    for o in c.children
                    if o.dep_ == "pobj" and o.lemma_.lower() in attribution_lexicon().noun_class
                ),
                None,
            )
        if obj is None:
            return []
        target = _denied_content(ctx, obj, antecedents)
        if target is None and _is_anaphoric(obj):
            return []  # "disputed that account" with nothing attributed before it
        if target is not None:
            d = _denial_of(ctx, target, sources, verb, cls)
            d.start, d.end = obj.left_edge.i, obj.right_edge.i + 1
            return [d]
        if obj.lemma_.lower() in attribution_lexicon().noun_class or obj.pos_ == "PRON":
            return []  # "denied Botha's charges": what was charged is not in this sentence
        start, end = obj.left_edge.i, obj.right_edge.i + 1
        if end - start < 2:
            return []
        return [_Draft(start, end, sources, cls, verb.text, obj, cue_token=verb, negative=True)]
    claimed = _claimed_act(verb) if not complements else None
    if claimed is not None:
        head, start, end, text = claimed
        d = _Draft(start, end, sources, "assert", verb.text, head, cue_token=verb)
        d.text_override = text
        antecedents.append(d)
        return [d] if sources else []
    if not complements and cls == "allege":
        branded = _condemned_as(verb)
        if branded is not None:
            head, start, end, text = branded
            d = _Draft(start, end, sources, cls, verb.text, head, cue_token=verb)
            d.text_override = text
            antecedents.append(d)
            return [d] if sources else []
        accused = _accused_of(verb)
        if accused is not None:
            head, start, end, of = accused
            if end - start > _MAX_CONTENT_TOKENS:
                return []
            d = _Draft(
                start, end, sources, cls, verb.text, head, cue_token=verb, hedged=_hedged_cue(verb)
            )
            # "the army of burning villages" reads "the army burning villages"
            d.text_override = _clean(f"{doc[start:of].text} {doc[of + 1 : end].text}")
            antecedents.append(d)
            return [d] if sources else []
    if fronted is not None and sources is not None:
        head, start, end, override = fronted
        d = _Draft(
            start,
            end,
            sources,
            cls,
            verb.text,
            head,
            cue_token=verb,
            negative=negative,
            hedged=_hedged_at(head, cls) or _hedged_cue(verb),
        )
        d.text_override = override
        by_cue.setdefault(verb.i, d)
        return [d]
    for comp in complements:
        denied = _quoted_denial(ctx, comp)
        if denied is not None:
            comp, negative = denied, True  # said: "We deny that X": X, denied
        for head, start, end in _split_conjoined(comp):
            if not _MIN_CONTENT_TOKENS <= end - start <= _MAX_CONTENT_TOKENS:
                continue
            if start <= verb.i < end:
                # the complement's edge reaches over the cue ("Welcoming the offer, Reagan
                # said: ..."): keep the side the complement's head is on
                if head.i > verb.i:
                    start = verb.i + 1
                else:
                    end = verb.i
                while start < end and (doc[start].is_punct or doc[start].is_space):
                    start += 1
                while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                    end -= 1
                if end - start < _MIN_CONTENT_TOKENS:
                    continue
            if not _is_statement(head, doc[start]):
                continue
            baseless = _called_baseless(head)
            if baseless is not None:  # "said reports that X were baseless": X is denied
                head, start, end = baseless
                negative = True
            if _is_inside(doc[start].idx, doc[end - 1].idx + 1, ctx.quote_spans):
                continue  # a whole quotation: the quotation's claim stands for it
            d = _Draft(
                start,
                end,
                sources,
                cls,
                verb.text,
                head,
                cue_token=verb,
                negative=negative,
                hedged=_hedged_at(head, cls) or _hedged_cue(verb),
            )
            made.append(d)
            by_cue.setdefault(verb.i, d)
            antecedents.append(d)  # any attributed statement can be denied later
    return made


_QUESTION_WORDS = frozenset(
    {"how", "why", "whether", "if", "what", "when", "where", "who", "which", "whom"}
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _set_off_participle(clause: Token, verb: Token) -> bool:
    """ "The president, asked about the strikes, said: ...": a participle set off by commas
    after the subject describes the speaker; the parser may read "president asked about ..."
    as a clause fronted before "said", but it is no content of the verb, which has no subject
    of its own then."""
    if clause.i > verb.i or clause.tag_ not in ("VBN", "VBD") or clause.i < 2:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    doc = clause.doc
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or doc[clause.i - 1].text != ",":
        return False
    if subject.right_edge.i not in (clause.i - 2, clause.i - 1):  # the comma may be the noun's
        return False
    comma = clause.right_edge.i  # the closing comma, the clause's own or the next token
    if doc[comma].text != ",":
        comma += 1
    return comma + 1 == verb.i and doc[comma].text == ","


def _is_statement(head: Token, first: Token) -> bool:
    """A claim's content states something: it is not an indirect question ("asked how ...")
    nor a participle clause with no subject ("Welcoming the offer, Reagan said: ...")."""
    # "asked whether X" is a question; "said if X, then Y" states Y on a condition
    if (
        first.lower_ in _QUESTION_WORDS
        and first.dep_ in ("mark", "advmod", "nsubj", "dobj")
        and (first.dep_ != "mark" or first.head == head)
    ):
        return False
    if any(c.dep_ in _SUBJECTS for c in head.children) or head.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    # "... father and son have not been in contact since, Davis said": a finite auxiliary
    # makes a statement even where the parser lost its subject
    finite = [
        c
        for c in head.children
        if c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
    ]
    # ... and words before that auxiliary, where the subject stands ("had been destroyed",
    # "would be lower" alone are fragments of a clause whose subject is elsewhere)
    return bool(finite) and any(
        t.pos_ in ("NOUN", "PROPN", "PRON") for t in head.doc[first.i : finite[0].i]
    )


def _called_baseless(head: Token) -> tuple[Token, int, int] | None:
    """ "reports that Iran intends X were baseless" -> the clause "Iran intends X"."""
    lex = attribution_lexicon()
    if not any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lex.denial_predicates
        for c in head.children
    ):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in lex.noun_class:
        return None
    for clause in subject.children:
        if clause.dep_ in ("acl", "ccomp", "relcl") and clause.left_edge.lower_ == "that":
            return (clause, *_content_bounds(clause))
    return None


def _fronted_content(verb: Token) -> tuple[Token, int, int] | None:
    """ "<statement>, mediators said." when the parser did not make the statement the verb's
    complement: the words before the comma that precedes the subject."""
    if verb.dep_ != "ROOT":
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    # the subject nearest the verb: "Talks stalled on Sunday, diplomats said" may be parsed
    # with "Talks" as a second subject
    subject = max(subjects, key=lambda c: c.i) if subjects else None
    if subject is None or subject.i < verb.i - 6:
        return None
    doc = verb.doc
    comma = subject.left_edge.i - 1
    start = verb.sent.start
    if comma <= start or doc[comma].text != ",":
        return None
    # the cue ends the sentence (", mediators said on Tuesday."), with nothing it governs after
    trailing = [t for t in doc[verb.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
    # (or only says where and when: ", the fleet said in a news release on Monday.")
    placed = all(t.pos_ in _PLACING_POS for t in trailing) and len(trailing) <= 8
    if (len(trailing) > 4 and not placed) or any(
        c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children
    ):
        return None
    end = comma
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    span = doc[start:end]
    if not _MIN_CONTENT_TOKENS + 1 <= len(span) <= _MAX_CONTENT_TOKENS:
        return None
    if span[0].lower_ in _QUESTION_WORDS or span[0].tag_ in ("VBN", "VBG"):
        return None  # "Asked whether ...", "Welcoming the offer ..."
    if not any(t.tag_ in _FINITE for t in span):
        # "Talks stalled on Sunday, diplomats said": the parser made the report's subject a
        # second subject of "said" and its verb a participle hung on that noun
        misread = [t for t in span if t.tag_ == "VBD" or (t.tag_ == "VBN" and t.dep_ == "acl")]
        if len(subjects) < 2 or not misread or misread[0].head.i != misread[0].i - 1:
            return None
    return span.root, start, end


# words of a phrase that only places a statement ("in a news release on Monday")
_PLACING_POS = frozenset({"ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM"})

# a claim's content: its head, token range, and its text when that is not the range's text
_Content = tuple[Token, int, int, str | None]


def _quoting_source(ctx: _Context, verb: Token, sent_no: int) -> SourceRef | None:
    """Who relays a quoted speaker: "X was quoted by Y as saying" / "Y quoted (cited) X as
    saying"."""
    if verb.lemma_.lower() != "say":
        return None
    quote = next((a for a in islice(verb.ancestors, 4) if a.lemma_.lower() in QUOTING_VERBS), None)
    if quote is None:
        return None
    relay = next((c for c in quote.children if c.dep_ == "nsubj"), None)
    agent = next((c for c in quote.children if c.dep_ == "agent"), None)
    if relay is None and agent is not None:
        relay = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if relay is None:
        return None
    name = source_for_token(ctx.doc, relay, ctx.entities, outlet=ctx.outlet, any_noun=True)
    return _ref(name, quote.text) if name is not None else None


def _quoted_denial(ctx: _Context, head: Token) -> Token | None:
    """The clause a quoted denial rejects: in 'she said: "We deny that X"' the quotation is her
    denial of X (a denial outside quote marks makes a claim of its own)."""
    if cue_class(head) != "deny" or not _is_inside(head.idx, head.idx + len(head), ctx.quote_spans):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("i", "we"):
        return None
    return next(
        (
            c
            for c in head.children
            if c.dep_ in _CONTENT_DEPS
            and c.i > head.i
            and _is_inside(c.idx, c.idx + len(c), ctx.quote_spans)
            # "deny that X" / "deny X happened"; not a clause the parser hung on a noun object
            and (c.left_edge.i == head.i + 1 or any(m.lower_ == "that" for m in c.children))
        ),
        None,
    )


def _parenthetical_host(verb: Token) -> _Content | None:
    """ "some of them, he says, are worse": a cue set off inside the clause it reports; the
    content is that clause without the parenthetical."""
    host = verb.head
    if verb.dep_ != "parataxis" or host.pos_ not in ("VERB", "AUX") or cue_class(host):
        return None
    doc = verb.doc
    lo, hi = verb.left_edge.i, verb.right_edge.i + 1
    while lo > 0 and doc[lo - 1].text in (",", "—", "-"):
        lo -= 1
    while hi < len(doc) and doc[hi].text in (",", "—", "-"):
        hi += 1
    start, end = _content_bounds(host)
    if not (start < lo and hi <= end) or end - start > _MAX_CONTENT_TOKENS:
        return None
    lex = attribution_lexicon()
    if any(
        t.dep_ == "mark" and t.lower_ in lex.adverbial_marks and t.head.left_edge.i >= hi
        for t in doc[hi:end]
    ):
        end = lo  # ", the coastguard said, hours after the ferry sank": the time, not the content
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    text = f"{doc[start:lo].text} {doc[hi:end].text}" if end > lo else doc[start:end].text
    if len(text.split()) < _MIN_CONTENT_TOKENS:
        return None
    return host, start, end, _clean(text)


def _can_speak(subject: Token | None) -> bool:
    """Whether a subject names someone who can say something: a name, a pronoun, or a
    speaker noun ("officials"), not a thing ("the directive")."""
    if subject is None:
        return False
    return subject.pos_ in ("PROPN", "PRON") or bool(subject.ent_type_) or is_speaker_noun(subject)


def _object_content(verb: Token) -> _Content | None:
    """ "announced a new security plan", "stressed the need to talk": with no clause to report,
    the object of a verb of saying is what was said; "cited X as the reason" -> X."""
    lex = attribution_lexicon()
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma not in lex.object_verbs:
        # "warned of thinning patience": the object of the verb's own preposition
        obj = next(
            (
                o
                for p in verb.children
                if p.dep_ == "prep" and (lemma, p.lower_) in lex.object_preps
                for o in p.children
                if o.dep_ == "pobj"
            ),
            None,
        )
    perfect = verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children
    )  # "has warned of": said, not a participle on a noun
    if (
        obj is None
        or obj.pos_ != "NOUN"
        or not (verb.tag_ in ("VBD", "VBZ", "VBP", "VBG") or perfect)
    ):
        return None
    if obj.ent_type_ or is_speaker_noun(obj):
        return None  # "citing a military source": who said it, not what
    doc = verb.doc
    start, end = obj.left_edge.i, obj.right_edge.i + 1
    cut = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if cut is not None:
        end = cut.left_edge.i
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if not lex.object_min_tokens <= end - start <= _MAX_CONTENT_TOKENS:
        return None
    return obj, start, end, None


# "called it an act of aggression", "described them as spies": what they point back to is named
_NAMED_PRONOUNS = frozenset({"it", "them", "this", "these", "those"})


def _described_as(
    ctx: _Context, verb: Token, sent_no: int, antecedents: list[_Draft]
) -> list[_Draft]:
    """ "The ministry characterised the strike as a violation": the ministry says the strike
    was one. "What KCNA described as ..." names a quoted phrase and says nothing."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    branded = _small_clause(verb) if obj is None else None
    if branded is None:
        if obj is None or obj.lower_ in _QUESTION_WORDS:
            return []
        if obj.pos_ == "PRON" and obj.lower_ not in _NAMED_PRONOUNS:
            return []
        branded = _condemned_as(verb)
    if branded is None:
        return []
    sources = ctx.source(speaker_token(verb), verb.text, sent_no, "assert")
    if not sources:
        return []
    head, start, end, text = branded
    d = _Draft(start, end, sources, "assert", verb.text, head, cue_token=verb)
    d.text_override = text
    antecedents.append(d)
    return [d]


def _claimed_act(verb: Token) -> tuple[Token, int, int, str] | None:
    """ "The group claimed responsibility for the bombing" / "the attack was claimed by the
    group": the group says it carried the act out."""
    lex = attribution_lexicon()
    verbs, nouns, acts = lex.responsibility
    if verb.lemma_.lower() not in verbs or any(c.dep_ == "neg" for c in verb.children):
        return None
    doc = verb.doc
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        act = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if act is None or doer is None or act.lemma_.lower() not in acts:
            return None
    else:
        taken = next(
            (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None
        )
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        fors = [
            o
            for p in (*verb.children, *(taken.children if taken is not None else ()))
            if p.dep_ == "prep" and p.lower_ == "for"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        if taken is None or doer is None or doer.pos_ == "PRON" or not fors:
            return None
        if any(c.dep_ == "det" and c.lower_ == "no" for c in doer.children):
            return None  # "no group has claimed responsibility"
        act = fors[0]
    act_end = act.right_edge.i + 1
    for prep in act.children:
        # "the bombing in a statement": how the claim was made is not part of the act
        if prep.dep_ == "prep" and any(o.lemma_.lower() in lex.noun_class for o in prep.children):
            act_end = min(act_end, prep.left_edge.i)
    doer_text = doc[doer.left_edge.i : doer.right_edge.i + 1].text
    act_text = doc[act.left_edge.i : act_end].text
    if doc[act.left_edge.i].dep_ == "det":
        act_text = act_text[:1].lower() + act_text[1:]  # "The attack was claimed": mid-sentence
    start = min(doer.left_edge.i, act.left_edge.i, verb.i)
    end = max(doer.right_edge.i + 1, act_end)
    if end - start > _MAX_CONTENT_TOKENS:
        return None
    return act, start, end, _clean(f"{doer_text} carried out {act_text}")


def _small_clause(verb: Token) -> tuple[Token, int, int, str] | None:
    """ "Beijing considers Taiwan part of its territory": a verb of judging with a verbless
    clause (a subject and a noun or adjective) says the subject is that."""
    if verb.lemma_.lower() not in attribution_lexicon().small_clause_verbs:
        return None
    clause = next(
        (c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "ADJ")), None
    )
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause else None
    if clause is None or subject is None or subject.pos_ == "PRON":
        return None
    doc = verb.doc
    start, end = _trimmed(doc[clause.left_edge.i : clause.right_edge.i + 1])
    if end - start > _MAX_CONTENT_TOKENS or subject.right_edge.i + 1 >= end:
        return None
    said = doc[subject.left_edge.i : subject.right_edge.i + 1].text
    what = doc[subject.right_edge.i + 1 : end].text
    return clause, start, end, _is_said(said, subject.tag_ in ("NNS", "NNPS"), what)


# prepositions of the means a statement is made by ("said in a statement that ...")
_VEHICLE_PREPS = frozenset({"in", "through", "via"})


def _owned_report(noun: Token) -> bool:
    """A claim or report noun whose owner is named on it ("Westland's claims", "U.S.
    disclosures"): what it says is its owner's."""
    if noun.lemma_.lower() not in attribution_lexicon().noun_class:
        return False
    return any(
        c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN")
        for c in noun.children
    )


def _that_clause_on_object(verb: Token) -> list[Token]:
    """ "told a briefing that China had ...": the parser hangs the that-clause on the object as
    a relative clause; it is the complement when it has a subject of its own."""
    found = []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    # "said in a statement that ...", "told a briefing that ..."; but in "commented on
    # Westland's claims that ..." what follows is Westland's, not the speaker's
    objects += [
        o
        for c in verb.children
        if c.dep_ == "prep"
        for o in c.children
        if o.dep_ == "pobj" and (c.lower_ in _VEHICLE_PREPS or not _owned_report(o))
    ]
    for obj in objects:
        for clause in obj.children:
            if clause.dep_ not in ("relcl", "acl") or clause.left_edge.lower_ != "that":
                continue
            if any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in clause.children
            ):
                found.append(clause)
    return found


def _condemned_as(verb: Token) -> tuple[Token, int, int, str] | None:
    """ "condemns the drills as rehearsals for invasion" -> "the drills are rehearsals for
    invasion"; in "exercises, which Pyongyang condemns as ..." the object is "exercises"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    obj = objects[0] if objects else None
    if obj is None:
        return None
    # the parser hangs "as ..." on the verb, or on the object ("described the raid as a
    # violation")
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    on_object = None
    if prep is None:
        on_object = next(
            (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i),
            None,
        )
        prep = on_object
    if prep is not None:
        what = next((c for c in prep.children if c.dep_ == "pobj"), None)
    else:
        # "called the deployment a grave provocation" (an object predicate, or a second
        # object the parser gives a verb of naming: "calls the sanctions the continuation of")
        what = next((c for c in verb.children if c.dep_ == "oprd" and c.i > obj.i), None)
        if what is None and len(objects) > 1 and objects[1].pos_ in ("NOUN", "PROPN"):
            what = objects[1]
    if what is None:
        return None
    if obj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        obj = verb.head
        # the noun's words up to the noun itself, as written: joining tokens with spaces
        # would break "live-fire drills" into "live fire drills"
        left = obj.left_edge.i
        while left < obj.i and (obj.doc[left].is_punct or obj.doc[left].is_space):
            left += 1
        subject_text = obj.doc[left : obj.i + 1].text
    else:
        right = on_object.left_edge.i if on_object is not None else obj.right_edge.i + 1
        subject_text = obj.doc[obj.left_edge.i : right].text
    if obj.lower_ == "them":
        subject_text = "they"  # "sees them as a rehearsal": they are one
    plural = obj.tag_ in ("NNS", "NNPS") or obj.lower_ in ("them", "these", "those")
    doc = verb.doc
    predicate = doc[what.left_edge.i : what.right_edge.i + 1].text
    start, end = min(obj.left_edge.i, verb.i), what.right_edge.i + 1
    if end - start > _MAX_CONTENT_TOKENS:
        return None
    return what, start, end, _is_said(subject_text, plural, predicate)


def _is_said(subject: str, plural: bool, predicate: str) -> str:
    """The claim a judgement makes, as a sentence: "the drills are a rehearsal"."""
    return _clean(f"{subject} {'are' if plural else 'is'} {predicate}")


def _accused_of(verb: Token) -> tuple[Token, int, int, int] | None:
    """ "accused the company of dumping waste" -> the company dumping waste."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    # the parser hangs "of ..." on the verb or on its object
    prep = next(
        (
            c
            for c in (*verb.children, *obj.children)
            if c.dep_ == "prep" and c.lower_ == "of" and c.i > obj.i
        ),
        None,
    )
    if prep is None:
        return None
    act = next((c for c in prep.children if c.dep_ in ("pcomp", "pobj")), None)
    if act is None:
        return None
    start = obj.left_edge.i
    end = act.right_edge.i + 1
    return act, start, end, prep.i


def _hedged_cue(verb: Token) -> bool:
    words = attribution_lexicon().hedge_words
    return any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children)


def _denied_content(ctx: _Context, obj: Token, antecedents: list[_Draft]) -> _Draft | None:
    """What a denial's object refers to: "such claims" -> the latest allegation; "Iran's
    charge that X" / "reports that X" -> X."""
    lex = attribution_lexicon()
    # "the charge that X" / "reports that X" / "allegations of X"
    for child in obj.children:
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            start, end = _content_bounds(child, _conjoined_cue(child))
            return _Draft(start, end, [], "allege", None, child)
    if not _is_anaphoric(obj) or not antecedents:
        return None
    # "denied the allegations" points at the latest allegation, "denied the report" at the
    # latest report; any attributed statement will do when none of that kind is near
    wanted = lex.noun_class.get(obj.lemma_.lower())
    recent = [a for a in antecedents if a.head.i >= obj.i - _ANTECEDENT_TOKENS]
    for candidate in reversed(recent):
        if candidate.cls == wanted:
            return candidate
    return recent[-1] if recent else None


def _denial_of(
    ctx: _Context, target: _Draft, sources: list[SourceRef], verb: Token, cls: str
) -> _Draft:
    """A negative claim by ``sources`` of what ``target`` says."""
    d = _Draft(
        target.start,
        target.end,
        sources,
        cls,
        verb.text,
        target.head,
        cue_token=verb,
        negative=True,
        denies=target,
    )
    d.text_override = target.text_override or _clean(ctx.doc[target.start : target.end].text)
    return d


def _relative_denial(verb: Token, antecedents: list[_Draft]) -> _Draft | None:
    """ "X accused Iran of supplying drones, a charge Tehran denies" / "Israel says Hamas uses
    hospitals, which Hamas denies": the relative clause denies the claim the sentence just
    made, which ends where the relative phrase begins (it is cut there)."""
    charges = ("allege", "report")
    noun_class = attribution_lexicon().noun_class
    if verb.dep_ == "relcl":
        host = verb.head
        pronoun = next(
            (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("which", "that")), None
        )
        if noun_class.get(host.lemma_.lower()) in charges:
            begin = host.left_edge.i  # "..., a charge Tehran denies"
        elif pronoun is not None:
            begin = pronoun.i  # "..., which Tehran denies"
        else:
            return None
    else:
        # the parser may read "X accused Y of Z, a charge Y denies" as "denies" governing
        # everything, with "a charge" as its object after a comma
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if (
            obj is None
            or noun_class.get(obj.lemma_.lower()) not in charges
            or obj.left_edge.i == 0
            or verb.doc[obj.left_edge.i - 1].text != ","
            or not any(c.dep_ == "ccomp" and c.i < obj.i for c in verb.children)
        ):
            return None
        begin = obj.left_edge.i
    sent = verb.sent
    for draft in reversed(antecedents):
        if not (sent.start <= draft.start < begin) or draft.negative:
            continue
        if draft.end > begin:
            # "Hamas uses hospitals, which Hamas denies": the content stops before "which"
            end = begin
            while end > draft.start and verb.doc[end - 1].is_punct:
                end -= 1
            if end - draft.start < _MIN_CONTENT_TOKENS:
                return None
            tail = verb.doc[end : draft.end].text
            if draft.text_override is not None and tail in draft.text_override:
                # "accused Iran of supplying drones, which ...": the rewritten text loses it too
                cut = draft.text_override.rindex(tail)
                draft.text_override = _clean(draft.text_override[:cut])
            draft.end = end
        return draft
    return None


def _is_anaphoric(obj: Token) -> bool:
    """ "such claims", "the allegations", "that account", "them": a pointer to earlier claims."""
    lex = attribution_lexicon()
    if obj.lower_ not in lex.anaphoric_nouns:
        return False
    words = {t.lower_ for t in islice(obj.subtree, 12)}
    return obj.pos_ == "PRON" or bool(words & lex.anaphoric_determiners)


def _conjoined_cue(head: Token) -> int | None:
    """Where a denied report ends when the parser joined the denier's next cue to it: "denied
    reports that it intended X and warned the US that Y" -> stop before "and warned"."""
    for child in head.children:
        if (
            child.dep_ == "conj"
            and cue_class(child) is not None
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ):
            stop = child.left_edge.i
            while stop > head.i and head.doc[stop - 1].dep_ in ("cc", "punct"):
                stop -= 1
            return stop
    return None


def _noun_antecedent(
    ctx: _Context,
    noun: Token,
    cls: str,
    sent_no: int,
    antecedents: list[_Draft],
    out: list[_Draft],
) -> None:
    """ "allegations of supplying arms" / "Iran's charge that ..." : remember the content; it
    is a claim of its own when the noun names its source (a possessive or "by X")."""
    doc = ctx.doc
    content: tuple[Token, int, int] | None = None
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            content = (child, *_content_bounds(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ in ("pcomp", "pobj") and obj.pos_ == "VERB":
                    start, end = _content_bounds(obj)
                    # the allegation is the verb phrase; a trailing ", particularly since"
                    # is the narrator's aside
                    for t in doc[start:end]:
                        if t.text == ",":
                            end = t.i
                            break
                    content = (obj, start, end)
    if content is None:
        return
    head, start, end = content
    if not 2 <= end - start <= _MAX_CONTENT_TOKENS:
        return
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    sources: list[SourceRef] = []
    if poss is not None:
        name = source_for_token(doc, poss, ctx.entities, outlet=ctx.outlet)
        if name is not None:
            sources = [_ref(name, noun.text)]
    draft = _Draft(
        start, end, sources, cls, noun.text, head, emit=bool(sources), hedged=_hedged_at(head, cls)
    )
    # a denial in the same phrase ("rejected Iran's charge that ...") makes its own claim
    if noun.dep_ in ("dobj",) and cue_class(noun.head) == "deny":
        draft.emit = False
    antecedents.append(draft)
    if draft.emit:
        out.append(draft)


_Attribution = tuple[list[SourceRef], tuple[int, int], str]


def _prepositional_source(ctx: _Context, sent: Span, sent_no: int) -> _Attribution | None:
    """ "According to X," / "as reported by X," / "citing X": the source and the token range of
    the attributing phrase. "According to X, citing Y," is one chain, [X, Y]."""
    found = sorted(_prepositional_phrases(ctx, sent), key=lambda m: m[1][0])
    if not found:
        return None
    sources, (lo, hi), order = found[0]
    doc = sent.doc
    for more, (lo2, hi2), order2 in found[1:]:
        between = doc[hi:lo2] if lo2 > hi else doc[0:0]
        if order2 != "inner" or not all(t.is_punct or t.is_space for t in between):
            break
        sources, hi = [*sources, *more], max(hi, hi2)
    return sources, (lo, hi), order


def _prepositional_phrases(ctx: _Context, sent: Span) -> list[_Attribution]:
    lex = attribution_lexicon()
    words = [t.lower_ for t in sent]
    found: list[_Attribution] = []
    for pattern, order in lex.prepositions:
        n = len(pattern)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) != pattern:
                continue
            phrase = list(sent[i : i + n])
            last = phrase[-1]
            source_tok = next(
                (c for c in last.children if c.dep_ in ("pobj", "dobj", "pcomp")), None
            )
            if source_tok is None and i + n < len(sent):
                source_tok = sent[i + n]
                while (
                    source_tok.head != source_tok
                    and source_tok.head.i > source_tok.i
                    and (source_tok.head.i < sent.end)
                    and source_tok.dep_ in ("compound", "amod", "det", "poss")
                ):
                    source_tok = source_tok.head
            if source_tok is None:
                continue
            name = source_for_token(ctx.doc, source_tok, ctx.entities, outlet=ctx.outlet)
            if name is None:
                continue
            # the phrase's head: the token whose own head lies outside the phrase
            head = next((t for t in phrase if not (phrase[0].i <= t.head.i <= last.i)), phrase[0])
            if head.dep_ in ("advcl", "xcomp") and head.pos_ == "VERB":
                span_tokens = [*phrase, source_tok]  # "citing X": not the clause it hangs on
            else:
                span_tokens = list(head.subtree) + phrase
            lo = min(t.i for t in span_tokens)
            hi = max(max(t.i for t in span_tokens), source_tok.right_edge.i) + 1
            refs = [_ref(name, " ".join(pattern))]
            cited = _relative_citation(ctx, source_tok)
            if cited is not None:
                refs.append(cited)  # "according to Yonhap, which cited a government source"
            found.append((refs, (lo, hi), order))
            break  # one phrase of each kind per sentence
    return found


def _relative_citation(ctx: _Context, source: Token) -> SourceRef | None:
    """The source a relative clause on a source says it cites ("Yonhap, which cited a
    government source" relays the source)."""
    for clause in source.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in QUOTING_VERBS:
            continue
        cited = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if cited is None:
            continue
        name = source_for_token(ctx.doc, cited, ctx.entities, outlet=ctx.outlet)
        if name is not None:
            return _ref(name, clause.text)
    return None


def _rest_of_sentence(sent: Span, removed: tuple[int, int]) -> tuple[Token, int, int] | None:
    """The sentence without its attributing phrase, as one content range."""
    lo, hi = removed
    before = (sent.start, lo)
    after = (hi, sent.end)
    start, end = max((before, after), key=lambda r: r[1] - r[0])
    doc = sent.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start < _MIN_CONTENT_TOKENS:
        return None
    span = doc[start:end]
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        return None
    return span.root, start, end


def _add_quote_claims(ctx: _Context, quotes: list[Quote], drafts: list[_Draft]) -> None:
    """A quotation with a speaker is a claim unless a reported-speech claim already holds it."""
    doc = ctx.doc
    covered = [
        (doc[d.start].idx, doc[d.end - 1].idx + len(doc[d.end - 1])) for d in drafts if d.emit
    ]
    for q in quotes:
        if q.speaker is None or len(q.text.split()) < _MIN_QUOTE_CLAIM_WORDS:
            continue
        s, e = q.span
        if any(cs <= s + 1 and e - 1 <= ce for cs, ce in covered):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0 or not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue  # a quoted noun phrase is a label, not a statement
        if not q.text[:1].isupper() and not _has_clause(span):
            continue  # a partial quote ("to "thoroughly modernise ..."") is not a statement
        head = span.root
        d = _Draft(
            span.start,
            span.end,
            [SourceRef(q.speaker, q.speaker_entity, q.cue)],
            "assert",
            q.cue,
            head,
            hedged=_hedged_at(head, "assert"),
        )
        d.text_override = q.text
        denied = _quoted_denial(ctx, head)
        if denied is not None:  # "We deny that X": the quotation denies X
            d.start, d.end = _content_bounds(denied)
            d.head, d.negative, d.cls = denied, True, "deny"
            d.text_override = _clean(doc[d.start : d.end].text)
            d.hedged = _hedged_at(denied, "deny")
        drafts.append(d)


def _has_clause(span: Span) -> bool:
    """Whether quoted words make a clause with its subject: a verb heading the quote (its head
    lies outside it) has a subject inside it. The parser may split a quote into sentences."""
    tops = [t for t in span if not (span.start <= t.head.i < span.end) or t.head == t]
    return any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and span.start <= c.i < span.end
        for t in tops
        if t.pos_ in ("VERB", "AUX")
        for c in t.children
    )


def _finish(doc: Doc, drafts: list[_Draft]) -> list[Claim]:
    claims: list[Claim] = []
    index_of: dict[int, int] = {}
    seen: set[tuple[int, int, bool]] = set()
    for d in drafts:
        if not d.emit:
            continue
        key = (d.start, d.end, d.negative)
        if key in seen:
            continue
        seen.add(key)
        span = doc[d.start : d.end]
        text = d.text_override if d.text_override is not None else _clean(span.text)
        if not text:
            continue
        denies = index_of.get(id(d.denies)) if d.denies is not None else None
        index_of[id(d)] = len(claims)
        claims.append(
            Claim(
                text=text,
                span=(span.start_char, span.end_char),
                sources=d.sources,
                polarity="negative" if d.negative else "positive",
                hedged=d.hedged,
                denies=denies,
                cue=d.cue,
            )
        )
    return claims
