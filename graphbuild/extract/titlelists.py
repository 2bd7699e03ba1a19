"""Titles shared by a list of names, and titles a relative clause gives.

- `listed_title`: one plural title over several "name of owner" pairs ("Presidents X of
  A and Y of B");
- `respective_title`: a list of names, a plural title and a list of owners paired in
  order by "respectively" ("X and Y, the foreign ministers of A and B respectively");
- `relative_title`: "X, who heads the A foreign ministry", "X, who is A's president".

Each reads the words around a person's name, not only its parse: the parser hangs such
lists in many ways ("Presidents X of A and Y of B" made Y a conjunct of A). Each returns
the `(role, owner, rule)` of `titles.Title`, or None.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..model import Entity, EntityType
from .actormap import ActorMap
from .vocabulary import FORMER_WORDS

RoleOf = Callable[[list[str]], str | None]
"""The role a list of lower-case title words names (`TitleFinder._role`)."""

Title = tuple[str | None, Entity | None, str | None]

_OWNER_TYPES = (EntityType.COUNTRY, EntityType.ORGANIZATION)
_LIST_WORDS = frozenset({",", "and"})
_HEAD_VERBS = frozenset({"head", "lead", "chair", "run"})
"""Verbs of "who heads the X ministry": the subject holds the office named by the object."""
_ROLE_HEADS = frozenset({"minister", "secretary", "president", "adviser", "advisor"})
"""Last words of plural titles ("foreign ministers", "defence secretaries")."""
_ROLE_MODIFIERS = frozenset(
    "vice deputy prime foreign defence defense finance interior trade energy economy "
    "national security state home external affairs".split()
)
"""Words a plural title may start with ("Prime Ministers", "foreign ministers")."""
_MINISTRY_NOUNS = frozenset({"ministry", "department", "office"})
_GOVERNMENT_NOUNS = frozenset({"government", "cabinet"})


def _owner_at(token: Token, actors: ActorMap) -> Entity | None:
    mention = actors.at(token)
    if mention is not None and mention.entities[0].type in _OWNER_TYPES:
        return mention.entities[0]
    return None


def _owners_after(doc: Doc, i: int, end: int, actors: ActorMap) -> tuple[list[Entity], int]:
    """The owners listed from token `i` ("A, B and C", articles allowed) and where the list
    ends."""
    owners: list[Entity] = []
    while i < end:
        token = doc[i]
        owner = _owner_at(token, actors)
        if owner is not None:
            mention = actors.at(token)
            assert mention is not None
            owners.append(owner)
            i = mention.end
            continue
        if token.lower_ in _LIST_WORDS or token.lower_ == "the":
            i += 1
            continue
        break
    return owners, i


def _is_name_word(token: Token, actors: ActorMap) -> bool:
    return (
        token.pos_ == "PROPN"
        and (token.is_title or token.is_upper)
        and _owner_at(token, actors) is None
    )


def _name_runs(doc: Doc, start: int, end: int, actors: ActorMap) -> list[tuple[int, int]]:
    """The names of a list "X, Y and Z" between `start` and `end` (runs of proper nouns
    apart only by commas and "and"); empty when anything else stands between them."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if _is_name_word(doc[i], actors):
            j = i
            while j < end and _is_name_word(doc[j], actors):
                j += 1
            runs.append((i, j))
            i = j
        elif doc[i].lower_ in _LIST_WORDS:
            i += 1
        else:
            return []
    return runs


def _singular(word: str) -> str | None:
    """ "presidents" -> "president", "secretaries" -> "secretary"; None if not plural."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return None


def _plural_role(token: Token, role_of: RoleOf) -> tuple[str | None, int]:
    """The role of a plural title ending at `token` ("Foreign Ministers", "presidents") and
    where its words start."""
    singular = _singular(token.lower_) if token.pos_ in ("NOUN", "PROPN") else None
    if singular is None or role_of([singular]) is None and singular not in _ROLE_HEADS:
        return None, token.i
    doc = token.doc
    words = [singular]
    start = token.i
    while start > token.sent.start and doc[start - 1].lower_ in _ROLE_MODIFIERS:
        words.insert(0, doc[start - 1].lower_)
        start -= 1
    if FORMER_WORDS.intersection(words):
        return None, start
    return role_of(words), start


def listed_title(span: Span, actors: ActorMap, role_of: RoleOf) -> Title | None:
    """ "Presidents X of A and Y of B": the plural title before the list, the owner after
    the name."""
    doc, sent = span.doc, span.sent
    if span.end + 1 >= sent.end or doc[span.end].lower_ != "of":
        return None
    owners, _ = _owners_after(doc, span.end + 1, sent.end, actors)
    if not owners:
        return None
    i = span.start - 1
    while i >= sent.start:
        token = doc[i]
        role, _ = _plural_role(token, role_of)
        if role is not None:
            return role, owners[0], "title-list"
        mention = actors.at(token)
        if mention is not None and _owner_at(token, actors) is not None:
            i = mention.start - 1
        elif token.lower_ in _LIST_WORDS | {"of", "the"} or _is_name_word(token, actors):
            i -= 1
        else:
            return None
    return None


def respective_title(span: Span, actors: ActorMap, role_of: RoleOf) -> Title | None:
    """ "X and Y, the defence ministers of A and B respectively" / "the foreign ministers of
    A and B, X and Y respectively": the names and the owners paired in order."""
    doc, sent = span.doc, span.sent
    if "respectively" not in sent.text.lower():
        return None
    for token in sent:
        role, role_start = _plural_role(token, role_of)
        if role is None or token.i + 1 >= sent.end or doc[token.i + 1].lower_ != "of":
            continue
        owners, owners_end = _owners_after(doc, token.i + 2, sent.end, actors)
        if len(owners) < 2:
            continue
        if span.start >= owners_end:  # the names after the owners
            stop = next(
                (t.i for t in doc[owners_end : sent.end] if t.lower_ == "respectively"), None
            )
            first = owners_end + (doc[owners_end].lower_ == ",")
            runs = _name_runs(doc, first, stop, actors) if stop is not None else []
        else:  # the names before the title: "X and Y, the ministers of ..."
            first = role_start
            while first > sent.start and doc[first - 1].lower_ in ("the", ","):
                first -= 1
            start = first
            while start > sent.start and (
                _is_name_word(doc[start - 1], actors) or doc[start - 1].lower_ in _LIST_WORDS
            ):
                start -= 1
            runs = _name_runs(doc, start, first, actors)
        index = next((k for k, (s, e) in enumerate(runs) if s <= span.start < e), None)
        if index is not None and len(runs) == len(owners):
            return role, owners[index], "title-respectively"
    return None


