"""How long the HTML map takes to be drawn and still in headless Chromium.

For random maps of a few sizes (about 2.5 edges per node by default) this writes the
page with `graphbuild.export.html.write_html`, opens it from disk in headless Debian
chromium (every host name unresolvable) and reports, in milliseconds from the start of
navigation:

* ``first draw``: the first ``afterDrawing`` event of the page's network;
* ``laid out``: ``stabilizationIterationsDone`` (simulated layouts only);
* ``still``: the last ``afterDrawing`` once the simulation has stopped (or never ran)
  and nothing has been drawn for `--quiet` ms; the page is then drawn and still;
* ``redraw``: the mean time of one full redraw afterwards, which is what panning and
  zooming cost;
* ``filter``: one type-filter change (hide all leaders) including the redraw.

The timings come from a script installed with the DevTools call
``Page.addScriptToEvaluateOnNewDocument``: it hooks the page's ``network`` variable as it
is assigned and timestamps the network's events. A benchmark measures; it does not pass
or fail.

Usage::

    .venv/bin/python benchmarks/html_map.py
    .venv/bin/python benchmarks/html_map.py --sizes 2000 --tiers large very_large
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from graphbuild.export import html

# The random maps and the browser setup are the HTML tests' own (tests/html_fixtures.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from html_fixtures import CHROMEDRIVER, chrome_driver, random_graph  # noqa: E402

HOOK = """
window.__bench = { events: {} };
function __stamp(name) {
  var now = performance.now();
  var e = window.__bench.events[name] || (window.__bench.events[name] = { first: now, count: 0 });
  e.last = now;
  e.count += 1;
}
Object.defineProperty(window, "network", {
  configurable: true,
  get: function () { return window.__benchNetwork; },
  set: function (net) {
    window.__benchNetwork = net;
    __stamp("network");
    ["startStabilizing", "stabilizationIterationsDone", "stabilized", "afterDrawing"]
      .forEach(function (name) { net.on(name, function () { __stamp(name); }); });
  }
});
"""

STATE = """
var net = window.network;
var ev = window.__bench.events;
return {
  events: ev,
  now: performance.now(),
  physics: !!(net && net.physics.physicsEnabled),
  stabilized: !!(net && net.physics.stabilized),
  ready: !!(window.graphbuildMap && graphbuildMap.ready)
};
"""

REDRAW = """
var net = window.network;
var times = [];
for (var k = 0; k < 5; k++) {
  var t = performance.now();
  net.redraw();
  times.push(performance.now() - t);
}
return times.reduce(function (a, b) { return a + b; }, 0) / times.length;
"""

FILTER = """
var box = document.querySelector("input[data-filter=type][value=leader]");
var t = performance.now();
box.click();
window.network.redraw();
var spent = performance.now() - t;
box.click();
return spent;
"""


def chromium(profile: Path):
    """The test suite's headless chromium, with the timing hook installed in every page."""
    driver = chrome_driver(profile, log_requests=False)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
    return driver


def measure(driver, page: Path, *, timeout: float, quiet_ms: float) -> dict:
    """Open `page` and wait until it is drawn and still, or `timeout` seconds pass."""
    driver.set_page_load_timeout(timeout)
    started = time.monotonic()
    driver.get(page.as_uri())
    state = driver.execute_script(STATE)
    while True:
        draws = state["events"].get("afterDrawing")
        moving = state["physics"] and not state["stabilized"]
        if draws and not moving and state["now"] - draws["last"] >= quiet_ms:
            break
        if time.monotonic() - started > timeout:
            return {"timeout": True, **_times(state["events"])}
        time.sleep(0.05)
        state = driver.execute_script(STATE)
    result = {"timeout": False, **_times(state["events"])}
    result["redraw"] = driver.execute_script(REDRAW)
    result["filter"] = driver.execute_script(FILTER)
    return result


def _times(events: dict) -> dict:
    def at(name: str, which: str = "first"):
        return events[name][which] if name in events else None

    return {
        "first draw": at("afterDrawing"),
        "laid out": at("stabilizationIterationsDone"),
        "still": at("afterDrawing", "last"),
        "draws": events.get("afterDrawing", {}).get("count", 0),
    }


def _ms(value) -> str:
    return "-" if value is None else f"{value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--edges-per-node", type=float, default=2.5)
    parser.add_argument(
        "--tiers",
        nargs="+",
        default=["auto"],
        choices=["auto", *html.TIERS],
        help="layouts to measure; auto lets physics_tier pick by size",
    )
    parser.add_argument("--repeat", type=int, default=1, help="page loads per map")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per page")
    parser.add_argument("--quiet", type=float, default=500.0, help="ms without a draw")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the pages in this folder")
    parser.add_argument("--json", action="store_true", help="print JSON lines as well")
    args = parser.parse_args(argv)

    if not CHROMEDRIVER.exists():
        print("needs /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
        return 2
    folder = args.keep or Path(tempfile.mkdtemp(prefix="graphbuild-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    driver = chromium(Path(tempfile.mkdtemp(prefix="graphbuild-bench-profile-")))
    header = (
        f"{'nodes':>6} {'edges':>6} {'tier':<10} {'write s':>7} {'MB':>5} {'first draw':>10}"
        f" {'laid out':>8} {'still':>7} {'redraw':>6} {'filter':>6}"
    )
    print(header)
    print("-" * len(header))
    try:
        for size in args.sizes:
            graph = random_graph(size, edges_per_node=args.edges_per_node, seed=args.seed)
            m = graph.number_of_edges()
            for tier in args.tiers:
                chosen = html.physics_tier(size, m) if tier == "auto" else tier
                page = folder / f"map-{size}-{chosen}.html"
                started = time.perf_counter()
                html.write_html(graph, page, tier=chosen)
                written = time.perf_counter() - started
                megabytes = page.stat().st_size / 1e6
                for _ in range(args.repeat):
                    result = measure(driver, page, timeout=args.timeout, quiet_ms=args.quiet)
                    still = _ms(result["still"]) if not result["timeout"] else "timeout"
                    print(
                        f"{size:>6} {m:>6} {chosen:<10} {written:>7.2f} {megabytes:>5.1f}"
                        f" {_ms(result['first draw']):>10} {_ms(result['laid out']):>8}"
                        f" {still:>7} {_ms(result.get('redraw')):>6}"
                        f" {_ms(result.get('filter')):>6}",
                        flush=True,
                    )
                    if args.json:
                        record = {"nodes": size, "edges": m, "tier": chosen, **result}
                        print(json.dumps({**record, "write_s": written, "mb": megabytes}))
    finally:
        driver.quit()
    print("times in ms from the start of navigation; redraw and filter in ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
