"""The hand-annotated news articles (tests/gold/*.json, format in tests/gold/FORMAT.md), scored
on the graph kg wrote. Pure but for `read_gold`.

Only the entities mentioned in a document (kgo:mentionedIn) and the statements derived from it
(prov:wasDerivedFrom) count for that document.

Entities. A system entity matches a gold entity when one of its names (label, altLabels; a
label "X (State)" also as X) equals one of the gold names after `core.normalize_name`. Gold
entities are assigned one-to-one to system entities (`assign_entities`: closest names first,
then as many pairs as possible). Then:
- assigned to a required gold entity: a true positive, and its class is compared;
- not assigned, but matching a gold entity that another system entity took: a duplicate,
  a false positive;
- matching nothing: junk, a false positive;
- matching only optional gold entities: left out of both sides.
Recall is over the required gold entities.

Relations. A system fact (subject, predicate, object), its role and status variants taken as
one, matches a gold relation when the predicate is among its `predicates`, the subject
matches the gold subject by name and the object the gold object or one of its
`object_alternatives` (either way round for symmetric predicates). Several facts may match
one gold relation: each is right, recall counts the relation once. A fact that matches only
optional relations, or whose subject or object matches only optional entities, is left out.
Status is a secondary score over the gold relations found: the gold status (former, acting,
or none) against the status of the facts that found it, "current" counting as none.

Calibration: every fact that is scored, with its confidence (the maximum over its statements
in the document) and whether it is right.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.evaluate.core import Score, mean, name_keys, total, without_state
from kg.evaluate.rdf_reader import EntityRecord, FactRecord, GraphRecords
from kg.identifiers import slugify

SYMMETRIC_PREDICATES = frozenset({"relativeOf", "allyOf", "opponentOf", "borders"})
_N_RANKS = 6  # see _match_ranks
CALIBRATION_BINS: tuple[tuple[float, float], ...] = ((0.8, 1.0), (0.5, 0.8), (0.0, 0.5))


@dataclass(frozen=True)
class GoldEntity:
    id: str
    cls: str
    names: tuple[str, ...]
    is_optional: bool = False
    # a country the text names only by its demonym ("the Nigerian president"): not scored as an
    # entity (kg need not list it), but relations to it are scored like any other
    is_implied: bool = False


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicates: tuple[str, ...]
    object: str
    object_alternatives: tuple[str, ...] = ()
    role: str | None = None
    status: str | None = None
    evidence: str = ""
    is_optional: bool = False

    @property
    def objects(self) -> frozenset[str]:
        return frozenset((self.object, *self.object_alternatives))


@dataclass(frozen=True)
class GoldDocument:
    name: str  # the gold file's stem, e.g. "bbc-011"
    source: str  # e.g. "bbc-politics/011.txt"
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]

    @property
    def identifier(self) -> str:
        """The input file name kg records as the document's dcterms:identifier."""
        return Path(self.source).name


