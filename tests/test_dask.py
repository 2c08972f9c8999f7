"""`kg build --executor dask`: the per-document work on a Dask cluster gives the local run's bytes."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHARED_DATA

import kg.executors
from kg.cli import main
from kg.config import Settings
from kg.errors import KgError
from kg.executors import DaskExecutor
from kg.export.rdf import to_ntriples
from kg.pipeline import build

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_FILES = ["graph.html", "graph.jsonld", "graph.nt", "graph.ttl", "ontology.ttl"]
N_BBC = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and, when they are beside the clone, a few BBC articles: several tasks per worker."""
    folder = tmp_path_factory.mktemp("articles")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    bbc = SHARED_DATA / "bbc-politics"
    for article in sorted(bbc.glob("[0-9]*.txt"))[:N_BBC] if bbc.is_dir() else []:
        shutil.copy(article, folder / f"bbc-{article.name}")
    return folder


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes of one thread each, as `dask worker --nthreads 1` would run them."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


def test_dask_build_writes_the_local_builds_bytes(corpus: Path, cluster: str, tmp_path: Path) -> None:
    assert main(["build", str(corpus), "--out", str(tmp_path / "local"), "--quiet"]) == 0
    args = ["--executor", "dask", "--scheduler", cluster, "--quiet"]
    assert main(["build", str(corpus), "--out", str(tmp_path / "dask"), *args]) == 0
    for name in OUTPUT_FILES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_every_worker_loads_the_pipeline_once(corpus: Path, cluster: str) -> None:
    build([corpus], Settings(executor="dask", scheduler=cluster))
    with distributed.Client(cluster) as client:
        loads = client.run(_n_pipeline_loads)
    assert len(loads) == 2
    assert all(n == 1 for n in loads.values()), loads


def _n_pipeline_loads() -> int:
    from kg.nlp import load_pipeline

    return load_pipeline.cache_info().currsize


def test_clashing_file_names_get_the_ids_of_a_local_run(corpus: Path, cluster: str, tmp_path: Path) -> None:
    """Each worker reads its own files, so it cannot number two files whose names give one id."""
    twin = tmp_path / "twin"
    twin.mkdir()
    seed = next(iter(sorted((ROOT / "seeds").glob("*.txt"))))
    shutil.copy(seed, twin / seed.name)
    paths = [corpus, twin]
    local = build(paths, Settings())
    remote = build(paths, Settings(executor="dask", scheduler=cluster))
    assert sorted(remote.graph.graph["documents"]) == sorted(local.graph.graph["documents"])
    assert len(local.graph.graph["documents"]) == len(list(corpus.glob("*.txt"))) + 1


def test_without_a_scheduler_a_cluster_is_started_here(tmp_path: Path) -> None:
    seeds = [ROOT / "seeds"]
    here = build(seeds, Settings(executor="dask", n_process=1))
    assert to_ntriples(here.graph) == to_ntriples(build(seeds, Settings()).graph)


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.executors, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(KgError, match=r"^cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9: .*start one with"):
        DaskExecutor("tcp://127.0.0.1:9", 1)


def test_missing_dask_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(KgError, match=r"--executor dask needs Dask: pip install 'kg\[dask\]'"):
        DaskExecutor(None, 1)


def test_scheduler_needs_the_dask_executor(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--scheduler", "tcp://127.0.0.1:8786"]) == 1
    assert capsys.readouterr().err == "kg: error: --scheduler tcp://127.0.0.1:8786 needs --executor dask\n"


def test_warnings_name_files_as_given(cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers read files at their full path; a skipped file is still named as on the command line."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(next(iter(sorted((ROOT / "seeds").glob("*.txt")))), folder / "seed.txt")
    (folder / "empty.txt").write_text("\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    local = build([Path("articles")], Settings())
    remote = build([Path("articles")], Settings(executor="dask", scheduler=cluster))
    assert remote.warnings == local.warnings == ["articles/empty.txt: skipped: empty: no text"]
