"""Faster, token-for-token identical stand-ins for two rule components of spaCy pipelines.

In `en_core_web_sm` 3.8 the attribute ruler and the rule lemmatizer take about a quarter
of the pipeline's time, although neither learns anything: the ruler runs a `Matcher` of
179 patterns over every token to map its tag to a part of speech and morphology (34 µs a
token here, most of it matching), and the lemmatizer makes a `Token` object per token to
look up a lemma it has usually computed before. Both give each token a value that depends
only on a few attributes of the token itself, so both can look the answer up in a table
built as the run goes:

`FastAttributeRuler`
    Works out once, for each combination of the attributes its one-token patterns read
    (lower case, tag, dependency, ...), which patterns match, and what they leave on the
    token applied in the ruler's order (later patterns win, as before); patterns of
    several tokens ("gon na") are matched token by token from the same table (a small
    `Matcher` runs only those with operators). The values are written for the whole
    document at once, where the ruler makes a `Span` for each match.
`FastLemmatizer`
    Keys each token by its text, part of speech and morphology (all a rule, lookup or
    POS-lookup lemmatizer reads), computes a lemma on a miss and writes the lemmas back as
    one array. A miss runs the original's own method, only with the rule lemmatizer's
    word index as sets: spaCy keeps it as lists (57,000 nouns), so each candidate form
    was a linear scan (about 190 µs a miss, 20 with sets).

`speed_up(nlp)` puts them in place of the originals (which stay in the pipeline,
disabled) and leaves alone any component it cannot reproduce exactly: patterns on other
attributes or operators, custom lemmatizer modes. `tests/test_fast_components.py` checks
every token attribute against the stock pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token

__all__ = ["FastAttributeRuler", "FastLemmatizer", "speed_up"]

_READABLE = {
    "LOWER": LOWER,
    "ORTH": ORTH,
    "TEXT": ORTH,
    "TAG": TAG,
    "DEP": DEP,
    "IS_SPACE": IS_SPACE,
}
"""Token attributes a one-token pattern may test for the table to stand in for it."""
_STRING_ATTRS = frozenset({LOWER, ORTH, TAG, DEP})
_SETTABLE = frozenset({POS, TAG, DEP, MORPH, LEMMA})
"""Attributes a rule may set for the table to stand in for it."""
_LEMMATIZER_MODES = frozenset({"rule", "lookup", "pos_lookup"})
"""Modes whose lemma depends on nothing but the token's text, POS and morphology."""


class UnsupportedComponent(ValueError):
    """The component uses a feature the fast stand-in does not reproduce."""


def _test(spec: Any) -> Callable[[Any], bool]:
    """A predicate for one attribute's value in a token pattern."""
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if set(spec) == {"IN"}:
        allowed = frozenset(spec["IN"])
        return lambda value: value in allowed
    if set(spec) == {"NOT_IN"}:
        banned = frozenset(spec["NOT_IN"])
        return lambda value: value not in banned
    if set(spec) == {"REGEX"}:
        search = re.compile(spec["REGEX"]).search
        return lambda value: isinstance(value, str) and search(value) is not None
    raise UnsupportedComponent(f"pattern operator {sorted(spec)}")


