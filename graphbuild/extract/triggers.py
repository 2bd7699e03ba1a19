"""Which lexicon entry a word of the parse triggers.

The lexicon (`lexicon.py`) maps lemmas, with a particle, object or preposition, to labels;
`TriggerFinder` reads a verb's children to find the longest entry that fits it ("call on",
"sign agreement", "ordered thousands of soldiers") and mends lemmas the rule lemmatizer
cut short. One is built per extractor and shared by every document. Which sense of the
entry the arguments give (force or speech, an actor or a product) is `senses`'s to say.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .lexicon import Lexicon, Trigger
from .vocabulary import LIGHT_VERBS, PROMPT_VERBS, QUANTITY_NOUNS


class TriggerFinder:
    """Looks up the lexicon entry of verbs and nouns of a parse."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        triggers = frozenset(key[0] for key in lexicon.verbs if key)
        self.verbs = triggers | LIGHT_VERBS | PROMPT_VERBS
        """Lemmas the rules know as verbs, to mend a lemma against."""

    def lemma(self, verb: Token) -> str:
        """The verb's lemma, mended where the rule lemmatizer cut a silent "e" off a verb
        the rules know ("staged" -> "stag", "hopes" -> "hop")."""
        lemma = verb.lemma_.lower()
        if lemma not in self.verbs and lemma + "e" in self.verbs:
            return lemma + "e"
        return lemma

    def verb_trigger(self, verb: Token) -> Trigger | None:
        """The lexicon entry a verb (with its particle, object or preposition) matches."""
        lemma = self.lemma(verb)
        children = list(verb.children)
        for child in children:
            if child.dep_ in ("prt", "advmod") and (t := self.lexicon.verb(lemma, child.lower_)):
                return t
        for child in children:
            if child.dep_ in ("dobj", "nsubjpass"):
                compounds = [c.lower_ for c in child.children if c.dep_ == "compound"]
                if compounds and (t := self.lexicon.verb(lemma, *compounds, child.lemma_.lower())):
                    return t
                if t := self.lexicon.verb(lemma, child.lemma_.lower()):
                    return t
                # "ordered thousands of soldiers": the counted noun (not "ordered the
                # destruction of the air force")
                if not (child.like_num or child.lemma_.lower() in QUANTITY_NOUNS):
                    continue
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if t := self.lexicon.verb(lemma, pobj.lemma_.lower()):
                                return t
        for child in children:
            if child.dep_ == "dobj" and any(
                g.dep_ == "prep" and g.lower_ == "to" for g in child.children
            ):
                # "welcomed Xi to Brasilia": the parse hangs the "to" on the guest
                if t := self.lexicon.verb(lemma, "to"):
                    return t
        for child in children:
            if child.dep_ in ("advcl", "ccomp") and (t := self.lexicon.verb(lemma, *marks(child))):
                return t  # "called for Iran to free them": the "for" heads the clause
        for child in children:
            if child.dep_ == "prep" and (t := self.lexicon.verb(lemma, child.lower_)):
                if not t.preps or child.lower_ not in t.preps:
                    t = replace(t, preps=t.preps | {child.lower_})
                return t
        return self.lexicon.verb(lemma)


def marks(clause: Token) -> tuple[str, ...]:
    """The preposition that introduces an infinitive clause ("for" of "for Iran to free
    them"), as a one-word tuple; empty for none."""
    return tuple(c.lower_ for c in clause.children if c.dep_ == "mark" and c.lower_ == "for")
