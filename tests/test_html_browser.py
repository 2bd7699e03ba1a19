"""The HTML map in a real browser: headless Debian chromium, driven by selenium.

Needs ``apt-get install -y chromium chromium-driver``; the module is skipped without
/usr/bin/chromedriver. The browser runs with every host name unresolvable, and each test
checks that the page requested nothing but itself, raised no error and broke no rule of
its Content-Security-Policy.
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from html_fixtures import (  # noqa: E402
    CHINA,
    CHROMEDRIVER,
    FRANCE,
    MACRON,
    PAYLOADS,
    RUSSIA,
    XI,
    chrome_driver,
    hostile_graph,
    page_requests,
    random_graph,
    sample_graph,
)

from graphbuild.export import html  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMEDRIVER.exists(),
        reason="needs /usr/bin/chromedriver: apt-get install -y chromium chromium-driver",
    ),
]

REPO = Path(__file__).resolve().parents[1]

# Installed before any page script runs: records what the tests assert never happens.
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample);
});
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });
"""

DRAWN = """
var net = window.network;
var canvas = document.querySelector("#map canvas");
var pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
var inked = 0;
for (var i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked += 1;
return {
  dataNodes: graphbuildMap.nodes.length,
  dataEdges: graphbuildMap.edges.length,
  drawnNodes: net.body.nodeIndices.length,
  drawnEdges: net.body.edgeIndices.length,
  inked: inked,
  physics: net.physics.physicsEnabled
};
"""

EDGE_POINT = """
// A point on edge j (on its drawn curve) where a click hits that edge and no node.
var j = arguments[0];
var edge = network.body.edges[j];
for (var k = 0; k < 60; k++) {
  var t = 0.5 + (k % 2 ? 1 : -1) * Math.floor((k + 1) / 2) * 0.0125;
  var p = network.canvasToDOM(edge.edgeType.getPoint(t));
  if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === j) return [p.x, p.y];
}
return null;
"""

