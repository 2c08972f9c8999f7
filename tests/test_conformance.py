"""Every build conforms to kg's own SHACL shapes: facts are checked on the entities' final classes.

One whole bbc-politics build is shared by the slow tests below; it is the set that once gave
nine violations (a Person livesIn an Institution, a Person memberOf a Person).
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from conftest import shared_data

from kg.cli import main
from kg.model import PREDICATE_CLASSES
from kg.validate import read_rdf, validate_graph

KGO = "https://example.org/kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture(scope="module")
def bbc_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The output folder of `kg build` over all of bbc-politics, and its summary lines."""
    folder = shared_data("bbc-politics")
    out = tmp_path_factory.mktemp("bbc-politics")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["build", str(folder), "--out", str(out)]) == 0
    return out, buffer.getvalue().splitlines()


def _violations_of_the_class_table(path: Path) -> list[str]:
    graph = read_rdf(path)
    classes = {str(s): str(o).removeprefix(KGO) for s, p, o in graph if str(p) == RDF_TYPE and str(o).startswith(KGO)}
    wrong = []
    for s, p, o in graph:
        predicate = str(p).removeprefix(KGO)
        if predicate in PREDICATE_CLASSES:
            subjects, objects = PREDICATE_CLASSES[predicate]
            if classes.get(str(s)) not in subjects or classes.get(str(o)) not in objects:
                wrong.append(f"{classes.get(str(s))} {predicate} {classes.get(str(o))}: {s} {o}")
    return wrong


def test_an_article_whose_fact_ends_change_class_in_resolution_conforms(tmp_path: Path) -> None:
    article = shared_data("bbc-politics") / "210.txt"  # alone, it gave one violation
    assert main(["build", str(article), "--out", str(tmp_path), "--quiet"]) == 0
    assert _violations_of_the_class_table(tmp_path / "graph.nt") == []
    conforms, report = validate_graph(read_rdf(tmp_path / "graph.nt"))
    assert conforms, report


@pytest.mark.slow
def test_a_whole_bbc_politics_build_conforms_to_the_shapes(bbc_build: tuple[Path, list[str]]) -> None:
    out, _ = bbc_build
    conforms, report = validate_graph(read_rdf(out / "graph.ttl"))
    assert conforms, report[:4000]


@pytest.mark.slow
def test_a_whole_bbc_politics_build_keeps_every_fact_within_its_predicate_s_classes(
    bbc_build: tuple[Path, list[str]],
) -> None:
    out, _ = bbc_build
    assert _violations_of_the_class_table(out / "graph.nt") == []


@pytest.mark.slow
def test_a_whole_bbc_politics_build_reads_every_article_and_sets_the_readme_aside(
    bbc_build: tuple[Path, list[str]],
) -> None:
    _, summary = bbc_build
    assert summary[0] == "documents: 417 read, 0 skipped, 1 set aside (README.TXT: a dataset's notes, not articles)"
    assert summary[3] == "warnings: 0"
