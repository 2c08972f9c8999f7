"""The command line: parse flags, run, print a summary; errors become one line on stderr."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.config import DEFAULT_BASE_IRI, Settings, check_base_iri
from kg.errors import KgError
from kg.nlp import DEFAULT_MODEL


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build a typed, traceable knowledge graph from English news articles."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="read articles and write the graph (RDF and HTML)",
        description="Read .txt news articles and write graph.ttl, graph.nt, graph.jsonld, ontology.ttl and graph.html.",
    )
    build.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="a .txt file or a folder of them (default: seeds/)"
    )
    build.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    build.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline (default: {DEFAULT_MODEL})")
    build.add_argument(
        "--base-iri", default=DEFAULT_BASE_IRI, help=f"base IRI of entities and documents (default: {DEFAULT_BASE_IRI})"
    )
    build.add_argument("--processes", type=int, default=0, metavar="N", help="worker processes (default: one per core)")
    build.add_argument("--cache", type=Path, metavar="DIR", help="reuse extractions of unchanged articles from DIR")
    build.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where articles are parsed: local processes, or a Dask cluster (pip install 'kg[dask]')",
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler to use with --executor dask, e.g. tcp://10.0.0.5:8786 (default: start one here)",
    )
    build.add_argument("--strict", action="store_true", help="fail on any warning (skipped or re-decoded file)")
    build.add_argument("--quiet", action="store_true", help="print no summary")
    build.set_defaults(run=_run_build)
    _add_optional_commands(commands)
    return parser


def _add_optional_commands(commands: argparse._SubParsersAction) -> None:
    """Commands that live in their own modules register themselves here."""
    from kg import cli_store  # kg load, kg query

    cli_store.add_store_commands(commands)


def _run_build(args: argparse.Namespace) -> int:
    from kg.export.registry import EXPORTERS
    from kg.output import check_output_dir, write_files
    from kg.pipeline import build, print_progress

    settings = Settings(
        model=args.model,
        base_iri=check_base_iri(args.base_iri),
        n_process=max(0, args.processes),
        cache_dir=args.cache,
        strict=args.strict,
        executor=args.executor,
        scheduler=args.scheduler,
    )
    if args.scheduler and args.executor != "dask":
        raise KgError(f"--scheduler {args.scheduler} needs --executor dask")
    paths = args.paths or [Path("seeds")]
    check_output_dir(args.out)
    result = build(paths, settings, progress=print_progress)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if settings.strict and result.warnings:
        raise KgError(f"--strict: {len(result.warnings)} warning(s); nothing written to {args.out}")
    if result.n_documents == 0:
        raise KgError(f"no readable documents in {', '.join(map(str, paths))}: nothing written")
    write_files(args.out, {name: render(result.graph) for name, render in EXPORTERS.items()})
    if not args.quiet:
        _print_summary(result, args.out)
    return 0


def _print_summary(result: object, out: Path) -> None:
    from kg.pipeline import BuildResult

    assert isinstance(result, BuildResult)
    graph = result.graph
    lines = [
        f"documents: {result.n_documents} read, {len(result.skipped)} skipped"
        + (f", {result.n_cached} from cache" if result.n_cached else ""),
        f"entities: {graph.number_of_nodes()} ("
        + ", ".join(f"{c} {n}" for c, n in sorted(result.entities_per_class().items()))
        + ")",
        f"facts: {graph.number_of_edges()} ("
        + ", ".join(f"{p} {n}" for p, n in sorted(result.facts_per_predicate().items()))
        + ")",
        f"warnings: {len(result.warnings)}",
        # a folder name that is not UTF-8 is shown with U+FFFD: stdout may refuse its raw bytes
        f"wrote: {os.fsencode(out).decode(errors='replace')}/"
        " (graph.ttl, graph.nt, graph.jsonld, ontology.ttl, graph.html)",
    ]
    print("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KgError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kg build | head`: the reader left; not an error of ours
        sys.stderr.close()
        return 0
    except OSError as err:  # the system refused a file kg's own checks could not foresee (full disk, ...)
        where = f"{err.filename}: " if err.filename else ""
        print(f"kg: error: {where}{err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kg: interrupted; output folder left as it was", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