@dataclass(frozen=True)
class SystemFact:
    """The statements of one (subject, predicate, object) in one document, taken together."""

    subject: EntityRecord
    predicate: str
    object: EntityRecord
    confidence: float
    statuses: frozenset[str | None]
    rules: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DocumentReport:
    name: str
    identifier: str
    entities: Score
    n_class_right: int
    n_class_compared: int
    relations: Score
    n_status_right: int
    n_status_compared: int
    scored_facts: tuple[tuple[SystemFact, bool], ...]  # every fact scored, and whether it is right
    junk: tuple[str, ...] = ()  # labels of system entities that match no gold entity
    duplicates: tuple[tuple[str, str], ...] = ()  # (system label, gold id already matched)
    missed_entities: tuple[str, ...] = ()  # canonical names of required gold entities not found
    class_errors: tuple[tuple[str, str, str], ...] = ()  # (label, system class, gold class)
    missed_relations: tuple[tuple[GoldRelation, str], ...] = ()  # (gold relation, why)
    wrong_relations: tuple[tuple[SystemFact, str], ...] = ()  # (system fact, why)
    found_relations: tuple[GoldRelation, ...] = ()  # required gold relations some fact finds

    @property
    def class_accuracy(self) -> float:
        return self.n_class_right / self.n_class_compared if self.n_class_compared else 0.0

    @property
    def calibration(self) -> tuple[tuple[float, bool], ...]:
        """(confidence, is right) per scored fact."""
        return tuple((fact.confidence, is_right) for fact, is_right in self.scored_facts)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "identifier": self.identifier,
            "entities": self.entities.as_dict(),
            "class_accuracy": round(self.class_accuracy, 4),
            "relations": self.relations.as_dict(),
            "status_accuracy": round(self.n_status_right / self.n_status_compared, 4)
            if self.n_status_compared
            else None,
            "junk": list(self.junk),
            "duplicates": [list(d) for d in self.duplicates],
            "missed_entities": list(self.missed_entities),
            "class_errors": [list(c) for c in self.class_errors],
            "missed_relations": [
                {
                    "subject": g.subject,
                    "predicates": list(g.predicates),
                    "object": g.object,
                    "why": why,
                    "evidence": g.evidence,
                }
                for g, why in self.missed_relations
            ],
            "wrong_relations": [
                {
                    "subject": f.subject.label,
                    "predicate": f.predicate,
                    "object": f.object.label,
                    "confidence": f.confidence,
                    "rules": list(f.rules),
                    "why": why,
                    "evidence": list(f.evidence),
                }
                for f, why in self.wrong_relations
            ],
        }


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    n_facts: int
    n_right: int

    @property
    def precision(self) -> float:
        return self.n_right / self.n_facts if self.n_facts else 0.0


@dataclass(frozen=True)
class NewsReport:
    name: str  # "seeds", "bbc"
    documents: tuple[DocumentReport, ...] = field(default_factory=tuple)

    @property
    def mean_entity_f1(self) -> float:
        return mean([d.entities.f1 for d in self.documents])

    @property
    def mean_relation_f1(self) -> float:
        return mean([d.relations.f1 for d in self.documents])

    @property
    def entities(self) -> Score:
        return total(d.entities for d in self.documents)

    @property
    def relations(self) -> Score:
        return total(d.relations for d in self.documents)

    @property
    def class_accuracy(self) -> float:
        compared = sum(d.n_class_compared for d in self.documents)
        return sum(d.n_class_right for d in self.documents) / compared if compared else 0.0

    @property
    def status_accuracy(self) -> float:
        compared = sum(d.n_status_compared for d in self.documents)
        return sum(d.n_status_right for d in self.documents) / compared if compared else 0.0

    def calibration(self) -> list[CalibrationBin]:
        return calibrate(p for d in self.documents for p in d.calibration)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "mean_entity_f1": round(self.mean_entity_f1, 4),
            "mean_relation_f1": round(self.mean_relation_f1, 4),
            "entities": self.entities.as_dict(),
            "class_accuracy": round(self.class_accuracy, 4),
            "relations": self.relations.as_dict(),
            "status_accuracy": round(self.status_accuracy, 4),
            "calibration": [
                {
                    "low": b.low,
                    "high": b.high,
                    "n_facts": b.n_facts,
                    "n_right": b.n_right,
                    "precision": round(b.precision, 4),
                }
                for b in self.calibration()
            ],
            "documents": [d.as_dict() for d in self.documents],
        }


def to_gold(data: dict, name: str) -> GoldDocument:
    """One parsed gold JSON file -> GoldDocument."""
    entities = tuple(
        GoldEntity(e["id"], e["class"], tuple(e["names"]), bool(e.get("optional")), bool(e.get("implied")))
        for e in data["entities"]
    )
    relations = tuple(
        GoldRelation(
            subject=r["subject"],
            predicates=tuple(r["predicates"]),
            object=r["object"],
            object_alternatives=tuple(r.get("object_alternatives", ())),
            role=r.get("role"),
            status=r.get("status"),
            evidence=r.get("evidence", ""),
            is_optional=bool(r.get("optional", False)),
        )
        for r in data["relations"]
    )
    return GoldDocument(name, data["source"], entities, relations)


