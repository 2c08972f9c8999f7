"""Dated statements and linked places in the RDF, and the example queries that use them:
`--example held-on DATE` (who held which position then) and `--example countries` (facts per
ISO code), over the seeds' build and small hand-written graphs, in embedded Oxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import store
from kg.config import DEFAULT_BASE_IRI
from kg.errors import StoreError
from kg.export.rdf import to_turtle
from kg.validate import validate
from tests.extraction import graph_of

PREFIXES = """PREFIX kgo: <https://example.org/kg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX place: <https://example.org/kg/entity/place/> PREFIX person: <https://example.org/kg/entity/person/>
"""


def ask(path: Path, where: str) -> bool:
    answer = store.query_file([path], PREFIXES + f"ASK {{ {where} }}")
    return answer.rows == [("true",)]


def test_places_carry_their_codes_features_and_coordinates(seeds_build: Path) -> None:
    graph = seeds_build / "graph.ttl"
    assert ask(
        graph,
        'place:kyrgyzstan kgo:countryCode "KG" ; kgo:countryCodeAlpha3 "KGZ" ; owl:sameAs <https://sws.geonames.org/1527747/>',
    )
    assert ask(
        graph,
        'place:bishkek owl:sameAs <https://sws.geonames.org/1528675/> ; kgo:geonamesId "1528675" ; kgo:inCountryCode "KG" ; '
        "wgs84:lat 42.8700 ; wgs84:long 74.5900",
    )
    assert not ask(graph, "place:bishkek kgo:countryCode ?code")  # it lies in a country; it is none


def test_a_looked_up_fact_is_marked_as_the_gazetteers(seeds_build: Path) -> None:
    graph = seeds_build / "graph.ttl"
    assert ask(
        graph,
        'place:moscow kgo:locatedIn place:russia . ?st rdf:subject place:moscow ; rdf:predicate kgo:locatedIn ; kgo:rule "gazetteer" ; '
        "prov:wasDerivedFrom ?source ; kgo:gazetteerEntry ?entry . ?source a kgo:Gazetteer ; rdfs:label ?sources",
    )
    assert not ask(graph, "?st prov:wasDerivedFrom ?source . ?source a kgo:Gazetteer . ?st kgo:evidence ?sentence")


def test_statements_carry_the_date_reported_and_the_time_read(seeds_build: Path) -> None:
    graph = seeds_build / "graph.ttl"
    # 000 has `date 2020-10-06`; 002 has no date, and its statements none
    dated = 'dcterms:identifier "000_8b26930a0e35055d.txt"'
    assert ask(graph, f'?st prov:wasDerivedFrom ?doc ; kgo:reportedDate "2020-10-06"^^xsd:date . ?doc {dated}')
    assert not ask(
        graph, '?st prov:wasDerivedFrom ?doc ; kgo:reportedDate ?d . ?doc dcterms:identifier "002_c8dc84743294fa2c.txt"'
    )
    assert ask(
        graph,
        '?st rdf:subject person:sooronbai-jeenbekov ; rdf:predicate ?office ; kgo:startTime "2017"^^xsd:gYear . '
        "VALUES ?office { kgo:holdsPosition kgo:leaderOf }",
    )


def _rows(path: Path, name: str, *args: str) -> list[dict[str, str | None]]:
    table = store.query_file([path], store.example_query(name, args))
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def test_held_on_says_who_held_which_position_that_day(seeds_build: Path) -> None:
    graph = seeds_build / "graph.ttl"
    on_the_day = {(r["person"], r["of"]) for r in _rows(graph, "held-on", "2020-10-06")}
    assert ("Sooronbai Jeenbekov", "Kyrgyzstan") in on_the_day
    assert ("Alexander Lukashenko", "Belarus") in on_the_day
    assert ("Almazbek Atambayev", "Kyrgyzstan") not in on_the_day  # the former president
    # "succeeded him as president in 2017": held from 2017 to the day it was reported
    assert {(r["person"], r["from"], r["until"]) for r in _rows(graph, "held-on", "2018-03")} == {
        ("Sooronbai Jeenbekov", "2017", "2020-10-06")
    }
    assert _rows(graph, "held-on", "2016") == []


SPANS = """@prefix kgo: <https://example.org/kg/ontology#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/kg/> .
:doc dcterms:identifier "a.txt" .
:leader rdfs:label "Charles Kennedy" . :party rdfs:label "Liberal Democrats" .
:chancellor rdfs:label "Gordon Brown" . :treasury rdfs:label "Treasury" .
:aznar rdfs:label "Jose Maria Aznar" . :spain rdfs:label "Spain" .
:s1 a rdf:Statement ; rdf:subject :leader ; rdf:predicate kgo:leaderOf ; rdf:object :party ; prov:wasDerivedFrom :doc ;
    kgo:evidence "Mr Kennedy has led the Liberal Democrats since 1999." ; kgo:status "current" ;
    kgo:startTime "1999"^^xsd:gYear ; kgo:reportedDate "2004-11-15"^^xsd:date .
