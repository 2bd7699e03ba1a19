"""Initiatives the text makes without the catalog: named spans, placed summits, owned plans.

A named initiative is a run of capitalised words ending in an initiative head ("Three Seas
Initiative", "G7 summit"); an unnamed summit with its place ("a summit in Astana") becomes
the "Astana summit", so that "the summit" can refer to it later; an unnamed plan with an
owner ("Morocco's autonomy plan", "a plan put forward by China") becomes an initiative that
the owner sponsors. "X-led", "X-backed" participles name owners too (`hyphen_owner`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ..model import Entity, EntityType
from ..resolve.text import slug
from .actormap import ActorMap, ActorMention, tokens_among
from .vocabulary import (
    CONNECTORS,
    INITIATIVE_HEADS,
    LOWERCASE_HEADS,
    OWNED_HEADS,
    PLACED_EVENTS,
    PLAN_AUTHOR_VERBS,
    SPONSOR_PARTICIPLES,
)


def add_placed_events(doc: Doc, actors: ActorMap) -> None:
    """An unnamed summit with its place ("a summit in Astana") becomes the initiative
    "Astana summit", so that "the summit" and "who hosted it" can refer to it."""
    for token in _free_nouns(doc, PLACED_EVENTS, actors):
        city = _place_compound(token, actors)
        if city is not None:  # "the Lima conference", "the Cairo summit"
            name = f"{city.text} {token.lower_}"
            entity = Entity(f"initiative:{slug(name)}", name, EntityType.INITIATIVE)
            actors.add(ActorMention(token.i, token.i + 1, (entity,), "placed"))
            continue
        if (
            token.i + 2 >= len(doc)
            or any(
                c.dep_ in ("compound", "nmod", "amod") and c.i in actors.by_token
                for c in token.children
            )  # "the Three Seas Initiative summit in Vilnius" is that initiative's
            or any(c.lower_ in ("press", "news") for c in token.children)
        ):
            continue
        place = next(
            (
                pobj
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i == token.i + 1
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                and pobj.pos_ == "PROPN"
                and (pobj.i in actors.by_token or pobj.ent_type_ in ("GPE", "LOC"))
            ),
            None,
        )
        if place is None:
            continue
        words = [t for t in doc[place.left_edge.i : place.i + 1] if t.dep_ != "det"]
        name = " ".join(t.text for t in words) + f" {token.lower_}"
        entity = Entity(f"initiative:{slug(name)}", name, EntityType.INITIATIVE)
        # the event's mention is its noun: the place stays the place's own mention
        actors.add(ActorMention(token.i, token.i + 1, (entity,), "placed"))
    actors.mentions.sort(key=lambda m: m.start)


def _place_compound(event: Token, actors: ActorMap) -> Token | None:
    """The place name right before an event noun ("the Lima conference"): a proper noun
    spaCy calls a place, which is no actor or stands for a country (a capital), never for
    an organization ("the NATO summit" is the organization's)."""
    if event.i == 0:
        return None
    place = event.doc[event.i - 1]
    if place.dep_ != "compound" or place.head.i != event.i or place.pos_ != "PROPN":
        return None
    if place.ent_type_ not in ("GPE", "LOC"):
        return None
    mention = actors.by_token.get(place.i)
    if mention is not None and any(e.type is not EntityType.COUNTRY for e in mention.entities):
        return None
    if place.i > 0 and event.doc[place.i - 1].pos_ == "PROPN":
        return None  # "the Three Seas summit": a longer name than one place
    return place


def add_owned_initiatives(doc: Doc, actors: ActorMap) -> None:
    """Unnamed plans with an owner ("its own peace plan", "Morocco's autonomy plan", "a
    plan put forward by China and Brazil") become initiatives sponsored by the owner."""
    for token in _free_nouns(doc, OWNED_HEADS, actors):
        if _is_intention(token) or _describes_named(token, actors):
            continue
        sponsors = _plan_owners(token, actors)
        owners = sponsors or _plan_backers(token, actors)
        if not owners:
            continue
        start = token.i
        while start > token.sent.start and _plan_word(doc[start - 1], token, actors):
            start -= 1
        if not any(t.lower_ != "own" for t in doc[start : token.i]):
            # a bare "India's proposal" is India's act, not an initiative of its own:
            # the plan has a name only with words saying what it is ("peace plan")
            continue
        words = " ".join(t.text for t in doc[start : token.i + 1] if t.lower_ != "own")
        words = words.replace(" - ", "-")
        names = " and ".join(owner.name for owner in owners)
        name = f"{names}' {words}" if names.endswith("s") else f"{names}'s {words}"
        entity = Entity(f"initiative:{slug(name)}", name, EntityType.INITIATIVE)
        actors.add(ActorMention(start, token.i + 1, (entity,), "owned", sponsors=sponsors))
    actors.mentions.sort(key=lambda m: m.start)


def initiative_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of named initiatives: a capitalised run ending in an initiative head
    ("Three Seas Initiative", "Partnership for Peace", "the G7 summit")."""
    spans = []
    for token in tokens_among(doc, INITIATIVE_HEADS):
        lower = token.lower_
        titled = token.is_title or token.is_upper
        if not titled and lower not in LOWERCASE_HEADS:
            continue
        start = _name_start(doc, token)
        end = _name_end(doc, token) if titled else token.i + 1
        if start == token.i and end == token.i + 1:
            continue  # a bare "Summit" names nothing
        if (
            not titled
            and end == token.i + 1
            and start < token.i
            and (doc[token.i - 1].lower_ in INITIATIVE_HEADS and doc[token.i - 1].is_title)
        ):
            end = token.i  # "the Three Seas Initiative summit" names the initiative
        if not titled and (
            start == token.i or not (doc[token.i - 1].is_upper or doc[token.i - 1].is_title)
        ):
            continue
        if (
            not titled
            and doc[start].i == token.sent.start
            and doc[start].is_title
            and start + 1 == token.i
        ):
            # "Peace plan" at a sentence start: capital by position only
            if not doc[start].is_upper and doc[start].ent_type_ == "":
                continue
        spans.append((start, end))
    return spans


def _name_start(doc: Doc, head: Token) -> int:
    """Where the capitalised run before an initiative's head noun starts."""
    start = head.i
    sent_start = head.sent.start
    while start > sent_start:
        prev = doc[start - 1]
        if (
            prev.is_title
            or prev.is_upper
            or prev.text[:1].isdigit()
            or (prev.text[:1].isupper() and prev.is_alpha)
        ):
            start -= 1
        elif (
            prev.lower_ in CONNECTORS
            and start - 2 >= sent_start
            and (doc[start - 2].is_title or doc[start - 2].is_upper)
            and prev.lower_ != "the"
        ):
            start -= 1
        else:
            break
    while start < head.i and doc[start].lower_ in CONNECTORS:
        start += 1
    return start


def _name_end(doc: Doc, head: Token) -> int:
    """Past a titled head's "on/for/of" phrase of capitalised words ("Partnership for
    Peace", "Conference on Security and Cooperation in Europe")."""
    end = head.i + 1
    if end + 1 < len(doc) and doc[end].lower_ in {"on", "for", "of"}:
        probe = end + 1
        while probe < len(doc) and (
            doc[probe].is_title
            or (
                doc[probe].lower_ in {"in", "and"}
                and probe + 1 < len(doc)
                and doc[probe + 1].is_title
            )
        ):
            probe += 1
        if probe > end + 1 and doc[probe - 1].is_title:
            end = probe
    return end


def hyphen_owner(token: Token, actors: ActorMap) -> ActorMention | None:
    """The mention of X when `token` is the participle of "X-led", "X-backed", ..."""
    if is_hyphen_participle(token) and token.i >= 2:
        return actors.by_token.get(token.i - 2)
    return None


def is_hyphen_participle(token: Token) -> bool:
    return token.lower_ in SPONSOR_PARTICIPLES and token.i > 0 and token.nbor(-1).text == "-"


def _free_nouns(doc: Doc, words: frozenset[str], actors: ActorMap) -> Iterator[Token]:
    """The common nouns among `words` that no actor mention covers yet."""
    for token in tokens_among(doc, words):
        if token.pos_ == "NOUN" and token.i not in actors.by_token:
            yield token


def _is_intention(noun: Token) -> bool:
    """ "its plan to join NATO", "plans for new talks": an intention, not an initiative;
    "its plan, which has received mixed responses" is one (the relative clause's "has"
    is no "to")."""
    if noun.tag_ == "NNS":
        return True
    return any(
        c.dep_ in ("acl", "relcl", "xcomp")
        and any(g.dep_ == "aux" for g in c.children)
        and not (c.dep_ == "relcl" and any(g.dep_ == "nsubj" for g in c.children))
        for c in noun.children
    )


def _describes_named(noun: Token, actors: ActorMap) -> bool:
    """ "the Artemis Accords, the US-led framework": a named initiative described again."""
    named = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":
        named.append(noun.head)
    return any(
        (m := actors.by_token.get(t.i)) is not None and m.entities[0].type is EntityType.INITIATIVE
        for t in named
    )


def _plan_owners(noun: Token, actors: ActorMap) -> tuple[Entity, ...]:
    owners: list[Entity] = []

    def add(token: Token) -> None:
        for item in (token, *token.conjuncts):
            mention = actors.by_token.get(item.i)
            if mention is None:
                continue
            for entity in mention.entities:
                if entity.type is not EntityType.INITIATIVE and entity not in owners:
                    owners.append(entity)

    # "a Chilean ceasefire proposal" may hang "Chilean" on "ceasefire"
    modifiers = [g for c in noun.children if c.dep_ == "compound" for g in c.children]
    for child in [*noun.children, *modifiers]:
        if child.dep_ == "poss" or (child.dep_ == "amod" and child.i in actors.by_token):
            add(child)  # "China's", "its", "a Senegalese peace plan"
        elif child.dep_ == "acl" and child.lemma_.lower() in PLAN_AUTHOR_VERBS:
            for agent in child.children:  # "put forward by China and Brazil"
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            add(pobj)
    return tuple(owners)


def _plan_backers(noun: Token, actors: ActorMap) -> tuple[Entity, ...]:
    """ "a US-backed ceasefire proposal": the backers name the plan (the relation rules
    give them their own label: "backed" is support, "led" sponsors)."""
    backers: list[Entity] = []
    for token in noun.doc[max(noun.sent.start, noun.i - 4) : noun.i]:
        mention = hyphen_owner(token, actors)
        if mention is not None:
            backers += [e for e in mention.entities if e.type is not EntityType.INITIATIVE]
    return tuple(backers)


def _plan_word(token: Token, noun: Token, actors: ActorMap) -> bool:
    """Whether `token`, left of the plan noun, belongs to the plan's own name."""
    if token.i in actors.by_token or token.dep_ in ("det", "poss", "case", "punct"):
        return token.text == "-" and token.i - 1 not in actors.by_token and token.i > 0
    if is_hyphen_participle(token):
        return False  # "a US-backed ceasefire proposal": the backer is no part of the name
    if token.pos_ == "ADJ" and token.dep_ == "amod" and "-" not in token.text:
        return token.lower_ == "own"
    return token in noun.subtree and token.dep_ in (
        "compound",
        "nmod",
        "nummod",
        "amod",
        "npadvmod",
    )
