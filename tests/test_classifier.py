"""The trained relation classifier: the shipped model, inference on made-up sentences, reproducibility."""

from __future__ import annotations

import json
import sys
from importlib import resources

import pytest

from kg.extract.classifier import (
    COARSE_CLASS,
    PREDICATES,
    load_model,
    model_from_json,
    ordered_pairs,
    pair_features,
)
from tests.conftest import ROOT, shared_data


def test_shipped_model_loads_with_provenance():
    model = load_model()
    assert model is not None
    assert set(model.labels) == {"NONE", *PREDICATES}
    assert len(model.intercepts) == len(model.labels)
    assert all(len(w) == len(model.labels) for w in model.weights.values())
    assert len(model.provenance["train_sha256"]) == 64
    assert model.provenance["command"].startswith(".venv/bin/python scripts/train_relations.py")
    assert model.provenance["scikit_learn"]
    assert set(model.thresholds) == set(PREDICATES.values())
    assert max(model.confidence_cap.values()) < 0.95
    size = len(resources.files("kg.data").joinpath("relation_model.json").read_bytes())
    assert size < 2_000_000


def _pairs(nlp, knowledge, text: str) -> dict[tuple[str, str], tuple[str, float]]:
    """(head, tail) -> (relation, probability) for every classifiable pair of kg's mentions."""
    from kg.extract.mentions import extract_mentions

    model = load_model()
    assert model is not None
    doc = nlp(text)
    mentions = [(m.span, m.cls, m.key) for m in extract_mentions(doc, knowledge)]
    found = {}
    for i, j, relation in ordered_pairs(mentions):
        (head, head_cls, _), (tail, tail_cls, _) = mentions[i], mentions[j]
        features = pair_features(head, COARSE_CLASS[head_cls], tail, COARSE_CLASS[tail_cls])
        found[(head.text, tail.text)] = (relation, model.probability(features, relation))
    return found


@pytest.mark.parametrize(
    ("text", "head", "tail", "relation"),
    [
        (
            "Maria Lopez, a lawyer at Banco Central in Lima, said the loan was signed.",
            "Maria Lopez",
            "Banco Central",
            "Work_For",
        ),
        ("Anna Schmidt, who lives in Hamburg, runs a bakery.", "Anna Schmidt", "Hamburg", "Live_In"),
        (
            "The Kestrel Mining Company, based in Perth, reported a loss.",
            "The Kestrel Mining Company",
            "Perth",
            "OrgBased_In",
        ),
    ],
)
def test_made_up_sentences_give_the_relation(nlp, knowledge, text, head, tail, relation):
    pairs = _pairs(nlp, knowledge, text)
    found = {(h.removeprefix("The "), t): v for (h, t), v in pairs.items()}
    kind, probability = found[(head.removeprefix("The "), tail)]
    assert kind == relation
    assert probability >= 0.5


def test_unrelated_pair_is_not_a_relation(nlp, knowledge):
    pairs = _pairs(
        nlp, knowledge, "Maria Lopez watched the game on television while Peter Hall cooked dinner in Leeds."
    )
    relation, probability = pairs[("Maria Lopez", "Leeds")]
    assert relation == "Live_In"
    model = load_model()
    assert model is not None
    assert probability < model.thresholds["livesIn"]


def test_features_are_deterministic(nlp):
    doc = nlp("Maria Lopez, a lawyer at Banco Central in Lima, said the loan was signed.")
    head, tail = doc[0:2], doc[6:8]
    first = pair_features(head, "PER", tail, "ORG")
    assert first == pair_features(nlp(doc.text)[0:2], "PER", nlp(doc.text)[6:8], "ORG")
    assert first == sorted(set(first))
    assert "types=PER>ORG" in first
    assert any(f.startswith("path=") for f in first)


def test_model_json_round_trip():
    data = json.loads(resources.files("kg.data").joinpath("relation_model.json").read_text(encoding="utf-8"))
    model = model_from_json(data)
    assert model == load_model()


@pytest.mark.slow
def test_retraining_a_slice_is_reproducible(nlp, tmp_path):
    pytest.importorskip("sklearn")
    data = shared_data("conll04")
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_relations

    outputs = []
    for n in range(2):
        out = tmp_path / f"model-{n}.json"
        assert train_relations.main(["--data", str(data), "--limit", "150", "--C", "1", "--out", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    model = json.loads(outputs[0])
    assert model["provenance"]["train_limit"] == "150"
    assert model["weights"]
