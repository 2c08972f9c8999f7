"""Triple stores: push the written RDF to a server, and ask SPARQL of files or servers.

Loading speaks the SPARQL 1.1 Graph Store HTTP Protocol, so one code path serves Oxigraph
(`/store`), Fuseki (`/<dataset>/data`), GraphDB (`/repositories/<id>/rdf-graphs/service`)
and Virtuoso (`/sparql-graph-crud`). Querying a server speaks the SPARQL 1.1 Protocol;
querying files runs embedded Oxigraph. HTTP uses only the standard library.

Graphs: a build goes into one named graph, by default `<base>graph/<out dir name>` where
`<base>` is the base IRI the build minted its document IRIs under
(`https://example.org/kg/graph/output` for `kg build --out output/`). Loading replaces
that graph (HTTP PUT), so loading a rebuilt graph again is idempotent; `append=True`
adds to it (HTTP POST) instead.
"""

from __future__ import annotations

import base64
import csv
import http.client
import io
import json
import math
import os
import re
import socket
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any, NamedTuple

import pyoxigraph as ox

from kg.dates import check_date
from kg.display import shown_path
from kg.errors import InputError, StoreError

# Media types of the files kg writes, as the Graph Store Protocol wants them named.
MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
}
_RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_NEWS_ARTICLE = ox.NamedNode("https://schema.org/NewsArticle")
# Document IRIs are `<base>document/<doc id>` (docs/DESIGN.md).
_DOCUMENT_SEGMENT = "document/"

_RESULTS_JSON = "application/sparql-results+json"
# SELECT and ASK answer in JSON; CONSTRUCT and DESCRIBE in whichever RDF syntax the
# server prefers among those pyoxigraph reads.
_QUERY_ACCEPT = f"{_RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8"
_GSP_HINT = "is it the store's Graph Store Protocol URL? Oxigraph: /store, Fuseki: /DATASET/data"
_QUERY_HINT = "is it the store's SPARQL query URL? Oxigraph: /query, Fuseki: /DATASET/sparql"
_MAX_MESSAGE = 200  # characters of a server's error body quoted in ours

Row = tuple[str | None, ...]
# Where --verbose sends what is done: one line per call, or nowhere.
Trace = Callable[[str], None] | None


class Table(NamedTuple):
    """A query answer: column names and rows of plain strings (None where unbound).

    IRIs are given as the bare IRI, literals as their lexical form, blank nodes as
    `_:id`; an ASK answers one `ask` column, a CONSTRUCT `subject, predicate, object`.
    """

    columns: tuple[str, ...]
    rows: list[Row]


# --- loading ---------------------------------------------------------------------------


def load(
    endpoint: str,
    files: Sequence[Path],
    graph_iri: str | None,
    *,
    append: bool = False,
    timeout: float = 60.0,
    trace: Trace = None,
) -> int:
    """Send `files` into one graph of the store at `endpoint`; return the triples sent.

    `endpoint` is the store's Graph Store Protocol URL (Oxigraph `http://host:7878/store`);
    credentials for HTTP basic auth may be given in it (`http://user:pw@host/...`).
    `graph_iri` names the target graph; None targets the store's default graph.
    The graph is replaced by the files (PUT first, POST the rest) unless `append`.
    Each file is parsed before anything is sent, so a broken file changes nothing.
    """
    if not files:
        raise InputError("no RDF files to load: pass at least one .ttl, .nt or .jsonld")
    if graph_iri is not None:
        _check_iri(graph_iri)
    n_triples = sum(_count_triples(path) for path in files)
    target = _with_query(endpoint, {"graph": graph_iri} if graph_iri else {"default": None})
    for i, path in enumerate(files):
        method = "POST" if append or i > 0 else "PUT"
        with path.open("rb") as body:
            _send(
                target,
                method=method,
                body=body,
                headers={
                    "Content-Type": MEDIA_TYPES[path.suffix],
                    "Content-Length": str(path.stat().st_size),
                },
                timeout=timeout,
                what=shown_path(path),
                hint=_GSP_HINT,
                trace=trace,
            )
    return n_triples


