"""General knowledge the rules need, read once from the data files under kg/data/."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import orjson

UNMEASURED_CAP = 0.7  # a rule never measured does not reach the confident band (>= 0.8)
# Cities at least this big are known places by name alone; smaller ones need a place context.
MIN_CITY_POPULATION = 100_000
# ISO 3166-2 subdivision types that are regions a news text names as places ("Aceh", "Queensland")
REGION_TYPES = frozenset(
    {
        "State", "Province", "Region", "Country", "Autonomous region", "Autonomous community", "Land",
        "Oblast", "Governorate", "Prefecture", "Emirate", "Territory", "Union territory", "Autonomous republic",
        "Republic", "Canton", "Regional state", "Voivodship", "Administrative region", "Autonomous province",
        "Special administrative region", "Autonomous city", "Capital territory", "Federal district",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    capital: str | None
    neighbours: frozenset[str]
    alpha3: str | None = None  # ISO 3166-1 alpha-3
    geonameid: int | None = None  # GeoNames feature id; None for former states ("Soviet Union")


class City(NamedTuple):
    geonameid: int
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int


class Subdivision(NamedTuple):
    code: str  # ISO 3166-2, "ID-AC"
    country: str
    type: str


class Airport(NamedTuple):
    iata: str
    country: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Knowledge:
    countries: dict[str, Country]  # ISO code -> country
    country_by_name: dict[str, str]  # lower-case name or alias -> ISO code
    country_by_demonym: dict[str, str]  # "russian" -> "RU"
    city_country: dict[str, str]  # "Bishkek" -> "KG": cities of MIN_CITY_POPULATION, the most populous of a name
    regions: frozenset[str]  # first-level subdivisions (ISO 3166-2), US states, continents
    lexicon: dict[str, Any]
    cities: dict[str, tuple[City, ...]] = field(default_factory=dict)  # every GeoNames city, most populous first
    subdivisions: dict[str, tuple[Subdivision, ...]] = field(default_factory=dict)
    us_counties: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "Polk County" -> ("US-FL", ...)
    region_abbreviations: dict[str, str] = field(default_factory=dict)  # "Calif." -> "California"
    postal_codes: dict[str, str] = field(default_factory=dict)  # "MA" -> "Massachusetts", for "(D-MA)" only
    airports: dict[str, tuple[Airport, ...]] = field(default_factory=dict)
    given_names: dict[str, str] = field(default_factory=dict)  # "Tony" -> "m", "Cherie" -> "f", "Leslie" -> "a"
    name_variants: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "Tony" -> ("Anthony", ...)
    surnames: frozenset[str] = frozenset()  # lower-case, US Census 1990
    rule_confidence: dict[str, float] = field(default_factory=dict)  # measured precision per rule
    # derived word sets, built on first use: the rules ask for them hundreds of thousands of times
    derived: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    derived_names: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def confidence(self, rule: str, predicate: str, prior: float) -> float:
        """A rule's measured precision for this predicate (kg/data/rule_confidence.json, written by
        scripts/calibrate.py), else the prior in its code kept below the confident band."""
        measured = self.rule_confidence.get(f"{rule} {predicate}")
        return measured if measured is not None else min(prior, UNMEASURED_CAP)

    def country_code(self, name: str) -> str | None:
        return self.country_by_name.get(_fold(name))

    def demonym_country(self, word: str) -> str | None:
        return self.country_by_demonym.get(_fold(word))

    def is_known_place(self, name: str) -> bool:
        return self.country_code(name) is not None or name in self.city_country or name in self.regions

    def region_country(self, name: str) -> str | None:
        """The country of a first-level region, when the name is one region's only."""
        name = self.region_name(name)
        found = {s.country for s in self.subdivisions.get(name, ()) if s.type in REGION_TYPES}
        if name in self.us_counties:
            found.add("US")
        return next(iter(found)) if len(found) == 1 else None

    def region_name(self, name: str) -> str:
        """ "Calif." (or "Calif", its full stop taken off) -> "California"; other names as they are.
        Without the full stop only an abbreviation no name could be ("Calif", "N.Y"), not "Pa" or "Del"."""
        found = self.region_abbreviations.get(name)
        if found is None and (len(name) >= 4 or "." in name):
            found = self.region_abbreviations.get(name + ".")
        return found or name

    def cities_in(self, city: str, region: str) -> list[City]:
        """The gazetteer's cities of that name in the region named ("Portland", "Ore." or "Oregon")."""
        codes = {s.code for s in self.subdivisions.get(self.region_name(region), ())}
        return [c for c in self.cities.get(city, ()) if f"{c.country}-{c.admin1}" in codes]

    def subdivision_name(self, folded: str) -> str | None:
        """A region's name as ISO 3166-2 writes it, from its lower-case form ("maine" -> "Maine")."""
        names = self.derived_names.get("subdivisions")
        if names is None:
            names = self.derived_names["subdivisions"] = {n.casefold(): n for n in sorted(self.subdivisions)}
        return names.get(folded)

    def is_gazetteer_place(self, name: str) -> bool:
        """Any place of the gazetteers, small towns, counties and airports included."""
        return self.is_known_place(name) or name in self.cities or name in self.us_counties or name in self.airports

    def words(self, key: str) -> frozenset[str]:
        """A lexicon list as a lower-case set (cached)."""
        found = self.derived.get(key)
        if found is None:
            found = self.derived[key] = frozenset(w.lower() for w in self.lexicon[key])
        return found

    def body_heads(self) -> frozenset[str]:
        """The head nouns of bodies' names, institutions' and parties' ("ministry", "party"), built once."""
        return self.derived_words("body heads", lambda: self.words("institution_heads") | self.words("party_heads"))

    def derived_words(self, name: str, build: Callable[[], frozenset[str]]) -> frozenset[str]:
        """A word set computed from the lexicon once per process, under a name of the caller's."""
        found = self.derived.get(name)
        if found is None:
            found = self.derived[name] = build()
        return found


