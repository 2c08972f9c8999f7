"""Check written RDF against kg/shapes.ttl, the SHACL form of the graph's contract."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.errors import InputError, KgError

# The syntaxes kg writes. Oxigraph parses them (strictly) and rdflib holds the triples for pyshacl.
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}


def read_shapes() -> rdflib.Graph:
    """The SHACL shapes shipped with kg."""
    text = resources.files("kg").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


def validate(path: Path) -> tuple[bool, str]:
    """Validate the RDF file `path` against kg's shapes: (conforms, pyshacl's report text)."""
    return validate_graph(read_rdf(path))


def validate_graph(data: rdflib.Graph) -> tuple[bool, str]:
    """Validate `data` against kg's shapes: (conforms, pyshacl's report text)."""
    try:
        import pyshacl  # a test extra: only validation needs it
    except ImportError as err:
        raise KgError("validation needs pyshacl: pip install 'kg[test]'") from err
    conforms, _, report = pyshacl.validate(
        data,
        shacl_graph=read_shapes(),
        inference="none",
        allow_warnings=False,
        allow_infos=True,
    )
    return bool(conforms), str(report)


def read_rdf(path: Path) -> rdflib.Graph:
    """Parse `path` strictly (Oxigraph) into an rdflib graph."""
    try:
        fmt = _FORMATS[path.suffix]
    except KeyError:
        known = ", ".join(_FORMATS)
        raise InputError(f"{path} is not an RDF file kg reads: use one of {known}") from None
    try:
        n_triples = ox.serialize(ox.parse(path=path, format=fmt), format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as err:
        raise InputError(f"{path} is not valid {fmt.name}: {err}") from err
    except OSError as err:
        raise InputError(f"cannot read {path}: {err}") from err
    return rdflib.Graph().parse(data=n_triples, format="nt")
