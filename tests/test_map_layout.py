"""The map layout (kg/export/map_layout.py) as a pure function of the graph: where located
entities, their neighbours and the rest go, and that the same graph always gives the same map.

The page's own test of the map, on a graph built from text, is in tests/test_html.py."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.export.html import node_size
from kg.export.layout import layout, rank_order
from kg.export.map_layout import MapLayout, Projection, located_point, map_layout, projection_for
from kg.model import Evidence

# Real points (GeoNames), so the expectations read as geography.
CITIES = {
    "place/paris": ("Paris", 48.8534, 2.3488),
    "place/warsaw": ("Warsaw", 52.2298, 21.0118),
    "place/stockholm": ("Stockholm", 59.3294, 18.0687),
    "place/madrid": ("Madrid", 40.4165, -3.7026),
    "place/moscow": ("Moscow", 55.752, 37.6178),
}


def _fact(graph: nx.MultiDiGraph, subject: str, predicate: str, obj: str) -> None:
    evidence = (Evidence("doc", f"{subject} {predicate} {obj}.", 0.9, "rule"),)
    graph.add_edge(subject, obj, key=predicate, predicate=predicate, evidence=evidence, documents=("doc",))


def europe(reverse: bool = False) -> nx.MultiDiGraph:
    """Five cities, a country at its capital's point, a ministry based in a city, a person who
    leads the country, an ally of that person, and two people in facts with no place."""
    graph = nx.MultiDiGraph()
    nodes: list[tuple[str, dict[str, Any]]] = [
        (node, {"cls": "Place", "label": label, "latitude": lat, "longitude": lon})
        for node, (label, lat, lon) in CITIES.items()
    ]
    nodes += [
        ("place/poland", {"cls": "Place", "label": "Poland", "capital_point": (52.2298, 21.0118)}),
        ("institution/swedish-foreign-ministry", {"cls": "Institution", "label": "Swedish foreign ministry"}),
        ("person/kwasniewski", {"cls": "Person", "label": "Aleksander Kwasniewski"}),
        ("person/ally", {"cls": "Person", "label": "An Ally"}),
        ("person/nowhere-a", {"cls": "Person", "label": "Nowhere A"}),
        ("person/nowhere-b", {"cls": "Person", "label": "Nowhere B"}),
        ("place/atlantis", {"cls": "Place", "label": "Atlantis", "latitude": float("nan"), "longitude": 400.0}),
    ]
    facts = [
        ("place/warsaw", "locatedIn", "place/poland"),
        ("institution/swedish-foreign-ministry", "basedIn", "place/stockholm"),
        ("person/kwasniewski", "leaderOf", "place/poland"),
        ("person/ally", "allyOf", "person/kwasniewski"),
        ("person/nowhere-a", "opponentOf", "person/nowhere-b"),
        ("place/paris", "relatedTo", "place/madrid"),
        ("place/moscow", "relatedTo", "place/atlantis"),
    ]
    for node, attrs in reversed(nodes) if reverse else nodes:
        graph.add_node(node, mentions=1, documents=("doc",), aliases=(), **attrs)
    for fact in reversed(facts) if reverse else facts:
        _fact(graph, *fact)
    return graph


def _map(graph: nx.MultiDiGraph) -> MapLayout:
    order = rank_order(graph)
    sizes = {node: node_size(degree) for node, degree in graph.degree()}
    return map_layout(graph, order, sizes, layout(graph, order, sizes))


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def test_east_is_right_and_north_is_up() -> None:
    positions = _map(europe()).positions
    for one, (_, lat_a, lon_a) in CITIES.items():
        for other, (_, lat_b, lon_b) in CITIES.items():
            # cities within a label's width of each other may trade places to keep labels apart
            if lon_a > lon_b + 3:
                assert positions[one][0] > positions[other][0], f"{one} is east of {other}"
            if lat_a > lat_b + 3:
                assert positions[one][1] < positions[other][1], f"{one} is north of {other}"


def test_the_projection_is_equirectangular_at_the_middle_parallel() -> None:
    projection = projection_for([(lat, lon) for _, lat, lon in CITIES.values()])
    assert projection.stretch == pytest.approx(math.cos(math.radians(52.2298)))  # Warsaw's, the median
    x0, y0 = projection.to_canvas(50.0, 10.0)
    x1, y1 = projection.to_canvas(50.0, 20.0)
    x2, y2 = projection.to_canvas(40.0, 10.0)
    assert y1 == y0 and x1 - x0 == pytest.approx(10 * projection.stretch * 60.0)  # one parallel, ten degrees east
    assert x2 == x0 and y2 - y0 == pytest.approx(10 * 60.0)  # ten degrees south is further down


def test_a_country_is_at_its_capitals_point_and_says_so() -> None:
    result = _map(europe())
    assert result.where["place/poland"] == {"lat": 52.2298, "lon": 21.0118, "capital": True}
    assert result.where["place/warsaw"]["capital"] is False
    # they share a point, so one is moved to the nearest free spot: still next to the other
    assert _distance(result.positions["place/poland"], result.positions["place/warsaw"]) < 200


def test_entities_go_beside_the_place_they_are_tied_to() -> None:
    result = _map(europe())
    ministry = result.positions["institution/swedish-foreign-ministry"]
    assert result.where["institution/swedish-foreign-ministry"] == {"beside": "place/stockholm", "by": "basedIn"}
    nearest = min(CITIES, key=lambda city: _distance(ministry, result.positions[city]))
    assert nearest == "place/stockholm"
    assert result.where["person/kwasniewski"] == {"beside": "place/poland", "by": "leaderOf"}


def test_an_entity_linked_only_by_other_facts_goes_near_its_neighbours_on_the_map() -> None:
    result = _map(europe())
    assert result.where["person/ally"] == {"near": ["person/kwasniewski"]}
    ally, leader = result.positions["person/ally"], result.positions["person/kwasniewski"]
    assert _distance(ally, leader) < 250
    assert ally != leader, "set a little off the neighbour, not on it"


def test_entities_with_no_fact_reaching_the_map_are_in_a_band_below_it() -> None:
    result = _map(europe())
    assert result.band_top is not None
    on_map = [pos for node, pos in result.positions.items() if node in result.where]
    for node in ("person/nowhere-a", "person/nowhere-b"):
        assert node not in result.where
        assert result.positions[node][1] >= result.band_top
        assert all(result.positions[node][1] > y for _, y in on_map)


def test_bad_coordinates_place_nothing() -> None:
    assert located_point({"latitude": float("nan"), "longitude": 400.0}) is None
    assert located_point({"latitude": True, "longitude": 1.0}) is None
    assert located_point({"latitude": 91.0, "longitude": 1.0}) is None
    assert located_point({"capital_point": (10.0,)}) is None
    assert located_point({"latitude": 1, "longitude": 2}) == (1.0, 2.0, False)
    result = _map(europe())
    # Atlantis has no valid point: it is placed by its fact with Moscow, not at (nan, 400)
    assert result.where["place/atlantis"] == {"near": ["place/moscow"]}
    assert all(math.isfinite(v) for pos in result.positions.values() for v in pos)


def test_no_located_entity_means_no_map() -> None:
    graph = europe()
    for node in list(graph):
        for key in ("latitude", "longitude", "capital_point"):
            graph.nodes[node].pop(key, None)
    order = rank_order(graph)
    sizes = {node: node_size(degree) for node, degree in graph.degree()}
    home = layout(graph, order, sizes)
    result = map_layout(graph, order, sizes, home)
    assert result.is_empty and result.projection is None
    assert result.positions == {node: home[node] for node in order}


def test_same_graph_same_map_whatever_the_insertion_order() -> None:
    first, again, reversed_ = _map(europe()), _map(europe()), _map(europe(reverse=True))
    assert first == again == reversed_
    assert all(type(v) is float for pos in first.positions.values() for v in pos), "plain floats for JSON"


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-60, 60), st.floats(-170, 170)),
        min_size=2,
        max_size=6,
        unique_by=lambda p: (round(p[0]), round(p[1])),
    )
)
def test_far_apart_places_keep_their_compass_order(points: list[tuple[float, float]]) -> None:
    graph = nx.MultiDiGraph()
    for i, (lat, lon) in enumerate(points):
        graph.add_node(f"place/p{i}", cls="Place", label=f"P{i}", latitude=lat, longitude=lon, mentions=1)
    result = _map(graph)
    assert isinstance(result.projection, Projection)
    for i, (lat_a, lon_a) in enumerate(points):
        for j, (lat_b, lon_b) in enumerate(points):
            a, b = result.positions[f"place/p{i}"], result.positions[f"place/p{j}"]
            if lon_a > lon_b + 10:
                assert a[0] > b[0]
            if lat_a > lat_b + 10:
                assert a[1] < b[1]
