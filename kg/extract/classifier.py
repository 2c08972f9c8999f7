"""Entity pairs in a sentence -> facts, by a linear relation classifier trained on CoNLL04 train.

The rules in `relations.py` read constructions they know; the classifier scores every other
ordered pair of mentions in a sentence whose classes fit one of CoNLL04's five relation types:

    Person -> Institution or Party   Work_For     memberOf
    Person -> Place                  Live_In      livesIn
    Institution or Party -> Place    OrgBased_In  basedIn
    Place -> Place                   Located_In   locatedIn
    Person -> Person                 Kill         killed

The features (`pair_features`) come from the dependency parse only: the path between the two
mentions' root tokens (labels, lemmas, prepositions, length), the words and verbs between them,
their order and distance, each root's own head and dependency. en_core_web_sm has no word
vectors (its `vocab.vectors` is empty; tok2vec is internal to the pipeline), so none are used.

The model is a multinomial logistic regression fitted by `scripts/train_relations.py` and
shipped as plain JSON (`kg/data/relation_model.json`: a weight per feature and label, the
intercepts, the decision threshold per predicate chosen on CoNLL04 dev, the training data's
sha256 and the command that wrote it). Inference is a sparse dot product in pure Python, so kg
needs no scikit-learn at run time. Pure: no I/O but reading the packaged model once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from kg.extract.relations import Candidate, Context
from kg.model import Mention

MODEL_FILE = "relation_model.json"
RULE = "classifier"

# CoNLL04 relation type -> our predicate
PREDICATES: dict[str, str] = {
    "Work_For": "memberOf",
    "Live_In": "livesIn",
    "OrgBased_In": "basedIn",
    "Located_In": "locatedIn",
    "Kill": "killed",
}
# the coarse types the features use: CoNLL04's Peop/Org/Loc, and our classes mapped onto them
COARSE_CLASS: dict[str, str] = {
    "Peop": "PER",
    "Org": "ORG",
    "Loc": "LOC",
    "Person": "PER",
    "Institution": "ORG",
    "Party": "ORG",
    "Place": "LOC",
}
# (subject type, object type) -> the one CoNLL04 type that pair can hold
SIGNATURES: dict[tuple[str, str], str] = {
    ("PER", "ORG"): "Work_For",
    ("PER", "LOC"): "Live_In",
    ("ORG", "LOC"): "OrgBased_In",
    ("LOC", "LOC"): "Located_In",
    ("PER", "PER"): "Kill",
}
NONE = "NONE"

_MAX_BETWEEN = 10  # words between the two mentions kept as a bag; farther pairs keep only the count
_MAX_PATH = 7  # dependency paths longer than this are one feature, "path=long"
_DISTANCE_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (7, "5-7"), (12, "8-12"))


@dataclass(frozen=True)
class RelationModel:
    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per label
    thresholds: dict[str, float]  # predicate -> least probability for a fact
    confidence_cap: dict[str, float]  # predicate -> highest confidence the dev measure supports
    provenance: dict[str, str]

    def probability(self, features: Iterable[str], relation: str) -> float:
        """P(relation | pair) against NONE, the only other label a pair of these classes can hold."""
        i_rel, i_none = self.labels.index(relation), self.labels.index(NONE)
        score = self.intercepts[i_rel] - self.intercepts[i_none]
        for feature in features:
            weights = self.weights.get(feature)
            if weights is not None:
                score += weights[i_rel] - weights[i_none]
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def model_from_json(data: dict) -> RelationModel:
    labels = tuple(data["labels"])
    return RelationModel(
        labels=labels,
        intercepts=tuple(float(b) for b in data["intercepts"]),
        weights={f: tuple(float(w) for w in ws) for f, ws in data["weights"].items()},
        thresholds={p: float(t) for p, t in data["thresholds"].items()},
        confidence_cap={p: float(c) for p, c in data["confidence_cap"].items()},
        provenance=dict(data["provenance"]),
    )


@cache
def load_model() -> RelationModel | None:
    """The packaged model, or None when kg/data holds none (then the classifier adds nothing)."""
    path = resources.files("kg.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return model_from_json(json.loads(path.read_text(encoding="utf-8")))


# --- features


def _lemma(token: Token) -> str:
    if token.like_num:
        return "<num>"
    return token.lemma_.lower() or token.lower_


def _ancestors(token: Token) -> list[Token]:
    """The token and its heads up to the sentence root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 50:
        chain.append(chain[-1].head)
    return chain


def _path(head: Token, tail: Token) -> tuple[list[str], list[Token]] | None:
    """Dependency path head -> tail: edge labels (^ up, v down) and the tokens strictly inside."""
    up = _ancestors(head)
    down = _ancestors(tail)
    down_index = {t.i: n for n, t in enumerate(down)}
    for n_up, token in enumerate(up):
        if token.i in down_index:
            n_down = down_index[token.i]
            labels = [f"{t.dep_}^" for t in up[:n_up]] + [f"{t.dep_}v" for t in reversed(down[:n_down])]
            inner = up[1 : n_up + 1] + list(reversed(down[1:n_down]))
            inner = [t for t in inner if t.i not in {head.i, tail.i}]
            return labels, inner
    return None  # different sentences


def _distance(n_tokens: int) -> str:
    for bound, name in _DISTANCE_BUCKETS:
        if n_tokens <= bound:
            return name
    return "13+"


