"""Draw and score the judged sample of dated statements, linked places and date expressions.

    .venv/bin/python scripts/judge_time_places.py draw      # build, draw, keep verdicts given
    .venv/bin/python scripts/judge_time_places.py report [--markdown]

`draw` builds bbc-politics (without the reserved articles) and wikinews-sources with
`kg build`, as a user would (about 5 minutes; `--bbc DIR --wikinews DIR` reuse finished
builds), and draws with a fixed seed: 50 dated statements (half with a time read from the
sentence, as many as there are, the rest with the reported date only), 50 linked places, and
50 time expressions that kg/dates.py resolved in sentences of the two sets (spaCy DATE
entities). Each item is written to docs/judged/time-and-places.jsonl with what a judge needs:
the sentence, the page's top lines, the gazetteer entry and sentences naming the place. An
item already judged keeps its verdict ("right" or "wrong") and why; new items get
"verdict": null, for a person to fill in by reading them. `report` gives the figures:
dates right (target >= 95%), place identifiers right (>= 98%), expressions right.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
JUDGED = ROOT / "docs" / "judged" / "time-and-places.jsonl"
# kept for outside evaluation: never judged, tuned or sampled (see the developers' brief)
RESERVED = frozenset(f"{n:03d}.txt" for n in (21, 104, 117, 120, 178, 193, 194, 297, 287, 356))
SEED = 13
N_STATEMENTS, N_PLACES, N_EXPRESSIONS = 50, 50, 50
TARGETS = {"statement": 0.95, "place": 0.98}

PREFIXES = """PREFIX kgo: <https://example.org/kg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""
STATEMENTS = (
    PREFIXES
    + """
SELECT ?statement ?file ?subject ?predicate ?object ?role ?status ?reported ?point ?start ?end ?evidence WHERE {
  ?statement a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc ;
    kgo:evidence ?evidence .
  ?doc dcterms:identifier ?file . ?s rdfs:label ?subject . ?o rdfs:label ?object .
  OPTIONAL { ?statement kgo:role ?role } OPTIONAL { ?statement kgo:status ?status }
  OPTIONAL { ?statement kgo:reportedDate ?reported } OPTIONAL { ?statement kgo:pointInTime ?point }
  OPTIONAL { ?statement kgo:startTime ?start } OPTIONAL { ?statement kgo:endTime ?end }
  FILTER (BOUND(?reported) || BOUND(?point) || BOUND(?start) || BOUND(?end))
  BIND (REPLACE(STR(?p), "^.*#", "") AS ?predicate)
} ORDER BY ?statement ?evidence"""
)
PLACES = (
    PREFIXES
    + """
SELECT ?place ?label ?country_code ?alpha3 ?region_code ?in_country ?geonames ?admin1 ?lat ?long
       (GROUP_CONCAT(DISTINCT ?file; separator="|") AS ?files) WHERE {
  ?place a kgo:Place ; rdfs:label ?label ; kgo:mentionedIn ?doc . ?doc dcterms:identifier ?file .
  OPTIONAL { ?place kgo:countryCode ?country_code } OPTIONAL { ?place kgo:countryCodeAlpha3 ?alpha3 }
  OPTIONAL { ?place kgo:regionCode ?region_code } OPTIONAL { ?place kgo:inCountryCode ?in_country }
  OPTIONAL { ?place kgo:geonamesId ?geonames } OPTIONAL { ?place kgo:geonamesAdmin1 ?admin1 }
  OPTIONAL { ?place wgs84:lat ?lat ; wgs84:long ?long }
  FILTER (BOUND(?country_code) || BOUND(?region_code) || BOUND(?in_country) || BOUND(?geonames))
} GROUP BY ?place ?label ?country_code ?alpha3 ?region_code ?in_country ?geonames ?admin1 ?lat ?long
ORDER BY ?place"""
)


def build(corpus: str, out: Path) -> Path:
    folder = DATA / corpus
    files = [str(p) for p in sorted(folder.glob("*.txt")) if not (corpus == "bbc-politics" and p.name in RESERVED)]
    subprocess.run([str(ROOT / ".venv" / "bin" / "kg"), "build", *files, "--out", str(out), "--quiet"], check=True)
    return out


