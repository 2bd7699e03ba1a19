"""Quoted stances: the first person of a quote is its speaker.

A quote attributed to a speaker in its own sentence (`"...," X said`, `"...," said X`, `X
said: "..."`, `X told reporters, "..."`) makes its "I", "me" and "my" mentions of the
speaker, and its "we", "us" and "our" mentions of the speaker's country or organization
(of the speaker itself when the speaker is a country or organization: "China said: 'we
oppose ...'"). The relation rules then read the quote like any clause: "I strongly reject
Moscow's claims," the minister said, is the minister rejecting Russia.

Only a quote and its attribution within one sentence are read: a quote running over
several sentences is left alone (which sentence of it the attribution closes is a guess,
and the relevance filter keeps sentences one at a time). A speaker who is no actor (a
witness, a resident) or a leader of no known country makes no "we".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import Entity, EntityType
from ..resolve.catalog import Catalog
from .actormap import ActorMap, ActorMention, tokens_among
from .vocabulary import FIRST_PERSON_GROUP, FIRST_PERSON_SINGULAR, QUOTE_MARKS, REPORTING_VERBS

_OPENING = frozenset({"“", "``"})
_CLOSING = frozenset({"”", "''"})


def add_quote_speakers(doc: Doc, actors: ActorMap, catalog: Catalog) -> None:
    """Add a `coref` mention to `actors` for each first-person word of an attributed quote
    (see the module's docstring)."""
    added: list[ActorMention] = []
    marks = list(tokens_among(doc, QUOTE_MARKS))
    if not marks:
        return
    sentences = {mark.sent.start: mark.sent for mark in marks}
    for sent in sentences.values():
        for start, end, speaker in _attributed_quotes(sent, actors):
            group = _group_of(speaker, catalog)
            for token in doc[start:end]:
                if token.i in actors.by_token:
                    continue
                lower = token.lower_
                if len(token.text) > 1 and token.text.isupper():
                    continue  # "US" is the United States
                if lower in FIRST_PERSON_SINGULAR:
                    added.append(
                        ActorMention(token.i, token.i + 1, (speaker.entities[0],), "coref")
                    )
                elif lower in FIRST_PERSON_GROUP and group is not None:
                    added.append(ActorMention(token.i, token.i + 1, (group,), "coref"))
    for mention in added:
        actors.add(mention)
    if added:
        actors.mentions.sort(key=lambda m: m.start)


def _attributed_quotes(sent: Span, actors: ActorMap) -> list[tuple[int, int, ActorMention]]:
    """(start, end, speaker) of the quotes of `sent` whose attribution `sent` holds."""
    marks = [t for t in sent if t.lower_ in QUOTE_MARKS or t.text in QUOTE_MARKS]
    found = []
    for k, mark in enumerate(marks):
        if _closes(mark):
            opening = next((m for m in reversed(marks[:k]) if _opens(m)), None)
            start = opening.i + 1 if opening is not None else sent.start
            if opening is None and sent.start > 0 and _inside_open_quote(sent):
                continue  # the quote began in an earlier sentence
            speaker = _speaker_after(mark, sent, actors)
            if speaker is not None:
                found.append((start, mark.i, speaker))
        elif _opens(mark):
            closing = next((m for m in marks[k + 1 :] if _closes(m)), None)
            end = closing.i if closing is not None else sent.end
            if closing is None and not _quote_ends_with(sent):
                continue  # the quote runs on past the sentence
            speaker = _speaker_before(mark, sent, actors)
            if speaker is not None:
                found.append((mark.i + 1, end, speaker))
    return found


def _opens(mark: Token) -> bool:
    if mark.text in _OPENING:
        return True
    if mark.text in _CLOSING:
        return False
    doc = mark.doc
    return mark.whitespace_ == "" and (mark.i == 0 or doc[mark.i - 1].whitespace_ != "")


def _closes(mark: Token) -> bool:
    if mark.text in _CLOSING:
        return True
    if mark.text in _OPENING:
        return False
    doc = mark.doc
    return mark.i > 0 and doc[mark.i - 1].whitespace_ == "" and not _opens(mark)


def _inside_open_quote(sent: Span) -> bool:
    """Whether `sent` starts inside a quote opened in the sentence before it."""
    doc = sent.doc
    before = doc[sent.start - 1].sent
    marks = [t for t in before if t.text in QUOTE_MARKS]
    return bool(marks) and _opens(marks[-1])


def _quote_ends_with(sent: Span) -> bool:
    """Whether the quote opened in `sent` closes at its end (a last mark after its stop)."""
    last = sent[-1]
    return last.text in QUOTE_MARKS


def _speaker_after(mark: Token, sent: Span, actors: ActorMap) -> ActorMention | None:
    """`"...," X said` / `"...," said X` / `"...," X told reporters`."""
    for token in sent.doc[mark.i + 1 : min(sent.end, mark.i + 6)]:
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX"):
            return _subject(token, actors, outside=(sent.start, mark.i))
    return None


def _speaker_before(mark: Token, sent: Span, actors: ActorMap) -> ActorMention | None:
    """`X said: "..."` / `X said, "..."` / `X told reporters: "..."`."""
    doc = sent.doc
    i = mark.i - 1
    if i < sent.start or doc[i].text not in (":", ","):
        return None
    for token in reversed(doc[max(sent.start, i - 4) : i]):
        if token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX"):
            return _subject(token, actors, outside=(mark.i, sent.end))
    return None


def _subject(verb: Token, actors: ActorMap, *, outside: tuple[int, int]) -> ActorMention | None:
    """The actor mention of `verb`'s subject, when it stands outside the quote."""
    for child in verb.children:
        if child.dep_ != "nsubj" or outside[0] <= child.i < outside[1]:
            continue
        mention = actors.at(child)
        if mention is not None and len(mention.entities) == 1:
            return mention
    return None


def _group_of(speaker: ActorMention, catalog: Catalog) -> Entity | None:
    """Who "we" is in the speaker's mouth: their country or organization, or the speaker
    when it is one."""
    entity = speaker.entities[0]
    if entity.type in (EntityType.COUNTRY, EntityType.ORGANIZATION):
        return entity
    if entity.type is not EntityType.LEADER:
        return None
    if speaker.owner is not None:
        return speaker.owner
    if entity.country:
        country = catalog.country(entity.country)
        return catalog.country_entity(country) if country is not None else None
    return None
