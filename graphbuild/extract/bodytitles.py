"""Offices in a body of a state or an organization: "NATO chief N", "N, the UN's head of
humanitarian affairs", "N of Spain's national police agency".

The words "chief", "head", "director" and "commissioner" name an office of a company as
often as of a state, so alone they make no leader (`roles.csv` does not hold them). They
name an official where the body they head is, by the parse, one of a known actor:

- the actor owns the word itself: "NATO chief N", "the UN's chief of ...", "the Chilean
  government commissioner N" (a possessive or a compound of the word);
- the word is "of" an actor: "N, the head of the Danish foreign ministry" (a state body
  resolves to its state), "N, the director of the African Union's commission";
- the word is "of" a state body (`DIPLOMATIC_ORG_WORDS`: agency, ministry, police, army, ...)
  that an actor owns: "Director N of the Spanish national police".

"N of Spain's national police agency", with no title word at all, makes N an official of
Spain too: a person named with a state body of one country speaks for it (rule
`title-of-body`; "N of Benin", a country alone, still makes no official, `titlelists`).

A company anywhere in the phrase ("the head of Russia's Gazprom") makes no official: the
body must be the actor's own, not one placed in it. Each function returns the `(role,
owner, rule)` of `titles.Title`, or None.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..model import Entity, EntityType
from .actormap import ActorMap
from .vocabulary import BUSINESS_WORDS, DIPLOMATIC_ORG_WORDS, FORMER_WORDS

Title = tuple[str | None, Entity | None, str | None]

BODY_HEAD_ROLES = {
    "chief": "Chief",
    "head": "Head",
    "director": "Director",
    "commissioner": "Commissioner",
}
"""Words that head a body, and the role they name when an actor owns that body."""

_BODY_NOUNS = DIPLOMATIC_ORG_WORDS | frozenset({"department", "office", "service", "command"})
"""Last words of a state body's name: "the UK's crime agency", "Spain's foreign office"."""

IsPlace = Callable[[Entity, str], bool]
"""Whether an actor, named by a mention's text, may own no body: a town of its country,
not the country ("El Paso's police chief" heads no body of the United States), or an
organization the catalog does not know ("the Swansea Race Equality Council")."""

_OWNER_TYPES = (EntityType.COUNTRY, EntityType.ORGANIZATION)
_OWNING_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def _owner_at(token: Token, actors: ActorMap, is_place: IsPlace) -> Entity | None:
    mention = actors.at(token)
    if mention is not None and len(mention.entities) == 1:
        entity = mention.entities[0]
        text = token.doc[mention.start : mention.end].text
        if entity.type in _OWNER_TYPES and not is_place(entity, text):
            return entity
    return None


def _owning_child(token: Token, actors: ActorMap, is_place: IsPlace) -> Entity | None:
    """The actor a possessive or a compound of `token` names ("the UN's", "NATO")."""
    for child in token.children:
        if child.dep_ in _OWNING_DEPS and child.i < token.i:
            owner = _owner_at(child, actors, is_place)
            if owner is not None and child.dep_ == "amod" and owner.type is EntityType.COUNTRY:
                continue  # "Chinese director N", "Russian tennis chief N": a nationality
            if owner is not None:
                return owner
    return None


def _body_owner(pobj: Token, actors: ActorMap, is_place: IsPlace) -> Entity | None:
    """The actor whose body `pobj` is: the body itself resolved to an actor ("the Danish
    foreign ministry"), or a state body an actor owns ("Spain's police agency")."""
    owner = _owner_at(pobj, actors, is_place)
    if owner is not None:
        return owner
    if pobj.lower_ in _BODY_NOUNS:
        return _owning_child(pobj, actors, is_place)
    return None


def _of_owner(token: Token, actors: ActorMap, is_place: IsPlace) -> Entity | None:
    """The owner of the body after `token`'s "of"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    owner = _body_owner(pobj, actors, is_place)
                    if owner is not None:
                        return owner
    return None


def _businesslike(tokens: list[Token], actors: ActorMap) -> bool:
    return any(
        t.i in actors.companies
        or (t.i in actors.non_actors and t.dep_ == "poss")  # "E&Y's UK head of tax"
        or (t.lower_ in BUSINESS_WORDS and actors.at(t) is None)
        or t.lower_ in FORMER_WORDS
        or t.lower_.startswith(("ex-", "ex–"))
        for t in tokens
    )


def _headed(word: Token, actors: ActorMap, phrase: list[Token], is_place: IsPlace) -> Title | None:
    role = BODY_HEAD_ROLES.get(word.lower_)
    if role is None or _businesslike([t for t in phrase if t.i != word.i], actors):
        return None
    owner = _owning_child(word, actors, is_place) or _of_owner(word, actors, is_place)
    if owner is None:
        return None
    return role, owner, "title-body"


def body_title(span: Span, actors: ActorMap, is_place: IsPlace) -> Title | None:
    """The office in an actor's body that the words around person `span` give."""
    doc, sent = span.doc, span.sent
    root = span.root
    # "NATO chief N", "the Chilean government commissioner N": the word right before
    before = span.start - 1
    if before >= sent.start and doc[before].head.i in range(span.start, span.end):
        word = doc[before]
        phrase = list(doc[max(sent.start, before - 6) : before + 1])
        title = _headed(word, actors, phrase, is_place)
        if title is not None:
            return title
        if word.lower_ in BODY_HEAD_ROLES and not _businesslike(phrase[:-1], actors):
            owner = _of_owner(root, actors, is_place)  # "Director N of the Spanish police"
            if owner is not None:
                return BODY_HEAD_ROLES[word.lower_], owner, "title-body"
    # "N, the UN's chief of ...", "N, the head of the Danish foreign ministry"
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    for noun in nouns:
        if span.start <= noun.i < span.end:
            continue
        phrase = [t for t in noun.subtree if not (span.start <= t.i < span.end)]
        if noun.i == root.head.i:
            phrase = [*noun.lefts, noun]
        title = _headed(noun, actors, phrase, is_place)
        if title is not None:
            return title
    return _of_body(span, actors, is_place)


def _of_body(span: Span, actors: ActorMap, is_place: IsPlace) -> Title | None:
    """ "N of Spain's police agency said": the official of the state that owns the body
    named right after the name."""
    doc, sent = span.doc, span.sent
    i = span.end
    if (
        i + 1 >= sent.end
        or doc[i].lower_ != "of"
        or doc[i].head.i not in range(span.start, span.end)
    ):
        return None
    for pobj in doc[i].children:
        if pobj.dep_ != "pobj" or pobj.lower_ not in _BODY_NOUNS:
            continue
        body = actors.at(pobj)
        if body is not None and not is_place(body.entities[0], pobj.text):
            continue  # a catalogued body is `member_title`'s
        if _businesslike(list(pobj.subtree), actors):
            continue
        owner = _owning_child(pobj, actors, is_place)
        if owner is not None:
            return "Official", owner, "title-of-body"
    return None
