"""Plain records that flow between the stages of graphbuild.

Every stage takes these records in and gives these records out; none of them knows
about spaCy, networkx or the file formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    """The kinds of actor graphbuild puts in a graph."""

    COUNTRY = "country"
    LEADER = "leader"
    ORGANIZATION = "organization"
    INITIATIVE = "initiative"


@dataclass(frozen=True)
class Document:
    """One article as read from the input."""

    id: str
    """Stable identifier: the path relative to the input folder, or the record's `id`."""
    text: str
    """The article body, without a leading `date` line."""
    date: str | None = None
    """Publication date as `YYYY-MM-DD`, when known."""
    title: str | None = None
    """Headline, when the input carries one."""
    url: str | None = None
    """Where the article came from, when the input carries it."""
    source: str | None = field(default=None, compare=False)
    """The input file and line it was read from (``news.csv:12``), for problems; not part
    of what a document is (equal documents from two places are equal)."""


@dataclass(frozen=True)
class Entity:
    """A canonical actor: one per real-world country, leader, organization or initiative."""

    id: str
    """Stable key, e.g. `country:CHN`, `leader:wang-yi`, `org:NATO`."""
    name: str
    """Canonical display name."""
    type: EntityType
    """Which kind of actor this is."""
    country: str | None = None
    """Canonical country name of a leader (or owner of an initiative), when known."""
    role: str | None = None
    """A leader's office, e.g. `Foreign Minister`, when known."""


@dataclass(frozen=True)
class Relation:
    """One typed, directed relation between two actors, with its evidence."""

    subject: Entity
    """Source actor."""
    label: str
    """Relation label, a key of `graphbuild.labels.LABELS`."""
    object: Entity
    """Target actor."""
    doc: str
    """Id of the document the evidence comes from."""
    sentence: str
    """The evidence sentence, exactly as in the document."""
    start: int
    """Character offset of the sentence in the document text."""
    end: int
    """Character offset just past the sentence in the document text."""
    date: str | None = None
    """Date of the document, `YYYY-MM-DD`, when known."""
    negated: bool = False
    """True when the text denies or only hypothesises the relation."""
    rule: str = ""
    """Name of the extraction rule that produced the relation, for tracing."""
    role: str | None = None
    """For `official_of`: the office held, e.g. `Foreign Minister`."""
    subject_text: str | None = None
    """How the evidence sentence names the subject (`Beijing` for China), when it names it
    rather than only referring to it ("it", "the bloc")."""
    object_text: str | None = None
    """How the evidence sentence names the object, when it names it."""
    confidence: float = 1.0
    """How far to trust the relation, 0..1: its rule's precision measured on gold data,
    lowered by weak cues (`graphbuild.extract.confidence`). 1.0 for a relation made by hand."""


class ProblemKind(str, Enum):
    """What a `Problem` cost the run; code branches on this, never on the message."""

    UNREADABLE = "unreadable"
    """An input that could not be read at all: a missing path, an empty, binary or
    undecodable file, a folder without articles. Whatever it held is lost."""
    SKIPPED = "skipped"
    """A record that was read but holds no usable article (malformed, no text); skipped."""
    FAILED = "failed"
    """A document whose relevance filter, parse or extraction raised; skipped."""
    WARNING = "warning"
    """A field that was ignored or replaced (a bad date kept undated, a bad id replaced);
    the document itself is kept."""

    @property
    def loses_document(self) -> bool:
        """Whether a problem of this kind costs a document (counted as skipped)."""
        return self is not ProblemKind.WARNING


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, or a document that failed in a later stage."""

    source: str
    """File (and line, where there is one) the problem is about."""
    reason: str
    """One line saying what is wrong."""
    kind: ProblemKind
    """What it cost: see `ProblemKind`."""
    record: str | None = None
    """The id of the document or record it is about, when one is known (a JSONL or CSV
    record's ``id``, a document that failed to parse)."""


@dataclass
class RunStats:
    """How much work a run did, for the summary line and benchmarks."""

    cached: int = 0
    """Documents whose extraction came from the cache."""
    extracted: int = 0
    """Documents extracted in this run (parsed, or found to need no parsing)."""
    parsed: int = 0
    """Documents handed to the spaCy parser."""
    sentences: int = 0
    """Sentences of the extracted documents (by the relevance filter's split)."""
    parsed_sentences: int = 0
    """Sentences of them that were parsed (relevant ones and their context)."""
    tokens: int = 0
    """Tokens of the extracted documents (when the relevance filter ran)."""
    parsed_tokens: int = 0
    """Tokens of them that were parsed."""
    seconds: float = 0.0
    """Wall-clock time from the first document to the last."""
    cache_rebuilt: str | None = None
    """Why the cache file was emptied when opened, if it was."""

    def add(self, other: RunStats) -> None:
        """Add the work counts of `other` (a batch's) to these."""
        for name in _WORK_COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


_WORK_COUNTS = ("extracted", "parsed", "sentences", "parsed_sentences", "tokens", "parsed_tokens")


@dataclass
class RunSummary:
    """What a run read, skipped and produced."""

    documents: int = 0
    skipped: int = 0
    relations: int = 0
    problems: list[Problem] = field(default_factory=list)
    undated: int = 0
    """Documents read without a date (a date window drops their evidence)."""


@dataclass(frozen=True)
class Mention:
    """One place in a document where an actor is named or referred to."""

    entity: Entity
    """The canonical actor the mention resolves to."""
    text: str
    """The surface form, exactly as in the document."""
    start: int
    """Character offset in the document text."""
    end: int
    """Character offset just past the mention."""


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: the unit the cache stores."""

    doc: str
    """Document id."""
    date: str | None
    """Document date, `YYYY-MM-DD`, when known."""
    relations: tuple[Relation, ...] = ()
    """Relations found, negated ones included (they never become edges)."""
    mentions: tuple[Mention, ...] = ()
    """Actor mentions found."""
