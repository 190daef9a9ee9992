"""Canonical entities: one ``Entity`` per real-world thing, with its aliases and every mention.

The statistical NER and the gazetteer component (``entities_gazetteer``) put candidate spans
in ``doc.ents``; this stage turns them into entities:

* gazetteer matches carry their key, so "KCNA" and "Korean Central News Agency", "U.S." and
  "the United States", "Hwasongpho-19" and "Hwasong-19" meet;
* nationality adjectives of states ("North Korean", "Iranians") are mentions of the state;
* a capital is the state when it acts ("Pyongyang said", "Pyongyang's intent") and the city
  when it is a place ("in Seoul"), decided from the parse (``entities_syntax``);
* name fragments join the full name ("Kim" -> "Kim Jong Un"); titles are stripped from the
  name and kept as an alias ("President Reagan");
* an abbreviation introduced beside its long form ("the African National Congress (ANC)")
  joins the long form; spelling variants meet under a normalised key.

Ids are e1, e2, ... in order of first mention.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.extract.entities_gazetteer import (
    COMPONENT,
    SHIP_KEY,
    Gazetteer,
    GazetteerEntry,
    fold,
    folded_names,
    load_gazetteer,
    normalise,
    state_called,
)
from newsledger.extract.entities_syntax import (
    capital_is_government,
    descriptor_type,
    extend_left,
    name_type,
    place_type,
    rules,
)
from newsledger.records import Dateline, Entity

# NER labels that are not entities in this scheme (dates, numbers, products, languages, works).
SKIP_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "LANGUAGE",
        "WORK_OF_ART",
        "PRODUCT",
    }
)
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_NOT_QUALIFIERS = frozenset({"DET", "VERB", "AUX", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT"})
_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "al"})
_DASHES = frozenset({"-", "\u2013"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT"})
# labels the NER gives names of bodies and people it misreads as things ("Open Doors")
_DESCRIBABLE_LABELS = frozenset({"PRODUCT", "WORK_OF_ART"})


def add_entity_components(nlp: Language) -> None:
    """Put the gazetteer after the statistical NER so its matches correct NER labels."""
    if COMPONENT in nlp.pipe_names:
        return
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="ner")
    else:
        nlp.add_pipe(COMPONENT, last=True)


@dataclass(slots=True)
class _Mention:
    start: int  # character span of the mention
    end: int
    tok_start: int
    tok_end: int
    text: str  # the name as written, whitespace collapsed, without article or possessive
    type: str
    key: str
    gazetteer: bool
    aliases: list[str] = field(default_factory=list)
    words: tuple[str, ...] = ()
    title_start: int | None = None  # where "Foreign Minister Pik Botha" starts
    placed: bool = False  # typed by a place noun ("the town of X"), which outvotes the NER


def extract_entities(doc: Doc) -> list[Entity]:
    """The canonical entities of a parsed article."""
    gaz = load_gazetteer()
    mentions = [m for ent in doc.ents if (m := _mention(doc, ent, gaz)) is not None]
    mentions += [m for span in _untagged_names(doc) if (m := _mention(doc, span, gaz)) is not None]
    mentions = _drop_title_words(mentions)
    mentions = _demonym_groups(doc, mentions, gaz)
    mentions += _paired_conflicts(doc, mentions)
    mentions += _state_bodies(doc, mentions)
    _mend_dangling_links(doc, mentions)
    _facilities_after_places(doc, mentions)
    _extend_of_names(doc, mentions)
    _join_qualified_organisations(doc, mentions, gaz)
    _resolve_capitals(doc, mentions, gaz)
    _compass_states(doc, mentions)
    _join_abbreviations(doc, mentions)
    _family_names(mentions)
    _join_name_fragments(mentions, gaz)
    _leader_governments(doc, mentions, gaz)
    _state_governments(mentions)
    _settle_statistical_types(mentions)
    return _build(mentions, gaz)


def _untagged_names(doc: Doc) -> list[Span]:
    """Proper-noun runs the NER left out whose type the text states: a name head ("Kestrel
    Air", "Tamsin Regional Airport") or a noun beside it ("the news outlet Vindrose")."""
    tagged = {t.i for ent in doc.ents for t in ent}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ != "PROPN" or i in tagged or not tok.text[:1].isupper():
            i += 1
            continue
        end = i + 1
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and end not in tagged
            and doc[end].text[:1].isupper()
        ):
            end += 1
        span = doc[i:end]
        if end < len(doc) and doc[end].text == "." and end - i == 1 and len(tok) <= 4:
            i = end  # an abbreviated rank or title ("Maj.", "Capt."), not a name
            continue
        type_ = name_type([t.text for t in span]) or descriptor_type(span)
        if type_ is not None and type_ != "WEAPON":
            found.append(Span(doc, i, end, label=type_))
        i = end
    return found


def _clean(text: str) -> str:
    return " ".join(text.split())


