"""kg.store against a real Oxigraph server (Graph Store Protocol + SPARQL Protocol) and embedded Oxigraph."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg import store
from kg.cli import main
from kg.errors import InputError, StoreError

MINI = Path(__file__).parent / "data" / "mini.ttl"
KGO = rdflib.Namespace("https://example.org/kg/ontology#")
SCHEMA = rdflib.Namespace("https://schema.org/")
BASE = "https://example.org/kg/"
_RESULTS = "application/sparql-results+json"


@dataclass(frozen=True)
class Server:
    store_url: str  # Graph Store Protocol
    query_url: str  # SPARQL Protocol


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real Oxigraph server on a free port with a throwaway on-disk store."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed: pip install 'kg[test]'")
    port = free_port()
    workdir = tmp_path_factory.mktemp("oxigraph")
    command = [binary, "serve", "--location", str(workdir / "store"), "--bind", f"127.0.0.1:{port}"]
    with (workdir / "server.log").open("wb") as log, subprocess.Popen(command, stdout=log, stderr=log) as server:
        try:
            wait_until_listening(port, server, workdir / "server.log")
            yield Server(f"http://127.0.0.1:{port}/store", f"http://127.0.0.1:{port}/query")
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_listening(port: int, server: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"oxigraph exited with {server.returncode}: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"oxigraph did not answer on port {port} within {timeout} s")


def count(server: Server, graph_iri: str | None) -> int:
    table = store.query_endpoint(
        server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph_iris=[graph_iri] if graph_iri else []
    )
    return int(table.rows[0][0] or 0)


def sort_rows(table: store.Table) -> list[tuple[str, ...]]:
    return sorted(tuple("" if v is None else v for v in row) for row in table.rows)


# --- loading ----------------------------------------------------------------------------


def test_load_puts_the_build_into_its_named_graph(oxigraph: Server, built_graph_dir: Path) -> None:
    files = [built_graph_dir / "graph.nt"]
    graph_iri = store.default_graph_iri(files)
    n_sent = store.load(oxigraph.store_url, files, graph_iri)
    assert graph_iri == f"{BASE}graph/{built_graph_dir.name}"
    assert n_sent == len(rdflib.Graph().parse(files[0], format="nt")) > 0
    assert count(oxigraph, graph_iri) == n_sent


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.jsonld"])
def test_every_written_syntax_loads_the_same_triples(oxigraph: Server, built_graph_dir: Path, name: str) -> None:
    graph_iri = f"{BASE}graph/syntax-{built_graph_dir.name}-{name}"
    n_sent = store.load(oxigraph.store_url, [built_graph_dir / name], graph_iri)
    assert count(oxigraph, graph_iri) == n_sent == len(rdflib.Graph().parse(built_graph_dir / "graph.nt"))


def test_loading_again_replaces_and_append_adds(oxigraph: Server, tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text('<https://example.org/x> <https://example.org/p> "extra" .\n', encoding="utf-8")
    graph_iri = f"{BASE}graph/replace"
    n_mini = store.load(oxigraph.store_url, [MINI], graph_iri)
    assert store.load(oxigraph.store_url, [MINI], graph_iri) == n_mini
    assert count(oxigraph, graph_iri) == n_mini
    assert store.load(oxigraph.store_url, [extra], graph_iri, append=True) == 1
    assert count(oxigraph, graph_iri) == n_mini + 1
    store.load(oxigraph.store_url, [MINI, extra], graph_iri)  # several files: the first replaces, the rest add
    assert count(oxigraph, graph_iri) == n_mini + 1
    store.load(oxigraph.store_url, [MINI], graph_iri)
    assert count(oxigraph, graph_iri) == n_mini


def test_no_graph_iri_loads_the_default_graph(oxigraph: Server) -> None:
    n_sent = store.load(oxigraph.store_url, [MINI], None)
    assert count(oxigraph, None) == n_sent


def test_a_broken_file_sends_nothing(oxigraph: Server, tmp_path: Path) -> None:
    graph_iri = f"{BASE}graph/broken"
    n_mini = store.load(oxigraph.store_url, [MINI], graph_iri)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/x> <https://example.org/p> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.ttl is not valid Turtle"):
        store.load(oxigraph.store_url, [MINI, broken], graph_iri)
    assert count(oxigraph, graph_iri) == n_mini


def test_nothing_listening_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError) as load_error:
        store.load(f"{url}/store", [MINI], f"{BASE}graph/x")
    assert str(load_error.value) == f"cannot reach the store at {url}/store: is it running?"
    with pytest.raises(StoreError) as query_error:
        store.query_endpoint(f"{url}/query", "ASK {}")
    assert str(query_error.value) == f"cannot reach the store at {url}/query: is it running?"


def test_loading_into_the_query_url_is_refused_with_a_hint(oxigraph: Server) -> None:
    with pytest.raises(StoreError) as error:
        store.load(oxigraph.query_url, [MINI], f"{BASE}graph/x")
    assert str(error.value) == (
        f"the store at {oxigraph.query_url} refused {MINI}: HTTP 404 Not Found: "
        "PUT /query is not supported by this server "
        "(is it the store's Graph Store Protocol URL? Oxigraph: /store, Fuseki: /DATASET/data)"
    )


def test_a_bad_query_is_refused_with_the_stores_reason(oxigraph: Server) -> None:
    with pytest.raises(StoreError, match=r"refused the query: HTTP 400 Bad Request: error at 1:"):
        store.query_endpoint(oxigraph.query_url, "SELECT * WHERE {")


def test_credentials_never_show_in_errors() -> None:
    url = f"http://kg:s3cret@127.0.0.1:{free_port()}/store"
    with pytest.raises(StoreError) as error:
        store.load(url, [MINI], None)
    assert "s3cret" not in str(error.value)
    assert "kg:***@127.0.0.1" in str(error.value)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: store.load("ftp://example.org/store", [MINI], None), "ftp://example.org/store is not an http(s) URL"),
        (lambda: store.load("http://localhost/store", [MINI], "not an iri"), "'not an iri' is not an absolute IRI"),
        (lambda: store.load("http://localhost/store", [], None), "no RDF files to load"),
        (lambda: store.load("http://localhost/store", [Path("graph.csv")], None), "graph.csv is not an RDF file"),
        (lambda: store.query_file([Path("missing.nt")], "ASK {}"), "cannot read missing.nt"),
        (lambda: store.query_file([MINI], "SELECT * {"), "the query is not valid SPARQL"),
    ],
)
def test_bad_arguments_fail_before_any_request(call: object, message: str) -> None:
    with pytest.raises((StoreError, InputError)) as error:
        call()  # type: ignore[operator]
    assert str(error.value).startswith(message)


# --- querying ---------------------------------------------------------------------------


@pytest.mark.parametrize("example", ["positions", "sources"])
def test_examples_answer_the_same_over_http_and_embedded(oxigraph: Server, built_graph_dir: Path, example: str) -> None:
    files = [built_graph_dir / "graph.nt"]
    graph_iri = f"{BASE}graph/examples-{built_graph_dir.name}"
    store.load(oxigraph.store_url, files, graph_iri)
    sparql = store.example_query(example)
    over_http = store.query_endpoint(oxigraph.query_url, sparql, graph_iris=[graph_iri])
    embedded = store.query_file(files, sparql)
    assert over_http.columns == embedded.columns
    assert sort_rows(over_http) == sort_rows(embedded)
    assert embedded.rows, f"{example} found nothing in {built_graph_dir}"
    assert all(row[embedded.columns.index("document")] for row in embedded.rows), "every fact names its document"


def test_positions_on_the_mini_graph() -> None:
    table = store.query_file([MINI], store.example_query("positions"))
    assert table.columns == ("person", "role", "status", "of", "evidence", "document")
    cells = [(person, role, status, of, document) for person, role, status, of, _, document in table.rows]
    assert cells == [
        ("Almazbek Atambayev", "president", "former", "Kyrgyzstan", "000_8b26930a0e35055d.txt"),
        ("Kursan Asanov", "acting interior minister", "acting", "interior ministry", "002_c8dc84743294fa2c.txt"),
        ("Sooronbai Jeenbekov", "President", "current", "Kyrgyzstan", "000_8b26930a0e35055d.txt"),
        ("Sooronbai Jeenbekov", "President", "current", "Kyrgyzstan", "002_c8dc84743294fa2c.txt"),
    ]


@pytest.mark.parametrize("name", ["Mr Jeenbekov", "sooronbai jeenbekov", "JEENBEKOV"])
def test_person_matches_label_or_alias_ignoring_case(name: str) -> None:
    table = store.query_file([MINI], store.example_query("person", [name]))
    assert {row[0] for row in table.rows} == {"Sooronbai Jeenbekov"}
    assert {row[table.columns.index("document")] for row in table.rows} == {
        "000_8b26930a0e35055d.txt",
        "002_c8dc84743294fa2c.txt",
    }


def test_sources_on_the_mini_graph() -> None:
    table = store.query_file([MINI], store.example_query("sources"))
    assert table.columns == ("subject", "predicate", "object", "document", "confidence", "evidence")
    assert ("Bishkek", "capitalOf", "Kyrgyzstan", "000_8b26930a0e35055d.txt", "0.9") in [row[:5] for row in table.rows]
    assert len(table.rows) == 6


HOSTILE_NAMES = [
    'Kathleen "Kay" O\'Brien',
    "back\\slash",
    "a } brace { and ?var",
    "two\nlines\r\tand tab",
    'ends with backslash \\" } #',
    "\\u0022 } UNION { ?s ?p ?o } #",
    '" } ?someone ?p ?o . FILTER(true) } #',
    'nobody" "Sooronbai Jeenbekov',  # concatenated raw, this would match Jeenbekov too
]


def person_graph(name: str) -> rdflib.Graph:
    """One person labelled `name` holding one position, built with rdflib so the file is escaped right."""
    graph = rdflib.Graph()
    person = rdflib.URIRef(f"{BASE}entity/person/hostile")
    place = rdflib.URIRef(f"{BASE}entity/place/somewhere")
    document = rdflib.URIRef(f"{BASE}document/999-hostile")
    statement = rdflib.URIRef(f"{BASE}statement/0123456789abcdef")
    graph.add((document, RDF.type, SCHEMA.NewsArticle))
    graph.add((document, DCTERMS.identifier, rdflib.Literal("999_hostile.txt")))
    for entity, cls, label in ((person, KGO.Person, name), (place, KGO.Place, "Somewhere")):
        graph.add((entity, RDF.type, cls))
        graph.add((entity, RDFS.label, rdflib.Literal(label)))
        graph.add((entity, KGO.mentionCount, rdflib.Literal(1)))
        graph.add((entity, KGO.mentionedIn, document))
    graph.add((person, SKOS.altLabel, rdflib.Literal("The Hostile One")))
    graph.add((person, KGO.holdsPosition, place))
    for p, o in (
        (RDF.type, RDF.Statement),
        (RDF.subject, person),
        (RDF.predicate, KGO.holdsPosition),
        (RDF.object, place),
        (PROV.wasDerivedFrom, document),
        (KGO.evidence, rdflib.Literal("A sentence.")),
        (KGO.confidence, rdflib.Literal("0.5", datatype=XSD.decimal)),
    ):
        graph.add((statement, p, o))
    return graph


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_person_binds_a_hostile_name_as_one_literal(oxigraph: Server, tmp_path: Path, name: str) -> None:
    data = tmp_path / "hostile.nt"
    both = tmp_path / "both.nt"
    person_graph(name).serialize(data, format="nt", encoding="utf-8")
    (person_graph(name) + rdflib.Graph().parse(MINI)).serialize(both, format="nt", encoding="utf-8")
    graph_iri = f"{BASE}graph/hostile"
    store.load(oxigraph.store_url, [both], graph_iri)
    sparql = store.example_query("person", [name])
    for table in (
        store.query_file([both], sparql),
        store.query_endpoint(oxigraph.query_url, sparql, graph_iris=[graph_iri]),
    ):
        # exactly the one person of that name: an injected pattern would match the mini graph's people too
        assert [(row[0], row[2], row[3]) for row in table.rows] == [(name, "holdsPosition", "Somewhere")]
    # a name that only looks like the hostile one matches nobody, and breaks nothing
    near_miss = store.example_query("person", [name + "\\"])
    assert store.query_file([both], near_miss).rows == []
    assert store.query_endpoint(oxigraph.query_url, near_miss, graph_iris=[graph_iri]).rows == []


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_sparql_literal_round_trips_any_text(text: str) -> None:
    answer = ox.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {store.sparql_literal(text)} }} }}")
    assert isinstance(answer, ox.QuerySolutions)
    [solution] = list(answer)
    assert solution["x"] == ox.Literal(text)


def test_ask_and_construct_answers_become_tables(oxigraph: Server) -> None:
    graph_iri = f"{BASE}graph/shapes-of-answers"
    store.load(oxigraph.store_url, [MINI], graph_iri)
    ask = "ASK { ?s a <https://example.org/kg/ontology#Person> }"
    construct = (
        "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
        "WHERE { ?s a <https://example.org/kg/ontology#Place> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    for sparql in (ask, construct):
        over_http = store.query_endpoint(oxigraph.query_url, sparql, graph_iris=[graph_iri])
        embedded = store.query_file([MINI], sparql)
        assert over_http.columns == embedded.columns
        assert sort_rows(over_http) == sort_rows(embedded)
    assert store.query_file([MINI], ask) == store.Table(("ask",), [("true",)])
    assert {row[2] for row in store.query_file([MINI], construct).rows} == {"Kyrgyzstan", "Bishkek"}


# --- examples and output ----------------------------------------------------------------


def test_every_example_is_valid_sparql_with_a_summary() -> None:
    examples = store.examples()
    assert set(examples) >= {"positions", "person", "sources"}
    for example in examples.values():
        assert example.summary, f"{example.name}.rq has no header comment"
        args = ["2004" if param == "date" else "someone" for param in example.params]
        answer = ox.Store().query(store.example_query(example.name, args))  # raises if not SPARQL
        assert isinstance(answer, ox.QuerySolutions)


def test_example_arguments_are_checked() -> None:
    with pytest.raises(StoreError) as missing:
        store.example_query("person")
    assert str(missing.value) == "the person example takes 1 argument(s), not 0: use --example person NAME"
    with pytest.raises(StoreError) as extra:
        store.example_query("positions", ["x"])
    assert str(extra.value) == "the positions example takes 0 argument(s), not 1: use --example positions"
    with pytest.raises(
        StoreError, match=r"^no example query 'nope': choose one of countries, held-on, person, positions, sources$"
    ):
        store.example_query("nope")


def test_format_table() -> None:
    table = store.Table(("name", "note"), [("Bishkek", None), ("Sooronbai Jeenbekov", "two\nlines and a long tail")])
    assert store.format_table(table, max_width=12) == (
        "name         | note\n-------------+-------------\nBishkek      |\nSooronbai J… | two lines a…\n(2 rows)"
    )
    assert store.format_table(store.Table(("n",), [("1",)]), max_width=None) == "n\n-\n1\n(1 row)"


# --- command line -----------------------------------------------------------------------


@pytest.fixture
def output_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding output/graph.nt, as after `kg build`."""
    out = tmp_path / "output"
    out.mkdir()
    ox.serialize(
        ox.parse(path=MINI, format=ox.RdfFormat.TURTLE), output=out / "graph.nt", format=ox.RdfFormat.N_TRIPLES
    )
    monkeypatch.chdir(tmp_path)
    return out


