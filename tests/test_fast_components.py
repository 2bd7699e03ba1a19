"""The fast attribute ruler and lemmatizer annotate exactly as the components they replace.

The first tests build small pipelines by hand (no model); the `model` ones compare the
English pipeline as spaCy loads it with the one `load_pipeline` gives, token by token
(which also multiplies its networks' matrices with numpy's BLAS, `graphbuild.blas`).
"""

from __future__ import annotations

import random

import pytest
from spacy.lang.en import English
from spacy.lookups import Lookups
from spacy.tokens import Doc

from graphbuild.fast_components import FastAttributeRuler, FastLemmatizer, speed_up

TAGS = ["NN", "NNS", "VBD", "VB", "DT", "IN", ".", "WDT"]
WORDS = ["the", "talks", "ended", "ai", "n't", "gon", "na", "nothin'", "Paris", "met", ".", "this"]


def _ruler(nlp, *, not_in: bool = True):
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": {"IN": ["VBD", "VB"]}}]], {"POS": "VERB", "MORPH": "VerbForm=Fin"})
    ruler.add([[{"TAG": {"NOT_IN": ["NN", "NNS"]}, "LOWER": "met"}]], {"LEMMA": "meet"})
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    ruler.add([[{"LOWER": {"IN": ["paris", "talks"]}}]], {"POS": "PROPN"})  # later wins
    ruler.add([[{"LOWER": "ai"}, {"LOWER": "n't"}]], {"LEMMA": "be"}, index=0)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"POS": "PART"}, index=-1)
    ruler.add([[{"LOWER": "na"}]], {"POS": "X", "TAG": "FW"})  # after "gon na": wins
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"TAG": {"NOT_IN": ["NN", ""]}}]], {"LEMMA": "x"})  # "": no tag
    if not_in:  # any word but these two may match: words can no longer share a key
        ruler.add(
            [[{"LOWER": {"NOT_IN": ["the", "met"]}, "TAG": "DT"}]], {"MORPH": "PronType=Dem"}
        )
    return ruler


def _random_doc(vocab, rng: random.Random) -> Doc:
    size = rng.randint(0, 12)
    words = [rng.choice(WORDS) for _ in range(size)]
    return Doc(vocab, words=words, tags=[rng.choice(TAGS) for _ in words])


def _copy(doc: Doc) -> Doc:
    return Doc(doc.vocab, words=[t.text for t in doc], tags=[t.tag_ for t in doc])


def _annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in doc]


def test_attribute_ruler_stand_in_sets_what_the_ruler_sets():
    nlp = English()
    ruler = _ruler(nlp)
    fast = FastAttributeRuler(ruler)
    rng = random.Random(7)
    for _ in range(300):
        doc = _random_doc(nlp.vocab, rng)
        assert _annotations(fast(_copy(doc))) == _annotations(ruler(doc))
    untagged = Doc(nlp.vocab, words=["the", "Paris", "met"])  # TAG unset: ""
    assert _annotations(fast(_copy(untagged))) == _annotations(ruler(untagged))


def test_attribute_ruler_stand_in_keys_unnamed_words_alike():
    nlp = English()
    fast = FastAttributeRuler(_ruler(nlp, not_in=False))
    for word in ["alpha", "beta", "gamma", "Paris", "talks"]:
        fast(Doc(nlp.vocab, words=[word], tags=["NN"]))
    # the three words no pattern names share one table entry; "paris", "talks" have theirs
    assert len(fast._table) == 3


def test_speed_up_keeps_a_ruler_it_cannot_reproduce():
    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"POS": "NOUN"})
    assert speed_up(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]


def test_speed_up_keeps_a_ruler_setting_what_it_cannot_write():
    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "u.s."}]], {"NORM": "us"})  # NORM goes to the lexeme too
    assert speed_up(nlp) == []


def _rule_lemmatizer(nlp):
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", ""], ["ed", "e"]]})
    lookups.add_table("lemma_exc", {"verb": {"met": ["meet"]}})
    lookups.add_table("lemma_index", {"verb": ["close"], "noun": []})
    lemmatizer.initialize(lookups=lookups)
    return lemmatizer


def test_lemmatizer_stand_in_gives_the_same_lemmas():
    nlp = English()
    lemmatizer = _rule_lemmatizer(nlp)
    fast = FastLemmatizer(lemmatizer)
    words = ["talks", "closed", "met", "met", "Paris", "talks", "ended"]
    pos = ["NOUN", "VERB", "VERB", "NOUN", "PROPN", "NOUN", "VERB"]

    def doc():
        return Doc(nlp.vocab, words=words, pos=pos)

    expected = [t.lemma_ for t in lemmatizer(doc())]
    assert [t.lemma_ for t in fast(doc())] == expected
    assert [t.lemma_ for t in fast(doc())] == expected  # from the table this time
    assert expected[:3] == ["talk", "close", "meet"]


def test_speed_up_replaces_and_disables_the_originals():
    nlp = English()
    _ruler(nlp)
    _rule_lemmatizer(nlp)
    assert speed_up(nlp) == ["attribute_ruler", "lemmatizer"]
    assert nlp.pipe_names == ["fast_attribute_ruler", "fast_lemmatizer"]
    assert set(nlp.disabled) == {"attribute_ruler", "lemmatizer"}


# -- the English pipeline ---------------------------------------------------------------

TEXTS = [
    "Germany's foreign minister met her French counterpart in Paris on Monday.",
    "They ain't gon na sign it, let's be clear; nothin' was agreed.  \n\nTalks resume.",
    "",
    "The UN Security Council voted 13-0 to extend the mission, diplomats said.",
    "Kenya and Ethiopia signed a border accord; Somalia's president welcomed it.",
]


@pytest.mark.model
def test_english_pipeline_annotates_as_spacy_does():
    import spacy

    from graphbuild.nlp import choose_model, load_pipeline

    fast = load_pipeline()
    assert "fast_attribute_ruler" in fast.pipe_names
    stock = spacy.load(choose_model())
    for ours, theirs in zip(fast.pipe(TEXTS * 2), stock.pipe(TEXTS * 2), strict=True):
        assert [
            (t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in ours
        ] == [
            (t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in theirs
        ]


@pytest.mark.model
def test_indexed_rules_give_the_english_lemmatizers_every_form():
    """The word index as sets finds what the lists find, for every POS the rules cover."""
    import spacy

    from graphbuild.fast_components import _IndexedRules
    from graphbuild.nlp import choose_model

    stock = spacy.load(choose_model()).get_pipe("lemmatizer")
    indexed = _IndexedRules(stock)
    rng = random.Random(7)
    index = stock.lookups.get_table("lemma_index")
    words = [w for forms in index.values() for w in rng.sample(list(forms), 50)]
    words += [w + suffix for w in words[::3] for suffix in ("s", "es", "ed", "ing", "er", "est")]
    words += ["met", "sought", "Parises", "U.N.", "talks", "children", "better"]
    morphs = ["", "Number=Plur", "Tense=Past|VerbForm=Fin", "Degree=Cmp", "VerbForm=Ger"]
    for pos in ("NOUN", "VERB", "ADJ", "ADV", "PUNCT", "PROPN"):
        for morph in morphs:
            size = len(words)
            doc = Doc(stock.vocab, words=words, pos=[pos] * size, morphs=[morph] * size)
            for token in doc:
                assert indexed.lemmatize(token) == stock.rule_lemmatize(token), token.text
