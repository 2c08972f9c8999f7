"""A multinomial logistic regression over sparse string features, read from JSON. Pure.

kg's trained models (the mention typer, the relation classifier) are fitted with scikit-learn
by scripts in `scripts/` and shipped as plain JSON: the labels, one intercept per label, and
for each feature one weight per label (features whose weights are all zero are left out). Here
the model is a sparse dot product and a softmax in pure Python, so kg needs no scikit-learn at
run time and a prediction costs microseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import orjson

from kg.knowledge import collector_paused


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label
    settings: dict[str, Any] = field(default_factory=dict)  # thresholds and the like, chosen on dev
    provenance: dict[str, Any] = field(default_factory=dict)  # data hashes, command, date of training

    def scores(self, features: Iterable[str]) -> list[float]:
        rows = [weights for feature in features if (weights := self.weights.get(feature)) is not None]
        # one column per label, summed in C rather than a Python loop per weight; left to right
        # from the intercept, the order the sums were always taken in, so the same floats come out
        return [sum(column) for column in zip(self.intercepts, *rows, strict=True)]

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """P(label | features), by softmax over the labels."""
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}


def model_from_json(data: dict[str, Any]) -> LinearModel:
    return LinearModel(
        labels=tuple(data["labels"]),
        intercepts=tuple(float(b) for b in data["intercepts"]),
        # json gives floats already (or ints for zeros, which add the same): no per-weight conversion,
        # which took seconds for the relation model's 1.4 million weights
        weights={f: tuple(ws) for f, ws in data["weights"].items()},
        settings=dict(data.get("settings", {})),
        provenance=dict(data.get("provenance", {})),
    )


def model_to_json(model: LinearModel, min_weight: float = 5e-6) -> dict[str, Any]:
    """The JSON a training script writes: weights rounded, rows whose weights are all below
    `min_weight` dropped, keys sorted."""
    weights = {
        feature: [round(w, 5) for w in ws]
        for feature, ws in sorted(model.weights.items())
        if any(abs(w) >= min_weight for w in ws)
    }
    return {
        "labels": list(model.labels),
        "intercepts": [round(b, 5) for b in model.intercepts],
        "settings": model.settings,
        "provenance": model.provenance,
        "weights": weights,
    }


def load_packaged(name: str) -> LinearModel | None:
    """A model shipped in kg/data, or None when the file is absent (then its stage adds nothing)."""
    path = resources.files("kg.data").joinpath(name)
    if not path.is_file():
        return None
    with collector_paused():
        return model_from_json(orjson.loads(path.read_bytes()))
