"""CoNLL-2003 entity typing (PER, ORG, LOC), scored on the graph kg wrote. Pure but for `read_conll2003`.

kg writes entities with their names, not token spans, so the score is over names per document:
- gold: the set of (entity string, type) in a document, MISC left out;
- system: for each entity mentioned in the document, each of its names (label, altLabels)
  that occurs in the document's text as whole words (as written, or in capitals), and not
  only inside a longer system name that occurs there, with its class mapped Person -> PER, Institution and Party -> ORG,
  Place -> LOC. Names that are a gold MISC string of the document are left out.
Strings compare after `core.normalize_name` (case, spacing, edge punctuation). Reported:
typed P/R/F1 (string and type right), untyped P/R/F1 (string right), per-type P/R/F1, and
type accuracy over the gold strings found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate.core import Score, detokenize, normalize_name, total
from kg.evaluate.rdf_reader import EntityRecord, GraphRecords

TYPES: tuple[str, ...] = ("PER", "ORG", "LOC")
CLASS_TYPES = {"Person": "PER", "Institution": "ORG", "Party": "ORG", "Place": "LOC"}


@dataclass(frozen=True)
class Conll2003Document:
    identifier: str  # the file name kg reads it from, e.g. "test-007.txt"
    text: str  # one sentence per line
    entities: tuple[tuple[str, str], ...]  # (string as in the text, PER|ORG|LOC|MISC), in text order


@dataclass(frozen=True)
class Conll2003Report:
    n_documents: int
    typed: Score
    untyped: Score
    by_type: dict[str, Score]
    n_type_right: int
    n_type_compared: int
    confusions: dict[tuple[str, str], int]  # (gold type, system type) -> count, where they differ
    missed: dict[str, int]  # gold "string|TYPE" never found, with the number of documents
    spurious: dict[str, int]  # system "string|TYPE" not in gold, with the number of documents

    @property
    def type_accuracy(self) -> float:
        return self.n_type_right / self.n_type_compared if self.n_type_compared else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "n_documents": self.n_documents,
            "typed": self.typed.as_dict(),
            "untyped": self.untyped.as_dict(),
            "type_accuracy": round(self.type_accuracy, 4),
            "by_type": {t: s.as_dict() for t, s in self.by_type.items()},
            "confusions": {f"{g}->{s}": n for (g, s), n in sorted(self.confusions.items())},
        }


def to_documents(lines: Iterable[str], split: str) -> list[Conll2003Document]:
    """CoNLL-2003 column lines (WORD POS CHUNK NER, IOB2, -DOCSTART- between documents) -> documents."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []

    def end_sentence() -> None:
        if sentence and documents:
            documents[-1].append(list(sentence))
        sentence.clear()

    for line in lines:
        fields = line.split()
        if not fields:
            end_sentence()
        elif fields[0] == "-DOCSTART-":
            end_sentence()
            documents.append([])
        else:
            sentence.append((fields[0], fields[-1]))
    end_sentence()
    return [_to_document(f"{split}-{i:03d}.txt", sentences) for i, sentences in enumerate(documents) if sentences]


def _to_document(identifier: str, sentences: list[list[tuple[str, str]]]) -> Conll2003Document:
    lines, entities = [], []
    for sentence in sentences:
        text, spans = detokenize([token for token, _ in sentence])
        start: int | None = None
        kind = ""
        for i, (_, tag) in enumerate([*sentence, ("", "O")]):
            if start is not None and not (tag.startswith("I-") and tag[2:] == kind):
                entities.append((text[spans[start][0] : spans[i - 1][1]], kind))
                start = None
            if tag.startswith("B-") or (tag.startswith("I-") and start is None):
                start, kind = i, tag[2:]
        lines.append(text)
    return Conll2003Document(identifier, "\n".join(lines) + "\n", tuple(entities))


def read_conll2003(path: Path) -> list[Conll2003Document]:
    with path.open(encoding="utf-8") as lines:
        return to_documents(lines, path.stem)


def names_in_text(text: str, names: Iterable[str]) -> set[str]:
    """The names that occur in the text as whole words outside every longer name's occurrence.

    An occurrence is the name as written, or the name in capitals ("MADRID" in a dateline or
    headline, where kg's label is "Madrid"); "us" does not count as "US".
    """
    covered: list[tuple[int, int]] = []
    present: set[str] = set()
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(text):
            if match.group() != name and not match.group().isupper():
                continue
            span = match.span()
            if not any(start <= span[0] and span[1] <= end for start, end in covered):
                present.add(name)
                covered.append(span)
    return present


def system_names(text: str, entities: Sequence[EntityRecord]) -> set[tuple[str, str]]:
    """(normalised name, type) for the entities' names that occur in the text."""
    types: dict[str, set[str]] = {}
    for entity in entities:
        for name in entity.names:
            types.setdefault(name, set()).add(CLASS_TYPES[entity.cls])
    return {(normalize_name(name), kind) for name in names_in_text(text, types) for kind in types[name]}


def score_conll2003(documents: Sequence[Conll2003Document], records: GraphRecords) -> Conll2003Report:
    typed_scores, untyped_scores = [], []
    per_type: dict[str, list[Score]] = {t: [] for t in TYPES}
    n_type_right = n_type_compared = 0
    confusions: dict[tuple[str, str], int] = {}
    missed: dict[str, int] = {}
    spurious: dict[str, int] = {}
    for document in documents:
        misc = {normalize_name(s) for s, kind in document.entities if kind == "MISC"}
        gold = {(normalize_name(s), kind) for s, kind in document.entities if kind in TYPES}
        system = {
            (n, t) for n, t in system_names(document.text, records.entities_in(document.identifier)) if n not in misc
        }
        typed_scores.append(_score(system, gold))
        untyped_scores.append(_score({n for n, _ in system}, {n for n, _ in gold}))
        for kind in TYPES:
            per_type[kind].append(_score({s for s in system if s[1] == kind}, {g for g in gold if g[1] == kind}))
        system_types: dict[str, set[str]] = {}
        for name, kind in system:
            system_types.setdefault(name, set()).add(kind)
        for name, kind in gold:
            if name in system_types:
                n_type_compared += 1
                n_type_right += kind in system_types[name]
                for other in system_types[name] - {kind}:
                    confusions[(kind, other)] = confusions.get((kind, other), 0) + 1
            key = f"{name}|{kind}"
            if (name, kind) not in system:
                missed[key] = missed.get(key, 0) + 1
        for name, kind in system - gold:
            key = f"{name}|{kind}"
            spurious[key] = spurious.get(key, 0) + 1
    return Conll2003Report(
        n_documents=len(documents),
        typed=total(typed_scores),
        untyped=total(untyped_scores),
        by_type={t: total(s) for t, s in per_type.items()},
        n_type_right=n_type_right,
        n_type_compared=n_type_compared,
        confusions=confusions,
        missed=missed,
        spurious=spurious,
    )


def _score(system: set, gold: set) -> Score:
    right = len(system & gold)
    return Score(right, len(system), right, len(gold))
