"""Which unknown organizations and titled people are actors of diplomacy.

spaCy tags companies, clubs, bands and products ORG as readily as ministries and armed
groups, and a chief executive's title reads like a minister's. On the BBC corpus most of
the map's organizations were firms and clubs. By default (`config.ACTORS_OF_DIPLOMACY_ONLY`)
an organization that the catalog does not know is an actor only when its name or the
words beside it make it a state body, an international body, a party, an armed group or an
agency; a corporate suffix, a business, sport, show or local word, or business words
beside it ("Fiat shares", "chief executive of X") make it none. Where nothing tells, it is
no actor: a missing node costs less than a false one.

The word lists live in `vocabulary`; each check reads a few tokens around a name.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from .vocabulary import (
    ACTOR_DESCRIPTORS,
    ACTOR_FOLLOWERS,
    BUSINESS_WORDS,
    CLUB_PREFIXES,
    CORPORATE_SUFFIXES,
    DIPLOMATIC_ORG_WORDS,
    INTERNATIONAL_BODY_WORDS,
    INTERNATIONAL_WORDS,
    NAME_HEAD_WORDS,
    NON_DIPLOMATIC_ORG_WORDS,
    REGION_PREFIXES,
    STATE_BODY_DOMAINS,
)

__all__ = ["diplomatic_name", "diplomatic_org", "is_corporate", "part_of_a_longer_name"]

_PREPOSITIONS = frozenset({"of", "in", "at", "for", "with", "from"})


def is_corporate(words: list[str]) -> bool:
    """Whether lower-cased name `words` make a company, club, band, newspaper or local
    body: a legal form at the end ("Ltd", "AG") or a word of `NON_DIPLOMATIC_ORG_WORDS`.

    Examples
    --------
    >>> is_corporate(["daimler", "ag"]), is_corporate(["ministry", "of", "defence"])
    (True, False)
    """
    if not words:
        return False
    return words[-1] in CORPORATE_SUFFIXES or any(w in NON_DIPLOMATIC_ORG_WORDS for w in words)


def diplomatic_org(span: Span, is_country: Callable[[str], bool]) -> bool:
    """Whether the unknown organization `span` is an actor of diplomacy, from its words
    and the words beside it; `is_country` tells whether a word names a country ("Iraqi
    Football Association" is national, yet sport)."""
    words = [t.lower_ for t in span if not t.is_punct]
    if _business_context(span):
        return False
    return diplomatic_name(words, is_country) or (
        not is_corporate(words) and not _generic(words) and _actor_context(span)
    )


def diplomatic_name(words: list[str], is_country: Callable[[str], bool]) -> bool:
    """Whether lower-cased name `words` alone make an unknown organization an actor of
    diplomacy: a state or international body's word, no company's, not only a domain's."""
    if is_corporate(words) or _generic(words):
        return False
    if _local_council(words, is_country):
        return False
    if any(w in DIPLOMATIC_ORG_WORDS for w in words):
        return True
    return any(w in INTERNATIONAL_BODY_WORDS for w in words) and any(
        w in INTERNATIONAL_WORDS or is_country(w) for w in words
    )


def _local_council(words: list[str], is_country: Callable[[str], bool]) -> bool:
    """Whether a council is a place's own ("Newham Council"): a name ending in "council"
    whose other words say neither what a state body does, nor that it is international,
    nor which country it serves ("Kenyan Transition Council" stays). A council with a local
    word ("Leeds City Council") is already none by `is_corporate`."""
    if len(words) < 2 or words[-1] != "council":
        return False
    return not any(
        w in STATE_BODY_DOMAINS
        or w in INTERNATIONAL_WORDS
        or w in DIPLOMATIC_ORG_WORDS
        or is_country(w)
        for w in words[:-1]
    )


def _generic(words: list[str]) -> bool:
    """Whether a name says only what a body does, not whose it is ("Ministry of Health")."""
    return all(w in DIPLOMATIC_ORG_WORDS or w in STATE_BODY_DOMAINS for w in words)


def _business_context(span: Span) -> bool:
    """ "Fiat shares", "Sony's chief executive", "chief executive of X", "shares in X"."""
    doc, sent = span.doc, span.sent
    after = span.end
    if after < sent.end and doc[after].tag_ == "POS":
        after += 1
    if after < sent.end and doc[after].lower_ in BUSINESS_WORDS:
        return True
    before = span.start - 1
    return (
        before - 1 >= sent.start
        and doc[before].lower_ in _PREPOSITIONS
        and doc[before - 1].lower_ in BUSINESS_WORDS
    )


def _actor_context(span: Span) -> bool:
    """ "the militant group X", "Islamist X", "X fighters", "X MPs"."""
    doc, sent = span.doc, span.sent
    for i in range(max(sent.start, span.start - 3), span.start):
        if doc[i].lower_ in ACTOR_DESCRIPTORS:
            return True
    after = span.end
    if after < sent.end and doc[after].tag_ == "POS":
        after += 1
    return after < sent.end and doc[after].lower_ in ACTOR_FOLLOWERS


def part_of_a_longer_name(doc: Doc, start: int, end: int) -> bool:
    """Whether the known name at `doc[start:end]` is only a word of a longer proper name:
    of a place, venue, club or event ("the Commonwealth Club", "Washington Street", "the
    Commonwealth Games": the name's head is in `NAME_HEAD_WORDS`), or of a region ("Latin
    American", "North American": a word of `REGION_PREFIXES` before a demonym), or of a
    club ("Real Madrid": a word of `CLUB_PREFIXES` before it).

    Examples
    --------
    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> doc = nlp("He spoke at the Commonwealth Club of California")
    >>> summit = nlp("the Commonwealth summit")
    >>> part_of_a_longer_name(doc, 4, 5), part_of_a_longer_name(summit, 1, 2)
    (True, False)
    >>> part_of_a_longer_name(nlp("a Latin American bank"), 2, 3)
    True
    """
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    before = doc[start - 1] if start > sent.start else None
    demonym = doc[end - 1].ent_type_ == "NORP" or doc[end - 1].lower_.endswith("an")
    if demonym and before is not None and before.is_title and before.lower_ in REGION_PREFIXES:
        return True  # "Latin American"; but "South Lebanon" is still Lebanon
    if (
        before is not None
        and (before.is_title or before.is_upper)
        and before.lower_ in CLUB_PREFIXES
    ):
        return True  # "Real Madrid", "Dynamo Kiev"
    last = end
    while last < sent.end and doc[last].is_title and doc[last].is_alpha:
        last += 1
    return last > end and doc[last - 1].lower_ in NAME_HEAD_WORDS