class FastAttributeRuler:
    """`AttributeRuler` with its one-token patterns answered from a table.

    Parameters
    ----------
    ruler
        The pipeline's attribute ruler; it keeps setting the attributes.

    Raises
    ------
    UnsupportedComponent
        When a pattern tests something other than `_READABLE` attributes with equality,
        IN, NOT_IN or REGEX, or a one-token pattern has an operator ("OP"), or a rule sets
        other than `_SETTABLE` attributes. (Longer patterns with operators go to a spaCy
        `Matcher`; the others are matched from the table too, token by token.)
    """

    def __init__(self, ruler: AttributeRuler | Any):
        self.ruler = ruler
        self.name = f"fast_{ruler.name}"
        self.vocab = ruler.vocab
        self.multi = Matcher(self.vocab, validate=False)  # patterns with operators
        # Each token test of a pattern: (rule id, or -1 - step for a token of a longer
        # pattern, its tests); a token's key then says which of both it passes.
        single: list[tuple[int, list[tuple[int, Callable[[Any], bool]]]]] = []
        self.sequences: list[tuple[int, int, int]] = []  # (rule id, first step, length)
        read: set[int] = set()
        steps = 0  # token tests of longer patterns numbered so far
        listed: dict[int, set[str]] = {}  # attribute -> the values exact or IN tests name
        open_ended: dict[int, list[Callable[[Any], bool]]] = {}  # NOT_IN, REGEX tests
        not_in: set[int] = set()  # attributes a NOT_IN test reads
        for attr_id, entry in enumerate(ruler.patterns):
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                if len(pattern) != 1 and any("OP" in token for token in pattern):
                    self.multi.add(str(attr_id), [pattern])
                    continue
                first = steps
                if len(pattern) != 1:
                    self.sequences.append((attr_id, first, len(pattern)))
                    steps += len(pattern)
                for position, token in enumerate(pattern):
                    tests = []
                    for name, spec in token.items():
                        attr = _READABLE.get(name.upper())
                        if attr is None:
                            raise UnsupportedComponent(f"pattern attribute {name!r}")
                        read.add(attr)
                        test = _test(spec)
                        tests.append((attr, test))
                        if not isinstance(spec, dict):
                            listed.setdefault(attr, set()).add(spec)
                        elif set(spec) == {"IN"}:
                            listed.setdefault(attr, set()).update(spec["IN"])
                        else:
                            open_ended.setdefault(attr, []).append(test)
                            if "NOT_IN" in spec:
                                not_in.add(attr)
                    step = attr_id if len(pattern) == 1 else -1 - (first + position)
                    single.append((step, tests))
        self.single = single
        self.key_attrs = sorted(read)
        # Words no pattern can match all read alike: keying them by word would only grow
        # the table. Such a word is keyed by 0; the others by themselves. Not where a
        # NOT_IN test reads the word: there a word no pattern names may still match.
        self._open = open_ended
        self._listed = {
            attr: frozenset(self.vocab.strings.add(v) for v in listed.get(attr, ()))
            for attr in (LOWER, ORTH)
        }
        self._words: list[dict[int, int] | None] = [
            {} if attr in (LOWER, ORTH) and attr not in not_in else None for attr in self.key_attrs
        ]
        self._table: dict[tuple[int, ...], tuple[int, ...]] = {}
        # What the rules set, written for all tokens at once (`Doc.from_array`), where the
        # ruler makes a `Span` per match. Only attributes of the token alone: the ruler
        # also sets each on the lexeme, which ignores these.
        settable: set[Any] = {attr for attrs in ruler.attrs for attr in attrs}
        if not settable <= _SETTABLE:
            raise UnsupportedComponent(f"sets attributes {sorted(map(str, settable))}")
        self._columns = sorted(settable)
        self._applied: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def _keys(self, doc: Doc) -> list[tuple[int, ...]]:
        """Each token's key: its values of `key_attrs`, words no pattern names as 0."""
        values = doc.to_array(list(self.key_attrs))
        for column, (attr, words) in enumerate(zip(self.key_attrs, self._words, strict=True)):
            if words is None:
                continue
            unique, inverse = numpy.unique(values[:, column], return_inverse=True)
            kept = [self._word(attr, words, value) for value in unique.tolist()]
            values[:, column] = numpy.asarray(kept, dtype=values.dtype)[inverse.reshape(-1)]
        return list(map(tuple, values.tolist()))

    def _word(self, attr: int, words: dict[int, int], value: int) -> int:
        """`value` if a pattern may match the word, else 0 (remembered in `words`)."""
        kept = words.get(value)
        if kept is None:
            text = self.vocab.strings[value]
            named = value in self._listed[attr]
            named = named or any(test(text) for test in self._open.get(attr, ()))
            kept = words[value] = value if named else 0
        return kept

    def _matching(self, key: tuple[int, ...]) -> tuple[int, ...]:
        """The rule ids whose one-token patterns match a token with attribute values `key`."""
        values: dict[int, Any] = {}
        for attr, raw, words in zip(self.key_attrs, key, self._words, strict=True):
            if attr not in _STRING_ATTRS:
                values[attr] = bool(raw)
            elif words is not None and not raw:
                values[attr] = None  # a word no pattern names: equal to none of them
            else:
                values[attr] = self.vocab.strings[raw]  # "" where the attribute is unset
        found = {
            attr_id
            for attr_id, tests in self.single
            if all(test(values[attr]) for attr, test in tests)
        }
        return tuple(sorted(found))  # steps (negative) first

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rules: list[tuple[int, ...]] = [()] * len(doc)  # the rule ids matching each token
        passed: list[tuple[int, ...]] = rules  # ... and the steps of longer patterns
        if self.key_attrs:
            table = self._table
            passed = []
            for key in self._keys(doc):
                ids = table.get(key)
                if ids is None:
                    ids = table[key] = self._matching(key)
                passed.append(ids)
            rules = [ids if not ids or ids[0] >= 0 else _rules(ids) for ids in passed]
        matches = self._sequences(passed) if self.sequences else []
        if len(self.multi):
            matches += [
                (int(self.vocab.strings[match_id]), start, end)
                for match_id, start, end in self.multi(doc, allow_missing=True)
            ]
        for attr_id, start, end in matches:
            index = self.ruler.indices[attr_id]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:  # the ruler raises its own error
                label = self.vocab.strings.add(str(attr_id))
                self.ruler.set_annotations(doc, [(attr_id, label, start, end)])
                continue
            rules[target] = tuple(sorted((*rules[target], attr_id)))
        columns = self._columns
        if not columns:
            return doc
        values = doc.to_array(columns)
        tokens: dict[tuple[int, ...], list[int]] = {}  # the tokens each set of rules matches
        for i, ids in enumerate(rules):
            if ids:
                tokens.setdefault(ids, []).append(i)
        for ids, where in tokens.items():
            for column, value in self._settings(ids):
                values[where, column] = value
        doc.from_array(columns, values)  # type: ignore[arg-type]
        return doc

    def _sequences(self, passed: list[tuple[int, ...]]) -> list[tuple[int, int, int]]:
        """(rule id, start, end) of each longer pattern whose every token passes."""
        found = []
        size = len(passed)
        for start, ids in enumerate(passed):
            if not ids or ids[0] >= 0:
                continue  # passes no step
            for attr_id, first, length in self.sequences:
                if start + length <= size and all(
                    -1 - (first + k) in passed[start + k] for k in range(length)
                ):
                    found.append((attr_id, start, start + length))
        return found

    def _settings(self, ids: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(column, value) the rules `ids` leave on a token, applied in order (later win)."""
        found = self._applied.get(ids)
        if found is None:
            final: dict[int, int] = {}
            for attr_id in ids:
                final.update(self.ruler.attrs[attr_id])
            found = self._applied[ids] = tuple(
                (self._columns.index(attr), value) for attr, value in final.items()
            )
        return found

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _rules(ids: tuple[int, ...]) -> tuple[int, ...]:
    """The rule ids of `ids`, without the steps of longer patterns (negative)."""
    return tuple(i for i in ids if i >= 0)


class FastLemmatizer:
    """A `Lemmatizer` whose lemma per (text, POS, morphology) is computed once.

    Parameters
    ----------
    lemmatizer
        The pipeline's lemmatizer; it computes every lemma not seen before.

    Raises
    ------
    UnsupportedComponent
        For a mode that may read more of the token than its text, POS and morphology.
    """

    def __init__(self, lemmatizer: Lemmatizer | Any):
        if lemmatizer.mode not in _LEMMATIZER_MODES:
            raise UnsupportedComponent(f"lemmatizer mode {lemmatizer.mode!r}")
        self.lemmatizer = lemmatizer
        self.name = f"fast_{lemmatizer.name}"
        self.vocab = lemmatizer.vocab
        self._table: dict[tuple[int, int, int], int] = {}
        self._lemmatize: Callable[[Token], list[str]] = lemmatizer.lemmatize
        if lemmatizer.mode == "rule":
            self._lemmatize = _IndexedRules(lemmatizer).lemmatize

    @property
    def lookups(self) -> Any:
        """The original's lookup tables (the relevance filter reads its rules)."""
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        overwrite = self.lemmatizer.overwrite
        table = self._table
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = table.get(key)
            if value is None:
                text = self._lemmatize(doc[i])[0]
                value = table[key] = self.vocab.strings.add(text)
            rows[i, 3] = value
        doc.from_array([LEMMA], rows[:, 3:4])  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class _IndexedRules:
    """What a rule lemmatizer's `rule_lemmatize` reads of it, with the word index as sets.

    Membership in a set is membership in the list it is made of, so the lemmas are the
    original's; its own method runs on this object. Nothing of the original changes (its
    tables stay lists, which is how they are saved).
    """

    def __init__(self, lemmatizer: Lemmatizer | Any):
        self.lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                indexed = Table(name=name)
                for key, words in table.items():
                    indexed[key] = frozenset(words)
                table = indexed
            self.lookups.set_table(name, table)
        self.cache: dict[Any, list[str]] = {}
        self.is_base_form = lemmatizer.is_base_form
        self._rule_lemmatize = type(lemmatizer).rule_lemmatize

    def lemmatize(self, token: Token) -> list[str]:
        return self._rule_lemmatize(self, token)  # type: ignore[arg-type]


@Language.factory("graphbuild_fast_attribute_ruler", default_config={"source": "attribute_ruler"})
def _make_fast_ruler(nlp: Language, name: str, source: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe(source))


@Language.factory("graphbuild_fast_lemmatizer", default_config={"source": "lemmatizer"})
def _make_fast_lemmatizer(nlp: Language, name: str, source: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe(source))


_STAND_INS: dict[type, str] = {
    AttributeRuler: "graphbuild_fast_attribute_ruler",
    Lemmatizer: "graphbuild_fast_lemmatizer",
}


def speed_up(nlp: Language) -> list[str]:
    """Replace `nlp`'s attribute rulers and lemmatizers by their fast stand-ins, in place.

    Each original stays in the pipeline, disabled, right before its stand-in; a component
    the stand-in cannot reproduce is kept as it is.

    Returns
    -------
    list[str]
        The names of the components replaced.
    """
    replaced = []
    for name in list(nlp.pipe_names):
        component = nlp.get_pipe(name)
        factory = next(
            (factory for kind, factory in _STAND_INS.items() if isinstance(component, kind)),
            None,
        )
        if factory is None:
            continue
        try:
            nlp.add_pipe(factory, name=f"fast_{name}", after=name, config={"source": name})
        except UnsupportedComponent:
            continue
        nlp.disable_pipe(name)
        replaced.append(name)
    return replaced
