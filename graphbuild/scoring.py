"""Score relation extraction against gold JSONL (the format of `shared/eval/README.md`).

A gold file holds one record a line: a text, the entities its triples name (with aliases),
the required and optional triples a careful reader takes from it, and forbidden triples the
text denies. `load_gold` reads it, `score` compares predicted relations with it, and
`score_extractor` does both around an extractor (`pipeline.evaluate` is that, for the
CLI's ``evaluate``).

The rules, as the README states them and as read here where it leaves room:

Actors
    Names are compared after `fold_name`: case, accents (NFKD, combining marks dropped) and
    punctuation are folded away -- punctuation is *deleted*, so "U.S." matches "US" and
    "G-7" matches "G7" -- whitespace runs become one space, and a leading "the" is dropped.
    A predicted actor matches every gold entity whose name or one of whose aliases folds to
    the same key. A prediction names each actor twice: by the canonical name of the entity
    it resolved to ("United Nations") and, where the evidence sentence names the actor, by
    those words (`Relation.subject_text` / `object_text`: "U.N."). The canonical name is
    tried first, then the evidence's words; `names="canonical"` tries the canonical name
    alone, the strictest reading of the README's "its name". When neither matches and the
    actor is a leader with a `country`, that country name is tried the same way (a leader
    rolled up to its country). An actor that still
    matches nothing stays in play under its folded name: the prediction cannot match any
    gold triple, so it is a false positive. Where one name matches several gold entities
    (some converted records give two entities the same alias), the actor stands for all of
    them and a triple matches if any of them fits.
Triples
    A gold triple accepts its `s` or any `alt_s` as subject, its `r` or any `alt_r` as
    relation and its `o` or any `alt_o` as object. `consult`, `agree` and `cooperate`
    (`graphbuild.labels.SYMMETRIC`) match in either direction; which applies is decided
    by the predicted label.
Roll-up
    A leader rolled up to its country and that country are one gold actor, so an
    `official_of` between them becomes a relation of that actor to itself, which no gold
    triple can name. Such predictions are dropped, as the country view
    (`views.roll_up_to_countries`) drops the `official_of` self-loops it makes, and
    counted apart (`Counts.rolled_up`).
Deduplication
    Negated predictions are dropped first; they are not scored. The rest are deduplicated
    per record after mapping actors to gold entities: at `rel` level on (subject, label,
    object), with the two actors of a symmetric label put in a fixed order (A consult B and
    B consult A are one prediction); at `pair` level on the unordered pair of actors.
Outcome of a prediction, first rule that applies
    1. it matches a forbidden triple: false positive, even if it also matches a required or
       optional triple ("predicting one is a false positive"), and it recalls nothing;
    2. it matches a required triple: true positive;
    3. it matches only optional triples: left out of precision altogether;
    4. otherwise: false positive.
Precision and recall
    precision = true positives / (true positives + false positives);
    recall = required triples matched by at least one scored prediction / required triples.
    The two numerators count different things (predictions, gold triples): one prediction
    may match several required triples through alternatives, and several predictions may
    match one. A ratio with a zero denominator is 0.0.
Pair level
    The same rules with "match" meaning: the two actors of the prediction fit the subject
    and object of the gold triple, in either order, whatever the relation. Required and
    optional triples play the same parts as at `rel` level and the recall denominator is
    the same (required triples, not distinct pairs). Forbidden triples are ignored at this
    level: each denies one relation between two actors, not that they are related, and
    applying it here would make pair scores stricter than relation scores (a forbidden
    "India member_of G7" next to a required "India participates_in G7 summit" that accepts
    "G7" as object).
Per label (`rel` level)
    A prediction counts (tp, fp) under its own label; a required triple counts (matched,
    fn) under its primary `r`, whichever `alt_r` the matching prediction used.
Per rule (`rel` level)
    A prediction counts (tp, fp, optional) under every rule (`Relation.rule`) that
    produced one of the relations it stands for: the precision of each rule on its own.
    Recall is not split by rule.
Confidence
    `min_confidence` drops relations whose `Relation.confidence` is below it before
    anything else (counted in `Counts.below_confidence`), as `build --min-confidence`
    drops their evidence; `thresholds` scores the same predictions at several values.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, TypeVar, cast, overload

from .labels import SYMMETRIC
from .model import Document, Entity, EntityType, Extraction, Relation

__all__ = [
    "Counts",
    "GoldEntity",
    "GoldRecord",
    "GoldTriple",
    "LevelDetail",
    "NameReading",
    "RecordDetail",
    "Report",
    "Score",
    "ThresholdRow",
    "Triple",
    "score_extractor",
    "fold_name",
    "load_gold",
    "score",
]


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True)
class GoldEntity:
    """One actor a gold record's triples name."""

    name: str
    """Canonical name; triples refer to the entity by it."""
    type: EntityType
    """Which kind of actor this is."""
    aliases: tuple[str, ...] = ()
    """Other names a reader would accept."""
    country: str | None = None
    """Country of a leader, when the record gives it (informative only)."""


