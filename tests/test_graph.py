"""build_graph: facts read several times become one edge per qualified fact."""

from __future__ import annotations

from kg.graph import build_graph
from kg.model import Document, Entity, Evidence, ResolvedFact

BASE = "https://example.org/kg/"
DOC = Document("doc-1", "doc-1.txt", ("Paragraph.",))
PEOPLE = [
    Entity("person/hisham-barghouti", "Person", "Hisham Barghouti", (), 2, ("doc-1",)),
    Entity("person/marwan-barghouti", "Person", "Marwan Barghouti", (), 3, ("doc-1",)),
]


def _fact(role: str | None, status: str | None, sentence: str, rule: str) -> ResolvedFact:
    evidence = Evidence("doc-1", sentence, 0.8, rule)
    return ResolvedFact(
        "person/hisham-barghouti", "relativeOf", "person/marwan-barghouti", role, status, None, evidence
    )


def _edges(facts: list[ResolvedFact]) -> list[tuple[str | None, str | None, set[str]]]:
    graph = build_graph([DOC], PEOPLE, facts, BASE)
    edges = [
        (data["role"], data["status"], {e.sentence for e in data["evidence"]}) for *_, data in graph.edges(data=True)
    ]
    return sorted(edges, key=lambda edge: (edge[0] or "", edge[1] or ""))


def test_a_fact_without_its_role_joins_the_one_edge_that_names_it() -> None:
    facts = [_fact(None, None, "His brother Hisham said so.", "model"), _fact("brother", None, "Hisham spoke.", "x")]
    assert _edges(facts) == [("brother", None, {"Hisham spoke.", "His brother Hisham said so."})]


def test_a_fact_without_its_role_stays_apart_where_two_edges_qualify_it_differently() -> None:
    facts = [
        _fact(None, None, "Hisham spoke.", "model"),
        _fact("brother", None, "His brother Hisham said so.", "x"),
        _fact("cousin", "former", "His cousin Hisham said so.", "x"),
    ]
    assert [role for role, _, _ in _edges(facts)] == [None, "brother", "cousin"]


def test_a_role_read_without_a_status_joins_the_edge_that_has_both() -> None:
    facts = [_fact("brother", None, "Hisham spoke.", "model"), _fact("Brother", "former", "Hisham said.", "x")]
    assert _edges(facts) == [("Brother", "former", {"Hisham said.", "Hisham spoke."})]
