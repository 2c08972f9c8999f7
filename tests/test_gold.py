"""The annotated news corpus itself: every file passes the checker, the split keeps its promises."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
DATA = ROOT.parent / "shared" / "data"
RESERVED_BBC = {"021", "104", "117", "120", "178", "193", "194", "297", "287", "356"}


def _checker():
    spec = importlib.util.spec_from_file_location("check_gold", ROOT / "scripts" / "check_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus() -> list[dict[str, str]]:
    return json.loads((GOLD / "corpus.json").read_text(encoding="utf-8"))["articles"]


def _gold_files() -> list[Path]:
    return sorted(p for p in [*GOLD.glob("*.json"), *GOLD.glob("agreement/*.json")] if p.name != "corpus.json")


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data is absent: the articles the gold annotates are there")
@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.relative_to(GOLD).as_posix())
def test_gold_file_passes_the_checker(path: Path):
    assert _checker().check(path) == []


def test_the_split_holds_no_reserved_article_and_a_large_enough_test():
    articles = _corpus()
    numbers = {a["source"].split("/")[1][:3] for a in articles if a["source"].startswith("bbc-politics/")}
    assert not numbers & RESERVED_BBC
    test = [a for a in articles if a["split"] == "test"]
    assert len(test) >= 40
    assert sum(a["source"].startswith("wikinews-sources/") for a in test) * 2 > len(test)
    assert len({a["name"] for a in articles}) == len(articles)


def test_a_wikinews_item_lies_in_one_split():
    splits: dict[str, set[str]] = {}
    for article in _corpus():
        if article["source"].startswith("wikinews-sources/"):
            item = article["source"].split("/")[1].split("-")[0]
            splits.setdefault(item, set()).add(article["split"])
    assert all(len(s) == 1 for s in splits.values())


def test_every_gold_file_is_in_the_corpus_or_a_seed():
    names = {a["name"] for a in _corpus()}
    for path in GOLD.glob("*.json"):
        if path.name != "corpus.json":
            assert path.stem in names or path.stem.startswith("seeds-"), path.name
    assert {p.stem for p in GOLD.glob("agreement/*.json")} <= names


def test_agreement_counts_a_relation_only_one_annotator_requires_as_missed():
    from kg.evaluate.agreement import compare
    from kg.evaluate.news import to_gold

    def doc(relations: list[dict]) -> object:
        entities = [
            {"id": "af", "class": "Institution", "names": ["U.S. Air Force"]},
            {"id": "boeing", "class": "Institution", "names": ["Boeing"]},
            {"id": "us", "class": "Place", "names": ["U.S."]},
        ]
        return to_gold({"source": "x", "entities": entities, "relations": relations}, "x")

    both = {"subject": "boeing", "predicates": ["basedIn"], "object": "us", "evidence": "e"}
    a = doc([both, {"subject": "af", "predicates": ["opponentOf", "relatedTo"], "object": "boeing", "evidence": "e"}])
    b = doc(
        [both, {"subject": "af", "predicates": ["relatedTo"], "object": "boeing", "evidence": "e", "optional": True}]
    )
    agreement = compare(a, b)  # type: ignore[arg-type]
    assert agreement.entities.f1 == 1.0
    assert (agreement.relations.tp_system, agreement.relations.n_system) == (1, 1)
    assert (agreement.relations.tp_gold, agreement.relations.n_gold) == (1, 2)
