"""Hand-made graphs for the HTML map tests: no spaCy model needed.

`sample_graph` is a small, friendly corpus; `hostile_graph` carries script payloads in
every piece of text that reaches the page; `random_graph` is for size and speed.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

import networkx as nx

from graphbuild.graph import build_graph
from graphbuild.labels import LABELS
from graphbuild.model import Entity, EntityType, Extraction, Mention, Relation

CHROMEDRIVER = Path("/usr/bin/chromedriver")

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">click</a>',
    "</script><script>window.__pwned=1</script>",
    "javascript:window.__pwned=1",
    "\"'><svg onload=window.__pwned=1>",
)
"""Text that would run as script if any part of the page treated data as HTML."""

CHINA = Entity("country:CHN", "China", EntityType.COUNTRY)
RUSSIA = Entity("country:RUS", "Russia", EntityType.COUNTRY)
FRANCE = Entity("country:FRA", "France", EntityType.COUNTRY)
XI = Entity("leader:xi-jinping", "Xi Jinping", EntityType.LEADER, "China", "President")
MACRON = Entity("leader:emmanuel-macron", "Emmanuel Macron", EntityType.LEADER, "France")
SCO = Entity("org:SCO", "Shanghai Cooperation Organisation", EntityType.ORGANIZATION)
BRI = Entity("initiative:bri", "Belt and Road Initiative", EntityType.INITIATIVE, "China")


def _relation(subject, label, obj, doc, sentence, date, **extra) -> Relation:
    return Relation(
        subject, label, obj, doc=doc, sentence=sentence, start=0, end=len(sentence),
        date=date, rule="test", **extra,
    )  # fmt: skip


SAMPLE = {
    ("a.txt", "2024-05-06"): [
        (XI, "consult", MACRON, "Xi Jinping met Emmanuel Macron in Paris."),
        (CHINA, "agree", FRANCE, "China and France signed 18 agreements."),
        (XI, "official_of", CHINA, "Chinese President Xi Jinping arrived."),
        (MACRON, "official_of", FRANCE, "French President Emmanuel Macron spoke."),
    ],
    ("b.txt", "2024-07-03"): [
        (CHINA, "member_of", SCO, "China is a founding member of the SCO."),
        (RUSSIA, "member_of", SCO, "Russia and China lead the SCO."),
        (CHINA, "cooperate", RUSSIA, "China and Russia deepened trade ties."),
        (FRANCE, "accuse", RUSSIA, "France condemned Russia's strikes."),
    ],
    ("c.txt", "2024-09-10"): [
        (CHINA, "sponsors", BRI, "China launched the Belt and Road Initiative."),
        (RUSSIA, "participates_in", BRI, "Russia joined the Belt and Road forum."),
        (FRANCE, "sanction", RUSSIA, "France imposed new sanctions on Russia."),
        (CHINA, "cooperate", RUSSIA, "China and Russia pledged cooperation."),
    ],
}
"""Three short documents, (doc, date) -> (subject, label, object, sentence) rows."""

SAMPLE_MENTIONS = {
    "a.txt": (Mention(XI, "Xi", 0, 2), Mention(XI, "President Xi", 0, 12)),
    "b.txt": (Mention(SCO, "SCO", 0, 3),),
    "c.txt": (Mention(BRI, "BRI", 0, 3),),
}


def sample_extractions() -> list[Extraction]:
    """Seven actors and every kind of relation, from `SAMPLE`."""
    return [
        Extraction(
            doc,
            date,
            tuple(_relation(s, label, o, doc, text, date) for s, label, o, text in rows),
            SAMPLE_MENTIONS[doc],
        )
        for (doc, date), rows in SAMPLE.items()
    ]


def sample_graph() -> nx.MultiDiGraph:
    return build_graph(sample_extractions())


def hostile_graph() -> nx.MultiDiGraph:
    """Actors, aliases, roles, documents and evidence all made of script payloads."""
    villains = [
        Entity(
            f"leader:payload-{i}",
            f"Dr {payload} \"Q\" <b>'O'</b>",
            EntityType.LEADER,
            country=payload,
            role=payload,
        )
        for i, payload in enumerate(PAYLOADS)
    ]
    org = Entity("org:<script>window.__pwned=1</script>", PAYLOADS[1], EntityType.ORGANIZATION)
    relations = []
    for i, villain in enumerate(villains):
        payload = PAYLOADS[i]
        relations.append(
            _relation(
                villain,
                "threaten",
                CHINA,
                f"{payload}.txt",
                f"{villain.name} threatened China. {payload} </script>",
                "2024-01-0" + str(i + 1),
            )
        )
        relations.append(
            _relation(
                villain, "official_of", org, payload, f"<{payload}> & </script>", "2024-02-01"
            )
        )
    mentions = tuple(Mention(v, PAYLOADS[i], 0, 1) for i, v in enumerate(villains))
    return build_graph([Extraction(PAYLOADS[0], "2024-01-01", tuple(relations), mentions)])


def random_graph(nodes: int, *, edges_per_node: float = 2.5, seed: int = 1) -> nx.MultiDiGraph:
    """A map-shaped random graph: `nodes` actors, about `edges_per_node * nodes` edges.

    Preferential attachment gives the few hubs and many leaves of news graphs; every
    actor has at least one relation.
    """
    rng = random.Random(seed)
    types = ["country", "leader", "organization", "initiative"]
    labels = list(LABELS.values())
    graph = nx.MultiDiGraph(documents=nodes // 2)
    for i in range(nodes):
        graph.add_node(
            f"n{i}",
            label=f"Actor {i}",
            type=types[i % 4],
            country=None,
            role=None,
            mentions=1,
            first_seen=None,
            last_seen=None,
            aliases=[f"alias {i}"],
        )
    targets = ["n0"]
    wanted = int(nodes * edges_per_node)
    made = 0  # number_of_edges() walks every node: far too slow to call in this loop
    while made < wanted:
        # Each actor joins once (as build_graph's graphs have no isolated actors), then
        # random actors add the rest.
        u = f"n{made + 1}" if made + 1 < nodes else f"n{rng.randrange(nodes)}"
        v = rng.choice(targets)
        label = rng.choice(labels)
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
            documents=[f"doc{rng.randrange(nodes)}.txt"],
            evidence=[
                {
                    "sentence": f"Actor {u} and actor {v}.",
                    "doc": "d.txt",
                    "date": date,
                    "start": 0,
                    "end": 10,
                    "rule": "random",
                }
            ],
        )
        made += 1
        targets.extend((u, v))
    return graph


def chrome_driver(user_data_dir: Path | None = None, *, log_requests: bool = True):
    """Headless Debian chromium through selenium, cut off from every network.

    `log_requests` keeps the performance log that `page_requests` reads (the HTML
    benchmark turns it off, as logging every event costs time)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = user_data_dir or Path(tempfile.mkdtemp(prefix="graphbuild-chrome-"))
    options = webdriver.ChromeOptions()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        # No shell here: the value goes without the quotes a command line would need.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--window-size=1400,900",
    ):
        options.add_argument(argument)
    if log_requests:
        # The performance log lists every request the page makes (see `page_requests`).
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    chromium = shutil.which("chromium")
    if chromium:
        options.binary_location = chromium
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def page_requests(driver, page: str) -> list[str]:
    """URLs that `page` (or its navigation) requested, from the performance log.

    Reading the log empties it. Requests of other documents (the new-tab page Chromium
    opens first) are left out.
    """
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        params = message["params"]
        if params.get("documentURL") == page:
            urls.append(params["request"]["url"])
    return urls