def default_graph_iri(files: Sequence[Path]) -> str:
    """The named graph a build goes into: `<base>graph/<name of the folder of files[0]>`.

    `<base>` is read from the build's own document IRIs (`<base>document/<id>`), so a
    build made with `--base-iri` lands under that base without repeating the flag.
    """
    if not files:
        raise InputError("no RDF files to load: pass at least one .ttl, .nt or .jsonld")
    first = files[0]
    for triple in _parse(first):
        if triple.predicate == _RDF_TYPE and triple.object == _NEWS_ARTICLE:
            document_iri = triple.subject
            if isinstance(document_iri, ox.NamedNode) and _DOCUMENT_SEGMENT in document_iri.value:
                base = document_iri.value.rsplit(_DOCUMENT_SEGMENT, 1)[0]
                # the folder's name as bytes: one that is not UTF-8 still gives a valid IRI
                name = urllib.parse.quote(os.fsencode(first.resolve().parent.name), safe="")
                return f"{base}graph/{name}"
    raise InputError(
        f"cannot name a graph for {shown_path(first)}: it holds no schema:NewsArticle document IRI; "
        "pass the graph IRI explicitly (--graph IRI)"
    )


# --- querying --------------------------------------------------------------------------


def query_file(paths: Sequence[Path], sparql: str) -> Table:
    """Answer `sparql` over the RDF files `paths`, loaded into one embedded store."""
    store = ox.Store()
    for path in paths:
        fmt = _rdf_format(path)
        try:
            store.bulk_load(path=path, format=fmt)
        except SyntaxError as err:
            raise InputError(f"{shown_path(path)} is not valid {fmt.name}: {err}") from err
        except OSError as err:
            raise InputError(f"cannot read {shown_path(path)}: {err.strerror or err}") from err
    try:
        answer = store.query(sparql)
    except SyntaxError as err:
        raise StoreError(f"the query is not valid SPARQL: {_first_line(str(err))}") from err
    return _table_from_oxigraph(answer)


def query_endpoint(
    url: str,
    sparql: str,
    *,
    graph_iris: Iterable[str] = (),
    timeout: float = 60.0,
    trace: Trace = None,
) -> Table:
    """Answer `sparql` at a SPARQL 1.1 Protocol endpoint (Oxigraph `http://host:7878/query`).

    `graph_iris` become the query's default graph (`default-graph-uri`), e.g. the graph
    `load` wrote into; without them the store's own default graph is queried.
    """
    fields = [("query", sparql)]
    for iri in graph_iris:
        _check_iri(iri)
        fields.append(("default-graph-uri", iri))
    body = urllib.parse.urlencode(fields).encode("utf-8")
    status_body, content_type = _send(
        url,
        method="POST",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": _QUERY_ACCEPT,
        },
        timeout=timeout,
        what="the query",
        hint=_QUERY_HINT,
        trace=trace,
    )
    media_type = content_type.split(";")[0].strip().lower()
    if media_type in (_RESULTS_JSON, "application/json"):
        return _table_from_json(status_body, url)
    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None:
        raise StoreError(f"the store at {redact(url)} answered an unreadable {content_type!r}")
    try:
        rows = [_triple_row(t) for t in ox.parse(status_body, format=rdf_format)]
    except SyntaxError as err:
        raise StoreError(
            f"the store at {redact(url)} answered invalid {rdf_format.name}: {_first_line(str(err))}"
        ) from err
    return Table(("subject", "predicate", "object"), rows)


# --- example queries -------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """A named query shipped in kg/queries/<name>.rq."""

    name: str
    summary: str  # the header's first line
    params: tuple[str, ...]  # variables filled from the command line, in order
    sparql: str


# A parameter is written in the .rq as `VALUES ?name { UNDEF }`: the file stays a valid
# query on its own, and the slot takes one literal escaped by sparql_literal.
_PARAM_SLOT = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}")
_PARAM_LINE = re.compile(r"^#\s*param\s+(\w+)\b", re.MULTILINE)


def examples() -> dict[str, Example]:
    """The example queries by name, read from the package's kg/queries/*.rq."""
    found = {}
    for entry in resources.files("kg.queries").iterdir():
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            name = entry.name.removesuffix(".rq")
            found[name] = Example(
                name=name,
                summary=_summary(text),
                params=tuple(_PARAM_LINE.findall(text)),
                sparql=text,
            )
    return dict(sorted(found.items()))


def example_query(name: str, args: Sequence[str] = ()) -> str:
    """The SPARQL of example `name` with its parameters bound to `args` as literals."""
    known = examples()
    if name not in known:
        raise StoreError(f"no example query {name!r}: choose one of {', '.join(known)}")
    example = known[name]
    if len(args) != len(example.params):
        usage = " ".join(["--example", name, *(p.upper() for p in example.params)])
        raise StoreError(f"the {name} example takes {len(example.params)} argument(s), not {len(args)}: use {usage}")
    values = dict(zip(example.params, args, strict=True))
    if "date" in values and check_date(values["date"]) is None:  # held-on: a wrong date would match nothing
        raise StoreError(f"the {name} example wants a date as YYYY-MM-DD, YYYY-MM or YYYY, not {values['date']!r}")

    def fill(slot: re.Match[str]) -> str:
        variable = slot.group(1)
        if variable not in values:
            return slot.group(0)
        return f"VALUES ?{variable} {{ {sparql_literal(values[variable])} }}"

    return _PARAM_SLOT.sub(fill, example.sparql)


