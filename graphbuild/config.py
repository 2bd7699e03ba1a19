"""Every default and every allowed choice, in one place, and the one check of each.

A run is described by three frozen records, each checked once when it is made:

`ExtractOptions`
    How documents are extracted: model, actor dictionaries, relevance filter, and where
    parsing runs (engine, workers, scheduler).
`ViewOptions`
    Which part of the graph is shown: level, date window, minimum count and confidence,
    labels, types.
`ExportOptions`
    Which files are written, and the map's title.

The CLI parses its options into these records; `pipeline`, `views` and the engines take
them. A bad value raises `UsageError`, naming the valid choices, before anything is read or
written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .ingest.dates import normalize_date
from .labels import LABELS
from .model import EntityType
from .periods import DEFAULT_PERIOD, PERIODS

__all__ = [
    "ACTORS_OF_DIPLOMACY_ONLY",
    "BATCH_SIZE",
    "DASK_INSTALL_HINT",
    "DEFAULT_FORMATS",
    "DEFAULT_MIN_CONFIDENCE",
    "DEFAULT_PERIOD",
    "DEFAULT_TITLE",
    "ENGINES",
    "ENTITY_TYPES",
    "LOCAL_CLUSTER_WORKERS",
    "LEVELS",
    "PARTITION_SIZE",
    "PERIODS",
    "PIECE_LENGTH",
    "POOL_TASK_SIZE",
    "PROBLEMS_NAME",
    "PROBLEMS_SHOWN",
    "TASK_RETRIES",
    "ExportOptions",
    "ExtractOptions",
    "UsageError",
    "ViewOptions",
    "WorkerSettings",
    "check_choices",
    "split_names",
]

PathArg = str | os.PathLike[str]

# -- defaults --------------------------------------------------------------------------------

BATCH_SIZE = 64
"""Documents per `nlp.pipe` batch, and per task of the in-process runner."""
POOL_TASK_SIZE = 16
"""Documents per task of a local worker process: small enough that no worker sits idle long
while the others finish the last tasks of a run."""
PARTITION_SIZE = 64
"""Documents (or JSONL/CSV records) per task on a Dask cluster."""
TASK_RETRIES = 2
"""How often Dask retries a partition whose task failed as a whole."""
DEFAULT_FORMATS: tuple[str, ...] = ("html", "graphml", "dyads")
"""What `build` writes unless told otherwise."""
DEFAULT_TITLE = "graphbuild map"
"""The HTML map's title unless told otherwise."""
PROBLEMS_NAME = "problems.jsonl"
"""The file of every problem of a run (file, line, kind, message) `build` writes beside
its outputs; empty when there were none."""
PROBLEMS_SHOWN = 20
"""Problems the CLI prints; all of them are in `PROBLEMS_NAME`."""
PIECE_LENGTH = 100_000
"""Characters of a piece of a document longer than spaCy's ``max_length`` (`pieces`):
such a document is parsed a piece at a time, so its memory is that of one piece."""
LOCAL_CLUSTER_WORKERS = 2
"""Worker processes of the local Dask cluster when `workers` is left at 1."""
DASK_INSTALL_HINT = 'pip install "graphbuild[dask]"'
"""The install command the error names when dask.distributed is missing."""
DEFAULT_MIN_CONFIDENCE = 0.4
"""The lowest evidence confidence a view keeps unless told otherwise. It drops what the
rule table measures as mostly wrong and, measured on the merged rules, costs no recall on
any open gold file; 0.5 cost the seed article 2 of its 6 true relations (README,
"Confidence"). A rule never measured gets 0.5 and stays."""
ACTORS_OF_DIPLOMACY_ONLY = True
"""Companies, clubs, bands, executives and players are no actors of diplomacy: by default
the map leaves them out (the measured BBC map was mostly firms and their chiefs)."""

# -- choices ---------------------------------------------------------------------------------

LEVELS: tuple[str, ...] = ("actor", "country")
"""Graph levels: every actor, or leaders and organizations rolled up to countries."""
ENGINES: tuple[str, ...] = ("local", "dask")
"""Where parsing runs: this machine (in-process or worker processes), or a Dask cluster."""
ENTITY_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType)
"""Actor types a view can keep."""