def _core(ent: Span) -> tuple[int, int] | None:
    """Token bounds of the name without a leading article or a trailing possessive."""
    start, end = ent.start, ent.end
    leading = rules().leading_determiners
    while start < end and (
        ent.doc[start].lower_ == "the"
        or ent.doc[start].is_punct
        or _participle(ent.doc[start])
        or (ent.doc[start].text in leading)  # lower case only: "All India Radio" is a name
    ):
        start += 1
    while end > start and (ent.doc[end - 1].text in _POSSESSIVE or ent.doc[end - 1].is_punct):
        end -= 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    for i in range(end - 1, start, -1):
        if _CLOSES_A_SENTENCE.search(ent.doc[i - 1].text):
            # "preserved.″ Milosevic": the NER ran over the end of a quoted sentence
            start = i
            break
    doc = ent.doc
    for i in range(start + 1, end):
        if doc[i].text in _DASHES and doc[i - 1].whitespace_ and doc[i].whitespace_:
            # "Mevlut Cavusoglu - Sputnik International", "Joseph Stalin - and": a spaced
            # dash ends a name (a hyphen inside one, "Natan-Zada", has no spaces)
            end = i
            break
    for i in range(start + 1, end):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i + 1 : end]):
            # "the Line of Control (LoC": the NER ran into a bracketed abbreviation
            end = i
            break
    while end > start and doc[end - 1].lower_ in _TRAILING_LINKS:
        end -= 1
    if start >= end:
        return None
    return start, end


_DASHES = frozenset({"-", "–", "—", "--"})
# lower-case particles that open names: "al-Assad", "de Mistura", "von der Leyen", "bin Salman"
_NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "as",
        "ash",
        "at",
        "az",
        "ar",
        "an",
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "ibn",
        "bint",
        "abu",
        "ben",
        "dos",
    }
)
_TRAILING_LINKS = _DASHES | {"and", "or", "&"}


# a token that ends a sentence or a quotation inside a span: "preserved.″", "said.”"
_CLOSES_A_SENTENCE = re.compile(r"[a-z][.!?][\"”’″']+$|[”″]$")


