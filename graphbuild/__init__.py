"""graphbuild: news about diplomacy in, a knowledge graph of actors and relations out.

The library functions behind the ``graphbuild`` command are `build` and `extract` (and
`graphbuild.pipeline.evaluate`, which keeps its module's name: ``graphbuild.evaluate`` is
the scoring module).

Examples
--------
>>> from graphbuild import build  # doctest: +SKIP
>>> result = build("examples/articles", "out/", formats=["html", "graphml"])  # doctest: +SKIP
>>> result.summary_line  # doctest: +SKIP
'21 documents, 101 entities, 186 relations'
"""

__version__ = "0.1.0"

from .graph import build_graph  # noqa: E402
from .labels import LABELS  # noqa: E402
from .model import (  # noqa: E402
    Document,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Problem,
    Relation,
    RunSummary,
)
from .pipeline import BuildResult, ExtractionRun, RunStats, UsageError, build, extract  # noqa: E402

__all__ = [
    "LABELS",
    "BuildResult",
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "ExtractionRun",
    "Mention",
    "Problem",
    "Relation",
    "RunStats",
    "RunSummary",
    "UsageError",
    "build",
    "build_graph",
    "extract",
    "__version__",
]
