"""Test helper: run the whole pipeline on a text in memory and read back labelled facts."""

from __future__ import annotations

import networkx as nx

from kg.config import DEFAULT_BASE_IRI
from kg.extract.document import extract_document
from kg.graph import build_graph
from kg.ingest import to_document
from kg.knowledge import load_knowledge
from kg.nlp import load_pipeline
from kg.resolve import resolve_entities


def graph_of(*texts: str) -> nx.MultiDiGraph:
    """The graph kg builds from these texts, one document each."""
    nlp, knowledge = load_pipeline(), load_knowledge()
    documents = [d for i, text in enumerate(texts) if (d := to_document(f"doc{i}.txt", text)) is not None]
    extractions = [extract_document(d, list(nlp.pipe(d.paragraphs)), knowledge) for d in documents]
    entities, facts = resolve_entities(extractions, knowledge)
    return build_graph(documents, entities, facts, DEFAULT_BASE_IRI)


def labelled_facts(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) for every edge."""
    labels = nx.get_node_attributes(graph, "label")
    return {(labels[s], data["predicate"], labels[o]) for s, o, data in graph.edges(data=True)}


def entities_by_class(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for _, data in graph.nodes(data=True):
        found.setdefault(data["cls"], set()).add(data["label"])
    return found
