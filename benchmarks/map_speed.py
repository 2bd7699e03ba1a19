"""How fast the HTML map is usable in headless Chromium, for synthetic graphs of given sizes.

For each size (nodes; about 2.5 edges per node, `tests/html_fixtures.random_graph`) this
writes the page with `graphbuild.export.html.write_html`, opens it from disk in headless
Debian chromium (every host name unresolvable, as the browser tests do) and reports, in
milliseconds:

* ``write``: building the page in Python (layout, communities, JSON), for the record;
* ``ready``: from the start of navigation until the map is drawn and still (the page
  draws its canvas once from precomputed positions; nothing moves afterwards);
* ``redraw``: one full redraw, what a pan or zoom step costs;
* ``filter``: hiding one actor type (a checkbox click), drawing included;
* ``brush``: moving the timeline range to its first half, drawing included;
* ``focus``: focusing the largest actor (neighbourhood, panel and drawing);
* ``panel``: the part of ``focus`` spent writing the side panel.

The interaction times are the page's own (`graphbuildMap.timings`, `performance.now()`
around each handler). A benchmark measures; it does not pass or fail.

Usage::

    PYTHONPATH=. .venv/bin/python benchmarks/map_speed.py 2000 10000 25000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graphbuild.export import html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from html_fixtures import CHROMEDRIVER, chrome_driver, random_graph  # noqa: E402

MEASURE = """
var map = window.graphbuildMap, out = {};
var t = performance.now();
for (var k = 0; k < 5; k++) map.draw();
out.redraw = (performance.now() - t) / 5;
document.querySelector("input[data-filter=type][value=leader]").click();
out.filter = map.timings.filter;
document.querySelector("input[data-filter=type][value=leader]").click();
var last = map.data.periods[map.state.gran].labels.length - 1;
map.setRange(0, Math.floor(last / 2));
out.brush = map.timings.brush;
map.setRange(0, last);
var hub = 0;
map.data.actors.forEach(function (a, i) { if (a.size > map.data.actors[hub].size) hub = i; });
map.focusActor(hub);
out.focus = map.timings.focus;
out.panel = map.timings.panel;
out.focusEdges = map.drawn().edges;
map.back();
return out;
"""


def measure(driver, size: int, folder: Path, repeat: int) -> dict:
    G = random_graph(size)
    start = time.perf_counter()
    path = html.write_html(G, folder / f"map-{size}.html")
    written = (time.perf_counter() - start) * 1000
    runs = []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get(path.as_uri())
        ready = driver.execute_script(
            "return window.graphbuildMap && graphbuildMap.ready && graphbuildMap.timings.ready"
        )
        runs.append({"ready": ready, **driver.execute_script(MEASURE)})
    result = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return {
        "nodes": size,
        "edges": G.number_of_edges(),
        "MB": path.stat().st_size / 1e6,
        "write": written,
        **result,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 10000, 25000])
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (median)")
    args = parser.parse_args(argv)
    if not CHROMEDRIVER.exists():
        sys.exit("needs /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
    driver = chrome_driver(log_requests=False)
    columns = (
        "nodes",
        "edges",
        "MB",
        "write",
        "ready",
        "redraw",
        "filter",
        "brush",
        "focus",
        "panel",
    )
    print(" ".join(f"{c:>8}" for c in columns))
    try:
        with tempfile.TemporaryDirectory() as folder:
            for size in args.sizes:
                row = measure(driver, size, Path(folder), args.repeat)
                print(" ".join(f"{row[c]:>8,.0f}" if c != "MB" else f"{row[c]:>8.1f}"
                               for c in columns), flush=True)  # fmt: skip
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
