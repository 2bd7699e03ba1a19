"""The quick-start notebook runs from top to bottom, so it cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "quickstart.ipynb"

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_quickstart_notebook_runs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    outputs = [
        "".join(o.get("text", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
    ]
    text = "\n".join(outputs)
    assert "documents," in text and "entities," in text and "relations" in text
    assert "pagerank" in text
    # the evidence cell shows interactions, not only official_of
    shown = re.findall(r" --([a-z_]+) x\d+--> ", text)
    assert shown and "official_of" not in shown
    # a timeline chart (SVG bars in the four quad colours) and a dyad table
    charts = [
        o["data"]["image/svg+xml"]
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        if "image/svg+xml" in o.get("data", {})
    ]
    assert len(charts) == 1 and charts[0].count("<rect") > 10
    assert re.search(r"evidence sentences in \d+ months, \d+ undated", text)
    assert re.search(r"period +quad class +count +intensity +relations", text)
    assert re.search(r"\n20\d\d-\d\d +(verbal|material)_(cooperation|conflict) +\d+ +-?\d+", text)
    # no warning to use IFrame (nor any other) on stderr
    warnings = [
        "".join(o.get("text", ""))
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        if o.get("name") == "stderr"
    ]
    assert not warnings, warnings
    # the map cell renders an HTML display, not an error
    errors = [
        o
        for cell in notebook.cells
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
