"""The written RDF passes a strict parser (raptor's rapper) and the SHACL shapes of kg/shapes.ttl."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.validate import read_rdf, read_shapes, validate

MINI = Path(__file__).parent / "data" / "mini.ttl"
RAPPER_SYNTAX = {".ttl": "turtle", ".nt": "ntriples"}  # raptor has no JSON-LD parser


def rdf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".ttl", ".nt", ".jsonld"))


def test_the_build_wrote_every_rdf_syntax(built_graph_dir: Path) -> None:
    assert {"graph.ttl", "graph.nt", "graph.jsonld"} <= {p.name for p in rdf_files(built_graph_dir)}


def test_rapper_parses_every_turtle_and_ntriples_file(built_graph_dir: Path) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("raptor2-utils not installed: apt-get install raptor2-utils")
    failures = []
    for path in rdf_files(built_graph_dir):
        if path.suffix in RAPPER_SYNTAX:
            # -c counts triples without printing them; warnings are failures too
            run = subprocess.run(
                [rapper, "-i", RAPPER_SYNTAX[path.suffix], "-c", str(path)], capture_output=True, text=True, check=False
            )
            problems = [line for line in run.stderr.splitlines() if "Error" in line or "Warning" in line]
            if run.returncode != 0 or problems:
                failures.append(f"{path.name}: exit {run.returncode}: " + "; ".join(problems or [run.stderr.strip()]))
    assert not failures, "\n".join(failures)


def test_every_syntax_holds_the_same_triples(built_graph_dir: Path) -> None:
    graphs = {name: read_rdf(built_graph_dir / name) for name in ("graph.ttl", "graph.nt", "graph.jsonld")}
    assert len(graphs["graph.nt"]) > 0
    for name, graph in graphs.items():
        assert isomorphic(graph, graphs["graph.nt"]), f"{name} differs from graph.nt"


def test_the_graph_conforms_to_the_shapes(built_graph_dir: Path) -> None:
    conforms, report = validate(built_graph_dir / "graph.ttl")
    assert conforms, report


def test_the_shapes_are_valid_shacl() -> None:
    # meta_shacl checks the shapes graph against the SHACL-for-SHACL shapes first
    conforms, _, report = pyshacl.validate(rdflib.Graph().parse(MINI), shacl_graph=read_shapes(), meta_shacl=True)
    assert conforms, report


PREFIXES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://example.org/kg/>
PREFIX kgo: <https://example.org/kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
JEENBEKOV = "<https://example.org/kg/entity/person/sooronbai-jeenbekov>"
KYRGYZSTAN = "<https://example.org/kg/entity/place/kyrgyzstan>"
BISHKEK = "<https://example.org/kg/entity/place/bishkek>"
STATEMENT = "<https://example.org/kg/statement/85b8927f76c9d948>"
DOCUMENT = "<https://example.org/kg/document/000-8b26930a0e35055d>"


@pytest.mark.parametrize(
    ("update", "message"),
    [
        pytest.param(f"INSERT DATA {{ {JEENBEKOV} a kgo:Place }}", "exactly one of kgo:Person", id="two-classes"),
        pytest.param(f"DELETE WHERE {{ {BISHKEK} a ?c }}", "exactly one of kgo:Person", id="untyped-entity"),
        pytest.param(
            f'INSERT DATA {{ {JEENBEKOV} rdfs:label "S. J." }}', "exactly one non-empty rdfs:label", id="two-labels"
        ),
        pytest.param(
            f'INSERT DATA {{ {JEENBEKOV} skos:altLabel "Sooronbai Jeenbekov" }}',
            "other than the entity's",
            id="alias=label",
        ),
        pytest.param(
            f'DELETE {{ {JEENBEKOV} kgo:mentionCount ?n }} INSERT {{ {JEENBEKOV} kgo:mentionCount "6" }} '
            f"WHERE {{ {JEENBEKOV} kgo:mentionCount ?n }}",
            "kgo:mentionCount, an xsd:integer",
            id="count-not-integer",
        ),
        pytest.param(
            f"INSERT DATA {{ {JEENBEKOV} kgo:mentionedIn {KYRGYZSTAN} }}",
            "mentionedIn at least one schema:NewsArticle",
            id="mentioned-in-non-document",
        ),
        pytest.param(
            f"DELETE WHERE {{ {STATEMENT} kgo:evidence ?e }}",
            "at least one kgo:evidence",
            id="statement-without-evidence",
        ),
        pytest.param(
            f"DELETE WHERE {{ {STATEMENT} prov:wasDerivedFrom ?d }}",
            "wasDerivedFrom at least one",
            id="statement-without-document",
        ),
        pytest.param(
            f"DELETE WHERE {{ {STATEMENT} kgo:confidence ?c }} ; "
            f'INSERT DATA {{ {STATEMENT} kgo:confidence "1.5"^^xsd:decimal }}',
            "in [0, 1]",
            id="confidence-above-1",
        ),
        pytest.param(
            f"DELETE WHERE {{ {STATEMENT} kgo:confidence ?c }} ; INSERT DATA {{ {STATEMENT} kgo:confidence 0.5e0 }}",
            "an xsd:decimal in [0, 1]",
            id="confidence-double",
        ),
        pytest.param(
            f'DELETE WHERE {{ {STATEMENT} kgo:status ?s }} ; INSERT DATA {{ {STATEMENT} kgo:status "past" }}',
            '"current", "former" or "acting"',
            id="unknown-status",
        ),
        pytest.param(f"INSERT DATA {{ {STATEMENT} rdf:object {BISHKEK} }}", "exactly one rdf:object", id="two-objects"),
        pytest.param(
            f"DELETE DATA {{ {JEENBEKOV} kgo:holdsPosition {KYRGYZSTAN} }}",
            "also asserts directly",
            id="statement-without-direct-triple",
        ),
        pytest.param(
            f"INSERT DATA {{ {JEENBEKOV} kgo:livesIn {BISHKEK} }}", "has an rdf:Statement", id="fact-without-statement"
        ),
        pytest.param(
            f"DELETE WHERE {{ {DOCUMENT} dcterms:identifier ?i }}", "exactly one dcterms:identifier", id="no-identifier"
        ),
        pytest.param(
            f"INSERT DATA {{ {BISHKEK} kgo:holdsPosition {KYRGYZSTAN} }}",
            "only a Person holdsPosition",
            id="place-holds",
        ),
        pytest.param(
            f"INSERT DATA {{ {JEENBEKOV} kgo:holdsPosition {JEENBEKOV} }}",
            "Institution, Place or Party",
            id="holds-a-person",
        ),
        pytest.param(f"INSERT DATA {{ {JEENBEKOV} kgo:borders {KYRGYZSTAN} }}", "only a Place", id="person-borders"),
        pytest.param(
            f"INSERT DATA {{ {BISHKEK} kgo:relativeOf {JEENBEKOV} }}",
            "only a Person is relativeOf",
            id="place-relative",
        ),
        pytest.param(
            f"INSERT DATA {{ {JEENBEKOV} kgo:basedIn {KYRGYZSTAN} }}",
            "Institution or Party is basedIn",
            id="person-based",
        ),
    ],
)
def test_the_shapes_catch_a_broken_contract(tmp_path: Path, update: str, message: str) -> None:
    graph = rdflib.Graph().parse(MINI)
    graph.update(PREFIXES + update)
    broken = tmp_path / "graph.ttl"
    graph.serialize(broken, format="turtle")
    conforms, report = validate(broken)
    assert not conforms
    assert message in report, report
