"""The entity gazetteer: JSONL data files -> a spaCy component that corrects the statistical NER.

Data lives in ``extract/data/gazetteer/`` (one JSON object per line, every entry with a ``note``):
states with their official names, abbreviations, demonyms and capitals; other places with a
government (major cities, first-level divisions of newsworthy states, de facto states); peoples and parties
(NORP); regions and seas (LOC); organisations, agencies and news outlets; leaders; weapon
classes and named weapon systems with their class; treaties (LAW) and named wars (EVENT).

The component ``newsledger_gazetteer`` runs after ``ner``. It matches names with two
PhraseMatchers (exact case for names and abbreviations, lower case for weapon class phrases,
which are common nouns) and writes the matches into ``doc.ents`` with ``kb_id_`` set to the
gazetteer key, so ``entities.extract_entities`` knows what each mention refers to. The match
carries a role: ``name`` (the thing itself), ``demonym`` (the state through its adjective,
"North Korean") or ``capital`` (a capital city, which ``extract_entities`` resolves to the state
or to the city from the parse).
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsledger.errors import SettingsError
from newsledger.extract.coref import doc_text
from newsledger.extract.events_lexicon import load_lexicon as load_event_lexicon

COMPONENT = "newsledger_gazetteer"
SHIP_KEY = "name:WEAPON/warship"  # a named warship: the class is the key, the name its own
DATA_PATH = Path(__file__).parent / "data" / "gazetteer"
FILES = (
    "states.jsonl",
    "places.jsonl",
    "groups.jsonl",
    "regions.jsonl",
    "organizations.jsonl",
    "people.jsonl",
    "weapons.jsonl",
    "laws.jsonl",
    "events.jsonl",
)

# Small words inside longer names ("New Zealand League of Rights", "Central and Eastern Europe").
_NAME_LINKS = frozenset({"of", "and", "for", "on", "in", "de", "la", "du", "von", "van", "&"})
# Kinds of GPE entry that are states (and so qualify organisation names), as opposed to cities
# and regions.
_STATE_KINDS = frozenset({"state", "historic", "de_facto_state"})
# Tokens a NER span may carry around a gazetteer name without being a longer name.
_WRAPPERS = frozenset({"the", "'s", "\u2019s", "'", "\u2019"})


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    key: str  # "<TYPE>/<canonical name>", unique
    name: str
    type: str
    kind: str = "name"  # state/historic state, class, system, org, person ...
    weapon_class: str | None = None
    capitals: tuple[str, ...] = ()
    country: str | None = None


@dataclass(slots=True)
class Gazetteer:
    """Every entry and every surface form that refers to it."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    # surface text -> [(role, key)]; role is "name", "demonym" or "capital"
    exact: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # lower-cased weapon class phrases -> [(role, key)]
    lower: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # capital city name -> state keys, in data order (current states first)
    capital_of: dict[str, list[str]] = field(default_factory=dict)
    # normalised surface form -> key, for statistical mentions the matchers did not see
    by_norm: dict[str, str] = field(default_factory=dict)
    # normalised names and adjectives of states ("us", "iranian"): qualifiers of an org name
    state_forms: set[str] = field(default_factory=set)
    # surnames of listed people that only one entry has ("Reagan" -> Ronald Reagan)
    surnames: dict[str, str] = field(default_factory=dict)
    # state names that are also given names ("Chad", "Jordan"): the NER's PERSON reading wins
    given_names: set[str] = field(default_factory=set)
    # system names that need a weapon word beside them ("Patriot missiles")
    needs_context: set[str] = field(default_factory=set)
    context_words: frozenset[str] = frozenset()
    ship_prefixes: frozenset[str] = frozenset()
    ship_states: dict[str, str] = field(default_factory=dict)  # "USS" -> "United States"
    titles: tuple[tuple[str, ...], ...] = ()
    syntax: dict[str, Any] = field(default_factory=dict)

    def add(
        self, text: str, role: str, key: str, *, lower: bool = False, state: bool = False
    ) -> None:
        text = text.strip()
        if not text:
            return
        for variant in _apostrophe_variants(text):
            table = self.lower if lower else self.exact
            refs = table.setdefault(variant.lower() if lower else variant, [])
            if (role, key) not in refs:
                refs.append((role, key))
            if role == "name":
                self.by_norm.setdefault(normalise(variant), key)
            if state and role in ("name", "demonym"):
                self.state_forms.add(normalise(variant))


