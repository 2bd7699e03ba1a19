"""Leaders' titles: the office and the country or organization a name's title gives.

A title comes before the name ("Chinese Foreign Minister Wang Yi", "NATO Secretary General
Mark Rutte"), in an apposition ("Wang Yi, China's foreign minister"), after "as" in the
subject's clause ("sworn in as Chile's president"), or, with no owner in the text, from
the actor dictionary's record of who held which office on the document's date. The rule
that found it (`title-prefix`, `title-appos`, `title-as`, `title-dictionary`) travels
with the mention, and the structural rules make it an `official_of` relation.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..config import ACTORS_OF_DIPLOMACY_ONLY
from ..model import Entity, EntityType
from ..resolve.catalog import Catalog
from .actormap import ActorMap, ActorMention, strip_article
from .bodytitles import body_title
from .titlelists import (
    listed_title,
    member_title,
    relative_title,
    respective_title,
    surface_appositive,
)
from .vocabulary import (
    BUSINESS_WORDS,
    DIPLOMATIC_ORG_WORDS,
    FORMER_WORDS,
    GOVERNMENT_HEADS,
    HYPOTHETICAL_AUX,
    OWNED_ROLES,
    SHADOW_WORDS,
    STATE_ROLES,
    SUCCESSION_VERBS,
    TITLE_WORDS,
)

Title = tuple[str | None, Entity | None, str | None]
"""(role, owner, rule) of a title; all None when there is none."""

_OWNER_TYPES = (EntityType.COUNTRY, EntityType.ORGANIZATION)
NO_OFFICE = "no-office"
"""The `Title` rule of a title that names no office of the state ("the shadow chancellor"
of an opposition): its holder is a leader, with no `official_of`."""
_PLACE_PREPOSITIONS = frozenset({"in", "at"})


@dataclass(frozen=True)
class Role:
    """One row of `data/roles.csv`: the words of an office and the role they name."""

    phrase: tuple[str, ...]
    name: str
    owner: str = ""
    """ISO alpha-3 code or organization key of the one country or body with this office
    ("Taoiseach": IRL), empty for offices many have."""


@lru_cache(maxsize=1)
def load_roles() -> tuple[Role, ...]:
    """The offices of `data/roles.csv`, longest phrase first (so "foreign minister" wins over
    "minister")."""
    text = resources.files("graphbuild.data").joinpath("roles.csv").read_text("utf-8")
    roles = [
        Role(tuple(row["phrase"].lower().split()), row["role"], row.get("owner") or "")
        for row in csv.DictReader(text.splitlines())
    ]
    return tuple(sorted(roles, key=lambda r: -len(r.phrase)))


ROLE_WORDS = frozenset(word for role in load_roles() for word in role.phrase) | TITLE_WORDS
"""Every word a leader's title may be made of ("foreign", "minister", "deputy", "Mr")."""


def _give_owner(mention: ActorMention, owner: Entity, rule: str) -> None:
    """Make `mention`'s title one of `owner`, found by `rule`."""
    leader = mention.entities[0]
    mention.owner = owner
    mention.title_rule = rule
    country = owner.name if owner.type is EntityType.COUNTRY else leader.country
    role = leader.role or mention.role
    mention.entities = (Entity(leader.id, leader.name, leader.type, country=country, role=role),)


def _heads_government(span: Span) -> bool:
    """ "the Bush administration", "the Howard government": the name of its head."""
    after = span.end
    return after < len(span.doc) and span.doc[after].lower_ in GOVERNMENT_HEADS


