"""kg.evaluate.archive: the judged sample of an archive's nodes, on a small made-up graph and
judgments with figures worked out by hand; the judgments files in docs/judged/; the scripts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import shared_data

from kg.errors import InputError
from kg.evaluate import archive
from kg.evaluate.archive import Judgment, Node
from kg.evaluate.rdf_reader import to_records

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "docs" / "judged"
E = "https://example.org/kg/entity/"


def node(cls: str, label: str, mentions: int, *aliases: str, slug: str = "") -> Node:
    slug = slug or label.lower().replace(" ", "-").replace("(", "").replace(")", "")
    return Node(f"{E}{cls.lower()}/{slug}", cls, label, tuple(sorted(aliases)), ("a.txt",), mentions)


def judged(cls: str, label: str, entity: str | None, **fields) -> Judgment:
    record = {
        "class": cls,
        "label": label,
        "entity": entity,
        "true_class": fields.pop("true_class", cls if entity else None),
        "state_ok": fields.pop("state_ok", None),
        "label_ok": fields.pop("label_ok", True),
        "merge_ok": fields.pop("merge_ok", True),
        "note": fields.pop("note", "read in a.txt"),
        **fields,
    }
    return archive.to_judgment(record)


# --- the sample ---------------------------------------------------------------------------------


def test_top_is_by_mentions_with_ties_broken_by_label():
    nodes = [node("Person", "Zed", 5), node("Place", "Aland", 5), node("Person", "Bo", 9), node("Place", "Cee", 1)]
    sample = archive.select_sample(nodes, n_top=3, n_random=0)
    assert [n.label for n in sample.top] == ["Bo", "Aland", "Zed"]
    assert sample.random == ()


def test_the_random_part_is_drawn_from_the_rest_and_the_same_every_time():
    nodes = [node("Person", f"P{i:02d}", 100 - i) for i in range(40)]
    first = archive.select_sample(nodes, n_top=10, n_random=5)
    again = archive.select_sample(list(reversed(nodes)), n_top=10, n_random=5)
    assert first == again
    assert len(first.random) == 5
    assert not set(first.top) & set(first.random)
    assert set(first.random) <= set(nodes[10:])
    assert archive.select_sample(nodes, n_top=10, n_random=5, seed=11).random != first.random


def test_a_new_node_leaves_the_rest_of_the_drawn_sample_in_place():
    """The draw ranks nodes by their class and label alone: a rebuild that adds a node changes the
    drawn part by at most that node, so earlier judgments still cover the others."""
    nodes = [node("Place", f"Town {i:02d}", 1) for i in range(50)]
    before = set(archive.select_sample(nodes, n_top=0, n_random=8).random)
    for extra in range(10):
        newcomer = node("Place", f"New town {extra}", 1)
        after = set(archive.select_sample([*nodes, newcomer], n_top=0, n_random=8).random)
        assert len(after - before - {newcomer}) == 0
        assert len(before - after) <= 1


def test_a_graph_smaller_than_the_sample_is_judged_whole():
    nodes = [node("Person", "Ann", 2), node("Person", "Bob", 1)]
    sample = archive.select_sample(nodes)
    assert sample.top == (nodes[0], nodes[1]) and sample.random == ()


# --- judgments ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"entity": None}, "true_class null"),
        ({"entity": "Tony Blair"}, "lower-case slug"),
        ({"true_class": "Company"}, "true_class must be one of"),
        ({"class": "Org"}, "class must be one of"),
        ({"label_ok": False}, "label_issue is one of"),
        ({"label_issue": "title"}, "label_issue is one of"),
        ({"state_ok": "yes"}, "state_ok must be true or false or null"),
        ({"note": " "}, "note must say why"),
        ({"colour": "red"}, r"unknown fields \['colour'\]"),
    ],
)
def test_a_bad_judgment_says_what_is_wrong(change, message):
    record = {
        "class": "Person",
        "label": "Tony Blair",
        "entity": "tony-blair",
        "true_class": "Person",
        "state_ok": None,
        "label_ok": True,
        "merge_ok": True,
        "note": "the prime minister",
        **change,
    }
    with pytest.raises(ValueError, match=message):
        archive.to_judgment(record)


def test_a_judgments_file_names_the_line_of_a_bad_or_second_record():
    good = json.dumps(judged("Place", "Iraq", "iraq").as_dict())
    with pytest.raises(InputError, match=r"^f\.jsonl:2: "):
        archive.parse_judgments([good, "{not json"], "f.jsonl")
    with pytest.raises(InputError, match=r"^f\.jsonl:3: a second judgment of Place 'Iraq'"):
        archive.parse_judgments([good, "", good], "f.jsonl")


def test_judgments_round_trip_through_a_sorted_file():
    judgments = [
        judged("Place", "Wales", "wales", aliases=[]),
        judged("Institution", "TB", None, note="tuberculosis"),
        judged("Person", "Backbencher Stephen Pound", "stephen-pound", label_ok=False, label_issue="title"),
    ]
    text = archive.to_jsonl(judgments)
    assert [json.loads(line)["label"] for line in text.splitlines()] == ["TB", "Backbencher Stephen Pound", "Wales"]
    assert sorted(archive.parse_judgments(text.splitlines()), key=lambda j: j.label) == sorted(
        judgments, key=lambda j: j.label
    )


def test_a_judgment_follows_its_node_by_class_and_label_whatever_its_iri():
    rebuilt = node("Person", "Tony Blair", 500, "Blair", slug="tony-blair-2")
    judgment = judged("Person", "Tony Blair", "tony-blair", aliases=["Blair"])
    assert archive.match_judgments([rebuilt], [judgment]) == {rebuilt.iri: judgment}
    assert archive.match_judgments([rebuilt], [judged("Place", "Tony Blair", "tony-blair")]) == {}


def test_nodes_of_one_class_and_label_are_told_apart_by_their_aliases():
    country = node("Place", "Scotland", 67, slug="scotland-2")
    minister = node("Place", "Scotland", 1, "Baroness Scotland")
    as_country = judged("Place", "Scotland", "scotland", aliases=[])
    as_minister = judged("Place", "Scotland", "patricia-scotland", true_class="Person", aliases=["Baroness Scotland"])
    matched = archive.match_judgments([country, minister], [as_minister, as_country])
    assert matched == {country.iri: as_country, minister.iri: as_minister}
    # one judgment without aliases cannot say which of the two it is: both wait for a judge
    assert archive.match_judgments([country, minister], [judged("Place", "Scotland", "scotland")]) == {}


# --- figures on a made-up archive -------------------------------------------------------------------

# 8 nodes; top 4 by mentions, and the other 4 are all drawn (n_random=4).
GRAPH = [
    node("Person", "Tony Blair", 50, "Mr Blair"),
    node("Party", "Labour Party", 40, "Labour"),
    node("Institution", "House of Lords,", 30, "Lords"),  # stray comma
    node("Institution", "Parliament (Iraq)", 20, "Parliament"),  # the UK's, wrong state
    node("Person", "Blair", 5, "Mr Blair"),  # Tony Blair again: a split
    node("Institution", "Budget", 4),  # junk
    node("Person", "Sam Younger", 3, "Younger"),  # takes "Pitt the Younger": wrong merge
    node("Person", "Defra", 2),  # a ministry: wrong class
]
JUDGMENTS = [
    judged("Person", "Tony Blair", "tony-blair", aliases=["Mr Blair"]),
    judged("Party", "Labour Party", "labour-party"),
    judged("Institution", "House of Lords,", "house-of-lords", label_ok=False, label_issue="punctuation"),
    judged("Institution", "Parliament (Iraq)", "uk-parliament", state_ok=False),
    judged("Person", "Blair", "tony-blair"),
    judged("Institution", "Budget", None, note="the budget statement, an event"),
    judged("Person", "Sam Younger", "sam-younger", merge_ok=False, aliases=["Pitt"]),
    # Defra not judged yet
    judged("Place", "Atlantis", "atlantis"),  # a node of another build
]


def test_each_failure_kind_is_counted_where_the_judgment_puts_it():
    report = archive.assess_archive("made-up", GRAPH, JUDGMENTS, n_top=4, n_random=4)
    top, drawn = report.top, report.random
    assert [a.node.label for a in top.assessments] == [
        "Tony Blair",
        "Labour Party",
        "House of Lords,",
        "Parliament (Iraq)",
    ]
    assert {a.node.label: a.failures for a in top.assessments} == {
        "Tony Blair": ("split",),
        "Labour Party": (),
        "House of Lords,": ("bad label",),
        "Parliament (Iraq)": ("wrong state",),
    }
    assert (top.n_clean, len(top.judged), top.clean_share) == (1, 4, 0.25)
    assert {a.node.label: a.failures for a in drawn.assessments if a.is_judged} == {
        "Blair": ("split",),
        "Budget": ("junk",),
        "Sam Younger": ("wrong merge",),
    }
    assert [n.label for n in drawn.pending] == ["Defra"]
    assert (drawn.n_clean, len(drawn.judged), drawn.clean_share) == (0, 3, 0.0)
    assert [a.node.label for a in drawn.changed] == ["Sam Younger"]  # judged with other aliases
    assert report.n_judgments_unused == 1  # Atlantis


def test_a_split_names_every_node_of_the_entity_even_outside_the_sample():
    report = archive.assess_archive("made-up", GRAPH, JUDGMENTS, n_top=1, n_random=0)
    (blair,) = report.top.assessments
    assert [n.label for n in blair.same_entity] == ["Blair"]
    assert {e: [n.label for n in ns] for e, ns in report.top.split_entities.items()} == {
        "tony-blair": ["Blair", "Tony Blair"]
    }


def test_a_split_made_by_a_node_judged_with_other_aliases_is_flagged_for_a_new_judgment():
    # "Blair" was judged when it had no aliases; now it has "Mr Blair", so the split may be gone
    report = archive.assess_archive("made-up", GRAPH, JUDGMENTS, n_top=1, n_random=0)
    (tony,) = report.top.assessments
    assert [n.label for n in tony.stale_same_entity] == []  # judged without recorded aliases
    rejudged = [j for j in JUDGMENTS if j.label != "Blair"] + [judged("Person", "Blair", "tony-blair", aliases=[])]
    (tony,) = archive.assess_archive("made-up", GRAPH, rejudged, n_top=1, n_random=0).top.assessments
    assert [n.label for n in tony.stale_same_entity] == ["Blair"]
    assert tony.failures == ("split",)  # still counted until a judge reads the node again


def test_wrong_class_is_the_judged_class_against_the_nodes():
    defra = judged("Person", "Defra", "defra", true_class="Institution")
    report = archive.assess_archive("made-up", GRAPH, [*JUDGMENTS, defra], n_top=4, n_random=4)
    assert [a.failures for a in report.random.assessments if a.node.label == "Defra"] == [("wrong class",)]
    assert report.random.failure_kinds() == {
        "split": 1,
        "wrong merge": 1,
        "junk": 1,
        "wrong class": 1,
        "wrong state": 0,
        "bad label": 0,
    }


def test_the_tables_carry_the_figures():
    report = archive.assess_archive("made-up", GRAPH, JUDGMENTS, n_top=4, n_random=4)
    rows = archive.summary_rows(report)
    assert rows[0].startswith("| made-up archive (1 article, 8 nodes) | clean share of the 4 most-mentioned nodes ")
    assert "| 0.250 (1/4) | ≥ 0.95 |" in rows[0]
    assert "| 0.000 (0/3, 1 not judged) | ≥ 0.90 |" in rows[1]
    assert "splits 1 (of 1 entities on 2 nodes), wrong merges 0, junk 0, wrong classes 0, wrong states 1" in rows[2]
    tables = archive.markdown_tables([report])
    assert "| made-up | top 4 | 4 | 1 | 0.250 | 1 (1) | 0 | 0 | 0 | 1 | 1 |" in tables
    assert "| made-up | junk | 0 / 1 | Institution “Budget” |" in tables
    as_dict = report.as_dict()
    assert as_dict["random"]["pending"] == [["Person", "Defra"]]  # type: ignore[index]


# --- reading a graph ---------------------------------------------------------------------------------

TURTLE = """
@prefix kgo: <https://example.org/kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://example.org/kg/document/a> dcterms:identifier "a.txt" .
<https://example.org/kg/entity/person/roe> a kgo:Person ; rdfs:label "Xavier Roe" ; skos:altLabel "Mr Roe" ;
  kgo:mentionCount "3"^^xsd:integer ; kgo:mentionedIn <https://example.org/kg/document/a> .