def read_gold(path: Path) -> GoldDocument:
    return to_gold(json.loads(path.read_text(encoding="utf-8")), path.stem)


def _match_ranks(entity: EntityRecord, gold: GoldDocument) -> dict[str, int]:
    """How closely a system entity matches each gold entity it answers to, 0 closest.

    By the name: its label is the gold canonical name (0), its label is a gold name (2), another
    of its names is (4), its label's slug is the gold id (6: the id is the slug of the canonical
    name, GUIDELINES.md 2.6, which the names may lack: the Republican Party named only by the "R" of
    "R-Minn."); one more when the classes differ.
    """
    label = name_keys([entity.label])
    keys = name_keys(entity.names)
    label_slug = slugify(without_state(entity.label))
    ranks = {}
    for g in gold.entities:
        names = name_keys(g.names)
        if label & name_keys(g.names[:1]):
            ranks[g.id] = 0
        elif label & names:
            ranks[g.id] = 2
        elif keys & names:
            ranks[g.id] = 4
        elif label_slug == g.id:
            ranks[g.id] = 6
        else:
            continue
        ranks[g.id] += entity.cls != g.cls
    return ranks


def assign_entities(ranked: dict[str, dict[str, int]], strengths: dict[str, int] | None = None) -> dict[str, str]:
    """System -> gold, one-to-one: the closest matches first, then as many more pairs as possible.

    A maximum matching over the rank-0 edges, then one over the rank <= 1 edges among the
    entities left on both sides, and so on; so the system entity labelled "Michael Howard"
    keeps gold Michael Howard and the one labelled "Michael" is the duplicate, not the other
    way round. Among equals, the entity with the larger `strengths` (more names shared with the
    gold entity) is served first.
    """
    strengths = strengths or {}
    assigned: dict[str, str] = {}
    for rank in range(_N_RANKS):
        taken = set(assigned.values())
        edges = {
            left: tuple(
                sorted((g for g, r in golds.items() if r <= rank and g not in taken), key=lambda g: (golds[g], g))
            )
            for left, golds in ranked.items()
            if left not in assigned
        }
        assigned |= _maximum_matching(edges, strengths)
    return assigned


