"""The page's second layout, the map: located entities at their longitude and latitude.

Computed once, here, beside kg/export/layout.py and for the same reasons: switching to the map in
the page is instant, the same graph always gives the same picture, and nothing is fetched (no
tiles: the places themselves draw the map).

1. Located entities, the places the gazetteer gives a point (a city its own coordinates, a
   country its capital's, docs/DESIGN.md), are projected equirectangularly with north up, and
   each is set down at the free spot nearest its point, the most connected first: a country
   and its capital share a point, and the towns of one county crowd, so without it their labels
   would cover each other. East stays east: only entities within a label's width of each other
   can trade places.
2. Entities tied to a place by what they are or do there (WHERE_PREDICATES: `locatedIn`,
   `basedIn`, `livesIn`, ... an office of a state) go beside the entity they are tied to, once
   that one is placed: the strongest kind of tie first, so a ministry based in London sits by
   London even when it is also part of a government placed elsewhere, and chains are followed
   (a person employed by a body based in Bishkek sits by the body, by Bishkek).
3. Entities with no such tie but with facts to entities already on the map (an ally of a
   president placed by his office, the building a parliament is based in) go near the mean of
   those neighbours, a little off it, and again while that places more.
4. The rest, entities with no fact reaching the map, keep the shape the network layout gives
   them, as one band below the map (its graticule and a heading on the page mark where the
   map ends), and the entities in no fact below that, as in the network layout.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeGuard

import networkx as nx

from kg.export.layout import EDGE_LENGTH, GREEDY_MAX, BoxGrid, label_boxes

# Canvas units per degree of latitude (and of longitude at the map's middle parallel): about a
# label's width for two degrees, so London and Paris (3.4 degrees apart) stand apart while a
# county's towns are pushed to the nearest free spots; a world map is some 20,000 units wide,
# inside the grid's 32,000 (layout._GRID_CELLS cells of layout._CELL).
MAP_SCALE = 60.0
# The parallel where the map is true to scale is the located entities' middle latitude, kept
# off the poles: past 60 degrees the east-west stretch would crowd everything into a column.
_MAX_STANDARD_PARALLEL = 60.0
# Ties that say where an entity is, strongest first (subject -> object, the object placed).
# Residence and seat before membership: a body is where it sits, a person where they live or
# hold office; belonging to a party or a body places a person only when nothing better does.
WHERE_PREDICATES = (
    "locatedIn",
    "capitalOf",
    "basedIn",
    "livesIn",
    "partOf",
    "holdsPosition",
    "leaderOf",
    "employedBy",
    "memberOf",
    "citizenOf",
)
# How far from its anchor an entity is set down first (then at the nearest free spot).
_BESIDE = 0.75 * EDGE_LENGTH
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
_BAND_GAP = 2 * EDGE_LENGTH
# The graticule the page draws reaches this many degrees past the located points.
GRATICULE_MARGIN = 5.0
_DECIMALS = 1


@dataclass(frozen=True)
class MapLayout:
    """Canvas coordinates for every node, and why each is where it is on the map.

    `where[node]` is `{"lat", "lon", "capital"}` for a located entity (`capital`: the point is its
    capital's), `{"beside": anchor, "by": predicate}` for one placed beside another by a tie of
    WHERE_PREDICATES, `{"near": [neighbours]}` for one placed near the mean of the neighbours
    on the map it has facts with; entities in the band below the map have no entry.
    `projection` is None when nothing is located: the map is then the network layout, and the
    page does not offer it.
    """

    positions: dict[str, tuple[float, float]]
    where: dict[str, dict[str, Any]]
    projection: Projection | None
    band_top: float | None = None  # where the entities with no known place begin, below the map

    @property
    def is_empty(self) -> bool:
        return self.projection is None


def _is_coordinate(value: Any, bound: float) -> TypeGuard[float]:
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return is_number and math.isfinite(value) and abs(value) <= bound


def located_point(attrs: Mapping[str, Any]) -> tuple[float, float, bool] | None:
    """(latitude, longitude, is the capital's point) of a node, or None when it has no point."""
    lat, lon = attrs.get("latitude"), attrs.get("longitude")
    if _is_coordinate(lat, 90.0) and _is_coordinate(lon, 180.0):
        return float(lat), float(lon), False
    capital = attrs.get("capital_point")
    if isinstance(capital, (tuple, list)) and len(capital) == 2:
        lat, lon = capital
        if _is_coordinate(lat, 90.0) and _is_coordinate(lon, 180.0):
            return float(lat), float(lon), True
    return None


@dataclass(frozen=True)
class Projection:
    """Equirectangular, north up: x grows with longitude and y with distance south, so a place
    further east is further right and one further north higher on the screen. True to scale
    along the standard parallel; centred on the located points' bounding box."""

    lat0: float
    lon0: float
    stretch: float  # cos(standard parallel): a degree of longitude in degrees of latitude
    south: float
    north: float
    west: float
    east: float

    def to_canvas(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.stretch * MAP_SCALE, (self.lat0 - lat) * MAP_SCALE

    def to_data(self) -> dict[str, float]:
        """What the page needs to draw the graticule: the projection and the graticule's bounds."""
        return {
            "scale": MAP_SCALE,
            "lat0": self.lat0,
            "lon0": self.lon0,
            "stretch": round(self.stretch, 6),
            "south": max(-90.0, self.south - GRATICULE_MARGIN),
            "north": min(90.0, self.north + GRATICULE_MARGIN),
            "west": max(-180.0, self.west - GRATICULE_MARGIN),
            "east": min(180.0, self.east + GRATICULE_MARGIN),
        }


def projection_for(points: Sequence[tuple[float, float]]) -> Projection:
    """The projection for these (latitude, longitude) points: true to scale at their middle latitude."""
    lats = sorted(lat for lat, _ in points)
    lons = sorted(lon for _, lon in points)
    middle = lats[len(lats) // 2]
    stretch = math.cos(math.radians(max(-_MAX_STANDARD_PARALLEL, min(_MAX_STANDARD_PARALLEL, middle))))
    return Projection(
        lat0=(lats[0] + lats[-1]) / 2,
        lon0=(lons[0] + lons[-1]) / 2,
        stretch=stretch,
        south=lats[0],
        north=lats[-1],
        west=lons[0],
        east=lons[-1],
    )


def linked(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Each entity's neighbours by any fact, either way round."""
    found: dict[str, set[str]] = {}
    for subject, obj in graph.edges():
        if subject != obj:
            found.setdefault(subject, set()).add(obj)
            found.setdefault(obj, set()).add(subject)
    return found


def where_ties(graph: nx.MultiDiGraph) -> dict[str, list[tuple[int, str, str]]]:
    """Each entity's ties to where it is: (strength, object, predicate), strongest first."""
    strength = {predicate: index for index, predicate in enumerate(WHERE_PREDICATES)}
    ties: dict[str, set[tuple[int, str, str]]] = {}
    for subject, obj, attrs in graph.edges(data=True):
        predicate = str(attrs.get("predicate") or "")
        if predicate in strength and subject != obj:
            ties.setdefault(subject, set()).add((strength[predicate], obj, predicate))
    return {node: sorted(found) for node, found in ties.items()}


class _Placer:
    """Sets label boxes down on one grid: at the free spot nearest a target, or (past
    GREEDY_MAX, where the search costs more than it adds) at the target itself."""

    def __init__(self, graph: nx.MultiDiGraph, sizes: Mapping[str, float]) -> None:
        self.graph = graph
        self.sizes = sizes
        self.grid = BoxGrid()
        self.placed: dict[str, tuple[float, float]] = {}
        self.search_from: dict[str | None, int] = {}

    def place(self, node: str, target: tuple[float, float], anchor: str | None = None) -> None:
        if len(self.placed) >= GREEDY_MAX:
            self.placed[node] = target
            return
        [box] = label_boxes([str(self.graph.nodes[node].get("label", node))], [self.sizes[node]]).tolist()
        width, height, offset = box
        # entities set down around one anchor need ever wider searches: each starts near where the last ended
        level = max(0, self.search_from.get(anchor, 0) - 1) if anchor else 0
        spot, found_at = self.grid.place((target[0], target[1] + offset), width, height, level)
        if anchor:
            self.search_from[anchor] = found_at
        self.placed[node] = (spot[0], spot[1] - offset) if spot else target


def map_layout(
    graph: nx.MultiDiGraph,
    order: Sequence[str],
    sizes: Mapping[str, float],
    home: Mapping[str, tuple[float, float]],
) -> MapLayout:
    """The map's canvas coordinates for every node in `order` (the rank order, most connected
    first); `sizes` are the nodes' drawn sizes and `home` the network layout's positions."""
    points = {node: found for node in order if (found := located_point(graph.nodes[node])) is not None}
    if not points:
        return MapLayout({node: home[node] for node in order}, {}, None)
    rank = {node: index for index, node in enumerate(order)}
    degree = dict(graph.degree())
    projection = projection_for([(lat, lon) for lat, lon, _ in points.values()])
    projected = {node: projection.to_canvas(lat, lon) for node, (lat, lon, _) in points.items()}
    placer = _Placer(graph, sizes)
    where: dict[str, dict[str, Any]] = {}
    # entities in facts take the spots nearest their points before those only mentioned
    for node in sorted(points, key=lambda n: (degree[n] == 0, rank[n])):
        placer.place(node, projected[node])
        lat, lon, is_capital = points[node]
        where[node] = {"lat": lat, "lon": lon, "capital": is_capital}
    ties = where_ties(graph)
    n_beside: dict[str, int] = {}
    # the strongest kind of tie first: every entity one can place by locatedIn, then by locatedIn
    # or capitalOf, and so on, each round repeated while it places more (chains of ties)
    for strongest in range(len(WHERE_PREDICATES)):
        is_placing = True
        while is_placing:
            is_placing = False
            for node in order:
                if node in placer.placed or node not in ties:
                    continue
                usable = [(s, rank[obj], obj, p) for s, obj, p in ties[node] if s <= strongest and obj in placer.placed]
                if not usable:
                    continue
                _, _, anchor, predicate = min(usable)
                index = n_beside.get(anchor, 0)
                n_beside[anchor] = index + 1
                ax, ay = placer.placed[anchor]
                radius = _BESIDE * (1.0 + 0.25 * math.sqrt(index))
                angle = _GOLDEN_ANGLE * index
                placer.place(node, (ax + radius * math.cos(angle), ay + radius * math.sin(angle)), anchor)
                where[node] = {"beside": anchor, "by": predicate}
                is_placing = True
    # then the entities whose only facts with the map are of other kinds: near the mean of those
    # neighbours, the most connected first, each round placing what the last one made reachable
    neighbours = linked(graph)
    is_placing = True
    while is_placing:
        is_placing = False
        for node in order:
            if node in placer.placed:
                continue
            on_map = sorted((n for n in neighbours.get(node, ()) if n in placer.placed), key=rank.__getitem__)
            if not on_map:
                continue
            mx = sum(placer.placed[n][0] for n in on_map) / len(on_map)
            my = sum(placer.placed[n][1] for n in on_map) / len(on_map)
            # a deterministic step off the mean, turning by the golden angle from one to the next
            # around the same first neighbour, so two entities near one place do not start on one spot
            index = n_beside.get(on_map[0], 0)
            n_beside[on_map[0]] = index + 1
            radius = _BESIDE * (1.0 + 0.25 * math.sqrt(index))
            angle = _GOLDEN_ANGLE * index
            placer.place(node, (mx + radius * math.cos(angle), my + radius * math.sin(angle)), on_map[0])
            where[node] = {"near": on_map}
            is_placing = True
    positions = dict(placer.placed)
    rest = [node for node in order if node not in positions]
    band_top = None
    if rest:
        # the network layout's picture of the rest, moved as one block to below the map and its graticule
        map_x = [x for x, _ in positions.values()]
        graticule_bottom = projection.to_canvas(projection.to_data()["south"], projection.lon0)[1]
        band_top = max(graticule_bottom, *(y + sizes[node] + 24 for node, (_, y) in positions.items())) + _BAND_GAP
        block_x = [home[node][0] for node in rest]
        block_top = min(home[node][1] - sizes[node] for node in rest)
        dx = (min(map_x) + max(map_x)) / 2 - (min(block_x) + max(block_x)) / 2
        for node in rest:
            positions[node] = (home[node][0] + dx, home[node][1] + band_top - block_top)
    # plain floats (the network layout's are numpy's), rounded, and never -0.0: the same bytes every time
    rounded = {
        node: (round(float(positions[node][0]), _DECIMALS) + 0.0, round(float(positions[node][1]), _DECIMALS) + 0.0)
        for node in order
    }
    return MapLayout(rounded, where, projection, None if band_top is None else round(float(band_top), _DECIMALS))
