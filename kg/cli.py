"""The command line: parse flags, run, print a summary; errors become one line on stderr."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.config import DEFAULT_BASE_IRI, Settings, check_base_iri
from kg.display import one_line, shown_path, text_argument
from kg.errors import KgError, Stopped
from kg.nlp import DEFAULT_MODEL
from kg.signals import stopping_signals

_EPILOG = """\
exit status: 0 done, 1 an error (one line on stderr, starting "kg: error:"), 2 a usage error
(a bad flag or argument), 130 stopped by Ctrl-C, 143 by SIGTERM, 129 by SIGHUP.
"""


def common_options() -> argparse.ArgumentParser:
    """--quiet and --verbose, shared by every command."""
    common = argparse.ArgumentParser(add_help=False)
    talk = common.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    talk.add_argument("-v", "--verbose", action="store_true", help="also say what is done, step by step, on stderr")
    return common


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a typed, traceable knowledge graph from English news articles.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        parents=[common_options()],
        help="read articles and write the graph (RDF and HTML)",
        description="Read .txt news articles and write graph.ttl, graph.nt, graph.jsonld, ontology.ttl and graph.html.",
        epilog="A folder is read with its subfolders, in sorted order; each article is cited by its path "
        "relative to the folder given. Hidden files and folders (.name) are not read, with a warning; a "
        "dataset's README or LICENSE file in a folder is set aside. Each file is read once, however often "
        "it is named.\n\n" + _EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="a .txt file, or a folder of them read with its subfolders (default: seeds/)",
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
    build.set_defaults(run=_run_build, command_parser=build)
    _add_optional_commands(commands)
    return parser


def _add_optional_commands(commands: argparse._SubParsersAction) -> None:
    """Commands that live in their own modules register themselves here."""
    from kg import cli_store  # kg load, kg query

    cli_store.add_store_commands(commands, common_options(), _EPILOG)


def _run_build(args: argparse.Namespace) -> int:
    from kg.export.registry import EXPORTERS
    from kg.output import OutputFolder
    from kg.pipeline import build, print_progress

    settings = Settings(
        model=text_argument(args.model, "--model"),
        base_iri=check_base_iri(text_argument(args.base_iri, "--base-iri")),
        n_process=max(0, args.processes),
        cache_dir=args.cache,
        strict=args.strict,
        executor=args.executor,
        scheduler=args.scheduler,
    )
    if args.scheduler and args.executor != "dask":
        raise KgError(f"--scheduler {args.scheduler} needs --executor dask")
    paths = args.paths or [Path("seeds")]
    started = time.monotonic()
    with OutputFolder(args.out, EXPORTERS) as output:
        result = build(paths, settings, progress=print_progress)
        for warning in result.warnings:
            print(f"warning: {one_line(warning)}", file=sys.stderr)
        if settings.strict and result.warnings:
            raise KgError(f"--strict: {len(result.warnings)} warning(s); nothing written to {shown_path(args.out)}")
        if result.n_documents == 0:
            raise KgError(f"no readable documents in {', '.join(map(shown_path, paths))}: nothing written")
        output.write({name: render(result.graph) for name, render in EXPORTERS.items()})
    if args.verbose:
        _print_details(result, time.monotonic() - started)
    if not args.quiet:
        _print_summary(result, args.out)
    return 0


def _print_details(result: object, seconds: float) -> None:
    from kg.pipeline import BuildResult

    assert isinstance(result, BuildResult)
    for doc_id, meta in result.graph.graph["documents"].items():
        print(f"kg: document {one_line(meta['identifier'])} -> document/{doc_id}", file=sys.stderr)
    for path in result.set_aside:
        print(f"kg: set aside {one_line(path)}: a dataset's notes, not an article", file=sys.stderr)
    print(f"kg: built in {seconds:.1f} s", file=sys.stderr)


def _counts(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    return f"{total} (" + ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) + ")" if total else "0"


def _print_summary(result: object, out: Path) -> None:
    from kg.pipeline import BuildResult

    assert isinstance(result, BuildResult)
    documents = f"documents: {result.n_documents} read, {len(result.skipped)} skipped"
    if result.n_cached:
        documents += f", {result.n_cached} from cache"
    if result.set_aside:
        names = ", ".join(one_line(Path(p).name) for p in result.set_aside[:3])
        more = ", ..." if len(result.set_aside) > 3 else ""
        documents += f", {len(result.set_aside)} set aside ({names}{more}: a dataset's notes, not articles)"
    lines = [
        documents,
        f"entities: {_counts(result.entities_per_class())}",
        f"facts: {_counts(result.facts_per_predicate())}",
        f"warnings: {len(result.warnings)}",
        # a folder name that is not UTF-8 is shown with U+FFFD, a newline escaped: stdout may refuse raw bytes
        f"wrote: {shown_path(out)}/ (graph.ttl, graph.nt, graph.jsonld, ontology.ttl, graph.html)",
    ]
    print("\n".join(lines))


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse; an unknown flag is reported with the usage of the command it was given to."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        command_parser = getattr(args, "command_parser", parser)
        command_parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args


def _lenient_streams() -> None:
    """A terminal or pipe whose encoding cannot show a character gets an escape, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _lenient_streams()
    parser = _build_parser()
    args = _parse(parser, argv)
    try:
        with stopping_signals():
            return int(args.run(args))
    except KgError as err:
        print(f"kg: error: {one_line(str(err))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `kg build | head`: the reader left; not an error of ours
        sys.stderr.close()
        return 0
    except OSError as err:  # the system refused a file kg's own checks could not foresee (full disk, ...)
        where = f"{err.filename}: " if err.filename else ""
        print(f"kg: error: {one_line(where + str(err.strerror or err))}", file=sys.stderr)
        return 1
    except Stopped as stop:
        name = signal.Signals(stop.signum).name
        print(f"kg: stopped by {name}; output folder left as it was", file=sys.stderr)
        return 128 + stop.signum
    except KeyboardInterrupt:
        print("kg: interrupted; output folder left as it was", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
