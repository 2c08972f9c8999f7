"""Train the mention typer on the annotated news corpus and write kg/data/mention_model.json.

Run (needs the `train` extra: pip install -e '.[train]'):
    .venv/bin/python scripts/train_mentions.py              # fit on train, choose on dev, write the model
    .venv/bin/python scripts/train_mentions.py --dry-run    # print the dev figures only

Data: the articles tests/gold/corpus.json puts in the train split (and the two seeds) fit the
weights, with CoNLL-2003 train (Reuters news, ../shared/data/conll2003/train.txt) beside them at
a weight chosen on dev; the dev split chooses that weight and the regularisation C; the test
splits of both are never read here. A CoNLL-2003 mention is labelled by the gold name it is:
PER -> Person, LOC -> Place, ORG -> Party where kg's rules said Party (CoNLL has no class of its
own for parties) and Institution otherwise, MISC -> none, and none when it is no gold name.

Each article is read as kg reads it (`kg.ingest.read_documents`), parsed with kg's pipeline and
given to `kg.extract.mentions.extract_mentions`, exactly as in a build. Every mention it finds is
an example, labelled with the class of the gold entity one of whose names it is (honorifics and
case aside), or "none" when it names no gold entity; mentions of optional gold entities are left
out. Features are `kg.extract.entity_typing.document_features`, the function kg runs. The model
is scikit-learn's multinomial LogisticRegression (lbfgs, deterministic) over one-hot features.
The output is deterministic: fixed data order, no random state, no dates, sorted keys.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate.conll2003 import read_conll2003  # noqa: E402
from kg.evaluate.core import normalize_name  # noqa: E402
from kg.evaluate.news import GoldDocument, read_gold  # noqa: E402
from kg.extract.entity_typing import LABELS, MODEL_FILE, NONE, document_features  # noqa: E402
from kg.extract.linear import LinearModel, model_to_json  # noqa: E402
from kg.extract.mentions import extract_mentions  # noqa: E402
from kg.ingest import read_documents  # noqa: E402
from kg.knowledge import load_knowledge  # noqa: E402
from kg.nlp import DEFAULT_MODEL, load_pipeline  # noqa: E402

GOLD = ROOT / "tests" / "gold"
DATA = ROOT.parent / "shared" / "data"
OUTPUT = ROOT / "kg" / "data" / MODEL_FILE
COMMAND = ".venv/bin/python scripts/train_mentions.py"
C_GRID = (1.0, 3.0)
CONLL_WEIGHTS = (0.0, 0.3)
# Chosen on the dev split end to end (scripts/evaluate.py --only news, entity F1), not here:
DROP_THRESHOLD = 0.5  # a name whose P(none), averaged over its document, is this high is dropped
RETYPE_MARGIN = 0.2  # another class this much more probable than the rules' replaces it
ARCHIVE_RETYPE_MARGIN = 0.3  # the same, over all the archive's mentions of one name (kg/resolve.py)
ENTITY_DROP_THRESHOLD = 0.6  # an entity whose mentions' mean P(none) is this high is no entity
_CONLL_CLASS = {"PER": "Person", "LOC": "Place", "ORG": "Institution", "MISC": NONE}


@dataclass(frozen=True)
class Example:
    features: tuple[str, ...]
    label: str
    current: str  # the class the rules gave
    document: str
    is_conll: bool = False


def gold_documents(split: str) -> list[GoldDocument]:
    corpus = json.loads((GOLD / "corpus.json").read_text(encoding="utf-8"))["articles"]
    golds = [read_gold(GOLD / f"{a['name']}.json") for a in corpus if a["split"] == split]
    if split == "train":
        golds += [read_gold(p) for p in sorted(GOLD.glob("seeds-*.json"))]
    return golds


def _bare(text: str, honorifics: frozenset[str]) -> str:
    words = text.split()
    while len(words) > 1 and words[0] in honorifics:
        words = words[1:]
    return " ".join(words)


def label_of(text: str, gold: GoldDocument, honorifics: frozenset[str]) -> str | None:
    """The gold class of a mention's text, NONE when it names no gold entity, None when it names
    only optional ones (then it is no example)."""
    keys = {normalize_name(text), normalize_name(_bare(text, honorifics))}
    found = [e for e in gold.entities if keys & {normalize_name(n) for n in e.names}]
    required = [e for e in found if not e.is_optional and not e.is_implied]
    if required:
        return Counter(e.cls for e in required).most_common(1)[0][0]
    return None if found else NONE


def examples_of(golds: list[GoldDocument], nlp, knowledge) -> list[Example]:
    honorifics = frozenset(knowledge.lexicon["honorifics"])
    examples: list[Example] = []
    for gold in golds:
        path = (ROOT if gold.source.startswith("seeds/") else DATA) / gold.source
        documents, _, _ = read_documents([path])
        if not documents:
            continue
        parsed = list(nlp.pipe(documents[0].paragraphs))
        found = [extract_mentions(doc, knowledge) for doc in parsed]
        features_of = document_features(parsed, found, documents[0].title, knowledge)
        for mentions, features in zip(found, features_of, strict=True):
            for mention, feats in zip(mentions, features, strict=True):
                label = label_of(mention.span.text, gold, honorifics)
                if label is not None:
                    examples.append(Example(tuple(feats), label, mention.cls, gold.name))
    return examples


def conll2003_examples(nlp, knowledge, limit: int | None = None) -> list[Example]:
    """Examples from CoNLL-2003 train: each document read as kg reads a text with a sentence a line."""
    examples: list[Example] = []
    for document in read_conll2003(DATA / "conll2003" / "train.txt")[:limit]:
        gold: dict[str, str] = {}
        for name, kind in document.entities:
            gold.setdefault(normalize_name(name), kind)
        paragraphs = [line for line in document.text.split("\n") if line.strip()]
        parsed = list(nlp.pipe(paragraphs))
        found = [extract_mentions(doc, knowledge) for doc in parsed]
        for mentions, features in zip(found, document_features(parsed, found, None, knowledge), strict=True):
            for mention, feats in zip(mentions, features, strict=True):
                kind = gold.get(normalize_name(mention.span.text))
                label = _CONLL_CLASS[kind] if kind else NONE
                if label == "Institution" and mention.cls == "Party":
                    label = "Party"
                examples.append(Example(tuple(feats), label, mention.cls, document.identifier, is_conll=True))
    return examples


def fit(examples: list[Example], c: float, conll_weight: float = 1.0) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in examples])
    y = [LABELS.index(e.label) for e in examples]
    classifier = LogisticRegression(C=c, max_iter=3000)
    classifier.fit(x, y, sample_weight=[conll_weight if e.is_conll else 1.0 for e in examples])
    order = [list(classifier.classes_).index(i) for i in range(len(LABELS))]
    names = vectorizer.get_feature_names_out()
    weights = {str(name): tuple(float(classifier.coef_[k][j]) for k in order) for j, name in enumerate(names)}
    intercepts = tuple(float(classifier.intercept_[k]) for k in order)
    return LinearModel(LABELS, intercepts, weights)


def predict(model: LinearModel, example: Example) -> str:
    probabilities = model.probabilities(example.features)
    return max(LABELS, key=lambda label: probabilities[label])


def report(model: LinearModel, examples: list[Example]) -> dict[str, float]:
    """Mention-level figures: accuracy, and F1 of "is an entity of the right class" vs the rules."""
    right = sum(predict(model, e) == e.label for e in examples)
    kept_right = sum(predict(model, e) == e.label != NONE for e in examples)
    kept = sum(predict(model, e) != NONE for e in examples)
    entities = sum(e.label != NONE for e in examples)
    rules_right = sum(e.current == e.label for e in examples)
    precision, recall = kept_right / max(kept, 1), kept_right / max(entities, 1)
    return {
        "accuracy": round(right / len(examples), 4),
        "typed_precision": round(precision, 4),
        "typed_recall": round(recall, 4),
        "typed_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
        "rules_typed_precision": round(rules_right / len(examples), 4),
        "rules_typed_recall": round(rules_right / max(entities, 1), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the dev figures, write nothing")
    args = parser.parse_args()
    nlp, knowledge = load_pipeline(DEFAULT_MODEL), load_knowledge()
    train_golds, dev_golds = gold_documents("train"), gold_documents("dev")
    train, dev = examples_of(train_golds, nlp, knowledge), examples_of(dev_golds, nlp, knowledge)
    conll = conll2003_examples(nlp, knowledge)
    print(
        f"examples: train {len(train)} {dict(Counter(e.label for e in train))}, CoNLL-2003 {len(conll)}, "
        f"dev {len(dev)}",
        file=sys.stderr,
    )
    results = {}
    for weight in CONLL_WEIGHTS:
        for c in C_GRID:
            results[(weight, c)] = report(fit(train + conll, c, weight) if weight else fit(train, c), dev)
            print(f"CoNLL-2003 weight {weight}, C={c}: dev {results[(weight, c)]}", file=sys.stderr)
    best_weight, best = max(results, key=lambda wc: (results[wc]["typed_f1"], -wc[1], -wc[0]))
    model = fit(train + conll, best, best_weight) if best_weight else fit(train, best)
    hashes = {g.name: hashlib.sha256((GOLD / f"{g.name}.json").read_bytes()).hexdigest()[:16] for g in train_golds}
    settings = {
        "C": best,
        "conll2003_weight": best_weight,
        "dev": results[(best_weight, best)],
        "drop_threshold": DROP_THRESHOLD,
        "retype_margin": RETYPE_MARGIN,
        "archive_retype_margin": ARCHIVE_RETYPE_MARGIN,
        "entity_drop_threshold": ENTITY_DROP_THRESHOLD,
    }
    provenance = {
        "command": COMMAND,
        "data": "tests/gold train split and seeds; CoNLL-2003 train; C and the CoNLL weight chosen on dev",
        "conll2003_sha256_16": hashlib.sha256((DATA / "conll2003" / "train.txt").read_bytes()).hexdigest()[:16],
        "gold_sha256_16": hashes,
        "n_examples": len(train) + (len(conll) if best_weight else 0),
        "pipeline": DEFAULT_MODEL,
    }
    model = LinearModel(model.labels, model.intercepts, model.weights, settings, provenance)
    if args.dry_run:
        return
    OUTPUT.write_text(json.dumps(model_to_json(model), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: C={best}, {len(model.weights)} features", file=sys.stderr)


if __name__ == "__main__":
    main()
