"""Train the relation classifier on CoNLL04 train and write kg/data/relation_model.json.

Run (needs the `train` extra: pip install -e '.[train]'):
    .venv/bin/python scripts/train_relations.py                  # writes kg/data/relation_model.json
    .venv/bin/python scripts/train_relations.py --dry-run        # prints the dev figures only

Data: ../shared/data/conll04/train.json fits the weights (SpERT's split of Roth & Yih 2004, see
../shared/data/SOURCES.md); dev.json chooses the regularisation C and each predicate's
probability threshold; test.json is never read here (scripts/evaluate.py scores it once per release).

Each sentence is detokenised as the evaluation does (`kg.evaluate.core.detokenize`), parsed with
kg's pipeline (`kg.nlp.load_pipeline`), and its gold Peop/Org/Loc spans are aligned to spaCy
tokens by character offsets. Every ordered pair of gold entities in one spaCy sentence whose
types fit a relation type (`kg.extract.classifier.SIGNATURES`) is an example, labelled with its
gold type or NONE; features are `kg.extract.classifier.pair_features`, the same function kg
runs at inference on its own mentions. The model is scikit-learn's multinomial
LogisticRegression (lbfgs, deterministic) over DictVectorizer one-hot features. Weights below
`--prune` in every label are dropped, and the rest rounded, to keep the file small.

Thresholds: for each predicate, the lowest probability on a grid at which the dev pairs scored
at or above it reach `--min-precision`; confidence is the probability, capped at 0.79 unless dev
pairs at probability >= 0.8 were right at least 90% of the time over at least 30 pairs.

The output is deterministic: fixed data order, no random state used by lbfgs, no dates, sorted keys.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate.core import detokenize  # noqa: E402
from kg.extract.classifier import COARSE_CLASS, NONE, PREDICATES, ordered_pairs, pair_features  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "conll04"
OUTPUT = ROOT / "kg" / "data" / "relation_model.json"
COMMAND = ".venv/bin/python scripts/train_relations.py"
LABELS: tuple[str, ...] = (NONE, *sorted(PREDICATES))
C_GRID = (0.3, 1.0, 3.0, 10.0)
THRESHOLD_GRID = tuple(round(0.3 + 0.05 * i, 2) for i in range(13))  # 0.30 .. 0.90
DEFAULT_CAP = 0.79  # below the confident band (>= 0.8) unless dev supports more
HIGH_CAP = 0.9


@dataclass(frozen=True)
class Example:
    features: tuple[str, ...]
    label: str  # gold CoNLL04 type or NONE
    relation: str  # the type this pair's classes allow


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_records(path: Path, limit: int | None = None) -> list[dict]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return records[:limit] if limit else records


def _gold_index(span, gold_spans: dict[int, tuple]) -> int | None:
    """The gold entity a kg mention stands for: the one whose root token the mention covers."""
    for index, (gold, _) in sorted(gold_spans.items()):
        if span.start <= gold.root.i < span.end:
            return index
    return None


def build_examples(records: Sequence[dict], nlp, knowledge) -> tuple[list[Example], int]:
    """Examples from every record, in file order; and how many gold relations no example carries.

    The pairs are kg's own mentions (`extract_mentions`), as at inference, so spurious and
    mistyped mentions are among the negatives. A mention is aligned to the gold entity whose
    span root it covers ("Lincoln" stands for "President Lincoln"; "Mass." in "Concord, Mass."
    stands for nothing). A pair is positive when its two mentions are the head and tail of a
    gold relation of the one type the mentions' classes allow.
    """
    from kg.extract.mentions import extract_mentions

    texts = [detokenize(r["tokens"]) for r in records]
    examples: list[Example] = []
    n_lost = 0
    for record, (_text, offsets), doc in zip(records, texts, nlp.pipe(t for t, _ in texts), strict=True):
        gold_spans = {}
        for index, entity in enumerate(record["entities"]):
            if entity["type"] not in COARSE_CLASS:
                continue  # "Other"
            start, end = offsets[entity["start"]][0], offsets[entity["end"] - 1][1]
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                gold_spans[index] = (span, COARSE_CLASS[entity["type"]])
        gold = {(r["head"], r["tail"]): r["type"] for r in record["relations"]}
        found = set()
        mentions = extract_mentions(doc, knowledge)
        for sentence in doc.sents:
            here = [(m.span, m.cls, m.key) for m in mentions if sentence.start <= m.span.start < sentence.end]
            aligned = [_gold_index(span, gold_spans) for span, _, _ in here]
            for i, j, relation in ordered_pairs(here):
                (head, head_cls, _), (tail, tail_cls, _) = here[i], here[j]
                pair = (aligned[i], aligned[j])
                label = relation if gold.get(pair) == relation else NONE  # type: ignore[arg-type]
                if label != NONE:
                    found.add(pair)
                features = pair_features(head, COARSE_CLASS[head_cls], tail, COARSE_CLASS[tail_cls])
                examples.append(Example(tuple(features), label, relation))
        n_lost += len(set(gold) - found)
    return examples, n_lost


def fit(examples: Sequence[Example], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([dict.fromkeys(e.features, 1.0) for e in examples])
    y = [LABELS.index(e.label) for e in examples]
    model = LogisticRegression(C=c, max_iter=5000, tol=1e-5)
    model.fit(x, y)
    return vectorizer, model


def relation_probabilities(vectorizer, model, examples: Sequence[Example]) -> list[float]:
    """P(the pair's allowed type) against NONE, as kg computes it at inference."""
    import numpy as np

    scores = model.decision_function(vectorizer.transform([dict.fromkeys(e.features, 1.0) for e in examples]))
    classes = list(model.classes_)
    none = classes.index(LABELS.index(NONE))
    out = []
    for row, example in zip(scores, examples, strict=True):
        margin = row[classes.index(LABELS.index(example.relation))] - row[none]
        out.append(float(1.0 / (1.0 + np.exp(-margin))))
    return out


def score(examples: Sequence[Example], probabilities: Sequence[float], threshold: dict[str, float]) -> dict:
    """Pair-level precision, recall, F1 per predicate on gold entities."""
    table = {}
    for relation, predicate in sorted(PREDICATES.items()):
        rows = [
            (p, e.label == relation) for p, e in zip(probabilities, examples, strict=True) if e.relation == relation
        ]
        n_gold = sum(is_gold for _, is_gold in rows)
        predicted = [is_gold for p, is_gold in rows if p >= threshold.get(predicate, 0.5)]
        right = sum(predicted)
        precision = right / len(predicted) if predicted else 0.0
        recall = right / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[predicate] = {
            "gold": n_gold,
            "predicted": len(predicted),
            "right": right,
            "p": precision,
            "r": recall,
            "f1": f1,
        }
    return table


def micro_f1(table: dict) -> float:
    right = sum(row["right"] for row in table.values())
    predicted = sum(row["predicted"] for row in table.values())
    gold = sum(row["gold"] for row in table.values())
    p, r = (right / predicted if predicted else 0.0), (right / gold if gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def choose_thresholds(examples: Sequence[Example], probabilities: Sequence[float], min_precision: float) -> dict:
    """Per predicate, the lowest grid threshold whose dev precision reaches min_precision (else 1.01: off)."""
    thresholds = {}
    for relation, predicate in sorted(PREDICATES.items()):
        rows = [
            (p, e.label == relation) for p, e in zip(probabilities, examples, strict=True) if e.relation == relation
        ]
        thresholds[predicate] = 1.01
        for threshold in THRESHOLD_GRID:
            chosen = [is_gold for p, is_gold in rows if p >= threshold]
            if len(chosen) >= 5 and sum(chosen) / len(chosen) >= min_precision:
                thresholds[predicate] = threshold
                break
    return thresholds


def confidence_caps(examples: Sequence[Example], probabilities: Sequence[float]) -> dict:
    caps = {}
    for relation, predicate in sorted(PREDICATES.items()):
        high = [
            e.label == relation
            for p, e in zip(probabilities, examples, strict=True)
            if e.relation == relation and p >= 0.8
        ]
        supported = len(high) >= 30 and sum(high) / len(high) >= 0.9
        caps[predicate] = HIGH_CAP if supported else DEFAULT_CAP
    return caps


def export(vectorizer, model, prune: float) -> tuple[list[float], dict[str, list[float]]]:
    """Intercepts and pruned, rounded weights in LABELS order."""
    order = [list(model.classes_).index(LABELS.index(label)) for label in LABELS]
    coef = model.coef_[order]
    intercepts = [round(float(b), 4) for b in model.intercept_[order]]
    weights = {}
    for j, feature in enumerate(vectorizer.get_feature_names_out()):
        column = coef[:, j]
        if float(abs(column).max()) >= prune:
            weights[str(feature)] = [round(float(w), 4) for w in column]
    return intercepts, weights


def train(
    train_records: Sequence[dict], dev_records: Sequence[dict], nlp, min_precision: float, prune: float, c: float | None
) -> tuple[dict, dict]:
    """The model file's contents and a report of the dev figures."""
    from kg.knowledge import load_knowledge

    knowledge = load_knowledge()
    train_examples, train_lost = build_examples(train_records, nlp, knowledge)
    dev_examples, dev_lost = build_examples(dev_records, nlp, knowledge)
    grid = [c] if c is not None else list(C_GRID)
    by_c = {}
    for value in grid:
        vectorizer, model = fit(train_examples, value)
        probabilities = relation_probabilities(vectorizer, model, dev_examples)
        by_c[value] = (micro_f1(score(dev_examples, probabilities, {})), vectorizer, model, probabilities)
    best_c = max(grid, key=lambda v: (by_c[v][0], -v))
    _, vectorizer, model, probabilities = by_c[best_c]
    thresholds = choose_thresholds(dev_examples, probabilities, min_precision)
    intercepts, weights = export(vectorizer, model, prune)
    report = {
        "train_examples": len(train_examples),
        "train_gold_lost": train_lost,
        "dev_examples": len(dev_examples),
        "dev_gold_lost": dev_lost,
        "dev_f1_at_0.5_by_C": {str(v): round(by_c[v][0], 4) for v in grid},
        "C": best_c,
        "dev_at_thresholds": score(dev_examples, probabilities, thresholds),
        "features": len(vectorizer.get_feature_names_out()),
        "features_kept": len(weights),
    }
    content = {
        "labels": list(LABELS),
        "predicates": dict(sorted(PREDICATES.items())),
        "intercepts": intercepts,
        "thresholds": thresholds,
        "confidence_cap": confidence_caps(dev_examples, probabilities),
        "weights": dict(sorted(weights.items())),
    }
    return content, report


def _command(argv: list[str]) -> str:
    """The command that wrote the model, without where it read and wrote files (not part of the fit)."""
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in {"--out", "--data"}:
            skip = True
        elif not arg.startswith(("--out=", "--data=")):
            kept.append(arg)
    return " ".join([COMMAND, *kept])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with CoNLL04 train.json and dev.json")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--min-precision", type=float, default=0.8, help="dev precision each threshold must reach")
    parser.add_argument("--prune", type=float, default=0.02, help="drop weights smaller than this in every label")
    parser.add_argument(
        "--C", dest="c", type=float, default=None, help="fix the regularisation instead of choosing on dev"
    )
    parser.add_argument("--limit", type=int, default=None, help="first N train sentences only (for tests)")
    parser.add_argument("--dry-run", action="store_true", help="print the dev figures, write nothing")
    args = parser.parse_args(argv)

    import sklearn

    from kg.nlp import load_pipeline, pipeline_version

    started = time.perf_counter()
    train_path, dev_path = args.data / "train.json", args.data / "dev.json"
    nlp = load_pipeline()
    content, report = train(
        read_records(train_path, args.limit), read_records(dev_path), nlp, args.min_precision, args.prune, args.c
    )
    content["provenance"] = {
        "command": _command(list(argv if argv is not None else sys.argv[1:])),
        "train_data": "CoNLL04 train (SpERT split), ../shared/data/conll04/train.json",
        "train_sha256": sha256(train_path),
        "train_limit": str(args.limit) if args.limit else "all",
        "dev_data": "CoNLL04 dev, ../shared/data/conll04/dev.json (C and thresholds only)",
        "dev_sha256": sha256(dev_path),
        "scikit_learn": sklearn.__version__,
        "spacy_pipeline": pipeline_version(),
        "model": f"LogisticRegression(C={report['C']}, lbfgs, multinomial) over DictVectorizer one-hot features",
        "min_precision": str(args.min_precision),
        "prune": str(args.prune),
    }
    content = dict(sorted(content.items()))
    print(json.dumps(report, indent=1, sort_keys=True), file=sys.stderr)
    print(f"thresholds {content['thresholds']} caps {content['confidence_cap']}", file=sys.stderr)
    print(f"trained in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if not args.dry_run:
        args.out.write_text(json.dumps(content, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
