"""Shared fixtures: hand-made graphs (graph_factory.py), faulty corpora (corpus_fixtures.py).

Fixtures only, please."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest


def _sibling_module(name: str) -> ModuleType:
    # pytest runs with --import-mode=importlib, so tests/ is not on sys.path: load the
    # helper module from its file instead.
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"_graphbuild_tests_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def factory() -> ModuleType:
    """The `graph_factory` module: builders of small sample graphs and their actors."""
    return _sibling_module("graph_factory")


@pytest.fixture(scope="session")
def corpus() -> ModuleType:
    """The `corpus_fixtures` module: faulty corpora and the readers to compare."""
    return _sibling_module("corpus_fixtures")


@pytest.fixture
def sample_graph(factory):
    """A fresh copy of the sample graph (10 actors, 14 edges) for each test."""
    return factory.sample_graph()


@pytest.fixture(scope="session", autouse=True)
def private_user_cache(tmp_path_factory) -> Iterator[Path]:
    """The user's cache folder, moved for the whole session (and the processes it starts:
    notebook kernels, CLI runs) so that no test reads or writes the real one."""
    from graphbuild.cache import CACHE_DIR_ENV

    folder = tmp_path_factory.mktemp("user-cache")
    saved = {name: os.environ.get(name) for name in (CACHE_DIR_ENV, "XDG_CACHE_HOME")}
    os.environ[CACHE_DIR_ENV] = str(folder / "graphbuild")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder / "graphbuild"
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
