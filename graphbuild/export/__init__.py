"""Write a graph to files: one module per format, `write_<fmt>(G, path)` in each.

`registry.FORMATS` lists the formats (name, writer, files, description);
`write_formats` writes several into one folder from one `prepare.PreparedGraph`, so
sanitising and the shared layout are computed once. Every writer sanitises through
`sanitize.sanitize_graph` and writes through `files.atomic_write`, so a failed export
never leaves an empty or half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .csv import write_csv
from .dyads import write_dyads
from .gexf import write_gexf
from .graphml import write_graphml
from .html import write_html
from .json import write_json
from .registry import (
    FORMATS,
    Format,
    available_formats,
    describe_formats,
    requested_formats,
    write_formats,
)

WRITERS: dict[str, Callable[..., Any]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_csv,
    "dyads": write_dyads,
}
"""Format name -> standalone `write_<fmt>(G, path)`, for the formats that need no options
(`write_dyads` takes a `period`, month by default; `write_html` takes a title and a
summary: use `write_formats` or call it directly)."""

FILE_NAMES: dict[str, str] = {name: fmt.files[0] for name, fmt in FORMATS.items()}
"""What each format's (first) file is called inside the output folder; csv writes
edges.csv beside nodes.csv."""

__all__ = [
    "FILE_NAMES",
    "FORMATS",
    "Format",
    "WRITERS",
    "available_formats",
    "describe_formats",
    "requested_formats",
    "write_csv",
    "write_dyads",
    "write_formats",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
]
