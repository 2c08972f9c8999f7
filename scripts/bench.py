"""How fast `kg build` is, and how its cost grows: a benchmark script, not a test.

    .venv/bin/python scripts/bench.py [--data ../shared/data/bbc-politics] [--dask]

Prints, for 25%, 50% and 100% of the corpus: a bare spaCy parse (`nlp.pipe` over the same
paragraphs kg parses, with the same pipeline, in one process) and `kg build` with its
defaults (every export written), each as its own process timed from start to exit: wall
time, CPU time, words per second and peak memory (the process tree's proportional set
size, so pages forked workers share are counted once). Then: an incremental rebuild with
--cache after adding one article, the RDF writers on a synthetic graph of about a million
triples, and the seeds' cold-start build against loading the spaCy pipeline alone.

Timings are wall clock on whatever else the machine is doing: the load average is printed
first; run it on an idle machine for figures worth comparing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "bbc-politics"
PYTHON = sys.executable
KG = [PYTHON, "-m", "kg"]
SHARES = (0.25, 0.5, 1.0)
PARTS = ("scale", "incremental", "seeds", "rdf")
TARGETS = {
    "ratio": 0.8,  # kg build / bare one-process parse, whole corpus
    "memory_gib": 2.0,
    "flat": 0.15,  # cost per word at 100% at most this much above its cost at 25% or 50%
    "incremental": 0.10,  # rebuild after one added article / cold build
    "rdf_seconds": 30.0,  # all three RDF files of a million-triple graph
    "seeds": 2.0,  # seeds build / loading the pipeline, both cold processes
}

# Run as `bench.py --bare-parse LIST`: the baseline, one process, nothing of kg's but reading.
BARE_PARSE = """
import sys, time
from pathlib import Path
import spacy
from kg.ingest import read_documents
from kg.nlp import DEFAULT_MODEL
files = [Path(line) for line in Path(sys.argv[1]).read_text().splitlines()]
nlp = spacy.load(DEFAULT_MODEL, exclude=["senter"])  # the pipeline exactly as kg loads it
documents, _, _ = read_documents(files)
start = time.perf_counter()
for _ in nlp.pipe([p for d in documents for p in d.paragraphs]):
    pass
print(f"{time.perf_counter() - start:.3f}")
"""
LOAD_PIPELINE = "import spacy; from kg.nlp import DEFAULT_MODEL; spacy.load(DEFAULT_MODEL, exclude=['senter'])"
STAGES = ("imports", "model load", "documents", "resolve", "graph", "export", "write")


def timed_build(argv: list[str]) -> int:
    """`kg build ARGS` exactly as the CLI runs it, timing each stage: prints them as JSON."""
    import json

    start = time.perf_counter()
    import psutil

    import kg.output
    import kg.pipeline
    from kg.cli import main
    from kg.export.registry import EXPORTERS

    seconds = dict.fromkeys(STAGES, 0.0)
    seconds["imports"] = time.perf_counter() - start
    rss: dict[str, float] = {}

    def timed(stage: str, function: Any) -> Any:
        def run_stage(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            result = function(*args, **kwargs)
            seconds[stage] += time.perf_counter() - begin
            rss[stage] = psutil.Process().memory_info().rss / 2**20
            return result

        return run_stage

    kg.pipeline.load_pipeline = timed("model load", kg.pipeline.load_pipeline)  # type: ignore[assignment]
    kg.pipeline.work_all = timed("documents", kg.pipeline.work_all)  # type: ignore[assignment]
    kg.pipeline.resolve_entities = timed("resolve", kg.pipeline.resolve_entities)  # type: ignore[assignment]
    kg.pipeline.build_graph = timed("graph", kg.pipeline.build_graph)
    kg.output.write_files = timed("write", kg.output.write_files)
    for name, render in list(EXPORTERS.items()):
        EXPORTERS[name] = timed("export", render)
    code = main(argv)
    seconds["documents"] -= seconds["model load"]  # loaded inside, before the workers start
    print(json.dumps({"seconds": seconds, "rss_mib": rss}))
    return code


@dataclass
class Run:
    wall: float  # seconds, start to exit
    cpu: float  # user + system seconds of the process and its children
    peak_mib: float  # peak proportional set size of the process tree
    peak_child_mib: float  # the largest of any one child process (a worker)
    stdout: str


def run(argv: list[str]) -> Run:
    """Run a command with this clone's kg, sampling its process tree's memory every 50 ms."""
    import psutil

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = psutil.Popen(argv, stdout=out, stderr=err, text=True, env=env, cwd=ROOT)
        peak = peak_child = 0
        while process.poll() is None:
            total = 0
            try:
                tree = [process, *process.children(recursive=True)]
            except psutil.NoSuchProcess:
                tree = []
            for member in tree:
                try:
                    pss = member.memory_full_info().pss
                except (psutil.NoSuchProcess, psutil.AccessDenied, AttributeError):
                    continue
                total += pss
                if member is not process:
                    peak_child = max(peak_child, pss)
            peak = max(peak, total)
            time.sleep(0.05)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:6])} ... failed ({process.returncode}):\n{stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak / 2**20, peak_child / 2**20, stdout)


def bare_parse(files: list[Path], work: Path) -> Run:
    listing = work / "files.txt"
    listing.write_text("\n".join(map(str, files)))
    return run([PYTHON, "-c", BARE_PARSE, str(listing)])


def kg_build(files: list[Path], out: Path, *options: str) -> Run:
    return run([*KG, "build", *map(str, files), "--out", str(out), "--quiet", *options])


def kg_build_timed(files: list[Path], out: Path) -> tuple[Run, dict[str, Any]]:
    """`kg build` with its defaults, in its own process, with each stage's time."""
    import json

    built = run([PYTHON, __file__, "--timed-build", "build", *map(str, files), "--out", str(out), "--quiet"])
    return built, json.loads(built.stdout.strip().splitlines()[-1])


