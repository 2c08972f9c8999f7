"""The seeds' graph as an analyst meets it: people with positions, institutions with ties, no junk.

The golden graph (tests/golden/seeds.nt) is compared as a graph, not as text; refresh it
after an intended change with `pytest tests/test_seeds.py --update-golden` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

GOLDEN = Path(__file__).parent / "golden" / "seeds.nt"


def test_seeds_graph_matches_the_golden_graph(seeds_build: Path, request: pytest.FixtureRequest) -> None:
    built = seeds_build / "graph.nt"
    if request.config.getoption("--update-golden"):
        shutil.copyfile(built, GOLDEN)
    expected = rdflib.Graph().parse(GOLDEN, format="nt")
    actual = rdflib.Graph().parse(built, format="nt")
    if not isomorphic(expected, actual):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        lines = [f"- {t}" for t in sorted(missing)[:15]] + [f"+ {t}" for t in sorted(extra)[:15]]
        pytest.fail("seeds graph differs from tests/golden/seeds.nt (--update-golden to accept):\n" + "\n".join(lines))


def _facts(graph: nx.MultiDiGraph) -> set[tuple[str, str, str, str, str]]:
    labels = nx.get_node_attributes(graph, "label")
    return {
        (labels[s], d["predicate"], labels[o], (d["role"] or "").lower(), d["status"] or "")
        for s, o, d in graph.edges(data=True)
    }


ANALYST_EXPECTS = [
    ("Sooronbai Jeenbekov", "leaderOf", "Kyrgyzstan", "president", "current"),
    ("Almazbek Atambayev", "leaderOf", "Kyrgyzstan", "president", "former"),
    ("Kubatbek Boronov", "leaderOf", "Kyrgyzstan", "prime minister", "current"),
    ("Kashkar Junushaliyev", "holdsPosition", "Kyrgyzstan", "interior minister", "current"),
    ("Kursan Asanov", "holdsPosition", "Kyrgyzstan", "acting interior minister", "acting"),
    ("Sapar Isakov", "leaderOf", "Kyrgyzstan", "prime minister", "former"),
    ("Kate Mallinson", "memberOf", "Prism Political Risk Management", "", ""),
    ("Asylbek Jeenbekov", "relativeOf", "Sooronbai Jeenbekov", "brother", ""),
    ("Alexander Lukashenko", "leaderOf", "Belarus", "strongman president", "current"),
    ("Bishkek", "capitalOf", "Kyrgyzstan", "", ""),
    ("Jeruy", "locatedIn", "Kyrgyzstan", "", ""),
    ("China", "borders", "Kyrgyzstan", "", ""),
    ("Kyrgyzstan", "allyOf", "Russia", "ally", ""),
    ("Russian embassy", "basedIn", "Russia", "", ""),
    ("central election commission (Kyrgyzstan)", "basedIn", "Kyrgyzstan", "", ""),
    ("interior ministry (Kyrgyzstan)", "basedIn", "Kyrgyzstan", "", ""),
    ("health ministry (Kyrgyzstan)", "basedIn", "Kyrgyzstan", "", ""),
    ("Sooronbai Jeenbekov", "successorOf", "Almazbek Atambayev", "", ""),
    ("Almazbek Atambayev", "opponentOf", "Sooronbai Jeenbekov", "", ""),
]


@pytest.mark.parametrize("fact", ANALYST_EXPECTS, ids=lambda f: f"{f[0]}-{f[1]}-{f[2]}")
def test_analyst_finds_the_fact(seeds_graph: nx.MultiDiGraph, fact: tuple[str, str, str, str, str]) -> None:
    facts = _facts(seeds_graph)
    subject, predicate, obj, role, status = fact
    assert fact in facts or (obj, predicate, subject, role, status) in facts, sorted(f for f in facts if subject in f)


def test_aliases_are_merged_and_namesakes_kept_apart(seeds_graph: nx.MultiDiGraph) -> None:
    people = {d["label"]: d for _, d in seeds_graph.nodes(data=True) if d["cls"] == "Person"}
    assert {"Mr Jeenbekov", "Jeenbekov"} <= set(people["Sooronbai Jeenbekov"]["aliases"])
    assert "Asylbek Jeenbekov" in people
    assert "Mr Atambayev" in people["Almazbek Atambayev"]["aliases"]
    assert not any(label in people for label in ("Jeenbekov", "Atambayev", "Mr Jeenbekov"))


def test_every_node_is_a_real_entity(seeds_graph: nx.MultiDiGraph) -> None:
    labels = {d["label"] for _, d in seeds_graph.nodes(data=True)}
    people = {d["label"] for _, d in seeds_graph.nodes(data=True) if d["cls"] == "Person"}
    assert people == {
        "Sooronbai Jeenbekov", "Almazbek Atambayev", "Kubatbek Boronov", "Kashkar Junushaliyev", "Kursan Asanov",
        "Sapar Isakov", "Farid Niyazov", "Asylbek Jeenbekov", "Kate Mallinson", "Alexander Lukashenko",
    }  # fmt: skip
    junk = {"Burnt", "Debris", "AFP", "REUTERS", "Reuters", "Interior", "Demonstrators", "Photograph"}
    assert not labels & junk
    assert not [label for label in labels if "Getty" in label or "Financial Times" in label or "Oseledko" in label]
    assert not any("\n" in label for label in labels)


def test_places_and_bodies_have_their_classes(seeds_graph: nx.MultiDiGraph) -> None:
    classes = {d["label"]: d["cls"] for _, d in seeds_graph.nodes(data=True)}
    for place in ("Kyrgyzstan", "Bishkek", "Belarus", "Caucasus", "Jeruy", "Osh", "Moscow", "China", "Russia"):
        assert classes.get(place) == "Place", place
    for body in ("Prism Political Risk Management", "Russian embassy", "national security committee (Kyrgyzstan)"):
        assert classes.get(body) == "Institution", body
    assert classes.get("coordination council (Kyrgyzstan)") == "Party"
