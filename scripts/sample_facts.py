"""A read sample of facts: 100 statements drawn with a fixed seed from an archive's graph, judged
against their own sentences, the judgments kept in docs/judged/facts-ARCHIVE.jsonl.

    .venv/bin/python scripts/sample_facts.py draw GRAPH.nt [--archive bbc-politics]   # add the unjudged
    .venv/bin/python scripts/sample_facts.py report GRAPH.nt [--archive bbc-politics] # the figures

Build the graph as `scripts/evaluate.py --only archive` does (the archive less its reserved
articles), e.g. `kg build /tmp/bbc-407 --out /tmp/bbc-out`. `draw` appends one record per sampled
statement that has no judgment yet, with "verdict": null, to be filled in by a careful reader:
"right" (the sentence states this fact: both ends the entities meant, the predicate fits, the
direction holds), "half" (the relation holds but the role, status or one end's identity is off), or
"wrong"; and "why". A judgment is keyed by the document, the sentence and the triple's labels, so
a rebuild keeps every judgment whose statement survives; judge the new ones, drop none. `report`
prints the share right overall, at confidence >= 0.8 and per predicate, for the statements the
graph holds now that were read from a sentence (the gazetteer's locatedIn facts, which have none, are
judged by the places sample of scripts/judge_time_places.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate.rdf_reader import read_graph  # noqa: E402

SEED = 20261201
N_SAMPLE = 100
CONFIDENT = 0.8


def statements(graph: Path) -> list[dict[str, object]]:
    records = read_graph(graph)
    rows = []
    for fact in records.facts:
        subject, obj = records.entities.get(fact.subject), records.entities.get(fact.object)
        if subject is None or obj is None:
            continue
        for sentence in fact.evidence or ("",):
            rows.append(
                {
                    "document": fact.document,
                    "sentence": sentence,
                    "subject": subject.label,
                    "predicate": fact.predicate,
                    "object": obj.label,
                    "role": fact.role,
                    "status": fact.status,
                    "confidence": fact.confidence,
                    "rules": list(fact.rules),
                }
            )
    return sorted(
        rows,
        key=lambda r: (
            str(r["document"]),
            str(r["sentence"]),
            str(r["subject"]),
            str(r["predicate"]),
            str(r["object"]),
        ),
    )


def key(row: dict[str, object]) -> tuple[str, ...]:
    return tuple(str(row[k]) for k in ("document", "sentence", "subject", "predicate", "object"))


def sample(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The N_SAMPLE statements of lowest rank, a statement's rank a hash of the seed and its key: a
    statement that survives a rebuild keeps its place, so the sample changes only where the graph did."""

    def rank(row: dict[str, object]) -> str:
        return hashlib.sha256("\x1f".join((str(SEED), *key(row))).encode("utf-8")).hexdigest()

    return sorted(rows, key=rank)[:N_SAMPLE]


def read_judgments(path: Path) -> dict[tuple[str, ...], dict[str, object]]:
    if not path.exists():
        return {}
    return {key(j): j for j in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("draw", "report"))
    parser.add_argument("graph", type=Path)
    parser.add_argument("--archive", default="bbc-politics")
    args = parser.parse_args()
    path = ROOT / "docs" / "judged" / f"facts-{args.archive}.jsonl"
    judged = read_judgments(path)
    # the gazetteer's locatedIn facts have no sentence to be read against (the places sample of
    # scripts/judge_time_places.py judges them): the draw is of statements read from a sentence
    drawn = sample([row for row in statements(args.graph) if row["sentence"]])
    if args.command == "draw":
        new = [{**row, "verdict": None, "why": ""} for row in drawn if key(row) not in judged]
        with path.open("a", encoding="utf-8") as stream:
            for row in new:
                stream.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{path.relative_to(ROOT)}: {len(new)} new statements to judge ({len(drawn) - len(new)} judged before)")
        return
    verdicts = [(row, judged[key(row)]["verdict"]) for row in drawn if judged.get(key(row), {}).get("verdict")]
    pending = len(drawn) - len(verdicts)
    counts = Counter(v for _, v in verdicts)
    confident = [v for row, v in verdicts if float(row["confidence"]) >= CONFIDENT]  # type: ignore[arg-type]
    print(f"sample of {len(drawn)} statements (seed {SEED}), {pending} not judged yet")
    print(f"right {counts['right']}, half right {counts['half']}, wrong {counts['wrong']}: "
          f"{counts['right'] / max(len(verdicts), 1):.2f} right")  # fmt: skip
    print(f"at confidence >= {CONFIDENT}: {confident.count('right')} of {len(confident)} right")
    by_predicate: dict[str, Counter[str]] = {}
    for row, verdict in verdicts:
        by_predicate.setdefault(str(row["predicate"]), Counter())[str(verdict)] += 1
    for predicate, c in sorted(by_predicate.items()):
        print(f"  {predicate}: {c['right']} right of {sum(c.values())}")


if __name__ == "__main__":
    main()
