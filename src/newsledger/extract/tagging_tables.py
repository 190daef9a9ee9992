"""The shipped attribute ruler and lemmatizer, answered from tables instead of per-token rules.

spaCy's English pipelines map each fine tag to a part of speech and features with an attribute
ruler (a Matcher over the whole document) and then lemmatize every token by rule. Both are pure
functions of a few token attributes, yet together they cost about a fifth of the parse on
news text (1.9 s and 0.95 s of 13.7 s for 300 Reuters stories with en_core_web_sm 3.8). The
two components here give the same annotations from lookup tables that fill as they go:

- ``TabledAttributeRuler`` reads the ruler's own patterns. Every single-token pattern is a test
  on the token's tag, lower-case form, dependency label and whether it is a space; the rules
  that fire for one combination of those are merged once (later rules win, as in the ruler) and
  kept. A pattern over several tokens is tested the same way, token after token, where a
  token passes its first token's test (the Matcher, about 0.45 ms per Reuters story, scanned
  every token for eight rare patterns); one whose tests are not plain goes through a Matcher
  that holds only such patterns.
- ``TabledLemmatizer`` keeps the rule lemmatizer's answer for each (form, part of speech,
  features), including the answers spaCy recomputes every time (base forms).

Both are built from the loaded components and refuse (``None``) any pattern they cannot
answer exactly; the pipeline then keeps spaCy's own component. Same input, same output: the
tests compare the two on parsed text token by token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

# Token attributes a single-token pattern may test, by the name patterns use.
_TESTED = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_TESTED_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
# Attributes a rule may set, by the ids the ruler normalises them to, and their array columns.
_SET_COLUMNS = (POS, TAG, DEP, LEMMA, MORPH)
_COLUMN_OF = {attr: column for column, attr in enumerate(_SET_COLUMNS)}

Test = Callable[[Any], bool]
TokenTests = list[tuple[int, Test]]  # (slot in a token's tested values, test), all must pass
Key = tuple[int, int, int, int]  # a token's tested values: tag, lower-case form, dep, is space


def _value_test(spec: Any) -> Test | None:
    """One attribute's test in a Matcher pattern, or None when it is not a plain comparison."""
    if isinstance(spec, (str, bool, int)):
        return lambda value: value == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((operator, operand),) = spec.items()
        if operator == "IN" and isinstance(operand, list):
            members = frozenset(operand)
            return lambda value: value in members
        if operator == "NOT_IN" and isinstance(operand, list):
            outside = frozenset(operand)
            return lambda value: value not in outside
        if operator == "REGEX" and isinstance(operand, str):
            compiled = re.compile(operand)
            return lambda value: isinstance(value, str) and compiled.search(value) is not None
    return None


def _token_test(spec: dict[str, Any]) -> TokenTests | None:
    tests = []
    for name, value in spec.items():
        test = _value_test(value)
        if name not in _TESTED or test is None:
            return None
        tests.append((_TESTED[name], test))
    return tests


def _lower_forms(spec: dict[str, Any]) -> frozenset[str] | re.Pattern[str] | None:
    """The lower-case forms a token test names (a set or a pattern); None when it tests none."""
    value = spec.get("LOWER")
    if value is None:
        return None
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, dict) and list(value) == ["IN"]:
        return frozenset(value["IN"])
    if isinstance(value, dict) and list(value) == ["REGEX"]:
        return re.compile(value["REGEX"])
    raise ValueError("a lower-case test that names no forms (NOT_IN, a length)")


def _passes(values: tuple[Any, ...], tests: TokenTests) -> bool:
    return all(test(values[slot]) for slot, test in tests)