def pair_features(head: Span, head_type: str, tail: Span, tail_type: str) -> list[str]:
    """The sorted, deduplicated features of the ordered pair (head, tail); types are PER/ORG/LOC."""
    types = f"{head_type}>{tail_type}"
    features = {f"types={types}"}
    is_head_first = head.start < tail.start
    first, second = (head, tail) if is_head_first else (tail, head)
    features.add(f"order={'ht' if is_head_first else 'th'}|{types}")
    doc = head.doc
    between = [doc[i] for i in range(first.end, second.start)]
    distance = _distance(len(between))
    features.add(f"dist={distance}|{types}")
    if len(between) <= _MAX_BETWEEN:
        words = [_lemma(t) for t in between if not t.is_space]
        features.update(f"btw={w}" for w in words)
        features.add(f"btw_seq={' '.join(words)}" if len(words) <= 4 else "btw_seq=long")
    verbs = [t for t in between if t.pos_ in {"VERB", "AUX"}]
    features.update(f"verb_btw={_lemma(t)}" for t in verbs)
    if not verbs:
        features.add(f"no_verb_btw|{types}")
    for side, span in (("h", head), ("t", tail)):
        root = span.root
        features.add(f"{side}_dep={root.dep_}")
        features.add(f"{side}_head={_lemma(root.head)}" if root.head.i != root.i else f"{side}_head=<root>")
        features.add(f"{side}_head_dep={root.dep_}>{_lemma(root.head)}")
        if span.start > 0:
            features.add(f"{side}_left={_lemma(doc[span.start - 1])}")
        if span.end < len(doc):
            features.add(f"{side}_right={_lemma(doc[span.end])}")
    path = _path(head.root, tail.root)
    if path is None:
        features.add("path=none")
        return sorted(features)
    labels, inner = path
    features.add(f"path_len={min(len(labels), _MAX_PATH + 1)}")
    if len(labels) > _MAX_PATH:
        features.add("path=long")
    else:
        features.add(f"path={' '.join(labels)}")
        features.add(f"path={' '.join(labels)}|{types}")
        lexical = [labels[0]] + [f"{_lemma(t)} {label}" for t, label in zip(inner, labels[1:], strict=False)]
        features.add(f"path_lex={' '.join(lexical)}")
    features.update(f"path_word={_lemma(t)}" for t in inner)
    features.update(f"path_prep={_lemma(t)}" for t in inner if t.dep_ in {"prep", "agent"} or t.pos_ == "ADP")
    return sorted(features)


# --- inference


def _mention_spans(sentence: Span, context: Context) -> list[tuple[Span, Mention]]:
    """Each mention in the sentence once, with the tokens it covers."""
    spans: dict[tuple[int, int], tuple[int, int, Mention]] = {}
    for token in sentence:
        mention = context.at(token)
        if mention is None:
            continue
        key = (mention.start, mention.end)
        start, _, _ = spans.get(key, (token.i, token.i, mention))
        spans[key] = (start, token.i, mention)
    doc = sentence.doc
    return [(doc[start : end + 1], mention) for start, end, mention in sorted(spans.values(), key=lambda s: s[:2])]


def ordered_pairs(mentions: Sequence[tuple[Span, str, str]]) -> Iterator[tuple[int, int, str]]:
    """Indices of the ordered pairs of distinct, non-overlapping mentions (span, class, key) whose
    classes fit a CoNLL04 type, with that type. Training and inference both pair mentions here."""
    for i, (head, head_cls, head_key) in enumerate(mentions):
        for j, (tail, tail_cls, tail_key) in enumerate(mentions):
            if i == j or head_key == tail_key or (head.start < tail.end and tail.start < head.end):
                continue
            relation = SIGNATURES.get((COARSE_CLASS[head_cls], COARSE_CLASS[tail_cls]))
            if relation is not None:
                yield i, j, relation


def candidate_pairs(sentence: Span, context: Context) -> Iterator[tuple[Span, Mention, Span, Mention, str]]:
    """Ordered pairs of the sentence's mentions whose classes fit a CoNLL04 type: (span, mention) x 2, type."""
    mentions = _mention_spans(sentence, context)
    for i, j, relation in ordered_pairs([(span, m.cls, m.key) for span, m in mentions]):
        yield mentions[i][0], mentions[i][1], mentions[j][0], mentions[j][1], relation


_KILLING_NOUNS = frozenset(
    {"assassin", "assassination", "murder", "murderer", "killer", "killing", "slaying", "gunman"}
)


def _speaks_of_killing(sentence: Span, context: Context) -> bool:
    """The sentence uses a killing verb or noun (from the lexicon's event verbs), not "kidnap" or "attack"."""
    lemmas = frozenset(context.knowledge.lexicon["event_verbs"]["killed"])
    return any(t.lemma_.lower() in lemmas or t.lemma_.lower() in _KILLING_NOUNS for t in sentence)


def classify_pairs(sentence: Span, context: Context) -> Iterator[Candidate]:
    """Facts the model finds above its per-predicate threshold, confidence = its probability (capped)."""
    model = load_model()
    if model is None:
        return
    for head_span, head, tail_span, tail, relation in candidate_pairs(sentence, context):
        predicate = PREDICATES[relation]
        features = pair_features(head_span, COARSE_CLASS[head.cls], tail_span, COARSE_CLASS[tail.cls])
        probability = model.probability(features, relation)
        if probability < model.thresholds.get(predicate, 1.01):
            continue
        if predicate == "killed" and not _speaks_of_killing(sentence, context):
            continue  # a wrong "killed" edge is the costliest error an analyst can meet: the text must say it
        confidence = round(min(probability, model.confidence_cap.get(predicate, 0.79)), 2)
        yield Candidate(head, predicate, tail, confidence, RULE)


def add_classified(rule_found: list[Candidate], classified: Iterable[Candidate]) -> list[Candidate]:
    """Rules first: a model fact is added only for a pair of mentions no rule linked either way."""
    linked = {frozenset((c.subject.key, c.object.key)) for c in rule_found}
    added = [c for c in classified if frozenset((c.subject.key, c.object.key)) not in linked]
    return rule_found + added
