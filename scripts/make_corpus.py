"""Choose the articles of the annotated news corpus and split them by article: train, dev, test.

Run once, then annotate (tests/gold/GUIDELINES.md); the split is kept in tests/gold/corpus.json
and never changes once annotation starts. Re-running writes the same file byte for byte.

    .venv/bin/python scripts/make_corpus.py [--data ../shared/data]

- wikinews-sources: every file. Several files are sources of one Wikinews item (the prefix
  before the dash) and tell one story, so an item's files go to one split together.
- news-misc: the four Wikinews texts.
- bbc-politics: the 14 articles annotated before this corpus (the rules were written from
  them: train), and 72 more drawn with a fixed seed from the articles that are neither reserved
  for outside evaluation nor in one of the dataset's duplicate pairs.
- test: at least 45 articles, more than half from wikinews-sources; dev about 40; the rest train.
  Test is scored for the release table only: never tune a rule, feature or threshold on it.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "gold" / "corpus.json"
SEED = 20261201

# Kept for outside evaluation: never annotated, trained on, tuned on or read for rules.
RESERVED_BBC = frozenset({"021", "104", "117", "120", "178", "193", "194", "297", "287", "356"})
# bbc-politics/README.TXT lists them: identical texts under two numbers.
DUPLICATE_PAIRS = (
    ("005", "359"), ("007", "351"), ("021", "356"), ("059", "298"), ("069", "311"), ("083", "285"),
    ("107", "342"), ("108", "291"), ("117", "287"), ("123", "310"), ("141", "300"), ("217", "321"),
    ("218", "253"), ("223", "341"),
)  # fmt: skip
EARLIER_BBC = ("011", "015", "037", "074", "119", "139", "144", "150", "183", "209", "281", "307", "400", "407")
N_NEW_BBC = 72
N_TEST_BBC, N_DEV_BBC = 20, 16
N_TEST_WIKINEWS, N_DEV_WIKINEWS = 26, 22


def gold_name(source: str) -> str:
    """bbc-politics/011.txt -> bbc-011; wikinews-sources/000-2.txt -> wn-000-2; news-misc/x.txt -> misc-x."""
    folder, file = source.split("/")
    stem = file.rsplit(".", 1)[0]
    prefix = {"bbc-politics": "bbc", "wikinews-sources": "wn", "news-misc": "misc"}[folder]
    return f"{prefix}-{stem}"


def split_items(items: dict[str, list[str]], rng: random.Random, n_test: int, n_dev: int) -> dict[str, str]:
    """file -> split, whole items at a time, in a seeded order, test filled first."""
    order = sorted(items)
    rng.shuffle(order)
    splits: dict[str, str] = {}
    n = {"test": 0, "dev": 0}
    for item in order:
        split = "test" if n["test"] < n_test else "dev" if n["dev"] < n_dev else "train"
        for file in items[item]:
            splits[file] = split
        if split in n:
            n[split] += len(items[item])
    return splits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    rng = random.Random(SEED)

    wikinews: dict[str, list[str]] = {}
    for path in sorted((args.data / "wikinews-sources").glob("*.txt")):
        wikinews.setdefault(path.stem.split("-")[0], []).append(f"wikinews-sources/{path.name}")
    splits = split_items(wikinews, rng, N_TEST_WIKINEWS, N_DEV_WIKINEWS)

    misc = sorted(f"news-misc/{p.name}" for p in (args.data / "news-misc").glob("wikinews-*.txt"))
    for source, split in zip(misc, ("test", "dev", "train", "train"), strict=True):
        splits[source] = split

    paired = {n for pair in DUPLICATE_PAIRS for n in pair}
    pool = sorted(
        p.stem
        for p in (args.data / "bbc-politics").glob("*.txt")
        if p.stem not in RESERVED_BBC | paired and p.stem not in EARLIER_BBC
    )
    drawn = rng.sample(pool, N_NEW_BBC)
    for i, number in enumerate(drawn):
        split = "test" if i < N_TEST_BBC else "dev" if i < N_TEST_BBC + N_DEV_BBC else "train"
        splits[f"bbc-politics/{number}.txt"] = split
    for number in EARLIER_BBC:
        splits[f"bbc-politics/{number}.txt"] = "train"

    assert not {s for s in splits if s.startswith("bbc-politics/") and s.split("/")[1][:3] in RESERVED_BBC}
    articles = [{"name": gold_name(s), "source": s, "split": splits[s]} for s in sorted(splits)]
    OUT.write_text(json.dumps({"seed": SEED, "articles": articles}, indent=2) + "\n", encoding="utf-8")
    counts = {split: sum(a["split"] == split for a in articles) for split in ("train", "dev", "test")}
    n_test_wn = sum(a["split"] == "test" and a["source"].startswith("wikinews") for a in articles)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(articles)} articles {counts}; test from wikinews-sources: {n_test_wn}")


if __name__ == "__main__":
    main()