:s2 a rdf:Statement ; rdf:subject :chancellor ; rdf:predicate kgo:holdsPosition ; rdf:object :treasury ;
    prov:wasDerivedFrom :doc ; kgo:evidence "Chancellor Gordon Brown spoke." ; kgo:status "current" ;
    kgo:reportedDate "2004-11"^^xsd:gYearMonth .
:s3 a rdf:Statement ; rdf:subject :aznar ; rdf:predicate kgo:holdsPosition ; rdf:object :spain ; prov:wasDerivedFrom :doc ;
    kgo:evidence "Jose Maria Aznar was prime minister of Spain until April 2004." ; kgo:status "former" ;
    kgo:endTime "2004-04"^^xsd:gYearMonth .
"""


@pytest.mark.parametrize(
    ("date", "holders"),
    [
        ("1998", set()),
        ("1999-06", {"Charles Kennedy"}),  # "since 1999": some day of 1999 on
        ("2004-04", {"Charles Kennedy", "Jose Maria Aznar"}),  # "until April 2004", former: held then, when else unsaid
        ("2004-04-30", {"Charles Kennedy", "Jose Maria Aznar"}),
        ("2004-05-01", {"Charles Kennedy"}),
        ("2004-11", {"Charles Kennedy", "Gordon Brown"}),
        ("2004-11-20", {"Gordon Brown"}),  # reported in November, some day of it; Mr Kennedy on the 15th
        ("2004-12-01", set()),
    ],
)
def test_held_on_reads_each_date_at_its_precision(tmp_path: Path, date: str, holders: set[str]) -> None:
    graph = tmp_path / "spans.ttl"
    graph.write_text(SPANS, encoding="utf-8")
    assert {r["person"] for r in _rows(graph, "held-on", date)} == holders


def test_positions_lists_leaders_too(tmp_path: Path) -> None:
    graph = tmp_path / "spans.ttl"
    graph.write_text(SPANS, encoding="utf-8")
    assert {r["person"] for r in _rows(graph, "positions")} == {"Charles Kennedy", "Gordon Brown", "Jose Maria Aznar"}


def test_held_on_wants_a_date() -> None:
    with pytest.raises(StoreError) as error:
        store.example_query("held-on", ["March"])
    assert str(error.value) == "the held-on example wants a date as YYYY-MM-DD, YYYY-MM or YYYY, not 'March'"


def test_facts_per_country_join_by_iso_code(seeds_build: Path) -> None:
    rows = {r["code"]: r for r in _rows(seeds_build / "graph.ttl", "countries")}
    assert rows["KG"]["country"] == "Kyrgyzstan"
    assert int(rows["KG"]["facts"] or 0) > int(rows["RU"]["facts"] or 0) > 0
    assert int(rows["KG"]["places"] or 0) >= 2  # Kyrgyzstan, Bishkek


def test_a_month_dated_article_is_dated_at_month_precision(tmp_path: Path) -> None:
    graph = graph_of(
        "date 2004-11\nPresident Vladimir Putin of Russia met the German chancellor in Moscow. Russia wants a gas deal."
    )
    assert graph.graph["base_iri"] == DEFAULT_BASE_IRI
    path = tmp_path / "graph.ttl"
    path.write_text(to_turtle(graph), encoding="utf-8")
    assert ask(path, '?doc dcterms:date "2004-11"^^xsd:gYearMonth . ?st kgo:reportedDate "2004-11"^^xsd:gYearMonth')
    conforms, report = validate(path)
    assert conforms, report
    parsed = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
    assert parsed


def test_every_kgo_term_the_build_uses_is_declared_with_label_comment_domain_and_range(seeds_build: Path) -> None:
    import rdflib

    ontology = rdflib.Graph().parse(Path(__file__).parent.parent / "kg" / "ontology.ttl")
    built = rdflib.Graph().parse(seeds_build / "graph.nt", format="nt")
    kgo = "https://example.org/kg/ontology#"
    used = {str(p) for p in built.predicates() if str(p).startswith(kgo)}
    used |= {str(o) for o in built.objects(None, rdflib.RDF.type) if str(o).startswith(kgo)}
    declared = {str(s) for s in ontology.subjects(rdflib.RDFS.label, None)}
    assert used <= declared, used - declared
    for prop in ontology.subjects(rdflib.RDF.type, rdflib.OWL.DatatypeProperty):
        for needed in (rdflib.RDFS.comment, rdflib.RDFS.domain, rdflib.RDFS.range):
            assert ontology.value(prop, needed) is not None, (prop, needed)