def n_words(files: list[Path]) -> int:
    return sum(len(path.read_text(encoding="utf-8", errors="replace").split()) for path in files)


def scale(files: list[Path], work: Path, use_dask: bool) -> dict[str, float]:
    print("\n## Bare parse vs kg build, by share of the corpus\n")
    print(
        "| share | articles | words | bare parse s (CPU s) | words/s | peak MiB "
        "| kg build s (CPU s) | words/s | peak MiB | build / parse |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    stages: dict[float, dict[str, Any]] = {}
    words: dict[float, int] = {}
    builds: dict[float, Run] = {}
    results: dict[str, float] = {}
    print_later = ""
    parse_only: dict[float, float] = {}
    for share in SHARES:
        subset = files[: max(1, round(len(files) * share))]
        words[share] = n_words(subset)
        bare = bare_parse(subset, work)
        builds[share], stages[share] = kg_build_timed(subset, work / f"out-{share}")
        built = builds[share]
        print(
            f"| {share:.0%} | {len(subset)} | {words[share]:,} | {bare.wall:.1f} ({bare.cpu:.1f}) "
            f"| {words[share] / bare.wall:,.0f} | {bare.peak_mib:,.0f} | {built.wall:.1f} ({built.cpu:.1f}) "
            f"| {words[share] / built.wall:,.0f} | {built.peak_mib:,.0f} | {built.wall / bare.wall:.2f} |"
        )
        parse_only[share] = float(bare.stdout.strip() or "nan")
        if share == 1.0:
            results.update(ratio=built.wall / bare.wall, memory_gib=built.peak_mib / 1024)
            print_later = (
                f"memory at 100%: bare parse process {bare.peak_mib:,.0f} MiB; kg build {built.peak_mib:,.0f} MiB "
                f"in all, of which the largest worker {built.peak_child_mib:,.0f} MiB (proportional set sizes)"
            )
    print(
        "\nbare parse, nlp.pipe alone (no start-up, no model load): "
        + ", ".join(f"{s:.0%} {parse_only[s]:.1f} s" for s in SHARES)
    )
    print(print_later)

    print("\n## kg build by stage: seconds (ms per 1,000 words for the stages that grow with the input)\n")
    print("| share | " + " | ".join(STAGES) + " | unaccounted | central RSS MiB |")
    print("|---|" + "---|" * (len(STAGES) + 2))
    fixed = ("imports", "model load")
    per_word: dict[float, float] = {}
    for share in SHARES:
        seconds = stages[share]["seconds"]
        other = builds[share].wall - sum(seconds.values())  # interpreter start and exit
        cells = [
            f"{seconds[s]:.2f}" if s in fixed else f"{seconds[s]:.2f} ({1e6 * seconds[s] / words[share]:.1f})"
            for s in STAGES
        ]
        rss = max(stages[share]["rss_mib"].values())
        print(f"| {share:.0%} | " + " | ".join(cells) + f" | {other:.2f} | {rss:,.0f} |")
        per_word[share] = sum(v for k, v in seconds.items() if k not in fixed) / words[share]
    total_per_word = {share: builds[share].wall / words[share] for share in SHARES}
    # articles differ in how hard they are to parse: the same stages over the bare parse of the same articles
    per_parse = {share: per_word[share] * words[share] / parse_only[share] for share in SHARES}
    print(
        "\ncost per word relative to 100%, whole run: "
        + ", ".join(f"{s:.0%} {total_per_word[s] / total_per_word[1.0]:.2f}" for s in SHARES)
        + "; without the fixed start-up (imports, model load): "
        + ", ".join(f"{s:.0%} {per_word[s] / per_word[1.0]:.2f}" for s in SHARES)
        + "; those stages' time over the bare parse of the same articles: "
        + ", ".join(f"{s:.0%} {per_parse[s]:.2f}" for s in SHARES)
    )
    results["flat"] = max(per_word[1.0] / per_word[s] - 1 for s in SHARES[:-1])
    low, high = SHARES[0], SHARES[-1]
    n_low, n_high = round(len(files) * low), len(files)
    central = {share: max(stages[share]["rss_mib"].values()) for share in (low, high)}
    slope = (central[high] - central[low]) / (n_high - n_low)  # MiB per article
    if n_low >= 50:  # fewer, and the interpreter's own noise swamps the growth
        print(
            f"central process: {central[high]:,.0f} MiB RSS at {n_high} articles; "
            f"grows {1024 * slope:,.0f} KiB per article, about {slope * 1e6 / 1024:,.0f} GiB per million"
        )
    if use_dask:
        dask = kg_build(files, work / "out-dask", "--executor", "dask")
        same = all(
            (work / "out-dask" / name).read_bytes() == (work / "out-1.0" / name).read_bytes()
            for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html")
        )
        print(
            f"\nkg build --executor dask (local cluster, one worker per core), 100%: {dask.wall:.1f} s "
            f"(CPU {dask.cpu:.1f} s), peak {dask.peak_mib:,.0f} MiB "
            f"(largest process {dask.peak_child_mib:,.0f} MiB); output identical to the local run: {same}"
        )
    return results


def incremental(files: list[Path], work: Path) -> float:
    print("\n## Incremental rebuild with --cache\n")
    corpus = work / "incremental"
    corpus.mkdir()
    for path in files:
        shutil.copy(path, corpus / path.name)
    cache, out = work / "cache", work / "out-incremental"
    cold = run([*KG, "build", str(corpus), "--out", str(out), "--cache", str(cache), "--quiet"])
    shutil.copy(next(iter(sorted((ROOT / "seeds").glob("*.txt")))), corpus / "added-article.txt")
    warm = run([*KG, "build", str(corpus), "--out", str(out), "--cache", str(cache)])
    print(f"cold build of {len(files)} articles with --cache (empty): {cold.wall:.1f} s")
    print(f"rebuild after adding one article: {warm.wall:.1f} s ({warm.stdout.splitlines()[0]})")
    print(f"rebuild / cold: {warm.wall / cold.wall:.1%}")
    return warm.wall / cold.wall


def synthetic_graph(n_entities: int = 50_000, n_facts: int = 70_000, n_documents: int = 20_000) -> Any:
    """A graph of the contract's shape (docs/DESIGN.md) with about 1.15 million triples."""
    import networkx as nx

    from kg.model import Evidence

    rng = random.Random(0)
    graph = nx.MultiDiGraph()
    graph.graph["base_iri"] = "https://example.org/kg/"
    graph.graph["documents"] = {
        f"doc-{i:06d}": {"identifier": f"{i:06d}.txt", "title": f"Title {i}", "date": "2020-01-02"}
        for i in range(n_documents)
    }
    classes = ("Person", "Party", "Institution", "Place")
    ids = []
    for i in range(n_entities):
        cls = classes[i % 4]
        node_id = f"{cls.lower()}/entity-{i}"
        ids.append(node_id)
        documents = tuple(sorted({f"doc-{rng.randrange(n_documents):06d}" for _ in range(2)}))
        graph.add_node(node_id, cls=cls, label=f"Entity {i}", aliases=(f"E{i}",), mentions=3, documents=documents)
    for j in range(n_facts):
        subject, obj = rng.sample(ids, 2)
        doc_id = f"doc-{rng.randrange(n_documents):06d}"
        evidence = (Evidence(doc_id, f'Sentence {j} says "something" about them.', 0.8, "title-before-name"),)
        graph.add_edge(
            subject,
            obj,
            key=f"holdsPosition|minister {j % 50}||",
            predicate="holdsPosition",
            role=f"Minister {j % 50}",
            status="current",
            verb=None,
            confidence=0.8,
            evidence=evidence,
            documents=(doc_id,),
        )
    return graph


def rdf_writers() -> float:
    from kg.export.rdf import to_jsonld, to_ntriples, to_turtle

    print("\n## RDF writers on a synthetic graph\n")
    graph = synthetic_graph()
    total = 0.0
    n_triples = 0
    for name, write in (("N-Triples", to_ntriples), ("Turtle", to_turtle), ("JSON-LD", to_jsonld)):
        start = time.perf_counter()
        text = write(graph)
        elapsed = time.perf_counter() - start
        total += elapsed
        if name == "N-Triples":
            n_triples = text.count("\n")
        print(f"{name}: {elapsed:.1f} s, {len(text.encode()) / 2**20:,.0f} MiB")
    print(f"{n_triples:,} triples; all three: {total:.1f} s")
    return total * 1_000_000 / n_triples


def seeds(work: Path) -> float:
    print("\n## Seeds: cold-start build vs loading the spaCy pipeline\n")
    builds = [run([*KG, "build", "seeds", "--out", str(work / "out-seeds"), "--quiet"]).wall for _ in range(3)]
    loads = [run([PYTHON, "-c", LOAD_PIPELINE]).wall for _ in range(3)]
    build, load = statistics.median(builds), statistics.median(loads)
    print(f"kg build seeds/ (new process, median of 3): {build:.2f} s")
    print(f"python -c 'spacy.load(...)' (new process, median of 3): {load:.2f} s")
    print(f"build / load: {build / load:.2f}")
    return build / load


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help=f"folder of .txt articles (default: {DATA})")
    parser.add_argument("--dask", action="store_true", help="also time --executor dask on a local cluster")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N articles (a quick try of the script)")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS), help="what to measure (default: all)")
    if sys.argv[1:2] == ["--timed-build"]:
        return timed_build(sys.argv[2:])
    args = parser.parse_args()
    files = sorted(p for p in args.data.glob("*.txt") if p.stem.isdigit())[: args.limit]  # not README.TXT
    if not files:
        raise SystemExit(f"no articles (NNN.txt) in {args.data}")
    print(f"# kg benchmark: {len(files)} articles of {args.data}, {n_words(files):,} words")
    print(f"cores: {len(os.sched_getaffinity(0))}; load average at start: {os.getloadavg()[0]:.2f}")
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        work = Path(folder)
        if "scale" in args.parts:
            results.update(scale(files, work, args.dask))
        if "incremental" in args.parts:
            results["incremental"] = incremental(files, work)
        if "seeds" in args.parts:
            results["seeds"] = seeds(work)
    if "rdf" in args.parts:
        results["rdf_seconds"] = rdf_writers()
    print(f"\n## Targets (load average at end: {os.getloadavg()[0]:.2f})\n")
    labels = {
        "ratio": "kg build / bare one-process parse, 100%",
        "memory_gib": "kg build peak memory, GiB",
        "flat": "growth of cost per word from 25% or 50% to 100% (start-up excluded; negative: it fell)",
        "incremental": "rebuild after one added article / cold build",
        "rdf_seconds": "RDF writers, three files per million triples, s",
        "seeds": "seeds build / pipeline load (cold processes)",
    }
    for key, label in labels.items():
        if key not in results:
            continue
        value, target = results[key], TARGETS[key]
        print(f"- {label}: {value:.2f} (target < {target}): {'met' if value < target else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
