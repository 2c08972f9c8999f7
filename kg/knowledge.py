"""General knowledge the rules need, read once from the data files under kg/data/."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

UNMEASURED_CAP = 0.7  # a rule never measured does not reach the confident band (>= 0.8)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    capital: str | None
    neighbours: frozenset[str]


@dataclass(frozen=True)
class Knowledge:
    countries: dict[str, Country]  # ISO code -> country
    country_by_name: dict[str, str]  # lower-case name or alias -> ISO code
    country_by_demonym: dict[str, str]  # "russian" -> "RU"
    city_country: dict[str, str]  # "Bishkek" -> "KG"
    regions: frozenset[str]
    lexicon: dict[str, Any]
    rule_confidence: dict[str, float] = field(default_factory=dict)  # measured precision per rule
    # derived word sets, built on first use: the rules ask for them hundreds of thousands of times
    derived: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

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

    def words(self, key: str) -> frozenset[str]:
        """A lexicon list as a lower-case set (cached)."""
        found = self.derived.get(key)
        if found is None:
            found = self.derived[key] = frozenset(w.lower() for w in self.lexicon[key])
        return found

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
    return json.loads(resources.files("kg.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def load_knowledge() -> Knowledge:
    geo = _read_json("geo.json")
    countries: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    for code, entry in sorted(geo["countries"].items()):
        countries[code] = Country(code, entry["name"], entry["capital"], frozenset(entry["neighbours"]))
        for name in [entry["name"], *entry["names"]]:
            by_name.setdefault(_fold(name), code)
        for demonym in entry["demonyms"]:
            by_demonym.setdefault(_fold(demonym), code)
    return Knowledge(
        countries=countries,
        country_by_name=by_name,
        country_by_demonym=by_demonym,
        city_country=dict(geo["cities"]),
        regions=frozenset(geo["regions"]) | frozenset(geo["continents"]),
        lexicon=_read_json("lexicon.json"),
        rule_confidence=_rule_confidence(),
    )


def _rule_confidence() -> dict[str, float]:
    """Each rule's calibrated confidence, written by scripts/calibrate.py; none if the file is absent."""
    if not resources.files("kg.data").joinpath("rule_confidence.json").is_file():
        return {}
    rules = _read_json("rule_confidence.json")["rules"]
    return {rule: float(entry["confidence"]) for rule, entry in rules.items()}
