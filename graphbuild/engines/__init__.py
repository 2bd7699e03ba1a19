"""Where extraction runs: in this process (`graphbuild.pipeline`) or on a Dask cluster.

The dask engine is an optional extra (``pip install "graphbuild[dask]"``); importing this
package never imports dask, only calling `extract_with_dask` does.
"""

from __future__ import annotations

from .dask_engine import (
    DASK_INSTALL_HINT,
    DaskNotInstalledError,
    DaskRunner,
    check_dask,
    extract_with_dask,
)

ENGINES: tuple[str, ...] = ("local", "dask")
"""The valid values of the pipeline's and CLI's ``engine`` option."""

__all__ = [
    "DASK_INSTALL_HINT",
    "ENGINES",
    "DaskNotInstalledError",
    "DaskRunner",
    "check_dask",
    "extract_with_dask",
]
