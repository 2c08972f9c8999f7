"""Bad input gets a clear answer, nothing is lost, nothing is injected (docs/robustness.md).

Each case runs `kg build` the way a user does: in-process through `kg.cli.main` where that is
enough (an uncaught exception fails the test, so no traceback can slip through), in a real
process where the case needs one (Ctrl-C, file permissions, which root ignores).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from conftest import OUTPUT_FILES, SEED, run_kg, snapshot
from rdflib.compare import isomorphic

from kg.cli import main
from kg.config import Settings
from kg.export.browser import CHROMIUM, launch_chromium, open_offline, wait_until_ready
from kg.ingest import MAX_FILE_BYTES, MAX_PARAGRAPH_CHARS, decode_text, read_documents, split_paragraph, to_document
from kg.output import write_files
from kg.pipeline import build
from kg.signals import raise_if_stopped, stopping_signals
from kg.validate import read_rdf

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]
RAPPER_SYNTAX = {".ttl": "turtle", ".nt": "ntriples"}  # raptor has no JSON-LD parser
RDFLIB_SYNTAX = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
# A short article that still gives entities and a fact, so a build around it is quick.
SHORT_ARTICLE = "Kyrgyz President Sooronbai Jeenbekov met Almazbek Atambayev in Bishkek on Monday.\n"


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder that the unprivileged user of `unprivileged()` can use too."""
    folder = Path(tempfile.mkdtemp(prefix="kg-robustness-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):  # let the clean-up into folders the test locked
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def unprivileged() -> list[str]:
    """A command prefix under which file permissions apply: root reads everything, so it runs kg as nobody."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): permissions cannot be tested")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def run_unprivileged(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}
    return subprocess.run([*unprivileged(), *KG, *args], capture_output=True, text=True, env=env, check=False)


# ---------------------------------------------------------------------------------------------
# Input paths that cannot be used: one line naming the path, exit 1, nothing created


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no-such-folder"


def _empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def _folder_without_txt(tmp_path: Path) -> Path:
    folder = tmp_path / "other-files"
    folder.mkdir()
    (folder / "notes.md").write_text(SHORT_ARTICLE, encoding="utf-8")
    (folder / "article.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / ".hidden.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(_missing, "input path does not exist: {path}", id="missing"),
        pytest.param(
            _empty_folder,
            "no .txt files in folder {path}: give a folder of .txt articles or a .txt file",
            id="empty-folder",
        ),
    ],
)
def test_unusable_input_path_is_one_line_naming_it(
    make: Callable[[Path], Path], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(tmp_path)
    out = tmp_path / "output"
    assert run_kg(["build", str(path), "--out", str(out)], capsys) == (
        1,
        "",
        f"kg: error: {message.format(path=path)}\n",
    )
    assert not out.exists(), "a failed run creates no output folder"


def test_folder_of_only_other_and_hidden_files_names_the_hidden_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _folder_without_txt(tmp_path)
    out = tmp_path / "output"
    assert run_kg(["build", str(path), "--out", str(out)], capsys) == (
        1,
        "",
        f"warning: {path}/.hidden.txt: skipped: hidden file, not read: name it to read it\n"
        f"kg: error: no readable documents in {path}: nothing written\n",
    )
    assert not out.exists(), "a failed run creates no output folder"


def test_unreadable_input_folder_is_one_line_naming_it(shared_tmp: Path) -> None:
    folder = shared_tmp / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    folder.chmod(0o000)
    run = run_unprivileged(["build", str(folder), "--out", str(shared_tmp / "out")], home=shared_tmp)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == f"kg: error: cannot read input path {folder}: Permission denied\n"


def test_folder_of_only_bad_files_is_an_error_after_the_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\n")
    code, out, err = run_kg(["build", str(folder), "--out", str(tmp_path / "output")], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"warning: {folder}/blank.txt: skipped: empty: no text",
        f"warning: {folder}/empty.txt: skipped: empty: no text",
        f"kg: error: no readable documents in {folder}: nothing written",
    ]
    assert not (tmp_path / "output").exists()


# ---------------------------------------------------------------------------------------------
# Bad files beside good ones: read with a reported fallback, or skipped with a warning naming them

ARTICLE = "President Emmanuel Macron met Chancellor Angela Merkel in Paris on Monday."
# file name -> bytes; each is a kind of bad (or merely unusual) file found in real folders
BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"  \n\t \r\n\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "latin1.txt": f"Café owner José Martínez said: {ARTICLE}\n".encode("latin-1"),
    "cp1252.txt": f"“Quoted” — {ARTICLE} €5…\n".encode("cp1252"),
    "utf16.txt": f"Headline ünïcödé\n{ARTICLE}\n".encode("utf-16"),
    "utf8-bom-crlf.txt": f"\ufeffHeadline here\r\n{ARTICLE}\r\n\r\nSecond paragraph.\r\n".encode(),
}


def _write_bad_files(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    shutil.copyfile(SEED, folder / "000_seed.txt")
    for name, raw in BAD_FILES.items():
        (folder / name).write_bytes(raw)
    (folder / "broken.txt").symlink_to("missing.txt")
    (folder / "unreadable.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "unreadable.txt").chmod(0o000)


def _bad_file_warnings(folder: Path) -> list[str]:
    return [
        f"warning: {folder}/cp1252.txt: not UTF-8; decoded as Windows-1252",
        f"warning: {folder}/latin1.txt: not UTF-8; decoded as Windows-1252",
        f"warning: {folder}/utf16.txt: decoded as UTF-16 (byte order mark)",
        f"warning: {folder}/binary.txt: skipped: binary file (NUL bytes), not text",
        f"warning: {folder}/blank.txt: skipped: empty: no text",
        f"warning: {folder}/broken.txt: skipped: broken symbolic link to missing.txt",
        f"warning: {folder}/empty.txt: skipped: empty: no text",
        f"warning: {folder}/unreadable.txt: skipped: cannot read: Permission denied",
    ]


def test_bad_files_beside_good_ones_are_warned_about_counted_and_the_rest_built(shared_tmp: Path) -> None:
    folder = shared_tmp / "in"
    _write_bad_files(folder)
    out = shared_tmp / "out"
    run = run_unprivileged(["build", str(folder), "--out", str(out)], home=shared_tmp)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == _bad_file_warnings(folder)
    summary = run.stdout.splitlines()
    assert summary[0] == "documents: 5 read, 5 skipped"
    assert summary[3] == "warnings: 8"
    graph = rdflib.Graph().parse(out / "graph.nt", format="nt")
    identifiers = {str(o) for o in graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/identifier"))}
    assert identifiers == {"000_seed.txt", "cp1252.txt", "latin1.txt", "utf16.txt", "utf8-bom-crlf.txt"}
    assert graph.value(None, rdflib.RDFS.label, rdflib.Literal("Sooronbai Jeenbekov")) is not None


def test_strict_turns_any_warning_into_a_failure_that_writes_nothing(shared_tmp: Path) -> None:
    folder = shared_tmp / "in"
    _write_bad_files(folder)
    out = shared_tmp / "out"
    shutil.copytree(SEED.parent, out)  # stands in for an earlier output folder
    out.chmod(0o777)
    before = snapshot(out)
    run = run_unprivileged(["build", str(folder), "--out", str(out), "--strict"], home=shared_tmp)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr.splitlines() == [
        *_bad_file_warnings(folder),
        f"kg: error: --strict: 8 warning(s); nothing written to {out}",
    ]
    assert snapshot(out) == before


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("empty.txt", "skipped: empty: no text"),
        ("blank.txt", "skipped: empty: no text"),
        ("binary.txt", "skipped: binary file (NUL bytes), not text"),
        ("latin1.txt", "not UTF-8; decoded as Windows-1252"),
        ("cp1252.txt", "not UTF-8; decoded as Windows-1252"),
        ("utf16.txt", "decoded as UTF-16 (byte order mark)"),
        ("broken.txt", "skipped: broken symbolic link to missing.txt"),
    ],
)
def test_each_bad_file_gives_one_warning_and_strict_fails_on_it(
    name: str, warning: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    if name == "broken.txt":
        (folder / name).symlink_to("missing.txt")
    else:
        (folder / name).write_bytes(BAD_FILES[name])
    out = tmp_path / "out"
    code, stdout, err = run_kg(["build", str(folder), "--out", str(out)], capsys)
    assert code == 0
    assert err == f"warning: {folder}/{name}: {warning}\n"
    n_read = 1 if warning.startswith("skipped") else 2
    assert stdout.splitlines()[0] == f"documents: {n_read} read, {2 - n_read} skipped"
    assert stdout.splitlines()[3] == "warnings: 1"

    strict_out = tmp_path / "strict-out"
    code, stdout, err = run_kg(["build", str(folder), "--out", str(strict_out), "--strict"], capsys)
    assert (code, stdout) == (1, "")
    assert err.splitlines()[-1] == f"kg: error: --strict: 1 warning(s); nothing written to {strict_out}"
    assert not strict_out.exists()


def test_utf8_with_bom_and_crlf_reads_exactly_like_plain_utf8(tmp_path: Path) -> None:
    # Both are valid UTF-8 (Windows editors write them): no fallback, so no warning.
    bom_crlf = tmp_path / "a.txt"
    bom_crlf.write_bytes(BAD_FILES["utf8-bom-crlf.txt"])
    plain = tmp_path / "b.txt"
    plain.write_bytes(BAD_FILES["utf8-bom-crlf.txt"].removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
    documents, skipped, warnings = read_documents([bom_crlf, plain])
    assert (skipped, warnings) == ([], [])
    assert documents[0].title == "Headline here"
    assert documents[0].paragraphs == documents[1].paragraphs == ("Headline here", ARTICLE, "Second paragraph.")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("latin1.txt", "Café owner José Martínez said:"),
        ("cp1252.txt", "“Quoted” —"),
        ("utf16.txt", "Headline ünïcödé"),
    ],
)
def test_fallback_decodings_give_the_right_characters(name: str, expected: str) -> None:
    text, note = decode_text(BAD_FILES[name])
    assert note is not None
    assert text.startswith(expected)
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(b"\xff\xfeA\x00\x00\xd8", "not valid UTF-16 despite its byte order mark", id="broken-utf16"),
        pytest.param(bytes(range(1, 32)) * 20, "binary file (control bytes), not text", id="binary-without-nul"),
    ],
)
def test_text_that_does_not_decode_is_refused_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        decode_text(raw)


def test_folder_named_like_an_article_is_skipped_not_read(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    _, skipped, _ = read_documents([tmp_path / "folder.txt"])
    assert [s.reason for s in skipped] == ["not a regular file"]


def test_file_name_that_is_not_utf8_is_cited_with_a_replacement_character(tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    path.write_text(SHORT_ARTICLE, encoding="utf-8")
    documents, _, warnings = read_documents([path])
    assert documents[0].identifier == "caf\ufffd.txt"
    assert warnings == [f"{path}: file name is not valid UTF-8 text; cited as 'caf\ufffd.txt'"]


def test_noncharacters_are_dropped_from_text_and_replaced_in_file_names(tmp_path: Path) -> None:
    # U+FFFE and U+FFFF are not text, and raptor refuses them in RDF
    path = tmp_path / "a\ufffeb.txt"
    path.write_text(f"Head\uffffline\n{SHORT_ARTICLE}", encoding="utf-8")
    documents, _, warnings = read_documents([path])
    assert documents[0].identifier == "a\ufffdb.txt"
    assert documents[0].title == "Headline"
    assert warnings == [f"{path}: file name is not valid UTF-8 text; cited as 'a\ufffdb.txt'"]


# ---------------------------------------------------------------------------------------------
# Files larger than spaCy's max_length: refused unread; long lines are parsed in pieces


def _sentences(n_chars: int, seed: int = 0) -> str:
    """Varied sentences on one line (identical pieces would be deduplicated away)."""
    sentences, size, i = [], 0, seed
    while size < n_chars:
        sentence = f"The committee met for session number {i} and agreed on item {i * 7 % 1000}. "
        sentences.append(sentence)
        size, i = size + len(sentence), i + 1
    return "".join(sentences)


def test_file_larger_than_spacy_max_length_is_skipped_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nlp: Any
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    huge = folder / "huge.txt"
    huge.write_text(_sentences(3_000_000), encoding="utf-8")
    assert huge.stat().st_size > nlp.max_length >= MAX_FILE_BYTES
    code, out, err = run_kg(["build", str(folder), "--out", str(tmp_path / "out")], capsys)
    assert code == 0
    assert err == (
        f"warning: {huge}: skipped: too large (3.0 MB; kg reads articles up to 1 MB): split it into one article per file\n"
    )
    assert out.splitlines()[0] == "documents: 1 read, 1 skipped"


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param(_sentences(1_200_000), id="sentences-past-max-length"),
        pytest.param("word " * 5_000, id="no-sentence-ends"),
        pytest.param("x" * 10_000, id="no-spaces"),
    ],
)
def test_a_long_paragraph_is_cut_into_pieces_below_the_limit(paragraph: str) -> None:
    pieces = split_paragraph(paragraph)
    assert len(pieces) > 1
    assert all(0 < len(piece) <= MAX_PARAGRAPH_CHARS for piece in pieces)
    assert "".join(pieces).replace(" ", "") == paragraph.replace(" ", ""), "no text is lost or repeated"
    if "." in paragraph:
        assert all(piece.endswith(".") for piece in pieces), "cuts fall at sentence ends"


def test_a_short_paragraph_is_one_piece() -> None:
    assert split_paragraph(SHORT_ARTICLE.strip()) == [SHORT_ARTICLE.strip()]


def test_an_article_on_one_long_line_is_built_in_pieces(tmp_path: Path) -> None:
    line = _sentences(4 * MAX_PARAGRAPH_CHARS) + SHORT_ARTICLE.strip()
    article = tmp_path / "one-line.txt"
    article.write_text(line + "\n", encoding="utf-8")
    document = to_document(article.name, line)
    assert document is not None and len(document.paragraphs) >= 4
    graph = build([article], Settings(n_process=1)).graph
    assert "person/sooronbai-jeenbekov" in graph, "the last piece is read too"


@pytest.mark.slow
def test_an_article_just_under_the_size_limit_builds_with_bounded_memory(tmp_path: Path) -> None:
    article = tmp_path / "in" / "long.txt"
    article.parent.mkdir()
    article.write_text(_sentences(MAX_FILE_BYTES - 10_000) + "\n", encoding="utf-8")
    with (tmp_path / "stdout").open("w") as stdout, (tmp_path / "stderr").open("w") as stderr:
        process = subprocess.Popen(
            [*KG, "build", str(article.parent), "--out", str(tmp_path / "out"), "--processes", "1"],
            stdout=stdout,
            stderr=stderr,
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, (tmp_path / "stderr").read_text()
    assert (tmp_path / "stdout").read_text().startswith("documents: 1 read, 0 skipped\n")
    # ru_maxrss is in kB on Linux; measured ~800 MB, against ~2.7 GB when parsed as one text
    assert usage.ru_maxrss < 1_200_000, f"peak memory {usage.ru_maxrss // 1024} MB"


# ---------------------------------------------------------------------------------------------
# The same article under two names


def test_the_same_article_twice_gives_no_duplicates_and_cites_both(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "original.txt")
    shutil.copyfile(SEED, folder / "copy.txt")
    once = build([folder / "original.txt"], Settings(n_process=1)).graph
    twice = build([folder], Settings(n_process=1)).graph
    assert sorted(twice.nodes) == sorted(once.nodes)
    assert sorted(twice.edges(keys=True)) == sorted(once.edges(keys=True))
    documents = twice.graph["documents"]
    assert sorted(meta["identifier"] for meta in documents.values()) == ["copy.txt", "original.txt"]
    both = tuple(sorted(documents))
    for node, data in twice.nodes(data=True):
        assert data["documents"] == both, node
    for subject, obj, data in twice.edges(data=True):
        assert data["documents"] == both, (subject, obj)
        assert {e.doc_id for e in data["evidence"]} == set(both)


# ---------------------------------------------------------------------------------------------
# Output safety: a failed or interrupted run leaves the previous output/ exactly as it was


def _enospc_on_third_file(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing input", "kg: error: input path does not exist: {tmp}/missing.txt"),
        ("strict with a warning", "kg: error: --strict: 1 warning(s); nothing written to {out}"),
        ("full disk", "kg: error: cannot write to {out}: No space left on device"),
    ],
)
def test_a_failed_run_leaves_the_previous_output_exactly_as_it_was(
    case: str,
    message: str,
    previous_output: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = snapshot(previous_output)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SHORT_ARTICLE, encoding="utf-8")
    args = ["build", str(folder), "--out", str(previous_output)]
    if case == "missing input":
        args[1] = str(tmp_path / "missing.txt")
    elif case == "strict with a warning":
        (folder / "empty.txt").write_bytes(b"")
        args.append("--strict")
    else:
        _enospc_on_third_file(monkeypatch)
    code, out, err = run_kg(args, capsys)
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == message.format(tmp=tmp_path, out=previous_output)
    assert snapshot(previous_output) == before, "no file changed, and no temporary file is left"


def test_ctrl_c_during_the_renames_cannot_leave_old_and_new_files_mixed(
    previous_output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def replace_then_interrupt(source: Any, target: Any) -> None:
        real_replace(source, target)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C after the first rename

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    write_files(previous_output, {name: f"new {name}\n" for name in OUTPUT_FILES})
    assert {p.name: p.read_text(encoding="utf-8") for p in previous_output.iterdir()} == {
        name: f"new {name}\n" for name in OUTPUT_FILES
    }


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _has_loaded_spacy(pid: int) -> bool:
    try:
        return "/spacy/" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc to see how far the run is")
@pytest.mark.parametrize(
    ("moment", "processes"),
    [("while loading spaCy", "1"), ("while extracting", "1"), ("while worker processes extract", "2")],
)
def test_ctrl_c_mid_run_leaves_the_previous_output_exactly_as_it_was(
    moment: str, processes: str, previous_output: Path, tmp_path: Path
) -> None:
    before = snapshot(previous_output)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(120):  # long enough (10 s or more here, where 40 took 4.5 s) that every moment below is mid-run
        shutil.copyfile(SEED, folder / f"article-{i:02d}.txt")
    process = subprocess.Popen(
        [*KG, "build", str(folder), "--out", str(previous_output), "--processes", processes],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        # Ctrl-C as a terminal's job gets it: a test runner that ignores SIGINT passes that on to its children
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        ready = {
            "while loading spaCy": lambda: _has_loaded_spacy(process.pid),
            "while extracting": lambda: _has_loaded_spacy(process.pid),
            "while worker processes extract": lambda: len(_children(process.pid)) >= 2,
        }[moment]
        while not ready() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if moment == "while extracting":
            time.sleep(3)  # the pipeline loads in about a second; extraction takes ten
        assert process.poll() is None, "the run ended before it could be interrupted"
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground process group
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert (process.returncode, stdout, stderr) == (130, "", "kg: interrupted; output folder left as it was\n")
    assert snapshot(previous_output) == before


def test_a_ctrl_c_whose_exception_a_library_swallowed_still_stops_the_run() -> None:
    # Cython's module set-up clears errors while it registers classes: a Ctrl-C landing while
    # spaCy was imported let one CI run go on to replace the output
    with stopping_signals():
        raise_if_stopped()  # nothing has arrived yet
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass  # swallowed, as the library did
        with pytest.raises(KeyboardInterrupt):
            raise_if_stopped()
    raise_if_stopped()  # the record ends with the run


def test_out_pointing_at_a_file_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("keep me", encoding="utf-8")
    assert run_kg(["build", str(SEED), "--out", str(target)], capsys) == (
        1,
        "",
        f"kg: error: --out {target} is a file, not a folder: give a folder path\n",
    )
    assert target.read_text(encoding="utf-8") == "keep me"


def test_out_inside_a_file_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    assert run_kg(["build", str(SEED), "--out", str(target / "output")], capsys) == (
        1,
        "",
        f"kg: error: cannot create output folder {target}/output: {target} is a file, not a folder\n",
    )


@pytest.mark.parametrize("create", [False, True], ids=["existing-folder", "folder-to-create"])
def test_out_in_an_unwritable_place_is_one_clear_line(create: bool, shared_tmp: Path) -> None:
    locked = shared_tmp / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    out = locked / "output" if create else locked
    run = run_unprivileged(["build", str(SEED), "--out", str(out)], home=shared_tmp)
    assert (run.returncode, run.stdout) == (1, "")
    if create:
        assert run.stderr == (
            f"kg: error: cannot create output folder {out}: {locked} is not writable: choose another --out\n"
        )
    else:
        assert run.stderr == f"kg: error: output folder {out} is not writable: choose another --out\n"
    assert list(locked.iterdir()) == []


def test_out_whose_name_is_not_utf8_is_summarised_without_a_traceback(tmp_path: Path) -> None:
    out = Path(os.fsdecode(bytes(tmp_path) + b"/out\xe9"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}  # as under a locale whose stdout refuses bad bytes
    run = subprocess.run([*KG, "build", str(SEED), "--out", str(out)], capture_output=True, env=env, check=False)
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout.decode().splitlines()[-1] == (
        f"wrote: {tmp_path}/out\ufffd/ (graph.ttl, graph.nt, graph.jsonld, ontology.ttl, graph.html)"
    )
    assert sorted(p.name for p in out.iterdir()) == OUTPUT_FILES


def test_a_system_refusal_kg_did_not_foresee_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("", encoding="utf-8")
    code, out, err = run_kg(["build", str(SEED), "--out", str(tmp_path / "out"), "--cache", str(not_a_folder)], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("kg: error: ") and str(not_a_folder) in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("base_iri", "reason"),
    [
        ("https://example.org/a\x01b/", "give an absolute http(s) IRI ending in '/' or '#'"),
        ("https://example.org/%zz/", "Invalid IRI percent encoding '%zz'"),
        ("https://[example.org/", "Invalid character '[' in host"),
    ],
)
def test_base_iri_that_would_mint_invalid_iris_is_refused(
    base_iri: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_kg(["build", str(SEED), "--out", str(tmp_path / "out"), "--base-iri", base_iri], capsys)
    assert (code, out) == (1, "")
    assert err.startswith(f"kg: error: invalid --base-iri {base_iri!r}: ")
    assert reason in err
    assert err.endswith("\n") and err[:-1].isprintable(), "one line, with no raw control character"


# ---------------------------------------------------------------------------------------------
# Hostile text: shown as text, never run; every RDF file parses strictly; IRIs stay valid

HOSTILE_MARKUP = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE = (
    f"{HOSTILE_MARKUP} \"double\" 'single' back\\slash \\n \u202eevil\u202c \u200fRLM 🗳️ {{braces}} |pipe| ^caret^ "
    "`tick` <> & %zz #frag \uffff"
)
# Any byte but "/" and NUL may be in a file name: markup, quotes, a control character, a newline.
HOSTILE_FILE_NAME = 'evil <b>"q"<b> \\ \u202e 🗳 %zz #x ?y \x01\nline.txt'
# The markup sits in sentences that different rules read facts from, so evidence carries it.
HOSTILE_ARTICLE = (
    f"{HOSTILE} \x07\x1b headline\n"
    f'Sooronbai Jeenbekov, the president of Kyrgyzstan, said "{HOSTILE}".\n'
    f"Bishkek is the capital of Kyrgyzstan {HOSTILE_MARKUP}.\n"
    "Former president Almazbek Atambayev, a member of the Social Democratic Party of Kyrgyzstan, wrote "
    f"{HOSTILE_MARKUP}.\n"
    'Former president Almazbek "Almaz\\" Atambayev<img src=x onerror=alert(2)> was freed by protesters 🗳️.\n'
    'President Jo\u200fhn O\'Brien\\x of Ireland met Prime Minister Boris "🗳" Johnson in London.\n'
)
HOSTILE_TITLE = f"{HOSTILE.replace(chr(0xFFFF), '')}  headline"  # control characters and noncharacters are dropped


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-in")
    (folder / HOSTILE_FILE_NAME).write_text(HOSTILE_ARTICLE, encoding="utf-8")
    shutil.copyfile(SEED, folder / "seed.txt")
    out = tmp_path_factory.mktemp("hostile-out")
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.jsonld"])
def test_hostile_rdf_parses_strictly_and_every_syntax_agrees(hostile_build: Path, name: str) -> None:
    path = hostile_build / name
    strict = read_rdf(path)  # Oxigraph's parser, which rejects anything outside the grammar
    loose = rdflib.Graph().parse(path, format=RDFLIB_SYNTAX[path.suffix])
    reference = rdflib.Graph().parse(hostile_build / "graph.nt", format="nt")
    assert len(reference) > 100
    assert isomorphic(strict, reference)
    assert isomorphic(loose, reference)


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "ontology.ttl"])
def test_hostile_rdf_passes_rapper(hostile_build: Path, name: str) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("raptor2-utils not installed: apt-get install raptor2-utils")
    path = hostile_build / name
    run = subprocess.run(
        [rapper, "-i", RAPPER_SYNTAX[path.suffix], "-c", str(path)], capture_output=True, text=True, check=False
    )
    problems = [line for line in run.stderr.splitlines() if "Error" in line or "Warning" in line]
    assert run.returncode == 0 and not problems, run.stderr
    n_triples = int(re.search(r"returned (\d+) triples", run.stderr).group(1))  # type: ignore[union-attr]
    assert n_triples == len(rdflib.Graph().parse(path, format=RDFLIB_SYNTAX[path.suffix]))


# RFC 3987 IRIs as kg mints them: absolute, ASCII, none of the characters RFC 3986 excludes.
_VALID_IRI = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def test_hostile_text_leaves_every_iri_valid(hostile_build: Path) -> None:
    graph = rdflib.Graph().parse(hostile_build / "graph.nt", format="nt")
    iris = {term for triple in graph for term in triple if isinstance(term, rdflib.URIRef)}
    bad = sorted(iri for iri in iris if not _VALID_IRI.match(iri))
    assert not bad, bad
    for iri in iris:
        ox.NamedNode(iri)  # raises on an invalid IRI
    documents = sorted(str(iri) for iri in iris if "/document/" in iri)
    assert [re.sub(r"-[0-9a-f]{8}$", "", iri) for iri in documents] == [
        "https://example.org/kg/document/evil-b-q-b-ballot-box-zz-x-y-line",
        "https://example.org/kg/document/seed",
    ]


def test_hostile_text_survives_in_rdf_as_the_same_text(hostile_build: Path) -> None:
    graph = rdflib.Graph().parse(hostile_build / "graph.ttl", format="turtle")
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    document = graph.value(None, dcterms.identifier, rdflib.Literal(HOSTILE_FILE_NAME))
    assert str(document).startswith("https://example.org/kg/document/evil-b-q-b-ballot-box-zz-x-y-line-")
    assert str(graph.value(document, dcterms.title)) == HOSTILE_TITLE
    evidence = {str(o) for o in graph.objects(None, rdflib.URIRef("https://example.org/kg/ontology#evidence"))}
    assert any(HOSTILE_MARKUP in sentence for sentence in evidence), evidence


class _TagCounter(HTMLParser):
    """Start tags as an HTML parser sees them (script bodies are raw text, as in a browser)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1


def test_hostile_text_never_appears_as_markup_in_the_page(hostile_build: Path) -> None:
    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    assert "__pwned" in page  # the text is there, escaped
    assert HOSTILE_MARKUP not in page
    counter = _TagCounter()
    counter.feed(page)
    assert counter.tags["script"] == 3  # the data block, vis-network, the page's own script
    assert counter.tags["img"] == counter.tags["b"] == 0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.mark.browser
def test_hostile_page_shows_text_and_runs_nothing_in_a_browser(hostile_build: Path, browser: Any) -> None:
    page, log = open_offline(browser, hostile_build / "graph.html")
    try:
        wait_until_ready(page)
        # Show every panel the page can show: each entity, each fact, and the document list.
        texts = page.evaluate(
            """() => {
                const net = window.kgNetwork;
                const panel = document.getElementById("kg-panel");
                const shown = [];
                for (const id of net.body.data.nodes.getIds()) {
                    net.emit("click", {nodes: [id], edges: []});
                    shown.push(panel.textContent);
                }
                for (const id of net.body.data.edges.getIds()) {
                    net.emit("click", {nodes: [], edges: [id]});
                    shown.push(panel.textContent);
                }
                net.emit("click", {nodes: [], edges: []});
                shown.push(panel.textContent);
                return shown;
            }"""
        )
        page.fill("#kg-search", "O'Brien\\x")
        page.press("#kg-search", "Enter")
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.scripts.length") == 3
        assert log.dialogs == []
        assert log.problems() == []
        everything = "\n".join(texts)
        assert HOSTILE_MARKUP in everything, "evidence is shown as the text it is"
        assert HOSTILE_TITLE in everything, "the document list shows the title as text"
        assert HOSTILE_FILE_NAME in everything
    finally:
        page.context.close()
