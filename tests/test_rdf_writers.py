"""The RDF writers' own text: N-Triples as pyoxigraph writes it, JSON-LD as json.dumps writes it.

kg/export/rdf.py assembles both texts itself for speed (docs/performance.md); these tests hold
it to the libraries' output for any text an article can carry.
"""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.export.rdf import iter_triples, to_jsonld, to_ntriples, to_turtle
from kg.model import Evidence

# any text a file can decode to: every code point but the lone surrogates
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


def small_graph(label: str, alias: str, sentence: str, role: str, title: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.graph["base_iri"] = "https://example.org/kg/"
    graph.graph["documents"] = {
        "doc-a": {"identifier": f"{title}.txt", "title": title or None, "date": "2024-05-06"},
        "doc-b": {"identifier": "b.txt", "title": None, "date": None},
    }
    graph.add_node("person/a", cls="Person", label=label, aliases=(alias,), mentions=2, documents=("doc-a",))
    graph.add_node("place/b", cls="Place", label="B", aliases=(), mentions=1, documents=("doc-a", "doc-b"))
    evidence = (
        Evidence("doc-a", sentence, 0.5, "rule-x"),
        Evidence("doc-a", sentence + ".", 0.75, "rule-y"),
        Evidence("doc-b", "Another.", 0.9, "rule-x"),
    )
    for key_role in (role, "other"):
        graph.add_edge(
            "person/a",
            "place/b",
            key=f"holdsPosition|{key_role.lower()}|current|",
            predicate="holdsPosition",
            role=key_role or None,
            status="current",
            verb=None,
            confidence=0.9,
            evidence=evidence,
            documents=("doc-a", "doc-b"),
        )
    return graph


@settings(max_examples=60, deadline=None)
@given(label=TEXT, alias=TEXT, sentence=TEXT, role=TEXT, title=TEXT)
def test_ntriples_is_what_pyoxigraph_writes(label: str, alias: str, sentence: str, role: str, title: str) -> None:
    graph = small_graph(label, alias, sentence, role, title)
    text = to_ntriples(graph)
    triples = sorted(iter_triples(graph), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    written = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert written is not None
    assert text == written.decode("utf-8")


@settings(max_examples=60, deadline=None)
@given(label=TEXT, alias=TEXT, sentence=TEXT, role=TEXT, title=TEXT)
def test_jsonld_is_what_json_dumps_writes(label: str, alias: str, sentence: str, role: str, title: str) -> None:
    text = to_jsonld(small_graph(label, alias, sentence, role, title))
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"


def test_empty_graph() -> None:
    graph = nx.MultiDiGraph(base_iri="https://example.org/kg/", documents={})
    assert to_ntriples(graph) == ""
    assert json.loads(to_jsonld(graph))["@graph"] == []
    assert to_jsonld(graph) == json.dumps(json.loads(to_jsonld(graph)), ensure_ascii=False, indent=1) + "\n"
    assert all(line.startswith("@prefix ") for line in to_turtle(graph).splitlines() if line)


def test_a_fact_read_in_many_documents_gets_one_statement_per_document() -> None:
    """The evidence of an edge is grouped once, not scanned once per document."""
    graph = small_graph("A", "Mr A", "A is in B", "Mayor", "T")
    n = 2_000
    documents = tuple(f"doc-{i:05d}" for i in range(n))
    evidence = tuple(Evidence(d, f"Sentence {d}.", 0.5, "rule-x") for d in documents)
    graph.add_edge(
        "place/b",
        "person/a",
        key="relatedTo|||visit",
        predicate="relatedTo",
        role=None,
        status=None,
        verb="visit",
        confidence=0.5,
        evidence=evidence,
        documents=documents,
    )
    statements = [line for line in to_ntriples(graph).splitlines() if line.endswith("#Statement> .")]
    assert len(statements) == n + 2 * 2