def normalise(text: str) -> str:
    """A key under which spelling variants meet: case, apostrophes, hyphens, a leading "the"."""
    text = text.lower().replace("\u2019", "'").replace("-", " ").replace(".", "")
    if text.endswith("'s"):
        text = text[:-2]
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def fold(text: str) -> str:
    """``normalise`` with transliteration variants folded, so that "Zelenskyy" and "Zelensky",
    "Hugo Chávez" and "Hugo Chavez", "Kokoity" and "Kokoiti" meet: diacritics dropped, doubled
    letters collapsed, word endings rewritten as ``syntax.toml`` [spelling] lists."""
    return " ".join(_fold_word(w) for w in normalise(text).split())


@lru_cache(maxsize=4096)
def _fold_word(word: str) -> str:
    spelling = load_gazetteer().syntax["spelling"]
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    ).replace("'", "")
    collapsed = re.sub(r"(.)\1+", r"\1", plain)
    for ending, folded in spelling["word_endings"]:
        if not collapsed.endswith(ending) or len(collapsed) <= len(ending) + 1:
            continue
        if ending == "i" and (
            len(collapsed) < spelling["min_length_final_i"] or collapsed[-2] in "aeiouy"
        ):
            continue
        return collapsed[: -len(ending)] + folded
    return collapsed


def pluralise(phrase: str) -> str:
    """Plural of a noun phrase's head word (the last word); weapon classes are regular nouns."""
    head_start = phrase.rfind(" ") + 1
    head = phrase[head_start:]
    if head.isupper():  # abbreviations: ICBM -> ICBMs
        return phrase + "s"
    if head.endswith(("s", "x", "ch", "sh", "o")):
        return phrase + "es"
    if head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + "s"


def demonym_plural(demonym: str) -> str | None:
    """People-noun plural of a nationality adjective ("Iraqi" -> "Iraqis"); None when it has none
    ("Chinese", "British", "Swiss" name the people without a plural form)."""
    if demonym.endswith(("ese", "ish", "ch", "sh", "ss", "s", "z", "y", "o")):
        return None
    return demonym + "s"


def _apostrophe_variants(text: str) -> Iterator[str]:
    yield text
    if "'" in text:
        yield text.replace("'", "\u2019")
    elif "\u2019" in text:
        yield text.replace("\u2019", "'")


def _strip_article(text: str) -> str:
    for article in ("the ", "The "):
        if text.startswith(article) and len(text) > len(article):
            return text[len(article) :]
    return text


def _read_jsonl(name: str) -> Iterator[dict[str, Any]]:
    path = DATA_PATH / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise SettingsError(
            f"gazetteer file {name} cannot be read ({e}); reinstall newsledger"
        ) from e
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise SettingsError(f"gazetteer file {name}, line {number}: invalid JSON ({e})") from e
        if not isinstance(row, dict) or "note" not in row:
            raise SettingsError(f"gazetteer file {name}, line {number}: an entry needs a 'note'")
        yield row


