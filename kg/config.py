"""Typed, frozen settings for one build; the CLI fills them from its flags."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.nlp import DEFAULT_MODEL

DEFAULT_BASE_IRI = "https://example.org/kg/"
_BASE_IRI = re.compile(r"^(https?|urn):[^\s<>\"{}|\\^`]*[/#:]$")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    base_iri: str = DEFAULT_BASE_IRI
    n_process: int = 0  # 0: one per core
    cache_dir: Path | None = None
    strict: bool = False

    @property
    def processes(self) -> int:
        return self.n_process or (os.cpu_count() or 1)


def check_base_iri(iri: str) -> str:
    """The base IRI must be absolute and end in '/', '#' or ':' so minted IRIs stay valid."""
    if not _BASE_IRI.match(iri):
        raise KgError(f"invalid --base-iri {iri!r}: give an absolute http(s) IRI ending in '/' or '#', e.g. {DEFAULT_BASE_IRI}")
    return iri
