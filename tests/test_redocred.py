"""kg.evaluate.redocred: detokenisation, the mapping to Wikidata relations, scoring and the
training export, on a small document made up here (figures worked out by hand); then the real
dev file and the scripts (skipped when ../shared/data is absent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_data

from kg.errors import InputError
from kg.evaluate import redocred
from kg.evaluate.core import Score
from kg.evaluate.rdf_reader import EntityRecord, FactRecord, index_records
from kg.model import PREDICATES

ROOT = Path(__file__).resolve().parent.parent
E = "https://example.org/kg/entity/"

# A Re-DocRED record as the data set has it: tokens in sentences, entities as mention lists
# (vertexSet), labels between entity indices with Wikidata relation ids.
DOCUMENT = json.loads(
    r"""
{
  "title": "Anna Berg",
  "sents": [
    ["Anna", "Berg", "is", "a", "Norwegian", "singer", "-", "songwriter", "from", "Bergen", ",", "Norway", "."],
    ["She", "is", "a", "member", "of", "the", "Labour", "Party", "and", "married", "Ole", "Berg", "."],
    ["In", "2001", "she", "moved", "to", "Oslo", "\u00a0", "city", "."],
    ["Her", "father", "is", "Per", "Berg", "."]
  ],
  "vertexSet": [
    [{"name": "Anna Berg", "pos": [0, 2], "sent_id": 0, "type": "PER"}],
    [{"name": "Norwegian", "pos": [4, 5], "sent_id": 0, "type": "LOC"},
     {"name": "Norway", "pos": [11, 12], "sent_id": 0, "type": "LOC"}],
    [{"name": "Bergen", "pos": [9, 10], "sent_id": 0, "type": "LOC"}],
    [{"name": "Labour Party", "pos": [6, 8], "sent_id": 1, "type": "ORG"}],
    [{"name": "Ole Berg", "pos": [10, 12], "sent_id": 1, "type": "PER"}],
    [{"name": "2001", "pos": [1, 2], "sent_id": 2, "type": "TIME"}],
    [{"name": "Oslo", "pos": [5, 6], "sent_id": 2, "type": "LOC"}],
    [{"name": "Per Berg", "pos": [3, 5], "sent_id": 3, "type": "PER"}]
  ],
  "labels": [
    {"r": "P27", "h": 0, "t": 1, "evidence": [0]},
    {"r": "P19", "h": 0, "t": 2, "evidence": [0]},
    {"r": "P17", "h": 2, "t": 1, "evidence": [0]},
    {"r": "P131", "h": 2, "t": 1, "evidence": [0]},
    {"r": "P102", "h": 0, "t": 3, "evidence": [1]},
    {"r": "P26", "h": 4, "t": 0, "evidence": [1]},
    {"r": "P551", "h": 0, "t": 6, "evidence": [2]},
    {"r": "P22", "h": 0, "t": 7, "evidence": [3, 0]},
    {"r": "P585", "h": 0, "t": 5, "evidence": [2]},
    {"r": "P463", "h": 1, "t": 3, "evidence": [1]}
  ]
}
"""
)
TEXT = (
    "Anna Berg is a Norwegian singer-songwriter from Bergen, Norway. She is a member of the Labour Party "
    "and married Ole Berg. In 2001 she moved to Oslo city. Her father is Per Berg."
)
DOC_ID = "dev-0000.txt"


def document(split: str = "dev") -> redocred.RedocredDocument:
    return redocred.to_documents([DOCUMENT], split)[0]


def entity(slug: str, cls: str, *names: str) -> EntityRecord:
    return EntityRecord(E + slug, cls, names[0], names, (DOC_ID,))


def fact(subject: EntityRecord, predicate: str, obj: EntityRecord, confidence: float = 0.9) -> FactRecord:
    return FactRecord(subject.iri, predicate, obj.iri, DOC_ID, confidence)


ANNA = entity("person/anna-berg", "Person", "Anna Berg", "Berg")
NORWAY = entity("place/norway", "Place", "Norway")
BERGEN = entity("place/bergen", "Place", "Bergen")
LABOUR = entity("party/labour-party", "Party", "Labour Party")
OLE = entity("person/ole-berg", "Person", "Ole Berg")
OSLO = entity("place/oslo", "Place", "Oslo")
MINISTRY = entity("institution/interior-ministry-norway", "Institution", "interior ministry (Norway)")


# --- documents ---------------------------------------------------------------------------------


def test_document_is_one_paragraph_of_detokenised_sentences():
    doc = document()
    assert doc.identifier == DOC_ID and doc.split == "dev" and doc.title == "Anna Berg"
    assert doc.text == TEXT
    assert [doc.text[start:end] for start, end in doc.sentences] == [
        "Anna Berg is a Norwegian singer-songwriter from Bergen, Norway.",
        "She is a member of the Labour Party and married Ole Berg.",
        "In 2001 she moved to Oslo city.",
        "Her father is Per Berg.",
    ]


def test_every_mention_offset_points_at_its_name():
    doc = document()
    mentions = [m for e in doc.entities for m in e.mentions]
    assert len(mentions) == 9
    for m in mentions:
        assert doc.text[m.start : m.end] == m.text == m.name
        start, end = doc.sentences[m.sentence]
        assert start <= m.start < m.end <= end


@pytest.mark.parametrize(
    ("sentences", "text", "token_texts"),
    [
        # Re-DocRED splits hyphenated words; the hyphen is joined back to both neighbours
        ([["singer", "-", "songwriter"]], "singer-songwriter", ["singer", "-", "songwriter"]),
        # but not across sentences, nor where a neighbour is no word
        ([["a", "-"], ["b"]], "a - b", ["a", "-", "b"]),
        ([["(", "-", ")"]], "(-)", ["(", "-", ")"]),
        # an en dash between years is a separator, spaced as written
        ([["1990", "–", "1995"]], "1990 – 1995", ["1990", "–", "1995"]),
        # a no-break-space token adds nothing; its span is empty
        ([["Oslo", "\u00a0", "city"]], "Oslo city", ["Oslo", "", "city"]),
        # a token detokenize rewrites keeps one span
        ([["``", "Hi", "''"]], '"Hi"', ['"', "Hi", '"']),
    ],
)
def test_detokenize_document(sentences, text, token_texts):
    result, spans = redocred.detokenize_document(sentences)
    assert result == text
    assert [result[start:end] for start, end in spans] == token_texts


# --- the mapping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relation", "head", "tail", "expected"),
    [
        ("P6", "LOC", "PER", ("leaderOf", True)),  # head of government: the person leads the state
        ("P488", "ORG", "PER", ("leaderOf", True)),
        ("P102", "PER", "ORG", ("memberOf", False)),
        ("P361", "PER", "ORG", ("memberOf", False)),  # DocRED's band members
        ("P527", "ORG", "PER", ("memberOf", True)),
        ("P108", "PER", "ORG", ("employedBy", False)),
        ("P27", "PER", "LOC", ("citizenOf", False)),
        ("P17", "LOC", "LOC", ("locatedIn", False)),
        ("P17", "ORG", "LOC", ("basedIn", False)),  # the same relation, another predicate by type
        ("P150", "LOC", "LOC", ("locatedIn", True)),
        ("P36", "LOC", "LOC", ("capitalOf", True)),
        ("P194", "LOC", "ORG", ("basedIn", True)),
        ("P355", "ORG", "ORG", ("partOf", True)),
        ("P1366", "PER", "PER", ("successorOf", True)),
        ("P19", "PER", "LOC", ("livesIn", False)),
        ("P127", "ORG", "PER", ("controls", True)),
        ("P17", "MISC", "LOC", None),  # a film's or an event's country: kg has no class for it
        ("P463", "LOC", "ORG", None),  # a country as a member: kg's memberOf is for people
        ("P20", "PER", "LOC", None),  # place of death is not residence
        ("P39", "PER", "MISC", None),  # position held: its object is the office
        ("P585", "PER", "TIME", None),
    ],
)
def test_mapping_for(relation, head, tail, expected):
    mapping = redocred.mapping_for(relation, head, tail)
    assert (None if mapping is None else (mapping.predicate, mapping.is_inverse)) == expected


def test_mapping_table_is_the_docstrings_and_each_label_has_one_predicate():
    assert len(redocred.RELATION_MAP) == 41
    cells = [(m.relation, h, t) for m in redocred.RELATION_MAP for h in m.heads for t in m.tails]
    assert len(cells) == len(set(cells))
    new_predicates = {"leaderOf", "employedBy", "citizenOf"}  # issue 9; not in kg/model.py yet
    assert set(redocred.MAPPED_PREDICATES) <= set(PREDICATES) | new_predicates
    for unmapped in ("holdsPosition", "allyOf", "opponentOf", "attacked", "arrested", "freed", "killed", "relatedTo"):
        assert unmapped not in redocred.MAPPED_PREDICATES
    with pytest.raises(ValueError, match="malformed row"):
        redocred._parse_table("    P131    located in    LOC -> LOC    head locatedIn")


def test_gold_facts_are_the_labels_that_map_in_kgs_direction():
    got = {(g.label.relation, g.subject, g.predicate, g.object) for g in redocred.gold_facts(document())}
    assert got == {
        ("P27", 0, "citizenOf", 1),
        ("P19", 0, "livesIn", 2),
        ("P17", 2, "locatedIn", 1),
        ("P131", 2, "locatedIn", 1),
        ("P102", 0, "memberOf", 3),
        ("P26", 4, "relativeOf", 0),
        ("P551", 0, "livesIn", 6),
        ("P22", 0, "relativeOf", 7),
    }  # not P585 (a date) nor P463 (a country as a member)


def test_a_demonym_stands_for_its_country():
    assert "Barbados" in redocred.country_names(["Barbadian"])
    norway = document().entities[1]
    assert {"norwegian", "norway"} <= norway.keys
    assert redocred.answers_to(entity("place/norway", "Place", "Kingdom of Norway", "Norway"), [norway]) == {1}


# --- scoring -----------------------------------------------------------------------------------


def test_score_right_wrong_unjudged_unscored_and_missed():
    records = index_records(
        [ANNA, NORWAY, BERGEN, LABOUR, OLE, OSLO, MINISTRY],
        [
            fact(ANNA, "livesIn", BERGEN),  # right: P19
            fact(BERGEN, "locatedIn", NORWAY),  # right: P17 and P131
            fact(BERGEN, "locatedIn", NORWAY, 0.5),  # the same fact again: counted once
            fact(ANNA, "relativeOf", OLE),  # right: P26 Ole -> Anna, symmetric
            fact(ANNA, "memberOf", NORWAY),  # wrong: Re-DocRED has P27 between them
            fact(OSLO, "locatedIn", NORWAY),  # wrong: no label between them
            fact(MINISTRY, "basedIn", NORWAY),  # not judged: the ministry is no Re-DocRED entity
            fact(ANNA, "holdsPosition", LABOUR),  # not scored: holdsPosition maps to no relation
        ],
    )
    report = redocred.score_redocred([document()], records, "dev")
    assert report.micro == Score(tp_system=3, n_system=5, tp_gold=4, n_gold=8)
    assert (report.micro.precision, report.micro.recall) == (0.6, 0.5)
    assert report.strict == Score(3, 6, 4, 8)
    assert report.n_unjudged == 1 and report.unscored == {"holdsPosition": 1}
    # a right fact counts for the first relation of the table it found (P131 before P17);
    # a wrong one for its predicate's first relation that fits the ends' types
    assert report.by_relation["P131"] == Score(1, 2, 1, 1)
    assert report.by_relation["P17"] == Score(0, 0, 1, 1)
    assert report.by_relation["P102"] == Score(0, 1, 0, 1)
    assert report.by_relation["P26"] == Score(1, 1, 1, 1)
    assert report.by_relation["P6"] == Score()
    assert report.by_predicate["livesIn"] == Score(1, 1, 1, 2)
    assert report.by_predicate["locatedIn"] == Score(1, 2, 2, 2)
    assert report.by_predicate["citizenOf"] == Score(0, 0, 0, 1)
    assert {(m.relation, m.why) for m in report.missed} == {
        ("P27", "pair found as memberOf"),
        ("P102", "pair found as holdsPosition"),
        ("P551", "entities found, no fact between them"),
        ("P22", "object entity not found"),
    }
    assert redocred.missed_by_reason(report) == {
        "pair found with another predicate": 2,
        "entities found, no fact between them": 1,
        "object entity not found": 1,
    }
    judged = {(w.predicate, w.subject, w.object, w.gold) for w in report.wrong if w.is_judged}
    assert judged == {("memberOf", "Anna Berg", "Norway", ("P27",)), ("locatedIn", "Oslo", "Norway", ())}
    assert [w.subject for w in report.wrong if not w.is_judged] == ["interior ministry (Norway)"]
    assert report.as_dict()["micro"]["tp_gold"] == 4


def test_score_a_fact_the_wrong_way_round_is_wrong_and_says_so():
    records = index_records([NORWAY, BERGEN], [fact(NORWAY, "locatedIn", BERGEN)])
    report = redocred.score_redocred([document()], records)
    assert report.micro.tp_system == 0 and report.micro.n_system == 1
    why = {m.relation: m.why for m in report.missed}
    assert why["P17"] == why["P131"] == "pair found as locatedIn, the wrong way round"
    assert why["P19"] == "subject entity not found"  # Anna is not in this graph
    assert why["P26"] == "neither entity found"


def test_a_gazetteer_fact_counts_beside_the_text_score_only_for_a_document_naming_both_places():
    looked_up = FactRecord(BERGEN.iri, "locatedIn", NORWAY.iri, "kg/data/geo.json", 0.9, rules=("gazetteer",))
    elsewhere = EntityRecord(E + "place/oslo", "Place", "Oslo", ("Oslo",), ("dev-0001.txt",))  # another document's
    beyond = FactRecord(elsewhere.iri, "locatedIn", NORWAY.iri, "kg/data/geo.json", 0.9, rules=("gazetteer",))
    records = index_records([NORWAY, BERGEN, elsewhere], [looked_up, beyond])
    report = redocred.score_redocred([document()], records)
    assert report.micro.tp_gold == 0  # not read in the text
    assert report.with_gazetteer is not None
    assert report.with_gazetteer.tp_gold == 2 and report.with_gazetteer.n_system == 1  # P17 and P131; not Oslo's


def test_score_names_must_match_exactly():
    entities = document().entities
    assert redocred.answers_to(entity("place/bergen-city", "Place", "Bergen City"), entities) == frozenset()
    assert redocred.answers_to(entity("place/bergen", "Place", "bergen."), entities) == {2}  # case, edge punctuation


# --- training export ---------------------------------------------------------------------------


def test_training_record_offsets_classes_and_kg_facts():
    record = redocred.to_training_record(document())
    assert record["id"] == "dev-0000" and record["text"] == TEXT
    entities = {e["index"]: e for e in record["entities"]}
    assert sorted(entities) == [0, 1, 2, 3, 4, 6, 7]  # 5 is a date (TIME): kg has no class for it
    assert {i: e["class"] for i, e in entities.items()}[3] == "Institution"
    assert [e["class"] for e in record["entities"]].count("Person") == 3
    for e in record["entities"]:
        for m in e["mentions"]:
            assert TEXT[m["start"] : m["end"]] == m["text"]
    assert [m["text"] for m in entities[1]["mentions"]] == ["Norwegian", "Norway"]
    relations = [(r["subject"], r["predicate"], r["object"], r["wikidata"]) for r in record["relations"]]
    assert relations == [
        (0, "citizenOf", 1, ["P27"]),
        (0, "livesIn", 2, ["P19"]),
        (0, "livesIn", 6, ["P551"]),
        (0, "memberOf", 3, ["P102"]),
        (0, "relativeOf", 4, ["P26"]),  # Re-DocRED has Ole -> Anna: symmetric, smaller index first
        (0, "relativeOf", 7, ["P22"]),
        (2, "locatedIn", 1, ["P17", "P131"]),  # two labels, one fact
    ]
    father = record["relations"][5]
    assert father["evidence"] == [0, 3]
    assert [TEXT[s:e] for s, e in father["evidence_spans"]] == [
        "Anna Berg is a Norwegian singer-songwriter from Bergen, Norway.",
        "Her father is Per Berg.",
    ]


def test_training_export_is_the_same_bytes_every_time():
    first = redocred.to_training_jsonl([document(), document()])
    assert first == redocred.to_training_jsonl([document(), document()])
    assert [json.loads(line)["id"] for line in first.splitlines()] == ["dev-0000", "dev-0000"]


def test_training_export_refuses_test_documents():
    with pytest.raises(
        InputError, match=r"Re-DocRED test is for evaluation only, never for training \(test-0000.txt\)"
    ):
        redocred.to_training_jsonl([document("test")])


# --- the real data (skipped when ../shared/data is absent) ---------------------------------------


@pytest.mark.parametrize(("split", "n_labels", "n_entities"), [("dev", 17284, 9684), ("test", 17448, 9779)])
def test_reader_keeps_every_document_entity_and_label(split, n_labels, n_entities):
    documents = redocred.read_redocred(shared_data("redocred") / f"{split}_revised.json")
    assert len(documents) == 500
    assert sum(len(d.labels) for d in documents) == n_labels
    assert sum(len(d.entities) for d in documents) == n_entities
    assert all(d.split == split and "\n" not in d.text for d in documents)


def _squeeze(name: str) -> str:
    return re.sub(r"\s", "", name)  # Re-DocRED's names are sometimes spaced as tokens, sometimes not


def test_export_script_offsets_match_the_names_of_the_first_20_dev_documents(tmp_path: Path):
    data = shared_data("redocred").parent
    out = tmp_path / "dev.jsonl"
    command = [sys.executable, str(ROOT / "scripts" / "export_redocred.py"), "--split", "dev", "--limit", "20"]
    completed = subprocess.run([*command, "--out", str(out), "--data", str(data)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    raw = json.loads((data / "redocred" / "dev_revised.json").read_text(encoding="utf-8"))[:20]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20
    for record, source in zip(map(json.loads, lines), raw, strict=True):
        types = [Counter(m["type"] for m in vertex).most_common(1)[0][0] for vertex in source["vertexSet"]]
        kept = [i for i, kind in enumerate(types) if kind in ("PER", "ORG", "LOC")]
        assert [e["index"] for e in record["entities"]] == kept
        for e in record["entities"]:
            texts = [record["text"][m["start"] : m["end"]] for m in e["mentions"]]
            assert texts == [m["text"] for m in e["mentions"]]
            names = [m["name"] for m in source["vertexSet"][e["index"]]]
            assert sorted(map(_squeeze, texts)) == sorted(map(_squeeze, names)), record["id"]


def test_export_script_refuses_the_test_split(tmp_path: Path):
    data = shared_data("redocred").parent
    out = tmp_path / "test.jsonl"
    command = [sys.executable, str(ROOT / "scripts" / "export_redocred.py"), "--split", "test", "--out", str(out)]
    completed = subprocess.run([*command, "--data", str(data)], capture_output=True, text=True)
    assert completed.returncode == 1
    assert completed.stderr == (
        "export_redocred: error: Re-DocRED test is for evaluation only, never for training (test-0000.txt): "
        "export the dev split\n"
    )
    assert not out.exists()


@pytest.mark.slow
def test_evaluate_script_scores_redocred_end_to_end(tmp_path: Path):
    shared_data("redocred")
    out = tmp_path / "report.json"
    command = [sys.executable, str(ROOT / "scripts" / "evaluate.py"), "--only", "redocred", "--limit", "3"]
    completed = subprocess.run([*command, "--markdown", "--json", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert "| Re-DocRED dev (3 documents) | relation F1 on the mapped subset (P / R) |" in completed.stdout
    assert "### Re-DocRED per kg predicate (mapped subset)" in completed.stdout
    report = json.loads(out.read_text(encoding="utf-8"))["redocred"][0]
    assert report["split"] == "dev" and report["n_documents"] == 3
    assert report["micro"]["n_gold"] == sum(s["n_gold"] for s in report["by_relation"].values()) > 0
