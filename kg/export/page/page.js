/* kg's graph page: the graph, search, focus, filters, the details panel, the facts table and
   the article reader, over the JSON in #kg-data.

   Safety: data arrives only through JSON.parse of the kg-data block, and every piece of article
   text enters the DOM through el() (textContent), never as markup; there is no innerHTML here.
   Determinism: positions come from the build (kg/export/layout.py); nothing here is random. */
(function () {
  "use strict";

  // ===========================================================================================
  // Data and indexes

  // Marks for scripts/bench_html.py: where the time to ready goes.
  performance.mark("kg:start");
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg:parsed");
  const collator = new Intl.Collator("en", {numeric: true, sensitivity: "base"});
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const classStyle = new Map(data.classes.map((c) => [c.name, c]));
  const communityById = new Map(data.communities.map((c) => [c.id, c]));
  const byRank = data.nodes.slice().sort((a, b) => a.rank - b.rank);
  // A list in natural order of file name ("2.txt" before "100.txt"): an object's keys would not
  // keep that order when doc ids look like numbers.
  const documents = new Map(data.documents.map((d) => [d.id, d]));
  const edgesOf = new Map(data.nodes.map((n) => [n.id, []]));
  data.edges.forEach((e) => {
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) { edgesOf.get(e.to).push(e); }
  });
  // One row per fact and sentence: what the table lists and the downloads contain.
  const statements = [];
  const statementsOfDoc = new Map();
  data.edges.forEach((e) => e.evidence.forEach((ev) => {
    const row = {edge: e, ev: ev, index: statements.length};
    statements.push(row);
    if (!statementsOfDoc.has(ev.doc)) { statementsOfDoc.set(ev.doc, []); }
    statementsOfDoc.get(ev.doc).push(row);
  }));
  const OTHER_COMMUNITY_COLOUR = "#CBD2D9";
  const DIMMED = "#E4E7EB";
  const FONT = data.options.nodes.font;

  // ===========================================================================================
  // Small helpers

  // The only way article text enters the DOM: as text. dir=auto isolates bidi controls (U+202E)
  // and right-to-left names so they cannot reorder the surrounding interface text.
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
      node.dir = "auto";
    }
    return node;
  }
  function button(text, className, onClick) {
    const b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function swatch(style) {
    const s = el("span", "kg-swatch kg-shape-" + (style.shape || "dot"));
    s.style.background = style.color;
    return s;
  }
  function fmt(x) { return Number(x).toFixed(2); }
  function number(n) { return Number(n).toLocaleString("en"); }
  function plural(n, one, many) { return number(n) + " " + (n === 1 ? one : many); }
  function byId(id) { return document.getElementById(id); }
  function documentName(docId) {
    const doc = documents.get(docId);
    return doc ? doc.identifier : docId;
  }

  // ===========================================================================================
  // Dates: the one place that says when a fact holds.
  // Each sentence was reported on its article's date; some also give their fact a time of its
  // own (ev.time: a point in time, a start, an end). Dates are ISO 8601 at the precision the
  // text gives ("2004", "2004-11", "2004-11-15"). Filters, panel, table and downloads all ask
  // these functions and nothing else.

  function reportedDate(ev) {
    const doc = documents.get(ev.doc);
    return (doc && doc.date) || null;
  }
  // The first and last day a date stands for: "2004" is 2004-01-01 to 2004-12-31.
  const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  function firstDay(date) {
    return date.length === 4 ? date + "-01-01" : (date.length === 7 ? date + "-01" : date);
  }
  function lastDay(date) {
    if (date.length === 4) { return date + "-12-31"; }
    if (date.length !== 7) { return date; }
    const year = Number(date.slice(0, 4)), month = Number(date.slice(5, 7));
    const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return date + "-" + (month === 2 && isLeap ? 29 : MONTH_DAYS[month - 1] || 31);
  }
  // The days a sentence's own time says its fact holds, read as `kg query --example held-on`
  // reads them: from its start (or point in time, or, unless the fact is former, the day it was
  // reported) to its end (or that point, or that day). "Leader since 1999" in a 2004 article
  // holds 1999-01-01 to that day. Null when the sentence gives its fact no time.
  function ownSpan(e, ev) {
    const t = ev.time;
    if (!t) { return null; }
    const seen = e.status === "former" ? "" : (reportedDate(ev) || "");
    let from = t.start || t.point || seen || t.end;
    let until = t.end || seen || t.point || t.start;
    if (firstDay(from) > lastDay(until)) {
      // reported after it ended ("until 1999" in 2004) or before it began: its own dates alone
      from = t.start || t.point || t.end;
      until = t.end || t.point || t.start;
    }
    return {from: firstDay(from), until: lastDay(until), isOwn: true};
  }
  // The fact's own time where its sentence gives one, else the day it was reported; null when
  // neither is known (an undated article, a sentence that dates nothing).
  function evidenceSpan(e, ev) {
    const own = ownSpan(e, ev);
    if (own) { return own; }
    const reported = reportedDate(ev);
    return reported ? {from: firstDay(reported), until: lastDay(reported), isOwn: false} : null;
  }
  // Spans depend on the data alone: worked out once per sentence, not on every filter change.
  const spans = new Map();
  function spanOf(e, ev) {
    if (!spans.has(ev)) { spans.set(ev, evidenceSpan(e, ev)); }
    return spans.get(ev);
  }
  // A fact is kept when its span meets the range, at each date's own precision.
  function spanInRange(span) {
    if (!span) { return state.undated; }
    if (state.dateFrom && span.until < state.dateFrom) { return false; }
    if (state.dateTo && span.from > state.dateTo) { return false; }
    return true;
  }
  // The sentence's own time in words: "2004-11-15", "from 2017", "until 2004-05", "2003 \u2013 2004".
  function describeOwnTime(ev) {
    const t = ev.time;
    if (!t) { return ""; }
    if (t.point) { return t.point; }
    if (t.start && t.end) { return t.start + " \u2013 " + t.end; }
    return t.start ? "from " + t.start : "until " + t.end;
  }
  function formatRange(dates) {
    const sorted = dates.filter(Boolean).sort();
    if (!sorted.length) { return ""; }
    const first = sorted[0], last = sorted[sorted.length - 1];
    return first === last ? first : first + " \u2013 " + last;
  }
  // "reported 2020-10-06 \u2013 2020-10-15 \u00b7 holds from 2017", or "undated".
  function formatDates(e) {
    const parts = [];
    const reported = formatRange(e.evidence.map(reportedDate));
    if (reported) { parts.push("reported " + reported); }
    const own = Array.from(new Set(e.evidence.map(describeOwnTime).filter(Boolean)));
    if (own.length) { parts.push("holds " + own.join("; ")); }
    return parts.length ? parts.join(" \u00b7 ") : "undated";
  }
  const allDays = [];
  statements.forEach((row) => {
    const span = spanOf(row.edge, row.ev);
    if (span) { allDays.push(span.from, span.until); }
  });
  allDays.sort();

  // ===========================================================================================
  // State: what the analyst has chosen. Everything on screen is derived from it.

  function defaultState() {
    return {
      classes: Object.fromEntries(data.classes.map((c) => [c.name, true])),
      predicates: Object.fromEntries(data.predicates.map((p) => [p.name, true])),
      minConfidence: 0,
      dateFrom: "",
      dateTo: "",
      undated: true,
      colour: "class",
      limit: null,       // how many of the most connected to show; null until the first view sets it
      isLimitAuto: true, // true while the page chooses the number (readable labels)
      unlinked: false,   // also show entities that take part in no (shown) fact
      focus: null,       // the selected entity, shown with its neighbours
      layout: "network", // or "map": where the entities sit (both computed at build time)
      view: "graph"
    };
  }
  let state = defaultState();

  // ===========================================================================================
  // Filters: which facts and entities pass

  function evidencePasses(e, ev) {
    return state.predicates[e.predicate] !== false && ev.confidence >= state.minConfidence - 1e-9 &&
      spanInRange(spanOf(e, ev));
  }
  function classShown(id) { return state.classes[nodeById.get(id).cls] !== false; }
  // A fact passes when one of its sentences does and both its ends' classes are shown; `except`
  // names an entity whose own class does not count (the selected one, revealed on purpose).
  function edgePasses(e, except) {
    return (e.from === except || classShown(e.from)) && (e.to === except || classShown(e.to)) &&
      e.evidence.some((ev) => evidencePasses(e, ev));
  }

  // What the graph shows: the `limit` most connected among the candidates (by facts that pass),
  // plus the selected entity and its neighbours. Returns sets of ids and the counts shown.
  function computeView() {
    const passing = data.edges.filter((e) => edgePasses(e, null));
    const degree = new Map();
    passing.forEach((e) => {
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    });
    const candidates = byRank.filter((n) => classShown(n.id) && (degree.has(n.id) || state.unlinked));
    candidates.sort((a, b) => (degree.get(b.id) || 0) - (degree.get(a.id) || 0) || a.rank - b.rank);
    const limit = state.limit === null ? candidates.length : state.limit;
    const shown = new Set(candidates.slice(0, limit).map((n) => n.id));
    const base = new Set(shown);
    let neighbours = new Set();
    let focusEdges = [];
    if (state.focus) {
      focusEdges = edgesOf.get(state.focus).filter((e) => edgePasses(e, state.focus));
      neighbours = new Set(focusEdges.map((e) => (e.from === state.focus ? e.to : e.from)));
      shown.add(state.focus);
      neighbours.forEach((id) => shown.add(id));
    }
    const edges = data.edges.filter((e) => shown.has(e.from) && shown.has(e.to) &&
      edgePasses(e, state.focus));
    return {
      candidates: candidates, shown: shown, base: base, edges: edges, neighbours: neighbours,
      focusEdges: new Set(focusEdges.map((e) => e.id)), nLinked: byRank.filter((n) => degree.has(n.id)).length,
      nPassing: passing.length
    };
  }

  // Why the selected entity was not in the view the filters make, in words.
  function hiddenReason(id, view) {
    const n = nodeById.get(id);
    if (!classShown(id)) { return "the class " + n.cls + " is not shown"; }
    if (!edgesOf.get(id).length) { return "it takes part in no fact"; }
    if (!edgesOf.get(id).some((e) => edgePasses(e, id))) { return "the filters leave none of its facts"; }
    if (view.candidates.findIndex((c) => c.id === id) >= (state.limit || 0)) {
      return "it is not among the " + number(state.limit) + " most connected shown";
    }
    return "the filters";
  }

  // ===========================================================================================
  // Layouts: the network (kg/export/layout.py) and, when some places are located, the map
  // (kg/export/map_layout.py). Both come with the data, so switching only moves the nodes, and
  // everything that asks where an entity is asks here.

  function pos(n) {
    return state.layout === "map" && n.map ? {x: n.map[0], y: n.map[1]} : {x: n.x, y: n.y};
  }

  // ===========================================================================================
  // The network

  const container = byId("kg-network");
  const loading = byId("kg-loading");
  const notice = byId("kg-notice");
  const status = byId("kg-status");
  function nodeColour(n) {
    if (state.colour === "community") {
      const c = communityById.get(n.community);
      return c ? c.color : OTHER_COMMUNITY_COLOUR;
    }
    return classStyle.get(n.cls).color;
  }
  function nodeLook(n, isDimmed) {
    const colour = isDimmed ? DIMMED : nodeColour(n);
    return {
      opacity: isDimmed ? 0.35 : 1,
      color: {background: colour, border: isDimmed ? DIMMED : "#FFFFFF",
              highlight: {background: colour, border: "#1F2933"}, hover: {background: colour, border: "#1F2933"}},
      // the rest of the graph stays as dim shapes for context; its labels would only get in the way
      font: {color: isDimmed ? "rgba(0,0,0,0)" : FONT.color, strokeWidth: isDimmed ? 0 : FONT.strokeWidth}
    };
  }
  // Only what is shown is in vis-network's data sets: a big archive has tens of thousands of
  // entities, and vis-network spends time on every item it holds, hidden or not.
  function nodeItem(n, isDimmed, place) {
    return Object.assign({
      id: n.id, label: place ? place.label : n.label, shape: classStyle.get(n.cls).shape, size: n.size,
      x: place ? place.x : pos(n).x, y: place ? place.y : pos(n).y, title: n.label + " (" + n.cls + ")"
    }, nodeLook(n, isDimmed));
  }
  function edgeItem(e, isDimmed, hasLabel) {
    return {
      id: e.id, from: e.from, to: e.to, width: e.width, label: hasLabel ? e.label : "",
      title: e.label + " (confidence " + fmt(e.confidence) + ")",
      smooth: e.bend === 0 ? false : {enabled: true, type: e.bend > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.bend)},
      color: {color: isDimmed ? "#EEF1F4" : (state.focus ? "#52606D" : "#9AA5B1"), highlight: "#1F2933", hover: "#52606D"}
    };
  }
  const nodes = new vis.DataSet([]);
  const edges = new vis.DataSet([]);
  const network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.kgNetwork = network;
  window.kgReady = false;
  performance.mark("kg:network");

  // Focus: the selected entity's neighbours on rings around it, grouped by predicate, each
  // labelled with how it is linked, so the selection reads at one zoom wherever its neighbours
  // live in the layout; they go back to their own places when the selection is cleared.
  const RELATION_MAX = 36;
  const RING_GAP = 18;
  function relationOf(focusId, otherId, view) {
    const labels = [];
    edgesOf.get(focusId)
      .filter((e) => view.focusEdges.has(e.id) && (e.from === otherId || e.to === otherId))
      .sort((a, b) => predicateOrder(a.predicate) - predicateOrder(b.predicate) || collator.compare(a.label, b.label))
      .forEach((e) => { if (labels.indexOf(e.label) < 0) { labels.push(e.label); } });
    const text = labels.join("; ");
    return text.length > RELATION_MAX ? text.slice(0, RELATION_MAX - 1) + "\u2026" : text;
  }
  // Rings of ellipses shaped like the screen: each ring takes neighbours while their labels fit
  // round it; the next ring is one label box further out.
  function egoPlaces(focusId, view) {
    const centre = Object.assign({size: nodeById.get(focusId).size}, pos(nodeById.get(focusId)));
    const around = Array.from(view.neighbours).filter((id) => id !== focusId).map((id) => {
      const n = nodeById.get(id);
      const relation = relationOf(focusId, id, view);
      const first = edgesOf.get(focusId).find((e) => view.focusEdges.has(e.id) && (e.from === id || e.to === id));
      const width = Math.max(2 * n.size, measure.measureText(n.label).width, measure.measureText(relation).width);
      return {n: n, relation: relation, order: first ? predicateOrder(first.predicate) : 0,
              width: width + RING_GAP, height: 2 * n.size + 2 * (FONT.size + 4) + RING_GAP};
    });
    around.sort((a, b) => a.order - b.order || collator.compare(a.relation, b.relation) ||
      collator.compare(a.n.label, b.n.label) || a.n.rank - b.n.rank);
    const aspect = Math.min(1.6, Math.max(0.8, (container.clientWidth || 1) / (container.clientHeight || 1)));
    const places = new Map();
    let radius = centre.size + FONT.size + 20 + Math.max(0, ...around.map((a) => a.height)) / 2;
    let start = 0;
    let ringIndex = 0;
    while (start < around.length) {
      const a = radius * aspect, b = radius;
      const perimeter = Math.PI * (3 * (a + b) - Math.sqrt((3 * a + b) * (a + 3 * b))); // Ramanujan
      let end = start, used = 0;
      while (end < around.length && (end === start || used + around[end].width <= perimeter)) {
        used += around[end].width;
        end += 1;
      }
      const ring = around.slice(start, end);
      let along = ringIndex % 2 ? ring[0].width / 2 : 0; // alternate rings are turned half a slot
      ring.forEach((item) => {
        const angle = -Math.PI / 2 + 2 * Math.PI * (along + item.width / 2) / Math.max(used, perimeter * 0.5);
        along += item.width;
        places.set(item.n.id, {x: Math.round(centre.x + a * Math.cos(angle)), y: Math.round(centre.y + b * Math.sin(angle)),
                               label: item.relation ? item.n.label + "\n" + item.relation : item.n.label});
      });
      radius += Math.max(...ring.map((item) => item.height));
      start = end;
      ringIndex += 1;
    }
    return places;
  }

  // The look each shown node and edge was last given, so a change touches only what changed.
  const nodeLookNow = new Map();
  const edgeLookNow = new Map();
  let lastView = null;
  // Bring a data set in line with `wanted` (id -> [look key, item]): add, update, remove.
  function sync(dataSet, lookNow, wanted) {
    const add = [], update = [], remove = [];
    lookNow.forEach((key, id) => { if (!wanted.has(id)) { remove.push(id); } });
    wanted.forEach((pair, id) => {
      const was = lookNow.get(id);
      if (was === pair[0]) { return; }
      (was === undefined ? add : update).push(pair[1]());
      lookNow.set(id, pair[0]);
    });
    remove.forEach((id) => lookNow.delete(id));
    return {
      remove: () => { if (remove.length) { dataSet.remove(remove); } },
      addAndUpdate: () => {
        if (add.length) { dataSet.add(add); }
        if (update.length) { dataSet.update(update); }
      }
    };
  }
  function render() {
    const view = computeView();
    lastView = view;
    const focus = state.focus;
    const inFocus = (id) => !focus || id === focus || view.neighbours.has(id);
    // on the map every entity keeps its place: where the neighbours are is what the map is for
    const ego = focus && state.layout !== "map" ? egoPlaces(focus, view) : new Map();
    const wantedNodes = new Map();
    view.shown.forEach((id) => {
      const n = nodeById.get(id);
      const isDimmed = !inFocus(id);
      const place = ego.get(id);
      const key = (isDimmed ? "dim" : "on:" + state.colour) + (place ? "@" + place.x + "," + place.y + ":" + place.label : "@" + state.layout);
      wantedNodes.set(id, [key, () => nodeItem(n, isDimmed, place)]);
    });
    const labelled = chooseEdgeLabels(view);
    const wantedEdges = new Map();
    view.edges.forEach((e) => {
      const isDimmed = !!focus && !view.focusEdges.has(e.id);
      const hasLabel = labelled.has(e.id);
      wantedEdges.set(e.id, [(isDimmed ? "dim" : (focus ? "focus" : "on")) + (hasLabel ? "+label" : ""),
        () => edgeItem(e, isDimmed, hasLabel)]);
    });
    const nodeChanges = sync(nodes, nodeLookNow, wantedNodes);
    const edgeChanges = sync(edges, edgeLookNow, wantedEdges);
    // edges go before the nodes they hang on, and come back after them
    edgeChanges.remove();
    nodeChanges.remove();
    nodeChanges.addAndUpdate();
    edgeChanges.addAndUpdate();
    updateStatus(view);
    renderCommunityLegend();
    renderMapNote(view);
    if (state.view === "table") { renderTable(); }
    return view;
  }

  // Which arrows get their label: all of them when few are shown, most confident first, each only if its label would not cover one already placed or a node's
  // label; the rest keep their tooltip, and the panel lists them all. Boxes are in canvas units,
  // so the choice holds at every zoom.
  const EDGE_FONT = data.options.edges.font;
  function chooseEdgeLabels(view) {
    // with an entity selected, its neighbours' labels say how they are linked instead
    const wanted = !state.focus && view.edges.length <= data.view.edgeLabelsMax ? view.edges.slice() : [];
    if (!wanted.length) { return new Set(); }
    const nearby = Array.from(view.shown);
    const at = {};
    nearby.forEach((id) => { at[id] = pos(nodeById.get(id)); }); // no entity is moved when none is selected
    const boxes = nearby.map((id) => {
      const n = nodeById.get(id), p = at[id];
      const half = Math.max(n.size, measure.measureText(n.label).width / 2);
      return {left: p.x - half, right: p.x + half, top: p.y - n.size, bottom: p.y + n.size + FONT.size + 4};
    });
    const chosen = new Set();
    const scaleText = EDGE_FONT.size / FONT.size;
    wanted.sort((a, b) => b.confidence - a.confidence || collator.compare(a.id, b.id));
    wanted.forEach((e) => {
      const p = at[e.from], q = at[e.to];
      if (!p || !q || e.from === e.to) { return; }
      // vis-network puts the label at the middle of the curve: off the straight middle by the bend
      const dx = q.x - p.x, dy = q.y - p.y;
      const cx = (p.x + q.x) / 2 - dy * e.bend / 2, cy = (p.y + q.y) / 2 + dx * e.bend / 2;
      const half = measure.measureText(e.label).width * scaleText / 2 + 3;
      const box = {left: cx - half, right: cx + half, top: cy - EDGE_FONT.size / 2 - 2, bottom: cy + EDGE_FONT.size / 2 + 2};
      const clashes = boxes.some((b) => b.left < box.right && box.left < b.right && b.top < box.bottom && box.top < b.bottom);
      if (!clashes) { chosen.add(e.id); boxes.push(box); }
    });
    return chosen;
  }

  function updateStatus(view) {
    if (state.view === "table") { return; }
    let text = "Showing " + number(view.shown.size) + " of " + plural(view.nLinked, "entity", "entities") +
      " in facts (" + number(data.nodes.length) + " in all) \u00b7 " + number(view.edges.length) + " of " +
      plural(data.edges.length, "fact", "facts");
    if (state.focus) { text += " \u00b7 selected: " + nodeById.get(state.focus).label; }
    status.textContent = text;
  }

  // While the view glides to a new fit, window.kgMoving is true (tests and screenshots wait).
  window.kgMoving = false;
  network.on("animationFinished", () => { window.kgMoving = false; });
  function fitTo(ids, animate) {
    const list = ids ? Array.from(ids) : Array.from(lastView ? lastView.shown : []);
    if (!list.length) { return; }
    window.kgMoving = !!animate;
    network.fit({nodes: list, animation: animate ? {duration: 350, easingFunction: "easeInOutQuad"} : false});
  }

  // ===========================================================================================
  // The first view: as many of the most connected as fit with readable labels

  const measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT.size + "px " + FONT.face;
  // The zoom vis-network's fit() would choose for these nodes (it pads the range by 10% and
  // never zooms past 1), from the positions and an estimate of each node's drawn box. The
  // network layout's positions whichever is shown: how many to show is chosen there, so the
  // same entities stay on screen when the layout is switched (the map is read by zooming in).
  function fittedScale(list) {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    const scales = [];
    const width = container.clientWidth, height = container.clientHeight;
    list.forEach((n) => {
      const half = Math.max(n.size, measure.measureText(n.label).width / 2);
      minX = Math.min(minX, n.x - half); maxX = Math.max(maxX, n.x + half);
      minY = Math.min(minY, n.y - n.size); maxY = Math.max(maxY, n.y + n.size + FONT.size + 4);
      scales.push(Math.min(1, width / (1.1 * (maxX - minX)), height / (1.1 * (maxY - minY))));
    });
    return scales;
  }
  function readableCount(candidates) {
    const needed = data.view.labelMinPx / FONT.size;
    const scales = fittedScale(candidates.slice(0, data.view.firstViewMax));
    let count = 0;
    while (count < scales.length && scales[count] >= needed) { count += 1; }
    return Math.max(Math.min(candidates.length, 1), count);
  }
  // Choose the number, draw, fit; vis-network measures labels only when it draws, so check the
  // zoom it really chose and take fewer if the estimate was optimistic.
  function showReadableFirstView() {
    state.isLimitAuto = true;
    state.limit = readableCount(computeViewCandidates());
    for (let attempt = 0; attempt < 6; attempt += 1) {
      render();
      network.redraw();
      fitTo(null, false);
      if (state.layout === "map" || network.getScale() * FONT.size >= data.view.labelMinPx || state.limit <= 1) { break; }
      state.limit = Math.max(1, Math.floor(state.limit * 0.85));
    }
    topInput.value = state.limit;
  }
  function computeViewCandidates() {
    const saved = state.limit;
    state.limit = null;
    const view = computeView();
    state.limit = saved;
    return view.candidates;
  }

  // ===========================================================================================
  // Focus: one entity with its neighbours, the rest dimmed

  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = !text;
  }
  function focusEntity(id, options) {
    const opts = options || {};
    if (!nodeById.has(id)) {
      showNotice("No entity \u201c" + id + "\u201d in this graph.");
      return;
    }
    closeResults();
    openSheet(); // first, so the rings and the fit are made for the graph's size beside the sheet
    const before = computeView();
    const wasHidden = !before.base.has(id);
    state.focus = id;
    const view = render();
    const n = nodeById.get(id);
    showNotice(wasHidden ? n.label + " was hidden because " + hiddenReason(id, before) +
      "; it is shown now with its neighbours." : "");
    network.selectNodes([id]);
    if (state.view !== "graph") { setView("graph"); }
    const ids = [id].concat(Array.from(view.neighbours));
    fitTo(ids, opts.animate !== false);
    showEntity(id, wasHidden ? hiddenReason(id, before) : null);
    if (opts.updateHash !== false) { updateHash(); }
  }
  function clearFocus() {
    const had = state.focus;
    state.focus = null;
    network.unselectAll();
    showNotice("");
    render();
    showIntro();
    if (had) {
      updateHash();
      fitTo(null, true);
    }
  }
  // The address names the view: "#entity=ID" (selected), "&layout=map" (on the map).
  function viewHash() {
    const parts = [];
    if (state.focus) { parts.push("entity=" + encodeURIComponent(state.focus)); }
    if (state.layout === "map") { parts.push("layout=map"); }
    return parts.length ? "#" + parts.join("&") : "";
  }
  function updateHash() {
    history.replaceState(null, "", location.pathname + location.search + viewHash());
    const link = panel.querySelector("a.kg-permalink");
    if (link && state.focus) { link.href = viewHash(); }
  }

  network.on("click", (params) => {
    if (params.nodes.length) { focusEntity(params.nodes[0]); }
    else if (params.edges.length) { showFact(params.edges[0]); }
    else { clearFocus(); }
  });

  // ===========================================================================================
  // Search: the fullest entity whose names match first

  const searchInput = byId("kg-search");
  const results = byId("kg-results");
  function normalise(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }
  const searchIndex = data.nodes.map((n) => ({
    node: n, names: [n.label].concat(n.aliases).map((name) => ({name: name, key: normalise(name)}))
  }));
  // 0: a whole-word match in a name ("blair" in "Tony Blair"); 1: a name has a word starting with
  // the query; 2: the query anywhere in a name. Within a kind, the entity with the most facts,
  // then mentions, then the longest name: "Blair" finds Tony Blair before a fragment "Blair".
  function matchKind(key, q) {
    const padded = " " + key + " ";
    if (padded.indexOf(" " + q + " ") >= 0) { return 0; }
    if (padded.indexOf(" " + q) >= 0) { return 1; }
    return key.indexOf(q) >= 0 ? 2 : -1;
  }
  function search(query) {
    const q = normalise(query);
    if (!q) { return []; }
    const found = [];
    searchIndex.forEach((entry) => {
      let best = null;
      entry.names.forEach((name) => {
        const kind = matchKind(name.key, q);
        if (kind >= 0 && (best === null || kind < best.kind)) { best = {kind: kind, name: name.name}; }
      });
      if (best) { found.push({node: entry.node, kind: best.kind, via: best.name}); }
    });
    found.sort((a, b) => a.kind - b.kind || b.node.degree - a.node.degree || b.node.mentions - a.node.mentions ||
      b.node.label.length - a.node.label.length || a.node.rank - b.node.rank);
    return found;
  }
  const MAX_RESULTS = 8;
  function showResults(query) {
    const found = search(query);
    results.replaceChildren();
    if (!normalise(query)) { closeResults(); return found; }
    if (!found.length) {
      results.append(el("div", "kg-results-empty", "No entity matches \u201c" + query + "\u201d"));
    }
    const view = lastView || computeView();
    found.slice(0, MAX_RESULTS).forEach((match, i) => {
      const n = match.node;
      const item = button("", "kg-result", () => { focusEntity(n.id); searchInput.value = n.label; });
      item.setAttribute("data-entity", n.id);
      item.setAttribute("data-index", String(i));
      const name = el("span", "kg-result-name", n.label);
      item.append(swatch(classStyle.get(n.cls)), name);
      if (match.via !== n.label) { item.append(el("span", "kg-result-via", "as \u201c" + match.via + "\u201d")); }
      if (!view.shown.has(n.id)) { item.append(el("span", "kg-tag", "hidden")); }
      item.append(el("span", "kg-result-meta", plural(n.degree, "fact", "facts")));
      results.append(item);
    });
    if (found.length > MAX_RESULTS) {
      results.append(el("div", "kg-results-empty", number(found.length - MAX_RESULTS) + " more: type more of the name"));
    }
    results.hidden = false;
    return found;
  }
  function closeResults() { results.hidden = true; }
  searchInput.addEventListener("input", () => showResults(searchInput.value));
  byId("kg-search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const found = search(searchInput.value);
    if (!found.length) { showResults(searchInput.value); return; }
    focusEntity(found[0].node.id);
  });
  searchInput.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !results.hidden) {
      const first = results.querySelector(".kg-result");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  results.addEventListener("keydown", (event) => {
    const items = Array.from(results.querySelectorAll(".kg-result"));
    const i = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && i < items.length - 1) { event.preventDefault(); items[i + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (i > 0 ? items[i - 1] : searchInput).focus(); }
  });
  byId("kg-search-form").addEventListener("focusout", (event) => {
    if (!event.relatedTarget || !byId("kg-search-form").contains(event.relatedTarget)) { closeResults(); }
  });
  searchInput.addEventListener("focus", () => { if (searchInput.value) { showResults(searchInput.value); } });

  // ===========================================================================================
  // The details panel

  const panel = byId("kg-panel-body");
  const sheetToggle = byId("kg-sheet-toggle");
  const FOLD_DOCUMENTS = 5;
  const FOLD_SENTENCES = 2;

  function setPanel(title, children) {
    panel.replaceChildren(...children);
    panel.scrollTop = 0;
    sheetToggle.textContent = title;
  }
  // A list that shows its first `visible` items and a button for the rest.
  function foldedList(className, items, visible, render, noun) {
    const list = el("ul", className);
    const add = (item) => list.append(render(item));
    items.slice(0, visible).forEach(add);
    if (items.length <= visible) { return [list]; }
    const more = button("Show all " + plural(items.length, noun[0], noun[1]), "kg-link kg-more", () => {
      items.slice(visible).forEach(add);
      more.remove();
    });
    return [list, more];
  }
  function entityRef(id, currentId) {
    const n = nodeById.get(id);
    if (id === currentId) { return el("span", null, n.label); }
    const b = button(n.label, "kg-link", () => focusEntity(id));
    b.title = "Show " + n.label;
    return b;
  }
  function documentItem(docId, sentence) {
    const doc = documents.get(docId);
    const item = el("li");
    const open = button(documentName(docId), "kg-link", () => openArticle(docId, sentence || null));
    item.append(open);
    if (doc && doc.title) { item.append(document.createTextNode(" \u2014 "), el("span", null, doc.title)); }
    if (doc && doc.date) { item.append(document.createTextNode(" (" + doc.date + ")")); }
    return item;
  }
  function evidenceItem(e, ev) {
    const item = el("li");
    item.append(el("blockquote", null, ev.sentence));
    const source = el("div", "kg-source");
    const date = reportedDate(ev), own = describeOwnTime(ev);
    source.append(el("span", null, documentName(ev.doc) + (date ? " \u00b7 " + date : "") +
      (own ? " \u00b7 holds " + own : "") + " \u00b7 confidence " + fmt(ev.confidence) + (ev.rule ? " \u00b7 " + ev.rule : "")));
    const read = button("Read in the article", "kg-link", () => openArticle(ev.doc, ev.sentence));
    read.setAttribute("data-doc", ev.doc);
    source.append(read);
    item.append(source);
    return item;
  }
  function factCard(e, currentId) {
    const card = el("section", "kg-fact");
    card.setAttribute("data-edge", e.id);
    const line = el("div", "kg-fact-line");
    line.append(entityRef(e.from, currentId), el("span", "kg-pred", " \u2192 " + e.label + " \u2192 "),
      entityRef(e.to, currentId));
    const meta = ["confidence " + fmt(e.confidence)];
    if (e.role && e.label.indexOf(e.role) < 0) { meta.push("role: " + e.role); }
    if (e.status) { meta.push(e.status); }
    if (e.verb && e.verb !== e.role) { meta.push("verb: " + e.verb); }
    if (allDays.length) { meta.push(formatDates(e)); }
    meta.push(plural(e.evidence.length, "sentence", "sentences"));
    card.append(line, el("div", "kg-fact-meta", meta.join(" \u00b7 ")));
    if (!edgePasses(e, currentId)) {
      card.append(el("div", "kg-note", "Hidden by the current filters"));
    }
    card.append(...foldedList("kg-evidence", e.evidence, FOLD_SENTENCES, (ev) => evidenceItem(e, ev),
      ["sentence", "sentences"]));
    return card;
  }
  function classLine(n) {
    const line = el("div", "kg-class");
    line.append(swatch(classStyle.get(n.cls)), el("span", null, n.cls));
    return line;
  }
  function degrees(value, positive, negative) {
    return Math.abs(value).toFixed(2) + "\u00b0\u00a0" + (value < 0 ? negative : positive);
  }
  // Why the map puts an entity where it is (kg/export/map_layout.py decided it).
  function whereInWords(n) {
    const w = n.where;
    if (w && w.lat !== undefined) {
      return (w.capital ? "at its capital, " : "at ") + degrees(w.lat, "N", "S") + ", " + degrees(w.lon, "E", "W");
    }
    const name = (id) => { const other = nodeById.get(id); return other ? other.label : id; };
    if (w && w.beside) { return "beside " + name(w.beside) + " (" + w.by + ")"; }
    if (w && w.near) { return "near " + w.near.map(name).join(", ") + " (linked by facts)"; }
    return "below the map: no fact links it to a place";
  }
  function metaRow(list, term, value) { list.append(el("dt", null, term), el("dd", null, value)); }
  function predicateOrder(name) {
    const i = data.predicates.findIndex((p) => p.name === name);
    return i < 0 ? data.predicates.length : i;
  }

  function showEntity(id, hiddenBecause) {
    const n = nodeById.get(id);
    const parts = [classLine(n), el("h2", null, n.label)];
    if (hiddenBecause) { parts.push(el("p", "kg-note", "Hidden by the filters (" + hiddenBecause + "); shown now.")); }
    const meta = el("dl", "kg-meta");
    metaRow(meta, "Also known as", n.aliases.length ? n.aliases.join("; ") : "\u2014");
    metaRow(meta, "Mentions", number(n.mentions) + " in " + plural(n.documents.length, "document", "documents"));
    const community = communityById.get(n.community);
    if (community) { metaRow(meta, "Community", community.name + " \u2026 (" + number(community.size) + " entities)"); }
    if (data.view.hasMap) { metaRow(meta, "On the map", whereInWords(n)); }
    if (n.gazetteer) { metaRow(meta, "Gazetteer", n.gazetteer); }
    parts.push(meta);
    const actions = el("p");
    actions.append(button("Its facts in the table", "kg-link", () => {
      tableState.entity = id;
      setView("table");
    }));
    actions.append(document.createTextNode(" \u00b7 "));
    const link = el("a", "kg-link kg-permalink", "Link to this view");
    link.href = "#entity=" + encodeURIComponent(id) + (state.layout === "map" ? "&layout=map" : "");
    actions.append(link);
    parts.push(actions);
    // Facts first, grouped by predicate in kg's order; the most confident first within each.
    const facts = edgesOf.get(id).slice();
    parts.push(el("h3", null, "Facts (" + number(facts.length) + ")"));
    if (!facts.length) { parts.push(el("p", "kg-help", "No fact names this entity; it is only mentioned.")); }
    const groups = new Map();
    facts.sort((a, b) => predicateOrder(a.predicate) - predicateOrder(b.predicate) ||
      b.confidence - a.confidence || collator.compare(a.label, b.label) || collator.compare(a.id, b.id));
    facts.forEach((e) => {
      if (!groups.has(e.predicate)) { groups.set(e.predicate, []); }
      groups.get(e.predicate).push(e);
    });
    groups.forEach((list, predicate) => {
      const group = el("div", "kg-group");
      group.setAttribute("data-predicate", predicate);
      group.append(el("h4", null, predicate + " (" + number(list.length) + ")"));
      list.forEach((e) => group.append(factCard(e, id)));
      parts.push(group);
    });
    parts.push(el("h3", null, "Documents (" + number(n.documents.length) + ")"));
    parts.push(...foldedList("kg-list kg-docs", n.documents, FOLD_DOCUMENTS, (docId) => {
      const mine = (statementsOfDoc.get(docId) || []).find((row) => row.edge.from === id || row.edge.to === id);
      return documentItem(docId, mine ? mine.ev.sentence : null);
    }, ["document", "documents"]));
    setPanel(n.label + " \u00b7 " + plural(facts.length, "fact", "facts"), parts);
  }

  function showFact(edgeId) {
    const e = edgeById.get(edgeId);
    const title = nodeById.get(e.from).label + " \u2192 " + e.label + " \u2192 " + nodeById.get(e.to).label;
    setPanel(title, [el("div", "kg-class", "Fact"), el("h2", null, title), factCard(e, null)]);
    openSheet();
  }

  function showIntro() {
    const parts = [el("h2", null, "How to read this graph")];
    parts.push(el("p", null, "Each shape is an entity; colour and shape give its class. Each arrow is a fact, " +
      "pointing from subject to object. Bigger shapes take part in more facts; thicker arrows are more confident."));
    parts.push(el("p", null, "The first view shows the most connected entities, as many as can be read at once; " +
      "\u201cMore\u201d shows more. Click an entity, or find it by name, to see its facts and the sentences " +
      "they were read from; click again on the background, or press Esc, to go back."));
    const keys = el("p", "kg-help");
    [["\u2190 \u2191 \u2192 \u2193", "pan"], ["+ \u2212", "zoom"], ["Esc", "clear"], ["Tab", "through results"]]
      .forEach((pair, i) => {
        if (i) { keys.append(document.createTextNode(" \u00b7 ")); }
        keys.append(el("kbd", null, pair[0]), document.createTextNode(" " + pair[1]));
      });
    parts.push(keys);
    if (!data.texts.whole) {
      parts.push(el("p", "kg-note", "This archive's articles are too long to embed whole, so the page keeps only " +
        "the paragraphs facts were read from."));
    }
    const ids = data.documents.map((d) => d.id);
    parts.push(el("h3", null, "Documents (" + number(ids.length) + ")"));
    parts.push(...foldedList("kg-list kg-docs", ids, FOLD_DOCUMENTS, (docId) => documentItem(docId, null),
      ["document", "documents"]));
    setPanel("About this graph", parts);
  }

  // On a phone the panel is a sheet under the graph: open when something is selected.
  const narrow = window.matchMedia("(max-width: 720px)");
  function openSheet() { if (narrow.matches) { setSheet(true); } }
  function setSheet(isOpen) {
    if ((document.body.getAttribute("data-sheet") === "open") === isOpen) { return; }
    document.body.setAttribute("data-sheet", isOpen ? "open" : "closed");
    sheetToggle.setAttribute("aria-expanded", String(isOpen));
    // vis-network hears of the new size only on its next frame; tell it now, keeping the middle
    const at = network.getViewPosition();
    network.setSize("100%", "100%");
    network.moveTo({position: at, scale: network.getScale()});
  }
  sheetToggle.addEventListener("click", () => setSheet(document.body.getAttribute("data-sheet") !== "open"));

  // ===========================================================================================
  // The article reader

  const article = byId("kg-article");
  function openArticle(docId, sentence) {
    const doc = documents.get(docId);
    const rows = statementsOfDoc.get(docId) || [];
    byId("kg-article-title").textContent = (doc && doc.title) || documentName(docId);
    byId("kg-article-title").dir = "auto";
    const meta = [documentName(docId)];
    if (doc && doc.date) { meta.push(doc.date); }
    meta.push(plural(rows.length, "fact sentence", "fact sentences"));
    byId("kg-article-meta").textContent = meta.join(" \u00b7 ");
    const note = byId("kg-article-note");
    const paragraphs = doc ? doc.paragraphs : [];
    note.hidden = doc && doc.complete;
    note.textContent = !paragraphs.length ? "The text of this article is not in this page." :
      "Only the paragraphs facts were read from are in this page: the archive is too large to embed " +
      "every article whole. The whole text is in " + documentName(docId) + ".";
    const text = byId("kg-article-text");
    text.replaceChildren();
    const sentences = Array.from(new Set(rows.map((row) => row.ev.sentence)));
    let current = null;
    paragraphs.forEach((paragraph, i) => {
      if (i === 0 && doc.title && paragraph === doc.title) { return; } // the headline is the heading
      if (!doc.complete && i > 0) { text.append(el("p", "kg-gap", "\u2026")); }
      const p = el("p");
      p.append(...markSentences(paragraph, sentences, sentence));
      const mark = p.querySelector("mark.kg-current");
      if (mark && !current) { current = mark; }
      text.append(p);
    });
    const facts = byId("kg-article-facts");
    facts.replaceChildren();
    rows.forEach((row) => {
      const e = row.edge;
      const item = el("li");
      item.append(button(nodeById.get(e.from).label + " \u2192 " + e.label + " \u2192 " + nodeById.get(e.to).label,
        "kg-link", () => openArticle(docId, row.ev.sentence)));
      item.append(el("span", "kg-fact-meta", " \u00b7 confidence " + fmt(row.ev.confidence)));
      facts.append(item);
    });
    if (!article.open) { article.showModal(); }
    if (current) { current.scrollIntoView({block: "center"}); } else { article.scrollTop = 0; }
    article.setAttribute("data-doc", docId);
  }
  // The paragraph as text nodes and <mark>s: every fact sentence marked, the chosen one current.
  function markSentences(paragraph, sentences, chosen) {
    const spans = [];
    sentences.forEach((s) => {
      if (!s) { return; }
      let at = paragraph.indexOf(s);
      while (at >= 0) {
        spans.push({start: at, end: at + s.length, isCurrent: s === chosen});
        at = paragraph.indexOf(s, at + s.length);
      }
    });
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const parts = [];
    let pos = 0;
    spans.forEach((span) => {
      if (span.start < pos) { return; } // overlapping sentences: the first one wins
      if (span.start > pos) { parts.push(document.createTextNode(paragraph.slice(pos, span.start))); }
      const mark = el("mark", span.isCurrent ? "kg-current" : null, paragraph.slice(span.start, span.end));
      parts.push(mark);
      pos = span.end;
    });
    if (pos < paragraph.length) { parts.push(document.createTextNode(paragraph.slice(pos))); }
    return parts;
  }
  byId("kg-article-close").addEventListener("click", () => article.close());
  article.addEventListener("click", (event) => { if (event.target === article) { article.close(); } });

  // ===========================================================================================
  // The facts table

  const tableState = {sort: "confidence", descending: true, cls: "", doc: "", text: "", entity: null, rows: 200};
  const TABLE_PAGE = 200;
  const columns = [
    {key: "subject", label: "Subject", value: (r) => nodeById.get(r.edge.from).label, entity: (r) => r.edge.from},
    {key: "subject_class", label: "Class", value: (r) => nodeById.get(r.edge.from).cls, isShort: true},
    {key: "predicate", label: "Predicate", value: (r) => r.edge.predicate, isShort: true},
    {key: "object", label: "Object", value: (r) => nodeById.get(r.edge.to).label, entity: (r) => r.edge.to},
    {key: "object_class", label: "Class", value: (r) => nodeById.get(r.edge.to).cls, isShort: true},
    {key: "role", label: "Role or verb", value: (r) => r.edge.role || r.edge.verb || ""},
    {key: "status", label: "Status", value: (r) => r.edge.status || "", isShort: true},
    {key: "confidence", label: "Confidence", value: (r) => r.ev.confidence, isNumber: true},
    {key: "reported", label: "Reported", value: (r) => reportedDate(r.ev) || "", isShort: true,
     title: "The date of the article the sentence was read in"},
    {key: "holds", label: "Holds", value: (r) => describeOwnTime(r.ev), isShort: true,
     sortValue: (r) => { const span = ownSpan(r.edge, r.ev); return span ? span.from + span.until : ""; },
     title: "When the sentence says the fact holds: a point in time, from a start, until an end"},
    {key: "document", label: "Document", value: (r) => documentName(r.ev.doc), isShort: true},
    {key: "sentence", label: "Sentence", value: (r) => r.ev.sentence}
  ].filter((c) => (c.key !== "reported" || statements.some((r) => reportedDate(r.ev))) &&
    (c.key !== "holds" || statements.some((r) => r.ev.time))); // no empty date columns
  const columnByKey = new Map(columns.map((c) => [c.key, c]));
  function tableRows() {
    const text = normalise(tableState.text);
    const rows = statements.filter((r) => {
      const e = r.edge;
      if (!classShown(e.from) || !classShown(e.to) || !evidencePasses(e, r.ev)) { return false; }
      if (tableState.cls && nodeById.get(e.from).cls !== tableState.cls && nodeById.get(e.to).cls !== tableState.cls) {
        return false;
      }
      if (tableState.doc && r.ev.doc !== tableState.doc) { return false; }
      if (tableState.entity && e.from !== tableState.entity && e.to !== tableState.entity) { return false; }
      if (text) {
        const hay = normalise([nodeById.get(e.from).label, nodeById.get(e.to).label, r.ev.sentence].join(" "));
        if (hay.indexOf(text) < 0) { return false; }
      }
      return true;
    });
    const column = columnByKey.get(tableState.sort);
    const sign = tableState.descending ? -1 : 1;
    const value = column.sortValue || column.value;
    rows.sort((a, b) => {
      const x = value(a), y = value(b);
      const order = column.isNumber ? x - y : collator.compare(String(x), String(y));
      return sign * order || a.index - b.index;
    });
    return rows;
  }
  const tableHead = byId("kg-table-head");
  columns.forEach((c) => {
    const th = el("th");
    th.setAttribute("data-key", c.key);
    th.scope = "col";
    if (c.title) { th.title = c.title; }
    th.append(button(c.label, null, () => {
      if (tableState.sort === c.key) { tableState.descending = !tableState.descending; }
      else { tableState.sort = c.key; tableState.descending = !!c.isNumber; }
      renderTable();
    }));
    tableHead.append(th);
  });
  function renderTable() {
    const rows = tableRows();
    Array.from(tableHead.children).forEach((th) => {
      const key = th.getAttribute("data-key");
      th.setAttribute("aria-sort", key === tableState.sort ? (tableState.descending ? "descending" : "ascending") : "none");
    });
    const body = byId("kg-table-body");
    body.replaceChildren(...rows.slice(0, tableState.rows).map(tableRow));
    const more = byId("kg-table-more");
    more.hidden = rows.length <= tableState.rows;
    more.textContent = "Show " + number(Math.min(TABLE_PAGE, rows.length - tableState.rows)) + " more rows";
    byId("kg-table-count").textContent = number(rows.length) + " of " + plural(statements.length, "row", "rows") +
      " (a row is one fact as read in one sentence)";
    const chip = byId("kg-table-entity");
    chip.hidden = !tableState.entity;
    chip.replaceChildren();
    if (tableState.entity) {
      chip.append(el("span", null, "Facts of " + nodeById.get(tableState.entity).label));
      chip.append(button("\u00d7", "kg-link", () => { tableState.entity = null; renderTable(); }));
      chip.lastChild.setAttribute("aria-label", "Show the facts of every entity");
    }
    status.textContent = number(rows.length) + " rows shown of " + number(statements.length);
    return rows;
  }
  function tableRow(r) {
    const tr = el("tr");
    tr.setAttribute("data-edge", r.edge.id);
    columns.forEach((c) => {
      const td = el("td", c.isNumber ? "kg-number kg-nowrap" : (c.key === "sentence" ? "kg-sentence" :
        (c.isShort ? "kg-nowrap" : "kg-name")));
      if (c.entity) {
        td.append(button(c.value(r), "kg-link", () => focusEntity(c.entity(r))));
      } else if (c.key === "sentence") {
        td.append(el("span", null, r.ev.sentence), document.createTextNode(" "));
        td.append(button("Read", "kg-link", () => openArticle(r.ev.doc, r.ev.sentence)));
      } else {
        td.textContent = c.isNumber ? fmt(c.value(r)) : c.value(r);
        td.dir = "auto";
      }
      tr.append(td);
    });
    return tr;
  }
  byId("kg-table-more").addEventListener("click", () => { tableState.rows += TABLE_PAGE; renderTable(); });
  const tableClass = byId("kg-table-class");
  data.classes.forEach((c) => { const o = el("option", null, c.name); o.value = c.name; tableClass.append(o); });
  tableClass.addEventListener("change", () => { tableState.cls = tableClass.value; tableState.rows = TABLE_PAGE; renderTable(); });
  const tableDoc = byId("kg-table-document");
  data.documents.map((d) => d.id).filter((d) => statementsOfDoc.has(d)).forEach((d) => {
    const o = el("option", null, documentName(d));
    o.value = d;
    tableDoc.append(o);
  });
  tableDoc.addEventListener("change", () => { tableState.doc = tableDoc.value; tableState.rows = TABLE_PAGE; renderTable(); });
  const tableText = byId("kg-table-text");
  tableText.addEventListener("input", () => { tableState.text = tableText.value; tableState.rows = TABLE_PAGE; renderTable(); });

  // Downloads: exactly the rows the table shows (all pages of them), in its order.
  function exportRecords() {
    return tableRows().map((r) => {
      const e = r.edge;
      const doc = documents.get(r.ev.doc);
      return {
        subject: nodeById.get(e.from).label, subject_id: e.from, subject_class: nodeById.get(e.from).cls,
        predicate: e.predicate,
        object: nodeById.get(e.to).label, object_id: e.to, object_class: nodeById.get(e.to).cls,
        role: e.role || "", status: e.status || "", verb: e.verb || "",
        confidence: r.ev.confidence, reported_date: reportedDate(r.ev) || "",
        point_in_time: (r.ev.time && r.ev.time.point) || "", start_time: (r.ev.time && r.ev.time.start) || "",
        end_time: (r.ev.time && r.ev.time.end) || "",
        document: documentName(r.ev.doc), title: (doc && doc.title) || "",
        sentence: r.ev.sentence, rule: r.ev.rule || ""
      };
    });
  }
  // RFC 4180 quoting; a text cell that a spreadsheet would run as a formula (=, +, -, @) gets a
  // leading apostrophe, so hostile text stays text there too.
  function csvCell(value) {
    let text = String(value);
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }
  function toCsv(records) {
    const keys = records.length ? Object.keys(records[0]) : Object.keys(exportHeader());
    const lines = [keys.join(",")].concat(records.map((r) => keys.map((k) => csvCell(r[k])).join(",")));
    return lines.join("\r\n") + "\r\n";
  }
  function exportHeader() {
    return {subject: "", subject_id: "", subject_class: "", predicate: "", object: "", object_id: "", object_class: "",
      role: "", status: "", verb: "", confidence: "", reported_date: "", point_in_time: "", start_time: "", end_time: "",
      document: "", title: "", sentence: "", rule: ""};
  }
  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], {type: type}));
    const a = el("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  byId("kg-download-csv").addEventListener("click", () => download("kg-facts.csv", "text/csv;charset=utf-8",
    "\ufeff" + toCsv(exportRecords())));
  byId("kg-download-json").addEventListener("click", () => download("kg-facts.json", "application/json",
    JSON.stringify(exportRecords(), null, 1) + "\n"));

  // ===========================================================================================
  // Views: the graph or the table

  function setView(view) {
    state.view = view;
    document.body.setAttribute("data-view", view);
    byId("kg-filters").setAttribute("data-view", view);
    byId("kg-stage").hidden = view !== "graph";
    byId("kg-table-view").hidden = view !== "table";
    document.querySelectorAll("#kg-views button").forEach((b) => {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
    if (view === "table") { tableState.rows = TABLE_PAGE; renderTable(); }
    else if (state.isLimitAuto && !state.focus) { showReadableFirstView(); }
    else { updateStatus(lastView || computeView()); }
  }
  document.querySelectorAll("#kg-views button").forEach((b) => {
    b.addEventListener("click", () => setView(b.getAttribute("data-view")));
  });

  // ===========================================================================================
  // Filter controls

  const topInput = byId("kg-top");
  function changed() {
    // the readable number is measured on the drawn graph: with the table in front it has no size,
    // so it is measured when the graph comes back (setView)
    if (state.isLimitAuto && !state.focus && state.view === "graph") {
      showReadableFirstView();
    } else {
      render();
    }
    if (state.view === "graph") { fitTo(state.focus ? [state.focus].concat(Array.from(lastView.neighbours)) : null, true); }
  }
  const classBox = byId("kg-classes");
  data.classes.forEach((c) => {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-class", c.name);
    box.addEventListener("change", () => { state.classes[c.name] = box.checked; changed(); });
    label.append(box, swatch(c), el("span", null, c.name + " "), el("span", "kg-count", number(c.count)));
    classBox.append(label);
  });
  const predicateList = byId("kg-predicates-list");
  data.predicates.forEach((p) => {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-predicate", p.name);
    box.addEventListener("change", () => { state.predicates[p.name] = box.checked; predicatesChanged(); });
    label.append(box, el("span", null, p.name), el("span", "kg-count", number(p.count)));
    predicateList.append(label);
  });
  function predicatesChanged() {
    const on = data.predicates.filter((p) => state.predicates[p.name]).length;
    byId("kg-predicates-count").textContent = on === data.predicates.length ? "(all)" : "(" + on + " of " + data.predicates.length + ")";
    changed();
  }
  function setAllPredicates(value) {
    data.predicates.forEach((p) => { state.predicates[p.name] = value; });
    predicateList.querySelectorAll("input").forEach((box) => { box.checked = value; });
    predicatesChanged();
  }
  byId("kg-predicates-all").addEventListener("click", () => setAllPredicates(true));
  byId("kg-predicates-none").addEventListener("click", () => setAllPredicates(false));
  const confidence = byId("kg-confidence");
  confidence.addEventListener("input", () => {
    state.minConfidence = Number(confidence.value);
    byId("kg-confidence-value").textContent = fmt(state.minConfidence);
    changed();
  });
  const dateFrom = byId("kg-date-from"), dateTo = byId("kg-date-to"), undated = byId("kg-undated");
  if (allDays.length) {
    [dateFrom, dateTo].forEach((input) => { input.min = allDays[0]; input.max = allDays[allDays.length - 1]; });
  } else {
    byId("kg-dates").setAttribute("data-empty", "true"); // no article is dated: nothing to filter
  }
  dateFrom.addEventListener("change", () => { state.dateFrom = dateFrom.value; changed(); });
  dateTo.addEventListener("change", () => { state.dateTo = dateTo.value; changed(); });
  undated.addEventListener("change", () => { state.undated = undated.checked; changed(); });
  const layoutSelect = byId("kg-layout");
  if (!data.view.hasMap) {
    layoutSelect.disabled = true;
    byId("kg-layout-field").title = "No entity in this graph has a known place, so there is no map";
  }
  layoutSelect.addEventListener("change", () => setLayout(layoutSelect.value));
  // Selection, filters, search and the number shown stay as they are: only the places change.
  function setLayout(layout, options) {
    const opts = options || {};
    state.layout = layout === "map" && data.view.hasMap ? "map" : "network";
    layoutSelect.value = state.layout;
    document.body.setAttribute("data-layout", state.layout);
    render();
    if (state.focus) { network.selectNodes([state.focus]); }
    fitTo(state.focus ? [state.focus].concat(Array.from(lastView.neighbours)) : null, opts.animate !== false);
    if (opts.updateHash !== false) { updateHash(); }
  }
  const colour = byId("kg-colour");
  if (!data.communities.length) { colour.disabled = true; }
  colour.addEventListener("change", () => { state.colour = colour.value; render(); });
  function setLimit(limit) {
    state.isLimitAuto = false;
    state.limit = Math.max(1, limit);
    topInput.value = state.limit;
    render();
    fitTo(null, true);
  }
  topInput.addEventListener("change", () => {
    const limit = parseInt(topInput.value, 10);
    if (limit >= 1) { setLimit(limit); }
  });
  byId("kg-more").addEventListener("click", () => {
    const candidates = lastView ? lastView.candidates.length : data.nodes.length;
    setLimit(Math.min(Math.max(candidates, 1), Math.max(10, (state.limit || 0) * 2)));
  });
  const unlinked = byId("kg-unlinked");
  unlinked.addEventListener("change", () => { state.unlinked = unlinked.checked; changed(); });
  byId("kg-fit").addEventListener("click", () => fitTo(state.focus ? [state.focus].concat(Array.from(lastView.neighbours)) : null, true));
  byId("kg-reset").addEventListener("click", reset);
  function reset() {
    const view = state.view, layout = state.layout;
    state = defaultState();
    state.view = view;
    state.layout = layout; // a way of looking, not a filter
    classBox.querySelectorAll("input").forEach((box) => { box.checked = true; });
    predicateList.querySelectorAll("input").forEach((box) => { box.checked = true; });
    byId("kg-predicates-count").textContent = "(all)";
    confidence.value = "0";
    byId("kg-confidence-value").textContent = fmt(0);
    dateFrom.value = ""; dateTo.value = ""; undated.checked = true; unlinked.checked = false;
    colour.value = "class";
    network.unselectAll();
    showNotice("");
    if (state.view === "graph") { showReadableFirstView(); } else { render(); } // measured on return otherwise
    updateHash();
    showIntro();
  }
  const filtersToggle = byId("kg-filters-toggle");
  filtersToggle.addEventListener("click", () => {
    const isOpen = byId("kg-filters").getAttribute("data-open") !== "true";
    byId("kg-filters").setAttribute("data-open", String(isOpen));
    filtersToggle.setAttribute("aria-expanded", String(isOpen));
  });

  // Community legend: the largest communities, when colouring by community.
  const communityLegend = byId("kg-communities");
  function renderCommunityLegend() {
    communityLegend.hidden = state.colour !== "community" || state.view !== "graph";
    if (communityLegend.hidden || communityLegend.getAttribute("data-built") === "true") { return; }
    communityLegend.setAttribute("data-built", "true");
    communityLegend.append(el("strong", null, "Communities"));
    data.communities.forEach((c) => {
      const b = button("", null, () => {
        const members = data.nodes.filter((n) => n.community === c.id && lastView.shown.has(n.id)).map((n) => n.id);
        fitTo(members.length ? members : null, true);
      });
      b.append(swatch({color: c.color, shape: "dot"}), el("span", null, c.name + " \u2026 (" + number(c.size) + ")"));
      communityLegend.append(b);
    });
  }

  // The map's key: how many of the entities shown sit at their own point, beside a place, or
  // below the map for want of one.
  const mapNote = byId("kg-map-note");
  function renderMapNote(view) {
    mapNote.hidden = state.layout !== "map" || state.view !== "graph";
    if (mapNote.hidden) { return; }
    let located = 0, beside = 0, near = 0, rest = 0;
    view.shown.forEach((id) => {
      const w = nodeById.get(id).where;
      if (w && w.lat !== undefined) { located += 1; } else if (w && w.beside) { beside += 1; }
      else if (w && w.near) { near += 1; } else { rest += 1; }
    });
    mapNote.textContent = "Map: " + plural(located, "place", "places") + " at its point (a country at its capital\u2019s), " +
      plural(beside, "entity", "entities") + " beside the place it is tied to (based, living or located in, an office of\u2026)" +
      (near ? ", " + number(near) + " near the entities on the map it has facts with" : "") +
      (rest ? ", " + number(rest) + " with no fact reaching the map below it." : ".");
  }

  // The map's graticule: faint parallels and meridians over the located places, labelled at the
  // screen's edge and closer together as one zooms in, so the map reads as one without tiles.
  const GRATICULE_STEPS = [30, 10, 5, 2, 1, 0.5];
  const GRATICULE_MIN_PX = 70;
  network.on("beforeDrawing", (ctx) => {
    const m = data.map;
    if (!m || state.layout !== "map") { return; }
    const scale = network.getScale();
    // the finest step whose lines are still GRATICULE_MIN_PX apart on screen
    const step = GRATICULE_STEPS.filter((s) => s * m.scale * scale >= GRATICULE_MIN_PX).pop() || GRATICULE_STEPS[0];
    const toX = (lon) => (lon - m.lon0) * m.stretch * m.scale, toY = (lat) => (m.lat0 - lat) * m.scale;
    const lines = (low, high) => {
      const found = [];
      for (let value = Math.ceil(low / step) * step; value <= high + 1e-9; value += step) { found.push(value); }
      return found;
    };
    const parallels = lines(m.south, m.north), meridians = lines(m.west, m.east);
    const corner = network.DOMtoCanvas({x: 0, y: 0});
    ctx.save();
    ctx.lineWidth = 1 / scale;
    ctx.strokeStyle = "#E4E7EB";
    ctx.strokeRect(toX(m.west), toY(m.north), toX(m.east) - toX(m.west), toY(m.south) - toY(m.north));
    ctx.beginPath();
    parallels.forEach((lat) => { ctx.moveTo(toX(m.west), toY(lat)); ctx.lineTo(toX(m.east), toY(lat)); });
    meridians.forEach((lon) => { ctx.moveTo(toX(lon), toY(m.south)); ctx.lineTo(toX(lon), toY(m.north)); });
    ctx.stroke();
    ctx.fillStyle = "#9AA5B1";
    ctx.font = (11 / scale) + "px " + FONT.face;
    const pad = 4 / scale;
    const left = Math.max(toX(m.west), corner.x) + pad, top = Math.max(toY(m.north), corner.y) + pad;
    const name = (value, positive, negative) => Math.abs(Math.round(value * 10) / 10) + "\u00b0" +
      (value > 0 ? positive : (value < 0 ? negative : ""));
    ctx.textBaseline = "bottom";
    parallels.forEach((lat) => ctx.fillText(name(lat, "N", "S"), left, toY(lat) - pad));
    ctx.textBaseline = "top";
    meridians.forEach((lon) => ctx.fillText(name(lon, "E", "W"), toX(lon) + pad, top));
    if (m.bandTop !== null) {
      ctx.font = (13 / scale) + "px " + FONT.face;
      ctx.fillStyle = "#616E7C";
      ctx.fillText("Entities with no fact reaching the map", left, m.bandTop - 30 / scale);
    }
    ctx.restore();
  });

  // ===========================================================================================
  // Keyboard: Esc clears; arrows pan and +/- zoom the graph (unless typing in a field)

  const PAN_SHARE = 0.15;
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (article.open) { return; } // the dialog closes itself on Esc
    const target = event.target;
    const isTyping = target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA");
    if (event.key === "Escape") {
      if (!results.hidden) { closeResults(); searchInput.focus(); return; }
      // other fields clear themselves first; the search box clears and drops the selection too
      if (isTyping && target !== searchInput && target.value) { return; }
      event.preventDefault();
      clearFocus();
      return;
    }
    if (isTyping || state.view !== "graph") { return; }
    const scale = network.getScale();
    const at = network.getViewPosition();
    const stepX = container.clientWidth * PAN_SHARE / scale, stepY = container.clientHeight * PAN_SHARE / scale;
    const moves = {ArrowLeft: [-stepX, 0], ArrowRight: [stepX, 0], ArrowUp: [0, -stepY], ArrowDown: [0, stepY]};
    if (moves[event.key]) {
      event.preventDefault();
      network.moveTo({position: {x: at.x + moves[event.key][0], y: at.y + moves[event.key][1]}, scale: scale});
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      network.moveTo({position: at, scale: scale * 1.25});
    } else if (event.key === "-" || event.key === "_") {
      event.preventDefault();
      network.moveTo({position: at, scale: scale / 1.25});
    }
  });

  // ===========================================================================================
  // Permalinks: #entity=ID opens the page focused on that entity

  function followHash() {
    const params = new Map();
    location.hash.replace(/^#/, "").split("&").forEach((part) => {
      const at = part.indexOf("=");
      if (at > 0) {
        let value = part.slice(at + 1);
        try { value = decodeURIComponent(value); } catch (err) { /* a broken escape: take it as written */ }
        params.set(part.slice(0, at), value);
      }
    });
    if (!params.has("entity") && !params.has("layout")) { return false; }
    const layout = params.get("layout") === "map" && data.view.hasMap ? "map" : "network";
    if (layout !== state.layout) { setLayout(layout, {animate: false, updateHash: false}); }
    if (params.has("entity")) { focusEntity(params.get("entity"), {animate: false, updateHash: false}); }
    return true;
  }
  window.addEventListener("hashchange", followHash);

  // ===========================================================================================
  // Start: the readable first view, or the entity the link names; then say we are ready

  showIntro();
  byId("kg-predicates-count").textContent = "(all)";
  showReadableFirstView();
  followHash();
  performance.mark("kg:first-view");
  network.once("afterDrawing", () => {
    performance.mark("kg:ready");
    loading.hidden = true;
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
  });
  network.redraw();
})();
