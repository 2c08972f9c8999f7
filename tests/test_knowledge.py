"""kg/data's generated files are what scripts/make_knowledge.py writes from the data packages."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kg.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent


def _make_knowledge():
    spec = importlib.util.spec_from_file_location("make_knowledge", ROOT / "scripts" / "make_knowledge.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_generated_files_are_what_the_script_writes():
    make = _make_knowledge()
    names = make.build_names()
    given = {n.lower() for n in names["given"]}
    surnames = {n.lower() for n in names["surnames"]}
    for file, data in (("names.json", names), ("geo.json", make.build_geo(given, surnames))):
        written = json.loads((ROOT / "kg" / "data" / file).read_text(encoding="utf-8"))
        assert written == json.loads(json.dumps(data)), f"kg/data/{file} is stale: run scripts/make_knowledge.py"


def test_gazetteers_know_regions_towns_airports_and_given_names():
    knowledge = load_knowledge()
    assert knowledge.region_country("Aceh") == "ID"
    assert knowledge.region_country("Queensland") == "AU"
    assert knowledge.region_country("Punjab") is None  # India's and Pakistan's
    assert knowledge.cities["Keighley"][0].country == "GB"
    assert knowledge.cities["Sao Paulo"][0].country == "BR"  # the ASCII spelling too
    assert knowledge.airports["Heathrow"][0].iata == "LHR"
    assert "Polk County" in knowledge.us_counties
    assert knowledge.given_names["Cherie"] == "f" and knowledge.given_names["Gordon"] == "m"
    assert "Robert" in knowledge.name_variants["Bob"]
