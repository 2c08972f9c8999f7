"""IRIs that never collide and stay put: entities in any script, documents from any folder.

Builds of parts of an archive are merged in a triple store, so an IRI must name the same
thing in every build and never two things. Entity ids are checked through resolution (the
stage that mints them) over separate builds; document ids and input identifiers through
`kg build` itself.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import main
from kg.config import DEFAULT_BASE_IRI, Settings
from kg.export.rdf import document_iri, entity_iri
from kg.extract.document import Extraction
from kg.identifiers import document_id, entity_ids, entity_slug
from kg.ingest import find_input_files
from kg.model import Document, Mention
from kg.pipeline import build
from kg.resolve import resolve_entities

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8b26930a0e35055d.txt"
DCTERMS_IDENTIFIER = rdflib.URIRef("http://purl.org/dc/terms/identifier")
MENTION_COUNT = rdflib.URIRef("https://example.org/kg/ontology#mentionCount")
SHORT_ARTICLE = "Kyrgyz President Sooronbai Jeenbekov met Almazbek Atambayev in Bishkek on Monday.\n"

# People whose names transliterate alike, or not at all: each pair is two different people.
NAMESAKES = [
    ("王伟", "王薇"),  # both "WangWei" in ASCII
    ("Владимир Путин", "Vladimir Putin"),
    ("محمد", "مُحَمَّد"),
    ("🗳️", "☃"),  # nothing to transliterate into a word
]


def _extraction(doc_id: str, names: list[str]) -> Extraction:
    """A document naming `names` as people, as extraction would give it."""
    document = Document(doc_id, f"{doc_id}.txt", tuple(names))
    mentions = tuple(
        Mention(doc_id, i, 0, len(name), name, "Person", " ".join(name.casefold().split()))
        for i, name in enumerate(names)
    )
    return Extraction(document, mentions, (), None)


def _ids(*documents: list[str], knowledge: object) -> dict[str, str]:
    """Label -> node id, from resolving one build of the given documents."""
    extractions = [_extraction(f"doc-{i}", names) for i, names in enumerate(documents)]
    entities, _ = resolve_entities(extractions, knowledge)  # type: ignore[arg-type]
    return {entity.label: entity.node_id for entity in entities}


@pytest.mark.parametrize("pair", NAMESAKES, ids=lambda pair: "-".join(pair))
def test_names_in_any_script_get_distinct_ids_that_stay_the_same_across_builds(
    pair: tuple[str, str], knowledge: object
) -> None:
    first, second = pair
    alone = _ids([first], knowledge=knowledge)
    other_alone = _ids([second], knowledge=knowledge)
    together = _ids([second, "Angela Merkel"], [first], knowledge=knowledge)
    assert alone[first] != other_alone[second], "two people, two IRIs, even in separate builds"
    assert together[first] == alone[first], "an entity's IRI does not depend on what else is built"
    assert together[second] == other_alone[second]
    for node_id in (alone[first], other_alone[second]):
        assert re.fullmatch(r"person/[0-9a-z]+(?:-[0-9a-z]+)*", node_id), node_id


def test_cyrillic_and_chinese_names_are_readable_in_their_iris(knowledge: object) -> None:
    ids = _ids(["Владимир Путин", "王伟"], knowledge=knowledge)
    assert re.fullmatch(r"person/vladimir-putin-[0-9a-f]{8}", ids["Владимир Путин"])
    assert re.fullmatch(r"person/wangwei-[0-9a-f]{8}", ids["王伟"])


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Sooronbai Jeenbekov", "sooronbai-jeenbekov"),
        ("interior ministry (Kyrgyzstan)", "interior-ministry-kyrgyzstan"),
        ("José Martínez", "jose-martinez"),  # accented Latin keeps the slug it had
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("O'Brien", "o-brien"),
    ],
)
def test_latin_names_keep_their_plain_slugs(label: str, slug: str) -> None:
    assert entity_slug(label) == slug


def test_two_labels_with_one_slug_in_a_build_are_told_apart_the_same_way_in_every_order() -> None:
    entities = {"name:o'brien": ("Person", "O'Brien"), "name:o brien": ("Person", "O Brien")}
    forward = entity_ids(entities)
    backward = entity_ids(dict(reversed(entities.items())))
    assert forward == backward
    assert forward["name:o brien"] == "person/o-brien", "the label that sorts first keeps the bare slug"
    assert re.fullmatch(r"person/o-brien-[0-9a-f]{8}", forward["name:o'brien"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=12), min_size=1, max_size=8, unique=True))
def test_any_labels_get_unique_ascii_ids_that_make_valid_iris(labels: list[str]) -> None:
    entities = {f"key:{i}": ("Person", label) for i, label in enumerate(labels)}
    ids = entity_ids(entities)
    assert len(set(ids.values())) == len(labels)
    for node_id in ids.values():
        assert re.fullmatch(r"person/[0-9a-z]+(?:-[0-9a-z]+)*", node_id), node_id
        iri = entity_iri(DEFAULT_BASE_IRI, node_id).value
        assert iri.isascii()
        ox.NamedNode(iri)


@settings(max_examples=200, deadline=None)
@given(identifier=st.text(min_size=1, max_size=30).map(lambda s: s.replace("\x00", "") + ".txt"), text=st.text())
def test_any_document_gets_an_ascii_id_that_makes_a_valid_iri(identifier: str, text: str) -> None:
    doc_id = document_id(identifier, text)
    assert re.fullmatch(r"[0-9a-z]+(?:-[0-9a-z]+)*", doc_id), doc_id
    ox.NamedNode(document_iri(DEFAULT_BASE_IRI, doc_id).value)
    assert document_id(identifier, text + " ") != doc_id, "an edited file is another document"


# ---------------------------------------------------------------------------------------------
# Documents: a fact leads to its file


def _documents(out: Path) -> dict[str, str]:
    """Document IRI -> dcterms:identifier, from a build's graph.nt (articles only: the gazetteer, a
    source of facts too, has an identifier of its own)."""
    graph = rdflib.Graph().parse(out / "graph.nt", format="nt")
    articles = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/NewsArticle")))
    return {str(s): str(o) for s, o in graph.subject_objects(DCTERMS_IDENTIFIER) if s in articles}


@pytest.fixture
def two_folders(tmp_path: Path) -> Path:
    """a/001.txt and b/001.txt: the same name, different articles."""
    for folder, text in (("a", SHORT_ARTICLE), ("b", "Bishkek is the capital of Kyrgyzstan.\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_files_of_one_name_in_two_folders_built_apart_get_different_iris(
    two_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("a", "b"):
        assert main(["build", str(two_folders / folder), "--out", str(two_folders / f"out-{folder}"), "-q"]) == 0
    a, b = _documents(two_folders / "out-a"), _documents(two_folders / "out-b")
    assert list(a.values()) == list(b.values()) == ["001.txt"]
    assert set(a).isdisjoint(b), "two files, two document IRIs, even built apart"


def test_files_of_one_name_built_together_are_cited_by_their_paths(
    two_folders: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = two_folders / "out"
    assert main(["build", str(two_folders / "a"), str(two_folders / "b"), "--out", str(out), "-q"]) == 0
    assert sorted(_documents(out).values()) == [f"{two_folders}/a/001.txt", f"{two_folders}/b/001.txt"]


def test_articles_in_subfolders_are_read_and_cited_relative_to_the_folder_given(two_folders: Path) -> None:
    inputs = find_input_files([two_folders])
    assert [(f.path, f.identifier) for f in inputs.files] == [
        (two_folders / "a" / "001.txt", "a/001.txt"),
        (two_folders / "b" / "001.txt", "b/001.txt"),
    ]


def test_a_file_named_twice_or_inside_a_folder_given_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "seed.txt")
    (folder / "link.txt").symlink_to("seed.txt")  # the same file under a second name
    once = build([folder / "seed.txt"], Settings(n_process=1)).graph
    again = build([folder, folder / "seed.txt", Path(f"{folder}/./seed.txt")], Settings(n_process=1)).graph
    assert len(again.graph["documents"]) == 1, "one file, one document, whichever name came first"
    assert dict(again.nodes(data="mentions")) == dict(once.nodes(data="mentions")), "mention counts not doubled"


def test_the_same_build_twice_gives_the_same_document_iris(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for out in ("one", "two"):
        assert main(["build", str(SEED), "--out", str(tmp_path / out), "-q"]) == 0
    assert (tmp_path / "one" / "graph.nt").read_bytes() == (tmp_path / "two" / "graph.nt").read_bytes()
    [iri] = _documents(tmp_path / "one")
    assert re.fullmatch(r"https://example\.org/kg/document/000-8b26930a0e35055d-[0-9a-f]{8}", iri)