def sparql_literal(value: str) -> str:
    """`value` as a SPARQL string literal: quoted, with every special character escaped.

    Only ECHAR escapes are used, and each backslash is doubled, so the text cannot end
    the string early, even in a store that expands `\\uXXXX` before parsing.
    """
    escaped = value.translate(_SPARQL_ESCAPES)
    return f'"{escaped}"'


_SPARQL_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "'": "\\'",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\b": "\\b",
        "\f": "\\f",
    }
)


# --- output ----------------------------------------------------------------------------


FORMATS = ("table", "csv", "tsv", "json")


def format_answer(table: Table, fmt: str = "table", *, max_width: int | None = 60) -> str:
    """`table` as text: an aligned table, CSV, TSV, or JSON lines (one object per row)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(["" if value is None else value for value in row] for row in table.rows)
        return buffer.getvalue().removesuffix("\n")
    if fmt == "tsv":  # the linear TSV habit: tab, newline and backslash escaped inside a cell
        lines = ["\t".join(table.columns)]
        lines += ["\t".join("" if v is None else v.translate(_TSV_ESCAPES) for v in row) for row in table.rows]
        return "\n".join(lines)
    if fmt == "json":  # JSON lines: one object per row, null where unbound
        return "\n".join(
            json.dumps(dict(zip(table.columns, row, strict=True)), ensure_ascii=False) for row in table.rows
        )
    if fmt != "table":
        raise InputError(f"no output format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return format_table(table, max_width=max_width)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def format_table(table: Table, *, max_width: int | None = 60) -> str:
    """`table` as aligned plain text with a row count; cells cut to `max_width` columns of a
    terminal (a Chinese character takes two, a combining accent none)."""
    header = [_cell(name, max_width) for name in table.columns]
    body = [[_cell(value, max_width) for value in row] for row in table.rows]
    widths = [display_width(name) for name in header]
    for row in body:
        widths = [max(width, display_width(cell)) for width, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return " | ".join(c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    n_rows = len(body)
    lines = [line(header), "-+-".join("-" * w for w in widths)]
    lines += [line(row) for row in body]
    lines.append(f"({n_rows} row{'' if n_rows == 1 else 's'})")
    return "\n".join(lines)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide East Asian characters 2, combining marks 0."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cell(value: str | None, max_width: int | None) -> str:
    text = "" if value is None else " ".join(value.split())
    # a control character would move the cursor and break the columns: shown as an escape
    text = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
    if max_width is None or display_width(text) <= max_width:
        return text
    kept: list[str] = []
    width = 0
    for char in text:
        if width + _char_width(char) > max_width - 1:
            break
        kept.append(char)
        width += _char_width(char)
    return "".join(kept) + "…"


# --- helpers ---------------------------------------------------------------------------


def _send(
    url: str,
    *,
    method: str,
    body: bytes | IO[bytes],
    headers: dict[str, str],
    timeout: float,
    what: str,
    hint: str,
    trace: Trace = None,
) -> tuple[bytes, str]:
    """Do one HTTP request; return (body, Content-Type) or raise a StoreError that says why.

    `timeout` is a deadline for the whole request, from connecting to the last byte: a server
    that trickles its answer a byte at a time is cut off at it too. `what` names what was sent,
    `hint` is added when the URL is the wrong service.
    """
    if not (timeout > 0 and math.isfinite(timeout)):
        raise StoreError(f"timeout {timeout!r}: give a positive number of seconds")
    uri = to_uri(url)
    parts = urllib.parse.urlsplit(uri)
    shown = redact(urllib.parse.urlunsplit(parts._replace(query="")))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{shown} is not an http(s) URL: give the store's full URL")
    plain_url, auth = _split_credentials(uri)
    request = urllib.request.Request(plain_url, data=body, headers=headers, method=method)
    if auth:
        request.add_header("Authorization", auth)
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(_HttpHandler(deadline), _HttpsHandler(deadline))
    started = time.monotonic()
    if trace:
        trace(f"{method} {redact(uri)}")
    too_slow = f"the store at {shown} did not answer within {timeout:g} s"
    try:
        with opener.open(request, timeout=timeout) as response:
            answer = response.read(), response.headers.get("Content-Type", "")
            status = f"{response.status} {response.reason}"
        if deadline.expired:  # cut off mid-answer: what arrived may look complete but is not
            raise StoreError(too_slow)
        if trace:
            trace(f"{status}: {len(answer[0])} bytes in {time.monotonic() - started:.2f} s")
        return answer
    except urllib.error.HTTPError as err:
        if deadline.expired:
            raise StoreError(too_slow) from err
        detail = _first_line(err.read().decode("utf-8", "replace"))
        reason = f"HTTP {err.code} {err.reason}" + (f": {detail}" if detail else "")
        advice = f" ({hint})" if err.code in (404, 405, 415) else ""
        raise StoreError(f"the store at {shown} refused {what}: {reason}{advice}") from err
    except urllib.error.URLError as err:
        if deadline.expired or isinstance(err.reason, TimeoutError):
            raise StoreError(too_slow) from err
        if isinstance(err.reason, ConnectionRefusedError):
            raise StoreError(f"cannot reach the store at {shown}: is it running?") from err
        raise StoreError(f"cannot reach the store at {shown}: {err.reason}") from err
    except (http.client.HTTPException, OSError) as err:  # timed out, or dropped mid-answer
        if deadline.expired or isinstance(err, TimeoutError):
            raise StoreError(too_slow) from err
        raise StoreError(f"the store at {shown} broke off the answer: {err!r}") from err
    except ValueError as err:  # a URL that urlsplit took but http.client will not send
        raise StoreError(f"{shown} is not a URL kg can send to: {err}") from err
    finally:
        deadline.cancel()


class _Deadline:
    """Cuts the connections of one request when its time is up, wherever the request waits:
    a socket timeout alone bounds each read, and a byte a second never trips it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._started = time.monotonic()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(0.001, self.seconds - (time.monotonic() - self._started))

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _cut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _cut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _cut(sock: socket.socket) -> None:
    """Shut the connection under `sock` (plain or TLS): a read or write blocked on it returns."""
    try:
        with socket.socket(fileno=os.dup(sock.fileno())) as raw:
            raw.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing waits on it