@pytest.mark.parametrize("command", ["load", "query"])
def test_every_store_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"usage: kg {command}" in capsys.readouterr().out


def test_cli_loads_then_queries_the_store(
    oxigraph: Server, output_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", oxigraph.store_url]) == 0
    graph_iri = f"{BASE}graph/output"
    assert capsys.readouterr().out == (
        f"loaded 104 triples from output/graph.nt into <{graph_iri}> at {oxigraph.store_url}\n"
        f"read it back: kg query --endpoint {oxigraph.query_url} --graph {graph_iri} --example positions\n"
    )
    assert main(["query", "--endpoint", oxigraph.query_url, "--graph", graph_iri, "--example", "positions"]) == 0
    over_http = capsys.readouterr().out
    assert main(["query", "--example", "positions"]) == 0  # embedded, over output/graph.nt
    assert capsys.readouterr().out == over_http
    assert over_http.splitlines()[0].replace(" ", "") == "person|role|status|of|evidence|document"
    assert over_http.endswith("(4 rows)\n")


def test_cli_query_takes_sparql_text_or_a_file(output_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sparql = (
        "SELECT ?name WHERE { ?p a <https://example.org/kg/ontology#Place> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
    )
    (output_dir / "places.rq").write_text(sparql, encoding="utf-8")
    expected = "name\n----------\nBishkek\nKyrgyzstan\n(2 rows)\n"
    assert main(["query", sparql]) == 0
    assert capsys.readouterr().out == expected
    assert main(["query", "output/graph.nt", "output/places.rq"]) == 0
    assert capsys.readouterr().out == expected
    assert main(["query", "output/graph.nt", "--example", "person", "Almazbek Atambayev", "--max-width", "0"]) == 0
    assert "freed former president Almazbek Atambayev, whose party said" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["load", "http://127.0.0.1:{port}/store"],
            "cannot reach the store at http://127.0.0.1:{port}/store: is it running?",
        ),
        (
            ["query", "--endpoint", "http://127.0.0.1:{port}/query", "ASK {}"],
            "cannot reach the store at http://127.0.0.1:{port}/query: is it running?",
        ),
        (
            ["load", "http://127.0.0.1:{port}/store", "missing.nt"],
            "no RDF file missing.nt: run kg build first, or name the files to load",
        ),
        (["query", "--example", "person"], "the person example takes 1 argument(s), not 0: use --example person NAME"),
        (["query"], "no query: give the SPARQL text, a .rq file, or --example NAME"),
        (["query", "--graph", "urn:x", "ASK {}"], "--graph needs --endpoint: files are queried as one graph"),
        (
            ["query", "--endpoint", "http://127.0.0.1:{port}/query", "output/graph.nt", "ASK {}"],
            "with --endpoint, give no files: output/graph.nt",
        ),
    ],
)
def test_cli_errors_are_one_line_on_stderr(
    output_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    port = free_port()
    assert main([arg.replace("{port}", str(port)) for arg in argv]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"kg: error: {message.replace('{port}', str(port))}\n"


# --- round two: secrets, odd servers, odd arguments, formats ------------------------------


def test_a_password_in_the_endpoint_is_never_printed(
    oxigraph: Server, output_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_password = oxigraph.store_url.replace("http://", "http://kg:s3cret@")
    assert main(["load", "--verbose", with_password]) == 0
    captured = capsys.readouterr()
    assert "s3cret" not in captured.out + captured.err
    shown = oxigraph.store_url.replace("http://", "http://kg:***@")
    assert f"into <{BASE}graph/output> at {shown}\n" in captured.out
    assert f"kg query --endpoint '{oxigraph.query_url.replace('http://', 'http://kg:***@')}' " in captured.out


class _Canned(http.server.BaseHTTPRequestHandler):
    """Answers every request with the body and type the test put on the server."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body, media_type = self.server.answer  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canned() -> Iterator[http.server.HTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canned)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("body", "media_type", "reason"),
    [
        (b"{}", _RESULTS, "answered JSON that is not a SPARQL result (KeyError: 'head')"),
        (b"[1,2]", _RESULTS, "answered JSON that is not a SPARQL result (TypeError: a list, not an object)"),
        (
            b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"value": "1"}}]}}',
            _RESULTS,
            "answered JSON that is not a SPARQL result (ValueError: a binding {'value': '1'} without a type and a value)",
        ),
        (b'{"boolean": "yes"}', _RESULTS, "answered JSON that is not a SPARQL result (ValueError: boolean is"),
        (b"not json", _RESULTS, "answered invalid JSON"),
        (b"<a> <b> .", "text/turtle", "answered invalid Turtle"),
        (b"hello", "text/html", "answered an unreadable 'text/html'"),
    ],
)
def test_an_endpoint_that_answers_nonsense_is_one_line(
    canned: http.server.HTTPServer,
    body: bytes,
    media_type: str,
    reason: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    canned.answer = (body, media_type)  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{canned.server_address[1]}/query"
    assert main(["query", "--endpoint", url, "SELECT * {}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kg: error: the store at {url} {reason}")
    assert err.count("\n") == 1


def _trickle(sock: socket.socket, stop: threading.Event) -> None:
    """An HTTP server that sends its answer a byte at a time: each read is quick, the whole is not."""
    connection, _ = sock.accept()
    with connection:
        connection.recv(65536)
        answer = b'HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 17\r\n\r\n{"boolean": true}'
        for byte in answer:
            if stop.wait(0.05):
                return
            try:
                connection.sendall(bytes([byte]))
            except OSError:
                return


def test_timeout_is_a_deadline_for_the_whole_answer(capsys: pytest.CaptureFixture[str]) -> None:
    # 110 bytes at 20 a second take 5 s; the deadline is 1 s, so the answer must be cut off
    # (a timeout per read, as before, never trips: each byte comes well within it)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        stop = threading.Event()
        server = threading.Thread(target=_trickle, args=(sock, stop), daemon=True)
        server.start()
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/query"
        code = main(["query", "--endpoint", url, "--timeout", "1", "ASK {}"])
        stop.set()
        server.join(timeout=10)
    assert (code, capsys.readouterr().err) == (1, f"kg: error: the store at {url} did not answer within 1 s\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "--example", "person", "\udcff"], "--example '\ufffd' is not valid UTF-8 text: give it as UTF-8"),
        (
            ["query", "--endpoint", "http://[::1/query", "ASK {}"],
            "http://[::1/query is not a valid URL (Invalid IPv6 URL): give the store's full URL",
        ),
        (
            ["query", "--endpoint", "http://localhost:port/query", "ASK {}"],
            "http://localhost:port/query is not a valid URL (Port could not be cast to integer value as 'port'): "
            "give the store's full URL",
        ),
        (
            ["query", "--endpoint", "http://127.0.0.1:{port}/stö re", "ASK {}"],
            "cannot reach the store at http://127.0.0.1:{port}/st%C3%B6%20re: is it running?",
        ),
        (
            ["load", "http://127.0.0.1:{port}/store", "o_\udcff/graph.nt"],
            "no RDF file o_\ufffd/graph.nt: run kg build first, or name the files to load",
        ),
        (["query", "latin1.rq"], "query file latin1.rq is not UTF-8 text (byte 0xe9 at offset 27): save it as UTF-8"),
        (["build", "--model", "kg"], "'kg' is not a spaCy pipeline"),
        (["build", "--model", "numpy"], "'numpy' is not a spaCy pipeline"),
        (["build", "--model", "spacy"], "'spacy' is not a spaCy pipeline"),
    ],
)
def test_odd_arguments_are_one_line_not_a_traceback(
    output_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    (output_dir.parent / "latin1.rq").write_bytes('SELECT * WHERE { ?s ?p "café" }'.encode("latin-1"))
    port = str(free_port())
    if argv[0] == "build":
        argv = [*argv, str(Path(__file__).parent.parent / "seeds"), "--out", str(output_dir.parent / "out")]
    assert main([arg.replace("{port}", port) for arg in argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kg: error: {message.replace('{port}', port)}"), err
    assert err.count("\n") == 1


@pytest.mark.parametrize("timeout", ["-1", "0", "nan", "inf", "soon"])
def test_a_timeout_that_is_no_positive_number_is_a_usage_error(
    timeout: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (["load", "http://localhost/store"], ["query", "--endpoint", "http://localhost/query", "ASK {}"]):
        with pytest.raises(SystemExit) as done:
            main([*command, "--timeout", timeout])
        assert done.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"kg {command[0]}: error: argument --timeout: must be a positive number of seconds, not {timeout!r}"
        )


def test_results_the_terminal_cannot_show_are_escaped_not_a_traceback(output_dir: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    run = subprocess.run(
        [sys.executable, "-m", "kg", "query", 'SELECT ("Путин 王伟 café" AS ?x) {}'],
        capture_output=True,
        env=env,
        check=False,
    )
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout.decode("latin-1").splitlines()[2] == "\\u041f\\u0443\\u0442\\u0438\\u043d \\u738b\\u4f1f café"


TABLE = store.Table(("name", "note"), [("王伟", "a\tb"), ("José", None), ('say "hi", \\ ok', "two\nlines")])


def test_query_formats_for_pipes() -> None:
    assert store.format_answer(TABLE, "csv") == 'name,note\n王伟,a\tb\nJosé,\n"say ""hi"", \\ ok","two\nlines"'
    assert store.format_answer(TABLE, "tsv") == 'name\tnote\n王伟\ta\\tb\nJosé\t\nsay "hi", \\\\ ok\ttwo\\nlines'
    lines = store.format_answer(TABLE, "json").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"name": "王伟", "note": "a\tb"},
        {"name": "José", "note": None},
        {"name": 'say "hi", \\ ok', "note": "two\nlines"},
    ]


def test_a_table_aligns_wide_and_combining_characters() -> None:
    table = store.Table(("who", "n"), [("王伟", "1"), ("Jose\u0301", "2"), ("Ann", "3")])
    lines = store.format_table(table).splitlines()
    assert lines[2:5] == ["王伟 | 1", "Jose\u0301 | 2", "Ann  | 3"]
    assert {store.display_width(line.split("|")[0]) for line in lines[2:5]} == {5}
    assert store.format_table(store.Table(("x",), [("王伟王伟",)]), max_width=5).splitlines()[2] == "王伟…"


def test_query_format_json_from_the_command_line(output_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--example", "positions", "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4 and rows[0]["person"] == "Almazbek Atambayev" and rows[0]["document"].endswith(".txt")


def test_an_empty_answer_names_the_store_s_graphs_when_no_graph_was_given(
    oxigraph: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    graph_iri = f"{BASE}graph/only-named"
    store.load(oxigraph.store_url, [MINI], graph_iri)
    assert main(["query", "--endpoint", oxigraph.query_url, "--example", "person", "no such person zz"]) == 0
    captured = capsys.readouterr()
    assert captured.out.endswith("(0 rows)\n")
    notes = captured.err.splitlines()
    assert notes[0].startswith(
        "note: the store's default graph holds nothing that matches, but it has named graphs: add --graph IRI, e.g. --graph "
    )
    assert main(["query", "--endpoint", oxigraph.query_url, "--quiet", "--graph", graph_iri, "ASK {}"]) == 0
    assert capsys.readouterr().err == ""


def test_an_unknown_person_gets_the_closest_names(output_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--example", "person", "Sooronbay Jeenbekov"]) == 0
    captured = capsys.readouterr()
    assert captured.out.endswith("(0 rows)\n")
    assert captured.err.startswith("note: no person is named 'Sooronbay Jeenbekov'; closest: Sooronbai Jeenbekov")


def test_a_file_in_a_folder_whose_name_is_not_utf8_loads_into_a_valid_graph_iri(
    oxigraph: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/o_\xff"))
    folder.mkdir()
    shutil.copyfile(MINI, folder / "graph.ttl")
    monkeypatch.chdir(tmp_path)
    assert main(["load", oxigraph.store_url, os.fsdecode(b"o_\xff/graph.ttl")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"loaded 104 triples from o_\ufffd/graph.ttl into <{BASE}graph/o_%FF> at ")
    assert count(oxigraph, f"{BASE}graph/o_%FF") == 104
