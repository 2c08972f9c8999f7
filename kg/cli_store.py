"""`kg load` and `kg query`: the command line of kg.store; kg/cli.py registers them."""

from __future__ import annotations

import argparse
import difflib
import math
import shlex
import sys
from pathlib import Path

from kg import store
from kg.display import one_line, shown_path, text_argument
from kg.errors import InputError, StoreError

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


def seconds(text: str) -> float:
    """--timeout: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def add_store_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser, epilog: str
) -> None:
    """Register `kg load` and `kg query` on the `kg` subcommand parser."""
    load = commands.add_parser(
        "load",
        parents=[common],
        help="push the written RDF into a triple store (Graph Store HTTP Protocol)",
        description="Send RDF files into one graph of a triple store over the SPARQL 1.1 Graph Store HTTP "
        "Protocol: Oxigraph, Fuseki, GraphDB, Virtuoso.",
        epilog=_LOAD_EPILOG + "\n" + epilog,
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
    load.add_argument(
        "--timeout",
        type=seconds,
        default=600.0,
        metavar="SECONDS",
        help="deadline for each file's whole upload (default: 600)",
    )
    load.set_defaults(run=_run_load, command_parser=load)

    names = store.examples()
    query = commands.add_parser(
        "query",
        parents=[common],
        usage="%(prog)s [FILE ...] (QUERY | --example NAME [ARG]) [--endpoint URL [--graph IRI]]\n"
        "                [--format {table,csv,tsv,json}] [--max-width N] [--timeout SECONDS] [-q | -v]",
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
        "  kg query output/graph.nt my-query.rq\n"
        "  kg query --example sources --format json | jq .document\n\n" + epilog,
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
        "--format",
        choices=store.FORMATS,
        default="table",
        help="table (aligned, for people), csv, tsv, or json (JSON lines: one object per row) (default: table)",
    )
    query.add_argument(
        "--max-width",
        type=int,
        default=60,
        metavar="N",
        help="with --format table: cut cells to N columns, 0 for no limit (default: 60)",
    )
    query.add_argument(
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="SECONDS",
        help="with --endpoint: deadline for the whole answer (default: 60)",
    )
    query.set_defaults(run=_run_query, command_parser=query)


def _trace(args: argparse.Namespace) -> store.Trace:
    if not args.verbose:
        return None
    return lambda line: print(f"kg: {one_line(line)}", file=sys.stderr)


def _note(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(f"note: {one_line(text)}", file=sys.stderr)


def _run_load(args: argparse.Namespace) -> int:
    endpoint = text_argument(args.endpoint, "ENDPOINT")
    files: list[Path] = args.files or [DEFAULT_FILE]
    for path in files:
        if not path.is_file():
            raise InputError(f"no RDF file {shown_path(path)}: run kg build first, or name the files to load")
    if args.default_graph:
        graph_iri = None
    elif args.graph:
        graph_iri = text_argument(args.graph, "--graph")
    else:
        graph_iri = store.default_graph_iri(files)
    n_triples = store.load(endpoint, files, graph_iri, append=args.append, timeout=args.timeout, trace=_trace(args))
    if args.quiet:
        return 0
    where = "the default graph" if graph_iri is None else f"<{graph_iri}>"
    verb = "added" if args.append else "loaded"
    shown_endpoint = store.redact(store.to_uri(endpoint))
    print(f"{verb} {n_triples} triples from {', '.join(map(shown_path, files))} into {where} at {shown_endpoint}")
    query_url = store.query_url_for(shown_endpoint)
    command = ["kg", "query", "--endpoint", query_url or "QUERY-URL"]
    if graph_iri is not None:
        command += ["--graph", graph_iri]
    print("read it back: " + shlex.join([*command, "--example", "positions"]))
    return 0


def _run_query(args: argparse.Namespace) -> int:
    positionals: list[str] = list(args.args)
    trace = _trace(args)
    if args.example:
        name, *example_args = (text_argument(arg, "--example") for arg in args.example)
        sparql = store.example_query(name, example_args)
    elif positionals:
        sparql = _read_query(positionals.pop())
    else:
        raise InputError("no query: give the SPARQL text, a .rq file, or --example NAME")
    graphs = [text_argument(iri, "--graph") for iri in args.graph]
    if args.endpoint:
        endpoint = text_argument(args.endpoint, "--endpoint")
        if positionals:
            raise InputError(f"with --endpoint, give no files: {' '.join(positionals)}")
        if trace:
            trace(f"query:\n{sparql}")
        table = store.query_endpoint(endpoint, sparql, graph_iris=graphs, timeout=args.timeout, trace=trace)
    else:
        if graphs:
            raise InputError("--graph needs --endpoint: files are queried as one graph")
        files = [Path(p) for p in positionals] or [DEFAULT_FILE]
        for path in files:
            if not path.is_file():
                raise InputError(f"no RDF file {shown_path(path)}: run kg build first, or name the files to query")
        if trace:
            trace(f"query over {', '.join(map(shown_path, files))}:\n{sparql}")
        table = store.query_file(files, sparql)
    text = store.format_answer(table, args.format, max_width=args.max_width or None)
    if text:
        print(text)
    if not table.rows and not args.quiet:
        for reason in _why_empty(args, graphs, files=None if args.endpoint else files):
            _note(args, reason)
    return 0


def _why_empty(args: argparse.Namespace, graphs: list[str], files: list[Path] | None) -> list[str]:
    """The likely reasons an answer is empty, where kg can tell: asked with cheap queries."""

    def ask(sparql: str) -> store.Table:
        if files is None:
            return store.query_endpoint(args.endpoint, sparql, graph_iris=graphs, timeout=args.timeout)
        return store.query_file(files, sparql)

    reasons = []
    try:
        if files is None and not graphs:
            named = [row[0] for row in ask(_NAMED_GRAPHS).rows if row[0]]
            if named:
                reasons.append(
                    "the store's default graph holds nothing that matches, but it has named graphs: add --graph IRI, "
                    f"e.g. --graph {named[0]}" + (f" (others: {', '.join(named[1:])})" if len(named) > 1 else "")
                )
        if args.example and args.example[0] == "person" and len(args.example) == 2:
            wanted = args.example[1]
            names = sorted({row[0] for row in ask(_PERSON_NAMES).rows if row[0]})
            if any(name.casefold() == wanted.casefold() for name in names):
                reasons.append(f"{wanted!r} is a person in the graph, but no fact names them")
            else:
                by_case = {name.casefold(): name for name in names}
                close = difflib.get_close_matches(wanted.casefold(), list(by_case), n=5, cutoff=0.6)
                closest = f"; closest: {', '.join(by_case[c] for c in close)}" if close else ""
                reasons.append(f"no person is named {wanted!r}{closest}")
    except StoreError:  # the store cannot say: the empty answer stands without a reason
        pass
    return reasons


_NAMED_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g LIMIT 4"
_PERSON_NAMES = (
    "SELECT DISTINCT ?name WHERE { ?p a <https://example.org/kg/ontology#Person> . "
    "{ ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name } UNION "
    "{ ?p <http://www.w3.org/2004/02/skos/core#altLabel> ?name } }"
)


def _read_query(text: str) -> str:
    """The QUERY argument: SPARQL text, or the path of a .rq file holding it."""
    if text.endswith(".rq"):
        path = Path(text)
        if not path.is_file():
            raise InputError(f"no query file {shown_path(path)}")
        try:
            return path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(
                f"query file {shown_path(path)} is not UTF-8 text (byte {err.object[err.start]:#04x} at offset "
                f"{err.start}): save it as UTF-8"
            ) from err
        except OSError as err:
            raise InputError(f"cannot read query file {shown_path(path)}: {err.strerror or err}") from err
    return text_argument(text, "QUERY")