def _key(type_: str, name: str) -> str:
    return f"{type_}/{name}"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read every data file once per process."""
    gaz = Gazetteer()
    surname_owners: dict[str, set[str]] = {}
    for file in FILES:
        for row in _read_jsonl(file):
            if row.get("kind") == "context_words":
                gaz.context_words = frozenset(row["words"])
                continue
            if row.get("kind") == "ship_prefixes":
                gaz.ship_prefixes = frozenset(row["words"])
                gaz.ship_states = dict(row.get("states", {}))
                continue
            _add_row(gaz, row, surname_owners)
    gaz.surnames = {s: next(iter(keys)) for s, keys in surname_owners.items() if len(keys) == 1}
    titles = [row["title"] for row in _read_jsonl("titles.jsonl")]
    gaz.titles = tuple(sorted((tuple(t.lower().split()) for t in titles), key=len, reverse=True))
    path = DATA_PATH / "syntax.toml"
    gaz.syntax = tomllib.loads(path.read_text(encoding="utf-8"))
    return gaz


@lru_cache(maxsize=1)
def folded_names() -> dict[str, str]:
    """Folded names and unambiguous surnames of person entries -> key ("zelensky" -> Volodymyr
    Zelensky), for spellings the data does not list; built on first use, after the syntax data
    ``fold`` reads is loaded."""
    gaz = load_gazetteer()
    table: dict[str, str] = {}
    for norm, key in gaz.by_norm.items():
        if key.startswith("PERSON/"):
            table.setdefault(fold(norm), key)
    for surname, key in gaz.surnames.items():
        table.setdefault(fold(surname), key)
    return table


def state_called(written: str) -> GazetteerEntry | None:
    """The state (or place listed as a GPE) whose name or adjective ``written`` is, exactly as
    the gazetteer lists it ("Iranian" -> Iran, "Republic of Korea" -> South Korea)."""
    gaz = load_gazetteer()
    for role, key in gaz.exact.get(written, ()):
        if role in {"name", "demonym"} and key.startswith("GPE/"):
            return gaz.entries.get(key)
    return None


def _add_row(gaz: Gazetteer, row: dict[str, Any], surname_owners: dict[str, set[str]]) -> None:
    name, type_ = row["name"], row["type"]
    key = _key(type_, name)
    kind = row.get("kind", "state" if type_ == "GPE" else "name")
    weapon_class = row.get("class") if kind == "system" else (name if type_ == "WEAPON" else None)
    capitals = tuple(row.get("capitals", ()))
    gaz.entries[key] = GazetteerEntry(
        key, name, type_, kind, weapon_class, capitals, row.get("country")
    )
    forms = [name, *row.get("aliases", ())]
    if type_ == "WEAPON" and kind == "class":
        if not row.get("match", True):
            return
        # class phrases are common nouns: any case, singular and plural
        for form in forms:
            gaz.add(form, "name", key, lower=True)
            if row.get("plural", True):
                gaz.add(pluralise(form), "name", key, lower=True)
        for abbr in row.get("abbreviations", ()):
            gaz.add(abbr, "name", key)
            gaz.add(pluralise(abbr), "name", key)
        return
    if row.get("given_name"):
        gaz.given_names.add(name)
    # a state's names and adjectives qualify its bodies ("Iranian Foreign Ministry"); a city's
    # or a province's do not make a body of the state
    state = type_ == "GPE" and kind in _STATE_KINDS
    for form in forms:
        gaz.add(_strip_article(form), "name", key, state=state)
        if type_ == "LAW" and form.endswith(" Treaty"):
            gaz.add(form[: -len("Treaty")] + "treaty", "name", key)  # "the INF treaty"
    if type_ == "WEAPON":
        gaz.needs_context.update(row.get("context", ()))
        for form in forms:
            # designations pluralise with a bare "s": "F-16s", "B-1Bs", "Su-27s"
            if kind == "system" and (form[-1].isdigit() or form[-1].isupper()):
                gaz.add(form + "s", "name", key)
            elif (
                kind == "system"
                and form.isalpha()
                and form[:1].isupper()
                and not form.endswith("s")
            ):
                # a one-word name takes a plain plural: "Scuds", "Tomahawks", "Patriots"
                gaz.add(form + "s", "name", key)
                if form in gaz.needs_context:
                    gaz.needs_context.add(form + "s")
    for demonym in row.get("demonyms", ()):
        gaz.add(demonym, "demonym", key, state=state)
        plural = demonym_plural(demonym)
        if plural:
            gaz.add(plural, "demonym", key, state=state)
    for capital in capitals:
        gaz.capital_of.setdefault(capital, []).append(key)
        gaz.add(capital, "capital", _key("GPE", capital))
    if type_ == "PERSON":
        # second references: the last word of each form, and the data's own short forms
        # (family-name-first names: "Xi" for Xi Jinping)
        for short in [f.split()[-1] for f in forms] + list(row.get("short", ())):
            surname_owners.setdefault(short, set()).add(key)


def _pattern_docs(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    return [nlp.make_doc(text) for text in texts]


class GazetteerComponent:
    """Writes gazetteer matches into ``doc.ents``, keeping longer statistical names around them."""

    def __init__(self, nlp: Language, name: str = COMPONENT) -> None:
        self.name = name
        self.gaz = load_gazetteer()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        # one match id per surface form; the id's own table keeps the form, so matching does
        # not depend on which vocab's string store the doc came from
        self._ship_pattern = (
            re.compile(r"\b(?:" + "|".join(sorted(self.gaz.ship_prefixes)) + r") [A-Z0-9]")
            if self.gaz.ship_prefixes
            else None
        )
        self.forms: dict[int, tuple[str, bool]] = {}
        exact_texts = sorted(self.gaz.exact)
        lower_texts = sorted(self.gaz.lower)
        for text, doc in zip(exact_texts, _pattern_docs(nlp, exact_texts), strict=True):
            self.exact.add(text, [doc])
            self.forms[nlp.vocab.strings[text]] = (text, False)
        for text, doc in zip(lower_texts, _pattern_docs(nlp, lower_texts), strict=True):
            self.lower.add("lower:" + text, [doc])
            self.forms[nlp.vocab.strings["lower:" + text]] = (text, True)

    def __call__(self, doc: Doc) -> Doc:
        spans = self.match(doc)
        if spans:
            doc.ents = merge_with_ner(list(doc.ents), spans)
        names = particle_names(doc, self.gaz)
        if names:
            doc.ents = filter_spans(names + [e for e in doc.ents if not _inside_any(e, names)])
        return doc

    def match(self, doc: Doc) -> list[Span]:
        found: list[Span] = []
        target, positions = _without_line_breaks(doc)
        for matcher in (self.exact, self.lower):
            for match_id, m_start, m_end in matcher(target):
                if positions is None:
                    start, end = m_start, m_end
                else:
                    start, end = positions[m_start], positions[m_end - 1] + 1
                text, lower = self.forms[match_id]
                refs = (self.gaz.lower if lower else self.gaz.exact)[text]
                if text in self.gaz.needs_context and not self._weapon_context(doc, start, end):
                    continue
                role, key = refs[0]
                entry_type = key.split("/", 1)[0]
                label = "NORP" if role == "demonym" else entry_type
                # every reference travels in kb_id: "role:key|role:key"
                kb = "|".join(f"{r}:{k}" for r, k in refs)
                found.append(Span(doc, start, end, label=label, kb_id=kb))
        found += self._named_ships(doc)
        return filter_spans(found)

    def _named_ships(self, doc: Doc) -> list[Span]:
        """ "USS Harry S. Truman", "HMS Queen Elizabeth": a navy prefix and the capitalised name
        after it make a named warship."""
        ships: list[Span] = []
        prefixes = self.gaz.ship_prefixes
        if self._ship_pattern is None or not self._ship_pattern.search(doc_text(doc)):
            return ships
        for tok in doc:
            if tok.text not in prefixes:
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 5 and (doc[end].is_title or doc[end].is_digit):
                end += 1
            if end > tok.i + 1:
                ships.append(Span(doc, tok.i, end, label="WEAPON", kb_id=SHIP_KEY))
        return ships

    def _weapon_context(self, doc: Doc, start: int, end: int) -> bool:
        words = self.gaz.context_words
        before = doc[start - 1].text if start > 0 else ""
        after = [t.text for t in doc[end : end + 2]]
        return before in words or any(w in words for w in after)


def particle_names(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """People's names with a lower-case particle before the family name ("Ursula von der
    Leyen", "Orlando dos Santos", and "dos Santos" alone), which the NER breaks at the
    particle: one PERSON span each, unless one entity already spans the whole ("Rio de
    Janeiro") or the gazetteer knows the words as a name."""
    particles = frozenset(gaz.syntax["name_particles"]["words"])
    if not _particle_pattern(particles).search(doc_text(doc)):
        return []  # most articles name no one this way: skip the token walk
    # words before a place's name, not a person's: "in Mar del Plata", "the Punta del Este
    # declaration"
    place_words = frozenset(
        [*gaz.syntax["capital"]["locative_prepositions"], "to", "from", "the", "a", "an"]
    )
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if not (doc[i].is_lower and doc[i].lower_ in particles):
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].is_lower and doc[j].lower_ in particles:
            j += 1
        if j >= len(doc) or not (doc[j].is_title and doc[j].pos_ == "PROPN"):
            i = j
            continue
        end = j + 1
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        start = i
        # the given names before the particle, not a title before them ("Sultan Haitham bin
        # Tarik" is Haitham bin Tarik); a line break of wire copy may stand between ("Cor\nvan
        # der Klugt")
        while start > 0 and i - start < 3:
            before = start - 1
            if doc[before].is_space and before > 0:
                before -= 1
            word = doc[before]
            if not (word.is_title and word.pos_ == "PROPN" and (word.lower_,) not in gaz.titles):
                break
            start = before
        span = Span(doc, start, end, label="PERSON")
        core = start if start == i else i - 1
        whole = any(e.start <= core and e.end >= end for e in doc.ents)
        touching = [e for e in doc.ents if e.start < end and e.end > start]
        # a person's pieces ("Hans van" + "Broek", one-word guesses such as "Orlando" the city)
        # or untagged words; not a company's or a place's longer name ("Barclays de Zoete Wedd
        # Nederland NV", "General Motors do Brasil")
        personal = all(e.label_ == "PERSON" or len(e) == 1 for e in touching)
        # a place's name, or a company's branch in a state ("Nestle de Mexico")
        placed = start > 0 and doc[start - 1].lower_ in place_words
        placed = placed or any(
            gaz.entries[key].kind in _STATE_KINDS
            for _role, key in gaz.exact.get(doc[end - 1].text, [])
            if key in gaz.entries
        )
        if not whole and personal and not placed and span.text not in gaz.exact:
            found.append(span)
        i = end
    return found


