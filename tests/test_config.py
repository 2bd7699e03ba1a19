"""The option records: defaults in one place, every choice checked once, when made."""

from __future__ import annotations

import pytest

from graphbuild.config import (
    DEFAULT_FORMATS,
    ENGINES,
    LEVELS,
    ExportOptions,
    ExtractOptions,
    UsageError,
    ViewOptions,
    WorkerSettings,
    check_choices,
    split_names,
)


@pytest.mark.parametrize(
    ("given", "names"),
    [("a, b,,c ", ("a", "b", "c")), (["a", " b"], ("a", "b")), ("", ()), (None, None)],
)
def test_split_names(given, names):
    assert split_names(given) == names


def test_check_choices_names_every_unknown_one_and_the_valid_ones():
    with pytest.raises(UsageError, match=r"unknown level 'x', 'y'; choose from: actor, country"):
        check_choices(["actor", "x", "y"], LEVELS, "level")


def test_defaults():
    options = ExtractOptions()
    assert (options.workers, options.engine, options.use_filter) == (1, "local", True)
    assert ViewOptions().level == "actor" and ViewOptions().min_count == 1
    assert ExportOptions().formats == DEFAULT_FORMATS
    assert set(ENGINES) == {"local", "dask"}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ExtractOptions(workers=0), "workers must be at least 1"),
        (lambda: ExtractOptions(engine="spark"), "unknown engine 'spark'"),
        (lambda: ViewOptions(level="galaxy"), "unknown level 'galaxy'"),
        (lambda: ViewOptions(since="soon"), "since 'soon' is not a date"),
        (lambda: ViewOptions(since="2024-03-01", until="2024-01-01"), "is after until"),
        (lambda: ViewOptions(min_count=0), "min-count must be at least 1"),
        (lambda: ViewOptions(relations=("meet",)), "unknown relation label 'meet'"),
        (lambda: ViewOptions(types=("city",)), "unknown actor type 'city'"),
        (lambda: ExportOptions(formats=("pdf",)), "unknown export format 'pdf'"),
        (lambda: ExportOptions(formats=()), "no export format given"),
    ],
)
def test_bad_values_are_refused_when_the_record_is_made(make, message):
    with pytest.raises(UsageError, match=message):
        make()


def test_values_are_normalised():
    view = ViewOptions(since="Thu, 16 May 2024 10:00:00 GMT", relations=["consult"])
    assert view.since == "2024-05-16" and view.relations == ("consult",)
    assert ExportOptions(formats=("JSON", "json", "csv")).formats == ("json", "csv")


def test_worker_settings_are_what_every_worker_needs():
    options = ExtractOptions(model="m", actors=("a.csv",), use_filter=False, workers=4)
    assert options.worker_settings == WorkerSettings("m", ("a.csv",), False)
    # the key of a worker process's pipeline cache: hashable, equal for equal settings
    assert hash(options.worker_settings) == hash(WorkerSettings("m", ("a.csv",), False))


def test_actors_of_diplomacy_only_by_default_and_carried_to_workers():
    assert ExtractOptions().worker_settings.actors_of_diplomacy_only is True
    every = ExtractOptions(actors_of_diplomacy_only=False)
    assert every.worker_settings.actors_of_diplomacy_only is False
    assert every.worker_settings != ExtractOptions().worker_settings


def test_actors_of_diplomacy_only_must_be_a_boolean():
    with pytest.raises(UsageError, match="actors_of_diplomacy_only"):
        ExtractOptions(actors_of_diplomacy_only="yes")  # type: ignore[arg-type]


def test_the_cache_key_names_which_actors_are_kept():
    from graphbuild.pipeline import _cache_material

    kept = _cache_material(ExtractOptions().worker_settings)
    every = _cache_material(ExtractOptions(actors_of_diplomacy_only=False).worker_settings)
    assert kept != every