@dataclass(frozen=True)
class GoldTriple:
    """One (subject, relation, object) of a gold record, with accepted alternatives."""

    s: str
    """Subject: an entity name."""
    r: str
    """Relation label; per-label recall is counted under it."""
    o: str
    """Object: an entity name."""
    alt_s: tuple[str, ...] = ()
    """Other acceptable subjects (entity names)."""
    alt_r: tuple[str, ...] = ()
    """Other acceptable labels."""
    alt_o: tuple[str, ...] = ()
    """Other acceptable objects (entity names)."""
    optional: bool = False
    """Defensible but not required: predicting it is neither rewarded nor punished."""

    @property
    def subjects(self) -> frozenset[str]:
        """Every acceptable subject."""
        return frozenset((self.s, *self.alt_s))

    @property
    def labels(self) -> frozenset[str]:
        """Every acceptable label."""
        return frozenset((self.r, *self.alt_r))

    @property
    def objects(self) -> frozenset[str]:
        """Every acceptable object."""
        return frozenset((self.o, *self.alt_o))


@dataclass(frozen=True)
class GoldRecord:
    """One line of a gold file: a text and what a careful reader takes from it."""

    id: str
    """Record id; becomes the `Document.id` handed to the extractor."""
    text: str
    """The text to extract from."""
    date: str | None = None
    """Date of the text, `YYYY-MM-DD`, when known."""
    entities: tuple[GoldEntity, ...] = ()
    """Every actor the triples name."""
    triples: tuple[GoldTriple, ...] = ()
    """Required and optional triples."""
    forbidden: tuple[GoldTriple, ...] = ()
    """Triples the text denies; predicting one is a false positive."""

    def __post_init__(self) -> None:
        names = [entity.name for entity in self.entities]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"record {self.id!r}: entities named twice: {duplicates}")
        known = set(names)
        for kind, triples in (("triples", self.triples), ("forbidden", self.forbidden)):
            for triple in triples:
                unknown = sorted((triple.subjects | triple.objects) - known)
                if unknown:
                    raise ValueError(
                        f"record {self.id!r}: {kind} name actors that are not entities: "
                        f"{unknown}; entities are {sorted(known)}"
                    )

    @property
    def required(self) -> tuple[GoldTriple, ...]:
        """The triples recall is measured on."""
        return tuple(triple for triple in self.triples if not triple.optional)


_RECORD_KEYS = {"id", "text", "date", "entities", "triples", "forbidden"}
_TRIPLE_KEYS = {"s", "r", "o", "alt_s", "alt_r", "alt_o", "optional"}
_FORBIDDEN_KEYS = _TRIPLE_KEYS - {"optional"}


def _get_str(obj: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> Any:
    value = obj.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key!r} must be a string, got {value!r}")
    return value


