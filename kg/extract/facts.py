"""Candidate pairs -> facts: the relation model decides, the rules give the qualifiers. Pure.

The model (`scripts/train_relations.py`, shipped as kg/data/relation_model.json) is a multinomial
logistic regression over `features.pair_features`, trained on the news corpus' train split (and on
CoNLL04 train and Re-DocRED dev, at weights chosen on dev). For each pair it gives P(predicate)
over the predicates the ends' classes allow, and P(no relation). A fact is kept when its
predicate's probability reaches that predicate's threshold (chosen on dev for precision), and
its confidence is the precision facts of that probability had on dev (a calibration table in the
model), so that a confidence of 0.8 means right about four times in five; where scripts/calibrate.py
measured the model's facts of the same source rule and predicate, that lower figure caps it.

The rules read roles ("Interior Minister"), statuses (former, acting) and verbs; a fact the model
keeps takes them from the rule that read the same pair, or the role from the person's title. The
rules' own facts are kept too, at their measured confidence (held-out dev, end to end: rules alone
F1 0.39, the model alone 0.37, both 0.45). Without a model file the rules' facts are the facts.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from kg.extract.candidates import Pair
from kg.extract.features import pair_features
from kg.extract.linear import LinearModel, load_packaged
from kg.extract.relations import Candidate, OpenTitle
from kg.knowledge import Knowledge

MODEL_FILE = "relation_model.json"
NONE = "NONE"
RULE = "model"
OFFICE_FAMILY = {"holdsPosition", "leaderOf", "memberOf", "employedBy"}
_CONTRARY = {"allyOf": "opponentOf", "opponentOf": "allyOf"}


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


def decide(
    pairs: Sequence[Pair],
    rule_facts: Sequence[Candidate],
    knowledge: Knowledge,
    titles: Sequence[OpenTitle] = (),
) -> list[Candidate]:
    """The facts of one sentence: the model's where it reaches its threshold, and the rules'. An
    office the model finds with no rule that read it takes the role and status of the person's
    title in the sentence ("freed former president X": former), so a past office is not current."""
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
        if best in OFFICE_FAMILY and any(f.rule.endswith("owner") for f in pair.rules):
            continue  # "X, owner of LokiTorrent": a rule read ownership; an owner is no employee
        if any(f.predicate == _CONTRARY.get(best) for f in (*pair.rules, *pair.reverse_rules)):
            continue  # "X challenged Mr Brown": a rule read opposition, so the pair is no alliance
        if best in OFFICE_FAMILY:
            # an office or a membership: the model says whether the pair holds one, the rule that read
            # the title which ("leader" is leaderOf, "correspondent" employedBy)
            probability = sum(probabilities.get(p, 0.0) for p in OFFICE_FAMILY)
            ruled = next((f.predicate for f in pair.rules if f.predicate in OFFICE_FAMILY), None)
            if ruled is None and pair.object.mention.cls == "Party":
                # no title names the post: what the pair says for sure is membership ("Labour's
                # economic success under Mr Brown" makes him a member, not its leader)
                ruled = "memberOf"
            best = ruled or best
        if probability < float(thresholds.get(best, 1.01)):
            continue
        fact = _with_qualifiers(pair, best, calibrated(probability, table), titles)
        # where scripts/calibrate.py measured the model's facts of this source rule and predicate
        # ("model:title-before-name memberOf", right 6 of 12), that precision is the confidence:
        # the model's table is one figure for all its facts of a probability
        measured = knowledge.rule_confidence.get(f"{fact.rule} {fact.predicate}")
        facts.append(fact if measured is None else replace(fact, confidence=min(measured, fact.confidence)))
    # the rules' facts stand beside the model's: on dev the union is right more often (P 0.72) and
    # finds more (R 0.33) than either alone; a veto by the model's P(no relation) changed nothing
    found = {(f.subject.key, f.predicate, f.object.key) for f in facts}
    facts += [f for f in rule_facts if (f.subject.key, f.predicate, f.object.key) not in found]
    return facts


def _with_qualifiers(pair: Pair, predicate: str, confidence: float, titles: Sequence[OpenTitle]) -> Candidate:
    same = [f for f in pair.rules if f.predicate == predicate]
    related = [f for f in pair.rules if f.predicate in OFFICE_FAMILY and predicate in OFFICE_FAMILY]
    source = next(iter(same or related), None)
    if source is not None:
        return replace(source, predicate=predicate, confidence=confidence, rule=f"{RULE}:{source.rule}")
    subject, obj = pair.subject.mention, pair.object.mention
    title = next((t for t in titles if t.person.key == subject.key), None)
    if title is not None and predicate in OFFICE_FAMILY and obj.key.startswith("country:"):
        return Candidate(subject, predicate, obj, confidence, f"{RULE}:title", title.role, title.status)
    return Candidate(subject, predicate, obj, confidence, RULE)
