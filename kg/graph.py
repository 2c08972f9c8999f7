"""Entities + resolved facts -> one networkx.MultiDiGraph (see docs/DESIGN.md). Pure."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.model import Document, Entity, Evidence, ResolvedFact

_EdgeKey = tuple[str, str, str, str, str, str]


def edge_key(predicate: str, role: str | None, status: str | None, verb: str | None) -> str:
    return "|".join((predicate, (role or "").lower(), status or "", verb or ""))


def build_graph(
    documents: list[Document], entities: list[Entity], facts: list[ResolvedFact], base_iri: str
) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.graph["base_iri"] = base_iri
    graph.graph["documents"] = {
        # the text is for graph.html, which shows the article behind each fact; RDF leaves it out
        d.doc_id: {"identifier": d.identifier, "title": d.title, "date": d.date, "paragraphs": d.paragraphs}
        for d in sorted(documents, key=lambda d: d.doc_id)
    }
    for entity in entities:
        graph.add_node(
            entity.node_id,
            cls=entity.cls,
            label=entity.label,
            aliases=entity.aliases,
            mentions=entity.n_mentions,
            documents=entity.documents,
        )
    grouped: dict[_EdgeKey, list[ResolvedFact]] = defaultdict(list)
    for fact in facts:
        key = (fact.subject, fact.object, fact.predicate, (fact.role or "").lower(), fact.status or "", fact.verb or "")
        grouped[key].append(fact)
    for (subject, obj, predicate, _, _, _), group in sorted(grouped.items()):
        evidence = _merge_evidence(f.evidence for f in group)
        first = min(group, key=lambda f: (f.role or "", f.evidence))
        graph.add_edge(
            subject,
            obj,
            key=edge_key(predicate, first.role, first.status, first.verb),
            predicate=predicate,
            role=first.role,
            status=first.status,
            verb=first.verb,
            confidence=max(e.confidence for e in evidence),
            evidence=evidence,
            documents=tuple(sorted({e.doc_id for e in evidence})),
        )
    return graph


def _merge_evidence(items: object) -> tuple[Evidence, ...]:
    """One evidence per (document, sentence): the most confident rule's."""
    best: dict[tuple[str, str], Evidence] = {}
    for item in items:  # type: ignore[attr-defined]
        key = (item.doc_id, item.sentence)
        if key not in best or (item.confidence, item.rule) > (best[key].confidence, best[key].rule):
            best[key] = item
    return tuple(sorted(best.values(), key=lambda e: (e.doc_id, e.sentence)))
