"""Pick, before parsing, the sentences of a document that can hold a relation.

Parsing is most of the cost of a run, and most sentences of a news corpus name at most one
actor. This stage looks at the tokens only (`nlp.make_doc`, no tagger, parser or NER) and
decides which sentences the parser gets; the extractor then runs on the parsed selection
as if it were the document, and `Selection.restore` maps every offset back to the text.

The filter is built to lose nothing the extractor would find: where in doubt it parses.
It knows the extractor's rule families (`extract.rules`: titles, "-led" modifiers,
memberships, obligations, lexicon triggers) and its coreference (`extract.coreference`), and
imports their word lists from `extract.vocabulary`; a new rule family that needs no cue
word listed here needs one added, and the equivalence tests (`tests/test_relevance.py`)
are there to catch that.

Which sentences are parsed
    Sentences are split cheaply on the tokens (terminal punctuation, closing quotes kept
    with their sentence, paragraph breaks). A sentence is *relevant* when it holds at least
    two candidate actor mentions **and** a cue word.

    Candidate mentions, found without NER:

    - a name from the actor catalog, matched like the extractor matches it (a spaCy
      `PhraseMatcher` on lower case over `Catalog.surface_forms()` and the country names,
      demonyms, capitals, plus plural demonyms), starting with a capital or a digit;
    - a run of capitalised words that is not a stop word or a day or month (what NER may
      call an organization, or a person the extractor makes a leader); with
      ``names="likely"`` only runs that look like organizations or leaders count, with
      ``names="catalog"`` only titled ones (faster, but relations between actors only NER
      finds are lost);
    - a title ("foreign minister", "president"), which with a name makes an
      ``official_of``;
    - a plan noun ("plan", "proposal", "roadmap"), which an owner makes an initiative
      ("Morocco's autonomy plan");
    - an anaphor the extractor resolves: he/she/his/her, it/its, they/them/their (a group:
      counts twice), "the bloc" and the other generic names of catalog organizations,
      "the king", "the country", "the summit", "counterpart", and "the two leaders" /
      "all three parties" (count as many as they say); only when a mention before it may
      stand for it (for "they": two names of one sentence, a group or the people of an
      actor), since the extractor resolves an anaphor to nothing else.

    Cue words (or signs: a dash or colon after an organization's name, which may open
    the list of its members): a token that may be the lemma of a lexicon entry (every
    lemma the model's rule lemmatizer could give the token is tried, so irregular forms
    such as "met" and "sought" count; an entry of several words needs them all in the
    sentence), a membership noun, a "-led"/"-backed" participle, "must"/"should", a
    title, or an initiative.

Context kept for coreference
    The extractor resolves anaphors against earlier actors of the whole document, and a
    lone surname against any full name of a leader in it. So for every selected sentence
    the filter also keeps, as context, the earlier sentences an anaphor may point to:
    walking back over the sentences holding a name of the kind it needs, until a sure
    antecedent (a catalog leader's full name or a titled name for he/she, a catalog country
    or organization for it/its and "the bloc", a coordination of two or the people of one
    actor, "Armenian officials", for they, a named or placed summit for "the summit"), plus
    the nearest sentence with a leader for he/she (whose subject the extractor prefers),
    at most `CONTEXT_LIMIT` (3) sentences an anaphor; and every sentence holding a full
    name whose first or last word appears in a selected sentence. Context sentences are
    treated as selected, their own anaphors included.

    The limit: a sentence that may hold the antecedent is one whose capitalised words NER
    may or may not make an actor, and most do. An anaphor whose three nearest such
    sentences all hold none is rare; walking on to a sure antecedent cost 1.9 points of
    parsed share (69.1% to 67.2% of the tokens of a 1-in-4 BBC sample). The graph of all
    2,225 BBC articles loses the same 3 of its 1,144 edges to the filter with and without
    the limit, and the gold figures do not change; with a limit of two the politics graph
    loses an edge.

What the parser gets
    When every sentence is selected the document is parsed whole, exactly as without the
    filter. Otherwise the selected sentences, in document order, form a shorter `Doc`
    built from the original tokens, each block with `pad` tokens of its neighbours on
    either side: as many as the pipeline's token encoders reach (`nlp.encoder_reach`,
    four in `en_core_web_sm`), so a block's words get the vectors they have in the whole
    document, and the parser sees the same next words past a block's end (with three, the
    BBC politics graph loses three edges; with four, none); a sentence start is preset at each
    block and padding boundary, which the parser keeps. Relations and mentions found in
    the padding are dropped. When nothing is selected the document is not parsed at all
    and yields an empty extraction.

What differs from an unfiltered run
    Relations come only from parsed sentences; evidence offsets and sentences refer to the
    original text. Actor mentions (and so the `mentions` count and `aliases` of graph
    nodes) come only from the parsed sentences. Parsing a sentence without all of its
    document around it can, rarely, change what the statistical model sees in it; the
    tests check that the gold files score the same and that no edge of the BBC politics
    graph is lost.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .extract.lexicon import Lexicon, load_lexicon
from .extract.titles import load_roles
from .extract.vocabulary import (
    CALENDAR_WORDS,
    COORDINATORS,
    COUNTERPARTS,
    DETERMINERS,
    EVENT_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    INITIATIVE_HEADS,
    LIST_OPENERS,
    MEMBER_NOUNS,
    NAME_JOINERS,
    NOT_ACTOR_ORG_WORDS,
    NUMBER_WORDS,
    OBLIGATION_MODALS,
    ORG_WORDS,
    OWNED_HEADS,
    PLACED_EVENTS,
    PLURAL_PEOPLE,
    PRONOUNS_GROUP_FILTER,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    ROLE_NOUNS,
    RUN_CONNECTORS,
    SENTENCE_CLOSERS,
    SENTENCE_TERMINALS,
    SPONSOR_PARTICIPLES,
    STATE_NOUNS,
)
from .model import Extraction
from .nlp import encoder_reach
from .resolve.catalog import Catalog

__all__ = ["RelevanceFilter", "Selection", "split_sentences"]


# Catalog kinds (PhraseMatcher labels)
_LEADER = "leader"
_COUNTRY = "country"
_ORG = "organization"

CONTEXT_LIMIT = 3
"""Sentences an anaphor may add as context, nearest first (see the module's description)."""
UNKNOWN_REACH_PAD = 8
"""Padding where the pipeline's encoders read the whole text: no padding gives a block
the vectors it has in the document then, and this one only gives it some context."""

_EVERYTHING = 10**9
"""An anaphor that may point to the first actor of the document."""

# What an anaphor needs before it: a leader, a country or organization, a catalog
# organization, a group of two or more, or any actor.
NEED_LEADER = "L"
NEED_THING = "T"
NEED_ORG = "O"
NEED_GROUP = "G"
NEED_ANY = "A"
NEED_EVENT = "E"


class _Tokens:
    """The token attributes the filter reads, taken from a `Doc` and its text once (Token
    objects are costly to make, and the filter looks at each token several times)."""

    __slots__ = ("alpha", "cap", "idx", "lower", "space", "text", "ws")

    def __init__(self, doc: Doc, text: str):
        idx, length, ws = doc.to_array([IDX, LENGTH, SPACY]).T.tolist() if len(doc) else ([],) * 3
        self.idx: list[int] = idx
        self.text = [text[i : i + n] for i, n in zip(idx, length, strict=True)]
        # as spaCy's English lexical attributes compute them
        self.lower = [word.lower() for word in self.text]
        self.ws = [bool(space) for space in ws]
        self.space = [word.isspace() for word in self.text]
        self.alpha = [word.isalpha() for word in self.text]
        self.cap = [t[:1].isupper() and any(c.isalpha() for c in t) for t in self.text]

    def __len__(self) -> int:
        return len(self.text)


def split_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Cheap sentence token ranges of a tokenized (unparsed) `doc`.

    A sentence ends after terminal punctuation, with the closing quotes or brackets that
    follow it unspaced, and at a paragraph break; whitespace tokens go with the sentence
    before them.

    Examples
    --------
    >>> from spacy.lang.en import English
    >>> doc = English().make_doc('He said: "We agree." Then he left.\\n\\nNext one')
    >>> [doc[s:e].text for s, e in split_sentences(doc)]
    ['He said: "We agree."', 'Then he left.\\n\\n', 'Next one']
    """
    return _split(_Tokens(doc, doc.text))


def _split(toks: _Tokens) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    start = 0
    ended = False
    texts, spaces, ws = toks.text, toks.space, toks.ws
    for i, text in enumerate(texts):
        if ended:
            if spaces[i] or (text in SENTENCE_CLOSERS and not ws[i - 1]):
                continue
            if i > start:
                ranges.append((start, i))
            start = i
            ended = False
        if text in SENTENCE_TERMINALS or (spaces[i] and "\n" in text):
            ended = True
    if start < len(texts):
        ranges.append((start, len(texts)))
    return ranges


@dataclass
class _Item:
    """A possible actor mention found on the tokens."""

    position: int
    end: int
    may: str
    """What it may stand for: letters of NEED_* (L, T, O, G)."""
    sure: str = ""
    """What it surely stands for once parsed (a subset of `may`)."""
    anaphor: bool = False
    """An anaphor stands for what an earlier item stands for: it never needs keeping."""


@dataclass
class _Sentence:
    start: int
    end: int
    count: int = 0
    """Candidate actor mentions (an anaphor for a group counts as its size)."""
    cue: bool = False
    items: list[_Item] = field(default_factory=list)
    anaphors: list[tuple[int, str, int, int]] = field(default_factory=list)
    """(position, what it needs, how many, how much it adds to `count`) for each anaphor."""
    names: set[str] = field(default_factory=set)
    """Lower-cased first and last words of the leaders' names here (a surname's source)."""
    words: set[str] = field(default_factory=set)
    """Lower-cased capitalised words here (a surname may stand for a leader)."""
    runs: list[tuple[int, int, list[str], bool]] = field(default_factory=list)
    """Runs of capitalised words: start, end, their lower-cased words, whether titled."""

    def may(self, need: str, *, anaphors: bool = False) -> bool:
        """Whether a name (or, with `anaphors`, an anaphor) here may stand for `need`."""
        return any(
            (need == NEED_ANY or need in item.may) and (anaphors or not item.anaphor)
            for item in self.items
        )

    def sure(self, need: str, before: int | None = None) -> int:
        if need == NEED_ANY:
            return sum(
                1
                for item in self.items
                if item.sure and (before is None or item.position < before)
            )
        return sum(
            1
            for item in self.items
            if need in item.sure and (before is None or item.position < before)
        )


@dataclass(frozen=True)
class Selection:
    """Which tokens of a document to parse, and how to map the result back.

    Made by `RelevanceFilter.select`; `doc` is what to hand the pipeline (None when no
    sentence needs parsing).
    """

    doc: Doc | None
    """The `Doc` to parse: the original tokens when everything is kept, a shorter `Doc`
    otherwise, None when nothing is."""
    sentences: int
    """Sentences in the document (by the cheap split)."""
    relevant: int
    """Sentences selected for their own sake."""
    context: int
    """Sentences selected as coreference context."""
    tokens: int
    """Tokens in the document."""
    parsed_tokens: int
    """Tokens handed to the parser."""
    text: str
    """The original document text."""
    token_map: tuple[int, ...] | None = None
    """Original character offset of each token of `doc`, when `doc` is shortened."""
    reduced_starts: tuple[int, ...] | None = None
    """Character offset of each token of `doc` in its own text, when shortened."""
    padding: tuple[bool, ...] | None = None
    """Which tokens of `doc` are context around a selected block, not selected."""

    @property
    def whole(self) -> bool:
        """True when the document is parsed unchanged."""
        return self.doc is not None and self.token_map is None

    def _token(self, offset: int) -> int:
        assert self.reduced_starts is not None
        return max(bisect.bisect_right(self.reduced_starts, offset) - 1, 0)

    def _original(self, offset: int) -> int:
        assert self.token_map is not None and self.reduced_starts is not None
        j = self._token(offset)
        return self.token_map[j] + (offset - self.reduced_starts[j])

    def _padded(self, offset: int) -> bool:
        return self.padding is not None and self.padding[self._token(offset)]

    def _span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            first = self._original(start)
            return first, first
        return self._original(start), self._original(end - 1) + 1

    def restore(self, extraction: Extraction) -> Extraction:
        """`extraction` of the parsed selection, with offsets and texts of the document."""
        if self.token_map is None:
            return extraction
        relations = []
        for relation in extraction.relations:
            if self._padded(relation.start):
                continue
            start, end = self._span(relation.start, relation.end)
            relations.append(
                replace(relation, start=start, end=end, sentence=self.text[start:end])
            )
        mentions = []
        for mention in extraction.mentions:
            if self._padded(mention.start):
                continue
            start, end = self._span(mention.start, mention.end)
            text = self.text[start:end]
            if len(text) != mention.end - mention.start:  # spans a gap: keep what was seen
                text = mention.text
            mentions.append(replace(mention, start=start, end=end, text=text))
        return replace(extraction, relations=tuple(relations), mentions=tuple(mentions))


class RelevanceFilter:
    """Chooses the sentences of each document worth parsing; build once per pipeline.

    Parameters
    ----------
    nlp
        The pipeline that will parse the selection: its tokenizer and vocabulary are used,
        and its rule lemmatizer's tables (when it has one) to recognise inflected triggers.
    catalog
        The actors the extractor knows.
    lexicon
        The trigger lexicon; the bundled one by default.
    require_cue
        When False, any sentence with two candidate mentions is relevant, cue word or not.
    names
        Which runs of capitalised words count as candidate mentions: "all", "likely" or
        "catalog" (see the module's description).
    context_limit
        At most this many context sentences for each anaphor (None: no limit).
    pad
        Tokens of the neighbouring text parsed on either side of a block; by default the
        reach of the pipeline's encoders, or `UNKNOWN_REACH_PAD` where it is unknown.
    """

    def __init__(
        self,
        nlp: Language,
        catalog: Catalog,
        *,
        lexicon: Lexicon | None = None,
        require_cue: bool = True,
        names: str = "all",
        context_limit: int | None = CONTEXT_LIMIT,
        pad: int | None = None,
    ):
        self.nlp = nlp
        if pad is None:
            reach = encoder_reach(nlp)
            pad = UNKNOWN_REACH_PAD if reach is None else reach
        self.pad = pad
        self.names = names
        self.context_limit = context_limit
        self.vocab = nlp.vocab
        self.require_cue = require_cue
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns: dict[str, list[Doc]] = {}
        # "Iranians" listed too: the extractor's country lookup accepts plural demonyms
        forms = catalog.matcher_forms(plural_demonyms=True)
        for text, kind in forms:
            patterns.setdefault(kind, []).append(nlp.make_doc(text))
        for kind, docs in patterns.items():
            self.matcher.add(kind, docs)
        self.leader_words = frozenset(
            word
            for text, kind in forms
            if kind == _LEADER
            for word in (text.split()[0].lower(), text.split()[-1].lower())
            if text.split()
        )
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.roles.add("role", [nlp.make_doc(" ".join(r.phrase)) for r in load_roles()])
        generic: set[str] = set()
        for org in catalog.organizations.values():
            for phrase in org.generic:
                words = phrase.lower().split()
                if words:
                    generic.add(words[-1])
        self.generic = frozenset(generic)
        lexicon = lexicon or load_lexicon()
        # lemma -> the further words its lexicon entries need (an empty tuple: none)
        self.triggers: dict[str, set[tuple[str, ...]]] = {}
        # Every entry with a label counts, hypothetical frames too: rules read them
        # ("wants X to include" asks X). An entry without one ("hope", "expect") only
        # changes how another trigger of its sentence reads, and that one is a cue.
        for table in (lexicon.verbs, lexicon.nouns):
            for key, trigger in table.items():
                labelled = trigger.label or trigger.initiative_label or trigger.organization_label
                if key and labelled:
                    self.triggers.setdefault(key[0], set()).add(tuple(key[1:]))
        self.cue_words = (
            MEMBER_NOUNS | frozenset(SPONSOR_PARTICIPLES) | OBLIGATION_MODALS | INITIATIVE_HEADS
        )
        self._lemma_rules, self._lemma_exc = _lemma_tables(nlp)
        self._lemma_cache: dict[str, frozenset[str]] = {}
        self._anaphor_words = (
            PRONOUNS_PERSON
            | PRONOUNS_THING
            | PRONOUNS_GROUP_FILTER
            | COUNTERPARTS
            | frozenset(GROUP_NOUNS)
            | self.generic
            | ROLE_NOUNS
            | EVENT_NOUNS
            | STATE_NOUNS
        )

    # -- per token ---------------------------------------------------------------------
    def _lemmas(self, form: str) -> frozenset[str]:
        """`form` and every lemma the rule lemmatizer could give it, whatever its POS."""
        known = self._lemma_cache.get(form)
        if known is None:
            lemmas = {form}
            for table in self._lemma_exc:
                lemmas.update(table.get(form, ()))
            for old, new in self._lemma_rules:
                if form.endswith(old) and len(form) > len(old):
                    lemmas.add(form[: len(form) - len(old)] + new)
            known = self._lemma_cache[form] = frozenset(lemmas)
        return known

    # -- choosing ------------------------------------------------------------------------
    def select(self, text: str | Doc) -> Selection:
        """Which sentences of `text` (a string, or its tokenizer-only `Doc`) to parse."""
        if isinstance(text, Doc):
            doc, string = text, text.text
        else:
            doc, string = self.nlp.make_doc(text), text
        toks = _Tokens(doc, string)
        sentences = self._annotate(doc, toks, _split(toks))
        _drop_unresolvable(sentences)
        chosen = [s.count >= 2 and (s.cue or not self.require_cue) for s in sentences]
        relevant = sum(chosen)
        context = self._add_context(sentences, chosen)
        return self._selection(doc, string, toks, sentences, chosen, relevant, context)

    def _annotate(self, doc: Doc, toks: _Tokens, ranges: list[tuple[int, int]]) -> list[_Sentence]:
        sentences = [_Sentence(start, end) for start, end in ranges]
        starts = [s.start for s in sentences]

        def sentence_of(i: int) -> _Sentence:
            return sentences[bisect.bisect_right(starts, i) - 1]

        covered = bytearray(len(toks))
        lower = toks.lower
        matches = sorted(
            (
                (start, end, self.vocab.strings[match_id])
                for match_id, start, end in self.matcher(doc)
            ),
            key=lambda m: (-(m[1] - m[0]), m[0]),
        )
        for start, end, kind in matches:
            first = toks.text[start][:1]
            if not (first.isupper() or first.isdigit()) or any(covered[start:end]):
                continue
            covered[start:end] = b"\1" * (end - start)
            sent = sentence_of(start)
            sent.count += 1
            if kind == _LEADER:
                sure = NEED_LEADER if end - start > 1 else ""
                sent.items.append(_Item(start, end, NEED_LEADER, sure))
                if end - start > 1:
                    sent.names.update({lower[start], lower[end - 1]})
                else:
                    sent.words.add(lower[start])
            elif kind == _COUNTRY:
                sent.items.append(_Item(start, end, NEED_THING, NEED_THING))
            elif kind == _ORG:
                sent.items.append(_Item(start, end, NEED_THING + NEED_ORG, NEED_THING + NEED_ORG))
                if end < len(toks) and toks.text[end] in LIST_OPENERS:
                    sent.cue = True  # "the G7 - Canada, France, ... -": its members
            else:
                event = NEED_EVENT if EVENT_NOUNS.intersection(lower[start:end]) else ""
                sent.items.append(_Item(start, end, event, event))
                sent.cue = True  # "China's Belt and Road": the owner rule
        titled: set[int] = set()
        for _, start, end in self.roles(doc):
            sent = sentence_of(start)
            sent.count += 1
            sent.cue = True
            titled.add(end)
            for i in range(start, end):
                covered[i] = covered[i] or 2  # a title is no name
        for sent in sentences:
            self._annotate_tokens(toks, sent, covered, titled)
        self._annotate_runs(toks, sentences)
        return sentences

    def _annotate_runs(self, toks: _Tokens, sentences: list[_Sentence]) -> None:
        """Make candidate mentions of the runs of capitalised words, as `names` says."""
        lower = toks.lower
        # A name becomes a leader when titled, when the catalog knows it, or as the
        # surname of one of those; anything else capitalised may be an organization.
        leader_words = set(self.leader_words)
        surnames: set[str] = set()  # of people named in full here: "Bill Morris" ... "Morris"
        for sent in sentences:
            for _, _, words, is_titled in sent.runs:
                if is_titled:
                    leader_words.update({words[0], words[-1]})
                if len(words) > 1:
                    surnames.add(words[-1])
        for sent in sentences:
            for start, end, words, is_titled in sent.runs:
                leaderish = is_titled or words[0] in leader_words or words[-1] in leader_words
                if self.names == "catalog" and not is_titled:
                    continue
                orglike = (
                    self.names == "all"
                    or _org_like(toks, start, end, words)
                    or (
                        self.names == "single"
                        and len(words) == 1
                        and words[0] not in surnames
                        and not (start > 0 and lower[start - 1] in HONORIFICS)
                    )
                )
                if not (leaderish or orglike):
                    continue
                sent.count += 1
                may = (NEED_LEADER if leaderish else "") + (NEED_THING if orglike else "")
                if orglike and any(lower[k] in NAME_JOINERS for k in range(start, end)):
                    may += NEED_GROUP  # "Celtic and Rangers": NER may make two of it
                sent.items.append(_Item(start, end, may, NEED_LEADER if is_titled else ""))
                if is_titled and len(words) > 1:
                    sent.names.update({words[0], words[-1]})
            self._events(toks, sent)
            sent.items.sort(key=lambda item: item.position)
            self._coordinations(toks, sent)
            self._peoples(toks, sent)

    @staticmethod
    def _events(toks: _Tokens, sent: _Sentence) -> None:
        """Summits a later "the summit" may refer to: "the Africa Climate Summit", "the G7
        summit", "a summit in Astana"."""
        lower, cap = toks.lower, toks.cap
        for start, end, words, _ in sent.runs:
            if words[-1] in EVENT_NOUNS or (end < sent.end and lower[end] in EVENT_NOUNS):
                sent.items.append(_Item(start, end + 1, NEED_EVENT, NEED_EVENT))
        for i in range(sent.start, sent.end - 2):
            if lower[i] in PLACED_EVENTS and lower[i + 1] == "in" and cap[i + 2]:
                sent.items.append(_Item(i, i + 3, NEED_EVENT, NEED_EVENT))

    @staticmethod
    def _peoples(toks: _Tokens, sent: _Sentence) -> None:
        """Mark "Armenian officials", "Afghan rebel leaders" as a group for a later "they"."""
        for item in sent.items:
            if item.anaphor or not item.may:
                continue
            after = toks.lower[item.end : min(item.end + 2, sent.end)]
            if PLURAL_PEOPLE.intersection(after):
                item.may += NEED_GROUP
                item.sure += NEED_GROUP

    def _annotate_tokens(
        self, toks: _Tokens, sent: _Sentence, covered: bytearray, titled: set[int]
    ) -> None:
        lowers, cap = toks.lower, toks.cap
        forms = set(lowers[sent.start : sent.end])
        i = sent.start
        while i < sent.end:
            lower = lowers[i]
            if covered[i]:
                i += 1
                continue
            if cap[i] and lower not in STOP_WORDS and lower not in CALENDAR_WORDS:
                end = i + 1
                while end < sent.end and not covered[end]:
                    if cap[end]:
                        end += 1
                    elif (
                        lowers[end] in RUN_CONNECTORS
                        and end + 1 < sent.end
                        and cap[end + 1]
                        and not covered[end + 1]
                    ):
                        end += 2
                    else:
                        break
                words = [lowers[k] for k in range(i, end) if cap[k]]
                sent.runs.append((i, end, words, i in titled))
                sent.words.update(words)
                i = end
                continue
            if lower in self._anaphor_words and toks.alpha[i]:
                self._anaphor(toks, sent, i, lower)
            elif lower in OWNED_HEADS:
                # "China's peace plan" is an actor of its own, sponsored by China
                sent.count += 1
                sent.cue = True
            i += 1
        sent.cue = sent.cue or self._has_cue(forms)

    def _anaphor(self, toks: _Tokens, sent: _Sentence, i: int, lower: str) -> None:
        if lower in PRONOUNS_PERSON:
            self._add_anaphor(sent, i, NEED_LEADER, 1, may=NEED_LEADER)
        elif lower in PRONOUNS_THING:
            self._add_anaphor(sent, i, NEED_THING, 1, may=NEED_THING)
        elif lower in PRONOUNS_GROUP_FILTER:
            self._add_anaphor(sent, i, NEED_GROUP, 2, may=NEED_GROUP)
        elif lower in COUNTERPARTS:
            # the first leader of the counterpart's country in the document: walk to the start
            self._add_anaphor(sent, i, NEED_LEADER, 1, may=NEED_LEADER, reach=_EVERYTHING)
        else:
            before = toks.lower[max(sent.start, i - 3) : i]
            if not DETERMINERS.intersection(before):
                return
            size = max((NUMBER_WORDS.get(word, 0) for word in before), default=0)
            if lower in GROUP_NOUNS and size:
                self._add_anaphor(sent, i, NEED_ANY, size, may=NEED_GROUP)
            elif lower in self.generic:
                self._add_anaphor(sent, i, NEED_ORG, 1, may=NEED_THING + NEED_ORG)
            elif lower in ROLE_NOUNS:
                self._add_anaphor(sent, i, NEED_LEADER, 1, may=NEED_LEADER)
            elif lower in STATE_NOUNS:
                self._add_anaphor(sent, i, NEED_ANY, 1, may=NEED_THING)
            elif lower in EVENT_NOUNS and "the" in before[-1:]:
                self._add_anaphor(sent, i, NEED_EVENT, 1, may=NEED_EVENT)

    @staticmethod
    def _add_anaphor(
        sent: _Sentence,
        position: int,
        need: str,
        count: int,
        *,
        may: str,
        reach: int | None = None,
    ) -> None:
        sent.count += count
        sent.anaphors.append((position, need, reach or count, count))
        sent.items.append(_Item(position, position + 1, may, anaphor=True))

    @staticmethod
    def _coordinations(toks: _Tokens, sent: _Sentence) -> None:
        """Mark "A and B", "A, B and C" as a group (surely one when both names are sure)."""
        items = [item for item in sent.items if item.may and not item.anaphor]
        for first, second in zip(items, items[1:], strict=False):
            between = toks.lower[first.end : second.position]
            if between and all(word in COORDINATORS for word in between):
                sure = NEED_GROUP if first.sure and second.sure else ""
                sent.items.append(_Item(first.position, second.end, NEED_GROUP, sure))

    def _has_cue(self, forms: set[str]) -> bool:
        """Whether some word of the sentence may start an extraction rule."""
        lemmas: set[str] = set()
        for form in forms:
            lemmas.update(self._lemmas(form))
        if lemmas & self.cue_words:
            return True
        for lemma in lemmas & self.triggers.keys():
            for rest in self.triggers[lemma]:
                if all(word in lemmas for word in rest):
                    return True
        return False

    def _add_context(self, sentences: list[_Sentence], chosen: list[bool]) -> int:
        """Select the sentences that anaphors and names of chosen ones may need."""
        added = 0
        holders: dict[str, list[int]] = {}
        for k, sent in enumerate(sentences):
            for name in sent.names:
                holders.setdefault(name, []).append(k)
        queue = [k for k, keep in enumerate(chosen) if keep]
        while queue:
            k = queue.pop()
            sent = sentences[k]
            wanted: set[int] = set()
            for position, need, count, _ in sent.anaphors:
                wanted.update(
                    _antecedents(sentences, k, position, need, count, self.context_limit)
                )
            for word in sent.words:
                wanted.update(holders.get(word, ()))
            for j in sorted(wanted):
                if not chosen[j]:
                    chosen[j] = True
                    added += 1
                    queue.append(j)  # its own anaphors and names now matter too
        return added

    def _selection(
        self,
        doc: Doc,
        text: str,
        toks: _Tokens,
        sentences: list[_Sentence],
        chosen: list[bool],
        relevant: int,
        context: int,
    ) -> Selection:
        def selection(doc: Doc | None, **mapping: Any) -> Selection:
            return Selection(
                doc=doc,
                sentences=len(sentences),
                relevant=relevant,
                context=context,
                tokens=len(toks),
                parsed_tokens=len(doc) if doc is not None else 0,
                text=text,
                **mapping,
            )

        if sentences and all(chosen):
            return selection(doc)
        kept = [(s.start, s.end) for s, keep in zip(sentences, chosen, strict=True) if keep]
        blocks = _blocks(toks, kept)
        if not blocks:
            return selection(None)
        segments = _pad(blocks, self.pad, len(toks))
        words: list[str] = []
        spaces: list[bool] = []
        sent_starts: list[bool | int | None] = []
        token_map: list[int] = []
        padding: list[bool] = []
        previous_end = -1
        for start, end, is_pad in segments:
            if words and start != previous_end:
                spaces[-1] = True  # a gap reads as a space
            words += toks.text[start:end]
            spaces += toks.ws[start:end]
            sent_starts += [True] + [None] * (end - start - 1)
            token_map += toks.idx[start:end]
            padding += [is_pad] * (end - start)
            previous_end = end
        reduced = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        starts = []  # each token's offset in the reduced text, as `Token.idx` gives it
        offset = 0
        for word, space in zip(words, spaces, strict=True):
            starts.append(offset)
            offset += len(word) + space
        return selection(
            reduced,
            token_map=tuple(token_map),
            reduced_starts=tuple(starts),
            padding=tuple(padding) if any(padding) else None,
        )


def _pad(blocks: list[tuple[int, int]], pad: int, length: int) -> list[tuple[int, int, bool]]:
    """Blocks with up to `pad` original tokens on each side, as (start, end, is_padding).

    The taggers see a few tokens on each side of a word, so parsing a block with its
    neighbours' tokens gives its words the vectors they have in the whole document.
    """
    segments: list[tuple[int, int, bool]] = []
    for k, (start, end) in enumerate(blocks):
        low = start - pad
        if segments:
            low = max(low, segments[-1][1])
        low = max(low, 0)
        if low < start:
            segments.append((low, start, True))
        segments.append((start, end, False))
        high = min(end + pad, length)
        if k + 1 < len(blocks):
            high = min(high, blocks[k + 1][0])
        if high > end:
            segments.append((end, high, True))
    return segments


def _drop_unresolvable(sentences: list[_Sentence]) -> None:
    """Forget the anaphors that nothing before them may stand for.

    The extractor resolves an anaphor only to an actor mentioned earlier in the document
    (a name, or an anaphor resolved before), so "he" in an article that names no leader
    before it is no actor, and does not make its sentence relevant.
    """
    named: set[str] = set()  # what the mentions so far may stand for
    for sent in sentences:
        names = 0
        anaphors = {anaphor[0]: anaphor for anaphor in sent.anaphors}
        kept = []
        for item in sorted(sent.items, key=lambda item: item.position):
            anaphor = anaphors.get(item.position) if item.anaphor else None
            if anaphor is not None:
                _, need, _, weight = anaphor
                if need not in named:
                    sent.count -= weight
                    continue
                kept.append(anaphor)
            if item.may:
                named.update(item.may)
                named.add(NEED_ANY)
                names += not item.anaphor
                if names >= 2:
                    named.add(NEED_GROUP)  # two names of a sentence the parse may join
        sent.anaphors = kept


def _antecedents(
    sentences: list[_Sentence],
    k: int,
    position: int,
    need: str,
    count: int,
    limit: int | None = None,
) -> list[int]:
    """Earlier sentences an anaphor at `position` in sentence `k` may point to.

    Walks back over every sentence holding something the anaphor may stand for, until
    `count` sure ones have been passed (or the document starts).
    """
    # He/she may skip a leader of its own sentence for the previous sentence's subject
    # ("Putin met Tokayev. He praised ..."), so only earlier sentences settle it.
    found = 0 if need == NEED_LEADER else sentences[k].sure(need, before=position)
    picked: list[int] = []
    nearest = need == NEED_LEADER  # ... and whether that subject is a pronoun's
    j = k - 1
    while found < count and j >= 0 and (limit is None or len(picked) < limit):
        sent = sentences[j]
        if sent.may(need) or (nearest and sent.may(need, anaphors=True)):
            picked.append(j)
            found += sent.sure(need)
            nearest = False
        j -= 1
    return picked


def _org_like(toks: _Tokens, start: int, end: int, words: list[str]) -> bool:
    """Whether NER may call the capitalised run `doc[start:end]` an organization."""
    if NOT_ACTOR_ORG_WORDS.intersection(words):
        return False  # a newspaper, a firm: never an actor unless the catalog knows it
    if start > 0 and toks.lower[start - 1] == "the":
        return True
    for text in toks.text[start:end]:
        if len(text) >= 2 and text.isupper() and any(c.isalpha() for c in text):
            return True  # an acronym: UKIP, CBI
    if any(word in ORG_WORDS for word in words):
        return True
    last = words[-1]
    return len(last) > 3 and last.endswith("s") and not last.endswith("ss")  # Tories


def _blocks(toks: _Tokens, ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge adjacent token ranges and trim whitespace tokens at their edges."""
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and merged[-1][1] == start:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    blocks = []
    for start, end in merged:
        while start < end and toks.space[start]:
            start += 1
        while end > start and toks.space[end - 1]:
            end -= 1
        if start < end:
            blocks.append((start, end))
    return blocks


def _lemma_tables(nlp: Language) -> tuple[list[tuple[str, str]], list[dict]]:
    """Suffix rules and exception tables of the pipeline's rule lemmatizer, all POS."""
    rules: list[tuple[str, str]] = []
    exceptions: list[dict] = []
    for name in nlp.pipe_names:
        component = nlp.get_pipe(name)
        lookups = getattr(component, "lookups", None)
        if lookups is None or not hasattr(lookups, "has_table"):
            continue
        if lookups.has_table("lemma_rules"):
            for pairs in lookups.get_table("lemma_rules").values():
                rules += [(old, new) for old, new in pairs if old]
        if lookups.has_table("lemma_exc"):
            exceptions += [dict(table) for table in lookups.get_table("lemma_exc").values()]
    return sorted(set(rules)), exceptions
