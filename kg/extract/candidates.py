"""A sentence's mentions -> the ordered pairs of entities a fact could join. Pure.

A candidate pair is two ends in one sentence: names (mentions), pronouns and descriptions that
stand for an entity (`coref.py`), or an end the rules found outside the sentence (the country a
demonym names, the article's country, the ministry the article named before). Only pairs whose
classes fit some predicate's domain and range (`model.PREDICATE_CLASSES`) are kept, and the facts
the rules read for the pair travel with it, so the relation model can weigh them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract.coref import Coreferent
from kg.extract.relations import Candidate
from kg.model import PREDICATE_CLASSES, Mention, fits

# the open predicate is never predicted by the model: a rule's relatedTo fact needs its verb
MODEL_PREDICATES: tuple[str, ...] = tuple(p for p in PREDICATE_CLASSES if p != "relatedTo")
_MAX_DISTANCE = 40  # tokens between two ends beyond which a sentence (a list, a table) relates nothing


@dataclass(frozen=True)
class End:
    mention: Mention
    span: Span | None  # where the sentence names it; None for an end the rules found elsewhere
    kind: str  # "name", "pronoun", "description", "implied"


@dataclass(frozen=True)
class Pair:
    subject: End
    object: End
    sentence: Span
    rules: tuple[Candidate, ...]  # the rules' facts for this ordered pair
    reverse_rules: tuple[Candidate, ...]  # and for the pair the other way round

    def allowed(self) -> tuple[str, ...]:
        """The predicates whose domain and range the two ends' classes fit."""
        return tuple(p for p in MODEL_PREDICATES if fits(p, self.subject.mention, self.object.mention))


def sentence_ends(
    sentence: Span, mention_spans: Sequence[tuple[Span, Mention]], coreferents: Sequence[Coreferent]
) -> list[End]:
    """The names, pronouns and descriptions of one sentence, in text order."""
    ends = [End(m, span, "name") for span, m in mention_spans if sentence.start <= span.start < sentence.end]
    ends += [End(c.mention, c.span, c.kind) for c in coreferents if sentence.start <= c.span.start < sentence.end]
    return sorted(ends, key=lambda e: e.span.start if e.span is not None else -1)


def _pair_key(subject: Mention, obj: Mention) -> tuple[str, str]:
    return (subject.key, obj.key)


def candidate_pairs(sentence: Span, ends: Sequence[End], rule_facts: Sequence[Candidate]) -> list[Pair]:
    """Every ordered pair of distinct entities of the sentence that some predicate could join."""
    by_pair: dict[tuple[str, str], list[Candidate]] = {}
    for fact in rule_facts:
        by_pair.setdefault(_pair_key(fact.subject, fact.object), []).append(fact)
    chosen: dict[tuple[str, str], tuple[End, End]] = {}
    for a in ends:
        for b in ends:
            if a.mention.key == b.mention.key or a.span is None or b.span is None:
                continue
            if abs(a.span.start - b.span.start) > _MAX_DISTANCE:
                continue
            key = _pair_key(a.mention, b.mention)
            if key not in chosen or _closer(a, b, *chosen[key]):
                chosen[key] = (a, b)
    # the rules' facts whose ends the sentence does not name (a demonym's country, the article's)
    by_key = {e.mention.key: e for e in ends}
    for fact in rule_facts:
        key = _pair_key(fact.subject, fact.object)
        if key not in chosen and fact.subject.key != fact.object.key:
            subject = by_key.get(fact.subject.key, End(fact.subject, None, "implied"))
            obj = by_key.get(fact.object.key, End(fact.object, None, "implied"))
            chosen[key] = (subject, obj)
    pairs = []
    for key, (a, b) in sorted(chosen.items()):
        pair = Pair(a, b, sentence, tuple(by_pair.get(key, ())), tuple(by_pair.get((key[1], key[0]), ())))
        if pair.allowed():
            pairs.append(pair)
    return pairs


def _closer(a: End, b: End, old_a: End, old_b: End) -> bool:
    """A name beats a pronoun for the same entity; then the nearer two ends."""
    rank = {"name": 0, "description": 1, "pronoun": 2, "implied": 3}
    new = (rank[a.kind] + rank[b.kind], abs(a.span.start - b.span.start) if a.span and b.span else 99)
    old = (
        rank[old_a.kind] + rank[old_b.kind],
        abs(old_a.span.start - old_b.span.start) if old_a.span and old_b.span else 99,
    )
    return new < old