class TitleFinder:
    """Reads the titles of leader mentions; build once per catalog."""

    def __init__(
        self, catalog: Catalog, *, actors_of_diplomacy_only: bool = ACTORS_OF_DIPLOMACY_ONLY
    ):
        self.catalog = catalog
        self.roles = load_roles()
        self.role_owners = {role.name: role.owner for role in self.roles if role.owner}
        self._by_phrase: dict[tuple[str, ...], str] = {}
        for role in self.roles:
            self._by_phrase.setdefault(role.phrase, role.name)
        self._lengths = sorted({len(role.phrase) for role in self.roles}, reverse=True)
        self.diplomacy_only = actors_of_diplomacy_only

    def trim_title(self, doc: Doc, start: int, end: int) -> int:
        """ "King Mohammed VI" tagged whole as PERSON: the name starts after the title."""
        while start < end - 1 and doc[start].lower_ in ROLE_WORDS:
            start += 1
        return start

    def leader_mention(
        self,
        doc: Doc,
        span: Span,
        entity: Entity | None,
        source: str,
        date: str | None,
        actors: ActorMap,
        *,
        text: str | None = None,
    ) -> ActorMention | None:
        """The leader mention of person `span`, with the office its title gives, or None
        when neither a title nor the actor dictionary (in `text`) makes it a leader."""
        name = strip_article(span)
        role, owner, rule = self._title(doc, span, actors)
        if rule == NO_OFFICE:  # the owner is the person's country, not their office's
            leader = self.catalog.leader_entity(name, date=date, owner=owner, text=text)
            leader = Entity(leader.id, leader.name, leader.type, country=leader.country, role=role)
            return ActorMention(span.start, span.end, (leader,), source, role=role)
        if owner is None and role in self.role_owners:
            owner = self.catalog.owner_entity(self.role_owners[role])  # "Taoiseach X"
        known = self.catalog.is_known_leader(name, text=text, date=date)
        if (
            known
            and rule == "title-appos"
            and owner is not None
            and owner.type is EntityType.COUNTRY
        ):
            served = {self.catalog.owner_entity(code) for code in self.catalog.office_owners(name)}
            if owner not in served and any(e and e.type is EntityType.COUNTRY for e in served):
                # "dignitaries including Bill Clinton, the King of Belgium and ...": a list
                # read as an apposition gives a known leader another state's office
                role, owner, rule = None, None, None
        if not known and role is not None and self._titled_holder(name, role, date):
            known, text = True, None  # "President Obama": the title names his office
        if (
            self.diplomacy_only
            and owner is None
            and role in OWNED_ROLES
            and not known
            and not (rule == "title-prefix" and doc[span.start - 1].is_title)
        ):
            role = rule = None  # "X, vice president": of whom? often a firm
        if not known and role is None and _heads_government(span):
            known, text = self.catalog.office(name, date) is not None, None
        if entity is None and role is None:
            if not known:
                return None
        if role == "Counterpart":
            previous = next(
                (
                    m
                    for m in reversed(actors.mentions)
                    if m.entities[0].type is EntityType.LEADER and m.role
                ),
                None,
            )
            role = previous.role if previous else None
            if role is None and owner is None:
                return None
        office = self.catalog.office(name, date, text=text)
        if owner is None and office is not None and role is not None:
            owner = self.catalog.owner_entity(office.country)
            rule = "title-dictionary"
        leader = self.catalog.leader_entity(name, date=date, owner=owner, role=role, text=text)
        return ActorMention(
            span.start,
            span.end,
            (leader,),
            source,
            role=role or leader.role,
            owner=owner,
            title_rule=rule if role else None,
        )

    def context_owners(
        self, doc: Doc, actors: ActorMap, home: Callable[[], Entity | None]
    ) -> None:
        """Give the titled leaders whom nothing gave an owner the country the document is
        about ("Vice President N", "N, the Defence Secretary", in a text about one
        country): `home()`, the country named most in the whole text (`ActorFinder`).

        Taken only where it is unambiguous: a role of a state's own government
        (`STATE_ROLES`); no other country named in the sentence; and for a role that firms
        have too ("President", "Vice President": `OWNED_ROLES`) the home country named in
        the sentence itself and no organization that is no actor beside it.
        """
        country: Entity | None = None
        asked = False
        for mention in actors.mentions:
            leader = mention.entities[0]
            if (
                leader.type is not EntityType.LEADER
                or mention.owner is not None
                or mention.title_rule is None
            ):
                continue
            earlier = self._earlier_owner(doc, mention, actors)
            if earlier is not None:
                _give_owner(mention, earlier, "title-earlier")
                continue
            if mention.role not in STATE_ROLES:
                continue
            if not asked:
                country, asked = home(), True
            if country is None:
                return
            sent = doc[mention.start].sent
            named = {
                m.entities[0]
                for m in actors.mentions
                if sent.start <= m.start < sent.end and m.entities[0].type is EntityType.COUNTRY
            }
            if named - {country}:
                continue
            if mention.role in OWNED_ROLES and (
                country not in named
                or any(i in actors.non_actors for i in range(sent.start, sent.end))
            ):
                continue
            _give_owner(mention, country, "title-context")

    def _earlier_owner(self, doc: Doc, mention: ActorMention, actors: ActorMap) -> Entity | None:
        """The owner the text gave the same office before, unnamed or named ("Japan's
        defence minister arrived ... Defence Minister N said"): only where every earlier
        mention of that office gave one and the same owner."""
        lasts = {role.phrase[-1] for role in self.roles if role.name == mention.role}
        owners: set[Entity] = set()
        for token in doc[: doc[mention.start].sent.start]:  # the sentences before
            if token.lower_ not in lasts or token.i + 1 >= token.sent.end:
                continue
            words, owner = self._prefix(doc, doc[token.i + 1 : token.i + 2], actors)
            if self._role(words) != mention.role:
                continue
            if owner is None or FORMER_WORDS.union(SHADOW_WORDS).intersection(words):
                return None  # an office of no one said, or a past one: unsure
            owners.add(owner)
        return owners.pop() if len(owners) == 1 else None

    def _title(self, doc: Doc, span: Span, actors: ActorMap) -> Title:
        words, owner = self._prefix(doc, span, actors)
        role = self._role(words)
        if role and FORMER_WORDS.intersection(words):
            return None, None, None  # a former office is no current official_of
        if role and SHADOW_WORDS.intersection(words):
            return f"Shadow {role}", None, NO_OFFICE
        if role and owner is not None and self._owned_by_a_part(doc, span, actors):
            return role, owner, NO_OFFICE  # "Welsh Health Minister": a devolved office
        if role:
            if owner is None:
                owner = self._owner_after(doc, span, actors)
            if owner is not None:
                return role, owner, "title-prefix"
        respective = respective_title(span, actors, self._role)
        if respective is not None:
            return respective
        appositive = self._apposition(doc, span, actors) or surface_appositive(
            span, actors, self._role, ROLE_WORDS
        )
        if appositive is not None:
            return appositive
        listed = listed_title(span, actors, self._role)
        if listed is not None:
            return listed
        if role:
            return role, None, "title-prefix"
        body = body_title(span, actors, self._is_place)
        if body is not None:
            return body
        relative = relative_title(span, actors, self._role)
        if relative is not None:
            return relative
        member = member_title(span, actors, self._catalogued)
        if member is not None:
            return member
        return self._title_as(span, actors)

    def _prefix(self, doc: Doc, span: Span, actors: ActorMap) -> tuple[list[str], Entity | None]:
        """The title words before a name and the owner among them: "Chinese Foreign
        Minister", "US Secretary of State", "NATO Secretary General"."""
        words: list[str] = []
        owner: Entity | None = None
        i = span.start - 1
        sent_start = span.sent.start
        while i >= sent_start and span.start - i <= 7:
            token = doc[i]
            mention = actors.at(token)
            if mention is not None and mention.entities[0].type in _OWNER_TYPES:
                owner = owner or mention.entities[0]
                i = mention.start - 1
                continue
            lower = token.lower_
            if lower in ROLE_WORDS or (lower in {"of", "-", "for"} and words):
                words.insert(0, lower)
                i -= 1
                continue
            if token.tag_ == "POS" or lower in {"'s", "’s"}:
                i -= 1
                continue
            if words and self._business(token, actors):
                return [], None  # "Fiat president", "market leader", "club captain"
            break
        if words:
            # "Former Labour prime minister", "ex-Conservative chancellor", "Shadow Europe
            # minister": a party or a portfolio between the marker and the title
            for token in doc[max(sent_start, i - 2) : i + 1]:
                lower = token.lower_
                if lower in FORMER_WORDS or lower.startswith(("ex-", "ex–")):
                    words.insert(0, "former")
                elif lower in SHADOW_WORDS:
                    words.insert(0, "shadow")
        return words, owner

    def _is_place(self, owner: Entity, text: str) -> bool:
        """Whether `owner`, named by `text`, owns no body: an organization the catalog does
        not know, a town of a country ("El Paso", "Paris"), or a body of a country that is
        no state body ("the British Chambers of Commerce")."""
        if owner.type is EntityType.ORGANIZATION:
            return not self._catalogued(owner)
        for suffix in ("'s", "’s"):
            text = text.removesuffix(suffix)  # NER's "El Paso's"
        text = text.removeprefix("the ").removeprefix("The ")
        alias = self.catalog.countries.lookup_alias(text)
        if alias is not None:
            return alias.kind == "capital"
        if self.catalog.country(text) is not None:
            return False
        if any(word.lower() in DIPLOMATIC_ORG_WORDS for word in text.split()):
            return False  # "the Danish Foreign Ministry"
        return True  # a town, or a body of a country that is none of its state's

    def _catalogued(self, body: Entity) -> bool:
        return self.catalog.organization(body.name) is not None

    def _owned_by_a_part(self, doc: Doc, span: Span, actors: ActorMap) -> bool:
        """Whether the owner in the words before `span` names a nation within a state
        ("Welsh", "Wales": country alias kind `part`)."""
        for token in doc[max(span.sent.start, span.start - 7) : span.start]:
            mention = actors.at(token)
            if mention is not None and mention.entities[0].type is EntityType.COUNTRY:
                text = doc[mention.start : mention.end].text
                alias = self.catalog.countries.lookup_alias(text)
                if alias is not None and alias.kind == "part":
                    return True
        return False

    def _apposition(self, doc: Doc, span: Span, actors: ActorMap) -> Title | None:
        """ "Wang Yi, China's foreign minister" / "the Serbian president, Vucic"."""
        root = span.root
        candidates = []
        if root.dep_ == "appos":
            candidates.append(root.head)
        candidates += [child for child in root.children if child.dep_ == "appos"]
        for noun in candidates:
            if noun.i in range(span.start, span.end):
                continue
            phrase = [t for t in noun.subtree if not (span.start <= t.i < span.end)]
            if noun is root.head:
                phrase = [t for t in noun.lefts] + [noun]
            words = [t.lower_ for t in phrase if actors.at(t) is None]
            role = self._role(words)
            if role and noun.lower_ not in ROLE_WORDS:
                continue  # "the Queen's grandson": the office is someone else's
            if role and self._business_phrase(phrase, actors):
                continue  # "X, the chief executive of Fiat", "X, Sony's president"
            if role:
                owner = None
                for t in phrase:
                    mention = actors.at(t)
                    if (
                        mention is not None
                        and mention.entities[0].type in _OWNER_TYPES
                        and not (self.diplomacy_only and t.head.lower_ in _PLACE_PREPOSITIONS)
                    ):
                        owner = mention.entities[0]
                        break
                if owner is None:
                    owner = self._owner_after(doc, noun, actors)
                if SHADOW_WORDS.intersection(words):
                    return f"Shadow {role}", owner, NO_OFFICE
                return role, owner, "title-appos"
        return None

    def _title_as(self, span: Span, actors: ActorMap) -> Title:
        """ "X was sworn in as Chile's president", "X made Kyiv his first trip as NATO
        Secretary General": the office of the clause's subject, after "as"."""
        root = span.root
        verb = root.head
        if (
            root.dep_ not in ("nsubj", "nsubjpass")
            or verb.pos_ not in ("VERB", "AUX")
            or verb.lemma_.lower() in SUCCESSION_VERBS
            or verb.dep_ == "xcomp"  # "likely to succeed him as leader"
            or any(  # "will serve as", "to serve as"
                c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX | {"to"} for c in verb.children
            )
        ):
            return None, None, None
        # the "as" of the subject's own clause: on the verb or on its object
        holders = [
            verb,
            *(
                c
                for c in verb.children
                if c.dep_ in ("dobj", "attr", "oprd") or (c.dep_ == "ccomp" and c.pos_ == "NOUN")
            ),
        ]  # "made Kyiv his first trip as ...": "trip" a nominal complement
        for token in (c for holder in holders for c in holder.children):
            if token.lower_ != "as" or token.dep_ != "prep" or token.i < span.end:
                continue
            for pobj in token.children:
                if pobj.dep_ != "pobj":
                    continue
                phrase = list(pobj.subtree)
                words = [t.lower_ for t in phrase if actors.at(t) is None]
                role = self._role(words)
                if role is None or FORMER_WORDS.intersection(words):
                    continue
                if self._business_phrase(phrase, actors):
                    continue
                after = max(t.i for t in phrase) + 1
                if after < len(span.doc) and span.doc[after].dep_ in ("nsubj", "nsubjpass"):
                    continue  # "said as home secretary he gave ...": the next clause's
                owner = next(
                    (
                        m.entities[0]
                        for t in phrase
                        if (m := actors.at(t)) is not None
                        and m.entities[0].type in (EntityType.COUNTRY, EntityType.ORGANIZATION)
                    ),
                    None,
                )
                return role, owner or self._owner_after(span.doc, pobj, actors), "title-as"
        return None, None, None

    def _owner_after(
        self, doc: Doc, token_or_span: Token | Span, actors: ActorMap
    ) -> Entity | None:
        """ "King Hassan of Morocco", "the president of Armenia": the owner after "of"."""
        root = token_or_span.root if isinstance(token_or_span, Span) else token_or_span
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    mention = actors.at(pobj)
                    if mention and mention.entities[0].type in (
                        EntityType.COUNTRY,
                        EntityType.ORGANIZATION,
                    ):
                        return mention.entities[0]
        return None

    def _titled_holder(self, name: str, role: str, date: str | None) -> bool:
        """Whether the dictionary's holder of part name `name` held the office `role` that
        the title before it gives: then the part names them without their full name."""
        office = self.catalog.office(name, date)
        return office is not None and office.role == role

    def _business(self, token: Token, actors: ActorMap) -> bool:
        """Whether `token` makes a title one of business, sport or show: a word of
        `BUSINESS_WORDS` or a word of an organization that is no actor."""
        if not self.diplomacy_only or actors.at(token) is not None:
            return False
        return token.i in actors.non_actors or token.lower_ in BUSINESS_WORDS

    def _business_phrase(self, phrase: list[Token], actors: ActorMap) -> bool:
        """Whether a title's phrase makes it one of business: a word of `BUSINESS_WORDS`,
        or an organization that is no actor where no actor owns the title ("president of
        Fiat"; yet "director general of the DRC's institute" is an official of the DRC)."""
        if not self.diplomacy_only:
            return False
        if any(
            (t.lower_ in BUSINESS_WORDS and actors.at(t) is None) or t.i in actors.companies
            for t in phrase
        ):
            return True
        owned = any(
            (m := actors.at(t))
            and m.entities[0].type in _OWNER_TYPES
            and t.head.lower_ not in _PLACE_PREPOSITIONS  # "at T-Mobile in the UK": a place
            for t in phrase
        )
        return not owned and any(t.i in actors.non_actors for t in phrase)

    def _role(self, words: list[str]) -> str | None:
        """The role the longest office phrase among `words` names (the leftmost of that
        length)."""
        words = [w for w in words if w not in {"-"}]
        for n in self._lengths:
            for k in range(len(words) - n + 1):
                name = self._by_phrase.get(tuple(words[k : k + n]))
                if name is not None:
                    return name
        return None