class TabledAttributeRuler:
    """An attribute ruler's annotations from a table keyed on the attributes its rules test."""

    def __init__(
        self,
        ruler: AttributeRuler,
        singles: list[tuple[int, list[list[tuple[int, Test]]]]],
        named_lowers: frozenset[str],
        lower_patterns: list[re.Pattern[str]],
        multi_token: Matcher | None,
        sequences: list[tuple[int, list[TokenTests]]],
    ) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self._singles = singles
        # lower-case forms some rule tests, by hash; forms met since, tested against patterns
        self._named: dict[int, bool] = {
            ruler.vocab.strings.add(form): True for form in named_lowers
        }
        self._lower_patterns = lower_patterns
        self._multi_token = multi_token
        # (rule id, each token's tests) of the plain patterns over several tokens; by a token's
        # tested values, those whose first token it passes; and its values as patterns see them
        self._sequences = sequences
        self._starting: dict[Key, list[tuple[int, list[TokenTests]]]] = {}
        self._values: dict[Key, tuple[str, str, str, bool]] = {}
        # (tag, lower-case form if some rule names it, dependency, is space) -> the single-token
        # rules that fire, and their attributes merged in rule order
        self._firing: dict[tuple[int, int, int, int], tuple[list[int], dict[int, int]]] = {}

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> TabledAttributeRuler | None:
        """The tabled twin of ``ruler``, or None if one of its patterns is not plain."""
        singles: list[tuple[int, list[list[tuple[int, Test]]]]] = []
        multi_token = Matcher(ruler.vocab)
        sequences: list[tuple[int, list[TokenTests]]] = []
        named: set[str] = set()
        lower_patterns: list[re.Pattern[str]] = []
        for rule_id, pattern in enumerate(ruler.patterns):
            attrs = ruler.attrs[rule_id]
            if any(key not in _SET_COLUMNS for key in attrs):
                return None  # extension attributes and others: keep spaCy's ruler
            alternatives = cast(list[list[dict[str, Any]]], pattern["patterns"])
            if all(len(tokens) == 1 for tokens in alternatives):
                tests = [_token_test(tokens[0]) for tokens in alternatives]
                if any(test is None for test in tests):
                    return None
                try:
                    lowers = [_lower_forms(tokens[0]) for tokens in alternatives]
                except ValueError:
                    return None
                for forms in lowers:
                    if isinstance(forms, re.Pattern):
                        lower_patterns.append(forms)
                    elif forms:
                        named.update(forms)
                singles.append((rule_id, [test for test in tests if test is not None]))
            elif all(
                all("OP" not in token for token in tokens) and tokens for tokens in alternatives
            ):
                for tokens in alternatives:
                    token_tests = [_token_test(token) for token in tokens]
                    if all(tests is not None for tests in token_tests):
                        sequences.append((rule_id, cast(list[TokenTests], token_tests)))
                    else:
                        multi_token.add(str(rule_id), [tokens])
            else:
                return None
        multi = multi_token if len(multi_token) else None
        return cls(ruler, singles, frozenset(named), lower_patterns, multi, sequences)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = self.vocab.strings
        tested = doc.to_array(_TESTED_COLUMNS)
        values = doc.to_array(list(_SET_COLUMNS))
        rows = tested.tolist()
        extra: dict[int, list[int]] = {}
        if self._multi_token is not None:
            for match_id, start, end in self._multi_token(doc, allow_missing=True):
                rule_id = int(strings[match_id])
                target = range(start, end)[self.ruler.indices[rule_id]]
                extra.setdefault(target, []).append(rule_id)
        if self._sequences:
            self._add_sequences(rows, extra)
        for i, (tag, lower, dep, is_space) in enumerate(rows):
            rule_ids, merged = self._rules_for(tag, lower, dep, is_space)
            if i in extra:
                # a rule over several tokens takes its place among the others by its number
                merged = self._merge(sorted([*rule_ids, *extra[i]]))
            for attr, value in merged.items():
                values[i, _COLUMN_OF[attr]] = value
        doc.from_array(list(_SET_COLUMNS), cast(Any, values))
        return doc

    def _add_sequences(self, rows: list[list[int]], extra: dict[int, list[int]]) -> None:
        """The rules of the plain patterns over several tokens, by the token they set, at every
        place a Matcher would find them: each token's tests pass, one token after another."""
        keys: list[Key] = [(tag, lower, dep, is_space) for tag, lower, dep, is_space in rows]
        for start, key in enumerate(keys):
            for rule_id, token_tests in self._starting_at(key):
                end = start + len(token_tests)
                if end <= len(keys) and all(
                    _passes(self._token_values(keys[start + k]), token_tests[k])
                    for k in range(1, len(token_tests))
                ):
                    target = range(start, end)[self.ruler.indices[rule_id]]
                    extra.setdefault(target, []).append(rule_id)

    def _starting_at(self, key: Key) -> list[tuple[int, list[TokenTests]]]:
        """The plain patterns over several tokens whose first token's tests these values pass."""
        found = self._starting.get(key)
        if found is None:
            values = self._token_values(key)
            found = [
                (rule_id, token_tests)
                for rule_id, token_tests in self._sequences
                if _passes(values, token_tests[0])
            ]
            self._starting[key] = found
        return found

    def _token_values(self, key: Key) -> tuple[str, str, str, bool]:
        """A token's tested values as a pattern reads them (strings, and a flag)."""
        values = self._values.get(key)
        if values is None:
            tag, lower, dep, is_space = key
            strings = self.vocab.strings
            values = (strings[tag], strings[lower], strings[dep], bool(is_space))
            self._values[key] = values
        return values

    def _rules_for(
        self, tag: int, lower: int, dep: int, is_space: int
    ) -> tuple[list[int], dict[int, int]]:
        """The single-token rules that fire for these attributes, and what they set together."""
        key_lower = lower if self._is_named(lower) else 0
        key = (tag, key_lower, dep, is_space)
        found = self._firing.get(key)
        if found is None:
            strings = self.vocab.strings
            token = (
                strings[tag],
                strings[lower] if key_lower else None,
                strings[dep],
                bool(is_space),
            )
            rule_ids = [
                rule_id
                for rule_id, alternatives in self._singles
                if any(all(test(token[slot]) for slot, test in tests) for tests in alternatives)
            ]
            found = (rule_ids, self._merge(rule_ids))
            self._firing[key] = found
        return found

    def _merge(self, rule_ids: Sequence[int]) -> dict[int, int]:
        """What rules set, applied in order: a later rule overwrites an earlier one."""
        merged: dict[int, int] = {}
        for rule_id in rule_ids:
            merged.update(self.ruler.attrs[rule_id])
        return merged

    def _is_named(self, lower: int) -> bool:
        """Whether some rule tests this lower-case form (so the table must key on it)."""
        named = self._named.get(lower)
        if named is None:
            text = self.vocab.strings[lower]
            named = any(pattern.search(text) for pattern in self._lower_patterns)
            self._named[lower] = named
        return named


