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


def test_an_unreadable_cache_entry_is_extracted_again_with_a_warning(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    build([corpus], settings)
    entries = sorted((tmp_path / "cache").rglob("*.pickle"))
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    result = build([corpus], settings)
    assert result.n_cached == 0
    assert sorted(w.split(":", 1)[0] for w in result.warnings) == [str(e) for e in entries]
    assert all("damaged cache entry (checksum does not match)" in w for w in result.warnings)
    assert build([corpus], settings).n_cached == 3


def _flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


def test_one_flipped_bit_anywhere_in_an_entry_is_caught_before_it_is_used(corpus: Path, tmp_path: Path) -> None:
    # a flipped bit once gave OverflowError, MemoryError, or silently wrong evidence ("writtenf")
    settings = Settings(cache_dir=tmp_path / "cache")
    expected = to_ntriples(build([corpus], settings).graph)
    entry = max((tmp_path / "cache").rglob("*.pickle"), key=lambda p: p.stat().st_size)
    original = entry.read_bytes()
    for position in range(0, len(original), max(1, len(original) // 40)):
        entry.write_bytes(_flip(original, position))
        result = build([corpus], settings)
        assert result.n_cached == 2, position
        assert [w for w in result.warnings if "damaged cache entry" in w] != [], position
        assert to_ntriples(result.graph) == expected, position
        entry.write_bytes(original)


def test_warm_cache_gives_no_warning(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    build([corpus], settings)
    result = build([corpus], settings)
    assert (result.n_cached, result.warnings) == (3, [])
