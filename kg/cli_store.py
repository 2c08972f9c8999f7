"""`kg load` and `kg query`: the command line of kg.store; kg/cli.py registers them."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg import store
from kg.errors import InputError

DEFAULT_FILE = Path("output/graph.nt")

_LOAD_EPILOG = """\
examples:
  oxigraph serve --location store/ &
  kg load http://localhost:7878/store                       # Oxigraph
  kg load http://localhost:3030/kg/data output/graph.ttl    # Fuseki, dataset "kg"
  kg load --graph urn:kg:run-2 --append http://localhost:7878/store more.nt

The graph is replaced (HTTP PUT) unless --append (HTTP POST). The default graph IRI is
<base>graph/<folder of the first file>, the base read from the build's document IRIs:
https://example.org/kg/graph/output for output/graph.nt. Query it with
kg query --endpoint URL --graph IRI, or start the store so that it queries the union of
its graphs (oxigraph serve --union-default-graph).
"""


def add_store_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `kg load` and `kg query` on the `kg` subcommand parser."""
    load = commands.add_parser(
        "load",
        help="push the written RDF into a triple store (Graph Store HTTP Protocol)",
        description="Send RDF files into one graph of a triple store over the SPARQL 1.1 Graph Store HTTP "
        "Protocol: Oxigraph, Fuseki, GraphDB, Virtuoso.",
        epilog=_LOAD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument(
        "endpoint",
        metavar="ENDPOINT",
        help="the store's Graph Store Protocol URL, e.g. http://localhost:7878/store (Oxigraph), "
        "http://localhost:3030/DATASET/data (Fuseki); http://user:password@host/... for basic auth",
    )
    load.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help=f".ttl, .nt or .jsonld files (default: {DEFAULT_FILE})",
    )
    target = load.add_mutually_exclusive_group()
    target.add_argument("--graph", metavar="IRI", help="named graph to load into (default: <base>graph/<folder>)")
    target.add_argument(
        "--default-graph", action="store_true", help="load into the store's default graph instead of a named graph"
    )
    load.add_argument("--append", action="store_true", help="add to the graph instead of replacing it")
    load.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="per request (default: 60)")
    load.set_defaults(run=_run_load)

    names = store.examples()
    query = commands.add_parser(
        "query",
        usage="%(prog)s [FILE ...] (QUERY | --example NAME [ARG]) [--endpoint URL [--graph IRI]] [--max-width N]",
        help="run SPARQL over the written RDF or a store, print a table",
        description="Run a SPARQL query, or one of kg's example queries, over RDF files (embedded Oxigraph) "
        "or a SPARQL endpoint, and print the answer as a table.",
        epilog="example queries (--example NAME [ARG]):\n"
        + "\n".join(
            f"  {' '.join([name, *(p.upper() for p in ex.params)]):<16} {ex.summary}" for name, ex in names.items()
        )
        + "\n\nexamples:\n"
        "  kg query --example positions                            # over output/graph.nt\n"
        '  kg query output/graph.ttl --example person "Mr Jeenbekov"\n'
        "  kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'\n"
        "  kg query --endpoint http://localhost:7878/query --graph https://example.org/kg/graph/output \\\n"
        "      --example sources\n"
        "  kg query output/graph.nt my-query.rq",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument(
        "args",
        nargs="*",
        metavar="FILE|QUERY",
        help=f"RDF files to query (default: {DEFAULT_FILE}; none with --endpoint), then the SPARQL text or "
        "a .rq file holding it (no QUERY with --example)",
    )
    query.add_argument("--endpoint", metavar="URL", help="query a SPARQL endpoint, e.g. http://localhost:7878/query")
    query.add_argument(
        "--graph",
        action="append",
        default=[],
        metavar="IRI",
        help="with --endpoint: query this graph (repeatable; default: the store's default graph)",
    )
    query.add_argument(
        "--example", nargs="+", metavar=("NAME", "ARG"), help=f"run an example query: {', '.join(names)}"
    )
    query.add_argument(
        "--max-width", type=int, default=60, metavar="N", help="cut cells to N characters, 0 for no limit (default: 60)"
    )
    query.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="with --endpoint (default: 60)")
    query.set_defaults(run=_run_query)


def _run_load(args: argparse.Namespace) -> int:
    files: list[Path] = args.files or [DEFAULT_FILE]
    for path in files:
        if not path.is_file():
            raise InputError(f"no RDF file {path}: run kg build first, or name the files to load")
    graph_iri = None if args.default_graph else (args.graph or store.default_graph_iri(files))
    n_triples = store.load(args.endpoint, files, graph_iri, append=args.append, timeout=args.timeout)
    where = "the default graph" if graph_iri is None else f"<{graph_iri}>"
    verb = "added" if args.append else "loaded"
    print(f"{verb} {n_triples} triples from {', '.join(map(str, files))} into {where} at {args.endpoint}")
    return 0


def _run_query(args: argparse.Namespace) -> int:
    positionals: list[str] = list(args.args)
    if args.example:
        name, *example_args = args.example
        sparql = store.example_query(name, example_args)
    elif positionals:
        sparql = _read_query(positionals.pop())
    else:
        raise InputError("no query: give the SPARQL text, a .rq file, or --example NAME")
    if args.endpoint:
        if positionals:
            raise InputError(f"with --endpoint, give no files: {' '.join(positionals)}")
        table = store.query_endpoint(args.endpoint, sparql, graph_iris=args.graph, timeout=args.timeout)
    else:
        if args.graph:
            raise InputError("--graph needs --endpoint: files are queried as one graph")
        files = [Path(p) for p in positionals] or [DEFAULT_FILE]
        for path in files:
            if not path.is_file():
                raise InputError(f"no RDF file {path}: run kg build first, or name the files to query")
        table = store.query_file(files, sparql)
    print(store.format_table(table, max_width=args.max_width or None))
    return 0


def _read_query(text: str) -> str:
    """The QUERY argument: SPARQL text, or the path of a .rq file holding it."""
    if text.endswith(".rq"):
        path = Path(text)
        if not path.is_file():
            raise InputError(f"no query file {path}")
        return path.read_text(encoding="utf-8")
    return text
