"""A written graph (graph.nt or graph.ttl) -> simple records, so scoring reads what users get.

Only the contract of /work/shared/OUTPUT.md and docs/DESIGN.md is relied on: entity classes by
local name, rdfs:label / skos:altLabel, kgo:mentionedIn, statement nodes with
prov:wasDerivedFrom, kgo:confidence and the qualifiers, documents' dcterms:identifier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError

KGO = "https://example.org/kg/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = _RDF + "type"
_STATEMENT = _RDF + "Statement"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_CLASSES = frozenset({"Person", "Party", "Institution", "Place"})
_FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE}


@dataclass(frozen=True)
class EntityRecord:
    iri: str
    cls: str  # Person | Party | Institution | Place
    label: str
    names: tuple[str, ...]  # the label first, then the altLabels, sorted
    documents: tuple[str, ...]  # identifiers (input file names) of the documents that mention it


@dataclass(frozen=True)
class FactRecord:
    """One statement node: a fact as read in one document."""

    subject: str
    predicate: str  # local name, e.g. "holdsPosition"
    object: str
    document: str  # the input file name
    confidence: float
    role: str | None = None
    status: str | None = None
    verb: str | None = None
    evidence: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class GraphRecords:
    entities: dict[str, EntityRecord]  # by IRI
    facts: tuple[FactRecord, ...]
    documents: tuple[str, ...]  # identifiers, sorted
    _entities_by_document: dict[str, tuple[EntityRecord, ...]] = field(default_factory=dict, repr=False)
    _facts_by_document: dict[str, tuple[FactRecord, ...]] = field(default_factory=dict, repr=False)

    def entities_in(self, document: str) -> tuple[EntityRecord, ...]:
        """The entities mentioned in one document (by its input file name)."""
        return self._entities_by_document.get(document, ())

    def facts_from(self, document: str) -> tuple[FactRecord, ...]:
        """The statements derived from one document (by its input file name)."""
        return self._facts_by_document.get(document, ())


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(term: object) -> str:
    return term.value if isinstance(term, ox.Literal | ox.NamedNode) else str(term)


def to_records(triples: Iterable[ox.Triple]) -> GraphRecords:
    """Group the triples of a kg graph into entities, facts and documents. Pure."""
    by_subject: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for triple in triples:
        by_subject[_text(triple.subject)][_text(triple.predicate)].append(_text(triple.object))
    identifiers = {iri: props[_IDENTIFIER][0] for iri, props in by_subject.items() if props.get(_IDENTIFIER)}
    entities: dict[str, EntityRecord] = {}
    facts: list[FactRecord] = []
    for iri, props in by_subject.items():
        types = {_local_name(t) for t in props.get(_TYPE, [])}
        classes = types & _CLASSES
        if classes and props.get(_LABEL):
            label = props[_LABEL][0]
            aliases = sorted(set(props.get(_ALT_LABEL, [])) - {label})
            documents = sorted(identifiers.get(d, d) for d in props.get(KGO + "mentionedIn", []))
            entities[iri] = EntityRecord(iri, min(classes), label, (label, *aliases), tuple(documents))
        elif _STATEMENT in props.get(_TYPE, []):
            facts.extend(_statement_facts(props, identifiers))
    return index_records(entities.values(), facts, identifiers.values())


def _statement_facts(props: dict[str, list[str]], identifiers: dict[str, str]) -> list[FactRecord]:
    def first(key: str) -> str | None:
        values = props.get(key)
        return min(values) if values else None

    subject, predicate, obj = first(_RDF + "subject"), first(_RDF + "predicate"), first(_RDF + "object")
    if subject is None or predicate is None or obj is None:
        return []
    confidence = float(first(KGO + "confidence") or 0.0)
    return [
        FactRecord(
            subject=subject,
            predicate=_local_name(predicate),
            object=obj,
            document=identifiers.get(document, document),
            confidence=confidence,
            role=first(KGO + "role"),
            status=first(KGO + "status"),
            verb=first(KGO + "verb"),
            evidence=tuple(sorted(props.get(KGO + "evidence", []))),
            rules=tuple(sorted(props.get(KGO + "rule", []))),
        )
        for document in sorted(props.get(_DERIVED_FROM, []))
    ]


def index_records(
    entities: Iterable[EntityRecord], facts: Iterable[FactRecord], documents: Iterable[str] = ()
) -> GraphRecords:
    """Records indexed by document; the documents are those given plus those the records name."""
    entities = sorted(entities, key=lambda e: e.iri)
    entities_by_document: dict[str, list[EntityRecord]] = defaultdict(list)
    for entity in entities:
        for document in entity.documents:
            entities_by_document[document].append(entity)
    facts_by_document: dict[str, list[FactRecord]] = defaultdict(list)
    ordered = sorted(facts, key=lambda f: (f.document, f.subject, f.predicate, f.object, f.role or "", f.status or ""))
    for fact in ordered:
        facts_by_document[fact.document].append(fact)
    documents = sorted({*documents, *entities_by_document, *facts_by_document})
    return GraphRecords(
        entities={e.iri: e for e in entities},
        facts=tuple(ordered),
        documents=tuple(documents),
        _entities_by_document={d: tuple(es) for d, es in entities_by_document.items()},
        _facts_by_document={d: tuple(fs) for d, fs in facts_by_document.items()},
    )


def read_graph(path: Path) -> GraphRecords:
    """Parse a graph.nt or graph.ttl file written by `kg build`."""
    rdf_format = _FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise InputError(f"cannot read {path}: give the graph.nt or graph.ttl that `kg build` wrote")
    try:
        triples = [q.triple for q in ox.parse(path=path, format=rdf_format)]
    except (OSError, SyntaxError) as err:
        raise InputError(f"cannot read {path}: {err}") from err
    return to_records(triples)
