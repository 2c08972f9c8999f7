"""What reading dates costs a build: dateparser's import, its first and later calls, and the
share of extraction spent dating facts, over the BBC politics articles.

    .venv/bin/python scripts/bench_dates.py [--articles N]

Each figure is printed; the README's are from one run on the shared 2-core machine, so read
them as orders of magnitude. Dating runs only for a fact whose sentence has a spaCy DATE
entity, and dateparser only for what the fixed shapes of kg/dates.py do not read.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESERVED = frozenset(f"{n:03d}.txt" for n in (21, 104, 117, 120, 178, 193, 194, 297, 287, 356))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=417, help="how many BBC articles to extract (default: all)")
    args = parser.parse_args()

    from kg import temporal
    from kg.extract import document as extract
    from kg.ingest import to_document
    from kg.knowledge import load_knowledge
    from kg.nlp import load_pipeline

    spent = [0.0, 0]
    dated = temporal.fact_time

    def timed(*a, **k):  # type: ignore[no-untyped-def]
        begun = time.perf_counter()
        try:
            return dated(*a, **k)
        finally:
            spent[0] += time.perf_counter() - begun
            spent[1] += 1

    extract.fact_time = timed  # type: ignore[assignment]
    nlp, knowledge = load_pipeline(), load_knowledge()
    folder = ROOT.parent / "shared" / "data" / "bbc-politics"
    files = [p for p in sorted(folder.glob("*.txt")) if p.name not in RESERVED][: args.articles]
    documents = [d for p in files if (d := to_document(p.name, p.read_text(encoding="utf-8")))]
    parsed = [list(nlp.pipe(d.paragraphs)) for d in documents]
    started = time.perf_counter()
    for document, docs in zip(documents, parsed, strict=True):
        extract.extract_document(document, docs, knowledge)
    total = time.perf_counter() - started
    print(
        f"extraction of {len(documents)} articles (parse excluded): {total:.2f} s, of which dating "
        f"{spent[1]} facts: {spent[0]:.3f} s ({spent[0] / total:.1%})"
    )
    print(f"dateparser loaded by that extraction: {'dateparser' in sys.modules}")

    started = time.perf_counter()
    import dateparser.date  # noqa: F401  the import kg.dates does on first use

    print(f"dateparser import: {time.perf_counter() - started:.3f} s")
    from kg import dates

    started = time.perf_counter()
    dates.resolve_expression("Oct. 29", "2004-11-13", "past")
    print(f"first dateparser call (loads its English data): {time.perf_counter() - started:.3f} s")
    phrases = ["Dec. 30, 2004", "last month", "four years ago", "17 November 2004", "Jan. 9", "March 2003"]
    started = time.perf_counter()
    for i, phrase in enumerate(phrases * 50):
        dates.resolve_expression(phrase, f"2004-11-{1 + i % 28:02d}", None)  # new bases: few cache hits
    per_call = (time.perf_counter() - started) / (len(phrases) * 50)
    print(f"later calls, uncached: {per_call * 1000:.2f} ms each")


if __name__ == "__main__":
    main()
