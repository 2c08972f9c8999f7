"""The graph as one self-contained, offline HTML page for analysts.

The page is opened from disk with no network, so everything it needs is inside the file:
vis-network's JavaScript (the copy pyvis 0.3.2 ships as package data) is inlined, the page's
own template, styles and script (kg/export/page/, package data) are inlined, and the graph
travels as an escaped JSON block. pyvis's own template is not used: it links Bootstrap from a
CDN, repeats the heading, writes tooltips with innerHTML and sets no document type; and pyvis
drops a node's colour when it has a group, so we render our own page and keep only the library.

The layout is computed here (kg/export/layout.py), so the page opens settled: no physics runs
in the browser. All article text (labels, aliases, titles, evidence, the articles themselves)
reaches the page only as JSON data, and the page's script builds its DOM with textContent, so
text can never become markup or code.
"""

from __future__ import annotations

import contextlib
import html
import importlib.util
import json
import math
import os
import re
import string
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KgError, OutputError
from kg.export.layout import LABEL_FONT_SIZE, LAYOUT_SEED, communities, fact_graph, layout, rank_order
from kg.export.map_layout import MapLayout, map_layout
from kg.model import ENTITY_CLASSES, PREDICATES

# vis-network as vendored by pyvis 0.3.2 (pinned), read from the installed package's data.
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
# The page's own files, package data beside this module.
_PAGE_FILES = "page"

# Okabe-Ito colours stay distinguishable with the common colour-vision deficiencies, and each
# class also gets its own shape so the legend still reads in greyscale print-outs.
CLASS_STYLES: Mapping[str, tuple[str, str]] = {
    "Person": ("#0072B2", "dot"),
    "Party": ("#D55E00", "diamond"),
    "Institution": ("#009E73", "square"),
    "Place": ("#E69F00", "triangle"),
}
# A class outside the contract still renders (grey), rather than breaking the whole page.
_OTHER_STYLE = ("#7B8794", "hexagon")
# Colours for the largest communities (Tableau 10, minus its grey); the rest share a grey.
COMMUNITY_COLOURS = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F")

# The first view shows as many of the most connected entities as fit with labels at least
# LABEL_MIN_PX high on the screen it is opened on (the page works it out from the layout), but
# never more than FIRST_VIEW_MAX: past that the picture is too busy to read whatever the zoom.
LABEL_MIN_PX = 8
FIRST_VIEW_MAX = 100
# Arrows are labelled when this few are shown (and the label has room); with an entity selected,
# its neighbours' labels say how they are linked instead.
EDGE_LABELS_MAX = 40
# Above this size edges are hidden while dragging/zooming so the canvas stays responsive.
LARGE_GRAPH_NODES = 500
# Article text is embedded whole while all of it is at most this many characters (about 3,000
# BBC-length articles, a page of about 12 MB); past it each article keeps only the paragraphs a
# fact was read from, so every fact can still be read in context and the file stays a size one
# can mail (10,000 articles: 15 MB instead of 37 MB; scripts/bench_html.py).
ARTICLE_TEXT_BUDGET = 8_000_000

_NODE_SIZE_MIN = 12.0
_NODE_SIZE_MAX = 48.0
_FONT = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif'


# ---------------------------------------------------------------------------------------------
# Graph -> plain data (pure)


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts "2.txt" before "100.txt": runs of digits compare as numbers."""
    # ASCII digits only: "¹" or "٣" are digits to str.isdigit but not numbers int() reads
    parts = re.findall(r"[0-9]+|[^0-9]+", text)
    return tuple((0, int(part)) if part[0] in "0123456789" else (1, part.casefold()) for part in parts)


def _evidence_field(evidence: Any, name: str, index: int) -> Any:
    # kg.model.Evidence is a NamedTuple; plain (doc_id, sentence, confidence, rule) tuples and
    # objects with the same attribute names are accepted too.
    return getattr(evidence, name) if hasattr(evidence, name) else evidence[index]


def _document_identifier(documents: Mapping[str, Any], doc_id: str) -> str:
    """The file name analysts know a document by; the doc id if the graph lacks it."""
    identifier = documents.get(doc_id, {}).get("identifier")
    return str(identifier) if identifier else doc_id


# The time a sentence gives its fact (kg.model.FactTime), by the page's names for its parts.
_TIME_PARTS = (("point", "point_in_time"), ("start", "start"), ("end", "end"))


def fact_time_to_data(time: Any) -> dict[str, str] | None:
    """`{"point": "2004", "start": ..., "end": ...}` with only the parts the sentence gives;
    None when it gives none (most sentences), so the page's data stays small."""
    if not time:
        return None
    found = {
        name: str(value)
        for index, (name, field) in enumerate(_TIME_PARTS)
        if (value := getattr(time, field) if hasattr(time, field) else time[index])
    }
    return found or None


