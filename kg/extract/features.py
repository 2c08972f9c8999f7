"""A candidate pair -> the features the relation model reads. Pure.

From the dependency parse (the path between the two ends' root tokens: labels, lemmas,
prepositions, length; the words and verbs between them; their order and distance; each end's
own head and dependency), from the ends themselves (their classes, whether named, a pronoun, a
description or implied; the title words compounded onto a person), and from the rules (which
rule read which predicate for this pair, or for the pair the other way round), so the model
learns when to trust a rule and what a rule misses. Training (`scripts/train_relations.py`) and
inference (`facts.py`) both call `pair_features`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.candidates import End, Pair
from kg.knowledge import Knowledge

_MAX_BETWEEN = 10  # words between the two ends kept as a bag; farther pairs keep only the count
_MAX_PATH = 7  # dependency paths longer than this are one feature, "path=long"
_DISTANCE_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (7, "5-7"), (12, "8-12"))
_CLASS = {"Person": "PER", "Party": "PTY", "Institution": "ORG", "Place": "LOC"}


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


def _syntax_features(head: Span, tail: Span, types: str) -> set[str]:
    """The ordered pair (head, tail) of spans of one sentence, read from the parse."""
    features = set()
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
        features |= _end_context(side, span)
    path = _path(head.root, tail.root)
    if path is None:
        features.add("path=none")
        return features
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
    return features


def _end_context(side: str, span: Span) -> set[str]:
    doc = span.doc
    root = span.root
    features = {f"{side}_dep={root.dep_}"}
    features.add(f"{side}_head={_lemma(root.head)}" if root.head.i != root.i else f"{side}_head=<root>")
    features.add(f"{side}_head_dep={root.dep_}>{_lemma(root.head)}")
    if span.start > 0:
        features.add(f"{side}_left={_lemma(doc[span.start - 1])}")
    if span.end < len(doc):
        features.add(f"{side}_right={_lemma(doc[span.end])}")
    return features


def _title_words(end: End, knowledge: Knowledge) -> set[str]:
    """ "Interior Minister X", "Kenyan activist X": the words compounded onto a person's name."""
    if end.span is None or end.mention.cls != "Person":
        return set()
    doc = end.span.doc
    found = set()
    i = end.span.start - 1
    while (
        i >= 0 and doc[i].dep_ in {"compound", "amod", "nmod"} and doc[i].head.i in range(end.span.start, end.span.end)
    ):
        word = doc[i].lower_
        found.add(f"title_word={word}")
        if knowledge.demonym_country(doc[i].text):
            found.add("title_demonym")
        i -= 1
    return found


def pair_features(pair: Pair, knowledge: Knowledge) -> list[str]:
    """The sorted, deduplicated features of one candidate pair."""
    s, o = pair.subject, pair.object
    types = f"{_CLASS[s.mention.cls]}>{_CLASS[o.mention.cls]}"
    features = {f"types={types}", f"kinds={s.kind}>{o.kind}"}
    if s.span is not None and o.span is not None:
        features |= _syntax_features(s.span, o.span, types)
    else:
        for side, end in (("h", s), ("t", o)):
            if end.span is not None:
                features |= _end_context(side, end.span)
    features |= _title_words(s, knowledge)
    if o.mention.key.startswith("country:"):
        features.add(f"object_country|{o.kind}")
    for fact in pair.rules:
        features.add(f"rule={fact.rule}>{fact.predicate}")
        features.add(f"rule_predicate={fact.predicate}")
    for fact in pair.reverse_rules:
        features.add(f"reverse_rule={fact.rule}>{fact.predicate}")
    if not pair.rules and not pair.reverse_rules:
        features.add(f"no_rule|{types}")
    return sorted(features)
