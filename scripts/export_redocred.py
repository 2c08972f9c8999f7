"""Export Re-DocRED as training data for kg's relation model: one JSON document per line.

Run:
    .venv/bin/python scripts/export_redocred.py --split dev --out redocred-dev.jsonl

Each line holds one document: its text as `scripts/evaluate.py` gives it to `kg build`, its
PER, ORG and LOC entities (vertexSet index, Re-DocRED type, kg class, every mention as
character offsets into the text) and its gold labels mapped to kg's predicates (subject and
object indices, the Wikidata relations, evidence sentences and their character spans). The
fields and the mapping are described in kg/evaluate/redocred.py. The same input gives the same
bytes; the file is replaced only when it is completely written.

Only dev is for training: Re-DocRED test is kept for evaluation, and `--split test` is refused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KgError
from kg.evaluate.redocred import gold_facts, read_redocred, to_training_jsonl
from kg.output import write_files

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--split", required=True, choices=("dev", "test"), help="dev (test is refused: it is for evaluation only)"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the JSON Lines file to write")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="only the first N documents (default: all)")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"the shared data sets (default: {DEFAULT_DATA})"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        documents = read_redocred(args.data / "redocred" / f"{args.split}_revised.json")[: args.limit or None]
        text = to_training_jsonl(documents)  # refuses test documents before anything is written
        write_files(args.out.parent, {args.out.name: text})
    except KgError as err:
        print(f"export_redocred: error: {err}", file=sys.stderr)
        return 1
    n_facts = sum(len(gold_facts(d)) for d in documents)
    print(f"wrote {args.out}: {len(documents)} documents, {n_facts} gold labels mapped to kg predicates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
