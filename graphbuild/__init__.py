"""graphbuild: news about diplomacy in, a knowledge graph of actors and relations out."""

from .graph import build_graph
from .labels import LABELS
from .model import Document, Entity, EntityType, Extraction, Mention, Problem, Relation

__version__ = "0.1.0"

__all__ = [
    "LABELS",
    "Document",
    "Entity",
    "EntityType",
    "Extraction",
    "Mention",
    "Problem",
    "Relation",
    "build_graph",
    "__version__",
]
