"""Measure graph.html: its size, and how long it takes to be ready in headless Chromium.

Usage:
    .venv/bin/kg build ../shared/data/bbc-politics --out /tmp/bbc
    .venv/bin/python scripts/bench_html.py /tmp/bbc/graph.html [--synthetic] [--repeat 3] [--markdown]

For each page given, and with --synthetic for two made-up archives (20,000 entities and 30,000
facts; 10,000 articles of BBC length), it reports the file's size, the share that is article
text, the seconds to write it (synthetic ones), and the seconds from navigation to the page's
first view being drawn and fitted (`window.kgReady`, read from the page's own performance
marks), the median of --repeat openings, at 1400x900. A benchmark, not a test: the figures depend
on the machine and on how busy it is (say so beside them).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from kg.export.browser import DESKTOP, launch_chromium, open_offline, wait_until_ready
from kg.export.html import ARTICLE_TEXT_BUDGET, to_html
from kg.model import ENTITY_CLASSES, PREDICATES, Evidence

_WORDS = (
    "the",
    "minister",
    "said",
    "government",
    "party",
    "election",
    "vote",
    "council",
    "week",
    "plan",
    "report",
    "policy",
    "public",
    "leader",
    "campaign",
    "office",
    "support",
    "issue",
    "people",
    "country",
    "city",
    "law",
    "court",
    "police",
    "talks",
    "state",
)


@dataclass
class Row:
    page: str
    megabytes: float
    text_megabytes: float
    write_seconds: float | None
    ready_seconds: float
    shown: int
    problems: str


def _sentence(rng: random.Random, names: list[str]) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 24))]
    for name in names:
        words.insert(rng.randrange(len(words)), name)
    return " ".join(words).capitalize() + "."


def synthetic_archive(n_articles: int, n_entities: int, n_facts: int, seed: int = 0) -> nx.MultiDiGraph:
    """A made-up archive of the contract's shape: articles about 2,700 characters long (the BBC
    set's mean), hubs by preferential attachment, each fact's sentence taken from its article."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    labels = [f"{rng.choice(_WORDS).title()} {i} {rng.choice(_WORDS).title()}" for i in range(n_entities)]
    ids = [f"{ENTITY_CLASSES[i % 4].lower()}/entity-{i}" for i in range(n_entities)]
    paragraphs: dict[str, list[str]] = {}
    for a in range(n_articles):
        paragraphs[f"doc-{a}"] = [" ".join(_sentence(rng, []) for _ in range(3)) for _ in range(7)]
    graph.graph["documents"] = {
        doc: {"identifier": f"{i}.txt", "title": f"Article {i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        for i, doc in enumerate(paragraphs)
    }
    for i, node in enumerate(ids):
        graph.add_node(
            node,
            cls=ENTITY_CLASSES[i % 4],
            label=labels[i],
            aliases=(),
            mentions=1,
            documents=(f"doc-{i % n_articles}",),
        )
    hubs = ids[:10]
    for f in range(n_facts):
        subject = rng.choice(ids)
        obj = rng.choice(hubs) if rng.random() < 0.5 else rng.choice(ids)
        hubs.append(obj)
        doc = f"doc-{rng.randrange(n_articles)}"
        sentence = _sentence(rng, [graph.nodes[subject]["label"], graph.nodes[obj]["label"]])
        paragraphs[doc][rng.randrange(len(paragraphs[doc]))] += " " + sentence
        predicate = PREDICATES[f % len(PREDICATES)]
        graph.add_edge(
            subject, obj, key=f"{predicate}|{f}", predicate=predicate, role=None, status=None, verb=None,
            confidence=0.7, evidence=(Evidence(doc, sentence, 0.7, "synthetic"),), documents=(doc,),
        )  # fmt: skip
    for doc, texts in paragraphs.items():
        graph.graph["documents"][doc]["paragraphs"] = tuple(texts)
    return graph


def _text_megabytes(path: Path) -> float:
    page = path.read_text(encoding="utf-8")
    start = page.index('id="kg-data">') + len('id="kg-data">')
    data = json.loads(page[start : page.index("</script>", start)])
    return len(json.dumps([d["paragraphs"] for d in data["documents"]], ensure_ascii=True)) / 1e6


def measure(browser: object, path: Path, repeat: int, write_seconds: float | None = None) -> Row:
    readies, shown, problems = [], 0, []
    for _ in range(repeat):
        tab, log = open_offline(browser, path, DESKTOP)  # type: ignore[arg-type]
        wait_until_ready(tab, timeout_ms=300_000)
        readies.append(tab.evaluate("performance.getEntriesByName('kg:ready')[0].startTime") / 1000)
        shown = tab.evaluate("window.kgNetwork.body.data.nodes.length")
        problems += log.problems()
        tab.context.close()
    return Row(
        str(path),
        path.stat().st_size / 1e6,
        _text_megabytes(path),
        write_seconds,
        statistics.median(readies),
        shown,
        "; ".join(sorted(set(problems))) or "none",
    )


def _write(graph: nx.MultiDiGraph, path: Path, text_budget: int = ARTICLE_TEXT_BUDGET) -> float:
    started = time.perf_counter()
    path.write_text(to_html(graph, text_budget), encoding="utf-8")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="graph.html files (default: output/graph.html)")
    parser.add_argument("--synthetic", action="store_true", help="also the 20,000-entity and 10,000-article archives")
    parser.add_argument("--repeat", type=int, default=3, help="openings per page; the median is reported")
    args = parser.parse_args(argv)
    pages = args.pages or ([] if args.synthetic else [Path("output/graph.html")])
    rows: list[Row] = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = launch_chromium(playwright)
        rows += [measure(browser, page, args.repeat) for page in pages]
        if args.synthetic:
            big = synthetic_archive(n_articles=4000, n_entities=20_000, n_facts=30_000)
            seconds = _write(big, Path(tmp) / "20000-entities.html")
            rows.append(measure(browser, Path(tmp) / "20000-entities.html", args.repeat, seconds))
            archive = synthetic_archive(n_articles=10_000, n_entities=12_000, n_facts=12_000, seed=1)
            seconds = _write(archive, Path(tmp) / "10000-articles.html")
            rows.append(measure(browser, Path(tmp) / "10000-articles.html", args.repeat, seconds))
            # the same archive with every article whole: the size the budget saves
            seconds = _write(archive, Path(tmp) / "10000-articles-whole.html", text_budget=10**12)
            rows.append(measure(browser, Path(tmp) / "10000-articles-whole.html", args.repeat, seconds))
            texts = sum(len(p) for d in archive.graph["documents"].values() for p in d["paragraphs"])
            budget = ARTICLE_TEXT_BUDGET / 1e6
            print(f"10,000 articles: {texts / 1e6:.1f} M characters of text (budget {budget:.0f} M)")
        browser.close()
    print("| page | MB | of which article text, MB | seconds to write | seconds to ready | entities shown | problems |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        write = f"{row.write_seconds:.1f}" if row.write_seconds is not None else ""
        print(
            f"| {Path(row.page).name} | {row.megabytes:.1f} | {row.text_megabytes:.1f} | {write} | "
            f"{row.ready_seconds:.2f} | {row.shown} | {row.problems} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
