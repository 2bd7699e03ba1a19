"""graphbuild: news about diplomacy in, a knowledge graph of actors and relations out.

The library functions behind the ``graphbuild`` command are `build`, `extract` and
`evaluate` (`graphbuild.pipeline`); their options are the records of `graphbuild.config`,
and `graphbuild.scoring` is the scorer behind `evaluate`.

Examples
--------
>>> from graphbuild import build  # doctest: +SKIP
>>> result = build("examples/articles", "out/", formats=["html", "graphml"])  # doctest: +SKIP
>>> result.summary_line  # doctest: +SKIP
'21 documents, 101 entities, 186 relations'
"""

__version__ = "0.1.0"

from .config import ExportOptions, ExtractOptions, ViewOptions  # noqa: E402
from .graph import build_graph  # noqa: E402
from .labels import LABELS  # noqa: E402
from .model import (  # noqa: E402
    Document,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Problem,
    ProblemKind,
    Relation,
    RunStats,
    RunSummary,
)
from .pipeline import (  # noqa: E402
    BuildOptions,
    BuildResult,
    ExtractionRun,
    UsageError,
    build,
    evaluate,
    extract,
)

__all__ = [
    "LABELS",
    "BuildOptions",
    "BuildResult",
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "ExportOptions",
    "ExtractOptions",
    "ExtractionRun",
    "Mention",
    "Problem",
    "ProblemKind",
    "Relation",
    "RunStats",
    "RunSummary",
    "UsageError",
    "ViewOptions",
    "build",
    "build_graph",
    "evaluate",
    "extract",
    "__version__",
]