def _get_strs(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: {key!r} must be a list of strings, got {value!r}")
    return tuple(value)


def _get_list(obj: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ValueError(f"{where}: {key!r} must be a list of objects, got {value!r}")
    return value


def _parse_entity(obj: Mapping[str, Any], where: str) -> GoldEntity:
    # Entities may carry extra metadata (the converted records add a `code`): ignored.
    kind = _get_str(obj, "type", where)
    choices = [member.value for member in EntityType]
    if kind not in choices:
        raise ValueError(f"{where}: entity type {kind!r} is not one of {choices}")
    return GoldEntity(
        name=_get_str(obj, "name", where),
        type=EntityType(kind),
        aliases=_get_strs(obj, "aliases", where),
        country=_get_str(obj, "country", where, required=False),
    )


def _parse_triple(obj: Mapping[str, Any], where: str, allowed: set[str]) -> GoldTriple:
    # Unknown keys are errors here: a misspelt `optional` or `alt_r` would change scores.
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown keys {unknown}; allowed are {sorted(allowed)}")
    optional = obj.get("optional", False)
    if not isinstance(optional, bool):
        raise ValueError(f"{where}: 'optional' must be true or false, got {optional!r}")
    return GoldTriple(
        s=_get_str(obj, "s", where),
        r=_get_str(obj, "r", where),
        o=_get_str(obj, "o", where),
        alt_s=_get_strs(obj, "alt_s", where),
        alt_r=_get_strs(obj, "alt_r", where),
        alt_o=_get_strs(obj, "alt_o", where),
        optional=optional,
    )


def _parse_record(obj: Any) -> GoldRecord:
    if not isinstance(obj, dict):
        raise ValueError(f"a record must be a JSON object, got {type(obj).__name__}")
    missing = sorted({"id", "text"} - set(obj))
    if missing:
        raise ValueError(f"missing keys {missing}; a record has {sorted(_RECORD_KEYS)}")
    record_id = _get_str(obj, "id", "record")
    where = f"record {record_id!r}"
    return GoldRecord(
        id=record_id,
        text=_get_str(obj, "text", where),
        date=_get_str(obj, "date", where, required=False),
        entities=tuple(
            _parse_entity(entity, f"{where} entity {i}")
            for i, entity in enumerate(_get_list(obj, "entities", where))
        ),
        triples=tuple(
            _parse_triple(triple, f"{where} triple {i}", _TRIPLE_KEYS)
            for i, triple in enumerate(_get_list(obj, "triples", where))
        ),
        forbidden=tuple(
            _parse_triple(triple, f"{where} forbidden {i}", _FORBIDDEN_KEYS)
            for i, triple in enumerate(_get_list(obj, "forbidden", where))
        ),
    )


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read a gold JSONL file; blank lines are skipped.

    Raises
    ------
    ValueError
        For a malformed line, naming the file and line: bad JSON, a missing or mistyped
        field, an unknown entity type or triple key, a triple naming an actor that is not
        one of the record's entities, or an id used twice.
    """
    path = Path(path)
    records: list[GoldRecord] = []
    first_line: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = _parse_record(json.loads(line))
            except ValueError as error:  # json.JSONDecodeError is a ValueError too
                raise ValueError(f"{path}:{number}: {error}") from error
            if record.id in first_line:
                raise ValueError(
                    f"{path}:{number}: record id {record.id!r} already used on line "
                    f"{first_line[record.id]}"
                )
            first_line[record.id] = number
            records.append(record)
    return records


# --------------------------------------------------------------------------- actor matching


def fold_name(name: str) -> str:
    """The key actor names are compared on: no case, accents, punctuation or leading "the".

    Examples
    --------
    >>> fold_name("The  Élysée-Palace")
    'elyseepalace'
    >>> fold_name("U.S.") == fold_name("US")
    True
    >>> fold_name("People's Republic of China")
    'peoples republic of china'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = "".join(ch for ch in text if ch.isalnum() or ch.isspace())
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, order=True)
class _Actor:
    """A predicted actor after mapping: the gold entities it matches, or its folded name."""

    names: tuple[str, ...]
    matched: bool

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(self.names) if self.matched else frozenset()

    def __str__(self) -> str:
        return " | ".join(self.names)


def _index(record: GoldRecord) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for entity in record.entities:
        for name in (entity.name, *entity.aliases):
            names = index.setdefault(fold_name(name), [])
            if entity.name not in names:
                names.append(entity.name)
    return index


NameReading = Literal["evidence", "canonical"]
"""Which names of a predicted actor are matched: the canonical name and the evidence's
words (`"evidence"`, the default), or the canonical name alone (`"canonical"`)."""


def _map_actor(entity: Entity, index: Mapping[str, list[str]], text: str | None = None) -> _Actor:
    key = fold_name(entity.name)
    names = index.get(key)
    if not names and text:
        names = index.get(fold_name(text))
    if not names and entity.type == EntityType.LEADER and entity.country:
        names = index.get(fold_name(entity.country))
    if names:
        return _Actor(tuple(sorted(names)), True)
    return _Actor((key,), False)


def _matches_rel(prediction: tuple[_Actor, str, _Actor], triple: GoldTriple) -> bool:
    subject, label, obj = prediction
    if label not in triple.labels:
        return False
    if subject.entities & triple.subjects and obj.entities & triple.objects:
        return True
    return label in SYMMETRIC and bool(
        subject.entities & triple.objects and obj.entities & triple.subjects
    )


def _matches_pair(prediction: tuple[_Actor, _Actor], triple: GoldTriple) -> bool:
    one, other = prediction
    return bool(
        (one.entities & triple.subjects and other.entities & triple.objects)
        or (one.entities & triple.objects and other.entities & triple.subjects)
    )


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class Score:
    """Counts at one level (or for one label) and the figures computed from them."""

    tp: int = 0
    """Predictions that match a required triple."""
    fp: int = 0
    """Predictions counted wrong: they match a forbidden triple, or no gold triple at all."""
    fn: int = 0
    """Required triples no prediction matches."""
    matched: int = 0
    """Required triples at least one prediction matches."""
    optional: int = 0
    """Predictions that match only optional triples, left out of precision."""
    forbidden: int = 0
    """False positives that match a forbidden triple (a subset of `fp`)."""

    def __add__(self, other: Score) -> Score:
        return _add(self, other)

    @property
    def gold(self) -> int:
        """Required triples."""
        return self.matched + self.fn

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0.0 without predictions."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """matched / required triples; 0.0 without required triples."""
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; 0.0 when both are 0."""
        return _ratio(2 * self.precision * self.recall, self.precision + self.recall)

    def to_dict(self) -> dict[str, Any]:
        """Counts and figures as plain JSON values."""
        return {
            **asdict(self),
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


_Summable = TypeVar("_Summable", "Score", "Counts")


def _add(one: _Summable, other: _Summable) -> _Summable:
    return replace(
        one, **{f.name: getattr(one, f.name) + getattr(other, f.name) for f in fields(one)}
    )


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True)
class Triple:
    """A scored prediction as shown in the detail: gold entity names, or folded names."""

    s: str
    """Subject: the gold entity name(s) it matched (joined by " | "), else its folded name."""
    r: str | None
    """Label; None at pair level."""
    o: str
    """Object, shown like the subject."""


@dataclass(frozen=True)
class LevelDetail:
    """What happened to one record's predictions and required triples at one level."""

    true_positives: tuple[Triple, ...] = ()
    false_positives: tuple[Triple, ...] = ()
    """Every prediction counted wrong, forbidden ones included."""
    forbidden: tuple[Triple, ...] = ()
    """The false positives that match a forbidden triple."""
    optional: tuple[Triple, ...] = ()
    """Predictions that match only optional triples."""
    missed: tuple[GoldTriple, ...] = ()
    """Required triples no prediction matched."""


@dataclass(frozen=True)
class RecordDetail:
    """Per-record outcome, for finding out why a score is what it is."""

    id: str
    rel: LevelDetail
    pair: LevelDetail


@dataclass(frozen=True)
class Counts:
    """How much went into the scores."""

    records: int = 0
    required: int = 0
    """Required gold triples."""
    optional: int = 0
    """Optional gold triples."""
    forbidden: int = 0
    """Forbidden gold triples."""
    predictions: int = 0
    """Relations received, negated ones included."""
    negated: int = 0
    """Negated relations, not scored."""
    rolled_up: int = 0
    """`official_of` relations whose two actors map to one gold actor, not scored."""
    below_confidence: int = 0
    """Relations under the `min_confidence` asked for, not scored."""
    scored_rel: int = 0
    """Predictions left after deduplication at `rel` level."""
    scored_pair: int = 0
    """Actor pairs left after deduplication at `pair` level."""

    def __add__(self, other: Counts) -> Counts:
        return _add(self, other)


@dataclass(frozen=True)
class Report:
    """Micro-averaged scores over all records, per label, and per-record detail."""

    rel: Score
    """Subject, relation and object all match."""
    pair: Score
    """Subject and object match in either direction, relation ignored."""
    labels: dict[str, Score] = field(default_factory=dict)
    """`rel` level per label, sorted by label: predictions under their label, required
    triples under their primary `r`."""
    counts: Counts = field(default_factory=Counts)
    records: tuple[RecordDetail, ...] = ()
    """One per gold record, in file order."""
    names: NameReading = "evidence"
    """Which names of a predicted actor were matched (see `NameReading`)."""
    rules: dict[str, Score] = field(default_factory=dict)
    """`rel` level per extraction rule, sorted by rule: tp, fp and optional only."""
    thresholds: tuple[ThresholdRow, ...] = ()
    """The scores at each `min_confidence` asked for with `thresholds`."""
    min_confidence: float = 0.0
    """Relations below this confidence were left out."""

    def to_dict(self, *, details: bool = True) -> dict[str, Any]:
        """Plain JSON values (for `--json`); `details=False` leaves out per-record detail."""
        result: dict[str, Any] = {
            "rel": self.rel.to_dict(),
            "pair": self.pair.to_dict(),
            "labels": {label: score.to_dict() for label, score in self.labels.items()},
            "counts": asdict(self.counts),
            "names": self.names,
            "rules": {rule: score.to_dict() for rule, score in self.rules.items()},
            "min_confidence": self.min_confidence,
            "thresholds": [row.to_dict() for row in self.thresholds],
        }
        if details:
            result["records"] = [asdict(record) for record in self.records]
        return result

    def format_table(self) -> str:
        """A plain-text table: overall `rel` and `pair` rows, then one row per label."""
        counts = self.counts
        header = (
            f"{counts.records} records, {counts.required} required triples "
            f"({counts.optional} optional, {counts.forbidden} forbidden); "
            f"{counts.predictions} predictions, {counts.negated} negated and "
            f"{counts.rolled_up} official_of rolled up to one actor (not scored); actors "
            + (
                "matched by canonical name or the evidence's words"
                if self.names == "evidence"
                else "matched by canonical name only"
            )
        )
        width = max([len("level/label"), *(len(label) for label in self.labels)])
        titles = "  ".join(f"{name:>6}" for name in TABLE_COLUMNS)
        lines = [header, "", f"{'level/label':<{width}}  {titles}"]
        rows = [("rel", self.rel), ("pair", self.pair), *self.labels.items()]
        for i, (name, figures) in enumerate(rows):
            if i == 2:
                lines.append("")
            lines.append(f"{name:<{width}}  {_format_row(figures)}")
        lines += ["", TABLE_NOTE]
        return "\n".join(lines)

    def format_rules_table(self) -> str:
        """Precision per extraction rule, then per label: tp, fp, optional, precision."""
        lines = []
        for title, table in (("rule", self.rules), ("label", self.labels)):
            width = max([len(title), *(len(name) for name in table)])
            lines.append(f"{title:<{width}}  {'tp':>6}  {'fp':>6}  {'opt':>6}  {'prec':>6}")
            for name, figures in table.items():
                if figures.tp or figures.fp or figures.optional:
                    lines.append(
                        f"{name:<{width}}  {figures.tp:>6}  {figures.fp:>6}  "
                        f"{figures.optional:>6}  {figures.precision:>6.3f}"
                    )
            lines.append("")
        return "\n".join(lines).rstrip("\n")

    def format_thresholds_table(self) -> str:
        """Relation and pair precision, recall and F1 at each threshold asked for."""
        lines = [
            f"{'min_conf':>8}  {'tp':>5}  {'fp':>5}  {'prec':>6}  {'rec':>6}  {'f1':>6}  "
            f"{'p_prec':>6}  {'p_rec':>6}"
        ]
        for row in self.thresholds:
            rel, pair = row.rel, row.pair
            lines.append(
                f"{row.min_confidence:>8.2f}  {rel.tp:>5}  {rel.fp:>5}  {rel.precision:>6.3f}  "
                f"{rel.recall:>6.3f}  {rel.f1:>6.3f}  {pair.precision:>6.3f}  {pair.recall:>6.3f}"
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class ThresholdRow:
    """The scores of the relations at or above one confidence."""

    min_confidence: float
    rel: Score
    pair: Score

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "min_confidence": self.min_confidence,
            "rel": self.rel.to_dict(),
            "pair": self.pair.to_dict(),
        }


TABLE_COLUMNS = ("gold", "match", "fn", "tp", "fp", "opt", "forb", "prec", "rec", "f1")
"""The columns of `Report.format_table`: gold triples (match + fn), then predictions."""
TABLE_NOTE = (
    "gold = match + fn (required triples matched or missed; recall = match / gold); "
    "tp, fp count predictions (precision = tp / (tp + fp)), so two predictions of one "
    "triple are 2 tp and 1 match"
)
"""The line under the table that says how its columns add up."""


def _format_row(figures: Score) -> str:
    integers = (
        figures.gold,
        figures.matched,
        figures.fn,
        figures.tp,
        figures.fp,
        figures.optional,
        figures.forbidden,
    )
    ratios = (figures.precision, figures.recall, figures.f1)
    return "  ".join([*(f"{n:>6}" for n in integers), *(f"{x:>6.3f}" for x in ratios)])


# --------------------------------------------------------------------------- scoring


@dataclass
class _Tally:
    """Mutable accumulator of one level's outcomes for one record."""

    true_positives: list[Triple] = field(default_factory=list)
    false_positives: list[Triple] = field(default_factory=list)
    forbidden: list[Triple] = field(default_factory=list)
    optional: list[Triple] = field(default_factory=list)

    def detail(self, missed: Iterable[GoldTriple]) -> LevelDetail:
        return LevelDetail(
            true_positives=tuple(self.true_positives),
            false_positives=tuple(self.false_positives),
            forbidden=tuple(self.forbidden),
            optional=tuple(self.optional),
            missed=tuple(missed),
        )


@dataclass(frozen=True)
class _RecordScore:
    rel: Score
    pair: Score
    labels: dict[str, Score]
    rules: dict[str, Score]
    detail: RecordDetail
    counts: Counts


def _classify(
    prediction: Any,
    record: GoldRecord,
    matches: Callable[[Any, GoldTriple], bool],
    *,
    use_forbidden: bool,
) -> tuple[str, list[int]]:
    """Outcome of one prediction ("forbidden", "tp", "optional", "fp") and the indexes of
    the record's triples it recalls."""
    if use_forbidden and any(matches(prediction, triple) for triple in record.forbidden):
        return "forbidden", []
    hits = [
        i
        for i, triple in enumerate(record.triples)
        if not triple.optional and matches(prediction, triple)
    ]
    if hits:
        return "tp", hits
    if any(matches(prediction, triple) for triple in record.triples if triple.optional):
        return "optional", []
    return "fp", []


def _score_record(
    record: GoldRecord, relations: Iterable[Relation], names: NameReading = "evidence"
) -> _RecordScore:
    index = _index(record)
    evidence = names == "evidence"
    rel_predictions: dict[tuple[_Actor, str, _Actor], set[str]] = {}
    pair_predictions: dict[tuple[_Actor, _Actor], None] = {}
    received = negated = rolled_up = 0
    for relation in relations:
        received += 1
        if relation.negated:
            negated += 1
            continue
        subject = _map_actor(relation.subject, index, relation.subject_text if evidence else None)
        obj = _map_actor(relation.object, index, relation.object_text if evidence else None)
        if relation.label == "official_of" and subject.matched and subject == obj:
            rolled_up += 1
            continue
        if relation.label in SYMMETRIC and obj < subject:
            subject, obj = obj, subject
        rel_predictions.setdefault((subject, relation.label, obj), set()).add(relation.rule)
        pair_predictions.setdefault((min(subject, obj), max(subject, obj)), None)

    labels: dict[str, Score] = {}
    rules: dict[str, Score] = {}
    rel, rel_tally = Score(), _Tally()
    rel_recalled: set[int] = set()
    for prediction, produced_by in rel_predictions.items():
        counted = _count_rel(prediction, record, rel_tally, rel_recalled)
        rel += counted
        labels[prediction[1]] = labels.get(prediction[1], Score()) + counted
        for rule in produced_by:
            rules[rule] = rules.get(rule, Score()) + counted

    pair, pair_tally, pair_recalled = Score(), _Tally(), set()
    for pair_prediction in pair_predictions:
        outcome, hits = _classify(pair_prediction, record, _matches_pair, use_forbidden=False)
        pair_recalled.update(hits)
        shown = Triple(str(pair_prediction[0]), None, str(pair_prediction[1]))
        pair += _count(outcome, pair_tally, shown)

    rel_missed, pair_missed = [], []
    for i, triple in enumerate(record.triples):
        if triple.optional:
            continue
        if i in rel_recalled:
            rel_hit = Score(matched=1)
        else:
            rel_hit = Score(fn=1)
            rel_missed.append(triple)
        rel += rel_hit
        labels[triple.r] = labels.get(triple.r, Score()) + rel_hit
        if i in pair_recalled:
            pair += Score(matched=1)
        else:
            pair += Score(fn=1)
            pair_missed.append(triple)

    required = len(record.required)
    return _RecordScore(
        rel=rel,
        pair=pair,
        labels=labels,
        rules=rules,
        detail=RecordDetail(
            record.id, rel_tally.detail(rel_missed), pair_tally.detail(pair_missed)
        ),
        counts=Counts(
            records=1,
            required=required,
            optional=len(record.triples) - required,
            forbidden=len(record.forbidden),
            predictions=received,
            negated=negated,
            rolled_up=rolled_up,
            scored_rel=len(rel_predictions),
            scored_pair=len(pair_predictions),
        ),
    )


def _count_rel(
    prediction: tuple[_Actor, str, _Actor], record: GoldRecord, tally: _Tally, recalled: set[int]
) -> Score:
    """The outcome of one `rel` prediction, noted in `tally`; what it recalls added to
    `recalled`."""
    outcome, hits = _classify(prediction, record, _matches_rel, use_forbidden=True)
    recalled.update(hits)
    return _count(outcome, tally, Triple(str(prediction[0]), prediction[1], str(prediction[2])))


def _count(outcome: str, tally: _Tally, shown: Triple) -> Score:
    if outcome == "tp":
        tally.true_positives.append(shown)
        return Score(tp=1)
    if outcome == "optional":
        tally.optional.append(shown)
        return Score(optional=1)
    tally.false_positives.append(shown)
    if outcome == "forbidden":
        tally.forbidden.append(shown)
        return Score(fp=1, forbidden=1)
    return Score(fp=1)


def score(
    gold: Iterable[GoldRecord],
    predictions: Mapping[str, Iterable[Relation]],
    *,
    names: NameReading = "evidence",
    min_confidence: float = 0.0,
    thresholds: Iterable[float] = (),
) -> Report:
    """Score predicted relations against gold records (rules in the module docstring).

    Parameters
    ----------
    gold
        The gold records, e.g. from `load_gold`.
    predictions
        Record id -> the relations predicted for that record's text. A record without an
        entry has no predictions.
    names
        `"evidence"`: an actor matches by its canonical name or by the words the evidence
        sentence names it with; `"canonical"`: by its canonical name alone.
    min_confidence
        Leave out relations whose `confidence` is below this.
    thresholds
        Also score at each of these `min_confidence` values (`Report.thresholds`).

    Raises
    ------
    ValueError
        When two gold records share an id, or `predictions` has ids no gold record has
        (most often ids that do not line up, which would otherwise score silently as zero).

    Examples
    --------
    >>> from graphbuild.model import Entity, EntityType, Relation
    >>> record = GoldRecord(
    ...     id="r1",
    ...     text="China and Iran held talks.",
    ...     entities=(
    ...         GoldEntity("China", EntityType.COUNTRY),
    ...         GoldEntity("Iran", EntityType.COUNTRY, aliases=("Tehran",)),
    ...     ),
    ...     triples=(GoldTriple("China", "consult", "Iran"),),
    ... )
    >>> tehran = Entity("country:IRN", "Tehran", EntityType.COUNTRY)
    >>> china = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> talks = Relation(tehran, "consult", china, "r1", "China and Iran held talks.", 0, 26)
    >>> report = score([record], {"r1": [talks]})
    >>> report.rel.tp, report.rel.fp, report.rel.fn
    (1, 0, 0)

    The words of the evidence count unless `names="canonical"`:

    >>> un = Entity("org:UN", "United Nations", EntityType.ORGANIZATION)
    >>> record = GoldRecord(
    ...     id="r2",
    ...     text="Iraq met the U.N.",
    ...     entities=(
    ...         GoldEntity("Iraq", EntityType.COUNTRY),
    ...         GoldEntity("U.N.", EntityType.ORGANIZATION),
    ...     ),
    ...     triples=(GoldTriple("Iraq", "consult", "U.N."),),
    ... )
    >>> iraq = Entity("country:IRQ", "Iraq", EntityType.COUNTRY)
    >>> met = Relation(iraq, "consult", un, "r2", "Iraq met the U.N.", 0, 17, object_text="U.N.")
    >>> score([record], {"r2": [met]}).rel.tp
    1
    >>> score([record], {"r2": [met]}, names="canonical").rel.tp
    0
    """
    records = list(gold)
    ids = [record.id for record in records]
    duplicates = sorted({record_id for record_id in ids if ids.count(record_id) > 1})
    if duplicates:
        raise ValueError(f"gold record ids used more than once: {duplicates}")
    unknown = sorted(set(predictions) - set(ids))
    if unknown:
        shown = ", ".join(repr(record_id) for record_id in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise ValueError(f"predictions for ids not in the gold records: {shown}{more}")
    predicted = {key: list(relations) for key, relations in predictions.items()}
    report = _score_all(records, predicted, names, min_confidence)
    rows = []
    for threshold in thresholds:
        at = _score_all(records, predicted, names, threshold)
        rows.append(ThresholdRow(threshold, at.rel, at.pair))
    return replace(report, thresholds=tuple(rows))


def _score_all(
    records: list[GoldRecord],
    predictions: Mapping[str, list[Relation]],
    names: NameReading,
    min_confidence: float,
) -> Report:
    rel, pair, counts = Score(), Score(), Counts()
    labels: dict[str, Score] = {}
    rules: dict[str, Score] = {}
    details: list[RecordDetail] = []
    for record in records:
        relations = predictions.get(record.id, [])
        kept = [r for r in relations if r.confidence >= min_confidence]
        result = _score_record(record, kept, names)
        rel += result.rel
        pair += result.pair
        dropped = len(relations) - len(kept)
        counts += result.counts + Counts(predictions=dropped, below_confidence=dropped)
        for label, figures in result.labels.items():
            labels[label] = labels.get(label, Score()) + figures
        for rule, figures in result.rules.items():
            rules[rule] = rules.get(rule, Score()) + figures
        details.append(result.detail)
    return Report(
        rel=rel,
        pair=pair,
        labels=dict(sorted(labels.items())),
        counts=counts,
        records=tuple(details),
        names=names,
        rules=dict(sorted(rules.items())),
        min_confidence=min_confidence,
    )


# --------------------------------------------------------------------------- score_extractor


@overload
def score_extractor(
    path: str | Path,
    extract: Callable[[Iterable[Document]], Iterable[Extraction]],
    *,
    batch: Literal[True] = ...,
    names: NameReading = ...,
    min_confidence: float = ...,
    thresholds: Iterable[float] = ...,
) -> Report: ...


@overload
def score_extractor(
    path: str | Path,
    extract: Callable[[Document], Extraction],
    *,
    batch: Literal[False],
    names: NameReading = ...,
    min_confidence: float = ...,
    thresholds: Iterable[float] = ...,
) -> Report: ...


def score_extractor(
    path: str | Path,
    extract: Callable[[Iterable[Document]], Iterable[Extraction]]
    | Callable[[Document], Extraction],
    *,
    batch: bool = True,
    names: NameReading = "evidence",
    min_confidence: float = 0.0,
    thresholds: Iterable[float] = (),
) -> Report:
    """Run an extractor over the texts of a gold file and score what it finds.

    Each gold record becomes `Document(id=record.id, text=record.text, date=record.date)`.

    Parameters
    ----------
    path
        A gold JSONL file.
    extract
        With `batch=True` (the default): `extract_batch(documents) -> Iterable[Extraction]`,
        called once with all the documents, so it can stream them through `nlp.pipe`. It
        may yield extractions in any order and leave documents out (no predictions); each
        `Extraction.doc` must be the id of a document it was given, and extractions for the
        same document are pooled. With `batch=False`: `extract(document) -> Extraction`,
        called once per document.
    batch
        Which of the two signatures `extract` has.
    names
        Which names of a predicted actor are matched (see `score`).
    min_confidence, thresholds
        Which relations are scored, and at which other thresholds too (see `score`).

    Raises
    ------
    ValueError
        For a malformed gold file, or an extraction for a document id that was not given.
    """
    gold = load_gold(path)
    documents = [Document(id=record.id, text=record.text, date=record.date) for record in gold]
    if batch:
        extract_batch = cast(Callable[[Iterable[Document]], Iterable[Extraction]], extract)
        extractions = extract_batch(documents)
    else:
        extract_one = cast(Callable[[Document], Extraction], extract)
        extractions = (extract_one(document) for document in documents)
    predictions: dict[str, list[Relation]] = {}
    for extraction in extractions:
        predictions.setdefault(extraction.doc, []).extend(extraction.relations)
    return score(
        gold, predictions, names=names, min_confidence=min_confidence, thresholds=thresholds
    )