class TabledLemmatizer:
    """A rule lemmatizer that keeps every answer it gives, keyed as spaCy keys its own cache."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._lemmas: dict[tuple[int, int, int], int] = {}
        lemmatizer(Doc(self.vocab, words=[]))  # spaCy checks its tables on its first document

    @classmethod
    def from_lemmatizer(cls, lemmatizer: Lemmatizer) -> TabledLemmatizer | None:
        if lemmatizer.mode != "rule":
            return None
        return cls(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lemmatizer = self.lemmatizer
        strings = self.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self._lemmas.get(key)
            if found is None:
                found = strings.add(lemmatizer.lemmatize(doc[i])[0])
                if pos:  # spaCy warns about a token with no part of speech each time
                    self._lemmas[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
        return doc


# The shipped components stay in the pipeline under these names, switched off: the tabled
# twins read their rules and tables from them.
SHIPPED_NAMES = {"attribute_ruler": "spacy_attribute_ruler", "lemmatizer": "spacy_lemmatizer"}


@Language.factory("newsledger_tabled_attribute_ruler", default_config={"source": ""})
def make_tabled_attribute_ruler(nlp: Language, name: str, source: str) -> TabledAttributeRuler:
    ruler = nlp.get_pipe(source)
    tabled = TabledAttributeRuler.from_ruler(ruler) if isinstance(ruler, AttributeRuler) else None
    if tabled is None:
        raise ValueError(f"{source!r} is not an attribute ruler with plain token patterns")
    return tabled


@Language.factory("newsledger_tabled_lemmatizer", default_config={"source": ""})
def make_tabled_lemmatizer(nlp: Language, name: str, source: str) -> TabledLemmatizer:
    lemmatizer = nlp.get_pipe(source)
    tabled = (
        TabledLemmatizer.from_lemmatizer(lemmatizer) if isinstance(lemmatizer, Lemmatizer) else None
    )
    if tabled is None:
        raise ValueError(f"{source!r} is not a rule lemmatizer")
    return tabled


def table_tagging(nlp: Language) -> list[str]:
    """Swap the attribute ruler and rule lemmatizer for their tabled twins; the names swapped.

    A component the twins cannot answer exactly (a pattern with a quantifier, a lookup-mode
    lemmatizer) stays as spaCy ships it.
    """
    swapped = []
    candidates = {
        "attribute_ruler": (
            "newsledger_tabled_attribute_ruler",
            lambda pipe: (
                isinstance(pipe, AttributeRuler)
                and TabledAttributeRuler.from_ruler(pipe) is not None
            ),
        ),
        "lemmatizer": (
            "newsledger_tabled_lemmatizer",
            lambda pipe: isinstance(pipe, Lemmatizer) and pipe.mode == "rule",
        ),
    }
    for name, (factory, answerable) in candidates.items():
        if name not in nlp.pipe_names or not answerable(nlp.get_pipe(name)):
            continue
        shipped = SHIPPED_NAMES[name]
        nlp.rename_pipe(name, shipped)
        nlp.add_pipe(factory, name=name, after=shipped, config={"source": shipped})
        nlp.disable_pipe(shipped)
        swapped.append(name)
    return swapped
