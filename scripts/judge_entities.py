"""Judge the entities of an archive's graph: list the sampled nodes not judged yet, or report.

The archive-scale measurement of issue 10 (method in kg/evaluate/archive.py): build one archive
(bbc-politics without its reserved articles, or all of wikinews-sources) with `kg build` as a user
would, take the 200 most-mentioned nodes and 60 more drawn with a fixed seed, and match them to
the judgments in docs/judged/entities-ARCHIVE.jsonl by class and label.

How to refresh them (after the graph changed):

    .venv/bin/python scripts/judge_entities.py bbc-politics --keep /tmp/kg-bbc
        # builds into /tmp/kg-bbc and prints every sampled node with no judgment yet (and those
        # judged when they had other aliases), with its aliases, documents, facts, nodes that may
        # be the same entity, and sentences of the articles that name it; and every node outside
        # the sample whose old judgment (with other aliases) makes a sampled node's split
    .venv/bin/python scripts/judge_entities.py bbc-politics --graph /tmp/kg-bbc/output/graph.nt --template
        # the same nodes as JSON lines to fill in: read the sentences (and the articles), set
        # entity / true_class / state_ok / label_ok / merge_ok, write the note, append them to the
        # judgments file; judge any other node that is the same entity too (--node LABEL shows it)
    .venv/bin/python scripts/judge_entities.py bbc-politics --graph /tmp/kg-bbc/output/graph.nt --tidy
        # checks the judgments file and rewrites it sorted
    .venv/bin/python scripts/judge_entities.py bbc-politics --graph /tmp/kg-bbc/output/graph.nt --report

Judgments of nodes that are gone stay in the file (a later build may bring them back); only the
sampled nodes count. `scripts/evaluate.py --only archive` reports the same figures for both archives.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KgError
from kg.evaluate import archive
from kg.evaluate.rdf_reader import GraphRecords
from kg.identifiers import slugify

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
JUDGED = ROOT / "docs" / "judged"


def judgments_path(name: str) -> Path:
    return JUDGED / f"entities-{name}.jsonl"


def build_archive(data: Path, name: str, workdir: Path, processes: int = 0) -> Path:
    """Copy the archive's articles into workdir/input, run `kg build` on it; the graph.nt written."""
    source = data / name
    inputs, out = workdir / "input", workdir / "output"
    if inputs.exists():
        shutil.rmtree(inputs)
    inputs.mkdir(parents=True)
    for file_name in archive.archive_articles(name, os.listdir(source)):
        shutil.copyfile(source / file_name, inputs / file_name)
    command = [sys.executable, "-m", "kg", "build", str(inputs), "--out", str(out), "--quiet"]
    if processes:
        command += ["--processes", str(processes)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(
            f"judge_entities: kg build failed on {inputs} (exit {completed.returncode}):\n{completed.stderr}"
        )
    return out / "graph.nt"


def read_texts(data: Path, name: str, documents: Sequence[str]) -> dict[str, str]:
    return {d: (data / name / d).read_text(encoding="utf-8", errors="replace") for d in documents}


def show_node(
    node: archive.Node,
    where: str,
    records: GraphRecords,
    nodes: Sequence[archive.Node],
    texts: dict[str, str],
    judgment: archive.Judgment | None = None,
) -> list[str]:
    """A node as the judge needs it: names, documents, facts, look-alikes, sentences."""
    labels = {n.iri: f"{n.cls} “{n.label}”" for n in nodes}
    lines = [f"[{where}] {node.cls} “{node.label}”: {node.mentions} mentions in {len(node.documents)} documents"]
    if node.aliases:
        lines.append(f"  aliases: {' | '.join(node.aliases)}")
    if judgment is not None and judgment.aliases is not None and judgment.aliases != node.aliases:
        lines.append(f"  judged with aliases: {' | '.join(judgment.aliases)}: {judgment.note}")
    shown = " ".join(d.removesuffix(".txt") for d in node.documents[:10])
    lines.append(f"  documents: {shown}{' …' if len(node.documents) > 10 else ''}")
    similar = archive.possibly_same(node, nodes, limit=6)
    if similar:
        lines.append("  possibly the same: " + "; ".join(f"{labels[n.iri]} ({n.mentions})" for n in similar))
    facts = [f for f in records.facts if node.iri in (f.subject, f.object)][:3]
    for fact in facts:
        role = f" [{fact.role}]" if fact.role else ""
        evidence = fact.evidence[0][:140] if fact.evidence else ""
        subject, obj = labels.get(fact.subject, fact.subject), labels.get(fact.object, fact.object)
        lines.append(f"  fact: {subject} {fact.predicate}{role} {obj} ({fact.document}): {evidence}")
    for name, document, sentence in archive.contexts(node, texts, per_name=2, limit=6):
        lines.append(f"  “{name}” {document.removesuffix('.txt')}: {_around(sentence, name)}")
    return lines


def _around(sentence: str, name: str, width: int = 230) -> str:
    """The sentence, cut to `width` characters around the name's first occurrence."""
    if len(sentence) <= width:
        return sentence
    start = max(0, min(sentence.find(name) - width // 3, len(sentence) - width))
    return ("…" if start else "") + sentence[start : start + width] + ("…" if start + width < len(sentence) else "")


def template(node: archive.Node) -> str:
    """A judgment to fill in: the node's key and aliases, and guesses to correct."""
    suffix = archive.state_of(node.label)
    base = node.label[: -len(suffix) - 3] if suffix else node.label
    guess = archive.Judgment(
        cls=node.cls,
        label=node.label,
        entity=slugify(base) if suffix is None else slugify(f"{base} {suffix}"),
        true_class=node.cls,
        state_ok=None if suffix is None else True,
        label_ok=True,
        merge_ok=True,
        note="",
        aliases=node.aliases,
    )
    return json.dumps(guess.as_dict(), ensure_ascii=False)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archive", choices=archive.ARCHIVES)
    parser.add_argument("--graph", type=Path, metavar="FILE", help="read this graph.nt instead of building")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build into DIR (input/, output/) and keep it")
    parser.add_argument("--judgments", type=Path, metavar="FILE", help="default: docs/judged/entities-ARCHIVE.jsonl")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the shared data (default: {DEFAULT_DATA})")
    parser.add_argument("--processes", type=int, default=0, metavar="N", help="kg build worker processes")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--report", action="store_true", help="print the figures and every node that is not clean")
    what.add_argument("--template", action="store_true", help="print the pending nodes as judgments to fill in")
    what.add_argument("--tidy", action="store_true", help="check the judgments file and rewrite it sorted")
    what.add_argument("--node", action="append", metavar="LABEL", help="show every node with this label or alias")
    parser.add_argument("--all", action="store_true", help="list every sampled node, judged or not")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = args.judgments or judgments_path(args.archive)
    try:
        judgments = archive.read_judgments(path)
        if args.tidy:
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_text(archive.to_jsonl(judgments), encoding="utf-8")
            temporary.replace(path)
            print(f"{path}: {len(judgments)} judgments, sorted")
            return 0
        with tempfile.TemporaryDirectory(prefix="kg-judge-") as temp:
            graph = args.graph or build_archive(args.data, args.archive, args.keep or Path(temp), args.processes)
            records, nodes = archive.read_archive_graph(graph)
    except KgError as err:
        print(f"judge_entities: {err}", file=sys.stderr)
        return 1
    report = archive.with_fact_figures(archive.assess_archive(args.archive, nodes, judgments), records)
    if args.report:
        print("\n".join(archive.summary_rows(report)))
        for part in report.parts:
            print(f"\n{part.part}: not clean")
            for a in part.assessments:
                if a.judgment is not None and a.failures:
                    failures = ", ".join(a.failures)
                    print(f"  {a.node.cls} “{a.node.label}” ({a.node.mentions}): {failures}: {a.judgment.note}")
            for entity, split in part.split_entities.items():
                print(f"  split {entity}: " + "; ".join(f"{n.cls} “{n.label}” ({n.mentions})" for n in split))
        return 0
    if args.node:
        wanted = {name.lower() for name in args.node}
        chosen = [(n, "node") for n in nodes if wanted & {name.lower() for name in n.names}]
    else:
        chosen = [
            (a.node, f"{part.part} {i}")
            for part in report.parts
            for i, a in enumerate(part.assessments, 1)
            if args.all or not a.is_judged or a.is_changed
        ]
        # a node outside the sample that makes a sampled node's split, judged with other aliases
        shown = {node.iri for node, _ in chosen}
        for part in report.parts:
            for i, a in enumerate(part.assessments, 1):
                for other in a.stale_same_entity:
                    if other.iri not in shown:
                        chosen.append((other, f"same entity as {part.part} {i}"))
                        shown.add(other.iri)
    if args.template:
        print("\n".join(template(node) for node, _ in chosen))
        return 0
    matched = archive.match_judgments(nodes, judgments)
    texts = read_texts(args.data, args.archive, sorted({d for node, _ in chosen for d in node.documents}))
    for node, where in chosen:
        print("\n".join(show_node(node, where, records, nodes, texts, matched.get(node.iri))), end="\n\n")
    n_pending = sum(len(part.pending) for part in report.parts)
    print(f"{len(chosen)} nodes shown; {n_pending} sampled nodes not judged yet in {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
