"""The graph as one self-contained, offline HTML page for analysts.

The page is opened from disk with no network, so everything it needs is inside the file:
vis-network's JavaScript (the copy pyvis 0.3.2 ships as package data) is inlined, and the graph
travels as an escaped JSON block. pyvis's own template is not used: it links Bootstrap from a
CDN, repeats the heading, writes tooltips with innerHTML and sets no document type, so we render
our own page and keep only the vendored library.

All article text (labels, aliases, titles, evidence) reaches the page only as JSON data, and the
page's script builds its DOM with textContent, so text can never become markup or code.
"""

from __future__ import annotations

import contextlib
import html
import importlib.util
import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KgError, OutputError
from kg.model import ENTITY_CLASSES

# vis-network as vendored by pyvis 0.3.2 (pinned), read from the installed package's data.
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")

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

LAYOUT_SEED = 7
STABILIZATION_ITERATIONS = 250
# Each iteration costs about n log n (Barnes-Hut); measured ~40 ms at 2,000 nodes in headless
# Chromium on a busy 2-core machine, so big graphs get fewer iterations to open within seconds.
LARGE_GRAPH_ITERATIONS = 100
# vis-network's "improved layout" (Kamada-Kawai) is quadratic; past this size it costs seconds.
IMPROVED_LAYOUT_MAX_NODES = 150
# Above this size edges are hidden while dragging/zooming so the canvas stays responsive.
LARGE_GRAPH_NODES = 500

_NODE_SIZE_MIN = 12.0
_NODE_SIZE_MAX = 48.0
_FONT = 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif'


# ---------------------------------------------------------------------------------------------
# Graph -> plain data (pure)


def _evidence_field(evidence: Any, name: str, index: int) -> Any:
    # kg.model.Evidence is a NamedTuple; plain (doc_id, sentence, confidence, rule) tuples and
    # objects with the same attribute names are accepted too.
    return getattr(evidence, name) if hasattr(evidence, name) else evidence[index]


def _document_identifier(documents: Mapping[str, Any], doc_id: str) -> str:
    """The file name analysts know a document by; the doc id if the graph lacks it."""
    identifier = documents.get(doc_id, {}).get("identifier")
    return str(identifier) if identifier else doc_id


def evidence_to_data(evidence: Any, documents: Mapping[str, Any]) -> dict[str, Any]:
    doc_id = str(_evidence_field(evidence, "doc_id", 0))
    rule = _evidence_field(evidence, "rule", 3)
    return {
        "doc": doc_id,
        "source": _document_identifier(documents, doc_id),
        "sentence": str(_evidence_field(evidence, "sentence", 1)),
        "confidence": float(_evidence_field(evidence, "confidence", 2)),
        "rule": str(rule) if rule else None,
    }


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


def _ranks(graph: nx.MultiDiGraph) -> dict[str, int]:
    """0 = most connected; ties broken by label then id so the order is total and stable."""
    order = sorted(
        graph.nodes,
        key=lambda node: (-graph.degree(node), str(graph.nodes[node].get("label", "")).casefold(), node),
    )
    return {node: rank for rank, node in enumerate(order)}