@lru_cache(maxsize=2)
def _particle_pattern(particles: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted(re.escape(w) for w in particles))
    return re.compile(rf"\b(?:{words})\s+[A-Z]")


def _inside_any(ent: Span, spans: list[Span]) -> bool:
    return any(s.start <= ent.start and ent.end <= s.end for s in spans)


def _without_line_breaks(doc: Doc) -> tuple[Doc, list[int] | None]:
    """Wire copy breaks lines inside names ("the United\nStates"); spaCy makes the break a token
    of its own, which a phrase pattern cannot step over. Match on a copy without those tokens."""
    # read the token attributes as arrays: iterating Token objects costs more than the match
    spaces = doc.to_array(IS_SPACE)
    keep = (spaces == 0).nonzero()[0]
    if len(keep) == len(doc):
        return doc, None
    orths = doc.to_array(ORTH)[keep].tolist()
    strings = doc.vocab.strings
    positions = keep.tolist()
    return Doc(doc.vocab, words=[strings[o] for o in orths]), positions


def merge_with_ner(ents: list[Span], matches: list[Span]) -> list[Span]:
    """Gazetteer matches replace the NER spans they overlap, except a longer NER name around them.

    A NER span that is only known names plus an article or possessive ("North Korea's",
    "U.S. Central Intelligence Agency") gives way to the matches; one that adds capitalised
    words of its own ("New Mexico", "Washington Post", "Iranian Foreign Ministry") stays.
    """
    covered: dict[int, int] = {}
    for m_index, match in enumerate(matches):
        for t in range(match.start, match.end):
            covered[t] = m_index
    dropped_matches: set[int] = set()
    kept: list[Span] = []
    for ent in ents:
        inside = {covered[t] for t in range(ent.start, ent.end) if t in covered}
        if not inside:
            kept.append(ent)
            continue
        if _ner_name_around(ent, [matches[i] for i in inside], covered) or _given_name(
            ent, [matches[i] for i in inside]
        ):
            dropped_matches.update(inside)
            kept.append(ent)
    kept += [m for i, m in enumerate(matches) if i not in dropped_matches]
    return filter_spans(kept)


