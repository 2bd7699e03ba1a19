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
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphbuild.export import html
from graphbuild.labels import LABELS

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


def random_map_graph(nodes: int, edges_per_node: float, seed: int) -> nx.MultiDiGraph:
    """Actors with news-like degrees (preferential attachment) and labelled relations."""
    rng = random.Random(seed)
    types = ["country", "leader", "organization", "initiative"]
    labels = list(LABELS.values())
    graph = nx.MultiDiGraph(documents=nodes)
    for i in range(nodes):
        graph.add_node(
            f"n{i}", label=f"Actor {i}", type=types[i % 4], mentions=1, aliases=[f"a{i}"]
        )
    targets = ["n0"]
    made, wanted = 0, int(nodes * edges_per_node)
    while made < wanted:
        # Each actor joins once (build_graph leaves no actor without a relation).
        u = f"n{made + 1}" if made + 1 < nodes else f"n{rng.randrange(nodes)}"
        v, label = rng.choice(targets), rng.choice(labels)
        if u == v or graph.has_edge(u, v, label.name):
            continue
        count = 1 + int(rng.expovariate(0.7))
        date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        graph.add_edge(
            u,
            v,
            key=label.name,
            relation=label.name,
            quad_class=label.quad_class,
            intensity=label.intensity,
            weight=float(count),
            count=count,
            first_date=date,
            last_date=date,
            documents=[f"d{made}"],
            evidence=[{"sentence": f"{u} and {v}.", "doc": f"d{made}", "date": date}],
        )
        made += 1
        targets.extend((u, v))
    return graph


def chromium(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--window-size=1400,900",
    ):
        options.add_argument(argument)
    binary = shutil.which("chromium")
    if binary:
        options.binary_location = binary
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
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

    if not Path("/usr/bin/chromedriver").exists():
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
            graph = random_map_graph(size, args.edges_per_node, args.seed)
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
