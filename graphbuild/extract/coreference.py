"""Document-level coreference: link anaphors to the actors named before them.

Each kind of anaphor has its own resolver: a surname ("Xi" after "Xi Jinping"), a person
pronoun (he, his), a group pronoun (they), a thing pronoun (it, its), a state noun ("the
country", "his government"), a role noun ("the king"), an event noun ("the summit"), a
catalog organization's generic name ("the bloc"), a counted group noun ("the two
leaders"), and "his counterpart". `resolve_coreference` walks the document's cue words in
order and asks the resolvers in that order; the first that recognises the anaphor decides
it, naming actors or nothing. An anaphor resolves only to an actor mentioned before it,
and the mentions it adds are seen by later anaphors.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..model import Entity, EntityType
from ..resolve.catalog import Catalog
from .actormap import ActorMap, ActorMention, tokens_among
from .vocabulary import (
    ARMED_GROUP_NOUNS,
    COUNTERPARTS,
    EVENT_NOUNS,
    FAMILY_NAME_FIRST,
    GENDER_HONORIFICS,
    GROUP_NOUNS,
    HONORIFICS,
    NUMBER_WORDS,
    PLURAL_PEOPLE,
    PRONOUN_GENDERS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    ROLE_NOUNS,
    STATE_NOUNS,
    TITLE_WORDS,
)

SUBJECT_DEPS = ("nsubj", "nsubjpass")

Resolved = tuple[Entity, ...] | None
"""What a resolver says of a token: None when the anaphor is not of its kind (the next
resolver is asked), the actors it stands for, or `NOTHING`."""

NOTHING: tuple[Entity, ...] = ()
"""The anaphor is of the resolver's kind, but names no actor: no other resolver is asked."""


@dataclass
class Scene:
    """One document as coreference sees it at a token: its actors so far."""

    doc: Doc
    actors: ActorMap
    """The mentions found before coreference (the ones it adds join after it is done)."""
    catalog: Catalog
    surnames: dict[str, Entity] = field(default_factory=dict)
    """First and last words of the leaders' full names here -> the leader."""
    previous: list[ActorMention] = field(default_factory=list)
    """Mentions ending before the current token, found or added, in document order."""
    genders: dict[str, str] = field(default_factory=dict)
    """Entity id -> "m" or "f", where an honorific before its name tells ("Mr. Bao")."""
    strangers: list[tuple[int, int, str | None]] = field(default_factory=list)
    """People the text names who are no actor ("Mr. Vohor", a spokesman): start, end and
    gender (None when unknown), in document order."""


def resolve_coreference(doc: Doc, actors: ActorMap, catalog: Catalog) -> None:
    """Add a `coref` mention to `actors` for every anaphor of `doc` that names an actor."""
    scene = Scene(doc, actors, catalog, _surnames(actors))
    scene.genders = _honorific_genders(doc, actors)
    scene.strangers = _strangers(doc, actors, scene.surnames)
    history: list[ActorMention] = sorted(actors.mentions, key=lambda m: m.start)
    added: list[ActorMention] = []
    # `previous` grows incrementally (a full rescan per token made coreference the
    # slowest part of extraction).
    next_history = next_added = 0
    for token in tokens_among(doc, _cue_words(catalog, scene.surnames)):
        batch = []
        while next_history < len(history) and history[next_history].end <= token.i:
            batch.append(history[next_history])
            next_history += 1
        while next_added < len(added) and added[next_added].end <= token.i:
            batch.append(added[next_added])
            next_added += 1
        if batch:
            scene.previous.extend(sorted(batch, key=lambda m: m.start))
        if token.i in actors.by_token:
            continue
        for resolve in RESOLVERS:
            found = resolve(token, scene)
            if found is not None:
                if found:
                    added.append(ActorMention(token.i, token.i + 1, found, "coref"))
                break
    for mention in added:
        actors.add(mention)


