"""kg.evaluate: the scorers on tiny hand-made records (figures worked out by hand), and the news
evaluation end to end on the seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import shared_data

from kg.evaluate import conll04, conll2003, news
from kg.evaluate.core import Score, detokenize, name_keys, normalize_name, total
from kg.evaluate.rdf_reader import EntityRecord, FactRecord, index_records, read_graph, to_records

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
E = "https://example.org/kg/entity/"


def entity(slug: str, cls: str, *names: str, documents: tuple[str, ...] = ("d.txt",)) -> EntityRecord:
    return EntityRecord(E + slug, cls, names[0], names, documents)


def fact(subject: EntityRecord, predicate: str, obj: EntityRecord, confidence: float = 0.9, **qualifiers) -> FactRecord:
    return FactRecord(subject.iri, predicate, obj.iri, qualifiers.pop("document", "d.txt"), confidence, **qualifiers)


# --- core ---------------------------------------------------------------------------------


def test_score_ratios():
    score = Score(tp_system=2, n_system=4, tp_gold=2, n_gold=5)
    assert (score.precision, score.recall) == (0.5, 0.4)
    assert score.f1 == pytest.approx(4 / 9)  # 2 * 0.5 * 0.4 / 0.9


def test_score_of_nothing_is_zero_not_an_error():
    assert (Score().precision, Score().recall, Score().f1) == (0.0, 0.0, 0.0)


def test_total_sums_the_counts():
    assert total([Score(1, 2, 1, 3), Score(2, 2, 1, 1)]) == Score(3, 4, 2, 4)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("  Mr  Blair ", "mr blair"), ("Kosovo.", "kosovo"), ("U.S.", "u.s"), ("KYRGYZSTAN’S", "kyrgyzstan's")],
)
def test_normalize_name(name, expected):
    assert normalize_name(name) == expected


def test_name_keys_answer_to_the_bare_name_of_a_state_qualified_label():
    assert name_keys(["Parliament (Kyrgyzstan)", "Parliament"]) == {"parliament (kyrgyzstan)", "parliament"}


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["Booth", ",", "who", "said", '"', "no", '"', "."], 'Booth, who said "no".'),
        (["Kevin", "O", "'Brien", "'s", "car"], "Kevin O'Brien's car"),
        (["It", "is", "n't", "$", "5", "(", "a", ")", "%"], "It isn't $5 (a)%"),
        (["``", "Yes", "''", ",", "he", "said"], '"Yes", he said'),
    ],
)
def test_detokenize(tokens, text):
    result, spans = detokenize(tokens)
    assert result == text
    assert [result[start:end] for start, end in spans] == [{"``": '"', "''": '"'}.get(t, t) for t in tokens]


# --- rdf_reader -----------------------------------------------------------------------------

TURTLE = """
@prefix kgo: <https://example.org/kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix person: <https://example.org/kg/entity/person/> .
@prefix place: <https://example.org/kg/entity/place/> .
@prefix doc: <https://example.org/kg/document/> .
doc:a dcterms:identifier "a.txt" ; a <https://schema.org/NewsArticle> .
person:x a kgo:Person ; rdfs:label "Xavier Roe" ; skos:altLabel "Roe", "Mr Roe" ; kgo:mentionedIn doc:a .
place:y a kgo:Place ; rdfs:label "Ytown" ; kgo:mentionedIn doc:a .
person:x kgo:holdsPosition place:y .
<https://example.org/kg/statement/1> a rdf:Statement ; rdf:subject person:x ; rdf:predicate kgo:holdsPosition ;
  rdf:object place:y ; prov:wasDerivedFrom doc:a ; kgo:confidence "0.85"^^xsd:decimal ; kgo:role "Mayor" ;
  kgo:status "former" ; kgo:evidence "Former Mayor Xavier Roe of Ytown." ; kgo:rule "title-before-name" .
