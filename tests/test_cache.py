"""`kg build --cache DIR`: unchanged articles are read back, not parsed again, and the output is the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.cli import main
from kg.config import Settings
from kg.export.rdf import to_ntriples
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_FILES = ["graph.html", "graph.jsonld", "graph.nt", "graph.ttl", "ontology.ttl"]
# A third article, so one can change while the others stay.
EXTRA = "Kyrgyz President Sooronbai Jeenbekov met Almazbek Atambayev in Bishkek on Monday.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "extra.txt").write_text(EXTRA, encoding="utf-8")
    return folder


def build_cli(corpus: Path, out: Path, cache: Path | None, capsys: pytest.CaptureFixture[str]) -> str:
    args = ["build", str(corpus), "--out", str(out)] + (["--cache", str(cache)] if cache else [])
    assert main(args) == 0
    return capsys.readouterr().out.splitlines()[0]


def assert_same_files(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_second_build_reads_every_article_from_the_cache(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    assert build_cli(corpus, tmp_path / "cold", cache, capsys) == "documents: 3 read, 0 skipped"
    assert build_cli(corpus, tmp_path / "warm", cache, capsys) == "documents: 3 read, 0 skipped, 3 from cache"
    assert_same_files(tmp_path / "cold", tmp_path / "warm")
    build_cli(corpus, tmp_path / "uncached", None, capsys)
    assert_same_files(tmp_path / "cold", tmp_path / "uncached")


def test_a_changed_article_alone_is_extracted_again(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    assert build([corpus], settings).n_cached == 0
    (corpus / "extra.txt").write_text(EXTRA + "Bishkek is the capital of Kyrgyzstan.\n", encoding="utf-8")
    assert build([corpus], settings).n_cached == 2
    (corpus / "added.txt").write_text("Almazbek Atambayev left Bishkek.\n", encoding="utf-8")
    cached = build([corpus], settings)
    assert cached.n_cached == 3
    assert to_ntriples(cached.graph) == to_ntriples(build([corpus], Settings()).graph)


def test_an_unreadable_cache_entry_is_extracted_again(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    build([corpus], settings)
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert build([corpus], settings).n_cached == 0
    assert build([corpus], settings).n_cached == 3