def nodes_to_data(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    ranks = _ranks(graph)
    return [
        {
            "id": node,
            "label": str(attrs.get("label", node)),
            "cls": str(attrs.get("cls", "")),
            "aliases": sorted(str(alias) for alias in attrs.get("aliases", ())),
            "documents": sorted(str(doc_id) for doc_id in attrs.get("documents", ())),
            "mentions": int(attrs.get("mentions", 0)),
            "degree": graph.degree(node),
            "rank": ranks[node],
            "size": node_size(graph.degree(node)),
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


def edges_to_data(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    documents = graph.graph.get("documents", {})
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
            "evidence": sorted(
                (evidence_to_data(ev, documents) for ev in attrs.get("evidence", ())),
                key=lambda ev: (ev["doc"], ev["sentence"]),
            ),
        }
        for index, ((subject, obj, key, attrs), bend) in enumerate(zip(edges, edge_bends(edges), strict=True))
    ]


def documents_to_data(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    documents = graph.graph.get("documents", {})
    return {
        doc_id: {
            "identifier": _document_identifier(documents, doc_id),
            "title": documents[doc_id].get("title"),
            "date": documents[doc_id].get("date"),
        }
        for doc_id in sorted(documents)
    }


def vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: a capped, seeded layout that settles fast and then stays put."""
    is_large = n_nodes > LARGE_GRAPH_NODES
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": n_nodes <= IMPROVED_LAYOUT_MAX_NODES},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -120,
                "centralGravity": 0.012,
                "springLength": 180,
                "springConstant": 0.05,
                "damping": 0.5,
                "avoidOverlap": 0.6,
            },
            # The page switches physics off once these iterations are done (see the script), so a
            # big graph never keeps the CPU busy and nodes stay where the analyst drags them.
            "stabilization": {
                "enabled": True,
                "iterations": LARGE_GRAPH_ITERATIONS if is_large else STABILIZATION_ITERATIONS,
                "updateInterval": 25,
                "fit": True,
            },
            "minVelocity": 1.0,
            "timestep": 0.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 250,
            "hideEdgesOnDrag": is_large,
            "hideEdgesOnZoom": is_large,
            "multiselect": False,
            "keyboard": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "size": 15,
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
                "color": "#52606D",
                "strokeWidth": 3,
                "strokeColor": "#FFFFFF",
                "align": "horizontal",
            },
            "smooth": False,
            "selectionWidth": 1.5,
        },
    }


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def page_title(graph: nx.MultiDiGraph) -> str:
    n_entities = graph.number_of_nodes()
    n_facts = graph.number_of_edges()
    return f"kg — {_count(n_entities, 'entity', 'entities')}, {_count(n_facts, 'fact', 'facts')}"


def graph_to_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Everything the page script needs, as JSON-ready data in a fixed order."""
    return {
        "title": page_title(graph),
        "classes": classes_to_data(graph),
        "nodes": nodes_to_data(graph),
        "edges": edges_to_data(graph),
        "documents": documents_to_data(graph),
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
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise KgError(f"{path} contains '</script' or '<!--' and cannot be inlined safely")
    return script


_CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{display:flex;flex-direction:column;color:#1F2933;background:#F5F7FA;
  font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Arial,sans-serif}
header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 22px;padding:8px 16px;
  background:#FFF;border-bottom:1px solid #D9E2EC}
h1{margin:0;font-size:17px;font-weight:650}
form{display:flex;gap:4px;margin:0}
input[type=search]{width:250px;padding:5px 8px;border:1px solid #9AA5B1;border-radius:4px;font:inherit}
input[type=number]{width:70px;padding:3px 4px;border:1px solid #9AA5B1;border-radius:4px;font:inherit}
button{font:inherit;padding:4px 10px;border:1px solid #9AA5B1;border-radius:4px;background:#F0F4F8;cursor:pointer}
button:hover{background:#D9E2EC}
#kg-legend{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
#kg-legend label{display:inline-flex;align-items:center;gap:5px;cursor:pointer;white-space:nowrap}
.kg-swatch{display:inline-block;width:13px;height:13px;flex:none}
.kg-shape-dot{border-radius:50%}
.kg-shape-diamond{transform:rotate(45deg) scale(.8)}
.kg-shape-triangle{clip-path:polygon(50% 0,100% 100%,0 100%)}
.kg-shape-hexagon{clip-path:polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)}
.kg-hint{color:#616E7C;font-size:12.5px}
#kg-status{color:#616E7C;font-size:12.5px;margin-left:auto}
main{flex:1;display:flex;min-height:0}
#kg-stage{position:relative;flex:1;min-width:0}
#kg-network{position:absolute;inset:0;background:#FFF}
#kg-loading{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;background:rgba(255,255,255,.9);font-size:15px;color:#3E4C59}
#kg-loading[hidden]{display:none}
#kg-panel{width:400px;flex:none;overflow-y:auto;padding:14px 18px 24px;background:#FFF;border-left:1px solid #D9E2EC}
#kg-panel h2{margin:4px 0 8px;font-size:19px;line-height:1.25;overflow-wrap:anywhere}
#kg-panel h3{margin:18px 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#52606D}
#kg-panel p{margin:6px 0}
.kg-class{display:inline-flex;align-items:center;gap:6px;font-size:12.5px;color:#52606D;text-transform:uppercase;letter-spacing:.04em}
.kg-meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 12px;margin:8px 0}
.kg-meta dt{color:#616E7C}
.kg-meta dd{margin:0;overflow-wrap:anywhere}
.kg-docs{margin:0;padding-left:18px}
.kg-fact{border:1px solid #E4E7EB;border-radius:6px;padding:8px 10px;margin:8px 0}
.kg-fact-line{font-weight:600;overflow-wrap:anywhere}
.kg-pred{color:#52606D;font-weight:500}
.kg-fact-meta{font-size:12.5px;color:#616E7C;margin-top:2px}
.kg-link{border:0;background:none;padding:0;color:#0B69A3;font:inherit;font-weight:600;text-decoration:underline;cursor:pointer}
.kg-link:hover{background:none;color:#03449E}
.kg-evidence{list-style:none;margin:6px 0 0;padding:0}
.kg-evidence li{margin:6px 0}
.kg-evidence blockquote{margin:0;padding:2px 0 2px 10px;border-left:3px solid #BCCCDC;
  white-space:pre-wrap;overflow-wrap:anywhere}
.kg-source{font-size:12px;color:#616E7C;margin-top:2px;padding-left:13px;overflow-wrap:anywhere}
.kg-note{color:#8D2B0B}
.vis-tooltip{position:absolute;visibility:hidden;z-index:5;pointer-events:none;padding:4px 8px;
  background:#FFF;border:1px solid #9AA5B1;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.15);
  font-size:13px;white-space:nowrap}
"""

# The page script. Data arrives only through JSON.parse of the kg-data block, and every piece of
# article text is put into the DOM with textContent (the el() helper); no innerHTML anywhere.
_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var panel = document.getElementById("kg-panel");
  var loading = document.getElementById("kg-loading");
  var status = document.getElementById("kg-status");
  var topInput = document.getElementById("kg-top");
  var searchInput = document.getElementById("kg-search");

  var styles = {};
  data.classes.forEach(function (c) { styles[c.name] = c; });
  var nodeById = new Map();
  var factsByNode = new Map();
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); factsByNode.set(n.id, []); });
  var edgeById = new Map();
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    factsByNode.get(e.from).push(e);
    if (e.to !== e.from) { factsByNode.get(e.to).push(e); }
  });
  var byRank = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });

  // The only way article text enters the DOM: as text. dir=auto isolates bidi controls (U+202E)
  // and right-to-left names so they cannot reorder the surrounding interface text.
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
      node.dir = "auto";
    }
    return node;
  }
  function swatch(style) {
    var s = el("span", "kg-swatch kg-shape-" + style.shape);
    s.style.background = style.color;
    return s;
  }
  function fmt(x) { return Number(x).toFixed(2); }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var s = styles[n.cls];
    return {
      id: n.id, label: n.label, shape: s.shape, size: n.size,
      title: n.label + " (" + n.cls + ")",
      color: {
        background: s.color, border: "#FFFFFF",
        highlight: {background: s.color, border: "#1F2933"},
        hover: {background: s.color, border: "#1F2933"}
      }
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return {
      id: e.id, from: e.from, to: e.to, label: e.label, width: e.width,
      title: e.label + " (confidence " + fmt(e.confidence) + ")",
      smooth: e.bend === 0 ? false :
        {enabled: true, type: e.bend > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.bend)}
    };
  }));
  var network = new vis.Network(document.getElementById("kg-network"),
                                {nodes: nodes, edges: edges}, data.options);
  window.kgNetwork = network;
  window.kgReady = false;

  // Physics stops for good once the capped stabilisation is done: the layout is then fixed,
  // the CPU is free, and dragged nodes stay where the analyst puts them.
  var readyRequested = false;
  function markReady() {
    if (readyRequested) { return; }
    readyRequested = true;
    network.setOptions({physics: {enabled: false}});
    // Fit once more after a real draw: vis-network measures labels only when drawing, so its own
    // fit at the end of stabilisation can be off-centre when labels are long.
    network.once("afterDrawing", function () {
      network.fit();
      loading.hidden = true;
      window.kgReady = true;
      document.body.setAttribute("data-ready", "true");
    });
    network.redraw();
  }
  network.on("stabilizationProgress", function (p) {
    loading.textContent = "Laying out " + data.nodes.length + " entities\u2026 " +
      Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", markReady);
  if (data.nodes.length === 0) { markReady(); }

  // ---- panel
  function showIntro() {
    panel.replaceChildren();
    panel.append(el("h2", null, "How to read this graph"));
    panel.append(el("p", null, "Each shape is an entity; colour and shape give its class. " +
      "Each arrow is a fact, pointing from subject to object and labelled with its predicate. " +
      "Bigger shapes take part in more facts; thicker arrows are more confident."));
    panel.append(el("p", null, "Click an entity or an arrow to see the sentences it was read from."));
    var ids = Object.keys(data.documents);
    panel.append(el("h3", null, "Documents (" + ids.length + ")"));
    var list = el("ul", "kg-docs");
    ids.forEach(function (id) { list.append(documentItem(id)); });
    panel.append(list);
  }
  function documentItem(docId) {
    var doc = data.documents[docId];
    var text = doc ? doc.identifier : docId;
    if (doc && doc.title) { text += " \u2014 " + doc.title; }
    if (doc && doc.date) { text += " (" + doc.date + ")"; }
    return el("li", null, text);
  }
  function entityRef(id, currentId) {
    var n = nodeById.get(id);
    if (id === currentId) { return el("span", null, n.label); }
    var b = el("button", "kg-link", n.label);
    b.type = "button";
    b.title = "Show " + n.label;
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function evidenceList(evidence) {
    var list = el("ul", "kg-evidence");
    evidence.forEach(function (ev) {
      var item = el("li");
      item.append(el("blockquote", null, ev.sentence));
      item.append(el("div", "kg-source", ev.source + " \u00b7 confidence " + fmt(ev.confidence) +
        (ev.rule ? " \u00b7 " + ev.rule : "")));
      list.append(item);
    });
    return list;
  }
  function factCard(e, currentId) {
    var card = el("section", "kg-fact");
    card.setAttribute("data-edge", e.id);
    var line = el("div", "kg-fact-line");
    line.append(entityRef(e.from, currentId), el("span", "kg-pred", " \u2192 " + e.label + " \u2192 "),
                entityRef(e.to, currentId));
    var meta = "confidence " + fmt(e.confidence);
    if (e.status) { meta += " \u00b7 " + e.status; }
    if (e.verb && e.verb !== e.role) { meta += " \u00b7 verb: " + e.verb; }
    meta += " \u00b7 " + e.evidence.length + (e.evidence.length === 1 ? " sentence" : " sentences");
    card.append(line, el("div", "kg-fact-meta", meta), evidenceList(e.evidence));
    return card;
  }
  function classLine(cls) {
    var line = el("div", "kg-class");
    line.append(swatch(styles[cls]), el("span", null, cls));
    return line;
  }
  function metaRow(list, term, value) {
    list.append(el("dt", null, term), el("dd", null, value));
  }
  function showNode(id) {
    var n = nodeById.get(id);
    panel.replaceChildren();
    panel.append(classLine(n.cls), el("h2", null, n.label));
    if (nodes.get(id).hidden) { panel.append(el("p", "kg-note", "Hidden by the current filters.")); }
    var meta = el("dl", "kg-meta");
    metaRow(meta, "Also known as", n.aliases.length ? n.aliases.join("; ") : "\u2014");
    metaRow(meta, "Mentions", n.mentions);
    metaRow(meta, "Facts", n.degree);
    panel.append(meta);
    panel.append(el("h3", null, "Documents (" + n.documents.length + ")"));
    var docs = el("ul", "kg-docs");
    n.documents.forEach(function (docId) { docs.append(documentItem(docId)); });
    panel.append(docs);
    var facts = factsByNode.get(id);
    panel.append(el("h3", null, "Facts (" + facts.length + ")"));
    facts.forEach(function (e) { panel.append(factCard(e, id)); });
    panel.scrollTop = 0;
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    panel.replaceChildren();
    panel.append(el("div", "kg-class", "Fact"));
    panel.append(el("h2", null, nodeById.get(e.from).label + " \u2192 " + e.label + " \u2192 " +
                                nodeById.get(e.to).label));
    panel.append(factCard(e, null));
    panel.scrollTop = 0;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { showIntro(); }
  });

  // ---- search (label or alias, case-insensitive; best kind of match first, then most connected)
  var searchIndex = data.nodes.map(function (n) {
    return {id: n.id, rank: n.rank, label: n.label.toLowerCase(),
            aliases: n.aliases.map(function (a) { return a.toLowerCase(); })};
  });
  function matchKind(entry, q) {
    var tests = [
      function (s) { return s === q; },
      function (s) { return s.startsWith(q); },
      function (s) { return s.indexOf(q) >= 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      if (tests[i](entry.label)) { return 2 * i; }
      if (entry.aliases.some(tests[i])) { return 2 * i + 1; }
    }
    return -1;
  }
  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var best = null;
    var bestKind = Infinity;
    searchIndex.forEach(function (entry) {
      var kind = matchKind(entry, q);
      if (kind >= 0 && (kind < bestKind || (kind === bestKind && entry.rank < best.rank))) {
        best = entry;
        bestKind = kind;
      }
    });
    return best ? best.id : null;
  }
  function focusNode(id) {
    network.selectNodes([id]);
    if (!nodes.get(id).hidden) {
      network.focus(id, {scale: Math.max(network.getScale(), 1.1),
                         animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    }
    showNode(id);
  }
  var names = document.getElementById("kg-names");
  var seenNames = new Set();
  byRank.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) {
      if (seenNames.has(name)) { return; }
      seenNames.add(name);
      var option = document.createElement("option");
      option.value = name;
      names.append(option);
    });
  });
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var id = findNode(searchInput.value);
    if (id === null) { status.textContent = "No entity matches \u201c" + searchInput.value + "\u201d"; return; }
    focusNode(id);
    updateStatus();
  });

  // ---- filters: class checkboxes (the legend) and "only the N most connected"
  var enabled = {};
  var legend = document.getElementById("kg-legend");
  data.classes.forEach(function (c) {
    enabled[c.name] = true;
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-class", c.name);
    box.addEventListener("change", function () { enabled[c.name] = box.checked; applyVisibility(); });
    label.append(box, swatch(c), el("span", null, c.name + " (" + c.count + ")"));
    legend.append(label);
  });
  var hiddenNow = new Map();
  var nShown = data.nodes.length;
  function updateStatus() {
    status.textContent = "Showing " + nShown + " of " + data.nodes.length + " entities";
  }
  // The N most connected among the enabled classes, so "top 20" with only Person ticked gives
  // the 20 most connected people.
  function applyVisibility() {
    var limit = parseInt(topInput.value, 10);
    if (!(limit >= 0)) { limit = data.nodes.length; }
    var updates = [];
    nShown = 0;
    byRank.forEach(function (n) {
      var hidden = !enabled[n.cls] || nShown >= limit;
      if (!hidden) { nShown += 1; }
      if (hidden !== (hiddenNow.get(n.id) || false)) {
        hiddenNow.set(n.id, hidden);
        updates.push({id: n.id, hidden: hidden});
      }
    });
    if (updates.length) { nodes.update(updates); }
    updateStatus();
  }
  // Shrinking to the top N leaves a sparse scatter at the old zoom, so frame what is left.
  // (Class toggles keep the view: the analyst may be zoomed into one region on purpose.)
  function applyTopN() {
    applyVisibility();
    var shown = byRank.filter(function (n) { return !hiddenNow.get(n.id); }).map(function (n) { return n.id; });
    if (shown.length && window.kgReady) { network.fit({nodes: shown, animation: {duration: 300}}); }
  }
  topInput.addEventListener("input", applyTopN);
  topInput.addEventListener("change", applyTopN);

  updateStatus();
  showIntro();
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<form id="kg-search-form" role="search">
<input id="kg-search" type="search" list="kg-names" placeholder="Find a name or alias" \
aria-label="Find a name or alias" autocomplete="off">
<button type="submit">Find</button>
<datalist id="kg-names"></datalist>
</form>
<div id="kg-legend" role="group" aria-label="Classes shown"></div>
<label class="kg-hint">Show only the <input id="kg-top" type="number" min="0" max="{n_nodes}" \
value="{n_nodes}" step="1"> most connected</label>
<span class="kg-hint">arrow: subject \u2192 object \u00b7 thicker: more confident</span>
<span id="kg-status" role="status"></span>
</header>
<main>
<div id="kg-stage">
<div id="kg-network"></div>
<div id="kg-loading">Laying out\u2026</div>
</div>
<aside id="kg-panel" aria-live="polite"></aside>
</main>
"""


def to_html(graph: nx.MultiDiGraph) -> str:
    """The whole page: deterministic (same graph, same bytes) and free of external loads."""
    title = html.escape(page_title(graph))
    head = _PAGE.format(title=title, css=_CSS.strip(), n_nodes=graph.number_of_nodes())
    # Concatenation, not str.format: the vendored bundle is full of braces and dollar signs.
    return "".join(
        [
            head,
            '<script type="application/json" id="kg-data">',
            to_script_json(graph_to_data(graph)),
            "</script>\n<script>\n/* vis-network 9.1.2, as vendored by pyvis 0.3.2 (Apache-2.0 OR MIT) */\n",
            vis_network_js(),
            "\n</script>\n<script>",
            _APP_JS,
            "</script>\n</body>\n</html>\n",
        ]
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
