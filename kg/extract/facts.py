"""Candidate pairs -> facts: the relation model decides, the rules give the qualifiers. Pure.

The model (`scripts/train_relations.py`, shipped as kg/data/relation_model.json) is a multinomial
logistic regression over `features.pair_features`, trained on the news corpus' train split (and on
CoNLL04 train and Re-DocRED dev, at weights chosen on dev). For each pair it gives P(predicate)
over the predicates the ends' classes allow, and P(no relation). A fact is kept when its
predicate's probability reaches that predicate's threshold (chosen on dev for precision), and
its confidence is the precision facts of that probability had on dev (a calibration table in the
model), so that a confidence of 0.8 means right about four times in five.

The rules read roles ("Interior Minister"), statuses (former, acting) and verbs; a fact the model
keeps takes them from the rule that read the same pair, or the role from the person's title.
Without a model file the rules' facts are the facts, as before the model.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from kg.extract.candidates import Pair
from kg.extract.features import pair_features
from kg.extract.linear import LinearModel, load_packaged
from kg.extract.relations import Candidate
from kg.knowledge import Knowledge

MODEL_FILE = "relation_model.json"
NONE = "NONE"
RULE = "model"
OFFICE_FAMILY = {"holdsPosition", "leaderOf", "memberOf", "employedBy"}


@cache
def load_model() -> LinearModel | None:
    return load_packaged(MODEL_FILE)


def predicate_probabilities(pair: Pair, features: Sequence[str], model: LinearModel) -> dict[str, float]:
    """P(predicate) over the pair's allowed predicates and NONE, renormalised."""
    probabilities = model.probabilities(features)
    allowed = [p for p in pair.allowed() if p in probabilities]
    total = sum(probabilities[p] for p in allowed) + probabilities[NONE]
    return {p: probabilities[p] / total for p in [*allowed, NONE]}


def calibrated(probability: float, table: Sequence[Sequence[float]]) -> float:
    """The dev precision of facts whose probability was at least this high's bin floor."""
    if not table:
        return round(min(probability, 0.79), 2)
    floors = [float(row[0]) for row in table]
    i = bisect.bisect_right(floors, probability) - 1
    return round(float(table[max(i, 0)][1]), 2)


def decide(pairs: Sequence[Pair], rule_facts: Sequence[Candidate], knowledge: Knowledge) -> list[Candidate]:
    """The facts of one sentence."""
    model = load_model()
    if model is None:
        return list(rule_facts)
    thresholds: dict[str, float] = model.settings.get("thresholds", {})
    table = model.settings.get("calibration", [])
    facts: list[Candidate] = []
    for pair in pairs:
        probabilities = predicate_probabilities(pair, pair_features(pair, knowledge), model)
        best = max((p for p in probabilities if p != NONE), key=lambda p: probabilities[p], default=None)
        if best is None:
            continue
        probability = probabilities[best]
        if best in OFFICE_FAMILY:
            # an office or a membership: the model says whether the pair holds one, the rule that read
            # the title which ("leader" is leaderOf, "correspondent" employedBy)
            probability = sum(probabilities.get(p, 0.0) for p in OFFICE_FAMILY)
            best = next((f.predicate for f in pair.rules if f.predicate in OFFICE_FAMILY), best)
        if probability < float(thresholds.get(best, 1.01)):
            continue
        facts.append(_with_qualifiers(pair, best, calibrated(probability, table)))
    # relatedTo is the rules' alone: the model never predicts the open predicate
    facts += [f for f in rule_facts if f.predicate == "relatedTo"]
    return facts


def _with_qualifiers(pair: Pair, predicate: str, confidence: float) -> Candidate:
    same = [f for f in pair.rules if f.predicate == predicate]
    related = [f for f in pair.rules if f.predicate in OFFICE_FAMILY and predicate in OFFICE_FAMILY]
    source = next(iter(same or related), None)
    if source is not None:
        return replace(source, predicate=predicate, confidence=confidence, rule=f"{RULE}:{source.rule}")
    return Candidate(pair.subject.mention, predicate, pair.object.mention, confidence, RULE)
