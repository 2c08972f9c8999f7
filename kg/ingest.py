"""Files -> Documents: decoding, boilerplate stripping, title, date and dateline.

Everything here but `read_documents` and `find_input_files` is pure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.knowledge import load_knowledge
from kg.model import Document

_METADATA = re.compile(r"^\s*(?:date|published)\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# "BISHKEK (REUTERS) -", "LONDON, Jan 5 (AP) —": an upper-case place, an agency in brackets, a dash.
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{1,40}?)\s*(?:,[^()\n]{0,30})?\(([A-Za-z .&-]{2,30})\)\s*[-–—]+\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_TITLE_MAX_WORDS = 20
_SENTENCE_END = tuple('.!?"”’\'')


@dataclass(frozen=True)
class Skipped:
    """A file that gave no document, and why."""

    identifier: str
    reason: str


def find_input_files(paths: list[Path]) -> list[Path]:
    """Expand folders to their .txt files, sorted; fail clearly on a bad path."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and not p.name.startswith("."))
            if not found:
                raise InputError(f"no .txt files in folder {path}: give a folder of .txt articles or a .txt file")
            files.extend(found)
        elif path.is_file() or path.is_symlink():
            files.append(path)
        else:
            raise InputError(f"input path does not exist: {path}")
    return files


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Bytes -> text and a note on any fallback used; ValueError when it is not text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "decoded as UTF-16"
    if b"\x00" in raw[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        return text, "not UTF-8; decoded as Windows-1252"


def read_documents(files: list[Path]) -> tuple[list[Document], list[Skipped], list[str]]:
    """Read each file; a bad file is skipped or read with a fallback, never fatal."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    used_ids: set[str] = set()
    for path in files:
        try:
            text, note = decode_text(path.read_bytes())
        except (OSError, ValueError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            skipped.append(Skipped(path.name, reason))
            continue
        if note:
            warnings.append(f"{path}: {note}")
        document = to_document(path.name, text, used_ids)
        if document is None:
            skipped.append(Skipped(path.name, "empty: no text"))
            continue
        used_ids.add(document.doc_id)
        documents.append(document)
    return documents, skipped, warnings


def slugify(text: str) -> str:
    slug = re.sub(r"[^0-9a-z]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
    return slug.strip("-") or "x"


def to_document(identifier: str, text: str, used_ids: set[str] | frozenset[str] = frozenset()) -> Document | None:
    """Clean one article's text into a Document; None when nothing is left."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text).replace("\u2028", "\n").replace("\u2029", "\n")
    date = None
    metadata = _METADATA.match(text)
    if metadata:
        date, text = metadata.group(1), text[metadata.end() :]
    lines = [line.strip() for line in text.split("\n")]
    title = _headline(lines)
    dateline_place = None
    paragraphs: list[str] = []
    for line in lines:
        line = strip_credits(line)
        dateline = _DATELINE.match(line)
        if dateline:
            dateline_place = dateline.group(1).strip().title()
            line = line[dateline.end() :]
        if line and line not in paragraphs:  # captions are often repeated word for word
            paragraphs.append(line)
    if not paragraphs:
        return None
    doc_id = base_id = slugify(Path(identifier).stem)
    n = 2
    while doc_id in used_ids:
        doc_id, n = f"{base_id}-{n}", n + 1
    return Document(doc_id, identifier, tuple(paragraphs), title, date, dateline_place)


def strip_credits(line: str) -> str:
    """Cut a photo credit or copyright notice, and everything after it, from a line."""
    markers = load_knowledge().lexicon["credit_markers"]
    cut = min((i for i in (line.find(m) for m in markers) if i >= 0), default=-1)
    if cut >= 0:
        line = line[:cut]
    return line.rstrip(" \t-–—|").strip()


def _headline(lines: list[str]) -> str | None:
    """A short first line without closing punctuation, followed by more text, is the headline."""
    non_empty = [line for line in lines if line]
    if len(non_empty) < 2:
        return None
    first = strip_credits(non_empty[0])
    if first and not first.endswith(_SENTENCE_END) and len(first.split()) <= _TITLE_MAX_WORDS:
        return first
    return None