"""


def test_records_read_back_from_rdf():
    records = to_records(q.triple for q in ox.parse(TURTLE, format=ox.RdfFormat.TURTLE))
    assert records.documents == ("a.txt",)
    person = records.entities[E + "person/x"]
    assert (person.cls, person.label, person.names, person.documents) == (
        "Person",
        "Xavier Roe",
        ("Xavier Roe", "Mr Roe", "Roe"),
        ("a.txt",),
    )
    assert [e.label for e in records.entities_in("a.txt")] == ["Xavier Roe", "Ytown"]
    assert records.facts_from("a.txt") == (
        FactRecord(
            E + "person/x", "holdsPosition", E + "place/y", "a.txt", 0.85, role="Mayor", status="former",
            evidence=("Former Mayor Xavier Roe of Ytown.",), rules=("title-before-name",),
        ),
    )  # fmt: skip
    assert records.facts_from("b.txt") == ()


def test_read_graph_names_the_file_it_cannot_read(tmp_path):
    from kg.errors import InputError

    with pytest.raises(InputError, match=r"graph\.jsonld"):
        read_graph(tmp_path / "graph.jsonld")


# --- CoNLL04 --------------------------------------------------------------------------------


def test_conll04_sentences_carry_the_span_text_of_their_relations():
    record = {
        "tokens": ["Booth", ",", "who", "shot", "President", "Lincoln", ",", "lived", "in", "Maryland", "."],
        "entities": [
            {"type": "Peop", "start": 0, "end": 1},
            {"type": "Peop", "start": 4, "end": 6},
            {"type": "Loc", "start": 9, "end": 10},
        ],
        "relations": [{"type": "Kill", "head": 0, "tail": 1}, {"type": "Live_In", "head": 0, "tail": 2}],
    }
    (sentence,) = conll04.to_sentences([record], "dev")
    assert sentence.identifier == "dev-0000.txt"
    assert sentence.text == "Booth, who shot President Lincoln, lived in Maryland."
    assert sentence.relations == (
        conll04.GoldTriple("Kill", "Booth", "President Lincoln"),
        conll04.GoldTriple("Live_In", "Booth", "Maryland"),
    )


@pytest.mark.parametrize(
    ("predicate", "object_cls", "expected"),
    [
        ("memberOf", "Institution", "Work_For"),
        ("holdsPosition", "Institution", "Work_For"),
        ("holdsPosition", "Party", "Work_For"),
        ("holdsPosition", "Place", "Live_In"),
        ("employedBy", "Institution", "Work_For"),
        ("leaderOf", "Institution", "Work_For"),
        ("leaderOf", "Party", "Work_For"),
        ("leaderOf", "Place", "Live_In"),
        ("livesIn", "Place", "Live_In"),
        ("basedIn", "Place", "OrgBased_In"),
        ("locatedIn", "Place", "Located_In"),
        ("capitalOf", "Place", "Located_In"),
        ("killed", "Person", "Kill"),
        ("relatedTo", "Person", None),
        ("allyOf", "Person", None),
    ],
)
def test_conll04_type_of_a_fact(predicate, object_cls, expected):
    subject, obj = entity("s", "Person", "S"), entity("o", object_cls, "O")
    assert conll04.relation_type(fact(subject, predicate, obj), obj.cls) == expected


def test_conll04_scores_by_type_and_overall():
    sentence = conll04.Sentence(
        "s1.txt",
        "John Smith of Boston works for Acme Corp in Boston.",
        (
            conll04.GoldTriple("Work_For", "John Smith", "Acme Corp"),
            conll04.GoldTriple("OrgBased_In", "Acme Corp", "Boston"),
            conll04.GoldTriple("Live_In", "John Smith", "Boston"),
        ),
    )
    john = entity("john", "Person", "John Smith", "Smith", documents=("s1.txt",))
    acme = entity("acme", "Institution", "Acme Corp", documents=("s1.txt",))
    boston = entity("boston", "Place", "Boston", documents=("s1.txt",))
    facts = [
        fact(john, "memberOf", acme, document="s1.txt"),  # Work_For, right
        fact(john, "holdsPosition", acme, document="s1.txt"),  # the same Work_For triple again: counted once
        fact(john, "holdsPosition", boston, document="s1.txt"),  # Live_In, right
        fact(john, "killed", acme, document="s1.txt"),  # Kill, wrong
        fact(john, "relatedTo", boston, document="s1.txt"),  # no CoNLL04 type: left out
    ]
    report = conll04.score_conll04([sentence], index_records([john, acme, boston], facts), "dev")
    assert report.by_type["Work_For"] == Score(1, 1, 1, 1)
    assert report.by_type["Live_In"] == Score(1, 1, 1, 1)
    assert report.by_type["OrgBased_In"] == Score(0, 0, 0, 1)
    assert report.by_type["Kill"] == Score(0, 1, 0, 0)
    micro = report.micro  # 2 of 3 system triples right, 2 of 3 gold triples found
    assert (micro.precision, micro.recall, micro.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert report.macro_f1 == pytest.approx((1 + 1 + 0 + 0 + 0) / 5)
    assert [(g.type, why) for _, g, why in report.missed] == [("OrgBased_In", "entities found, no fact between them")]


def test_conll04_lenient_spans_drop_titles_and_the_state_after_a_comma():
    sentence = conll04.Sentence(
        "s2.txt",
        "Booth shot President Lincoln in Washington, D.C.",
        (conll04.GoldTriple("Kill", "Booth", "President Lincoln"),),
        entities=("Booth", "President Lincoln", "Washington, D.C."),
    )
    booth = entity("booth", "Person", "John Wilkes Booth", "Booth", documents=("s2.txt",))
    lincoln = entity("lincoln", "Person", "Abraham Lincoln", "Lincoln", documents=("s2.txt",))
    washington = entity("washington", "Place", "Washington", documents=("s2.txt",))
    dc = entity("dc", "Place", "D.C.", documents=("s2.txt",))
    facts = [
        fact(booth, "killed", lincoln, document="s2.txt"),
        fact(washington, "locatedIn", dc, document="s2.txt"),  # both inside one gold span: left out when lenient
    ]
    report = conll04.score_conll04([sentence], index_records([booth, lincoln, washington, dc], facts))
    assert report.micro == Score(0, 2, 0, 1)
    assert report.lenient == Score(1, 1, 1, 1)


# --- annotated news ---------------------------------------------------------------------------

GOLD_DOC = news.to_gold(
    {
        "source": "bbc-politics/d.txt",
        "entities": [
            {"id": "alice", "class": "Person", "names": ["Alice Smith", "Ms Smith"]},
            {"id": "greens", "class": "Party", "names": ["Green Party", "Greens"]},
            {"id": "leeds", "class": "Place", "names": ["Leeds"]},
            {"id": "york", "class": "Place", "names": ["York"]},
            {"id": "bbc", "class": "Institution", "names": ["BBC"], "optional": True},
        ],
        "relations": [
            {"subject": "alice", "predicates": ["holdsPosition", "memberOf"], "object": "greens", "status": "former"},
            {"subject": "greens", "predicates": ["basedIn"], "object": "leeds"},
            {"subject": "alice", "predicates": ["livesIn"], "object": "york"},
            {"subject": "alice", "predicates": ["memberOf"], "object": "bbc", "optional": True},
        ],
    },
    "bbc-d",
)


def test_news_entities_relations_status_and_calibration():
    alice = entity("alice", "Person", "Alice Smith", "Ms Smith")  # true positive
    ms_smith = entity("ms-smith", "Person", "Ms Smith")  # a second node for Alice: duplicate
    greens = entity("greens", "Institution", "Green Party")  # true positive, wrong class
    leeds = entity("leeds", "Place", "Leeds (United Kingdom)")  # "X (State)" answers to X
    bbc = entity("bbc", "Institution", "BBC")  # optional: neither side
    monday = entity("monday", "Place", "Monday")  # junk
    elsewhere = entity("paris", "Place", "Paris", documents=("other.txt",))  # not in this document
    facts = [
        fact(alice, "memberOf", greens, 0.9, status="former"),  # right
        fact(ms_smith, "holdsPosition", greens, 0.8),  # right too: recall counts the relation once
        fact(greens, "basedIn", leeds, 0.85, status="current"),  # right
        fact(alice, "memberOf", bbc, 0.9),  # optional: left out
        fact(alice, "livesIn", leeds, 0.85),  # wrong: gold says York
        fact(monday, "relatedTo", alice, 0.5),  # wrong: junk subject
        fact(alice, "livesIn", elsewhere, 0.9, document="other.txt"),  # another document's fact
    ]
    records = index_records([alice, ms_smith, greens, leeds, bbc, monday, elsewhere], facts)
    report = news.score_document(GOLD_DOC, records)

    assert report.identifier == "d.txt"
    assert report.entities == Score(3, 5, 3, 4)  # P 3/5, R 3/4
    assert report.entities.f1 == pytest.approx(2 / 3)
    assert report.class_accuracy == pytest.approx(2 / 3)
    assert report.junk == ("Monday",)
    assert report.duplicates == (("Ms Smith", "alice"),)
    assert report.missed_entities == ("York",)
    assert report.class_errors == (("Green Party", "Institution", "Party"),)

    assert report.relations == Score(3, 5, 2, 3)  # P 3/5, R 2/3
    assert report.relations.f1 == pytest.approx(12 / 19)
    assert (report.n_status_right, report.n_status_compared) == (2, 2)
    assert [why for _, why in report.missed_relations] == ["object entity not found"]
    assert sorted(why for _, why in report.wrong_relations) == [
        "no gold relation between these entities",
        "subject matches no gold entity",
    ]

    by_predicate = news.by_predicate([report])
    assert by_predicate["livesIn"] == Score(0, 1, 0, 1)  # stated once, wrongly; the gold's York missed
    assert by_predicate["basedIn"] == Score(1, 1, 1, 1)
    assert by_predicate["relatedTo"].n_system == 1 and by_predicate["relatedTo"].tp_system == 0

    high, middle, low = news.calibrate(report.calibration)
    assert (high.n_facts, high.n_right, high.precision) == (4, 3, 0.75)
    assert (middle.n_facts, middle.n_right, low.n_facts) == (1, 0, 0)


def test_news_symmetric_predicates_match_either_way_round_and_others_do_not():
    gold = news.to_gold(
        {
            "source": "seeds/s.txt",
            "entities": [
                {"id": "a", "class": "Person", "names": ["Ann"]},
                {"id": "b", "class": "Person", "names": ["Bob"]},
            ],
            "relations": [
                {"subject": "a", "predicates": ["allyOf"], "object": "b"},
                {"subject": "a", "predicates": ["successorOf"], "object": "b"},
            ],
        },
        "seeds-s",
    )
    ann = entity("ann", "Person", "Ann", documents=("s.txt",))
    bob = entity("bob", "Person", "Bob", documents=("s.txt",))
    facts = [fact(bob, "allyOf", ann, document="s.txt"), fact(bob, "successorOf", ann, document="s.txt")]
    report = news.score_document(gold, index_records([ann, bob], facts))
    assert report.relations == Score(1, 2, 1, 2)
    assert [why for _, why in report.wrong_relations] == ["reversed"]
    assert [why for _, why in report.missed_relations] == ["pair found reversed as successorOf"]


def test_news_an_entity_labelled_with_the_canonical_name_keeps_it_over_a_shorter_one():
    gold = news.to_gold(
        {
            "source": "seeds/s.txt",
            "entities": [{"id": "mh", "class": "Person", "names": ["Michael Howard", "Mr Howard", "Michael"]}],
            "relations": [],
        },
        "seeds-s",
    )
    first = entity("michael", "Person", "Michael", documents=("s.txt",))
    full = entity("michael-howard", "Person", "Michael Howard", "Mr Howard", documents=("s.txt",))
    report = news.score_document(gold, index_records([first, full], []))
    assert report.duplicates == (("Michael", "mh"),)
    assert report.entities == Score(1, 2, 1, 1)


def test_news_an_entity_named_only_by_a_letter_matches_by_the_slug_of_its_canonical_name():
    # "Sen. X, R-Minn.": the text names the Republican Party only by its "R", which kg labels in full
    gold = news.to_gold(
        {
            "source": "seeds/s.txt",
            "entities": [
                {"id": "norm-coleman", "class": "Person", "names": ["Norm Coleman"]},
                {"id": "republican-party", "class": "Party", "names": ["R"]},
            ],
            "relations": [{"subject": "norm-coleman", "predicates": ["memberOf"], "object": "republican-party"}],
        },
        "seeds-s",
    )
    coleman = entity("norm-coleman", "Person", "Norm Coleman", documents=("s.txt",))
    party = entity("republican-party", "Party", "Republican Party", documents=("s.txt",))
    other = entity("green-party", "Party", "Green Party", documents=("s.txt",))
    facts = [fact(coleman, "memberOf", party, document="s.txt"), fact(coleman, "memberOf", other, document="s.txt")]
    report = news.score_document(gold, index_records([coleman, party, other], facts))
    assert report.relations == Score(1, 2, 1, 1)
    assert [why for _, why in report.wrong_relations] == ["object matches no gold entity"]


def test_every_gold_file_parses_and_names_existing_entities():
    for path in sorted(GOLD.glob("*.json")):
        if path.name == "corpus.json":
            continue
        gold = news.read_gold(path)
        ids = {e.id for e in gold.entities}
        for relation in gold.relations:
            assert {relation.subject, *relation.objects} <= ids, path.name


# --- CoNLL-2003 -------------------------------------------------------------------------------

CONLL2003 = """-DOCSTART- -X- -X- O

