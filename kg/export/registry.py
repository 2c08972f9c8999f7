"""Every output file and the pure function that renders it, in one place."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

import networkx as nx

from kg.export.html import to_html
from kg.export.rdf import to_jsonld, to_ntriples, to_turtle


def ontology_text(graph: nx.MultiDiGraph) -> str:
    """The vocabulary is the same for every graph: shipped as kg/ontology.ttl."""
    del graph
    return resources.files("kg").joinpath("ontology.ttl").read_text(encoding="utf-8")


EXPORTERS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "graph.ttl": to_turtle,
    "graph.nt": to_ntriples,
    "graph.jsonld": to_jsonld,
    "ontology.ttl": ontology_text,
    "graph.html": to_html,
}
