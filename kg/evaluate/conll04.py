"""CoNLL04 end-to-end relations, scored on the graph kg wrote. Pure but for `read_conll04`.

Each sentence is one document. kg's predicates map to CoNLL04's five types:

    memberOf, employedBy (any object), holdsPosition or leaderOf of
    an Institution or Party                                            -> Work_For
    livesIn, holdsPosition or leaderOf of a Place                      -> Live_In
    basedIn                                                           -> OrgBased_In
    locatedIn, capitalOf                                              -> Located_In
    killed                                                            -> Kill

Other predicates are not CoNLL04 types and are left out. A gold triple (type, head, tail) is
found when a fact from its sentence's document maps to that type and the head and the tail
are among the names (label and altLabels, normalised as in `core.normalize_name`) of the
fact's subject and object. A system triple (subject, type, object) is right when it finds
some gold triple. Entity types are not compared (our classes are implied by the predicates);
the published systems use the same relation match with their own entity spans.

CoNLL04's spans follow conventions that a name-based graph does not: a title inside a person
span ("President Lincoln", "Gov. James Thompson") and a city with its state as one location
("North Bend, Ohio"). The lenient score, reported beside the strict one, also lets a gold
span match a system name that is (a) the span without leading capitalised words ("Lincoln",
"James Thompson") or (b) the span's part before its first comma ("North Bend"); and it leaves
out a system triple whose two ends both lie inside one gold span (North Bend Located_In Ohio).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate.core import Score, detokenize, mean, name_keys, normalize_name, total
from kg.evaluate.rdf_reader import EntityRecord, FactRecord, GraphRecords

RELATION_TYPES: tuple[str, ...] = ("Work_For", "Live_In", "OrgBased_In", "Located_In", "Kill")
_PREDICATE_TYPES = {
    "memberOf": "Work_For",
    "employedBy": "Work_For",  # "Kenya Airways spokesman X": a job at a body, CoNLL04's Work_For
    "livesIn": "Live_In",
    "basedIn": "OrgBased_In",
    "locatedIn": "Located_In",
    "capitalOf": "Located_In",
    "killed": "Kill",
}
_POSITION_TYPES = {"Institution": "Work_For", "Party": "Work_For", "Place": "Live_In"}


@dataclass(frozen=True)
class GoldTriple:
    type: str
    head: str  # the entity's text as it stands in the sentence
    tail: str


@dataclass(frozen=True)
class Sentence:
    identifier: str  # the file name kg reads it from, e.g. "dev-0007.txt"
    text: str
    relations: tuple[GoldTriple, ...]
    entities: tuple[str, ...] = ()  # every gold entity span's text, relation or not


@dataclass(frozen=True)
class SystemTriple:
    type: str
    subject: EntityRecord
    object: EntityRecord
    confidence: float


@dataclass(frozen=True)
class Conll04Report:
    split: str
    n_sentences: int
    by_type: dict[str, Score]
    lenient_by_type: dict[str, Score]
    missed: tuple[tuple[str, GoldTriple, str], ...]  # (sentence text, gold triple, why) not found
    wrong: tuple[tuple[str, str, str, str], ...]  # (sentence text, type, subject label, object label)

    @property
    def micro(self) -> Score:
        return total(self.by_type.values())

    @property
    def macro_f1(self) -> float:
        return mean([self.by_type[t].f1 for t in RELATION_TYPES])

    @property
    def lenient(self) -> Score:
        return total(self.lenient_by_type.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "split": self.split,
            "n_sentences": self.n_sentences,
            "micro": self.micro.as_dict(),
            "macro_f1": round(self.macro_f1, 4),
            "by_type": {t: s.as_dict() for t, s in self.by_type.items()},
            "lenient": self.lenient.as_dict(),
            "lenient_by_type": {t: s.as_dict() for t, s in self.lenient_by_type.items()},
        }


def to_sentences(records: Sequence[dict], split: str) -> list[Sentence]:
    """SpERT-format CoNLL04 records -> sentences with their text and gold triples."""
    sentences = []
    for index, record in enumerate(records):
        text, spans = detokenize(record["tokens"])
        names = [text[spans[e["start"]][0] : spans[e["end"] - 1][1]] for e in record["entities"]]
        relations = tuple(GoldTriple(r["type"], names[r["head"]], names[r["tail"]]) for r in record["relations"])
        sentences.append(Sentence(f"{split}-{index:04d}.txt", text, relations, tuple(names)))
    return sentences


def read_conll04(path: Path) -> list[Sentence]:
    """Read one split file (train.json, dev.json, test.json)."""
    return to_sentences(json.loads(path.read_text(encoding="utf-8")), path.stem)


def relation_type(fact: FactRecord, object_cls: str) -> str | None:
    """The CoNLL04 type a kg fact counts as, or None."""
    if fact.predicate in {"holdsPosition", "leaderOf"}:  # "chairman of X" works for X
        return _POSITION_TYPES.get(object_cls)
    return _PREDICATE_TYPES.get(fact.predicate)


def system_triples(facts: Sequence[FactRecord], entities: dict[str, EntityRecord]) -> list[SystemTriple]:
    """The facts of one document as CoNLL04 triples, one per (subject, type, object)."""
    best: dict[tuple[str, str, str], SystemTriple] = {}
    for fact in facts:
        subject, obj = entities.get(fact.subject), entities.get(fact.object)
        if subject is None or obj is None:
            continue
        kind = relation_type(fact, obj.cls)
        if kind is None:
            continue
        key = (subject.iri, kind, obj.iri)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = SystemTriple(kind, subject, obj, fact.confidence)
    return [best[k] for k in sorted(best)]


def _span_keys(span: str, is_lenient: bool) -> frozenset[str]:
    """The normalised names that stand for one gold span."""
    keys = {normalize_name(span)}
    if is_lenient:
        words = span.split()
        for i in range(1, len(words)):
            if not (words[i - 1][:1].isupper() and words[i][:1].isupper()) or words[i - 1].endswith(","):
                break
            keys.add(normalize_name(" ".join(words[i:])))  # "President Lincoln" -> "Lincoln"
        if "," in span:
            keys.add(normalize_name(span.split(",", 1)[0]))  # "North Bend, Ohio" -> "North Bend"
    keys.discard("")
    return frozenset(keys)


def _finds(triple: SystemTriple, gold: GoldTriple, is_lenient: bool = False) -> bool:
    return (
        triple.type == gold.type
        and bool(_span_keys(gold.head, is_lenient) & name_keys(triple.subject.names))
        and bool(_span_keys(gold.tail, is_lenient) & name_keys(triple.object.names))
    )


def _inside_one_span(triple: SystemTriple, spans: Sequence[str]) -> bool:
    """Both ends name parts of one gold span: "North Bend" and "Ohio" in "North Bend, Ohio"."""

    def inside(names: tuple[str, ...], span: str) -> bool:
        padded = f" {normalize_name(span).replace(',', ' ')} "
        return any(f" {key} " in padded for key in name_keys(names))

    return any(inside(triple.subject.names, s) and inside(triple.object.names, s) for s in spans)


def _count(
    sentences: Sequence[Sentence], predicted: dict[str, list[SystemTriple]], is_lenient: bool
) -> dict[str, Score]:
    counts: dict[str, list[int]] = {t: [0, 0, 0, 0] for t in RELATION_TYPES}  # tp_system, n_system, tp_gold, n_gold
    for sentence in sentences:
        gold = set(sentence.relations)
        for triple in predicted[sentence.identifier]:
            is_right = any(_finds(triple, g, is_lenient) for g in gold)
            if not is_right and is_lenient and _inside_one_span(triple, sentence.entities):
                continue
            counts[triple.type][0] += is_right
            counts[triple.type][1] += 1
        for g in gold:
            counts[g.type][2] += any(_finds(t, g, is_lenient) for t in predicted[sentence.identifier])
            counts[g.type][3] += 1
    return {t: Score(*c) for t, c in counts.items()}


def score_conll04(sentences: Sequence[Sentence], records: GraphRecords, split: str = "") -> Conll04Report:
    predicted = {s.identifier: system_triples(records.facts_from(s.identifier), records.entities) for s in sentences}
    missed: list[tuple[str, GoldTriple, str]] = []
    wrong: list[tuple[str, str, str, str]] = []
    for sentence in sentences:
        triples = predicted[sentence.identifier]
        gold = sorted(set(sentence.relations), key=lambda g: (g.type, g.head, g.tail))
        for triple in triples:
            if not any(_finds(triple, g) for g in gold):
                wrong.append((sentence.text, triple.type, triple.subject.label, triple.object.label))
        for g in gold:
            if not any(_finds(t, g) for t in triples):
                missed.append((sentence.text, g, _why_missed(g, triples, records.entities_in(sentence.identifier))))
    return Conll04Report(
        split=split,
        n_sentences=len(sentences),
        by_type=_count(sentences, predicted, is_lenient=False),
        lenient_by_type=_count(sentences, predicted, is_lenient=True),
        missed=tuple(missed),
        wrong=tuple(wrong),
    )


def _why_missed(gold: GoldTriple, predicted: Sequence[SystemTriple], entities: Sequence[EntityRecord]) -> str:
    """The first stage that lost a gold triple: an entity, the pair, or the type."""
    head, tail = normalize_name(gold.head), normalize_name(gold.tail)
    names = [name_keys(e.names) for e in entities]
    if not any(head in n for n in names):
        return "head entity not found"
    if not any(tail in n for n in names):
        return "tail entity not found"
    for triple in predicted:
        if head in name_keys(triple.subject.names) and tail in name_keys(triple.object.names):
            return f"pair found as {triple.type}"
    return "entities found, no fact between them"


def missed_by_reason(report: Conll04Report) -> dict[str, int]:
    """How many gold triples each stage lost, most first."""
    counts: dict[str, int] = defaultdict(int)
    for _, _, why in report.missed:
        counts[why if not why.startswith("pair found as") else "pair found with another type"] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