def _surnames(actors: ActorMap) -> dict[str, Entity]:
    surnames: dict[str, Entity] = {}
    for mention in actors.mentions:
        entity = mention.entities[0]
        if entity.type is EntityType.LEADER:
            parts = entity.name.split()
            if len(parts) > 1:
                surnames.setdefault(parts[-1].lower(), entity)
                surnames.setdefault(parts[0].lower(), entity)  # "Xi", "Han"
    return surnames


def _cue_words(catalog: Catalog, surnames: dict[str, Entity]) -> frozenset[str]:
    """Every word that may be an anaphor of some resolver."""
    generic_words = {phrase.split()[-1] for phrase in catalog.generic_phrases()}
    return (
        PRONOUNS_PERSON
        | PRONOUNS_THING
        | ROLE_NOUNS
        | generic_words
        | EVENT_NOUNS
        | set(GROUP_NOUNS)
        | set(surnames)
        | PRONOUNS_GROUP
        | STATE_NOUNS
        | COUNTERPARTS
    )


# -- one resolver per kind of anaphor ---------------------------------------------------
def resolve_surname(token: Token, scene: Scene) -> Resolved:
    """ "Xi" after "Xi Jinping": the leader whose full name it begins or ends."""
    lower = token.lower_
    if token.text[:1].isupper() and lower in scene.surnames and token.pos_ == "PROPN":
        return (scene.surnames[lower],)
    return None


def resolve_person_pronoun(token: Token, scene: Scene) -> Resolved:
    """he, she, his: the latest leader whose gender fits (unknown fits either), or in an
    earlier sentence that sentence's subject leader ("Putin met Tokayev. He ..." is
    Putin); nobody when a person who is no actor comes between ("Mr. Vohor ... his")."""
    if token.lower_ not in PRONOUNS_PERSON or token.pos_ != "PRON":
        return None
    wanted = PRONOUN_GENDERS.get(token.lower_)
    doc = scene.doc
    leaders = [
        m
        for m in scene.previous
        if len(m.entities) == 1
        and m.entities[0].type is EntityType.LEADER
        and _fits(gender_of(m.entities[0], scene), wanted)
    ]
    if not leaders:
        return NOTHING
    chosen = leaders[-1]
    sent = doc[chosen.start].sent
    if sent.start < token.sent.start and doc[chosen.start : chosen.end].root.dep_ not in (
        SUBJECT_DEPS
    ):
        chosen = next(
            (
                m
                for m in reversed(leaders)
                if sent.start <= m.start < sent.end
                and doc[m.start : m.end].root.dep_ in SUBJECT_DEPS
            ),
            chosen,
        )
    if any(
        chosen.end <= start and end <= token.i and _fits(gender, wanted)
        for start, end, gender in scene.strangers
    ):
        return NOTHING
    return (chosen.entities[0],)


def resolve_group_pronoun(token: Token, scene: Scene) -> Resolved:
    """they, their: the latest coordination, group mention or people of one actor."""
    if token.lower_ not in PRONOUNS_GROUP or token.pos_ != "PRON":
        return None
    group = latest_group(scene.doc, scene.previous, scene.actors)
    return tuple(group) if group else NOTHING


def resolve_thing_pronoun(token: Token, scene: Scene) -> Resolved:
    """it, its: the subject country or organization of the clause, else the latest one."""
    lower = token.lower_
    if lower == "it" and token.dep_ not in ("nsubj", "nsubjpass"):
        return NOTHING  # an object "it" is mostly a thing ("praised it as historic")
    if lower not in PRONOUNS_THING or token.pos_ != "PRON":
        return None
    thing = _clause_subject(scene.doc, token, scene.previous) or next(
        (
            m.entities[0]
            for m in reversed(scene.previous)
            if len(m.entities) == 1
            and m.entities[0].type in (EntityType.COUNTRY, EntityType.ORGANIZATION)
            and not _people_of(m, scene)
        ),
        None,
    )
    return (thing,) if thing is not None else NOTHING


