"""Agreement between two independent annotations of one article (tests/gold/agreement/). Pure.

Annotator B's file is scored against annotator A's as if B were a system, with the matching of
`news.py` transposed to gold-against-gold:

- Entities: a B entity matches the A entity with which it shares a name (`core.normalize_name`),
  one to one, most shared names first. Entities either side marks optional or implied are left
  out of the entity score; the F1 over the rest is symmetric in A and B.
- Classes: of the matched pairs, the share with the same class.
- Relations: a B relation matches an A relation when its subject and object map to A's subject
  and object (or one of A's object alternatives, and the other way round), either way for
  symmetric predicates, and the two predicate lists share a predicate other than relatedTo
  (unless both are relatedTo alone). Relations either side
  marks optional, or whose ends are optional entities, are left out; a relation that matches an
  optional relation on the other side is left out too, as the scorer does for kg's facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.evaluate.core import Score, name_keys, total
from kg.evaluate.news import SYMMETRIC_PREDICATES, GoldDocument, GoldEntity, GoldRelation


@dataclass(frozen=True)
class Agreement:
    name: str
    entities: Score
    n_class_same: int
    n_class_compared: int
    relations: Score

    @property
    def class_agreement(self) -> float:
        return self.n_class_same / self.n_class_compared if self.n_class_compared else 0.0


def _scored(entity: GoldEntity) -> bool:
    return not entity.is_optional and not entity.is_implied


def match_entities(a: GoldDocument, b: GoldDocument) -> dict[str, str]:
    """B entity id -> A entity id, one to one, the pairs sharing most names first."""
    pairs = sorted(
        (-len(name_keys(eb.names) & name_keys(ea.names)), eb.id, ea.id)
        for eb in b.entities
        for ea in a.entities
        if name_keys(eb.names) & name_keys(ea.names)
    )
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for _, b_id, a_id in pairs:
        if b_id not in mapping and a_id not in taken:
            mapping[b_id] = a_id
            taken.add(a_id)
    return mapping


def _same(relation: GoldRelation, other: GoldRelation, mapping: dict[str, str]) -> bool:
    """B's `relation` states A's `other`: its ends map onto other's, and a predicate is shared
    (relatedTo, the open predicate either may list as a second choice, does not count)."""
    shared = set(relation.predicates) & set(other.predicates)
    if set(relation.predicates) != {"relatedTo"} or set(other.predicates) != {"relatedTo"}:
        shared.discard("relatedTo")
    if not shared:
        return False
    subject = mapping.get(relation.subject)
    objects = {mapping.get(o) for o in relation.objects} - {None}
    if subject == other.subject and objects & other.objects:
        return True
    return bool(shared & SYMMETRIC_PREDICATES) and subject in other.objects and other.subject in objects


def compare(a: GoldDocument, b: GoldDocument) -> Agreement:
    mapping = match_entities(a, b)
    a_by_id, b_by_id = {e.id: e for e in a.entities}, {e.id: e for e in b.entities}
    a_scored = {e.id for e in a.entities if _scored(e)}
    b_scored = {e.id for e in b.entities if _scored(e)}
    # a pair where either side leaves the entity out of the score is left out on both sides
    neutral_b = {bid for bid, aid in mapping.items() if (bid in b_scored) != (aid in a_scored)}
    neutral_a = {mapping[bid] for bid in neutral_b}
    n_matched = sum(1 for bid, aid in mapping.items() if bid in b_scored and aid in a_scored)
    entities = Score(n_matched, len(b_scored - neutral_b), n_matched, len(a_scored - neutral_a))
    same_class = [b_by_id[bid].cls == a_by_id[aid].cls for bid, aid in mapping.items() if bid in b_scored]

    def required(relations: Iterable[GoldRelation], by_id: dict[str, GoldEntity]) -> list[GoldRelation]:
        ends_ok = {e.id for e in by_id.values() if not e.is_optional}
        return [r for r in relations if not r.is_optional and r.subject in ends_ok and r.objects & ends_ok]

    a_required = required(a.relations, a_by_id)
    b_required = required(b.relations, b_by_id)
    a_optional = [r for r in a.relations if r not in a_required]
    inverse = {aid: bid for bid, aid in mapping.items()}
    b_optional = [r for r in b.relations if r not in b_required]
    # B's relations that A states too; A's that B states (B's relation read in A's ids)
    b_kept = [r for r in b_required if not any(_same(r, o, mapping) for o in a_optional)]
    a_kept = [r for r in a_required if not any(_same(r, o, inverse) for o in b_optional)]
    n_b_right = sum(any(_same(r, o, mapping) for o in a_kept) for r in b_kept)
    n_a_found = sum(any(_same(r, o, inverse) for o in b_kept) for r in a_kept)
    relations = Score(n_b_right, len(b_kept), n_a_found, len(a_kept))
    return Agreement(a.name, entities, sum(same_class), len(same_class), relations)


def overall(agreements: Iterable[Agreement]) -> Agreement:
    agreements = list(agreements)
    return Agreement(
        "all",
        total(a.entities for a in agreements),
        sum(a.n_class_same for a in agreements),
        sum(a.n_class_compared for a in agreements),
        total(a.relations for a in agreements),
    )
