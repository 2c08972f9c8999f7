"""Measure each extraction rule's precision and write it as the rule's confidence.

Run:
    .venv/bin/python scripts/calibrate.py                 # writes kg/data/rule_confidence.json
    .venv/bin/python scripts/calibrate.py --dry-run       # prints the table only
    .venv/bin/python scripts/calibrate.py --show verb     # and every fact of one rule, right or wrong

The facts come from `kg build`, run by `scripts/evaluate.py`'s `build_graph` on CoNLL04 train
and dev, on the annotated seeds and on the news corpus' train and dev splits, scored by `kg/evaluate` (`score_news` and
`precision_by_rule` for the news; `conll04.relation_type` and the same triple match as the
CoNLL04 scorer for the sentences, in its lenient form: "Harrison livesIn North Bend" is right
for the gold span "North Bend, Ohio", since an analyst reads it as right). A CoNLL04 fact counts
only when its predicate maps to one of the five CoNLL04 types, and holdsPosition of a state is
left out (the scorer counts it as Live_In, which CoNLL04's annotators did not mark for offices).
Neither test split is ever read. `--hold-out-dev` leaves the news dev split out of the fit, as a
check on unseen news; by default it is fitted too, since train alone measures too few facts of
some rules.

Each (rule, predicate) pair is calibrated on its own: the event-verb rule's "killed" facts are
measured on CoNLL04, its "opponentOf" facts only on the news. Confidence = min(CAP, (right + 1)
/ (total + 2)): Laplace's rule of succession, so a pair seen 3 times out of 3 gets 0.8, not 1.0.
A pair never seen in the fitted sets keeps the prior in its code, capped by
`kg.knowledge.UNMEASURED_CAP` so that it never enters the confident band (>= 0.8).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import DEFAULT_DATA, ROOT, build_graph, gold_sets

from kg.evaluate.conll04 import SystemTriple, _finds, _inside_one_span, read_conll04, relation_type
from kg.evaluate.news import precision_by_rule, score_news

OUTPUT = ROOT / "kg" / "data" / "rule_confidence.json"
CAP = 0.95  # no rule is surer than this, however often it was right
COMMAND = ".venv/bin/python scripts/calibrate.py"


def rule_key(rule: str, predicate: str) -> str:
    """Calibrated per rule and predicate: the verb rule's "killed" is not its "opponentOf"."""
    return f"{rule} {predicate}"


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, is_right: bool) -> None:
        self.right += is_right
        self.total += 1

    @property
    def smoothed(self) -> float:
        return min(CAP, (self.right + 1) / (self.total + 2))


def conll04_facts(data: Path, split: str, workdir: Path) -> Iterable[tuple[str, bool, str]]:
    """(rule, is the fact right, a line to show) for every CoNLL04-typed fact of one split."""
    sentences = read_conll04(data / "conll04" / f"{split}.json")
    records = build_graph({s.identifier: s.text + "\n" for s in sentences}, workdir / f"conll04-{split}", 0)
    for sentence in sentences:
        gold = set(sentence.relations)
        for fact in records.facts_from(sentence.identifier):
            subject, obj = records.entities.get(fact.subject), records.entities.get(fact.object)
            if subject is None or obj is None:
                continue
            kind = relation_type(fact, obj.cls)
            if kind is None or (fact.predicate == "holdsPosition" and kind == "Live_In"):
                continue  # CoNLL04 does not annotate an office's state as Live_In: not a measure of the rule
            if not all(any(name in sentence.text for name in end.names) for end in (subject, obj)):
                continue  # "Sen. X, R-Minn." memberOf the Republican Party: CoNLL04 annotates spans of the text only
            triple = SystemTriple(kind, subject, obj, fact.confidence)
            is_right = any(_finds(triple, g, is_lenient=True) for g in gold)
            if not is_right and _inside_one_span(triple, sentence.entities):
                continue  # "North Bend" locatedIn "Ohio" inside the gold span "North Bend, Ohio": not scored
            line = f"{subject.label} {fact.predicate} {obj.label} [{kind}] || {sentence.text[:200]}"
            for rule in fact.rules or ("(none)",):
                yield rule_key(rule, fact.predicate), is_right, line