def _people_of(mention: ActorMention, scene: Scene) -> bool:
    """Whether `mention` names a country's people, not the state: a demonym standing as a
    noun ("the challenges posed by the Chinese and the Indians"). "It" and "its" point back
    to a state or a body, not to its people."""
    span = scene.doc[mention.start : mention.end]
    if span.root.dep_ in ("amod", "compound"):
        return False  # "Indian troops": the state's
    alias = scene.catalog.countries.lookup_alias(span.text)
    return alias is not None and alias.kind == "demonym"


def resolve_state_noun(token: Token, scene: Scene) -> Resolved:
    """ "his government", "whose country": the leader's country; "the country": the latest
    country. Anything else is left to the other resolvers."""
    lower = token.lower_
    if lower not in STATE_NOUNS or token.pos_ != "NOUN":
        return None
    owner_words = {c.lower_ for c in token.children if c.dep_ == "poss"}
    leader = None
    if owner_words & {"his", "her"}:
        leader = _latest(scene.previous, {EntityType.LEADER})
    elif "whose" in owner_words:
        relcl = token.head
        while relcl.dep_ != "relcl" and relcl.head.i != relcl.i:
            relcl = relcl.head
        named = scene.actors.by_token.get(relcl.head.i) if relcl.dep_ == "relcl" else None
        leader = named.entities[0] if named else None
    if leader is not None and leader.type is EntityType.LEADER and leader.country:
        country = scene.catalog.country(leader.country)
        if country is not None:
            return (scene.catalog.country_entity(country),)
    if owner_words & {"the"} or any(c.lower_ == "the" for c in token.children):
        country_entity = _latest(scene.previous, {EntityType.COUNTRY})
        if country_entity is not None and lower == "country":
            return (country_entity,)
    return None


def resolve_role_noun(token: Token, scene: Scene) -> Resolved:
    """ "the king thanked Macron": the latest leader holding that office."""
    lower = token.lower_
    if token.pos_ not in ("NOUN", "PROPN") or lower not in ROLE_NOUNS:
        return None
    if not _bare_definite(token):
        return None
    leader = next(
        (
            m.entities[0]
            for m in reversed(scene.previous)
            if m.entities[0].type is EntityType.LEADER
            and lower in (m.entities[0].role or "").lower()
        ),
        None,
    )
    return (leader,) if leader is not None else None


def resolve_event_noun(token: Token, scene: Scene) -> Resolved:
    """ "Trump, who was attending the summit": the summit named before."""
    if token.lower_ not in EVENT_NOUNS or token.pos_ != "NOUN" or not _bare_definite(token):
        return None
    event = next(
        (
            m.entities[0]
            for m in reversed(scene.previous)
            if m.entities[0].type is EntityType.INITIATIVE
            and any(w in m.entities[0].name.lower() for w in EVENT_NOUNS)
        ),
        None,
    )
    return (event,) if event is not None else NOTHING


def resolve_generic_noun(token: Token, scene: Scene) -> Resolved:
    """ "the bloc", "the alliance": the latest catalog organization with that generic name."""
    if token.pos_ != "NOUN" or not _has_definite(token):
        return None
    orgs = scene.catalog.generic_organizations(f"the {token.lower_}")
    if not orgs:
        return None
    keys = {f"org:{o.key}" for o in orgs}
    armed = token.lower_ in ARMED_GROUP_NOUNS
    if armed and not _bare_definite(token):
        return NOTHING  # "the Syrian rebels": some other group
    for m in reversed(scene.previous):
        if m.entities[0].id in keys:
            return (m.entities[0],)
        if armed and any(e.type is EntityType.ORGANIZATION for e in m.entities):
            return NOTHING  # another organization came between: unsure
    return NOTHING