def evidence_to_data(evidence: Any) -> dict[str, Any]:
    rule = _evidence_field(evidence, "rule", 3)
    data = {
        "doc": str(_evidence_field(evidence, "doc_id", 0)),
        "sentence": str(_evidence_field(evidence, "sentence", 1)),
        "confidence": float(_evidence_field(evidence, "confidence", 2)),
        "rule": str(rule) if rule else None,
    }
    # a plain (doc_id, sentence, confidence, rule) tuple has no time
    has_time = hasattr(evidence, "time") or (isinstance(evidence, tuple) and len(evidence) > 4)
    time = fact_time_to_data(_evidence_field(evidence, "time", 4)) if has_time else None
    if time:
        data["time"] = time
    return data


def edge_label(attrs: Mapping[str, Any]) -> str:
    """`predicate: qualifier (status)`, e.g. "holdsPosition: President (former)"."""
    predicate = str(attrs.get("predicate") or "relatedTo")
    qualifier = attrs.get("role") or attrs.get("verb")
    label = f"{predicate}: {qualifier}" if qualifier else predicate
    status = attrs.get("status")
    # "current" is the default reading; "acting" is often already in the role ("acting minister").
    if status and status != "current" and str(status).lower() not in label.lower():
        label = f"{label} ({status})"
    return label


def node_size(degree: int) -> float:
    """Area grows with degree, so hubs stand out without dwarfing everything else."""
    return round(min(_NODE_SIZE_MAX, _NODE_SIZE_MIN + 5.0 * math.sqrt(degree)), 2)


def _class_style(cls: str) -> tuple[str, str]:
    return CLASS_STYLES.get(cls, _OTHER_STYLE)


