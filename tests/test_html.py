"""The HTML export: offline, deterministic, escaped, and usable in a real headless browser."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.errors import OutputError
from kg.export.browser import CHROMIUM, PageLog, launch_chromium, open_offline, wait_until_ready
from kg.export.html import edge_label, find_external_urls, graph_to_data, node_size, to_html, write_html
from kg.model import Evidence

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = (
    '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
    " \"quoted\" 'single' back\\slash\nnew line 🗳️ \u202eevil\u202c line\u2028sep & done"
)
HOSTILE_ALIAS = "<!-- <script>window.__pwned=1</script> -->"
HOSTILE_SENTENCE = f"Witnesses said {HOSTILE} met Jeenbekov."

DOC_A = "000-8b26930a0e35055d"
DOC_B = "002-c8dc84743294fa2c"
DOC_X = "003-hostile"
JEENBEKOV = "person/sooronbai-jeenbekov"
ATAMBAYEV = "person/almazbek-atambayev"
PARLIAMENT = "institution/supreme-council"
KYRGYZSTAN = "place/kyrgyzstan"
SDPK = "party/sdpk"
HOSTILE_NODE = "person/hostile"

SENTENCE_PRESIDENT = "Kyrgyz President Sooronbai Jeenbekov announced his resignation on Thursday."
SENTENCE_FORMER = "Former president Almazbek Atambayev was freed from prison by protesters."
SENTENCE_MEMBER = "Atambayev, a member of the Social Democratic Party of Kyrgyzstan, denied the charges."


def _node(graph: nx.MultiDiGraph, node_id: str, cls: str, label: str, aliases: tuple[str, ...] = ()) -> None:
    graph.add_node(node_id, cls=cls, label=label, aliases=aliases, mentions=3, documents=(DOC_A, DOC_B))


def _edge(
    graph: nx.MultiDiGraph,
    subject: str,
    obj: str,
    predicate: str,
    evidence: tuple[Evidence, ...],
    role: str | None = None,
    status: str | None = None,
    verb: str | None = None,
) -> None:
    key = "|".join(part for part in (predicate, role or verb, status) if part)
    graph.add_edge(
        subject,
        obj,
        key=key,
        predicate=predicate,
        role=role,
        status=status,
        verb=verb,
        confidence=max(ev.confidence for ev in evidence),
        evidence=tuple(sorted(evidence, key=lambda ev: (ev.doc_id, ev.sentence))),
        documents=tuple(sorted({ev.doc_id for ev in evidence})),
    )


def build_sample_graph(reverse: bool = False) -> nx.MultiDiGraph:
    """A small graph per docs/DESIGN.md, with one entity made of hostile text.

    `reverse` inserts everything in the opposite order, to show the output does not depend on it.
    """
    graph = nx.MultiDiGraph()
    graph.graph["base_iri"] = "https://example.org/kg/"
    graph.graph["documents"] = {
        DOC_A: {"identifier": "000_8b26930a0e35055d.txt", "title": "Kyrgyz president resigns", "date": "2020-10-15"},
        DOC_B: {"identifier": "002_c8dc84743294fa2c.txt", "title": None, "date": None},
        DOC_X: {"identifier": "003_hostile.txt", "title": HOSTILE, "date": None},
    }
    nodes = [
        (JEENBEKOV, "Person", "Sooronbai Jeenbekov", ("Jeenbekov",)),
        (ATAMBAYEV, "Person", "Almazbek Atambayev", ("Atambayev",)),
        (PARLIAMENT, "Institution", "Supreme Council", ("Jogorku Kenesh", "parliament")),
        (KYRGYZSTAN, "Place", "Kyrgyzstan", ("Kyrgyz Republic",)),
        (SDPK, "Party", "Social Democratic Party of Kyrgyzstan", ("SDPK",)),
        (HOSTILE_NODE, "Person", HOSTILE, (HOSTILE_ALIAS,)),
    ]
    edges: list[dict[str, Any]] = [
        {
            "subject": JEENBEKOV,
            "obj": KYRGYZSTAN,
            "predicate": "holdsPosition",
            "role": "President",
            "status": "current",
            "evidence": (Evidence(DOC_A, SENTENCE_PRESIDENT, 0.9, "title-before-name"),),
        },
        {
            "subject": ATAMBAYEV,
            "obj": KYRGYZSTAN,
            "predicate": "holdsPosition",
            "role": "President",
            "status": "former",
            "evidence": (Evidence(DOC_B, SENTENCE_FORMER, 0.85, "title-before-name"),),
        },
        {
            "subject": ATAMBAYEV,
            "obj": SDPK,
            "predicate": "memberOf",
            "evidence": (Evidence(DOC_B, SENTENCE_MEMBER, 0.8, "member-of-apposition"),),
        },
        {
            "subject": ATAMBAYEV,
            "obj": SDPK,
            "predicate": "leaderOf",
            "evidence": (Evidence(DOC_B, "Atambayev founded and led the SDPK.", 0.6, "led-verb"),),
        },
        {
            "subject": ATAMBAYEV,
            "obj": JEENBEKOV,
            "predicate": "opponentOf",
            "evidence": (
                Evidence(DOC_A, "Jeenbekov fell out with his predecessor Atambayev.", 0.7, "fell-out"),
                Evidence(DOC_B, "Atambayev accused Jeenbekov of corruption.", 0.65, "accuse-verb"),
            ),
        },
        {
            "subject": PARLIAMENT,
            "obj": KYRGYZSTAN,
            "predicate": "locatedIn",
            "evidence": (Evidence(DOC_A, "The Supreme Council of Kyrgyzstan met in Bishkek.", 0.75, "of-place"),),
        },
        {
            "subject": HOSTILE_NODE,
            "obj": JEENBEKOV,
            "predicate": "relatedTo",
            "verb": "meet",
            "evidence": (Evidence(DOC_X, HOSTILE_SENTENCE, 0.5, "svo"),),
        },
    ]
    for node_id, cls, label, aliases in reversed(nodes) if reverse else nodes:
        _node(graph, node_id, cls, label, aliases)
    for edge in reversed(edges) if reverse else edges:
        _edge(graph, **edge)
    return graph


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 0) -> nx.MultiDiGraph:
    """A deterministic random graph of the contract's shape, for the size/speed test."""
    rng = random.Random(seed)
    classes = ("Person", "Party", "Institution", "Place")
    graph = nx.MultiDiGraph()
    graph.graph["documents"] = {
        f"doc-{i:03d}": {"identifier": f"{i:03d}_synthetic.txt", "title": f"Article {i}", "date": None}
        for i in range(50)
    }
    for i in range(n_nodes):
        cls = classes[i % len(classes)]
        doc = f"doc-{rng.randrange(50):03d}"
        graph.add_node(
            f"{cls.lower()}/entity-{i}", cls=cls, label=f"Entity {i}", aliases=(), mentions=1, documents=(doc,)
        )
    node_ids = list(graph.nodes)
    # Preferential attachment, so there are hubs as in real news graphs.
    targets = node_ids[:10]
    for i in range(n_edges):
        subject = rng.choice(node_ids)
        obj = rng.choice(targets) if rng.random() < 0.5 else rng.choice(node_ids)
        targets.append(obj)
        doc = f"doc-{rng.randrange(50):03d}"
        evidence = (Evidence(doc, f"Sentence {i} links {subject} and {obj}.", 0.7, "synthetic"),)
        _edge(graph, subject, obj, "relatedTo", evidence, verb=f"verb{i % 7}")
    return graph