def _watched(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    class Watched(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            self.timeout = deadline.remaining()  # connecting, too, ends by the deadline
            super().connect()
            deadline.watch(self.sock)

    return Watched


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPConnection, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPSConnection, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)  # type: ignore[attr-defined]


def to_uri(url: str) -> str:
    """`url` as an ASCII URI: a host in any script by IDNA, other characters percent-encoded;
    a StoreError for what is no URL (a broken IPv6 literal, a port that is not a number)."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
        host = parts.hostname or ""
        if host and not host.isascii():
            host = host.encode("idna").decode("ascii")
        if ":" in host:
            host = f"[{host}]"
        userinfo, at, _ = parts.netloc.rpartition("@")
        netloc = (_quote_part(userinfo, ":%") + at) + host + ("" if port is None else f":{port}")
        return urllib.parse.urlunsplit(
            (
                parts.scheme,
                netloc,
                _quote_part(parts.path, "/%:@!$&'()*+,;="),
                _quote_part(parts.query, "=&%/:?@!$'()*+,;"),
                _quote_part(parts.fragment, "=&%/:?@!$'()*+,;"),
            )
        )
    except (ValueError, UnicodeError) as err:
        shown = re.sub(r"//([^/@:]*):[^/@]*@", r"//\1:***@", url).encode("ascii", "backslashreplace").decode()
        raise StoreError(f"{shown} is not a valid URL ({err}): give the store's full URL") from err


def _quote_part(text: str, safe: str) -> str:
    return urllib.parse.quote(text, safe=safe + "-._~")


def _split_credentials(url: str) -> tuple[str, str | None]:
    """Move `user:password@` out of the URL into a basic Authorization header value."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    user = urllib.parse.unquote(parts.username)
    password = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    netloc = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def redact(url: str) -> str:
    """The URL with any password hidden, fit for a message or a command line to copy."""
    try:
        parts = urllib.parse.urlsplit(url)
        if parts.password is None:
            return url
    except ValueError:
        return re.sub(r"//([^/@:]*):[^/@]*@", r"//\1:***@", url)
    netloc = f"{parts.username}:***@{parts.netloc.rpartition('@')[2]}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def query_url_for(store_url: str) -> str | None:
    """The SPARQL query URL beside a Graph Store Protocol URL, for the stores kg knows."""
    parts = urllib.parse.urlsplit(store_url)
    path = parts.path.rstrip("/")
    for store_path, query_path in _QUERY_PATHS:
        match = re.fullmatch(store_path, path)
        if match:
            return urllib.parse.urlunsplit(parts._replace(path=match.expand(query_path), query=""))
    return None


# Graph Store Protocol path -> SPARQL query path: Oxigraph, Fuseki, GraphDB, Virtuoso.
_QUERY_PATHS = (
    (r"(.*)/store", r"\1/query"),
    (r"(.*)/data", r"\1/sparql"),
    (r"(.*/repositories/[^/]+)/rdf-graphs/service", r"\1"),
    (r"(.*)/sparql-graph-crud(?:-auth)?", r"\1/sparql"),
)


def _with_query(url: str, params: dict[str, str | None]) -> str:
    """`url` plus query parameters; a None value gives a bare key (`?default`)."""
    pairs = [
        urllib.parse.quote(key, safe="") + ("" if value is None else "=" + urllib.parse.quote(value, safe=""))
        for key, value in params.items()
    ]
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return url + separator + "&".join(pairs)


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except (ValueError, TypeError) as err:
        raise StoreError(f"{iri!r} is not an absolute IRI: {err}") from err


def _rdf_format(path: Path) -> ox.RdfFormat:
    try:
        return _RDF_FORMATS[path.suffix]
    except KeyError:
        known = ", ".join(_RDF_FORMATS)
        raise InputError(f"{shown_path(path)} is not an RDF file kg reads: use one of {known}") from None


def _parse(path: Path) -> Iterable[ox.Triple]:
    fmt = _rdf_format(path)
    try:
        for quad in ox.parse(path=path, format=fmt):
            yield quad.triple
    except SyntaxError as err:
        raise InputError(f"{shown_path(path)} is not valid {fmt.name}: {err}") from err
    except OSError as err:
        raise InputError(f"cannot read {shown_path(path)}: {err.strerror or err}") from err


def _count_triples(path: Path) -> int:
    return sum(1 for _ in _parse(path))


def _summary(text: str) -> str:
    for raw in text.splitlines():
        line = raw.lstrip("#").strip()
        if raw.startswith("#") and line:
            return line
    return ""


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= _MAX_MESSAGE else line[: _MAX_MESSAGE - 1] + "…"


def _term(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _triple_row(triple: ox.Triple | ox.Quad) -> Row:
    return (_term(triple.subject), _term(triple.predicate), _term(triple.object))


def _table_from_oxigraph(answer: object) -> Table:
    if isinstance(answer, ox.QueryBoolean):
        return Table(("ask",), [("true" if bool(answer) else "false",)])
    if isinstance(answer, ox.QueryTriples):
        return Table(("subject", "predicate", "object"), [_triple_row(t) for t in answer])
    assert isinstance(answer, ox.QuerySolutions)
    variables = answer.variables
    rows = [tuple(_term(solution[v]) for v in variables) for solution in answer]
    return Table(tuple(v.value for v in variables), rows)


def _table_from_json(body: bytes, url: str) -> Table:
    """Read SPARQL 1.1 Query Results JSON (SELECT or ASK); a StoreError for anything else."""
    try:
        answer = json.loads(body)
    except ValueError as err:
        raise StoreError(f"the store at {redact(url)} answered invalid JSON: {err}") from err
    try:
        return _results(answer)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise StoreError(
            f"the store at {redact(url)} answered JSON that is not a SPARQL result "
            f"({type(err).__name__}: {err}): {_QUERY_HINT}"
        ) from err


def _results(answer: Any) -> Table:
    if not isinstance(answer, dict):
        raise TypeError(f"a {type(answer).__name__}, not an object")
    if "boolean" in answer:
        if not isinstance(answer["boolean"], bool):
            raise ValueError("boolean is not true or false")
        return Table(("ask",), [("true" if answer["boolean"] else "false",)])
    columns = answer["head"]["vars"]
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise ValueError("head.vars is not a list of names")
    bindings = answer["results"]["bindings"]
    if not isinstance(bindings, list):
        raise ValueError("results.bindings is not a list")
    return Table(tuple(columns), [tuple(_json_term(binding.get(name)) for name in columns) for binding in bindings])


def _json_term(term: Any) -> str | None:
    if term is None:
        return None
    if not isinstance(term, dict) or not isinstance(term.get("value"), str) or "type" not in term:
        raise ValueError(f"a binding {term!r} without a type and a value")
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    return str(term["value"])
