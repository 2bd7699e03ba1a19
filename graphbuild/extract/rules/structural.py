"""Structural rules: offices, owners and members, read from names rather than verbs.

- `title_candidates`: a leader's title makes `official_of` ("Chinese Foreign Minister Wang
  Yi");
- `modifier_candidates`: an owner makes `sponsors` ("China's Belt and Road Initiative", "a
  plan put forward by China"), a hyphen participle its own label ("the US-led framework",
  "a US-backed proposal");
- `membership_candidates`: membership nouns make `member_of` / `participates_in` ("NATO
  member Norway", "Norway is a member of NATO", "the Quad - Australia, India, Japan and the
  United States -").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ...model import Entity, EntityType
from ..arguments import actors_of, modifier_actors, pobj_actors, unique
from ..candidates import GROUP_TYPES, Candidate
from ..context import DocContext
from ..initiatives import hyphen_owner
from ..modality import is_negated
from ..vocabulary import LIST_OPENERS, SPONSOR_PARTICIPLES


def title_candidates(sent: Span, ctx: DocContext) -> Iterator[Candidate]:
    for mention in ctx.sentence_mentions(sent):
        if mention.title_rule and mention.owner is not None:
            yield Candidate(
                mention.entities[0],
                "official_of",
                mention.owner,
                False,
                mention.title_rule,
                role=mention.role,
            )


def modifier_candidates(sent: Span, ctx: DocContext) -> Iterator[Candidate]:
    actors = ctx.actors
    doc = sent.doc
    for mention in ctx.sentence_mentions(sent):
        target = mention.entities[0]
        if len(mention.entities) != 1 or target.type not in GROUP_TYPES:
            continue
        root = doc[mention.start : mention.end].root
        # "a peace plan put forward by China and Brazil": the owners found with it
        for owner in mention.sponsors:
            yield Candidate(owner, "sponsors", target, False, "initiative-owner")
        # "China's Belt and Road Initiative", "the EU's Global Gateway"
        if target.type is EntityType.INITIATIVE:
            for child in root.children:
                if child.dep_ == "poss":
                    # the possessor itself: "his party's conference" is not his
                    for owner in actors_of(child, actors, modifiers=False):
                        if owner.type is not EntityType.INITIATIVE:
                            yield Candidate(owner, "sponsors", target, False, "initiative-owner")
        # "the US-led framework", "the Russian-led alliance"
        for token in doc[max(sent.start, mention.start - 4) : mention.start]:
            owner_mention = hyphen_owner(token, actors)
            if owner_mention is not None:
                label = SPONSOR_PARTICIPLES[token.lower_]
                for owner in owner_mention.entities:
                    yield Candidate(owner, label, target, False, "led-by")
    # "the US-led framework for ..." where the framework is a common noun naming an
    # initiative mentioned by apposition: handled through the appositive's mention.
    for i in ctx.words.within(ctx.words.sponsors, sent):
        token = doc[i]
        owner_mention = hyphen_owner(token, actors)
        if owner_mention is None:
            continue
        label = SPONSOR_PARTICIPLES[token.lower_]
        head = token.head if token.head.i != token.i else token
        while head.dep_ in ("amod", "compound") and head.head.i != head.i:
            head = head.head
        targets = actors_of(head, actors, modifiers=False)
        if not targets and head.dep_ == "appos":
            targets = actors_of(head.head, actors, modifiers=False)
        if not targets:
            targets = [
                e
                for child in head.children
                if child.dep_ == "appos"
                for e in actors_of(child, actors, modifiers=False)
            ]
        for target in targets:
            if target.type in GROUP_TYPES:
                for owner in owner_mention.entities:
                    yield Candidate(owner, label, target, False, "led-by")


def membership_candidates(sent: Span, ctx: DocContext) -> Iterator[Candidate]:
    actors = ctx.actors
    yield from _listed_members(sent, ctx)
    doc = sent.doc
    for i in ctx.words.within(ctx.words.members, sent):
        token = doc[i]
        groups = [e for e in modifier_actors(token, actors) if e.type in GROUP_TYPES]
        groups += [
            e
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for e in pobj_actors(c, actors)
            if e.type in GROUP_TYPES
        ]
        members: list[Entity] = []
        if token.dep_ == "pobj" and token.head.lower_ == "as":
            verb = token.head.head
            members += [
                e
                for c in verb.children
                if c.dep_ in ("nsubjpass", "dobj")
                for e in actors_of(c, actors)
            ]
            if not groups and verb.lemma_.lower() in ("admit", "accept", "welcome"):
                groups += [
                    e
                    for c in verb.children
                    if c.dep_ == "nsubj"
                    for e in actors_of(c, actors)
                    if e.type in GROUP_TYPES
                ]
        groups = unique(groups)
        if not groups:
            continue
        # "NATO member Norway": the noun modifies the member's name
        if token.dep_ in ("compound", "amod", "nmod") or (
            token.head.i != token.i and token.dep_ == "npadvmod"
        ):
            members += actors_of(token.head, actors, modifiers=False)
        # "the AUKUS partners, Australia, Britain and the US"
        for child in token.children:
            if child.dep_ == "appos":
                members += actors_of(child, actors, modifiers=False)
        # "Norway, a NATO member"; "Norway is a member of NATO"
        if token.dep_ == "appos":
            members += actors_of(token.head, actors, modifiers=False)
        if token.dep_ == "attr":
            for sibling in token.head.children:
                if sibling.dep_ == "nsubj":
                    members += actors_of(sibling, actors, modifiers=False)
        negated = is_negated(token.head) if token.dep_ == "attr" else False
        for member in members:
            if member.type in (EntityType.COUNTRY, EntityType.ORGANIZATION):
                for group in groups:
                    label = (
                        "member_of" if group.type is EntityType.ORGANIZATION else "participates_in"
                    )
                    yield Candidate(member, label, group, negated, "membership")


def _listed_members(sent: Span, ctx: DocContext) -> Iterator[Candidate]:
    """ "the Quad - Australia, India, Japan and the United States - met": a group
    followed by the countries it is made of, set off by dashes or a colon."""
    actors = ctx.actors
    doc = sent.doc
    for mention in ctx.sentence_mentions(sent):
        group = mention.entities[0]
        if len(mention.entities) != 1 or group.type not in GROUP_TYPES:
            continue
        if mention.end >= sent.end or doc[mention.end].text not in LIST_OPENERS:
            continue
        members: list[Entity] = []
        i = mention.end + 1
        while i < sent.end:
            token = doc[i]
            listed = actors.at(token)
            if listed is not None and listed.entities[0].type is EntityType.COUNTRY:
                members += listed.entities
                i = listed.end
            elif token.lower_ in (",", "and", "the"):
                i += 1
            else:
                break
        closed = (i < sent.end and doc[i].text in LIST_OPENERS) or (
            doc[mention.end].text == ":" and (i == sent.end or doc[i].is_punct)
        )
        if len(members) < 2 or not closed:
            continue
        label = "member_of" if group.type is EntityType.ORGANIZATION else "participates_in"
        for member in unique(members):
            yield Candidate(member, label, group, False, "membership-list")
