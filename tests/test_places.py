"""kg/places.py: Place nodes linked to ISO 3166 and GeoNames only when the gazetteer entry is
certain, with the real gazetteers (kg/data/geo.json) and graphs made by hand: each place is
named in the articles given, the countries beside it in the same articles."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.knowledge import Knowledge
from kg.places import GazetteerFact, PlaceLink, link_places


def graph_of_places(
    *places: tuple[str, tuple[str, ...]], edges: tuple[tuple[str, str, str], ...] = ()
) -> nx.MultiDiGraph:
    """Place nodes by label, each mentioned in the documents given."""
    graph = nx.MultiDiGraph()
    for label, documents in places:
        graph.add_node(f"place/{label.lower()}", cls="Place", label=label, documents=documents)
    for subject, predicate, obj in edges:
        graph.add_edge(f"place/{subject.lower()}", f"place/{obj.lower()}", predicate=predicate)
    return graph


def links_of(knowledge: Knowledge, *places: tuple[str, tuple[str, ...]], edges=()) -> dict[str, PlaceLink]:
    links, _ = link_places(graph_of_places(*places, edges=edges), knowledge)
    return {node.removeprefix("place/"): link for node, link in links.items()}


def test_a_country_gets_its_iso_codes_and_geonames_feature(knowledge: Knowledge) -> None:
    link = links_of(knowledge, ("Kyrgyzstan", ("a",)))["kyrgyzstan"]
    assert (link.kind, link.code, link.alpha3, link.geonames_id, link.country) == (
        "country",
        "KG",
        "KGZ",
        1527747,
        "KG",
    )
    assert link.capital_point == (42.87, 74.59)  # Bishkek, for a map layout
    assert "soviet union" not in links_of(knowledge, ("Soviet Union", ("a",)))  # a former state: no GeoNames feature


def test_a_city_only_one_place_is_named_after_gets_its_feature_and_country(knowledge: Knowledge) -> None:
    graph = graph_of_places(("Bishkek", ("a",)), ("Kyrgyzstan", ("a",)))
    links, facts = link_places(graph, knowledge)
    city = links["place/bishkek"]
    assert (city.kind, city.geonames_id, city.country, city.admin1) == ("city", 1528675, "KG", "KG.01")
    assert (city.latitude, city.longitude) == (42.87, 74.59)
    assert facts == [GazetteerFact("place/bishkek", "place/kyrgyzstan", "GeoNames 1528675: Bishkek, KG.01, Kyrgyzstan")]


def test_no_gazetteer_fact_where_the_text_says_it(knowledge: Knowledge) -> None:
    graph = graph_of_places(
        ("Bishkek", ("a",)), ("Kyrgyzstan", ("a",)), edges=(("Bishkek", "capitalOf", "Kyrgyzstan"),)
    )
    assert link_places(graph, knowledge)[1] == []


def test_a_shared_city_name_takes_the_country_its_article_names(knowledge: Knowledge) -> None:
    assert links_of(knowledge, ("London", ("a",)), ("United Kingdom", ("a",)))["london"].geonames_id == 2643743
    # Ontario's London is a twentieth of England's: an article naming Canada must also use it as a place
    assert "london" not in links_of(knowledge, ("London", ("a",)), ("Canada", ("a",)))
    ontario = links_of(knowledge, ("London", ("a",)), ("Canada", ("a",)), edges=(("London", "locatedIn", "Canada"),))
    assert ontario["london"].geonames_id == 6058560


def test_articles_that_disagree_leave_a_shared_name_unlinked(knowledge: Knowledge) -> None:
    # one node for "London" read in an Ontario story and in a British one: which is it?
    links = links_of(
        knowledge,
        ("London", ("a", "b")),
        ("Ontario", ("a",)),
        ("Canada", ("a",)),
        ("United Kingdom", ("b",)),
        edges=(("London", "locatedIn", "Ontario"),),
    )
    assert "london" not in links


def test_with_no_country_named_only_a_dominant_city_the_text_calls_a_place_is_linked(knowledge: Knowledge) -> None:
    places = [("Paris", ("a",)), ("Birmingham", ("a",)), ("Cambridge", ("a",)), ("Seine", ("a",))]
    edges = tuple((city, "borders", "Seine") for city in ("Paris", "Birmingham", "Cambridge"))
    links = links_of(knowledge, *places, edges=edges)
    assert links["paris"].geonames_id == 2988507  # twenty times any other Paris
    assert "birmingham" not in links and "cambridge" not in links  # England's and Alabama's; four of them
    assert "paris" not in links_of(knowledge, ("Paris", ("a",)))  # named, never used as a place: Paris Hilton?


def test_a_region_gets_its_iso_3166_2_code(knowledge: Knowledge) -> None:
    places = [("Aceh", ("a",)), ("Indonesia", ("a",)), ("Wales", ("c",)), ("United Kingdom", ("c",))]
    links = links_of(knowledge, *places, ("Punjab", ("b",)), ("India", ("b",)))
    assert (links["aceh"].kind, links["aceh"].code, links["aceh"].country) == ("region", "ID-AC", "ID")
    assert links["wales"].code == "GB-WLS"  # ISO writes it "Wales [Cymru GB-CYM]"
    assert links["punjab"].code == "IN-PB"
    assert "punjab" not in links_of(knowledge, ("Punjab", ("a",)))  # India's or Pakistan's?
    lone = links_of(knowledge, ("Aceh", ("a",)), ("Sumatra", ("a",)), edges=(("Aceh", "locatedIn", "Sumatra"),))
    assert lone["aceh"].code == "ID-AC"  # no country named, but one region of that name, used as a place


def test_a_name_of_a_region_and_a_city_of_one_country_gets_only_its_country(knowledge: Knowledge) -> None:
    edges = (("Washington", "borders", "Oregon"),)
    links = links_of(knowledge, ("Washington", ("a",)), ("United States", ("a",)), ("Oregon", ("a",)), edges=edges)
    assert (links["washington"].kind, links["washington"].country, links["washington"].geonames_id) == (
        None,
        "US",
        None,
    )
    osh = links_of(knowledge, ("Osh", ("a",)), ("Kyrgyzstan", ("a",)), edges=(("Osh", "locatedIn", "Kyrgyzstan"),))
    assert osh["osh"].country == "KG"  # the city and its province
    assert "osh" not in links_of(knowledge, ("Osh", ("a",)), ("Kyrgyzstan", ("a",)))  # not used as a place: unsure
    assert "washington" not in links_of(knowledge, ("Washington", ("a",)), ("United States", ("a",)))


def test_a_country_named_like_a_region_of_another_is_left_when_that_one_is_named(knowledge: Knowledge) -> None:
    assert "georgia" not in links_of(knowledge, ("Georgia", ("a",)), ("United States", ("a",)))
    assert links_of(knowledge, ("Georgia", ("a",)), ("Russia", ("a",)))["georgia"].code == "GE"


def test_a_region_the_article_names_settles_its_cities(knowledge: Knowledge) -> None:
    # Belfast is also a town in South Africa; Northern Ireland names the United Kingdom
    edges = (("Belfast", "capitalOf", "Northern Ireland"),)
    links = links_of(knowledge, ("Belfast", ("a",)), ("Northern Ireland", ("a",)), edges=edges)
    assert links["northern ireland"].code == "GB-NIR"
    assert links["belfast"].geonames_id == 2655984


def test_a_county_the_gazetteer_knows_as_a_subdivision_still_names_its_country(knowledge: Knowledge) -> None:
    # "Norfolk farmer Tony Martin": an English county, not Norfolk, Virginia
    links = links_of(knowledge, ("Norfolk", ("a",)), ("United Kingdom", ("a",)))
    assert (links["norfolk"].kind, links["norfolk"].country, links["norfolk"].geonames_id) == (None, "GB", None)


@pytest.mark.parametrize("label", ["Labrador", "Woodbridge"])
def test_with_no_country_named_a_small_town_entry_is_not_taken(knowledge: Knowledge, label: str) -> None:
    # "a black Labrador" (a dog, not the Gold Coast suburb), "Woodbridge, Suffolk" (too small for the
    # gazetteer, which has California's and New Jersey's)
    assert label.lower() not in links_of(knowledge, (label, ("a",)), ("Iraq", ("a",)))


def test_a_place_named_like_a_person_of_its_article_is_left_unlinked(knowledge: Knowledge) -> None:
    # "President Bush's choice" read as a place: Bush is also a city of 136,000 in Egypt
    graph = graph_of_places(("Bush", ("a",)), ("United States", ("a",)))
    graph.add_node("person/george-w-bush", cls="Person", label="George W. Bush", documents=("a",))
    assert "place/bush" not in link_places(graph, knowledge)[0]


def test_small_towns_need_the_text_to_use_them_as_places(knowledge: Knowledge) -> None:
    # "Geneva" in an American article: Illinois has a town of 21,000, Switzerland a city of 183,000
    assert "geneva" not in links_of(knowledge, ("Geneva", ("a",)), ("United States", ("a",)))
    edges = (("Geneva", "locatedIn", "Illinois"),)
    illinois = links_of(knowledge, ("Geneva", ("a",)), ("United States", ("a",)), ("Illinois", ("a",)), edges=edges)
    assert illinois["geneva"].country == "US"


def test_a_page_naming_every_country_says_nothing_of_its_places(knowledge: Knowledge) -> None:
    # a form's list of countries: "Southern" fits Rwanda's Southern Province only by chance
    graph = graph_of_places(("Southern", ("a",)), *((c.name, ("a",)) for c in list(knowledge.countries.values())[:40]))
    assert "place/southern" not in link_places(graph, knowledge)[0]


@pytest.mark.parametrize(
    ("label", "geonames_id"),
    [("Portland, Maine", 4975802), ("Portland, Oregon", 5746545), ("Columbus, Georgia", 4188985)],
)
def test_a_city_labelled_with_its_region_is_that_regions_city(
    knowledge: Knowledge, label: str, geonames_id: int
) -> None:
    link = links_of(knowledge, (label, ("a",)))[label.lower()]
    assert (link.kind, link.geonames_id, link.country) == ("city", geonames_id, "US")


def test_a_city_lies_in_the_region_of_its_lettered_geonames_division(knowledge: Knowledge) -> None:
    graph = graph_of_places(("Glasgow", ("a",)), ("Scotland", ("a",)), ("United Kingdom", ("a",)))
    _, facts = link_places(graph, knowledge)
    assert ("place/glasgow", "place/scotland") in {(f.subject, f.object) for f in facts}
    assert ("place/scotland", "place/united kingdom") in {(f.subject, f.object) for f in facts}


def test_a_numbered_geonames_division_names_no_region(knowledge: Knowledge) -> None:
    # GeoNames numbers Kyrgyzstan's divisions ("KG.01"); ISO 3166-2's "KG-01" would be another code system
    graph = graph_of_places(("Bishkek", ("a",)), ("Kyrgyzstan", ("a",)), ("Chuy", ("a",)))
    _, facts = link_places(graph, knowledge)
    assert {f.object for f in facts if f.subject == "place/bishkek"} == {"place/kyrgyzstan"}
