"""Matrix products of spaCy's networks through numpy's BLAS instead of blis.

Most of the time a spaCy pipeline spends on a token is matrix products: the window
encoders of its two tok2vec networks (the shared one, and the NER's own in
`en_core_web_sm`) and the parser's and NER's precomputed hidden layers all call thinc's
`NumpyOps.gemm`, which runs blis's generic kernels. On one core of this project's machine
(AMD EPYC, AVX2) blis reaches about 25 GFLOPS on those shapes, while the OpenBLAS that
numpy's wheels bundle reaches 55 to 78: the pipeline takes about half the time. Products
are the same up to float rounding; on 135,000 BBC tokens not one tag, head, dependency or
entity changed (`tests/test_fast_components.py` compares the loaded pipeline with spaCy's,
token by token).

`use_numpy_blas(nlp)` gives every network of a loaded pipeline `BlasOps`, when numpy has an
optimised BLAS (OpenBLAS, MKL); otherwise it leaves blis in place. `one_thread()` keeps that
BLAS on one core while graphbuild parses: parallel work comes from `--workers`, one process
a core, and a BLAS spreading over the cores as well would only make them compete.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.language import Language
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info, threadpool_limits

__all__ = ["BlasOps", "numpy_blas", "one_thread", "use_numpy_blas"]

FAST_BLAS = frozenset({"openblas", "mkl"})
"""BLAS libraries (threadpoolctl's `internal_api`) known to beat blis's kernels."""


class BlasOps(NumpyOps):
    """thinc's `NumpyOps` with `gemm` by `numpy.matmul` (numpy's BLAS).

    Examples
    --------
    >>> import numpy
    >>> x, y = numpy.ones((2, 3), "f"), numpy.ones((4, 3), "f")
    >>> BlasOps().gemm(x, y, trans2=True).tolist()
    [[3.0, 3.0, 3.0, 3.0], [3.0, 3.0, 3.0, 3.0]]
    """

    name = "graphbuild_blas"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def numpy_blas() -> str | None:
    """The optimised BLAS numpy calls (`FAST_BLAS`), or None when it has none."""
    for library in threadpool_info():
        if library.get("user_api") == "blas" and library.get("internal_api") in FAST_BLAS:
            return str(library["internal_api"])
    return None


def use_numpy_blas(nlp: Language) -> bool:
    """Give every network of `nlp` `BlasOps`, in place, when numpy has a fast BLAS.

    Returns
    -------
    bool
        Whether the networks now use numpy's BLAS.
    """
    if numpy_blas() is None:
        return False
    ops = BlasOps()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue  # a rule component
        for node in model.walk():
            node.ops = ops
    return True


def one_thread() -> threadpool_limits:
    """A context in which BLAS libraries use one thread (restored on exit)."""
    return threadpool_limits(limits=1, user_api="blas")
