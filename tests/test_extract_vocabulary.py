"""The word lists' one home: what the extractor and the filter share, and where they differ."""

from __future__ import annotations

import inspect

from graphbuild import relevance
from graphbuild.extract import coreference, vocabulary


def test_every_word_list_is_a_frozenset_or_a_small_table():
    lists = {
        name: value
        for name, value in vars(vocabulary).items()
        if name.isupper() and not name.startswith("_")
    }
    assert len(lists) > 40
    for name, value in lists.items():
        assert isinstance(value, (frozenset, dict)), name
        assert value, name  # an empty list is a list renamed away


def test_the_filter_imports_the_extractors_lists_rather_than_copying_them():
    assert relevance.STATE_NOUNS is vocabulary.STATE_NOUNS is coreference.STATE_NOUNS
    assert relevance.COUNTERPARTS is vocabulary.COUNTERPARTS
    assert relevance.OBLIGATION_MODALS is vocabulary.OBLIGATION_MODALS
    source = inspect.getsource(relevance)
    assert "getattr(_" not in source and "from .extract import actors" not in source


def test_the_filters_group_pronouns_differ_from_coreferences_only_by_theirs():
    assert vocabulary.PRONOUNS_GROUP_FILTER - vocabulary.PRONOUNS_GROUP == {"theirs"}
    assert vocabulary.PRONOUNS_GROUP <= vocabulary.PRONOUNS_GROUP_FILTER


def test_determiners_count_the_number_words():
    assert set(vocabulary.NUMBER_WORDS) <= vocabulary.DETERMINERS
    assert vocabulary.NUMBER_WORDS["both"] == 2