def _page_data(page_html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page_html, re.DOTALL)
    assert match, "the page has no kg-data block"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_sample_graph()


# ---------------------------------------------------------------------------------------------
# The file itself


def test_written_file_loads_nothing_from_outside(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_html(graph, path)
    page = path.read_text(encoding="utf-8")
    assert find_external_urls(page) == []
    # A crude second net beside the parser: no load attribute points at a scheme at all.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('<script src="https://cdn.example/vis.js"></script>', ["https://cdn.example/vis.js"]),
        ("<link rel=stylesheet href=//cdn.example/b.css>", ["//cdn.example/b.css"]),
        ('<link href="lib/tom-select.css" rel="stylesheet">', ["lib/tom-select.css"]),
        ("<style>@import url('http://fonts.example/f.css');</style>", ["http://fonts.example/f.css"]),
        ('<style>@import "http://fonts.example/g.css";</style>', ["http://fonts.example/g.css"]),
        ('<div style="background:url(https://x.example/a.png)"></div>', ["https://x.example/a.png"]),
        ("<script>fetch('https://api.example/q')</script>", ["https://api.example/q"]),
        ('<script>img.src = "http://track.example/p.gif";</script>', ["http://track.example/p.gif"]),
        ('<img src="data:image/png;base64,AAAA">', []),
        ('<link rel="icon" href="data:,"><a href="#top">top</a>', []),
        ("<script>var s = 'see https://example.org'; el.src = url;</script>", []),
        ('<script type="application/json">{"t":"fetch(\'https://x\')"}</script>', []),
        ("<script>f()\n//# sourceMappingURL=vis-network.min.js.map\n</script>", ["vis-network.min.js.map"]),
    ],
)
def test_find_external_urls_flags_load_sites_only(snippet: str, expected: list[str]) -> None:
    assert find_external_urls(snippet) == expected