def _maximum_matching(edges: dict[str, tuple[str, ...]], strengths: dict[str, int]) -> dict[str, str]:
    """Kuhn's augmenting paths: left -> right, one-to-one, as many pairs as possible; deterministic."""
    owner: dict[str, str] = {}  # right -> left

    def augment(left: str, seen: set[str]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in sorted(edges, key=lambda k: (len(edges[k]), -strengths.get(k, 0), k)):
        augment(left, set())
    return {left: right for right, left in owner.items()}


def system_facts(facts: Iterable[FactRecord], entities: dict[str, EntityRecord]) -> list[SystemFact]:
    """One document's statements grouped by (subject, predicate, object)."""
    grouped: dict[tuple[str, str, str], list[FactRecord]] = {}
    for fact in facts:
        if fact.subject in entities and fact.object in entities:
            grouped.setdefault((fact.subject, fact.predicate, fact.object), []).append(fact)
    return [
        SystemFact(
            subject=entities[s],
            predicate=p,
            object=entities[o],
            confidence=max(f.confidence for f in group),
            statuses=frozenset(f.status for f in group),
            rules=tuple(sorted({r for f in group for r in f.rules})),
            evidence=tuple(sorted({e for f in group for e in f.evidence})),
        )
        for (s, p, o), group in sorted(grouped.items())
    ]


def _finds(fact: SystemFact, gold: GoldRelation, candidates: dict[str, frozenset[str]]) -> bool:
    if fact.predicate not in gold.predicates:
        return False
    subjects, objects = candidates[fact.subject.iri], candidates[fact.object.iri]
    if gold.subject in subjects and gold.objects & objects:
        return True
    return fact.predicate in SYMMETRIC_PREDICATES and gold.subject in objects and bool(gold.objects & subjects)


def _links(subjects: frozenset[str], objects: frozenset[str], gold: GoldRelation) -> str | None:
    """How a pair of gold-matched entities relates to a gold relation's pair: same way, reversed, or not."""
    if gold.subject in subjects and gold.objects & objects:
        return "same"
    if gold.subject in objects and gold.objects & subjects:
        return "reversed"
    return None


def _why_wrong(fact: SystemFact, gold: GoldDocument, candidates: dict[str, frozenset[str]]) -> str:
    subjects, objects = candidates[fact.subject.iri], candidates[fact.object.iri]
    if not subjects:
        return "subject matches no gold entity"
    if not objects:
        return "object matches no gold entity"
    same = [r for r in gold.relations if _links(subjects, objects, r) == "same"]
    reverse = [r for r in gold.relations if _links(subjects, objects, r) == "reversed"]
    if any(fact.predicate in r.predicates for r in reverse):
        return "reversed"
    if same:
        return f"wrong predicate (gold: {'/'.join(same[0].predicates)})"
    if reverse:
        return f"reversed, gold: {'/'.join(reverse[0].predicates)}"
    return "no gold relation between these entities"


def _why_missed(relation: GoldRelation, facts: Sequence[SystemFact], candidates: dict[str, frozenset[str]]) -> str:
    found = frozenset().union(*candidates.values()) if candidates else frozenset()
    if relation.subject not in found:
        return "subject entity not found"
    if not relation.objects & found:
        return "object entity not found"
    links = [(_links(candidates[f.subject.iri], candidates[f.object.iri], relation), f.predicate) for f in facts]
    for link, predicate in sorted(links, key=lambda lp: lp[1] not in relation.predicates):
        if link == "reversed" and predicate in relation.predicates:
            return f"pair found reversed as {predicate}"
        if link == "same":
            return f"pair found as {predicate}"
    for link, predicate in links:
        if link == "reversed":
            return f"pair found reversed as {predicate}"
    return "entities found, no fact between them"


def _status(value: str | None) -> str | None:
    return None if value in (None, "current") else value


def score_document(gold: GoldDocument, records: GraphRecords) -> DocumentReport:
    """Entities, classes, relations and calibration points of one annotated article."""
    identifier = gold.identifier
    by_id = {g.id: g for g in gold.entities}
    required = {g.id for g in gold.entities if not g.is_optional and not g.is_implied}
    relation_ends = required | {g.id for g in gold.entities if g.is_implied and not g.is_optional}
    mentioned = records.entities_in(identifier)
    facts = system_facts(records.facts_from(identifier), records.entities)
    involved = {e.iri: e for e in mentioned} | {e.iri: e for f in facts for e in (f.subject, f.object)}
    ranked = {iri: _match_ranks(entity, gold) for iri, entity in sorted(involved.items())}
    candidates = {iri: frozenset(ranks) for iri, ranks in ranked.items()}

    # entities: one-to-one over required gold entities, then duplicates, junk and neutral ones
    shared = {
        e.iri: max((len(name_keys(e.names) & name_keys(by_id[g].names)) for g in ranked[e.iri]), default=0)
        for e in mentioned
    }
    assigned = assign_entities(
        {e.iri: {g: r for g, r in ranked[e.iri].items() if g in required} for e in mentioned}, shared
    )
    junk, duplicates, class_errors = [], [], []
    n_false = 0
    for entity in mentioned:
        matches = candidates[entity.iri]
        if entity.iri in assigned:
            if entity.cls != by_id[assigned[entity.iri]].cls:
                class_errors.append((entity.label, entity.cls, by_id[assigned[entity.iri]].cls))
        elif not matches:
            junk.append(entity.label)
            n_false += 1
        elif matches <= required:
            duplicates.append((entity.label, min(matches)))
            n_false += 1
    n_assigned = len(assigned)
    missed_entities = [by_id[g].names[0] for g in sorted(required - set(assigned.values()))]
    entity_score = Score(n_assigned, n_assigned + n_false, n_assigned, len(required))

    # relations
    required_relations = [r for r in gold.relations if not r.is_optional]
    optional_relations = [r for r in gold.relations if r.is_optional]
    scored: list[tuple[SystemFact, bool]] = []
    wrong: list[tuple[SystemFact, str]] = []
    n_right = 0
    for fact in facts:
        is_right = any(_finds(fact, r, candidates) for r in required_relations)
        if not is_right:
            ends = (candidates[fact.subject.iri], candidates[fact.object.iri])
            touches_optional = any(c and c.isdisjoint(relation_ends) for c in ends)
            if touches_optional or any(_finds(fact, r, candidates) for r in optional_relations):
                continue
            wrong.append((fact, _why_wrong(fact, gold, candidates)))
        n_right += is_right
        scored.append((fact, is_right))
    found = [r for r in required_relations if any(_finds(f, r, candidates) for f in facts)]
    missed = [(r, _why_missed(r, facts, candidates)) for r in required_relations if r not in found]
    relation_score = Score(n_right, n_right + len(wrong), len(found), len(required_relations))

    n_status_right = sum(
        _status(r.status) in {_status(s) for f in facts if _finds(f, r, candidates) for s in f.statuses} for r in found
    )
    return DocumentReport(
        name=gold.name,
        identifier=identifier,
        entities=entity_score,
        n_class_right=n_assigned - len(class_errors),
        n_class_compared=n_assigned,
        relations=relation_score,
        n_status_right=n_status_right,
        n_status_compared=len(found),
        scored_facts=tuple(scored),
        junk=tuple(junk),
        duplicates=tuple(duplicates),
        missed_entities=tuple(missed_entities),
        class_errors=tuple(class_errors),
        missed_relations=tuple(missed),
        wrong_relations=tuple(wrong),
        found_relations=tuple(found),
    )


def score_news(name: str, golds: Sequence[GoldDocument], records: GraphRecords) -> NewsReport:
    return NewsReport(name, tuple(score_document(g, records) for g in golds))


def calibrate(
    points: Iterable[tuple[float, bool]], bins: Sequence[tuple[float, float]] = CALIBRATION_BINS
) -> list[CalibrationBin]:
    """Precision of the facts per confidence band [low, high); the band reaching 1.0 includes it."""
    points = list(points)
    result = []
    for low, high in bins:
        inside = [right for conf, right in points if low <= conf < high or (high >= 1.0 and conf == high)]
        result.append(CalibrationBin(low, high, len(inside), sum(inside)))
    return result


@dataclass(frozen=True)
class RuleScore:
    rule: str
    n_facts: int
    n_right: int
    confidence: float  # the highest confidence the rule gave

    @property
    def precision(self) -> float:
        return self.n_right / self.n_facts if self.n_facts else 0.0


def by_predicate(reports: Iterable[DocumentReport]) -> dict[str, Score]:
    """Precision over the facts kg states with each predicate, recall over the gold relations whose
    first (most specific) predicate it is."""
    right: Counter[str] = Counter()
    stated: Counter[str] = Counter()
    found: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for report in reports:
        for fact, is_right in report.scored_facts:  # every fact scored right or wrong
            stated[fact.predicate] += 1
            right[fact.predicate] += is_right
        for relation in report.found_relations:
            found[relation.predicates[0]] += 1
            gold[relation.predicates[0]] += 1
        for relation, _ in report.missed_relations:
            gold[relation.predicates[0]] += 1
    return {p: Score(right[p], stated[p], found[p], gold[p]) for p in sorted(set(stated) | set(gold))}


def precision_by_rule(reports: Iterable[DocumentReport]) -> list[RuleScore]:
    """How often each extraction rule's facts are right; a fact found by several rules counts for each."""
    counts: dict[str, list[float]] = {}
    for report in reports:
        for fact, is_right in report.scored_facts:
            for rule in fact.rules or ("(none)",):
                entry = counts.setdefault(rule, [0, 0, 0.0])
                entry[0] += 1
                entry[1] += is_right
                entry[2] = max(entry[2], fact.confidence)
    return [RuleScore(rule, int(n), int(right), conf) for rule, (n, right, conf) in sorted(counts.items())]