def surface_appositive(
    span: Span, actors: ActorMap, role_of: RoleOf, title_words: frozenset[str]
) -> Title | None:
    """ "X, the Brazilian President, will ...", "X, Chile's foreign minister said": an
    apposition the parser did not make one, read from the words after the comma. The
    title's words must end the phrase (a verb, a stop, a comma or "and" after them): "X,
    the Brazilian president's adviser" is no president."""
    doc, sent = span.doc, span.sent
    i = span.end
    if i >= sent.end - 1 or doc[i].text != ",":
        return None
    i += 1
    if doc[i].lower_ in ("the", "a"):
        i += 1
    words: list[str] = []
    owner = None
    while i < sent.end:
        token = doc[i]
        found = _owner_at(token, actors)
        mention = actors.at(token)
        if found is not None and mention is not None:
            owner = owner or found
            i = mention.end
            continue
        if token.lower_ in title_words or (token.lower_ == "of" and words):
            words.append(token.lower_)
            i += 1
            continue
        if token.tag_ == "POS" and owner is not None and not words:
            i += 1
            continue
        break
    if i < sent.end and doc[i].pos_ not in ("VERB", "AUX", "PUNCT", "CCONJ"):
        return None
    if words and words[-1] == "of":
        return None  # "X, UK managing director of filtering firm Y": the office is Y's
    role = role_of(words)
    if role is None or owner is None or FORMER_WORDS.intersection(words):
        return None
    return role, owner, "title-appos"


def member_title(span: Span, actors: ActorMap, known: Callable[[Entity], bool]) -> Title | None:
    """ "Mike Ryan of the World Health Organization told reporters": a person named with
    the organization they speak for, no title needed. Only a body the catalog knows
    (`known`), never a country ("Patrice Talon of Benin" may be anyone of Benin)."""
    doc, sent = span.doc, span.sent
    i = span.end
    if i + 1 >= sent.end or doc[i].lower_ != "of":
        return None
    i += 1 + (doc[i + 1].lower_ == "the")
    mention = actors.at(doc[i]) if i < sent.end else None
    if mention is None or mention.start < span.end + 1 or len(mention.entities) != 1:
        return None  # the body must follow "of" ("the" inside its name or not)
    body = mention.entities[0]
    if body.type is not EntityType.ORGANIZATION or not known(body):
        return None
    return "Official", body, "title-of"


def relative_title(span: Span, actors: ActorMap, role_of: RoleOf) -> Title | None:
    """ "X, who heads the German foreign ministry" (Foreign Minister of Germany), "X, who
    heads the Spanish government" (Head of Government), "X, who is the secretary of state"
    (the owner, if the clause names none, comes from elsewhere)."""
    doc = span.doc
    i = span.end + (span.end < len(doc) and doc[span.end].lower_ == ",")
    if i >= span.sent.end or doc[i].lower_ != "who" or doc[i].dep_ != "nsubj":
        return None
    verb = doc[i].head  # the clause of the "who" right after the name, wherever it hangs
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBZ", "VBP"):  # "who was": a past office
        return None
    lemma = verb.lemma_.lower()
    if lemma in _HEAD_VERBS:
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            title = _headed_office(obj, actors, role_of)
            if title is not None:
                return title
    if lemma == "be":
        for attr in (c for c in verb.children if c.dep_ == "attr"):
            phrase = list(attr.subtree)
            words = [t.lower_ for t in phrase if actors.at(t) is None]
            role = role_of(words)
            if role is None or FORMER_WORDS.intersection(words):
                continue
            owner = next((o for t in phrase if (o := _owner_at(t, actors))), None)
            return role, owner, "title-relative"
    return None


def _headed_office(obj: Token, actors: ActorMap, role_of: RoleOf) -> Title | None:
    """The office of who heads `obj`: "the foreign ministry" -> Foreign Minister, "the
    government" -> Head of Government; the owner is the country or body named in it."""
    phrase = list(obj.subtree)
    owner = next((o for t in phrase if (o := _owner_at(t, actors))), None)
    noun = obj.lower_
    role: str | None = None
    if noun in _GOVERNMENT_NOUNS:
        role = "Head of Government"
    elif noun in _MINISTRY_NOUNS:
        words = [
            t.lower_ for t in obj.lefts if t.dep_ in ("compound", "amod") and actors.at(t) is None
        ]
        role = role_of([*words, "minister"]) if words else None
    else:
        return None
    if role is None or owner is None:
        return None
    return role, owner, "title-relative"