def _fold(name: str) -> str:
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name.lower()


def _read_json(name: str) -> Any:
    return orjson.loads(resources.files("kg.data").joinpath(name).read_bytes())


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build many long-lived objects at once: the gazetteers' 200,000 tuples and strings, a model's
    weights. None of them is garbage, and the cyclic collector's passes over them as they are
    made cost as much as making them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@cache
def load_knowledge() -> Knowledge:
    with collector_paused():
        return _load_knowledge()


def _load_knowledge() -> Knowledge:
    geo = _read_json("geo.json")
    people = _read_json("names.json")
    countries: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    for code, entry in sorted(geo["countries"].items()):
        countries[code] = Country(
            code, entry["name"], entry["capital"], frozenset(entry["neighbours"]), entry["alpha3"], entry["geonameid"]
        )
        for name in [entry["name"], *entry["names"]]:
            by_name.setdefault(_fold(name), code)
        for demonym in entry["demonyms"]:
            by_demonym.setdefault(_fold(demonym), code)
    # _make builds a named tuple without the per-call argument parsing of City(*e): 90,000 cities at start-up
    cities = {name: tuple(map(City._make, entries)) for name, entries in geo["cities"].items()}
    subdivisions = {name: tuple(map(Subdivision._make, entries)) for name, entries in geo["subdivisions"].items()}
    lexicon = _read_json("lexicon.json")
    # "Trade Secretary", "Culture Secretary": a cabinet secretary is named by the ministry's domain,
    # as "Home Secretary" is; every domain the ministries list has makes one
    lexicon["head_of_state_titles"] = list(
        dict.fromkeys([*lexicon["head_of_state_titles"], *(f"{d} secretary" for d in lexicon["ministry_domains"])])
    )
    generic = frozenset(w.lower() for w in lexicon["generic_place_words"])
    regions = {
        name
        for name, subs in subdivisions.items()
        if any(s.type in REGION_TYPES for s in subs) and _is_distinctive(name, generic, people["given"])
    }
    return Knowledge(
        countries=countries,
        country_by_name=by_name,
        country_by_demonym=by_demonym,
        city_country={
            name: found[0].country
            for name, found in cities.items()
            if found[0].population >= MIN_CITY_POPULATION and _fold(name) not in by_name
        },
        regions=frozenset(regions - set(by_name)) | frozenset(geo["continents"]),
        lexicon=lexicon,
        rule_confidence=_rule_confidence(),
        cities=cities,
        subdivisions=subdivisions,
        us_counties={name: tuple(codes) for name, codes in geo["us_counties"].items()},
        region_abbreviations=dict(geo["region_abbreviations"]),
        postal_codes=dict(geo["postal_codes"]),
        airports={name: tuple(map(Airport._make, entries)) for name, entries in geo["airports"].items()},
        given_names=dict(people["given"]),
        name_variants={name: tuple(found) for name, found in people["variants"].items()},
        surnames=frozenset(n.lower() for n in people["surnames"]),
    )


def _is_distinctive(name: str, generic: frozenset[str], given_names: dict[str, str]) -> bool:
    """A region's name that names it in English text: not "Central" or "Coast" (ISO 3166-2 has
    regions so named), nor a given name ("Mary", "Paul"), nor a stop word ("Most")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lower = name.lower()
    if lower in generic or lower in STOP_WORDS or name in given_names:
        return False
    return not all(w in generic for w in lower.replace("-", " ").split())


def _rule_confidence() -> dict[str, float]:
    """Each rule's calibrated confidence, written by scripts/calibrate.py; none if the file is absent."""
    if not resources.files("kg.data").joinpath("rule_confidence.json").is_file():
        return {}
    rules = _read_json("rule_confidence.json")["rules"]
    return {rule: float(entry["confidence"]) for rule, entry in rules.items()}