Peter NNP B-NP B-PER
Blair NNP I-NP I-PER
met VBD B-VP O
EU NNP B-NP B-ORG
officials NNS I-NP O
in IN B-PP O
Paris NNP B-NP B-LOC
for IN B-PP O
Euro NNP B-NP B-MISC
2000 CD I-NP I-MISC
. . O O

-DOCSTART- -X- -X- O

Rome NNP B-NP B-LOC
"""


def test_conll2003_documents_and_their_gold_names():
    first, second = conll2003.to_documents(CONLL2003.splitlines(), "test")
    assert first.identifier == "test-000.txt"
    assert first.text == "Peter Blair met EU officials in Paris for Euro 2000.\n"
    assert first.entities == (("Peter Blair", "PER"), ("EU", "ORG"), ("Paris", "LOC"), ("Euro 2000", "MISC"))
    assert second.entities == (("Rome", "LOC"),)


def test_conll2003_names_in_text_skip_a_name_seen_only_inside_a_longer_one():
    assert conll2003.names_in_text("Peter Blair met Blairite EU men", ["Blair", "Peter Blair", "EU", "Rome"]) == {
        "Peter Blair",
        "EU",
    }


def test_conll2003_names_in_text_are_as_written_or_in_capitals():
    assert conll2003.names_in_text("MADRID 1996-12-06\nLet us go.", ["Madrid", "US"]) == {"Madrid"}


def test_conll2003_scores_typed_untyped_and_per_type():
    (document, _) = conll2003.to_documents(CONLL2003.splitlines(), "test")
    docs = ("test-000.txt",)
    entities = [
        entity("peter-blair", "Person", "Peter Blair", "Blair", documents=docs),  # PER right; "Blair" only inside it
        entity("eu", "Place", "EU", documents=docs),  # found, typed LOC instead of ORG
        entity("paris", "Place", "Paris", documents=docs),  # LOC right
        entity("euro-2000", "Institution", "Euro 2000", documents=docs),  # gold MISC: left out
        entity("london", "Person", "London", documents=docs),  # not in the text: left out
    ]
    report = conll2003.score_conll2003([document], index_records(entities, []))
    assert report.typed == Score(2, 3, 2, 3)
    assert report.untyped == Score(3, 3, 3, 3)
    assert report.type_accuracy == pytest.approx(2 / 3)
    assert report.by_type == {"PER": Score(1, 1, 1, 1), "ORG": Score(0, 0, 0, 1), "LOC": Score(1, 2, 1, 1)}
    assert report.confusions == {("ORG", "LOC"): 1}


# --- the real data sets (skipped when ../shared/data is absent) -----------------------------------


@pytest.mark.parametrize(
    ("split", "n_sentences", "n_relations"), [("train", 922, 1283), ("dev", 231, 343), ("test", 288, 422)]
)
def test_conll04_reader_keeps_every_sentence_and_finds_every_span_in_its_text(split, n_sentences, n_relations):
    sentences = conll04.read_conll04(shared_data("conll04") / f"{split}.json")
    assert len(sentences) == n_sentences
    assert sum(len(s.relations) for s in sentences) == n_relations
    for sentence in sentences:
        assert all(g.head in sentence.text and g.tail in sentence.text for g in sentence.relations), sentence.text


def test_conll2003_reader_keeps_every_document_and_entity():
    documents = conll2003.read_conll2003(shared_data("conll2003") / "test.txt")
    assert len(documents) == 231
    assert sum(len(d.entities) for d in documents) == 5648
    for document in documents:
        assert all(name in document.text for name, _ in document.entities), document.identifier


# --- end to end ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_news_evaluation_of_the_seeds_end_to_end(seeds_build: Path):
    golds = [news.read_gold(p) for p in sorted(GOLD.glob("seeds-*.json"))]
    report = news.score_news("seeds", golds, read_graph(seeds_build / "graph.nt"))
    assert [d.identifier for d in report.documents] == ["000_8b26930a0e35055d.txt", "002_c8dc84743294fa2c.txt"]
    summary = report.as_dict()
    assert set(summary) >= {"mean_entity_f1", "mean_relation_f1", "entities", "relations", "calibration", "documents"}
    for document in report.documents:
        assert document.entities.n_gold > 0 and document.relations.n_gold > 0
        for score in (document.entities, document.relations):
            assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0 and 0.0 <= score.f1 <= 1.0
        assert 0.0 <= document.class_accuracy <= 1.0
        assert all(0.0 <= confidence <= 1.0 for confidence, _ in document.calibration)
    assert sum(b.n_facts for b in report.calibration()) == sum(len(d.scored_facts) for d in report.documents)


@pytest.mark.slow
def test_evaluate_script_runs_kg_build_and_writes_its_report(tmp_path: Path):
    out = tmp_path / "report.json"
    command = [
        sys.executable,
        str(ROOT / "scripts" / "evaluate.py"),
        "--only",
        "news",
        "--limit",
        "1",
        "--json",
        str(out),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert "| seeds (1 article) |" in completed.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["news"][0]["name"] == "seeds"
    assert report["news"][0]["documents"][0]["identifier"] == "000_8b26930a0e35055d.txt"