def _plural_possessor(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """ "the Seafarers' Guild" tagged as "Guild": a capitalised plural possessor with a bare
    apostrophe is part of the name ("Workers' Party"); "Kenya's Red Cross" is not."""
    if start >= 2 and doc[start - 1].text in ("'", "\u2019"):
        owner = doc[start - 2]
        if owner.tag_ == "NNPS" and owner.dep_ == "poss" and start <= owner.head.i < end:
            return start - 2, end
    return start, end


def _participle(tok: Token) -> bool:
    """ "U.S.-designated", "Iranian-backed": a hyphenated modifier before a name is no part of it."""
    head, _, tail = tok.text.rpartition("-")
    return bool(head) and tail.isalpha() and tail.islower()


def _surface_forms(doc: Doc, start: int, end: int) -> list[str]:
    """The name as written, plus the forms with the article and the possessive it occurs with."""
    core = _clean(doc[start:end].text)
    forms = [core]
    # "the Kremlin spokesman": the article belongs to the noun the name modifies
    if start > 0 and doc[start - 1].lower_ == "the" and doc[end - 1].dep_ not in _MODIFIER_DEPS:
        forms.append(_clean(doc[start - 1 : end].text))
    if end < len(doc) and doc[end].text in _POSSESSIVE:
        forms.append(_clean(doc[start : end + 1].text))
    return forms


def _mention(doc: Doc, ent: Span, gaz: Gazetteer) -> _Mention | None:
    if ent.label_ in SKIP_LABELS and _gazetteer_reference(ent.kb_id_, gaz) is None:
        described = descriptor_type(ent) if ent.label_ in _DESCRIBABLE_LABELS else None
        if described not in ("ORG", "PERSON"):
            return None
        # "the rights group Open Doors" read as a product: the noun beside it says what it is
        ent = Span(doc, ent.start, ent.end, label=described)
    bounds = _core(ent)
    if bounds is None:
        return None
    start, end = _plural_possessor(doc, *bounds)
    text = _clean(doc[start:end].text)
    if text in rules().time_zones:
        return None  # "at 0900 GMT": a time zone is nobody
    if not any(c.isalpha() for c in text) or len(text) < 2:
        return None
    reference = _gazetteer_reference(ent.kb_id_, gaz)
    if reference is not None:
        role, key = reference
        if ent.kb_id_ == SHIP_KEY:
            key = "WEAPON/~" + normalise(text)  # each named warship is its own entity
        entry = gaz.entries.get(key)
        type_ = entry.type if entry else key.split("/", 1)[0]
        # a capital's role is settled later; its state is in its key until then
        mention = _Mention(
            doc[start].idx,
            doc[end - 1].idx + len(doc[end - 1]),
            start,
            end,
            text,
            type_,
            key,
            True,
            _surface_forms(doc, start, end),
        )
        if role == "demonym" and not text.endswith("s"):
            # "the Kuwaitis" names the people; "the Soviet proposal" has no article of its own
            mention.aliases = [a for a in mention.aliases if a.split()[0].lower() != "the"]
        if role == "capital":
            mention.type = "capital"
        elif type_ == "WEAPON" and entry is not None and entry.kind == "class":
            _extend_weapon_class(doc, mention)
        elif type_ == "PERSON":
            _add_titled_form(doc, mention, gaz)
        return mention
    if text.islower():
        return None  # the NER's lower-case guesses are common nouns ("contras" comes from data)
    if text[:1].islower() and re.split(r"[-\s]", text, maxsplit=1)[0] not in _NAME_PARTICLES:
        return None  # "trans-Antarctic", "pro-Kremlin": an adjective, not a name
    last = doc[end - 1].lower_ + ("." if end < len(doc) and doc[end].text == "." else "")
    if last.endswith(".") and (last,) in gaz.titles:
        return None  # "Marine Brig" cut off before "Brig. Gen. Richard Neal": a title, no name
    if end - start == 1 and _office_portfolio(doc, start):
        return None
    type_ = ent.label_
    titled = _strip_title(doc, start, end, gaz)
    if (
        titled > start
        and type_ in ("ORG", "NORP", "GPE")
        and doc[titled].text[:1].isupper()
        and name_type([t.text for t in doc[start:end]]) is None
    ):
        # "Hojatoleslam Akbar" read as an organisation, "Hashemi Rafsanjani" left untagged: a
        # title opens a person's name, which runs on over the capitalised words after it
        stretched = end
        while (
            stretched < len(doc)
            and doc[stretched].pos_ == "PROPN"
            and doc[stretched].text[:1].isupper()
        ):
            if doc[stretched].ent_type_ and doc[stretched].ent_iob_ == "B":
                break
            stretched += 1
        named_on = stretched < len(doc) and doc[stretched].text[:1].isupper()
        if stretched - titled >= 2 or type_ != "ORG" or named_on:
            # (an organisation named by a title and one word, "General Motors", stays one)
            end = stretched
            type_ = "PERSON"
            text = _clean(doc[start:end].text)
    placed = None
    if type_ in _NAME_LABELS:
        placed = place_type(doc[start:end]) or name_type([t.text for t in doc[start:end]])
        described = descriptor_type(Span(doc, start, end, label=type_))
        if described == "WEAPON":
            placed = placed or ("WEAPON" if type_ == "PERSON" else None)  # ships bear names
        else:
            placed = placed or described
        type_ = placed or type_
    if type_ == "EVENT" and end < len(doc) and doc[end].lower_ in rules().event_nouns:
        end += 1  # the NER leaves the noun out: "the Iran-Iraq" + "war"
        text = _clean(doc[start:end].text)
    if type_ == "PERSON":
        start = _given_names_after_title(doc, _strip_title(doc, start, end, gaz), gaz)
        text = _clean(doc[start:end].text)
    # the matcher already saw every listed name in context; an ambiguous one it passed over
    # ("a Patriot fan") must not come back through the NER
    known = None if text in gaz.needs_context else gaz.by_norm.get(normalise(text))
    if known is None and type_ == "PERSON":
        known = folded_names().get(fold(text))  # "Zelenskyy" for the listed "Zelensky"
    mention = _Mention(
        doc[start].idx,
        doc[end - 1].idx + len(doc[end - 1]),
        start,
        end,
        text,
        type_,
        known or _key_of(text),
        known is not None,
        _surface_forms(doc, start, end),
        tuple(normalise(text).split()),
    )
    if known:
        mention.type = gaz.entries[known].type
    mention.placed = placed is not None and not known
    if mention.type == "PERSON":
        _add_titled_form(doc, mention, gaz)
    return mention


def _key_of(text: str) -> str:
    """The key of a name the gazetteer does not know: transliteration variants share it."""
    return "~" + fold(text)


def _office_portfolio(doc: Doc, start: int) -> bool:
    """ "State" in "Secretary of State", "Transportation" in "Secretary of Transportation": the
    portfolio word of an office title is no organisation of its own."""
    return (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in rules().office_titles
    )


def _gazetteer_reference(kb_id: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """(role, key) from a span the gazetteer component wrote; None for anything else (an
    entity linker of someone else's may use ``kb_id_`` too)."""
    if not kb_id or ":" not in kb_id:
        return None
    role, key = kb_id.split("|", 1)[0].split(":", 1)
    if role == "capital" and key.split("/", 1)[-1] in gaz.capital_of:
        return role, key
    if role in ("name", "demonym") and (key in gaz.entries or kb_id == SHIP_KEY):
        return role, key
    return None


def _add_titled_form(doc: Doc, mention: _Mention, gaz: Gazetteer) -> None:
    """Titled forms as aliases: "North Korean leader Kim Jong Un", "Secretary of State
    George Shultz"."""
    titled = min(
        extend_left(mention.tok_start, doc[mention.tok_end - 1]),
        _title_start(doc, mention.tok_start, gaz),
    )
    if titled < mention.tok_start:
        mention.title_start = titled
        mention.aliases.append(_clean(doc[titled : mention.tok_end].text))


def _title_start(doc: Doc, start: int, gaz: Gazetteer) -> int:
    """Where a title from the lexicon ends right before a name ("Secretary of State\nGeorge
    Shultz"), with the capitalised qualifiers before it ("Defense Secretary", "Soviet Foreign
    Minister"); ``start`` when there is none. The parse of such runs is often wrong."""
    words: list[int] = []
    i = start - 1
    while i >= 0 and len(words) < 8:
        if not doc[i].is_space:
            words.append(i)
        i -= 1
    lowered = [doc[i].lower_ for i in words]  # right to left
    for title in gaz.titles:
        n = len(title)
        if n <= len(lowered) and tuple(reversed(lowered[:n])) == title:
            new_start = words[n - 1]
            for j in words[n : n + 3]:
                tok = doc[j]
                if not (tok.is_title or tok.is_upper) or tok.pos_ in _NOT_QUALIFIERS:
                    break
                new_start = j
            return new_start
    return start


def _given_names_after_title(doc: Doc, start: int, gaz: Gazetteer) -> int:
    """ "Curator Ana Ribeiro" tagged as "Ribeiro" alone: capitalised name words between a
    title from the lexicon and the tagged surname belong to the name."""
    for k in (1, 2):
        first = start - k
        if first < 0:
            break
        words = doc[first:start]
        if not all(
            t.pos_ == "PROPN"
            and t.is_title
            and t.dep_ == "compound"
            and (t.lower_,) not in gaz.titles
            for t in words
        ):
            break
        if _title_start(doc, first, gaz) < first:
            return first
    return start


def _strip_title(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int:
    words = [t.lower_ for t in doc[start:end]]
    for title in gaz.titles:
        if len(title) < len(words) and tuple(words[: len(title)]) == title:
            return start + len(title)
    return start


def _extend_weapon_class(doc: Doc, mention: _Mention) -> None:
    """A class mention keeps its modifiers: "mobile, solid-fuel ballistic missiles"."""
    root = doc[mention.tok_end - 1]
    if root.dep_ == "compound":
        return  # "INF treaty": the class names what the treaty is about, it has no modifiers
    new_start = extend_left(mention.tok_start, root, _entity_tokens_before(doc, mention.tok_start))
    if new_start < mention.tok_start:
        mention.tok_start = new_start
        mention.start = doc[new_start].idx
        mention.aliases.insert(0, _clean(doc[new_start : mention.tok_end].text))


def _entity_tokens_before(doc: Doc, start: int) -> set[int]:
    """Tokens of the entities that end at or before ``start``, within the reach of
    ``extend_left`` (only that window matters; reading ``doc.ents`` per mention made a long
    text quadratic)."""
    blocked: set[int] = set()
    for i in range(max(0, start - rules().max_tokens - 1), start):
        if doc[i].ent_iob_ in ("B", "I"):
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= start:
                blocked.add(i)
    return blocked


def _drop_title_words(mentions: list[_Mention]) -> list[_Mention]:
    """The NER's one-word guesses inside a person's title ("Defense" in "Defense Secretary
    Caspar Weinberger") are not names; known names there ("North Korean leader") still count."""
    titles = [(m.title_start, m.tok_start) for m in mentions if m.title_start is not None]
    if not titles:
        return mentions
    return [
        m
        for m in mentions
        if m.gazetteer
        or m.tok_end - m.tok_start > 1  # "Turkish Foreign Ministry spokesman X" is a real name
        or not any(s <= m.tok_start and m.tok_end <= e for s, e in titles)
    ]


def _paired_conflicts(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "the Iran-Iraq war", "the Russia-Ukraine conflict": two states joined by a hyphen before
    an event noun name an EVENT; each state keeps its own mention."""
    events: list[_Mention] = []
    by_start = {m.tok_start: m for m in mentions if m.type in ("GPE", "capital")}
    ends = {m.tok_end + 1: m for m in by_start.values()}
    taken = {(m.tok_start, m.tok_end) for m in mentions if m.type == "EVENT"}
    nouns = rules().event_nouns
    for first in by_start.values():
        dash = first.tok_end
        second = by_start.get(dash + 1)
        if second is None or doc[dash].text not in _DASHES or second.tok_end >= len(doc):
            continue
        noun = doc[second.tok_end]
        if noun.lower_ not in nouns:
            continue
        start, end = first.tok_start, second.tok_end + 1
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        text = _clean(doc[start:end].text)
        events.append(
            _Mention(
                doc[start].idx,
                noun.idx + len(noun),
                start,
                end,
                text,
                "EVENT",
                _key_of(text),
                False,
                _surface_forms(doc, start, end),
                tuple(normalise(text).split()),
            )
        )
    for m in mentions:
        # "Iran" + "–" + "Iraq War": the NER's event name stopped at the dash
        opening = ends.get(m.tok_start) if m.type == "EVENT" and not m.gazetteer else None
        if opening is not None and doc[m.tok_start - 1].text in _DASHES:
            _respan(doc, m, opening.tok_start, m.tok_end)
    return events


def _state_bodies(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "the U.S. military", "Russian military forces", "Iraqi armed forces", "the Chilean
    foreign ministry": a state's armed forces or ministry written after its name are an
    organisation of their own (the state keeps its mention); "American military" and "U.S.
    military" meet under the state's key, as do one state's forms of one ministry."""
    forces: list[_Mention] = []
    kinds = [(noun, "armed forces") for noun in rules().armed_forces]
    kinds += [(noun, " ".join(noun)) for noun in rules().state_ministries]
    named = {t for n in mentions if n.type == "ORG" for t in range(n.tok_start, n.tok_end)}
    for m in mentions:
        if not m.key.startswith("GPE/") or not m.gazetteer or m.type == "capital":
            continue
        i = m.tok_end  # "Iraq's armed forces" reads as the state's own, and is left to it
        found = next(
            (
                (i + len(noun), kind)
                for noun, kind in kinds
                if tuple(t.lower_ for t in doc[i : i + len(noun)]) == noun
            ),
            None,
        )
        if found is None:
            continue
        end, kind = found
        head = doc[end - 1]
        if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ in _MODIFIER_DEPS:
            continue  # "U.S. military officials", "military aid": the noun modifies another
        if head.pos_ == "PROPN" and kind == "armed forces":
            continue
        if any(t in named for t in range(i, end)):
            continue  # "the North Korean Foreign Ministry": the NER's organisation already
        text = _clean(doc[m.tok_start : end].text)
        forces.append(
            _Mention(
                m.start,
                head.idx + len(head),
                m.tok_start,
                end,
                text,
                "ORG",
                f"~{kind}@{m.key}",
                False,
                _surface_forms(doc, m.tok_start, end),
                tuple(normalise(text).split()),
            )
        )
    return forces


def _respan(doc: Doc, m: _Mention, start: int, end: int) -> None:
    """Give a statistical mention new token bounds; its text, key and forms follow."""
    m.tok_start, m.tok_end = start, end
    m.start, m.end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    m.text = _clean(doc[start:end].text)
    m.key = _key_of(m.text)
    m.words = tuple(normalise(m.text).split())
    m.aliases = _surface_forms(doc, start, end)


def _demonym_groups(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """ "Israeli Arabs", "Iraqi Kurds", "Syrian Christians": a state's adjective before a people
    noun in the plural names one group (NORP), neither the state nor the whole people."""
    by_start = {m.tok_start: m for m in mentions}
    merged: dict[int, _Mention] = {}
    for m in mentions:
        group = by_start.get(m.tok_end)
        if (
            group is None
            or not m.gazetteer
            or not m.key.startswith("GPE/")
            or not any(role == "demonym" for role, _ in gaz.exact.get(m.text, ()))
            or not group.key.startswith("NORP/")
            or group.tok_end - group.tok_start != 1
            or doc[group.tok_start].tag_ not in ("NNS", "NNPS")
        ):
            continue
        text = _clean(doc[m.tok_start : group.tok_end].text)
        merged[m.tok_start] = _Mention(
            m.start,
            group.end,
            m.tok_start,
            group.tok_end,
            text,
            "NORP",
            _key_of(text),
            False,
            _surface_forms(doc, m.tok_start, group.tok_end),
            tuple(normalise(text).split()),
        )
        merged[group.tok_start] = merged[m.tok_start]
    if not merged:
        return mentions
    kept = [m for m in mentions if m.tok_start not in merged]
    return kept + list({id(g): g for g in merged.values()}.values())


def _mend_dangling_links(doc: Doc, mentions: list[_Mention]) -> None:
    """ "Ministry of Foreign Affairs of" + "Norway": a statistical name that ends on a link word
    ("of", "of the", "for") stopped inside a longer name; it runs on to the name right after it,
    or, when none follows, ends before the link."""
    links = rules().trailing_links
    by_start = {m.tok_start: m for m in mentions if m.type in ("ORG", "GPE", "capital")}
    for m in mentions:
        if m.gazetteer or m.type not in ("ORG", "GPE", "FAC", "LOC", "EVENT"):
            continue
        end = m.tok_end
        while end > m.tok_start + 1 and doc[end - 1].lower_ in links:
            end -= 1
        if end == m.tok_end:
            continue
        owner = by_start.get(m.tok_end)
        if owner is not None and owner is not m and doc[m.tok_end - 1].lower_ != "and":
            _respan(doc, m, m.tok_start, owner.tok_end)
        else:
            _respan(doc, m, m.tok_start, end)


def _facilities_after_places(doc: Doc, mentions: list[_Mention]) -> None:
    """ "Latakia Port", "Mosul International Airport", "Incheon Naval Base": a place's name right
    before a facility head word (``syntax.toml`` [name_heads] fac) names the facility, which the
    NER often leaves as the bare place."""
    heads = sorted(
        (h for h, kind in rules().name_heads.items() if kind == "FAC"), key=len, reverse=True
    )
    taken = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    for m in mentions:
        if m.type not in ("GPE", "capital", "LOC") or m.tok_end >= len(doc):
            continue
        i = m.tok_end
        if doc[i].text == "International":
            i += 1
        end = next(
            (
                i + len(head)
                for head in heads
                if tuple(t.text for t in doc[i : i + len(head)]) == head
            ),
            None,
        )
        if end is None or any(t in taken for t in range(m.tok_end, end)):
            continue
        _respan(doc, m, m.tok_start, end)
        m.type, m.gazetteer, m.placed = "FAC", False, True


def _extend_of_names(doc: Doc, mentions: list[_Mention]) -> None:
    """ "Central Military Commission" + "of the" + "WPK": a body's name the NER stopped at "of"
    runs on to the known organisation or state it belongs to."""
    by_start: dict[int, _Mention] = {}
    for m in mentions:
        if m.type in ("ORG", "GPE"):
            other = by_start.get(m.tok_start)
            if other is None or other.tok_end < m.tok_end:
                by_start[m.tok_start] = m  # the longest name starting there
    heads = rules().name_heads
    # right to left, so that "Communist Party" has become "Communist Party of Vietnam" before
    # "Political Bureau of the" reaches it
    for m in sorted(mentions, key=lambda m: -m.tok_start):
        if m.gazetteer or m.type != "ORG" or m.tok_end + 1 >= len(doc):
            continue
        if heads.get((m.text.split()[-1],)) != "ORG" or doc[m.tok_end].lower_ != "of":
            continue
        i = m.tok_end + 1
        if doc[i].lower_ == "the":
            i += 1
        owner = by_start.get(i)
        if owner is None or owner.type == "capital":
            continue
        _respan(doc, m, m.tok_start, owner.tok_end)
        by_start[m.tok_start] = m


def _join_qualified_organisations(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """ "Iranian" + "Foreign Ministry" is the Iranian Foreign Ministry: a state's adjective right
    before an organisation the NER found becomes part of its name (the adjective stays a
    mention of the state too)."""
    by_start = {m.tok_start: m for m in mentions if m.type == "ORG"}
    for m in mentions:
        org = by_start.get(m.tok_end)
        possessive = m.tok_end < len(doc) and doc[m.tok_end].text in _POSSESSIVE
        if org is None and possessive and _generic_body(doc, by_start.get(m.tok_end + 1)):
            # "Azerbaijan's Defence Ministry" beside "the Armenian Defence Ministry": a body
            # every state has is the owner's own, so two states' ministries stay two
            org = by_start.get(m.tok_end + 1)
        elif possessive:
            continue
        if org is None or not m.key.startswith("GPE/") or m.type == "capital":
            continue
        if doc[m.tok_start : m.tok_end].root.dep_ not in ("amod", "compound", "nmod", "poss"):
            continue
        if org.gazetteer:
            # "United States Department of State": the known body keeps its name and key, the
            # form with its own state's name is one more way of writing it
            entry, state = gaz.entries.get(org.key), gaz.entries.get(m.key)
            if entry is not None and state is not None and entry.country in (None, state.name):
                org.aliases += [
                    f for f in _surface_forms(doc, m.tok_start, org.tok_end) if f not in org.aliases
                ]
            continue
        org.tok_start, org.start = m.tok_start, m.start
        org.text = _clean(doc[m.tok_start : org.tok_end].text)
        known = gaz.by_norm.get(normalise(org.text))
        org.key = known or _key_of(org.text)
        org.gazetteer = known is not None
        org.words = tuple(normalise(org.text).split())
        org.aliases = _surface_forms(doc, org.tok_start, org.tok_end)


def _generic_body(doc: Doc, org: _Mention | None) -> bool:
    """A body every state has, named by its kind alone ("Defence Ministry", "Coast Guard",
    "Foreign Ministry", "Navy"): the organisation words of the roles lexicon and the armed
    forces' nouns, nothing of its own."""
    if org is None or org.gazetteer:
        return False
    words = [t.lower_ for t in doc[org.tok_start : org.tok_end] if t.lower_ != "the"]
    generic = rules().generic_body_words
    return bool(words) and all(w in generic for w in words)


def _resolve_capitals(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    present = {m.key for m in mentions if m.type == "GPE"}
    for m in mentions:
        if m.type != "capital":
            continue
        city = m.key.split("/", 1)[1]
        m.type = "GPE"
        if not capital_is_government(doc[m.tok_start : m.tok_end]):
            continue  # the city itself, under its own key
        states = gaz.capital_of.get(city, [])
        if states:
            # Moscow is Russia today and the Soviet Union in 1987 copy: prefer a state the
            # article names itself
            m.key = next((s for s in states if s in present), states[0])


def _compass_states(doc: Doc, mentions: list[_Mention]) -> None:
    """ "the North" in an article that names North Korea is North Korea ("the South" likewise,
    for South Korea or South Sudan): wire style shortens a state named by its compass word when
    the article names only one such state."""
    states = {
        m.key: m for m in mentions if m.type == "GPE" and m.gazetteer and len(m.text.split()) >= 2
    }
    compass = rules().compass_words
    for m in mentions:
        if m.text not in compass or m.tok_start == 0 or doc[m.tok_start - 1].lower_ != "the":
            continue
        named = [key for key, state in states.items() if state.text.split()[0] == m.text]
        if len(named) == 1:
            m.key, m.type = named[0], "GPE"


def _join_abbreviations(doc: Doc, mentions: list[_Mention]) -> None:
    """ "the African National Congress (ANC)" and "Kuwait News Agency KUNA": ANC, KUNA join."""
    by_start = {m.tok_start: m for m in mentions}
    joined: dict[str, str] = {}
    for m in mentions:
        if len(m.text.split()) < 2:
            continue
        i = m.tok_end
        if i < len(doc) and doc[i].text in _POSSESSIVE:
            continue
        bracketed = i < len(doc) and doc[i].text == "("
        if bracketed:
            i += 1
        if i >= len(doc):
            continue
        candidate = doc[i].text
        # in closed brackets a mixed-case abbreviation counts by its capitals ("Line of
        # Control (LoC)")
        capitals = "".join(c for c in candidate if c.isupper())
        mixed = (
            bracketed
            and i + 1 < len(doc)
            and doc[i + 1].text == ")"
            and candidate[:1].isupper()
            and len(capitals) >= 2
        )
        letters = capitals if mixed else candidate
        if letters.isupper() and candidate.isalpha() and _is_abbreviation(letters, m.text):
            joined[candidate] = m.key
            if i in by_start and by_start[i].text == candidate:
                by_start[i].key = m.key
    if not joined:
        return
    for m in mentions:
        if m.text in joined and not m.gazetteer:
            m.key = joined[m.text]


def _is_abbreviation(abbr: str, long_form: str) -> bool:
    initials = [w[0] for w in long_form.replace("-", " ").split() if w[0].isalpha()]
    core = [w[0] for w in long_form.replace("-", " ").split() if w.lower() not in _STOPWORDS]
    return len(abbr) >= 2 and (
        list(abbr) == [c.upper() for c in core]
        or _subsequence(abbr, "".join(initials).upper())
        and len(abbr) == len(initials)
    )


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _join_name_fragments(mentions: list[_Mention], gaz: Gazetteer) -> None:
    """ "Kim" after "Kim Jong Un", "Reagan" after "President Ronald Reagan", "Chavez" after "Hugo
    Chávez" join the full name; "the Navy" after "the U.S. Navy" joins the organisation. Names
    are compared folded (``fold``), so transliteration variants of a surname meet."""
    people = [(tuple(fold(m.text).split()), m) for m in mentions if m.type == "PERSON"]
    orgs = [(tuple(normalise(m.text).split()), m) for m in mentions if m.type == "ORG"]
    # places typed by their own words ("Kfar Yona", "Wadi Rum"): their last word alone, which
    # the NER may read as a person, is a second mention of the place
    places = [
        (tuple(fold(m.text).split()), m)
        for m in mentions
        if m.placed and m.type in ("GPE", "LOC", "FAC")
    ]
    known = {w for name_words, _ in people if len(name_words) > 1 for w in name_words}
    for m in mentions:
        if m.type == "PERSON" and not m.gazetteer and _is_name_pair(m.text, known):
            m.type = "pair"  # "the Reagan-Gorbachev summit" names two people; dropped in _build
            continue
        if m.gazetteer and m.type != "PERSON":
            _city_named_for(m, people, gaz)  # "Austin" after "Lloyd Austin" becomes him
            continue
        words = m.words or tuple(normalise(m.text).split())
        if not words:
            continue
        folded = tuple(fold(m.text).split())
        person = None
        if m.type == "PERSON" or (len(words) == 1 and m.text[:1].isupper()):
            person = _nearest_containing(m, folded, people)
        elif not m.placed:
            # "al-Assad" after "Bashar al-Assad", whatever label the NER gave the fragment
            person = _nearest_containing(m, folded, people, tail=True)
        if person is not None:
            m.key, m.type = person.key, "PERSON"
            continue
        place = (
            _nearest_containing(m, folded, places, tail=True)
            if len(words) == 1 and m.type in ("PERSON", "ORG") and not m.placed
            else None
        )
        if place is not None:
            m.key, m.type, m.placed = place.key, place.type, True
            continue
        if m.type == "PERSON" and len(words) == 1 and not m.gazetteer:
            owner = gaz.surnames.get(m.text) or folded_names().get(fold(m.text))
            if owner:
                m.key, m.gazetteer = owner, True
                continue
        if m.type in ("ORG", "PERSON", "GPE") and not m.gazetteer:
            # "Mahan's director" after "Mahan Air", whatever label the NER gave the stem
            longer = next(
                (o for w, o in orgs if o.key != m.key and _part_of_org_name(w, words, gaz, o.text)),
                None,
            )
            if longer is not None and (m.type == "ORG" or _is_company_stem(longer, words)):
                m.key, m.type = longer.key, "ORG"


def _family_names(mentions: list[_Mention]) -> None:
    """ "Dina Turki" beside "Hazar Turki", "Eden Natan-Zada" beside "Yitzhak Natan-Zada": a
    two- or three-word capitalised name whose last word is the surname of a person in the same
    article is a person too (relatives and namesakes), whatever the NER labelled it."""
    surnames = {
        fold(m.text).split()[-1] for m in mentions if m.type == "PERSON" and len(m.text.split()) > 1
    }
    # "Lind" tagged a person on its own: "Tomas Lind", read as an organisation elsewhere, is
    # that person too
    honorifics = rules().honorifics
    surnames |= {
        fold(m.text)
        for m in mentions
        if m.type == "PERSON"
        and not m.gazetteer
        and len(m.text.split()) == 1
        # "Mr Scholz": a courtesy title makes a surname however the mention was typed
        and (not m.placed or any(a.split()[0].lower().rstrip(".") in honorifics for a in m.aliases))
    }
    for m in mentions:
        if m.gazetteer or m.placed or m.type not in _NAME_LABELS or m.type == "PERSON":
            continue
        words = m.text.split()
        if (
            2 <= len(words) <= 3
            and all(w[:1].isupper() for w in words)
            and fold(m.text).split()[-1] in surnames
            and name_type(words) is None  # "Lind Bank" ends like an organisation's name
        ):
            m.type = "PERSON"


def _city_named_for(
    m: _Mention, people: list[tuple[tuple[str, ...], _Mention]], gaz: Gazetteer
) -> None:
    """ "Austin said" after "Defense Secretary Lloyd Austin": a one-word city or region name
    that is the surname of a person the article named before it is that person (re-keyed in
    place)."""
    entry = gaz.entries.get(m.key)
    # (a province too: "Farah said" after "Interior Minister Lina Farah")
    if entry is None or entry.kind not in {"city", "region"} or len(m.text.split()) != 1:
        return
    word = fold(m.text)
    for name_words, person in people:
        if len(name_words) > 1 and name_words[-1] == word and person.start < m.start:
            m.key, m.type, m.gazetteer = person.key, "PERSON", person.gazetteer
            return


def _is_name_pair(text: str, known: set[str]) -> bool:
    parts = text.lower().split("-")
    return " " not in text and len(parts) == 2 and all(p in known for p in parts)


def _nearest_containing(
    m: _Mention,
    words: tuple[str, ...],
    names: list[tuple[tuple[str, ...], _Mention]],
    *,
    tail: bool = False,
) -> _Mention | None:
    """The nearest longer name before the fragment that contains it (ends with it, with
    ``tail``), else the first after."""
    best: _Mention | None = None
    for name_words, other in names:
        if len(name_words) <= len(words) or other.key == m.key:
            continue
        if not (_ends_with(name_words, words) if tail else _contains(name_words, words)):
            continue
        if other.start < m.start:
            if best is None or best.start > m.start or other.start > best.start:
                best = other
        elif best is None:
            best = other
    return best


def _part_of_org_name(
    name: tuple[str, ...], part: tuple[str, ...], gaz: Gazetteer, written: str
) -> bool:
    """ "Navy" in "U.S. Navy", "Foreign Ministry" in "Iranian Foreign Ministry" (the name
    without its state qualifier), "Alternacare" in "Alternacare Corp" (the stem). "House" is
    not "White House": "White" is no state."""
    n = len(part)
    if (
        name[:n] == part
        and len(name) > n + 1
        and name[n] == "of"
        and " ".join(name[n + 1 :]) in gaz.state_forms
    ):
        return True  # "Parliament" in "Parliament of Iraq"
    if _ends_with(name, part):
        qualifier = name[: -len(part)]
        if " ".join(qualifier) in gaz.state_forms:
            return True
        if len(part) > 1 and len(qualifier) == 1 and written.split()[0].isupper():
            return True  # "General Staff" in "KPA General Staff": an acronym qualifies it
    return _is_stem(name, part)


def _is_stem(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    suffixes = rules().corporate_suffixes
    return len(name) > n and name[:n] == part and all(w in suffixes for w in name[n:])


def _is_company_stem(org: _Mention, part: tuple[str, ...]) -> bool:
    return _is_stem(tuple(normalise(org.text).split()), part)


def _ends_with(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return len(words) > len(part) and words[-len(part) :] == part


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _leader_governments(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """ "the Trump administration", "the Netanyahu government": a listed leader's name before a
    government noun names the state's government, which OUTPUT.md counts as the state (as it
    does a capital that stands for its government); the leader keeps the other mentions."""
    nouns = rules().leader_government_nouns
    for m in mentions:
        entry = gaz.entries.get(m.key) if m.type == "PERSON" else None
        if entry is None or entry.country is None or m.tok_end >= len(doc):
            continue
        state = f"GPE/{entry.country}"
        noun = doc[m.tok_end]
        if noun.lower_ not in nouns or state not in gaz.entries:
            continue
        if doc[m.tok_end - 1].dep_ not in _MODIFIER_DEPS or doc[m.tok_end - 1].head.i != noun.i:
            continue
        _respan(doc, m, m.tok_start, m.tok_end + 1)
        m.key, m.type, m.gazetteer = state, "GPE", True


_STATE_GOVERNMENT = re.compile(
    r"^(?:(?:the )?government of (?:the )?(?P<after>.+?)|(?P<before>.+?) government)"
    r"(?:\s*\([^)]*\))?$",
    re.IGNORECASE,
)


def _state_governments(mentions: list[_Mention]) -> None:
    """ "the Government of the Republic of Korea", "the ROK Government": a state's government
    named by the state is the state (OUTPUT.md counts a government as its state, as
    _leader_governments does "the Netanyahu government")."""
    for m in mentions:
        if m.type != "ORG" or m.gazetteer:
            continue
        found = _STATE_GOVERNMENT.match(m.text)
        if found is None:
            continue
        state = state_called((found.group("after") or found.group("before") or "").strip())
        if state is not None and state.kind == "state":
            m.key, m.type, m.gazetteer = state.key, "GPE", True


def _settle_statistical_types(mentions: list[_Mention]) -> None:
    """The NER may label the same name PERSON once and ORG once: the majority label wins."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        if not m.gazetteer:
            votes.setdefault(m.key, Counter())[m.type] += 1
    placed = {m.key: m.type for m in mentions if m.placed}
    for m in mentions:
        if not m.gazetteer and m.key in votes:
            m.type = placed.get(m.key) or votes[m.key].most_common(1)[0][0]


def _build(mentions: list[_Mention], gaz: Gazetteer) -> list[Entity]:
    groups: dict[str, list[_Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.type == "pair":
            continue
        groups.setdefault(m.key, []).append(m)
    entities: list[Entity] = []
    for key, group in groups.items():
        entry = gaz.entries.get(key)
        if entry is not None:
            name, type_, weapon_class = entry.name, entry.type, entry.weapon_class
        elif key.startswith("GPE/"):  # a capital as the city
            name, type_, weapon_class = key.split("/", 1)[1], "GPE", None
        else:
            person_names = [m.text for m in group if m.type == group[0].type]
            name = max(person_names, key=lambda t: (len(t.split()), len(t)))
            type_ = Counter(m.type for m in group).most_common(1)[0][0]
            weapon_class = "warship" if type_ == "WEAPON" else None
        aliases: list[str] = []
        for m in group:
            for form in m.aliases:
                if form not in aliases:
                    aliases.append(form)
        spans = sorted({(m.start, m.end) for m in group})
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                name=name,
                type=type_,
                aliases=aliases,
                mentions=spans,
                weapon_class=weapon_class,
            )
        )
    return entities


def add_dateline_entities(entities: list[Entity], dateline: Dateline | None) -> list[Entity]:
    """The agency and the city of a wire dateline ("PYONGYANG, Sept 19 (KCNA) --"): the agency
    that filed the story and the place it was filed from are named there and often nowhere
    else. The dateline stands outside the body text, so they have no mentions in it (the
    dateline's own span is in the record). Only datelines that credit an agency the gazetteer
    knows count: a bare "TOKYO, March 2 -" adds nothing, nor does a code in brackets."""
    if dateline is None or not dateline.outlet:
        return entities
    gaz = load_gazetteer()
    known = {normalise(form) for e in entities for form in [e.name, *e.aliases]}
    added = list(entities)

    def add(name: str, type_: str, written: str) -> None:
        if normalise(name) in known or normalise(written) in known:
            return
        known.update({normalise(name), normalise(written)})
        added.append(Entity(id=f"e{len(added) + 1}", name=name, type=type_, aliases=[written]))

    agency = _gazetteer_entry(gaz, dateline.outlet)
    if agency is None or agency.type != "ORG":
        return entities  # "(TNF)", "(Wire)": a code the gazetteer does not know as an agency
    add(agency.name, "ORG", dateline.outlet)
    if dateline.place:
        place = _gazetteer_entry(gaz, dateline.place)
        if place is None or place.type == "GPE":
            add(dateline.place, "GPE", dateline.place)
    return added


def _gazetteer_entry(gaz: Gazetteer, written: str) -> GazetteerEntry | None:
    for role, key in gaz.exact.get(written.strip(), ()):
        if role == "name":
            return gaz.entries.get(key)
    by_norm = gaz.by_norm.get(normalise(written))
    return gaz.entries.get(by_norm) if by_norm else None
