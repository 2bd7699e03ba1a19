"""spaCy Doc -> actors and relations: the extraction stage.

`Extractor` is built once per spaCy pipeline and applied to each parsed document. Its
rooms, in the order a document passes them:

- `mentions` finds and resolves actor names (catalog, named initiatives, NER), keeping
  only actors of diplomacy by default (`actorkinds`: no companies, clubs or bands), with
  `titles` (offices, `official_of`), `initiatives` (placed summits, owned plans) and
  `coreference` (one resolver per kind of anaphor), all writing one `actormap.ActorMap`;
- `relations` runs the rule families of `rules/` (structural, verbs, nouns, and with
  `unread_link` the surface-order fallback `unread`) over each sentence, with
  `arguments` (who acts, on whom), `modality` (asserted or not), `triggers` (lexicon
  look-up), `senses` (the sense a trigger's arguments fit) and a per-document
  `context.DocContext`;
- `vocabulary` holds every word list, `lexicon` the trigger table and its frames.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..config import ACTORS_OF_DIPLOMACY_ONLY
from ..model import Document, Extraction, Mention
from ..resolve.catalog import Catalog
from .actormap import ActorMap
from .lexicon import Lexicon, load_lexicon
from .mentions import ActorFinder
from .relations import RelationExtractor
from .rules.unread import UNREAD_BY_DEFAULT

__all__ = ["ActorMap", "Extractor", "Lexicon", "load_lexicon"]


class Extractor:
    """Turns a parsed document into an `Extraction` (relations and actor mentions)."""

    def __init__(
        self,
        nlp: Language,
        *,
        catalog: Catalog | None = None,
        lexicon: Lexicon | None = None,
        actors_of_diplomacy_only: bool = ACTORS_OF_DIPLOMACY_ONLY,
        unread_link: bool = UNREAD_BY_DEFAULT,
    ):
        self.catalog = catalog or Catalog.default()
        self.actors = ActorFinder(
            nlp, self.catalog, actors_of_diplomacy_only=actors_of_diplomacy_only
        )
        self.relations = RelationExtractor(lexicon or load_lexicon(), unread=unread_link)

    def extract(self, doc: Doc, document: Document) -> Extraction:
        actors = self.actors.find(doc, date=document.date, text=document.text)
        relations = self.relations.extract(doc, actors, document)
        spans = [(m, doc[m.start : m.end]) for m in actors.mentions if m.source != "coref"]
        mentions = tuple(
            Mention(entity, span.text, span.start_char, span.end_char)
            for m, span in spans
            for entity in m.entities
        )
        return Extraction(document.id, document.date, tuple(relations), mentions)