def news_facts(data: Path, name: str, workdir: Path) -> Iterable[tuple[str, bool, str]]:
    golds = gold_sets(["train", "dev"], 0)[name]
    base = ROOT if name == "seeds" else data
    texts = {g.identifier: (base / g.source).read_text(encoding="utf-8") for g in golds}
    report = score_news(name, golds, build_graph(texts, workdir / f"news-{name}", 0))
    for document in report.documents:
        for fact, is_right in document.scored_facts:
            evidence = fact.evidence[0][:200] if fact.evidence else ""
            line = f"{fact.subject.label} {fact.predicate} {fact.object.label} || {evidence}"
            for rule in fact.rules or ("(none)",):
                yield rule_key(rule, fact.predicate), is_right, line
    # the news scorer's own per-rule figures, as a check that both agree
    for score in precision_by_rule(report.documents):
        print(f"  news {name}: {score.rule} {score.n_right}/{score.n_facts}", file=sys.stderr)


def _table(tallies: dict[str, dict[str, Tally]], sets: Sequence[str], fitted: Sequence[str]) -> list[str]:
    rows = ["| rule | " + " | ".join(sets) + " | fitted | confidence |", "| --- " * (len(sets) + 3) + "|"]
    for rule in sorted(tallies):
        cells = [f"{t.right}/{t.total}" if (t := tallies[rule].get(s)) else "" for s in sets]
        fit = _fitted(tallies[rule], fitted)
        rows.append(f"| {rule} | " + " | ".join(cells) + f" | {fit.right}/{fit.total} | {fit.smoothed:.2f} |")
    return rows


def _fitted(by_set: dict[str, Tally], fitted: Sequence[str]) -> Tally:
    tally = Tally()
    for name in fitted:
        if name in by_set:
            tally.right += by_set[name].right
            tally.total += by_set[name].total
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--dry-run", action="store_true", help="print the table, do not write the file")
    parser.add_argument("--hold-out-dev", action="store_true", help="do not fit on news dev: a held-out check")
    parser.add_argument("--show", action="append", default=[], metavar="RULE", help="print this rule's facts")
    parser.add_argument("--only", action="append", choices=("conll04", "news"), help="measure only this part")
    args = parser.parse_args(argv)
    parts = args.only or ["conll04", "news"]
    tallies: dict[str, dict[str, Tally]] = {}
    shown: list[str] = []
    sources: dict[str, Iterable[tuple[str, bool, str]]] = {}
    with tempfile.TemporaryDirectory(prefix="kg-calibrate-") as temp:
        workdir = Path(temp)
        if "conll04" in parts:
            sources["conll04-train"] = list(conll04_facts(args.data, "train", workdir))
            sources["conll04-dev"] = list(conll04_facts(args.data, "dev", workdir))
        if "news" in parts:
            sources["seeds"] = list(news_facts(args.data, "seeds", workdir))
            sources["news-train"] = list(news_facts(args.data, "news-train", workdir))
            sources["news-dev"] = list(news_facts(args.data, "news-dev", workdir))
    for name, facts in sources.items():
        for rule, is_right, line in facts:
            tallies.setdefault(rule, {}).setdefault(name, Tally()).add(is_right)
            if rule in args.show or "all" in args.show:
                shown.append(f"{'+' if is_right else '-'} {name} {rule}: {line}")
    sets = list(sources)
    fitted = [s for s in sets if s != "news-dev" or not args.hold_out_dev]
    print("\n".join(_table(tallies, sets, fitted)))
    if shown:
        print("\n".join(sorted(shown)), file=sys.stderr)
    if args.dry_run or args.only:
        return 0
    rules = {}
    for rule in sorted(tallies):
        fit = _fitted(tallies[rule], fitted)
        if fit.total == 0:
            continue
        rules[rule] = {
            "confidence": round(fit.smoothed, 2),
            "right": fit.right,
            "total": fit.total,
            **{name: [t.right, t.total] for name, t in sorted(tallies[rule].items())},
        }
    payload = {
        "source": f"measured by `{COMMAND}` on {', '.join(fitted)} (kg build, scored by kg/evaluate)",
        "method": f"confidence = min({CAP}, (right + 1) / (total + 2)) over the fitted sets; "
        "a fact found by several rules counts for each; rules not listed keep the confidence in their code",
        "held_out": [s for s in sets if s not in fitted],
        "rules": rules,
    }
    OUTPUT.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