def resolve_group_noun(token: Token, scene: Scene) -> Resolved:
    """ "the two leaders", "both countries": the latest actors of that type, as many as
    the number says, leaving out the clause's own subject."""
    lower = token.lower_
    if token.pos_ != "NOUN" or not _has_definite(token):
        return None
    if lower not in GROUP_NOUNS or not _counts_two(token):
        return None
    wanted = GROUP_NOUNS[lower]
    types = (
        {wanted} if wanted else {EntityType.COUNTRY, EntityType.LEADER, EntityType.ORGANIZATION}
    )
    size = _group_size(token)
    listed: list[Entity] = []
    own = {
        e
        for c in token.head.children
        if c.dep_ in ("nsubj",) and c.i != token.i
        for m in [scene.actors.by_token.get(c.i)]
        if m
        for e in m.entities
    }
    for m in reversed(scene.previous):
        entity = m.entities[0]
        if entity in own:
            continue  # "Erdogan praised both leaders": not himself
        if wanted is None and m.owner is not None and m.owner.type in types:
            entity = m.owner  # "both sides" after "EU commissioner N": the EU, not N
        if entity.type in types and entity not in listed and len(m.entities) == 1:
            listed.append(entity)
        if len(listed) == size:
            break
    return tuple(reversed(listed)) if len(listed) == size else NOTHING


def resolve_counterpart(token: Token, scene: Scene) -> Resolved:
    """ "his Russian counterpart": the leader of that country named before, else the
    country."""
    if token.lower_ not in COUNTERPARTS:
        return None
    actors = scene.actors
    if any(c.i > token.i and c.i in actors.by_token for c in token.children):
        return NOTHING  # "his Italian counterpart Giorgia Meloni": the name says who
    for child in token.children:
        named = actors.at(child)
        if named and named.entities[0].type is EntityType.COUNTRY:
            owner_country = named.entities[0]
            leader = next(
                (
                    m.entities[0]
                    for m in scene.previous
                    if m.entities[0].type is EntityType.LEADER
                    and m.entities[0].country == owner_country.name
                ),
                None,
            )
            return (leader or owner_country,)
    return NOTHING


RESOLVERS = (
    resolve_surname,
    resolve_person_pronoun,
    resolve_group_pronoun,
    resolve_thing_pronoun,
    resolve_state_noun,
    resolve_role_noun,
    resolve_event_noun,
    resolve_generic_noun,
    resolve_group_noun,
    resolve_counterpart,
)
"""The resolvers in the order they are asked: the order decides which reading of an
ambiguous word wins ("the president" is a role noun before a group noun)."""


# -- what the resolvers read ------------------------------------------------------------
def _clause_subject(doc: Doc, token: Token, previous: list[ActorMention]) -> Entity | None:
    """ "Algeria ... responded by withdrawing its ambassador": "its" is the subject's."""
    sent = token.sent
    for mention in reversed(previous):
        if mention.start < sent.start:
            break
        root = doc[mention.start : mention.end].root
        entity = mention.entities[0]
        if (
            root.dep_ in ("nsubj", "nsubjpass")
            and len(mention.entities) == 1
            and entity.type in (EntityType.COUNTRY, EntityType.ORGANIZATION)
        ):
            return entity
    return None


def _latest(previous: list[ActorMention], types: set[EntityType]) -> Entity | None:
    for mention in reversed(previous):
        if len(mention.entities) == 1 and mention.entities[0].type in types:
            return mention.entities[0]
    return None


def _bare_definite(token: Token) -> bool:
    """ "the king", "the summit": definite, with no owner or modifier saying which one
    ("the president of Armenia" is not bare)."""
    return any(c.lower_ == "the" for c in token.children) and not any(
        c.dep_ in ("poss", "amod", "compound")
        or (
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        )
        for c in token.children
    )


def _has_definite(token: Token) -> bool:
    return any(
        child.lower_ in {"the", *NUMBER_WORDS} for child in token.children if child.i < token.i
    )


def _counts_two(token: Token) -> bool:
    return _group_size(token) > 0


def _group_size(token: Token) -> int:
    for child in token.children:
        if child.i < token.i and child.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[child.lower_]
    return 0


