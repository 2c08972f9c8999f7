"""Where each entity sits on the page, and which community it belongs to: computed once, here.

The page opens with the layout already settled: positions come from this module, so there is no
physics to wait for in the browser, and the same graph always gives the same picture (the same
bytes). The layout is built for reading:

1. The most connected entities (FIRST_TIER of them) that are linked to each other get a force
   layout of their own (Fruchterman-Reingold), so the first view is one compact picture.
2. Every entity is then set down in rank order, most connected first, at the free spot nearest
   where it wants to be: its force-layout position, or one edge length from the entities it is
   linked to, or the middle for a piece of the graph no earlier entity links to. "Free" means
   its shape and label overlap no label already set down (a grid of occupied cells, searched
   with a summed-area table), so labels never cover each other, and "show more" only adds
   entities around the ones on screen without moving them.
3. Past GREEDY_MAX entities the search costs more than it adds; the rest are set on a spiral
   around their best-ranked neighbour, and entities in no fact in a grid below everything.

numpy only (spaCy already depends on it); no scipy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np

LAYOUT_SEED = 7
# The distance an edge settles at, in vis-network canvas units (pixels at zoom 1).
EDGE_LENGTH = 130.0
# Node labels are drawn this size (canvas units) under the shape; the layout keeps their boxes
# apart, estimating a label's width from its length (an average glyph is about 0.55 em wide).
LABEL_FONT_SIZE = 16
_GLYPH_WIDTH = 0.55
_BOX_MARGIN = 8.0
# About what a 1400x900 screen shows with readable labels: these get the force layout.
FIRST_TIER = 90
_ITERATIONS = 300
# Repulsion acts only within this many edge lengths (the grid variant of Fruchterman and
# Reingold): with it everywhere, the mass of the middle stretches every edge at the rim.
_REPULSION_REACH = 3.0
_ASPECT = 1.15
# Entities set down without overlap; past this the rest go on spirals (no one reads them all).
GREEDY_MAX = 1500
_CELL = 20.0
_GRID_CELLS = 1600  # 32,000 canvas units square: room for GREEDY_MAX labels several times over
_SEARCH_RADII = (6, 12, 24, 48, 96, 192, 384, 768)
LOUVAIN_MAX_LINKS = 5000
_GRID_SPACING = 170.0
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
_DECIMALS = 1


def rank_order(graph: nx.MultiDiGraph) -> list[str]:
    """Most connected first; then the most mentioned; ties by label and id, so the order is total."""
    degree = dict(graph.degree())
    return sorted(
        graph.nodes,
        key=lambda node: (
            -degree[node],
            -int(graph.nodes[node].get("mentions", 0)),
            str(graph.nodes[node].get("label", "")).casefold(),
            node,
        ),
    )


def fact_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Entities that take part in facts, one undirected edge per linked pair, built in sorted order."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(node for node, degree in graph.degree() if degree > 0))
    simple.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v in graph.edges() if u != v}))
    return simple


def communities(simple: nx.Graph, order: Sequence[str]) -> dict[str, int]:
    """Communities of the fact graph, numbered by size (0 is the largest), with a fixed seed.

    Louvain (best modularity of networkx's methods on news graphs) up to LOUVAIN_MAX_LINKS
    linked pairs; past that it takes seconds, and fast label propagation takes a tenth of one.
    Both walk sets of nodes, whose order follows string hashes; on integer labels they are the
    same in every process, so the nodes are numbered first. `simple` is fact_graph(graph);
    entities in no fact get no community.
    """
    if simple.number_of_nodes() == 0:
        return {}
    numbered = nx.convert_node_labels_to_integers(simple, ordering="sorted", label_attribute="node")
    names = nx.get_node_attributes(numbered, "node")
    if numbered.number_of_edges() <= LOUVAIN_MAX_LINKS:
        found = nx.community.louvain_communities(numbered, seed=LAYOUT_SEED)
    else:
        found = nx.community.fast_label_propagation_communities(numbered, seed=LAYOUT_SEED)
    rank = {node: index for index, node in enumerate(order)}
    groups = sorted(
        ([names[i] for i in group] for group in found),
        key=lambda members: (-len(members), min(rank[m] for m in members)),
    )
    return {member: index for index, members in enumerate(groups) for member in members}


def label_boxes(labels: Sequence[str], sizes: Sequence[float]) -> np.ndarray:
    """(width, height, centre offset below the node) of what vis-network draws for each node.

    Shapes are drawn `size` around the point and the label just under them, so the box runs
    from `size` above the point to the label's foot.
    """
    size = np.asarray(sizes, dtype=float).reshape(-1)
    chars = np.array([len(label) for label in labels], dtype=float)
    width = np.maximum(2 * size, chars * LABEL_FONT_SIZE * _GLYPH_WIDTH) + _BOX_MARGIN
    height = 2 * size + LABEL_FONT_SIZE + 4 + _BOX_MARGIN
    offset = (LABEL_FONT_SIZE + 4) / 2
    return np.column_stack([width, height, np.full_like(width, offset)])


def force_layout(start: np.ndarray, edges: np.ndarray, iterations: int, k: float = EDGE_LENGTH) -> np.ndarray:
    """Fruchterman-Reingold from `start` (n x 2) with springs along `edges` (m x 2 row indices)."""
    # float32 and x, y apart: a quarter of the memory traffic of one float64 (n, n, 2) array
    x, y = start[:, 0].astype(np.float32), start[:, 1].astype(np.float32)
    n = len(x)
    k2 = k * k
    cutoff2 = (_REPULSION_REACH * k) ** 2
    # The step shrinks linearly to nothing: big moves first, then fine settling.
    for temperature in np.linspace(k * 2.0, k * 0.02, iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        push = dx * dx
        push += dy * dy
        np.maximum(push, 1e-2, out=push)
        reach = np.maximum(1.0 - push / cutoff2, 0.0)
        np.divide(k2, push, out=push)
        push *= reach
        move_x = (dx * push).sum(axis=1)
        move_y = (dy * push).sum(axis=1)
        if len(edges):
            ex = x[edges[:, 0]] - x[edges[:, 1]]
            ey = y[edges[:, 0]] - y[edges[:, 1]]
            stretch = np.sqrt(ex * ex + ey * ey) / k
            move_x += np.bincount(edges[:, 1], ex * stretch, n) - np.bincount(edges[:, 0], ex * stretch, n)
            move_y += np.bincount(edges[:, 1], ey * stretch, n) - np.bincount(edges[:, 0], ey * stretch, n)
        length = np.maximum(np.hypot(move_x, move_y), 1e-9)
        step = np.minimum(length, temperature) / length
        x += move_x * step
        y += move_y * step
    return np.column_stack([x, y]).astype(float)


class BoxGrid:
    """The canvas as a grid of cells, marked where a label box has been set down.

    `place` finds the free spot nearest a target for one more box: over a window around the
    target, a summed-area table gives how many marked cells each candidate spot would cover, and
    the nearest spot covering none wins (ties go to the first in row order, so it is
    deterministic). The window widens until a spot is found.
    """

    def __init__(self, cells: int = _GRID_CELLS, cell: float = _CELL) -> None:
        self.cell = cell
        self.taken = np.zeros((cells, cells), dtype=bool)
        self.origin = cells // 2  # canvas (0, 0) is the middle cell

    def place(
        self, target: tuple[float, float], width: float, height: float, first_radius: int = 0
    ) -> tuple[tuple[float, float] | None, int]:
        """Mark the free width x height box nearest `target`: its centre (None if there is no room),
        and which search radius found it.

        `first_radius` skips the smaller windows: entities placed around one anchor one after
        another need ever wider searches, so each starts where the last one ended. A window holds
        every spot nearer than its radius, so the nearest free spot is still the one found.
        """
        cells = len(self.taken)
        box_w, box_h = max(1, math.ceil(width / self.cell)), max(1, math.ceil(height / self.cell))
        cx, cy = target[0] / self.cell + self.origin, target[1] / self.cell + self.origin
        for level in range(first_radius, len(_SEARCH_RADII)):
            radius = _SEARCH_RADII[level]
            top = max(0, math.floor(cy - box_h / 2) - radius)
            left = max(0, math.floor(cx - box_w / 2) - radius)
            bottom = min(cells, top + 2 * radius + box_h)
            right = min(cells, left + 2 * radius + box_w)
            window = self.taken[top:bottom, left:right]
            if window.shape[0] < box_h or window.shape[1] < box_w:
                continue
            table = np.zeros((window.shape[0] + 1, window.shape[1] + 1), dtype=np.int32)
            table[1:, 1:] = window.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)
            covered = table[box_h:, box_w:] - table[:-box_h, box_w:] - table[box_h:, :-box_w] + table[:-box_h, :-box_w]
            rows, cols = np.nonzero(covered == 0)
            if len(rows) == 0:
                continue
            centre_y = top + rows + box_h / 2
            centre_x = left + cols + box_w / 2
            best = int(np.argmin((centre_x - cx) ** 2 + (centre_y - cy) ** 2))
            row, col = top + int(rows[best]), left + int(cols[best])
            self.taken[row : row + box_h, col : col + box_w] = True
            spot = (float(centre_x[best]) - self.origin) * self.cell, (float(centre_y[best]) - self.origin) * self.cell
            return spot, level
        return None, len(_SEARCH_RADII)


def _pieces(nodes: Sequence[str], simple: nx.Graph, rank: Mapping[str, int]) -> list[list[str]]:
    """Connected pieces of the subgraph on `nodes`, each in rank order, the best-ranked piece first."""
    found = [sorted(piece, key=rank.__getitem__) for piece in nx.connected_components(simple.subgraph(nodes))]
    return sorted(found, key=lambda piece: rank[piece[0]])


def _edges(nodes: Sequence[str], simple: nx.Graph) -> np.ndarray:
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u in nodes for v in simple[u] if v in index and index[v] > index[u]]
    return np.array(pairs, dtype=int).reshape(-1, 2)


def _first_view_targets(
    first: Sequence[str], simple: nx.Graph, rank: Mapping[str, int]
) -> dict[str, tuple[float, float]]:
    """Force-layout positions for the largest linked piece among the first tier's entities."""
    pieces = _pieces(first, simple, rank)
    if not pieces or len(pieces[0]) < 3:
        return {}
    piece = max(pieces, key=len)
    rng = np.random.default_rng(LAYOUT_SEED)
    radius = EDGE_LENGTH * math.sqrt(len(piece)) / 2
    start = rng.uniform(-radius, radius, size=(len(piece), 2))
    settled = force_layout(start, _edges(piece, simple), _ITERATIONS)
    # widened to a screen's shape: most screens that open the page are landscape
    settled = (settled - settled.mean(axis=0)) * np.array([_ASPECT, 1 / _ASPECT])
    return {node: (float(x), float(y)) for node, (x, y) in zip(piece, settled, strict=True)}


def _target(
    node: str, simple: nx.Graph, placed: Mapping[str, tuple[float, float]], rank: Mapping[str, int], n_children: dict
) -> tuple[float, float]:
    """One edge length out from the entities it is linked to, away from the middle; else the middle."""
    anchors = [m for m in simple[node] if m in placed]
    if not anchors:
        return (0.0, 0.0)
    ax = sum(placed[m][0] for m in anchors) / len(anchors)
    ay = sum(placed[m][1] for m in anchors) / len(anchors)
    first = min(anchors, key=rank.__getitem__)
    index = n_children.get(first, 0)
    n_children[first] = index + 1
    outwards = math.atan2(ay, ax) if (ax, ay) != (0.0, 0.0) else 0.0
    angle = outwards + _GOLDEN_ANGLE * index
    return ax + EDGE_LENGTH * math.cos(angle), ay + EDGE_LENGTH * math.sin(angle)


def _place_beside_neighbours(
    nodes: Iterable[str], placed: dict[str, tuple[float, float]], simple: nx.Graph, rank: Mapping[str, int]
) -> list[str]:
    """Each node on a spiral around its best-ranked placed neighbour; returns the ones left over."""
    children: dict[str, int] = {}
    left = list(nodes)
    while True:
        waiting = []
        for node in left:
            anchors = [m for m in simple[node] if m in placed]
            if not anchors:
                waiting.append(node)
                continue
            anchor = min(anchors, key=rank.__getitem__)
            index = children.get(anchor, 0)
            children[anchor] = index + 1
            ax, ay = placed[anchor]
            r = EDGE_LENGTH * (0.7 + 0.22 * math.sqrt(index))
            angle = _GOLDEN_ANGLE * index
            placed[node] = (ax + r * math.cos(angle), ay + r * math.sin(angle))
        if len(waiting) == len(left):
            return waiting
        left = waiting


def _bounds(points: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def layout(
    graph: nx.MultiDiGraph, order: Sequence[str], sizes: Mapping[str, float], simple: nx.Graph | None = None
) -> dict[str, tuple[float, float]]:
    """Canvas coordinates for every node, deterministic; the most connected entities in the middle.

    `order` is the rank order (most connected first), `sizes` the drawn size of each node and
    `simple` the fact graph, when the caller has it already.
    """
    simple = fact_graph(graph) if simple is None else simple
    rank = {node: index for index, node in enumerate(order)}
    in_facts = [node for node in order if node in simple]
    targets = _first_view_targets(in_facts[:FIRST_TIER], simple, rank)
    # the force-laid piece first, so the rest of the first tier fits around it, not into it
    greedy = [n for n in in_facts[:GREEDY_MAX] if n in targets] + [n for n in in_facts[:GREEDY_MAX] if n not in targets]
    boxes = label_boxes([str(graph.nodes[n].get("label", n)) for n in greedy], [sizes[n] for n in greedy])
    grid = BoxGrid()
    placed: dict[str, tuple[float, float]] = {}
    n_children: dict[str, int] = {}
    search_from: dict[str | None, int] = {}
    for node, (width, height, offset) in zip(greedy, boxes, strict=True):
        # a node none of whose links is placed yet starts a piece of its own, in the middle
        x, y = targets.get(node) or _target(node, simple, placed, rank, n_children)
        anchor = min((m for m in simple[node] if m in placed), key=rank.__getitem__, default=None)
        level = max(0, search_from.get(anchor, 0) - 1)
        spot, search_from[anchor] = grid.place((x, y + offset), width, height, level)
        placed[node] = (spot[0], spot[1] - offset) if spot else (x, y)
    rest = in_facts[GREEDY_MAX:]
    left = _place_beside_neighbours(rest, placed, simple, rank)
    if left:
        # pieces that no placed entity links to: each starts on a ring beyond everything placed
        x0, y0, x1, y1 = _bounds(placed.values()) if placed else (0.0, 0.0, 0.0, 0.0)
        radius = max(x1 - x0, y1 - y0) / 2 + EDGE_LENGTH
        for node in left:
            if node in placed:
                continue
            angle = _GOLDEN_ANGLE * len(placed)
            placed[node] = ((x0 + x1) / 2 + radius * math.cos(angle), (y0 + y1) / 2 + radius * math.sin(angle))
            _place_beside_neighbours(
                sorted(nx.node_connected_component(simple, node) - {node}, key=rank.__getitem__), placed, simple, rank
            )
    unlinked = [node for node in order if node not in simple]
    if unlinked:
        x0, _, x1, y1 = _bounds(placed.values()) if placed else (0.0, 0.0, 0.0, 0.0)
        columns = max(1, math.ceil(math.sqrt(len(unlinked) * 2)))
        left_x = (x0 + x1) / 2 - (columns - 1) * _GRID_SPACING / 2
        for i, node in enumerate(unlinked):
            row, column = divmod(i, columns)
            placed[node] = (left_x + column * _GRID_SPACING, y1 + 2 * _GRID_SPACING + row * _GRID_SPACING * 0.6)
    return {node: (round(placed[node][0], _DECIMALS) + 0.0, round(placed[node][1], _DECIMALS) + 0.0) for node in order}
