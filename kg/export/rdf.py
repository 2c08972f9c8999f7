"""networkx graph -> RDF 1.1 (Turtle, N-Triples, JSON-LD). Pure; see docs/DESIGN.md.

Triples are built as pyoxigraph terms, so escaping and IRI syntax are the library's, and
serialised by pyoxigraph's streaming writers: fast and linear in the graph, unlike rdflib's
Turtle serializer. Triples are sorted first, so the same graph gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pyoxigraph as ox

KGO = "https://example.org/kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES = {
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "kgo": KGO,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iri(namespace: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(namespace + local)


TYPE = _iri(RDF, "type")
LABEL = _iri(RDFS, "label")


def entity_iri(base_iri: str, node_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{base_iri}entity/{node_id}")


def document_iri(base_iri: str, doc_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{base_iri}document/{doc_id}")


def statement_iri(base_iri: str, *parts: str) -> ox.NamedNode:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{base_iri}statement/{digest}")


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.2f}", datatype=_iri(XSD, "decimal"))


def iter_triples(graph: nx.MultiDiGraph) -> Iterator[ox.Triple]:
    """Every triple of the graph: documents, entities, direct facts and their statements."""
    base = graph.graph["base_iri"]
    for doc_id, meta in sorted(graph.graph["documents"].items()):
        doc = document_iri(base, doc_id)
        yield ox.Triple(doc, TYPE, _iri(SCHEMA, "NewsArticle"))
        yield ox.Triple(doc, _iri(DCTERMS, "identifier"), ox.Literal(meta["identifier"]))
        if meta.get("title"):
            yield ox.Triple(doc, _iri(DCTERMS, "title"), ox.Literal(meta["title"]))
        if meta.get("date") and _DATE.match(meta["date"]):
            yield ox.Triple(doc, _iri(DCTERMS, "date"), ox.Literal(meta["date"], datatype=_iri(XSD, "date")))
    for node_id, data in sorted(graph.nodes(data=True)):
        node = entity_iri(base, node_id)
        yield ox.Triple(node, TYPE, _iri(KGO, data["cls"]))
        yield ox.Triple(node, LABEL, ox.Literal(data["label"]))
        for alias in data["aliases"]:
            yield ox.Triple(node, _iri(SKOS, "altLabel"), ox.Literal(alias))
        count = ox.Literal(str(data["mentions"]), datatype=_iri(XSD, "integer"))
        yield ox.Triple(node, _iri(KGO, "mentionCount"), count)
        for doc_id in data["documents"]:
            yield ox.Triple(node, _iri(KGO, "mentionedIn"), document_iri(base, doc_id))
    for subject_id, object_id, key, data in sorted(graph.edges(keys=True, data=True)):
        subject, obj = entity_iri(base, subject_id), entity_iri(base, object_id)
        predicate = _iri(KGO, data["predicate"])
        yield ox.Triple(subject, predicate, obj)
        for doc_id in data["documents"]:
            evidence = [e for e in data["evidence"] if e.doc_id == doc_id]
            statement = statement_iri(base, subject_id, key, object_id, doc_id)
            yield ox.Triple(statement, TYPE, _iri(RDF, "Statement"))
            yield ox.Triple(statement, _iri(RDF, "subject"), subject)
            yield ox.Triple(statement, _iri(RDF, "predicate"), predicate)
            yield ox.Triple(statement, _iri(RDF, "object"), obj)
            yield ox.Triple(statement, _iri(PROV, "wasDerivedFrom"), document_iri(base, doc_id))
            yield ox.Triple(statement, _iri(KGO, "confidence"), _decimal(max(e.confidence for e in evidence)))
            for sentence in sorted({e.sentence for e in evidence}):
                yield ox.Triple(statement, _iri(KGO, "evidence"), ox.Literal(sentence))
            for rule in sorted({e.rule for e in evidence}):
                yield ox.Triple(statement, _iri(KGO, "rule"), ox.Literal(rule))
            for name in ("role", "status", "verb"):
                if data.get(name):
                    yield ox.Triple(statement, _iri(KGO, name), ox.Literal(data[name]))


def _sorted_triples(graph: nx.MultiDiGraph) -> list[ox.Triple]:
    # sorted by subject so Turtle groups each subject's triples; the order is total and stable
    return sorted(iter_triples(graph), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _prefixes(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Our data namespaces get a prefix each, so local names need no escaped slashes."""
    base = graph.graph["base_iri"]
    data = {cls.lower(): f"{base}entity/{cls.lower()}/" for cls in ("Person", "Party", "Institution", "Place")}
    return {**PREFIXES, **data, "doc": f"{base}document/", "st": f"{base}statement/"}


def _serialize(triples: list[ox.Triple], format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> str:
    written = ox.serialize(triples, format=format, prefixes=prefixes)
    assert written is not None  # with no output given, serialize returns the bytes
    return written.decode("utf-8")


def to_turtle(graph: nx.MultiDiGraph) -> str:
    text = _serialize(_sorted_triples(graph), ox.RdfFormat.TURTLE, _prefixes(graph))
    # the writer emits its prefix lines in hash-map order: sort them so output is byte-stable
    lines = text.split("\n")
    n_header = next((i for i, line in enumerate(lines) if not line.startswith("@prefix ")), len(lines))
    return "\n".join([*sorted(lines[:n_header]), *lines[n_header:]])


def to_ntriples(graph: nx.MultiDiGraph) -> str:
    return _serialize(_sorted_triples(graph), ox.RdfFormat.N_TRIPLES)


def to_jsonld(graph: nx.MultiDiGraph) -> str:
    """JSON-LD with a context of our prefixes: one node object per subject, values typed."""
    prefixes = _prefixes(graph)
    nodes: dict[str, dict[str, Any]] = {}
    for triple in _sorted_triples(graph):
        subject = str(triple.subject)[1:-1]  # every subject is an IRI: <...>
        node = nodes.setdefault(subject, {"@id": _compact(subject, prefixes)})
        if triple.predicate == TYPE and isinstance(triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(triple.object.value, prefixes))
            continue
        value: dict[str, str]
        if isinstance(triple.object, ox.NamedNode):
            value = {"@id": _compact(triple.object.value, prefixes)}
        elif isinstance(triple.object, ox.Literal):
            literal = triple.object
            value = {"@value": literal.value}
            if literal.language:
                value["@language"] = literal.language
            elif literal.datatype.value != XSD + "string":
                value["@type"] = _compact(literal.datatype.value, prefixes)
        else:  # no blank nodes or RDF-star terms are ever minted
            raise TypeError(f"unexpected RDF term {triple.object!r}")
        node.setdefault(_compact(triple.predicate.value, prefixes), []).append(value)
    document = {"@context": prefixes, "@graph": list(nodes.values())}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    """Shorten an IRI with the longest matching prefix, when the rest is a plain local name."""
    best = max((p for p in prefixes.items() if iri.startswith(p[1])), key=lambda p: len(p[1]), default=None)
    if best is None:
        return iri
    local = iri[len(best[1]) :]
    is_plain = re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_./-]*", local) and not local.endswith(".")
    return f"{best[0]}:{local}" if is_plain else iri