def _given_name(ent: Span, inside: list[Span]) -> bool:
    """ "Chad said" with the NER reading a person: the state's name is a given name here."""
    if ent.label_ != "PERSON" or len(inside) != 1:
        return False
    match = inside[0]
    given = load_gazetteer().given_names
    return (match.start, match.end) == (ent.start, ent.end) and match.text in given


def _ner_name_around(ent: Span, inside: list[Span], covered: dict[int, int]) -> bool:
    if any(m.label_ == "WEAPON" for m in inside):
        return False
    if any(m.start < ent.start or m.end > ent.end for m in inside):
        return False  # the match crosses the NER span's edge: the NER boundary is wrong
    extra = [
        t
        for t in ent
        if t.i not in covered
        and t.lower_ not in _WRAPPERS
        and t.lower_ not in _NAME_LINKS
        and not t.is_space
        and not t.is_punct
    ]
    if len(extra) == 1 and _act_word(extra[0]):
        # "the U.S. Attack", "any U.S. Interference": a capital after a state's name in wire
        # copy and title-case headlines, naming the state's act, not a body
        return False
    return bool(extra) and all(t.is_title or t.is_upper or t.is_digit for t in extra)


def _act_word(token: Token) -> bool:
    """Whether a word names an act or an idea ("attack", "bombing", "interference", "policy")
    rather than a body: a noun trigger of the event lexicon or one of its idea nouns."""
    lex = load_event_lexicon()
    lemma = token.lemma_.lower()
    rules = lex.triggers.get(lemma, ())
    return any("NOUN" in rule.pos for rule in rules) or lemma in lex.words("idea_nouns")


@Language.factory(COMPONENT, assigns=["doc.ents"], requires=["doc.ents"])
def make_gazetteer(nlp: Language, name: str) -> GazetteerComponent:
    return GazetteerComponent(nlp, name)