<https://example.org/kg/entity/place/ytown> a kgo:Place ; rdfs:label "Ytown" ;
  kgo:mentionCount "1"^^xsd:integer ; kgo:mentionedIn <https://example.org/kg/document/a> .
"""


def test_nodes_carry_their_mention_counts():
    triples = [q.triple for q in ox.parse(TURTLE, format=ox.RdfFormat.TURTLE)]
    nodes = archive.to_nodes(to_records(triples), archive.mention_counts(triples))
    assert nodes == (
        Node(E + "person/roe", "Person", "Xavier Roe", ("Mr Roe",), ("a.txt",), 3),
        Node(E + "place/ytown", "Place", "Ytown", (), ("a.txt",), 1),
    )


def test_read_nodes_reads_a_written_graph_and_names_a_file_it_cannot(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    assert [(n.label, n.mentions) for n in archive.read_nodes(path)] == [("Xavier Roe", 3), ("Ytown", 1)]
    with pytest.raises(InputError, match=r"graph\.jsonld"):
        archive.read_nodes(tmp_path / "graph.jsonld")


def test_an_absent_judgments_file_is_no_judgments(tmp_path):
    assert archive.read_judgments(tmp_path / "none.jsonl") == ()


# --- helping the judge --------------------------------------------------------------------------------


def test_context_sentences_skip_a_short_name_inside_the_long_one():
    texts = {"a.txt": "Tony Blair spoke. Mr Blair left.\nBlair wins.", "b.txt": "Blair is not here."}
    blair = Node(E + "person/tony-blair", "Person", "Tony Blair", ("Blair", "Mr Blair"), ("a.txt",), 3)
    assert archive.contexts(blair, texts) == [
        ("Tony Blair", "a.txt", "Tony Blair spoke."),
        ("Blair", "a.txt", "Blair wins."),
        ("Mr Blair", "a.txt", "Mr Blair left."),
    ]
    assert archive.sentences_naming("M.W. Newman", {"c.txt": "Deaths: M.W. Newman, Lisa Baird"}) == [
        ("c.txt", "Deaths: M.W. Newman, Lisa Baird")
    ]


def test_look_alikes_share_a_name_word_or_an_acronym():
    eu = node("Institution", "European Union", 76, "EU")
    nodes = [eu, node("Institution", "EU", 80), node("Place", "Europe", 65), node("Party", "Labour Party", 9)]
    assert [n.label for n in archive.possibly_same(eu, nodes)] == ["EU"]
    pla = node("Party", "Parliamentary Labour Party", 10, "PLP")
    assert [n.label for n in archive.possibly_same(pla, nodes)] == ["Labour Party"]
    assert archive.state_of("Parliament (United Kingdom)") == "United Kingdom"
    assert archive.state_of("Labour Party") is None


def test_the_reserved_articles_are_never_in_the_archive():
    reserved = [f"{number}.txt" for number in sorted(archive.RESERVED_BBC)]
    files = ["001.txt", *reserved, "400.txt", "README.TXT"]
    assert archive.archive_articles("bbc-politics", files) == ["001.txt", "400.txt"]
    assert archive.archive_articles("wikinews-sources", ["000-2.txt", "README.TXT"]) == ["000-2.txt"]


def test_the_bbc_archive_is_the_407_unreserved_articles():
    folder = shared_data("bbc-politics")
    files = archive.archive_articles("bbc-politics", (p.name for p in folder.iterdir()))
    assert len(files) == 407
    assert not {f[:3] for f in files} & archive.RESERVED_BBC


# --- the judgments in the repo --------------------------------------------------------------------------


@pytest.mark.parametrize("name", archive.ARCHIVES)
def test_the_judged_files_are_valid_and_sorted(name):
    path = JUDGED / f"entities-{name}.jsonl"
    text = path.read_text(encoding="utf-8")
    judgments = archive.parse_judgments(text.splitlines(), str(path))
    assert len(judgments) >= archive.N_TOP + archive.N_RANDOM
    assert text == archive.to_jsonl(judgments), "rewrite it with scripts/judge_entities.py ARCHIVE --tidy"


# --- the scripts ----------------------------------------------------------------------------------------


def test_judge_entities_lists_templates_and_reports_on_a_built_graph(seeds_build: Path, tmp_path: Path):
    script = [sys.executable, str(ROOT / "scripts" / "judge_entities.py"), "wikinews-sources"]
    judgments = tmp_path / "judged.jsonl"
    common = ["--graph", str(seeds_build / "graph.nt"), "--judgments", str(judgments)]
    templates = subprocess.run([*script, *common, "--template"], capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in templates.stdout.splitlines()]
    nodes = archive.read_nodes(seeds_build / "graph.nt")
    assert len(records) == len(nodes)  # the seeds' graph is smaller than the sample: every node
    for record in records:
        record["note"] = "judged in the test"
    judgments.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = subprocess.run([*script, *common, "--report"], capture_output=True, text=True, check=True)
    n = len(nodes)
    assert f"| clean share of the {n} most-mentioned nodes | 1.000 ({n}/{n}) |" in report.stdout
    listing = subprocess.run([*script, *common], capture_output=True, text=True, check=True)
    assert listing.stdout == "" and "0 sampled nodes not judged yet" in listing.stderr


def test_judge_entities_says_which_line_of_the_judgments_is_bad(tmp_path: Path):
    bad = tmp_path / "judged.jsonl"
    bad.write_text('{"class": "Person"}\n', encoding="utf-8")
    command = [sys.executable, str(ROOT / "scripts" / "judge_entities.py"), "bbc-politics", "--judgments", str(bad)]
    completed = subprocess.run([*command, "--tidy"], capture_output=True, text=True)
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"judge_entities: {bad}:1: unknown fields [], missing fields ['entity'")


@pytest.mark.slow
def test_evaluate_script_reports_the_archive_part(tmp_path: Path):
    shared_data("bbc-politics")
    shared_data("wikinews-sources")
    out = tmp_path / "report.json"
    command = [sys.executable, str(ROOT / "scripts" / "evaluate.py"), "--only", "archive", "--limit", "3"]
    completed = subprocess.run([*command, "--markdown", "--json", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert "| bbc-politics archive (3 articles, " in completed.stdout
    assert "| wikinews-sources archive (3 articles, " in completed.stdout
    assert "### Archives: judged nodes (most-mentioned and drawn)" in completed.stdout
    report = json.loads(out.read_text(encoding="utf-8"))["archive"]
    assert [r["archive"] for r in report] == list(archive.ARCHIVES)
    assert all(r["top"]["judged"] + len(r["top"]["pending"]) == r["top"]["nodes"] for r in report)
