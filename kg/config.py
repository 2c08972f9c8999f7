"""Typed, frozen settings for one build; the CLI fills them from its flags."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.errors import KgError
from kg.nlp import DEFAULT_MODEL

DEFAULT_BASE_IRI = "https://example.org/kg/"
_BASE_IRI = re.compile(r"^(https?|urn):[^\s\x00-\x1f\x7f<>\"{}|\\^`]*[/#:]$")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    base_iri: str = DEFAULT_BASE_IRI
    n_process: int = 0  # 0: one per core
    cache_dir: Path | None = None
    strict: bool = False
    executor: Literal["local", "dask"] = "local"  # where per-document work runs: kg/executors.py
    scheduler: str | None = None  # a Dask scheduler's address; None starts a cluster on this machine

    @property
    def processes(self) -> int:
        return self.n_process or _n_cores()


def _n_cores() -> int:
    """The cores this process may run on (fewer than the machine's in a container or under taskset)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def check_base_iri(iri: str) -> str:
    """The base IRI must be absolute and end in '/', '#' or ':' so minted IRIs stay valid."""
    if not _BASE_IRI.match(iri):
        raise KgError(
            f"invalid --base-iri {iri!r}: give an absolute http(s) IRI ending in '/' or '#', e.g. {DEFAULT_BASE_IRI}"
        )
    try:  # the pattern above is a quick screen; the RDF library's own IRI parser decides
        ox.NamedNode(f"{iri}x")
    except ValueError as err:
        raise KgError(f"invalid --base-iri {iri!r}: {err}; give an IRI such as {DEFAULT_BASE_IRI}") from err
    return iri
