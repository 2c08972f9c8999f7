"""The build: files -> documents -> extractions -> entities -> graph -> output files.

Per-document work (parse and extraction) runs in worker processes that inherit the loaded
pipeline by fork, or is read back from the cache; resolution and export run once, centrally.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg import __version__
from kg.config import Settings
from kg.extract.document import Extraction, extract_document
from kg.graph import build_graph
from kg.ingest import Skipped, find_input_files, read_documents
from kg.knowledge import load_knowledge
from kg.model import Document
from kg.nlp import load_pipeline, pipeline_version
from kg.resolve import resolve_entities

# Below this many documents a process pool costs more than it saves.
_MIN_DOCUMENTS_PER_PROCESS = 8
_BATCH_SIZE = 64


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    n_documents: int
    skipped: list[Skipped]
    warnings: list[str] = field(default_factory=list)
    n_cached: int = 0

    def entities_per_class(self) -> Counter[str]:
        return Counter(data["cls"] for _, data in self.graph.nodes(data=True))

    def facts_per_predicate(self) -> Counter[str]:
        return Counter(data["predicate"] for _, _, data in self.graph.edges(data=True))


def _extract_in_worker(document: Document) -> Extraction:
    """Runs in a forked worker: the pipeline was loaded in the parent before the fork."""
    nlp = load_pipeline(_WORKER_MODEL[0])
    return extract_document(document, list(nlp.pipe(document.paragraphs, batch_size=_BATCH_SIZE)), load_knowledge())


_WORKER_MODEL: list[str] = [""]


def extract_all(
    documents: list[Document], settings: Settings, progress: Callable[[Iterable[Extraction], int], Iterable[Extraction]]
) -> Iterator[Extraction]:
    """Extractions in document order, parsed in parallel when it pays."""
    nlp = load_pipeline(settings.model)
    knowledge = load_knowledge()
    processes = min(settings.processes, max(1, len(documents) // _MIN_DOCUMENTS_PER_PROCESS))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        paragraphs = [p for d in documents for p in d.paragraphs]
        parsed = iter(nlp.pipe(paragraphs, batch_size=_BATCH_SIZE))
        results = (extract_document(d, [next(parsed) for _ in d.paragraphs], knowledge) for d in documents)
        yield from progress(results, len(documents))
        return
    _WORKER_MODEL[0] = settings.model
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        yield from progress(pool.imap(_extract_in_worker, documents, chunksize=4), len(documents))


class ExtractionCache:
    """Extractions on disk keyed by content, file name, pipeline and kg version."""

    def __init__(self, folder: Path, model: str) -> None:
        self.folder = folder
        self.salt = f"{__version__}\x1f{pipeline_version(model)}"
        folder.mkdir(parents=True, exist_ok=True)

    def _path(self, document: Document) -> Path:
        digest = hashlib.sha256(f"{self.salt}\x1f{document!r}".encode()).hexdigest()
        return self.folder / digest[:2] / f"{digest}.pickle"

    def get(self, document: Document) -> Extraction | None:
        path = self._path(document)
        try:
            with path.open("rb") as stream:
                extraction = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None
        return extraction if isinstance(extraction, Extraction) and extraction.document == document else None

    def put(self, extraction: Extraction) -> None:
        path = self._path(extraction.document)
        path.parent.mkdir(exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(extraction, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)


def _no_progress(items: Iterable[Extraction], total: int) -> Iterable[Extraction]:
    del total
    return items


def build(
    paths: list[Path],
    settings: Settings,
    progress: Callable[[Iterable[Extraction], int], Iterable[Extraction]] = _no_progress,
) -> BuildResult:
    """Read, extract, resolve and assemble the graph; nothing is written here."""
    files = find_input_files(paths)
    documents, skipped, warnings = read_documents(files)
    warnings.extend(f"{s.identifier}: skipped: {s.reason}" for s in skipped)
    cache = ExtractionCache(settings.cache_dir, settings.model) if settings.cache_dir else None
    cached: dict[str, Extraction] = {}
    if cache is not None:
        cached = {d.doc_id: e for d in documents if (e := cache.get(d)) is not None}
    todo = [d for d in documents if d.doc_id not in cached]
    fresh: dict[str, Extraction] = {}
    for extraction in extract_all(todo, settings, progress) if todo else ():
        fresh[extraction.document.doc_id] = extraction
        if cache is not None:
            cache.put(extraction)
    extractions = [cached.get(d.doc_id) or fresh[d.doc_id] for d in documents]
    entities, facts = resolve_entities(extractions, load_knowledge())
    graph = build_graph(documents, entities, facts, settings.base_iri)
    return BuildResult(graph, len(documents), skipped, warnings, n_cached=len(cached))


def print_progress(items: Iterable[Extraction], total: int) -> Iterable[Extraction]:
    """A progress bar on stderr for runs over a few documents."""
    if total < 5 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="doc", desc="extracting", file=sys.stderr, leave=False)
