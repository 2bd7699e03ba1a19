"""Networks multiply with numpy's BLAS: same products, same annotations, one thread."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps

from graphbuild import blas
from graphbuild.blas import BlasOps, one_thread, use_numpy_blas


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
@pytest.mark.parametrize("into", [False, True])
def test_gemm_gives_thincs_products(trans1, trans2, into):
    rng = numpy.random.default_rng(7)
    x = rng.standard_normal((5, 3) if trans1 else (3, 5)).astype("f")
    y = rng.standard_normal((4, 5) if trans2 else (5, 4)).astype("f")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = numpy.zeros((3, 4), dtype="f") if into else None
    got = BlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert got.dtype == numpy.float32 and got.shape == (3, 4)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
    if into:
        assert got is out


def _pipeline():
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("tagger").add_label("NN")
    nlp.initialize()
    return nlp


def test_every_network_gets_the_ops(monkeypatch):
    monkeypatch.setattr(blas, "numpy_blas", lambda: "openblas")
    nlp = _pipeline()
    assert use_numpy_blas(nlp)
    for _, component in nlp.components:
        assert all(isinstance(node.ops, BlasOps) for node in component.model.walk())
    assert [t.tag_ for t in nlp("The talks ended")] == ["NN"] * 3


def test_blis_stays_without_a_fast_blas(monkeypatch):
    monkeypatch.setattr(blas, "numpy_blas", lambda: None)
    nlp = _pipeline()
    assert not use_numpy_blas(nlp)
    assert not any(
        isinstance(node.ops, BlasOps) for _, c in nlp.components for node in c.model.walk()
    )


@pytest.mark.skipif(blas.numpy_blas() is None, reason="numpy has no OpenBLAS or MKL here")
def test_one_thread_limits_the_blas_and_restores_it():
    from threadpoolctl import threadpool_info

    def threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = threads()
    with one_thread():
        assert set(threads()) == {1}
    assert threads() == before


@pytest.mark.model
def test_the_loaded_pipeline_uses_numpys_blas_where_it_can():
    from graphbuild.nlp import load_pipeline

    nlp = load_pipeline()
    uses = all(
        isinstance(node.ops, BlasOps)
        for _, component in nlp.components
        if hasattr(getattr(component, "model", None), "walk")
        for node in component.model.walk()
    )
    assert uses == (blas.numpy_blas() is not None)
