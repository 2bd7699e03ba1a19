"""The records the stages exchange: problem kinds and run statistics."""

from __future__ import annotations

import pytest

from graphbuild.model import Problem, ProblemKind, RunStats


@pytest.mark.parametrize(
    ("kind", "loses"),
    [
        (ProblemKind.UNREADABLE, True),
        (ProblemKind.SKIPPED, True),
        (ProblemKind.FAILED, True),
        (ProblemKind.WARNING, False),
    ],
)
def test_only_warnings_keep_their_document(kind, loses):
    assert kind.loses_document is loses


def test_a_problem_says_what_it_cost():
    problem = Problem(
        "a.txt",
        "date line 'date 2024-02-30' is not a real date; kept undated",
        ProblemKind.WARNING,
    )
    assert not problem.kind.loses_document
    assert Problem("a.txt", "empty file", ProblemKind.UNREADABLE).kind.loses_document


def test_run_stats_add_work_counts_but_not_cache_hits():
    total = RunStats(cached=2, parsed=1, tokens=10)
    total.add(RunStats(cached=5, parsed=2, tokens=7, extracted=3))
    assert (total.cached, total.parsed, total.tokens, total.extracted) == (2, 3, 17, 3)