def test_find_external_urls_catches_what_pyvis_itself_writes() -> None:
    # Why we render our own page: pyvis's "in_line" mode still links Bootstrap from a CDN.
    from pyvis.network import Network

    network = Network(cdn_resources="in_line", directed=True)
    network.add_node("a", label="a")
    urls = find_external_urls(network.generate_html())
    assert any("bootstrap" in url for url in urls)


def test_same_graph_gives_identical_bytes(graph: nx.MultiDiGraph) -> None:
    assert to_html(graph) == to_html(graph)
    assert to_html(graph) == to_html(build_sample_graph(reverse=True))


def test_bytes_do_not_depend_on_hash_seed_or_process() -> None:
    program = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]); import test_html; "
        "from kg.export.html import to_html; "
        "print(hashlib.sha256(to_html(test_html.build_sample_graph()).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", program, str(ROOT / "tests")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


def test_hostile_text_never_appears_as_markup(graph: nx.MultiDiGraph) -> None:
    page = to_html(graph)
    assert "<img" not in page
    assert "<script>window" not in page
    # "</script" is the only way out of a script element: it must close our three (the data
    # block, vis-network, the page script) and appear nowhere else.
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 3
    data_block = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert not set(data_block) & set("<>&")
    assert "<!--" not in page
    assert "\u2028" not in page
    assert "\u2029" not in page
    assert "\u202e" not in page


def test_data_block_round_trips_text_exactly(graph: nx.MultiDiGraph) -> None:
    data = _page_data(to_html(graph))
    nodes = {node["id"]: node for node in data["nodes"]}
    assert nodes[HOSTILE_NODE]["label"] == HOSTILE
    assert nodes[HOSTILE_NODE]["aliases"] == [HOSTILE_ALIAS]
    [hostile_edge] = [edge for edge in data["edges"] if edge["from"] == HOSTILE_NODE]
    assert hostile_edge["evidence"][0]["sentence"] == HOSTILE_SENTENCE
    assert hostile_edge["evidence"][0]["source"] == "003_hostile.txt"
    assert data["documents"][DOC_X]["title"] == HOSTILE