def classes_to_data(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The four contract classes (always, for a stable legend), then any others seen, sorted."""
    counts = Counter(str(attrs.get("cls", "")) for _, attrs in graph.nodes(data=True))
    extra = sorted(set(counts) - set(ENTITY_CLASSES))
    return [
        {"name": cls, "color": _class_style(cls)[0], "shape": _class_style(cls)[1], "count": counts[cls]}
        for cls in (*ENTITY_CLASSES, *extra)
    ]


def predicates_to_data(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The predicates the graph uses, in kg.model's order, then any others (new ones) sorted."""
    counts = Counter(str(attrs.get("predicate") or "") for _, _, attrs in graph.edges(data=True))
    known = [p for p in PREDICATES if p in counts]
    extra = sorted(set(counts) - set(PREDICATES))
    return [{"name": predicate, "count": counts[predicate]} for predicate in (*known, *extra)]


def communities_to_data(graph: nx.MultiDiGraph, community: Mapping[str, int], order: Sequence[str]) -> list[dict]:
    """The largest communities, each named after its most connected members, with its colour."""
    members: dict[int, list[str]] = defaultdict(list)
    for node in order:
        if node in community and community[node] < len(COMMUNITY_COLOURS):
            members[community[node]].append(node)
    return [
        {
            "id": index,
            "name": ", ".join(str(graph.nodes[node].get("label", node)) for node in members[index][:2]),
            "size": len(members[index]),
            "color": COMMUNITY_COLOURS[index],
        }
        for index in sorted(members)
    ]


def _place_data(attrs: Mapping[str, Any], node: str, on_map: MapLayout) -> dict[str, Any]:
    """Where the map puts a node and why, and the gazetteer entry of a linked place."""
    found: dict[str, Any] = {}
    if not on_map.is_empty:
        found["map"] = list(on_map.positions[node])
        if node in on_map.where:
            found["where"] = on_map.where[node]
    if attrs.get("gazetteer"):
        found["gazetteer"] = str(attrs["gazetteer"])
    return found


def nodes_to_data(
    graph: nx.MultiDiGraph,
    order: Sequence[str],
    positions: Mapping[str, tuple[float, float]],
    community: Mapping[str, int],
    on_map: MapLayout | None = None,
) -> list[dict[str, Any]]:
    documents = graph.graph.get("documents", {})
    rank = {node: index for index, node in enumerate(order)}
    degree = dict(graph.degree())
    on_map = on_map or MapLayout({}, {}, None)
    return [
        {
            "id": node,
            "label": str(attrs.get("label", node)),
            "cls": str(attrs.get("cls", "")),
            "aliases": sorted(str(alias) for alias in attrs.get("aliases", ())),
            # in the order analysts number their files: "2.txt" before "100.txt"
            "documents": sorted(
                (str(doc_id) for doc_id in attrs.get("documents", ())),
                key=lambda doc_id: natural_key(_document_identifier(documents, doc_id)),
            ),
            "mentions": int(attrs.get("mentions", 0)),
            "degree": degree[node],
            "rank": rank[node],
            "size": node_size(degree[node]),
            "x": positions[node][0],
            "y": positions[node][1],
            "community": community.get(node),
            **_place_data(attrs, node, on_map),
        }
        for node, attrs in sorted(graph.nodes(data=True), key=lambda item: item[0])
    ]


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(graph.edges(keys=True, data=True), key=lambda edge: (edge[0], edge[1], str(edge[2])))


def edge_bends(edges: Sequence[tuple[str, str, str, Any]]) -> list[float]:
    """Signed curvature per edge so parallel facts between one pair fan out instead of overlapping.

    The first edge of a pair is straight; later ones alternate sides, further out each time. The
    side is fixed in the pair's sorted orientation, so A->B and B->A facts do not collide either.
    """
    seen: Counter[tuple[str, str]] = Counter()
    bends = []
    for subject, obj, _, _ in edges:
        pair = (min(subject, obj), max(subject, obj))
        index = seen[pair]
        seen[pair] += 1
        side = 1.0 if index % 2 else -1.0
        bend = side * 0.25 * math.ceil(index / 2)
        bends.append(-bend if subject > obj and bend else bend)
    return bends


def _evidence_in_reading_order(graph: nx.MultiDiGraph, subject: str, evidence: Any) -> list[dict[str, Any]]:
    """A fact's sentences, those that name its subject first ("Prime Minister Tony Blair said"
    before "the prime minister said", which only describes him), then the surest, then by
    document: the first sentence an analyst reads should show the fact on its face."""
    node = graph.nodes[subject]
    names = [n for n in (node.get("label"), *node.get("aliases", ())) if n]

    def names_subject(sentence: str) -> bool:
        return any(name in sentence for name in names)

    data = [evidence_to_data(ev) for ev in evidence]
    return sorted(
        data, key=lambda ev: (not names_subject(ev["sentence"]), -ev["confidence"], ev["doc"], ev["sentence"])
    )


def edges_to_data(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    edges = _sorted_edges(graph)
    return [
        {
            "id": f"e{index}",
            "from": subject,
            "to": obj,
            "key": str(key),
            "predicate": str(attrs.get("predicate") or ""),
            "role": attrs.get("role"),
            "status": attrs.get("status"),
            "verb": attrs.get("verb"),
            "confidence": float(attrs.get("confidence", 0.0)),
            "label": edge_label(attrs),
            # Thicker line, more confident fact.
            "width": round(1.0 + 2.0 * float(attrs.get("confidence", 0.0)), 2),
            "bend": bend,
            "evidence": _evidence_in_reading_order(graph, subject, attrs.get("evidence", ())),
        }
        for index, ((subject, obj, key, attrs), bend) in enumerate(zip(edges, edge_bends(edges), strict=True))
    ]


def _evidence_sentences(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    sentences: dict[str, set[str]] = defaultdict(set)
    for _, _, attrs in graph.edges(data=True):
        for ev in attrs.get("evidence", ()):
            sentences[str(_evidence_field(ev, "doc_id", 0))].add(str(_evidence_field(ev, "sentence", 1)))
    return sentences


def documents_to_data(graph: nx.MultiDiGraph, budget: int = ARTICLE_TEXT_BUDGET) -> list[dict[str, Any]]:
    """Each document's name, title, date and text, in natural order of file name.

    Whole texts while they fit the budget; past it, only the paragraphs facts were read from
    (`complete` false), so the page stays a size a browser opens in seconds.
    """
    documents = graph.graph.get("documents", {})
    texts = {doc_id: [str(p) for p in meta.get("paragraphs", ())] for doc_id, meta in documents.items()}
    is_whole = sum(len(p) for paragraphs in texts.values() for p in paragraphs) <= budget
    sentences = {} if is_whole else _evidence_sentences(graph)
    return [
        {
            "id": doc_id,
            "identifier": _document_identifier(documents, doc_id),
            "title": documents[doc_id].get("title"),
            "date": documents[doc_id].get("date"),
            "paragraphs": texts[doc_id]
            if is_whole
            else [p for p in texts[doc_id] if any(s in p for s in sentences.get(doc_id, ()))],
            "complete": is_whole and bool(texts[doc_id]),
        }
        for doc_id in sorted(documents, key=lambda d: (natural_key(_document_identifier(documents, d)), d))
    ]


def vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: positions come with the nodes, so physics stays off from the start."""
    is_large = n_nodes > LARGE_GRAPH_NODES
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 250,
            "hideEdgesOnDrag": is_large,
            "hideEdgesOnZoom": is_large,
            "multiselect": False,
            # the page's own keys (arrows, +/-, Esc) work wherever the focus is, not only on the canvas
            "keyboard": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "size": LABEL_FONT_SIZE,
                "face": _FONT,
                "color": "#1F2933",
                "strokeWidth": 4,
                "strokeColor": "#FFFFFF",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9AA5B1", "highlight": "#1F2933", "hover": "#52606D", "inherit": False},
            "font": {
                "size": 12,
                "face": _FONT,
                "color": "#3E4C59",
                "strokeWidth": 3,
                "strokeColor": "#FFFFFF",
                "align": "horizontal",
            },
            "smooth": False,
            "selectionWidth": 1.5,
        },
    }


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n:,} {singular if n == 1 else plural}"


def page_title(graph: nx.MultiDiGraph) -> str:
    n_entities = graph.number_of_nodes()
    n_facts = graph.number_of_edges()
    return f"kg — {_count(n_entities, 'entity', 'entities')}, {_count(n_facts, 'fact', 'facts')}"


def graph_to_data(graph: nx.MultiDiGraph, text_budget: int = ARTICLE_TEXT_BUDGET) -> dict[str, Any]:
    """Everything the page script needs, as JSON-ready data in a fixed order."""
    order = rank_order(graph)
    simple = fact_graph(graph)
    sizes = {node: node_size(degree) for node, degree in graph.degree()}
    positions = layout(graph, order, sizes, simple)
    on_map = map_layout(graph, order, sizes, positions)
    community = communities(simple, order)
    documents = documents_to_data(graph, text_budget)
    return {
        "title": page_title(graph),
        "classes": classes_to_data(graph),
        "predicates": predicates_to_data(graph),
        "communities": communities_to_data(graph, community, order),
        "nodes": nodes_to_data(graph, order, positions, community, on_map),
        "edges": edges_to_data(graph),
        "documents": documents,
        "texts": {
            "budget": text_budget,
            "whole": all(doc["complete"] or not doc["paragraphs"] for doc in documents),
        },
        "map": {**on_map.projection.to_data(), "bandTop": on_map.band_top} if on_map.projection else None,
        "view": {
            "labelMinPx": LABEL_MIN_PX,
            "firstViewMax": FIRST_VIEW_MAX,
            "edgeLabelsMax": EDGE_LABELS_MAX,
            "hasMap": not on_map.is_empty,
        },
        "options": vis_options(graph.number_of_nodes()),
    }


# ---------------------------------------------------------------------------------------------
# Data -> page (pure)

# In a <script> element the HTML parser only looks for "</script" and "<!--"; escaping every
# "<", ">" and "&" inside JSON strings rules both out. U+2028/2029 are escaped by ensure_ascii
# (older JavaScript engines treat them as line ends).
_SCRIPT_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def to_script_json(value: Any) -> str:
    """JSON safe to place verbatim inside a <script> element."""
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return re.sub(r"[<>&]", lambda match: _SCRIPT_JSON_ESCAPES[match.group()], text)


_SOURCE_MAP_COMMENT = re.compile(r"^//[#@]\s*sourceMappingURL=.*$", re.MULTILINE)
# What would end an inlined <script> or <style> early, or open an HTML comment inside it.
_UNSAFE_INLINE = re.compile(r"</script|</style|<!--", re.IGNORECASE)


@cache
def vis_network_js() -> str:
    """vis-network's standalone bundle from the installed pyvis package (read once)."""
    # find_spec locates the package without importing it: pyvis imports IPython and jinja2.
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise KgError("pyvis is not installed; the HTML export needs it: pip install pyvis==0.3.2")
    path = Path(spec.origin).parent.joinpath(*_VIS_JS)
    try:
        script = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KgError(f"vis-network is missing from pyvis ({path}); reinstall pyvis==0.3.2") from err
    # The bundle names a source map that is not shipped; developer tools would try to load it.
    script = _SOURCE_MAP_COMMENT.sub("", script)
    if _UNSAFE_INLINE.search(script):
        raise KgError(f"{path} contains '</script' or '<!--' and cannot be inlined safely")
    return script


@cache
def page_asset(name: str) -> str:
    """One of the page's own files (page.html, page.css, page.js), shipped as package data."""
    try:
        text = resources.files("kg.export").joinpath(_PAGE_FILES, name).read_text(encoding="utf-8")
    except OSError as err:
        raise KgError(f"kg/export/{_PAGE_FILES}/{name} is missing; reinstall kg") from err
    if name != "page.html" and _UNSAFE_INLINE.search(text):
        raise KgError(f"kg/export/{_PAGE_FILES}/{name} contains '</script', '</style' or '<!--'")
    return text


def to_html(graph: nx.MultiDiGraph, text_budget: int = ARTICLE_TEXT_BUDGET) -> str:
    """The whole page: deterministic (same graph, same bytes) and free of external loads."""
    # Template substitution does not rescan what it inserts: the braces and dollar signs of the
    # scripts and the text in the data stay as they are.
    return string.Template(page_asset("page.html")).substitute(
        title=html.escape(page_title(graph)),
        css=page_asset("page.css").strip(),
        data=to_script_json(graph_to_data(graph, text_budget)),
        vis=vis_network_js(),
        app=page_asset("page.js").strip(),
    )


# ---------------------------------------------------------------------------------------------
# Checking a page for outside loads (pure; used by the tests and worth keeping next to to_html)

_SCRIPT_ELEMENT = re.compile(r"(<script\b[^>]*>)(.*?)(</script\s*>)", re.IGNORECASE | re.DOTALL)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_URL_VALUE = r"""(?:"([^"]*)"|'([^']*)'|([^\s"'>)]+))"""
_MARKUP_LOADS = (
    # Attributes that make the browser fetch: <script src>, <link href>, <img src>, <form action>...
    re.compile(
        r"\b(?:src|href|srcset|action|formaction|poster|data|background|xlink:href|ping)\s*=\s*" + _URL_VALUE,
        re.IGNORECASE,
    ),
    re.compile(r"url\(\s*" + _URL_VALUE + r"\s*\)", re.IGNORECASE),
    re.compile(r"@import\s+(?!url\()" + _URL_VALUE, re.IGNORECASE),
)
# In script bodies only string literals handed to a loader count; "x.src = e" is not a URL.
_SCRIPT_LOADS = (
    re.compile(
        r"\b(?:fetch|import|importScripts|Worker|SharedWorker|WebSocket|EventSource|sendBeacon)"
        r"""\s*\(\s*["'`]([^"'`]*)""",
    ),
    re.compile(r"""\.(?:src|href|action)\s*=\s*["'`]([^"'`]*)"""),
    # Developer tools fetch source maps named in a trailing comment.
    re.compile(r"//[#@]\s*sourceMappingURL=(\S+)"),
)
# URLs that load nothing from outside the page itself.
_INLINE_URL = re.compile(r"^(?:data:|blob:|about:|javascript:|#|$)", re.IGNORECASE)


def _script_type(open_tag: str) -> str:
    match = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", open_tag, re.IGNORECASE)
    return match.group(1).lower() if match else ""


def find_external_urls(page: str) -> list[str]:
    """Every URL the page would load from outside itself (network or another file), in order.

    Relative paths count too: a page opened from disk must not depend on files beside it. JSON
    data blocks are skipped, since browsers never execute or fetch them.
    """
    markup = _SCRIPT_ELEMENT.sub(lambda match: match.group(1) + match.group(3), page)
    scripts = [match.group(2) for match in _SCRIPT_ELEMENT.finditer(page) if _script_type(match.group(1)) in _JS_TYPES]
    found = [
        next(group for group in match.groups() if group is not None)
        for pattern in _MARKUP_LOADS
        for match in pattern.finditer(markup)
    ]
    found += [match.group(1) for script in scripts for pattern in _SCRIPT_LOADS for match in pattern.finditer(script)]
    return [url for url in found if not _INLINE_URL.match(url.strip())]


# ---------------------------------------------------------------------------------------------
# I/O (thin)


def write_html(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write the page atomically: readers see the old file or the new one, never half of one."""
    text = to_html(graph)
    try:
        descriptor, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror}; check the folder exists and is writable") from err
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp creates 0600; the page is meant to be shared like any other output file.
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except OSError as err:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise OutputError(f"cannot write {path}: {err.strerror}; check the folder is writable") from err
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


__all__ = [
    "CLASS_STYLES",
    "edge_label",
    "find_external_urls",
    "graph_to_data",
    "to_html",
    "to_script_json",
    "write_html",
]
