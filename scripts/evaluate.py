"""Score kg's extraction end to end: write the texts, run `kg build`, read the RDF back, score.

Run:
    .venv/bin/python scripts/evaluate.py          # CoNLL04 dev, news, CoNLL-2003 test, Re-DocRED dev, archives
    .venv/bin/python scripts/evaluate.py --only conll04 --split train --split dev   # rule tuning
    .venv/bin/python scripts/evaluate.py --split dev --split test --markdown         # the release table
    .venv/bin/python scripts/evaluate.py --only redocred --split test              # Re-DocRED, 200 documents
    .venv/bin/python scripts/evaluate.py --only archive                            # judged archive nodes

CoNLL04 test is scored only when asked for with --split test: report it once per release and
never tune rules on it (the same for Re-DocRED test). Re-DocRED is scored on its first 200
documents unless --limit says otherwise (--limit 0: all 500): the issues' figures are on those.
The archive part builds bbc-politics (less its reserved articles) and wikinews-sources, each as
one archive (some 5 minutes on 2 cores), and matches their most-mentioned and seeded-random nodes
to the judgments in docs/judged/ (scripts/judge_entities.py lists the nodes still to judge).
The scoring rules are in the docstrings of kg/evaluate/*.py; the data sets are described in
../shared/data/SOURCES.md and tests/gold/FORMAT.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg.evaluate import archive
from kg.evaluate.conll04 import Conll04Report, missed_by_reason, read_conll04, score_conll04
from kg.evaluate.conll2003 import Conll2003Report, read_conll2003, score_conll2003
from kg.evaluate.news import GoldDocument, NewsReport, read_gold, score_news
from kg.evaluate.rdf_reader import GraphRecords, read_graph
from kg.evaluate.redocred import RedocredReport, read_redocred, score_redocred
from kg.evaluate.redocred import missed_by_reason as missed_by_redocred
from kg.evaluate.report import Results, summary_table, to_markdown

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
PARTS = ("conll04", "news", "conll2003", "redocred", "archive")
REDOCRED_LIMIT = 200  # documents per split unless --limit is given: the issues' figures are on these
KEEP_MARKER = ".kg-evaluate"


def build_graph(texts: dict[str, str], workdir: Path, processes: int) -> GraphRecords:
    """Write one .txt per text, run `kg build` on the folder as a user would, read graph.nt back."""
    inputs, out = workdir / "input", workdir / "output"
    inputs.mkdir(parents=True)
    for name, text in texts.items():
        (inputs / name).write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "kg", "build", str(inputs), "--out", str(out), "--quiet"]
    if processes:
        command += ["--processes", str(processes)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"evaluate: kg build failed on {inputs} (exit {completed.returncode}):\n{completed.stderr}")
    # an article the rules failed on would be scored as if kg had found nothing in it
    failed = [line for line in completed.stderr.splitlines() if "extraction failed" in line]
    if failed:
        raise SystemExit(
            f"evaluate: kg build failed to extract {len(failed)} text(s) in {inputs}:\n" + "\n".join(failed)
        )
    n_warnings = completed.stderr.count("warning:")
    if n_warnings:
        print(f"evaluate: kg build gave {n_warnings} warning(s) on {inputs}", file=sys.stderr)
    return read_graph(out / "graph.nt")


def run_conll04(data: Path, split: str, limit: int, workdir: Path, processes: int) -> Conll04Report:
    sentences = read_conll04(data / "conll04" / f"{split}.json")[: limit or None]
    records = build_graph({s.identifier: s.text + "\n" for s in sentences}, workdir / f"conll04-{split}", processes)
    return score_conll04(sentences, records, split)


def run_redocred(data: Path, split: str, limit: int, workdir: Path, processes: int) -> RedocredReport:
    documents = read_redocred(data / "redocred" / f"{split}_revised.json")[: limit or None]
    records = build_graph({d.identifier: d.text + "\n" for d in documents}, workdir / f"redocred-{split}", processes)
    return score_redocred(documents, records, split)


def run_archive(data: Path, name: str, limit: int, workdir: Path, processes: int) -> archive.ArchiveReport:
    """One archive built as a user would (the files' bytes unchanged), its sample matched to the judgments.
    With a limit, only its first articles: a check that the part runs, not the measurement."""
    files = archive.archive_articles(name, (p.name for p in (data / name).iterdir()))[: limit or None]
    texts = {f: (data / name / f).read_bytes().decode("utf-8") for f in files}
    build_graph(texts, workdir / f"archive-{name}", processes)
    records, nodes = archive.read_archive_graph(workdir / f"archive-{name}" / "output" / "graph.nt")
    judgments = archive.read_judgments(ROOT / "docs" / "judged" / f"entities-{name}.jsonl")
    return archive.with_fact_figures(archive.assess_archive(name, nodes, judgments), records)


def gold_sets(splits: Sequence[str], limit: int) -> dict[str, list[GoldDocument]]:
    """The gold files by set: "seeds" (the project's development articles), then "news-SPLIT" for
    each split asked for: the articles tests/gold/corpus.json puts in that split (annotated ones)."""
    sets: dict[str, list[GoldDocument]] = {"seeds": [read_gold(p) for p in sorted(GOLD.glob("seeds-*.json"))]}
    corpus = json.loads((GOLD / "corpus.json").read_text(encoding="utf-8"))["articles"]
    for split in splits:
        paths = [GOLD / f"{a['name']}.json" for a in corpus if a["split"] == split]
        sets[f"news-{split}"] = [read_gold(p) for p in paths if p.exists()]
    return {name: golds[: limit or None] for name, golds in sets.items() if golds}


def run_news(data: Path, name: str, golds: list[GoldDocument], workdir: Path, processes: int) -> NewsReport:
    """All articles of one set in one build, so entities resolve across them as in real use."""
    base = ROOT if name == "seeds" else data
    texts = {g.identifier: (base / g.source).read_text(encoding="utf-8") for g in golds}
    if len(texts) < len(golds):
        raise SystemExit(f"evaluate: two gold files of set {name} have one file name; kg would see one article")
    records = build_graph(texts, workdir / f"news-{name}", processes)
    return score_news(name, golds, records)


def run_conll2003(data: Path, limit: int, workdir: Path, processes: int) -> Conll2003Report:
    documents = read_conll2003(data / "conll2003" / "test.txt")[: limit or None]
    records = build_graph({d.identifier: d.text for d in documents}, workdir / "conll2003-test", processes)
    return score_conll2003(documents, records)


def print_errors(results: Results, n_top: int = 12) -> None:
    """The largest error classes, for the rule work; on stderr so --markdown stays clean."""

    def show(title: str, counter: Counter[str]) -> None:
        print(f"\n{title}", file=sys.stderr)
        for item, count in counter.most_common(n_top):
            print(f"  {count:4d}  {item}", file=sys.stderr)

    for report in results.conll04:
        show(f"CoNLL04 {report.split}: gold triples missed, by reason", Counter(missed_by_reason(report)))
        show(f"CoNLL04 {report.split}: wrong system triples, by type", Counter(t for _, t, _, _ in report.wrong))
    for news in results.news:
        docs = news.documents
        show(f"news {news.name}: junk entities", Counter(f"{j} ({d.name})" for d in docs for j in d.junk))
        show(
            f"news {news.name}: duplicate entities",
            Counter(f"{s} ~ {g} ({d.name})" for d in docs for s, g in d.duplicates),
        )
        show(
            f"news {news.name}: gold entities missed",
            Counter(f"{m} ({d.name})" for d in docs for m in d.missed_entities),
        )
        show(
            f"news {news.name}: class errors",
            Counter(f"{lb}: {s} for {g}" for d in docs for lb, s, g in d.class_errors),
        )
        show(
            f"news {news.name}: gold relations missed, by gold predicate and reason",
            Counter(f"{'/'.join(r.predicates)}: {why}" for d in docs for r, why in d.missed_relations),
        )
        show(
            f"news {news.name}: wrong facts, by predicate and rule",
            Counter(f"{f.predicate} [{','.join(f.rules)}]: {why}" for d in docs for f, why in d.wrong_relations),
        )
    for redocred in results.redocred:
        show(f"Re-DocRED {redocred.split}: gold labels missed, by reason", Counter(missed_by_redocred(redocred)))
        show(
            f"Re-DocRED {redocred.split}: gold labels missed, by predicate and reason",
            Counter(f"{m.predicate} ({m.relation}): {m.why}" for m in redocred.missed),
        )
        show(
            f"Re-DocRED {redocred.split}: wrong facts, by predicate and the relations Re-DocRED has",
            Counter(f"{w.predicate}: {'/'.join(w.gold) or 'none'}" for w in redocred.wrong if w.is_judged),
        )
    if results.conll2003 is not None:
        show(
            "CoNLL-2003: type confusions (gold->system)",
            Counter({f"{g}->{s}": n for (g, s), n in results.conll2003.confusions.items()}),
        )
        show("CoNLL-2003: gold names missed most", Counter(results.conll2003.missed))
        show("CoNLL-2003: spurious system names most", Counter(results.conll2003.spurious))


def to_json(results: Results) -> dict[str, object]:
    output: dict[str, object] = {"seconds": {k: round(v, 1) for k, v in results.seconds.items()}}
    output["conll04"] = [
        {
            **r.as_dict(),
            "missed": [
                {"sentence": s, "type": g.type, "head": g.head, "tail": g.tail, "why": w} for s, g, w in r.missed
            ],
            "wrong": [{"sentence": s, "type": t, "subject": a, "object": b} for s, t, a, b in r.wrong],
        }
        for r in results.conll04
    ]
    output["news"] = [n.as_dict() for n in results.news]
    if results.conll2003 is not None:
        output["conll2003"] = results.conll2003.as_dict()
    output["archive"] = [a.as_dict() for a in results.archive]
    output["redocred"] = [
        {
            **r.as_dict(),
            "missed": [vars(m) for m in r.missed],
            "wrong": [{**vars(w), "gold": list(w.gold)} for w in r.wrong],
        }
        for r in results.redocred
    ]
    return output


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", action="append", choices=PARTS, help="run only this part (repeatable; default: all)")
    parser.add_argument(
        "--split", action="append", choices=("train", "dev", "test"),
        help="CoNLL04, news-corpus and Re-DocRED split (repeatable; default: dev). "
        "Score test for the release table only.",
    )  # fmt: skip
    parser.add_argument(
        "--limit", type=int, default=None, metavar="N",
        help=f"only the first N sentences/documents per set; 0: all (default: all; Re-DocRED {REDOCRED_LIMIT})",
    )  # fmt: skip
    parser.add_argument("--markdown", action="store_true", help="print the Markdown tables for docs/quality.md")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure and every error to FILE")
    parser.add_argument("--errors", action="store_true", help="print the largest error classes on stderr")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the input texts and built graphs in DIR")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"the shared data sets (default: {DEFAULT_DATA})"
    )
    parser.add_argument(
        "--processes", type=int, default=0, metavar="N", help="kg build worker processes (default: one per core)"
    )
    return parser


def run(args: argparse.Namespace, workdir: Path) -> Results:
    """Every part asked for; a part whose data set is absent is skipped with a note."""
    parts = args.only or list(PARTS)
    conll04: list[Conll04Report] = []
    news: list[NewsReport] = []
    conll2003 = None
    seconds: dict[str, float] = {}

    def has_data(name: str) -> bool:
        if (args.data / name).exists():
            return True
        print(f"evaluate: skipping {name}: {args.data / name} not found (see --data)", file=sys.stderr)
        return False

    if "conll04" in parts and has_data("conll04"):
        for split in dict.fromkeys(args.split or ["dev"]):
            start = time.perf_counter()
            conll04.append(run_conll04(args.data, split, args.limit, workdir, args.processes))
            seconds[f"CoNLL04 {split}"] = time.perf_counter() - start
    if "news" in parts:
        for name, golds in gold_sets(args.split or ["dev"], args.limit).items():
            if name != "seeds" and not (has_data("bbc-politics") and has_data("wikinews-sources")):
                continue
            start = time.perf_counter()
            news.append(run_news(args.data, name, golds, workdir, args.processes))
            seconds[f"news {name}"] = time.perf_counter() - start
    if "conll2003" in parts and has_data("conll2003"):
        start = time.perf_counter()
        conll2003 = run_conll2003(args.data, args.limit, workdir, args.processes)
        seconds["CoNLL-2003 test"] = time.perf_counter() - start
    redocred: list[RedocredReport] = []
    if "redocred" in parts and has_data("redocred"):
        limit = REDOCRED_LIMIT if args.limit is None else args.limit
        for split in dict.fromkeys(args.split or ["dev"]):
            if split == "train":  # not among the shared files (SOURCES.md)
                print("evaluate: skipping Re-DocRED train: only dev and test are in the shared data", file=sys.stderr)
                continue
            start = time.perf_counter()
            redocred.append(run_redocred(args.data, split, limit, workdir, args.processes))
            seconds[f"Re-DocRED {split}"] = time.perf_counter() - start
    archives: list[archive.ArchiveReport] = []
    if "archive" in parts:
        for name in archive.ARCHIVES:
            if has_data(name):
                start = time.perf_counter()
                archives.append(run_archive(args.data, name, args.limit, workdir, args.processes))
                seconds[f"archive {name}"] = time.perf_counter() - start
    return Results(conll04, news, conll2003, seconds, redocred, archives)


def _keep_dir(path: Path) -> Path:
    """An empty folder, or one an earlier --keep run made (its contents are replaced)."""
    if path.exists() and any(path.iterdir()):
        if not (path / KEEP_MARKER).exists():
            raise SystemExit(f"evaluate: --keep {path} is a folder with other files in it: give a new or empty folder")
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    (path / KEEP_MARKER).write_text("made by scripts/evaluate.py --keep; replaced on the next run\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as temp:
        results = run(args, _keep_dir(args.keep) if args.keep else Path(temp))
    print(to_markdown(results) if args.markdown else "\n".join(summary_table(results)))
    if args.errors:
        print_errors(results)
    if args.json:
        args.json.write_text(json.dumps(to_json(results), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