def latest_group(doc: Doc, previous: list[ActorMention], actors: ActorMap) -> list[Entity]:
    """The latest coordinated actors ("Mali, Burkina Faso and Niger"), group mention, or
    people of one actor ("Palestinian leaders said they ...")."""
    for mention in reversed(previous):
        if len(mention.entities) > 1:
            return list(mention.entities)
        root = doc[mention.start : mention.end].root
        head = root.head
        if (
            root.dep_ in ("amod", "compound", "nmod")
            and head.tag_ == "NNS"
            and head.lower_ in PLURAL_PEOPLE
        ):
            return [mention.entities[0]]
        if root.dep_ == "conj":
            continue  # reach the first conjunct, which carries the list
        members = [mention.entities[0]]
        if root.dep_ == "appos":
            # "Mali, Burkina Faso and Niger" parsed with "Burkina Faso" as an apposition
            listed = actors.by_token.get(root.head.i)
            if listed is not None and listed.entities[0].type is mention.entities[0].type:
                members.insert(0, listed.entities[0])
        for conj in root.conjuncts:
            other = actors.by_token.get(conj.i)
            if other is not None and other.entities[0] not in members:
                members.append(other.entities[0])
        if len(members) >= 2:
            return members
    return []


# -- gender of a person ------------------------------------------------------------------
@cache
def first_name_genders() -> dict[str, str]:
    """First name (folded) -> "m" or "f", from `data/first_names.csv` (nomquamgender's
    clearly gendered names; see `scripts/first_names.py`)."""
    text = resources.files("graphbuild.data").joinpath("first_names.csv").read_text("utf-8")
    rows = csv.reader(io.StringIO(text))
    next(rows, None)  # header
    return {row[0]: row[1] for row in rows if len(row) == 2 and not row[0].startswith("#")}


def name_gender(name: str, country: str | None = None) -> str | None:
    """The gender a person's first given name tells, or None: "Ursula von der Leyen" f,
    "Emmanuel Macron" m, "Andrea Nahles" None (male in Italy, female elsewhere), "Xi
    Jinping" None (family name first)."""
    if country in FAMILY_NAME_FIRST:
        return None
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in folded.split() if w not in TITLE_WORDS and w not in HONORIFICS]
    if not words:
        return None
    genders = first_name_genders()
    first = words[0]
    return genders.get(first) or genders.get(first.split("-")[0])


def gender_of(entity: Entity, scene: Scene) -> str | None:
    return scene.genders.get(entity.id) or name_gender(entity.name, entity.country)


def _fits(gender: str | None, wanted: str | None) -> bool:
    return gender is None or wanted is None or gender == wanted


def _honorific(doc: Doc, start: int) -> str | None:
    """ "Mr. Bao", "Ms Ardern": the gender an honorific at or just before `start` tells."""
    for i in (start, start - 1):
        if 0 <= i < len(doc) and doc[i].lower_ in GENDER_HONORIFICS:
            return GENDER_HONORIFICS[doc[i].lower_]
    return None


def _honorific_genders(doc: Doc, actors: ActorMap) -> dict[str, str]:
    genders: dict[str, str] = {}
    for mention in actors.mentions:
        gender = _honorific(doc, mention.start)
        if gender is not None and mention.entities[0].type is EntityType.LEADER:
            genders.setdefault(mention.entities[0].id, gender)
    return genders


def _strangers(
    doc: Doc, actors: ActorMap, surnames: dict[str, Entity]
) -> list[tuple[int, int, str | None]]:
    """spaCy's PERSON entities that are no actor nor a known leader's surname."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(t.i in actors.by_token for t in ent):
            continue
        if ent[-1].lower_ in surnames or ent[0].lower_ in surnames:
            continue  # "Xi" after "Xi Jinping": the surname resolver's
        gender = _honorific(doc, ent.start) or name_gender(ent.text)
        found.append((ent.start, ent.end, gender))
    return found
