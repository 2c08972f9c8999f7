"""Inter-annotator agreement: tests/gold/agreement/NAME.json (a second, independent annotation)
against tests/gold/NAME.json. Scoring rules: kg/evaluate/agreement.py.

    .venv/bin/python scripts/agreement.py [--markdown]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.evaluate.agreement import Agreement, compare, overall
from kg.evaluate.news import read_gold

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def row(agreement: Agreement) -> str:
    e, r = agreement.entities, agreement.relations
    return (
        f"| {agreement.name} | {e.n_gold} / {e.n_system} | {e.f1:.3f} | {agreement.class_agreement:.3f} "
        f"| {r.n_gold} / {r.n_system} | {r.f1:.3f} ({r.precision:.3f} / {r.recall:.3f}) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="a Markdown table (the default is the same table)")
    parser.parse_args()
    agreements = [compare(read_gold(GOLD / p.name), read_gold(p)) for p in sorted((GOLD / "agreement").glob("*.json"))]
    print("| article | entities A / B | entity F1 | class agreement | relations A / B | relation F1 (B vs A: P / R) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for agreement in [*agreements, overall(agreements)]:
        print(row(agreement))


if __name__ == "__main__":
    main()
