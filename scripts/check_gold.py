"""Check gold annotation files against the article they annotate (tests/gold/GUIDELINES.md).

    python3 scripts/check_gold.py tests/gold/wn-000-2.json [...]   # some files
    python3 scripts/check_gold.py                                   # every file in tests/gold

Needs only the standard library, so annotators can run it anywhere. Exit status 1 when any
file has an error; each error is one line naming the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
DATA = ROOT.parent / "shared" / "data"
CLASSES = {"Person", "Party", "Institution", "Place"}
PREDICATES = {
    "holdsPosition", "leaderOf", "memberOf", "employedBy", "citizenOf", "relativeOf", "successorOf",
    "allyOf", "opponentOf", "locatedIn", "capitalOf", "basedIn", "partOf", "borders", "livesIn",
    "controls", "attacked", "arrested", "freed", "killed", "relatedTo",
}  # fmt: skip
ENTITY_KEYS = ["id", "class", "names", "optional", "implied"]
RELATION_KEYS = [
    "subject", "predicates", "object", "object_alternatives", "role", "status", "evidence", "optional",
]  # fmt: skip
RESERVED = {"021", "104", "117", "120", "178", "193", "194", "297", "287", "356"}


def article_text(source: str) -> str:
    base = ROOT if source.startswith("seeds/") else DATA
    return (base / source).read_text(encoding="utf-8")


def check(path: Path) -> list[str]:
    errors: list[str] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"cannot read: {err}"]
    if list(data) != ["source", "entities", "relations"]:
        errors.append(f"top-level keys must be source, entities, relations in that order, not {list(data)}")
    source = data.get("source", "")
    if source.startswith("bbc-politics/") and source.split("/")[1][:3] in RESERVED:
        return [f"{source} is reserved for outside evaluation: it must not be annotated"]
    try:
        text = article_text(source)
    except OSError as err:
        return [*errors, f"source {source!r} cannot be read: {err}"]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    ids: dict[str, dict] = {}
    for entity in data.get("entities", []):
        eid = entity.get("id")
        keys = list(entity)
        if [k for k in ENTITY_KEYS if k in keys] != keys:
            errors.append(f"entity {eid}: keys {keys}: allowed, in this order: {ENTITY_KEYS}")
        if eid in ids:
            errors.append(f"entity id {eid!r} used twice")
        ids[eid] = entity
        if entity.get("class") not in CLASSES:
            errors.append(f"entity {eid}: class {entity.get('class')!r} is not one of {sorted(CLASSES)}")
        names = entity.get("names") or []
        if not names:
            errors.append(f"entity {eid}: no names")
        if len({n.casefold() for n in names}) != len(names):
            errors.append(f"entity {eid}: a name is listed twice (names differing only in case count once)")
        if not entity.get("implied"):
            for name in names:
                if name not in text:
                    errors.append(f"entity {eid}: name {name!r} does not occur verbatim in {source}")
                if name != name.strip() or name.startswith(("the ", "The ")):
                    errors.append(f"entity {eid}: name {name!r} carries spaces or a leading 'the'")
        elif entity.get("class") != "Place":
            errors.append(f"entity {eid}: only a country (Place) may be implied")
    seen: set[tuple[str, str, str]] = set()
    for n, relation in enumerate(data.get("relations", []), 1):
        where = f"relation {n} ({relation.get('subject')} -> {relation.get('object')})"
        keys = list(relation)
        if [k for k in RELATION_KEYS if k in keys] != keys:
            errors.append(f"{where}: keys {keys}: allowed, in this order: {RELATION_KEYS}")
        for end in ("subject", "object", *[f"alt:{a}" for a in relation.get("object_alternatives", [])]):
            eid = end[4:] if end.startswith("alt:") else relation.get(end)
            if eid not in ids:
                errors.append(f"{where}: {end.removeprefix('alt:')} {eid!r} is no entity id")
        if relation.get("subject") == relation.get("object"):
            errors.append(f"{where}: subject and object are one entity")
        predicates = relation.get("predicates") or []
        if not predicates or any(p not in PREDICATES for p in predicates):
            errors.append(f"{where}: predicates {predicates} must be a non-empty list from {sorted(PREDICATES)}")
        if relation.get("status") not in (None, "former", "acting"):
            errors.append(f"{where}: status {relation.get('status')!r} must be former or acting (or absent)")
        if predicates == ["relatedTo"] and not relation.get("optional"):
            errors.append(f"{where}: a relation that is only relatedTo must be optional")
        evidence = relation.get("evidence", "")
        if not evidence:
            errors.append(f"{where}: no evidence")
        elif not any(evidence in p for p in paragraphs):
            errors.append(f"{where}: evidence {evidence[:60]!r} is not a verbatim substring of one paragraph")
        for predicate in predicates:
            triple = (relation.get("subject"), predicate, relation.get("object"))
            if triple in seen:
                errors.append(f"{where}: ({triple[0]}, {predicate}, {triple[2]}) is listed twice")
            seen.add(triple)
    return errors


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(p for p in GOLD.glob("*.json") if p.name != "corpus.json")
    n_bad = 0
    for path in paths:
        errors = check(path)
        n_bad += bool(errors)
        for error in errors:
            print(f"{path}: {error}")
    print(f"checked {len(paths)} file(s): {len(paths) - n_bad} clean, {n_bad} with errors", file=sys.stderr)
    return 1 if n_bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