BLANK_POINT = """
// A point of the canvas with no node and no edge under it.
var canvas = document.querySelector("#map canvas");
for (var y = 10; y < canvas.clientHeight; y += 20) {
  for (var x = 10; x < canvas.clientWidth; x += 20) {
    var p = { x: x, y: y };
    if (network.getNodeAt(p) === undefined && network.getEdgeAt(p) === undefined) return [x, y];
  }
}
return null;
"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    pytest.importorskip("selenium")
    browser = chrome_driver(tmp_path_factory.mktemp("chrome-profile"))
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    yield browser
    browser.quit()


def wait_for(driver, script: str, timeout: float = 60.0, *args):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script(script, *args)
    )


def open_map(driver, path: Path, *, freeze: bool = True) -> None:
    driver.get_log("performance")  # forget earlier pages' requests
    driver.get(path.as_uri())
    wait_for(driver, "return !!(window.graphbuildMap && graphbuildMap.ready)")
    if freeze:
        # A small map keeps simulating after its first picture: let it settle, then hold
        # the nodes still to click them.
        wait_for(driver, "return !network.physics.physicsEnabled || network.physics.stabilized")
        driver.execute_script("network.stopSimulation()")


def assert_clean(driver, path: Path) -> None:
    """Nothing ran that should not have, and nothing was fetched but the page."""
    state = driver.execute_script(
        "return [window.__pwned, window.__cspViolations, window.__errors,"
        " document.scripts.length,"
        " document.querySelectorAll('img, svg, iframe, object, embed, a, b').length]"
    )
    assert state == [None, [], [], 3, 0]
    # data: URIs are the browser's own (the date input's calendar icon).
    requests = page_requests(driver, path.as_uri())
    assert path.as_uri() in requests
    assert {url for url in requests if not url.startswith("data:")} == {path.as_uri()}


def node_index(G, key) -> int:
    return list(G.nodes).index(key)


def edge_index(G, u, v, key) -> int:
    return list(G.edges(keys=True)).index((u, v, key))


def click_at(driver, x: float, y: float, *, hover_only: bool = False) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.CSS_SELECTOR, "#map canvas")
    size = canvas.size
    actions = ActionChains(driver).move_to_element_with_offset(
        canvas, round(x - size["width"] / 2), round(y - size["height"] / 2)
    )
    if not hover_only:
        actions.click()
    actions.perform()


def settle_view(driver) -> None:
    """Wait for a focus animation to end: the view holds still for 100 ms."""
    view = "return JSON.stringify([network.getViewPosition(), network.getScale()])"
    last = None
    for _ in range(50):
        now = driver.execute_script(view)
        if now == last:
            return
        last = now
        time.sleep(0.1)
    raise AssertionError("the view never settled")


def node_point(driver, i: int) -> tuple[float, float]:
    """Where a click hits node `i`: its centre, or the nearest point not under another."""
    point = driver.execute_script(
        """
        var i = arguments[0];
        var c = network.getPosition(i);
        var r = network.body.nodes[i].shape.radius || 10;
        for (var d = 0; d <= r; d += 2) {
          for (var a = 0; a < 2 * Math.PI; a += Math.PI / 8) {
            var p = network.canvasToDOM({ x: c.x + d * Math.cos(a), y: c.y + d * Math.sin(a) });
            if (network.getNodeAt(p) === i) return [p.x, p.y];
            if (d === 0) break;
          }
        }
        return null;
        """,
        i,
    )
    assert point, f"node {i} is covered by other nodes"
    return point[0], point[1]


def click_node(driver, i: int) -> None:
    click_at(driver, *node_point(driver, i))
    wait_for(driver, f"return document.getElementById('panel-body').dataset.node === '{i}'", 5)


def click_edge(driver, j: int) -> None:
    point = driver.execute_script(EDGE_POINT, j)
    assert point, f"no free point on edge {j}"
    click_at(driver, *point)
    wait_for(driver, f"return document.getElementById('panel-body').dataset.edge === '{j}'", 5)


def panel_text(driver) -> str:
    return driver.execute_script("return document.getElementById('panel-body').textContent")


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("GRAPHBUILD_ARTIFACTS") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- (1) the page draws every node and edge ----------------------------------------------


@pytest.mark.parametrize("tier", ["small", "large", "very_large"])
def test_draws_every_node_and_edge(driver, tmp_path, tier):
    G = sample_graph() if tier == "small" else random_graph(400)
    path = html.write_html(G, tmp_path / "map.html", tier=tier)
    assert f'<meta name="graphbuild-layout" content="{tier}">' in path.read_text("utf-8")
    open_map(driver, path, freeze=False)

    drawn = driver.execute_script(DRAWN)
    n, m = G.number_of_nodes(), G.number_of_edges()
    assert (drawn["dataNodes"], drawn["drawnNodes"]) == (n, n)
    assert (drawn["dataEdges"], drawn["drawnEdges"]) == (m, m)
    assert drawn["inked"] > 1000, "the canvas is blank"
    status = driver.execute_script("return document.getElementById('status').textContent")
    assert status == f"Showing {n:,} of {n:,} actors, {m:,} of {m:,} relations"
    if tier != "small":
        # Large maps stop simulating once laid out; very large ones never start.
        assert drawn["physics"] is False
    if tier == "very_large":
        # Arrowheads only once zoomed in.
        arrows = "return network.body.edges[0].options.arrows.to.enabled"
        assert driver.execute_script(arrows) is False
        driver.execute_script("graphbuildMap.focusNode(0)")
        wait_for(driver, arrows, 5)
        placed = driver.execute_script("return network.getPositions()")  # rounded
        expected = html.map_data(G)["nodes"]
        for i, node in enumerate(expected):
            assert math.isclose(placed[str(i)]["x"], node["x"], abs_tol=1)
            assert math.isclose(placed[str(i)]["y"], node["y"], abs_tol=1)
    assert_clean(driver, path)


# -- (2) script in the data never runs ------------------------------------------------


def test_script_payloads_never_run(driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = hostile_graph()
    title = PAYLOADS[3]
    path = html.write_html(G, tmp_path / "map.html", title=title, summary={PAYLOADS[1]: title})
    open_map(driver, path)
    assert driver.find_element(By.ID, "title").get_property("textContent") == title
    summary = driver.find_element(By.ID, "summary").get_property("textContent")
    assert PAYLOADS[1] in summary

    box = driver.find_element(By.ID, "search")
    box.send_keys("<script>")
    hits = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results button'))"
        ".map(function (b) { return b.textContent; })"
    )
    assert hits and all("<script>" in hit for hit in hits)
    box.send_keys(Keys.ENTER)
    wait_for(driver, "return network.getSelectedNodes().length === 1", 5)
    settle_view(driver)
    driver.execute_script("network.fit()")  # the focus may have left nodes off screen
    blank = driver.execute_script(BLANK_POINT)

    for i, key in enumerate(G.nodes):
        # vis-network keeps a tooltip while the pointer is near its node: leave first.
        click_at(driver, *blank, hover_only=True)
        wait_for(driver, "var t = document.querySelector('div.vis-tooltip');"
                 "return !t || t.style.visibility !== 'visible'", 5)  # fmt: skip
        x, y = node_point(driver, i)
        click_at(driver, x, y, hover_only=True)
        label = G.nodes[key]["label"]
        text, children = wait_for(
            driver,
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility === 'visible' && t.textContent.includes(arguments[0])"
            " && [t.textContent, Array.from(t.children).map(function (c) {"
            " return c.tagName; })];",
            5,
            label,
        )
        assert text.startswith(label)
        assert set(children) <= {"BR"}
        click_node(driver, i)
        assert label in panel_text(driver)

    for j, (_, _, _, attrs) in enumerate(G.edges(keys=True, data=True)):
        click_edge(driver, j)
        for item in attrs["evidence"]:
            assert item["sentence"] in panel_text(driver)
            assert item["doc"] in panel_text(driver)
    assert_clean(driver, path)


# -- (3) search, filters and the side panel ----------------------------------------------


def visible(driver) -> tuple[int, int]:
    return tuple(driver.execute_script("return [network.body.nodeIndices.length,"
                                       " network.body.edgeIndices.length]"))  # fmt: skip


def test_search_focuses_an_actor(driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    xi = node_index(G, XI.id)
    box = driver.find_element(By.ID, "search")
    box.send_keys("president xi")  # an alias, in the wrong case
    box.send_keys(Keys.ENTER)
    wait_for(driver, f"return network.getSelectedNodes()[0] === {xi}", 5)
    settle_view(driver)
    view, node, scale = driver.execute_script(
        "return [network.getViewPosition(), network.getPosition(arguments[0]),"
        " network.getScale()]",
        xi,
    )
    assert abs(view["x"] - node["x"]) * scale < 2 and abs(view["y"] - node["y"]) * scale < 2
    assert driver.find_element(By.CSS_SELECTOR, "#panel-body h2").text == "Xi Jinping"
    assert driver.find_element(By.ID, "panel").is_displayed()
    assert_clean(driver, path)


def test_filters_hide_and_show(driver, tmp_path):
    from selenium.webdriver.common.by import By

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    n, m = G.number_of_nodes(), G.number_of_edges()
    xi, macron = node_index(G, XI.id), node_index(G, MACRON.id)
    assert visible(driver) == (n, m)

    driver.find_element(By.CSS_SELECTOR, "input[data-filter=type][value=leader]").click()
    hidden = driver.execute_script(
        "return [graphbuildMap.nodes.get(arguments[0]).hidden,"
        " network.body.nodeIndices.indexOf(arguments[0])]",
        xi,
    )
    assert hidden == [True, -1]
    leader_edges = sum(1 for u, v in G.edges() if {u, v} & {XI.id, MACRON.id})
    assert visible(driver) == (n - 2, m - leader_edges)
    assert macron not in driver.execute_script("return network.body.nodeIndices")

    driver.find_element(By.ID, "reset").click()
    assert visible(driver) == (n, m)

    sanction = edge_index(G, FRANCE.id, RUSSIA.id, "sanction")
    driver.find_element(By.CSS_SELECTOR, "input[data-filter=relation][value=sanction]").click()
    assert sanction not in driver.execute_script("return network.body.edgeIndices")
    assert visible(driver) == (n, m - 1)
    driver.find_element(By.ID, "reset").click()

    # Only China -> Russia "cooperate" has two mentions; actors left without a relation go.
    driver.execute_script(
        "var box = document.getElementById('min-count'); box.value = '2';"
        "box.dispatchEvent(new Event('input'));"
    )
    assert visible(driver) == (2, 1)
    driver.find_element(By.ID, "reset").click()

    # From September: the four relations of c.txt between China, Russia, France and BRI.
    driver.execute_script(
        "var box = document.getElementById('date-from'); box.value = '2024-09-01';"
        "box.dispatchEvent(new Event('change'));"
    )
    assert visible(driver) == (4, 4)
    driver.find_element(By.ID, "reset").click()
    assert visible(driver) == (n, m)
    assert_clean(driver, path)


def test_confidence_slider_hides_and_shows(driver, tmp_path):
    G = sample_graph()
    sanction = edge_index(G, FRANCE.id, RUSSIA.id, "sanction")
    attrs = G.edges[FRANCE.id, RUSSIA.id, "sanction"]
    attrs["confidence"] = 0.3
    for item in attrs["evidence"]:
        item["confidence"] = 0.3
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    n, m = G.number_of_nodes(), G.number_of_edges()
    assert visible(driver) == (n, m)

    def slide(value: str) -> None:
        driver.execute_script(
            "var box = document.getElementById('min-confidence'); box.value = arguments[0];"
            "box.dispatchEvent(new Event('input'));",
            value,
        )

    slide("0.5")
    assert sanction not in driver.execute_script("return network.body.edgeIndices")
    assert visible(driver) == (n, m - 1)
    shown = driver.execute_script("return document.getElementById('min-confidence-value').value")
    assert shown == "0.50"
    slide("0.3")  # at the threshold: kept
    assert visible(driver) == (n, m)
    slide("1")  # every other edge carries 1.0 (made by hand), so only the 0.3 one goes
    assert visible(driver) == (n, m - 1)
    driver.find_element("id", "reset").click()
    assert visible(driver) == (n, m)

    click_edge(driver, sanction)
    assert "confidence 0.30" in panel_text(driver)
    assert_clean(driver, path)


def test_side_panel_lists_evidence(driver, tmp_path):
    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)

    china = node_index(G, CHINA.id)
    click_node(driver, china)
    text = panel_text(driver)
    for u, v, attrs in G.edges(data=True):
        if CHINA.id in (u, v):
            for item in attrs["evidence"]:
                assert item["sentence"] in text
                assert item["doc"] in text and item["date"] in text
    assert "France condemned Russia's strikes." not in text
    assert f"Relations ({G.degree(CHINA.id)})" in text

    sanction = edge_index(G, FRANCE.id, RUSSIA.id, "sanction")
    click_edge(driver, sanction)
    text = panel_text(driver)
    assert "France imposed new sanctions on Russia." in text
    assert "c.txt" in text and "2024-09-10" in text
    assert "China launched" not in text

    # A name in the panel leads to that actor.
    driver.execute_script(
        "Array.from(document.querySelectorAll('#panel-body .actor'))"
        ".find(function (b) { return b.textContent === 'Russia'; }).click()"
    )
    russia = node_index(G, RUSSIA.id)
    wait_for(driver, f"return network.getSelectedNodes()[0] === {russia}", 5)
    assert_clean(driver, path)


# -- (4) screenshots ------------------------------------------------------------------


def _screenshot(driver, path: Path, name: str) -> Path:
    open_map(driver, path)
    time.sleep(0.3)  # let the final frame reach the screen
    target = artifacts_dir() / name
    assert driver.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
    return target


def test_screenshot_sample_map(driver, tmp_path):
    path = html.write_html(sample_graph(), tmp_path / "map.html", title="graphbuild sample")
    _screenshot(driver, path, "map-sample.png")
    assert_clean(driver, path)


@pytest.mark.model
def test_screenshot_example_articles(driver, tmp_path):
    from graphbuild.nlp import ModelNotFoundError
    from graphbuild.pipeline import build

    try:
        result = build(
            REPO / "examples" / "articles",
            tmp_path / "out",
            formats=("html",),
            cache=False,
            title="graphbuild: examples/articles",
        )
    except ModelNotFoundError as error:
        pytest.skip(f"spaCy model missing: {error}")
    path = Path(result.paths["html"])
    _screenshot(driver, path, "map-examples.png")
    n, m = result.graph.number_of_nodes(), result.graph.number_of_edges()
    assert visible(driver) == (n, m)
    assert_clean(driver, path)