def rows(graph: Path, query: str) -> list[dict[str, str]]:
    store = ox.Store()
    store.bulk_load(path=graph, format=ox.RdfFormat.N_TRIPLES)
    answer = store.query(query)
    names = [v.value for v in answer.variables]  # type: ignore[union-attr]
    return [{n: s[n].value for n in names if s[n] is not None} for s in answer]  # type: ignore[union-attr]


def page_top(text: str, n: int = 6) -> list[str]:
    return [line.strip()[:200] for line in text.split("\n") if line.strip()][:n]


def naming_sentences(text: str, label: str, n: int = 2) -> list[str]:
    found = []
    for match in re.finditer(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text):
        start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        end = min(p for p in (text.find(". ", match.end()), text.find("\n", match.end()), len(text)) if p >= 0)
        found.append(text[start : end + 1].strip()[:300])
        if len(found) == n:
            break
    return found


def draw_statements(graphs: dict[str, Path], rng: random.Random) -> list[dict]:
    population: dict[str, dict] = {}
    for corpus, graph in graphs.items():
        for row in rows(graph, STATEMENTS):
            if corpus == "bbc-politics" and row["file"] in RESERVED:
                continue
            key = f"{corpus}/{row['statement'].rsplit('/', 1)[-1]}"
            population.setdefault(key, {"corpus": corpus, **row})
    timed = sorted(k for k, r in population.items() if any(r.get(t) for t in ("point", "start", "end")))
    reported = sorted(k for k in population if k not in timed)
    chosen = rng.sample(timed, min(len(timed), N_STATEMENTS // 2))
    chosen += rng.sample(reported, min(len(reported), N_STATEMENTS - len(chosen)))
    items = []
    for key in sorted(chosen):
        row = population[key]
        text = (DATA / row["corpus"] / row["file"]).read_text(encoding="utf-8", errors="replace")
        items.append(
            {
                "kind": "statement",
                "id": key,
                "document": f"{row['corpus']}/{row['file']}",
                "fact": [row["subject"], row["predicate"], row["object"], row.get("role"), row.get("status")],
                "dates": {t: row[t] for t in ("reported", "point", "start", "end") if row.get(t)},
                "evidence": row["evidence"],
                "page_top": page_top(text) if row.get("reported") else [],
            }
        )
    return items


def draw_places(graphs: dict[str, Path], rng: random.Random) -> list[dict]:
    population: dict[str, dict] = {}
    for corpus, graph in graphs.items():
        for row in rows(graph, PLACES):
            key = f"{corpus}/{row['place'].rsplit('/entity/', 1)[-1]}"
            files = row["files"].split("|")
            row["files"] = sorted(f for f in files if not (corpus == "bbc-politics" and f in RESERVED))
            if row["files"]:
                population[key] = {"corpus": corpus, **row}
    items = []
    for key in sorted(rng.sample(sorted(population), min(len(population), N_PLACES))):
        row = population[key]
        context = []
        for file in row["files"][:3]:
            text = (DATA / row["corpus"] / file).read_text(encoding="utf-8", errors="replace")
            context += [f"{file}: {s}" for s in naming_sentences(text, row["label"], 1)]
        identifiers = {
            name: row[name]
            for name in ("country_code", "alpha3", "region_code", "in_country", "geonames", "admin1", "lat", "long")
            if row.get(name)
        }
        item = {"kind": "place", "id": key, "label": row["label"], "identifiers": identifiers, "context": context}
        items.append(item)
    return items


def draw_expressions(rng: random.Random) -> tuple[list[dict], dict[str, int]]:
    """DATE entities of the two sets' sentences that kg/dates.py resolves, against each article's date."""
    sys.path.insert(0, str(ROOT))
    from kg.dates import resolve_expression
    from kg.ingest import to_document
    from kg.nlp import load_pipeline
    from kg.temporal import date_governor, tense_of

    nlp = load_pipeline()
    resolved: list[dict] = []
    counts: Counter[str] = Counter()
    for corpus in ("bbc-politics", "wikinews-sources"):
        for path in sorted((DATA / corpus).glob("*.txt")):
            if corpus == "bbc-politics" and path.name in RESERVED:
                continue
            document = to_document(path.name, path.read_text(encoding="utf-8", errors="replace"))
            if document is None:
                continue
            for paragraph, doc in enumerate(nlp.pipe(document.paragraphs)):
                for entity in doc.ents:
                    if entity.label_ != "DATE":
                        continue
                    counts["date entities"] += 1
                    _, governor = date_governor(entity)
                    tense = tense_of(governor) if governor is not None else None
                    value = resolve_expression(entity.text, document.date, tense)
                    if value is None:
                        continue
                    counts["resolved"] += 1
                    resolved.append(
                        {
                            "kind": "expression",
                            "id": f"{corpus}/{path.name}/{paragraph}:{entity.start_char}:{entity.text}",
                            "document": f"{corpus}/{path.name}",
                            "expression": entity.text,
                            "reported": document.date,
                            "tense": tense,
                            "resolved": value,
                            "sentence": entity.sent.text.strip()[:400],
                        }
                    )
    return sorted(rng.sample(resolved, min(len(resolved), N_EXPRESSIONS)), key=lambda i: i["id"]), dict(counts)


def read_judged() -> list[dict]:
    if not JUDGED.exists():
        return []
    return [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]


def draw(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as temp:
        graphs = {
            "bbc-politics": (args.bbc or build("bbc-politics", Path(temp) / "bbc")) / "graph.nt",
            "wikinews-sources": (args.wikinews or build("wikinews-sources", Path(temp) / "wikinews")) / "graph.nt",
        }
        rng = random.Random(SEED)
        items = draw_statements(graphs, rng) + draw_places(graphs, rng)
    expressions, counts = draw_expressions(rng)
    items += expressions
    judged = {(i["kind"], i["id"], _judged_as(i)): i for i in read_judged()}
    written = []
    for item in items:
        old = judged.get((item["kind"], item["id"], _judged_as(item)))
        item["verdict"] = old["verdict"] if old else None
        item["why"] = old["why"] if old else ""
        written.append(item)
    JUDGED.parent.mkdir(parents=True, exist_ok=True)
    JUDGED.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in written), encoding="utf-8")
    n_open = sum(1 for i in written if i["verdict"] is None)
    print(f"wrote {JUDGED.relative_to(ROOT)}: {len(written)} items, {n_open} to judge; expressions: {counts}")


def _judged_as(item: dict) -> str:
    """What the verdict is about: a verdict stands only while kg says the same thing."""
    if item["kind"] == "statement":
        return json.dumps(item["dates"], sort_keys=True)
    if item["kind"] == "place":
        return json.dumps(item["identifiers"], sort_keys=True)
    return f"{item['reported']} {item['tense']} {item['resolved']}"


def report(args: argparse.Namespace) -> None:
    items = read_judged()
    lines = []
    kinds = (("statement", "dated statements"), ("place", "linked places"), ("expression", "date expressions"))
    for kind, what in kinds:
        of_kind = [i for i in items if i["kind"] == kind]
        verdicts = Counter(i["verdict"] for i in of_kind)
        judged = verdicts["right"] + verdicts["wrong"]
        share = verdicts["right"] / judged if judged else 0.0
        target = f" (target >= {TARGETS[kind]:.0%})" if kind in TARGETS else ""
        lines.append(f"{what}: {verdicts['right']}/{judged} right, {share:.1%}{target}; {verdicts[None]} not judged")
        if kind == "statement":
            for label, test in (
                ("  with a time read from the sentence", lambda i: set(i["dates"]) - {"reported"}),
                ("  with the reported date only", lambda i: not set(i["dates"]) - {"reported"}),
            ):
                part = [i for i in of_kind if test(i) and i["verdict"]]
                right = sum(1 for i in part if i["verdict"] == "right")
                lines.append(f"{label}: {right}/{len(part)}")
    if args.markdown:
        print("| sample | right |\n| --- | --- |")
        for line in lines:
            name, _, figure = line.partition(": ")
            print(f"| {name.strip()} | {figure} |")
    else:
        print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(required=True)
    drawing = commands.add_parser("draw", help="build the two sets and draw the sample")
    drawing.add_argument("--bbc", type=Path, help="a finished build of bbc-politics (without the reserved articles)")
    drawing.add_argument("--wikinews", type=Path, help="a finished build of wikinews-sources")
    drawing.set_defaults(run=draw)
    reporting = commands.add_parser("report", help="the figures of the judged sample")
    reporting.add_argument("--markdown", action="store_true")
    reporting.set_defaults(run=report)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