def test_page_data_follows_the_graph(graph: nx.MultiDiGraph) -> None:
    data = graph_to_data(graph)
    assert [node["id"] for node in data["nodes"]] == sorted(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    assert [cls["name"] for cls in data["classes"]] == ["Person", "Party", "Institution", "Place"]
    assert data["options"]["layout"]["randomSeed"] == data["options"]["layout"]["randomSeed"] is not None
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 300
    labels = {(edge["from"], edge["to"], edge["label"]) for edge in data["edges"]}
    assert (JEENBEKOV, KYRGYZSTAN, "holdsPosition: President") in labels
    assert (ATAMBAYEV, KYRGYZSTAN, "holdsPosition: President (former)") in labels
    # Two facts between the same pair are drawn apart.
    bends = [edge["bend"] for edge in data["edges"] if (edge["from"], edge["to"]) == (ATAMBAYEV, SDPK)]
    assert len(set(bends)) == 2


@pytest.mark.parametrize(
    ("attrs", "label"),
    [
        ({"predicate": "memberOf"}, "memberOf"),
        ({"predicate": "holdsPosition", "role": "President", "status": "current"}, "holdsPosition: President"),
        ({"predicate": "holdsPosition", "role": "President", "status": "former"}, "holdsPosition: President (former)"),
        (
            {"predicate": "holdsPosition", "role": "acting interior minister", "status": "acting"},
            "holdsPosition: acting interior minister",
        ),
        ({"predicate": "relatedTo", "verb": "storm"}, "relatedTo: storm"),
    ],
)
def test_edge_label_names_predicate_and_qualifier(attrs: dict[str, Any], label: str) -> None:
    assert edge_label(attrs) == label


def test_node_size_grows_with_degree_within_bounds() -> None:
    sizes = [node_size(degree) for degree in (0, 1, 5, 50, 5000)]
    assert sizes == sorted(sizes)
    assert sizes[0] > 0
    assert sizes[-1] == node_size(10_000)


def test_title_counts_entities_and_facts(graph: nx.MultiDiGraph) -> None:
    assert "<title>kg — 6 entities, 7 facts</title>" in to_html(graph)


def test_plain_tuple_evidence_is_accepted(graph: nx.MultiDiGraph) -> None:
    for _, _, attrs in graph.edges(data=True):
        attrs["evidence"] = tuple(tuple(ev) for ev in attrs["evidence"])
    assert to_html(graph) == to_html(build_sample_graph())


def test_write_html_replaces_the_file_atomically(
    graph: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "graph.html"
    path.write_text("old", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.export.html.os.replace", fail)
    with pytest.raises(OutputError, match=r"cannot write .*graph\.html: No space left on device"):
        write_html(graph, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]

    monkeypatch.undo()
    write_html(graph, path)
    assert path.read_text(encoding="utf-8") == to_html(graph)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


# ---------------------------------------------------------------------------------------------
# In a real browser, offline


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(build_sample_graph(), path)
    return path


@pytest.fixture
def page(browser: Any, sample_path: Path) -> Iterator[tuple[Any, PageLog]]:
    page, log = open_offline(browser, sample_path)
    wait_until_ready(page, timeout_ms=10_000)
    yield page, log
    assert log.problems() == []
    page.context.close()


def _click_node(page: Any, node_id: str) -> None:
    """A real mouse click on the node where vis-network drew it."""
    point = page.evaluate(
        """(id) => {
            const net = window.kgNetwork;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        node_id,
    )
    page.mouse.click(point["x"], point["y"])


def _panel_text(page: Any) -> str:
    text: str = page.locator("#kg-panel").inner_text()
    return text


@pytest.mark.browser
def test_page_opens_offline_without_errors_and_draws_every_entity(page: tuple[Any, PageLog]) -> None:
    tab, log = page
    graph = build_sample_graph()
    assert tab.evaluate("window.kgNetwork.body.data.nodes.length") == graph.number_of_nodes()
    assert tab.evaluate("window.kgNetwork.body.data.edges.length") == graph.number_of_edges()
    assert tab.title() == "kg — 6 entities, 7 facts"
    assert log.problems() == []


@pytest.mark.browser
def test_layout_settles_within_ten_seconds_and_physics_stops(browser: Any, sample_path: Path) -> None:
    # The 10 s is a bound on waiting for a capped stabilisation of a small graph (a hang
    # detector); the measured time is in the README, from scripts/bench_html.py.
    tab, log = open_offline(browser, sample_path)
    wait_until_ready(tab, timeout_ms=10_000)
    assert tab.evaluate("window.kgNetwork.physics.options.enabled") is False
    positions = tab.evaluate("window.kgNetwork.getPositions()")
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.kgNetwork.getPositions()") == positions
    assert log.problems() == []
    tab.context.close()
    # Seeded layout: the next analyst to open the file sees the same picture.
    again, _ = open_offline(browser, sample_path)
    wait_until_ready(again, timeout_ms=10_000)
    assert again.evaluate("window.kgNetwork.getPositions()") == positions
    again.context.close()


@pytest.mark.browser
def test_search_by_alias_selects_and_focuses_the_node(page: tuple[Any, PageLog]) -> None:
    tab, _ = page
    tab.fill("#kg-search", "jogorku KENESH")
    tab.press("#kg-search", "Enter")
    assert tab.evaluate("window.kgNetwork.getSelectedNodes()") == [PARLIAMENT]
    assert tab.locator("#kg-panel h2").inner_text() == "Supreme Council"
    # The view ends centred on the node once the short focus animation is over.
    tab.wait_for_function(
        """(id) => {
            const net = window.kgNetwork;
            const node = net.getPositions([id])[id];
            const view = net.getViewPosition();
            return Math.abs(node.x - view.x) < 1 && Math.abs(node.y - view.y) < 1;
        }""",
        arg=PARLIAMENT,
        timeout=3_000,
    )


@pytest.mark.browser
def test_clicking_a_node_shows_its_facts_and_evidence(page: tuple[Any, PageLog]) -> None:
    tab, _ = page
    _click_node(tab, ATAMBAYEV)
    assert tab.evaluate("window.kgNetwork.getSelectedNodes()") == [ATAMBAYEV]
    text = _panel_text(tab)
    assert "Almazbek Atambayev" in text
    assert "Atambayev" in text  # alias
    for sentence in (SENTENCE_FORMER, SENTENCE_MEMBER, "Atambayev accused Jeenbekov of corruption."):
        assert sentence in text
    assert "002_c8dc84743294fa2c.txt · confidence 0.85 · title-before-name" in text
    assert "holdsPosition: President (former)" in text


@pytest.mark.browser
def test_clicking_an_edge_shows_its_evidence(page: tuple[Any, PageLog]) -> None:
    tab, _ = page
    point = tab.evaluate(
        """([a, b]) => {
            const net = window.kgNetwork;
            const pos = net.getPositions([a, b]);
            const mid = net.canvasToDOM({x: (pos[a].x + pos[b].x) / 2, y: (pos[a].y + pos[b].y) / 2});
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return {x: box.left + mid.x, y: box.top + mid.y};
        }""",
        [JEENBEKOV, KYRGYZSTAN],
    )
    tab.mouse.click(point["x"], point["y"])
    text = _panel_text(tab)
    assert "Sooronbai Jeenbekov → holdsPosition: President → Kyrgyzstan" in text
    assert SENTENCE_PRESIDENT in text
    assert "000_8b26930a0e35055d.txt · confidence 0.90" in text


@pytest.mark.browser
def test_class_filter_hides_and_shows_that_class(page: tuple[Any, PageLog]) -> None:
    tab, _ = page
    hidden = "(ids) => ids.map((id) => Boolean(window.kgNetwork.body.data.nodes.get(id).hidden))"
    people = [ATAMBAYEV, HOSTILE_NODE, JEENBEKOV]
    others = [KYRGYZSTAN, PARLIAMENT, SDPK]
    tab.uncheck('input[data-class="Person"]')
    assert tab.evaluate(hidden, people) == [True, True, True]
    assert tab.evaluate(hidden, others) == [False, False, False]
    assert tab.locator("#kg-status").inner_text() == "Showing 3 of 6 entities"
    tab.check('input[data-class="Person"]')
    assert tab.evaluate(hidden, people + others) == [False] * 6


@pytest.mark.browser
def test_top_n_control_keeps_only_the_most_connected(page: tuple[Any, PageLog]) -> None:
    tab, _ = page
    tab.fill("#kg-top", "2")
    visible = tab.evaluate("window.kgNetwork.body.data.nodes.get({filter: (n) => !n.hidden}).map((n) => n.id)")
    # Atambayev (4 facts) and Kyrgyzstan (3 facts) are the two most connected.
    assert sorted(visible) == [ATAMBAYEV, KYRGYZSTAN]


@pytest.mark.browser
def test_hostile_text_shows_as_text_and_runs_nothing(page: tuple[Any, PageLog]) -> None:
    tab, log = page
    tab.fill("#kg-search", "window.__pwned")
    tab.press("#kg-search", "Enter")
    assert tab.evaluate("window.kgNetwork.getSelectedNodes()") == [HOSTILE_NODE]
    assert tab.locator("#kg-panel h2").text_content() == HOSTILE
    assert tab.locator("#kg-panel blockquote").first.text_content() == HOSTILE_SENTENCE
    assert HOSTILE_ALIAS in (tab.locator("#kg-panel dd").first.text_content() or "")
    # The document list in the intro panel carries the hostile title.
    tab.mouse.click(5, tab.viewport_size["height"] - 5)  # empty canvas corner: back to the intro
    assert f"003_hostile.txt — {HOSTILE}" in (tab.locator("#kg-panel").text_content() or "")
    assert tab.evaluate("typeof window.__pwned") == "undefined"
    assert tab.evaluate("document.querySelectorAll('img').length") == 0
    assert tab.evaluate("document.scripts.length") == 3
    assert log.dialogs == []


@pytest.mark.browser
def test_2000_node_graph_settles_and_stays_usable(browser: Any, tmp_path: Path) -> None:
    # Stabilisation is capped, so the page must settle; how fast is measured by scripts/bench_html.py
    # (the README's figure), not asserted here: a timed test only measures how busy the machine is.
    graph = synthetic_graph(n_nodes=2000, n_edges=3000)
    path = tmp_path / "big.html"
    write_html(graph, path)
    tab, log = open_offline(browser, path)
    wait_until_ready(tab, timeout_ms=120_000)
    assert tab.evaluate("window.kgNetwork.physics.options.enabled") is False
    assert tab.evaluate("window.kgNetwork.body.data.nodes.length") == 2000
    tab.fill("#kg-search", "Entity 1999")
    tab.press("#kg-search", "Enter")
    assert tab.evaluate("window.kgNetwork.getSelectedNodes()") == ["place/entity-1999"]
    assert log.problems() == []
    tab.context.close()


@pytest.mark.browser
def test_screenshot_script_writes_a_png(sample_path: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: apt-get install chromium")
    png = tmp_path / "graph.png"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot.py"), str(sample_path), str(png)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