class UsageError(ValueError):
    """An option value that cannot work (unknown format, label, type, level, bad date)."""


def split_names(given: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """``"a, b"`` or ``["a", "b"]`` as ``("a", "b")``: stripped, blanks dropped; None stays.

    Examples
    --------
    >>> split_names("consult, agree,,")
    ('consult', 'agree')
    >>> split_names(None) is None
    True
    """
    if given is None:
        return None
    items = given.split(",") if isinstance(given, str) else list(given)
    return tuple(item.strip() for item in items if item and item.strip())


def check_choices(names: Sequence[str], valid: Sequence[str], what: str) -> None:
    """`UsageError` naming the valid choices unless every one of `names` is among them.

    Examples
    --------
    >>> check_choices(["actor"], LEVELS, "level")
    >>> check_choices(["planet"], LEVELS, "level")
    Traceback (most recent call last):
    ...
    graphbuild.config.UsageError: unknown level 'planet'; choose from: actor, country
    """
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise UsageError(
            f"unknown {what} {', '.join(map(repr, unknown))}; choose from: {', '.join(valid)}"
        )


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM-DD")
    try:
        return normalize_date(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None


def _set(record: object, name: str, value: object) -> None:
    object.__setattr__(record, name, value)  # normalising a frozen record as it is made


# -- the records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker process needs to extract alike; the key of its pipeline cache."""

    model: str | None = None
    """spaCy model package or path; None for `nlp.choose_model`'s default."""
    actors: tuple[str, ...] = ()
    """Extra actor dictionaries (CSV paths, reachable from the workers)."""
    use_filter: bool = True
    """Parse only the sentences the relevance filter selects (`graphbuild.relevance`)."""
    actors_of_diplomacy_only: bool = ACTORS_OF_DIPLOMACY_ONLY
    """Keep only actors of diplomacy (`ExtractOptions.actors_of_diplomacy_only`)."""


@dataclass(frozen=True)
class ExtractOptions:
    """How a run extracts: the worker settings, and where parsing runs.

    Examples
    --------
    >>> ExtractOptions(workers=2).worker_settings
    WorkerSettings(model=None, actors=(), use_filter=True, actors_of_diplomacy_only=True)
    >>> ExtractOptions(engine="spark")
    Traceback (most recent call last):
    ...
    graphbuild.config.UsageError: unknown engine 'spark'; choose from: local, dask
    """

    model: str | None = None
    """spaCy model package or path; None for the first installed default model."""
    actors: tuple[str, ...] = ()
    """Extra actor dictionaries (CSV: name, aliases, country, role, start, end)."""
    use_filter: bool = True
    """Parse only the sentences that can hold a relation (`graphbuild.relevance`)."""
    actors_of_diplomacy_only: bool = ACTORS_OF_DIPLOMACY_ONLY
    """Keep only the actors of diplomacy: states and their bodies, international bodies,
    parties, armed groups, agencies, and people whose office or dictionary entry says they
    lead one. False (the CLI's `--all-entities`) keeps every organization spaCy finds and
    every titled person too: companies, clubs, chief executives, for other uses."""
    workers: int = 1
    """Processes that parse; with the dask engine and no scheduler, the worker processes of
    the local cluster (1, the default, starts `LOCAL_CLUSTER_WORKERS`)."""
    engine: str = "local"
    """One of `ENGINES`."""
    scheduler: str | None = None
    """A Dask scheduler address; None starts a local cluster."""

    def __post_init__(self) -> None:
        _set(self, "actors", tuple(os.fspath(path) for path in self.actors))
        if not isinstance(self.actors_of_diplomacy_only, bool):
            raise UsageError(
                f"actors_of_diplomacy_only must be True or False, got "
                f"{self.actors_of_diplomacy_only!r}"
            )
        if self.workers < 1:
            raise UsageError(f"workers must be at least 1, got {self.workers}")
        check_choices([self.engine], ENGINES, "engine")

    @property
    def worker_settings(self) -> WorkerSettings:
        """The part of these options every worker process needs."""
        return WorkerSettings(
            self.model, self.actors, self.use_filter, self.actors_of_diplomacy_only
        )


@dataclass(frozen=True)
class ViewOptions:
    """Which part of the graph a view keeps (`graphbuild.views.view`).

    Examples
    --------
    >>> ViewOptions(since="2024-1-5", relations=("consult",)).since
    '2024-01-05'
    >>> ViewOptions(level="planet")
    Traceback (most recent call last):
    ...
    graphbuild.config.UsageError: unknown level 'planet'; choose from: actor, country
    """

    level: str = "actor"
    """One of `LEVELS`."""
    since: str | None = None
    """Keep evidence dated on or after this day (``YYYY-MM-DD``)."""
    until: str | None = None
    """Keep evidence dated on or before this day."""
    min_count: int = 1
    """Keep edges with at least this much evidence."""
    relations: tuple[str, ...] | None = None
    """Keep only these relation labels (`graphbuild.labels.LABELS`); None keeps all."""
    types: tuple[str, ...] | None = None
    """Keep only actors of these types (`ENTITY_TYPES`); None keeps all."""
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    """Keep only evidence of at least this confidence (0..1, `Relation.confidence`), and
    the edges left with some; 0 keeps all."""
    keep_undated: bool = False
    """Keep evidence without a date under `since` / `until` (which drop it otherwise)."""

    def active(self) -> dict[str, object]:
        """The filters that narrow the graph, by option name, e.g. for an empty map to
        say what emptied it.

        Examples
        --------
        >>> ViewOptions(since="2024-01-01", min_confidence=0).active()
        {'since': '2024-01-01'}
        """
        given: dict[str, object] = {
            "level": self.level if self.level != "actor" else None,
            "types": list(self.types) if self.types is not None else None,
            "relations": list(self.relations) if self.relations is not None else None,
            "since": self.since,
            "until": self.until,
            "keep_undated": True if self.keep_undated and (self.since or self.until) else None,
            "min_confidence": self.min_confidence or None,
            "min_count": self.min_count if self.min_count > 1 else None,
        }
        return {name: value for name, value in given.items() if value is not None}

    def __post_init__(self) -> None:
        check_choices([self.level], LEVELS, "level")
        value = self.min_confidence
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise UsageError(f"min-confidence must be a number from 0 to 1, got {value!r}")
        _set(self, "min_confidence", float(value))
        since, until = _date(self.since, "since"), _date(self.until, "until")
        if since and until and since > until:
            raise UsageError(f"since {since} is after until {until}")
        _set(self, "since", since)
        _set(self, "until", until)
        if isinstance(self.min_count, bool) or not isinstance(self.min_count, int):
            raise UsageError(f"min-count must be an integer, got {self.min_count!r}")
        if self.min_count < 1:
            raise UsageError(f"min-count must be at least 1, got {self.min_count}")
        if self.relations is not None:
            _set(self, "relations", tuple(self.relations))
            check_choices(self.relations, list(LABELS), "relation label")
        if self.types is not None:
            _set(self, "types", tuple(self.types))
            check_choices(self.types, ENTITY_TYPES, "actor type")


@dataclass(frozen=True)
class ExportOptions:
    """Which files `build` writes, how the map is titled, and the period of `dyads.csv`.

    Examples
    --------
    >>> ExportOptions(formats=("GraphML", "json", "json")).formats
    ('graphml', 'json')
    >>> ExportOptions(period="day")
    Traceback (most recent call last):
    ...
    graphbuild.config.UsageError: unknown period 'day'; choose from: week, month, year
    """

    formats: tuple[str, ...] = DEFAULT_FORMATS
    """Format names of the export registry (`graphbuild.export.available_formats`)."""
    title: str = DEFAULT_TITLE
    """Title of the HTML map."""
    period: str = DEFAULT_PERIOD
    """What `dyads.csv` counts evidence by: one of `PERIODS`."""

    def __post_init__(self) -> None:
        # The registry knows the formats, and checks their names (`requested_formats`).
        from .export import available_formats, requested_formats

        try:
            names = tuple(requested_formats(self.formats))
        except ValueError as error:
            raise UsageError(str(error)) from None
        if not names:
            valid = ", ".join(available_formats())
            raise UsageError(f"no export format given; choose from: {valid}")
        _set(self, "formats", names)
        if not isinstance(self.title, str) or not self.title.strip():
            raise UsageError(f"the title must be a text that is not blank, got {self.title!r}")
        check_choices([self.period], PERIODS, "period")
