"""The HTML map in a real browser: headless Debian chromium, driven by selenium.

Needs ``apt-get install -y chromium chromium-driver``; the module is skipped without
/usr/bin/chromedriver. The browser runs with every host name unresolvable, and each test
checks that the page requested nothing but itself (and the blobs it downloads), raised no
error, broke no rule of its Content-Security-Policy and never set the payload canary.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import networkx as nx
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

INKED = """
var canvas = document.getElementById("map");
var pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
var inked = 0;
for (var i = 0; i < pixels.length; i += 4) if (pixels[i] < 250 || pixels[i + 2] < 250) inked += 1;
return inked;
"""


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(tmp_path_factory, downloads):
    pytest.importorskip("selenium")
    browser = chrome_driver(tmp_path_factory.mktemp("chrome-profile"))
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    yield browser
    browser.quit()


def wait_for(driver, script: str, timeout: float = 30.0, *args):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script(script, *args)
    )


def open_map(driver, path: Path, fragment: str = "") -> None:
    driver.get("about:blank")
    driver.get_log("performance")  # forget earlier pages' requests
    driver.get(path.as_uri() + fragment)
    wait_for(driver, "return !!(window.graphbuildMap && graphbuildMap.ready)")


def assert_clean(driver, path: Path) -> None:
    """Nothing ran that should not have, and nothing was fetched but the page."""
    state = driver.execute_script(
        "return [window.__pwned, window.__cspViolations, window.__errors,"
        " document.scripts.length,"
        " document.querySelectorAll('img, svg, iframe, object, embed, a, b').length]"
    )
    assert state == [None, [], [], 2, 0]
    requests = page_requests(driver, path.as_uri())
    assert path.as_uri() in {url.split("#")[0] for url in requests}
    others = {url.split("#")[0] for url in requests if not url.startswith(("blob:", "data:"))}
    assert others == {path.as_uri()}


def run(driver, script: str, *args):
    return driver.execute_script("var map = window.graphbuildMap;" + script, *args)


def drawn(driver) -> tuple[int, int]:
    counts = run(driver, "return map.drawn()")
    return counts["nodes"], counts["edges"]


def node_index(G, key) -> int:
    return list(G.nodes).index(key)


def click_at(driver, x: float, y: float, *, shift: bool = False, hover_only: bool = False):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    canvas = driver.find_element(By.ID, "map")
    size = canvas.size
    actions = ActionChains(driver).move_to_element_with_offset(
        canvas, round(x - size["width"] / 2), round(y - size["height"] / 2)
    )
    if hover_only:
        actions.perform()
        return
    if shift:
        actions.key_down(Keys.SHIFT).click().key_up(Keys.SHIFT)
    else:
        actions.click()
    actions.perform()


def node_point(driver, i: int) -> tuple[float, float]:
    x, y = run(driver, "return map.screenOf(arguments[0])", i)
    assert run(driver, "return map.nodeAt(arguments[0], arguments[1])", x, y) == i
    return x, y


def click_node(driver, i: int, *, shift: bool = False) -> None:
    click_at(driver, *node_point(driver, i), shift=shift)


def edge_point(driver, j: int) -> tuple[float, float]:
    """A point on relation j where a click hits it and no node."""
    point = run(
        driver,
        "var j = arguments[0], p = map.edgeMidpoint(j);"
        "for (var d = 0; d < 40; d += 2) { var q = [p[0] + d, p[1]];"
        " if (map.nodeAt(q[0], q[1]) < 0 && map.edgeAt(q[0], q[1]) === j) return q;"
        " q = [p[0], p[1] + d];"
        " if (map.nodeAt(q[0], q[1]) < 0 && map.edgeAt(q[0], q[1]) === j) return q; }"
        "return null;",
        j,
    )
    assert point, f"no free point on relation {j}"
    return point[0], point[1]


def blank_point(driver) -> tuple[float, float]:
    point = run(
        driver,
        "var c = document.getElementById('map');"
        "for (var y = 10; y < c.clientHeight; y += 20)"
        " for (var x = 10; x < c.clientWidth; x += 20)"
        " if (map.nodeAt(x, y) < 0 && map.edgeAt(x, y) < 0) return [x, y];"
        "return null;",
    )
    assert point
    return point[0], point[1]


def panel_text(driver) -> str:
    return driver.execute_script("return document.getElementById('panel-body').textContent")


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("GRAPHBUILD_ARTIFACTS") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def expected_edges(G, first: str, last: str, *, keep_undated: bool = True) -> int:
    """Relations of the map (symmetric pairs once) with evidence in [first, last]."""
    data = html.map_data(G)
    days = data["days"]
    return sum(
        1
        for r in data["relations"]
        if any(first <= days[d][:7] <= last for d, _ in r["days"])
        or (keep_undated and r["undated"])
    )


# -- drawing ----------------------------------------------------------------------------


@pytest.mark.parametrize("graph", ["sample", "random"])
def test_draws_every_node_and_edge(driver, tmp_path, graph):
    G = sample_graph() if graph == "sample" else random_graph(400)
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    n, m = G.number_of_nodes(), len(html.map_data(G)["relations"])
    assert drawn(driver) == (n, m)
    assert driver.execute_script(INKED) > 1000, "the canvas is blank"
    status = driver.execute_script("return document.getElementById('status').textContent")
    assert status == f"Showing {n:,} of {n:,} actors, {m:,} of {m:,} relations"
    assert driver.execute_script("return document.body.dataset.state") == "ready"
    assert_clean(driver, path)


def test_empty_map_says_why(driver, tmp_path):
    G = nx.MultiDiGraph(documents=5, undated_documents=5, filters={"since": "2025-01-01"})
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    box = driver.find_element("id", "empty")
    assert box.is_displayed()
    text = box.text
    assert text.startswith("Nothing to draw")
    assert "5 documents had no date" in text and "since 2025-01-01" in text
    assert "Laying out" not in driver.find_element("id", "status").text
    assert_clean(driver, path)


# -- script in the data never runs ------------------------------------------------


def test_script_payloads_never_run(driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = hostile_graph()
    title = PAYLOADS[3]
    path = html.write_html(G, tmp_path / "map.html", title=title, summary={PAYLOADS[1]: title})
    open_map(driver, path)
    assert driver.find_element(By.ID, "title").get_property("textContent") == title
    assert PAYLOADS[1] in driver.find_element(By.ID, "summary").get_property("textContent")

    box = driver.find_element(By.ID, "search")
    box.send_keys("<script>")
    hits = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results button'))"
        ".map(function (b) { return b.textContent; })"
    )
    assert hits and "<script>" in hits[0]  # punctuation aside: "javascript" matches too
    box.send_keys(Keys.ENTER)
    wait_for(driver, "return graphbuildMap.state.focus >= 0", 5)
    run(driver, "map.back(); map.fit();")

    for i, key in enumerate(G.nodes):
        click_at(driver, *blank_point(driver), hover_only=True)
        click_at(driver, *node_point(driver, i), hover_only=True)
        label = G.nodes[key]["label"]
        text, children = wait_for(
            driver,
            "var t = document.getElementById('tooltip');"
            "return !t.hidden && t.textContent.indexOf(arguments[0]) === 0"
            " && [t.textContent, t.children.length];",
            5,
            label,
        )
        assert children == 0
        click_node(driver, i)
        wait_for(driver, f"return document.getElementById('panel-body').dataset.node === '{i}'")
        assert label in panel_text(driver)
        run(driver, "map.back(); map.fit();")

    for j in range(len(html.map_data(G)["relations"])):
        click_at(driver, *edge_point(driver, j))
        wait_for(driver, f"return document.getElementById('panel-body').dataset.edge === '{j}'")
        r = run(driver, "return map.data.relations[arguments[0]]", j)
        # How the relation changed: a chart of its evidence per period.
        assert run(driver, "return !!document.querySelector('#panel-body canvas.dyad-chart')")
        for item in r["evidence"]:
            assert item["sentence"] in panel_text(driver)
            assert item["doc"] in panel_text(driver)
    assert_clean(driver, path)


def test_canary_stays_unset_through_every_feature(driver, tmp_path, downloads):
    G = hostile_graph()
    path = html.write_html(G, tmp_path / "map.html", title=PAYLOADS[0])
    open_map(driver, path)
    n = G.number_of_nodes()
    for i in range(n):
        run(driver, "map.focusActor(arguments[0])", i)
        run(driver, "map.showDyad(arguments[0], arguments[1])", i, (i + 1) % n)
    run(driver, "map.setRange(0, 0); map.step(); map.downloadCSV(); map.downloadPNG();")
    fragment = "#" + run(driver, "return map.hashOf()")
    assert "focus=" in fragment
    open_map(driver, path, fragment)
    assert run(driver, "return map.hashOf()") == fragment[1:]
    assert_clean(driver, path)


# -- search ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("president xi", XI), ("Chnia", CHINA), ("rusia", RUSSIA), ("frnace", FRANCE),
     ("Emanuel Macron", MACRON), ("Shanghai cooperation", None)],
)  # fmt: skip
def test_search_forgives_typos_and_finds_aliases(driver, tmp_path, typed, expected):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    box = driver.find_element(By.ID, "search")
    box.send_keys(typed)
    first = driver.find_element(By.CSS_SELECTOR, "#search-results button").text
    expected_label = expected.name if expected else "Shanghai Cooperation Organisation"
    assert first == expected_label
    box.send_keys(Keys.ENTER)
    assert driver.find_element(By.CSS_SELECTOR, "#panel-body h2").text == expected_label
    assert_clean(driver, path)


# -- focus -------------------------------------------------------------------------------


def test_focus_hides_non_neighbours_and_back_restores(driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    everything = drawn(driver)
    macron = node_index(G, MACRON.id)
    click_node(driver, macron)
    one_step = {macron} | {node_index(G, k) for k in nx.all_neighbors(G, MACRON.id)}
    assert set(run(driver, "return map.drawnNodes()")) == one_step
    assert set(run(driver, "return map.fadedNodes()")) == set(range(len(G))) - one_step
    # Hidden rather than faded, on the switch.
    driver.find_element(By.ID, "hide-rest").click()
    assert run(driver, "return map.fadedNodes()") == []
    assert drawn(driver)[0] == len(one_step)
    # Two steps: the neighbours' neighbours too.
    driver.find_element(By.ID, "hops-2").click()
    two_steps = set(one_step)
    for k in list(one_step):
        key = list(G.nodes)[k]
        two_steps |= {node_index(G, n) for n in nx.all_neighbors(G, key)}
    assert set(run(driver, "return map.drawnNodes()")) == two_steps
    # One click on the background goes back.
    click_at(driver, *blank_point(driver))
    assert drawn(driver) == everything
    assert run(driver, "return map.state.focus") == -1
    assert not driver.find_element(By.ID, "panel").is_displayed()
    # And so does Escape.
    click_node(driver, macron)
    assert drawn(driver) != everything
    driver.find_element(By.ID, "map").send_keys(Keys.ESCAPE)
    assert drawn(driver) == everything
    assert_clean(driver, path)


def test_panel_splits_what_an_actor_did_and_what_was_done_to_it(driver, tmp_path):
    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    click_node(driver, node_index(G, RUSSIA.id))
    parts = run(
        driver,
        "return Array.from(document.querySelectorAll('#panel-body section.part')).map("
        "function (s) { return [s.querySelector('h3').textContent,"
        " Array.from(s.querySelectorAll('h4')).map(function (h) { return h.textContent; })]; })",
    )
    assert [p[0] for p in parts] == [
        "What Russia did (1 relation, 2 mentions)",
        "What was done to Russia (2 relations, 2 mentions)",
        "Structural (2 relations, 2 mentions)",
    ]
    assert parts[0][1] == ["cooperate \u00b7 1 relation, 2 mentions"]
    # Newest first: the September sanction before the July accusation.
    assert parts[1][1] == [
        "sanction \u00b7 1 relation, 1 mention",
        "accuse \u00b7 1 relation, 1 mention",
    ]
    assert parts[2][1] == [
        "participates_in \u00b7 1 relation, 1 mention",
        "member_of \u00b7 1 relation, 1 mention",
    ]
    text = panel_text(driver)
    assert text.index("China and Russia pledged cooperation.") < text.index(
        "China and Russia deepened trade ties."
    )
    # A name in the panel leads to that actor.
    run(driver, "Array.from(document.querySelectorAll('#panel-body .actor'))"
        ".find(function (b) { return b.textContent === 'France'; }).click()")  # fmt: skip
    assert run(driver, "return map.state.focus") == node_index(G, FRANCE.id)
    assert_clean(driver, path)


# -- time --------------------------------------------------------------------------------


def _with_undated(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    G.add_edge(CHINA.id, FRANCE.id, key="praise", relation="praise",
               quad_class="verbal_cooperation", count=1, documents=["d.txt"],
               evidence=[{"sentence": "China praised France.", "doc": "d.txt",
                          "date": None}])  # fmt: skip
    return G


def test_brush_changes_the_drawn_edge_count(driver, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = _with_undated(sample_graph())
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path, "#per=month")
    labels = run(driver, "return map.data.periods.month.labels")
    assert labels == ["2024-05", "2024-06", "2024-07", "2024-08", "2024-09"]
    m = len(html.map_data(G)["relations"])
    assert drawn(driver)[1] == m
    assert "1 undated mention" in driver.find_element(By.ID, "undated-note").text

    # The keyboard slider: from September on.
    start = driver.find_element(By.ID, "time-from")
    for _ in range(4):
        start.send_keys(Keys.ARROW_RIGHT)
    assert run(driver, "return [map.state.from, map.state.to]") == [4, 4]
    assert drawn(driver)[1] == expected_edges(G, "2024-09", "2024-09") == 5
    driver.find_element(By.ID, "keep-undated").click()
    assert drawn(driver)[1] == expected_edges(G, "2024-09", "2024-09", keep_undated=False) == 4

    # The brush: drag over the first two months on the chart.
    chart = driver.find_element(By.ID, "timeline-chart")
    width = chart.size["width"]
    bar = width / len(labels)
    left = -width / 2
    ActionChains(driver).move_to_element_with_offset(chart, round(left + bar * 0.5), 0)\
        .click_and_hold().move_by_offset(round(bar), 0).release().perform()  # fmt: skip
    assert run(driver, "return [map.state.from, map.state.to]") == [0, 1]
    assert drawn(driver)[1] == expected_edges(G, "2024-05", "2024-06", keep_undated=False) == 4
    # Play steps the window on, one period at a time.
    run(driver, "map.step()")
    assert run(driver, "return [map.state.from, map.state.to]") == [1, 2]
    assert drawn(driver)[1] == expected_edges(G, "2024-06", "2024-07", keep_undated=False)
    driver.find_element(By.ID, "play").click()
    wait_for(driver, "return document.getElementById('play').textContent === 'Play'", 10)
    assert run(driver, "return map.state.to") == 4
    assert_clean(driver, path)


# -- dyads -------------------------------------------------------------------------------


def test_dyad_panel_lists_the_right_evidence(driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    france, russia = node_index(G, FRANCE.id), node_index(G, RUSSIA.id)
    click_node(driver, france)
    click_node(driver, russia, shift=True)
    assert driver.find_element(By.CSS_SELECTOR, "#panel-body h2").text == "France and Russia"
    assert set(run(driver, "return map.drawnNodes()")) == {france, russia}
    sentences = run(
        driver,
        "return Array.from(document.querySelectorAll('#panel-body ol.evidence .sentence'))"
        ".map(function (s) { return s.textContent; })",
    )
    assert sentences == [
        "France imposed new sanctions on Russia.",
        "France condemned Russia's strikes.",
    ]
    periods = run(driver, "return Array.from(document.querySelectorAll('#panel-body h4'))"
                  ".map(function (h) { return h.textContent; })")  # fmt: skip
    assert periods == ["2024-09", "2024-07"]
    inked = run(
        driver,
        "var c = document.querySelector('#panel-body canvas.dyad-chart');"
        "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
        "for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n += 1; return n;",
    )
    assert inked > 100
    # The same pair chosen by name from the actor panel.
    run(driver, "map.back()")
    click_node(driver, node_index(G, CHINA.id))
    box = driver.find_element(By.ID, "dyad-search")
    box.send_keys("Rusia")
    box.send_keys(Keys.ENTER)
    assert driver.find_element(By.CSS_SELECTOR, "#panel-body h2").text == "China and Russia"
    text = panel_text(driver)
    assert "China and Russia pledged cooperation." in text and "France" not in text
    assert_clean(driver, path)


# -- sharing -----------------------------------------------------------------------------


def test_url_state_round_trips(driver, tmp_path):
    from selenium.webdriver.common.by import By

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path, "#per=month")
    click_node(driver, node_index(G, FRANCE.id))
    driver.find_element(By.ID, "hops-2").click()
    driver.find_element(By.ID, "hide-structural").click()
    driver.find_element(By.ID, "color-community").click()
    driver.find_element(By.CSS_SELECTOR, "input[data-filter=type][value=initiative]").click()
    run(driver, "map.setRange(1, 3)")
    state_js = (
        "var s = map.state; return [s.focus, s.other, s.hops, s.hideStructural, s.colorBy,"
        " Array.from(s.types).sort(), s.gran, s.from, s.to, map.drawnNodes(), map.drawnEdges()]"
    )
    before = run(driver, state_js)
    # The page writes its URL a moment after the last change.
    url = wait_for(
        driver, "return location.hash.slice(1) === graphbuildMap.hashOf() && location.href"
    )
    assert "#" in url and "focus=country%3AFRA" in url
    open_map(driver, path, "#" + url.split("#", 1)[1])
    assert run(driver, state_js) == before
    assert driver.current_url == url
    assert driver.find_element(By.ID, "hops-2").is_selected()
    assert driver.find_element(By.CSS_SELECTOR, "#panel-body h2").text == "France"
    # A pair travels too.
    run(driver, "map.showDyad(arguments[0], arguments[1])", node_index(G, FRANCE.id),
        node_index(G, RUSSIA.id))  # fmt: skip
    url = wait_for(driver, "return location.hash.indexOf('with=') > 0 && location.href")
    open_map(driver, path, "#" + url.split("#", 1)[1])
    assert driver.find_element(By.CSS_SELECTOR, "#panel-body h2").text == "France and Russia"
    # A fragment edited by hand is followed too.
    driver.execute_script("location.hash = '#focus=' + encodeURIComponent(arguments[0])", XI.id)
    wait_for(driver, f"return graphbuildMap.state.focus === {node_index(G, XI.id)}", 5)
    assert driver.find_element(By.CSS_SELECTOR, "#panel-body h2").text == "Xi Jinping"
    assert_clean(driver, path)


def _wait_for_file(folder: Path, name: str) -> Path:
    target = folder / name
    for _ in range(100):
        if target.exists() and target.stat().st_size and not list(folder.glob("*.crdownload")):
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded: {sorted(p.name for p in folder.iterdir())}")


def test_png_and_csv_downloads(driver, tmp_path, downloads):
    from selenium.webdriver.common.by import By

    G = sample_graph()
    G.nodes[FRANCE.id]["label"] = "=HYPERLINK(1)"
    path = html.write_html(G, tmp_path / "map.html", title="Downloads test")
    open_map(driver, path)
    click_node(driver, node_index(G, RUSSIA.id))
    driver.find_element(By.ID, "download-png").click()
    png = _wait_for_file(downloads, "Downloads-test.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    driver.find_element(By.ID, "download-csv").click()
    csv_file = _wait_for_file(downloads, "Downloads-test.csv")
    text = csv_file.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].startswith("source,source_label,target,target_label,relation,quad_class")
    rows = [line for line in lines[1:] if line]
    # The relations in view: Russia's neighbourhood.
    shown = run(
        driver,
        "return map.drawnEdges().map(function (j) { var r = map.data.relations[j];"
        " return [map.data.actors[r.from].key, map.data.actors[r.to].key, r.relation]; })",
    )
    assert len(rows) == len(shown) == drawn(driver)[1]
    assert {tuple(row.split(",")[i] for i in (0, 2, 4)) for row in rows} == {
        (u, v, label) if not u.startswith("=") else ("'" + u, v, label) for u, v, label in shown
    }
    assert any(",country:RUS," in row for row in rows)
    assert any(",'=HYPERLINK(1)," in row for row in rows)
    assert_clean(driver, path)


@pytest.mark.parametrize(
    "value", ["=1+1", "'@x", "'plain", "-7", "+x", "@sum", "\tx", "\rx", "plain", "a,b", 'q"q', ""]
)
def test_csv_cells_are_defused_as_the_csv_exports_are(driver, tmp_path, value):
    import csv
    import io

    from graphbuild.export.spreadsheet import cell

    path = html.write_html(sample_graph(), tmp_path / "map.html")
    if driver.current_url != path.as_uri():
        open_map(driver, path)
    written = run(driver, "return map.csvCell(arguments[0])", value)
    # As dyads.csv is written; a second column, as a lone empty field is written "".
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\r\n").writerow([cell(value), "end"])
    assert written + ",end\r\n" == expected.getvalue()


# -- readable ----------------------------------------------------------------------------


def _assert_no_overlap(boxes: list[dict], width: float, height: float) -> None:
    for k, a in enumerate(boxes):
        assert (
            0 <= a["x"] and a["x"] + a["w"] <= width and 0 <= a["y"] and a["y"] + a["h"] <= height
        )
        for b in boxes[k + 1 :]:
            apart = (
                a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
            )  # fmt: skip
            assert apart, (a, b)


def test_labels_do_not_overlap_at_fitted_view(driver, tmp_path):
    from selenium.webdriver.common.by import By

    G = random_graph(1500)
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    canvas = driver.find_element(By.ID, "map")
    width, height = canvas.size["width"], canvas.size["height"]
    boxes = run(driver, "return map.labelBoxes")
    assert 5 <= len(boxes) < G.number_of_nodes() / 4
    _assert_no_overlap(boxes, width, height)
    # The largest actors are the ones named (a few may yield to a larger neighbour's name).
    largest = run(
        driver,
        "var a = map.data.actors; return a.map(function (x, i) { return i; })"
        ".sort(function (x, y) { return a[y].size - a[x].size; }).slice(0, 10)",
    )
    named = {b["i"] for b in boxes}
    assert largest[0] in named and len(set(largest) & named) >= 6
    # Zoomed in, more names fit, and still none overlaps.
    canvas.send_keys("+++++")
    zoomed = run(driver, "map.draw(); return map.labelBoxes")
    _assert_no_overlap(zoomed, width, height)
    density = len(zoomed) / run(driver, "return map.camera.scale")
    assert density > len(boxes) / run(driver, "map.fit(); return map.camera.scale")
    assert_clean(driver, path)


def test_colour_switch_and_structural_switch(driver, tmp_path):
    from selenium.webdriver.common.by import By

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    structural = sum(1 for *_, q in G.edges(data="quad_class") if q == "structural")
    n, m = drawn(driver)
    driver.find_element(By.ID, "hide-structural").click()
    assert drawn(driver)[1] == m - structural
    driver.find_element(By.ID, "hide-structural").click()
    before = driver.execute_script(INKED)
    driver.find_element(By.ID, "color-community").click()
    assert driver.find_element(By.ID, "legend-communities").is_displayed()
    assert run(driver, "return map.state.colorBy") == "community"
    assert driver.execute_script(INKED) > 0 and before > 0
    assert_clean(driver, path)


def test_controls_are_reachable_by_keyboard(driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    reached = set()
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    for _ in range(60):
        reached.add(driver.execute_script("return document.activeElement.id"))
        driver.switch_to.active_element.send_keys(Keys.TAB)
    for wanted in ("search", "hide-structural", "fit", "download-png", "download-csv",
                   "reset", "map", "play", "time-from", "time-to", "keep-undated"):  # fmt: skip
        assert wanted in reached, wanted
    canvas = driver.find_element(By.ID, "map")
    scale = run(driver, "return map.camera.scale")
    canvas.send_keys("+")
    assert run(driver, "return map.camera.scale") > scale
    canvas.send_keys("0")
    assert run(driver, "return map.camera.scale") == pytest.approx(scale)
    assert_clean(driver, path)


def test_dragging_pans_without_clicking(driver, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    G = sample_graph()
    path = html.write_html(G, tmp_path / "map.html")
    open_map(driver, path)
    x, y = blank_point(driver)
    before = run(driver, "return [map.camera.x, map.camera.y, map.camera.scale]")
    click_at(driver, x, y, hover_only=True)
    canvas = driver.find_element(By.ID, "map")
    ActionChains(driver).click_and_hold().move_by_offset(120, 40).release().perform()
    after = run(driver, "return [map.camera.x, map.camera.y, map.camera.scale]")
    assert after[0] == pytest.approx(before[0] - 120 / before[2], abs=1 / before[2])
    assert after[1] == pytest.approx(before[1] - 40 / before[2], abs=1 / before[2])
    assert run(driver, "return map.state.focus") == -1
    assert canvas.is_displayed()
    assert_clean(driver, path)


# -- screenshots ------------------------------------------------------------------


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
    n = result.graph.number_of_nodes()
    assert drawn(driver) == (n, len(html.map_data(result.graph)["relations"]))
    assert_clean(driver, path)
