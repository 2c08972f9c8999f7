"""The build: files -> documents -> extractions -> entities -> graph -> output files.

Per-document work (reading, parsing, extraction) runs on an executor (kg/executors.py):
forked local processes that inherit the loaded pipeline, or a Dask cluster whose workers
each load it once. Extractions of unchanged documents are read back from the cache instead.
Resolution and graph building run once, centrally, over every document's extraction.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

import networkx as nx

from kg import __version__
from kg.config import Settings
from kg.errors import InputError, KgError
from kg.executors import DaskExecutor, Executor, LocalExecutor
from kg.extract.document import Extraction, extract_document
from kg.graph import build_graph, without_ill_typed_facts
from kg.ingest import InputFile, Skipped, find_input_files, read_documents
from kg.knowledge import load_knowledge
from kg.model import Document
from kg.nlp import load_pipeline, pipeline_version
from kg.resolve import resolve_entities
from kg.signals import raise_if_stopped

if TYPE_CHECKING:
    from spacy.language import Language

# Below this many documents a process pool costs more than it saves.
_MIN_DOCUMENTS_PER_PROCESS = 8
# Documents per task: parsed by one nlp.pipe call, and few enough that workers finish together.
_DOCUMENTS_PER_TASK = 8
_MIN_TASKS = 8
_BATCH_SIZE = 64

T = TypeVar("T")


class Progress(Protocol):
    def __call__(self, items: Iterable[T], total: int) -> Iterable[T]: ...


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    n_documents: int
    skipped: list[Skipped]
    warnings: list[str] = field(default_factory=list)
    n_cached: int = 0
    set_aside: list[str] = field(default_factory=list)  # a dataset's README or LICENSE, not read

    def entities_per_class(self) -> Counter[str]:
        return Counter(data["cls"] for _, data in self.graph.nodes(data=True))

    def facts_per_predicate(self) -> Counter[str]:
        return Counter(data["predicate"] for _, _, data in self.graph.edges(data=True))


@dataclass(frozen=True)
class _Outcome:
    """What one input gave where it was worked on: its document (None when unreadable), the
    extraction (None when unreadable or the rules failed on it), and why not, and notes."""

    document: Document | None
    extraction: Extraction | None
    skipped: tuple[Skipped, ...]
    failed: Skipped | None
    warnings: tuple[str, ...]


_LOADING = threading.Lock()


def _worker_pipeline(model: str) -> Language:
    # one load per process, even when a Dask worker runs tasks on several threads
    with _LOADING:
        return load_pipeline(model)


def _work(model: str, items: Sequence[InputFile | Document]) -> list[_Outcome]:
    """Runs on a worker: read the files (paths), parse all their paragraphs at once, extract each."""
    read = [_read(item) for item in items]
    documents = [document for document, _, _ in read if document is not None]
    nlp = _worker_pipeline(model)
    parsed = iter(nlp.pipe([p for d in documents for p in d.paragraphs], batch_size=_BATCH_SIZE))
    knowledge = load_knowledge()
    outcomes: list[_Outcome] = []
    for document, skipped, warnings in read:
        extraction, failed = None, None
        if document is not None:
            docs = [next(parsed) for _ in document.paragraphs]
            try:
                extraction = extract_document(document, docs, knowledge)
            except Exception as err:  # one article the rules trip on must not end a run over thousands
                failed = Skipped(document.identifier, f"extraction failed: {type(err).__name__}: {err}")
        # the text travels back too: graph.html shows the article each fact was read from
        outcomes.append(_Outcome(document, extraction, tuple(skipped), failed, tuple(warnings)))
    return outcomes


def _read(item: InputFile | Document) -> tuple[Document | None, list[Skipped], list[str]]:
    if isinstance(item, Document):
        return item, [], []
    if not item.path.exists() and not item.path.is_symlink():
        # a Dask worker on another machine reads the input itself, at the path the client saw
        raise InputError(
            f"input file {item.path} is not there where it is read: workers must see the input at that path"
        )
    documents, skipped, warnings = read_documents([item])
    return (documents[0] if documents else None), skipped, warnings


def _chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def make_executor(settings: Settings, n_documents: int) -> Executor:
    if settings.executor == "dask":
        return DaskExecutor(settings.scheduler, settings.processes)
    return LocalExecutor(min(settings.processes, max(1, n_documents // _MIN_DOCUMENTS_PER_PROCESS)))


def work_all(items: Sequence[InputFile | Document], settings: Settings, progress: Progress) -> list[_Outcome]:
    """Every item's outcome, in order, worked on by the executor the settings name."""
    if not items:
        return []
    executor = make_executor(settings, len(items))
    try:
        if isinstance(executor, LocalExecutor):
            load_pipeline(settings.model)  # before the fork, so every worker inherits it
        # tasks made from the corpus alone, whatever the executor: the same batches, the same parses
        size = max(1, min(_DOCUMENTS_PER_TASK, len(items) // _MIN_TASKS))
        results = executor.map(partial(_work, settings.model), _chunks(items, size))
        return list(progress(_unless_stopped(chain.from_iterable(results)), len(items)))
    finally:
        executor.close()


def _unless_stopped(outcomes: Iterable[_Outcome]) -> Iterator[_Outcome]:
    """The outcomes, checking between documents for a Ctrl-C a library swallowed."""
    for outcome in outcomes:
        raise_if_stopped()
        yield outcome


class ExtractionCache:
    """Extractions on disk keyed by the document's content, the pipeline and kg's code.

    Each entry is a pickle behind a header and the SHA-256 of the pickle: a damaged entry (a
    flipped bit, a truncated write) is found before anything is unpickled, and the document is
    extracted again. The checksum guards against accidents, not attacks: unpickling runs code,
    so the cache folder must be as trusted as kg itself.
    """

    _MAGIC = b"kg-extraction-cache 1\n"
    _DIGEST_BYTES = 32

    def __init__(self, folder: Path, model: str) -> None:
        self.folder = folder
        self.salt = f"{__version__}\x1f{pipeline_version(model)}\x1f{_code_fingerprint()}"
        folder.mkdir(parents=True, exist_ok=True)

    def _path(self, document: Document) -> Path:
        digest = hashlib.sha256(f"{self.salt}\x1f{document!r}".encode()).hexdigest()
        return self.folder / digest[:2] / f"{digest}.pickle"

    def get(self, document: Document) -> tuple[Extraction | None, str | None]:
        """The cached extraction, or None; and a warning when an entry was there but damaged."""
        path = self._path(document)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError as err:
            return (
                None,
                f"{path}: cache entry unreadable ({err.strerror or err}); {document.identifier} extracted again",
            )
        damaged = f"{path}: damaged cache entry ({{}}); {document.identifier} extracted again"
        header, digest = raw[: len(self._MAGIC)], raw[len(self._MAGIC) : len(self._MAGIC) + self._DIGEST_BYTES]
        payload = raw[len(self._MAGIC) + self._DIGEST_BYTES :]
        if header != self._MAGIC or hashlib.sha256(payload).digest() != digest:
            return None, damaged.format("checksum does not match")
        try:
            extraction = pickle.loads(payload)
        except Exception as err:  # the checksum held, so kg wrote this: a pickle of another kg build
            return None, damaged.format(f"{type(err).__name__}")
        if not isinstance(extraction, Extraction) or extraction.document != document:
            return None, damaged.format("it holds another document")
        return extraction, None

    def put(self, extraction: Extraction) -> None:
        path = self._path(extraction.document)
        path.parent.mkdir(exist_ok=True)
        payload = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(self._MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temp, path)
        finally:
            Path(temp).unlink(missing_ok=True)


@cache
def _code_fingerprint() -> str:
    """A digest of kg's own code and data: a changed rule must not be answered from the cache."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _no_progress(items: Iterable[T], total: int) -> Iterable[T]:
    del total
    return items


def build(paths: list[Path], settings: Settings, progress: Progress = _no_progress) -> BuildResult:
    """Read, extract, resolve and assemble the graph; nothing is written here."""
    inputs = find_input_files(paths)
    if settings.cache_dir is None:
        outcomes = _read_and_extract(inputs.files, settings, progress)
        n_cached = 0
    else:
        outcomes, n_cached = _extract_with_cache(
            inputs.files, ExtractionCache(settings.cache_dir, settings.model), settings, progress
        )
    skipped = [*inputs.skipped]
    skipped += [s for o in outcomes for s in o.skipped] + [o.failed for o in outcomes if o.failed is not None]
    warnings = [w for o in outcomes for w in o.warnings] + [f"{s.identifier}: skipped: {s.reason}" for s in skipped]
    extractions = [o.extraction for o in outcomes if o.extraction is not None]
    _check_distinct([e.document for e in extractions])
    entities, facts = resolve_entities(extractions, load_knowledge())
    # classes are final only now, after resolution merged mentions typed differently
    facts = without_ill_typed_facts(entities, facts)
    graph = build_graph([e.document for e in extractions], entities, facts, settings.base_iri)
    return BuildResult(graph, len(extractions), skipped, warnings, n_cached=n_cached, set_aside=inputs.set_aside)


def _check_distinct(documents: list[Document]) -> None:
    ids: dict[str, str] = {}
    for document in documents:
        other = ids.setdefault(document.doc_id, document.identifier)
        if other != document.identifier:  # a 32-bit digest collision with the same slug: never seen
            raise KgError(f"{other} and {document.identifier} were given one id {document.doc_id}: rename one")


def _read_and_extract(files: list[InputFile], settings: Settings, progress: Progress) -> list[_Outcome]:
    """Each file read where it is parsed."""
    if settings.executor != "dask":
        return work_all(files, settings, progress)
    # a worker elsewhere reads the file at its full path; messages still name it as the user did
    sent = [InputFile(f.path.absolute(), f.identifier) for f in files]
    done = work_all(sent, settings, progress)
    return [_as_given(o, str(s.path), str(f.path)) for o, s, f in zip(done, sent, files, strict=True)]


def _as_given(outcome: _Outcome, sent: str, given: str) -> _Outcome:
    if sent == given:
        return outcome
    skipped = tuple(replace(s, identifier=given) if s.identifier == sent else s for s in outcome.skipped)
    warnings = tuple(given + w[len(sent) :] if w.startswith(sent) else w for w in outcome.warnings)
    return replace(outcome, skipped=skipped, warnings=warnings)


def _extract_with_cache(
    files: list[InputFile], cache: ExtractionCache, settings: Settings, progress: Progress
) -> tuple[list[_Outcome], int]:
    """Every file read here, as the cache is keyed by the document; only new documents extracted."""
    documents, skipped, warnings = read_documents(files)
    cached: dict[str, Extraction] = {}
    for document in documents:
        extraction, problem = cache.get(document)
        if extraction is not None:
            cached[document.doc_id] = extraction
        if problem:
            warnings.append(problem)
    todo = [d for d in documents if d.doc_id not in cached]
    fresh: dict[str, _Outcome] = {}
    for document, outcome in zip(todo, work_all(todo, settings, progress), strict=True):
        if outcome.extraction is not None:
            cache.put(outcome.extraction)
        fresh[document.doc_id] = outcome
    outcomes = [
        _Outcome(d, cached[d.doc_id], (), None, ()) if d.doc_id in cached else fresh[d.doc_id] for d in documents
    ]
    # the notes from reading come first, in file order, as when workers read the files
    notes = _Outcome(None, None, tuple(skipped), None, tuple(warnings))
    return [notes, *outcomes], len(cached)


def print_progress(items: Iterable[T], total: int) -> Iterable[T]:
    """A progress bar on stderr for runs over a few documents."""
    if total < 5 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="doc", desc="extracting", file=sys.stderr, leave=False)
