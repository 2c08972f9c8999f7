"""Shared fixtures: the spaCy pipeline and the seeds' build are made once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_8b26930a0e35055d.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"
OUTPUT_FILES = ["graph.html", "graph.jsonld", "graph.nt", "graph.ttl", "ontology.ttl"]


def run_kg(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`kg ARGS` in this process: its exit code and what it printed."""
    from kg.cli import main

    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file of a folder: content, modification time and inode (a rename changes the inode)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino) for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder from an earlier, successful run, to copy before a run that must not touch it."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("previous") / "output"
    assert main(["build", str(SEED), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture
def previous_output(previous_build: Path, tmp_path: Path) -> Path:
    out = tmp_path / "output"
    shutil.copytree(previous_build, out)
    assert sorted(p.name for p in out.iterdir()) == OUTPUT_FILES
    return out


def shared_data(name: str) -> Path:
    """A public evaluation set beside the clone; the test skips, saying why, when it is absent."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"evaluation data {path} not found: it lives in ../shared/data beside the clone")
    return path


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def knowledge():
    from kg.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of `kg build seeds/`, run in-process."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("seeds-output")
    assert main(["build", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def seeds_graph(seeds_build: Path):
    """The seeds' networkx graph, built the way `kg build` builds it."""
    from kg.config import Settings
    from kg.pipeline import build

    return build([SEEDS], Settings()).graph


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current build instead of comparing"
    )


MINI_GRAPH = Path(__file__).parent / "data" / "mini.ttl"


@pytest.fixture(scope="module", params=["mini", "seeds"])
def built_graph_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder as `kg build` writes it: a hand-made mini graph, then the seeds' build."""
    if request.param == "seeds":
        return Path(request.getfixturevalue("seeds_build"))
    import pyoxigraph as ox
    import rdflib

    out = tmp_path_factory.mktemp("mini")
    shutil.copyfile(MINI_GRAPH, out / "graph.ttl")
    triples = ox.parse(path=MINI_GRAPH, format=ox.RdfFormat.TURTLE)
    ox.serialize(triples, output=out / "graph.nt", format=ox.RdfFormat.N_TRIPLES)
    rdflib.Graph().parse(MINI_GRAPH).serialize(out / "graph.jsonld", format="json-ld")
    return out
