"""RDF exports: round trips, one exporter registry, SPARQL over the seeds, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export.rdf import KGO, to_jsonld, to_ntriples, to_turtle
from kg.export.registry import EXPORTERS
from tests.extraction import graph_of

# Each RDF exporter and the rdflib parser format that reads its output back.
ROUND_TRIPS = {
    "graph.ttl": (to_turtle, "turtle"),
    "graph.nt": (to_ntriples, "nt"),
    "graph.jsonld": (to_jsonld, "json-ld"),
}
NOT_A_GRAPH = {"graph.html", "ontology.ttl"}  # the page is checked in a browser; the ontology is static


def test_every_registered_exporter_has_a_round_trip_test() -> None:
    assert set(EXPORTERS) == set(ROUND_TRIPS) | NOT_A_GRAPH


HOSTILE = (
    'Prime Minister Ama Owusu of Ghana said "</script><script>alert(1)</script>" \\ <img src=x onerror=alert(2)> '
    "in Accra 🎉\u202e on Monday. Ghana's interior ministry denied it."
)


@pytest.fixture(scope="module")
def hostile_graph():
    return graph_of(HOSTILE, "Kyrgyzstan borders China. President Sooronbai Jeenbekov of Kyrgyzstan spoke.")


@pytest.mark.parametrize("name", sorted(ROUND_TRIPS))
def test_rdf_round_trips_to_the_same_graph(hostile_graph, name: str) -> None:
    exporter, syntax = ROUND_TRIPS[name]
    reference = rdflib.Graph().parse(data=to_ntriples(hostile_graph), format="nt")
    parsed = rdflib.Graph().parse(data=exporter(hostile_graph), format=syntax)
    assert len(reference) > 50
    assert isomorphic(parsed, reference)


def test_evidence_with_markup_and_quotes_survives_exactly(hostile_graph) -> None:
    parsed = rdflib.Graph().parse(data=to_turtle(hostile_graph), format="turtle")
    evidence = {str(o) for o in parsed.objects(None, rdflib.URIRef(KGO + "evidence"))}
    assert any('said "</script><script>alert(1)</script>" \\' in e for e in evidence), evidence


def test_jsonld_has_a_context_of_our_prefixes(hostile_graph) -> None:
    document = json.loads(to_jsonld(hostile_graph))
    assert document["@context"]["kgo"] == KGO
    assert all("@id" in node for node in document["@graph"])


POSITIONS = """
PREFIX kgo: <https://example.org/kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?person ?role ?status ?where ?file WHERE {
  VALUES ?position { kgo:holdsPosition kgo:leaderOf }
  ?s a rdf:Statement ; rdf:subject ?p ; rdf:predicate ?position ; rdf:object ?o ;
     kgo:role ?role ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?s kgo:status ?status }
  ?p a kgo:Person ; rdfs:label ?person . ?o rdfs:label ?where . ?doc dcterms:identifier ?file .
}
""".replace("SELECT", "PREFIX prov: <http://www.w3.org/ns/prov#>\nSELECT")


def _positions(out: Path) -> set[tuple[str, str, str, str]]:
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return {
        (
            row["person"].value,
            row["role"].value.lower(),
            row["status"].value if row["status"] else "",
            row["where"].value,
        )
        for row in store.query(POSITIONS)
    }


def test_seeds_turtle_answers_who_holds_which_position(seeds_build: Path) -> None:
    positions = _positions(seeds_build)
    assert ("Sooronbai Jeenbekov", "president", "current", "Kyrgyzstan") in positions
    assert ("Almazbek Atambayev", "president", "former", "Kyrgyzstan") in positions
    assert ("Kubatbek Boronov", "prime minister", "current", "Kyrgyzstan") in positions
    assert ("Sapar Isakov", "prime minister", "former", "Kyrgyzstan") in positions
    assert ("Kursan Asanov", "acting interior minister", "acting", "Kyrgyzstan") in positions
    assert ("Alexander Lukashenko", "strongman president", "current", "Belarus") in positions


def test_every_fact_is_traceable_to_a_sentence_of_its_document(seeds_build: Path) -> None:
    store = ox.Store()
    store.load(path=str(seeds_build / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "seeds").glob("*.txt")}
    rows = list(
        store.query(
            """PREFIX kgo: <https://example.org/kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            SELECT ?s ?p ?o ?file ?evidence ?confidence ?rule ?looked_up WHERE {
              ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kgo:)) && isIRI(?o) && ?p != kgo:mentionedIn)
              OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc ;
                         kgo:evidence|kgo:gazetteerEntry ?evidence ; kgo:confidence ?confidence ; kgo:rule ?rule .
                         ?doc dcterms:identifier ?file .
                         BIND (EXISTS { ?doc a kgo:Gazetteer } AS ?looked_up) } }"""
        )
    )
    assert len(rows) > 20
    for row in rows:
        assert row["evidence"] is not None, f"fact without a statement: {row['s']} {row['p']} {row['o']}"
        assert 0 < float(row["confidence"].value) <= 1
        sentence = row["evidence"].value
        if row["looked_up"].value == "true":
            # a place's country from the gazetteer, the text silent on it: marked as looked up, not read
            assert row["rule"].value == "gazetteer" and row["p"].value.endswith("#locatedIn"), row
            continue
        assert " ".join(sentence.split()[:6]) in " ".join(texts[row["file"].value].split())


def test_two_builds_write_identical_bytes(seeds_build: Path, tmp_path: Path) -> None:
    from kg.cli import main

    assert main(["build", "seeds", "--out", str(tmp_path), "--quiet", "--processes", "1"]) == 0
    for name in EXPORTERS:
        assert (tmp_path / name).read_bytes() == (seeds_build / name).read_bytes(), name
