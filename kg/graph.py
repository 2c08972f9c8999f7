"""Entities + resolved facts -> one networkx.MultiDiGraph (see docs/DESIGN.md). Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.knowledge import Knowledge, load_knowledge
from kg.model import (
    NO_TIME,
    PREDICATE_CLASSES,
    SYMMETRIC_PREDICATES,
    Document,
    Entity,
    Evidence,
    FactTime,
    ResolvedFact,
)
from kg.places import GAZETTEER_CONFIDENCE, PlaceLink, link_places

_EdgeKey = tuple[str, str, str, str, str, str]
# Where an edge's fact comes from: read in the articles, or looked up in the gazetteer.
TEXT_SOURCE, GAZETTEER_SOURCE = "text", "gazetteer"


def edge_key(predicate: str, role: str | None, status: str | None, verb: str | None) -> str:
    return "|".join((predicate, (role or "").lower(), status or "", verb or ""))


def without_ill_typed_facts(entities: list[Entity], facts: list[ResolvedFact]) -> list[ResolvedFact]:
    """The facts whose ends have, as finally resolved, classes their predicate allows.

    Each fact was checked as it was extracted, against its mentions' classes; resolution can
    retype an end ("Fox" typed Place in a headline joins Dr Fox, a Person), so a fact that
    fitted then may not now: a Person `livesIn` an Institution is no fact to publish.
    """
    classes = {entity.node_id: entity.cls for entity in entities}

    def fits(fact: ResolvedFact) -> bool:
        subjects, objects = PREDICATE_CLASSES.get(fact.predicate, (frozenset(), frozenset()))
        return classes.get(fact.subject) in subjects and classes.get(fact.object) in objects

    return [fact for fact in facts if fits(fact)]


_PARTY_TIES = frozenset({"memberOf", "holdsPosition", "leaderOf"})


def without_unsupported_second_parties(facts: list[ResolvedFact]) -> list[ResolvedFact]:
    """A person's tie to a party that only the relation model read, where a rule ties them to
    another party: the model's guess, not a defection ("Fox attacks Blair's Tory 'lies'" made Tony
    Blair a Conservative). A defection the text tells is read by a rule and stays."""
    ties: dict[str, dict[str, bool]] = defaultdict(dict)  # person -> party -> read by a rule
    for fact in facts:
        if fact.predicate in _PARTY_TIES and fact.object.startswith("party/"):
            by_rule = fact.evidence.rule != "model"
            ties[fact.subject][fact.object] = ties[fact.subject].get(fact.object, False) or by_rule

    def unsupported(fact: ResolvedFact) -> bool:
        parties = ties.get(fact.subject, {})
        return (
            fact.predicate in _PARTY_TIES
            and fact.object in parties
            and not parties[fact.object]
            and any(by_rule for party, by_rule in parties.items() if party != fact.object)
        )

    return [fact for fact in facts if not unsupported(fact)]


def build_graph(
    documents: list[Document],
    entities: list[Entity],
    facts: list[ResolvedFact],
    base_iri: str,
    knowledge: Knowledge | None = None,
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
    for fact in without_unsupported_second_parties(facts):
        grouped[_edge_of(fact)].append(fact)
    grouped = _with_unqualified_folded(grouped)
    dates = {doc_id: meta["date"] for doc_id, meta in graph.graph["documents"].items()}
    for key, group in sorted(grouped.items()):
        subject, obj, predicate = key[:3]
        evidence = _merge_evidence(f.evidence for f in group)
        # the qualifiers are the edge's own, not those of a fact folded into it that left them unsaid
        first = min((f for f in group if _edge_of(f) == key), key=lambda f: (f.role or "", f.evidence))
        documents_of_edge = tuple(sorted({e.doc_id for e in evidence}))
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
            documents=documents_of_edge,
            reported=tuple(sorted({d for doc_id in documents_of_edge if (d := dates.get(doc_id))})),
            source=TEXT_SOURCE,
        )
    _add_places(graph, knowledge or load_knowledge())
    return graph


def _edge_of(fact: ResolvedFact) -> _EdgeKey:
    return (fact.subject, fact.object, fact.predicate, (fact.role or "").lower(), fact.status or "", fact.verb or "")


def _with_unqualified_folded(grouped: dict[_EdgeKey, list[ResolvedFact]]) -> dict[_EdgeKey, list[ResolvedFact]]:
    """A fact that leaves a role, status or verb unsaid joins the one edge of its ends and predicate
    that says it: "Asylbek Jeenbekov relativeOf Sooronbai Jeenbekov" read once with "brother" and
    once without is one edge with the role, not two. Where two edges qualify it differently
    ("president" and "former president"), nothing says which it belongs to, and it stays apart."""

    def same_ends(key: _EdgeKey, other: _EdgeKey) -> bool:
        # a symmetric edge with a role keeps the direction its role reads in (kg/resolve.py): "Otis Ferry
        # relativeOf Bryan Ferry" (son) and an unqualified "Bryan Ferry relativeOf Otis Ferry" are one
        flipped = key[2] in SYMMETRIC_PREDICATES and (key[1], key[0], key[2]) == other[:3]
        return key[:3] == other[:3] or flipped

    def refines(key: _EdgeKey, other: _EdgeKey) -> bool:
        """`key` says all `other` says, and more."""
        return (
            key != other
            and same_ends(key, other)
            and all(o in {"", k} for k, o in zip(key[3:], other[3:], strict=True))
        )

    folded = {key: list(group) for key, group in grouped.items()}
    for key in sorted(grouped, key=lambda k: (sum(map(bool, k[3:])), k)):  # the least qualified first
        fits = [other for other in folded if refines(other, key)]
        widest = [k for k in fits if not any(refines(o, k) for o in fits)]
        if len(widest) == 1:
            folded[widest[0]].extend(folded.pop(key))
    return folded


def _add_places(graph: nx.MultiDiGraph, knowledge: Knowledge) -> None:
    """Gazetteer identifiers on the Place nodes, and the locatedIn facts the text left out."""
    links, facts = link_places(graph, knowledge)
    for node, link in links.items():
        graph.nodes[node].update(_place_attributes(link))
    for fact in facts:
        graph.add_edge(
            fact.subject,
            fact.object,
            key=edge_key("locatedIn", None, None, None),
            predicate="locatedIn",
            role=None,
            status=None,
            verb=None,
            confidence=GAZETTEER_CONFIDENCE,
            evidence=(),
            documents=(),
            reported=(),
            source=GAZETTEER_SOURCE,
            gazetteer=fact.record,
        )


def _place_attributes(link: PlaceLink) -> dict[str, object]:
    """The node attributes of docs/DESIGN.md: only those the gazetteer gives."""
    found = {
        "place_type": link.kind,
        "country_code": link.country,
        "iso_code": link.code,
        "iso_alpha3": link.alpha3,
        "geonames_id": link.geonames_id,
        "latitude": link.latitude,
        "longitude": link.longitude,
        "admin1": link.admin1,
        "capital_point": link.capital_point,
        "gazetteer": link.record,
    }
    return {name: value for name, value in found.items() if value is not None}


def _merge_evidence(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    """One evidence per (document, sentence): the most confident rule's."""
    best: dict[tuple[str, str], Evidence] = {}
    times: dict[tuple[str, str], set[FactTime]] = defaultdict(set)
    for item in items:
        key = (item.doc_id, item.sentence)
        if any(item.time):
            times[key].add(item.time)
        if key not in best or (item.confidence, item.rule) > (best[key].confidence, best[key].rule):
            best[key] = item
    # a sentence has one time for the fact; when two rules read two, it is unclear, so none
    merged = [
        e._replace(time=next(iter(times[k]))) if len(times[k]) == 1 else e._replace(time=NO_TIME)
        for k, e in best.items()
    ]
    return tuple(sorted(merged, key=lambda e: (e.doc_id, e.sentence)))
