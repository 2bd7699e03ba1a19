"""Scoring against gold JSONL: every rule of shared/eval/README.md on hand-written records."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from graphbuild.model import Document, Entity, EntityType, Extraction, Relation
from graphbuild.scoring import (
    TABLE_COLUMNS,
    TABLE_NOTE,
    GoldEntity,
    GoldRecord,
    GoldTriple,
    Report,
    Triple,
    fold_name,
    load_gold,
    score,
    score_extractor,
)

EVAL_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

COUNTRY, LEADER, ORG, INITIATIVE = (
    EntityType.COUNTRY,
    EntityType.LEADER,
    EntityType.ORGANIZATION,
    EntityType.INITIATIVE,
)

BASE = (
    GoldEntity("China", COUNTRY, ("Beijing", "PRC")),
    GoldEntity("Iran", COUNTRY, ("Tehran",)),
    GoldEntity("United States", COUNTRY, ("US", "Washington")),
    GoldEntity("Côte d'Ivoire", COUNTRY, ("Ivory Coast",)),
    GoldEntity("Russia", COUNTRY, ("Moscow",)),
    GoldEntity("United Nations", ORG, ("UN",)),
)
WANG = GoldEntity("Wang Yi", LEADER, ("Wang",), country="China")
ARTEMIS = GoldEntity("Artemis Accords", INITIATIVE, ("Accords",))
ZEPHYR = GoldEntity("Zephyr Forum", ORG, ("Forum",))
# Two entities sharing an alias, as some converted records have.
PORT_GUARDS = GoldEntity("Port guards", LEADER, ("Iran", "guards"))
SHIP_CREWS = GoldEntity("Ship crews", LEADER, ("Iran", "crews"))


def T(s: str, r: str, o: str, **options: object) -> GoldTriple:
    return GoldTriple(s, r, o, **options)  # type: ignore[arg-type]


def record(
    triples: tuple[GoldTriple, ...] = (),
    forbidden: tuple[GoldTriple, ...] = (),
    extra: tuple[GoldEntity, ...] = (),
    base: tuple[GoldEntity, ...] = BASE,
) -> GoldRecord:
    return GoldRecord(
        id="r1",
        text="A made-up sentence.",
        date="2024-01-01",
        entities=base + extra,
        triples=triples,
        forbidden=forbidden,
    )


def actor(name: str | Entity, type: EntityType = COUNTRY, country: str | None = None) -> Entity:
    if isinstance(name, Entity):
        return name
    return Entity(id=f"x:{name}", name=name, type=type, country=country)


def leader(name: str, country: str | None) -> Entity:
    return actor(name, LEADER, country)


def P(s: str | Entity, label: str, o: str | Entity, *, negated: bool = False) -> Relation:
    return Relation(
        subject=actor(s),
        label=label,
        object=actor(o),
        doc="r1",
        sentence="A made-up sentence.",
        start=0,
        end=19,
        negated=negated,
    )


def figures(report: Report) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    return (
        (report.rel.tp, report.rel.fp, report.rel.fn),
        (report.pair.tp, report.pair.fp, report.pair.fn),
    )


CONSULT = (T("China", "consult", "Iran"),)
ACCUSE = (T("China", "accuse", "Iran"),)

CASES = [
    # id, gold record, predictions, expected rel (tp, fp, fn), expected pair (tp, fp, fn)
    ("exact", record(CONSULT), [P("China", "consult", "Iran")], (1, 0, 0), (1, 0, 0)),
    ("case", record(CONSULT), [P("CHINA", "consult", "iran")], (1, 0, 0), (1, 0, 0)),
    (
        "accents and punctuation",
        record((T("Côte d'Ivoire", "accuse", "United States"),)),
        [P("COTE DIVOIRE", "accuse", "U.S.")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "leading the dropped",
        record((T("United Nations", "accuse", "Russia"),)),
        [P("The United Nations", "accuse", "the Russia")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "the inside a name is kept",
        record((T("United Nations", "accuse", "Russia"),)),
        [P("United the Nations", "accuse", "Russia")],
        (0, 1, 1),
        (0, 1, 1),
    ),
    ("alias", record(CONSULT), [P("Beijing", "consult", "Tehran")], (1, 0, 0), (1, 0, 0)),
    (
        "unknown actor is a false positive",
        record(CONSULT),
        [P("France", "consult", "Iran")],
        (0, 1, 1),
        (0, 1, 1),
    ),
    (
        "leader rolled up to its country",
        record((T("China", "consult", "Russia"),)),
        [P(leader("Wang Yi", "China"), "consult", leader("Sergei Lavrov", "Moscow"))],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "leader known by name is not rolled up",
        record((T("China", "consult", "Russia"),), extra=(WANG,)),
        [P(leader("Wang Yi", "China"), "consult", "Russia")],
        (0, 1, 1),
        (0, 1, 1),
    ),
    (
        "leader without country stays unmatched",
        record((T("China", "consult", "Russia"),)),
        [P(leader("Wang Yi", None), "consult", "Russia")],
        (0, 1, 1),
        (0, 1, 1),
    ),
    (
        "only leaders are rolled up",
        record((T("China", "sponsors", "Artemis Accords"),), extra=(ARTEMIS,)),
        [P(actor("Belt and Road", INITIATIVE, "China"), "sponsors", "Artemis Accords")],
        (0, 1, 1),
        (0, 1, 1),
    ),
    (
        "symmetric label, other direction",
        record(CONSULT),
        [P("Iran", "consult", "China")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "directed label, other direction",
        record(ACCUSE),
        [P("Iran", "accuse", "China")],
        (0, 1, 1),
        (1, 0, 0),
    ),
    (
        "alt_r accepts another label",
        record((T("China", "retreat", "Iran", alt_r=("retreat", "reject")),)),
        [P("China", "reject", "Iran")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "label outside r and alt_r",
        record((T("China", "retreat", "Iran", alt_r=("retreat", "reject")),)),
        [P("China", "sanction", "Iran")],
        (0, 1, 1),
        (1, 0, 0),
    ),
    (
        "symmetric alt_r label matches reversed",
        record((T("China", "support", "Iran", alt_r=("agree",)),)),
        [P("Iran", "agree", "China")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "directed primary label does not match reversed",
        record((T("China", "support", "Iran", alt_r=("agree",)),)),
        [P("Iran", "support", "China")],
        (0, 1, 1),
        (1, 0, 0),
    ),
    (
        "alt_s and alt_o",
        record(
            (
                T(
                    "China",
                    "participates_in",
                    "Artemis Accords",
                    alt_s=("Wang Yi",),
                    alt_o=("Zephyr Forum",),
                ),
            ),
            extra=(WANG, ARTEMIS, ZEPHYR),
        ),
        [P(leader("Wang", "China"), "participates_in", actor("Forum", ORG))],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "several predictions match one triple through alternatives",
        record(
            (T("China", "participates_in", "Artemis Accords", alt_s=("Wang Yi",)),),
            extra=(WANG, ARTEMIS),
        ),
        [
            P("China", "participates_in", "Artemis Accords"),
            P(leader("Wang Yi", "China"), "participates_in", "Artemis Accords"),
        ],
        (2, 0, 0),
        (2, 0, 0),
    ),
    (
        "prediction of an optional triple only",
        record((T("China", "consult", "Iran", optional=True), *ACCUSE)),
        [P("China", "consult", "Iran")],
        (0, 0, 1),
        (1, 0, 0),
    ),
    (
        "optional triple not counted in recall",
        record((T("China", "consult", "Iran", optional=True), *ACCUSE)),
        [P("China", "accuse", "Iran")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "record with only optional triples",
        record((T("China", "consult", "Iran", optional=True),)),
        [P("China", "consult", "Iran"), P("China", "consult", "Russia")],
        (0, 1, 0),
        (0, 1, 0),
    ),
    (
        "matching required and optional is a true positive",
        record((T("China", "consult", "Iran"), T("Iran", "consult", "China", optional=True))),
        [P("China", "consult", "Iran")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "forbidden triple",
        record(ACCUSE, forbidden=(T("China", "sanction", "Iran"),)),
        [P("China", "sanction", "Iran")],
        (0, 1, 1),
        (1, 0, 0),
    ),
    (
        "forbidden pair with no required triple",
        record(ACCUSE, forbidden=(T("China", "consult", "Russia"),)),
        [P("Russia", "consult", "China")],
        (0, 1, 1),
        (0, 1, 1),
    ),
    (
        "forbidden wins over required",
        record(CONSULT, forbidden=(T("Iran", "consult", "China"),)),
        [P("China", "consult", "Iran")],
        (0, 1, 1),
        (1, 0, 0),
    ),
    (
        "forbidden wins over optional",
        record(
            (T("China", "consult", "Iran", optional=True),),
            forbidden=(T("China", "consult", "Iran"),),
        ),
        [P("China", "consult", "Iran")],
        (0, 1, 0),
        (0, 0, 0),
    ),
    (
        "dedupe identical predictions",
        record(CONSULT),
        [P("China", "consult", "Iran"), P("China", "consult", "Iran")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "dedupe after mapping aliases",
        record(ACCUSE),
        [
            P("China", "accuse", "Iran"),
            P("Beijing", "accuse", "Tehran"),
            P("PRC", "accuse", "Iran"),
        ],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "dedupe after rolling a leader up",
        record(ACCUSE),
        [P("China", "accuse", "Iran"), P(leader("Li Qiang", "China"), "accuse", "Iran")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "dedupe symmetric directions",
        record(CONSULT),
        [P("China", "consult", "Iran"), P("Iran", "consult", "China")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "directed directions are two predictions",
        record(ACCUSE),
        [P("China", "accuse", "Iran"), P("Iran", "accuse", "China")],
        (1, 1, 0),
        (1, 0, 0),
    ),
    (
        "dedupe unmatched actors by folded name",
        record(CONSULT),
        [P("France", "consult", "Iran"), P("FRANCE", "consult", "Iran")],
        (0, 1, 1),
        (0, 1, 1),
    ),
    (
        "one prediction recalls a symmetric triple listed both ways",
        record((T("China", "consult", "Iran"), T("Iran", "consult", "China"))),
        [P("Iran", "consult", "China")],
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "negated predictions are not scored",
        record(ACCUSE, forbidden=(T("China", "sanction", "Iran"),)),
        [P("China", "accuse", "Iran", negated=True), P("China", "sanction", "Iran", negated=True)],
        (0, 0, 1),
        (0, 0, 1),
    ),
    (
        "pair level ignores relation and direction",
        record(ACCUSE),
        [P("Iran", "protest", "China")],
        (0, 1, 1),
        (1, 0, 0),
    ),
    (
        "pair level dedupes across labels and directions",
        record((T("China", "accuse", "Iran"), T("China", "sanction", "Iran"))),
        [P("China", "accuse", "Iran"), P("Iran", "protest", "China")],
        (1, 1, 1),
        (1, 0, 0),
    ),
    (
        "pair level ignores forbidden but not alternatives",
        record(
            (T("China", "participates_in", "Artemis Accords", alt_o=("Zephyr Forum",)),),
            forbidden=(T("China", "member_of", "Zephyr Forum"),),
            extra=(ARTEMIS, ZEPHYR),
        ),
        [P("China", "member_of", actor("Zephyr Forum", ORG))],
        (0, 1, 1),
        (1, 0, 0),
    ),
    ("empty predictions", record((*CONSULT, *ACCUSE)), [], (0, 0, 2), (0, 0, 2)),
    ("record with no triples, no predictions", record(), [], (0, 0, 0), (0, 0, 0)),
    (
        "record with no triples, predictions",
        record(),
        [P("China", "consult", "Iran"), P("Russia", "accuse", "United States")],
        (0, 2, 0),
        (0, 2, 0),
    ),
    (
        "shared alias stands for both entities",
        record(
            (T("China", "accuse", "Port guards"), T("China", "accuse", "Ship crews")),
            base=BASE[:1],
            extra=(PORT_GUARDS, SHIP_CREWS),
        ),
        [P("China", "accuse", "Iran")],
        (1, 0, 0),
        (1, 0, 0),
    ),
]


@pytest.mark.parametrize(
    ("gold", "predictions", "rel", "pair"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_score(
    gold: GoldRecord,
    predictions: list[Relation],
    rel: tuple[int, int, int],
    pair: tuple[int, int, int],
) -> None:
    assert figures(score([gold], {"r1": predictions})) == (rel, pair)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("China", "china"),
        ("  The   Gambia ", "gambia"),
        ("Côte d'Ivoire", "cote divoire"),
        ("U.S.", "us"),
        ("G-7", "g7"),
        ("Palestine, State of", "palestine state of"),
        ("Straße", "strasse"),
        ("The", "the"),
        ("Hotel The Hague", "hotel the hague"),
    ],
)
def test_fold_name(name: str, key: str) -> None:
    assert fold_name(name) == key


def test_precision_leaves_out_optional_only_predictions() -> None:
    gold = record((T("China", "consult", "Iran", optional=True), *ACCUSE))
    report = score(
        [gold],
        {
            "r1": [
                P("China", "consult", "Iran"),
                P("China", "accuse", "Iran"),
                P("Iran", "x", "US"),
            ]
        },
    )
    assert (report.rel.tp, report.rel.fp, report.rel.optional) == (1, 1, 1)
    assert report.rel.precision == 0.5
    assert report.rel.recall == 1.0
    assert report.rel.f1 == pytest.approx(2 / 3)


def test_forbidden_counted_and_shown() -> None:
    gold = record(ACCUSE, forbidden=(T("China", "sanction", "Iran"),))
    report = score([gold], {"r1": [P("Beijing", "sanction", "Iran"), P("Iran", "aid", "Paris")]})
    assert (report.rel.fp, report.rel.forbidden) == (2, 1)
    detail = report.records[0].rel
    assert detail.forbidden == (Triple("China", "sanction", "Iran"),)
    assert detail.false_positives == (
        Triple("China", "sanction", "Iran"),
        Triple("Iran", "aid", "paris"),
    )
    assert detail.missed == ACCUSE
    assert report.records[0].pair.false_positives == (Triple("Iran", None, "paris"),)


def test_recall_counts_gold_triples_and_precision_counts_predictions() -> None:
    gold = record(
        (
            T("China", "support", "Iran", alt_r=("agree",)),
            T("Iran", "agree", "China"),
            T("Russia", "accuse", "Iran"),
        )
    )
    report = score([gold], {"r1": [P("China", "agree", "Iran")]})
    assert (report.rel.tp, report.rel.matched, report.rel.fn) == (1, 2, 1)
    assert report.rel.recall == pytest.approx(2 / 3)


def test_per_label_figures() -> None:
    gold = record(
        (
            T("China", "retreat", "Iran", alt_r=("reject",)),
            T("Russia", "accuse", "United States"),
            T("China", "consult", "Russia"),
        )
    )
    predictions = [P("China", "reject", "Iran"), P("Russia", "accuse", "Iran")]
    labels = score([gold], {"r1": predictions}).labels
    assert list(labels) == ["accuse", "consult", "reject", "retreat"]
    got = {name: (s.tp, s.fp, s.fn, s.matched) for name, s in labels.items()}
    assert got == {
        "accuse": (0, 1, 1, 0),
        "consult": (0, 0, 1, 0),
        "reject": (1, 0, 0, 0),
        "retreat": (0, 0, 0, 1),
    }
    assert labels["reject"].precision == 1.0
    assert labels["retreat"].recall == 1.0


def test_micro_average_over_records() -> None:
    first = record(CONSULT)
    second = GoldRecord(id="r2", text="Another.", entities=BASE, triples=ACCUSE)
    report = score(
        [first, second],
        {"r1": [P("China", "consult", "Iran")], "r2": [P("Russia", "accuse", "Iran")]},
    )
    assert figures(report) == ((1, 1, 1), (1, 1, 1))
    assert report.counts.records == 2
    assert [detail.id for detail in report.records] == ["r1", "r2"]


def test_counts() -> None:
    gold = record(
        (*CONSULT, T("China", "accuse", "Russia", optional=True)),
        forbidden=(T("Iran", "sanction", "China"),),
    )
    predictions = [
        P("China", "consult", "Iran"),
        P("Iran", "consult", "China"),
        P("Iran", "accuse", "China"),
        P("China", "aid", "Iran", negated=True),
    ]
    counts = score([gold], {"r1": predictions}).counts
    assert (counts.required, counts.optional, counts.forbidden) == (1, 1, 1)
    assert (counts.predictions, counts.negated) == (4, 1)
    assert (counts.scored_rel, counts.scored_pair) == (2, 1)


def test_official_of_rolled_up_to_one_actor_is_not_scored() -> None:
    # A leader the gold does not list rolls up to its country: "Li official_of China"
    # becomes China -> China, which no gold triple can name.
    gold = record(CONSULT)
    li = leader("Li Qiang", "China")
    predictions = [
        P(li, "official_of", "China"),
        P(li, "consult", "Iran"),
        P(li, "official_of", "Iran"),  # two different gold actors: scored (and wrong)
    ]
    report = score([gold], {"r1": predictions})
    assert report.counts.rolled_up == 1
    assert figures(report) == ((1, 1, 0), (1, 0, 0))
    assert "1 official_of rolled up" in report.format_table()


def test_official_of_between_unmatched_actors_is_scored() -> None:
    report = score([record(CONSULT)], {"r1": [P("Atlantis", "official_of", "Atlantis")]})
    assert report.counts.rolled_up == 0
    assert report.rel.fp == 1


def test_evidence_words_match_when_the_canonical_name_does_not() -> None:
    # The text says "Tehran"; the extractor resolved it to an entity named "Islamic
    # Republic", which the gold does not list. The evidence's words still match.
    gold = record(CONSULT)
    iran = actor("Islamic Republic")
    relation = replace(P("China", "consult", iran), object_text="Tehran")
    assert figures(score([gold], {"r1": [relation]})) == ((1, 0, 0), (1, 0, 0))
    strict = score([gold], {"r1": [relation]}, names="canonical")
    assert figures(strict) == ((0, 1, 1), (0, 1, 1))
    assert "canonical name only" in strict.format_table()
    assert strict.to_dict()["names"] == "canonical"


def test_canonical_name_is_tried_before_the_evidence_words() -> None:
    # "China" matches by name; the evidence's "Tehran" (another gold entity) is not tried.
    gold = record(CONSULT)
    relation = replace(P("China", "consult", "Iran"), subject_text="Tehran")
    assert figures(score([gold], {"r1": [relation]})) == ((1, 0, 0), (1, 0, 0))


def test_zero_denominators_give_zero() -> None:
    report = score([record()], {})
    assert (report.rel.precision, report.rel.recall, report.rel.f1) == (0.0, 0.0, 0.0)


def test_unknown_prediction_ids_are_an_error() -> None:
    with pytest.raises(ValueError, match="'nope'"):
        score([record(CONSULT)], {"nope": []})


def test_report_to_dict_is_json() -> None:
    report = score([record(CONSULT)], {"r1": [P("China", "consult", "Iran")]})
    data = json.loads(json.dumps(report.to_dict()))
    assert data["rel"]["tp"] == 1
    assert data["rel"]["f1"] == 1.0
    assert data["labels"]["consult"]["precision"] == 1.0
    assert data["records"][0]["rel"]["true_positives"] == [
        {"s": "China", "r": "consult", "o": "Iran"}
    ]
    assert "records" not in report.to_dict(details=False)


def test_format_table() -> None:
    gold = record((*CONSULT, *ACCUSE))
    table = score([gold], {"r1": [P("China", "consult", "Iran")]}).format_table()
    lines = table.splitlines()
    rows = [line.split() for line in lines if line and line.split()[0] in {"rel", "pair"}]
    assert lines[2].split() == ["level/label", *TABLE_COLUMNS]
    assert rows[0][:6] == ["rel", "2", "1", "1", "1", "0"]  # gold, match, fn, tp, fp
    assert rows[0][-3:] == ["1.000", "0.500", "0.667"]
    assert rows[1][0] == "pair"
    assert [line.split()[0] for line in lines[-4:-2]] == ["accuse", "consult"]
    assert lines[-1] == TABLE_NOTE


def test_the_table_adds_up_when_two_predictions_match_one_triple() -> None:
    # The issue: tp + fn did not give the gold count; the match column does.
    gold = record((T("China", "consult", "Iran", alt_r=("consult", "agree")), *ACCUSE))
    predictions = [P("China", "consult", "Iran"), P("China", "agree", "Iran")]
    report = score([gold], {"r1": predictions + [P("China", "sanction", "Iran")]})
    for line in report.format_table().splitlines():
        cells = line.split()
        if cells and cells[0] in {"rel", "pair", "consult", "accuse", "sanction"}:
            figures = dict(zip(TABLE_COLUMNS, map(float, cells[1:]), strict=True))
            assert figures["gold"] == figures["match"] + figures["fn"], line
    assert (report.rel.tp, report.rel.matched, report.rel.gold) == (2, 1, 2)


GOOD_LINE = {
    "id": "g1",
    "text": "Made-up text.",
    "date": "2024-02-02",
    "entities": [
        {"name": "Wang Yi", "type": "leader", "aliases": ["Wang"], "country": "China"},
        {"name": "China", "type": "country", "aliases": [], "code": "CHN"},
        {"name": "Iran", "type": "country", "aliases": ["Tehran"]},
    ],
    "triples": [
        {"s": "Wang Yi", "r": "official_of", "o": "China"},
        {"s": "China", "r": "consult", "o": "Iran", "alt_r": ["consult", "agree"]},
        {"s": "Iran", "r": "support", "o": "China", "optional": True},
    ],
    "forbidden": [{"s": "China", "r": "sanction", "o": "Iran"}],
}


def write_lines(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_load_gold(tmp_path: Path) -> None:
    path = write_lines(tmp_path, GOOD_LINE, "", {"id": "g2", "text": "Nothing here."})
    first, second = load_gold(path)
    assert first.entities[0] == GoldEntity("Wang Yi", LEADER, ("Wang",), "China")
    assert first.triples[1] == GoldTriple("China", "consult", "Iran", alt_r=("consult", "agree"))
    assert first.triples[1].labels == {"consult", "agree"}
    assert first.required == first.triples[:2]
    assert first.forbidden == (GoldTriple("China", "sanction", "Iran"),)
    assert second == GoldRecord(id="g2", text="Nothing here.")


def with_changes(**changes: object) -> dict:
    line = json.loads(json.dumps(GOOD_LINE))
    line.update(changes)
    return line


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "Expecting property name"),
        ("[1, 2]", "must be a JSON object"),
        ({"text": "no id"}, r"missing keys \['id'\]"),
        (with_changes(id=7), "'id' must be a string"),
        (with_changes(entities=[{"name": "X", "type": "city"}]), "not one of"),
        (with_changes(triples=[{"s": "China", "r": "consult"}]), "'o' must be a string"),
        (
            with_changes(triples=[{"s": "China", "r": "consult", "o": "Iran", "optinal": True}]),
            r"unknown keys \['optinal'\]",
        ),
        (
            with_changes(triples=[{"s": "China", "r": "consult", "o": "Iran", "optional": 1}]),
            "'optional' must be true or false",
        ),
        (
            with_changes(forbidden=[{"s": "China", "r": "x", "o": "Iran", "optional": True}]),
            r"unknown keys \['optional'\]",
        ),
        (
            with_changes(triples=[{"s": "China", "r": "consult", "o": "Iraq"}]),
            r"not entities: \['Iraq'\]",
        ),
        (
            with_changes(triples=[{"s": "China", "r": "consult", "o": "Iran", "alt_o": "Iraq"}]),
            "'alt_o' must be a list of strings",
        ),
        (with_changes(entities=GOOD_LINE["entities"] * 2), "entities named twice"),
    ],
)
def test_load_gold_rejects_malformed_lines(tmp_path: Path, line: object, message: str) -> None:
    path = write_lines(tmp_path, {"id": "ok", "text": "Fine."}, line)
    with pytest.raises(ValueError, match=message) as error:
        load_gold(path)
    assert f"{path}:2:" in str(error.value)


def test_load_gold_rejects_duplicate_ids(tmp_path: Path) -> None:
    path = write_lines(tmp_path, GOOD_LINE, GOOD_LINE)
    with pytest.raises(ValueError, match=r":2: record id 'g1' already used on line 1"):
        load_gold(path)


def fake_extract(document: Document) -> Extraction:
    """Finds Wang Yi consulting Iran in every text, once affirmed and once negated."""
    found = (
        Relation(leader("Wang Yi", "China"), "consult", actor("Iran"), document.id, "", 0, 0),
        Relation(actor("China"), "sanction", actor("Iran"), document.id, "", 0, 0, negated=True),
    )
    return Extraction(doc=document.id, date=document.date, relations=found)


def test_score_extractor_batch_and_single(tmp_path: Path) -> None:
    path = write_lines(tmp_path, GOOD_LINE, {"id": "g2", "text": "Nothing here."})
    seen: list[Document] = []

    def extract_batch(documents):
        for document in documents:
            seen.append(document)
            yield fake_extract(document)

    batch = score_extractor(path, extract_batch)
    single = score_extractor(path, fake_extract, batch=False)
    assert seen == [
        Document(id="g1", text="Made-up text.", date="2024-02-02"),
        Document(id="g2", text="Nothing here."),
    ]
    # g1: Wang Yi is an entity there, so no roll-up: FP, and two required triples missed;
    # g2: no entities at all, so the unmatched prediction is one more FP.
    assert figures(batch) == figures(single) == ((0, 2, 2), (0, 2, 2))
    assert batch.counts.negated == 2


def test_score_extractor_rejects_extractions_for_unknown_documents(tmp_path: Path) -> None:
    path = write_lines(tmp_path, GOOD_LINE)

    def extract_batch(documents):
        return [Extraction(doc="elsewhere", date=None)]

    with pytest.raises(ValueError, match="'elsewhere'"):
        score_extractor(path, extract_batch)


def test_score_extractor_dev_set_with_empty_extractor() -> None:
    dev = EVAL_DIR / "dev.jsonl"
    if not dev.exists():
        pytest.skip(f"{dev} not found")
    report = score_extractor(dev, lambda documents: iter(()))
    assert report.rel.recall == 0.0
    assert report.pair.recall == 0.0
    assert report.rel.fn == report.counts.required > 0
    assert (report.rel.tp, report.rel.fp) == (0, 0)


# --- per rule and confidence -------------------------------------------------------------


def _by(rule: str, relation: Relation, confidence: float = 1.0) -> Relation:
    return replace(relation, rule=rule, confidence=confidence)


def test_each_rule_is_scored_on_the_predictions_it_made():
    gold = record(CONSULT + (T("China", "accuse", "Russia", optional=True),))
    predictions = [
        _by("verb", P("China", "consult", "Iran")),
        _by("noun", P("Iran", "consult", "China")),  # the same prediction, another rule
        _by("noun", P("China", "sanction", "Iran")),
        _by("verb", P("China", "accuse", "Russia")),  # optional: neither tp nor fp
    ]
    report = score([gold], {"r1": predictions})
    rules = {rule: (s.tp, s.fp, s.optional) for rule, s in report.rules.items()}
    assert rules == {"noun": (1, 1, 0), "verb": (1, 0, 1)}
    assert (report.rel.tp, report.rel.fp) == (1, 1)  # the rule split does not double count


@pytest.mark.parametrize(
    ("min_confidence", "expected", "below"),
    [
        (0.0, ((1, 1, 0), (1, 1, 0)), 0),
        (0.5, ((1, 0, 0), (1, 0, 0)), 1),
        (0.95, ((0, 0, 1),) * 2, 2),
    ],
)
def test_min_confidence_leaves_out_less_confident_relations(min_confidence, expected, below):
    predictions = [
        _by("verb", P("China", "consult", "Iran"), 0.9),
        _by("verb", P("China", "sanction", "Russia"), 0.3),
    ]
    report = score([record(CONSULT)], {"r1": predictions}, min_confidence=min_confidence)
    assert figures(report) == expected
    assert (report.counts.predictions, report.counts.below_confidence) == (2, below)


def test_thresholds_score_the_same_predictions_at_each_value():
    predictions = [
        _by("verb", P("China", "consult", "Iran"), 0.9),
        _by("verb", P("China", "sanction", "Russia"), 0.3),
    ]
    report = score([record(CONSULT)], {"r1": predictions}, thresholds=(0.0, 0.5, 0.95))
    rows = [(row.min_confidence, row.rel.tp, row.rel.fp) for row in report.thresholds]
    assert rows == [(0.0, 1, 1), (0.5, 1, 0), (0.95, 0, 0)]
    assert (report.rel.tp, report.rel.fp) == (1, 1)  # the report itself scores them all
    assert "0.50" in report.format_thresholds_table()
    assert "verb" in report.format_rules_table()
    assert report.to_dict(details=False)["thresholds"][1]["rel"]["fp"] == 0
